"""Deel 1.2: de functieprofielen (huisvestingswensen en passende locaties) per werkfunctie.

Each row of a profile in profielen.yaml is declared as a ``Profielregel`` fact and tested by one
of the rules below, so the trace shows every requirement and every Wél/Niet entry on its own,
with the case facts it read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kennisbank.criteria import Criterium
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.labels import locatietype_label
from kennisbank.regelapi import (
    MATCH,
    Eistoets,
    Fase,
    Gevraagd,
    Locatietoets,
    Profielregel,
    Regelcontext,
    regel,
    tabelpad,
)
from kennisbank.tabellen import (
    Functieprofiel,
    Locatiecriterium,
    Profieleis,
    Profieltabel,
    laad_tabel,
    voorbehouden_in,
)

PROFIELEN = laad_tabel(tabelpad(__file__, "profielen.yaml"), Profieltabel)
PROFIELBRONNEN = tuple(profiel.bron for profiel in PROFIELEN.profielen.values())
LOCATIETYPE = "locatie.locatietype"


def _profiel(werkfunctie: str) -> Functieprofiel:
    return PROFIELEN.profielen[Werkfunctie(werkfunctie)]


#: Each row of each profile by (werkfunctie, list, id): a firing looks its row up by the
#: Profielregel it matched (some hundred firings per evaluation).
_RIJEN: dict[tuple[str, str, str], Any] = {
    (functie.value, lijst, rij.id): rij
    for functie, profiel in PROFIELEN.profielen.items()
    for lijst, rijen in (("eis", profiel.eisen), ("wel", profiel.wel), ("niet", profiel.niet))
    for rij in rijen}


def _onbekende_paden(ctx: Regelcontext, werkfunctie: str,
                     criterium: Criterium) -> tuple[str, ...]:
    return tuple(dict.fromkeys(criterium.open_paden(ctx.lezer(werkfunctie))))


ONDER_PRIJSINDICATIE = (
    "De handreiking zegt niet wat een vraaghuur onder de prijsindicatie voor een functie "
    "betekent; de kennisbank meldt het als eigen bevinding, zonder effect op het oordeel.")


def _voldaan_tekst(ctx: Regelcontext, werkfunctie: str, eis: Profieleis) -> str:
    """'Voldoet aan' only where the requirement's whole text is true of the case."""
    if eis.ondergrens is not None and eis.voldaan.pad is not None:
        huur = ctx.kenmerk_voor(werkfunctie, eis.voldaan.pad)
        if huur is not None and huur < eis.ondergrens:
            ctx.aanname(werkfunctie, ONDER_PRIJSINDICATIE)
            # The price band (the row's quote) supports "onder de prijsindicatie"; what that
            # means for the rent barrier of 2.D5 the guide does not say (ONDER_PRIJSINDICATIE).
            return (f"De vraaghuur (€{huur:g} per m² per jaar) ligt onder de prijsindicatie van "
                    f"de functie ({eis.prijsband}).")
    return f"Voldoet aan: {eis.tekst}."


@regel("profiel.klaarzetten", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat="Huisvestingswensen",
       bron=PROFIELBRONNEN,
       fase=Fase.KLAARZETTEN)
def klaarzetten(ctx: Regelcontext, werkfunctie: str) -> None:
    """Zet elke eis en elke Wél- en Niet-locatie uit het functieprofiel klaar om te toetsen."""
    profiel = _profiel(werkfunctie)
    for lijst, items in (("eis", profiel.eisen), ("wel", profiel.wel), ("niet", profiel.niet)):
        for item in items:
            ctx.zet_klaar(Profielregel(werkfunctie=werkfunctie, lijst=lijst, item=item.id,
                                       bron=profiel.bron))


@regel("profiel.eis", Profielregel(werkfunctie=MATCH.werkfunctie, lijst="eis", item=MATCH.item),
       citaat="Huisvestingswensen",
       bron=PROFIELBRONNEN)
def eis_toetsen(ctx: Regelcontext, werkfunctie: str, item: str) -> None:
    """Toetst één huisvestingswens uit het profiel: voldaan, niet voldaan of onbekend."""
    eis: Profieleis = _RIJEN[werkfunctie, "eis", item]
    stempel = {"bron": eis.bron, "citaat": eis.citaat}
    lees = ctx.lezer(werkfunctie)
    van_toepassing = eis.geldt_als.toets(lees) if eis.geldt_als else True
    if van_toepassing is False:
        ctx.verklaar(Eistoets(werkfunctie=werkfunctie, eis=eis.id, thema=eis.thema,
                              effect=eis.effect, uitkomst="niet_van_toepassing"))
        return
    voldaan = eis.voldaan.toets(lees)
    if eis.onhaalbaar_als and eis.onhaalbaar_als.als.toets(lees) is True:
        # A fixed fact the pand cannot be adapted to: not met, whatever else is known.
        voldaan = False
        ctx.aanname(werkfunctie, eis.onhaalbaar_als.aanname)
    if voldaan is True:
        uitkomst = "voldaan"
        ctx.reden(werkfunctie, _voldaan_tekst(ctx, werkfunctie, eis), **stempel)
    elif voldaan is False and van_toepassing is True:
        uitkomst = "niet_voldaan"
        if eis.effect == "beperkt_passend":
            ctx.grens(werkfunctie, Oordeel.BEPERKT_PASSEND, f"Voldoet niet aan: {eis.tekst}.",
                      **stempel)
        elif eis.effect == "voorwaarde":
            ctx.voorwaarde(werkfunctie, eis.voorwaarde or eis.tekst, **stempel,
                           tekort=f"Voldoet niet aan: {eis.tekst}.")
        else:
            # The row names what the profile wants; unmet, it weighs against: say that it is
            # missing, or 'Minpunt: Deelverhuur mogelijk' reads as if the possibility were the
            # minus.
            ctx.reden(werkfunctie, f"Minpunt, niet vervuld: {eis.tekst}.", **stempel)
    else:
        uitkomst = "onbekend"
        # Each question names only what is unknown: whether the requirement is met, and
        # (separately) whether it applies here.
        if voldaan is None:
            for vraag, kenmerken in eis.vragen_over(
                    _onbekende_paden(ctx, werkfunctie, eis.voldaan)):
                ctx.open_vraag(werkfunctie, vraag, kenmerken, bron=eis.bron)
        if eis.geldt_als and van_toepassing is None:
            for vraag, kenmerken in eis.vragen_van_toepassing(
                    _onbekende_paden(ctx, werkfunctie, eis.geldt_als)):
                ctx.open_vraag(werkfunctie, vraag, kenmerken, bron=eis.bron)
        if eis.effect != "pre":
            ctx.voorwaarde(werkfunctie, f"Nagaan en zo nodig regelen: {eis.tekst}.", **stempel)
    ctx.verklaar(Eistoets(werkfunctie=werkfunctie, eis=eis.id, thema=eis.thema,
                          effect=eis.effect, uitkomst=uitkomst))
    if eis.aanname and uitkomst != "voldaan":
        ctx.aanname(werkfunctie, eis.aanname)


@regel("profiel.niet_locatie",
       Profielregel(werkfunctie=MATCH.werkfunctie, lijst="niet", item=MATCH.item),
       citaat="Passende locaties",
       bron=PROFIELBRONNEN)
def niet_locatie(ctx: Regelcontext, werkfunctie: str, item: str) -> None:
    """Een locatie op de Niet-lijst maakt de functie niet passend; met voorbehoud hoogstens
    beperkt passend of een minpunt.

    A hedged Niet-row ("(incidenteel)") never rejects: with ``beperkt_passend`` (and the
    aanname the table requires) it caps the verdict, with ``minpunt`` it only weighs. A
    Niet-row that names its own remedy, one the owner can build ("zonder bouwkundige
    oplossingen"), is read like a building feature the owner can add: at most beperkt passend,
    with the remedy as the condition (``te_verhelpen``). While the row's own fact is unknown, a
    known fact that shows it does not hold (``weerlegd_als``, with its aanname) settles it.
    """
    locatie: Locatiecriterium = _RIJEN[werkfunctie, "niet", item]
    stempel = {"bron": locatie.bron, "citaat": locatie.citaat}
    lees = ctx.lezer(werkfunctie)
    geldt = locatie.als.toets(lees)
    if geldt is None and locatie.weerlegd_als and locatie.weerlegd_als.toets(lees) is True:
        # A known fact shows the row does not hold: no question, no condition.
        geldt = False
        assert locatie.aanname is not None
        ctx.aanname(werkfunctie, locatie.aanname)
    if geldt is True:
        uitkomst = "ja"
        if locatie.effect == "niet_passend":
            ctx.grens(werkfunctie, Oordeel.NIET_PASSEND,
                      f"Niet passend volgens het profiel: {locatie.tekst}.", **stempel)
        elif locatie.effect == "beperkt_passend":
            voorbehoud = ", ".join(f"'{w}'" for w in voorbehouden_in(locatie.citaat))
            ctx.grens(werkfunctie, Oordeel.BEPERKT_PASSEND,
                      f"Niet-lijst met voorbehoud ({voorbehoud}): {locatie.tekst}.", **stempel)
        elif locatie.effect == "te_verhelpen":
            _te_verhelpen(ctx, werkfunctie, locatie)
        else:
            ctx.reden(werkfunctie, f"Minpunt volgens het profiel: {locatie.tekst}.", **stempel)
    elif geldt is None:
        uitkomst = "onbekend"
        for vraag, kenmerken in locatie.vragen_over(
                _onbekende_paden(ctx, werkfunctie, locatie.als)):
            ctx.open_vraag(werkfunctie, vraag, kenmerken, bron=locatie.bron)
        if locatie.effect != "minpunt":
            ctx.voorwaarde(werkfunctie, f"Uitsluiten dat het gaat om: {locatie.tekst}.",
                           **stempel)
    else:
        uitkomst = "nee"
        if locatie.aanname and _deels_waar(locatie.als, lees):
            # Part of the row holds (an A-winkelstraat, on an upper floor): that the row does
            # not apply rests on its reading, which the advisor must be able to see.
            ctx.aanname(werkfunctie, locatie.aanname)
    ctx.verklaar(Locatietoets(werkfunctie=werkfunctie, lijst="niet", item=locatie.id,
                              uitkomst=uitkomst))
    if locatie.aanname and geldt is not False:
        ctx.aanname(werkfunctie, locatie.aanname)


def _deels_waar(criterium: Criterium, lees: Callable[[str], Any]) -> bool:
    """Whether some, but not every, part of an all-of criterion holds on known facts."""
    if not criterium.alle:
        return False
    uitkomsten = [deel.toets(lees) for deel in criterium.alle]
    return any(u is True for u in uitkomsten) and not all(u is True for u in uitkomsten)


def _te_verhelpen(ctx: Regelcontext, werkfunctie: str, locatie: Locatiecriterium) -> None:
    """A Niet-row on a fact the owner or the gemeente can change: at most beperkt passend while
    it stays so, with the change as the condition; unless known facts say the change cannot be
    made (``onherstelbaar_als``: the gemeente has already decided, the remedy cannot be built).
    Then it rejects and says why, quoting the passage; while those facts are unknown they are an
    open question and never a rejection."""
    stempel = {"bron": locatie.bron, "citaat": locatie.citaat}
    vast = locatie.onherstelbaar_als
    onherstelbaar = vast.als.toets(ctx.lezer(werkfunctie)) if vast else False
    if vast is not None and onherstelbaar is True:
        ctx.grens(werkfunctie, Oordeel.NIET_PASSEND,
                  f"Niet passend volgens het profiel: {locatie.tekst}; niet te verhelpen: "
                  f"{vast.tekst}.", **stempel)
        ctx.reden(werkfunctie, f"Niet te verhelpen: {vast.tekst[:1].upper()}{vast.tekst[1:]}.",
                  bron=vast.bron, citaat=vast.citaat)
        ctx.aanname(werkfunctie, vast.aanname)
        return
    ctx.grens(werkfunctie, Oordeel.BEPERKT_PASSEND,
              f"Niet-lijst, zolang het zo blijft: {locatie.tekst}.", **stempel,
              opheffing=locatie.voorwaarde)
    # Written like a requirement's condition, so one the profile also asks is one line.
    ctx.voorwaarde(werkfunctie, str(locatie.voorwaarde), **stempel)
    if vast is not None and onherstelbaar is None:
        for vraag, kenmerken in vast.vragen_over(_onbekende_paden(ctx, werkfunctie, vast.als)):
            ctx.open_vraag(werkfunctie, vraag, kenmerken, bron=vast.bron)
        ctx.aanname(werkfunctie, vast.aanname)


@regel("profiel.wel_locatie",
       Profielregel(werkfunctie=MATCH.werkfunctie, lijst="wel", item=MATCH.item),
       citaat="Passende locaties",
       bron=PROFIELBRONNEN)
def wel_locatie(ctx: Regelcontext, werkfunctie: str, item: str) -> None:
    """Een locatie op de Wél-lijst van het profiel is een reden vóór de functie.

    While its fact is unknown it may still hold, unless a known fact rules it out by the guide's
    definitions of the location types (``uitgesloten_als``). What a row that may hold does to the
    verdict is the matrix's to say (rules/deel1_matrix.py), so the matrix asks after it; this rule
    asks only where the matrix cannot weigh the row: the location type is unknown, or the row
    restates the location type.
    """
    locatie: Locatiecriterium = _RIJEN[werkfunctie, "wel", item]
    lees = ctx.lezer(werkfunctie)
    geldt = locatie.als.toets(lees)
    uitsluiting = locatie.uitgesloten_als
    if geldt is True:
        uitkomst = "ja"
        ctx.reden(werkfunctie, _wel_tekst(ctx, locatie), bron=locatie.bron,
                  citaat=locatie.citaat)
        if locatie.aanname:
            ctx.aanname(werkfunctie, locatie.aanname)
    elif geldt is None and uitsluiting is not None and uitsluiting.als.toets(lees) is True:
        uitkomst = "uitgesloten"
        ctx.aanname(werkfunctie, uitsluiting.aanname)
    elif geldt is None:
        uitkomst = "onbekend"
        if not locatie.zegt_meer_dan_locatietype or ctx.kenmerk(LOCATIETYPE) is None:
            for vraag, kenmerken in locatie.vragen_over(
                    _onbekende_paden(ctx, werkfunctie, locatie.als)):
                ctx.open_vraag(werkfunctie, vraag, kenmerken, bron=locatie.bron)
    else:
        uitkomst = "nee"
    ctx.verklaar(Locatietoets(werkfunctie=werkfunctie, lijst="wel", item=locatie.id,
                              uitkomst=uitkomst))


def _meerdere_locatietypen(criterium: Criterium) -> bool:
    """Whether the criterion accepts several location types (an ``in`` on the type)."""
    if criterium.pad is not None:
        return criterium.pad == LOCATIETYPE and criterium.in_ is not None
    delen = (criterium.alle or ()) + (criterium.een_van or ())
    return any(_meerdere_locatietypen(deel) for deel in delen)


def _wel_tekst(ctx: Regelcontext, locatie: Locatiecriterium) -> str:
    """A Wél-row that holds, as what it is: the guide's description of a fitting place (which
    can say more than the case knows, as 'leegstaand'), and, where the row covers several
    location types, the one this pand has."""
    tekst = f"Het functieprofiel noemt als passende locatie: {locatie.tekst}"
    if _meerdere_locatietypen(locatie.als):
        locatietype = ctx.kenmerk(LOCATIETYPE)
        label = locatietype_label(locatietype)
        if locatietype in locatie.gelezen_locatietypen:
            # The guide names no location type here; which one it covers is the reading.
            tekst += f"; de kennisbank rekent het locatietype '{label}' (1.3) daartoe (aanname)"
        else:
            tekst += f"; hier het locatietype '{label}' (1.3)"
    return f"{tekst}."


@regel("profiel.vaste_voorwaarden", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat="Grote open vloer (zaal), voldoende vrije hoogte, goede ventilatie/klimaat",
       bron="1.2.4",
       aanname="Wat het profiel vraagt zonder meetbare maat, wordt als voorwaarde meegegeven.")
def vaste_voorwaarden(ctx: Regelcontext, werkfunctie: str) -> None:
    """Geeft wensen uit het profiel waarvoor de handreiking geen maat noemt mee als voorwaarde."""
    for vast in _profiel(werkfunctie).vaste_voorwaarden:
        ctx.voorwaarde(werkfunctie, vast.tekst, bron=vast.bron, citaat=vast.citaat)
