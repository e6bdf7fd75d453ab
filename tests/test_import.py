"""``ppcli import``: a golden import of each seed, a full document in .txt, .docx (made
with python-docx) and .pdf (written by hand: a text layer), the file checked and written
once, never over another; unreadable files said in Vietnamese, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run, write_repo

from ppcli.files.repository import find_repo
from ppcli.importer import extract
from ppcli.importer.run import ImportRequest, import_file

DATA = Path(__file__).parent / "data" / "import"
GOLDEN = Path(__file__).parent / "golden" / "import"
SEEDS = sorted(p.name for p in DATA.glob("00*.txt"))
# two signed texts as they come (header, articles, signatures), besides the news pages
DOCUMENTS = ["ct-ca-mau.txt", "qc-ca-mau.txt"]
TODAY = dt.date(2026, 12, 1)
DOCUMENT = DATA / "ct-ca-mau.txt"


@pytest.mark.parametrize("seed", SEEDS + DOCUMENTS)
def test_golden_import_of_each_seed(seed: str) -> None:
    """The file each seed gives against the bundled registry, as read and checked by hand
    (tests/golden/import/; PPCLI_UPDATE_GOLDEN=1 writes them again)."""
    result = import_file(find_repo(ROOT), ImportRequest(DATA / seed, dry_run=True), TODAY)
    golden = GOLDEN / seed.replace(".txt", ".yaml")
    if os.environ.get("PPCLI_UPDATE_GOLDEN"):
        golden.write_text(result.text, encoding="utf-8")
    assert result.text == golden.read_text(encoding="utf-8")
    assert not result.written and result.errors == 0
    assert yaml.safe_load(result.text)["source"] == seed


def test_what_the_seeds_give() -> None:
    """The values a clerk relies on, seed by seed (the goldens hold the rest)."""
    repo = find_repo(ROOT)

    def values(seed: str) -> dict[str, object]:
        text = import_file(repo, ImportRequest(DATA / seed, dry_run=True), TODAY).text
        loaded: dict[str, object] = yaml.safe_load(text)
        return loaded

    kg = values(SEEDS[0])
    assert (kg["kind"], kg["signed"], kg["period"]) == (
        "quy-che", dt.date(2023, 5, 31), {"start": dt.date(2023, 5, 31),
                                          "end": dt.date(2027, 12, 31)})
    assert kg["parties"] == [
        {"org": "ubnd-kien-giang", "signer": {"name": "Lâm Minh Thành",
                                              "position": "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"}},
        {"org": "tinh-doan-kien-giang", "signer": {"name": "Phan Đình Nhân",
                                                   "position": "Bí thư Tỉnh đoàn"}}]
    assert kg["duties"] == [{"id": "bao-cao-nam", "title": "Báo cáo thực hiện nhiệm vụ hằng năm",
                             "from": ["cac-so-nganh-kien-giang"], "to": ["ubnd-kien-giang"],
                             "frequency": "hang-nam", "first": 2023, "last": 2027}]
    bd = values(SEEDS[1])
    assert "signed" not in bd  # "Chiều 22/9": no year anywhere in the text
    assert [p["org"] for p in bd["parties"]] == [  # type: ignore[attr-defined]
        "ubnd-binh-dinh", "hoi-ccb-binh-dinh", "hoi-nong-dan-binh-dinh", "hoi-lhpn-binh-dinh",
        "tinh-doan-binh-dinh"]
    na = values(SEEDS[2])
    assert na["implements"] == {"kind": "Chương trình phối hợp",
                                "number": "4286-CTPH/BLĐTBXH-TWĐTN",
                                "date": dt.date(2021, 11, 25),
                                "title": "Chương trình phối hợp giai đoạn 2021 - 2025",
                                "issuer": "Bộ Lao động - Thương binh và Xã hội và Trung ương "
                                          "Đoàn TNCS Hồ Chí Minh"}
    assert len(na["areas"]) == 8  # type: ignore[arg-type]
    cm = values(SEEDS[3])
    assert [(c["id"], c["planned"], c["host"]) for c in cm["conferences"]] == [  # type: ignore[attr-defined]
        ("so-ket-2024", 2024, ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"]),
        ("tong-ket-2026", 2026, ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"])]
    assert cm["duties"][0]["to"] == ["bo-noi-vu"]  # type: ignore[index]
    bn = values(SEEDS[4])
    assert bn["period"] == {"term": "2021-2026"} and len(bn["parties"]) == 10  # type: ignore[arg-type]
    assert bn["records"] == [{"conference": "so-ket-2024", "date": dt.date(2024, 1, 29)}]
    assert "place" not in bn  # the province came from the registry, not from the text


def _expected_document(data: dict[str, object]) -> None:
    assert data["number"] == "2325/CTPH-SNV-TĐTN"
    assert data["signed"] == dt.date(2022, 3, 15) and data["place"] == "Cà Mau"
    assert data["title"] == "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn Cà Mau giai " \
        "đoạn 2022 - 2026"
    assert data["parties"] == [
        {"org": "so-noi-vu-ca-mau", "signer": {"name": "Trần Thị Bình", "position": "Phó Giám đốc",
                                               "authority": "KT. GIÁM ĐỐC SỞ NỘI VỤ"}},
        {"org": "tinh-doan-ca-mau", "signer": {"name": "Nguyễn Văn An", "position": "Bí thư",
                                               "authority": "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN"}}]
    assert data["replaces"] == {"kind": "Chương trình phối hợp", "number": "15/CTPH-SNV-TĐTN",
                                "date": dt.date(2017, 1, 10)}
    assert [(a["title"], a.get("lead"), a.get("support")) for a in data["areas"]] == [  # type: ignore[attr-defined]
        ("Tuyên truyền, phổ biến chính sách, pháp luật về thanh niên", ["so-noi-vu-ca-mau"],
         ["tinh-doan-ca-mau"]),
        ("Đối thoại với thanh niên", ["tinh-doan-ca-mau"], None)]
    assert [(d["frequency"], d.get("deadline")) for d in data["duties"]] == [  # type: ignore[attr-defined]
        ("nua-nam", None), ("hang-nam", {"day": 15, "month": 12})]
    assert len(data["funding"]) == 2 and len(data["legal_basis"]) == 2  # type: ignore[arg-type]


def test_a_full_document_written_once_and_never_over(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    result = run(["import", str(DOCUMENT), "--dir", "ca-mau", "--today", "2026-01-01"], repo)
    assert result.exit_code == 0, result.stderr
    target = repo / "agreements" / "ca-mau" / "chuong-trinh-ca-mau-2022-2026.yaml"
    assert result.stderr == (
        "Đã tạo agreements/ca-mau/chuong-trinh-ca-mau-2022-2026.yaml: 24 giá trị lấy từ văn bản, "
        "4 giá trị suy ra (cần xác nhận), 0 mục chưa tìm thấy, 0 tổ chức cần thêm vào danh "
        "mục.\n")
    text = target.read_text(encoding="utf-8")
    _expected_document(yaml.safe_load(text))
    assert "# từ văn bản: \"Số: 2325/CTPH-SNV-TĐTN\"\nnumber: \"2325/CTPH-SNV-TĐTN\"\n" in text
    assert "  # SUY RA: văn bản chỉ nêu năm; hết ngày 31/12/2026\n  end: 2026-12-31\n" in text
    assert run(["validate"], repo).exit_code == 0
    again = run(["import", str(DOCUMENT), "--dir", "ca-mau", "--id",
                 "chuong-trinh-ca-mau-2022-2026"], repo)
    assert again.exit_code == 2
    assert again.stderr == "ppcli: đã có thỏa thuận \"chuong-trinh-ca-mau-2022-2026\"; chọn mã " \
                           "khác (--id)\n"
    other = repo / "khac.yaml"
    other.write_text("giữ nguyên\n", encoding="utf-8")
    kept = run(["import", str(DOCUMENT), "-o", str(other)], repo)
    assert kept.exit_code == 2 and "đã có; ppcli import không ghi đè" in kept.stderr
    assert other.read_text(encoding="utf-8") == "giữ nguyên\n"
    assert target.read_text(encoding="utf-8") == text


def test_another_file_name_gives_the_id(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    target = tmp_path / "ban-nhap" / "qc-moi.yaml"
    result = run(["import", str(DOCUMENT), "-o", str(target), "--today", "2026-01-01"], repo)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["id"] == "qc-moi"
    assert not (repo / "agreements" / "chuong-trinh-ca-mau-2022-2026.yaml").exists()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    before = sorted(p.name for p in (repo / "agreements").rglob("*"))
    result = run(["import", str(DOCUMENT), "--dry-run", "--today", "2026-01-01"], repo)
    assert result.exit_code == 0
    _expected_document(yaml.safe_load(result.stdout))
    assert result.stderr.startswith("Chạy thử, không ghi agreements/chuong-trinh-ca-mau-2022-2026"
                                    ".yaml: ")
    assert sorted(p.name for p in (repo / "agreements").rglob("*")) == before


def test_findings_with_errors_are_written_and_said(tmp_path: Path) -> None:
    """A party not in the registry: proposed, in the block to confirm; the file is written
    for the clerk to finish, its errors listed, exit status 1."""
    repo = write_repo(tmp_path / "r")
    source = tmp_path / "hoi.txt"
    source.write_text("Quy chế phối hợp giữa UBND tỉnh Cà Mau và Hội Luật gia tỉnh Cà Mau\n"
                      "Cà Mau, ngày 2 tháng 1 năm 2025\n", encoding="utf-8")
    result = run(["import", str(source), "--id", "qc-hoi-luat-gia"], repo)
    assert result.exit_code == 1
    text = (repo / "agreements" / "qc-hoi-luat-gia.yaml").read_text(encoding="utf-8")
    assert "  - org: hoi-luat-gia-tinh-ca-mau\n" in text
    assert "# TỔ CHỨC CẦN THÊM VÀO DANH MỤC" in text.replace("=", "").replace("  ", " ")
    assert "#   - id: hoi-luat-gia-tinh-ca-mau\n#     name: \"Hội Luật gia tỉnh Cà Mau\"\n" \
           "#     kind: doan-the\n#     province: \"Cà Mau\"\n" in text
    assert "hoi-luat-gia-tinh-ca-mau" in result.stdout  # the unknown organisation, diagnosed
    assert "1 tổ chức cần thêm vào danh mục; " in result.stderr


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for line in DOCUMENT.read_text(encoding="utf-8").split("\n\n")[0].splitlines():
        document.add_paragraph(line)
    body = DOCUMENT.read_text(encoding="utf-8").split("\n\n")
    for block in body[1:-2]:
        for line in block.splitlines():
            document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)  # the two signatures side by side
    for cell, block in zip(table.rows[0].cells, body[-2:], strict=True):
        cell.text = block.strip()
    document.save(str(path))


def test_a_docx(tmp_path: Path) -> None:
    source = tmp_path / "chuong-trinh.docx"
    _docx(source)
    repo = write_repo(tmp_path / "r")
    result = run(["import", str(source), "--dry-run", "--today", "2026-01-01"], repo)
    assert result.exit_code == 0, result.stderr
    _expected_document(yaml.safe_load(result.stdout))


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica, ASCII: Vietnamese without diacritics,
    as old PDFs made from TCVN3 fonts often are), its cross-reference table exact."""
    def escaped(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 10 Tf 40 800 Td 12 TL " + " ".join(
        f"({escaped(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n" \
        .encode("ascii")
    return out


def test_a_pdf_with_a_text_layer(tmp_path: Path) -> None:
    source = tmp_path / "chuong-trinh.pdf"
    source.write_bytes(_pdf([
        "So: 15/CTPH-SNV-TDTN",
        "Ca Mau, ngay 10 thang 2 nam 2023",
        "CHUONG TRINH",
        "Phoi hop giua So Noi vu va Tinh doan Ca Mau giai doan 2023 - 2027",
        "III. TO CHUC THUC HIEN",
        "1. So Noi vu",
        "a) Dinh ky hang nam bao cao ket qua thuc hien ve Uy ban nhan dan tinh.",
    ]))
    repo = write_repo(tmp_path / "r")
    result = run(["import", str(source), "--dry-run", "--today", "2026-01-01"], repo)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert (data["kind"], data["number"], data["signed"], data["place"]) == (
        "chuong-trinh", "15/CTPH-SNV-TDTN", dt.date(2023, 2, 10), "Ca Mau")
    assert [p["org"] for p in data["parties"]] == ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"]
    assert [(d["from"], d["to"], d["frequency"]) for d in data["duties"]] == [
        (["so-noi-vu-ca-mau"], ["ubnd-ca-mau"], "hang-nam")]


def _fails(args: list[str], repo: Path) -> str:
    result = run(args, repo)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    return result.stderr.strip()


def test_files_it_cannot_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    missing = tmp_path / "khong-co.docx"
    assert _fails(["import", str(missing)], repo) == \
        f"ppcli: {missing}: không có tệp này; kiểm tra tên và thư mục"
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert _fails(["import", str(old)], repo) == (
        f"ppcli: {old}: không đọc được loại tệp \".doc\"; ppcli import đọc .docx, .pdf (có lớp "
        "chữ), .txt và .md — hãy lưu văn bản thành .docx hoặc chép chữ vào một tệp .txt")
    renamed = tmp_path / "doi-ten.docx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    assert "không mở được tệp .docx (hỏng, hoặc là .doc cũ đổi tên)" in \
        _fails(["import", str(renamed)], repo)
    tcvn = tmp_path / "tcvn3.txt"
    tcvn.write_bytes("Quy chÕ phèi hîp".encode("latin-1"))
    assert "không phải chữ mã UTF-8" in _fails(["import", str(tcvn)], repo)
    empty = tmp_path / "trong.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert _fails(["import", str(empty)], repo) == \
        f"ppcli: {empty}: tệp không có chữ nào; không có gì để nhập"
    monkeypatch.setattr(extract, "MAX_TEXT", 100)
    big = tmp_path / "lon.txt"
    big.write_text("Quy chế phối hợp " * 20, encoding="utf-8")
    assert "tệp lớn quá 0 MB" in _fails(["import", str(big)], repo)
    assert "--id \"Mã Sai\" không hợp lệ" in _fails(["import", str(DOCUMENT), "--id", "Mã Sai"],
                                                    repo)
    assert "--dir ../ngoai: hãy ghi một thư mục con trong agreements/" in \
        _fails(["import", str(DOCUMENT), "--dir", "../ngoai"], repo)


def test_a_scanned_or_locked_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    repo = write_repo(tmp_path / "r")
    scan = tmp_path / "ban-quet.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with scan.open("wb") as handle:
        writer.write(handle)
    assert _fails(["import", str(scan)], repo) == (
        f"ppcli: {scan}: tệp PDF không có lớp chữ (bản quét, chỉ có ảnh); hãy nhận dạng chữ "
        "(OCR) hoặc xin bản .docx, rồi chạy lại với tệp đó")
    locked = tmp_path / "mat-khau.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau", algorithm="RC4-128")
    with locked.open("wb") as handle:
        writer.write(handle)
    assert "tệp PDF có mật khẩu" in _fails(["import", str(locked)], repo)
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    assert "không đọc được tệp PDF" in _fails(["import", str(broken)], repo)


def test_english(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    result = run(["--lang", "en", "import", str(DOCUMENT), "--dry-run", "--today",
                  "2026-01-01"], repo)
    assert result.exit_code == 0
    assert result.stderr.startswith("Dry run, agreements/chuong-trinh-ca-mau-2022-2026.yaml not "
                                    "written: 24 values from the text, 4 inferred (to confirm)")
    missing = run(["--lang", "en", "import", str(tmp_path / "x.pdf")], repo)
    assert missing.stderr == f"ppcli: {tmp_path / 'x.pdf'}: no such file; check the name and " \
                             "the folder\n"


def test_the_new_words_are_written_only_when_the_format_has_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """FORMAT-NEW's keys (a recurring meeting, issued_by) are values since the declaration
    has them (issue 17), and go to the skeleton in a format without them."""
    from ppcli.files.repository import load
    from ppcli.importer import draft as draft_module
    from ppcli.importer.text import document

    text = ("Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn Cà Mau giai đoạn 2022 - 2026\n"
            "Chương trình ban hành kèm theo Quyết định số 12/QĐ-SNV ngày 01/3/2022 của Sở Nội "
            "vụ tỉnh Cà Mau.\nHai bên sẽ tiến hành sơ kết đánh giá hằng năm.")
    reg = load(find_repo(ROOT)).registry
    now = draft_module.build(document(text), reg, set(), "ct", "x.txt")
    issued = now.body["issued_by"]
    assert isinstance(issued, draft_module.Cited) and issued.value == {
        "kind": "Quyết định", "number": "12/QĐ-SNV", "date": dt.date(2022, 3, 1),
        "issuer": "so-noi-vu-ca-mau"}
    conference = now.body["conferences"][0]  # type: ignore[index]
    assert conference.value == {"id": "so-ket-hang-nam", "kind": "so-ket",
                                "title": "Sơ kết đánh giá hằng năm", "frequency": "hang-nam",
                                "host": draft_module.Cited(
                                    ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"], "",
                                    "văn bản không nêu bên tổ chức; ghi các bên")}
    assert now.loose == []
    monkeypatch.setattr(draft_module, "declared", lambda obj, key: False)
    before = draft_module.build(document(text), reg, set(), "ct", "x.txt")
    assert "conferences" not in before.body and "issued_by" not in before.body
    assert [x.what for x in before.loose] == [
        "quyết định ban hành (issued_by)",
        "hội nghị định kỳ: định dạng chưa có hội nghị lặp lại (frequency)"]


def test_a_joint_document_is_written_lien_tich() -> None:
    source = DATA / "ct-ca-mau.txt"
    text = source.read_text(encoding="utf-8").replace("CHƯƠNG TRÌNH\nPhối hợp",
                                                     "CHƯƠNG TRÌNH\nLiên tịch")
    from ppcli.files.repository import load
    from ppcli.importer import draft as draft_module
    from ppcli.importer.text import document

    found = draft_module.build(document(text), load(find_repo(ROOT)).registry, set(), None,
                               "x.txt")
    kind = found.body["kind"]
    assert isinstance(kind, draft_module.Cited) and kind.value == "lien-tich"
    assert found.id == "lien-tich-ca-mau-2022-2026"


def test_a_docx_that_unpacks_to_too_much(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    """A .docx is a zip: what it would unpack to is measured before python-docx opens it."""
    source = tmp_path / "bom.docx"
    _docx(source)
    monkeypatch.setattr(extract, "MAX_UNZIPPED", 1000)
    with pytest.raises(extract.ImportProblem) as caught:
        extract.read_text(source)
    assert caught.value.label.vi == f"{source}: tệp .docx giải nén ra quá lớn; không đọc"
