"""Finding, reading and validating case files; applying what-if overrides (``--stel``)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kennisbank.casus import Casus
from kennisbank.fouten import InvoerFout, uit_validatiefout
from kennisbank.yamlbestand import lees_yaml, lees_yaml_tekst

CASUSEXTENSIES = (".yaml", ".yml")


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


def vind_casusbestanden(paden: Iterable[Path | str]) -> list[Path]:
    """Case files named directly, or found recursively in named folders (sorted, no duplicates)."""
    gevonden: list[Path] = []
    for pad in map(Path, paden):
        if pad.is_dir():
            gevonden.extend(sorted(p for p in pad.rglob("*")
                                   if p.is_file() and p.suffix in CASUSEXTENSIES))
        elif pad.is_file():
            gevonden.append(pad)
        else:
            raise InvoerFout(pad, "bestand of map bestaat niet")
    uniek = list(dict.fromkeys(gevonden))
    if not uniek:
        raise InvoerFout(", ".join(map(str, paden)), "geen casusbestanden (*.yaml) gevonden")
    return uniek


def parse_stel(opdracht: str) -> tuple[str, Any]:
    """Split ``pad=waarde``; the value is read as a YAML scalar (true, 12.5, tekst, null)."""
    pad, is_, waarde = opdracht.partition("=")
    pad = pad.strip()
    if not is_ or not pad:
        raise InvoerFout("--stel", f"verwacht PAD=WAARDE, kreeg {opdracht!r}")
    if not waarde.strip():
        return pad, None
    gelezen = lees_yaml_tekst(waarde, f"--stel {pad}")
    if isinstance(gelezen, dict | list):
        raise InvoerFout("--stel", "alleen enkelvoudige waarden", pad)
    return pad, gelezen


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
    """Raw case data with the what-if overrides applied, validated; ``bron`` names it in errors."""
    data = copy.deepcopy(data)
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
