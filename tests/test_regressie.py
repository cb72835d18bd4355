"""kennisbank regressie and dekking: stored expectations, rule changes, recorded updates."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import CASES

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casussen
from kennisbank.cli import main
from kennisbank.engine import laad_regelbank, standaardmap


def test_regressie_on_the_stored_cases_exits_0_with_a_summary(runner) -> None:
    uit = runner.invoke(main, ["regressie", str(CASES)])
    assert uit.exit_code == 0, uit.output
    laatste = " ".join(uit.output.split()).rsplit(".", 2)[-2]
    assert "casussen" in laatste and "0 wijken af" in laatste


def kopie_met_matrixcel(tmp_path: Path, functie: str, locatietype: str, nieuw: str) -> Path:
    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie)
    matrix = kopie / "matrix.yaml"
    tekst = matrix.read_text(encoding="utf-8")
    blok_begin = tekst.index(f"  {functie}:\n")
    regel_begin = tekst.index(f"    {locatietype}:", blok_begin)
    regel_eind = tekst.index("\n", regel_begin)
    matrix.write_text(tekst[:regel_begin] + f'    {locatietype}: "{nieuw}"' + tekst[regel_eind:],
                      encoding="utf-8")
    return kopie


def test_changing_one_matrix_cell_names_exactly_the_affected_cases_and_the_rule(
        runner, tmp_path) -> None:
    kopie = kopie_met_matrixcel(tmp_path, "kantoren_coworking", "aanloopstraat", "+++")
    standaard, gewijzigd = laad_regelbank(), laad_regelbank(kopie)
    geraakt = set()
    for item in laad_casussen([CASES]):
        voor = casusresultaat(standaard.evalueer(item.casus), met_spoor=False).adviezen
        na = casusresultaat(gewijzigd.evalueer(item.casus), met_spoor=False).adviezen
        if any(a.oordeel != b.oordeel for a, b in zip(voor, na, strict=True)):
            geraakt.add(item.casus.id)
    assert geraakt, "de gewijzigde cel raakt geen opgeslagen casus"

    uit = runner.invoke(main, ["regressie", str(CASES), "--regels", str(kopie),
                               "--format", "json"])
    assert uit.exit_code == 1, uit.output
    data = json.loads(uit.output)
    assert {a["casus"] for a in data["afwijkingen"]} == geraakt
    assert {a["werkfunctie"] for a in data["afwijkingen"]} == {"kantoren_coworking"}
    for afwijking in data["afwijkingen"]:
        assert any(r.startswith("matrix.score: concludeert nu anders") for r in
                   afwijking["regels"]), afwijking["regels"]
    tekst = runner.invoke(main, ["regressie", str(CASES), "--regels", str(kopie)])
    assert tekst.exit_code == 1
    assert "matrix.score" in tekst.output and "wijken af" in tekst.output


def test_regressie_exits_2_on_invalid_input(runner, tmp_path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: x\ngemeente: [\n", encoding="utf-8")
    uit = runner.invoke(main, ["regressie", str(tmp_path)])
    assert uit.exit_code == 2
    assert "kapot.yaml" in uit.output


def test_bijwerken_records_the_outcome_keeping_comments_and_layout(runner, tmp_path) -> None:
    bron = CASES / "utrecht" / "oudegracht-bovenverdieping.yaml"
    doel = tmp_path / bron.name
    origineel = bron.read_text(encoding="utf-8")
    regels = origineel.splitlines()
    index = next(i for i, r in enumerate(regels) if r.strip().startswith("kantoren_coworking:")
                 and i > next(j for j, s in enumerate(regels) if s.startswith("verwacht:")))
    oordeelregel = next(i for i in range(index, len(regels)) if "oordeel:" in regels[i])
    echt = regels[oordeelregel].split("oordeel:")[1].strip()
    fout = "niet_passend" if echt != "niet_passend" else "passend"
    regels[oordeelregel] = regels[oordeelregel].replace(echt, fout)
    doel.write_text("\n".join(regels) + "\n", encoding="utf-8")

    assert runner.invoke(main, ["regressie", str(tmp_path)]).exit_code == 1
    uit = runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    assert uit.exit_code == 0, uit.output
    assert f"kantoren_coworking.oordeel {fout} → {echt}" in " ".join(uit.output.split())
    assert doel.read_text(encoding="utf-8") == origineel
    assert runner.invoke(main, ["regressie", str(tmp_path)]).exit_code == 0


def test_bijwerken_records_a_missing_expectation(runner, tmp_path) -> None:
    doel = tmp_path / "nieuw.yaml"
    doel.write_text("# commentaar blijft staan\nid: nieuw\ngemeente: Utrecht\n"
                    "locatie:\n  locatietype: aanloopstraat  # ook dit\n", encoding="utf-8")
    assert runner.invoke(main, ["regressie", str(tmp_path)]).exit_code == 1
    uit = runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    assert "verwachting vastgelegd voor 6 functies" in uit.output
    tekst = doel.read_text(encoding="utf-8")
    assert tekst.startswith("# commentaar blijft staan\n") and "# ook dit" in tekst
    assert runner.invoke(main, ["regressie", str(tmp_path)]).exit_code == 0


def test_dekking_lists_every_rule_with_its_cases(runner) -> None:
    uit = runner.invoke(main, ["dekking", str(CASES), "--format", "json"])
    assert uit.exit_code == 0, uit.output
    dekking = json.loads(uit.output)
    assert set(dekking["regels"]) == {r.id for r in laad_regelbank().regels}
    assert all(dekking["regels"].values())
    rijen = dekking["profielrijen"]
    for rij in ("smal_historisch_pand_ventilatie", "smal_historisch_pand_nooduitgang"):
        assert rijen[f"sport_wellbeing.niet.{rij}"], "een casus test deze Niet-rij"
    tekst = runner.invoke(main, ["dekking", str(CASES / "utrecht")])
    assert "Regeldekking" in tekst.output


def test_dekking_exits_1_and_names_unexercised_rules(runner, tmp_path) -> None:
    (tmp_path / "c.yaml").write_text("id: c\ngemeente: Utrecht\n", encoding="utf-8")
    uit = runner.invoke(main, ["dekking", str(tmp_path)])
    assert uit.exit_code == 1
    assert "Niet geraakt door een casus" in uit.output


def test_bijwerken_rewrites_block_lists_in_place(runner, tmp_path) -> None:
    from kennisbank.advies import casusresultaat as resultaat_van
    from kennisbank.casuslader import laad_casus

    doel = tmp_path / "blok.yaml"
    doel.write_text(
        "id: blok\ngemeente: Utrecht\nlocatie:\n  locatietype: aanloopstraat\nbeleid:\n"
        "  capaciteit_begeleiding: false\nverwacht:\n"
        + "".join(f"  {f}:\n    oordeel: {o}\n    drempels:\n      - beeld_makelaars  # fout\n"
                  "    voorwaarden:\n      - bestaat niet\n"
                  for f, o in [(a.werkfunctie.value, a.oordeel.value) for a in resultaat_van(
                      laad_regelbank().evalueer(laad_casus(CASES / "utrecht" /
                                                           "oudegracht-bovenverdieping.yaml")
                                                .casus.model_copy(update={
                                                    "verwacht": None}))).adviezen]),
        encoding="utf-8")
    runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    uit = runner.invoke(main, ["regressie", str(tmp_path)])
    assert uit.exit_code == 0, uit.output + doel.read_text(encoding="utf-8")
    assert "      - capaciteit_gemeente" in doel.read_text(encoding="utf-8")


def test_a_table_without_a_row_for_every_function_fails_at_load_naming_the_table(
        runner, tmp_path) -> None:
    kopie = tmp_path / "regels"
    shutil.copytree(standaardmap(), kopie, ignore=shutil.ignore_patterns("__pycache__"))
    tabel = kopie / "levendigheid.yaml"
    tekst = tabel.read_text(encoding="utf-8")
    begin = tekst.index("  maatschappelijke_voorzieningen:\n")
    tabel.write_text(tekst[:begin], encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(CASES / "utrecht"), "--regels", str(kopie)])
    assert uit.exit_code == 2, uit.output
    assert "levendigheid.yaml" in uit.output and "maatschappelijke_voorzieningen" in uit.output


def test_regressie_reports_a_function_missing_from_verwacht_and_bijwerken_adds_it(
        runner, tmp_path) -> None:
    bron = CASES / "utrecht" / "zadelstraat-coworking.yaml"
    doel = tmp_path / bron.name
    tekst = bron.read_text(encoding="utf-8")
    # the function's comment (all its lines) goes with it
    treffer = re.search(r"(?:  #[^\n]*\n)*  maatschappelijke_voorzieningen:\n", tekst)
    assert treffer is not None
    begin = treffer.start()
    doel.write_text(tekst[:begin], encoding="utf-8")
    uit = runner.invoke(main, ["regressie", str(tmp_path)])
    assert uit.exit_code == 1, uit.output
    assert "Maatschappelijke voorzieningen: geen verwachting" in " ".join(uit.output.split())
    uit = runner.invoke(main, ["regressie", str(tmp_path), "--bijwerken"])
    assert "maatschappelijke_voorzieningen toegevoegd aan verwacht" in uit.output
    bijgewerkt = doel.read_text(encoding="utf-8")
    assert bijgewerkt.startswith(tekst[:begin])
    assert "  maatschappelijke_voorzieningen:\n    oordeel: niet_passend\n" in bijgewerkt
    assert runner.invoke(main, ["regressie", str(tmp_path)]).exit_code == 0
