"""Whole-process benchmark of ``kennisbank scan`` on synthetic registers.

For each size it writes a synthetic register (scripts/synthetisch_register.py), runs the scan as
a separate process and reports wall time, rows per second and the peak resident memory of the
largest process it waited for. Running two sizes shows whether memory grows with
the number of rows (it should not: rows stream in and results stream out).

With ``--werkers 1`` it also reports the CPU time (user + system) per row of the whole process,
start-up included: on a shared machine the steadier figure to compare two versions by. With
more workers that column stays empty: the pool's processes are started by multiprocessing's
fork server, not by the scan itself, so neither their CPU time nor their memory is counted
(the peak is then the parent's; the evaluation's own memory shows with ``--werkers 1``).

    python scripts/benchmark_scan.py --rijen 25000 --rijen 2500 --werkers 2
    python scripts/benchmark_scan.py --rijen 4000 --werkers 1
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def meet(rijen: int, werkers: int, map: Path) -> tuple[float, float, float]:
    """(seconds, peak MiB of the largest process, CPU seconds of the scan process and the
    children it waited for) for one scan of ``rijen`` rows."""
    register = map / f"register-{rijen}.csv"
    subprocess.run([sys.executable, str(PROJECT / "scripts" / "synthetisch_register.py"),
                    "--rijen", str(rijen), "-o", str(register)], check=True)
    start = time.perf_counter()
    # A fresh interpreter per size, so ru_maxrss of the children is this scan's alone.
    code = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]).returncode;"
        "g = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(g.ru_maxrss, g.ru_utime + g.ru_stime);"
        "sys.exit(0 if r in (0, 2) else r)"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "kennisbank", "scan", str(register),
         "--werkers", str(werkers), "-o", str(map / f"uit-{rijen}.csv")],
        check=True, capture_output=True, text=True)
    seconden = time.perf_counter() - start
    piek, cpu = uit.stdout.split()[-2:]
    return seconden, int(piek) / 1024, float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, action="append",
                        help="Aantal rijen (herhaalbaar); standaard 25000.")
    parser.add_argument("--werkers", type=int, default=2)
    args = parser.parse_args()
    print(f"{'rijen':>8} {'werkers':>7} {'seconden':>9} {'rijen/s':>8} {'piek MiB':>9} "
          f"{'CPU ms/rij':>10}")
    with tempfile.TemporaryDirectory() as tijdelijk:
        for rijen in args.rijen or [25_000]:
            seconden, piek, cpu = meet(rijen, args.werkers, Path(tijdelijk))
            per_rij = f"{1000 * cpu / rijen:.2f}" if args.werkers == 1 else ""
            print(f"{rijen:>8} {args.werkers:>7} {seconden:>9.1f} {rijen / seconden:>8.1f} "
                  f"{piek:>9.0f} {per_rij:>10}", flush=True)


if __name__ == "__main__":
    main()
