"""Recording that a report was sent or a conference held, without hand-editing YAML.

The new entry is inserted as text at the end of the agreement's ``records`` list: every
other byte of the file (comments, key order, quoting, line endings, a byte-order mark)
stays as it was. The whole read–check–write runs under the repository's lock
(``agreements/.ppcli.lock``); the new bytes are checked in memory with the whole
repository, the file is read again just before it is replaced (an edit made meanwhile
outside ppcli is never overwritten), and the write is atomic. No other file is written.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ppcli.diagnostics import Diagnostic, Severity
from ppcli.errors import PpcliError
from ppcli.files.checks import validate
from ppcli.files.fileio import (
    LOCK_NAME,
    FileProblem,
    atomic_write,
    exclusive_lock,
    os_problem,
    read_regular,
)
from ppcli.files.model import Agreement, Duty
from ppcli.files.repository import Loaded, Repo, load, load_agreement
from ppcli.files.safe_read import MAX_BYTES
from ppcli.files.spec import did_you_mean
from ppcli.files.yamlsource import compose, parse_events, scalar_value
from ppcli.i18n import Label, day_month
from ppcli.periods import FREQUENCY_LABELS, Frequency, parse_period


class RecordError(PpcliError):
    """The record cannot be written; the message says why and what to do. ``status``:
    2 the request is refused (with the reason and any override), 1 the file already has
    errors, 3 the environment (lock, a file changed meanwhile, an unsafe path)."""

    def __init__(self, message: Label, diagnostics: list[Diagnostic] | None = None,
                 status: int = 2) -> None:
        super().__init__(message, status, diagnostics or [])


@dataclass(frozen=True)
class Written:
    file: str
    first_line: int  # 1-based line of the first written line
    lines: tuple[str, ...]
    warnings: tuple[Label, ...] = field(default=())


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _readable(option: str, value: str, option_en: str | None = None) -> None:
    """Text typed on the command line: valid Unicode (an undecodable byte arrives as a
    lone surrogate) and, for a one-line field, no control or bidi-override characters."""
    bad = next((c for c in value if "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise RecordError(Label(
            f"{option}: có byte không phải UTF-8; hãy gõ lại (đặt bảng mã của cửa sổ lệnh là "
            "UTF-8)",
            f"{option_en or option}: holds bytes that are not UTF-8; type it again (set the "
            "terminal to UTF-8)"))
    found = _CONTROL.search(value)
    if found is not None:
        code = f"U+{ord(found.group()):04X}"
        raise RecordError(Label(
            f"{option}: có ký tự điều khiển ({code}); hãy gõ lại trên một dòng, không có ký tự "
            "đặc biệt",
            f"{option_en or option}: holds a control character ({code}); type it again on one "
            "line, without special characters"))


def report_entry(duty: str, period: str | None, on: dt.date, number: str | None,
                 by: str | None) -> list[str]:
    if number:
        _readable("--number", number)
    lines = [f"report: {duty}"]  # ids: checked against the agreement first
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


# -- where the entry goes --------------------------------------------------------------
#
# The file is read as YAML events (with the same parser as everywhere else), which keep
# the place each node is written: an alias is seen where it stands, not where its anchor
# is. The entry goes after the last line that holds the last record's content (block
# scalars, flow mappings, anchors included) and any more-indented comment lines after it,
# never past the next top-level key. Only that text is inserted: every other byte stays.

_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # YAML's line breaks
_NULLS = ("~", "null", "Null", "NULL")


class _Lines:
    """The text's lines as the YAML parser counts them, with their offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[str] = []
        for m in _BREAK.finditer(text):
            self.ends.append(m.group())
            self.starts.append(m.end())
        self.ends.append("")  # the last line: no break (or an empty line after the last)

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, i: int) -> str:
        """Line ``i`` without its break."""
        return self.text[self.starts[i]:self.starts[i] + self._length(i)]

    def _length(self, i: int) -> int:
        end = self.starts[i + 1] - len(self.ends[i]) if i + 1 < len(self.starts) else \
            len(self.text)
        return end - self.starts[i]

    def offset(self, mark: tuple[int, int]) -> int:
        return self.starts[mark[0]] + mark[1]

    def blank(self, i: int) -> bool:
        return not self.line(i).strip(" \t")

    def indent(self, i: int) -> int:
        line = self.line(i)
        return len(line) - len(line.lstrip(" "))

    def eol(self, i: int) -> str:
        """The line break to use near line ``i``: its own, else the file's first, else LF."""
        for j in (i, 0):
            if 0 <= j < len(self.ends) and self.ends[j]:
                return self.ends[j]
        return "\n"


@dataclass(frozen=True)
class _Ev:
    """A parser event reduced to what placing the entry needs."""

    kind: str  # "scalar", "alias", "start", "end" (of a mapping or sequence)
    seq: bool  # a sequence's start or end
    flow: bool  # a flow collection ({...}, [...]) start
    value: str
    style: str | None
    start: tuple[int, int]  # line, column (0-based)
    end: tuple[int, int]
    explicit: bool = False  # a document end written as "..."

    @staticmethod
    def of(e: yaml.Event) -> _Ev:
        sm, em = e.start_mark, e.end_mark
        start = (sm.line, sm.column) if sm is not None else (0, 0)
        end = (em.line, em.column) if em is not None else start
        if isinstance(e, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            kind = "start"
        elif isinstance(e, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            kind = "end"
        elif isinstance(e, yaml.ScalarEvent):
            kind = "scalar"
        elif isinstance(e, yaml.AliasEvent):
            kind = "alias"
        else:
            kind = "other"
        return _Ev(kind, isinstance(e, (yaml.SequenceStartEvent, yaml.SequenceEndEvent)),
                   bool(getattr(e, "flow_style", False)), str(getattr(e, "value", "") or ""),
                   getattr(e, "style", None) or None, start, end,
                   isinstance(e, yaml.DocumentEndEvent) and start != end)


def _node_end(events: list[_Ev], i: int) -> int:
    """Index just past the node whose first event is ``events[i]``."""
    if events[i].kind == "start":
        depth = 0
        while True:
            e = events[i]
            if e.kind == "start":
                depth += 1
            elif e.kind == "end":
                depth -= 1
            i += 1
            if depth == 0:
                return i
    return i + 1


def _content_end(events: list[_Ev], lines: _Lines) -> int:
    """The line just after the last one holding text of the node made of ``events``."""
    last = events[0].start[0] + 1
    flow: list[bool] = []
    for e in events:
        (l0, c0), (l1, c1) = e.start, e.end
        if e.kind == "start":
            flow.append(e.flow)
            last = max(last, l0 + 1)
        elif e.kind == "end":
            if flow.pop():  # "}" or "]"; a block's end mark is the next token's
                last = max(last, l1 + 1)
        elif e.kind == "scalar" and e.style in ("|", ">"):
            header = lines.line(l0)[c0:].split("#", 1)[0].split()
            if header and "+" in header[0]:  # kept trailing line breaks are the value's
                last = max(last, l1 if c1 == 0 else l1 + 1)
                continue
            stop = min(l1 + (c1 > 0), len(lines))
            filled = [j for j in range(l0, stop) if not lines.blank(j)]
            last = max(last, (filled[-1] if filled else l0) + 1)
        elif e.kind == "scalar" and e.value == "" and e.style is None and e.start == e.end:
            continue  # an empty value: its mark is wherever the next token stands
        else:
            last = max(last, l0 + 1, l1 + (1 if c1 > 0 else 0))
    return last


def insert_entry(text: str, entry: list[str]) -> tuple[str, int]:
    """``text`` with ``entry`` appended to its top-level ``records`` list, and the
    0-based line where the entry starts. ``text`` is the file without its byte-order
    mark, any line breaks; only the entry's lines are added (and, in an empty list, the
    ``[]`` or ``~`` dropped)."""
    inline = RecordError(Label(
        "danh sách records hoặc cả tệp đang viết trên một dòng ([...] hay {...}); hãy chuyển "
        "sang dạng mỗi mục một dòng \"- \" rồi chạy lại",
        "the records list or the whole file is written inline ([...] or {...}); rewrite it "
        "as one \"- \" item per line and run again"))
    try:
        events = [_Ev.of(e) for e in parse_events(text)]
    except yaml.YAMLError as exc:  # the file validated with the same parser: unlikely
        raise RecordError(Label(f"không đọc được tệp: {exc}", f"cannot read the file: {exc}")
                          ) from None
    lines = _Lines(text)
    root = 2  # StreamStart, DocumentStart, then the root node
    if events[root].kind != "start" or events[root].seq or events[root].flow:
        raise inline
    i = root + 1
    key: _Ev | None = None
    value: list[_Ev] = []
    next_key: _Ev | None = None
    while events[i].kind != "end":
        k_end = _node_end(events, i)
        v_end = _node_end(events, k_end)
        if key is not None:
            next_key = events[i]
            break
        if events[i].kind == "scalar" and events[i].value == "records":
            key, value = events[i], events[k_end:v_end]
        i = v_end
    if key is None:  # no list yet: add one at the end of the document
        doc_end = events[-2]
        at = lines.starts[doc_end.start[0]] if doc_end.explicit else len(text)
        eol = lines.eol(len(lines) - 2)
        lead = eol if at > 0 and not _BREAK.fullmatch(text[at - 1]) else ""
        prefix = text[:at] + lead
        return prefix + "records:" + eol + _block(entry, "  ", eol) + text[at:], \
            len(_Lines(prefix))
    head = value[0]
    if head.kind == "start" and head.seq and not head.flow:
        column = _dash_column(lines, head.start)
        items: list[int] = []
        j = 1
        while j < len(value) - 1:
            items.append(j)
            j = _node_end(value, j)
        at = _content_end(value[items[-1]:j], lines)
        stop = next_key.start[0] if next_key is not None else len(lines)
        scan = at
        while scan < stop:  # comments indented under the last record go with it
            if not lines.blank(scan):
                if lines.indent(scan) <= column:
                    break
                at = scan + 1
            scan += 1
        return _insert_at_line(lines, at, entry, " " * column)
    if head.kind == "start" and (not head.seq or len(value) > 2):
        raise inline
    if head.kind != "start" and not (head.kind == "scalar" and head.style is None
                                     and head.value in ("", *_NULLS)):
        raise RecordError(Label("records không phải là một danh sách",
                                "records is not a list"))
    # "records: []", "records: ~" or "records:" alone: the entry goes under the key's line
    dash = " " * (key.start[1] + 2)
    if not (head.kind == "scalar" and head.value == ""):
        cut_from, cut_to = lines.offset(head.start), lines.offset(value[-1].end)
        if _BREAK.search(text, cut_from, cut_to) is None:
            text = text[:cut_from].rstrip(" \t") + text[cut_to:]
        else:
            text = text[:cut_from] + text[cut_to:]
        lines = _Lines(text)
    return _insert_at_line(lines, key.start[0] + 1, entry, dash)


def _dash_column(lines: _Lines, mark: tuple[int, int]) -> int:
    """The column of a block sequence's first "-" (its start mark may be on an anchor or
    a tag before it)."""
    row, col = mark
    while row < len(lines):
        rest = lines.line(row)[col:]
        for token in rest.split():
            if token == "-" or token.startswith("-"):
                return col + rest.index(token)
            if token.startswith("#"):
                break
            if not token.startswith(("&", "!")):
                break
        row, col = row + 1, 0
    return mark[1]  # pragma: no cover - a block sequence has a dash


def _insert_at_line(lines: _Lines, at: int, entry: list[str], dash: str) -> tuple[str, int]:
    text = lines.text
    if at >= len(lines):  # after the last line
        eol = lines.eol(len(lines) - 2)
        lead = eol if lines.line(len(lines) - 1) else ""
        if lead:
            return text + lead + _block(entry, dash, eol), len(lines)
        return text + _block(entry, dash, eol), len(lines) - 1
    pos = lines.starts[at]
    eol = lines.eol(at - 1)
    return text[:pos] + _block(entry, dash, eol) + text[pos:], at


def _block(entry: list[str], dash: str, eol: str = "\n") -> str:
    lines = [f"{dash}- {entry[0]}", *(f"{dash}  {line}" for line in entry[1:])]
    return eol.join(lines) + eol


def _find(loaded: Loaded, agreement_id: str) -> Agreement:
    found = next((a for a in loaded.agreements if a.id == agreement_id), None)
    if found is None:
        if agreement_id in loaded.broken_ids:
            raise RecordError(Label(
                f"tệp của thỏa thuận \"{agreement_id}\" đang có lỗi; hãy sửa trước (ppcli validate)",
                f"the file of agreement \"{agreement_id}\" has errors; fix them first "
                "(ppcli validate)"), status=1)
        hint = did_you_mean(agreement_id, [a.id for a in loaded.agreements])
        raise RecordError(Label(f"không có thỏa thuận \"{agreement_id}\"{hint.vi}",
                                f"no agreement \"{agreement_id}\"{hint.en}"))
    return found


def _check_report(a: Agreement, duty_id: str, period: str | None, by: str | None) -> Duty:
    duty = a.duty(duty_id)
    if duty is None:
        known = ", ".join(d.id for d in a.duties) or "—"
        hint = did_you_mean(duty_id, [d.id for d in a.duties])
        raise RecordError(Label(
            f"thỏa thuận \"{a.id}\" không có nghĩa vụ báo cáo \"{duty_id}\" (có: {known}){hint.vi}",
            f"agreement \"{a.id}\" has no reporting duty \"{duty_id}\" (it has: {known})"
            f"{hint.en}"))
    if duty.frequency is not Frequency.ONCE:
        parsed = parse_period(period or "")
        if parsed is None or parsed.frequency is not duty.frequency or parsed.key != period:
            freq = FREQUENCY_LABELS[duty.frequency.value]
            raise RecordError(Label(
                f"kỳ \"{period or ''}\" không hợp với nghĩa vụ \"{duty_id}\" ({freq.vi}); ví dụ "
                "kỳ hợp lệ: 2024, 2024-H1, 2024-Q3, 2024-05 theo định kỳ",
                f"period \"{period or ''}\" does not fit the duty \"{duty_id}\" ({freq.en}); "
                "valid periods look like 2024, 2024-H1, 2024-Q3, 2024-05 by frequency"))
    elif period is not None:
        raise RecordError(Label(
            f"nghĩa vụ \"{duty_id}\" là báo cáo một lần, không có kỳ; bỏ \"{period}\" đi",
            f"the duty \"{duty_id}\" is a one-off report with no period; leave out "
            f"\"{period}\""))
    reporters = ", ".join(duty.reporters)
    if by is None and len(duty.reporters) > 1:
        raise RecordError(Label(
            f"nghĩa vụ \"{duty_id}\" có nhiều bên báo cáo ({reporters}); hãy ghi rõ bên đã "
            "gửi bằng --by",
            f"the duty \"{duty_id}\" has several reporters ({reporters}); say which one sent "
            "it with --by"))
    if by is not None and by not in duty.reporters:
        hint = did_you_mean(by, duty.reporters)
        raise RecordError(Label(
            f"--by: \"{by}\" không phải bên báo cáo của nghĩa vụ \"{duty_id}\" "
            f"(các bên báo cáo: {reporters}){hint.vi}",
            f"--by: \"{by}\" is not a reporter of the duty \"{duty_id}\" "
            f"(its reporters: {reporters}){hint.en}"))
    return duty


def _early(on: dt.date, period: str | None, early: bool) -> tuple[Label, ...]:
    """A report is not sent before its period starts, unless ``early`` (then a warning)."""
    parsed = parse_period(period) if period else None
    if parsed is None or on >= parsed.start:
        return ()
    if not early:
        raise RecordError(Label(
            f"ngày gửi {day_month(on)} trước khi kỳ {period} bắt đầu "
            f"({day_month(parsed.start)}); kiểm tra lại ngày (--on) và kỳ — nếu đúng là "
            "gửi sớm, thêm --early",
            f"the sending date {on} is before the period {period} starts "
            f"({parsed.start}); check the date (--on) and the period — if it really was "
            "sent early, add --early"))
    return (Label(
        f"Cảnh báo: báo cáo kỳ {period} được ghi nhận là gửi sớm, ngày {day_month(on)}, trước "
        f"khi kỳ bắt đầu ({day_month(parsed.start)}) (--early)",
        f"Warning: the report for {period} is recorded as sent early, on {on}, before the "
        f"period starts ({parsed.start}) (--early)"),)


def _errors_in(diags: list[Diagnostic], file: str) -> list[Diagnostic]:
    return [d for d in diags if d.path == file and d.severity is Severity.ERROR]


def _reporter(by: str | None, duty: Duty | None) -> str | None:
    """Who a report counts for: the one named, else a duty's only reporter."""
    if by is not None:
        return by
    return duty.reporters[0] if duty is not None and len(duty.reporters) == 1 else None


def _no_links(repo: Repo, path: Path, shown: str) -> None:
    """Refuse a file whose folders inside the repository include a link: the write would
    land outside the clone."""
    try:
        rel = path.relative_to(repo.root)
    except ValueError:  # pragma: no cover - agreement files are found inside the root
        return
    folder = repo.root
    for part in rel.parts[:-1]:
        folder = folder / part
        try:
            if stat.S_ISLNK(folder.lstat().st_mode):
                raise FileProblem(Label(
                    f"thư mục {repo.shown(folder)} là một liên kết (symlink); vì an toàn ppcli "
                    f"không ghi {shown} qua liên kết",
                    f"the folder {repo.shown(folder)} is a symbolic link; for safety ppcli "
                    f"does not write {shown} through a link"))
        except OSError as exc:
            raise os_problem(exc, repo.shown(folder), writing=False) from None


def _data(text: str) -> Any:
    """What the text says, as plain values (YAML 1.1 typing, as ppcli reads it; a value
    that does not construct, such as 2023-02-30, stays text)."""
    def plain(node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return scalar_value(node)
        if isinstance(node, yaml.SequenceNode):
            return [plain(n) for n in node.value]
        return [(plain(k), plain(v)) for k, v in node.value]  # keys need not hash

    root = compose(text)
    return plain(root) if root is not None else None


def record(repo: Repo, agreement_id: str, entry: list[str], today: dt.date,
           report: tuple[str, str | None, str | None] | None = None,
           conference: str | None = None, on: dt.date | None = None,
           early: bool = False) -> Written:
    """Append ``entry`` to the agreement's records after checking it; write atomically.

    The repository is loaded and checked first (seconds on thousands of files); then,
    under the lock, the agreement's file is read, extended, checked in memory with the
    same registry and configuration, and replaced. A record touches only its own file,
    so what the other files say cannot change its validity meanwhile; the lock keeps two
    ppcli processes from extending the same bytes.

    Raises RecordError (the request or the file) or FileProblem (the environment)."""
    for value in (agreement_id, conference or "", *(report or ()), *entry):
        if value and any("\ud800" <= c <= "\udfff" for c in value):
            _readable(f"đối số \"{value.encode('utf-8', 'replace').decode()}\"", value,
                      f"the argument \"{value.encode('utf-8', 'replace').decode()}\"")
    lock = repo.data / LOCK_NAME
    _no_links(repo, lock, repo.shown(lock))
    loaded = load(repo)
    a = _find(loaded, agreement_id)
    shown = a.where.file
    _no_links(repo, repo.root / shown, shown)
    before = _errors_in(validate(loaded, today, [shown]), shown)
    if before:
        raise RecordError(Label(
            f"tệp {shown} đang có lỗi; hãy sửa trước khi ghi nhận (ppcli validate)",
            f"{shown} has errors; fix them before recording (ppcli validate)"), before,
            status=1)
    with exclusive_lock(lock, shown=repo.shown(lock)):
        return _record_locked(repo, loaded, a.id, shown, entry, today, report, conference,
                              on, early)


def _alone(loaded: Loaded, agreement: Agreement, ctx: Any) -> Loaded:
    """The repository's registry and configuration with this one agreement: what a
    record's checks need (they never look at other agreement files)."""
    return Loaded(loaded.repo, loaded.config, loaded.registry, agreements=[agreement],
                  diags=list(ctx.diags), broken_items={agreement.id: ctx.broken_ids},
                  files=3)


def _record_locked(repo: Repo, loaded: Loaded, agreement_id: str, shown: str,
                   entry: list[str], today: dt.date,
                   report: tuple[str, str | None, str | None] | None,
                   conference: str | None, on: dt.date | None, early: bool) -> Written:
    path = repo.root / shown
    raw = read_regular(path, MAX_BYTES, shown)
    digest = hashlib.sha256(raw).digest()
    # read again under the lock: another clerk may have just added a record
    a, ctx, _ = load_agreement(path, shown, raw)
    if a is None or a.id != agreement_id or _errors_in(validate(_alone(loaded, a, ctx), today),
                                                       shown):
        raise RecordError(Label(
            f"tệp {shown} vừa thay đổi và đang có lỗi; hãy chạy ppcli validate rồi chạy lại",
            f"{shown} has just changed and has errors; run ppcli validate and run again"),
            _errors_in(ctx.diags, shown), status=1)
    warnings: tuple[Label, ...] = ()
    if report is not None:
        duty_id, period, by = report
        duty = _check_report(a, duty_id, period, by)
        who = _reporter(by, duty)
        same = [r for r in a.records if r.kind == "report" and r.item == duty_id
                and r.period == period and _reporter(r.by, duty) == who]
    else:
        if conference is not None and a.conference(conference) is None:
            known = ", ".join(c.id for c in a.conferences) or "—"
            hint = did_you_mean(conference, [c.id for c in a.conferences])
            raise RecordError(Label(
                f"thỏa thuận \"{a.id}\" không có hội nghị \"{conference}\" (có: {known}){hint.vi}",
                f"agreement \"{a.id}\" has no conference \"{conference}\" (it has: {known})"
                f"{hint.en}"))
        same = [r for r in a.records if r.kind == "conference" and r.item == conference]
    if same:
        line, _ = a.where.at("records", same[0].index)
        raise RecordError(Label(
            f"đã có bản ghi này ở {shown}, dòng {line} (ngày {day_month(same[0].date)}); "
            "không ghi trùng",
            f"already recorded in {shown}, line {line} ({same[0].date}); not "
            "recorded twice"))
    if on is not None and on > today:
        raise RecordError(Label(
            f"ngày {day_month(on)} ở tương lai (hôm nay là {day_month(today)}); chỉ ghi nhận "
            "việc đã xảy ra",
            f"{on} is in the future (today is {today}); only record what has happened"))

    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8):].decode("utf-8") if bom else raw.decode("utf-8")
    new_text, first = insert_entry(text, entry)
    old_data, new_data = _data(text), _data(new_text)
    added = _data("\n".join(["- " + entry[0], *("  " + x for x in entry[1:])]))
    expected = [(k, (v or []) + added if k == "records" else v) for k, v in old_data]
    if not any(k == "records" for k, _ in old_data):
        expected.append(("records", added))
    if new_data != expected:
        raise RecordError(Label(
            f"không chèn được bản ghi vào {shown} mà vẫn giữ nguyên phần còn lại; hãy thêm "
            "bằng tay vào cuối danh sách records",
            f"cannot insert the record into {shown} while keeping the rest as it is; add it "
            "by hand at the end of the records list"), status=1)
    data = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")

    # the result as the repository would see it, checked in memory
    agreement, ctx, _ = load_agreement(path, shown, data)
    if agreement is None or _errors_in(ctx.diags, shown):
        raise RecordError(Label("bản ghi mới làm tệp không hợp lệ; không ghi gì",
                                "the new record would make the file invalid; nothing written"),
                          _errors_in(ctx.diags, shown))
    after = _errors_in(validate(_alone(loaded, agreement, ctx), today), shown)
    if after:
        raise RecordError(Label("không ghi được bản ghi này; không ghi gì",
                                "cannot record this; nothing written"), after)
    if on is not None and report is not None:
        warnings = _early(on, report[1], early)

    def unchanged() -> None:
        if hashlib.sha256(read_regular(path, MAX_BYTES, shown)).digest() != digest:
            raise FileProblem(Label(
                f"tệp {shown} đã thay đổi từ lúc đọc; không ghi gì — hãy chạy lại lệnh",
                f"{shown} changed since it was read; nothing written — run the command "
                "again"))

    try:
        atomic_write(path, data, before_replace=unchanged)
    except OSError as exc:
        raise os_problem(exc, shown) from None
    entry_lines = _Lines(new_text)
    lines = tuple(entry_lines.line(i) for i in range(first, first + len(entry)))
    return Written(shown, first + 1, lines, warnings)


def describe(written: Written, kind: str, item: str, period: str | None, on: dt.date) -> Label:
    what = (Label(f"gửi báo cáo {item}" + (f" kỳ {period}" if period else "")
                  + f" ngày {day_month(on)}",
                  f"report {item}" + (f" for {period}" if period else "") + f" sent {on}")
            if kind == "report" else
            Label(f"tổ chức hội nghị {item} ngày {day_month(on)}",
                  f"conference {item} held on {on}"))
    return Label(f"Đã ghi nhận: {what.vi} — {written.file}, dòng {written.first_line}:",
                 f"Recorded: {what.en} — {written.file}, line {written.first_line}:")

