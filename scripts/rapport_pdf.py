"""Render the stored cases' HTML reports to PDF (A4) and PNG in headless Chromium; count pages.

    python scripts/rapport_pdf.py [cases] [--uit rapporten/]

Needs the system's chromium and poppler-utils (pdftoppm, pdfinfo). Writes per case
CASE.html, CASE.pdf, CASE-kort.pdf and the first pages as PNG, and prints a table of page counts
and page sizes (for the README).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def chromium() -> str:
    for naam in ("chromium", "chromium-browser", "google-chrome"):
        if gevonden := shutil.which(naam):
            return gevonden
    sys.exit("geen chromium gevonden: apt-get install -y chromium poppler-utils")


def naar_pdf(html: Path, pdf: Path, profiel: Path) -> None:
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={profiel}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)


def pdfinfo(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    paginas = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    formaat = re.search(r"Page size:\s+(.+)", info).group(1).strip()  # type: ignore[union-attr]
    return paginas, formaat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("casussen", nargs="?", default=str(PROJECT / "cases"))
    parser.add_argument("--uit", default="rapporten")
    parser.add_argument("--png", type=int, default=2, help="zoveel pagina's als PNG per casus")
    args = parser.parse_args()
    uit = Path(args.uit)
    uit.mkdir(parents=True, exist_ok=True)
    bron = Path(args.casussen)
    bestanden = [bron] if bron.is_file() else sorted(bron.rglob("*.yaml"))
    print("| casus | pagina's | kort | papier |")
    print("| --- | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as profiel:
        for casus in bestanden:
            naam = casus.stem
            for achtervoegsel, extra in (("", []), ("-kort", ["--kort"])):
                html = uit / f"{naam}{achtervoegsel}.html"
                subprocess.run([sys.executable, "-m", "kennisbank", "evalueer", str(casus),
                                "--format", "html", "-o", str(html), *extra], check=True)
                naar_pdf(html, uit / f"{naam}{achtervoegsel}.pdf", Path(profiel))
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", str(args.png),
                            str(uit / f"{naam}.pdf"), str(uit / naam)], check=True)
            vol, formaat = pdfinfo(uit / f"{naam}.pdf")
            kort, _ = pdfinfo(uit / f"{naam}-kort.pdf")
            print(f"| {naam} | {vol} | {kort} | {formaat} |", flush=True)


if __name__ == "__main__":
    main()
