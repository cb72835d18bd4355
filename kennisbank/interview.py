"""Which unknown fact to ask next: the one whose answer can still change the most verdicts.

Relevance is found the way the why-not search finds it: by re-evaluating the case with each
value a fact can take, never from a list of which facts matter. Booleans and choices are tried
with every allowed value; a number is tried on both sides of every threshold the rule tables
compare it with (read from the tables themselves), so every region the rules can tell apart is
visited once. A fact is worth asking when some value changes the verdict of a requested
function; facts are ranked by how many verdicts they can change, ties in the guide's order (the
passage of the first rule that reads the fact).

Trying every unknown fact with every value costs a few hundred evaluations; most facts can
never move a verdict (the checklist, the gemeente's advice and liveliness read them, no rule that
limits a verdict does). So only the facts read by the rules that can limit a verdict are tried:
rules whose code sets a ceiling or a condition (found in their code, not listed by hand), and the
rules whose conclusions those rules used in this evaluation; plus every fact a rule's patterns
name, since a pattern on a value (``waarde=False``) does not match an unknown fact and so never
shows up in the trace. Each distinct case is evaluated once per session (a cache keyed by its
facts), and only for the requested functions.
"""

from __future__ import annotations

import dataclasses
import dis
import inspect
import itertools
import json
import math
import re
import threading
import types
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from kennisbank.advies import kopevaluatie
from kennisbank.casus import Casus, Wie, kenmerken, kenmerkpaden
from kennisbank.casuslader import valideer, zet_pad
from kennisbank.criteria import Criterium
from kennisbank.domein import (
    BRONNEN,
    LOCATIETYPE_DEFINITIES,
    LOCATIETYPE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.engine import Evaluatie, Regelbank, Vuring
from kennisbank.experta_compat import Fact, Rule
from kennisbank.fouten import InvoerFout
from kennisbank.regelapi import (
    Eindoordeel,
    Kenmerk,
    Oordeelgrens,
    Regelcontext,
    Voorwaarde,
    regelfunctie,
)
from kennisbank.verklaring import _kandidaatwaarden, _veldschema, casusschema

#: Who can usually tell a fact that nobody within the case can change: the party that knows
#: that part of the case (assumption: the guide names the parties, not who knows what).
KENNER_PER_SECTIE = {
    "pand": Wie.EIGENAAR.value,
    "locatie": Wie.GEMEENTE.value,
    "beleid": Wie.GEMEENTE.value,
    "eigenaar": Wie.EIGENAAR.value,
    "markt": Wie.GEMEENTE.value,
    "initiatief": Wie.INITIATIEFNEMER.value,
}

#: Units, read from the field names (the case model puts the unit in the name).
EENHEDEN = {
    "_eur_m2_jaar": "euro per m² per jaar",
    "_m2": "m²",
    "_m": "meter",
    "_loopminuten": "minuten lopen",
    "_per_dag": "per dag",
    "verdieping": "bouwlaag (-1 kelder, 0 begane grond, 1 en hoger)",
}

Oordelen = dict[Werkfunctie, Oordeel]
LOCATIETYPE = "locatie.locatietype"
#: The further location types the advisor names with the first answer (not a fact the rules
#: read: each is a reading of the case of its own).
OOK_LOCATIETYPEN = "locatie.ook_locatietypen"


@dataclass(frozen=True)
class Gevolg:
    """What one answer would do: the verdicts it changes (function → (now, then)), and the
    reasons holding a verdict down that it takes away without lowering that verdict."""

    waarde: Any
    veranderingen: dict[Werkfunctie, tuple[Oordeel, Oordeel]]
    weggenomen: dict[Werkfunctie, frozenset[str]]
    #: The answers to the other facts of a criterion this answer changes a verdict with.
    samen_met: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stand:
    """A function's verdict and the reasons that hold it there (rule:text): the ceilings at the
    verdict's level and, at passend onder voorwaarden, every condition."""

    oordeel: Oordeel
    redenen: frozenset[str]


def standen(evaluatie: Evaluatie) -> dict[Werkfunctie, Stand]:
    """Per function its verdict and what holds it there; with more than one location type
    named, under the type the advies rests on (as the advies itself)."""
    uitkomst: dict[Werkfunctie, Stand] = {}
    for werkfunctie in evaluatie.functies:
        kop, functie = kopevaluatie(evaluatie, werkfunctie), werkfunctie.value
        (eind,) = kop.van_type(Eindoordeel, functie)
        oordeel = Oordeel(eind["oordeel"])
        redenen = {f"{g['regel']}:{g['tekst']}" for g in kop.van_type(Oordeelgrens, functie)
                   if g["oordeel"] == oordeel.value}
        if oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN:
            redenen |= {f"{v['regel']}:{v['tekst']}"
                        for v in kop.van_type(Voorwaarde, functie)}
        uitkomst[werkfunctie] = Stand(oordeel, frozenset(redenen))
    return uitkomst


@dataclass(frozen=True)
class Interviewvraag:
    pad: str
    beschrijving: str
    eenheid: str | None
    soort: str  # "keuze", "ja_nee", "geheel_getal" or "getal"
    opties: list[Any]
    drempels: list[float]
    kenner: str
    bron: str | None
    bronlabel: str | None
    citaat: str | None
    gevolgen: list[Gevolg]

    functies: list[Werkfunctie]
    #: The other unknown facts of the criterion that, answered together with this one, can
    #: change a verdict (empty when this answer can on its own).
    samen_met: list[str] = field(default_factory=list)

    def als_dict(self) -> dict[str, Any]:
        return {
            "pad": self.pad,
            "vraag": self.beschrijving,
            "eenheid": self.eenheid,
            "soort": self.soort,
            "opties": self.opties,
            "drempels": self.drempels,
            "wie_kan_antwoorden": self.kenner,
            "bron": self.bron,
            "bronlabel": self.bronlabel,
            "citaat": self.citaat,
            "functies": [f.value for f in self.functies],
            "samen_met": self.samen_met,
            "waarom": [
                {"antwoord": g.waarde,
                 **({"samen_met": g.samen_met} if g.samen_met else {}),
                 "veranderingen": {f.value: {"nu": oud.value, "dan": nieuw.value}
                                   for f, (oud, nieuw) in g.veranderingen.items()},
                 "neemt_weg": {f.value: sorted(r.split(":", 1)[1] for r in redenen)
                               for f, redenen in g.weggenomen.items()}}
                for g in self.gevolgen
            ],
        }


def eenheid_van(pad: str) -> str | None:
    naam = pad.split(".")[1]
    for achtervoegsel, eenheid in EENHEDEN.items():
        if naam.endswith(achtervoegsel):
            return eenheid
    return None


Toets = tuple[str, float]  # ("is" | "in" | "min" | "max", a number from a table)


def tabelcriteria(tabellen: Iterable[tuple[str, Any]]
                  ) -> list[tuple[Criterium, Werkfunctie | None, str]]:
    """Every criterion in the loaded tables (a municipal variant's included), with the function
    whose table part it is in (None: every function) and where it is."""
    gevonden: list[tuple[Criterium, Werkfunctie | None, str]] = []

    def zoek(knoop: Any, functie: Werkfunctie | None, waar: str) -> None:
        if isinstance(knoop, Criterium):
            gevonden.append((knoop, functie, waar))
        elif isinstance(knoop, BaseModel):
            for naam in type(knoop).model_fields:
                zoek(getattr(knoop, naam), functie, f"{waar}.{naam}")
        elif isinstance(knoop, dict):
            for sleutel, kind in knoop.items():
                zoek(kind, sleutel if isinstance(sleutel, Werkfunctie) else functie,
                     f"{waar}.{sleutel}")
        elif isinstance(knoop, list | tuple):
            for nummer, kind in enumerate(knoop):
                zoek(kind, functie, f"{waar}[{nummer}]")

    for naam, tabel in tabellen:
        zoek(tabel, None, naam)
    return gevonden


def _getaltoetsen(criterium: Criterium) -> Iterable[tuple[str, Toets]]:
    if criterium.pad is not None:
        for sleutel, waarde in (("is", criterium.is_), ("min", criterium.min),
                                ("max", criterium.max),
                                *(("in", w) for w in criterium.in_ or ())):
            if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                yield criterium.pad, (sleutel, float(waarde))
    for deel in (*(criterium.alle or ()), *(criterium.een_van or ()),
                 *([criterium.niet] if criterium.niet else [])):
        yield from _getaltoetsen(deel)


def tabeltoetsen(bank: Regelbank, functie: Werkfunctie | None = None) -> dict[str, set[Toets]]:
    """Every comparison of a fact path with a number in the criteria of the tables
    (is/in/min/max); with ``functie``, the parts of a table that belong to another function are
    left out."""
    gevonden: dict[str, set[Toets]] = {}
    for criterium, eigen, _ in tabelcriteria(bank.tabellen.items()):
        if functie is None or eigen is None or eigen == functie:
            for pad, toets in _getaltoetsen(criterium):
                gevonden.setdefault(pad, set()).add(toets)
    return gevonden


def tabeldrempels(bank: Regelbank,
                  functie: Werkfunctie | None = None) -> dict[str, list[float]]:
    """Every number a table of the rule directory compares a fact path with (is/in/min/max);
    with ``functie``, parts of a table that belong to another function are left out."""
    return {pad: sorted({w for _, w in toetsen})
            for pad, toetsen in tabeltoetsen(bank, functie).items()}


def _toetsuitkomsten(waarde: float, toetsen: Iterable[Toets]) -> tuple[bool, ...]:
    return tuple(waarde >= grens if sleutel == "min" else
                 waarde <= grens if sleutel == "max" else waarde == grens
                 for sleutel, grens in sorted(toetsen))


def getalwaarden(drempels: list[float], geheel: bool,
                 toetsen: Iterable[Toets] | None = None) -> list[float | int]:
    """Each threshold itself and one value in every open interval the thresholds cut the number
    line into: a table's ``min``, ``max`` (both inclusive) and ``is`` treat every value of such
    an interval alike, so these values visit every outcome a table can give. With the tables'
    ``toetsen`` of this fact, only the first value of each combination of outcomes is kept
    (100, 550 and 1000 are alike for ``min: 100`` and ``max: 1000``)."""
    if not drempels:
        return []
    grenzen = sorted(set(drempels))
    waarden: list[float] = [grenzen[0] - 1, *grenzen, grenzen[-1] + 1]
    for laag, hoog in zip(grenzen, grenzen[1:], strict=False):
        midden = math.floor((laag + hoog) / 2) if geheel else (laag + hoog) / 2
        if laag < midden < hoog:
            waarden.append(midden)
    uitkomst = [int(w) if float(w).is_integer() else w for w in sorted(waarden)]
    if toetsen is None:
        return uitkomst
    lijst = list(toetsen)
    per_uitkomst: dict[tuple[bool, ...], float | int] = {}
    for waarde in uitkomst:
        per_uitkomst.setdefault(_toetsuitkomsten(waarde, lijst), waarde)
    return sorted(per_uitkomst.values())


def soort_van(pad: str, schema: dict[str, Any]) -> str:
    eigenschappen = _veldschema(pad, schema)
    typen = {s.get("type") for s in eigenschappen.get("anyOf", [eigenschappen])}
    if "boolean" in typen:
        return "ja_nee"
    if "integer" in typen:
        return "geheel_getal"
    if "number" in typen:
        return "getal"
    return "keuze"


def zonder_verwachting(casus: Casus) -> dict[str, Any]:
    data = casus.model_dump(mode="json", exclude_none=True)
    data.pop("verwacht", None)
    return data


def met_antwoord(data: Mapping[str, Any], pad: str, waarde: Any) -> dict[str, Any]:
    nieuw = json.loads(json.dumps(data))
    zet_pad(nieuw, pad, waarde)
    return nieuw


def _bronvolgorde(bron: str | None) -> int:
    volgorde = list(BRONNEN)
    return volgorde.index(bron) if bron in volgorde else len(volgorde)


def _leest(vuring: Vuring, pad: str) -> bool:
    return any(isinstance(f, Kenmerk) and f.pad == pad for f in vuring.feiten)


def _passage(vuring: Vuring) -> tuple[bool, str, str]:
    """The passage a firing rests on: the one its conclusions cite (specific: True), else the
    rule's own."""
    for conclusie in vuring.conclusies:
        if conclusie.get("bron") and conclusie.get("citaat"):
            return True, conclusie["bron"], conclusie["citaat"]
    return False, vuring.regel.bron, vuring.regel.citaat


@dataclass
class Codegebruik:
    """What a function's code does with names: global names it uses as a value (a fact type
    handed to ``ctx.feiten`` is read), global names it calls (a fact type called is declared)
    and the attributes it uses (the ``ctx`` methods it calls)."""

    waarden: set[str] = field(default_factory=set)
    aanroepen: set[str] = field(default_factory=set)
    attributen: set[str] = field(default_factory=set)

    def __ior__(self, ander: Codegebruik) -> Codegebruik:
        self.waarden |= ander.waarden
        self.aanroepen |= ander.aanroepen
        self.attributen |= ander.attributen
        return self


def codegebruik(code: types.CodeType, globalen: dict[str, Any],
                gezien: set[int] | None = None) -> Codegebruik:
    """How a function's code uses names, following nested code and the functions of its own
    module it uses. (A global loaded to be called pushes a NULL first: bit 0 of the argument.)"""
    gezien = set() if gezien is None else gezien
    gebruik = Codegebruik()
    for instructie in dis.get_instructions(code):
        if instructie.opname == "LOAD_GLOBAL":
            naam = instructie.argval
            (gebruik.aanroepen if instructie.arg and instructie.arg & 1
             else gebruik.waarden).add(naam)
            helper = globalen.get(naam)
            if (inspect.isfunction(helper) and helper.__module__ == globalen.get("__name__")
                    and id(helper) not in gezien):
                gezien.add(id(helper))
                gebruik |= codegebruik(helper.__code__, helper.__globals__, gezien)
        elif instructie.opname in ("LOAD_ATTR", "LOAD_METHOD"):
            gebruik.attributen.add(instructie.argval)
    for constante in code.co_consts:
        if isinstance(constante, types.CodeType):
            gebruik |= codegebruik(constante, globalen, gezien)
    return gebruik


def _contextmethoden(feittypen: set[str]) -> dict[str, set[str]]:
    """The fact types each method of the rule context declares (``grens`` an Oordeelgrens,
    ``voorwaarde`` a Voorwaarde …), read from the methods' own code."""
    methoden: dict[str, set[str]] = {}
    for naam, methode in vars(Regelcontext).items():
        if inspect.isfunction(methode):
            methoden[naam] = codegebruik(methode.__code__, methode.__globals__).aanroepen & \
                feittypen
    return methoden


#: The fact types that make a verdict: the verdict itself, a ceiling, and a condition (which holds
#: a verdict at passend onder voorwaarden).
BEGRENZENDE_TYPEN = frozenset({Eindoordeel.__name__, Oordeelgrens.__name__, Voorwaarde.__name__})


def _regelfunctie(experta_regel: Rule) -> Any:
    return regelfunctie(experta_regel)


def _constanten(waarden: Iterable[Any]) -> Iterable[Any]:
    for constante in waarden:
        if isinstance(constante, types.CodeType):
            yield from _constanten(constante.co_consts)
        elif isinstance(constante, tuple | frozenset):
            yield from _constanten(constante)
        else:
            yield constante


def _patroonpaden(patroon: Any, alle_paden: Iterable[str]) -> set[str]:
    """Fact paths a rule's patterns name: a literal ``pad``, or the paths a TEST compares a
    bound ``pad`` with; a bound ``pad`` that no TEST narrows could be any fact."""
    alle = set(alle_paden)
    gevonden: set[str] = set()
    vrij = False
    onderdelen = list(patroon)
    while onderdelen:
        deel = onderdelen.pop()
        if isinstance(deel, Kenmerk):
            pad = deel.get("pad")
            if isinstance(pad, str):
                gevonden.add(pad)
            else:
                vrij = True
        elif isinstance(deel, Fact):
            continue
        elif isinstance(deel, tuple):
            for onderdeel in deel:
                if callable(onderdeel) and hasattr(onderdeel, "__code__"):
                    # A TEST written in a module names its paths as constants; one made from
                    # a table's rows holds them in its closure.
                    gesloten = [cel.cell_contents for cel in onderdeel.__closure__ or ()]
                    waarden = _constanten([*onderdeel.__code__.co_consts, *gesloten])
                    gevonden |= {c for c in waarden if isinstance(c, str) and c in alle}
                else:
                    onderdelen.append(onderdeel)
    if vrij and not gevonden:
        return alle
    return gevonden


def _alle_subklassen(klasse: type) -> set[type]:
    gevonden: set[type] = set()
    subklassen: list[type] = klasse.__subclasses__()
    for sub in subklassen:
        gevonden |= {sub, *_alle_subklassen(sub)}
    return gevonden


def _patroontypen(patroon: Any) -> set[str]:
    """The fact types a rule's patterns match (also inside NOT and other combinations)."""
    typen: set[str] = set()
    for deel in patroon:
        if isinstance(deel, Fact):
            typen.add(type(deel).__name__)
        elif isinstance(deel, tuple):
            typen |= _patroontypen(deel)
    return typen - {"Kenmerk", "Gevraagd"}


@dataclass(frozen=True)
class Regelkennis:
    """What the relevance search knows of a rule base without evaluating a case."""

    begrenzend: frozenset[str]
    voedend: frozenset[str]
    patroonpaden: frozenset[str]
    #: The rules that set a ceiling (not only a condition), and the rules that feed those: a
    #: condition holds a verdict at passend onder voorwaarden at most, so below that only these
    #: can move it.
    plafonnerend: frozenset[str] = frozenset()
    plafond_voedend: frozenset[str] = frozenset()
    #: Per rule, the fact types it reads (in its patterns or its code) and those it declares.
    leest: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)
    maakt: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def voedend_voor(self, typen: Iterable[str], behalve: Iterable[str] = ()) -> frozenset[str]:
        """The rules that declare one of these fact types (except the rules ``behalve``), and
        the rules that feed those."""
        doel, weg = set(typen), set(behalve)
        return _voeders(self.leest, self.maakt,
                        {r for r, t in self.maakt.items() if t & doel and r not in weg})

    @classmethod
    def van(cls, bank: Regelbank) -> Regelkennis:
        """Limiting rules are those that declare a ceiling or a condition; feeding rules are
        those that declare a fact type a limiting (or feeding) rule matches in its patterns or
        reads in its code, so a rule that concluded nothing in one evaluation still counts when
        it could have. What a rule declares and what it reads are told apart in its code: a
        fact type it calls is declared, one it hands on (to ``ctx.feiten``) is read. Only the
        paths named in the patterns of feeding rules can matter."""
        alle_paden = list(kenmerkpaden())
        feittypen = {t.__name__ for t in _alle_subklassen(Fact)} - {"Kenmerk", "Gevraagd"}
        methoden = _contextmethoden(feittypen)
        leest: dict[str, set[str]] = {}
        maakt: dict[str, set[str]] = {}
        patroonpaden: dict[str, set[str]] = {}
        for nummer, meta in enumerate(bank.regels, start=1):
            experta_regel = getattr(bank.motorklasse, f"regel_{nummer:03d}")
            functie = _regelfunctie(experta_regel)
            gebruik = codegebruik(functie.__code__, functie.__globals__)
            leest[meta.id] = _patroontypen(experta_regel) | (gebruik.waarden & feittypen)
            maakt[meta.id] = (gebruik.aanroepen & feittypen).union(
                *(methoden.get(a, set()) for a in gebruik.attributen))
            patroonpaden[meta.id] = _patroonpaden(experta_regel, alle_paden)
        begrenzend = {r for r, typen in maakt.items() if typen & BEGRENZENDE_TYPEN}
        plafonnerend = {r for r, typen in maakt.items() if Oordeelgrens.__name__ in typen}
        voedend = _voeders(leest, maakt, begrenzend)
        paden = set().union(*(patroonpaden[r] for r in voedend))
        return cls(frozenset(begrenzend), voedend, frozenset(paden),
                   frozenset(plafonnerend), _voeders(leest, maakt, plafonnerend),
                   {r: frozenset(t) for r, t in leest.items()},
                   {r: frozenset(t) for r, t in maakt.items()})


def _voeders(leest: Mapping[str, Iterable[str]], maakt: Mapping[str, Iterable[str]],
             regels: set[str]) -> frozenset[str]:
    """These rules and every rule that declares a fact type one of them (or of those) reads."""
    voedend = set(regels)
    while True:
        nodig: set[str] = set().union(*(leest[r] for r in voedend))
        erbij = {r for r in maakt if r not in voedend and nodig.intersection(maakt[r])}
        if not erbij:
            return frozenset(voedend)
        voedend |= erbij


def beslissende_regelbank(bank: Regelbank, kennis: Regelkennis) -> Regelbank:
    """The rule base with only its limiting and feeding rules, in their order: nothing another
    rule concludes is matched or read by these, so they conclude what they conclude in the
    whole rule base, and with them every verdict and every reason that holds it."""
    return bank.deel(kennis.voedend, "beslissend")


#: Per loaded rule bank (kept alive here, so its id is not reused): its deciding part and what
#: is known of its rules.
_beslissende_delen: dict[int, tuple[Regelbank, Regelbank, Regelkennis]] = {}


def beslissend_deel(bank: Regelbank) -> tuple[Regelbank, Regelkennis]:
    """The deciding rule bank of ``bank`` and the knowledge of its rules, built once per bank:
    the interview and the why-not search share it (and its engine) within a process."""
    bewaard = _beslissende_delen.get(id(bank))
    if bewaard is None or bewaard[0] is not bank:
        kennis = Regelkennis.van(bank)
        bewaard = (bank, beslissende_regelbank(bank, kennis), kennis)
        _beslissende_delen[id(bank)] = bewaard
    return bewaard[1], bewaard[2]


def kandidaatpaden(evaluatie: Evaluatie, kennis: Regelkennis,
                   alleen_plafonds: bool = False) -> dict[str, set[Werkfunctie]]:
    """The facts worth trying, each with the functions whose verdict it might move: facts read
    for a function by rules that limit a verdict or fed one in this evaluation (under any
    location type named), and facts a rule's patterns name (for every function). With
    ``alleen_plafonds``, only the rules that set a ceiling and those that feed them count (for
    a verdict below passend onder voorwaarden, which no condition can move)."""
    kandidaten: dict[str, set[Werkfunctie]] = {}
    for per_type in evaluatie.per_locatietype:
        for pad, functies in _kandidaatpaden(per_type, kennis, alleen_plafonds).items():
            kandidaten.setdefault(pad, set()).update(functies)
    return kandidaten


def _kandidaatpaden(evaluatie: Evaluatie, kennis: Regelkennis,
                    alleen_plafonds: bool) -> dict[str, set[Werkfunctie]]:
    door: dict[int, Vuring] = {}
    for vuring in evaluatie.spoor:
        for conclusie in vuring.conclusies:
            door.setdefault(conclusie["__factid__"], vuring)
    begrenzend = kennis.plafonnerend if alleen_plafonds else kennis.begrenzend
    voedend = set(kennis.plafond_voedend if alleen_plafonds else kennis.voedend)
    te_volgen = [v for v in evaluatie.spoor if v.regel.id in begrenzend]
    gezien: set[int] = set()
    while te_volgen:
        vuring = te_volgen.pop()
        for feit in vuring.feiten:
            bron = door.get(feit["__factid__"])
            if bron is not None and id(bron) not in gezien:
                gezien.add(id(bron))
                voedend.add(bron.regel.id)
                te_volgen.append(bron)
    kandidaten: dict[str, set[Werkfunctie]] = {
        pad: set(evaluatie.functies) for pad in kennis.patroonpaden}
    for vuring in evaluatie.spoor:
        if vuring.regel.id not in voedend:
            continue
        functies = {f for f in evaluatie.functies if vuring.betreft(f.value)}
        for feit in vuring.feiten:
            if isinstance(feit, Kenmerk):
                kandidaten.setdefault(feit.pad, set()).update(functies)
    return kandidaten


@dataclass(frozen=True)
class Criteriumgroep:
    """The facts one criterion of a table reads (``waar``: where in the tables), for the
    function whose table row it is (None: a row for every function). Where a criterion combines
    facts, its outcome may only change when several of them are answered: a Niet-row
    ``alle: [a_winkelstraat, verdieping]`` holds only when both are known, an ``een_van`` fails
    only when every part is known to fail."""

    paden: tuple[str, ...]
    functie: Werkfunctie | None
    waar: str


def criteriumgroepen(tabellen: Iterable[tuple[str, Any]]) -> list[Criteriumgroep]:
    """Every criterion in the tables that reads more than one fact, and every list of rows that
    say where or when something applies (``als``: a profile's Wél- and Niet-locations, the
    nuisance amplifiers), in the tables' order. Such a list is read as a whole: the matrix goes
    one step up while any Wél-row holds or may hold, so only when every one of them is known not
    to hold does it stay where it is. (A requirement limits on its own; a list of requirements
    is no group.)"""
    groepen = []
    lijsten: dict[tuple[str, Werkfunctie | None], list[str]] = {}
    for criterium, functie, waar in tabelcriteria(tabellen):
        paden = tuple(dict.fromkeys(criterium.paden()))
        if len(paden) > 1:
            groepen.append(Criteriumgroep(paden, functie, waar))
        lijst = re.fullmatch(r"(.*)\[\d+\]\.als", waar)
        if lijst:
            lijsten.setdefault((lijst.group(1), functie), []).extend(paden)
    for (waar, functie), lijstpaden in lijsten.items():
        uniek = tuple(dict.fromkeys(lijstpaden))
        if len(uniek) > 1 and not any(g.paden == uniek for g in groepen):
            groepen.append(Criteriumgroep(uniek, functie, waar))
    return groepen


Uitkomst = tuple[Stand, Evaluatie]
#: A combination of answers that changes a verdict: the facts, their values, the verdict before
#: and after, and the evaluation with those answers.
Samengevolg = tuple[list[str], tuple[Any, ...], tuple[Oordeel, Oordeel], Evaluatie]
#: An evaluation in which an answer changed the function's verdict or took reasons away.
Verantwoording = tuple[Werkfunctie, Evaluatie]

#: The most combinations of values tried for the unknown facts of one group (a list of
#: requirements with ten unknown facts is searched once fewer of them are left unknown).
MAX_COMBINATIES = 64


@dataclass
class Relevantie:
    """The relevance engine for one interview: a rule base, the requested functions, and the
    evaluations done so far.

    Each function is evaluated on its own and remembered under the values of the facts that
    evaluation read (plus every fact a rule's patterns name, and the further location types):
    a case that agrees on those gets the same outcome for that function, since nothing else can
    have played a part. So after an answer, only the functions that read the answered fact are
    evaluated again.
    """

    bank: Regelbank
    functies: tuple[Werkfunctie, ...] = tuple(Werkfunctie)
    volledig: bool = False
    schema: dict[str, Any] = field(default_factory=casusschema)
    paden: Mapping[str, Mapping[str, Any]] = field(default_factory=kenmerkpaden)
    evaluaties: int = 0
    _geheugen: dict[Werkfunctie, dict[tuple[str, ...], dict[tuple[Any, ...], Uitkomst]]] = (
        field(default_factory=dict))
    _toetsen: dict[Werkfunctie | None, dict[str, set[Toets]]] = field(default_factory=dict)
    _groepen: list[Criteriumgroep] | None = None
    #: The questions of each state of the interview worked out so far (``vooruit``).
    _vragen: dict[str, list[Interviewvraag]] = field(default_factory=dict)
    #: Set while ``Vooruitdenken`` works in the background and should stop.
    _afbreken: threading.Event = field(default_factory=threading.Event)
    _lezingen: dict[int, tuple[Evaluatie, dict[Werkfunctie, frozenset[tuple[str, str]]]]] = (
        field(default_factory=dict))

    def __post_init__(self) -> None:
        self.functies = tuple(dict.fromkeys(self.functies)) or tuple(Werkfunctie)

    def toetsen(self, functie: Werkfunctie | None = None) -> dict[str, set[Toets]]:
        if functie not in self._toetsen:
            self._toetsen[functie] = tabeltoetsen(self.bank, functie)
        return self._toetsen[functie]

    def drempels(self, functie: Werkfunctie | None = None) -> dict[str, list[float]]:
        return {pad: sorted({w for _, w in toetsen})
                for pad, toetsen in self.toetsen(functie).items()}

    @property
    def beslissend(self) -> Regelbank:
        """The rule base with only the rules that make a verdict or feed one: the same verdicts
        and reasons at a third of the cost (the checklist, the barriers and the gemeente's
        advice are left out; tests/test_interview.py compares on every stored case)."""
        return beslissend_deel(self.bank)[0]

    @property
    def kennis(self) -> Regelkennis:
        return beslissend_deel(self.bank)[1]

    @property
    def groepen(self) -> list[Criteriumgroep]:
        if self._groepen is None:
            self._groepen = criteriumgroepen(self.bank.tabellen.items())
        return self._groepen

    def uitkomsten(self, data: Mapping[str, Any],
                   functies: Iterable[Werkfunctie]) -> dict[Werkfunctie, Uitkomst] | None:
        """The verdicts and evaluations of ``functies`` for this case (None when a value is
        invalid). The functions not remembered yet are evaluated together, in one run: each
        function's rules read only that function's facts, and one run for several functions
        costs about half of a run per function."""
        try:
            casus = valideer(dict(data), "interview")
        except InvoerFout:
            return None
        waarden = kenmerken(casus)
        # The further location types are no fact a rule reads, but each is a run of its own.
        ook = tuple(casus.locatie.ook_locatietypen or ())
        gevonden: dict[Werkfunctie, Uitkomst] = {}
        nieuw: list[Werkfunctie] = []
        for functie in functies:
            for paden, uitkomsten in self._geheugen.setdefault(functie, {}).items():
                uitkomst = uitkomsten.get((ook, *(waarden[p] for p in paden)))
                if uitkomst is not None:
                    gevonden[functie] = uitkomst
                    break
            else:
                nieuw.append(functie)
        if nieuw:
            if self._afbreken.is_set():
                raise Afgebroken
            evaluatie = self.beslissend.evalueer(casus, nieuw)
            self.evaluaties += 1
            stand = standen(evaluatie)
            for functie in nieuw:
                gelezen = {pad for _, pad in self.lezingen(evaluatie, functie)}
                paden = tuple(sorted((gelezen | self.kennis.patroonpaden) & set(waarden)))
                gevonden[functie] = (stand[functie], evaluatie)
                self._geheugen[functie].setdefault(paden, {})[
                    (ook, *(waarden[p] for p in paden))] = gevonden[functie]
        return gevonden

    def uitkomst(self, data: Mapping[str, Any], functie: Werkfunctie) -> Uitkomst | None:
        """One function's verdict and evaluation for this case; None when a value is invalid."""
        uitkomsten = self.uitkomsten(data, [functie])
        return None if uitkomsten is None else uitkomsten[functie]

    def standen(self, data: Mapping[str, Any]) -> dict[Werkfunctie, Stand]:
        uitkomsten = self.uitkomsten(data, self.functies)
        if uitkomsten is None:
            raise InvoerFout("interview", "de casus is niet geldig")
        return {f: uitkomsten[f][0] for f in self.functies}

    def oordelen(self, data: Mapping[str, Any]) -> Oordelen:
        return {f: stand.oordeel for f, stand in self.standen(data).items()}

    def kandidaatwaarden(self, pad: str, functie: Werkfunctie | None = None) -> list[Any]:
        """Every value worth trying for an unknown fact (numbers: around the thresholds the
        tables use for this function)."""
        soort = soort_van(pad, self.schema)
        if soort in ("getal", "geheel_getal"):
            toetsen = self.toetsen(functie).get(pad, set())
            return getalwaarden(sorted({w for _, w in toetsen}), soort == "geheel_getal",
                                toetsen)
        return _kandidaatwaarden(pad, None, self.schema, {})

    def opties(self, pad: str) -> list[Any]:
        soort = soort_van(pad, self.schema)
        return [] if soort in ("getal", "geheel_getal") else self.kandidaatwaarden(pad)

    def onbekend(self, data: Mapping[str, Any], weet_niet: Iterable[str] = ()) -> list[str]:
        """The unknown facts of the case that may still be asked, in the case model's order."""
        overslaan = set(weet_niet)
        casus = valideer(dict(data), "interview")
        return [p for p, w in kenmerken(casus).items()
                if w is None and p not in overslaan and p in self.paden]

    def te_proberen(self, data: Mapping[str, Any],
                    weet_niet: Iterable[str] = ()) -> dict[str, set[Werkfunctie]]:
        """The unknown facts to re-evaluate, each with the functions to evaluate (every unknown
        fact for every requested function when ``volledig``)."""
        onbekend = self.onbekend(data, weet_niet)
        if self.volledig:
            return {p: set(self.functies) for p in onbekend}
        kandidaten: dict[str, set[Werkfunctie]] = {}
        uitkomsten = self.uitkomsten(data, self.functies)
        assert uitkomsten is not None
        for functie, (stand, evaluatie) in uitkomsten.items():
            # Below passend onder voorwaarden a condition changes nothing: only the facts of
            # the rules that set a ceiling can move the verdict, or lift the ceilings holding it.
            onder = stand.oordeel.rang < Oordeel.PASSEND_ONDER_VOORWAARDEN.rang
            for pad, functies in kandidaatpaden(evaluatie, self.kennis, onder).items():
                if functie in functies:
                    kandidaten.setdefault(pad, set()).add(functie)
        return {p: kandidaten[p] for p in onbekend if p in kandidaten}

    def gevolgen(self, data: Mapping[str, Any], pad: str, basis: dict[Werkfunctie, Stand],
                 functies: Iterable[Werkfunctie],
                 alle_waarden: bool = True,
                 per_waarde: dict[tuple[Any, Werkfunctie], Uitkomst] | None = None,
                 ) -> tuple[list[Gevolg], list[Verantwoording]]:
        """What each value of an unknown fact does to the verdicts of ``functies``; without
        ``alle_waarden``, a function is tried no further once one value changed its verdict
        (whether the fact matters is then known). ``per_waarde`` is given each outcome."""
        veranderd: dict[Any, dict[Werkfunctie, tuple[Oordeel, Oordeel]]] = {}
        weggenomen: dict[Any, dict[Werkfunctie, frozenset[str]]] = {}
        evaluaties: list[Verantwoording] = []
        gevraagd = [f for f in self.functies if f in set(functies)]
        waarden = {f: self.kandidaatwaarden(pad, f) for f in gevraagd}
        alle = sorted({w for ws in waarden.values() for w in ws}, key=_waardevolgorde)
        for waarde in alle:
            te_doen = [f for f in gevraagd if waarde in waarden[f]
                       and (alle_waarden or not any(f in v for v in veranderd.values()))]
            uitkomsten = self.uitkomsten(met_antwoord(data, pad, waarde), te_doen)
            if not te_doen or uitkomsten is None:
                continue
            if per_waarde is not None:
                per_waarde.update(((waarde, f), uitkomsten[f]) for f in te_doen)
            for functie in te_doen:
                was = basis[functie]
                nu = uitkomsten[functie][0]
                if nu.oordeel != was.oordeel:
                    veranderd.setdefault(waarde, {})[functie] = (was.oordeel, nu.oordeel)
                elif nu.redenen < was.redenen:
                    weggenomen.setdefault(waarde, {})[functie] = was.redenen - nu.redenen
            if waarde in veranderd or waarde in weggenomen:
                # The passage behind the answer: from every function tried with this value.
                evaluaties.extend((f, uitkomsten[f][1]) for f in te_doen)
        gevolgen = [Gevolg(w, veranderd.get(w, {}), weggenomen.get(w, {}))
                    for w in sorted({*veranderd, *weggenomen}, key=_waardevolgorde)]
        return gevolgen, evaluaties

    def vragen(self, data: Mapping[str, Any],
               weet_niet: Iterable[str] = ()) -> list[Interviewvraag]:
        """Every unknown fact whose answer can still change a verdict: most verdicts first, ties
        in the guide's order, then the case model's (see ``Zoektocht`` for when an answer counts).
        The questions carry the first answer found that changes each verdict (``volgende`` gives
        the one asked every answer's consequences)."""
        weet_niet = sorted(set(weet_niet))
        sleutel = json.dumps([data, weet_niet], sort_keys=True)
        if sleutel not in self._vragen:
            zoektocht = Zoektocht(self, data, self.standen(data),
                                  self.te_proberen(data, weet_niet), weet_niet)
            self._vragen[sleutel] = sorted(zoektocht.alle(), key=zoektocht.rang)
        return list(self._vragen[sleutel])

    def lezingen(self, evaluatie: Evaluatie,
                 functie: Werkfunctie) -> frozenset[tuple[str, str]]:
        """Which rule read which fact for ``functie`` in this evaluation (under every location
        type named); worked out once per evaluation for all its functions."""
        if id(evaluatie) not in self._lezingen:
            per_functie: dict[Werkfunctie, set[tuple[str, str]]] = {
                f: set() for f in evaluatie.functies}
            for vuring in (v for e in evaluatie.per_locatietype for v in e.spoor):
                paden = [(vuring.regel.id, f.pad) for f in vuring.feiten
                         if isinstance(f, Kenmerk)]
                if paden:
                    for eigen, gelezen in per_functie.items():
                        if vuring.betreft(eigen.value):
                            gelezen.update(paden)
            # The evaluation is kept with its reads, so its id is not reused while remembered.
            self._lezingen[id(evaluatie)] = (evaluatie, {f: frozenset(g)
                                                         for f, g in per_functie.items()})
        return self._lezingen[id(evaluatie)][1].get(functie, frozenset())

    def vervolgpaden(self, eerder: Evaluatie, nu: Evaluatie, functie: Werkfunctie,
                     vrij: Collection[str]) -> list[str]:
        """The facts of ``vrij`` (unknown, not 'weet niet') that a rule reads for ``functie`` in
        ``nu`` and did not read in ``eerder``, in the case model's order: the facts answers
        bring into play. A Niet-row reads whether it can be remedied only once its own facts
        say it holds, so that fact is not read, and not tried, before."""
        nieuw = {pad for _, pad in self.lezingen(nu, functie) - self.lezingen(eerder, functie)}
        return [p for p in self.paden if p in nieuw and p in vrij]

    def _samengevolg(self, data: Mapping[str, Any], leden: list[str], functie: Werkfunctie,
                     was: Stand, eerder: Evaluatie, vrij: Collection[str],
                     ruimte: int = MAX_COMBINATIES) -> Samengevolg | None:
        """The first combination of values of ``leden`` that changes the verdict. A combination
        that changes nothing but brings further unknown facts into play (``vervolgpaden``) is
        combined with their values in turn, as long as all combinations tried stay within
        ``ruimte``: a verdict that moves only when three facts are known is found from any of
        them."""
        waardenlijsten = [self.kandidaatwaarden(p, functie) for p in leden]
        aantal = math.prod(len(w) for w in waardenlijsten)
        if aantal > ruimte:
            return None
        over = [p for p in vrij if p not in leden]
        for waarden in itertools.product(*waardenlijsten):
            gewijzigd = dict(data)
            for pad, waarde in zip(leden, waarden, strict=True):
                gewijzigd = met_antwoord(gewijzigd, pad, waarde)
            uitkomst = self.uitkomst(gewijzigd, functie)
            if uitkomst is None:
                continue
            if uitkomst[0].oordeel != was.oordeel:
                return list(leden), waarden, (was.oordeel, uitkomst[0].oordeel), uitkomst[1]
            vervolg = self.vervolgpaden(eerder, uitkomst[1], functie, over)
            if vervolg:
                verder = self._samengevolg(gewijzigd, vervolg, functie, was, uitkomst[1], over,
                                           ruimte // aantal)
                if verder is not None:
                    return [*leden, *verder[0]], (*waarden, *verder[1]), verder[2], verder[3]
        return None

    def _vraag(self, pad: str, gevolgen: list[Gevolg], evaluaties: list[Verantwoording],
               geraakt: set[Werkfunctie]) -> Interviewvraag:
        # Of each evaluation only the firings of the functions it stands for here: one
        # remembered for a function may come from a run together with others, and which others
        # must not change the passage.
        per_evaluatie: dict[int, tuple[Evaluatie, set[str]]] = {}
        for functie, evaluatie in evaluaties:
            if functie in geraakt:
                per_evaluatie.setdefault(id(evaluatie), (evaluatie, set()))[1].add(functie.value)
        passages = [_passage(v) for e, functies in per_evaluatie.values() for v in e.spoor
                    if _leest(v, pad) and any(v.betreft(f) for f in functies)]
        _, bron, citaat = min(passages, key=lambda p: (not p[0], _bronvolgorde(p[1])),
                              default=(False, None, None))
        meta = self.paden[pad]
        wie = meta["wie"]
        beschrijving = meta["beschrijving"]
        if pad.count(".") == 2:  # a per-function fact such as beleid.omgevingsplan.<functie>
            beschrijving += f" Hier: {pad.rsplit('.', 1)[1]}."
        drempels = sorted({d for f in geraakt for d in self.drempels(f).get(pad, [])})
        return Interviewvraag(
            pad=pad, beschrijving=beschrijving, eenheid=eenheid_van(pad),
            soort=soort_van(pad, self.schema), opties=self.opties(pad), drempels=drempels,
            kenner=wie if wie != Wie.VAST.value else KENNER_PER_SECTIE[pad.split(".")[0]],
            bron=bron, bronlabel=BRONNEN.get(bron) if bron else None, citaat=citaat,
            gevolgen=gevolgen, functies=[f for f in Werkfunctie if f in geraakt])

    def volgende(self, data: Mapping[str, Any],
                 weet_niet: Iterable[str] = ()) -> Interviewvraag | None:
        """The question ``vragen`` puts first, found without working out the others: see
        ``Zoektocht.beste``."""
        basis = self.standen(data)
        vraag = Zoektocht(self, data, basis, self.te_proberen(data, weet_niet),
                          weet_niet).beste()
        if vraag is None or vraag.samen_met:
            return vraag
        gevolgen, evaluaties = self.gevolgen(data, vraag.pad, basis, vraag.functies)
        return self._vraag(vraag.pad, gevolgen, evaluaties, set(vraag.functies))


@dataclass
class Zoektocht:
    """The search for the questions of one state of an interview, each part worked out only
    when it is needed and then remembered.

    An answer can change a verdict on its own, or together with other answers: when no single
    answer changes a verdict but every reason that holds it where it is can be taken away by
    some unknown fact, each fact that takes one away is worth asking (one answer alone rarely
    lifts a verdict that several unknown requirements hold down); and the unknown facts of one
    criterion can change a verdict together (``groepsvraag``). Answers can also bring facts into
    play that no rule read before: a Niet-row reads whether it can be remedied only once its own
    facts say it holds, so a verdict may move only when three facts are known. Each combination
    (and each value of a fact that changes nothing on its own) that brings such facts into play
    is combined with their values in turn (``Relevantie._samengevolg``).

    A question can change at most the verdicts of the functions its fact is tried for
    (``te_proberen``: the facts the deciding rules read for that function), and once its values
    are tried, at most those whose verdict a value changed or whose reasons it took away; so
    ``beste`` tries the facts in the order of that bound and stops once no fact left can change
    as many verdicts as the best question found: the question ranking them all puts first, at a
    fraction of the evaluations.
    """

    relevantie: Relevantie
    data: Mapping[str, Any]
    basis: dict[Werkfunctie, Stand]
    te_proberen: dict[str, set[Werkfunctie]]
    weet_niet: Iterable[str] = ()
    volgorde: dict[str, int] = field(init=False)
    kandidaten: list[str] = field(init=False)
    #: The facts that may still be asked: unknown, and not answered with 'weet niet'.
    vrij: list[str] = field(init=False)
    _enkel: dict[str, tuple[list[Gevolg], list[Verantwoording]]] = field(default_factory=dict)
    #: Per fact tried on its own, the outcome of each value for each function tried.
    _per_waarde: dict[str, dict[tuple[Any, Werkfunctie], Uitkomst]] = field(
        default_factory=dict)
    _vervolg: dict[str, set[Werkfunctie]] = field(default_factory=dict)
    _op_te_heffen: dict[Werkfunctie, bool] = field(default_factory=dict)
    _vragen: dict[str, Interviewvraag | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.volgorde = {pad: nummer for nummer, pad in enumerate(self.relevantie.paden)}
        #: The facts to try, most functions first, then in the case model's order.
        self.kandidaten = sorted(self.te_proberen,
                                 key=lambda p: (-len(self.te_proberen[p]), self.volgorde[p]))
        self.vrij = self.relevantie.onbekend(self.data, self.weet_niet)

    def rang(self, vraag: Interviewvraag) -> tuple[int, int, int]:
        """Most verdicts first, ties in the guide's order, then the case model's."""
        return -len(vraag.functies), _bronvolgorde(vraag.bron), self.volgorde[vraag.pad]

    def enkel(self, pad: str) -> tuple[list[Gevolg], list[Verantwoording]]:
        """What each value of ``pad`` on its own does (each function tried until one value
        changed its verdict)."""
        if pad not in self._enkel:
            self._per_waarde[pad] = {}
            self._enkel[pad] = self.relevantie.gevolgen(
                self.data, pad, self.basis, self.te_proberen[pad], alle_waarden=False,
                per_waarde=self._per_waarde[pad])
        return self._enkel[pad]

    def vervolg(self, pad: str) -> set[Werkfunctie]:
        """The functions whose verdict no value of ``pad`` changes on its own, where a value
        brings other unknown facts into play (``Relevantie.vervolgpaden``): with them, it may."""
        if pad not in self._vervolg:
            veranderd = self._veranderd(pad)
            vrij = [p for p in self.vrij if p != pad]
            basis = self.relevantie.uitkomsten(self.data, self.relevantie.functies)
            assert basis is not None
            self._vervolg[pad] = {
                functie for (_, functie), (_, evaluatie) in self._per_waarde[pad].items()
                if functie not in veranderd
                and self.relevantie.vervolgpaden(basis[functie][1], evaluatie, functie, vrij)}
        return self._vervolg[pad]

    def _veranderd(self, pad: str) -> set[Werkfunctie]:
        return {f for g in self.enkel(pad)[0] for f in g.veranderingen}

    def _weggenomen(self, pad: str) -> set[Werkfunctie]:
        """The functions a value of ``pad`` takes reasons away from without changing them."""
        return {f for g in self.enkel(pad)[0] for f in g.weggenomen} - self._veranderd(pad)

    def veranderbaar(self, functie: Werkfunctie) -> bool:
        """Whether one answer on its own changes the function's verdict (the facts already
        tried are looked at first)."""
        paden = [p for p in self.kandidaten if functie in self.te_proberen[p]]
        paden.sort(key=lambda p: p not in self._enkel)
        return any(functie in self._veranderd(p) for p in paden)

    def op_te_heffen(self, functie: Werkfunctie) -> bool:
        """No single answer moves the verdict, but every reason holding it there can be taken
        away by some unknown fact."""
        if functie not in self._op_te_heffen:
            redenen = self.basis[functie].redenen
            weg: set[str] = set()
            if redenen and not self.veranderbaar(functie):
                for pad in self.kandidaten:
                    if functie in self.te_proberen[pad]:
                        for gevolg in self.enkel(pad)[0]:
                            weg |= gevolg.weggenomen.get(functie, frozenset())
            self._op_te_heffen[functie] = bool(redenen) and redenen <= weg
        return self._op_te_heffen[functie]

    def geraakt(self, pad: str) -> set[Werkfunctie]:
        """The verdicts one answer to ``pad`` can change on its own."""
        return self._veranderd(pad) | {f for f in self._weggenomen(pad) if self.op_te_heffen(f)}

    def relevant(self, pad: str) -> bool:
        """Whether one answer to ``pad`` on its own can change a verdict."""
        return bool(self._veranderd(pad)) or any(self.op_te_heffen(f)
                                                 for f in self._weggenomen(pad))

    def vraag(self, pad: str, nodig: int = 1) -> Interviewvraag | None:
        """The question for ``pad``: on its own when an answer can change a verdict, else as
        the first fact of a criterion whose facts can together, else none. With ``nodig``,
        also none once it is certain that the question changes fewer verdicts than that."""
        if pad in self._vragen:
            bewaard = self._vragen[pad]
            return bewaard if bewaard is not None and len(bewaard.functies) >= nodig else None
        veranderd, weggenomen = self._veranderd(pad), self._weggenomen(pad)
        vraag: Interviewvraag | None
        if not veranderd and max(len(weggenomen), self._groepsbovengrens(pad)) < nodig:
            return None
        if veranderd or self.relevant(pad):
            if len(veranderd | weggenomen) < nodig:
                return None
            gevolgen, evaluaties = self.enkel(pad)
            vraag = self.relevantie._vraag(pad, gevolgen, evaluaties, self.geraakt(pad))
        else:
            vraag = self.groepsvraag(pad, nodig)
            if vraag is None and nodig > 1:
                return None  # perhaps only cut short: not remembered
        self._vragen[pad] = vraag
        return vraag

    def _groepen_van(self, pad: str) -> list[tuple[list[str], list[Werkfunctie]]]:
        """The criteria whose first unknown fact is ``pad``, each with its unknown facts and the
        functions for which all of those are tried and the combinations are few enough."""
        relevantie = self.relevantie
        groepen = []
        for groep in relevantie.groepen:
            leden = [p for p in groep.paden if p in self.te_proberen]  # unknown, not 'weet niet'
            if len(leden) < 2 or leden[0] != pad:
                continue
            functies = [f for f in relevantie.functies
                        if (groep.functie is None or f == groep.functie)
                        and all(f in self.te_proberen[p] for p in leden)
                        and math.prod(len(relevantie.kandidaatwaarden(p, f)) for p in leden)
                        <= MAX_COMBINATIES]
            groepen.append((leden, functies))
        return groepen

    def _zoekingen(self, pad: str) -> list[tuple[list[str], Werkfunctie]]:
        """What ``groepsvraag`` searches: the criteria led by ``pad`` (see ``_groepen_van``),
        per function, then ``pad`` itself for the functions its values bring further facts into
        play for (``vervolg``)."""
        zoekingen = [(leden, f) for leden, functies in self._groepen_van(pad) for f in functies]
        return zoekingen + [([pad], f) for f in self.relevantie.functies if f in self.vervolg(pad)]

    def _groepsbovengrens(self, pad: str) -> int:
        """The most verdicts the criteria led by ``pad`` and its follow-ups can change."""
        return len({f for _, f in self._zoekingen(pad)})

    def groepsvraag(self, pad: str, nodig: int = 1) -> Interviewvraag | None:
        """``pad`` as the first unknown fact of criteria whose facts change a verdict only
        together: every combination of their values is tried. A criterion with a fact that is
        worth asking on its own needs no search: that fact is asked, and after its answer fewer
        facts of the criterion are left to combine. Then ``pad`` with the facts its values
        bring into play (``vervolg``). None also once fewer than ``nodig`` verdicts can still
        be changed."""
        if self._groepsbovengrens(pad) < nodig:
            return None
        # Members changing a verdict on their own are looked for among the facts tried first.
        zoekingen = [(leden, functie) for leden, functie in self._zoekingen(pad)
                     if len(leden) == 1 or (not any(self._veranderd(p) for p in leden)
                                            and not any(self.relevant(p) for p in leden))]
        basis = self.relevantie.uitkomsten(self.data, self.relevantie.functies)
        assert basis is not None
        gevolgen: list[Gevolg] = []
        evaluaties: list[Verantwoording] = []
        geraakt: set[Werkfunctie] = set()
        samen: list[str] = []
        for nummer, (leden, functie) in enumerate(zoekingen):
            if len(geraakt | {f for _, f in zoekingen[nummer:]}) < nodig:
                return None
            if len(leden) == 1 and functie in geraakt:
                continue  # a criterion changed it: no need to look further
            gevolg = self.relevantie._samengevolg(self.data, leden, functie,
                                                  self.basis[functie], basis[functie][1],
                                                  self.vrij)
            if gevolg is None:
                continue
            paden, waarde, veranderd, evaluatie = gevolg
            gevolgen.append(Gevolg(waarde[0], {functie: veranderd}, {},
                                   dict(zip(paden[1:], waarde[1:], strict=True))))
            evaluaties.append((functie, evaluatie))
            geraakt.add(functie)
            samen.extend(p for p in paden[1:] if p not in samen)
        if not geraakt:
            return None
        return dataclasses.replace(self.relevantie._vraag(pad, gevolgen, evaluaties, geraakt),
                                   samen_met=samen)

    def alle(self) -> list[Interviewvraag]:
        return [v for p in self.kandidaten if (v := self.vraag(p)) is not None]

    def beste(self) -> Interviewvraag | None:
        """The question ``alle`` ranks first, found without working out every question.

        A fact can change at most the verdicts of the functions it is tried for, and once its
        values are tried, at most those a value changed or took reasons away from (or, where
        no answer on its own does anything, those of the criteria it leads); and the best
        question changes at least as many verdicts as any fact changes on its own. So the
        facts are tried on their own most functions first until no fact left is tried for as
        many functions as one already changes; then worked out in full, most verdicts they can
        change first, until none left can change as many as the best found. (One that can
        change as many is still worked out: it may tie and come earlier in the guide.)"""
        ondergrens = 1
        bovengrens: dict[str, int] = {}
        for pad in self.kandidaten:
            if len(self.te_proberen[pad]) < ondergrens:
                break
            veranderd, weggenomen = self._veranderd(pad), self._weggenomen(pad)
            ondergrens = max(ondergrens, len(veranderd))
            bovengrens[pad] = (len(veranderd | weggenomen) if veranderd else
                               max(len(weggenomen), self._groepsbovengrens(pad)))
        beste: Interviewvraag | None = None
        for pad in sorted(bovengrens, key=lambda p: (-bovengrens[p], self.volgorde[p])):
            nodig = max(ondergrens, len(beste.functies) if beste is not None else 1)
            if bovengrens[pad] < nodig:
                break
            vraag = self.vraag(pad, nodig)
            if vraag is not None and (beste is None or self.rang(vraag) < self.rang(beste)):
                beste = vraag
        return beste


class Afgebroken(Exception):
    """The background work of ``Vooruitdenken`` was stopped: the answer came first."""


@dataclass
class Vooruitdenken:
    """Works out the questions after each answer a question can get while the user reads it:
    the same computation as after the answer (``Relevantie.vragen``, remembered per state), only
    sooner, so what is asked and shown does not depend on it. One thread at a time uses the
    rule engine: ``stop`` ends the background work (at its next evaluation, keeping every
    evaluation done) before the interview goes on."""

    relevantie: Relevantie
    _draad: threading.Thread | None = None

    def start(self, data: Mapping[str, Any], weet_niet: list[str], pad: str,
              opties: Iterable[Any]) -> None:
        """Begin on the states after each of the ``opties`` for ``pad``, and after 'weet niet'
        (a number, which can be any, gets no state of its own)."""
        self.stop()
        # Copies: the interview goes on changing its own state while this works.
        toestanden = [(met_antwoord(data, pad, optie), list(weet_niet)) for optie in opties]
        toestanden.append((json.loads(json.dumps(data)), [*weet_niet, pad]))
        self._draad = threading.Thread(target=self._werk, args=(toestanden,), daemon=True)
        self._draad.start()

    def _werk(self, toestanden: list[tuple[dict[str, Any], list[str]]]) -> None:
        for data, weet_niet in toestanden:
            try:
                self.relevantie.vragen(data, weet_niet)
            except Afgebroken:
                return
            except InvoerFout:
                continue  # an option this case does not allow: never the state asked next

    def wacht(self) -> None:
        """Until the background work is done (it is not stopped)."""
        if self._draad is not None:
            self._draad.join()

    def stop(self) -> None:
        if self._draad is not None:
            self.relevantie._afbreken.set()
            self._draad.join()
            self.relevantie._afbreken.clear()
            self._draad = None


def _waardevolgorde(waarde: Any) -> tuple[int, Any]:
    """Answers in a stable order: false before true, numbers ascending, then text."""
    if isinstance(waarde, bool):
        return (0, int(waarde))
    if isinstance(waarde, int | float):
        return (1, waarde)
    return (2, str(waarde))


def getal_of_fout(tekst: str, soort: str) -> float | int:
    """Parse a number typed by a person (a decimal comma is allowed)."""
    schoon = tekst.strip().replace(",", ".")
    waarde = float(schoon)
    if not math.isfinite(waarde):
        raise ValueError(tekst)
    if soort == "geheel_getal":
        if not waarde.is_integer():
            raise ValueError(tekst)
        return int(waarde)
    return int(waarde) if waarde.is_integer() else waarde


def locatietype_opties() -> list[tuple[str, str, str]]:
    """(value, name, definition from 1.3) for each location type."""
    return [(lt.value, LOCATIETYPE_NAMEN[lt], LOCATIETYPE_DEFINITIES[lt]) for lt in Locatietype]


@dataclass
class Naspeling:
    """An interview answered from a known case: what was asked and where it ended."""

    casus: str
    gesteld: list[str]
    weet_niet: list[str]
    data: dict[str, Any]
    feiten_in_casus: int


def startgegevens(casus: Casus) -> dict[str, Any]:
    """What an interview of a known case starts from: its id, gemeente and the answer to the
    first question, the location type with any further types that also fit."""
    data: dict[str, Any] = {"id": casus.id, "gemeente": casus.gemeente}
    locatietype = kenmerken(casus).get(LOCATIETYPE)
    if locatietype is not None:
        data = met_antwoord(data, LOCATIETYPE, locatietype)
    if casus.locatie.ook_locatietypen:
        data = met_antwoord(data, OOK_LOCATIETYPEN,
                            [t.value for t in casus.locatie.ook_locatietypen])
    return data


def naspelen(relevantie: Relevantie, casus: Casus) -> Naspeling:
    """Interview from the gemeente and the location type(s) alone, answering every question from
    the case's own facts ('weet niet' where the case leaves a fact unknown)."""
    bekend = {p: w for p, w in kenmerken(casus).items() if w is not None}
    data = startgegevens(casus)
    gesteld: list[str] = []
    weet_niet: list[str] = []
    while (vraag := relevantie.volgende(data, weet_niet)) is not None:
        gesteld.append(vraag.pad)
        if vraag.pad in bekend:
            data = met_antwoord(data, vraag.pad, bekend[vraag.pad])
        else:
            weet_niet.append(vraag.pad)
    return Naspeling(casus.id, gesteld, weet_niet, data, len(bekend))
