"""The whole knowledge base as one document, so a person can review it against the guide."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from kennisbank.domein import BRONNEN, LOCATIETYPE_NAMEN, WERKFUNCTIE_NAMEN, Locatietype
from kennisbank.engine import Regelbank


def kennisbank_overzicht(bank: Regelbank) -> dict[str, Any]:
    """Every table of the rule directory plus the rules themselves, each entry with its bron."""
    overzicht: dict[str, Any] = {
        "werkfuncties": {f.value: naam for f, naam in WERKFUNCTIE_NAMEN.items()},
        "locatietypen": {
            lt.value: {"naam": LOCATIETYPE_NAMEN[lt], "bron": f"1.3.{i}"}
            for i, lt in enumerate(Locatietype, start=1)
        },
    }
    for sleutel, tabel in bank.tabellen.items():
        overzicht[sleutel] = tabel.model_dump(mode="json", by_alias=True, exclude_none=True)
    overzicht["regels"] = [
        {"id": r.id, "omschrijving": r.omschrijving, "bronnen": list(r.bronnen),
         "aanname": r.aanname, "module": r.module.rsplit(".", 1)[-1]}
        for r in bank.regels
    ]
    overzicht["bronnen"] = BRONNEN
    return overzicht


def toon_kennis(overzicht: dict[str, Any], console: Console) -> None:
    console.rule(Text("Kennisbank werkfuncties binnenstad", style="bold"))
    profielen = overzicht.get("profielen", {}).get("profielen", {})
    console.print(Text("Werkfuncties (1.2)", style="bold"))
    for functie, profiel in profielen.items():
        console.print(f"  {profiel['naam']} [{profiel['bron']}] ({functie}): "
                      f"{len(profiel['eisen'])} eisen, {len(profiel['wel'])} Wél, "
                      f"{len(profiel['niet'])} Niet")
        for eis in profiel["eisen"]:
            console.print(f"    eis {eis['id']} ({eis['effect']}): {eis['tekst']}", style="dim")
        for item in profiel["niet"]:
            console.print(f"    niet {item['id']}: {item['tekst']}", style="dim")
    console.print(Text("Locatietypen (1.3)", style="bold"))
    for locatietype, info in overzicht["locatietypen"].items():
        console.print(f"  {info['naam']} [{info['bron']}] ({locatietype})")
    if "drempels" in overzicht:
        console.print(Text("Drempels (2.D1 … 2.D13)", style="bold"))
        for drempel in overzicht["drempels"]["drempels"]:
            console.print(f"  {drempel['id']} [{drempel['bron']}] \"{drempel['citaat']}\" — "
                          f"beïnvloedbaarheid {drempel['beinvloedbaarheid']}")
            for stap in drempel["aanpak"]:
                console.print(f"    {stap['nummer']}. {stap['titel']}", style="dim")
    if "checklist" in overzicht:
        console.print(Text("Checklist (deel 3)", style="bold"))
        for item in overzicht["checklist"]["items"]:
            console.print(f"  {item['nummer']}. {item['titel']} [{item['bron']}] "
                          f"({len(item['vragen'])} vragen, fase {item['fase']})")
    if "gemeente" in overzicht:
        console.print(Text("Rollen (4.5) en sturing (1.6)", style="bold"))
        for rol, info in overzicht["gemeente"]["rollen"].items():
            console.print(f"  {rol}: {info['citaat']} [{info['bron']}]")
    console.print(Text(f"Regels ({len(overzicht['regels'])})", style="bold"))
    for regel in overzicht["regels"]:
        console.print(f"  {regel['id']} [{', '.join(regel['bronnen'])}]: {regel['omschrijving']}")
