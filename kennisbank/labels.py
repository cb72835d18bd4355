"""Dutch labels for every identifier and value that people read; JSON output keeps the ids."""

from __future__ import annotations

from typing import Any

from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)

OORDEEL_LABELS: dict[str, str] = {
    Oordeel.PASSEND.value: "passend",
    Oordeel.PASSEND_ONDER_VOORWAARDEN.value: "passend onder voorwaarden",
    Oordeel.BEPERKT_PASSEND.value: "beperkt passend",
    Oordeel.NIET_PASSEND.value: "niet passend",
}

#: The heading of the open questions behind a closed door (``advies.beslissende_vraagfeiten``):
#: what the case does not know, none of which can lift the verdict.
VRAGEN_ZONDER_GEVOLG = "beslissen het oordeel niet: het ligt vast"

#: Barrier ids in the handreiking's order 2.D1 … 2.D13; the label is the section's own title.
DREMPEL_BRONNEN: dict[str, str] = {
    drempel: f"2.D{nummer}" for nummer, drempel in enumerate((
        "overlast", "praktische_bezwaren", "verplaatsing_bedrijventerrein", "zicht_vraag_aanbod",
        "huuropbrengst", "investeringskosten", "beleidskader", "vergunningsprocedure",
        "omgevingsplan", "capaciteit_gemeente", "beeld_makelaars", "onbekendheid_eigenaar",
        "pand_ongeschikt"), start=1)
}
DREMPEL_LABELS: dict[str, str] = {
    drempel: BRONNEN[bron].removeprefix("Drempel: ") for drempel, bron in DREMPEL_BRONNEN.items()
}

#: Values of the case's choice fields as a person says them.
WAARDE_LABELS: dict[str, str] = {
    "via_winkel": "via de winkel",
    "buiten_matrix": "buiten de matrix",
    "toegestaan": "toegestaan",
    "afwijking_nodig": "afwijking nodig",
    "niet_toegestaan": "niet toegestaan",
    "nieuw_bedrijf": "nieuw bedrijf",
    "bedrijventerrein": "bedrijventerrein",
    "groei_of_verandering": "groei of verandering",
    "eigen_keuze": "eigen keuze",
    "gedeeltelijk": "gedeeltelijk",
}

#: Who can change a fact. A location fact is fixed by where the building stands: the advisor
#: classifies it, nobody in the case can change it.
WIE_LABELS: dict[str, str] = {
    "gemeente": "de gemeente",
    "eigenaar": "de eigenaar",
    "initiatiefnemer": "de initiatiefnemer",
    "adviseur": "de adviseur (die het locatietype aan de hand van 1.3 kiest)",
    "vast": "niemand: een gegeven van de plek (de adviseur stelt het vast)",
}


def oordeel_label(oordeel: Oordeel | str) -> str:
    return OORDEEL_LABELS[str(getattr(oordeel, "value", oordeel))]


def drempel_label(drempel: str) -> str:
    return DREMPEL_LABELS.get(drempel, drempel.replace("_", " "))


def functie_label(functie: Werkfunctie | str) -> str:
    return WERKFUNCTIE_NAMEN[Werkfunctie(functie)]


def locatietype_label(locatietype: Locatietype | str | None) -> str:
    if locatietype is None:
        return "onbekend"
    try:
        return LOCATIETYPE_NAMEN[Locatietype(locatietype)]
    except ValueError:
        return WAARDE_LABELS.get(str(locatietype), str(locatietype))


def waarde_label(waarde: Any) -> str:
    """A fact value as a person reads it: ja/nee/onbekend, numbers without .0, Dutch ids."""
    if waarde is None:
        return "onbekend"
    if isinstance(waarde, list | tuple):
        return ", ".join(waarde_label(deel) for deel in waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, float):
        return str(waarde).replace(".", ",")
    tekst = str(getattr(waarde, "value", waarde))
    if tekst in OORDEEL_LABELS:
        return OORDEEL_LABELS[tekst]
    if tekst in {f.value for f in Werkfunctie}:
        return functie_label(tekst)
    if tekst in {lt.value for lt in Locatietype}:
        return locatietype_label(tekst)
    return WAARDE_LABELS.get(tekst, tekst)


def opsomming(namen: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]
