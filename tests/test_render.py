"""ppcli render: drafts in the state's layout, from sandboxed, strict templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run, write_repo
from docx import Document
from docx.shared import Length, Pt

from ppcli.drafts.render import default_templates

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    # name: (arguments, today) — a state body, the Mặt trận and the Đoàn; a yearly report,
    # a monthly one, a sơ kết and a tổng kết
    "ca-mau-bao-cao-nam-2024": (["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024"],
                                "2024-12-10"),
    "ca-mau-tong-ket-2026": (["cm-snv-tinhdoan-2022-2026", "tong-ket-2026"], "2026-11-22"),
    "bac-ninh-mat-tran-thang-2026-10": (["bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang",
                                         "2026-10", "--as", "ubmttq-bac-ninh"], "2026-11-22"),
    "nghe-an-so-ket-2025": (["na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025", "--as",
                             "tinh-doan-nghe-an"], "2026-01-15"),
}


def render(tmp_path: Path, args: list[str], today: str, fmt: str = "md",
           repo: Path = ROOT) -> tuple[int, str, Path]:
    out = tmp_path / f"draft.{fmt}"
    result = run(["render", *args, "--format", fmt, "-o", str(out), "--today", today], repo)
    return result.exit_code, result.stderr, out


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_drafts(tmp_path: Path, name: str) -> None:
    args, today = CASES[name]
    code, err, out = render(tmp_path, args, today)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("PPCLI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def seed_copy(tmp_path: Path, registry_extra: str = "") -> Path:
    """The bundled repository, copied, with organisations added to its registry."""
    repo = tmp_path / "kho"
    shutil.copytree(ROOT / "agreements", repo / "agreements")
    registry = repo / "agreements" / "organisations.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + registry_extra,
                        encoding="utf-8")
    return repo


SO_AN_GIANG = """
  - id: so-noi-vu-an-giang
    name: Sở Nội vụ tỉnh An Giang
    kind: so
    province: An Giang
    parent: ubnd-an-giang
    code: SNV
"""


def test_a_collective_cannot_issue_one_of_its_bodies_can(tmp_path: Path) -> None:
    """Kiên Giang: the duty falls on "Các sở, ban, ngành", which nobody signs for."""
    args = ["kg-ubnd-tinhdoan-2023-2027", "bao-cao-nam-cac-so", "2026"]
    code, err, out = render(tmp_path, args, "2026-11-22")
    assert (code, err) == (2, (
        "ppcli: bên báo cáo \"cac-so-nganh-kien-giang\" (Các sở, ban, ngành tỉnh An Giang) là "
        "một nhóm cơ quan, không có người ký nên không ban hành được báo cáo; hãy chọn bằng "
        "--as một cơ quan thuộc nhóm (cơ quan trong organisations.yaml có parent là cơ quan "
        "chủ quản của nhóm) — có phải: ubnd-kien-giang, tinh-doan-kien-giang?\n"))
    assert not out.exists()
    code, err, _ = render(tmp_path, [*args, "--as", "cac-so-nganh-kien-giang"], "2026-11-22")
    assert code == 2 and err.startswith(
        "ppcli: --as: \"cac-so-nganh-kien-giang\" (Các sở, ban, ngành tỉnh An Giang) là một "
        "nhóm cơ quan")
    # --as takes a piece of the name too (#10): the one organisation it finds is named
    code, err, _ = render(tmp_path, [*args, "--as", "tinh-doan-kien-gian"], "2026-11-22")
    assert (code, err) == (2, "ppcli: --as: \"tinh-doan-kien-giang\" không phải bên báo cáo "
                              "(cac-so-nganh-kien-giang)\n")
    code, err, _ = render(tmp_path, [*args, "--as", "tinh-doan-kien-xyz"], "2026-11-22")
    assert code == 2 and err.startswith("ppcli: --as: không có tổ chức \"tinh-doan-kien-xyz\" "
                                        "trong danh mục")
    # a Sở under the province's People's Committee belongs to the group and signs
    repo = seed_copy(tmp_path, SO_AN_GIANG)
    code, err, out = render(tmp_path, [*args, "--as", "so-noi-vu-an-giang"], "2026-11-22",
                            repo=repo)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    # the merged province's names head the report; the agreement keeps its title
    assert text.startswith("| UBND TỈNH AN GIANG<br>**SỞ NỘI VỤ TỈNH AN GIANG** |")
    assert "| Số: …/BC-SNV | *An Giang, ngày 22 tháng 11 năm 2026* |" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh An Giang." in text
    assert "Thực hiện Quy chế phối hợp công tác giữa Ủy ban nhân dân tỉnh và Ban Chấp hành " \
           "Đoàn TNCS Hồ Chí Minh tỉnh Kiên Giang giai đoạn 2023 - 2027 (số [Cần bổ sung: số, " \
           "ký hiệu] ngày 31/05/2023), Sở Nội vụ tỉnh An Giang báo cáo kết quả thực hiện Quy " \
           "chế năm 2026.\n" in text
    assert text.count("[Cần bổ sung: kết quả thực hiện nội dung này năm 2026]") == 7
    # the group's overdue years are the Sở's own: one line for the run
    assert "- 3 báo cáo năm chưa gửi, từ năm 2023 đến năm 2025 (hạn sớm nhất 25/12/2023)." \
        in text


def test_docx_layout(tmp_path: Path) -> None:
    code, err, out = render(tmp_path, *CASES["ca-mau-bao-cao-nam-2024"], fmt="docx")
    assert code == 0, err
    doc = Document(str(out))
    section = doc.sections[0]
    def mm(value: Length) -> float:  # Word stores twentieths of a point
        return round(value.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20.0, 20.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30.0, 15.0)
    assert section.different_first_page_header_footer  # no page number on page 1
    assert "PAGE" in section.header._element.xml  # the field itself: test_render_docx.py
    head = doc.tables[0]
    left, right = (cell.paragraphs for cell in head.rows[0].cells)
    assert [p.text for p in right if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Cà Mau, ngày 10 tháng 12 năm 2024"]
    quoc_hieu, tieu_ngu, date = (p.runs[0] for p in right if p.text)
    assert (quoc_hieu.font.size, quoc_hieu.font.bold) == (Pt(12), True)
    assert (tieu_ngu.font.size, tieu_ngu.font.bold) == (Pt(13), True)
    assert (date.font.size, date.font.italic) == (Pt(13), True)
    assert [p.text for p in left if p.text] == [
        "UBND TỈNH CÀ MAU", "SỞ NỘI VỤ TỈNH CÀ MAU", "Số: …/BC-SNV"]
    assert left[1].runs[0].font.bold and not left[0].runs[0].font.bold
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn " \
           "2022 - 2026 năm 2024" in texts
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Chương trình"))
    assert body.paragraph_format.first_line_indent is not None
    assert all(r.font.name == "Times New Roman" and r.font.size == Pt(14) for r in body.runs)
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color]
    assert "[Cần bổ sung: tồn tại, hạn chế và nguyên nhân]" in highlighted
    foot_left = doc.tables[-1].rows[0].cells[0].paragraphs
    assert foot_left[0].text == "Nơi nhận:"
    assert (foot_left[0].runs[0].font.size, foot_left[0].runs[0].font.bold,
            foot_left[0].runs[0].font.italic) == (Pt(12), True, True)
    assert foot_left[1].text == "- Như trên;" and foot_left[1].runs[0].font.size == Pt(11)
    assert texts[-1].endswith("./.") or any(t.endswith("./.") for t in texts)


def test_html_is_printable_a4(tmp_path: Path) -> None:
    code, _, out = render(tmp_path, *CASES["nghe-an-so-ket-2025"], fmt="html")
    text = out.read_text(encoding="utf-8")
    assert code == 0 and "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in text
    assert "<mark>[Cần bổ sung: bài học kinh nghiệm]</mark>" not in text  # sơ kết has none
    assert "<mark>[Cần bổ sung: tồn tại, hạn chế và nguyên nhân]</mark>" in text
    assert '<div><b>BCH TỈNH NGHỆ AN</b></div>\n<div>***</div>' in text
    assert '<div class="tn">ĐOÀN TNCS HỒ CHÍ MINH</div>' in text
    assert "CỘNG HÒA XÃ HỘI" not in text  # the Đoàn's title stands in for the Quốc hiệu


def test_never_overwrites_and_names_the_file_safely(tmp_path: Path) -> None:
    """The default file goes to bao-cao/ at the repository's top, wherever the clerk is."""
    repo = write_repo(tmp_path / "kho")
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    cwd = os.getcwd()
    os.chdir(elsewhere)
    try:
        args = ["render", "ct-2022", "bao-cao-nam", "2023", "--today", "2023-12-01"]
        result = run(args, repo)
        produced = repo / "bao-cao" / "BC-ct-2022-bao-cao-nam-2023.docx"
        assert (result.exit_code, result.stderr) == (
            0, f"Đã soạn dự thảo: {produced}\n"
            f"Thông tin văn bản: {produced.with_suffix('.json')}\n")
        assert list(elsewhere.iterdir()) == []
        before = produced.read_bytes()
        again = run(args, repo)
        assert again.exit_code == 2 and "dùng --force để ghi đè" in again.stderr
        assert produced.read_bytes() == before
        assert run([*args, "--force"], repo).exit_code == 0
    finally:
        os.chdir(cwd)


def test_several_reporters_need_as(tmp_path: Path) -> None:
    code, err, _ = render(tmp_path, ["na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025"],
                          "2025-12-01")
    assert code == 2  # a wrong request: say which party with --as
    assert ("có nhiều bên báo cáo (so-ldtbxh-nghe-an, tinh-doan-nghe-an); chọn một bằng "
            "--as") in err


MALICIOUS = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ can_bo_sung.__globals__ }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(agreement) }}",
    "loader": "{{ self._TemplateReference__context }}",
}


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_templates_are_refused(tmp_path: Path, name: str) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text(MALICIOUS[name] + "\n", encoding="utf-8")
    code, err, out = render(tmp_path, ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024",
                                       "--template", str(template)], "2024-12-10")
    assert code == 2, err  # a bad template is a wrong request
    assert "ppcli: mẫu evil.md.j2" in err
    assert ("bị chặn vì lý do an toàn" in err or "thiếu dữ liệu" in err)
    assert "Traceback" not in err and not out.exists()


def test_templates_cannot_read_files(tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text('{% include "../../../../etc/passwd" %}\n', encoding="utf-8")
    code, err, out = render(tmp_path, ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024",
                                       "--template", str(template)], "2024-12-10")
    assert (code, err) == (2, "ppcli: mẫu evil.md.j2:1: tên mẫu \"../../../../etc/passwd\" "
                               "không hợp lệ: không được dùng \"..\" để ra khỏi thư mục mẫu\n")
    assert not out.exists()


def test_missing_field_names_template_line_and_field(tmp_path: Path) -> None:
    template = tmp_path / "thieu.md.j2"
    template.write_text("# I. MỞ ĐẦU\n\n{{ agreement.title }}\n{{ agreement.so_hieu }}\n",
                        encoding="utf-8")
    code, err, out = render(tmp_path, ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024",
                                       "--template", str(template)], "2024-12-10")
    assert code == 2
    assert "ppcli: mẫu thieu.md.j2:4: thiếu dữ liệu \"so_hieu\"" in err
    assert not out.exists()
    result = run(["render", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024", "--template",
                  str(template), "--check", "--today", "2024-12-10"], ROOT)
    assert (result.exit_code, result.stdout) == (1, "thiếu: so_hieu\n")


def test_default_templates_cover_the_data() -> None:
    result = run(["render", "cm-snv-tinhdoan-2022-2026", "tong-ket-2026", "--check",
                  "--today", "2026-11-22"], ROOT)
    # every field the templates use is there; what is left is for a person to write
    assert (result.exit_code, result.stdout) == (1, (
        "[Cần bổ sung: số, ký hiệu]\n"
        "[Cần bổ sung: ngày ký]\n"
        "[Cần bổ sung: việc ban hành kế hoạch, quán triệt, triển khai thỏa thuận]\n"
        "[Cần bổ sung: kết quả] (3 chỗ)\n"
        "[Cần bổ sung: tồn tại, hạn chế và nguyên nhân]\n"
        "[Cần bổ sung: bài học kinh nghiệm]\n"
        "[Cần bổ sung: phương hướng phối hợp giai đoạn tiếp theo, việc ký thỏa thuận mới]\n"
        "[Cần bổ sung: đề xuất, kiến nghị]\n"
        "[Cần bổ sung: họ và tên người ký]\n"
        "Dự thảo còn 11 chỗ cần bổ sung.\n"))


def test_repository_templates_override_the_defaults(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    (repo / "templates").mkdir()
    (repo / "templates/bao-cao-dinh-ky.md.j2").write_text(
        "Mẫu riêng của kho: {{ issuer.name }} báo cáo {{ report.period.label }}.\n",
        encoding="utf-8")
    code, err, out = render(tmp_path, ["ct-2022", "bao-cao-nam", "2023"], "2023-12-01",
                            repo=repo)
    assert code == 0, err
    assert "Mẫu riêng của kho: Sở Nội vụ tỉnh Cà Mau báo cáo năm 2023../." in \
        out.read_text(encoding="utf-8")


EXPECTED_TEMPLATES = {"bao-cao-dinh-ky.md.j2", "bao-cao-so-ket.md.j2",
                      "bao-cao-tong-ket.md.j2", "bao-cao-hoi-nghi.md.j2", "ke-hoach.md.j2",
                      "_chung.md.j2"}


def test_default_templates_are_found() -> None:
    assert {p.name for p in default_templates().iterdir()} >= EXPECTED_TEMPLATES


def test_installed_package_has_the_default_templates(tmp_path: Path) -> None:
    """As installed by pip (CI installs the wheel): run outside the checkout, so that
    the package comes from site-packages, not from the source tree."""
    code = ("from ppcli.drafts.render import default_templates; "
            "print('\\n'.join(sorted(p.name for p in default_templates().iterdir())))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": ""}).stdout
    assert set(out.split()) >= EXPECTED_TEMPLATES


def test_filters_for_dates_and_names_in_force(tmp_path: Path) -> None:
    template = tmp_path / "loc.md.j2"
    template.write_text(
        "{{ report.date | ngay }}; {{ agreement.signed | ngay_ngan }}; "
        "{{ 'ubnd-kien-giang' | ten_to_chuc(agreement.signed) }}; "
        "{{ 'ubnd-kien-giang' | ten_to_chuc(report.date) }}; "
        "{{ ['A', 'B', 'C'] | liet_ke }}\n", encoding="utf-8")
    code, err, out = render(tmp_path, ["kg-ubnd-tinhdoan-2023-2027", "bao-cao-nam-cac-so",
                                       "2026", "--as", "so-noi-vu-an-giang", "--template",
                                       str(template), "--date", "2026-02-05"], "2026-11-22",
                            repo=seed_copy(tmp_path, SO_AN_GIANG))
    assert code == 0, err
    assert ("ngày 05 tháng 02 năm 2026; 31/05/2023; Ủy ban nhân dân tỉnh Kiên Giang; "
            "Ủy ban nhân dân tỉnh An Giang; A, B và C./.") in out.read_text(encoding="utf-8")
