"""ppcli ics does not grow without bound (issue 15, item 12): past events only from a
window, and the calendar written event by event instead of as one tree in memory."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from conftest import run, write_repo
from icalendar import Calendar

from ppcli.engine.due import Query, due_items
from ppcli.files.repository import find_repo, load
from ppcli.views import calendar as ics


def sixteen_years_all_sent() -> str:
    """A monthly report since January 2010, every month sent on time, up to May 2025."""
    head = """\
id: lau-nam
kind: quy-che
title: Quy chế có nhiều kỳ đã qua
signed: 2010-01-04
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2010-01-04, end: 2030-12-31}
duties:
  - id: thang
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-thang
    deadline: {days_after: 10}
records:
"""
    records = [f"  - report: thang\n    period: {y}-{m:02d}\n    date: "
               f"{(dt.date(y, m, 28) + dt.timedelta(days=5)).isoformat()}\n"
               for y in range(2010, 2026) for m in range(1, 13) if (y, m) <= (2025, 5)]
    return head + "".join(records)


def test_sixteen_years_of_sent_reports_are_not_186_events(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lau-nam.yaml": sixteen_years_all_sent()})
    result = run(["ics", "--today", "2025-06-30", "--within", "0"], repo)
    assert result.exit_code == 0, result.stderr
    cal = Calendar.from_ical(result.stdout)
    # 90 days back is 01/04/2025: March (due 10/04), April (due 10/05, a Saturday, so
    # 12/05) and May (due 10/06) are the only done periods shown; nothing is open
    assert [(str(e["uid"]), e.decoded("dtstart")) for e in cal.walk("VEVENT")] == [
        ("lau-nam/report/thang/2025-03@ppcli", dt.date(2025, 4, 10)),
        ("lau-nam/report/thang/2025-04@ppcli", dt.date(2025, 5, 12)),
        ("lau-nam/report/thang/2025-05@ppcli", dt.date(2025, 6, 10)),
    ]
    everything = run(["ics", "--today", "2025-06-30", "--within", "0", "--since",
                      "2000-01-01"], repo)
    assert everything.stdout.count("BEGIN:VEVENT") == 185  # 01/2010 to 05/2025


def test_the_calendar_is_written_event_by_event(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    loaded = load(find_repo(repo, None))
    today = dt.date(2023, 12, 1)
    [first] = [i for i in due_items(loaded.agreements, loaded.registry, loaded.config,
                                    Query(today, 30)) if i.type == "report"]
    count = 3000
    items = [first._replace(period=f"{2000 + n // 12}-{n % 12 + 1:02d}",
                            title="Báo cáo " + "rất dài " * 20 + str(n))
             for n in range(count)]
    total = 0
    chunks = 0
    tracemalloc.start()
    try:
        for chunk in ics.stream(items, loaded.registry, today):
            total += len(chunk)
            chunks += 1
            if 1 < chunks <= count + 1:  # one chunk per event, complete and folded
                assert chunk.startswith(b"BEGIN:VEVENT\r\n")
                assert chunk.endswith(b"END:VEVENT\r\n")
                assert chunk.count(b"BEGIN:VEVENT") == 1
                lines = chunk.split(b"\r\n")
                assert b"\n" not in b"".join(lines)
                assert max(len(line) for line in lines) <= 75
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert chunks == count + 2  # the header, the events, the end
    assert total > 3_000_000
    # the whole calendar is never held: memory stays that of a few events
    assert peak < 300_000, peak
    data = ics.build(items, loaded.registry, today)
    assert len(data) == total
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert len(Calendar.from_ical(data).walk("VEVENT")) == count
