"""A synthetic register scanned end to end: the scan says what the case files say."""

from __future__ import annotations

import csv
import importlib.util

import pytest
from conftest import PROJECT
from ruamel.yaml import YAML

from kennisbank.advies import Advies, Redenering, advies_over_locatietypen, casusresultaat
from kennisbank.casuslader import laad_casus, laad_casussen
from kennisbank.cli import main
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import Evaluatie, laad_regelbank
from kennisbank.regelapi import Aanname, Kenmerk, OpenVraag, Profielregel
from kennisbank.scan import (
    ONGELEZEN_REGELS,
    Functieuitkomst,
    evalueer_pand,
    samenvatting,
    scandeel,
)

_spec = importlib.util.spec_from_file_location(
    "synthetisch_register", PROJECT / "scripts" / "synthetisch_register.py")
assert _spec and _spec.loader
synthetisch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetisch)


def test_every_valid_row_gets_the_verdicts_of_the_same_facts_as_a_case_file(
        runner, bank, tmp_path) -> None:
    aantal, seed = 14, 7
    register = tmp_path / "register.csv"
    with register.open("w", encoding="utf-8-sig", newline="") as uit:
        synthetisch.schrijf(uit, aantal, seed, 0.25, ";")
    gegenereerd = list(synthetisch.rijen(aantal, seed, 0.25))
    ongeldig = {nummer + 2: fout for nummer, (_, _, _, fout) in enumerate(gegenereerd) if fout}
    assert 0 < len(ongeldig) < aantal

    uit = runner.invoke(main, ["scan", str(register), "--werkers", "2",
                               "-o", str(tmp_path / "uit.csv")])
    assert uit.exit_code == 2, uit.output
    with (tmp_path / "uit.fouten.csv").open(encoding="utf-8") as invoer:
        fouten = {int(r["rij"]): r["kolom"] for r in csv.DictReader(invoer)}
    assert fouten == ongeldig
    with (tmp_path / "uit.csv").open(encoding="utf-8") as invoer:
        gescand = {r["id"]: r for r in csv.DictReader(invoer)}
    assert len(gescand) == aantal - len(ongeldig)

    yaml = YAML()
    for nummer, (feiten, _, _, fout) in enumerate(gegenereerd):
        if fout:
            continue
        casusbestand = tmp_path / f"casus-{nummer}.yaml"
        with casusbestand.open("w", encoding="utf-8") as uitvoer:
            yaml.dump(synthetisch.genest(feiten), uitvoer)
        resultaat = casusresultaat(bank.evalueer(laad_casus(casusbestand).casus))
        rij = gescand[feiten["id"]]
        for advies in resultaat.adviezen:
            f = advies.werkfunctie.value
            assert rij[f"{f}.oordeel"] == advies.oordeel.value, (feiten["id"], f)
            assert rij[f"{f}.matrixscore"] == (advies.matrixscore or "")
            assert int(rij[f"{f}.voorwaarden"]) == len(advies.voorwaarden)
            assert int(rij[f"{f}.open_vragen"]) == len(advies.open_vragen)
            assert rij[f"{f}.drempels"] == "|".join(d.id for d in advies.drempels)


def _uit_advies(advies: Advies) -> Functieuitkomst:
    """A scan row's summary as read from the whole advies (what the scan shows of it)."""
    def bron(reden: Redenering) -> str:
        return reden.bron + "".join(f"; {b.label}" for b in reden.lokaal)

    beslissend = next((r for r in advies.redenen if r.grens == advies.oordeel), None)
    if beslissend is None and advies.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN:
        beslissend = next(iter(advies.voorwaarden), None)
    if beslissend is None:
        beslissend = next(iter(advies.redenen), None)
    return Functieuitkomst(
        werkfunctie=advies.werkfunctie.value, oordeel=advies.oordeel.value,
        matrixscore=advies.matrixscore, voorwaarden=tuple(v.tekst for v in advies.voorwaarden),
        open_vragen=len(advies.open_vragen),
        drempels=tuple((d.id, d.beinvloedbaarheid) for d in advies.drempels),
        reden=beslissend.tekst if beslissend else "", regel=beslissend.regel if beslissend else "",
        bron=bron(beslissend) if beslissend else "")


@pytest.mark.parametrize("variant", [None, "utrecht.yaml", "rotterdam.yaml", "den-haag.yaml"])
def test_scan_summary_read_from_the_conclusions_equals_the_one_read_from_the_advies(
        variant) -> None:
    """The scan reads its row from the conclusions of a brief evaluation (no trace, no
    assumptions; under a variant with the trace, which says which conclusions rest on a local
    change) without building the advies; on every stored case (those naming several location
    types included), with and without a variant, it says what the advies says."""
    regels = laad_regelbank(None, PROJECT / "varianten" / variant if variant else None)
    for geladen in laad_casussen([PROJECT / "cases"]):
        functies = tuple(Werkfunctie)
        rij = evalueer_pand(regels, 2, geladen.casus, None, None, functies)
        evaluatie = regels.evalueer(geladen.casus, functies)
        assert rij.functies == tuple(
            _uit_advies(advies_over_locatietypen(evaluatie, functie, met_spoor=False))
            for functie in functies), geladen.casus.id


@pytest.fixture(scope="module")
def opgeslagen_evaluaties(bank) -> list[tuple[str, Evaluatie, Evaluatie]]:
    """Every stored case evaluated brief and in full, once for the tests of this module."""
    return [(g.casus.id, bank.evalueer(g.casus, beknopt=True), bank.evalueer(g.casus))
            for g in laad_casussen([PROJECT / "cases"])]


def test_a_brief_evaluation_keeps_no_trace_and_no_assumptions_and_the_same_verdicts(
        bank, opgeslagen_evaluaties) -> None:
    catalogus = bank.tabellen.drempels
    for casus_id, beknopt, volledig in opgeslagen_evaluaties:
        assert beknopt.spoor == [] and beknopt.van_type(Aanname) == []
        assert volledig.spoor and volledig.van_type(Aanname)
        assert ([samenvatting(beknopt, f, catalogus) for f in beknopt.functies]
                == [samenvatting(volledig, f, catalogus) for f in volledig.functies]), casus_id


def _inhoud(feit) -> tuple:
    return (type(feit).__name__, tuple((k, v) for k, v in feit.items() if k != "__factid__"))


def test_a_brief_evaluation_stores_only_the_case_facts_a_pattern_can_match_and_concludes_alike(
        bank, opgeslagen_evaluaties) -> None:
    """A brief evaluation leaves out the case facts no rule pattern can match (the rules read
    them without the fact list) and the profile rows set out to be tested (``zet_klaar``), and
    concludes the same facts in the same order as a full one, assumptions aside; asking it for
    facts of those types is an error, not a silent gap."""
    matcher = bank.motor.matcher
    weggelaten = 0
    for casus_id, beknopt, volledig in opgeslagen_evaluaties:
        for kort, vol in zip(beknopt.per_locatietype, volledig.per_locatietype, strict=True):
            assert kort.niet_bewaard == {Kenmerk, Profielregel} and not vol.niet_bewaard
            kenmerken = vol.van_type(Kenmerk)
            verwacht = [_inhoud(k) for k in kenmerken if matcher.kandidaten(k)]
            assert [_inhoud(k) for k in kort.feiten if isinstance(k, Kenmerk)] == verwacht, (
                casus_id)
            weggelaten += len(kenmerken) - len(verwacht)
            assert vol.van_type(Profielregel)
            assert ([_inhoud(f) for f in kort.feiten if not isinstance(f, Kenmerk)]
                    == [_inhoud(f) for f in vol.feiten
                        if not isinstance(f, Kenmerk | Aanname | Profielregel)]), casus_id
            for soort in (Kenmerk, Profielregel):
                with pytest.raises(RuntimeError, match=soort.__name__):
                    kort.van_type(soort)
    assert weggelaten
    bank.evalueer(opgeslagen_evaluaties[0][1].casus, beknopt=True)
    with pytest.raises(RuntimeError, match="ctx.kenmerk"):
        bank.motor.feiten_van(Kenmerk)
    with pytest.raises(RuntimeError, match="Profielregel"):
        bank.motor.feiten_van(Profielregel)


def test_the_rules_a_scan_leaves_out_as_unread_conclude_only_barrier_questions(
        bank, opgeslagen_evaluaties) -> None:
    """A scan row counts the open questions about the verdict, not those about barriers: the
    rules it leaves out for that reason conclude nothing else (assumptions aside, which a row
    does not show), on every stored case."""
    gedeeld = {meta.id for meta in scandeel(bank).regels}
    assert set(ONGELEZEN_REGELS) <= {meta.id for meta in bank.regels} and not (
        gedeeld & set(ONGELEZEN_REGELS))
    gevuurd = 0
    for casus_id, _, volledig in opgeslagen_evaluaties:
        for evaluatie in volledig.per_locatietype:
            for vuring in evaluatie.spoor:
                if vuring.regel.id not in ONGELEZEN_REGELS:
                    continue
                gevuurd += 1
                for feit in vuring.conclusies:
                    assert isinstance(feit, Aanname) or (
                        isinstance(feit, OpenVraag) and feit.get("drempel") is not None), (
                        casus_id, vuring.regel.id, feit)
    assert gevuurd


def test_an_evaluation_finds_facts_by_type_and_function_as_its_fact_list_holds_them(
        opgeslagen_evaluaties) -> None:
    """The evaluation answers from the engine's own index of its facts: every type, for every
    function and for none, gives exactly the facts of its fact list in their order (a brief
    evaluation refuses the types it does not keep every fact of: see the test above)."""
    for casus_id, beknopt, volledig in opgeslagen_evaluaties:
        for evaluatie in (*beknopt.per_locatietype, *volledig.per_locatietype):
            verwacht: dict[tuple[type, str | None], list] = {}
            for feit in evaluatie.feiten:
                verwacht.setdefault((type(feit), None), []).append(feit)
                if feit.get("werkfunctie") is not None:
                    verwacht.setdefault((type(feit), feit["werkfunctie"]), []).append(feit)
            for soort in {type(f) for f in evaluatie.feiten} - evaluatie.niet_bewaard:
                for functie in (None, *(f.value for f in Werkfunctie)):
                    assert evaluatie.van_type(soort, functie) == verwacht.get(
                        (soort, functie), []), (casus_id, soort.__name__, functie)
