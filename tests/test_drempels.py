"""The thirteen barriers (2.D1 … 2.D13): catalogue equals the guide; each plays when it should."""

from __future__ import annotations

import re

import pytest
from conftest import advies
from handreiking_tekst import handreiking_bestand, staat_in_handreiking

from kennisbank.engine import standaardmap
from kennisbank.tabellen import Drempeltabel, laad_tabel

CATALOGUS = laad_tabel(standaardmap() / "drempels.yaml", Drempeltabel)


def beinvloedbaarheid_uit_readme() -> dict[str, str]:
    """The barrier table of shared/handreiking/README.md: key → beïnvloedbaarheid."""
    tabel = {}
    for regel in handreiking_bestand("README.md").read_text(encoding="utf-8").splitlines():
        cellen = [c.strip() for c in regel.strip("|").split("|")]
        if len(cellen) == 4 and re.fullmatch(r"2\.D\d+", cellen[0]):
            tabel[cellen[0]] = cellen[3]
    assert len(tabel) == 13
    return tabel


def aanpakken_uit_handreiking() -> list[list[str]]:
    """Numbered headings under each 'Hoe kan hiermee worden omgegaan?', in order."""
    tekst = handreiking_bestand().read_text(encoding="utf-8")
    tekst = tekst.split("Checklist: aan de slag")[0]
    secties = tekst.split("Hoe kan hiermee worden omgegaan?")[1:]
    resultaat = []
    for sectie in secties:
        sectie = re.split(r"^#+ Context$|^\*\*“|^\*\*\"|^\*\*\*“", sectie, flags=re.M)[0]
        resultaat.append(re.findall(r"^#{2,6}\s*\d+\.\s+(.+?)\s*$", sectie, flags=re.M))
    return resultaat


def test_catalogue_has_thirteen_barriers_with_the_guides_beinvloedbaarheid() -> None:
    readme = beinvloedbaarheid_uit_readme()
    assert [d.bron for d in CATALOGUS.drempels] == [f"2.D{i}" for i in range(1, 14)]
    for drempel in CATALOGUS.drempels:
        assert drempel.beinvloedbaarheid == readme[drempel.bron], drempel.id


def test_every_numbered_approach_of_the_guide_is_in_the_catalogue() -> None:
    uit_tekst = aanpakken_uit_handreiking()
    assert len(uit_tekst) == 13
    for drempel, titels in zip(CATALOGUS.drempels, uit_tekst, strict=True):
        assert [a.titel for a in drempel.aanpak] == titels, drempel.id


@pytest.mark.parametrize("drempel", CATALOGUS.drempels, ids=lambda d: d.id)
def test_every_catalogue_text_is_verbatim(drempel) -> None:
    for tekst in [drempel.citaat, drempel.context, drempel.beinvloedbaarheid_toelichting,
                  *drempel.speelt_vooral]:
        assert staat_in_handreiking(tekst), tekst
    for stap in drempel.aanpak:
        assert staat_in_handreiking(stap.titel) and staat_in_handreiking(stap.tekst)
        assert stap.bron == drempel.bron


# Per barrier: the function to evaluate, the case sections where it plays, and the change that
# makes it not play.
GEVALLEN = {
    "overlast": ("sport_wellbeing", {"locatie": {"geluidgevoelige_woningen_boven_naast": True}},
                 {"locatie": {"geluidgevoelige_woningen_boven_naast": False,
                              "grote_woonfunctie": True}}, "kantoren_coworking"),
    "praktische_bezwaren": ("lichte_maakbedrijven", {
        "pand": {"laden_lossen": "geen"}, "initiatief": {"werkfunctie": "lichte_maakbedrijven"}},
        {"pand": {"laden_lossen": "direct"},
         "initiatief": {"werkfunctie": "lichte_maakbedrijven"}}, None),
    "huuropbrengst": ("kantoren_coworking", {"pand": {"vraaghuur_eur_m2_jaar": 320}},
                      {"pand": {"vraaghuur_eur_m2_jaar": 200}}, None),
    "investeringskosten": ("sport_wellbeing", {"beleid": {"meerdere_beleidseisen": True},
                                               "eigenaar": {"investeringsruimte": "beperkt"}},
                           {"beleid": {"meerdere_beleidseisen": True},
                            "eigenaar": {"investeringsruimte": "ruim"}}, None),
    "beleidskader": ("kantoren_coworking", {"beleid": {
        "gebiedsprofiel_werkfuncties": False,
        "omgevingsplan": {"kantoren_coworking": "afwijking_nodig"}}}, {"beleid": {
            "gebiedsprofiel_werkfuncties": True,
            "omgevingsplan": {"kantoren_coworking": "afwijking_nodig"}}}, None),
    "vergunningsprocedure": (
        "sport_wellbeing", {"beleid": {"omgevingsplan": {"sport_wellbeing": "afwijking_nodig"},
                                       "vooroverleg_principebesluit": False}},
        {"beleid": {"omgevingsplan": {"sport_wellbeing": "afwijking_nodig"},
                    "vooroverleg_principebesluit": True}}, None),
    "omgevingsplan": (
        "moderne_makers", {"beleid": {"omgevingsplan": {"moderne_makers": "niet_toegestaan"}}},
        {"beleid": {"omgevingsplan": {"moderne_makers": "toegestaan"}}}, None),
    "capaciteit_gemeente": ("kantoren_coworking", {"beleid": {"capaciteit_begeleiding": False}},
                            {"beleid": {"capaciteit_begeleiding": True}}, None),
    "beeld_makelaars": ("moderne_makers", {"markt": {"makelaars_kennen_werkfuncties": False}},
                        {"markt": {"makelaars_kennen_werkfuncties": True}}, None),
    "onbekendheid_eigenaar": (
        "lichte_maakbedrijven", {"eigenaar": {"ervaring_met_werkfuncties": False}},
        {"eigenaar": {"ervaring_met_werkfuncties": True}}, None),
    # On the ground floor: on an upper floor small, light work names no height (1.2.3).
    "pand_ongeschikt": ("lichte_maakbedrijven", {"pand": {"vrije_hoogte_m": 3.0, "verdieping": 0}},
                        {"pand": {"vrije_hoogte_m": 4.5, "verdieping": 0}}, None),
}


#: Barriers no fact of a concrete case makes play: 2.D3 'Bedrijven op een bedrijventerrein
#: verplaatsen niet naar de binnenstad' is about companies that do not consider the city, while
#: the initiative is one that does; its contexts are aandachtspunten (AANDACHTSPUNTEN below).
ALLEEN_AANDACHTSPUNT = {"verplaatsing_bedrijventerrein",
                        # 2.D4 'onvoldoende zicht op vraag en aanbod': both facts the case knows
                        # (no monitoring, a new function) are contexts it 'vooral' plays in.
                        "zicht_vraag_aanbod"}


def test_every_barrier_has_a_case() -> None:
    assert set(GEVALLEN) | ALLEEN_AANDACHTSPUNT == {d.id for d in CATALOGUS.drempels}
    assert not set(GEVALLEN) & ALLEEN_AANDACHTSPUNT


@pytest.mark.parametrize("drempel_id", sorted(GEVALLEN))
def test_barrier_plays_with_reason_and_approach_and_not_without_trigger(bank, drempel_id) -> None:
    functie, speelt, speelt_niet, andere_functie = GEVALLEN[drempel_id]
    met = advies(bank, functie, **speelt)
    zonder = advies(bank, functie, **speelt_niet)
    gevonden = {d.id: d for d in met.drempels}
    assert drempel_id in gevonden, [d.id for d in met.drempels]
    drempel = gevonden[drempel_id]
    catalogus = next(d for d in CATALOGUS.drempels if d.id == drempel_id)
    assert drempel.beinvloedbaarheid == catalogus.beinvloedbaarheid
    assert drempel.redenen and all(r.bron == catalogus.bron and r.regel for r in drempel.redenen)
    assert drempel.aanpak and all(a.bron == catalogus.bron for a in drempel.aanpak)
    assert drempel_id not in {d.id for d in zonder.drempels}
    if andere_functie:
        assert drempel_id not in {d.id for d in advies(bank, andere_functie, **speelt).drempels}


def test_chain_from_requirement_to_barrier_is_in_the_trace(bank) -> None:
    uitkomst = advies(bank, "lichte_maakbedrijven", pand={"vrije_hoogte_m": 3.0, "verdieping": 0})
    stappen = {s.regel: s for s in uitkomst.spoor}
    eis = next(s for s in uitkomst.spoor if s.regel == "profiel.eis"
               and any(c.get("eis") == "vrije_hoogte" for c in s.conclusies))
    assert any(f.get("pad") == "pand.vrije_hoogte_m" and f["waarde"] == 3.0 for f in eis.feiten)
    eistoets = next(c for c in eis.conclusies if c["feit"] == "Eistoets")
    drempel = stappen["drempel.pand_ongeschikt"]
    assert eistoets["id"] in {f["id"] for f in drempel.feiten}
    drempelfeit = next(c for c in drempel.conclusies if c["feit"] == "Drempel")
    aanpak = [s for s in uitkomst.spoor if s.regel == "drempel.aanpak"
              and drempelfeit["id"] in {f["id"] for f in s.feiten}]
    assert aanpak, "de aanpak volgt niet uit de drempel"


def test_omgevingsplan_leads_to_permit_barrier_as_the_guide_says(bank) -> None:
    uitkomst = advies(bank, "sport_wellbeing",
                      beleid={"omgevingsplan": {"sport_wellbeing": "niet_toegestaan"},
                              "vooroverleg_principebesluit": False})
    assert {"omgevingsplan", "vergunningsprocedure"} <= {d.id for d in uitkomst.drempels}
    assert any("planwijziging" in v.tekst for v in uitkomst.voorwaarden)


def test_unknown_omgevingsplan_is_a_question_not_a_barrier(bank) -> None:
    uitkomst = advies(bank, "sport_wellbeing")
    assert "omgevingsplan" not in {d.id for d in uitkomst.drempels}
    assert any("beleid.omgevingsplan.sport_wellbeing" in v.kenmerken
               for v in uitkomst.open_vragen)


def test_approach_with_unmet_applicability_is_left_out(bank) -> None:
    gedwongen = advies(bank, "lichte_maakbedrijven", initiatief={
        "herkomst": "bedrijventerrein", "verplaatsingsreden": "gedwongen"})
    eigen = advies(bank, "lichte_maakbedrijven", initiatief={
        "herkomst": "bedrijventerrein", "verplaatsingsreden": "eigen_keuze"})
    # A company moving in from a bedrijventerrein is an aandachtspunt of 2.D3, with its approaches.
    nummers = {d.id: [a.nummer for a in d.aanpak] for d in gedwongen.aandachtspunten}
    assert 3 in nummers["verplaatsing_bedrijventerrein"]
    assert 3 not in {d.id: [a.nummer for a in d.aanpak]
                     for d in eigen.aandachtspunten}["verplaatsing_bedrijventerrein"]


def test_a_deep_building_is_never_a_barrier_and_an_aandachtspunt_only_in_retail_property(
        bank) -> None:
    """1.2.5 'Bij voorkeur niet te diepe panden' is a wish: a minpunt, never a barrier that
    plays. 2.D13's 'Deze panden zijn vaak smal, diep' are shop buildings; robust property (a
    former industrial building, a department store, a building in an area development) is
    what approach 4 calls better suited, so there a deep building is not even an aandachtspunt."""
    for functie in ("kantoren_coworking", "sport_wellbeing", "persoonlijke_diensten"):
        winkelstraat = advies(bank, functie, pand={"diep_pand": True},
                              locatie={"locatietype": "aanloopstraat"})
        assert "pand_ongeschikt" not in {d.id for d in winkelstraat.drempels}, functie
        (punt,) = [d for d in winkelstraat.aandachtspunten if d.id == "pand_ongeschikt"]
        assert [r.tekst for r in punt.redenen] == ["Het pand is diep."]
        for robuust in ("gebiedsontwikkeling", "semi_industrieel_pand"):
            uitkomst = advies(bank, functie, pand={"diep_pand": True},
                              locatie={"locatietype": robuust})
            assert "pand_ongeschikt" not in {
                d.id for d in uitkomst.drempels + uitkomst.aandachtspunten}, (functie, robuust)
    diensten = advies(bank, "persoonlijke_diensten", pand={"diep_pand": True},
                      locatie={"locatietype": "aanloopstraat"})
    assert any(r.tekst.startswith("Minpunt, niet vervuld: Bij voorkeur niet te diep")
               for r in diensten.redenen), [r.tekst for r in diensten.redenen]


def test_alternative_building_types_are_not_recommended_to_one_that_already_is(bank) -> None:
    laag = {"vrije_hoogte_m": 3.0, "verdieping": 0}
    hal = advies(bank, "lichte_maakbedrijven", pand=laag,
                 locatie={"locatietype": "semi_industrieel_pand"})
    winkel = advies(bank, "lichte_maakbedrijven", pand=laag,
                    locatie={"locatietype": "aanloopstraat"})

    def nummers(uitkomst):
        return [a.nummer for d in uitkomst.drempels if d.id == "pand_ongeschikt"
                for a in d.aanpak]

    assert 4 not in nummers(hal) and 4 in nummers(winkel)


@pytest.mark.parametrize("eigenaar", [{"investeringsruimte": "ruim"}, {}])
def test_policy_demands_weigh_against_the_owners_investment_room(bank, eigenaar) -> None:
    """2.D6 'De investeringskosten zijn te hoog': several policy ambitions at once is where it
    'speelt vooral'; an owner with ample (or unknown) room makes it an aandachtspunt that says
    so, and 'Strategische aankopen' ('In situaties waar marktpartijen niet instappen') is not
    offered to a market party with ample room, and only as 'als het past' while unknown."""
    uitkomst = advies(bank, "kantoren_coworking", beleid={"meerdere_beleidseisen": True},
                      eigenaar={"soort": "belegger", **eigenaar,
                                "combinatie_rendabele_functie_mogelijk": True})
    assert "investeringskosten" not in {d.id for d in uitkomst.drempels}
    (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "investeringskosten"]
    (tekst,) = [r.tekst for r in punt.redenen]
    ruimte = ("ruime investeringsruimte" if eigenaar
              else "investeringsruimte van de eigenaar is onbekend")
    assert ruimte in tekst and "combinatie met rendabelere functies is mogelijk" in tekst
    aankoop = [a for a in punt.aanpak if a.nummer == 3]
    assert (aankoop == []) == bool(eigenaar)
    assert all(a.onzeker for a in aankoop)
    if not eigenaar:
        assert any("eigenaar.investeringsruimte" in v.kenmerken for v in uitkomst.drempelvragen)


# Per context the guide names ("speelt vooral …"): function and case where it holds.
AANDACHTSPUNTEN = {
    "2.D3 nieuw bedrijf": ("verplaatsing_bedrijventerrein", "lichte_maakbedrijven",
                           {"initiatief": {"herkomst": "nieuw_bedrijf"}}),
    "2.D4 nieuwe werkfunctie": ("zicht_vraag_aanbod", "moderne_makers", {}),
    "2.D4 geen monitoring": ("zicht_vraag_aanbod", "kantoren_coworking",
                             {"beleid": {"monitoring_werkfuncties": False}}),
    "2.D5 beperkte flexibiliteit": ("huuropbrengst", "kantoren_coworking",
                                    {"pand": {"samenvoegbaar": False}}),
    "2.D8 geen beleidskader": ("vergunningsprocedure", "sport_wellbeing",
                               {"beleid": {"gebiedsprofiel_werkfuncties": False}}),
    "2.D8 geen vastgesteld beleidskader": ("vergunningsprocedure", "sport_wellbeing",
                                           {"beleid": {"beleidskader_werkfuncties": False}}),
    "2.D8 gevoelige functie": ("vergunningsprocedure", "sport_wellbeing", {"initiatief": {
        "werkfunctie": "sport_wellbeing", "bestuurlijk_gevoelig": True}}),
    "2.D10 afwijkend initiatief": ("capaciteit_gemeente", "sport_wellbeing", {"beleid": {
        "omgevingsplan": {"sport_wellbeing": "afwijking_nodig"}}}),
    "2.D10 geen uitvoeringsprioriteit": ("capaciteit_gemeente", "kantoren_coworking", {
        "beleid": {"werken_in_binnenstad_prioriteit": False}}),
    "2.D10 hoge druk woningbouw": ("capaciteit_gemeente", "kantoren_coworking",
                                   {"beleid": {"hoge_druk_woningbouw_vergunningen": True}}),
    "2.D13 retail": ("pand_ongeschikt", "kantoren_coworking",
                     {"locatie": {"kernwinkelgebied": True}}),
    "2.D13 diep pand": ("pand_ongeschikt", "sport_wellbeing", {
        "pand": {"diep_pand": True}, "locatie": {"locatietype": "aanloopstraat"}}),
    "2.D5 hoge huurdruk, vraaghuur onbekend": ("huuropbrengst", "kantoren_coworking",
                                               {"locatie": {"kernwinkelgebied": True}}),
    "2.D6 meerdere beleidsambities": ("investeringskosten", "sport_wellbeing",
                                      {"beleid": {"meerdere_beleidseisen": True}}),
    "2.D8 afwijking, vooroverleg onbekend": ("vergunningsprocedure", "sport_wellbeing", {
        "beleid": {"omgevingsplan": {"sport_wellbeing": "afwijking_nodig"}}}),
}


@pytest.mark.parametrize("naam", sorted(AANDACHTSPUNTEN))
def test_a_context_the_guide_names_is_an_aandachtspunt_shown_apart(bank, naam) -> None:
    drempel_id, functie, secties = AANDACHTSPUNTEN[naam]
    uitkomst = advies(bank, functie, **secties)
    punten = {d.id: d for d in uitkomst.aandachtspunten}
    assert drempel_id in punten, [d.id for d in uitkomst.aandachtspunten]
    punt = punten[drempel_id]
    catalogus = next(d for d in CATALOGUS.drempels if d.id == drempel_id)
    assert punt.sterkte == "aandachtspunt"
    assert all(r.citaat in catalogus.speelt_vooral or r.citaat in catalogus.context
               for r in punt.redenen), [r.citaat for r in punt.redenen]
    assert all(d.sterkte == "speelt" for d in uitkomst.drempels)
    if drempel_id != "vergunningsprocedure":
        assert drempel_id not in {d.id for d in uitkomst.drempels}
    zonder = advies(bank, "persoonlijke_diensten" if functie == "moderne_makers" else functie)
    assert drempel_id not in {d.id for d in zonder.aandachtspunten}


def test_a_signal_on_a_context_the_guide_names_is_an_aandachtspunt() -> None:
    """A 'Deze drempel speelt vooral: …' bullet is a context, not the barrier itself: a signal
    that quotes one is an aandachtspunt, or says in an aanname why it makes the barrier play."""
    spelend = [(d.bron, s.id) for d in CATALOGUS.drempels for s in d.signalen
               if s.citaat in d.speelt_vooral and s.sterkte != "aandachtspunt" and not s.aanname]
    assert spelend == []


def test_an_aandachtspunt_does_not_change_the_message_for_the_gemeente(bank) -> None:
    basis = {"pand": {"oppervlakte_m2": 400, "verdieping": 2, "entree": "eigen",
                      "representatieve_uitstraling": True, "vraaghuur_eur_m2_jaar": 180},
             "locatie": {"locatietype": "boven_winkels_groot"}}
    zonder = advies(bank, "kantoren_coworking", **basis)
    met = advies(bank, "kantoren_coworking", **{**basis, "locatie": {
        **basis["locatie"], "kernwinkelgebied": True, "historisch_fijnmazig": True}})
    assert {d.id for d in met.aandachtspunten} == {"pand_ongeschikt"}
    assert met.gemeente.boodschap == zonder.gemeente.boodschap
    assert met.oordeel == zonder.oordeel


def test_a_plan_that_allows_the_function_is_said_with_the_passage_about_allowing(bank) -> None:
    """'Het omgevingsplan staat de functie toe' quotes 2.D9 on what a function that is not
    allowed needs, not the general context of the barrier."""
    uitkomst = advies(bank, "kantoren_coworking",
                      beleid={"omgevingsplan": {"kantoren_coworking": "toegestaan"}})
    (reden,) = [r for r in uitkomst.redenen if r.regel == "drempel.omgevingsplan"]
    assert "staat de functie toe" in reden.tekst and reden.bron == "2.D9"
    assert "toegestaan" in reden.citaat and staat_in_handreiking(reden.citaat)


# --- 2.D7 is about assessing an initiative the omgevingsplan does not already allow ----------

GEEN_KADER = {"gebiedsprofiel_werkfuncties": False, "beleidskader_werkfuncties": False}


@pytest.mark.parametrize(("toelating", "verwacht"), [
    ("toegestaan", None), ("afwijking_nodig", "speelt"), ("niet_toegestaan", "speelt"),
    (None, "aandachtspunt")])
def test_2d7_plays_only_where_the_omgevingsplan_does_not_allow_the_function(
        bank, toelating, verwacht) -> None:
    """'We hebben geen duidelijk beleidskader om dit initiatief te toetsen' (2.D7): where the
    plan allows the function there is nothing to assess; while the plan is unknown the missing
    frame is an aandachtspunt that says what stays open."""
    plan = {"omgevingsplan": {"kantoren_coworking": toelating}} if toelating else {}
    uitkomst = advies(bank, "kantoren_coworking", beleid={**GEEN_KADER, **plan})
    speelt = [d for d in uitkomst.drempels if d.id == "beleidskader"]
    punt = [d for d in uitkomst.aandachtspunten if d.id == "beleidskader"]
    gevraagd = [v for v in uitkomst.drempelvragen if v.bron == "2.D7"]
    assert (bool(speelt), bool(punt)) == (verwacht == "speelt", verwacht == "aandachtspunt")
    if verwacht is None:
        assert any("om dit initiatief te toetsen" in a.tekst for a in uitkomst.aannames)
    if verwacht == "aandachtspunt":
        assert "omgevingsplan" in punt[0].redenen[-1].tekst
    # With the plan allowing the function, the frame cannot decide 2.D7: it is not asked.
    zonder_feiten = advies(bank, "kantoren_coworking", beleid=plan)
    assert bool([v for v in zonder_feiten.drempelvragen if v.bron == "2.D7"]) == (
        toelating != "toegestaan")
    assert not gevraagd


def test_2d8_names_only_the_policy_frame_the_case_says_is_missing(bank) -> None:
    """'in gebieden zonder duidelijke beleidskaders' (2.D8): with only the gebiedsprofiel known
    to be missing, the reason does not say there is no vastgesteld beleidskader."""
    for kader in (None, True):
        uitkomst = advies(bank, "kantoren_coworking", beleid={
            "gebiedsprofiel_werkfuncties": False, "beleidskader_werkfuncties": kader})
        (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "vergunningsprocedure"]
        teksten = [r.tekst for r in punt.redenen]
        assert teksten == ["Er is geen gebiedsprofiel dat benoemt welke werkfuncties hier "
                           "passen."], teksten


@pytest.mark.parametrize("eigenaar", [
    {"lange_historie_een_functie": True}, {"voorbeelden_in_omgeving": False},
    {"lange_historie_een_functie": True, "voorbeelden_in_omgeving": False,
     "ervaring_met_werkfuncties": True}])
def test_2d12_context_alone_is_an_aandachtspunt(bank, eigenaar) -> None:
    """'Deze drempel speelt vooral: … bij panden met een lange historie van één functie; wanneer
    concrete voorbeelden in de directe omgeving ontbreken' (2.D12): contexts of the building and
    the street, not the owner's unfamiliarity itself."""
    uitkomst = advies(bank, "lichte_maakbedrijven", eigenaar=eigenaar)
    assert "onbekendheid_eigenaar" not in {d.id for d in uitkomst.drempels}
    (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "onbekendheid_eigenaar"]
    catalogus = next(d for d in CATALOGUS.drempels if d.id == "onbekendheid_eigenaar")
    assert all(r.citaat in catalogus.speelt_vooral for r in punt.redenen)
    zonder_ervaring = advies(bank, "lichte_maakbedrijven",
                             eigenaar={**eigenaar, "ervaring_met_werkfuncties": False})
    assert "onbekendheid_eigenaar" in {d.id for d in zonder_ervaring.drempels}


def test_2d1_says_when_it_rests_on_a_context_wider_than_the_guides(bank) -> None:
    """2.D1 'manifesteert zich vooral: een grote woonfunctie; beperkte openbare ruimte; eerdere
    spanningen tussen functies'. Homes directly above are not in that list: where they raise
    the risk, the reason labels it and the advies states the aanname."""
    uitkomst = advies(bank, "moderne_makers",
                      locatie={"geluidgevoelige_woningen_boven_naast": True})
    (drempel,) = [d for d in uitkomst.aandachtspunten if d.id == "overlast"]
    (reden,) = drempel.redenen
    assert "aanname: buiten de context van 2.D1" in reden.tekst
    assert staat_in_handreiking(reden.citaat) and reden.citaat.startswith("Door de hoge")
    assert any("verbreding" in a.tekst for a in uitkomst.aannames)
    binnen = advies(bank, "moderne_makers", locatie={"grote_woonfunctie": True})
    (reden,) = [r for d in binnen.aandachtspunten if d.id == "overlast" for r in d.redenen]
    assert "aanname" not in reden.tekst and reden.citaat == "een grote woonfunctie"
    assert not any("verbreding" in a.tekst for a in binnen.aannames)


def test_a_new_company_in_a_stored_case_is_an_aandachtspunt_of_2d3(bank) -> None:
    """rotterdam-m4h: a new meubelmakerij considering the inner city is where 2.D3 sees the
    potential, not a company that does not move: an aandachtspunt quoting the guide's bullet."""
    from conftest import CASES

    from kennisbank.advies import casusresultaat
    from kennisbank.casuslader import laad_casus
    from kennisbank.domein import Werkfunctie

    casus = laad_casus(CASES / "rotterdam" / "m4h-vierhavensstraat-meubelmakerij.yaml").casus
    assert casus.initiatief.herkomst == "nieuw_bedrijf"
    (maak,) = casusresultaat(bank.evalueer(casus, [Werkfunctie.LICHTE_MAAKBEDRIJVEN])).adviezen
    assert "verplaatsing_bedrijventerrein" not in {d.id for d in maak.drempels}
    (punt,) = [d for d in maak.aandachtspunten if d.id == "verplaatsing_bedrijventerrein"]
    assert punt.redenen[0].citaat.startswith("nieuwe bedrijven die zich oriënteren")


@pytest.mark.parametrize(("pand", "gezegd", "niet_gezegd"), [
    ({"deelbaar": False}, "niet worden opgedeeld", "samengevoegd"),
    ({"samenvoegbaar": False}, "niet worden samengevoegd", "opgedeeld"),
])
def test_2d5_flexibility_names_only_what_the_case_says(bank, pand, gezegd, niet_gezegd) -> None:
    """'bij panden met beperkte flexibiliteit' (2.D5): a building that cannot be divided is not
    thereby one that cannot be merged or extended; the reason says only the known shortfall."""
    uitkomst = advies(bank, "kantoren_coworking", pand=pand)
    (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "huuropbrengst"]
    teksten = " ".join(r.tekst for r in punt.redenen)
    assert gezegd in teksten and niet_gezegd not in teksten


def test_2d10_names_the_function_not_an_initiative_the_case_does_not_have(bank) -> None:
    uitkomst = advies(bank, "sport_wellbeing",
                      beleid={"omgevingsplan": {"sport_wellbeing": "afwijking_nodig"}})
    (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "capaciteit_gemeente"]
    assert all("initiatief" not in r.tekst.lower() for r in punt.redenen)


def test_strategic_purchase_keeps_its_proviso_where_the_owner_has_little_room(bank) -> None:
    """2.D6 aanpak 3 holds 'In situaties waar marktpartijen niet instappen of versnipperd
    eigendom transformatie belemmert'; no case fact says either, so even beside an owner with
    little room it is offered only 'als het past'."""
    uitkomst = advies(bank, "sport_wellbeing", pand={"douches_kleedruimte": False},
                      eigenaar={"soort": "particulier", "investeringsruimte": "beperkt"})
    (drempel,) = [d for d in uitkomst.drempels if d.id == "investeringskosten"]
    (aankoop,) = [a for a in drempel.aanpak if a.nummer == 3]
    assert aankoop.onzeker
    assert all(not a.onzeker for a in drempel.aanpak if a.nummer != 3)


def test_2d8_is_no_concern_for_a_function_the_plan_already_allows(bank) -> None:
    """2.D8 is 'de (verwachte) duur en onzekerheid van vergunningprocedures'; a function the
    omgevingsplan allows needs no such procedure, even in an area without a gebiedsprofiel."""
    beleid = {"gebiedsprofiel_werkfuncties": False}
    toegestaan = advies(bank, "kantoren_coworking", beleid={
        **beleid, "omgevingsplan": {"kantoren_coworking": "toegestaan"}})
    onbekend = advies(bank, "kantoren_coworking", beleid=beleid)
    assert "vergunningsprocedure" not in {d.id for d in toegestaan.aandachtspunten
                                          + toegestaan.drempels}
    assert "vergunningsprocedure" in {d.id for d in onbekend.aandachtspunten}


@pytest.mark.parametrize(("kader", "speelt"), [
    ({"gebiedsprofiel_werkfuncties": False}, True),
    ({"beleidskader_werkfuncties": False}, True),
    ({"gebiedsprofiel_werkfuncties": True}, False),
    ({}, False),
])
def test_2d8_plays_on_a_deviation_in_an_area_without_a_clear_framework(bank, kader,
                                                                       speelt) -> None:
    """2.D8 'manifesteert zich vooral: bij initiatieven die afwijken van het bestaande
    planologisch regime; in gebieden zonder duidelijke beleidskaders'. Both known: it plays,
    and whether there is vooroverleg (the approach that removes the uncertainty) stays a
    question; the deviation alone, with vooroverleg unknown, is an aandachtspunt."""
    uitkomst = advies(bank, "sport_wellbeing", beleid={
        **kader, "omgevingsplan": {"sport_wellbeing": "afwijking_nodig"}})
    assert ("vergunningsprocedure" in {d.id for d in uitkomst.drempels}) == speelt
    assert ("vergunningsprocedure" in {d.id for d in uitkomst.aandachtspunten}) == (not speelt)
    assert any("beleid.vooroverleg_principebesluit" in v.kenmerken
               for v in uitkomst.drempelvragen + uitkomst.open_vragen)
    if speelt:
        (drempel,) = [d for d in uitkomst.drempels if d.id == "vergunningsprocedure"]
        assert all("onbekend" not in r.tekst for r in drempel.redenen)


def test_the_priority_of_2d10_is_not_asked_once_the_capacity_is_known_present(bank) -> None:
    """Finding 22: 2.D10 is the lack of capacity; the missing priority only a context in which
    it shows. With capacity known present the priority decides nothing: not asked, and a
    known 'no priority' raises no aandachtspunt; with capacity unknown it is still asked."""
    def uitkomst(**beleid):
        return advies(bank, "kantoren_coworking", beleid=beleid)

    def prioriteit_gevraagd(a) -> bool:
        return any("beleid.werken_in_binnenstad_prioriteit" in v.kenmerken
                   for v in [*a.drempelvragen, *a.open_vragen])

    met_capaciteit = uitkomst(capaciteit_begeleiding=True)
    assert not prioriteit_gevraagd(met_capaciteit)
    assert prioriteit_gevraagd(uitkomst())
    zonder_prioriteit = uitkomst(capaciteit_begeleiding=True, werken_in_binnenstad_prioriteit=False)
    assert not any(d.id == "capaciteit_gemeente"
                   for d in [*zonder_prioriteit.drempels, *zonder_prioriteit.aandachtspunten])
    assert any(d.id == "capaciteit_gemeente" for d in uitkomst(
        werken_in_binnenstad_prioriteit=False).aandachtspunten)


def test_a_makerszone_answers_2d12s_question_after_examples_nearby(bank) -> None:
    """Finding 21: a makerszone is a place with working functions around; the question is not
    asked there (an aanname says so), but a case that says there are none is still read."""
    def uitkomst(**locatie):
        return advies(bank, "moderne_makers", locatie=locatie)

    def gevraagd(a) -> bool:
        return any("eigenaar.voorbeelden_in_omgeving" in v.kenmerken
                   for v in [*a.drempelvragen, *a.open_vragen, *a.vragen_zonder_gevolg])

    zone = uitkomst(makerszone_broedplaats=True)
    assert not gevraagd(zone)
    assert any("makerszone" in a.tekst and "voorbeelden" in a.tekst for a in zone.aannames)
    assert gevraagd(uitkomst())
    expliciet = advies(bank, "moderne_makers", locatie={"makerszone_broedplaats": True},
                       eigenaar={"voorbeelden_in_omgeving": False})
    assert any(d.id == "onbekendheid_eigenaar" for d in expliciet.aandachtspunten)
