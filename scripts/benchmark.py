"""Speed figures of the kennisbank, each printed next to its target.

    python scripts/benchmark.py [--herhalingen 5] [--testsuite] [--instructies]

- in process: one evaluation of all six functions with the full trace, per pand the fastest
  of the repetitions, the median over
  the stored cases (the rule bank loaded once, its engine reused);
- whole process, start-up included: ``evalueer CASE`` against the bare import of its
  dependencies (experta, pydantic, click, ruamel.yaml); ``evalueer cases/`` as text;
  ``verklaar`` for one function;
- with ``--testsuite``: the README's test command once, on two workers (pytest-xdist ``-n 2``,
  which is what ``-n auto`` gives on two cores), with pytest's summary line (minutes).

Each figure is the lowest of the repetitions (the advice of Python's timeit: on a shared
machine the noise only ever adds time, and it comes in spells of seconds to minutes), measured
as wall-clock time and as CPU time (user + system) of the process.

The first line is the machine's own speed: the CPU time of a fixed pure-Python loop (the best
of the repetitions). Figures taken on different days or machines compare only next to it; a
shared 2-core machine has been seen to differ by half between two days.

With ``--instructies`` the in-process evaluation is also counted in machine instructions
(valgrind's callgrind, where valgrind is installed): one more pass over the stored cases
minus none, per evaluation. The count hardly varies between runs or with the load of the
machine, so it is the figure to compare two versions of the code by (about a minute).
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
import time
from pathlib import Path
from typing import Any

from instructies import tel_instructies

PROJECT = Path(__file__).resolve().parents[1]
VERKLAAR_CASUS = PROJECT / "cases" / "utrecht" / "oudegracht-bovenverdieping.yaml"
VERKLAAR_FUNCTIE = "sport_wellbeing"
AFHANKELIJKHEDEN = ("import kennisbank.experta_compat, pydantic, click, ruamel.yaml")


def kennisbank_opdracht() -> list[str]:
    gevonden = shutil.which("kennisbank", path=str(Path(sys.executable).parent))
    return [gevonden] if gevonden else [sys.executable, "-m", "kennisbank"]


#: A process runs as an installed package does: with its modules' bytecode cached (an
#: environment that forbids writing it would time compiling every changed module instead).
_OMGEVING = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def meet_proces(opdracht: list[str], herhalingen: int) -> tuple[float, float]:
    """Lowest wall-clock and lowest CPU seconds of a fresh process, after one run that is not
    counted (it writes the bytecode and fills the rule tables' cache)."""
    subprocess.run(opdracht, cwd=PROJECT, check=True, stdout=subprocess.DEVNULL, env=_OMGEVING)
    muur, cpu = [], []
    for _ in range(herhalingen):
        voor = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        subprocess.run(opdracht, cwd=PROJECT, check=True, stdout=subprocess.DEVNULL,
                       env=_OMGEVING)
        muur.append(time.perf_counter() - begin)
        na = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(na.ru_utime - voor.ru_utime + na.ru_stime - voor.ru_stime)
    return min(muur), min(cpu)


def meet_testsuite(werkers: list[str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of one run of the test suite, and pytest's summary line (how
    many tests ran, and whether all passed: a failing suite is measured too, and says so)."""
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    proces = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *werkers],
                            cwd=PROJECT, capture_output=True, text=True)
    muur = time.perf_counter() - begin
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    regels = proces.stdout.strip().splitlines()
    return (muur, na.ru_utime - voor.ru_utime + na.ru_stime - voor.ru_stime,
            regels[-1] if regels else proces.stderr.strip())


def geladen_casussen() -> list[Any]:
    sys.path.insert(0, str(PROJECT))
    from kennisbank.casuslader import laad_casussen
    return laad_casussen([PROJECT / "cases"])


def meet_in_proces(herhalingen: int) -> tuple[float, float, float, float]:
    """Wall-clock and CPU milliseconds of one six-function evaluation per pand (the fastest of
    the repetitions per pand, the median over the pands), and the mean number of facts and rule
    firings per evaluation."""
    sys.path.insert(0, str(PROJECT))
    from kennisbank.casuslader import laad_casussen
    from kennisbank.engine import laad_regelbank

    bank = laad_regelbank()
    geladen = laad_casussen([PROJECT / "cases"])
    bank.evalueer(geladen[0].casus)  # builds the engine once, as every run after the first
    muur: list[list[float]] = [[] for _ in geladen]
    cpu: list[list[float]] = [[] for _ in geladen]
    feiten, vuringen = [], []
    for _ in range(herhalingen):
        for nummer, item in enumerate(geladen):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            evaluatie = bank.evalueer(item.casus)
            muur[nummer].append(time.perf_counter() - begin)
            cpu[nummer].append(time.process_time() - begin_cpu)
            for gelezen in evaluatie.per_locatietype:
                feiten.append(len(gelezen.feiten))
                vuringen.append(len(gelezen.spoor))
    return (statistics.median(map(min, muur)) * 1000, statistics.median(map(min, cpu)) * 1000,
            statistics.mean(feiten), statistics.mean(vuringen))


def referentielus(herhalingen: int) -> float:
    """Best CPU seconds of a fixed pure-Python loop: the machine's speed, to read the other
    figures by."""
    tijden = []
    for _ in range(max(3, herhalingen)):
        begin = time.process_time()
        totaal = 0
        for getal in range(3_000_000):
            totaal += getal
        tijden.append(time.process_time() - begin)
    return min(tijden)


#: One evaluation of every stored case after a first pass (``--instructies``, counted by
#: scripts/instructies.py); the first argument is the number of passes to count.
_TELPROGRAMMA = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from kennisbank.casuslader import laad_casussen
from kennisbank.engine import laad_regelbank
bank = laad_regelbank()
geladen = laad_casussen([Path(sys.argv[2]) / "cases"])
for item in geladen:
    bank.evalueer(item.casus)
for _ in range(int(sys.argv[1])):
    for item in geladen:
        bank.evalueer(item.casus)
"""


def regel(label: str, muur: float, cpu: float, eenheid: str, doel: str) -> None:
    print(f"{label:<44} {muur:8.2f} {eenheid} (cpu {cpu:7.2f} {eenheid})   doel: {doel}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--testsuite", action="store_true",
                        help="meet ook de hele testsuite (duurt minuten)")
    parser.add_argument("--instructies", action="store_true",
                        help="tel ook de machine-instructies per evaluatie (valgrind, ~1 minuut)")
    args = parser.parse_args()
    casussen = sorted((PROJECT / "cases").rglob("*.yaml"))
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
          f"{len(casussen)} opgeslagen casussen, de snelste van {args.herhalingen} herhalingen")
    print(f"{'referentielus (3 miljoen optellingen)':<44} {referentielus(args.herhalingen):8.3f} "
          f"s  (beste cpu-tijd: de snelheid van deze machine)")

    muur, cpu, feiten, vuringen = meet_in_proces(args.herhalingen)
    regel("evaluatie in proces, zes functies + spoor", muur, cpu, "ms", "≤ 8 ms per pand")
    print(f"{'':<44} per evaluatie gemiddeld {feiten:.0f} feiten, {vuringen:.0f} vuringen")

    kale_muur, kale_cpu = meet_proces([sys.executable, "-c", AFHANKELIJKHEDEN], args.herhalingen)
    regel("kale import van de afhankelijkheden", kale_muur, kale_cpu, "s ", "(maatstaf)")
    muur, cpu = meet_proces([*kennisbank_opdracht(), "evalueer", str(casussen[0]),
                             "--format", "json"], args.herhalingen)
    regel("kennisbank evalueer CASUS (json)", muur, cpu, "s ",
          f"≤ 2 × kale import = {2 * kale_muur:.2f} s (nu {muur / kale_muur:.1f} ×)")
    muur, cpu = meet_proces([*kennisbank_opdracht(), "evalueer", "cases"], args.herhalingen)
    piek_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    regel("kennisbank evalueer cases/ (tekst)", muur, cpu, "s ", "≤ 2 s")
    muur, cpu = meet_proces([*kennisbank_opdracht(), "verklaar", str(VERKLAAR_CASUS),
                             "--functie", VERKLAAR_FUNCTIE], max(1, args.herhalingen // 2))
    regel(f"kennisbank verklaar ({VERKLAAR_FUNCTIE})", muur, cpu, "s ", "≤ 1 s")
    if args.testsuite:
        try:
            import xdist  # noqa: F401
            werkers = ["-n", "2"]
        except ImportError:
            werkers = []
        # The README's test command (`python -m pytest -n auto`) on the two cores of the target.
        muur, cpu, samenvatting = meet_testsuite(werkers)
        regel(f"testsuite ({'2 werkers' if werkers else '1 proces'})", muur, cpu, "s ",
              "≤ 120 s op 2 cores")
        print(f"  {samenvatting}")
    print(f"piekgeheugen (grootste proces): {piek_kb // 1024} MiB")
    if args.instructies:
        # Last: valgrind's own memory would count as the largest process's.
        miljoen = tel_instructies(_TELPROGRAMMA, [str(PROJECT)], len(geladen_casussen()))
        print(f"{'machine-instructies per evaluatie in proces':<44} "
              + (f"{miljoen:8.2f} M" if miljoen is not None else "   (valgrind ontbreekt)"))


if __name__ == "__main__":
    main()
