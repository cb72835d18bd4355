"""Liveliness and social safety per function, day and evening (1.5.x)."""

from __future__ import annotations

import pytest
from conftest import advies

from kennisbank.domein import Werkfunctie


@pytest.mark.parametrize(("functie", "dag", "avond", "bron"), [
    ("kantoren_coworking", "duidelijk", "beperkt", "1.5.1"),
    ("moderne_makers", "beperkt", "gering", "1.5.2"),
    ("lichte_maakbedrijven", "beperkt", "beperkt", "1.5.3"),
    ("sport_wellbeing", "duidelijk", "sterk", "1.5.4"),
    ("persoonlijke_diensten", "duidelijk", "beperkt", "1.5.5"),
    ("maatschappelijke_voorzieningen", "duidelijk", "beperkt", "1.5.6"),
])
def test_base_contribution_follows_the_guide(bank, functie, dag, avond, bron) -> None:
    uitkomst = advies(bank, functie, initiatief={"showroom_verkoop": False,
                                                  "avondgebruik": False},
                      locatie={"makerszone_broedplaats": False})
    assert uitkomst.levendigheid.dag.niveau == dag
    assert uitkomst.levendigheid.avond.niveau == avond
    assert uitkomst.levendigheid.dag.bron == bron


def test_sport_contributes_more_in_the_evening_than_offices(bank) -> None:
    sport = advies(bank, Werkfunctie.SPORT_WELLBEING).levendigheid.avond
    kantoor = advies(bank, Werkfunctie.KANTOREN_COWORKING).levendigheid.avond
    assert (sport.niveau, kantoor.niveau) == ("sterk", "beperkt")


def test_showroom_raises_light_manufacturing_during_the_day(bank) -> None:
    met = advies(bank, "lichte_maakbedrijven", initiatief={"showroom_verkoop": True})
    assert met.levendigheid.dag.niveau == "duidelijk"
    assert "showroom" in met.levendigheid.dag.citaat


def test_unknown_amplifier_is_mentioned_not_assumed(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen")
    assert uitkomst.levendigheid.avond.niveau == "beperkt"
    assert "Hoger (duidelijk) als" in uitkomst.levendigheid.avond.tekst


def test_community_facilities_name_where_they_add_most_to_liveliness(bank) -> None:
    # 1.5.6: "met name in woongebieden of aanloopstraten".
    hier = advies(bank, "maatschappelijke_voorzieningen", locatie={"locatietype": "aanloopstraat"})
    elders = advies(bank, "maatschappelijke_voorzieningen",
                    locatie={"locatietype": "gebiedsontwikkeling", "grote_woonfunctie": False})
    assert hier.levendigheid.dag.citaat == "met name in woongebieden of aanloopstraten"
    assert elders.levendigheid.dag.citaat != hier.levendigheid.dag.citaat
    assert "Hoger" not in elders.levendigheid.dag.tekst
