"""Dates and periods as clerks write them (ppcli.dates, ppcli.periods.parse_period_text)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppcli.dates import DateError, parse_date
from ppcli.i18n import fold
from ppcli.periods import (
    Frequency,
    Period,
    containing,
    example_for,
    parse_period,
    parse_period_text,
    wrong_length,
)

periods = st.builds(
    lambda year, months, pos: Period(year, months, pos % (12 // months) + 1),
    st.integers(1900, 2200), st.sampled_from([1, 3, 6, 12]), st.integers(0, 11))


@given(periods)
def test_every_label_and_key_reads_back_as_its_period(period: Period) -> None:
    label = period.label()
    assert parse_period_text(label.vi) == period
    assert parse_period_text(label.en) == period
    assert parse_period_text(period.key) == period
    assert parse_period_text(fold(label.vi)) == period  # typed without diacritics
    assert parse_period_text(label.vi.upper()) == period


@given(periods)
def test_the_clerks_short_forms_read_back(period: Period) -> None:
    year, i = period.year, period.index
    forms = {1: [f"{i}/{year}", f"{i:02d}/{year}", f"T{i}/{year}", f"tháng {i} năm {year}"],
             3: [f"quý {i}/{year}", f"Q{i}/{year}", f"quy {i}/{year}"],
             6: [f"H{i}/{year}", f"6 tháng {'đầu' if i == 1 else 'cuối'} năm {year}"],
             12: [str(year), f"Năm {year}"]}[period.months]
    for form in forms:
        assert parse_period_text(form) == period, form


@pytest.mark.parametrize(("text", "key"), [
    ("10/2026", "2026-10"), ("tháng 10/2026", "2026-10"), ("thang 10/2026", "2026-10"),
    ("Tháng  10 / 2026", "2026-10"), ("quý 3/2026", "2026-Q3"), ("quý III/2026", "2026-Q3"),
    ("Q3/2026", "2026-Q3"), ("quy iii nam 2026", "2026-Q3"), ("2026-q3", "2026-Q3"),
    ("6 tháng đầu năm 2026", "2026-H1"), ("6 thang cuoi nam 2026", "2026-H2"),
    ("năm 2026", "2026"), ("2026", "2026"), ("2026-H1", "2026-H1"), ("2026-10", "2026-10"),
    ("October 2026", "2026-10"), ("first half of 2026", "2026-H1"), ("Q3 2026", "2026-Q3"),
])
def test_natural_periods(text: str, key: str) -> None:
    period = parse_period_text(text)
    assert period is not None and period.key == key


@pytest.mark.parametrize("text", ["13/2026", "0/2026", "quý 5/2026", "quý V/2026", "10/26",
                                  "2026-13", "2026-Q5", "năm 1899", "7 tháng đầu năm 2026",
                                  "Octobre 2026", "", "tháng mười 2026", "2026/10/01",
                                  "2026\t", "10/\n2026"])
def test_what_is_not_a_period(text: str) -> None:
    assert parse_period_text(text) is None


def test_the_strict_key_parser_is_unchanged() -> None:
    assert parse_period("10/2026") is None  # files keep their keys; only input is lenient
    assert parse_period("2026-10") == Period(2026, 1, 10)


def test_a_period_of_the_wrong_length_names_the_frequency_and_an_example() -> None:
    message = wrong_length("2026-10", "bao-cao-quy", Frequency.QUARTERLY)
    assert message.vi == ("kỳ \"2026-10\" (tháng 10/2026) không hợp với nghĩa vụ "
                          "\"bao-cao-quy\", báo cáo hằng quý; ví dụ: quý IV/2026 (2026-Q4)")
    assert message.en == ("period \"2026-10\" (October 2026) does not fit the duty "
                          "\"bao-cao-quy\", a quarterly report; e.g. Q4 2026 (2026-Q4)")
    assert wrong_length("xyz", "nam", Frequency.YEARLY).vi == (
        "kỳ \"xyz\" không hợp với nghĩa vụ \"nam\", báo cáo hằng năm; ví dụ: năm 2026 (2026)")
    assert example_for(Frequency.ONCE).vi == "báo cáo một lần, không ghi kỳ"


@given(periods, st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY,
                                 Frequency.HALF_YEARLY, Frequency.YEARLY]))
def test_the_example_has_the_duty_length_and_overlaps_the_period(period: Period,
                                                                 freq: Frequency) -> None:
    example = example_for(freq, period)
    expected = containing(freq, period.start)
    assert example.vi == f"{expected.label().vi} ({expected.key})"
    assert expected.start <= period.start <= expected.end


# -- dates ----------------------------------------------------------------------------------


@given(st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)))
def test_every_way_a_clerk_writes_a_date_reads_back(day: dt.date) -> None:
    d, m, y = day.day, day.month, day.year
    for text in (day.isoformat(), f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}",
                 f"{d}-{m}-{y}", f"ngày {d:02d} tháng {m} năm {y}", f"ngay {d} thang {m} nam {y}",
                 f" {d}/{m}/{y} "):
        assert parse_date(text) == day, text


@pytest.mark.parametrize(("text", "vi"), [
    ("31/12/26", "năm chỉ có 2 chữ số; hãy ghi đủ 4 chữ số, ví dụ 31/12/2026"),
    ("12/31/2026", "không có tháng 31; ngày ghi trước, tháng ghi sau: 31/12/2026"),
    ("31/02/2026", "tháng 2/2026 không có ngày 31"),
    ("29/2/2025", "tháng 2/2025 không có ngày 29"),
    ("1/13/2026", "không có tháng 13; ngày ghi trước, tháng ghi sau: 13/1/2026"),
    ("32/1/2026", "tháng 1/2026 không có ngày 32"),
    ("2026-13-01", "không có tháng 13"),
    ("hôm qua", "không đọc được ngày"),
    ("31/12-2026", "không đọc được ngày"),
])
def test_dates_refused_with_the_reason(text: str, vi: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.reason.vi == vi


def test_fold() -> None:
    assert fold("  Tỉnh ĐOÀN   Cà Mau ") == "tinh doan ca mau"
    assert fold("Quý III") == "quy iii"
