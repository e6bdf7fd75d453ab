"""One-time duties (``frequency: mot-lan``, ``deadline: {date: …}``) through the CLI.

The expected dates are worked out by hand from docs/due.md: "{date: …}: ngày đó", and a
deadline on a Saturday, Sunday or public holiday moves to the next working day (Bộ luật
Dân sự 2015, Điều 148 khoản 5). The weekdays and holidays each expectation leans on are
asserted too, so a wrong calendar assumption fails here rather than hiding.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import run, write_repo

AGREEMENT = """\
id: mot-lan
kind: quy-che
title: Quy chế thử
signed: 2024-01-10
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2024-01-10
  end: 2026-12-31
duties:
  - id: a
    title: Báo cáo sơ kết
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2024-07-28}
  - id: b
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2024-06-14}
  - id: c
    from: tinh-doan-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2024-05-15}
  - id: d
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2025-08-30}
records:
  - report: c
    date: 2024-05-10
  - report: b
    by: tinh-doan-ca-mau
    date: 2024-06-10
"""

TODAY = "2024-07-20"


def _repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "r", {"mot-lan.yaml": AGREEMENT})


def _by_item(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["item"]: row for row in rows}


def test_the_calendar_the_expectations_rely_on() -> None:
    import holidays

    vn = holidays.country_holidays("VN", years=[2024, 2025])
    assert dt.date(2024, 7, 28).weekday() == 6  # a Sunday
    assert dt.date(2024, 7, 29) not in vn and dt.date(2024, 7, 29).weekday() == 0
    assert dt.date(2024, 6, 14).weekday() == 4  # a Friday: no move
    assert dt.date(2025, 8, 30).weekday() == 5  # Saturday, then Sunday 31/08
    assert dt.date(2025, 9, 1) in vn and dt.date(2025, 9, 2) in vn  # Quốc khánh, 2 days
    assert dt.date(2025, 9, 3) not in vn and dt.date(2025, 9, 3).weekday() == 2


def test_due_json_gives_exact_dates_and_statuses(tmp_path: Path) -> None:
    result = run(["due", "--today", TODAY, "--format", "json"], _repo(tmp_path))
    assert result.exit_code == 0, result.stderr
    rows = _by_item(result.json())
    # c is sent; d is more than a year away (outside the 30-day window)
    assert sorted(rows) == ["a", "b"]
    a, b = rows["a"], rows["b"]
    # a: 28/07/2024 is a Sunday, so the next working day, Monday 29/07/2024
    assert (a["status"], a["nominal_due"], a["due"], a["days"]) == (
        "upcoming", "2024-07-28", "2024-07-29", 9)
    assert (a["period"], a["title"], a["moved_because"], a["rule"], a["exact"]) == (
        None, "Báo cáo sơ kết", "Chủ nhật", "hạn ngày 28/07/2024", True)
    assert (a["party"], a["recipients"]) == (["so-noi-vu-ca-mau"], ["ubnd-ca-mau"])
    # b: a Friday, not moved; 36 days late on 20/07; only Tỉnh đoàn has sent
    assert (b["status"], b["nominal_due"], b["due"], b["days"], b["moved_because"]) == (
        "overdue", "2024-06-14", "2024-06-14", -36, None)
    assert b["party"] == ["so-noi-vu-ca-mau"]
    assert (b["owed_by"], b["sent_by"]) == (["so-noi-vu-ca-mau"], ["tinh-doan-ca-mau"])


def test_saturday_before_the_national_day_holidays_moves_four_days(tmp_path: Path) -> None:
    # 30/08/2025 Saturday, 31/08 Sunday, 01/09 and 02/09 Quốc khánh: Wednesday 03/09/2025
    result = run(["due", "--today", "2025-08-01", "--within", "60", "--format", "json"],
                 _repo(tmp_path))
    assert result.exit_code == 0, result.stderr
    d = _by_item(result.json())["d"]
    assert (d["status"], d["nominal_due"], d["due"], d["days"], d["moved_because"]) == (
        "upcoming", "2025-08-30", "2025-09-03", 33, "thứ Bảy")


def test_a_one_time_duty_is_listed_only_inside_the_window(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    # due 03/09/2025: 33 days after 01/08/2025, so --within 32 leaves it out
    out = run(["due", "--today", "2025-08-01", "--within", "32", "--format", "json"], repo)
    assert "d" not in _by_item(out.json())
    out = run(["due", "--today", "2025-08-01", "--within", "33", "--format", "json"], repo)
    assert _by_item(out.json())["d"]["due"] == "2025-09-03"


def test_show_json_gives_one_periodless_entry_per_duty(tmp_path: Path) -> None:
    result = run(["show", "mot-lan", "--format", "json", "--today", TODAY], _repo(tmp_path))
    assert result.exit_code == 0, result.stderr
    duties = {d["id"]: d for d in result.json()["duties"]}
    assert {k: (d["frequency"], d["frequency_name"], d["first"], d["last"])
            for k, d in duties.items()} == {
        k: ("mot-lan", "một lần", None, None) for k in "abcd"}
    assert {k: d["periods"] for k, d in duties.items()} == {
        "a": [{"period": None, "due": "2024-07-29", "nominal_due": "2024-07-28",
               "state": "upcoming", "owing": ["so-noi-vu-ca-mau"],
               "owed_by": ["so-noi-vu-ca-mau"], "sent_by": [],
               "timeliness": "open", "days_late": 0, "sent_on": None,
               "extended_until": None, "extension": None,
               "reporters": {"so-noi-vu-ca-mau": {"timeliness": "open", "days_late": 0,
                                                  "sent_on": None}}}],
        "b": [{"period": None, "due": "2024-06-14", "nominal_due": "2024-06-14",
               "state": "overdue", "owing": ["so-noi-vu-ca-mau"],
               "owed_by": ["so-noi-vu-ca-mau"], "sent_by": ["tinh-doan-ca-mau"],
               "timeliness": "overdue", "days_late": 36, "sent_on": None,
               "extended_until": None, "extension": None,
               "reporters": {"so-noi-vu-ca-mau": {"timeliness": "overdue", "days_late": 36,
                                                  "sent_on": None},
                             "tinh-doan-ca-mau": {"timeliness": "done-on-time", "days_late": 0,
                                                  "sent_on": "2024-06-10"}}}],
        "c": [{"period": None, "due": "2024-05-15", "nominal_due": "2024-05-15",
               "state": "sent", "owing": [], "owed_by": [],
               "sent_by": ["tinh-doan-ca-mau"],
               "timeliness": "done-on-time", "days_late": 0, "sent_on": "2024-05-10",
               "extended_until": None, "extension": None,
               "reporters": {"tinh-doan-ca-mau": {"timeliness": "done-on-time", "days_late": 0,
                                                  "sent_on": "2024-05-10"}}}],
        "d": [{"period": None, "due": "2025-09-03", "nominal_due": "2025-08-30",
               "state": "upcoming", "owing": ["so-noi-vu-ca-mau"],
               "owed_by": ["so-noi-vu-ca-mau"], "sent_by": [],
               "timeliness": "open", "days_late": 0, "sent_on": None,
               "extended_until": None, "extension": None,
               "reporters": {"so-noi-vu-ca-mau": {"timeliness": "open", "days_late": 0,
                                                  "sent_on": None}}}],
    }
    assert duties["c"]["records"] == [{"period": None, "date": "2024-05-10", "number": ""}]


def test_once_all_reporters_sent_the_duty_is_done(tmp_path: Path) -> None:
    text = AGREEMENT + "  - report: b\n    by: so-noi-vu-ca-mau\n    date: 2024-07-01\n"
    repo = write_repo(tmp_path / "r", {"mot-lan.yaml": text})
    rows = _by_item(run(["due", "--today", TODAY, "--format", "json"], repo).json())
    assert sorted(rows) == ["a"]
    show = run(["show", "mot-lan", "--format", "json", "--today", TODAY], repo).json()
    b = next(d for d in show["duties"] if d["id"] == "b")
    assert [(p["state"], p["owing"]) for p in b["periods"]] == [("sent", [])]


def test_text_list_says_why_the_date_moved(tmp_path: Path) -> None:
    result = run(["due", "--today", TODAY], _repo(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert ("  29/07/2024 (hạn theo quy định 28/07/2024 là Chủ nhật, lùi sang ngày làm việc "
            "kế tiếp)  còn 9 ngày  mot-lan a") in result.lines()
    assert "      → ppcli render mot-lan a" in result.lines()  # no period
    assert "      Báo cáo sơ kết — một lần: Sở Nội vụ → UBND tỉnh Cà Mau" in result.lines()


def test_a_period_on_a_one_time_record_is_not_required(tmp_path: Path) -> None:
    result = run(["validate", "--today", TODAY, "--format", "json"], _repo(tmp_path))
    assert (result.exit_code, result.json()) == (0, [])
