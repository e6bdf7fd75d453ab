"""Conferences on the calendar: a one-time conference at its planned time, a recurring one
once per period (``frequency``), due as its ``when:`` says.

* ``cuoi-ky`` (the default): held within the period, due by the period's last day;
* ``dau-ky``: held in the period's first month ("hội nghị liên tịch đầu năm"), due by the
  end of that month (it reviews the previous period and plans this one);
* ``sau-ky``: held in the first month after the period ("kiểm điểm năm … vào tháng 01 năm
  sau"), due by the end of that month (it reviews the period).

A closed agreement (``closed:``) has no meeting due after its closing day; the earlier ones
not held are ``untracked``, not overdue. Pure functions: no clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ppcli.files.model import Agreement, Conference, MeetingTime, Record
from ppcli.i18n import Label
from ppcli.periods import Period, last_day, periods_between


def _alone(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class ConferenceState:
    conference: Conference
    due: dt.date  # the planned day, or the end of the planned month or year (or window)
    opens: dt.date  # first day of the planned window
    exact: bool
    held: Record | None
    period: Period | None = None  # a recurring meeting's period (None: a one-time one)
    untracked: bool = False  # not held, in a closed agreement: no longer followed

    @property
    def planned_text(self) -> Label:
        """When it is planned, as a clerk says it: "2026", "03/2026", "15/03/2026", or a
        recurring meeting's window: its month ("tháng 01/2025": dau-ky, sau-ky, a monthly
        meeting) or its period ("quý I/2026")."""
        if self.period is not None:  # its window: "tháng 01/2025", "quý I/2025"
            if (self.opens.year, self.opens.month) == (self.due.year, self.due.month):
                text = f"{self.opens.month:02d}/{self.opens.year}"
                return Label(f"tháng {text}", text)
            return self.period.label()
        planned = self.conference.planned
        text = planned.text() if planned is not None else self.due.isoformat()
        return Label(text, text)


def meeting_window(period: Period, when: MeetingTime | None) -> tuple[dt.date, dt.date]:
    """The first and last day a recurring meeting of ``period`` may be held."""
    if when is MeetingTime.START:
        return period.start, last_day(period.year, period.first_month)
    if when is MeetingTime.AFTER:
        after = period.end + dt.timedelta(days=1)
        return after, last_day(after.year, after.month)
    return period.start, period.end


def meeting_periods(a: Agreement, conf: Conference, until: dt.date) -> list[Period]:
    """The periods of a recurring meeting: from its ``first`` (default: the period holding
    the agreement's start) to its ``last`` (default: the one holding its end), those that
    start up to ``until``."""
    assert conf.frequency is not None
    start = conf.first.start if conf.first else a.start
    if start is None:
        return []
    end = min([until] + ([conf.last.end] if conf.last else [a.end] if a.end else []))
    periods = list(periods_between(conf.frequency, start, end))
    return [p for p in periods if p <= conf.last] if conf.last else periods


def conference_states(a: Agreement, conf: Conference, until: dt.date,
                      share: Callable[[Any], Any] = _alone) -> list[ConferenceState]:
    """A conference's occurrences: one for a one-time conference, one per period for a
    recurring one; cut at the agreement's closing day (see the module's text)."""
    closed = a.closed.date if a.closed is not None else None
    if conf.frequency is None:
        if conf.planned is None:
            return []  # neither planned nor recurring: reported (PP112), never due
        state = conference_state(a, conf, share)
        if closed is not None and state.held is None:
            if state.due > closed:
                return []
            return [_untracked(state)]
        return [state]
    held = {r.period: r for r in a.records if r.kind == "conference" and r.item == conf.id}
    out: list[ConferenceState] = []
    for period in meeting_periods(a, conf, until):
        period = share(period)
        opens, due = meeting_window(period, conf.when)
        record = held.get(period.key)
        if closed is not None and record is None and due > closed:
            continue  # no meeting is owed after the agreement was closed
        out.append(ConferenceState(conf, share(due), share(opens), False, record, period,
                                   closed is not None and record is None))
    return out


def _untracked(state: ConferenceState) -> ConferenceState:
    return ConferenceState(state.conference, state.due, state.opens, state.exact, None,
                           state.period, True)


def conference_state(a: Agreement, conf: Conference,
                     share: Callable[[Any], Any] = _alone) -> ConferenceState:
    """A one-time conference's state (a recurring one: :func:`conference_states`)."""
    held = next((r for r in a.records if r.kind == "conference" and r.item == conf.id), None)
    planned = conf.planned
    assert planned is not None, "a recurring conference has one state per period"
    return ConferenceState(conf, share(planned.latest), share(planned.earliest),
                           planned.exact, held)
