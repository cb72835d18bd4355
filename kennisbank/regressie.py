"""Regression of stored cases against their expected outcome, and rule coverage.

A difference names the case, the function, expected → actual, the barriers added or gone, and
the rules responsible: with another rule directory, the rules that fired (or concluded something)
under one rule set and not under the other; without, the rules that set the actual verdict and
concluded the unexpected barriers.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kennisbank.advies import Advies, Casusresultaat, Redenering, casusresultaat
from kennisbank.casus import VerwachtAdvies
from kennisbank.casuslader import GeladenCasus
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import Evaluatie, Regelbank
from kennisbank.experta_compat import Fact
from kennisbank.regelapi import Eistoets, Locatietoets


@dataclass
class Afwijking:
    """How one function of one case differs from its expectation, and through which rules."""

    casus: str
    bestand: Path
    werkfunctie: str
    verwacht_oordeel: Oordeel | None
    oordeel: Oordeel
    drempels_erbij: list[str] = field(default_factory=list)
    drempels_weg: list[str] = field(default_factory=list)
    voorwaarden_ontbreken: list[str] = field(default_factory=list)
    regels: list[str] = field(default_factory=list)
    #: The case expects nothing for this function (e.g. a function added to the rule base):
    #: a gap to review and record, never a silent match.
    niet_verwacht: bool = False

    @property
    def oordeel_wijkt_af(self) -> bool:
        return self.verwacht_oordeel is not None and self.verwacht_oordeel != self.oordeel


@dataclass
class Regressie:
    casussen: int
    kloppen: int
    afwijkingen: list[Afwijking]
    zonder_verwachting: list[str]
    #: Only for the cases that differ or have no expectation: what --bijwerken records.
    resultaten: dict[str, Casusresultaat]

    @property
    def geslaagd(self) -> bool:
        return not self.afwijkingen and not self.zonder_verwachting


def vergelijk(advies: Advies, verwacht: VerwachtAdvies) -> tuple[list[str], list[str], list[str]]:
    """(barriers added, barriers gone, key conditions missing); empty lists mean a match."""
    erbij: list[str] = []
    weg: list[str] = []
    if verwacht.drempels is not None:
        werkelijk = [d.id for d in advies.drempels]
        erbij = [d for d in werkelijk if d not in verwacht.drempels]
        weg = [d for d in verwacht.drempels if d not in werkelijk]
    ontbreken = [fragment for fragment in verwacht.voorwaarden or []
                 if not any(fragment in v.tekst for v in advies.voorwaarden)]
    return erbij, weg, ontbreken


def _conclusies_per_regel(evaluatie: Evaluatie, werkfunctie: str) -> Counter[tuple[str, str]]:
    """What each rule concluded for one function, without fact ids: comparable across rule sets."""
    geteld: Counter[tuple[str, str]] = Counter()
    for vuring in evaluatie.spoor:
        relevant = [c for c in vuring.conclusies if c.get("werkfunctie") in (None, werkfunctie)]
        functies = {f.get("werkfunctie") for f in vuring.feiten} - {None}
        if not relevant and functies and werkfunctie not in functies:
            continue
        if not relevant:
            geteld[(vuring.regel.id, "(geen conclusie)")] += 1
        for conclusie in relevant:
            inhoud = {str(k): v for k, v in conclusie.as_dict().items()}
            geteld[(vuring.regel.id, json.dumps(inhoud, sort_keys=True, ensure_ascii=False,
                                                default=str))] += 1
    return geteld


def verschil_in_regels(nu: Evaluatie, referentie: Evaluatie, werkfunctie: str) -> list[str]:
    """Rules that fired or concluded differently for this function under the two rule sets."""
    a = _conclusies_per_regel(nu, werkfunctie)
    b = _conclusies_per_regel(referentie, werkfunctie)
    regels_nu = {r for r, _ in a}
    regels_ref = {r for r, _ in b}
    uitleg = [f"{r}: vuurt nu, eerder niet" for r in sorted(regels_nu - regels_ref)]
    uitleg += [f"{r}: vuurde eerder, nu niet" for r in sorted(regels_ref - regels_nu)]
    for regel in sorted(regels_nu & regels_ref):
        erbij = sorted(c for (r, c), n in (a - b).items() if r == regel)
        weg = sorted(c for (r, c), n in (b - a).items() if r == regel)
        if erbij or weg:
            uitleg.append(f"{regel}: concludeert nu anders "
                          f"({_kort(weg)} → {_kort(erbij)})")
    return uitleg


def _kort(conclusies: list[str]) -> str:
    delen = []
    for conclusie in conclusies[:2]:
        inhoud = json.loads(conclusie) if conclusie.startswith("{") else {}
        sleutels = ("symbool", "oordeel", "drempel", "uitkomst", "risico", "niveau", "tekst")
        kern = next((f"{k}={inhoud[k]}" for k in sleutels if k in inhoud), conclusie[:60])
        delen.append(kern)
    if len(conclusies) > 2:
        delen.append(f"+{len(conclusies) - 2}")
    return ", ".join(delen) or "niets"


def verantwoordelijk(advies: Advies, drempels_erbij: list[str]) -> list[str]:
    """Without a reference rule set: the rules behind the actual verdict and the extra barriers."""
    laagste = min((r.grens.rang for r in advies.redenen if r.grens), default=None)
    regels = [f"{r.regel} ({r.bron}): {r.tekst}" for r in advies.redenen
              if r.grens is not None and r.grens.rang == laagste]
    if advies.oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN and laagste != 2:
        regels += [f"{v.regel} ({v.bron}): voorwaarde '{v.tekst}'" for v in advies.voorwaarden[:3]]
    for drempel in advies.drempels:
        if drempel.id in drempels_erbij:
            regels += [f"{r.regel} ({r.bron}): {r.tekst}" for r in drempel.redenen]
    return regels


def draai(geladen: list[GeladenCasus], bank: Regelbank, referentie: Regelbank | None = None,
          volg: Callable[[list[GeladenCasus]], Iterable[GeladenCasus]] = iter) -> Regressie:
    """Evaluate every case and compare; ``volg`` may wrap the loop (e.g. in a progress bar)."""
    afwijkingen: list[Afwijking] = []
    zonder: list[str] = []
    resultaten: dict[str, Casusresultaat] = {}
    kloppen = 0
    # Per case only what a difference needs is kept, so memory does not grow with every
    # evaluation.
    for item in volg(geladen):
        casus = item.casus
        evaluatie = bank.evalueer(casus)
        resultaat = casusresultaat(evaluatie)
        if not casus.verwacht:
            zonder.append(casus.id)
            resultaten[casus.id] = resultaat
            continue
        ref_evaluatie = referentie.evalueer(casus) if referentie else None
        per_functie = {a.werkfunctie: a for a in resultaat.adviezen}
        klopt = True
        for advies in resultaat.adviezen:
            if advies.werkfunctie not in casus.verwacht:
                klopt = False
                afwijkingen.append(Afwijking(
                    casus=casus.id, bestand=item.bestand, werkfunctie=advies.werkfunctie.value,
                    verwacht_oordeel=None, oordeel=advies.oordeel, niet_verwacht=True))
        for functie, verwacht in casus.verwacht.items():
            advies = per_functie[Werkfunctie(functie)]
            erbij, weg, ontbreken = vergelijk(advies, verwacht)
            if advies.oordeel == verwacht.oordeel and not (erbij or weg or ontbreken):
                continue
            klopt = False
            regels = (verschil_in_regels(evaluatie, ref_evaluatie, functie.value)
                      if ref_evaluatie is not None else verantwoordelijk(advies, erbij))
            afwijkingen.append(Afwijking(
                casus=casus.id, bestand=item.bestand, werkfunctie=functie.value,
                verwacht_oordeel=verwacht.oordeel, oordeel=advies.oordeel,
                drempels_erbij=erbij, drempels_weg=weg, voorwaarden_ontbreken=ontbreken,
                regels=regels))
        kloppen += klopt
        if not klopt:
            resultaten[casus.id] = resultaat
    return Regressie(len(geladen), kloppen, afwijkingen, zonder, resultaten)


def dekking(evaluaties: dict[str, Evaluatie], bank: Regelbank) -> dict[str, list[str]]:
    """For every rule of the rule set, the cases that fire it (in rule order), under any of the
    location types a case names: each further type is a run of the rules of its own."""
    per_regel: dict[str, list[str]] = {meta.id: [] for meta in bank.regels}
    for casus_id, evaluatie in evaluaties.items():
        for regel_id in dict.fromkeys(v.regel.id for lezing in evaluatie.per_locatietype
                                      for v in lezing.spoor):
            per_regel.setdefault(regel_id, []).append(casus_id)
    return per_regel


def lezingen(evaluaties: dict[str, Evaluatie]) -> dict[str, list[str]]:
    """The cases evaluated under more than one location type, with those types (the primary
    first): the coverage counts the runs under the further types too."""
    return {casus_id: [str(lezing.casus.locatie.locatietype) for lezing in
                       evaluatie.per_locatietype]
            for casus_id, evaluatie in evaluaties.items() if evaluatie.ook}


#: What a table row must conclude to count as exercised: a requirement that is not met, a
#: location list entry that applies.
BESLISSEND: dict[type[Fact], tuple[str, ...]] = {Eistoets: ("niet_voldaan",),
                                                 Locatietoets: ("ja",)}


def rijdekking(evaluaties: dict[str, Evaluatie]) -> dict[str, list[str]]:
    """For every profile row tested, the cases in which it decided something (in row order),
    under any of the location types a case names."""
    per_rij: dict[str, list[str]] = {}
    for casus_id, evaluatie in evaluaties.items():
        for feit in (f for lezing in evaluatie.per_locatietype for f in lezing.feiten):
            if isinstance(feit, Eistoets):
                rij = f"eis.{feit.eis}"
            elif isinstance(feit, Locatietoets):
                rij = f"{feit.lijst}.{feit.item}"
            else:
                continue
            gevallen = per_rij.setdefault(f"{feit.werkfunctie}.{rij}", [])
            if feit.uitkomst in BESLISSEND[type(feit)] and casus_id not in gevallen:
                gevallen.append(casus_id)
    return dict(sorted(per_rij.items()))


def als_dict(regressie: Regressie) -> dict[str, Any]:
    return {
        "casussen": regressie.casussen,
        "kloppen": regressie.kloppen,
        "zonder_verwachting": regressie.zonder_verwachting,
        "afwijkingen": [
            {"casus": a.casus, "werkfunctie": a.werkfunctie,
             "verwacht": a.verwacht_oordeel.value if a.verwacht_oordeel else None,
             "oordeel": a.oordeel.value, "drempels_erbij": a.drempels_erbij,
             "drempels_weg": a.drempels_weg, "voorwaarden_ontbreken": a.voorwaarden_ontbreken,
             "regels": a.regels, "niet_verwacht": a.niet_verwacht}
            for a in regressie.afwijkingen
        ],
    }


# --- What a municipal variant changes on the stored cases --------------------------------------

@dataclass
class Variantverschil:
    """One function of one case as the variant decides it, beside the guide's own rules."""

    casus: str
    gemeente: str
    werkfunctie: str
    handreiking: Oordeel
    variant: Oordeel
    #: Reasons and conditions under the variant that the guide's rules do not give (with the
    #: variant's source where they rest on a changed row), and those the variant takes away.
    erbij: list[Redenering]
    weg: list[Redenering]
    #: Texts of ``erbij`` the guide's rules give too: the same words, now resting on the variant.
    zelfde_tekst: list[str]

    @property
    def oordeel_anders(self) -> bool:
        return self.handreiking != self.variant


@dataclass
class Variantimpact:
    casussen: int
    verschillen: list[Variantverschil]

    @property
    def casussen_met_ander_oordeel(self) -> list[str]:
        return list(dict.fromkeys(v.casus for v in self.verschillen if v.oordeel_anders))


def _redenen_en_voorwaarden(advies: Advies) -> list[Redenering]:
    return [*advies.redenen, *advies.voorwaarden]


def variantimpact(geladen: list[GeladenCasus], handreiking: Regelbank, variant: Regelbank,
                  volg: Callable[[list[GeladenCasus]], Iterable[GeladenCasus]] = iter
                  ) -> Variantimpact:
    """Every stored case under the guide's rules and under the variant: per function whatever
    differs (verdict, reasons, conditions), not a comparison with the recorded expectation."""
    verschillen: list[Variantverschil] = []
    for item in volg(geladen):
        casus = item.casus
        voor = {a.werkfunctie: a for a in casusresultaat(handreiking.evalueer(casus)).adviezen}
        for na in casusresultaat(variant.evalueer(casus)).adviezen:
            oud = voor[na.werkfunctie]
            oude_teksten = {r.tekst for r in _redenen_en_voorwaarden(oud)}
            nieuwe_teksten = {r.tekst for r in _redenen_en_voorwaarden(na)}
            erbij = [r for r in _redenen_en_voorwaarden(na)
                     if r.tekst not in oude_teksten or r.lokaal]
            weg = [r for r in _redenen_en_voorwaarden(oud) if r.tekst not in nieuwe_teksten]
            if oud.oordeel == na.oordeel and not erbij and not weg:
                continue
            verschillen.append(Variantverschil(
                casus=casus.id, gemeente=casus.gemeente, werkfunctie=na.werkfunctie.value,
                handreiking=oud.oordeel, variant=na.oordeel, erbij=erbij, weg=weg,
                zelfde_tekst=[r.tekst for r in erbij if r.tekst in oude_teksten]))
    return Variantimpact(len(geladen), verschillen)


def variantimpact_als_dict(impact: Variantimpact, variant: Regelbank) -> dict[str, Any]:
    geladen = variant.variant
    return {
        "variant": ({"naam": geladen.variant.naam, "gemeente": geladen.variant.gemeente,
                     "illustratief": geladen.variant.illustratief,
                     "wijzigingen": [w.als_dict() for w in geladen.wijzigingen]}
                    if geladen is not None else None),
        "casussen": impact.casussen,
        "oordeel_anders": sum(v.oordeel_anders for v in impact.verschillen),
        "verschillen": [
            {"casus": v.casus, "gemeente": v.gemeente, "werkfunctie": v.werkfunctie,
             "handreiking": v.handreiking.value, "variant": v.variant.value,
             "erbij": [r.model_dump(mode="json") for r in v.erbij],
             "zelfde_tekst": v.zelfde_tekst,
             "weg": [r.model_dump(mode="json") for r in v.weg]}
            for v in impact.verschillen
        ],
    }
