"""The office's record replayed through chase and dossier: a period extended, chased, the
urging recorded with the command the chase printed (``record extension`` and ``record
reminder`` are issue 18's, helper h18a: these tests run once that branch is merged)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from conftest import run
from office_repo import office_repo

from ppcli.cli.everyday import app


def _has_office_record() -> bool:
    record = typer.main.get_command(app).commands["record"]  # type: ignore[attr-defined]
    return "reminder" in record.commands and "extension" in record.commands


pytestmark = pytest.mark.skipif(not _has_office_record(),
                                reason="record extension/reminder (issue 18, h18a) not merged")



def test_extension_urging_and_the_case_file(tmp_path: Path) -> None:
    """A period extended, chased, the urging recorded with the command the chase printed:
    the next letter counts days from the new deadline and says it was urged once; the
    case file lists the extension and the urging in date order."""
    repo = office_repo(tmp_path / "kho")
    today = ["--today", "2024-06-03"]
    extended = run(["record", "extension", "ct-2023", "bao-cao-6-thang", "2023-H2", "--until",
                    "2024-01-31", "--on", "2024-01-08", "--number", "02/SNV-VP", "--by",
                    "so-noi-vu-ca-mau", *today], repo)
    assert extended.exit_code == 0, extended.stderr
    first = run(["chase", "ct-2023", *today, "-o", str(tmp_path / "cv.docx")], repo)
    assert first.exit_code == 0, first.stderr
    offered = first.lines()[0]
    assert offered == ("→ ppcli record reminder ct-2023 bao-cao-6-thang 2023-H2 --on NGÀY "
                       "--kind nhac-nho --by so-noi-vu-ca-mau --to tinh-doan-ca-mau")
    words = offered.split()[2:]
    words[words.index("NGÀY")] = "2024-06-03"
    urged = run([*words, "--number", "40/SNV-VP", *today], repo)
    assert urged.exit_code == 0, urged.stderr
    again = run(["chase", "ct-2023", *today, "--format", "md", "-o", "-"], repo)
    assert [x for x in again.lines() if x.startswith("- ")] == [
        "- Báo cáo 6 tháng cuối năm 2023 (Báo cáo 6 tháng của Tỉnh đoàn): hạn gửi ngày "
        "31/01/2024 (đã gia hạn), đã quá hạn 124 ngày, đã đôn đốc 1 lần."]
    index = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], repo).stdout
    rows = index.splitlines()[1:]
    assert [r.split(",")[0:3] for r in rows] == [
        ["1", "01/CTr-SNV-TĐTN", "02/04/2018"], ["2", "4286-CTPH/BLĐTBXH-TWĐTN", "25/11/2021"],
        ["3", "05/CTr-SNV-TĐTN", "01/03/2023"], ["4", "21-BC/TĐTN-VP", "05/07/2023"],
        ["5", "30-BC/TĐTN-VP", "14/12/2023"], ["6", "02/SNV-VP", "08/01/2024"],
        ["7", "", "20/05/2024"], ["8", "40/SNV-VP", "03/06/2024"]]
    assert rows[5].split(",")[3] == ("Gia hạn gửi báo cáo 6 tháng của Tỉnh đoàn (6 tháng "
                                     "cuối năm 2023) đến ngày 31/01/2024")
    assert rows[7].split(",")[3] == (
        "Đôn đốc gửi báo cáo 6 tháng của Tỉnh đoàn (6 tháng cuối năm 2023) (nhắc nhở); bên "
        "được đôn đốc: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau")
