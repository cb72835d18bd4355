"""Deel 2.D1 … 2.D13: welke drempels spelen, waarom, en welke aanpak uit de handreiking past.

A barrier that one fact of the case (or a simple combination) triggers is a row in the table
(``signalen`` in drempels.yaml), made into a rule here by one generic function; the Python rules
below are the barriers derived from other conclusions.
Where the guide reasons from a Part 1 finding (a size or height requirement not met, an asking
rent above the price indication), the barrier rule matches that finding, so the trace shows the
chain from case fact to requirement to barrier to approach.
"""

from __future__ import annotations

from typing import Any

from kennisbank.domein import Werkfunctie
from kennisbank.experta_compat import Rule
from kennisbank.regelapi import (
    MATCH,
    NOT,
    TEST,
    Drempel,
    Drempelaanpak,
    Drempelkenmerken,
    Eistoets,
    Fase,
    Gevraagd,
    Kenmerk,
    Locatietoets,
    Overlastfactor,
    Overlastrisico,
    Overlastversterker,
    Regelcontext,
    een_van,
    geldt_per_functie,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Drempel as Drempelentry
from kennisbank.tabellen import (
    Drempelsignaal,
    Drempeltabel,
    Profieleis,
    Profieltabel,
    laad_tabel,
)

DREMPELS = laad_tabel(tabelpad(__file__, "drempels.yaml"), Drempeltabel)
PROFIELEN = laad_tabel(tabelpad(__file__, "profielen.yaml"), Profieltabel)
CATALOGUS = {d.id: d for d in DREMPELS.drempels}
NA_ALLE_DREMPELS = Fase.DREMPELKENMERKEN
NA_DE_DREMPELS = Fase.AFLEIDEN
#: A barrier plays because facts of the case trigger it; it is an aandachtspunt where only a
#: context the guide names ("speelt vooral …") holds.
SPEELT = "speelt"
AANDACHTSPUNT = "aandachtspunt"

BOUWKUNDIGE_THEMAS = ("maat", "hoogte", "daglicht", "indeling")
PARKEREN = "locatie.parkeren_loopminuten"
AANPASBARE_THEMAS = ("installaties", "constructie", "toegang", "entree")


def _speelt(ctx: Regelcontext, werkfunctie: str, drempel: str, tekst: str,
            citaat: str | None = None) -> None:
    """Declares that a barrier plays, quoting the passage that supports this reason.

    Without a more specific passage (a "speelt vooral" bullet), the quote is the rule's own
    passage, never the barrier's heading: the heading names the barrier, it does not say why it
    plays here.
    """
    entry = CATALOGUS[drempel]  # type: ignore[index]
    ctx.verklaar(Drempel(werkfunctie=werkfunctie, drempel=drempel, tekst=tekst,
                         regel=ctx.meta.id, bron=entry.bron, citaat=citaat or ctx.meta.citaat,
                         sterkte=SPEELT))


def _aandachtspunt(ctx: Regelcontext, werkfunctie: str, drempel: str, tekst: str,
                   citaat: str) -> None:
    """Declares that a context holds in which the guide says the barrier mostly plays."""
    entry = CATALOGUS[drempel]  # type: ignore[index]
    ctx.verklaar(Drempel(werkfunctie=werkfunctie, drempel=drempel, tekst=tekst,
                         regel=ctx.meta.id, bron=entry.bron, citaat=citaat,
                         sterkte=AANDACHTSPUNT))


def _eis(werkfunctie: str, eis: str) -> Profieleis:
    profiel = PROFIELEN.profielen[Werkfunctie(werkfunctie)]
    return next(e for e in profiel.eisen if e.id == eis)


def _eistekst(werkfunctie: str, eis: str) -> str:
    return _eis(werkfunctie, eis).tekst


TOENEMEND_AANDEEL_WONINGEN = ("Door de hoge functiedichtheid en het toenemend aandeel woningen "
                              "worden geluid, verkeer en (fiets)parkeren sneller als "
                              "problematisch ervaren")


#: 2.D1 on what the fear is about: the function's own use and its impact on the homes around it.
IMPACT_DIRECTE_LEEFOMGEVING = ("hoe intensief het gebruik is, op welke momenten activiteit "
                               "plaatsvindt en welke impact dit heeft op de directe "
                               "leefomgeving")
WONINGEN_DIRECT = "locatie.geluidgevoelige_woningen_boven_naast"


@regel("drempel.overlast", Overlastrisico(werkfunctie=MATCH.werkfunctie, risico=MATCH.risico,
                                          tekst=MATCH.waarom),
       TEST(lambda risico: risico == "hoog"),
       citaat="We zijn bang dat deze werkfunctie overlast veroorzaakt",
       bron="2.D1",
       aanname="De vrees voor overlast speelt als drempel waar feiten van de casus haar dragen: "
               "de functie zelf veroorzaakt volgens haar profiel (of het initiatief) hoge "
               "overlast, en er zijn woningen direct boven of naast de ruimte ('welke impact "
               "dit heeft op de directe leefomgeving'). Een hoog risico dat alleen uit de "
               "context komt waarin de drempel zich 'vooral' manifesteert (een grote "
               "woonfunctie, beperkte openbare ruimte, eerdere spanningen) of uit woningen naast "
               "een functie met middelmatige overlast, is een aandachtspunt; bij midden "
               "volstaan de voorwaarden uit 2.D1.")
def overlast(ctx: Regelcontext, werkfunctie: str, risico: str, waarom: str) -> None:
    """Hoge eigen overlast naast woningen maakt de vrees voor overlast tot drempel; een hoog
    risico uit de context alleen is een aandachtspunt."""
    eigen_hoog = [f for f in ctx.feiten(Overlastfactor, werkfunctie=werkfunctie)
                  if f.niveau == "hoog"]
    woningen = ctx.kenmerk(WONINGEN_DIRECT)
    tekst = f"Overlastrisico {risico} ({waarom})."
    if eigen_hoog and woningen is True:
        _speelt(ctx, werkfunctie, "overlast", tekst, IMPACT_DIRECTE_LEEFOMGEVING)
        return
    if eigen_hoog and woningen is None:
        ctx.open_vraag(werkfunctie, "Zijn er geluidgevoelige woningen direct boven of naast de "
                       "ruimte?", (WONINGEN_DIRECT,), bron="2.D1", drempel="overlast")
    # Quote the 'manifesteert zich vooral' bullet that holds here; a context outside that list
    # (homes directly above or next door, an aanname) rests on 2.D1's sentence about homes.
    vooral = [v.citaat for v in ctx.feiten(Overlastversterker, aanwezig="ja")
              if v.citaat in CATALOGUS["overlast"].speelt_vooral]
    _aandachtspunt(ctx, werkfunctie, "overlast", tekst,
                   vooral[0] if vooral else TOENEMEND_AANDEEL_WONINGEN)


@regel("drempel.praktische_bezwaren_bereikbaarheid",
       Eistoets(werkfunctie=MATCH.werkfunctie, thema="bereikbaarheid", uitkomst="niet_voldaan",
                eis=MATCH.eis, effect=MATCH.effect),
       citaat=("Bevoorrading, bereikbaarheid, parkeren en hogere huren worden vaak genoemd als "
               "redenen waarom een binnenstedelijke locatie al snel als ongeschikt wordt "
               "beoordeeld."),
       bron="2.D2",
       aanname="De handreiking zegt dat deze drempel 'niet alleen in feitelijke beperkingen' zit, "
               "'maar vooral in' gebrek aan locatiespecifieke kennis en het vergelijken met "
               "bedrijventerreinen. Een niet gehaalde bereikbaarheidseis uit het profiel (zoals "
               "laden en lossen) is zo'n feitelijke beperking: de drempel speelt. Een niet "
               "vervulde wens (een pré, 'gewenst', of bereikbaarheid die alleen meeweegt, zoals "
               "parkeren op loopafstand) is een voorbehoud en maakt hem alleen tot "
               "aandachtspunt. De loopminuten tot parkeren uit het profiel zijn een richtgetal "
               "zonder marge; de kennisbank noemt de werkelijke loopafstand naast dat getal en "
               "weegt een klein verschil niet zelf weg. De drempel is wat een bedrijf "
               "veronderstelt ('(bedrijf)', 'Voor veel bedrijven die zich oriënteren op "
               "vestiging'): hij geldt alleen voor de werkfunctie van een concreet initiatief; "
               "voor de andere functies staat de niet gehaalde eis of wens al in het oordeel.")
def praktische_bezwaren_bereikbaarheid(ctx: Regelcontext, werkfunctie: str, eis: str,
                                       effect: str) -> None:
    """Een niet gehaalde bereikbaarheidseis (bevoorrading) voedt praktische bezwaren; een niet
    vervulde wens (parkeren, een pré) is een aandachtspunt. Alleen voor het initiatief."""
    if ctx.kenmerk("initiatief.werkfunctie") != werkfunctie:
        # Without a company of this function there is nobody whose assumption 2.D2 describes.
        return
    tekst = _eistekst(werkfunctie, eis)
    if effect == "pre":
        pad = _eis(werkfunctie, eis).voldaan.pad
        if pad == PARKEREN:
            # Say how far parking is, so a minute over the profile's figure reads as such.
            minuten = ctx.kenmerk(PARKEREN)
            zin = (f"Parkeren ligt op {minuten:g} minuten lopen; het profiel noemt onder "
                   f"bereikbaarheid: {tekst[0].lower()}{tekst[1:]}.")
        else:
            zin = f"Bereikbaarheidswens niet vervuld: {tekst}."
        _aandachtspunt(ctx, werkfunctie, "praktische_bezwaren", zin, ctx.meta.citaat)
    else:
        _speelt(ctx, werkfunctie, "praktische_bezwaren",
                f"Bereikbaarheidseis niet gehaald: {tekst}.")


#: Said of a barrier about assessing an initiative, while the omgevingsplan is unknown.
OMGEVINGSPLAN_ONBEKEND = ("Of het initiatief daaraan getoetst moet worden, is open: of het "
                          "omgevingsplan de functie toelaat, is onbekend.")


def _toelating(ctx: Regelcontext, werkfunctie: str) -> str | None:
    """What the omgevingsplan says of the function here (None: unknown)."""
    toelating: str | None = ctx.kenmerk(f"beleid.omgevingsplan.{werkfunctie}")
    return toelating


def _alleen_buiten_omgevingsplan(drempel: Drempelentry) -> bool:
    """Every trigger of the barrier concerns an initiative the omgevingsplan does not allow."""
    return bool(drempel.signalen) and all(s.alleen_buiten_omgevingsplan
                                          for s in drempel.signalen)


def _vervalt(ctx: Regelcontext, werkfunctie: str, drempel: Drempelentry,
             pad: str | None) -> bool:
    """Whether known facts make the answer on ``pad`` decide nothing for this barrier (its
    ``vervalt_als``: 2.D10's priority once the gemeente has the capacity); says why."""
    criterium = drempel.vervalt_als.get(pad) if pad else None
    if criterium is None or criterium.toets(ctx.lezer(werkfunctie)) is not True:
        return False
    if drempel.vervalt_aanname:
        ctx.aanname(werkfunctie, drempel.vervalt_aanname)
    return True


def _beantwoord(ctx: Regelcontext, werkfunctie: str, drempel: Drempelentry,
                pad: str) -> bool:
    """Whether a known fact already answers the question on ``pad`` (its ``beantwoord_als``:
    a makerszone has working functions around); says so as an aanname."""
    antwoord = drempel.beantwoord_als.get(pad)
    if antwoord is None or antwoord.als.toets(ctx.lezer(werkfunctie)) is not True:
        return False
    ctx.aanname(werkfunctie, antwoord.aanname)
    return True


def _signaalregel(drempel: Drempelentry, signaal: Drempelsignaal) -> Rule:
    """One rule from a signal in drempels.yaml: the barrier plays for every row that holds.

    A row on one fact of the case is matched as a pattern, so the rule fires once per fact
    that holds and the trace shows that fact. A combination, or a fact of the initiative (which
    holds only for the initiative's own function), is tested in code for each function. A row
    whose facts are unknown concludes nothing here; the barrier's question asks for them.
    """
    rijen = tuple(signaal.rijen)
    per_feit = all(r.als.pad is not None and not geldt_per_functie(r.als.pad) for r in rijen)
    paden = frozenset(signaal.paden())
    patronen: list[Any] = [Gevraagd(werkfunctie=MATCH.werkfunctie)]
    if signaal.functies is not None:
        functies = frozenset(f.value for f in signaal.functies)
        patronen.append(TEST(lambda werkfunctie: werkfunctie in functies))
    if per_feit:
        # The path test is a named set of values on the fact alone, so the matcher looks the
        # case facts up before joining them with the asked functions.
        patronen += [Kenmerk(pad=een_van(paden) & MATCH.pad, waarde=MATCH.waarde),
                     TEST(lambda pad, waarde: pad in paden and any(
                         r.als.pad == pad and r.als.toets(lambda _: waarde) for r in rijen))]

    def signaal_toetsen(ctx: Regelcontext, werkfunctie: str, pad: str | None = None) -> None:
        lees = ctx.lezer(werkfunctie)
        sterkte: str = signaal.sterkte
        aanvulling = ""
        if signaal.alleen_buiten_omgevingsplan:
            toelating = _toelating(ctx, werkfunctie)
            if toelating == "toegestaan":
                # Say why a trigger that holds raises nothing here.
                if signaal.aanname and any(r.als.toets(lees) is True for r in rijen):
                    ctx.aanname(werkfunctie, signaal.aanname)
                return
            if toelating is None:
                sterkte, aanvulling = AANDACHTSPUNT, " " + OMGEVINGSPLAN_ONBEKEND
        geldend = [rij for rij in rijen if rij.als.toets(lees) is True
                   and not _vervalt(ctx, werkfunctie, drempel, rij.als.pad)]
        for rij in geldend:
            if pad is not None and rij.als.pad != pad:
                continue
            if sterkte == SPEELT:
                _speelt(ctx, werkfunctie, drempel.id, rij.tekst, rij.citaat)
            else:
                # What stays open is said once, after the last reason.
                _aandachtspunt(ctx, werkfunctie, drempel.id,
                               rij.tekst + (aanvulling if rij is geldend[-1] else ""),
                               rij.citaat or signaal.citaat)

    signaal_toetsen.__doc__ = signaal.omschrijving
    return regel(signaal.regel, *patronen, citaat=signaal.citaat, bron=drempel.bron,
                 aanname=signaal.aanname)(signaal_toetsen)


#: The barrier rules written as data (``signalen`` in drempels.yaml), in the table's order.
SIGNAALREGELS = tuple(_signaalregel(drempel, signaal)
                      for drempel in DREMPELS.drempels for signaal in drempel.signalen)


@regel("drempel.verplaatsing_bedrijventerrein", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=("In de praktijk blijkt het daadwerkelijk verplaatsen van bestaande bedrijven vaak"
               " lastig."),
       bron="2.D3",
       aanname="De handreiking noemt nieuwe bedrijven en bedrijven die moeten verplaatsen als de "
               "grootste potentie en zegt dat de binnenstad in hun overwegingen 'niet altijd als "
               "serieus alternatief' wordt gezien. Het initiatief is zo'n bedrijf dat de "
               "binnenstad al overweegt: wat de drempel zegt ('verplaatsen niet naar de "
               "binnenstad', 'vaak uitkomen op een bedrijventerrein') gebeurt hier niet, dus is "
               "het een aandachtspunt, geen drempel die speelt.")
def verplaatsing_bedrijventerrein(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een bedrijf van een bedrijventerrein of een nieuw bedrijf: een aandachtspunt.

    A new company lands "vaak" on a bedrijventerrein only for the functions the guide places
    there (the barrier's ``functies``); a company that comes from one is a fact of the case.
    """
    herkomst = ctx.kenmerk_voor(werkfunctie, "initiatief.herkomst")
    reden = ctx.kenmerk_voor(werkfunctie, "initiatief.verplaatsingsreden")
    if herkomst == "bedrijventerrein":
        # The initiative is this company coming to the city: the barrier ('verplaatsen niet
        # naar de binnenstad') is not what happens here. The guide names these companies where
        # 'de grootste potentie' lies and warns that moving 'vaak lastig' is: an aandachtspunt.
        tekst = "Het bedrijf komt van een bedrijventerrein"
        tekst += {"gedwongen": " en moet verplaatsen",
                  "groei_of_verandering": " en zit in een groei- of veranderfase",
                  "eigen_keuze": " en verhuist zonder noodzaak vanuit het bedrijf"}.get(reden, "")
        vooral = CATALOGUS["verplaatsing_bedrijventerrein"].speelt_vooral
        potentie = {"gedwongen": vooral[1], "groei_of_verandering": vooral[2]}.get(reden)
        if potentie is not None:
            # A company that must move or is growing is where the guide sees 'de grootste
            # potentie'; 'vaak lastig' is said of established firms without that need.
            _aandachtspunt(ctx, werkfunctie, "verplaatsing_bedrijventerrein",
                           tekst + "; daar ligt volgens de handreiking de grootste potentie "
                           "voor werkfuncties in de binnenstad.", potentie)
        else:
            _aandachtspunt(ctx, werkfunctie, "verplaatsing_bedrijventerrein",
                           tekst + "; verplaatsen blijkt in de praktijk vaak lastig.",
                           ctx.meta.citaat)
    elif herkomst == "nieuw_bedrijf" and CATALOGUS["verplaatsing_bedrijventerrein"].geldt_voor(
            werkfunctie):
        # A new company considering this building is where the guide sees the potential; that
        # such companies 'vaak' end up on a bedrijventerrein is the guide's, not the case's.
        _aandachtspunt(ctx, werkfunctie, "verplaatsing_bedrijventerrein",
                       "Het bedrijf is nieuw; nieuwe bedrijven komen bij vestiging vaak "
                       "routinematig uit op een bedrijventerrein.",
                       CATALOGUS["verplaatsing_bedrijventerrein"].speelt_vooral[0])


@regel("drempel.huuropbrengst", Eistoets(werkfunctie=MATCH.werkfunctie, thema="prijs",
                                         uitkomst="niet_voldaan"),
       citaat=("In vergelijking met wonen, horeca, (boutique)hotels en short-stay concepten "
               "realiseren werkfuncties doorgaans een lagere huur per m2"),
       bron="2.D5")
def huuropbrengst(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een vraaghuur boven de prijsindicatie betekent: de functie levert te weinig huur op."""
    huur = ctx.kenmerk("pand.vraaghuur_eur_m2_jaar")
    band = _eis(werkfunctie, "huur").prijsband
    _speelt(ctx, werkfunctie, "huuropbrengst",
            f"De vraaghuur (€{huur:g} per m² per jaar) ligt boven de prijsindicatie van de "
            f"functie ({band}).")


@regel("drempel.huuropbrengst_huurdruk", Eistoets(werkfunctie=MATCH.werkfunctie, thema="prijs",
                                                  uitkomst="onbekend"),
       citaat="op locaties met hoge huurdruk (kernwinkelgebied, A-locaties)",
       bron="2.D5",
       aanname="Hoge huurdruk (kernwinkelgebied, A-locatie) is een context waarin de "
               "huurdrempel vooral speelt; zolang de vraaghuur onbekend is, is dat een "
               "aandachtspunt, geen drempel: een onbekend feit is een open vraag.")
def huuropbrengst_huurdruk(ctx: Regelcontext, werkfunctie: str) -> None:
    """Op een locatie met hoge huurdruk is de huur een aandachtspunt zolang de vraaghuur
    onbekend is."""
    if ctx.kenmerk("locatie.kernwinkelgebied") or ctx.kenmerk("locatie.a_winkelstraat"):
        _aandachtspunt(ctx, werkfunctie, "huuropbrengst",
                "Locatie met hoge huurdruk (kernwinkelgebied of A-locatie) en de vraaghuur is "
                "onbekend.", "op locaties met hoge huurdruk (kernwinkelgebied, A-locaties)")


#: The owner's investment room decides whether the costs are too high for him (2.D6).
INVESTERINGSRUIMTE = "eigenaar.investeringsruimte"
BEPERKTE_RUIMTE = ("bij kleinschalige en middelgrote transformaties met beperkte "
                   "investeringsruimte")


def _ruimte_tekst(ctx: Regelcontext) -> str:
    """What the case says of the owner's investment room and a more profitable combination."""
    delen = {"ruim": ["de eigenaar heeft ruime investeringsruimte"], None: [
        "de investeringsruimte van de eigenaar is onbekend"]}.get(
        ctx.kenmerk(INVESTERINGSRUIMTE), [])
    if ctx.kenmerk("eigenaar.combinatie_rendabele_functie_mogelijk") is True:
        delen.append("een combinatie met rendabelere functies is mogelijk")
    return "; " + " en ".join(delen) if delen else ""


@regel("drempel.investeringskosten",
       Eistoets(werkfunctie=MATCH.werkfunctie, uitkomst="niet_voldaan", thema=MATCH.thema,
                eis=MATCH.eis, effect=MATCH.effect),
       TEST(lambda thema: thema in AANPASBARE_THEMAS),
       # A wish ('gewenst', effect pre) that the building misses is a minpunt, not an
       # adaptation the building must undergo.
       TEST(lambda effect: effect != "pre"),
       citaat=("bij bestaand vastgoed met bouwkundige beperkingen (zoals verdiepingen boven "
               "winkels)"),
       bron="2.D6",
       aanname="De drempel is dat de investering te hoog is voor de eigenaar: een aanpassing "
               "die het pand nodig heeft, speelt bij beperkte investeringsruimte. Kleinschalig "
               "vastgoed boven winkels (locatietype 1.3.1) is een context waarin de drempel "
               "vooral speelt: zonder beperkte investeringsruimte een aandachtspunt.")
def investeringskosten(ctx: Regelcontext, werkfunctie: str, eis: str, effect: str) -> None:
    """Aanpassingen aan het pand wegen zwaar bij weinig investeringsruimte; boven winkels zijn
    ze een aandachtspunt. Een eis die het pand ook met een aanpassing niet haalt (een entree
    aan de achterkant komt niet aan de straat), vraagt geen aanpassing."""
    onhaalbaar = _eis(werkfunctie, eis).onhaalbaar_als
    if onhaalbaar and onhaalbaar.als.toets(ctx.lezer(werkfunctie)) is True:
        return
    aanpassing = f"Het pand moet worden aangepast ({_eistekst(werkfunctie, eis).lower()})"
    if ctx.kenmerk(INVESTERINGSRUIMTE) == "beperkt":
        _speelt(ctx, werkfunctie, "investeringskosten",
                f"{aanpassing} bij beperkte investeringsruimte.", BEPERKTE_RUIMTE)
    elif ctx.kenmerk("locatie.locatietype") == "boven_winkels_klein_middel":
        _aandachtspunt(ctx, werkfunctie, "investeringskosten",
                       f"{aanpassing} in bestaand vastgoed met bouwkundige beperkingen "
                       f"(verdieping boven winkels){_ruimte_tekst(ctx)}.", ctx.meta.citaat)


@regel("drempel.investeringskosten_beleidseisen", Gevraagd(werkfunctie=MATCH.werkfunctie),
       Kenmerk(pad="beleid.meerdere_beleidseisen", waarde=True),
       citaat=("Elk van deze eisen is op zichzelf verdedigbaar, maar werkt in de praktijk "
               "cumulatief door op de businesscase."),
       bron="2.D6",
       aanname="Meerdere beleidsambities tegelijk op één initiatief is een context waarin de "
               "drempel vooral speelt; of de kosten te hoog zijn, hangt af van wat de eigenaar "
               "kan dragen. Bij beperkte investeringsruimte speelt de drempel; bij ruime of "
               "onbekende investeringsruimte is het een aandachtspunt (onbekend is een open "
               "vraag).")
def investeringskosten_beleidseisen(ctx: Regelcontext, werkfunctie: str) -> None:
    """Meerdere beleidsambities tegelijk drijven de kosten op; te hoog bij beperkte ruimte."""
    tekst = "Meerdere beleidsambities worden tegelijk op dit initiatief toegepast"
    if ctx.kenmerk(INVESTERINGSRUIMTE) == "beperkt":
        _speelt(ctx, werkfunctie, "investeringskosten",
                f"{tekst} en de eigenaar heeft beperkte investeringsruimte.")
    else:
        _aandachtspunt(ctx, werkfunctie, "investeringskosten", f"{tekst}{_ruimte_tekst(ctx)}.",
                       CATALOGUS["investeringskosten"].speelt_vooral[2])


NIET_TOEGESTAAN = ("zolang een functie niet is toegestaan, is vestiging alleen mogelijk via een "
                   "afwijking of planwijziging")


@regel("drempel.omgevingsplan", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=NIET_TOEGESTAAN,
       bron="2.D9")
def omgevingsplan(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een functie die het omgevingsplan niet toelaat, vraagt een afwijking of planwijziging."""
    pad = f"beleid.omgevingsplan.{werkfunctie}"
    toelating = _toelating(ctx, werkfunctie)
    if toelating == "toegestaan":
        # The guide's own sentence on what a function the plan does not allow needs; the
        # context passage ("historisch gegroeid") says nothing about this case.
        ctx.reden(werkfunctie, "Het omgevingsplan staat de functie toe: vestiging vraagt geen "
                               "afwijking of planwijziging.", bron="2.D9",
                  citaat=NIET_TOEGESTAAN)
    elif toelating in ("afwijking_nodig", "niet_toegestaan"):
        wat = "een afwijking" if toelating == "afwijking_nodig" else "een planwijziging"
        _speelt(ctx, werkfunctie, "omgevingsplan",
                f"De functie past niet in het huidige omgevingsplan; vestiging vraagt {wat}.")
        ctx.voorwaarde(werkfunctie, f"Planologische medewerking: {wat} van het omgevingsplan",
                       bron="2.D9", citaat=NIET_TOEGESTAAN, thema="beleid")
    else:
        ctx.open_vraag(werkfunctie, "Staat het omgevingsplan deze functie hier toe?", (pad,),
                       bron="3.B4")
        ctx.voorwaarde(werkfunctie, "Nagaan of het omgevingsplan de functie toelaat",
                       bron="3.B4",
       citaat="Huidige bestemming en gebruiksregels in beeld.",
                       thema="beleid")


#: 2.D8's own account of the barrier: the uncertainty, not the procedure's length.
ONZEKERHEID_VERGUNNING = ("Niet zozeer de feitelijke doorlooptijd is doorslaggevend, maar vooral "
                          "de onzekerheid daarover: hoe snel krijg ik zekerheid over wel of niet "
                          "toestaan?")


@regel("drempel.vergunningsprocedure",
       Drempel(werkfunctie=MATCH.werkfunctie, drempel="omgevingsplan", sterkte=SPEELT),
       NOT(Kenmerk(pad="beleid.vooroverleg_principebesluit", waarde=True)),
       citaat="bij initiatieven die afwijken van het bestaande planologisch regime",
       bron="2.D8",
       aanname="Vooroverleg of een principebesluit (aanpak 4) neemt de onzekerheid weg; is er "
               "geen, dan speelt de drempel bij een afwijking van het omgevingsplan. Zolang "
               "onbekend is of er vooroverleg of een principebesluit is, is de afwijking alleen "
               "de context waarin de drempel zich 'vooral' manifesteert: een aandachtspunt met "
               "die open vraag, zoals de afwijking bij 2.D10.")
def vergunningsprocedure(ctx: Regelcontext, werkfunctie: str) -> None:
    """Afwijken van het planologisch regime zonder vooroverleg maakt de procedure onzeker; in
    een gebied zonder duidelijk beleidskader ook zolang vooroverleg onbekend is."""
    if ctx.kenmerk("beleid.vooroverleg_principebesluit") is None:
        # An unknown fact is a question, never a trigger.
        ctx.open_vraag(werkfunctie, "Is vooroverleg of een principebesluit mogelijk of genomen?",
                       ("beleid.vooroverleg_principebesluit",), bron="2.D8",
                       drempel="vergunningsprocedure")
        zonder_kader = [tekst for pad, tekst in GEEN_BELEIDSKADER.items()
                        if ctx.kenmerk(pad) is False]
        if zonder_kader:
            # Two contexts the guide names, both known: the deviation, in an area without a
            # clear policy framework. The barrier plays on those, not on the unknown.
            ctx.aanname(werkfunctie, TWEE_CONTEXTEN_AANNAME)
            _speelt(ctx, werkfunctie, "vergunningsprocedure",
                    "De functie wijkt af van het planologisch regime, in een gebied zonder "
                    "duidelijk beleidskader: " + "; ".join(zonder_kader) + ".",
                    CATALOGUS["vergunningsprocedure"].speelt_vooral[1])
        else:
            # The deviation alone is only the context.
            _aandachtspunt(ctx, werkfunctie, "vergunningsprocedure",
                           "De functie wijkt af van het planologisch regime; of er vooroverleg "
                           "of een principebesluit is, is onbekend.", ctx.meta.citaat)
    else:
        _speelt(ctx, werkfunctie, "vergunningsprocedure",
                "De functie wijkt af van het planologisch regime en er is geen vooroverleg "
                "of principebesluit.", ONZEKERHEID_VERGUNNING)


#: The facts that say an area lacks 'duidelijke beleidskaders' (2.D8), as the case can say it.
GEEN_BELEIDSKADER = {
    "beleid.gebiedsprofiel_werkfuncties": "er is geen gebiedsprofiel dat benoemt welke "
                                          "werkfuncties hier passen",
    "beleid.beleidskader_werkfuncties": "er is geen vastgesteld beleidskader om "
                                        "werkfunctie-initiatieven te toetsen",
}
TWEE_CONTEXTEN_AANNAME = (
    "2.D8 manifesteert zich vooral 'bij initiatieven die afwijken van het bestaande planologisch "
    "regime' en 'in gebieden zonder duidelijke beleidskaders'. Gelden beide op wat de casus "
    "zegt, dan speelt de drempel, ook zolang onbekend is of er vooroverleg of een "
    "principebesluit is: dat is de aanpak (4) die de onzekerheid wegneemt, en blijft een vraag.")


@regel("drempel.pand_ongeschikt",
       Eistoets(werkfunctie=MATCH.werkfunctie, uitkomst="niet_voldaan", effect="beperkt_passend",
                thema=MATCH.thema, eis=MATCH.eis),
       TEST(lambda thema: thema in BOUWKUNDIGE_THEMAS),
       citaat=("Die kenmerken sluiten niet vanzelfsprekend aan bij de eisen van veel "
               "werkfuncties."),
       bron="2.D13")
def pand_ongeschikt(ctx: Regelcontext, werkfunctie: str, eis: str) -> None:
    """Een niet gehaalde eis aan maat, hoogte, daglicht of indeling maakt het pand ongeschikt."""
    _speelt(ctx, werkfunctie, "pand_ongeschikt",
            f"Het pand haalt een eis uit het profiel niet: {_eistekst(werkfunctie, eis).lower()}.")


@regel("drempel.aandachtspunt", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat="Deze drempel speelt vooral:", bron=tuple(d.bron for d in DREMPELS.drempels))
def aandachtspunt(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een context waarin een drempel volgens de handreiking vooral speelt, is een aandachtspunt."""
    toegestaan = _toelating(ctx, werkfunctie) == "toegestaan"
    for drempel in DREMPELS.drempels:
        if drempel.over_toelating and toegestaan:
            continue
        for punt in drempel.aandachtspunten:
            if not drempel.geldt_voor(werkfunctie) or (
                    punt.functies is not None and werkfunctie not in punt.functies):
                continue
            if punt.als is not None and punt.als.toets(ctx.lezer(werkfunctie)) is not True:
                continue
            _aandachtspunt(ctx, werkfunctie, drempel.id, punt.tekst, punt.citaat)
            if punt.aanname:
                ctx.aanname(werkfunctie, punt.aanname)


@regel("drempel.aandachtspunt_afwijkend_initiatief",
       Drempel(werkfunctie=MATCH.werkfunctie, drempel="omgevingsplan", sterkte=SPEELT),
       NOT(Kenmerk(pad="beleid.capaciteit_begeleiding", waarde=True)),
       citaat="bij initiatieven die afwijken van de standaardfuncties",
       bron="2.D10",
       aanname="Een functie die het omgevingsplan niet toelaat, wijkt af van de standaardfuncties "
               "en volgt geen standaardroute; of de gemeente capaciteit heeft, blijft de vraag. "
               "Heeft de gemeente capaciteit om het initiatief te begeleiden, dan is er geen "
               "aandachtspunt: 2.D10 is het ontbreken van die capaciteit.")
def aandachtspunt_afwijkend_initiatief(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een initiatief buiten het omgevingsplan vraagt maatwerk: begeleiding is een aandachtspunt,
    tenzij de gemeente de capaciteit heeft om het te begeleiden (zoals 2.D8 bij vooroverleg)."""
    _aandachtspunt(ctx, werkfunctie, "capaciteit_gemeente",
                   "De functie wijkt af van wat het omgevingsplan toelaat en vraagt maatwerk "
                   "en procesbegeleiding.", ctx.meta.citaat)


#: The Niet-rows of a narrow historic building, one per shortfall (rules/profielen.yaml).
SMAL_HISTORISCH = ("smal_historisch_pand_ventilatie", "smal_historisch_pand_nooduitgang")


@regel("drempel.pand_ongeschikt_smal_historisch",
       Locatietoets(werkfunctie=MATCH.werkfunctie, lijst="niet", item=MATCH.item,
                    uitkomst="ja"),
       TEST(lambda item: item in SMAL_HISTORISCH),
       citaat="in historische binnensteden met fijnmazige verkaveling",
       bron="2.D13")
def pand_ongeschikt_smal_historisch(ctx: Regelcontext, werkfunctie: str, item: str) -> None:
    """Een smal historisch pand zonder voldoende ventilatie of nooduitgang is ongeschikt; de
    drempel noemt alleen het tekort dat er is."""
    rij = next(r for r in PROFIELEN.profielen[Werkfunctie(werkfunctie)].niet if r.id == item)
    _speelt(ctx, werkfunctie, "pand_ongeschikt", f"{rij.tekst}.")


@regel("drempel.open_vragen", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat="Deze drempel speelt vooral:", bron=tuple(d.bron for d in DREMPELS.drempels),
       fase=NA_DE_DREMPELS,
       aanname="Wat het bedrijf zelf ervaart of waar het vandaan komt (2.D2, 2.D3), wordt alleen "
               "gevraagd voor de werkfunctie van een concreet initiatief; zonder initiatief is er "
               "niemand om het te vragen.")
def open_vragen(ctx: Regelcontext, werkfunctie: str) -> None:
    """Een drempel die niet speelt maar van onbekende feiten afhangt, is een open vraag."""
    initiatief = ctx.kenmerk("initiatief.werkfunctie")
    for drempel in DREMPELS.drempels:
        if not drempel.vragen or ctx.feiten(Drempel, werkfunctie=werkfunctie,
                                            drempel=drempel.id, sterkte=SPEELT):
            continue
        if _alleen_buiten_omgevingsplan(drempel) and (
                _toelating(ctx, werkfunctie) == "toegestaan"
                or ctx.feiten(Drempel, werkfunctie=werkfunctie, drempel=drempel.id)):
            # Where the plan allows the function no answer makes the barrier play; where it is
            # already an aandachtspunt only the plan (asked under 2.D9) can.
            continue
        if not drempel.geldt_voor(werkfunctie):
            # Not asked where the guide's context does not concern the function; say so where
            # it would otherwise have been asked.
            if drempel.functies_aanname and any(
                    (not p.startswith("initiatief.") or initiatief == werkfunctie)
                    and ctx.kenmerk_voor(werkfunctie, p) is None for p in drempel.vragen):
                ctx.aanname(werkfunctie, drempel.functies_aanname)
            continue
        for pad, vraag in drempel.vragen.items():
            if ((not pad.startswith("initiatief.") or initiatief == werkfunctie)
                    and ctx.kenmerk_voor(werkfunctie, pad) is None
                    and not _vervalt(ctx, werkfunctie, drempel, pad)
                    and not _beantwoord(ctx, werkfunctie, drempel, pad)):
                ctx.open_vraag(werkfunctie, vraag, (pad,), bron=drempel.bron,
                               drempel=drempel.id)


@regel("drempel.aanpak", Drempel(werkfunctie=MATCH.werkfunctie, drempel=MATCH.drempel,
                                 sterkte=MATCH.sterkte),
       citaat="Hoe kan hiermee worden omgegaan?",
       bron=tuple(d.bron for d in DREMPELS.drempels), fase=NA_ALLE_DREMPELS,
       aanname="Een aanpak met een toepassingscriterium ('past_als') valt weg als dat criterium "
               "niet geldt; de handreiking noemt de aanpakken zonder voorwaarden.")
def aanpak(ctx: Regelcontext, werkfunctie: str, drempel: str, sterkte: str) -> None:
    """Geeft bij een drempel zijn beïnvloedbaarheid en de aanpakken die hier passen."""
    entry = CATALOGUS[drempel]  # type: ignore[index]
    ctx.verklaar(Drempelkenmerken(
        werkfunctie=werkfunctie, drempel=drempel, beinvloedbaarheid=entry.beinvloedbaarheid,
        toelichting=entry.beinvloedbaarheid_toelichting, citaat=entry.citaat, thema=entry.thema,
        bron=entry.bron, regel=ctx.meta.id, sterkte=sterkte))
    for stap in entry.aanpak:
        past = stap.past_als.toets(ctx.lezer(werkfunctie)) if stap.past_als else True
        if past is False:
            continue
        ctx.verklaar(Drempelaanpak(
            werkfunctie=werkfunctie, drempel=drempel, nummer=stap.nummer, titel=stap.titel,
            tekst=stap.tekst, bron=stap.bron, citaat=stap.citaat, regel=ctx.meta.id,
            onzeker=past is None or stap.altijd_voorbehoud))
