"""Text from a case file shown as data, never as markup or terminal control.

A case value may hold escape sequences, other control characters or bidirectional overrides
(U+202E) that would rewrite what a terminal, an editor or a browser shows. Before any output for
people these characters are replaced by their visible notation (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel

_ONZICHTBAAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _zichtbaar(teken: re.Match[str]) -> str:
    code = ord(teken.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def onschadelijk(tekst: str) -> str:
    """Control, zero-width and bidi characters as visible escapes; newline and tab are kept."""
    return _ONZICHTBAAR.sub(_zichtbaar, tekst)


def _schoon(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return onschadelijk(waarde)
    if isinstance(waarde, list | tuple):
        return type(waarde)(_schoon(w) for w in waarde)
    if isinstance(waarde, dict):
        return {_schoon(k): _schoon(v) for k, v in waarde.items()}
    return waarde


M = TypeVar("M", bound=BaseModel)


def ontsmet(model: M) -> M:
    """A copy of an output model with every string made harmless for display."""
    return type(model).model_validate(_schoon(model.model_dump()))
