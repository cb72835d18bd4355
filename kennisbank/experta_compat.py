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
    Rule,
    W,
)
from experta.activation import Activation  # noqa: E402
from experta.agenda import Agenda  # noqa: E402
from experta.fieldconstraint import L  # noqa: E402
from experta.matchers.rete.check import FeatureCheck, TypeCheck  # noqa: E402
from experta.matchers.rete.nodes import BusNode, FeatureTesterNode  # noqa: E402
from experta.matchers.rete.token import Token  # noqa: E402
from experta.strategies import DepthStrategy  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

EXPERTA_VERSION = experta.__version__


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

    def kandidaten(self, feit: Fact) -> list[Any]:
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
        token = Token.valid(fact)
        for callback in _routering(self).kandidaten(fact):
            callback(token)

    def remove(self, fact: Fact) -> None:
        token = Token.invalid(fact)
        for callback in _routering(self).kandidaten(fact):
            callback(token)


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
    "route_alfanetwerk",
]
