"""What a rule module in rules/ may use: fact types, the ``regel`` decorator and its context.

A rule is a function decorated with ``@regel(id, *patterns, bron=...)``. Its docstring's first
line is the rule's plain-Dutch description. It receives a :class:`Regelcontext` and the names
its patterns bound; it concludes by declaring facts through the context, which stamps each
conclusion with the rule id and records, for the trace, every case fact the rule read.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, overload

from kennisbank.domein import BRONNEN, Oordeel
from kennisbank.experta_compat import AS, MATCH, NOT, TEST, Fact, GewoonFeit, Rule, een_van

__all__ = [
    "AS",
    "MATCH",
    "NOT",
    "TEST",
    "Aanname",
    "Checklistvraag",
    "Drempel",
    "Drempelaanpak",
    "Drempelkenmerken",
    "Eindoordeel",
    "Eistoets",
    "Fase",
    "Gemeenteadvies",
    "Gemeentestap",
    "Gevraagd",
    "Integralevraag",
    "Kenmerk",
    "Levendigheid",
    "Locatietoets",
    "Matrixscore",
    "OpenVraag",
    "Organisatieadvies",
    "Overlastfactor",
    "Overlastrisico",
    "Overlastversterker",
    "Profielregel",
    "Oordeelgrens",
    "Reden",
    "Regelcontext",
    "RegelMeta",
    "Veld",
    "Voorwaarde",
    "een_van",
    "regel",
    "meta_van",
    "geldt_per_functie",
    "tabelpad",
    "velden",
    "vermelding",
]


# --- Declared fields --------------------------------------------------------------------------

V = TypeVar("V")


class Veld(Generic[V]):
    """A declared field of a fact type, read as an attribute (``drempel.tekst``).

    experta keeps a fact's contents in the dict it is; a field declared here names one key of
    that dict and its type, so the fields of every fact type stand in one place and code outside
    this module reads attributes instead of string keys. An optional field (``str | None``)
    reads as None when a fact does not carry it.
    """

    def __set_name__(self, eigenaar: type, naam: str) -> None:
        self.naam = naam

    @overload
    def __get__(self, feit: None, eigenaar: type) -> Veld[V]: ...

    @overload
    def __get__(self, feit: Fact, eigenaar: type) -> V: ...

    def __get__(self, feit: Fact | None, eigenaar: type) -> V | Veld[V]:
        if feit is None:
            return self
        # Read some thousands of times per evaluation: the value as stored, without a cast call.
        return dict.get(feit, self.naam)  # type: ignore[return-value]


def velden(soort: type[Fact]) -> tuple[str, ...]:
    """The declared fields of a fact type, in declaration order."""
    return tuple(naam for klasse in reversed(soort.__mro__) for naam, waarde in vars(klasse).items()
                 if isinstance(waarde, Veld))


def vermelding(feit: Fact) -> tuple[str | None, str | None]:
    """The section key and passage a fact cites, where its type declares them."""
    return getattr(feit, "bron", None), getattr(feit, "citaat", None)


# --- Facts the engine declares from the case -------------------------------------------------

class Kenmerk(GewoonFeit):
    """One fact of the case: ``pad`` (e.g. pand.oppervlakte_m2), ``waarde``; None = unknown."""

    pad = Veld[str]()
    waarde = Veld[Any]()


class Gevraagd(GewoonFeit):
    """A werkfunctie the advisor asked to evaluate: ``werkfunctie``."""

    werkfunctie = Veld[str]()


# --- Intermediate conclusions (Part 1) --------------------------------------------------------

class Profielregel(GewoonFeit):
    """A row of a function profile to test: ``werkfunctie``, ``lijst`` (eis/wel/niet), ``item``."""

    werkfunctie = Veld[str]()
    lijst = Veld[str]()
    item = Veld[str]()
    bron = Veld[str]()


class Matrixscore(GewoonFeit):
    """The matrix cell for a function here: ``werkfunctie``, ``locatietype``, ``symbool``."""

    werkfunctie = Veld[str]()
    locatietype = Veld[str]()
    symbool = Veld[str]()


class Eistoets(GewoonFeit):
    """A profile requirement tested: ``werkfunctie``, ``eis``, ``thema``, ``uitkomst``."""

    werkfunctie = Veld[str]()
    eis = Veld[str]()
    thema = Veld[str]()
    effect = Veld[str]()
    uitkomst = Veld[str]()


class Locatietoets(GewoonFeit):
    """A Wél/Niet location entry tested: ``werkfunctie``, ``lijst``, ``item``, ``uitkomst``."""

    werkfunctie = Veld[str]()
    lijst = Veld[str]()
    item = Veld[str]()
    uitkomst = Veld[str]()


# --- Conclusions that end up in the advies ----------------------------------------------------

class Oordeelgrens(GewoonFeit):
    """The verdict can be at most ``oordeel`` for ``werkfunctie``, because of ``tekst``."""

    werkfunctie = Veld[str]()
    oordeel = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()
    #: What lifts this ceiling, where the owner can do it (a Niet-row that names its own remedy):
    #: it is also a condition, so a question whose answer counts once it is met is still asked.
    opheffing = Veld[str | None]()


class Reden(GewoonFeit):
    """A reason that does not limit the verdict (a plus or minus point)."""

    werkfunctie = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Voorwaarde(GewoonFeit):
    """A condition under which the function fits; any condition caps the verdict."""

    werkfunctie = Veld[str]()
    tekst = Veld[str]()
    thema = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()
    #: Where a known fact falls short of what the profile asks (no lift): that shortfall as a
    #: reason, said instead of the condition where nothing listed can lift the verdict.
    tekort = Veld[str | None]()


class OpenVraag(GewoonFeit):
    """A question to ask because an unknown fact matters: ``vraag``, ``kenmerk``."""

    werkfunctie = Veld[str]()
    vraag = Veld[str]()
    kenmerken = Veld[tuple[str, ...]]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()
    drempel = Veld[str | None]()


class Aanname(GewoonFeit):
    """An assumption a rule made where the guide is silent or vague."""

    werkfunctie = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()


class Levendigheid(GewoonFeit):
    """Contribution to liveliness per ``dagdeel``: the level, the guide's reading, the text."""

    werkfunctie = Veld[str]()
    dagdeel = Veld[str]()
    niveau = Veld[str]()
    lezing = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Eindoordeel(GewoonFeit):
    """The verdict for ``werkfunctie``: the lowest ceiling; any condition caps it."""

    werkfunctie = Veld[str]()
    oordeel = Veld[str]()


# --- Part 2: overlast and barriers ------------------------------------------------------------

class Overlastfactor(GewoonFeit):
    """A source of nuisance of a function: ``factor``, ``niveau`` (laag/midden/hoog), ``tekst``."""

    werkfunctie = Veld[str]()
    factor = Veld[str]()
    niveau = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Overlastversterker(GewoonFeit):
    """Context that amplifies nuisance (2.D1): ``id``, ``aanwezig`` (ja/onbekend), ``tekst``."""

    id = Veld[str]()
    aanwezig = Veld[str]()
    pad = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Overlastrisico(GewoonFeit):
    """The nuisance risk of ``werkfunctie`` here: ``risico`` laag/midden/hoog."""

    werkfunctie = Veld[str]()
    risico = Veld[str]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()


class Drempel(GewoonFeit):
    """Barrier ``drempel`` for ``werkfunctie`` because of ``tekst`` (one fact per reason).

    ``sterkte`` is ``speelt`` when facts of the case trigger it, ``aandachtspunt`` when only a
    context holds in which the guide says it mostly plays.
    """

    werkfunctie = Veld[str]()
    drempel = Veld[str]()
    tekst = Veld[str]()
    sterkte = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Drempelkenmerken(GewoonFeit):
    """The catalogue entry of a barrier, per ``sterkte``: ``beinvloedbaarheid``, ``citaat`` …"""

    werkfunctie = Veld[str]()
    drempel = Veld[str]()
    sterkte = Veld[str]()
    beinvloedbaarheid = Veld[str]()
    toelichting = Veld[str]()
    thema = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Drempelaanpak(GewoonFeit):
    """A numbered approach of a barrier that applies in this case."""

    werkfunctie = Veld[str]()
    drempel = Veld[str]()
    nummer = Veld[int]()
    titel = Veld[str]()
    tekst = Veld[str]()
    onzeker = Veld[bool]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


# --- Parts 1.6, 3 and 4: what the gemeente can do ---------------------------------------------

class Gemeenteadvies(GewoonFeit):
    """The message for the gemeente per ``werkfunctie``: ``boodschap``, ``sturing``, ``rollen``."""

    werkfunctie = Veld[str]()
    boodschap = Veld[str]()
    tekst = Veld[str]()
    sturing = Veld[tuple[str, ...]]()
    rollen = Veld[tuple[str, ...]]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Gemeentestap(GewoonFeit):
    """One step for the gemeente: instrument direction and role for a barrier or context."""

    werkfunctie = Veld[str]()
    aanleiding = Veld[str]()
    sturing = Veld[str]()
    rollen = Veld[tuple[str, ...]]()
    tekst = Veld[str]()
    beinvloedbaarheid = Veld[str | None]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Organisatieadvies(GewoonFeit):
    """An element of 4.2 or 4.4 for the gemeente: ``punt``, ``status`` (aanwezig/ontbreekt/…)."""

    punt = Veld[str]()
    tekst = Veld[str]()
    status = Veld[str]()
    pad = Veld[str | None]()
    aanname = Veld[str | None]()
    afgeleid_uit = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Integralevraag(GewoonFeit):
    """One of the three integral questions of 4.3 for ``werkfunctie``, with what is known."""

    werkfunctie = Veld[str]()
    vraag = Veld[str]()
    bekend = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()
    citaat = Veld[str]()


class Checklistvraag(GewoonFeit):
    """A question of the Part 3 checklist: answered by the case facts or still open."""

    item = Veld[int]()
    groep = Veld[str]()
    titel = Veld[str]()
    fase = Veld[str]()
    fasenaam = Veld[str]()
    vraag = Veld[str]()
    kenmerken = Veld[tuple[str, ...]]()
    voldaan = Veld[bool | None]()
    status = Veld[str]()
    aanleiding = Veld[str | None]()
    tekst = Veld[str]()
    regel = Veld[str]()
    bron = Veld[str]()


class Fase(IntEnum):
    """When a rule may fire, by name: a later phase fires only when nothing earlier is pending.

    Within a phase the newest facts go first (depth-first), then the rule order of the rule
    base. Rules that read a snapshot of earlier conclusions (the verdict, the overlast risk,
    the advice) rely on their phase: everything they read is concluded in an earlier phase.
    The numbers are experta's salience; only their order matters.
    """

    KLAARZETTEN = 40  # prepare: the profile rows to test
    TOETSEN = 0  # test: requirements, locations, liveliness, barriers from case facts
    OVERLASTRISICO = -5  # combine the nuisance factors and amplifiers into one risk
    MATRIX = -10  # the matrix cell as a first direction, read with the tested Wél/Niet-rows
    AFLEIDEN = -20  # detect from earlier conclusions (or their absence): derived barriers
    DREMPELKENMERKEN = -30  # after every barrier: its catalogue entry and approaches
    CONCLUDEREN = -40  # conclude: the verdict is the lowest ceiling, after all ceilings
    ADVISEREN = -50  # advise: what the gemeente can do, given the verdict and barriers


@dataclass(frozen=True)
class RegelMeta:
    """What the output and the coverage report need to know about a rule."""

    id: str
    omschrijving: str
    bronnen: tuple[str, ...]
    citaat: str
    aanname: str | None
    module: str
    fase: Fase
    volgorde: int = 0

    @property
    def bron(self) -> str:
        """The rule's main section key; conclusions may cite a more specific row's bron."""
        return self.bronnen[0]


INITIATIEF_FUNCTIE = "initiatief.werkfunctie"


def geldt_per_functie(pad: str) -> bool:
    """A fact of the initiative holds only for the initiative's own werkfunctie."""
    return pad.startswith("initiatief.") and pad != INITIATIEF_FUNCTIE


#: ``geldt_per_functie`` per path, asked some four hundred times per evaluation.
_PER_FUNCTIE: dict[str, bool] = {}


class Kenmerkwaarden(dict[str, Any]):
    """The case's values by path as they hold for one function (``kenmerkwaarden``)."""

    def __missing__(self, pad: str) -> Any:
        raise KeyError(f"onbekend kenmerk {pad!r}")


def kenmerkwaarden(kenmerkfeiten: Mapping[str, Fact],
                   werkfuncties: Iterable[str]) -> dict[str, Kenmerkwaarden]:
    """Per function the case's values by path as ``Regelcontext.kenmerk_voor`` reads them:
    where the initiative names another function, its use facts are unknown. A brief
    evaluation's criteria read these (some 360 times per evaluation) without a Python call
    per value, since it records no reads."""
    waarden = {pad: feit["waarde"] for pad, feit in kenmerkfeiten.items()}
    eigen = waarden.get(INITIATIEF_FUNCTIE)
    per_functie = [pad for pad in waarden if geldt_per_functie(pad)]
    uitkomst: dict[str, Kenmerkwaarden] = {}
    for werkfunctie in werkfuncties:
        voor_functie = uitkomst[werkfunctie] = Kenmerkwaarden(waarden)
        if eigen is not None and eigen != werkfunctie:
            voor_functie.update(dict.fromkeys(per_functie))
    return uitkomst


def regelfunctie(experta_regel: Rule) -> Callable[..., None]:
    """The function a rule made with :func:`regel` runs (for reading its code)."""
    functie: Callable[..., None] = experta_regel._wrapped.regelfunctie[0]
    return functie


class Werkgeheugen(Protocol):
    """What a firing rule may see of the engine: case facts, facts by type, and declaring."""

    @property
    def kenmerkfeiten(self) -> Mapping[str, Fact]: ...

    def feiten_van(self, soort: type[Fact], **velden: Any) -> list[Fact]: ...

    def conclusie(self, feit: Fact) -> Fact | None: ...

    def zet_klaar(self, feit: Fact) -> None: ...

    @property
    def waarden_per_functie(self) -> Mapping[str, Mapping[str, Any]]: ...


def meta_van(experta_regel: Rule) -> RegelMeta | None:
    """The metadata of a rule made with :func:`regel`, or None for any other experta rule."""
    return getattr(experta_regel._wrapped, "kennisbank", None)


def tabelpad(modulebestand: str, naam: str) -> Path:
    """Path of a data table that lives next to the rule module that reads it."""
    return Path(modulebestand).with_name(naam)


def _controleer_bron(bron: str, waar: str) -> None:
    if bron not in BRONNEN:
        raise ValueError(f"{waar}: onbekende bron {bron!r} (zie shared/handreiking/README.md)")


def _actie(engine: object, **gebonden: Any) -> None:
    """The shape of the function experta's Rule wraps (see ``regel``)."""


#: experta reads the wrapped function's signature each time it rebuilds a Rule (some ten times
#: per rule while the matcher prepares the rule base); given once, it is not worked out again.
_ACTIESIGNATUUR = inspect.signature(_actie)


def regel(regel_id: str, *patronen: Any, citaat: str, bron: str | tuple[str, ...],
          aanname: str | None = None, fase: Fase = Fase.TOETSEN
          ) -> Callable[[Callable[..., None]], Rule]:
    """Declare a rule: stable id, experta patterns, the passage and section key(s) it encodes."""
    bronnen = (bron,) if isinstance(bron, str) else tuple(bron)
    for sleutel in bronnen:
        _controleer_bron(sleutel, regel_id)

    def maak(functie: Callable[..., None]) -> Rule:
        doc = inspect.getdoc(functie)
        if not doc:
            raise ValueError(f"regel {regel_id}: een regel heeft een docstring van één regel")
        parameters = set(inspect.signature(functie).parameters) - {"ctx"}

        def actie(engine: object, **gebonden: Any) -> None:
            raise RuntimeError(f"regel {regel_id} vuurt alleen binnen de kennisbank-motor")

        actie.__signature__ = _ACTIESIGNATUUR  # type: ignore[attr-defined]
        # experta rebuilds Rule objects while compiling its network but keeps the wrapped
        # function, so the metadata and the rule's own function live on it. The engine's run
        # loop calls that function with a Regelcontext; experta never calls ``actie``.
        actie.regelfunctie = (functie, frozenset(parameters))  # type: ignore[attr-defined]
        actie.kennisbank = RegelMeta(  # type: ignore[attr-defined]
            id=regel_id,
            omschrijving=doc.splitlines()[0],
            bronnen=bronnen,
            citaat=citaat,
            aanname=aanname,
            module=functie.__module__,
            fase=fase,
        )
        return Rule(*patronen, salience=int(fase))(actie)

    return maak


class Regelcontext:
    """Handed to a firing rule: reads case facts (recorded) and declares conclusions (stamped).

    In a brief evaluation (``beknopt``, for output that shows no trace and no assumptions, such
    as a scan's rows) it records no reads and concludes no assumptions."""

    # One context per firing, some 225 per evaluation: fixed slots are quicker to make and read.
    __slots__ = ("_motor", "_kenmerkfeit", "_declareer", "meta", "_beknopt", "gelezen",
                 "conclusies", "_aanname_gemeld")

    def __init__(self, motor: Werkgeheugen, meta: RegelMeta, beknopt: bool = False):
        self._motor = motor
        self._kenmerkfeit = motor.kenmerkfeiten.get
        self._declareer = motor.conclusie
        self.meta = meta
        self._beknopt = beknopt
        #: The facts the firing read, by fact id, in the order first read (storing a fact
        #: again keeps its place: no test whether it was read before); none when brief.
        self.gelezen: dict[int, Fact] = {}
        self.conclusies: list[Fact] = []
        #: The functions this firing already concluded its rule's assumption for (made when
        #: the rule has one).
        self._aanname_gemeld: set[str] | None = None

    def kenmerk(self, pad: str) -> Any:
        """The value of a case fact (None when unknown); the fact is recorded for the trace."""
        feit = self._kenmerkfeit(pad)
        if feit is None:
            raise KeyError(f"regel {self.meta.id}: onbekend kenmerk {pad!r}")
        if not self._beknopt:
            self.gelezen[feit["__factid__"]] = feit  # read some thousand times a run
        return feit["waarde"]

    def kenmerk_voor(self, werkfunctie: str, pad: str) -> Any:
        """A case fact as it holds for one function.

        The initiative describes one werkfunctie; for any other function its use facts
        (evening use, privacy, showroom …) are unknown rather than borrowed.
        """
        per_functie = _PER_FUNCTIE.get(pad)
        if per_functie is None:
            per_functie = _PER_FUNCTIE[pad] = geldt_per_functie(pad)
        if per_functie:
            eigen = self.kenmerk(INITIATIEF_FUNCTIE)
            if eigen is not None and eigen != werkfunctie:
                return None
        return self.kenmerk(pad)

    def lezer(self, werkfunctie: str) -> Callable[[str], Any]:
        """A reader for criteria that sees the case as it holds for ``werkfunctie``."""
        if self._beknopt:  # no reads to record: the values themselves (``kenmerkwaarden``)
            return self._motor.waarden_per_functie[werkfunctie].__getitem__
        # A partial, not a lambda: criteria read through it some 300 times per evaluation.
        return functools.partial(self.kenmerk_voor, werkfunctie)

    def feiten(self, soort: type[Fact], **velden: Any) -> list[Fact]:
        """Facts of one type in working memory with the given fields; recorded as read."""
        gevonden = self._motor.feiten_van(soort, **velden)
        if not self._beknopt:
            gelezen = self.gelezen
            for feit in gevonden:
                gelezen[feit["__factid__"]] = feit
        return gevonden

    def verklaar(self, feit: Fact) -> Fact | None:
        """Declare a conclusion; returns None when an identical fact already existed."""
        nieuw = self._declareer(feit)
        if nieuw is not None:
            self.conclusies.append(nieuw)
        if self.meta.aanname and not self._beknopt:
            # A rule that rests on an assumption says so in every advies it contributes to.
            werkfunctie = feit.get("werkfunctie")
            if werkfunctie and not isinstance(feit, Aanname):
                if self._aanname_gemeld is None:
                    self._aanname_gemeld = set()
                if werkfunctie not in self._aanname_gemeld:
                    self._aanname_gemeld.add(werkfunctie)
                    self.aanname(werkfunctie, self.meta.aanname)
        return nieuw

    def zet_klaar(self, feit: Fact) -> None:
        """Set out a fact that only starts other rules: no rule reads it by type and no output
        shows it (a profile row to test). In the trace it is a conclusion like any other; a
        brief evaluation does not store it (``Motor.zet_klaar``)."""
        if self._beknopt:
            self._motor.zet_klaar(feit)
        else:
            self.verklaar(feit)

    def _bron(self, bron: str | None) -> str:
        """The section key a conclusion cites: the one given (a table row's), else the rule's
        own (checked when the rule was declared). Some 250 conclusions per evaluation are
        stamped, so the rule, source and quote go straight into the fact's fields."""
        if not bron:
            return self.meta.bron
        _controleer_bron(bron, self.meta.id)
        return bron

    def grens(self, werkfunctie: str, oordeel: Oordeel, tekst: str, *, bron: str | None = None,
              citaat: str | None = None, opheffing: str | None = None) -> None:
        self.verklaar(Oordeelgrens(werkfunctie=werkfunctie, oordeel=oordeel.value, tekst=tekst,
                                   regel=self.meta.id, bron=self._bron(bron),
                                   citaat=citaat or "",
                                   **({"opheffing": opheffing} if opheffing else {})))

    def reden(self, werkfunctie: str, tekst: str, *, bron: str | None = None,
              citaat: str | None = None) -> None:
        self.verklaar(Reden(werkfunctie=werkfunctie, tekst=tekst, regel=self.meta.id,
                            bron=self._bron(bron), citaat=citaat or ""))

    def voorwaarde(self, werkfunctie: str, tekst: str, *, bron: str | None = None,
                   citaat: str | None = None, thema: str = "geschiktheid",
                   tekort: str | None = None) -> None:
        self.verklaar(Voorwaarde(werkfunctie=werkfunctie, tekst=tekst, thema=thema,
                                 regel=self.meta.id, bron=self._bron(bron), citaat=citaat or "",
                                 **({"tekort": tekort} if tekort else {})))

    def open_vraag(self, werkfunctie: str, vraag: str, kenmerken: tuple[str, ...], *,
                   bron: str | None = None, drempel: str | None = None) -> None:
        self.verklaar(OpenVraag(werkfunctie=werkfunctie, vraag=vraag, kenmerken=kenmerken,
                                regel=self.meta.id, bron=self._bron(bron), citaat="",
                                **({"drempel": drempel} if drempel else {})))

    def aanname(self, werkfunctie: str, tekst: str) -> None:
        if self._beknopt:
            return
        self.verklaar(Aanname(werkfunctie=werkfunctie, tekst=tekst, regel=self.meta.id,
                              bron=self.meta.bron))
