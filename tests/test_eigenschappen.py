"""Properties over generated cases: every valid case evaluates, completely and reproducibly."""

from __future__ import annotations

import enum
import functools
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategieen import casusdata

from kennisbank.advies import (
    Aangepast,
    Casusresultaat,
    als_json,
    casusresultaat,
    resultaat_als_json,
)
from kennisbank.casus import Casus
from kennisbank.casuslader import GeladenCasus, laad_casussen, zet_pad
from kennisbank.cli import schrijf_json_lijst
from kennisbank.domein import BRONNEN, Oordeel, Werkfunctie
from kennisbank.engine import laad_regelbank

BANK = laad_regelbank()


@functools.cache
def opgeslagen_casussen() -> tuple[GeladenCasus, ...]:
    """The stored cases, read once for every property that is checked on them."""
    from conftest import CASES

    return tuple(laad_casussen([CASES]))
def zonder_spoor(casus: Casus) -> Casusresultaat:
    """The advies of every function without its trace, for the properties that do not read it
    (building the trace is a third of the work per generated case)."""
    return casusresultaat(BANK.evalueer(casus), met_spoor=False)


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


def json_zoals_json_dumps(resultaat: Casusresultaat) -> str:
    """One case as ``json.dumps`` writes it: the encoder the JSON output always had."""
    return json.dumps(resultaat.model_dump(mode="json"), ensure_ascii=False, indent=2,
                      allow_nan=False)


@INSTELLINGEN
@given(data=casusdata())
def test_json_is_identical_across_runs_and_the_writer_gives_the_bytes_of_json_dumps(data) -> None:
    casus = Casus.model_validate(data)
    eerste = casusresultaat(BANK.evalueer(casus))
    tweede = casusresultaat(BANK.evalueer(casus))
    # The contract (als_json: json.dumps of the list) of the first run, against the bytes the
    # command writes for the second (schrijf_json_lijst: the product's writer, each newline
    # indented one level; JSON escapes a newline inside a string, so each is one of the
    # layout). Equal bytes say both that two runs write alike and that the writer gives
    # json.dumps's bytes, with one pass of json.dumps's pure-Python indenting encoder per case.
    contract = als_json([eerste])
    uit = io.StringIO()
    schrijf_json_lijst([tweede], uit)
    assert uit.getvalue() == contract
    assert uit.getvalue() == "[\n  " + resultaat_als_json(tweede).replace("\n", "\n  ") + "\n]\n"
    json.loads(contract)


#: Any value JSON can hold: every finite float, every character a text file can hold.
JSON_WAARDEN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda binnen: st.lists(binnen, max_size=4)
    | st.dictionaries(st.text(st.characters(exclude_categories=["Cs"])), binnen, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(waarden=st.lists(st.tuples(st.text(), JSON_WAARDEN, JSON_WAARDEN), max_size=5))
def test_the_json_writer_gives_the_bytes_of_json_dumps_for_any_value(waarden) -> None:
    """What a what-if override holds goes out as it came in (``Aangepast`` is untyped): the
    writer meets every number and character there, not only those of the engine's facts."""
    resultaat = Casusresultaat(
        casus="c", gemeente="g", titel=None, illustratief=None, adviezen=[], checklist=[],
        organisatie=[], aangepast=[Aangepast(pad=p, oud=o, nieuw=n) for p, o, n in waarden])
    assert resultaat_als_json(resultaat) == json_zoals_json_dumps(resultaat)


def test_a_number_the_serializers_write_differently_goes_through_json_dumps() -> None:
    (geladen,) = laad_casussen([Path(__file__).parent / "data" / "snapshot-casus.yaml"],
                               ("pand.vrije_hoogte_m=0.00001",
                                "locatie.parkeren_loopminuten=1.5e-7"))
    resultaat = casusresultaat(BANK.evalueer(geladen.casus))
    tekst = resultaat_als_json(resultaat)
    assert ": 1e-05" in tekst and ": 1.5e-07" in tekst  # the facts in the trace
    assert tekst == json_zoals_json_dumps(resultaat)


# The facts that, set like this, take away every trigger of a barrier (for any function).
ALLE_FUNCTIES = [f.value for f in Werkfunctie]
NEUTRAAL: dict[str, dict[str, object]] = {
    "overlast": {
        "locatie.grote_woonfunctie": False, "locatie.beperkte_openbare_ruimte": False,
        "locatie.eerdere_spanningen_functies": False,
        "locatie.geluidgevoelige_woningen_boven_naast": False,
        "locatie.intensieve_avondhoreca_nabij": False, "initiatief.geluid_trillingen": "laag",
        "initiatief.avondgebruik": False, "initiatief.toegang_24_7": False,
        "initiatief.laden_lossen_frequentie": "geen"},
    "praktische_bezwaren": {
        "initiatief.zorgen_praktische_bezwaren": False, "pand.laden_lossen": "direct",
        "locatie.parkeren_loopminuten": 0, "locatie.ov_nabij": True,
        "locatie.fietsbereikbaar": True, "locatie.kiss_and_ride": True,
        # 1.2.5 lists "Vindbaarheid (routing, etalage)" under Bereikbaarheid.
        "pand.vindbaar_vanaf_straat": True},
    "verplaatsing_bedrijventerrein": {"initiatief.herkomst": "binnenstad"},
    "zicht_vraag_aanbod": {"beleid.monitoring_werkfuncties": True},
    "huuropbrengst": {"pand.vraaghuur_eur_m2_jaar": 50, "locatie.kernwinkelgebied": False,
                      "locatie.a_winkelstraat": False,
                      "eigenaar.combinatie_rendabele_functie_mogelijk": True},
    "investeringskosten": {
        "beleid.meerdere_beleidseisen": False, "pand.elektra_voldoende": True,
        "pand.robuuste_vloer": True, "pand.ventilatie_voldoende": True,
        "pand.geluid_trillingsisolatie": True, "pand.sanitair": True,
        "pand.douches_kleedruimte": True, "pand.drempelvrij": True, "pand.lift": True,
        "pand.entree": "eigen", "pand.entree_zichtbaar_aan_straat": True},
    "beleidskader": {"beleid.beleidskader_werkfuncties": True,
                     "beleid.gebiedsprofiel_werkfuncties": True},
    "vergunningsprocedure": {"beleid.vooroverleg_principebesluit": True},
    "omgevingsplan": {f"beleid.omgevingsplan.{f}": "toegestaan" for f in ALLE_FUNCTIES},
    "capaciteit_gemeente": {"beleid.capaciteit_begeleiding": True,
                            "beleid.werken_in_binnenstad_prioriteit": True},
    "beeld_makelaars": {"markt.makelaars_kennen_werkfuncties": True},
    "onbekendheid_eigenaar": {"eigenaar.ervaring_met_werkfuncties": True,
                              "eigenaar.lange_historie_een_functie": False,
                              "eigenaar.voorbeelden_in_omgeving": True},
    "pand_ongeschikt": {"pand.oppervlakte_m2": 200, "pand.vrije_hoogte_m": 4.5,
                        "pand.daglicht": True, "pand.open_vloer": True,
                        "pand.smal_historisch_pand": False, "pand.diep_pand": False},
}
#: Functions whose own profile makes a barrier play whatever the case says (none: even sport
#: needs amplifying context before the fear of overlast becomes a barrier).
INHERENT: set[tuple[str, str]] = set()


@INSTELLINGEN
@given(data=casusdata())
def test_every_barrier_has_reasons_and_every_approach_a_bron(data) -> None:
    resultaat = casusresultaat(BANK.evalueer(Casus.model_validate(data)))
    for advies in resultaat.adviezen:
        for drempel in advies.drempels:
            assert drempel.redenen, (advies.werkfunctie, drempel.id)
            assert all(r.bron == drempel.bron and r.regel for r in drempel.redenen)
            assert all(a.bron in BRONNEN and a.citaat for a in drempel.aanpak)
        stappen = {s.regel for s in advies.spoor}
        if advies.drempels:
            assert "drempel.aanpak" in stappen


@INSTELLINGEN
@given(data=casusdata(), drempel=st.sampled_from(sorted(NEUTRAAL)))
def test_removing_a_barriers_triggers_removes_the_barrier(data, drempel) -> None:
    for pad, waarde in NEUTRAAL[drempel].items():
        zet_pad(data, pad, waarde)
    resultaat = zonder_spoor(Casus.model_validate(data))
    for advies in resultaat.adviezen:
        speelt = drempel in {d.id for d in advies.drempels}
        assert speelt == ((drempel, advies.werkfunctie.value) in INHERENT), (
            advies.werkfunctie, [d.model_dump() for d in advies.drempels if d.id == drempel])


# --- Properties over the rule base (regression of rule changes) ------------------------------

from kennisbank.engine import standaardmap  # noqa: E402
from kennisbank.tabellen import Matrixtabel, Profieltabel, laad_tabel  # noqa: E402

PROFIELEN = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel)
MATRIX = laad_tabel(standaardmap() / "matrix.yaml", Matrixtabel)
#: Building requirements of every profile: (function, requirement, path, value that meets it).
GEBOUWEISEN = [
    (functie.value, eis.id, eis.voldaan.pad, waarde)
    for functie, profiel in PROFIELEN.profielen.items() for eis in profiel.eisen
    if eis.voldaan.pad and eis.voldaan.pad.startswith("pand.")
    for waarde in [eis.voldaan.is_ if eis.voldaan.is_ is not None
                   else (eis.voldaan.in_[0] if eis.voldaan.in_
                         else (eis.voldaan.min if eis.voldaan.min is not None
                               else eis.voldaan.max))]
]
#: Facts that, set like this, add a trigger of some barrier.
TRIGGERS = [
    ("beleid.monitoring_werkfuncties", False), ("beleid.beleidskader_werkfuncties", False),
    ("beleid.gebiedsprofiel_werkfuncties", False), ("beleid.capaciteit_begeleiding", False),
    ("beleid.werken_in_binnenstad_prioriteit", False), ("beleid.meerdere_beleidseisen", True),
    ("markt.makelaars_kennen_werkfuncties", False), ("eigenaar.ervaring_met_werkfuncties", False),
    ("eigenaar.lange_historie_een_functie", True), ("eigenaar.voorbeelden_in_omgeving", False),
    ("eigenaar.investeringsruimte", "beperkt"), ("initiatief.herkomst", "bedrijventerrein"),
    ("initiatief.zorgen_praktische_bezwaren", True), ("locatie.grote_woonfunctie", True),
    ("locatie.eerdere_spanningen_functies", True), ("beleid.vooroverleg_principebesluit", False),
    ("eigenaar.combinatie_rendabele_functie_mogelijk", False), ("pand.diep_pand", True),
    *[(f"beleid.omgevingsplan.{f.value}", "niet_toegestaan") for f in Werkfunctie],
]


def _oordeel(data: dict, functie: str):
    resultaat = casusresultaat(BANK.evalueer(Casus.model_validate(data), [Werkfunctie(functie)]),
                               met_spoor=False)
    return resultaat.adviezen[0].oordeel


@INSTELLINGEN
@given(data=casusdata(), eis=st.sampled_from(GEBOUWEISEN))
def test_meeting_a_building_requirement_never_lowers_that_functions_verdict(data, eis) -> None:
    functie, _, pad, waarde = eis
    voor = _oordeel(data, functie)
    zet_pad(data, pad, waarde)
    na = _oordeel(data, functie)
    assert na.rang >= voor.rang, (eis, voor, na)


@INSTELLINGEN
@given(data=casusdata(), trigger=st.sampled_from(TRIGGERS),
       functie=st.sampled_from([f.value for f in Werkfunctie]))
def test_adding_a_barrier_trigger_never_raises_the_verdict(data, trigger, functie) -> None:
    voor = _oordeel(data, functie)
    zet_pad(data, *trigger)
    assert _oordeel(data, functie).rang <= voor.rang, trigger


@INSTELLINGEN
@given(data=casusdata(), volgorde=st.randoms(use_true_random=False))
def test_the_verdict_never_depends_on_the_order_of_facts_in_the_file(data, volgorde) -> None:
    def schud(waarde):
        if isinstance(waarde, dict):
            items = list(waarde.items())
            volgorde.shuffle(items)
            return {k: schud(v) for k, v in items}
        return waarde

    # The bytes the command writes (resultaat_als_json; that they are json.dumps's bytes is
    # the property above).
    eerste = resultaat_als_json(casusresultaat(BANK.evalueer(Casus.model_validate(data))))
    tweede = resultaat_als_json(casusresultaat(BANK.evalueer(Casus.model_validate(schud(data)))))
    assert eerste == tweede


def _kandidaatwaarden() -> dict[str, list]:
    """Per fact that the profiles or the matrix read: the values it can take (numbers: around
    every threshold a table names)."""
    import typing

    from kennisbank.casus import Initiatief, Locatie, Pand
    from kennisbank.engine import standaardmap
    from kennisbank.tabellen import Profieltabel, laad_tabel

    profielen = laad_tabel(standaardmap() / "profielen.yaml", Profieltabel).profielen.values()
    getallen: dict[str, set[float]] = {}
    for profiel in profielen:
        rijen = [*profiel.eisen, *profiel.wel, *profiel.niet]
        criteria = [c for r in rijen for c in (getattr(r, "voldaan", None),
                                               getattr(r, "geldt_als", None),
                                               getattr(r, "als", None)) if c is not None]
        for criterium in criteria:
            for pad, waarde in criterium.drempelwaarden():
                if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                    getallen.setdefault(pad, set()).update({waarde, waarde + 1,
                                                             max(waarde - 1, 0.5)})
    waarden: dict[str, list] = {}
    for sectie, model in (("pand", Pand), ("locatie", Locatie), ("initiatief", Initiatief)):
        for naam, info in model.model_fields.items():
            pad = f"{sectie}.{naam}"
            soorten = [a for a in typing.get_args(info.annotation) if a is not type(None)]
            opties: list = []
            for soort in soorten:
                if soort is bool:
                    opties += [True, False]
                elif typing.get_origin(soort) is typing.Literal:
                    opties += list(typing.get_args(soort))
                elif isinstance(soort, type) and issubclass(soort, enum.Enum):
                    opties += [w.value for w in soort]
                elif soort in (int, float) and pad in getallen:
                    opties += sorted(int(g) if soort is int else g for g in getallen[pad])
            if opties:
                waarden[pad] = opties
    return waarden


KANDIDAATWAARDEN = _kandidaatwaarden()


def _wel_paden() -> dict[str, set[str]]:
    """Per function: the facts its profile's Wél-rows read, besides the location type."""
    return {f.value: {p for rij in profiel.wel for p in rij.als.paden()} - {"locatie.locatietype"}
            for f, profiel in PROFIELEN.profielen.items()}


WEL_PADEN = _wel_paden()


def _oordeel_en_symbool(data: dict, functie: str):
    advies = casusresultaat(BANK.evalueer(Casus.model_validate(data), [Werkfunctie(functie)]),
                            met_spoor=False).adviezen[0]
    return advies.oordeel, advies.matrixscore


@INSTELLINGEN
@given(data=casusdata(), pad=st.sampled_from(sorted(KANDIDAATWAARDEN)),
       functie=st.sampled_from([f.value for f in Werkfunctie]))
def test_no_unknown_fact_produces_a_cap_or_a_rejection(data, pad, functie) -> None:
    """An unknown fact is an open question and at most a condition: the verdict with the fact
    unknown is at least the best verdict any value could give, capped at onder voorwaarden; and
    an unconditional passend needs every fact that could lower it known."""
    if pad == "locatie.locatietype":
        # Further types only complete a known primary type; this property varies the primary.
        zet_pad(data, "locatie.ook_locatietypen", None)
    zet_pad(data, pad, None)
    onbekend, symbool = _oordeel_en_symbool(data, functie)
    bekend = []
    for waarde in KANDIDAATWAARDEN[pad]:
        zet_pad(data, pad, waarde)
        bekend.append(_oordeel(data, functie))
    beste = max(o.rang for o in bekend)
    plafond = Oordeel.PASSEND_ONDER_VOORWAARDEN.rang
    if symbool is not None and pad in WEL_PADEN[functie]:
        # An unconfirmed Wél-row withholds the matrix's step up (the legend sets the level),
        # but × is never kept at niet passend by an unknown.
        plafond = min(plafond, max(MATRIX.legenda[symbool].oordeel.rang,
                                   Oordeel.BEPERKT_PASSEND.rang))
    assert onbekend.rang >= min(beste, plafond), (pad, onbekend, bekend)
    if onbekend == Oordeel.PASSEND:
        assert all(o == Oordeel.PASSEND for o in bekend), (pad, bekend)


# --- Every sentence of the output is true of the case (principle 5) ---------------------------

import re  # noqa: E402

#: Words that name a space, a measure or a kind of visitor rather than a feature a requirement
#: says the case has or lacks; two requirements sharing only these do not contradict.
GEEN_KENMERK = {"binn", "atelier", "werkplaat", "omvang", "minimaal", "hoogsten", "bezoeker",
                "gedeeld", "concept", "afhankelijk", "sterk"}


def _kenmerkwoorden(tekst: str) -> set[str]:
    woorden = {re.sub(r"(en|e|s)$", "", w) for w in re.findall(r"[a-zà-ÿ]{5,}", tekst.lower())}
    return woorden - GEEN_KENMERK


@INSTELLINGEN
@given(data=casusdata())
def test_no_met_requirement_contradicts_a_failed_one(data) -> None:
    """No 'Voldoet aan: drempelvrije entree' beside 'Voldoet niet aan: drempelvrij'."""
    resultaat = zonder_spoor(Casus.model_validate(data))
    for advies in resultaat.adviezen:
        voldaan = [r.tekst.removeprefix("Voldoet aan: ") for r in advies.redenen
                   if r.tekst.startswith("Voldoet aan: ")]
        niet = [r.tekst.split(": ", 1)[1] for r in advies.redenen
                if r.tekst.startswith(("Voldoet niet aan: ", "Minpunt, niet vervuld: "))]
        for ja in voldaan:
            for nee in niet:
                assert not _kenmerkwoorden(ja) & _kenmerkwoorden(nee), (advies.werkfunctie, ja,
                                                                       nee)


@INSTELLINGEN
@given(data=casusdata())
def test_a_rent_is_called_within_the_price_indication_only_when_it_is(data) -> None:
    casus = Casus.model_validate(data)
    huur = casus.pand.vraaghuur_eur_m2_jaar
    for advies in zonder_spoor(casus).adviezen:
        for reden in advies.redenen:
            band = re.search(r"Voldoet aan: Huur binnen de prijsindicatie €(\d+)–€(\d+)",
                             reden.tekst)
            if band:
                assert huur is not None and int(band[1]) <= huur <= int(band[2]), reden.tekst


# --- Unknown barrier facts are open questions (principle 2) ------------------------------------

from kennisbank.tabellen import Drempeltabel  # noqa: E402

DREMPELS = laad_tabel(standaardmap() / "drempels.yaml", Drempeltabel)
#: Barriers that only the facts of their question can trigger.
ALLEEN_DOOR_HUN_VRAAG = ("zicht_vraag_aanbod", "beleidskader", "capaciteit_gemeente",
                         "beeld_makelaars", "onbekendheid_eigenaar")
def _grens_na_eindoordeel(evaluatie) -> list[str]:
    """Ceilings and conditions concluded after the verdict of the same function (should be none)."""
    from kennisbank.regelapi import Eindoordeel, Oordeelgrens, Voorwaarde

    beslist: set[str] = set()
    te_laat = []
    for vuring in evaluatie.spoor:
        for feit in vuring.conclusies:
            functie = feit.get("werkfunctie")
            if isinstance(feit, Oordeelgrens | Voorwaarde) and functie in beslist:
                te_laat.append(f"{vuring.regel.id} ({vuring.regel.fase.name}) na het "
                               f"eindoordeel van {functie}")
            if isinstance(feit, Eindoordeel):
                beslist.add(functie)
    return te_laat


def test_no_ceiling_or_condition_after_the_verdict_on_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _grens_na_eindoordeel(BANK.evalueer(geladen.casus)) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_unknown_barrier_facts_are_questions_never_a_barrier_or_no_barrier(data) -> None:
    for drempel in DREMPELS.drempels:
        if drempel.id in ALLEEN_DOOR_HUN_VRAAG and drempel.vragen:
            for pad in drempel.vragen:
                sectie, veld = pad.split(".", 1)
                (data.get(sectie) or {}).pop(veld, None)
    casus = Casus.model_validate(data)
    resultaat = zonder_spoor(casus)
    for advies in resultaat.adviezen:
        assert not {d.id for d in advies.drempels} & set(ALLEEN_DOOR_HUN_VRAAG)
        gevraagd = {b.bron for b in advies.drempelvragen}
        # 2.D7 concerns an initiative to assess: none where the plan allows the function.
        toegestaan = casus.beleid.omgevingsplan.get(advies.werkfunctie) == "toegestaan"
        verwacht = {"2.D4", "2.D10", "2.D11", "2.D12"} | (set() if toegestaan else {"2.D7"})
        assert verwacht <= gevraagd
        assert not (toegestaan and "2.D7" in gevraagd)
        if advies.gemeente:
            assert advies.gemeente.boodschap != "kansrijk_zonder_drempels"


@INSTELLINGEN
@given(data=casusdata())
def test_no_ceiling_or_condition_after_the_verdict_on_generated_cases(data) -> None:
    assert _grens_na_eindoordeel(BANK.evalueer(Casus.model_validate(data))) == []


# --- No question names a fact the case already knows (principle 5) ----------------------------

def _vraagregister() -> dict[str, set[str]]:
    """Every question text the tables can ask, with the facts it names."""
    register: dict[str, set[str]] = {}

    def zet(tekst: str | None, paden) -> None:
        if tekst:
            register.setdefault(tekst, set()).update(paden)

    for profiel in PROFIELEN.profielen.values():
        for eis in profiel.eisen:
            zet(eis.vraag, eis.voldaan.paden())
            if isinstance(eis.vraag_van_toepassing, dict):
                for pad, tekst in eis.vraag_van_toepassing.items():
                    zet(tekst, [pad])
            elif eis.geldt_als is not None:
                zet(eis.vraag_van_toepassing, eis.geldt_als.paden())
            for pad, tekst in (eis.vragen or {}).items():
                zet(tekst, [pad])
        for rij in [*profiel.wel, *profiel.niet]:
            zet(rij.vraag or f"Geldt hier: {rij.tekst.lower()}?", rij.als.paden())
            for pad, tekst in (rij.vragen or {}).items():
                zet(tekst, [pad])
    for drempel in DREMPELS.drempels:
        for pad, tekst in drempel.vragen.items():
            zet(tekst, [pad])
    return register


VRAAGREGISTER = _vraagregister()


def _vragen_naar_bekende_feiten(casus: Casus) -> list[str]:
    """Questions (open or about barriers) that name a fact known in the case."""
    def lees_pad(data: dict, pad: str):
        for deel in pad.split("."):
            data = data.get(deel) if isinstance(data, dict) else None
        return data

    resultaat = zonder_spoor(casus)
    data = casus.model_dump(mode="json", exclude_none=True)
    fout = []
    eigen = lees_pad(data, "initiatief.werkfunctie")

    def bekend(pad: str, functie: str) -> bool:
        if pad.startswith("initiatief.") and eigen is not None and eigen != functie:
            return False  # the initiative's facts are unknown for another function
        return lees_pad(data, pad) is not None

    for advies in resultaat.adviezen:
        functie = advies.werkfunctie.value

        for vraag in [*advies.open_vragen, *advies.drempelvragen]:
            genoemd = set(vraag.kenmerken)
            # A table's question may carry what the answer does (the matrix adds it).
            for tekst, paden in VRAAGREGISTER.items():
                if vraag.vraag == tekst or vraag.vraag.startswith(tekst + " "):
                    genoemd |= paden
            if any(bekend(p, functie) for p in genoemd):
                fout.append(f"{functie}: {vraag.vraag!r} ("
                            f"{', '.join(p for p in sorted(genoemd) if bekend(p, functie))} "
                            "bekend)")
    return fout


def test_no_question_names_a_known_fact_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _vragen_naar_bekende_feiten(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_no_question_names_a_known_fact_in_generated_cases(data) -> None:
    assert _vragen_naar_bekende_feiten(Casus.model_validate(data)) == []


@INSTELLINGEN
@given(data=casusdata())
def test_no_question_is_asked_twice_for_one_function(data) -> None:
    """Rows that ask the same thing of the same fact give one question, not three."""
    resultaat = zonder_spoor(Casus.model_validate(data))
    for advies in resultaat.adviezen:
        vragen = [(v.vraag, tuple(v.kenmerken)) for v in advies.open_vragen + advies.drempelvragen]
        assert len(vragen) == len(set(vragen)), advies.werkfunctie


# --- No sentence claims another verdict than the function's own (principle 5) ------------------

#: A verdict named as the state of the function: at the start of a sentence ("Niet passend
#: volgens het profiel: …"), as "het oordeel …", "toch …" or "Oordeel van de kennisbank: …".
#: A ceiling ("hoogstens beperkt passend"), the matrix legend ("is ×: niet passend in meeste
#: situaties") and what an answer would do ("één stap hoger: passend onder voorwaarden") name
#: no verdict of the function and are not matched.
VERDICTCLAIM = re.compile(
    r"(?:^|[.;!?]\s+|\bhet oordeel |\btoch |\boordeel van de kennisbank: )"
    r"(passend onder voorwaarden|onder voorwaarden|beperkt passend|niet passend|passend)\b",
    flags=re.IGNORECASE)
CLAIMLABELS = {"passend onder voorwaarden": Oordeel.PASSEND_ONDER_VOORWAARDEN,
               "onder voorwaarden": Oordeel.PASSEND_ONDER_VOORWAARDEN,
               "beperkt passend": Oordeel.BEPERKT_PASSEND,
               "niet passend": Oordeel.NIET_PASSEND, "passend": Oordeel.PASSEND}
#: Fields that quote the guide, list the rules or hold a value, not sentences about the case.
GEEN_UITSPRAAK = {"citaat", "spoor", "oordeel_per_locatietype", "oordeel", "grens"}


def _zinnen(waarde, sleutel: str = "") -> list[str]:
    if sleutel in GEEN_UITSPRAAK:
        return []
    if isinstance(waarde, dict):
        return [z for k, v in waarde.items() for z in _zinnen(v, k)]
    if isinstance(waarde, list):
        return [z for v in waarde for z in _zinnen(v, sleutel)]
    return [waarde] if isinstance(waarde, str) else []


def _andere_oordelen_genoemd(casus: Casus) -> list[str]:
    """Sentences that call a function's verdict something other than its verdict."""
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        for zin in _zinnen(advies.model_dump(mode="json")):
            for claim in VERDICTCLAIM.finditer(zin):
                if CLAIMLABELS[claim[1].lower()] != advies.oordeel:
                    fout.append(f"{advies.werkfunctie.value} ({advies.oordeel.value}): {zin}")
    return fout


def test_the_claim_detector_finds_the_sentences_the_review_found() -> None:
    for zin in ["Het oordeel onder voorwaarden rust erop dat …",
                "Matrix: … is ×: niet passend in meeste situaties; toch beperkt passend zolang …",
                "Niet passend volgens het profiel zolang het zo blijft: …"]:
        assert VERDICTCLAIM.search(zin), zin
    for zin in ["… dus hoogstens beperkt passend: Plint in het kernwinkelgebied.",
                "Matrix: … is ×: niet passend in meeste situaties.",
                "Zo ja, dan komt de matrix (+) één stap hoger: passend onder voorwaarden.",
                "Het functieprofiel noemt als passende locatie: Aanloopstraat."]:
        assert not VERDICTCLAIM.search(zin), zin


def test_no_sentence_claims_another_verdict_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _andere_oordelen_genoemd(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_no_sentence_claims_another_verdict_in_generated_cases(data) -> None:
    assert _andere_oordelen_genoemd(Casus.model_validate(data)) == []


# --- A barrier is asked and raised from its context only where the context applies -----------

#: Barriers whose context the guide ties to some functions (``functies`` in drempels.yaml).
BEPERKTE_DREMPELS = [d for d in DREMPELS.drempels if d.functies is not None]


def _drempels_buiten_hun_context(casus: Casus) -> list[str]:
    """Barriers asked, or raised without a fact that states them, for a function whose
    context the guide does not name (2.D3 for a zorgpraktijk)."""
    fout = []
    herkomst = casus.initiatief.herkomst if casus.initiatief else None
    for advies in zonder_spoor(casus).adviezen:
        for drempel in BEPERKTE_DREMPELS:
            if drempel.geldt_voor(advies.werkfunctie.value):
                continue
            waar = f"{advies.werkfunctie.value} {drempel.bron}"
            fout += [f"{waar} gevraagd: {v.vraag}"
                     for v in [*advies.open_vragen, *advies.drempelvragen]
                     if v.bron == drempel.bron]
            fout += [f"{waar} aandachtspunt" for d in advies.aandachtspunten
                     if d.id == drempel.id]
            # Only the fact that the company comes from a bedrijventerrein states 2.D3 itself.
            if drempel.id == "verplaatsing_bedrijventerrein" and herkomst != "bedrijventerrein":
                fout += [f"{waar} speelt: {d.redenen}" for d in advies.drempels
                         if d.id == drempel.id]
    return fout


def test_2d3_concerns_the_light_urban_functions_the_guide_places_on_business_parks() -> None:
    (drempel,) = [d for d in DREMPELS.drempels if d.id == "verplaatsing_bedrijventerrein"]
    assert drempel.functies == [Werkfunctie.KANTOREN_COWORKING, Werkfunctie.MODERNE_MAKERS,
                                Werkfunctie.LICHTE_MAAKBEDRIJVEN, Werkfunctie.SPORT_WELLBEING]


def test_no_barrier_outside_its_context_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _drempels_buiten_hun_context(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), functie=st.sampled_from(["persoonlijke_diensten",
                                                  "maatschappelijke_voorzieningen"]),
       herkomst=st.sampled_from(["nieuw_bedrijf", "binnenstad", "elders", None]))
def test_no_barrier_outside_its_context_in_generated_cases(data, functie, herkomst) -> None:
    initiatief = data.setdefault("initiatief", {}) or {}
    data["initiatief"] = {**initiatief, "werkfunctie": functie, "herkomst": herkomst}
    assert _drempels_buiten_hun_context(Casus.model_validate(data)) == []


# --- An unmet wish is an aandachtspunt, never a barrier that plays (principle 3) --------------

#: Per function the texts of its wishes: requirements whose unmet state only weighs ('pre').
WENSEN = {functie.value: [e.tekst for e in profiel.eisen if e.effect == "pre"]
          for functie, profiel in PROFIELEN.profielen.items()}


def _drempels_uit_wensen(casus: Casus) -> list[str]:
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        for drempel in advies.drempels:
            for reden in drempel.redenen:
                fout += [f"{advies.werkfunctie.value} {drempel.bron}: {reden.tekst}"
                         for wens in WENSEN[advies.werkfunctie.value]
                         if wens.lower() in reden.tekst.lower()]
    return fout


#: Words that mark a reason as resting on a hedge or on an unknown fact: neither makes a
#: barrier play (issue 8, principles 2 and 3).
GEEN_AANLEIDING = ("bij voorkeur", "gewenst", "pré", "onbekend")


def _drempels_op_voorbehoud_of_onbekend(casus: Casus) -> list[str]:
    return [f"{advies.werkfunctie.value} {drempel.bron}: {reden.tekst}"
            for advies in zonder_spoor(casus).adviezen
            for drempel in advies.drempels for reden in drempel.redenen
            if any(woord in reden.tekst.lower() for woord in GEEN_AANLEIDING)]


def test_no_barrier_plays_on_a_hedge_or_an_unknown_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _drempels_op_voorbehoud_of_onbekend(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_no_barrier_plays_on_a_hedge_or_an_unknown_in_generated_cases(data) -> None:
    assert _drempels_op_voorbehoud_of_onbekend(Casus.model_validate(data)) == []


def test_an_unmet_parking_wish_is_an_aandachtspunt_of_2d2(bank) -> None:
    from conftest import advies

    uitkomst = advies(bank, "persoonlijke_diensten", locatie={"parkeren_loopminuten": 8},
                      initiatief={"werkfunctie": "persoonlijke_diensten"})
    assert "praktische_bezwaren" not in {d.id for d in uitkomst.drempels}
    (punt,) = [d for d in uitkomst.aandachtspunten if d.id == "praktische_bezwaren"]
    assert punt.redenen[0].tekst == ("Parkeren ligt op 8 minuten lopen; het profiel noemt onder "
                                     "bereikbaarheid: autoparkeren op korte afstand (5 minuten).")
    # An unmet requirement (loading for lichte maakbedrijven) is a factual limitation: it plays.
    maak = advies(bank, "lichte_maakbedrijven", pand={"laden_lossen": "geen"},
                  initiatief={"werkfunctie": "lichte_maakbedrijven"})
    assert "praktische_bezwaren" in {d.id for d in maak.drempels}


def _2d2_zonder_bedrijf(casus: Casus) -> list[str]:
    """2.D2 is what a company assumes ('(bedrijf)'): raised only for the function of a concrete
    initiative; for any other function the unmet wish or requirement is in the verdict. A company
    that voices the worry itself while its function is still unknown experiences the barrier
    whichever function it turns out to be."""
    initiatief = casus.initiatief
    eigen = initiatief.werkfunctie if initiatief else None
    zegt_het_zelf = bool(initiatief and eigen is None and initiatief.zorgen_praktische_bezwaren)
    return [advies.werkfunctie.value
            for advies in zonder_spoor(casus).adviezen
            if advies.werkfunctie != eigen and "praktische_bezwaren" in {
                d.id for d in advies.drempels + advies.aandachtspunten}
            and not (zegt_het_zelf and "praktische_bezwaren" in {d.id for d in advies.drempels})]


def test_2d2_only_for_the_initiatives_function_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _2d2_zonder_bedrijf(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_2d2_only_for_the_initiatives_function_in_generated_cases(data) -> None:
    assert _2d2_zonder_bedrijf(Casus.model_validate(data)) == []


def test_2d2_plays_for_a_company_that_voices_the_worry_before_its_function_is_known() -> None:
    casus = Casus.model_validate({"id": "0", "gemeente": "Rotterdam",
                                  "initiatief": {"zorgen_praktische_bezwaren": True}})
    adviezen = zonder_spoor(casus).adviezen
    assert all("praktische_bezwaren" in {d.id for d in a.drempels} for a in adviezen)
    assert _2d2_zonder_bedrijf(casus) == []


def test_no_barrier_plays_on_an_unmet_wish_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _drempels_uit_wensen(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_no_barrier_plays_on_an_unmet_wish_in_generated_cases(data) -> None:
    assert _drempels_uit_wensen(Casus.model_validate(data)) == []


# --- A reason that lifts a × quotes the passage that supports it (principle 5) -----------------

def _x_opgetild_met_verkeerde_steun(casus: Casus) -> list[str]:
    """× lifts whose reason does not quote the guide's own exception to that × while it may
    hold ('soms kleinschalig/licht op verdiepingen'), or quotes no Wél-row of the profile."""
    from kennisbank.casus import kenmerken
    from kennisbank.regelapi import geldt_per_functie

    feiten = kenmerken(casus)
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        if advies.matrixscore != "×" or advies.oordeel_per_locatietype:
            continue
        functie = advies.werkfunctie.value

        def lees(pad: str, functie=functie):
            eigen = feiten.get("initiatief.werkfunctie")
            if geldt_per_functie(pad) and eigen is not None and eigen != functie:
                return None
            return feiten.get(pad)

        profiel = PROFIELEN.profielen[advies.werkfunctie]
        for reden in advies.redenen:
            if reden.regel != "matrix.score" or reden.grens != Oordeel.BEPERKT_PASSEND:
                continue
            geciteerd = [w for w in profiel.wel if f"'{w.citaat}'" in reden.tekst]
            if not geciteerd:
                fout.append(f"{functie}: geen Wél-passage in {reden.tekst!r}")
            # A row that holds supports the lift before one that only may hold; among either,
            # the exception the guide names to the × comes first.
            geldt = [w for w in profiel.wel if w.zegt_meer_dan_locatietype
                     and w.als.toets(lees) is True]
            kandidaten = geldt or [w for w in profiel.wel if w.zegt_meer_dan_locatietype
                                   and w.als.toets(lees) is None]
            verwacht = [w for w in kandidaten if w.matrixuitzondering] or kandidaten
            if not set(map(id, geciteerd)) & set(map(id, verwacht)):
                fout.append(f"{functie}: citeert niet {verwacht[0].citaat!r}: {reden.tekst!r}")
    return fout


def test_a_lifted_cross_quotes_the_exception_the_guide_names_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _x_opgetild_met_verkeerde_steun(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_a_lifted_cross_quotes_the_exception_the_guide_names_in_generated_cases(data) -> None:
    assert _x_opgetild_met_verkeerde_steun(Casus.model_validate(data)) == []


# --- The asking rent weighs the same way for every function (1.2.x Prijsindicatie) ----------

def _huurbevindingen_ongelijk(casus: Casus) -> list[str]:
    """Per function the rent finding must follow only where the rent lies against that
    function's band: above → a condition and 2.D5 naming the rent; within → 'Voldoet aan';
    below → its own finding, no condition, no rent barrier; unknown → a question. Within or
    below the band, 2.D5 does not play at all."""
    huur = casus.pand.vraaghuur_eur_m2_jaar
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        eis = next(e for e in PROFIELEN.profielen[advies.werkfunctie].eisen if e.id == "huur")
        band = eis.prijsband
        voldaan = any(r.tekst.startswith("Voldoet aan: Huur binnen") for r in advies.redenen)
        onder = any("ligt onder de prijsindicatie" in r.tekst for r in advies.redenen)
        voorwaarde = any(band.split(" ")[0] in v.tekst and "uur" in v.tekst
                         for v in advies.voorwaarden)
        drempel = any("ligt boven de prijsindicatie" in r.tekst
                      for d in advies.drempels if d.id == "huuropbrengst" for r in d.redenen)
        # Behind a closed door the question stands apart, as deciding nothing.
        gevraagd = any("pand.vraaghuur_eur_m2_jaar" in v.kenmerken
                       for v in [*advies.open_vragen, *advies.vragen_zonder_gevolg])
        if huur is None:
            soort, verwacht = "onbekend", (False, False, True, False, True)
        elif huur > eis.voldaan.max:
            soort, verwacht = "boven", (False, False, True, True, False)
        elif huur < eis.ondergrens:
            soort, verwacht = "onder", (False, True, False, False, False)
        else:
            soort, verwacht = "binnen", (True, False, False, False, False)
        if advies.oordeel == Oordeel.NIET_PASSEND and any(
                r.grens == Oordeel.NIET_PASSEND for r in advies.redenen):
            # A ceiling no condition lifts (a fixed Niet-row, a × whose exception does not
            # hold) closed the door: no conditions, the rent's neither.
            verwacht = (verwacht[0], verwacht[1], False, verwacht[3], verwacht[4])
        gevonden = (voldaan, onder, voorwaarde, drempel, gevraagd)
        # 2.D5 is 'te weinig huur': a rent the function can pay leaves only its contexts
        # ('vooral …') as aandachtspunten, never the barrier beside a rent below the band.
        if soort in ("binnen", "onder") and any(d.id == "huuropbrengst"
                                                for d in advies.drempels):
            fout.append(f"{advies.werkfunctie.value} huur {huur} {soort} {band}: 2.D5 speelt")
        if gevonden != verwacht:
            fout.append(f"{advies.werkfunctie.value} huur {huur} {soort} {band}: "
                        f"(voldaan, onder, voorwaarde, drempel, vraag) = {gevonden}")
    return fout


def test_the_rent_weighs_alike_for_every_function_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _huurbevindingen_ongelijk(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), huur=st.one_of(st.none(), st.integers(min_value=40, max_value=320)))
def test_the_rent_weighs_alike_for_every_function_in_generated_cases(data, huur) -> None:
    data.setdefault("pand", {})
    data["pand"] = {**(data["pand"] or {}), "vraaghuur_eur_m2_jaar": huur}
    assert _huurbevindingen_ongelijk(Casus.model_validate(data)) == []


# --- An entrance is called zelfstandig only when it is the space's own (1.2.1) -----------------

@INSTELLINGEN
@given(data=casusdata(), entree=st.sampled_from([None, "eigen", "gedeeld", "via_winkel"]))
def test_a_met_entrance_requirement_claims_only_what_the_entrance_is(data, entree) -> None:
    """A shared entrance (trappenhuis) is no zelfstandige or eigen entree; an entrance through
    the shop is not one 'niet via de winkel'."""
    data["pand"] = {**(data.get("pand") or {}), "entree": entree}
    casus = Casus.model_validate(data)
    for advies in zonder_spoor(casus).adviezen:
        for reden in advies.redenen:
            tekst = reden.tekst.lower()
            if not tekst.startswith("voldoet aan:") or "entree" not in tekst:
                continue
            if "zelfstandig" in tekst or "eigen entree" in tekst:
                assert entree == "eigen", (advies.werkfunctie, entree, reden.tekst)
            if "via de winkel" in tekst:
                assert entree in ("eigen", "gedeeld"), (advies.werkfunctie, entree, reden.tekst)


# --- A barrier the case's own facts rule out is not raised, not even as aandachtspunt ---------

@INSTELLINGEN
@given(data=casusdata(), functie=st.sampled_from(list(Werkfunctie)))
def test_a_deviating_initiative_raises_no_barrier_its_remedy_already_removes(data,
                                                                            functie) -> None:
    """A function the omgevingsplan does not allow raises 2.D8 (procedure uncertain) and 2.D10
    (maatwerk, begeleiding) only while vooroverleg and the gemeente's capacity to guide it are
    not there; the barriers' other 'vooral' contexts may still be aandachtspunten."""
    data["beleid"] = {**(data.get("beleid") or {}), "capaciteit_begeleiding": True,
                      "vooroverleg_principebesluit": True,
                      "omgevingsplan": {functie.value: "afwijking_nodig"}}
    advies = next(a for a in zonder_spoor(Casus.model_validate(data)).adviezen
                  if a.werkfunctie == functie)
    regels = {r.regel for d in advies.drempels + advies.aandachtspunten for r in d.redenen}
    assert not regels & {"drempel.vergunningsprocedure",
                         "drempel.aandachtspunt_afwijkend_initiatief"}, regels


@INSTELLINGEN
@given(data=casusdata(), laden_lossen=st.sampled_from(["direct", "nabij"]))
def test_a_building_one_can_load_at_is_never_asked_about_its_supply_access(data,
                                                                           laden_lossen) -> None:
    """'Voldoet aan: … laden en lossen' never stands beside 'Uitsluiten … geen (laagfrequente)
    ontsluiting' or the question whether the building can be reached for bevoorrading."""
    data["pand"] = {**(data.get("pand") or {}), "laden_lossen": laden_lossen}
    data["locatie"] = {**(data.get("locatie") or {}), "ontsluiting_laagfrequent": None}
    for advies in zonder_spoor(Casus.model_validate(data)).adviezen:
        assert not [v.tekst for v in advies.voorwaarden if "ontsluiting" in v.tekst]
        assert not [v.vraag for v in advies.open_vragen if "bevoorrading" in v.vraag]
        assert not [r.tekst for r in advies.redenen if "ontsluiting" in r.tekst]


@INSTELLINGEN
@given(data=casusdata())
def test_no_barrier_reason_claims_little_daylight_where_there_is_daylight(data) -> None:
    """2.D13 'beperkte daglichttoetreding' is said of the case only where pand.daglicht is not
    true: a deep building with daylight is deep, not dark."""
    data["pand"] = {**(data.get("pand") or {}), "daglicht": True}
    for advies in zonder_spoor(Casus.model_validate(data)).adviezen:
        teksten = [r.tekst for d in advies.drempels + advies.aandachtspunten for r in d.redenen]
        assert not [t for t in teksten if "daglicht" in t.lower()], teksten


CATALOGUS_DREMPELS = {d.id: d for d in DREMPELS.drempels}


@INSTELLINGEN
@given(data=casusdata(), functie=st.sampled_from(list(Werkfunctie)),
       reden=st.sampled_from([None, "gedwongen", "groei_of_verandering", "eigen_keuze"]),
       herkomst=st.sampled_from(["bedrijventerrein", "nieuw_bedrijf"]))
def test_a_company_moving_in_from_a_business_park_is_no_2d3_barrier(data, functie, reden,
                                                                    herkomst) -> None:
    """2.D3 'Bedrijven op een bedrijventerrein verplaatsen niet naar de binnenstad': the
    initiative is such a company, or a new one, coming to the city, where the guide sees 'de
    grootste potentie'; at most an aandachtspunt, and it says nothing the input does not."""
    data["initiatief"] = {**(data.get("initiatief") or {}), "werkfunctie": functie.value,
                          "herkomst": herkomst, "verplaatsingsreden": reden}
    advies = next(a for a in zonder_spoor(Casus.model_validate(data)).adviezen
                  if a.werkfunctie == functie)
    assert "verplaatsing_bedrijventerrein" not in {d.id for d in advies.drempels}
    for punt in advies.aandachtspunten:
        if punt.id == "verplaatsing_bedrijventerrein":
            assert not [r.tekst for r in punt.redenen if "woningbouw" in r.tekst]
            # 'vaak lastig' is said of established firms 'zonder noodzaak vanuit het bedrijf
            # zelf'; a company that must move or is growing is quoted where the potential lies.
            if herkomst == "bedrijventerrein" and reden in ("gedwongen", "groei_of_verandering"):
                assert not [r.tekst for r in punt.redenen if "vaak lastig" in r.tekst]
                assert all(r.citaat in CATALOGUS_DREMPELS["verplaatsing_bedrijventerrein"]
                           .speelt_vooral for r in punt.redenen)


@INSTELLINGEN
@given(data=casusdata())
def test_no_barrier_is_listed_twice_for_one_function(data) -> None:
    """A barrier that plays is not repeated as an aandachtspunt of the same function."""
    for advies in zonder_spoor(Casus.model_validate(data)).adviezen:
        ids = [d.id for d in advies.drempels + advies.aandachtspunten]
        assert len(ids) == len(set(ids)), (advies.werkfunctie, ids)


# --- 2.D7 is about an initiative the gemeente must assess (principle 5) -----------------------

def _beleidskader_buiten_zijn_context(casus: Casus) -> list[str]:
    """2.D7 'geen duidelijk beleidskader om dit initiatief te toetsen' plays only for a function
    the omgevingsplan does not allow, is at most an aandachtspunt while the plan is unknown, and
    is not raised at all for a function the plan allows."""
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        toelating = casus.beleid.omgevingsplan.get(advies.werkfunctie)
        speelt = any(d.id == "beleidskader" for d in advies.drempels)
        punt = any(d.id == "beleidskader" for d in advies.aandachtspunten)
        if toelating == "toegestaan" and (speelt or punt):
            fout.append(f"{advies.werkfunctie.value}: 2.D7 bij een toegestane functie")
        if toelating is None and speelt:
            fout.append(f"{advies.werkfunctie.value}: 2.D7 speelt bij onbekend omgevingsplan")
    return fout


def test_2d7_is_not_raised_where_the_omgevingsplan_allows_the_function_in_the_stored_cases(
        ) -> None:
    for geladen in opgeslagen_casussen():
        assert _beleidskader_buiten_zijn_context(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), functie=st.sampled_from(list(Werkfunctie)),
       toelating=st.sampled_from(["toegestaan", "afwijking_nodig", "niet_toegestaan", None]))
def test_2d7_is_not_raised_where_the_omgevingsplan_allows_the_function_in_generated_cases(
        data, functie, toelating) -> None:
    beleid = data.get("beleid") or {}
    plan = {**(beleid.get("omgevingsplan") or {}), functie.value: toelating}
    data["beleid"] = {**beleid, "gebiedsprofiel_werkfuncties": False,
                      "omgevingsplan": {f: t for f, t in plan.items() if t is not None}}
    assert _beleidskader_buiten_zijn_context(Casus.model_validate(data)) == []


# --- A barrier reason states only facts the case has (principles 2 and 5) ---------------------

#: Sentences of barrier reasons and the fact value the case must have for them to be true.
BEWERINGEN = {
    "geen vastgesteld beleidskader": ("beleid.beleidskader_werkfuncties", False),
    "geen gebiedsprofiel": ("beleid.gebiedsprofiel_werkfuncties", False),
}


def _beweringen_zonder_feit(casus: Casus) -> list[str]:
    """Barrier reasons (playing or aandachtspunt) that claim a fact the case does not state,
    such as 'geen vastgesteld beleidskader' while that is unknown or there is one."""
    from kennisbank.casus import kenmerken

    feiten = kenmerken(casus)
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        for drempel in advies.drempels + advies.aandachtspunten:
            for reden in drempel.redenen:
                for zin, (pad, waarde) in BEWERINGEN.items():
                    if zin in reden.tekst.lower() and feiten.get(pad) != waarde:
                        fout.append(f"{advies.werkfunctie.value} {drempel.bron}: {reden.tekst!r}"
                                    f" terwijl {pad} = {feiten.get(pad)}")
    return fout


def test_a_barrier_reason_states_only_facts_of_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _beweringen_zonder_feit(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), kader=st.sampled_from([True, False, None]),
       profiel=st.sampled_from([True, False, None]))
def test_a_barrier_reason_states_only_facts_of_generated_cases(data, kader, profiel) -> None:
    data["beleid"] = {**(data.get("beleid") or {}), "beleidskader_werkfuncties": kader,
                      "gebiedsprofiel_werkfuncties": profiel}
    assert _beweringen_zonder_feit(Casus.model_validate(data)) == []


# --- A parking reason says how far parking is (principle 5) -----------------------------------

@INSTELLINGEN
@given(data=casusdata(), minuten=st.integers(min_value=0, max_value=20))
def test_a_parking_aandachtspunt_names_the_walking_time_of_the_case(data, minuten) -> None:
    """The profiles' walking times to parking are figures without a margin (1.2.1 "5 á 10
    minuten", 1.2.5 "(5 minuten)"): a 2.D2 reason about parking states the case's own walking
    time beside the profile's figure, never only 'niet vervuld'; and it never plays."""
    data["locatie"] = {**(data.get("locatie") or {}), "parkeren_loopminuten": minuten}
    for advies in zonder_spoor(Casus.model_validate(data)).adviezen:
        for drempel in advies.drempels + advies.aandachtspunten:
            for reden in drempel.redenen:
                if drempel.id != "praktische_bezwaren" or "parkeren" not in reden.tekst.lower():
                    continue
                if reden.regel != "drempel.praktische_bezwaren_bereikbaarheid":
                    continue
                assert drempel.sterkte == "aandachtspunt", reden.tekst
                if "kiss & ride" not in reden.tekst.lower():
                    assert reden.tekst.startswith(f"Parkeren ligt op {minuten} minuten"), (
                        reden.tekst)


# --- 2.D12 plays on the owner's unfamiliarity, its contexts are aandachtspunten ---------------

def _onbekendheid_zonder_eigenaar(casus: Casus) -> list[str]:
    """2.D12 'onbekend maakt onbemind' plays only for an owner without experience with
    werkfuncties; a long history of one function or missing examples nearby are contexts."""
    ervaring = casus.eigenaar.ervaring_met_werkfuncties
    return [f"{a.werkfunctie.value}: 2.D12 speelt bij ervaring {ervaring}"
            for a in zonder_spoor(casus).adviezen
            if ervaring is not False and any(d.id == "onbekendheid_eigenaar" for d in a.drempels)]


def test_2d12_plays_only_on_the_owners_unfamiliarity_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _onbekendheid_zonder_eigenaar(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), historie=st.sampled_from([True, False, None]),
       voorbeelden=st.sampled_from([True, False, None]))
def test_2d12_plays_only_on_the_owners_unfamiliarity_in_generated_cases(data, historie,
                                                                         voorbeelden) -> None:
    data["eigenaar"] = {**(data.get("eigenaar") or {}), "lange_historie_een_functie": historie,
                        "voorbeelden_in_omgeving": voorbeelden}
    assert _onbekendheid_zonder_eigenaar(Casus.model_validate(data)) == []


# --- 2.D1 outside its own context says so (principle 5) ---------------------------------------

from kennisbank.tabellen import Overlasttabel  # noqa: E402

OVERLAST = laad_tabel(standaardmap() / "overlast.yaml", Overlasttabel)


def _overlast_buiten_context_zonder_aanname(casus: Casus) -> list[str]:
    """Where 2.D1 plays and none of its 'manifesteert zich vooral' contexts holds, the reason
    must say it rests on an aanname, the advies give that aanname and the quote be 2.D1's own
    sentence about homes."""
    from kennisbank.casus import kenmerken

    feiten = kenmerken(casus)
    # 2.D1's own list is what its 'manifesteert zich vooral' names: the rows citing 2.D1.
    binnen = any(feiten.get(v.pad) is True for v in OVERLAST.versterkers if v.bron == "2.D1")
    buiten = [v for v in OVERLAST.versterkers if v.bron != "2.D1" and feiten.get(v.pad) is True]
    fout = []
    for advies in zonder_spoor(casus).adviezen:
        for drempel in [d for d in advies.drempels + advies.aandachtspunten
                        if d.id == "overlast"]:
            for reden in drempel.redenen:
                waar = f"{advies.werkfunctie.value}: {reden.tekst!r}"
                if not (binnen or buiten):
                    fout.append(f"{waar} zonder versterkende context")
                if buiten and ("aanname: buiten de context van 2.D1" not in reden.tekst
                               or not {getattr(v, "aanname", None) for v in buiten}
                               <= {a.tekst for a in advies.aannames}):
                    fout.append(f"{waar} zonder aanname")
                if (drempel.sterkte == "aandachtspunt" and not binnen
                        and not reden.citaat.startswith("Door de hoge functiedichtheid")):
                    fout.append(f"{waar} citeert {reden.citaat!r}")
            # 2.D1 plays only on facts of the case: the function's own high nuisance and homes
            # directly above or next door; a context alone is an aandachtspunt.
            factoren = advies.overlast.factoren if advies.overlast else []
            if drempel.sterkte == "speelt" and not (
                    feiten.get("locatie.geluidgevoelige_woningen_boven_naast") is True
                    and any(f.niveau == "hoog" for f in factoren)):
                fout.append(f"{advies.werkfunctie.value}: 2.D1 speelt zonder eigen hoge "
                            "overlast naast woningen")
    return fout


def test_an_overlast_barrier_outside_2d1s_context_is_labelled_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _overlast_buiten_context_zonder_aanname(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata())
def test_an_overlast_barrier_outside_2d1s_context_is_labelled_in_generated_cases(data) -> None:
    assert _overlast_buiten_context_zonder_aanname(Casus.model_validate(data)) == []


# --- 2.D10 plays on missing capacity, its contexts are aandachtspunten ------------------------

def _capaciteit_zonder_gebrek(casus: Casus) -> list[str]:
    """2.D10 'niet de capaciteit om iedereen goed te begeleiden' plays only where the case says
    the gemeente has no capacity to guide the initiative; 'geen expliciete uitvoeringsprioriteit'
    is a context the guide names ('Deze drempel speelt vooral'), so at most an aandachtspunt."""
    capaciteit = casus.beleid.capaciteit_begeleiding
    return [f"{a.werkfunctie.value}: 2.D10 speelt bij capaciteit {capaciteit}: {d.redenen}"
            for a in zonder_spoor(casus).adviezen for d in a.drempels
            if d.id == "capaciteit_gemeente" and capaciteit is not False]


def test_2d10_plays_only_without_capacity_in_the_stored_cases() -> None:
    for geladen in opgeslagen_casussen():
        assert _capaciteit_zonder_gebrek(geladen.casus) == [], geladen.casus.id


@INSTELLINGEN
@given(data=casusdata(), prioriteit=st.sampled_from([True, False, None]))
def test_2d10_plays_only_without_capacity_in_generated_cases(data, prioriteit) -> None:
    data["beleid"] = {**(data.get("beleid") or {}),
                      "werken_in_binnenstad_prioriteit": prioriteit}
    assert _capaciteit_zonder_gebrek(Casus.model_validate(data)) == []


# --- A profile's niet passend rests only on what nobody can change ----------------------------

import itertools  # noqa: E402

from kennisbank.casus import kenmerken, kenmerkpaden  # noqa: E402
from kennisbank.tabellen import VERANDERBAAR_DOOR  # noqa: E402

#: Every Niet-row that rejects or names a remedy: (function, row).
NIETRIJEN = [(f.value, rij) for f, profiel in PROFIELEN.profielen.items() for rij in profiel.niet
             if rij.effect in ("niet_passend", "te_verhelpen")]


def _zo_dat_de_rij_geldt(rij) -> dict:
    """Values of the row's facts under which it holds (the first combination that does)."""
    paden = list(dict.fromkeys(rij.als.paden()))
    drempels: dict[str, list] = {}
    for pad, waarde in rij.als.drempelwaarden():
        drempels.setdefault(pad, []).append(waarde)
    for waarden in itertools.product(*(KANDIDAATWAARDEN.get(p) or [*drempels.get(p, []),
                                                                   True, False]
                                       for p in paden)):
        toewijzing = dict(zip(paden, waarden, strict=True))
        if rij.als.toets(toewijzing.get) is True:
            return toewijzing
    raise AssertionError(f"{rij.id}: geen waarden waaronder de rij geldt")


@INSTELLINGEN
@given(data=casusdata(), functie_rij=st.sampled_from(NIETRIJEN))
def test_a_niet_row_rejects_only_on_what_nobody_can_change(data, functie_rij) -> None:
    """A Niet-row whose fact the owner or the gemeente can change (a gesloten gevel, no
    ontsluiting) gives at most beperkt passend while it stays so, with the change as a
    condition; one on a fact nobody can change (an A-winkelstraat) rejects."""
    functie, rij = functie_rij
    for pad, waarde in _zo_dat_de_rij_geldt(rij).items():
        zet_pad(data, pad, waarde)
        if pad.startswith("initiatief."):
            # What the initiative says holds for its own function only.
            zet_pad(data, "initiatief.werkfunctie", functie)
    advies = casusresultaat(BANK.evalueer(Casus.model_validate(data), [Werkfunctie(functie)]),
                            met_spoor=False).adviezen[0]
    eigen = [r for r in advies.redenen
             if r.regel == "profiel.niet_locatie" and rij.tekst in r.tekst]
    veranderbaar = [p for p in rij.als.paden() if kenmerkpaden()[p]["wie"] in VERANDERBAAR_DOOR]
    vast = rij.onherstelbaar_als
    feiten = kenmerken(Casus.model_validate(data))
    if veranderbaar and vast is not None and vast.als.toets(feiten.get) is True:
        # Known facts say the change cannot be made: the row rejects and names no conditions.
        assert [r.grens for r in eigen] == [Oordeel.NIET_PASSEND], (rij.id, eigen)
        assert advies.oordeel == Oordeel.NIET_PASSEND
        assert advies.voorwaarden == [], (rij.id, advies.voorwaarden)
    elif veranderbaar:
        assert [r.grens for r in eigen] == [Oordeel.BEPERKT_PASSEND], (rij.id, eigen)
        # Another Niet-row on a fact nobody can change (an A-winkelstraat beside a woongevoelige
        # straat) closes the door, and a closed door names no conditions.
        elders_dicht = any(r.grens == Oordeel.NIET_PASSEND and r.regel == "profiel.niet_locatie"
                           for r in advies.redenen if r not in eigen)
        assert elders_dicht or any(v.regel == "profiel.niet_locatie"
                                   for v in advies.voorwaarden), rij.id
        assert advies.oordeel != Oordeel.NIET_PASSEND or any(
            r.grens == Oordeel.NIET_PASSEND for r in advies.redenen if r not in eigen), rij.id
    else:
        assert [r.grens for r in eigen] == [Oordeel.NIET_PASSEND], (rij.id, eigen)
        assert advies.oordeel == Oordeel.NIET_PASSEND
        # A closed door names no conditions under which the function would fit here.
        assert advies.voorwaarden == [], (rij.id, advies.voorwaarden)


#: The changeable Niet-rows whose remedy known facts can rule out (``onherstelbaar_als``).
ONHERSTELBARE_RIJEN = [(functie, rij) for functie, rij in NIETRIJEN
                       if rij.onherstelbaar_als is not None]


@INSTELLINGEN
@given(data=casusdata(), functie_rij=st.sampled_from(ONHERSTELBARE_RIJEN),
       bekend=st.booleans())
def test_a_remedy_is_ruled_out_only_on_known_facts(data, functie_rij, bekend) -> None:
    """A changeable Niet-row rejects only where known facts say its change cannot be made (a
    gebiedsprofiel that decided, an entree at the back); while those facts are unknown it stays
    beperkt passend with the change as a condition, and asks after them."""
    functie, rij = functie_rij
    vast = rij.onherstelbaar_als
    for pad, waarde in _zo_dat_de_rij_geldt(rij).items():
        zet_pad(data, pad, waarde)
    for pad, waarde in _zo_dat_de_rij_geldt(vast).items():
        zet_pad(data, pad, waarde if bekend else None)
    advies = casusresultaat(BANK.evalueer(Casus.model_validate(data), [Werkfunctie(functie)]),
                            met_spoor=False).adviezen[0]
    eigen = [r for r in advies.redenen
             if r.regel == "profiel.niet_locatie" and rij.tekst in r.tekst]
    if bekend:
        assert [r.grens for r in eigen] == [Oordeel.NIET_PASSEND], (rij.id, eigen)
        assert any(r.bron == vast.bron and r.citaat == vast.citaat for r in advies.redenen)
        assert advies.oordeel == Oordeel.NIET_PASSEND
    else:
        assert [r.grens for r in eigen] == [Oordeel.BEPERKT_PASSEND], (rij.id, eigen)
        assert any(v.tekst == rij.voorwaarde for v in advies.voorwaarden), rij.id
        gevraagd = {k for v in advies.open_vragen for k in v.kenmerken}
        assert set(vast.als.paden()) <= gevraagd, (rij.id, gevraagd)


#: The requirements a pand misses whatever it is adapted to, under known facts.
ONHAALBARE_EISEN = [(f.value, eis) for f, profiel in PROFIELEN.profielen.items()
                    for eis in profiel.eisen if eis.onhaalbaar_als is not None]


@INSTELLINGEN
@given(data=casusdata(), functie_eis=st.sampled_from(ONHAALBARE_EISEN))
def test_a_requirement_out_of_reach_is_neither_met_nor_an_adaptation(data, functie_eis) -> None:
    """Where known facts put a requirement out of reach (a unit at the back: no passers-by, no
    entree at the street), the output neither says it is met nor asks the owner to adapt the
    pand for it (2.D6)."""
    functie, eis = functie_eis
    for pad, waarde in _zo_dat_de_rij_geldt(eis.onhaalbaar_als).items():
        zet_pad(data, pad, waarde)
    advies = casusresultaat(BANK.evalueer(Casus.model_validate(data), [Werkfunctie(functie)]),
                            met_spoor=False).adviezen[0]
    assert f"Voldoet aan: {eis.tekst}." not in [r.tekst for r in advies.redenen]
    aanpassing = f"Het pand moet worden aangepast ({eis.tekst.lower()})"
    assert not any(aanpassing in r.tekst for d in [*advies.drempels, *advies.aandachtspunten]
                   for r in d.redenen)


def test_the_remedy_aanname_stands_only_beside_a_niet_row_that_names_its_remedy() -> None:
    """'Een Niet-rij met eigen oplossing houdt het oordeel lager …' is true only of a function
    whose verdict a Niet-row with a remedy holds lower; the matrix rule must not count its own
    ceiling as that other one."""
    from rules.deel1_matrix import OPHEFBAAR_AANNAME

    gevonden = 0
    for geladen in opgeslagen_casussen():
        for advies in zonder_spoor(geladen.casus).adviezen:
            if OPHEFBAAR_AANNAME in [a.tekst for a in advies.aannames]:
                gevonden += 1
                assert any(r.tekst.startswith("Niet-lijst, zolang het zo blijft")
                           for r in advies.redenen), (geladen.casus.id, advies.werkfunctie)
    assert gevonden, "no stored case exercises the remedy aanname"
