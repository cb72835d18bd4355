"""Decision reports for people who do not read JSON: Markdown and one self-contained HTML file."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined

from kennisbank.advies import GUNSTIGSTE_LOCATIETYPE, Casusresultaat, kopevaluatie
from kennisbank.casus import kenmerken, kenmerkpaden
from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import Evaluatie
from kennisbank.labels import (
    DREMPEL_LABELS,
    OORDEEL_LABELS,
    VRAGEN_ZONDER_GEVOLG,
    drempel_label,
    locatietype_label,
    oordeel_label,
    opsomming,
    waarde_label,
)
from kennisbank.tabellen import Matrixtabel
from kennisbank.tekstveilig import onschadelijk, ontsmet
from kennisbank.verklaring import Knoop, waarom
from kennisbank.weergave import beslissende_redenen


@dataclass
class Rapportcasus:
    resultaat: Casusresultaat
    feiten: list[tuple[str, str, str]]
    bomen: dict[str, Knoop]
    toelichting: str | None
    gezien: set[str] = field(default_factory=set)

    @property
    def samenvatting(self) -> str:
        return samenvatting(self.resultaat)

    def nieuw_citaat(self, citaat: str) -> bool:
        """A quote is printed the first time per case only (the matrix quote of 1.4 would
        otherwise stand under every function)."""
        if citaat in self.gezien:
            return False
        self.gezien.add(citaat)
        return True


def samenvatting(resultaat: Casusresultaat) -> str:
    """One sentence per case: which functions fit this place, and how well."""
    groepen: dict[Oordeel, list[str]] = {}
    for advies in resultaat.adviezen:
        groepen.setdefault(advies.oordeel, []).append(advies.naam)
    primair, *ook = resultaat.locatietypen
    plek = locatietype_label(primair) + "".join(
        f"; ook gelezen als {locatietype_label(lt)}" for lt in ook)
    delen = [f"{oordeel_label(oordeel)}: {opsomming(groepen[oordeel])}"
             for oordeel in Oordeel if oordeel in groepen]
    return f"Op deze plek ({plek}) is " + "; ".join(delen) + "."


def kolofon(vingerafdruk: str, auteur: str | None) -> dict[str, str | None]:
    """Date, version and rules fingerprint; SOURCE_DATE_EPOCH fixes the date for reproducible
    reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    dag = (datetime.fromtimestamp(int(epoch), tz=UTC) if epoch and epoch.isdigit()
           else datetime.now(tz=UTC)).date()
    try:
        versie = metadata.version("kennisbank-werkfuncties")
    except metadata.PackageNotFoundError:
        versie = "onbekend"
    return {"datum": dag.isoformat(), "versie": versie, "vingerafdruk": vingerafdruk[:12],
            "auteur": onschadelijk(auteur) if auteur else None}


def rapportcasus(evaluatie: Evaluatie, resultaat: Casusresultaat) -> Rapportcasus:
    paden = kenmerkpaden()
    feiten = [(pad, _beschrijving(pad, waarde, paden), leesbaar(waarde))
              for pad, waarde in kenmerken(evaluatie.casus).items() if waarde is not None]
    ook = evaluatie.casus.locatie.ook_locatietypen
    if ook:
        plaats = next((i + 1 for i, f in enumerate(feiten) if f[0] == "locatie.locatietype"),
                      len(feiten))
        feiten.insert(plaats, ("locatie.ook_locatietypen",
                               "Locatietypen die volgens de adviseur ook passen (1.3): "
                               + "; ".join(_definitieregel(lt) for lt in ook),
                               ", ".join(lt.value for lt in ook)))
    bomen = {advies.werkfunctie.value: waarom(kopevaluatie(evaluatie, advies.werkfunctie),
                                              advies.werkfunctie)[0]
             for advies in resultaat.adviezen}
    toelichting = evaluatie.casus.toelichting
    return Rapportcasus(ontsmet(resultaat),
                        [(pad, onschadelijk(b), onschadelijk(w)) for pad, b, w in feiten],
                        {f: ontsmet(b) for f, b in bomen.items()},
                        onschadelijk(toelichting) if toelichting else None)


def _definitieregel(locatietype: Locatietype) -> str:
    return (f"{LOCATIETYPE_NAMEN[locatietype]} ({LOCATIETYPE_BRONNEN[locatietype]}): "
            f"\"{LOCATIETYPE_DEFINITIES[locatietype]}\"")


def _beschrijving(pad: str, waarde: Any, paden: Mapping[str, Mapping[str, Any]]) -> str:
    """A fact's description; for the location type the definition of the type chosen, not the
    field's list of all five."""
    if pad != "locatie.locatietype":
        return str(paden[pad]["beschrijving"])
    if waarde in {lt.value for lt in Locatietype}:
        return ("Locatietype, een classificatie door de adviseur (1.3): "
                + _definitieregel(Locatietype(waarde)))
    return ("Locatietype, een classificatie door de adviseur (1.3): geen van de vijf "
            "beschrijvingen past (buiten de matrix van 1.4)")


@dataclass
class Locatietypetabel:
    """The verdict per location type, for a case that names more than one."""

    kop: list[str]
    rijen: list[list[str]]
    definities: list[str]
    gemarkeerd: bool


def per_locatietype(resultaat: Casusresultaat) -> Locatietypetabel | None:
    if len(resultaat.locatietypen) < 2:
        return None
    typen = [Locatietype(str(lt)) for lt in resultaat.locatietypen]
    kop = ["werkfunctie"] + [f"{LOCATIETYPE_BRONNEN[lt]} {LOCATIETYPE_NAMEN[lt]}"
                             + (" (primair)" if lt == typen[0] else "") for lt in typen]
    rijen = []
    gemarkeerd = False
    for advies in resultaat.adviezen:
        rij = [advies.naam]
        for regel in advies.oordeel_per_locatietype or []:
            kop_hier = not regel.primair and advies.locatietype == regel.locatietype.value
            gemarkeerd |= kop_hier
            rij.append(f"{oordeel_label(regel.oordeel)} ({regel.matrixscore or '–'})"
                       + (" *" if kop_hier else ""))
        rijen.append(rij)
    return Locatietypetabel(kop, rijen, [_definitieregel(lt) for lt in typen], gemarkeerd)


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
    omgeving.filters["drempel"] = drempel_label
    omgeving.filters["waarde"] = waarde_label  # an overridden fact as the text output shows it
    return omgeving


def _context(casussen: Iterable[Rapportcasus], matrix: Matrixtabel,
             meta: dict[str, str | None] | None = None, kort: bool = False) -> dict[str, Any]:
    return {
        "meta": meta or {"datum": "", "versie": "", "vingerafdruk": "", "auteur": None},
        "kort": kort,
        "oordeel_labels": OORDEEL_LABELS,
        "drempel_labels": DREMPEL_LABELS,
        "beslissend": beslissende_redenen,
        "per_locatietype": per_locatietype,
        "gunstigste_locatietype": GUNSTIGSTE_LOCATIETYPE,
        "vragen_zonder_gevolg": VRAGEN_ZONDER_GEVOLG,
        "casussen": casussen,
        "matrix": matrix,
        "locatietypen": list(Locatietype),
        "werkfuncties": list(Werkfunctie),
        "locatietype_namen": {lt.value: naam for lt, naam in LOCATIETYPE_NAMEN.items()},
        "locatietype_bronnen": {lt.value: bron for lt, bron in LOCATIETYPE_BRONNEN.items()},
        "locatietype_definities": {lt.value: d for lt, d in LOCATIETYPE_DEFINITIES.items()},
        "werkfunctie_namen": {f.value: naam for f, naam in WERKFUNCTIE_NAMEN.items()},
        "bronnen": BRONNEN,
    }


def als_markdown(casussen: list[Rapportcasus], matrix: Matrixtabel) -> str:
    uit = io.StringIO()
    schrijf_rapport(casussen, matrix, False, uit)
    return uit.getvalue()


def als_html(casussen: list[Rapportcasus], matrix: Matrixtabel,
             meta: dict[str, str | None] | None = None, kort: bool = False) -> str:
    uit = io.StringIO()
    schrijf_rapport(casussen, matrix, True, uit, meta, kort)
    return uit.getvalue()


def schrijf_rapport(casussen: Iterable[Rapportcasus], matrix: Matrixtabel, html: bool,
                    uit: TextIO, meta: dict[str, str | None] | None = None,
                    kort: bool = False) -> None:
    """The report written while it is rendered: a lazy ``casussen`` is evaluated case by case
    as the template reaches it, so memory does not grow with the number of cases."""
    sjabloon = "rapport.html.j2" if html else "rapport.md.j2"
    for stuk in _omgeving(html).get_template(sjabloon).generate(
            _context(casussen, matrix, meta, kort)):
        uit.write(stuk)
