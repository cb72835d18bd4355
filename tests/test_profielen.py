"""Part 1 profile rules (1.2.x): requirements, Wél/Niet locations and the guide's exceptions."""

from __future__ import annotations

import pytest
from conftest import advies

from kennisbank.domein import Oordeel, Werkfunctie

# A ground-floor unit in an aanloopstraat (matrix ++ or +++ for most functions) that meets
# every requirement of every profile, so a single change shows its own effect.
GOED_PAND = {
    "oppervlakte_m2": 180, "vrije_hoogte_m": 4.5, "verdieping": 0, "daglicht": True,
    "entree": "eigen", "entree_zichtbaar_aan_straat": True, "vindbaar_vanaf_straat": True,
    "gevel": "transparant", "lift": True, "drempelvrij": True, "laden_lossen": "direct",
    "ventilatie_voldoende": True, "sanitair": True, "douches_kleedruimte": True,
    "geluid_trillingsisolatie": True, "robuuste_vloer": True, "elektra_voldoende": True,
    "open_vloer": True, "representatieve_uitstraling": True, "deelbaar": True,
    "diep_pand": False, "smal_historisch_pand": False, "nooduitgang": True,
    "vraaghuur_eur_m2_jaar": 100,
}
GOEDE_LOCATIE = {
    "locatietype": "gebiedsontwikkeling", "kernwinkelgebied": False, "a_winkelstraat": False,
    "woongevoelige_straat": False, "ruimte_voor_maken": True, "ontsluiting_laagfrequent": True,
    "geluidgevoelige_woningen_boven_naast": False, "intensieve_avondhoreca_nabij": False,
    "ov_nabij": True, "fietsbereikbaar": True, "parkeren_loopminuten": 3,
    "levendige_omgeving_functiemix": True, "passantenstroom": "hoog", "kiss_and_ride": True,
    "rustige_veilige_looproute": True, "centrumstraat_dagelijkse_reuring": True,
    "binnenstadsschil": True, "gemengd_gebied": True, "makerszone_broedplaats": True,
    "stationsgebied_ov_knooppunt": True,
}
GOED_INITIATIEF = {"privacy_nodig": True, "kleinschalig_licht": True, "avondgebruik": True,
                   "showroom_verkoop": True}


GOED_BELEID = {"omgevingsplan": {f.value: "toegestaan" for f in Werkfunctie}}


def goed(functie: str, pand=None, locatie=None, initiatief=None, bank=None):
    return advies(bank, functie, pand={**GOED_PAND, **(pand or {})},
                  locatie={**GOEDE_LOCATIE, **(locatie or {})},
                  initiatief={**GOED_INITIATIEF, **(initiatief or {})}, beleid=GOED_BELEID)


def test_office_in_gebiedsontwikkeling_meeting_every_wish_is_passend(bank) -> None:
    uitkomst = goed("kantoren_coworking", initiatief={"avondgebruik": False}, bank=bank)
    assert uitkomst.oordeel == Oordeel.PASSEND
    assert uitkomst.voorwaarden == [] and uitkomst.open_vragen == []


@pytest.mark.parametrize(("functie", "pand", "locatie", "initiatief", "item"), [
    ("moderne_makers", {}, {"a_winkelstraat": True}, {}, "winkelfront in een a-winkelstraat"),
    ("lichte_maakbedrijven", {}, {"a_winkelstraat": True}, {}, "a-winkelstraat"),
    ("maatschappelijke_voorzieningen", {}, {"a_winkelstraat": True}, {}, "a-winkelstraat"),
    ("maatschappelijke_voorzieningen", {}, {"intensieve_avondhoreca_nabij": True},
     {"privacy_nodig": True}, "avondhoreca"),
])
def test_a_niet_location_nobody_can_change_makes_the_function_niet_passend(
        bank, functie, pand, locatie, initiatief, item) -> None:
    uitkomst = goed(functie, pand, locatie, initiatief, bank=bank)
    assert uitkomst.oordeel == Oordeel.NIET_PASSEND
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"]
    assert any(item in r.tekst.lower() for r in niet), [r.tekst for r in niet]
    assert all(r.grens == Oordeel.NIET_PASSEND and r.bron.startswith("1.2.") for r in niet)
    # A closed door names no conditions under which the function would fit here.
    assert uitkomst.voorwaarden == []


def test_a_matrix_cross_nothing_lifts_names_no_conditions_and_says_the_shortfalls(bank) -> None:
    """Finding 17: under × with the profile's Wél-row ruled out, no listed condition lifts the
    verdict; a lift and a drempelvrije entree the pand lacks are said as what they are."""
    uitkomst = goed("maatschappelijke_voorzieningen",
                    pand={"verdieping": 1, "lift": False, "drempelvrij": False},
                    locatie={"locatietype": "boven_winkels_klein_middel",
                             "kernwinkelgebied": True, "binnenstadsschil": False,
                             "a_winkelstraat": False}, bank=bank)
    assert uitkomst.oordeel == Oordeel.NIET_PASSEND
    assert uitkomst.voorwaarden == []
    assert uitkomst.overlast is None or uitkomst.overlast.voorwaarden == []
    tekorten = [r.tekst for r in uitkomst.redenen if r.tekst.startswith("Voldoet niet aan")]
    assert any("lift" in t for t in tekorten) and any("Drempelvrij" in t for t in tekorten)
    assert all(r.grens is None for r in uitkomst.redenen if r.tekst in tekorten)
    # The trace keeps the conditions the rules concluded.
    assert any(c["feit"] == "Voorwaarde" for stap in uitkomst.spoor for c in stap.conclusies)


def test_questions_behind_a_closed_door_are_shown_apart_as_deciding_nothing(bank) -> None:
    """Finding 20: 'Is de straat woongevoelig?' cannot lift 'Niet: A-winkelstraten'."""
    locatie = {**GOEDE_LOCATIE, "a_winkelstraat": True}
    del locatie["woongevoelige_straat"], locatie["ruimte_voor_maken"]
    uitkomst = advies(bank, "moderne_makers", pand=GOED_PAND, locatie=locatie,
                      initiatief=GOED_INITIATIEF, beleid=GOED_BELEID)
    assert uitkomst.oordeel == Oordeel.NIET_PASSEND
    assert uitkomst.open_vragen == []
    gevraagd = {k for v in uitkomst.vragen_zonder_gevolg for k in v.kenmerken}
    assert "locatie.woongevoelige_straat" in gevraagd
    assert "vragen_zonder_gevolg" in uitkomst.model_dump(mode="json", exclude_defaults=False)
    # Where the door is open the same question decides, and the key stays out of the JSON.
    open_deur = advies(bank, "moderne_makers", pand=GOED_PAND,
                       locatie={**locatie, "a_winkelstraat": False},
                       initiatief=GOED_INITIATIEF, beleid=GOED_BELEID)
    assert any("locatie.woongevoelige_straat" in v.kenmerken for v in open_deur.open_vragen)
    assert "vragen_zonder_gevolg" not in open_deur.model_dump(mode="json")


def test_a_shortfall_stays_a_condition_where_the_door_is_open(bank) -> None:
    uitkomst = goed("maatschappelijke_voorzieningen",
                    pand={"verdieping": 1, "lift": False, "drempelvrij": False}, bank=bank)
    assert uitkomst.oordeel != Oordeel.NIET_PASSEND
    assert any("lift" in v.tekst.lower() for v in uitkomst.voorwaarden)
    assert not any(r.tekst.startswith("Voldoet niet aan: Goede toegankelijkheid")
                   for r in uitkomst.redenen)


@pytest.mark.parametrize(("functie", "pand", "locatie", "item", "opgelost"), [
    ("moderne_makers", {}, {"woongevoelige_straat": True, "ruimte_voor_maken": False},
     "woongevoelige straat", ({}, {"ruimte_voor_maken": True})),
    ("moderne_makers", {"laden_lossen": "geen"}, {"ontsluiting_laagfrequent": False},
     "ontsluiting", ({"laden_lossen": "nabij"}, {"ontsluiting_laagfrequent": True})),
    ("lichte_maakbedrijven", {}, {"ontsluiting_laagfrequent": False}, "ontsluiting",
     ({}, {"ontsluiting_laagfrequent": True})),
    ("sport_wellbeing", {"smal_historisch_pand": True, "nooduitgang": False}, {},
     "smal historisch pand", ({"nooduitgang": True}, {})),
    ("persoonlijke_diensten", {"vindbaar_vanaf_straat": False, "achterkant": True}, {},
     "onvindbare achterkant", ({"vindbaar_vanaf_straat": True}, {})),
    ("persoonlijke_diensten", {"gevel": "gesloten"}, {}, "gesloten gevel",
     ({"gevel": "transparant"}, {})),
])
def test_a_niet_location_the_owner_or_gemeente_can_change_is_beperkt_with_the_change(
        bank, functie, pand, locatie, item, opgelost) -> None:
    """A Niet-row on a fact the owner or the gemeente can change (``wie``) is no place where
    the function cannot go: at most beperkt passend while it stays so, the change a condition,
    and the verdict rises once it is made."""
    uitkomst = goed(functie, pand, locatie, bank=bank)
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"]
    assert [r.grens for r in niet] == [Oordeel.BEPERKT_PASSEND], [r.tekst for r in niet]
    assert item in niet[0].tekst.lower() and "zolang het zo blijft" in niet[0].tekst
    assert any(v.regel == "profiel.niet_locatie" for v in uitkomst.voorwaarden)
    # The remedy the profile also asks as a requirement (a transparent gevel) is said once.
    teksten = [v.tekst for v in uitkomst.voorwaarden]
    assert len(teksten) == len(set(teksten)), teksten
    veranderd = goed(functie, {**pand, **opgelost[0]}, {**locatie, **opgelost[1]}, bank=bank)
    assert veranderd.oordeel.rang > Oordeel.BEPERKT_PASSEND.rang
    assert not any(r.regel == "profiel.niet_locatie" for r in veranderd.redenen)


def test_a_niet_location_that_names_its_own_remedy_is_beperkt_with_that_remedy(bank) -> None:
    """1.2.4 'Niet: direct onder/naast geluidgevoelige woningen zonder bouwkundige oplossingen'
    names what lifts it, and 2.D1 asks to allow 'zonder functies bij voorbaat uit te sluiten'."""
    uitkomst = goed("sport_wellbeing", pand={"geluid_trillingsisolatie": False},
                    locatie={"geluidgevoelige_woningen_boven_naast": True}, bank=bank)
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"]
    assert [r.grens for r in niet] == [Oordeel.BEPERKT_PASSEND]
    assert "geluidgevoelige woningen" in niet[0].tekst.lower()
    assert any("isolatie" in v.tekst.lower() and v.bron == "1.2.4" for v in uitkomst.voorwaarden)
    met_isolatie = goed("sport_wellbeing", pand={"geluid_trillingsisolatie": True},
                        locatie={"geluidgevoelige_woningen_boven_naast": True}, bank=bank)
    assert met_isolatie.oordeel.rang > Oordeel.BEPERKT_PASSEND.rang


def test_a_niet_location_that_is_unknown_becomes_a_question_and_a_condition(bank) -> None:
    locatie = {"ontsluiting_laagfrequent": None, "locatietype": "semi_industrieel_pand"}
    uitkomst = goed("moderne_makers", pand={"laden_lossen": None}, locatie=locatie, bank=bank)
    assert uitkomst.matrixscore == "++"
    assert uitkomst.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert any("locatie.ontsluiting_laagfrequent" in v.kenmerken for v in uitkomst.open_vragen)
    assert any("ontsluiting" in v.tekst for v in uitkomst.voorwaarden)
    # Loading directly at the building shows it is reachable for supply: nothing left to ask.
    te_laden = goed("moderne_makers", pand={"laden_lossen": "direct"}, locatie=locatie, bank=bank)
    assert not any("locatie.ontsluiting_laagfrequent" in v.kenmerken
                   for v in te_laden.open_vragen)
    assert not any("ontsluiting" in v.tekst for v in te_laden.voorwaarden)


@pytest.mark.parametrize(("functie", "pand", "thema"), [
    ("kantoren_coworking", {"oppervlakte_m2": 60}, "Omvang minimaal 100"),
    ("lichte_maakbedrijven", {"vrije_hoogte_m": 3.2}, "Vrije hoogte minimaal 4"),
    ("lichte_maakbedrijven", {"laden_lossen": "geen"}, "Laden en lossen"),
    ("moderne_makers", {"daglicht": False}, "daglicht"),
    ("persoonlijke_diensten", {"entree_zichtbaar_aan_straat": False}, "zichtbare entree"),
])
def test_unmet_hard_requirement_lowers_to_beperkt_passend(bank, functie, pand, thema) -> None:
    uitkomst = goed(functie, pand, bank=bank)
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    assert any(thema.lower() in r.tekst.lower() and r.grens == Oordeel.BEPERKT_PASSEND
               for r in uitkomst.redenen)


@pytest.mark.parametrize(("functie", "pand", "woord"), [
    ("kantoren_coworking", {"entree": "via_winkel"}, "niet via de winkel"),
    ("kantoren_coworking", {"vraaghuur_eur_m2_jaar": 300}, "€120–€250"),
    ("kantoren_coworking", {"oppervlakte_m2": 2500}, "deelverhuur"),
    ("sport_wellbeing", {"douches_kleedruimte": False}, "douches"),
    ("lichte_maakbedrijven", {"entree": "gedeeld"}, "eigen entree"),
    # A feature the owner can add is a condition, like the lift (3.B5: 'op orde (te maken)').
    ("maatschappelijke_voorzieningen", {"drempelvrij": False}, "Drempelvrije toegang"),
    # Hedged sizes ("sterk afhankelijk van concept", "varieert sterk") are no hard minimum.
    ("sport_wellbeing", {"oppervlakte_m2": 120}, "sterk afhankelijk van het concept"),
    ("maatschappelijke_voorzieningen", {"oppervlakte_m2": 90}, "varieert sterk"),
])
def test_unmet_soft_requirement_becomes_a_condition(bank, functie, pand, woord) -> None:
    uitkomst = goed(functie, pand, bank=bank)
    assert uitkomst.oordeel.rang <= Oordeel.PASSEND_ONDER_VOORWAARDEN.rang
    assert uitkomst.oordeel != Oordeel.NIET_PASSEND
    teksten = [v.tekst for v in uitkomst.voorwaarden]
    assert any(woord in t for t in teksten), teksten


def test_a_present_installation_is_not_asked_to_be_built(bank) -> None:
    # 1.2.4 "Installaties kleedruimte/douches/sanitair" names three things; a case with sanitair
    # and without douches is asked for the douches only, and its sanitair is "voldoet".
    uitkomst = goed("sport_wellbeing", {"sanitair": True, "douches_kleedruimte": False}, bank=bank)
    teksten = [v.tekst for v in uitkomst.voorwaarden]
    assert any("Kleedruimte en douches" in t for t in teksten), teksten
    assert not any("anitair" in t for t in teksten), teksten
    assert any(r.tekst == "Voldoet aan: Sanitair." for r in uitkomst.redenen)
    onbekend = goed("sport_wellbeing", {"sanitair": None, "douches_kleedruimte": True}, bank=bank)
    assert any("pand.sanitair" in v.kenmerken for v in onbekend.open_vragen)
    assert not any("douches" in v.vraag for v in onbekend.open_vragen)


def test_unknown_requirement_is_an_open_question_never_a_silent_pass(bank) -> None:
    bekend = goed("lichte_maakbedrijven", bank=bank)
    onbekend = goed("lichte_maakbedrijven", pand={"vrije_hoogte_m": None}, bank=bank)
    assert not any("pand.vrije_hoogte_m" in v.kenmerken for v in bekend.open_vragen)
    assert any("pand.vrije_hoogte_m" in v.kenmerken for v in onbekend.open_vragen)
    assert onbekend.oordeel.rang < Oordeel.PASSEND.rang
    assert onbekend.oordeel.rang >= Oordeel.BEPERKT_PASSEND.rang


def test_unknown_differs_from_false(bank) -> None:
    nee = goed("lichte_maakbedrijven", pand={"vrije_hoogte_m": 3}, bank=bank)
    onbekend = goed("lichte_maakbedrijven", pand={"vrije_hoogte_m": None}, bank=bank)
    assert nee.oordeel == Oordeel.BEPERKT_PASSEND
    assert onbekend.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert any("pand.vrije_hoogte_m" in v.kenmerken for v in onbekend.open_vragen)
    assert not any("pand.vrije_hoogte_m" in v.kenmerken for v in nee.open_vragen)


def test_lift_is_only_required_off_the_ground_floor_and_is_a_condition(bank) -> None:
    # "Goede toegankelijkheid (lift/rolstoel)": a building feature the owner can add.
    begane_grond = goed("maatschappelijke_voorzieningen", pand={"lift": False}, bank=bank)
    verdieping = goed("maatschappelijke_voorzieningen", pand={"lift": False, "verdieping": 2},
                      bank=bank)
    assert not any("lift" in v.tekst.lower() for v in begane_grond.voorwaarden)
    assert verdieping.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert any("lift" in v.tekst.lower() for v in verdieping.voorwaarden)


@pytest.mark.parametrize("functie", ["moderne_makers", "lichte_maakbedrijven",
                                     "maatschappelijke_voorzieningen"])
def test_a_winkelstraten_reject_the_shop_front_not_the_basement(bank, functie) -> None:
    # 1.3.2: "Soms zijn ook ruimtes op -1 niveau aanwezig" — a basement under a large shop is
    # the location type 'boven of onder winkels (groot)', judged by its matrix cell.
    groot = {"a_winkelstraat": True, "locatietype": "boven_winkels_groot"}
    plint = goed(functie, pand={"verdieping": 0}, locatie=groot, bank=bank)
    kelder = goed(functie, pand={"verdieping": -1}, locatie=groot, bank=bank)
    assert plint.oordeel == Oordeel.NIET_PASSEND
    assert kelder.oordeel != Oordeel.NIET_PASSEND


@pytest.mark.parametrize(("functie", "tekst", "pand", "eigenaar", "locatie", "effect"), [
    ("maatschappelijke_voorzieningen", "Zekerheid over de huisvesting", {},
     {"zekerheid_huisvesting": False}, {}, "voorwaarde"),
    ("maatschappelijke_voorzieningen", "sterke woningbouw of vergrijzing", {}, {},
     {"sterke_woningbouw_of_vergrijzing": False}, "minpunt"),
    ("persoonlijke_diensten", "Transparante, aantrekkelijke gevel", {"gevel": "gesloten"}, {},
     {}, "voorwaarde"),
    ("persoonlijke_diensten", "Vindbaarheid (routing, etalage)",
     {"vindbaar_vanaf_straat": False}, {}, {}, "minpunt"),
    ("moderne_makers", "functionele entree", {"entree": "via_winkel"}, {}, {}, "voorwaarde"),
])
def test_profile_rows_the_review_found_missing(bank, functie, tekst, pand, eigenaar, locatie,
                                                effect) -> None:
    uitkomst = advies(bank, functie, pand={**GOED_PAND, **pand}, eigenaar=eigenaar,
                      locatie={**GOEDE_LOCATIE, **locatie}, beleid=GOED_BELEID)
    if effect == "voorwaarde":
        assert any(tekst.lower() in v.tekst.lower() for v in uitkomst.voorwaarden)
    else:
        assert any(r.tekst.startswith("Minpunt") and tekst.lower() in r.tekst.lower()
                   for r in uitkomst.redenen)


def test_light_manufacturing_exception_lifts_the_cross_on_upper_floors(bank) -> None:
    boven = {"locatietype": "boven_winkels_klein_middel", "makerszone_broedplaats": False,
             "gemengd_gebied": False}
    zonder = goed("lichte_maakbedrijven", pand={"verdieping": 1}, locatie=boven,
                  initiatief={"kleinschalig_licht": False}, bank=bank)
    met = goed("lichte_maakbedrijven", pand={"verdieping": 1}, locatie=boven,
               initiatief={"kleinschalig_licht": True}, bank=bank)
    assert zonder.matrixscore == met.matrixscore == "×"
    assert zonder.oordeel == Oordeel.NIET_PASSEND
    assert met.oordeel == Oordeel.BEPERKT_PASSEND
    (reden,) = [r for r in met.redenen if r.regel == "matrix.score"]
    # The reason that lifts the × quotes the exception 1.2.3 names to it.
    assert "'soms kleinschalig/licht op verdiepingen'" in reden.tekst
    assert any("soms kleinschalig/licht op verdiepingen" in r.citaat for r in met.redenen)


def test_the_exception_is_quoted_before_a_makerszone_that_may_hold(bank) -> None:
    """× boven winkels with both the makerszone and the exception unknown: the lift rests on
    'soms kleinschalig/licht op verdiepingen' (1.2.3), the guide's own exception to that ×."""
    boven = {"locatietype": "boven_winkels_klein_middel", "makerszone_broedplaats": None,
             "gemengd_gebied": False}
    uitkomst = goed("lichte_maakbedrijven", pand={"verdieping": 1}, locatie=boven,
                    initiatief={"kleinschalig_licht": None}, bank=bank)
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert "'soms kleinschalig/licht op verdiepingen'" in reden.tekst
    assert "makerszone" not in reden.tekst.lower()


def test_wel_location_is_a_cited_reason(bank) -> None:
    uitkomst = goed("kantoren_coworking", locatie={"stationsgebied_ov_knooppunt": True},
                    bank=bank)
    assert any(r.regel == "profiel.wel_locatie" and "OV-knooppunt" in r.tekst
               for r in uitkomst.redenen)


@pytest.mark.parametrize(("locatietype", "naam"), [
    ("semi_industrieel_pand", "Voormalig (semi-)industrieel pand"),
    ("boven_winkels_groot", "Werken boven of onder winkels (groot)")])
def test_a_wel_location_is_the_guides_indication_and_names_what_holds_here(
        bank, locatietype, naam) -> None:
    """'Leegstaand (semi-)industrieel of groot stedelijk vastgoed' is where the guide says the
    function fits, not a fact of the case (nothing says the pand is vacant): the reason says
    the profile names it, and which of its location types this pand has; the reading of
    'groot stedelijk vastgoed' as a location type is an aanname in the output."""
    uitkomst = advies(bank, "lichte_maakbedrijven", locatie={"locatietype": locatietype})
    (reden,) = [r.tekst for r in uitkomst.redenen
                if r.regel == "profiel.wel_locatie" and "stedelijk vastgoed" in r.tekst]
    assert reden.startswith("Het functieprofiel noemt als passende locatie: Leegstaand")
    if locatietype == "boven_winkels_groot":
        # Only the reading of 'groot stedelijk vastgoed' makes this type fit; the sentence says so.
        assert f"de kennisbank rekent het locatietype '{naam}' (1.3) daartoe (aanname)" in reden
    else:
        assert f"hier het locatietype '{naam}'" in reden
    assert any("Groot stedelijk vastgoed is het locatietype" in a.tekst
               for a in uitkomst.aannames)
    assert not any(r.tekst.startswith("Passende locatie") for r in uitkomst.redenen)


def test_an_unmet_wish_is_called_missing_not_a_minus_of_what_is_wished(bank) -> None:
    """'Minpunt: Deelverhuur mogelijk' read as if the possibility were the minus; an unmet
    plus point says it is not met, and 'belangrijk' (1.2.1) weighs, it does not condition."""
    uitkomst = goed("kantoren_coworking", pand={"deelbaar": False}, bank=bank)
    (reden,) = [r for r in uitkomst.redenen if "deelverhuur" in r.tekst.lower()]
    assert reden.tekst == "Minpunt, niet vervuld: Mogelijkheid tot deelverhuur (kosten delen)."
    assert reden.grens is None
    assert not any("deelverhuur" in v.tekst.lower() for v in uitkomst.voorwaarden)
    assert any("belangrijk" in a.tekst for a in uitkomst.aannames)


def test_one_fact_one_question_in_its_fullest_wording(bank) -> None:
    """Two rows that ask after the same fact ask once: the gevel (a requirement and a Niet-row
    of 1.2.5) and the isolation (sport's requirement and the Wél-row the matrix asks after, whose
    question also says what the answer does)."""
    def vragen_over(uitkomst, pad):
        return [v.vraag for v in uitkomst.open_vragen + uitkomst.drempelvragen
                if v.kenmerken == [pad]]

    kapper = advies(bank, "persoonlijke_diensten", pand={"verdieping": 0})
    assert vragen_over(kapper, "pand.gevel") == ["Is de gevel transparant of gesloten?"]
    sport = advies(bank, "sport_wellbeing", pand={"verdieping": 1},
                   locatie={"locatietype": "aanloopstraat"})
    (isolatie,) = vragen_over(sport, "pand.geluid_trillingsisolatie")
    assert "één stap hoger" in isolatie


@pytest.mark.parametrize(("verdieping", "kleinschalig", "begrensd", "voorwaarde"), [
    (0, True, True, False),    # begane grond: de werkplaats van het profiel, 4-5 meter
    (1, False, True, False),   # geen kleinschalig werk: idem
    (1, True, False, False),   # 'soms kleinschalig/licht op verdiepingen': geen hoogte genoemd
    (1, None, False, True),    # onbekend of het daarom gaat: een voorwaarde, geen grens
])
def test_the_four_metres_do_not_cap_small_light_work_on_upper_floors(
        bank, verdieping, kleinschalig, begrensd, voorwaarde) -> None:
    """1.2.3 gives the workshop 'vrije hoogte 4-5 meter' and names as its own exception 'soms
    kleinschalig/licht op verdiepingen', without a height; upper floors above shops rarely reach
    4 m, so capping there would close the door the exception opens."""
    uitkomst = advies(bank, "lichte_maakbedrijven", pand={"verdieping": verdieping,
                                                          "vrije_hoogte_m": 3.0},
                      initiatief={"kleinschalig_licht": kleinschalig})
    assert any(r.tekst == "Voldoet niet aan: Vrije hoogte minimaal 4 meter."
               for r in uitkomst.redenen) == begrensd
    assert any("Vrije hoogte minimaal 4 meter" in v.tekst
               for v in uitkomst.voorwaarden) == voorwaarde
    assert any("soms kleinschalig/licht op verdiepingen" in a.tekst and "geen hoogte" in a.tekst
               for a in uitkomst.aannames) == (begrensd or voorwaarde)


def test_sport_always_carries_the_free_height_condition_without_a_number(bank) -> None:
    uitkomst = goed("sport_wellbeing", pand={"oppervlakte_m2": 400}, bank=bank)
    assert any("vrije hoogte" in v.tekst for v in uitkomst.voorwaarden)
    assert uitkomst.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN


def test_assumptions_are_in_the_output(bank) -> None:
    uitkomst = goed("kantoren_coworking", pand={"oppervlakte_m2": 2500}, bank=bank)
    assert any("1.000 m²" in a.tekst for a in uitkomst.aannames)


def test_a_rent_below_the_price_indication_is_its_own_finding(bank) -> None:
    uitkomst = advies(bank, "persoonlijke_diensten", pand={"vraaghuur_eur_m2_jaar": 110})
    teksten = [r.tekst for r in uitkomst.redenen]
    assert not any("Voldoet aan: Huur" in t for t in teksten)
    assert any("€110" in t and "onder de prijsindicatie" in t and "€150–€200" in t
               for t in teksten)
    # The line cites the price band (1.2.5), which says nothing of a rent barrier: it claims none.
    (onder,) = [r for r in uitkomst.redenen if "onder de prijsindicatie" in r.tekst]
    assert (onder.bron, onder.citaat) == ("1.2.5", "€150-€200 per m2 per jaar")
    assert "huurdrempel" not in onder.tekst
    assert "huuropbrengst" not in {d.id for d in uitkomst.drempels}
    assert any("onder de prijsindicatie" in a.tekst for a in uitkomst.aannames)
    binnen = advies(bank, "persoonlijke_diensten", pand={"vraaghuur_eur_m2_jaar": 180})
    assert any(r.tekst.startswith("Voldoet aan: Huur binnen") for r in binnen.redenen)


def test_the_entrance_rows_claim_only_what_they_test(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      pand={"drempelvrij": False, "entree_zichtbaar_aan_straat": True})
    voldaan = [r.tekst for r in uitkomst.redenen if r.tekst.startswith("Voldoet aan")]
    assert not any("rempelvrij" in t for t in voldaan)
    maker = advies(bank, "lichte_maakbedrijven", pand={"entree": "eigen", "laden_lossen": "geen"})
    assert not any("laden" in r.tekst for r in maker.redenen
                   if r.tekst.startswith("Voldoet aan"))


#: Case facts a requirement's text may name without testing them, and why.
NIET_GETOETST_MAG = {
    "pand.entree": "een zichtbare of herkenbare entree veronderstelt een entree",
    "initiatief.geluid_trillingen": "'geluid en trillingen beheersen' is wat de isolatie doet",
    "initiatief.bezoekers_per_dag": "'bezoekers van buiten de stad' noemt voor wie parkeren telt",
}


def test_a_met_requirement_claims_only_what_its_criterion_tests() -> None:
    """'Voldoet aan: <tekst>' must be true of the case: the text names no case fact (by all the
    words of its field name) that neither 'voldaan' nor 'geldt_als' reads."""
    import re

    from kennisbank.casus import kenmerkpaden

    def woorden(pad: str) -> set[str]:
        return {w for w in pad.rsplit(".", 1)[-1].split("_") if len(w) >= 4 and not w.isdigit()}

    from kennisbank.engine import standaardmap
    from kennisbank.tabellen import Profieltabel, laad_tabel

    profielen = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel).profielen
    ongetoetst = []
    for functie, profiel in profielen.items():
        for eis in profiel.eisen:
            gelezen = set(eis.voldaan.paden()) | set(eis.geldt_als.paden() if eis.geldt_als
                                                     else ())
            tekst = set(re.findall(r"[a-zà-ÿ0-9]+", eis.tekst.lower()))
            ongetoetst += [(functie.value, eis.id, pad) for pad in kenmerkpaden()
                           if pad not in gelezen and pad not in NIET_GETOETST_MAG
                           and woorden(pad) and woorden(pad) <= tekst]
    assert ongetoetst == []


#: Requirement rows whose quote names a case fact the row does not test, and why.
CITAAT_NOEMT_MAG = {
    ("maatschappelijke_voorzieningen", "omvang_maximaal", "pand.deelbaar"):
        "'vaak deelbaar' draagt de voorwaarde van de rij (de vloer delen)",
}


def test_a_requirement_quotes_only_what_its_criterion_tests() -> None:
    """The quote beside 'Voldoet aan: <tekst>' supports that conclusion and no more: it names no
    case fact (each word of the field name, allowing an inflection of two letters, as in
    'drempelvrije') that the row does not read. Quoting the whole bullet "Drempelvrije,
    herkenbare entree; goed toegankelijk" beside a met 'herkenbare entree' claimed drempelvrij
    of a case that was not; the check on the quote's wording alone cannot see that."""
    import re

    from kennisbank.casus import kenmerkpaden
    from kennisbank.engine import standaardmap
    from kennisbank.tabellen import Profieltabel, laad_tabel

    def woorden(pad: str) -> set[str]:
        return {w for w in pad.rsplit(".", 1)[-1].split("_") if len(w) >= 4 and not w.isdigit()}

    def genoemd(woord: str, citaat: list[str]) -> bool:
        return any(t.startswith(woord) and len(t) - len(woord) <= 2 for t in citaat)

    profielen = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel).profielen
    te_veel = []
    for functie, profiel in profielen.items():
        for eis in profiel.eisen:
            gelezen = set(eis.voldaan.paden()) | set(eis.geldt_als.paden() if eis.geldt_als
                                                     else ())
            citaat = re.findall(r"[a-zà-ÿ0-9]+", eis.citaat.lower())
            te_veel += [(functie.value, eis.id, pad) for pad in kenmerkpaden()
                        if pad not in gelezen and pad not in NIET_GETOETST_MAG
                        and (functie.value, eis.id, pad) not in CITAAT_NOEMT_MAG
                        and woorden(pad) and all(genoemd(w, citaat) for w in woorden(pad))]
    assert te_veel == []


def test_a_floor_that_is_hard_to_find_is_no_onvindbare_achterkant(bank) -> None:
    """'Niet: Onvindbare achterkanten' needs a back side; a street-side floor that is hard to
    find misses 'Vindbaarheid (routing, etalage)', a minus point, and is not rejected."""
    uitkomst = goed("persoonlijke_diensten", {"vindbaar_vanaf_straat": False,
                                              "achterkant": False}, {}, {}, bank=bank)
    assert uitkomst.oordeel != Oordeel.NIET_PASSEND
    assert not any("achterkant" in r.tekst.lower() for r in uitkomst.redenen)
    assert any(r.tekst.startswith("Minpunt") and "Vindbaarheid" in r.tekst
               for r in uitkomst.redenen)


@pytest.mark.parametrize("horeca", [True, False, None])
@pytest.mark.parametrize("privacy", [True, False, None])
def test_evening_horeca_rejects_only_with_both_facts_known(bank, horeca, privacy) -> None:
    """1.2.6 'Niet: … directe nabijheid intensieve avondhoreca als privacy nodig is' needs both
    facts: the horeca in the directe nabijheid and the need for privacy. An unknown of either
    is an open question about that fact and a condition, never a rejection."""
    uitkomst = goed("maatschappelijke_voorzieningen",
                    locatie={"intensieve_avondhoreca_nabij": horeca},
                    initiatief={"privacy_nodig": privacy, "werkfunctie":
                                "maatschappelijke_voorzieningen"}, bank=bank)
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"
            and "avondhoreca" in r.tekst]
    gevraagd = {k for v in uitkomst.open_vragen for k in v.kenmerken}
    if horeca is True and privacy is True:
        assert uitkomst.oordeel == Oordeel.NIET_PASSEND and niet
        assert "directe nabijheid" in niet[0].tekst.lower()
        return
    assert uitkomst.oordeel != Oordeel.NIET_PASSEND and not niet
    beslist = False in (horeca, privacy)
    assert ("locatie.intensieve_avondhoreca_nabij" in gevraagd) == (
        horeca is None and not beslist)
    assert ("initiatief.privacy_nodig" in gevraagd) == (privacy is None and not beslist)
    assert any("avondhoreca" in v.tekst for v in uitkomst.voorwaarden) == (
        None in (horeca, privacy) and not beslist)


@pytest.mark.parametrize("functie", ["moderne_makers", "lichte_maakbedrijven"])
@pytest.mark.parametrize(("gebiedsprofiel", "oordeel"), [
    (True, Oordeel.NIET_PASSEND), (False, Oordeel.BEPERKT_PASSEND),
    (None, Oordeel.BEPERKT_PASSEND)])
def test_no_room_for_maken_rejects_only_where_a_gebiedsprofiel_decided(
        bank, functie, gebiedsprofiel, oordeel) -> None:
    """Room for 'maken' is the gemeente's to give; where its gebiedsprofiel already fixes which
    work functions fit here (2.D7) and the street gives none, it has refused it: niet passend,
    quoting the gebiedsprofiel. Without one, or while that is unknown, it is a condition."""
    beleid = {**GOED_BELEID, **({} if gebiedsprofiel is None
                                else {"gebiedsprofiel_werkfuncties": gebiedsprofiel})}
    uitkomst = advies(bank, functie, pand=GOED_PAND, initiatief=GOED_INITIATIEF, beleid=beleid,
                      locatie={**GOEDE_LOCATIE, "woongevoelige_straat": True,
                               "ruimte_voor_maken": False})
    assert uitkomst.oordeel == oordeel
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie" and r.grens]
    assert [r.grens for r in niet] == [oordeel], [r.tekst for r in niet]
    gebiedsprofiel_reden = [r for r in uitkomst.redenen if r.bron == "2.D7"
                            and "gebiedsprofiel" in r.tekst and "vastgelegd" in r.citaat]
    voorwaarde = [v for v in uitkomst.voorwaarden if "ruimte voor 'maken'" in v.tekst]
    gevraagd = [v for v in uitkomst.open_vragen
                if "beleid.gebiedsprofiel_werkfuncties" in v.kenmerken]
    if gebiedsprofiel:
        assert gebiedsprofiel_reden and not voorwaarde
    else:
        assert not gebiedsprofiel_reden and voorwaarde
        assert bool(gevraagd) == (gebiedsprofiel is None)


ACHTERKANT = {"achterkant": True, "vindbaar_vanaf_straat": False}


@pytest.mark.parametrize(("entree_zichtbaar", "oordeel"), [
    (False, Oordeel.NIET_PASSEND), (None, Oordeel.BEPERKT_PASSEND),
    (True, Oordeel.BEPERKT_PASSEND)])
def test_an_unfindable_back_rejects_only_where_its_entree_cannot_face_the_street(
        bank, entree_zichtbaar, oordeel) -> None:
    """Routing can make a unit at the back findable, not its entree visible at the street,
    which 1.2.5 calls essential: with the entree known not to be visible the row holds on what
    is fixed (niet passend); while that is unknown it stays beperkt and asks."""
    pand = {**GOED_PAND, **ACHTERKANT, "entree_zichtbaar_aan_straat": entree_zichtbaar}
    uitkomst = advies(bank, "persoonlijke_diensten", pand=pand, locatie=GOEDE_LOCATIE,
                      initiatief=GOED_INITIATIEF, beleid=GOED_BELEID)
    assert uitkomst.oordeel == oordeel
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie" and r.grens]
    assert [r.grens for r in niet] == [oordeel], [r.tekst for r in niet]
    essentieel = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie"
                  and r.citaat == "Direct zichtbare entree aan straat essentieel"]
    assert bool(essentieel) == (entree_zichtbaar is False)
    gevraagd = [v for v in uitkomst.open_vragen
                if "pand.entree_zichtbaar_aan_straat" in v.kenmerken]
    assert bool(gevraagd) == (entree_zichtbaar is None)


def test_a_unit_at_the_back_gets_no_passers_by_and_no_adaptation_to_the_street(bank) -> None:
    """The passers-by pass the front building, not a unit at the back; and no adaptation brings
    an entree at the back to the street, so 2.D6 asks none. At the street both stay."""
    beleid = GOED_BELEID
    achter = advies(bank, "persoonlijke_diensten", beleid=beleid, initiatief=GOED_INITIATIEF,
                    pand={**GOED_PAND, **ACHTERKANT, "entree_zichtbaar_aan_straat": False},
                    locatie={**GOEDE_LOCATIE, "passantenstroom": "gemiddeld"},
                    eigenaar={"investeringsruimte": "beperkt"})
    teksten = [r.tekst for r in achter.redenen]
    assert "Voldoet aan: Passantenstroom helpt (C-locaties kunnen ook)." not in teksten
    assert "Minpunt, niet vervuld: Passantenstroom helpt (C-locaties kunnen ook)." in teksten
    assert not any("zichtbare entree" in r.tekst for d in achter.drempels for r in d.redenen)
    voor = advies(bank, "persoonlijke_diensten", beleid=beleid, initiatief=GOED_INITIATIEF,
                  pand={**GOED_PAND, "achterkant": False, "entree_zichtbaar_aan_straat": False},
                  locatie={**GOEDE_LOCATIE, "passantenstroom": "gemiddeld"},
                  eigenaar={"investeringsruimte": "beperkt"})
    assert "Voldoet aan: Passantenstroom helpt (C-locaties kunnen ook)." in [
        r.tekst for r in voor.redenen]
    assert any("zichtbare entree" in r.tekst for d in voor.drempels for r in d.redenen)


def test_a_maatschappelijke_voorziening_asks_a_recognisable_entree_not_one_at_the_street(
        bank) -> None:
    """1.2.6 asks 'Drempelvrije, herkenbare entree', not an entree at the street."""
    uitkomst = advies(bank, "maatschappelijke_voorzieningen", beleid=GOED_BELEID,
                      initiatief=GOED_INITIATIEF, locatie=GOEDE_LOCATIE,
                      pand={**GOED_PAND, "entree_zichtbaar_aan_straat": False})
    teksten = [v.tekst for v in uitkomst.voorwaarden]
    assert "Een herkenbare entree" in teksten
    assert not any("aan de straat" in t for t in teksten), teksten


SMAL_ZONDER_NOODUITGANG = {"smal_historisch_pand": True, "nooduitgang": False,
                           "monument": True}


@pytest.mark.parametrize(("aan_te_brengen", "oordeel"), [
    (False, Oordeel.NIET_PASSEND), (None, Oordeel.BEPERKT_PASSEND),
    (True, Oordeel.BEPERKT_PASSEND)])
def test_a_narrow_building_without_emergency_exit_rejects_only_where_none_can_be_added(
        bank, aan_te_brengen, oordeel) -> None:
    """Whether a narrow historic building (often a monument) can get an emergency exit is not
    taken for granted (3.B5 'op orde (te maken)'): asked while unknown, a rejection where it is
    known that none can be added, a condition where one can."""
    pand = {**GOED_PAND, **SMAL_ZONDER_NOODUITGANG, "nooduitgang_aan_te_brengen": aan_te_brengen}
    uitkomst = goed("sport_wellbeing", pand, bank=bank)
    assert uitkomst.oordeel == oordeel
    niet = [r for r in uitkomst.redenen if r.regel == "profiel.niet_locatie" and r.grens]
    assert [r.grens for r in niet] == [oordeel], [r.tekst for r in niet]
    assert bool([r for r in uitkomst.redenen if r.bron == "3.B5"]) == (aan_te_brengen is False)
    gevraagd = [v for v in uitkomst.open_vragen
                if "pand.nooduitgang_aan_te_brengen" in v.kenmerken]
    assert bool(gevraagd) == (aan_te_brengen is None)
    nooduitgang = [v for v in uitkomst.voorwaarden if "nooduitgang" in v.tekst.lower()]
    assert bool(nooduitgang) == (aan_te_brengen is not False)


def test_a_narrow_building_names_only_the_shortfall_it_has(bank) -> None:
    """With good ventilation the narrow building lacks only its emergency exit: no reason,
    condition or barrier speaks of ventilation, and the profile's 'goede ventilatie' is met."""
    uitkomst = goed("sport_wellbeing", {**SMAL_ZONDER_NOODUITGANG, "ventilatie_voldoende": True},
                    bank=bank)
    teksten = [r.tekst for r in uitkomst.redenen] + [v.tekst for v in uitkomst.voorwaarden] + [
        r.tekst for d in uitkomst.drempels for r in d.redenen]
    ventilatie = [t for t in teksten if "ventilatie" in t.lower()]
    assert ventilatie == ["Voldoet aan: Goede ventilatie en klimaatbeheersing."], ventilatie
    assert any("zonder nooduitgang" in t for t in teksten)
    beide = goed("sport_wellbeing", {**SMAL_ZONDER_NOODUITGANG, "ventilatie_voldoende": False},
                 bank=bank)
    niet = [r.tekst for r in beide.redenen if r.regel == "profiel.niet_locatie" and r.grens]
    assert len(niet) == 2 and any("ventilatie" in t for t in niet), niet


@pytest.mark.parametrize("casus", ["zadelstraat-coworking", "oudegracht-bovenverdieping"])
def test_stored_narrow_monuments_ask_whether_an_emergency_exit_can_be_added(
        bank, casus) -> None:
    from conftest import CASES

    from kennisbank.advies import casusresultaat
    from kennisbank.casuslader import laad_casus

    geladen = laad_casus(CASES / "utrecht" / f"{casus}.yaml")
    (sport,) = casusresultaat(bank.evalueer(geladen.casus, [Werkfunctie.SPORT_WELLBEING])
                              ).adviezen
    assert sport.oordeel == Oordeel.BEPERKT_PASSEND
    assert any("pand.nooduitgang_aan_te_brengen" in v.kenmerken for v in sport.open_vragen)
    ventilatie_goed = geladen.casus.pand.ventilatie_voldoende is True
    assert ventilatie_goed == (casus == "zadelstraat-coworking")
    niet = [r.tekst for r in sport.redenen if r.regel == "profiel.niet_locatie" and r.grens]
    assert any("ventilatie" in t for t in niet) != ventilatie_goed, niet


@pytest.mark.parametrize(("entree", "stap"), [("gedeeld", True), ("eigen", True),
                                              ("via_winkel", False)])
def test_a_floor_fits_personal_services_when_directly_accessible_not_for_its_street(
        bank, entree, stap) -> None:
    """1.2.5 'Wél: aanloopstraten en centrumstraten met dagelijkse reuring, direct toegankelijke
    en zichtbare verdieping': the streets name a place at street level; a floor above a busy
    street is a fitting place when it is itself directly accessible and visible."""
    uitkomst = advies(bank, "persoonlijke_diensten",
                      pand={"verdieping": 1, "entree": entree, "entree_zichtbaar_aan_straat": True},
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "centrumstraat_dagelijkse_reuring": True})
    (matrix,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert ("één stap hoger" in matrix.tekst) == stap
    assert "centrumstraat" not in matrix.tekst
    assert not any("Centrumstraat met dagelijkse reuring" in r.tekst for r in uitkomst.redenen)


def test_a_niet_row_that_half_holds_shows_the_reading_that_keeps_it_out(bank) -> None:
    """'Niet: A-winkelstraten' (1.2.2) read as the shop fronts at street level: on an upper
    floor of an A-winkelstraat the row does not hold, and the advisor sees on what reading."""
    boven = advies(bank, "moderne_makers", pand={"verdieping": 2},
                   locatie={"a_winkelstraat": True})
    assert any("winkelfronten op straatniveau" in a.tekst for a in boven.aannames)
    elders = advies(bank, "moderne_makers", pand={"verdieping": 2},
                    locatie={"a_winkelstraat": False})
    assert not any("winkelfronten op straatniveau" in a.tekst for a in elders.aannames)
