"""Explaining one advies: why (a justification tree) and why not (the smallest changes that help).

The why-tree runs from the verdict down to the input facts: every node is a conclusion, the rule
that drew it (id, description) and the passage of the handreiking it cites, and below it the facts
it rested on. The why-not search re-evaluates the case with changed facts: it never consults a
table of answers, so what it proposes is what the rules would conclude.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer

from kennisbank.advies import (
    Locatietypeoordeel,
    MetLokaalBeleid,
    Variantvermelding,
    casusresultaat,
    kopevaluatie,
    lokaal_beleid,
    variantvermelding,
    zonder_lege,
)
from kennisbank.casus import Casus, Wie, kenmerken, kenmerkpaden
from kennisbank.casuslader import met_wijzigingen
from kennisbank.domein import BRONNEN, Locatietype, Oordeel, Werkfunctie
from kennisbank.engine import Evaluatie, Regelbank, Vuring
from kennisbank.experta_compat import Fact
from kennisbank.fouten import InvoerFout
from kennisbank.labels import oordeel_label
from kennisbank.regelapi import (
    Aanname,
    Drempel,
    Drempelaanpak,
    Drempelkenmerken,
    Eindoordeel,
    Eistoets,
    Fase,
    Gevraagd,
    Kenmerk,
    Levendigheid,
    Locatietoets,
    Matrixscore,
    Oordeelgrens,
    OpenVraag,
    Overlastfactor,
    Overlastrisico,
    Overlastversterker,
    Profielregel,
    Reden,
    Voorwaarde,
    vermelding,
)
from kennisbank.variant import lokale_bronnen

MAX_WIJZIGINGEN = 3
MAX_VOORSTELLEN = 5
#: Single changes that take away a limiting reason; only these are combined into pairs and
#: triples, which keeps the search to a few hundred re-evaluations.
MAX_BOUWSTENEN = 12
WIE_TEKST = {
    Wie.GEMEENTE.value: "de gemeente",
    Wie.EIGENAAR.value: "de eigenaar",
    Wie.INITIATIEFNEMER.value: "de initiatiefnemer",
    Wie.ADVISEUR.value: "de adviseur (die het locatietype aan de hand van 1.3 kiest)",
    Wie.VAST.value: "niemand: een gegeven van de plek",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Knoop(MetLokaalBeleid):
    """A node of the why-tree: a conclusion with its rule and passage, or an input fact; with a
    municipal variant, the changes of it the conclusion rests on (``lokaal``)."""

    feit_id: int
    soort: str
    tekst: str
    regel: str | None = None
    omschrijving: str | None = None
    bron: str | None = None
    bronlabel: str | None = None
    citaat: str | None = None
    aanname: str | None = None
    wie: str | None = None
    zie_boven: bool = False
    onderbouwing: list[Knoop] = []


class Wijziging(Model):
    pad: str
    oud: Any
    nieuw: Any
    wie: str
    wie_tekst: str


class Tegenfeit(Model):
    wijzigingen: list[Wijziging]
    oordeel: Oordeel
    wie: list[str]


class Eerstevraag(Model):
    pad: str
    beschrijving: str
    wie: str
    uitkomsten: dict[str, Oordeel]


class Verklaring(Model):
    casus: str
    werkfunctie: Werkfunctie
    oordeel: Oordeel
    waarom: Knoop
    drempels: list[Knoop]
    waarom_niet: list[Tegenfeit]
    waarom_niet_toelichting: str
    eerst_vragen: list[Eerstevraag]
    variant: Variantvermelding | None = None
    #: Only when the case names more than one location type: the type the verdict (and the
    #: why-tree) comes from, and the verdict under each type.
    gelezen_als: Locatietype | None = None
    oordeel_per_locatietype: list[Locatietypeoordeel] | None = None

    @model_serializer(mode="wrap")
    def _zonder_lege_vermeldingen(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Without a variant, and with one location type, the explanation keeps its shape."""
        data = zonder_lege(handler(self), "variant")
        if isinstance(data, dict) and self.oordeel_per_locatietype is None:
            data.pop("gelezen_als", None)
            data.pop("oordeel_per_locatietype", None)
        return data


# --- Why --------------------------------------------------------------------------------------

def _waarde(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return "onbekend" if waarde is None else str(waarde)


def samenvatting(feit: Fact) -> str:
    """A one-line Dutch description of a fact's content."""
    match feit:
        case Kenmerk():
            return f"{feit.pad} = {_waarde(feit.waarde)}"
        case Gevraagd():
            return f"gevraagd: {feit.werkfunctie}"
        case Eindoordeel():
            return f"oordeel {feit.werkfunctie}: {feit.oordeel}"
        case Oordeelgrens():
            return f"hoogstens {feit.oordeel}: {feit.tekst}"
        case Voorwaarde():
            return f"voorwaarde: {feit.tekst}"
        case Reden():
            return str(feit.tekst)
        case OpenVraag():
            return f"open vraag: {feit.vraag}"
        case Aanname():
            return f"aanname: {feit.tekst}"
        case Matrixscore():
            return f"matrixcel {feit.locatietype}: {feit.symbool}"
        case Eistoets():
            return f"eis '{feit.eis}' ({feit.thema}): {feit.uitkomst}"
        case Locatietoets():
            return f"{feit.lijst}-locatie '{feit.item}': {feit.uitkomst}"
        case Profielregel():
            return f"te toetsen {feit.lijst}: {feit.item}"
        case Overlastfactor():
            return f"overlast {feit.factor}: {feit.niveau} ({feit.tekst})"
        case Overlastversterker():
            return f"versterker {feit.id}: {feit.aanwezig}"
        case Overlastrisico():
            return f"overlastrisico {feit.risico} ({feit.tekst})"
        case Drempel():
            return f"drempel {feit.drempel}: {feit.tekst}"
        case Drempelkenmerken():
            return f"drempel {feit.drempel}: beïnvloedbaarheid {feit.beinvloedbaarheid}"
        case Drempelaanpak():
            return f"aanpak {feit.drempel} {feit.nummer}: {feit.titel}"
        case Levendigheid():
            return f"levendigheid {feit.dagdeel}: {feit.lezing}"
    soort = type(feit).__name__
    return f"{soort}({', '.join(f'{k}={w}' for k, w in feit.as_dict().items())})"


class Boombouwer:
    """Builds why-trees from one evaluation's trace, expanding each fact once."""

    def __init__(self, evaluatie: Evaluatie):
        self.door: dict[int, Vuring] = {}
        for vuring in evaluatie.spoor:
            for conclusie in vuring.conclusies:
                self.door.setdefault(conclusie["__factid__"], vuring)
        self.paden = kenmerkpaden()
        self.uitgewerkt: set[int] = set()
        self.lokaal = lokale_bronnen(evaluatie, evaluatie.variant)

    def knoop(self, feit: Fact) -> Knoop:
        feit_id = feit["__factid__"]
        soort = type(feit).__name__
        if isinstance(feit, Kenmerk):
            wie = self.paden.get(feit.pad, {}).get("wie")
            return Knoop(feit_id=feit_id, soort="invoer", tekst=samenvatting(feit), wie=wie)
        if isinstance(feit, Gevraagd):
            return Knoop(feit_id=feit_id, soort="vraag", tekst=samenvatting(feit))
        vuring = self.door.get(feit_id)
        eigen_bron, eigen_citaat = vermelding(feit)
        bron = eigen_bron or (vuring.regel.bron if vuring else None)
        citaat = eigen_citaat or (vuring.regel.citaat if vuring else None)
        knoop = Knoop(
            feit_id=feit_id, soort=soort, tekst=samenvatting(feit),
            regel=vuring.regel.id if vuring else None,
            omschrijving=vuring.regel.omschrijving if vuring else None,
            bron=bron, bronlabel=BRONNEN.get(bron) if bron else None, citaat=citaat,
            aanname=vuring.regel.aanname if vuring else None,
            lokaal=lokaal_beleid(self.lokaal.get(feit_id, ())),
        )
        if feit_id in self.uitgewerkt:
            knoop.zie_boven = True
            return knoop
        self.uitgewerkt.add(feit_id)
        if vuring is not None:
            knoop.onderbouwing = [self.knoop(f) for f in _ordening(vuring.feiten)]
        return knoop


def _ordening(feiten: list[Fact]) -> list[Fact]:
    """Limiting reasons first (lowest ceiling), then other conclusions, then input facts."""
    rang = {"niet_passend": 0, "beperkt_passend": 1, "passend_onder_voorwaarden": 2,
            "passend": 3}

    def sleutel(feit: Fact) -> tuple[int, int, int]:
        if isinstance(feit, Kenmerk | Gevraagd):
            return (2, 0, feit["__factid__"])
        if isinstance(feit, Oordeelgrens | Eindoordeel):
            return (0, rang.get(feit.oordeel, 9), feit["__factid__"])
        return (1, 9, feit["__factid__"])

    return sorted(feiten, key=sleutel)


def waarom(evaluatie: Evaluatie, werkfunctie: Werkfunctie) -> tuple[Knoop, list[Knoop]]:
    bouwer = Boombouwer(evaluatie)
    (eind,) = evaluatie.van_type(Eindoordeel, werkfunctie.value)
    boom = bouwer.knoop(eind)
    drempels = [bouwer.knoop(d) for d in evaluatie.van_type(Drempel, werkfunctie.value)]
    return boom, drempels


# --- Why not ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kandidaat:
    pad: str
    nieuw: Any


def _kandidaatwaarden(pad: str, huidig: Any, schema: dict[str, Any],
                      drempelwaarden: dict[str, list[Any]]) -> list[Any]:
    """Values worth trying for a fact: the other values of its type, and the thresholds the
    rule tables test it against (so a number moves just far enough)."""
    eigenschappen = _veldschema(pad, schema)
    waarden: list[Any] = []
    typen = {s.get("type") for s in eigenschappen.get("anyOf", [eigenschappen])}
    for optie in eigenschappen.get("anyOf", [eigenschappen]):
        waarden.extend(optie.get("enum", []))
        if "const" in optie:
            waarden.append(optie["const"])
        if "$ref" in optie:
            waarden.extend(schema["$defs"][optie["$ref"].split("/")[-1]].get("enum", []))
    if "boolean" in typen:
        waarden.extend([True, False])
    if typen & {"number", "integer"}:
        # A table may write a whole-number threshold as 1.0; a whole-number fact is strict.
        waarden.extend(int(w) if "number" not in typen and float(w).is_integer() else w
                       for w in drempelwaarden.get(pad, []))
    return [w for w in dict.fromkeys(waarden) if w != huidig]


@functools.cache
def casusschema() -> dict[str, Any]:
    """The JSON Schema of a case, built once per process (read, never changed, by its users)."""
    return Casus.model_json_schema()


def _veldschema(pad: str, schema: dict[str, Any]) -> dict[str, Any]:
    sectie, naam, *rest = pad.split(".")
    model = "Initiatief" if sectie == "initiatief" else sectie.capitalize()
    eigenschap = schema["$defs"][model]["properties"][naam]
    if rest:
        eigenschap = eigenschap.get("additionalProperties", {})
    return eigenschap


def _drempelwaarden(bank: Regelbank) -> dict[str, list[Any]]:
    """Every number a table compares a fact path with, from the loaded rule directory."""
    waarden: dict[str, list[Any]] = {}
    profielen = bank.tabellen.profielen
    for profiel in profielen.profielen.values():
        criteria = [e.voldaan for e in profiel.eisen] + [e.geldt_als for e in profiel.eisen]
        criteria += [i.als for i in [*profiel.wel, *profiel.niet]]
        for criterium in criteria:
            if criterium is None:
                continue
            for pad, waarde in criterium.drempelwaarden():
                if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                    waarden.setdefault(pad, []).append(waarde)
    return {pad: sorted(set(w)) for pad, w in waarden.items()}


class Zoeker:
    """Re-evaluates a case with changed facts, for one function, remembering every result.

    Only the rules that make the verdict or feed it run (``interview.beslissende_regelbank``:
    the same verdict and limiting reasons), and each result is remembered under the values of
    the facts that run read, plus every fact a rule's patterns name: a change of any other fact
    cannot alter what those rules conclude, so it gets the remembered result without a run.
    """

    def __init__(self, bank: Regelbank, casus: Casus, werkfunctie: Werkfunctie):
        from kennisbank.interview import beslissend_deel

        self.bank, kennis = beslissend_deel(bank)
        self.patroonpaden = kennis.patroonpaden
        self.casus = casus
        self.werkfunctie = werkfunctie
        self.cache: dict[tuple[Kandidaat, ...], tuple[Oordeel, frozenset[str]]] = {}
        #: Per set of facts read: the typed values of those facts → the result.
        self.geheugen: dict[tuple[str, ...],
                            dict[tuple[tuple[str, Any], ...], tuple[Oordeel, frozenset[str]]]] = {}
        self.evaluaties = 0

    def uitkomst(self, wijzigingen: tuple[Kandidaat, ...]) -> tuple[Oordeel, frozenset[str]]:
        """The verdict and the limiting reasons (rule + text) under these changes."""
        sleutel = tuple(sorted(wijzigingen, key=lambda k: (k.pad, repr(k.nieuw))))
        if sleutel not in self.cache:
            try:
                gewijzigd = met_wijzigingen(self.casus, [(k.pad, k.nieuw) for k in sleutel])
            except InvoerFout:
                self.cache[sleutel] = (Oordeel.NIET_PASSEND, frozenset({"ongeldig"}))
                return self.cache[sleutel]
            waarden = kenmerken(gewijzigd)
            for paden, uitkomsten in self.geheugen.items():
                bekend = uitkomsten.get(_getypt(waarden, paden))
                if bekend is not None:
                    self.cache[sleutel] = bekend
                    return bekend
            self.cache[sleutel] = self._evalueer(gewijzigd, waarden)
        return self.cache[sleutel]

    def _evalueer(self, gewijzigd: Casus,
                  waarden: dict[str, Any]) -> tuple[Oordeel, frozenset[str]]:
        # Only the verdict and what limits it are needed: read them from the facts instead
        # of building the whole advies with its trace for every candidate.
        # The verdict is concluded in phase CONCLUDEREN; the advice after it is not needed.
        evaluatie = self.bank.evalueer(gewijzigd, [self.werkfunctie], Fase.CONCLUDEREN)
        self.evaluaties += 1
        uitkomst = oordeel_en_begrenzing(evaluatie, self.werkfunctie)
        gelezen = {f.pad for e in evaluatie.per_locatietype for v in e.spoor for f in v.feiten
                   if isinstance(f, Kenmerk)}
        paden = tuple(sorted(gelezen | self.patroonpaden))
        self.geheugen.setdefault(paden, {})[_getypt(waarden, paden)] = uitkomst
        return uitkomst


def oordeel_en_begrenzing(evaluatie: Evaluatie,
                          werkfunctie: Werkfunctie) -> tuple[Oordeel, frozenset[str]]:
    """A function's verdict and what limits it (rule:text of each ceiling at or below passend
    onder voorwaarden, and of each condition); under several location types, that of the type
    the verdict comes from."""
    kop, wf = kopevaluatie(evaluatie, werkfunctie), werkfunctie.value
    (eindoordeel,) = kop.van_type(Eindoordeel, wf)
    beperkend = frozenset(
        [f"{g.regel}:{g.tekst}" for g in kop.van_type(Oordeelgrens, wf)
         if Oordeel(g.oordeel).rang <= Oordeel.PASSEND_ONDER_VOORWAARDEN.rang]
        + [f"{v.regel}:{v.tekst}" for v in kop.van_type(Voorwaarde, wf)])
    return Oordeel(eindoordeel.oordeel), beperkend


def _getypt(waarden: dict[str, Any], paden: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    """The values of ``paden``, each with its type: 1, 1.0 and True are different answers."""
    return tuple((type(waarden[p]).__name__, waarden[p]) for p in paden)


def relevante_paden(evaluatie: Evaluatie, werkfunctie: Werkfunctie) -> list[str]:
    """The case facts the rules read for this function, under any location type named, in
    the order of the case model."""
    gelezen = {f.pad for e in evaluatie.per_locatietype for v in e.spoor for f in v.feiten
               if isinstance(f, Kenmerk) and v.betreft(werkfunctie.value)}
    return [p for p in kenmerkpaden() if p in gelezen]


def waarom_niet(bank: Regelbank, evaluatie: Evaluatie, werkfunctie: Werkfunctie,
                oordeel: Oordeel) -> tuple[list[Tegenfeit], str, list[Eerstevraag]]:
    """Minimal sets of fact changes that raise the verdict, and the unknowns that decide it."""
    drempelwaarden = _drempelwaarden(bank)
    casus = evaluatie.casus
    schema = casusschema()
    huidig = kenmerken(casus)
    zoeker = Zoeker(bank, casus, werkfunctie)
    basis = zoeker.uitkomst(())
    paden = relevante_paden(evaluatie, werkfunctie)
    kandidaten = [Kandidaat(p, w) for p in paden
                  for w in _kandidaatwaarden(p, huidig.get(p), schema, drempelwaarden)]

    eerst = _eerst_vragen(zoeker, kandidaten, huidig, oordeel)
    if oordeel == Oordeel.PASSEND:
        return [], "Het oordeel is al passend.", eerst

    gevonden: list[tuple[Kandidaat, ...]] = []
    nuttig: list[tuple[int, Kandidaat]] = []
    for kandidaat in kandidaten:
        nieuw, beperkend = zoeker.uitkomst((kandidaat,))
        if nieuw.rang > oordeel.rang:
            gevonden.append((kandidaat,))
        elif nieuw.rang == oordeel.rang and beperkend < basis[1]:
            nuttig.append((len(beperkend), kandidaat))
    # A set changes each fact once, so one value per fact (the one leaving least) is a block:
    # five sizes of one floor would otherwise crowd out the other facts.
    bouwstenen: list[Kandidaat] = []
    for _, kandidaat in sorted(nuttig, key=lambda n: n[0]):
        if len(bouwstenen) < MAX_BOUWSTENEN and all(k.pad != kandidaat.pad for k in bouwstenen):
            bouwstenen.append(kandidaat)
    for grootte in range(2, MAX_WIJZIGINGEN + 1):
        if grootte > 2 and gevonden:
            break
        for combinatie in itertools.combinations(bouwstenen, grootte):
            if len({k.pad for k in combinatie}) < grootte:
                continue
            if any(set(g) <= set(combinatie) for g in gevonden):
                continue
            if zoeker.uitkomst(combinatie)[0].rang > oordeel.rang:
                gevonden.append(combinatie)
    tegenfeiten = [_tegenfeit(c, huidig, zoeker) for c in _rangschik(gevonden, zoeker)]
    if tegenfeiten:
        toelichting = (f"De kleinste sets van hoogstens {MAX_WIJZIGINGEN} wijzigingen die het "
                       f"oordeel boven '{oordeel_label(oordeel)}' brengen, gevonden door de "
                       f"casus opnieuw te evalueren.")
    else:
        blijvend = sorted({reden.split(":", 1)[1].strip() for reden in basis[1]
                           if all(reden in zoeker.uitkomst((k,))[1] for k in kandidaten)})
        toelichting = (f"Geen wijziging gevonden die het oordeel boven "
                       f"'{oordeel_label(oordeel)}' brengt: "
                       f"elk van de {len(kandidaten)} enkele wijzigingen van de {len(paden)} "
                       f"feiten die de regels lezen is geprobeerd, en combinaties van hoogstens "
                       f"{MAX_WIJZIGINGEN} wijzigingen die elk een begrenzing wegnemen.")
        if blijvend:
            toelichting += (" Wat bij elke wijziging blijft begrenzen: "
                            + "; ".join(blijvend) + ".")
    return tegenfeiten, toelichting, eerst


def _rangschik(gevonden: list[tuple[Kandidaat, ...]],
               zoeker: Zoeker) -> list[tuple[Kandidaat, ...]]:
    """Fewest changes first, then fewest changes nobody in the case can make, then the best
    verdict; one proposal per set of facts (the value that reaches the best verdict)."""
    paden = kenmerkpaden()

    def sleutel(c: tuple[Kandidaat, ...]) -> tuple[Any, ...]:
        vast = sum(paden[k.pad]["wie"] == Wie.VAST.value for k in c)
        return (len(c), vast, -zoeker.uitkomst(c)[0].rang, [(k.pad, repr(k.nieuw)) for k in c])

    per_feitenset: dict[tuple[str, ...], tuple[Kandidaat, ...]] = {}
    for combinatie in sorted(gevonden, key=sleutel):
        per_feitenset.setdefault(tuple(sorted(k.pad for k in combinatie)), combinatie)
    return list(per_feitenset.values())[:MAX_VOORSTELLEN]


def _tegenfeit(combinatie: tuple[Kandidaat, ...], huidig: dict[str, Any],
               zoeker: Zoeker) -> Tegenfeit:
    paden = kenmerkpaden()
    wijzigingen = [
        Wijziging(pad=k.pad, oud=huidig.get(k.pad), nieuw=k.nieuw, wie=paden[k.pad]["wie"],
                  wie_tekst=WIE_TEKST[paden[k.pad]["wie"]])
        for k in combinatie
    ]
    return Tegenfeit(wijzigingen=wijzigingen, oordeel=zoeker.uitkomst(combinatie)[0],
                     wie=list(dict.fromkeys(w.wie for w in wijzigingen)))


def _eerst_vragen(zoeker: Zoeker, kandidaten: list[Kandidaat], huidig: dict[str, Any],
                  oordeel: Oordeel) -> list[Eerstevraag]:
    """Unknown facts whose value would change the verdict: ask these first."""
    paden = kenmerkpaden()
    vragen = []
    for pad in dict.fromkeys(k.pad for k in kandidaten):
        if huidig.get(pad) is not None:
            continue
        uitkomsten = {_waarde(k.nieuw): zoeker.uitkomst((k,))[0]
                      for k in kandidaten if k.pad == pad}
        if any(o != oordeel for o in uitkomsten.values()):
            vragen.append(Eerstevraag(pad=pad, beschrijving=paden[pad]["beschrijving"],
                                      wie=paden[pad]["wie"], uitkomsten=uitkomsten))
    return vragen


def verklaar(bank: Regelbank, casus: Casus, werkfunctie: Werkfunctie) -> Verklaring:
    evaluatie = bank.evalueer(casus, [werkfunctie])
    (advies,) = casusresultaat(evaluatie, met_spoor=False).adviezen
    # The tree explains the verdict given: under several location types, that of the type
    # the verdict comes from; the why-not search raises the verdict given, over all types.
    boom, drempels = waarom(kopevaluatie(evaluatie, werkfunctie), werkfunctie)
    tegenfeiten, toelichting, eerst = waarom_niet(bank, evaluatie, werkfunctie, advies.oordeel)
    per_type = advies.oordeel_per_locatietype
    return Verklaring(casus=casus.id, werkfunctie=werkfunctie, oordeel=advies.oordeel,
                      waarom=boom, drempels=drempels, waarom_niet=tegenfeiten,
                      waarom_niet_toelichting=toelichting, eerst_vragen=eerst,
                      variant=variantvermelding(bank.variant),
                      gelezen_als=Locatietype(str(advies.locatietype)) if per_type else None,
                      oordeel_per_locatietype=per_type)

