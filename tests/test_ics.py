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


# -- the window of past events -------------------------------------------------------

WINDOW = """\
id: cua-so
kind: quy-che
title: Quy chế thử cửa sổ lịch
signed: 2023-01-02
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2023-01-02, end: 2026-12-31}
duties:
  - id: ngay-91
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2025-03-31}
  - id: ngay-90
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2025-04-01}
  - id: ngay-89
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2025-04-02}
  - id: hai-nam-truoc
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2023-06-30}
conferences:
  - id: hoi-nghi-cu
    kind: khac
    planned: 2023-06-15
    host: so-noi-vu-ca-mau
records:
  - report: ngay-91
    date: 2025-03-28
  - report: ngay-90
    date: 2025-03-28
  - report: ngay-89
    date: 2025-03-28
  - report: hai-nam-truoc
    date: 2023-06-29
    by: so-noi-vu-ca-mau
  - conference: hoi-nghi-cu
    date: 2023-06-15
"""
TODAY = "2025-06-30"  # 91 days back: 31/03/2025, 90: 01/04, 89: 02/04


def window_uids(tmp_path: Path, *args: str) -> list[str]:
    repo = write_repo(tmp_path / "r", {"cua-so.yaml": WINDOW})
    return sorted(events(["--today", TODAY, "--within", "0", *args], repo))


def test_done_events_older_than_90_days_are_left_out(tmp_path: Path) -> None:
    assert window_uids(tmp_path) == [
        # 2 years back, but Tỉnh đoàn has not sent it: still open, so it stays
        "cua-so/report/hai-nam-truoc@ppcli",
        "cua-so/report/ngay-89@ppcli",
        "cua-so/report/ngay-90@ppcli",
        # ngay-91 (done, due 91 days ago) and the conference held in 2023 are left out
    ]


def test_since_moves_the_window(tmp_path: Path) -> None:
    assert window_uids(tmp_path, "--since", "2025-03-31") == [
        "cua-so/report/hai-nam-truoc@ppcli", "cua-so/report/ngay-89@ppcli",
        "cua-so/report/ngay-90@ppcli", "cua-so/report/ngay-91@ppcli"]
    assert window_uids(tmp_path, "--since", "2023-01-01") == [
        "cua-so/conference/hoi-nghi-cu@ppcli", "cua-so/report/hai-nam-truoc@ppcli",
        "cua-so/report/ngay-89@ppcli", "cua-so/report/ngay-90@ppcli",
        "cua-so/report/ngay-91@ppcli"]
    # a later day leaves out even recent done events, never an open one
    assert window_uids(tmp_path, "--since", "2025-06-30") == [
        "cua-so/report/hai-nam-truoc@ppcli"]


def test_bad_since_is_a_usage_error(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"cua-so.yaml": WINDOW})
    result = run(["ics", "--since", "31/02/2025", "--today", TODAY], repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "ppcli: --since: ngày \"31/02/2025\" không hợp lệ (tháng 2/2025 không có ngày 31); "
        "hãy ghi 31/12/2026, 1/7/2025, 31.12.2026, 2026-12-31 hoặc \"ngày 31 tháng 12 năm "
        "2026\" (ngày trước, tháng sau, năm đủ 4 chữ số)\n")
    assert result.stdout == ""
    # as clerks write it: the same calendar as with the ISO date
    assert run(["ics", "--since", "31/03/2025", "--today", TODAY], repo).stdout == run(
        ["ics", "--since", "2025-03-31", "--today", TODAY], repo).stdout


def test_the_calendar_says_who_still_owes(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"cua-so.yaml": WINDOW})
    result = run(["ics", "--today", TODAY, "--within", "0"], repo)
    cal = Calendar.from_ical(result.stdout)
    event = next(e for e in cal.walk("VEVENT")
                 if str(e["uid"]) == "cua-so/report/hai-nam-truoc@ppcli")
    assert str(event["description"]).split("\n") == [
        "Báo cáo — một lần: Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau (Sở Nội vụ đã gửi)",
        "Hạn: 30/06/2023",
        "Chưa gửi: Tỉnh đoàn Cà Mau",
        "Đã gửi: Sở Nội vụ tỉnh Cà Mau",
        "hạn ngày 30/06/2023",
        "Tệp: agreements/cua-so.yaml"]
    assert str(event["summary"]) == "Hạn báo cáo một lần: Báo cáo (cua-so)"
