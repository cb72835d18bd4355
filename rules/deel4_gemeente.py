"""Deel 1.6 en 4: wat de gemeente kan doen, gewogen naar oordeel en drempels.

A function that fits but meets barriers the gemeente influences well is a different message from
one blocked by the building itself; the direction (reguleren, stimuleren, faciliteren) and the
roles (aanjager, verkenner, toetser, realisator, verbinder) follow the barriers and the area.
"""

from __future__ import annotations

from kennisbank.casus import kenmerkpaden
from kennisbank.regelapi import (
    MATCH,
    Drempelkenmerken,
    Eindoordeel,
    Fase,
    Gemeenteadvies,
    Gemeentestap,
    Integralevraag,
    Levendigheid,
    OpenVraag,
    Organisatieadvies,
    Overlastrisico,
    Regelcontext,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Gemeentetabel, laad_tabel

GEMEENTE = laad_tabel(tabelpad(__file__, "gemeente.yaml"), Gemeentetabel)
NA_HET_OORDEEL = Fase.ADVISEREN


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
       bron=("1.6", "4.1", "4.5"), fase=NA_HET_OORDEEL, aanname=GEMEENTE.aanname)
def advies(ctx: Regelcontext, werkfunctie: str, oordeel: str) -> None:
    """Weegt oordeel en drempels tot een boodschap, een sturingsrichting en passende rollen."""
    # Only barriers that play weigh in the message; an aandachtspunt is shown on its own.
    drempels = ctx.feiten(Drempelkenmerken, werkfunctie=werkfunctie, sterkte="speelt")
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
        koppeling = GEMEENTE.drempels[drempel.drempel]
        ctx.verklaar(Gemeentestap(
            werkfunctie=werkfunctie, aanleiding=drempel.drempel, sturing=koppeling.sturing,
            rollen=tuple(koppeling.rollen), tekst=koppeling.tekst, bron=drempel.bron,
            citaat=koppeling.citaat,
            beinvloedbaarheid=drempel.beinvloedbaarheid, regel=ctx.meta.id))
        sturing.append(koppeling.sturing)
        rollen.extend(koppeling.rollen)

    open_vragen = ctx.feiten(OpenVraag, werkfunctie=werkfunctie)
    spelend = {d.drempel for d in drempels}
    for drempel_id, stap in GEMEENTE.bij_open_vraag.items():
        # Only while the barrier waits on this question: once answered it plays (and brings
        # its own step) or it does not. The step is conditional, so it sets no direction.
        # A barrier that already plays on other facts (2.D8 in an area without a framework)
        # brings its own step, which covers the conditional one.
        if drempel_id not in spelend and any(
                vraag.drempel == drempel_id and stap.pad in vraag.kenmerken
                for vraag in open_vragen):
            ctx.verklaar(Gemeentestap(
                werkfunctie=werkfunctie, aanleiding=drempel_id, sturing=stap.sturing,
                rollen=tuple(stap.rollen), tekst=stap.tekst, bron=stap.bron,
                citaat=stap.citaat, regel=ctx.meta.id))
    drempels_onbekend = any("drempel" in vraag for vraag in open_vragen)
    soort = _boodschap(oordeel, [d.beinvloedbaarheid for d in drempels], drempels_onbekend)
    boodschap = GEMEENTE.boodschappen[soort]  # type: ignore[index]
    bron, citaat = boodschap.bron, boodschap.citaat
    if soort == "kansrijk_drempels_beperkt":
        # Cite the barrier that limits the gemeente's influence here, not a fixed one.
        beperkt = next(d for d in drempels if d.beinvloedbaarheid == "beperkt")
        bron, citaat = beperkt.bron, beperkt.toelichting
    ctx.verklaar(Gemeenteadvies(
        werkfunctie=werkfunctie, boodschap=soort, tekst=boodschap.tekst, bron=bron,
        citaat=citaat, sturing=tuple(dict.fromkeys(sturing)),
        rollen=tuple(dict.fromkeys(rollen)), regel=ctx.meta.id))


@regel("gemeente.organisatie",
       citaat=("Het organiseren van een effectieve aanpak vraagt niet per se om meer middelen, "
               "maar vooral om duidelijke keuzes in organisatie en prioriteit."),
       bron=("4.2", "4.4"))
def organisatie(ctx: Regelcontext) -> None:
    """Zegt per uitgangspunt van 4.2 en element van 4.4 of de gemeente het heeft geregeld."""
    for punt in GEMEENTE.organisatie:
        waarde = ctx.kenmerk(punt.pad) if punt.pad else None
        status = "onbekend" if waarde is None else ("aanwezig" if waarde else "ontbreekt")
        # A status read from a neighbouring fact (a beleidskader for transparency) is no fact of
        # the case: the output names the fact it was read from, beside the aanname.
        afgeleid_uit = ""
        if punt.aanname and punt.pad and waarde is not None:
            beschrijving = kenmerkpaden()[punt.pad]["beschrijving"].rstrip(".")
            afgeleid_uit = f"{beschrijving}: {'ja' if waarde else 'nee'}"
        ctx.verklaar(Organisatieadvies(
            punt=punt.id, tekst=punt.tekst, status=status, bron=punt.bron, citaat=punt.citaat,
            pad=punt.pad or "", aanname=punt.aanname or "", afgeleid_uit=afgeleid_uit,
            regel=ctx.meta.id))


@regel("gemeente.integrale_vragen",
       Eindoordeel(werkfunctie=MATCH.werkfunctie, oordeel=MATCH.oordeel),
       citaat=("Dit betekent dat initiatieven niet afzonderlijk worden beoordeeld op bijvoorbeeld "
               "alleen ruimtelijke ordening, economie of leefbaarheid, maar vanuit een "
               "samenhangend perspectief:"),
       bron="4.3", fase=NA_HET_OORDEEL,
       aanname="De kennisbank beantwoordt de drie integrale vragen niet; zij geeft per vraag wat "
               "zij weet (oordeel, levendigheid, overlastrisico). De afweging is aan de gemeente.")
def integrale_vragen(ctx: Regelcontext, werkfunctie: str, oordeel: str) -> None:
    """Stelt de drie integrale vragen van 4.3 met wat de kennisbank over de functie weet."""
    levendig = {f.dagdeel: f.lezing
                for f in ctx.feiten(Levendigheid, werkfunctie=werkfunctie)}
    risico = [f.risico for f in ctx.feiten(Overlastrisico, werkfunctie=werkfunctie)]
    bekend = {
        "functionele_balans": (
            f"Bijdrage aan levendigheid overdag: {levendig.get('dag', 'onbekend')}; 's avonds: "
            f"{levendig.get('avond', 'onbekend')} (1.5); de balans in het gebied weegt de "
            "gemeente zelf."),
        "past_bij_locatie": (f"Oordeel van de kennisbank: {oordeel.replace('_', ' ')} (matrix "
                             "1.4 en profiel 1.2)."),
        "andere_functies": (f"Overlastrisico {risico[0] if risico else 'onbekend'} (2.D1); "
                            "de verhouding tot andere gebruikers weegt de gemeente zelf."),
    }
    for vraag in GEMEENTE.integrale_vragen:
        ctx.verklaar(Integralevraag(werkfunctie=werkfunctie, vraag=vraag.id, citaat=vraag.citaat,
                                    bron=vraag.bron, bekend=bekend[vraag.id], regel=ctx.meta.id))
