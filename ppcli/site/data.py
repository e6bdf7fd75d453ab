"""What the site shows, as plain values from the core's own results (no re-counting).

The controller (:func:`ppcli.commands.site`) gathers what ``due``, ``show``, ``list`` and
``history`` compute; this module only groups it for pages: the overview's counts are
counts of ``due``'s items, the per-organisation table is ``ppcli stats``'s table
(:func:`ppcli.engine.stats.stats` on ``show``'s periods), a grid cell is the class of
:func:`ppcli.engine.timeliness.timeliness` seen through the look-ahead (an open period
due within it is "coming", a later one "not yet").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ppcli.engine.due import DueItem
from ppcli.engine.lifecycle import STATUS_LABELS, Row
from ppcli.engine.schedule import Obligation, State
from ppcli.engine.stats import folded as folded
from ppcli.engine.stats import stats
from ppcli.engine.timeliness import TIMELINESS_LABELS, Timeliness, coming, sent_on, timeliness
from ppcli.files.model import Agreement, Duty, Registry
from ppcli.history.changes import Entry
from ppcli.i18n import Label

T = TypeVar("T")

# show's states of every agreement: agreement id -> duty id -> obligations
States = Mapping[str, Mapping[str, Sequence[Obligation]]]

# the grid's colours: views of the four classes (an open period split by the look-ahead)
SYMBOLS = {"on-time": "✓", "late": "✓!", "overdue": "✗", "coming": "…", "not-yet": "○",
           "untracked": "–"}
CELL_LABELS = {
    "on-time": TIMELINESS_LABELS[Timeliness.DONE_ON_TIME],
    "late": TIMELINESS_LABELS[Timeliness.DONE_LATE],
    "overdue": TIMELINESS_LABELS[Timeliness.OVERDUE],
    "coming": Label("trong hạn, sắp đến hạn", "open, due soon"),
    "not-yet": Label("trong hạn, chưa đến hạn", "open, not due yet"),
    "untracked": TIMELINESS_LABELS[Timeliness.UNTRACKED],
}


def cell_class(cls: Timeliness, due: dt.date, horizon: dt.date) -> str:
    """The grid's colour of a class: an open period is "coming" up to the look-ahead."""
    if cls is Timeliness.OPEN:
        return "coming" if coming(cls, due, horizon) else "not-yet"
    return {Timeliness.DONE_ON_TIME: "on-time", Timeliness.DONE_LATE: "late",
            Timeliness.OVERDUE: "overdue", Timeliness.UNTRACKED: "untracked"}[cls]


@dataclass(frozen=True)
class SiteInput:
    """Everything one run of ``ppcli site`` shows."""

    today: dt.date
    within: int
    registry: Registry
    agreements: Sequence[Agreement]
    rows: Sequence[Row]  # ``list``'s rows (the lifecycle status of each agreement)
    items: Sequence[DueItem]  # ``due``'s items
    states: States  # ``show``'s periods
    history: Sequence[Entry] = ()
    history_problem: Label | None = None
    broken: Sequence[str] = ()

    @property
    def horizon(self) -> dt.date:
        return self.today + dt.timedelta(days=self.within)


def status_label(status: str) -> Label:
    """The words of a lifecycle status (``list``'s); a status added later shows as its
    code until it has words."""
    return STATUS_LABELS.get(status, Label(status, status))


@dataclass(frozen=True)
class Overview:
    overdue: int  # items of every kind past their deadline
    due_soon: int  # reports due within the look-ahead
    conferences: int  # conferences coming within the look-ahead
    ending: int  # agreements ending soon

    @classmethod
    def of(cls, items: Sequence[DueItem]) -> Overview:
        return cls(
            sum(i.status is State.OVERDUE for i in items),
            sum(i.type == "report" and i.status is State.UPCOMING for i in items),
            sum(i.type == "conference" and i.status is State.UPCOMING for i in items),
            sum(i.type == "expiry" for i in items))


@dataclass
class Counts:
    """One organisation's row: ``ppcli stats``'s four classes (see :func:`org_counts`)."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0

    @property
    def owed(self) -> int:
        return self.on_time + self.late + self.overdue


def org_counts(agreements: Sequence[Agreement], states: States, registry: Registry,
               today: dt.date, horizon: dt.date) -> dict[str, Counts]:
    """Per organisation of today: ``ppcli stats``'s counts (each period of each duty once
    per reporter, each conference once per host, classed by
    :mod:`ppcli.engine.timeliness`; a merged organisation's count for its successor)."""
    table = stats(agreements, states, registry, today).parties
    return {org: Counts(t.done_on_time, t.done_late, t.overdue, t.open)
            for org, t in table.items()}


@dataclass(frozen=True)
class Cell:
    period: str
    cls: str  # the grid's colour (:func:`cell_class`)
    due: dt.date
    sent: dt.date | None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.cls]

    @property
    def label(self) -> Label:
        return CELL_LABELS[self.cls]


@dataclass(frozen=True)
class GridRow:
    reporter: str | None  # None: the duty has one reporter
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class DutyGrid:
    duty: Duty
    rule: Label | None
    rows: tuple[GridRow, ...] = field(default_factory=tuple)


def grids(a: Agreement, states: Mapping[str, Sequence[Obligation]], today: dt.date,
          horizon: dt.date) -> list[DutyGrid]:
    """Each duty × period of an agreement, per reporter when there are several."""
    from ppcli.engine.schedule import rule_label

    out = []
    for duty in a.duties:
        obs = states.get(duty.id, ())
        several = len(duty.reporters) > 1
        who: Sequence[str | None] = duty.reporters if several else (None,)
        rows = tuple(GridRow(r, tuple(
            Cell(ob.period.key if ob.period else "",
                 cell_class(timeliness(ob, today, r), ob.due, horizon),
                 ob.due, sent_on(ob, r)) for ob in obs)) for r in who)
        out.append(DutyGrid(duty, rule_label(obs[0].rule) if obs else None, rows))
    return out


def split(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in pages of ``size`` (one empty page when there is nothing)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]
