"""A synthetic register scanned end to end: the scan says what the case files say."""

from __future__ import annotations

import csv
import importlib.util

from conftest import PROJECT
from ruamel.yaml import YAML

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casus
from kennisbank.cli import main

_spec = importlib.util.spec_from_file_location(
    "synthetisch_register", PROJECT / "scripts" / "synthetisch_register.py")
assert _spec and _spec.loader
synthetisch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetisch)


def test_every_valid_row_gets_the_verdicts_of_the_same_facts_as_a_case_file(
        runner, bank, tmp_path) -> None:
    aantal, seed = 14, 7
    register = tmp_path / "register.csv"
    with register.open("w", encoding="utf-8-sig", newline="") as uit:
        synthetisch.schrijf(uit, aantal, seed, 0.25, ";")
    gegenereerd = list(synthetisch.rijen(aantal, seed, 0.25))
    ongeldig = {nummer + 2: fout for nummer, (_, _, _, fout) in enumerate(gegenereerd) if fout}
    assert 0 < len(ongeldig) < aantal

    uit = runner.invoke(main, ["scan", str(register), "--werkers", "2",
                               "-o", str(tmp_path / "uit.csv")])
    assert uit.exit_code == 2, uit.output
    with (tmp_path / "uit.fouten.csv").open(encoding="utf-8") as invoer:
        fouten = {int(r["rij"]): r["kolom"] for r in csv.DictReader(invoer)}
    assert fouten == ongeldig
    with (tmp_path / "uit.csv").open(encoding="utf-8") as invoer:
        gescand = {r["id"]: r for r in csv.DictReader(invoer)}
    assert len(gescand) == aantal - len(ongeldig)

    yaml = YAML()
    for nummer, (feiten, _, _, fout) in enumerate(gegenereerd):
        if fout:
            continue
        casusbestand = tmp_path / f"casus-{nummer}.yaml"
        with casusbestand.open("w", encoding="utf-8") as uitvoer:
            yaml.dump(synthetisch.genest(feiten), uitvoer)
        resultaat = casusresultaat(bank.evalueer(laad_casus(casusbestand).casus))
        rij = gescand[feiten["id"]]
        for advies in resultaat.adviezen:
            f = advies.werkfunctie.value
            assert rij[f"{f}.oordeel"] == advies.oordeel.value, (feiten["id"], f)
            assert rij[f"{f}.matrixscore"] == (advies.matrixscore or "")
            assert int(rij[f"{f}.voorwaarden"]) == len(advies.voorwaarden)
            assert int(rij[f"{f}.open_vragen"]) == len(advies.open_vragen)
            assert rij[f"{f}.drempels"] == "|".join(d.id for d in advies.drempels)
