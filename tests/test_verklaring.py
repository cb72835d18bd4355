"""kennisbank verklaar: the why-tree, the counterfactuals (verified by re-evaluation), --stel."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import CASES, maak_casus, opgeslagen_verklaring
from handreiking_tekst import staat_in_handreiking
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategieen import casusdata

from kennisbank.advies import casusresultaat
from kennisbank.casus import Casus
from kennisbank.casuslader import laad_casus, met_wijzigingen
from kennisbank.cli import main
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.verklaring import (
    Kandidaat,
    Knoop,
    Tegenfeit,
    Zoeker,
    _drempelwaarden,
    _kandidaatwaarden,
    casusschema,
    oordeel_en_begrenzing,
    relevante_paden,
    verklaar,
)

BANK = laad_regelbank()
UTRECHT = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"


def oordeel_na(casus: Casus, functie: Werkfunctie, wijzigingen: list) -> Oordeel:
    gewijzigd = met_wijzigingen(casus, [(w.pad, w.nieuw) for w in wijzigingen])
    (advies,) = casusresultaat(BANK.evalueer(gewijzigd, [functie]), met_spoor=False).adviezen
    return advies.oordeel


def controleer_tegenfeit(casus: Casus, functie: Werkfunctie, oordeel: Oordeel,
                         tegenfeit: Tegenfeit) -> None:
    """The change reaches the stated verdict, and no strict subset raises the verdict."""
    assert oordeel_na(casus, functie, tegenfeit.wijzigingen) == tegenfeit.oordeel
    assert tegenfeit.oordeel.rang > oordeel.rang
    for grootte in range(len(tegenfeit.wijzigingen)):
        for deel in itertools.combinations(tegenfeit.wijzigingen, grootte):
            assert oordeel_na(casus, functie, list(deel)).rang <= oordeel.rang, deel


def knopen(knoop: Knoop):
    yield knoop
    for kind in knoop.onderbouwing:
        yield from knopen(kind)


def test_why_tree_runs_from_verdict_to_input_facts_with_quoted_passages() -> None:
    verklaring = opgeslagen_verklaring(UTRECHT, Werkfunctie.MAATSCHAPPELIJKE_VOORZIENINGEN)
    assert verklaring.waarom.soort == "Eindoordeel"
    assert verklaring.waarom.regel == "oordeel.bepalen"
    alle = list(knopen(verklaring.waarom))
    for knoop in alle:
        if knoop.soort in ("invoer", "vraag"):
            assert not knoop.onderbouwing
            continue
        assert knoop.regel and knoop.omschrijving and knoop.bron and knoop.citaat, knoop.tekst
        assert staat_in_handreiking(knoop.citaat), knoop.citaat
        if not knoop.zie_boven:
            assert knoop.onderbouwing, f"{knoop.tekst} rust op niets"
    invoer = {k.tekst for k in alle if k.soort == "invoer"}
    assert "pand.drempelvrij = nee" in invoer
    assert "locatie.locatietype = boven_winkels_klein_middel" in invoer


def test_counterfactuals_are_valid_minimal_and_say_who_can_act() -> None:
    casus = laad_casus(UTRECHT).casus
    for functie in (Werkfunctie.PERSOONLIJKE_DIENSTEN, Werkfunctie.SPORT_WELLBEING,
                    Werkfunctie.KANTOREN_COWORKING):
        verklaring = opgeslagen_verklaring(UTRECHT, functie)
        assert verklaring.oordeel != Oordeel.PASSEND
        assert verklaring.waarom_niet
        sets = [frozenset((w.pad, repr(w.nieuw)) for w in t.wijzigingen)
                for t in verklaring.waarom_niet]
        assert len(set(sets)) == len(sets)
        assert not any(a < b for a in sets for b in sets)
        for tegenfeit in verklaring.waarom_niet:
            controleer_tegenfeit(casus, functie, verklaring.oordeel, tegenfeit)
    verklaring = opgeslagen_verklaring(UTRECHT, Werkfunctie.PERSOONLIJKE_DIENSTEN)
    eerste = verklaring.waarom_niet[0].wijzigingen[0]
    # The essential "Direct zichtbare entree" (1.2.5) is what holds persoonlijke diensten back
    # here; the space has no back side, so "Onvindbare achterkanten" does not apply.
    assert (eerste.pad, eerste.nieuw, eerste.wie) == ("pand.entree_zichtbaar_aan_straat", True,
                                                      "eigenaar")
    kantoor = opgeslagen_verklaring(UTRECHT, Werkfunctie.KANTOREN_COWORKING)
    wie = {w.pad: w.wie_tekst for t in kantoor.waarom_niet for w in t.wijzigingen}
    # The location type is the advisor's classification (1.3), not a fact nobody can change.
    assert wie["locatie.locatietype"].startswith("de adviseur")
    assert wie["locatie.stationsgebied_ov_knooppunt"] == "niemand: een gegeven van de plek"
    assert wie["pand.representatieve_uitstraling"] == "de eigenaar"


def test_unknown_facts_that_decide_the_verdict_are_asked_first() -> None:
    casus = maak_casus(pand={"oppervlakte_m2": 300, "verdieping": 0},
                       locatie={"locatietype": "aanloopstraat"})
    verklaring = verklaar(BANK, casus, Werkfunctie.PERSOONLIJKE_DIENSTEN)
    vragen = {v.pad: v for v in verklaring.eerst_vragen}
    # 'Direct zichtbare entree aan straat essentieel' (1.2.5).
    assert "pand.entree_zichtbaar_aan_straat" in vragen
    assert vragen["pand.entree_zichtbaar_aan_straat"].uitkomsten["nee"] == Oordeel.BEPERKT_PASSEND


def test_when_nothing_helps_the_explanation_says_why() -> None:
    casus = maak_casus(pand={"oppervlakte_m2": 400, "open_vloer": True},
                       locatie={"locatietype": "gebiedsontwikkeling"})
    verklaring = verklaar(BANK, casus, Werkfunctie.SPORT_WELLBEING)
    assert verklaring.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    if not verklaring.waarom_niet:
        assert "vrije hoogte" in verklaring.waarom_niet_toelichting


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=casusdata(), functie=st.sampled_from(list(Werkfunctie)))
def test_generated_counterfactuals_are_verified_by_re_evaluation(data, functie) -> None:
    casus = Casus.model_validate(data)
    verklaring = verklaar(BANK, casus, functie)
    for tegenfeit in verklaring.waarom_niet:
        controleer_tegenfeit(casus, functie, verklaring.oordeel, tegenfeit)
    if verklaring.oordeel != Oordeel.PASSEND and not verklaring.waarom_niet:
        assert verklaring.waarom_niet_toelichting.startswith("Geen wijziging")


def test_verklaar_cli_text_and_json_with_stel(runner) -> None:
    uit = runner.invoke(main, ["verklaar", str(UTRECHT), "--functie", "persoonlijke_diensten"])
    assert uit.exit_code == 0, uit.output
    tekst = " ".join(uit.output.split())
    for kop in ("Waarom", "Wat zou er moeten veranderen", "kan: de eigenaar"):
        assert kop in tekst
    uit = runner.invoke(main, ["verklaar", str(UTRECHT), "--functie", "persoonlijke_diensten",
                               "--format", "json", "--stel", "pand.vindbaar_vanaf_straat=true"])
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.output)
    assert data["aangepast"] == [{"pad": "pand.vindbaar_vanaf_straat", "oud": False,
                                  "nieuw": True}]
    assert data["oordeel"] != "niet_passend"


def test_stel_on_evalueer_changes_the_outcome_and_says_so(runner) -> None:
    basis = json.loads(runner.invoke(main, ["evalueer", str(UTRECHT), "--format", "json",
                                            "--functie", "persoonlijke_diensten"]).output)
    stel = runner.invoke(main, ["evalueer", str(UTRECHT), "--format", "json", "--functie",
                                "persoonlijke_diensten",
                                "--stel", "pand.entree_zichtbaar_aan_straat=true",
                                "--stel", "beleid.omgevingsplan.persoonlijke_diensten=toegestaan"])
    assert stel.exit_code == 0, stel.output
    gewijzigd = json.loads(stel.output)[0]
    assert basis[0]["adviezen"][0]["oordeel"] == "beperkt_passend"
    assert gewijzigd["adviezen"][0]["oordeel"] == "passend_onder_voorwaarden"
    assert [a["pad"] for a in gewijzigd["aangepast"]] == [
        "pand.entree_zichtbaar_aan_straat", "beleid.omgevingsplan.persoonlijke_diensten"]
    tekst = runner.invoke(main, ["evalueer", str(UTRECHT), "--stel", "pand.lift=true"])
    assert "Aangepast voor deze evaluatie: pand.lift" in tekst.output


@pytest.mark.parametrize(("stel", "verwacht"), [
    ("pand.lift", "verwacht PAD=WAARDE"),
    ("pand.kleur=rood", "pand.kleur: onbekend veld"),
    ("pand.oppervlakte_m2=-5", "pand.oppervlakte_m2"),
    ("pand.lift=misschien", "pand.lift"),
    ("beleid.omgevingsplan.horeca=toegestaan", "beleid.omgevingsplan"),
])
def test_invalid_stel_exits_2_naming_the_field(runner, stel, verwacht) -> None:
    for commando in (["evalueer", str(UTRECHT)],
                     ["verklaar", str(UTRECHT), "--functie", "sport_wellbeing"]):
        uit = runner.invoke(main, [*commando, "--stel", stel])
        assert uit.exit_code == 2, uit.output
        assert verwacht in uit.output and len(uit.output.strip().splitlines()) == 1


def test_every_stored_case_below_passend_gets_a_counterfactual_or_a_reason() -> None:
    """One stored case, verified (the sweep over all of them is scripts/verklaar_alles.py)."""
    bestand = sorted(Path(CASES).rglob("*.yaml"))[0]
    casus = laad_casus(bestand).casus
    for functie in Werkfunctie:
        verklaring = opgeslagen_verklaring(bestand, functie)
        if verklaring.oordeel == Oordeel.PASSEND:
            continue
        assert verklaring.waarom_niet or verklaring.waarom_niet_toelichting.startswith("Geen")
        for tegenfeit in verklaring.waarom_niet:
            assert oordeel_na(casus, functie, tegenfeit.wijzigingen) == tegenfeit.oordeel


def test_verklaar_text_puts_the_actionable_part_first(runner) -> None:
    from kennisbank.cli import main

    casus = (Path(__file__).resolve().parents[1] / "cases" / "rotterdam"
             / "beijerlandselaan-fietsenmaker.yaml")
    uit = runner.invoke(main, ["verklaar", str(casus), "--functie", "lichte_maakbedrijven"])
    assert uit.exit_code == 0, uit.output
    eerste_regels = uit.output.splitlines()[:3]
    assert any("omgevingsplan: niet toegestaan" in r for r in eerste_regels)
    assert uit.output.index("Waarom") < uit.output.index("Wat zou er moeten veranderen")
    assert "Redeneerboom" not in uit.output and "--boom" in uit.output
    for python in ("None", "True", "False", "beperkt_passend", "niemand binnen"):
        assert python not in uit.output
    met_boom = runner.invoke(main, ["verklaar", str(casus), "--functie", "lichte_maakbedrijven",
                                    "--boom"])
    assert "Redeneerboom" in met_boom.output
    assert len(uit.output.splitlines()) < len(met_boom.output.splitlines()) / 3


@pytest.mark.parametrize(("pad", "functie"), [
    (UTRECHT, Werkfunctie.LICHTE_MAAKBEDRIJVEN),
    (CASES / "utrecht" / "biltstraat-verdieping-twee-locatietypen.yaml",
     Werkfunctie.SPORT_WELLBEING),
])
def test_the_why_not_search_sees_what_the_whole_rule_base_concludes(pad: Path,
                                                                      functie: Werkfunctie) -> None:
    """The search runs the deciding rules only and reuses a result for a change of a fact
    those rules did not read: for every single change it tries, and the pairs of them, the
    verdict and limiting reasons are those of the whole rule base."""
    from kennisbank.casus import kenmerken
    from kennisbank.regelapi import Fase

    casus = laad_casus(pad).casus
    huidig = kenmerken(casus)
    drempels = _drempelwaarden(BANK)
    kandidaten = [Kandidaat(p, w)
                  for p in relevante_paden(BANK.evalueer(casus, [functie]), functie)
                  for w in _kandidaatwaarden(p, huidig.get(p), casusschema(), drempels)]
    zoeker = Zoeker(BANK, casus, functie)
    proeven = [(k,) for k in kandidaten] + [
        (a, b) for a, b in itertools.combinations(kandidaten[::7], 2) if a.pad != b.pad]
    for wijzigingen in proeven:
        try:
            gewijzigd = met_wijzigingen(casus, [(k.pad, k.nieuw) for k in wijzigingen])
        except Exception:
            continue
        geheel = oordeel_en_begrenzing(BANK.evalueer(gewijzigd, [functie], Fase.CONCLUDEREN),
                                       functie)
        assert zoeker.uitkomst(wijzigingen) == geheel, wijzigingen
    assert 0 < zoeker.evaluaties < len(proeven) / 2

