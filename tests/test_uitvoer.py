"""-o: written atomically through links, never onto a device, an input or a directory."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kennisbank.cli import main

DATA = Path(__file__).parent / "data"
CASUS = DATA / "snapshot-casus.yaml"


def een_regel_zonder_traceback(uitvoer: str) -> str:
    regels = [r for r in uitvoer.splitlines() if r.strip()]
    assert len(regels) == 1, uitvoer
    assert "Traceback" not in uitvoer
    return regels[0]


def evalueer(runner, *argumenten: str):
    return runner.invoke(main, ["evalueer", str(CASUS), "--format", "json", *argumenten])


def geen_tijdelijke_bestanden(map: Path) -> bool:
    return not [p for p in map.iterdir() if p.name.endswith(".tmp")]


def test_a_symlink_is_written_through_to_its_target(runner, tmp_path) -> None:
    doel = tmp_path / "rapport.json"
    doel.write_text("oud", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(doel)
    uit = evalueer(runner, "-o", str(link))
    assert uit.exit_code == 0, uit.output
    assert link.is_symlink()
    assert json.loads(doel.read_text(encoding="utf-8"))[0]["casus"]


@pytest.mark.parametrize("soort", ["fifo", "map"])
def test_a_target_that_is_not_a_regular_file_is_refused_before_any_work(
        runner, tmp_path, soort) -> None:
    doel = tmp_path / "doel"
    if soort == "fifo":
        os.mkfifo(doel)
    else:
        doel.mkdir()
    uit = evalueer(runner, "-o", str(doel))
    assert uit.exit_code == 2
    regel = een_regel_zonder_traceback(uit.output)
    assert str(doel) in regel and ("geen gewoon bestand" in regel or "map" in regel)
    assert stat.S_ISFIFO(doel.stat().st_mode) if soort == "fifo" else doel.is_dir()


def test_dash_means_standard_output(runner) -> None:
    uit = evalueer(runner, "-o", "-")
    assert uit.exit_code == 0, uit.output
    assert json.loads(uit.output)[0]["casus"]


@pytest.mark.parametrize("pad", ["", "bestaat-niet/rapport.json"])
def test_an_unusable_output_path_is_refused_before_reading_the_cases(
        runner, tmp_path, pad) -> None:
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text("id: [\n", encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(kapot), "-o", pad])
    assert uit.exit_code == 2
    regel = een_regel_zonder_traceback(uit.output)
    assert "kapot.yaml" not in regel and ("-o" in regel or pad in regel)


def test_an_output_path_that_is_an_input_is_refused(runner, tmp_path) -> None:
    casus = tmp_path / "in.yaml"
    inhoud = CASUS.read_text(encoding="utf-8")
    casus.write_text(inhoud, encoding="utf-8")
    for doel in (casus, tmp_path / "." / "in.yaml"):
        uit = runner.invoke(main, ["evalueer", str(casus), "-o", str(doel)])
        assert uit.exit_code == 2
        assert "ook een invoerbestand" in een_regel_zonder_traceback(uit.output)
    uit = runner.invoke(main, ["evalueer", str(tmp_path), "-o", str(casus)])
    assert uit.exit_code == 2
    verklaar = runner.invoke(main, ["verklaar", str(casus), "--functie", "moderne_makers",
                                    "-o", str(casus)])
    assert verklaar.exit_code == 2
    assert casus.read_text(encoding="utf-8") == inhoud


def test_a_new_file_follows_the_umask_and_a_replaced_file_keeps_its_mode(
        runner, tmp_path) -> None:
    oud = os.umask(0o027)
    try:
        nieuw = tmp_path / "nieuw.json"
        assert evalueer(runner, "-o", str(nieuw)).exit_code == 0
        assert stat.S_IMODE(nieuw.stat().st_mode) == 0o640
        bestaand = tmp_path / "bestaand.json"
        bestaand.write_text("oud", encoding="utf-8")
        bestaand.chmod(0o664)
        assert evalueer(runner, "-o", str(bestaand)).exit_code == 0
        assert stat.S_IMODE(bestaand.stat().st_mode) == 0o664
        assert bestaand.read_text(encoding="utf-8") != "oud"
    finally:
        os.umask(oud)


def test_a_full_disk_names_the_output_file_and_keeps_the_old_one(
        runner, tmp_path, monkeypatch) -> None:
    doel = tmp_path / "rapport.json"
    doel.write_text("oud", encoding="utf-8")

    def vol(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kennisbank.uitvoerbestand.os.fsync", vol)
    uit = evalueer(runner, "-o", str(doel))
    assert uit.exit_code == 2
    assert str(doel) in een_regel_zonder_traceback(uit.output)
    assert doel.read_text(encoding="utf-8") == "oud"
    assert geen_tijdelijke_bestanden(tmp_path)


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path) -> None:
    doel = tmp_path / "rapport.txt"
    doel.write_text("oud", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from kennisbank.cli import _bij_sigterm\n"
        "from kennisbank.uitvoerbestand import atomair_bestand\n"
        "signal.signal(signal.SIGTERM, _bij_sigterm)\n"
        f"with atomair_bestand(Path({str(doel)!r})) as uit:\n"
        "    uit.write('x' * 100000)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    uit.write('nooit')\n"
    )
    proces = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert proces.returncode == 128 + signal.SIGTERM, proces.stderr
    assert "Traceback" not in proces.stderr
    assert doel.read_text(encoding="utf-8") == "oud"
    assert geen_tijdelijke_bestanden(tmp_path)


def test_streamed_json_is_byte_identical_to_the_json_contract(runner, tmp_path) -> None:
    from kennisbank.advies import als_json, casusresultaat
    from kennisbank.casuslader import laad_casussen
    from kennisbank.engine import laad_regelbank

    cases = Path(__file__).resolve().parents[1] / "cases" / "utrecht"
    bank = laad_regelbank()
    verwacht = als_json([casusresultaat(bank.evalueer(g.casus)) for g in laad_casussen([cases])])
    uit = runner.invoke(main, ["evalueer", str(cases), "--format", "json"])
    assert uit.exit_code == 0, uit.output
    assert uit.output == verwacht
    doel = tmp_path / "alle.json"
    assert runner.invoke(main, ["evalueer", str(cases), "--format", "json", "-o",
                                str(doel)]).exit_code == 0
    assert doel.read_text(encoding="utf-8") == verwacht


def test_a_rule_failing_halfway_leaves_the_old_output_intact(runner, tmp_path) -> None:
    doel = tmp_path / "rapport.txt"
    doel.write_text("oud", encoding="utf-8")
    regels = tmp_path / "regels"
    import shutil

    from kennisbank.engine import standaardmap
    shutil.copytree(standaardmap(), regels, ignore=shutil.ignore_patterns("__pycache__"))
    (regels / "zz_extra.py").write_text(
        "from kennisbank.regelapi import Gevraagd, regel\n\n"
        "@regel('zz.kapot', Gevraagd(), citaat='x', bron='1.4')\n"
        "def kapot(ctx):\n    \"\"\"Faalt altijd.\"\"\"\n    raise RuntimeError('stuk')\n",
        encoding="utf-8")
    uit = runner.invoke(main, ["evalueer", str(CASUS), "--regels", str(regels), "-o", str(doel)])
    assert uit.exit_code == 1
    assert "zz.kapot" in een_regel_zonder_traceback(uit.output)
    assert doel.read_text(encoding="utf-8") == "oud"
    assert geen_tijdelijke_bestanden(tmp_path)
