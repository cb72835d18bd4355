"""Decision tables that live next to the rules that read them, validated on load.

A table is YAML written by people; every entry carries the section key (``bron``) it comes from
and, where it paraphrases the guide, the exact words (``citaat``). Loading checks the shape, that
every bron exists, and that every criterion reads a fact path the case model knows.
"""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from its text at import (together about 7 ms of start-up for the case, table
# and output models).
import contextlib
import contextvars
import re
import typing
from pathlib import Path
from typing import Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kennisbank import schijfcache
from kennisbank.casus import kenmerkpaden
from kennisbank.criteria import Criterium
from kennisbank.domein import BRONNEN, DrempelId, Locatietype, Oordeel, Werkfunctie
from kennisbank.fouten import InvoerFout, uit_validatiefout
from kennisbank.yamlbestand import lees_yaml

T = TypeVar("T", bound=BaseModel)

Symbool = Literal["+++", "++", "+", "×"]
Niveau = Literal["sterk", "duidelijk", "beperkt", "gering"]


class Tabelrij(BaseModel):
    # Built on first validation: a table read from the cache (kennisbank.schijfcache) is never
    # validated, so a run that finds its tables there skips building the validators too.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)


def dekt_alle_functies(naam: str, per_functie: typing.Mapping[Werkfunctie, Any]) -> None:
    """A table keyed by werkfunctie must have a row for each: a gap fails at load, not at run."""
    ontbreekt = [f.value for f in Werkfunctie if f not in per_functie]
    if ontbreekt:
        raise ValueError(f"{naam} ontbreken voor werkfunctie(s): {', '.join(ontbreekt)}")


def _bekende_bron(bron: str) -> str:
    if bron not in BRONNEN:
        raise ValueError(f"onbekende bron {bron!r}")
    return bron


def _bekende_paden(criterium: Criterium | None) -> Criterium | None:
    if criterium is None:
        return None
    bekend = kenmerkpaden()
    for pad in criterium.paden():
        if pad not in bekend:
            raise ValueError(f"onbekend kenmerk {pad!r}")
    return criterium


def _bekend_pad(pad: str) -> str:
    if pad not in kenmerkpaden():
        raise ValueError(f"onbekend kenmerk {pad!r}")
    return pad


class Bronvermelding(Tabelrij):
    bron: str
    citaat: str = Field(min_length=3)

    _bron = field_validator("bron")(classmethod(lambda cls, v: _bekende_bron(v)))


# --- From the guide's wording to an effect --------------------------------------------------------
#
# One mapping for every table that can lower a verdict (the matrix legend, the profiles'
# requirements and Niet-rows):
#   "Niet:" without a hedge, on a fact nobody can change  -> niet_passend
#   "Niet:" on a fact the owner or the gemeente can change -> te_verhelpen: at most beperkt
#     (who can change a fact: ``wie`` in kennisbank/casus.py)  passend "zolang het zo blijft",
#                                                            the change as the condition
#     unless known facts say the change cannot be made      -> niet_passend, quoting why
#     (``onherstelbaar_als``: a gebiedsprofiel that decided,   (while those facts are unknown:
#     an entree at the back that cannot face the street)       an open question, no rejection)
#   "Niet:" with a hedge ("incidenteel")                  -> minpunt, or beperkt_passend with
#                                                            an aanname; never niet_passend
#   "essentieel", or size/height/daylight a pand cannot get -> beperkt_passend (a ceiling)
#   a plain feature of the space (an owner can add it)     -> voorwaarde (checked on load:
#                                                            capping one needs an aanname)
#   "pré", "gewenst", "bij voorkeur", "helpt", "belangrijk" (not essential, no measure),
#   reachability                                           -> pre (a plus or minus point; unmet:
#                                                            "Minpunt, niet vervuld: <wens>")
#   a hedge ("incidenteel", "sterk afhankelijk van …", "varieert sterk", "vaak", "soms" …)
#                                                          -> never a ceiling or rejection by itself
# A row whose quoted passage carries a hedge and still caps or rejects must say why in its
# ``aanname``; loading the table fails otherwise.

#: The guide's hedge words and phrases (matched on word boundaries, case-insensitive).
VOORBEHOUDEN = ("incidenteel", "sterk afhankelijk", "afhankelijk van", "varieert sterk",
                "gewenst", "pré", "vaak", "soms", "bij voorkeur", "helpt", "in meeste situaties",
                "regelmatig")

#: Effects that lower a verdict below onder voorwaarden.
BEGRENZENDE_EFFECTEN = frozenset({"beperkt_passend", "niet_passend"})

#: Who can change a fact so that a Niet-row no longer holds (``wie`` of the case model): a
#: Niet-row that such a fact decides names a remedy, not a place where the function cannot go.
VERANDERBAAR_DOOR = frozenset({"eigenaar", "gemeente"})


def veranderbare_paden(criterium: Criterium) -> list[str]:
    """The facts of a criterion that the owner or the gemeente can change (``wie``)."""
    paden = kenmerkpaden()
    return [pad for pad in dict.fromkeys(criterium.paden())
            if paden[pad]["wie"] in VERANDERBAAR_DOOR]


def voorbehouden_in(tekst: str) -> list[str]:
    """The hedge words that occur in a passage of the guide."""
    return [w for w in VOORBEHOUDEN
            if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", tekst, flags=re.IGNORECASE)]


def controleer_voorbehoud(effect: str, citaat: str, aanname: str | None) -> None:
    """A hedged passage may cap or reject only with a written assumption that says why."""
    woorden = voorbehouden_in(citaat)
    if effect in BEGRENZENDE_EFFECTEN and woorden and not aanname:
        raise ValueError(f"het citaat {citaat!r} draagt het voorbehoud "
                         f"{', '.join(repr(w) for w in woorden)}, maar het effect {effect!r} "
                         "begrenst het oordeel zonder 'aanname' die zegt waarom")


# --- Questions that name only what is unknown ------------------------------------------------
#
# A row whose criterion reads one fact asks its 'vraag'. A row whose criterion reads several
# facts gives one question per fact ('vragen'), so a question never names a fact the case
# already knows (asking "is er avondhoreca, en vraagt het gebruik privacy?" where the horeca is
# known is a false sentence).


def controleer_vragen(waar: str, criterium: Criterium, vraag: str | None,
                      vragen: dict[str, str] | None) -> None:
    paden = set(criterium.paden())
    if vragen is not None:
        if vraag is not None or set(vragen) != paden:
            raise ValueError(f"{waar}: 'vragen' heeft precies één vraag per feit van het "
                             f"criterium ({', '.join(sorted(paden))}) en staat niet naast "
                             "'vraag'")
    elif len(paden) > 1:
        raise ValueError(f"{waar}: het criterium leest {len(paden)} feiten; geef één vraag per "
                         "feit ('vragen'), zodat nooit naar iets bekends wordt gevraagd")


def vragen_over(onbekend: tuple[str, ...], vraag: str,
                vragen: dict[str, str] | None) -> list[tuple[str, tuple[str, ...]]]:
    """The questions to ask while ``onbekend`` are unknown: (text, the facts it names)."""
    if vragen is not None:
        return [(vragen[pad], (pad,)) for pad in onbekend]
    return [(vraag, onbekend)] if onbekend else []


# --- Matrix (1.4) -------------------------------------------------------------------------------

class Legenda(Tabelrij):
    betekenis: str
    oordeel: Oordeel
    aanname: str | None = None

    @model_validator(mode="after")
    def _voorbehoud(self) -> Self:
        controleer_voorbehoud(self.oordeel.value, self.betekenis, self.aanname)
        return self


class Matrixtabel(Bronvermelding):
    legenda: dict[Symbool, Legenda]
    cellen: dict[Werkfunctie, dict[Locatietype, Symbool]]

    @model_validator(mode="after")
    def _volledig(self) -> Self:
        dekt_alle_functies("matrixrijen", self.cellen)
        for functie in Werkfunctie:
            rij = self.cellen.get(functie)
            if rij is None or set(rij) != set(Locatietype):
                raise ValueError(f"matrixrij {functie.value} mist locatietypen")
        return self


# --- Function profiles (1.2.x) ------------------------------------------------------------------

Thema = Literal["maat", "hoogte", "daglicht", "indeling", "constructie", "installaties",
                "toegang", "entree", "bereikbaarheid", "prijs", "exploitatie", "uitstraling",
                "omgeving"]
Effect = Literal["beperkt_passend", "voorwaarde", "pre"]
#: What a pand cannot get by adapting it: size, height and daylight (the mapping above).
VASTE_THEMAS = frozenset({"maat", "hoogte", "daglicht"})


class Onhaalbaarheid(Tabelrij):
    """Known facts under which a pand misses a requirement whatever it is adapted to (a unit at
    the back lies not at the street: passers-by pass the front building, and its entree cannot
    move to the street). Then the requirement is not met, and no adaptation is asked of the
    owner (2.D6); ``aanname`` says why."""

    als: Criterium
    aanname: str = Field(min_length=3)

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Profieleis(Bronvermelding):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    thema: Thema
    tekst: str
    voldaan: Criterium
    effect: Effect
    vraag: str | None = None
    vragen: dict[str, str] | None = None
    voorwaarde: str | None = None
    geldt_als: Criterium | None = None
    vraag_van_toepassing: str | dict[str, str] | None = Field(
        default=None, description="Bij 'geldt_als': de vraag zolang onbekend is of de eis hier "
                                  "geldt ('vraag' gaat over 'voldaan'); leest 'geldt_als' meer "
                                  "feiten, dan één vraag per feit.")
    aanname: str | None = None
    ondergrens: float | None = Field(
        default=None, description="Ondergrens van een prijsindicatie: een vraaghuur daaronder "
                                  "is een eigen bevinding, niet 'binnen de prijsindicatie'.")
    onhaalbaar_als: Onhaalbaarheid | None = Field(
        default=None, description="Bekende, vaste feiten waaronder het pand de eis niet haalt, "
                                  "ook niet door het aan te passen (een ruimte aan de "
                                  "achterkant ligt niet aan de straat).")

    _paden = field_validator("voldaan", "geldt_als")(
        classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _voorbehoud(self) -> Self:
        controleer_voorbehoud(self.effect, self.citaat, self.aanname)
        return self

    @model_validator(mode="after")
    def _begrenst_alleen_wat_vastligt(self) -> Self:
        """A requirement on a feature the owner or the gemeente can add is a condition: it caps
        only when the guide calls it essential, or it is size, height or daylight (which a
        pand cannot get), or its ``aanname`` says why."""
        if (self.effect == "beperkt_passend" and veranderbare_paden(self.voldaan)
                and self.thema not in VASTE_THEMAS and "essentieel" not in self.citaat.lower()
                and not self.aanname):
            raise ValueError(f"eis {self.id}: de eigenaar of de gemeente kan "
                             f"{', '.join(veranderbare_paden(self.voldaan))} veranderen; geef "
                             "'voorwaarde', of zeg in 'aanname' waarom het begrenst")
        return self

    @model_validator(mode="after")
    def _een_vraag_per_feit(self) -> Self:
        if self.vraag is None and self.vragen is None:
            raise ValueError(f"eis {self.id}: 'vraag' of 'vragen' ontbreekt")
        controleer_vragen(f"eis {self.id}", self.voldaan, self.vraag, self.vragen)
        return self

    @model_validator(mode="after")
    def _vraag_bij_geldt_als(self) -> Self:
        if (self.geldt_als is None) != (self.vraag_van_toepassing is None):
            raise ValueError(f"eis {self.id}: 'geldt_als' en 'vraag_van_toepassing' horen bij "
                             "elkaar (de ene vraag gaat over 'voldaan', de andere over "
                             "'geldt_als')")
        if self.geldt_als is not None:
            vraag = self.vraag_van_toepassing
            controleer_vragen(f"eis {self.id} (geldt_als)", self.geldt_als,
                              vraag if isinstance(vraag, str) else None,
                              vraag if isinstance(vraag, dict) else None)
        return self

    def vragen_van_toepassing(self, onbekend: tuple[str, ...]) -> list[tuple[str,
                                                                          tuple[str, ...]]]:
        """The questions to ask while ``onbekend`` (facts of 'geldt_als') are unknown."""
        if isinstance(self.vraag_van_toepassing, dict):
            return vragen_over(onbekend, "", self.vraag_van_toepassing)
        return vragen_over(onbekend, self.vraag_van_toepassing or "", None)

    def vragen_over(self, onbekend: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The questions to ask while ``onbekend`` (facts of 'voldaan') are unknown."""
        return vragen_over(onbekend, self.vraag or "", self.vragen)

    @property
    def prijsband(self) -> str:
        """The band of a price requirement as the profile states it: '€120–€250 per m² …'."""
        return self.tekst.removeprefix("Huur binnen de prijsindicatie ")

    @model_validator(mode="after")
    def _ondergrens_bij_prijs(self) -> Self:
        if self.ondergrens is not None and (self.thema != "prijs" or self.voldaan.pad is None
                                            or self.voldaan.max is None):
            raise ValueError(f"eis {self.id}: een ondergrens hoort bij een prijseis met 'max'")
        return self


class Uitsluiting(Bronvermelding):
    """A known fact that, by the guide's own definitions of the location types (1.3), rules a
    Wél-location out here: while the row's own fact is unknown, it no longer counts as possibly
    holding. Its ``aanname`` says why and quotes the definition (``citaat``) it rests on."""

    als: Criterium
    tekst: str
    aanname: str = Field(min_length=3)

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _rust_op_locatietypen(self) -> Self:
        if not self.bron.startswith("1.3."):
            raise ValueError(f"een uitsluiting rust op de definities van de locatietypen (1.3), "
                             f"niet op {self.bron!r}")
        if self.citaat not in self.aanname:
            raise ValueError("de aanname van een uitsluiting citeert de definitie waarop zij "
                             f"rust: {self.citaat!r}")
        return self


class Onherstelbaarheid(Bronvermelding):
    """Known facts under which a changeable Niet-row cannot be lifted after all: the gemeente has
    already decided (a gebiedsprofiel), or the remedy cannot be made (an entree at the back
    cannot face the street). Then the row rejects; while those facts are unknown it stays a
    remedy, and they are an open question. ``bron`` and ``citaat`` are the guide's passage that
    makes the remedy impossible; ``aanname`` says why and quotes it."""

    als: Criterium
    tekst: str
    vraag: str | None = None
    vragen: dict[str, str] | None = None
    aanname: str = Field(min_length=3)

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _citeert_en_vraagt(self) -> Self:
        if self.citaat not in self.aanname:
            raise ValueError("de aanname van 'onherstelbaar_als' citeert de passage waarop zij "
                             f"rust: {self.citaat!r}")
        controleer_vragen("onherstelbaar_als", self.als, self.vraag, self.vragen)
        return self

    def vragen_over(self, onbekend: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The questions to ask while ``onbekend`` are unknown."""
        return vragen_over(onbekend, self.vraag or "", self.vragen)


class Locatiecriterium(Bronvermelding):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    tekst: str
    als: Criterium
    vraag: str | None = None
    vragen: dict[str, str] | None = None
    effect: Literal["niet_passend", "beperkt_passend", "te_verhelpen", "minpunt"] = Field(
        default="niet_passend",
        description="Alleen voor Niet-rijen: wat het doet als het geldt. 'beperkt_passend': "
                    "een Niet met voorbehoud ('incidenteel'), hoogstens beperkt passend; "
                    "'te_verhelpen': het feit dat de rij doet gelden kan de eigenaar of de "
                    "gemeente veranderen; dan hoogstens beperkt passend zolang het zo blijft, "
                    "met die verandering als voorwaarde.")
    voorwaarde: str | None = Field(
        default=None, description="Bij effect 'te_verhelpen': wat de Niet-rij opheft.")
    aanname: str | None = None
    matrixuitzondering: bool = Field(
        default=False,
        description="Alleen voor Wél-rijen: de rij is de uitzondering die de handreiking zelf "
                    "noemt op een × in de matrix ('soms kleinschalig/licht op verdiepingen'); "
                    "een reden die × optilt, noemt en citeert haar dan eerst.")
    gelezen_locatietypen: list[Locatietype] = Field(
        default_factory=list,
        description="Alleen voor Wél-rijen, met 'aanname': de locatietypen (1.3) die de rij "
                    "alleen volgens haar aanname omvat ('groot stedelijk vastgoed' als 'boven of "
                    "onder winkels (groot)'); de uitvoer noemt dat dan een aanname.")
    uitgesloten_als: Uitsluiting | None = Field(
        default=None, description="Alleen voor Wél-rijen: een bekend feit dat deze locatie hier "
                                  "uitsluit, zodat zij niet als mogelijk geldend telt.")
    weerlegd_als: Criterium | None = Field(
        default=None, description="Alleen voor Niet-rijen, met 'aanname': een bekend feit dat "
                                  "laat zien dat de rij niet geldt zolang haar eigen feit "
                                  "onbekend is, zodat er niet naar wordt gevraagd.")
    onherstelbaar_als: Onherstelbaarheid | None = Field(
        default=None, description="Alleen bij 'te_verhelpen': bekende feiten waaronder de "
                                  "verandering niet (meer) kan; dan wijst de rij af.")

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))
    _weerlegpaden = field_validator("weerlegd_als")(
        classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _een_vraag_per_feit(self) -> Self:
        controleer_vragen(f"locatie {self.id}", self.als, self.vraag, self.vragen)
        return self

    @model_validator(mode="after")
    def _te_verhelpen_met_voorwaarde(self) -> Self:
        if (self.effect == "te_verhelpen") != (self.voorwaarde is not None):
            raise ValueError(f"locatie {self.id}: effect 'te_verhelpen' en 'voorwaarde' horen "
                             "samen")
        if self.effect == "te_verhelpen" and not self.aanname:
            raise ValueError(f"locatie {self.id}: 'te_verhelpen' zegt in 'aanname' waarom")
        if self.onherstelbaar_als is not None and self.effect != "te_verhelpen":
            raise ValueError(f"locatie {self.id}: alleen een rij die 'te_verhelpen' is, kan "
                             "onherstelbaar zijn ('onherstelbaar_als')")
        return self

    def vragen_over(self, onbekend: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The questions to ask while ``onbekend`` are unknown."""
        return vragen_over(onbekend, self.vraag or f"Geldt hier: {self.tekst.lower()}?",
                           self.vragen)

    @property
    def zegt_meer_dan_locatietype(self) -> bool:
        """Whether the row names context beyond the location type and the floor.

        A Wél-row that only restates a matrix column ("Wél: aanloopstraten") adds nothing the
        matrix did not already weigh, so it cannot move the matrix's first direction.
        """
        return bool(set(self.als.paden()) - {"locatie.locatietype", "pand.verdieping"})


class VasteVoorwaarde(Bronvermelding):
    tekst: str


class Functieprofiel(Tabelrij):
    bron: str
    naam: str
    voorbeelden: str
    eisen: list[Profieleis]
    wel: list[Locatiecriterium]
    niet: list[Locatiecriterium]
    vaste_voorwaarden: list[VasteVoorwaarde] = []

    _bron = field_validator("bron")(classmethod(lambda cls, v: _bekende_bron(v)))

    @model_validator(mode="before")
    @classmethod
    def _bron_van_profiel(cls, data: Any) -> Any:
        """Rows cite their profile's section unless they name another one."""
        if isinstance(data, dict) and "bron" in data:
            for lijst in ("eisen", "wel", "niet", "vaste_voorwaarden"):
                for rij in data.get(lijst) or []:
                    if isinstance(rij, dict):
                        rij.setdefault("bron", data["bron"])
        return data

    @model_validator(mode="after")
    def _unieke_ids(self) -> Self:
        ids = [e.id for e in self.eisen] + [w.id for w in self.wel] + [n.id for n in self.niet]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            raise ValueError(f"dubbele ids: {', '.join(dubbel)}")
        for rij in self.niet:
            controleer_voorbehoud(rij.effect, rij.citaat, rij.aanname)
            if rij.effect == "niet_passend" and voorbehouden_in(rij.citaat):
                raise ValueError(f"locatie {rij.id}: een Niet met voorbehoud "
                                 f"({', '.join(voorbehouden_in(rij.citaat))}) wijst niet af; "
                                 "geef 'minpunt' of 'beperkt_passend' met 'aanname'")
            if rij.effect == "niet_passend" and veranderbare_paden(rij.als):
                raise ValueError(f"locatie {rij.id}: de eigenaar of de gemeente kan "
                                 f"{', '.join(veranderbare_paden(rij.als))} veranderen; een "
                                 "Niet-rij op een veranderbaar feit wijst niet af: geef "
                                 "'te_verhelpen' met 'voorwaarde' en 'aanname'")
        if any(rij.effect != "niet_passend" for rij in self.wel):
            raise ValueError("een Wél-rij heeft geen effect: zij zet de matrix één stap hoger")
        if any(rij.matrixuitzondering for rij in self.niet):
            raise ValueError("alleen een Wél-rij kan een uitzondering op × zijn "
                             "('matrixuitzondering')")
        if any(rij.uitgesloten_als is not None for rij in self.niet):
            raise ValueError("alleen een Wél-rij kan uitgesloten worden ('uitgesloten_als')")
        if any(rij.weerlegd_als is not None for rij in self.wel):
            raise ValueError("alleen een Niet-rij kan weerlegd worden ('weerlegd_als')")
        if any(rij.weerlegd_als is not None and not rij.aanname for rij in self.niet):
            raise ValueError("een Niet-rij met 'weerlegd_als' zegt in 'aanname' waarom")
        return self


class Profieltabel(Tabelrij):
    profielen: dict[Werkfunctie, Functieprofiel]

    @model_validator(mode="after")
    def _alle_functies(self) -> Self:
        dekt_alle_functies("profielen", self.profielen)
        return self


# --- Liveliness (1.5.x) -------------------------------------------------------------------------

class Bijdrage(Bronvermelding):
    niveau: Niveau
    tekst: str
    #: How the output reads the contribution: the words of the quoted passage itself. Absent
    #: (a variant that changed the level) the output reads the level.
    lezing: str | None = None
    #: Why the reading uses a word the quoted passage does not have.
    aanname: str | None = None


class Versterker(Bijdrage):
    dagdeel: Literal["dag", "avond"]
    als: Criterium
    #: What the guide says while the amplifier's fact is unknown ("afhankelijk van het type").
    lezing_onbekend: str | None = None

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Levendigheidsprofiel(Tabelrij):
    dag: Bijdrage
    avond: Bijdrage
    versterkers: list[Versterker] = []


class Levendigheidstabel(Tabelrij):
    aanname: str
    functies: dict[Werkfunctie, Levendigheidsprofiel]

    @model_validator(mode="after")
    def _alle_functies(self) -> Self:
        dekt_alle_functies("functies (levendigheid)", self.functies)
        return self


_geladen_tabellen: dict[tuple[str, bytes, type[BaseModel]], BaseModel] = {}

#: While a rules directory is loaded under a variant: the variant's tables by file name, which
#: the rule modules get instead of the file's own (see :func:`met_voorrang`). A context
#: variable, so a thread loading other rules at the same time never sees them.
_voorrang: contextvars.ContextVar[typing.Mapping[str, BaseModel] | None] = \
    contextvars.ContextVar("voorrang", default=None)


@contextlib.contextmanager
def met_voorrang(tabellen: typing.Mapping[str, BaseModel]) -> typing.Iterator[None]:
    """Within the block, ``laad_tabel`` returns these tables (keyed by table name) for their
    files; the cached tables of the files themselves stay as they are."""
    token = _voorrang.set({TABELLEN[naam][0]: tabel for naam, tabel in tabellen.items()})
    try:
        yield
    finally:
        _voorrang.reset(token)


def laad_tabel(bestand: Path, model: type[T]) -> T:
    """Read and validate a table; errors name the file and the field path.

    Several rule modules read the same table; each distinct file content is parsed once, and
    once validated it is kept on disk for the next run (``kennisbank.schijfcache``).
    """
    vervangen = (_voorrang.get() or {}).get(bestand.name)
    if isinstance(vervangen, model):
        return vervangen
    try:
        inhoud = bestand.read_bytes()
    except OSError:
        return _valideer_tabel(bestand, model)  # reports why the file cannot be read
    sleutel = (str(bestand.resolve()), inhoud, model)
    if sleutel in _geladen_tabellen:
        return _geladen_tabellen[sleutel]  # type: ignore[return-value]
    naam = schijfcache.sleutel("tabel", f"{model.__module__}.{model.__qualname__}", inhoud)
    tabel = schijfcache.lees(naam, model)
    if tabel is None:
        tabel = _valideer_tabel(bestand, model)
        schijfcache.schrijf(naam, tabel)
    _geladen_tabellen[sleutel] = tabel
    return tabel


def _valideer_tabel(bestand: Path, model: type[T]) -> T:
    data = lees_yaml(bestand)
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        raise uit_validatiefout(bestand, fout) from None
    except InvoerFout:
        raise
    except ValueError as fout:
        raise InvoerFout(bestand, str(fout)) from None


# --- Barriers (2.D1 … 2.D13) -------------------------------------------------------------------

Stakeholder = Literal["gemeente", "omwonenden", "bedrijf", "algemeen", "makelaars",
                      "vastgoedeigenaar"]
Drempelthema = Literal["beeldvorming_en_gebruiksconflicten", "financiele_haalbaarheid",
                       "beleidsmatig", "samenwerking", "vastgoed"]


class Aanpak(Bronvermelding):
    nummer: int = Field(ge=1, le=9)
    titel: str
    tekst: str
    past_als: Criterium | None = None
    altijd_voorbehoud: bool = Field(
        default=False,
        description="Het toepassingscriterium van de handreiking is geen feit van de casus "
                    "(zoals 'waar marktpartijen niet instappen'): ook waar 'past_als' geldt, "
                    "wordt de aanpak met voorbehoud genoemd ('als het past').")

    _paden = field_validator("past_als")(classmethod(lambda cls, v: _bekende_paden(v)))


class AfgeleidAntwoord(Tabelrij):
    """A barrier's question that a known fact of the case already answers, by an assumption
    the guide's own words support (a makerszone is a place with working functions around)."""

    als: Criterium
    aanname: str = Field(min_length=3)

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Aandachtspunt(Tabelrij):
    """A context the guide says a barrier 'speelt vooral' in, holding in this case."""

    citaat: str = Field(min_length=3)
    tekst: str
    als: Criterium | None = None
    functies: list[Werkfunctie] | None = None
    aanname: str | None = None

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _beperkt(self) -> Self:
        if self.als is None and self.functies is None:
            raise ValueError("een aandachtspunt heeft 'als', 'functies' of beide")
        return self


Sterkte = Literal["speelt", "aandachtspunt"]


class Signaalrij(Tabelrij):
    """A fact (or simple combination of facts) of the case that triggers a barrier, and why."""

    als: Criterium
    tekst: str = Field(min_length=3)
    #: The passage that says why; without it, the signal's own passage.
    citaat: str | None = Field(default=None, min_length=3)

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Drempelsignaal(Tabelrij):
    """A barrier rule written as data: it concludes the barrier for every row that holds.

    The rule is ``drempel.<id>`` in the trace, ``omschrijving`` its one-line description;
    ``functies`` restricts it to some werkfuncties. A row that is unknown concludes nothing:
    the barrier's ``vragen`` ask for it.
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    omschrijving: str = Field(min_length=3)
    citaat: str = Field(min_length=3)
    sterkte: Sterkte = "speelt"
    functies: list[Werkfunctie] | None = None
    aanname: str | None = None
    #: The barrier is about assessing an initiative the omgevingsplan does not already allow:
    #: for a function the plan allows the signal concludes nothing, and while the plan is
    #: unknown for the function a row that holds is an aandachtspunt, not a barrier that plays.
    alleen_buiten_omgevingsplan: bool = False
    rijen: list[Signaalrij] = Field(min_length=1)

    @property
    def regel(self) -> str:
        return f"drempel.{self.id}"

    def paden(self) -> list[str]:
        """Every fact path the rows read, in order of appearance."""
        return list(dict.fromkeys(p for rij in self.rijen for p in rij.als.paden()))


class Drempel(Bronvermelding):
    id: DrempelId
    stakeholders: list[Stakeholder]
    thema: Drempelthema
    context: str
    speelt_vooral: list[str]
    vragen: dict[str, str] = Field(
        default_factory=dict,
        description="Per feit waaruit de drempel volgt: de vraag zolang dat feit onbekend is. "
                    "Eén vraag per feit, zodat er nooit naar iets bekends wordt gevraagd.")

    _vraagpaden = field_validator("vragen")(
        classmethod(lambda cls, v: {_bekend_pad(p): t for p, t in v.items()}))
    vervalt_als: dict[str, Criterium] = Field(
        default_factory=dict,
        description="Per feit van 'vragen': bekende feiten waarbij het antwoord niets meer "
                    "beslist (de drempel kan dan niet spelen, ook niet als aandachtspunt); de "
                    "vraag wordt dan niet gesteld en een signaal op dat feit geldt niet. "
                    "'vervalt_aanname' zegt waarom.")
    vervalt_aanname: str | None = None
    beantwoord_als: dict[str, AfgeleidAntwoord] = Field(
        default_factory=dict,
        description="Per feit van 'vragen': een bekend feit dat de vraag al beantwoordt (met "
                    "de aanname waarom); de vraag wordt dan niet gesteld. Een signaal op het "
                    "feit zelf blijft het feit lezen: een aanname overschrijft de casus niet.")
    _beantwoordpaden = field_validator("beantwoord_als")(classmethod(
        lambda cls, v: {_bekend_pad(p): a for p, a in v.items()}))
    _vervalpaden = field_validator("vervalt_als")(classmethod(
        lambda cls, v: {_bekend_pad(p): _bekende_paden(c) for p, c in v.items()}))
    functies: list[Werkfunctie] | None = Field(
        default=None,
        description="De werkfuncties waarvoor de context van de drempel geldt: alleen voor hen "
                    "wordt hij gevraagd en is die context een aanleiding (een aandachtspunt, of "
                    "een regel die op de context alleen steunt); een feit van de casus dat de "
                    "drempel zelf beschrijft, geldt voor elke functie. 'functies_aanname' zegt "
                    "waar de handreiking die functies noemt.")
    functies_aanname: str | None = None
    over_toelating: bool = Field(
        default=False,
        description="De drempel gaat over de procedure die een functie toelaat (2.D8): waar het "
                    "omgevingsplan de functie al toestaat, is er geen procedure en is zijn "
                    "context voor die functie geen aandachtspunt.")
    aandachtspunten: list[Aandachtspunt] = []
    signalen: list[Drempelsignaal] = []
    beinvloedbaarheid: Literal["hoog", "gedeeltelijk", "beperkt"]
    beinvloedbaarheid_toelichting: str
    aanpak: list[Aanpak]

    @model_validator(mode="after")
    def _aandachtspunt_uit_context(self) -> Self:
        for punt in self.aandachtspunten:
            if punt.citaat not in self.speelt_vooral and punt.citaat not in self.context:
                raise ValueError(f"aandachtspunt van {self.id} citeert niet de context van de "
                                 f"drempel: {punt.citaat!r}")
        return self

    @model_validator(mode="after")
    def _functies_met_aanname(self) -> Self:
        if (self.functies is None) != (self.functies_aanname is None):
            raise ValueError(f"drempel {self.id}: 'functies' en 'functies_aanname' horen samen")
        return self

    def geldt_voor(self, werkfunctie: str) -> bool:
        """Whether the barrier's context concerns this function (see ``functies``)."""
        return self.functies is None or werkfunctie in self.functies

    @model_validator(mode="after")
    def _onbekend_signaal_is_een_vraag(self) -> Self:
        # An unknown fact is an open question, never "the barrier does not play".
        for signaal in self.signalen:
            for pad in signaal.paden():
                if pad not in self.vragen:
                    raise ValueError(f"signaal {signaal.regel} van {self.id} leest {pad!r}, maar "
                                     "de 'vragen' van de drempel noemen dat kenmerk niet")
        return self

    @model_validator(mode="after")
    def _genummerd(self) -> Self:
        nummers = [a.nummer for a in self.aanpak]
        if nummers != list(range(1, len(nummers) + 1)):
            raise ValueError(f"aanpak van {self.id} is niet genummerd 1..n: {nummers}")
        return self


class Drempeltabel(Tabelrij):
    thema_aanname: str
    drempels: list[Drempel]

    @model_validator(mode="after")
    def _dertien(self) -> Self:
        bronnen = [d.bron for d in self.drempels]
        if bronnen != [f"2.D{i}" for i in range(1, 14)]:
            raise ValueError(f"verwacht 2.D1 … 2.D13 in volgorde, gevonden: {bronnen}")
        return self

    @model_validator(mode="after")
    def _unieke_signaalregels(self) -> Self:
        gezien: set[str] = set()
        for drempel in self.drempels:
            for signaal in drempel.signalen:
                if signaal.regel in gezien:
                    raise ValueError(f"signaal {signaal.regel} komt twee keer voor")
                gezien.add(signaal.regel)
        return self


# --- Checklist (Part 3) ------------------------------------------------------------------------

Fase = Literal["verkennen_en_positioneren", "kansen_en_haalbaarheid", "afwegen_en_besluiten",
               "realiseren_en_begeleiden"]


class Aanvulling(Tabelrij):
    """A further point an open checklist question names when a fact of the case holds."""

    als: Criterium
    tekst: str

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Checkvraag(Tabelrij):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    tekst: str
    beantwoord_door: list[str]
    beantwoord_als: Literal["alle_bekend", "een_bekend"] = "alle_bekend"
    voldaan_als: Criterium | None = Field(
        default=None, description="Voor een vraag die een toestand vraagt ('aangehaakt'): "
                                  "wanneer het antwoord haar vervult. Zonder: beantwoorden is "
                                  "wat de vraag vraagt ('in beeld').")

    open_als: Criterium | None = Field(
        default=None, description="Een bekend antwoord dat de vraag oproept in plaats van haar "
                                  "te beantwoorden ('Belemmering vanuit monumentenstatus': een "
                                  "monument maakt de vraag juist open): dan blijft zij open, "
                                  "met 'aanleiding'.")
    aanleiding: str | None = Field(
        default=None, description="Bij 'open_als': wat de casus over de vraag weet, getoond "
                                  "naast de open vraag.")
    onderdelen: dict[str, str] = Field(
        default_factory=dict,
        description="Een vraag die meer dingen tegelijk vraagt ('brandveiligheid, ontsluiting, "
                    "toegankelijkheid'): per kenmerk zijn naam. Blijft de vraag open, dan zegt "
                    "zij welke ontbreken en welke onbekend zijn.")
    aanvullingen: list[Aanvulling] = Field(
        default_factory=list,
        description="Wat een open vraag er nog bij noemt als een feit van de casus geldt (een "
                    "monument bij de nooduitgang).")

    _voldaan_paden = field_validator("voldaan_als", "open_als")(
        classmethod(lambda cls, v: _bekende_paden(v)))

    @model_validator(mode="after")
    def _aanleiding_bij_open_als(self) -> Self:
        if (self.open_als is None) != (self.aanleiding is None):
            raise ValueError(f"{self.id}: 'open_als' en 'aanleiding' staan samen")
        if not set(self.onderdelen) <= set(self.beantwoord_door):
            raise ValueError(f"{self.id}: 'onderdelen' noemt alleen kenmerken uit "
                             "'beantwoord_door'")
        return self

    @field_validator("beantwoord_door")
    @classmethod
    def _paden_bestaan(cls, paden: list[str]) -> list[str]:
        bekend = kenmerkpaden()
        for pad in paden:
            if pad not in bekend:
                raise ValueError(f"onbekend kenmerk {pad!r}")
        return paden


class Checklistitem(Tabelrij):
    bron: str
    nummer: int = Field(ge=1, le=9)
    groep: Literal["A", "B", "C"]
    titel: str
    fase: Fase
    vragen: list[Checkvraag]

    _bron = field_validator("bron")(classmethod(lambda cls, v: _bekende_bron(v)))


class Fasebeschrijving(Tabelrij):
    id: Fase
    naam: str
    vraag: str


class Checklisttabel(Tabelrij):
    groepen: dict[Literal["A", "B", "C"], str]
    fasen: list[Fasebeschrijving]
    fase_aanname: str
    items: list[Checklistitem]

    @model_validator(mode="after")
    def _negen(self) -> Self:
        if [i.nummer for i in self.items] != list(range(1, 10)):
            raise ValueError("de checklist heeft items 1 … 9 in volgorde")
        return self


# --- Overlast (2.D1, 1.2.x, 1.5.x) -------------------------------------------------------------

Overlastniveau = Literal["laag", "midden", "hoog"]
Overlastfactornaam = Literal["geluid_trillingen", "avond_24_7", "laden_lossen",
                             "bezoekers_parkeren"]


class Overlastfactorrij(Bronvermelding):
    factor: Overlastfactornaam
    niveau: Overlastniveau
    tekst: str


class Initiatieffactor(Tabelrij):
    factor: Overlastfactornaam
    pad: str
    niveaus: dict[bool | str, Overlastniveau]

    _pad = field_validator("pad")(classmethod(lambda cls, v: _bekend_pad(v)))


class Overlastversterkerrij(Bronvermelding):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    pad: str
    tekst: str
    #: Why a context outside 2.D1's "Deze drempel manifesteert zich vooral" list amplifies.
    aanname: str | None = None

    _pad = field_validator("pad")(classmethod(lambda cls, v: _bekend_pad(v)))

    @model_validator(mode="after")
    def _verbreding_met_aanname(self) -> Self:
        if self.bron != "2.D1" and not self.aanname:
            raise ValueError(f"versterker {self.id}: een context buiten 2.D1 vraagt een "
                             "'aanname' die de verbreding noemt")
        return self

    @property
    def verbreding(self) -> bool:
        """Not one of the contexts 2.D1 itself names: an assumption of the knowledge base."""
        return self.aanname is not None


class Overlasttabel(Tabelrij):
    aanname: str
    functies: dict[Werkfunctie, list[Overlastfactorrij]]
    initiatief: list[Initiatieffactor]
    versterkers: list[Overlastversterkerrij]

    @model_validator(mode="after")
    def _alle_functies(self) -> Self:
        dekt_alle_functies("functies (overlastbronnen)", self.functies)
        return self


# --- What the gemeente can do (1.6, 4.1, 4.5) --------------------------------------------------

Sturing = Literal["reguleren", "stimuleren", "faciliteren"]
Rol = Literal["aanjager", "verkenner", "toetser", "realisator", "verbinder"]
Boodschap = Literal["kansrijk_zonder_drempels", "kansrijk_drempels_onbekend",
                    "kansrijk_drempels_beinvloedbaar",
                    "kansrijk_drempels_beperkt", "beperkt_passend", "niet_passend"]


class Drempelsturing(Tabelrij):
    sturing: Sturing
    rollen: list[Rol]
    tekst: str
    citaat: str = Field(min_length=3, description="Uit de beïnvloedbaarheid van de drempel zelf.")


class Contextsturing(Bronvermelding):
    id: str
    als: Criterium
    sturing: Sturing
    rollen: list[Rol]
    tekst: str

    _paden = field_validator("als")(classmethod(lambda cls, v: _bekende_paden(v)))


class Boodschaptekst(Bronvermelding):
    tekst: str


class Organisatiepunt(Bronvermelding):
    """An element the guide names for the gemeente's organisation (4.2) or process (4.4)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    tekst: str
    pad: str | None = None
    aanname: str | None = None

    _pad = field_validator("pad")(classmethod(lambda cls, v: v and _bekend_pad(v)))


class Integralevraag(Bronvermelding):
    """One of the three questions of 4.3 by which an initiative is weighed as a whole."""

    id: Literal["functionele_balans", "past_bij_locatie", "andere_functies"]


class Stapbijopenvraag(Bronvermelding):
    """A step for a barrier whose deciding fact is still an open question: 'als … nee'."""

    pad: str
    sturing: Sturing
    rollen: list[Rol]
    tekst: str = Field(pattern=r"^Als ", description="Begint met de voorwaarde: 'Als …: …'.")

    _pad = field_validator("pad")(classmethod(lambda cls, v: _bekend_pad(v)))


class Gemeentetabel(Tabelrij):
    aanname: str
    sturing: dict[Sturing, Bronvermelding]
    rollen: dict[Rol, Bronvermelding]
    drempels: dict[DrempelId, Drempelsturing]
    bij_open_vraag: dict[DrempelId, Stapbijopenvraag] = {}
    context: list[Contextsturing]
    boodschappen: dict[Boodschap, Boodschaptekst]
    organisatie: list[Organisatiepunt] = []
    integrale_vragen: list[Integralevraag] = []

    @model_validator(mode="after")
    def _volledig(self) -> Self:
        for naam, verwacht, gevonden in (
            ("drempels", set(typing.get_args(DrempelId)), set(self.drempels)),
            ("rollen", set(typing.get_args(Rol)), set(self.rollen)),
            ("boodschappen", set(typing.get_args(Boodschap)), set(self.boodschappen)),
        ):
            if verwacht != gevonden:
                raise ValueError(f"{naam} onvolledig: mist {sorted(verwacht - gevonden)}")
        return self


# --- The registry: which file holds which table -------------------------------------------------

#: Every knowledge table of a rules directory: its name, its file and its model.
TABELLEN: dict[str, tuple[str, type[BaseModel]]] = {
    "matrix": ("matrix.yaml", Matrixtabel),
    "profielen": ("profielen.yaml", Profieltabel),
    "levendigheid": ("levendigheid.yaml", Levendigheidstabel),
    "overlast": ("overlast.yaml", Overlasttabel),
    "drempels": ("drempels.yaml", Drempeltabel),
    "checklist": ("checklist.yaml", Checklisttabel),
    "gemeente": ("gemeente.yaml", Gemeentetabel),
}


class Tabellen:
    """The tables of one rules directory, each read and validated once when the bank loads.

    Rule modules that read a table by its path get the same object (``laad_tabel`` parses each
    file content once); everything else finds a table here, by name.
    """

    def __init__(self, map: Path, vervangen: typing.Mapping[str, BaseModel] | None = None):
        self.map = map
        self._tabellen: dict[str, BaseModel] = {}
        for naam, (bestand, model) in TABELLEN.items():
            if vervangen and naam in vervangen:
                self._tabellen[naam] = vervangen[naam]
            elif (map / bestand).exists():
                self._tabellen[naam] = laad_tabel(map / bestand, model)

    def __contains__(self, naam: str) -> bool:
        return naam in self._tabellen

    def items(self) -> typing.ItemsView[str, BaseModel]:
        return self._tabellen.items()

    def _tabel(self, naam: str, model: type[T]) -> T:
        tabel = self._tabellen.get(naam)
        if tabel is None:
            raise InvoerFout(self.map / TABELLEN[naam][0], "tabel ontbreekt in de regelmap")
        assert isinstance(tabel, model)
        return tabel

    @property
    def matrix(self) -> Matrixtabel:
        return self._tabel("matrix", Matrixtabel)

    @property
    def profielen(self) -> Profieltabel:
        return self._tabel("profielen", Profieltabel)

    @property
    def levendigheid(self) -> Levendigheidstabel:
        return self._tabel("levendigheid", Levendigheidstabel)

    @property
    def overlast(self) -> Overlasttabel:
        return self._tabel("overlast", Overlasttabel)

    @property
    def drempels(self) -> Drempeltabel:
        return self._tabel("drempels", Drempeltabel)

    @property
    def checklist(self) -> Checklisttabel:
        return self._tabel("checklist", Checklisttabel)

    @property
    def gemeente(self) -> Gemeentetabel:
        return self._tabel("gemeente", Gemeentetabel)
