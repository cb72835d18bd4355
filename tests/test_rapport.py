"""Reports: snapshots of text and Markdown, and an HTML file that is whole and escapes input."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kennisbank.cli import main

DATA = Path(__file__).parent / "data"
SNAPSHOTS = Path(__file__).parent / "snapshots"
BIJWERKEN = os.environ.get("KENNISBANK_SNAPSHOTS_BIJWERKEN") == "1"


def vergelijk_met_snapshot(naam: str, inhoud: str) -> None:
    bestand = SNAPSHOTS / naam
    if BIJWERKEN or not bestand.exists():
        bestand.write_text(inhoud, encoding="utf-8")
        if not BIJWERKEN:
            pytest.fail(f"snapshot {naam} aangemaakt; beoordeel hem en draai opnieuw")
    assert inhoud == bestand.read_text(encoding="utf-8"), (
        f"{naam} wijkt af; beoordeel de wijziging en draai met KENNISBANK_SNAPSHOTS_BIJWERKEN=1")


@pytest.mark.parametrize(("formaat", "naam"), [("tekst", "rapport.txt"),
                                                ("markdown", "rapport.md")])
def test_output_matches_the_reviewed_snapshot(runner, tmp_path, formaat, naam) -> None:
    doel = tmp_path / naam
    uit = runner.invoke(main, ["evalueer", str(DATA / "snapshot-casus.yaml"), "--format",
                               formaat, "-o", str(doel)])
    assert uit.exit_code == 0, uit.output
    vergelijk_met_snapshot(naam, doel.read_text(encoding="utf-8"))


class Controleur(HTMLParser):
    """Collects tags and checks that every non-void element is closed in order."""

    LEEG = {"meta", "br", "img", "link", "input", "hr", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stapel: list[str] = []
        self.tags: list[str] = []
        self.fouten: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.LEEG:
            self.stapel.append(tag)

    def handle_endtag(self, tag):
        if not self.stapel or self.stapel[-1] != tag:
            self.fouten.append(f"</{tag}> sluit {self.stapel[-1:]} ")
        else:
            self.stapel.pop()


def html_van(runner, tmp_path, casus: Path) -> str:
    doel = tmp_path / "rapport.html"
    uit = runner.invoke(main, ["evalueer", str(casus), "--format", "html", "-o", str(doel)])
    assert uit.exit_code == 0, uit.output
    return doel.read_text(encoding="utf-8")


def test_html_report_parses_and_is_self_contained(runner, tmp_path) -> None:
    html = html_van(runner, tmp_path, DATA / "snapshot-casus.yaml")
    controleur = Controleur()
    controleur.feed(html)
    assert controleur.fouten == [] and controleur.stapel == []
    assert {"details", "summary", "table", "style"} <= set(controleur.tags)
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "http://" not in html and "https://" not in html
    assert 'class="hier"' in html
    assert "@media print" in html


def test_html_escapes_everything_from_the_case_file(runner, tmp_path) -> None:
    html = html_van(runner, tmp_path, DATA / "script-casus.yaml")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in html
    assert "<img" not in html and "<b>vet</b>" not in html
    controleur = Controleur()
    controleur.feed(html)
    assert controleur.fouten == [] and controleur.stapel == []


def test_markdown_escapes_html_and_markup_from_the_case_file(runner, tmp_path) -> None:
    doel = tmp_path / "rapport.md"
    uit = runner.invoke(main, ["evalueer", str(DATA / "script-casus.yaml"), "--format",
                               "markdown", "-o", str(doel)])
    assert uit.exit_code == 0
    tekst = doel.read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|b)\b", tekst)
    assert not re.search(r"(?<!\\)\]\(javascript:", tekst)
    assert r"\<script\>" in tekst


def test_html_report_is_made_for_print_and_leads_with_the_answer(runner, tmp_path) -> None:
    doel = tmp_path / "rapport.html"
    uit = runner.invoke(main, ["evalueer", str(DATA / "snapshot-casus.yaml"), "--format", "html",
                               "--auteur", "J. de Vries", "-o", str(doel)],
                        env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert uit.exit_code == 0, uit.output
    html = doel.read_text(encoding="utf-8")
    assert "@page { size: A4" in html
    assert "details::details-content { display: block" in html
    assert ".matrix, .verdicttabel, tr, .drempel { break-inside: avoid; }" in html
    assert 'class="samenvatting">Op deze plek (Werken boven winkels (klein en middel)) is' in html
    assert "2026-05-28 · kennisbank" in html and "opgesteld door J. de Vries" in html
    assert re.search(r"regels [0-9a-f]{12}", html)
    for id_ in (">beperkt_passend<", ">niet_passend<", ">onbekendheid_eigenaar<"):
        assert id_ not in html
    assert "Waarom niet passend:" in html and "Eerst vragen:" in html
    assert html.index("Oordeel per werkfunctie") < html.index("Feiten van de casus") \
        < html.index("Matrix (1.4)") < html.index("Redeneerboom") < html.index("Checklist")
    # A matrix reason quotes the legend line of its symbol (1.4), once per report, not under
    # every function that has the same symbol.
    zonder_bomen = re.sub(r"<details>.*?</details>", "", html, flags=re.S)
    for legenda in ("Regelmatig passend (afhankelijk van context)",
                    "Beperkt passend (sterk afhankelijk van context)",
                    "Niet passend in meeste situaties"):
        assert zonder_bomen.count(f"<q>{legenda}</q>") == 1, legenda
    assert zonder_bomen.count("<q>Onderstaande tabel") <= 1


def test_short_report_keeps_only_the_answer(runner, tmp_path) -> None:
    doel = tmp_path / "kort.html"
    uit = runner.invoke(main, ["evalueer", str(DATA / "snapshot-casus.yaml"), "--format", "html",
                               "--kort", "-o", str(doel)])
    assert uit.exit_code == 0, uit.output
    html = doel.read_text(encoding="utf-8")
    assert "Oordeel per werkfunctie" in html and "Waarom niet passend:" in html
    for weg in ("Feiten van de casus", "Redeneerboom", "Checklist", "Matrix (1.4)"):
        assert weg not in html
