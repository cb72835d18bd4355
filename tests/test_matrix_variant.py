"""matrix --variant: the variant's cells, each changed one marked with the guide's value and
the local source; kennis --variant shows the same tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import PROJECT

from kennisbank.cli import main

ROTTERDAM = PROJECT / "varianten" / "rotterdam.yaml"
UTRECHT = PROJECT / "varianten" / "utrecht.yaml"
BRON = {"titel": "Testnota werkruimte", "datum": "2026-02-10",
        "link": "https://example.org/testnota"}


def schrijf_variant(map_: Path, *wijzigingen: dict[str, Any]) -> Path:
    bestand = map_ / "variant.yaml"
    data = {"naam": "Testvariant", "gemeente": "Den Haag", "illustratief": False,
            "wijzigingen": list(wijzigingen)}
    bestand.write_text(yaml.safe_dump(json.loads(json.dumps(data)), allow_unicode=True),
                       encoding="utf-8")
    return bestand


def matrix(runner: CliRunner, *args: str) -> Any:
    uit = runner.invoke(main, ["matrix", *args], env={"COLUMNS": "200"})
    assert uit.exit_code == 0, uit.output
    return uit


def test_json_gives_the_variants_cells_and_each_change_with_its_source(runner) -> None:
    handreiking = json.loads(matrix(runner, "--format", "json").output)
    met = json.loads(matrix(runner, "--format", "json", "--variant", str(ROTTERDAM)).output)
    variant = met.pop("variant")
    assert "variant" not in handreiking
    assert met["lichte_maakbedrijven"]["aanloopstraat"] == "++"
    assert handreiking["lichte_maakbedrijven"]["aanloopstraat"] == "+"
    handreiking["lichte_maakbedrijven"]["aanloopstraat"] = "++"
    assert met == handreiking  # no other cell moves
    assert (variant["naam"], variant["gemeente"], variant["illustratief"]) == (
        "Voorbeeld Rotterdam — reparatie en ambacht in aanloopstraten", "Rotterdam", True)
    (wijziging,) = variant["wijzigingen"]
    assert {k: wijziging[k] for k in ("nummer", "werkfunctie", "locatietype", "oud", "nieuw")} \
        == {"nummer": 1, "werkfunctie": "lichte_maakbedrijven", "locatietype": "aanloopstraat",
            "oud": "+", "nieuw": "++"}
    assert wijziging["bron"]["link"] == "https://example.org/rotterdam/gebiedsprofiel-aanloopstraten"
    assert variant["wijzigingen_buiten_matrix"] == 0


def test_text_marks_the_changed_cell_and_cites_the_local_source(runner) -> None:
    zonder = matrix(runner).output
    met = matrix(runner, "--variant", str(ROTTERDAM)).output
    assert "[1]" not in zonder and "Variant" not in zonder
    assert "illustratief, geen vastgesteld beleid" in " ".join(met.split())
    rij = next(r for r in met.splitlines() if "Lichte maakbedrijven" in r and "│" in r)
    assert [c.strip() for c in rij.split("│")[2:7]] == ["×", "×", "++ [1]", "+", "+"]
    assert ("[1] Lichte maakbedrijven en reparatie × Aanloopstraat: + in de handreiking, ++ in "
            "de variant — lokaal beleid: Gebiedsprofiel Aanloopstraten (hypothetisch voorbeeld) "
            "(2026-01-15), https://example.org/rotterdam/gebiedsprofiel-aanloopstraten"
            ) in " ".join(met.split())
    assert "De variant wijzigt 1 plaats(en) in de matrix." in met
    assert matrix(runner, "--variant", str(ROTTERDAM)).output == met


def test_a_variant_outside_the_matrix_says_so(runner) -> None:
    met = matrix(runner, "--variant", str(UTRECHT)).output
    assert "[1]" not in met
    assert "De variant wijzigt de matrix niet." in met
    assert "Buiten de matrix wijzigt zij 1 cel(len) of rij(en)" in " ".join(met.split())
    data = json.loads(matrix(runner, "--format", "json", "--variant", str(UTRECHT)).output)
    assert data["variant"]["wijzigingen"] == []
    assert data["variant"]["wijzigingen_buiten_matrix"] == 1


def test_two_cells_and_a_legend_entry_are_numbered_in_the_variants_order(
        runner, tmp_path) -> None:
    bestand = schrijf_variant(
        tmp_path,
        {"pad": "profielen.profielen.kantoren_coworking.eisen.huur.voldaan.max", "waarde": 200,
         "bron": BRON},
        {"pad": "matrix.cellen.sport_wellbeing.boven_winkels_klein_middel", "waarde": "++",
         "bron": BRON},
        {"pad": "matrix.legenda.×.betekenis", "waarde": "Niet passend in de meeste situaties",
         "bron": BRON},
        {"pad": "matrix.cellen.moderne_makers.aanloopstraat", "waarde": "++", "bron": BRON})
    data = json.loads(matrix(runner, "--format", "json", "--variant", str(bestand)).output)
    nummers = [(w["nummer"], w.get("werkfunctie"), w.get("symbool"))
               for w in data["variant"]["wijzigingen"]]
    assert nummers == [(1, "sport_wellbeing", None), (2, None, "×"), (3, "moderne_makers", None)]
    assert data["variant"]["wijzigingen_buiten_matrix"] == 1
    assert data["sport_wellbeing"]["boven_winkels_klein_middel"] == "++"
    tekst = matrix(runner, "--variant", str(bestand)).output
    assert "Niet passend in de meeste situaties [2]" in tekst
    assert "[2] legenda ×: Niet passend in meeste situaties in de handreiking" in " ".join(
        tekst.split())
    sport = next(r for r in tekst.splitlines() if "Sport" in r and "│" in r)
    assert sport.split("│")[2].strip() == "++ [1]"
    assert "illustratief" not in tekst


def test_an_invalid_variant_is_one_line_naming_file_and_change(runner, tmp_path) -> None:
    bestand = schrijf_variant(tmp_path, {"pad": "matrix.cellen.moderne_makers.aanloopstraat",
                                         "waarde": "++++", "bron": BRON})
    for formaat in ("tekst", "json"):
        uit = runner.invoke(main, ["matrix", "--format", formaat, "--variant", str(bestand)])
        assert uit.exit_code == 2, uit.output
        (regel,) = uit.output.strip().splitlines()
        assert regel.startswith(f"fout: {bestand}") and "wijzigingen[0]" in regel
        assert "Traceback" not in uit.output


def test_kennis_with_a_variant_shows_its_matrix_cell(runner) -> None:
    uit = runner.invoke(main, ["kennis", "--format", "json", "--variant", str(ROTTERDAM)])
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.output)
    assert data["matrix"]["cellen"]["lichte_maakbedrijven"]["aanloopstraat"] == "++"
    assert data["variant"]["wijzigingen"][0]["pad"] == \
        "matrix.cellen.lichte_maakbedrijven.aanloopstraat"
    tekst = runner.invoke(main, ["kennis", "--variant", str(ROTTERDAM)], env={"COLUMNS": "200"})
    assert "Gebiedsprofiel Aanloopstraten" in tekst.output
