"""Machine instructions of in-process work, counted with valgrind's callgrind.

A program is counted twice at the same time (two cores): once doing its preparation only, once
doing one more pass of the work to measure; the difference, divided by the units the pass
handles, is the cost of one unit. The count hardly varies between runs or with the load of the
machine, so it is the figure to compare two versions of the code by, where wall-clock time on
a shared machine varies by half within minutes.

Both counts run under a fixed hash seed (with a random one the count varies by about 1 %, as
dicts and sets are laid out differently), and read the rule tables from the cache, as a command
does: the program runs once without valgrind first, so that after a change of the code the
cache is built there and not in one of the two counted processes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile


def tel_instructies(programma: str, argumenten: list[str], eenheden: int) -> float | None:
    """Millions of machine instructions per unit, or None where valgrind is not installed.

    ``programma`` is Python source run with ``python -c``: its first argument is the number of
    passes of the measured work (0 or 1), followed by ``argumenten``; one pass handles
    ``eenheden`` units."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None

    omgeving = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-c", programma, "0", *argumenten], check=True,
                   stdout=subprocess.DEVNULL, env=omgeving)

    def tel(passes: int, map: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={map}/callgrind.out",
             sys.executable, "-c", programma, str(passes), *argumenten],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=omgeving)

    with tempfile.TemporaryDirectory() as nul, tempfile.TemporaryDirectory() as een:
        processen = [tel(0, nul), tel(1, een)]
        totalen = []
        for proces in processen:
            _, fouten = proces.communicate()
            gevonden = re.search(r"Collected : (\d+)", fouten)
            if proces.returncode != 0 or gevonden is None:
                raise SystemExit(f"callgrind faalde:\n{fouten[-2000:]}")
            totalen.append(int(gevonden.group(1)))
    return (totalen[1] - totalen[0]) / eenheden / 1e6
