"""A brief evaluation (a scan row) against a full one, on rules written for the purpose: what
it leaves out of working memory, and that the rules fire as they would with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES

from kennisbank.casuslader import laad_casus
from kennisbank.domein import Werkfunctie
from kennisbank.engine import Evaluatie, Regelbank, laad_regelbank
from kennisbank.experta_compat import Fact
from kennisbank.regelapi import Profielregel, Reden

CASUS = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"
FUNCTIES = (Werkfunctie.KANTOREN_COWORKING, Werkfunctie.MODERNE_MAKERS)

KLAARZETTEN = '''
from kennisbank.regelapi import MATCH, Fase, Gevraagd, Profielregel, Reden, regel


@regel("zz.klaarzetten", Gevraagd(werkfunctie=MATCH.werkfunctie), citaat="x", bron="1.4",
       fase=Fase.KLAARZETTEN)
def klaarzetten(ctx, werkfunctie):
    """Zet drie rijen klaar, waarvan twee gelijk (de tweede met de velden in andere volgorde)."""
    ctx.zet_klaar(Profielregel(werkfunctie=werkfunctie, lijst="eis", item="a", bron="1.4"))
    ctx.zet_klaar(Profielregel(werkfunctie=werkfunctie, lijst="eis", item="b", bron="1.4"))
    ctx.zet_klaar(Profielregel(bron="1.4", item="a", lijst="eis", werkfunctie=werkfunctie))


@regel("zz.toetsen", Profielregel(werkfunctie=MATCH.werkfunctie, lijst="eis", item=MATCH.item),
       citaat="x", bron="1.4")
def toetsen(ctx, werkfunctie, item):
    """Noemt de rij en hoeveel redenen er al waren: zo telt en ordent de uitkomst de vuringen."""
    eerder = len(ctx.feiten(Reden, werkfunctie=werkfunctie))
    ctx.reden(werkfunctie, f"rij {item} na {eerder}")
'''

#: A rule that joins the profile rows with another fact: they must then be stored.
SAMENGEVOEGD = '''
from kennisbank.regelapi import MATCH, Gevraagd, Profielregel, regel


@regel("zz.samen", Profielregel(werkfunctie=MATCH.werkfunctie, item="b"),
       Gevraagd(werkfunctie=MATCH.werkfunctie), citaat="x", bron="1.4")
def samen(ctx, werkfunctie):
    """Vuurt op een rij samen met de gevraagde functie."""
    ctx.reden(werkfunctie, "samen")
'''


def _bank(tmp_path: Path, *modules: str) -> Regelbank:
    regels = tmp_path / "regels"
    regels.mkdir(exist_ok=True)
    for nummer, code in enumerate(modules):
        (regels / f"r{nummer}.py").write_text(code, encoding="utf-8")
    return laad_regelbank(regels)


def _evalueer(tmp_path: Path, *modules: str, beknopt: bool) -> Evaluatie:
    return _bank(tmp_path, *modules).evalueer(laad_casus(CASUS).casus, FUNCTIES, beknopt=beknopt)


def _zonder_id(feit: Fact) -> dict[str, object]:
    return {k: v for k, v in feit.items() if k != "__factid__"}


def _redenen(evaluatie: Evaluatie) -> list[tuple[str, str]]:
    return [(r.werkfunctie, r.tekst) for r in evaluatie.van_type(Reden)]


def test_a_fact_set_out_starts_its_rules_once_in_the_same_order_brief_or_full(tmp_path) -> None:
    volledig = _evalueer(tmp_path, KLAARZETTEN, beknopt=False)
    beknopt = _evalueer(tmp_path, KLAARZETTEN, beknopt=True)
    # Each row fires once, after every row is set out, newest first: the function asked for
    # first is set out last.
    verwacht = [(f.value, tekst) for f in FUNCTIES for tekst in ("rij b na 0", "rij a na 1")]
    assert _redenen(volledig) == _redenen(beknopt) == verwacht
    assert len(volledig.van_type(Profielregel)) == 2 * len(FUNCTIES)
    assert [v.regel.id for v in volledig.spoor].count("zz.toetsen") == 2 * len(FUNCTIES)
    assert not any(isinstance(f, Profielregel) for f in beknopt.feiten)
    assert Profielregel in beknopt.niet_bewaard and not volledig.niet_bewaard
    with pytest.raises(RuntimeError, match="Profielregel"):
        beknopt.van_type(Profielregel)


def test_a_fact_a_rule_joins_with_others_is_stored_in_a_brief_evaluation_too(tmp_path) -> None:
    volledig = _evalueer(tmp_path, KLAARZETTEN, SAMENGEVOEGD, beknopt=False)
    beknopt = _evalueer(tmp_path, KLAARZETTEN, SAMENGEVOEGD, beknopt=True)
    assert _redenen(volledig) == _redenen(beknopt)
    assert [t for _, t in _redenen(beknopt)].count("samen") == len(FUNCTIES)
    assert Profielregel not in beknopt.niet_bewaard
    assert ([_zonder_id(f) for f in beknopt.van_type(Profielregel)]
            == [_zonder_id(f) for f in volledig.van_type(Profielregel)])


def test_a_fact_set_out_on_the_engine_outside_a_brief_evaluation_is_stored(tmp_path) -> None:
    bank = _bank(tmp_path, KLAARZETTEN)
    bank.evalueer(laad_casus(CASUS).casus, FUNCTIES)
    feit = Profielregel(werkfunctie="x", lijst="eis", item="c", bron="1.4")
    bank.motor.zet_klaar(feit)
    assert bank.motor.feiten_van(Profielregel, werkfunctie="x") == [feit]
