"""The case file index of an agreement: "mục lục văn bản, tài liệu trong hồ sơ"
(Nghị định 30/2020/NĐ-CP, Phụ lục V, mục IV "Mẫu mục lục văn bản, tài liệu trong hồ sơ").

:func:`dossier_rows` is pure (an agreement in, rows out): the texts the agreement
implements and replaces, the decision that issues it, the signed text itself and the
texts signed with it, and each record — report sent,
conference held, extension granted, urging sent — in date order, each with its number
and symbol, date, author and summary (tên loại và trích yếu). :func:`build_docx` lays the
rows out as the decree's form: the title, "Số, ký hiệu hồ sơ" and the year(s), then a
table of seven columns (STT; Số, ký hiệu văn bản; Ngày tháng năm văn bản; Tên loại và
trích yếu nội dung văn bản; Tác giả văn bản; Tờ số/Trang số; Ghi chú) on A4 landscape
(the decree allows landscape for a table). The sheet numbers and the case file's own
number are the văn thư's, written on paper: they are left as the form's dotted lines.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from typing import Any

from ppcli.drafts.context import agreement_name
from ppcli.files.declaration import CONFERENCE_KINDS
from ppcli.files.model import Agreement, DocRef, Registry
from ppcli.i18n import day_month
from ppcli.periods import parse_period

COLUMNS = ("STT", "Số, ký hiệu văn bản", "Ngày tháng năm văn bản",
           "Tên loại và trích yếu nội dung văn bản", "Tác giả văn bản", "Tờ số/Trang số",
           "Ghi chú")
# where an entry comes from, in the order entries of one day are listed
SOURCES = ("implements", "replaces", "issued_by", "agreement", "siblings", "report",
           "extension", "reminder", "conference")
REMINDER_KINDS = {"nhac-nho": "nhắc nhở", "phe-binh": "phê bình",
                  "kiem-diem": "kiểm điểm (đôn đốc)"}


@dataclass(frozen=True)
class Entry:
    """One row of the index."""

    date: dt.date | None
    number: str
    author: str
    summary: str  # tên loại và trích yếu nội dung
    note: str
    source: str  # one of SOURCES


def _doc_refs(value: DocRef | tuple[DocRef, ...] | None) -> tuple[DocRef, ...]:
    """``replaces`` is one document today and may become a list (FORMAT-NEW.md)."""
    if value is None:
        return ()
    if isinstance(value, tuple):
        return value
    return (value,)


def _titled(kind: str, title: str) -> str:
    """A document as "<kind> <title>", the kind left out when the title starts with it."""
    if not kind or title.lower().startswith(kind.split()[0].lower()):
        return title or kind
    return f"{kind} {title}" if title else kind


def _names(registry: Registry, orgs: tuple[str, ...] | list[str]) -> str:
    return "; ".join(registry.name(o) for o in orgs)


def _ref(registry: Registry, ref: DocRef, source: str, note: str) -> Entry:
    author = registry.name(ref.issuer) if ref.issuer in registry.orgs else ref.issuer
    return Entry(ref.date, ref.number, author, _titled(ref.kind, ref.title), note, source)


def _report_summary(a: Agreement, item: str, period: str | None) -> str:
    duty = a.duty(item)
    p = parse_period(period) if period else None
    when = p.label().vi if p else ""
    if duty is not None and duty.subject:
        text = duty.subject[:1].lower() + duty.subject[1:]
        return f"Báo cáo {text}" + (f" {when}" if when else "")
    if duty is not None and duty.title:
        return duty.title + (f" ({when})" if when else "")
    return f"Báo cáo {when} thực hiện {agreement_name(a)}".replace("  ", " ")


def dossier_rows(a: Agreement, registry: Registry) -> list[Entry]:
    """Every document of the agreement's case file, in date order (documents whose date
    is not known last); on one day, in the order of :data:`SOURCES`."""
    rows: list[Entry] = []
    if a.implements is not None:
        rows.append(_ref(registry, a.implements, "implements", "Văn bản được triển khai"))
    for ref in _doc_refs(a.replaces):
        rows.append(_ref(registry, ref, "replaces", "Văn bản được thay thế"))
    if a.issued_by is not None:  # "ban hành kèm theo Quyết định số …"
        issued = a.issued_by
        rows.append(Entry(issued.date, issued.number,
                          registry.name(issued.issuer) if issued.issuer else "",
                          f"{issued.kind} ban hành {agreement_name(a)}",
                          "Văn bản ban hành", "issued_by"))
    for ref in a.siblings:
        rows.append(_ref(registry, ref, "siblings", "Văn bản ký kèm"))
    rows.append(Entry(a.signed or a.start, a.number, _names(registry, [p.org for p in a.parties]),
                      agreement_name(a), "Văn bản ký kết" if a.signed or not a.start else
                      "Văn bản ký kết; chưa ghi ngày ký, ghi ngày bắt đầu hiệu lực", "agreement"))
    for r in a.records:
        kind = str(r.kind)
        note = r.note
        if kind == "report":
            duty = a.duty(r.item)
            by = (r.by,) if r.by else (duty.reporters if duty else ())
            rows.append(Entry(r.date, r.number, _names(registry, by),
                              _report_summary(a, r.item, r.period), note, "report"))
        elif kind == "conference":
            conf = a.conference(r.item)
            title = (conf.title or CONFERENCE_KINDS[conf.kind].vi) if conf else r.item
            hosts = conf.hosts if conf else ()
            rows.append(Entry(r.date, r.number, _names(registry, hosts), title,
                              note or "Hội nghị đã tổ chức", "conference"))
        elif kind in ("extension", "reminder"):  # the office's record (issue 18)
            report = _report_summary(a, r.item, r.period)
            report = report[:1].lower() + report[1:]
            by = (r.by,) if r.by else ()
            # the fields of these records (until, reminder_kind, to) come with issue 18's
            # declaration: read where present
            if kind == "extension":
                until = getattr(r, "until", None)
                summary = f"Gia hạn gửi {report}" + (
                    f" đến ngày {day_month(until)}" if isinstance(until, dt.date) else "")
            else:
                how = REMINDER_KINDS.get(str(getattr(r, "reminder_kind", "") or ""), "")
                urged = getattr(r, "to", None)
                summary = f"Đôn đốc gửi {report}" + (f" ({how})" if how else "") + (
                    f"; bên được đôn đốc: {registry.name(urged)}" if urged else "")
            rows.append(Entry(r.date, r.number, _names(registry, by), summary, note, kind))
    order = {s: i for i, s in enumerate(SOURCES)}
    known = sorted((e for e in rows if e.date is not None),
                   key=lambda e: (e.date, order[e.source]))
    unknown = [replace(e, note="; ".join(x for x in (e.note, "chưa ghi ngày văn bản") if x))
               for e in rows if e.date is None]
    return known + unknown


def years(rows: list[Entry]) -> str:
    """"2022" or "2022 - 2026": the years of the documents."""
    ys = sorted({e.date.year for e in rows if e.date is not None})
    if not ys:
        return "…"
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]} - {ys[-1]}"


def cells(index: int, e: Entry) -> list[str]:
    """The seven cells of a row, as the form writes them."""
    return [str(index), e.number, day_month(e.date) if e.date else "",
            e.summary, e.author, "", e.note]


def file_name(agreement: str, extension: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "-", f"HS-muc-luc-{agreement}") + f".{extension}"


WIDTHS_CM = (1.2, 3.4, 2.6, 8.2, 4.8, 2.2, 3.8)  # 26.2 cm: A4 landscape less the margins


def build_docx(a: Agreement, rows: list[Entry], date: dt.date) -> bytes:
    """The index as a .docx: A4 landscape, Times New Roman, the decree's columns."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm

    from ppcli.drafts.docx import _add, _drop_template_leftovers, _fit, _para, _styles
    from ppcli.drafts.render import xml_text

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    _styles(doc)
    _drop_template_leftovers(doc)
    props = doc.core_properties
    props.title = _fit(xml_text(f"Mục lục văn bản, tài liệu: {agreement_name(a)}"))
    props.author = props.last_modified_by = "ppcli"
    props.category = "Mục lục văn bản"
    props.language = "vi-VN"
    props.comments = props.keywords = props.subject = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(date.year, date.month, date.day,
                                                  tzinfo=dt.UTC)

    _para(doc, "MỤC LỤC VĂN BẢN, TÀI LIỆU", 14, bold=True)
    _para(doc, "Số, ký hiệu hồ sơ: …………", 14, bold=True)
    _para(doc, f"Năm {years(rows)}", 14, bold=True)
    _para(doc, f"Hồ sơ: {agreement_name(a)}", 13, italic=True, before=6, after=12)

    table = doc.add_table(rows=2, cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, cm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), WIDTHS_CM, strict=True):
        col.set(qn("w:w"), str(round(cm * 1440 / 2.54)))
    # the heading row repeats on every page
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def fill(row: Any, values: list[str], bold: bool = False, italic: bool = False) -> None:
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(WIDTHS_CM[i])
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if i in (3, 4, 6) and not bold \
                and not italic else WD_ALIGN_PARAGRAPH.CENTER
            if text:
                _add(p, text, 12, bold=bold, italic=italic)

    fill(table.rows[0], list(COLUMNS), bold=True)
    fill(table.rows[1], [f"({i})" for i in range(1, len(COLUMNS) + 1)], italic=True)
    for i, e in enumerate(rows, start=1):
        fill(table.add_row(), cells(i, e))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
