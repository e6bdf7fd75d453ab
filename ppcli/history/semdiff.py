"""What changed between two versions of an agreement, said in the clerk's words.

Both versions are read with the same checks as ``validate`` into plain data; lists of
things that have an identity (parties by organisation, duties, conferences and content
areas by id, records by what they record) are compared by that identity, never by
position, so reordering is not a change. Each difference becomes one sentence:
"Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 10/12", "Thêm bên: Hội Nông dân tỉnh",
"Ghi nhận đã gửi báo cáo năm 2024 (Số 12/BC-SNV, ngày 10/12/2024)".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import yaml

from ppcli.engine.schedule import Rule, rule_label
from ppcli.files.declaration import (
    AGREEMENT,
    AREA,
    CONFERENCE,
    CONFERENCE_KINDS,
    CONFIG,
    DEADLINE,
    DUTY,
    END_KINDS,
    ENDED,
    ORGANISATION,
    OTHER_PARTIES_LABEL,
    RECORD,
    REGISTRY,
    REMINDER_KINDS,
)
from ppcli.files.model import OTHER_PARTIES, Record, RecordKind, Registry, parse_planned
from ppcli.files.spec import (
    Checked,
    Compare,
    Context,
    Enum,
    Field,
    ListOf,
    Obj,
    Planned,
    Type,
    Value,
    check,
)
from ppcli.files.yamlsource import parse_bytes, parse_events
from ppcli.i18n import Label, day_month
from ppcli.periods import FREQUENCY_LABELS, period_label

# A path in a file's data: field names, and the identities of the items of lists.
Path: TypeAlias = tuple[Hashable, ...]
Names = Callable[[str], str]
EMPTY = Label("(trống)", "(empty)")
_M = TypeVar("_M")


@dataclass(frozen=True)
class Change:
    kind: str  # 'added', 'removed', 'changed'
    path: str  # e.g. "duties/bao-cao-nam/deadline"
    text: Label


def read_data(data: bytes, shown: str, spec: Obj[object] = AGREEMENT) -> tuple[Checked | None, int]:
    """A file's checked data (None if unusable) and its number of errors."""
    ctx = Context(shown)
    source, diags = parse_bytes(shown, data)
    ctx.diags.extend(diags)
    value = check(source.root, spec, ctx) if source and source.root is not None else None
    errors = sum(1 for d in ctx.diags if d.severity.value == "error")
    return value, errors


def quick_header(data: bytes) -> tuple[str | None, str | None] | None:
    """The top-level ``id`` and ``title`` of a YAML file, read from the first parser
    events only (titles are near the top): what ``history`` shows for a file that was
    added or removed, without parsing all of it. None when the text does not parse."""
    try:
        text = data.decode("utf-8-sig")
        found: dict[str, str] = {}
        depth, key, expect_key = 0, None, True
        for event in parse_events(text):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if depth == 1 and not expect_key:
                    key = None  # a collection value: not id or title
                    expect_key = True
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 0:
                    break
            elif isinstance(event, yaml.ScalarEvent) and depth == 1:
                if expect_key:
                    key = event.value
                else:
                    if key in ("id", "title"):
                        found[key] = event.value.strip()
                    if len(found) == 2:
                        break
                expect_key = not expect_key
            elif isinstance(event, yaml.AliasEvent) and depth == 1:
                expect_key = not expect_key
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return found.get("id"), found.get("title")


# -- the raw differences --------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    path: Path
    old: Value | None
    new: Value | None
    field: Field | None  # the field at the end of the path (None: an item of a list)


def _item_type(kind: Type) -> Type:
    return kind.item if isinstance(kind, ListOf) else kind


def _norm(value: Value, field: Field | None, kind: Type | None) -> Value:
    """A value made comparable: the lists whose order means nothing sorted."""
    if isinstance(value, dict):
        known = kind.field_map() if isinstance(kind, Obj) else {}
        return {k: _norm(v, known.get(k), known[k].type if k in known else None)
                for k, v in value.items()}
    if isinstance(value, list):
        item = _item_type(kind) if kind is not None else None
        items = [_norm(v, None, item) for v in value]
        if field is not None and field.comparison is Compare.SET:
            return sorted(items, key=repr)
        return items
    return value


def raw_diff(old: Value | None, new: Value | None, spec: Type, field: Field | None = None,
             path: Path = ()) -> list[Raw]:
    """The differences between two checked values of type ``spec``, compared as the
    declaration says (``Field.comparison``, ``Obj.identity``)."""
    out: list[Raw] = []
    compare = field.comparison if field is not None else Compare.FIELDS
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(spec, Obj) \
            and compare is Compare.FIELDS:
        known = spec.field_map()
        for k in dict.fromkeys([*new, *old]):
            out += raw_diff(old.get(k), new.get(k), known[k].type, known[k], (*path, k))
        return out
    if compare is Compare.KEYED and isinstance(spec, ListOf) and isinstance(spec.item, Obj) \
            and (isinstance(old, list) or isinstance(new, list)):
        item = spec.item
        olds = {item.key(x): x for x in _items(old)}
        news = {item.key(x): x for x in _items(new)}
        for ident in dict.fromkeys([*news, *olds]):
            out += raw_diff(olds.get(ident), news.get(ident), item, None, (*path, ident))
        return out
    before = None if old is None else _norm(old, field, spec)
    after = None if new is None else _norm(new, field, spec)
    if before != after and not (_empty(before) and _empty(after)):
        out.append(Raw(path, None if _empty(before) else before,
                       None if _empty(after) else after, field))
    return out


def _items(value: Value | None) -> list[Checked]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _empty(value: Value | None) -> bool:
    return value is None or value == [] or value == {} or value == ""


# -- sentences ------------------------------------------------------------------------------


def _same(text: str) -> Label:
    return Label(text, text)


def _join(labels: list[Label], sep: str) -> Label:
    return Label(sep.join(x.vi for x in labels), sep.join(x.en for x in labels))


def _text(value: Value | None, field: Field | None, names: Names) -> Label:
    """A value as the clerk reads it, by what its field declares: organisations by
    name, enumerated words by their labels, deadlines in words."""
    kind = field.type if field is not None else None
    if kind is DEADLINE and (value is None or isinstance(value, dict)):
        return _deadline(value)  # none written: the default rule
    if value is None or value == [] or value == "":
        return EMPTY
    if isinstance(value, list):
        one = Field(field.name, _item_type(field.type), "") if field is not None else None
        sep = "; " if one is not None and isinstance(one.type, Obj) else ", "
        return _join([_text(v, one, names) for v in value], sep)
    if field is not None and field.refers_to("org") and value == OTHER_PARTIES:
        return OTHER_PARTIES_LABEL
    if field is not None and field.refers_to("org") and isinstance(value, str):
        return _same(names(value))
    if isinstance(kind, Enum):
        return kind.label(value) or _same(str(value))
    if isinstance(value, dt.date):
        return _same(day_month(value))
    if isinstance(kind, Planned) and isinstance(value, str):
        return _same(parse_planned(value).text())
    if isinstance(value, dict):
        if isinstance(kind, Obj) and kind.summary:
            fields = kind.field_map()
            shown = [k for k in kind.summary if value.get(k)] \
                or [k for k in fields if value.get(k)]  # e.g. a document named by its id
            return _join([_text(value[k], fields.get(k), names) for k in shown],
                         kind.summary_sep)
        known = kind.field_map() if isinstance(kind, Obj) else {}
        parts = [(k, _text(v, known.get(k), names)) for k, v in value.items()]
        return Label(", ".join(f"{k}: {t.vi}" for k, t in parts),
                     ", ".join(f"{k}: {t.en}" for k, t in parts))
    return _same(str(value))


def _deadline(value: Checked | None) -> Label:
    """A deadline rule in words: :func:`ppcli.engine.schedule.rule_label`, brief."""
    rule = Rule(DEADLINE.build(value), "agreement") if value else None
    return rule_label(rule, brief=True)


def _field_at(spec: Type, path: Path) -> Field | None:
    """The declared field at the end of ``path`` (the identities of items skipped)."""
    found: Field | None = None
    kind: Type = spec
    for part in path:
        if isinstance(kind, ListOf):
            kind = kind.item  # ``part`` is an item's identity
        elif isinstance(kind, Obj) and isinstance(part, str) and part in kind.field_map():
            found = kind.field_map()[part]
            kind = found.type
        else:
            return None
    return found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(raw: Raw, old: Checked, new: Checked, names: Names,
             spec: Obj[object] = AGREEMENT) -> Change:
    """One difference as a sentence. Items are read through the model the declaration
    builds (a duty's frequency, a conference's kind, a record's date)."""
    p = raw.path
    kind = "added" if raw.old is None else "removed" if raw.new is None else "changed"
    where = "/".join(str(x) for x in p)
    item = raw.new if isinstance(raw.new, dict) else raw.old if isinstance(raw.old, dict) \
        else None
    field = raw.field

    def sentence(vi: str, en: str) -> Change:
        return Change(kind, where, Label(vi, en))

    def arrow(label: Label) -> Change:
        before, after = _text(raw.old, field, names), _text(raw.new, field, names)
        return sentence(f"{label.vi}: {before.vi} → {after.vi}",
                        f"{label.en}: {before.en} → {after.en}")

    head = p[0] if p else ""
    key = str(p[1]) if len(p) > 1 and not isinstance(p[1], tuple) else ""
    name = field.label if field is not None else _same(where)
    if head == "parties" and len(p) == 2:
        org = names(key)
        return sentence(f"Thêm bên: {org}", f"Party added: {org}") if kind == "added" else \
            sentence(f"Bỏ bên: {org}", f"Party removed: {org}")
    if head == "parties" and len(p) >= 3:
        org = names(key)
        return arrow(Label(f"{name.vi} ({org})", f"{name.en} ({org})"))
    if head in ("duties", "conferences", "areas") and len(p) == 2 and item is not None:
        return _item_change(str(head), kind, item, sentence)
    if head == "duties" and len(p) >= 3:
        duty = _built(DUTY, new.get("duties"), key) or _built(DUTY, old.get("duties"), key)
        freq = FREQUENCY_LABELS[duty.frequency] if duty else Label("", "")
        if p[2] == "deadline":
            return arrow(Label(f"Hạn báo cáo {freq.vi} ({key})", f"Deadline of {key}"))
        return arrow(Label(f"{name.vi} của nghĩa vụ {key}", f"{name.en} of duty {key}"))
    if head == "conferences" and len(p) >= 3:
        conf = _built(CONFERENCE, new.get("conferences"), key) or \
            _built(CONFERENCE, old.get("conferences"), key)
        label = CONFERENCE_KINDS[conf.kind] if conf else Label("hội nghị", "conference")
        if p[2] == "planned":
            return arrow(Label(f"Dời {label.vi.lower()} ({key})",
                               _capital(f"{label.en} moved ({key})")))
        return arrow(Label(f"{name.vi} của {label.vi.lower()} ({key})",
                           f"{name.en} of {label.en} ({key})"))
    if head == "areas" and len(p) >= 3:
        return arrow(Label(f"{name.vi} của nội dung phối hợp {key}",
                           f"{name.en} of content area {key}"))
    if head == "records" and len(p) == 2 and item is not None:
        return _record_change(kind, RECORD.build(item), new or old, sentence)
    if head == "records" and len(p) > 2 and isinstance(p[1], tuple):
        what = p[1][1]
        return arrow(Label(f"Sửa ghi nhận {what} ({name.vi})",
                           f"Record {what} ({name.en.lower()})"))
    if head == "organisations" and len(p) == 2:
        org = ORGANISATION.build(item).name if item is not None else key
        if kind == "added":
            return sentence(f"Thêm tổ chức: {org} ({key})", f"Organisation added: {org}")
        return sentence(f"Bỏ tổ chức: {org} ({key})", f"Organisation removed: {org}")
    if head == "organisations" and len(p) == 3 and p[2] == "ended":
        org = names(key)
        if not isinstance(raw.new, dict):
            return sentence(f"{org}: bỏ thông tin chấm dứt", f"{org}: end removed")
        end = ENDED.build(raw.new)
        how = END_KINDS[end.how]
        succ = ", ".join(names(s) for s in end.successors)
        return sentence(f"{org}: {how.vi} từ {day_month(end.date)}"
                        + (f" vào {succ}" if succ else ""),
                        f"{org}: {how.en} on {end.date}" + (f" into {succ}" if succ else ""))
    if head == "organisations" and len(p) >= 3:
        return arrow(Label(f"{name.vi} ({key})", f"{name.en} ({key})"))
    if head in ("days_off", "working_days") and len(p) == 2:
        what = spec.field_map()[str(head)].label
        verb = ("Thêm", "Added") if kind == "added" else ("Bỏ", "Removed")
        day = p[1]
        shown = day_month(day) if isinstance(day, dt.date) else str(day)
        return sentence(f"{verb[0]} {_lower(what.vi)}: {shown}",
                        f"{verb[1]} {_lower(what.en)}: {day}")
    if head == "issued_by" and len(p) >= 2:  # one field of the issuing decision
        whole = spec.field_map()["issued_by"].label if "issued_by" in spec.field_map() \
            else name
        return arrow(Label(f"{whole.vi}, {_lower(name.vi)}",
                           f"{whole.en}, {_lower(name.en)}"))
    return arrow(name)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _find(items: Value | None, key: Hashable) -> Checked | None:
    return next((x for x in _items(items) if x.get("id") == key), None)


def _built(obj: Obj[_M], items: Value | None, key: Hashable) -> _M | None:
    """The item of ``items`` with id ``key``, as the model's object."""
    found = _find(items, key)
    return None if found is None else obj.build(found)


def _item_change(head: str, kind: str, item: Checked,
                 sentence: Callable[[str, str], Change]) -> Change:
    if head == "duties":
        duty = DUTY.build(item)
        freq = FREQUENCY_LABELS[duty.frequency]
        title = duty.title or duty.id
        what = Label(f"nghĩa vụ báo cáo {freq.vi}: {title} ({duty.id})",
                     f"{freq.en} reporting duty: {title} ({duty.id})")
    elif head == "conferences":
        conf = CONFERENCE.build(item)
        label = CONFERENCE_KINDS[conf.kind]
        if conf.planned is not None:
            planned = conf.planned.text()
            what = Label(f"{label.vi.lower()} ({conf.id}), dự kiến {planned}",
                         f"{label.en} ({conf.id}), planned {planned}")
        else:  # a recurring meeting
            freq = FREQUENCY_LABELS.get(conf.frequency or "", Label("", ""))
            what = Label(f"{label.vi.lower()} ({conf.id}), họp {freq.vi}",
                         f"{label.en} ({conf.id}), held {freq.en}")
    else:
        area = AREA.build(item)
        what = Label(f"nội dung phối hợp: {area.title}", f"content area: {area.title}")
    if kind == "added":
        return sentence(f"Thêm {what.vi}", f"Added {what.en}")
    return sentence(f"Bỏ {what.vi}", f"Removed {what.en}")


def _record_change(kind: str, record: Record, data: Checked,
                   sentence: Callable[[str, str], Change]) -> Change:
    verb = ("Ghi nhận", "Recorded") if kind == "added" else ("Xóa ghi nhận", "Record removed:")
    if record.kind is RecordKind.REPORT:
        label = period_label(record.period)
        which = f"{record.item}; " if len(_items(data.get("duties"))) > 1 else ""
        number = Label(f"Số {record.number}, ", f"No. {record.number}, ") \
            if record.number else Label("", "")
        return sentence(
            f"{verb[0]} đã gửi báo cáo {label} ({which}{number.vi}ngày "
            f"{day_month(record.date)})",
            f"{verb[1]} report {record.period or ''} sent ({which}{number.en}{record.date})")
    if record.kind in (RecordKind.EXTENSION, RecordKind.REMINDER):
        return _office_sentence(verb, record, data, sentence)
    conf = _built(CONFERENCE, data.get("conferences"), record.item)
    title = (conf.title or CONFERENCE_KINDS[conf.kind].vi) if conf else "hội nghị"
    of = Label(f" {period_label(record.period)}", f" for {record.period}") \
        if record.period else Label("", "")  # a recurring meeting's period
    return sentence(f"{verb[0]} đã tổ chức {_lower(title)}{of.vi} ngày "
                    f"{day_month(record.date)}",
                    f"{verb[1]} conference {record.item}{of.en} held on {record.date}")


def _office_sentence(verb: tuple[str, str], record: Record, data: Checked,
                     sentence: Callable[[str, str], Change]) -> Change:
    """"Ghi nhận gia hạn báo cáo quý I/2026 đến 30/04/2026 (Số 15/CV-UBND, ngày
    10/04/2026)", "Ghi nhận đôn đốc (nhắc nhở) báo cáo quý I/2026 (ngày 20/04/2026)"."""
    label = period_label(record.period)
    which = f"{record.item}; " if len(_items(data.get("duties"))) > 1 else ""
    number = (f"Số {record.number}, ", f"No. {record.number}, ") if record.number else ("", "")
    of = (f" báo cáo {label}".rstrip(), f" of report {record.period or ''}".rstrip())
    if record.kind is RecordKind.EXTENSION:
        until = record.until
        return sentence(
            f"{verb[0]} gia hạn{of[0]} đến {day_month(until) if until else '?'} "
            f"({which}{number[0]}ngày {day_month(record.date)})",
            f"{verb[1]} extension{of[1]} until {until or '?'} "
            f"({which}{number[1]}{record.date})")
    kind = REMINDER_KINDS.get(record.reminder_kind or "", Label("", ""))
    how = (f" ({kind.vi})" if kind.vi else "", f" ({kind.en})" if kind.en else "")
    to = (f" tới {record.to}" if record.to else "", f" to {record.to}" if record.to else "")
    return sentence(
        f"{verb[0]} đôn đốc{how[0]}{of[0]}{to[0]} ({which}{number[0]}ngày "
        f"{day_month(record.date)})",
        f"{verb[1]} urging{how[1]}{of[1]}{to[1]} ({which}{number[1]}{record.date})")


def _marker(oid: str) -> str:
    return f"\x00{oid}\x00"


def diff_agreement(old: Checked | None, new: Checked | None, registry: Registry | None,
                   context: Checked | None = None, spec: Obj[object] = AGREEMENT) -> list[Change]:
    """The changes of meaning. With no registry, organisations are written as markers
    that :func:`name_orgs` replaces later (so that cached history follows the names
    in the registry of the day). ``context``: the agreement's duties and conferences
    when ``old`` and ``new`` are only the changed parts (:mod:`ppcli.history.partial`).
    ``spec``: the repository configuration is compared the same way."""
    def names(oid: str) -> str:
        return registry.name(oid, short=True) if registry is not None else _marker(oid)
    base = context or {}
    return [describe(r, {**base, **(old or {})}, {**base, **(new or {})}, names, spec)
            for r in raw_diff(old or {}, new or {}, spec)]


_MARKER = re.compile("\x00([^\x00]*)\x00")


def name_orgs(change: Change, registry: Registry) -> Change:
    """A change with the organisation markers replaced by today's short names."""
    if "\x00" not in change.text.vi:
        return change

    def sub(text: str) -> str:
        return _MARKER.sub(lambda m: registry.name(m.group(1), short=True), text)
    return Change(change.kind, change.path, Label(sub(change.text.vi), sub(change.text.en)))


def diff_registry(old: Checked | None, new: Checked | None) -> list[Change]:
    known: dict[str, str] = {}
    for data in (old, new):
        for org in (data or {}).get("organisations") or []:  # type: ignore[union-attr]
            if isinstance(org, dict):
                known[str(org["id"])] = str(org.get("short") or org["name"])

    def names(oid: str) -> str:
        return known.get(oid, oid)
    return [describe(r, old or {}, new or {}, names, REGISTRY)
            for r in raw_diff(old or {}, new or {}, REGISTRY)]


SPECS: dict[str, Obj[object]] = {"agreement": AGREEMENT, "registry": REGISTRY,
                                  "config": CONFIG}


def normalised(data: Checked, spec: Obj[object] = AGREEMENT) -> str:
    """A file's data as sorted ``path: value`` lines: what ``git diff`` shows through the
    ppcli diff driver (``ppcli init`` sets it up), so that plain ``git diff`` and
    ``git log -p`` show changes of meaning, not of order or formatting."""
    lines: list[str] = []

    def walk(value: Value | None, path: str, field: Field | None, kind: Type) -> None:
        compare = field.comparison if field is not None else Compare.FIELDS
        if isinstance(value, dict) and isinstance(kind, Obj) and compare is Compare.FIELDS:
            known = kind.field_map()
            for k in sorted(value):
                walk(value[k], f"{path}.{k}" if path else k, known[k], known[k].type)
        elif isinstance(value, list) and compare is Compare.KEYED \
                and isinstance(kind, ListOf) and isinstance(kind.item, Obj):
            item = kind.item
            for x in sorted((x for x in value if isinstance(x, dict)),
                            key=lambda x: repr(item.key(x))):
                label = item.key(x)
                shown = "/".join(str(p) for p in label if p) if isinstance(label, tuple) \
                    else label
                walk(x, f"{path}[{shown}]", None, item)
        else:
            flat = None if value is None else _norm(value, field, kind)
            lines.append(f"{path}: {_flat(flat)}")

    walk(data, "", None, spec)
    return "\n".join(lines) + "\n"


def _flat(value: Value | None) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flat(v)}" for k, v in sorted(value.items())) + "}"
    return str(value).replace("\n", "\\n")
