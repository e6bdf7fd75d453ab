"""The issuer's own lists in a draft: its reports and plans overdue (a run of periods on
one line) and coming, and its meetings not held (see :func:`ppcli.drafts.shapes.meeting_lists`);
never the report being written. Pure: ``on`` is the draft's date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ppcli.drafts.shapes import PLAN_OF, is_plan, meeting_lists
from ppcli.engine.schedule import Obligation
from ppcli.files.model import Agreement
from ppcli.i18n import day_month
from ppcli.periods import Frequency, Period, runs

UPCOMING_DAYS = 120  # "next deadlines and conferences" in a draft: about a quarter ahead
# a report of each frequency, as a sentence names it: "33 báo cáo tháng"
REPORT_OF = {Frequency.MONTHLY: "báo cáo tháng", Frequency.QUARTERLY: "báo cáo quý",
             Frequency.HALF_YEARLY: "báo cáo 6 tháng", Frequency.YEARLY: "báo cáo năm",
             Frequency.ONCE: "báo cáo"}


def report_name(frequency: Frequency, period: Period | None, plan: bool = False) -> str:
    """"báo cáo năm 2024", "báo cáo tháng 2/2024", "kế hoạch năm 2026"."""
    noun = "kế hoạch" if plan else "báo cáo"
    return f"{noun} {period.label().vi}" if period is not None else noun


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def own_lists(a: Agreement, states: dict[str, list[Obligation]], me: set[str], item: str,
              period: Period | None, on: dt.date
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The issuer's own reports overdue (a run of periods on one line) and its own coming
    reports and conferences; never the report being written."""
    late: dict[str, list[Obligation]] = {}
    upcoming: list[dict[str, Any]] = []
    horizon = on + dt.timedelta(days=UPCOMING_DAYS)
    for obs in states.values():
        for ob in obs:
            if ob.done or not me & set(ob.owing) or (ob.untracked and ob.due < on):
                continue  # done, someone else's, or a closed agreement's (not owed)
            if ob.duty.id == item and ob.period == period:
                continue  # the report being written
            if ob.due < on:
                late.setdefault(ob.duty.id, []).append(ob)
            elif ob.due <= horizon:
                upcoming.append({"what": _capital(report_name(ob.duty.frequency, ob.period,
                                                               is_plan(ob.duty))),
                                 "when": f"hạn {day_month(ob.due)}", "due": ob.due})
    # a frequency names a duty in a sentence unless two of the listed duties share it
    freqs = [(duty.frequency, is_plan(duty)) for d in late if (duty := a.duty(d)) is not None]
    overdue: list[dict[str, Any]] = []
    for duty_id, obs in late.items():
        duty = a.duty(duty_id)
        assert duty is not None
        plan = is_plan(duty)
        ambiguous = freqs.count((duty.frequency, plan)) > 1
        of = f" ({duty.subject or duty.title})" if ambiguous and (duty.subject or duty.title) \
            else ""
        by_period = {ob.period: ob for ob in obs if ob.period is not None}
        for run in runs(by_period):
            first = by_period[run.first]
            if run.count == 1:
                text = f"{_capital(report_name(duty.frequency, run.first, plan))}{of} chưa gửi " \
                       f"(hạn {day_month(first.due)})"
            else:
                text = (f"{run.count} {(PLAN_OF if plan else REPORT_OF)[duty.frequency]}{of} "
                        "chưa gửi, từ "
                        f"{run.first.label().vi} đến {run.last.label().vi} (hạn sớm nhất "
                        f"{day_month(first.due)})")
            overdue.append({"duty": duty_id, "conference": None, "text": text,
                            "count": run.count,
                            "first": run.first.key, "last": run.last.key, "due": first.due})
        for ob in obs:
            if ob.period is None:
                overdue.append({"duty": duty_id, "conference": None,
                                "text": f"{'Kế hoạch' if plan else 'Báo cáo'}{of} chưa gửi (hạn "
                                f"{day_month(ob.due)})", "count": 1, "first": None,
                                "last": None, "due": ob.due})
    meetings_late, meetings_coming = meeting_lists(a, me, item, period, on, horizon)
    overdue += meetings_late
    upcoming += meetings_coming
    overdue.sort(key=lambda x: x["due"])
    upcoming.sort(key=lambda x: x["due"])
    return overdue, upcoming
