"""Whole-process timing of `kennisbank evalueer`, start-up included.

    python scripts/benchmark.py [--herhalingen 5]

Prints the median and the spread of wall-clock time for one stored case and for all stored
cases, each as a fresh process, and the peak memory (max RSS) of the all-cases run.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import statistics
import subprocess
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herhalingen", type=int, default=5)
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


if __name__ == "__main__":
    main()
