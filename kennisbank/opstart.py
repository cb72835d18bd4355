"""The ``kennisbank`` command as a process (its script and ``python -m kennisbank``).

A command is a short process that keeps nearly all it creates until it ends: the modules and
models it imports, the rule bank, the evaluation. The cyclic garbage collector would walk all
of it again and again for little to free, so the process switches it off while importing (a
few hundred objects of garbage, against some 80 collections), freezes what it has before the
command runs, collects less often while it runs, and freezes again when it ends, so the walk
at exit is skipped too. ``kennisbank.cli.main``
does none of this: tests and other programs call it in their own process, where freezing would
keep their garbage for good.
"""

from __future__ import annotations

import gc

#: Allocations (less deallocations) of container objects between two collections of the
#: youngest generation; Python's default is 700.
JONGE_GENERATIE = 10_000


def run() -> None:
    """Entry point that never shows a traceback for expected failures."""
    gc.disable()
    try:
        from kennisbank.cli import main
    finally:
        gc.enable()
    gc.freeze()
    # What a command creates mostly lives until it ends; with a larger first generation the
    # collector runs far less often (rendering the 28 stored cases as text: 12 collections
    # instead of about 520), while the garbage it lets wait stays a few megabytes at most.
    gc.set_threshold(JONGE_GENERATIE, *gc.get_threshold()[1:])
    try:
        main(prog_name="kennisbank")
    finally:
        gc.freeze()
