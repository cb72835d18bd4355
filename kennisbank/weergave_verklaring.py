"""Rendering an explanation for people: the why-tree, the why-not proposals, the first questions."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from kennisbank.domein import LOCATIETYPE_BRONNEN, LOCATIETYPE_DEFINITIES
from kennisbank.labels import (
    WIE_LABELS,
    functie_label,
    locatietype_label,
    oordeel_label,
    waarde_label,
)
from kennisbank.tekstveilig import onschadelijk, ontsmet
from kennisbank.verklaring import Knoop, Tegenfeit, Verklaring
from kennisbank.weergave import herkomst, oordeeltekst, punt, variantregel


def _label(knoop: Knoop) -> Text:
    if knoop.soort == "invoer":
        wie = f" ({_wie(knoop.tekst.split(' = ')[0], knoop.wie)})" if knoop.wie else ""
        return Text.assemble(("feit uit de casus: ", "dim"), knoop.tekst, (wie, "dim"))
    if knoop.soort == "vraag":
        return Text(knoop.tekst, style="dim")
    label = Text(knoop.tekst, style="bold" if knoop.soort == "Eindoordeel" else "")
    if knoop.regel:
        label.append(f"\n  regel {knoop.regel}: {knoop.omschrijving}", style="cyan")
    if knoop.bron:
        label.append(f"\n  [{knoop.bron}] {knoop.bronlabel or ''}: «{knoop.citaat or ''}»",
                     style="green")
    for beleid in knoop.lokaal:
        label.append(f"\n  {beleid.label}, {beleid.link} (wijzigt {beleid.pad})",
                     style="magenta")
    if knoop.aanname:
        label.append(f"\n  aanname: {knoop.aanname}", style="yellow")
    if knoop.zie_boven:
        label.append("  (zie boven)", style="dim")
    return label


def _voeg_toe(boom: Tree, knoop: Knoop) -> None:
    tak = boom.add(_label(knoop))
    for kind in knoop.onderbouwing:
        _voeg_toe(tak, kind)


#: Fact changes that are the handreiking's own remedies, worded as the guide words them.
REMEDIES = {
    "pand.oppervlakte_m2": ("opdelen in units of deelverhuur (1.2, 2.D13)",
                            "samenvoegen met naastgelegen ruimte of uitbreiden (1.2, 2.D13)"),
    "pand.deelbaar": ("deelverhuur of opdeling mogelijk maken (1.2)", ""),
    "beleid.omgevingsplan": ("planwijziging of afwijking van het omgevingsplan (2.D9)", ""),
}


def _remedie(pad: str, oud: Any, nieuw: Any) -> str | None:
    for prefix, (omlaag, omhoog) in REMEDIES.items():
        if not pad.startswith(prefix):
            continue
        if isinstance(oud, int | float) and isinstance(nieuw, int | float):
            return (omlaag if nieuw < oud else omhoog) or None
        return omlaag
    return None


def _wie(pad: str, wie: str) -> str:
    if pad == "locatie.locatietype":
        return "de adviseur: het locatietype is een classificatie van de plek; klopt die?"
    return WIE_LABELS.get(wie, wie)


def _volgorde(tegenfeit: Tegenfeit) -> tuple[int, int]:
    """The guide's remedies first, changes nobody in the case can make last."""
    vast = sum(1 for w in tegenfeit.wijzigingen if w.wie == "vast")
    remedie = all(_remedie(w.pad, w.oud, w.nieuw) for w in tegenfeit.wijzigingen)
    return (vast, 0 if remedie else 1)


def beslissende_redenen(verklaring: Verklaring) -> list[str]:
    """The limits that pin the verdict, from the top of the why-tree, in plain words."""
    prefix = f"hoogstens {verklaring.oordeel.value}: "
    return [k.tekst.removeprefix(prefix) + (f" {herkomst(k)}" if k.bron else "")
            for k in verklaring.waarom.onderbouwing
            if k.soort == "Oordeelgrens" and k.tekst.startswith(prefix)]


def _toon_locatietypen(verklaring: Verklaring, console: Console) -> None:
    """With more than one location type named: the verdict under each, and which type the
    verdict (and the tree below) comes from."""
    if not verklaring.oordeel_per_locatietype or verklaring.gelezen_als is None:
        return
    gelezen = verklaring.gelezen_als
    per_type = "; ".join(
        f"{locatietype_label(r.locatietype)} ({r.bron}{', primair' if r.primair else ''}): "
        f"{oordeel_label(r.oordeel)}" for r in verklaring.oordeel_per_locatietype)
    punt(console, f"Oordeel per locatietype: {per_type}.", 2)
    punt(console, f"Dit oordeel en de redeneerboom komen van het locatietype "
                  f"{locatietype_label(gelezen)} ({LOCATIETYPE_BRONNEN[gelezen]}: "
                  f"\"{LOCATIETYPE_DEFINITIES[gelezen]}\"), het gunstigste van de genoemde; "
                  f"de adviseur noemt elk als passende beschrijving uit 1.3.", 2)


def toon_verklaring(verklaring: Verklaring, console: Console,
                    aangepast: list[str] | None = None, boom: bool = False,
                    omgevingsplan: str | None = None) -> None:
    """The answer first: why, what would have to change and who can change it, what to ask;
    the reasoning tree after it (``boom``)."""
    verklaring = ontsmet(verklaring)
    aangepast = [onschadelijk(regel) for regel in aangepast or []]
    kop = Text.assemble(("Verklaring ", "bold"), (verklaring.casus, "bold"), " — ",
                        (functie_label(verklaring.werkfunctie), "bold"), ": ",
                        oordeeltekst(verklaring.oordeel))
    if omgevingsplan in ("niet_toegestaan", "afwijking_nodig"):
        kop.append(f" · omgevingsplan: {waarde_label(omgevingsplan)} [2.D9]",
                   style="bold red" if omgevingsplan == "niet_toegestaan" else "")
    console.rule(Text(f"Verklaring {verklaring.casus}", style="bold"))
    console.print(kop)
    if verklaring.variant is not None:
        console.print(variantregel(verklaring.variant), style="magenta")
    for regel in aangepast:
        console.print(regel, style="magenta")
    _toon_locatietypen(verklaring, console)
    console.print()
    redenen = beslissende_redenen(verklaring)
    console.print(Text(f"Waarom {oordeel_label(verklaring.oordeel)}", style="bold underline"))
    for reden in redenen or ["Geen begrenzing: het oordeel is het hoogste dat de regels geven."]:
        punt(console, reden, 2)
    console.print()
    console.print(Text("Wat zou er moeten veranderen, en wie kan dat", style="bold underline"))
    if not verklaring.waarom_niet:
        punt(console, verklaring.waarom_niet_toelichting, 2)
    for nummer, tegenfeit in enumerate(sorted(verklaring.waarom_niet, key=_volgorde), start=1):
        console.print(f"  {nummer}. wordt {oordeel_label(tegenfeit.oordeel)} als:")
        for wijziging in tegenfeit.wijzigingen:
            remedie = _remedie(wijziging.pad, wijziging.oud, wijziging.nieuw)
            tekst = (f"{wijziging.pad}: {waarde_label(wijziging.oud)} → "
                     f"{waarde_label(wijziging.nieuw)}"
                     + (f" — {remedie}" if remedie else "")
                     + f"; kan: {_wie(wijziging.pad, wijziging.wie)}")
            punt(console, tekst, 6)
    if verklaring.eerst_vragen:
        console.print()
        console.print(Text("Eerst vragen: onbekende feiten die het oordeel bepalen",
                           style="bold underline"))
        for vraag in verklaring.eerst_vragen:
            uitkomsten = ", ".join(f"{waarde_label(w)} → {oordeel_label(o)}"
                                   for w, o in vraag.uitkomsten.items())
            punt(console, f"{vraag.beschrijving} ({vraag.pad}; {uitkomsten})", 2)
    console.print()
    if not boom:
        console.print("De volledige redeneerboom met regels en citaten: --boom", style="dim")
        return
    console.print(Text("Redeneerboom", style="bold underline"))
    stam = Tree(_label(verklaring.waarom))
    for kind in verklaring.waarom.onderbouwing:
        _voeg_toe(stam, kind)
    console.print(stam)
    if verklaring.drempels:
        console.print(Text("Waarom deze drempels", style="bold underline"))
        for drempel in verklaring.drempels:
            tak = Tree(_label(drempel))
            for kind in drempel.onderbouwing:
                _voeg_toe(tak, kind)
            console.print(tak)
