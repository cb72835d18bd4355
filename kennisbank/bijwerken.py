"""Recording the actual outcome as the new expectation, with the file's comments and layout kept.

ruamel.yaml's composer tells exactly where each value stands in the file; only those spans are
rewritten, so comments, quoting, line endings and the order of keys stay as a person wrote them.
Where the layout is one this span editing does not handle (a flow mapping, a block scalar, an
item spread over lines), the file is rewritten with ruamel's round-trip dumper instead. Either
way the new text is read back before the file is replaced: it must load and hold exactly the
intended expectation with every other value unchanged, or the file is left alone and the update
refused.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kennisbank.advies import Casusresultaat
from kennisbank.fouten import InvoerFout
from kennisbank.regressie import Afwijking
from kennisbank.uitvoerbestand import schrijf_atomair

#: Plain scalars that YAML 1.1 or 1.2 readers take for something other than a string.
_GERESERVEERD = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}

Verwachting = dict[str, dict[str, Any]]


class NietVeilig(Exception):
    """The span editor cannot rewrite this layout; the round-trip dumper gets a turn."""


def yaml_scalar(waarde: str) -> str:
    """``waarde`` as a YAML scalar that every reader reads back as exactly this string."""
    if (waarde and waarde.lower() not in _GERESERVEERD and waarde[0].isalpha()
            and all(c.isalnum() or c == "_" for c in waarde) and waarde.isascii()):
        return waarde
    tekens = []
    for teken in json.dumps(waarde, ensure_ascii=False)[1:-1]:
        if teken.isprintable() or teken == " ":
            tekens.append(teken)
        elif ord(teken) <= 0xFFFF:
            tekens.append(f"\\u{ord(teken):04x}")
        else:
            tekens.append(f"\\U{ord(teken):08x}")
    return '"' + "".join(tekens) + '"'


def _verwachting_als_tekst(verwachting: Verwachting, inspringing: str = "  ") -> str:
    regels = ["verwacht:"]
    for functie, velden in verwachting.items():
        regels.append(f"{inspringing}{yaml_scalar(functie)}:")
        for veld, waarde in velden.items():
            if isinstance(waarde, list):
                tekst = "[" + ", ".join(yaml_scalar(w) for w in waarde) + "]"
            else:
                tekst = yaml_scalar(waarde)
            regels.append(f"{inspringing * 2}{veld}: {tekst}")
    return "\n".join(regels)


def _waarde(knoop: MappingNode, sleutel: str) -> tuple[ScalarNode, Node] | None:
    for k, v in knoop.value:
        if isinstance(k, ScalarNode) and k.value == sleutel:
            return k, v
    return None


def _regeleinde(tekst: str, positie: int) -> int:
    einde = tekst.find("\n", positie)
    return len(tekst) if einde < 0 else einde


class Spanbewerking:
    """Replacements of node spans in the original text, applied from the end backwards."""

    def __init__(self, tekst: str):
        self.tekst = tekst
        self.vervangingen: list[tuple[int, int, str]] = []

    def vervang(self, begin: int, eind: int, nieuw: str) -> None:
        self.vervangingen.append((begin, eind, nieuw))

    def bron(self, knoop: Node) -> str:
        return self.tekst[knoop.start_mark.index:knoop.end_mark.index]

    def scalar(self, knoop: Node, nieuw: str) -> None:
        if not isinstance(knoop, ScalarNode) or knoop.style in ("|", ">"):
            raise NietVeilig("geen enkelregelige scalar")
        self.vervang(knoop.start_mark.index, knoop.end_mark.index, yaml_scalar(nieuw))

    def lijst(self, sleutel: ScalarNode, knoop: Node, oud: list[Any], nieuw: list[str]) -> None:
        if not isinstance(knoop, SequenceNode) or len(knoop.value) != len(oud):
            raise NietVeilig("geen lijst")
        items: list[ScalarNode] = []
        for item in knoop.value:
            if not isinstance(item, ScalarNode) or "\n" in self.bron(item):
                raise NietVeilig("lijstitem over meer regels")
            items.append(item)
        # Each kept value keeps the text a person wrote for it (quotes and all).
        bronnen: dict[str, str] = {}
        for waarde, item in zip(oud, items, strict=True):
            if isinstance(waarde, str):
                bronnen.setdefault(waarde, self.bron(item))
        teksten = [bronnen.get(w) or yaml_scalar(w) for w in nieuw]
        if knoop.flow_style or not items:
            self.vervang(knoop.start_mark.index, knoop.end_mark.index,
                         "[" + ", ".join(teksten) + "]")
        elif not nieuw:
            self.vervang(sleutel.end_mark.index, items[-1].end_mark.index, ": []")
        else:
            self._bloklijst(knoop.start_mark.column, items, oud, nieuw, teksten)

    def _bloklijst(self, kolom: int, items: list[ScalarNode], oud: list[Any], nieuw: list[str],
                   teksten: list[str]) -> None:
        """Drop the lines of items that go, add lines for new ones: comments in between stay."""
        regels: list[tuple[int, int]] = []
        for item in items:
            begin = self.tekst.rfind("\n", 0, item.start_mark.index) + 1
            streep = self.tekst[begin:item.start_mark.index]
            if streep.strip() != "-" or not streep.startswith(" " * kolom + "-"):
                raise NietVeilig("lijstitem deelt een regel")
            regels.append((begin, _regeleinde(self.tekst, item.end_mark.index)))
        behouden = [i for i, waarde in enumerate(oud) if waarde in nieuw]
        if not behouden or [oud[i] for i in behouden] != nieuw[:len(behouden)]:
            # Nothing kept in place: new item lines, after the comment lines the list had.
            begin, eind = regels[0][0], regels[-1][1]
            commentaar = [r for r in self.tekst[begin:eind].split("\n")
                          if r.lstrip().startswith("#")]
            self.vervang(begin, eind, "\n".join(
                commentaar + [f"{' ' * kolom}- {t}" for t in teksten]))
            return
        nieuwe_regels = [f"{' ' * kolom}- {t}" for t in teksten[len(behouden):]]
        for i, (begin, eind) in enumerate(regels):
            if i not in behouden:
                self.vervang(begin, min(eind + 1, len(self.tekst)), "")
        if nieuwe_regels:
            invoegen = regels[behouden[-1]][1]
            self.vervang(invoegen, invoegen, "".join("\n" + r for r in nieuwe_regels))

    def resultaat(self) -> str:
        tekst = self.tekst
        for begin, eind, nieuw in sorted(self.vervangingen, key=lambda v: (v[0], v[1]),
                                         reverse=True):
            tekst = tekst[:begin] + nieuw + tekst[eind:]
        return tekst


def _laatste_blad(knoop: Node) -> Node:
    while isinstance(knoop, MappingNode | SequenceNode) and knoop.value and not knoop.flow_style:
        laatste = knoop.value[-1]
        knoop = laatste[1] if isinstance(laatste, tuple) else laatste
    return knoop


def _met_spans(tekst: str, verwachting: Verwachting, bestaande: Any) -> str:
    wortel = YAML().compose(tekst)
    if not isinstance(wortel, MappingNode) or wortel.flow_style:
        raise NietVeilig("het document is geen blokmapping")
    bewerking = Spanbewerking(tekst)
    paar = _waarde(wortel, "verwacht")
    if paar is None:
        blad = _laatste_blad(wortel)
        positie = blad.end_mark.index
        if positie == 0 or tekst[positie - 1] != "\n":
            positie = _regeleinde(tekst, positie)
            scheiding = "\n"
        else:
            scheiding = ""
        bewerking.vervang(positie, positie,
                          scheiding + _verwachting_als_tekst(verwachting)
                          + ("\n" if not scheiding else ""))
        return bewerking.resultaat()
    sleutel, waarde = paar
    if sleutel.start_mark.column != 0:
        raise NietVeilig("verwacht staat niet aan het begin van de regel")
    if not bestaande or not isinstance(waarde, MappingNode) or set(bestaande) != set(verwachting):
        eind = (_regeleinde(tekst, sleutel.end_mark.index)
                if isinstance(waarde, ScalarNode) and not waarde.value else waarde.end_mark.index)
        if isinstance(waarde, MappingNode) and not waarde.flow_style:
            raise NietVeilig("andere functies dan verwacht")
        bewerking.vervang(sleutel.start_mark.index, eind, _verwachting_als_tekst(verwachting))
        return bewerking.resultaat()
    for functie, velden in verwachting.items():
        functiepaar = _waarde(waarde, functie)
        if functiepaar is None or not isinstance(functiepaar[1], MappingNode):
            raise NietVeilig(f"{functie} is geen mapping")
        for veld, nieuw in velden.items():
            veldpaar = _waarde(functiepaar[1], veld)
            if veldpaar is None:
                raise NietVeilig(f"{functie}.{veld} ontbreekt")
            if bestaande[functie].get(veld) == nieuw:
                continue
            if isinstance(nieuw, list):
                oud = bestaande[functie].get(veld)
                if not isinstance(oud, list):
                    raise NietVeilig(f"{functie}.{veld} is geen lijst")
                bewerking.lijst(veldpaar[0], veldpaar[1], oud, nieuw)
            else:
                bewerking.scalar(veldpaar[1], nieuw)
    return bewerking.resultaat()


def _met_round_trip(tekst: str, verwachting: Verwachting, bestaande: Any) -> str:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(tekst)
    geladen = data.get("verwacht")
    if not geladen or set(geladen) != set(verwachting):
        data["verwacht"] = verwachting
    else:
        for functie, velden in verwachting.items():
            if set(geladen[functie]) != set(velden):
                geladen[functie] = velden
                continue
            for veld, nieuw in velden.items():
                if bestaande[functie][veld] != nieuw:
                    geladen[functie][veld] = nieuw
    uit = io.StringIO()
    yaml.dump(data, uit)
    return uit.getvalue()


def _leest_terug_als(tekst: str, bedoeld: Any) -> bool:
    try:
        return bool(YAML(typ="safe").load(tekst) == bedoeld)
    except (YAMLError, ValueError, RecursionError):
        return False


def herschrijf_verwachting(tekst: str, verwachting: Verwachting, bron: Path | str) -> str:
    """The file text with ``verwacht`` set to ``verwachting``; everything else as it was.

    Raises InvoerFout when no rewrite reads back as intended: the caller keeps the file.
    """
    bom = "\ufeff" if tekst.startswith("\ufeff") else ""
    crlf = "\r\n" in tekst
    werk = tekst.removeprefix(bom)
    if crlf:
        werk = werk.replace("\r\n", "\n")
    origineel = YAML(typ="safe").load(werk)
    if not isinstance(origineel, dict):
        raise InvoerFout(bron, "een casus is een YAML-mapping", "verwacht")
    if origineel.get("verwacht") == verwachting:
        return tekst
    bedoeld = {**origineel, "verwacht": verwachting}
    schrijvers: list[Callable[[str, Verwachting, Any], str]] = [_met_spans, _met_round_trip]
    for schrijf in schrijvers:
        try:
            nieuw = schrijf(werk, verwachting, origineel.get("verwacht"))
        except (NietVeilig, YAMLError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if crlf:
            nieuw = nieuw.replace("\n", "\r\n")
        nieuw = bom + nieuw
        if _leest_terug_als(nieuw, bedoeld):
            return nieuw
    raise InvoerFout(bron, "kan de verwachting niet herschrijven zonder de rest van het "
                           "bestand te veranderen; bestand ongewijzigd gelaten", "verwacht")


def bedoelde_verwachting(bestaande: Any, resultaat: Casusresultaat,
                         afwijkingen: list[Afwijking]) -> Verwachting:
    """The expectation after recording: the changed fields of ``bestaande``, or a full one."""
    if not bestaande or not isinstance(bestaande, dict):
        return {a.werkfunctie.value: {"oordeel": a.oordeel.value,
                                      "drempels": [d.id for d in a.drempels]}
                for a in resultaat.adviezen}
    verwachting: Verwachting = {f: dict(v) if isinstance(v, dict) else v
                                for f, v in bestaande.items()}
    adviezen = {a.werkfunctie.value: a for a in resultaat.adviezen}
    for afwijking in afwijkingen:
        velden = verwachting[afwijking.werkfunctie]
        if afwijking.oordeel_wijkt_af:
            velden["oordeel"] = adviezen[afwijking.werkfunctie].oordeel.value
        if afwijking.drempels_erbij or afwijking.drempels_weg:
            velden["drempels"] = ([d for d in velden["drempels"]
                                   if d not in afwijking.drempels_weg]
                                  + afwijking.drempels_erbij)
        if afwijking.voorwaarden_ontbreken:
            velden["voorwaarden"] = [v for v in velden["voorwaarden"]
                                     if v not in afwijking.voorwaarden_ontbreken]
    return verwachting


def werk_bij(bestand: Path, resultaat: Casusresultaat,
             afwijkingen: list[Afwijking]) -> list[str]:
    """Rewrite the ``verwacht`` section of one case file; returns what changed, for people."""
    with bestand.open(encoding="utf-8", newline="") as invoer:
        tekst = invoer.read()
    bestaande = YAML(typ="safe").load(tekst.replace("\r\n", "\n")).get("verwacht")
    verwachting = bedoelde_verwachting(bestaande, resultaat, afwijkingen)
    wijzigingen: list[str] = []
    if not bestaande:
        wijzigingen.append(f"{bestand}: verwachting vastgelegd voor {len(verwachting)} functies")
    for afwijking in afwijkingen if bestaande else []:
        if afwijking.oordeel_wijkt_af:
            oud = afwijking.verwacht_oordeel.value if afwijking.verwacht_oordeel else None
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.oordeel "
                               f"{oud} → {afwijking.oordeel.value}")
        if afwijking.drempels_erbij or afwijking.drempels_weg:
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.drempels "
                               f"+{afwijking.drempels_erbij} -{afwijking.drempels_weg}")
        if afwijking.voorwaarden_ontbreken:
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.voorwaarden zonder "
                               f"{afwijking.voorwaarden_ontbreken}")
    nieuw = herschrijf_verwachting(tekst, verwachting, bestand)
    if nieuw != tekst:
        schrijf_atomair(bestand, nieuw)
    return wijzigingen
