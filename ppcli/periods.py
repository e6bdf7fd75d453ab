"""Reporting periods: keys such as ``2024``, ``2024-H1``, ``2024-Q3``, ``2024-05``.

Pure functions over dates; no clock, no I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from ppcli.i18n import Label


class Frequency(StrEnum):
    MONTHLY = "hang-thang"
    QUARTERLY = "hang-quy"
    HALF_YEARLY = "nua-nam"
    YEARLY = "hang-nam"
    ONCE = "mot-lan"

    @property
    def months(self) -> int:
        return {"hang-thang": 1, "hang-quy": 3, "nua-nam": 6, "hang-nam": 12, "mot-lan": 0}[
            self.value
        ]


FREQUENCY_LABELS: dict[str, Label] = {  # keyed by the Frequency members (str values)
    Frequency.MONTHLY: Label("hằng tháng", "monthly"),
    Frequency.QUARTERLY: Label("hằng quý", "quarterly"),
    Frequency.HALF_YEARLY: Label("6 tháng", "half-yearly"),
    Frequency.YEARLY: Label("hằng năm", "yearly"),
    Frequency.ONCE: Label("một lần", "once"),
}

_KEY = re.compile(r"^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    months: int  # length: 12, 6, 3 or 1
    index: int  # 1-based position within the year: half, quarter or month number

    @property
    def frequency(self) -> Frequency:
        return {12: Frequency.YEARLY, 6: Frequency.HALF_YEARLY, 3: Frequency.QUARTERLY,
                1: Frequency.MONTHLY}[self.months]

    @property
    def key(self) -> str:
        if self.months == 12:
            return f"{self.year}"
        if self.months == 6:
            return f"{self.year}-H{self.index}"
        if self.months == 3:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    @property
    def first_month(self) -> int:
        return (self.index - 1) * self.months + 1

    @property
    def last_month(self) -> int:
        return self.index * self.months

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        return last_day(self.year, self.last_month)

    def next(self) -> Period:
        count = 12 // self.months
        if self.index < count:
            return Period(self.year, self.months, self.index + 1)
        return Period(self.year + 1, self.months, 1)

    def label(self) -> Label:
        """``năm 2024``, ``6 tháng đầu năm 2024``, ``quý III/2024``, ``tháng 5/2024``."""
        return _label(self)


@functools.lru_cache(maxsize=4096)  # a listing names the same periods many times
def _label(period: Period) -> Label:
    year, index = period.year, period.index
    if period.months == 12:
        return Label(f"năm {year}", f"year {year}")
    if period.months == 6:
        vi = "6 tháng đầu năm" if index == 1 else "6 tháng cuối năm"
        en = "first half of" if index == 1 else "second half of"
        return Label(f"{vi} {year}", f"{en} {year}")
    if period.months == 3:
        roman = ("I", "II", "III", "IV")[index - 1]
        return Label(f"quý {roman}/{year}", f"Q{index} {year}")
    return Label(f"tháng {index}/{year}", f"{calendar.month_name[index]} {year}")


def period_label(key: str | None) -> str:
    """The Vietnamese name of a period key ("năm 2024"), or the key as written."""
    period = parse_period(key) if key else None
    return period.label().vi if period else (key or "")


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period | None:
    """The period a key names, or None if the key is not well formed."""
    m = _KEY.match(text)
    if not m:
        return None
    year = int(m.group(1))
    if year < 1900 or year > 2200:
        return None
    if m.group(2):
        return Period(year, 6, int(m.group(2)))
    if m.group(3):
        return Period(year, 3, int(m.group(3)))
    if m.group(4):
        return Period(year, 1, int(m.group(4)))
    return Period(year, 12, 1)


def containing(frequency: Frequency, day: dt.date) -> Period:
    """The period of the given length that contains ``day``."""
    months = frequency.months
    return Period(day.year, months, (day.month - 1) // months + 1)


def periods_between(frequency: Frequency, start: dt.date, end: dt.date) -> Iterator[Period]:
    """Every period of ``frequency`` that overlaps [start, end], in order."""
    if frequency is Frequency.ONCE or end < start:
        return
    period = containing(frequency, start)
    while period.start <= end:
        yield period
        period = period.next()


@dataclass(frozen=True)
class Run:
    """Consecutive periods of one length: ``count`` periods from ``first`` to ``last``."""

    first: Period
    last: Period
    count: int

    def label(self) -> Label:
        """``tháng 02/2024`` alone, or ``33 kỳ, từ tháng 02/2024 đến tháng 10/2026``."""
        if self.count == 1:
            return self.first.label()
        first, last = self.first.label(), self.last.label()
        return Label(f"{self.count} kỳ, từ {first.vi} đến {last.vi}",
                     f"{self.count} periods, from {first.en} to {last.en}")


def runs(periods: Iterable[Period]) -> list[Run]:
    """Group periods into runs of consecutive ones of the same length, in order.

    Duplicates count once; a gap or a change of length starts a new run. The one home of
    "33 báo cáo chưa gửi, từ … đến …": ``due`` and the drafts each phrase a Run.
    """
    ordered = sorted(set(periods), key=lambda p: (p.months, p.year, p.index))
    found: list[Run] = []
    for period in ordered:
        if found and found[-1].last.months == period.months and found[-1].last.next() == period:
            last = found[-1]
            found[-1] = Run(last.first, period, last.count + 1)
        else:
            found.append(Run(period, period, 1))
    found.sort(key=lambda r: (r.first.start, -r.first.months))
    return found
