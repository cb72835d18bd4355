"""Explain every function below passend of every stored case, and verify each counterfactual.

    python scripts/verklaar_alles.py [cases]

For each proposal the case is re-evaluated with the changes (the stated verdict must follow) and
with every strict subset of them (none may raise the verdict). Prints one line per function and
a summary; exits 1 if any proposal fails or a function below passend gets neither a proposal nor
a reason.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casussen, met_wijzigingen
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.verklaring import verklaar


def main() -> int:
    map = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("cases")
    bank = laad_regelbank()
    fouten = met_voorstel = zonder = 0
    begin = time.perf_counter()
    for item in laad_casussen([map]):
        for functie in Werkfunctie:
            verklaring = verklaar(bank, item.casus, functie)
            if verklaring.oordeel == Oordeel.PASSEND:
                continue
            for tegenfeit in verklaring.waarom_niet:
                for grootte in range(len(tegenfeit.wijzigingen) + 1):
                    for deel in itertools.combinations(tegenfeit.wijzigingen, grootte):
                        casus = met_wijzigingen(item.casus, [(w.pad, w.nieuw) for w in deel])
                        (advies,) = casusresultaat(bank.evalueer(casus, [functie])).adviezen
                        volledig = grootte == len(tegenfeit.wijzigingen)
                        if (volledig and advies.oordeel != tegenfeit.oordeel) or (
                                not volledig and advies.oordeel.rang > verklaring.oordeel.rang):
                            fouten += 1
                            print(f"FOUT {item.casus.id} {functie.value}: {deel}")
            if verklaring.waarom_niet:
                met_voorstel += 1
                beste = verklaring.waarom_niet[0]
                print(f"{item.casus.id} {functie.value}: {verklaring.oordeel.value} → "
                      f"{beste.oordeel.value} met {len(beste.wijzigingen)} wijziging(en) "
                      f"({', '.join(beste.wie)})")
            else:
                zonder += 1
                print(f"{item.casus.id} {functie.value}: {verklaring.oordeel.value}; "
                      f"{verklaring.waarom_niet_toelichting}")
    print(f"{met_voorstel} functies met een voorstel, {zonder} met een reden waarom niet, "
          f"{fouten} fouten, {time.perf_counter() - begin:.0f} s")
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
