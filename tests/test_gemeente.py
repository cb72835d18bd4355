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


def test_fit_without_barriers_is_kansrijk(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK, beleid=TOEGESTAAN)
    assert uitkomst.drempels == []
    assert uitkomst.gemeente.boodschap == "kansrijk_zonder_drempels"


def test_barrier_the_gemeente_controls_is_a_different_message_from_the_building(bank) -> None:
    beleid = advies(bank, "kantoren_coworking", pand=GEBOUW, locatie=PLEK,
                    beleid={**TOEGESTAAN, "beleidskader_werkfuncties": False})
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
    uit = runner.invoke(main, ["evalueer", str(CASES / "rotterdam")])
    assert uit.exit_code == 0
    for kop in ("Drempels:", "Wat de gemeente kan doen:", "Checklist (deel 3)",
                "beïnvloedbaarheid"):
        assert kop in uit.output
