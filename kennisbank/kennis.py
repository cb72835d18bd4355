"""The whole knowledge base as one document, so a person can review it against the guide."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
)
from kennisbank.engine import Regelbank
from kennisbank.tekstveilig import onschadelijk


def kennisbank_overzicht(bank: Regelbank) -> dict[str, Any]:
    """Every table of the rule directory plus the rules themselves, each entry with its bron."""
    overzicht: dict[str, Any] = {
        "werkfuncties": {f.value: naam for f, naam in WERKFUNCTIE_NAMEN.items()},
        "locatietypen": {
            lt.value: {"naam": LOCATIETYPE_NAMEN[lt], "bron": LOCATIETYPE_BRONNEN[lt],
                       "definitie": LOCATIETYPE_DEFINITIES[lt]}
            for lt in Locatietype
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
    if bank.variant is not None:
        variant = bank.variant.variant
        overzicht["variant"] = {
            "naam": variant.naam, "gemeente": variant.gemeente,
            "illustratief": variant.illustratief, "omschrijving": variant.omschrijving,
            "wijzigingen": [w.als_dict() for w in bank.variant.wijzigingen]}
    return overzicht


#: Sections of the guide the knowledge base deliberately does not encode, and why.
NIET_GECODEERD: dict[str, str] = {
    "1.1": "Motivatie (vijf redenen voor functiemenging); geen beslisinhoud voor een casus.",
    "2.1": "Beschrijft stakeholders en hun drijfveren; wie een drempel ervaart staat per "
           "drempel (2.D1 … 2.D13, 'stakeholders').",
    "2.2": "De citaten per stakeholder; zij openen de drempels 2.D1 … 2.D13. Alleen voor 2.D8 "
           "en 2.D12, waarvan de kop in de tekst ontbreekt, komt het citaat uit 2.2 (met de "
           "bron van de drempel).",
    "4.6": "Samenvatting ('Tot slot') zonder nieuwe beslisinhoud.",
    "P": "Betrokken partners en de bekeken cases; geen beslisinhoud. Casussen die op deze "
         "cases zijn geïnspireerd noemen 'bron P' in hun toelichting.",
}


def _rijen_met_bron(waarde: Any, pad: str, gevonden: list[tuple[str, str]]) -> None:
    """Every entry of a table (a mapping with a ``bron``), with its path in the overview."""
    if isinstance(waarde, dict):
        if isinstance(waarde.get("bron"), str):
            gevonden.append((waarde["bron"], pad))
        for sleutel, deel in waarde.items():
            # 'profielen.profielen.x' reads as the table 'profielen', row 'x'.
            dieper = str(sleutel) if not pad or pad == sleutel else f"{pad}.{sleutel}"
            _rijen_met_bron(deel, dieper, gevonden)
    elif isinstance(waarde, list):
        for index, deel in enumerate(waarde):
            naam = deel.get("id", deel.get("nummer", index)) if isinstance(deel, dict) else index
            _rijen_met_bron(deel, f"{pad}[{naam}]", gevonden)


def per_sectie(overzicht: dict[str, Any]) -> list[dict[str, Any]]:
    """For every section of the guide: the rules and table rows that encode it, or why none."""
    rijen: list[tuple[str, str]] = []
    for sleutel, deel in overzicht.items():
        if sleutel not in ("regels", "bronnen"):
            _rijen_met_bron(deel, sleutel, rijen)
    secties = []
    for sectie, titel in BRONNEN.items():
        regels = [r["id"] for r in overzicht["regels"] if sectie in r["bronnen"]]
        tabelrijen = [pad for bron, pad in rijen if bron == sectie]
        secties.append({
            "sectie": sectie, "titel": titel, "regels": regels, "tabelrijen": tabelrijen,
            "niet_gecodeerd": (NIET_GECODEERD.get(sectie)
                               if not regels and not tabelrijen else None),
        })
    return secties


def toon_per_sectie(secties: list[dict[str, Any]], console: Console) -> None:
    console.rule(Text("De handreiking per sectie en wat de kennisbank ervan codeert",
                      style="bold"))
    for sectie in secties:
        console.print(Text.assemble((f"{sectie['sectie']} ", "bold"), sectie["titel"]))
        if sectie["regels"]:
            console.print(f"  regels: {', '.join(sectie['regels'])}")
        if sectie["tabelrijen"]:
            console.print(f"  tabelrijen ({len(sectie['tabelrijen'])}): "
                          f"{', '.join(sectie['tabelrijen'])}", style="dim")
        if not sectie["regels"] and not sectie["tabelrijen"]:
            reden = sectie["niet_gecodeerd"] or "geen reden vastgelegd"
            console.print(f"  niet gecodeerd: {reden}", style="yellow")


def toon_kennis(overzicht: dict[str, Any], console: Console) -> None:
    console.rule(Text("Kennisbank werkfuncties binnenstad", style="bold"))
    if "variant" in overzicht:
        _toon_variant(overzicht["variant"], console)
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
        console.print(f"    \"{info['definitie']}\"", style="dim")
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


def _toon_variant(variant: dict[str, Any], console: Console) -> None:
    """What a municipal variant changes in the tables below, each change with its source."""
    console.print(Text(onschadelijk(f"Variant: {variant['naam']} ({variant['gemeente']})")
                       + (" — illustratief, geen vastgesteld beleid"
                          if variant["illustratief"] else ""), style="bold magenta"))
    if variant["omschrijving"]:
        console.print(onschadelijk(f"  {variant['omschrijving']}"))
    for wijziging in variant["wijzigingen"]:
        bron = wijziging["bron"]
        oud = "nieuwe rij" if wijziging["oud"] is None else _kort(wijziging["oud"])
        console.print(onschadelijk(f"  {wijziging['pad']}: {oud} → {_kort(wijziging['nieuw'])}"))
        console.print(onschadelijk(f"    lokaal beleid: {bron['titel']} ({bron['datum']}), "
                                   f"{bron['link']}"), style="dim")
        if wijziging["toelichting"]:
            console.print(onschadelijk(f"    {wijziging['toelichting']}"), style="dim")


def _kort(waarde: Any) -> str:
    if isinstance(waarde, dict):
        return str(waarde.get("tekst") or waarde.get("id") or waarde)
    return str(waarde)
