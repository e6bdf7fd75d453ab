"""What the clerk types, read as the clerk writes it: dates (``31/12/2026``), periods
(``tháng 10/2026``, ``quý III/2026``), and the shell completion of ids and period keys.

The reading itself is in the core (:mod:`ppcli.dates`, :func:`ppcli.periods.parse_period_text`,
:mod:`ppcli.files.organisations`); here it is tied to the option or argument the value
came from, so that an error names it (``--since``, not ``--today``) and lists the forms
accepted, in both languages (the one handler says it in the run's language, exit 2).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from ppcli.dates import DATE_FORMS, DateError, parse_date
from ppcli.errors import RequestError
from ppcli.i18n import Label
from ppcli.periods import PERIOD_FORMS, parse_period_text

PERIOD_ARG = Label("KỲ", "PERIOD")  # how a period argument is named in messages


def date_value(text: str, option: str) -> dt.date:
    """The date typed for ``option``; a :class:`RequestError` naming ``option``, the
    reason and the forms accepted otherwise."""
    try:
        return parse_date(text)
    except DateError as exc:
        reason = exc.reason
        raise RequestError(Label(
            f"{option}: ngày \"{text}\" không hợp lệ ({reason.vi}); hãy ghi {DATE_FORMS.vi}",
            f"{option}: invalid date \"{text}\" ({reason.en}); write {DATE_FORMS.en}")) from None


def period_key(text: str | None, name: Label = PERIOD_ARG) -> str | None:
    """The key of the period typed (``tháng 10/2026`` → ``2026-10``), None when none was
    typed; a :class:`RequestError` naming the argument and the forms accepted otherwise.
    Whether the period fits the duty is the core's to say (it knows the duty)."""
    if text is None:
        return None
    period = parse_period_text(text)
    if period is None:
        raise RequestError(Label(
            f"{name.vi}: không hiểu kỳ \"{text}\"; các dạng được nhận: {PERIOD_FORMS.vi}",
            f"{name.en}: cannot read the period \"{text}\"; accepted forms: "
            f"{PERIOD_FORMS.en}"))
    return period.key


# -- shell completion (typer's autocompletion callbacks) ------------------------------------
#
# Called by the shell's completion script (``_PPCLI_COMPLETE=complete_bash ppcli …``) while
# the command line is still being typed: they never fail (a missing or broken repository
# completes nothing) and never print.


def _loaded(ctx: Any) -> Any:
    """The repository the line being completed names (``--repo``, ``PPCLI_REPO``, or found
    from here), loaded; None when there is none."""
    from pathlib import Path

    from ppcli.files.repository import find_repo, load

    root = ctx.find_root()
    chosen = root.params.get("repo") or os.environ.get("PPCLI_REPO")
    try:
        return load(find_repo(Path.cwd(), Path(chosen) if chosen else None))
    except Exception:  # completing must never show a traceback in the clerk's shell
        return None


def _starting(words: Iterable[str], incomplete: str) -> list[str]:
    return sorted(w for w in dict.fromkeys(words) if w.startswith(incomplete))


def complete_agreement(ctx: Any, incomplete: str) -> list[str]:
    loaded = _loaded(ctx)
    return _starting((a.id for a in loaded.agreements), incomplete) if loaded else []


def _agreement(ctx: Any) -> Any:
    loaded = _loaded(ctx)
    wanted = ctx.params.get("agreement")
    if loaded is None or wanted is None:
        return None
    return next((a for a in loaded.agreements if a.id == wanted), None)


def complete_item(ctx: Any, incomplete: str) -> list[str]:
    """Duty and conference ids of the agreement already typed (``record report``,
    ``extension``, ``reminder``: duties only, ``record conference``: conferences only)."""
    found = _agreement(ctx)
    if found is None:
        return []
    name = ctx.command.name
    ids = ([] if name == "conference" else [d.id for d in found.duties]) + \
        ([] if name in ("report", "extension", "reminder") else [c.id for c in found.conferences])
    return _starting(ids, incomplete)


def complete_period(ctx: Any, incomplete: str) -> list[str]:
    """The period keys of the duty (or recurring meeting) typed, from the agreement's
    start to a year ahead."""
    from ppcli.periods import Frequency, periods_between

    found = _agreement(ctx)
    item = ctx.params.get("item") or ctx.params.get("duty") or ctx.params.get("conference") \
        or ""
    duty = found.duty(item) if found else None
    conf = found.conference(item) if found else None
    frequency = duty.frequency if duty else conf.frequency if conf else None
    if found is None or frequency is None or frequency is Frequency.ONCE \
            or found.start is None:
        return []
    ahead = dt.date.today() + dt.timedelta(days=366)
    end = min(found.end, ahead) if found.end is not None else ahead
    return _starting((p.key for p in periods_between(frequency, found.start, end)),
                     incomplete)


def complete_org(ctx: Any, incomplete: str) -> list[str]:
    """Organisation codes: those starting with what is typed, else those the typed words
    find in the names (``tinh doan`` → the Tỉnh đoàn codes)."""
    from ppcli.files.organisations import search

    loaded = _loaded(ctx)
    if loaded is None:
        return []
    codes = _starting(loaded.registry.orgs, incomplete)
    return codes or [o.id for o in search(loaded.registry, incomplete)]


def complete_folder(ctx: Any, incomplete: str) -> list[str]:
    """The subfolders of agreements/ (``import --dir``, ``new --dir``)."""
    from pathlib import Path

    from ppcli.files.repository import find_repo

    root = ctx.find_root()
    chosen = root.params.get("repo") or os.environ.get("PPCLI_REPO")
    try:
        data = find_repo(Path.cwd(), Path(chosen) if chosen else None).data
        return _starting((p.name for p in data.iterdir()
                          if p.is_dir() and not p.name.startswith(".")), incomplete)
    except Exception:  # completing must never show a traceback in the clerk's shell
        return []
