"""Het eindoordeel per werkfunctie: de laagste grens die een regel stelt.

Fires in phase CONCLUDEREN, after every rule that can set a ceiling or a condition; only the
advice on what the gemeente can do, which builds on the verdict, comes later.
"""

from __future__ import annotations

from kennisbank.domein import Oordeel, slechtste
from kennisbank.regelapi import (
    MATCH,
    Eindoordeel,
    Fase,
    Gevraagd,
    Oordeelgrens,
    Regelcontext,
    Voorwaarde,
    regel,
)

NA_ALLE_GRENZEN = Fase.CONCLUDEREN


@regel("oordeel.bepalen", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=("Factoren zoals eigendom, schaal, bouwkundige mogelijkheden, financiële "
               "haalbaarheid en omgevingsimpact bepalen in sterke mate of een functie "
               "daadwerkelijk realiseerbaar is."),
       bron=("1.4", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6"),
       fase=NA_ALLE_GRENZEN,
       aanname="Een functie met een voorwaarde is hoogstens passend onder voorwaarden.")
def bepalen(ctx: Regelcontext, werkfunctie: str) -> None:
    """Het oordeel is de laagste grens; een voorwaarde begrenst het op onder voorwaarden."""
    grenzen = [Oordeel(g.oordeel) for g in ctx.feiten(Oordeelgrens, werkfunctie=werkfunctie)]
    voorwaarden = ctx.feiten(Voorwaarde, werkfunctie=werkfunctie)
    if voorwaarden:
        grenzen.append(Oordeel.PASSEND_ONDER_VOORWAARDEN)
    oordeel = slechtste(grenzen)
    if oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN and not voorwaarden:
        # "Onder voorwaarden" with no condition listed leaves the reader asking which ones.
        ctx.reden(werkfunctie, "Uit de bekende feiten volgt geen voorwaarde; het oordeel blijft "
                               "onder voorwaarden omdat de handreiking deze plek als eerste "
                               "richting zo inschat: welke voorwaarden de context stelt, blijkt "
                               "bij het concrete initiatief.", bron="1.4",
                  citaat=("In de praktijk is het realiseren van werkfuncties vrijwel altijd "
                          "contextafhankelijk."))
    ctx.verklaar(Eindoordeel(werkfunctie=werkfunctie, oordeel=oordeel.value))
