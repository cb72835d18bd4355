"""Writing a scan's results as they come: CSV, XLSX, GeoJSON or GeoPackage, and the errors file.

Every file is written beside its target and renamed into place when complete, so a reader never
sees half a result, and the same register gives the same bytes on every run.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from kennisbank.domein import Werkfunctie
from kennisbank.fouten import InvoerFout
from kennisbank.geo import rd_naar_wgs84
from kennisbank.register import Rijfout, laad_kolommen, lees_register, tel_rijen
from kennisbank.scan import Panduitkomst, evalueer_register
from kennisbank.uitvoerbestand import atomair_bestand, atomair_pad

UITVOERFORMATEN = (".csv", ".xlsx", ".geojson", ".gpkg")
VORMEN = ("breed", "lang")
#: A fixed timestamp for the members of an XLSX archive, so the file is the same on every run.
VASTE_ZIPTIJD = (1980, 1, 1, 0, 0, 0)


def kolommen(vorm: str, functies: tuple[Werkfunctie, ...]) -> list[str]:
    if vorm == "lang":
        return ["rij", "id", "gemeente", "werkfunctie", "oordeel", "matrixscore", "voorwaarden",
                "open_vragen", "drempels", "reden", "regel", "bron"]
    namen = ["rij", "id", "gemeente", "x", "y", "beste_functies"]
    for functie in functies:
        namen += [f"{functie.value}.{veld}" for veld in
                  ("oordeel", "matrixscore", "voorwaarden", "open_vragen", "drempels")]
    return namen


def _lijst(waarden: tuple[str, ...]) -> str:
    return "|".join(waarden)


def rijen(uitkomst: Panduitkomst, vorm: str) -> list[list[Any]]:
    """The output row(s) of one pand; counts stay numbers, lists are joined with '|'."""
    if vorm == "lang":
        return [[uitkomst.rij, uitkomst.id, uitkomst.gemeente, f.werkfunctie, f.oordeel,
                 f.matrixscore, len(f.voorwaarden), f.open_vragen, _lijst(f.drempel_ids),
                 f.reden, f.regel, f.bron] for f in uitkomst.functies]
    rij: list[Any] = [uitkomst.rij, uitkomst.id, uitkomst.gemeente, uitkomst.x, uitkomst.y,
                      _lijst(uitkomst.beste)]
    for f in uitkomst.functies:
        rij += [f.oordeel, f.matrixscore, len(f.voorwaarden), f.open_vragen,
                _lijst(f.drempel_ids)]
    return [rij]


def _csv_tekst(waarde: Any) -> Any:
    return "" if waarde is None else waarde


Schrijf = Callable[[Panduitkomst], None]


@contextmanager
def _csv(doel: TextIO, vorm: str, functies: tuple[Werkfunctie, ...]) -> Iterator[Schrijf]:
    schrijver = csv.writer(doel, lineterminator="\n")
    schrijver.writerow(kolommen(vorm, functies))

    def schrijf(uitkomst: Panduitkomst) -> None:
        schrijver.writerows([[_csv_tekst(w) for w in r] for r in rijen(uitkomst, vorm)])

    yield schrijf


@contextmanager
def _xlsx(pad: Path, vorm: str, functies: tuple[Werkfunctie, ...]) -> Iterator[Schrijf]:
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("scan")
    blad.append(kolommen(vorm, functies))

    def schrijf(uitkomst: Panduitkomst) -> None:
        for rij in rijen(uitkomst, vorm):
            blad.append(rij)

    yield schrijf
    from datetime import datetime

    vast = datetime(2000, 1, 1)
    boek.properties.created = boek.properties.modified = vast
    boek.save(pad)
    _vaste_ziptijden(pad)


_GEWIJZIGD = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _vaste_ziptijden(pad: Path) -> None:
    """Rewrite an archive with fixed timestamps (openpyxl stamps the current time)."""
    with zipfile.ZipFile(pad) as oud:
        leden = [(info, oud.read(info)) for info in oud.infolist()]
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as nieuw:
        for info, inhoud in leden:
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time as 'modified', whatever the properties say.
                inhoud = _GEWIJZIGD.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", inhoud)
            vast = zipfile.ZipInfo(info.filename, date_time=VASTE_ZIPTIJD)
            vast.compress_type = zipfile.ZIP_DEFLATED
            nieuw.writestr(vast, inhoud)


def geojson_feature(uitkomst: Panduitkomst, functies: tuple[Werkfunctie, ...]) -> dict[str, Any]:
    eigenschappen = dict(zip(kolommen("breed", functies), rijen(uitkomst, "breed")[0],
                             strict=True))
    geometrie = None
    if uitkomst.x is not None and uitkomst.y is not None:
        geometrie = {"type": "Point", "coordinates": list(rd_naar_wgs84(uitkomst.x, uitkomst.y))}
    return {"type": "Feature", "id": uitkomst.id, "geometry": geometrie,
            "properties": eigenschappen}


@contextmanager
def _geojson(doel: TextIO, functies: tuple[Werkfunctie, ...]) -> Iterator[Schrijf]:
    doel.write('{"type": "FeatureCollection", "features": [\n')
    eerste = [True]

    def schrijf(uitkomst: Panduitkomst) -> None:
        if not eerste[0]:
            doel.write(",\n")
        eerste[0] = False
        doel.write(json.dumps(geojson_feature(uitkomst, functies), ensure_ascii=False))

    yield schrijf
    doel.write("\n]}\n")


@contextmanager
def open_uitvoer(uitvoer: Path | None, vorm: str,
                 functies: tuple[Werkfunctie, ...]) -> Iterator[Schrijf]:
    """A writer for the chosen file (by extension) or, without one, CSV on standard output."""
    if uitvoer is None:
        with _csv(sys.stdout, vorm, functies) as schrijf:
            yield schrijf
        return
    soort = uitvoer.suffix.lower()
    if soort not in UITVOERFORMATEN:
        raise InvoerFout(uitvoer, "onbekend uitvoerformaat (verwacht "
                                  f"{', '.join(UITVOERFORMATEN)})")
    if vorm == "lang" and soort in (".geojson", ".gpkg"):
        raise InvoerFout("--vorm", f"een kaartlaag ({soort}) heeft één feature per pand; "
                                   "--vorm lang alleen met .csv of .xlsx")
    with ExitStack() as stapel:
        if soort == ".xlsx":
            pad = stapel.enter_context(atomair_pad(uitvoer))
            schrijf = stapel.enter_context(_xlsx(pad, vorm, functies))
        elif soort == ".gpkg":
            from kennisbank.geopackage import geopackage

            pad = stapel.enter_context(atomair_pad(uitvoer))
            schrijf = stapel.enter_context(geopackage(pad, functies))
        else:
            bestand = stapel.enter_context(atomair_bestand(uitvoer))
            schrijf = stapel.enter_context(
                _geojson(bestand, functies) if soort == ".geojson"
                else _csv(bestand, vorm, functies))
        yield schrijf


def foutenbestand_voor(uitvoer: Path | None, register: Path) -> Path:
    """The errors file beside the output (or beside the register when output goes to stdout)."""
    basis = uitvoer if uitvoer is not None else register
    return basis.with_name(f"{basis.stem}.fouten.csv")


@contextmanager
def open_fouten(pad: Path) -> Iterator[Callable[[Rijfout], None]]:
    """The errors file, always written: without invalid rows it holds only its header."""
    with atomair_bestand(pad) as uit:
        schrijver = csv.writer(uit, lineterminator="\n")
        schrijver.writerow(["rij", "kolom", "melding"])
        yield lambda fout: schrijver.writerow([fout.rij, fout.kolom, fout.melding])


@dataclass
class Scanverslag:
    """What a scan did: how many panden were evaluated and which rows were invalid."""

    geevalueerd: int = 0
    ongeldig: int = 0
    foutenbestand: Path | None = None


class _Tempo(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} rijen/s", style="progress.data.speed")


@contextmanager
def voortgangsbalk(totaal: int | None) -> Iterator[Callable[[int], None]]:
    """Count, rate and time left on a terminal's stderr; nothing when piped."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _aantal: None
        return
    with Progress(TextColumn("scannen"), BarColumn(), MofNCompleteColumn(), _Tempo(),
                  TimeRemainingColumn(), console=console, transient=True) as balk:
        taak = balk.add_task("scannen", total=totaal)
        yield lambda aantal: balk.advance(taak, aantal)


def scan_register(register: Path, uitvoer: Path | None, kolommenbestand: Path | None,
                  functies: tuple[Werkfunctie, ...], vorm: str = "breed", werkers: int = 1,
                  regelmap: Path | None = None,
                  verzamelaars: tuple[Callable[[Panduitkomst], None], ...] = (),
                  dask: str | None = None, variant: Path | None = None) -> Scanverslag:
    """Scan a register into ``uitvoer`` and its errors file; invalid rows never stop the scan."""
    kolomtoewijzing = laad_kolommen(kolommenbestand)
    rijenstroom = lees_register(register, kolomtoewijzing)
    verslag = Scanverslag(foutenbestand=foutenbestand_voor(uitvoer, register))
    assert verslag.foutenbestand is not None
    with open_uitvoer(uitvoer, vorm, functies) as schrijf, \
            open_fouten(verslag.foutenbestand) as schrijf_fout, \
            voortgangsbalk(tel_rijen(register)) as vooruit:
        for batch in evalueer_register(rijenstroom, register, functies, regelmap, werkers,
                                       dask, variant):
            for uitkomst in batch:
                if isinstance(uitkomst, Rijfout):
                    verslag.ongeldig += 1
                    schrijf_fout(uitkomst)
                    continue
                verslag.geevalueerd += 1
                schrijf(uitkomst)
                for verzamel in verzamelaars:
                    verzamel(uitkomst)
            vooruit(len(batch))
    return verslag
