"""Runs of consecutive periods: the one function behind "33 kỳ, từ … đến …"."""

from ppcli.periods import Period, parse_period, runs


def _p(key: str) -> Period:
    period = parse_period(key)
    assert period is not None
    return period


def test_consecutive_months_make_one_run_across_years() -> None:
    keys = [f"2024-{m:02d}" for m in range(2, 13)] + [f"2025-{m:02d}" for m in range(1, 13)] \
        + [f"2026-{m:02d}" for m in range(1, 11)]
    found = runs(_p(k) for k in reversed(keys))
    assert len(found) == 1
    assert found[0].count == 33
    assert found[0].label().vi == "33 kỳ, từ tháng 2/2024 đến tháng 10/2026"
    assert found[0].label().en == "33 periods, from February 2024 to October 2026"


def test_a_gap_or_another_length_starts_a_new_run() -> None:
    found = runs([_p("2025-Q1"), _p("2025-Q2"), _p("2025-Q4"), _p("2025"), _p("2025-Q2")])
    assert [(r.first.key, r.last.key, r.count) for r in found] == [
        ("2025", "2025", 1), ("2025-Q1", "2025-Q2", 2), ("2025-Q4", "2025-Q4", 1)]
    assert found[2].label().vi == "quý IV/2025"


def test_no_periods_no_runs() -> None:
    assert runs([]) == []
