"""Deel 1.6 en 4: wat de gemeente kan doen, gewogen naar oordeel en drempels.

A function that fits but meets barriers the gemeente influences well is a different message from
one blocked by the building itself; the direction (reguleren, stimuleren, faciliteren) and the
roles (aanjager, verkenner, toetser, realisator, verbinder) follow the barriers and the area.
"""

from __future__ import annotations

from kennisbank.regelapi import (
    MATCH,
    Drempelkenmerken,
    Eindoordeel,
    Gemeenteadvies,
    Gemeentestap,
    OpenVraag,
    Regelcontext,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Gemeentetabel, laad_tabel

GEMEENTE = laad_tabel(tabelpad(__file__, "gemeente.yaml"), Gemeentetabel)
NA_HET_OORDEEL = -50


def _boodschap(oordeel: str, invloed: list[str], drempels_onbekend: bool) -> str:
    if oordeel == "niet_passend":
        return "niet_passend"
    if oordeel == "beperkt_passend":
        return "beperkt_passend"
    if not invloed:
        # "Er speelt geen drempel" is only true when every fact a barrier depends on is known.
        return "kansrijk_drempels_onbekend" if drempels_onbekend else "kansrijk_zonder_drempels"
    if "beperkt" in invloed:
        return "kansrijk_drempels_beperkt"
    return "kansrijk_drempels_beinvloedbaar"


@regel("gemeente.advies", Eindoordeel(werkfunctie=MATCH.werkfunctie, oordeel=MATCH.oordeel),
       citaat=("Effectieve sturing vraagt daarom niet om één dominante rol, maar om het bewust "
               "kiezen en combineren van rollen"),
       bron=("1.6", "4.1", "4.5"), salience=NA_HET_OORDEEL, aanname=GEMEENTE.aanname)
def advies(ctx: Regelcontext, werkfunctie: str, oordeel: str) -> None:
    """Weegt oordeel en drempels tot een boodschap, een sturingsrichting en passende rollen."""
    drempels = ctx.feiten(Drempelkenmerken, werkfunctie=werkfunctie)
    sturing: list[str] = []
    rollen: list[str] = []

    for context in GEMEENTE.context:
        if context.als.toets(ctx.lezer(werkfunctie)) is True:
            ctx.verklaar(Gemeentestap(
                werkfunctie=werkfunctie, aanleiding=context.id, sturing=context.sturing,
                rollen=tuple(context.rollen), tekst=context.tekst, bron=context.bron,
                citaat=context.citaat, regel=ctx.meta.id))
            sturing.append(context.sturing)
            rollen.extend(context.rollen)
    for drempel in drempels:
        koppeling = GEMEENTE.drempels[drempel["drempel"]]
        ctx.verklaar(Gemeentestap(
            werkfunctie=werkfunctie, aanleiding=drempel["drempel"], sturing=koppeling.sturing,
            rollen=tuple(koppeling.rollen), tekst=koppeling.tekst, bron=drempel["bron"],
            citaat=koppeling.citaat,
            beinvloedbaarheid=drempel["beinvloedbaarheid"], regel=ctx.meta.id))
        sturing.append(koppeling.sturing)
        rollen.extend(koppeling.rollen)

    drempels_onbekend = any("drempel" in vraag for vraag in ctx.feiten(
        OpenVraag, werkfunctie=werkfunctie))
    soort = _boodschap(oordeel, [d["beinvloedbaarheid"] for d in drempels], drempels_onbekend)
    boodschap = GEMEENTE.boodschappen[soort]  # type: ignore[index]
    bron, citaat = boodschap.bron, boodschap.citaat
    if soort == "kansrijk_drempels_beperkt":
        # Cite the barrier that limits the gemeente's influence here, not a fixed one.
        beperkt = next(d for d in drempels if d["beinvloedbaarheid"] == "beperkt")
        bron, citaat = beperkt["bron"], beperkt["toelichting"]
    ctx.verklaar(Gemeenteadvies(
        werkfunctie=werkfunctie, boodschap=soort, tekst=boodschap.tekst, bron=bron,
        citaat=citaat, sturing=tuple(dict.fromkeys(sturing)),
        rollen=tuple(dict.fromkeys(rollen)), regel=ctx.meta.id))
