"""Working days of Vietnamese state agencies.

A deadline that falls on a Saturday, a Sunday or a public holiday ends at the end of the
next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5). Public holidays, the lunar
ones included (Tết Nguyên Đán, Giỗ Tổ Hùng Vương), their "nghỉ bù" and the make-up
Saturdays come from the maintained ``holidays`` package; the repository's
``ppcli.yaml`` adds what the Government decides each year and the package may not know
yet (``days_off``, ``working_days``).

The Saturday/Sunday weekend of state agencies follows the 40-hour week; the exact legal
basis (QĐ 188/1999/QĐ-TTg) is UNCONFIRMED (see ../shared/domain.md, §3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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
    """The calendar for ``years`` from the ``holidays`` package plus the repository's
    own days off and make-up working days (the repository wins)."""
    import holidays  # 20 ms to import: only when a calendar is needed (not on a cached run)

    years = sorted(set(years))
    vn = holidays.country_holidays("VN", years=years, language="vi")
    days_off: dict[dt.date, str] = {day: name for day, name in vn.items()}
    working = {d for d in getattr(vn, "weekend_workdays", set()) if d.year in years}
    for day, name in extra_days_off:
        days_off[day] = name or "ngày nghỉ"
        working.discard(day)
    for day, _ in extra_working:
        working.add(day)
        days_off.pop(day, None)
    return WorkCalendar(days_off, frozenset(working))
