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
from experta.strategies import DepthStrategy  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

EXPERTA_VERSION = experta.__version__

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
]
