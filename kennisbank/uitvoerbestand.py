"""Writing output files atomically: a reader never sees a half-written file.

The output goes to a hidden temporary file beside the target, which replaces the target only when
everything is written. A symbolic link is written through to its target; anything that is not a
regular file (a device, a FIFO, a directory) is refused, so ``-o`` can never replace a device node.
A replaced file keeps its mode and owner; a new file gets the mode the umask allows, like any file
a program creates. An interruption (Ctrl-C, SIGTERM) or a write error removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kennisbank.fouten import InvoerFout

#: ``-o -``: standard output, as most command-line programs read it.
STANDAARDUITVOER = "-"


def _umaskmodus() -> int:
    huidig = os.umask(0o022)
    os.umask(huidig)
    return 0o666 & ~huidig


def controleer_doel(doel: Path | str, invoer: Iterable[Path] = ()) -> Path:
    """The real file an output path refers to, checked before any work is done.

    Refuses an empty path, a target that is not a regular file, a missing folder and a target
    that is one of the input files (writing the report there would destroy the case).
    """
    if str(doel) == "":
        raise InvoerFout("-o", "leeg pad voor het uitvoerbestand")
    echt = Path(os.path.realpath(doel))
    try:
        status = echt.stat()
    except FileNotFoundError:
        status = None
    except OSError as fout:
        raise InvoerFout(doel, f"kan uitvoerbestand niet controleren ({fout.strerror})") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        soort = "een map" if stat.S_ISDIR(status.st_mode) else "geen gewoon bestand"
        raise InvoerFout(doel, f"uitvoerbestand is {soort}; kies een bestandsnaam")
    if not echt.parent.is_dir():
        raise InvoerFout(doel, "de map voor het uitvoerbestand bestaat niet")
    for bestand in invoer:
        if os.path.realpath(bestand) == str(echt):
            raise InvoerFout(doel, "uitvoerbestand is ook een invoerbestand; kies een ander pad")
    return echt


@contextlib.contextmanager
def atomair_bestand(doel: Path) -> Iterator[TextIO]:
    """A text file to write to; it replaces ``doel`` when the block ends without an error."""
    echt = controleer_doel(doel)
    try:
        bestaand: os.stat_result | None = echt.stat()
    except FileNotFoundError:
        bestaand = None
    tijdelijk: str | None = None
    try:
        fd, tijdelijk = tempfile.mkstemp(dir=echt.parent, prefix=f".{echt.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as uit:
            yield uit
            uit.flush()
            os.fsync(uit.fileno())
        if bestaand is not None:
            os.chmod(tijdelijk, stat.S_IMODE(bestaand.st_mode))
            with contextlib.suppress(OSError):
                os.chown(tijdelijk, bestaand.st_uid, bestaand.st_gid)
        else:
            os.chmod(tijdelijk, _umaskmodus())
        os.replace(tijdelijk, echt)
        tijdelijk = None
    except BrokenPipeError:
        raise  # the screen's pipe closed while this file was open; not this file's fault
    except OSError as fout:
        raise InvoerFout(doel, f"kan uitvoerbestand niet schrijven ({fout.strerror or fout}); "
                               "bestaand bestand ongewijzigd") from None
    finally:
        if tijdelijk is not None:
            Path(tijdelijk).unlink(missing_ok=True)


@contextlib.contextmanager
def uitvoer(doel: Path | None) -> Iterator[TextIO]:
    """Standard output when ``doel`` is None, else an atomically replaced file."""
    if doel is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomair_bestand(doel) as bestand:
        yield bestand


def schrijf_atomair(doel: Path, inhoud: str) -> None:
    with atomair_bestand(doel) as uit:
        uit.write(inhoud)


@contextlib.contextmanager
def atomair_pad(doel: Path) -> Iterator[Path]:
    """A temporary path beside ``doel`` for writers that need a file name (XLSX, SQLite); it
    replaces ``doel`` only when the block ends without an error, checked like ``atomair_bestand``.
    """
    echt = controleer_doel(doel)
    fd, tijdelijk = tempfile.mkstemp(dir=echt.parent, prefix=f".{echt.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tijdelijk)
        os.chmod(tijdelijk, _umaskmodus())
        os.replace(tijdelijk, echt)
    except BrokenPipeError:
        raise  # the screen's pipe closed while this file was open; not this file's fault
    except OSError as fout:
        raise InvoerFout(doel, f"kan uitvoerbestand niet schrijven ({fout.strerror or fout}); "
                               "bestaand bestand ongewijzigd") from None
    finally:
        Path(tijdelijk).unlink(missing_ok=True)
