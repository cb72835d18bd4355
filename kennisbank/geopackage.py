"""A GeoPackage (OGC 12-128r18, version 1.3) of the scan: one point feature per pand, in RD.

A GeoPackage is an SQLite database with a few required metadata tables; this writes the minimal
conforming set with the standard library, so GIS software (QGIS, ArcGIS, GDAL) opens the result
without any extra package. Geometries stay in RD (EPSG:28992), the register's own system.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from kennisbank.domein import Werkfunctie
from kennisbank.scan import Panduitkomst

TABEL = "scan"
RD_SRS_ID = 28992
#: gpkg_contents.last_change is required; a fixed value keeps the file the same on every run.
VASTE_WIJZIGINGSTIJD = "2000-01-01T00:00:00.000Z"
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_VERSIE = 10300


def punt_blob(x: float, y: float, srs_id: int = RD_SRS_ID) -> bytes:
    """A GeoPackage geometry: the 'GP' header (little-endian, no envelope) and a WKB point."""
    kop = b"GP" + struct.pack("<BBi", 0, 0b0000_0001, srs_id)
    return kop + struct.pack("<BIdd", 1, 1, x, y)


def _rd_wkt() -> str:
    from pyproj import CRS

    return str(CRS.from_epsg(RD_SRS_ID).to_wkt("WKT1_GDAL"))


_METADATA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""


def _kolomnaam(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


def nieuwe_puntlaag(pad: Path, tabel: str, velden: list[tuple[str, str]]) -> sqlite3.Connection:
    """A new GeoPackage at ``pad`` with one empty point layer ``tabel`` in RD: its metadata,
    the column ``geom`` and the given (name, SQL type) columns after ``fid``."""
    pad.unlink(missing_ok=True)
    db = sqlite3.connect(pad)
    db.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {_GPKG_VERSIE}")
    db.executescript(_METADATA)
    db.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
        ("WGS 84 geodetic", 4326, "EPSG", 4326,
         'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
         'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', None),
        ("Amersfoort / RD New", RD_SRS_ID, "EPSG", RD_SRS_ID, _rd_wkt(), None),
    ])
    kolommen = ", ".join(f"{_kolomnaam(n)} {soort}" for n, soort in velden)
    db.execute(f"CREATE TABLE {_kolomnaam(tabel)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
               f"geom POINT, {kolommen})")
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, "
               "srs_id) VALUES (?, 'features', ?, ?, ?)",
               (tabel, tabel, VASTE_WIJZIGINGSTIJD, RD_SRS_ID))
    db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)",
               (tabel, RD_SRS_ID))
    return db


@contextmanager
def geopackage(pad: Path, functies: tuple[Werkfunctie, ...]) -> Iterator[
        Callable[[Panduitkomst], None]]:
    from kennisbank.scanuitvoer import kolommen, rijen

    namen = [n for n in kolommen("breed", functies) if n not in ("x", "y")]
    soorten = {"rij": "INTEGER"} | {n: "INTEGER" for n in namen
                                     if n.endswith((".voorwaarden", ".open_vragen"))}
    with closing(nieuwe_puntlaag(pad, TABEL, [(n, soorten.get(n, "TEXT")) for n in namen])) as db:
        invoegen = (f"INSERT INTO {TABEL} (geom, {', '.join(map(_kolomnaam, namen))}) "
                    f"VALUES (?{', ?' * len(namen)})")
        alle = kolommen("breed", functies)
        grenzen: list[float] = []

        def schrijf(uitkomst: Panduitkomst) -> None:
            waarden = dict(zip(alle, rijen(uitkomst, "breed")[0], strict=True))
            geom = None
            if uitkomst.x is not None and uitkomst.y is not None:
                geom = punt_blob(uitkomst.x, uitkomst.y)
                grenzen[:] = [min(uitkomst.x, grenzen[0]), min(uitkomst.y, grenzen[1]),
                              max(uitkomst.x, grenzen[2]), max(uitkomst.y, grenzen[3])] \
                    if grenzen else [uitkomst.x, uitkomst.y, uitkomst.x, uitkomst.y]
            db.execute(invoegen, [geom, *(waarden[n] for n in namen)])

        yield schrijf
        if grenzen:
            db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                       "WHERE table_name = ?", (*grenzen, TABEL))
        db.commit()
