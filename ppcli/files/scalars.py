"""The schema language's scalar types (text, ids, numbers, dates, periods, planned
times, enumerations) and the :class:`Context` that collects one file's diagnostics.

Each type checks one positioned YAML node (:meth:`Type.convert`, with Vietnamese
diagnostics), says what the model holds for the checked value (:meth:`Type.builder`)
and gives its JSON Schema (:meth:`Type.schema`). The containers that hold them (fields,
objects, lists) are in :mod:`ppcli.files.spec`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeAlias

import yaml

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files.yamlsource import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STR,
    TIMESTAMP,
    Node,
    is_plain,
    position,
    scalar_value,
)
from ppcli.i18n import Label
from ppcli.periods import parse_period
from ppcli.safetext import CONTROL_IN_TEXT, describe

if TYPE_CHECKING:
    from ppcli.files.positions import Where

Map = yaml.MappingNode
Seq = yaml.SequenceNode
Scalar = yaml.ScalarNode

Path = tuple[str | int, ...]

INTERN_UP_TO = 40


class Invalid(enum.Enum):
    """The value of a field that failed its check (already reported)."""

    INVALID = "INVALID"

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid.INVALID


# What a check returns: scalars (text, numbers, dates), lists and mappings of them.
Value: TypeAlias = "str | int | dt.date | list[Value] | dict[str, Value]"
Checked = dict[str, Value]
Json = dict[str, object]  # a JSON Schema

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

# How a found value is named in "must be X, not Y" messages.
FOUND = {
    "map": Label("một bảng khóa: giá trị", "a mapping"),
    "seq": Label("một danh sách", "a list"),
    "null": Label("giá trị rỗng", "an empty value"),
    "bool": Label("giá trị đúng/sai", "a boolean"),
    "int": Label("một số", "a number"),
    "float": Label("một số thập phân", "a decimal number"),
    "date": Label("một ngày", "a date"),
    "str": Label("chữ", "text"),
}


class Context:
    """Collects the diagnostics of one file; when loading the model (``where`` given),
    also where each value was written, into ``where``'s side map (see
    :class:`ppcli.files.model.Where`)."""

    def __init__(self, path: str, where: Where | None = None) -> None:
        self.path = path
        self.where = where
        # the slot of ``where``'s map that the next mapping or list read links into
        self.link = -1
        self.diags: list[Diagnostic] = []
        # ids of list items that failed their own checks: references to them are not
        # reported again as "unknown"
        self.broken_ids: set[tuple[str, str]] = set()
        # whether a value may hold a control character: False when the file's text has
        # none and no backslash (the only way to write one in YAML is an escape)
        self.controls = True

    def scan(self, text: str) -> None:
        """Look at the whole text once, so the values of a clean file are not scanned."""
        self.controls = "\\" in text or CONTROL_IN_TEXT.search(text) is not None

    def report(self, node: Node, code: str, **args: object) -> None:
        line, col = position(node)
        self.diags.append(diag(self.path, line, col, code, **args))


def found_kind(node: Node) -> str:
    if isinstance(node, Map):
        return "map"
    if isinstance(node, Seq):
        return "seq"
    if not isinstance(node, Scalar) or not is_plain(node):
        return "str"
    return {NULL: "null", BOOL: "bool", INT: "int", FLOAT: "float",
            TIMESTAMP: "date"}.get(node.tag, "str")


def key_name(path: Path) -> str:
    """``duties[2].deadline`` for messages."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(gốc)"


class Type:
    """Base of all field types."""

    what: Label = Label("giá trị", "value")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        raise NotImplementedError

    def schema(self) -> Json:
        raise NotImplementedError

    def build(self, value: Value) -> object:
        """The model's value for a checked one (the same, unless the type says)."""
        return value

    def builder(self) -> Callable[[Value], object] | None:
        """:meth:`build` as the quickest callable; None when it keeps the value."""
        return None if type(self).build is Type.build else self.build

    def wrong_type(self, node: Node, path: Path, ctx: Context) -> Invalid:
        ctx.report(node, "PP023", key=key_name(path), expected=self.what,
                   found=FOUND[found_kind(node)])
        return INVALID


def text_of(node: Node, path: Path, ctx: Context) -> str | Invalid:
    """A scalar as the text the clerk typed, reporting YAML 1.1 traps.

    Unquoted ``no`` is a boolean and ``0123`` is 83: keeping the raw text lets the
    rest of the checks go on, but the file is reported because every other YAML reader
    (and the editor's schema check) reads the converted value.
    """
    if not isinstance(node, Scalar):
        return INVALID
    text = node.value
    if node.tag == STR or not is_plain(node):
        pass
    elif node.tag == BOOL:
        ctx.report(node, "PP030", key=key_name(path), raw=text,
                   value="true" if scalar_value(node) else "false")
    elif node.tag in (INT, FLOAT):
        value = scalar_value(node)
        if str(value) != text:
            ctx.report(node, "PP031", key=key_name(path), raw=text, value=value)
    elif node.tag == TIMESTAMP:
        ctx.report(node, "PP032", key=key_name(path), raw=text)
    else:
        return INVALID
    if not unicodedata.is_normalized("NFC", text):
        ctx.report(node, "PP040", key=key_name(path))
        text = unicodedata.normalize("NFC", text)
    control = CONTROL_IN_TEXT.search(text) if ctx.controls else None
    if control is not None:
        ctx.report(node, "PP041", key=key_name(path), char=describe(control.group()))
    # short values (ids, periods, numbers) repeat across thousands of files: one copy
    return sys.intern(text) if len(text) <= INTERN_UP_TO else text


# the same few ids and periods recur across thousands of files: each checked once
@functools.lru_cache(maxsize=16384)
def _is_id(value: str) -> bool:
    return _ID.match(value) is not None


_period = functools.lru_cache(maxsize=4096)(parse_period)


@dataclass(frozen=True)
class Text(Type):
    multiline: bool = False
    what: Label = Label("chữ", "text")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        value = text_of(node, path, ctx)
        if value is INVALID:
            return self.wrong_type(node, path, ctx)
        if self.multiline:
            return value
        value = value.strip()
        if "\n" in value:
            ctx.report(node, "PP042", key=key_name(path))
        return value

    def schema(self) -> Json:
        return {"type": "string"}


@dataclass(frozen=True)
class Id(Type):
    """An identifier: of the item itself, or a reference to one (``ref``)."""

    ref: str | None = None  # 'org', 'duty', 'conference', 'agreement'
    example: str = "ubnd-ca-mau"
    what: Label = Label("một mã", "an id")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        value = text_of(node, path, ctx)
        if value is INVALID:
            return self.wrong_type(node, path, ctx)
        if not _is_id(value):
            ctx.report(node, "PP027", key=key_name(path), value=value, example=self.example)
            return INVALID
        return value

    def schema(self) -> Json:
        return {"type": "string", "pattern": ID_PATTERN}


@dataclass(frozen=True)
class Integer(Type):
    low: int = 0
    high: int = 10_000
    what: Label = Label("một số nguyên", "a whole number")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        if not isinstance(node, Scalar) or node.tag != INT or not is_plain(node):
            if isinstance(node, Scalar) and node.value.strip().isdigit():
                value = int(node.value)
            else:
                return self.wrong_type(node, path, ctx)
        else:
            written = scalar_value(node)
            if not isinstance(written, int):  # an int tag that did not construct
                return self.wrong_type(node, path, ctx)
            value = written
        if not self.low <= value <= self.high:
            ctx.report(node, "PP029", key=key_name(path), value=value, low=self.low,
                       high=self.high)
            return INVALID
        return value

    def schema(self) -> Json:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


def _parse_date(node: Node) -> dt.date | None:
    if not isinstance(node, Scalar):
        return None
    raw = node.value.strip()
    if len(raw) != 10 or node.tag == TIMESTAMP and "T" in raw:
        return None
    return _iso_date(raw)


@functools.lru_cache(maxsize=65536)
def _iso_date(raw: str) -> dt.date | None:
    """The ISO form only, quoted or not; 2023-02-30 is refused here. Cached: the same
    dates recur across thousands of files, and one object each is enough."""
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _date_example(raw: str) -> str:
    """For ``31/05/2023`` suggest ``2023-05-31``; otherwise a generic example."""
    m = _DMY.match(raw.strip())
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            pass
    return "2023-05-31"


@dataclass(frozen=True)
class Date(Type):
    what: Label = Label("một ngày (năm-tháng-ngày)", "a date (year-month-day)")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        value = _parse_date(node)
        if value is not None:
            return value
        if isinstance(node, Scalar) and node.tag not in (NULL, BOOL):
            ctx.report(node, "PP025", key=key_name(path), value=node.value,
                       example=_date_example(node.value))
            return INVALID
        return self.wrong_type(node, path, ctx)

    def schema(self) -> Json:
        return {"type": "string", "format": "date"}


@dataclass(frozen=True)
class PeriodKey(Type):
    as_period: bool = False  # the model holds a Period, not the key as written
    what: Label = Label("một kỳ báo cáo", "a reporting period")

    def build(self, value: Value) -> object:
        return _period(str(value)) if self.as_period else value

    def builder(self) -> Callable[[Value], object] | None:
        return _period if self.as_period else None  # type: ignore[return-value]

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        if not isinstance(node, Scalar) or node.tag in (NULL, BOOL, TIMESTAMP):
            if isinstance(node, Scalar) and node.tag == TIMESTAMP:
                ctx.report(node, "PP026", key=key_name(path), value=node.value)
                return INVALID
            return self.wrong_type(node, path, ctx)
        raw = node.value.strip()
        if _period(raw) is None:
            ctx.report(node, "PP026", key=key_name(path), value=raw)
            return INVALID
        return sys.intern(raw)  # the same few periods in every file

    def schema(self) -> Json:
        return {"type": ["string", "integer"],
                "pattern": r"^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$"}


_FIRST_SENTENCE = re.compile(r"\.(?:\s|$)")
_PLANNED = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class Planned(Type):
    """A year (``2026``), a month (``2026-03``) or a day (``2026-03-15``)."""

    what: Label = Label("năm, tháng hoặc ngày (2026, 2026-03, 2026-03-15)",
                        "a year, month or day (2026, 2026-03, 2026-03-15)")
    make: Callable[[dt.date | str], object] | None = None  # what the model holds

    def build(self, value: Value) -> object:
        if self.make is None or not isinstance(value, dt.date | str):
            return value
        return self.make(value)

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        day = _parse_date(node)
        if day is not None:
            return day
        if isinstance(node, Scalar) and node.tag not in (NULL, BOOL, TIMESTAMP):
            raw = node.value.strip()
            if _PLANNED.match(raw):
                return str(raw)
            if _DMY.match(raw):
                ctx.report(node, "PP025", key=key_name(path), value=node.value,
                           example=_date_example(node.value))
                return INVALID
        return self.wrong_type(node, path, ctx)

    def schema(self) -> Json:
        return {"type": ["string", "integer"],
                "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$"}


@dataclass(frozen=True)
class Enum(Type):
    """One of the words of ``kind`` (a str enum), each with its label."""

    kind: type[enum.StrEnum] = enum.StrEnum
    values: Mapping[str, Label] = field(default_factory=dict)
    what: Label = Label("một giá trị trong danh sách", "one of the listed values")

    def label(self, value: object) -> Label | None:
        return self.values.get(value) if isinstance(value, str) else None

    def __post_init__(self) -> None:
        # word -> member: what ``self.kind(word)`` gives, without the enum's own lookup
        object.__setattr__(self, "_members", {m.value: m for m in self.kind})

    _members: dict[object, enum.StrEnum] = field(default_factory=dict, init=False,
                                                 repr=False, compare=False)

    def build(self, value: Value) -> object:
        return self._members[value]

    def builder(self) -> Callable[[Value], object] | None:
        return self._members.__getitem__

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        value = text_of(node, path, ctx)
        if value is INVALID:
            return self.wrong_type(node, path, ctx)
        if value not in self.values:
            ctx.report(node, "PP024", key=key_name(path), value=value,
                       hint=did_you_mean(value, self.values),
                       allowed=", ".join(self.values))
            return INVALID
        return value

    def schema(self) -> Json:
        return {"enum": list(self.values),
                "markdownEnumDescriptions": [label.vi for label in self.values.values()]}



def did_you_mean(word: str, choices: Iterable[str]) -> Label:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return Label("", "")
    return Label(f" (có phải ý bạn là \"{close[0]}\"?)", f" (did you mean \"{close[0]}\"?)")
