"""The command line: ``kennisbank evalueer``, ``matrix``, ``schema`` and friends.

Exit codes: 0 done, 2 invalid input (one line naming file and field, no traceback), 1 internal
error.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from kennisbank.advies import Aangepast, Casusresultaat, casusresultaat, resultaat_als_json
from kennisbank.casus import Casus
from kennisbank.casuslader import (
    GeladenCasus,
    laad_casus,
    laad_casussen,
    vind_casusbestanden,
)
from kennisbank.clicktaal import NederlandseGroep, NederlandseOpdracht
from kennisbank.clicktaal import installeer as click_in_het_nederlands
from kennisbank.domein import Werkfunctie
from kennisbank.engine import Evaluatie, Regelbank, Regelfout, laad_regelbank
from kennisbank.fouten import InvoerFout
from kennisbank.labels import waarde_label
from kennisbank.uitvoerbestand import STANDAARDUITVOER, controleer_doel, schrijf_atomair
from kennisbank.uitvoerbestand import uitvoer as uitvoer_naar
from kennisbank.voortgang import voortgang

if TYPE_CHECKING:
    from rich.console import Console

# Each command imports what only it needs (rich, jinja2, the explanation search …) in its own
# body: ``evalueer --format json`` then starts without loading the renderers.

click_in_het_nederlands()

FUNCTIE_KEUZE = click.Choice([f.value for f in Werkfunctie])


class InterneFout(click.ClickException):
    """An unexpected error, reported as one line (exit 1) instead of a traceback."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        melding = op_een_regel(self.message)
        if len(melding) > 1000:
            melding = melding[:999] + "…"
        click.echo(f"fout: {melding}", err=True)


def op_een_regel(tekst: str) -> str:
    """Control characters (a newline in a file name, an escape sequence) written as escapes."""
    return "".join(t if t.isprintable() else t.encode("unicode_escape").decode("ascii")
                   for t in tekst)


class _EenregeligeGebruiksfout:
    """A usage error is one line naming the command, not a usage block."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except click.UsageError as fout:
            raise _gebruiksfout(fout, info_name, parent) from None


class EenregeligCommando(_EenregeligeGebruiksfout, NederlandseOpdracht):
    pass


class EenregeligeGroep(_EenregeligeGebruiksfout, NederlandseGroep):
    command_class = EenregeligCommando

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as fout:
            raise _gebruiksfout(fout, None, ctx) from None


def _gebruiksfout(fout: click.UsageError, naam: str | None,
                  ouder: click.Context | None) -> OngeldigeInvoer:
    pad = " ".join(d for d in ((ouder.command_path if ouder else ""), naam or "") if d)
    return OngeldigeInvoer(f"{pad}: {' '.join(fout.format_message().split())} "
                           f"(zie {pad} --help)")


class OngeldigeInvoer(InterneFout):
    """Invalid input (exit 2): the message names the file and the field."""

    exit_code = 2


def afgeschermd(functie: Callable[..., None]) -> Callable[..., None]:
    """Turn input errors into exit 2 and unexpected errors into exit 1, without a traceback."""

    @wraps(functie)
    def omhulsel(*args: Any, **kwargs: Any) -> None:
        try:
            functie(*args, **kwargs)
        except InvoerFout as fout:
            raise OngeldigeInvoer(str(fout)) from None
        except Regelfout as fout:
            raise InterneFout(str(fout)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader stopped (``| head``): what it wanted is written; stop quietly as
            # other command-line tools do, with the status of a SIGPIPE.
            _stdout_naar_devnull()
            raise click.exceptions.Exit(128 + signal.SIGPIPE) from None
        except Exception as fout:
            if os.environ.get("KENNISBANK_DEBUG"):
                raise
            raise InterneFout(f"interne fout: {type(fout).__name__}: {fout}") from None

    return omhulsel


def _stdout_naar_devnull() -> None:
    """Python flushes standard output at exit; to a closed pipe that would fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def regels_optie(functie: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--regels", "regelmap", type=click.Path(path_type=Path), default=None,
        help="Map met regels (standaard: de regels van het project). Een regelmap is "
             "Python-code die wordt uitgevoerd: gebruik alleen een map die u vertrouwt.")(functie)


def variant_optie(functie: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--variant", "variantbestand", type=click.Path(path_type=Path), default=None,
        metavar="BESTAND.yaml",
        help="Gemeentelijke variant: YAML die cellen en rijen van de regeltabellen wijzigt, "
             "elke wijziging met haar bron (zie varianten/).")(functie)


def formaat_optie(*formaten: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --format option shared by the commands; the first format is the default."""
    return click.option("--format", "formaat", type=click.Choice(list(formaten)),
                        default=formaten[0], show_default=True,
                        help="Uitvoervorm: tekst voor mensen, json voor andere programma's"
                             + (", markdown of html voor een rapport" if "html" in formaten
                                else "") + ".")


def uitvoer_optie(functie: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "-o", "--uitvoer", "uitvoer_optie", default=None, metavar="BESTAND",
        help="Schrijf naar dit bestand in plaats van naar het scherm ('-': het scherm). Een "
             "bestaand bestand wordt in één keer vervangen en houdt zijn rechten; een "
             "invoerbestand, map of apparaat wordt geweigerd.")(functie)


def uitvoerpad(uitvoer: str | None, invoer: list[Path] | None = None) -> Path | None:
    """The checked ``-o`` target (None: standard output), before any work is done."""
    if uitvoer is None or uitvoer == STANDAARDUITVOER:
        return None
    controleer_doel(uitvoer, invoer or [])
    return Path(uitvoer)


def toon_voor_mensen(toon: Callable[[Console], None], uitvoer: Path | None) -> None:
    """Render text output to the terminal, or atomically to a file without colour codes."""
    from kennisbank.weergave import console_voor, render
    if uitvoer is None:
        click.echo(render(toon, console_voor()), nl=False)
        return
    schrijf_atomair(uitvoer, render(toon))


def schrijf_of_toon(inhoud: str, uitvoer: Path | None) -> None:
    if uitvoer is None:
        click.echo(inhoud, nl=False)
    else:
        schrijf_atomair(uitvoer, inhoud)


@click.group(cls=EenregeligeGroep, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kennisbank-werkfuncties",
                      message="%(prog)s, versie %(version)s")
def main() -> None:
    """Kennisbank werkfuncties in de binnenstad: welke werkfuncties passen in dit pand?"""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _bij_sigterm)


def _bij_sigterm(signum: int, _frame: object) -> None:
    """Stop as Ctrl-C does: unwinding, so a half-written temporary file is removed."""
    click.echo("afgebroken (SIGTERM)", err=True)
    raise SystemExit(128 + signum)


def evalueer_een_voor_een(geladen: list[GeladenCasus], bank: Regelbank,
                          functies: tuple[Werkfunctie, ...], omschrijving: str = "evalueren",
                          met_spoor: bool = True
                          ) -> Iterator[tuple[Evaluatie, Casusresultaat]]:
    """Evaluate case after case; the caller writes each before the next is evaluated.
    Output that does not show the trace asks for results without it (``met_spoor``)."""
    for item in voortgang(geladen, omschrijving):
        evaluatie = bank.evalueer(item.casus, functies)
        resultaat = casusresultaat(evaluatie, met_spoor)
        resultaat.aangepast = [Aangepast(pad=a.pad, oud=a.oud, nieuw=a.nieuw)
                               for a in item.aanpassingen]
        yield evaluatie, resultaat


def schrijf_json_lijst(resultaten: Iterable[Casusresultaat], uit: TextIO) -> None:
    """Byte for byte ``als_json``, written one case at a time so memory stays flat."""
    uit.write("[")
    leeg = True
    for resultaat in resultaten:
        tekst = resultaat_als_json(resultaat)
        uit.write(("\n  " if leeg else ",\n  ") + tekst.replace("\n", "\n  "))
        leeg = False
    uit.write("]\n" if leeg else "\n]\n")


def schrijf_tekst(resultaten: Iterable[Casusresultaat], doel: Path | None,
                  volledig: bool = False) -> None:
    """Text case by case: to the terminal in its colours, or to a file without colour codes."""
    from kennisbank.weergave import console_voor, render
    kleur_van = console_voor() if doel is None else None
    with uitvoer_naar(doel) as uit:
        for resultaat in resultaten:
            uit.write(render(functools.partial(_toon_een, resultaat, volledig=volledig),
                             kleur_van))


def _toon_een(resultaat: Casusresultaat, console: Console, volledig: bool) -> None:
    from kennisbank.weergave import toon_tekst

    toon_tekst([resultaat], console, volledig)


STEL_HULP = ("Overschrijf een feit van de casus, bijv. pand.lift=true (herhaalbaar). Een "
             "lijstveld (locatie.ook_locatietypen) krijgt items gescheiden door komma's, bijv. "
             "aanloopstraat,gebiedsontwikkeling. Een lege waarde (PAD=) maakt het feit "
             "onbekend.")


@main.command()
@click.argument("paden", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--functie", "functies", multiple=True, type=FUNCTIE_KEUZE,
              help="Alleen deze werkfunctie(s); standaard alle zes.")
@formaat_optie("tekst", "json", "markdown", "html")
@uitvoer_optie
@click.option("--stel", multiple=True, metavar="PAD=WAARDE", help=STEL_HULP)
@click.option("--volledig", is_flag=True,
              help="Toon alle redenen, voorwaarden, drempels met aanpak, de rol van de gemeente "
                   "en de checklist (standaard: alleen wat het oordeel bepaalt).")
@click.option("--auteur", default=None, help="Naam van de opsteller, in het html-rapport.")
@click.option("--kort", "kort_rapport", is_flag=True,
              help="html-rapport: alleen samenvatting, oordelen en per functie waarom en wat "
                   "eerst te vragen (hoogstens twee A4 per casus).")
@regels_optie
@variant_optie
@afgeschermd
def evalueer(paden: tuple[Path, ...], functies: tuple[str, ...], formaat: str,
             uitvoer_optie: str | None, stel: tuple[str, ...], regelmap: Path | None,
             volledig: bool, auteur: str | None, kort_rapport: bool,
             variantbestand: Path | None) -> None:
    """Evalueer casusbestanden (of mappen met casussen) en geef per werkfunctie een advies."""
    uitvoer = uitvoerpad(uitvoer_optie, vind_casusbestanden(paden))
    bank = laad_regelbank(regelmap, variantbestand)
    geladen = laad_casussen(paden, stel)
    gekozen = tuple(Werkfunctie(f) for f in dict.fromkeys(functies)) or tuple(Werkfunctie)
    if formaat in ("markdown", "html"):
        from kennisbank.rapport import kolofon, rapportcasus, schrijf_rapport

        matrixtabel = bank.tabellen.matrix
        rapporten = (rapportcasus(evaluatie, resultaat) for evaluatie, resultaat
                     in evalueer_een_voor_een(geladen, bank, gekozen, "rapporteren",
                                              met_spoor=False))
        with uitvoer_naar(uitvoer) as uit:
            html = formaat == "html"
            schrijf_rapport(rapporten, matrixtabel, html, uit,
                            kolofon(bank.vingerafdruk, auteur) if html else None, kort_rapport)
        return
    resultaten = (resultaat for _, resultaat
                  in evalueer_een_voor_een(geladen, bank, gekozen, met_spoor=formaat == "json"))
    if formaat == "json":
        with uitvoer_naar(uitvoer) as uit:
            schrijf_json_lijst(resultaten, uit)
    else:
        schrijf_tekst(resultaten, uitvoer, volledig)


@main.command()
@click.argument("casusbestand", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--uitvoer", type=click.Path(path_type=Path), default=None,
              help="Schrijf de casus hierheen (standaard: het casusbestand, of ID.yaml).")
@click.option("--functie", "functies", multiple=True, type=FUNCTIE_KEUZE,
              help="Alleen vragen die het oordeel over deze werkfunctie(s) kunnen veranderen.")
@click.option("--volgende", is_flag=True,
              help="Geef alleen de volgende vraag (of null) en stop; voor andere programma's.")
@click.option("--weet-niet", "weet_niet", multiple=True, metavar="PAD",
              help="Met --volgende: dit feit is niet bekend, vraag het niet (herhaalbaar).")
@formaat_optie("tekst", "json")
@regels_optie
@variant_optie
@afgeschermd
def interview(casusbestand: Path | None, uitvoer: Path | None, functies: tuple[str, ...],
              volgende: bool, weet_niet: tuple[str, ...], formaat: str,
              regelmap: Path | None, variantbestand: Path | None) -> None:
    """Vraag alleen wat een oordeel nog kan veranderen, en schrijf de casus."""
    from kennisbank.interviewsessie import start_interview
    start_interview(laad_regelbank(regelmap, variantbestand), casusbestand, uitvoer,
                    tuple(Werkfunctie(f) for f in functies), volgende, weet_niet, formaat)


@main.command()
@formaat_optie("tekst", "json")
@regels_optie
@variant_optie
@afgeschermd
def matrix(formaat: str, regelmap: Path | None, variantbestand: Path | None) -> None:
    """Toon de indicatieve matrix van werkfuncties en locatietypen (handreiking 1.4).

    Met --variant de cellen van de variant; elke gewijzigde cel krijgt een noot met de waarde
    in de handreiking en de lokale bron.
    """
    from kennisbank.weergave import matrix_als_json, toon_matrix
    bank = laad_regelbank(regelmap, variantbestand)
    tabel = bank.tabellen.matrix
    if formaat == "json":
        click.echo(matrix_als_json(tabel, bank.variant), nl=False)
    else:
        toon_voor_mensen(lambda console: toon_matrix(tabel, console, bank.variant), None)


@main.command()
@click.argument("casusbestand", type=click.Path(path_type=Path))
@click.option("--functie", "functie", required=True, type=FUNCTIE_KEUZE,
              help="De werkfunctie om te verklaren.")
@formaat_optie("tekst", "json")
@uitvoer_optie
@click.option("--stel", multiple=True, metavar="PAD=WAARDE", help=STEL_HULP)
@click.option("--rij", type=int, default=None,
              help="Bij een register (.csv/.xlsx): de rij zoals het rekenblad haar nummert.")
@click.option("--id", "casus_id", default=None, help="Bij een register: de rij met deze id.")
@click.option("--kolommen", "kolommenbestand", type=click.Path(path_type=Path), default=None,
              help="Bij een register: de kolomvertaling, zoals bij scan.")
@click.option("--boom", is_flag=True,
              help="Toon ook de redeneerboom: elke conclusie met regel, bron en citaat.")
@regels_optie
@variant_optie
@afgeschermd
def verklaar(casusbestand: Path, functie: str, formaat: str, uitvoer_optie: str | None,
             stel: tuple[str, ...], rij: int | None, casus_id: str | None,
             kolommenbestand: Path | None, boom: bool, regelmap: Path | None,
             variantbestand: Path | None) -> None:
    """Waarom (niet)? De onderbouwing van een oordeel en wat er zou moeten veranderen.

    CASUSBESTAND is een casus (YAML) of een register (CSV/XLSX) met --rij N of --id ID.
    """
    from kennisbank.verklaring import verklaar as maak_verklaring
    uitvoer = uitvoerpad(uitvoer_optie, [casusbestand])
    bank = laad_regelbank(regelmap, variantbestand)
    geladen = _casus_of_registerrij(casusbestand, kolommenbestand, rij, casus_id, stel)
    verklaring = maak_verklaring(bank, geladen.casus, Werkfunctie(functie))
    aangepast = [f"Aangepast voor deze verklaring: {a.pad} = {waarde_label(a.nieuw)[:80]} (in "
                 f"het bestand: {waarde_label(a.oud)[:80]})" for a in geladen.aanpassingen]
    plan = geladen.casus.beleid.omgevingsplan.get(Werkfunctie(functie))
    if formaat == "json":
        data = verklaring.model_dump(mode="json")
        data["aangepast"] = [{"pad": a.pad, "oud": a.oud, "nieuw": a.nieuw}
                             for a in geladen.aanpassingen]
        schrijf_of_toon(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
                        uitvoer)
    else:
        from kennisbank.weergave_verklaring import toon_verklaring
        toon_voor_mensen(lambda console: toon_verklaring(verklaring, console, aangepast, boom,
                                                         plan), uitvoer)


def _casus_of_registerrij(bestand: Path, kolommenbestand: Path | None, rij: int | None,
                          casus_id: str | None, stel: tuple[str, ...]) -> GeladenCasus:
    """A case file, or one row of a register (whose readers load only for a register)."""
    if bestand.suffix.lower() not in (".yaml", ".yml"):
        from kennisbank.register import REGISTEREXTENSIES, laad_registerrij
        if bestand.suffix.lower() in REGISTEREXTENSIES:
            return laad_registerrij(bestand, kolommenbestand, rij, casus_id, stel)
    return laad_casus(bestand, stel)


@main.command()
@click.argument("paden", nargs=-1, type=click.Path(path_type=Path))
@regels_optie
@variant_optie
@click.option("--bijwerken", is_flag=True,
              help="Leg de werkelijke uitkomst vast als nieuwe verwachting (na beoordeling).")
@formaat_optie("tekst", "json")
@afgeschermd
def regressie(paden: tuple[Path, ...], regelmap: Path | None, bijwerken: bool,
              formaat: str, variantbestand: Path | None) -> None:
    """Vergelijk opgeslagen casussen met hun verwachte uitkomst (standaard: cases/).

    Met --regels DIR draait elke casus ook onder de projectregels, zodat per verschil zichtbaar
    wordt welke regels nu anders vuren of concluderen. Met --variant toont het per casus wat de
    gemeentelijke variant verandert ten opzichte van de regels van de handreiking.
    """
    from kennisbank.bijwerken import werk_bij
    from kennisbank.regressie import als_dict, draai, variantimpact, variantimpact_als_dict
    from kennisbank.weergave import toon_regressie, toon_variantimpact
    if variantbestand is not None and bijwerken:
        raise InvoerFout(variantbestand, "--bijwerken legt de uitkomst van de handreiking "
                                         "vast, niet die van een variant; laat een van beide weg")
    geladen = laad_casussen(paden or (Path("cases"),))
    if variantbestand is not None:
        metvariant = laad_regelbank(regelmap, variantbestand)
        impact = variantimpact(geladen, laad_regelbank(regelmap), metvariant,
                               volg=lambda casussen: voortgang(casussen, "vergelijken"))
        if formaat == "json":
            click.echo(json.dumps(variantimpact_als_dict(impact, metvariant),
                                  ensure_ascii=False, indent=2))
        else:
            toon_voor_mensen(lambda console: toon_variantimpact(impact, metvariant, console),
                             None)
        return
    bank = laad_regelbank(regelmap)
    standaard = laad_regelbank()
    referentie = standaard if bank.map != standaard.map else None
    uitkomst = draai(geladen, bank, referentie,
                     volg=lambda casussen: voortgang(casussen, "vergelijken"))
    if formaat == "json":
        click.echo(json.dumps(als_dict(uitkomst), ensure_ascii=False, indent=2))
    else:
        toon_voor_mensen(lambda console: toon_regressie(uitkomst, bank, referentie, console),
                         None)
    if bijwerken:
        bestanden = {g.casus.id: g.bestand for g in geladen}
        aantal = 0
        for casus_id in [*uitkomst.zonder_verwachting,
                         *dict.fromkeys(a.casus for a in uitkomst.afwijkingen)]:
            # Each file is reported as soon as it is written: an interrupted run says how far
            # it got.
            for wijziging in werk_bij(bestanden[casus_id], uitkomst.resultaten[casus_id],
                                      [a for a in uitkomst.afwijkingen if a.casus == casus_id]):
                click.echo(f"bijgewerkt: {wijziging}")
                aantal += 1
        click.echo(f"{aantal} verwachting(en) bijgewerkt.")
        return
    if not uitkomst.geslaagd:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("paden", nargs=-1, type=click.Path(path_type=Path))
@regels_optie
@formaat_optie("tekst", "json")
@afgeschermd
def dekking(paden: tuple[Path, ...], regelmap: Path | None, formaat: str) -> None:
    """Regeldekking door de opgeslagen casussen: hoe vaak vuurt elke regel?

    Een casus die meer locatietypen noemt (ook_locatietypen) telt onder elk type mee.
    """
    from kennisbank.regressie import dekking as regeldekking
    from kennisbank.regressie import lezingen, rijdekking
    from kennisbank.weergave import toon_dekking
    geladen = laad_casussen(paden or (Path("cases"),))
    bank = laad_regelbank(regelmap)
    evaluaties = {g.casus.id: bank.evalueer(g.casus) for g in voortgang(geladen, "evalueren")}
    per_regel = regeldekking(evaluaties, bank)
    per_rij = rijdekking(evaluaties)
    meer_typen = lezingen(evaluaties)
    if formaat == "json":
        click.echo(json.dumps({"regels": per_regel, "profielrijen": per_rij,
                               "gelezen_als": meer_typen}, ensure_ascii=False, indent=2))
    else:
        toon_voor_mensen(lambda console: toon_dekking(per_regel, per_rij, bank, len(geladen),
                                                      console, meer_typen), None)
    if any(not casussen for casussen in per_regel.values()):
        raise click.exceptions.Exit(1)


@main.command()
@formaat_optie("tekst", "json")
@regels_optie
@variant_optie
@afgeschermd
@click.option("--per-sectie", "sectiegewijs", is_flag=True,
              help="Per sectie van de handreiking: de regels en tabelrijen die haar coderen, "
                   "of waarom zij niet gecodeerd is.")
def kennis(formaat: str, regelmap: Path | None, sectiegewijs: bool,
           variantbestand: Path | None) -> None:
    """Toon de hele kennisbank: functies, locaties, matrix, drempels, checklist, rollen, regels."""
    from kennisbank.kennis import kennisbank_overzicht, per_sectie, toon_kennis, toon_per_sectie
    overzicht = kennisbank_overzicht(laad_regelbank(regelmap, variantbestand))
    if sectiegewijs:
        secties = per_sectie(overzicht)
        if formaat == "json":
            click.echo(json.dumps(secties, ensure_ascii=False, indent=2))
        else:
            toon_voor_mensen(lambda console: toon_per_sectie(secties, console), None)
    elif formaat == "json":
        click.echo(json.dumps(overzicht, ensure_ascii=False, indent=2))
    else:
        toon_voor_mensen(lambda console: toon_kennis(overzicht, console), None)


@main.command()
@click.argument("pad", type=click.Path(path_type=Path))
@click.option("--gemeente", default=None, help="Vul de gemeente alvast in.")
@afgeschermd
def nieuw(pad: Path, gemeente: str | None) -> None:
    """Schrijf een casussjabloon met toelichting bij elk veld (eenheid, keuzes, wie)."""
    from kennisbank.sjabloon import id_uit_bestandsnaam, sjabloon
    if pad.exists() or pad.is_symlink():
        raise InvoerFout(pad, "bestaat al; kies een nieuwe naam (een casus wordt niet "
                              "overschreven)")
    if pad.suffix not in (".yaml", ".yml"):
        raise InvoerFout(pad, "een casusbestand eindigt op .yaml")
    schrijf_atomair(pad, sjabloon(id_uit_bestandsnaam(pad.stem), gemeente))
    click.echo(f"{pad} geschreven: vul in wat bekend is en controleer met "
               f"'kennisbank evalueer {pad}'.")


@main.command()
@afgeschermd
def schema() -> None:
    """Print het JSON Schema van een casusbestand (voor editors en validatie)."""
    data = Casus.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "Casus: kennisbank werkfuncties binnenstad"
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("register", type=click.Path(path_type=Path))
@click.option("--kolommen", "kolommenbestand", type=click.Path(path_type=Path), default=None,
              help="YAML die kolomnamen en waarden van het register vertaalt naar casuspaden "
                   "(bijv. kennisbank/kolommen/bag.yaml).")
@uitvoer_optie
@click.option("--vorm", type=click.Choice(["breed", "lang"]), default="breed", show_default=True,
              help="breed: één rij per pand; lang: één rij per pand × werkfunctie.")
@click.option("--rapport", "rapport_optie", default=None, metavar="BESTAND",
              help="Schrijf ook een overzicht in HTML: aantallen, kansrijke panden, drempels, "
                   "kaart.")
@click.option("--functie", "functies", multiple=True, type=FUNCTIE_KEUZE,
              help="Alleen deze werkfunctie(s); standaard alle zes.")
@click.option("--werkers", type=click.IntRange(min=1), default=None,
              help="Aantal processen (standaard: het aantal beschikbare kernen).")
@click.option("--dask", "dask_adres", default=None, metavar="ADRES",
              help="Evalueer op een Dask-cluster (scheduler-adres, bijv. tcp://host:8786); "
                   "vraagt de extra 'dask'.")
@regels_optie
@variant_optie
@afgeschermd
def scan(register: Path, kolommenbestand: Path | None, uitvoer_optie: str | None, vorm: str,
         rapport_optie: str | None, functies: tuple[str, ...], werkers: int | None,
         dask_adres: str | None, regelmap: Path | None, variantbestand: Path | None) -> None:
    """Evalueer een heel register (CSV, XLSX, GeoJSON, GeoPackage) tegen de handreiking.

    Eén rij (of feature) per pand. De uitvoer (-o) is .csv, .xlsx, .geojson of .gpkg; zonder -o
    CSV op het scherm.

    Een kolom heet naar een casuspad (pand.oppervlakte_m2) of wordt met --kolommen vertaald; een
    lege cel is onbekend. Een lijstveld (locatie.ook_locatietypen) noemt zijn items in één cel,
    gescheiden door '|': aanloopstraat|gebiedsontwikkeling (in GeoJSON mag het ook een lijst
    zijn); --kolommen vertaalt elk item apart. Bij meer locatietypen geeft de uitvoer per functie
    het gunstigste oordeel.

    Ongeldige rijen staan met rijnummer, kolom en melding in het foutenbestand naast de
    uitvoer; de geldige rijen worden toch geëvalueerd. Exit 0: alle rijen geëvalueerd, 2: een
    of meer rijen ongeldig, 1: interne fout.
    """
    from kennisbank.scan import standaard_werkers
    from kennisbank.scanoverzicht import Scanoverzicht, schrijf_scanrapport
    from kennisbank.scanuitvoer import scan_register

    uitvoer = uitvoerpad(uitvoer_optie, [register])
    gekozen = tuple(Werkfunctie(f) for f in dict.fromkeys(functies)) or tuple(Werkfunctie)
    # A broken rules directory or variant is one input error before any work.
    laad_regelbank(regelmap, variantbestand)
    rapport = uitvoerpad(rapport_optie, [register])
    overzicht = Scanoverzicht(gekozen) if rapport is not None else None
    verslag = scan_register(register, uitvoer, kolommenbestand, gekozen, vorm,
                            werkers or standaard_werkers(), regelmap,
                            (overzicht.neem_op,) if overzicht is not None else (),
                            dask_adres, variantbestand)
    if rapport is not None and overzicht is not None:
        schrijf_scanrapport(rapport, overzicht, register, verslag.ongeldig)
    click.echo(f"{verslag.geevalueerd} panden geëvalueerd, {verslag.ongeldig} ongeldige rij(en) "
               f"(zie {verslag.foutenbestand}).", err=True)
    if verslag.ongeldig:
        raise click.exceptions.Exit(2)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
