"""The handreiking text, normalised so quotes in the tables can be checked against it.

The guide's text is not part of the repository. Tests that compare the rule base with it find it
in the folder named by ``KENNISBANK_HANDREIKING`` (holding ``handreiking.md`` and ``README.md``),
or else in ``../shared/handreiking`` beside the checkout. Without it they are skipped with a
reason that says how to provide it; under CI (``CI`` set) its absence is a failure, so a CI run
can never pass by skipping the checks against the source.
"""

from __future__ import annotations

import html
import os
import re
from functools import cache
from pathlib import Path

import pytest

OMGEVINGSVARIABELE = "KENNISBANK_HANDREIKING"
STANDAARDMAP = Path(__file__).resolve().parents[2] / "shared" / "handreiking"


def handreiking_map() -> Path:
    """The folder with the guide's text; skips the calling test (fails it under CI) if absent."""
    gekozen = os.environ.get(OMGEVINGSVARIABELE)
    map_ = Path(gekozen) if gekozen else STANDAARDMAP
    ontbreekt = [naam for naam in ("handreiking.md", "README.md") if not (map_ / naam).is_file()]
    if ontbreekt:
        reden = (f"de tekst van de handreiking ontbreekt ({', '.join(ontbreekt)} niet in {map_}); "
                 f"zet {OMGEVINGSVARIABELE}=/pad/naar/handreiking (met handreiking.md en "
                 "README.md) om de toetsen aan de bron te draaien")
        if os.environ.get("CI"):
            pytest.fail(reden, pytrace=False)
        pytest.skip(reden)
    return map_


def handreiking_bestand(naam: str = "handreiking.md") -> Path:
    """A file of the guide's folder (``handreiking.md`` or ``README.md``)."""
    return handreiking_map() / naam


def normaliseer(tekst: str) -> str:
    """Drop markup, bullets and quote styles; fold case and white space."""
    tekst = html.unescape(tekst)
    tekst = re.sub(r"<[^>]+>", "", tekst)
    tekst = tekst.translate(str.maketrans({"’": "'", "‘": "'", "“": "'", "”": "'", '"': "'",
                                           "•": " ", "*": " ", "#": " ", "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", tekst).strip().casefold()


@cache
def _genormaliseerde_tekst(pad: Path) -> str:
    return normaliseer(pad.read_text(encoding="utf-8"))


def handreiking() -> str:
    return _genormaliseerde_tekst(handreiking_bestand())


def staat_in_handreiking(citaat: str) -> bool:
    return normaliseer(citaat) in handreiking()
