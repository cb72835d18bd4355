"""The case file (casus): validated input.

Every fact except what identifies the case is optional. A field that is absent (or ``null``) is
*unknown*, which the rules treat differently from ``false``: an unknown requirement becomes an
open question or a condition, never a silent pass or rejection.

Each field says who could change it within a case (``wie``): the gemeente (policy), the owner
(building facts that can be altered), the initiatiefnemer (the concrete initiative), or nobody
(``vast``: the location and what surrounds it). Explanations use this to say who would have to act.
"""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from its text at import (together about 7 ms of start-up for the case, table
# and output models).
import functools
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kennisbank.domein import (
    BUITEN_MATRIX,
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    DrempelId,
    Locatietype,
    Oordeel,
    Werkfunctie,
)

#: The Dutch booleans a person may write besides true/false.
JA_NEE = {"ja": True, "Ja": True, "JA": True, "nee": False, "Nee": False, "NEE": False}


def _ja_nee(waarde: Any) -> Any:
    return JA_NEE.get(waarde, waarde) if isinstance(waarde, str) else waarde


#: One rule for every case fact: strict types. A yes/no fact is true/false or ja/nee (nothing
#: else: not 1, not "yes", not "off"); a number is a number (not "250", not true, not NaN);
#: a whole number is not 2.0.
JaNee = Annotated[bool, BeforeValidator(_ja_nee), Strict()]
Getal = Annotated[float, Strict(), AllowInfNan(False)]
GeheelGetal = Annotated[int, Strict()]


class Wie(StrEnum):
    GEMEENTE = "gemeente"
    EIGENAAR = "eigenaar"
    INITIATIEFNEMER = "initiatiefnemer"
    ADVISEUR = "adviseur"
    VAST = "vast"


def veld(beschrijving: str, wie: Wie | None = None, **beperkingen: Any) -> Any:
    """An optional case fact with its Dutch description and who can change it."""
    extra: dict[str, Any] = {"wie": wie.value} if wie else {}
    return Field(default=None, description=beschrijving, json_schema_extra=extra or None,
                 **beperkingen)


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Pand(Strikt):
    adres: str | None = veld("Adres of aanduiding van het pand.")
    oppervlakte_m2: Getal | None = veld(
        "Beschikbare oppervlakte (bvo) in m².", Wie.EIGENAAR, gt=0, le=100_000)
    vrije_hoogte_m: Getal | None = veld("Vrije hoogte in meter.", Wie.EIGENAAR, gt=0, le=30)
    verdieping: GeheelGetal | None = veld(
        "Bouwlaag van de ruimte: -1 kelder/souterrain, 0 begane grond (plint), 1 en hoger.",
        Wie.VAST, ge=-3, le=60)
    daglicht: JaNee | None = veld("Voldoende daglicht in de werkruimte.", Wie.EIGENAAR)
    entree: Literal["eigen", "gedeeld", "via_winkel"] | None = veld(
        "Soort entree: eigen (zelfstandig), gedeeld (trappenhuis) of via de winkel.", Wie.EIGENAAR)
    entree_zichtbaar_aan_straat: JaNee | None = veld(
        "De entree is direct zichtbaar aan de straat.", Wie.EIGENAAR)
    vindbaar_vanaf_straat: JaNee | None = veld(
        "Vindbaar vanaf de straat (routing, etalage).", Wie.EIGENAAR)
    achterkant: JaNee | None = veld(
        "De ruimte ligt aan de achterkant (achterhuis, binnen- of achterterrein), niet aan de "
        "straat.", Wie.VAST)
    gevel: Literal["transparant", "gesloten"] | None = veld(
        "Karakter van de gevel aan de straat.", Wie.EIGENAAR)
    lift: JaNee | None = veld("Lift aanwezig naar de ruimte.", Wie.EIGENAAR)
    drempelvrij: JaNee | None = veld("Drempelvrije toegang (rolstoel).", Wie.EIGENAAR)
    laden_lossen: Literal["direct", "nabij", "geen"] | None = veld(
        "Mogelijkheid tot laden en lossen: direct aan het pand, in de nabijheid, of geen.",
        Wie.VAST)
    ventilatie_voldoende: JaNee | None = veld("Goede ventilatie en klimaatbeheersing.",
                                              Wie.EIGENAAR)
    sanitair: JaNee | None = veld("Sanitaire voorzieningen aanwezig.", Wie.EIGENAAR)
    douches_kleedruimte: JaNee | None = veld("Kleedruimte en douches aanwezig.", Wie.EIGENAAR)
    geluid_trillingsisolatie: JaNee | None = veld(
        "Bouwkundige geluid- en trillingsisolatie naar omliggende functies.", Wie.EIGENAAR)
    robuuste_vloer: JaNee | None = veld("Robuuste vloer (belastbaar voor machines).", Wie.EIGENAAR)
    elektra_voldoende: JaNee | None = veld("Voldoende elektrische capaciteit.", Wie.EIGENAAR)
    open_vloer: JaNee | None = veld("Grote open vloer (zaal) zonder storende constructie.",
                                   Wie.EIGENAAR)
    representatieve_uitstraling: JaNee | None = veld("Representatieve uitstraling.", Wie.EIGENAAR)
    deelbaar: JaNee | None = veld("Geschikt voor deelverhuur of opdeling.", Wie.EIGENAAR)
    gedeelde_voorzieningen: JaNee | None = veld(
        "Gedeelde voorzieningen (machines, vergaderruimte, kantine) in het pand.", Wie.EIGENAAR)
    magazijn_berging: JaNee | None = veld("Magazijn of berging bij de werkruimte.", Wie.EIGENAAR)
    spreekkamers_privacy: JaNee | None = veld(
        "Functionele, flexibele ruimtes (spreekkamers) met privacy.", Wie.EIGENAAR)
    toegang_24_7_mogelijk: JaNee | None = veld("Het pand is 24/7 toegankelijk voor gebruikers.",
                                              Wie.EIGENAAR)
    diep_pand: JaNee | None = veld("Diep pand (ver van de gevel, weinig daglicht achterin).",
                                  Wie.VAST)
    smal_historisch_pand: JaNee | None = veld("Smal historisch pand.", Wie.VAST)
    nooduitgang: JaNee | None = veld("Tweede vluchtweg / nooduitgang aanwezig.", Wie.EIGENAAR)
    nooduitgang_aan_te_brengen: JaNee | None = veld(
        "Een nooduitgang (tweede vluchtweg) is in het pand aan te brengen (ook gezien een "
        "eventuele monumentenstatus).", Wie.VAST)
    samenvoegbaar: JaNee | None = veld(
        "Samenvoegen met naastgelegen units of uitbreiden is mogelijk.", Wie.EIGENAAR)
    monument: JaNee | None = veld("Het pand heeft een monumentenstatus.", Wie.VAST)
    vraaghuur_eur_m2_jaar: Getal | None = veld(
        "Vraaghuur in euro per m² per jaar.", Wie.EIGENAAR, ge=0, le=10_000)


class Locatie(Strikt):
    straat: str | None = veld("Straat en eventueel wijk.")
    locatietype: Locatietype | Literal["buiten_matrix"] | None = veld(
        "Locatietype uit de matrix (1.3/1.4), of 'buiten_matrix' als geen van de vijf past. "
        "Een classificatie door de adviseur aan de hand van de beschrijvingen in 1.3: "
        + "; ".join(f"{lt.value} ({LOCATIETYPE_BRONNEN[lt]}): \"{LOCATIETYPE_DEFINITIES[lt]}\""
                    for lt in Locatietype)
        + " Passen meer beschrijvingen, dan staat hier het best passende type en staan de "
          "andere onder ook_locatietypen.",
        Wie.ADVISEUR)
    # Not a fact the rules read (no 'wie'): each type named here is evaluated as the case's
    # location type in its own run, so the rules keep reading one location type.
    ook_locatietypen: tuple[Locatietype, ...] | None = Field(
        default=None,
        description="Andere locatietypen uit 1.3 waarvan de beschrijving volgens de adviseur "
                    "ook past, bijv. een verdieping boven een winkel in een aanloopstraat. Elk "
                    "type wordt apart beoordeeld; het advies toont per werkfunctie het oordeel "
                    "onder elk type en neemt het gunstigste over. Alleen naast een van de vijf "
                    "typen in locatietype, zonder herhaling. Kan veranderen: de adviseur.")
    binnenstad: JaNee | None = veld(
        "Ligt in de binnenstad, het gebied waarover de handreiking gaat; nee bij bijvoorbeeld "
        "een wijkwinkelcentrum of een bedrijventerrein.", Wie.VAST)
    kernwinkelgebied: JaNee | None = veld("Ligt in het kernwinkelgebied.", Wie.VAST)
    a_winkelstraat: JaNee | None = veld("Ligt in een A-winkelstraat.", Wie.VAST)
    aanloopstraat_publieksfunctie: Literal["sterk", "beperkt"] | None = veld(
        "Bij een aanloopstraat: sterke of beperkte publieksfunctie.", Wie.VAST)
    stationsgebied_ov_knooppunt: JaNee | None = veld(
        "Stationsgebied of gemengd gebied nabij een OV-knooppunt.", Wie.VAST)
    binnenstadsschil: JaNee | None = veld("Centrumrand / binnenstadsschil.", Wie.VAST)
    gemengd_gebied: JaNee | None = veld("Gemengd gebied rond de binnenstad.", Wie.VAST)
    makerszone_broedplaats: JaNee | None = veld("Makerszone of broedplaats.", Wie.VAST)
    centrumstraat_dagelijkse_reuring: JaNee | None = veld(
        "Aanloop- of centrumstraat met dagelijkse reuring.", Wie.VAST)
    levendige_omgeving_functiemix: JaNee | None = veld(
        "Levendige omgeving met functiemix (horeca).", Wie.VAST)
    woongevoelige_straat: JaNee | None = veld("Woongevoelige straat.", Wie.VAST)
    ruimte_voor_maken: JaNee | None = veld(
        "De straat biedt ruimte voor 'maken' (geluid, gebruik).", Wie.GEMEENTE)
    ontsluiting_laagfrequent: JaNee | None = veld(
        "Bereikbaar voor (laagfrequente) bevoorrading met bestelverkeer.", Wie.GEMEENTE)
    geluidgevoelige_woningen_boven_naast: JaNee | None = veld(
        "Geluidgevoelige woningen direct boven of naast de ruimte.", Wie.VAST)
    passantenstroom: Literal["hoog", "gemiddeld", "laag"] | None = veld(
        "Passantenstroom langs het pand.", Wie.VAST)
    intensieve_avondhoreca_nabij: JaNee | None = veld(
        "Intensieve avondhoreca in de directe nabijheid.", Wie.VAST)
    ov_nabij: JaNee | None = veld("Goed bereikbaar met het openbaar vervoer.", Wie.VAST)
    fietsbereikbaar: JaNee | None = veld("Goed bereikbaar per fiets en te voet.", Wie.VAST)
    parkeren_loopminuten: Getal | None = veld(
        "Loopafstand in minuten tot parkeergelegenheid voor auto's.", Wie.GEMEENTE, ge=0, le=120)
    kiss_and_ride: JaNee | None = veld("Kiss & ride / kort parkeren bij de entree.", Wie.GEMEENTE)
    rustige_veilige_looproute: JaNee | None = veld(
        "Rustige, veilige looproute, ook 's avonds.", Wie.GEMEENTE)
    grote_woonfunctie: JaNee | None = veld("Omgeving met een grote woonfunctie.", Wie.VAST)
    beperkte_openbare_ruimte: JaNee | None = veld("Beperkte openbare ruimte.", Wie.VAST)
    eerdere_spanningen_functies: JaNee | None = veld(
        "Eerdere spanningen tussen functies in de straat of buurt.", Wie.VAST)
    sterke_woningbouw_of_vergrijzing: JaNee | None = veld(
        "Gebied met sterke woningbouw of vergrijzing (toenemende vraag naar maatschappelijke "
        "voorzieningen).", Wie.VAST)
    historisch_fijnmazig: JaNee | None = veld(
        "Historische binnenstad met fijnmazige verkaveling.", Wie.VAST)

    @field_validator("ook_locatietypen")
    @classmethod
    def _ook_naast_een_matrixtype(cls, ook: tuple[Locatietype, ...] | None,
                                  info: ValidationInfo) -> tuple[Locatietype, ...] | None:
        """Further types complete a primary matrix type: without one (unknown, or outside the
        matrix: none of the five fits) a further type contradicts the case."""
        if not ook:
            return None  # an empty list names no further type, like leaving the field out
        if "locatietype" not in info.data:
            return ook  # the primary type is itself invalid; that error says enough
        primair = info.data["locatietype"]
        if primair is None:
            raise ValueError("noem eerst het best passende type in locatietype; "
                             "ook_locatietypen vult dat aan")
        if primair == BUITEN_MATRIX:
            raise ValueError("locatietype is buiten_matrix (geen van de vijf past), dan past "
                             "ook geen ander type; laat ook_locatietypen weg of kies een type")
        dubbel = sorted({lt.value for lt in ook if ook.count(lt) > 1})
        if dubbel:
            raise ValueError(f"{', '.join(dubbel)} staat er meer dan eens in")
        if primair in ook:
            raise ValueError(f"{primair.value} is al het locatietype; noem hier alleen de "
                             "andere typen die ook passen")
        return ook


Toelating = Literal["toegestaan", "afwijking_nodig", "niet_toegestaan"]


class Beleid(Strikt):
    omgevingsplan: dict[Werkfunctie, Toelating] = Field(
        default_factory=dict,
        description="Per werkfunctie wat het omgevingsplan zegt; een ontbrekende functie is "
                    "onbekend.",
        json_schema_extra={"wie": Wie.GEMEENTE.value},
    )
    gebiedsprofiel_werkfuncties: JaNee | None = veld(
        "Er is een gebiedsprofiel dat benoemt welke werkfuncties hier passen.", Wie.GEMEENTE)
    beleidskader_werkfuncties: JaNee | None = veld(
        "Er is een vastgesteld beleidskader om werkfunctie-initiatieven te toetsen.",
        Wie.GEMEENTE)
    monitoring_werkfuncties: JaNee | None = veld(
        "De gemeente monitort vraag en aanbod van werkfuncties structureel.", Wie.GEMEENTE)
    capaciteit_begeleiding: JaNee | None = veld(
        "De gemeente heeft capaciteit om dit initiatief te begeleiden.", Wie.GEMEENTE)
    werken_in_binnenstad_prioriteit: JaNee | None = veld(
        "'Werken in de binnenstad' is een expliciete uitvoeringsprioriteit.", Wie.GEMEENTE)
    trekker_met_mandaat: JaNee | None = veld(
        "Duidelijke gemeentelijke trekker (naam en mandaat).", Wie.GEMEENTE)
    vast_aanspreekpunt: JaNee | None = veld(
        "Eén vast aanspreekpunt voor initiatiefnemers.", Wie.GEMEENTE)
    vooroverleg_principebesluit: JaNee | None = veld(
        "Vooroverleg of een principebesluit is mogelijk of genomen.", Wie.GEMEENTE)
    experimenteerruimte: JaNee | None = veld(
        "Afwijkings- of experimenteerruimte (tijdelijke vergunning, BOPA, pilot) is beschikbaar.",
        Wie.GEMEENTE)
    meerdere_beleidseisen: JaNee | None = veld(
        "Meerdere beleidsambities worden tegelijk op dit initiatief toegepast.", Wie.GEMEENTE)
    hoge_druk_ruimte_leefbaarheid: JaNee | None = veld(
        "Gebied met hoge druk op ruimte en leefbaarheid.", Wie.VAST)
    transformatie_of_leegstand: JaNee | None = veld(
        "Transformatiegebied of structurele leegstand.", Wie.VAST)
    veel_stakeholders: JaNee | None = veld(
        "Complex initiatief met veel stakeholders.", Wie.VAST)
    hoge_druk_woningbouw_vergunningen: JaNee | None = veld(
        "De gemeente heeft hoge druk op reguliere woningbouw- en vergunningsopgaven.", Wie.VAST)


class Eigenaar(Strikt):
    soort: Literal["particulier", "belegger", "gemeente", "corporatie"] | None = veld(
        "Soort eigenaar.", Wie.VAST)
    ervaring_met_werkfuncties: JaNee | None = veld(
        "De eigenaar heeft ervaring met werkfuncties.", Wie.EIGENAAR)
    lange_historie_een_functie: JaNee | None = veld(
        "Het pand kent een lange historie van één functie (bijv. winkel).", Wie.VAST)
    voorbeelden_in_omgeving: JaNee | None = veld(
        "Er zijn concrete voorbeelden van werkfuncties in de directe omgeving.", Wie.GEMEENTE)
    aangehaakt: JaNee | None = veld("Eigenaar en ontwikkelaar aangehaakt en geïnformeerd.",
                                   Wie.EIGENAAR)
    investeringsruimte: Literal["ruim", "beperkt"] | None = veld(
        "Investeringsruimte van de eigenaar voor de transformatie.", Wie.EIGENAAR)
    zekerheid_huisvesting: JaNee | None = veld(
        "De eigenaar kan de gebruiker zekerheid over de huisvesting bieden (bijv. de huurtermijn).",
        Wie.EIGENAAR)
    combinatie_rendabele_functie_mogelijk: JaNee | None = veld(
        "De werkfunctie kan gecombineerd worden met rendabelere functies (wonen, voorzieningen).",
        Wie.EIGENAAR)


class Markt(Strikt):
    makelaars_kennen_werkfuncties: JaNee | None = veld(
        "Makelaars hebben werkfuncties op het netvlies voor dit gebied.", Wie.GEMEENTE)


class Initiatief(Strikt):
    omschrijving: str | None = veld("Het concrete initiatief, bijv. 'kapper'.")
    werkfunctie: Werkfunctie | None = veld("De werkfunctie van het initiatief.",
                                           Wie.INITIATIEFNEMER)
    openingstijden: str | None = veld("Openingstijden in woorden.")
    avondgebruik: JaNee | None = veld("Gebruik in de avond.", Wie.INITIATIEFNEMER)
    toegang_24_7: JaNee | None = veld("24/7 toegang gewenst.", Wie.INITIATIEFNEMER)
    kleinschalig_licht: JaNee | None = veld(
        "Kleinschalig en licht maakwerk (geen zware machines).", Wie.INITIATIEFNEMER)
    showroom_verkoop: JaNee | None = veld(
        "Combinatie van werkplaats met showroom of verkoop.", Wie.INITIATIEFNEMER)
    privacy_nodig: JaNee | None = veld("Het gebruik vraagt privacy (bijv. zorgpraktijk).",
                                      Wie.INITIATIEFNEMER)
    laden_lossen_frequentie: Literal["geen", "incidenteel", "regelmatig", "dagelijks"] | None = (
        veld("Hoe vaak geladen en gelost wordt.", Wie.INITIATIEFNEMER))
    geluid_trillingen: Literal["laag", "midden", "hoog"] | None = veld(
        "Geluid en trillingen die de activiteit zelf maakt.", Wie.INITIATIEFNEMER)
    bezoekers_per_dag: GeheelGetal | None = veld("Verwacht aantal bezoekers per dag.",
                                         Wie.INITIATIEFNEMER, ge=0, le=100_000)
    herkomst: Literal["nieuw_bedrijf", "bedrijventerrein", "binnenstad", "elders"] | None = veld(
        "Waar het bedrijf nu zit.", Wie.VAST)
    verplaatsingsreden: Literal["gedwongen", "groei_of_verandering", "eigen_keuze"] | None = veld(
        "Waarom het bedrijf verhuist.", Wie.VAST)
    zorgen_praktische_bezwaren: JaNee | None = veld(
        "Het bedrijf ziet bevoorrading, parkeren of huur als reden dat de binnenstad niet werkt.",
        Wie.INITIATIEFNEMER)
    bestuurlijk_gevoelig: JaNee | None = veld(
        "Het initiatief ligt bestuurlijk of maatschappelijk gevoelig.", Wie.VAST)


class VerwachtAdvies(Strikt):
    """The expected outcome for one function, written and reviewed by a person."""

    oordeel: Oordeel
    drempels: list[DrempelId] | None = Field(
        default=None, description="Precies deze drempels spelen (weglaten: niet toetsen).")
    voorwaarden: list[str] | None = Field(
        default=None, description="Kernvoorwaarden: elk is een tekstfragment dat in een "
                                  "voorwaarde van het advies moet staan.")


class Casus(Strikt):
    @model_validator(mode="before")
    @classmethod
    def _lege_sectie_is_onbekend(cls, data: Any) -> Any:
        """``pand:`` with nothing under it, or ``initiatief: null``: the same as leaving the
        section out: every fact in it is unknown."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (k in FEITSECTIES and v is None)}
        return data

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80,
                    description="Stabiele id van de casus (kleine letters, cijfers, '-').")
    gemeente: str = Field(min_length=1, description="Gemeente waar de casus speelt.")
    titel: str | None = None
    illustratief: JaNee | None = Field(
        default=None, description="De casus is illustratief, niet een echte aanvraag.")
    toelichting: str | None = Field(
        default=None, description="Wat de casus test en waarom de verwachting klopt (met bron).")
    pand: Pand = Field(default_factory=Pand)
    locatie: Locatie = Field(default_factory=Locatie)
    beleid: Beleid = Field(default_factory=Beleid)
    eigenaar: Eigenaar = Field(default_factory=Eigenaar)
    markt: Markt = Field(default_factory=Markt)
    initiatief: Initiatief | None = None
    verwacht: dict[Werkfunctie, VerwachtAdvies] | None = Field(
        default=None, description="Verwachte uitkomst per werkfunctie (voor regressie).")


#: Sections whose fields become facts; the order fixes the declaration order of facts.
FEITSECTIES = ("pand", "locatie", "beleid", "eigenaar", "markt", "initiatief")


@functools.cache
def kenmerkpaden() -> Mapping[str, Mapping[str, Any]]:
    """Every case fact path with its field schema (description, wie), in declaration order.

    The paths follow from the model, so they are computed once per process (read-only).
    """
    paden: dict[str, dict[str, Any]] = {}
    for sectie in FEITSECTIES:
        model = Casus.model_fields[sectie].annotation
        klasse = Initiatief if sectie == "initiatief" else model
        assert isinstance(klasse, type)
        for naam, info in klasse.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if "wie" not in extra:
                continue
            meta = {"beschrijving": info.description or "", "wie": extra["wie"]}
            if naam == "omgevingsplan":
                for functie in Werkfunctie:
                    paden[f"{sectie}.{naam}.{functie.value}"] = meta
            else:
                paden[f"{sectie}.{naam}"] = meta
    return MappingProxyType(paden)


@functools.cache
def _kenmerkplaatsen() -> tuple[tuple[str, str, str, Werkfunctie | None], ...]:
    """Each fact path with its section, field and (for a per-function field) function."""
    plaatsen = []
    for pad in kenmerkpaden():
        sectie, naam, *rest = pad.split(".")
        plaatsen.append((pad, sectie, naam, Werkfunctie(rest[0]) if rest else None))
    return tuple(plaatsen)


@functools.cache
def _geen_initiatief() -> Initiatief:
    """A case without an initiative reads as one whose every fact is unknown (frozen, so one
    serves every case)."""
    return Initiatief()


def kenmerken(casus: Casus) -> dict[str, Any]:
    """The case as a flat mapping from fact path to value (None = unknown)."""
    waarden: dict[str, Any] = {}
    delen: dict[str, Any] = {}
    for pad, sectie, naam, functie in _kenmerkplaatsen():
        deel = delen.get(sectie)
        if deel is None:
            deel = delen[sectie] = getattr(casus, sectie) or _geen_initiatief()
        waarde = getattr(deel, naam)
        if functie is not None:
            waarde = waarde.get(functie)
        waarden[pad] = waarde.value if hasattr(waarde, "value") else waarde
    return waarden
