"""The language of this run, decided before typer or click render a word.

click and typer mark their strings ("Usage:", "No such option", the help panels) for
:mod:`gettext`, and typer reads some of them once, when its help module is imported. So
the language is settled first, from ``--lang`` anywhere on the command line (before or
after the command name) or ``PPCLI_LANG``, Vietnamese otherwise, and the catalog shipped in
``ppcli/locale`` is switched on for it (the standard library's global gettext domain,
which is what click calls). Help texts and metavars of ppcli's own options are chosen
with :func:`w` when the command modules are imported, after this.

Standard library only: this runs on every start, ``--help`` included.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ppcli.i18n import Lang, pick_lang

DOMAIN = "ppcli"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_active: Lang | None = None


def scan(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` on the command line (``--lang en`` or
    ``--lang=en``), wherever it stands before a ``--``."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg[len("--lang="):]
    return found


def decide(argv: Sequence[str], env: Mapping[str, str]) -> Lang:
    """The language asked for; an unsupported one renders in Vietnamese (the option's
    check then refuses it, in Vietnamese)."""
    return pick_lang(scan(argv), env.get("PPCLI_LANG")) or "vi"


def activate(lang: Lang) -> None:
    """Speak ``lang`` from now on: click's and typer's strings through the catalog (the
    global gettext domain reads the language from ``LANGUAGE``; git, run with
    ``LC_ALL=C``, ignores it)."""
    global _active
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    _active = lang


def active() -> Lang:
    """The language of this run: decided from ``sys.argv`` and the environment the first
    time it is asked for."""
    if _active is None:
        activate(decide(sys.argv[1:], os.environ))
    assert _active is not None
    return _active


def w(vi: str, en: str) -> str:
    """A text of the command line's own (a help text, a metavar) in this run's language."""
    return vi if active() == "vi" else en
