"""The .docx draft, laid out as Nghị định 30/2020/NĐ-CP requires, with python-docx.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
the header as a borderless two-column table (Mẫu 1.4, Phụ lục III); Quốc hiệu 12 pt bold
caps, Tiêu ngữ 13 pt bold with a rule beneath; the type name and summary 14 pt bold;
body 14 pt justified with a 1 cm first-line indent and 6 pt spacing; "Nơi nhận:" 12 pt
bold italic, its list 11 pt; page numbers centred at the top from page 2 (page 1 shows
none). Placeholders for what only a person can write are highlighted in yellow.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ppcli.drafts.context import PLACEHOLDER_RE, Block, Envelope
from ppcli.drafts.render import xml_text

FONT = "Times New Roman"
BODY_PT = 14


def _font(run: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _add(paragraph: Any, text: str, size: float, bold: bool = False, italic: bool = False
         ) -> None:
    """Text in runs, placeholders highlighted; characters Word cannot hold dropped."""
    text = xml_text(text)
    last = 0
    for m in PLACEHOLDER_RE.finditer(text):
        if m.start() > last:
            _font(paragraph.add_run(text[last:m.start()]), size, bold, italic)
        run = paragraph.add_run(m.group(0))
        _font(run, size, bold, italic)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        last = m.end()
    if last < len(text):
        _font(paragraph.add_run(text[last:]), size, bold, italic)


def _para(container: Any, text: str = "", size: float = BODY_PT, bold: bool = False,
          italic: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER,
          indent: bool = False, before: float = 0, after: float = 0) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0 if not indent else 1.15
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        _add(p, text, size, bold, italic)
    return p


def _rule(cell: Any, width_cm: float) -> None:
    """A short solid rule centred under the line above (a paragraph's bottom border
    between indents as wide as the rule)."""
    cell_cm = cell.width.cm if cell.width else 8.0
    side = max((cell_cm - width_cm) / 2, 0)
    p = _para(cell, size=4)
    p.paragraph_format.left_indent = Cm(side)
    p.paragraph_format.right_indent = Cm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)


def _page_number(header: Any) -> None:
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 13)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run._r.append(field)


def _borderless(table: Any) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False


def build_docx(env: Envelope, blocks: list[Block]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True  # no number on page 1
    _page_number(section.header)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)

    head = doc.add_table(rows=1, cols=2)
    _borderless(head)
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10.0)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if env.parent_body:
        _add(left.paragraphs[0], env.parent_body, 13)
        _para(left, env.issuer, 13, bold=True)
    else:
        _add(left.paragraphs[0], env.issuer, 13, bold=True)
    _rule(left, 2.5)
    _para(left, env.number, 13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    _rule(right, 6.0)
    _para(right, env.place_date, 13, italic=True)

    _para(doc, env.type_name, BODY_PT, bold=True, before=18)
    _para(doc, env.summary, BODY_PT, bold=True)
    body_rule = doc.add_table(rows=1, cols=1)
    _borderless(body_rule)
    body_rule.rows[0].cells[0].width = Cm(16.5)
    _rule(body_rule.rows[0].cells[0], 4.0)

    if env.to:
        if len(env.to) == 1:
            _para(doc, f"Kính gửi: {env.to[0]}.", BODY_PT, before=6, after=6)
        else:
            _para(doc, "Kính gửi:", BODY_PT, before=6)
            for i, t in enumerate(env.to):
                p = _para(doc, f"- {t}{';' if i < len(env.to) - 1 else '.'}", BODY_PT,
                          align=WD_ALIGN_PARAGRAPH.LEFT)
                p.paragraph_format.left_indent = Cm(5)

    for i, block in enumerate(blocks):
        end = "./." if i == len(blocks) - 1 else ""
        if block.kind in ("h1", "h2"):
            _para(doc, block.text, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                  indent=True, before=6)
        elif block.kind == "li":
            _para(doc, f"- {block.text}{end}", BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                  indent=True, before=6)
        else:
            _para(doc, f"{block.text}{end}", BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                  indent=True, before=6)

    foot = doc.add_table(rows=1, cols=2)
    _borderless(foot)
    left, right = foot.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9.0)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _add(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for i, copy in enumerate(env.copies):
        _para(left, f"- {copy}{'.' if i == len(env.copies) - 1 else ';'}", 11,
              align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add(right.paragraphs[0], env.signer_title[0], BODY_PT, bold=True)
    for line in env.signer_title[1:]:
        _para(right, line, BODY_PT, bold=True)
    for _ in range(4):
        _para(right, "", BODY_PT)
    _para(right, env.signer_name, BODY_PT, bold=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
