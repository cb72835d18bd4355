"""Every entry point can name further location types (``locatie.ook_locatietypen``): --stel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kennisbank.cli import main

CASES = Path(__file__).resolve().parents[1] / "cases"
TWEE_TYPEN = CASES / "utrecht" / "biltstraat-verdieping-twee-locatietypen.yaml"
EEN_TYPE = CASES / "utrecht" / "steenweg-beautystudio.yaml"


def een_regel(uitvoer: str) -> str:
    regels = [r for r in uitvoer.splitlines() if r.strip()]
    assert len(regels) == 1, uitvoer
    assert "Traceback" not in uitvoer
    return regels[0]


def typen_per_functie(uitvoer: str) -> set[tuple[str, ...]]:
    (resultaat,) = json.loads(uitvoer)
    # Without further types the key is left out: the one type is the advies' own.
    return {tuple(t["locatietype"] for t in advies["oordeel_per_locatietype"])
            if "oordeel_per_locatietype" in advies else (advies["locatietype"],)
            for advies in resultaat["adviezen"]}


@pytest.mark.parametrize(("waarde", "typen"), [
    ("aanloopstraat,gebiedsontwikkeling", ("aanloopstraat", "gebiedsontwikkeling")),
    (" aanloopstraat , gebiedsontwikkeling ", ("aanloopstraat", "gebiedsontwikkeling")),
    ("[gebiedsontwikkeling, aanloopstraat]", ("gebiedsontwikkeling", "aanloopstraat")),
    ("gebiedsontwikkeling", ("gebiedsontwikkeling",)),
])
def test_stel_sets_a_list_of_further_types(runner, waarde, typen) -> None:
    uit = runner.invoke(main, ["evalueer", str(TWEE_TYPEN), "--format", "json",
                               "--stel", f"locatie.ook_locatietypen={waarde}"])
    assert uit.exit_code == 0, uit.output
    assert typen_per_functie(uit.output) == {("boven_winkels_klein_middel", *typen)}
    (resultaat,) = json.loads(uit.output)
    assert resultaat["aangepast"] == [{"pad": "locatie.ook_locatietypen",
                                       "oud": ["aanloopstraat"], "nieuw": list(typen)}]


def test_stel_with_an_empty_value_makes_the_further_types_unknown(runner) -> None:
    uit = runner.invoke(main, ["evalueer", str(TWEE_TYPEN), "--format", "json",
                               "--stel", "locatie.ook_locatietypen="])
    assert uit.exit_code == 0, uit.output
    assert typen_per_functie(uit.output) == {("boven_winkels_klein_middel",)}
    zonder = runner.invoke(main, ["evalueer", str(TWEE_TYPEN), "--format", "json",
                                  "--stel", "locatie.ook_locatietypen=aanloopstraat"])
    assert typen_per_functie(zonder.output) == {("boven_winkels_klein_middel", "aanloopstraat")}


def test_stel_names_the_further_types_in_text_and_in_verklaar(runner) -> None:
    stel = ["--stel", "locatie.ook_locatietypen=aanloopstraat,gebiedsontwikkeling"]
    tekst = runner.invoke(main, ["evalueer", str(EEN_TYPE), *stel], env={"COLUMNS": "200"})
    assert tekst.exit_code == 0, tekst.output
    assert ("Aangepast voor deze evaluatie: locatie.ook_locatietypen = Aanloopstraat, "
            "Gebiedsontwikkeling (in het bestand: onbekend)") in tekst.output
    verklaring = runner.invoke(main, ["verklaar", str(TWEE_TYPEN), "--functie",
                                      "maatschappelijke_voorzieningen", "--format", "json", *stel])
    assert verklaring.exit_code == 0, verklaring.output
    data = json.loads(verklaring.output)
    assert data["aangepast"][0]["nieuw"] == ["aanloopstraat", "gebiedsontwikkeling"]
    assert [t["locatietype"] for t in data["oordeel_per_locatietype"]] == [
        "boven_winkels_klein_middel", "aanloopstraat", "gebiedsontwikkeling"]


@pytest.mark.parametrize(("waarde", "melding"), [
    ("aanloopstraat,,gebiedsontwikkeling", "een leeg item"),
    ("aanloopstraat,", "een leeg item"),
    ("winkelstraat", "locatie.ook_locatietypen[0]: kies uit"),
    ("aanloopstraat,winkelstraat", "locatie.ook_locatietypen[1]: kies uit"),
    ("aanloopstraat,aanloopstraat", "aanloopstraat staat er meer dan eens in"),
    ("boven_winkels_klein_middel", "is al het locatietype"),
    ("[aanloopstraat, [gebiedsontwikkeling]]", "enkelvoudige waarde"),
    ("a: b", "enkelvoudige waarde"),
])
@pytest.mark.parametrize("commando", [["evalueer"], ["verklaar", "--functie", "moderne_makers"]])
def test_invalid_list_in_stel_is_one_line_naming_the_field(runner, waarde, melding,
                                                           commando) -> None:
    uit = runner.invoke(main, [commando[0], str(TWEE_TYPEN), *commando[1:],
                               "--stel", f"locatie.ook_locatietypen={waarde}"])
    assert uit.exit_code == 2, uit.output
    regel = een_regel(uit.output)
    assert "locatie.ook_locatietypen" in regel and melding in regel


def test_stel_help_documents_lists_and_unknown(runner) -> None:
    for commando in ("evalueer", "verklaar"):
        hulp = " ".join(runner.invoke(main, [commando, "--help"]).output.split())
        assert "gescheiden door komma's, bijv. aanloopstraat,gebiedsontwikkeling" in hulp
        assert "Een lege waarde (PAD=) maakt het feit onbekend" in hulp


def test_dekking_counts_the_evaluations_under_the_further_types_and_says_so(
        runner, tmp_path) -> None:
    met = tmp_path / "met"
    zonder = tmp_path / "zonder"
    met.mkdir()
    zonder.mkdir()
    tekst = TWEE_TYPEN.read_text(encoding="utf-8")
    (met / "c.yaml").write_text(tekst, encoding="utf-8")
    (zonder / "c.yaml").write_text(tekst.replace("  ook_locatietypen: [aanloopstraat]\n", ""),
                                   encoding="utf-8")
    uitkomst = {}
    for naam, map_ in (("met", met), ("zonder", zonder)):
        uit = runner.invoke(main, ["dekking", str(map_), "--format", "json"])
        assert uit.exit_code == 1, uit.output  # one case leaves rules unexercised
        uitkomst[naam] = json.loads(uit.output)
    casus_id = "utrecht-biltstraat-verdieping-twee-locatietypen"
    # 1.2.6 names aanloopstraten at Wél: only the reading as an aanloopstraat tests that row.
    rij = "maatschappelijke_voorzieningen.wel.aanloopstraat"
    assert uitkomst["met"]["profielrijen"][rij] == [casus_id]
    assert uitkomst["zonder"]["profielrijen"][rij] == []
    assert uitkomst["met"]["gelezen_als"] == {casus_id: ["boven_winkels_klein_middel",
                                                         "aanloopstraat"]}
    assert uitkomst["zonder"]["gelezen_als"] == {}
    # Everything the primary reading exercises stays counted, once per case.
    for soort in ("regels", "profielrijen"):
        for sleutel, casussen in uitkomst["zonder"][soort].items():
            assert set(casussen) <= set(uitkomst["met"][soort][sleutel])
            assert len(uitkomst["met"][soort][sleutel]) <= 1
    tekst_uit = runner.invoke(main, ["dekking", str(met)], env={"COLUMNS": "300"})
    assert ("Geteld onder elk locatietype dat een casus noemt (ook_locatietypen), elk een eigen "
            f"evaluatie: 1 casus(sen), 2 evaluaties: {casus_id} als Werken boven winkels (klein "
            "en middel) en Aanloopstraat.") in tekst_uit.output
    assert "Geteld onder elk locatietype" not in runner.invoke(
        main, ["dekking", str(zonder)], env={"COLUMNS": "300"}).output


def test_interview_from_nothing_names_further_types_after_the_best_fitting_one(
        runner, tmp_path) -> None:
    from ruamel.yaml import YAML

    from kennisbank.casuslader import valideer

    doel = tmp_path / "nieuw.yaml"
    invoer = "proef-twee\nUtrecht\n1,9\n1,1\n3,buiten_matrix\n1, aanloopstraat\n" + \
        "weet niet\n" * 40
    uit = runner.invoke(main, ["interview", "-o", str(doel), "--functie", "sport_wellbeing"],
                        input=invoer)
    assert uit.exit_code == 0, uit.output
    assert "Passen meer beschrijvingen, noem ze dan met komma's" in uit.output
    assert "Kies een nummer van 1 tot 6" in uit.output
    assert ("Ongeldig: locatie.ook_locatietypen: boven_winkels_klein_middel is al het "
            "locatietype") in uit.output
    assert "Ongeldig: locatie.ook_locatietypen[0]: kies uit" in uit.output
    tekst = doel.read_text(encoding="utf-8")
    assert "# Andere locatietypen uit 1.3 waarvan de beschrijving ook past." in tekst
    data = YAML(typ="safe").load(tekst)
    assert data["locatie"] == {"locatietype": "boven_winkels_klein_middel",
                               "ook_locatietypen": ["aanloopstraat"]}
    valideer(data, doel)
    # The verdicts shown follow the headline: + above shops, ++ as an aanloopstraat (1.4).
    assert "Sport & well-being: passend onder voorwaarden" in uit.output


@pytest.mark.parametrize("formaat", ["markdown", "html"])
def test_reports_show_an_overridden_list_as_the_text_output_does(runner, formaat) -> None:
    uit = runner.invoke(main, ["evalueer", str(TWEE_TYPEN), "--format", formaat, "--stel",
                               "locatie.ook_locatietypen=aanloopstraat,gebiedsontwikkeling",
                               "--stel", "pand.lift=false"])
    assert uit.exit_code == 0, uit.output
    aangepast = [r for r in uit.output.replace("</p>", "\n").splitlines()
                 if "Aangepast voor deze evaluatie" in r]
    assert len(aangepast) == 2, aangepast
    assert aangepast[0].endswith("= Aanloopstraat, Gebiedsontwikkeling (in het bestand: "
                                 "Aanloopstraat)")
    assert aangepast[1].endswith("= nee (in het bestand: ja)")
