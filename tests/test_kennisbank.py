"""The encoded guide: every rule and table entry cites an existing section in its own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from handreiking_tekst import staat_in_handreiking

from kennisbank.domein import BRONNEN
from kennisbank.engine import laad_regelbank, standaardmap
from kennisbank.tabellen import (
    Levendigheidstabel,
    Matrixtabel,
    Profieltabel,
    laad_tabel,
)


def citaten() -> list[tuple[str, str]]:
    map = standaardmap()
    gevonden: list[tuple[str, str]] = []
    matrix = laad_tabel(map / "matrix.yaml", Matrixtabel)
    gevonden.append(("matrix", matrix.citaat))
    for functie, profiel in laad_tabel(map / "profielen.yaml", Profieltabel).profielen.items():
        for rij in [*profiel.eisen, *profiel.wel, *profiel.niet, *profiel.vaste_voorwaarden]:
            gevonden.append((f"{functie.value}.{getattr(rij, 'id', 'vast')}", rij.citaat))
        for rij in profiel.wel:
            if rij.uitgesloten_als is not None:
                gevonden.append((f"{functie.value}.{rij.id}.uitgesloten_als",
                                 rij.uitgesloten_als.citaat))
    for functie, profiel in laad_tabel(map / "levendigheid.yaml",
                                       Levendigheidstabel).functies.items():
        for rij in [profiel.dag, profiel.avond, *profiel.versterkers]:
            gevonden.append((f"levendigheid.{functie.value}", rij.citaat))
    return gevonden


@pytest.mark.parametrize(("waar", "citaat"), citaten())
def test_every_quote_stands_in_the_handreiking(waar: str, citaat: str) -> None:
    assert staat_in_handreiking(citaat), f"{waar}: {citaat!r} staat niet in de handreiking"


def test_every_rule_has_id_docstring_and_known_bron() -> None:
    bank = laad_regelbank()
    ids = [r.id for r in bank.regels]
    assert len(ids) == len(set(ids))
    for meta in bank.regels:
        assert meta.id and "." in meta.id
        assert meta.omschrijving and "\n" not in meta.omschrijving
        assert all(b in BRONNEN for b in meta.bronnen), meta.id
        assert staat_in_handreiking(meta.citaat), (meta.id, meta.citaat)


def test_rules_ship_inside_the_package() -> None:
    assert (standaardmap() / "matrix.yaml").is_file()
    assert Path(standaardmap()).name in {"rules", "standaardregels"}
