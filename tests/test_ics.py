"""ppcli ics: a valid iCalendar file whose UIDs stay the same from one export to the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT, run, write_repo
from icalendar import Calendar

CM = "cm-snv-tinhdoan-2022-2026"
TITLE = "Báo cáo kết quả thực hiện Chương trình phối hợp với Tỉnh đoàn"


def events(args: list[str], repo: Path = ROOT) -> dict[str, tuple[str, dt.date, bool]]:
    result = run(["ics", *args], repo)
    assert result.exit_code == 0, result.stderr
    cal = Calendar.from_ical(result.stdout)
    assert str(cal["version"]) == "2.0" and "ppcli" in str(cal["prodid"])
    return {str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), bool(e.walk("VALARM")))
            for e in cal.walk("VEVENT")}


def test_seed_calendar_for_ca_mau() -> None:
    assert events(["--agreement", CM, "--today", "2024-12-01"]) == {
        f"{CM}/report/bao-cao-nam/2022@ppcli": (
            f"Hạn báo cáo năm 2022: {TITLE} ({CM})", dt.date(2022, 12, 26), False),
        f"{CM}/report/bao-cao-nam/2023@ppcli": (
            f"Hạn báo cáo năm 2023: {TITLE} ({CM})", dt.date(2023, 12, 25), False),
        f"{CM}/report/bao-cao-nam/2024@ppcli": (
            f"Hạn báo cáo năm 2024: {TITLE} ({CM})", dt.date(2024, 12, 25), True),
        f"{CM}/conference/so-ket-2024@ppcli": (
            f"Hội nghị sơ kết, đánh giá kết quả triển khai thực hiện chương trình — chưa có "
            f"ngày cụ thể ({CM})", dt.date(2024, 12, 31), True),
    }


def test_uids_are_stable_and_done_items_are_marked(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    first = events(["--today", "2023-12-01"], repo)
    run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-10",
         "--today", "2023-12-10"], repo)
    second = events(["--today", "2023-12-20"], repo)
    assert set(first) <= set(second)
    uid = "ct-2022/report/bao-cao-nam/2023@ppcli"
    assert first[uid] == ("Hạn báo cáo năm 2023: Báo cáo (ct-2022)", dt.date(2023, 12, 15), True)
    assert second[uid] == ("✓ Hạn báo cáo năm 2023: Báo cáo (ct-2022)", dt.date(2023, 12, 15),
                           False)


def test_writes_a_file_and_never_overwrites_without_force(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    target = tmp_path / "lich.ics"
    assert run(["ics", "-o", str(target), "--today", "2023-12-01"], repo).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    target.write_text("cũ", encoding="utf-8")
    result = run(["ics", "-o", str(target), "--today", "2023-12-01"], repo)
    assert result.exit_code == 2 and "dùng --force để ghi đè" in result.stderr
    assert target.read_text(encoding="utf-8") == "cũ"
    assert run(["ics", "-o", str(target), "--force", "--today", "2023-12-01"],
               repo).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
