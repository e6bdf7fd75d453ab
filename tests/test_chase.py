"""ppcli chase: the công văn đôn đốc, read and pinned as a specification.

The two golden letters (tests/golden/chase-*.md) were read line by line before being
pinned: a Sở chasing the Tỉnh đoàn (state layout, one overdue half-year report, 145 days
late, asked for 10 working days later) and the Tỉnh đoàn chasing the Sở (the Đoàn's
layout, two yearly reports, 383 and 17 days late)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run
from docx import Document
from office_repo import office_repo

from ppcli.cli.chase_cmd import DEFAULT_REPLY_DAYS
from ppcli.drafts import chase

GOLDEN = Path(__file__).parent / "golden"
LETTERS = {
    "chase-so-noi-vu-2024-06-03": ["ct-2023", "--today", "2024-06-03"],
    "chase-tinh-doan-2025-01-06": ["ct-2023", "--today", "2025-01-06", "--as", "tinh-doan"],
}


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_golden_letters(tmp_path: Path, name: str) -> None:
    repo = office_repo(tmp_path / "kho")
    out = tmp_path / "cv.md"
    result = run(["chase", *LETTERS[name], "--format", "md", "-o", str(out)], repo)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("PPCLI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_letter_says_what_a_clerk_checks(tmp_path: Path) -> None:
    """The parts of a công văn đôn đốc, as sentences (the golden file, read)."""
    text = (GOLDEN / "chase-so-noi-vu-2024-06-03.md").read_text(encoding="utf-8")
    assert "BÁO CÁO" not in text and "CÔNG VĂN" not in text  # no document-kind line
    assert ("| Số: …/SNV-VP<br>V/v đôn đốc thực hiện chế độ báo cáo theo Chương trình phối "
            "hợp số 05/CTr-SNV-TĐTN | *Cà Mau, ngày 03 tháng 6 năm 2024* |") in text
    assert "Kính gửi: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau." in text
    assert ("- Báo cáo 6 tháng cuối năm 2023 (Báo cáo 6 tháng của Tỉnh đoàn): hạn gửi ngày "
            "10/01/2024, đã quá hạn 145 ngày.") in text
    assert "trước ngày 17/06/2024." in text  # 10 working days after Monday 03/06/2024
    assert "| - Như trên;<br>- Lưu: VT, VP. | <br><br><br>**Nguyễn Văn An** |" in text
    doan = (GOLDEN / "chase-tinh-doan-2025-01-06.md").read_text(encoding="utf-8")
    assert doan.startswith("| **BCH TỈNH CÀ MAU**<br>\\*\\*\\* | **ĐOÀN TNCS HỒ CHÍ MINH** |")
    assert "| Số: …-CV/TĐTN-VP<br>V/v đôn đốc" in doan
    assert "đã quá hạn 383 ngày;" in doan and "đã quá hạn 17 ngày." in doan


def test_after_writing_the_next_command_is_offered(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    result = run(["chase", "ct-2023", "--today", "2025-01-06", "--as", "tinh-doan",
                  "-o", str(tmp_path / "cv.docx")], repo)
    assert result.exit_code == 0, result.stderr
    assert result.lines() == [
        "→ ppcli record reminder ct-2023 thong-tin-nam 2023 --on NGÀY --kind nhac-nho "
        "--by tinh-doan-ca-mau --to so-noi-vu-ca-mau",
        "→ ppcli record reminder ct-2023 thong-tin-nam 2024 --on NGÀY --kind nhac-nho "
        "--by tinh-doan-ca-mau --to so-noi-vu-ca-mau"]
    assert result.stderr.splitlines() == [
        f"Đã soạn công văn đôn đốc: {tmp_path / 'cv.docx'} (2 báo cáo quá hạn)",
        f"Thông tin văn bản: {tmp_path / 'cv.json'}",
        "Ngày đề nghị gửi: 20/01/2025 (10 ngày làm việc sau ngày công văn — mặc định của "
        "ppcli; đổi bằng --reply-days hoặc --reply-by)"]


def test_the_date_asked_for_is_an_option(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    base = ["chase", "ct-2023", "--today", "2024-06-03", "--format", "md", "-o", "-"]
    assert "trước ngày 10/06/2024." in run([*base, "--reply-days", "5"], repo).stdout
    given = run([*base, "--reply-by", "30/06/2024"], repo)
    assert given.exit_code == 0 and "trước ngày 30/06/2024." in given.stdout
    wrong = run([*base, "--reply-by", "2024-06-01"], repo)
    assert (wrong.exit_code, wrong.stderr) == (2, "ppcli: --reply-by: ngày 01/06/2024 không "
                                               "sau ngày công văn (03/06/2024)\n")
    assert DEFAULT_REPLY_DAYS == chase.DEFAULT_REPLY_DAYS


def test_check_lists_the_gaps(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    done = run(["chase", "ct-2023", "--today", "2024-06-03", "--check"], repo)
    assert (done.exit_code, done.stdout) == (0, "Công văn đủ dữ liệu, không còn chỗ cần bổ "
                                                "sung.\n")
    bundled = run(["chase", "bn-ubnd-cac-co-quan-2021-2026", "--to", "ubmttq-bac-ninh",
                   "--today", "2026-11-22", "--check"])
    assert bundled.exit_code == 1
    assert bundled.lines() == [
        "[Cần bổ sung: đơn vị soạn thảo] (2 chỗ)", "[Cần bổ sung: số, ký hiệu]",
        "[Cần bổ sung: ngày ký]", "[Cần bổ sung: thẩm quyền ký, chức vụ người ký]",
        "[Cần bổ sung: họ và tên người ký]", "Công văn còn 6 chỗ cần bổ sung."]


def test_refusals_say_why(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    early = run(["chase", "ct-2023", "--today", "2023-12-01"], repo)
    assert (early.exit_code, early.stderr) == (2, "ppcli: thỏa thuận \"ct-2023\" không có báo "
                                               "cáo nào quá hạn vào ngày 01/12/2023: không cần "
                                               "công văn đôn đốc\n")
    nobody = run(["chase", "ct-2023", "--today", "2024-06-03", "--to", "ubnd-ca-mau"], repo)
    assert (nobody.exit_code, nobody.stderr) == (
        2, "ppcli: --to: \"ubnd-ca-mau\" không có báo cáo nào quá hạn trong thỏa thuận này; "
        "các bên đang chậm: so-noi-vu-ca-mau, tinh-doan-ca-mau\n")
    wrong_issuer = run(["chase", "ct-2023", "--today", "2024-06-03", "--as", "ubnd-ca-mau"],
                       repo)
    assert (wrong_issuer.exit_code, wrong_issuer.stderr) == (
        2, "ppcli: --as: \"ubnd-ca-mau\" không nhận báo cáo nào đang quá hạn của thỏa thuận "
        "này; bên nhận các báo cáo quá hạn: tinh-doan-ca-mau, so-noi-vu-ca-mau\n")


def test_several_late_parties_and_the_bundled_agreement() -> None:
    """Bắc Ninh: UBND tỉnh chases the Mặt trận (state layout, 51 reports over 4 duties);
    the Mặt trận, signing, chases UBND tỉnh in its own layout."""
    base = ["chase", "bn-ubnd-cac-co-quan-2021-2026", "--today", "2026-11-22", "--format",
            "md", "-o", "-"]
    ubnd = run([*base, "--to", "ubmttq-bac-ninh"])
    assert ubnd.exit_code == 0, ubnd.stderr
    lines = ubnd.stdout.splitlines()
    assert "Kính gửi: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh." in lines
    items = [x for x in lines if x.startswith("- Báo cáo")]
    assert len(items) == 51
    assert items[0] == ("- Báo cáo tháng 2/2024 (Báo cáo tháng của Mặt trận và các đoàn thể): "
                        "hạn gửi ngày 26/02/2024, đã quá hạn 1000 ngày;")
    assert items[-1] == ("- Báo cáo tháng 10/2026 (Báo cáo tháng của Mặt trận và các đoàn "
                         "thể): hạn gửi ngày 26/10/2026, đã quá hạn 27 ngày.")
    assert lines[2].startswith("| Số: …/UBND-[Cần bổ sung: đơn vị soạn thảo]<br>V/v đôn đốc "
                               "thực hiện chế độ báo cáo theo Quy chế phối hợp công tác nhiệm "
                               "kỳ 2021 - 2026 |")
    mttq = run([*base, "--as", "ubmttq-bac-ninh"])
    assert mttq.exit_code == 0, mttq.stderr
    assert "| Số: …/MTTQ-BTT<br>V/v đôn đốc" in mttq.stdout
    assert "Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh." in mttq.stdout
    every = run(base)  # both the Mặt trận and the group of đoàn thể owe UBND tỉnh
    assert every.exit_code == 2 and "chọn bên ký công văn bằng --as" in every.stderr
    to_all = run([*base, "--as", "ubnd-bac-ninh"])
    assert to_all.exit_code == 0, to_all.stderr
    assert "Kính gửi:\n- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh;\n- Các tổ chức chính " \
        "trị - xã hội tỉnh Bắc Ninh." in to_all.stdout
    assert "#### 1. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh" in to_all.stdout


def test_the_docx_is_a_cong_van(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    out = tmp_path / "cv.docx"
    assert run(["chase", "ct-2023", "--today", "2024-06-03", "-o", str(out)], repo).exit_code == 0
    doc = Document(str(out))
    left = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH CÀ MAU", "SỞ NỘI VỤ TỈNH CÀ MAU", "Số: …/SNV-VP",
        "V/v đôn đốc thực hiện chế độ báo cáo theo Chương trình phối hợp số 05/CTr-SNV-TĐTN"]
    body = [p.text for p in doc.paragraphs if p.text]
    assert body[0] == "Kính gửi: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau."
    assert "BÁO CÁO" not in body
    assert body[-1].endswith("để phối hợp giải quyết./.")
    assert doc.core_properties.category == "Công văn"


def test_a_repository_template_is_confined(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    (repo / "templates").mkdir()
    (repo / "templates" / chase.TEMPLATE).write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    result = run(["chase", "ct-2023", "--today", "2024-06-03", "-o", str(tmp_path / "x.md"),
                  "--format", "md"], repo)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ppcli: mẫu {chase.TEMPLATE}")
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.json").exists()


def test_the_default_name_and_no_overwrite(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    args = ["chase", "ct-2023", "--today", "2024-06-03"]
    assert run(args, repo).exit_code == 0
    made = repo / "bao-cao" / "CV-don-doc-ct-2023-tinh-doan-ca-mau.docx"
    assert made.is_file() and made.with_suffix(".json").is_file()
    again = run(args, repo)
    assert again.exit_code == 2 and "dùng --force để ghi đè" in again.stderr
    assert run([*args, "--force"], repo).exit_code == 0


def test_english(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    result = run(["--lang", "en", "chase", "ct-2023", "--today", "2023-12-01"], repo)
    assert (result.exit_code, result.stderr) == (2, "ppcli: agreement \"ct-2023\" has no "
                                                 "overdue report on 01/12/2023: there is "
                                                 "nothing to chase\n")




MERGED = """\
id: ct-cu
kind: quy-che
title: Quy chế phối hợp giữa Ủy ban nhân dân tỉnh và Sở Lao động - Thương binh và Xã hội
number: 02/QC-UBND
signed: 2023-01-10
parties:
  - org: ubnd-ca-mau
  - org: so-cu
period:
  start: 2023-01-10
  end: 2027-12-31
duties:
  - id: bao-cao-nam
    title: Báo cáo năm của Sở
    from: so-cu
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 10, month: 12}
"""


def test_a_merged_body_is_chased_through_its_successor(tmp_path: Path) -> None:
    """The Sở that reported merged into the Sở Nội vụ on 01/03/2025: the letter goes to
    the Sở Nội vụ, for the reports the merged Sở still owed."""
    from conftest import write_repo

    repo = write_repo(tmp_path / "kho", {"ct-cu.yaml": MERGED})
    result = run(["chase", "ct-cu", "--today", "2025-06-02", "--format", "md", "-o", "-"],
                 repo)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Kính gửi: Sở Nội vụ tỉnh Cà Mau." in lines
    assert [x for x in lines if x.startswith("- ")][:2] == [
        "- Báo cáo năm 2023 (Báo cáo năm của Sở): hạn gửi ngày 11/12/2023, đã quá hạn 539 "
        "ngày;",
        "- Báo cáo năm 2024 (Báo cáo năm của Sở): hạn gửi ngày 10/12/2024, đã quá hạn 174 "
        "ngày."]


def test_a_closed_agreement_is_not_chased(tmp_path: Path) -> None:
    """Closed on 05/01/2024: the 2023 report still owed then is no longer followed
    ("không theo dõi"), and no later period exists: nothing to chase."""
    from office_repo import AGREEMENT

    closed = AGREEMENT.replace("implements:", "closed:\n  date: 2024-01-05\n  note: Đã tổng "
                               "kết\nimplements:")
    repo = office_repo(tmp_path / "kho", closed)
    result = run(["chase", "ct-2023", "--today", "2024-06-03", "--as", "tinh-doan"], repo)
    assert (result.exit_code, result.stderr) == (2, "ppcli: thỏa thuận \"ct-2023\" không có "
                                                 "báo cáo nào quá hạn vào ngày 03/06/2024: "
                                                 "không cần công văn đôn đốc\n")
    still_open = run(["chase", "ct-2023", "--today", "2024-06-03", "--as", "tinh-doan",
                      "--format", "md", "-o", "-"], office_repo(tmp_path / "mo"))
    assert still_open.exit_code == 0 and "Báo cáo năm 2023 (Thông tin" in still_open.stdout
