"""The office's record (issue 18 items 1, 2, 4): the four classes with days late, ``stats``
counted against a repository counted by hand, extensions moving one period only,
urgings, and a duty's own data cut-off.

The repository below was counted by hand on 01/08/2026 (a Saturday). Every deadline it
leans on is a working day (asserted in the first test): quarterly reports due 15 days
after the quarter (15/04, 15/07, 15/10, 15/01), the third quarter of 2025 extended to
31/10/2025.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import run, write_repo

CT = """\
id: ct
kind: chuong-trinh
title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn
signed: 2025-01-01
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2025-01-01
  end: 2026-12-31
duties:
  - id: quy
    title: Báo cáo quý
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {days_after: 15}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2025-12
    host: so-noi-vu-ca-mau
  - id: tong-ket
    kind: tong-ket
    planned: 2026-12
    host: so-noi-vu-ca-mau
records:
  - report: quy
    period: 2025-Q1
    by: so-noi-vu-ca-mau
    date: 2025-04-10
  - report: quy
    period: 2025-Q1
    by: tinh-doan-ca-mau
    date: 2025-04-20
  - report: quy
    period: 2025-Q2
    by: so-noi-vu-ca-mau
    date: 2025-07-15
  - reminder: quy
    period: 2025-Q2
    date: 2025-08-01
    reminder_kind: nhac-nho
    to: tinh-doan-ca-mau
  - extension: quy
    period: 2025-Q3
    until: 2025-10-31
    date: 2025-10-10
    number: 15/CV-UBND
    by: ubnd-ca-mau
  - report: quy
    period: 2025-Q3
    by: so-noi-vu-ca-mau
    date: 2025-10-25
  - report: quy
    period: 2025-Q3
    by: tinh-doan-ca-mau
    date: 2025-11-03
  - report: quy
    period: 2025-Q4
    by: so-noi-vu-ca-mau
    date: 2026-01-10
  - report: quy
    period: 2025-Q4
    by: tinh-doan-ca-mau
    date: 2026-01-10
  - conference: so-ket
    date: 2025-12-20
  - report: quy
    period: 2026-Q1
    by: so-noi-vu-ca-mau
    date: 2026-04-16
  - reminder: quy
    period: 2026-Q1
    date: 2026-04-20
    reminder_kind: phe-binh
  - reminder: quy
    period: 2026-Q2
    date: 2026-07-20
    reminder_kind: kiem-diem
    number: 03/CV-UBND
"""

KH = """\
id: kh
kind: ke-hoach
title: Kế hoạch phối hợp năm 2026
signed: 2026-01-01
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2026-01-01
  end: 2026-12-31
duties:
  - id: nam
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
    cutoff: {day: 30, month: 11}
    method: Văn bản giấy và bản điện tử qua hệ thống quản lý văn bản
"""

TODAY = "2026-08-01"
SNV, TD = "so-noi-vu-ca-mau", "tinh-doan-ca-mau"


def _repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "r", {"ct.yaml": CT, "kh.yaml": KH})


# the same file as it stood on 20/10/2025: the records made after that day not yet there
CT_EARLY = CT[:CT.index("  - report: quy\n    period: 2025-Q3\n")]


def _early_repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "early", {"ct.yaml": CT_EARLY})


def _row(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {r["id"]: r for r in rows}[key]


def test_the_deadlines_the_counts_rely_on_are_working_days() -> None:
    import holidays

    vn = holidays.country_holidays("VN", years=[2025, 2026])
    for day in (dt.date(2025, 4, 15), dt.date(2025, 7, 15), dt.date(2025, 10, 31),
                dt.date(2026, 1, 15), dt.date(2026, 4, 15), dt.date(2026, 7, 15)):
        assert day.weekday() < 5 and day not in vn, day
    assert (dt.date(2026, 8, 1) - dt.date(2025, 7, 15)).days == 382
    assert (dt.date(2026, 8, 1) - dt.date(2026, 4, 15)).days == 108


def test_stats_equal_the_hand_count(tmp_path: Path) -> None:
    result = run(["stats", "--today", TODAY, "--format", "json"], _repo(tmp_path))
    assert result.exit_code == 0, result.stderr
    data = result.json()
    # Sở Nội vụ: 2025-Q1, Q2 (on the day), Q3 (within the extension), Q4 and the sơ kết
    # on time; 2026-Q1 one day late; 2026-Q2 overdue 17 days; 2026-Q3 open; urged once
    # (2026-Q2: the urging names nobody and it still owed). The tổng kết (12/2026) has
    # not opened yet.
    assert {k: v for k, v in _row(data["parties"], SNV).items() if k != "name"} == {
        "id": SNV, "done-on-time": 5, "done-late": 1, "open": 1, "overdue": 1, "total": 8,
        "reminders": 1, "days_late": 18}
    # Tỉnh đoàn: 2025-Q1 5 days late, 2025-Q2 overdue 382 days, 2025-Q3 3 days past the
    # extended deadline, 2025-Q4 on time, 2026-Q1 overdue 108, 2026-Q2 overdue 17,
    # 2026-Q3 and the plan's year 2026 open; urged three times (2026-Q1's urging names
    # nobody: the Sở had sent, so it counts for the Tỉnh đoàn only).
    assert {k: v for k, v in _row(data["parties"], TD).items() if k != "name"} == {
        "id": TD, "done-on-time": 1, "done-late": 2, "open": 2, "overdue": 3, "total": 8,
        "reminders": 3, "days_late": 515}
    assert _row(data["agreements"], "ct") == {
        "id": "ct", "done-on-time": 6, "done-late": 3, "open": 2, "overdue": 4, "total": 15,
        "reminders": 3, "days_late": 533}
    assert _row(data["agreements"], "kh") == {
        "id": "kh", "done-on-time": 0, "done-late": 0, "open": 1, "overdue": 0, "total": 1,
        "reminders": 0, "days_late": 0}
    assert data["total"] == {"done-on-time": 6, "done-late": 3, "open": 3, "overdue": 4,
                             "total": 16, "reminders": 3, "days_late": 533}
    assert (data["since"], data["until"], data["today"]) == (None, None, TODAY)


def test_stats_of_one_year_party_and_agreement(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    data = run(["stats", "--today", TODAY, "--year", "2025", "--format", "json"], repo).json()
    # the four quarters of 2025 and the sơ kết (due 31/12/2025); the urging of 01/08/2025
    assert {k: v for k, v in _row(data["parties"], TD).items() if k != "name"} == {
        "id": TD, "done-on-time": 1, "done-late": 2, "open": 0, "overdue": 1, "total": 4,
        "reminders": 1, "days_late": 390}
    assert _row(data["parties"], SNV)["done-on-time"] == 5
    assert [a["id"] for a in data["agreements"]] == ["ct"]
    assert (data["since"], data["until"]) == ("2025-01-01", "2025-12-31")
    only = run(["stats", "--today", TODAY, "--party", "tinh doan", "--agreement", "kh",
                "--format", "json"], repo).json()
    assert [p["id"] for p in only["parties"]] == [TD]
    assert only["total"]["open"] == 1 and only["total"]["total"] == 1


def test_stats_as_table_csv_and_markdown(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    table = run(["stats", "--today", TODAY, "--year", "2025"], repo)
    assert table.exit_code == 0, table.stderr
    assert "Từ 01/01/2025 đến 31/12/2025, tính đến ngày 01/08/2026" in table.stdout
    assert "THEO BÊN" in table.stdout and "THEO THỎA THUẬN" in table.stdout
    assert "đúng hạn" in table.stdout
    csv = run(["stats", "--today", TODAY, "--format", "csv"], repo).stdout
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0] == ("Bảng,Mã,Tên,Đã hoàn thành đúng hạn,Đã hoàn thành quá hạn,"
                        "\"Chưa hoàn thành, trong hạn\",\"Chưa hoàn thành, quá hạn\",Tổng số,"
                        "Số lần bị đôn đốc,Tổng số ngày trễ")
    assert "THEO BÊN,tinh-doan-ca-mau,Tỉnh đoàn Cà Mau,1,2,2,3,8,3,515" in lines
    assert lines[-1] == "Tổng cộng,,,6,3,3,4,16,3,533"
    md = run(["stats", "--today", TODAY, "--format", "md", "--lang", "en"], repo).stdout
    assert "| Agreement | Done on time | Done late | Open, not yet due | Overdue | Total | " \
           "Urgings | Days late (sum) |" in md
    assert "| ct | 6 | 3 | 2 | 4 | 15 | 3 | 533 |" in md
    assert "| **Total** | 6 | 3 | 3 | 4 | 16 | 3 | 533 |" in md


def test_four_classes_in_show_json(tmp_path: Path) -> None:
    data = run(["show", "ct", "--today", TODAY, "--format", "json"], _repo(tmp_path)).json()
    periods = {p["period"]: p for p in data["duties"][0]["periods"]}
    assert {k: (p["reporters"][SNV]["timeliness"], p["reporters"][SNV]["days_late"],
                p["reporters"][TD]["timeliness"], p["reporters"][TD]["days_late"])
            for k, p in periods.items()} == {
        "2025-Q1": ("done-on-time", 0, "done-late", 5),
        "2025-Q2": ("done-on-time", 0, "overdue", 382),
        "2025-Q3": ("done-on-time", 0, "done-late", 3),
        "2025-Q4": ("done-on-time", 0, "done-on-time", 0),
        "2026-Q1": ("done-late", 1, "overdue", 108),
        "2026-Q2": ("overdue", 17, "overdue", 17),
        "2026-Q3": ("open", 0, "open", 0)}
    # the whole period: done when the last reporter sent (03/11, 3 days late)
    assert (periods["2025-Q3"]["timeliness"], periods["2025-Q3"]["days_late"]) == \
        ("done-late", 3)
    assert periods["2025-Q3"]["extended_until"] == "2025-10-31"
    assert periods["2025-Q3"]["extension"] == {"date": "2025-10-10", "number": "15/CV-UBND",
                                               "by": "ubnd-ca-mau"}
    assert periods["2025-Q3"]["due"] == "2025-10-31"
    assert periods["2025-Q4"]["extended_until"] is None
    conferences = {c["id"]: c for c in data["conferences"]}
    assert (conferences["so-ket"]["timeliness"], conferences["so-ket"]["days_late"]) == \
        ("done-on-time", 0)
    assert conferences["tong-ket"]["timeliness"] == "open"
    reminders = [r for r in data["records"] if r["type"] == "reminder"]
    assert reminders[0] == {"type": "reminder", "item": "quy", "period": "2025-Q2",
                            "date": "2025-08-01", "number": "", "by": None,
                            "reminder_kind": "nhac-nho", "to": TD}


def test_an_extension_moves_its_period_only(tmp_path: Path) -> None:
    rows = run(["due", "--today", "2025-10-20", "--within", "200", "--format", "json"],
               _early_repo(tmp_path)).json()
    quarters = {r["period"]: r for r in rows if r["item"] == "quy"}
    assert (quarters["2025-Q3"]["due"], quarters["2025-Q3"]["nominal_due"]) == \
        ("2025-10-31", "2025-10-31")
    assert quarters["2025-Q3"]["extended_until"] == "2025-10-31"
    assert quarters["2025-Q3"]["state"] == "open"
    assert "gia hạn đến 31/10/2025 (số 15/CV-UBND, ngày 10/10/2025)" in \
        quarters["2025-Q3"]["notes"]
    # the next quarter keeps the rule's deadline (15 days after the quarter)
    assert (quarters["2025-Q4"]["due"], quarters["2025-Q4"]["extended_until"]) == \
        ("2026-01-15", None)
    # 2025-Q2 is overdue for the Tỉnh đoàn since 15/07/2025: 97 days on 20/10/2025
    assert (quarters["2025-Q2"]["state"], quarters["2025-Q2"]["days_late"]) == ("overdue", 97)


def test_due_text_and_csv_say_the_extension_and_the_class(tmp_path: Path) -> None:
    repo = _early_repo(tmp_path)
    text = run(["due", "--today", "2025-10-20", "--within", "30"], repo).stdout
    assert "! gia hạn đến 31/10/2025 (số 15/CV-UBND, ngày 10/10/2025)" in text
    csv = run(["due", "--today", "2025-10-20", "--within", "30", "--format", "csv"],
              repo).stdout.lstrip("\ufeff").splitlines()
    head = csv[0].split(",")
    assert head[-3:] == ["Phân loại", "Số ngày trễ", "Gia hạn đến"]
    q3 = next(line for line in csv if ",2025-Q3," in line)
    assert q3.endswith(",\"chưa hoàn thành, trong hạn\",0,2025-10-31")


def test_show_text_says_the_extension_and_the_urgings(tmp_path: Path) -> None:
    out = run(["show", "ct", "--today", TODAY], _repo(tmp_path)).stdout
    assert "↷ gia hạn đến 31/10/2025 (số 15/CV-UBND, ngày 10/10/2025)" in out
    assert "        ! nhắc nhở 01/08/2025 → Tỉnh đoàn Cà Mau\n" in out
    assert "        ! phê bình 20/04/2026\n" in out
    assert "        ! kiểm điểm (đôn đốc) 20/07/2026 (số 03/CV-UBND)\n" in out
    # 2025-Q1: done when the Tỉnh đoàn sent, 5 days late
    assert "✓ kỳ 2025-Q1: Sở Nội vụ đã gửi 10/04/2025; Tỉnh đoàn Cà Mau đã gửi 20/04/2025; " \
        "đã hoàn thành quá hạn 5 ngày" in out
    en = run(["show", "ct", "--today", TODAY, "--lang", "en"], _repo(tmp_path / "en")).stdout
    assert "↷ extended until 2025-10-31 (no. 15/CV-UBND, granted 2025-10-10)" in en


def test_the_data_window_of_a_duty_cutoff(tmp_path: Path) -> None:
    rows = run(["due", "--today", "2026-12-01", "--agreement", "kh", "--format", "json"],
               _repo(tmp_path)).json()
    year = next(r for r in rows if r["item"] == "nam")
    # cut-off 30/11: from the day after the previous year's cut-off (01/12/2025)
    assert (year["data_from"], year["data_to"]) == ("2025-12-01", "2026-11-30")
    text = run(["due", "--today", "2026-12-01", "--agreement", "kh"], _repo(tmp_path)).stdout
    assert "Số liệu báo cáo tính từ ngày 01/12/2025 đến ngày 30/11/2026" in text


# -- record extension, record reminder ---------------------------------------------------------

SMALL = """\
# Quy chế thử: chú thích giữ nguyên
id: nho
kind: quy-che
title: Quy chế thử
signed: 2025-01-01
parties:
  - org: so-noi-vu-ca-mau   # bên chủ trì
  - org: tinh-doan-ca-mau
period: {start: 2025-01-01, end: 2026-12-31}
duties:
  - id: quy
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: hang-quy
    deadline: {days_after: 15}
records:
  - report: quy
    period: 2025-Q1
    date: 2025-04-10   # đúng hạn
"""


def _small(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "s", {"nho.yaml": SMALL})


def test_record_extension_keeps_every_other_byte(tmp_path: Path) -> None:
    repo = _small(tmp_path)
    result = run(["record", "extension", "nho", "quy", "quý II/2025", "--until", "31/07/2025",
                  "--on", "2025-07-10", "--number", "15/CV-SNV", "--by", "so noi vu",
                  "--today", "2025-07-12"], repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Đã ghi nhận: gia hạn báo cáo quy kỳ 2025-Q2 đến 31/07/2025 (ngày 10/07/2025) — "
        "agreements/nho.yaml, dòng 20:")
    text = (repo / "agreements" / "nho.yaml").read_text(encoding="utf-8")
    assert text == SMALL + (
        "  - extension: quy\n    period: \"2025-Q2\"\n    date: 2025-07-10\n"
        "    until: 2025-07-31\n    number: \"15/CV-SNV\"\n    by: so-noi-vu-ca-mau\n")
    # the period's deadline moved, and that period's only
    rows = run(["due", "--today", "2025-07-20", "--within", "120", "--format", "json"],
               repo).json()
    due = {r["period"]: (r["due"], r["extended_until"]) for r in rows}
    assert due == {"2025-Q2": ("2025-07-31", "2025-07-31"), "2025-Q3": ("2025-10-15", None)}
    # again: refused, nothing written
    again = run(["record", "extension", "nho", "quy", "2025-Q2", "--until", "2025-07-31",
                 "--on", "2025-07-11", "--today", "2025-07-12"], repo)
    assert again.exit_code == 2 and "đã có bản ghi này ở agreements/nho.yaml, dòng 20" in \
        again.stderr
    assert (repo / "agreements" / "nho.yaml").read_text(encoding="utf-8") == text


def test_an_extension_must_move_the_deadline_later(tmp_path: Path) -> None:
    repo = _small(tmp_path)
    before = (repo / "agreements" / "nho.yaml").read_bytes()
    result = run(["record", "extension", "nho", "quy", "2025-Q2", "--until", "2025-07-10",
                  "--on", "2025-07-01", "--today", "2025-07-12"], repo)
    assert result.exit_code == 2
    assert "PP121" in result.stderr and "hạn mới 10/07/2025 không sau hạn ban đầu của kỳ " \
        "(15/07/2025)" in result.stderr
    assert (repo / "agreements" / "nho.yaml").read_bytes() == before
    wrong = run(["record", "extension", "nho", "quy", "2025", "--until", "2026-01-31",
                 "--today", "2025-07-12"], repo)
    assert wrong.exit_code == 2 and "quy" in wrong.stderr
    missing = run(["record", "extension", "nho", "quy", "2025-Q2", "--today", "2025-07-12"],
                  repo)
    assert missing.exit_code == 2 and "--until" in missing.stderr


def test_record_reminder_is_counted_for_the_party_urged(tmp_path: Path) -> None:
    repo = _small(tmp_path)
    result = run(["record", "reminder", "nho", "quy", "2025-Q2", "--kind", "phe-binh",
                  "--on", "2025-08-01", "--number", "03/CV-SNV", "--by", "so-noi-vu-ca-mau",
                  "--to", "tinh doan", "--today", "2025-08-05"], repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Đã ghi nhận: đôn đốc báo cáo quy kỳ 2025-Q2 ngày 01/08/2025 — agreements/nho.yaml, "
        "dòng 20:")
    text = (repo / "agreements" / "nho.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - reminder: quy\n    period: \"2025-Q2\"\n    date: 2025-08-01\n"
        "    reminder_kind: phe-binh\n    to: tinh-doan-ca-mau\n    number: \"03/CV-SNV\"\n"
        "    by: so-noi-vu-ca-mau\n")
    data = run(["stats", "--today", "2025-08-05", "--format", "json"], repo).json()
    assert {k: v for k, v in _row(data["parties"], TD).items() if k != "name"} == {
        "id": TD, "done-on-time": 1, "done-late": 0, "open": 1, "overdue": 1, "total": 3,
        "reminders": 1, "days_late": 21}
    shown = run(["show", "nho", "--today", "2025-08-05"], repo).stdout
    assert "        ! phê bình 01/08/2025 (số 03/CV-SNV) → Tỉnh đoàn Cà Mau\n" in shown
    future = run(["record", "reminder", "nho", "quy", "2025-Q2", "--kind", "nhac-nho",
                  "--on", "2025-09-01", "--today", "2025-08-05"], repo)
    assert future.exit_code == 2 and "ở tương lai" in future.stderr


def test_history_says_the_extension(tmp_path: Path) -> None:
    import os
    import subprocess

    from conftest import GIT_IDENTITY

    repo = _small(tmp_path)
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "đầu"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    assert run(["record", "extension", "nho", "quy", "2025-Q2", "--until", "2025-07-31",
                "--on", "2025-07-10", "--today", "2025-07-12"], repo).exit_code == 0
    subprocess.run(["git", "commit", "-qam", "gia hạn"], cwd=repo, check=True, env=env)
    out = run(["history"], repo).stdout
    assert "Ghi nhận gia hạn báo cáo quý II/2025 đến 31/07/2025 (ngày 10/07/2025)" in out


# -- drafts -----------------------------------------------------------------------------------


def test_the_so_ket_draft_holds_the_table_for_its_span(tmp_path: Path) -> None:
    """The sơ kết (planned 12/2025, held 20/12/2025) covers 01/01/2025 – 20/12/2025: the
    periods ending in it (2025-Q1, Q2, Q3), counted on 20/12/2025; the sơ kết itself falls
    due on 31/12/2025, after the span."""
    out = run(["render", "ct", "so-ket", "--format", "md", "-o", "-", "--date", "2025-12-20",
               "--today", TODAY], _repo(tmp_path))
    assert out.exit_code == 0, out.stderr
    assert ("Kết quả thực hiện chế độ báo cáo, hội nghị của từng bên từ ngày 01/01/2025 đến "
            "ngày 20/12/2025:") in out.stdout
    # the Sở: three quarters on time (the third within its extension)
    assert ("- Sở Nội vụ tỉnh Cà Mau: 3 việc, trong đó đã hoàn thành đúng hạn 3, đã hoàn thành "
            "quá hạn 0, chưa hoàn thành trong hạn 0, chưa hoàn thành quá hạn 0;") in out.stdout
    # the Tỉnh đoàn on 20/12/2025: Q1 5 days late, Q2 overdue 158 days, Q3 3 days late;
    # urged once (01/08/2025)
    assert ("- Tỉnh đoàn Cà Mau: 3 việc, trong đó đã hoàn thành đúng hạn 0, đã hoàn thành "
            "quá hạn 2, chưa hoàn thành trong hạn 0, chưa hoàn thành quá hạn 1 (tổng số ngày "
            "trễ hạn: 166); bị đôn đốc 1 lần.") in out.stdout


def test_the_draft_states_the_duty_s_data_window(tmp_path: Path) -> None:
    out = run(["render", "kh", "nam", "2026", "--format", "md", "-o", "-", "--date",
               "2026-12-01", "--today", "2026-12-01"], _repo(tmp_path))
    assert out.exit_code == 0, out.stderr
    # the duty's own cut-off: no decree cited, no placeholder
    assert "Số liệu báo cáo tính từ ngày 01/12/2025 đến ngày 30/11/2026." in out.stdout


def test_the_schedule_cache_carries_extensions_and_cutoffs(tmp_path: Path) -> None:
    from ppcli.engine.schedule_cache import load_schedules
    from ppcli.engine.workdays import build_calendar
    from ppcli.files.model import Cutoff
    from ppcli.files.repository import find_repo, load_meta
    from ppcli.files.store import open_cache

    repo = write_repo(tmp_path / "c", {"ct.yaml": CT_EARLY, "kh.yaml": KH})
    r = find_repo(repo)
    config = load_meta(r).config

    def schedules(env: dict[str, str]) -> Any:
        return load_schedules(r, config, dt.date(2026, 12, 31),
                              lambda: build_calendar(range(2024, 2028)), open_cache(env))

    cold = schedules({"PPCLI_NO_CACHE": "1"})
    folder = {"PPCLI_CACHE_DIR": str(tmp_path / "cache")}
    first, warm = schedules(folder), schedules(folder)
    assert (first.parsed, warm.parsed) == (2, 0)
    assert warm.schedules == cold.schedules
    obs = [ob for s in warm.schedules for ob in s.obligations]
    extended = [ob for ob in obs if ob.extension is not None]
    assert [(ob.period.key, ob.due, ob.extension.number) for ob in extended
            if ob.period is not None and ob.extension is not None] == [
        ("2025-Q3", dt.date(2025, 10, 31), "15/CV-UBND")]
    year = next(ob for ob in obs if ob.duty.id == "nam")
    assert (year.duty.cutoff, year.data_window) == (
        Cutoff(30, 11), (dt.date(2025, 12, 1), dt.date(2026, 11, 30)))


def test_show_says_the_regime_fields(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    out = run(["show", "kh", "--today", TODAY], repo).stdout
    assert "      chốt số liệu: ngày 30/11 hằng năm\n" in out
    assert "      phương thức gửi, nhận: Văn bản giấy và bản điện tử qua hệ thống quản lý văn " \
        "bản\n" in out
    duty = run(["show", "kh", "--today", TODAY, "--format", "json"], repo).json()["duties"][0]
    assert {k: duty[k] for k in ("content", "method", "cutoff", "outline", "data_form")} == {
        "content": "", "method": "Văn bản giấy và bản điện tử qua hệ thống quản lý văn bản",
        "cutoff": {"day": 30, "month": 11}, "outline": None, "data_form": None}
