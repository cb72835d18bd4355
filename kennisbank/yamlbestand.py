"""Reading YAML files written by people, with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kennisbank.fouten import InvoerFout


def lees_yaml(bestand: Path) -> Any:
    """Parse a YAML file into plain Python data; an empty file or broken YAML is an InvoerFout."""
    try:
        tekst = bestand.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvoerFout(bestand, "bestand bestaat niet") from None
    except UnicodeDecodeError:
        raise InvoerFout(bestand, "bestand is geen UTF-8-tekst") from None
    except OSError as fout:
        raise InvoerFout(bestand, f"kan bestand niet lezen ({fout.strerror})") from None
    return lees_yaml_tekst(tekst, bestand)


def lees_yaml_tekst(tekst: str, bestand: Path | str) -> Any:
    if not tekst.strip():
        raise InvoerFout(bestand, "leeg bestand")
    yaml = YAML(typ="safe")
    try:
        data = yaml.load(tekst)
    except MarkedYAMLError as fout:
        regel = fout.problem_mark.line + 1 if fout.problem_mark else None
        waar = f"regel {regel}: " if regel else ""
        raise InvoerFout(bestand, f"{waar}ongeldige YAML ({fout.problem})") from None
    except YAMLError as fout:
        raise InvoerFout(bestand, f"ongeldige YAML ({fout})") from None
    if data is None:
        raise InvoerFout(bestand, "leeg bestand")
    return data
