from __future__ import annotations

import functools
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

# The suite keeps validated tables in a folder of its own, not in the user's cache: a test run
# leaves the user's machine as it found it, and each run starts cold. Fresh CLI processes the
# tests start inherit it. A run that sets the variable itself keeps its choice.
if "KENNISBANK_CACHEMAP" not in os.environ:
    _cachemap = tempfile.TemporaryDirectory(prefix="kennisbank-testcache-")
    os.environ["KENNISBANK_CACHEMAP"] = _cachemap.name

from kennisbank.advies import Advies, casusresultaat  # noqa: E402
from kennisbank.casus import Casus  # noqa: E402
from kennisbank.domein import Werkfunctie  # noqa: E402
from kennisbank.engine import Regelbank, laad_regelbank  # noqa: E402
from kennisbank.verklaring import Verklaring, verklaar  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
CASES = PROJECT / "cases"


@pytest.fixture(scope="session")
def bank() -> Regelbank:
    return laad_regelbank()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def maak_casus(**secties: Any) -> Casus:
    return Casus.model_validate({"id": "test", "gemeente": "Teststad", **secties})


def advies(bank: Regelbank, functie: Werkfunctie | str, **secties: Any) -> Advies:
    """Evaluate one function for a case built from the given sections."""
    functie = Werkfunctie(functie)
    resultaat = casusresultaat(bank.evalueer(maak_casus(**secties), [functie]))
    (enig,) = resultaat.adviezen
    return enig


@functools.cache
def _opgeslagen_verklaring(bestand: Path, functie: Werkfunctie) -> Verklaring:
    from kennisbank.casuslader import laad_casus

    return verklaar(laad_regelbank(), laad_casus(bestand).casus, functie)


def opgeslagen_verklaring(bestand: Path, functie: Werkfunctie) -> Verklaring:
    """``verklaar`` of a stored case with the standard rules, computed once per test process
    (a few seconds each); every caller gets its own deep copy, so no test sees another's changes."""
    return _opgeslagen_verklaring(bestand, functie).model_copy(deep=True)


def regels_in_spoor(advies: Advies) -> list[str]:
    return [stap.regel for stap in advies.spoor]


# CI runs the property tests with a fixed seed, so a submission lands or fails reproducibly;
# locally every run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
