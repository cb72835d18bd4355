"""How long the interview makes a person wait between two questions.

Interviews stored cases from their gemeente and location type alone (answering from the case, as
scripts/interviewcijfers.py does) and times every computation of the next question: wall-clock
and CPU time (CPU time says what the code costs when the machine is shared), and the number of
rule-base evaluations it needed.

    python scripts/interviewbenchmark.py [CASUS ...] [--functie ID]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kennisbank.casus import kenmerken
from kennisbank.casuslader import laad_casus
from kennisbank.domein import Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.interview import Relevantie, met_antwoord, startgegevens

STANDAARD = [
    "cases/rotterdam/nieuwe-binnenweg-kapsalon.yaml",
    "cases/den-haag/binckhorst-werkplint.yaml",
    "cases/utrecht/zadelstraat-coworking.yaml",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("casussen", nargs="*", default=STANDAARD)
    parser.add_argument("--functie", action="append", default=[])
    args = parser.parse_args()
    functies = tuple(Werkfunctie(f) for f in args.functie) or tuple(Werkfunctie)
    bank = laad_regelbank()
    muur: list[float] = []
    cpu: list[float] = []
    for pad in args.casussen:
        casus = laad_casus(Path(pad)).casus
        relevantie = Relevantie(bank, functies)
        bekend = {p: w for p, w in kenmerken(casus).items() if w is not None}
        data = startgegevens(casus)
        weet_niet: list[str] = []
        while True:
            begin_muur, begin_cpu = time.perf_counter(), time.process_time()
            evaluaties = relevantie.evaluaties
            vraag = relevantie.volgende(data, weet_niet)
            muur.append(time.perf_counter() - begin_muur)
            cpu.append(time.process_time() - begin_cpu)
            print(f"{casus.id}: {vraag.pad if vraag else '(klaar)'}: {muur[-1]:.2f} s "
                  f"(cpu {cpu[-1]:.2f} s, {relevantie.evaluaties - evaluaties} evaluaties)")
            if vraag is None:
                break
            if vraag.pad in bekend:
                data = met_antwoord(data, vraag.pad, bekend[vraag.pad])
            else:
                weet_niet.append(vraag.pad)
    print(f"\n{len(muur)} wachttijden; mediaan {statistics.median(muur):.2f} s "
          f"(cpu {statistics.median(cpu):.2f} s), maximum {max(muur):.2f} s "
          f"(cpu {max(cpu):.2f} s); onder 0,5 s: {sum(t < 0.5 for t in muur)}")


if __name__ == "__main__":
    main()
