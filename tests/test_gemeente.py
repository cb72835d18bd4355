"""What the gemeente can do (1.6, 4.x) and the Part 3 checklist per case."""

from __future__ import annotations

from conftest import CASES, advies, maak_casus

from kennisbank.advies import casusresultaat
from kennisbank.cli import main
from kennisbank.engine import standaardmap
from kennisbank.tabellen import Checklisttabel, laad_tabel

TOEGESTAAN = {"omgevingsplan": {"kantoren_coworking": "toegestaan"}}
GEBOUW = {"oppervlakte_m2": 400, "verdieping": 2, "entree": "eigen",
          "representatieve_uitstraling": True, "vraaghuur_eur_m2_jaar": 180}
PLEK = {"locatietype": "boven_winkels_groot", "kernwinkelgebied": True}


#: Every fact a barrier depends on, known and not triggering it.
GEEN_DREMPELS = {
    "beleid": {**TOEGESTAAN, "monitoring_werkfuncties": True, "meerdere_beleidseisen": False,
               "beleidskader_werkfuncties": True, "gebiedsprofiel_werkfuncties": True,
               "capaciteit_begeleiding": True, "werken_in_binnenstad_prioriteit": True},
    "eigenaar": {"combinatie_rendabele_functie_mogelijk": True, "investeringsruimte": "ruim",
                 "ervaring_met_werkfuncties": True, "lange_historie_een_functie": False,
                 "voorbeelden_in_omgeving": True},
    "markt": {"makelaars_kennen_werkfuncties": True},
}


def test_fit_without_barriers_is_kansrijk(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK, **GEEN_DREMPELS)
    assert uitkomst.drempels == [] and uitkomst.drempelvragen == []
    assert uitkomst.gemeente.boodschap == "kansrijk_zonder_drempels"


def test_unknown_barrier_facts_are_open_questions_not_no_barrier(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK, beleid=TOEGESTAAN)
    assert uitkomst.drempels == []
    assert uitkomst.gemeente.boodschap == "kansrijk_drempels_onbekend"
    assert "er speelt geen drempel" not in uitkomst.gemeente.tekst
    gevraagd = {k for v in uitkomst.drempelvragen for k in v.kenmerken}
    assert {"beleid.monitoring_werkfuncties", "markt.makelaars_kennen_werkfuncties",
            "eigenaar.ervaring_met_werkfuncties"} <= gevraagd
    assert {v.bron for v in uitkomst.drempelvragen} <= {f"2.D{i}" for i in range(1, 14)}
    # A question whether a barrier plays does not decide the verdict.
    assert not any(k in gevraagd for v in uitkomst.open_vragen for k in v.kenmerken)


def test_initiative_questions_are_asked_only_of_the_initiatives_function(bank) -> None:
    eigen = advies(bank, "kantoren_coworking", initiatief={"werkfunctie": "kantoren_coworking"})
    ander = advies(bank, "kantoren_coworking", initiatief={"werkfunctie": "sport_wellbeing"})
    assert any("initiatief.herkomst" in v.kenmerken for v in eigen.drempelvragen)
    assert not any("initiatief.herkomst" in v.kenmerken for v in ander.drempelvragen)


def test_unknown_vooroverleg_is_asked_and_not_claimed_absent(bank) -> None:
    uitkomst = advies(bank, "sport_wellbeing",
                      beleid={"omgevingsplan": {"sport_wellbeing": "afwijking_nodig"}})
    # Unknown is an open question, never a trigger: the deviation is only an aandachtspunt.
    assert "vergunningsprocedure" not in {d.id for d in uitkomst.drempels}
    vergunning = next(d for d in uitkomst.aandachtspunten if d.id == "vergunningsprocedure")
    assert all("geen vooroverleg" not in r.tekst for r in vergunning.redenen)
    assert any("beleid.vooroverleg_principebesluit" in v.kenmerken
               for v in uitkomst.drempelvragen)


def test_barrier_the_gemeente_controls_is_a_different_message_from_the_building(bank) -> None:
    # 2.D7 concerns an initiative the gemeente must assess: one the omgevingsplan does not allow.
    beleid = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK,
                    beleid={"omgevingsplan": {"kantoren_coworking": "afwijking_nodig"},
                            "beleidskader_werkfuncties": False})
    eigenaar = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK, beleid=TOEGESTAAN,
                      eigenaar={"ervaring_met_werkfuncties": False})
    assert beleid.gemeente.boodschap == "kansrijk_drempels_beinvloedbaar"
    assert eigenaar.gemeente.boodschap == "kansrijk_drempels_beperkt"
    assert "reguleren" in beleid.gemeente.sturing and "toetser" in beleid.gemeente.rollen
    stap = next(s for s in beleid.gemeente.stappen if s.aanleiding == "beleidskader")
    assert stap.beinvloedbaarheid == "hoog" and stap.bron == "2.D7"


def test_niet_passend_says_where_to_aim_instead(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "binnenstadsschil": False})
    assert uitkomst.gemeente.boodschap == "niet_passend"


def test_area_context_chooses_the_role_as_4_1_says(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK,
                      beleid={**TOEGESTAAN, "transformatie_of_leegstand": True,
                              "veel_stakeholders": True})
    assert uitkomst.gemeente.sturing[:2] == ["stimuleren", "faciliteren"]
    assert {"aanjager", "verbinder"} <= set(uitkomst.gemeente.rollen)
    assert {s.bron for s in uitkomst.gemeente.stappen} == {"4.1"}


def test_checklist_has_all_nine_items_grouped_by_phase(bank) -> None:
    leeg = casusresultaat(bank.evalueer(maak_casus()))
    items = [i for fase in leeg.checklist for i in fase.items]
    assert [i.nummer for i in items] == list(range(1, 10))
    assert all(not i.beantwoord for i in items)
    tabel = laad_tabel(standaardmap() / "checklist.yaml", Checklisttabel)
    assert sum(len(i.open) for i in items) == sum(len(i.vragen) for i in tabel.items)
    assert [f.fase for f in leeg.checklist] == [f.id for f in tabel.fasen]


def test_checklist_questions_are_answered_by_known_facts(bank) -> None:
    resultaat = casusresultaat(bank.evalueer(maak_casus(
        pand={"monument": False}, beleid={"omgevingsplan": {"sport_wellbeing": "toegestaan"}})))
    items = {i.nummer: i for fase in resultaat.checklist for i in fase.items}
    assert "Belemmering vanuit monumentenstatus." in items[5].beantwoord
    assert "Huidige bestemming en gebruiksregels in beeld." in items[4].beantwoord


def test_a_monument_raises_the_monument_question_instead_of_answering_it(bank) -> None:
    """3.B5 'Belemmering vanuit monumentenstatus': no monument answers it (no barrier from the
    status); a monument does not, since whether the status obstructs the use is no fact of the
    case. The question stays open and names the monument."""
    def item5(**pand):
        resultaat = casusresultaat(bank.evalueer(maak_casus(pand=pand)))
        return next(i for fase in resultaat.checklist for i in fase.items if i.nummer == 5)

    vraag = "Belemmering vanuit monumentenstatus."
    monument = item5(monument=True)
    assert vraag in monument.open and vraag not in monument.beantwoord
    assert "monument" in monument.aanleiding[vraag]
    geen = item5(monument=False)
    assert vraag in geen.beantwoord and vraag not in geen.aanleiding
    toegang = "Brandveiligheid, ontsluiting, (fiets)parkeren en toegankelijkheid op orde (te " \
              "maken) voor beoogd gebruik?"
    zonder_nooduitgang = item5(nooduitgang=False, drempelvrij=True, lift=True)
    assert toegang in zonder_nooduitgang.open and toegang in zonder_nooduitgang.aanleiding
    alles = item5(nooduitgang=True, drempelvrij=True, lift=True)
    assert toegang in alles.open and toegang not in alles.aanleiding  # parkeren is onbekend


def test_the_access_question_names_what_is_missing_and_what_is_unknown(bank) -> None:
    """3.B5 asks after fire safety, access and accessibility at once; an open question says which
    of the emergency exit, step-free access and lift the case lacks and which it does not know,
    and asks to make only what is lacking 'op orde'."""
    toegang = "Brandveiligheid, ontsluiting, (fiets)parkeren en toegankelijkheid op orde (te " \
              "maken) voor beoogd gebruik?"

    def aanleiding(**pand):
        resultaat = casusresultaat(bank.evalueer(maak_casus(pand=pand)))
        item = next(i for fase in resultaat.checklist for i in fase.items if i.nummer == 5)
        assert toegang in item.open
        return item.aanleiding.get(toegang)

    assert aanleiding(nooduitgang=False, drempelvrij=True, lift=None) == (
        "Ontbreekt: een nooduitgang; onbekend: een lift. Nagaan of wat ontbreekt voor het "
        "beoogde gebruik op orde te maken is.")
    assert aanleiding(nooduitgang=False, drempelvrij=False, lift=True).startswith(
        "Ontbreekt: een nooduitgang en drempelvrije toegang. Nagaan")
    assert aanleiding(nooduitgang=None, drempelvrij=True, lift=True) == \
        "Onbekend: een nooduitgang."


def test_text_output_names_the_monument_in_the_checklist(runner) -> None:
    casus = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"
    uit = runner.invoke(main, ["evalueer", str(casus), "--volledig"])
    assert uit.exit_code == 0
    tekst = " ".join(uit.output.split())
    assert "Belemmering vanuit monumentenstatus. Het pand is een monument" in tekst


def test_answered_is_not_satisfied_and_the_checklist_shows_both(bank) -> None:
    def item2(aangehaakt):
        resultaat = casusresultaat(bank.evalueer(maak_casus(
            eigenaar={"aangehaakt": aangehaakt})))
        return next(i for fase in resultaat.checklist for i in fase.items if i.nummer == 2)

    vraag = "Eigenaar en ontwikkelaar aangehaakt en geïnformeerd."
    nee, ja = item2(False), item2(True)
    assert vraag in nee.beantwoord and vraag in nee.niet_voldaan
    assert vraag in ja.beantwoord and vraag not in ja.niet_voldaan
    onbekend = item2(None)
    assert vraag in onbekend.open and vraag not in onbekend.niet_voldaan


def test_text_output_says_which_answers_are_no(runner, tmp_path) -> None:
    casus = tmp_path / "casus.yaml"
    casus.write_text("id: t\ngemeente: T\neigenaar: {aangehaakt: false}\n", encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(casus), "--volledig"])
    assert uit.exit_code == 0
    assert "beantwoord, nee: Eigenaar en ontwikkelaar aangehaakt" in uit.output


def test_kennis_json_holds_the_whole_knowledge_base(runner) -> None:
    import json

    uit = runner.invoke(main, ["kennis", "--format", "json"])
    assert uit.exit_code == 0
    kennis = json.loads(uit.output)
    assert len(kennis["drempels"]["drempels"]) == 13
    assert sum(len(d["aanpak"]) for d in kennis["drempels"]["drempels"]) == 50
    assert set(kennis["gemeente"]["rollen"]) == {"aanjager", "verkenner", "toetser",
                                                  "realisator", "verbinder"}
    assert all(r["bronnen"] for r in kennis["regels"])
    tekst = runner.invoke(main, ["kennis"])
    assert tekst.exit_code == 0 and "pand_ongeschikt" in tekst.output


def test_text_output_shows_verdict_barriers_gemeente_and_checklist(runner) -> None:
    uit = runner.invoke(main, ["evalueer", str(CASES / "rotterdam"), "--volledig"])
    assert uit.exit_code == 0
    for kop in ("Drempels die spelen:", "Aandachtspunten", "Wat de gemeente kan doen:",
                "Checklist (deel 3)",
                "beïnvloedbaarheid"):
        assert kop in uit.output


def test_a_barrier_step_quotes_its_own_barrier_not_section_1_6() -> None:
    from handreiking_tekst import handreiking, normaliseer, staat_in_handreiking

    from kennisbank.tabellen import Drempeltabel, Gemeentetabel

    gemeente = laad_tabel(standaardmap() / "gemeente.yaml", Gemeentetabel)
    drempels = {d.id: d for d in laad_tabel(standaardmap() / "drempels.yaml",
                                             Drempeltabel).drempels}
    tekst = handreiking()
    for drempel_id, koppeling in gemeente.drempels.items():
        assert staat_in_handreiking(koppeling.citaat), drempel_id
        # The quote stands in the barrier's own Beïnvloedbaarheid paragraph.
        begin = tekst.index(normaliseer(drempels[drempel_id].beinvloedbaarheid_toelichting))
        assert normaliseer(koppeling.citaat) in tekst[begin - 300:begin + 1200], drempel_id
    for drempel_id, stap in gemeente.bij_open_vraag.items():
        # A step beside an open question quotes the barrier's own approach.
        assert stap.bron == drempels[drempel_id].bron and staat_in_handreiking(stap.citaat)
        assert any(normaliseer(a.tekst) == normaliseer(stap.citaat)
                   for a in drempels[drempel_id].aanpak), drempel_id


def test_gemeente_steps_for_barriers_carry_the_barriers_bron_and_quote(bank) -> None:
    uitkomst = advies(bank, "lichte_maakbedrijven", pand={"vrije_hoogte_m": 3.0, "verdieping": 0})
    stap = next(s for s in uitkomst.gemeente.stappen if s.aanleiding == "pand_ongeschikt")
    assert stap.bron == "2.D13" and "transformatie" in stap.citaat


def test_part_4_is_advice_per_case_with_the_guides_words(bank) -> None:
    from handreiking_tekst import staat_in_handreiking

    from kennisbank.tabellen import Gemeentetabel

    gemeente = laad_tabel(standaardmap() / "gemeente.yaml", Gemeentetabel)
    assert {p.bron for p in gemeente.organisatie} == {"4.2", "4.4"}
    assert len(gemeente.integrale_vragen) == 3
    for rij in [*gemeente.organisatie, *gemeente.integrale_vragen]:
        assert staat_in_handreiking(rij.citaat), rij.citaat

    resultaat = casusresultaat(bank.evalueer(maak_casus(
        beleid={"trekker_met_mandaat": True, "vast_aanspreekpunt": False})))
    status = {p.punt: p.status for p in resultaat.organisatie}
    assert status["trekker"] == "aanwezig" and status["vast_aanspreekpunt"] == "ontbreekt"
    assert status["rolverdeling"] == status["overlegstructuren"] == "onbekend"
    for advies_ in resultaat.adviezen:
        vragen = advies_.gemeente.integrale_vragen
        assert [v.bron for v in vragen] == ["4.3"] * 3
        assert any(advies_.oordeel.value.replace("_", " ") in v.bekend for v in vragen)


def test_a_part_4_status_read_from_another_fact_says_so(bank, runner) -> None:
    """'Transparantie over toetsingscriteria en randvoorwaarden' (4.4) is no fact of a case; a
    vastgesteld beleidskader is. The status read from it names that fact and is an aanname,
    while a point the case states itself (a trekker) carries no such note."""
    resultaat = casusresultaat(bank.evalueer(maak_casus(
        beleid={"beleidskader_werkfuncties": True, "trekker_met_mandaat": True,
                "vooroverleg_principebesluit": False})))
    punten = {p.punt: p for p in resultaat.organisatie}
    transparantie = punten["toetsingscriteria"]
    assert transparantie.status == "aanwezig"
    assert transparantie.afgeleid_uit == ("Er is een vastgesteld beleidskader om "
                                          "werkfunctie-initiatieven te toetsen: ja")
    assert punten["vroegtijdige_duidelijkheid"].afgeleid_uit.endswith(": nee")
    assert punten["trekker"].status == "aanwezig" and punten["trekker"].afgeleid_uit == ""
    assert punten["rolverdeling"].afgeleid_uit == ""  # unknown: nothing was read

    casus = CASES / "utrecht" / "zadelstraat-coworking.yaml"
    uit = runner.invoke(main, ["evalueer", str(casus), "--volledig"])
    tekst = " ".join(uit.output.split())
    assert "Transparantie over toetsingscriteria en randvoorwaarden: aanwezig (aanname, uit " \
           "de casus: Er is een vastgesteld beleidskader" in tekst


def test_the_permit_step_waits_on_its_open_question_as_a_condition(bank) -> None:
    """2.D8 plays on a deviation from the omgevingsplan without vooroverleg; while vooroverleg is
    unknown the barrier is an aandachtspunt, and the gemeente's step (2.D8 aanpak 4, 'Vooroverleg
    en principebesluiten') stands beside the open question as 'Als …', not silently dropped."""
    def stappen(vooroverleg):
        uitkomst = advies(bank, "lichte_maakbedrijven",
                          beleid={"omgevingsplan": {"lichte_maakbedrijven": "afwijking_nodig"},
                                  "vooroverleg_principebesluit": vooroverleg})
        return [s for s in uitkomst.gemeente.stappen if s.aanleiding == "vergunningsprocedure"]

    (onbekend,) = stappen(None)
    assert onbekend.tekst.startswith("Als er geen vooroverleg of principebesluit is: ")
    assert onbekend.bron == "2.D8" and "principebeslissing" in onbekend.citaat
    (speelt,) = stappen(False)
    assert not speelt.tekst.startswith("Als ")
    assert stappen(True) == []
    # Where 2.D8 plays on its contexts while vooroverleg is unknown, its own step is given once.
    zonder_kader = advies(bank, "lichte_maakbedrijven", beleid={
        "omgevingsplan": {"lichte_maakbedrijven": "afwijking_nodig"},
        "gebiedsprofiel_werkfuncties": False})
    (enig,) = [s for s in zonder_kader.gemeente.stappen if s.aanleiding == "vergunningsprocedure"]
    assert not enig.tekst.startswith("Als ")


def test_a_monument_without_an_emergency_exit_asks_whether_the_status_allows_one(bank) -> None:
    """3.B5 names 'Belemmering vanuit monumentenstatus' beside fire safety 'op orde (te
    maken)'; a monument lacking an emergency exit asks whether its status obstructs adding one,
    also when it is no narrow historic building (that only 1.2.4's sport row names)."""
    toegang = "Brandveiligheid, ontsluiting, (fiets)parkeren en toegankelijkheid op orde (te " \
              "maken) voor beoogd gebruik?"

    def aanleiding(**pand):
        resultaat = casusresultaat(bank.evalueer(maak_casus(pand=pand)))
        item = next(i for fase in resultaat.checklist for i in fase.items if i.nummer == 5)
        return item.aanleiding.get(toegang, "")

    vraag = "monumentenstatus het aanbrengen van een nooduitgang belemmert"
    assert vraag in aanleiding(monument=True, smal_historisch_pand=False, nooduitgang=False)
    assert vraag not in aanleiding(monument=False, nooduitgang=False)
    assert vraag not in aanleiding(monument=True, nooduitgang=True, drempelvrij=False)

