"""Checks of the shapes added for real agreements (issue 17): signers known by their
position only, recurring conferences and their records, the issuing decision, closing an
agreement, plan deadlines. Each check takes one agreement at a time (the per-file cache of
:mod:`ppcli.files.incremental` runs them file by file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files.model import Agreement, Conference, Record
from ppcli.i18n import Label, day_month
from ppcli.periods import FREQUENCY_LABELS, Frequency, Period, parse_period, periods_between


def _at(a: Agreement, code: str, *path: str | int, **args: object) -> Diagnostic:
    line, col = a.where.at(*path)
    return diag(a.where.file, line, col, code, **args)


def _written(a: Agreement, *path: str | int) -> bool:
    """Whether the key at ``path`` was written (its value may have been refused)."""
    return a.where.at(*path) != a.where.at(*path[:-1])


def signers(a: Agreement) -> Iterator[Diagnostic]:
    """PP110: a signer needs a name or a position."""
    for k, p in enumerate(a.parties):
        if p.signer is not None and not p.signer.name and not p.signer.position:
            yield _at(a, "PP110", "parties", k, "signer", org=p.org)


def conferences(a: Agreement) -> Iterator[Diagnostic]:
    """PP111–PP113, PP116: a conference is one-time (``planned``) or recurring
    (``frequency``, with ``when``/``first``/``last``), not both and not neither."""
    for k, c in enumerate(a.conferences):
        path = ("conferences", k)
        if c.frequency is not None and c.planned is not None:
            yield _at(a, "PP111", *path, "planned", id=c.id)
        elif c.frequency is None and c.planned is None \
                and not _written(a, *path, "frequency") and not _written(a, *path, "planned"):
            yield _at(a, "PP112", *path, id=c.id)  # (a wrong value was reported already)
        if c.frequency is None:
            for name, value in (("when", c.when), ("first", c.first), ("last", c.last)):
                if value is not None:
                    yield _at(a, "PP113", *path, name, key=name, id=c.id)
            continue
        for name, period in (("first", c.first), ("last", c.last)):
            if period is not None and period.frequency is not c.frequency:
                yield _at(a, "PP116", *path, name, period=period.key, id=c.id,
                          frequency=FREQUENCY_LABELS[c.frequency.value],
                          reason=_wrong_length(c.frequency))
        if c.first and c.last and c.last < c.first:
            yield _at(a, "PP064", *path, "last", first=c.first.key, last=c.last.key)


def meeting_span(a: Agreement, c: Conference) -> tuple[Period | None, Period | None]:
    """A recurring conference's first and last period (None: open on that side): its own
    ``first``/``last``, else the periods holding the agreement's start and end."""
    assert c.frequency is not None
    first = c.first or (next(periods_between(c.frequency, a.start, a.start))
                        if a.start else None)
    last = c.last or (next(periods_between(c.frequency, a.end, a.end)) if a.end else None)
    return first, last


def conference_record(a: Agreement, c: Conference, r: Record, path: tuple[str | int, ...]
                      ) -> Iterator[Diagnostic]:
    """PP114–PP116: a record of a recurring meeting names its period, within the meeting's
    span; a record of a one-time meeting names none."""
    if c.frequency is None:
        k = a.conferences.index(c)
        if r.period is not None and not _written(a, "conferences", k, "frequency"):
            yield _at(a, "PP115", *path, "period", id=c.id, period=r.period)
        return
    if r.period is None:
        yield _at(a, "PP114", *path, "conference", id=c.id,
                  frequency=FREQUENCY_LABELS[c.frequency.value])
        return
    period = parse_period(r.period)
    assert period is not None  # checked by the spec
    label = FREQUENCY_LABELS[c.frequency.value]
    if period.frequency is not c.frequency:
        yield _at(a, "PP116", *path, "period", period=r.period, id=c.id, frequency=label,
                  reason=_wrong_length(c.frequency))
        return
    first, last = meeting_span(a, c)
    if (first and period < first) or (last and period > last):
        span = f"{first.key if first else '…'} – {last.key if last else '…'}"
        yield _at(a, "PP116", *path, "period", period=r.period, id=c.id, frequency=label,
                  reason=Label(f"kỳ nằm ngoài thời gian họp định kỳ ({span})",
                               f"the period is outside the meetings' span ({span})"))


def _wrong_length(freq: Frequency) -> Label:
    example = {"hang-thang": "2024-05", "hang-quy": "2024-Q3", "nua-nam": "2024-H1",
               "hang-nam": "2024", "mot-lan": "2024"}[freq.value]
    return Label(f"kỳ phải có dạng như {example}", f"the period must look like {example}")


def issuing_and_closing(a: Agreement) -> Iterator[Diagnostic]:
    """PP118: an issuing decision states its effective day one way; PP119: an agreement
    is not closed before it starts."""
    issued = a.issued_by
    if issued is not None and issued.effective is not None \
            and issued.effective_after_days is not None:
        yield _at(a, "PP118", "issued_by", "effective_after_days",
                  effective=day_month(issued.effective), days=issued.effective_after_days,
                  after=day_month(issued.date + dt.timedelta(
                      days=issued.effective_after_days)))
    if a.closed is not None and a.start is not None and a.closed.date < a.start:
        yield _at(a, "PP119", "closed", "date", closed=day_month(a.closed.date),
                  start=day_month(a.start))


def plan_deadlines(a: Agreement) -> Iterator[Diagnostic]:
    """PP028: ``days_before`` counts back from a period's first day, so a one-time duty
    (which has no period) cannot use it."""
    for k, d in enumerate(a.duties):
        if d.deadline and d.deadline.days_before is not None \
                and d.frequency is Frequency.ONCE:
            yield _at(a, "PP028", "duties", k, "deadline", key="deadline",
                      choices="date", found=Label(
                          " (days_before chỉ dùng cho nghĩa vụ định kỳ; báo cáo một lần "
                          "ghi date)",
                          " (days_before applies to periodic duties; a one-time duty "
                          "gives a date)"))


def check_shapes(a: Agreement) -> Iterator[Diagnostic]:
    yield from signers(a)
    yield from conferences(a)
    yield from issuing_and_closing(a)
    yield from plan_deadlines(a)
