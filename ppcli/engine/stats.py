"""``ppcli stats``: the four classes counted per party and per agreement.

The Văn phòng Chính phủ counts the execution of tasks and reports as *đã hoàn thành
đúng hạn / đã hoàn thành quá hạn / chưa hoàn thành, trong hạn / chưa hoàn thành, quá
hạn*, with the days late summed, per unit and period; a sơ kết report and the year's
emulation scoring (thi đua) need that table. Every class comes from
:mod:`ppcli.engine.timeliness` (the words ``show`` and ``due`` write); nothing is
classed again here, and the site's per-organisation counts are these counts.

What is counted (one *entry* each):

* each period of each reporting duty, once per reporter (a report owed by three
  parties is three tasks), when the period has begun by ``today`` (a one-time report:
  when the agreement has begun); the periods an agreement's successor owes are not its,
  and a closed agreement's unrecorded (``untracked``) ones are nobody's;
* each conference (each occurrence of a recurring one), once per host, once its planned
  window has opened (or it was held);
* the urgings (``reminder:`` records) made in the window, for the party urged (``to``,
  else each reporter that had not sent the period by the urging's day).

An entry belongs to the window ``since``..``until`` by its period's last day (a
one-time report or a conference: by its deadline); an urging by its own date. A party
that merged or split counts under the bodies that carry its duties today (the
registry's successors), as in ``due``. Pure: ``today`` is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ppcli.engine.schedule import Obligation, conference_states, replaced_by
from ppcli.engine.timeliness import (
    Timeliness,
    conference_timeliness,
    days_late,
    sent_on,
    timeliness,
)
from ppcli.files.model import Agreement, Record, Registry
from ppcli.files.record_checks import urges_reporter

# agreement id -> duty id -> obligations (``show``'s periods: engine.due.all_duty_states)
States = Mapping[str, Mapping[str, Sequence[Obligation]]]


@dataclass
class Tally:
    """One row of the table: the four classes, the urgings and the days late summed (of
    the entries done late and of those overdue, up to ``today``)."""

    done_on_time: int = 0
    done_late: int = 0
    open: int = 0
    overdue: int = 0
    reminders: int = 0
    days_late: int = 0

    @property
    def total(self) -> int:
        return self.done_on_time + self.done_late + self.open + self.overdue

    def add(self, cls: Timeliness, late: int) -> None:
        if cls is Timeliness.DONE_ON_TIME:
            self.done_on_time += 1
        elif cls is Timeliness.DONE_LATE:
            self.done_late += 1
        elif cls is Timeliness.OPEN:
            self.open += 1
        else:
            self.overdue += 1
        self.days_late += late

    def count(self, cls: Timeliness) -> int:
        return {Timeliness.DONE_ON_TIME: self.done_on_time,
                Timeliness.DONE_LATE: self.done_late, Timeliness.OPEN: self.open,
                Timeliness.OVERDUE: self.overdue}[cls]

    def to_json(self) -> dict[str, int]:
        return {"done-on-time": self.done_on_time, "done-late": self.done_late,
                "open": self.open, "overdue": self.overdue, "total": self.total,
                "reminders": self.reminders, "days_late": self.days_late}


@dataclass(frozen=True)
class Entry:
    """One counted task: a reporter's period of a duty, or a host's conference."""

    agreement: str
    type: str  # 'report' or 'conference'
    item: str
    period: str | None
    party: str  # the party of record (a reporter or a host)
    cls: Timeliness
    days_late: int
    due: dt.date
    done_on: dt.date | None


@dataclass
class Stats:
    today: dt.date
    since: dt.date | None
    until: dt.date | None
    parties: dict[str, Tally] = field(default_factory=dict)  # ordered by id
    agreements: dict[str, Tally] = field(default_factory=dict)  # ordered by id
    total: Tally = field(default_factory=Tally)
    entries: list[Entry] = field(default_factory=list)


def folded(registry: Registry, org: str, day: dt.date) -> tuple[str, ...]:
    """Who stands for ``org`` on ``day``: the bodies acting for it (``Registry.acting_for``:
    its successors when it has merged), else itself (dissolved with no successor)."""
    return registry.acting_for(org, day) or (org,)


def _in_window(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def report_entries(a: Agreement, obs: Sequence[Obligation], today: dt.date
                   ) -> Iterator[Entry]:
    """The entries of one duty's obligations that have begun by ``today``."""
    for ob in obs:
        if ob.untracked:
            continue  # a closed agreement's period: outside the four classes
        if ob.period is not None and ob.period.start > today:
            continue
        if ob.period is None and (a.start is None or a.start > today):
            continue
        day = ob.period.end if ob.period is not None else ob.due
        for reporter in ob.duty.reporters:
            yield Entry(a.id, "report", ob.duty.id, ob.period.key if ob.period else None,
                        reporter, timeliness(ob, today, reporter),
                        days_late(ob, today, reporter), day, sent_on(ob, reporter))


def conference_entries(a: Agreement, successor: Agreement | None, today: dt.date
                       ) -> Iterator[Entry]:
    cut = successor.start if successor is not None else None
    for conf in a.conferences:
        for state in conference_states(a, conf, today):
            if cut is not None and state.due >= cut:
                continue  # the successor agreement plans its own conferences
            if state.untracked or (state.held is None and state.opens > today):
                continue  # no longer followed (a closed agreement), or not opened yet
            cls, late = conference_timeliness(state, today)
            for host in conf.hosts:
                yield Entry(a.id, "conference", conf.id,
                            state.period.key if state.period else None, host, cls, late,
                            state.due, state.held.date if state.held else None)


def reminder_parties(a: Agreement, r: Record, registry: Registry) -> tuple[str, ...]:
    """Whom an urging concerns: ``to`` (a reporter of the duty, or the body carrying one's
    duties then; anyone else: nobody, as PP125 warns), else each reporter of the duty that
    had not sent the period by the urging's day (none when the duty is unknown)."""
    duty = a.duty(r.item)
    if duty is None:
        return ()
    if r.to is not None:
        return (r.to,) if urges_reporter(registry, duty, r) else ()
    if len(duty.reporters) == 1:
        return duty.reporters
    sent = {s.by for s in a.records if s.kind == "report" and s.item == r.item
            and s.period == r.period and s.date <= r.date}
    return tuple(o for o in duty.reporters if o not in sent)


def stats(agreements: Sequence[Agreement], states: States, registry: Registry,
          today: dt.date, since: dt.date | None = None, until: dt.date | None = None,
          party: str | None = None, agreement: str | None = None) -> Stats:
    """The counts of ``agreements`` (only ``agreement``, only entries of ``party`` — of
    record or carrying its duties today — when given) in the window."""
    out = Stats(today, since, until)
    successors = replaced_by(agreements)
    parties: dict[str, Tally] = {}
    per_agreement: dict[str, Tally] = {}

    def wanted(org: str) -> tuple[str, ...] | None:
        now = folded(registry, org, today)
        if party is None:
            return now
        return (party,) if party == org or party in now else None

    for a in agreements:
        if agreement is not None and a.id != agreement:
            continue
        entries = [e for obs in states.get(a.id, {}).values()
                   for e in report_entries(a, obs, today)]
        entries += conference_entries(a, successors.get(a.id), today)
        for e in entries:
            now = wanted(e.party)
            if now is None or not _in_window(e.due, since, until):
                continue
            out.entries.append(e)
            out.total.add(e.cls, e.days_late)
            per_agreement.setdefault(a.id, Tally()).add(e.cls, e.days_late)
            for org in now:
                parties.setdefault(org, Tally()).add(e.cls, e.days_late)
        for r in a.records:
            if r.kind != "reminder" or not _in_window(r.date, since, until):
                continue
            urged = [now for org in reminder_parties(a, r, registry) if (now := wanted(org)) is not None]
            if not urged:
                continue
            out.total.reminders += 1
            per_agreement.setdefault(a.id, Tally()).reminders += 1
            for org in dict.fromkeys(o for now in urged for o in now):
                parties.setdefault(org, Tally()).reminders += 1
    out.parties = dict(sorted(parties.items()))
    out.agreements = dict(sorted(per_agreement.items()))
    return out


def year_window(year: int | None) -> tuple[dt.date | None, dt.date | None]:
    """``--year Y``: from 1 January to 31 December of Y; no year: no bounds."""
    if year is None:
        return None, None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
