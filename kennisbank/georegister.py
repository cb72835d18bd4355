"""Reading a register delivered as GeoJSON or GeoPackage: features become register rows.

A feature's properties are the register's columns (read exactly like a CSV's: named after a case
path, or renamed by ``--kolommen``); its geometry becomes the pand's RD point in the columns
``x``/``y``. A point is taken as it is; a polygon or multipolygon (a BAG pand outline) gives its
area centroid, the usual single point for an outline. A feature without geometry has no point,
like a CSV row with empty ``x``/``y``. Any other geometry (a line) makes that row invalid, not the
whole register.

GeoJSON is WGS84 longitude/latitude (RFC 7946) unless the file names another system in the
older ``crs`` member; a GeoPackage names its system per geometry column. Both are transformed to
RD (EPSG:28992) with PROJ. Both formats are read with the standard library (``json``,
``sqlite3``), so no GIS stack is needed.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kennisbank.fouten import InvoerFout

RD_EPSG = 28992
#: A transformed point is rounded to centimetres: enough for a pand, and it keeps the output the
#: same whatever tiny differences a transformation round trip leaves.
DECIMALEN_RD = 2
WGS84_EPSG = 4326
GEOJSON_EXTENSIES = (".geojson",)
GEOPACKAGE_EXTENSIES = (".gpkg",)


@dataclass(frozen=True)
class Celfout:
    """A cell that cannot be read; the row it is in becomes invalid with this message."""

    melding: str


class _Geometriefout(ValueError):
    pass


@lru_cache(maxsize=8)
def _naar_rd(epsg: int) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(f"EPSG:{epsg}", f"EPSG:{RD_EPSG}", always_xy=True)


def _in_rd(punt: tuple[float, float], epsg: int) -> tuple[float, float]:
    if epsg == RD_EPSG:
        return punt
    x, y = _naar_rd(epsg).transform(*punt)
    return round(float(x), DECIMALEN_RD), round(float(y), DECIMALEN_RD)


def _zwaartepunt(ringen: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """The area centroid of the outer rings (shoelace formula); the vertex mean when flat."""
    oppervlak = sx = sy = 0.0
    for ring in ringen:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            kruis = x0 * y1 - x1 * y0
            oppervlak += kruis
            sx += (x0 + x1) * kruis
            sy += (y0 + y1) * kruis
    if abs(oppervlak) < 1e-12:
        punten = [p for ring in ringen for p in ring]
        if not punten:
            raise _Geometriefout("lege geometrie")
        return (sum(p[0] for p in punten) / len(punten), sum(p[1] for p in punten) / len(punten))
    return sx / (3 * oppervlak), sy / (3 * oppervlak)


def _punt_uit_geojson(geometrie: dict[str, Any]) -> tuple[float, float]:
    soort = geometrie.get("type")
    coord = geometrie.get("coordinates")
    try:
        if soort == "Point":
            return float(coord[0]), float(coord[1])  # type: ignore[index]
        if soort == "MultiPoint" and coord is not None and len(coord) == 1:
            return float(coord[0][0]), float(coord[0][1])
        if soort == "Polygon":
            return _zwaartepunt([[(float(p[0]), float(p[1])) for p in coord[0]]])  # type: ignore[index]
        if soort == "MultiPolygon":
            return _zwaartepunt([[(float(p[0]), float(p[1])) for p in vlak[0]]
                                 for vlak in coord])  # type: ignore[union-attr]
    except (TypeError, IndexError, ValueError, KeyError):
        raise _Geometriefout(f"onleesbare {soort}-geometrie") from None
    raise _Geometriefout(f"geometrie {soort} geeft geen punt voor een pand "
                         "(verwacht Point, Polygon of MultiPolygon)")


def _geojson_epsg(document: dict[str, Any], bestand: Path) -> int:
    crs = document.get("crs")
    if crs is None:
        return WGS84_EPSG
    naam = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    from pyproj import CRS
    from pyproj.exceptions import CRSError
    try:
        epsg = CRS.from_user_input(naam).to_epsg()
    except CRSError:
        epsg = None
    if epsg is None:
        raise InvoerFout(bestand, f"onbekend coördinatenstelsel {naam!r}", "crs")
    # OGC:CRS84 (the RFC's own default) is longitude/latitude WGS84.
    return WGS84_EPSG if epsg == 4326 or "CRS84" in naam else epsg


def _kop_met_punt(namen: list[str], bestand: Path) -> list[str]:
    for naam in ("x", "y"):
        if naam in namen:
            raise InvoerFout(bestand, "een geo-register geeft het punt met de geometrie; een "
                                      "eigenschap mag niet ook zo heten", naam)
    return [*namen, "x", "y"]


def _punt_cellen(maak_punt: Any) -> list[Any]:
    try:
        punt = maak_punt()
    except _Geometriefout as fout:
        return [Celfout(str(fout)), None]
    if punt is None:
        return [None, None]
    return [punt[0], punt[1]]


def geojson_rijen(bestand: Path) -> Iterator[list[Any]]:
    """The header (property names in order of first appearance, then x, y) and one row per
    feature."""
    try:
        with bestand.open(encoding="utf-8-sig") as invoer:
            document = json.load(invoer)
    except UnicodeDecodeError:
        raise InvoerFout(bestand, "bestand is geen UTF-8-tekst") from None
    except json.JSONDecodeError as fout:
        raise InvoerFout(bestand, f"ongeldige JSON (regel {fout.lineno}: {fout.msg})") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InvoerFout(bestand, "verwacht een GeoJSON FeatureCollection", "type")
    features = document.get("features")
    if not isinstance(features, list):
        raise InvoerFout(bestand, "verwacht een lijst features", "features")
    epsg = _geojson_epsg(document, bestand)
    namen: dict[str, None] = {}
    for nummer, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties") or {}, dict):
            raise InvoerFout(bestand, "feature zonder properties-object", f"features[{nummer}]")
        namen.update(dict.fromkeys(feature.get("properties") or {}))
    yield _kop_met_punt(list(namen), bestand)
    for feature in features:
        eigenschappen = feature.get("properties") or {}
        geometrie = feature.get("geometry")

        def punt(geometrie: Any = geometrie) -> tuple[float, float] | None:
            if geometrie is None:
                return None
            if not isinstance(geometrie, dict):
                raise _Geometriefout("geometrie is geen object")
            return _in_rd(_punt_uit_geojson(geometrie), epsg)

        yield [_json_cel(eigenschappen.get(naam)) for naam in namen] + _punt_cellen(punt)


def _json_cel(waarde: Any) -> Any:
    """A property as a cell; an array stays a list (the items of a list fact; any other
    column refuses it)."""
    if isinstance(waarde, dict):
        return Celfout("een samengestelde waarde (object) is geen feit")
    return waarde


# --- GeoPackage ---------------------------------------------------------------------------


_ENVELOP_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class _Wkb:
    """Reads the points and rings of a WKB geometry (ISO or extended, with Z/M)."""

    def __init__(self, data: bytes, begin: int) -> None:
        self.data = data
        self.plek = begin

    def _lees(self, formaat: str) -> tuple[Any, ...]:
        waarden = struct.unpack_from(formaat, self.data, self.plek)
        self.plek += struct.calcsize(formaat)
        return waarden

    def geometrie(self) -> tuple[int, list[list[tuple[float, float]]]]:
        (orde,) = self._lees("B")
        teken = "<" if orde == 1 else ">"
        (code,) = self._lees(teken + "I")
        dims = 2
        if code & 0x80000000:  # extended WKB: Z flag
            dims += 1
        if code & 0x40000000:  # extended WKB: M flag
            dims += 1
        code &= 0x0FFFFFFF
        dims += {1: 1, 2: 1, 3: 2}.get(code // 1000, 0)
        soort = code % 1000
        punt = teken + "d" * dims
        if soort == 1:
            waarden = self._lees(punt)
            return 1, [[(waarden[0], waarden[1])]]
        if soort == 3:
            (aantal_ringen,) = self._lees(teken + "I")
            ringen = []
            for _ in range(aantal_ringen):
                (aantal,) = self._lees(teken + "I")
                ringen.append([self._lees(punt)[:2] for _ in range(aantal)])
            return 3, ringen[:1]
        if soort in (4, 6):
            (aantal,) = self._lees(teken + "I")
            delen = [self.geometrie()[1] for _ in range(aantal)]
            return soort, [ring for deel in delen for ring in deel]
        raise _Geometriefout(f"WKB-geometrietype {soort} geeft geen punt voor een pand "
                             "(verwacht Point, Polygon of MultiPolygon)")


def _punt_uit_gpkg(blob: bytes | None) -> tuple[float, float] | None:
    if blob is None:
        return None
    if len(blob) < 8 or blob[:2] != b"GP":
        raise _Geometriefout("geen GeoPackage-geometrie")
    vlaggen = blob[3]
    if vlaggen & 0b1_0000:  # the empty-geometry flag
        return None
    envelop = _ENVELOP_BYTES.get((vlaggen >> 1) & 0b111)
    if envelop is None:
        raise _Geometriefout("ongeldige GeoPackage-geometriekop")
    try:
        soort, ringen = _Wkb(blob, 8 + envelop).geometrie()
    except struct.error:
        raise _Geometriefout("afgebroken WKB-geometrie") from None
    if soort == 1:
        return ringen[0][0]
    if soort == 4:
        if len(ringen) != 1:
            raise _Geometriefout("een MultiPoint met meer dan één punt is geen pand")
        return ringen[0][0]
    return _zwaartepunt([list(r) for r in ringen])


def _open_geopackage(bestand: Path) -> sqlite3.Connection:
    try:
        verbinding = sqlite3.connect(f"{bestand.resolve().as_uri()}?mode=ro", uri=True)
        verbinding.execute("SELECT 1 FROM gpkg_contents LIMIT 1")
    except sqlite3.DatabaseError:
        raise InvoerFout(bestand, "geen leesbare GeoPackage (gpkg_contents ontbreekt)") from None
    return verbinding


def _featurelaag(verbinding: sqlite3.Connection, bestand: Path) -> tuple[str, str, int]:
    lagen = verbinding.execute(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "WHERE c.data_type = 'features' ORDER BY c.table_name").fetchall()
    if not lagen:
        raise InvoerFout(bestand, "de GeoPackage heeft geen featurelaag", "gpkg_contents")
    if len(lagen) > 1:
        namen = ", ".join(laag[0] for laag in lagen)
        raise InvoerFout(bestand, f"de GeoPackage heeft meer dan één featurelaag ({namen}); "
                                  "exporteer de laag van het register apart", "gpkg_contents")
    tabel, kolom, srs_id = lagen[0]
    rij = verbinding.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
        "WHERE srs_id = ?", (srs_id,)).fetchone()
    if rij is None or str(rij[0]).upper() != "EPSG":
        raise InvoerFout(bestand, f"onbekend coördinatenstelsel (srs_id {srs_id})",
                         "gpkg_spatial_ref_sys")
    return str(tabel), str(kolom), int(rij[1])


def _naam(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


def geopackage_rijen(bestand: Path) -> Iterator[list[Any]]:
    """The header (the layer's attribute columns, then x, y) and one row per feature, streamed
    in feature order."""
    with closing(_open_geopackage(bestand)) as verbinding:
        tabel, geometriekolom, epsg = _featurelaag(verbinding, bestand)
        kolommen = verbinding.execute(f"PRAGMA table_info({_naam(tabel)})").fetchall()
        # The integer primary key (fid) is the GeoPackage's own row id, not a register column.
        namen = [str(k[1]) for k in kolommen
                 if str(k[1]) != geometriekolom and not (k[5] and str(k[2]).upper() == "INTEGER")]
        yield _kop_met_punt(namen, bestand)
        selectie = ", ".join(_naam(n) for n in [*namen, geometriekolom])
        sleutel = next((str(k[1]) for k in kolommen if k[5]), "rowid")
        for rij in verbinding.execute(
                f"SELECT {selectie} FROM {_naam(tabel)} ORDER BY {_naam(sleutel)}"):
            *cellen, blob = rij

            def punt(blob: Any = blob) -> tuple[float, float] | None:
                gevonden = _punt_uit_gpkg(blob)
                return None if gevonden is None else _in_rd(gevonden, epsg)

            yield list(cellen) + _punt_cellen(punt)


def tel_features(bestand: Path) -> int | None:
    """How many features a GeoPackage holds (for a progress bar); None for GeoJSON."""
    if bestand.suffix.lower() not in GEOPACKAGE_EXTENSIES:
        return None
    with closing(_open_geopackage(bestand)) as verbinding:
        tabel, _, _ = _featurelaag(verbinding, bestand)
        (aantal,) = verbinding.execute(f"SELECT COUNT(*) FROM {_naam(tabel)}").fetchone()
    return int(aantal)
