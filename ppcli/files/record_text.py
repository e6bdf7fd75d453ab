"""Where a new record goes in an agreement file's text, and the text itself.

The end of ``records:`` is found from the parser's events and the lines' indentation
(block scalars, flow mappings, anchors, comments, ``...``), so that every byte outside
the inserted lines stays as it was: comments, BOM, line breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ppcli.diagnostics import Diagnostic
from ppcli.errors import PpcliError
from ppcli.files.yamlsource import parse_events
from ppcli.i18n import Label


class RecordError(PpcliError):
    """The record cannot be written; the message says why and what to do. ``status``:
    2 the request is refused (with the reason and any override), 1 the file already has
    errors, 3 the environment (lock, a file changed meanwhile, an unsafe path)."""

    def __init__(self, message: Label, diagnostics: list[Diagnostic] | None = None,
                 status: int = 2) -> None:
        super().__init__(message, status, diagnostics or [])


# The file is read as YAML events (with the same parser as everywhere else), which keep
# the place each node is written: an alias is seen where it stands, not where its anchor
# is. The entry goes after the last line that holds the last record's content (block
# scalars, flow mappings, anchors included) and any more-indented comment lines after it,
# never past the next top-level key. Only that text is inserted: every other byte stays.

_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # YAML's line breaks
_NULLS = ("~", "null", "Null", "NULL")


class Lines:
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


def _content_end(events: list[_Ev], lines: Lines) -> int:
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
    lines = Lines(text)
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
            len(Lines(prefix))
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
        lines = Lines(text)
    return _insert_at_line(lines, key.start[0] + 1, entry, dash)


def _dash_column(lines: Lines, mark: tuple[int, int]) -> int:
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


def _insert_at_line(lines: Lines, at: int, entry: list[str], dash: str) -> tuple[str, int]:
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
