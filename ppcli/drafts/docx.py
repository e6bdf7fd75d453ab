"""The .docx draft, laid out as the issuer's rules require (Nghị định 30/2020/NĐ-CP for
state bodies; the Đoàn's and the Mặt trận's guidance, see layout.py), with python-docx.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
the header as a borderless two-column table whose grid has the cells' own widths (Word
and LibreOffice lay a fixed table out by its grid: a grid that disagrees with the cells
wraps the Quốc hiệu onto two lines); Quốc hiệu 12 pt bold caps, Tiêu ngữ 13 pt bold;
each rule a hairline paragraph directly under its line, centred and as long as the
decree says; the type name and summary 14 pt bold; body 14 pt justified with a 1 cm
first-line indent and 6 pt spacing; "Nơi nhận:" 12 pt bold italic, its list 11 pt; the
page number a PAGE field centred in the page header from page 2 (a different first
page). Language vi-VN on the styles and every run; the file's properties name the
summary line, the issuing body and the render date. Placeholders for what only a person
can write are highlighted in yellow.
"""

from __future__ import annotations

import datetime as dt
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
LANG = "vi-VN"
BODY_PT = 14
TEXT_CM = 16.5  # 210 mm - 30 mm - 15 mm
HEAD_CM = (7.1, 10.0)  # issuer | Quốc hiệu (10 cm holds it at 13 pt); 3 mm into each margin
FOOT_CM = (7.5, 9.0)  # Nơi nhận | signature
TWIPS_PER_CM = 1440 / 2.54
RULE_PT = 5  # the rule sits this far below the line: just clear of its descenders


def _lang(rpr: Any) -> None:
    """w:lang vi-VN on a run's (or a style's) properties."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANG)
    lang.set(qn("w:bidi"), "ar-SA")


def _font(run: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    _lang(rpr)


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


def _text_cm(text: str, size: float, caps: bool = True) -> float:
    """About how wide a line of Times New Roman is (bold capitals ≈ 0.68 em a letter,
    lower case ≈ 0.5 em): enough to size a rule under it."""
    return len(text) * size * (0.68 if caps else 0.5) / 72 * 2.54


def _rule(container: Any, width_cm: float, room_cm: float) -> None:
    """A solid rule ``width_cm`` long, centred, directly under the line above: a
    paragraph one point high whose bottom border is the rule, indented so that the
    border is as long as the rule."""
    side = max((room_cm - width_cm) / 2, 0)
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(side)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(RULE_PT)  # exact: the paragraph is no higher than the gap
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    # a paragraph mark still has a font size: keep it tiny, or the line grows
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "2")
    rpr.append(sz)
    ppr.append(rpr)


def _page_number(section: Any) -> None:
    """The page number, centred at the top of every page but the first: a PAGE field as
    runs (begin, instruction, separate, a shown value, end), which every reader updates."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty first-page header
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run_with(child: Any) -> None:
        run = p.add_run()
        _font(run, 13)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = p.add_run("2")
    _font(shown, 13)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _name_lines(paragraph: Any, name: str, size: float, room_cm: float,
                bold: bool = False) -> None:
    """A body's name in capitals, broken before its place ("ỦY BAN NHÂN DÂN / TỈNH BẮC
    NINH") when it would not fit one line, rather than wherever the line happens to end."""
    cut = max(name.rfind(" TỈNH "), name.rfind(" THÀNH PHỐ "))
    if _text_cm(name, size) <= room_cm or cut <= 0:
        _add(paragraph, name, size, bold)
        return
    _add(paragraph, name[:cut], size, bold)
    paragraph.runs[-1].add_break()
    _add(paragraph, name[cut + 1:], size, bold)


def _table(doc: Any, widths_cm: tuple[float, ...]) -> Any:
    """A borderless table of fixed layout whose grid columns have the cells' widths."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:w"), str(round(sum(widths_cm) * TWIPS_PER_CM)))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for col, cm in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(round(cm * TWIPS_PER_CM)))
    for cell, cm in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(cm)
    return table


def _styles(doc: Any) -> None:
    """Times New Roman 14 pt and Vietnamese as the document's defaults."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _lang(normal.element.get_or_add_rPr())
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for rpr in defaults.iter(qn("w:rPr")):
            _lang(rpr)
    for lang in styles.iter(qn("w:lang")):  # no style of the template keeps en-US
        for attr in ("w:val", "w:eastAsia"):
            if lang.get(qn(attr)) is not None:
                lang.set(qn(attr), LANG)


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _drop_template_leftovers(doc: Any) -> None:
    """python-docx's own template brings a Word 2010 copy of the styles (in en-US) and a
    thumbnail of another document: neither belongs in a draft. Word's theme fonts follow
    the document's language."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in (STYLES_WITH_EFFECTS, THUMBNAIL):
                del rels[rid]
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        for attr in ("w:val", "w:eastAsia"):
            theme_lang.set(qn(attr), LANG)


def _fit(text: str, limit: int = 255) -> str:
    """A property's text within the package's limit, cut at a word with "…"."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _properties(doc: Any, env: Envelope, date: dt.date) -> None:
    props = doc.core_properties
    props.title = _fit(xml_text(env.summary))
    props.subject = _fit(xml_text(env.summary))
    props.author = _fit(xml_text(env.author or env.issuer))
    props.last_modified_by = _fit(xml_text(env.author or env.issuer))
    props.comments = ""
    props.keywords = ""
    props.category = env.type_name.capitalize() if env.type_name else "Công văn"
    props.language = LANG
    props.revision = 1
    when = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    props.created = props.modified = when


def build_docx(env: Envelope, blocks: list[Block], date: dt.date) -> bytes:
    """The draft as the bytes of a .docx; ``date`` (the render date) is its creation date."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_number(section)
    _styles(doc)
    _drop_template_leftovers(doc)
    _properties(doc, env, date)

    head = _table(doc, HEAD_CM)
    left, right = head.rows[0].cells
    room = (HEAD_CM[0] - 0.38, HEAD_CM[1] - 0.38)  # less the cells' own margins
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if env.parent_body:
        _name_lines(left.paragraphs[0], env.parent_body, 12, room[0])
        _name_lines(_para(left), env.issuer, 13, room[0], bold=True)
    else:
        _name_lines(left.paragraphs[0], env.issuer, 13, room[0], bold=True)
    if env.issuer_mark != "rule":  # the Đoàn's "***", the Hội Nông dân's "*"
        _para(left, env.issuer_mark, 13)
    else:  # 1/3 to 1/2 of the name's line
        _rule(left, min(max(_text_cm(env.issuer, 13) / 2.5, 1.5), room[0] / 2), room[0])
    _para(left, env.number, 13, before=6)
    if not env.type_name:  # a công văn: "V/v …" under the number, 12 pt upright
        _para(left, env.summary, 12, before=3)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(env.motto):
        target = right.paragraphs[0] if i == 0 else _para(right)
        quoc_hieu = i == 0 and len(env.motto) > 1
        _add(target, line, 12 if quoc_hieu else 13, bold=True)
    if len(env.motto) > 1:  # as long as the Tiêu ngữ
        _rule(right, _text_cm(env.motto[-1], 13, caps=False), room[1])
    _para(right, env.place_date, 13, italic=True, before=6)

    if env.type_name:
        _para(doc, env.type_name, BODY_PT, bold=True, before=18)
        _para(doc, env.summary, BODY_PT, bold=True)
        _rule(doc, min(max(_text_cm(env.summary, BODY_PT, caps=False) / 3, 3.0), 6.0),
              TEXT_CM)

    if env.to:
        if len(env.to) == 1:
            _para(doc, f"Kính gửi: {env.to[0]}.", BODY_PT, before=12, after=6)
        else:
            _para(doc, "Kính gửi:", BODY_PT, before=12)
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

    _para(doc, "", BODY_PT)
    foot = _table(doc, FOOT_CM)
    # Nơi nhận and the signature stay together on one page
    foot.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = foot.rows[0].cells
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
