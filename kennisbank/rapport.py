"""Decision reports for people who do not read JSON: Markdown and one self-contained HTML file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from kennisbank.advies import Casusresultaat
from kennisbank.casus import kenmerken, kenmerkpaden
from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Werkfunctie,
)
from kennisbank.engine import Evaluatie
from kennisbank.tabellen import Matrixtabel
from kennisbank.tekstveilig import onschadelijk, ontsmet
from kennisbank.verklaring import Knoop, waarom


@dataclass
class Rapportcasus:
    resultaat: Casusresultaat
    feiten: list[tuple[str, str, str]]
    bomen: dict[str, Knoop]
    toelichting: str | None


def rapportcasus(evaluatie: Evaluatie, resultaat: Casusresultaat) -> Rapportcasus:
    paden = kenmerkpaden()
    feiten = [(pad, paden[pad]["beschrijving"], leesbaar(waarde))
              for pad, waarde in kenmerken(evaluatie.casus).items() if waarde is not None]
    bomen = {advies.werkfunctie.value: waarom(evaluatie, advies.werkfunctie)[0]
             for advies in resultaat.adviezen}
    toelichting = evaluatie.casus.toelichting
    return Rapportcasus(ontsmet(resultaat),
                        [(pad, onschadelijk(b), onschadelijk(w)) for pad, b, w in feiten],
                        {f: ontsmet(b) for f, b in bomen.items()},
                        onschadelijk(toelichting) if toelichting else None)


def leesbaar(waarde: Any) -> str:
    """A fact value as a person reads it: ja/nee for booleans, numbers without trailing .0."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


_MARKDOWN_TEKENS = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def markdown_veilig(waarde: Any) -> str:
    """Text from a case file as inert Markdown: no HTML, links or table breaks can slip in."""
    tekst = str(waarde).replace("&", "&amp;")
    return _MARKDOWN_TEKENS.sub(r"\\\1", tekst).replace("\n", " ")


def _omgeving(html: bool) -> Environment:
    omgeving = Environment(
        loader=PackageLoader("kennisbank", "templates"),
        autoescape=html,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    omgeving.filters["md"] = markdown_veilig
    return omgeving


def _context(casussen: list[Rapportcasus], matrix: Matrixtabel) -> dict[str, Any]:
    return {
        "casussen": casussen,
        "matrix": matrix,
        "locatietypen": list(Locatietype),
        "werkfuncties": list(Werkfunctie),
        "locatietype_namen": {lt.value: naam for lt, naam in LOCATIETYPE_NAMEN.items()},
        "werkfunctie_namen": {f.value: naam for f, naam in WERKFUNCTIE_NAMEN.items()},
        "bronnen": BRONNEN,
    }


def als_markdown(casussen: list[Rapportcasus], matrix: Matrixtabel) -> str:
    return _omgeving(html=False).get_template("rapport.md.j2").render(_context(casussen, matrix))


def als_html(casussen: list[Rapportcasus], matrix: Matrixtabel) -> str:
    return _omgeving(html=True).get_template("rapport.html.j2").render(_context(casussen, matrix))
