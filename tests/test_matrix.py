"""The matrix (1.4) equals the handreiking, cell by cell, in the table and in the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import advies
from handreiking_tekst import handreiking_bestand

from kennisbank.cli import main
from kennisbank.domein import WERKFUNCTIE_NAMEN, Locatietype, Oordeel, Werkfunctie
from kennisbank.engine import standaardmap
from kennisbank.tabellen import Matrixtabel, laad_tabel

RIJNAMEN = {
    "Kantoren & co-working": Werkfunctie.KANTOREN_COWORKING,
    "Moderne makers": Werkfunctie.MODERNE_MAKERS,
    "Lichte maakbedrijven": Werkfunctie.LICHTE_MAAKBEDRIJVEN,
    "Sport & well-being": Werkfunctie.SPORT_WELLBEING,
    "Persoonlijke diensten": Werkfunctie.PERSOONLIJKE_DIENSTEN,
    "Maatschappelijke voorzieningen": Werkfunctie.MAATSCHAPPELIJKE_VOORZIENINGEN,
}


def matrix_uit_handreiking() -> dict[str, dict[str, str]]:
    """Parse the tab-separated matrix straight from handreiking.md (columns in 1.3 order)."""
    matrix: dict[str, dict[str, str]] = {}
    for regel in handreiking_bestand().read_text(encoding="utf-8").splitlines():
        cellen = regel.split("\t")
        if cellen[0] in RIJNAMEN and len(cellen) == 6:
            functie = RIJNAMEN[cellen[0]].value
            matrix[functie] = dict(zip([lt.value for lt in Locatietype], cellen[1:], strict=True))
    assert len(matrix) == 6, "matrix niet gevonden in handreiking.md"
    return matrix


def test_matrix_table_equals_handreiking_cell_by_cell() -> None:
    tabel = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel)
    verwacht = matrix_uit_handreiking()
    for functie in Werkfunctie:
        for locatietype in Locatietype:
            cel = verwacht[functie.value][locatietype.value]
            assert tabel.cellen[functie][locatietype] == cel, (functie, locatietype)


def test_matrix_json_command_equals_handreiking(runner) -> None:
    uit = runner.invoke(main, ["matrix", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    assert json.loads(uit.output) == matrix_uit_handreiking()


def test_matrix_text_command_lists_every_function(runner) -> None:
    uit = runner.invoke(main, ["matrix"])
    assert uit.exit_code == 0
    for naam in ("Kantoren", "Moderne makers", "Sport", "+++", "×"):
        assert naam in uit.output
    assert len(WERKFUNCTIE_NAMEN) == 6


LEGENDA = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel).legenda


@pytest.mark.parametrize("functie", list(Werkfunctie))
@pytest.mark.parametrize("locatietype", list(Locatietype))
def test_matrix_score_in_advies_at_most_one_step_above_its_cell(bank, functie,
                                                                 locatietype) -> None:
    # The table itself is compared with the guide above; this checks that the advies uses it
    # as a first direction: the profile can move it one step up, never more.
    verwacht = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel).cellen[functie][locatietype]
    uitkomst = advies(bank, functie, locatie={"locatietype": locatietype.value})
    assert uitkomst.matrixscore == verwacht
    startpunt = LEGENDA[verwacht].oordeel
    assert uitkomst.oordeel.rang <= min(startpunt.rang + 1, Oordeel.PASSEND.rang)
    matrixredenen = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert matrixredenen and all(r.bron == "1.4" for r in matrixredenen)


@pytest.mark.parametrize("symbool", ["+++", "++", "+", "×"])
def test_every_matrix_reason_quotes_the_legend_line_of_its_symbol(bank, symbool) -> None:
    tekst = " ".join(handreiking_bestand().read_text(encoding="utf-8").split())
    assert LEGENDA[symbool].betekenis in tekst
    cellen = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel).cellen
    functie, locatietype = next((f, lt) for f, rij in cellen.items()
                                for lt, s in rij.items() if s == symbool)
    uitkomst = advies(bank, functie, locatie={"locatietype": locatietype.value})
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert reden.citaat == LEGENDA[symbool].betekenis
    assert symbool in reden.tekst


def test_a_cross_without_any_wel_location_is_niet_passend(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "binnenstadsschil": False})
    assert uitkomst.oordeel == Oordeel.NIET_PASSEND
    assert any("in meeste situaties" in a.tekst.lower() for a in uitkomst.aannames)


def test_a_wel_location_that_holds_moves_the_cell_one_step_up(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "binnenstadsschil": True})
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert reden.grens == Oordeel.BEPERKT_PASSEND and "één stap hoger" in reden.tekst


def test_a_ceiling_the_owner_can_lift_does_not_close_the_wel_question(bank) -> None:
    """Sport under dwellings without insulation is held at beperkt passend by a Niet-row with its
    own remedy (1.2.4 'zonder bouwkundige oplossingen'). Once the owner insulates, confirming a
    centrumrand does move the matrix: the question is asked and says it counts after the
    remedy. A ceiling nobody in the case can lift (no daylight, a hard Niet-row) still closes
    it."""
    def vraag(pand):
        uitkomst = advies(bank, "sport_wellbeing",
                          pand={"verdieping": 0, **pand},
                          locatie={"locatietype": "boven_winkels_klein_middel",
                                   "kernwinkelgebied": False,
                                   "geluidgevoelige_woningen_boven_naast": True})
        assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
        return [v.vraag for v in uitkomst.open_vragen
                if v.kenmerken == ["locatie.binnenstadsschil"]]

    (zonder_isolatie,) = vraag({"geluid_trillingsisolatie": False})
    assert "één stap hoger: passend onder voorwaarden, zodra de Niet-rij is opgeheven" in (
        zonder_isolatie)
    assert "geluid- en trillingsisolatie" in zonder_isolatie
    uitkomst = advies(bank, "sport_wellbeing", pand={"verdieping": 0,
                                                     "geluid_trillingsisolatie": False},
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "kernwinkelgebied": False,
                               "geluidgevoelige_woningen_boven_naast": True})
    assert any("sluit geen deur" in a.tekst for a in uitkomst.aannames)
    assert vraag({"geluid_trillingsisolatie": True, "open_vloer": False}) == []


def test_a_step_up_says_what_it_does_to_the_verdict(bank) -> None:
    """'één stap hoger' names its effect: to passend only once the conditions are met (every
    condition caps at onder voorwaarden), and where another ceiling holds the verdict lower
    the step is no step of the verdict and the sentence says so."""
    def matrixreden(**pand):
        uitkomst = advies(bank, "persoonlijke_diensten", pand=pand,
                          locatie={"locatietype": "boven_winkels_klein_middel",
                                   "centrumstraat_dagelijkse_reuring": True})
        (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
        return uitkomst, reden.tekst

    met_voorwaarden, tekst = matrixreden(verdieping=1, entree="gedeeld",
                                         entree_zichtbaar_aan_straat=True)
    assert met_voorwaarden.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert "één stap hoger" in tekst and "passend zodra de voorwaarden vervuld zijn" in tekst
    # At street level the busy street is the Wél-location; the invisible entree (essential)
    # holds the verdict lower.
    lager, tekst = matrixreden(verdieping=0, entree_zichtbaar_aan_straat=False)
    assert lager.oordeel == Oordeel.BEPERKT_PASSEND
    assert "één stap hoger," not in tekst and "een andere grens houdt het oordeel lager" in tekst


def test_a_wel_location_that_is_unknown_is_a_question_and_a_condition_not_a_rejection(
        bank) -> None:
    uitkomst = advies(bank, "lichte_maakbedrijven", pand={"verdieping": 2},
                      locatie={"locatietype": "boven_winkels_klein_middel"})
    assert uitkomst.matrixscore == "×"
    assert uitkomst.oordeel == Oordeel.BEPERKT_PASSEND
    assert any("initiatief.kleinschalig_licht" in v.kenmerken for v in uitkomst.open_vragen)
    assert any("kleinschalig en licht maakwerk" in v.tekst for v in uitkomst.voorwaarden)


def test_an_unconfirmed_wel_location_does_not_lift_a_plus_but_asks_for_the_step_up(
        bank) -> None:
    """+ with makerszone unknown stays beperkt passend; the question names the step up, and
    confirming the row does move it (so the interview and verklaar see the fact)."""
    locatie = {"locatietype": "boven_winkels_klein_middel", "kernwinkelgebied": False}
    onbekend = advies(bank, "moderne_makers", locatie=locatie)
    assert onbekend.matrixscore == "+"
    (reden,) = [r for r in onbekend.redenen if r.regel == "matrix.score"]
    assert reden.grens == Oordeel.BEPERKT_PASSEND and "hoger" not in reden.tekst
    assert not any("Bevestigen" in v.tekst for v in onbekend.voorwaarden)
    (vraag,) = [v for v in onbekend.open_vragen if "locatie.makerszone_broedplaats" in v.kenmerken]
    assert "één stap hoger" in vraag.vraag and "passend onder voorwaarden" in vraag.vraag
    bevestigd = advies(bank, "moderne_makers",
                       locatie={**locatie, "makerszone_broedplaats": True})
    (reden,) = [r for r in bevestigd.redenen if r.regel == "matrix.score"]
    assert reden.grens == Oordeel.PASSEND_ONDER_VOORWAARDEN


def test_an_unconfirmed_wel_location_does_not_lift_a_double_plus(bank) -> None:
    locatie = {"locatietype": "aanloopstraat", "aanloopstraat_publieksfunctie": "sterk"}
    uitkomst = advies(bank, "kantoren_coworking", pand={"verdieping": 1}, locatie=locatie)
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert reden.grens == Oordeel.BEPERKT_PASSEND
    assert any("locatie.stationsgebied_ov_knooppunt" in v.kenmerken and "één stap hoger" in v.vraag
               for v in uitkomst.open_vragen)
    # In the plint the hedged Niet-row already holds the verdict at beperkt passend (1.2.1):
    # confirming the Wél-row cannot lift it, so the question that says it would is not asked.
    plint = advies(bank, "kantoren_coworking", pand={"verdieping": 0}, locatie=locatie)
    assert plint.oordeel == Oordeel.BEPERKT_PASSEND
    assert not any("locatie.stationsgebied_ov_knooppunt" in v.kenmerken
                   for v in plint.open_vragen)


def test_a_wel_location_ruled_out_by_a_known_fact_does_not_lift_a_cross(bank) -> None:
    """In the kernwinkelgebied the binnenstadsschil cannot hold (1.3.3): × stays niet passend,
    and the reason says which Wél-location is ruled out and why."""
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "kernwinkelgebied": True})
    assert uitkomst.oordeel == Oordeel.NIET_PASSEND
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert "binnenstadsschil" in reden.tekst and "kernwinkelgebied" in reden.tekst
    assert not any("locatie.binnenstadsschil" in v.kenmerken for v in uitkomst.open_vragen)
    assert any("Schakel tussen kernwinkelgebied" in a.tekst for a in uitkomst.aannames)
    onbekend = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel"})
    assert onbekend.oordeel == Oordeel.BEPERKT_PASSEND


def test_a_confirmed_wel_location_counts_even_where_an_exclusion_would_apply(bank) -> None:
    """The exclusion only decides whether an unknown row may hold; a confirmed one holds."""
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "kernwinkelgebied": True, "binnenstadsschil": True})
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.score"]
    assert reden.grens == Oordeel.BEPERKT_PASSEND


UITSLUITING = {"als": {"pad": "locatie.kernwinkelgebied", "is": True},
               "tekst": "het pand ligt in het kernwinkelgebied", "bron": "1.3.3",
               "citaat": "Schakel tussen kernwinkelgebied en omliggende woon- of werkgebieden",
               "aanname": "1.3.3: 'Schakel tussen kernwinkelgebied en omliggende woon- of "
                          "werkgebieden'."}


@pytest.mark.parametrize(("wijziging", "melding"), [
    ({"bron": "1.2.6"}, "definities van de locatietypen"),
    ({"aanname": "Het kernwinkelgebied is de kern."}, "citeert de definitie"),
    ({"als": {"pad": "locatie.bestaat_niet", "is": True}}, "onbekend kenmerk"),
])
def test_an_exclusion_rests_on_a_quoted_definition_of_the_location_types(wijziging,
                                                                         melding) -> None:
    from pydantic import ValidationError

    from kennisbank.tabellen import Uitsluiting

    Uitsluiting.model_validate(UITSLUITING)
    with pytest.raises(ValidationError, match=melding):
        Uitsluiting.model_validate({**UITSLUITING, **wijziging})


def test_only_a_wel_row_can_be_ruled_out() -> None:
    from pydantic import ValidationError

    from kennisbank.tabellen import Functieprofiel

    rij = {"id": "schil", "tekst": "Binnenstadsschil", "citaat": "binnenstadsschil",
           "als": {"pad": "locatie.binnenstadsschil", "is": True},
           "uitgesloten_als": UITSLUITING}
    profiel = {"bron": "1.2.6", "naam": "x", "voorbeelden": "x", "eisen": [], "wel": [rij],
               "niet": []}
    Functieprofiel.model_validate(profiel)
    with pytest.raises(ValidationError, match="alleen een Wél-rij"):
        Functieprofiel.model_validate({**profiel, "wel": [], "niet": [rij]})


def test_unknown_location_type_gives_null_score_a_question_and_a_condition(bank) -> None:
    uitkomst = advies(bank, "kantoren_coworking")
    assert uitkomst.matrixscore is None
    assert any("locatie.locatietype" in v.kenmerken for v in uitkomst.open_vragen)
    assert any("locatietype" in v.tekst for v in uitkomst.voorwaarden)
    assert uitkomst.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert not any("geen" in r.tekst.lower() and "passende locatie" in r.tekst
                   for r in uitkomst.redenen)


def test_outside_matrix_without_wel_location_is_at_most_beperkt(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "buiten_matrix", "binnenstadsschil": False})
    assert uitkomst.matrixscore is None
    assert uitkomst.oordeel.rang <= Oordeel.BEPERKT_PASSEND.rang
    assert any("zonder Wél-locatie" in a.tekst for a in uitkomst.aannames)


def test_outside_matrix_on_a_wel_location_reaches_onder_voorwaarden(bank) -> None:
    uitkomst = advies(bank, "maatschappelijke_voorzieningen",
                      locatie={"locatietype": "buiten_matrix", "binnenstadsschil": True})
    (reden,) = [r for r in uitkomst.redenen if r.regel == "matrix.buiten_matrix"]
    assert reden.grens == Oordeel.PASSEND_ONDER_VOORWAARDEN


def test_a_location_outside_the_inner_city_says_so_next_to_every_verdict(bank) -> None:
    for functie in Werkfunctie:
        uitkomst = advies(bank, functie, locatie={"locatietype": "buiten_matrix",
                                                  "binnenstad": False})
        assert any(r.tekst.startswith("Buiten de binnenstad") for r in uitkomst.redenen)
        assert any("gaat over de binnenstad" in a.tekst for a in uitkomst.aannames)
    binnen = advies(bank, "kantoren_coworking", locatie={"binnenstad": True})
    assert not any(r.tekst.startswith("Buiten de binnenstad") for r in binnen.redenen)


def test_a_wel_question_asks_only_facts_that_still_decide_the_row(bank) -> None:
    """'Verdieping of gemengd gebied waar geluid goed te regelen is' on floor 1: whether the area
    is mixed no longer matters, sound insulation does; each question names one fact."""
    uitkomst = advies(bank, "sport_wellbeing", pand={"verdieping": 1},
                      locatie={"locatietype": "boven_winkels_klein_middel",
                               "kernwinkelgebied": False})
    gevraagd = {k for v in uitkomst.open_vragen for k in v.kenmerken}
    assert "pand.geluid_trillingsisolatie" in gevraagd
    assert "locatie.gemengd_gebied" not in gevraagd
    (vraag,) = [v for v in uitkomst.open_vragen if v.regel == "matrix.score"
                and v.kenmerken == ["pand.geluid_trillingsisolatie"]]
    assert "één stap hoger" in vraag.vraag and "geluid goed te regelen" in vraag.vraag


def test_a_row_over_several_facts_asks_one_question_per_fact() -> None:
    from pydantic import ValidationError

    from kennisbank.tabellen import Locatiecriterium

    rij = {"id": "horeca_privacy", "tekst": "x", "bron": "1.2.6", "citaat": "privacy",
           "als": {"alle": [{"pad": "locatie.intensieve_avondhoreca_nabij", "is": True},
                            {"pad": "initiatief.privacy_nodig", "is": True}]}}
    with pytest.raises(ValidationError, match="één vraag per feit"):
        Locatiecriterium.model_validate({**rij, "vraag": "Is er horeca, en privacy?"})
    with pytest.raises(ValidationError, match="één vraag per feit"):
        Locatiecriterium.model_validate(
            {**rij, "vragen": {"locatie.intensieve_avondhoreca_nabij": "Horeca?"}})
    Locatiecriterium.model_validate(
        {**rij, "vragen": {"locatie.intensieve_avondhoreca_nabij": "Horeca?",
                           "initiatief.privacy_nodig": "Privacy?"}})


def test_outside_the_matrix_an_open_wel_row_is_not_called_possible_beside_a_fixed_niet_row(
        bank) -> None:
    """A Niet-row on what cannot change ('A-winkelstraten', 1.2.2) closes the door; saying in
    the same breath that the profile 'mogelijk' names the place as passend contradicts it."""
    gesloten = advies(bank, "moderne_makers", pand={"verdieping": 0},
                      locatie={"locatietype": "buiten_matrix", "a_winkelstraat": True})
    (reden,) = [r for r in gesloten.redenen if r.regel == "matrix.buiten_matrix"]
    assert gesloten.oordeel == Oordeel.NIET_PASSEND
    assert "mogelijk als passend" not in reden.tekst
    assert "verandert het oordeel niet" in reden.tekst
    open_ = advies(bank, "moderne_makers", pand={"verdieping": 0},
                   locatie={"locatietype": "buiten_matrix"})
    (reden,) = [r for r in open_.redenen if r.regel == "matrix.buiten_matrix"]
    assert reden.tekst.endswith("het functieprofiel noemt haar mogelijk als passend.")
