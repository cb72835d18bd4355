"""Errors that the CLI reports as one clear line with exit code 2 (invalid input)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


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
    """Every error of a pydantic ValidationError, in Dutch, on one line: field by field, with
    the nearest known key for a misspelled one and what a field expects (units, ja/nee)."""
    from pydantic import ValidationError

    assert isinstance(fout, ValidationError)
    per_veld: dict[str, list[str]] = {}
    for fouttje in fout.errors(include_url=False):
        locatie = tuple(d for d in fouttje["loc"] if isinstance(d, int) or _is_veldnaam(d))
        pad = veldpad(locatie)
        melding = dutch_melding(fouttje, locatie)
        meldingen = per_veld.setdefault(pad, [])
        if melding.startswith(KIES_UIT) and meldingen and meldingen[-1].startswith(KIES_UIT):
            # A union of choices (location types or 'buiten_matrix'): one list of choices.
            eerder = meldingen.pop().removeprefix(KIES_UIT).replace(" of ", ", ")
            melding = KIES_UIT + eerder + " of " + melding.removeprefix(KIES_UIT)
        if melding not in meldingen:
            meldingen.append(melding)
    delen = [f"{pad}: {' of '.join(m)}" if pad else " of ".join(m)
             for pad, m in per_veld.items()]
    if len(delen) == 1:
        (pad,) = per_veld
        return InvoerFout(bestand, " of ".join(per_veld[pad]), pad or None)
    return InvoerFout(bestand, f"{len(delen)} fouten: " + "; ".join(delen))


def _is_veldnaam(deel: object) -> bool:
    """Union members appear in pydantic's error locations ('str-enum[Locatietype]',
    "literal['buiten_matrix']"); a person only knows the field names."""
    return isinstance(deel, str) and deel.replace("_", "").isalnum()


#: Units by the ending of a field name; the name carries the unit, the value is a bare number.
EENHEDEN = {"_m2": "m²", "_m": "meter", "_eur_m2_jaar": "euro per m² per jaar",
            "_loopminuten": "minuten lopen"}


def eenheid(veld: str) -> str | None:
    for einde, naam in sorted(EENHEDEN.items(), key=lambda e: -len(e[0])):
        if veld.endswith(einde):
            return naam
    return None


KIES_UIT = "kies uit "


def _keuzes(verwacht: str) -> str:
    return verwacht.replace(" or ", " of ")


def dutch_melding(fout: Any, locatie: tuple[int | str, ...]) -> str:
    """One pydantic error as a Dutch phrase that says what to write instead."""
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    veld = str(locatie[-1]) if locatie else ""
    if soort == "extra_forbidden":
        suggestie = _dichtstbijzijnde(locatie)
        return "onbekend veld" + (f", bedoelde u '{suggestie}'?" if suggestie else "")
    if soort == "missing":
        return "verplicht veld ontbreekt"
    if soort in ("bool_type", "bool_parsing"):
        return "verwacht ja of nee (of true/false), laat het veld weg als het onbekend is"
    if soort in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        wat = "een geheel getal" if soort.startswith("int") else "een getal"
        meting = eenheid(veld)
        uitleg = (f" zonder eenheid (het veld is al in {meting}: schrijf alleen het getal)"
                  if meting else "")
        gekregen = fout.get("input")
        if isinstance(gekregen, bool):
            uitleg += " (ja/nee is geen getal)"
        elif isinstance(gekregen, str):
            uitleg += " (zonder aanhalingstekens)" if not meting else ""
        return f"verwacht {wat}{uitleg}"
    if soort == "finite_number":
        return "verwacht een gewoon getal (geen NaN of oneindig)"
    grenzen = {"greater_than": "moet groter zijn dan {gt}",
               "greater_than_equal": "moet ten minste {ge} zijn",
               "less_than": "moet kleiner zijn dan {lt}",
               "less_than_equal": "mag hoogstens {le} zijn"}
    if soort in grenzen:
        meting = eenheid(veld)
        return grenzen[soort].format(**ctx) + (f" ({meting})" if meting else "")
    if soort in ("literal_error", "enum"):
        return KIES_UIT + _keuzes(str(ctx.get("expected", "")))
    if soort == "string_pattern_mismatch" and veld == "id":
        return ("een id bestaat uit kleine letters, cijfers en '-', zonder spaties "
                "(bijv. rotterdam-lijnbaan-12)")
    if soort == "string_too_short":
        return "mag niet leeg zijn"
    if soort == "string_too_long":
        return f"hoogstens {ctx.get('max_length')} tekens"
    if soort == "string_type":
        return "verwacht tekst"
    if soort in ("model_type", "dict_type", "model_attributes_type"):
        return "verwacht een sectie met velden eronder (of laat de sectie weg)"
    if soort in ("list_type", "tuple_type"):
        return "verwacht een lijst"
    if soort == "value_error":
        # The project's own validators say in Dutch what is wrong (a table row, a missing function).
        return str(ctx.get("error") or fout.get("msg", "")).removeprefix("Value error, ")
    return "ongeldige waarde"


def _dichtstbijzijnde(locatie: tuple[int | str, ...]) -> str | None:
    """The known field nearest to a misspelled key at the same place in the case."""
    import difflib

    from pydantic import BaseModel

    from kennisbank.casus import Casus, Initiatief

    model: Any = Casus
    for deel in locatie[:-1]:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(str(deel))
        if info is None:
            return None
        model = Initiatief if deel == "initiatief" else info.annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    if not locatie:  # the document itself is not a mapping of fields
        return None
    kandidaten = list(model.model_fields)
    gevonden = difflib.get_close_matches(str(locatie[-1]), kandidaten, n=1, cutoff=0.6)
    return gevonden[0] if gevonden else None
