"""The matrix (1.4) equals the handreiking, cell by cell, in the table and in the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import advies
from handreiking_tekst import handreiking_bestand

from kennisbank.cli import main
from kennisbank.domein import WERKFUNCTIE_NAMEN, Locatietype, Oordeel, Werkfunctie
from kennisbank.engine import standaardmap
from kennisbank.tabellen import Matrixtabel, laad_tabel

RIJNAMEN = {
    "Kantoren & co-working": Werkfunctie.KANTOREN_COWORKING,
    "Moderne makers": Werkfunctie.MODERNE_MAKERS,
    "Lichte maakbedrijven": Werkfunctie.LICHTE_MAAKBEDRIJVEN,
    "Sport & well-being": Werkfunctie.SPORT_WELLBEING,
    "Persoonlijke diensten": Werkfunctie.PERSOONLIJKE_DIENSTEN,
    "Maatschappelijke voorzieningen": Werkfunctie.MAATSCHAPPELIJKE_VOORZIENINGEN,
}


def matrix_uit_handreiking() -> dict[str, dict[str, str]]:
    """Parse the tab-separated matrix straight from handreiking.md (columns in 1.3 order)."""
    matrix: dict[str, dict[str, str]] = {}
    for regel in handreiking_bestand().read_text(encoding="utf-8").splitlines():
        cellen = regel.split("\t")
        if cellen[0] in RIJNAMEN and len(cellen) == 6:
            functie = RIJNAMEN[cellen[0]].value
            matrix[functie] = dict(zip([lt.value for lt in Locatietype], cellen[1:], strict=True))
    assert len(matrix) == 6, "matrix niet gevonden in handreiking.md"
    return matrix


def test_matrix_table_equals_handreiking_cell_by_cell() -> None:
    tabel = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel)
    verwacht = matrix_uit_handreiking()
    for functie in Werkfunctie:
        for locatietype in Locatietype:
            cel = verwacht[functie.value][locatietype.value]
            assert tabel.cellen[functie][locatietype] == cel, (functie, locatietype)


def test_matrix_json_command_equals_handreiking(runner) -> None:
    uit = runner.invoke(main, ["matrix", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    assert json.loads(uit.output) == matrix_uit_handreiking()


def test_matrix_text_command_lists_every_function(runner) -> None:
    uit = runner.invoke(main, ["matrix"])
    assert uit.exit_code == 0
    for naam in ("Kantoren", "Moderne makers", "Sport", "+++", "×"):
        assert naam in uit.output
    assert len(WERKFUNCTIE_NAMEN) == 6


@pytest.mark.parametrize("functie", list(Werkfunctie))
@pytest.mark.parametrize("locatietype", list(Locatietype))
def test_matrix_score_in_advies_and_never_above_its_cell(bank, functie, locatietype) -> None:
    # The table itself is compared with the guide above; this checks that the advies uses it.
    verwacht = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel).cellen[functie][locatietype]
    uitkomst = advies(bank, functie, locatie={"locatietype": locatietype.value})
    assert uitkomst.matrixscore == verwacht
    plafond = {"+++": Oordeel.PASSEND, "++": Oordeel.PASSEND_ONDER_VOORWAARDEN,
               "+": Oordeel.BEPERKT_PASSEND, "×": Oordeel.NIET_PASSEND}[verwacht]
    assert uitkomst.oordeel.rang <= plafond.rang
    matrixredenen = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert matrixredenen and all(r.bron == "1.4" for r in matrixredenen)


def test_unknown_location_type_gives_null_score_and_an_open_question(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking")
    assert uitkomst.matrixscore is None
    assert any("locatie.locatietype" in v.kenmerken for v in uitkomst.open_vragen)
    assert uitkomst.oordeel != Oordeel.PASSEND


def test_outside_matrix_without_wel_location_is_at_most_beperkt(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "buiten_matrix", "binnenstadsschil": False})
    assert uitkomst.matrixscore is None
    assert uitkomst.oordeel.rang <= Oordeel.BEPERKT_PASSEND.rang
    assert any(a.regel == "matrix.buiten_matrix_zonder_wel_locatie" for a in uitkomst.aannames)


def test_outside_matrix_on_a_wel_location_reaches_onder_voorwaarden(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "buiten_matrix", "binnenstadsschil": True})
    regels = [r.regel for r in uitkomst.redenen]
    assert "matrix.buiten_matrix_wel_locatie" in regels
    assert "matrix.buiten_matrix_zonder_wel_locatie" not in regels
