"""kennisbank scan: a register in, one row per pand out, bad rows in the errors file."""

from __future__ import annotations

import csv
import json
import sqlite3
import struct
from pathlib import Path

import pytest
from conftest import PROJECT

from kennisbank.cli import main

KOP = ("id;gemeente;pand.oppervlakte_m2;pand.verdieping;pand.lift;locatie.locatietype;"
       "beleid.omgevingsplan.kantoren_coworking;x;y")
GELDIG = [
    "0363010000000001;Amsterdam;120,5;1;ja;boven_winkels_klein_middel;toegestaan;121000;487000",
    "0363010000000002;Amsterdam;;;;;;;",
    "0599010000000003;Rotterdam;2400;0;nee;semi_industrieel_pand;;92500,5;437500",
]


def schrijf_csv(pad: Path, regels: list[str], bom: bool = True) -> Path:
    pad.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\n".join(regels).encode() + b"\n")
    return pad


def lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8", newline="") as invoer:
        return list(csv.DictReader(invoer))


def scan(runner, *args: str):
    return runner.invoke(main, ["scan", *args, "--werkers", "1", "--functie",
                                "kantoren_coworking", "--functie", "lichte_maakbedrijven"])


def test_semicolon_decimal_comma_and_bom_read_like_comma_and_point(runner, tmp_path) -> None:
    puntkomma = schrijf_csv(tmp_path / "a.csv", [KOP, *GELDIG])
    komma = schrijf_csv(tmp_path / "b.csv", [KOP.replace(";", ","), *(
        r.replace(",", ".").replace(";", ",") for r in GELDIG)], bom=False)
    uit_a, uit_b = tmp_path / "a-uit.csv", tmp_path / "b-uit.csv"
    assert scan(runner, str(puntkomma), "-o", str(uit_a)).exit_code == 0
    assert scan(runner, str(komma), "-o", str(uit_b)).exit_code == 0
    assert uit_a.read_bytes() == uit_b.read_bytes()
    rijen = lees_csv(uit_a)
    assert [r["id"] for r in rijen] == ["0363010000000001", "0363010000000002",
                                        "0599010000000003"]
    assert [r["rij"] for r in rijen] == ["2", "3", "4"]
    assert rijen[2]["x"] == "92500.5"
    assert rijen[0]["kantoren_coworking.matrixscore"] == "++"
    # An empty row is unknown everywhere: open questions, never niet passend.
    assert rijen[1]["kantoren_coworking.oordeel"] != "niet_passend"
    assert int(rijen[1]["kantoren_coworking.open_vragen"]) > 0
    assert (tmp_path / "a-uit.fouten.csv").read_text() == "rij,kolom,melding\n"


def test_xlsx_register_gives_the_same_result_as_csv(runner, tmp_path) -> None:
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(KOP.split(";"))
    for regel in GELDIG:
        cellen: list[object] = []
        for cel in regel.split(";"):
            getal = cel.replace(",", ".")
            cellen.append(None if not cel else float(getal) if getal.replace(".", "").isdigit()
                          and not cel.startswith("0") else cel)
        blad.append(cellen)
    boek.save(tmp_path / "r.xlsx")
    schrijf_csv(tmp_path / "r.csv", [KOP, *GELDIG])
    assert scan(runner, str(tmp_path / "r.xlsx"), "-o", str(tmp_path / "x.csv")).exit_code == 0
    assert scan(runner, str(tmp_path / "r.csv"), "-o", str(tmp_path / "c.csv")).exit_code == 0
    assert (tmp_path / "x.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()


def test_bad_rows_are_named_in_the_errors_file_and_the_rest_is_written(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", [
        KOP, GELDIG[0],
        "0363010000000010;Amsterdam;groot;;;;;;",
        "0363010000000011;;50;;;;;;",
        "0363010000000012;Amsterdam;50;;misschien;;;;",
        "0363010000000013;Amsterdam;50;;;winkelcentrum;;;",
        "0363010000000014;Amsterdam;50;;;;;121000;",
        "0363010000000015;Amsterdam;50;;;;;400000;487000",
        "0363010000000001;Amsterdam;50;;;;;;",
        "Geen Id!;Amsterdam;50;;;;;;",
        "0363010000000016;Amsterdam;50;;;;;;;;extra",
        GELDIG[2],
    ])
    uit = scan(runner, str(register), "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 2, uit.output
    assert "2 panden geëvalueerd, 9 ongeldige rij(en)" in uit.output
    assert [r["id"] for r in lees_csv(tmp_path / "uit.csv")] == [
        "0363010000000001", "0599010000000003"]
    fouten = lees_csv(tmp_path / "uit.fouten.csv")
    assert [(f["rij"], f["kolom"]) for f in fouten] == [
        ("3", "pand.oppervlakte_m2"), ("4", "gemeente"), ("5", "pand.lift"),
        ("6", "locatie.locatietype"), ("7", "y"), ("8", "x"), ("9", "id"), ("10", "id"),
        ("11", "")]
    assert "rij 2" in fouten[6]["melding"]
    assert all(f["melding"] and "\n" not in f["melding"] for f in fouten)


def test_unknown_column_is_one_line_input_error_before_any_work(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", [KOP + ";pand.kelder", GELDIG[0] + ";ja"])
    uit = scan(runner, str(register), "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 2
    assert uit.output.strip().count("\n") == 0
    assert "pand.kelder" in uit.output and "onbekende kolom" in uit.output
    assert not (tmp_path / "uit.csv").exists()


def test_missing_required_column_is_an_input_error(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", ["id;pand.lift", "0363010000000001;ja"])
    uit = scan(runner, str(register))
    assert uit.exit_code == 2 and "gemeente" in uit.output and "verplichte kolom" in uit.output


def test_shipped_bag_mapping_translates_columns_and_values(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "bag.csv", [
        "identificatie;gemeentenaam;oppervlakte;gebruiksdoel;status;winkelstraat_segment;"
        "locatietype;lift;omgevingsplan_kantoor;rd_x;rd_y",
        "0363010000123456;Amsterdam;180;winkelfunctie;Verblijfsobject in gebruik;A1;"
        "Werken boven winkels (klein en middel);J;Afwijking;121500;487200",
    ], bom=False)
    mapping = PROJECT / "kennisbank" / "kolommen" / "bag.yaml"
    uit = runner.invoke(main, ["scan", str(register), "--kolommen", str(mapping), "--werkers",
                               "1", "--vorm", "lang", "-o", str(tmp_path / "lang.csv")])
    assert uit.exit_code == 0, uit.output
    rijen = lees_csv(tmp_path / "lang.csv")
    assert len(rijen) == 6
    kantoor = next(r for r in rijen if r["werkfunctie"] == "kantoren_coworking")
    assert kantoor["id"] == "0363010000123456"
    assert kantoor["matrixscore"] == "++"
    assert "omgevingsplan" in kantoor["drempels"].split("|")
    assert all(r["reden"] and r["regel"] and r["bron"] for r in rijen)


def test_parallel_run_is_byte_identical_to_serial(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", [KOP, *GELDIG, "bad;;;;;;;;"])
    for werkers in ("1", "2"):
        uit = runner.invoke(main, ["scan", str(register), "--werkers", werkers, "--functie",
                                   "sport_wellbeing", "-o", str(tmp_path / f"uit{werkers}.csv")])
        assert uit.exit_code == 2
    assert (tmp_path / "uit1.csv").read_bytes() == (tmp_path / "uit2.csv").read_bytes()
    fouten = [(tmp_path / f"uit{w}.fouten.csv").read_bytes() for w in ("1", "2")]
    assert fouten[0] == fouten[1] and fouten[0].count(b"\n") == 2


def test_geojson_is_wgs84_and_pand_without_point_has_no_geometry(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", [KOP, *GELDIG])
    assert scan(runner, str(register), "-o", str(tmp_path / "uit.geojson")).exit_code == 0
    data = json.loads((tmp_path / "uit.geojson").read_text())
    assert data["type"] == "FeatureCollection"
    eerste, tweede, derde = data["features"]
    lengte, breedte = eerste["geometry"]["coordinates"]
    # RD (121000, 487000) lies in central Amsterdam.
    assert lengte == pytest.approx(4.888, abs=0.002) and breedte == pytest.approx(52.37, abs=0.002)
    assert tweede["geometry"] is None
    assert derde["properties"]["id"] == "0599010000000003"
    assert eerste["properties"]["kantoren_coworking.oordeel"]


def test_geopackage_is_a_conforming_sqlite_with_rd_points(runner, tmp_path) -> None:
    register = schrijf_csv(tmp_path / "r.csv", [KOP, *GELDIG])
    assert scan(runner, str(register), "-o", str(tmp_path / "uit.gpkg")).exit_code == 0
    db = sqlite3.connect(tmp_path / "uit.gpkg")
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert db.execute("SELECT table_name, data_type, srs_id FROM gpkg_contents").fetchall() == [
        ("scan", "features", 28992)]
    assert db.execute("SELECT geometry_type_name FROM gpkg_geometry_columns").fetchone() == (
        "POINT",)
    rijen = db.execute('SELECT id, geom, "kantoren_coworking.oordeel" FROM scan ORDER BY fid')
    eerste, tweede, derde = rijen.fetchall()
    assert eerste[1][:2] == b"GP"
    assert struct.unpack("<dd", eerste[1][-16:]) == (121000.0, 487000.0)
    assert tweede[1] is None
    assert derde[0] == "0599010000000003"
    assert db.execute("SELECT min_x, max_x FROM gpkg_contents").fetchone() == (92500.5, 121000.0)


def test_xlsx_output_is_deterministic(runner, tmp_path) -> None:
    from openpyxl import load_workbook

    register = schrijf_csv(tmp_path / "r.csv", [KOP, *GELDIG])
    for naam in ("a.xlsx", "b.xlsx"):
        assert scan(runner, str(register), "-o", str(tmp_path / naam)).exit_code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    blad = load_workbook(tmp_path / "a.xlsx").active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("rij", "id", "gemeente") and len(rijen) == 4
