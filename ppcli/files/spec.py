"""A small schema language: one description of the file format that both checks a
positioned YAML tree (with Vietnamese diagnostics) and prints a JSON Schema for editors.

The format itself is written in :mod:`ppcli.files.declaration` with these types; nothing else in
ppcli repeats which keys exist or what they hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Generic, TypeAlias, TypeVar, cast

import yaml

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files.yamlsource import (
    BOOL,
    FLOAT,
    INT,
    MERGE,
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


class Item(dict[str, "Value"]):
    """A checked mapping that remembers its place in the written list (``index``; 0
    when it is not an item of a list), even when items before it were dropped. Equality
    is the mapping's: two versions of an item compare by their values only."""

    __slots__ = ("index",)
    index: int


# What a check returns: scalars (text, numbers, dates), lists and mappings of them.
Value: TypeAlias = "str | int | dt.date | list[Value] | dict[str, Value]"
Checked = dict[str, Value]
Json = dict[str, object]  # a JSON Schema
T = TypeVar("T", covariant=True)


class Compare(enum.Enum):
    """How history compares a field between two versions."""

    SCALAR = "scalar"  # one value (a list: in order)
    SET = "set"  # a list whose order means nothing
    WHOLE = "whole"  # a mapping said as one value (a deadline, a signer)
    FIELDS = "fields"  # a mapping compared field by field
    KEYED = "keyed"  # a list of items matched by their identity (see ``Obj.identity``)

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
    """Collects the diagnostics of one file."""

    def __init__(self, path: str) -> None:
        self.path = path
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
        if not _ID.match(value):
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
        return parse_period(str(value)) if self.as_period else value

    def builder(self) -> Callable[[Value], object] | None:
        return self.build if self.as_period else None

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        if not isinstance(node, Scalar) or node.tag in (NULL, BOOL, TIMESTAMP):
            if isinstance(node, Scalar) and node.tag == TIMESTAMP:
                ctx.report(node, "PP026", key=key_name(path), value=node.value)
                return INVALID
            return self.wrong_type(node, path, ctx)
        raw = node.value.strip()
        if parse_period(raw) is None:
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


@dataclass(frozen=True)
class ListOf(Type):
    item: Type = field(default_factory=Text)
    min_items: int = 0
    one_or_many: bool = False  # a single value is accepted as a list of one
    what: Label = Label("một danh sách", "a list")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        if not isinstance(node, Seq):
            if self.one_or_many and isinstance(node, Scalar):
                value = self.item.convert(node, path, ctx)
                return INVALID if value is INVALID else [value]
            return self.wrong_type(node, path, ctx)
        out: list[Value] = []
        for i, child in enumerate(node.value):
            value = self.item.convert(child, (*path, i), ctx)
            if value is not INVALID:
                out.append(value)
            elif isinstance(child, Map) and path:
                written = next((v.value for k, v in child.value
                                if k.value == "id" and isinstance(v, Scalar)), None)
                if written is not None:
                    ctx.broken_ids.add((str(path[-1]), written))
        if len(node.value) < self.min_items:
            count = len(node.value)
            ctx.report(node, "PP023", key=key_name(path),
                       expected=Label(f"một danh sách ít nhất {self.min_items} mục",
                                      f"a list of at least {self.min_items} items"),
                       found=Label(f"{count} mục", f"{count} items"))
            return INVALID
        return out

    def build(self, value: Value) -> object:
        assert isinstance(value, list)
        return tuple([self.item.build(v) for v in value])

    def builder(self) -> Callable[[Value], object] | None:
        item = self.item
        if isinstance(item, Obj):  # each item as a dataclass: no method call each

            def items(value: Value) -> object:  # written on first use, not on import
                make = item._fast or item._compile()
                return tuple([make(v, {}) for v in value])  # type: ignore[arg-type, union-attr]
            return items
        one = item.builder()
        if one is None:
            return tuple  # type: ignore[return-value]
        return lambda value: tuple([one(v) for v in value])  # type: ignore

    def schema(self) -> Json:
        out: Json = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.one_or_many:
            return {"anyOf": [self.item.schema(), out]}
        return out


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its YAML ``name``, its ``type``, its help (``vi``, shown in
    editors and docs), its ``label`` in sentences, the model's attribute it fills
    (``attr``: the name unless said; None: read by the object's ``derive`` only), and
    how history compares it (``compare``: from the type unless said)."""

    name: str
    type: Type
    vi: str
    required: bool = False
    label: Label = Label("", "")
    attr: str | None = ""
    compare: Compare | None = None

    @property
    def attribute(self) -> str | None:
        return self.name if self.attr == "" else self.attr

    @property
    def comparison(self) -> Compare:
        if self.compare is not None:
            return self.compare
        if isinstance(self.type, Obj):
            return Compare.FIELDS
        if isinstance(self.type, ListOf) and isinstance(self.type.item, Obj) \
                and self.type.item.identity:
            return Compare.KEYED
        return Compare.SCALAR

    def refers_to(self, ref: str) -> bool:
        """Whether the field holds references to ``ref`` items (one or a list)."""
        kind = self.type.item if isinstance(self.type, ListOf) else self.type
        return isinstance(kind, Id) and kind.ref == ref


@dataclass(frozen=True)
class Obj(Type, Generic[T]):
    """A mapping with known keys. ``one_of`` lists groups of keys of which exactly one
    group must be present (e.g. the ways to state a deadline)."""

    title: Label = Label("", "")
    fields: Sequence[Field] = ()
    one_of: Sequence[Sequence[str]] = ()
    what: Label = Label("một bảng khóa: giá trị", "a mapping")
    # the frozen dataclass (or function) the checked mapping becomes, with keyword
    # arguments: each field's attribute, ``index`` for a list item, and what ``derive``
    # adds from the fields without an attribute
    builds: Callable[..., T] | None = None
    derive: Callable[[Checked], dict[str, object]] | None = None
    indexed: bool = False  # ``builds`` takes the item's place in its list
    # in a list, the fields that identify an item across versions: one group, or one
    # group per way of writing the item (the first field of the group present names it)
    identity: Sequence[Sequence[str]] = ()
    # a value said as a whole in a sentence: these fields, when given, joined by ``sep``
    summary: Sequence[str] = ()
    ref: str | None = None  # how an ``Id(ref=...)`` names the items of this kind
    summary_sep: str = ", "

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        # key -> (attribute, the type's build unless it keeps the value as checked):
        # what ``build`` does for each key, worked out once
        object.__setattr__(self, "_plan", {
            f.name: (f.attribute, f.type.builder()) for f in self.fields
            if f.attribute is not None})

    _fast: Callable[[Checked, dict[str, object]], T] | None = field(
        default=None, init=False, repr=False, compare=False)
    _ref_plans: dict[str, list[tuple[str, str, Obj[object] | None]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _plan: dict[str, tuple[str, Callable[[Value], object] | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _by_name: dict[str, Field] = field(default_factory=dict, init=False, repr=False,
                                       compare=False)

    def field_map(self) -> dict[str, Field]:
        return self._by_name

    def key(self, value: Mapping[str, Value]) -> Hashable:
        """The identity of one item (see ``identity``)."""
        for group in self.identity:
            if group[0] in value or group is self.identity[-1]:
                if len(self.identity) == 1 and len(group) == 1:
                    return cast(Hashable, value.get(group[0]))
                return (group[0], *(value.get(k) for k in group))
        return None

    def _compile(self) -> Callable[[Checked, dict[str, object]], T]:
        """For a frozen dataclass: one function that calls it with every attribute as a
        keyword argument, written from the declaration once (as ``dataclasses`` writes
        ``__init__``); the loop in :meth:`build` costs twice as much per object, and
        there are hundreds of thousands of records. Otherwise (``builds`` is not a
        dataclass whose absent attributes have plain defaults) the loop it is."""
        fast: Callable[[Checked, dict[str, object]], T] = self._build
        if self.builds is not None and dataclasses.is_dataclass(self.builds):
            fields = {f.name: f for f in dataclasses.fields(self.builds)}
            env: dict[str, object] = {"cls": self.builds, "derive": self.derive,
                                      "MISSING": dataclasses.MISSING}
            args: list[str] = []
            for i, f in enumerate(self.fields):
                attr = f.attribute
                if attr is None:
                    continue
                default = fields[attr].default
                if default is dataclasses.MISSING and not f.required:
                    return self._keep(self._build)
                env[f"d{i}"], (_, make) = default, self._plan[f.name]
                got = f"get({f.name!r}, MISSING)"
                if make is None:
                    args.append(f"{attr}=get({f.name!r}, d{i})")
                else:
                    env[f"m{i}"] = make
                    args.append(f"{attr}=d{i} if (v{i} := {got}) is MISSING else m{i}(v{i})")
            if self.derive is not None:
                args.append("**derive(value)")
            if self.indexed:
                args.append("index=getattr(value, \"index\", 0)")
            source = (f"def build(value, extra):\n    get = value.get\n"
                      f"    return cls(**extra, {', '.join(args)})\n")
            exec(source, env)  # noqa: S102 - text made above from the declaration only
            fast = cast("Callable[[Checked, dict[str, object]], T]", env["build"])
        return self._keep(fast)

    def _keep(self, fast: Callable[[Checked, dict[str, object]], T]
              ) -> Callable[[Checked, dict[str, object]], T]:
        object.__setattr__(self, "_fast", fast)
        return fast

    def references(self, value: object, ref: str, path: Path = ()
                   ) -> Iterator[tuple[Path, str]]:
        """Every reference to a ``ref`` item (an ``Id(ref=...)``) in ``value``, the object
        this declaration built, with the path where it is written."""
        for name, attr, inner in self._reference_plan(ref):
            got = getattr(value, attr)
            if inner is None:  # the reference itself: one, or a tuple of them
                if isinstance(got, tuple):
                    for j, one in enumerate(got):
                        yield (*path, name, j), one
                elif got:
                    yield (*path, name), got
            elif isinstance(got, tuple):  # items that hold references
                for one in got:
                    yield from inner.references(one, ref, (*path, name, one.index))
            elif got is not None:
                yield from inner.references(got, ref, (*path, name))

    def _reference_plan(self, ref: str) -> list[tuple[str, str, Obj[object] | None]]:
        """The fields that hold ``ref`` references, directly (None) or in the object
        they build; worked out once per kind of reference."""
        plans: dict[str, list[tuple[str, str, Obj[object] | None]]] = self._ref_plans
        plan = plans.get(ref)
        if plan is None:
            plan = plans[ref] = []
            for f in self.fields:
                inner = f.type.item if isinstance(f.type, ListOf) else f.type
                if f.attribute is None:
                    continue
                if f.refers_to(ref):
                    plan.append((f.name, f.attribute, None))
                elif isinstance(inner, Obj) and inner.builds is not None \
                        and inner._reference_plan(ref):
                    plan.append((f.name, f.attribute, inner))
        return plan

    def build(self, value: Value, **extra: object) -> T:
        """The model's object for a checked mapping, by keyword arguments; ``extra``
        adds what the file does not say (e.g. where it was read from)."""
        assert isinstance(value, dict)
        return (self._fast or self._compile())(value, extra)

    def _build(self, value: Checked, extra: dict[str, object]) -> T:
        """What :meth:`build` does when no function was written (see :meth:`_compile`)."""
        if self.builds is None:
            return cast(T, value)  # a mapping the model keeps as checked
        plan = self._plan.get
        args: dict[str, object] = extra
        for name, v in value.items():
            step = plan(name)
            if step is not None:
                make = step[1]
                args[step[0]] = v if make is None else make(v)
        if self.derive is not None:
            args.update(self.derive(value))
        if self.indexed:
            args["index"] = getattr(value, "index", 0)
        return self.builds(**args)

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        if not isinstance(node, Map):
            return self.wrong_type(node, path, ctx)
        known = self.field_map()
        out = Item()
        out.index = path[-1] if path and isinstance(path[-1], int) else 0
        seen: dict[str, Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                ctx.report(key_node, "PP015")
                continue
            name = key_node.value if isinstance(key_node, Scalar) else "?"
            if name in seen:
                # PyYAML would keep the last value and lose the first in silence
                ctx.report(key_node, "PP012", key=name, first_line=position(seen[name])[0])
                continue
            seen[name] = key_node
            spec = known.get(name)
            if spec is None:
                ctx.report(key_node, "PP022", key=name,
                           where=self.title if path == () else key_name(path),
                           hint=did_you_mean(name, known))
                continue
            if isinstance(value_node, Scalar) and value_node.tag == NULL and \
                    is_plain(value_node):
                continue  # "key:" with nothing after it means "not given"
            value = spec.type.convert(value_node, (*path, name), ctx)
            if value is INVALID:
                ok = ok and not spec.required
                continue
            out[name] = value
        for spec in self.fields:
            if spec.required and spec.name not in out and spec.name not in seen:
                ctx.report(node, "PP021", key=spec.name, what=_FIRST_SENTENCE.split(spec.vi)[0])
                ok = False
        if self.one_of:
            present = [group for group in self.one_of if any(k in seen for k in group)]
            if len(present) != 1:
                ctx.report(node, "PP028", key=key_name(path) if path else self.title,
                           choices=" | ".join("+".join(g) for g in self.one_of),
                           found=(": " + ", ".join("+".join(g) for g in present))
                           if present else "")
                ok = False
            elif not all(k in out for k in present[0] if k in seen):
                ok = False  # the chosen way is written but its value was wrong (reported)
        return out if ok else INVALID

    def schema(self) -> Json:
        out: Json = {
            "type": "object",
            "properties": {f.name: {**f.type.schema(), "description": f.vi}
                           for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            out["required"] = required
        if self.one_of:
            out["oneOf"] = [{"required": list(group)} for group in self.one_of]
        return out


def did_you_mean(word: str, choices: Iterable[str]) -> Label:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return Label("", "")
    return Label(f" (có phải ý bạn là \"{close[0]}\"?)", f" (did you mean \"{close[0]}\"?)")


def check(root: Node, spec: Obj[object], ctx: Context) -> Checked | None:
    """Convert a file's top level; None when the file is unusable as a whole."""
    if not isinstance(root, Map):
        ctx.report(root, "PP020", found=FOUND[found_kind(root)])
        return None
    value = spec.convert(root, (), ctx)
    return value if isinstance(value, dict) else None
