"""An iCalendar (RFC 5545) file of deadlines and conferences, made with ``icalendar``.

Every report deadline, conference and agreement end becomes an all-day event: Outlook,
Thunderbird and phone calendars all show those, while tasks (VTODO) are ignored by many.
UIDs are built from the agreement, the item and the period, so importing a newer file
updates the events instead of duplicating them; a report sent since the last import
comes back marked "✓".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Alarm, Calendar, Event

from ppcli import __version__
from ppcli.due import DueItem
from ppcli.due_format import due_text, what
from ppcli.model import Registry

REMIND_DAYS = 3  # a reminder three days before an open deadline


def uid(item: DueItem) -> str:
    parts = [item.agreement, item.type, item.item] + ([item.period] if item.period else [])
    return "/".join(parts) + "@ppcli"


def summary(item: DueItem) -> str:
    mark = "✓ " if item.status == "done" else ""
    if item.type == "report":
        period = item.period_label.vi if item.period_label else ""
        return f"{mark}Hạn báo cáo {period}: {item.title} ({item.agreement})"
    if item.type == "conference":
        vague = "" if item.exact else " — chưa có ngày cụ thể"
        return f"{mark}{item.title}{vague} ({item.agreement})"
    return f"Hết hiệu lực: {item.agreement_title} ({item.agreement})"


def build(items: Sequence[DueItem], registry: Registry, today: dt.date) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//ppcli//ppcli {__version__}//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Thỏa thuận phối hợp (ppcli)")
    # DTSTAMP is required; the run's date keeps the file reproducible for a given day
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items:
        event = Event()
        event.add("uid", uid(item))
        event.add("dtstamp", stamp)
        event.add("summary", summary(item))
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [what(item, registry, "vi"), f"Hạn: {due_text(item, 'vi')}"]
        if item.rule is not None:
            lines.append(item.rule.vi)
        lines += [note.vi for note in item.notes]
        lines.append(f"Tệp: {item.file}")
        event.add("description", "\n".join(lines))
        event.add("categories", [{"report": "Báo cáo", "conference": "Hội nghị",
                                  "expiry": "Hết hiệu lực"}[item.type]])
        if item.status != "done" and item.due >= today:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(item))
            alarm.add("trigger", dt.timedelta(days=-REMIND_DAYS))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
