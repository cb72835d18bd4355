"""Validated rule tables kept on disk between runs, so a command starts without parsing YAML.

Reading and validating the seven tables of a rules directory costs more than evaluating a case.
The validated table is stored under a key made of everything its validation depends on: the
file's content, the table's model, and the code that validates it (the package's version and
the content of its own modules, so an edited model in a source checkout is never served a table
validated by the old one). Another rules directory, a changed table or a municipal variant
(whose tables are validated apart, never through this cache) therefore never meets a stale
entry. Entries are written atomically; one that cannot be read is ignored and written anew;
a cache directory that cannot be written is no error, only slower.

The directory is ``KENNISBANK_CACHEMAP`` when set (empty: no cache), else the user's cache
directory (platformdirs when installed, else ``$XDG_CACHE_HOME`` or ``~/.cache``) + ``kennisbank``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from kennisbank.uitvoerbestand import atomair_pad

T = TypeVar("T")

OMGEVINGSVARIABELE = "KENNISBANK_CACHEMAP"


def cachemap() -> Path | None:
    """Where entries live; None when the cache is switched off."""
    gekozen = os.environ.get(OMGEVINGSVARIABELE)
    if gekozen is not None:
        return Path(gekozen) if gekozen else None
    return _gebruikerscache()


@cache
def _gebruikerscache() -> Path:
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        basis = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(basis) / "kennisbank"
    return Path(user_cache_dir("kennisbank"))


@cache
def codeafdruk() -> str:
    """The package's version and the content of its modules, with the Python and pydantic
    versions (a pickled model depends on both)."""
    import pydantic

    from kennisbank import __version__

    h = hashlib.sha256(f"{__version__} {platform.python_version()} {pydantic.VERSION}".encode())
    pakket = Path(__file__).resolve().parent
    for module in sorted(pakket.rglob("*.py")):
        h.update(str(module.relative_to(pakket)).encode())
        h.update(module.read_bytes())
    return h.hexdigest()


def sleutel(*delen: bytes | str) -> str:
    h = hashlib.sha256(codeafdruk().encode())
    for deel in delen:
        h.update(b"\0" + (deel.encode() if isinstance(deel, str) else deel))
    return h.hexdigest()[:32]


def lees(naam: str, soort: type[T]) -> T | None:
    """The entry stored under ``naam``, or None when there is none, it cannot be read, or it
    holds something else than a ``soort``."""
    map = cachemap()
    if map is None:
        return None
    try:
        with (map / f"{naam}.pickle").open("rb") as invoer:
            inhoud = pickle.load(invoer)
    except Exception:  # missing, unreadable, truncated, written by another version: not there
        return None
    return inhoud if isinstance(inhoud, soort) else None


def schrijf(naam: str, inhoud: Any) -> None:
    """Store ``inhoud`` under ``naam``, atomically as every file the package writes; any
    failure leaves the cache as it was."""
    map = cachemap()
    if map is None:
        return
    try:
        map.mkdir(parents=True, exist_ok=True)
        with atomair_pad(map / f"{naam}.pickle") as tijdelijk:
            tijdelijk.write_bytes(pickle.dumps(inhoud, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a full disk or a read-only home only makes the next run slower
        pass
