"""Scanning a register: every pand evaluated against the guide, streamed in input order.

Rows stream in, results stream out: only a bounded window of batches is in flight, so memory does
not grow with the register. With several workers each process builds its own engine (an experta
engine cannot be pickled) and the results are put back in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from kennisbank.advies import (
    beslissende_vraagfeiten,
    drempelvolgorde,
    gunstigste_reden,
    kopevaluatie,
    lokaal_beleid,
    matrixsymbool,
    redenfeiten,
    redentekst,
    voorwaardefeiten,
)
from kennisbank.casus import Casus
from kennisbank.domein import Oordeel, Werkfunctie
from kennisbank.engine import Evaluatie, Regelbank, laad_regelbank
from kennisbank.experta_compat import Fact
from kennisbank.fouten import InvoerFout
from kennisbank.geo import controleer_rd
from kennisbank.interview import Regelkennis
from kennisbank.opstart import JONGE_GENERATIE
from kennisbank.regelapi import (
    Drempel,
    Eindoordeel,
    Matrixscore,
    Oordeelgrens,
    OpenVraag,
    Reden,
    Voorwaarde,
)
from kennisbank.register import Registerrij, Rijfout, valideer_rij
from kennisbank.tabellen import Drempeltabel
from kennisbank.variant import Wijziging, lokale_bronnen

#: Panden per task sent to a worker: large enough that pickling is negligible, small enough that
#: the progress bar moves and the window of work in flight stays small.
BATCHGROOTTE = 16


@dataclass(frozen=True)
class Functieuitkomst:
    """One function's verdict for one pand, with what decided it."""

    werkfunctie: str
    oordeel: str
    matrixscore: str | None
    voorwaarden: tuple[str, ...]
    open_vragen: int
    drempels: tuple[tuple[str, str], ...]
    reden: str
    regel: str
    bron: str

    @property
    def drempel_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self.drempels)


@dataclass(frozen=True)
class Panduitkomst:
    rij: int
    id: str
    gemeente: str
    titel: str | None
    x: float | None
    y: float | None
    functies: tuple[Functieuitkomst, ...]

    @property
    def beste(self) -> tuple[str, ...]:
        """The function(s) with the highest verdict; none when every function is niet passend."""
        hoogste = max((Oordeel(f.oordeel).rang for f in self.functies), default=0)
        if hoogste == 0:
            return ()
        return tuple(f.werkfunctie for f in self.functies if Oordeel(f.oordeel).rang == hoogste)


Uitkomst = Panduitkomst | Rijfout


def beslissende_reden(evaluatie: Evaluatie, kop: Evaluatie, functie: Werkfunctie,
                      oordeel: Oordeel) -> tuple[str, str, str]:
    """(tekst, regel, bron) of the reason that sets the verdict, among the reasons the advies
    gives (``kop`` is the evaluation under the location type the verdict comes from).

    The first reason whose ceiling equals the verdict; for a verdict capped by conditions, the
    first condition; for an unbounded passend, the first reason given.
    """
    wf = functie.value
    lokaal = lokale_bronnen(kop, kop.variant)
    redenen = redenfeiten(kop, wf)
    for reden in redenen:
        if isinstance(reden, Oordeelgrens) and reden.oordeel == oordeel.value:
            return reden.tekst, reden.regel, _bron(reden, lokaal)
    voorwaarden = voorwaardefeiten(kop, wf)
    if oordeel == Oordeel.PASSEND_ONDER_VOORWAARDEN and voorwaarden:
        return voorwaarden[0].tekst, voorwaarden[0].regel, _bron(voorwaarden[0], lokaal)
    gunstigste = gunstigste_reden(evaluatie, kop, functie)
    if gunstigste is not None:
        return gunstigste.tekst, gunstigste.regel, gunstigste.bron
    if redenen:
        return redentekst(redenen[0]), redenen[0].regel, _bron(redenen[0], lokaal)
    return "", "", ""


def _bron(feit: Fact, lokaal: dict[int, list[Wijziging]]) -> str:
    """The guide's section, with the local policy of a variant the reason rests on beside it."""
    return feit.bron + "".join(f"; {b.label}" for b in lokaal_beleid(
        lokaal.get(feit["__factid__"], ())))


def spelende_drempels(evaluatie: Evaluatie, wf: str,
                      catalogus: Drempeltabel) -> tuple[tuple[str, str], ...]:
    """The barriers that play for a function, each once and in the guide's order, with how far
    the gemeente can influence them: the advies's list (``drempelfeiten``), read from the
    barriers and their catalogue entries rather than from the entries the rule
    ``drempel.aanpak`` concludes with each barrier's approaches, which a row does not show."""
    spelend = dict.fromkeys(d.drempel for d in evaluatie.van_type(Drempel, wf)
                            if d.sterkte == "speelt")
    entries = sorted((d for d in catalogus.drempels if d.id in spelend),
                     key=lambda d: drempelvolgorde(d.bron))
    return tuple((d.id, d.beinvloedbaarheid) for d in entries)


def samenvatting(evaluatie: Evaluatie, functie: Werkfunctie,
                 catalogus: Drempeltabel) -> Functieuitkomst:
    """What a scan row says of one function, read from the conclusions the advies is made of
    (without building the advies: its barriers' approaches, the gemeente's message …);
    ``catalogus`` is the barrier table of the rules evaluated (``Regelbank.tabellen``)."""
    wf = functie.value
    kop = kopevaluatie(evaluatie, functie)
    (eindoordeel,) = kop.van_type(Eindoordeel, wf)
    oordeel = Oordeel(eindoordeel.oordeel)
    tekst, regel, bron = beslissende_reden(evaluatie, kop, functie, oordeel)
    vragen, _ = beslissende_vraagfeiten(kop, wf)
    return Functieuitkomst(
        werkfunctie=wf, oordeel=oordeel.value, matrixscore=matrixsymbool(kop, wf),
        voorwaarden=tuple(v.tekst for v in voorwaardefeiten(kop, wf)),
        open_vragen=len(vragen),
        drempels=spelende_drempels(kop, wf, catalogus),
        reden=tekst, regel=regel, bron=bron)


#: The conclusions a scan row is read from (see ``samenvatting``).
SCANFEITEN = (Eindoordeel, Oordeelgrens, Reden, Voorwaarde, OpenVraag, Matrixscore, Drempel)

#: Rules that conclude a type of ``SCANFEITEN`` but nothing a row reads: the open questions
#: about barriers (a row counts the questions about the verdict, ``vraagfeiten``), besides
#: assumptions. A test holds them to that on every stored case.
ONGELEZEN_REGELS = ("drempel.open_vragen",)

_scandelen: dict[int, tuple[Regelbank, Regelbank]] = {}


def scandeel(bank: Regelbank) -> Regelbank:
    """The rules a scan row needs: those that conclude what it is read from, and those that
    feed them (not the checklist, the gemeente's advice, liveliness or the barriers' open
    questions). Nothing the left-out rules conclude is matched or read by these, so they
    conclude what they conclude in the whole rule base. Built once per rule bank."""
    bewaard = _scandelen.get(id(bank))
    if bewaard is None or bewaard[0] is not bank:
        nodig = Regelkennis.van(bank).voedend_voor((t.__name__ for t in SCANFEITEN),
                                                   behalve=ONGELEZEN_REGELS)
        bewaard = _scandelen[id(bank)] = (bank, bank.deel(nodig, "scan"))
    return bewaard[1]


def evalueer_pand(bank: Regelbank, rij: int, casus: Casus, x: float | None, y: float | None,
                  functies: tuple[Werkfunctie, ...]) -> Panduitkomst:
    """A scan row: the pand evaluated by the rules the row needs (``scandeel``)."""
    bank = scandeel(bank)
    # A row shows no trace and no assumptions; under a variant the trace tells which
    # conclusions rest on a local change (their source is shown), so it is kept there.
    evaluatie = bank.evalueer(casus, functies, beknopt=bank.variant is None)
    return Panduitkomst(
        rij=rij, id=casus.id, gemeente=casus.gemeente, titel=casus.titel, x=x, y=y,
        functies=tuple(samenvatting(evaluatie, f, bank.tabellen.drempels) for f in functies))


Taak = tuple[int, Casus, float | None, float | None] | Rijfout

_werkerbank: Regelbank | None = None

#: The rules a worker loads: the rules directory and the municipal variant (absolute paths, or
#: None for the defaults).
Regels = tuple[str | None, str | None]


def _laad(regels: Regels) -> Regelbank:
    regelmap, variant = regels
    return laad_regelbank(regelmap, Path(variant) if variant is not None else None)


def _start_werker(regels: Regels, eigen_proces: bool = True) -> None:
    global _werkerbank
    _werkerbank = _laad(regels)
    if eigen_proces:
        # What a worker has loaded now (rules, tables, modules) lives as long as it does: out
        # of the collector's generations, no collection during the scan walks it again. A row
        # frees nearly all it makes by reference counting, so the youngest generation is
        # collected as seldom as in a command's own process (kennisbank.opstart).
        gc.freeze()
        gc.set_threshold(JONGE_GENERATIE, *gc.get_threshold()[1:])


def _verwerk(taken: list[Taak], functies: tuple[Werkfunctie, ...]) -> list[Uitkomst]:
    assert _werkerbank is not None, "_start_werker bouwt eerst de regelbank"
    return [taak if isinstance(taak, Rijfout)
            else evalueer_pand(_werkerbank, *taak, functies=functies) for taak in taken]


#: Seconds to wait for a Dask scheduler before the address counts as wrong.
DASK_VERBINDINGSTIJD = 30

_draadlokaal = threading.local()


def _verwerk_op_cluster(taken: list[Taak], functies: tuple[Werkfunctie, ...],
                        regels: Regels) -> list[Uitkomst]:
    """A batch on a Dask worker: each worker thread builds its own engine once and keeps it."""
    bank = getattr(_draadlokaal, "bank", None)
    if bank is None or getattr(_draadlokaal, "regels", None) != regels:
        bank = _draadlokaal.bank = _laad(regels)
        _draadlokaal.regels = regels
    return [taak if isinstance(taak, Rijfout)
            else evalueer_pand(bank, *taak, functies=functies) for taak in taken]


def _op_cluster(adres: str, batches: Iterator[list[Taak]], functies: tuple[Werkfunctie, ...],
                regels: Regels) -> Iterator[list[Uitkomst]]:
    """The same batches on a Dask cluster, collected in input order with a bounded window."""
    try:
        from distributed import Client
    except ImportError:
        raise InvoerFout("--dask", "Dask is niet geïnstalleerd: pip install "
                                   "'kennisbank-werkfuncties[dask]'") from None
    try:
        client = Client(adres, timeout=DASK_VERBINDINGSTIJD, set_as_default=False)
    except OSError as fout:
        raise InvoerFout("--dask", f"geen Dask-scheduler bereikbaar op {adres} ({fout})") from None
    with client:
        kernen = max(sum(client.nthreads().values()), 1)
        onderweg: deque[Any] = deque()
        for batch in batches:
            onderweg.append(client.submit(_verwerk_op_cluster, batch, functies, regels,
                                          pure=False))
            if len(onderweg) >= 4 * kernen:
                yield onderweg.popleft().result()
        while onderweg:
            yield onderweg.popleft().result()


def taken(rijen: Iterable[Registerrij], bron: Path | str) -> Iterator[Taak]:
    """Validate each row like a case file; an invalid row becomes its error, in place."""
    gezien: dict[str, int] = {}
    for rij in rijen:
        casus = valideer_rij(rij, bron)
        if isinstance(casus, Rijfout):
            yield casus
            continue
        puntfout = controleer_rd(rij.x, rij.y)
        if puntfout:
            coordinaat, melding = puntfout
            yield Rijfout(rij.rij, rij.kolom_van.get(coordinaat, coordinaat), melding)
            continue
        if casus.id in gezien:
            yield Rijfout(rij.rij, rij.kolom_van["id"],
                          f"id {casus.id!r} staat ook in rij {gezien[casus.id]}")
            continue
        gezien[casus.id] = rij.rij
        yield (rij.rij, casus, rij.x, rij.y)


def standaard_werkers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def evalueer_register(rijen: Iterable[Registerrij], bron: Path | str,
                      functies: tuple[Werkfunctie, ...], regelmap: Path | None = None,
                      werkers: int = 1, dask: str | None = None,
                      variant: Path | None = None) -> Iterator[list[Uitkomst]]:
    """Batches of results (a pand's outcome or a row's error) in input order.

    With ``dask`` (a scheduler address) the batches run on that cluster instead of local
    workers; the rules directory (and the variant) must then be readable by the workers under
    the same path.
    """
    stroom = taken(rijen, bron)
    batches = iter(lambda: list(islice(stroom, BATCHGROOTTE)), [])
    regels: Regels = (str(Path(regelmap).resolve()) if regelmap is not None else None,
                      str(Path(variant).resolve()) if variant is not None else None)
    if dask is not None:
        yield from _op_cluster(dask, batches, functies, regels)
        return
    if werkers <= 1:
        _start_werker(regels, eigen_proces=False)
        for batch in batches:
            yield _verwerk(batch, functies)
        return
    # Workers start from a clean server process, not by forking this one: the progress bar's
    # thread may hold a lock at the moment of a fork, which would hang the child.
    methode = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=werkers, initializer=_start_werker,
                             initargs=(regels,),
                             mp_context=multiprocessing.get_context(methode)) as pool:
        onderweg: deque[Future[list[Uitkomst]]] = deque()
        for batch in batches:
            onderweg.append(pool.submit(_verwerk, batch, functies))
            # A bounded window keeps every worker busy without reading the whole register ahead.
            if len(onderweg) >= 4 * werkers:
                yield onderweg.popleft().result()
        while onderweg:
            yield onderweg.popleft().result()
