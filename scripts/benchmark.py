"""Whole-process timing of `kennisbank evalueer`, start-up included.

    python scripts/benchmark.py [--herhalingen 5] [--geheugen 27,270,1000]

Prints the median and the spread of wall-clock time for one stored case and for all stored
cases, each as a fresh process, and the peak memory (max RSS) of the all-cases run. With
--geheugen it also evaluates 27, 270 and 1000 cases (copies of the stored ones under new ids)
as JSON and as text into a file, once each, and prints time and peak memory per run: memory
must stay flat as the number of cases grows, because every case is written before the next is
evaluated.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def kennisbank_opdracht() -> list[str]:
    gevonden = shutil.which("kennisbank", path=str(Path(sys.executable).parent))
    return [gevonden] if gevonden else [sys.executable, "-m", "kennisbank"]


def meet(argumenten: list[str], herhalingen: int) -> tuple[list[float], int]:
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        subprocess.run([*kennisbank_opdracht(), *argumenten], cwd=PROJECT, check=True,
                       stdout=subprocess.DEVNULL)
        tijden.append(time.perf_counter() - begin)
    piek_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return tijden, piek_kb


def kopieer_casussen(casussen: list[Path], aantal: int, map: Path) -> None:
    """``aantal`` case files: the stored ones in turn, each copy under its own id."""
    for i in range(aantal):
        bron = casussen[i % len(casussen)]
        regels = bron.read_text(encoding="utf-8").splitlines(keepends=True)
        regels = [f"id: kopie-{i:04d}\n" if r.startswith("id:") else r for r in regels]
        (map / f"kopie-{i:04d}.yaml").write_text("".join(regels), encoding="utf-8")


def piekgeheugen(argumenten: list[str]) -> tuple[float, int]:
    """Wall-clock time and max RSS (KiB) of one fresh process."""
    begin = time.perf_counter()
    proces = subprocess.Popen([*kennisbank_opdracht(), *argumenten], cwd=PROJECT,
                              stdout=subprocess.DEVNULL)
    _, status, gebruik = os.wait4(proces.pid, 0)
    proces.returncode = os.waitstatus_to_exitcode(status)
    if proces.returncode != 0:
        raise SystemExit(f"{argumenten} eindigde met {proces.returncode}")
    return time.perf_counter() - begin, gebruik.ru_maxrss


def meet_geheugen(casussen: list[Path], aantallen: list[int]) -> None:
    print(f"{'casussen':>8}  {'formaat':<6}  {'tijd':>8}  piekgeheugen")
    with tempfile.TemporaryDirectory() as tijdelijk:
        for aantal in aantallen:
            map = Path(tijdelijk) / str(aantal)
            map.mkdir()
            kopieer_casussen(casussen, aantal, map)
            for formaat in ("json", "tekst"):
                tijd, piek_kb = piekgeheugen(["evalueer", str(map), "--format", formaat, "-o",
                                              str(Path(tijdelijk) / f"uit-{aantal}.{formaat}")])
                print(f"{aantal:>8}  {formaat:<6}  {tijd:7.1f}s  {piek_kb // 1024} MiB",
                      flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--geheugen", metavar="AANTALLEN", default=None,
                        help="Meet ook tijd en piekgeheugen voor zoveel casussen, bijv. "
                             "27,270,1000.")
    args = parser.parse_args()
    casussen = sorted((PROJECT / "cases").rglob("*.yaml"))
    print(f"python {platform.python_version()}, {platform.machine()}, "
          f"{len(casussen)} opgeslagen casussen, {args.herhalingen} herhalingen")
    for label, argumenten in (
        ("één casus, zes functies", ["evalueer", str(casussen[0]), "--format", "json"]),
        ("alle casussen, json", ["evalueer", "cases", "--format", "json"]),
    ):
        tijden, piek_kb = meet(argumenten, args.herhalingen)
        print(f"{label:<28} mediaan {statistics.median(tijden):6.2f} s  "
              f"(min {min(tijden):.2f}, max {max(tijden):.2f})  piekgeheugen {piek_kb // 1024} MiB")
    if args.geheugen:
        meet_geheugen(casussen, [int(a) for a in args.geheugen.split(",")])


if __name__ == "__main__":
    main()
