"""The engine for issue 17's shapes, on small inline repositories: recurring meetings,
closed agreements, plans and their assumed deadline, "the other parties", the schedule
cache, and the replacement rule on both sides (item 4). Exact dates, exact text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import AGREEMENT, run, write_repo

from ppcli.engine.due import calendar_for, schedules_for
from ppcli.engine.handover import boundaries
from ppcli.engine.schedule import moves
from ppcli.engine.schedule_codec import Decoder, encode_schedule
from ppcli.files.repository import find_repo, load
from ppcli.periods import Period

MEETINGS = """\
id: lt-2024
kind: lien-tich
title: Chương trình liên tịch giữa Sở Nội vụ và Tỉnh đoàn
signed: 2024-03-15
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
conferences:
  - id: giao-ban-quy
    kind: giao-ban
    frequency: hang-quy
    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
  - id: lien-tich-dau-nam
    kind: lien-tich
    frequency: hang-nam
    when: dau-ky
    first: 2025
    host: so-noi-vu-ca-mau
  - id: kiem-diem-nam
    kind: kiem-diem
    frequency: hang-nam
    when: sau-ky
    host: tinh-doan-ca-mau
records:
  - conference: giao-ban-quy
    period: 2024-Q1
    date: 2024-03-28
"""


def _due(repo: Path, today: str, *more: str) -> list[dict[str, Any]]:
    result = run(["due", "--today", today, "--format", "json", *more], repo)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _rows(items: list[dict[str, Any]]) -> list[tuple[str, str | None, str, str]]:
    return [(i["item"], i["period"], i["status"], i["due"]) for i in items]


# -- recurring meetings ------------------------------------------------------------------------

def test_recurring_meetings_fall_due_once_per_period_as_when_says(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    assert _rows(_due(repo, "2025-01-20")) == [
        ("giao-ban-quy", "2024-Q2", "overdue", "2024-06-30"),  # cuoi-ky: the quarter's end
        ("giao-ban-quy", "2024-Q3", "overdue", "2024-09-30"),
        ("giao-ban-quy", "2024-Q4", "overdue", "2024-12-31"),
        ("kiem-diem-nam", "2024", "upcoming", "2025-01-31"),  # sau-ky: January after 2024
        ("lien-tich-dau-nam", "2025", "upcoming", "2025-01-31"),  # dau-ky: January 2025
        ("giao-ban-quy", "2025-Q1", "upcoming", "2025-03-31"),
    ]


def test_a_recurring_meeting_says_its_window_and_its_commands(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    item = next(i for i in _due(repo, "2025-01-20") if i["item"] == "kiem-diem-nam")
    assert item["notes"] == ["chưa có ngày cụ thể (dự kiến tháng 01/2025)"]
    assert item["exact"] is False
    assert item["render_command"] == "ppcli render lt-2024 kiem-diem-nam 2024"
    assert item["record_command"] == "ppcli record conference lt-2024 kiem-diem-nam 2024"


def test_recording_a_meeting_of_a_period(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    done = run(["record", "conference", "lt-2024", "giao-ban-quy", "2024-Q2", "--on",
                "2024-06-27", "--today", "2025-01-20"], repo)
    assert done.exit_code == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == (
        "Đã ghi nhận: tổ chức hội nghị giao-ban-quy kỳ 2024-Q2 ngày 27/06/2024 — "
        "agreements/lt-2024.yaml, dòng 28:")
    text = (repo / "agreements/lt-2024.yaml").read_text(encoding="utf-8")
    assert text.endswith("  - conference: giao-ban-quy\n    period: \"2024-Q2\"\n"
                         "    date: 2024-06-27\n")
    assert ("giao-ban-quy", "2024-Q2", "overdue", "2024-06-30") not in _rows(
        _due(repo, "2025-01-20"))
    again = run(["record", "conference", "lt-2024", "giao-ban-quy", "2024-Q2", "--on",
                 "2024-06-28", "--today", "2025-01-20"], repo)
    assert again.exit_code == 2
    # a recurring meeting's record needs its period: refused with PP114, nothing written
    bare = run(["record", "conference", "lt-2024", "giao-ban-quy", "--on", "2024-09-20",
                "--today", "2025-01-20"], repo)
    assert bare.exit_code != 0
    assert "PP114" in bare.stdout + bare.stderr
    assert (repo / "agreements/lt-2024.yaml").read_text(encoding="utf-8").count(
        "conference: giao-ban-quy") == 2


def test_show_lists_a_recurring_meeting_period_by_period(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    lines = run(["show", "lt-2024", "--today", "2024-11-20"], repo).stdout.splitlines()
    at = lines.index("  • giao-ban-quy: Hội nghị giao ban (chủ trì: Sở Nội vụ, "
                     "Tỉnh đoàn Cà Mau)")
    assert lines[at + 1:at + 5] == [
        "      hằng quý, trong kỳ (hạn: ngày cuối kỳ)",
        "      ✓ kỳ 2024-Q1: đã tổ chức 28/03/2024",
        "      ✗ kỳ 2024-Q2: quá hạn 143 ngày (hạn 30/06/2024)",
        "      ✗ kỳ 2024-Q3: quá hạn 51 ngày (hạn 30/09/2024)",
    ]
    assert lines[at + 5] == "      … kỳ 2024-Q4: hạn 31/12/2024 (còn 41 ngày)"
    data = json.loads(run(["show", "lt-2024", "--today", "2024-11-20", "--format", "json"],
                          repo).stdout)
    yearly = next(c for c in data["conferences"] if c["id"] == "kiem-diem-nam")
    assert (yearly["frequency"], yearly["when"], yearly["planned"]) == (
        "hang-nam", "sau-ky", None)
    assert yearly["periods"] == []  # January 2025 opens after the look-ahead
    quarterly = next(c for c in data["conferences"] if c["id"] == "giao-ban-quy")
    assert [(p["period"], p["state"], p["due"]) for p in quarterly["periods"]] == [
        ("2024-Q1", "held", "2024-03-31"), ("2024-Q2", "overdue", "2024-06-30"),
        ("2024-Q3", "overdue", "2024-09-30"), ("2024-Q4", "upcoming", "2024-12-31")]


def test_the_calendar_names_a_meetings_period(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    out = tmp_path / "lich.ics"
    result = run(["ics", "-o", str(out), "--today", "2025-01-20"], repo)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8").replace("\n ", "")  # unfolded
    assert "SUMMARY:Hội nghị kiểm điểm năm 2024 — chưa có ngày cụ thể (lt-2024)" in text
    assert "UID:lt-2024/conference/giao-ban-quy/2025-Q1@ppcli" in text


def test_a_meeting_draft_reviews_its_own_period(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS})
    out = tmp_path / "bc.md"
    result = run(["render", "lt-2024", "lien-tich-dau-nam", "2025", "--format", "md",
                  "-o", str(out), "--today", "2025-01-20"], repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    # held at the start of 2025, it reviews 2024 (from the agreement's start), no more
    assert "Số liệu báo cáo tính từ ngày 15/03/2024 đến ngày 31/12/2024." in text
    missing = run(["render", "lt-2024", "lien-tich-dau-nam", "--today", "2025-01-20"], repo)
    assert missing.exit_code == 2
    assert "hội nghị \"lien-tich-dau-nam\" họp định kỳ: hãy nêu kỳ" in missing.stderr


# -- closed agreements ---------------------------------------------------------------------------

CLOSED = """\
id: ct-2011
kind: chuong-trinh
title: Chương trình phối hợp giai đoạn 2011 - 2020
signed: 2011-03-15
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {end: 2020-12-31}
closed:
  date: 2021-01-15
  note: Đã tổng kết; không theo dõi tiếp
duties:
  - id: bao-cao-nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
conferences:
  - id: kiem-diem-nam
    kind: kiem-diem
    frequency: hang-nam
    when: sau-ky
    first: 2018
    host: tinh-doan-ca-mau
records:
  - report: bao-cao-nam
    period: 2019
    date: 2019-12-10
  - conference: kiem-diem-nam
    period: 2019
    date: 2020-01-09
"""


def test_a_closed_agreement_owes_nothing_and_its_gaps_are_not_overdue(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2011.yaml": CLOSED})
    assert _due(repo, "2026-11-22") == []
    open_ = write_repo(tmp_path / "o", {"ct-2011.yaml": CLOSED.replace(
        "closed:\n  date: 2021-01-15\n  note: Đã tổng kết; không theo dõi tiếp\n", "")})
    assert len(_due(open_, "2026-11-22")) == 11  # without closed: 9 reports, 2 meetings


def test_show_lists_a_closed_agreements_gaps_as_not_followed(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2011.yaml": CLOSED})
    lines = run(["show", "ct-2011", "--today", "2026-11-22"], repo).stdout.splitlines()
    assert "Kết thúc theo dõi: 15/01/2021 — Đã tổng kết; không theo dõi tiếp" in lines
    assert "      – kỳ 2011: không theo dõi (hạn 15/12/2011; thỏa thuận đã kết thúc)" in lines
    assert "      ✓ kỳ 2019: đã gửi 10/12/2019" in lines
    assert "      – kỳ 2020: không theo dõi (hạn 15/12/2020; thỏa thuận đã kết thúc)" in lines
    assert lines[-4:-1] == [
        "      hằng năm, sau kỳ (trong tháng đầu sau kỳ)",
        "      – kỳ 2018: không theo dõi (hạn 31/01/2019; thỏa thuận đã kết thúc)",
        "      ✓ kỳ 2019: đã tổ chức 09/01/2020",
    ]  # 2020's meeting (due 31/01/2021) falls after the closing day: never created
    data = json.loads(run(["show", "ct-2011", "--today", "2026-11-22", "--format", "json",
                           "--lang", "en"], repo).stdout)
    periods = data["duties"][0]["periods"]
    assert [(p["period"], p["state"], p["timeliness"]) for p in periods][-2:] == [
        ("2019", "sent", "done-on-time"), ("2020", "untracked", "untracked")]
    assert data["closed"] == {"date": "2021-01-15", "note": "Đã tổng kết; không theo dõi tiếp"}


def test_nothing_due_after_the_closing_day_is_created(tmp_path: Path) -> None:
    text = CLOSED.replace("period: {end: 2020-12-31}\n", "").replace(
        "date: 2021-01-15", "date: 2022-06-30")
    repo = write_repo(tmp_path / "r", {"ct-2011.yaml": text})
    data = json.loads(run(["show", "ct-2011", "--today", "2026-11-22", "--format", "json"],
                          repo).stdout)
    assert [p["period"] for p in data["duties"][0]["periods"]][-2:] == ["2020", "2021"]
    assert _due(repo, "2026-11-22") == []


# -- plans, days_before, the other parties ---------------------------------------------------------

PLAN = """\
id: kh-2024
kind: lien-tich
title: Chương trình liên tịch về công tác thanh niên
signed: 2024-03-15
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
duties:
  - id: ke-hoach-nam
    kind: ke-hoach
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: cac-ben-khac
    frequency: hang-nam
"""


def test_a_plans_assumed_deadline_is_the_15th_of_its_first_month(tmp_path: Path) -> None:
    config = "place: Cà Mau\ndefault_deadline: {day: 20}\n"  # a report's: not a plan's
    repo = write_repo(tmp_path / "r", {"kh-2024.yaml": PLAN}, config=config)
    items = _due(repo, "2025-01-20")
    assert [(i["period"], i["due"], i["deadline_source"], i["title"]) for i in items] == [
        ("2024", "2024-03-15", "builtin", "Kế hoạch"),  # owed before the start: on it
        ("2025", "2025-01-15", "builtin", "Kế hoạch")]
    assert items[1]["rule"] == (
        "hạn giả định: ngày 15 của tháng đầu kỳ kế hoạch (thỏa thuận không nêu hạn gửi kế "
        "hoạch; mặc định của ppcli cho kế hoạch, vì hạn mặc định của kho chỉ áp cho báo cáo)")


def test_days_before_counts_back_from_the_periods_first_day(tmp_path: Path) -> None:
    text = PLAN + "    deadline: {days_before: 17}\n"
    repo = write_repo(tmp_path / "r", {"kh-2024.yaml": text})
    items = _due(repo, "2025-12-01", "--within", "30")
    # the plan for 2026 "trước ngày 15/12 năm trước": 01/01/2026 − 17 days = 15/12/2025
    assert [(i["period"], i["nominal_due"], i["due"], i["deadline_source"]) for i in items
            if i["period"] == "2026"] == [("2026", "2025-12-15", "2025-12-15", "agreement")]
    assert items[-1]["rule"] == "hạn 17 ngày trước ngày đầu kỳ"


def test_the_other_parties_are_resolved_per_reporter(tmp_path: Path) -> None:
    text = PLAN.replace("from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]",
                        "from: tinh-doan-ca-mau")
    repo = write_repo(tmp_path / "r", {"kh-2024.yaml": text})
    assert {tuple(i["recipients"]) for i in _due(repo, "2025-01-20")} == {
        ("so-noi-vu-ca-mau",)}
    lines = run(["show", "kh-2024", "--today", "2025-01-20"], repo).stdout.splitlines()
    assert "      gửi: các bên ký kết khác" in lines
    assert "  • ke-hoach-nam: Báo cáo (kế hoạch, hằng năm)" in lines


def test_a_drafts_recipients_are_the_other_parties(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"kh-2024.yaml": PLAN})
    out = tmp_path / "kh.md"
    result = run(["render", "kh-2024", "ke-hoach-nam", "2025", "--as", "tinh-doan-ca-mau",
                  "--format", "md", "-o", str(out), "--today", "2025-01-20"], repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    # the Tỉnh đoàn's plan goes to the other party only, never to itself; a KẾ HOẠCH has
    # no "Kính gửi": its recipients are in "Nơi nhận" (h17d, docs/render.md)
    assert "Kính gửi" not in text
    assert "- Sở Nội vụ tỉnh Cà Mau;" in text[text.index("Nơi nhận"):]
    assert "Tỉnh đoàn Cà Mau" not in text[text.index("Nơi nhận"):]


# -- the schedule cache keeps the new fields -----------------------------------------------------

def test_schedules_of_the_new_shapes_survive_the_cache_codec(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS, "ct-2011.yaml": CLOSED,
                                       "kh-2024.yaml": PLAN + "    deadline: {days_before: 17}\n",
                                       "kh-b.yaml": PLAN.replace("id: kh-2024", "id: kh-b")})
    loaded = load(find_repo(repo))
    today = dt.date(2025, 1, 20)
    cal = calendar_for(loaded.agreements, loaded.config, today, 30)
    schedules = schedules_for(loaded.agreements, loaded.config, cal, today, keep_done=True)
    assert any(s.conferences and s.conferences[0].period for s in schedules)
    assert any(ob.untracked for s in schedules for ob in s.obligations)
    for s in schedules:
        back = Decoder().schedule(json.loads(json.dumps(encode_schedule(s))), s.file)
        assert back == s


def test_warm_due_equals_cold_due(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"lt-2024.yaml": MEETINGS, "ct-2011.yaml": CLOSED,
                                       "kh-2024.yaml": PLAN})
    cache = {"PPCLI_CACHE_DIR": str(tmp_path / "cache")}
    args = ["due", "--today", "2025-01-20", "--format", "json"]
    cold = run(args, repo, env={"PPCLI_NO_CACHE": "1"}).stdout
    assert run(args, repo, env=cache).stdout == cold
    assert run(args, repo, env=cache).stdout == cold


# -- the replacement rule (item 4) ---------------------------------------------------------------

NEW = """\
id: ct-2024
kind: chuong-trinh
title: Chương trình phối hợp giai đoạn 2024 - 2028
signed: 2024-10-01
replaces:
  - agreement: ct-2022
  - {number: 07/CTPH, title: Chương trình của tỉnh cũ}
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {end: 2028-12-31}
duties:
  - id: bao-cao-nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
"""


def _pair(tmp_path: Path, new: str) -> Path:
    return write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "ct-2024.yaml": new})


def test_the_boundary_period_goes_to_the_agreement_in_force_on_its_last_day(
        tmp_path: Path) -> None:
    repo = _pair(tmp_path, NEW)
    assert [(i["agreement"], i["period"], i["due"]) for i in _due(repo, "2024-12-20")
            if i["type"] == "report" and i["period"] == "2024"] == [
        ("ct-2024", "2024", "2024-12-16")]  # 15/12/2024 is a Sunday
    old = run(["show", "ct-2022", "--today", "2024-12-20"], repo).stdout.splitlines()
    assert old[-3:-1] == [
        "Kỳ giáp ranh khi thay thế:",
        "  • nghĩa vụ bao-cao-nam, năm 2024: chuyển sang thỏa thuận ct-2024 (có hiệu lực từ "
        "01/10/2024, đang hiệu lực vào ngày cuối kỳ), theo nghĩa vụ bao-cao-nam"]
    new = run(["show", "ct-2024", "--today", "2024-12-20"], repo).stdout.splitlines()
    assert "Thay thế: ct-2022; số 07/CTPH Chương trình của tỉnh cũ" in new
    assert new[-3:-1] == [
        "Kỳ giáp ranh khi thay thế:",
        "  • năm 2024 của nghĩa vụ bao-cao-nam (thỏa thuận ct-2022): do thỏa thuận này đảm "
        "nhận, theo nghĩa vụ bao-cao-nam (có hiệu lực từ 01/10/2024, trước ngày cuối kỳ)"]


def test_the_new_agreement_can_leave_the_boundary_period_to_the_old(tmp_path: Path) -> None:
    repo = _pair(tmp_path, NEW.replace("    frequency: hang-nam\n",
                                       "    frequency: hang-nam\n    first: 2025\n"))
    assert [(i["agreement"], i["period"]) for i in _due(repo, "2024-12-20")
            if i["type"] == "report" and i["period"] == "2024"] == [("ct-2022", "2024")]
    old = run(["show", "ct-2022", "--today", "2024-12-20", "--lang", "en"],
              repo).stdout.splitlines()
    assert old[-3:-1] == [
        "Periods at the seam of the replacement:",
        "  • duty bao-cao-nam, year 2024: stays with this agreement (duty bao-cao-nam of "
        "agreement ct-2024 starts with 2025)"]


def test_moves_is_the_rule() -> None:
    cutoff = dt.date(2024, 10, 1)
    year = ("report", "bao-cao-nam", "hang-nam", None)
    assert moves(Period(2023, 12, 1), "report", "x", cutoff, (year,)) is False  # ended before
    assert moves(Period(2025, 12, 1), "report", "x", cutoff, ()) is True  # starts after
    assert moves(Period(2024, 12, 1), "report", "x", cutoff, (year,)) is True  # boundary
    assert moves(Period(2024, 12, 1), "report", "x", cutoff, ()) is False  # none to take it
    later = ("report", "bao-cao-nam", "hang-nam", Period(2025, 12, 1))
    assert moves(Period(2024, 12, 1), "report", "bao-cao-nam", cutoff, (later,)) is False
    quarter = ("report", "bao-cao-quy", "hang-quy", None)  # another frequency: no match
    assert moves(Period(2024, 12, 1), "report", "x", cutoff, (quarter,)) is False
    # a seam on a period's first day leaves no boundary period
    assert moves(Period(2024, 3, 4), "report", "x", cutoff, ()) is True


@pytest.mark.parametrize(("start", "count"), [("2024-10-01", 1), ("2025-01-01", 0)])
def test_boundaries_only_where_a_period_straddles_the_seam(tmp_path: Path, start: str,
                                                           count: int) -> None:
    repo = _pair(tmp_path, NEW.replace("signed: 2024-10-01", f"signed: {start}"))
    loaded = load(find_repo(repo))
    old, new = loaded.agreements
    assert len(boundaries(old, new)) == count



def test_a_closing_day_ahead_leaves_what_falls_due_before_it_owed(tmp_path: Path) -> None:
    text = CLOSED.replace("period: {end: 2020-12-31}\n", "").replace(
        "date: 2021-01-15", "date: 2026-12-31").replace(
        "  - report: bao-cao-nam\n    period: 2019\n",
        "".join(f"  - report: bao-cao-nam\n    period: {y}\n    date: {y}-12-10\n"
                for y in range(2011, 2025)) + "  - report: bao-cao-nam\n    period: 2019\n")
    text = text.replace("  - report: bao-cao-nam\n    period: 2019\n    date: 2019-12-10\n"
                        "  - report: bao-cao-nam\n    period: 2019\n", "  - report: "
                        "bao-cao-nam\n    period: 2019\n")
    repo = write_repo(tmp_path / "r", {"ct-2011.yaml": text})
    assert [(i["item"], i["period"], i["status"], i["due"]) for i in _due(repo, "2025-12-01")
            if i["type"] == "report"] == [("bao-cao-nam", "2025", "upcoming", "2025-12-15")]
    # once its deadline has passed, a closed agreement's period is no longer followed
    assert [i for i in _due(repo, "2027-01-10") if i["type"] == "report"] == []
