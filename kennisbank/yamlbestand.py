"""Reading YAML files written by people, with errors that name the file, line and field.

A case file is data typed by a person, so before it is built into Python objects its events are
checked: a bounded size and nesting depth (deep nesting crashes YAML parsers), no anchors or
aliases (a few hundred bytes of aliases expand to gigabytes), no explicit tags (``!!set``,
``!!binary``, ``!!python/...``), no numbers too long to convert. Dates are kept as the text the
person wrote, and a non-finite number (``.nan``, ``.inf``) is refused. Rule tables are read with
the same bounds; they may use anchors.
"""

from __future__ import annotations

import datetime
import math
import re
import stat
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)

from kennisbank.fouten import InvoerFout

#: A case file is a few kilobytes; a megabyte is far beyond any real one.
MAX_TEKENS = 1_000_000
#: A case nests four levels (verwacht.functie.drempels[i]); tables a few more.
MAX_DIEPTE = 32
#: The longest integer that may be written: far beyond any area or rent, far below the
#: interpreter's limit on converting digits.
MAX_CIJFERS = 30
_GETAL = re.compile(r"[-+]?[0-9_]+")


def een_regel(tekst: str) -> str:
    """Collapse a multi-line parser message into one line."""
    return " ".join(tekst.split())


def lees_yaml(bestand: Path, casus: bool = True) -> Any:
    """Parse a YAML file into plain Python data; an empty file or broken YAML is an InvoerFout."""
    try:
        if not stat.S_ISREG(bestand.stat().st_mode):
            # Opening a FIFO would wait for a writer forever; a device is no case file.
            raise InvoerFout(bestand, "geen gewoon bestand")
        with bestand.open("rb") as invoer:
            ruw = invoer.read(MAX_TEKENS * 4 + 1)
    except FileNotFoundError:
        raise InvoerFout(bestand, "bestand bestaat niet") from None
    except OSError as fout:
        raise InvoerFout(bestand, f"kan bestand niet lezen ({fout.strerror})") from None
    if len(ruw) > MAX_TEKENS * 4:
        raise InvoerFout(bestand, f"bestand is te groot (meer dan {MAX_TEKENS} tekens)")
    try:
        tekst = ruw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvoerFout(bestand, "bestand is geen UTF-8-tekst") from None
    return lees_yaml_tekst(tekst, bestand, casus)


def _pad(stapel: list[list[Any]]) -> str | None:
    """The dotted field path of the value being read (lists as [i])."""
    pad = ""
    for soort, sleutel, _ in stapel:
        if sleutel is None:
            continue
        if soort == "lijst":
            pad += f"[{sleutel}]"
        else:
            pad += ("." if pad else "") + str(sleutel)
    return (pad if len(pad) <= 80 else pad[:79] + "…") or None


def controleer_gebeurtenissen(yaml: YAML, tekst: str, bron: Path | str, casus: bool) -> None:
    """Walk the parser's events once, refusing what a case file may not contain.

    Each level of the stack is [kind, current key or index, whether a key is expected next].
    """
    stapel: list[list[Any]] = []

    def fout(melding: str) -> InvoerFout:
        return InvoerFout(bron, melding, _pad(stapel))

    for gebeurtenis in yaml.parse(tekst):
        if casus and (isinstance(gebeurtenis, AliasEvent) or getattr(gebeurtenis, "anchor", None)):
            raise fout("ankers en aliassen (& en *) zijn niet toegestaan in een casusbestand")
        if isinstance(gebeurtenis, ScalarEvent | CollectionStartEvent):
            bovenste = stapel[-1] if stapel else None
            sleutelpositie = bool(bovenste and bovenste[0] == "mapping" and bovenste[2])
            expliciet = gebeurtenis.tag is not None and not (
                isinstance(gebeurtenis, ScalarEvent) and gebeurtenis.implicit[0])
            if casus and expliciet:
                raise fout(f"eigen tags ({gebeurtenis.tag}) zijn niet toegestaan in een "
                           "casusbestand")
            if isinstance(gebeurtenis, ScalarEvent):
                waarde = gebeurtenis.value
                if (not gebeurtenis.style and _GETAL.fullmatch(waarde)
                        and len(waarde) > MAX_CIJFERS):
                    raise fout(f"getal met {len(waarde)} cijfers; ten hoogste {MAX_CIJFERS}")
                if bovenste is not None:
                    if sleutelpositie:
                        bovenste[1] = waarde if len(waarde) <= 80 else waarde[:77] + "..."
                    elif bovenste[0] == "lijst":
                        bovenste[1] = 0 if bovenste[1] is None else bovenste[1] + 1
                    if bovenste[0] == "mapping":
                        bovenste[2] = not bovenste[2]
                continue
            if bovenste is not None:
                if sleutelpositie:
                    raise fout("een sleutel moet tekst zijn, geen lijst of mapping")
                if bovenste[0] == "lijst":
                    bovenste[1] = 0 if bovenste[1] is None else bovenste[1] + 1
            if len(stapel) >= MAX_DIEPTE:
                raise fout(f"te diep genest (meer dan {MAX_DIEPTE} niveaus)")
            stapel.append(["mapping" if isinstance(gebeurtenis, MappingStartEvent) else "lijst",
                           None, isinstance(gebeurtenis, MappingStartEvent)])
        elif isinstance(gebeurtenis, MappingEndEvent | SequenceEndEvent):
            stapel.pop()
            if stapel and stapel[-1][0] == "mapping":
                stapel[-1][2] = True
        elif isinstance(gebeurtenis, AliasEvent) and stapel and stapel[-1][0] == "mapping":
            stapel[-1][2] = not stapel[-1][2]


def _als_gegevens(waarde: Any, bron: Path | str, pad: str = "") -> Any:
    """Dates back to the text written; non-finite numbers refused with their field."""
    if isinstance(waarde, dict):
        return {k: _als_gegevens(v, bron, f"{pad}.{k}" if pad else str(k))
                for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_als_gegevens(v, bron, f"{pad}[{i}]") for i, v in enumerate(waarde)]
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise InvoerFout(bron, f"{waarde} is geen getal dat de kennisbank kan gebruiken",
                         pad or None)
    return waarde


def lees_yaml_tekst(tekst: str, bestand: Path | str, casus: bool = True) -> Any:
    if not tekst.strip():
        raise InvoerFout(bestand, "leeg bestand")
    if len(tekst) > MAX_TEKENS:
        raise InvoerFout(bestand, f"bestand is te groot (meer dan {MAX_TEKENS} tekens)")
    yaml = YAML(typ="safe")
    try:
        controleer_gebeurtenissen(yaml, tekst, bestand, casus)
        data = yaml.load(tekst)
    except MarkedYAMLError as fout:
        regel = fout.problem_mark.line + 1 if fout.problem_mark else None
        waar = f"regel {regel}: " if regel else ""
        raise InvoerFout(bestand, f"{waar}ongeldige YAML ({een_regel(str(fout.problem))})"
                         ) from None
    except (YAMLError, ValueError) as fout:
        raise InvoerFout(bestand, f"ongeldige YAML ({een_regel(str(fout))})") from None
    if data is None:
        raise InvoerFout(bestand, "leeg bestand")
    return _als_gegevens(data, bestand)
