"""regressie --bijwerken: every rewrite loads back as exactly the intended expectation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from kennisbank.bijwerken import herschrijf_verwachting, yaml_scalar
from kennisbank.cli import main
from kennisbank.fouten import InvoerFout

FUNCTIES = ["kantoren_coworking", "moderne_makers", "sport_wellbeing"]
OORDELEN = ["passend", "passend_onder_voorwaarden", "beperkt_passend", "niet_passend"]
DREMPELS = ["overlast", "investeringskosten", "pand_ongeschikt", "omgevingsplan"]
FRAGMENTEN = st.text(alphabet="ab é()'\":#[],-{}&*!|>%@`", min_size=1, max_size=10).filter(
    lambda t: t.strip() == t)


def laad(tekst: str) -> Any:
    return YAML(typ="safe").load(tekst)


def scalar(waarde: str, stijl: str) -> str:
    if stijl == "enkel":
        return "'" + waarde.replace("'", "''") + "'"
    if stijl == "dubbel":
        return '"' + waarde.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return yaml_scalar(waarde)


@st.composite
def lijsttekst(draw: st.DrawFn, waarden: list[str], inspringing: str) -> str:
    stijlen = st.sampled_from(["plain", "enkel", "dubbel"])
    if not waarden or draw(st.booleans()):
        return " [" + ", ".join(scalar(w, draw(stijlen)) for w in waarden) + "]"
    regels = [""]
    for w in waarden:
        if draw(st.booleans()):
            regels.append(f"{inspringing}# tussen de items")
        commentaar = "  # bij dit item" if draw(st.booleans()) else ""
        regels.append(f"{inspringing}- {scalar(w, draw(stijlen))}{commentaar}")
    return "\n".join(regels)


@st.composite
def casusbestanden(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A case file in a generated layout, and the expectation that should be recorded in it."""
    functies = draw(st.lists(st.sampled_from(FUNCTIES), min_size=1, max_size=3, unique=True))
    oud: dict[str, dict[str, Any]] = {}
    doel: dict[str, dict[str, Any]] = {}
    for functie in functies:
        velden: dict[str, Any] = {"oordeel": draw(st.sampled_from(OORDELEN))}
        nieuw: dict[str, Any] = {"oordeel": draw(st.sampled_from(OORDELEN))}
        if draw(st.booleans()):
            velden["drempels"] = draw(st.lists(st.sampled_from(DREMPELS), unique=True))
            blijven = [d for d in velden["drempels"] if draw(st.booleans())]
            nieuw["drempels"] = blijven + [d for d in draw(st.lists(st.sampled_from(DREMPELS),
                                                                    unique=True))
                                           if d not in blijven]
        if draw(st.booleans()):
            velden["voorwaarden"] = draw(st.lists(FRAGMENTEN, max_size=3, unique=True))
            nieuw["voorwaarden"] = [v for v in velden["voorwaarden"] if draw(st.booleans())]
        oud[functie] = velden
        doel[functie] = nieuw
    vorm = draw(st.sampled_from(["blok", "ontbreekt", "leeg", "leeg-mapping", "flow-document"]))
    if vorm == "flow-document":
        tekst = "{id: vf, gemeente: T" + (", verwacht: {}" if draw(st.booleans()) else "") + "}\n"
    else:
        regels = ["# kop"] if draw(st.booleans()) else []
        if draw(st.booleans()):
            regels.append("---")
        regels += ["id: vf", "gemeente: 'Den Haag'  # gemeente",
                   "pand:", "  verdieping: 0", "toelichting: >-", "  gevouwen", "  tekst"]
        if vorm == "leeg":
            regels.append("verwacht:")
        elif vorm == "leeg-mapping":
            regels.append("verwacht: {}")
        elif vorm == "blok":
            regels.append("verwacht:")
            for functie, velden in oud.items():
                if draw(st.booleans()):
                    regels.append("  # commentaar bij de functie")
                regels.append(f"  {functie}:")
                stijl = draw(st.sampled_from(["plain", "enkel", "dubbel"]))
                regels.append(f"    oordeel: {scalar(velden['oordeel'], stijl)}")
                for veld in ("drempels", "voorwaarden"):
                    if veld in velden:
                        regels.append(f"    {veld}:" + draw(lijsttekst(velden[veld], "      ")))
        if vorm != "blok":
            doel = {f: {k: v for k, v in velden.items()} for f, velden in doel.items()}
        if draw(st.booleans()):
            regels.append("# slotcommentaar")
        if draw(st.booleans()):
            regels.append("...")
        tekst = "\n".join(regels) + ("\n" if draw(st.booleans()) else "")
    if draw(st.booleans()):
        tekst = tekst.replace("\n", "\r\n")
    return tekst, doel


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(casusbestanden())
def test_a_rewrite_loads_back_as_intended_and_converges(geval: tuple[str, dict[str, Any]]) -> None:
    tekst, doel = geval
    nieuw = herschrijf_verwachting(tekst, doel, "casus.yaml")
    origineel = laad(tekst)
    assert laad(nieuw) == {**origineel, "verwacht": doel}
    assert herschrijf_verwachting(nieuw, doel, "casus.yaml") == nieuw
    if "\r\n" in tekst:
        assert "\n" not in nieuw.replace("\r\n", "")
    for commentaar in ("# kop", "# gemeente", "# slotcommentaar"):
        if commentaar in tekst:
            assert commentaar in nieuw


def test_fragments_with_quotes_and_brackets_are_quoted() -> None:
    for fragment in ["a (b)", "it's", 'zeg "ja"', "[x]", "- y", "ja", "1.5", "#", "a: b", "é"]:
        assert laad(f"- {yaml_scalar(fragment)}") == [fragment]
        assert laad(f"[{yaml_scalar(fragment)}]") == [fragment]


def test_a_block_list_with_a_comment_inside_converges() -> None:
    tekst = ("id: c\ngemeente: T\nverwacht:\n  moderne_makers:\n    oordeel: passend\n"
             "    drempels:\n      - overlast\n      # waarom\n      - omgevingsplan\n")
    doel = {"moderne_makers": {"oordeel": "passend",
                               "drempels": ["omgevingsplan", "pand_ongeschikt"]}}
    nieuw = herschrijf_verwachting(tekst, doel, "c.yaml")
    assert laad(nieuw)["verwacht"] == doel
    assert "# waarom" in nieuw and "id: c\ngemeente: T\n" in nieuw
    assert herschrijf_verwachting(nieuw, doel, "c.yaml") == nieuw


def test_an_unwritable_layout_is_refused_and_the_text_kept() -> None:
    # An anchor on the expectation used elsewhere: any change would change the other value.
    tekst = "id: c\ngemeente: T\nverwacht: &v {moderne_makers: {oordeel: passend}}\nkopie: *v\n"
    with pytest.raises(InvoerFout, match="verwacht"):
        herschrijf_verwachting(tekst, {"moderne_makers": {"oordeel": "niet_passend"}}, "c.yaml")


def schrijf_casus(map: Path, tekst: str, naam: str = "c.yaml") -> Path:
    bestand = map / naam
    bestand.write_bytes(tekst.encode("utf-8"))
    return bestand


@pytest.mark.parametrize("vorm", [
    "id: leeg\ngemeente: Utrecht\nverwacht:\n",
    "id: leeg\ngemeente: Utrecht\nverwacht: {}\n",
    "{id: leeg, gemeente: Utrecht}\n",
    "id: leeg\ngemeente: Utrecht\n...\n",
    "id: leeg\r\ngemeente: Utrecht\r\nverwacht:\r\n",
])
def test_bijwerken_records_an_empty_expectation_in_any_layout(runner, tmp_path, vorm) -> None:
    bestand = schrijf_casus(tmp_path, vorm)
    uit = runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    assert uit.exit_code == 0, uit.output
    assert f"bijgewerkt: {bestand}" in uit.output
    tekst = bestand.read_bytes().decode("utf-8")
    assert len(laad(tekst)["verwacht"]) == 6
    if "\r\n" in vorm:
        assert "\n" not in tekst.replace("\r\n", "")
    opnieuw = runner.invoke(main, ["regressie", str(tmp_path)])
    assert opnieuw.exit_code == 0, opnieuw.output
    tweede = runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    assert "0 verwachting(en) bijgewerkt" in tweede.output
    assert bestand.read_bytes().decode("utf-8") == tekst
