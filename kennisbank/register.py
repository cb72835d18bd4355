"""Reading a municipality's register (CSV, XLSX, GeoJSON or GeoPackage): one row per pand.

A column named after a case path (``pand.oppervlakte_m2``, ``beleid.omgevingsplan.sport_wellbeing``)
fills that fact; ``id`` and ``gemeente`` are required, ``titel`` is optional and ``x``/``y`` hold
the pand's point in RD (EPSG:28992); in a GeoJSON or GeoPackage the geometry gives that point
(``kennisbank.georegister``). An empty cell is unknown. A list fact
(``locatie.ook_locatietypen``) holds its items in one cell separated by ``|``
(``aanloopstraat|gebiedsontwikkeling``): that character is neither CSV's ``,`` nor ``;`` nor
anything a spreadsheet interprets, and the scan's own output joins lists with it; in GeoJSON the
property may also be an array. A mapping file (``--kolommen``)
renames other columns to these names, translates cell values and lists columns to ignore; every
other column is an error, so no fact is silently dropped.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first pand row 2.
Each row becomes raw case data, validated by the same model as a case file
(``casuslader.valideer``).
"""

from __future__ import annotations

import csv
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from kennisbank.casus import FEITSECTIES, Casus, Strikt
from kennisbank.casuslader import (
    GeladenCasus,
    casus_met_stel,
    is_lijstveld,
    valideer,
    zet_pad,
)
from kennisbank.domein import Werkfunctie
from kennisbank.fouten import InvoerFout, uit_validatiefout
from kennisbank.georegister import (
    GEOJSON_EXTENSIES,
    GEOPACKAGE_EXTENSIES,
    Celfout,
    geojson_rijen,
    geopackage_rijen,
    tel_features,
)
from kennisbank.yamlbestand import lees_yaml

REGISTEREXTENSIES = (".csv", ".xlsx", *GEOJSON_EXTENSIES, *GEOPACKAGE_EXTENSIES)
VERPLICHT = ("id", "gemeente")
COORDINATEN = ("x", "y")

#: Cell texts read as yes/no in a boolean column (case-insensitive), besides a mapping's own.
JA_NEE: dict[str, bool] = {"true": True, "waar": True, "ja": True, "1": True,
                           "false": False, "onwaar": False, "nee": False, "0": False}
_GETAL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
#: Between the items of a list fact in one cell.
LIJSTSCHEIDING = "|"


@dataclass(frozen=True)
class Rijfout:
    """An invalid register row: its row number, the column at fault and one line of message."""

    rij: int
    kolom: str
    melding: str


@dataclass(frozen=True)
class Registerrij:
    """One row as raw case data plus its RD point; ``fout`` when the cells could not be read."""

    rij: int
    data: dict[str, Any]
    x: float | None = None
    y: float | None = None
    fout: Rijfout | None = None
    kolom_van: dict[str, str] = field(default_factory=dict)

    def casus(self, bron: Path | str) -> Casus:
        """Validate exactly like a case file; the error names the register's column."""
        return valideer(self.data, f"{bron}: rij {self.rij}")


def _soort(annotatie: Any) -> str:
    """'bool', 'int', 'float', 'lijst' or 'tekst': how a cell's text is read for this field."""
    if is_lijstveld(annotatie):
        return "lijst"
    delen = set(typing.get_args(annotatie)) if isinstance(
        annotatie, types.UnionType) or typing.get_origin(annotatie) is typing.Union else {annotatie}
    # Strict fact types are Annotated[float, ...]: what matters is the type underneath.
    delen = {typing.get_args(d)[0] if typing.get_origin(d) is typing.Annotated else d
             for d in delen}
    for soort, naam in ((bool, "bool"), (int, "int"), (float, "float")):
        if soort in delen:
            return naam
    return "tekst"


def veldsoorten() -> dict[str, str]:
    """Every column name a register may use, with how its cells are read."""
    soorten: dict[str, str] = {"id": "tekst", "gemeente": "tekst", "titel": "tekst",
                               "x": "float", "y": "float"}
    for sectie in FEITSECTIES:
        annotatie = Casus.model_fields[sectie].annotation
        klasse = next(a for a in (*typing.get_args(annotatie), annotatie)
                      if isinstance(a, type) and issubclass(a, BaseModel))
        for naam, info in klasse.model_fields.items():
            if naam == "omgevingsplan":
                for functie in Werkfunctie:
                    soorten[f"{sectie}.{naam}.{functie.value}"] = "tekst"
            else:
                soorten[f"{sectie}.{naam}"] = _soort(info.annotation)
    return soorten


class Kolommen(Strikt):
    """A mapping file: how a register's own columns and values become case facts."""

    kolommen: dict[str, str] = Field(
        default_factory=dict, description="Kolomnaam in het register → pad in de casus.")
    waarden: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per pad (of '*' voor elke ja/nee-kolom): celwaarde → waarde in de casus.")
    negeer: list[str] = Field(default_factory=list, description="Kolommen die niet meetellen.")


def laad_kolommen(bestand: Path | None) -> Kolommen:
    if bestand is None:
        return Kolommen()
    data = lees_yaml(bestand, casus=False)  # a column mapping may reuse values by anchor
    try:
        kolommen = Kolommen.model_validate(data)
    except ValidationError as fout:
        raise uit_validatiefout(bestand, fout) from None
    soorten = veldsoorten()
    for bron, doel in kolommen.kolommen.items():
        if doel not in soorten:
            raise InvoerFout(bestand, f"onbekend pad {doel!r}", f"kolommen.{bron}")
    for doel in kolommen.waarden:
        if doel != "*" and doel not in soorten:
            raise InvoerFout(bestand, f"onbekend pad {doel!r}", f"waarden.{doel}")
    return kolommen


def meegeleverde_kolommen(naam: str) -> Path:
    """A mapping shipped with the package (``kennisbank/kolommen/NAAM.yaml``)."""
    return Path(__file__).parent / "kolommen" / f"{naam}.yaml"


class Kop:
    """The header: which case path each column fills, checked once for the whole register."""

    def __init__(self, namen: list[Any], kolommen: Kolommen, bron: Path) -> None:
        soorten = veldsoorten()
        self.doelen: list[str | None] = []
        self.soorten = soorten
        self.kolommen = kolommen
        gezien: dict[str, str] = {}
        for ruw in namen:
            naam = "" if ruw is None else str(ruw).strip()
            if naam in kolommen.negeer or (not naam and ruw is None):
                self.doelen.append(None)
                continue
            doel = kolommen.kolommen.get(naam, naam)
            if doel not in soorten:
                raise InvoerFout(bron, "onbekende kolom (geen casuspad; noem haar in "
                                       "--kolommen onder kolommen of negeer)", naam or "(leeg)")
            if doel in gezien:
                raise InvoerFout(bron, f"kolommen {gezien[doel]!r} en {naam!r} vullen allebei "
                                       f"{doel}", naam)
            gezien[doel] = naam
            self.doelen.append(doel)
        for verplicht in VERPLICHT:
            if verplicht not in gezien:
                raise InvoerFout(bron, "verplichte kolom ontbreekt", verplicht)
        self.kolom_van = {doel: naam for doel, naam in gezien.items()}

    def lees(self, rijnummer: int, cellen: list[Any]) -> Registerrij:
        if len(cellen) > len(self.doelen) and any(
                c not in (None, "") for c in cellen[len(self.doelen):]):
            return Registerrij(rijnummer, {}, fout=Rijfout(
                rijnummer, "", f"rij heeft {len(cellen)} cellen, de kop {len(self.doelen)}"),
                kolom_van=self.kolom_van)
        data: dict[str, Any] = {}
        punt: dict[str, float] = {}
        for doel, cel in zip(self.doelen, cellen, strict=False):
            if doel is None:
                continue
            try:
                waarde = self._waarde(doel, cel)
            except ValueError as fout:
                return Registerrij(rijnummer, {}, fout=Rijfout(
                    rijnummer, self.kolom_van[doel], str(fout)), kolom_van=self.kolom_van)
            if waarde is None:
                continue
            if doel in COORDINATEN:
                punt[doel] = waarde
            else:
                zet_pad(data, doel, waarde)
        return Registerrij(rijnummer, data, punt.get("x"), punt.get("y"),
                           kolom_van=self.kolom_van)

    def _waarde(self, doel: str, cel: Any) -> Any:
        """A cell as the value of a case fact; None for an empty cell (unknown)."""
        if isinstance(cel, Celfout):
            raise ValueError(cel.melding)
        if self.soorten[doel] == "lijst":
            return self._lijst(doel, cel)
        if isinstance(cel, list):
            raise ValueError("een samengestelde waarde (lijst) past alleen in een lijstveld")
        if isinstance(cel, str):
            cel = cel.strip()
            if not cel:
                return None
            vertaald = self._vertaal(doel, cel)
            if vertaald is not _GEEN:
                return vertaald
        if cel is None:
            return None
        soort = self.soorten[doel]
        if doel in COORDINATEN:
            if isinstance(cel, str) and _GETAL.match(cel):
                return float(cel.replace(",", "."))
            if isinstance(cel, int | float) and not isinstance(cel, bool):
                return float(cel)
            raise ValueError(f"geen getal: {cel!r}")
        if isinstance(cel, str):
            if soort == "bool" and cel.lower() in JA_NEE:
                return JA_NEE[cel.lower()]
            if soort in ("int", "float") and _GETAL.match(cel):
                getal = float(cel.replace(",", "."))
                return int(getal) if soort == "int" and getal.is_integer() else getal
            # Anything else goes to the model as text, which rejects it with its own message.
            return cel
        if soort == "tekst" and isinstance(cel, int | float) and not isinstance(cel, bool):
            # A spreadsheet stores a numeric id as a number; its text is what the case means.
            return str(int(cel)) if float(cel).is_integer() else str(cel)
        if soort == "int" and isinstance(cel, float) and cel.is_integer():
            return int(cel)
        if soort == "bool" and type(cel) is int and cel in (0, 1):
            # A GeoPackage stores BOOLEAN as the integers 0 and 1.
            return bool(cel)
        return cel

    def _lijst(self, doel: str, cel: Any) -> list[Any] | None:
        """The items of a list cell, each translated on its own; None when it names none.
        The model checks each item, so a wrong one is reported like any invalid cell."""
        if cel is None:
            return None
        if isinstance(cel, str):
            delen: list[Any] = [deel.strip() for deel in cel.split(LIJSTSCHEIDING)]
        elif isinstance(cel, list):  # a GeoJSON array
            delen = [deel.strip() if isinstance(deel, str) else deel for deel in cel]
        else:
            delen = [cel]
        items = []
        for deel in delen:
            if deel is None or deel == "":
                continue  # 'a|' or '|' names no further item
            if isinstance(deel, dict | list):
                raise ValueError("elk item van de lijst is een enkelvoudige waarde")
            vertaald = self._vertaal(doel, deel) if isinstance(deel, str) else _GEEN
            items.append(deel if vertaald is _GEEN else vertaald)
        return items or None

    def _vertaal(self, doel: str, cel: str) -> Any:
        # '*' is for yes/no spellings; a text column (an address, a name) is never translated.
        sleutels = (doel, "*") if self.soorten[doel] == "bool" else (doel,)
        for sleutel in sleutels:
            tabel = self.kolommen.waarden.get(sleutel)
            if not tabel:
                continue
            for bronwaarde, waarde in tabel.items():
                if str(bronwaarde).strip().lower() == cel.lower():
                    return waarde
        return _GEEN


_GEEN = object()


def kolom_voor_veld(veld: str | None, kolom_van: dict[str, str]) -> str:
    """The register column behind a validation error's field path."""
    if not veld:
        return ""
    pad = re.sub(r"\[\d+\]", "", veld)  # an item of a list fact is in its list's column
    while pad:
        if pad in kolom_van:
            return kolom_van[pad]
        pad = pad.rpartition(".")[0]
    return veld


def melding_in_kolom(fout: InvoerFout) -> str:
    """A validation message as read beside its column: an item of a list fact is named by
    its place in the cell (the column itself holds the whole list)."""
    gevonden = re.search(r"\[(\d+)\]$", fout.veld or "")
    if gevonden is None:
        return fout.melding
    return f"item {int(gevonden.group(1)) + 1}: {fout.melding}"


def _csv_rijen(bestand: Path) -> Iterator[list[Any]]:
    try:
        with bestand.open(encoding="utf-8-sig", newline="") as invoer:
            eerste = invoer.readline()
            scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
            # seek(0) resets the utf-8-sig decoder, which then drops the BOM again.
            invoer.seek(0)
            yield from csv.reader(invoer, delimiter=scheiding)
    except UnicodeDecodeError:
        raise InvoerFout(bestand, "bestand is geen UTF-8-tekst") from None
    except csv.Error as fout:
        raise InvoerFout(bestand, f"ongeldige CSV ({fout})") from None


def _xlsx_rijen(bestand: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook
    try:
        boek = load_workbook(bestand, read_only=True, data_only=True)
    except Exception as fout:
        raise InvoerFout(bestand, f"geen leesbaar Excel-bestand ({type(fout).__name__})") from None
    try:
        blad = boek.worksheets[0]
        for rij in blad.iter_rows(values_only=True):
            yield list(rij)
    finally:
        boek.close()


def ruwe_rijen(bestand: Path) -> Iterator[list[Any]]:
    if not bestand.is_file():
        raise InvoerFout(bestand, "bestand bestaat niet")
    if bestand.suffix.lower() == ".xlsx":
        return _xlsx_rijen(bestand)
    if bestand.suffix.lower() == ".csv":
        return _csv_rijen(bestand)
    if bestand.suffix.lower() in GEOJSON_EXTENSIES:
        return geojson_rijen(bestand)
    if bestand.suffix.lower() in GEOPACKAGE_EXTENSIES:
        return geopackage_rijen(bestand)
    raise InvoerFout(bestand, "onbekend registerformaat (verwacht .csv, .xlsx, .geojson of "
                              ".gpkg)")


def lees_register(bestand: Path, kolommen: Kolommen) -> Iterator[Registerrij]:
    """The register's rows in order, streamed; empty rows are skipped."""
    rijen = ruwe_rijen(bestand)
    kopcellen = next(rijen, None)
    if kopcellen is None:
        raise InvoerFout(bestand, "leeg register (geen kop)")
    while kopcellen and kopcellen[-1] in (None, ""):
        kopcellen = kopcellen[:-1]
    kop = Kop(kopcellen, kolommen, bestand)
    for nummer, cellen in enumerate(rijen, start=2):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cellen):
            continue
        yield kop.lees(nummer, cellen)


def tel_rijen(bestand: Path) -> int | None:
    """How many rows follow the header (for a progress bar); None when unknown cheaply."""
    if bestand.suffix.lower() == ".csv":
        return max(sum(1 for _ in ruwe_rijen(bestand)) - 1, 0)
    return tel_features(bestand)


def valideer_rij(rij: Registerrij, bron: Path | str) -> Casus | Rijfout:
    """The row's case, or the one-line error naming the row and the register's column."""
    if rij.fout is not None:
        return rij.fout
    try:
        return rij.casus(bron)
    except InvoerFout as fout:
        return Rijfout(rij.rij, kolom_voor_veld(fout.veld, rij.kolom_van),
                       melding_in_kolom(fout))


def laad_registerrij(bestand: Path, kolommenbestand: Path | None, rij: int | None = None,
                     casus_id: str | None = None, stel: Iterable[str] = ()) -> GeladenCasus:
    """One register row as a case (for ``verklaar``), found by row number or by id."""
    if (rij is None) == (casus_id is None):
        raise InvoerFout(bestand, "noem bij een register precies één van --rij en --id")
    for item in lees_register(bestand, laad_kolommen(kolommenbestand)):
        if (rij is not None and item.rij == rij) or (
                casus_id is not None and item.data.get("id") == casus_id):
            if item.fout is not None:
                raise InvoerFout(bestand, f"rij {item.rij}: {item.fout.melding}",
                                 item.fout.kolom or None)
            try:
                return casus_met_stel(item.data, bestand, stel, f"{bestand}: rij {item.rij}")
            except InvoerFout as fout:
                raise InvoerFout(f"{bestand}: rij {item.rij}", melding_in_kolom(fout),
                                 kolom_voor_veld(fout.veld, item.kolom_van)) from None
    waar = f"rij {rij}" if rij is not None else f"id {casus_id!r}"
    raise InvoerFout(bestand, f"{waar} staat niet in het register")
