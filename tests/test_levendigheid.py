"""Liveliness and social safety per function, day and evening (1.5.x)."""

from __future__ import annotations

import re

import pytest
from conftest import advies

from kennisbank.domein import Werkfunctie
from kennisbank.tabellen import Bijdrage
from rules.deel1_levendigheid import LEVENDIGHEID


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


def test_showroom_makes_light_manufacturing_contribute_locally_not_clearly(bank) -> None:
    # 1.5.3: "kunnen op lokaal niveau bijdragen aan levendigheid, met name wanneer zij
    # gecombineerd worden met een showroom of publieksfunctie" -- a hedge, not "duidelijk".
    met = advies(bank, "lichte_maakbedrijven", initiatief={"showroom_verkoop": True})
    assert met.levendigheid.dag.niveau == "beperkt"
    assert met.levendigheid.dag.lezing == "op lokaal niveau, met showroom"
    assert "showroom" in met.levendigheid.dag.citaat
    onbekend = advies(bank, "lichte_maakbedrijven")
    assert "showroom" in onbekend.levendigheid.dag.tekst


def test_clustering_may_raise_makers_but_the_hedge_stays(bank) -> None:
    # 1.5.2: "In clustering (bijvoorbeeld in broedplaatsen) kan dit effect wel toenemen."
    uitkomst = advies(bank, "moderne_makers", locatie={"makerszone_broedplaats": True})
    assert uitkomst.levendigheid.dag.niveau == "beperkt"
    assert "kan dit effect toenemen" in uitkomst.levendigheid.dag.lezing
    assert "kan dit effect wel toenemen" in uitkomst.levendigheid.dag.citaat


def test_unknown_amplifier_is_mentioned_not_assumed(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen")
    assert uitkomst.levendigheid.avond.niveau == "beperkt"
    assert "Hoger (duidelijk) als" in uitkomst.levendigheid.avond.tekst
    # 1.5.6: "afhankelijk van het type - ook in de avonduren": while the type's evening use is
    # unknown the output reads the guide's hedge, not "beperkt".
    assert uitkomst.levendigheid.avond.lezing == "afhankelijk van het type"
    met = advies(bank, "maatschappelijke_voorzieningen", initiatief={"avondgebruik": True})
    assert met.levendigheid.avond.lezing == "ook in de avonduren"


def _woorden(tekst: str) -> list[str]:
    return re.findall(r"[\w-]+", tekst.lower())


def _rijen() -> list[tuple[str, Bijdrage]]:
    rijen: list[tuple[str, Bijdrage]] = []
    for functie, profiel in LEVENDIGHEID.functies.items():
        rijen += [(f"{functie.value}.dag", profiel.dag), (f"{functie.value}.avond", profiel.avond)]
        rijen += [(f"{functie.value}.versterker.{n}", v) for n, v in enumerate(profiel.versterkers)]
    return rijen


@pytest.mark.parametrize(("waar", "rij"), _rijen(), ids=[w for w, _ in _rijen()])
def test_every_reading_is_in_the_words_of_its_quote(waar: str, rij: Bijdrage) -> None:
    """The output reads each contribution in the guide's words; a word the quoted sentence does
    not carry ("gering", a level of the project's own scale) needs a written aanname."""
    assert rij.lezing, f"{waar}: geen lezing"
    citaat = _woorden(rij.citaat)
    vreemd = [w for w in _woorden(rij.lezing) if not any(c.startswith(w) for c in citaat)]
    assert not vreemd or rij.aanname, f"{waar}: {vreemd} staat niet in {rij.citaat!r}"
    onbekend = getattr(rij, "lezing_onbekend", None)
    if onbekend:
        assert all(any(c.startswith(w) for c in citaat) for w in _woorden(onbekend)), waar


def test_an_assumed_reading_is_shown_as_an_assumption(bank) -> None:
    uitkomst = advies(bank, "moderne_makers", locatie={"makerszone_broedplaats": False})
    assert uitkomst.levendigheid.avond.lezing == "gering"
    assert any("gering" in a.tekst for a in uitkomst.aannames)


def test_community_facilities_name_where_they_add_most_to_liveliness(bank) -> None:
    # 1.5.6: "met name in woongebieden of aanloopstraten".
    hier = advies(bank, "maatschappelijke_voorzieningen", locatie={"locatietype": "aanloopstraat"})
    elders = advies(bank, "maatschappelijke_voorzieningen",
                    locatie={"locatietype": "gebiedsontwikkeling", "grote_woonfunctie": False})
    assert hier.levendigheid.dag.citaat.endswith("met name in woongebieden of aanloopstraten.")
    assert elders.levendigheid.dag.citaat != hier.levendigheid.dag.citaat
    assert "Hoger" not in elders.levendigheid.dag.tekst


def test_an_explanation_reads_the_contribution_in_the_guides_words() -> None:
    from kennisbank.regelapi import Levendigheid
    from kennisbank.verklaring import samenvatting

    feit = Levendigheid(werkfunctie="maatschappelijke_voorzieningen", dagdeel="avond",
                        niveau="beperkt", lezing="afhankelijk van het type", tekst="t",
                        regel="levendigheid.bijdrage", bron="1.5.6", citaat="c")
    assert samenvatting(feit) == "levendigheid avond: afhankelijk van het type"
