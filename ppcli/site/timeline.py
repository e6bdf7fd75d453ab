"""The timeline of agreements and conferences, as SVG geometry (drawn by a template; no
chart library in the browser)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ppcli.engine.lifecycle import Row
from ppcli.files.model import Agreement

LABEL_WIDTH = 300  # the left column with the agreements' ids
WIDTH = 1000  # the SVG's user units; it scales to the page's width
ROW = 24
TOP = 28  # room for the years


@dataclass(frozen=True)
class Mark:
    x: float
    held: bool
    title: str


@dataclass(frozen=True)
class Bar:
    row: Row
    y: int
    x: float
    width: float
    open_ended: bool
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, float], ...]  # (year, x of 1 January)
    today_x: float
    height: int
    undrawn: tuple[Row, ...]  # no start date


def axis(rows: Sequence[Row], today: dt.date) -> tuple[dt.date, dt.date]:
    """From 1 January of the earliest start to the end of the year after the latest end
    (or after today, for open-ended agreements)."""
    starts = [r.start for r in rows if r.start]
    ends = [r.end for r in rows if r.end] + [today]
    first = min(starts, default=today)
    return dt.date(first.year, 1, 1), dt.date(max(ends).year + 1, 12, 31)


def layout(rows: Sequence[Row], agreements: Mapping[str, Agreement], today: dt.date,
           span: tuple[dt.date, dt.date]) -> Timeline:
    """Bars for ``rows`` on the axis ``span`` (the same axis on every page)."""
    low, high = span
    days = max((high - low).days, 1)
    scale = (WIDTH - LABEL_WIDTH - 10) / days

    def x(day: dt.date) -> float:
        day = min(max(day, low), high)
        return round(LABEL_WIDTH + (day - low).days * scale, 1)

    bars: list[Bar] = []
    undrawn: list[Row] = []
    for row in rows:
        if row.start is None:
            undrawn.append(row)
            continue
        y = TOP + len(bars) * ROW
        end = row.end or high
        a = agreements.get(row.id)
        marks: list[Mark] = []
        for c in a.conferences if a else ():
            assert a is not None
            if c.planned is None:  # a recurring meeting: a mark for each one held
                marks += [Mark(x(r.date), True, f"{c.title or c.id} {r.period}: "
                               f"{r.date.isoformat()}") for r in a.records
                          if r.kind == "conference" and r.item == c.id]
                continue
            held = next((r.date for r in a.records
                         if r.kind == "conference" and r.item == c.id), None)
            day = held or c.planned.latest
            marks.append(Mark(x(day), held is not None,
                              f"{c.title or c.id}: {held.isoformat() if held else c.planned.key}"))
        left = x(row.start)
        bars.append(Bar(row, y, left, max(round(x(end) - left, 1), 2.0), row.end is None,
                        tuple(marks)))
    years = tuple((year, x(dt.date(year, 1, 1))) for year in range(low.year, high.year + 1))
    return Timeline(tuple(bars), years, x(today), TOP + len(bars) * ROW + 8, tuple(undrawn))
