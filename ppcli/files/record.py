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
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ppcli.diagnostics import Diagnostic, Severity, diag
from ppcli.files.checks import reporter_of_record, validate
from ppcli.files.declaration import END_KINDS
from ppcli.files.fileio import (
    LOCK_NAME,
    FileProblem,
    atomic_write,
    exclusive_lock,
    os_problem,
    read_regular,
)
from ppcli.files.model import Agreement, Duty, Record, Registry
from ppcli.files.record_text import Lines, insert_entry
from ppcli.files.record_text import RecordError as RecordError  # raised here too
from ppcli.files.repository import Loaded, Repo, load, load_agreement
from ppcli.files.safe_read import MAX_BYTES
from ppcli.files.spec import Context, did_you_mean
from ppcli.files.yamlsource import compose, scalar_value
from ppcli.i18n import Label, day_month
from ppcli.periods import Frequency, parse_period, wrong_length
from ppcli.safetext import UNSAFE


@dataclass(frozen=True)
class Written:
    file: str
    first_line: int  # 1-based line of the first written line
    lines: tuple[str, ...]
    warnings: tuple[Label, ...] = field(default=())


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)




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
    found = UNSAFE.search(value)
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


def conference_entry(conference: str, on: dt.date, period: str | None = None) -> list[str]:
    """A conference's record; ``period`` for a recurring meeting's."""
    return [f"conference: {conference}",
            *([f"period: {_scalar(period)}"] if period is not None else []),
            f"date: {on.isoformat()}"]


def extension_entry(duty: str, period: str | None, until: dt.date, on: dt.date,
                    number: str | None, by: str | None) -> list[str]:
    """``extension:``: the period's new deadline (``until``), granted on ``on`` by ``by``."""
    return _office_entry("extension", duty, period, on, number, by,
                         [f"until: {until.isoformat()}"])


def reminder_entry(duty: str, period: str | None, kind: str, on: dt.date,
                   number: str | None, by: str | None, to: str | None) -> list[str]:
    """``reminder:``: an urging about the period (nhac-nho, phe-binh, kiem-diem), sent on
    ``on`` by ``by`` to ``to``."""
    return _office_entry("reminder", duty, period, on, number, by,
                         [f"reminder_kind: {kind}"] + ([f"to: {to}"] if to else []))


def _office_entry(key: str, duty: str, period: str | None, on: dt.date, number: str | None,
                  by: str | None, more: list[str]) -> list[str]:
    if number:
        _readable("--number", number)
    lines = [f"{key}: {duty}"]  # ids: checked against the agreement first
    if period is not None:
        lines.append(f"period: {_scalar(period)}")
    lines.append(f"date: {on.isoformat()}")
    lines += more
    if number:
        lines.append(f"number: {_scalar(number)}")
    if by:
        lines.append(f"by: {by}")
    return lines





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


def _check_report(a: Agreement, duty_id: str, period: str | None, by: str | None,
                  registry: Registry | None = None, on: dt.date | None = None,
                  check_by: bool = True) -> Duty:
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
            raise RecordError(wrong_length(period or "", duty_id, duty.frequency))
    elif period is not None:
        raise RecordError(Label(
            f"nghĩa vụ \"{duty_id}\" là báo cáo một lần, không có kỳ; bỏ \"{period}\" đi",
            f"the duty \"{duty_id}\" is a one-off report with no period; leave out "
            f"\"{period}\""))
    reporters = ", ".join(duty.reporters)
    if not check_by:
        return duty
    if by is None and len(duty.reporters) > 1:
        raise RecordError(Label(
            f"nghĩa vụ \"{duty_id}\" có nhiều bên báo cáo ({reporters}); hãy ghi rõ bên đã "
            "gửi bằng --by",
            f"the duty \"{duty_id}\" has several reporters ({reporters}); say which one sent "
            "it with --by"))
    if by is not None and by not in duty.reporters and (
            registry is None or on is None or reporter_of_record(registry, duty, by, on) is None):
        hint = did_you_mean(by, duty.reporters)
        heirs = _heirs(registry, duty, on)
        raise RecordError(Label(
            f"--by: \"{by}\" không phải bên báo cáo của nghĩa vụ \"{duty_id}\" "
            f"(các bên báo cáo: {reporters}{heirs.vi}){hint.vi}",
            f"--by: \"{by}\" is not a reporter of the duty \"{duty_id}\" "
            f"(its reporters: {reporters}{heirs.en}){hint.en}"))
    return duty


def _check_office(a: Agreement, kind: str, duty_id: str, period: str | None,
                  entry: list[str]) -> list[int]:
    """An extension or a reminder names one of the agreement's duties and one of its
    periods; returns the places of the same record already there (an extension of the
    period to the same day, a reminder of the same day, kind and party)."""
    _check_report(a, duty_id, period, None, check_by=False)
    data = dict(line.split(": ", 1) for line in entry[1:])

    def same(r: Record) -> bool:
        if r.kind != kind or r.item != duty_id or r.period != period:
            return False
        if kind == "extension":
            return r.until is not None and r.until.isoformat() == data.get("until")
        return (r.date.isoformat() == data.get("date")
                and r.reminder_kind == data.get("reminder_kind") and r.to == data.get("to"))

    return [k for k, r in enumerate(a.records) if same(r)]
def _heirs(registry: Registry | None, duty: Duty, on: dt.date | None) -> Label:
    """"; thay cho bên đã chấm dứt vào ngày đó: …": the successors that may record for the
    duty's ended reporters on ``on``."""
    if registry is None or on is None:
        return Label("", "")
    acting = [x for o in duty.reporters if registry.ended_by(o, on)
              for x in registry.acting_for(o, on)]
    if not acting:
        return Label("", "")
    names = ", ".join(dict.fromkeys(acting))
    return Label(f"; đơn vị kế thừa thực hiện thay vào ngày {day_month(on)}: {names}",
                 f"; successors acting for them on {on.isoformat()}: {names}")


def ended_sender(registry: Registry, by: str, on: dt.date) -> Label | None:
    """The warning ``record`` prints when the sender named had ended by the record's date
    (the same words as validate's PP073)."""
    org = registry.orgs.get(by)
    if org is None or org.ended is None or org.ended.date > on:
        return None
    acting = ", ".join(f"{registry.name(o)} ({o})" for o in registry.acting_for(by, on)) or "—"
    found = diag("", 0, 0, "PP073", key="by", org=f"{org.name} ({by})",
                 how=END_KINDS[org.ended.how], ended=day_month(org.ended.date),
                 date=day_month(on), acting=acting)
    return Label("Cảnh báo: " + found.message("vi"), "Warning: " + found.message("en"))


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


def _reporter(by: str | None, duty: Duty | None, registry: Registry | None = None,
              on: dt.date | None = None) -> str | None:
    """Who a report counts for: the one named (the reporter a successor acts for, on the
    record's date), else a duty's only reporter."""
    if by is not None:
        if duty is not None and registry is not None and on is not None:
            return reporter_of_record(registry, duty, by, on) or by
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
           early: bool = False, conference_period: str | None = None,
           office: tuple[str, str, str | None] | None = None) -> Written:
    """Append ``entry`` to the agreement's records after checking it; write atomically.

    The repository is loaded and checked first (seconds on thousands of files); then,
    under the lock, the agreement's file is read, extended, checked in memory with the
    same registry and configuration, and replaced. A record touches only its own file,
    so what the other files say cannot change its validity meanwhile; the lock keeps two
    ppcli processes from extending the same bytes. ``office``: (kind, duty, period) of
    an extension or a reminder.

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
                              on, early, conference_period, office)


def _alone(loaded: Loaded, agreement: Agreement, ctx: Context) -> Loaded:
    """The repository's registry and configuration with this one agreement: what a
    record's checks need (they never look at other agreement files)."""
    return Loaded(loaded.repo, loaded.config, loaded.registry, agreements=[agreement],
                  diags=list(ctx.diags), broken_items={agreement.id: ctx.broken_ids},
                  files=3)


def _record_locked(repo: Repo, loaded: Loaded, agreement_id: str, shown: str,
                   entry: list[str], today: dt.date,
                   report: tuple[str, str | None, str | None] | None,
                   conference: str | None, on: dt.date | None, early: bool,
                   conference_period: str | None = None,
                   office: tuple[str, str, str | None] | None = None) -> Written:
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
    if office is not None:
        same = _check_office(a, *office, entry)
    elif report is not None:
        duty_id, period, by = report
        day = on or today
        reg = loaded.registry
        duty = _check_report(a, duty_id, period, by, reg, day)
        who = _reporter(by, duty, reg, day)
        same = [k for k, r in enumerate(a.records) if r.kind == "report" and r.item == duty_id
                and r.period == period and _reporter(r.by, duty, reg, r.date) == who]
        sender_ended = ended_sender(reg, by, day) if by is not None else None
        warnings += (sender_ended,) if sender_ended is not None else ()
    else:
        if conference is not None and a.conference(conference) is None:
            known = ", ".join(c.id for c in a.conferences) or "—"
            hint = did_you_mean(conference, [c.id for c in a.conferences])
            raise RecordError(Label(
                f"thỏa thuận \"{a.id}\" không có hội nghị \"{conference}\" (có: {known}){hint.vi}",
                f"agreement \"{a.id}\" has no conference \"{conference}\" (it has: {known})"
                f"{hint.en}"))
        same = [k for k, r in enumerate(a.records)
                if r.kind == "conference" and r.item == conference
                and r.period == conference_period]
    if same:
        line, _ = a.where.at("records", same[0])
        earlier = a.records[same[0]]
        raise RecordError(Label(
            f"đã có bản ghi này ở {shown}, dòng {line} (ngày {day_month(earlier.date)}); "
            "không ghi trùng",
            f"already recorded in {shown}, line {line} ({earlier.date}); not "
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
        warnings = _early(on, report[1], early) + warnings

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
    entry_lines = Lines(new_text)
    lines = tuple(entry_lines.line(i) for i in range(first, first + len(entry)))
    return Written(shown, first + 1, lines, warnings)


def describe(written: Written, kind: str, item: str, period: str | None, on: dt.date,
             until: dt.date | None = None) -> Label:
    of = (f" kỳ {period}" if period else "", f" for {period}" if period else "")
    if kind == "report":
        what = Label(f"gửi báo cáo {item}{of[0]} ngày {day_month(on)}",
                     f"report {item}{of[1]} sent {on}")
    elif kind == "extension" and until is not None:
        what = Label(f"gia hạn báo cáo {item}{of[0]} đến {day_month(until)} (ngày "
                     f"{day_month(on)})", f"report {item}{of[1]} extended until {until} "
                     f"(granted {on})")
    elif kind == "reminder":
        what = Label(f"đôn đốc báo cáo {item}{of[0]} ngày {day_month(on)}",
                     f"urging about report {item}{of[1]} on {on}")
    else:
        what = Label(f"tổ chức hội nghị {item}{of[0]} ngày {day_month(on)}",
                     f"conference {item}{of[1]} held on {on}")
    return Label(f"Đã ghi nhận: {what.vi} — {written.file}, dòng {written.first_line}:",
                 f"Recorded: {what.en} — {written.file}, line {written.first_line}:")

