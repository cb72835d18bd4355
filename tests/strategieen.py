"""Hypothesis strategies for valid case files, derived from the case model itself."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel

from kennisbank.casus import Beleid, Eigenaar, Initiatief, Locatie, Markt, Pand
from kennisbank.domein import Locatietype, Werkfunctie


def _kern(annotatie: Any) -> Any:
    """Strip Optional and the validation markers (Annotated) from an annotation."""
    if typing.get_origin(annotatie) in (typing.Union, types.UnionType):
        delen = [a for a in typing.get_args(annotatie) if a is not type(None)]
        annotatie = delen[0] if len(delen) == 1 else typing.Union[tuple(delen)]  # noqa: UP007
    if typing.get_origin(annotatie) is typing.Annotated:
        return typing.get_args(annotatie)[0]
    return annotatie


def _waarden(annotatie: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    annotatie = _kern(annotatie)
    oorsprong = typing.get_origin(annotatie)
    if oorsprong in (typing.Union, types.UnionType):
        return st.one_of(*(_waarden(a, metadata) for a in typing.get_args(annotatie)))
    if oorsprong is typing.Literal:
        return st.sampled_from(typing.get_args(annotatie))
    if isinstance(annotatie, type) and issubclass(annotatie, enum.Enum):
        return st.sampled_from([w.value for w in annotatie])
    grenzen: dict[str, Any] = {}
    for m in metadata:
        if isinstance(m, annotated_types.Gt):
            grenzen["min_value"], grenzen["exclude_min"] = m.gt, True
        if isinstance(m, annotated_types.Ge):
            grenzen["min_value"] = m.ge
        if isinstance(m, annotated_types.Le):
            grenzen["max_value"] = m.le
    if annotatie is bool:
        return st.booleans()
    if annotatie is int:
        return st.integers(grenzen.get("min_value"), grenzen.get("max_value"))
    if annotatie is float:
        return st.floats(allow_nan=False, allow_infinity=False, **grenzen)
    if annotatie is str:
        return st.text(max_size=20)
    raise TypeError(f"geen strategie voor {annotatie!r}")


def sectie(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """A dict for one section: each fact absent, null, or a valid value."""
    velden: dict[str, st.SearchStrategy[Any]] = {}
    for naam, info in model.model_fields.items():
        if naam == "ook_locatietypen":
            continue  # depends on the primary location type: see locatie()
        if naam == "omgevingsplan":
            velden[naam] = st.dictionaries(
                st.sampled_from([w.value for w in Werkfunctie]),
                st.sampled_from(["toegestaan", "afwijking_nodig", "niet_toegestaan"]))
        else:
            velden[naam] = st.one_of(st.none(), _waarden(info.annotation, info.metadata))
    return st.fixed_dictionaries({}, optional=velden)


@st.composite
def locatie(draw: st.DrawFn) -> dict[str, Any]:
    """A location section; beside a matrix type, sometimes further types that also fit
    (other types, no repeats), as an advisor may name them."""
    data = draw(sectie(Locatie))
    primair = data.get("locatietype")
    if primair in {lt.value for lt in Locatietype} and draw(st.booleans()):
        andere = [lt.value for lt in Locatietype if lt.value != primair]
        data["ook_locatietypen"] = draw(st.lists(st.sampled_from(andere), min_size=1,
                                                 max_size=2, unique=True))
    return data


def casusdata() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True),
         "gemeente": st.sampled_from(["Rotterdam", "Den Haag", "Utrecht"])},
        optional={"pand": sectie(Pand), "locatie": locatie(), "beleid": sectie(Beleid),
                  "eigenaar": sectie(Eigenaar), "markt": sectie(Markt),
                  "initiatief": sectie(Initiatief)},
    )
