"""On time or late: how a report owed for one period stands, as one word.

The schedule engine says whether a period is done (:func:`~ppcli.engine.schedule.
obligation_state`); this module adds *when* it was done compared with its deadline, for
the whole period and for each reporter. ``ppcli show --format json`` writes it
(``timeliness``, ``days_late``, ``sent_on``, ``reporters``), ``due`` writes it as
``state``, and ``ppcli stats`` and ``ppcli site`` count it: every count stays in one
place (../shared/BACKLOG.md §2 "On time / late"). An extension of a period moves that
period's deadline (``Obligation.due``) before it is classed.

Pure: ``today`` is passed in.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ppcli.engine.schedule import ConferenceState, Obligation
from ppcli.i18n import Label


class Timeliness(StrEnum):
    """Where a period (or a conference) stands, in the four classes the Văn phòng Chính
    phủ counts tasks and reports in: the values are the JSON words of ``show``, ``due``
    and ``stats`` (``days_late`` beside them). The site's colours are views of these:
    an open period due within the look-ahead is "coming" there (:func:`coming`)."""

    DONE_ON_TIME = "done-on-time"  # done on or before its (rolled-forward, extended) deadline
    DONE_LATE = "done-late"  # done, but after its deadline
    OPEN = "open"  # not done, its deadline is today or later
    OVERDUE = "overdue"  # not done, and its deadline has passed
    # outside the four classes: a closed agreement's period never done, no longer followed
    UNTRACKED = "untracked"


TIMELINESS_LABELS = {
    Timeliness.DONE_ON_TIME: Label("đã hoàn thành đúng hạn", "done on time"),
    Timeliness.DONE_LATE: Label("đã hoàn thành quá hạn", "done late"),
    Timeliness.OPEN: Label("chưa hoàn thành, trong hạn", "open, not yet due"),
    Timeliness.OVERDUE: Label("chưa hoàn thành, quá hạn", "overdue"),
    Timeliness.UNTRACKED: Label("không theo dõi", "not followed"),
}

# the classes a past deadline can end in (the "owed" of a per-party count)
SETTLED = (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.OVERDUE)


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


def timeliness(ob: Obligation, today: dt.date, reporter: str | None = None) -> Timeliness:
    """The period's class on ``today`` (for ``reporter`` alone, if named): done on time
    or late by the date it was sent, else overdue once the deadline has passed (as
    :func:`~ppcli.engine.schedule.obligation_state` says), else open. The deadline is
    the period's own: moved by an extension of that period (``ob.due``)."""
    done = sent_on(ob, reporter)
    if done is None and ob.untracked and ob.due < today:  # a closed agreement's: not owed
        return Timeliness.UNTRACKED
    return classify(done, ob.due, today)


def days_late(ob: Obligation, today: dt.date, reporter: str | None = None) -> int:
    """Days past the deadline: until it was sent (done late), or until ``today`` (overdue);
    0 otherwise."""
    return lateness(sent_on(ob, reporter), ob.due, today)


def classify(done_on: dt.date | None, due: dt.date, today: dt.date) -> Timeliness:
    """The one rule of the four classes, for a report period or a conference."""
    if done_on is not None:
        return Timeliness.DONE_ON_TIME if done_on <= due else Timeliness.DONE_LATE
    return Timeliness.OVERDUE if due < today else Timeliness.OPEN


def lateness(done_on: dt.date | None, due: dt.date, today: dt.date) -> int:
    return max(0, ((done_on or today) - due).days)


def conference_timeliness(state: ConferenceState, today: dt.date) -> tuple[Timeliness, int]:
    """A conference's class and days late: held by its planned day (or the end of its
    planned month or year), or not."""
    held = state.held.date if state.held is not None else None
    return classify(held, state.due, today), lateness(held, state.due, today)


def coming(cls: Timeliness, due: dt.date, horizon: dt.date) -> bool:
    """An open period due within the look-ahead (the site's "due soon" colour)."""
    return cls is Timeliness.OPEN and due <= horizon
