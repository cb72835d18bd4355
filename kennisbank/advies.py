"""The result: one advies per werkfunctie, gathered from the engine's conclusions and trace."""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from its text at import (together about 7 ms of start-up for the case, table
# and output models).
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from kennisbank.domein import (
    LOCATIETYPE_BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import Evaluatie
from kennisbank.experta_compat import Fact, unfreeze
from kennisbank.labels import oordeel_label
from kennisbank.regelapi import (
    Aanname,
    Checklistvraag,
    Drempel,
    Drempelaanpak,
    Drempelkenmerken,
    Eindoordeel,
    Gemeenteadvies,
    Gemeentestap,
    Integralevraag,
    Levendigheid,
    Matrixscore,
    Oordeelgrens,
    OpenVraag,
    Organisatieadvies,
    Overlastfactor,
    Overlastrisico,
    Overlastversterker,
    Reden,
    Voorwaarde,
)

if TYPE_CHECKING:
    # Only a command with --variant reads one: the module is imported where a variant is used.
    from kennisbank.variant import GeladenVariant, Wijziging


class Uitvoer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Lokaalbeleid(Uitvoer):
    """A change of a municipal variant that this conclusion rests on, with its source."""

    pad: str = Field(description="De cel of rij die de variant wijzigt.")
    titel: str
    datum: str
    link: str

    @property
    def label(self) -> str:
        return f"lokaal beleid: {self.titel} ({self.datum})"


def lokaal_beleid(wijzigingen: "Sequence[Wijziging]") -> list[Lokaalbeleid]:
    return [Lokaalbeleid(pad=w.pad, titel=w.bron.titel, datum=w.bron.datum.isoformat(),
                         link=w.bron.link) for w in wijzigingen]


def leeg(waarde: Any) -> bool:
    """An optional output field that holds nothing (None or an empty list) and is left out, so
    output without a variant or a second location type keeps the shape it always had.

    Used as the field's ``exclude_if``: a serializer wrapped around the model would have
    pydantic build the whole output as Python objects first (a third of writing the JSON)."""
    return waarde is None or waarde == []


def zonder_lege(data: Any, *sleutels: str) -> Any:
    """Serialised output without these optional keys where they hold nothing (see ``leeg``)."""
    if isinstance(data, dict):
        for sleutel in sleutels:
            if sleutel in data and leeg(data[sleutel]):
                del data[sleutel]
    return data


class MetLokaalBeleid(Uitvoer):
    """An output item that may rest on a municipal variant; without one the JSON is as before."""

    # A default, not default_factory=list: pydantic copies it for each item all the same, and
    # reading the signature of the built-in list costs start-up a tokenizer (about 2 ms).
    lokaal: list[Lokaalbeleid] = Field(
        default=[], exclude_if=leeg,
        description="Wijzigingen van de gemeentelijke variant waarop dit rust, met hun bron; "
                    "weggelaten zonder variant.")


class Redenering(MetLokaalBeleid):
    tekst: str
    regel: str
    bron: str
    citaat: str = ""
    grens: Oordeel | None = Field(
        default=None, description="Het hoogste oordeel dat deze reden toelaat, als zij begrenst.")


class Vraag(MetLokaalBeleid):
    vraag: str
    kenmerken: list[str]
    regel: str
    bron: str


class Veronderstelling(Uitvoer):
    tekst: str
    regel: str


class Dagdeelbijdrage(MetLokaalBeleid):
    niveau: str
    lezing: str = Field(description="De bijdrage in de woorden van het geciteerde zinsdeel.")
    tekst: str
    regel: str
    bron: str
    citaat: str


class Levendigheidsbijdrage(Uitvoer):
    dag: Dagdeelbijdrage | None
    avond: Dagdeelbijdrage | None


class Aanpakstap(Uitvoer):
    nummer: int
    titel: str
    tekst: str
    bron: str
    citaat: str
    onzeker: bool = Field(description="Of de aanpak past hangt af van een onbekend feit.")


class Drempeluitkomst(Uitvoer):
    id: str
    sterkte: str = Field(description="speelt: feiten van de casus laten de drempel spelen; "
                                     "aandachtspunt: een context uit de handreiking geldt.")
    citaat: str
    thema: str
    beinvloedbaarheid: str
    toelichting: str
    bron: str
    redenen: list[Redenering]
    aanpak: list[Aanpakstap]


class Overlastfactoruitkomst(MetLokaalBeleid):
    factor: str
    niveau: str
    tekst: str
    bron: str
    citaat: str


class Overlastuitkomst(Uitvoer):
    risico: str
    toelichting: str
    regel: str
    factoren: list[Overlastfactoruitkomst]
    versterkers: list[Redenering]
    redenen: list[Redenering]
    voorwaarden: list[Redenering]


class Gemeentestapuitkomst(Uitvoer):
    aanleiding: str
    sturing: str
    rollen: list[str]
    tekst: str
    bron: str
    citaat: str
    beinvloedbaarheid: str | None = None


class Integralevraaguitkomst(Uitvoer):
    vraag: str
    bekend: str = Field(description="Wat de kennisbank over deze vraag weet; de afweging is aan "
                                    "de gemeente.")
    bron: str


class Organisatiepuntuitkomst(Uitvoer):
    punt: str
    tekst: str
    status: str = Field(description="aanwezig, ontbreekt of onbekend volgens de casus.")
    bron: str
    citaat: str
    aanname: str = ""
    afgeleid_uit: str = Field(
        default="", description="Bij een aanname: het feit van de casus waaruit de status is "
                                "afgeleid, met zijn waarde; de casus noemt het punt zelf niet.")


class Gemeenteuitkomst(Uitvoer):
    boodschap: str
    tekst: str
    regel: str
    bron: str
    citaat: str
    sturing: list[str]
    rollen: list[str]
    stappen: list[Gemeentestapuitkomst]
    integrale_vragen: list[Integralevraaguitkomst] = Field(
        description="De drie integrale vragen van 4.3 voor dit initiatief.")


class Checklistitemuitkomst(Uitvoer):
    nummer: int
    groep: str
    titel: str
    bron: str
    beantwoord: list[str]
    niet_voldaan: list[str] = Field(
        description="Beantwoorde vragen waarvan het antwoord de gevraagde toestand niet "
                    "vervult (bijv. de eigenaar is niet aangehaakt).")
    open: list[str]
    aanleiding: dict[str, str] = Field(
        default_factory=dict,
        description="Per open vraag die een bekend feit van de casus oproept (een monument: "
                    "'Belemmering vanuit monumentenstatus'), wat de casus erover weet.")


class Checklistfase(Uitvoer):
    fase: str
    naam: str
    items: list[Checklistitemuitkomst]


class Spoorstap(Uitvoer):
    stap: int
    regel: str
    omschrijving: str
    bron: str
    feiten: list[dict[str, Any]]
    conclusies: list[dict[str, Any]]


class Locatietypeoordeel(Uitvoer):
    """The verdict of one function with the pand read as one of the location types named."""

    locatietype: Locatietype
    bron: str
    primair: bool = Field(description="Het locatietype dat de adviseur voorop zet "
                                      "(locatie.locatietype).")
    matrixscore: str | None
    oordeel: Oordeel


class Advies(Uitvoer):
    werkfunctie: Werkfunctie
    naam: str
    locatietype: str | None = Field(
        description="Het locatietype waaronder dit advies is bepaald: het locatietype van de "
                    "casus, of bij meer genoemde typen het type met het gunstigste oordeel.")
    matrixscore: str | None
    oordeel: Oordeel
    oordeel_per_locatietype: list[Locatietypeoordeel] | None = Field(
        default=None, exclude_if=leeg,
        description="Alleen als de casus meer locatietypen noemt: het oordeel onder elk, het "
                    "primaire eerst, dan in de genoemde volgorde.")
    redenen: list[Redenering]
    voorwaarden: list[Redenering]
    open_vragen: list[Vraag]
    vragen_zonder_gevolg: list[Vraag] = Field(
        default=[], exclude_if=leeg,
        description="Bij een oordeel niet passend dat niets in de lijst kan opheffen: de open "
                    "vragen over de functie; zij beslissen het oordeel niet. Weggelaten als leeg.")
    drempelvragen: list[Vraag] = Field(
        description="Open vragen of een drempel speelt; zij beslissen het oordeel niet.")
    aannames: list[Veronderstelling]
    levendigheid: Levendigheidsbijdrage
    overlast: Overlastuitkomst | None
    drempels: list[Drempeluitkomst]
    aandachtspunten: list[Drempeluitkomst] = Field(
        description="Drempels waarvan alleen een context geldt waarin zij volgens de handreiking "
                    "vooral spelen; zij wegen niet mee in de boodschap aan de gemeente.")
    gemeente: Gemeenteuitkomst | None
    spoor: list[Spoorstap]


class Aangepast(Uitvoer):
    """A case fact overridden for a what-if: the value in the file and the value used."""

    pad: str
    oud: Any
    nieuw: Any


class Variantvermelding(Uitvoer):
    """The municipal variant in force: its name, gemeente and whether it is an example."""

    naam: str
    gemeente: str
    illustratief: bool
    wijzigingen: int


def variantvermelding(variant: "GeladenVariant | None") -> Variantvermelding | None:
    if variant is None:
        return None
    return Variantvermelding(naam=variant.variant.naam, gemeente=variant.variant.gemeente,
                             illustratief=variant.variant.illustratief,
                             wijzigingen=len(variant.wijzigingen))


class Casusresultaat(Uitvoer):
    casus: str
    gemeente: str
    titel: str | None
    illustratief: bool | None
    aangepast: list[Aangepast] = []
    adviezen: list[Advies]
    checklist: list[Checklistfase]
    organisatie: list[Organisatiepuntuitkomst] = Field(
        description="Interne organisatie (4.2) en procesregie (4.4): wat de gemeente geregeld "
                    "heeft, wat ontbreekt en wat onbekend is.")
    variant: Variantvermelding | None = Field(
        default=None, exclude_if=leeg,
        description="De gemeentelijke variant die gold; weggelaten zonder.")

    @property
    def locatietypen(self) -> list[str | None]:
        """The location types the case names, the primary first (one, or unknown)."""
        if not self.adviezen:
            return [None]
        eerste = self.adviezen[0]
        if eerste.oordeel_per_locatietype:
            return [p.locatietype.value for p in eerste.oordeel_per_locatietype]
        return [eerste.locatietype]


def feit_als_dict(feit: Fact) -> dict[str, Any]:
    """A fact's content for the trace: its id, its type and its fields, in plain JSON types."""
    inhoud: dict[str, Any] = {"id": feit["__factid__"], "feit": type(feit).__name__}
    for sleutel, waarde in feit.items():
        if isinstance(sleutel, str) and sleutel.startswith("__") and sleutel.endswith("__"):
            continue  # experta's own bookkeeping (Fact.is_special), not a field
        # Plain values as they are; anything else through experta's unfreeze, as Fact.as_dict.
        inhoud[str(sleutel)] = (waarde if type(waarde) in _ENKELVOUDIG
                                else _json(unfreeze(waarde)))
    return inhoud


_ENKELVOUDIG = frozenset({str, int, float, bool, type(None)})


def _json(waarde: Any) -> Any:
    if isinstance(waarde, tuple | list | frozenset):
        return [_json(w) for w in waarde]
    if isinstance(waarde, dict):
        return {str(k): _json(v) for k, v in waarde.items()}
    return waarde


def spoor_voor(evaluatie: Evaluatie, werkfunctie: str) -> list[Spoorstap]:
    # A fact appears in the trace of many firings and functions: its content is built once.
    als_dict: dict[int, dict[str, Any]] = evaluatie.spoorfeiten

    def inhoud(feit: Fact) -> dict[str, Any]:
        feit_id = feit["__factid__"]
        if feit_id not in als_dict:
            als_dict[feit_id] = feit_als_dict(feit)
        return als_dict[feit_id]

    # Built from the engine's own trace, whose values have the fields' types: not validated
    # again (validating would copy every fact's dict, a third of building an advies).
    return [
        Spoorstap.model_construct(
            stap=v.stap, regel=v.regel.id, omschrijving=v.regel.omschrijving,
            bron=v.regel.bron, feiten=[inhoud(f) for f in v.feiten],
            conclusies=[inhoud(f) for f in v.conclusies])
        for v in evaluatie.spoor if v.betreft(werkfunctie)
    ]


#: Per concluded fact id: the variant's changes the conclusion rests on.
Lokaal = dict[int, list["Wijziging"]]


def _lokaal(feit: Fact, lokaal: Lokaal) -> list[Lokaalbeleid]:
    return lokaal_beleid(lokaal.get(feit["__factid__"], ()))


def redentekst(feit: Fact) -> str:
    """What a fact of ``redenfeiten`` says as a reason: a condition among them is a known
    shortfall, said as one."""
    return str(feit.tekort) if isinstance(feit, Voorwaarde) else str(feit.tekst)


def _redenering(feit: Fact, lokaal: Lokaal, tekst: str | None = None) -> Redenering:
    grens = Oordeel(feit.oordeel) if isinstance(feit, Oordeelgrens) else None
    return Redenering(tekst=tekst or feit.tekst, regel=feit.regel, bron=feit.bron,
                      citaat=feit.citaat or "", grens=grens, lokaal=_lokaal(feit, lokaal))


def redenfeiten(evaluatie: Evaluatie, wf: str) -> list[Fact]:
    """The reasons of a function's advies: its ceilings and plus or minus points, in the order
    they were concluded; behind a closed door (``deur_dicht``) also the known shortfalls that
    would otherwise be conditions (a lift the pand lacks), said as what they are."""
    feiten = [*evaluatie.van_type(Oordeelgrens, wf), *evaluatie.van_type(Reden, wf)]
    if deur_dicht(evaluatie, wf):
        gezegd = {f.tekst for f in feiten}
        feiten += [f for f in evaluatie.van_type(Voorwaarde, wf)
                   if f.tekort and f.tekort not in gezegd]
    return sorted(feiten, key=lambda feit: feit["__factid__"])


def vraagfeiten(evaluatie: Evaluatie, wf: str) -> tuple[list[Fact], list[Fact]]:
    """The open questions of a function's advies, and its open questions about barriers.

    Several rows can ask after the same facts ("Is de gevel transparant?" for a requirement,
    "… of gesloten?" for a Niet-row); the advisor is asked once per fact, where the question
    first arises (one that decides the verdict before one about a barrier), in the fullest
    wording of those asked there (the one that also says what the answer does).
    """
    gesteld: set[tuple[str, ...]] = set()

    def eenmaal(feiten: list[Fact]) -> list[Fact]:
        per_kenmerken: dict[tuple[str, ...], Fact] = {}
        for feit in feiten:
            # A question that names no fact is its own concept.
            sleutel = tuple(sorted(feit.kenmerken)) or (feit.vraag,)
            if sleutel in gesteld:
                continue
            eerder = per_kenmerken.get(sleutel)
            if eerder is None or len(feit.vraag) > len(eerder.vraag):
                per_kenmerken[sleutel] = feit
        gesteld.update(per_kenmerken)
        return list(per_kenmerken.values())

    alle = evaluatie.van_type(OpenVraag, wf)
    vragen = eenmaal([f for f in alle if f.drempel is None])
    return vragen, eenmaal([f for f in alle if f.drempel is not None])


def beslissende_vraagfeiten(evaluatie: Evaluatie, wf: str) -> tuple[list[Fact], list[Fact]]:
    """The open questions of ``vraagfeiten`` split into those whose answer can change the
    verdict and those that cannot: behind a closed door (``deur_dicht``) no answer lifts it
    ("Is de straat woongevoelig?" beside 'Niet: A-winkelstraten'), so every question is of the
    second kind. They still say what the case does not know (the rent for 2.D5, the
    surroundings for the nuisance), so they are shown apart, not dropped."""
    vragen, _ = vraagfeiten(evaluatie, wf)
    return ([], vragen) if deur_dicht(evaluatie, wf) else (vragen, [])


def drempelfeiten(evaluatie: Evaluatie, wf: str, sterkte: str) -> list[Fact]:
    """The catalogue entries of the barriers that play (or are aandachtspunt) for a function,
    in the guide's order of 2.D1 … 2.D13."""
    return sorted((f for f in evaluatie.van_type(Drempelkenmerken, wf) if f.sterkte == sterkte),
                  key=lambda f: drempelvolgorde(f.bron))


def deur_dicht(evaluatie: Evaluatie, wf: str) -> bool:
    """Whether the verdict is niet passend and held there by a ceiling no listed condition
    lifts: a Niet-row on a fact nobody can change, or a matrix × whose exception ("soms
    kleinschalig/licht op verdiepingen") is known not to hold. A ceiling the owner can lift
    carries its remedy (``opheffing``), which is a condition; none of those does."""
    (eindoordeel,) = evaluatie.van_type(Eindoordeel, wf)
    return eindoordeel.oordeel == Oordeel.NIET_PASSEND.value and any(
        f.oordeel == Oordeel.NIET_PASSEND.value and f.opheffing is None
        for f in evaluatie.van_type(Oordeelgrens, wf))


def voorwaardefeiten(evaluatie: Evaluatie, wf: str) -> list[Fact]:
    """The conditions a function's advies names.

    Behind a closed door (``deur_dicht``) conditions under which the function would fit here
    contradict the verdict, so the advies names none (the trace keeps them); the known
    shortfalls among them are reasons instead (``redenfeiten``). A Niet-row that names its
    remedy and a requirement can ask the same (a transparent gevel): one condition, said once.
    """
    if deur_dicht(evaluatie, wf):
        return []
    return _uniek(evaluatie.van_type(Voorwaarde, wf), sleutel=lambda f: f.tekst)


def advies_voor(evaluatie: Evaluatie, werkfunctie: Werkfunctie, met_spoor: bool = True) -> Advies:
    """The advies for one function; without ``met_spoor`` the trace stays empty (for bulk scans,
    where building it per pand would cost more than the rest of the advies)."""
    wf = werkfunctie.value
    lokaal: Lokaal = {}
    if evaluatie.variant is not None:
        from kennisbank.variant import lokale_bronnen

        lokaal = lokale_bronnen(evaluatie, evaluatie.variant)
    (eindoordeel,) = evaluatie.van_type(Eindoordeel, wf)
    redenen = [_redenering(f, lokaal, redentekst(f)) for f in redenfeiten(evaluatie, wf)]
    voorwaarden = [_redenering(f, lokaal) for f in voorwaardefeiten(evaluatie, wf)]
    _, drempelvraagfeiten = vraagfeiten(evaluatie, wf)
    beslissend, zonder_gevolg = beslissende_vraagfeiten(evaluatie, wf)

    def als_vraag(feiten: list[Fact]) -> list[Vraag]:
        return [Vraag(vraag=f.vraag, kenmerken=list(f.kenmerken), regel=f.regel,
                      bron=f.bron, lokaal=_lokaal(f, lokaal)) for f in feiten]
    aannames = [Veronderstelling(tekst=f.tekst, regel=f.regel)
                for f in evaluatie.van_type(Aanname, wf)]
    levendig: dict[str, Dagdeelbijdrage] = {}
    for feit in evaluatie.van_type(Levendigheid, wf):
        levendig[feit.dagdeel] = Dagdeelbijdrage(
            niveau=feit.niveau, lezing=feit.lezing, tekst=feit.tekst, regel=feit.regel,
            bron=feit.bron, citaat=feit.citaat, lokaal=_lokaal(feit, lokaal))
    locatietype = evaluatie.casus.locatie.locatietype
    locatietype_id = str(getattr(locatietype, "value", locatietype)) if locatietype else None
    spelend = _drempels(evaluatie, wf, "speelt", lokaal)
    return Advies(
        werkfunctie=werkfunctie,
        naam=WERKFUNCTIE_NAMEN[werkfunctie],
        locatietype=locatietype_id,
        matrixscore=matrixsymbool(evaluatie, wf),
        oordeel=Oordeel(eindoordeel.oordeel),
        redenen=redenen,
        voorwaarden=voorwaarden,
        open_vragen=_uniek(als_vraag(beslissend)),
        vragen_zonder_gevolg=_uniek(als_vraag(zonder_gevolg)),
        drempelvragen=_uniek(als_vraag(drempelvraagfeiten)),
        aannames=_uniek(aannames, sleutel=lambda a: a.tekst),
        levendigheid=Levendigheidsbijdrage(dag=levendig.get("dag"), avond=levendig.get("avond")),
        overlast=_overlast(evaluatie, wf, lokaal),
        drempels=spelend,
        # A barrier that plays is not repeated as an aandachtspunt of the same function.
        aandachtspunten=[d for d in _drempels(evaluatie, wf, "aandachtspunt", lokaal)
                         if d.id not in {s.id for s in spelend}],
        gemeente=_gemeente(evaluatie, wf),
        spoor=spoor_voor(evaluatie, wf) if met_spoor else [],
    )


def matrixsymbool(evaluatie: Evaluatie, wf: str) -> str | None:
    scores = evaluatie.van_type(Matrixscore, wf)
    return str(scores[0].symbool) if scores else None


def _oordeel(evaluatie: Evaluatie, wf: str) -> Oordeel:
    (eindoordeel,) = evaluatie.van_type(Eindoordeel, wf)
    return Oordeel(eindoordeel.oordeel)


def _locatietype(evaluatie: Evaluatie) -> Locatietype:
    """The location type of an evaluation with several types named (each a matrix type)."""
    return Locatietype(str(evaluatie.casus.locatie.locatietype))


#: Who combines the verdicts under several location types (no rule: the rules read one type).
GUNSTIGSTE_LOCATIETYPE = "locatietypen.gunstigste"
AANNAME_GUNSTIGSTE = (
    "Bij meer genoemde locatietypen geldt het gunstigste oordeel. De adviseur noemt elk als een "
    "beschrijving uit 1.3 die past, dus elk is een lezing die de handreiking toelaat: het "
    "laagste oordeel nemen zou een mogelijkheid uitsluiten die zij openlaat. Bij gelijke "
    "oordelen geldt het type waar het oordeel op de minste voorwaarden rust, daarna het "
    "primaire type; de tabel per locatietype toont wat elke lezing oplevert.")


def kopevaluatie(evaluatie: Evaluatie, werkfunctie: Werkfunctie) -> Evaluatie:
    """The evaluation the advies of a function rests on: the location type with the most
    favourable verdict among those the advisor named; of equal verdicts the one that rests on
    the fewest conditions (beperkt passend under 1.3.3 without condition is more favourable
    than beperkt passend under 1.3.1 only while a Wél-row may hold, and its reasons are true of
    the verdict: it does not rest on that row), then the primary type."""
    wf = werkfunctie.value
    # max keeps the first of equal keys: the primary type, then the order named.
    return max(evaluatie.per_locatietype,
               key=lambda e: (_oordeel(e, wf).rang, -len(e.van_type(Voorwaarde, wf))))


def advies_over_locatietypen(evaluatie: Evaluatie, werkfunctie: Werkfunctie,
                             met_spoor: bool = True) -> Advies:
    """The advies for one function; with further location types named, the advies under the
    most favourable type (see ``kopevaluatie``), with the verdict under each type."""
    if not evaluatie.ook:
        return advies_voor(evaluatie, werkfunctie, met_spoor)
    wf = werkfunctie.value
    kop = kopevaluatie(evaluatie, werkfunctie)
    advies = advies_voor(kop, werkfunctie, met_spoor)
    per_type = [Locatietypeoordeel(locatietype=_locatietype(e),
                                   bron=LOCATIETYPE_BRONNEN[_locatietype(e)],
                                   primair=e is evaluatie, matrixscore=matrixsymbool(e, wf),
                                   oordeel=_oordeel(e, wf))
                for e in evaluatie.per_locatietype]
    redenen = advies.redenen
    gunstigste = gunstigste_reden(evaluatie, kop, werkfunctie)
    if gunstigste is not None:
        redenen = [gunstigste, *redenen]
    # The combination first: it says how the verdict above was reached.
    aannames = [Veronderstelling(tekst=AANNAME_GUNSTIGSTE, regel=GUNSTIGSTE_LOCATIETYPE),
                *advies.aannames]
    return advies.model_copy(update={"oordeel_per_locatietype": per_type, "redenen": redenen,
                                     "aannames": aannames})


def gunstigste_reden(evaluatie: Evaluatie, kop: Evaluatie,
                     werkfunctie: Werkfunctie) -> Redenering | None:
    """The reason that says the verdict comes from a further location type (``kop``) rather
    than the primary one; None when it comes from the primary type."""
    if kop is evaluatie:
        return None
    gelezen, primair = _locatietype(kop), _locatietype(evaluatie)
    wf = werkfunctie.value
    # On equal verdicts the headline type is the one resting on fewer conditions.
    gelijk = _oordeel(kop, wf) == _oordeel(evaluatie, wf)
    return Redenering(
        tekst=(f"Als het pand als {LOCATIETYPE_NAMEN[gelezen].lower()} wordt gelezen "
               f"({LOCATIETYPE_BRONNEN[gelezen]}), geldt dit oordeel"
               f"{' onder de minste voorwaarden' if gelijk else ''}; als "
               f"{LOCATIETYPE_NAMEN[primair].lower()} ({LOCATIETYPE_BRONNEN[primair]}), "
               f"het primaire type, is het {'ook ' if gelijk else ''}"
               f"{oordeel_label(_oordeel(evaluatie, wf))}"
               f"{', onder meer voorwaarden' if gelijk else ''}."),
        regel=GUNSTIGSTE_LOCATIETYPE, bron=LOCATIETYPE_BRONNEN[gelezen],
        citaat=LOCATIETYPE_DEFINITIES[gelezen])


def _overlast(evaluatie: Evaluatie, wf: str, lokaal: Lokaal) -> Overlastuitkomst | None:
    risico = evaluatie.van_type(Overlastrisico, wf)
    if not risico:
        return None
    return Overlastuitkomst(
        risico=risico[0].risico, toelichting=risico[0].tekst, regel=risico[0].regel,
        factoren=[Overlastfactoruitkomst(factor=f.factor, niveau=f.niveau, tekst=f.tekst,
                                         bron=f.bron, citaat=f.citaat,
                                         lokaal=_lokaal(f, lokaal))
                  for f in evaluatie.van_type(Overlastfactor, wf)],
        versterkers=[Redenering(tekst=f"{v.tekst} ({v.aanwezig})", regel=v.regel,
                                bron=v.bron, citaat=v.citaat)
                     for v in evaluatie.van_type(Overlastversterker)],
        redenen=[_redenering(r, lokaal) for r in evaluatie.van_type(Reden, wf)
                 if r.regel == risico[0].regel],
        voorwaarden=[_redenering(v, lokaal) for v in voorwaardefeiten(evaluatie, wf)
                     if v.thema == "overlast"],
    )


def drempelvolgorde(bron: str) -> int:
    """A barrier's place in the guide (2.D1 … 2.D13), from its section."""
    return int(bron.split("D")[-1])


def _drempels(evaluatie: Evaluatie, wf: str, sterkte: str,
              lokaal: Lokaal) -> list[Drempeluitkomst]:
    uitkomsten = []
    for kenmerken in drempelfeiten(evaluatie, wf, sterkte):
        drempel = kenmerken.drempel
        uitkomsten.append(Drempeluitkomst(
            id=drempel, sterkte=sterkte, citaat=kenmerken.citaat, thema=kenmerken.thema,
            beinvloedbaarheid=kenmerken.beinvloedbaarheid,
            toelichting=kenmerken.toelichting, bron=kenmerken.bron,
            redenen=[_redenering(r, lokaal) for r in evaluatie.van_type(Drempel, wf)
                     if r.drempel == drempel and r.sterkte == sterkte],
            aanpak=sorted((Aanpakstap(nummer=a.nummer, titel=a.titel, tekst=a.tekst,
                                      bron=a.bron, citaat=a.citaat, onzeker=a.onzeker)
                           for a in evaluatie.van_type(Drempelaanpak, wf)
                           if a.drempel == drempel), key=lambda a: a.nummer),
        ))
    return uitkomsten


def _gemeente(evaluatie: Evaluatie, wf: str) -> Gemeenteuitkomst | None:
    adviezen = evaluatie.van_type(Gemeenteadvies, wf)
    if not adviezen:
        return None
    advies = adviezen[0]
    return Gemeenteuitkomst(
        boodschap=advies.boodschap, tekst=advies.tekst, regel=advies.regel,
        bron=advies.bron, citaat=advies.citaat, sturing=list(advies.sturing),
        rollen=list(advies.rollen),
        stappen=[Gemeentestapuitkomst(aanleiding=s.aanleiding, sturing=s.sturing,
                                      rollen=list(s.rollen), tekst=s.tekst, bron=s.bron,
                                      citaat=s.citaat,
                                      beinvloedbaarheid=s.beinvloedbaarheid)
                 for s in evaluatie.van_type(Gemeentestap, wf)],
        integrale_vragen=[Integralevraaguitkomst(vraag=v.citaat, bekend=v.bekend,
                                                 bron=v.bron)
                          for v in evaluatie.van_type(Integralevraag, wf)],
    )


def checklist(evaluatie: Evaluatie) -> list[Checklistfase]:
    fasen: dict[str, Checklistfase] = {}
    items: dict[int, Checklistitemuitkomst] = {}
    for vraag in sorted(evaluatie.van_type(Checklistvraag), key=lambda v: v.item):
        fase = fasen.setdefault(vraag.fase, Checklistfase(
            fase=vraag.fase, naam=vraag.fasenaam, items=[]))
        if vraag.item not in items:
            items[vraag.item] = Checklistitemuitkomst(
                nummer=vraag.item, groep=vraag.groep, titel=vraag.titel,
                bron=vraag.bron, beantwoord=[], niet_voldaan=[], open=[])
            fase.items.append(items[vraag.item])
        doel = items[vraag.item].beantwoord if vraag.status == "beantwoord" \
            else items[vraag.item].open
        doel.append(vraag.tekst)
        if vraag.aanleiding:
            items[vraag.item].aanleiding[vraag.tekst] = vraag.aanleiding
        if vraag.voldaan is False:
            items[vraag.item].niet_voldaan.append(vraag.tekst)
    return list(fasen.values())


def _uniek(items: list[Any], sleutel: Callable[[Any], str] | None = None) -> list[Any]:
    """Items in order of first appearance, dropping repeats (by content or by ``sleutel``)."""
    gezien: set[str] = set()
    uniek = []
    for item in items:
        kenmerk = sleutel(item) if sleutel else item.model_dump_json()
        if kenmerk not in gezien:
            gezien.add(kenmerk)
            uniek.append(item)
    return uniek


def casusresultaat(evaluatie: Evaluatie, met_spoor: bool = True) -> Casusresultaat:
    """The advies of every evaluated function; without ``met_spoor`` the traces stay empty
    (for output that does not show them: text, reports, explanations)."""
    casus = evaluatie.casus
    return Casusresultaat(
        casus=casus.id, gemeente=casus.gemeente, titel=casus.titel,
        illustratief=casus.illustratief,
        variant=variantvermelding(evaluatie.variant),
        adviezen=[advies_over_locatietypen(evaluatie, f, met_spoor) for f in evaluatie.functies],
        checklist=checklist(evaluatie),
        organisatie=[Organisatiepuntuitkomst(punt=f.punt, tekst=f.tekst,
                                             status=f.status, bron=f.bron,
                                             citaat=f.citaat, aanname=f.aanname,
                                             afgeleid_uit=f.afgeleid_uit)
                     for f in evaluatie.van_type(Organisatieadvies)],
    )


def als_json(resultaten: Sequence[Casusresultaat]) -> str:
    """The JSON contract: a list with one object per case; byte-identical for the same input."""
    data = [r.model_dump(mode="json") for r in resultaten]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: Where pydantic's serializer and ``json.dumps`` write a number differently: a float below
#: 1e-4 (``json.dumps`` 1e-05 and 1.5e-07, pydantic 0.00001 and 1.5e-7). Elsewhere (strings,
#: integers, other floats, key order, escapes) the two write the same bytes. The pattern starts
#: with its literal ("e-", then the digit before it) so a search of a large output stays fast.
_NEGATIEVE_EXPONENT = re.compile(r"e-(?<=\de-)\d")
_KLEINE_DECIMAAL = "0.0000"


def resultaat_als_json(resultaat: Casusresultaat) -> str:
    """One case of ``als_json``'s list, byte for byte, at the indentation of a top-level object.

    Written by pydantic's own serializer: about three times faster than ``model_dump`` plus
    ``json.dumps`` (which writes indented JSON in pure Python). A case whose output holds a
    number the two write differently (or anything that looks like one) goes through
    ``json.dumps`` as before."""
    tekst = resultaat.model_dump_json(indent=2)
    if _KLEINE_DECIMAAL not in tekst and _NEGATIEVE_EXPONENT.search(tekst) is None:
        return tekst
    return json.dumps(resultaat.model_dump(mode="json"), ensure_ascii=False, indent=2,
                      allow_nan=False)
