"""Rendering results for people (text) and for tools (JSON)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kennisbank.advies import (
    GUNSTIGSTE_LOCATIETYPE,
    Advies,
    Casusresultaat,
    MetLokaalBeleid,
    Redenering,
    Variantvermelding,
)
from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import Regelbank
from kennisbank.labels import (
    OORDEEL_LABELS,
    VRAGEN_ZONDER_GEVOLG,
    drempel_label,
    functie_label,
    locatietype_label,
    oordeel_label,
    waarde_label,
)
from kennisbank.regressie import Regressie, Variantimpact
from kennisbank.tabellen import Matrixtabel
from kennisbank.tekstveilig import onschadelijk, ontsmet
from kennisbank.variant import GeladenVariant, matrixwijzigingen

OORDEELSTIJL = {
    Oordeel.PASSEND: "bold green",
    Oordeel.PASSEND_ONDER_VOORWAARDEN: "green",
    Oordeel.BEPERKT_PASSEND: "yellow",
    Oordeel.NIET_PASSEND: "red",
}
OORDEELTEKST = {oordeel: OORDEEL_LABELS[oordeel.value] for oordeel in Oordeel}


def console_voor(uitvoer: io.StringIO | None = None, kleur: bool = True,
                 breedte: int | None = None) -> Console:
    """A console that never reads case text as markup or emoji codes."""
    if uitvoer is not None:
        return Console(file=uitvoer, width=breedte or BESTANDSBREEDTE, color_system=None,
                       highlight=False, soft_wrap=False, markup=False, emoji=False)
    return Console(highlight=False, color_system="auto" if kleur else None, markup=False,
                   emoji=False)


#: Width of text written to a file (``-o``): readable in an editor and in print.
BESTANDSBREEDTE = 100

_SLEEPSPATIES = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def zonder_sleepspaties(tekst: str) -> str:
    """Rich pads tables and grids to the full width; people and diffs want no trailing spaces."""
    return _SLEEPSPATIES.sub(r"\1", tekst)


def render(toon: Callable[[Console], None], kleur_van: Console | None = None) -> str:
    """Render to a string: with the colours and width of ``kleur_van`` (a terminal), else plain."""
    buffer = io.StringIO()
    if kleur_van is None:
        console = console_voor(buffer)
    else:
        console = Console(file=buffer, width=kleur_van.width,
                          color_system="auto" if kleur_van.color_system else None,
                          force_terminal=kleur_van.is_terminal, highlight=False, soft_wrap=False,
                          markup=False, emoji=False)
    toon(console)
    return zonder_sleepspaties(buffer.getvalue())


def bronlabel(bron: str) -> str:
    return f"[{bron}]"


def herkomst(item: MetLokaalBeleid) -> str:
    """The guide's section, and beside it the local policy of a variant the item rests on."""
    bron = getattr(item, "bron", None) or ""
    if not item.lokaal:
        return bronlabel(bron)
    lokaal = "; ".join(dict.fromkeys(b.label for b in item.lokaal))
    return f"[handreiking {bron}; {lokaal}]"


def variantregel(variant: Variantvermelding) -> str:
    """The header line naming the municipal variant in force."""
    return (f"Variant: {variant.naam} ({variant.gemeente}, {variant.wijzigingen} wijziging(en)"
            + (", illustratief: geen vastgesteld beleid" if variant.illustratief else "") + ")")


def punt(console: Console, tekst: str | Text, inspringing: int = 4, teken: str = "-",
         style: str = "") -> None:
    """A bullet whose wrapped lines stay indented under its text (hanging indent).

    The text is wrapped by rich itself to the width left after the bullet; building the same
    layout as a one-row table costs a full table render per bullet, most of the text output.
    """
    kantlijn = inspringing + len(teken)
    breedte = max(console.width - kantlijn - 1, 1)
    inhoud = tekst if isinstance(tekst, Text) else Text(tekst, style=style)
    regels = inhoud.wrap(console, breedte)
    for nummer, regel in enumerate(regels):
        links = teken.rjust(kantlijn) if nummer == 0 else " " * kantlijn
        if len(regels) > 1:  # a wrapped cell fills its column, as the table layout did
            regel.pad_right(breedte - regel.cell_len)
        console.print(Text(links + " ") + regel, soft_wrap=True)


def oordeeltekst(oordeel: Oordeel) -> Text:
    return Text(OORDEELTEKST[oordeel], style=OORDEELSTIJL[oordeel])


#: How many deciding reasons, conditions and questions the short output shows per function.
KORT_REDENEN = 2
KORT_VOORWAARDEN = 2
KORT_VRAGEN = 1
KORT_AANNAMES = 2


def toon_tekst(resultaten: Sequence[Casusresultaat], console: Console,
               volledig: bool = False) -> None:
    """Per case: the verdict table first, then per function why, on what condition, what to ask;
    assumptions once at the end. ``volledig`` adds every reason, barrier approach and the
    checklist."""
    for resultaat in resultaten:
        _toon_casus(ontsmet(resultaat), console, volledig)


def beslissende_redenen(advies: Advies) -> list[Redenering]:
    """The reasons that pin the verdict: those whose limit is the verdict itself, worst first."""
    begrenzend = sorted((r for r in advies.redenen if r.grens is not None),
                        key=lambda r: r.grens.rang if r.grens else 9)
    bepalend = [r for r in begrenzend if r.grens == advies.oordeel]
    return bepalend or begrenzend[:1]


def oordeelregel(advies: Advies) -> Text:
    """The verdict line: the function, its verdict and what stands out most to a reader."""
    regel = Text.assemble((f"{advies.naam}: ", "bold"), oordeeltekst(advies.oordeel))
    if advies.matrixscore:
        regel.append(f"  (matrix {advies.matrixscore})", style="dim")
    return regel


def _toon_casus(resultaat: Casusresultaat, console: Console, volledig: bool) -> None:
    console.rule(Text(f"Casus {resultaat.casus}", style="bold"))
    kop = resultaat.gemeente + (f": {resultaat.titel}" if resultaat.titel else "")
    console.print(Text(kop, style="bold"))
    primair, *ook = resultaat.locatietypen
    console.print(f"Locatietype: {locatietype_label(primair)}"
                  + (f"; ook: {', '.join(locatietype_label(lt) for lt in ook)}" if ook else "")
                  + ("  ·  illustratieve casus" if resultaat.illustratief else ""))
    if resultaat.variant is not None:
        console.print(variantregel(resultaat.variant), style="magenta")
    for aanpassing in resultaat.aangepast:
        console.print(f"Aangepast voor deze evaluatie: {aanpassing.pad} = "
                      f"{waarde_label(aanpassing.nieuw)} (in het bestand: "
                      f"{waarde_label(aanpassing.oud)})", style="magenta")
    tabel = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    tabel.add_column("Werkfunctie", overflow="fold")
    tabel.add_column("Matrix", overflow="fold")
    tabel.add_column("Oordeel", overflow="fold")
    tabel.add_column("Drempels (2.D)", overflow="fold")
    for advies in resultaat.adviezen:
        tabel.add_row(advies.naam, advies.matrixscore or "–", oordeeltekst(advies.oordeel),
                      drempelcel(advies))
    console.print(tabel)
    _toon_per_locatietype(resultaat, console)
    _toon_drempels_per_casus(resultaat, console)
    for advies in resultaat.adviezen:
        if volledig:
            _toon_advies_volledig(advies, console)
        else:
            _toon_advies_kort(advies, console)
    if volledig:
        _toon_checklist(resultaat, console)
        _toon_organisatie(resultaat, console)
    _toon_aannames(resultaat, console, volledig)
    if not volledig:
        console.print()
        console.print("Alles: --volledig. Wat er zou moeten veranderen: kennisbank verklaar.",
                      style="dim")
    console.print()


def _toon_per_locatietype(resultaat: Casusresultaat, console: Console) -> None:
    """Only where the case names more than one location type: the verdict under each, the type
    a verdict comes from marked when it is not the primary one, and each type's 1.3 text."""
    if len(resultaat.locatietypen) < 2:
        return
    typen = [Locatietype(str(lt)) for lt in resultaat.locatietypen]
    console.print()
    console.print(Text.assemble(("Oordeel per locatietype", "bold"),
                                (" (* het gunstigste: daar komt het oordeel van de functie "
                                 "vandaan)", "dim")))
    tabel = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    tabel.add_column("Werkfunctie", overflow="fold")
    for lt in typen:
        tabel.add_column(LOCATIETYPE_BRONNEN[lt] + (" (primair)" if lt == typen[0] else ""),
                         overflow="fold")
    for advies in resultaat.adviezen:
        cellen: list[str | Text] = [advies.naam]
        for regel in advies.oordeel_per_locatietype or []:
            cel = oordeeltekst(regel.oordeel)
            if not regel.primair and advies.locatietype == regel.locatietype.value:
                cel.append(" *")
            cellen.append(cel)
        tabel.add_row(*cellen)
    console.print(tabel)
    for lt in typen:
        punt(console, Text.assemble(f"{LOCATIETYPE_NAMEN[lt]}: ",
                                    (f"\"{LOCATIETYPE_DEFINITIES[lt]}\"", "dim")),
             0, LOCATIETYPE_BRONNEN[lt])


def _toon_organisatie(resultaat: Casusresultaat, console: Console) -> None:
    if not resultaat.organisatie:
        return
    console.print()
    console.print(Text("Organisatie en procesregie van de gemeente (deel 4)", style="bold"))
    for punt_ in resultaat.organisatie:
        afgeleid = (f" (aanname, uit de casus: {punt_.afgeleid_uit})"
                    if punt_.afgeleid_uit else "")
        punt(console, f"{punt_.tekst}: {punt_.status}{afgeleid} {bronlabel(punt_.bron)}", 2)


_MATRIXREDEN = re.compile(r"^Matrix: .+? op locatietype '[^']+' is (\S+?): (.+?)\.?$")


def kort_redentekst(reden: Redenering) -> str:
    """A matrix reason without the function and location the heading already names."""
    passend = _MATRIXREDEN.match(reden.tekst) if reden.regel == "matrix.score" else None
    if passend:
        return f"matrix {passend.group(1)}: {passend.group(2)}"
    return reden.tekst


#: Width of the label column ("vraag eerst:") in the short output.
LABELBREEDTE = 12


def _veld(console: Console, label: str, tekst: str | Text, style: str = "") -> None:
    """A labelled line whose wrapped text stays under the text, not under the label."""
    rooster = Table.grid(padding=(0, 1))
    rooster.add_column(width=2 + LABELBREEDTE, no_wrap=True)
    rooster.add_column(ratio=1)
    rooster.add_row(Text("  " + label, style="dim"),
                    tekst if isinstance(tekst, Text) else Text(tekst, style=style))
    console.print(rooster)


def getoonde_regels(advies: Advies) -> set[str]:
    """The rules behind what the short output shows for a function: their assumptions matter."""
    regels = {r.regel for r in beslissende_redenen(advies)[:KORT_REDENEN]}
    if advies.oordeel != Oordeel.NIET_PASSEND:
        regels |= {v.regel for v in advies.voorwaarden[:KORT_VOORWAARDEN]}
    if advies.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN:
        regels.add("oordeel.bepalen")
    if advies.oordeel_per_locatietype:
        regels.add(GUNSTIGSTE_LOCATIETYPE)
    return regels


def _toon_advies_kort(advies: Advies, console: Console) -> None:
    console.print()
    console.print(oordeelregel(advies))
    for reden in advies.redenen:
        if reden.regel == GUNSTIGSTE_LOCATIETYPE:
            _veld(console, "locatietype:", reden.tekst)  # the text names its 1.3 section
    redenen = beslissende_redenen(advies)
    for nummer, reden in enumerate(redenen[:KORT_REDENEN]):
        _veld(console, "waarom:" if nummer == 0 else "",
              f"{kort_redentekst(reden)} {herkomst(reden)}")
    if advies.oordeel == Oordeel.NIET_PASSEND:
        # Conditions and questions do not lift a rejection; what would is verklaar's question.
        return
    for nummer, voorwaarde in enumerate(advies.voorwaarden[:KORT_VOORWAARDEN]):
        _veld(console, "als:" if nummer == 0 else "",
              f"{voorwaarde.tekst} {herkomst(voorwaarde)}")
    if advies.open_vragen:
        _veld(console, "vraag eerst:", " ".join(v.vraag for v in advies.open_vragen[:KORT_VRAGEN]))


def drempelnummer(bron: str) -> int:
    """2.D13 → 13: barriers are numbered in the handreiking's order."""
    return int(bron.split("D")[-1])


def drempelcel(advies: Advies) -> str:
    """The barriers that play by number; the aandachtspunten, shown apart in the detail, as a
    count '(+n)' so the table keeps its width."""
    spelend = " ".join(str(drempelnummer(d.bron)) for d in advies.drempels)
    extra = f"(+{len(advies.aandachtspunten)})" if advies.aandachtspunten else ""
    return " ".join(filter(None, (spelend, extra))) or "–"


#: The legend of the table's '(+n)'.
AANDACHTSPUNTEN_LEGENDA = "(+n): n aandachtspunten, zie --volledig."


def _toon_drempels_per_casus(resultaat: Casusresultaat, console: Console) -> None:
    """The legend of the table's barrier numbers: each barrier of this case once, by name, and
    what '(+n)' counts where the table shows it."""
    drempels = {d.id: d.bron for advies in resultaat.adviezen for d in advies.drempels}
    aandacht = any(advies.aandachtspunten for advies in resultaat.adviezen)
    if not drempels and not aandacht:
        return
    console.print()
    namen = [f"{drempelnummer(bron)} {drempel_label(drempel)}"
             for drempel, bron in sorted(drempels.items(), key=lambda d: drempelnummer(d[1]))]
    delen = (["; ".join(namen) + "."] if namen else []) + \
        ([AANDACHTSPUNTEN_LEGENDA] if aandacht else [])
    punt(console, " ".join(delen), 0, "Drempels:")


def _toon_aannames(resultaat: Casusresultaat, console: Console, volledig: bool) -> None:
    """Each assumption once per case, at the end. The short output shows the assumptions of the
    rules whose conclusions it shows, each with its first sentence."""
    aannames: dict[str, tuple[str, list[str]]] = {}
    for advies in resultaat.adviezen:
        getoond = getoonde_regels(advies)
        for aanname in advies.aannames:
            if volledig or aanname.regel in getoond:
                _, functies = aannames.setdefault(aanname.tekst, (aanname.regel, []))
                functies.append(advies.naam)
    alle = {a.tekst for advies in resultaat.adviezen for a in advies.aannames}
    if not alle:
        return
    console.print()
    console.print(Text("Aannames (waar de handreiking zwijgt of vaag is)", style="bold"))
    for tekst, (regel, functies) in list(aannames.items())[:None if volledig else KORT_AANNAMES]:
        if not volledig:
            tekst = eerste_zin(tekst)
        alle_functies = len(functies) == len(resultaat.adviezen)
        voor = "" if alle_functies or not volledig else f" ({', '.join(functies)})"
        punt(console, f"{tekst}{voor} [{regel}]", 2, style="dim")
    aantal = len(aannames) if volledig else min(len(aannames), KORT_AANNAMES)
    if len(alle) > aantal:
        console.print(f"  en {len(alle) - aantal} andere aanname(s) achter --volledig",
                      style="dim")


def eerste_zin(tekst: str) -> str:
    """The first sentence: up to a full stop followed by a capital or the end."""
    zin = re.match(r"(.+?\.)(\s+[A-Z\u00c0-\u00dd]|$)", tekst)
    return zin.group(1) if zin else tekst


def _toon_checklist(resultaat: Casusresultaat, console: Console) -> None:
    console.print()
    console.print(Text("Checklist (deel 3): open punten per fase", style="bold"))
    for fase in resultaat.checklist:
        console.print(f"  {fase.naam}:")
        for item in fase.items:
            status = f"{len(item.beantwoord)} beantwoord"
            if item.niet_voldaan:
                status += f" (waarvan {len(item.niet_voldaan)} met antwoord nee)"
            status += f", {len(item.open)} open"
            punt(console, f"{item.titel} ({status}) {bronlabel(item.bron)}", 2, f"{item.nummer}.")
            for vraag in item.niet_voldaan:
                punt(console, f"beantwoord, nee: {vraag}", 7)
            for vraag in item.open:
                if vraag in item.aanleiding:
                    punt(console, f"{vraag} {item.aanleiding[vraag]}", 7)
                else:
                    punt(console, vraag, 7, style="dim")


def _toon_advies_volledig(advies: Advies, console: Console) -> None:
    console.print()
    console.print(oordeelregel(advies))
    begrenzend = [r for r in advies.redenen if r.grens is not None]
    overig = [r for r in advies.redenen if r.grens is None]
    if begrenzend:
        console.print("  Waarom dit oordeel:")
        for reden in sorted(begrenzend, key=lambda r: r.grens.rang if r.grens else 9):
            punt(console, f"{reden.tekst} {herkomst(reden)}")
    if overig:
        console.print("  Verder:")
        for reden in overig:
            punt(console, f"{reden.tekst} {herkomst(reden)}")
    if advies.voorwaarden:
        console.print("  Voorwaarden:")
        for voorwaarde in advies.voorwaarden:
            punt(console, f"{voorwaarde.tekst} {herkomst(voorwaarde)}")
    if advies.open_vragen:
        console.print("  Open vragen:")
        for vraag in advies.open_vragen:
            punt(console, f"{vraag.vraag} {herkomst(vraag)}")
    if advies.vragen_zonder_gevolg:
        console.print(f"  Open vragen ({VRAGEN_ZONDER_GEVOLG}):")
        for vraag in advies.vragen_zonder_gevolg:
            punt(console, f"{vraag.vraag} {herkomst(vraag)}")
    if advies.drempelvragen:
        console.print("  Open vragen over drempels (beslissen het oordeel niet):")
        for vraag in advies.drempelvragen:
            punt(console, f"{vraag.vraag} {herkomst(vraag)}")
    levendig = advies.levendigheid
    if levendig.dag and levendig.avond:
        console.print(f"  Levendigheid overdag: {levendig.dag.lezing}; 's avonds: "
                      f"{levendig.avond.lezing} "
                      f"{herkomst(levendig.avond if levendig.avond.lokaal else levendig.dag)}")
    if advies.overlast:
        punt(console, f"{advies.overlast.risico} ({advies.overlast.toelichting}) "
                      f"{bronlabel('2.D1')}", 2, "Overlastrisico:")
    for kop, drempels in (("Drempels die spelen:", advies.drempels),
                          ("Aandachtspunten (de handreiking noemt deze context):",
                           advies.aandachtspunten)):
        if not drempels:
            continue
        console.print(f"  {kop}")
        for drempel in drempels:
            punt(console, Text.assemble(
                (drempel_label(drempel.id), "bold"),
                f" (beïnvloedbaarheid {drempel.beinvloedbaarheid}) {bronlabel(drempel.bron)}: ",
                "; ".join(r.tekst.rstrip(".") + (f" {herkomst(r)}" if r.lokaal else "")
                          for r in drempel.redenen)))
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
        if gemeente.integrale_vragen:
            punt(console, f"Integrale vragen {bronlabel('4.3')}:")
            for integraal in gemeente.integrale_vragen:
                punt(console, f"{integraal.vraag} {integraal.bekend}", 6)


def toon_matrix(matrix: Matrixtabel, console: Console,
                variant: GeladenVariant | None = None) -> None:
    """The matrix of 1.4; under a municipal variant its changed cells and legend entries carry
    a note number, and the notes below give the guide's value and the local source."""
    wijzigingen = matrixwijzigingen(variant)

    def noten(**plaats: str) -> str:
        nummers = [str(w.nummer) for w in wijzigingen
                   if all(getattr(w, k) == v for k, v in plaats.items())]
        return f" [{','.join(nummers)}]" if nummers else ""

    if variant is not None:
        console.print(Text(onschadelijk(f"Variant: {variant.naam} ({variant.variant.gemeente})")
                           + (" — illustratief, geen vastgesteld beleid"
                              if variant.variant.illustratief else ""), style="bold magenta"))
    tabel = Table(title=f"{BRONNEN[matrix.bron]} {bronlabel(matrix.bron)}")
    tabel.add_column("werkfunctie", no_wrap=True)
    for nummer, _ in enumerate(Locatietype, start=1):
        tabel.add_column(f"L{nummer}", justify="center")
    def cel(functie: Werkfunctie, locatietype: Locatietype) -> Text:
        noot = noten(werkfunctie=functie.value, locatietype=locatietype.value)
        return Text(matrix.cellen[functie][locatietype] + noot, style="magenta" if noot else "")

    for functie in Werkfunctie:
        tabel.add_row(WERKFUNCTIE_NAMEN[functie], *(cel(functie, lt) for lt in Locatietype))
    console.print(tabel)
    for nummer, locatietype in enumerate(Locatietype, start=1):
        console.print(f"  L{nummer} = {LOCATIETYPE_NAMEN[locatietype]} ({locatietype.value})")
    for symbool, legenda in matrix.legenda.items():
        console.print(Text(onschadelijk(f"  {symbool:>3} = {legenda.betekenis}")
                           + noten(symbool=symbool)))
    for wijziging in wijzigingen:
        toegepast = wijziging.toegepast
        if wijziging.symbool is None:
            plaats = (f"{functie_label(str(wijziging.werkfunctie))} × "
                      f"{locatietype_label(str(wijziging.locatietype))}")
        else:
            plaats = f"legenda {wijziging.symbool}"
        nieuw = (toegepast.wijziging.nieuwe_rij if toegepast.wijziging.nieuwe_rij is not None
                 else toegepast.wijziging.waarde)
        bron = toegepast.wijziging.bron
        punt(console, Text(onschadelijk(
            f"{plaats}: {_kort_waarde(toegepast.oud)} in de handreiking, {_kort_waarde(nieuw)} "
            f"in de variant — {bron.label}, {bron.link}")), 2, f"[{wijziging.nummer}]",
            style="magenta")
    if variant is not None:
        overig = len(variant.wijzigingen) - len(wijzigingen)
        console.print(f"De variant wijzigt {len(wijzigingen)} plaats(en) in de matrix."
                      if wijzigingen else "De variant wijzigt de matrix niet.")
        if overig:
            console.print(f"Buiten de matrix wijzigt zij {overig} cel(len) of rij(en): zie "
                          "kennisbank kennis --variant.")


def matrix_als_json(matrix: Matrixtabel, variant: GeladenVariant | None = None) -> str:
    """The matrix as function → location type → symbol; under a variant its values, and a
    'variant' key with each change of the matrix, the guide's value and the local source."""
    data: dict[str, Any] = {f.value: {lt.value: matrix.cellen[f][lt] for lt in Locatietype}
                            for f in Werkfunctie}
    if variant is not None:
        data["variant"] = {
            "naam": variant.naam, "gemeente": variant.variant.gemeente,
            "illustratief": variant.variant.illustratief,
            "wijzigingen": [w.als_dict() for w in matrixwijzigingen(variant)],
            "wijzigingen_buiten_matrix": len(variant.wijzigingen)
            - len(matrixwijzigingen(variant))}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def toon_regressie(uitkomst: Regressie, bank: Regelbank, referentie: Regelbank | None,
                   console: Console) -> None:
    if referentie is not None:
        console.print(f"Regels: {bank.map} (vergeleken met {referentie.map})")
    for casus_id in uitkomst.zonder_verwachting:
        console.print(f"{casus_id}: geen verwachting vastgelegd", style="yellow")
    for afwijking in uitkomst.afwijkingen:
        verwacht = oordeel_label(afwijking.verwacht_oordeel) if afwijking.verwacht_oordeel \
            else "geen verwachting"
        kop = Text.assemble((f"{afwijking.casus}", "bold"),
                            f" {functie_label(afwijking.werkfunctie)}: ",
                            (f"{verwacht} → {oordeel_label(afwijking.oordeel)}",
                             "red" if afwijking.oordeel_wijkt_af else ""))
        console.print(kop)
        if afwijking.drempels_erbij:
            console.print("    drempels erbij: "
                          f"{', '.join(map(drempel_label, afwijking.drempels_erbij))}")
        if afwijking.drempels_weg:
            console.print("    drempels weg: "
                          f"{', '.join(map(drempel_label, afwijking.drempels_weg))}")
        if afwijking.voorwaarden_ontbreken:
            ontbreken = "; ".join(afwijking.voorwaarden_ontbreken)
            console.print(f"    voorwaarden ontbreken: {ontbreken}")
        for regel in afwijking.regels:
            console.print(f"    regel {regel}", style="dim")
    afwijkend = len({a.casus for a in uitkomst.afwijkingen}) + len(uitkomst.zonder_verwachting)
    console.print(f"{uitkomst.casussen} casussen, {uitkomst.kloppen} kloppen, "
                  f"{afwijkend} wijken af ({len(uitkomst.afwijkingen)} functies).")


def toon_dekking(per_regel: dict[str, list[str]], per_rij: dict[str, list[str]],
                 bank: Regelbank, aantal_casussen: int, console: Console,
                 lezingen: dict[str, list[str]] | None = None) -> None:
    tabel = Table(title=f"Regeldekking door {aantal_casussen} casussen")
    tabel.add_column("regel", no_wrap=True)
    tabel.add_column("bron")
    tabel.add_column("casussen", justify="right")
    bronnen = {meta.id: ", ".join(meta.bronnen[:3]) for meta in bank.regels}
    for regel_id, casussen in per_regel.items():
        tabel.add_row(regel_id, bronnen.get(regel_id, ""),
                      Text(str(len(casussen)), style="red" if not casussen else ""))
    console.print(tabel)
    if lezingen:
        console.print(onschadelijk(
            f"Geteld onder elk locatietype dat een casus noemt (ook_locatietypen), elk een eigen "
            f"evaluatie: {len(lezingen)} casus(sen), "
            f"{sum(len(typen) for typen in lezingen.values())} evaluaties: "
            + "; ".join(f"{casus_id} als {' en '.join(locatietype_label(t) for t in typen)}"
                        for casus_id, typen in lezingen.items()) + "."))
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


def toon_variantimpact(impact: Variantimpact, bank: Regelbank, console: Console) -> None:
    """What a municipal variant does to the stored cases: the changes and their sources first,
    then one line per function whose verdict moves, then the reasons behind it."""
    geladen = bank.variant
    if geladen is not None:
        variant = geladen.variant
        console.print(Text(onschadelijk(f"Variant: {variant.naam} ({variant.gemeente})")
                           + (" — illustratief, geen vastgesteld beleid"
                              if variant.illustratief else ""), style="bold"))
        for nummer, toegepast in enumerate(geladen.wijzigingen, start=1):
            wijziging = toegepast.wijziging
            nieuw = wijziging.nieuwe_rij if wijziging.nieuwe_rij is not None else wijziging.waarde
            oud = "nieuwe rij" if toegepast.oud is None else _kort_waarde(toegepast.oud)
            punt(console, onschadelijk(f"{wijziging.pad}: {oud} → {_kort_waarde(nieuw)} "
                                       f"[{wijziging.bron.label}]"), 2, f"{nummer}.")
    console.print()
    anders = [v for v in impact.verschillen if v.oordeel_anders]
    tabel = Table(title=f"Oordelen die de variant verandert ({impact.casussen} opgeslagen "
                        "casussen, vergeleken met de regels van de handreiking)",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    tabel.add_column("casus", no_wrap=True)
    tabel.add_column("gemeente", overflow="fold")
    tabel.add_column("werkfunctie", overflow="fold")
    tabel.add_column("handreiking", overflow="fold")
    tabel.add_column("met variant", overflow="fold")
    for verschil in anders:
        tabel.add_row(verschil.casus, verschil.gemeente, functie_label(verschil.werkfunctie),
                      oordeeltekst(verschil.handreiking), oordeeltekst(verschil.variant))
    if anders:
        console.print(tabel)
    else:
        console.print("De variant verandert geen oordeel van de opgeslagen casussen.")
    for verschil in impact.verschillen:
        verschil = dataclasses.replace(verschil, erbij=[ontsmet(r) for r in verschil.erbij],
                                       weg=[ontsmet(r) for r in verschil.weg])
        console.print()
        kop = Text.assemble((verschil.casus, "bold"), (f" ({verschil.gemeente})", "dim"),
                            f" {functie_label(verschil.werkfunctie)}: ")
        if verschil.oordeel_anders:
            kop.append_text(Text.assemble(oordeeltekst(verschil.handreiking), " → ",
                                          oordeeltekst(verschil.variant)))
        else:
            kop.append(f"blijft {oordeel_label(verschil.variant)}; de redenen veranderen",
                       style="dim")
        console.print(kop)
        for reden in verschil.erbij:
            # '=': the guide's rules say the same words; now they rest on the local policy too.
            teken = "=" if reden.tekst in verschil.zelfde_tekst else "+"
            punt(console, f"{reden.tekst} {herkomst(reden)}", 4, teken)
        for reden in verschil.weg:
            punt(console, f"{reden.tekst} {herkomst(reden)}", 4, "−", style="dim")
    console.print()
    casussen = {v.casus for v in impact.verschillen}
    console.print(f"{impact.casussen} casussen: de variant verandert {len(anders)} oordeel/"
                  f"oordelen in {len(impact.casussen_met_ander_oordeel)} casus(sen) en de "
                  f"redenen van {len(impact.verschillen) - len(anders)} functie(s) zonder ander "
                  f"oordeel; {impact.casussen - len(casussen)} casussen blijven gelijk.")
    if geladen is not None:
        elders = sorted({v.casus for v in impact.verschillen
                         if v.gemeente != geladen.variant.gemeente})
        if elders:
            console.print(f"De variant is van {geladen.variant.gemeente}; {len(elders)} van deze "
                          "casussen liggen in een andere gemeente en tonen alleen wat dezelfde "
                          "regels daar zouden doen.", style="dim")


def _kort_waarde(waarde: Any) -> str:
    if isinstance(waarde, dict):
        return str(waarde.get("tekst") or waarde.get("id") or waarde)
    return str(waarde)
