"""Recording that a report was sent or a conference held, without hand-editing YAML.

The new entry is inserted as text at the end of the agreement's ``records`` list: every
other byte of the file (comments, key order, quoting, line endings, a byte-order mark)
stays as it was. The result is checked with the whole repository before anything is
written, and written atomically.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from dataclasses import dataclass

import yaml

from ppcli.checks import validate
from ppcli.diagnostics import Diagnostic, Severity
from ppcli.fileio import atomic_write
from ppcli.i18n import Label, day_month
from ppcli.model import Agreement
from ppcli.periods import FREQUENCY_LABELS, Frequency, parse_period
from ppcli.repository import Loaded, Repo, load, load_agreement


class RecordError(Exception):
    """The record cannot be written; the message says why and what to do."""

    def __init__(self, message: Label, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message.en)
        self.label = message
        self.diagnostics = diagnostics or []


@dataclass(frozen=True)
class Written:
    file: str
    first_line: int  # 1-based line of the first written line
    lines: tuple[str, ...]


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def report_entry(duty: str, period: str | None, on: dt.date, number: str | None,
                 by: str | None) -> list[str]:
    lines = [f"report: {duty}"]
    if period is not None:
        lines.append(f"period: {_scalar(period)}")
    lines.append(f"date: {on.isoformat()}")
    if number:
        lines.append(f"number: {_scalar(number)}")
    if by:
        lines.append(f"by: {by}")
    return lines


def conference_entry(conference: str, on: dt.date) -> list[str]:
    return [f"conference: {conference}", f"date: {on.isoformat()}"]


def _line_end(text: str, index: int) -> int:
    """Index just past the end of the line holding ``index``."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _last_index(node: yaml.Node) -> int:
    """Where the text of a node ends (the end of its last scalar)."""
    if isinstance(node, yaml.ScalarNode):
        return int(node.end_mark.index)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    if not children:
        return int(node.end_mark.index)
    return max(_last_index(child) for child in children)


def insert_entry(text: str, entry: list[str]) -> tuple[str, int]:
    """``text`` with ``entry`` appended to its top-level ``records`` list, and the
    0-based line where the entry starts. ``text`` has ``\\n`` line ends."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)  # the file validated
    records = next(((k, v) for k, v in root.value
                    if isinstance(k, yaml.ScalarNode) and k.value == "records"), None)
    if records is None:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "records:\n" + _block(entry, "  "), body.count("\n") + 1
    key, value = records
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        dash = " " * value.start_mark.column
        at = _line_end(text, _last_index(value.value[-1]))
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        return head + _block(entry, dash) + text[at:], head.count("\n")
    if isinstance(value, yaml.SequenceNode) and value.value:
        raise RecordError(Label(
            "danh sách records đang viết trên một dòng ([...]); hãy chuyển sang dạng mỗi mục "
            "một dòng \"- \" rồi chạy lại",
            "the records list is written inline ([...]); rewrite it as one \"- \" item per "
            "line and run again"))
    # "records: []" or "records:" with nothing: the entry goes under the key's line
    dash = " " * (key.start_mark.column + 2)
    if isinstance(value, yaml.SequenceNode):  # drop the empty "[]", keep any comment
        colon = text.index(":", key.end_mark.index)
        text = text[:colon + 1] + text[value.end_mark.index:]
    at = _line_end(text, key.start_mark.index)
    body = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
    return body + _block(entry, dash) + text[at:], body.count("\n")


def _block(entry: list[str], dash: str) -> str:
    lines = [f"{dash}- {entry[0]}", *(f"{dash}  {line}" for line in entry[1:])]
    return "\n".join(lines) + "\n"


def _find(loaded: Loaded, agreement_id: str) -> Agreement:
    found = next((a for a in loaded.agreements if a.id == agreement_id), None)
    if found is None:
        if agreement_id in loaded.broken_ids:
            raise RecordError(Label(
                f"tệp của thỏa thuận \"{agreement_id}\" đang có lỗi; hãy sửa trước (ppcli validate)",
                f"the file of agreement \"{agreement_id}\" has errors; fix them first "
                "(ppcli validate)"))
        raise RecordError(Label(f"không có thỏa thuận \"{agreement_id}\"",
                                f"no agreement \"{agreement_id}\""))
    return found


def _check_report(a: Agreement, duty_id: str, period: str | None, by: str | None) -> None:
    duty = a.duty(duty_id)
    if duty is None:
        known = ", ".join(d.id for d in a.duties) or "—"
        raise RecordError(Label(
            f"thỏa thuận \"{a.id}\" không có nghĩa vụ báo cáo \"{duty_id}\" (có: {known})",
            f"agreement \"{a.id}\" has no reporting duty \"{duty_id}\" (it has: {known})"))
    if duty.frequency is not Frequency.ONCE:
        parsed = parse_period(period or "")
        if parsed is None or parsed.frequency is not duty.frequency:
            freq = FREQUENCY_LABELS[duty.frequency.value]
            raise RecordError(Label(
                f"kỳ \"{period}\" không hợp với nghĩa vụ \"{duty_id}\" ({freq.vi}); ví dụ kỳ "
                "hợp lệ: 2024, 2024-H1, 2024-Q3, 2024-05 theo định kỳ",
                f"period \"{period}\" does not fit the duty \"{duty_id}\" ({freq.en})"))
    if by is not None and by not in duty.reporters:
        raise RecordError(Label(
            f"\"{by}\" không phải bên báo cáo của nghĩa vụ \"{duty_id}\" "
            f"({', '.join(duty.reporters)})",
            f"\"{by}\" is not a reporter of the duty \"{duty_id}\" ({', '.join(duty.reporters)})"))


def _errors_in(diags: list[Diagnostic], file: str) -> list[Diagnostic]:
    return [d for d in diags if d.path == file and d.severity is Severity.ERROR]


def record(repo: Repo, agreement_id: str, entry: list[str], today: dt.date,
           report: tuple[str, str | None, str | None] | None = None,
           conference: str | None = None) -> Written:
    """Append ``entry`` to the agreement's records after checking it; write atomically."""
    loaded = load(repo)
    a = _find(loaded, agreement_id)
    before = _errors_in(validate(loaded, today), a.where.file)
    if before:
        raise RecordError(Label(
            f"tệp {a.where.file} đang có lỗi; hãy sửa trước khi ghi nhận (ppcli validate)",
            f"{a.where.file} has errors; fix them before recording (ppcli validate)"), before)
    if report is not None:
        _check_report(a, *report)
        duty_id, period, by = report
        same = [r for r in a.records if r.kind == "report" and r.item == duty_id
                and r.period == period and (r.by is None or by is None or r.by == by)]
    else:
        same = [r for r in a.records if r.kind == "conference" and r.item == conference]
    if same:
        line, _ = a.where.at("records", same[0].index)
        raise RecordError(Label(
            f"đã có bản ghi này ở {a.where.file}, dòng {line} (ngày {day_month(same[0].date)}); "
            "không ghi trùng",
            f"already recorded in {a.where.file}, line {line} ({same[0].date}); not "
            "recorded twice"))
    if conference is not None and a.conference(conference) is None:
        known = ", ".join(c.id for c in a.conferences) or "—"
        raise RecordError(Label(
            f"thỏa thuận \"{a.id}\" không có hội nghị \"{conference}\" (có: {known})",
            f"agreement \"{a.id}\" has no conference \"{conference}\" (it has: {known})"))

    path = repo.root / a.where.file
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8):].decode("utf-8") if bom else raw.decode("utf-8")
    crlf = "\r\n" in text
    new_text, first = insert_entry(text.replace("\r\n", "\n"), entry)
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    data = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")

    # check the result as the repository would see it, before writing anything
    tmp = path.with_name(f".{path.name}.check")
    try:
        tmp.write_bytes(data)
        agreement, ctx, _ = load_agreement(tmp, a.where.file)
    finally:
        tmp.unlink(missing_ok=True)
    if agreement is None or _errors_in(ctx.diags, a.where.file):
        raise RecordError(Label("bản ghi mới làm tệp không hợp lệ; không ghi gì",
                                "the new record would make the file invalid; nothing written"),
                          _errors_in(ctx.diags, a.where.file))
    loaded.agreements = [agreement if x.id == a.id else x for x in loaded.agreements]
    loaded.diags = [d for d in loaded.diags if d.path != a.where.file] + ctx.diags
    after = _errors_in(validate(loaded, today), a.where.file)
    if after:
        raise RecordError(Label("không ghi được bản ghi này", "cannot record this"), after)
    atomic_write(path, data)
    lines = tuple(new_text.replace("\r\n", "\n").split("\n")[first:first + len(entry)])
    return Written(a.where.file, first + 1, lines)


def describe(written: Written, kind: str, item: str, period: str | None, on: dt.date) -> Label:
    what = (Label(f"gửi báo cáo {item}" + (f" kỳ {period}" if period else "")
                  + f" ngày {day_month(on)}",
                  f"report {item}" + (f" for {period}" if period else "") + f" sent {on}")
            if kind == "report" else
            Label(f"tổ chức hội nghị {item} ngày {day_month(on)}",
                  f"conference {item} held on {on}"))
    return Label(f"Đã ghi nhận: {what.vi} — {written.file}, dòng {written.first_line}:",
                 f"Recorded: {what.en} — {written.file}, line {written.first_line}:")

