"""ppcli record: writes the entry, keeps every other byte, refuses what is wrong."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from conftest import AGREEMENT, run, write_repo

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
    assert code == 2 and "kỳ \"2023-Q1\" không hợp với nghĩa vụ \"bao-cao-nam\"" in err
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
