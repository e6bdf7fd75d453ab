"""The calendar a clerk can check (issue 17, item 7): ``ppcli holidays`` lists every day
off and make-up working day with its source; the Government's swaps ship with ppcli; a
repository's ppcli.yaml overrides both; deadlines follow them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import AGREEMENT, CONFIG, run, write_repo

from ppcli.engine import schedule_cache
from ppcli.engine.workdays import build_calendar, calendar_days
from ppcli.files import day_swaps
from ppcli.files.model import Config


def test_2026_swaps_and_the_day_of_culture_are_counted() -> None:
    cal = build_calendar([2026])
    assert not cal.is_working(dt.date(2026, 1, 2))  # Friday, swapped (12729/VPCP-KGVX)
    assert cal.is_working(dt.date(2026, 1, 10))  # Saturday, worked instead
    assert not cal.is_working(dt.date(2026, 11, 24))  # Ngày Văn hóa Việt Nam
    assert cal.why_not_working(dt.date(2026, 1, 2)).startswith("Nghỉ Tết Dương lịch")
    # a deadline on 02/01/2026 rolls to Monday 05/01 (03–04 are the weekend)
    assert cal.roll_forward(dt.date(2026, 1, 2)) == dt.date(2026, 1, 5)
    assert cal.add_working_days(dt.date(2026, 1, 9), 1) == dt.date(2026, 1, 10)


def test_each_day_says_where_it_comes_from() -> None:
    days = {d.date: d for d in calendar_days(2026)}
    swap = days[dt.date(2026, 1, 2)]
    assert (swap.off, swap.source) == (True, "decision")
    assert swap.basis.vi.startswith("Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn "
                                    "phòng Chính phủ (nghỉ Tết Dương lịch năm 2026)")
    worked = days[dt.date(2026, 1, 10)]
    assert (worked.off, worked.source, worked.name) == (False, "decision",
                                                        "Làm bù cho thứ Sáu 02/01/2026")
    culture = days[dt.date(2026, 11, 24)]
    assert (culture.off, culture.source, culture.name) == (True, "holidays",
                                                           "Ngày Văn hóa Việt Nam")
    assert culture.basis.vi.startswith("gói holidays 0.")


def test_repository_overrides_both() -> None:
    # the repository works 02/01 after all, and gives 11/01 off
    days = {d.date: d for d in calendar_days(
        2026, [(dt.date(2026, 1, 11), "Nghỉ riêng của tỉnh")],
        [(dt.date(2026, 1, 2), "Làm việc theo quyết định của tỉnh")])}
    assert (days[dt.date(2026, 1, 2)].off, days[dt.date(2026, 1, 2)].source) == (
        False, "repository")
    assert days[dt.date(2026, 1, 11)].source == "repository"
    cal = build_calendar([2026], [(dt.date(2026, 1, 11), "x")], [(dt.date(2026, 1, 2), "y")])
    assert cal.is_working(dt.date(2026, 1, 2))


def test_the_command_lists_with_sources(tmp_path: Path) -> None:
    config = CONFIG + ("days_off:\n  - date: 2026-12-31\n    name: Nghỉ cuối năm của tỉnh\n")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT}, config=config)
    result = run(["holidays", "2026"], repo)
    assert result.exit_code == 0, result.stderr
    lines = result.lines()
    assert lines[0] == "Ngày nghỉ và ngày làm bù ppcli dùng để tính hạn năm 2026"
    at = lines.index("  02/01/2026  thứ Sáu   Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy "
                     "10/01/2026)")
    assert lines[at + 1] == ("      nguồn: Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn "
                             "phòng Chính phủ (nghỉ Tết Dương lịch năm 2026); dữ liệu kèm ppcli "
                             "2026.1")
    at = lines.index("  31/12/2026  thứ Năm   Nghỉ cuối năm của tỉnh")
    assert lines[at + 1] == "      nguồn: agreements/ppcli.yaml của kho"
    assert "  10/01/2026  thứ Bảy   Làm bù cho thứ Sáu 02/01/2026" in lines
    data = run(["holidays", "2026", "--format", "json", "--lang", "en"], repo).json()
    culture = next(d for d in data if d["date"] == "2026-11-24")
    assert (culture["type"], culture["source"], culture["name"]) == (
        "off", "holidays", "Ngày Văn hóa Việt Nam")
    assert culture["basis"].startswith("holidays package 0.")
    assert {d["source"] for d in data} == {"holidays", "decision", "repository"}


def test_the_command_outside_a_repository(tmp_path: Path) -> None:
    result = run(["holidays", "2024"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "  29/04/2024  thứ Hai   Nghỉ hoán đổi dịp 30/4 - 01/5 (làm bù thứ Bảy 04/5/2024)" \
        in result.lines()
    assert result.lines()[-1] == "Không ở trong kho thỏa thuận: chưa tính ngày do kho ghi."


def test_schedule_cache_key_holds_the_shipped_data() -> None:
    key = schedule_cache._context_key(Config())
    assert day_swaps.digest() in key
    assert len(day_swaps.digest()) == 16
    assert day_swaps.shipped().version == "2026.1"
