"""On time or late (ppcli.engine.timeliness): one class per period, and per reporter."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from ppcli.engine.due import all_duty_states, duty_states
from ppcli.engine.schedule import Obligation, Rule
from ppcli.engine.timeliness import Timeliness, sent_on, timeliness
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
    assert timeliness(ob(D(2024, 12, 16), rec(D(2024, 12, 16))), TODAY, HORIZON) \
        is Timeliness.ON_TIME  # on the deadline itself
    assert timeliness(ob(D(2024, 12, 16), rec(D(2024, 12, 17))), TODAY, HORIZON) \
        is Timeliness.LATE
    # two records: the first one counts
    late_then_again = ob(D(2024, 12, 16), rec(D(2025, 1, 5)), rec(D(2024, 12, 1)))
    assert sent_on(late_then_again) == D(2024, 12, 1)
    assert timeliness(late_then_again, TODAY, HORIZON) is Timeliness.ON_TIME
    assert timeliness(ob(D(2025, 5, 31)), TODAY, HORIZON) is Timeliness.OVERDUE
    assert timeliness(ob(TODAY), TODAY, HORIZON) is Timeliness.COMING  # due today: not late yet
    assert timeliness(ob(HORIZON), TODAY, HORIZON) is Timeliness.COMING
    assert timeliness(ob(HORIZON + dt.timedelta(days=1)), TODAY, HORIZON) is Timeliness.NOT_YET
    # sent before the period's deadline came near: on time, whatever the day
    assert timeliness(ob(D(2025, 12, 15), rec(D(2025, 5, 1))), TODAY, HORIZON) \
        is Timeliness.ON_TIME


def test_several_reporters() -> None:
    both = ("a", "b")
    half = ob(D(2024, 12, 16), rec(D(2024, 12, 10), "a"), reporters=both)
    assert timeliness(half, TODAY, HORIZON) is Timeliness.OVERDUE
    assert sent_on(half) is None
    assert (timeliness(half, TODAY, HORIZON, "a"), sent_on(half, "a")) == \
        (Timeliness.ON_TIME, D(2024, 12, 10))
    assert (timeliness(half, TODAY, HORIZON, "b"), sent_on(half, "b")) == \
        (Timeliness.OVERDUE, None)
    done = ob(D(2024, 12, 16), rec(D(2024, 12, 10), "a"), rec(D(2025, 1, 3), "b"),
              reporters=both)
    # the period is done when its last reporter sent: late, though "a" was on time
    assert (timeliness(done, TODAY, HORIZON), sent_on(done)) == (Timeliness.LATE, D(2025, 1, 3))
    assert timeliness(done, TODAY, HORIZON, "a") is Timeliness.ON_TIME
    assert timeliness(done, TODAY, HORIZON, "b") is Timeliness.LATE


def test_all_duty_states_are_show_s() -> None:
    """The site's batch gives each agreement exactly what ``show`` computes for it."""
    loaded = load(find_repo(ROOT))
    day = D(2026, 11, 1)
    batch = all_duty_states(loaded.agreements, loaded.config, day)
    assert set(batch) == {a.id for a in loaded.agreements}
    for a in loaded.agreements:
        assert batch[a.id] == duty_states(a, loaded.agreements, loaded.config, day)
    assert all_duty_states([], Config(), day) == {}
