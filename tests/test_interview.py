"""The interview: relevance by re-evaluation, the --volgende contract and the dialogue."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import CASES
from ruamel.yaml import YAML

from kennisbank.casus import Casus, kenmerken
from kennisbank.casuslader import laad_casus, laad_casussen, valideer, vind_casusbestanden
from kennisbank.cli import main
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.interview import (
    Criteriumgroep,
    Regelkennis,
    Relevantie,
    Vooruitdenken,
    criteriumgroepen,
    getalwaarden,
    met_antwoord,
    naspelen,
    soort_van,
    standen,
    startgegevens,
    tabeldrempels,
    zonder_verwachting,
)
from kennisbank.interviewsessie import casus_als_yaml
from kennisbank.verklaring import _drempelwaarden

SPORT = Werkfunctie.SPORT_WELLBEING
KLEIN = {"id": "proef", "gemeente": "Utrecht", "locatie": {"locatietype": "aanloopstraat"}}


def schrijf_klein(map_: Path, commentaar: bool = True) -> Path:
    bestand = map_ / "proef.yaml"
    bestand.write_text(
        "# een proefcasus met commentaar dat moet blijven\n"
        "id: proef\ngemeente: Utrecht\n"
        "locatie:\n  locatietype: aanloopstraat  # uit de matrix\n", encoding="utf-8")
    return bestand


def test_number_values_visit_every_interval_and_every_threshold() -> None:
    assert getalwaarden([100, 20, 50], geheel=False) == [19, 20, 35, 50, 75, 100, 101]
    assert getalwaarden([0, 1], geheel=True) == [-1, 0, 1, 2]
    assert getalwaarden([], geheel=False) == []


def test_thresholds_come_from_the_tables(bank) -> None:
    drempels = tabeldrempels(bank)
    for pad, waarden in _drempelwaarden(bank).items():
        assert set(waarden) <= set(drempels[pad]), pad
    assert {100.0, 200.0, 1500.0} <= set(drempels["pand.oppervlakte_m2"])
    assert 4.0 in drempels["pand.vrije_hoogte_m"]


def test_limiting_rules_are_found_in_the_rule_code(bank) -> None:
    kennis = Regelkennis.van(bank)
    assert {"oordeel.bepalen", "profiel.eis", "matrix.score", "overlast.risico"} <= \
        kennis.begrenzend
    assert not any(r.startswith(("gemeente.", "levendigheid.", "checklist."))
                   for r in kennis.begrenzend)
    # A rule that only reads a barrier another limiting rule declares does not feed a verdict;
    # the rules whose Wél-rows and nuisance factors the limiting rules read do.
    assert {"profiel.wel_locatie", "overlast.factoren"} <= kennis.voedend
    assert "drempel.vergunningsprocedure" not in kennis.voedend
    # A pattern on a value never matches an unknown fact, so the pattern's path is always tried;
    # the patterns of rules that feed no verdict (the makelaars' view of 2.D6) are not.
    assert "locatie.locatietype" in kennis.patroonpaden
    assert "markt.makelaars_kennen_werkfuncties" not in kennis.patroonpaden


def test_rules_that_make_the_verdict_give_the_verdicts_and_reasons_of_the_whole_rule_base(
        bank) -> None:
    relevantie = Relevantie(bank)
    assert len(relevantie.beslissend.regels) < len(bank.regels)
    for geladen in laad_casussen([CASES]):
        geheel = standen(bank.evalueer(geladen.casus))
        assert standen(relevantie.beslissend.evalueer(geladen.casus)) == geheel, \
            geladen.casus.id
        # One function evaluated alone gets what it gets among the others.
        for functie in Werkfunctie:
            alleen = standen(relevantie.beslissend.evalueer(geladen.casus, [functie]))
            assert alleen == {functie: geheel[functie]}, (geladen.casus.id, functie)


def test_number_values_keep_one_value_per_outcome_of_the_tables() -> None:
    toetsen = {("min", 100.0), ("max", 1000.0)}
    assert getalwaarden([100, 1000], geheel=True, toetsen=toetsen) == [99, 100, 1001]


def _kan_veranderen(bank, data, weet_niet, vraag, functies) -> bool:
    """Checked apart from the relevance engine's cache and on the whole rule base: some value of
    the asked fact (with the values of the other facts of its criterion, for a question asked
    for a combination) changes a verdict, or takes away a reason holding one down that other
    unknown facts can also lift."""
    basis = standen(bank.evalueer(valideer(data, "test"), functies))
    for gevolg in vraag.gevolgen:
        gewijzigd = met_antwoord(data, vraag.pad, gevolg.waarde)
        for pad, waarde in gevolg.samen_met.items():
            gewijzigd = met_antwoord(gewijzigd, pad, waarde)
        nu = standen(bank.evalueer(valideer(gewijzigd, "test"), functies))
        for functie in vraag.functies:
            if nu[functie].oordeel != basis[functie].oordeel:
                return True
            if nu[functie].redenen < basis[functie].redenen:
                return True
    return False


def test_next_question_as_json_is_relevant_and_deterministic(bank, runner, tmp_path) -> None:
    bestand = schrijf_klein(tmp_path)
    args = ["interview", str(bestand), "--volgende", "--format", "json", "--functie",
            "sport_wellbeing"]
    eerste = runner.invoke(main, args)
    assert eerste.exit_code == 0, eerste.output
    assert runner.invoke(main, args).output == eerste.output
    vraag = json.loads(eerste.output)
    assert {"pad", "vraag", "eenheid", "opties", "wie_kan_antwoorden", "bron", "citaat",
            "waarom"} <= set(vraag)
    assert vraag["wie_kan_antwoorden"] in ("eigenaar", "gemeente", "initiatiefnemer")
    assert vraag["functies"] == ["sport_wellbeing"]
    relevantie = Relevantie(bank, (SPORT,))
    (verwacht,) = [v for v in relevantie.vragen(KLEIN) if v.pad == vraag["pad"]]
    assert _kan_veranderen(bank, KLEIN, [], verwacht, [SPORT])


def test_facts_that_change_a_verdict_only_together_are_asked_together(bank) -> None:
    # Lichte maakbedrijven above shops: the Niet-row "A-winkelstraten" in the plinth needs both
    # facts; neither answer moves the verdict on its own, so the first is asked for the pair.
    lichte = Werkfunctie.LICHTE_MAAKBEDRIJVEN
    data = {"id": "proef", "gemeente": "Utrecht",
            "locatie": {"locatietype": "boven_winkels_klein_middel"}}
    groepen = criteriumgroepen(bank.tabellen.items())
    assert Criteriumgroep(("locatie.a_winkelstraat", "pand.verdieping"), lichte,
                          "profielen.profielen.lichte_maakbedrijven.niet[0].als") in groepen
    assert any(g.waar == "profielen.profielen.moderne_makers.wel" for g in groepen)
    relevantie = Relevantie(bank, (lichte,))
    basis = relevantie.oordelen(data)
    for pad in ("locatie.a_winkelstraat", "pand.verdieping"):
        for waarde in relevantie.kandidaatwaarden(pad, lichte):
            assert relevantie.oordelen(met_antwoord(data, pad, waarde)) == basis, (pad, waarde)
    (vraag,) = [v for v in relevantie.vragen(data) if v.pad == "locatie.a_winkelstraat"]
    assert "pand.verdieping" in vraag.samen_met
    assert {"pand.verdieping": 0} in [w.get("samen_met") for w in vraag.als_dict()["waarom"]]
    assert _kan_veranderen(bank, data, [], vraag, [lichte])


def test_weet_niet_moves_on_until_null(bank, runner, tmp_path) -> None:
    bestand = schrijf_klein(tmp_path)
    relevantie = Relevantie(bank, (SPORT,))
    weet_niet: list[str] = []
    while (vraag := relevantie.volgende(KLEIN, weet_niet)) is not None:
        assert vraag.pad not in weet_niet
        weet_niet.append(vraag.pad)
    assert weet_niet
    args = ["interview", str(bestand), "--volgende", "--format", "json", "--functie",
            "sport_wellbeing"] + [a for p in weet_niet for a in ("--weet-niet", p)]
    uitkomst = runner.invoke(main, args)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert json.loads(uitkomst.output) is None


def test_unknown_weet_niet_path_is_one_line_error(runner, tmp_path) -> None:
    bestand = schrijf_klein(tmp_path)
    uitkomst = runner.invoke(main, ["interview", str(bestand), "--volgende", "--weet-niet",
                                    "pand.bestaat_niet"])
    assert uitkomst.exit_code == 2
    assert "pand.bestaat_niet" in uitkomst.output and "Traceback" not in uitkomst.output


def test_dialogue_from_nothing_writes_the_case_with_questions_as_comments(runner,
                                                                          tmp_path) -> None:
    doel = tmp_path / "nieuw.yaml"
    invoer = "Niet Geldig\nproef-nieuw\nUtrecht\n3\n" + "weet niet\n" * 40
    uitkomst = runner.invoke(main, ["interview", "-o", str(doel), "--functie",
                                    "sport_wellbeing"], input=invoer)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert "1.3.3" in uitkomst.output and "Schakel tussen kernwinkelgebied" in uitkomst.output
    assert "Ongeldig" in uitkomst.output  # the id with capitals and a space is asked again
    assert "Wie weet dit meestal" in uitkomst.output and "Bron: " in uitkomst.output
    assert "Samenvatting" in uitkomst.output
    assert "Open vragen die een oordeel nog kunnen veranderen" in uitkomst.output
    tekst = doel.read_text(encoding="utf-8")
    assert "# Locatietype uit de matrix" in tekst
    data = YAML(typ="safe").load(tekst)
    assert data == {"id": "proef-nieuw", "gemeente": "Utrecht",
                    "locatie": {"locatietype": "aanloopstraat"}}


def test_dialogue_validates_goes_back_and_keeps_comments(bank, runner, tmp_path) -> None:
    # Lichte maakbedrijven in an aanloopstraat: more than one fact can still move the verdict,
    # so the dialogue goes on after the first answer and "terug" has somewhere to go.
    bestand = schrijf_klein(tmp_path)
    eerste = Relevantie(bank, (Werkfunctie.LICHTE_MAAKBEDRIJVEN,)).volgende(KLEIN)
    assert eerste is not None
    if eerste.opties:
        ongeldig, eerste_antwoord, tweede_antwoord = "99", "1", "2"
        verwacht = eerste.opties[1]
    else:
        ongeldig, eerste_antwoord, tweede_antwoord = "veel", "250", "10"
        verwacht = 10
    invoer = f"{ongeldig}\n{eerste_antwoord}\nterug\n{tweede_antwoord}\nstop\n"
    uitkomst = runner.invoke(main, ["interview", str(bestand), "--functie",
                                    "lichte_maakbedrijven"],
                             input=invoer)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert uitkomst.output.count(f"· {eerste.pad}") == 2  # asked, then asked again after terug
    assert "Oordelen nu:" in uitkomst.output
    tekst = bestand.read_text(encoding="utf-8")
    assert tekst.startswith("# een proefcasus met commentaar dat moet blijven\n")
    assert "locatietype: aanloopstraat  # uit de matrix" in tekst
    assert f"# {eerste.beschrijving}" in tekst
    data = YAML(typ="safe").load(tekst)
    sectie, naam = eerste.pad.split(".")
    assert data[sectie][naam] == verwacht
    valideer(data, bestand)


def test_standard_input_one_answer_a_line_ends_at_end_of_input(runner, tmp_path) -> None:
    bestand = schrijf_klein(tmp_path)
    uitkomst = runner.invoke(main, ["interview", str(bestand), "-o", str(tmp_path / "uit.yaml"),
                                    "--functie", "sport_wellbeing"], input="weet niet\n")
    assert uitkomst.exit_code == 0, uitkomst.output
    assert (tmp_path / "uit.yaml").exists()
    assert "Samenvatting" in uitkomst.output


#: Stored cases whose interview is replayed for all six functions (the others for the
#: initiative's own function, which keeps the suite to minutes): Witte-de-Withstraat, where the
#: makers' verdict moves only once three facts are known, and two cases where such facts are
#: unknown and answered 'weet niet' (the Oudegracht also asks whether a nooduitgang can be made).
ZES_FUNCTIES = {"witte-de-withstraat-coworking", "oudegracht-bovenverdieping",
                "zadelstraat-coworking"}


def _functies_van(bestand: Path, casus) -> tuple[Werkfunctie, ...]:
    if bestand.stem in ZES_FUNCTIES:
        return tuple(Werkfunctie)
    if casus.initiatief and casus.initiatief.werkfunctie:
        return (casus.initiatief.werkfunctie,)
    return (Werkfunctie.KANTOREN_COWORKING,)


@pytest.mark.parametrize("bestand", vind_casusbestanden([CASES]), ids=lambda p: p.stem)
def test_interview_of_a_stored_case_asks_only_what_matters(
        bank, bestand) -> None:
    casus = laad_casus(bestand).casus
    functies = _functies_van(bestand, casus)
    relevantie = Relevantie(bank, functies)
    bekend = {p: w for p, w in kenmerken(casus).items() if w is not None}
    naspeling = naspelen(relevantie, casus)
    # Replay: each asked question could change a verdict when it was asked.
    data = startgegevens(casus)
    weet_niet: list[str] = []
    for pad in naspeling.gesteld:
        vraag = relevantie.volgende(data, weet_niet)
        assert vraag is not None and vraag.pad == pad
        assert _kan_veranderen(bank, data, weet_niet, vraag, list(functies)), pad
        if pad in bekend:
            data = met_antwoord(data, pad, bekend[pad])
        else:
            weet_niet.append(pad)
    # At the end no unknown fact can change a verdict: every fact tried, every value, the
    # unknown facts of every criterion that reads several together in every combination, and
    # with each the facts those answers bring into play. (The evaluations done are shared: the
    # outcome of a function under given facts does not depend on how it was asked for.)
    volledig = dataclasses.replace(relevantie, volledig=True, _vragen={})
    assert [v.pad for v in volledig.vragen(naspeling.data, naspeling.weet_niet)] == []
    assert len(naspeling.gesteld) < naspeling.feiten_in_casus
    # And it ends at the stored case's verdicts.
    assert relevantie.oordelen(naspeling.data) == \
        relevantie.oordelen(zonder_verwachting(casus))


def test_a_verdict_that_moves_only_once_three_facts_are_known_is_reached(bank) -> None:
    """Makers in a Rotterdam aanloopstraat: the Niet-row 'woongevoelige straat zonder ruimte
    voor maken' holds only when both its facts are known, and even then caps the verdict at
    beperkt passend, where the matrix already has it; only a gebiedsprofiel that refused the
    room (read by the rule only once the row holds) makes it niet passend. No single answer
    and no pair moves the verdict, so the search follows the facts the answers bring into
    play."""
    makers = Werkfunctie.MODERNE_MAKERS
    woongevoelig, ruimte, profiel = ("locatie.woongevoelige_straat",
                                     "locatie.ruimte_voor_maken",
                                     "beleid.gebiedsprofiel_werkfuncties")
    data = {"id": "proef", "gemeente": "Rotterdam",
            "locatie": {"locatietype": "aanloopstraat"}}
    relevantie = Relevantie(bank, (makers,))
    basis = relevantie.oordelen(data)[makers]
    alle_drie = met_antwoord(met_antwoord(met_antwoord(data, woongevoelig, True), ruimte, False),
                             profiel, True)
    assert relevantie.oordelen(alle_drie)[makers] == Oordeel.NIET_PASSEND != basis
    stappen = [(data, woongevoelig, {ruimte, profiel}), (None, ruimte, {profiel}),
               (None, profiel, set())]
    for nummer, (_, pad, samen) in enumerate(stappen):
        if nummer:
            vorige = stappen[nummer - 1][1]
            data = met_antwoord(data, vorige, {woongevoelig: True, ruimte: False}[vorige])
        (vraag,) = [v for v in relevantie.vragen(data) if v.pad == pad]
        assert set(vraag.samen_met) == samen, pad
        assert vraag.functies == [makers]
        assert _kan_veranderen(bank, data, [], vraag, [makers]), pad
    # With the other two unknown the rule does not read the gebiedsprofiel at all: it is asked
    # only together with them, never on its own first.
    assert profiel not in [v.pad for v in relevantie.vragen(
        {"id": "proef", "gemeente": "Rotterdam", "locatie": {"locatietype": "aanloopstraat"}})]


def test_answers_are_added_as_new_lines_keeping_every_line_of_a_given_file() -> None:
    schema = Casus.model_json_schema()
    for bestand in vind_casusbestanden([CASES]):
        origineel = bestand.read_text(encoding="utf-8")
        casus = laad_casus(bestand).casus
        onbekend = [p for p, w in kenmerken(casus).items()
                    if w is None and soort_van(p, schema) == "ja_nee"][:3]
        assert onbekend, bestand
        data = zonder_verwachting(casus)
        for pad in onbekend:
            data = met_antwoord(data, pad, True)
        tekst = casus_als_yaml(origineel, data, {p: f"vraag over {p}" for p in onbekend})
        oud = origineel.splitlines()
        assert [r for r in tekst.splitlines() if r in set(oud)] == oud, bestand
        gelezen = YAML(typ="safe").load(tekst)
        valideer(gelezen, bestand)
        for pad in onbekend:
            sectie, naam = pad.split(".")
            assert gelezen[sectie][naam] is True
            assert f"# vraag over {pad}" in tekst


def test_a_case_naming_two_location_types_is_replayed_from_both(bank) -> None:
    """The first answer names every location type that fits; from the first type alone the
    Biltstraat interview would end at beperkt passend for sport, which its second reading (an
    aanloopstraat) lifts to passend onder voorwaarden."""
    casus = laad_casus(CASES / "utrecht" / "biltstraat-verdieping-twee-locatietypen.yaml").casus
    assert startgegevens(casus)["locatie"] == {"locatietype": "boven_winkels_klein_middel",
                                                "ook_locatietypen": ["aanloopstraat"]}
    relevantie = Relevantie(bank, (SPORT,))
    naspeling = naspelen(relevantie, casus)
    assert relevantie.oordelen(naspeling.data) == relevantie.oordelen(zonder_verwachting(casus))


@pytest.mark.parametrize("wachten", [True, False], ids=["af", "gestopt"])
def test_work_done_ahead_gives_what_the_interview_finds_after_the_answer(bank, wachten) -> None:
    """What the background works out while a question is read (whether it finishes or is
    stopped by the answer) is what a fresh interview finds in that state: the questions, their
    order, functions, sources and consequences."""
    makers = Werkfunctie.MODERNE_MAKERS
    relevantie = Relevantie(bank, (makers,))
    vraag = relevantie.volgende(KLEIN)
    assert vraag is not None and vraag.opties == [True, False]
    vooruit = Vooruitdenken(relevantie)
    vooruit.start(KLEIN, [], vraag.pad, vraag.opties)
    if wachten:
        vooruit.wacht()
    vooruit.stop()
    toestanden = [(met_antwoord(KLEIN, vraag.pad, o), []) for o in vraag.opties]
    toestanden.append((KLEIN, [vraag.pad]))
    for data, weet_niet in toestanden:
        vers = Relevantie(bank, (makers,))
        assert relevantie.vragen(data, weet_niet) == vers.vragen(data, weet_niet)
        assert relevantie.volgende(data, weet_niet) == vers.volgende(data, weet_niet)
