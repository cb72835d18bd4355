"""Validated tables kept on disk: the same tables and verdicts as validating the YAML, and never a
stale table for another rules directory, a changed file, a variant or changed code."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES
from pydantic import BaseModel

from kennisbank import engine, schijfcache, tabellen
from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casus
from kennisbank.engine import laad_regelbank, standaardmap
from kennisbank.tabellen import TABELLEN

CASUS = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"
CEL = 'kantoren_coworking:\n    boven_winkels_klein_middel: "++"'


def als_nieuw_proces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing of a previous load in memory: only the cache on disk remains."""
    monkeypatch.setattr(tabellen, "_geladen_tabellen", {})
    monkeypatch.setattr(engine, "_geladen", {})


@pytest.fixture
def cachemap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    map = tmp_path / "cache"
    monkeypatch.setenv(schijfcache.OMGEVINGSVARIABELE, str(map))
    als_nieuw_proces(monkeypatch)
    return map


@pytest.fixture
def validaties(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names of the tables validated from their YAML from here on."""
    gezien: list[str] = []
    echt = tabellen._valideer_tabel

    def tel(bestand: Path, model: type[BaseModel]) -> Any:
        gezien.append(bestand.name)
        return echt(bestand, model)

    monkeypatch.setattr(tabellen, "_valideer_tabel", tel)
    return gezien


def regelkopie(tmp_path: Path, cel: str) -> Path:
    """A copy of the rules directory with one matrix cell changed."""
    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie, ignore=shutil.ignore_patterns("__pycache__"))
    matrix = kopie / "matrix.yaml"
    tekst = matrix.read_text(encoding="utf-8")
    assert CEL in tekst
    matrix.write_text(tekst.replace(CEL, CEL.replace('"++"', f'"{cel}"')), encoding="utf-8")
    return kopie


def uitkomst(bank: engine.Regelbank) -> dict[str, Any]:
    return casusresultaat(bank.evalueer(laad_casus(CASUS).casus)).model_dump(mode="json")


def test_a_second_run_reads_every_table_from_the_cache_with_the_same_result(
        cachemap: Path, validaties: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    eerste = laad_regelbank()
    assert sorted(validaties) == sorted(bestand for bestand, _ in TABELLEN.values())
    assert len(list(cachemap.glob("*.pickle"))) == len(TABELLEN)
    verwacht = uitkomst(eerste)

    als_nieuw_proces(monkeypatch)
    validaties.clear()
    tweede = laad_regelbank()
    assert validaties == []
    for naam, tabel in eerste.tabellen.items():
        uit_cache = tweede.tabellen._tabellen[naam]
        assert uit_cache is not tabel and uit_cache == tabel
    assert uitkomst(tweede) == verwacht


def test_another_rules_directory_and_a_changed_table_get_their_own_tables(
        cachemap: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    laad_regelbank()  # the project's tables in the cache
    kopie = regelkopie(tmp_path, "+")
    assert laad_regelbank(kopie).tabellen.matrix.cellen["kantoren_coworking"][
        "boven_winkels_klein_middel"] == "+"

    # The same file changed in place: the next run reads the new cell, not the cached one.
    als_nieuw_proces(monkeypatch)
    matrix = kopie / "matrix.yaml"
    matrix.write_text(matrix.read_text(encoding="utf-8").replace(
        'boven_winkels_klein_middel: "+"\n    boven_winkels_groot: "+++"',
        'boven_winkels_klein_middel: "×"\n    boven_winkels_groot: "+++"'), encoding="utf-8")
    assert laad_regelbank(kopie).tabellen.matrix.cellen["kantoren_coworking"][
        "boven_winkels_klein_middel"] == "×"
    assert laad_regelbank().tabellen.matrix.cellen["kantoren_coworking"][
        "boven_winkels_klein_middel"] == "++"


def test_a_variant_never_meets_the_cached_table_it_changes(
        cachemap: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_variant import prijsvariant

    eis = "profielen"
    zonder = laad_regelbank()
    als_nieuw_proces(monkeypatch)
    met = laad_regelbank(None, prijsvariant(tmp_path, 123))

    def prijs(bank: engine.Regelbank) -> Any:
        (huur,) = [e for e in bank.tabellen.profielen.profielen["kantoren_coworking"].eisen
                   if e.id == "huur"]
        return huur.voldaan.max if huur.voldaan else None

    assert eis in met.tabellen and prijs(met) == 123
    assert prijs(zonder) != 123
    assert prijs(laad_regelbank()) == prijs(zonder)


def test_an_unreadable_or_foreign_entry_is_ignored_and_written_anew(
        cachemap: Path, validaties: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    verwacht = uitkomst(laad_regelbank())
    items = sorted(cachemap.glob("*.pickle"))
    items[0].write_bytes(b"geen pickle")
    items[1].write_bytes(items[1].read_bytes()[:50])
    items[2].write_bytes(pickle.dumps("een tekst in plaats van een tabel"))

    als_nieuw_proces(monkeypatch)
    validaties.clear()
    assert uitkomst(laad_regelbank()) == verwacht
    assert len(validaties) == 3
    for item in items[:3]:
        assert isinstance(pickle.loads(item.read_bytes()), BaseModel)


def test_the_key_covers_the_code_that_validates(
        cachemap: Path, validaties: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    laad_regelbank()
    als_nieuw_proces(monkeypatch)
    validaties.clear()
    monkeypatch.setattr(schijfcache, "codeafdruk", lambda: "een andere versie van het model")
    laad_regelbank()
    assert len(validaties) == len(TABELLEN)
    assert len(list(cachemap.glob("*.pickle"))) == 2 * len(TABELLEN)


def test_a_cache_that_cannot_be_written_or_is_switched_off_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bestand = tmp_path / "bestand"
    bestand.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(schijfcache.OMGEVINGSVARIABELE, str(bestand / "cache"))
    als_nieuw_proces(monkeypatch)
    verwacht = uitkomst(laad_regelbank())
    assert bestand.read_text(encoding="utf-8") == "geen map"

    monkeypatch.setenv(schijfcache.OMGEVINGSVARIABELE, "")
    als_nieuw_proces(monkeypatch)
    assert schijfcache.cachemap() is None
    assert uitkomst(laad_regelbank()) == verwacht
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand"]
