"""`kennisbank kennis --per-sectie`: every section of the guide, what encodes it, or why nothing."""

from __future__ import annotations

import json
import re

from handreiking_tekst import handreiking_bestand

from kennisbank.cli import main


def sectiesleutels_uit_readme() -> list[str]:
    """The section keys of shared/handreiking/README.md, with ranges ('2.D1 … 2.D13') expanded."""
    sleutels: list[str] = []
    tekst = handreiking_bestand("README.md").read_text(encoding="utf-8")
    tabel = tekst.split("## Section keys")[1].split("###")[0]
    for regel in tabel.splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) != 2 or not re.match(r"^(\d|P\b)", cellen[0]):
            continue
        for deel in cellen[0].split(","):
            deel = deel.strip()
            bereik = re.fullmatch(r"(\S*?)(\d+)\s*…\s*(\S*?)(\d+)", deel)
            if bereik and bereik[1] == bereik[3]:
                sleutels += [f"{bereik[1]}{i}" for i in range(int(bereik[2]), int(bereik[4]) + 1)]
            else:
                sleutels.append(deel)
    return sleutels


def test_the_readme_parser_finds_the_guides_sections() -> None:
    sleutels = sectiesleutels_uit_readme()
    assert {"1.1", "1.2.6", "1.3.5", "2.D13", "3.A1", "3.C9", "4.6", "P"} <= set(sleutels)
    assert len(sleutels) == len(set(sleutels)) == 51


def test_every_section_of_the_guide_is_encoded_or_says_why_not(runner) -> None:
    uit = runner.invoke(main, ["kennis", "--per-sectie", "--format", "json"])
    assert uit.exit_code == 0, uit.output
    secties = json.loads(uit.output)
    assert [s["sectie"] for s in secties] == sectiesleutels_uit_readme()
    for sectie in secties:
        gecodeerd = bool(sectie["regels"] or sectie["tabelrijen"])
        assert gecodeerd != bool(sectie["niet_gecodeerd"]), sectie
    per_sleutel = {s["sectie"]: s for s in secties}
    assert "drempel.pand_ongeschikt" in per_sleutel["2.D13"]["regels"]
    assert "profielen.maatschappelijke_voorzieningen.eisen[huur]" in \
        per_sleutel["1.2.6"]["tabelrijen"]
    assert per_sleutel["2.1"]["niet_gecodeerd"]


def test_text_view_names_each_section_and_the_reason_for_what_is_left_out(runner) -> None:
    uit = runner.invoke(main, ["kennis", "--per-sectie"])
    assert uit.exit_code == 0
    for sleutel in sectiesleutels_uit_readme():
        assert re.search(rf"^{re.escape(sleutel)} ", uit.output, flags=re.M), sleutel
    assert "niet gecodeerd: Beschrijft stakeholders" in uit.output
