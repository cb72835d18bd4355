"""The stable vocabulary of the knowledge base: identifiers used in input, output and the CLI.

These identifiers are a contract with case files, other tools and stored expectations; the rule
base may change what it concludes about them, never their names.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Werkfunctie(StrEnum):
    KANTOREN_COWORKING = "kantoren_coworking"
    MODERNE_MAKERS = "moderne_makers"
    LICHTE_MAAKBEDRIJVEN = "lichte_maakbedrijven"
    SPORT_WELLBEING = "sport_wellbeing"
    PERSOONLIJKE_DIENSTEN = "persoonlijke_diensten"
    MAATSCHAPPELIJKE_VOORZIENINGEN = "maatschappelijke_voorzieningen"


WERKFUNCTIE_NAMEN: dict[Werkfunctie, str] = {
    Werkfunctie.KANTOREN_COWORKING: "Kantoren & co-working",
    Werkfunctie.MODERNE_MAKERS: "Moderne makers",
    Werkfunctie.LICHTE_MAAKBEDRIJVEN: "Lichte maakbedrijven en reparatie",
    Werkfunctie.SPORT_WELLBEING: "Sport & well-being",
    Werkfunctie.PERSOONLIJKE_DIENSTEN: "Persoonlijke diensten",
    Werkfunctie.MAATSCHAPPELIJKE_VOORZIENINGEN: "Maatschappelijke voorzieningen",
}


class Locatietype(StrEnum):
    BOVEN_WINKELS_KLEIN_MIDDEL = "boven_winkels_klein_middel"
    BOVEN_WINKELS_GROOT = "boven_winkels_groot"
    AANLOOPSTRAAT = "aanloopstraat"
    GEBIEDSONTWIKKELING = "gebiedsontwikkeling"
    SEMI_INDUSTRIEEL_PAND = "semi_industrieel_pand"


LOCATIETYPE_NAMEN: dict[Locatietype, str] = {
    Locatietype.BOVEN_WINKELS_KLEIN_MIDDEL: "Werken boven winkels (klein en middel)",
    Locatietype.BOVEN_WINKELS_GROOT: "Werken boven of onder winkels (groot)",
    Locatietype.AANLOOPSTRAAT: "Aanloopstraat",
    Locatietype.GEBIEDSONTWIKKELING: "Gebiedsontwikkeling",
    Locatietype.SEMI_INDUSTRIEEL_PAND: "Voormalig (semi-)industrieel pand",
}

#: The section of the guide that describes each location type.
LOCATIETYPE_BRONNEN: dict[Locatietype, str] = {
    lt: f"1.3.{nummer}" for nummer, lt in enumerate(Locatietype, start=1)
}

#: Each location type's definition, quoted word for word from its section of 1.3: what the
#: advisor classifies a pand by (the guide's descriptions can overlap, so a case may name more).
LOCATIETYPE_DEFINITIES: dict[Locatietype, str] = {
    Locatietype.BOVEN_WINKELS_KLEIN_MIDDEL: "Kleine en middelgrote verdiepingen. Vaak "
                                            "versnipperd, minder goed zichtbaar en functioneel "
                                            "eenvoudig van opzet.",
    Locatietype.BOVEN_WINKELS_GROOT: "Grote vloervelden in voormalige warenhuizen of grote "
                                     "winkelunits.",
    Locatietype.AANLOOPSTRAAT: "Schakel tussen kernwinkelgebied en omliggende woon- of "
                               "werkgebieden. Lagere passantenintensiteit, maar wel "
                               "zichtbaarheid en dagelijkse reuring.",
    Locatietype.GEBIEDSONTWIKKELING: "Nieuwe of getransformeerde stedelijke gebieden waar het "
                                     "programma grotendeels maakbaar en stuurbaar is.",
    Locatietype.SEMI_INDUSTRIEEL_PAND: "Vaak karakteristieke panden met industriële oorsprong, "
                                       "gekenmerkt door hoge plafonds, grote overspanningen en "
                                       "een robuuste bouwkundige kwaliteit.",
}

#: A case may place a pand outside the five matrix location types; the matrix then says nothing.
BUITEN_MATRIX = "buiten_matrix"


class Oordeel(StrEnum):
    """Verdicts, listed from best to worst; ``rang`` gives the order."""

    PASSEND = "passend"
    PASSEND_ONDER_VOORWAARDEN = "passend_onder_voorwaarden"
    BEPERKT_PASSEND = "beperkt_passend"
    NIET_PASSEND = "niet_passend"

    @property
    def rang(self) -> int:
        """Higher is better: passend 3 … niet_passend 0."""
        return {
            Oordeel.PASSEND: 3,
            Oordeel.PASSEND_ONDER_VOORWAARDEN: 2,
            Oordeel.BEPERKT_PASSEND: 1,
            Oordeel.NIET_PASSEND: 0,
        }[self]


def slechtste(oordelen: list[Oordeel]) -> Oordeel:
    """The lowest verdict of a list; an empty list imposes no limit (passend)."""
    return min(oordelen, key=lambda o: o.rang, default=Oordeel.PASSEND)


#: Barrier ids, in the order of the handreiking (2.D1 … 2.D13).
DrempelId = Literal[
    "overlast", "praktische_bezwaren", "verplaatsing_bedrijventerrein", "zicht_vraag_aanbod",
    "huuropbrengst", "investeringskosten", "beleidskader", "vergunningsprocedure",
    "omgevingsplan", "capaciteit_gemeente", "beeld_makelaars", "onbekendheid_eigenaar",
    "pand_ongeschikt",
]


class Beinvloedbaarheid(StrEnum):
    HOOG = "hoog"
    GEDEELTELIJK = "gedeeltelijk"
    BEPERKT = "beperkt"


#: Section keys of the handreiking (see shared/handreiking/README.md), with a readable label.
BRONNEN: dict[str, str] = {
    "1.1": "Waarom werkfuncties in de binnenstad?",
    "1.2.1": "Welke bedrijven dan? Kantoren & co-working",
    "1.2.2": "Welke bedrijven dan? Moderne makers",
    "1.2.3": "Welke bedrijven dan? Lichte maakbedrijven en reparatie",
    "1.2.4": "Welke bedrijven dan? Sport & well-being",
    "1.2.5": "Welke bedrijven dan? Persoonlijke diensten",
    "1.2.6": "Welke bedrijven dan? Maatschappelijke voorzieningen",
    "1.3.1": "Op welke locaties? Werken boven winkels (klein en middel)",
    "1.3.2": "Op welke locaties? Werken boven of onder winkels (groot)",
    "1.3.3": "Op welke locaties? Aanloopstraat",
    "1.3.4": "Op welke locaties? Gebiedsontwikkeling",
    "1.3.5": "Op welke locaties? Voormalig (semi-)industrieel pand",
    "1.4": "Indicatieve match tussen werkfuncties en locaties",
    "1.5.1": "Levendigheid en sociale veiligheid: Kantoren & co-working",
    "1.5.2": "Levendigheid en sociale veiligheid: Moderne makers",
    "1.5.3": "Levendigheid en sociale veiligheid: Lichte maakbedrijven en reparatie",
    "1.5.4": "Levendigheid en sociale veiligheid: Sport & well-being",
    "1.5.5": "Levendigheid en sociale veiligheid: Persoonlijke diensten",
    "1.5.6": "Levendigheid en sociale veiligheid: Maatschappelijke voorzieningen",
    "1.6": "Sturingsinstrumentarium gemeente",
    "2.1": "Stakeholders en drijfveren",
    "2.2": "Ervaren drempels vanuit stakeholders",
    "2.D1": "Drempel: overlast",
    "2.D2": "Drempel: praktische bezwaren (bevoorrading, parkeren, huur)",
    "2.D3": "Drempel: bedrijven verplaatsen niet van bedrijventerrein",
    "2.D4": "Drempel: onvoldoende zicht op vraag en aanbod",
    "2.D5": "Drempel: te weinig huuropbrengst",
    "2.D6": "Drempel: te hoge investeringskosten",
    "2.D7": "Drempel: geen duidelijk beleidskader",
    "2.D8": "Drempel: onzekere en lange vergunningsprocedures",
    "2.D9": "Drempel: functie past niet in het omgevingsplan",
    "2.D10": "Drempel: onvoldoende capaciteit gemeente",
    "2.D11": "Drempel: makelaars hebben geen beeld van de kansen",
    "2.D12": "Drempel: onbekendheid bij eigenaren",
    "2.D13": "Drempel: panden niet geschikt",
    "3.A1": "Checklist 1: strategische en inhoudelijke scherpte",
    "3.B2": "Checklist 2: eigendom, partijen en organisatie",
    "3.B3": "Checklist 3: kadastrale en juridische basis",
    "3.B4": "Checklist 4: Omgevingswet en planologie",
    "3.B5": "Checklist 5: bouwkundige en ruimtelijke mogelijkheden",
    "3.C6": "Checklist 6: value case",
    "3.C7": "Checklist 7: financiële en economische haalbaarheid",
    "3.C8": "Checklist 8: procedures en besluitvorming",
    "3.C9": "Checklist 9: omgeving en draagvlak",
    "4.1": "Rol van de gemeente",
    "4.2": "Interne organisatie",
    "4.3": "Integraal en gebiedsgericht werken",
    "4.4": "Procesregie en voorspelbaarheid",
    "4.5": "Rollen binnen de gemeentelijke organisatie",
    "4.6": "Tot slot: van ambitie naar realisatie",
    "P": "Betrokken partners en bestudeerde cases",
}
