"""Rendering an explanation for people: the why-tree, the why-not proposals, the first questions."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from kennisbank.tekstveilig import onschadelijk, ontsmet
from kennisbank.verklaring import WIE_TEKST, Knoop, Verklaring


def _label(knoop: Knoop) -> Text:
    if knoop.soort == "invoer":
        wie = f" ({WIE_TEKST.get(knoop.wie or '', knoop.wie)})" if knoop.wie else ""
        return Text.assemble(("feit uit de casus: ", "dim"), knoop.tekst, (wie, "dim"))
    if knoop.soort == "vraag":
        return Text(knoop.tekst, style="dim")
    label = Text(knoop.tekst, style="bold" if knoop.soort == "Eindoordeel" else "")
    if knoop.regel:
        label.append(f"\n  regel {knoop.regel}: {knoop.omschrijving}", style="cyan")
    if knoop.bron:
        label.append(f"\n  [{knoop.bron}] {knoop.bronlabel or ''}: «{knoop.citaat or ''}»",
                     style="green")
    if knoop.aanname:
        label.append(f"\n  aanname: {knoop.aanname}", style="yellow")
    if knoop.zie_boven:
        label.append("  (zie boven)", style="dim")
    return label


def _voeg_toe(boom: Tree, knoop: Knoop) -> None:
    tak = boom.add(_label(knoop))
    for kind in knoop.onderbouwing:
        _voeg_toe(tak, kind)


def toon_verklaring(verklaring: Verklaring, console: Console,
                    aangepast: list[str] | None = None) -> None:
    verklaring = ontsmet(verklaring)
    aangepast = [onschadelijk(regel) for regel in aangepast or []]
    console.rule(Text(f"Verklaring {verklaring.casus} — {verklaring.werkfunctie.value}: "
                      f"{verklaring.oordeel.value}", style="bold"))
    for regel in aangepast or []:
        console.print(regel, style="magenta")
    console.print(Text("Waarom", style="bold underline"))
    boom = Tree(_label(verklaring.waarom))
    for kind in verklaring.waarom.onderbouwing:
        _voeg_toe(boom, kind)
    console.print(boom)
    if verklaring.drempels:
        console.print(Text("Waarom deze drempels", style="bold underline"))
        for drempel in verklaring.drempels:
            tak = Tree(_label(drempel))
            for kind in drempel.onderbouwing:
                _voeg_toe(tak, kind)
            console.print(tak)
    console.print(Text("Waarom niet beter — wat zou er moeten veranderen?",
                       style="bold underline"))
    if not verklaring.waarom_niet:
        console.print(verklaring.waarom_niet_toelichting)
    for nummer, tegenfeit in enumerate(verklaring.waarom_niet, start=1):
        console.print(f"  {nummer}. → {tegenfeit.oordeel.value} als:")
        for wijziging in tegenfeit.wijzigingen:
            console.print(f"       {wijziging.pad}: {wijziging.oud!r} → {wijziging.nieuw!r}  "
                          f"(kan worden veranderd door: {wijziging.wie_tekst})")
    if verklaring.waarom_niet:
        console.print(verklaring.waarom_niet_toelichting, style="dim")
    if verklaring.eerst_vragen:
        console.print(Text("Eerst vragen — onbekende feiten die het oordeel bepalen",
                           style="bold underline"))
        for vraag in verklaring.eerst_vragen:
            uitkomsten = ", ".join(f"{w} → {o.value}" for w, o in vraag.uitkomsten.items())
            console.print(f"  - {vraag.pad} ({vraag.beschrijving}) — {uitkomsten}")
