"""The forward-chaining engine: loads a rule directory, turns a case into facts, runs, traces.

Rules live in a directory (by default the project's ``rules/``, shipped inside the package as
``kennisbank.standaardregels``). Each directory is loaded under its own module namespace, so two
copies of the rules can be evaluated side by side in one process.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import importlib.resources
import importlib.util
import inspect
import operator
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kennisbank.casus import Casus, kenmerken
from kennisbank.casuslader import met_wijzigingen
from kennisbank.domein import Locatietype, Werkfunctie
from kennisbank.experta_compat import (
    Activation,
    Agenda,
    DirecteActivatie,
    DirecteMatcher,
    Fact,
    FactList,
    InitialFact,
    KnowledgeEngine,
    NogGeenMatcher,
    Rule,
    declaratie_tijdens_run,
    declareer,
    kies_matcher,
)
from kennisbank.experta_compat import DepthStrategy as _DepthStrategy
from kennisbank.fouten import InvoerFout
from kennisbank.regelapi import (
    Fase,
    Gevraagd,
    Kenmerk,
    Kenmerkwaarden,
    Regelcontext,
    RegelMeta,
    kenmerkwaarden,
    meta_van,
)
from kennisbank.tabellen import Tabellen, met_voorrang

if TYPE_CHECKING:
    from kennisbank.variant import GeladenVariant


class Regelfout(Exception):
    """A rule raised while firing: a defect in the rule set, reported with rule and case."""

    def __init__(self, regel: str, casus: str, oorzaak: BaseException):
        self.regel = regel
        self.casus = casus
        super().__init__(f"regel {regel} faalde bij casus {casus}: "
                         f"{type(oorzaak).__name__}: {oorzaak}")


_sleutel_van = operator.attrgetter("key")

#: Facts by type, then by function (None: every fact of the type), in declaration order.
Feitenindex = dict[type[Fact], dict[Any, list[Fact]]]


def indexeer(index: Feitenindex, feit: Fact) -> None:
    """Add a fact to an index of facts by type and function. Two levels, not one keyed by
    (type, function): no key tuple is made and hashed twice for each of some 800 facts."""
    try:
        per_functie = index[type(feit)]
    except KeyError:
        per_functie = index[type(feit)] = {None: []}
    per_functie[None].append(feit)
    functie = dict.get(feit, "werkfunctie")
    if functie is not None:
        try:
            per_functie[functie].append(feit)
        except KeyError:
            per_functie[functie] = [feit]


def niet_bewaard_fout(soort: type[Fact]) -> RuntimeError:
    """The error for asking a brief evaluation for a type of which it did not store every fact
    (see ``Motor.evalueer`` and ``Motor.zet_klaar``)."""
    return RuntimeError(f"een beknopte evaluatie bewaart niet elk {soort.__name__}-feit"
                        + (": lees casusfeiten met ctx.kenmerk" if soort is Kenmerk else ""))


class VasteVolgordeStrategie(_DepthStrategy):
    """experta's depth strategy, corrected and made deterministic.

    Stock ``DepthStrategy`` removes a cancelled activation by bisecting on its key and looking only
    at the neighbours of the insertion point. When several rules match the same facts (equal keys),
    the cancelled activation can sit further away and stays on the agenda: a rule then fires after
    its NOT-guard became true, depending on hash order. Here removal compares activations by rule
    and fact ids over the whole agenda, and equal keys are ordered by the rule's position in the
    rule base, so the firing order never depends on PYTHONHASHSEED.
    """

    def __init__(self) -> None:
        super().__init__()
        #: Per rule (by identity) the parts of its key that do not depend on the facts.
        self._regeldelen: dict[int, tuple[Rule, int, int, str]] = {}

    def sleutel(self, activatie: Activation) -> tuple[int, list[int], int, str]:
        regel = activatie.rule
        delen = self._regeldelen.get(id(regel))
        if delen is None or delen[0] is not regel:
            meta = meta_van(regel)
            # The rightmost activation fires next: an earlier rule must sort later. Rules made
            # without regelapi.regel (volgorde 0) fall back to their name, still
            # hash-independent.
            delen = (regel, regel.salience, -(meta.volgorde if meta else 0),
                     getattr(regel._wrapped, "__qualname__", ""))
            self._regeldelen[id(regel)] = delen
        feiten = [f["__factid__"] for f in activatie.facts]
        if len(feiten) > 1:
            feiten.sort(reverse=True)
        return (delen[1], feiten, delen[2], delen[3])

    @staticmethod
    def identiteit(activatie: Activation) -> tuple[int, frozenset[int]]:
        return (id(activatie.rule), frozenset(f["__factid__"] for f in activatie.facts))

    def _update_agenda(self, agenda: Agenda, added: Iterable[Activation],
                       removed: Iterable[Activation]) -> None:
        added = list(added)
        weg = {self.identiteit(a) for a in removed} if removed else None
        if weg:
            agenda.activations = [a for a in agenda.activations
                                  if self.identiteit(a) not in weg]
        sleutel = self.sleutel
        for activatie in added:
            activatie.key = sleutel(activatie)
        for activatie in (sorted(added, key=_sleutel_van) if len(added) > 1 else added):
            # By key, as Activation.__lt__ compares, without a Python call per comparison.
            bisect.insort(agenda.activations, activatie, key=_sleutel_van)


@dataclass(slots=True)
class Vuring:
    """One rule firing: which rule, on which facts (matched and read), concluding what."""

    stap: int
    regel: RegelMeta
    feiten: list[Fact]
    conclusies: list[Fact]

    #: The functions the firing's facts concern, worked out on the first question (the advies
    #: asks once per function).
    _functies: frozenset[str] | None = field(default=None, init=False, repr=False,
                                            compare=False)

    def betreft(self, werkfunctie: str) -> bool:
        """A firing belongs to a function's trace if it concerns that function or none."""
        functies = self._functies
        if functies is None:
            functies = self._functies = frozenset(
                {f.get("werkfunctie") for f in [*self.feiten, *self.conclusies]} - {None})
        return not functies or werkfunctie in functies


@dataclass
class Evaluatie:
    casus: Casus
    functies: tuple[Werkfunctie, ...]
    feiten: list[Fact]
    spoor: list[Vuring]
    #: The municipal variant the rules ran under, if any (its changes are cited in the advies).
    variant: GeladenVariant | None = field(default=None, compare=False, repr=False)
    #: The fact types a brief evaluation did not keep every fact of (``Motor.evalueer``).
    niet_bewaard: frozenset[type[Fact]] = field(default=frozenset(), compare=False,
                                                repr=False)

    #: The same case evaluated with each further location type the advisor named
    #: (``locatie.ook_locatietypen``) as its location type, in the order named.
    ook: tuple[Evaluatie, ...] = ()

    _per_soort: Feitenindex | None = field(
        default=None, init=False, repr=False, compare=False)
    #: The trace content of each fact by id, built once for the traces of all functions.
    spoorfeiten: dict[int, dict[str, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def per_locatietype(self) -> tuple[Evaluatie, ...]:
        """This evaluation (the primary location type) and those under the further types."""
        return (self, *self.ook)

    def van_type(self, soort: type[Fact], werkfunctie: str | None = None) -> list[Fact]:
        """Facts of one type (for one function), in declaration order; indexed on first use,
        since the advies of six functions asks some hundred such questions of one evaluation.
        Asking a brief evaluation for a type it did not keep every fact of is an error, not a
        silent gap."""
        if soort in self.niet_bewaard:
            raise niet_bewaard_fout(soort)
        if self._per_soort is None:
            self._per_soort = {}
            for feit in self.feiten:
                indexeer(self._per_soort, feit)
        return list(self._per_soort.get(soort, {}).get(werkfunctie, ()))


class Motor(KnowledgeEngine):
    """The knowledge engine; a subclass per rule directory carries that directory's rules."""

    __strategy__ = VasteVolgordeStrategie
    __matcher__ = NogGeenMatcher
    #: Find the activations without experta's network (see experta_compat.DirecteMatcher);
    #: a rule base it does not take gets the Rete.
    direct_matchen = True
    #: In the Rete, look up alpha-network children by type and field value (see
    #: experta_compat); the same tokens reach the same nodes in the same order as in stock
    #: experta, only faster. Without either, the engine matches as stock experta does.
    alfaroutering = True

    def __init__(self) -> None:
        self._deffacts: list[Any] | None = None
        #: Per DefFacts the keywords it takes (None: any, it has ``**kwargs``).
        self._deffacts_parameters: list[frozenset[str] | None] | None = None
        super().__init__()
        self.matcher = kies_matcher(self, direct=self.direct_matchen, routering=self.alfaroutering)
        self.spoor: list[Vuring] = []
        self._beknopt = False
        #: The case's facts by path (``Kenmerk``), for rules that read the case.
        self.kenmerkfeiten: dict[str, Fact] = {}
        self._casus_id = ""
        self._per_soort: Feitenindex = {}
        #: The fact types a brief evaluation does not keep every fact of: the case facts no
        #: pattern matches, and the facts a rule set out only to start other rules (``zet_klaar``).
        self._niet_bewaard: set[type[Fact]] = set()
        #: The activations of facts set out during a firing (``zet_klaar``), for the agenda.
        self._klaargezet: list[Activation] = []
        #: What the facts set out in this evaluation are (type and items), to start each once.
        self._klaargezette_feiten: set[tuple[type[Fact], frozenset[Any]]] = set()
        #: In a brief evaluation, the case's values as they hold for each function.
        self.waarden_per_functie: dict[str, Kenmerkwaarden] = {}

    def get_deffacts(self) -> list[Any]:
        """experta's deffacts of this engine, looked up once instead of on every reset."""
        if self._deffacts is None:
            self._deffacts = super().get_deffacts()
        return self._deffacts

    def reset(self, **kwargs: Any) -> None:
        """experta's reset: a new agenda and fact list, the matcher emptied, the facts of every
        DefFacts declared (the InitialFact among them). Which keywords each DefFacts takes is
        read from its signature once per engine, not on every reset (once per evaluation)."""
        if self._deffacts_parameters is None:
            self._deffacts_parameters = [_trefwoorden(deffact) for deffact in self.get_deffacts()]
        self.agenda = Agenda()
        self.facts = FactList()
        self.matcher.reset()
        feiten: list[Fact] = []
        for deffact, trefwoorden in zip(self.get_deffacts(), self._deffacts_parameters,
                                        strict=True):
            feiten.extend(deffact(**{k: v for k, v in kwargs.items()
                                     if trefwoorden is None or k in trefwoorden}))
        # As experta declares DefFacts (its name-mangled __declare): into an empty fact list,
        # without the warning a declaration before reset gives.
        self._KnowledgeEngine__declare(*feiten)
        self.running = False

    def declare(self, *facts: Fact) -> Fact | None:
        """experta's declare, keeping an index of the declared facts by type and function.

        Rules ask for facts of one type (and mostly one function) some ten times per firing;
        the index answers without walking the whole fact list.
        """
        if self.running and len(facts) == 1:
            return self.conclusie(facts[0])
        nieuw = declareer(self, facts, self._indexeer)
        return facts[-1] if nieuw and nieuw[-1] is facts[-1] else None

    def conclusie(self, feit: Fact) -> Fact | None:
        """``declare`` of one fact, as a firing rule concludes it (matched at the next step);
        the fact, or None when an equal fact was declared before. While the engine runs, the
        function ``run`` puts in this method's place does this (see there)."""
        return feit if declareer(self, (feit,), self._indexeer) else None

    def zet_klaar(self, feit: Fact) -> None:
        """A fact a rule sets out only to start other rules (``Regelcontext.zet_klaar``); in a
        brief evaluation it puts those rules on the agenda without being stored. It is
        numbered like a stored fact, so the rules fire in the same order on the same bindings,
        and a fact equal to one set out before starts nothing, as a stored one would not; but
        it is neither kept, indexed nor remembered by the matcher, which takes a scan row some
        hundred profile rows (``Profielregel``) less work. Outside a brief evaluation it is stored
        as usual, as is a fact of a type that a rule of more than one pattern matches (to be
        joined with other facts), one with a value that cannot be hashed, and one for a rule
        base on experta's network."""
        matcher = self.matcher
        if not (self._beknopt and isinstance(matcher, DirecteMatcher)
                and type(feit) in matcher.alleen_enkelvoudig):
            self.conclusie(feit)
            return
        try:
            gelijke = (type(feit), frozenset(dict.items(feit)))
        except TypeError:
            self.conclusie(feit)
            return
        if gelijke in self._klaargezette_feiten:
            return
        self._klaargezette_feiten.add(gelijke)
        self._niet_bewaard.add(type(feit))
        lijst = self.facts
        dict.__setitem__(feit, "__factid__", lijst.last_index)
        lijst.last_index += 1
        for regel, _, patroon in matcher.kandidaten(feit):
            context = patroon.toets(feit)
            if context is not None:
                self._klaargezet.append(DirecteActivatie(regel.regel, (feit,), context))
        if not self.running:  # else the run loop puts them on the agenda after the firing
            self.strategy.update_agenda(self.agenda, self._klaargezet, ())
            self._klaargezet.clear()

    def _indexeer(self, feit: Fact) -> None:
        indexeer(self._per_soort, feit)

    def _opslag(self) -> Callable[[Fact], Fact | None]:
        """Stores one fact the short way (``declaratie_tijdens_run``) and indexes it, into this
        evaluation's fact list and index (made anew by ``reset`` and ``evalueer``)."""
        return declaratie_tijdens_run(self, functools.partial(indexeer, self._per_soort))

    def retract(self, idx_or_declared_fact: Any) -> None:
        """experta's retract; the index is rebuilt from what remains (no rule retracts now),
        in place: a run stores its conclusions into this dictionary."""
        super().retract(idx_or_declared_fact)
        self._per_soort.clear()
        for feit in self.facts.values():
            if not isinstance(feit, InitialFact):
                self._indexeer(feit)

    def feiten_van(self, soort: type[Fact], **velden: Any) -> list[Fact]:
        """Facts of one type whose fields equal ``velden``, in declaration order."""
        if soort in self._niet_bewaard:
            raise niet_bewaard_fout(soort)
        functie = velden.pop("werkfunctie") if velden.get("werkfunctie") is not None else None
        kandidaten = self._per_soort.get(soort, {}).get(functie, ())
        if not velden:
            return list(kandidaten)
        if len(velden) == 1:  # the common cases, without a generator per fact
            ((sleutel, waarde),) = velden.items()
            return [f for f in kandidaten if f.get(sleutel) == waarde]
        if len(velden) == 2:
            (sleutel, waarde), (sleutel2, waarde2) = velden.items()
            return [f for f in kandidaten
                    if f.get(sleutel) == waarde and f.get(sleutel2) == waarde2]
        paren = tuple(velden.items())
        gevonden = []
        for feit in kandidaten:
            for sleutel, waarde in paren:
                if not feit.get(sleutel) == waarde:  # noqa: SIM201 (the comparison used above)
                    break
            else:
                gevonden.append(feit)
        return gevonden

    def evalueer(self, casus: Casus, functies: Iterable[Werkfunctie],
                 tot_en_met: Fase | None = None, beknopt: bool = False) -> Evaluatie:
        """Evaluate a case; with ``tot_en_met`` the run stops after that phase (the evaluation
        then lacks the conclusions of later phases). A ``beknopt`` evaluation keeps no trace
        and concludes no assumptions (``Aanname``, which no rule reads), and its fact list
        holds only the case facts a rule pattern can match: for output that shows none of
        these, such as a scan's rows."""
        functies = tuple(functies)
        self.reset()
        self.spoor = []
        self._beknopt = beknopt
        self._niet_bewaard = {Kenmerk} if beknopt else set()
        self._klaargezet = []
        self._klaargezette_feiten = set()
        self.kenmerkfeiten = {}
        self._per_soort = {}
        self._casus_id = casus.id
        invoer = [Kenmerk(pad=pad, waarde=waarde) for pad, waarde in kenmerken(casus).items()]
        # The input facts, made here from a validated case, are stored as conclusions are
        # (declaratie_tijdens_run), then matched at once, as one declaration of them all.
        opslaan = self._opslag()
        # A brief evaluation keeps no trace, where a case fact shows as read: it stores only
        # the case facts a pattern can match (some fifteen of a hundred); the rules read the
        # others through ``kenmerkfeiten``. The facts it stores keep their order, so the rules
        # fire in the same order and conclude the same.
        kan_matchen = (self.matcher.kandidaten
                       if beknopt and isinstance(self.matcher, DirecteMatcher) else None)
        for feit in invoer:
            if kan_matchen is None or kan_matchen(feit):
                opslaan(feit)
        for functie in functies:
            opslaan(Gevraagd(werkfunctie=functie.value))
        erbij, eraf = self.get_activations()
        self.strategy.update_agenda(self.agenda, erbij, eraf)
        self.kenmerkfeiten = {feit["pad"]: feit for feit in invoer}
        self.waarden_per_functie = (kenmerkwaarden(self.kenmerkfeiten,
                                                   (f.value for f in functies))
                                    if beknopt else {})
        self.run(laagste_salience=int(tot_en_met) if tot_en_met is not None else None)
        feiten = [f for f in self.facts.values() if not isinstance(f, InitialFact)]
        evaluatie = Evaluatie(casus, functies, feiten, list(self.spoor),
                              niet_bewaard=frozenset(self._niet_bewaard))
        # The engine's index of these facts by type and function is complete now and no longer
        # grows (the next evaluation starts a new one): the evaluation answers from it instead
        # of indexing the same facts again (a scan row asks a few dozen such questions).
        evaluatie._per_soort = self._per_soort
        return evaluatie

    def run(self, steps: float = float("inf"), laagste_salience: int | None = None) -> None:
        """experta's run loop, recording each firing with its facts and conclusions.

        With ``laagste_salience`` it stops before the first rule of a later phase: the agenda
        fires the highest salience first, so every rule still to come is of a later phase.
        """
        self.running = True
        # While rules fire, a conclusion is stored the short way (Regelcontext looks up
        # ``conclusie`` on the engine, where this function now stands before the method).
        self.conclusie = self._opslag()  # type: ignore[method-assign,assignment]
        try:
            self._run(steps, laagste_salience)
        finally:
            del self.conclusie
            self.running = False

    def _run(self, steps: float, laagste_salience: int | None) -> None:
        feitenlijst = self.facts
        matcher = self.matcher
        strategie = self.strategy
        agenda = self.agenda
        beknopt = self._beknopt
        klaargezet = self._klaargezet
        #: Per rule (by identity; the matcher holds every rule for the whole run) its function.
        uitvoeringen: dict[int, tuple[RegelMeta, Any, tuple[str, ...]]] = {}
        while steps > 0 and self.running:
            # experta's get_activations, without the property that swaps the lists
            erbij, eraf = feitenlijst.added, feitenlijst.removed
            if erbij or eraf or klaargezet:  # most firings conclude what no pattern tests
                feitenlijst.added, feitenlijst.removed = [], []
                added, removed = matcher.changes(erbij, eraf)
                if klaargezet:
                    added = [*added, *klaargezet]
                    klaargezet.clear()
                if added or removed:
                    strategie.update_agenda(agenda, added, removed)
            if (laagste_salience is not None and agenda.activations
                    and agenda.activations[-1].rule.salience < laagste_salience):
                break
            if not agenda.activations:  # experta's Agenda.get_next, inline
                break
            activatie = agenda.activations.pop()
            steps -= 1
            regel = activatie.rule
            uitvoering = uitvoeringen.get(id(regel))
            if uitvoering is None:
                uitvoering = uitvoeringen[id(regel)] = _uitvoering(regel)
            meta, functie, parameters = uitvoering
            ctx = Regelcontext(self, meta, beknopt)
            context = activatie.context
            try:
                functie(ctx, **{k: context[k] for k in parameters if k in context})
            except (Exception, SystemExit) as fout:
                # A rule is code from the rule directory: its failure (even sys.exit) is
                # reported with the rule and the case, never passed off as the program's end.
                raise Regelfout(meta.id, self._casus_id, fout) from fout
            if beknopt:
                continue
            feiten = ctx.gelezen
            for feit in activatie.facts:
                if not isinstance(feit, InitialFact):
                    feiten[feit["__factid__"]] = feit
            # stap, regel, feiten, conclusies
            self.spoor.append(Vuring(len(self.spoor) + 1, meta, [feiten[i] for i in sorted(feiten)],
                                     ctx.conclusies))


def _trefwoorden(deffact: Any) -> frozenset[str] | None:
    """The keywords a DefFacts takes from ``reset``; None when it takes any (``**kwargs``)."""
    parameters = inspect.signature(deffact).parameters.values()
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return frozenset(p.name for p in parameters)


def _uitvoering(experta_regel: Rule) -> tuple[RegelMeta, Any, tuple[str, ...]]:
    """A rule's metadata, its function and the names it takes from a match (never experta's
    own ``__…__`` names), looked up once per rule."""
    wrapped = experta_regel._wrapped
    try:
        uitvoering: tuple[RegelMeta, Any, tuple[str, ...]] = wrapped.kennisbank_uitvoering
        if uitvoering[0] is wrapped.kennisbank:
            return uitvoering
    except AttributeError:
        pass
    meta = meta_van(experta_regel)
    assert meta is not None, "alleen regels uit regelapi.regel worden geladen"
    functie, parameters = wrapped.regelfunctie
    uitvoering = (meta, functie, tuple(sorted(p for p in parameters if not p.startswith("__"))))
    wrapped.kennisbank_uitvoering = uitvoering
    return uitvoering


@dataclass
class Regelbank:
    """A loaded rule directory: its rules in order, and an engine to run them."""

    map: Path
    regels: list[RegelMeta]
    vingerafdruk: str
    motorklasse: type[Motor]
    tabellen: Tabellen
    variant: GeladenVariant | None = None
    _motor: Motor | None = field(default=None, repr=False)

    @property
    def motor(self) -> Motor:
        if self._motor is None:
            self._motor = self.motorklasse()
        return self._motor

    def evalueer(self, casus: Casus, functies: Iterable[Werkfunctie] | None = None,
                 tot_en_met: Fase | None = None, beknopt: bool = False) -> Evaluatie:
        """Evaluate a case; where the advisor names further location types that also fit, the
        case is evaluated once more per type, with that type as its location type: the rules
        read one location type, so each reading of 1.3 gets its own run. With ``tot_en_met``
        every run stops after that phase; ``beknopt`` runs keep no trace and no assumptions
        (see ``Motor.evalueer``)."""
        functies = tuple(functies) if functies is not None else tuple(Werkfunctie)
        evaluatie = self.motor.evalueer(casus, functies, tot_en_met, beknopt)
        evaluatie.variant = self.variant
        ook = []
        for locatietype in casus.locatie.ook_locatietypen or ():
            gelezen = self.motor.evalueer(gelezen_als(casus, locatietype), functies, tot_en_met,
                                          beknopt)
            gelezen.variant = self.variant
            ook.append(gelezen)
        evaluatie.ook = tuple(ook)
        return evaluatie

    def deel(self, regel_ids: Iterable[str], naam: str) -> Regelbank:
        """The rule bank with only these rules, in their order, and an engine of its own."""
        ids = set(regel_ids)
        nummers = [n for n, meta in enumerate(self.regels, start=1) if meta.id in ids]
        klasse = type(f"{self.motorklasse.__name__}_{naam}", (Motor,),
                      {f"regel_{n:03d}": getattr(self.motorklasse, f"regel_{n:03d}")
                       for n in nummers})
        return Regelbank(map=self.map, regels=[self.regels[n - 1] for n in nummers],
                         vingerafdruk=self.vingerafdruk, motorklasse=klasse,
                         tabellen=self.tabellen, variant=self.variant)

    def regel(self, regel_id: str) -> RegelMeta:
        for meta in self.regels:
            if meta.id == regel_id:
                return meta
        raise KeyError(regel_id)


def gelezen_als(casus: Casus, locatietype: Locatietype) -> Casus:
    """The case with a further location type as its location type (and no further types)."""
    return met_wijzigingen(casus, [("locatie.locatietype", locatietype.value),
                                   ("locatie.ook_locatietypen", None)])


def standaardmap() -> Path:
    """The rule directory shipped with the package (the project's rules/).

    Run from a source checkout without installing, the package has no ``standaardregels``;
    the checkout's own rules/ is then the default.
    """
    try:
        return Path(str(importlib.resources.files("kennisbank.standaardregels")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "rules"


_geladen: dict[tuple[Path, str, str], Regelbank] = {}


def _bestanden(map: Path) -> list[Path]:
    return sorted(p for p in map.iterdir()
                  if p.is_file() and not p.name.startswith((".", "_"))
                  and p.suffix in (".py", ".yaml", ".yml"))


def vingerafdruk(map: Path) -> str:
    h = hashlib.sha256()
    for bestand in _bestanden(map):
        h.update(bestand.name.encode())
        h.update(bestand.read_bytes())
    return h.hexdigest()[:16]


def laad_regelbank(map: Path | str | None = None, variant: Path | None = None) -> Regelbank:
    """Load every rule module of a directory (sorted by file name) into one engine class.

    With a ``variant`` (a municipal overlay, see kennisbank.variant) the modules are loaded once
    more under their own namespace and read the variant's tables; the bank without it is
    untouched.
    """
    map = Path(map) if map is not None else standaardmap()
    if not map.is_dir():
        raise InvoerFout(map, "regelmap bestaat niet of is geen map")
    map = map.resolve()
    afdruk = vingerafdruk(map)
    # Tables first: a gap in a table fails here, naming the table, before any rule runs.
    geladen_variant = _variant(variant, map, afdruk) if variant is not None else None
    variantafdruk = geladen_variant.vingerafdruk if geladen_variant else ""
    sleutel = (map, afdruk, variantafdruk)
    if sleutel in _geladen:
        return _geladen[sleutel]

    tabellen = Tabellen(map, geladen_variant.tabellen if geladen_variant else None)
    naamruimte = "kennisbank_regelset_" + hashlib.sha256(
        f"{map}{afdruk}{variantafdruk}".encode()).hexdigest()[:12]
    regels: list[Rule] = []
    modules = [p for p in _bestanden(map) if p.suffix == ".py"]
    if not modules:
        raise InvoerFout(map, "regelmap bevat geen regelmodules (*.py)")
    with met_voorrang(geladen_variant.tabellen if geladen_variant else {}):
        for bestand in modules:
            regels.extend(_regels_uit_module(bestand, f"{naamruimte}.{bestand.stem}"))

    metas: list[RegelMeta] = []
    attributen: dict[str, Any] = {}
    gezien: dict[str, str] = {}
    for volgorde, experta_regel in enumerate(regels, start=1):
        oud = meta_van(experta_regel)
        assert oud is not None
        meta = dataclasses.replace(oud, volgorde=volgorde)
        if meta.id in gezien:
            raise InvoerFout(map, f"regel-id {meta.id!r} komt twee keer voor "
                                  f"({gezien[meta.id]} en {meta.module})")
        gezien[meta.id] = meta.module
        experta_regel._wrapped.kennisbank = meta
        metas.append(meta)
        attributen[f"regel_{volgorde:03d}"] = experta_regel
    klasse = type(f"Motor_{naamruimte}", (Motor,), attributen)
    bank = Regelbank(map=map, regels=metas, vingerafdruk=afdruk, motorklasse=klasse,
                     tabellen=tabellen, variant=geladen_variant)
    _geladen[sleutel] = bank
    return bank


_varianten: dict[tuple[Path, str, str, bytes], GeladenVariant] = {}


def _variant(bestand: Path, map: Path, afdruk: str) -> GeladenVariant:
    """A variant applied to the tables of ``map``, validated once per content of both."""
    # Imported here: a command without --variant does not load the variant module.
    from kennisbank.variant import laad_variant

    if not bestand.is_file():
        return laad_variant(bestand, map)  # reports what it is instead (and never opens a FIFO)
    try:
        sleutel = (map, afdruk, str(bestand.resolve()), bestand.read_bytes())
    except OSError:
        return laad_variant(bestand, map)  # reports the file that cannot be read
    if sleutel not in _varianten:
        _varianten[sleutel] = laad_variant(bestand, map)
    return _varianten[sleutel]


def _regels_uit_module(bestand: Path, modulenaam: str) -> Iterator[Rule]:
    spec = importlib.util.spec_from_file_location(modulenaam, bestand)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[modulenaam] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as fout:
        raise InvoerFout(bestand, f"regel {fout.lineno}: syntaxfout in regelmodule "
                                  f"({fout.msg})") from None
    except ValueError as fout:
        raise InvoerFout(bestand, str(fout)) from None
    except SystemExit:
        raise InvoerFout(bestand, f"regelmodule {bestand.stem} roept sys.exit aan bij het "
                                  "laden") from None
    except Exception as fout:
        raise InvoerFout(bestand, f"regelmodule {bestand.stem} kan niet geladen worden "
                                  f"({type(fout).__name__}: {fout})") from None
    for waarde in vars(module).values():
        # Rules made from a table's rows stand together in one tuple, where the module names it
        # (an experta Rule is itself a tuple, of its patterns).
        reeks = waarde if isinstance(waarde, tuple) and not isinstance(waarde, Rule) else (waarde,)
        for kandidaat in reeks:
            if isinstance(kandidaat, Rule) and meta_van(kandidaat) is not None:
                yield kandidaat
