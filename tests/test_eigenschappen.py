"""Properties over generated cases: every valid case evaluates, completely and reproducibly."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategieen import casusdata

from kennisbank.advies import casusresultaat
from kennisbank.casus import Casus
from kennisbank.domein import BRONNEN, Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.weergave import als_json

BANK = laad_regelbank()
INSTELLINGEN = settings(max_examples=60, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])


@INSTELLINGEN
@given(data=casusdata(), functies=st.lists(st.sampled_from(list(Werkfunctie)), min_size=1,
                                           max_size=6, unique=True))
def test_every_valid_case_evaluates_with_one_cited_advies_per_function(data, functies) -> None:
    casus = Casus.model_validate(data)
    resultaat = casusresultaat(BANK.evalueer(casus, functies))
    assert [a.werkfunctie for a in resultaat.adviezen] == functies
    for advies in resultaat.adviezen:
        assert advies.redenen or advies.open_vragen
        for reden in [*advies.redenen, *advies.voorwaarden]:
            assert reden.bron in BRONNEN and reden.regel
        assert all(v.bron in BRONNEN for v in advies.open_vragen)
        assert advies.spoor
        if advies.open_vragen or advies.voorwaarden:
            assert advies.oordeel.value != "passend"


@INSTELLINGEN
@given(data=casusdata())
def test_json_is_identical_across_runs(data) -> None:
    casus = Casus.model_validate(data)
    eerste = als_json([casusresultaat(BANK.evalueer(casus))])
    tweede = als_json([casusresultaat(BANK.evalueer(casus))])
    assert eerste == tweede
    json.loads(eerste)
