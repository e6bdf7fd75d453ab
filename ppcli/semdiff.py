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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from ppcli.format import AGREEMENT, AGREEMENT_KINDS, CONFERENCE_KINDS, CONFIG, END_KINDS, REGISTRY
from ppcli.i18n import Label, day_month
from ppcli.model import Registry, parse_planned
from ppcli.periods import FREQUENCY_LABELS, period_label
from ppcli.spec import Context, Obj, check
from ppcli.yamlsource import _Loader, parse_bytes

Path = tuple[Any, ...]

# lists whose items are compared by a key, not by position
KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "parties": lambda x: x.get("org"),
    "areas": lambda x: x.get("id"),
    "duties": lambda x: x.get("id"),
    "conferences": lambda x: x.get("id"),
    "organisations": lambda x: x.get("id"),
    "days_off": lambda x: x.get("date"),
    "working_days": lambda x: x.get("date"),
    "records": lambda x: ("report", x.get("report"), x.get("period"), x.get("by"))
    if "report" in x else ("conference", x.get("conference")),
}
WHOLE = {"deadline", "signer", "implements", "replaces", "ended", "default_deadline"}
SETS = {"from", "to", "host", "lead", "support", "successors"}

FIELD_NAMES = {
    "kind": Label("Loại", "Kind"), "title": Label("Tên", "Title"),
    "number": Label("Số, ký hiệu", "Number"), "signed": Label("Ngày ký", "Signed"),
    "place": Label("Địa danh", "Place"), "start": Label("Ngày bắt đầu", "Start"),
    "end": Label("Ngày kết thúc", "End"), "term": Label("Nhiệm kỳ", "Term"),
    "notes": Label("Ghi chú", "Notes"), "note": Label("Ghi chú", "Note"),
    "source": Label("Nguồn", "Source"), "legal_basis": Label("Căn cứ", "Legal basis"),
    "funding": Label("Kinh phí", "Funding"),
    "implements": Label("Văn bản cấp trên", "Parent programme"),
    "replaces": Label("Văn bản được thay thế", "Replaces"),
    "role": Label("Vai trò", "Role"), "lead": Label("Chủ trì", "Lead"),
    "support": Label("Phối hợp", "Support"), "details": Label("Việc cụ thể", "Details"),
    "from": Label("Bên báo cáo", "Reporter"), "to": Label("Nơi nhận", "Recipient"),
    "frequency": Label("Định kỳ", "Frequency"), "first": Label("Kỳ đầu", "First period"),
    "last": Label("Kỳ cuối", "Last period"), "host": Label("Chủ trì", "Host"),
    "name": Label("Tên", "Name"), "short": Label("Tên ngắn", "Short name"),
    "province": Label("Tỉnh", "Province"), "parent": Label("Cơ quan chủ quản", "Parent"),
    "code": Label("Chữ viết tắt", "Code"), "since": Label("Bắt đầu hoạt động", "Since"),
    "issuer": Label("Cơ quan ban hành", "Issuer"),
    "default_deadline": Label("Hạn báo cáo mặc định", "Default deadline"),
}


@dataclass(frozen=True)
class Change:
    kind: str  # 'added', 'removed', 'changed'
    path: str  # e.g. "duties/bao-cao-nam/deadline"
    text: Label


def read_data(data: bytes, shown: str, spec: Obj = AGREEMENT
              ) -> tuple[dict[str, Any] | None, int]:
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
        for event in yaml.parse(text, Loader=_Loader):
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
    old: Any
    new: Any


def _norm(key: Any, value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _norm(k, v) for k, v in value.items() if k != "_index"}
    if isinstance(value, list):
        items = [_norm(None, v) for v in value]
        return sorted(items, key=repr) if key in SETS else items
    return value


def raw_diff(old: Any, new: Any, path: Path = ()) -> list[Raw]:
    out: list[Raw] = []
    key = path[-1] if path else None
    if isinstance(old, dict) and isinstance(new, dict) and key not in WHOLE:
        for k in list(dict.fromkeys([*new, *old])):
            if k != "_index":
                out += raw_diff(old.get(k), new.get(k), (*path, k))
        return out
    if key in KEYS and (isinstance(old, list) or isinstance(new, list)):
        old, new = old or [], new or []
        ident = KEYS[key]
        olds = {ident(x): x for x in old if isinstance(x, dict)}
        news = {ident(x): x for x in new if isinstance(x, dict)}
        for k in list(dict.fromkeys([*news, *olds])):
            out += raw_diff(olds.get(k), news.get(k), (*path, k))
        return out
    before, after = _norm(key, old), _norm(key, new)
    if before != after and not (_empty(before) and _empty(after)):
        out.append(Raw(path, None if _empty(before) else before,
                       None if _empty(after) else after))
    return out


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


# -- sentences ------------------------------------------------------------------------------


def _deadline(d: dict[str, Any] | None) -> str:
    if not d:
        return "mặc định"
    if "day" in d and "month" in d:
        return f"{d['day']:02d}/{d['month']:02d}"
    if "day" in d:
        return f"ngày {d['day']} tháng cuối kỳ"
    if "days_after" in d:
        return f"{d['days_after']} ngày sau kỳ"
    if "working_days_after" in d:
        return f"{d['working_days_after']} ngày làm việc sau kỳ"
    if "date" in d:
        return day_month(d["date"])
    return "theo Nghị định 09/2019" if d.get("regime") == "nd09" else str(d)


def _text(value: Any, names: Callable[[str], str]) -> str:
    if value is None or value == [] or value == "":
        return "(trống)"
    if isinstance(value, dt.date):
        return day_month(value)
    if isinstance(value, list):
        return ", ".join(_text(v, names) for v in value)
    if isinstance(value, dict):
        if "name" in value:  # a signer
            return ", ".join(str(value[k]) for k in ("authority", "name", "position")
                             if value.get(k))
        if "title" in value or "number" in value:  # a document
            return " ".join(str(value[k]) for k in ("kind", "number", "title") if value.get(k))
        return ", ".join(f"{k}: {_text(v, names)}" for k, v in value.items())
    return str(value)



def describe(raw: Raw, old: dict[str, Any], new: dict[str, Any],
             names: Callable[[str], str]) -> Change:
    """One difference as a sentence."""
    p = raw.path
    kind = "added" if raw.old is None else "removed" if raw.new is None else "changed"
    where = "/".join(str(x) for x in p)
    item = raw.new if raw.new is not None else raw.old

    def sentence(vi: str, en: str) -> Change:
        return Change(kind, where, Label(vi, en))

    def arrow(label: Label, render: Callable[[Any], str] = lambda v: _text(v, names)) -> Change:
        return sentence(f"{label.vi}: {render(raw.old)} → {render(raw.new)}",
                        f"{label.en}: {render(raw.old)} → {render(raw.new)}")

    head = p[0] if p else ""
    if head == "parties" and len(p) == 2:
        name = names(p[1])
        return sentence(f"Thêm bên: {name}", f"Party added: {name}") if kind == "added" else \
            sentence(f"Bỏ bên: {name}", f"Party removed: {name}")
    if head == "parties" and len(p) == 3 and p[2] == "signer":
        return arrow(Label(f"Người ký ({names(p[1])})", f"Signer ({names(p[1])})"))
    if head in ("duties", "conferences", "areas") and len(p) == 2:
        return _item_change(head, kind, item, sentence)
    if head == "duties" and len(p) >= 3:
        duty = (new.get("duties") and _find(new["duties"], p[1])) or _find(old.get("duties"),
                                                                            p[1]) or {}
        freq = FREQUENCY_LABELS.get(duty.get("frequency", ""), Label("", ""))
        if p[2] == "deadline":
            return arrow(Label(f"Hạn báo cáo {freq.vi} ({p[1]})", f"Deadline of {p[1]}"),
                         _deadline)
        field = FIELD_NAMES.get(p[2], Label(p[2], p[2]))
        return arrow(Label(f"{field.vi} của nghĩa vụ {p[1]}", f"{field.en} of duty {p[1]}"),
                     (lambda v: ", ".join(names(x) for x in v) if isinstance(v, list)
                      else _text(v, names)) if p[2] in SETS else (lambda v: _text(v, names)))
    if head == "conferences" and len(p) >= 3:
        conf = _find(new.get("conferences"), p[1]) or _find(old.get("conferences"), p[1]) or {}
        label = CONFERENCE_KINDS.get(conf.get("kind", ""), Label("hội nghị", "conference"))
        if p[2] == "planned":
            return arrow(Label(f"Dời {label.vi.lower()} ({p[1]})",
                               f"{label.en} moved ({p[1]})"),
                         lambda v: parse_planned(v).text() if v is not None else "(trống)")
        field = FIELD_NAMES.get(p[2], Label(p[2], p[2]))
        return arrow(Label(f"{field.vi} của {label.vi.lower()} ({p[1]})",
                           f"{field.en} of {label.en} ({p[1]})"))
    if head == "records" and len(p) == 2:
        return _record_change(kind, raw, p[1], new or old, sentence)
    if head == "records":
        return arrow(Label(f"Sửa ghi nhận {p[1][1]} ({p[-1]})", f"Record {p[1][1]} ({p[-1]})"))
    if head == "organisations" and len(p) == 2:
        name = _text(item.get("name"), names) if isinstance(item, dict) else str(p[1])
        if kind == "added":
            return sentence(f"Thêm tổ chức: {name} ({p[1]})", f"Organisation added: {name}")
        return sentence(f"Bỏ tổ chức: {name} ({p[1]})", f"Organisation removed: {name}")
    if head == "organisations" and len(p) == 3 and p[2] == "ended":
        if raw.new is None:
            return sentence(f"{names(p[1])}: bỏ thông tin chấm dứt",
                            f"{names(p[1])}: end removed")
        how = END_KINDS.get(raw.new.get("how", ""), Label("", ""))
        succ = ", ".join(names(s) for s in raw.new.get("successors", []))
        return sentence(f"{names(p[1])}: {how.vi} từ {day_month(raw.new['date'])}"
                        + (f" vào {succ}" if succ else ""),
                        f"{names(p[1])}: {how.en} on {raw.new['date']}"
                        + (f" into {succ}" if succ else ""))
    if head == "organisations" and len(p) == 3:
        field = FIELD_NAMES.get(p[2], Label(p[2], p[2]))
        return arrow(Label(f"{field.vi} ({p[1]})", f"{field.en} ({p[1]})"))
    if head in ("days_off", "working_days") and len(p) == 2:
        what = Label("ngày nghỉ", "day off") if head == "days_off" else \
            Label("ngày làm bù", "make-up working day")
        verb = ("Thêm", "Added") if kind == "added" else ("Bỏ", "Removed")
        return sentence(f"{verb[0]} {what.vi}: {day_month(p[1])}",
                        f"{verb[1]} {what.en}: {p[1]}")
    if head == "kind":
        return arrow(FIELD_NAMES["kind"], lambda v: AGREEMENT_KINDS[v].vi
                     if v in AGREEMENT_KINDS else _text(v, names))
    field = FIELD_NAMES.get(p[-1] if p else "", Label(where, where)) if p else Label("", "")
    return arrow(field)


def _find(items: Any, key: str) -> dict[str, Any] | None:
    return next((x for x in items or [] if isinstance(x, dict) and x.get("id") == key), None)


def _item_change(head: str, kind: str, item: dict[str, Any],
                 sentence: Callable[[str, str], Change]) -> Change:
    if head == "duties":
        freq = FREQUENCY_LABELS.get(item.get("frequency", ""), Label("", ""))
        title = item.get("title") or item["id"]
        what = Label(f"nghĩa vụ báo cáo {freq.vi}: {title} ({item['id']})",
                     f"{freq.en} reporting duty: {title} ({item['id']})")
    elif head == "conferences":
        label = CONFERENCE_KINDS.get(item.get("kind", ""), Label("hội nghị", "conference"))
        planned = parse_planned(item["planned"]).text() if item.get("planned") else ""
        what = Label(f"{label.vi.lower()} ({item['id']}), dự kiến {planned}",
                     f"{label.en} ({item['id']}), planned {planned}")
    else:
        what = Label(f"nội dung phối hợp: {item.get('title', item['id'])}",
                     f"content area: {item.get('title', item['id'])}")
    if kind == "added":
        return sentence(f"Thêm {what.vi}", f"Added {what.en}")
    return sentence(f"Bỏ {what.vi}", f"Removed {what.en}")


def _record_change(kind: str, raw: Raw, key: tuple[Any, ...], data: dict[str, Any],
                   sentence: Callable[[str, str], Change]) -> Change:
    record = raw.new if raw.new is not None else raw.old
    verb = ("Ghi nhận", "Recorded") if kind == "added" else ("Xóa ghi nhận", "Record removed:")
    if key[0] == "report":
        duties = data.get("duties") or []
        label = period_label(key[2])
        which = f"{key[1]}; " if len(duties) > 1 else ""
        number = f"Số {record['number']}, " if record.get("number") else ""
        return sentence(
            f"{verb[0]} đã gửi báo cáo {label} ({which}{number}ngày {day_month(record['date'])})",
            f"{verb[1]} report {key[2] or ''} sent ({which}{number}{record['date']})")
    conf = _find(data.get("conferences"), key[1]) or {}
    title = conf.get("title") or CONFERENCE_KINDS.get(conf.get("kind", ""),
                                                      Label("hội nghị", "")).vi
    return sentence(f"{verb[0]} đã tổ chức {title[:1].lower() + title[1:]} "
                    f"ngày {day_month(record['date'])}",
                    f"{verb[1]} conference {key[1]} held on {record['date']}")


def diff_agreement(old: dict[str, Any] | None, new: dict[str, Any] | None,
                   registry: Registry | None, context: dict[str, Any] | None = None
                   ) -> list[Change]:
    """The changes of meaning. With no registry, organisations are written as markers
    that :func:`name_orgs` replaces later (so that cached history follows the names
    in the registry of the day). ``context``: the agreement's duties and conferences
    when ``old`` and ``new`` are only the changed parts (:mod:`ppcli.partial`)."""
    def names(oid: str) -> str:
        return registry.name(oid, short=True) if registry is not None else f"\x00{oid}\x00"
    base = context or {}
    return [describe(r, {**base, **(old or {})}, {**base, **(new or {})}, names)
            for r in raw_diff(old or {}, new or {})]


_MARKER = re.compile("\x00([^\x00]*)\x00")


def name_orgs(change: Change, registry: Registry) -> Change:
    """A change with the organisation markers replaced by today's short names."""
    if "\x00" not in change.text.vi:
        return change

    def sub(text: str) -> str:
        return _MARKER.sub(lambda m: registry.name(m.group(1), short=True), text)
    return Change(change.kind, change.path, Label(sub(change.text.vi), sub(change.text.en)))


def diff_registry(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[Change]:
    known = {o["id"]: o.get("short") or o["name"]
             for data in (old, new) if data for o in data.get("organisations", [])}

    def names(oid: str) -> str:
        return str(known.get(oid, oid))
    return [describe(r, old or {}, new or {}, names) for r in raw_diff(old or {}, new or {})]


SPECS = {"agreement": AGREEMENT, "registry": REGISTRY, "config": CONFIG}


def normalised(data: dict[str, Any]) -> str:
    """A file's data as sorted ``path: value`` lines: what ``git diff`` shows through the
    ppcli diff driver (``ppcli init`` sets it up), so that plain ``git diff`` and
    ``git log -p`` show changes of meaning, not of order or formatting."""
    lines: list[str] = []

    def walk(value: Any, path: str, key: Any) -> None:
        if isinstance(value, dict) and key not in WHOLE:
            for k in sorted(k for k in value if k != "_index"):
                walk(value[k], f"{path}.{k}" if path else k, k)
        elif isinstance(value, list) and key in KEYS:
            ident = KEYS[key]
            for item in sorted((x for x in value if isinstance(x, dict)),
                               key=lambda x: repr(ident(x))):
                label = ident(item)
                label = "/".join(str(p) for p in label if p) if isinstance(label, tuple) \
                    else label
                walk(item, f"{path}[{label}]", None)
        else:
            lines.append(f"{path}: {_flat(_norm(key, value))}")

    walk(data, "", None)
    return "\n".join(lines) + "\n"


def _flat(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flat(v)}" for k, v in sorted(value.items())) + "}"
    return str(value).replace("\n", "\\n")
