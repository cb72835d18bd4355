"""Criteria over case facts, evaluated in three-valued logic.

A criterion in a table is either an atom on one fact path or a combination:

    {pad: pand.verdieping, is: 0}
    {pad: locatie.locatietype, in: [aanloopstraat, gebiedsontwikkeling]}
    {pad: pand.oppervlakte_m2, min: 100}
    {alle: [...]}, {een_van: [...]}, {niet: {...}}

An atom on an unknown fact is *unknown* (None), never false; ``alle`` and ``een_van`` follow
Kleene's logic, so an unknown only decides the outcome when the known parts leave it open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Waarheid = bool | None
Lezer = Callable[[str], Any]


class Criterium(BaseModel):
    # Built on first validation, like the tables that hold criteria (kennisbank.tabellen): a
    # run that reads its tables from the cache never validates one.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)

    pad: str | None = None
    is_: Any = Field(default=None, alias="is")
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    min: float | None = None
    max: float | None = None
    alle: tuple[Criterium, ...] | None = None
    een_van: tuple[Criterium, ...] | None = None
    niet: Criterium | None = None

    @model_validator(mode="after")
    def _precies_een_vorm(self) -> Criterium:
        samengesteld = [v for v in (self.alle, self.een_van, self.niet) if v is not None]
        if self.pad is None:
            if len(samengesteld) != 1:
                raise ValueError("een criterium heeft 'pad' of precies één van alle/een_van/niet")
            return self
        if samengesteld:
            raise ValueError("een criterium met 'pad' kan niet ook alle/een_van/niet hebben")
        toetsen = [self.is_ is not None, self.in_ is not None,
                   self.min is not None or self.max is not None]
        if sum(toetsen) != 1:
            raise ValueError(f"criterium op {self.pad!r} heeft precies één van is/in/min-max")
        return self

    def toets(self, lees: Lezer) -> Waarheid:
        if self.pad is not None:
            # _toets_atoom, inline for the common case: criteria are tested some 400 times per
            # evaluation, most of them atoms.
            waarde = lees(self.pad)
            if waarde is None:
                return None
            if self.is_ is not None:
                return bool(waarde == self.is_)
            return self._toets_atoom(waarde)
        if self.niet is not None:
            uitkomst = self.niet.toets(lees)
            return None if uitkomst is None else not uitkomst
        if self.alle is not None:
            uitkomsten = [c.toets(lees) for c in self.alle]
            if False in uitkomsten:
                return False
            return None if None in uitkomsten else True
        assert self.een_van is not None
        uitkomsten = [c.toets(lees) for c in self.een_van]
        if True in uitkomsten:
            return True
        return None if None in uitkomsten else False

    def _toets_atoom(self, waarde: Any) -> Waarheid:
        if waarde is None:
            return None
        if self.is_ is not None:
            return bool(waarde == self.is_)
        if self.in_ is not None:
            return waarde in self.in_
        if self.min is not None and waarde < self.min:
            return False
        return not (self.max is not None and waarde > self.max)

    def leesbaar(self) -> str:
        """The criterion as one line for a person: 'beleid.x = nee en (a ≥ 100 of b in c, d)'."""
        if self.pad is not None:
            if self.is_ is not None:
                return f"{self.pad} = {_waarde(self.is_)}"
            if self.in_ is not None:
                return f"{self.pad} in {', '.join(_waarde(w) for w in self.in_)}"
            grenzen = ([f"≥ {self.min:g}"] if self.min is not None else []) + (
                [f"≤ {self.max:g}"] if self.max is not None else [])
            return f"{self.pad} {' en '.join(grenzen)}"
        if self.niet is not None:
            return f"niet ({self.niet.leesbaar()})"
        delen, voegwoord = (self.alle, " en ") if self.alle is not None else (self.een_van, " of ")
        assert delen is not None
        return voegwoord.join(f"({d.leesbaar()})" if d.alle or d.een_van else d.leesbaar()
                              for d in delen)

    def open_paden(self, lees: Lezer) -> Iterator[str]:
        """The unknown facts that still decide this criterion: none where the known facts
        already settle it (an ``een_van`` with a true part, an ``alle`` with a false one)."""
        if self.pad is not None:
            if lees(self.pad) is None:
                yield self.pad
            return
        if self.toets(lees) is not None:
            return
        for deel in (self.alle or ()) + (self.een_van or ()) + ((self.niet,) if self.niet else ()):
            yield from deel.open_paden(lees)

    def paden(self) -> Iterator[str]:
        """Every fact path this criterion reads, in order of appearance."""
        if self.pad is not None:
            yield self.pad
        for deel in (self.alle or ()) + (self.een_van or ()):
            yield from deel.paden()
        if self.niet is not None:
            yield from self.niet.paden()

    def drempelwaarden(self) -> Iterator[tuple[str, Any]]:
        """(path, value) pairs that would make an atom true: candidates for counterfactuals."""
        if self.pad is not None:
            if self.is_ is not None:
                yield self.pad, self.is_
            for waarde in self.in_ or ():
                yield self.pad, waarde
            if self.min is not None:
                yield self.pad, self.min
            if self.max is not None:
                yield self.pad, self.max
        for deel in (self.alle or ()) + (self.een_van or ()):
            yield from deel.drempelwaarden()
        if self.niet is not None:
            yield from self.niet.drempelwaarden()


def _waarde(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)
