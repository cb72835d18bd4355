"""Deel 2.D1 en de profielen: het overlastrisico per werkfunctie en wat het acceptabel maakt."""

from __future__ import annotations

from kennisbank.domein import Werkfunctie
from kennisbank.regelapi import (
    MATCH,
    Fase,
    Gevraagd,
    Overlastfactor,
    Overlastrisico,
    Overlastversterker,
    Regelcontext,
    regel,
    tabelpad,
)
from kennisbank.tabellen import Drempeltabel, Overlastfactorrij, Overlasttabel, laad_tabel

OVERLAST = laad_tabel(tabelpad(__file__, "overlast.yaml"), Overlasttabel)
VERSTERKERS = {v.id: v for v in OVERLAST.versterkers}
DREMPELS = laad_tabel(tabelpad(__file__, "drempels.yaml"), Drempeltabel)
AANPAK_OVERLAST = {a.nummer: a for a in DREMPELS.drempels[0].aanpak}
NIVEAUS = ("laag", "midden", "hoog")
NA_FACTOREN_EN_VERSTERKERS = Fase.OVERLASTRISICO


@regel("overlast.factoren", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=("hoe intensief het gebruik is, op welke momenten activiteit plaatsvindt en welke "
               "impact dit heeft op de directe leefomgeving"),
       bron=("1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.5.1"),
       aanname=OVERLAST.aanname)
def factoren(ctx: Regelcontext, werkfunctie: str) -> None:
    """Bepaalt per bron van overlast het niveau uit het profiel; het initiatief kan het verhogen."""
    niveaus: dict[str, Overlastfactorrij] = {
        rij.factor: rij for rij in OVERLAST.functies[Werkfunctie(werkfunctie)]}
    lees = ctx.lezer(werkfunctie)
    precisering: dict[str, tuple[str, str]] = {}
    for precisie in OVERLAST.initiatief:
        waarde = lees(precisie.pad)
        if waarde is not None and waarde in precisie.niveaus:
            niveau: str = precisie.niveaus[waarde]
            huidig = precisering.get(precisie.factor)
            if huidig is None or NIVEAUS.index(niveau) > NIVEAUS.index(huidig[0]):
                precisering[precisie.factor] = (niveau, f"{precisie.pad} = {waarde}")
    geisoleerd = ctx.kenmerk("pand.geluid_trillingsisolatie") is True
    for factor in dict.fromkeys([*niveaus, *precisering]):
        profiel = niveaus.get(factor)
        if factor in precisering and (profiel is None or NIVEAUS.index(precisering[factor][0])
                                      > NIVEAUS.index(profiel.niveau)):
            gekozen, waarom = precisering[factor]
            tekst = f"Volgens het initiatief ({waarom})"
            bron = profiel.bron if profiel else "2.D1"
            citaat = profiel.citaat if profiel else AANPAK_OVERLAST[1].tekst
        elif factor in precisering:
            # What an initiative declares never lowers the guide's own level for the function.
            assert profiel is not None
            gekozen, bron, citaat = profiel.niveau, profiel.bron, profiel.citaat
            tekst = (f"{profiel.tekst} (het initiatief, {precisering[factor][1]}, verlaagt het "
                     f"niveau uit de handreiking niet)")
        else:
            assert profiel is not None
            gekozen, tekst = profiel.niveau, profiel.tekst
            bron, citaat = profiel.bron, profiel.citaat
        if factor == "geluid_trillingen" and geisoleerd and gekozen != "laag":
            gekozen = NIVEAUS[NIVEAUS.index(gekozen) - 1]
            tekst += "; lager door bouwkundige geluid- en trillingsisolatie"
        ctx.verklaar(Overlastfactor(werkfunctie=werkfunctie, factor=factor, niveau=gekozen,
                                    tekst=tekst, bron=bron, citaat=citaat, regel=ctx.meta.id))


@regel("overlast.versterkers",
       citaat=("Door de hoge functiedichtheid en het toenemend aandeel woningen worden geluid, "
               "verkeer en (fiets)parkeren sneller als problematisch ervaren"),
       bron=("2.D1", "1.2.4"))
def versterkers(ctx: Regelcontext) -> None:
    """Stelt vast welke context overlast versterkt: woonfunctie, ruimte, spanningen, buren."""
    for versterker in OVERLAST.versterkers:
        waarde = ctx.kenmerk(versterker.pad)
        if waarde is False:
            continue
        ctx.verklaar(Overlastversterker(
            id=versterker.id, aanwezig="ja" if waarde else "onbekend", pad=versterker.pad,
            tekst=versterker.tekst, bron=versterker.bron, citaat=versterker.citaat,
            regel=ctx.meta.id))


@regel("overlast.risico", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=("De perceptie van overlast is niet volledig weg te nemen, maar de feitelijke "
               "impact is wel degelijk te sturen."),
       bron="2.D1",
       fase=NA_FACTOREN_EN_VERSTERKERS, aanname=OVERLAST.aanname)
def risico(ctx: Regelcontext, werkfunctie: str) -> None:
    """Weegt overlastfactoren en versterkende context tot een risico met voorwaarden."""
    factoren = {f.factor: f for f in ctx.feiten(Overlastfactor, werkfunctie=werkfunctie)}
    basis = max((NIVEAUS.index(f.niveau) for f in factoren.values()), default=0)
    aanwezig = ctx.feiten(Overlastversterker, aanwezig="ja")
    onbekend = ctx.feiten(Overlastversterker, aanwezig="onbekend")
    versterkt = basis >= 1 and bool(aanwezig)
    niveau = "hoog" if versterkt else NIVEAUS[min(basis, 1)]
    waarom = f"hoogste factor {NIVEAUS[basis]}"
    if versterkt:
        waarom += "; versterkt door " + ", ".join(
            v.tekst.lower() + (" (aanname: buiten de context van 2.D1)"
                               if VERSTERKERS[v.id].verbreding else "") for v in aanwezig)
        for v in aanwezig:
            # A context wider than 2.D1's own list says so wherever it raises the risk.
            verbreding = VERSTERKERS[v.id].aanname
            if verbreding:
                ctx.aanname(werkfunctie, verbreding)
    elif basis == 2:
        waarom += "; geen versterkende context bekend"
    ctx.verklaar(Overlastrisico(werkfunctie=werkfunctie, risico=niveau, tekst=waarom,
                                regel=ctx.meta.id, bron="2.D1"))
    if basis >= 1 and onbekend and not aanwezig:
        # Whether the risk is medium or high depends on the unknown context.
        ctx.open_vraag(werkfunctie, "Versterkt de omgeving overlast: "
                       + "; ".join(v.tekst.lower() for v in onbekend) + "?",
                       tuple(v.pad for v in onbekend), bron="2.D1")
    if niveau == "laag":
        return
    if not aanwezig and not onbekend:
        # Conditions of use answer a context that makes the nuisance felt; where every such
        # context is known to be absent, imposing them would be the generic restriction 2.D1
        # warns against (and could cut across a need the profile names, such as 24/7 access).
        ctx.aanname(werkfunctie, GEEN_CONTEXT_AANNAME)
        ctx.reden(werkfunctie, "Geen context bekend die overlast versterkt ("
                  + "; ".join(v.tekst.lower() for v in OVERLAST.versterkers)
                  + "): gebruiksvoorwaarden zoals openingstijden of tijdvensters zijn hier "
                    "niet nodig.", bron="2.D1", citaat=GERICHT_KADEREN)
    else:
        _voorwaarden(ctx, werkfunctie, factoren, bool(aanwezig))
    ctx.reden(werkfunctie, "Accepteren dat menging frictie kent: een zekere mate van dynamiek "
                           "hoort bij een gemengde binnenstad.", bron="2.D1",
              citaat=AANPAK_OVERLAST[4].tekst)


#: 2.D1 on what the key to nuisance is.
GERICHT_KADEREN = ("De sleutel ligt in gericht kaderen en concreet maken, niet in generieke "
                   "uitsluiting")
GEEN_CONTEXT_AANNAME = (
    "2.D1 noemt de contexten waarin de drempel zich vooral manifesteert (een grote woonfunctie, "
    "beperkte openbare ruimte, eerdere spanningen tussen functies) en de profielen noemen "
    "geluidgevoelige woningen direct boven of naast. Is van elk bekend dat het er niet is, dan "
    "stelt de kennisbank geen gebruiksvoorwaarden (aanpak 2, 'Voorwaardelijk toestaan'); het "
    "risico blijft het niveau van de functie zelf.")


def _voorwaarden(ctx: Regelcontext, werkfunctie: str, factoren: dict[str, Overlastfactor],
                 omgeving_gevoelig: bool) -> None:
    def hoog_genoeg(factor: str) -> bool:
        return factor in factoren and factoren[factor].niveau != "laag"

    def voorwaarde(nummer: int, tekst: str, citaat: str | None = None) -> None:
        ctx.voorwaarde(werkfunctie, tekst, bron="2.D1",
                       citaat=citaat or AANPAK_OVERLAST[nummer].titel, thema="overlast")

    voorwaarde(1, "Het type werkfunctie afbakenen naar intensiteit, tijdstip en aard van het "
                  "gebruik")
    if hoog_genoeg("avond_24_7"):
        voorwaarde(2, "Openingstijden vastleggen voor avond- en nachtgebruik",
                   "Met voorwaarden zoals openingstijden")
    if hoog_genoeg("geluid_trillingen"):
        if ctx.kenmerk("pand.geluid_trillingsisolatie") is True:
            voorwaarde(2, "Situering binnen het pand (bouwkundige geluid- en trillingsisolatie is "
                          "aanwezig)", "situering binnen het pand")
        else:
            voorwaarde(2, "Situering binnen het pand en bouwkundige geluid- en "
                          "trillingsmaatregelen", "situering binnen het pand")
    if hoog_genoeg("laden_lossen"):
        voorwaarde(2, "Gebruiksbeperkingen voor laden en lossen (tijdvensters)",
                   "gebruiksbeperkingen")
    if hoog_genoeg("bezoekers_parkeren"):
        voorwaarde(2, "Gebruiksbeperkingen voor bezoekers- en parkeerdruk",
                   "gebruiksbeperkingen")
    if omgeving_gevoelig:
        voorwaarde(3, "Omwonenden tijdig informeren over functie, gebruiksmomenten en "
                      "maatregelen (participatie gericht op inpassing)")
