"""Bad input gets one clear line naming file and field, exit code 2 and no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kennisbank.cli import main

GELDIG = "id: t1\ngemeente: Utrecht\n"


def schrijf(tmp_path: Path, tekst: str, naam: str = "casus.yaml") -> Path:
    bestand = tmp_path / naam
    bestand.write_text(tekst, encoding="utf-8")
    return bestand


@pytest.mark.parametrize(("tekst", "verwacht"), [
    (GELDIG + "pand:\n  oppervlakte_m2: veel\n", "pand.oppervlakte_m2"),
    (GELDIG + "pand:\n  oppervlakte_m2: -20\n", "pand.oppervlakte_m2"),
    (GELDIG + "pand:\n  lift: misschien\n", "pand.lift"),
    (GELDIG + "pand:\n  kleur: rood\n", "pand.kleur: onbekend veld"),
    (GELDIG + "dakterras: true\n", "dakterras: onbekend veld"),
    (GELDIG + "locatie:\n  locatietype: winkelcentrum\n", "locatie.locatietype"),
    (GELDIG + "beleid:\n  omgevingsplan:\n    bakkerij: toegestaan\n", "beleid.omgevingsplan"),
    (GELDIG + "initiatief:\n  werkfunctie: horeca\n", "initiatief.werkfunctie"),
    ("gemeente: Utrecht\n", "id: verplicht veld ontbreekt"),
    ("id: Hoofdletters Mag Niet\ngemeente: Utrecht\n", "id"),
    ("id: t1\ngemeente: [Utrecht\n", "ongeldige YAML"),
    ("", "leeg bestand"),
    ("# alleen commentaar\n", "leeg bestand"),
    ("- een\n- lijst\n", "YAML-mapping"),
    ("id: t1\nid: t2\ngemeente: Utrecht\n", "ongeldige YAML"),
])
def test_invalid_case_file_exits_2_with_one_line(runner, tmp_path, tekst, verwacht) -> None:
    bestand = schrijf(tmp_path, tekst)
    uit = runner.invoke(main, ["evalueer", str(bestand)])
    assert uit.exit_code == 2, uit.output
    regels = uit.output.strip().splitlines()
    assert len(regels) == 1, uit.output
    assert str(bestand) in regels[0]
    assert verwacht in regels[0]
    assert "Traceback" not in uit.output


def test_missing_path_exits_2(runner, tmp_path) -> None:
    uit = runner.invoke(main, ["evalueer", str(tmp_path / "nergens.yaml")])
    assert uit.exit_code == 2
    assert "bestaat niet" in uit.output


def test_unknown_function_id_on_the_command_line_exits_2(runner, tmp_path) -> None:
    uit = runner.invoke(main, ["evalueer", str(schrijf(tmp_path, GELDIG)), "--functie", "horeca"])
    assert uit.exit_code == 2
    assert "horeca" in uit.output


def test_duplicate_case_ids_exit_2(runner, tmp_path) -> None:
    schrijf(tmp_path, GELDIG, "a.yaml")
    schrijf(tmp_path, GELDIG, "b.yaml")
    uit = runner.invoke(main, ["evalueer", str(tmp_path)])
    assert uit.exit_code == 2
    assert "t1" in uit.output and "b.yaml" in uit.output


def test_no_output_file_is_left_behind_on_error(runner, tmp_path) -> None:
    doel = tmp_path / "uit.json"
    uit = runner.invoke(main, ["evalueer", str(schrijf(tmp_path, "")), "-o", str(doel),
                               "--format", "json"])
    assert uit.exit_code == 2
    assert not doel.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "casus.yaml"]


def test_invalid_rules_directory_exits_2(runner, tmp_path) -> None:
    uit = runner.invoke(main, ["evalueer", str(schrijf(tmp_path, GELDIG)), "--regels",
                               str(tmp_path / "geen-regels")])
    assert uit.exit_code == 2
    assert "regelmap" in uit.output


def test_broken_table_in_a_rules_copy_exits_2_naming_file_and_field(runner, tmp_path) -> None:
    import shutil

    from kennisbank.engine import standaardmap

    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie)
    profielen = kopie / "profielen.yaml"
    # A row's value, not the same words in a comment of the file.
    tekst, vervangen = re.subn(r"^(\s+)effect: beperkt_passend$", r"\1effect: misschien",
                               profielen.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert vervangen == 1
    profielen.write_text(tekst, encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(schrijf(tmp_path, GELDIG)), "--regels",
                               str(kopie)])
    assert uit.exit_code == 2, uit.output
    assert "profielen.yaml" in uit.output and "effect" in uit.output
    assert len(uit.output.strip().splitlines()) == 1


def test_an_internal_error_exits_1_with_one_line_and_no_traceback(runner, tmp_path,
                                                                  monkeypatch) -> None:
    import kennisbank.cli as cli

    def kapot(*_args, **_kwargs):
        raise RuntimeError("onverwacht")

    monkeypatch.setattr(cli, "laad_regelbank", kapot)
    uit = runner.invoke(main, ["evalueer", str(schrijf(tmp_path, GELDIG))])
    assert uit.exit_code == 1
    assert uit.output.strip() == "fout: interne fout: RuntimeError: onverwacht"
