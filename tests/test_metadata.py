"""The metadata beside each draft (render and chase): the sidecar's fields are the
draft's own, under Nghị định 30/2020 Phụ lục VI's names; ``--edxml`` writes the same as
an EDXML header whose element names, nesting and order are those docs/render.md says
were checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run
from lxml import etree
from office_repo import AGREEMENT, office_repo

from ppcli.drafts.metadata import EDXML_NS, EDXML_ORDER

N = f"{{{EDXML_NS}}}"


def _draft_fields(md: str) -> dict[str, object]:
    """What a reader finds in a Markdown draft, read back from its text."""
    lines = md.splitlines()
    head = lines[2]  # | Số: …/BC-SNV[<br>V/v …] | *Cà Mau, ngày 03 tháng 6 năm 2024* |
    left, right = [c.strip() for c in head.strip("|").split(" | ")]
    number, _, vv = left.partition("<br>")
    place, _, when = right.strip("*").partition(", ")
    kinh_gui = [x for x in lines if x.startswith("Kính gửi: ")]
    foot = lines[-1]  # | - Như trên;<br>- Lưu: VT, VP. | <br><br><br>**Nguyễn Văn An** |
    copies, signer = [c.strip() for c in foot.strip("|").split(" | ")]
    titles = [t.strip("*") for t in lines[-3].split(" | ")[1].strip(" |").split("<br>")]
    subject = vv or next(x.strip("*") for x in lines[6:10] if x.startswith("**"))
    return {
        # "Số: …/BC-SNV" -> "BC-SNV"; the Đoàn's "Số: …-BC/TĐTN" -> "BC/TĐTN"
        "notation": re.sub(r"^Số: …[-/]", "", number), "place": place, "when": when, "subject": subject,
        "to": [x.removeprefix("Kính gửi: ").rstrip(".") for x in kinh_gui],
        "signer": signer.replace("<br>", "").strip("*"), "titles": titles,
        "copies": [c.lstrip("- ").rstrip(";.") for c in copies.split("<br>")],
    }


def _check(meta: dict[str, object], md: str) -> None:
    seen = _draft_fields(md)
    assert meta["CodeNumber"] is None  # "Số: …": the văn thư numbers it at registration
    assert meta["CodeNotation"] == seen["notation"]
    assert meta["place"] == seen["place"]
    assert meta["Subject"] == seen["subject"]
    assert [t["OrganName"] for t in meta["To"]] == seen["to"]  # type: ignore[union-attr]
    signer = meta["SignerInfo"]
    assert isinstance(signer, dict)
    assert signer["FullName"] == seen["signer"]
    assert [signer["Competence"], signer["Position"]] == seen["titles"]
    assert meta["copies"] == seen["copies"]
    day = meta["IssuedDate"]
    assert isinstance(day, str)
    y, m, d = day.split("-")
    assert seen["when"] == f"ngày {d} tháng {int(m) if int(m) > 2 else m} năm {y}"


def test_render_sidecar_equals_the_draft(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    out = tmp_path / "bc.md"
    result = run(["render", "ct-2023", "thong-tin-nam", "2023", "--today", "2024-02-03",
                  "--format", "md", "-o", str(out)], repo)
    assert result.exit_code == 0, result.stderr
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    md = out.read_text(encoding="utf-8")
    _check(meta, md)
    assert meta["draft"] == "bc.md"
    assert (meta["TypeName"], meta["CodeNotation"], meta["IssuedDate"], meta["OrganName"]) == (
        "Báo cáo", "BC-SNV", "2024-02-03", "Sở Nội vụ tỉnh Cà Mau")
    assert "**SỞ NỘI VỤ TỈNH CÀ MAU**" in md
    assert meta["Subject"] == ("Kết quả thực hiện Chương trình phối hợp giữa Sở Nội vụ và Tỉnh "
                               "đoàn giai đoạn 2023 - 2027 năm 2023")
    assert meta["To"] == [{"OrganId": None, "OrganName": "Ban Chấp hành Đoàn TNCS Hồ Chí Minh "
                           "tỉnh Cà Mau"}]
    assert meta["SignerInfo"] == {"Competence": "KT. GIÁM ĐỐC", "Position": "PHÓ GIÁM ĐỐC",
                                  "FullName": "Nguyễn Văn An"}
    assert meta["DueDate"] is None and meta["organ_code"] == "SNV"
    assert meta["missing"] == ["Số của văn bản", "Mã định danh của cơ quan, tổ chức ban hành "
                               "văn bản"]
    assert meta["too_long"] == []
    assert not out.with_suffix(".edxml").exists()  # only with --edxml


def test_fields_longer_than_the_decree_allows_are_listed(tmp_path: Path) -> None:
    long_title = "Chương trình phối hợp " + "rất dài " * 70
    repo = office_repo(tmp_path / "kho", AGREEMENT.replace(
        "title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2023 - 2027",
        f"title: {long_title.strip()}"))
    out = tmp_path / "bc.md"
    assert run(["render", "ct-2023", "thong-tin-nam", "2023", "--today", "2024-02-03",
                "--format", "md", "-o", str(out)], repo).exit_code == 0
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["too_long"] == [f"Subject: {len(meta['Subject'])} > 500"]
    assert len(meta["Subject"]) == len("Kết quả thực hiện " + long_title.strip() + " năm 2023")


def test_chase_sidecar_equals_the_letter(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    out = tmp_path / "cv.md"
    result = run(["chase", "ct-2023", "--today", "2024-06-03", "--format", "md", "-o", str(out),
                  "--edxml"], repo)
    assert result.exit_code == 0, result.stderr
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    md = out.read_text(encoding="utf-8")
    _check(meta, md)
    assert (meta["TypeName"], meta["CodeNotation"], meta["DueDate"]) == (
        "Công văn", "SNV-VP", "2024-06-17")
    assert "trước ngày 17/06/2024." in md  # the reply date the letter asks for
    assert meta["Subject"].startswith("V/v đôn đốc thực hiện chế độ báo cáo")
    _check_edxml(out.with_suffix(".edxml"), meta)


def _check_edxml(path: Path, meta: dict[str, object]) -> None:
    root = etree.fromstring(path.read_bytes())
    assert root.tag == f"{N}edXMLEnvelope"
    header = root.find(f"{N}edXMLHeader/{N}MessageHeader")
    assert header is not None
    tags = [etree.QName(c).localname for c in header]
    assert [t for t in dict.fromkeys(tags)] == list(EDXML_ORDER)
    assert header.findtext(f"{N}From/{N}OrganName") == meta["OrganName"]
    assert [t.findtext(f"{N}OrganName") for t in header.findall(f"{N}To")] == \
        [t["OrganName"] for t in meta["To"]]  # type: ignore[attr-defined]
    assert header.findtext(f"{N}Code/{N}CodeNotation") == meta["CodeNotation"]
    assert header.findtext(f"{N}Code/{N}CodeNumber") == ""
    assert header.findtext(f"{N}PromulgationInfo/{N}Place") == meta["place"]
    assert header.findtext(f"{N}PromulgationInfo/{N}PromulgationDate") == \
        str(meta["IssuedDate"]).replace("-", "/")
    assert header.findtext(f"{N}DocumentType/{N}TypeName") == meta["TypeName"]
    assert header.findtext(f"{N}Subject") == meta["Subject"]
    signer = meta["SignerInfo"]
    assert isinstance(signer, dict)
    assert [header.findtext(f"{N}SignerInfo/{N}{k}") for k in
            ("Competence", "Position", "FullName")] == \
        [signer["Competence"], signer["Position"], signer["FullName"]]
    due = meta["DueDate"]
    assert header.findtext(f"{N}DueDate") == (str(due).replace("-", "/") if due else "")
    assert [p.text for p in header.findall(f"{N}ToPlaces/{N}Place")] == meta["copies"]
    assert re.match(rb'<\?xml version="1.0" encoding="UTF-8"\?>\n', path.read_bytes())


def test_docx_and_md_carry_the_same_metadata(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    metas = []
    for fmt in ("md", "docx"):
        out = tmp_path / f"bc.{fmt}"
        args = ["render", "ct-2023", "thong-tin-nam", "2023", "--today", "2024-02-03",
                "--format", fmt, "-o", str(out), "--edxml"]
        assert run(args, repo).exit_code == 0
        metas.append(json.loads(out.with_suffix(".json").read_text(encoding="utf-8")))
        _check_edxml(out.with_suffix(".edxml"), metas[-1])
        out.with_suffix(".json").unlink()
        out.with_suffix(".edxml").unlink()
    assert metas[0].pop("draft") == "bc.md" and metas[1].pop("draft") == "bc.docx"
    assert metas[0] == metas[1]


def test_placeholders_are_null_and_listed(tmp_path: Path) -> None:
    """The bundled Bắc Ninh letter: no drafting unit, no signer yet."""
    out = tmp_path / "cv.md"
    result = run(["chase", "bn-ubnd-cac-co-quan-2021-2026", "--to", "ubmttq-bac-ninh",
                  "--today", "2026-11-22", "--format", "md", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["CodeNotation"] is None and meta["SignerInfo"] == {
        "Competence": None, "Position": None, "FullName": None}
    assert meta["missing"] == [
        "Số của văn bản", "Ký hiệu của văn bản",
        "Mã định danh của cơ quan, tổ chức ban hành văn bản",
        "Chức vụ, họ tên người ký (Position)", "Chức vụ, họ tên người ký (FullName)"]
    assert meta["OrganName"] == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert meta["DueDate"] == "2026-12-07"


def test_a_sidecar_name_taken_stops_before_writing(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kho")
    taken = tmp_path / "bc.json"
    taken.write_text("của người khác", encoding="utf-8")
    out = tmp_path / "bc.md"
    result = run(["render", "ct-2023", "thong-tin-nam", "2023", "--today", "2024-02-03",
                  "--format", "md", "-o", str(out)], repo)
    assert result.exit_code == 2
    assert result.stderr == (f"ppcli: {taken} đã có (tệp thông tin đi kèm dự thảo); dùng "
                             "--force để ghi đè, hoặc chọn tên khác bằng -o\n")
    assert not out.exists() and taken.read_text(encoding="utf-8") == "của người khác"


def test_a_planted_link_at_the_default_sidecar_name_is_refused(tmp_path: Path) -> None:
    """A clone may carry bao-cao/<draft>.json as a link to a file of the clerk's: nothing is
    written, through it or beside it."""
    repo = office_repo(tmp_path / "kho")
    victim = tmp_path / "cua-toi.txt"
    victim.write_text("giữ nguyên", encoding="utf-8")
    (repo / "bao-cao").mkdir()
    link = repo / "bao-cao" / "BC-ct-2023-thong-tin-nam-2023.json"
    link.symlink_to(victim)
    result = run(["render", "ct-2023", "thong-tin-nam", "2023", "--today", "2024-02-03",
                  "--force"], repo)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"ppcli: {link} là liên kết (symlink hoặc junction)")
    assert victim.read_text(encoding="utf-8") == "giữ nguyên"
    assert not (repo / "bao-cao" / "BC-ct-2023-thong-tin-nam-2023.docx").exists()


def test_the_bundled_golden_reports_sidecars(tmp_path: Path) -> None:
    """The golden report drafts of test_render: each sidecar read back from its draft."""
    from test_render import CASES

    for name, (args, today) in sorted(CASES.items()):
        out = tmp_path / f"{name}.md"
        result = run(["render", *args, "--format", "md", "-o", str(out), "--today", today])
        assert result.exit_code == 0, result.stderr
        meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
        seen = _draft_fields(out.read_text(encoding="utf-8"))  # test_render pins the text
        assert meta["CodeNotation"] == seen["notation"], name
        assert meta["Subject"] == seen["subject"], name
        assert meta["place"] == seen["place"], name
        assert [t["OrganName"] for t in meta["To"]] == seen["to"], name
