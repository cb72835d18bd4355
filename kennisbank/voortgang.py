"""A progress bar on a terminal's stderr for long runs; silent when piped or in CI.

rich is imported only when a bar is shown, so machine-readable runs do not pay for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def voortgang(items: Sequence[T], omschrijving: str) -> Iterable[T]:
    if len(items) < 5 or not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    foutuitvoer = Console(stderr=True)
    if not foutuitvoer.is_terminal:
        return items
    return track(items, description=omschrijving, console=foutuitvoer, transient=True)
