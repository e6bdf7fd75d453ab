"""ppcli record: writes the entry, keeps every other byte, refuses what is wrong."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from conftest import AGREEMENT, run, write_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COMMENTED = """\
# Chương trình phối hợp — tệp có chú thích
id: ct-2022   # mã
kind: chuong-trinh
title: "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn"
signed: 2022-03-15
parties:
  - org: so-noi-vu-ca-mau   # chủ trì
  - org: tinh-doan-ca-mau
period: {start: 2022-03-15, end: 2026-12-31}
duties:
  - id: bao-cao-nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2024
    host: [so-noi-vu-ca-mau]
records:
  - report: bao-cao-nam
    period: "2022"
    date: 2022-12-10   # gửi bằng văn bản giấy
    number: "12/BC-SNV"

  # Ghi chú cuối danh sách
notes: >-
  Ghi chú
  nhiều dòng.
"""


def record(repo: Path, *args: str) -> tuple[int, str, str]:
    result = run(["record", *args, "--today", "2026-11-22"], repo)
    return result.exit_code, result.stdout, result.stderr


def test_appends_to_a_block_list_keeping_comments_and_bytes(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": COMMENTED})
    path = repo / "agreements/ct-2022.yaml"
    code, out, _ = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on",
                          "2023-12-11", "--number", "20/BC-SNV")
    assert code == 0
    assert out == ("Đã ghi nhận: gửi báo cáo bao-cao-nam kỳ 2023 ngày 11/12/2023 — "
                   "agreements/ct-2022.yaml, dòng 25:\n"
                   "  - report: bao-cao-nam\n    period: \"2023\"\n    date: 2023-12-11\n"
                   "    number: \"20/BC-SNV\"\n")
    expected = COMMENTED.replace(
        '    number: "12/BC-SNV"\n',
        '    number: "12/BC-SNV"\n  - report: bao-cao-nam\n    period: "2023"\n'
        '    date: 2023-12-11\n    number: "20/BC-SNV"\n')
    assert path.read_text(encoding="utf-8") == expected
    assert run(["validate", "--today", "2026-11-22"], repo).exit_code == 0


def test_replaces_an_empty_flow_list_and_keeps_its_comment(tmp_path: Path) -> None:
    text = AGREEMENT.split("records:")[0] + "records: []   # nhật ký\nnotes: x\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    assert record(repo, "conference", "ct-2022", "so-ket", "--on", "2024-06-20")[0] == 0
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == (
        AGREEMENT.split("records:")[0] + "records:   # nhật ký\n"
        "  - conference: so-ket\n    date: 2024-06-20\nnotes: x\n")


def test_adds_a_records_list_when_there_is_none(tmp_path: Path) -> None:
    text = AGREEMENT.split("records:")[0].rstrip("\n")  # no final newline either
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    assert record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-01")[0] == 0
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == (
        text + "\nrecords:\n  - report: bao-cao-nam\n    period: \"2022\"\n"
        "    date: 2022-12-01\n")


def test_keeps_bom_and_windows_line_endings(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + COMMENTED.replace("\n", "\r\n").encode("utf-8")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": data})
    assert record(repo, "conference", "ct-2022", "so-ket", "--on", "2024-06-20")[0] == 0
    new = (repo / "agreements/ct-2022.yaml").read_bytes()
    assert new.startswith(codecs.BOM_UTF8)
    assert b"\r\n  - conference: so-ket\r\n    date: 2024-06-20\r\n" in new
    assert new.count(b"\n") == new.count(b"\r\n")
    assert new.replace(b"  - conference: so-ket\r\n    date: 2024-06-20\r\n", b"") == data


def test_refuses_duplicates_unknown_items_and_bad_periods(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": COMMENTED})
    before = (repo / "agreements/ct-2022.yaml").read_bytes()
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-20")
    assert code == 2
    assert ("đã có bản ghi này ở agreements/ct-2022.yaml, dòng 21 (ngày 10/12/2022); không "
            "ghi trùng") in err
    code, _, err = record(repo, "report", "ct-2022", "bao-cao", "2023")
    assert code == 2 and "không có nghĩa vụ báo cáo \"bao-cao\" (có: bao-cao-nam)" in err
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023-Q1")
    assert code == 2 and err == ("ppcli: kỳ \"2023-Q1\" (quý I/2023) không hợp với nghĩa vụ "
                                 "\"bao-cao-nam\", báo cáo hằng năm; ví dụ: năm 2023 (2023)\n")
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "quý 5/2023")
    assert code == 2 and err.startswith("ppcli: KỲ: không hiểu kỳ \"quý 5/2023\"; các dạng "
                                        "được nhận: tháng: 10/2026, tháng 10/2026; quý: ")
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2030")
    assert code == 2 and "kỳ nằm ngoài thời gian phải báo cáo (2022 – 2026)" in err
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2027-01-01")
    assert code == 2 and err == ("ppcli: ngày 01/01/2027 ở tương lai (hôm nay là 22/11/2026); "
                                 "chỉ ghi nhận việc đã xảy ra\n")
    code, _, err = record(repo, "conference", "ct-2022", "tong-ket")
    assert code == 2 and "không có hội nghị \"tong-ket\" (có: so-ket)" in err
    assert (repo / "agreements/ct-2022.yaml").read_bytes() == before
    assert sorted(p.name for p in (repo / "agreements").iterdir()) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


def test_refuses_a_file_that_does_not_validate(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": COMMENTED.replace(
        "kind: chuong-trinh", "kind: chuong-trinh\nkind: quy-che")})
    code, _, err = record(repo, "conference", "ct-2022", "so-ket", "--on", "2024-06-20")
    assert code == 1
    assert "tệp agreements/ct-2022.yaml đang có lỗi; hãy sửa trước khi ghi nhận" in err
    assert "error[PP012]" in err


def test_interrupted_write_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": COMMENTED})
    path = repo / "agreements/ct-2022.yaml"
    before = path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError("mất điện")

    monkeypatch.setattr(os, "replace", crash)
    result = run(["record", "conference", "ct-2022", "so-ket", "--on", "2024-06-20"], repo)
    assert result.exit_code == 3
    assert result.stderr == "ppcli: không ghi được agreements/ct-2022.yaml: mất điện\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


def test_show_gives_each_duty_state_after_recording(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": COMMENTED})
    record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")
    out = run(["show", "ct-2022", "--today", "2025-01-10"], repo).stdout
    assert "✓ kỳ 2023: đã gửi 11/12/2023" in out
    assert "✗ kỳ 2024: quá hạn 16 ngày (hạn 25/12/2024)" in out


# -- where the entry goes: by indentation and the next top-level key ------------------------

def test_block_scalar_in_the_last_record_before_another_key(tmp_path: Path) -> None:
    """The reported case: ``note: |`` last, then a top-level key. The entry used to land
    after ``notes:`` and the command refused with "PP010 at 23:11"."""
    text = AGREEMENT + "    note: |\n      Gửi qua hệ thống.\n\n      Bản giấy gửi sau.\n\nnotes: x\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    code, out, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on",
                            "2023-12-11")
    assert (code, err) == (0, "")
    assert out.startswith("Đã ghi nhận: gửi báo cáo bao-cao-nam kỳ 2023 ngày 11/12/2023 — "
                          "agreements/ct-2022.yaml, dòng 31:\n")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == (
        AGREEMENT + "    note: |\n      Gửi qua hệ thống.\n\n      Bản giấy gửi sau.\n"
        "  - report: bao-cao-nam\n    period: \"2023\"\n    date: 2023-12-11\n\nnotes: x\n")


def test_kept_trailing_lines_of_a_block_scalar_stay_in_it(tmp_path: Path) -> None:
    text = AGREEMENT + "    note: |+\n      a\n\n  # cuối\nnotes: x\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    assert record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")[0] == 0
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == (
        AGREEMENT + "    note: |+\n      a\n\n  - report: bao-cao-nam\n    period: \"2023\"\n"
        "    date: 2023-12-11\n  # cuối\nnotes: x\n")


@pytest.mark.parametrize(("records", "expected"), [
    ("records: ~\n", "records:\n  - conference: so-ket\n    date: 2024-06-20\n"),
    ("records:\nnotes: x\n", "records:\n  - conference: so-ket\n    date: 2024-06-20\nnotes: x\n"),
    ("records: &nk [ ]  # trống\n...\n# hết\n",
     "records:  # trống\n  - conference: so-ket\n    date: 2024-06-20\n...\n# hết\n"),
    ("notes: x\n...\n", "notes: x\nrecords:\n  - conference: so-ket\n    date: 2024-06-20\n...\n"),
    ("records: &log\n- {conference: so-ket,\n   date: 2024-06-01}  # cũ\n# sau\n",
     None),
])
def test_empty_lists_document_ends_and_flow_items(tmp_path: Path, records: str,
                                                  expected: str | None) -> None:
    head = AGREEMENT.split("records:")[0]
    if expected is None:  # a flow item already there: refused as a duplicate, not mangled
        repo = write_repo(tmp_path / "r", {"ct-2022.yaml": head + records})
        code, _, err = record(repo, "conference", "ct-2022", "so-ket", "--on", "2024-06-20")
        assert code == 2 and "đã có bản ghi này ở agreements/ct-2022.yaml, dòng 23" in err
        return
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": head + records})
    code, _, err = record(repo, "conference", "ct-2022", "so-ket", "--on", "2024-06-20")
    assert (code, err) == (0, "")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == head + expected


def test_inline_records_list_is_refused_with_the_way_out(tmp_path: Path) -> None:
    text = AGREEMENT.split("records:")[0] + \
        "records: [{report: bao-cao-nam, period: 2022, date: 2022-12-10}]\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")
    assert code == 2
    assert err == ("ppcli: danh sách records hoặc cả tệp đang viết trên một dòng ([...] hay "
                   "{...}); hãy chuyển sang dạng mỗi mục một dòng \"- \" rồi chạy lại\n")


def test_mixed_line_breaks_are_each_kept(tmp_path: Path) -> None:
    data = (AGREEMENT.replace("\n", "\r\n", 5) + "    note: >-\n      x\r\n").encode("utf-8")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": data})
    assert record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")[0] == 0
    new = (repo / "agreements/ct-2022.yaml").read_bytes()
    added = b"  - report: bao-cao-nam\r\n    period: \"2023\"\r\n    date: 2023-12-11\r\n"
    assert new == data + added


# -- odd input --------------------------------------------------------------------------------

def test_a_tab_after_a_value_in_the_file_is_no_traceback(tmp_path: Path) -> None:
    text = AGREEMENT.replace("number: 12/BC-SNV", "number: 12/BC-SNV\t")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")
    assert (code, err) == (0, "")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == (
        text + "  - report: bao-cao-nam\n    period: \"2023\"\n    date: 2023-12-11\n")


# what the clerk typed is quoted back with its control characters made visible
FORMS = ("các dạng được nhận: tháng: 10/2026, tháng 10/2026; quý: quý 3/2026, quý III/2026, "
         "Q3/2026; nửa năm: 6 tháng đầu năm 2026, 6 tháng cuối năm 2026; năm: năm 2026, "
         "2026; hoặc mã kỳ: 2026-10, 2026-Q3, 2026-H1")
@pytest.mark.parametrize(("args", "message"), [
    (["bao-cao-nam", "2023\t"], f"ppcli: KỲ: không hiểu kỳ \"2023␉\"; {FORMS}\n"),
    (["bao-cao-nam", "2023\n"], f"ppcli: KỲ: không hiểu kỳ \"2023␊\"; {FORMS}\n"),
    (["bao-cao-nam", "0000"], f"ppcli: KỲ: không hiểu kỳ \"0000\"; {FORMS}\n"),
    (["bao-cao-nam\t", "2023"], "ppcli: thỏa thuận \"ct-2022\" không có nghĩa vụ báo cáo "
     "\"bao-cao-nam␉\" (có: bao-cao-nam) (có phải ý bạn là \"bao-cao-nam\"?)\n"),
    (["bao-cao-nam", "2023", "--on", "2023-12-11\t"],
     "ppcli: --on: ngày \"2023-12-11␉\" không hợp lệ (có ký tự điều khiển); hãy ghi "
     "31/12/2026, 1/7/2025, 31.12.2026, 2026-12-31 hoặc \"ngày 31 tháng 12 năm 2026\" (ngày "
     "trước, tháng sau, năm đủ 4 chữ số)\n"),
    (["bao-cao-nam", "2023", "--by", "so-noi-vu-ca-mau\t"],
     "ppcli: --by: \"so-noi-vu-ca-mau␉\" không phải bên báo cáo của nghĩa vụ \"bao-cao-nam\" "
     "(các bên báo cáo: so-noi-vu-ca-mau) (có phải ý bạn là \"so-noi-vu-ca-mau\"?)\n"),
])
def test_odd_arguments_get_a_message(tmp_path: Path, args: list[str], message: str) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    before = (repo / "agreements/ct-2022.yaml").read_bytes()
    code, _, err = record(repo, "report", "ct-2022", *args)
    assert (code, err) == (2, message)
    assert (repo / "agreements/ct-2022.yaml").read_bytes() == before


@pytest.mark.parametrize(("number", "code"), [
    ("20/BC\tSNV", "U+0009"), ("20/BC\nSNV", "U+000A"), ("\x1b]52;c;eA==\x07", "U+001B"),
    ("SNV\u202e", "U+202E"), ("20/BC\u2028SNV", "U+2028")])
def test_number_with_control_characters_is_refused(tmp_path: Path, number: str, code: str
                                                   ) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                  "--number", number, "--today", "2026-11-22", "--lang", "en"], repo)
    assert (result.exit_code, result.stderr) == (
        2, f"ppcli: --number: holds a control character ({code}); type it again on one line, "
           "without special characters\n")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT


def test_undecodable_bytes_on_the_command_line_are_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    for args in (["--number", "12/BC-\udcff"], ["--by", "so-\udcff"]):
        code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on",
                              "2023-12-11", *args)
        assert code == 2 and err.endswith(": có byte không phải UTF-8; hãy gõ lại (đặt bảng mã "
                                          "của cửa sổ lệnh là UTF-8)\n"), err
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT


def test_number_with_yaml_syntax_is_written_quoted(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                          "--number", "\"20/BC: #x' *a &b !!python/object |")
    assert (code, err) == (0, "")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8").endswith(
        "    number: \"\\\"20/BC: #x' *a &b !!python/object |\"\n")


# -- several reporters, dates ------------------------------------------------------------------

TWO_REPORTERS = AGREEMENT.replace(
    "    from: so-noi-vu-ca-mau\n", "    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]\n").replace(
    "    number: 12/BC-SNV\n", "    number: 12/BC-SNV\n    by: so-noi-vu-ca-mau\n")


def test_several_reporters_need_by_and_count_each(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": TWO_REPORTERS})
    path = repo / "agreements/ct-2022.yaml"
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-12")
    assert (code, err) == (2, "ppcli: nghĩa vụ \"bao-cao-nam\" có nhiều bên báo cáo "
                              "(so-noi-vu-ca-mau, tinh-doan-ca-mau); hãy ghi rõ bên đã gửi "
                              "bằng --by\n")
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-12",
                          "--by", "tinh-doan-camau")
    assert (code, err) == (2, "ppcli: --by: \"tinh-doan-camau\" không phải bên báo cáo của "
                              "nghĩa vụ \"bao-cao-nam\" (các bên báo cáo: so-noi-vu-ca-mau, "
                              "tinh-doan-ca-mau) (có phải ý bạn là \"tinh-doan-ca-mau\"?)\n")
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-12",
                          "--by", "so-noi-vu-ca-mau")
    assert code == 2 and err == ("ppcli: đã có bản ghi này ở agreements/ct-2022.yaml, dòng 23 "
                                 "(ngày 10/12/2022); không ghi trùng\n")
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-12",
                          "--by", "tinh-doan-ca-mau")
    assert (code, err) == (0, "")
    assert path.read_text(encoding="utf-8") == TWO_REPORTERS + (
        "  - report: bao-cao-nam\n    period: \"2022\"\n    date: 2022-12-12\n"
        "    by: tinh-doan-ca-mau\n")
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--lang", "en",
                  "--today", "2026-11-22"], repo)
    assert (result.exit_code, result.stderr) == (
        2, "ppcli: the duty \"bao-cao-nam\" has several reporters (so-noi-vu-ca-mau, "
           "tinh-doan-ca-mau); say which one sent it with --by\n")


def test_single_reporter_duplicate_is_the_same_with_or_without_by(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2022", "--on", "2022-12-12",
                          "--by", "so-noi-vu-ca-mau")
    assert code == 2 and "đã có bản ghi này ở agreements/ct-2022.yaml, dòng 23" in err


def test_a_report_sent_before_its_period_needs_early(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    path = repo / "agreements/ct-2022.yaml"
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2024", "--on", "2023-12-20")
    assert (code, err) == (2, "ppcli: ngày gửi 20/12/2023 trước khi kỳ 2024 bắt đầu (01/01/2024); "
                              "kiểm tra lại ngày (--on) và kỳ — nếu đúng là gửi sớm, thêm "
                              "--early\n")
    assert path.read_text(encoding="utf-8") == AGREEMENT
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2024", "--on", "2023-12-20",
                  "--early", "--lang", "en", "--today", "2026-11-22"], repo)
    assert result.exit_code == 0
    assert result.stderr == ("Warning: the report for 2024 is recorded as sent early, on "
                             "2023-12-20, before the period starts (2024-01-01) (--early)\n")
    assert path.read_text(encoding="utf-8") == AGREEMENT + (
        "  - report: bao-cao-nam\n    period: \"2024\"\n    date: 2023-12-20\n")


def test_a_date_after_today_is_refused_whatever_today_is(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    result = run(["record", "conference", "ct-2022", "so-ket", "--on", "2024-06-20",
                  "--today", "2024-06-19"], repo)
    assert (result.exit_code, result.stderr) == (
        2, "ppcli: ngày 20/06/2024 ở tương lai (hôm nay là 19/06/2024); chỉ ghi nhận việc đã "
           "xảy ra\n")
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "9999", "--today",
                  "9999-12-31"], repo)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ppcli: --today: ngày 9999-12-31 nằm ngoài khoảng ppcli tính được "
                             "(1900-01-01 đến 2999-12-31)\n")


# -- property: any style of agreement, one record added, nothing else touched -----------------

HEADER = """\
id: ct-2022
kind: chuong-trinh
title: Chương trình phối hợp
signed: 2022-03-15
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2022-03-15, end: 2026-12-31}
duties:
  - id: bao-cao-thang
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-thang
"""

_NOTES = st.sampled_from([
    "note: |\n{i}  dòng một\n\n{i}  # không phải chú thích\n",
    "note: |-\n{i}  a\n{i}    b\n\n\n",
    "note: |+\n{i}  giữ dòng trống\n\n",
    "note: >\n{i}  gấp\n{i}  dòng\n",
    "note: >-\n{i}  x\n\n",
    "note: 'một: hai'\n",
    "note: \"tab\\t\"  # chú thích\n",
    "note: |2\n{i}   thụt hai\n",
])


@st.composite
def _record_text(draw: st.DrawFn, month: int, dash: str) -> str:
    period = draw(st.sampled_from([f"2023-{month:02d}", f"'2023-{month:02d}'",
                                   f"\"2023-{month:02d}\""]))
    date = f"2023-{month:02d}-2{draw(st.integers(0, 8))}"
    style = draw(st.sampled_from(["block", "next-line", "flow", "flow-split", "anchor"]))
    if style.startswith("flow"):
        sep = ",\n" + dash + "   " if style == "flow-split" else ", "
        body = f"{{report: bao-cao-thang{sep}period: {period}{sep}date: {date}}}"
        return f"{dash}- {body}{draw(st.sampled_from(['', '  # phẳng']))}\n"
    gap = " " * draw(st.integers(1, 3))
    inner = dash + " " + gap
    lines = ["report: bao-cao-thang", f"period: {period}", f"date: {date}"]
    if draw(st.booleans()):
        lines.append("number: \"12/BC-SNV\"" + draw(st.sampled_from(["", "   # số"])))
    text = ""
    if style == "block":
        text = f"{dash}-{gap}{lines[0]}\n" + "".join(f"{inner}{x}\n" for x in lines[1:])
    elif style == "next-line":
        text = f"{dash}-\n" + "".join(f"{inner}{x}\n" for x in lines)
    else:
        text = f"{dash}- &r{month}\n" + "".join(f"{inner}{x}\n" for x in lines)
    if draw(st.booleans()):
        text += inner + draw(_NOTES).format(i=inner)
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n", f"{inner}# về bản ghi trên\n", f"{dash}# tiếp\n",
                                      "# cột đầu\n", f"\n{inner}  # sâu\n\n"]))
    return text


@st.composite
def agreements(draw: st.DrawFn) -> str:
    dash = draw(st.sampled_from(["", "  ", "    "]))
    months = draw(st.integers(1, 4))
    body = HEADER
    key = "records:" + draw(st.sampled_from(["", "  # nhật ký", " &log"])) + "\n"
    records = key + "".join(draw(_record_text(m, dash)) for m in range(1, months + 1))
    after = draw(st.sampled_from([
        "", "notes: x\n", "notes: |\n  Ghi chú.\n\n  Hết.\n", "\n# cuối tệp\n",
        "source: >-\n  nguồn\n...\n", "# về ghi chú\nnotes: y\n"]))
    last = draw(st.booleans())
    if last:
        body = HEADER + records + after
    else:  # records before other keys
        body = HEADER.replace("duties:", records + "duties:", 1) + after
    if draw(st.booleans()):
        body = body.replace("\n", "\r\n")
    # no final line break (a block scalar there would gain one: see the test below)
    if (not last or after in ("notes: x\n", "# về ghi chú\nnotes: y\n")) and draw(st.booleans()):
        body = body.rstrip("\r\n")
    return body


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=agreements(), bom=st.booleans())
def test_any_style_one_record_added_nothing_else_changed(tmp_path_factory: pytest.TempPathFactory,
                                                         text: str, bom: bool) -> None:
    old = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    repo = write_repo(tmp_path_factory.mktemp("p"), {"ct-2022.yaml": old})
    assert run(["validate", "--today", "2026-01-01"], repo).exit_code == 0, text
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-thang", "2023-11", "--on",
                          "2023-12-05", "--number", "9/BC")
    assert (code, err) == (0, ""), text
    new = (repo / "agreements/ct-2022.yaml").read_bytes()
    # the old bytes are the new ones with one run of whole lines taken out
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[::-1], new[::-1]]))
    assert prefix + suffix >= len(old), (text, new)
    grown = len(new) - len(old)
    starts = [i for i in range(prefix, -1, -1) if old[i:] == new[i + grown:]
              and (i == 0 or new[i - 1:i] == b"\n" or new[i:i + 1] in (b"\n", b"\r"))]
    assert starts, (text, new)  # whole lines (or a line break and lines at the very end)
    inserted = new[starts[0]:starts[0] + grown]
    assert b"report: bao-cao-thang" in inserted and b"9/BC" in inserted
    before = yaml.safe_load(old.decode("utf-8-sig"))
    after = yaml.safe_load(new.decode("utf-8-sig"))
    assert after == {**before, "records": [*before["records"], {
        "report": "bao-cao-thang", "period": "2023-11", "date": dt.date(2023, 12, 5),
        "number": "9/BC"}]}


def test_a_block_scalar_ending_the_file_without_a_line_break_is_left_alone(tmp_path: Path
                                                                          ) -> None:
    """Adding a line after it would add a line break to its value: refused, not changed."""
    text = AGREEMENT + "    note: |\n      cuối tệp"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    code, _, err = record(repo, "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11")
    assert (code, err) == (1, "ppcli: không chèn được bản ghi vào agreements/ct-2022.yaml mà vẫn "
                              "giữ nguyên phần còn lại; hãy thêm bằng tay vào cuối danh sách "
                              "records\n")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == text

