"""The result: one advies per werkfunctie, gathered from the engine's conclusions and trace."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kennisbank.domein import WERKFUNCTIE_NAMEN, Oordeel, Werkfunctie, slechtste
from kennisbank.engine import Evaluatie, Vuring
from kennisbank.experta_compat import Fact
from kennisbank.regelapi import (
    Aanname,
    Levendigheid,
    Matrixscore,
    Oordeelgrens,
    OpenVraag,
    Reden,
    Voorwaarde,
)


class Uitvoer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Redenering(Uitvoer):
    tekst: str
    regel: str
    bron: str
    citaat: str = ""
    grens: Oordeel | None = Field(
        default=None, description="Het hoogste oordeel dat deze reden toelaat, als zij begrenst.")


class Vraag(Uitvoer):
    vraag: str
    kenmerken: list[str]
    regel: str
    bron: str


class Veronderstelling(Uitvoer):
    tekst: str
    regel: str


class Dagdeelbijdrage(Uitvoer):
    niveau: str
    tekst: str
    regel: str
    bron: str
    citaat: str


class Levendigheidsbijdrage(Uitvoer):
    dag: Dagdeelbijdrage | None
    avond: Dagdeelbijdrage | None


class Spoorstap(Uitvoer):
    stap: int
    regel: str
    omschrijving: str
    bron: str
    feiten: list[dict[str, Any]]
    conclusies: list[dict[str, Any]]


class Advies(Uitvoer):
    werkfunctie: Werkfunctie
    naam: str
    locatietype: str | None
    matrixscore: str | None
    oordeel: Oordeel
    redenen: list[Redenering]
    voorwaarden: list[Redenering]
    open_vragen: list[Vraag]
    aannames: list[Veronderstelling]
    levendigheid: Levendigheidsbijdrage
    drempels: list[dict[str, Any]] = []
    spoor: list[Spoorstap]


class Aangepast(Uitvoer):
    """A case fact overridden for a what-if: the value in the file and the value used."""

    pad: str
    oud: Any
    nieuw: Any


class Casusresultaat(Uitvoer):
    casus: str
    gemeente: str
    titel: str | None
    illustratief: bool | None
    aangepast: list[Aangepast] = []
    adviezen: list[Advies]


def feit_als_dict(feit: Fact) -> dict[str, Any]:
    """A fact's content for the trace: its id, its type and its fields, in plain JSON types."""
    inhoud: dict[str, Any] = {"id": feit["__factid__"], "feit": type(feit).__name__}
    for sleutel, waarde in feit.as_dict().items():
        inhoud[str(sleutel)] = _json(waarde)
    return inhoud


def _json(waarde: Any) -> Any:
    if isinstance(waarde, tuple | list | frozenset):
        return [_json(w) for w in waarde]
    if isinstance(waarde, dict):
        return {str(k): _json(v) for k, v in waarde.items()}
    return waarde


def _betreft(vuring: Vuring, werkfunctie: str) -> bool:
    """A firing belongs in a function's trace if it concerns that function or no function."""
    functies = {f.get("werkfunctie") for f in [*vuring.feiten, *vuring.conclusies]} - {None}
    return not functies or werkfunctie in functies


def spoor_voor(evaluatie: Evaluatie, werkfunctie: str) -> list[Spoorstap]:
    return [
        Spoorstap(stap=v.stap, regel=v.regel.id, omschrijving=v.regel.omschrijving,
                  bron=v.regel.bron, feiten=[feit_als_dict(f) for f in v.feiten],
                  conclusies=[feit_als_dict(f) for f in v.conclusies])
        for v in evaluatie.spoor if _betreft(v, werkfunctie)
    ]


def _redenering(feit: Fact) -> Redenering:
    grens = Oordeel(feit["oordeel"]) if isinstance(feit, Oordeelgrens) else None
    return Redenering(tekst=feit["tekst"], regel=feit["regel"], bron=feit["bron"],
                      citaat=feit.get("citaat", ""), grens=grens)


def bepaal_oordeel(grenzen: list[Oordeel], heeft_voorwaarden: bool) -> Oordeel:
    """The verdict is the lowest ceiling any reason sets; any condition caps it below passend."""
    if heeft_voorwaarden:
        grenzen = [*grenzen, Oordeel.PASSEND_ONDER_VOORWAARDEN]
    return slechtste(grenzen)


def advies_voor(evaluatie: Evaluatie, werkfunctie: Werkfunctie) -> Advies:
    wf = werkfunctie.value
    grenzen = evaluatie.van_type(Oordeelgrens, wf)
    redenen = [_redenering(f) for f in evaluatie.feiten
               if type(f) in (Oordeelgrens, Reden) and f.get("werkfunctie") == wf]
    voorwaarden = [_redenering(f) for f in evaluatie.van_type(Voorwaarde, wf)]
    vragen = [Vraag(vraag=f["vraag"], kenmerken=list(f["kenmerken"]), regel=f["regel"],
                    bron=f["bron"]) for f in evaluatie.van_type(OpenVraag, wf)]
    aannames = [Veronderstelling(tekst=f["tekst"], regel=f["regel"])
                for f in evaluatie.van_type(Aanname, wf)]
    scores = evaluatie.van_type(Matrixscore, wf)
    levendig: dict[str, Dagdeelbijdrage] = {}
    for feit in evaluatie.van_type(Levendigheid, wf):
        levendig[feit["dagdeel"]] = Dagdeelbijdrage(
            niveau=feit["niveau"], tekst=feit["tekst"], regel=feit["regel"], bron=feit["bron"],
            citaat=feit["citaat"])
    locatietype = evaluatie.casus.locatie.locatietype
    locatietype_id = str(getattr(locatietype, "value", locatietype)) if locatietype else None
    return Advies(
        werkfunctie=werkfunctie,
        naam=WERKFUNCTIE_NAMEN[werkfunctie],
        locatietype=locatietype_id,
        matrixscore=scores[0]["symbool"] if scores else None,
        oordeel=bepaal_oordeel([Oordeel(g["oordeel"]) for g in grenzen], bool(voorwaarden)),
        redenen=redenen,
        voorwaarden=voorwaarden,
        open_vragen=_uniek(vragen),
        aannames=_uniek(aannames),
        levendigheid=Levendigheidsbijdrage(dag=levendig.get("dag"), avond=levendig.get("avond")),
        spoor=spoor_voor(evaluatie, wf),
    )


def _uniek(items: list[Any]) -> list[Any]:
    gezien: set[str] = set()
    uniek = []
    for item in items:
        sleutel = item.model_dump_json()
        if sleutel not in gezien:
            gezien.add(sleutel)
            uniek.append(item)
    return uniek


def casusresultaat(evaluatie: Evaluatie) -> Casusresultaat:
    casus = evaluatie.casus
    return Casusresultaat(
        casus=casus.id, gemeente=casus.gemeente, titel=casus.titel,
        illustratief=casus.illustratief,
        adviezen=[advies_voor(evaluatie, f) for f in evaluatie.functies],
    )
