"""What a draft says for the shapes of issue 17 (pure functions, no I/O, no clock).

* A plan duty (``kind: ke-hoach``) is drafted as a KẾ HOẠCH for its period: laid out as
  Nghị định 30/2020's Mẫu 1.4 "Văn bản có tên loại" (Phụ lục III, which covers a kế hoạch;
  symbol KH), in the sections plans customarily have (the decree does not fix them):
  mục đích, yêu cầu; nội dung; tổ chức thực hiện — with the issuer's own reports and
  meetings that fall in the plan's period, and the days it runs.
* A recurring meeting (``frequency:``) is drafted for exactly the period concerned: a
  kiểm điểm or giao ban reviews its period; a meeting held at the start of a period
  (``when: dau-ky``, "hội nghị liên tịch đầu năm") reviews the previous period and plans
  this one. Never "from the signing until today".
* An agreement issued by a decision is cited as officials cite it: "Quy chế … ban hành kèm
  theo Quyết định số … ngày … của …".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ppcli.engine.meetings import conference_states
from ppcli.engine.schedule import resolve_rule, rule_label
from ppcli.files.declaration import CONFERENCE_KINDS
from ppcli.files.model import Agreement, Conference, Config, DocRef, Duty, Registry
from ppcli.i18n import day_month
from ppcli.periods import Frequency, Period, containing, runs

# a report of each frequency, as a plan names it: "Báo cáo quý"
REPORT_NAMES = {Frequency.MONTHLY: "Báo cáo tháng", Frequency.QUARTERLY: "Báo cáo quý",
                Frequency.HALF_YEARLY: "Báo cáo 6 tháng", Frequency.YEARLY: "Báo cáo năm",
                Frequency.ONCE: "Báo cáo"}
# a plan of each frequency, as a sentence names it: "2 kế hoạch năm"
PLAN_OF = {Frequency.MONTHLY: "kế hoạch tháng", Frequency.QUARTERLY: "kế hoạch quý",
           Frequency.HALF_YEARLY: "kế hoạch 6 tháng", Frequency.YEARLY: "kế hoạch năm",
           Frequency.ONCE: "kế hoạch"}


def is_plan(duty: Duty | None) -> bool:
    return duty is not None and duty.kind == "ke-hoach"


def previous(period: Period) -> Period:
    return containing(period.frequency, period.start - dt.timedelta(days=1))


def reviewed_period(conf: Conference, period: Period) -> Period:
    """The period a recurring meeting of ``period`` reviews: the one before it when the
    meeting opens the period ("đầu kỳ"), else the period itself."""
    return previous(period) if conf.when == "dau-ky" else period


def plans_period(conf: Conference, period: Period) -> Period:
    """The period whose tasks the meeting sets: this one when it opens the period, else the
    next one."""
    return period if conf.when == "dau-ky" else period.next()


def _common(noun: str) -> str:
    """A kind's label inside a sentence: a common noun, in lower case ("hội nghị giao ban")."""
    return noun[:1].lower() + noun[1:]


def meeting_texts(name: str, again: str, conf: Conference, period: Period
                  ) -> tuple[str, str]:
    """The summary line and the "what" of the opening sentence of a recurring meeting's
    report, for exactly the period it reviews."""
    reviewed = reviewed_period(conf, period).label().vi
    if conf.when == "dau-ky":
        coming = period.label().vi
        return (f"Kết quả thực hiện {name} {reviewed}; phương hướng, nhiệm vụ {coming}",
                f"kết quả thực hiện {again} {reviewed} và phương hướng, nhiệm vụ {coming}, "
                f"phục vụ {_meeting(conf)}")
    if conf.kind == "kiem-diem":
        return (f"Kiểm điểm thực hiện {name} {reviewed}",
                f"kiểm điểm việc thực hiện {again} {reviewed}")
    return (f"Kết quả thực hiện {name} {reviewed}",
            f"kết quả thực hiện {again} {reviewed}, phục vụ {_meeting(conf)}")


def _meeting(conf: Conference) -> str:
    return conf.title or _common(CONFERENCE_KINDS[conf.kind].vi)


def plan_texts(name: str, again: str, duty: Duty, period: Period | None) -> tuple[str, str]:
    """The summary line under "KẾ HOẠCH" and what the opening sentence says is issued."""
    label = f" {period.label().vi}" if period else ""
    summary = f"{duty.subject}{label}" if duty.subject else f"Thực hiện {name}{label}"
    return summary, f"Kế hoạch thực hiện {again}{label}"


def plan_span(a: Agreement, period: Period | None, on: dt.date) -> tuple[dt.date, dt.date]:
    """The days a plan runs: its period, within the agreement's validity."""
    start, end = (period.start, period.end) if period else (on, a.end or on)
    if a.start:
        start = max(start, a.start)
    if a.end:
        end = min(end, a.end)
    return start, max(start, end)


def plan_tasks(a: Agreement, registry: Registry, config: Config, me: set[str],
               duty: Duty, span: tuple[dt.date, dt.date], on: dt.date
               ) -> dict[str, list[str]]:
    """What the plan's "tổ chức thực hiện" lists of the issuer's own: each of its other
    duties with where it goes and its deadline rule (an assumed one said so), and each of
    the meetings it hosts that falls in the plan's days."""
    reports: list[str] = []
    for d in a.duties:
        if d.id == duty.id or not me & set(d.reporters):
            continue
        kind = "Kế hoạch" if is_plan(d) else REPORT_NAMES[d.frequency]
        sender = sorted(me & set(d.reporters))[0]
        to = _names(registry, [o for o in d.recipients_for(sender, a.party_ids())
                               if o not in me], span[0])
        rule = rule_label(resolve_rule(d, config.default_deadline)).vi
        what = d.subject or d.title
        reports.append(f"{kind}{f' ({what})' if what else ''}"
                       f"{f' gửi {to}' if to else ''}: {rule}")
    meetings: list[tuple[dt.date, dt.date, str]] = []
    for c in a.conferences:
        if not me & set(c.hosts):
            continue
        title = c.title or CONFERENCE_KINDS[c.kind].vi
        for st in conference_states(a, c, span[1]):
            held = st.held if st.held is not None and st.held.date <= on else None
            if st.period is not None:
                if not span[0] <= st.due <= span[1]:
                    continue
                when = f"đã tổ chức ngày {day_month(held.date)}" if held else \
                    f"tổ chức từ ngày {day_month(st.opens)} đến ngày {day_month(st.due)}"
                meetings.append((st.opens, st.due, f"{_with_period(title, st.period)}: {when}"))
            elif held is None and span[0] <= st.due and st.opens <= span[1]:
                meetings.append((st.opens, st.due, f"{title}: dự kiến {st.planned_text.vi}"))
    meetings.sort(key=lambda m: (m[0], m[1]))
    return {"reports": reports, "meetings": [m for _, _, m in meetings]}


def _names(registry: Registry, orgs: Iterable[str], on: dt.date) -> str:
    out: list[str] = []
    for oid in orgs:
        for now in registry.successors_on(oid, on) or (oid,):
            name = registry.name(now)
            if name not in out:
                out.append(name)
    return " và ".join([", ".join(out[:-1]), out[-1]]) if len(out) > 1 else "".join(out)


def doc_ref(ref: DocRef, registry: Registry) -> dict[str, Any]:
    """A document as templates see it (the issuer by its name when it is in the registry)."""
    issuer = registry.name(ref.issuer) if ref.issuer in registry.orgs else ref.issuer
    return {"agreement": ref.agreement, "kind": ref.kind or None, "number": ref.number or None,
            "date": ref.date, "title": ref.title or None, "issuer": issuer or None}


def issued_by(a: Agreement, registry: Registry) -> dict[str, Any] | None:
    """The decision that issues the agreement, with the phrase a draft cites it by:
    "ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 01/3/2024 của Ủy ban nhân dân tỉnh
    X" (an unknown number is a placeholder; an unknown issuer is left out)."""
    by = a.issued_by
    if by is None:
        return None
    from ppcli.drafts.context import placeholder

    issuer = registry.name(by.issuer) if by.issuer and by.issuer in registry.orgs else \
        (by.issuer or "")
    number = by.number or placeholder("số quyết định ban hành")
    phrase = f"ban hành kèm theo {by.kind or 'Quyết định'} số {number} ngày " \
             f"{day_month(by.date)}" + (f" của {issuer}" if issuer else "")
    return {"kind": by.kind or "Quyết định", "number": by.number or None, "date": by.date,
            "issuer": issuer or None, "effective": by.in_force, "phrase": phrase}


def not_the_sender(orgs: Sequence[str], sender: set[str]) -> list[str]:
    """Recipients without the body that sends (and those it speaks for): "to the other
    parties" never lists the sender among its own recipients."""
    return [o for o in orgs if o not in sender]


def shape(ctx: dict[str, Any], a: Agreement, registry: Registry, config: Config,
          me: set[str], duty: Duty | None, conf: Conference | None, period: Period | None,
          name: str, again: str) -> None:
    """Turn the context of an ordinary report into a plan's or a recurring meeting's
    (``ctx`` is changed in place), and add what every draft may cite: the issuing decision,
    the documents replaced, the recipients without the sender."""
    report, agreement = ctx["report"], ctx["agreement"]
    agreement["issued_by"] = issued_by(a, registry)
    agreement["replaces"] = [doc_ref(r, registry) for r in a.replaces]
    report["type_name"], report["type_code"] = "BÁO CÁO", "BC"
    report["reviewed"] = report["planned_for"] = None
    ctx["plan"] = {"reports": [], "meetings": []}
    own = {registry.name(o) for o in me} | {ctx["issuer"]["name"]}
    ctx["recipients"] = [r for r in ctx["recipients"] if r not in own]
    ctx["other_parties"] = [r for r in ctx["other_parties"] if r not in own]
    if duty is not None and is_plan(duty):
        report["kind"], report["type_name"], report["type_code"] = "ke-hoach", "KẾ HOẠCH", "KH"
        report["summary"], report["what"] = plan_texts(name, again, duty, period)
        start, end = plan_span(a, period, report["date"])
        report["span_start"], report["span_end"] = start, end
        report["data_window"] = ""
        ctx["plan"] = plan_tasks(a, registry, config, me, duty, (start, end), report["date"])
    elif conf is not None and conf.frequency is not None and period is not None:
        reviewed, coming = reviewed_period(conf, period), plans_period(conf, period)
        report["kind"] = "hoi-nghi"
        report["summary"], report["what"] = meeting_texts(name, again, conf, period)
        report["reviewed"] = {"key": reviewed.key, "label": reviewed.label().vi,
                              "start": reviewed.start, "end": reviewed.end}
        report["planned_for"] = {"key": coming.key, "label": coming.label().vi,
                                 "start": coming.start, "end": coming.end}
        from ppcli.drafts.context import data_window_sentence

        start = max(reviewed.start, a.start) if a.start else reviewed.start
        end = min(reviewed.end, a.end) if a.end else reviewed.end
        report["span_start"], report["span_end"] = start, max(start, end)
        report["data_window"] = data_window_sentence(start, max(start, end), None)


def meeting_lists(a: Agreement, me: set[str], item: str, period: Period | None,
                  on: dt.date, horizon: dt.date) -> tuple[list[dict[str, Any]],
                                                           list[dict[str, Any]]]:
    """The issuer's own meetings not held: overdue (a recurring meeting's run of periods on
    one line, as reports are) and coming; never the meeting being written about."""
    overdue: list[dict[str, Any]] = []
    upcoming: list[dict[str, Any]] = []
    for c in a.conferences:
        if not me & set(c.hosts):
            continue
        what = c.title or CONFERENCE_KINDS[c.kind].vi
        late: dict[Period, dt.date] = {}
        for st in conference_states(a, c, horizon + dt.timedelta(days=366)):
            if st.held is not None or st.untracked or (c.id == item and st.period == period):
                continue
            if st.period is not None:
                if st.due < on:
                    late[st.period] = st.due
                elif st.opens <= horizon:
                    upcoming.append({"what": _with_period(what, st.period), "when":
                                     f"tổ chức đến ngày {day_month(st.due)}", "due": st.due})
                continue
            planned = c.planned
            assert planned is not None
            when = f"ngày {planned.text()}" if st.exact else \
                f"dự kiến {'tháng' if planned.month else 'năm'} {planned.text()}"
            if st.due < on:
                overdue.append({"duty": None, "conference": c.id, "count": 1, "first": None,
                                "last": None, "due": st.due,
                                "text": f"{what} ({when}): chưa tổ chức"})
            elif st.due <= horizon + dt.timedelta(days=0 if st.exact else 366):
                upcoming.append({"what": what, "when": when, "due": st.due})
        for run in runs(late):
            text = f"{_with_period(what, run.first)}: chưa tổ chức" if run.count == 1 else \
                (f"{run.count} lần {_common(what)} chưa tổ chức, từ {run.first.label().vi} "
                 f"đến {run.last.label().vi}")
            overdue.append({"duty": None, "conference": c.id, "count": run.count,
                            "first": run.first.key, "last": run.last.key,
                            "due": late[run.first], "text": text})
    return overdue, upcoming


def _with_period(what: str, period: Period) -> str:
    """"Hội nghị giao ban quý I/2026"; "Hội nghị liên tịch đầu năm 2026" (not "năm năm")."""
    label = period.label().vi
    if what.split()[-1:] == label.split()[:1]:
        return f"{what} {label.split(' ', 1)[1]}"
    return f"{what} {label}"
