"""Writing output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kennisbank.fouten import InvoerFout


def schrijf_atomair(doel: Path, inhoud: str) -> None:
    map = doel.parent if str(doel.parent) else Path(".")
    if not map.is_dir():
        raise InvoerFout(doel, "de map voor het uitvoerbestand bestaat niet")
    fd, tijdelijk = tempfile.mkstemp(dir=map, prefix=f".{doel.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as uit:
            uit.write(inhoud)
        os.replace(tijdelijk, doel)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


@contextmanager
def atomair_pad(doel: Path) -> Iterator[Path]:
    """A temporary path beside ``doel`` to write to; it becomes ``doel`` only on success."""
    map = doel.parent if str(doel.parent) else Path(".")
    if not map.is_dir():
        raise InvoerFout(doel, "de map voor het uitvoerbestand bestaat niet")
    fd, tijdelijk = tempfile.mkstemp(dir=map, prefix=f".{doel.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tijdelijk)
        os.replace(tijdelijk, doel)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
