"""Hedges stay hedges: one mapping from the guide's wording to an effect, for every table."""

from __future__ import annotations

import pytest
from conftest import advies
from pydantic import ValidationError

from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import standaardmap
from kennisbank.tabellen import (
    BEGRENZENDE_EFFECTEN,
    Functieprofiel,
    Legenda,
    Matrixtabel,
    Profieleis,
    Profieltabel,
    laad_tabel,
    veranderbare_paden,
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
    assert gehandhaafd == ["kantoren_coworking niet plint_aanloopstraat_sterke_publieksfunctie",
                           "kantoren_coworking niet plint_kernwinkelgebied",
                           "matrix +", "matrix ×",
                           "moderne_makers eis omvang_minimaal"]


def test_no_hedged_niet_row_rejects() -> None:
    """'(incidenteel)' keeps a Niet-row from closing the door: at most beperkt passend."""
    afwijzend = [f"{functie.value} {rij.id}" for functie, profiel in PROFIELEN.items()
                 for rij in profiel.niet
                 if voorbehouden_in(rij.citaat) and rij.effect == "niet_passend"]
    assert afwijzend == []


def test_loading_a_hedged_rejecting_niet_row_fails() -> None:
    profiel = PROFIELEN[Werkfunctie.KANTOREN_COWORKING].model_dump(mode="json")
    profiel["niet"][0]["effect"] = "niet_passend"
    with pytest.raises(ValidationError, match="wijst niet af"):
        Functieprofiel.model_validate(profiel)


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


@pytest.mark.parametrize("locatie", [
    {"locatietype": "aanloopstraat", "aanloopstraat_publieksfunctie": "sterk"},
    # The scope of "(incidenteel)" is read as the whole Niet-list of 1.2.1, so the plint in
    # the kernwinkelgebied is not rejected either, whatever the matrix says.
    {"locatietype": "boven_winkels_groot", "kernwinkelgebied": True},
    {"locatietype": "buiten_matrix", "kernwinkelgebied": True},
    {"locatietype": "gebiedsontwikkeling", "kernwinkelgebied": True},
])
def test_offices_on_the_hedged_niet_list_are_beperkt_not_rejected(bank, locatie) -> None:
    # "Niet: plinten in kernwinkelgebied, aanloopstraten met sterke publieksfunctie
    # (incidenteel)" (1.2.1).
    uitkomst = advies(bank, "kantoren_coworking", pand={"verdieping": 0}, locatie=locatie)
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"]
    assert len(niet) == 1 and niet[0].grens == Oordeel.BEPERKT_PASSEND
    assert "(incidenteel)" in niet[0].citaat and "'incidenteel'" in niet[0].tekst
    assert not niet[0].tekst.startswith("Niet passend")
    # The aanname names the scope reading and what the other reading would give.
    assert any("hele Niet-lijst" in a.tekst for a in uitkomst.aannames)
    assert any("Slaat '(incidenteel)' alleen op de aanloopstraten, dan is de plint in het "
               "kernwinkelgebied niet passend" in a.tekst for a in uitkomst.aannames)


# --- Who can change the deciding fact (``wie`` of the case model) ------------------------------


def test_no_niet_row_rejects_on_a_fact_the_owner_or_gemeente_can_change() -> None:
    """A Niet-row whose fact the owner or the gemeente can change names a remedy: it gives at
    most beperkt passend 'zolang het zo blijft', with the change as its condition."""
    afwijzend = [f"{functie.value} {rij.id}" for functie, profiel in PROFIELEN.items()
                 for rij in profiel.niet
                 if rij.effect == "niet_passend" and veranderbare_paden(rij.als)]
    assert afwijzend == []
    te_verhelpen = sorted(f"{functie.value} {rij.id}" for functie, profiel in PROFIELEN.items()
                          for rij in profiel.niet if rij.effect == "te_verhelpen")
    assert "persoonlijke_diensten gesloten_gevel" in te_verhelpen
    assert "moderne_makers geen_ontsluiting" in te_verhelpen


def test_loading_a_rejecting_niet_row_on_a_changeable_fact_fails() -> None:
    profiel = PROFIELEN[Werkfunctie.PERSOONLIJKE_DIENSTEN].model_dump(mode="json")
    gevel = next(r for r in profiel["niet"] if r["id"] == "gesloten_gevel")
    gevel.update(effect="niet_passend", voorwaarde=None)
    with pytest.raises(ValidationError, match="veranderbaar feit wijst niet af"):
        Functieprofiel.model_validate(profiel)


def test_loading_a_capping_requirement_on_a_feature_the_owner_can_add_fails() -> None:
    """'Drempelvrij toegankelijk' is a feature the owner can add, like the lift: a condition."""
    rij = {"id": "drempelvrij", "thema": "toegang", "tekst": "Drempelvrij", "bron": "1.2.6",
           "citaat": "Drempelvrij toegankelijk", "voldaan": {"pad": "pand.drempelvrij", "is": True},
           "effect": "beperkt_passend", "vraag": "Drempelvrij?"}
    with pytest.raises(ValidationError, match="geef 'voorwaarde'"):
        Profieleis.model_validate(rij)
    Profieleis.model_validate({**rij, "effect": "voorwaarde", "voorwaarde": "Drempelvrij"})
    # Size, height and daylight a pand cannot get, and what the guide calls essential, cap.
    Profieleis.model_validate({**rij, "thema": "maat"})
    Profieleis.model_validate({**rij, "citaat": "Direct zichtbare entree aan straat essentieel"})
