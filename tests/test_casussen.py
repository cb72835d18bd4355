"""Every stored case is its own test: its outcome must match the expectation a person wrote."""

from __future__ import annotations

import pytest
from conftest import CASES

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casussen
from kennisbank.domein import Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.regressie import dekking, vergelijk

BANK = laad_regelbank()
GELADEN = laad_casussen([CASES])


@pytest.mark.parametrize("item", GELADEN, ids=lambda g: g.casus.id)
def test_stored_case_matches_its_expectation(item) -> None:
    casus = item.casus
    assert casus.illustratief is True, "opgeslagen casussen zijn illustratief"
    assert casus.toelichting, "een casus zegt wat zij test en waarom"
    assert casus.verwacht and set(casus.verwacht) == set(Werkfunctie), "verwachting per functie"
    resultaat = casusresultaat(BANK.evalueer(casus))
    verschillen = []
    for advies in resultaat.adviezen:
        verwacht = casus.verwacht[advies.werkfunctie]
        erbij, weg, ontbreken = vergelijk(advies, verwacht)
        if advies.oordeel != verwacht.oordeel or erbij or weg or ontbreken:
            verschillen.append(f"{advies.werkfunctie.value}: {verwacht.oordeel.value} → "
                               f"{advies.oordeel.value}, drempels +{erbij} -{weg}, "
                               f"voorwaarden ontbreken {ontbreken}")
    assert not verschillen, "\n".join(verschillen)


def test_at_least_eight_cases_per_city() -> None:
    per_stad: dict[str, int] = {}
    for item in GELADEN:
        per_stad[item.bestand.parent.name] = per_stad.get(item.bestand.parent.name, 0) + 1
    assert set(per_stad) == {"rotterdam", "den-haag", "utrecht"}
    assert all(aantal >= 8 for aantal in per_stad.values()), per_stad
    assert len(GELADEN) >= 24


def test_every_rule_is_exercised_by_a_stored_case() -> None:
    evaluaties = {g.casus.id: BANK.evalueer(g.casus) for g in GELADEN}
    ongedekt = [regel for regel, casussen in dekking(evaluaties, BANK).items() if not casussen]
    assert ongedekt == []


def test_stored_cases_cover_locations_niet_entries_and_barriers() -> None:
    locatietypen = set()
    niet_geraakt = set()
    drempels = set()
    for item in GELADEN:
        resultaat = casusresultaat(BANK.evalueer(item.casus))
        locatietypen.add(str(getattr(item.casus.locatie.locatietype, "value",
                                     item.casus.locatie.locatietype)))
        for advies in resultaat.adviezen:
            drempels.update(d.id for d in advies.drempels)
            # 2.D3 and 2.D4 are only ever aandachtspunten of a concrete case (test_drempels).
            drempels.update(d.id for d in advies.aandachtspunten
                            if d.id in ("verplaatsing_bedrijventerrein", "zicht_vraag_aanbod"))
            niet_geraakt.update((advies.werkfunctie.value, r.tekst) for r in advies.redenen
                                if r.regel == "profiel.niet_locatie")
    assert {"boven_winkels_klein_middel", "boven_winkels_groot", "aanloopstraat",
            "gebiedsontwikkeling", "semi_industrieel_pand", "buiten_matrix", "None"} <= locatietypen
    assert len(drempels) == 13
    from kennisbank.engine import standaardmap
    from kennisbank.tabellen import Profieltabel, laad_tabel

    profielen = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel)
    for functie, profiel in profielen.profielen.items():
        for item in profiel.niet:
            assert any(f == functie.value and item.tekst in tekst
                       for f, tekst in niet_geraakt), (functie.value, item.id)


def test_cases_readme_lists_every_case() -> None:
    readme = (CASES / "README.md").read_text(encoding="utf-8")
    for item in GELADEN:
        assert item.bestand.name in readme, item.bestand.name
