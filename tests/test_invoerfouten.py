"""Bad or hostile input: exit 2 with one line naming file and field, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kennisbank.cli import main

FOUT = Path(__file__).parent / "data" / "fout"
CASUS = Path(__file__).parent / "data" / "snapshot-casus.yaml"


def een_regel(uitvoer: str) -> str:
    regels = [r for r in uitvoer.splitlines() if r.strip()]
    assert len(regels) == 1, uitvoer
    assert "Traceback" not in uitvoer
    return regels[0]


@pytest.mark.parametrize(("bestand", "veld", "melding"), [
    ("diep-genest.yaml", "titel", "te diep genest"),
    ("alias.yaml", "gemeente", "ankers en aliassen"),
    ("set-tag.yaml", "pand.adres", "eigen tags"),
    ("lang-getal.yaml", "pand.oppervlakte_m2", "getal met 5000 cijfers"),
    ("nan.yaml", "pand.oppervlakte_m2", "geen getal"),
    ("nul-teken.yaml", None, "ongeldige YAML"),
])
@pytest.mark.parametrize("commando", ["evalueer", "regressie"])
def test_hostile_case_files_exit_2_naming_file_and_field(
        runner, bestand, veld, melding, commando) -> None:
    uit = runner.invoke(main, [commando, str(FOUT / bestand)])
    assert uit.exit_code == 2, uit.output
    regel = een_regel(uit.output)
    assert bestand in regel and melding in regel
    if veld:
        assert f": {veld}" in regel


def test_a_date_is_kept_as_the_text_written(runner) -> None:
    uit = runner.invoke(main, ["evalueer", str(FOUT / "datum.yaml"), "--format", "json"])
    assert uit.exit_code == 0, uit.output
    assert '"2024-05-01"' in uit.output or "2024-05-01" in uit.output


def test_a_fifo_as_input_is_no_regular_file(runner, tmp_path) -> None:
    fifo = tmp_path / "casus.yaml"
    os.mkfifo(fifo)
    uit = runner.invoke(main, ["evalueer", str(fifo)])
    assert uit.exit_code == 2
    assert "geen gewoon bestand" in een_regel(uit.output)


def test_a_file_name_with_a_newline_stays_on_one_line(runner, tmp_path) -> None:
    bestand = tmp_path / "twee\nregels.yaml"
    bestand.write_text("id: [\n", encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(bestand)])
    assert uit.exit_code == 2
    assert "twee\\nregels.yaml" in een_regel(uit.output)


def test_a_very_deep_folder_tree_is_refused(runner, tmp_path) -> None:
    diep = tmp_path
    for _ in range(70):
        diep = diep / "d"
    diep.mkdir(parents=True)
    (diep / "c.yaml").write_text("id: c\ngemeente: T\n", encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(tmp_path)])
    assert uit.exit_code == 2
    assert "te diep genest" in een_regel(uit.output)


@pytest.mark.parametrize("argumenten", [
    ["evalueer"], ["evalueer", str(CASUS), "--bogus"], ["onbekend"],
    ["evalueer", str(CASUS), "--format", "pdf"], ["verklaar", str(CASUS)],
])
def test_usage_errors_are_one_line(runner, argumenten) -> None:
    uit = runner.invoke(main, argumenten)
    assert uit.exit_code == 2
    assert "--help" in een_regel(uit.output)


@pytest.mark.parametrize(("stel", "melding"), [
    ("pand.liftt=", "pand.liftt: onbekend veld"),
    ("pand.liftt=true", "pand.liftt: onbekend veld"),
    ("id=ander", "id: id is geen feit"),
    ("verwacht.moderne_makers.oordeel=passend", "verwacht"),
    ("beleid.omgevingsplan.bakkerij=toegestaan", "onbekende sleutel"),
    ("pand.adres=!!binary aGFsbG8=", "eigen tags"),
    ("pand.adres=&a x", "ankers"),
    ("pand.oppervlakte_m2=.nan", "geen getal"),
    ("pand.oppervlakte_m2=" + "9" * 5000, "cijfers"),
    ("pand.adres=\udcff", "geen UTF-8"),
])
def test_stel_refuses_what_is_no_fact(runner, stel, melding) -> None:
    uit = runner.invoke(main, ["evalueer", str(CASUS), "--stel", stel])
    assert uit.exit_code == 2, uit.output
    regel = een_regel(uit.output)
    assert "--stel" in regel and melding in regel


def test_a_rule_directory_is_called_trusted_code_in_help(runner) -> None:
    uit = runner.invoke(main, ["evalueer", "--help"])
    assert "vertrouwt" in " ".join(uit.output.split())


def regelmap_met(tmp_path: Path, code: str) -> Path:
    import shutil

    from kennisbank.engine import standaardmap

    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie, ignore=shutil.ignore_patterns("__pycache__"))
    (kopie / "zz_extra.py").write_text(code, encoding="utf-8")
    return kopie


@pytest.mark.parametrize(("code", "melding"), [
    ("import bestaat_niet_module\n", "zz_extra kan niet geladen worden"),
    ("import sys\nsys.exit(0)\n", "zz_extra roept sys.exit aan"),
])
def test_a_broken_rule_module_is_named(runner, tmp_path, code, melding) -> None:
    uit = runner.invoke(main, ["matrix", "--regels", str(regelmap_met(tmp_path, code))])
    assert uit.exit_code == 2
    assert melding in een_regel(uit.output)


@pytest.mark.parametrize("aanroep", ["1 / 0", "__import__('sys').exit(0)"])
def test_a_rule_that_raises_names_the_rule_and_the_case(runner, tmp_path, aanroep) -> None:
    code = (
        "from kennisbank.regelapi import Gevraagd, regel\n\n"
        "@regel('zz.kapot', Gevraagd(), citaat='x', bron='1.4')\n"
        "def kapot(ctx):\n"
        "    \"\"\"Faalt altijd.\"\"\"\n"
        f"    {aanroep}\n"
    )
    uit = runner.invoke(main, ["evalueer", str(CASUS), "--regels",
                               str(regelmap_met(tmp_path, code))])
    assert uit.exit_code == 1, uit.output
    regel = een_regel(uit.output)
    assert "zz.kapot" in regel and "snapshot" in regel


BROKJES = [b"[", b"{", b"]", b"}", b"id: x\n", b"gemeente: T\n", b"&a ", b"*a", b"!!set ",
           b": ", b"\n  ", b"- ", b"pand:\n", b"  verdieping: ", b"1e400", b".nan", b"\xff",
           b"'", b'"', b"# c\n", b"...\n", b"---\n", b"verwacht:\n", b"2024-01-01", b"\t", b"?"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400),
                 st.lists(st.sampled_from(BROKJES), max_size=60).map(b"".join)))
def test_any_byte_string_as_a_case_file_exits_0_or_2_in_bounded_time(
        runner, tmp_path, inhoud: bytes) -> None:
    bestand = tmp_path / "casus.yaml"
    bestand.write_bytes(inhoud)
    begin = time.monotonic()
    uit = runner.invoke(main, ["evalueer", str(bestand), "--format", "json"])
    assert time.monotonic() - begin < 20
    assert uit.exit_code in (0, 2), (inhoud, uit.output, uit.exception)
    if uit.exit_code == 2:
        een_regel(uit.output)
