"""Interview every stored case from its gemeente and location types alone, answering from it.

Per case: the questions asked, the facts in the case file, the answers 'weet niet' (facts the
case leaves unknown), whether the interview ends at the stored case's verdicts (and where not,
which), and the CPU time per question (what the code costs on a shared machine). Prints a
Markdown table and the medians for the README.

    python scripts/interviewcijfers.py [cases]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from kennisbank.casuslader import laad_casussen
from kennisbank.engine import laad_regelbank
from kennisbank.interview import Relevantie, naspelen, zonder_verwachting


def main(paden: list[str]) -> None:
    bank = laad_regelbank()
    regels = ["| casus | vragen | feiten in het bestand | weet niet | oordelen bereikt | "
              "cpu-s per vraag (gem.) |", "|---|---:|---:|---:|---|---:|"]
    gesteld, feiten, wachttijden = [], [], []
    bereikt = minder = 0
    for geladen in laad_casussen(paden or [Path("cases")]):
        relevantie = Relevantie(bank)
        begin = time.process_time()
        naspeling = naspelen(relevantie, geladen.casus)
        duur = time.process_time() - begin
        eind = relevantie.oordelen(naspeling.data)
        doel = relevantie.oordelen(zonder_verwachting(geladen.casus))
        afwijkend = [f"{f.value}: {eind[f].value} i.p.v. {doel[f].value}"
                     for f in doel if eind[f] != doel[f]]
        per_vraag = duur / (len(naspeling.gesteld) + 1)
        bereikt += not afwijkend
        minder += len(naspeling.gesteld) < naspeling.feiten_in_casus
        gesteld.append(len(naspeling.gesteld))
        feiten.append(naspeling.feiten_in_casus)
        wachttijden.append(per_vraag)
        regels.append(f"| {naspeling.casus} | {len(naspeling.gesteld)} | "
                      f"{naspeling.feiten_in_casus} | {len(naspeling.weet_niet)} | "
                      f"{'ja' if not afwijkend else '; '.join(afwijkend)} | {per_vraag:.2f} |")
        print(regels[-1], file=sys.stderr, flush=True)
    print("\n".join(regels))
    print(f"\n{len(gesteld)} casussen; mediaan {statistics.median(gesteld)} vragen tegen "
          f"{statistics.median(feiten)} feiten per casus; minder vragen dan feiten: {minder}; "
          f"alle zes oordelen bereikt: {bereikt}; mediaan cpu per vraag "
          f"{statistics.median(wachttijden):.2f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
