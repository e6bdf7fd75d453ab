"""The facts of a report draft, gathered from the agreement files (no I/O, no clock).

A draft is a periodic report on a reporting duty (one period), or the report of a
conference: a sơ kết or tổng kết covers the agreement from its start to the conference
(or to the agreement's end, whichever is earlier), a yearly review its own year.
Everything here is data from the files; whatever only a person can write is left as a
visible placeholder ("[Cần bổ sung: …]"), which ``render --check`` lists.

The draft speaks for one body that can sign (never a collective such as "Các sở, ban,
ngành tỉnh …"), and its lists hold that body's own reports and conferences only.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ppcli.drafts.layout import Layout, layout_for
from ppcli.drafts.lists import own_lists, report_name
from ppcli.drafts.shapes import shape
from ppcli.engine.due import recipients_of
from ppcli.engine.schedule import (
    Obligation,
    conference_state,
    data_window,
    reporters_owing,
    reporters_sent,
    resolve_rule,
)
from ppcli.engine.stats import Tally, stats
from ppcli.errors import RequestError
from ppcli.files.declaration import AGREEMENT_KINDS, CONFERENCE_KINDS, END_KINDS
from ppcli.files.model import Agreement, Config, Registry
from ppcli.i18n import Label, date_line, day_month
from ppcli.periods import (
    FREQUENCY_LABELS,
    Period,
    containing,
    parse_period,
    wrong_length,
)

PLACEHOLDER = "[Cần bổ sung: {}]"
PLACEHOLDER_RE = re.compile(r"\[Cần bổ sung:[^\]]*\]")
ND09 = ("Điều 12 Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ quy "
        "định về chế độ báo cáo của cơ quan hành chính nhà nước")
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
    allow_ended: bool = False  # an issuer that had ended by ``date`` (--allow-ended-issuer)


def data_window_sentence(start: dt.date, end: dt.date, source: str | None = "repository"
                         ) -> str:
    """The one sentence that says which days a draft's figures cover.

    ``source`` is where the deadline rule came from when the state regime (Nghị định
    09/2019) sets the window: "agreement" or "repository" (a deliberate setting) cite the
    decree; "builtin" (nobody chose it) says the window is assumed, as a placeholder the
    clerk must confirm; None: no regime, the calendar period or the review's span.
    """
    sentence = f"Số liệu báo cáo tính từ ngày {day_month(start)} đến ngày {day_month(end)}"
    if source is None:
        return sentence + "."
    if source == "builtin":
        return sentence + " " + placeholder(
            "xác nhận thời gian chốt số liệu; hạn giả định theo Điều 12 Nghị định số "
            "09/2019/NĐ-CP vì thỏa thuận và cấu hình kho không quy định") + "."
    return f"{sentence}, theo {ND09}."


def stats_table(a: Agreement, registry: Registry, states: dict[str, list[Obligation]],
                since: dt.date, until: dt.date, on: dt.date) -> dict[str, Any]:
    """``ppcli stats``'s table of this agreement for the days the draft covers: one row per
    party (the four classes, the urgings, the days late summed) and the total; the sơ kết
    and tổng kết templates write it as one line per party, each starting with its name."""
    st = stats([a], {a.id: states}, registry, on, since, until)

    def row(t: Tally) -> dict[str, int]:
        return {"total": t.total, "done_on_time": t.done_on_time, "done_late": t.done_late,
                "open": t.open, "overdue": t.overdue, "reminders": t.reminders,
                "days_late": t.days_late}

    return {"from": since, "to": until, "total": row(st.total),
            "rows": [{"id": o, "name": registry.name(o), **row(t)}
                     for o, t in st.parties.items()]}


def in_sentence(registry: Registry, oid: str) -> str:
    """An organisation's name inside a sentence: a body's name keeps its capitals; a
    collective ("Các sở, ban, ngành tỉnh …") is a common noun and starts in lower case."""
    name = registry.name(oid)
    if registry.is_group(oid) and name[:1].isupper():
        return name[:1].lower() + name[1:]
    return name


def _current(registry: Registry, orgs: Sequence[str], on: dt.date) -> list[str]:
    """The organisations in force on ``on`` (successors of merged bodies), each once."""
    out: list[str] = []
    for oid in orgs:
        for now in registry.successors_on(oid, on) or (oid,):
            if now not in out:
                out.append(now)
    return out


def _org(registry: Registry, oid: str, on: dt.date) -> dict[str, Any]:
    now = registry.successors_on(oid, on)
    current = now[0] if now else oid
    org = registry.orgs.get(current)
    return {"id": current, "name": registry.name(current),
            "short": registry.name(current, short=True),
            "code": org.code if org else "", "kind": str(org.kind) if org else "",
            "original_id": oid, "original_name": registry.name(oid)}


def _place(registry: Registry, config: Config, original: str, current: str) -> str:
    """Địa danh: the repository's own place for its own body (ppcli.yaml), else the
    province of the issuing body in force, else the repository's place."""
    if config.place and config.issuer in (original, current):
        return config.place
    org = registry.orgs.get(current)
    return (org.province if org and org.province else "") or config.place


def _is_collective(registry: Registry, oid: str, on: dt.date) -> bool:
    now = _current(registry, [oid], on)
    return any(registry.is_group(x) for x in now)


def _member_of(registry: Registry, body: str, collective: str, on: dt.date) -> bool:
    """A body may report for a collective it belongs to: a non-collective whose parent is
    the collective's parent ("Các sở, ban, ngành tỉnh X" and a Sở under UBND tỉnh X)."""
    org = registry.orgs.get(body)
    if org is None or registry.is_group(body) or not org.parent:
        return False
    parents = set(_current(registry, [org.parent], on))
    for group in [collective, *_current(registry, [collective], on)]:
        g = registry.orgs.get(group)
        if g is not None and registry.is_group(group) and g.parent and \
                parents & set(_current(registry, [g.parent], on)):
            return True
    return False


def _suggest(registry: Registry, a: Agreement, wrong: str, on: dt.date) -> str:
    """A did-you-mean among the agreement's parties that can sign."""
    can = [p.org for p in a.parties if not _is_collective(registry, p.org, on)]
    close = difflib.get_close_matches(wrong, can, n=3, cutoff=0.4) or can
    return ", ".join(close) or "—"


def _issuer(a: Agreement, registry: Registry, config: Config, reporters: Sequence[str],
            as_org: str | None, on: dt.date) -> tuple[str, str]:
    """The body that issues the draft and the reporter it speaks for: one body that can
    sign, named by --as, by ppcli.yaml's ``issuer`` or as the only reporter."""
    chosen = as_org is not None
    if as_org is None and config.issuer is not None and (
            (config.issuer in reporters and len(reporters) > 1)
            or any(_member_of(registry, config.issuer, r, on) for r in reporters)):
        as_org = config.issuer  # the repository's own body, from ppcli.yaml
    if as_org is None:
        if len(reporters) > 1:
            raise DraftError(Label(
                f"có nhiều bên báo cáo ({', '.join(reporters)}); chọn một bằng --as",
                f"several parties report ({', '.join(reporters)}); choose one with --as"))
        as_org = reporters[0]
    if as_org not in registry.orgs:
        hint = _suggest(registry, a, as_org, on)
        raise DraftError(Label(
            f"--as: không có tổ chức \"{as_org}\" trong danh mục; có phải: {hint}?",
            f"--as: no organisation \"{as_org}\" in the registry; did you mean: {hint}?"))
    if _is_collective(registry, as_org, on):
        name = registry.name(_current(registry, [as_org], on)[0])
        hint = _suggest(registry, a, as_org, on)
        who = Label(f"--as: \"{as_org}\" ({name})", f"--as: \"{as_org}\" ({name})") if chosen \
            else Label(f"bên báo cáo \"{as_org}\" ({name})", f"the reporting party \"{as_org}\" "
                       f"({name})")
        raise DraftError(Label(
            f"{who.vi} là một nhóm cơ quan, không có người ký nên không ban hành được báo cáo; "
            "hãy chọn bằng --as một cơ quan thuộc nhóm (cơ quan trong organisations.yaml có "
            f"parent là cơ quan chủ quản của nhóm) — có phải: {hint}?",
            f"{who.en} is a group of bodies; nobody signs for it, so it cannot issue a "
            "report; choose with --as one body of the group (a body in organisations.yaml "
            f"whose parent is the group's parent) — did you mean: {hint}?"))
    if as_org in reporters:
        return as_org, as_org
    # a successor answers for the body it succeeded (a merged Sở's reports are its heir's)
    heir_of = next((r for r in reporters if as_org in registry.successors_on(r, on)), None)
    if heir_of is not None:
        return as_org, heir_of
    group = next((r for r in reporters if _member_of(registry, as_org, r, on)), None)
    if group is None:
        raise DraftError(Label(
            f"--as: \"{as_org}\" không phải bên báo cáo ({', '.join(reporters)})",
            f"--as: \"{as_org}\" is not a reporting party ({', '.join(reporters)})"))
    return as_org, group


def issuer_date(registry: Registry, issuer: str, named: bool, on: dt.date,
                allow_ended: bool) -> dt.date:
    """The day the draft's header is taken on: ``on``, when the issuer still exists then or
    (not ``named`` by --as) a successor issues in its stead; the day before the issuer
    ended with ``allow_ended``. Otherwise the draft is refused, with the reason and what
    to do: the successor's code, or the override."""
    org = registry.orgs.get(issuer)
    if org is None or org.ended is None or on < org.ended.date:
        return on
    acting = registry.acting_for(issuer, on)
    if acting and not named:
        return on  # its successor issues it, as of the draft's date
    if allow_ended:
        return org.ended.date - dt.timedelta(days=1)
    how = END_KINDS[org.ended.how]
    names = ", ".join(f"{registry.name(x)} ({x})" for x in acting)
    instead = (Label(f"đơn vị thực hiện thay vào ngày đó: {names} — hãy dùng --as {acting[0]}",
                     f"acting for it on that day: {names} — use --as {acting[0]}") if acting
               else Label("không có đơn vị kế thừa", "it has no successor"))
    raise DraftError(Label(
        f"{org.name} ({issuer}) đã {how.vi} từ {day_month(org.ended.date)}, trước ngày ghi "
        f"trên dự thảo ({day_month(on)}); {instead.vi}. Nếu vẫn cần dự thảo đứng tên cơ quan "
        "này (ví dụ báo cáo một kỳ trước khi chấm dứt, ghi ngày bằng --date), thêm "
        "--allow-ended-issuer",
        f"{org.name} ({issuer}) was {how.en} on {org.ended.date.isoformat()}, before the "
        f"draft's date ({on.isoformat()}); {instead.en}. To draft in its name all the same "
        "(e.g. a report for a period before it ended, dated with --date), add "
        "--allow-ended-issuer"))


def agreement_name(a: Agreement) -> str:
    """The agreement as a proper noun: its title, led by its kind when the title is not."""
    kind = AGREEMENT_KINDS[a.kind].vi
    first = kind.split()[0].lower()
    return a.title if a.title.split()[:1] and a.title.split()[0].lower() == first \
        else f"{kind} {a.title}"


def summary_line(a: Agreement, request_item: str, period: Period | None,
                 span: tuple[dt.date, dt.date]) -> str:
    """The trích yếu under "BÁO CÁO": a duty's own ``subject`` or one made from the
    agreement, with the period; a review names what it reviews."""
    duty, conf = a.duty(request_item), a.conference(request_item)
    name = agreement_name(a)
    if duty is not None:
        what = duty.subject or f"Kết quả thực hiện {name}"
        return f"{what} {period.label().vi}" if period else what
    assert conf is not None
    if conf.kind == "tong-ket":
        return f"Tổng kết thực hiện {name}"
    if conf.kind == "so-ket":
        return f"Sơ kết thực hiện {name}"
    if conf.kind == "danh-gia-nam":
        return f"Kết quả thực hiện {name} năm {span[1].year}"
    return f"Kết quả thực hiện {name}"


def _span(a: Agreement, request: Request, period: Period | None, config: Config
          ) -> tuple[dt.date, dt.date, str | None]:
    """The days the draft's figures cover, and where the rule for them came from (None:
    no regime, the calendar period or the review's span)."""
    on = request.date
    duty, conf = a.duty(request.item), a.conference(request.item)
    if duty is not None:
        if period is None:  # a one-time report: from the agreement's start
            return a.start or on, on, None
        rule = resolve_rule(duty, config.default_deadline)
        window = data_window(duty, period, rule)  # the duty's cut-off, or the state regime
        if window is not None:
            start, end, origin = window
            return start, end, None if origin == "cutoff" else origin
        return period.start, period.end, None
    assert conf is not None
    if conf.frequency is not None and period is not None:  # a recurring meeting
        # reviews exactly its period; held at the start of a period, the one before it
        reviewed = containing(conf.frequency, period.start - dt.timedelta(days=1)) \
            if conf.when == "dau-ky" else period
        start = max(reviewed.start, a.start) if a.start else reviewed.start
        end = min(reviewed.end, a.end) if a.end else reviewed.end
        return start, max(start, end), None
    state = conference_state(a, conf)
    assert conf.planned is not None
    if conf.kind == "danh-gia-nam":  # a yearly review covers its own year
        year = state.held.date.year if state.held else conf.planned.year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if a.start:
            start = max(start, a.start)
    else:  # sơ kết, tổng kết: from the start to the conference
        start = a.start or a.signed or on
        end = state.held.date if state.held else state.due if state.exact \
            else min(on, conf.planned.latest)
    if a.end:
        end = min(end, a.end)  # never past the agreement's end
    return start, max(start, end), None


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
        if conf.frequency is not None:  # a recurring meeting: the period it is held for
            if request.period is None:
                raise DraftError(Label(
                    f"hội nghị \"{conf.id}\" họp định kỳ: hãy nêu kỳ, ví dụ 2025, 2025-Q3",
                    f"conference \"{conf.id}\" recurs: give the period, e.g. 2025, 2025-Q3"))
            period = parse_period(request.period)
            if period is None or period.frequency is not conf.frequency:
                raise DraftError(wrong_length(request.period, conf.id, conf.frequency))
        elif request.period is not None:  # a one-time conference has no period
            raise DraftError(Label(
                f"hội nghị \"{conf.id}\" tổ chức một lần, không theo kỳ: bỏ kỳ "
                f"\"{request.period}\"",
                f"conference \"{conf.id}\" is held once, not per period: leave out "
                f"\"{request.period}\""))
    issuer_id, speaks_for = _issuer(a, registry, config, reporters, request.as_org, on)
    # the issuer and its parent line as of ONE day: the draft's, or the day before an
    # ended issuer's end (--allow-ended-issuer): a header never mixes two dates' bodies
    as_of = issuer_date(registry, issuer_id, request.as_org is not None, on,
                        request.allow_ended)
    issuer = _org(registry, issuer_id, as_of)
    issuer_org = registry.orgs.get(issuer["id"])
    parent = _org(registry, issuer_org.parent, as_of) if issuer_org and issuer_org.parent \
        else None
    # the ids the issuer answers for: itself, the reporter it speaks for, and the bodies
    # it succeeded (a merged Sở's overdue reports are its successor's)
    everyone = {o for d in a.duties for o in d.reporters} | {o for c in a.conferences
                                                              for o in c.hosts}
    me = {issuer_id, speaks_for} | {o for o in everyone
                                    if issuer["id"] in registry.successors_on(o, on)}

    span_start, span_end, source = _span(a, request, period, config)
    until = min(span_end, on)

    def names(orgs: Sequence[str]) -> list[str]:
        return [in_sentence(registry, o) for o in _current(registry, orgs, on)]

    sent = [{"duty": r.item, "period": r.period, "date": r.date, "number": r.number,
             "what": report_name(d.frequency, parse_period(r.period) if r.period else None)}
            for r in a.records if r.kind == "report" and span_start <= r.date <= until
            and (d := a.duty(r.item)) is not None
            and (r.by in me if r.by else bool(me & set(d.reporters)))]
    held = [{"conference": r.item, "title": c.title or CONFERENCE_KINDS[c.kind].vi,
             "date": r.date}
            for r in a.records if r.kind == "conference" and span_start <= r.date <= until
            and (c := a.conference(r.item)) is not None and me & set(c.hosts)]
    overdue, upcoming = own_lists(a, states, me, request.item, period, on)

    recipients = [registry.name(o) for o in _current(
        registry, recipients_of(duty, [speaks_for], a.party_ids()), on)] \
        if duty is not None else []
    # several reporters: who has sent this period and who still owes it (the engine's rule)
    owed_by: list[str] = []
    sent_by: list[str] = []
    if duty is not None:
        key = period.key if period is not None else None
        owing = reporters_owing(duty, [r for r in a.records if r.kind == "report"
                                       and r.item == duty.id and r.period == key])
        owed_by, sent_by = names(owing), names(reporters_sent(duty, owing))
    others = [registry.name(o) for o in _current(registry, [p.org for p in a.parties], on)
              if o != issuer["id"] and registry.name(o) not in recipients]
    title = a.title
    agreement = {
        "id": a.id, "kind": a.kind, "kind_name": AGREEMENT_KINDS[a.kind].vi,
        "title": title, "name": agreement_name(a), "number": a.number or None,
        "signed": a.signed, "start": a.start, "end": a.end, "term": a.term or None,
        # the parties are named in the opening only when the title does not name them
        "title_names_parties": " giữa " in f" {title} " or " với " in f" {title} ",
        "parties": [{"id": p.org, "name": in_sentence(registry, p.org),
                     "name_now": ", ".join(names([p.org]))} for p in a.parties],
        "areas": [{"id": x.id, "title": x.title, "lead": names(x.lead),
                   "support": names(x.support), "details": list(x.details)} for x in a.areas],
        "legal_basis": list(a.legal_basis), "funding": list(a.funding),
        "implements": {"kind": a.implements.kind, "number": a.implements.number,
                       "date": a.implements.date, "title": a.implements.title,
                       "issuer": a.implements.issuer} if a.implements else None,
    }
    summary = summary_line(a, request.item, period, (span_start, span_end))
    # the agreement named again by its kind, as officials write it: "thực hiện Chương trình"
    again = AGREEMENT_KINDS[a.kind].vi.split(" phối hợp")[0]
    what = f"kết quả thực hiện {again}" + (f" {period.label().vi}" if period else "")
    if conf is not None and conf.kind in ("so-ket", "tong-ket"):  # not "sơ kết kết quả"
        what = f"{'sơ kết' if conf.kind == 'so-ket' else 'tổng kết'} việc thực hiện {again}"
    elif conf is not None and conf.kind == "danh-gia-nam":
        what += f" năm {span_end.year}"
    ctx: dict[str, Any] = {
        "agreement": agreement,
        "report": {
            "kind": kind, "date": on, "summary": summary, "what": what,
            "period": {"key": period.key, "label": period.label().vi, "start": period.start,
                       "end": period.end} if period else None,
            "span_start": span_start, "span_end": span_end,
            "data_window": data_window_sentence(span_start, span_end, source),
            "duty": {"id": duty.id, "title": duty.title or None,
                     "subject": duty.subject or None,
                     "content": duty.content or None, "method": duty.method or None,
                     "frequency": FREQUENCY_LABELS[duty.frequency.value].vi} if duty else None,
            "reporters": names(reporters), "owed_by": owed_by, "sent_by": sent_by,
            "conference": {"id": conf.id, "kind": conf.kind, "title": conf.title or None,
                           "kind_name": CONFERENCE_KINDS[conf.kind].vi,
                           "planned": conf.planned.text() if conf.planned
                           else period.label().vi if period else None} if conf else None,
        },
        "issuer": {**issuer, "in_sentence": in_sentence(registry, issuer["id"])},
        "parent": parent,
        "recipients": recipients, "other_parties": others,
        "sent": sent, "held": held, "overdue": overdue, "upcoming": upcoming,
        "stats": stats_table(a, registry, states, span_start, until, on),
        "place": _place(registry, config, issuer_id, issuer["id"]),
    }
    # plans, recurring meetings, the issuing decision: see shapes.py
    shape(ctx, a, registry, config, me, duty, conf, period, agreement_name(a), again)
    return ctx


@dataclass(frozen=True)
class Envelope:
    """The parts of a BÁO CÁO whose layout the issuer's rules fix (Nghị định 30/2020,
    Phụ lục I; the Đoàn's and the Mặt trận's own guidance: see layout.py)."""

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
    motto: tuple[str, ...] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    layout: str = "nd30"  # layout.Layout.key
    issuer_mark: str = "rule"  # under the issuer: a rule, or the Đoàn's "***"
    author: str = ""  # the issuing body's name, for the file's properties


def envelope(ctx: dict[str, Any], config: Config | None = None) -> Envelope:
    report, issuer = ctx["report"], ctx["issuer"]
    lay: Layout = layout_for(issuer["kind"], f"{issuer['name']} {issuer['short']}")
    signer = config.signer(issuer["id"]) or config.signer(issuer["original_id"]) \
        if config is not None else None
    unit = signer.unit if signer and signer.unit else ""
    code = issuer["code"] or placeholder("chữ viết tắt tên cơ quan")
    # the parent body in its short form ("UBND tỉnh Cà Mau"): Nghị định 30 allows the
    # usual abbreviations there, and the full name would not fit one line
    parent = ctx["parent"]["short"] if ctx["parent"] and not lay.party_symbol else ""
    place = ctx["place"] or placeholder("địa danh")
    plan = report["kind"] == "ke-hoach"  # a KẾ HOẠCH has no Kính gửi: it goes to Nơi nhận
    to = () if plan else tuple(ctx["recipients"])
    copies: list[str] = (["Như trên"] if to else [])
    for other in [*(ctx["recipients"] if plan else []), *ctx["other_parties"]]:
        if other not in copies:
            copies.append(other)
    copies.append(f"Lưu: VT, {unit or placeholder('đơn vị soạn thảo')}")
    if signer is not None and signer.position:
        title = tuple(x.upper() for x in (signer.authority, signer.position) if x)
    elif signer is not None and signer.authority:
        title = (signer.authority.upper(), placeholder("chức vụ người ký"))
    else:
        title = (placeholder("thẩm quyền ký, chức vụ người ký"),)
    return Envelope(
        parent_body=parent.upper(), issuer=lay.issuer_line(issuer["name"]),
        number=lay.number(report["type_code"], code, unit), type_name=report["type_name"],
        place_date=f"{place}, {date_line(report['date'])}",
        summary=report["summary"], to=to, signer_title=title,
        signer_name=signer.name if signer and signer.name else placeholder("họ và tên người ký"),
        copies=tuple(copies), motto=lay.motto, layout=lay.key, issuer_mark=lay.issuer_mark,
        author=issuer["name"])


def placeholders(text: str) -> list[str]:
    """Every placeholder in a draft's text, in order."""
    return PLACEHOLDER_RE.findall(text)


def file_name(request: Request, extension: str, type_code: str = "BC") -> str:
    """An ASCII name, safe on every Windows and in e-mail: BC-<agreement>-<item>[-<period>]
    (KH- for a plan: the draft's document type, as in its "Số: …/KH-…" line)."""
    parts = [type_code, request.agreement, request.item] + (
        [request.period] if request.period else [])
    return re.sub(r"[^A-Za-z0-9._-]", "-", "-".join(parts)) + f".{extension}"
