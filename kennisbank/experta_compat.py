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
from experta.activation import Activation  # noqa: E402
from experta.agenda import Agenda  # noqa: E402
from experta.conditionalelement import ConditionalElement  # noqa: E402
from experta.factlist import FactList  # noqa: E402
from experta.fieldconstraint import L  # noqa: E402
from experta.matchers.rete import ReteMatcher  # noqa: E402
from experta.matchers.rete.check import FeatureCheck, TypeCheck  # noqa: E402
from experta.matchers.rete.nodes import BusNode, ConflictSetNode, FeatureTesterNode  # noqa: E402
from experta.matchers.rete.token import Token  # noqa: E402
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
    zet = dict.__setitem__
    for sleutel, waarde in chain(enumerate(args), kwargs.items()):
        if sleutel == "__factid__" or sleutel == "__bind__":
            self[sleutel] = waarde  # the special keys keep experta's own handling
        else:
            zet(self, sleutel, waarde if type(waarde) in _ONVERANDERLIJK else freeze(waarde))
    self._Fact__defaults = {}


def _feit_id(fact: Fact) -> frozenset[Any]:
    """``FactList._get_fact_id``: the fact's class and its ordinary items, in one pass."""
    return frozenset([fact.__class__, *[paar for paar in dict.items(fact)
                                        if not (isinstance(paar[0], str)
                                                and paar[0].startswith("__")
                                                and paar[0].endswith("__"))]])


def _token_kopie(self: Token) -> Token:
    """``Token.copy`` without re-validating what the original token already satisfied."""
    return tuple.__new__(type(self), (self.tag, set(self.data), dict(self.context)))


Fact.__init__ = _feit_init
FactList._get_fact_id = staticmethod(_feit_id)
Token.copy = _token_kopie


# --- Declaring without detours ----------------------------------------------------------------
#
# ``KnowledgeEngine.declare`` checks every value and key of every fact, then ``FactList.declare``
# validates, numbers and stores it, and every fact is later handed to the matcher. The function
# below does the same in one pass: the same checks (cheap for the values our facts hold), the
# same numbering and the same rule for duplicates (a fact equal to one declared before is not
# added and yields None). Only a fact that no rule can match (its type is tested by no pattern)
# is kept from the matcher, which would pass it nowhere.

_GOEDE_SLEUTELS: set[tuple[Any, ...]] = set()


def _controleer_declareerbaar(feit: Fact) -> None:
    """experta's checks before a declaration, with its errors."""
    if any(type(waarde) not in _ONVERANDERLIJK and isinstance(waarde, ConditionalElement)
           for waarde in dict.values(feit)):
        raise TypeError("Declared facts cannot contain conditional elements")
    sleutels = tuple(feit)
    if sleutels not in _GOEDE_SLEUTELS:
        if feit.has_nested_accessor():
            raise KeyError("Cannot declare facts containing double underscores as keys.")
        _GOEDE_SLEUTELS.add(sleutels)


def declareer(engine: KnowledgeEngine, feiten: tuple[Fact, ...]) -> Fact | None:
    """``KnowledgeEngine.declare``: the facts into the fact list, the agenda updated unless a
    rule is firing (the run loop then matches the new facts at its next step)."""
    for feit in feiten:
        _controleer_declareerbaar(feit)
    lijst: FactList = engine.facts
    if not lijst:
        watchers.ENGINE.warning("Declaring fact before reset()")
    melden = watchers.FACTS.isEnabledFor(logging.INFO)
    wortel = engine.matcher.root_node
    gerouteerd = type(wortel) is GerouteerdeBus
    laatste = None
    for feit in feiten:
        if not isinstance(feit, Fact):
            raise ValueError("The fact must descend the Fact class.")
        if feit.__fields__:
            feit.validate()
        sleutel = _feit_id(feit)
        if not lijst.duplication and sleutel in lijst.reference_counter:
            laatste = None
            continue
        idx = lijst.last_index
        dict.__setitem__(feit, "__factid__", idx)
        lijst[idx] = feit
        lijst.last_index = idx + 1
        if not gerouteerd or _routering(wortel).kandidaten(feit):
            lijst.added.append(feit)
        lijst.reference_counter[sleutel] += 1
        if melden:
            watchers.FACTS.info(" ==> %s: %r", feit, feit)
        laatste = feit
    if not engine.running:
        erbij, eraf = engine.get_activations()
        engine.strategy.update_agenda(engine.agenda, erbij, eraf)
    return laatste


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
    "EXPERTA_VERSION",
    "Fact",
    "Field",
    "InitialFact",
    "KnowledgeEngine",
    "Rule",
    "declareer",
    "route_alfanetwerk",
    "unfreeze",
]
