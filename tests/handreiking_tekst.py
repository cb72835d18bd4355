"""The handreiking text, normalised so quotes in the tables can be checked against it."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

HANDREIKING = Path(__file__).resolve().parents[2] / "shared" / "handreiking" / "handreiking.md"


def normaliseer(tekst: str) -> str:
    """Drop markup, bullets and quote styles; fold case and white space."""
    tekst = html.unescape(tekst)
    tekst = re.sub(r"<[^>]+>", "", tekst)
    tekst = tekst.translate(str.maketrans({"’": "'", "‘": "'", "“": "'", "”": "'", '"': "'",
                                           "•": " ", "*": " ", "#": " ", "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", tekst).strip().casefold()


@cache
def handreiking() -> str:
    return normaliseer(HANDREIKING.read_text(encoding="utf-8"))


def staat_in_handreiking(citaat: str) -> bool:
    return normaliseer(citaat) in handreiking()
