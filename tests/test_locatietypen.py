"""Location types: their definitions from 1.3, and a case that names more than one."""

from __future__ import annotations

import json
import re

import pytest
from handreiking_tekst import handreiking_bestand, normaliseer

from kennisbank.casus import Casus
from kennisbank.cli import main
from kennisbank.domein import (
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    Locatietype,
)
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
