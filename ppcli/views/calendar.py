"""An iCalendar (RFC 5545) file of deadlines and conferences, made with ``icalendar``.

Every report deadline, conference and agreement end becomes an all-day event: Outlook,
Thunderbird and phone calendars all show those, while tasks (VTODO) are ignored by many.
UIDs are built from the agreement, the item and the period, so importing a newer file
updates the events instead of duplicating them; a report sent since the last import
comes back marked "✓".

Past events are kept only from a window (:data:`PAST_DAYS` back, or ``--since``):
whatever is still open or overdue is always there, however old. The file is written
event by event (each VEVENT serialised and folded by icalendar on its own), so memory
does not grow with the number of events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from icalendar import Alarm, Calendar, Event

from ppcli import __version__
from ppcli.engine.due import DueItem
from ppcli.engine.schedule import State
from ppcli.files.model import Registry
from ppcli.safetext import strip_controls
from ppcli.views.due_listing import due_text, what

REMIND_DAYS = 3  # a reminder three days before an open deadline
# Done reports and held conferences older than this are left out: a calendar imported
# every week or month keeps what it already has, and the file stays small. 90 days
# covers a quarter, the longest gap between two imports a clerk is likely to leave.
PAST_DAYS = 90
END = b"END:VCALENDAR\r\n"


def window_start(today: dt.date, since: dt.date | None = None) -> dt.date:
    """The first day whose done items go into the calendar."""
    return since if since is not None else today - dt.timedelta(days=PAST_DAYS)


def uid(item: DueItem) -> str:
    parts = [item.agreement, item.type, item.item] + ([item.period] if item.period else [])
    return "/".join(parts) + "@ppcli"


def summary(item: DueItem) -> str:
    mark = "✓ " if item.status is State.DONE else ""
    if item.type == "report":
        period = item.period_label.vi if item.period_label else ""
        return f"{mark}Hạn báo cáo {period}: {item.title} ({item.agreement})"
    if item.type == "conference":
        vague = "" if item.exact else " — chưa có ngày cụ thể"
        period = f" {item.period_label.vi}" if item.period_label else ""  # a recurring one
        return f"{mark}{item.title}{period}{vague} ({item.agreement})"
    if item.type == "review":
        return f"Cần rà soát, ký lại (các bên đã sáp nhập/giải thể): {item.agreement_title} " \
               f"({item.agreement})"
    return f"Hết hiệu lực: {item.agreement_title} ({item.agreement})"


def description(item: DueItem, registry: Registry) -> str:
    lines = [what(item, registry, "vi"), f"Hạn: {due_text(item, 'vi')}" if item.type != "review"
             else f"Từ: {due_text(item, 'vi')}"]
    if len(item.reporters) > 1:  # several reporters: who still owes, who has sent
        if item.party:
            lines.append("Chưa gửi: " + ", ".join(registry.name(o) for o in item.party))
        if item.sent_by:
            lines.append("Đã gửi: " + ", ".join(registry.name(o) for o in item.sent_by))
    if item.rule is not None:
        lines.append(item.rule.vi)
    lines += [note.vi for note in item.notes]
    lines.append(f"Tệp: {item.file}")
    return "\n".join(lines)


def event(item: DueItem, registry: Registry, today: dt.date, stamp: dt.datetime) -> Event:
    """One all-day event; its text from data carries no control or bidi character (a
    calendar shows it on phones and in mail clients that may obey them)."""
    ev = Event()
    ev.add("uid", strip_controls(uid(item)))
    ev.add("dtstamp", stamp)
    ev.add("summary", strip_controls(summary(item)))
    ev.add("dtstart", item.due)
    ev.add("dtend", item.due + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    ev.add("description", strip_controls(description(item, registry)))
    ev.add("categories", [{"report": "Báo cáo", "conference": "Hội nghị",
                           "expiry": "Hết hiệu lực", "review": "Cần rà soát"}[item.type]])
    if item.status is not State.DONE and item.due >= today:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", strip_controls(summary(item)))
        alarm.add("trigger", dt.timedelta(days=-REMIND_DAYS))
        ev.add_component(alarm)
    return ev


def stream(items: Sequence[DueItem], registry: Registry, today: dt.date) -> Iterator[bytes]:
    """The calendar as a sequence of byte chunks: the header, one chunk per event (CRLF
    line ends, lines folded at 75 octets), the end."""
    cal = Calendar()
    cal.add("prodid", f"-//ppcli//ppcli {__version__}//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Thỏa thuận phối hợp (ppcli)")
    head = bytes(cal.to_ical())
    yield head[:head.rindex(END)]
    # DTSTAMP is required; the run's date keeps the file reproducible for a given day
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items:
        yield bytes(event(item, registry, today, stamp).to_ical())
    yield END


def build(items: Sequence[DueItem], registry: Registry, today: dt.date) -> bytes:
    return b"".join(stream(items, registry, today))
