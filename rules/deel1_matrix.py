"""Deel 1.4: de indicatieve match tussen werkfuncties en locatietypen (de matrix).

The guide calls the matrix "een indicatieve inschatting" that gives "vooral een eerste richting".
So a cell is read as a starting point, not as a verdict:

- the legend line of the symbol gives the starting ceiling (+++ passend, ++ onder voorwaarden,
  + beperkt passend, × niet passend);
- when the function's own profile names this place as a fitting location (a Wél-row holds) for a
  reason beyond the location type itself, the profile has confirmed the context the legend
  depends on, and the ceiling moves one step up; a Wél-row that only restates the column
  ("Wél: aanloopstraten") adds nothing the matrix did not already weigh;
- a Wél-row that may hold because its fact is unknown lifts only ×, to beperkt passend, under
  the condition that it is confirmed: "niet passend in meeste situaties" leaves exceptions open,
  and an unknown fact never rejects (× with "soms kleinschalig/licht op verdiepingen" unknown is
  not niet passend). From + upward an unconfirmed Wél-row does not lift: the verdict stays at
  the legend's level, and an open question names the chance that confirming the row moves the
  matrix one step up. An unknown that withholds a step up is not a cap: the legend set it;
- a Wél-row counts as possibly holding only while no known fact rules it out by the guide's
  own definitions of the location types (its ``uitgesloten_als``, e.g. a pand in the
  kernwinkelgebied is not in a gemengd gebied rond de binnenstad, 1.3.3).

The profile's requirements and Niet-list can then only lower the verdict, and any condition or
unknown that matters keeps it at onder voorwaarden: an unconditional passend needs every fact that
could lower it to be known.

Where the location type is unknown the matrix says nothing yet: that is an open question and a
condition, not a rejection. A case may also place the pand outside the five types
('buiten_matrix'); then the profile's Wél-list decides.
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
from kennisbank.labels import oordeel_label
from kennisbank.regelapi import (
    MATCH,
    TEST,
    Fase,
    Gevraagd,
    Kenmerk,
    Locatietoets,
    Matrixscore,
    Oordeelgrens,
    Regelcontext,
    Voorwaarde,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Locatiecriterium, Matrixtabel, Profieltabel, laad_tabel

MATRIX = laad_tabel(tabelpad(__file__, "matrix.yaml"), Matrixtabel)
PROFIELEN = laad_tabel(tabelpad(__file__, "profielen.yaml"), Profieltabel)
PROFIELBRONNEN = tuple(profiel.bron for profiel in PROFIELEN.profielen.values())

LOCATIETYPE = "locatie.locatietype"


_STAP_OMHOOG = {
    Oordeel.NIET_PASSEND: Oordeel.BEPERKT_PASSEND,
    Oordeel.BEPERKT_PASSEND: Oordeel.PASSEND_ONDER_VOORWAARDEN,
    Oordeel.PASSEND_ONDER_VOORWAARDEN: Oordeel.PASSEND,
    Oordeel.PASSEND: Oordeel.PASSEND,
}


def een_stap_hoger(oordeel: Oordeel) -> Oordeel:
    """The verdict one step better (passend stays passend)."""
    return _STAP_OMHOOG[oordeel]


def _wel_rijen(ctx: Regelcontext, werkfunctie: str,
               uitkomst: str) -> list[Locatiecriterium]:
    """The profile's Wél-rows that say more than the location type and had the given outcome."""
    items = {f["item"] for f in ctx.feiten(Locatietoets, werkfunctie=werkfunctie, lijst="wel",
                                           uitkomst=uitkomst)}
    profiel = PROFIELEN.profielen[Werkfunctie(werkfunctie)]
    return [w for w in profiel.wel if w.id in items and w.zegt_meer_dan_locatietype]


def _lagere_grenzen(ctx: Regelcontext, werkfunctie: str, oordeel: Oordeel) -> list[Oordeelgrens]:
    """The other ceilings that already hold the verdict below ``oordeel``.

    The profile's ceilings are concluded before the matrix is read (Fase.TOETSEN before
    Fase.MATRIX), so a sentence here can name the verdict only where it is the verdict: every
    sentence of the output is true of the case.
    """
    return [g for g in ctx.feiten(Oordeelgrens, werkfunctie=werkfunctie)
            if Oordeel(g["oordeel"]).rang < oordeel.rang]


def _elders_lager(ctx: Regelcontext, werkfunctie: str, oordeel: Oordeel) -> bool:
    """Whether another ceiling already holds the verdict below ``oordeel``."""
    return bool(_lagere_grenzen(ctx, werkfunctie, oordeel))


OPHEFBAAR_AANNAME = (
    "Een Niet-rij met eigen oplossing houdt het oordeel lager tot die er is; daarna telt een "
    "passende locatie wel, dus wordt er nu al naar gevraagd: dat sluit geen deur.")


def _elders_vast_lager(ctx: Regelcontext, werkfunctie: str, oordeel: Oordeel) -> bool:
    """Whether a ceiling the owner cannot lift holds the verdict below ``oordeel``: a Niet-row
    that names its own remedy ('zonder bouwkundige oplossingen') is lifted by that remedy, a
    condition of the advies, after which the answer to a question does count."""
    return any(g.opheffing is None for g in _lagere_grenzen(ctx, werkfunctie, oordeel))


def _stap_gevolg(ctx: Regelcontext, werkfunctie: str, hoger: Oordeel) -> str:
    """What a step up does to the verdict, said where it is true of the case: one step up to
    passend leaves the verdict at onder voorwaarden while conditions stand (every condition
    caps it there), so the sentence says passend comes once they are met; a ceiling the owner
    can lift holds it lower until its remedy is in place."""
    # The remedy of a ceiling the owner can lift is itself a condition of the advies.
    if hoger == Oordeel.PASSEND and ctx.feiten(Voorwaarde, werkfunctie=werkfunctie):
        return "passend zodra de voorwaarden vervuld zijn"
    opheffingen = [g.opheffing for g in _lagere_grenzen(ctx, werkfunctie, hoger) if g.opheffing]
    if opheffingen:
        return (f"{oordeel_label(hoger)}, zodra de Niet-rij is opgeheven "
                f"({'; '.join(dict.fromkeys(o[0].lower() + o[1:] for o in opheffingen))})")
    return oordeel_label(hoger)


def _steun(rijen: list[Locatiecriterium]) -> str:
    """The passage that lifts a ×: the exception the guide itself names to that × (its
    ``matrixuitzondering``, "soms kleinschalig/licht op verdiepingen") before any other Wél-row,
    quoted."""
    rij = min(rijen, key=lambda w: not w.matrixuitzondering)
    return f"'{rij.citaat}'"


def _uitgesloten_tekst(ctx: Regelcontext, werkfunctie: str) -> str:
    """Why a Wél-location of the profile that could have moved the matrix does not count here."""
    delen = [f"{w.tekst.lower()}, want {w.uitgesloten_als.tekst}"
             for w in _wel_rijen(ctx, werkfunctie, "uitgesloten") if w.uitgesloten_als]
    return "".join(f"; uitgesloten als passende locatie uit het functieprofiel: {d}"
                   for d in delen)


def _vraag_wel_locaties(ctx: Regelcontext, werkfunctie: str,
                        mogelijk: list[Locatiecriterium], gevolg: str) -> None:
    """Asks after each Wél-row that may hold, saying what the answer does to the verdict;
    ``gevolg`` names the row as ``{naam}`` where the question itself does not."""
    lees = ctx.lezer(werkfunctie)
    for locatie in mogelijk:
        onbekend = tuple(dict.fromkeys(locatie.als.open_paden(lees)))
        for vraag, kenmerken in locatie.vragen_over(onbekend):
            tekst = locatie.tekst.lower()
            naam = "" if tekst in vraag.lower() else f" ({tekst})"
            # With one fact open its answer decides the row; with more, it decides it in part.
            aanhef = (f"Zo ja, dan noemt het functieprofiel deze plek passend{naam} en komt"
                      if len(onbekend) == 1 else
                      f"Het antwoord bepaalt mede of het functieprofiel deze plek passend "
                      f"noemt{naam}; zo ja, dan komt")
            ctx.open_vraag(werkfunctie, f"{vraag} {gevolg.format(naam=naam, aanhef=aanhef)}",
                           kenmerken, bron=locatie.bron)


def _bevestig_wel_locatie(ctx: Regelcontext, werkfunctie: str,
                          mogelijk: list[Locatiecriterium]) -> None:
    """A Wél-row that may hold but is not confirmed becomes the condition it is."""
    teksten = " of ".join(w.tekst.lower() for w in mogelijk)
    ctx.voorwaarde(werkfunctie, f"Bevestigen dat het gaat om een passende locatie uit het "
                                f"profiel: {teksten}", bron=mogelijk[0].bron,
                   citaat=mogelijk[0].citaat)


@regel("matrix.score", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=MATCH.locatietype),
       TEST(lambda locatietype: locatietype is not None and locatietype != BUITEN_MATRIX),
       citaat=("De tabel biedt daarmee vooral een eerste richting en helpt om kansen en "
               "beperkingen per locatietype te verkennen."),
       bron=("1.4",) + PROFIELBRONNEN, fase=Fase.MATRIX,
       aanname="De matrix is een eerste richting: het symbool geeft het startpunt (+++ passend, "
               "++ onder voorwaarden, + beperkt, × niet passend); een Wél-locatie uit het "
               "functieprofiel die hier geldt en meer zegt dan het locatietype zelf, zet het "
               "één stap hoger. Een Wél-locatie die alleen kan gelden (een feit is onbekend), "
               "tilt alleen × naar beperkt passend, onder voorwaarde dat zij bevestigd wordt.")
def matrixscore(ctx: Regelcontext, werkfunctie: str, locatietype: str) -> None:
    """Leest de indicatieve match uit de matrix en weegt het eigen profiel van de functie mee."""
    symbool = MATRIX.cellen[Werkfunctie(werkfunctie)][Locatietype(locatietype)]
    legenda = MATRIX.legenda[symbool]
    ctx.verklaar(Matrixscore(werkfunctie=werkfunctie, locatietype=locatietype, symbool=symbool))
    if legenda.aanname:
        ctx.aanname(werkfunctie, legenda.aanname)
    cel = (f"Matrix: {WERKFUNCTIE_NAMEN[Werkfunctie(werkfunctie)]} op locatietype "
           f"'{LOCATIETYPE_NAMEN[Locatietype(locatietype)]}' is {symbool}: "
           f"{legenda.betekenis.lower()}")
    hoger = een_stap_hoger(legenda.oordeel)
    if hoger == legenda.oordeel:
        ctx.grens(werkfunctie, legenda.oordeel, f"{cel}.", bron="1.4", citaat=legenda.betekenis)
        return
    geldt = _wel_rijen(ctx, werkfunctie, "ja")
    if geldt:
        steun = _steun(geldt) if legenda.oordeel == Oordeel.NIET_PASSEND else (
            geldt[0].tekst.lower())
        if _elders_lager(ctx, werkfunctie, hoger):
            # The step decides nothing while another ceiling holds the verdict lower: say so
            # instead of naming a step the verdict does not take.
            ctx.grens(werkfunctie, hoger,
                      f"{cel}; het functieprofiel noemt deze plek passend ({steun}), wat de "
                      f"matrix één stap hoger zou zetten ({oordeel_label(hoger)}), maar een "
                      f"andere grens houdt het oordeel lager.", bron="1.4",
                      citaat=legenda.betekenis)
            return
        # Where the step is the verdict, the verdict names it; where conditions keep the verdict
        # below the step (to passend), the sentence says when the step counts.
        gevolg = _stap_gevolg(ctx, werkfunctie, hoger)
        ctx.grens(werkfunctie, hoger,
                  f"{cel}; één stap hoger, want het functieprofiel noemt deze plek passend "
                  f"({steun})" + (f": {gevolg}." if gevolg != oordeel_label(hoger) else "."),
                  bron="1.4", citaat=legenda.betekenis)
        return
    mogelijk = _wel_rijen(ctx, werkfunctie, "onbekend")
    if mogelijk and legenda.oordeel == Oordeel.NIET_PASSEND:
        wel = _steun(mogelijk)
        if _elders_lager(ctx, werkfunctie, hoger):
            # The sentence names the verdict only where it is the verdict; and where another
            # ceiling holds it lower, confirming the row cannot decide it, so nothing is asked.
            ctx.grens(werkfunctie, hoger,
                      f"{cel}; wat het functieprofiel hier passend noemt ({wel}) kan gelden, "
                      f"maar een andere grens houdt het oordeel lager.",
                      bron="1.4", citaat=legenda.betekenis)
            return
        ctx.grens(werkfunctie, hoger,
                  f"{cel}; toch {oordeel_label(hoger)} zolang kan gelden wat het "
                  f"functieprofiel hier passend noemt ({wel}): een onbekend feit wijst niet "
                  f"af.",
                  bron="1.4", citaat=legenda.betekenis)
        _bevestig_wel_locatie(ctx, werkfunctie, mogelijk)
        _vraag_wel_locaties(ctx, werkfunctie, mogelijk,
                            f"Het oordeel {oordeel_label(hoger)} (matrix {symbool}) "
                            "rust erop dat een passende locatie uit het functieprofiel hier "
                            "kan gelden{naam}.")
        return
    # A step up decides nothing where a ceiling the owner cannot lift already holds the verdict
    # lower: then the answer cannot change it, and the question would claim what it does not
    # do. A ceiling with its own remedy (a condition) does not close the question: once the
    # remedy is in place the answer counts, and the question says so.
    # Read before this rule's own ceiling is declared: they weigh only the other ceilings.
    beslist = bool(mogelijk) and not _elders_vast_lager(ctx, werkfunctie, hoger)
    ophefbaar_lager = beslist and _elders_lager(ctx, werkfunctie, hoger)
    gevolg = _stap_gevolg(ctx, werkfunctie, hoger) if beslist else ""
    ctx.grens(werkfunctie, legenda.oordeel, f"{cel}{_uitgesloten_tekst(ctx, werkfunctie)}.",
              bron="1.4", citaat=legenda.betekenis)
    if beslist:
        if ophefbaar_lager:
            ctx.aanname(werkfunctie, OPHEFBAAR_AANNAME)
        _vraag_wel_locaties(ctx, werkfunctie, mogelijk,
                            f"{{aanhef}} de matrix ({symbool}) één stap hoger: {gevolg}.")


@regel("matrix.locatietype_onbekend", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=None),
       citaat=("De tabel biedt daarmee vooral een eerste richting en helpt om kansen en "
               "beperkingen per locatietype te verkennen."),
       bron="1.4", fase=Fase.MATRIX)
def locatietype_onbekend(ctx: Regelcontext, werkfunctie: str) -> None:
    """Zonder locatietype zegt de matrix nog niets: een open vraag en een voorwaarde."""
    ctx.kenmerk(LOCATIETYPE)
    ctx.open_vraag(werkfunctie, "Welk locatietype uit 1.3 is dit (of welke, als meer "
                                "beschrijvingen passen)?", (LOCATIETYPE,))
    ctx.voorwaarde(werkfunctie, "Het locatietype (1.3) vaststellen; de matrix geeft dan een "
                                "eerste richting die het oordeel nog kan verlagen")


@regel("matrix.buiten_matrix", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad=LOCATIETYPE, waarde=BUITEN_MATRIX),
       citaat=("In de praktijk is het realiseren van werkfuncties vrijwel altijd "
               "contextafhankelijk."),
       bron=("1.4",) + PROFIELBRONNEN, fase=Fase.MATRIX)
def buiten_matrix(ctx: Regelcontext, werkfunctie: str) -> None:
    """Zonder matrixcel beslist de Wél-lijst van het profiel: onder voorwaarden of beperkt."""
    ctx.kenmerk(LOCATIETYPE)
    profiel = PROFIELEN.profielen[Werkfunctie(werkfunctie)]
    geldt = _wel_rijen(ctx, werkfunctie, "ja")
    mogelijk = _wel_rijen(ctx, werkfunctie, "onbekend")
    if geldt or mogelijk:
        # Asked before this rule's own ceiling is declared: it reads only the other ceilings.
        elders_lager = _elders_lager(ctx, werkfunctie, Oordeel.PASSEND_ONDER_VOORWAARDEN)
        ctx.aanname(werkfunctie, "Zonder matrixcel is een locatie op de Wél-lijst hoogstens "
                                 "passend onder voorwaarden.")
        if geldt:
            uitleg = "het functieprofiel noemt haar wel als passend."
        elif _elders_vast_lager(ctx, werkfunctie, Oordeel.PASSEND_ONDER_VOORWAARDEN):
            # "Mogelijk passend" beside a Niet-row that holds on what cannot change would
            # contradict the reason right above it: the open Wél-row decides nothing here.
            uitleg = ("of een passende locatie uit het functieprofiel hier geldt, verandert "
                      "het oordeel niet: wat vastligt houdt het lager.")
        else:
            uitleg = "het functieprofiel noemt haar mogelijk als passend."
        ctx.grens(werkfunctie, Oordeel.PASSEND_ONDER_VOORWAARDEN,
                  "Geen matrixcel voor deze locatie; " + uitleg,
                  bron=profiel.bron, citaat=(geldt or mogelijk)[0].citaat)
        # Where another ceiling holds the verdict lower, confirming the row cannot decide it.
        if not geldt and not elders_lager:
            _bevestig_wel_locatie(ctx, werkfunctie, mogelijk)
            _vraag_wel_locaties(ctx, werkfunctie, mogelijk,
                                "Het oordeel passend onder voorwaarden rust erop dat een "
                                "passende locatie uit het functieprofiel hier kan gelden{naam}.")
        return
    ctx.aanname(werkfunctie, "Zonder matrixcel en zonder Wél-locatie is een functie hoogstens "
                             "beperkt passend.")
    ctx.grens(werkfunctie, Oordeel.BEPERKT_PASSEND,
              "Geen matrixcel voor deze locatie, en geen van de passende locaties uit het "
              "functieprofiel geldt hier; de handreiking benadrukt dat de match "
              "contextafhankelijk is.", citaat=MATRIX.citaat)


@regel("matrix.buiten_binnenstad", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad="locatie.binnenstad", waarde=False),
       citaat=("Voor gemeenten en andere stakeholders die willen sturen op meer ruimte voor "
               "werkfuncties in de binnenstad"),
       bron="1.1",
       aanname="Buiten de binnenstad past de kennisbank de handreiking toe als indicatie; de "
               "handreiking zelf gaat over de binnenstad.")
def buiten_binnenstad(ctx: Regelcontext, werkfunctie: str) -> None:
    """Zegt bij elk oordeel dat de locatie buiten het bereik van de handreiking ligt."""
    ctx.reden(werkfunctie, "Buiten de binnenstad: de handreiking gaat over de binnenstad; dit "
                           "oordeel is alleen een indicatie.")
