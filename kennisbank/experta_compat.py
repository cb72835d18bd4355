"""The single place that imports experta.

experta 1.9.4 pins frozendict 1.2, which still reads ``collections.Mapping``; that alias was
removed in Python 3.10. We restore the aliases from ``collections.abc`` before the first import
instead of forking or vendoring experta.

experta's ``engine`` and ``watchers`` modules also call ``logging.basicConfig()`` at import time,
which would print stray log lines of any library on the root logger. We undo exactly the handler
that call adds, so the command-line output stays clean.
"""

from __future__ import annotations

import collections
import collections.abc
import logging
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

for _name in ("Mapping", "MutableMapping", "Sequence", "Iterable", "Hashable", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

_root = logging.getLogger()
_handlers_before = list(_root.handlers)

import experta  # noqa: E402
from experta import (  # noqa: E402
    AND,
    AS,
    EXISTS,
    MATCH,
    NOT,
    OR,
    TEST,
    DefFacts,
    Fact,
    Field,
    InitialFact,
    KnowledgeEngine,
    P,
    Rule,
    W,
    watchers,
)
from experta.abstract import Matcher  # noqa: E402
from experta.activation import Activation  # noqa: E402
from experta.agenda import Agenda  # noqa: E402
from experta.conditionalelement import ConditionalElement  # noqa: E402
from experta.factlist import FactList  # noqa: E402
from experta.fieldconstraint import ANDFC, NOTFC, ORFC, FieldConstraint, L  # noqa: E402
from experta.fieldconstraint import P as _P  # noqa: E402
from experta.matchers.rete import ReteMatcher  # noqa: E402
from experta.matchers.rete.check import FeatureCheck, TypeCheck, WhereCheck  # noqa: E402
from experta.matchers.rete.nodes import BusNode, ConflictSetNode, FeatureTesterNode  # noqa: E402
from experta.matchers.rete.token import Token  # noqa: E402
from experta.matchers.rete.utils import prepare_rule  # noqa: E402
from experta.strategies import DepthStrategy  # noqa: E402
from experta.utils import freeze, unfreeze  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

EXPERTA_VERSION = experta.__version__


# --- Cheaper bookkeeping, same results -------------------------------------------------------
#
# Profiling an evaluation shows much of experta's time in bookkeeping around the matching:
# every fact value goes through the ``freeze`` dispatcher (a no-op for the strings, numbers and
# tuples our facts hold), and every node copies its token through the validating constructor.
# The replacements below do the same work without the detours; values that are not already
# immutable still go through ``freeze``.

_ONVERANDERLIJK = frozenset({str, int, float, bool, type(None), tuple, frozenset})


def _feit_init(self: Fact, *args: Any, **kwargs: Any) -> None:
    """``Fact.__init__`` without per-value dispatch: the same frozen items, set directly."""
    if (args or "__factid__" in kwargs or "__bind__" in kwargs
            or not _ONVERANDERLIJK.issuperset(map(type, kwargs.values()))):
        zet = dict.__setitem__
        for sleutel, waarde in chain(enumerate(args), kwargs.items()):
            if sleutel == "__factid__" or sleutel == "__bind__":
                self[sleutel] = waarde  # the special keys keep experta's own handling
            else:
                zet(self, sleutel, waarde if type(waarde) in _ONVERANDERLIJK else freeze(waarde))
    else:
        dict.update(self, kwargs)
    if self.__fields__:  # only __missing__ reads the defaults, and only of declared fields
        self._Fact__defaults = {}


class GewoonFeit(Fact):
    """A fact type whose facts are made with keywords only (every fact type the rules declare):
    dict's own constructor stores them, some seven hundred per evaluation, without a Python
    ``__init__``. A value that is not immutable is frozen when the fact is declared
    (``_controleer_declareerbaar``), where experta freezes it when the fact is made; a pattern
    of such a type keeps its field constraints as they are, as experta's freezing does."""

    __init__ = dict.__init__


def _token_kopie(self: Token) -> Token:
    """``Token.copy`` without re-validating what the original token already satisfied."""
    return tuple.__new__(type(self), (self.tag, set(self.data), dict(self.context)))


Fact.__init__ = _feit_init
Token.copy = _token_kopie


# --- Declaring without detours ----------------------------------------------------------------
#
# ``KnowledgeEngine.declare`` checks every value and key of every fact, then ``FactList.declare``
# validates, numbers and stores it, and every fact is later handed to the matcher. The function
# below does the same in one pass: the same checks (cheap for the values our facts hold), the
# same numbering and the same rule for duplicates (a fact equal to one declared before is not
# added and yields None). Only a fact that no rule can match (its type is tested by no pattern)
# is kept from the matcher, which would pass it nowhere.

#: Per tuple of keys a fact has: whether one is special (``__factid__``, ``__bind__`` …), known
#: once experta's rule against nested accessors ("a__b") passed for it.
_SLEUTELSETS: dict[tuple[Any, ...], bool] = {}
#: Per fact type, the order of keys its first fact had (see ``_duplicaatsleutel``).
_SLEUTELVOLGORDE: dict[type, tuple[Any, ...]] = {}
#: Per plain fact type (no declared fields, no special keys in that order): the order of keys
#: its first fact had. A fact of such a type with those keys and immutable values is stored
#: without the general checks (see ``declaratie_tijdens_run``).
_GEWONE_VOLGORDE: dict[type, tuple[Any, ...]] = {}
#: Per plain fact type and another order or set of keys its facts came with (a field left out
#: where it has no value): the order its values are read in for the duplicate key, or None
#: where the key is the set of its items (as ``_duplicaatsleutel`` makes it).
_ANDERE_VORM: dict[tuple[type, tuple[Any, ...]], tuple[Any, ...] | None] = {}
_ONBEKENDE_VORM: Any = object()


def _controleer_declareerbaar(feit: Fact) -> tuple[Any, ...] | None:
    """experta's checks before a declaration, with its errors; the fact's keys, or None when
    one is special."""
    if not _ONVERANDERLIJK.issuperset(map(type, dict.values(feit))):
        if any(isinstance(waarde, ConditionalElement) for waarde in dict.values(feit)):
            raise TypeError("Declared facts cannot contain conditional elements")
        # A GewoonFeit is made without experta's freezing: its values are frozen here, before
        # the fact is stored and its duplicate key made (a no-op for a value already frozen).
        for sleutel, waarde in list(dict.items(feit)):
            if type(waarde) not in _ONVERANDERLIJK and not Fact.is_special(sleutel):
                dict.__setitem__(feit, sleutel, freeze(waarde))
    sleutels = tuple(feit)
    speciaal = _SLEUTELSETS.get(sleutels)
    if speciaal is None:
        if feit.has_nested_accessor():
            raise KeyError("Cannot declare facts containing double underscores as keys.")
        speciaal = _SLEUTELSETS[sleutels] = any(Fact.is_special(k) for k in sleutels)
    return None if speciaal else sleutels


def _duplicaatsleutel(feit: Fact, sleutels: tuple[Any, ...]) -> tuple[Any, ...]:
    """What makes two facts without special keys equal, as ``_feit_id`` (their class and items),
    but cheaper: the values in a fixed order of keys per fact type (the first fact's) when the
    fact has those keys, else the set of its items. Equal facts have equal keys, so they meet
    in the same form and have equal duplicate keys."""
    soort = feit.__class__
    volgorde = _SLEUTELVOLGORDE.get(soort)
    if volgorde is None:
        volgorde = _SLEUTELVOLGORDE.setdefault(soort, sleutels)
    if sleutels == volgorde:
        return (soort, tuple(dict.values(feit)))
    if len(sleutels) == len(volgorde) and set(sleutels) == set(volgorde):
        return (soort, tuple([dict.__getitem__(feit, k) for k in volgorde]))
    return (soort, frozenset(dict.items(feit)))


def _feit_id(fact: Fact) -> tuple[Any, ...]:
    """``FactList._get_fact_id`` (used on retract): the duplicate key of the fact's ordinary
    items, as it was when the fact was declared."""
    gewoon = Fact.__new__(type(fact))
    dict.update(gewoon, [paar for paar in dict.items(fact)
                         if not (isinstance(paar[0], str) and paar[0].startswith("__")
                                 and paar[0].endswith("__"))])
    return _duplicaatsleutel(gewoon, tuple(gewoon))


FactList._get_fact_id = staticmethod(_feit_id)


def _algemene_sleutel(feit: Fact) -> tuple[Any, ...]:
    """The general way to the duplicate key of a fact about to be stored: experta's checks
    (``_controleer_declareerbaar``, its own fact type, the declared fields), then the key as
    ``_feit_id`` or ``_duplicaatsleutel`` makes it. A plain fact's form (its type's order of
    keys, or another order or set of them) is learnt, so the next fact of that form takes the
    short way of ``declaratie_tijdens_run``."""
    eigen = _controleer_declareerbaar(feit)
    if not isinstance(feit, Fact):
        raise ValueError("The fact must descend the Fact class.")
    if feit.__fields__:
        feit.validate()
    if eigen is None:
        return _feit_id(feit)
    sleutel = _duplicaatsleutel(feit, eigen)
    soort = type(feit)
    volgorde = _SLEUTELVOLGORDE[soort]
    if not soort.__fields__:
        if _SLEUTELSETS.get(volgorde) is False:
            _GEWONE_VOLGORDE[soort] = volgorde
        if eigen != volgorde:
            # As _duplicaatsleutel keys a fact of this form: its values read in the type's
            # order (the same keys in another order), or its items.
            _ANDERE_VORM[soort, eigen] = (
                volgorde if len(eigen) == len(volgorde) and set(eigen) == set(volgorde)
                else None)
    return sleutel


def _niets(feit: Fact) -> None:
    """Nothing to do with a fact stored."""


def declareer(engine: KnowledgeEngine, feiten: tuple[Fact, ...],
              na_opslag: Callable[[Fact], None] = _niets) -> list[Fact]:
    """``KnowledgeEngine.declare``: the facts into the fact list, the agenda updated unless a
    rule is firing (the run loop then matches the new facts at its next step). Returns the facts
    that were new (``na_opslag`` is called with each); experta's declare returns the last fact
    if it was new, else None. As in experta, every fact is checked before any is stored."""
    for feit in feiten:
        _controleer_declareerbaar(feit)
    if not engine.facts:
        watchers.ENGINE.warning("Declaring fact before reset()")
    opslaan = declaratie_tijdens_run(engine, na_opslag)
    nieuw = [feit for feit in feiten if opslaan(feit) is not None]
    if not engine.running:
        erbij, eraf = engine.get_activations()
        engine.strategy.update_agenda(engine.agenda, erbij, eraf)
    return nieuw


def declaratie_tijdens_run(engine: KnowledgeEngine,
                           na_opslag: Callable[[Fact], None]) -> Callable[[Fact], Fact | None]:
    """The function that stores one fact in the engine's fact list, as ``FactList.declare``
    does, with what every fact looks up (the fact list, its counters, the types the matcher
    tests) looked up once: made once per run of the engine, whose rules conclude some 700
    facts, and once per ``declareer``.

    A fact is numbered and stored unless an equal fact was declared before, and handed to the
    matcher only if a pattern tests its type; ``na_opslag`` is called with each fact stored.
    Nearly every fact is plain: no declared fields, immutable values, ordinary keys in a form a
    fact of its type had before. Its duplicate key is made directly, as ``_duplicaatsleutel``
    makes it; any other fact takes the general way (``_algemene_sleutel``). The function
    returns the fact, or None when an equal fact was declared before. The fact list must stay
    the one the engine has now (``reset`` makes a new one: make a new function after it)."""
    lijst: FactList = engine.facts
    tellers = lijst.reference_counter
    getoetst = getattr(engine.matcher, "getoetste_soorten", None)
    onveranderlijk = _ONVERANDERLIJK.issuperset
    zet = dict.__setitem__
    waarden = dict.values
    melden = watchers.FACTS.isEnabledFor(logging.INFO)
    gewone_volgorde = _GEWONE_VOLGORDE.get
    andere_vorm = _ANDERE_VORM.get

    def declareer(feit: Fact) -> Fact | None:
        soort = type(feit)
        sleutels = tuple(feit)
        # Only a Fact type is in _GEWONE_VOLGORDE: a match implies the isinstance check.
        if gewone_volgorde(soort) == sleutels:
            inhoud = tuple(waarden(feit))
            sleutel: tuple[Any, ...] = ((soort, inhoud) if onveranderlijk(map(type, inhoud))
                                        else _algemene_sleutel(feit))
        else:
            vorm = andere_vorm((soort, sleutels), _ONBEKENDE_VORM)
            if vorm is _ONBEKENDE_VORM or not onveranderlijk(map(type, waarden(feit))):
                sleutel = _algemene_sleutel(feit)
            elif vorm is not None:
                sleutel = (soort, tuple([feit[k] for k in vorm]))
            else:
                sleutel = (soort, frozenset(dict.items(feit)))
        # One hash of the key for a new fact: it is counted once as it goes in.
        voor = len(tellers)
        aantal = tellers.setdefault(sleutel, 1)
        if len(tellers) == voor:  # an equal fact was declared before
            if not lijst.duplication:
                return None
            tellers[sleutel] = aantal + 1
        idx = lijst.last_index
        zet(feit, "__factid__", idx)
        lijst[idx] = feit
        lijst.last_index = idx + 1
        if getoetst is None or soort in getoetst:
            lijst.added.append(feit)
        if melden:
            watchers.FACTS.info(" ==> %s: %r", feit, feit)
        na_opslag(feit)
        return feit

    return declareer


# --- Routing in the alpha network ------------------------------------------------------------
#
# experta's Rete hands every fact to every child of the root, and every token to every child of
# an alpha node; each child copies the token and then tests one feature (the fact's type, or one
# field against a literal). With twenty fact types and some thirty literal tests on
# ``Kenmerk.pad`` most of the matching work is tests that fail. The nodes below look the
# candidate children up by the fact's type or field value first and pass the token only to
# those, in their original order; each candidate still runs its own test, so the tokens that
# reach the beta network, and the order they arrive in, are those of stock experta.

_ONGEROUTEERD = object()
#: How many lookups by field values a node or matcher remembers; the fields looked up by are
#: those the rules test against literals, so on a scan of any size a few hundred suffice.
_HOOGSTENS_ONTHOUDEN = 10_000


class _Routering:
    """Which children of one node can pass a fact, looked up instead of tried one by one."""

    def __init__(self, kinderen: list[Any]) -> None:
        self.altijd: list[tuple[int, Any]] = []
        self.per_veld: dict[str, dict[Any, list[tuple[int, Any]]]] = {}
        self.per_type: dict[type, list[tuple[int, Any]]] = {}
        for positie, kind in enumerate(kinderen):
            test = getattr(kind.node, "matcher", None)
            if isinstance(test, TypeCheck):
                self.per_type.setdefault(test.fact_type, []).append((positie, kind.callback))
            elif (isinstance(test, FeatureCheck) and isinstance(test.how, L)
                  and isinstance(test.what, str) and "__" not in test.what
                  and isinstance(test.how.value, (str, int, float, bool, type(None)))):
                (self.per_veld.setdefault(test.what, {})
                 .setdefault(test.how.value, []).append((positie, kind.callback)))
            else:
                self.altijd.append((positie, kind.callback))

        self.velden = tuple(self.per_veld)
        self._gezocht: dict[tuple[Any, ...], list[Any]] = {}

    def kandidaten(self, feit: Fact) -> list[Any]:
        """The children to try, remembered per fact type and values of the routed fields."""
        sleutel = (type(feit), *(feit.get(veld, _ONGEROUTEERD) for veld in self.velden))
        try:
            return self._gezocht[sleutel]
        except KeyError:
            gevonden = self._zoek(feit)
            if len(self._gezocht) >= _HOOGSTENS_ONTHOUDEN:
                self._gezocht.clear()  # a field with free values: memory stays bounded
            self._gezocht[sleutel] = gevonden
            return gevonden
        except TypeError:  # an unhashable value: not remembered
            return self._zoek(feit)

    def _zoek(self, feit: Fact) -> list[Any]:
        gevonden = [*self.altijd, *self.per_type.get(type(feit), ())]
        for veld, per_waarde in self.per_veld.items():
            waarde = feit.get(veld, _ONGEROUTEERD)
            try:
                gevonden.extend(per_waarde.get(waarde, ()))
            except TypeError:  # an unhashable value: let every literal test decide itself
                for lijst in per_waarde.values():
                    gevonden.extend(lijst)
        gevonden.sort(key=lambda paar: paar[0])
        return [callback for _, callback in gevonden]


def _routering(node: Any) -> _Routering:
    routering = node.__dict__.get("_routering")
    if routering is None:
        routering = node.__dict__["_routering"] = _Routering(node.children)
    return routering


class GerouteerdeBus(BusNode):
    """The root node, handing a fact only to the branches that test its type."""

    def add(self, fact: Fact) -> None:
        token = tuple.__new__(Token, (Token.TagType.VALID, {fact}, {}))
        for callback in _routering(self).kandidaten(fact):
            callback(token)

    def remove(self, fact: Fact) -> None:
        token = tuple.__new__(Token, (Token.TagType.INVALID, {fact}, {}))
        for callback in _routering(self).kandidaten(fact):
            callback(token)


class GerouteerdeMatcher(ReteMatcher):
    """experta's matcher, asking only the conflict-set nodes that changed for their changes.

    Stock ``changes`` empties every rule's conflict-set node after each firing, most of them
    unchanged; the activations collected are the same either way.
    """

    @property
    def getoetste_soorten(self) -> frozenset[type] | None:
        """The fact types a branch of the network tests, when only types are tested first."""
        if "_soorten" not in self.__dict__:
            routering = _routering(self.root_node)
            self.__dict__["_soorten"] = (None if routering.altijd or routering.per_veld
                                         else frozenset(routering.per_type))
        soorten: frozenset[type] | None = self.__dict__["_soorten"]
        return soorten

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        if deleting is not None:
            for deleted in deleting:
                self.root_node.remove(deleted)
        if adding is not None:
            for added in adding:
                self.root_node.add(added)
        toegevoegd: list[Any] = []
        verwijderd: list[Any] = []
        for knoop in self._conflictknopen():
            if knoop.added or knoop.removed:
                erbij, eraf = knoop.get_activations()
                toegevoegd.extend(erbij)
                verwijderd.extend(eraf)
        return toegevoegd, verwijderd

    def _conflictknopen(self) -> tuple[ConflictSetNode, ...]:
        knopen = self.__dict__.get("_knopen")
        if knopen is None:
            knopen = self.__dict__["_knopen"] = self._get_conflict_set_nodes()
        return knopen


class GerouteerdeTester(FeatureTesterNode):
    """An alpha node: experta's own test, then only the children that can pass the fact."""

    def _activate(self, token: Token) -> None:
        (fact,) = token.data
        match = self.matcher(fact)
        if not match:
            return
        if isinstance(match, collections.abc.Mapping):
            # experta's binding rules, unchanged (FeatureTesterNode._activate)
            for key, value in match.items():
                if isinstance(key, tuple):
                    if key[1] in token.context and token.context[key[1]] == value:
                        return
                else:
                    if token.context.get(key, value) != value:
                        return
                    if (False, key) in token.context and token.context[(False, key)] == value:
                        return
            token.context.update(match)
        for callback in _routering(self).kandidaten(fact):
            callback(token)


def route_alfanetwerk(engine: KnowledgeEngine) -> None:
    """Give an engine's alpha network the routing nodes (once, after construction)."""
    engine.matcher.__class__ = GerouteerdeMatcher
    wortel = engine.matcher.root_node
    wortel.__class__ = GerouteerdeBus
    te_doen = [kind.node for kind in wortel.children]
    while te_doen:
        node = te_doen.pop()
        if type(node) is FeatureTesterNode:
            node.__class__ = GerouteerdeTester
            te_doen.extend(kind.node for kind in node.children)


# --- Matching without the network -----------------------------------------------------------
#
# Every rule of the rule base is a row of fact patterns, NOT-patterns and TESTs, at most a few
# long, over some hundreds of facts. For such rules a Rete network mostly costs: each fact passes
# through a chain of node objects, each copying its token. The matcher below finds the same
# activations directly. Each pattern is tested on the facts of its type (with experta's own
# field checks where a test is more than equality or a binding); a new fact is joined with the
# facts remembered for the rule's other patterns, in the rule's order, and with experta's rules:
# a variable bound twice must have equal values, a NOT-pattern blocks a combination when one of
# its facts agrees with the bindings made before it, a TEST sees the bindings made before it.
# The activations it reports after each change of the fact list, added and removed, are those the
# Rete reports, so the agenda and the firing order are the same. A rule of another shape (OR,
# EXISTS, FORALL, a negated field constraint, nested keys, a pattern twice in one rule) keeps the
# Rete for the whole rule base.


class NietDirect(Exception):
    """A rule the direct matcher does not take; the engine keeps experta's Rete."""


_FEIT, _NIET, _TEST = 0, 1, 2


def _bevat_ontkenning(waarde: Any) -> bool:
    if isinstance(waarde, NOTFC):
        return True
    return isinstance(waarde, (ANDFC, ORFC)) and any(_bevat_ontkenning(w) for w in waarde)


def _vaste_bindingen(eis: Any) -> set[str]:
    """The names a field constraint binds whenever it holds (an OR binds no name for sure)."""
    if type(eis) in (L, W, _P):
        return {eis.__bind__} if eis.__bind__ is not None else set()
    if type(eis) is ANDFC:
        return set().union(*(_vaste_bindingen(deel) for deel in eis))
    return set()


def _verenigbaar(links: dict[Any, Any], rechts: dict[Any, Any]) -> bool:
    """experta's SameContextCheck: a name bound on both sides has equal values."""
    for sleutel, waarde in links.items():
        if sleutel in rechts and waarde != rechts[sleutel]:
            return False
    return True


def _veldfunctie(eis: FieldConstraint) -> Callable[[Any], Any] | None:
    """experta's check of one field value (FeatureCheck's check functions for L, P, W and an
    AND of them), without its logging: False, True or the bindings; None for other constraints,
    which keep experta's FeatureCheck."""
    binding = getattr(eis, "__bind__", None)
    if type(eis) is L:
        verwacht = eis.value
        if binding is None:
            return lambda waarde: bool(verwacht == waarde)
        return lambda waarde: {binding: waarde} if verwacht == waarde else False
    if type(eis) is _P:
        past = eis.match
        if binding is None:
            return lambda waarde: bool(past(waarde))
        return lambda waarde: {binding: waarde} if past(waarde) else False
    if type(eis) is W:
        return (lambda waarde: True) if binding is None else (lambda waarde: {binding: waarde})
    if type(eis) is ANDFC:
        delen = [_veldfunctie(deel if isinstance(deel, FieldConstraint) else L(deel))
                 for deel in eis]
        if any(deel is None for deel in delen):
            return None

        def en(waarde: Any) -> Any:  # FeatureCheck's and_match
            gebonden: dict[Any, Any] = {}
            for deel in delen:
                uitkomst = deel(waarde)  # type: ignore[misc]
                if uitkomst is False:
                    return False
                if uitkomst is not True:
                    gebonden.update(uitkomst)
            return gebonden or True
        return en
    return None


def een_van(waarden: Iterable[Any]) -> Any:
    """A field constraint ``P``: the value is one of ``waarden``. The direct matcher looks the
    values up instead of asking every fact; experta's Rete calls the predicate."""
    verzameling = frozenset(waarden)

    def is_een_van(waarde: Any) -> bool:
        return waarde in verzameling

    is_een_van.waarden = verzameling  # type: ignore[attr-defined]
    return _P(is_een_van)


def _genoemde_waarden(eis: Any) -> frozenset[Any] | None:
    """The values an ``een_van`` constraint (alone or in an AND) admits, else None."""
    if type(eis) is _P:
        return getattr(eis.match, "waarden", None)
    if type(eis) is ANDFC:
        for deel in eis:
            waarden = _genoemde_waarden(deel)
            if waarden is not None:
                return waarden
    return None


class _Patroon:
    """One fact pattern, tested as experta's alpha network tests it."""

    def __init__(self, patroon: Fact) -> None:
        self.soort = type(patroon)
        self.gelijk: list[tuple[Any, Any]] = []
        self.binden: list[tuple[Any, str]] = []
        self.velden: list[tuple[Any, Callable[[Any], Any]]] = []
        self.overig: list[FeatureCheck] = []
        self.vangnaam = f"__pattern_{id(patroon)}__"
        #: The names every match of the pattern binds (see ``toetsen``).
        self.namen: set[str] = set()
        #: The rule's TESTs on names this pattern binds alone: checked on each fact that
        #: matches the pattern, once, instead of on each combination it joins.
        self.toetsen: list[tuple[Callable[..., Any], tuple[str, ...]]] = []
        for sleutel, waarde in patroon.items():
            if isinstance(sleutel, str) and sleutel.startswith("__") and sleutel.endswith("__"):
                if sleutel != "__bind__":
                    raise NietDirect(sleutel)
                self.vangnaam = waarde
                self.namen.add(waarde)
                continue
            if _bevat_ontkenning(waarde):
                raise NietDirect(sleutel)
            gewoon = isinstance(sleutel, str) and "__" not in sleutel and not sleutel.isnumeric()
            functie = _veldfunctie(waarde) if isinstance(waarde, FieldConstraint) else None
            if gewoon and not isinstance(waarde, FieldConstraint):
                self.gelijk.append((sleutel, waarde))
            elif gewoon and type(waarde) is L and waarde.__bind__ is None:
                self.gelijk.append((sleutel, waarde.value))
            elif gewoon and type(waarde) is W and waarde.__bind__ is not None:
                self.binden.append((sleutel, waarde.__bind__))
                self.namen.add(waarde.__bind__)
            elif gewoon and functie is not None:
                self.velden.append((sleutel, functie))
                self.namen |= _vaste_bindingen(waarde)
            else:
                self.overig.append(FeatureCheck(sleutel, waarde))
        #: A field and the values it must have for the pattern to match: the first literal
        #: field, else a field constrained to a named set of values (``een_van``); facts are
        #: looked up by it (see DirecteMatcher.kandidaten).
        self.index: tuple[Any, frozenset[Any]] | None = None
        if not self.soort.__fields__:
            for sleutel, waarde in self.gelijk:
                try:
                    self.index = (sleutel, frozenset([waarde]))
                    break
                except TypeError:  # an unhashable literal: not looked up
                    continue
            else:
                for sleutel, waarde in patroon.items():
                    waarden = _genoemde_waarden(waarde)
                    if (waarden is not None and any(sleutel == veld for veld, _ in self.velden)):
                        self.index = (sleutel, waarden)
                        break

    def kies_toets(self) -> None:
        """Once the rule's TESTs are placed (``_DirecteRegel``): a pattern of literals and
        distinct names only (most patterns, tested some 370 times a run) is tested without
        the loops the general test runs for what it does not have."""
        namen = [naam for _, naam in self.binden]
        if (not self.velden and not self.overig and not self.toetsen
                and len(set(namen)) == len(namen)):
            self.toets = self._toets_eenvoudig  # type: ignore[method-assign]

    def _toets_eenvoudig(self, feit: Fact) -> dict[Any, Any] | None:
        try:
            for sleutel, verwacht in self.gelijk:
                if not verwacht == feit[sleutel]:  # noqa: SIM201 (experta's own comparison)
                    return None
            context = {naam: feit[sleutel] for sleutel, naam in self.binden}
        except (IndexError, KeyError, TypeError):  # a missing field: no match, as in experta
            return None
        context[self.vangnaam] = feit
        return context

    def toets(self, feit: Fact) -> dict[Any, Any] | None:
        """The bindings the fact makes, or None when it does not match."""
        context: dict[Any, Any] = {}
        try:
            for sleutel, verwacht in self.gelijk:
                if not verwacht == feit[sleutel]:  # noqa: SIM201 (experta's own comparison)
                    return None
            for sleutel, naam in self.binden:
                waarde = feit[sleutel]
                if context.get(naam, waarde) != waarde:
                    return None
                context[naam] = waarde
            # Most patterns test literals and bind names only (tested some 360 times a run).
            waarden = [feit[sleutel] for sleutel, _ in self.velden] if self.velden else ()
        except (IndexError, KeyError, TypeError):  # a missing field: no match, as in experta
            return None
        for (_, functie), waarde in zip(self.velden, waarden, strict=True):
            uitkomst = functie(waarde)
            if uitkomst is False:
                return None
            if uitkomst is not True:
                for naam, gebonden in uitkomst.items():
                    if context.get(naam, gebonden) != gebonden:
                        return None
                context.update(uitkomst)
        for check in self.overig:
            uitkomst = check(feit)
            if not uitkomst:
                return None
            if isinstance(uitkomst, collections.abc.Mapping):
                for naam, gebonden in uitkomst.items():
                    if context.get(naam, gebonden) != gebonden:
                        return None
                context.update(uitkomst)
        for test, parameters in self.toetsen:
            if not test(**{naam: context[naam] for naam in parameters}):
                return None
        context[self.vangnaam] = feit
        return context


def _enkelvoudig_patroon(feit: Any) -> bool:
    """A fact pattern experta's normal form leaves as it is: no field constraint combined
    with &, | or ~ (experta's dnf then rebuilds an equal fact)."""
    return isinstance(feit, Fact) and not any(
        isinstance(waarde, (ANDFC, ORFC, NOTFC)) for waarde in feit.values())


def _al_in_normaalvorm(regel: Rule) -> bool:
    """Whether ``prepare_rule`` would give the rule its own elements again: a row of simple
    fact patterns, NOT-patterns of one such fact and TESTs, opening with a fact pattern (so no
    InitialFact is put in front). The rule then needs no preparing, which rebuilds the rule
    some ten times and, the first time a type is seen, works out its dispatch (together a few
    milliseconds at every start)."""
    if not regel or not _enkelvoudig_patroon(regel[0]):
        return False
    for element in regel:
        if type(element) is TEST:
            continue
        if type(element) is NOT:
            if len(element) != 1 or not _enkelvoudig_patroon(element[0]):
                return False
        elif not _enkelvoudig_patroon(element):
            return False
    return True


class _DirecteRegel:
    """A rule as experta prepares it for its network, as a row of elements."""

    def __init__(self, nummer: int, regel: Rule) -> None:
        self.nummer = nummer
        # A copy as prepare_rule makes one (unbound from the engine, as experta's run loop
        # calls it), but built once.
        self.regel = (regel.new_conditions(*regel) if _al_in_normaalvorm(regel)
                      else prepare_rule(regel))
        self.elementen: list[tuple[int, Any]] = []
        patronen: list[Fact] = []
        feitpatronen: list[_Patroon] = []
        for element in self.regel:
            if type(element) is TEST:
                parameters = tuple(WhereCheck(element[0]).parameters)
                # A TEST on names that one earlier pattern binds holds or fails with that
                # pattern's fact, whatever it is joined with: it is checked on the fact as it
                # matches (experta checks it on every combination; the outcome is the same).
                eigen = next((p for p in feitpatronen
                              if parameters and p.namen.issuperset(parameters)), None)
                if eigen is not None:
                    eigen.toetsen.append((element[0], parameters))
                else:
                    self.elementen.append((_TEST, (element[0], parameters)))
            elif type(element) is NOT and len(element) == 1 and isinstance(element[0], Fact):
                self.elementen.append((_NIET, _Patroon(element[0])))
                patronen.append(element[0])
            elif isinstance(element, Fact):
                feitpatroon = _Patroon(element)
                self.elementen.append((_FEIT, feitpatroon))
                feitpatronen.append(feitpatroon)
                patronen.append(element)
            else:
                raise NietDirect(type(element).__name__)
        if not self.elementen or self.elementen[0][0] != _FEIT:
            raise NietDirect("begint niet met een patroon")
        # experta shares one capture among equal patterns: two in one rule would be one fact.
        if any(a == b for i, a in enumerate(patronen) for b in patronen[i + 1:]):
            raise NietDirect("gelijk patroon")
        self.posities = tuple(i for i, (soort, _) in enumerate(self.elementen) if soort == _FEIT)
        #: The positions of its patterns and NOT-patterns, whose matching facts are remembered.
        self.geheugenposities = tuple(i for i, (soort, _) in enumerate(self.elementen)
                                      if soort != _TEST)
        for positie in self.geheugenposities:
            self.elementen[positie][1].kies_toets()
        #: One pattern and nothing else: a fact that matches it is a combination.
        self.enkel = len(self.elementen) == 1


_Deel = tuple[tuple[Fact, ...], dict[Any, Any], tuple[tuple[int, dict[Any, Any]], ...]]


class DirecteActivatie(Activation):
    """An activation as experta's Rete makes it, holding its facts in pattern order.

    experta puts an activation's facts in a set, which hashes each fact by all its items on
    first use; the engine and its strategy only iterate over them, so a tuple does (each fact
    once, as in the set, where two patterns match the same fact).
    """

    def __init__(self, rule: Rule, facts: tuple[Fact, ...], context: dict[Any, Any]) -> None:
        self.rule = rule
        if len(facts) > 1 and len({id(feit) for feit in facts}) < len(facts):
            facts = tuple({id(feit): feit for feit in facts}.values())
        self.facts = facts
        self.key = None
        self.context = context


class DirecteMatcher(Matcher):
    """experta's matcher interface, finding the activations of the Rete without its network."""

    def __init__(self, engine: KnowledgeEngine) -> None:
        super().__init__(engine)
        self.regels = [_DirecteRegel(nummer, regel)
                       for nummer, regel in enumerate(engine.get_rules())]
        self.per_soort: dict[type, list[tuple[_DirecteRegel, int, _Patroon]]] = {}
        for regel in self.regels:
            for positie, (soort, element) in enumerate(regel.elementen):
                if soort != _TEST:
                    self.per_soort.setdefault(element.soort, []).append((regel, positie, element))
        #: The fact types a pattern tests: facts of other types need not be matched.
        self.getoetste_soorten = self.per_soort
        #: The fact types only rules of one pattern match: a fact of such a type activates
        #: rules on its own, never joined with other facts (see ``Motor.zet_klaar``).
        self.alleen_enkelvoudig = frozenset(
            soort for soort, ingangen in self.per_soort.items()
            if all(regel.enkel for regel, _, _ in ingangen))
        # Per type, the fields some pattern is looked up by; the candidates for a fact (every
        # pattern that can match it, in rule order) are remembered per type and values of
        # those fields.
        self._indexvelden: dict[type, tuple[Any, ...]] = {
            feitsoort: tuple(dict.fromkeys(p.index[0] for _, _, p in ingangen if p.index))
            for feitsoort, ingangen in self.per_soort.items()}
        self._kandidaten: dict[tuple[Any, ...], list[tuple[_DirecteRegel, int, _Patroon]]] = {}
        self.reset()

    def kandidaten(self, feit: Fact) -> list[tuple[_DirecteRegel, int, _Patroon]]:
        """The patterns that can match a fact: every pattern of its type but those whose
        literal field (``Kenmerk(pad="…")``) or named values (``een_van``) the fact's field
        does not have."""
        soort = type(feit)
        velden = self._indexvelden.get(soort)
        if not velden:
            return self.per_soort.get(soort, [])
        # Asked for every declared fact: no generator, and one field (the common case) alone.
        sleutel = ((soort, dict.get(feit, velden[0], _ONGEROUTEERD)) if len(velden) == 1
                   else (soort, *[dict.get(feit, veld, _ONGEROUTEERD) for veld in velden]))
        try:
            return self._kandidaten[sleutel]
        except KeyError:
            pass
        except TypeError:  # an unhashable value: every pattern of the type is tried
            return self.per_soort[soort]
        gevonden = [ingang for ingang in self.per_soort[soort]
                    if ingang[2].index is None
                    or dict.get(feit, ingang[2].index[0], _ONGEROUTEERD) in ingang[2].index[1]]
        if len(self._kandidaten) >= _HOOGSTENS_ONTHOUDEN:
            self._kandidaten.clear()  # a field with free values: memory stays bounded
        self._kandidaten[sleutel] = gevonden
        return gevonden

    def reset(self) -> None:
        self.geheugen: list[dict[int, list[tuple[Fact, dict[Any, Any]]]]] = [
            {positie: [] for positie in r.geheugenposities} for r in self.regels]
        #: Per rule the combinations that match now, by the ids of their facts, with the
        #: bindings each NOT-pattern was checked against.
        self.actief: list[dict[tuple[int, ...], tuple[Activation, tuple[Any, ...]]]] = [
            {} for _ in self.regels]


    def _zoek(self, regel: _DirecteRegel, vast: int | None = None,
              vast_item: tuple[Fact, dict[Any, Any]] | None = None) -> list[_Deel]:
        """The combinations of remembered facts that match the rule, with ``vast_item`` in
        position ``vast`` when given."""
        geheugen = self.geheugen[regel.nummer]
        delen: list[_Deel] = [((), {}, ())]
        for positie, (soort, element) in enumerate(regel.elementen):
            if soort == _FEIT:
                kandidaten = [vast_item] if positie == vast and vast_item else geheugen[positie]
                delen = [(feiten + (feit,), {**context, **feitcontext}, niet)
                         for feiten, context, niet in delen
                         for feit, feitcontext in kandidaten
                         if _verenigbaar(context, feitcontext)]
            elif soort == _NIET:
                blokkerend = geheugen[positie]
                delen = [(feiten, context, (*niet, (positie, context)))
                         for feiten, context, niet in delen
                         if not any(_verenigbaar(context, b) for _, b in blokkerend)]
            else:
                test, parameters = element
                delen = [deel for deel in delen
                         if test(**{k: deel[1].get(k) for k in parameters})]
            if not delen:
                break
        return delen

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        if not adding and not deleting:
            return [], []
        erbij: dict[tuple[int, tuple[int, ...]], Activation] = {}
        eraf: dict[tuple[int, tuple[int, ...]], Activation] = {}

        def activeer(regel: _DirecteRegel, deel: _Deel) -> None:
            feiten, context, niet = deel
            sleutel = ((feiten[0]["__factid__"],) if len(feiten) == 1
                       else tuple([feit["__factid__"] for feit in feiten]))
            actief = self.actief[regel.nummer]
            if sleutel in actief:
                return
            if (regel.nummer, sleutel) in eraf:
                # Removed and matched again in one change: as in experta, nothing changed.
                actief[sleutel] = (eraf.pop((regel.nummer, sleutel)), niet)
                return
            activatie = DirecteActivatie(regel.regel, feiten, context)
            actief[sleutel] = (activatie, niet)
            erbij[(regel.nummer, sleutel)] = activatie

        def deactiveer(regel: _DirecteRegel, sleutel: tuple[int, ...]) -> None:
            activatie, _ = self.actief[regel.nummer].pop(sleutel)
            if erbij.pop((regel.nummer, sleutel), None) is None:
                eraf[(regel.nummer, sleutel)] = activatie

        opnieuw: list[_DirecteRegel] = []
        for feit in deleting or ():
            for regel, positie, _ in self.per_soort.get(type(feit), ()):
                geheugen = self.geheugen[regel.nummer]
                voor = len(geheugen[positie])
                geheugen[positie] = [(f, c) for f, c in geheugen[positie] if f is not feit]
                if len(geheugen[positie]) == voor:
                    continue
                if regel.elementen[positie][0] == _NIET:
                    if regel not in opnieuw:
                        opnieuw.append(regel)
                    continue
                index = regel.posities.index(positie)
                for sleutel in [s for s in self.actief[regel.nummer]
                                if s[index] == feit["__factid__"]]:
                    deactiveer(regel, sleutel)
        for regel in opnieuw:
            for deel in self._zoek(regel):
                activeer(regel, deel)

        for feit in adding or ():
            geraakt = []
            for regel, positie, patroon in self.kandidaten(feit):
                context = patroon.toets(feit)
                if context is not None:
                    self.geheugen[regel.nummer][positie].append((feit, context))
                    geraakt.append((regel, positie, context))
            for regel, positie, context in geraakt:
                if regel.enkel:
                    activeer(regel, ((feit,), context, ()))
                    continue
                if regel.elementen[positie][0] == _FEIT:
                    for deel in self._zoek(regel, positie, (feit, context)):
                        activeer(regel, deel)
                    continue
                for sleutel, (_, niet) in list(self.actief[regel.nummer].items()):
                    if _verenigbaar(dict(niet)[positie], context):
                        deactiveer(regel, sleutel)
        return list(erbij.values()), list(eraf.values())


def kies_matcher(engine: KnowledgeEngine, direct: bool, routering: bool) -> Matcher:
    """The direct matcher where every rule fits it, else experta's Rete (routed or stock)."""
    if direct:
        try:
            return DirecteMatcher(engine)
        except NietDirect:
            pass
    engine.matcher = ReteMatcher(engine)
    if routering:
        route_alfanetwerk(engine)
    return engine.matcher


class NogGeenMatcher(Matcher):
    """Stands in while ``KnowledgeEngine.__init__`` runs, until the engine picks its matcher."""

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        raise RuntimeError("de motor heeft nog geen matcher")

    def reset(self) -> None:
        pass


__all__ = [
    "AND",
    "AS",
    "EXISTS",
    "MATCH",
    "NOT",
    "OR",
    "P",
    "TEST",
    "W",
    "Activation",
    "Agenda",
    "DefFacts",
    "DepthStrategy",
    "DirecteMatcher",
    "EXPERTA_VERSION",
    "Fact",
    "FactList",
    "GewoonFeit",
    "Field",
    "GerouteerdeMatcher",
    "InitialFact",
    "KnowledgeEngine",
    "Rule",
    "NogGeenMatcher",
    "declareer",
    "declaratie_tijdens_run",
    "een_van",
    "kies_matcher",
    "route_alfanetwerk",
    "unfreeze",
]
