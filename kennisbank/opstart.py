"""The ``kennisbank`` command as a process (its script and ``python -m kennisbank``).

A command is a short process that keeps nearly all it creates until it ends: the modules and
models it imports, the rule bank, the evaluation. The cyclic garbage collector would walk all
of it again and again for little to free, so the process switches it off while importing (a
few hundred objects of garbage, against some 80 collections), freezes what it has before the
command runs, and again when it ends, so the walk at exit is skipped too. ``kennisbank.cli.main``
does none of this: tests and other programs call it in their own process, where freezing would
keep their garbage for good.
"""

from __future__ import annotations

import gc


def run() -> None:
    """Entry point that never shows a traceback for expected failures."""
    gc.disable()
    try:
        from kennisbank.cli import main
    finally:
        gc.enable()
    gc.freeze()
    try:
        main(prog_name="kennisbank")
    finally:
        gc.freeze()
