"""Overlast (2.D1 and the profiles): risk per function, amplifying context, the conditions."""

from __future__ import annotations

import pytest
from conftest import advies

GEEN_CONTEXT = {"grote_woonfunctie": False, "beperkte_openbare_ruimte": False,
                "eerdere_spanningen_functies": False,
                "geluidgevoelige_woningen_boven_naast": False,
                "intensieve_avondhoreca_nabij": False}


@pytest.mark.parametrize(("functie", "risico"), [
    ("kantoren_coworking", "laag"),
    ("persoonlijke_diensten", "laag"),
    ("maatschappelijke_voorzieningen", "laag"),
    ("moderne_makers", "midden"),
    ("lichte_maakbedrijven", "midden"),
    ("sport_wellbeing", "midden"),
])
def test_profile_risk_without_amplifying_context(bank, functie, risico) -> None:
    """Without the context 2.D1 names, no function reaches a high risk (nor the barrier)."""
    uitkomst = advies(bank, functie, locatie=GEEN_CONTEXT)
    assert uitkomst.overlast.risico == risico
    assert uitkomst.overlast.factoren and all(f.bron.startswith("1.") for f in
                                              uitkomst.overlast.factoren)


@pytest.mark.parametrize("versterker", sorted(set(GEEN_CONTEXT) - {"intensieve_avondhoreca_nabij"}))
def test_each_amplifier_raises_a_medium_risk(bank, versterker) -> None:
    """A context raises the risk of a function with medium nuisance; on its own it is an
    aandachtspunt of 2.D1, not the barrier (issue 8: contexts are aandachtspunten)."""
    uitkomst = advies(bank, "moderne_makers", locatie={**GEEN_CONTEXT, versterker: True})
    assert uitkomst.overlast.risico == "hoog"
    assert "overlast" not in {d.id for d in uitkomst.drempels}
    assert "overlast" in {d.id for d in uitkomst.aandachtspunten}


@pytest.mark.parametrize(("woningen", "isolatie", "speelt"), [
    (True, False, True), (False, False, False), (None, False, False), (True, True, True)])
def test_2d1_plays_on_the_functions_own_high_nuisance_next_to_homes(bank, woningen, isolatie,
                                                                     speelt) -> None:
    """2.D1 is the fear of 'hoe intensief het gebruik is, op welke momenten activiteit
    plaatsvindt en welke impact dit heeft op de directe leefomgeving': it plays where the
    function's own nuisance is high (sport: geluid, avond; isolation lowers only the sound) and
    homes are directly above or next door. A large residential function alone is the context
    where it 'manifesteert zich vooral': an aandachtspunt, with the homes asked while unknown."""
    uitkomst = advies(bank, "sport_wellbeing", pand={"geluid_trillingsisolatie": isolatie},
                      locatie={**GEEN_CONTEXT, "grote_woonfunctie": True,
                               "geluidgevoelige_woningen_boven_naast": woningen})
    assert ("overlast" in {d.id for d in uitkomst.drempels}) == speelt
    assert ("overlast" in {d.id for d in uitkomst.aandachtspunten}) == (not speelt)
    gevraagd = any("locatie.geluidgevoelige_woningen_boven_naast" in v.kenmerken
                   for v in uitkomst.drempelvragen + uitkomst.open_vragen)
    assert gevraagd == (woningen is None)


def test_amplifiers_do_not_make_a_quiet_function_a_nuisance(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking",
                      locatie={k: True for k in GEEN_CONTEXT})
    assert uitkomst.overlast.risico == "laag"
    assert uitkomst.overlast.voorwaarden == []


def test_initiative_makes_the_profile_more_precise_for_its_own_function(bank) -> None:
    initiatief = {"werkfunctie": "kantoren_coworking", "toegang_24_7": True}
    woonomgeving = {**GEEN_CONTEXT, "grote_woonfunctie": True}
    eigen = advies(bank, "kantoren_coworking", locatie=woonomgeving, initiatief=initiatief)
    ander = advies(bank, "persoonlijke_diensten", locatie=woonomgeving, initiatief=initiatief)
    assert eigen.overlast.risico == "hoog"
    assert ander.overlast.risico == "laag"


def test_insulation_lowers_sound_but_a_declared_quiet_use_never_lowers_the_guides_level(
        bank) -> None:
    woonomgeving = {**GEEN_CONTEXT, "grote_woonfunctie": True}
    standaard = advies(bank, "sport_wellbeing", locatie=woonomgeving)
    for avondgebruik in (False, True):
        rustig = advies(bank, "sport_wellbeing", locatie=woonomgeving,
                        pand={"geluid_trillingsisolatie": True},
                        initiatief={"avondgebruik": avondgebruik, "toegang_24_7": False})
        niveaus = {f.factor: f.niveau for f in rustig.overlast.factoren}
        assert niveaus["avond_24_7"] == "hoog" and niveaus["geluid_trillingen"] == "midden"
        assert any("Openingstijden" in v.tekst for v in rustig.overlast.voorwaarden)
    assert standaard.overlast.risico == "hoog"


def test_evening_horeca_nearby_is_not_nuisance_the_function_causes(bank) -> None:
    """1.2.6 names evening horeca as what disturbs a function needing privacy, not the reverse."""
    for functie in ("moderne_makers", "sport_wellbeing", "maatschappelijke_voorzieningen"):
        rustig = advies(bank, functie, locatie=GEEN_CONTEXT)
        horeca = advies(bank, functie,
                        locatie={**GEEN_CONTEXT, "intensieve_avondhoreca_nabij": True})
        assert horeca.overlast.risico == rustig.overlast.risico != "hoog"
        assert "overlast" not in {d.id for d in horeca.drempels}


def test_conditions_follow_the_approaches_of_2d1(bank) -> None:
    uitkomst = advies(bank, "sport_wellbeing",
                      locatie={**GEEN_CONTEXT, "grote_woonfunctie": True},
                      pand={"geluid_trillingsisolatie": False})
    teksten = [v.tekst for v in uitkomst.overlast.voorwaarden]
    assert any("afbakenen" in t for t in teksten)
    assert any("Openingstijden" in t for t in teksten)
    assert any("geluid- en trillingsmaatregelen" in t for t in teksten)
    assert any("Omwonenden tijdig informeren" in t for t in teksten)
    assert all(v.bron == "2.D1" for v in uitkomst.overlast.voorwaarden)
    assert {v.tekst for v in uitkomst.overlast.voorwaarden} <= {v.tekst for v in
                                                                uitkomst.voorwaarden}


def test_unknown_context_is_asked_when_it_matters(bank) -> None:
    uitkomst = advies(bank, "moderne_makers")
    assert any("Versterkt de omgeving overlast" in v.vraag for v in uitkomst.open_vragen)
    stil = advies(bank, "kantoren_coworking")
    assert not any("Versterkt de omgeving overlast" in v.vraag for v in stil.open_vragen)


def test_medium_or_high_risk_notes_that_mixing_brings_friction(bank) -> None:
    uitkomst = advies(bank, "moderne_makers", locatie=GEEN_CONTEXT)
    assert any("frictie" in r.tekst and r.bron == "2.D1" for r in uitkomst.overlast.redenen)
    stil = advies(bank, "kantoren_coworking", locatie=GEEN_CONTEXT)
    assert stil.overlast.redenen == []


@pytest.mark.parametrize("functie", ["moderne_makers", "lichte_maakbedrijven", "sport_wellbeing"])
def test_no_conditions_of_use_where_every_amplifying_context_is_known_absent(bank,
                                                                             functie) -> None:
    """2.D1: 'De sleutel ligt in gericht kaderen en concreet maken, niet in generieke
    uitsluiting'. Where no context makes the nuisance felt, opening hours or loading windows
    are a generic restriction (and cut across the makers' '24/7 toegang soms gewenst'); while a
    context is unknown or present, the conditions of 'Voorwaardelijk toestaan' stand."""
    rustig = advies(bank, functie, locatie=GEEN_CONTEXT,
                    initiatief={"werkfunctie": functie, "toegang_24_7": True,
                                "laden_lossen_frequentie": "dagelijks"})
    assert rustig.overlast.risico == "midden"
    assert rustig.overlast.voorwaarden == []
    assert any(r.tekst.startswith("Geen context bekend die overlast versterkt")
               for r in rustig.overlast.redenen)
    onbekend = advies(bank, functie, locatie={**GEEN_CONTEXT, "beperkte_openbare_ruimte": None},
                      initiatief={"werkfunctie": functie, "toegang_24_7": True})
    assert any("Openingstijden" in v.tekst for v in onbekend.overlast.voorwaarden)
    assert not any(r.tekst.startswith("Geen context bekend") for r in onbekend.overlast.redenen)
