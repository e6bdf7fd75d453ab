"""The schedule engine: periods, deadline rules, working days. Pure functions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ppcli.engine.schedule import (
    PeriodState,
    build_schedule,
    nominal_deadline,
    obligation_state,
    obligations,
    reporters_owing,
    reporters_sent,
    resolve_rule,
)
from ppcli.engine.workdays import build_calendar
from ppcli.files.model import Agreement, Deadline
from ppcli.periods import Frequency, Period, containing, parse_period, periods_between

D = dt.date
CAL = build_calendar(range(2022, 2028))


def test_period_keys_round_trip() -> None:
    for key in ("2024", "2024-H1", "2024-H2", "2024-Q1", "2024-Q4", "2024-01", "2024-12"):
        period = parse_period(key)
        assert period is not None and period.key == key
    for bad in ("2024-H3", "2024-Q5", "2024-13", "2024-00", "24", "2024-1", "2024Q1"):
        assert parse_period(bad) is None


def test_period_dates() -> None:
    assert (parse_period("2024-Q1").start, parse_period("2024-Q1").end) == (  # type: ignore[union-attr]
        D(2024, 1, 1), D(2024, 3, 31))
    assert parse_period("2024-02").end == D(2024, 2, 29)  # type: ignore[union-attr]
    assert parse_period("2025-02").end == D(2025, 2, 28)  # type: ignore[union-attr]
    assert parse_period("2024-H2").start == D(2024, 7, 1)  # type: ignore[union-attr]


def test_period_labels_in_vietnamese() -> None:
    labels = [parse_period(k).label().vi for k in ("2024", "2024-H1", "2024-Q3", "2024-05")]  # type: ignore[union-attr]
    assert labels == ["năm 2024", "6 tháng đầu năm 2024", "quý III/2024", "tháng 5/2024"]


frequencies = st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY,
                               Frequency.YEARLY])
dates = st.dates(min_value=D(1999, 1, 1), max_value=D(2101, 12, 31))


@given(frequencies, dates, st.integers(min_value=0, max_value=3000))
def test_periods_cover_every_day_exactly_once(freq: Frequency, start: dt.date, length: int
                                              ) -> None:
    end = start + dt.timedelta(days=length)
    periods = list(periods_between(freq, start, end))
    assert periods[0].start <= start <= periods[0].end
    assert periods[-1].start <= end <= periods[-1].end
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)  # no gap, no overlap
        assert before.next() == after and before < after
    assert len({p.key for p in periods}) == len(periods)  # none counted twice


@given(frequencies, dates)
def test_containing_holds_the_day(freq: Frequency, day: dt.date) -> None:
    period = containing(freq, day)
    assert period.start <= day <= period.end
    assert parse_period(period.key) == period


def deadline(key: str, **rule: int) -> dt.date:
    period = parse_period(key)
    assert period is not None
    return nominal_deadline(period, Deadline(**rule), CAL)  # type: ignore[arg-type]


def test_fixed_day_of_the_last_month_clamps_to_month_end() -> None:
    assert deadline("2024-Q2", day=31) == D(2024, 6, 30)
    assert deadline("2024-02", day=31) == D(2024, 2, 29)
    assert deadline("2025-02", day=30) == D(2025, 2, 28)
    assert deadline("2024-Q3", day=20) == D(2024, 9, 20)
    assert deadline("2024-H1", day=15) == D(2024, 6, 15)


def test_fixed_day_and_month_each_year() -> None:
    assert deadline("2024", day=15, month=12) == D(2024, 12, 15)
    assert deadline("2025", day=29, month=2) == D(2025, 2, 28)
    assert deadline("2024", day=29, month=2) == D(2024, 2, 29)


def test_days_after_the_period() -> None:
    assert deadline("2024-Q4", days_after=10) == D(2025, 1, 10)
    assert deadline("2024-01", days_after=0) == D(2024, 1, 31)


def test_working_days_after_skip_new_year() -> None:
    # 31/12/2024 is a Tuesday; 01/01/2025 is a holiday; 4-5/01 a weekend
    assert deadline("2024-Q4", working_days_after=5) == D(2025, 1, 8)


def test_nd09_regime_is_the_25th_of_the_last_month() -> None:
    period = parse_period("2024-Q3")
    assert period is not None
    assert nominal_deadline(period, Deadline(regime="nd09"), CAL) == D(2024, 9, 25)


def test_roll_forward_across_tet_2025() -> None:
    # 28/01/2025 is Tết eve; the holidays run to Saturday 01/02, then a Sunday
    assert CAL.roll_forward(D(2025, 1, 28)) == D(2025, 2, 3)
    assert CAL.why_not_working(D(2025, 1, 29)) == "Tết Nguyên Đán"


def test_roll_forward_across_30_4_and_1_5_2025() -> None:
    # 30/4 and 1/5 are holidays, 2/5 is the day off swapped with Saturday 26/4
    assert CAL.roll_forward(D(2025, 4, 30)) == D(2025, 5, 5)
    assert CAL.is_working(D(2025, 4, 26))  # the make-up Saturday


def test_roll_forward_across_2_9() -> None:
    assert CAL.roll_forward(D(2025, 9, 1)) == D(2025, 9, 3)
    assert CAL.roll_forward(D(2024, 9, 2)) == D(2024, 9, 4)


def test_vietnamese_culture_day_2026() -> None:
    assert not CAL.is_working(D(2026, 11, 24))
    assert CAL.roll_forward(D(2026, 11, 24)) == D(2026, 11, 25)


def test_repository_days_off_and_make_up_days_win() -> None:
    cal = build_calendar([2027], [(D(2027, 12, 31), "Nghỉ bù")], [(D(2027, 1, 2), "Làm bù")])
    assert not cal.is_working(D(2027, 12, 31))
    assert cal.is_working(D(2027, 1, 2))  # a Saturday made a working day
    assert cal.roll_forward(D(2027, 12, 31)) == D(2028, 1, 3)


def test_period_ordering_is_chronological_within_a_frequency() -> None:
    assert Period(2024, 3, 4) < Period(2025, 3, 1)


def test_nd09_data_windows() -> None:
    from ppcli.engine.schedule import nd09_window

    def window(key: str) -> tuple[str, str]:
        period = parse_period(key)
        assert period is not None
        start, end = nd09_window(period)
        return start.isoformat(), end.isoformat()

    assert window("2024") == ("2023-12-15", "2024-12-14")
    assert window("2024-H1") == ("2023-12-15", "2024-06-14")
    assert window("2024-H2") == ("2024-06-15", "2024-12-14")
    assert window("2024-Q1") == ("2023-12-15", "2024-03-14")
    assert window("2024-Q3") == ("2024-06-15", "2024-09-14")
    assert window("2024-03") == ("2024-02-15", "2024-03-14")


# -- several reporters ---------------------------------------------------------------

TWO_REPORTERS = """\
id: hai-ben
kind: quy-che
title: Quy chế hai bên
signed: 2024-01-02
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2024-01-02, end: 2024-12-31}
duties:
  - id: quy
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {day: 15}
  - id: nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15}
records:
  - report: quy
    period: 2024-Q1
    date: 2024-03-14
    by: so-noi-vu-ca-mau
  - report: quy
    period: 2024-Q2
    date: 2024-06-14
    by: tinh-doan-ca-mau
  - report: quy
    period: 2024-Q2
    date: 2024-06-17
    by: so-noi-vu-ca-mau
  - report: quy
    period: 2024-Q3
    date: 2024-09-10
  - report: nam
    period: 2024
    date: 2024-12-10
"""


def _two_reporters() -> Agreement:
    from pathlib import Path

    from ppcli.files.repository import load_agreement

    a, _, _ = load_agreement(Path("hai-ben.yaml"), "agreements/hai-ben.yaml",
                             TWO_REPORTERS.encode("utf-8"))
    assert a is not None
    return a


def test_a_period_of_several_reporters_is_done_when_each_has_sent() -> None:
    a = _two_reporters()
    duty = a.duties[0]
    obs = obligations(a, duty, resolve_rule(duty, None), CAL, D(2024, 12, 31))
    today = D(2024, 10, 1)
    states = [(ob.period.key if ob.period else "", ob.nominal_due, ob.due,
               obligation_state(ob, today)) for ob in obs]
    snv, td = "so-noi-vu-ca-mau", "tinh-doan-ca-mau"
    q3_record = next(r for r in a.records if r.period == "2024-Q3")
    assert states == [
        # Tỉnh đoàn has not sent the first quarter: still overdue, owed by Tỉnh đoàn only
        ("2024-Q1", D(2024, 3, 15), D(2024, 3, 15),
         PeriodState("overdue", (td,), (snv,), ())),
        # both sent: done (15/06/2024 is a Saturday, moved to Monday 17/06)
        ("2024-Q2", D(2024, 6, 15), D(2024, 6, 17), PeriodState("done", (), (snv, td), ())),
        # a record without by counts for nobody (15/09/2024: a Sunday)
        ("2024-Q3", D(2024, 9, 15), D(2024, 9, 16),
         PeriodState("overdue", (snv, td), (), (q3_record,))),
        ("2024-Q4", D(2024, 12, 15), D(2024, 12, 16),
         PeriodState("upcoming", (snv, td), (), ())),
    ]
    # one reporter: a record without by is that reporter's
    yearly = a.duties[1]
    [year] = obligations(a, yearly, resolve_rule(yearly, None), CAL, D(2024, 12, 31))
    assert obligation_state(year, D(2025, 1, 5)) == PeriodState("done", (), (snv,), ())


def test_reporters_owing_rule() -> None:
    a = _two_reporters()
    duty = a.duties[0]
    by = {r.by: r for r in a.records if r.period == "2024-Q2"}
    nameless = next(r for r in a.records if r.period == "2024-Q3")
    assert reporters_owing(duty, []) == duty.reporters
    assert reporters_owing(duty, [by["tinh-doan-ca-mau"]]) == ("so-noi-vu-ca-mau",)
    assert reporters_owing(duty, [by["tinh-doan-ca-mau"], by["so-noi-vu-ca-mau"]]) == ()
    assert reporters_owing(duty, [nameless]) == duty.reporters
    assert reporters_owing(duty, [nameless, by["so-noi-vu-ca-mau"]]) == ("tinh-doan-ca-mau",)
    assert reporters_sent(duty, ("so-noi-vu-ca-mau",)) == ("tinh-doan-ca-mau",)


def test_schedule_keeps_done_periods_only_from_a_day() -> None:
    a = _two_reporters()
    keys = [(ob.duty.id, ob.period.key if ob.period else "")
            for ob in build_schedule(a, None, CAL, D(2025, 3, 1), keep_done=True,
                                     done_since=D(2024, 6, 18)).obligations]
    # Q2 is done but due 17/06/2024, before the day: left out; open periods always kept
    assert keys == [("quy", "2024-Q1"), ("quy", "2024-Q3"), ("quy", "2024-Q4"),
                    ("nam", "2024")]
    keys = [(ob.duty.id, ob.period.key if ob.period else "")
            for ob in build_schedule(a, None, CAL, D(2025, 3, 1), keep_done=True,
                                     done_since=D(2024, 6, 17)).obligations]
    assert ("quy", "2024-Q2") in keys
    assert [(ob.duty.id, ob.period.key if ob.period else "")
            for ob in build_schedule(a, None, CAL, D(2025, 3, 1)).obligations] == [
        ("quy", "2024-Q1"), ("quy", "2024-Q3"), ("quy", "2024-Q4")]
