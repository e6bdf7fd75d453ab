"""The due list as text (grouped, for the terminal), Markdown and CSV. JSON is in
:mod:`ppcli.engine.due`. Nothing here prints."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from ppcli.engine.due import EXPIRY_TITLE, DueItem, to_json
from ppcli.engine.schedule import State
from ppcli.engine.workdays import WEEKDAY_EN, WEEKDAY_VI
from ppcli.files.model import Registry
from ppcli.i18n import Label, Lang, short_date
from ppcli.safetext import one_line, visible

GROUPS: tuple[tuple[str, Label], ...] = (
    ("overdue", Label("QUÁ HẠN", "OVERDUE")),
    ("soon", Label("SẮP ĐẾN HẠN", "DUE SOON")),
    ("conference", Label("HỘI NGHỊ SẮP TỚI", "CONFERENCES COMING")),
    ("expiry", Label("THỎA THUẬN SẮP HẾT HIỆU LỰC", "AGREEMENTS ENDING")),
)


def group_of(item: DueItem) -> str:
    if item.status is State.OVERDUE:
        return "overdue"
    return {"report": "soon", "conference": "conference", "expiry": "expiry"}[item.type]


def grouped(items: Sequence[DueItem]) -> list[tuple[str, Label, list[DueItem]]]:
    return [(key, label, [i for i in items if group_of(i) == key]) for key, label in GROUPS]


def when(item: DueItem, today: dt.date, lang: Lang) -> str:
    """``quá 12 ngày``, ``hôm nay``, ``còn 5 ngày``."""
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


def _names(registry: Registry, orgs: Sequence[str]) -> str:
    return ", ".join(registry.name(o, short=True) for o in orgs)


def sent_note(item: DueItem, registry: Registry, lang: Lang) -> str:
    """"(Sở Nội vụ đã gửi)" when some of several reporters have sent an open period."""
    if not (item.party and item.sent_by):
        return ""
    names = _names(registry, item.sent_by)
    return f"({names} đã gửi)" if lang == "vi" else f"({names} has sent)"


def what(item: DueItem, registry: Registry, lang: Lang, several: bool = False,
         owed_by: Sequence[str] | None = None) -> str:
    """What is owed, by whom (the reporters who have not sent), to whom. ``several``:
    the first of several overdue periods of one duty, shown as "từ …" ("from …"), owed
    by ``owed_by`` (all who owe one of them)."""
    vi = lang == "vi"
    if item.type == "report":
        period = item.period_label(lang) if item.period_label else ""
        if several:
            period = f"{'từ' if vi else 'from'} {period}"
        who = owed_by if owed_by is not None else item.party or item.sent_by
        note = "" if several else sent_note(item, registry, lang)
        return (f"{item.title} — {period}: {_names(registry, who)} → "
                f"{_names(registry, item.recipients)}" + (f" {note}" if note else ""))
    if item.type == "conference":
        return f"{item.title} — {'chủ trì' if vi else 'host'}: {_names(registry, item.party)}"
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


def text_segments(items: Sequence[DueItem], registry: Registry, today: dt.date, lang: Lang
                  ) -> list[tuple[str, str]]:
    """The listing as (text, style) pieces; joining the texts gives the plain listing."""
    vi = lang == "vi"
    if not items:
        return [("Không có việc nào quá hạn hoặc sắp đến hạn.\n" if vi
                 else "Nothing overdue or due soon.\n", "")]
    out: list[tuple[str, str]] = []
    styles = {"overdue": "bold red", "soon": "yellow", "conference": "cyan", "expiry": "magenta"}
    for key, label, group in grouped(items):
        if not group:
            continue
        style = styles[key]
        out.append((f"{label(lang)} ({len(group)})\n", style))
        for bundle in collapse(group):
            item = bundle[0]
            # the periods of a bundle may be owed by different reporters: the first line
            # names all who owe one of them, then one line per reporter who has sent some
            owed = [o for o in item.reporters if any(o in i.party for i in bundle)]
            out += [(f"  {one_line(due_text(item, lang))}  ", "bold"),
                    (when(item, today, lang), style),
                    (f"  {one_line(item.agreement)}\n      "
                     f"{one_line(what(item, registry, lang, len(bundle) > 1, owed))}\n", "")]
            if len(bundle) > 1:
                periods = one_line(", ".join(i.period or "" for i in bundle))
                out.append((f"      {len(bundle)} "
                            f"{'kỳ chưa báo cáo' if vi else 'periods unreported'}: {periods}\n",
                            style))
                out += [(f"      {one_line(line)}\n", "")
                        for line in _sent_lines(bundle, registry, lang)]
            if item.rule is not None:
                out.append((f"      {one_line(item.rule(lang))}\n", "dim"))
            for note in dict.fromkeys(n for i in bundle for n in i.notes):
                out.append((f"      ! {one_line(note(lang))}\n", "yellow"))
        out.append(("\n", ""))
    return out


def as_markdown(items: Sequence[DueItem], registry: Registry, today: dt.date, lang: Lang
                ) -> str:
    vi = lang == "vi"
    head = ("| Hạn | Tình trạng | Thỏa thuận | Việc | Ghi chú |" if vi
            else "| Due | State | Agreement | What | Notes |")
    lines: list[str] = []
    for _, label, group in grouped(items):
        if not group:
            continue
        lines += [f"## {label(lang)} ({len(group)})", "", head, "|---|---|---|---|---|"]
        for item in group:
            notes = "; ".join([item.rule(lang)] if item.rule else [])
            notes = "; ".join([notes, *(n(lang) for n in item.notes)]).strip("; ")
            cells = [due_text(item, lang), when(item, today, lang), f"`{item.agreement}`",
                     what(item, registry, lang), notes]
            lines.append("| " + " | ".join(one_line(c).replace("|", "\\|") for c in cells)
                         + " |")
        lines.append("")
    if not lines:
        lines = ["Không có việc nào quá hạn hoặc sắp đến hạn." if vi
                 else "Nothing overdue or due soon."]
    return "\n".join(lines) + "\n"


CSV_FIELDS = ("agreement", "type", "item", "period", "title", "status", "due", "nominal_due",
              "days", "party", "recipients", "exact", "rule", "moved_because", "notes", "file",
              "data_from", "data_to", "owed_by", "sent_by", "deadline_source")


def as_csv(items: Sequence[DueItem], today: dt.date) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(CSV_FIELDS)
    for item in items:
        row = to_json(item, today)
        row["party"] = ";".join(row["party"])
        row["recipients"] = ";".join(row["recipients"])
        row["owed_by"] = ";".join(row["owed_by"])
        row["sent_by"] = ";".join(row["sent_by"])
        row["notes"] = " | ".join(row["notes"])
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
