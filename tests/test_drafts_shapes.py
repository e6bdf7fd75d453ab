"""Drafts of the new shapes (issue 17): a plan duty drafted as a KẾ HOẠCH, a recurring
meeting drafted for exactly the period it reviews, "to the other parties" never naming the
sender, the issuing decision cited. The goldens under tests/golden/ were read as a clerk
reads them: they are the specification."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run, write_repo

GOLDEN = Path(__file__).parent / "golden"

REGISTRY = """\
organisations:
  - id: ubnd-ca-mau
    name: Ủy ban nhân dân tỉnh Cà Mau
    short: UBND tỉnh Cà Mau
    kind: ubnd
    province: Cà Mau
  - id: so-noi-vu-ca-mau
    name: Sở Nội vụ tỉnh Cà Mau
    short: Sở Nội vụ
    kind: so
    parent: ubnd-ca-mau
    province: Cà Mau
    code: SNV
  - id: tinh-doan-ca-mau
    name: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau
    short: Tỉnh đoàn Cà Mau
    kind: doan-tncs
    province: Cà Mau
    code: TĐTN
  - id: hnd-ca-mau
    name: Hội Nông dân tỉnh Cà Mau
    short: Hội ND tỉnh Cà Mau
    kind: doan-the
    province: Cà Mau
    code: HNDT
"""

AGREEMENT = """\
id: qc-snv-td-hnd
kind: quy-che
title: Quy chế phối hợp giữa Sở Nội vụ, Tỉnh đoàn và Hội Nông dân tỉnh Cà Mau
issued_by:
  number: 1234/QĐ-UBND
  date: 2024-03-01
  issuer: ubnd-ca-mau
  effective_after_days: 10
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
  - org: hnd-ca-mau
replaces:
  - number: 12/QC-SNV-TĐTN
    date: 2019-05-02
    title: Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn
  - number: 15/QC-SNV-HND
    date: 2020-06-01
areas:
  - id: a
    title: Công tác thanh niên và nông dân
    lead: [tinh-doan-ca-mau, hnd-ca-mau]
    support: so-noi-vu-ca-mau
duties:
  - id: ke-hoach-nam
    kind: ke-hoach
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau, hnd-ca-mau]
    to: cac-ben-khac
    frequency: hang-nam
    deadline: {days_before: 17}
  - id: bao-cao-nam
    from: [tinh-doan-ca-mau, hnd-ca-mau]
    to: so-noi-vu-ca-mau
    frequency: hang-nam
    deadline: {day: 10, month: 12}
  - id: thong-tin-quy
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau, hnd-ca-mau]
    to: cac-ben-khac
    frequency: hang-quy
    deadline: {days_after: 10}
conferences:
  - id: kiem-diem-nam
    kind: kiem-diem
    frequency: hang-nam
    when: sau-ky
    host: so-noi-vu-ca-mau
  - id: giao-ban-quy
    kind: giao-ban
    frequency: hang-quy
    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau, hnd-ca-mau]
  - id: lien-tich-dau-nam
    kind: lien-tich
    title: Hội nghị liên tịch đầu năm
    frequency: hang-nam
    when: dau-ky
    host: so-noi-vu-ca-mau
records:
  - conference: kiem-diem-nam
    period: 2025
    date: 2026-01-20
"""


@pytest.fixture
def kho(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "kho", {"qc-snv-td-hnd.yaml": AGREEMENT}, registry=REGISTRY,
                      config="place: Cà Mau\n")


def md(repo: Path, *args: str, today: str) -> str:
    result = run(["render", "qc-snv-td-hnd", *args, "--format", "md", "-o", "-", "--today",
                  today], repo)
    assert result.exit_code == 0, result.stderr
    return result.stdout


CASES = {
    # golden: (arguments, today)
    "ke-hoach-nam-2026": (["ke-hoach-nam", "2026", "--as", "so-noi-vu-ca-mau"], "2025-12-10"),
    "kiem-diem-nam-2025": (["kiem-diem-nam", "2025"], "2026-01-15"),
    "lien-tich-dau-nam-2026": (["lien-tich-dau-nam", "2026"], "2026-01-15"),
    "giao-ban-quy-2026-Q1-hoi-nong-dan": (["giao-ban-quy", "2026-Q1", "--as", "hnd-ca-mau"],
                                          "2026-03-20"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_drafts_of_the_new_shapes(kho: Path, name: str) -> None:
    args, today = CASES[name]
    text = md(kho, *args, today=today)
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("PPCLI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_a_plan_is_a_ke_hoach_for_its_period(kho: Path) -> None:
    text = md(kho, "ke-hoach-nam", "2026", "--as", "so-noi-vu-ca-mau", today="2025-12-10")
    assert lines(text)[2] == "| Số: …/KH-SNV | *Cà Mau, ngày 10 tháng 12 năm 2025* |"
    assert lines(text)[4:7] == ["**KẾ HOẠCH**", "", "**Thực hiện Quy chế phối hợp giữa Sở Nội "
                                "vụ, Tỉnh đoàn và Hội Nông dân tỉnh Cà Mau năm 2026**"]
    assert "Kính gửi" not in text and "BÁO CÁO" not in text and "Số liệu" not in text
    assert ("Thực hiện Quy chế phối hợp giữa Sở Nội vụ, Tỉnh đoàn và Hội Nông dân tỉnh Cà Mau "
            "ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 01/03/2024 của Ủy ban nhân dân "
            "tỉnh Cà Mau, Sở Nội vụ tỉnh Cà Mau ban hành Kế hoạch thực hiện Quy chế năm 2026 "
            "như sau:\n") in text
    assert [x for x in lines(text) if x.startswith("### ")] == [
        "### I. MỤC ĐÍCH, YÊU CẦU", "### II. NỘI DUNG", "### III. TỔ CHỨC THỰC HIỆN"]
    assert "Kế hoạch thực hiện từ ngày 01/01/2026 đến ngày 31/12/2026.\n" in text
    # the plan goes to the other parties (cac-ben-khac), never to its sender
    assert lines(text)[-1].startswith(
        "| - Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau;<br>- Hội Nông dân tỉnh Cà Mau;"
        "<br>- Lưu: VT, ")


def test_a_yearly_kiem_diem_reviews_its_year_only(kho: Path) -> None:
    text = md(kho, "kiem-diem-nam", "2025", today="2026-01-15")
    assert "**Kiểm điểm thực hiện Quy chế phối hợp giữa Sở Nội vụ, Tỉnh đoàn và Hội Nông dân " \
           "tỉnh Cà Mau năm 2025**" in text
    assert "Số liệu báo cáo tính từ ngày 01/01/2025 đến ngày 31/12/2025.\n" in text
    assert "### I. KẾT QUẢ THỰC HIỆN NĂM 2025" in text
    assert "### IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text
    # the first year starts when the decision put the Quy chế in force (10 days after 01/3)
    first = md(kho, "kiem-diem-nam", "2024", today="2025-01-15")
    assert "Số liệu báo cáo tính từ ngày 11/03/2024 đến ngày 31/12/2024.\n" in first


def test_a_meeting_at_the_start_of_a_year_reviews_the_year_before(kho: Path) -> None:
    text = md(kho, "lien-tich-dau-nam", "2026", today="2026-01-15")
    assert "**Kết quả thực hiện Quy chế phối hợp giữa Sở Nội vụ, Tỉnh đoàn và Hội Nông dân " \
           "tỉnh Cà Mau năm 2025; phương hướng, nhiệm vụ năm 2026**" in text
    assert "Số liệu báo cáo tính từ ngày 01/01/2025 đến ngày 31/12/2025.\n" in text
    assert "### IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text


def test_to_the_other_parties_never_names_the_sender(kho: Path) -> None:
    text = md(kho, "thong-tin-quy", "2026-Q1", "--as", "tinh-doan-ca-mau", today="2026-04-02")
    assert "Kính gửi:\n- Sở Nội vụ tỉnh Cà Mau;\n- Hội Nông dân tỉnh Cà Mau.\n" in text
    assert lines(text)[-1].startswith("| - Như trên;<br>- Lưu: VT, ")


def test_overdue_meetings_are_runs_of_periods(kho: Path) -> None:
    text = md(kho, "kiem-diem-nam", "2025", today="2026-01-15")
    assert "- 8 lần hội nghị giao ban chưa tổ chức, từ quý I/2024 đến quý IV/2025;" in text
    assert "- Hội nghị kiểm điểm năm 2024: chưa tổ chức" in text


@pytest.mark.parametrize(("args", "said"), [
    (["kiem-diem-nam"], "ppcli: hội nghị \"kiem-diem-nam\" họp định kỳ: hãy nêu kỳ, ví dụ "
                        "2025, 2025-Q3\n"),
])
def test_a_recurring_meeting_needs_its_period(kho: Path, args: list[str], said: str) -> None:
    result = run(["render", "qc-snv-td-hnd", *args, "--format", "md", "-o", "-", "--today",
                  "2026-01-15"], kho)
    assert (result.exit_code, result.stderr) == (2, said)


def test_the_plan_as_docx(kho: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "kh.docx"
    result = run(["render", "qc-snv-td-hnd", "ke-hoach-nam", "2026", "--as", "so-noi-vu-ca-mau",
                  "-o", str(out), "--today", "2025-12-10"], kho)
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["KẾ HOẠCH", "Thực hiện Quy chế phối hợp giữa Sở Nội vụ, Tỉnh đoàn và "
                                    "Hội Nông dân tỉnh Cà Mau năm 2026"]
    assert doc.core_properties.category == "Kế hoạch"
    head = doc.tables[0].rows[0].cells[0].text
    assert head.endswith("Số: …/KH-SNV")


def test_a_plans_default_file_is_named_as_a_plan(kho: Path) -> None:
    result = run(["render", "qc-snv-td-hnd", "ke-hoach-nam", "2026", "--as", "so-noi-vu-ca-mau",
                  "--format", "md", "--today", "2025-12-10"], kho)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (kho / "bao-cao").iterdir()) == [
        "KH-qc-snv-td-hnd-ke-hoach-nam-2026.json", "KH-qc-snv-td-hnd-ke-hoach-nam-2026.md"]


def test_a_one_time_conference_takes_no_period(tmp_path: Path) -> None:
    agreement = AGREEMENT.replace("  - id: kiem-diem-nam\n", "  - id: so-ket\n    kind: so-ket\n"
                                  "    planned: 2025-06\n    host: so-noi-vu-ca-mau\n"
                                  "  - id: kiem-diem-nam\n")
    repo = write_repo(tmp_path / "kho", {"qc-snv-td-hnd.yaml": agreement}, registry=REGISTRY,
                      config="place: Cà Mau\n")
    result = run(["render", "qc-snv-td-hnd", "so-ket", "2025", "--format", "md", "-o", "-",
                  "--today", "2025-07-01"], repo)
    assert (result.exit_code, result.stderr) == (2, (
        "ppcli: hội nghị \"so-ket\" tổ chức một lần, không theo kỳ: bỏ kỳ \"2025\"\n"))


def test_templates_see_the_documents_replaced_and_the_decision(kho: Path,
                                                                tmp_path: Path) -> None:
    template = tmp_path / "thay-the.md.j2"
    template.write_text(
        "{% for r in agreement.replaces %}{{ r.number }} ngày {{ r.date | ngay_ngan }}"
        "{% if r.title %} ({{ r.title }}){% endif %}; {% endfor %}"
        "{{ agreement.issued_by.kind }} {{ agreement.issued_by.number }}, hiệu lực "
        "{{ agreement.issued_by.effective | ngay_ngan }}\n", encoding="utf-8")
    text = md(kho, "kiem-diem-nam", "2025", "--template", str(template), today="2026-01-15")
    assert ("12/QC-SNV-TĐTN ngày 02/05/2019 (Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn); "
            "15/QC-SNV-HND ngày 01/06/2020; Quyết định 1234/QĐ-UBND, hiệu lực 11/03/2024./.\n") \
        in text
