"""Deel 1.5: bijdrage aan levendigheid en sociale veiligheid, overdag en 's avonds."""

from __future__ import annotations

import typing

from kennisbank.domein import Werkfunctie
from kennisbank.regelapi import MATCH, Gevraagd, Levendigheid, Regelcontext, regel, tabelpad
from kennisbank.tabellen import Bijdrage, Levendigheidstabel, Niveau, laad_tabel

#: The levels of 1.5, strongest first.
NIVEAUS: tuple[Niveau, ...] = typing.get_args(Niveau)

LEVENDIGHEID = laad_tabel(tabelpad(__file__, "levendigheid.yaml"), Levendigheidstabel)


@regel("levendigheid.bijdrage", Gevraagd(werkfunctie=MATCH.werkfunctie),
       citaat=("Het effect hangt sterk samen met mate van publieksgerichtheid, zichtbaarheid en "
               "openingstijden."),
       bron=("1.5.1", "1.5.2", "1.5.3", "1.5.4", "1.5.5", "1.5.6"),
       aanname=LEVENDIGHEID.aanname)
def bijdrage(ctx: Regelcontext, werkfunctie: str) -> None:
    """Bepaalt de bijdrage aan levendigheid en sociale veiligheid overdag en 's avonds."""
    profiel = LEVENDIGHEID.functies[Werkfunctie(werkfunctie)]
    for dagdeel, basis in (("dag", profiel.dag), ("avond", profiel.avond)):
        gekozen: Bijdrage = basis
        lezing, onzeker = basis.lezing or basis.niveau, ""
        for versterker in profiel.versterkers:
            if versterker.dagdeel != dagdeel:
                continue
            geldt = versterker.als.toets(ctx.lezer(werkfunctie))
            if geldt is True:
                gekozen, lezing = versterker, versterker.lezing or versterker.niveau
            elif geldt is None and NIVEAUS.index(versterker.niveau) < NIVEAUS.index(basis.niveau):
                onzeker = f" Hoger ({versterker.niveau}) als: {versterker.tekst.lower()}."
                # While its fact is unknown the guide's own hedge is the reading, not the
                # lower level ("afhankelijk van het type", 1.5.6).
                lezing = versterker.lezing_onbekend or lezing
            elif geldt is None and versterker.lezing != basis.lezing:
                onzeker = f" {versterker.tekst}."
        if gekozen.aanname and lezing == gekozen.lezing:
            ctx.aanname(werkfunctie, " ".join(gekozen.aanname.split()))
        ctx.verklaar(Levendigheid(
            werkfunctie=werkfunctie, dagdeel=dagdeel, niveau=gekozen.niveau, lezing=lezing,
            tekst=gekozen.tekst + "." + onzeker, regel=ctx.meta.id, bron=gekozen.bron,
            citaat=" ".join(gekozen.citaat.split())))
