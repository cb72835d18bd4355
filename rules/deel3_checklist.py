"""Deel 3: de checklist per casus: welke vragen de feiten beantwoorden en welke open zijn."""

from __future__ import annotations

from kennisbank.labels import opsomming
from kennisbank.regelapi import Checklistvraag, Regelcontext, regel, tabelpad
from kennisbank.tabellen import Checklisttabel, laad_tabel

CHECKLIST = laad_tabel(tabelpad(__file__, "checklist.yaml"), Checklisttabel)


@regel("checklist.vragen",
       citaat="Deze checklist biedt gemeenten houvast bij het doorlopen van dit proces.",
       bron=tuple(item.bron for item in CHECKLIST.items),
       aanname=CHECKLIST.fase_aanname)
def vragen(ctx: Regelcontext) -> None:
    """Een checklistvraag is beantwoord als haar feiten bekend zijn, vervuld bij antwoord ja.

    A known answer can also raise a question rather than settle it ('open_als'): a monument
    does not answer "Belemmering vanuit monumentenstatus", it is why the question must be
    asked; the question then stays open with what the case knows ('aanleiding').
    """
    fasenamen = {fase.id: fase.naam for fase in CHECKLIST.fasen}
    for item in CHECKLIST.items:
        for vraag in item.vragen:
            bekend = [ctx.kenmerk(pad) is not None for pad in vraag.beantwoord_door]
            beantwoord = bool(bekend) and (all(bekend) if vraag.beantwoord_als == "alle_bekend"
                                           else any(bekend))
            voldaan: bool | None = None
            aanleiding: str | None = None
            if vraag.open_als and vraag.open_als.toets(ctx.kenmerk) is True:
                # The known answer raises the question instead of settling it.
                beantwoord, aanleiding = False, vraag.aanleiding
            if not beantwoord and vraag.onderdelen:
                aanleiding = _wat_ontbreekt(ctx, vraag.onderdelen, aanleiding)
            if not beantwoord:
                aanleiding = " ".join(filter(None, [aanleiding, *(
                    a.tekst for a in vraag.aanvullingen if a.als.toets(ctx.kenmerk) is True)])) \
                    or None
            if beantwoord:
                voldaan = (vraag.voldaan_als.toets(ctx.kenmerk) is True
                           if vraag.voldaan_als else True)
            ctx.verklaar(Checklistvraag(voldaan=voldaan, aanleiding=aanleiding,
                item=item.nummer, groep=item.groep, titel=item.titel, fase=item.fase,
                fasenaam=fasenamen[item.fase],
                vraag=vraag.id, tekst=vraag.tekst, bron=item.bron, regel=ctx.meta.id,
                status="beantwoord" if beantwoord else "open",
                kenmerken=tuple(vraag.beantwoord_door)))


def _wat_ontbreekt(ctx: Regelcontext, onderdelen: dict[str, str],
                   aanleiding: str | None) -> str | None:
    """Name, of a question that asks several things at once, what the case lacks and what it
    does not know; the question's own step follows only what is lacking."""
    ontbreekt = [naam for pad, naam in onderdelen.items() if ctx.kenmerk(pad) is False]
    onbekend = [naam for pad, naam in onderdelen.items() if ctx.kenmerk(pad) is None]
    delen = ([f"ontbreekt: {opsomming(ontbreekt)}"] if ontbreekt else []) + \
        ([f"onbekend: {opsomming(onbekend)}"] if onbekend else [])
    if not delen:
        return aanleiding
    tekst = "; ".join(delen)
    tekst = tekst[0].upper() + tekst[1:] + "."
    return f"{tekst} {aanleiding}" if ontbreekt and aanleiding else tekst
