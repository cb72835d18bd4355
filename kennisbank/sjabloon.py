"""``kennisbank nieuw``: a commented case template with every field, grouped by section.

Each field gets its Dutch description, unit, allowed values and who can change it, and a
commented example line: removing the ``#`` and writing the real value fills it in. A field left
commented is unknown, which the rules treat as an open question, never as 'nee'.
"""

from __future__ import annotations

import re
import textwrap
import typing
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kennisbank.casus import FEITSECTIES, Casus, Initiatief
from kennisbank.domein import Werkfunctie
from kennisbank.fouten import eenheid
from kennisbank.labels import WIE_LABELS

SECTIETITELS = {
    "pand": "Het pand: maten, toegang en voorzieningen van de ruimte",
    "locatie": "De locatie: type (handreiking 1.3/1.4), straat en omgeving",
    "beleid": "Beleid en planologie van de gemeente",
    "eigenaar": "De eigenaar van het pand",
    "markt": "De markt",
    "initiatief": "Het initiatief (laat de hele sectie weg als er nog geen initiatief is)",
}

#: Plausible example values for numbers and lists; the template's examples must validate.
VOORBEELDEN: dict[str, Any] = {
    "oppervlakte_m2": 250, "vrije_hoogte_m": 3.5, "verdieping": 0,
    "vraaghuur_eur_m2_jaar": 150, "parkeren_loopminuten": 5, "bezoekers_per_dag": 40,
    "ook_locatietypen": "aanloopstraat",
}

BREEDTE = 100


def _kern(annotatie: Any) -> Any:
    if typing.get_origin(annotatie) in (typing.Union, __import__("types").UnionType):
        delen = [a for a in typing.get_args(annotatie) if a is not type(None)]
        annotatie = delen[0] if len(delen) == 1 else delen
    if typing.get_origin(annotatie) is typing.Annotated:
        annotatie = typing.get_args(annotatie)[0]
    return annotatie


def _keuzes(annotatie: Any) -> list[str]:
    delen = annotatie if isinstance(annotatie, list) else [annotatie]
    keuzes: list[str] = []
    for deel in delen:
        if typing.get_origin(deel) is typing.Literal:
            keuzes += [str(w) for w in typing.get_args(deel)]
        elif isinstance(deel, type) and issubclass(deel, str) and hasattr(deel, "__members__"):
            keuzes += [str(w.value) for w in deel.__members__.values()]
    return keuzes


def _grenzen(info: FieldInfo) -> str:
    delen = []
    for m in info.metadata:
        if isinstance(m, annotated_types.Gt):
            delen.append(f"groter dan {m.gt}")
        if isinstance(m, annotated_types.Ge):
            delen.append(f"ten minste {m.ge}")
        if isinstance(m, annotated_types.Le):
            delen.append(f"hoogstens {m.le}")
    return ", ".join(delen)


def _veld(naam: str, info: FieldInfo, inspringing: str) -> list[str]:
    kern = _kern(info.annotation)
    keuzes = _keuzes(kern)
    uitleg = [info.description or ""]
    voorbeeld: Any
    if typing.get_origin(kern) in (list, tuple):
        # A list of choices (the further location types): its example must differ from the
        # example of the single choice before it, or the filled-in template would not validate.
        keuzes = _keuzes(typing.get_args(kern)[0])
        uitleg.append("Een lijst; kies uit: " + ", ".join(keuzes) + ".")
        voorbeeld = f"[{VOORBEELDEN.get(naam, keuzes[-1])}]"
    elif kern is bool:
        uitleg.append("ja of nee.")
        voorbeeld = "ja"
    elif keuzes:
        uitleg.append("Kies uit: " + ", ".join(keuzes) + ".")
        voorbeeld = keuzes[0]
    elif kern in (int, float):
        soort = "Geheel getal" if kern is int else "Getal"
        meting = eenheid(naam)
        grenzen = _grenzen(info)
        uitleg.append(f"{soort}" + (f" in {meting}, zonder eenheid" if meting else "")
                      + (f" ({grenzen})" if grenzen else "") + ".")
        voorbeeld = VOORBEELDEN.get(naam, 1)
    else:
        uitleg.append("Tekst.")
        voorbeeld = '"…"'
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if "wie" in extra:
        uitleg.append(f"Kan veranderen: {WIE_LABELS[str(extra['wie'])]}.")
    uitleg.append("Laat weg als onbekend.")
    tekst = f"{naam} — " + " ".join(uitleg)
    regels = textwrap.wrap(tekst, BREEDTE - len(inspringing) - 2, break_on_hyphens=False)
    return [f"{inspringing}# {r}" for r in regels] + [f"{inspringing}# {naam}: {voorbeeld}"]


def _omgevingsplan(info: FieldInfo, inspringing: str) -> list[str]:
    tekst = (f"omgevingsplan — {info.description} Per werkfunctie: toegestaan, afwijking_nodig of "
             "niet_toegestaan. Kan veranderen: de gemeente. Laat een functie weg als onbekend. "
             "Hoe categorieën van een echt plan ('dienstverlening', 'kantoor') op de zes functies "
             "passen: zie de README.")
    regels = [f"{inspringing}# {r}" for r in textwrap.wrap(tekst, BREEDTE - len(inspringing) - 2)]
    regels.append(f"{inspringing}# omgevingsplan:")
    regels += [f"{inspringing}#   {f.value}: toegestaan" for f in Werkfunctie]
    return regels


def sjabloon(casus_id: str, gemeente: str | None) -> str:
    """The template text: id and gemeente filled in, every fact commented out."""
    regels = [
        "# Casus voor de kennisbank werkfuncties in de binnenstad.",
        "# Vul in wat bekend is: haal '# ' voor de voorbeeldregel weg en schrijf de echte waarde.",
        "# Wat onbekend is, laat u weg: onbekend is iets anders dan 'nee', en de kennisbank maakt",
        "# er een open vraag van. ja/nee-vragen beantwoordt u met ja of nee; getallen schrijft u",
        "# zonder eenheid (de eenheid staat in de naam van het veld, bijv. _m2).",
        "# Controleren: kennisbank evalueer DIT-BESTAND",
        f"id: {casus_id}",
        f"gemeente: {gemeente}" if gemeente else "gemeente:  # verplicht: de naam van de gemeente",
        '# titel: "…"',
        "# illustratief: nee",
        '# toelichting: "…"',
    ]
    for sectie in FEITSECTIES:
        model: type[BaseModel] = Initiatief if sectie == "initiatief" else \
            Casus.model_fields[sectie].annotation  # type: ignore[assignment]
        regels += ["", f"# --- {SECTIETITELS[sectie]}", f"{sectie}:"]
        for naam, info in model.model_fields.items():
            if naam == "omgevingsplan":
                regels += _omgevingsplan(info, "  ")
            else:
                regels += _veld(naam, info, "  ")
    return "\n".join(regels) + "\n"


def id_uit_bestandsnaam(naam: str) -> str:
    """A valid case id from a file name: lower case, digits and '-'."""
    kandidaat = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")
    return kandidaat[:80] or "nieuwe-casus"
