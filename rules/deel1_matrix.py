"""Deel 1.4: de indicatieve match tussen werkfuncties en locatietypen (de matrix).

The matrix gives the highest verdict a cell allows. Where the location type is unknown or lies
outside the five types, the matrix says nothing and the profile's Wél-list decides the ceiling.
"""

from __future__ import annotations

from kennisbank.domein import (
    BUITEN_MATRIX,
    LOCATIETYPE_NAMEN,
    WERKFUNCTIE_NAMEN,
    Locatietype,
    Oordeel,
    Werkfunctie,
)
from kennisbank.regelapi import (
    MATCH,
    NOT,
    TEST,
    Fase,
    Gevraagd,
    Kenmerk,
    Locatietoets,
    Matrixscore,
    Matrixuitzondering,
    Regelcontext,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Matrixtabel, Profieltabel, Symbool, laad_tabel

MATRIX = laad_tabel(tabelpad(__file__, "matrix.yaml"), Matrixtabel)
PROFIELEN = laad_tabel(tabelpad(__file__, "profielen.yaml"), Profieltabel)

LOCATIETYPE = "locatie.locatietype"


def _buiten_matrix(waarde: object) -> bool:
    return waarde is None or waarde == BUITEN_MATRIX


def _cel(werkfunctie: str, locatietype: str) -> Symbool:
    return MATRIX.cellen[Werkfunctie(werkfunctie)][Locatietype(locatietype)]


@regel("matrix.uitzondering", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       TEST(lambda locatietype: not _buiten_matrix(locatietype)),
       citaat="soms kleinschalig/licht op verdiepingen",
       bron="1.4", fase=Fase.UITZONDERING)
def matrixuitzondering(ctx: Regelcontext, werkfunctie: str, locatietype: str) -> None:
    """Past de eigen uitzondering uit het functieprofiel toe op een × in de matrix."""
    if _cel(werkfunctie, locatietype) != "×":
        return
    profiel = PROFIELEN.profielen[Werkfunctie(werkfunctie)]
    for item in profiel.wel:
        if item.matrix_uitzondering and item.als.toets(ctx.lezer(werkfunctie)) is True:
            ctx.verklaar(Matrixuitzondering(
                werkfunctie=werkfunctie, symbool=item.matrix_uitzondering, item=item.id,
                tekst=item.tekst, bron=item.bron, citaat=item.citaat))
            if item.aanname:
                ctx.aanname(werkfunctie, item.aanname)
            return


@regel("matrix.score", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       TEST(lambda locatietype: not _buiten_matrix(locatietype)),
       NOT(Matrixuitzondering(werkfunctie=MATCH.werkfunctie)),
       citaat=("Onderstaande tabel geeft een indicatieve inschatting van de mate waarin "
               "verschillende typen werkfuncties passen bij bepaalde locaties."),
       bron="1.4", fase=Fase.MATRIX,
       aanname="De vier symbolen worden gelezen als het hoogst haalbare oordeel "
               "(+++ passend, ++ onder voorwaarden, + beperkt, × niet passend).")
def matrixscore(ctx: Regelcontext, werkfunctie: str, locatietype: str) -> None:
    """Leest de indicatieve match voor deze werkfunctie en dit locatietype uit de matrix."""
    symbool = _cel(werkfunctie, locatietype)
    legenda = MATRIX.legenda[symbool]
    ctx.verklaar(Matrixscore(werkfunctie=werkfunctie, locatietype=locatietype, symbool=symbool))
    ctx.grens(werkfunctie, legenda.oordeel,
              f"Matrix: {WERKFUNCTIE_NAMEN[Werkfunctie(werkfunctie)]} op locatietype "
              f"'{LOCATIETYPE_NAMEN[Locatietype(locatietype)]}' is {symbool} "
              f"({legenda.betekenis.lower()}).", citaat=MATRIX.citaat)


@regel("matrix.score_met_uitzondering", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       Matrixuitzondering(werkfunctie=MATCH.werkfunctie, symbool=MATCH.symbool,
                          tekst=MATCH.tekst, bron=MATCH.bron, citaat=MATCH.citaat),
       citaat="soms kleinschalig/licht op verdiepingen",
       bron="1.4", fase=Fase.MATRIX)
def matrixscore_met_uitzondering(ctx: Regelcontext, werkfunctie: str, locatietype: str,
                                 symbool: str, tekst: str, bron: str, citaat: str) -> None:
    """Leest een × in de matrix als het symbool dat de uitzondering in het profiel toestaat."""
    legenda = next(v for k, v in MATRIX.legenda.items() if k == symbool)
    ctx.verklaar(Matrixscore(werkfunctie=werkfunctie, locatietype=locatietype,
                             symbool=_cel(werkfunctie, locatietype)))
    ctx.grens(werkfunctie, legenda.oordeel,
              f"Matrix geeft ×, maar het profiel noemt als uitzondering: {tekst.lower()}; "
              f"daarom geldt {symbool} ({legenda.betekenis.lower()}).", bron=bron, citaat=citaat)


@regel("matrix.locatietype_onbekend", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=None),
       citaat=("De tabel biedt daarmee vooral een eerste richting en helpt om kansen en "
               "beperkingen per locatietype te verkennen."),
       bron="1.4", fase=Fase.MATRIX)
def locatietype_onbekend(ctx: Regelcontext, werkfunctie: str) -> None:
    """Vraagt naar het locatietype als de casus het niet noemt: de matrix zegt dan nog niets."""
    ctx.kenmerk(LOCATIETYPE)
    ctx.open_vraag(werkfunctie, "Welk locatietype uit de matrix (1.3) is dit?", (LOCATIETYPE,))


@regel("matrix.buiten_matrix_wel_locatie", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       TEST(lambda locatietype: _buiten_matrix(locatietype)),
       Locatietoets(werkfunctie=MATCH.werkfunctie, lijst="wel", uitkomst="ja",
                    item=MATCH.item),
       citaat=("In de praktijk is het realiseren van werkfuncties vrijwel altijd "
               "contextafhankelijk."),
       bron=("1.4", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6"), fase=Fase.BUITEN_MATRIX,
       aanname="Zonder matrixcel is een locatie op de Wél-lijst hoogstens passend onder "
               "voorwaarden.")
def buiten_matrix_wel(ctx: Regelcontext, werkfunctie: str, item: str) -> None:
    """Zonder matrixcel begrenst een Wél-locatie het oordeel op passend onder voorwaarden."""
    profiel = PROFIELEN.profielen[Werkfunctie(werkfunctie)]
    ctx.grens(werkfunctie, Oordeel.PASSEND_ONDER_VOORWAARDEN,
              "Geen matrixcel voor deze locatie; het functieprofiel noemt haar wel als passend.",
              bron=profiel.bron)


@regel("matrix.buiten_matrix_zonder_wel_locatie", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       TEST(lambda locatietype: _buiten_matrix(locatietype)),
       NOT(Locatietoets(werkfunctie=MATCH.werkfunctie, lijst="wel", uitkomst="ja")),
       citaat=("In de praktijk is het realiseren van werkfuncties vrijwel altijd "
               "contextafhankelijk."),
       bron="1.4", fase=Fase.AFLEIDEN,
       aanname="Zonder matrixcel en zonder Wél-locatie is een functie hoogstens beperkt passend.")
def buiten_matrix_zonder_wel(ctx: Regelcontext, werkfunctie: str) -> None:
    """Zonder matrixcel en zonder Wél-locatie is de functie hoogstens beperkt passend."""
    ctx.grens(werkfunctie, Oordeel.BEPERKT_PASSEND,
              "Geen matrixcel voor deze locatie en geen passende locatie volgens het "
              "functieprofiel; de handreiking benadrukt dat de match contextafhankelijk is.",
              citaat=MATRIX.citaat)
