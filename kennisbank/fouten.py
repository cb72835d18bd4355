"""Errors that the CLI reports as one clear line with exit code 2 (invalid input)."""

from __future__ import annotations

from pathlib import Path


class InvoerFout(Exception):
    """Invalid input: names the file and, where known, the field path."""

    def __init__(self, bestand: Path | str | None, melding: str, veld: str | None = None):
        self.bestand = str(bestand) if bestand is not None else None
        self.veld = veld
        self.melding = melding
        super().__init__(str(self))

    def __str__(self) -> str:
        delen = [d for d in (self.bestand, self.veld) if d]
        plaats = ": ".join(delen)
        return f"{plaats}: {self.melding}" if plaats else self.melding


def veldpad(locatie: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as a dotted field path (lists as [i])."""
    pad = ""
    for deel in locatie:
        if isinstance(deel, int):
            pad += f"[{deel}]"
        else:
            pad += ("." if pad else "") + str(deel)
    return pad


def uit_validatiefout(bestand: Path | str, fout: object) -> InvoerFout:
    """Turn the first error of a pydantic ValidationError into an InvoerFout."""
    from pydantic import ValidationError

    assert isinstance(fout, ValidationError)
    eerste = fout.errors(include_url=False)[0]
    melding = str(eerste["msg"])
    if eerste["type"] == "extra_forbidden":
        melding = "onbekend veld"
    elif eerste["type"] == "missing":
        melding = "verplicht veld ontbreekt"
    aantal = fout.error_count()
    if aantal > 1:
        melding += f" (en nog {aantal - 1} fout{'en' if aantal > 2 else ''})"
    return InvoerFout(bestand, melding, veldpad(tuple(eerste["loc"])) or None)
