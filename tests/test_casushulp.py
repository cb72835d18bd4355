"""Help writing a case: Dutch messages that say what to write, one validation rule, a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from kennisbank.casuslader import laad_casus
from kennisbank.cli import main


def evalueer(tmp_path: Path, inhoud: str, *opties: str):
    bestand = tmp_path / "casus.yaml"
    bestand.write_text("id: test\ngemeente: Teststad\n" + inhoud, encoding="utf-8")
    return CliRunner().invoke(main, ["evalueer", str(bestand), "--format", "json", *opties])


# The five error cases a new user met, each with the hint that helps.
@pytest.mark.parametrize(("inhoud", "veld", "hint"), [
    ("pand:\n  liftt: true\n", "pand.liftt", "bedoelde u 'lift'?"),
    ("pand:\n  lift: yes\n", "pand.lift", "verwacht ja of nee"),
    ("pand:\n  oppervlakte_m2: 250 m2\n", "pand.oppervlakte_m2", "het veld is al in m²"),
    ("eigenar:\n  soort: belegger\n", "eigenar", "bedoelde u 'eigenaar'?"),
    ("", "id", "kleine letters, cijfers en '-'"),
])
def test_each_error_is_one_dutch_line_with_a_hint(tmp_path, inhoud, veld, hint) -> None:
    if veld == "id":
        bestand = tmp_path / "casus.yaml"
        bestand.write_text("id: mijn casus\ngemeente: Teststad\n", encoding="utf-8")
        uit = CliRunner().invoke(main, ["evalueer", str(bestand)])
    else:
        uit = evalueer(tmp_path, inhoud)
    assert uit.exit_code == 2
    regels = uit.output.strip().splitlines()
    assert len(regels) == 1, uit.output
    assert "casus.yaml" in regels[0] and f"{veld}:" in regels[0] and hint in regels[0]
    for intern in ("Input should", "instance of", "str-enum", "literal[", "pattern", "^[a-z"):
        assert intern not in regels[0]


def test_all_errors_at_once(tmp_path) -> None:
    uit = evalueer(tmp_path, "pand:\n  lift: 1\n  vrije_hoogte_m: '3'\neigenar: {}\n")
    assert uit.exit_code == 2
    assert "3 fouten" in uit.output
    for veld in ("pand.lift", "pand.vrije_hoogte_m", "eigenar"):
        assert veld in uit.output


@pytest.mark.parametrize(("inhoud", "hint"), [
    ("pand:\n  verdieping: true\n", "ja/nee is geen getal"),
    ("pand:\n  oppervlakte_m2: '250'\n", "verwacht een getal"),
    ("pand:\n  oppervlakte_m2: .nan\n", "geen NaN"),
    ("pand:\n  lift: 'off'\n", "verwacht ja of nee"),
    ("pand:\n  lift: 1\n", "verwacht ja of nee"),
    ("pand:\n  verdieping: 1.5\n", "geheel getal"),
    ("locatie:\n  locatietype: winkelstraat\n", "'aanloopstraat'"),
    ("pand: 12\n", "verwacht een sectie"),
])
def test_strict_types_everywhere(tmp_path, inhoud, hint) -> None:
    uit = evalueer(tmp_path, inhoud)
    assert uit.exit_code == 2, uit.output
    assert hint in uit.output
    assert "str-enum" not in uit.output and "instance of" not in uit.output


@pytest.mark.parametrize(("waarde", "verwacht"), [("ja", True), ("nee", False), ("Ja", True),
                                                  ("true", True), ("false", False)])
def test_ja_nee_are_the_dutch_booleans(tmp_path, waarde, verwacht) -> None:
    bestand = tmp_path / "casus.yaml"
    bestand.write_text(f"id: t\ngemeente: T\npand:\n  lift: {waarde}\n", encoding="utf-8")
    assert laad_casus(bestand).casus.pand.lift is verwacht


def test_stel_follows_the_same_rule(tmp_path) -> None:
    assert evalueer(tmp_path, "", "--stel", "pand.lift=nee").exit_code == 0
    uit = evalueer(tmp_path, "", "--stel", "pand.verdieping=true")
    assert uit.exit_code == 2 and "ja/nee is geen getal" in uit.output
    uit = evalueer(tmp_path, "", "--stel", "pand.oppervlakte_m2='250'")
    assert uit.exit_code == 2 and "verwacht een getal" in uit.output


def test_empty_section_and_null_are_both_unknown(tmp_path) -> None:
    uitkomsten = []
    for inhoud in ("", "pand:\ninitiatief:\n", "pand: null\ninitiatief: null\n"):
        uit = evalueer(tmp_path, inhoud)
        assert uit.exit_code == 0, uit.output
        uitkomsten.append(uit.output)
    assert uitkomsten[0] == uitkomsten[1] == uitkomsten[2]


def test_nieuw_writes_a_template_that_validates_when_filled_in(tmp_path) -> None:
    from kennisbank.casus import FEITSECTIES, Casus, Initiatief

    pad = tmp_path / "Lijnbaan 12.yaml"
    uit = CliRunner().invoke(main, ["nieuw", str(pad), "--gemeente", "Rotterdam"])
    assert uit.exit_code == 0, uit.output
    tekst = pad.read_text(encoding="utf-8")
    assert "id: lijnbaan-12" in tekst and "gemeente: Rotterdam" in tekst
    assert tekst.count("Laat weg als onbekend.") >= 60
    velden = {"titel", "illustratief", "toelichting"}
    for sectie in FEITSECTIES:
        model = Initiatief if sectie == "initiatief" else Casus.model_fields[sectie].annotation
        velden |= set(model.model_fields)  # type: ignore[union-attr]
        assert f"\n{sectie}:\n" in tekst
    for veld in velden:
        assert f"# {veld}: " in tekst or f"# {veld}:\n" in tekst, veld
    assert "Getal in m²" in tekst and "zonder eenheid" in tekst and "via_winkel" in tekst
    # As written (every fact unknown) the case is valid ...
    assert laad_casus(pad).casus.pand.lift is None
    # ... and filled in by removing '# ' before every example line, too.
    veldnamen = velden | {f.value for f in __import__("kennisbank.domein").domein.Werkfunctie}
    ingevuld = []
    for regel in tekst.splitlines():
        voorbeeld = re.match(r"^(\s*)# (\s*)(\w+):(.*)$", regel)
        if voorbeeld and voorbeeld.group(3) in veldnamen:
            regel = f"{voorbeeld.group(1)}{voorbeeld.group(2)}{voorbeeld.group(3)}:" \
                    f"{voorbeeld.group(4)}"
        ingevuld.append(regel)
    pad.write_text("\n".join(ingevuld) + "\n", encoding="utf-8")
    casus = laad_casus(pad).casus
    assert casus.pand.lift is True and casus.pand.oppervlakte_m2 == 250
    assert casus.initiatief is not None and casus.beleid.omgevingsplan
    data = YAML(typ="safe").load(pad.read_text(encoding="utf-8"))
    assert set(data["pand"]) == set(Casus.model_fields["pand"].annotation.model_fields)  # type: ignore[union-attr]


def test_nieuw_never_overwrites(tmp_path) -> None:
    pad = tmp_path / "casus.yaml"
    pad.write_text("id: x\ngemeente: X\n", encoding="utf-8")
    uit = CliRunner().invoke(main, ["nieuw", str(pad)])
    assert uit.exit_code == 2 and "bestaat al" in uit.output
    assert pad.read_text(encoding="utf-8") == "id: x\ngemeente: X\n"
