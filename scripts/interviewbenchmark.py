"""How long the interview makes a person wait between two questions.

Interviews stored cases from their gemeente and location type alone (answering from the case, as
scripts/interviewcijfers.py does) and times every computation of the next question: wall-clock
and CPU time (CPU time says what the code costs when the machine is shared), and the number of
rule-base evaluations it needed.

Without ``--bedenktijd`` it times ``volgende`` (what ``--volgende`` computes). With
``--bedenktijd SECONDEN`` it plays the dialogue: a reader takes that long over each question
while the interview works out in the background what follows each answer, and the wait is
from the answer to the next question with its verdicts and count (what ``interview`` shows);
its CPU time is that of the waiting thread alone.

    python scripts/interviewbenchmark.py [CASUS ...] [--functie ID] [--bedenktijd SECONDEN]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from kennisbank.casus import kenmerken
from kennisbank.casuslader import laad_casus
from kennisbank.domein import Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.interview import (
    Interviewvraag,
    Relevantie,
    Vooruitdenken,
    met_antwoord,
    startgegevens,
)

STANDAARD = [
    "cases/rotterdam/nieuwe-binnenweg-kapsalon.yaml",
    "cases/den-haag/binckhorst-werkplint.yaml",
    "cases/utrecht/zadelstraat-coworking.yaml",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("casussen", nargs="*", default=STANDAARD)
    parser.add_argument("--functie", action="append", default=[])
    parser.add_argument("--bedenktijd", type=float, default=None)
    args = parser.parse_args()
    functies = tuple(Werkfunctie(f) for f in args.functie) or tuple(Werkfunctie)
    bank = laad_regelbank()
    muur: list[float] = []
    cpu: list[float] = []
    for pad in args.casussen:
        casus = laad_casus(Path(pad)).casus
        relevantie = Relevantie(bank, functies)
        vooruit = Vooruitdenken(relevantie)
        bekend = {p: w for p, w in kenmerken(casus).items() if w is not None}
        data = startgegevens(casus)
        weet_niet: list[str] = []
        while True:
            begin_muur, begin_cpu = time.perf_counter(), time.thread_time()
            evaluaties = relevantie.evaluaties
            vraag: Interviewvraag | None
            if args.bedenktijd is None:
                vraag = relevantie.volgende(data, weet_niet)
            else:
                relevantie.oordelen(data)
                vragen = relevantie.vragen(data, weet_niet)
                vraag = vragen[0] if vragen else None
            muur.append(time.perf_counter() - begin_muur)
            cpu.append(time.thread_time() - begin_cpu)
            print(f"{casus.id}: {vraag.pad if vraag else '(klaar)'}: {muur[-1]:.2f} s "
                  f"(cpu {cpu[-1]:.2f} s, {relevantie.evaluaties - evaluaties} evaluaties)")
            if vraag is None:
                break
            if args.bedenktijd is not None:
                vooruit.start(data, weet_niet, vraag.pad, vraag.opties)
                time.sleep(args.bedenktijd)
                vooruit.stop()
            data, weet_niet = beantwoord(data, weet_niet, vraag, bekend)
    print(f"\n{len(muur)} wachttijden; mediaan {statistics.median(muur):.2f} s "
          f"(cpu {statistics.median(cpu):.2f} s), maximum {max(muur):.2f} s "
          f"(cpu {max(cpu):.2f} s); onder 0,5 s: {sum(t < 0.5 for t in muur)}")


def beantwoord(data: dict[str, Any], weet_niet: list[str], vraag: Interviewvraag,
               bekend: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The case's own answer, or 'weet niet' where the case has none."""
    if vraag.pad in bekend:
        return met_antwoord(data, vraag.pad, bekend[vraag.pad]), weet_niet
    return data, [*weet_niet, vraag.pad]


if __name__ == "__main__":
    main()
