"""Explain every function below passend of every stored case, and verify each counterfactual.

    python scripts/verklaar_alles.py [cases] [--bewaar MAP] [--zonder-controle] [--variant V]

For each proposal the case is re-evaluated with the changes (the stated verdict must follow) and
with every strict subset of them (none may raise the verdict). Prints one line per function and
a summary; exits 1 if any proposal fails or a function below passend gets neither a proposal nor
a reason.

``--bewaar MAP`` also writes the explanation of every function of every case (passend included)
as ``verklaar`` prints it, text with the tree (``--boom``) and JSON, one file each; comparing two
such folders shows whether a change to the search altered any explanation.
``--zonder-controle`` skips the re-evaluation of the proposals.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

from kennisbank.advies import casusresultaat
from kennisbank.casuslader import laad_casussen, met_wijzigingen
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import laad_regelbank
from kennisbank.verklaring import Verklaring, verklaar


def bewaar(map: Path, verklaring: Verklaring, omgevingsplan: str | None) -> None:
    """The explanation as ``verklaar --boom`` and ``verklaar --format json`` write it."""
    from kennisbank.weergave import render
    from kennisbank.weergave_verklaring import toon_verklaring

    naam = f"{verklaring.casus}.{verklaring.werkfunctie.value}"
    data = verklaring.model_dump(mode="json")
    data["aangepast"] = []
    (map / f"{naam}.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    tekst = render(lambda console: toon_verklaring(verklaring, console, [], True, omgevingsplan))
    (map / f"{naam}.txt").write_text(tekst, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("map", nargs="?", type=Path, default=Path("cases"))
    parser.add_argument("--bewaar", type=Path, default=None, metavar="MAP")
    parser.add_argument("--zonder-controle", action="store_true")
    parser.add_argument("--variant", type=Path, default=None)
    args = parser.parse_args()
    bank = laad_regelbank(None, args.variant)
    if args.bewaar:
        args.bewaar.mkdir(parents=True, exist_ok=True)
    fouten = met_voorstel = zonder = 0
    begin = time.perf_counter()
    for item in laad_casussen([args.map]):
        for functie in Werkfunctie:
            verklaring = verklaar(bank, item.casus, functie)
            if args.bewaar:
                bewaar(args.bewaar, verklaring, item.casus.beleid.omgevingsplan.get(functie))
            if verklaring.oordeel == Oordeel.PASSEND:
                continue
            for tegenfeit in [] if args.zonder_controle else verklaring.waarom_niet:
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
