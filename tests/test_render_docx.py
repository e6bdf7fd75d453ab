"""The .docx package itself, read as XML (zipfile + ElementTree), against the rules of
issue 11: a header grid as wide as its cells, a real PAGE field in the page header from
page 2, Vietnamese on the styles and every run, the file's own properties, and the
layout of each kind of issuer."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import ROOT, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1], "cp": "http://schemas.openxmlformats.org/package/2006/metadata/"
      "core-properties", "dc": "http://purl.org/dc/elements/1.1/",
      "dcterms": "http://purl.org/dc/terms/"}
TWIPS_PER_CM = 1440 / 2.54

DRAFTS = {
    "state": (["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024"], "2024-12-10"),
    "doan": (["na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025", "--as", "tinh-doan-nghe-an"],
             "2025-12-01"),
    "mat-tran": (["bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang", "2026-10", "--as",
                  "ubmttq-bac-ninh"], "2026-11-22"),
}


def package(tmp_path: Path, kind: str) -> zipfile.ZipFile:
    args, today = DRAFTS[kind]
    out = tmp_path / f"{kind}.docx"
    result = run(["render", *args, "-o", str(out), "--today", today], ROOT)
    assert result.exit_code == 0, result.stderr
    return zipfile.ZipFile(out)


def xml(pkg: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(pkg.read(name))


def texts(element: ET.Element) -> list[str]:
    """Each paragraph's text, a line break as a newline."""
    return ["".join(t.text or "" if t.tag == f"{W}t" else "\n" for t in p.iter()
                    if t.tag in (f"{W}t", f"{W}br")) for p in element.iter(f"{W}p")]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    return package(tmp_path_factory.mktemp("docx"), "state")


def test_the_header_grid_is_as_wide_as_its_cells(state: zipfile.ZipFile) -> None:
    body = xml(state, "word/document.xml").find("w:body", NS)
    assert body is not None
    for table in body.findall("w:tbl", NS):
        grid = [int(c.get(f"{W}w", "0")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        cells = [int(c.get(f"{W}w", "0")) for c in table.findall("w:tr/w:tc/w:tcPr/w:tcW", NS)]
        assert grid == cells
        assert table.find("w:tblPr/w:tblLayout", NS).get(f"{W}type") == "fixed"  # type: ignore[union-attr]
    head = body.find("w:tbl", NS)
    assert head is not None
    right = int(head.findall("w:tblGrid/w:gridCol", NS)[1].get(f"{W}w", "0"))
    # the Quốc hiệu in Times New Roman 13 pt bold is about 9.5 cm, plus the cell's margins
    assert right >= round(9.9 * TWIPS_PER_CM)
    cells = head.findall("w:tr/w:tc", NS)
    assert [t for t in texts(cells[1]) if t] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Cà Mau, ngày 10 tháng 12 năm 2024"]


def test_each_rule_sits_directly_under_its_line(state: zipfile.ZipFile) -> None:
    """A rule is a paragraph with a bottom border, right after the line it underlines,
    exactly a few points high (no empty line between)."""
    body = xml(state, "word/document.xml").find("w:body", NS)
    assert body is not None
    paragraphs = list(body.iter(f"{W}p"))
    under = []
    for i, p in enumerate(paragraphs):
        if p.find("w:pPr/w:pBdr/w:bottom", NS) is not None:
            spacing = p.find("w:pPr/w:spacing", NS)
            assert spacing is not None and spacing.get(f"{W}lineRule") == "exact"
            assert int(spacing.get(f"{W}line", "0")) <= 100  # 5 pt at most
            assert texts(p) == [""]
            under.append(texts(paragraphs[i - 1])[0])
    assert under == ["SỞ NỘI VỤ TỈNH CÀ MAU", "Độc lập - Tự do - Hạnh phúc",
                     "Kết quả thực hiện Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai "
                     "đoạn 2022 - 2026 năm 2024"]


def test_the_page_number_is_a_page_field_from_page_two(state: zipfile.ZipFile) -> None:
    document = xml(state, "word/document.xml")
    sect = document.find("w:body/w:sectPr", NS)
    assert sect is not None and sect.find("w:titlePg", NS) is not None  # a first page of its own
    rels = {r.get("Id"): r.get("Target") for r in xml(state, "word/_rels/document.xml.rels")}
    refs = {h.get(f"{W}type"): rels[h.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        for h in sect.findall("w:headerReference", NS)}
    first = xml(state, f"word/{refs['first']}")
    assert texts(first) == [""]  # page 1: no number
    header = xml(state, f"word/{refs['default']}")
    assert not header.findall(".//w:r/w:fldSimple", NS)  # a field is never inside a run
    runs = header.findall("w:p/w:r", NS)
    parts = []
    for r in runs:
        for child in r:
            if child.tag == f"{W}fldChar":
                parts.append(child.get(f"{W}fldCharType"))
            elif child.tag == f"{W}instrText":
                parts.append((child.text or "").strip())
            elif child.tag == f"{W}t":
                parts.append("text")
    assert parts == ["begin", "PAGE", "separate", "text", "end"]
    assert header.find("w:p/w:pPr/w:jc", NS).get(f"{W}val") == "center"  # type: ignore[union-attr]


def test_the_language_is_vietnamese(state: zipfile.ZipFile) -> None:
    names = state.namelist()
    assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names
    for name in names:
        if name.endswith(".xml"):
            data = state.read(name).decode("utf-8")
            assert "en-US" not in data and "ja-JP" not in data, name
    styles = xml(state, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default is not None and default.get(f"{W}val") == "vi-VN"
    normal = next(s for s in styles.findall("w:style", NS) if s.get(f"{W}styleId") == "Normal")
    assert normal.find("w:rPr/w:lang", NS).get(f"{W}val") == "vi-VN"  # type: ignore[union-attr]
    for part in ["word/document.xml"] + [n for n in names if n.startswith("word/header")]:
        for r in xml(state, part).iter(f"{W}r"):
            lang = r.find("w:rPr/w:lang", NS)
            assert lang is not None and lang.get(f"{W}val") == "vi-VN", part


def test_the_files_properties(state: zipfile.ZipFile) -> None:
    core = xml(state, "docProps/core.xml")

    def prop(path: str) -> str:
        found = core.find(path, NS)
        return (found.text or "") if found is not None else ""

    assert prop("dc:title") == ("Kết quả thực hiện Chương trình phối hợp giữa Sở Nội vụ và Tỉnh "
                                "đoàn giai đoạn 2022 - 2026 năm 2024")
    assert prop("dc:creator") == prop("cp:lastModifiedBy") == "Sở Nội vụ tỉnh Cà Mau"
    assert prop("dcterms:created") == prop("dcterms:modified") == "2024-12-10T00:00:00Z"
    assert prop("dc:description") == "" and prop("dc:language") == "vi-VN"
    assert b"python-docx" not in state.read("docProps/core.xml")
    assert b"2013" not in state.read("docProps/core.xml")


def test_a_title_too_long_for_the_properties_is_cut_at_a_word(tmp_path: Path) -> None:
    core = xml(package(tmp_path, "mat-tran"), "docProps/core.xml")
    title = core.find("dc:title", NS)
    assert title is not None and title.text is not None
    assert len(title.text) <= 255 and title.text.endswith("…")
    assert title.text.startswith("Kết quả thực hiện Quy chế phối hợp công tác nhiệm kỳ 2021")


def test_the_signature_block_is_not_split_across_pages(state: zipfile.ZipFile) -> None:
    body = xml(state, "word/document.xml").find("w:body", NS)
    assert body is not None
    foot = body.findall("w:tbl", NS)[-1]
    assert foot.find("w:tr/w:trPr/w:cantSplit", NS) is not None
    assert texts(foot)[0] == "Nơi nhận:"


def test_the_doan_heading(tmp_path: Path) -> None:
    body = xml(package(tmp_path, "doan"), "word/document.xml").find("w:body", NS)
    assert body is not None
    left, right = body.findall("w:tbl", NS)[0].findall("w:tr/w:tc", NS)
    assert [t for t in texts(left) if t] == ["BCH TỈNH NGHỆ AN", "***", "Số: …-BC/TĐTN"]
    assert [t for t in texts(right) if t] == ["ĐOÀN TNCS HỒ CHÍ MINH",
                                              "Nghệ An, ngày 01 tháng 12 năm 2025"]


def test_the_mat_tran_heading(tmp_path: Path) -> None:
    body = xml(package(tmp_path, "mat-tran"), "word/document.xml").find("w:body", NS)
    assert body is not None
    left, right = body.findall("w:tbl", NS)[0].findall("w:tr/w:tc", NS)
    # a name too long for one line breaks before the province, not inside it
    assert [t for t in texts(left) if t] == ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH BẮC NINH",
                                             "Số: …/BC-MTTQ-BTT"]
    assert [t for t in texts(right) if t][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                  "Độc lập - Tự do - Hạnh phúc"]
