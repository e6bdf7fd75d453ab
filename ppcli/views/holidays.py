"""``ppcli holidays``: the days off and make-up working days ppcli counts, as text and
JSON. Nothing here prints."""

from __future__ import annotations

from typing import Any

from ppcli.engine.workdays import CalendarDay
from ppcli.i18n import Lang, day_month
from ppcli.safetext import one_line

SOURCES = {"holidays": "holidays", "decision": "decision", "repository": "repository"}


def holidays_text(year: int, days: list[CalendarDay], repository: bool, lang: Lang) -> str:
    vi = lang == "vi"
    off = [d for d in days if d.off]
    worked = [d for d in days if not d.off]
    out = [f"Ngày nghỉ và ngày làm bù ppcli dùng để tính hạn năm {year}" if vi
           else f"Days off and make-up working days ppcli counts in {year}", ""]
    for title, group in ((("NGÀY NGHỈ" if vi else "DAYS OFF"), off),
                         (("NGÀY LÀM BÙ (thứ Bảy, Chủ nhật đi làm)" if vi
                           else "MAKE-UP WORKING DAYS (weekend days worked)"), worked)):
        out.append(f"{title} ({len(group)})")
        for d in group:
            out.append(f"  {day_month(d.date)}  {d.weekday(lang):<9} {one_line(d.name)}")
            out.append(f"      {'nguồn' if vi else 'source'}: {one_line(d.basis(lang))}")
        out.append("")
    out.append("Thứ Bảy và Chủ nhật là ngày nghỉ hằng tuần. Ngày ghi trong agreements/ppcli.yaml "
               "(days_off, working_days) được ưu tiên hơn dữ liệu kèm ppcli và gói holidays."
               if vi else
               "Saturdays and Sundays are weekly days off. Days in agreements/ppcli.yaml "
               "(days_off, working_days) override the data shipped with ppcli and the holidays "
               "package.")
    if not repository:
        out.append("Không ở trong kho thỏa thuận: chưa tính ngày do kho ghi." if vi else
                   "Not inside an agreements repository: no repository days counted.")
    return "\n".join(out) + "\n"


def holidays_json(days: list[CalendarDay], lang: Lang) -> list[dict[str, Any]]:
    return [{"date": d.date.isoformat(), "type": "off" if d.off else "working",
             "name": d.name, "source": SOURCES[d.source], "basis": d.basis(lang)}
            for d in days]
