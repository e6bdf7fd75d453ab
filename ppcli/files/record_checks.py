"""Checks of the office's record: extensions (gia hạn), urgings (đôn đốc), and the
regime's fields of a duty (its data cut-off, the files of its outline and data form).

Registered in :data:`ppcli.files.checks.CHECKS`. Codes PP120-PP128 (docs/diagnostics.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterator
from pathlib import PurePosixPath

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files.model import Agreement, Deadline, Duty, Record, Registry
from ppcli.files.repository import Loaded
from ppcli.files.spec import did_you_mean
from ppcli.i18n import Label, day_month
from ppcli.periods import FREQUENCY_LABELS, Frequency, Period, last_day, parse_period

# Nghị định 09/2019's sending day, as the engine's ND09_SEND_DAY
# (ppcli.engine.schedule; a test keeps the two equal: files may not import the engine)
ND09_SEND_DAY = 25

KIND_WORDS = {"extension": Label("gia hạn", "extension"),
              "reminder": Label("đôn đốc", "reminder")}

# the keys each kind of record may carry beyond report/conference's own
_ONLY = {"until": ("extension",), "reminder_kind": ("reminder",), "to": ("reminder",)}


def _at(a: Agreement, code: str, *path: str | int, **args: object) -> Diagnostic:
    line, col = a.where.at(*path)
    return diag(a.where.file, line, col, code, **args)


def office_records(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    for a in loaded.agreements:
        broken = loaded.broken_items.get(a.id, set())
        for k, r in enumerate(a.records):
            path = ("records", k)
            yield from _misplaced(a, r, path)
            if r.kind not in KIND_WORDS:
                continue
            what = KIND_WORDS[r.kind]
            duty = a.duty(r.item)
            if duty is None:
                if ("duties", r.item) not in broken:
                    yield _at(a, "PP051", *path, r.kind.value, value=r.item,
                              hint=did_you_mean(r.item, [d.id for d in a.duties]))
                continue
            if r.kind == "extension" and r.until is None:
                yield _at(a, "PP123", *path, r.kind.value, what=what, key="until")
            if r.kind == "reminder" and r.reminder_kind is None:
                yield _at(a, "PP123", *path, r.kind.value, what=what, key="reminder_kind")
            period = yield from _period(a, duty, r, path, what)
            if r.kind == "extension" and r.until is not None and (
                    period is not None or duty.frequency is Frequency.ONCE):
                original = original_deadline(a, duty, period, loaded.config.default_deadline)
                if original is not None and r.until <= original:
                    yield _at(a, "PP121", *path, "until", until=day_month(r.until),
                              original=day_month(original))
            if r.kind == "reminder":
                if r.to is not None and not urges_reporter(loaded.registry, duty, r):
                    yield _at(a, "PP125", *path, "to", value=r.to, duty=duty.id,
                              reporters=", ".join(duty.reporters))
                sent = _sent_before(a, duty, r)
                if sent is not None:
                    yield _at(a, "PP126", *path, "date", date=day_month(r.date),
                              sent=day_month(sent.date), period=r.period or "-")
        yield from _duty_fields(loaded, a)


def _misplaced(a: Agreement, r: Record, path: tuple[str | int, ...]
               ) -> Iterator[Diagnostic]:
    """PP124: ``until`` outside an extension, ``reminder_kind``/``to`` outside a reminder."""
    for key, kinds in _ONLY.items():
        if getattr(r, key) is not None and r.kind not in kinds:
            yield _at(a, "PP124", *path, key, key=key,
                      kinds=" | ".join(f"{k}:" for k in kinds), kind=f"{r.kind.value}:")


def _period(a: Agreement, duty: Duty, r: Record, path: tuple[str | int, ...], what: Label
            ) -> Generator[Diagnostic, None, Period | None]:
    """PP122 (no period on a periodic duty, or one on a one-time duty) and PP120 (a period
    the duty does not have); returns the period when it is one of the duty's."""
    if duty.frequency is Frequency.ONCE:
        if r.period is not None:
            yield _at(a, "PP122", *path, "period", what=what, duty=duty.id, reason=Label(
                "báo cáo một lần không có kỳ; bỏ \"period\"",
                "a one-time report has no period; leave out \"period\""))
        return None
    if r.period is None:
        yield _at(a, "PP122", *path, r.kind.value, what=what, duty=duty.id, reason=Label(
            "thiếu kỳ (\"period\"), ví dụ 2026, 2026-Q1",
            "the period (\"period\") is missing, e.g. 2026, 2026-Q1"))
        return None
    period = parse_period(r.period)
    if period is None or period.frequency is not duty.frequency \
            or not _in_span(a, duty, period):
        yield _at(a, "PP120", *path, "period", what=what, period=r.period, duty=duty.id,
                  frequency=FREQUENCY_LABELS[duty.frequency.value])
        return None
    return period


def _in_span(a: Agreement, duty: Duty, period: Period) -> bool:
    start = duty.first.start if duty.first else a.start
    end = duty.last.end if duty.last else a.end
    return (start is None or period.end >= start) and (end is None or period.start <= end)


def _clamped(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1), last_day(year, month))


def original_deadline(a: Agreement, duty: Duty, period: Period | None,
                      default: Deadline | None) -> dt.date | None:
    """The deadline the rule gives the period before any extension, as the engine's
    ``nominal_deadline`` says, without the working-day calendar: N working days after a
    period count here as N calendar days (never later than the real deadline, so an
    ``until`` before it is surely before the real one)."""
    rule = duty.deadline or default
    if period is None:
        return rule.date if rule is not None and rule.date is not None else a.end
    if rule is None or rule.regime is not None:
        return _clamped(period.year, period.last_month, ND09_SEND_DAY)
    if rule.date is not None:
        return rule.date
    if rule.day is not None:
        return _clamped(period.year, rule.month or period.last_month, rule.day)
    if rule.days_after is not None:
        return period.end + dt.timedelta(days=rule.days_after)
    if rule.working_days_after is not None:
        return period.end + dt.timedelta(days=rule.working_days_after)
    return None  # a rule this check does not know (added later): the engine decides


def urges_reporter(registry: Registry, duty: Duty, r: Record) -> bool:
    """Whether a reminder's ``to`` is one of the duty's reporters, or a body that carried
    one's duties on the day of the urging (its successor after a merger)."""
    return r.to in duty.reporters or any(
        r.to in registry.successors_on(o, r.date) for o in duty.reporters)


def _sent_before(a: Agreement, duty: Duty, r: Record) -> Record | None:
    """The report of the urged period already on record before the urging, when the
    urging concerns a party that had sent (``to``, or the duty's only reporter)."""
    who = r.to or (duty.reporters[0] if len(duty.reporters) == 1 else None)
    if who is None:
        return None
    return next((s for s in a.records if s.kind == "report" and s.item == duty.id
                 and s.period == r.period and s.date <= r.date
                 and (len(duty.reporters) == 1 or s.by == who)), None)


def _duty_fields(loaded: Loaded, a: Agreement) -> Iterator[Diagnostic]:
    """PP128: a cut-off month on a duty that is not yearly; PP127: an outline or data
    form that names no file of the repository."""
    root = loaded.repo.root
    for k, d in enumerate(a.duties):
        if d.cutoff is not None and d.cutoff.month is not None \
                and d.frequency is not Frequency.YEARLY:
            yield _at(a, "PP128", "duties", k, "cutoff", "month", duty=d.id,
                      frequency=FREQUENCY_LABELS[d.frequency.value])
        for key in ("outline", "data_form"):
            value = getattr(d, key)
            if not value:
                continue
            rel = PurePosixPath(value.replace("\\", "/"))
            inside = not rel.is_absolute() and ".." not in rel.parts and ":" not in value
            if not inside or not (root / rel).is_file():
                yield _at(a, "PP127", "duties", k, key, key=key, value=value)
