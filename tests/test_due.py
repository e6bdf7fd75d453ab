"""ppcli due: exact items at fixed dates, on the seed agreements and on small inline ones."""

from __future__ import annotations

from pathlib import Path

from conftest import AGREEMENT, ROOT, run, write_repo


def due(args: list[str], repo: Path = ROOT) -> list[tuple[str, ...]]:
    result = run(["due", "--format", "json", *args], repo)
    assert result.exit_code == 0, result.stderr
    return [(i["type"], i["item"], i["period"] or "", i["status"], i["due"])
            for i in result.json()]


def test_ca_mau_mid_term_review_in_2024() -> None:
    assert due(["--agreement", "cm-snv-tinhdoan-2022-2026", "--today", "2024-12-01"]) == [
        ("report", "bao-cao-nam", "2022", "overdue", "2022-12-26"),  # 25/12/2022: a Sunday
        ("report", "bao-cao-nam", "2023", "overdue", "2023-12-25"),
        ("report", "bao-cao-nam", "2024", "upcoming", "2024-12-25"),
        ("conference", "so-ket-2024", "", "upcoming", "2024-12-31"),
    ]


def test_ca_mau_final_review_in_2026_and_the_end_of_the_programme() -> None:
    items = due(["--agreement", "cm-snv-tinhdoan-2022-2026", "--today", "2026-11-22"])
    assert items == [
        ("report", "bao-cao-nam", "2022", "overdue", "2022-12-26"),
        ("report", "bao-cao-nam", "2023", "overdue", "2023-12-25"),
        ("report", "bao-cao-nam", "2024", "overdue", "2024-12-25"),
        ("conference", "so-ket-2024", "", "overdue", "2024-12-31"),
        ("report", "bao-cao-nam", "2025", "overdue", "2025-12-25"),
        # the 2026 report (25/12/2026) is 33 days away: outside the default 30
        ("conference", "tong-ket-2026", "", "upcoming", "2026-12-31"),
        ("expiry", "cm-snv-tinhdoan-2022-2026", "", "upcoming", "2026-12-31"),
    ]


def test_conference_planned_for_a_year_is_coming_during_that_year() -> None:
    items = due(["--agreement", "cm-snv-tinhdoan-2022-2026", "--today", "2026-02-01",
                 "--within", "7"])
    assert ("conference", "tong-ket-2026", "", "upcoming", "2026-12-31") in items
    data = run(["due", "--format", "json", "--agreement", "cm-snv-tinhdoan-2022-2026",
                "--today", "2026-02-01"], ROOT).json()
    conf = next(i for i in data if i["item"] == "tong-ket-2026")
    assert conf["exact"] is False
    assert conf["notes"] == ["chưa có ngày cụ thể (dự kiến 2026)"]


def test_nghe_an_programme_ends_in_2025_and_stops_producing_obligations() -> None:
    assert due(["--agreement", "na-sldtbxh-tinhdoan-2022-2025", "--today", "2025-11-01"]) == [
        ("conference", "so-ket-2022", "", "overdue", "2022-12-31"),
        ("conference", "so-ket-2023", "", "overdue", "2023-12-31"),
        ("conference", "so-ket-2024", "", "overdue", "2024-12-31"),
        ("conference", "so-ket-2025", "", "upcoming", "2025-12-31"),
        ("expiry", "na-sldtbxh-tinhdoan-2022-2025", "", "upcoming", "2025-12-31"),
    ]
    # after the end: what was not done stays overdue, nothing new appears
    assert due(["--agreement", "na-sldtbxh-tinhdoan-2022-2025", "--today", "2027-03-01"]) == [
        ("conference", "so-ket-2022", "", "overdue", "2022-12-31"),
        ("conference", "so-ket-2023", "", "overdue", "2023-12-31"),
        ("conference", "so-ket-2024", "", "overdue", "2024-12-31"),
        ("conference", "so-ket-2025", "", "overdue", "2025-12-31"),
    ]


def test_nghe_an_conference_names_the_successor_of_the_merged_department() -> None:
    data = run(["due", "--format", "json", "--agreement", "na-sldtbxh-tinhdoan-2022-2025",
                "--today", "2025-11-01"], ROOT).json()
    conf = next(i for i in data if i["item"] == "so-ket-2025")
    assert conf["notes"] == [
        "chưa có ngày cụ thể (dự kiến 2025)",
        "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An đã sáp nhập từ 01/03/2025; đơn vị "
        "kế thừa: Sở Nội vụ tỉnh Nghệ An"]


def test_kien_giang_parties_merged_into_an_giang() -> None:
    data = run(["due", "--format", "json", "--agreement", "kg-ubnd-tinhdoan-2023-2027",
                "--today", "2025-12-01"], ROOT).json()
    assert [(i["type"], i["period"], i["status"], i["due"]) for i in data] == [
        ("report", "2023", "overdue", "2023-12-25"), ("report", "2024", "overdue", "2024-12-25"),
        ("review", None, "upcoming", "2025-07-01"),
        ("report", "2025", "upcoming", "2025-12-25")]
    # the party of record and the body acting for it now (issue 17)
    assert [(i["party"], i["acting_party"]) for i in data] == [
        (["cac-so-nganh-kien-giang"], ["cac-so-nganh-an-giang"])] * 2 + [
        (["ubnd-kien-giang", "tinh-doan-kien-giang"], ["ubnd-an-giang", "tinh-doan-an-giang"]),
        (["cac-so-nganh-kien-giang"], ["cac-so-nganh-an-giang"])]
    assert data[3]["notes"] == [
        "Các sở, ban, ngành tỉnh Kiên Giang đã hợp nhất từ 01/07/2025; đơn vị kế thừa: Các "
        "sở, ban, ngành tỉnh An Giang",
        "Ủy ban nhân dân tỉnh Kiên Giang đã hợp nhất từ 01/07/2025; đơn vị kế thừa: Ủy ban "
        "nhân dân tỉnh An Giang"]
    # the successor's clerk sees the backlog with --party
    mine = due(["--party", "cac-so-nganh-an-giang", "--today", "2025-12-01"])
    assert [(t, p) for t, _, p, _, _ in mine] == [("report", "2023"), ("report", "2024"),
                                                    ("report", "2025")]
    assert [(t, i) for t, i, _, _, _ in due(["--party", "ubnd-an-giang",
                                              "--today", "2025-12-01"])
            if t == "review"] == [("review", "kg-ubnd-tinhdoan-2023-2027")]


def test_bac_ninh_held_conference_is_done_and_reports_start_after_it() -> None:
    items = due(["--agreement", "bn-ubnd-cac-co-quan-2021-2026", "--today", "2024-03-01",
                 "--party", "ubnd-bac-ninh"])
    assert items == [("report", "ubnd-thang", "2024-02", "overdue", "2024-02-26"),
                     ("report", "ubnd-quy", "2024-Q1", "upcoming", "2024-03-25"),
                     ("report", "ubnd-thang", "2024-03", "upcoming", "2024-03-25")]


AGREEMENT_RULES = """\
id: quy-che
kind: quy-che
title: Quy chế thử
signed: 2024-05-15
parties:
  - org: ubnd-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2024-05-15, end: 2025-12-31}
duties:
  - id: thang
    from: tinh-doan-ca-mau
    to: ubnd-ca-mau
    frequency: hang-thang
    deadline: {day: 28}
  - id: quy
    from: tinh-doan-ca-mau
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {working_days_after: 5}
records:
  - report: thang
    period: 2024-05
    date: 2024-05-28
"""


def test_holiday_roll_over_and_mid_year_start(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"quy-che.yaml": AGREEMENT_RULES})
    data = run(["due", "--format", "json", "--today", "2025-05-10", "--within", "0"],
               repo).json()
    rows = [(i["item"], i["period"], i["nominal_due"], i["due"], i["moved_because"])
            for i in data]
    assert rows[:3] == [
        ("thang", "2024-06", "2024-06-28", "2024-06-28", None),
        ("quy", "2024-Q2", "2024-07-05", "2024-07-05", None),  # the quarter of the start
        ("thang", "2024-07", "2024-07-28", "2024-07-29", "Chủ nhật"),
    ]
    by_period = {(i["item"], i["period"]): (i["nominal_due"], i["due"], i["moved_because"])
                 for i in data}
    assert by_period[("thang", "2025-01")] == ("2025-01-28", "2025-02-03",
                                             "Giao thừa Tết Nguyên Đán")
    assert by_period[("quy", "2024-Q4")] == ("2025-01-08", "2025-01-08", None)
    assert ("thang", "2024-05") not in by_period  # recorded
    assert ("thang", "2025-04") in by_period  # due 28/04/2025, before today


def test_table_output_shows_both_dates_and_groups(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"quy-che.yaml": AGREEMENT_RULES})
    out = run(["due", "--agreement", "quy-che", "--today", "2024-07-20"], repo).stdout
    # counts first; each entry with its codes and the commands to copy; the overdue
    # newest first
    assert out == (
        "Ngày 20/07/2024: 2 việc quá hạn, 1 báo cáo sắp đến hạn. (→: lệnh để chép và chạy)\n"
        "\n"
        "QUÁ HẠN (2)\n"
        "  05/07/2024  quá 15 ngày  quy-che quy 2024-Q2\n"
        "      Báo cáo — quý II/2024: Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau\n"
        "      hạn 5 ngày làm việc sau khi hết kỳ\n"
        "      → ppcli record report quy-che quy 2024-Q2 --on NGÀY\n"
        "  28/06/2024  quá 22 ngày  quy-che thang 2024-06\n"
        "      Báo cáo — tháng 6/2024: Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau\n"
        "      hạn ngày 28 của tháng cuối kỳ\n"
        "      → ppcli record report quy-che thang 2024-06 --on NGÀY\n"
        "\n"
        "SẮP ĐẾN HẠN (1)\n"
        "  29/07/2024 (hạn theo quy định 28/07/2024 là Chủ nhật, lùi sang ngày làm việc kế "
        "tiếp)  còn 9 ngày  quy-che thang 2024-07\n"
        "      Báo cáo — tháng 7/2024: Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau\n"
        "      hạn ngày 28 của tháng cuối kỳ\n"
        "      → ppcli render quy-che thang 2024-07\n"
        "\n")


def test_json_fields_and_fail_on_overdue(repo: Path) -> None:
    result = run(["due", "--format", "json", "--today", "2024-01-05"], repo)
    assert result.exit_code == 0
    assert result.json() == [{
        "agreement": "ct-2022", "type": "report", "item": "bao-cao-nam", "period": "2023",
        "title": "Báo cáo", "status": "overdue", "due": "2023-12-15",
        "nominal_due": "2023-12-15", "days": -21, "party": ["so-noi-vu-ca-mau"],
        "acting_party": ["so-noi-vu-ca-mau"],
        "recipients": ["ubnd-ca-mau"], "exact": True,
        "rule": "hạn ngày 15/12 hằng năm", "moved_because": None, "notes": [],
        "file": "agreements/ct-2022.yaml", "data_from": None, "data_to": None,
        "owed_by": ["so-noi-vu-ca-mau"], "sent_by": [], "deadline_source": "agreement",
        "state": "overdue", "days_late": 21, "extended_until": None,
        "render_command": "ppcli render ct-2022 bao-cao-nam 2023",
        "record_command": "ppcli record report ct-2022 bao-cao-nam 2023"}, {
        "agreement": "ct-2022", "type": "conference", "item": "so-ket", "period": None,
        "title": "Hội nghị sơ kết", "status": "upcoming", "due": "2024-12-31",
        "nominal_due": "2024-12-31", "days": 361, "party": ["so-noi-vu-ca-mau",
                                                            "tinh-doan-ca-mau"],
        "acting_party": ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"],
        "recipients": [], "exact": False, "rule": None, "moved_because": None,
        "notes": ["chưa có ngày cụ thể (dự kiến 2024)"], "file": "agreements/ct-2022.yaml",
        "data_from": None, "data_to": None, "owed_by": [], "sent_by": [],
        "deadline_source": None, "state": "open", "days_late": 0, "extended_until": None,
        "render_command": "ppcli render ct-2022 so-ket --as so-noi-vu-ca-mau",
        "record_command": "ppcli record conference ct-2022 so-ket"}]
    assert run(["due", "--today", "2024-01-05", "--fail-on-overdue"], repo).exit_code == 1
    assert run(["due", "--today", "2023-01-05", "--fail-on-overdue"], repo).exit_code == 0


def test_nothing_due(repo: Path) -> None:
    result = run(["due", "--today", "2023-01-05"], repo)
    assert (result.exit_code, result.stdout) == (
        0, "Không có việc nào quá hạn hoặc sắp đến hạn.\n")


def test_csv_and_markdown(repo: Path) -> None:
    csv_out = run(["due", "--format", "csv", "--today", "2024-01-05"], repo).stdout
    # for Excel: headers and enumerated values in the clerk's language, ids and dates as is
    assert csv_out.splitlines()[0] == (
        "\ufeffThỏa thuận,Loại việc,Mã việc,Kỳ,Tên việc,Tình trạng,Hạn,Hạn theo quy định,"
        "Số ngày,Bên thực hiện,Nơi nhận,Ngày cụ thể,Cách tính hạn,Lùi hạn vì,Ghi chú,Tệp,"
        "Số liệu từ,Số liệu đến,Bên chưa gửi,Bên đã gửi,Nguồn của hạn,Bên thực hiện thay,"
        "Phân loại,Số ngày trễ,Gia hạn đến")
    assert csv_out.splitlines()[1].startswith("ct-2022,báo cáo,bao-cao-nam,2023,Báo cáo,"
                                              "quá hạn,2023-12-15,2023-12-15,-21,")
    assert csv_out.splitlines()[2].startswith("ct-2022,hội nghị,so-ket,,Hội nghị sơ kết,"
                                              "sắp đến hạn,")
    en = run(["due", "--format", "csv", "--today", "2024-01-05", "--lang", "en"], repo).lines()
    assert en[0] == ("\ufeffAgreement,Type,Item,Period,Title,Status,Due,Nominal due,Days,"
                     "Party,Recipients,Exact date,Rule,Moved because,Notes,File,Data from,"
                     "Data to,Owed by,Sent by,Deadline source,Acting party,Class,Days late,"
                     "Extended until")
    assert en[1].startswith("ct-2022,report,bao-cao-nam,2023,Báo cáo,overdue,2023-12-15,")
    assert ",no,,,no exact date yet (planned 2024)," in en[2]
    md = run(["due", "--format", "markdown", "--today", "2024-01-05"], repo).stdout
    assert md.splitlines()[:5] == [
        "## QUÁ HẠN (1)", "", "| Hạn | Tình trạng | Mã | Việc | Ghi chú | Lệnh |",
        "|---|---|---|---|---|---|",
        "| 15/12/2023 | quá 21 ngày | `ct-2022 bao-cao-nam 2023` | Báo cáo — năm 2023: Sở Nội vụ "
        "→ UBND tỉnh Cà Mau | hạn ngày 15/12 hằng năm | `ppcli record report ct-2022 "
        "bao-cao-nam 2023 --on NGÀY` |"]


def test_replaced_agreement_stops_but_keeps_its_backlog(tmp_path: Path) -> None:
    newer = AGREEMENT.replace("id: ct-2022", "id: ct-2025").replace(
        "  start: 2022-03-15\n  end: 2026-12-31", "  start: 2025-01-01\n  end: 2029-12-31"
    ).replace("signed: 2022-03-15", "signed: 2024-12-20").replace("planned: 2024", "planned: 2027"
    ).replace(
        "records:\n  - report: bao-cao-nam\n    period: 2022\n    date: 2022-12-10\n"
        "    number: 12/BC-SNV\n", "") + "replaces: {agreement: ct-2022}\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "ct-2025.yaml": newer})
    items = due(["--today", "2025-12-20"], repo)
    assert items == [
        ("report", "bao-cao-nam", "2023", "overdue", "2023-12-15"),
        ("report", "bao-cao-nam", "2024", "overdue", "2024-12-16"),  # 15/12/2024: a Sunday
        ("conference", "so-ket", "", "overdue", "2024-12-31"),  # due before the replacement
        ("report", "bao-cao-nam", "2025", "overdue", "2025-12-15"),  # owed under ct-2025
    ]
    assert {i["agreement"] for i in run(["due", "--format", "json", "--today", "2025-12-20"],
                                        repo).json()} == {"ct-2022", "ct-2025"}


def test_unknown_party_or_agreement_is_a_usage_error(repo: Path) -> None:
    assert run(["due", "--party", "nobody"], repo).exit_code == 2
    assert run(["due", "--agreement", "nothing"], repo).exit_code == 2


def test_files_with_errors_are_named_not_silently_skipped(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "bad.yaml": "id: [\n"})
    result = run(["due", "--today", "2024-01-05"], repo)
    assert result.exit_code == 0
    assert "1 tệp có lỗi nên không được tính (agreements/bad.yaml)" in result.stderr


def test_table_collapses_the_overdue_periods_of_one_duty() -> None:
    out = run(["due", "--agreement", "cm-snv-tinhdoan-2022-2026", "--today", "2026-02-01",
               "--within", "7"], ROOT).stdout
    # one entry for the run of periods, its newest deadline first, the count exact
    assert out.splitlines()[:8] == [  # the data window: under the state regime
        "Ngày 01/02/2026: 5 việc quá hạn, 1 hội nghị sắp tới. (→: lệnh để chép và chạy)",
        "",
        "QUÁ HẠN (5)",
        "  25/12/2025  quá 38 ngày (kỳ đầu quá 1133 ngày)  cm-snv-tinhdoan-2022-2026 "
        "bao-cao-nam 2022…2025",
        "      Báo cáo kết quả thực hiện Chương trình phối hợp với Tỉnh đoàn — 4 kỳ, từ năm 2022 "
        "đến năm 2025: Sở Nội vụ Cà Mau → Bộ Nội vụ",
        "      hạn giả định: ngày 25 của tháng cuối kỳ, số liệu chốt ngày 14: mốc Nghị định "
        "09/2019/NĐ-CP đặt cho UBND cấp tỉnh gửi báo cáo định kỳ lên Chính phủ (Điều 13 "
        "khoản 1; chốt số liệu: Điều 12) (thỏa thuận không nêu hạn; mặc định của kho trong "
        "agreements/ppcli.yaml)",
        "      Số liệu báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025",
        "      → ppcli record report cm-snv-tinhdoan-2022-2026 bao-cao-nam 2025 --on NGÀY",
    ]


def test_state_regime_items_carry_their_data_window() -> None:
    data = run(["due", "--format", "json", "--agreement", "cm-snv-tinhdoan-2022-2026",
                "--today", "2024-12-01"], ROOT).json()
    report = next(i for i in data if i["period"] == "2024")
    assert (report["data_from"], report["data_to"]) == ("2023-12-15", "2024-12-14")


def test_english_listing() -> None:
    out = run(["due", "--agreement", "cm-snv-tinhdoan-2022-2026", "--today", "2026-02-01",
               "--within", "7", "--lang", "en"], ROOT).stdout.splitlines()
    assert out[:3] == ["2026-02-01: 5 overdue, 1 conference(s) coming. (→: a command to copy)",
                       "", "OVERDUE (5)"]
    assert out[3] == ("  2025-12-25  38 days late (the first 1133 days late)  "
                      "cm-snv-tinhdoan-2022-2026 bao-cao-nam 2022…2025")
    assert out[4].endswith(" — 4 periods, from year 2022 to year 2025: Sở Nội vụ Cà Mau → "
                           "Bộ Nội vụ")
    assert out[6] == "      Figures from 2024-12-15 to 2025-12-14"
    assert out[7] == ("      → ppcli record report cm-snv-tinhdoan-2022-2026 bao-cao-nam 2025 "
                      "--on DATE")
    assert "CONFERENCES COMING (1)" in out


# -- several reporters: a period is done when every reporter has sent -----------------

TWO_REPORTERS = """\
id: hai-ben
kind: quy-che
title: Quy chế hai bên
signed: 2024-01-02
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2024-01-02, end: 2024-12-31}
duties:
  - id: quy
    title: Báo cáo quý
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {day: 15}
records:
  - report: quy
    period: 2024-Q1
    date: 2024-03-14
    by: so-noi-vu-ca-mau
  - report: quy
    period: 2024-Q2
    date: 2024-06-14
    by: tinh-doan-ca-mau
  - report: quy
    period: 2024-Q2
    date: 2024-06-17
    by: so-noi-vu-ca-mau
  - report: quy
    period: 2024-Q3
    date: 2024-09-10
"""
SNV, TD = "so-noi-vu-ca-mau", "tinh-doan-ca-mau"
NAMELESS = ("bản ghi ngày 10/09/2024 không ghi bên gửi (by) nên chưa được tính cho bên nào; "
            "hãy thêm by: <mã bên đã gửi> vào bản ghi đó")


def two_reporters(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "r", {"hai-ben.yaml": TWO_REPORTERS})


def test_several_reporters_json_names_who_owes_each_period(tmp_path: Path) -> None:
    repo = two_reporters(tmp_path)
    data = run(["due", "--format", "json", "--today", "2024-10-01"], repo).json()
    assert [(i["period"], i["status"], i["nominal_due"], i["due"], i["party"], i["owed_by"],
             i["sent_by"], i["notes"]) for i in data] == [
        # Sở Nội vụ has sent the first quarter, Tỉnh đoàn has not: still overdue
        ("2024-Q1", "overdue", "2024-03-15", "2024-03-15", [TD], [TD], [SNV], []),
        # 2024-Q2: both have sent, so it is done and not listed;
        # 2024-Q3: a record that names nobody counts for nobody (15/09/2024: a Sunday)
        ("2024-Q3", "overdue", "2024-09-15", "2024-09-16", [SNV, TD], [SNV, TD], [],
         [NAMELESS]),
    ]
    # each party's clerk sees what that party still owes
    mine = run(["due", "--format", "json", "--today", "2024-10-01", "--party", SNV],
               repo).json()
    assert [i["period"] for i in mine] == ["2024-Q3"]
    theirs = run(["due", "--format", "json", "--today", "2024-10-01", "--party", TD],
                 repo).json()
    assert [i["period"] for i in theirs] == ["2024-Q1", "2024-Q3"]
    # Q4 (due 16/12/2024, 15/12 being a Sunday) once it comes within reach
    later = run(["due", "--format", "json", "--today", "2024-12-01"], repo).json()
    assert [(i["type"], i["period"], i["status"], i["due"], i["owed_by"]) for i in later] == [
        ("report", "2024-Q1", "overdue", "2024-03-15", [TD]),
        ("report", "2024-Q3", "overdue", "2024-09-16", [SNV, TD]),
        ("report", "2024-Q4", "upcoming", "2024-12-16", [SNV, TD]),
        ("expiry", None, "upcoming", "2024-12-31", [])]


def test_several_reporters_table_says_who_sent_which_period(tmp_path: Path) -> None:
    repo = two_reporters(tmp_path)
    out = run(["due", "--today", "2024-10-01"], repo).stdout
    # what one reporter has sent is said once for the run of periods, naming the periods
    assert out == (
        "Ngày 01/10/2024: 2 việc quá hạn. (→: lệnh để chép và chạy)\n"
        "\n"
        "QUÁ HẠN (2)\n"
        "  16/09/2024 (hạn theo quy định 15/09/2024 là Chủ nhật, lùi sang ngày làm việc kế "
        "tiếp)  quá 15 ngày (kỳ đầu quá 200 ngày)  hai-ben quy 2024-Q1,2024-Q3\n"
        "      Báo cáo quý — 2 kỳ (quý I/2024; quý III/2024): Sở Nội vụ, Tỉnh đoàn Cà Mau → "
        "UBND tỉnh Cà Mau\n"
        "      Sở Nội vụ đã gửi: 2024-Q1\n"
        "      hạn ngày 15 của tháng cuối kỳ\n"
        f"      ! {NAMELESS}\n"
        # several reporters: the command names the first one still owing the newest period
        "      → ppcli record report hai-ben quy 2024-Q3 --by so-noi-vu-ca-mau --on NGÀY\n"
        "\n")
    en = run(["due", "--today", "2024-10-01", "--lang", "en"], repo).lines()
    assert en[4:6] == [
        "      Báo cáo quý — 2 periods (Q1 2024; Q3 2024): Sở Nội vụ, Tỉnh đoàn Cà Mau → UBND "
        "tỉnh Cà Mau",
        "      Sở Nội vụ has sent: 2024-Q1"]


def test_a_reporter_who_sent_every_period_of_a_run_is_named_once(tmp_path: Path) -> None:
    text = TWO_REPORTERS + "    by: so-noi-vu-ca-mau\n"  # the 2024-Q3 record is Sở Nội vụ's
    repo = write_repo(tmp_path / "r", {"hai-ben.yaml": text})
    lines = run(["due", "--today", "2024-10-01"], repo).lines()
    assert lines[4:6] == [
        "      Báo cáo quý — 2 kỳ (quý I/2024; quý III/2024): Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau",
        "      Sở Nội vụ đã gửi cả 2 kỳ"]
    assert len(lines) == 9  # and the rule, no note, the command, the blank line


def test_several_reporters_markdown_and_csv(tmp_path: Path) -> None:
    repo = two_reporters(tmp_path)
    md = run(["due", "--format", "markdown", "--today", "2024-10-01"], repo).lines()
    assert md[4:6] == [
        "| 15/03/2024 | quá 200 ngày | `hai-ben quy 2024-Q1` | Báo cáo quý — quý I/2024: Tỉnh "
        "đoàn Cà Mau → UBND tỉnh Cà Mau (Sở Nội vụ đã gửi) | hạn ngày 15 của tháng cuối kỳ | "
        "`ppcli record report hai-ben quy 2024-Q1 --by tinh-doan-ca-mau --on NGÀY` |",
        "| 16/09/2024 (hạn theo quy định 15/09/2024 là Chủ nhật, lùi sang ngày làm việc kế "
        "tiếp) | quá 15 ngày | `hai-ben quy 2024-Q3` | Báo cáo quý — quý III/2024: Sở Nội vụ, "
        f"Tỉnh đoàn Cà Mau → UBND tỉnh Cà Mau | hạn ngày 15 của tháng cuối kỳ; {NAMELESS} | "
        "`ppcli record report hai-ben quy 2024-Q3 --by so-noi-vu-ca-mau --on NGÀY` |"]
    rows = run(["due", "--format", "csv", "--today", "2024-10-01"], repo).lines()
    assert rows[1] == ("hai-ben,báo cáo,quy,2024-Q1,Báo cáo quý,quá hạn,2024-03-15,2024-03-15,"
                       "-200,tinh-doan-ca-mau,ubnd-ca-mau,có,hạn ngày 15 của tháng cuối kỳ,,,"
                       "agreements/hai-ben.yaml,,,tinh-doan-ca-mau,so-noi-vu-ca-mau,thỏa thuận,"
                       "tinh-doan-ca-mau,\"chưa hoàn thành, quá hạn\",200,")
    assert rows[2].endswith(",so-noi-vu-ca-mau;tinh-doan-ca-mau,,thỏa thuận,"
                            "so-noi-vu-ca-mau;tinh-doan-ca-mau,\"chưa hoàn thành, quá hạn\",15,")


def test_several_reporters_show_text_and_json(tmp_path: Path) -> None:
    repo = two_reporters(tmp_path)
    lines = run(["show", "hai-ben", "--today", "2024-10-01"], repo).lines()
    start = lines.index("      hạn ngày 15 của tháng cuối kỳ") + 1
    assert lines[start:start + 4] == [
        "      ✗ kỳ 2024-Q1: quá hạn 200 ngày (hạn 15/03/2024); chưa gửi: Tỉnh đoàn Cà Mau; "
        "Sở Nội vụ đã gửi 14/03/2024",
        "      ✓ kỳ 2024-Q2: Tỉnh đoàn Cà Mau đã gửi 14/06/2024; Sở Nội vụ đã gửi 17/06/2024",
        "      ✗ kỳ 2024-Q3: quá hạn 15 ngày (hạn 16/09/2024); chưa gửi: Sở Nội vụ, Tỉnh đoàn "
        "Cà Mau; bản ghi 10/09/2024 không ghi bên gửi (by)",
        "      … kỳ 2024-Q4: hạn 16/12/2024 (còn 76 ngày)"]
    data = run(["show", "hai-ben", "--format", "json", "--today", "2024-10-01"], repo).json()
    assert [(p["period"], p["state"], p["owing"], p["owed_by"], p["sent_by"])
            for p in data["duties"][0]["periods"]] == [
        ("2024-Q1", "overdue", [TD], [TD], [SNV]),
        ("2024-Q2", "sent", [], [], [SNV, TD]),  # in the duty's order
        ("2024-Q3", "overdue", [SNV, TD], [SNV, TD], []),
        ("2024-Q4", "upcoming", [SNV, TD], [SNV, TD], []),
    ]


def test_several_reporters_in_a_draft(tmp_path: Path) -> None:
    """A draft speaks for one party: its lists hold what that party still owes."""
    repo = two_reporters(tmp_path)
    target = tmp_path / "q4.md"

    def overdue(*extra: str) -> str:
        result = run(["render", "hai-ben", "quy", "2024-Q4", "--format", "md", "-o",
                      str(target), "--force", "--date", "2024-12-05", "--today", "2024-12-05",
                      *extra], repo)
        assert result.exit_code == 0, result.stderr
        text = target.read_text(encoding="utf-8")
        return text[text.index("Báo cáo đã quá hạn:"):text.index("# III.")]

    # ppcli.yaml's issuer, Sở Nội vụ, has sent the first quarter
    assert overdue() == ("Báo cáo đã quá hạn:\n\n"
                         "- Báo cáo quý III/2024 chưa gửi (hạn 16/09/2024).\n\n##")
    assert overdue("--as", TD) == (
        "Báo cáo đã quá hạn:\n\n"
        "- Báo cáo quý I/2024 chưa gửi (hạn 15/03/2024);\n"
        "- Báo cáo quý III/2024 chưa gửi (hạn 16/09/2024).\n\n##")


def test_draft_context_says_who_has_sent_the_period(tmp_path: Path) -> None:
    import datetime as dt

    from ppcli.drafts.context import Request, build_context
    from ppcli.engine.due import duty_states
    from ppcli.files.repository import find_repo, load

    loaded = load(find_repo(two_reporters(tmp_path), None))
    [a] = loaded.agreements
    on = dt.date(2024, 10, 1)
    states = duty_states(a, loaded.agreements, loaded.config, on, within=120)
    ctx = build_context(a, loaded.registry, loaded.config, states,
                        Request("hai-ben", "quy", "2024-Q1", "tinh-doan-ca-mau", on))
    snv, td = "Sở Nội vụ tỉnh Cà Mau", "Tỉnh đoàn Cà Mau"
    assert (ctx["report"]["reporters"], ctx["report"]["owed_by"], ctx["report"]["sent_by"]) == (
        [snv, td], [td], [snv])
    # the report being written (Q1) is not in its own lists
    assert [o["text"] for o in ctx["overdue"]] == ["Báo cáo quý III/2024 chưa gửi (hạn 16/09/2024)"]
    assert [(u["what"], u["when"]) for u in ctx["upcoming"]] == [
        ("Báo cáo quý IV/2024", "hạn 16/12/2024")]
    q3 = build_context(a, loaded.registry, loaded.config, states,
                       Request("hai-ben", "quy", "2024-Q3", None, on))
    assert (q3["report"]["owed_by"], q3["report"]["sent_by"]) == ([snv, td], [])
    q2 = build_context(a, loaded.registry, loaded.config, states,
                       Request("hai-ben", "quy", "2024-Q2", None, on))
    assert (q2["report"]["owed_by"], q2["report"]["sent_by"]) == ([], [snv, td])
    # what the issuer (ppcli.yaml: Sở Nội vụ) has sent itself
    assert [(s["period"], s["what"]) for s in q2["sent"]] == [("2024-Q2", "báo cáo quý II/2024")]
