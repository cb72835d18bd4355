"""Location types: their definitions from 1.3, and a case that names more than one."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CASES, opgeslagen_verklaring
from handreiking_tekst import handreiking_bestand, normaliseer

from kennisbank.advies import (
    GUNSTIGSTE_LOCATIETYPE,
    Advies,
    Locatietypeoordeel,
    advies_voor,
    als_json,
    casusresultaat,
)
from kennisbank.casus import Casus
from kennisbank.casuslader import laad_casus, laad_casussen, met_wijzigingen
from kennisbank.cli import main
from kennisbank.domein import (
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import laad_regelbank
from kennisbank.interview import standen
from kennisbank.labels import oordeel_label
from kennisbank.sjabloon import sjabloon


def _sectie(kop: str) -> str:
    """The text of one '## ' section of the guide, up to the next heading."""
    tekst = handreiking_bestand().read_text(encoding="utf-8")
    delen = re.split(r"^#+ ", tekst, flags=re.MULTILINE)
    (sectie,) = [d for d in delen if d.startswith(kop + "\n")]
    return normaliseer(sectie)


@pytest.mark.parametrize("locatietype", list(Locatietype))
def test_each_definition_is_quoted_from_its_own_section_of_1_3(locatietype) -> None:
    assert LOCATIETYPE_BRONNEN[locatietype] == f"1.3.{list(Locatietype).index(locatietype) + 1}"
    definitie = LOCATIETYPE_DEFINITIES[locatietype]
    assert normaliseer(definitie) in _sectie(LOCATIETYPE_NAMEN[locatietype]), definitie


def test_kennis_shows_each_definition(runner) -> None:
    uit = runner.invoke(main, ["kennis", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    locatietypen = json.loads(uit.output)["locatietypen"]
    for lt in Locatietype:
        assert locatietypen[lt.value] == {"naam": LOCATIETYPE_NAMEN[lt],
                                          "bron": LOCATIETYPE_BRONNEN[lt],
                                          "definitie": LOCATIETYPE_DEFINITIES[lt]}
    tekst = runner.invoke(main, ["kennis"], env={"COLUMNS": "400"}).output
    for lt in Locatietype:
        assert LOCATIETYPE_DEFINITIES[lt] in tekst


def test_the_field_description_schema_and_template_carry_each_definition(runner) -> None:
    beschrijving = Casus.model_json_schema()["$defs"]["Locatie"]["properties"]["locatietype"][
        "description"]
    schema = runner.invoke(main, ["schema"]).output
    sjabloontekst = " ".join(r.removeprefix("  # ").strip()
                             for r in sjabloon("x", "Utrecht").splitlines())
    for lt in Locatietype:
        verwijzing = f'{lt.value} ({LOCATIETYPE_BRONNEN[lt]}): "{LOCATIETYPE_DEFINITIES[lt]}"'
        assert verwijzing in beschrijving
        assert LOCATIETYPE_DEFINITIES[lt] in json.loads(schema)["$defs"]["Locatie"][
            "properties"]["locatietype"]["description"]
        assert verwijzing in sjabloontekst
    assert "ook_locatietypen" in json.loads(schema)["$defs"]["Locatie"]["properties"]


def _casus(tmp_path, locatie: dict) -> str:
    bestand = tmp_path / "casus.yaml"
    regels = ["id: test", "gemeente: Utrecht", "locatie:"]
    regels += [f"  {k}: {json.dumps(v)}" for k, v in locatie.items()]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return str(bestand)


@pytest.mark.parametrize(("locatie", "veld", "melding"), [
    ({"locatietype": "boven_winkels_klein_middel",
      "ook_locatietypen": ["aanloopstraat", "aanloopstraat"]},
     "locatie.ook_locatietypen", "aanloopstraat staat er meer dan eens in"),
    ({"locatietype": "aanloopstraat", "ook_locatietypen": ["aanloopstraat"]},
     "locatie.ook_locatietypen", "aanloopstraat is al het locatietype"),
    ({"ook_locatietypen": ["aanloopstraat"]},
     "locatie.ook_locatietypen", "noem eerst het best passende type in locatietype"),
    ({"locatietype": "buiten_matrix", "ook_locatietypen": ["aanloopstraat"]},
     "locatie.ook_locatietypen", "locatietype is buiten_matrix"),
    ({"locatietype": "aanloopstraat", "ook_locatietypen": ["buiten_matrix"]},
     "locatie.ook_locatietypen[0]", "kies uit 'boven_winkels_klein_middel'"),
    ({"locatietype": "aanloopstraat", "ook_locatietypen": ["winkelstraat"]},
     "locatie.ook_locatietypen[0]", "kies uit"),
    ({"locatietype": "aanloopstraat", "ook_locatietypen": "boven_winkels_klein_middel"},
     "locatie.ook_locatietypen", "verwacht een lijst"),
    ({"locatietype": "aanloopstraat", "ook_locatietype": ["boven_winkels_klein_middel"]},
     "locatie.ook_locatietype", "bedoelde u 'ook_locatietypen'?"),
])
@pytest.mark.parametrize("commando", ["evalueer", "regressie"])
def test_invalid_further_location_types_exit_2_naming_file_and_field(
        runner, tmp_path, locatie, veld, melding, commando) -> None:
    bestand = _casus(tmp_path, locatie)
    uit = runner.invoke(main, [commando, bestand])
    assert uit.exit_code == 2, uit.output
    regels = [r for r in uit.output.splitlines() if r.strip()]
    assert len(regels) == 1 and "Traceback" not in uit.output, uit.output
    assert bestand in regels[0] and f"{veld}: " in regels[0] and melding in regels[0], regels[0]


@pytest.mark.parametrize("ook", [[], None])
def test_an_empty_list_names_no_further_type(ook) -> None:
    casus = Casus.model_validate({"id": "x", "gemeente": "Utrecht", "locatie": {
        "locatietype": "aanloopstraat", "ook_locatietypen": ook}})
    assert casus.locatie.ook_locatietypen is None


# --- Evaluation under each named location type ------------------------------------------------

BANK = laad_regelbank()
GELADEN = laad_casussen([CASES])


def _matrixtypen(casus: Casus) -> list[Locatietype]:
    return [lt for lt in Locatietype if lt != casus.locatie.locatietype]


@pytest.mark.parametrize("geladen", GELADEN, ids=lambda g: g.casus.id)
def test_per_type_verdicts_equal_separate_evaluations_with_that_type(geladen) -> None:
    """Every stored case with a matrix type, read also as two other types: the verdict listed
    under each type is the verdict of the case evaluated with that type alone, and the headline
    is the most favourable of them (the primary type on a tie)."""
    casus = geladen.casus
    if casus.locatie.locatietype not in list(Locatietype):
        pytest.skip("geen matrixtype: daarnaast kan geen ander type genoemd worden")
    ook = casus.locatie.ook_locatietypen or tuple(_matrixtypen(casus)[:2])
    meervoudig = met_wijzigingen(casus, [("locatie.ook_locatietypen", [lt.value for lt in ook])])
    resultaat = casusresultaat(BANK.evalueer(meervoudig))
    primair = Locatietype(str(casus.locatie.locatietype))
    for advies in resultaat.adviezen:
        per_type = advies.oordeel_per_locatietype
        assert per_type is not None
        assert [p.locatietype for p in per_type] == [primair, *ook]
        assert [p.primair for p in per_type] == [True] + [False] * len(ook)
        voorwaarden = {}
        for regel in per_type:
            los = met_wijzigingen(casus, [("locatie.locatietype", regel.locatietype.value),
                                          ("locatie.ook_locatietypen", None)])
            (apart,) = casusresultaat(BANK.evalueer(los, [advies.werkfunctie])).adviezen
            assert (regel.oordeel, regel.matrixscore) == (apart.oordeel, apart.matrixscore)
            assert regel.bron == LOCATIETYPE_BRONNEN[regel.locatietype]
            voorwaarden[regel.locatietype] = len(apart.voorwaarden)
        # Of equal verdicts, the one resting on the fewest conditions, then the primary type.
        beste = max(per_type, key=lambda p: (p.oordeel.rang, -voorwaarden[p.locatietype]))
        assert advies.oordeel == beste.oordeel
        assert advies.locatietype == beste.locatietype.value
        _controleer_kop(advies, per_type)


def _controleer_kop(advies: Advies, per_type: list[Locatietypeoordeel]) -> None:
    """The reason that names the type the headline comes from, when it is not the primary."""
    assert any(a.regel == GUNSTIGSTE_LOCATIETYPE for a in advies.aannames)
    kopregels = [r for r in advies.redenen if r.regel == GUNSTIGSTE_LOCATIETYPE]
    if advies.locatietype == per_type[0].locatietype.value:
        assert not kopregels
        return
    (reden,) = kopregels
    gelezen = Locatietype(advies.locatietype)
    assert reden.bron == LOCATIETYPE_BRONNEN[gelezen]
    assert reden.citaat == LOCATIETYPE_DEFINITIES[gelezen]
    primair = per_type[0]
    gelijk = primair.oordeel == advies.oordeel
    assert reden.tekst == (
        f"Als het pand als {LOCATIETYPE_NAMEN[gelezen].lower()} wordt gelezen "
        f"({LOCATIETYPE_BRONNEN[gelezen]}), geldt dit oordeel"
        f"{' onder de minste voorwaarden' if gelijk else ''}; als "
        f"{LOCATIETYPE_NAMEN[primair.locatietype].lower()} ({primair.bron}), het primaire type, "
        f"is het {'ook ' if gelijk else ''}{oordeel_label(primair.oordeel)}"
        f"{', onder meer voorwaarden' if gelijk else ''}.")
    assert reden.grens is None
    assert per_type[0].oordeel.rang <= advies.oordeel.rang


def test_one_location_type_keeps_the_advies_as_it_was() -> None:
    """A case naming one type: each advies is the advies of that one evaluation, with no
    table per type, so the JSON of every stored case stays byte for byte what it was."""
    for geladen in [g for g in GELADEN if not g.casus.locatie.ook_locatietypen]:
        evaluatie = BANK.evalueer(geladen.casus)
        assert evaluatie.ook == ()
        resultaat = casusresultaat(evaluatie)
        for advies in resultaat.adviezen:
            assert advies == advies_voor(evaluatie, advies.werkfunctie)
            assert "oordeel_per_locatietype" not in advies.model_dump(mode="json")
        for advies in json.loads(als_json([resultaat]))[0]["adviezen"]:
            assert "oordeel_per_locatietype" not in advies


# --- Output for people, verklaar and the interview ---------------------------------------------

TWEE_TYPEN = CASES / "utrecht" / "biltstraat-verdieping-twee-locatietypen.yaml"
EEN_TYPE = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"


@pytest.mark.parametrize("formaat", ["tekst", "markdown", "html"])
def test_the_table_per_type_shows_only_when_more_than_one_type_is_named(runner, formaat) -> None:
    een = runner.invoke(main, ["evalueer", str(EEN_TYPE), "--format", formaat])
    twee = runner.invoke(main, ["evalueer", str(TWEE_TYPEN), "--format", formaat],
                         env={"COLUMNS": "100"})
    assert een.exit_code == twee.exit_code == 0, (een.output, twee.output)
    assert "Oordeel per locatietype" not in een.output
    assert "Oordeel per locatietype" in twee.output
    tabel = twee.output.split("Oordeel per locatietype", 1)[1]
    # Maatschappelijke voorzieningen: × under 1.3.1, ++ as aanloopstraat; the verdict is the
    # latter's. Persoonlijke diensten: the same verdict under both, so the primary's, unmarked.
    (maatschappelijk,) = [r for r in tabel.splitlines() if "Maatschappelijke" in r][:1]
    assert "beperkt passend" in maatschappelijk and "passend onder voorwaarden" in maatschappelijk
    assert maatschappelijk.rstrip().removesuffix("</td></tr>").removesuffix(" |").endswith("*")
    (persoonlijk,) = [r for r in tabel.splitlines() if "Persoonlijke diensten" in r][:1]
    assert "*" not in persoonlijk
    for lt in (Locatietype.BOVEN_WINKELS_KLEIN_MIDDEL, Locatietype.AANLOOPSTRAAT):
        eerste_woorden = " ".join(LOCATIETYPE_DEFINITIES[lt].split()[:4])
        assert eerste_woorden in tabel


def test_verklaar_says_which_type_the_verdict_and_tree_come_from(runner) -> None:
    uit = runner.invoke(main, ["verklaar", str(TWEE_TYPEN), "--functie",
                               "maatschappelijke_voorzieningen", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    verklaring = json.loads(uit.output)
    assert verklaring["oordeel"] == "passend_onder_voorwaarden"
    assert verklaring["gelezen_als"] == "aanloopstraat"
    assert [(r["locatietype"], r["oordeel"]) for r in verklaring["oordeel_per_locatietype"]] == [
        ("boven_winkels_klein_middel", "beperkt_passend"),
        ("aanloopstraat", "passend_onder_voorwaarden")]

    def invoer(knoop: dict) -> list[str]:
        eigen = [knoop["tekst"]] if knoop["soort"] == "invoer" else []
        return eigen + [t for kind in knoop["onderbouwing"] for t in invoer(kind)]

    assert "locatie.locatietype = aanloopstraat" in invoer(verklaring["waarom"])
    tekst = runner.invoke(main, ["verklaar", str(TWEE_TYPEN), "--functie",
                                 "maatschappelijke_voorzieningen"], env={"COLUMNS": "200"})
    assert "komen van het locatietype Aanloopstraat (1.3.3" in tekst.output


def test_verklaar_of_one_type_has_no_table_per_type() -> None:
    verklaring = opgeslagen_verklaring(EEN_TYPE, Werkfunctie.PERSOONLIJKE_DIENSTEN)
    assert verklaring.gelezen_als is None
    data = json.loads(verklaring.model_dump_json())
    assert "gelezen_als" not in data and "oordeel_per_locatietype" not in data


def test_the_interview_follows_the_verdict_over_the_types() -> None:
    casus = laad_casus(TWEE_TYPEN).casus
    adviezen = {a.werkfunctie: a.oordeel for a in casusresultaat(BANK.evalueer(casus)).adviezen}
    assert {f: s.oordeel for f, s in standen(BANK.evalueer(casus)).items()} == adviezen


def test_on_equal_verdicts_the_advies_is_that_of_the_type_it_does_not_rest_on_a_wel_row() -> None:
    """Biltstraat, lichte maak: beperkt passend under 1.3.1 only while a Wél-row may hold (×
    lifted), under 1.3.3 without it (+). The advies is the aanloopstraat's, so no sentence says
    the verdict rests on a Wél-row it does not need."""
    (geladen,) = [g for g in GELADEN
                  if g.casus.id == "utrecht-biltstraat-verdieping-twee-locatietypen"]
    (advies,) = [a for a in casusresultaat(BANK.evalueer(geladen.casus)).adviezen
                 if a.werkfunctie == Werkfunctie.LICHTE_MAAKBEDRIJVEN]
    assert advies.oordeel == Oordeel.BEPERKT_PASSEND
    assert (advies.locatietype, advies.matrixscore) == ("aanloopstraat", "+")
    teksten = [r.tekst for r in [*advies.redenen, *advies.voorwaarden]] + [
        v.vraag for v in advies.open_vragen]
    assert not any("rust erop" in t or "Bevestigen dat het gaat om" in t for t in teksten)
