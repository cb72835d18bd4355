"""Whole-process benchmark of ``kennisbank scan`` on synthetic registers.

For each size it writes a synthetic register (scripts/synthetisch_register.py), runs the scan as
a separate process and reports wall time, rows per second and the peak resident memory of the
largest process (the parent or one worker). Running two sizes shows whether memory grows with
the number of rows (it should not: rows stream in and results stream out).

    python scripts/benchmark_scan.py --rijen 25000 --rijen 2500 --werkers 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def meet(rijen: int, werkers: int, map: Path) -> tuple[float, float]:
    """(seconds, peak MiB of the largest process) for one scan of ``rijen`` rows."""
    register = map / f"register-{rijen}.csv"
    subprocess.run([sys.executable, str(PROJECT / "scripts" / "synthetisch_register.py"),
                    "--rijen", str(rijen), "-o", str(register)], check=True)
    start = time.perf_counter()
    # A fresh interpreter per size, so ru_maxrss of the children is this scan's alone.
    code = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]).returncode;"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(0 if r in (0, 2) else r)"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "kennisbank", "scan", str(register),
         "--werkers", str(werkers), "-o", str(map / f"uit-{rijen}.csv")],
        check=True, capture_output=True, text=True)
    seconden = time.perf_counter() - start
    return seconden, int(uit.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, action="append",
                        help="Aantal rijen (herhaalbaar); standaard 25000.")
    parser.add_argument("--werkers", type=int, default=2)
    args = parser.parse_args()
    print(f"{'rijen':>8} {'werkers':>7} {'seconden':>9} {'rijen/s':>8} {'piek MiB':>9}")
    with tempfile.TemporaryDirectory() as tijdelijk:
        for rijen in args.rijen or [25_000]:
            seconden, piek = meet(rijen, args.werkers, Path(tijdelijk))
            print(f"{rijen:>8} {args.werkers:>7} {seconden:>9.1f} {rijen / seconden:>8.1f} "
                  f"{piek:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
