"""Hedges stay hedges: one mapping from the guide's wording to an effect, for every table."""

from __future__ import annotations

import pytest
from conftest import advies
from pydantic import ValidationError

from kennisbank.domein import Oordeel
from kennisbank.engine import standaardmap
from kennisbank.tabellen import (
    BEGRENZENDE_EFFECTEN,
    Legenda,
    Matrixtabel,
    Profieleis,
    Profieltabel,
    laad_tabel,
    voorbehouden_in,
)

PROFIELEN = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel).profielen
MATRIX = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel)


def _begrenzende_rijen():
    """(where, quoted passage, effect, aanname) of every row that can lower a verdict."""
    for symbool, legenda in MATRIX.legenda.items():
        yield f"matrix {symbool}", legenda.betekenis, legenda.oordeel.value, legenda.aanname
    for functie, profiel in PROFIELEN.items():
        for eis in profiel.eisen:
            yield f"{functie.value} eis {eis.id}", eis.citaat, eis.effect, eis.aanname
        for rij in profiel.niet:
            yield f"{functie.value} niet {rij.id}", rij.citaat, rij.effect, rij.aanname


@pytest.mark.parametrize("woord", ["(incidenteel)", "(sterk afhankelijk van concept)",
                                   "varieert sterk", "gewenst", "pré", "vaak", "soms"])
def test_every_hedge_word_of_the_issue_is_recognised(woord) -> None:
    assert voorbehouden_in(f"Omvang {woord} 100 m2")


def test_a_word_inside_another_word_is_no_hedge() -> None:
    assert voorbehouden_in("Verzoeken en vaakstrepen") == []


def test_no_hedged_row_caps_or_rejects_without_a_written_assumption() -> None:
    zonder = [(waar, citaat) for waar, citaat, effect, aanname in _begrenzende_rijen()
              if effect in BEGRENZENDE_EFFECTEN and voorbehouden_in(citaat) and not aanname]
    assert zonder == []


def test_the_hedged_rows_that_still_cap_are_few_and_say_why() -> None:
    gehandhaafd = sorted(waar for waar, citaat, effect, aanname in _begrenzende_rijen()
                         if effect in BEGRENZENDE_EFFECTEN and voorbehouden_in(citaat))
    assert gehandhaafd == ["lichte_maakbedrijven eis daglicht", "matrix +", "matrix ×",
                           "moderne_makers eis omvang_minimaal"]


def test_loading_a_hedged_capping_row_without_assumption_fails() -> None:
    rij = {"id": "omvang", "thema": "maat", "tekst": "Omvang", "bron": "1.2.4",
           "citaat": "Omvang: 200-1.500 m2 (sterk afhankelijk van concept)",
           "voldaan": {"pad": "pand.oppervlakte_m2", "min": 200}, "effect": "beperkt_passend",
           "vraag": "Hoeveel m²?"}
    with pytest.raises(ValidationError, match="voorbehoud"):
        Profieleis.model_validate(rij)
    Profieleis.model_validate({**rij, "effect": "voorwaarde"})
    Profieleis.model_validate({**rij, "aanname": "Omdat …"})
    with pytest.raises(ValidationError, match="voorbehoud"):
        Legenda.model_validate({"betekenis": "Niet passend in meeste situaties",
                                "oordeel": "niet_passend"})


def test_offices_in_an_aanloopstraat_with_a_strong_public_function_are_not_rejected(
        bank) -> None:
    # "Niet: … aanloopstraten met sterke publieksfunctie (incidenteel)": a minus point.
    uitkomst = advies(bank, "kantoren_coworking", pand={"verdieping": 0},
                      locatie={"locatietype": "aanloopstraat",
                               "aanloopstraat_publieksfunctie": "sterk"})
    assert uitkomst.oordeel != Oordeel.NIET_PASSEND
    assert any(r.tekst.startswith("Minpunt") and "(incidenteel)" in r.citaat
               for r in uitkomst.redenen)
