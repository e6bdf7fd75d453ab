"""On time or late: how a report owed for one period stands, as one word.

The schedule engine says whether a period is done (:func:`~ppcli.engine.schedule.
obligation_state`); this module adds *when* it was done compared with its deadline, for
the whole period and for each reporter. ``ppcli show --format json`` writes it
(``timeliness``, ``sent_on``, ``reporters``) and ``ppcli site`` counts and colours it; a
later issue (the office's record: extensions, days late) extends it here, so every
count stays in one place (../shared/BACKLOG.md §2 "On time / late").

Pure: ``today`` and the look-ahead horizon are passed in.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ppcli.engine.schedule import Obligation
from ppcli.i18n import Label


class Timeliness(StrEnum):
    """Where a period stands for a report: the values are ``show``'s JSON words."""

    ON_TIME = "on-time"  # sent on or before its (rolled-forward) deadline
    LATE = "late"  # sent, but after its deadline
    OVERDUE = "overdue"  # not sent, and its deadline has passed
    COMING = "coming"  # not sent, deadline from today to the look-ahead horizon
    NOT_YET = "not-yet"  # not sent, deadline after the look-ahead horizon
    UNTRACKED = "untracked"  # not sent, its agreement closed: no longer followed (no class)


TIMELINESS_LABELS = {
    Timeliness.ON_TIME: Label("đã gửi đúng hạn", "sent on time"),
    Timeliness.LATE: Label("đã gửi trễ hạn", "sent late"),
    Timeliness.OVERDUE: Label("quá hạn, chưa gửi", "overdue, not sent"),
    Timeliness.COMING: Label("sắp đến hạn", "due soon"),
    Timeliness.NOT_YET: Label("chưa đến hạn", "not due yet"),
    Timeliness.UNTRACKED: Label("không theo dõi", "not followed"),
}

# the classes a past deadline can end in (the "owed" of a per-party count)
SETTLED = (Timeliness.ON_TIME, Timeliness.LATE, Timeliness.OVERDUE)


def sent_on(ob: Obligation, reporter: str | None = None) -> dt.date | None:
    """The day the period was sent: by ``reporter`` (their first record of it), or, for
    the whole period, the day its last reporter sent. None while someone still owes it.

    One reporter: any record of the period is theirs (as in
    :func:`~ppcli.engine.schedule.reporters_owing`). Several: a record counts for the
    reporter it names in ``by``; one naming nobody counts for nobody."""
    reporters = ob.duty.reporters
    if reporter is not None:
        if reporter in ob.owing:
            return None
        if len(reporters) < 2:
            return min((r.date for r in ob.records), default=None)
        return min((r.date for r in ob.records if r.by == reporter), default=None)
    if not ob.done:
        return None
    if len(reporters) < 2:
        return min((r.date for r in ob.records), default=None)
    days = [sent_on(ob, o) for o in reporters]
    return max((d for d in days if d is not None), default=None)


def timeliness(ob: Obligation, today: dt.date, horizon: dt.date,
               reporter: str | None = None) -> Timeliness:
    """The period's class on ``today`` (for ``reporter`` alone, if named): sent on time
    or late by the date it was sent, else overdue once the deadline has passed (as
    :func:`~ppcli.engine.schedule.obligation_state` says), else coming up to
    ``horizon`` and not yet after it."""
    day = sent_on(ob, reporter)
    if day is not None:
        return Timeliness.ON_TIME if day <= ob.due else Timeliness.LATE
    if ob.untracked:  # a closed agreement's period never sent: neither late nor owed
        return Timeliness.UNTRACKED
    if ob.due < today:
        return Timeliness.OVERDUE
    return Timeliness.COMING if ob.due <= horizon else Timeliness.NOT_YET
