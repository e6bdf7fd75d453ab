"""The due list as text (grouped, for the terminal), Markdown and CSV. JSON is in
:mod:`ppcli.engine.due`. Nothing here prints."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from ppcli.engine.due import EXPIRY_TITLE, DueItem, next_commands, to_json
from ppcli.engine.schedule import State
from ppcli.engine.timeliness import TIMELINESS_LABELS
from ppcli.engine.workdays import WEEKDAY_EN, WEEKDAY_VI
from ppcli.files.model import Registry
from ppcli.i18n import Label, Lang, short_date
from ppcli.periods import Run, parse_period, runs
from ppcli.safetext import one_line, visible

GROUPS: tuple[tuple[str, Label], ...] = (
    ("overdue", Label("QUÁ HẠN", "OVERDUE")),
    ("soon", Label("SẮP ĐẾN HẠN", "DUE SOON")),
    ("conference", Label("HỘI NGHỊ SẮP TỚI", "CONFERENCES COMING")),
    ("expiry", Label("THỎA THUẬN SẮP HẾT HIỆU LỰC", "AGREEMENTS ENDING")),
    ("review", Label("THỎA THUẬN CẦN RÀ SOÁT, KÝ LẠI", "AGREEMENTS TO REVIEW AND SIGN ANEW")),
)


def group_of(item: DueItem) -> str:
    if item.status is State.OVERDUE:
        return "overdue"
    return {"report": "soon", "conference": "conference", "expiry": "expiry",
            "review": "review"}[item.type]


def grouped(items: Sequence[DueItem]) -> list[tuple[str, Label, list[DueItem]]]:
    return [(key, label, [i for i in items if group_of(i) == key]) for key, label in GROUPS]


def when(item: DueItem, today: dt.date, lang: Lang) -> str:
    """``quá 12 ngày``, ``hôm nay``, ``còn 5 ngày``."""
    if item.type == "review":  # a state since that day, not a deadline
        return f"từ {short_date(item.due, lang)}" if lang == "vi" else \
            f"since {short_date(item.due, lang)}"
    days = item.days_from(today)
    if days < 0:
        return f"quá {-days} ngày" if lang == "vi" else f"{-days} days late"
    if days == 0:
        return "hôm nay" if lang == "vi" else "today"
    return f"còn {days} ngày" if lang == "vi" else f"in {days} days"


def deadline_word(item: DueItem, lang: Lang) -> str:
    """How the deadline's source is said beside its date: stated by the agreement ("hạn
    theo quy định"), or assumed ("hạn giả định": the repository's or ppcli's default)."""
    if item.deadline_source in ("repository", "builtin"):
        return "hạn giả định" if lang == "vi" else "assumed deadline"
    return "hạn theo quy định" if lang == "vi" else "nominally"


def due_text(item: DueItem, lang: Lang) -> str:
    """The effective deadline, with the nominal one when a day off moved it."""
    text = short_date(item.due, lang)
    if item.nominal_due != item.due:
        reason = item.moved_because or ""
        if lang == "en" and reason in WEEKDAY_VI:  # holiday names stay as the law names them
            reason = WEEKDAY_EN[WEEKDAY_VI.index(reason)]
        text += (f" ({deadline_word(item, lang)} {short_date(item.nominal_due, lang)} là "
                 f"{reason}, lùi sang ngày làm việc kế tiếp)" if lang == "vi" else
                 f" ({deadline_word(item, lang)} {short_date(item.nominal_due, lang)}, a "
                 f"{reason}; moved to the next working day)")
    return text


def data_window_text(item: DueItem, lang: Lang) -> str:
    """The days a report's figures cover, beside its deadline, where known (the duty's
    ``cutoff`` or the state regime: :func:`ppcli.engine.schedule.data_window`)."""
    if item.data_window is None:
        return ""
    start, end = (short_date(d, lang) for d in item.data_window)
    return (f"Số liệu báo cáo tính từ ngày {start} đến ngày {end}" if lang == "vi"
            else f"Figures from {start} to {end}")


def _names(registry: Registry, orgs: Sequence[str],
           acting: dict[str, tuple[str, ...]] | None = None, lang: Lang = "vi") -> str:
    """The organisations' short names; with ``acting`` (who acts for whom on the day
    concerned), a body that has ended is named by the successor acting for it, the party
    of record in brackets: "Tỉnh đoàn An Giang (thay Tỉnh đoàn Kiên Giang)"."""
    out: list[str] = []
    for o in orgs:
        name = registry.name(o, short=True)
        now = acting.get(o, (o,)) if acting else (o,)
        if now == (o,):
            out.append(name)
        elif now:
            out.append(f"{_names(registry, now)} ({'thay' if lang == 'vi' else 'for'} {name})")
        else:
            out.append(f"{name} ({'đã giải thể, không có đơn vị kế thừa' if lang == 'vi' else 'dissolved, no successor'})")
    return ", ".join(out)


def acting_map(items: Sequence[DueItem]) -> dict[str, tuple[str, ...]]:
    """Who acts for whom in ``items`` (their parties and recipients), the later items'
    answer kept: the newest period of a run is the one acted on."""
    out: dict[str, tuple[str, ...]] = {}
    for i in items:
        if i.acting:
            out.update(zip(i.party, i.acting, strict=False))
        if i.acting_recipients:
            out.update(zip(i.recipients, i.acting_recipients, strict=False))
    return out


def sent_note(item: DueItem, registry: Registry, lang: Lang) -> str:
    """"(Sở Nội vụ đã gửi)" when some of several reporters have sent an open period."""
    if not (item.party and item.sent_by):
        return ""
    names = _names(registry, item.sent_by)
    return f"({names} đã gửi)" if lang == "vi" else f"({names} has sent)"


def _runs(bundle: Sequence[DueItem]) -> list[Run]:
    return runs(p for p in (parse_period(i.period or "") for i in bundle) if p is not None)


def runs_text(bundle: Sequence[DueItem], lang: Lang) -> str:
    """The periods of a bundle in words: ``33 kỳ, từ tháng 2/2024 đến tháng 10/2026``, or
    ``5 kỳ (từ quý I/2024 đến quý II/2024; quý IV/2024; …)`` when there are gaps."""
    found = _runs(bundle)
    if len(found) == 1:
        return found[0].label()(lang)
    vi = lang == "vi"
    parts = [r.first.label()(lang) if r.count == 1 else
             (f"từ {r.first.label().vi} đến {r.last.label().vi}" if vi else
              f"{r.first.label().en} to {r.last.label().en}") for r in found]
    total = sum(r.count for r in found)
    return f"{total} {'kỳ' if vi else 'periods'} ({'; '.join(parts)})"


def codes(bundle: Sequence[DueItem]) -> str:
    """The ids a command takes: ``cm-snv-tinhdoan-2022-2026 bao-cao-nam 2022…2025``."""
    item = bundle[0]
    if item.type in ("expiry", "review"):
        return item.agreement
    keys = ",".join(r.first.key if r.count == 1 else f"{r.first.key}…{r.last.key}"
                    for r in _runs(bundle))
    return f"{item.agreement} {item.item}" + (f" {keys}" if keys else "")


def what(item: DueItem, registry: Registry, lang: Lang, several: bool = False,
         owed_by: Sequence[str] | None = None, periods: str | None = None,
         acting_of: dict[str, tuple[str, ...]] | None = None) -> str:
    """What is owed, by whom (the reporters who have not sent, each named by the body
    acting for it when it has ended), to whom. ``several``: one of several overdue
    periods of one duty, named by ``periods`` (their runs), owed by ``owed_by`` (all who
    owe one of them); ``acting_of``: who acts for whom (default: the item's own)."""
    vi = lang == "vi"
    acting = acting_map([item]) if acting_of is None else acting_of
    if item.type == "report":
        period = item.period_label(lang) if item.period_label else ""
        if several and periods is not None:
            period = periods
        who = owed_by if owed_by is not None else item.party or item.sent_by
        note = "" if several else sent_note(item, registry, lang)
        return (f"{item.title} — {period}: {_names(registry, who, acting, lang)} → "
                f"{_names(registry, item.recipients, acting, lang)}"
                + (f" {note}" if note else ""))
    if item.type == "conference":
        return (f"{item.title} — {'chủ trì' if vi else 'host'}: "
                f"{_names(registry, item.party, acting, lang)}")
    if item.type == "review":
        return (f"{item.agreement_title} — {'các bên' if vi else 'parties'}: "
                f"{_names(registry, item.party, acting, lang)}")
    title = EXPIRY_TITLE(lang) if item.type == "expiry" else item.title
    return f"{title} — {'các bên' if vi else 'parties'}: {_names(registry, item.party)}"


def collapse(items: Sequence[DueItem]) -> list[list[DueItem]]:
    """Overdue periods of one duty together (a duty unreported for 30 months is one
    problem, not 30), in the order of their oldest deadline; other items alone."""
    out: list[list[DueItem]] = []
    index: dict[tuple[str, str], list[DueItem]] = {}
    for item in items:
        if item.type == "report" and item.status is State.OVERDUE:
            key = (item.agreement, item.item)
            if key in index:
                index[key].append(item)
                continue
            index[key] = [item]
            out.append(index[key])
        else:
            out.append([item])
    return out


def _sent_lines(bundle: Sequence[DueItem], registry: Registry, lang: Lang) -> list[str]:
    """For a run of open periods of a duty with several reporters: who has sent which
    (once per reporter, not once per period)."""
    out: list[str] = []
    for oid in bundle[0].reporters:
        sent = [i.period or "" for i in bundle if oid in i.sent_by]
        if not sent:
            continue
        name = registry.name(oid, short=True)
        if len(sent) == len(bundle):
            out.append(f"{name} đã gửi cả {len(sent)} kỳ" if lang == "vi"
                       else f"{name} has sent all {len(sent)}")
        else:
            out.append(f"{name} đã gửi: {', '.join(sent)}" if lang == "vi"
                       else f"{name} has sent: {', '.join(sent)}")
    return out


def next_command(item: DueItem, lang: Lang) -> str | None:
    """The one command an entry shows: record what is overdue (sent, or once sent), draft
    what is coming; JSON has both."""
    render, record = next_commands(item, "NGÀY" if lang == "vi" else "DATE",
                                   "MÃ_CƠ_QUAN" if lang == "vi" else "BODY_CODE")
    return record if item.status is State.OVERDUE else render


def summary(items: Sequence[DueItem], today: dt.date, lang: Lang) -> str:
    """The first line: how many of each, exactly, before any detail."""
    counts = {key: len(group) for key, _, group in grouped(items)}
    words = {"overdue": Label("việc quá hạn", "overdue"),
             "soon": Label("báo cáo sắp đến hạn", "report(s) due soon"),
             "conference": Label("hội nghị sắp tới", "conference(s) coming"),
             "expiry": Label("thỏa thuận sắp hết hiệu lực", "agreement(s) ending"),
             "review": Label("thỏa thuận cần rà soát, ký lại",
                             "agreement(s) to review and sign anew")}
    parts = [f"{n} {words[key](lang)}" for key, n in counts.items() if n]
    head = (f"Ngày {short_date(today, 'vi')}: " if lang == "vi"
            else f"{today.isoformat()}: ") + ", ".join(parts)
    hint = (" (→: lệnh để chép và chạy)" if lang == "vi" else " (→: a command to copy)")
    return head + "." + hint + "\n"


def text_segments(items: Sequence[DueItem], registry: Registry, today: dt.date, lang: Lang
                  ) -> list[tuple[str, str]]:
    """The listing as (text, style) pieces; joining the texts gives the plain listing.

    A summary line first. Each entry shows the codes the commands take and the commands
    to copy; the overdue periods of one duty are one entry (their runs in words, e.g.
    "34 kỳ, từ tháng 2/2024 đến tháng 11/2026"), and the overdue entries come newest
    first: what has just fallen overdue is what can still be done on time-ish, the
    four-year-old backlog last."""
    vi = lang == "vi"
    if not items:
        return [("Không có việc nào quá hạn hoặc sắp đến hạn.\n" if vi
                 else "Nothing overdue or due soon.\n", "")]
    out: list[tuple[str, str]] = [(summary(items, today, lang), "bold"), ("\n", "")]
    styles = {"overdue": "bold red", "soon": "yellow", "conference": "cyan", "expiry": "magenta",
              "review": "bold magenta"}
    for key, label, group in grouped(items):
        if not group:
            continue
        style = styles[key]
        out.append((f"{label(lang)} ({len(group)})\n", style))
        bundles = collapse(group)
        said_rule: str | None = None
        if key == "overdue":  # newest first (a stable sort: ties keep their order)
            bundles.sort(key=lambda b: b[-1].due, reverse=True)
        if key == "review":
            out += review_segments(group, registry, lang)
            out.append(("\n", ""))
            continue
        for bundle in bundles:
            item, newest = bundle[0], bundle[-1]
            several = len(bundle) > 1
            # the periods of a bundle may be owed by different reporters: the first line
            # names all who owe one of them, then one line per reporter who has sent some
            owed = [o for o in item.reporters if any(o in i.party for i in bundle)]
            when_text = when(newest, today, lang)
            if several:
                first = when(item, today, lang)
                when_text += f" (kỳ đầu {first})" if vi else f" (the first {first})"
            said = what(item, registry, lang, several, owed, runs_text(bundle, lang),
                        acting_map(bundle))
            out += [(f"  {one_line(due_text(newest, lang))}  ", "bold"), (when_text, style),
                    (f"  {one_line(codes(bundle))}\n      {one_line(said)}\n", "")]
            if several:
                out += [(f"      {one_line(line)}\n", "")
                        for line in _sent_lines(bundle, registry, lang)]
            rule = item.rule(lang) if item.rule is not None else None
            if rule is not None and rule != said_rule:  # said once for a row of entries
                out.append((f"      {one_line(rule)}\n", "dim"))
            said_rule = rule or said_rule
            window = data_window_text(newest, lang)
            if window:
                out.append((f"      {window}\n", "dim"))
            for note in dict.fromkeys(n for i in bundle for n in i.notes):
                out.append((f"      ! {one_line(note(lang))}\n", "yellow"))
            command = next_command(newest, lang)
            if command is not None:
                out.append((f"      → {one_line(command)}\n", "green"))
        out.append(("\n", ""))
    return out


def review_segments(group: Sequence[DueItem], registry: Registry, lang: Lang
                    ) -> list[tuple[str, str]]:
    """The agreements whose signing parties have all ended, once each: since when, the
    agreement, its parties with the bodies now acting for them, and what to run (how
    each party ended is in ``show`` and in the JSON's notes)."""
    out: list[tuple[str, str]] = []
    for item in group:
        out += [(f"  {when(item, item.due, lang)}  ", "bold"),
                (f"{one_line(item.agreement)}\n      {one_line(what(item, registry, lang))}\n",
                 "")]
        out.append((f"      → ppcli show {one_line(item.agreement)}\n", "green"))
    return out


def as_markdown(items: Sequence[DueItem], registry: Registry, today: dt.date, lang: Lang
                ) -> str:
    vi = lang == "vi"
    head = ("| Hạn | Tình trạng | Mã | Việc | Ghi chú | Lệnh |" if vi
            else "| Due | State | Codes | What | Notes | Command |")
    lines: list[str] = []
    for _, label, group in grouped(items):
        if not group:
            continue
        lines += [f"## {label(lang)} ({len(group)})", "", head, "|---|---|---|---|---|---|"]
        for item in group:
            notes = "; ".join([item.rule(lang)] if item.rule else [])
            notes = "; ".join([notes, *(n(lang) for n in item.notes)]).strip("; ")
            command = next_command(item, lang) if item.type != "review" \
                else f"ppcli show {item.agreement}"
            cells = [due_text(item, lang), when(item, today, lang), f"`{codes([item])}`",
                     what(item, registry, lang), notes, f"`{command}`" if command else ""]
            lines.append("| " + " | ".join(one_line(c).replace("|", "\\|") for c in cells)
                         + " |")
        lines.append("")
    if not lines:
        lines = ["Không có việc nào quá hạn hoặc sắp đến hạn." if vi
                 else "Nothing overdue or due soon."]
    return "\n".join(lines) + "\n"


CSV_FIELDS = ("agreement", "type", "item", "period", "title", "status", "due", "nominal_due",
              "days", "party", "recipients", "exact", "rule", "moved_because", "notes", "file",
              "data_from", "data_to", "owed_by", "sent_by", "deadline_source", "acting_party",
              "state", "days_late", "extended_until")

# CSV is for Excel, so its headers and its enumerated values are in the clerk's language
# (JSON, for programs, keeps its ASCII keys and codes); ids, keys and ISO dates stay.
CSV_HEADINGS: dict[str, Label] = {
    "agreement": Label("Thỏa thuận", "Agreement"), "type": Label("Loại việc", "Type"),
    "item": Label("Mã việc", "Item"), "period": Label("Kỳ", "Period"),
    "title": Label("Tên việc", "Title"), "status": Label("Tình trạng", "Status"),
    "due": Label("Hạn", "Due"), "nominal_due": Label("Hạn theo quy định", "Nominal due"),
    "days": Label("Số ngày", "Days"), "party": Label("Bên thực hiện", "Party"),
    "recipients": Label("Nơi nhận", "Recipients"),
    "exact": Label("Ngày cụ thể", "Exact date"), "rule": Label("Cách tính hạn", "Rule"),
    "moved_because": Label("Lùi hạn vì", "Moved because"), "notes": Label("Ghi chú", "Notes"),
    "file": Label("Tệp", "File"), "data_from": Label("Số liệu từ", "Data from"),
    "data_to": Label("Số liệu đến", "Data to"), "owed_by": Label("Bên chưa gửi", "Owed by"),
    "sent_by": Label("Bên đã gửi", "Sent by"),
    "deadline_source": Label("Nguồn của hạn", "Deadline source"),
    "acting_party": Label("Bên thực hiện thay", "Acting party"),
    "state": Label("Phân loại", "Class"), "days_late": Label("Số ngày trễ", "Days late"),
    "extended_until": Label("Gia hạn đến", "Extended until"),
}
CSV_VALUES: dict[str, dict[object, Label]] = {
    "type": {"report": Label("báo cáo", "report"), "conference": Label("hội nghị", "conference"),
             "expiry": Label("hết hiệu lực", "agreement ends"),
             "review": Label("cần rà soát, ký lại", "review and sign anew")},
    "status": {State.OVERDUE.value: Label("quá hạn", "overdue"),
               State.UPCOMING.value: Label("sắp đến hạn", "upcoming"),
               State.DONE.value: Label("đã xong", "done")},
    "exact": {True: Label("có", "yes"), False: Label("không", "no")},
    "state": {None: Label("", ""), **{c.value: label for c, label in TIMELINESS_LABELS.items()}},
    "deadline_source": {None: Label("", ""),
                        "agreement": Label("thỏa thuận", "agreement"),
                        "repository": Label("hạn giả định: mặc định của kho",
                                            "assumed: repository default"),
                        "builtin": Label("hạn giả định: mặc định của ppcli",
                                         "assumed: ppcli's default")},
}


def as_csv(items: Sequence[DueItem], today: dt.date, lang: Lang = "vi") -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow([CSV_HEADINGS[f](lang) for f in CSV_FIELDS])
    for item in items:
        row = to_json(item, today)
        for key in ("party", "recipients", "owed_by", "sent_by", "acting_party"):
            row[key] = ";".join(row[key])
        row["rule"] = item.rule(lang) if item.rule else None
        row["notes"] = " | ".join(n(lang) for n in item.notes)
        if lang == "en" and row["moved_because"] in WEEKDAY_VI:
            row["moved_because"] = WEEKDAY_EN[WEEKDAY_VI.index(row["moved_because"])]
        for key, words in CSV_VALUES.items():
            row[key] = words[row[key]](lang)
        writer.writerow(["" if row[f] is None else row[f] for f in CSV_FIELDS])
    return buffer.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as Excel must not take it: text that starts like a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, which Excel and
    LibreOffice read as "this is text"; controls and bidi characters are shown, not
    written raw (line breaks stay: the cell is quoted). Numbers stay numbers."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return visible(value)


class CsvWriter:
    """The one CSV writer: CRLF rows, every cell through :func:`csv_cell`."""

    def __init__(self, stream: io.StringIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([csv_cell(c) for c in row])
