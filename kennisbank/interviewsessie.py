"""The interview in a terminal: one question at a time, only what can still change the advice.

Answers come from the keyboard or from standard input, one a line: an option's number or its
value, a number for a numeric fact, ``weet niet`` (the fact stays unknown), ``terug`` (ask the
previous question again) or ``stop``. End of input stops the interview like ``stop``. The case is
written as YAML with each question's text as a comment above its answer; the comments and layout
of a given case file are kept (ruamel.yaml's round trip).
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from kennisbank.casus import FEITSECTIES
from kennisbank.casuslader import laad_casus, valideer
from kennisbank.domein import BUITEN_MATRIX, Werkfunctie
from kennisbank.engine import Regelbank
from kennisbank.fouten import InvoerFout
from kennisbank.interview import (
    LOCATIETYPE,
    OOK_LOCATIETYPEN,
    Interviewvraag,
    Oordelen,
    Relevantie,
    Vooruitdenken,
    getal_of_fout,
    locatietype_opties,
    met_antwoord,
    zonder_verwachting,
)
from kennisbank.labels import functie_label, oordeel_label
from kennisbank.uitvoerbestand import schrijf_atomair
from kennisbank.verklaring import WIE_TEKST

WEET_NIET = ("weet niet", "?", "onbekend")
GEEN_VRAAG_MEER = ("Geen onbekend feit kan een oordeel nog veranderen, alleen of samen met de "
                   "andere onbekende feiten van één criterium uit de tabellen en de feiten die "
                   "die antwoorden pas in het spel brengen.")
TERUG = "terug"
STOP = "stop"


class Gestopt(Exception):
    """The user typed stop, or the input ended."""


class Terug(Exception):
    """The user asked to revisit the previous answer."""


def toon_waarde(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return "onbekend" if waarde is None else str(waarde)


@dataclass
class Stap:
    """One answered question, with the state before it, so that 'terug' can undo it."""

    pad: str
    data_voor: dict[str, Any]
    weet_niet_voor: list[str]


@dataclass
class Interviewsessie:
    relevantie: Relevantie
    data: dict[str, Any]
    weet_niet: list[str] = field(default_factory=list)
    vraagteksten: dict[str, str] = field(default_factory=dict)
    geschiedenis: list[Stap] = field(default_factory=list)
    gesteld: int = 0
    lees: Callable[[str], str] = field(default=lambda tekst: click.prompt(
        tekst, default="", show_default=False, prompt_suffix=" "))
    schrijf: Callable[[str], None] = field(default=click.echo)
    #: Works out what follows each answer while the user reads the question.
    vooruit: Vooruitdenken = field(init=False)

    def __post_init__(self) -> None:
        self.vooruit = Vooruitdenken(self.relevantie)

    def gevouwen(self, tekst: str, vervolg: str = "    ") -> None:
        """A long line folded to the terminal's width at spaces, the rest indented."""
        breedte = max(60, shutil.get_terminal_size((100, 24)).columns - 1)
        self.schrijf(textwrap.fill(tekst, breedte, subsequent_indent=vervolg,
                                   break_long_words=False, break_on_hyphens=False))

    # --- input -------------------------------------------------------------------------------

    def invoer(self, tekst: str) -> str:
        try:
            antwoord = self.lees(tekst).strip()
        except (click.Abort, EOFError):
            raise Gestopt from None
        if antwoord.casefold() == STOP:
            raise Gestopt
        return antwoord

    def begin(self) -> None:
        """Without a case file: ask the id, the gemeente and the location type (1.3)."""
        while "id" not in self.data:
            kandidaat = self.invoer("Id van de casus (kleine letters, cijfers en '-'):")
            try:
                valideer({"id": kandidaat, "gemeente": "x"}, "casus")
            except InvoerFout as fout:
                self.schrijf(f"  Ongeldig: {fout}")
                continue
            self.data["id"] = kandidaat
        while "gemeente" not in self.data:
            gemeente = self.invoer("Gemeente:")
            if gemeente:
                self.data["gemeente"] = gemeente
        if LOCATIETYPE not in self.weet_niet:
            self.vraag_locatietype()

    def vraag_locatietype(self) -> None:
        self.schrijf("")
        self.schrijf("Welk locatietype uit de handreiking (1.3) past het best?")
        opties = locatietype_opties()
        for nummer, (waarde, naam, definitie) in enumerate(opties, start=1):
            self.schrijf(f"  {nummer}) {waarde}: {naam} (1.3.{nummer})")
            self.gevouwen(f"       \"{definitie}\"", "        ")
        self.schrijf(f"  {len(opties) + 1}) {BUITEN_MATRIX}: geen van de vijf past")
        self.schrijf("  Passen meer beschrijvingen, noem ze dan met komma's, het best passende "
                     "eerst (bijv. 1,3).")
        waarden = [o[0] for o in opties] + [BUITEN_MATRIX]
        self.vooruit.start(self.data, self.weet_niet, LOCATIETYPE, waarden)
        try:
            self._lees_locatietype(waarden)
        finally:
            self.vooruit.stop()

    def _lees_locatietype(self, waarden: list[str]) -> None:
        while True:
            antwoord = self.invoer("Locatietype (nummer of waarde, 'weet niet'):")
            if antwoord.casefold() in WEET_NIET:
                self.weet_niet.append(LOCATIETYPE)
                return
            gekozen = [self.keuze(deel.strip(), waarden) for deel in antwoord.split(",")]
            if gekozen and None not in gekozen:
                primair, *ook = gekozen
                data = met_antwoord(self.data, LOCATIETYPE, primair)
                if ook:
                    data = met_antwoord(data, OOK_LOCATIETYPEN, ook)
                try:
                    valideer(data, LOCATIETYPE)
                except InvoerFout as fout:
                    self.schrijf(f"  Ongeldig: {fout.veld or LOCATIETYPE}: {fout.melding}")
                    continue
                self.data = data
                self.vraagteksten[LOCATIETYPE] = "Locatietype uit de matrix (1.3/1.4)."
                if ook:
                    self.vraagteksten[OOK_LOCATIETYPEN] = ("Andere locatietypen uit 1.3 waarvan "
                                                           "de beschrijving ook past.")
                self.gesteld += 1
                return
            self.schrijf(f"  Kies een nummer van 1 tot {len(waarden)} of een van: "
                         + ", ".join(waarden))

    @staticmethod
    def keuze(antwoord: str, opties: list[Any]) -> Any:
        if antwoord.isdigit() and 1 <= int(antwoord) <= len(opties):
            return opties[int(antwoord) - 1]
        for optie in opties:
            if antwoord.casefold() == toon_waarde(optie).casefold():
                return optie
        return None

    # --- one question ------------------------------------------------------------------------

    def toon_vraag(self, vraag: Interviewvraag, nummer: int) -> None:
        self.schrijf("")
        eenheid = f" (in {vraag.eenheid})" if vraag.eenheid else ""
        self.schrijf(f"Vraag {nummer} · {vraag.pad}{eenheid}")
        self.gevouwen(f"  {vraag.beschrijving}")
        self.schrijf(f"  Wie weet dit meestal: {WIE_TEKST[vraag.kenner]}")
        if vraag.bron:
            self.gevouwen(f"  Bron: {vraag.bron} {vraag.bronlabel or ''} — \"{vraag.citaat}\"")
        namen = ", ".join(functie_label(f) for f in vraag.functies)
        if vraag.samen_met:
            self.gevouwen(f"  Waarom: samen met {', '.join(vraag.samen_met)} kan het antwoord "
                          f"het oordeel veranderen voor {namen}")
        else:
            self.gevouwen(f"  Waarom: het antwoord kan het oordeel veranderen voor {namen}")
        if vraag.opties:
            for i, optie in enumerate(vraag.opties, start=1):
                self.schrijf(f"    {i}) {toon_waarde(optie)}")
        elif vraag.drempels:
            grenzen = ", ".join(f"{d:g}" for d in vraag.drempels)
            self.schrijf(f"  Een getal; de tabellen toetsen aan: {grenzen}")
        self.schrijf("  (of: 'weet niet', 'terug', 'stop')")

    def lees_antwoord(self, vraag: Interviewvraag) -> Any:
        """The validated answer; None for 'weet niet'; raises Terug or Gestopt."""
        while True:
            antwoord = self.invoer("Antwoord:")
            if antwoord.casefold() in WEET_NIET:
                return None
            if antwoord.casefold() == TERUG:
                raise Terug
            if not antwoord:
                self.schrijf("  Geef een antwoord, of 'weet niet'.")
                continue
            waarde = self.ontleed(vraag, antwoord)
            if waarde is None:
                continue
            try:
                valideer(met_antwoord(self.data, vraag.pad, waarde), vraag.pad)
            except InvoerFout as fout:
                self.schrijf(f"  Ongeldig: {fout}")
                continue
            return waarde

    def ontleed(self, vraag: Interviewvraag, antwoord: str) -> Any:
        if vraag.opties:
            waarde = self.keuze(antwoord, vraag.opties)
            if waarde is None:
                keuzes = ", ".join(toon_waarde(o) for o in vraag.opties)
                self.schrijf(f"  Kies een nummer van 1 tot {len(vraag.opties)} of: {keuzes}")
            return waarde
        try:
            return getal_of_fout(antwoord, vraag.soort)
        except ValueError:
            soort = "een geheel getal" if vraag.soort == "geheel_getal" else "een getal"
            self.schrijf(f"  Geef {soort}, bijvoorbeeld {vraag.drempels[0]:g}."
                         if vraag.drempels else f"  Geef {soort}.")
            return None

    # --- the loop ----------------------------------------------------------------------------

    def toon_oordelen(self, nu: Oordelen, vorig: Oordelen | None) -> None:
        for functie, oordeel in nu.items():
            if vorig is not None and vorig.get(functie) != oordeel:
                self.schrijf(f"  * {functie_label(functie)}: {oordeel_label(oordeel)} "
                             f"(was {oordeel_label(vorig[functie])})")
            else:
                self.schrijf(f"    {functie_label(functie)}: {oordeel_label(oordeel)}")

    def draai(self) -> bool:
        """Ask until nothing can change a verdict (True) or the user stops (False)."""
        try:
            if "id" not in self.data or "gemeente" not in self.data:
                self.begin()
            vorig: Oordelen | None = None
            opnieuw: str | None = None
            while True:
                oordelen = self.relevantie.oordelen(self.data)
                self.schrijf("")
                self.schrijf("Oordelen nu:" if vorig is not None else "Oordelen bij de start:")
                self.toon_oordelen(oordelen, vorig)
                # The verdicts (one evaluation) are read while the questions are worked out: the
                # first question of a case file, or after a number, has nothing worked out ahead.
                vragen = self.relevantie.vragen(self.data, self.weet_niet)
                self.schrijf("Geen vraag kan een oordeel nog veranderen." if not vragen else
                             "Nog 1 vraag kan een oordeel veranderen." if len(vragen) == 1 else
                             f"Nog {len(vragen)} vragen kunnen een oordeel veranderen.")
                vorig = oordelen
                vraag = next((v for v in vragen if v.pad == opnieuw), None) if opnieuw else None
                vraag = vraag or (vragen[0] if vragen else None)
                opnieuw = None
                if vraag is None:
                    return True
                self.toon_vraag(vraag, len(self.geschiedenis) + 1)
                self.vooruit.start(self.data, self.weet_niet, vraag.pad, vraag.opties)
                try:
                    waarde = self.lees_antwoord(vraag)
                except Terug:
                    if not self.geschiedenis:
                        self.schrijf("  Dit is de eerste vraag.")
                        opnieuw = vraag.pad
                        continue
                    stap = self.geschiedenis.pop()
                    self.gesteld -= 1
                    self.data, self.weet_niet = stap.data_voor, stap.weet_niet_voor
                    self.vraagteksten.pop(stap.pad, None)
                    opnieuw = stap.pad
                    continue
                finally:
                    self.vooruit.stop()
                self.gesteld += 1
                self.geschiedenis.append(Stap(vraag.pad, self.data, list(self.weet_niet)))
                if waarde is None:
                    self.weet_niet = [*self.weet_niet, vraag.pad]
                else:
                    self.data = met_antwoord(self.data, vraag.pad, waarde)
                    self.vraagteksten[vraag.pad] = vraag.beschrijving
        except Gestopt:
            return False

    # --- the end -----------------------------------------------------------------------------

    def samenvatting(self, klaar: bool, bestand: Path | None) -> None:
        self.schrijf("")
        self.schrijf("Samenvatting")
        for functie, oordeel in self.relevantie.oordelen(self.data).items():
            self.schrijf(f"  {functie_label(functie)}: {oordeel_label(oordeel)}")
        self.schrijf(f"  Beantwoord: {len(self.vraagteksten)}; 'weet niet': "
                     f"{len(self.weet_niet)}; vragen gesteld: {self.gesteld}.")
        open_vragen = self.relevantie.vragen(self.data)
        if open_vragen:
            self.schrijf("  Open vragen die een oordeel nog kunnen veranderen:")
            for vraag in open_vragen:
                namen = ", ".join(functie_label(f) for f in vraag.functies)
                self.gevouwen(f"    - {vraag.pad}: {vraag.beschrijving} ({namen}; "
                              f"{WIE_TEKST[vraag.kenner]})", "      ")
        elif klaar:
            self.gevouwen(f"  {GEEN_VRAAG_MEER}")
        if bestand is not None:
            self.schrijf(f"  Casus geschreven naar {bestand}.")


# --- writing the case ------------------------------------------------------------------------

def _scalar(waarde: Any) -> str:
    if isinstance(waarde, list):
        return "[" + ", ".join(_scalar(deel) for deel in waarde) + "]"
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int | float):
        return repr(waarde)
    tekst = str(waarde)
    # Plain where no YAML reader can take it for anything but text (YAML 1.1 reads yes/no/on/
    # off as booleans); quoted otherwise.
    gewoon = (re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*( [A-Za-z0-9_-]+)*", tekst)
              and tekst.lower() not in {"y", "n", "yes", "no", "on", "off", "true", "false",
                                        "null"})
    return tekst if gewoon else json.dumps(tekst, ensure_ascii=False)


def _einde_van_blok(regels: list[str], kop: int) -> int:
    """The line after the last line of the block under the header on line ``kop`` (answers
    are added in the order they were given; a comment after the block belongs to what
    follows)."""
    inspringing = len(regels[kop]) - len(regels[kop].lstrip())
    einde = kop + 1
    for nummer in range(kop + 1, len(regels)):
        regel = regels[nummer]
        if not regel.strip() or regel.lstrip().startswith("#"):
            continue
        if len(regel) - len(regel.lstrip()) <= inspringing:
            break
        einde = nummer + 1
    return einde


def _met_antwoord(tekst: str, pad: str, waarde: Any, vraag: str) -> str:
    """The text with one answer added as new lines, its question as a comment above it; every
    existing line stays as it was. The answer goes under the deepest section the file already
    has as a block; missing sections are added where the case model puts them."""
    document = YAML().load(tekst) if tekst.strip() else None
    regels = tekst.splitlines(keepends=True)
    delen = pad.split(".")
    ouder = document if isinstance(document, CommentedMap) else CommentedMap()
    diepte = 0
    kop: int | None = None  # line index of the deepest existing section header
    while diepte < len(delen) - 1:
        kind = ouder.get(delen[diepte])
        if not isinstance(kind, CommentedMap) or kind.fa.flow_style():
            break
        kop = ouder.lc.key(delen[diepte])[0]
        ouder, diepte = kind, diepte + 1
    nieuw = []
    for niveau in range(diepte, len(delen) - 1):
        nieuw.append(f"{'  ' * niveau}{delen[niveau]}:\n")
    inspringing = "  " * (len(delen) - 1)
    nieuw += [f"{inspringing}# {r}\n" for r in textwrap.wrap(vraag, 96 - len(inspringing))]
    nieuw.append(f"{inspringing}{delen[-1]}: {_scalar(waarde)}\n")
    if kop is not None:
        positie = _einde_van_blok(regels, kop)
    else:
        volgorde = [*FEITSECTIES, "verwacht"]
        later = [s for s in volgorde[volgorde.index(delen[0]) + 1:] if s in ouder]
        positie = ouder.lc.key(later[0])[0] if later else len(regels)
    if regels and not regels[-1].endswith("\n"):
        regels[-1] += "\n"
    return "".join(regels[:positie] + nieuw + regels[positie:])


def casus_als_yaml(origineel: str | None, data: dict[str, Any],
                   vraagteksten: dict[str, str]) -> str:
    """The case as YAML: a given file's text with the new answers added as new lines (its
    comments and layout kept), each answer with its question as a comment above it."""
    tekst = origineel or ""
    if not origineel:
        tekst = "".join(f"{k}: {_scalar(data[k])}\n" for k in ("id", "gemeente") if k in data)
    for pad, vraag in vraagteksten.items():
        waarde: Any = data
        for deel in pad.split("."):
            waarde = waarde[deel]
        tekst = _met_antwoord(tekst, pad, waarde, vraag)
    return tekst


def schrijf_casus(doel: Path, origineel: str | None, data: dict[str, Any],
                  vraagteksten: dict[str, str]) -> None:
    tekst = casus_als_yaml(origineel, data, vraagteksten)
    controle = YAML(typ="safe").load(tekst)
    valideer(controle, doel)
    schrijf_atomair(doel, tekst)


def vraag_als_json(vraag: Interviewvraag | None) -> str:
    return json.dumps(vraag.als_dict() if vraag else None, ensure_ascii=False, indent=2) + "\n"


def start_interview(bank: Regelbank, casusbestand: Path | None, uitvoer: Path | None,
                    functies: tuple[Werkfunctie, ...], volgende: bool,
                    weet_niet: tuple[str, ...], formaat: str) -> None:
    """The ``kennisbank interview`` command."""
    relevantie = Relevantie(bank, functies)
    for pad in weet_niet:
        if pad not in relevantie.paden:
            raise InvoerFout("--weet-niet", "geen feit van de casus", pad)
    origineel: str | None = None
    data: dict[str, Any] = {}
    if casusbestand is not None:
        geladen = laad_casus(casusbestand)
        origineel = casusbestand.read_text(encoding="utf-8")
        data = zonder_verwachting(geladen.casus)
    if volgende:
        if casusbestand is None:
            raise InvoerFout("--volgende", "vraagt een casusbestand")
        vraag = relevantie.volgende(data, weet_niet)
        if formaat == "json":
            click.echo(vraag_als_json(vraag), nl=False)
        elif vraag is None:
            click.echo(f"Geen vraag meer: {GEEN_VRAAG_MEER[0].lower()}{GEEN_VRAAG_MEER[1:]}")
        else:
            Interviewsessie(relevantie, data).toon_vraag(vraag, 1)
        return
    if formaat != "tekst":
        raise InvoerFout("--format", "het gesprek is tekst; json alleen met --volgende")
    sessie = Interviewsessie(relevantie, data, list(weet_niet))
    klaar = sessie.draai()
    doel = uitvoer or casusbestand
    if doel is None and "id" in sessie.data:
        doel = Path(f"{sessie.data['id']}.yaml")
    if doel is not None and "gemeente" in sessie.data:
        schrijf_casus(doel, origineel, sessie.data, sessie.vraagteksten)
    else:
        doel = None
    sessie.samenvatting(klaar, doel)
