"""Recording the actual outcome as the new expectation, with the file's comments and layout kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kennisbank.advies import Casusresultaat
from kennisbank.regressie import Afwijking
from kennisbank.uitvoerbestand import schrijf_atomair

#: (mapping, sequence, offset) indentations tried, so a file keeps the layout it was written in.
INSPRINGINGEN = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))


def _yaml(inspringing: tuple[int, int, int]) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = inspringing
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _laad_met_layout(tekst: str) -> tuple[YAML, Any]:
    """Parse round-trip, choosing the indentation that reproduces the file unchanged."""
    for inspringing in INSPRINGINGEN:
        yaml = _yaml(inspringing)
        data = yaml.load(tekst)
        if _dump(yaml, data) == tekst:
            return yaml, data
    yaml = _yaml(INSPRINGINGEN[0])
    return yaml, yaml.load(tekst)


def _lijst(waarden: list[str]) -> CommentedSeq:
    lijst = CommentedSeq(waarden)
    lijst.fa.set_flow_style()
    return lijst


def werk_bij(bestand: Path, resultaat: Casusresultaat,
             afwijkingen: list[Afwijking]) -> list[str]:
    """Rewrite the ``verwacht`` section of one case file; returns what changed, for people."""
    tekst = bestand.read_text(encoding="utf-8")
    yaml, data = _laad_met_layout(tekst)
    wijzigingen: list[str] = []
    adviezen = {a.werkfunctie.value: a for a in resultaat.adviezen}
    verwacht = data.get("verwacht")
    if verwacht is None:
        verwacht = CommentedMap()
        for functie, advies in adviezen.items():
            verwacht[functie] = CommentedMap(
                [("oordeel", advies.oordeel.value),
                 ("drempels", _lijst([d.id for d in advies.drempels]))])
        data["verwacht"] = verwacht
        wijzigingen.append(f"{bestand}: verwachting vastgelegd voor {len(adviezen)} functies")
    for afwijking in afwijkingen:
        advies = adviezen[afwijking.werkfunctie]
        regel = verwacht[afwijking.werkfunctie]
        if afwijking.oordeel_wijkt_af:
            regel["oordeel"] = advies.oordeel.value
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.oordeel "
                               f"{afwijking.verwacht_oordeel} → {advies.oordeel.value}")
        if afwijking.drempels_erbij or afwijking.drempels_weg:
            nieuw = [d.id for d in advies.drempels]
            oud = regel.get("drempels")
            if isinstance(oud, CommentedSeq) and not oud.fa.flow_style():
                vervanging = CommentedSeq(nieuw)
            else:
                vervanging = _lijst(nieuw)
            regel["drempels"] = vervanging
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.drempels "
                               f"+{afwijking.drempels_erbij} -{afwijking.drempels_weg}")
        if afwijking.voorwaarden_ontbreken:
            regel["voorwaarden"] = [v for v in regel.get("voorwaarden", [])
                                    if v not in afwijking.voorwaarden_ontbreken]
            wijzigingen.append(f"{bestand}: {afwijking.werkfunctie}.voorwaarden zonder "
                               f"{afwijking.voorwaarden_ontbreken}")
    if wijzigingen:
        schrijf_atomair(bestand, _dump(yaml, data))
    return wijzigingen
