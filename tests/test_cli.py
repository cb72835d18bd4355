"""The command line through click's runner: evalueer, schema, output files."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys

from click.testing import CliRunner
from conftest import CASES, PROJECT

from kennisbank.cli import main
from kennisbank.domein import BRONNEN, Werkfunctie


@functools.cache
def json_van_alle_casussen() -> str:
    """`kennisbank evalueer cases/ --format json`, run once per test process: a few seconds and
    26 MB of trace that several tests only read."""
    uit = CliRunner().invoke(main, ["evalueer", str(CASES), "--format", "json"])
    assert uit.exit_code == 0, uit.output
    return uit.output


def test_evalueer_json_on_stored_cases_has_six_cited_adviezen_per_case() -> None:
    data = json.loads(json_van_alle_casussen())
    assert {c["gemeente"] for c in data} >= {"Rotterdam", "Den Haag", "Utrecht"}
    for casus in data:
        assert set(casus) >= {"casus", "gemeente", "adviezen"}
        assert [a["werkfunctie"] for a in casus["adviezen"]] == [f.value for f in Werkfunctie]
        for advies in casus["adviezen"]:
            assert set(advies) >= {"werkfunctie", "matrixscore", "oordeel", "redenen",
                                   "voorwaarden", "open_vragen", "levendigheid", "drempels",
                                   "spoor"}
            assert advies["redenen"], advies["werkfunctie"]
            assert all(r["bron"] in BRONNEN and r["regel"] for r in advies["redenen"])
            assert advies["spoor"]
            for stap in advies["spoor"]:
                assert stap["regel"] and stap["feiten"]
                assert all("feit" in f and "id" in f for f in stap["feiten"])


def test_every_conclusion_in_the_trace_rests_on_earlier_facts() -> None:
    for casus in json.loads(json_van_alle_casussen()):
        for advies in casus["adviezen"]:
            bekend = set()
            for stap in advies["spoor"]:
                for feit in stap["feiten"]:
                    assert feit["feit"] in {"Kenmerk", "Gevraagd"} or feit["id"] in bekend, (
                        advies["werkfunctie"], stap["regel"], feit)
                bekend.update(f["id"] for f in stap["conclusies"])


def test_functie_option_limits_the_adviezen(runner) -> None:
    casus = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"
    uit = runner.invoke(main, ["evalueer", str(casus), "--format", "json",
                               "--functie", "sport_wellbeing", "--functie", "kantoren_coworking"])
    assert uit.exit_code == 0
    (casus,) = json.loads(uit.output)
    assert [a["werkfunctie"] for a in casus["adviezen"]] == ["sport_wellbeing",
                                                               "kantoren_coworking"]


def test_text_output_shows_table_then_reasons_with_citations(runner) -> None:
    uit = runner.invoke(main, ["evalueer", str(CASES / "utrecht")])
    assert uit.exit_code == 0
    assert "werkfunctie" in uit.output and "oordeel" in uit.output
    assert "waarom:" in uit.output and "Aannames" in uit.output
    assert "[1.4]" in uit.output


def test_output_file_is_written_and_identical_across_runs(runner, tmp_path) -> None:
    # The other run is the one on standard output: the file holds exactly its bytes.
    doel = tmp_path / "a.json"
    uit = runner.invoke(main, ["evalueer", str(CASES), "--format", "json", "-o", str(doel)])
    assert uit.exit_code == 0 and uit.output == ""
    assert doel.read_bytes() == json_van_alle_casussen().encode("utf-8")


def test_json_is_identical_across_hash_seeds() -> None:
    # This process has a hash seed of its own (random, or the one PYTHONHASHSEED names); two
    # fresh processes bring two other seeds.
    uitvoer = {json_van_alle_casussen().encode("utf-8")}
    for seed in [s for s in ("0", "1", "4242") if s != os.environ.get("PYTHONHASHSEED")][:2]:
        proces = subprocess.run(
            [sys.executable, "-m", "kennisbank", "evalueer", str(CASES), "--format", "json"],
            capture_output=True, check=True, cwd=PROJECT,
            env={**os.environ, "PYTHONHASHSEED": seed})
        uitvoer.add(proces.stdout)
    assert len(uitvoer) == 1


def test_schema_is_json_schema_with_units_and_forbidden_extras(runner) -> None:
    uit = runner.invoke(main, ["schema"])
    assert uit.exit_code == 0
    schema = json.loads(uit.output)
    assert schema["required"] == ["id", "gemeente"]
    assert schema["additionalProperties"] is False
    pand = schema["$defs"]["Pand"]["properties"]
    assert {"oppervlakte_m2", "vrije_hoogte_m", "vraaghuur_eur_m2_jaar"} <= set(pand)
    assert pand["oppervlakte_m2"]["anyOf"][0]["exclusiveMinimum"] == 0


def test_no_stray_log_lines_on_stderr() -> None:
    proces = subprocess.run([sys.executable, "-m", "kennisbank", "matrix", "--format", "json"],
                            capture_output=True, text=True, check=True, cwd=PROJECT)
    assert proces.stderr == ""


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path) -> None:
    # `kennisbank evalueer cases | head -1`: no error message, no traceback, SIGPIPE's status,
    # and no output file is touched by the screen's closed pipe.
    proces = subprocess.Popen([sys.executable, "-m", "kennisbank", "evalueer", str(CASES)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proces.stdout is not None and proces.stderr is not None
    assert proces.stdout.readline()
    proces.stdout.close()
    fouten = proces.stderr.read()
    assert proces.wait(timeout=120) == 141
    assert fouten == b""
