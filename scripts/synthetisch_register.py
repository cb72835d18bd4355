"""A synthetic register of vacant panden for tests and benchmarks: no real data.

BAG-like identifiers (four-digit gemeentecode, '01' for a verblijfsobject, a ten-digit number),
RD points scattered around six inner cities, a plausible mix of location types and facts with
many left unknown, and a few deliberately invalid rows (``--ongeldig``). A few panden
(``AANDEEL_TWEE_TYPEN``) name a second location type (``locatie.ook_locatietypen``), and some
invalid rows an unknown item in it; both are drawn from a stream of their own, so every other
cell is the same as in a register generated without that column. The columns are case
paths; with ``;`` as separator numbers get a decimal comma, as Dutch spreadsheets write them, and
a list's items are joined with ``|`` (in GeoJSON: an array).
An output name ending in ``.geojson`` (WGS84 points) or ``.gpkg`` (RD points) writes the same
rows as features, with the point as geometry instead of ``x``/``y`` columns.

    python scripts/synthetisch_register.py --rijen 25000 -o register.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Gemeente, CBS gemeentecode and an RD point near its centre (public, approximate).
GEMEENTEN = [
    ("Amsterdam", "0363", 121_500, 487_000),
    ("Rotterdam", "0599", 92_500, 437_500),
    ("Den Haag", "0518", 81_000, 455_000),
    ("Utrecht", "0344", 136_500, 456_000),
    ("Groningen", "0014", 233_500, 582_000),
    ("Zwolle", "0193", 203_000, 503_000),
]
LOCATIETYPEN = [("boven_winkels_klein_middel", 35), ("boven_winkels_groot", 15),
                ("aanloopstraat", 25), ("gebiedsontwikkeling", 10),
                ("semi_industrieel_pand", 8), ("buiten_matrix", 2), (None, 5)]
#: Share of panden with a matrix type for which the advisor names a second type that also fits.
AANDEEL_TWEE_TYPEN = 0.04
FUNCTIES = ["kantoren_coworking", "moderne_makers", "lichte_maakbedrijven", "sport_wellbeing",
            "persoonlijke_diensten", "maatschappelijke_voorzieningen"]
JA_NEE_VELDEN = ["pand.lift", "pand.daglicht", "pand.drempelvrij", "pand.sanitair",
                 "pand.monument", "pand.diep_pand", "pand.ventilatie_voldoende",
                 "locatie.kernwinkelgebied", "locatie.a_winkelstraat", "locatie.ov_nabij",
                 "locatie.fietsbereikbaar", "locatie.grote_woonfunctie",
                 "locatie.geluidgevoelige_woningen_boven_naast",
                 "beleid.vooroverleg_principebesluit", "beleid.beleidskader_werkfuncties",
                 "eigenaar.ervaring_met_werkfuncties"]
KOLOMMEN = ["id", "gemeente", "pand.adres", "pand.oppervlakte_m2", "pand.vrije_hoogte_m",
            "pand.verdieping", "pand.entree", "pand.vraaghuur_eur_m2_jaar", "locatie.locatietype",
            "locatie.ook_locatietypen", "locatie.passantenstroom", *JA_NEE_VELDEN,
            *(f"beleid.omgevingsplan.{f}" for f in FUNCTIES), "eigenaar.soort", "x", "y"]
STRATEN = ["Kerkstraat", "Molenstraat", "Nieuwstraat", "Lange Gracht", "Havenkade", "Markt",
           "Voorstraat", "Stationsweg", "Oude Haven", "Breestraat"]


def _misschien(kans_bekend: float, rng: random.Random, waarde: Any) -> Any:
    return waarde if rng.random() < kans_bekend else None


#: Which second type a pand of a type plausibly also fits: floors above shops in an
#: aanloopstraat (the Utrecht case of the guide), a large building in an area being developed.
TWEEDE_TYPEN = {"boven_winkels_klein_middel": ["aanloopstraat"],
                "boven_winkels_groot": ["aanloopstraat", "gebiedsontwikkeling"],
                "aanloopstraat": ["boven_winkels_klein_middel", "boven_winkels_groot"],
                "gebiedsontwikkeling": ["semi_industrieel_pand", "boven_winkels_groot"],
                "semi_industrieel_pand": ["gebiedsontwikkeling"]}


def tweede_type(locatietype: str | None, rng: random.Random) -> list[str] | None:
    """Now and then a further type beside a matrix type."""
    if rng.random() >= AANDEEL_TWEE_TYPEN or locatietype not in TWEEDE_TYPEN:
        return None
    return [rng.choice(TWEEDE_TYPEN[locatietype])]


def casusdata(nummer: int, rng: random.Random,
              rng_ook: random.Random | None = None) -> tuple[dict[str, Any], float, float]:
    """One plausible pand as flat case paths (None = unknown), with its RD point; ``rng_ook``
    draws the further location types (none without it)."""
    gemeente, code, x0, y0 = GEMEENTEN[nummer % len(GEMEENTEN)]
    locatietype = rng.choices([t for t, _ in LOCATIETYPEN], [w for _, w in LOCATIETYPEN])[0]
    verdieping = rng.choices([-1, 0, 1, 2, 3, 4], [3, 30, 35, 20, 8, 4])[0]
    groot = locatietype in ("boven_winkels_groot", "semi_industrieel_pand",
                            "gebiedsontwikkeling")
    oppervlakte = round(rng.lognormvariate(6.2 if groot else 4.8, 0.6), 1)
    feiten: dict[str, Any] = {
        "id": f"{code}01{nummer:010d}",
        "gemeente": gemeente,
        "pand.adres": f"{rng.choice(STRATEN)} {rng.randint(1, 180)}",
        "pand.oppervlakte_m2": _misschien(0.9, rng, min(oppervlakte, 20_000)),
        "pand.vrije_hoogte_m": _misschien(0.5, rng, round(rng.uniform(2.3, 6.5), 2)),
        "pand.verdieping": _misschien(0.85, rng, verdieping),
        "pand.entree": _misschien(0.6, rng, rng.choice(["eigen", "gedeeld", "via_winkel"])),
        "pand.vraaghuur_eur_m2_jaar": _misschien(0.4, rng, rng.randint(60, 450)),
        "locatie.locatietype": locatietype,
        "locatie.ook_locatietypen": tweede_type(locatietype, rng_ook) if rng_ook else None,
        "locatie.passantenstroom": _misschien(0.5, rng, rng.choice(["hoog", "gemiddeld", "laag"])),
    }
    for veld in JA_NEE_VELDEN:
        feiten[veld] = _misschien(0.45, rng, rng.random() < 0.5)
    for functie in FUNCTIES:
        feiten[f"beleid.omgevingsplan.{functie}"] = _misschien(
            0.3, rng, rng.choice(["toegestaan", "toegestaan", "afwijking_nodig",
                                  "niet_toegestaan"]))
    feiten["eigenaar.soort"] = _misschien(0.5, rng, rng.choice(
        ["particulier", "belegger", "gemeente", "corporatie"]))
    x = round(x0 + rng.gauss(0, 700), 1)
    y = round(y0 + rng.gauss(0, 700), 1)
    return feiten, x, y


def genest(feiten: dict[str, Any]) -> dict[str, Any]:
    """Flat case paths as the nested data of a case file (unknown facts left out)."""
    data: dict[str, Any] = {}
    for pad, waarde in feiten.items():
        if waarde is None:
            continue
        *secties, naam = pad.split(".")
        doel = data
        for sectie in secties:
            doel = doel.setdefault(sectie, {})
        doel[naam] = waarde
    return data


ONGELDIG = [
    ("pand.oppervlakte_m2", "groot"),
    ("gemeente", None),
    ("pand.lift", "misschien"),
    ("locatie.locatietype", "winkelcentrum"),
    ("x", 450_000.0),
    ("pand.verdieping", 99),
]
#: An invalid item in a list cell; it takes the place of one in seven of the faults above.
ONGELDIG_ITEM = ("locatie.ook_locatietypen", ["aanloopstraat", "winkelcentrum"])


def rijen(aantal: int, seed: int = 13, ongeldig: float = 0.03) -> Iterator[
        tuple[dict[str, Any], float, float, str | None]]:
    """(flat facts, x, y, the column made invalid or None), streamed."""
    rng = random.Random(seed)
    rng_ook = random.Random(f"{seed}:ook_locatietypen")
    for nummer in range(1, aantal + 1):
        feiten, x, y = casusdata(nummer, rng, rng_ook)
        fout: str | None = None
        if rng.random() < ongeldig:
            fout, waarde = rng.choice(ONGELDIG)
            if rng_ook.random() < 1 / 7:
                fout, waarde = ONGELDIG_ITEM
            if fout == "x":
                x = waarde
            else:
                feiten[fout] = waarde
        yield feiten, x, y, fout


def celtekst(waarde: Any, scheiding: str) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, list):
        return "|".join(celtekst(deel, scheiding) for deel in waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and scheiding == ";":
        return repr(waarde).replace(".", ",")
    return str(waarde)


def schrijf(doel: Any, aantal: int, seed: int, ongeldig: float, scheiding: str) -> None:
    schrijver = csv.writer(doel, delimiter=scheiding, lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    for feiten, x, y, _fout in rijen(aantal, seed, ongeldig):
        waarden = {**feiten, "x": x, "y": y}
        schrijver.writerow([celtekst(waarden.get(k), scheiding) for k in KOLOMMEN])


def schrijf_geojson(pad: Path, aantal: int, seed: int, ongeldig: float) -> None:
    from kennisbank.geo import rd_naar_wgs84

    features = []
    for feiten, x, y, _fout in rijen(aantal, seed, ongeldig):
        eigenschappen = {k: feiten.get(k) for k in KOLOMMEN if k not in ("x", "y")}
        features.append({"type": "Feature", "properties": eigenschappen,
                         "geometry": {"type": "Point", "coordinates": list(rd_naar_wgs84(x, y))}})
    with pad.open("w", encoding="utf-8") as uit:
        json.dump({"type": "FeatureCollection", "features": features}, uit, ensure_ascii=False)


def schrijf_geopackage(pad: Path, aantal: int, seed: int, ongeldig: float) -> None:
    from contextlib import closing

    from kennisbank.geopackage import nieuwe_puntlaag, punt_blob

    namen = [k for k in KOLOMMEN if k not in ("x", "y")]
    soorten = {"pand.oppervlakte_m2": "REAL", "pand.vrije_hoogte_m": "REAL",
               "pand.vraaghuur_eur_m2_jaar": "REAL", "pand.verdieping": "INTEGER",
               **dict.fromkeys(JA_NEE_VELDEN, "BOOLEAN")}
    with closing(nieuwe_puntlaag(pad, "register",
                                 [(n, soorten.get(n, "TEXT")) for n in namen])) as db:
        plekken = ", ".join("?" * (len(namen) + 1))
        kolommen = ", ".join('"' + n + '"' for n in namen)
        for feiten, x, y, _fout in rijen(aantal, seed, ongeldig):
            db.execute(f'INSERT INTO register (geom, {kolommen}) VALUES ({plekken})',
                       [punt_blob(x, y), *(celtekst(w, ",") if isinstance(w, list) else w
                                           for w in (feiten.get(n) for n in namen))])
        db.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--ongeldig", type=float, default=0.03,
                        help="Aandeel rijen met een opzettelijke fout (standaard 0.03).")
    parser.add_argument("--scheiding", choices=[";", ","], default=";")
    parser.add_argument("-o", "--uitvoer", type=Path, default=None)
    args = parser.parse_args()
    if args.uitvoer is None:
        schrijf(sys.stdout, args.rijen, args.seed, args.ongeldig, args.scheiding)
        return
    if args.uitvoer.suffix.lower() == ".geojson":
        schrijf_geojson(args.uitvoer, args.rijen, args.seed, args.ongeldig)
        return
    if args.uitvoer.suffix.lower() == ".gpkg":
        schrijf_geopackage(args.uitvoer, args.rijen, args.seed, args.ongeldig)
        return
    with args.uitvoer.open("w", encoding="utf-8-sig", newline="") as uit:
        schrijf(uit, args.rijen, args.seed, args.ongeldig, args.scheiding)


if __name__ == "__main__":
    main()
