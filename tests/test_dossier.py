"""ppcli dossier: the case file index ("mục lục văn bản, tài liệu trong hồ sơ", Nghị định
30/2020 Phụ lục V mục IV), its order and content, as CSV and .docx."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import run
from docx import Document
from docx.enum.section import WD_ORIENT
from office_repo import AGREEMENT, office_repo

from ppcli.drafts.dossier import COLUMNS

HEADER = ["STT", "Số, ký hiệu văn bản", "Ngày tháng năm văn bản",
          "Tên loại và trích yếu nội dung văn bản", "Tác giả văn bản", "Tờ số/Trang số",
          "Ghi chú"]
SNV = "Sở Nội vụ tỉnh Cà Mau"
TD = "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau"


def _csv(result_stdout: str) -> list[list[str]]:
    assert result_stdout.startswith("\ufeff")  # Excel reads the UTF-8
    return list(csv.reader(io.StringIO(result_stdout[1:])))


def test_the_columns_are_the_decrees() -> None:
    assert list(COLUMNS) == HEADER


def test_order_and_content(tmp_path: Path) -> None:
    """Replaced text (2018), implemented text (2021), the signed text (2023), two reports
    and a conference, in date order, whatever the order of the file."""
    repo = office_repo(tmp_path / "kho")
    result = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], repo)
    assert result.exit_code == 0, result.stderr
    assert _csv(result.stdout) == [
        HEADER,
        ["1", "01/CTr-SNV-TĐTN", "02/04/2018", "Chương trình phối hợp giai đoạn 2018 - 2022",
         SNV, "", "Văn bản được thay thế"],
        ["2", "4286-CTPH/BLĐTBXH-TWĐTN", "25/11/2021",
         "Chương trình phối hợp giai đoạn 2021 - 2025",
         "Bộ Lao động - Thương binh và Xã hội và Trung ương Đoàn", "",
         "Văn bản được triển khai"],
        ["3", "05/CTr-SNV-TĐTN", "01/03/2023",
         "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2023 - 2027",
         f"{SNV}; {TD}", "", "Văn bản ký kết"],
        ["4", "21-BC/TĐTN-VP", "05/07/2023",
         "Báo cáo 6 tháng của Tỉnh đoàn (6 tháng đầu năm 2023)", TD, "", ""],
        ["5", "30-BC/TĐTN-VP", "14/12/2023",
         "Báo cáo kết quả phối hợp thực hiện Chương trình năm 2023", TD, "",
         "Gửi bản giấy và bản điện tử"],
        ["6", "", "20/05/2024", "Hội nghị sơ kết", f"{SNV}; {TD}", "", "Hội nghị đã tổ chức"],
    ]


def test_a_formula_in_the_data_stays_text(tmp_path: Path) -> None:
    text = AGREEMENT.replace("note: Gửi bản giấy và bản điện tử",
                             'note: "=HYPERLINK(\\"http://x\\")"')
    repo = office_repo(tmp_path / "kho", text)
    result = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], repo)
    assert result.exit_code == 0, result.stderr
    assert _csv(result.stdout)[5][6] == "'=HYPERLINK(\"http://x\")"


def test_the_docx_is_the_decrees_form(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    result = run(["dossier", "ct-2023", "--today", "2024-06-03"], repo)
    made = repo / "bao-cao" / "HS-muc-luc-ct-2023.docx"
    assert (result.exit_code, result.stderr) == (
        0, f"Đã ghi mục lục hồ sơ (6 văn bản): {made}\n")
    doc = Document(str(made))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert [p.text for p in doc.paragraphs if p.text] == [
        "MỤC LỤC VĂN BẢN, TÀI LIỆU", "Số, ký hiệu hồ sơ: …………", "Năm 2018 - 2024",
        "Hồ sơ: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2023 - 2027"]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert [c.text for c in table.rows[1].cells] == [f"({i})" for i in range(1, 8)]
    assert len(table.rows) == 2 + 6
    assert [c.text for c in table.rows[4].cells][:3] == ["3", "05/CTr-SNV-TĐTN", "01/03/2023"]


def test_the_bundled_agreements() -> None:
    """Nghệ An: the national programme it implements, then the signed text; Kiên Giang:
    the replaced quy chế has no date, so it comes last, said so; Bắc Ninh: no signing
    date (the start of the term is written, said so) and the mid-term conference."""
    na = _csv(run(["dossier", "na-sldtbxh-tinhdoan-2022-2025", "--format", "csv", "-o",
                   "-"]).stdout)
    assert [r[:3] for r in na[1:]] == [["1", "4286-CTPH/BLĐTBXH-TWĐTN", "25/11/2021"],
                                       ["2", "", "28/02/2022"]]
    assert na[2][3] == ("Chương trình phối hợp hoạt động giữa Sở Lao động - Thương binh và "
                        "Xã hội và Tỉnh đoàn Nghệ An giai đoạn 2022 - 2025")
    kg = _csv(run(["dossier", "kg-ubnd-tinhdoan-2023-2027", "--format", "csv", "-o",
                   "-"]).stdout)
    assert kg[2] == ["2", "", "", "Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn "
                     "2018 - 2022", "UBND tỉnh Kiên Giang và Tỉnh đoàn Kiên Giang", "",
                     "Văn bản được thay thế; chưa ghi ngày văn bản"]
    bn = _csv(run(["dossier", "bn-ubnd-cac-co-quan-2021-2026", "--format", "csv", "-o",
                   "-"]).stdout)
    assert [(r[2], r[6]) for r in bn[1:]] == [
        ("01/01/2021", "Văn bản ký kết; chưa ghi ngày ký, ghi ngày bắt đầu hiệu lực"),
        ("29/01/2024", "Chủ tịch UBND tỉnh Nguyễn Hương Giang chủ trì.")]


def test_unknown_agreement(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    result = run(["dossier", "ct-2099"], repo)
    assert result.exit_code == 2 and result.stderr.startswith("ppcli: ")


def test_a_file_with_errors_is_said_so(tmp_path: Path) -> None:
    """What is wrong in a file is left out by the loader (here a misspelt key of the 2024
    report; a record missing its date would be dropped whole): the index and a letter may
    miss something, so the command says so, in one line, and still writes what it has."""
    text = AGREEMENT.replace("    note: Gửi bản giấy và bản điện tử",
                             "    note: Gửi bản giấy và bản điện tử\n"
                             "  - report: bao-cao-nam\n    period: 2024\n"
                             "    date: 2024-12-10\n    numbr: 40-BC/TĐTN-VP")
    repo = office_repo(tmp_path / "kho", text)
    warning = ("Tệp của thỏa thuận \"ct-2023\" đang có lỗi: phần có lỗi bị bỏ qua, nên văn "
               "bản này có thể thiếu hoặc sai (ví dụ một báo cáo đã gửi mà bản ghi bị lỗi); "
               "hãy sửa trước (ppcli validate)\n")
    result = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], repo)
    assert (result.exit_code, result.stderr) == (0, warning)
    assert len(_csv(result.stdout)) == 1 + 7
    letter = run(["chase", "ct-2023", "--today", "2025-01-06", "--format", "md", "-o", "-"],
                 repo)
    assert letter.exit_code == 0 and letter.stderr.startswith(warning)
    clean = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], office_repo(
        tmp_path / "sach"))
    assert clean.stderr == ""


def test_the_issuing_decision_and_the_texts_signed_with_it(tmp_path: Path) -> None:
    """issued_by and siblings (issue 17's words): the decision before the text it issues;
    a text signed the same day after the agreement."""
    text = AGREEMENT.replace("implements:", """issued_by:
  kind: Quyết định
  number: 1234/QĐ-UBND
  date: 2023-02-20
  issuer: ubnd-ca-mau
siblings:
  - kind: Kế hoạch
    number: 06/KH-SNV
    date: 2023-03-01
    title: Kế hoạch thực hiện Chương trình năm 2023
    issuer: so-noi-vu-ca-mau
implements:""")
    repo = office_repo(tmp_path / "kho", text)
    result = run(["dossier", "ct-2023", "--format", "csv", "-o", "-"], repo)
    assert result.exit_code == 0, result.stderr
    rows = _csv(result.stdout)
    assert rows[3] == ["3", "1234/QĐ-UBND", "20/02/2023", "Quyết định ban hành Chương trình "
                       "phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2023 - 2027",
                       "Ủy ban nhân dân tỉnh Cà Mau", "", "Văn bản ban hành"]
    assert rows[4][:3] == ["4", "05/CTr-SNV-TĐTN", "01/03/2023"]
    assert rows[5] == ["5", "06/KH-SNV", "01/03/2023", "Kế hoạch thực hiện Chương trình năm "
                       "2023", SNV, "", "Văn bản ký kèm"]
    assert len(rows) == 1 + 8
