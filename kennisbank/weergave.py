"""Rendering results for people (text) and for tools (JSON)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import TypeVar

from rich.console import Console
from rich.progress import track
from rich.table import Table
from rich.text import Text

from kennisbank.advies import Advies, Casusresultaat
from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import Regelbank
from kennisbank.regressie import Regressie
from kennisbank.tabellen import Matrixtabel

OORDEELSTIJL = {
    Oordeel.PASSEND: "bold green",
    Oordeel.PASSEND_ONDER_VOORWAARDEN: "green",
    Oordeel.BEPERKT_PASSEND: "yellow",
    Oordeel.NIET_PASSEND: "red",
}
OORDEELTEKST = {
    Oordeel.PASSEND: "passend",
    Oordeel.PASSEND_ONDER_VOORWAARDEN: "passend onder voorwaarden",
    Oordeel.BEPERKT_PASSEND: "beperkt passend",
    Oordeel.NIET_PASSEND: "niet passend",
}


def als_json(resultaten: Sequence[Casusresultaat]) -> str:
    """The JSON contract: a list with one object per case; byte-identical for the same input."""
    data = [r.model_dump(mode="json") for r in resultaten]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def console_voor(uitvoer: io.StringIO | None = None, kleur: bool = True) -> Console:
    if uitvoer is not None:
        return Console(file=uitvoer, width=110, color_system=None, highlight=False,
                       soft_wrap=False)
    return Console(highlight=False, color_system="auto" if kleur else None)


T = TypeVar("T")


def voortgang(items: Sequence[T], omschrijving: str) -> Iterable[T]:
    """A progress bar on a terminal's stderr for long runs; silent when piped or in CI."""
    foutuitvoer = Console(stderr=True)
    if len(items) < 5 or not foutuitvoer.is_terminal:
        return items
    return track(items, description=omschrijving, console=foutuitvoer, transient=True)


def bronlabel(bron: str) -> str:
    return f"[{bron}]"


def punt(console: Console, tekst: str | Text, inspringing: int = 4, teken: str = "-",
         style: str = "") -> None:
    """A bullet whose wrapped lines stay indented under its text (hanging indent)."""
    rooster = Table.grid(padding=(0, 1))
    rooster.add_column(width=inspringing + len(teken), justify="right", no_wrap=True)
    rooster.add_column(ratio=1)
    rooster.add_row(teken, tekst if isinstance(tekst, Text) else Text(tekst, style=style))
    console.print(rooster)


def toon_tekst(resultaten: Sequence[Casusresultaat], console: Console) -> None:
    for resultaat in resultaten:
        _toon_casus(resultaat, console)


def _toon_casus(resultaat: Casusresultaat, console: Console) -> None:
    kop = f"Casus {resultaat.casus} — {resultaat.gemeente}"
    if resultaat.titel:
        kop += f": {resultaat.titel}"
    console.rule(Text(kop, style="bold"))
    if resultaat.illustratief:
        console.print("Illustratieve casus.", style="italic")
    for aanpassing in resultaat.aangepast:
        console.print(f"Aangepast voor deze evaluatie: {aanpassing.pad} = {aanpassing.nieuw!r} "
                      f"(in het bestand: {aanpassing.oud!r})", style="magenta")
    tabel = Table(show_lines=False, expand=False)
    for kolom in ("werkfunctie", "matrix", "oordeel", "voorwaarden", "open vragen", "drempels"):
        tabel.add_column(kolom)
    for advies in resultaat.adviezen:
        tabel.add_row(advies.naam, advies.matrixscore or "–",
                      Text(OORDEELTEKST[advies.oordeel], style=OORDEELSTIJL[advies.oordeel]),
                      str(len(advies.voorwaarden)), str(len(advies.open_vragen)),
                      ", ".join(d.id for d in advies.drempels) or "–")
    console.print(tabel)
    for advies in resultaat.adviezen:
        _toon_advies(advies, console)
    _toon_checklist(resultaat, console)
    console.print()


def _toon_checklist(resultaat: Casusresultaat, console: Console) -> None:
    console.print()
    console.print(Text("Checklist (deel 3): open punten per fase", style="bold"))
    for fase in resultaat.checklist:
        console.print(f"  {fase.naam}:")
        for item in fase.items:
            status = f"{len(item.beantwoord)} beantwoord, {len(item.open)} open"
            punt(console, f"{item.titel} ({status}) {bronlabel(item.bron)}", 2, f"{item.nummer}.")
            for vraag in item.open:
                punt(console, vraag, 7, style="dim")


def _toon_advies(advies: Advies, console: Console) -> None:
    console.print()
    console.print(Text.assemble((f"{advies.naam}: ", "bold"),
                                (OORDEELTEKST[advies.oordeel], OORDEELSTIJL[advies.oordeel])))
    begrenzend = [r for r in advies.redenen if r.grens is not None]
    overig = [r for r in advies.redenen if r.grens is None]
    if begrenzend:
        console.print("  Waarom dit oordeel:")
        for reden in sorted(begrenzend, key=lambda r: r.grens.rang if r.grens else 9):
            punt(console, f"{reden.tekst} {bronlabel(reden.bron)}")
    if overig:
        console.print("  Verder:")
        for reden in overig:
            punt(console, f"{reden.tekst} {bronlabel(reden.bron)}")
    if advies.voorwaarden:
        console.print("  Voorwaarden:")
        for voorwaarde in advies.voorwaarden:
            punt(console, f"{voorwaarde.tekst} {bronlabel(voorwaarde.bron)}")
    if advies.open_vragen:
        console.print("  Open vragen:")
        for vraag in advies.open_vragen:
            punt(console, f"{vraag.vraag} {bronlabel(vraag.bron)}")
    if advies.drempelvragen:
        console.print("  Open vragen over drempels (beslissen het oordeel niet):")
        for vraag in advies.drempelvragen:
            punt(console, f"{vraag.vraag} {bronlabel(vraag.bron)}")
    levendig = advies.levendigheid
    if levendig.dag and levendig.avond:
        console.print(f"  Levendigheid: overdag {levendig.dag.niveau}, 's avonds "
                      f"{levendig.avond.niveau} {bronlabel(levendig.dag.bron)}")
    if advies.overlast:
        console.print(f"  Overlastrisico: {advies.overlast.risico} ({advies.overlast.toelichting})"
                      f" {bronlabel('2.D1')}")
    if advies.drempels:
        console.print("  Drempels:")
        for drempel in advies.drempels:
            punt(console, Text.assemble(
                (drempel.id, "bold"),
                f" (beïnvloedbaarheid {drempel.beinvloedbaarheid}) {bronlabel(drempel.bron)}: ",
                "; ".join(r.tekst.rstrip(".") for r in drempel.redenen)))
            for stap in drempel.aanpak:
                twijfel = " (als het past)" if stap.onzeker else ""
                punt(console, f"{stap.titel}{twijfel}", 6, f"{stap.nummer}.")
    if advies.gemeente:
        gemeente = advies.gemeente
        console.print("  Wat de gemeente kan doen:")
        punt(console, f"{gemeente.tekst} {bronlabel(gemeente.bron)}")
        if gemeente.sturing:
            punt(console, f"Sturing: {', '.join(gemeente.sturing)} {bronlabel('1.6')}; "
                          f"rollen: {', '.join(gemeente.rollen)} {bronlabel('4.5')}")
        for gemeentestap in gemeente.stappen:
            punt(console, f"{gemeentestap.tekst} ({gemeentestap.sturing}; "
                          f"{', '.join(gemeentestap.rollen)}) {bronlabel(gemeentestap.bron)}", 6)
    for aanname in advies.aannames:
        console.print(f"  Aanname ({aanname.regel}): {aanname.tekst}", style="dim")


def toon_matrix(matrix: Matrixtabel, console: Console) -> None:
    tabel = Table(title=f"{BRONNEN[matrix.bron]} {bronlabel(matrix.bron)}")
    tabel.add_column("werkfunctie", no_wrap=True)
    for nummer, _ in enumerate(Locatietype, start=1):
        tabel.add_column(f"L{nummer}", justify="center")
    for functie in Werkfunctie:
        tabel.add_row(WERKFUNCTIE_NAMEN[functie],
                      *(matrix.cellen[functie][lt] for lt in Locatietype))
    console.print(tabel)
    for nummer, locatietype in enumerate(Locatietype, start=1):
        console.print(f"  L{nummer} = {LOCATIETYPE_NAMEN[locatietype]} ({locatietype.value})")
    for symbool, legenda in matrix.legenda.items():
        console.print(f"  {symbool:>3} = {legenda.betekenis}")


def matrix_als_json(matrix: Matrixtabel) -> str:
    data = {f.value: {lt.value: matrix.cellen[f][lt] for lt in Locatietype} for f in Werkfunctie}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def toon_regressie(uitkomst: Regressie, bank: Regelbank, referentie: Regelbank | None,
                   console: Console) -> None:
    if referentie is not None:
        console.print(f"Regels: {bank.map} (vergeleken met {referentie.map})")
    for casus_id in uitkomst.zonder_verwachting:
        console.print(f"{casus_id}: geen verwachting vastgelegd", style="yellow")
    for afwijking in uitkomst.afwijkingen:
        verwacht = afwijking.verwacht_oordeel.value if afwijking.verwacht_oordeel else "?"
        kop = Text.assemble((f"{afwijking.casus}", "bold"), f" {afwijking.werkfunctie}: ",
                            (f"{verwacht} → {afwijking.oordeel.value}",
                             "red" if afwijking.oordeel_wijkt_af else ""))
        console.print(kop)
        if afwijking.drempels_erbij:
            console.print(f"    drempels erbij: {', '.join(afwijking.drempels_erbij)}")
        if afwijking.drempels_weg:
            console.print(f"    drempels weg: {', '.join(afwijking.drempels_weg)}")
        if afwijking.voorwaarden_ontbreken:
            ontbreken = "; ".join(afwijking.voorwaarden_ontbreken)
            console.print(f"    voorwaarden ontbreken: {ontbreken}")
        for regel in afwijking.regels:
            console.print(f"    regel {regel}", style="dim")
    afwijkend = len({a.casus for a in uitkomst.afwijkingen}) + len(uitkomst.zonder_verwachting)
    console.print(f"{uitkomst.casussen} casussen, {uitkomst.kloppen} kloppen, "
                  f"{afwijkend} wijken af ({len(uitkomst.afwijkingen)} functies).")


def toon_dekking(per_regel: dict[str, list[str]], per_rij: dict[str, list[str]],
                 bank: Regelbank, aantal_casussen: int, console: Console) -> None:
    tabel = Table(title=f"Regeldekking door {aantal_casussen} casussen")
    tabel.add_column("regel", no_wrap=True)
    tabel.add_column("bron")
    tabel.add_column("casussen", justify="right")
    bronnen = {meta.id: ", ".join(meta.bronnen[:3]) for meta in bank.regels}
    for regel_id, casussen in per_regel.items():
        tabel.add_row(regel_id, bronnen.get(regel_id, ""),
                      Text(str(len(casussen)), style="red" if not casussen else ""))
    console.print(tabel)
    beslissend = sum(1 for casussen in per_rij.values() if casussen)
    console.print(f"Profielrijen (eisen en Wél/Niet-locaties): {beslissend} van {len(per_rij)} "
                  f"geven in ten minste één casus de doorslag (eis niet voldaan, locatie geldt).")
    nooit = [rij for rij, casussen in per_rij.items() if not casussen]
    if nooit:
        console.print(f"Nog nooit beslissend: {', '.join(nooit)}", style="dim")
    ongedekt = [r for r, c in per_regel.items() if not c]
    if ongedekt:
        console.print(f"Niet geraakt door een casus: {', '.join(ongedekt)}", style="red")
    else:
        console.print("Elke regel wordt door ten minste één casus geraakt.")
