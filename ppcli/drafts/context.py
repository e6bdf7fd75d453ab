"""The facts of a report draft, gathered from the agreement files (no I/O, no clock).

A draft is a periodic report on a reporting duty (one period), or the report of a
review conference (sơ kết, tổng kết) covering the agreement from its start. Everything
here is data from the files; whatever only a person can write is left to the template
as a visible placeholder ("[Cần bổ sung: …]").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ppcli.engine.schedule import Obligation, conference_state, reporters_owing, reporters_sent
from ppcli.errors import RequestError
from ppcli.files.declaration import AGREEMENT_KINDS, CONFERENCE_KINDS
from ppcli.files.model import Agreement, Config, Registry
from ppcli.i18n import Label, date_line
from ppcli.periods import FREQUENCY_LABELS, Period, parse_period, period_label, wrong_length

PLACEHOLDER = "[Cần bổ sung: {}]"
PLACEHOLDER_RE = re.compile(r"\[Cần bổ sung:[^\]]*\]")
UPCOMING_DAYS = 120  # "next deadlines and conferences" in a draft: about a quarter ahead


def placeholder(what: str) -> str:
    return PLACEHOLDER.format(what)


class DraftError(RequestError):
    """The draft cannot be made from these arguments; the label says why (status 2)."""


@dataclass(frozen=True)
class Block:
    """One block of a draft's body: its markup parsed (:func:`ppcli.drafts.render.parse_body`),
    read by every writer (Markdown, HTML, .docx)."""

    kind: str  # 'h1', 'h2', 'li' or 'p'
    text: str


@dataclass(frozen=True)
class Request:
    agreement: str
    item: str  # a duty id or a conference id
    period: str | None
    as_org: str | None
    date: dt.date  # the date written on the report


def _names(registry: Registry, orgs: Sequence[str], on: dt.date) -> list[str]:
    """Organisation names in force on ``on`` (successors of merged bodies)."""
    out: list[str] = []
    for oid in orgs:
        for now in registry.successors_on(oid, on):
            name = registry.name(now)
            if name not in out:
                out.append(name)
    return out


def _org(registry: Registry, oid: str, on: dt.date) -> dict[str, Any]:
    now = registry.successors_on(oid, on)
    current = now[0] if now else oid
    org = registry.orgs.get(current)
    return {"id": current, "name": registry.name(current),
            "short": registry.name(current, short=True),
            "code": org.code if org else "", "kind": org.kind if org else "",
            "original_id": oid, "original_name": registry.name(oid)}


def _place(registry: Registry, config: Config, original: str, current: str) -> str:
    """Địa danh: the repository's own place for its own body (ppcli.yaml), else the
    province of the issuing body in force, else the repository's place."""
    if config.place and config.issuer in (original, current):
        return config.place
    org = registry.orgs.get(current)
    return (org.province if org and org.province else "") or config.place


def _upper(text: str) -> str:
    return text.upper()


def _duty_title(a: Agreement, duty_id: str) -> str:
    duty = a.duty(duty_id)
    return (duty.title if duty else "") or "Báo cáo"


def _conference_title(a: Agreement, conf_id: str) -> str:
    conf = a.conference(conf_id)
    return (conf.title or CONFERENCE_KINDS[conf.kind].vi) if conf else conf_id



def build_context(a: Agreement, registry: Registry, config: Config,
                  states: dict[str, list[Obligation]], request: Request) -> dict[str, Any]:
    """Everything a template may use, as plain values (dicts, lists, strings, dates)."""
    on = request.date
    duty = a.duty(request.item)
    conf = a.conference(request.item)
    if duty is None and conf is None:
        known = ", ".join([d.id for d in a.duties] + [c.id for c in a.conferences]) or "—"
        raise DraftError(Label(
            f"thỏa thuận \"{a.id}\" không có nghĩa vụ báo cáo hay hội nghị \"{request.item}\" "
            f"(có: {known})",
            f"agreement \"{a.id}\" has no duty or conference \"{request.item}\" "
            f"(it has: {known})"))
    period: Period | None = None
    if duty is not None:
        if request.period is None and duty.frequency.value != "mot-lan":
            raise DraftError(Label("thiếu kỳ báo cáo, ví dụ: 2025, 2025-H1, 2025-Q3, 2025-05",
                                   "the period is missing, e.g. 2025, 2025-H1, 2025-Q3"))
        if request.period is not None:
            period = parse_period(request.period)
            if period is None or period.frequency is not duty.frequency:
                raise DraftError(wrong_length(request.period, duty.id, duty.frequency))
        reporters = duty.reporters
        kind = "dinh-ky"
    else:
        assert conf is not None
        reporters = conf.hosts
        kind = "tong-ket" if conf.kind == "tong-ket" else "so-ket"
    as_org = request.as_org
    if as_org is None and len(reporters) > 1 and config.issuer in reporters:
        as_org = config.issuer  # the repository's own body, from ppcli.yaml
    if as_org is not None:
        if as_org not in reporters:
            raise DraftError(Label(
                f"--as: \"{as_org}\" không phải bên báo cáo ({', '.join(reporters)})",
                f"--as: \"{as_org}\" is not a reporting party ({', '.join(reporters)})"))
        issuer_id = as_org
    elif len(reporters) == 1:
        issuer_id = reporters[0]
    else:
        raise DraftError(Label(
            f"có nhiều bên báo cáo ({', '.join(reporters)}); chọn một bằng --as",
            f"several parties report ({', '.join(reporters)}); choose one with --as"))

    issuer = _org(registry, issuer_id, on)
    issuer_org = registry.orgs.get(issuer["id"])
    parent = _org(registry, issuer_org.parent, on) if issuer_org and issuer_org.parent else None

    if period is not None:
        span_start, span_end = period.start, period.end
    elif conf is not None:
        state = conference_state(a, conf)
        span_start = a.start or a.signed or on
        span_end = state.held.date if state.held else min(state.due, on) if state.exact \
            else on
    else:
        span_start, span_end = a.start or on, on

    until = min(span_end, on)

    def names(orgs: Sequence[str]) -> list[str]:
        return _names(registry, orgs, on)

    sent = [{"duty": r.item, "title": _duty_title(a, r.item), "period": r.period,
             "period_label": period_label(r.period), "date": r.date, "number": r.number,
             "by": r.by, "by_name": names([r.by])[0] if r.by else None}
            for r in a.records if r.kind == "report" and span_start <= r.date <= until]
    held = [{"conference": r.item, "title": _conference_title(a, r.item), "date": r.date}
            for r in a.records if r.kind == "conference" and span_start <= r.date <= until]
    overdue = [{"duty": ob.duty.id, "title": ob.duty.title or "Báo cáo",
                "period": ob.period.key if ob.period else None,
                "period_label": ob.period.label().vi if ob.period else "",
                "due": ob.due, "owed_by": names(ob.owing),
                "sent_by": names(reporters_sent(ob.duty, ob.owing))}
               for obs in states.values() for ob in obs if not ob.done and ob.due < on]
    horizon = on + dt.timedelta(days=UPCOMING_DAYS)
    upcoming: list[dict[str, Any]] = [{"what": f"{ob.duty.title or 'Báo cáo'} {ob.period.label().vi if ob.period else ''}"
                 .strip(), "due": ob.due, "owed_by": names(ob.owing)}
                for obs in states.values() for ob in obs
                if not ob.done and on <= ob.due <= horizon]
    for c in a.conferences:
        st = conference_state(a, c)
        if st.held is None and on <= st.due <= horizon + dt.timedelta(days=366 if not st.exact
                                                                      else 0):
            upcoming.append({"what": (c.title or CONFERENCE_KINDS[c.kind].vi)
                             + ("" if st.exact else f" (dự kiến {c.planned.text()})"),
                             "due": st.due, "owed_by": []})
    upcoming.sort(key=lambda x: x["due"])

    recipients = _names(registry, duty.recipients, on) if duty is not None else []
    # several reporters: who has sent this period and who still owes it, so that a
    # template can say "Tỉnh đoàn chưa gửi" (the rule is the engine's: reporters_owing)
    owed_by: list[str] = []
    sent_by: list[str] = []
    if duty is not None:
        key = period.key if period is not None else None
        owing = reporters_owing(duty, [r for r in a.records if r.kind == "report"
                                       and r.item == duty.id and r.period == key])
        owed_by, sent_by = names(owing), names(reporters_sent(duty, owing))
    others = [n for p in a.parties for n in _names(registry, [p.org], on)
              if n != issuer["name"] and n not in recipients]
    agreement = {
        "id": a.id, "kind": a.kind, "kind_name": AGREEMENT_KINDS[a.kind].vi,
        "title": a.title, "number": a.number or None, "signed": a.signed,
        "start": a.start, "end": a.end, "term": a.term or None,
        "parties": [{"id": p.org, "name": registry.name(p.org),
                     "name_now": ", ".join(_names(registry, [p.org], on))} for p in a.parties],
        "areas": [{"id": x.id, "title": x.title,
                   "lead": _names(registry, x.lead, on), "support": _names(registry, x.support, on),
                   "details": list(x.details)} for x in a.areas],
        "legal_basis": list(a.legal_basis), "funding": list(a.funding),
        "implements": {"kind": a.implements.kind, "number": a.implements.number,
                       "date": a.implements.date, "title": a.implements.title,
                       "issuer": a.implements.issuer} if a.implements else None,
    }
    return {
        "agreement": agreement,
        "report": {
            "kind": kind, "date": on,
            "period": {"key": period.key, "label": period.label().vi, "start": period.start,
                       "end": period.end} if period else None,
            "span_start": span_start, "span_end": span_end,
            "duty": {"id": duty.id, "title": duty.title or None,
                     "frequency": FREQUENCY_LABELS[duty.frequency.value].vi} if duty else None,
            "reporters": names(reporters), "owed_by": owed_by, "sent_by": sent_by,
            "conference": {"id": conf.id, "kind": conf.kind, "title": conf.title or None,
                           "kind_name": CONFERENCE_KINDS[conf.kind].vi,
                           "planned": conf.planned.text()} if conf else None,
        },
        "issuer": issuer, "parent": parent,
        "recipients": recipients, "other_parties": others,
        "sent": sent, "held": held, "overdue": overdue, "upcoming": upcoming,
        "place": _place(registry, config, issuer_id, issuer["id"]),
    }


@dataclass(frozen=True)
class Envelope:
    """The parts of a BÁO CÁO whose layout Nghị định 30/2020 fixes (Phụ lục I, Mẫu 1.4)."""

    parent_body: str  # TÊN CQ, TC CHỦ QUẢN (may be empty)
    issuer: str  # TÊN CƠ QUAN, TỔ CHỨC BAN HÀNH
    number: str  # "Số: …/BC-SNV"
    place_date: str  # "Cà Mau, ngày 22 tháng 11 năm 2026"
    summary: str  # trích yếu
    to: tuple[str, ...]  # Kính gửi
    signer_title: tuple[str, ...]  # TM./KT. …, chức vụ
    signer_name: str
    copies: tuple[str, ...]  # Nơi nhận
    type_name: str = "BÁO CÁO"


def envelope(ctx: dict[str, Any]) -> Envelope:
    report, agreement, issuer = ctx["report"], ctx["agreement"], ctx["issuer"]
    code = issuer["code"] or placeholder("chữ viết tắt tên cơ quan")
    parent = ctx["parent"]["name"] if ctx["parent"] else ""
    place = ctx["place"] or placeholder("địa danh")
    if report["kind"] == "dinh-ky":
        what = report["duty"]["title"] or f"Kết quả thực hiện {agreement['kind_name']}"
        if what.lower().startswith("báo cáo "):  # "BÁO CÁO / Báo cáo kết quả…" says it twice
            what = what[len("báo cáo "):]
            what = what[:1].upper() + what[1:]
        summary = f"{what} {report['period']['label']}" if report["period"] else what
    else:
        summary = (f"{'Tổng kết' if report['kind'] == 'tong-ket' else 'Sơ kết'} "
                   f"thực hiện {agreement['title']}")
    to = tuple(ctx["recipients"])
    copies = (["Như trên"] if to else []) + ctx["other_parties"] + [
        f"Lưu: VT, {placeholder('đơn vị soạn thảo')}"]
    return Envelope(
        parent_body=_upper(parent), issuer=_upper(issuer["name"]),
        number=f"Số: …/BC-{code}", place_date=f"{place}, {date_line(report['date'])}",
        summary=summary, to=to,
        signer_title=(placeholder("quyền hạn, chức vụ người ký"),),
        signer_name=placeholder("họ và tên người ký"), copies=tuple(copies))


def file_name(request: Request, extension: str) -> str:
    """An ASCII name, safe on every Windows and in e-mail: BC-<agreement>-<item>[-<period>]."""
    parts = ["BC", request.agreement, request.item] + ([request.period] if request.period else [])
    return re.sub(r"[^A-Za-z0-9._-]", "-", "-".join(parts)) + f".{extension}"

