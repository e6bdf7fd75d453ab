"""Working days of Vietnamese state agencies.

A deadline that falls on a Saturday, a Sunday or a public holiday ends at the end of the
next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5). Public holidays, the lunar
ones included (Tết Nguyên Đán, Giỗ Tổ Hùng Vương), their "nghỉ bù" and the make-up
Saturdays come from the maintained ``holidays`` package; the Government's yearly day swaps
that ppcli ships (:mod:`ppcli.files.day_swaps`) come over them, and the repository's
``ppcli.yaml`` (``days_off``, ``working_days``) over both, for what the Government
decides and neither knows yet. :func:`calendar_days` lists them with their sources
(``ppcli holidays``).

The Saturday/Sunday weekend of state agencies follows the 40-hour week; the exact legal
basis (QĐ 188/1999/QĐ-TTg) is UNCONFIRMED (see ../shared/domain.md, §3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ppcli.files.day_swaps import shipped
from ppcli.i18n import Label, day_month

ONE_DAY = dt.timedelta(days=1)
CALENDAR_FROM = 1990  # first year of the calendar when it is built before the data is read
WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WorkCalendar:
    """Days off and make-up working days; pure once built."""

    days_off: Mapping[dt.date, str] = field(default_factory=dict)
    working: frozenset[dt.date] = frozenset()  # weekend days that are worked

    def is_working(self, day: dt.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def why_not_working(self, day: dt.date) -> str:
        """``Chủ nhật``, ``Tết Nguyên Đán``… for a day that is not worked."""
        if day in self.days_off:
            return self.days_off[day]
        return WEEKDAY_VI[day.weekday()]

    def roll_forward(self, day: dt.date) -> dt.date:
        """The day itself if worked, else the next working day."""
        while not self.is_working(day):
            day += ONE_DAY
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (the day itself is not counted,
        Bộ luật Dân sự 2015, Điều 147). Zero days: ``day`` rolled forward."""
        if count <= 0:
            return self.roll_forward(day)
        while count:
            day += ONE_DAY
            if self.is_working(day):
                count -= 1
        return day


def build_calendar(years: Iterable[int], extra_days_off: Iterable[tuple[dt.date, str]] = (),
                   extra_working: Iterable[tuple[dt.date, str]] = ()) -> WorkCalendar:
    """The calendar for ``years`` from the ``holidays`` package, the day swaps shipped with
    ppcli, then the repository's own days off and make-up working days (the repository
    wins)."""
    years = sorted(set(years))
    days_off: dict[dt.date, str] = {}
    working: set[dt.date] = set()
    for day in _layers(years, extra_days_off, extra_working):
        if day.off:
            days_off[day.date] = day.name
            working.discard(day.date)
        else:
            working.add(day.date)
            days_off.pop(day.date, None)
    return WorkCalendar(days_off, frozenset(working))


@dataclass(frozen=True)
class CalendarDay:
    """One day off or make-up working day ppcli counts, and where it comes from:
    ``source`` is 'holidays' (the package), 'decision' (shipped with ppcli) or
    'repository' (``agreements/ppcli.yaml``); ``basis`` says which, in both languages."""

    date: dt.date
    off: bool  # False: a weekend day that is worked
    name: str
    source: str
    basis: Label

    @property
    def weekday(self) -> Label:
        return Label(WEEKDAY_VI[self.date.weekday()], WEEKDAY_EN[self.date.weekday()])


def _layers(years: list[int], extra_days_off: Iterable[tuple[dt.date, str]],
            extra_working: Iterable[tuple[dt.date, str]]) -> list[CalendarDay]:
    """Every day from each source, lowest first: the package, the shipped decisions, the
    repository. A later entry for the same day overrides an earlier one."""
    import holidays  # 20 ms to import: only when a calendar is needed (not on a cached run)

    wanted = set(years)
    version = getattr(holidays, "__version__", "?")
    package = Label(f"gói holidays {version}", f"holidays package {version}")
    vn = holidays.country_holidays("VN", years=years, language="vi")
    out = [CalendarDay(day, True, name, "holidays", package) for day, name in sorted(vn.items())]
    out += [CalendarDay(day, False, "Ngày làm bù", "holidays", package)
            for day in sorted(getattr(vn, "weekend_workdays", set())) if day.year in wanted]
    data = shipped()
    for d in data.decisions:
        basis = Label(f"Công văn số {d.number} ngày {day_month(d.date)} của Văn phòng Chính phủ "
                      f"({d.subject}); dữ liệu kèm ppcli {data.version}",
                      f"Government Office letter {d.number} of {d.date.isoformat()} "
                      f"({d.subject}); shipped with ppcli, data {data.version}")
        out += [CalendarDay(day, True, name, "decision", basis)
                for day, name in d.days_off if day.year in wanted]
        out += [CalendarDay(day, False, name, "decision", basis)
                for day, name in d.working_days if day.year in wanted]
    repo = Label("agreements/ppcli.yaml của kho", "the repository's agreements/ppcli.yaml")
    out += [CalendarDay(day, True, name or "ngày nghỉ", "repository", repo)
            for day, name in extra_days_off]
    out += [CalendarDay(day, False, name or "Ngày làm bù", "repository", repo)
            for day, name in extra_working]
    return out


def calendar_days(year: int, extra_days_off: Iterable[tuple[dt.date, str]] = (),
                  extra_working: Iterable[tuple[dt.date, str]] = ()) -> list[CalendarDay]:
    """Every day off and make-up working day ppcli counts in ``year``, by date, each from
    the source that decides it (the repository over the shipped decisions over the
    package)."""
    chosen: dict[dt.date, CalendarDay] = {}
    for day in _layers([year], extra_days_off, extra_working):
        if day.date.year == year:
            chosen[day.date] = day
    return [chosen[d] for d in sorted(chosen)]
