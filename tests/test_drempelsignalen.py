"""Barrier triggers written as data ('signalen' in drempels.yaml): a new row needs no Python."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import maak_casus
from handreiking_tekst import staat_in_handreiking
from ruamel.yaml import YAML

from kennisbank.advies import casusresultaat
from kennisbank.casus import kenmerkpaden
from kennisbank.cli import main
from kennisbank.criteria import Criterium
from kennisbank.domein import Werkfunctie
from kennisbank.engine import laad_regelbank, standaardmap
from kennisbank.interview import Regelkennis, _patroonpaden
from kennisbank.kennis import kennisbank_overzicht, per_sectie
from kennisbank.tabellen import Drempeltabel, laad_tabel

CATALOGUS = laad_tabel(standaardmap() / "drempels.yaml", Drempeltabel)
CASUS = Path(__file__).parent / "data" / "snapshot-casus.yaml"

#: 2.D11 "speelt vooral ... wanneer beleid weinig concreet richting geeft aan gewenste
#: werkfuncties": a row the table does not have, written the way a policy advisor would.
NIEUW_SIGNAAL = {
    "id": "beeld_makelaars_zonder_richting",
    "omschrijving": "Zonder gebiedsprofiel geeft beleid makelaars geen richting.",
    "citaat": "wanneer beleid weinig concreet richting geeft aan gewenste werkfuncties",
}
NIEUWE_REGEL = "drempel.beeld_makelaars_zonder_richting"
ENKEL_FEIT = {"pad": "beleid.gebiedsprofiel_werkfuncties", "is": False}
COMBINATIE = {"alle": [ENKEL_FEIT, {"pad": "beleid.beleidskader_werkfuncties", "is": False}]}


def regelmap_met_drempels(tmp_path: Path, wijzig: Any) -> Path:
    """A copy of the rules directory whose drempels.yaml ``wijzig`` changed; no Python touched."""
    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie, ignore=shutil.ignore_patterns("__pycache__"))
    yaml = YAML()
    data = yaml.load(kopie / "drempels.yaml")
    wijzig({d["id"]: d for d in data["drempels"]})
    yaml.dump(data, kopie / "drempels.yaml")
    return kopie


def met_nieuw_signaal(als: dict[str, Any]) -> Any:
    def wijzig(drempels: dict[str, Any]) -> None:
        makelaars = drempels["beeld_makelaars"]
        # Whatever the row reads, the barrier has a question for while it is unknown.
        for pad in Criterium.model_validate(als).paden():
            makelaars["vragen"].setdefault(pad, f"Wat is {pad}?")
        makelaars["signalen"].append(
            {**NIEUW_SIGNAAL, "rijen": [{"als": als, "tekst": "Geen gebiedsprofiel."}]})
    return wijzig


def advies_met(kopie: Path, **secties: Any) -> Any:
    bank = laad_regelbank(kopie)
    (advies,) = casusresultaat(bank.evalueer(
        maak_casus(**secties), [Werkfunctie.MODERNE_MAKERS])).adviezen
    return advies


@pytest.mark.parametrize("als", [ENKEL_FEIT, COMBINATIE], ids=["enkel_feit", "combinatie"])
def test_a_new_row_in_the_table_makes_a_barrier_play_without_python(tmp_path, als) -> None:
    kopie = regelmap_met_drempels(tmp_path, met_nieuw_signaal(als))
    beleid = {"gebiedsprofiel_werkfuncties": False, "beleidskader_werkfuncties": False}
    markt = {"makelaars_kennen_werkfuncties": True}
    advies = advies_met(kopie, beleid=beleid, markt=markt)
    (makelaars,) = [d for d in advies.drempels if d.id == "beeld_makelaars"]
    assert makelaars.sterkte == "speelt"
    (reden,) = makelaars.redenen
    assert (reden.regel, reden.tekst, reden.bron, reden.citaat) == (
        NIEUWE_REGEL, "Geen gebiedsprofiel.", "2.D11", NIEUW_SIGNAAL["citaat"])
    assert NIEUWE_REGEL in [stap.regel for stap in advies.spoor]

    # With a gebiedsprofiel the row does not hold, and the barrier does not play.
    advies = advies_met(kopie, beleid={**beleid, "gebiedsprofiel_werkfuncties": True},
                        markt=markt)
    assert "beeld_makelaars" not in {d.id for d in advies.drempels}


def test_a_signal_can_be_an_aandachtspunt_for_some_functions_only(tmp_path) -> None:
    def wijzig(drempels: dict[str, Any]) -> None:
        met_nieuw_signaal(ENKEL_FEIT)(drempels)
        drempels["beeld_makelaars"]["signalen"][-1].update(
            {"sterkte": "aandachtspunt", "functies": ["moderne_makers"]})

    kopie = regelmap_met_drempels(tmp_path, wijzig)
    secties = {"beleid": {"gebiedsprofiel_werkfuncties": False},
               "markt": {"makelaars_kennen_werkfuncties": True}}
    advies = advies_met(kopie, **secties)
    assert "beeld_makelaars" not in {d.id for d in advies.drempels}
    (punt,) = [d for d in advies.aandachtspunten if d.id == "beeld_makelaars"]
    assert [r.regel for r in punt.redenen] == [NIEUWE_REGEL]

    bank = laad_regelbank(kopie)
    (ander,) = casusresultaat(bank.evalueer(
        maak_casus(**secties), [Werkfunctie.KANTOREN_COWORKING])).adviezen
    assert "beeld_makelaars" not in {d.id for d in [*ander.drempels, *ander.aandachtspunten]}
    assert NIEUWE_REGEL not in [stap.regel for stap in ander.spoor]


def test_a_new_row_on_an_unknown_fact_is_a_question_not_a_verdict(tmp_path) -> None:
    kopie = regelmap_met_drempels(tmp_path, met_nieuw_signaal(COMBINATIE))
    advies = advies_met(kopie, beleid={"beleidskader_werkfuncties": False},
                        markt={"makelaars_kennen_werkfuncties": True})
    assert "beeld_makelaars" not in {d.id for d in advies.drempels}
    vragen = [v for v in advies.drempelvragen if v.bron == "2.D11"]
    assert vragen and "beleid.gebiedsprofiel_werkfuncties" in vragen[0].kenmerken


def test_a_new_row_is_listed_under_its_section(tmp_path) -> None:
    kopie = regelmap_met_drempels(tmp_path, met_nieuw_signaal(ENKEL_FEIT))
    secties = {s["sectie"]: s for s in per_sectie(kennisbank_overzicht(laad_regelbank(kopie)))}
    assert NIEUWE_REGEL in secties["2.D11"]["regels"]


@pytest.mark.parametrize(("wijzig", "plaats", "melding"), [
    (lambda d: d["beleidskader"]["signalen"][0]["rijen"][1]["als"].update(
        {"pad": "beleid.bestaat_niet"}), "drempels[6].signalen[0].rijen[1].als",
     "onbekend kenmerk"),
    (lambda d: d["zicht_vraag_aanbod"]["signalen"][0]["rijen"][0].pop("tekst"),
     "drempels[3].signalen[0].rijen[0].tekst", ""),
    (lambda d: d["capaciteit_gemeente"]["signalen"][0].update({"sterkte": "misschien"}),
     "drempels[9].signalen[0].sterkte", ""),
    (lambda d: d["beeld_makelaars"]["signalen"].append(
        {**NIEUW_SIGNAAL, "rijen": [{"als": ENKEL_FEIT, "tekst": "Geen gebiedsprofiel."}]}),
     "drempels[10]", "de 'vragen' van de drempel noemen dat kenmerk niet"),
    (lambda d: d["beeld_makelaars"]["signalen"].append({
        **NIEUW_SIGNAAL, "id": "beleidskader",
        "rijen": [{"als": {"pad": "markt.makelaars_kennen_werkfuncties", "is": False},
                   "tekst": "Dubbel."}]}),
     "drempels", "signaal drempel.beleidskader komt twee keer voor"),
], ids=["onbekend_kenmerk", "tekst_ontbreekt", "onbekende_sterkte", "niet_gevraagd",
        "dubbel"])
def test_a_malformed_row_names_file_and_row(runner, tmp_path, wijzig, plaats, melding) -> None:
    kopie = regelmap_met_drempels(tmp_path, wijzig)
    uit = runner.invoke(main, ["evalueer", str(CASUS), "--regels", str(kopie)])
    assert uit.exit_code == 2, uit.output
    regels = [r for r in uit.output.splitlines() if r.strip()]
    assert len(regels) == 1 and "Traceback" not in uit.output, uit.output
    assert "drempels.yaml" in regels[0] and plaats in regels[0] and melding in regels[0]


def test_every_signal_quotes_the_guide() -> None:
    for drempel in CATALOGUS.drempels:
        for signaal in drempel.signalen:
            assert staat_in_handreiking(signaal.citaat), signaal.regel
            for rij in signaal.rijen:
                assert rij.citaat is None or staat_in_handreiking(rij.citaat), rij.tekst


def test_the_interview_sees_the_facts_a_signal_matches(bank) -> None:
    """The facts a table-made rule matches are found in its patterns, and only those; the
    interview asks them only where a barrier could feed a verdict (none does today)."""
    nummers = {meta.id: n for n, meta in enumerate(bank.regels, start=1)}
    for drempel in CATALOGUS.drempels:
        for signaal in drempel.signalen:
            regel = getattr(bank.motorklasse, f"regel_{nummers[signaal.regel]:03d}")
            gevonden = _patroonpaden(regel, kenmerkpaden())
            verwacht = {p for p in signaal.paden() if not p.startswith("initiatief.")}
            assert verwacht <= gevonden <= set(signaal.paden()), signaal.regel
    assert Regelkennis.van(bank).patroonpaden < set(kenmerkpaden())


def test_a_municipal_variant_adds_a_signal_and_cites_its_policy(runner, tmp_path) -> None:
    """A gemeente's own trigger is a row in its variant: no Python, its source cited."""
    bron = {"titel": "Testnota makelaars", "datum": "2026-02-10",
            "link": "https://example.org/testnota"}
    plaats = "drempels.drempels.beeld_makelaars"
    variant = {"naam": "Testvariant", "gemeente": "Teststad", "illustratief": True,
               "wijzigingen": [
                   {"pad": f"{plaats}.vragen", "bron": bron, "waarde": {
                       "markt.makelaars_kennen_werkfuncties":
                           "Hebben makelaars werkfuncties voor dit gebied op het netvlies?",
                       "beleid.gebiedsprofiel_werkfuncties":
                           "Is er een gebiedsprofiel voor werkfuncties?"}},
                   {"pad": f"{plaats}.signalen", "bron": bron, "nieuwe_rij": {
                       **NIEUW_SIGNAAL,
                       "rijen": [{"als": ENKEL_FEIT, "tekst": "Geen gebiedsprofiel."}]}}]}
    bestand = tmp_path / "variant.yaml"
    bestand.write_text(json.dumps(variant), encoding="utf-8")
    casus = tmp_path / "casus.yaml"
    casus.write_text(json.dumps({
        "id": "signaal", "gemeente": "Teststad",
        "beleid": {"gebiedsprofiel_werkfuncties": False},
        "markt": {"makelaars_kennen_werkfuncties": True}}), encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(casus), "--functie", "moderne_makers",
                               "--format", "json", "--variant", str(bestand)])
    assert uit.exit_code == 0, uit.output
    (advies,) = json.loads(uit.output)[0]["adviezen"]
    (makelaars,) = [d for d in advies["drempels"] if d["id"] == "beeld_makelaars"]
    (reden,) = makelaars["redenen"]
    assert reden["regel"] == NIEUWE_REGEL
    assert {b["titel"] for b in reden["lokaal"]} == {bron["titel"]}

    zonder = runner.invoke(main, ["evalueer", str(casus), "--functie", "moderne_makers",
                                  "--format", "json"])
    (advies,) = json.loads(zonder.output)[0]["adviezen"]
    assert "beeld_makelaars" not in {d["id"] for d in advies["drempels"]}


def test_kennis_shows_when_each_barrier_plays(runner) -> None:
    uit = runner.invoke(main, ["kennis"])
    assert uit.exit_code == 0, uit.output
    tekst = " ".join(uit.output.split())
    for drempel in CATALOGUS.drempels:
        for signaal in drempel.signalen:
            for rij in signaal.rijen:
                assert (f"{signaal.sterkte} als {rij.als.leesbaar()}: {rij.tekst} "
                        f"({signaal.regel})") in tekst


def test_a_criterion_reads_as_one_line() -> None:
    criterium = Criterium.model_validate({"alle": [
        ENKEL_FEIT, {"een_van": [{"pad": "pand.oppervlakte_m2", "min": 100, "max": 400},
                                 {"niet": {"pad": "locatie.locatietype",
                                           "in": ["aanloopstraat", "kernwinkelgebied"]}}]}]})
    assert criterium.leesbaar() == (
        "beleid.gebiedsprofiel_werkfuncties = nee en (pand.oppervlakte_m2 ≥ 100 en ≤ 400 of "
        "niet (locatie.locatietype in aanloopstraat, kernwinkelgebied))")
