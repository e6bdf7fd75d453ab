"""Data in drafts: Markdown gets no raw HTML from data, yet "Sở LĐ-TB&XH" stays readable;
HTML escapes fully; Word gets no character it cannot hold (issue 15.5 and 15.13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AGREEMENT, REGISTRY, run, write_repo
from docx import Document

from ppcli.drafts.markup import md_escape
from ppcli.drafts.render import xml_text

TITLE = "Chương trình <img src=x onerror=alert(1)> với Sở LĐ-TB&XH &amp; Tỉnh đoàn &#60;"
ORG = "Tỉnh đoàn <b>Cà Mau</b> | x"


def repo_with(tmp_path: Path, title: str, org: str = "Tỉnh đoàn Cà Mau") -> Path:
    agreement = AGREEMENT.replace(
        "title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026",
        f"title: {title}")
    registry = REGISTRY.replace("    name: Tỉnh đoàn Cà Mau", f"    name: '{org}'")
    return write_repo(tmp_path / "kho", {"ct-2022.yaml": agreement}, registry=registry)


def draft(tmp_path: Path, repo: Path, fmt: str) -> Path:
    out = tmp_path / f"du-thao.{fmt}"
    result = run(["render", "ct-2022", "bao-cao-nam", "2023", "--format", fmt, "-o", str(out),
                  "--today", "2023-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    return out


def test_markdown_escapes_data_but_keeps_ampersands_readable(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, f"'{TITLE}'", ORG)
    text = draft(tmp_path, repo, "md").read_text(encoding="utf-8")
    title = ("Chương trình &lt;img src=x onerror=alert(1)&gt; với Sở LĐ-TB&XH &amp;amp; "
             "Tỉnh đoàn &amp;#60;")
    assert f"Thực hiện {title} (số [Cần bổ sung: số, ký hiệu] ngày 15/03/2022), Sở Nội vụ " \
           "tỉnh Cà Mau báo cáo" in text
    # the envelope, laid out by code: a | from data cannot split the table
    assert "| - Như trên;<br>- Tỉnh đoàn &lt;b&gt;Cà Mau&lt;/b&gt; \\| x;<br>- Lưu: VT" in text
    assert "<img" not in text and "<b>" not in text


def test_html_escapes_fully(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, f"'{TITLE}'", ORG)
    text = draft(tmp_path, repo, "html").read_text(encoding="utf-8")
    assert ("Thực hiện Chương trình &lt;img src=x onerror=alert(1)&gt; với Sở LĐ-TB&amp;XH "
            "&amp;amp; Tỉnh đoàn &amp;#60; (số") in text
    assert "<div>- Tỉnh đoàn &lt;b&gt;Cà Mau&lt;/b&gt; | x;</div>" in text


def test_word_gets_the_text_as_written_without_control_characters(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, '"Chương trình \\e[31mđỏ\\e[0m\\vmới\\x07 <b>&amp;"')
    out = draft(tmp_path, repo, "docx")
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    body = next(p for p in paragraphs if p.startswith("Thực hiện"))
    assert body.startswith("Thực hiện Chương trình [31mđỏ[0m mới <b>&amp; (số ")


@pytest.mark.parametrize(("data", "shown"), [
    ("Sở LĐ-TB&XH", "Sở LĐ-TB&XH"),
    ("A & B", "A & B"),
    ("&amp; &lt; &#60; &#x3c; &copy;", "&amp;amp; &amp;lt; &amp;#60; &amp;#x3c; &amp;copy;"),
    ("<script>", "&lt;script&gt;"),
    ("&;&#;&#x;", "&;&#;&#x;"),
], ids=["agency-abbreviation", "lone-ampersand", "entities", "tag", "not-entities"])
def test_md_escape(data: str, shown: str) -> None:
    assert md_escape(data) == shown


def test_xml_text() -> None:
    assert xml_text("a\x00b\x1bc\x0bd\x0ce\tf\ng\rh\ufffei\ud800j") == "abc d e\tf\ng\rhij"
