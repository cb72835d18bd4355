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

import inspect
import json
import math
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kennisbank.advies import kopevaluatie
from kennisbank.casus import Casus, Wie, kenmerken, kenmerkpaden
from kennisbank.casuslader import valideer, zet_pad
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
from kennisbank.regelapi import Eindoordeel, Kenmerk, Oordeelgrens, Voorwaarde, regelfunctie
from kennisbank.verklaring import _kandidaatwaarden, _veldschema
from kennisbank.yamlbestand import lees_yaml

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


@dataclass(frozen=True)
class Gevolg:
    """What one answer would do: the verdicts it changes (function → (now, then)), and the
    reasons holding a verdict down that it takes away without lowering that verdict."""

    waarde: Any
    veranderingen: dict[Werkfunctie, tuple[Oordeel, Oordeel]]
    weggenomen: dict[Werkfunctie, frozenset[str]]


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
            "waarom": [
                {"antwoord": g.waarde,
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


def tabeldrempels(bank: Regelbank,
                  functie: Werkfunctie | None = None) -> dict[str, list[float]]:
    """Every number a table of the rule directory compares a fact path with (is/in/min/max);
    with ``functie``, parts of a table that belong to another function are left out."""
    gevonden: dict[str, set[float]] = {}
    andere = {f.value for f in Werkfunctie if functie is not None and f != functie}

    def zoek(knoop: Any) -> None:
        if isinstance(knoop, dict):
            knoop = {k: v for k, v in knoop.items() if k not in andere}
            pad = knoop.get("pad")
            if isinstance(pad, str):
                for sleutel in ("is", "in", "min", "max"):
                    waarden = knoop.get(sleutel)
                    for waarde in waarden if isinstance(waarden, list) else [waarden]:
                        if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                            gevonden.setdefault(pad, set()).add(float(waarde))
            for kind in knoop.values():
                zoek(kind)
        elif isinstance(knoop, list):
            for kind in knoop:
                zoek(kind)

    for bestand in sorted(bank.map.glob("*.yaml")):
        zoek(lees_yaml(bestand))
    return {pad: sorted(waarden) for pad, waarden in gevonden.items()}


def getalwaarden(drempels: list[float], geheel: bool) -> list[float | int]:
    """Each threshold itself and one value in every open interval the thresholds cut the number
    line into: a table's ``min``, ``max`` (both inclusive) and ``is`` treat every value of such
    an interval alike, so these values visit every outcome a table can give."""
    if not drempels:
        return []
    grenzen = sorted(set(drempels))
    waarden: list[float] = [grenzen[0] - 1, *grenzen, grenzen[-1] + 1]
    for laag, hoog in zip(grenzen, grenzen[1:], strict=False):
        midden = math.floor((laag + hoog) / 2) if geheel else (laag + hoog) / 2
        if laag < midden < hoog:
            waarden.append(midden)
    return [int(w) if float(w).is_integer() else w for w in sorted(waarden)]


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


#: What a rule's code names when it limits a verdict (Regelcontext.grens / .voorwaarde, or the
#: fact types themselves).
BEGRENZENDE_NAMEN = frozenset({"grens", "voorwaarde", "Oordeelgrens", "Voorwaarde"})


def _codenamen(code: types.CodeType, globalen: dict[str, Any], gezien: set[int]) -> set[str]:
    """Names a function's code uses, following nested code and functions of its own module."""
    namen = set(code.co_names)
    for constante in code.co_consts:
        if isinstance(constante, types.CodeType):
            namen |= _codenamen(constante, globalen, gezien)
    for naam in list(namen):
        helper = globalen.get(naam)
        if (inspect.isfunction(helper) and helper.__module__ == globalen.get("__name__")
                and id(helper) not in gezien):
            gezien.add(id(helper))
            namen |= _codenamen(helper.__code__, helper.__globals__, gezien)
    return namen


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

    @classmethod
    def van(cls, bank: Regelbank) -> Regelkennis:
        """Limiting rules are those whose code sets a ceiling or a condition; feeding rules are
        those whose code names a fact type a limiting (or feeding) rule's patterns match, so a
        rule that concluded nothing in one evaluation still counts when it could have. (A fact
        a limiting rule looks up in its code is followed in the trace instead.)"""
        alle_paden = list(kenmerkpaden())
        feittypen = {t.__name__ for t in _alle_subklassen(Fact)} - {"Kenmerk", "Gevraagd"}
        begrenzend: set[str] = set()
        paden: set[str] = set()
        namen: dict[str, set[str]] = {}
        gebruikt: dict[str, set[str]] = {}
        for nummer, meta in enumerate(bank.regels, start=1):
            experta_regel = getattr(bank.motorklasse, f"regel_{nummer:03d}")
            functie = _regelfunctie(experta_regel)
            namen[meta.id] = _codenamen(functie.__code__, functie.__globals__, set()) & (
                feittypen | BEGRENZENDE_NAMEN)
            # A rule may read facts in its code as well as match them in its patterns (the
            # matrix reads the profile's location tests): both count as used.
            gebruikt[meta.id] = _patroontypen(experta_regel) | (namen[meta.id] & feittypen)
            if namen[meta.id] & BEGRENZENDE_NAMEN:
                begrenzend.add(meta.id)
            paden |= _patroonpaden(experta_regel, alle_paden)
        voedend = set(begrenzend)
        while True:
            nodig: set[str] = set().union(*(gebruikt[r] for r in voedend))
            erbij = {r for r in namen if r not in voedend and namen[r] & nodig}
            if not erbij:
                break
            voedend |= erbij
        return cls(frozenset(begrenzend), frozenset(voedend), frozenset(paden))


def kandidaatpaden(evaluatie: Evaluatie, kennis: Regelkennis) -> dict[str, set[Werkfunctie]]:
    """The facts worth trying, each with the functions whose verdict it might move: facts read
    for a function by rules that limit a verdict or fed one in this evaluation (under any
    location type named), and facts a rule's patterns name (for every function)."""
    kandidaten: dict[str, set[Werkfunctie]] = {}
    for per_type in evaluatie.per_locatietype:
        for pad, functies in _kandidaatpaden(per_type, kennis).items():
            kandidaten.setdefault(pad, set()).update(functies)
    return kandidaten


def _kandidaatpaden(evaluatie: Evaluatie, kennis: Regelkennis) -> dict[str, set[Werkfunctie]]:
    door: dict[int, Vuring] = {}
    for vuring in evaluatie.spoor:
        for conclusie in vuring.conclusies:
            door.setdefault(conclusie["__factid__"], vuring)
    voedend = set(kennis.voedend)
    te_volgen = [v for v in evaluatie.spoor if v.regel.id in kennis.begrenzend]
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


Uitkomst = tuple[Stand, Evaluatie]


@dataclass
class Relevantie:
    """The relevance engine for one interview: a rule base, the requested functions, and the
    evaluations done so far.

    Each function is evaluated on its own and remembered under the values of the facts that
    evaluation read (plus every fact a rule's patterns name): a case that agrees on those facts
    gets the same outcome for that function, since nothing else can have played a part. So after
    an answer, only the functions that read the answered fact are evaluated again.
    """

    bank: Regelbank
    functies: tuple[Werkfunctie, ...] = tuple(Werkfunctie)
    volledig: bool = False
    schema: dict[str, Any] = field(default_factory=Casus.model_json_schema)
    paden: Mapping[str, Mapping[str, Any]] = field(default_factory=kenmerkpaden)
    evaluaties: int = 0
    _geheugen: dict[Werkfunctie, dict[tuple[str, ...], dict[tuple[Any, ...], Uitkomst]]] = (
        field(default_factory=dict))
    _drempels: dict[Werkfunctie | None, dict[str, list[float]]] = field(default_factory=dict)
    _kennis: Regelkennis | None = None

    def __post_init__(self) -> None:
        self.functies = tuple(dict.fromkeys(self.functies)) or tuple(Werkfunctie)

    def drempels(self, functie: Werkfunctie | None = None) -> dict[str, list[float]]:
        if functie not in self._drempels:
            self._drempels[functie] = tabeldrempels(self.bank, functie)
        return self._drempels[functie]

    @property
    def kennis(self) -> Regelkennis:
        if self._kennis is None:
            self._kennis = Regelkennis.van(self.bank)
        return self._kennis

    def uitkomst(self, data: Mapping[str, Any], functie: Werkfunctie) -> Uitkomst | None:
        """One function's verdict and evaluation for this case; None when a value is invalid."""
        try:
            casus = valideer(dict(data), "interview")
        except InvoerFout:
            return None
        waarden = kenmerken(casus)
        geheugen = self._geheugen.setdefault(functie, {})
        for paden, uitkomsten in geheugen.items():
            gevonden = uitkomsten.get(tuple(waarden[p] for p in paden))
            if gevonden is not None:
                return gevonden
        evaluatie = self.bank.evalueer(casus, [functie])
        self.evaluaties += 1
        gelezen = {f.pad for e in evaluatie.per_locatietype for v in e.spoor
                   for f in v.feiten if isinstance(f, Kenmerk)}
        paden = tuple(sorted((gelezen | self.kennis.patroonpaden) & set(waarden)))
        uitkomst = (standen(evaluatie)[functie], evaluatie)
        geheugen.setdefault(paden, {})[tuple(waarden[p] for p in paden)] = uitkomst
        return uitkomst

    def standen(self, data: Mapping[str, Any]) -> dict[Werkfunctie, Stand]:
        uitkomsten = {f: self.uitkomst(data, f) for f in self.functies}
        if any(u is None for u in uitkomsten.values()):
            raise InvoerFout("interview", "de casus is niet geldig")
        return {f: u[0] for f, u in uitkomsten.items() if u is not None}

    def oordelen(self, data: Mapping[str, Any]) -> Oordelen:
        return {f: stand.oordeel for f, stand in self.standen(data).items()}

    def kandidaatwaarden(self, pad: str, functie: Werkfunctie | None = None) -> list[Any]:
        """Every value worth trying for an unknown fact (numbers: around the thresholds the
        tables use for this function)."""
        soort = soort_van(pad, self.schema)
        if soort in ("getal", "geheel_getal"):
            return getalwaarden(self.drempels(functie).get(pad, []), soort == "geheel_getal")
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
        for functie in self.functies:
            uitkomst = self.uitkomst(data, functie)
            assert uitkomst is not None
            for pad in kandidaatpaden(uitkomst[1], self.kennis):
                kandidaten.setdefault(pad, set()).add(functie)
        return {p: kandidaten[p] for p in onbekend if p in kandidaten}

    def gevolgen(self, data: Mapping[str, Any], pad: str, basis: dict[Werkfunctie, Stand],
                 functies: Iterable[Werkfunctie]) -> tuple[list[Gevolg], list[Evaluatie]]:
        """What each value of an unknown fact does to the verdicts of ``functies``."""
        veranderd: dict[Any, dict[Werkfunctie, tuple[Oordeel, Oordeel]]] = {}
        weggenomen: dict[Any, dict[Werkfunctie, frozenset[str]]] = {}
        evaluaties: list[Evaluatie] = []
        for functie in [f for f in self.functies if f in set(functies)]:
            was = basis[functie]
            for waarde in self.kandidaatwaarden(pad, functie):
                uitkomst = self.uitkomst(met_antwoord(data, pad, waarde), functie)
                if uitkomst is None:
                    continue
                nu, evaluatie = uitkomst
                if nu.oordeel != was.oordeel:
                    veranderd.setdefault(waarde, {})[functie] = (was.oordeel, nu.oordeel)
                elif nu.redenen < was.redenen:
                    weggenomen.setdefault(waarde, {})[functie] = was.redenen - nu.redenen
                else:
                    continue
                evaluaties.append(evaluatie)
        gevolgen = [Gevolg(w, veranderd.get(w, {}), weggenomen.get(w, {}))
                    for w in sorted({*veranderd, *weggenomen}, key=_waardevolgorde)]
        return gevolgen, evaluaties

    def vragen(self, data: Mapping[str, Any],
               weet_niet: Iterable[str] = ()) -> list[Interviewvraag]:
        """Every unknown fact whose answer can still change a verdict: most verdicts first, ties
        in the guide's order, then the case model's.

        An answer can change a verdict on its own, or together with other answers: when every
        reason that holds a verdict where it is can be taken away by some unknown fact, each fact
        that takes one away is worth asking (one answer alone rarely lifts a verdict that several
        unknown requirements hold down).
        """
        basis = self.standen(data)
        gevonden = {pad: self.gevolgen(data, pad, basis, functies)
                    for pad, functies in self.te_proberen(data, weet_niet).items()}
        weg_te_nemen: dict[Werkfunctie, set[str]] = {f: set() for f in basis}
        for gevolgen, _ in gevonden.values():
            for gevolg in gevolgen:
                for functie, redenen in gevolg.weggenomen.items():
                    weg_te_nemen[functie] |= redenen
        op_te_heffen = {f for f, stand in basis.items()
                        if stand.redenen and stand.redenen <= weg_te_nemen[f]}
        volgorde = list(self.paden)
        vragen = []
        for pad, (gevolgen, evaluaties) in gevonden.items():
            geraakt = {f for g in gevolgen for f in g.veranderingen}
            geraakt |= {f for g in gevolgen for f in g.weggenomen if f in op_te_heffen}
            if geraakt:
                vragen.append(self._vraag(pad, gevolgen, evaluaties, geraakt))
        return sorted(vragen, key=lambda v: (-len(v.functies), _bronvolgorde(v.bron),
                                             volgorde.index(v.pad)))

    def _vraag(self, pad: str, gevolgen: list[Gevolg], evaluaties: list[Evaluatie],
               geraakt: set[Werkfunctie]) -> Interviewvraag:
        passages = [_passage(v) for e in evaluaties for v in e.spoor
                    if _leest(v, pad) and any(v.betreft(f.value) for f in geraakt)]
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
        vragen = self.vragen(data, weet_niet)
        return vragen[0] if vragen else None


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


def naspelen(relevantie: Relevantie, casus: Casus) -> Naspeling:
    """Interview from the gemeente and the location type alone, answering every question from
    the case's own facts ('weet niet' where the case leaves a fact unknown)."""
    bekend = {p: w for p, w in kenmerken(casus).items() if w is not None}
    data: dict[str, Any] = {"id": casus.id, "gemeente": casus.gemeente}
    if LOCATIETYPE in bekend:
        data = met_antwoord(data, LOCATIETYPE, bekend[LOCATIETYPE])
    gesteld: list[str] = []
    weet_niet: list[str] = []
    while (vraag := relevantie.volgende(data, weet_niet)) is not None:
        gesteld.append(vraag.pad)
        if vraag.pad in bekend:
            data = met_antwoord(data, vraag.pad, bekend[vraag.pad])
        else:
            weet_niet.append(vraag.pad)
    return Naspeling(casus.id, gesteld, weet_niet, data, len(bekend))
