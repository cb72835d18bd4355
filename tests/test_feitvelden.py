"""Every fact the rules conclude carries exactly the fields its type declares, of that type."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from conftest import CASES

from kennisbank.casuslader import laad_casussen
from kennisbank.experta_compat import Fact
from kennisbank.regelapi import Drempel, Kenmerk, Veld, velden


def _soort(veld: Veld[Any]) -> Any:
    (soort,) = typing.get_args(veld.__orig_class__)  # type: ignore[attr-defined]
    return soort


def _past(waarde: Any, soort: Any) -> bool:
    if soort is Any:
        return True
    if isinstance(soort, types.UnionType):
        return any(_past(waarde, deel) for deel in typing.get_args(soort))
    if soort is type(None):
        return waarde is None
    if typing.get_origin(soort) is tuple:
        return isinstance(waarde, tuple) and all(isinstance(w, str) for w in waarde)
    if soort is int:
        return isinstance(waarde, int) and not isinstance(waarde, bool)
    return isinstance(waarde, soort)


def test_a_declared_field_reads_as_an_attribute() -> None:
    drempel = Drempel(werkfunctie="moderne_makers", drempel="overlast", tekst="t")
    assert (drempel.werkfunctie, drempel.drempel, drempel.citaat) == (
        "moderne_makers", "overlast", None)
    assert velden(Kenmerk) == ("pad", "waarde")


@pytest.fixture(scope="module")
def feiten(bank) -> list[Fact]:
    return [feit for geladen in laad_casussen([CASES])
            for feit in bank.evalueer(geladen.casus).feiten]


def test_every_fact_of_the_stored_cases_has_its_declared_fields(feiten) -> None:
    gezien: set[type] = set()
    for feit in feiten:
        soort = type(feit)
        gezien.add(soort)
        verklaard = {naam: vars(soort)[naam] for naam in velden(soort)}
        inhoud = {k: v for k, v in feit.items() if not str(k).startswith("__")}
        assert set(inhoud) <= set(verklaard), (soort.__name__, set(inhoud) - set(verklaard))
        for naam, veld in verklaard.items():
            assert _past(inhoud.get(naam), _soort(veld)), (soort.__name__, naam, inhoud)
    # Every fact type of the rules occurs, so each declaration is checked against real facts.
    assert len(gezien) >= 24
