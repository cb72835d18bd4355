"""A gemeente's own policy as an overlay on the rule tables: cells and rows, each with its source.

A variant is a YAML file, no code. Each change names a place in a table of the rules directory
(``matrix.cellen.moderne_makers.aanloopstraat``, ``profielen.profielen.moderne_makers.eisen.
huur.voldaan.max``; a row in a list by its ``id`` or ``factor``), gives the new value (or a new
row for a list), and cites the local policy document it comes from. Applying a variant builds new
tables from the files' contents; the tables of the rules directory itself are never changed, so
an evaluation with and one without a variant can run in one process.

Which conclusions a change touches is read from the trace: a conclusion of a rule firing that
matched or concluded the fact standing for the changed row (the matrix cell as ``Matrixscore``,
a profile row as ``Profielregel``/``Eistoets``/``Locatietoets``, a barrier as ``Drempel``, …)
cites the change's source beside the guide's passage.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kennisbank.fouten import InvoerFout, dutch_melding, uit_validatiefout, veldpad
from kennisbank.tabellen import TABELLEN
from kennisbank.yamlbestand import lees_yaml

if TYPE_CHECKING:
    from kennisbank.engine import Evaluatie

#: The tables a variant may change: those whose rows the trace can follow to a conclusion.
WIJZIGBARE_TABELLEN = ("matrix", "profielen", "levendigheid", "overlast", "drempels")

#: Fields by which a row in a list of rows is named in a path.
RIJSLEUTELS = ("id", "factor")


class _Streng(BaseModel):
    # Built when a variant is first read: a command without --variant never validates one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Lokalebron(_Streng):
    """The local policy document a change comes from."""

    titel: str = Field(min_length=3, description="Titel van het lokale beleidsdocument.")
    datum: datetime.date = Field(description="Datum van vaststelling of publicatie (JJJJ-MM-DD).")
    link: str = Field(pattern=r"^https?://\S+$", description="Waar het document te vinden is.")

    @property
    def label(self) -> str:
        return f"lokaal beleid: {self.titel} ({self.datum.isoformat()})"


class Wijziging(_Streng):
    """One change: a place in a table and its new value, or a new row for a list of rows."""

    pad: str = Field(pattern=r"^[a-z0-9_]+(\.[^.\s]+)+$",
                     description="Tabel en plaats, met punten: tabel.veld.sleutel…; een rij in "
                                 "een lijst heet naar haar id (of factor).")
    waarde: Any = Field(default=None, description="De nieuwe waarde van een cel, veld of rij.")
    nieuwe_rij: dict[str, Any] | None = Field(
        default=None, description="Een nieuwe rij voor de lijst die het pad noemt.")
    bron: Lokalebron
    toelichting: str | None = None

    @model_validator(mode="after")
    def _een_soort(self) -> Wijziging:
        heeft_waarde = "waarde" in self.model_fields_set
        if heeft_waarde == (self.nieuwe_rij is not None):
            raise ValueError("een wijziging heeft precies één van 'waarde' en 'nieuwe_rij'")
        if heeft_waarde and self.waarde is None:
            raise ValueError("'waarde' is leeg; een variant wist geen cellen")
        return self


class Variant(_Streng):
    naam: str = Field(min_length=3)
    gemeente: str = Field(min_length=1)
    illustratief: bool = Field(description="true: een voorbeeld, geen vastgesteld beleid.")
    omschrijving: str | None = None
    wijzigingen: list[Wijziging] = Field(min_length=1)


@dataclass(frozen=True)
class Spoorsleutel:
    """A fact in the trace that stands for a changed row: its type and the fields it has."""

    soort: str
    velden: tuple[tuple[str, str], ...]

    def past_op(self, feit: Any) -> bool:
        return type(feit).__name__ == self.soort and all(
            feit.get(k) == v for k, v in self.velden)


@dataclass(frozen=True)
class ToegepasteWijziging:
    """A change as applied: the value it replaced (None for a new row) and the facts in the
    trace that stand for its row."""

    wijziging: Wijziging
    oud: Any
    sleutels: tuple[Spoorsleutel, ...]

    def als_dict(self) -> dict[str, Any]:
        w = self.wijziging
        return {"pad": w.pad, "oud": self.oud,
                "nieuw": w.nieuwe_rij if w.nieuwe_rij is not None else w.waarde,
                "bron": w.bron.model_dump(mode="json"), "toelichting": w.toelichting}


@dataclass(frozen=True)
class GeladenVariant:
    """A validated variant: its file, its content, the tables it builds and what it touches."""

    bestand: Path
    variant: Variant
    tabellen: dict[str, BaseModel]
    wijzigingen: tuple[ToegepasteWijziging, ...]
    vingerafdruk: str

    @property
    def naam(self) -> str:
        return self.variant.naam


def laad_variant(bestand: Path, regelmap: Path) -> GeladenVariant:
    """Read, validate and apply a variant to the tables of ``regelmap``; errors are one line."""
    data = lees_yaml(bestand)
    try:
        variant = Variant.model_validate(data)
    except ValidationError as fout:
        raise uit_validatiefout(bestand, fout) from None
    ruw: dict[str, Any] = {}
    modellen: dict[str, BaseModel] = {}
    toegepast = []
    for nummer, wijziging in enumerate(variant.wijzigingen):
        plaats = f"wijzigingen[{nummer}] ({wijziging.pad})"
        tabel, *delen = wijziging.pad.split(".")
        if tabel not in TABELLEN:
            raise InvoerFout(bestand, f"geen tabel {tabel!r} (tabellen: "
                                      f"{', '.join(TABELLEN)})", plaats)
        if tabel not in WIJZIGBARE_TABELLEN:
            raise InvoerFout(bestand, f"tabel {tabel!r} kan een variant niet wijzigen (wel: "
                                      f"{', '.join(WIJZIGBARE_TABELLEN)})", plaats)
        bestandsnaam, model = TABELLEN[tabel]
        if tabel not in ruw:
            ruw[tabel] = lees_yaml(regelmap / bestandsnaam)
        try:
            oud, sleutels = _pas_toe(ruw[tabel], tabel, delen, wijziging)
            modellen[tabel] = model.model_validate(copy.deepcopy(ruw[tabel]))
        except _Padfout as fout:
            raise InvoerFout(bestand, str(fout), plaats) from None
        except ValidationError as fout:
            raise InvoerFout(bestand, _eerste_fout(fout), plaats) from None
        except ValueError as fout:
            raise InvoerFout(bestand, str(fout), plaats) from None
        toegepast.append(ToegepasteWijziging(wijziging, oud, sleutels))
    afdruk = hashlib.sha256(json.dumps(variant.model_dump(mode="json"), sort_keys=True,
                                       ensure_ascii=False).encode()).hexdigest()[:16]
    return GeladenVariant(bestand, variant, modellen, tuple(toegepast), afdruk)


class _Padfout(Exception):
    pass


def _eerste_fout(fout: ValidationError) -> str:
    """The table's own message for the first thing the change broke."""
    eerste = fout.errors(include_url=False)[0]
    locatie = tuple(d for d in eerste["loc"] if isinstance(d, int | str))
    melding = dutch_melding(eerste, locatie)
    plaats = veldpad(locatie)
    return f"{plaats}: {melding}" if plaats else melding


def _benoemd(lijst: list[Any]) -> bool:
    """Whether the rows of a list carry a name (``id``, ``factor``) to be found by."""
    return any(isinstance(rij, dict) and any(s in rij for s in RIJSLEUTELS) for rij in lijst)


def _rij_in(lijst: list[Any], naam: str) -> int | None:
    """A row by its name; in a list of unnamed rows (a barrier signal's ``rijen``), by its
    position counted from 0."""
    if not _benoemd(lijst):
        return int(naam) if naam.isdigit() and int(naam) < len(lijst) else None
    for index, rij in enumerate(lijst):
        if isinstance(rij, dict) and any(str(rij.get(s)) == naam for s in RIJSLEUTELS
                                         if s in rij):
            return index
    return None


def _zelfde_soort(oud: Any, nieuw: Any) -> bool:
    """A cell keeps its kind: a number stays a number, a text a text, yes/no stays yes/no."""
    if isinstance(oud, bool) or isinstance(nieuw, bool):
        return isinstance(oud, bool) and isinstance(nieuw, bool)
    if isinstance(oud, int | float):
        return isinstance(nieuw, int | float)
    if isinstance(oud, str):
        return isinstance(nieuw, str)
    if isinstance(oud, dict):
        return isinstance(nieuw, dict)
    if isinstance(oud, list):
        return isinstance(nieuw, list)
    return True


def _soortnaam(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "ja/nee"
    if isinstance(waarde, int | float):
        return "een getal"
    if isinstance(waarde, str):
        return "een tekst"
    if isinstance(waarde, dict):
        return "een rij (velden)"
    if isinstance(waarde, list):
        return "een lijst"
    return type(waarde).__name__


def _pas_toe(data: Any, tabel: str, delen: list[str],
             wijziging: Wijziging) -> tuple[Any, tuple[Spoorsleutel, ...]]:
    """Change ``data`` in place; return the replaced value and the facts that stand for the
    changed row."""
    sleutels = _spoorsleutels(tabel, delen, wijziging)
    if not sleutels:
        raise _Padfout("dit is geen cel of rij die de regels per casus lezen; een variant "
                       "wijzigt alleen cellen en rijen (matrixcellen, profielrijen, "
                       "levendigheid, overlastfactoren, drempels)")
    houder = data
    for diepte, deel in enumerate(delen[:-1]):
        houder = _stap(houder, deel, ".".join(delen[:diepte + 1]))
    laatste = delen[-1]
    if wijziging.nieuwe_rij is not None:
        lijst = _stap(houder, laatste, ".".join(delen))
        if not isinstance(lijst, list):
            raise _Padfout("'nieuwe_rij' hoort bij een lijst van rijen")
        naam = next((str(wijziging.nieuwe_rij[s]) for s in RIJSLEUTELS
                     if s in wijziging.nieuwe_rij), None)
        if naam is None and _benoemd(lijst):
            raise _Padfout("een nieuwe rij heeft een 'id'")
        if naam is not None and _benoemd(lijst) and _rij_in(lijst, naam) is not None:
            raise _Padfout(f"er is al een rij {naam!r}; wijzig haar met 'waarde'")
        lijst.append(copy.deepcopy(wijziging.nieuwe_rij))
        return None, sleutels
    if isinstance(houder, list):
        index = _rij_in(houder, laatste)
        if index is None:
            raise _Padfout(f"geen rij {laatste!r} in {'.'.join(delen[:-1])}")
        oud = houder[index]
        if not _zelfde_soort(oud, wijziging.waarde):
            raise _Padfout(f"verwacht {_soortnaam(oud)}, niet {_soortnaam(wijziging.waarde)}")
        houder[index] = copy.deepcopy(wijziging.waarde)
        return oud, sleutels
    if not isinstance(houder, dict):
        raise _Padfout(f"{'.'.join(delen[:-1])} is een waarde, geen rij")
    oud = houder.get(laatste)
    if laatste in houder and not _zelfde_soort(oud, wijziging.waarde):
        raise _Padfout(f"verwacht {_soortnaam(oud)}, niet {_soortnaam(wijziging.waarde)}")
    # A field the row leaves out (an 'aanname', a bound) may be given; the table's model
    # refuses a name it does not know.
    houder[laatste] = copy.deepcopy(wijziging.waarde)
    if tabel == "levendigheid" and laatste == "niveau":
        # The guide's words read the guide's level; under the variant's level the output reads
        # that level, unless the variant gives its own reading.
        houder.pop("lezing", None)
        houder.pop("lezing_onbekend", None)
    return copy.deepcopy(oud), sleutels


def _stap(houder: Any, deel: str, tot_hier: str) -> Any:
    if isinstance(houder, dict):
        if deel not in houder:
            raise _Padfout(f"{tot_hier} bestaat niet in de tabel")
        return houder[deel]
    if isinstance(houder, list):
        index = _rij_in(houder, deel)
        if index is None:
            raise _Padfout(f"{tot_hier}: geen rij met id {deel!r}" if _benoemd(houder)
                           else f"{tot_hier}: geen rij {deel!r} (tel vanaf 0)")
        return houder[index]
    raise _Padfout(f"{tot_hier} is een waarde, geen rij")


def _sleutel(soort: str, **velden: str) -> Spoorsleutel:
    return Spoorsleutel(soort, tuple(sorted(velden.items())))


_LIJSTEN = {"eisen": ("eis", "Eistoets", "eis"), "wel": ("wel", "Locatietoets", "item"),
            "niet": ("niet", "Locatietoets", "item")}


def _spoorsleutels(tabel: str, delen: list[str],
                   wijziging: Wijziging) -> tuple[Spoorsleutel, ...]:
    """The facts in the trace that stand for the row a path names (empty: not a row)."""
    rij = list(delen)
    if wijziging.nieuwe_rij is not None:
        naam = next((str(wijziging.nieuwe_rij[s]) for s in RIJSLEUTELS
                     if s in wijziging.nieuwe_rij), "")
        rij.append(naam)
    if tabel == "matrix" and len(rij) >= 3 and rij[0] == "cellen":
        return (_sleutel("Matrixscore", werkfunctie=rij[1], locatietype=rij[2]),)
    if tabel == "matrix" and len(rij) >= 2 and rij[0] == "legenda":
        return (_sleutel("Matrixscore", symbool=rij[1]),)
    if tabel == "profielen" and len(rij) >= 4 and rij[0] == "profielen" and rij[2] in _LIJSTEN:
        functie, lijst, item = rij[1], rij[2], rij[3]
        naam, toets, veld = _LIJSTEN[lijst]
        extra = {} if lijst == "eisen" else {"lijst": naam}
        return (_sleutel("Profielregel", werkfunctie=functie, lijst=naam, item=item),
                _sleutel(toets, werkfunctie=functie, **{veld: item}, **extra))
    if tabel == "levendigheid" and len(rij) >= 3 and rij[0] == "functies" \
            and rij[2] in ("dag", "avond"):
        return (_sleutel("Levendigheid", werkfunctie=rij[1], dagdeel=rij[2]),)
    if tabel == "overlast" and len(rij) >= 3 and rij[0] == "functies":
        return (_sleutel("Overlastfactor", werkfunctie=rij[1], factor=rij[2]),)
    if tabel == "drempels" and len(rij) >= 2 and rij[0] == "drempels":
        return tuple(_sleutel(soort, drempel=rij[1])
                     for soort in ("Drempel", "Drempelkenmerken", "Drempelaanpak"))
    return ()


# --- Which conclusions a variant touches -------------------------------------------------------

def lokale_bronnen(evaluatie: Evaluatie, variant: GeladenVariant | None
                   ) -> dict[int, list[Wijziging]]:
    """Per concluded fact (by id): the changes whose row the firing that concluded it read."""
    if variant is None:
        return {}
    per_feit: dict[int, list[Wijziging]] = {}
    for vuring in evaluatie.spoor:
        gelezen = [*vuring.feiten, *vuring.conclusies]
        geraakt = [t for t in variant.wijzigingen
                   if any(s.past_op(f) for s in t.sleutels for f in gelezen)]
        for conclusie in vuring.conclusies if geraakt else ():
            eigen = per_feit.setdefault(conclusie["__factid__"], [])
            for toegepast in geraakt:
                # A conclusion that stands for a row itself (one overlast factor, one day
                # part) rests only on a change of that row, not on its siblings of one firing.
                soorten = {s.soort for s in toegepast.sleutels}
                if type(conclusie).__name__ in soorten and not any(
                        s.past_op(conclusie) for s in toegepast.sleutels):
                    continue
                if toegepast.wijziging not in eigen:
                    eigen.append(toegepast.wijziging)
    return {feit: wijzigingen for feit, wijzigingen in per_feit.items() if wijzigingen}


# --- What a variant changes in the matrix of 1.4 -----------------------------------------------

@dataclass(frozen=True)
class Matrixwijziging:
    """A change of the matrix: a cell (function × location type) or a legend entry (symbol)."""

    nummer: int
    toegepast: ToegepasteWijziging
    werkfunctie: str | None = None
    locatietype: str | None = None
    symbool: str | None = None

    def als_dict(self) -> dict[str, Any]:
        plaats = ({"werkfunctie": self.werkfunctie, "locatietype": self.locatietype}
                  if self.symbool is None else {"symbool": self.symbool})
        return {"nummer": self.nummer, **plaats, **self.toegepast.als_dict()}


def matrixwijzigingen(variant: GeladenVariant | None) -> list[Matrixwijziging]:
    """The variant's changes of the matrix, numbered in the order the variant lists them (the
    variant's own order, so a note number is the same in text and JSON)."""
    if variant is None:
        return []
    gevonden: list[Matrixwijziging] = []
    for toegepast in variant.wijzigingen:
        tabel, *delen = toegepast.wijziging.pad.split(".")
        if tabel != "matrix":
            continue
        nummer = len(gevonden) + 1
        if delen[0] == "cellen":
            gevonden.append(Matrixwijziging(nummer, toegepast, werkfunctie=delen[1],
                                            locatietype=delen[2]))
        else:  # a legend entry: the only other place of the matrix a variant may change
            gevonden.append(Matrixwijziging(nummer, toegepast, symbool=delen[1]))
    return gevonden
