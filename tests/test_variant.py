"""Municipal variants: strict validation, no leak into the guide's rules, the local source cited
beside the guide's passage in every output, and what a variant does to the stored cases."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import CASES, PROJECT

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casus, laad_casussen
from kennisbank.cli import main
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import Regelbank, laad_regelbank
from kennisbank.regressie import variantimpact

VARIANTEN = PROJECT / "varianten"
CID = CASES / "den-haag" / "cid-centraal-kantoorvloer.yaml"
BRON = {"titel": "Testnota werkruimte", "datum": "2026-02-10",
        "link": "https://example.org/testnota"}
#: The Den Haag example lowers the office price band to €200; the CID case asks €215.
PRIJS = "profielen.profielen.kantoren_coworking.eisen.huur.voldaan.max"


def schrijf_variant(map: Path, *wijzigingen: dict[str, Any], **extra: Any) -> Path:
    data = {"naam": "Testvariant", "gemeente": "Den Haag", "illustratief": True,
            "wijzigingen": list(wijzigingen), **extra}
    bestand = map / "variant.yaml"
    # Through JSON, so a source used twice is written twice: a variant allows no YAML aliases.
    bestand.write_text(yaml.safe_dump(json.loads(json.dumps(data)), allow_unicode=True),
                       encoding="utf-8")
    return bestand


def prijsvariant(map: Path, max_: Any = 200) -> Path:
    return schrijf_variant(map, {"pad": PRIJS, "waarde": max_, "bron": BRON})


# --- Validation: one line naming the file and the change, exit 2 --------------------------------

@pytest.mark.parametrize(("wijziging", "extra", "verwacht"), [
    ({"pad": PRIJS, "waarde": 200, "bron": BRON}, {"onbekend": 1}, "onbekend"),
    ({"pad": PRIJS, "waarde": 200, "bron": BRON, "extra": 1}, {}, "wijzigingen[0].extra"),
    ({"pad": PRIJS, "waarde": 200}, {}, "wijzigingen[0].bron"),
    ({"pad": PRIJS, "waarde": 200, "bron": {**BRON, "link": "geen link"}}, {},
     "wijzigingen[0].bron.link"),
    ({"pad": "tabel.x.y", "waarde": 1, "bron": BRON}, {}, "geen tabel 'tabel'"),
    ({"pad": "profielen.profielen.kantoren_coworking.eisen.bestaat_niet.voldaan.max",
      "waarde": 200, "bron": BRON}, {}, "geen rij met id 'bestaat_niet'"),
    ({"pad": "matrix.cellen.moderne_makers.bestaat_niet", "waarde": "++", "bron": BRON}, {},
     "matrix.cellen.moderne_makers.bestaat_niet"),
    ({"pad": PRIJS, "waarde": "200", "bron": BRON}, {}, "verwacht een getal, niet een tekst"),
    ({"pad": "matrix.cellen.moderne_makers.aanloopstraat", "waarde": "++++", "bron": BRON}, {},
     "cellen.moderne_makers.aanloopstraat"),
    ({"pad": "matrix.citaat", "waarde": "iets anders", "bron": BRON}, {},
     "wijzigt alleen cellen en rijen"),
    ({"pad": "checklist.items", "waarde": [], "bron": BRON}, {}, "kan een variant niet wijzigen"),
    ({"pad": PRIJS, "bron": BRON}, {}, "precies één van 'waarde' en 'nieuwe_rij'"),
])
def test_ongeldige_variant_is_een_regel_met_bestand_en_pad(
        tmp_path: Path, runner: CliRunner, wijziging: dict[str, Any], extra: dict[str, Any],
        verwacht: str) -> None:
    bestand = schrijf_variant(tmp_path, wijziging, **extra)
    uit = runner.invoke(main, ["evalueer", str(CID), "--variant", str(bestand)])
    assert uit.exit_code == 2, uit.output
    regels = uit.output.strip().splitlines()
    assert len(regels) == 1, uit.output
    assert regels[0].startswith(f"fout: {bestand}"), regels[0]
    assert verwacht in regels[0]
    assert "Traceback" not in uit.output


def test_elke_opdracht_met_variant_valideert(tmp_path: Path, runner: CliRunner) -> None:
    bestand = prijsvariant(tmp_path, "te duur")
    for opdracht in (["evalueer", str(CID)], ["verklaar", str(CID), "--functie",
                                              "kantoren_coworking"],
                     ["regressie", str(CID)], ["kennis"]):
        uit = runner.invoke(main, [*opdracht, "--variant", str(bestand)])
        assert uit.exit_code == 2, (opdracht, uit.output)
        assert PRIJS in uit.output and str(bestand) in uit.output


# --- The overlay does not leak into the guide's rules --------------------------------------------

def test_variant_lekt_niet_naar_de_regels_van_de_handreiking(tmp_path: Path,
                                                              bank: Regelbank) -> None:
    casus = laad_casus(CID).casus
    voor = casusresultaat(bank.evalueer(casus)).model_dump_json()
    eis_voor = next(e for e in bank.tabellen.profielen.profielen[
        Werkfunctie.KANTOREN_COWORKING].eisen if e.id == "huur")
    metvariant = laad_regelbank(variant=prijsvariant(tmp_path))
    met = casusresultaat(metvariant.evalueer(casus))
    na = casusresultaat(bank.evalueer(casus)).model_dump_json()
    assert voor == na
    kantoor = next(a for a in met.adviezen if a.werkfunctie == Werkfunctie.KANTOREN_COWORKING)
    assert kantoor.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN
    assert json.loads(voor)["adviezen"][0]["oordeel"] == Oordeel.PASSEND.value
    assert eis_voor.voldaan.max == 250
    assert laad_regelbank() is bank
    eis_variant = next(e for e in metvariant.tabellen.profielen.profielen[
        Werkfunctie.KANTOREN_COWORKING].eisen if e.id == "huur")
    assert eis_variant.voldaan.max == 200


# --- The local source beside the guide's passage ------------------------------------------------

def test_json_citeert_lokaal_beleid_bij_de_gewijzigde_rij(tmp_path: Path,
                                                          runner: CliRunner) -> None:
    bestand = prijsvariant(tmp_path)
    uit = runner.invoke(main, ["evalueer", str(CID), "--format", "json", "--variant",
                               str(bestand)])
    assert uit.exit_code == 0, uit.output
    (resultaat,) = json.loads(uit.output)
    assert resultaat["variant"] == {"naam": "Testvariant", "gemeente": "Den Haag",
                                    "illustratief": True, "wijzigingen": 1}
    kantoor = next(a for a in resultaat["adviezen"] if a["werkfunctie"] == "kantoren_coworking")
    geciteerd = [v for v in kantoor["voorwaarden"] if v.get("lokaal")]
    assert geciteerd and geciteerd[0]["bron"] == "1.2.1"
    assert geciteerd[0]["lokaal"] == [{"pad": PRIJS, "titel": BRON["titel"],
                                       "datum": BRON["datum"], "link": BRON["link"]}]
    # Only what rests on the changed row cites it.
    andere = [r for a in resultaat["adviezen"] for r in a["redenen"] + a["voorwaarden"]
              if r.get("lokaal") and a["werkfunctie"] != "kantoren_coworking"]
    assert not andere
    opnieuw = runner.invoke(main, ["evalueer", str(CID), "--format", "json", "--variant",
                                   str(bestand)])
    assert opnieuw.output == uit.output


def test_zonder_variant_geen_variantvelden(runner: CliRunner) -> None:
    uit = runner.invoke(main, ["evalueer", str(CID), "--format", "json"])
    assert '"lokaal"' not in uit.output and '"variant"' not in uit.output


@pytest.mark.parametrize("formaat", ["tekst", "markdown", "html"])
def test_rapporten_noemen_variant_en_lokale_bron(tmp_path: Path, runner: CliRunner,
                                                 formaat: str) -> None:
    bestand = prijsvariant(tmp_path)
    uit = runner.invoke(main, ["evalueer", str(CID), "--format", formaat, "--variant",
                               str(bestand), "--functie", "kantoren_coworking"])
    assert uit.exit_code == 0, uit.output
    assert "Variant:" in uit.output and "Testvariant" in uit.output
    if formaat == "tekst":
        assert f"[handreiking 1.2.1; lokaal beleid: {BRON['titel']} ({BRON['datum']})]" \
            in " ".join(uit.output.split())
    else:
        assert "lokaal beleid:" in uit.output and BRON["link"] in uit.output


def test_verklaar_citeert_lokaal_beleid(tmp_path: Path, runner: CliRunner) -> None:
    bestand = prijsvariant(tmp_path)
    tekst = runner.invoke(main, ["verklaar", str(CID), "--functie", "kantoren_coworking",
                                 "--variant", str(bestand), "--boom"])
    assert tekst.exit_code == 0, tekst.output
    plat = " ".join(tekst.output.split())
    assert "Variant: Testvariant" in plat
    assert f"lokaal beleid: {BRON['titel']} ({BRON['datum']})" in plat
    data = json.loads(runner.invoke(main, ["verklaar", str(CID), "--functie",
                                           "kantoren_coworking", "--variant", str(bestand),
                                           "--format", "json"]).output)
    assert data["variant"]["naam"] == "Testvariant"

    def knopen(knoop: dict[str, Any]) -> list[dict[str, Any]]:
        return [knoop, *(k for kind in knoop.get("onderbouwing", []) for k in knopen(kind))]

    assert any(k.get("lokaal") for k in knopen(data["waarom"]))


def test_kennis_toont_de_wijzigingen_met_hun_bron(tmp_path: Path, runner: CliRunner) -> None:
    bestand = prijsvariant(tmp_path)
    data = json.loads(runner.invoke(main, ["kennis", "--format", "json", "--variant",
                                           str(bestand)]).output)
    (wijziging,) = data["variant"]["wijzigingen"]
    assert (wijziging["pad"], wijziging["oud"], wijziging["nieuw"]) == (PRIJS, 250, 200)
    huur = next(e for e in data["profielen"]["profielen"]["kantoren_coworking"]["eisen"]
                if e["id"] == "huur")
    assert huur["voldaan"]["max"] == 200


# --- regressie --variant ------------------------------------------------------------------------

def test_regressie_variant_toont_per_casus_wat_de_variant_verandert(
        tmp_path: Path, runner: CliRunner) -> None:
    bestand = prijsvariant(tmp_path)
    uit = runner.invoke(main, ["regressie", str(CASES / "den-haag"), "--variant", str(bestand),
                               "--format", "json"])
    assert uit.exit_code == 0, uit.output
    data = json.loads(uit.output)
    assert data["casussen"] == 9
    anders = [v for v in data["verschillen"] if v["handreiking"] != v["variant"]]
    assert [(v["casus"], v["werkfunctie"], v["handreiking"], v["variant"]) for v in anders] == [
        ("den-haag-cid-centraal-kantoorvloer", "kantoren_coworking", "passend",
         "passend_onder_voorwaarden")]
    assert any(r.get("lokaal") for r in anders[0]["erbij"])
    # Rent within both bands: the same words as the guide's rules, now resting on the variant.
    binckhorst = next(v for v in data["verschillen"]
                      if v["casus"] == "den-haag-binckhorst-werkplint")
    assert binckhorst["handreiking"] == binckhorst["variant"]
    assert binckhorst["zelfde_tekst"] == [r["tekst"] for r in binckhorst["erbij"]]
    assert all(r["lokaal"] for r in binckhorst["erbij"]) and not binckhorst["weg"]
    tekst = runner.invoke(main, ["regressie", str(CASES / "den-haag"), "--variant",
                                 str(bestand)])
    plat = " ".join(tekst.output.split())
    assert "Oordelen die de variant verandert" in plat
    assert "den-haag-cid-centraal-kantoorvloer (Den Haag) Kantoren & co-working: passend → " \
           "passend onder voorwaarden" in plat


def test_regressie_variant_werkt_geen_verwachtingen_bij(tmp_path: Path,
                                                         runner: CliRunner) -> None:
    uit = runner.invoke(main, ["regressie", str(CID), "--variant", str(prijsvariant(tmp_path)),
                               "--bijwerken"])
    assert uit.exit_code == 2 and "--bijwerken" in uit.output


# --- The shipped examples -----------------------------------------------------------------------

@pytest.mark.parametrize("naam", ["rotterdam", "den-haag", "utrecht"])
def test_meegeleverde_variant_is_illustratief_en_verandert_een_eigen_casus(
        naam: str, bank: Regelbank) -> None:
    bestand = VARIANTEN / f"{naam}.yaml"
    assert "ILLUSTRATIEF" in bestand.read_text(encoding="utf-8")
    metvariant = laad_regelbank(variant=bestand)
    assert metvariant.variant is not None and metvariant.variant.variant.illustratief is True
    for toegepast in metvariant.variant.wijzigingen:
        assert "hypothetisch" in toegepast.wijziging.bron.titel
        assert toegepast.wijziging.bron.link.startswith("https://example.org/")
    impact = variantimpact(laad_casussen((CASES / naam,)), bank, metvariant)
    assert impact.verschillen, f"{naam}: de variant verandert geen eigen casus"
    assert any(r.lokaal for v in impact.verschillen for r in v.erbij)


def test_scan_met_variant_citeert_lokaal_beleid(tmp_path: Path, runner: CliRunner) -> None:
    register = tmp_path / "register.csv"
    register.write_text("id,gemeente,pand.verdieping,locatie.locatietype\n"
                        "p1,Den Haag,1,semi_industrieel_pand\n", encoding="utf-8")
    variant = schrijf_variant(tmp_path, {
        "pad": "matrix.cellen.lichte_maakbedrijven.semi_industrieel_pand", "waarde": "×",
        "bron": BRON})
    uitvoer = {naam: tmp_path / f"{naam}.csv" for naam in ("zonder", "met")}
    for naam, extra in (("zonder", []), ("met", ["--variant", str(variant)])):
        uit = runner.invoke(main, ["scan", str(register), "-o", str(uitvoer[naam]), "--werkers",
                                   "1", "--functie", "lichte_maakbedrijven", "--vorm", "lang",
                                   *extra])
        assert uit.exit_code == 0, uit.output
    zonder, met = (next(csv.DictReader(uitvoer[n].open(encoding="utf-8")))
                   for n in ("zonder", "met"))
    assert (zonder["matrixscore"], met["matrixscore"]) == ("+", "×")
    assert "lokaal beleid" not in zonder["bron"]
    assert met["regel"] == "matrix.score"
    assert met["bron"] == f"1.4; lokaal beleid: {BRON['titel']} ({BRON['datum']})"


def test_alleen_de_gewijzigde_rij_citeert_niet_haar_buren(tmp_path: Path,
                                                          runner: CliRunner) -> None:
    """One firing concludes every overlast factor and both day parts; only the changed one
    rests on the variant."""
    variant = schrijf_variant(
        tmp_path,
        {"pad": "overlast.functies.moderne_makers.geluid_trillingen.niveau", "waarde": "hoog",
         "bron": BRON},
        {"pad": "levendigheid.functies.moderne_makers.dag.niveau", "waarde": "sterk",
         "bron": BRON})
    uit = runner.invoke(main, ["evalueer", str(CASES / "utrecht" / "zadelstraat-coworking.yaml"),
                               "--format", "json", "--functie", "moderne_makers", "--variant",
                               str(variant)])
    (advies,) = json.loads(uit.output)[0]["adviezen"]
    factoren = {f["factor"]: bool(f.get("lokaal")) for f in advies["overlast"]["factoren"]}
    assert factoren["geluid_trillingen"] is True
    assert not any(geciteerd for factor, geciteerd in factoren.items()
                   if factor != "geluid_trillingen")
    assert advies["levendigheid"]["dag"]["lokaal"][0]["pad"].endswith("dag.niveau")
    # The guide's words ("beperkt") do not read the variant's level.
    assert advies["levendigheid"]["dag"]["lezing"] == "sterk"
    assert "lokaal" not in advies["levendigheid"]["avond"]


def test_stuurtekens_in_een_variant_komen_niet_rauw_op_het_scherm(tmp_path: Path,
                                                                 runner: CliRunner) -> None:
    bron = {**BRON, "titel": "Nota \x1b[2J werkruimte"}
    variant = schrijf_variant(tmp_path, {"pad": PRIJS, "waarde": 200, "bron": bron})
    for opdracht in (["kennis"], ["regressie", str(CID)],
                     ["evalueer", str(CID), "--functie", "kantoren_coworking"]):
        uit = runner.invoke(main, [*opdracht, "--variant", str(variant)])
        assert uit.exit_code == 0, uit.output
        assert "\x1b" not in uit.output and "Nota" in uit.output


@pytest.mark.parametrize("soort", ["ontbreekt", "map", "fifo"])
def test_variant_die_geen_bestand_is(tmp_path: Path, runner: CliRunner, soort: str) -> None:
    pad = tmp_path / "variant.yaml"
    if soort == "map":
        pad.mkdir()
    elif soort == "fifo":
        os.mkfifo(pad)
    uit = runner.invoke(main, ["evalueer", str(CID), "--variant", str(pad)])
    assert uit.exit_code == 2 and uit.output.startswith(f"fout: {pad}"), uit.output


def test_drempelsignaal_rij_op_positie_citeert_lokaal_beleid(tmp_path: Path,
                                                             runner: CliRunner) -> None:
    """A barrier's signal rows have no id: a path names them by position, counted from 0."""
    pad = "drempels.drempels.beleidskader.signalen.beleidskader.rijen.1.tekst"
    variant = schrijf_variant(tmp_path, {"pad": pad, "waarde": "Geen lokaal gebiedsprofiel.",
                                         "bron": BRON})
    uit = runner.invoke(main, ["evalueer", str(CASES / "utrecht" / "voorstraat-yogastudio.yaml"),
                               "--format", "json", "--functie", "sport_wellbeing", "--variant",
                               str(variant)])
    assert uit.exit_code == 0, uit.output
    (advies,) = json.loads(uit.output)[0]["adviezen"]
    redenen = {r["tekst"]: r.get("lokaal") for d in advies["drempels"] for r in d["redenen"]}
    assert redenen["Geen lokaal gebiedsprofiel."][0]["pad"] == pad
    assert not any(lokaal for tekst, lokaal in redenen.items()
                   if tekst != "Geen lokaal gebiedsprofiel.")
    te_ver = schrijf_variant(tmp_path, {"pad": pad.replace(".1.", ".5."), "waarde": "x y z",
                                        "bron": BRON})
    fout = runner.invoke(main, ["evalueer", str(CID), "--variant", str(te_ver)])
    assert fout.exit_code == 2 and "geen rij '5' (tel vanaf 0)" in fout.output
