"""A register delivered as GeoJSON or GeoPackage reads like the same register as CSV."""

from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
import struct
from contextlib import closing
from pathlib import Path

import pytest
from conftest import PROJECT

from kennisbank.cli import main
from kennisbank.geopackage import nieuwe_puntlaag, punt_blob

_spec = importlib.util.spec_from_file_location(
    "synthetisch_register", PROJECT / "scripts" / "synthetisch_register.py")
assert _spec and _spec.loader
synthetisch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetisch)

FUNCTIES = ("--functie", "kantoren_coworking", "--functie", "lichte_maakbedrijven")


def scan(runner, register: Path, uitvoer: Path):
    return runner.invoke(main, ["scan", str(register), "--werkers", "1", *FUNCTIES,
                                "-o", str(uitvoer)])


def lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8", newline="") as invoer:
        return list(csv.DictReader(invoer))


def rd_geojson(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features,
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}}


def feature(eigenschappen: dict, geometrie: dict | None) -> dict:
    return {"type": "Feature", "properties": eigenschappen, "geometry": geometrie}


def schrijf_json(pad: Path, document: dict) -> Path:
    pad.write_text(json.dumps(document), encoding="utf-8")
    return pad


def test_synthetic_register_as_csv_geojson_and_geopackage_gives_the_same_scan(
        runner, tmp_path) -> None:
    aantal, seed, ongeldig = 16, 5, 0.25
    uitkomsten = {}
    for soort in ("csv", "geojson", "gpkg"):
        register = tmp_path / f"register.{soort}"
        if soort == "csv":
            with register.open("w", encoding="utf-8-sig", newline="") as uit:
                synthetisch.schrijf(uit, aantal, seed, ongeldig, ";")
        elif soort == "geojson":
            synthetisch.schrijf_geojson(register, aantal, seed, ongeldig)
        else:
            synthetisch.schrijf_geopackage(register, aantal, seed, ongeldig)
        uit = scan(runner, register, tmp_path / f"uit-{soort}.csv")
        assert uit.exit_code == 2, uit.output  # the generator made some rows invalid
        uitkomsten[soort] = (lees_csv(tmp_path / f"uit-{soort}.csv"),
                             (tmp_path / f"uit-{soort}.fouten.csv").read_text(encoding="utf-8"))
    rijen_csv, fouten_csv = uitkomsten["csv"]
    assert fouten_csv.count("\n") > 1
    for soort in ("geojson", "gpkg"):
        rijen, fouten = uitkomsten[soort]
        assert fouten == fouten_csv, soort
        assert len(rijen) == len(rijen_csv)
        for rij, verwacht in zip(rijen, rijen_csv, strict=True):
            assert {k: v for k, v in rij.items() if k not in ("x", "y")} == {
                k: v for k, v in verwacht.items() if k not in ("x", "y")}
            # GeoJSON stores WGS84 degrees to 7 decimals: about a centimetre either way.
            for as_ in ("x", "y"):
                assert float(rij[as_]) == pytest.approx(float(verwacht[as_]), abs=0.02)


def test_polygon_gives_its_area_centroid_and_missing_geometry_no_point(runner, tmp_path) -> None:
    vierkant = [[[100_000, 450_000], [100_000, 450_010], [100_030, 450_010],
                 [100_030, 450_000], [100_000, 450_000]]]
    register = schrijf_json(tmp_path / "r.geojson", rd_geojson([
        feature({"id": "a", "gemeente": "Utrecht"}, {"type": "Polygon", "coordinates": vierkant}),
        feature({"id": "b", "gemeente": "Utrecht", "pand.lift": True}, None),
    ]))
    assert scan(runner, register, tmp_path / "uit.csv").exit_code == 0
    a, b = lees_csv(tmp_path / "uit.csv")
    assert (float(a["x"]), float(a["y"])) == (100_015.0, 450_005.0)
    assert (b["x"], b["y"]) == ("", "")


def test_a_line_is_an_invalid_row_and_the_other_rows_are_evaluated(runner, tmp_path) -> None:
    register = schrijf_json(tmp_path / "r.geojson", rd_geojson([
        feature({"id": "a", "gemeente": "Utrecht"},
                {"type": "LineString", "coordinates": [[100_000, 450_000], [100_010, 450_000]]}),
        feature({"id": "b", "gemeente": "Utrecht"},
                {"type": "Point", "coordinates": [136_000, 456_000]}),
        feature({"id": "c", "gemeente": "Utrecht", "pand.oppervlakte_m2": [1, 2]}, None),
    ]))
    uit = scan(runner, register, tmp_path / "uit.csv")
    assert uit.exit_code == 2, uit.output
    assert [r["id"] for r in lees_csv(tmp_path / "uit.csv")] == ["b"]
    fouten = lees_csv(tmp_path / "uit.fouten.csv")
    assert [(f["rij"], f["kolom"]) for f in fouten] == [("2", "x"),
                                                        ("4", "pand.oppervlakte_m2")]
    assert "LineString" in fouten[0]["melding"]
    assert "samengestelde waarde" in fouten[1]["melding"]


@pytest.mark.parametrize("document, veld, melding", [
    ({"type": "Feature"}, "type", "FeatureCollection"),
    ({"type": "FeatureCollection", "features": {}}, "features", "lijst"),
    (rd_geojson([feature({"id": "a", "gemeente": "Utrecht", "x": 1}, None)]), "x",
     "geometrie"),
    ({**rd_geojson([]), "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}},
     "crs", "coördinatenstelsel"),
])
def test_a_register_that_cannot_be_read_is_one_line_naming_file_and_field(
        runner, tmp_path, document, veld, melding) -> None:
    register = schrijf_json(tmp_path / "r.geojson", document)
    uit = scan(runner, register, tmp_path / "uit.csv")
    assert uit.exit_code == 2, uit.output
    assert uit.output.strip().count("\n") == 0, uit.output
    assert str(register) in uit.output and veld in uit.output and melding in uit.output
    assert not (tmp_path / "uit.csv").exists()


def test_invalid_json_names_the_line(runner, tmp_path) -> None:
    register = tmp_path / "r.geojson"
    register.write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")
    uit = scan(runner, register, tmp_path / "uit.csv")
    assert uit.exit_code == 2 and "regel 2" in uit.output and "Traceback" not in uit.output


def _polygoon_wkb(ring: list[tuple[float, float]]) -> bytes:
    return (struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
            + b"".join(struct.pack("<dd", *p) for p in ring))


def test_geopackage_reads_booleans_polygons_and_empty_geometries(runner, tmp_path) -> None:
    register = tmp_path / "r.gpkg"
    with closing(nieuwe_puntlaag(register, "panden", [
            ("id", "TEXT"), ("gemeente", "TEXT"), ("pand.lift", "BOOLEAN")])) as db:
        ring = [(0.0, 0.0), (0.0, 20.0), (40.0, 20.0), (40.0, 0.0), (0.0, 0.0)]
        verschoven = [(100_000 + x, 450_000 + y) for x, y in ring]
        kop = b"GP" + struct.pack("<BBi", 0, 0b0000_0001, 28992)
        db.executemany('INSERT INTO panden (geom, id, gemeente, "pand.lift") VALUES (?, ?, ?, ?)',
                       [(kop + _polygoon_wkb(verschoven), "a", "Utrecht", 1),
                        (punt_blob(136_000, 456_000), "b", "Utrecht", 0),
                        (None, "c", "Utrecht", None)])
        db.commit()
    assert scan(runner, register, tmp_path / "uit.csv").exit_code == 0
    a, b, c = lees_csv(tmp_path / "uit.csv")
    assert (float(a["x"]), float(a["y"])) == (100_020.0, 450_010.0)
    assert (float(b["x"]), float(b["y"])) == (136_000.0, 456_000.0)
    assert c["x"] == ""
    uitleg = runner.invoke(main, ["verklaar", str(register), "--id", "b", "--functie",
                                  "kantoren_coworking", "--format", "json"])
    assert uitleg.exit_code == 0, uitleg.output
    assert json.loads(uitleg.output)["oordeel"] == b["kantoren_coworking.oordeel"]


def test_geopackage_with_two_layers_or_none_is_refused(runner, tmp_path) -> None:
    register = tmp_path / "r.gpkg"
    with closing(nieuwe_puntlaag(register, "a", [("id", "TEXT"), ("gemeente", "TEXT")])) as db:
        db.execute("CREATE TABLE b (fid INTEGER PRIMARY KEY, geom POINT)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, "
                   "srs_id) VALUES ('b', 'features', 'b', '2000-01-01T00:00:00.000Z', 28992)")
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('b', 'geom', 'POINT', 28992, 0, 0)")
        db.commit()
    uit = scan(runner, register, tmp_path / "uit.csv")
    assert uit.exit_code == 2 and "meer dan één featurelaag (a, b)" in uit.output
    geen = tmp_path / "leeg.gpkg"
    with closing(sqlite3.connect(geen)) as db:
        db.execute("CREATE TABLE t (a)")
    uit = scan(runner, geen, tmp_path / "uit.csv")
    assert uit.exit_code == 2 and "geen leesbare GeoPackage" in uit.output
