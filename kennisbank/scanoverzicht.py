"""The overview of a scanned register (``kennisbank scan --rapport``), gathered as results stream.

Counts per function and verdict, the most promising panden per function with their conditions,
the barriers that occur most with how far the gemeente can influence them, and a map of the
panden coloured by best function. The map is an SVG drawn from the RD coordinates themselves
(RD is a flat metric grid, so no projection is needed): it works offline, without a background.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from kennisbank.domein import WERKFUNCTIE_NAMEN, Oordeel, Werkfunctie
from kennisbank.scan import Functieuitkomst, Panduitkomst
from kennisbank.uitvoerbestand import atomair_bestand

#: How many panden the report lists per function.
KANSRIJK_PER_FUNCTIE = 10
#: Colour per best function (colour-blind-safe palette), and for ties and for none.
KLEUREN = {
    "kantoren_coworking": "#0072B2", "moderne_makers": "#E69F00",
    "lichte_maakbedrijven": "#009E73", "sport_wellbeing": "#CC79A7",
    "persoonlijke_diensten": "#D55E00", "maatschappelijke_voorzieningen": "#56B4E9",
    "meerdere": "#7f7f7f", "geen": "#000000",
}
KAART_BREEDTE, KAART_HOOGTE, KAART_MARGE = 760.0, 560.0, 12.0


@dataclass(order=True)
class _Kandidaat:
    sleutel: tuple[int, int, int, int]
    rij: int = field(compare=False)
    id: str = field(compare=False)
    gemeente: str = field(compare=False)
    uitkomst: Functieuitkomst = field(compare=False)


@dataclass
class Scanoverzicht:
    functies: tuple[Werkfunctie, ...]
    aantal: int = 0
    oordelen: dict[str, Counter[str]] = field(default_factory=dict)
    kansrijk: dict[str, list[_Kandidaat]] = field(default_factory=dict)
    drempels: Counter[str] = field(default_factory=Counter)
    beinvloedbaarheid: dict[str, str] = field(default_factory=dict)
    punten: list[tuple[float, float, str]] = field(default_factory=list)
    beste: Counter[str] = field(default_factory=Counter)

    def neem_op(self, pand: Panduitkomst) -> None:
        self.aantal += 1
        in_pand: set[str] = set()
        for f in pand.functies:
            self.oordelen.setdefault(f.werkfunctie, Counter())[f.oordeel] += 1
            # Best verdict first, then fewest conditions and open questions, then input order.
            sleutel = (Oordeel(f.oordeel).rang, -len(f.voorwaarden), -f.open_vragen, -pand.rij)
            heap = self.kansrijk.setdefault(f.werkfunctie, [])
            kandidaat = _Kandidaat(sleutel, pand.rij, pand.id, pand.gemeente, f)
            if f.oordeel == Oordeel.NIET_PASSEND:
                pass
            elif len(heap) < KANSRIJK_PER_FUNCTIE:
                heapq.heappush(heap, kandidaat)
            elif kandidaat > heap[0]:
                heapq.heapreplace(heap, kandidaat)
            for drempel, beinvloedbaarheid in f.drempels:
                in_pand.add(drempel)
                self.beinvloedbaarheid[drempel] = beinvloedbaarheid
        self.drempels.update(in_pand)
        label = self.label(pand.beste)
        self.beste[label] += 1
        if pand.x is not None and pand.y is not None:
            self.punten.append((pand.x, pand.y, label))

    @staticmethod
    def label(beste: tuple[str, ...]) -> str:
        if not beste:
            return "geen"
        return beste[0] if len(beste) == 1 else "meerdere"

    def kaart(self) -> dict[str, Any]:
        """Points scaled into the SVG, north up, keeping RD's metres square."""
        if not self.punten:
            return {"punten": [], "breedte": KAART_BREEDTE, "hoogte": KAART_HOOGTE, "schaal": 0}
        xs = [p[0] for p in self.punten]
        ys = [p[1] for p in self.punten]
        bereik = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
        schaal = min((KAART_BREEDTE - 2 * KAART_MARGE), (KAART_HOOGTE - 2 * KAART_MARGE)) / bereik
        punten = [(round(KAART_MARGE + (x - min(xs)) * schaal, 1),
                   round(KAART_HOOGTE - KAART_MARGE - (y - min(ys)) * schaal, 1), KLEUREN[label])
                  for x, y, label in self.punten]
        kilometer = 1000 * schaal
        return {"punten": punten, "breedte": KAART_BREEDTE, "hoogte": KAART_HOOGTE,
                "schaalstok": _schaalstok(kilometer)}

    def context(self, register: Path, ongeldig: int) -> dict[str, Any]:
        return {
            "register": register.name,
            "aantal": self.aantal,
            "ongeldig": ongeldig,
            "functies": [f.value for f in self.functies],
            "namen": {f.value: n for f, n in WERKFUNCTIE_NAMEN.items()},
            "oordelen": [o.value for o in Oordeel],
            "tellingen": self.oordelen,
            "kansrijk": {f: sorted(heap, reverse=True) for f, heap in self.kansrijk.items()},
            "drempels": sorted(self.drempels.items(), key=lambda d: (-d[1], d[0])),
            "beinvloedbaarheid": self.beinvloedbaarheid,
            "kaart": self.kaart(),
            "kleuren": KLEUREN,
            "beste": self.beste,
        }


def _schaalstok(pixels_per_km: float) -> dict[str, Any]:
    """A scale bar of a round number of kilometres, about a fifth of the map wide."""
    doel = KAART_BREEDTE / 5 / max(pixels_per_km, 1e-9)
    km = next((k for k in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200) if k >= doel), 200)
    return {"km": km, "pixels": round(km * pixels_per_km, 1)}


def als_html(overzicht: Scanoverzicht, register: Path, ongeldig: int) -> str:
    omgeving = Environment(loader=PackageLoader("kennisbank", "templates"), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True)
    sjabloon = omgeving.get_template("scan_overzicht.html.j2")
    return sjabloon.render(**overzicht.context(register, ongeldig))


def schrijf_scanrapport(pad: Path, overzicht: Scanoverzicht, register: Path,
                        ongeldig: int) -> None:
    with atomair_bestand(pad) as uit:
        uit.write(als_html(overzicht, register, ongeldig))
