"""Turning view data into tables and styled text for the terminal.

Nothing here prints, and nothing here knows the terminal library: a :class:`Styled`
text is a list of (text, style) pieces and a :class:`TableData` a grid of them; the CLI
hands them to a console (rich, :mod:`ppcli.cli.options`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ppcli.engine.due import DEFAULT_WITHIN, extension_notes
from ppcli.engine.lifecycle import (
    FLAG_LABELS,
    STATUS_LABELS,
    Row,
    acting_parties,
    parties_changed,
    parties_ended,
    status,
)
from ppcli.engine.schedule import (
    Obligation,
    State,
    conference_state,
    obligation_state,
    replaced_by,
    rule_label,
)
from ppcli.engine.timeliness import (
    TIMELINESS_LABELS,
    Timeliness,
    conference_timeliness,
    days_late,
)
from ppcli.files.declaration import AGREEMENT_KINDS, CONFERENCE_KINDS, END_KINDS, REMINDER_KINDS
from ppcli.files.model import Agreement, Duty, Registry
from ppcli.i18n import Label, Lang, short_date
from ppcli.periods import FREQUENCY_LABELS
from ppcli.safetext import one_line as s
from ppcli.safetext import visible
from ppcli.views.show_more import (
    UNTRACKED,
    document_lines,
    duty_kind_text,
    handover_lines,
    meeting_lines,
    recipient_name,
    signer_text,
)

STATUS_STYLE = {"active": "green", "ending-soon": "yellow", "expired": "dim",
                "replaced": "dim", "not-started": "cyan", "parties-ended": "bold red",
                "closed": "dim"}


def status_text(word: str, acting: Sequence[str], some: bool, changed: bool,
                lang: Lang) -> str:
    """An agreement's status in words: the status, the bodies now acting for the parties
    when they have all ended, and the flags ("một số bên đã sáp nhập/giải thể")."""
    text = STATUS_LABELS[word](lang)
    if word == "parties-ended":
        now = ", ".join(acting) or Label("không còn đơn vị kế thừa", "no successor")(lang)
        text += f" ({'nay' if lang == 'vi' else 'now'}: {now})"
    flags = [FLAG_LABELS[k](lang) for k, on in (("parties_ended_some", some),
                                                ("parties_changed", changed)) if on]
    return "; ".join([text, *flags])

H = {  # headings
    "id": Label("Mã", "Id"), "kind": Label("Loại", "Kind"), "parties": Label("Các bên", "Parties"),
    "period": Label("Thời hạn", "Period"), "status": Label("Tình trạng", "Status"),
    "none": Label("Không có thỏa thuận nào.", "No agreements."),
}


def _span(start: dt.date | None, end: dt.date | None, lang: Lang) -> str:
    left = short_date(start, lang) if start else "?"
    right = short_date(end, lang) if end else Label("không thời hạn", "open-ended")(lang)
    return f"{left} – {right}"


class Styled:
    """Text in styled pieces (a style is a rich style name: "bold", "red"…); plain text,
    never markup, so "[link=…]" or "[/x]" in a name is shown as written."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.pieces: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> None:
        self.pieces.append((text, style))

    def extend(self, other: Styled) -> None:
        self.pieces.extend(other.pieces)

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass(frozen=True)
class TableData:
    """A table: its headings and rows of (text, style) cells; the first column never
    wraps (ids), the others fold."""

    headings: tuple[str, ...]
    rows: tuple[tuple[tuple[str, str], ...], ...]


def list_table(rows: Sequence[Row], lang: Lang) -> TableData | Styled:
    if not rows:
        return Styled(H["none"](lang))
    return TableData(
        tuple(H[key](lang) for key in ("id", "kind", "parties", "period", "status")),
        tuple(((s(r.id), ""), (AGREEMENT_KINDS[r.kind](lang), ""),
               (s("; ".join(r.party_names)), ""), (_span(r.start, r.end, lang), ""),
               (s(status_text(r.status, r.acting_names, r.parties_ended_some,
                              r.parties_changed, lang)), STATUS_STYLE[r.status]))
              for r in rows))


def show_text(a: Agreement, registry: Registry, agreements: Sequence[Agreement],
              today: dt.date, lang: Lang, states: Mapping[str, Sequence[Obligation]]
              ) -> Styled:
    """One agreement in full, in the clerk's words. Every value from the files goes
    through :func:`ppcli.safetext.one_line` (notes through ``visible``): a control
    character or a line break in it is shown, never obeyed."""
    vi = lang == "vi"
    out = Styled()

    def line(label: str, value: Any = "", style: str = "") -> None:
        out.append(f"{label}", style="bold")
        out.append(f"{value}\n", style=style)

    def org(oid: str) -> str:
        name = s(registry.name(oid))
        org_ = registry.orgs.get(oid)
        if org_ and org_.ended and org_.ended.date <= today:
            now = s(", ".join(registry.name(x) for x in registry.successors_on(oid, today)))
            how = END_KINDS[org_.ended.how](lang)
            note = (f" [đã {how} từ {short_date(org_.ended.date, lang)}; nay: {now}]" if vi
                    else f" [{how} on {short_date(org_.ended.date, lang)}; now: {now}]")
            return name + note
        return name

    successor = replaced_by(agreements).get(a.id)
    st = status(a, successor, today, registry)
    _, some = parties_ended(a, registry, today)
    acting = [registry.name(x) for x in acting_parties(a, registry, today)]
    out.append(f"{s(a.title)}\n", style="bold")
    line("Mã: " if vi else "Id: ", f"{s(a.id)}  ({s(a.where.file)})")
    line("Loại: " if vi else "Kind: ", AGREEMENT_KINDS[a.kind](lang))
    if a.number:
        line("Số, ký hiệu: " if vi else "Number: ", s(a.number))
    if a.signed:
        line("Ngày ký: " if vi else "Signed: ",
             short_date(a.signed, lang) + (f", {s(a.place)}" if a.place else ""))
    line("Thời hạn: " if vi else "Period: ", _span(a.start, a.end, lang)
         + (f" (nhiệm kỳ {s(a.term)})" if vi and a.term else f" (term {s(a.term)})"
            if a.term else ""))
    line("Tình trạng: " if vi else "Status: ",
         s(status_text(st, acting, some, parties_changed(a, registry, today), lang))
         + (f" → {s(successor.id)}" if successor else ""), STATUS_STYLE[st])
    out.append("Các bên:\n" if vi else "Parties:\n", style="bold")
    for p in a.parties:
        signer = ""
        if p.signer:
            signer = signer_text(p.signer)
        role = f" ({s(p.role)})" if p.role else ""
        out.append(f"  • {org(p.org)}{role}{signer}\n")
    if a.implements:
        ref = a.implements
        line("Triển khai: " if vi else "Implements: ",
             s(" ".join(x for x in (
                 ref.kind, f"{'số' if vi else 'no.'} {ref.number}" if ref.number else "",
                 f"{'ngày' if vi else 'of'} {short_date(ref.date, lang)}" if ref.date else "",
                 ref.title) if x)))
    for label, value in document_lines(a, lang):  # issued_by, replaces, siblings, closed
        line(label, value)
    if a.legal_basis:
        out.append("Căn cứ:\n" if vi else "Legal basis:\n", style="bold")
        for basis in a.legal_basis:
            out.append(f"  • {visible(basis)}\n")
    if a.areas:
        out.append("Nội dung phối hợp:\n" if vi else "Content areas:\n", style="bold")
        for i, area in enumerate(a.areas, 1):
            who = s(", ".join(registry.name(o, short=True) for o in area.lead))
            out.append(f"  {i}. {s(area.title)}" + (f" — {'chủ trì' if vi else 'lead'}: {who}"
                                                  if who else "") + "\n")
    if a.funding:
        out.append("Kinh phí:\n" if vi else "Funding:\n", style="bold")
        for f in a.funding:
            out.append(f"  • {visible(f)}\n")
    out.append("Nghĩa vụ báo cáo:\n" if vi else "Reporting duties:\n", style="bold")
    if not a.duties:
        out.append("  (không có)\n" if vi else "  (none)\n")
    for d in a.duties:
        frm = ", ".join(org(o) for o in d.reporters)
        to = ", ".join(recipient_name(o, org, lang) for o in d.recipients)
        freq = duty_kind_text(d, lang) + FREQUENCY_LABELS[d.frequency.value](lang)
        out.append(f"  • {s(d.id)}: {s(d.title or ('Báo cáo' if vi else 'Report'))} ({freq})\n")
        out.append(f"      {'từ' if vi else 'from'}: {frm}\n      {'gửi' if vi else 'to'}: {to}\n")
        out.extend(_regime_lines(d, lang))
        out.append(f"      {s(rule_label(states[d.id][0].rule)(lang))}\n" if states.get(d.id)
                   else "", style="dim")
        for ob in states.get(d.id, ()):
            out.extend(_state_line(ob, today, lang,
                                   lambda o: registry.name(o, short=True)))
            out.extend(_office_lines(ob, a, lang, lambda o: registry.name(o, short=True)))
    out.append("Hội nghị:\n" if vi else "Conferences:\n", style="bold")
    if not a.conferences:
        out.append("  (không có)\n" if vi else "  (none)\n")
    for c in a.conferences:
        if c.frequency is not None:  # a recurring meeting: period by period
            hosts = s(", ".join(registry.name(h, short=True) for h in c.hosts))
            out.append(f"  • {s(c.id)}: {s(c.title or CONFERENCE_KINDS[c.kind](lang))}"
                       f" ({'chủ trì' if vi else 'host'}: {hosts})\n")
            for piece in meeting_lines(a, c, today, DEFAULT_WITHIN, lang):
                out.append(*piece)
            continue
        held = [r for r in a.records if r.kind == "conference" and r.item == c.id]
        state = (f"{'đã tổ chức' if vi else 'held'} {short_date(held[0].date, lang)}" if held
                 else f"{'dự kiến' if vi else 'planned'} "
                 f"{c.planned.text() if c.planned else '?'}")
        if c.frequency is None and c.planned is not None:  # one-time: its class
            cls, late = conference_timeliness(conference_state(a, c), today)
            if cls is not Timeliness.OPEN:
                state += f"; {TIMELINESS_LABELS[cls](lang)}" + (
                    f" {late} {'ngày' if vi else 'days'}" if late else "")
        hosts = s(", ".join(registry.name(h, short=True) for h in c.hosts))
        out.append(f"  • {s(c.id)}: {s(c.title or CONFERENCE_KINDS[c.kind](lang))} — {state}"
                   f" ({'chủ trì' if vi else 'host'}: {hosts})\n",
                   style="green" if held else "")
    for piece in handover_lines(a, agreements, lang):  # where the seam's periods went
        out.append(*piece)
    if a.notes:
        line("Ghi chú: " if vi else "Notes: ", visible(a.notes.strip()))
    return out


def _state_line(ob: Obligation, today: dt.date, lang: Lang,
                name: Callable[[str], str]) -> Styled:
    vi = lang == "vi"
    period = f"{'kỳ' if vi else 'period'} {s(ob.period.key) if ob.period else '-'}"
    state = obligation_state(ob, today)
    several = len(ob.duty.reporters) > 1
    sent = []
    for r in ob.records:
        if several and r.by is None:
            continue  # said below: it counts for nobody
        number = f" ({'số' if vi else 'no.'} {s(r.number)})" if r.number else ""
        who = f"{s(name(r.by))} " if several and r.by else ""
        sent.append(f"{who}{'đã gửi' if vi else 'sent'} {short_date(r.date, lang)}{number}")
    if state.status is State.DONE:
        late = days_late(ob, today)
        if late:
            sent.append(f"{TIMELINESS_LABELS[Timeliness.DONE_LATE](lang)} {late} "
                        f"{'ngày' if vi else 'days'}")
        return Styled(f"      ✓ {period}: {'; '.join(sent)}\n", "green")
    if state.status is State.UNTRACKED:  # a closed agreement's period never done
        return Styled(f"      – {period}: {UNTRACKED(lang)} ({'hạn' if vi else 'due'} "
                      f"{short_date(ob.due, lang)}; "
                      f"{'thỏa thuận đã kết thúc' if vi else 'the agreement was closed'})\n",
                      "dim")
    days = (ob.due - today).days
    due = short_date(ob.due, lang)
    if state.status is State.OVERDUE:
        text = (f"quá hạn {-days} ngày (hạn {due})" if vi else f"{-days} days late (due {due})")
        mark, style = "✗", "red"
    else:
        text = f"hạn {due} (còn {days} ngày)" if vi else f"due {due} (in {days} days)"
        mark, style = "…", "yellow"
    if several and (state.sent_by or state.unattributed):
        owed = ", ".join(s(name(o)) for o in state.owed_by)
        text += f"; {'chưa gửi' if vi else 'not sent by'}: {owed}"
        text += "".join(f"; {line}" for line in sent)
        text += "".join(
            f"; {'bản ghi' if vi else 'the record of'} {short_date(r.date, lang)} "
            + ("không ghi bên gửi (by)" if vi else "names no sender (by)")
            for r in state.unattributed)
    return Styled(f"      {mark} {period}: {text}\n", style)


def _regime_lines(d: Duty, lang: Lang) -> Styled:
    """A duty's regime fields, where written: content, method, data cut-off, files."""
    vi = lang == "vi"
    out = Styled()
    if d.cutoff is not None:
        when = (f"ngày {d.cutoff.day:02d}/{d.cutoff.month:02d} hằng năm" if vi
                else f"{d.cutoff.day:02d}/{d.cutoff.month:02d} each year") \
            if d.cutoff.month and d.frequency.value == "hang-nam" else \
            (f"ngày {d.cutoff.day} của tháng cuối kỳ" if vi
             else f"day {d.cutoff.day} of the period's last month")
        out.append(f"      {'chốt số liệu' if vi else 'data cut-off'}: {when}\n")
    for key, word in (("content", ("nội dung", "content")),
                      ("method", ("phương thức gửi, nhận", "sent by")),
                      ("outline", ("mẫu đề cương", "outline")),
                      ("data_form", ("biểu mẫu số liệu", "data form"))):
        value = getattr(d, key)
        if value:
            out.append(f"      {word[0] if vi else word[1]}: {visible(value.strip())}\n")
    return out


def _office_lines(ob: Obligation, a: Agreement, lang: Lang, name: Callable[[str], str]
                  ) -> Styled:
    """Under a period: the extension that moved its deadline ("gia hạn đến …") and each
    urging about it (its kind, date, number, whom)."""
    out = Styled()
    key = ob.period.key if ob.period else None
    for note in extension_notes(ob.extension):
        out.append(f"        ↷ {s(note(lang))}\n", "cyan")
    for r in a.records:
        if r.kind != "reminder" or r.item != ob.duty.id or r.period != key:
            continue
        kind = REMINDER_KINDS[r.reminder_kind](lang) if r.reminder_kind else ""
        number = f" ({'số' if lang == 'vi' else 'no.'} {s(r.number)})" if r.number else ""
        to = f" → {s(name(r.to))}" if r.to else ""
        out.append(f"        ! {kind} {short_date(r.date, lang)}{number}{to}\n", "yellow")
    return out
