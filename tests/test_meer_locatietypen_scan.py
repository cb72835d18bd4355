"""A register names further location types in one cell; the scan and ``verklaar --rij`` give
the headline verdict (the most favourable type's), as ``evalueer`` does for a case file."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

from kennisbank.advies import casusresultaat
from kennisbank.casus import FEITSECTIES
from kennisbank.casuslader import laad_casus, met_wijzigingen, valideer
from kennisbank.cli import main
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.yamlbestand import lees_yaml

TWEE_TYPEN = PROJECT / "cases" / "utrecht" / "biltstraat-verdieping-twee-locatietypen.yaml"
FUNCTIES = ("sport_wellbeing", "maatschappelijke_voorzieningen", "lichte_maakbedrijven")

_spec = importlib.util.spec_from_file_location(
    "synthetisch_register", PROJECT / "scripts" / "synthetisch_register.py")
assert _spec and _spec.loader
synthetisch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetisch)


def plat(data: dict[str, Any], voor: str = "") -> dict[str, Any]:
    """Nested case data as register columns (case paths)."""
    uit: dict[str, Any] = {}
    for sleutel, waarde in data.items():
        if isinstance(waarde, dict):
            uit.update(plat(waarde, f"{voor}{sleutel}."))
        else:
            uit[f"{voor}{sleutel}"] = waarde
    return uit


def biltstraat_kolommen() -> dict[str, Any]:
    data = lees_yaml(TWEE_TYPEN)
    return {"id": data["id"], "gemeente": data["gemeente"],
            **plat({s: data[s] for s in FEITSECTIES if s in data})}


def cel(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return "|".join(waarde)
    return "" if waarde is None else str(waarde)


def schrijf_register(pad: Path, rijen: list[dict[str, Any]]) -> Path:
    kop = list(dict.fromkeys(k for rij in rijen for k in rij))
    with pad.open("w", encoding="utf-8", newline="") as uit:
        schrijver = csv.writer(uit, delimiter=";")
        schrijver.writerow(kop)
        for rij in rijen:
            schrijver.writerow([cel(rij.get(k)) for k in kop])
    return pad


def lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8", newline="") as invoer:
        return list(csv.DictReader(invoer))


def scan(runner, register: Path, *args: str):
    functies = [a for f in FUNCTIES for a in ("--functie", f)]
    return runner.invoke(main, ["scan", str(register), "--werkers", "1", *functies, *args])


def test_a_cell_with_two_types_gives_the_headline_verdict_and_verklaar_follows_it(
        runner, bank, tmp_path) -> None:
    basis = biltstraat_kolommen()
    register = schrijf_register(tmp_path / "r.csv", [
        {**basis, "id": "een", "locatie.ook_locatietypen": ["aanloopstraat"]},
        {**basis, "id": "twee", "locatie.ook_locatietypen": ["aanloopstraat",
                                                             "gebiedsontwikkeling"]},
        {**basis, "id": "geen", "locatie.ook_locatietypen": None},
    ])
    uit = scan(runner, register, "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 0, uit.output
    gescand = {r["id"]: r for r in lees_csv(tmp_path / "uit.csv")}
    casus = laad_casus(TWEE_TYPEN).casus
    for rij_id, ook in (("een", ["aanloopstraat"]),
                        ("twee", ["aanloopstraat", "gebiedsontwikkeling"]), ("geen", None)):
        als_casus = met_wijzigingen(casus, [("locatie.ook_locatietypen", ook)])
        resultaat = casusresultaat(bank.evalueer(als_casus, [Werkfunctie(f) for f in FUNCTIES]))
        for advies in resultaat.adviezen:
            f = advies.werkfunctie.value
            assert gescand[rij_id][f"{f}.oordeel"] == advies.oordeel.value, (rij_id, f)
            assert gescand[rij_id][f"{f}.matrixscore"] == (advies.matrixscore or "")
    # Sport: + above shops (beperkt passend), ++ as an aanloopstraat: the headline is the latter.
    assert gescand["geen"]["sport_wellbeing.oordeel"] == "beperkt_passend"
    assert gescand["een"]["sport_wellbeing.oordeel"] == "passend_onder_voorwaarden"
    assert gescand["een"]["sport_wellbeing.matrixscore"] == "++"

    verklaring = runner.invoke(main, ["verklaar", str(register), "--rij", "2", "--functie",
                                      "sport_wellbeing", "--format", "json"])
    assert verklaring.exit_code == 0, verklaring.output
    data = json.loads(verklaring.output)
    assert data["oordeel"] == gescand["een"]["sport_wellbeing.oordeel"]
    assert data["gelezen_als"] == "aanloopstraat"
    per_type = {t["locatietype"]: t["oordeel"] for t in data["oordeel_per_locatietype"]}
    assert per_type == {"boven_winkels_klein_middel": "beperkt_passend",
                        "aanloopstraat": "passend_onder_voorwaarden"}
    assert data["oordeel"] == max(per_type.values(), key=lambda o: Oordeel(o).rang)
    per_id = runner.invoke(main, ["verklaar", str(register), "--id", "twee", "--functie",
                                  "maatschappelijke_voorzieningen", "--format", "json"])
    assert json.loads(per_id.output)["oordeel"] == gescand["twee"][
        "maatschappelijke_voorzieningen.oordeel"]


@pytest.mark.parametrize(("cel_tekst", "melding"), [
    ("aanloopstraat|winkelstraat", "item 2: kies uit"),
    ("winkelstraat", "item 1: kies uit"),
    ("aanloopstraat|aanloopstraat", "aanloopstraat staat er meer dan eens in"),
    ("boven_winkels_klein_middel", "is al het locatietype"),
])
def test_an_invalid_item_names_row_column_and_item_and_the_rest_is_scanned(
        runner, tmp_path, cel_tekst, melding) -> None:
    register = tmp_path / "r.csv"
    register.write_text("id;gemeente;locatie.locatietype;locatie.ook_locatietypen\n"
                        "a;Utrecht;boven_winkels_klein_middel;aanloopstraat | \n"
                        f"b;Utrecht;boven_winkels_klein_middel;{cel_tekst}\n"
                        "c;Utrecht;boven_winkels_klein_middel;|\n", encoding="utf-8")
    uit = scan(runner, register, "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 2, uit.output
    assert [r["id"] for r in lees_csv(tmp_path / "uit.csv")] == ["a", "c"]
    (fout,) = lees_csv(tmp_path / "uit.fouten.csv")
    assert (fout["rij"], fout["kolom"]) == ("3", "locatie.ook_locatietypen")
    assert melding in fout["melding"] and "\n" not in fout["melding"]
    verklaring = runner.invoke(main, ["verklaar", str(register), "--rij", "3", "--functie",
                                      "sport_wellbeing"])
    assert verklaring.exit_code == 2
    regel = verklaring.output.strip()
    assert "\n" not in regel and "Traceback" not in regel
    assert "rij 3" in regel and "locatie.ook_locatietypen" in regel and melding in regel


def test_kolommen_translates_each_item_of_the_cell(runner, tmp_path) -> None:
    register = tmp_path / "bag.csv"
    register.write_text(
        "identificatie;gemeentenaam;locatietype;ook_locatietypen\n"
        "0344010000000001;Utrecht;Werken boven winkels (klein en middel);"
        "Aanloopstraat| gebiedsontwikkeling\n"
        "0344010000000002;Utrecht;Werken boven winkels (klein en middel);"
        "Aanloopstraat|Buiten de matrix\n", encoding="utf-8")
    mapping = PROJECT / "kennisbank" / "kolommen" / "bag.yaml"
    uit = scan(runner, register, "--kolommen", str(mapping), "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 2, uit.output
    (fout,) = lees_csv(tmp_path / "uit.fouten.csv")
    # The register's own column is named, and the item translated ('buiten_matrix') is refused.
    assert (fout["rij"], fout["kolom"]) == ("3", "ook_locatietypen")
    assert fout["melding"].startswith("item 2: kies uit")
    verklaring = runner.invoke(main, ["verklaar", str(register), "--kolommen", str(mapping),
                                      "--rij", "2", "--functie", "sport_wellbeing",
                                      "--format", "json"])
    assert verklaring.exit_code == 0, verklaring.output
    assert [t["locatietype"] for t in json.loads(verklaring.output)[
        "oordeel_per_locatietype"]] == [
        "boven_winkels_klein_middel", "aanloopstraat", "gebiedsontwikkeling"]


def test_geojson_array_is_a_list_and_only_a_list_field_takes_one(runner, tmp_path) -> None:
    def feature(**eigenschappen: Any) -> dict[str, Any]:
        return {"type": "Feature", "properties": {"gemeente": "Utrecht", **eigenschappen},
                "geometry": None}

    register = tmp_path / "r.geojson"
    register.write_text(json.dumps({"type": "FeatureCollection", "features": [
        feature(**{"id": "a", "locatie.locatietype": "boven_winkels_klein_middel",
                   "locatie.ook_locatietypen": ["aanloopstraat"]}),
        feature(**{"id": "b", "locatie.locatietype": "boven_winkels_klein_middel",
                   "locatie.ook_locatietypen": "aanloopstraat"}),
        feature(**{"id": "c", "locatie.locatietype": "boven_winkels_klein_middel",
                   "locatie.ook_locatietypen": [["aanloopstraat"]]}),
        feature(**{"id": "d", "pand.lift": [True]}),
    ]}), encoding="utf-8")
    uit = scan(runner, register, "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 2, uit.output
    a, b = lees_csv(tmp_path / "uit.csv")
    assert {k: v for k, v in a.items() if k not in ("rij", "id")} == {
        k: v for k, v in b.items() if k not in ("rij", "id")}
    assert a["sport_wellbeing.oordeel"] == "passend_onder_voorwaarden"
    fouten = lees_csv(tmp_path / "uit.fouten.csv")
    assert [(f["rij"], f["kolom"]) for f in fouten] == [("4", "locatie.ook_locatietypen"),
                                                        ("5", "pand.lift")]
    assert "enkelvoudige waarde" in fouten[0]["melding"]
    assert "lijstveld" in fouten[1]["melding"]


def test_synthetic_register_names_a_second_type_now_and_then_deterministically() -> None:
    eerste = [(f["locatie.locatietype"], f["locatie.ook_locatietypen"], fout)
              for f, _, _, fout in synthetisch.rijen(1000, 13, 0.03)]
    assert eerste == [(f["locatie.locatietype"], f["locatie.ook_locatietypen"], fout)
                      for f, _, _, fout in synthetisch.rijen(1000, 13, 0.03)]
    twee = [(lt, ook) for lt, ook, fout in eerste if ook and not fout]
    assert 10 <= len(twee) <= 80  # about 4% of the panden with a matrix type
    assert all(len(ook) == 1 and ook[0] != lt and ook[0] in synthetisch.TWEEDE_TYPEN[lt]
               for lt, ook in twee)
    assert any(fout == "locatie.ook_locatietypen" for _, _, fout in eerste)


def test_synthetic_rows_with_two_types_scan_like_their_case_files(runner, bank,
                                                                   tmp_path) -> None:
    gekozen = [(f, x, y) for f, x, y, fout in synthetisch.rijen(400, 13, 0.03)
               if f["locatie.ook_locatietypen"] and not fout][:3]
    assert len(gekozen) == 3
    register = tmp_path / "r.csv"
    with register.open("w", encoding="utf-8-sig", newline="") as uit:
        schrijver = csv.writer(uit, delimiter=";", lineterminator="\n")
        schrijver.writerow(synthetisch.KOLOMMEN)
        for feiten, x, y in gekozen:
            waarden = {**feiten, "x": x, "y": y}
            schrijver.writerow([synthetisch.celtekst(waarden.get(k), ";")
                                for k in synthetisch.KOLOMMEN])
    uit = scan(runner, register, "-o", str(tmp_path / "uit.csv"))
    assert uit.exit_code == 0, uit.output
    gescand = lees_csv(tmp_path / "uit.csv")
    for rij, (feiten, _, _) in zip(gescand, gekozen, strict=True):
        casus = valideer(synthetisch.genest(feiten), "synthetisch")
        assert casus.locatie.ook_locatietypen
        resultaat = casusresultaat(bank.evalueer(casus, [Werkfunctie(f) for f in FUNCTIES]))
        for advies in resultaat.adviezen:
            assert rij[f"{advies.werkfunctie.value}.oordeel"] == advies.oordeel.value


def test_scan_help_names_the_separator(runner) -> None:
    hulp = " ".join(runner.invoke(main, ["scan", "--help"]).output.split())
    assert "gescheiden door '|': aanloopstraat|gebiedsontwikkeling" in hulp
    assert "--kolommen vertaalt elk item apart" in hulp


def test_two_types_read_alike_from_csv_xlsx_geojson_and_geopackage(runner, tmp_path) -> None:
    # Seed 2 gives, in six rows, one valid pand with a second type and one invalid item.
    aantal, seed, ongeldig = 6, 2, 0.2
    gegenereerd = list(synthetisch.rijen(aantal, seed, ongeldig))
    assert any(f["locatie.ook_locatietypen"] and not fout for f, _, _, fout in gegenereerd)
    assert [fout for *_, fout in gegenereerd].count("locatie.ook_locatietypen") == 1
    csv_register = tmp_path / "r.csv"
    with csv_register.open("w", encoding="utf-8-sig", newline="") as uit:
        synthetisch.schrijf(uit, aantal, seed, ongeldig, ";")
    synthetisch.schrijf_geojson(tmp_path / "r.geojson", aantal, seed, ongeldig)
    synthetisch.schrijf_geopackage(tmp_path / "r.gpkg", aantal, seed, ongeldig)
    from openpyxl import Workbook

    boek = Workbook()
    with csv_register.open(encoding="utf-8-sig", newline="") as invoer:
        for cellen in csv.reader(invoer, delimiter=";"):
            boek.active.append([c or None for c in cellen])
    boek.save(tmp_path / "r.xlsx")
    uitkomsten = {}
    for soort in ("csv", "xlsx", "geojson", "gpkg"):
        uit = scan(runner, tmp_path / f"r.{soort}", "-o", str(tmp_path / f"uit-{soort}.csv"))
        assert uit.exit_code == 2, uit.output
        rijen = [{k: v for k, v in r.items() if k not in ("x", "y")}
                 for r in lees_csv(tmp_path / f"uit-{soort}.csv")]
        uitkomsten[soort] = (rijen, lees_csv(tmp_path / f"uit-{soort}.fouten.csv"))
    for soort in ("xlsx", "geojson", "gpkg"):
        assert uitkomsten[soort] == uitkomsten["csv"], soort
    fouten = uitkomsten["csv"][1]
    lijstfout = next(f for f in fouten if f["kolom"] == "locatie.ook_locatietypen")
    assert lijstfout["melding"].startswith("item 2: kies uit")


def test_verklaar_a_register_row_with_stel_on_the_list(runner, tmp_path) -> None:
    register = schrijf_register(tmp_path / "r.csv", [
        {**biltstraat_kolommen(), "locatie.ook_locatietypen": ["aanloopstraat"]}])
    for stel, typen in (("locatie.ook_locatietypen=", ["boven_winkels_klein_middel"]),
                        ("locatie.ook_locatietypen=gebiedsontwikkeling,aanloopstraat",
                         ["boven_winkels_klein_middel", "gebiedsontwikkeling", "aanloopstraat"])):
        uit = runner.invoke(main, ["verklaar", str(register), "--rij", "2", "--functie",
                                   "sport_wellbeing", "--format", "json", "--stel", stel])
        assert uit.exit_code == 0, uit.output
        data = json.loads(uit.output)
        gevonden = [t["locatietype"] for t in data.get("oordeel_per_locatietype", [])] or [
            "boven_winkels_klein_middel"]
        assert gevonden == typen
        assert data["aangepast"][0]["oud"] == ["aanloopstraat"]
    fout = runner.invoke(main, ["verklaar", str(register), "--rij", "2", "--functie",
                                "sport_wellbeing", "--stel", "locatie.ook_locatietypen=x,"])
    assert fout.exit_code == 2
    (regel,) = fout.output.strip().splitlines()
    assert "locatie.ook_locatietypen" in regel and "een leeg item" in regel
