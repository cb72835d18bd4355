"""Finding, reading and validating case files; applying what-if overrides (``--stel``)."""

from __future__ import annotations

import os
import stat
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kennisbank.casus import Casus
from kennisbank.fouten import InvoerFout, uit_validatiefout
from kennisbank.yamlbestand import lees_yaml, lees_yaml_tekst

CASUSEXTENSIES = (".yaml", ".yml")
#: Folders are searched this deep; deeper trees are refused instead of exhausting the stack.
MAX_MAPDIEPTE = 64
#: What --stel may not change: what identifies a case and what is expected of it are no facts.
GEEN_FEIT = ("id", "verwacht")


@dataclass(frozen=True)
class Aanpassing:
    """A fact overridden on the command line: its path, the value in the file, the new value."""

    pad: str
    oud: Any
    nieuw: Any


@dataclass(frozen=True)
class GeladenCasus:
    bestand: Path
    casus: Casus
    aanpassingen: tuple[Aanpassing, ...] = ()


def _doorzoek(map: Path) -> Iterator[Path]:
    """Case files under a folder, without recursion and with a bounded depth."""
    te_doen = [(map, 0)]
    while te_doen:
        huidig, diepte = te_doen.pop()
        if diepte > MAX_MAPDIEPTE:
            raise InvoerFout(huidig, f"mappen te diep genest (meer dan {MAX_MAPDIEPTE} niveaus)")
        try:
            with os.scandir(huidig) as items:
                for item in items:
                    if item.is_dir(follow_symlinks=False):
                        te_doen.append((Path(item.path), diepte + 1))
                    elif item.is_file() and Path(item.name).suffix in CASUSEXTENSIES:
                        yield Path(item.path)
        except OSError as fout:
            raise InvoerFout(huidig, f"kan map niet doorzoeken ({fout.strerror})") from None


def vind_casusbestanden(paden: Iterable[Path | str]) -> list[Path]:
    """Case files named directly, or found recursively in named folders (sorted, no duplicates)."""
    gevonden: list[Path] = []
    for pad in map(Path, paden):
        try:
            modus = pad.stat().st_mode
        except FileNotFoundError:
            raise InvoerFout(pad, "bestand of map bestaat niet") from None
        except OSError as fout:
            raise InvoerFout(pad, f"kan niet lezen ({fout.strerror})") from None
        if stat.S_ISDIR(modus):
            gevonden.extend(sorted(_doorzoek(pad)))
        elif stat.S_ISREG(modus):
            gevonden.append(pad)
        else:
            raise InvoerFout(pad, "geen gewoon bestand")
    uniek = list(dict.fromkeys(gevonden))
    if not uniek:
        raise InvoerFout(", ".join(map(str, paden)), "geen casusbestanden (*.yaml) gevonden")
    return uniek


#: Between the items of a list fact in ``--stel`` (``locatie.ook_locatietypen=a,b``).
STEL_LIJSTSCHEIDING = ","


def parse_stel(opdracht: str) -> tuple[str, Any]:
    """Split ``pad=waarde``; the value is read as a YAML scalar (true, 12.5, tekst, null), and
    for a list fact as items separated by commas (or a YAML list ``[a, b]``). An empty value
    makes the fact unknown."""
    try:
        opdracht.encode("utf-8")
    except UnicodeEncodeError:
        raise InvoerFout("--stel", "is geen UTF-8-tekst") from None
    pad, is_, waarde = opdracht.partition("=")
    pad = pad.strip()
    if not is_ or not pad:
        raise InvoerFout("--stel", f"verwacht PAD=WAARDE, kreeg {kort(opdracht)}")
    lijst = is_lijstveld(controleer_stelpad(pad))
    if not waarde.strip():
        return pad, None
    if lijst:
        return pad, _stel_lijst(pad, waarde)
    gelezen = lees_yaml_tekst(waarde, f"--stel {pad}")
    if isinstance(gelezen, dict | list):
        raise InvoerFout("--stel", "alleen enkelvoudige waarden", pad)
    return pad, gelezen


def _stel_lijst(pad: str, waarde: str) -> list[Any]:
    """The items of a list fact: ``a,b`` or ``[a, b]``, each item a YAML scalar."""
    if waarde.strip().startswith("["):
        gelezen = lees_yaml_tekst(waarde, f"--stel {pad}")
        delen = gelezen if isinstance(gelezen, list) else [gelezen]
    else:
        delen = [lees_yaml_tekst(deel, f"--stel {pad}") if deel.strip() else None
                 for deel in waarde.split(STEL_LIJSTSCHEIDING)]
    for deel in delen:
        if deel is None:
            raise InvoerFout("--stel", "een leeg item in de lijst; schrijf de items gescheiden "
                                       "door komma's (PAD=a,b), of PAD= voor onbekend", pad)
        if isinstance(deel, dict | list):
            raise InvoerFout("--stel", "elk item van de lijst is een enkelvoudige waarde", pad)
    return delen


def is_lijstveld(annotatie: Any) -> bool:
    """Whether a field holds a list of values (``tuple[X, ...] | None``)."""
    if typing.get_origin(annotatie) in (tuple, list):
        return True
    if isinstance(annotatie, types.UnionType) or typing.get_origin(annotatie) is typing.Union:
        return any(is_lijstveld(deel) for deel in typing.get_args(annotatie))
    return False


def kort(waarde: Any, lengte: int = 80) -> str:
    """A value as people read it, cut off: a message never prints an unbounded value."""
    tekst = repr(waarde)
    return tekst if len(tekst) <= lengte else tekst[:lengte - 1] + "…"


def _model_van(annotatie: Any) -> Any:
    """The model or dict type inside an annotation such as ``Pand | None``."""
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    if typing.get_origin(annotatie) is dict:
        return annotatie
    for deel in typing.get_args(annotatie):
        gevonden = _model_van(deel)
        if gevonden is not None:
            return gevonden
    return None


def controleer_stelpad(pad: str) -> Any:
    """A --stel path must name a fact of the case schema (a misspelling would do nothing);
    returns the type the schema declares for it."""
    delen = pad.split(".")
    if delen[0] in GEEN_FEIT:
        raise InvoerFout("--stel", f"{delen[0]} is geen feit van de casus en kan niet met "
                                   "--stel veranderen", pad)
    huidig: Any = Casus
    for i, deel in enumerate(delen):
        gezien = ".".join(delen[:i + 1])
        if isinstance(huidig, type) and issubclass(huidig, BaseModel):
            if deel not in huidig.model_fields:
                raise InvoerFout("--stel", "onbekend veld", gezien)
            volgende = huidig.model_fields[deel].annotation
        elif typing.get_origin(huidig) is dict:
            sleutel, volgende = typing.get_args(huidig)
            if isinstance(sleutel, type) and issubclass(sleutel, Enum) and \
                    deel not in {str(e.value) for e in sleutel}:
                raise InvoerFout("--stel", "onbekende sleutel", gezien)
        else:
            raise InvoerFout("--stel", "is geen sectie", ".".join(delen[:i]))
        if i == len(delen) - 1:
            return volgende
        huidig = _model_van(volgende)
    return None


def zet_pad(data: dict[str, Any], pad: str, waarde: Any) -> Any:
    """Set a dotted fact path in raw case data (None removes it); returns the old value."""
    delen = pad.split(".")
    doel = data
    for deel in delen[:-1]:
        volgende = doel.get(deel)
        if volgende is None:
            volgende = doel[deel] = {}
        if not isinstance(volgende, dict):
            raise InvoerFout("--stel", "is geen sectie", ".".join(delen[: delen.index(deel) + 1]))
        doel = volgende
    oud = doel.get(delen[-1])
    if waarde is None:
        doel.pop(delen[-1], None)
    else:
        doel[delen[-1]] = waarde
    return oud


def met_wijzigingen(casus: Casus, wijzigingen: Iterable[tuple[str, Any]]) -> Casus:
    """The case with some facts changed (path, new value; None makes a fact unknown), validated
    like a file: what the why-not search tries, and a case read under another location type."""
    data = casus.model_dump(mode="json", exclude_none=True)
    data.pop("verwacht", None)
    for pad, waarde in wijzigingen:
        zet_pad(data, pad, waarde)
    return valideer(data, f"casus {casus.id}")


def valideer(data: Any, bron: Path | str) -> Casus:
    if not isinstance(data, dict):
        raise InvoerFout(bron, "een casus is een YAML-mapping met ten minste id en gemeente")
    try:
        return Casus.model_validate(data)
    except ValidationError as fout:
        raise uit_validatiefout(bron, fout) from None


def laad_casus(bestand: Path, stel: Iterable[str] = ()) -> GeladenCasus:
    data = lees_yaml(bestand)
    if not isinstance(data, dict):
        raise InvoerFout(bestand, "een casus is een YAML-mapping met ten minste id en gemeente")
    return casus_met_stel(data, bestand, stel)


def casus_met_stel(data: dict[str, Any], bestand: Path, stel: Iterable[str] = (),
                   bron: Path | str | None = None) -> GeladenCasus:
    """Freshly read case data with the what-if overrides applied (in place), validated;
    ``bron`` names the data in errors."""
    aanpassingen = []
    for opdracht in stel:
        pad, waarde = parse_stel(opdracht)
        oud = zet_pad(data, pad, waarde)
        aanpassingen.append(Aanpassing(pad, oud, waarde))
    bron = bron if bron is not None else bestand
    if aanpassingen:
        bron = f"{bron} (met --stel)"
    return GeladenCasus(bestand, valideer(data, bron), tuple(aanpassingen))


def laad_casussen(paden: Iterable[Path | str], stel: Iterable[str] = ()) -> list[GeladenCasus]:
    stel = list(stel)
    geladen = [laad_casus(b, stel) for b in vind_casusbestanden(paden)]
    gezien: dict[str, Path] = {}
    for item in geladen:
        if item.casus.id in gezien:
            raise InvoerFout(item.bestand, f"casus-id {item.casus.id!r} staat ook in "
                                           f"{gezien[item.casus.id]}", "id")
        gezien[item.casus.id] = item.bestand
    return geladen
