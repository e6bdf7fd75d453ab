"""`ppcli show` as a clerk reads it, for an agreement that uses every descriptive field."""

from __future__ import annotations

from pathlib import Path

from conftest import AGREEMENT, run, write_repo

RICH = """\
id: qc-2023
kind: quy-che
title: Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn
number: 01/QCPH-SNV-TĐ
signed: 2023-03-26
place: Cà Mau
parties:
  - org: so-noi-vu-ca-mau
    role: chủ trì
    signer: {name: Nguyễn Văn A, position: Giám đốc, authority: KT. Giám đốc}
  - org: tinh-doan-ca-mau
    signer: {name: Trần Thị B}
period:
  start: 2023-03-26
  term: 2022-2027
  end: 2027-12-31
legal_basis:
  - Luật Thanh niên năm 2020
implements: {kind: Chương trình phối hợp, number: 4286-CTPH/BLĐTBXH-TWĐTN, date: 2022-09-20,
             title: về công tác thanh niên}
replaces: {agreement: ct-2022}
areas:
  - id: tuyen-truyen
    title: Tuyên truyền, giáo dục
    lead: tinh-doan-ca-mau
  - id: khac
    title: Việc khác
funding:
  - Ngân sách tỉnh
duties: []
"""


def _show(tmp_path: Path, lang: str) -> str:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "qc-2023.yaml": RICH})
    result = run(["show", "qc-2023", "--today", "2026-01-05", "--lang", lang], repo)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def test_show_names_signers_parent_programme_basis_areas_and_funding(tmp_path: Path) -> None:
    assert _show(tmp_path, "vi").splitlines() == [
        "Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn",
        "Mã: qc-2023  (agreements/qc-2023.yaml)",
        "Loại: Quy chế phối hợp",
        "Số, ký hiệu: 01/QCPH-SNV-TĐ",
        "Ngày ký: 26/03/2023, Cà Mau",
        "Thời hạn: 26/03/2023 – 31/12/2027 (nhiệm kỳ 2022-2027)",
        "Tình trạng: đang hiệu lực",
        "Các bên:",
        "  • Sở Nội vụ tỉnh Cà Mau (chủ trì) — KT. Giám đốc Nguyễn Văn A, Giám đốc",
        "  • Tỉnh đoàn Cà Mau — Trần Thị B",
        "Triển khai: Chương trình phối hợp số 4286-CTPH/BLĐTBXH-TWĐTN ngày 20/09/2022 về "
        "công tác thanh niên",
        "Thay thế: ct-2022",
        "Căn cứ:",
        "  • Luật Thanh niên năm 2020",
        "Nội dung phối hợp:",
        "  1. Tuyên truyền, giáo dục — chủ trì: Tỉnh đoàn Cà Mau",
        "  2. Việc khác",
        "Kinh phí:",
        "  • Ngân sách tỉnh",
        "Nghĩa vụ báo cáo:",
        "  (không có)",
        "Hội nghị:",
        "  (không có)",
        # the replaced ct-2022's yearly 2023 straddles this one's start: it has no yearly
        # duty, so the period stays with ct-2022 (issue 17, item 4)
        "Kỳ giáp ranh khi thay thế:",
        "  • năm 2023 của nghĩa vụ bao-cao-nam (thỏa thuận ct-2022): ở lại thỏa thuận "
        "ct-2022 (thỏa thuận này không có nghĩa vụ hằng năm)",
        "",
    ]


def test_show_in_english_has_no_vietnamese_words_of_its_own(tmp_path: Path) -> None:
    lines = _show(tmp_path, "en").splitlines()
    # the agreement's own text stays as written; ppcli's words are English
    assert lines[10] == ("Implements: Chương trình phối hợp no. 4286-CTPH/BLĐTBXH-TWĐTN of "
                         "2022-09-20 về công tác thanh niên")
    assert lines[1:7] == ["Id: qc-2023  (agreements/qc-2023.yaml)",
                          "Kind: coordination regulation", "Number: 01/QCPH-SNV-TĐ",
                          "Signed: 2023-03-26, Cà Mau",
                          "Period: 2023-03-26 – 2027-12-31 (term 2022-2027)", "Status: active"]
    assert lines[-7:] == ["Reporting duties:", "  (none)", "Conferences:", "  (none)",
                          "Periods at the seam of the replacement:",
                          "  • year 2023 of duty bao-cao-nam (agreement ct-2022): stays with "
                          "ct-2022 (this agreement has no yearly duty)", ""]
