"""A small schema language: one description of the file format that checks a positioned
YAML tree (with Vietnamese diagnostics), builds the typed model from it in the same pass,
and prints a JSON Schema for editors.

The scalar types are in :mod:`ppcli.files.scalars`; here are the containers: a
:class:`Field` (one key), an :class:`Obj` (a mapping with known keys, and the frozen
dataclass it builds) and a :class:`ListOf`. The format itself is written in
:mod:`ppcli.files.declaration` with these types; nothing else in ppcli repeats which keys
exist or what they hold.

Two ways to read a tree, with the same checks and the same diagnostics:

* :func:`load` builds the model directly: each object is made with keyword arguments as
  soon as its keys are checked, and where each value was written goes into the
  :class:`ppcli.files.model.Where` side map of positions (``Context.where``);
* :func:`check` gives plain mappings keyed by the YAML names (:data:`Checked`), which
  history compares key by key; :meth:`Obj.build` turns one of them into the model.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar, cast

from ppcli.files.positions import COLUMN_LIMIT, LINE_LIMIT
from ppcli.files.scalars import (
    FOUND,
    ID_PATTERN,
    INTERN_UP_TO,
    INVALID,
    Checked,
    Context,
    Date,
    Enum,
    Id,
    Integer,
    Invalid,
    Json,
    Map,
    Path,
    PeriodKey,
    Planned,
    Scalar,
    Seq,
    Text,
    Type,
    Value,
    did_you_mean,
    found_kind,
    key_name,
    text_of,
)
from ppcli.files.yamlsource import MERGE, NULL, Node, is_plain, position
from ppcli.i18n import Label

__all__ = [  # the scalar types, so that a declaration imports the language from one place
    "FOUND", "ID_PATTERN", "INTERN_UP_TO", "INVALID", "Checked", "Compare", "Context", "Date",
    "Enum", "Field", "Id", "Integer", "Invalid", "Json", "ListOf", "Obj", "Path", "PeriodKey",
    "Planned", "Text", "Type", "Value", "check", "did_you_mean", "found_kind", "key_name",
    "load", "text_of",
]

T = TypeVar("T", covariant=True)
_FIRST_SENTENCE = re.compile(r"\.(?:\s|$)")


class Compare(enum.Enum):
    """How history compares a field between two versions."""

    SCALAR = "scalar"  # one value (a list: in order)
    SET = "set"  # a list whose order means nothing
    WHOLE = "whole"  # a mapping said as one value (a deadline, a signer)
    FIELDS = "fields"  # a mapping compared field by field
    KEYED = "keyed"  # a list of items matched by their identity (see ``Obj.identity``)


def _reader(kind: Type) -> tuple[Callable[[Node, Path, Context], object],
                                 Callable[[Value], object] | None, bool]:
    """How :func:`load` reads a value of ``kind``: the function that checks and builds it,
    what turns its checked value into the model's (None: kept), and whether it is a
    container (a mapping or a list, with its own place in the side map)."""
    if isinstance(kind, Obj | ListOf):
        return kind.load, None, True
    return kind.convert, kind.builder(), False


@dataclass(frozen=True)
class ListOf(Type):
    item: Type = field(default_factory=Text)
    min_items: int = 0
    one_or_many: bool = False  # a single value is accepted as a list of one
    what: Label = Label("một danh sách", "a list")

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        return self._read(node, path, ctx, self.item.convert, None, False)  # type: ignore

    def load(self, node: Node, path: Path, ctx: Context) -> tuple[object, ...] | Invalid:
        """The model's tuple, each item built (see :func:`load`)."""
        read, make, _ = _reader(self.item)
        return self._read(node, path, ctx, read, make, True)  # type: ignore[return-value]

    def _read(self, node: Node, path: Path, ctx: Context,
              read: Callable[[Node, Path, Context], object],
              make: Callable[[Value], object] | None, building: bool
              ) -> tuple[object, ...] | list[object] | Invalid:
        """The items checked: as a list of checked values, or (when ``building``) the
        model's tuple, positions going to ``ctx.where``."""
        if not isinstance(node, Seq):
            if self.one_or_many and isinstance(node, Scalar):
                value = read(node, path, ctx)
                if value is INVALID:
                    return INVALID
                one = value if make is None else make(value)  # type: ignore[arg-type]
                return (one,) if building else [one]
            if self.one_or_many and isinstance(node, Map) and isinstance(self.item, Obj):
                return self._one_object(node, path, ctx, read, make, building)
            return self.wrong_type(node, path, ctx)
        where = ctx.where if building else None
        base = -1 if where is None else where.open_list(node, ctx)
        marks = None if where is None else where.marks
        out: list[object] = []
        dropped: list[int] | None = None
        for i, child in enumerate(node.value):
            if marks is not None:  # Where.note, written out (see Obj._read)
                at = base + i
                mark = child.start_mark
                if mark.line < LINE_LIMIT - 1 and mark.column < COLUMN_LIMIT - 1:
                    marks[at] = (mark.line << 12) + mark.column + 4097  # 1-based both
                else:
                    where.note(at, child)  # type: ignore[union-attr]
                ctx.link = at
            value = read(child, (*path, i), ctx)
            if value is not INVALID:
                out.append(value if make is None else make(value))  # type: ignore[arg-type]
                continue
            dropped = [] if dropped is None else dropped
            dropped.append(i)
            if isinstance(child, Map) and path:
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
        if dropped is not None and where is not None:
            where.renumber(path, [i for i in range(len(node.value)) if i not in dropped])
        return tuple(out) if building else out

    def _one_object(self, node: Map, path: Path, ctx: Context,
                    read: Callable[[Node, Path, Context], object],
                    make: Callable[[Value], object] | None, building: bool
                    ) -> tuple[object, ...] | list[object] | Invalid:
        """One mapping where a list of them is accepted: a list of one, whose positions
        go to the side map as a list's (the model's path ``(..., 0, key)`` finds them)."""
        where = ctx.where if building else None
        if where is not None:
            at = where._open(node, 1 << 1, 1, ctx)
            where.note(at, node)
            ctx.link = at
        value = read(node, path, ctx)  # named as written: "replaces.agreement"
        if value is INVALID:
            return INVALID
        one = value if make is None else make(value)  # type: ignore[arg-type]
        return (one,) if building else [one]

    def build(self, value: Value) -> object:
        assert isinstance(value, list)
        return tuple([self.item.build(v) for v in value])

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


class _Step(NamedTuple):
    """What :meth:`Obj.load` does with one key, worked out once per declaration."""

    field: Field
    slot: int  # its place among the object's slots in the side map
    key: str  # the keyword argument it fills (its YAML name when it has no attribute)
    read: Callable[[Node, Path, Context], object]
    make: Callable[[Value], object] | None
    container: bool
    convert: Callable[[Node, Path, Context], Value | Invalid]  # to a checked value


@dataclass(frozen=True)
class Obj(Type, Generic[T]):
    """A mapping with known keys. ``one_of`` lists groups of keys of which exactly one
    group must be present (e.g. the ways to state a deadline)."""

    title: Label = Label("", "")
    fields: Sequence[Field] = ()
    one_of: Sequence[Sequence[str]] = ()
    what: Label = Label("một bảng khóa: giá trị", "a mapping")
    # the frozen dataclass (or function) the checked mapping becomes, called with keyword
    # arguments: each field's attribute, and what ``derive`` adds. ``derive`` is given
    # those arguments with the fields that have no attribute under their YAML names
    # (which are then left out of the call)
    builds: Callable[..., T] | None = None
    derive: Callable[[dict[str, object]], dict[str, object]] | None = None
    # in a list, the fields that identify an item across versions: one group, or one
    # group per way of writing the item (the first field of the group present names it)
    identity: Sequence[Sequence[str]] = ()
    # a value said as a whole in a sentence: these fields, when given, joined by ``sep``
    summary: Sequence[str] = ()
    ref: str | None = None  # how an ``Id(ref=...)`` names the items of this kind
    summary_sep: str = ", "

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "_slots", {f.name: i for i, f in enumerate(self.fields)})
        object.__setattr__(self, "_hidden", tuple(f.name for f in self.fields
                                                  if f.attribute is None))
        object.__setattr__(self, "_required", tuple(f for f in self.fields if f.required))
        attributes = {f.attribute for f in self.fields}
        assert not attributes & set(self._hidden), "a field without an attribute " \
            "must not share its name with another field's attribute"

    _ref_plans: dict[str, list[tuple[str, str, Obj[object] | None]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _steps: dict[str, _Step] = field(default_factory=dict, init=False, repr=False,
                                     compare=False)
    _by_name: dict[str, Field] = field(default_factory=dict, init=False, repr=False,
                                       compare=False)
    _slots: dict[str, int] = field(default_factory=dict, init=False, repr=False,
                                   compare=False)
    _hidden: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _required: tuple[Field, ...] = field(default=(), init=False, repr=False, compare=False)

    def field_map(self) -> dict[str, Field]:
        return self._by_name

    def slots(self) -> dict[str, int]:
        """Each key's place among the object's slots in the side map of positions."""
        return self._slots

    def key(self, value: Checked) -> Hashable:
        """The identity of one item (see ``identity``)."""
        for group in self.identity:
            if group[0] in value or group is self.identity[-1]:
                if len(self.identity) == 1 and len(group) == 1:
                    return cast(Hashable, value.get(group[0]))
                return (group[0], *(value.get(k) for k in group))
        return None

    def _plan(self) -> dict[str, _Step]:
        """The steps, worked out on first use (the declaration is complete by then)."""
        if not self._steps:
            for f in self.fields:
                read, make, container = _reader(f.type)
                self._steps[f.name] = _Step(f, self._slots[f.name], f.attribute or f.name,
                                            read, make, container, f.type.convert)
        return self._steps

    def references(self, value: object, ref: str, path: Path = ()
                   ) -> Iterator[tuple[Path, str]]:
        """Every reference to a ``ref`` item (an ``Id(ref=...)``) in ``value``, the object
        this declaration built, with its path in the model (indices into the model's
        tuples; ``Where.written`` gives the path as written)."""
        for name, attr, inner in self._reference_plan(ref):
            got = getattr(value, attr)
            if inner is None:  # the reference itself: one, or a tuple of them
                if isinstance(got, tuple):
                    for j, one in enumerate(got):
                        yield (*path, name, j), one
                elif got:
                    yield (*path, name), got
            elif isinstance(got, tuple):  # items that hold references
                for k, one in enumerate(got):
                    yield from inner.references(one, ref, (*path, name, k))
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
        """The model's object for a checked mapping (see :func:`check`), by keyword
        arguments; ``extra`` adds what the file does not say (e.g. where it was read)."""
        assert isinstance(value, dict)
        if self.builds is None:
            return cast(T, value)  # a mapping the model keeps as checked
        steps = self._plan()
        args: dict[str, object] = dict(extra)
        for name, v in value.items():
            step = steps[name]
            args[step.key] = step.field.type.build(v)
        return self._make(args)

    def _make(self, args: dict[str, object]) -> T:
        assert self.builds is not None
        if self.derive is not None:
            more = self.derive(args)
            for name in self._hidden:
                args.pop(name, None)
            args.update(more)
        return self.builds(**args)

    def convert(self, node: Node, path: Path, ctx: Context) -> Value | Invalid:
        return self._read(node, path, ctx, False)  # type: ignore[return-value]

    def load(self, node: Node, path: Path, ctx: Context) -> T | Invalid:
        """The model's object, built as soon as its keys are checked (see :func:`load`)."""
        args = self._read(node, path, ctx, True)
        if args is INVALID or self.builds is None:
            return args  # type: ignore[return-value]
        derive = self.derive
        if derive is not None:
            more = derive(args)
            for name in self._hidden:
                args.pop(name, None)
            args.update(more)
        return self.builds(**args)

    def _read(self, node: Node, path: Path, ctx: Context, building: bool
              ) -> dict[str, object] | Invalid:
        """Check every key of the mapping: the checked values by YAML name, or (when
        ``building``) the model's keyword arguments, positions going to ``ctx.where``."""
        if not isinstance(node, Map):
            return self.wrong_type(node, path, ctx)
        steps = self._steps or self._plan()
        where = ctx.where if building else None
        base = -1 if where is None else where.open_map(node, self._slots, ctx)
        marks = None if where is None else where.marks
        out: dict[str, object] = {}
        seen: dict[str, Node] = {}
        empty: list[str] | None = None
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
            step = steps.get(name)
            if step is None:
                ctx.report(key_node, "PP022", key=name,
                           where=self.title if path == () else key_name(path),
                           hint=did_you_mean(name, steps))
                continue
            spec, slot, key, read, make, container, convert = step
            if marks is not None:  # Where.note, written out: once per value of every file
                at = base + slot
                mark = value_node.start_mark
                if mark.line < LINE_LIMIT - 1 and mark.column < COLUMN_LIMIT - 1:
                    marks[at] = (mark.line << 12) + mark.column + 4097  # 1-based both
                else:
                    where.note(at, value_node)  # type: ignore[union-attr]
                if container:
                    ctx.link = at
            if isinstance(value_node, Scalar) and value_node.tag == NULL and \
                    is_plain(value_node):
                empty = [name] if empty is None else [*empty, name]
                continue  # "key:" with nothing after it means "not given"
            if building:
                value = read(value_node, (*path, name), ctx)
                if value is INVALID:
                    ok = ok and not spec.required
                    continue
                out[key] = value if make is None else make(value)  # type: ignore[arg-type]
            else:
                value = convert(value_node, (*path, name), ctx)
                if value is INVALID:
                    ok = ok and not spec.required
                    continue
                out[name] = value
        for f in self._required:
            if f.name not in seen or (empty is not None and f.name in empty):
                ctx.report(node, "PP021", key=f.name, what=_FIRST_SENTENCE.split(f.vi)[0])
                ok = False
        if self.one_of:
            present = [group for group in self.one_of if any(k in seen for k in group)]
            if len(present) != 1:
                ctx.report(node, "PP028", key=key_name(path) if path else self.title,
                           choices=" | ".join("+".join(g) for g in self.one_of),
                           found=(": " + ", ".join("+".join(g) for g in present))
                           if present else "")
                ok = False
            elif not all((steps[k].key if building else k) in out
                         for k in present[0] if k in seen):
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


def _top(root: Node, ctx: Context) -> bool:
    if not isinstance(root, Map):
        ctx.report(root, "PP020", found=FOUND[found_kind(root)])
        return False
    return True


def check(root: Node, spec: Obj[object], ctx: Context) -> Checked | None:
    """A file's top level as plain checked mappings; None when the file is unusable as a
    whole."""
    if not _top(root, ctx):
        return None
    value = spec.convert(root, (), ctx)
    return value if isinstance(value, dict) else None


def load(root: Node, spec: Obj[T], ctx: Context, **extra: object) -> T | None:
    """A file's top level as the model's object, built in one pass; ``extra`` adds what
    the file does not say (e.g. ``where``). None when the file is unusable as a whole.
    Where each value was written goes into ``ctx.where`` when it is given."""
    if not _top(root, ctx):
        return None
    ctx.link = -1
    args = spec._read(root, (), ctx, True)
    if args is INVALID:
        return None
    if spec.builds is None:
        return cast(T, args)
    args.update(extra)
    return spec._make(args)
