"""On time or late (ppcli.engine.timeliness): one class per period, and per reporter."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from ppcli.engine.due import all_duty_states, duty_states
from ppcli.engine.schedule import Obligation, Rule
from ppcli.engine.timeliness import Timeliness, coming, days_late, sent_on, timeliness
from ppcli.files.model import Config, Deadline, Duty, Record, RecordKind
from ppcli.files.repository import find_repo, load
from ppcli.periods import Frequency, parse_period

D = dt.date
TODAY = D(2025, 6, 1)
HORIZON = TODAY + dt.timedelta(days=30)


def ob(due: dt.date, *records: Record, reporters: tuple[str, ...] = ("a",)) -> Obligation:
    duty = Duty("bc", reporters, ("x",), Frequency.YEARLY)
    if len(reporters) < 2:
        owing = () if records else reporters
    else:
        done = {r.by for r in records}
        owing = tuple(o for o in reporters if o not in done)
    return Obligation(duty, parse_period("2024"), due, due, None, owing, records,
                      Rule(Deadline(day=15, month=12), "agreement"))


def rec(day: dt.date, by: str | None = None) -> Record:
    return Record(RecordKind.REPORT, "bc", day, "2024", by=by)


def test_one_reporter() -> None:
    assert timeliness(ob(D(2024, 12, 16), rec(D(2024, 12, 16))), TODAY) \
        is Timeliness.DONE_ON_TIME  # on the deadline itself
    late = ob(D(2024, 12, 16), rec(D(2024, 12, 17)))
    assert (timeliness(late, TODAY), days_late(late, TODAY)) == (Timeliness.DONE_LATE, 1)
    # two records: the first one counts
    late_then_again = ob(D(2024, 12, 16), rec(D(2025, 1, 5)), rec(D(2024, 12, 1)))
    assert sent_on(late_then_again) == D(2024, 12, 1)
    assert timeliness(late_then_again, TODAY) is Timeliness.DONE_ON_TIME
    overdue = ob(D(2025, 5, 31))
    assert (timeliness(overdue, TODAY), days_late(overdue, TODAY)) == (Timeliness.OVERDUE, 1)
    # open either side of the look-ahead: one class; the site's colour is a view of it
    assert (timeliness(ob(TODAY), TODAY), days_late(ob(TODAY), TODAY)) == \
        (Timeliness.OPEN, 0)  # due today: not late yet
    assert timeliness(ob(HORIZON), TODAY) is Timeliness.OPEN
    assert timeliness(ob(HORIZON + dt.timedelta(days=1)), TODAY) is Timeliness.OPEN
    assert coming(Timeliness.OPEN, HORIZON, HORIZON)
    assert not coming(Timeliness.OPEN, HORIZON + dt.timedelta(days=1), HORIZON)
    assert not coming(Timeliness.OVERDUE, TODAY, HORIZON)
    # sent before the period's deadline came near: on time, whatever the day
    assert timeliness(ob(D(2025, 12, 15), rec(D(2025, 5, 1))), TODAY) \
        is Timeliness.DONE_ON_TIME


def test_several_reporters() -> None:
    both = ("a", "b")
    half = ob(D(2024, 12, 16), rec(D(2024, 12, 10), "a"), reporters=both)
    assert timeliness(half, TODAY) is Timeliness.OVERDUE
    assert sent_on(half) is None
    assert (timeliness(half, TODAY, "a"), sent_on(half, "a")) == \
        (Timeliness.DONE_ON_TIME, D(2024, 12, 10))
    assert (timeliness(half, TODAY, "b"), sent_on(half, "b")) == \
        (Timeliness.OVERDUE, None)
    done = ob(D(2024, 12, 16), rec(D(2024, 12, 10), "a"), rec(D(2025, 1, 3), "b"),
              reporters=both)
    # the period is done when its last reporter sent: late, though "a" was on time
    assert (timeliness(done, TODAY), sent_on(done)) == (Timeliness.DONE_LATE, D(2025, 1, 3))
    assert timeliness(done, TODAY, "a") is Timeliness.DONE_ON_TIME
    assert timeliness(done, TODAY, "b") is Timeliness.DONE_LATE


def test_all_duty_states_are_show_s() -> None:
    """The site's batch gives each agreement exactly what ``show`` computes for it."""
    loaded = load(find_repo(ROOT))
    day = D(2026, 11, 1)
    batch = all_duty_states(loaded.agreements, loaded.config, day)
    assert set(batch) == {a.id for a in loaded.agreements}
    for a in loaded.agreements:
        assert batch[a.id] == duty_states(a, loaded.agreements, loaded.config, day)
    assert all_duty_states([], Config(), day) == {}
