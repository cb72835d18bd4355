"""Write cases/README.md: a table of all stored cases (city, location type, what it tests).

    python scripts/casusoverzicht.py
"""

from __future__ import annotations

from pathlib import Path

from kennisbank.casuslader import laad_casussen
from kennisbank.uitvoerbestand import schrijf_atomair

PROJECT = Path(__file__).resolve().parents[1]
KOP = """# Opgeslagen casussen

Illustratieve casussen, gemodelleerd naar de drie praktijkcases van de handreiking (bron P):
Rotterdam — verplaatsen van lichte werkfuncties van bedrijventerreinen naar de winkelstraat;
Den Haag — mixed-use invulling van binnenstedelijk vastgoed; Utrecht — werken boven winkels.
Geen echte aanvragen. Elke casus legt per werkfunctie de verwachte uitkomst vast (`verwacht`):
het oordeel, de drempels en kernvoorwaarden. `kennisbank regressie` vergelijkt daarmee.

Dit overzicht wordt gemaakt met `python scripts/casusoverzicht.py`.

| stad | bestand | locatietype | wat de casus test |
|---|---|---|---|
"""


def main() -> None:
    regels = []
    for item in laad_casussen([PROJECT / "cases"]):
        casus = item.casus
        locatietype = casus.locatie.locatietype
        lt = getattr(locatietype, "value", locatietype) or "onbekend"
        lt = " + ".join([lt, *(ook.value for ook in casus.locatie.ook_locatietypen or ())])
        toelichting = " ".join((casus.toelichting or "").split()).replace("|", "/")
        regels.append(f"| {casus.gemeente} | [{item.bestand.name}]({item.bestand.parent.name}/"
                      f"{item.bestand.name}) | {lt} | {toelichting} |")
    schrijf_atomair(PROJECT / "cases" / "README.md", KOP + "\n".join(regels) + "\n")


if __name__ == "__main__":
    main()
