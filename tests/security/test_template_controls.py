"""Control and bidi characters from data never reach a draft: an organisation name
holding ESC, an OSC 52 clipboard write, a carriage return, U+202E, an isolate and the C1
controls 0x85 and 0x9b comes out without them in .md, .html and .docx (security review
of issue 15, item 6)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import AGREEMENT, REGISTRY, run, write_repo
from docx import Document

# YAML escapes: \e ESC, \a BEL, \r, \u202e RLO, \u2066 LRI, \u2069 PDI, \x85 NEL, \x9b CSI
NAME = '"Tỉnh đoàn\\e]52;c;QUJD\\a\\e[2J Cà\\rMau\\u202euaM\\u2066x\\u2069\\x85\\x9b1m\\ty"'
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def nasty_repo(tmp_path: Path) -> Path:
    registry = REGISTRY.replace("    name: Tỉnh đoàn Cà Mau", f"    name: {NAME}")
    # a title that does not name the parties, so that the opening names them
    agreement = AGREEMENT.replace("phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn", "phối hợp "
                                  "giai đoạn")
    return write_repo(tmp_path / "kho", {"ct-2022.yaml": agreement}, registry=registry)


def draft(repo: Path, fmt: str) -> str:
    result = run(["render", "ct-2022", "bao-cao-nam", "2023", "--format", fmt, "-o", "-",
                  "--today", "2023-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_drops_controls_and_makes_a_carriage_return_a_space(tmp_path: Path) -> None:
    text = draft(nasty_repo(tmp_path), "md")
    assert FORBIDDEN.search(text) is None
    assert "giữa Sở Nội vụ tỉnh Cà Mau và Tỉnh đoàn]52;c;QUJD[2J Cà MauuaMx1m\ty, Sở Nội" \
        in text
    assert "<br>- Tỉnh đoàn]52;c;QUJD[2J Cà MauuaMx1m\ty;<br>- Lưu: VT" in text


def test_html_drops_controls(tmp_path: Path) -> None:
    text = draft(nasty_repo(tmp_path), "html")
    assert FORBIDDEN.search(text) is None
    assert "giữa Sở Nội vụ tỉnh Cà Mau và Tỉnh đoàn]52;c;QUJD[2J CàMauuaMx1m\ty, Sở Nội" \
        in text
    assert "<div>- Tỉnh đoàn]52;c;QUJD[2J CàMauuaMx1m\ty;</div>" in text


def test_word_drops_bidi_overrides_and_c1_controls(tmp_path: Path) -> None:
    repo = nasty_repo(tmp_path)
    out = tmp_path / "du-thao.docx"
    result = run(["render", "ct-2022", "bao-cao-nam", "2023", "--format", "docx", "-o",
                  str(out), "--today", "2023-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    document = Document(str(out))
    paragraphs = [p.text for p in document.paragraphs] + [
        p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    assert not [p for p in paragraphs if FORBIDDEN.search(p)]
    # the body's line markup made the \r and NEL line breaks, joined by a space; in the
    # envelope python-docx makes the \r a line break (<w:br/>)
    assert "giữa Sở Nội vụ tỉnh Cà Mau và Tỉnh đoàn]52;c;QUJD[2J Cà MauuaMx 1m\ty, Sở Nội" \
        in next(p for p in paragraphs if p.startswith("Thực hiện"))
    assert "- Tỉnh đoàn]52;c;QUJD[2J Cà\nMauuaMx1m\ty;" in paragraphs
