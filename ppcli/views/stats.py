"""``ppcli stats`` as a table, JSON, CSV and Markdown. Nothing here prints."""

from __future__ import annotations

import io
from typing import Any

from ppcli.engine.stats import Stats, Tally
from ppcli.engine.timeliness import TIMELINESS_LABELS, Timeliness
from ppcli.files.model import Registry
from ppcli.i18n import Label, Lang, short_date
from ppcli.safetext import one_line
from ppcli.views.agreements import Styled, TableData
from ppcli.views.due_listing import CsvWriter

CLASSES = (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.OPEN, Timeliness.OVERDUE)

HEADINGS = {
    "party": Label("Bên", "Party"), "agreement": Label("Thỏa thuận", "Agreement"),
    "total": Label("Tổng số", "Total"), "reminders": Label("Số lần bị đôn đốc", "Urgings"),
    "days_late": Label("Tổng số ngày trễ", "Days late (sum)"),
    "table": Label("Bảng", "Table"), "id": Label("Mã", "Id"), "name": Label("Tên", "Name"),
}
TABLE_TITLES = {"party": Label("THEO BÊN", "BY PARTY"),
                "agreement": Label("THEO THỎA THUẬN", "BY AGREEMENT")}
NOTHING = Label("Không có việc nào để thống kê.", "Nothing to count.")


def window_text(st: Stats, lang: Lang) -> str:
    """"Từ 01/01/2026 đến 31/12/2026, tính đến ngày 01/12/2026"."""
    vi = lang == "vi"
    as_of = (f"tính đến ngày {short_date(st.today, lang)}" if vi
             else f"as of {short_date(st.today, lang)}")
    if st.since is None or st.until is None:
        return (f"Toàn bộ thời gian, {as_of}" if vi else f"All periods, {as_of}")
    span = (f"Từ {short_date(st.since, lang)} đến {short_date(st.until, lang)}" if vi
            else f"From {short_date(st.since, lang)} to {short_date(st.until, lang)}")
    return f"{span}, {as_of}"


def _numbers(t: Tally) -> list[str]:
    return [str(t.count(c)) for c in CLASSES] + [str(t.total), str(t.reminders),
                                                 str(t.days_late)]


def _headings(first: str, lang: Lang) -> tuple[str, ...]:
    return (HEADINGS[first](lang), *(_capital(TIMELINESS_LABELS[c](lang)) for c in CLASSES),
            HEADINGS["total"](lang), HEADINGS["reminders"](lang), HEADINGS["days_late"](lang))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rows(st: Stats, which: str, registry: Registry) -> list[tuple[str, Tally]]:
    if which == "party":
        return [(registry.name(o, short=True), t) for o, t in st.parties.items()]
    return list(st.agreements.items())


def tables(st: Stats, registry: Registry, lang: Lang) -> list[Styled | TableData]:
    """The two tables (by party, by agreement), each with a total row, under a heading."""
    out: list[Styled | TableData] = [Styled(window_text(st, lang), "bold")]
    if not st.entries and not st.total.reminders:
        out.append(Styled(NOTHING(lang)))
        return out
    total = Label("Tổng cộng", "Total")(lang)
    for which in ("party", "agreement"):
        out.append(Styled(TABLE_TITLES[which](lang), "bold"))
        rows = tuple(
            tuple([(one_line(name), ""), *((n, "") for n in _numbers(t))])
            for name, t in _rows(st, which, registry))
        if which == "agreement":
            rows += (tuple([(total, "bold"), *((n, "bold") for n in _numbers(st.total))]),)
        out.append(TableData(_headings(which, lang), rows))
    return out


def as_json(st: Stats, registry: Registry) -> dict[str, Any]:
    """For programs: fixed ASCII keys and class codes."""
    return {
        "today": st.today.isoformat(),
        "since": st.since.isoformat() if st.since else None,
        "until": st.until.isoformat() if st.until else None,
        "parties": [{"id": o, "name": registry.name(o), **t.to_json()}
                    for o, t in st.parties.items()],
        "agreements": [{"id": a, **t.to_json()} for a, t in st.agreements.items()],
        "total": st.total.to_json(),
    }


def as_csv(st: Stats, registry: Registry, lang: Lang) -> str:
    """One table for Excel: a column says which table a row belongs to (by party, by
    agreement, total); headers and those words in the clerk's language."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow([HEADINGS["table"](lang), HEADINGS["id"](lang), HEADINGS["name"](lang),
                     *_headings("party", lang)[1:]])
    for o, t in st.parties.items():
        writer.writerow([TABLE_TITLES["party"](lang), o, registry.name(o), *_numbers(t)])
    for a, t in st.agreements.items():
        writer.writerow([TABLE_TITLES["agreement"](lang), a, a, *_numbers(t)])
    total = Label("Tổng cộng", "Total")(lang)
    writer.writerow([total, "", "", *_numbers(st.total)])
    return buffer.getvalue()


def as_markdown(st: Stats, registry: Registry, lang: Lang) -> str:
    lines = [f"**{window_text(st, lang)}**", ""]
    if not st.entries and not st.total.reminders:
        return "\n".join([*lines, NOTHING(lang)]) + "\n"
    for which in ("party", "agreement"):
        heads = _headings(which, lang)
        lines += [f"## {TABLE_TITLES[which](lang)}", "", "| " + " | ".join(heads) + " |",
                  "|" + "---|" * len(heads)]
        for name, t in _rows(st, which, registry):
            cells = [one_line(name).replace("|", "\\|"), *_numbers(t)]
            lines.append("| " + " | ".join(cells) + " |")
        if which == "agreement":
            lines.append("| **" + Label("Tổng cộng", "Total")(lang) + "** | "
                         + " | ".join(_numbers(st.total)) + " |")
        lines.append("")
    return "\n".join(lines)
