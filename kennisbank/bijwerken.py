"""Recording the actual outcome as the new expectation, with the file's comments and layout kept.

ruamel.yaml's round-trip parser tells where each value stands in the file; only those spans are
rewritten, so comments, quoting, line breaks and the order of keys stay exactly as a person
wrote them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from kennisbank.advies import Advies, Casusresultaat
from kennisbank.regressie import Afwijking
from kennisbank.uitvoerbestand import schrijf_atomair


def _positie(regels: list[str], regel: int, kolom: int) -> int:
    return sum(len(r) + 1 for r in regels[:regel]) + kolom


def _flowlijst(waarden: list[str]) -> str:
    return "[" + ", ".join(json.dumps(w, ensure_ascii=False) if " " in w or ":" in w else w
                           for w in waarden) + "]"


class Tekstbewerking:
    """Replacements of value spans in the original text, applied from the end backwards."""

    def __init__(self, tekst: str):
        self.tekst = tekst
        self.regels = tekst.split("\n")
        self.vervangingen: list[tuple[int, int, str]] = []

    def scalar(self, ouder: CommentedMap, sleutel: str, nieuw: str) -> None:
        regel, kolom = ouder.lc.value(sleutel)
        begin = _positie(self.regels, regel, kolom)
        eind = begin
        while eind < len(self.tekst) and self.tekst[eind] not in " \t\n#,}":
            eind += 1
        self.vervangingen.append((begin, eind, nieuw))

    def lijst(self, ouder: CommentedMap, sleutel: str, nieuw: list[str]) -> None:
        regel, kolom = ouder.lc.value(sleutel)
        begin = _positie(self.regels, regel, kolom)
        if self.tekst[begin] == "[":
            eind = self.tekst.index("]", begin) + 1
            self.vervangingen.append((begin, eind, _flowlijst(nieuw)))
            return
        # A block sequence: its items are the following lines that start with '-' at this column.
        inspringing = " " * kolom
        begin -= kolom  # whole lines, indentation included
        eind = begin
        positie = begin
        while True:
            regeleinde = self.tekst.find("\n", positie)
            regeleinde = len(self.tekst) if regeleinde < 0 else regeleinde
            inhoud = self.tekst[positie:regeleinde]
            if not inhoud.startswith(inspringing + "- "):
                break
            eind = regeleinde
            positie = regeleinde + 1
        nieuwe_regels = "\n".join(f"{inspringing}- {w}" for w in nieuw) or f"{inspringing}[]"
        self.vervangingen.append((begin, eind, nieuwe_regels))

    def na_blok(self, ouder: CommentedMap, tekst: str) -> None:
        """Insert lines after the last entry of a block mapping (after its nested lines)."""
        laatste = list(ouder)[-1]
        regel, kolom = ouder.lc.key(laatste)
        volgende = regel + 1
        while volgende < len(self.regels) and (
                not self.regels[volgende].strip()
                or len(self.regels[volgende]) - len(self.regels[volgende].lstrip()) > kolom):
            volgende += 1
        while volgende - 1 > regel and not self.regels[volgende - 1].strip():
            volgende -= 1  # blank lines after the block stay after the insertion
        positie = _positie(self.regels, volgende, 0)
        if positie > len(self.tekst):  # the block ends the file without a final newline
            self.vervangingen.append((len(self.tekst), len(self.tekst), "\n" + tekst))
        else:
            self.vervangingen.append((positie, positie, tekst + "\n"))

    def toevoegen(self, tekst: str) -> None:
        einde = len(self.tekst)
        scheiding = "" if self.tekst.endswith("\n") else "\n"
        self.vervangingen.append((einde, einde, scheiding + tekst))

    def resultaat(self) -> str:
        tekst = self.tekst
        for begin, eind, nieuw in sorted(self.vervangingen, reverse=True):
            tekst = tekst[:begin] + nieuw + tekst[eind:]
        return tekst


def _functieverwachting(advies: Advies, inspringing: str = "  ") -> list[str]:
    return [f"{inspringing}{advies.werkfunctie.value}:",
            f"{inspringing}  oordeel: {advies.oordeel.value}",
            f"{inspringing}  drempels: {_flowlijst([d.id for d in advies.drempels])}"]


def _verwachting_als_tekst(resultaat: Casusresultaat) -> str:
    regels = ["verwacht:"]
    for advies in resultaat.adviezen:
        regels += _functieverwachting(advies)
    return "\n".join(regels) + "\n"


def werk_bij(bestand: Path, resultaat: Casusresultaat,
             afwijkingen: list[Afwijking]) -> list[str]:
    """Rewrite the ``verwacht`` section of one case file; returns what changed, for people."""
    tekst = bestand.read_text(encoding="utf-8")
    data: Any = YAML().load(tekst)
    bewerking = Tekstbewerking(tekst)
    wijzigingen: list[str] = []
    adviezen = {a.werkfunctie.value: a for a in resultaat.adviezen}
    verwacht = data.get("verwacht")
    if verwacht is None:
        bewerking.toevoegen(_verwachting_als_tekst(resultaat))
        wijzigingen.append(f"{bestand}: verwachting vastgelegd voor {len(adviezen)} functies")
    for afwijking in afwijkingen:
        advies = adviezen[afwijking.werkfunctie]
        if afwijking.niet_verwacht:
            _, kolom = verwacht.lc.key(list(verwacht)[0])
            bewerking.na_blok(verwacht, "\n".join(_functieverwachting(advies, " " * kolom)))
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie} toegevoegd aan verwacht "
                               f"({advies.oordeel.value})")
            continue
        regel = verwacht[afwijking.werkfunctie]
        if afwijking.oordeel_wijkt_af:
            bewerking.scalar(regel, "oordeel", advies.oordeel.value)
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.oordeel "
                               f"{afwijking.verwacht_oordeel} → {advies.oordeel.value}")
        if afwijking.drempels_erbij or afwijking.drempels_weg:
            bewerking.lijst(regel, "drempels", [d.id for d in advies.drempels])
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.drempels "
                               f"+{afwijking.drempels_erbij} -{afwijking.drempels_weg}")
        if afwijking.voorwaarden_ontbreken:
            blijven = [v for v in regel.get("voorwaarden", [])
                       if v not in afwijking.voorwaarden_ontbreken]
            bewerking.lijst(regel, "voorwaarden", blijven)
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.voorwaarden zonder "
                               f"{afwijking.voorwaarden_ontbreken}")
    if wijzigingen:
        schrijf_atomair(bestand, bewerking.resultaat())
    return wijzigingen
