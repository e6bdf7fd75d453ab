"""What ``show`` says of the shapes added for real agreements (issue 17): the issuing
decision, the documents replaced and signed together, the closing, a signer known by the
position only, recurring meetings period by period, and where the periods at the seam of a
replacement went. Plain values and :class:`~ppcli.views.agreements.Styled`-like pieces
(``(text, style)`` lists); nothing prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ppcli.engine.handover import Boundary, boundaries
from ppcli.engine.meetings import ConferenceState, conference_states
from ppcli.engine.schedule import replaced_by
from ppcli.files.declaration import DUTY_KINDS, MEETING_TIMES, OTHER_PARTIES_LABEL
from ppcli.files.model import OTHER_PARTIES, Agreement, Conference, DocRef, Duty, Signer
from ppcli.i18n import Label, Lang, short_date
from ppcli.periods import FREQUENCY_LABELS
from ppcli.safetext import one_line as s
from ppcli.safetext import visible

Pieces = list[tuple[str, str]]

UNTRACKED = Label("không theo dõi", "not followed")


def doc_text(ref: DocRef, lang: Lang) -> str:
    """A document as a clerk names it: its tracked id, else kind, number, date, title."""
    if ref.agreement:
        return s(ref.agreement)
    vi = lang == "vi"
    return s(" ".join(x for x in (
        ref.kind, f"{'số' if vi else 'no.'} {ref.number}" if ref.number else "",
        f"{'ngày' if vi else 'of'} {short_date(ref.date, lang)}" if ref.date else "",
        ref.title) if x))


def document_lines(a: Agreement, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) lines: the issuing decision, what it replaces, its siblings, its
    closing."""
    vi = lang == "vi"
    out: list[tuple[str, str]] = []
    issued = a.issued_by
    if issued is not None:
        text = " ".join(x for x in (
            issued.kind, f"{'số' if vi else 'no.'} {issued.number}" if issued.number else "",
            f"{'ngày' if vi else 'of'} {short_date(issued.date, lang)}") if x)
        if issued.in_force is not None:
            text += (f", {'có hiệu lực từ' if vi else 'in force from'} "
                     f"{short_date(issued.in_force, lang)}")
        out.append(("Ban hành kèm theo: " if vi else "Issued with: ", s(text)))
    if a.replaces:
        out.append(("Thay thế: " if vi else "Replaces: ",
                    "; ".join(doc_text(r, lang) for r in a.replaces)))
    if a.siblings:
        out.append(("Văn bản ký kèm: " if vi else "Signed together with: ",
                    "; ".join(doc_text(r, lang) for r in a.siblings)))
    if a.closed is not None:
        note = f" — {visible(a.closed.note.strip())}" if a.closed.note else ""
        out.append(("Kết thúc theo dõi: " if vi else "Closed: ",
                    f"{short_date(a.closed.date, lang)}{note}"))
    return out


def signer_text(signer: Signer) -> str:
    """" — TM. UBND Nguyễn Văn A, Chủ tịch", or the position alone when the name is not
    known."""
    head = " ".join(x for x in (signer.authority, signer.name) if x)
    return s(" — " + ", ".join(x for x in (head, signer.position) if x))


def recipient_name(oid: str, name: Callable[[str], str], lang: Lang) -> str:
    return OTHER_PARTIES_LABEL(lang) if oid == OTHER_PARTIES else name(oid)


def duty_kind_text(d: Duty, lang: Lang) -> str:
    """", kế hoạch" for a plan duty; nothing for a report (the default)."""
    return f"{DUTY_KINDS[d.kind](lang)}, " if d.kind != "bao-cao" else ""


def meeting_lines(a: Agreement, c: Conference, today: dt.date, within: int, lang: Lang
                  ) -> Pieces:
    """A recurring meeting's periods up to ``within`` days ahead, each with its state:
    held, overdue, coming, or not followed (a closed agreement's)."""
    vi = lang == "vi"
    assert c.frequency is not None
    when = MEETING_TIMES[c.when or "cuoi-ky"](lang)
    out: Pieces = [(f"      {FREQUENCY_LABELS[c.frequency](lang)}, {when}\n", "dim")]
    horizon = today + dt.timedelta(days=within)
    for st in conference_states(a, c, horizon):
        if st.held is None and st.opens > horizon:
            continue
        out.append(_meeting_line(st, today, lang, vi))
    return out


def _meeting_line(st: ConferenceState, today: dt.date, lang: Lang, vi: bool
                  ) -> tuple[str, str]:
    assert st.period is not None
    period = f"{'kỳ' if vi else 'period'} {st.period.key}"
    due = short_date(st.due, lang)
    if st.held is not None:
        held = short_date(st.held.date, lang)
        return f"      ✓ {period}: {'đã tổ chức' if vi else 'held'} {held}\n", "green"
    if st.untracked and st.due < today:
        return (f"      – {period}: {UNTRACKED(lang)} ({'hạn' if vi else 'due'} {due}; "
                f"{'thỏa thuận đã kết thúc' if vi else 'the agreement was closed'})\n", "dim")
    days = (st.due - today).days
    if days < 0:
        return (f"      ✗ {period}: " + (f"quá hạn {-days} ngày (hạn {due})" if vi
                                          else f"{-days} days late (due {due})") + "\n", "red")
    return (f"      … {period}: " + (f"hạn {due} (còn {days} ngày)" if vi
                                      else f"due {due} (in {days} days)") + "\n", "yellow")


def handover_lines(a: Agreement, agreements: Sequence[Agreement], lang: Lang) -> Pieces:
    """Where each boundary period went, on both sides of a replacement: for the agreement
    replaced (its successor is listed) and for the one replacing (its predecessors)."""
    vi = lang == "vi"
    pairs: list[tuple[Agreement, Agreement]] = []
    successor = replaced_by(agreements).get(a.id)
    if successor is not None:
        pairs.append((a, successor))
    by_id = {x.id: x for x in agreements}
    pairs += [(by_id[old], a) for old in a.replaced_ids
              if old in by_id and replaced_by(agreements).get(old) is a]
    found = [b for old, new in pairs for b in boundaries(old, new)]
    if not found:
        return []
    out: Pieces = [("Kỳ giáp ranh khi thay thế:\n" if vi
                    else "Periods at the seam of the replacement:\n", "bold")]
    out += [(f"  • {boundary_text(b, a.id, lang)}\n", "") for b in found]
    return out


def boundary_text(b: Boundary, here: str, lang: Lang) -> str:
    """One boundary period in a sentence, from the side of agreement ``here``."""
    vi = lang == "vi"
    what = (f"{'nghĩa vụ' if vi else 'duty'} {b.item}" if b.kind == "report"
            else f"{'hội nghị' if vi else 'meeting'} {b.item}")
    period = b.period.label()(lang)
    start = short_date(dt.date.fromisoformat(b.new_start), lang)
    taker = (f"{'nghĩa vụ' if vi else 'duty'} {b.taken_by}" if b.kind == "report"
             else f"{'hội nghị' if vi else 'meeting'} {b.taken_by}")
    if b.moved:
        if here == b.old:
            return (f"{what}, {period}: chuyển sang thỏa thuận {b.new} (có hiệu lực từ {start}, "
                    f"đang hiệu lực vào ngày cuối kỳ), theo {taker}" if vi else
                    f"{what}, {period}: goes to agreement {b.new} (in force from {start}, on "
                    f"the period's last day), under {taker}")
        return (f"{period} của {what} (thỏa thuận {b.old}): do thỏa thuận này đảm nhận, "
                f"theo {taker} (có hiệu lực từ {start}, trước ngày cuối kỳ)" if vi else
                f"{period} of {what} (agreement {b.old}): owed under this agreement, "
                f"{taker} (in force from {start}, before the period's last day)")
    freq = FREQUENCY_LABELS[b.period.frequency.value]
    noun = Label("nghĩa vụ", "duty") if b.kind == "report" else Label("hội nghị", "meeting")
    new = Label("thỏa thuận này", "this agreement") if here == b.new \
        else Label(f"thỏa thuận {b.new}", f"agreement {b.new}")
    if b.taken_by is None:
        reason = Label(f"{new.vi} không có {noun.vi} {freq.vi}",
                       f"{new.en} has no {freq.en} {noun.en}")(lang)
    else:
        first = b.taker_first.key if b.taker_first else "?"
        reason = Label(f"{noun.vi} {b.taken_by} của {new.vi} bắt đầu từ kỳ {first}",
                       f"{noun.en} {b.taken_by} of {new.en} starts with {first}")(lang)
    if here == b.old:
        return (f"{what}, {period}: ở lại thỏa thuận này ({reason})" if vi else
                f"{what}, {period}: stays with this agreement ({reason})")
    return (f"{period} của {what} (thỏa thuận {b.old}): ở lại thỏa thuận {b.old} ({reason})"
            if vi else f"{period} of {what} (agreement {b.old}): stays with {b.old} "
            f"({reason})")
