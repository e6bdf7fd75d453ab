"""The bundled agreements added for issue 17 (item 10): real texts found with the search
tool, and one invented example that says so, each showing a shape the five seeds lacked.
Each test runs ppcli on the bundled repository and checks what a clerk relies on, with
exact dates."""

from __future__ import annotations

from typing import Any

from conftest import ROOT, run

NEW = {
    "qng-ubnd-ldld-2012": "agreements/quang-ngai/qng-ubnd-ldld-2012.yaml",
    "nb-hnd-ninh-binh-dong-nai-2022-2025":
        "agreements/ninh-binh/nb-hnd-ninh-binh-dong-nai-2022-2025.yaml",
    "dl-ubnd-ldld-dai-loc-2011-2015": "agreements/quang-nam/dl-ubnd-ldld-dai-loc-2011-2015.yaml",
    "bg-hn-hoi-nong-dan-2014": "agreements/bac-giang/bg-hn-hoi-nong-dan-2014.yaml",
    "bp-dbqh-hdnd-ubnd-mttq-2021-2026":
        "agreements/binh-phuoc/bp-dbqh-hdnd-ubnd-mttq-2021-2026.yaml",
    "pt-3-van-phong-2025": "agreements/phu-tho/pt-3-van-phong-2025.yaml",
    "ag-ca-lhpn-tinhdoan-2025-2030": "agreements/an-giang/ag-ca-lhpn-tinhdoan-2025-2030.yaml",
}

KEYS = ("type", "item", "period", "status", "due", "nominal_due", "party", "recipients",
        "deadline_source", "moved_because")


def _due(agreement: str, today: str) -> list[dict[str, Any]]:
    result = run(["due", "--format", "json", "--today", today, "--agreement", agreement], ROOT)
    assert result.exit_code == 0, result.stdout + result.stderr
    return [{k: row[k] for k in KEYS} for row in result.json()]


def _listed(today: str) -> dict[str, dict[str, Any]]:
    rows = run(["list", "--format", "json", "--today", today], ROOT).json()
    return {row["id"]: row for row in rows}


def _show(agreement: str, today: str = "2026-12-01") -> str:
    result = run(["show", agreement, "--today", today], ROOT)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def test_new_files_validate_without_a_single_diagnostic() -> None:
    result = run(["validate", "--today", "2026-12-01"], ROOT)
    assert result.exit_code == 0, result.stdout
    assert "error[" not in result.stdout
    for path in NEW.values():
        assert (ROOT / path).is_file(), path
        assert path not in result.stdout, path


def test_each_new_file_names_its_source_or_says_it_is_invented() -> None:
    for agreement, path in NEW.items():
        text = (ROOT / path).read_text(encoding="utf-8")
        data = run(["show", agreement, "--format", "json"], ROOT).json()
        if agreement.startswith("ag-"):
            assert "VÍ DỤ TỰ TẠO — KHÔNG PHẢI VĂN BẢN THẬT" in text
            assert data["title"].startswith("(Ví dụ tự tạo)")
            assert data["source"].startswith("Ví dụ tự tạo")
        else:
            assert data["source"].startswith("pages: https://"), agreement
            # the address in source: is the one the file's header cites
            assert data["source"].split()[1] in text


# ---- (a) a quy chế issued by a Quyết định, open-ended --------------------------------------

def test_quang_ngai_is_in_force_ten_days_after_the_decision_and_open_ended() -> None:
    row = _listed("2026-12-01")["qng-ubnd-ldld-2012"]
    assert (row["kind"], row["start"], row["end"], row["status"]) == (
        "quy-che", "2012-06-15", None, "active")
    assert _listed("2012-06-14")["qng-ubnd-ldld-2012"]["status"] == "not-started"
    assert _listed("2012-06-15")["qng-ubnd-ldld-2012"]["status"] == "active"
    data = run(["show", "qng-ubnd-ldld-2012", "--format", "json"], ROOT).json()
    assert data["signed"] is None
    assert data["issued_by"]["number"] == "10/2012/QĐ-UBND"
    assert data["issued_by"]["date"] == "2012-06-05"
    assert [(r["number"], r["date"]) for r in data["replaces"]] == [
        ("137/2002/QĐ-UBND", "2002-12-06")]
    # nothing is owed: the body of the quy chế was not read, so no duty was guessed
    assert _due("qng-ubnd-ldld-2012", "2026-12-01") == []


# ---- (e) a plan duty, (f) two provinces' peers ---------------------------------------------

def test_ninh_binh_dong_nai_yearly_plans_fall_due_on_the_assumed_15_january() -> None:
    both = ["hoi-nong-dan-ninh-binh", "hoi-nong-dan-dong-nai"]
    other = ["hoi-nong-dan-dong-nai", "hoi-nong-dan-ninh-binh"]
    assert _due("nb-hnd-ninh-binh-dong-nai-2022-2025", "2026-12-01") == [
        # 15/01/2023 is a Sunday: the plan is due on Monday 16/01/2023
        {"type": "report", "item": "ke-hoach-nam", "period": "2023", "status": "overdue",
         "due": "2023-01-16", "nominal_due": "2023-01-15", "party": both, "recipients": other,
         "deadline_source": "builtin", "moved_because": "Chủ nhật"},
        {"type": "report", "item": "ke-hoach-nam", "period": "2024", "status": "overdue",
         "due": "2024-01-15", "nominal_due": "2024-01-15", "party": both, "recipients": other,
         "deadline_source": "builtin", "moved_because": None},
        {"type": "report", "item": "ke-hoach-nam", "period": "2025", "status": "overdue",
         "due": "2025-01-15", "nominal_due": "2025-01-15", "party": both, "recipients": other,
         "deadline_source": "builtin", "moved_because": None},
        {"type": "conference", "item": "tong-ket-2025", "period": None, "status": "overdue",
         "due": "2025-12-31", "nominal_due": "2025-12-31", "party": both, "recipients": [],
         "deadline_source": None, "moved_because": None},
    ]


def test_ninh_binh_plan_is_upcoming_early_in_january_not_at_the_year_end() -> None:
    rows = _due("nb-hnd-ninh-binh-dong-nai-2022-2025", "2024-01-02")
    assert [(r["item"], r["period"], r["status"], r["due"]) for r in rows] == [
        ("ke-hoach-nam", "2023", "overdue", "2023-01-16"),
        ("ke-hoach-nam", "2024", "upcoming", "2024-01-15"),
    ]


# ---- (g) finished and closed ---------------------------------------------------------------

def test_closed_dai_loc_gives_no_row_and_lists_its_meetings_as_untracked() -> None:
    assert _due("dl-ubnd-ldld-dai-loc-2011-2015", "2026-12-01") == []
    text = _show("dl-ubnd-ldld-dai-loc-2011-2015")
    assert "hằng năm, đầu kỳ (trong tháng đầu của kỳ)" in text
    for year in (2012, 2013, 2014, 2015):
        assert (f"– kỳ {year}: không theo dõi (hạn 31/01/{year}; thỏa thuận đã kết thúc)"
                in text)
    assert "kỳ 2011" not in text  # the 2011 meeting was the signing conference itself
    data = run(["show", "dl-ubnd-ldld-dai-loc-2011-2015", "--format", "json"], ROOT).json()
    assert data["closed"]["date"] == "2016-01-01"
    assert [s["kind"] for s in data["siblings"]] == ["Chương trình liên tịch"]
    assert [(c["kind"], c["frequency"], c["when"]) for c in data["conferences"]] == [
        ("lien-tich", "hang-nam", "dau-ky")]


def test_closed_bac_giang_ha_noi_quarters_are_untracked_not_overdue() -> None:
    assert _due("bg-hn-hoi-nong-dan-2014", "2026-12-01") == []
    data = run(["show", "bg-hn-hoi-nong-dan-2014", "--format", "json", "--today",
                "2026-12-01"], ROOT).json()
    (duty,) = data["duties"]
    assert duty["to"] == ["cac-ben-khac"]
    assert [(p["period"], p["due"], p["state"]) for p in duty["periods"]] == [
        ("2014-Q1", "2014-03-25", "untracked"), ("2014-Q2", "2014-06-25", "untracked"),
        ("2014-Q3", "2014-09-25", "untracked"), ("2014-Q4", "2014-12-25", "untracked")]
    text = _show("bg-hn-hoi-nong-dan-2014")
    assert "Kết thúc theo dõi: 15/01/2015" in text
    assert "– kỳ 2014-Q4: không theo dõi (hạn 25/12/2014; thỏa thuận đã kết thúc)" in text


# ---- (b) three or more parties --------------------------------------------------------------

def test_binh_phuoc_four_parties_on_a_term() -> None:
    row = _listed("2026-12-01")["bp-dbqh-hdnd-ubnd-mttq-2021-2026"]
    assert row["parties"] == [
        "doan-dbqh-binh-phuoc", "thuong-truc-hdnd-binh-phuoc", "ubnd-binh-phuoc",
        "ubmttq-binh-phuoc"]
    assert (row["start"], row["end"]) == ("2021-01-01", "2026-12-31")
    text = _show("bp-dbqh-hdnd-ubnd-mttq-2021-2026")
    assert "Ủy ban nhân dân tỉnh Bình Phước [đã hợp nhất từ 01/07/2025; nay: Ủy ban nhân dân " \
           "tỉnh Đồng Nai]" in text


def test_phu_tho_three_offices_signed_after_the_merger_are_active() -> None:
    row = _listed("2026-12-01")["pt-3-van-phong-2025"]
    assert (row["start"], row["end"], row["status"]) == ("2025-10-07", None, "active")
    assert len(row["parties"]) == 3
    assert _due("pt-3-van-phong-2025", "2026-12-01") == []


# ---- (b) + (c) + (d) + a replaces list: the invented An Giang example ---------------------

def test_an_giang_quarterly_giao_ban_yearly_kiem_diem_and_plan_before_the_year() -> None:
    three = ["cong-an-an-giang", "hoi-lhpn-an-giang", "tinh-doan-an-giang"]
    rows = _due("ag-ca-lhpn-tinhdoan-2025-2030", "2026-12-01")
    # held and recorded: giao ban 2025-Q4, 2026-Q1, 2026-Q2, the 2025 kiểm điểm, the 2026 plan
    assert [(r["type"], r["item"], r["period"], r["status"], r["due"]) for r in rows] == [
        ("conference", "giao-ban-quy", "2026-Q3", "overdue", "2026-09-30"),
        ("report", "ke-hoach-nam", "2027", "upcoming", "2026-12-15"),
        ("conference", "giao-ban-quy", "2026-Q4", "upcoming", "2026-12-31"),
    ]
    plan = rows[1]
    # "trước ngày 15/12 năm trước": 17 days before 01/01/2027, to the two other parties
    assert (plan["nominal_due"], plan["deadline_source"], plan["party"], plan["recipients"]) == (
        "2026-12-15", "agreement", ["cong-an-an-giang"],
        ["hoi-lhpn-an-giang", "tinh-doan-an-giang"])
    assert rows[0]["party"] == rows[2]["party"] == three
    # the kiểm điểm of a year is held in the January after it
    later = _due("ag-ca-lhpn-tinhdoan-2025-2030", "2027-01-05")
    assert ("conference", "kiem-diem-nam", "2026", "upcoming", "2027-01-31") in [
        (r["type"], r["item"], r["period"], r["status"], r["due"]) for r in later]
    text = _show("ag-ca-lhpn-tinhdoan-2025-2030")
    for line in ("hằng quý, trong kỳ (hạn: ngày cuối kỳ)",
                 "✓ kỳ 2025-Q4: đã tổ chức 18/12/2025",
                 "✓ kỳ 2026-Q2: đã tổ chức 25/06/2026",
                 "✗ kỳ 2026-Q3: quá hạn 62 ngày (hạn 30/09/2026)",
                 "hằng năm, sau kỳ (trong tháng đầu sau kỳ)",
                 "✓ kỳ 2025: đã tổ chức 20/01/2026",
                 "✓ kỳ 2026: đã gửi 12/12/2025 (số 15/KH-CAT)"):
        assert line in text, line


def test_an_giang_replaces_both_former_provinces_texts() -> None:
    data = run(["show", "ag-ca-lhpn-tinhdoan-2025-2030", "--format", "json"], ROOT).json()
    assert [r["issuer"] for r in data["replaces"]] == [
        "Công an tỉnh, Hội LHPN tỉnh và Tỉnh đoàn An Giang (tỉnh cũ)",
        "Công an tỉnh, Hội LHPN tỉnh và Tỉnh đoàn Kiên Giang"]
    assert [(c["id"], c["kind"], c["frequency"], c["when"]) for c in data["conferences"]] == [
        ("giao-ban-quy", "giao-ban", "hang-quy", "cuoi-ky"),
        ("kiem-diem-nam", "kiem-diem", "hang-nam", "sau-ky")]


def test_the_new_agreements_in_the_list_with_their_statuses() -> None:
    rows = _listed("2026-12-01")
    assert [(aid, rows[aid]["status"], rows[aid]["parties_ended_some"]) for aid in NEW] == [
        ("qng-ubnd-ldld-2012", "active", False),
        ("nb-hnd-ninh-binh-dong-nai-2022-2025", "expired", False),
        # closed comes first, though the district bodies and Bắc Giang's Hội ended since
        ("dl-ubnd-ldld-dai-loc-2011-2015", "closed", False),
        ("bg-hn-hoi-nong-dan-2014", "closed", True),
        # all four bodies merged into Đồng Nai's on 01/7/2025: review and sign anew
        ("bp-dbqh-hdnd-ubnd-mttq-2021-2026", "parties-ended", False),
        ("pt-3-van-phong-2025", "active", False),
        ("ag-ca-lhpn-tinhdoan-2025-2030", "active", False),
    ]
    assert rows["bp-dbqh-hdnd-ubnd-mttq-2021-2026"]["acting"] == {
        "doan-dbqh-binh-phuoc": ["doan-dbqh-dong-nai"],
        "thuong-truc-hdnd-binh-phuoc": ["thuong-truc-hdnd-dong-nai"],
        "ubnd-binh-phuoc": ["ubnd-dong-nai"], "ubmttq-binh-phuoc": ["ubmttq-dong-nai"]}
    # a district body dissolved without successor acts for nobody
    assert rows["dl-ubnd-ldld-dai-loc-2011-2015"]["acting"] == {
        "ubnd-huyen-dai-loc": [], "ldld-huyen-dai-loc": []}
    # before the day it was closed, the Bắc Giang - Hà Nội programme was simply expired
    assert _listed("2015-01-14")["bg-hn-hoi-nong-dan-2014"]["status"] == "expired"


def test_binh_phuoc_is_in_due_s_review_section_once_then_expires() -> None:
    four = ["doan-dbqh-binh-phuoc", "thuong-truc-hdnd-binh-phuoc", "ubnd-binh-phuoc",
            "ubmttq-binh-phuoc"]
    rows = run(["due", "--format", "json", "--today", "2026-12-01", "--agreement",
                "bp-dbqh-hdnd-ubnd-mttq-2021-2026"], ROOT).json()
    # to review since the day the last party ended; the term's end within the 30 days
    assert [(r["type"], r["due"], r["party"]) for r in rows] == [
        ("review", "2025-07-01", four), ("expiry", "2026-12-31", four)]
