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


# -- periods as clerks write them -------------------------------------------------------------

# on folded text (ppcli.i18n.fold: lower case, no diacritics, single spaces)
_SEP = r"\s*(?:/|-|\.|\s)\s*(?:nam\s+)?"
_TEXT_FORMS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(?:nam\s*)?(?:year\s+)?(\d{4})$"), 12),
    (re.compile(r"^(\d{4})-h([12])$"), -6),
    (re.compile(r"^(\d{4})-q([1-4])$"), -3),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), -1),
    (re.compile(r"^(?:6\s*thang|nua)\s*(dau|cuoi)\s*(?:nam\s*)?(\d{4})$"), 6),
    (re.compile(r"^(first|second) half(?: of)?\s+(\d{4})$"), 6),
    (re.compile(r"^h([12])" + _SEP + r"(\d{4})$"), 6),
    (re.compile(r"^(?:quy\s*|q)(iv|i{1,3}|[1-4])" + _SEP + r"(\d{4})$"), 3),
    (re.compile(r"^(?:thang\s*|t)?(\d{1,2})" + _SEP + r"(\d{4})$"), 1),
    (re.compile(r"^([a-z]+)\s+(\d{4})$"), 1),  # October 2026
)
_HALVES = {"dau": 1, "cuoi": 2, "first": 1, "second": 2, "1": 1, "2": 2}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_NAMES = {calendar.month_name[m].casefold(): m for m in range(1, 13)}

PERIOD_FORMS = Label(
    "tháng: 10/2026, tháng 10/2026; quý: quý 3/2026, quý III/2026, Q3/2026; "
    "nửa năm: 6 tháng đầu năm 2026, 6 tháng cuối năm 2026; năm: năm 2026, 2026; "
    "hoặc mã kỳ: 2026-10, 2026-Q3, 2026-H1",
    "month: 10/2026, October 2026; quarter: Q3/2026, quý III/2026; half year: "
    "first half of 2026, 6 tháng đầu năm 2026; year: 2026; or the period key: 2026-10, "
    "2026-Q3, 2026-H1")


def parse_period_text(text: str) -> Period | None:
    """The period ``text`` names, written as a key (``2026-Q3``) or as a clerk writes it
    (``tháng 10/2026``, ``quý III/2026``, ``Q3/2026``, ``6 tháng đầu năm 2026``,
    ``năm 2026``, with or without diacritics), or as ppcli's English labels name it
    (``Q3 2026``, ``first half of 2026``, ``October 2026``); None otherwise."""
    from ppcli.i18n import fold

    if not text.isprintable():  # a tab, a line break, a control: typed by mistake
        return None
    raw = fold(text)
    for pattern, months in _TEXT_FORMS:
        m = pattern.match(raw)
        if m is None:
            continue
        if months < 0:  # a key: year first
            return _period(int(m.group(1)), -months, int(m.group(2)))
        if months == 12:
            return _period(int(m.group(1)), 12, 1)
        part, year = m.group(1), int(m.group(2))
        if months == 6:
            return _period(year, 6, _HALVES[part])
        if months == 3:
            return _period(year, 3, _ROMAN[part] if part in _ROMAN else int(part))
        index = _MONTH_NAMES.get(part) if part.isalpha() else int(part)
        return _period(year, 1, index) if index is not None else None
    return None


def _period(year: int, months: int, index: int) -> Period | None:
    if not 1900 <= year <= 2200 or not 1 <= index <= 12 // months:
        return None
    return Period(year, months, index)


def example_for(frequency: Frequency, near: Period | None = None) -> Label:
    """A period of ``frequency`` to show in a message, near ``near``: ``quý IV/2026
    (2026-Q4)``; for a one-off duty, that it takes no period."""
    if frequency is Frequency.ONCE:
        return Label("báo cáo một lần, không ghi kỳ", "a one-off report takes no period")
    period = containing(frequency, near.start if near is not None else dt.date(2026, 1, 1))
    label = period.label()
    return Label(f"{label.vi} ({period.key})", f"{label.en} ({period.key})")


def wrong_length(written: str, duty_id: str, frequency: Frequency) -> Label:
    """Why a period does not fit a duty, naming the duty's frequency and an example."""
    freq = FREQUENCY_LABELS[frequency]
    period = parse_period_text(written)
    what = Label(f"kỳ \"{written}\"", f"period \"{written}\"")
    if period is not None:
        label = period.label()
        what = Label(f"{what.vi} ({label.vi})", f"{what.en} ({label.en})")
    example = example_for(frequency, period)
    return Label(f"{what.vi} không hợp với nghĩa vụ \"{duty_id}\", báo cáo {freq.vi}; "
                 f"ví dụ: {example.vi}",
                 f"{what.en} does not fit the duty \"{duty_id}\", a {freq.en} report; "
                 f"e.g. {example.en}")
