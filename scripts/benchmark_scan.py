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

With ``--instructies`` it counts the machine instructions of one row's evaluation in process,
as a worker evaluates it (``scan.evalueer_pand``: the brief evaluation by the rules a row needs,
and the row read from it), over the valid rows of a synthetic register of ``TELRIJEN`` rows
(scripts/instructies.py; valgrind, about a minute). Where the wall-clock rate varies with the
machine's load, this is the figure to compare two versions of the code by.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from instructies import tel_instructies

PROJECT = Path(__file__).resolve().parents[1]

#: The rows of the register whose evaluations ``--instructies`` counts.
TELRIJEN = 60

#: The first rows of the register evaluated once (the engine builds its matcher and learns
#: the forms of its facts), then (first argument) that many passes over every row; further
#: arguments: the project, the register, the number of rows it must yield.
_TELPROGRAMMA = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from kennisbank.domein import Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.register import laad_kolommen, lees_register
from kennisbank.scan import evalueer_pand, taken
bank = laad_regelbank()
register = Path(sys.argv[3])
rijen = [t for t in taken(lees_register(register, laad_kolommen(None)), register)
         if isinstance(t, tuple)]
if len(rijen) != int(sys.argv[4]):
    sys.exit(f"{len(rijen)} geldige rijen, {sys.argv[4]} verwacht")
functies = tuple(Werkfunctie)
for taak in rijen[:10]:
    evalueer_pand(bank, *taak, functies=functies)
for _ in range(int(sys.argv[1])):
    for taak in rijen:
        evalueer_pand(bank, *taak, functies=functies)
"""


def tel_per_rij(map: Path) -> float | None:
    """Millions of machine instructions per row's evaluation (None without valgrind), over a
    synthetic register of ``TELRIJEN`` rows without invalid ones."""
    register = map / "telregister.csv"
    subprocess.run([sys.executable, str(PROJECT / "scripts" / "synthetisch_register.py"),
                    "--rijen", str(TELRIJEN), "--ongeldig", "0", "-o", str(register)],
                   check=True)
    return tel_instructies(_TELPROGRAMMA, [str(PROJECT), str(register), str(TELRIJEN)],
                           TELRIJEN)


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
    parser.add_argument("--instructies", action="store_true",
                        help="tel ook de machine-instructies per rij (valgrind, ~1 minuut)")
    args = parser.parse_args()
    print(f"{'rijen':>8} {'werkers':>7} {'seconden':>9} {'rijen/s':>8} {'piek MiB':>9} "
          f"{'CPU ms/rij':>10}")
    with tempfile.TemporaryDirectory() as tijdelijk:
        for rijen in args.rijen or [25_000]:
            seconden, piek, cpu = meet(rijen, args.werkers, Path(tijdelijk))
            per_rij = f"{1000 * cpu / rijen:.2f}" if args.werkers == 1 else ""
            print(f"{rijen:>8} {args.werkers:>7} {seconden:>9.1f} {rijen / seconden:>8.1f} "
                  f"{piek:>9.0f} {per_rij:>10}", flush=True)
        if args.instructies:
            miljoen = tel_per_rij(Path(tijdelijk))
            print("machine-instructies per rij in proces: "
                  + (f"{miljoen:.2f} M" if miljoen is not None else "(valgrind ontbreekt)"))


if __name__ == "__main__":
    main()
