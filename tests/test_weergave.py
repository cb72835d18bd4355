"""Text output for people: the answer first, short by default, and case text shown as data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kennisbank.cli import main
from kennisbank.labels import DREMPEL_LABELS, OORDEEL_LABELS, VRAGEN_ZONDER_GEVOLG
from kennisbank.tekstveilig import onschadelijk

PROJECT = Path(__file__).resolve().parents[1]
CASES = PROJECT / "cases"
DATA = Path(__file__).parent / "data"


def tekst_op_breedte(pad: Path, breedte: int, *opties: str) -> str:
    uit = CliRunner(env={"COLUMNS": str(breedte)}).invoke(main, ["evalueer", str(pad), *opties])
    assert uit.exit_code == 0, uit.output
    return uit.output


def regels_per_casus(tekst: str) -> list[int]:
    return [len(blok.splitlines()) for blok in re.split(r"^─+ Casus ", tekst, flags=re.M)[1:]]


def test_default_output_is_short_at_100_columns() -> None:
    tekst = tekst_op_breedte(CASES, 100)
    aantallen = regels_per_casus(tekst)
    assert len(aantallen) >= 27
    # A beperkt passend verdict shows its conditions and first question, a rejection none: the
    # Niet-rows the owner or gemeente can lift (README) cost about one line per case, won back
    # by barriers that no longer play on a context alone.
    assert sum(aantallen) / len(aantallen) <= 66, aantallen
    assert max(aantallen) <= 90, aantallen


def test_the_table_counts_the_aandachtspunten_apart_from_the_barriers_that_play() -> None:
    """The table's barrier column names the barriers that play; the aandachtspunten (a context
    the guide names) are a count '(+n)' beside them, explained in the legend, not left out."""
    import json

    casus = CASES / "rotterdam" / "keilewerf-loods-makerscollectief.yaml"
    uit = CliRunner().invoke(main, ["evalueer", str(casus), "--format", "json"])
    adviezen = json.loads(uit.output)[0]["adviezen"]
    tekst = tekst_op_breedte(casus, 100)
    tabel = tekst[:tekst.index("Drempels:")]
    for advies in adviezen:
        spelend = " ".join(d["bron"].split("D")[1] for d in advies["drempels"])
        cel = " ".join(filter(None, (spelend, f"(+{len(advies['aandachtspunten'])})"
                                     if advies["aandachtspunten"] else "")))
        regel = next(r for r in tabel.splitlines() if r.startswith(advies["naam"]))
        assert regel.rstrip().endswith(cel or "–"), (regel, cel)
    assert any(advies["aandachtspunten"] for advies in adviezen)
    assert "(+n): n aandachtspunten, zie --volledig." in " ".join(tekst.split())


def test_full_detail_is_behind_volledig() -> None:
    kort = tekst_op_breedte(CASES / "utrecht", 100)
    volledig = tekst_op_breedte(CASES / "utrecht", 100, "--volledig")
    assert len(volledig.splitlines()) > 3 * len(kort.splitlines())
    assert "Checklist (deel 3)" in volledig and "Checklist (deel 3)" not in kort
    assert "Wat de gemeente kan doen:" in volledig


@pytest.mark.parametrize("breedte", [80, 100])
def test_no_trailing_whitespace_and_no_cut_names(breedte) -> None:
    for opties in ((), ("--volledig",)):
        tekst = tekst_op_breedte(CASES / "rotterdam", breedte, *opties)
        assert not [r for r in tekst.splitlines() if r != r.rstrip()]
        assert "…" not in tekst
        assert all(len(r) <= breedte for r in tekst.splitlines())
        for naam in ("Persoonlijke diensten", "Maatschappelijke"):
            assert naam in tekst


def test_verdict_table_comes_before_the_reasons_and_assumptions_once() -> None:
    tekst = tekst_op_breedte(CASES / "rotterdam" / "nieuwe-binnenweg-kapsalon.yaml", 100)
    assert tekst.index("Werkfunctie") < tekst.index("waarom:") < tekst.index("Aannames")
    assert tekst.count("Aannames (") == 1
    assert tekst.count("De matrix is een eerste richting") == 1
    assert "beperkt_passend" not in tekst and "pand_ongeschikt" not in tekst


def test_labels_cover_every_verdict_and_barrier() -> None:
    from kennisbank.domein import DrempelId, Oordeel

    assert set(OORDEEL_LABELS) == {o.value for o in Oordeel}
    assert set(DREMPEL_LABELS) == set(DrempelId.__args__)
    assert all("_" not in label for label in [*OORDEEL_LABELS.values(), *DREMPEL_LABELS.values()])


VIJANDIG = ["[/]", "[bold red]rood[/]", "\x1b[2J\x1b[31mwis", "oud\u202eweN",
            ":smile: [link=x]y[/link]"]


def vijandige_casus(tmp_path: Path, waarde: str) -> Path:
    tekst = (DATA / "snapshot-casus.yaml").read_text(encoding="utf-8")
    ontsnapt = waarde.encode("unicode_escape").decode().replace('"', '\\"')
    tekst = tekst.replace("titel: Eerste verdieping aan de Voorstraat", f'titel: "{ontsnapt}"')
    tekst = tekst.replace("toelichting: Vaste testcasus voor de weergave.",
                          f'toelichting: "~~~ {ontsnapt}"')
    pad = tmp_path / "vijandig.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize("waarde", VIJANDIG)
@pytest.mark.parametrize("formaat", ["tekst", "markdown", "html"])
def test_case_text_is_never_markup_nor_terminal_control(tmp_path, waarde, formaat) -> None:
    pad = vijandige_casus(tmp_path, waarde)
    doel = tmp_path / "uit"
    uit = CliRunner().invoke(main, ["evalueer", str(pad), "--format", formaat, "-o", str(doel)])
    assert uit.exit_code == 0, uit.output
    inhoud = doel.read_text(encoding="utf-8")
    assert "\x1b" not in inhoud and "\u202e" not in inhoud
    if formaat == "tekst":
        assert onschadelijk(waarde) in inhoud
    if formaat == "markdown":
        assert "\n~~~" not in inhoud and "```" not in inhoud


def test_stel_value_with_markup_is_shown_literally(tmp_path) -> None:
    uit = CliRunner().invoke(main, ["evalueer", str(DATA / "snapshot-casus.yaml"),
                                    "--stel", 'pand.adres="[/] en [bold]"'])
    assert uit.exit_code == 0, uit.output
    assert "[/] en [bold]" in uit.output


def test_onschadelijk_keeps_ordinary_text_and_shows_controls() -> None:
    assert onschadelijk("Café – €120 per m²\n\tok") == "Café – €120 per m²\n\tok"
    assert onschadelijk("a\x1bb\u202ec\x07") == "a\\x1bb\\u202ec\\x07"


@pytest.mark.parametrize("argumenten", [["--help"], ["evalueer", "--help"],
                                        ["verklaar", "--help"], ["regressie", "--help"]])
def test_help_is_dutch(argumenten) -> None:
    uit = CliRunner().invoke(main, argumenten)
    assert uit.exit_code == 0
    assert "Gebruik:" in uit.output and "Opties:" in uit.output
    for engels in ("Usage:", "Options:", "Show this message", "[OPTIONS]", "[required]"):
        assert engels not in uit.output


@pytest.mark.parametrize(("argumenten", "verwacht"), [
    (["evalueer", "--formaat", "json"], "Onbekende optie '--formaat'"),
    (["evalueer"], "Argument ontbreekt"),
    (["evaluer"], "Bedoelde u 'evalueer'?"),
    (["evalueer", "cases", "--format", "xml"], "is niet een van"),
])
def test_click_usage_errors_are_dutch(argumenten, verwacht) -> None:
    uit = CliRunner().invoke(main, argumenten)
    assert uit.exit_code == 2
    assert verwacht in uit.output
    assert "Error" not in uit.output and "Usage" not in uit.output


@pytest.mark.parametrize("formaat", ["tekst", "markdown", "html"])
def test_questions_behind_a_closed_door_stand_under_a_heading_that_says_they_decide_nothing(
        tmp_path, formaat) -> None:
    """Spuistraat: makers are niet passend by 'Niet: A-winkelstraten'; 'Is de straat
    woongevoelig?' stands apart, under a heading that says it does not decide the verdict."""
    doel = tmp_path / "uit"
    casus = CASES / "den-haag" / "spuistraat-winkelplint.yaml"
    uit = CliRunner().invoke(main, ["evalueer", str(casus), "--volledig", "--format", formaat,
                                    "-o", str(doel)])
    assert uit.exit_code == 0, uit.output
    # The words as read, without markup (**…**, <strong>…</strong>) or wrapping.
    inhoud = " ".join(re.sub(r"<[^>]+>|\*\*", "", doel.read_text(encoding="utf-8")).split())
    blok = inhoud[inhoud.index("Moderne makers") if formaat == "tekst" else 0:]
    kop = blok.index(f"Open vragen ({VRAGEN_ZONDER_GEVOLG})")
    assert kop < blok.index("Is de straat woongevoelig?")
