"""The entry point: settle the language, then load the command line and run it.

Nothing heavy is imported here: ``ppcli --help`` loads typer and the option
declarations only; each command imports the core it needs when it runs (see
``bench/startup.py``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from ppcli.cli import language


def main() -> None:
    """UTF-8 output everywhere (Windows pipes default to a code page), and no cyclic
    garbage collection: ppcli is a short-lived process whose loading builds millions of
    small objects that all stay alive, and each collection would walk them all again (on
    5,000 agreements that tripled the load time). What is imported by now is moved out of
    the collector's sight (``gc.freeze``). Only here, never in the core: a program that
    uses ppcli as a library keeps its own collector."""
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # exotic streams keep theirs
                reconfigure(encoding="utf-8", errors="replace")
    language.activate(language.decide(sys.argv[1:], os.environ))
    from ppcli.cli import everyday  # noqa: F401  (registers the commands on app)
    from ppcli.cli.options import app

    gc.freeze()
    app()
