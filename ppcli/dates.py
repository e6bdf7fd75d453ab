"""Dates as clerks write them: ``31/12/2026``, ``1/7/2025``, ``31.12.2026``,
``ngày 31 tháng 12 năm 2026`` (with or without diacritics), and ISO ``2026-12-31``.

Day first, always (Vietnamese order). A two-digit year (``31/12/26``) is refused, not
guessed: ppcli keeps records back to 1900, and a wrong century would move a record by a
hundred years without a word. Pure functions; no clock.
"""

from __future__ import annotations

import datetime as dt
import re

from ppcli.i18n import Label, fold

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")

DATE_FORMS = Label("31/12/2026, 1/7/2025, 31.12.2026, 2026-12-31 hoặc \"ngày 31 tháng 12 "
                   "năm 2026\" (ngày trước, tháng sau, năm đủ 4 chữ số)",
                   "31/12/2026, 1/7/2025, 31.12.2026, 2026-12-31 or \"ngày 31 tháng 12 "
                   "năm 2026\" (day first, then month, a four-digit year)")


class DateError(ValueError):
    """A date that cannot be read, with why and what to write instead."""

    def __init__(self, reason: Label) -> None:
        super().__init__(reason.en)
        self.reason = reason


def parse_date(text: str) -> dt.date:
    """The date ``text`` names; :class:`DateError` saying why not otherwise."""
    if not text.isprintable():  # a tab, a line break, a control: typed by mistake
        raise DateError(Label("có ký tự điều khiển", "holds a control character"))
    raw = fold(text)
    if m := _ISO.match(raw):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DMY.match(raw):
        day, month, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if len(year) == 2:
            raise DateError(Label(
                f"năm chỉ có 2 chữ số; hãy ghi đủ 4 chữ số, ví dụ {day}/{month}/20{year}",
                f"the year has only 2 digits; write all 4, e.g. {day}/{month}/20{year}"))
        if month > 12 and day <= 12:
            raise DateError(Label(
                f"không có tháng {month}; ngày ghi trước, tháng ghi sau: {month}/{day}/{year}",
                f"there is no month {month}; write the day first, then the month: "
                f"{month}/{day}/{year}"))
        return _make(int(year), month, day)
    if m := _WORDS.match(raw):
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    raise DateError(Label("không đọc được ngày", "not a date"))


def _make(year: int, month: int, day: int) -> dt.date:
    if year < 1:
        raise DateError(Label(f"không có năm {year}", f"there is no year {year}"))
    if not 1 <= month <= 12:
        raise DateError(Label(f"không có tháng {month}", f"there is no month {month}"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(Label(f"tháng {month}/{year} không có ngày {day}",
                              f"{year}-{month:02d} has no day {day}")) from None
