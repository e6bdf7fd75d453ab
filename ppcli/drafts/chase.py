"""The chasing letter (công văn đôn đốc): what the party that receives an agreement's
reports writes to a party whose reports are overdue (no I/O, no clock).

The letter is a CÔNG VĂN in the issuer's layout (:mod:`ppcli.drafts.layout`: Nghị định
30/2020 for state bodies, the Mặt trận's and the Đoàn's own guidance): no document-kind
line; the number and symbol of a công văn (the body's abbreviation and the drafting
unit's: "Số: …/UBND-VP"; the Đoàn's "Số: …-CV/TĐTN-VP") with the summary line
"V/v đôn đốc thực hiện chế độ báo cáo …" under it; "Kính gửi:" the late party; a body
that cites the agreement and lists each overdue report with its period, deadline and
days late, and asks for them by a date; the signing block and "Nơi nhận".

The issuer is a recipient of the overdue reports (``--as``, the repository's own body, or
the only recipient); the addressees are the parties that owe them on the letter's date
(a merged body's successor answers for it), all of them or the one ``--to`` names.
The date asked for is :data:`DEFAULT_REPLY_DAYS` working days after the letter's date
unless the clerk sets another (``--reply-days``, ``--reply-by``): a choice of ppcli's,
not a rule of any decree, which the command says when it writes the letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli.drafts.context import DraftError, Envelope, agreement_name, in_sentence, placeholder
from ppcli.drafts.layout import Layout, layout_for
from ppcli.engine.schedule import Obligation
from ppcli.engine.workdays import build_calendar
from ppcli.files.declaration import AGREEMENT_KINDS
from ppcli.files.model import Agreement, Config, Registry
from ppcli.i18n import Label, date_line

DEFAULT_REPLY_DAYS = 10  # working days after the letter's date: ppcli's default
TEMPLATE = "cong-van-don-doc.md.j2"
TYPE_NAME = "Công văn"


@dataclass(frozen=True)
class ChaseRequest:
    agreement: str
    to: str | None  # an organisation id (already resolved), or None: every late party
    as_org: str | None  # the issuer's id (already resolved), or None
    date: dt.date  # the letter's date (and the day lateness is counted on)
    reply_days: int = DEFAULT_REPLY_DAYS
    reply_by: dt.date | None = None


@dataclass(frozen=True)
class LateItem:
    """One report a party owes on the letter's date."""

    party: str  # the body that owes it on that date (a successor of the reporter of record)
    duty: str
    period: str | None
    period_label: str  # "năm 2025", "quý III/2026"; "" for a one-time report
    title: str  # the duty's own words ("Báo cáo năm của Mặt trận …"), may be empty
    due: dt.date
    days_late: int
    recipients: tuple[str, ...]  # the bodies that receive it on that date
    extended: bool = False  # the deadline is an extension's (``extension:`` record)
    urged: int = 0  # urgings already on record for this period and party


def _now(registry: Registry, oid: str, on: dt.date) -> tuple[str, ...]:
    return registry.successors_on(oid, on) or (oid,)


def late_items(a: Agreement, registry: Registry, states: dict[str, list[Obligation]],
               on: dt.date) -> list[LateItem]:
    """Every report overdue on ``on``, once per party that owes it, oldest first."""
    items: list[LateItem] = []
    for obs in states.values():
        for ob in obs:
            if ob.done or ob.due >= on or ob.untracked:
                continue  # a closed agreement's periods are no longer followed: not chased
            recipients: list[str] = []
            for r in ob.duty.recipients:
                recipients += [x for x in _now(registry, r, on) if x not in recipients]
            parties: list[tuple[str, str]] = []  # (the body owing now, the reporter)
            for reporter in ob.owing:
                parties += [(x, reporter) for x in _now(registry, reporter, on)
                            if x not in [p for p, _ in parties]]
            key = ob.period.key if ob.period else None
            # an extension (record kind ``extension``, issue 18) has already moved ob.due
            extended = getattr(ob, "extension", None) is not None
            for party, reporter in parties:
                urged = sum(1 for r in a.records if str(r.kind) == "reminder"
                            and r.item == ob.duty.id and r.period == key and r.date <= on
                            and getattr(r, "to", None) in (None, party, reporter))
                # not sent: late by the days from its deadline to the letter's date (the
                # rule of ``stats``' days late for an overdue period)
                items.append(LateItem(
                    party, ob.duty.id, key, ob.period.label().vi if ob.period else "",
                    ob.duty.subject or ob.duty.title, ob.due, (on - ob.due).days,
                    tuple(recipients), extended, urged))
    items.sort(key=lambda i: (i.due, i.duty, i.party))
    return items


def _choose_issuer(registry: Registry, config: Config, items: list[LateItem],
                   as_org: str | None, on: dt.date) -> str:
    receivers: list[str] = []
    for item in items:
        receivers += [r for r in item.recipients if r not in receivers]
    listed = ", ".join(receivers) or "—"
    if as_org is not None:
        now = _now(registry, as_org, on)
        chosen = next((x for x in now if x in receivers), None)
        if chosen is None:
            raise DraftError(Label(
                f"--as: \"{as_org}\" không nhận báo cáo nào đang quá hạn của thỏa thuận "
                f"này; bên nhận các báo cáo quá hạn: {listed}",
                f"--as: \"{as_org}\" receives none of this agreement's overdue reports; "
                f"they go to: {listed}"))
        as_org = chosen
    elif config.issuer is not None and any(
            x in receivers for x in _now(registry, config.issuer, on)):
        as_org = next(x for x in _now(registry, config.issuer, on) if x in receivers)
    elif len(signing := [r for r in receivers if not registry.is_group(r)]) == 1:
        as_org = signing[0]
    else:
        raise DraftError(Label(
            f"có nhiều bên nhận báo cáo quá hạn ({listed}); chọn bên ký công văn bằng --as",
            f"several parties receive the overdue reports ({listed}); choose the one "
            "that signs the letter with --as"))
    if registry.is_group(as_org):
        raise DraftError(Label(
            f"\"{as_org}\" ({registry.name(as_org)}) là một nhóm cơ quan, không có người ký "
            "nên không ban hành được công văn; hãy chọn bằng --as một cơ quan",
            f"\"{as_org}\" ({registry.name(as_org)}) is a group of bodies; nobody signs "
            "for it, so it cannot issue a letter; choose one body with --as"))
    return as_org


def build_chase(a: Agreement, registry: Registry, config: Config,
                states: dict[str, list[Obligation]], request: ChaseRequest
                ) -> dict[str, Any]:
    """Everything the letter's template may use, as plain values; the issuer's id is
    ``issuer.id``, the addressees' ids ``to_ids``, the date asked for ``reply_by``."""
    on = request.date
    every = late_items(a, registry, states, on)
    if not every:
        raise DraftError(Label(
            f"thỏa thuận \"{a.id}\" không có báo cáo nào quá hạn vào ngày "
            f"{on:%d/%m/%Y}: không cần công văn đôn đốc",
            f"agreement \"{a.id}\" has no overdue report on {on:%d/%m/%Y}: there is "
            "nothing to chase"))
    if request.to is not None:
        wanted = _now(registry, request.to, on)
        late = [i for i in every if i.party in wanted]
        if not late:
            owing = ", ".join(dict.fromkeys(i.party for i in every))
            raise DraftError(Label(
                f"--to: \"{request.to}\" không có báo cáo nào quá hạn trong thỏa thuận này; "
                f"các bên đang chậm: {owing}",
                f"--to: \"{request.to}\" has no overdue report in this agreement; the "
                f"parties that are late: {owing}"))
        every = late
    issuer_id = _choose_issuer(registry, config, every, request.as_org, on)
    mine = [i for i in every if issuer_id in i.recipients]
    # the addressees in the order the agreement lists its parties
    order = [x for p in a.parties for x in _now(registry, p.org, on)]
    parties = sorted(dict.fromkeys(i.party for i in mine),
                     key=lambda x: order.index(x) if x in order else len(order))
    if request.reply_by is not None:
        if request.reply_by <= on:
            raise DraftError(Label(
                f"--reply-by: ngày {request.reply_by:%d/%m/%Y} không sau ngày công văn "
                f"({on:%d/%m/%Y})",
                f"--reply-by: {request.reply_by:%d/%m/%Y} is not after the letter's date "
                f"({on:%d/%m/%Y})"))
        reply_by = request.reply_by
    else:
        cal = build_calendar(range(on.year, on.year + 2), config.days_off, config.working_days)
        reply_by = cal.add_working_days(on, request.reply_days)

    issuer_org = registry.orgs.get(issuer_id)
    kind = AGREEMENT_KINDS[a.kind].vi
    again = kind.split(" phối hợp")[0]
    title = a.title
    by_party: list[dict[str, Any]] = []
    for p in parties:
        rows = [{"duty": i.duty, "period": i.period, "period_label": i.period_label,
                 "report": f"Báo cáo {i.period_label}" if i.period_label else "Báo cáo",
                 "title": i.title, "due": i.due, "days_late": i.days_late,
                 "extended": i.extended, "urged": i.urged}
                for i in mine if i.party == p]
        by_party.append({"id": p, "name": registry.name(p),
                         "in_sentence": in_sentence(registry, p), "items": rows})
    return {
        "agreement": {
            "id": a.id, "name": agreement_name(a), "kind_name": kind, "again": again,
            "number": a.number or None, "signed": a.signed, "title": title,
            "title_names_parties": " giữa " in f" {title} " or " với " in f" {title} ",
            "parties": [in_sentence(registry, x) for p in a.parties
                        for x in _now(registry, p.org, on)],
        },
        "issuer": {"id": issuer_id, "name": registry.name(issuer_id),
                   "in_sentence": in_sentence(registry, issuer_id),
                   "code": issuer_org.code if issuer_org else "",
                   "kind": str(issuer_org.kind) if issuer_org else "",
                   "parent": issuer_org.parent if issuer_org else None},
        "to": [p["name"] for p in by_party],
        "to_ids": parties,
        "to_sentence": " và ".join([", ".join(p["in_sentence"] for p in by_party[:-1]),
                                    by_party[-1]["in_sentence"]])
        if len(by_party) > 1 else by_party[0]["in_sentence"],
        "late": by_party,
        "count": sum(len(p["items"]) for p in by_party),
        "date": on, "reply_by": reply_by,
        "reply_days": None if request.reply_by is not None else request.reply_days,
        "summary": summary_line(a),
    }


def summary_line(a: Agreement) -> str:
    """The công văn's trích yếu: "V/v đôn đốc thực hiện chế độ báo cáo theo …"."""
    kind = AGREEMENT_KINDS[a.kind].vi
    if a.number:
        return f"V/v đôn đốc thực hiện chế độ báo cáo theo {kind} số {a.number}"
    # without a number the title names it, up to its parties ("… giữa A và B")
    return f"V/v đôn đốc thực hiện chế độ báo cáo theo {agreement_name(a).split(' giữa ')[0]}"


def letter_number(lay: Layout, code: str, unit: str) -> str:
    """The "Số" line of a công văn: no type code in the state's and the Mặt trận's symbol
    (the body's abbreviation, then the drafting unit's: Nghị định 30/2020, Phụ lục I,
    II.3.b; the Mặt trận's code already names the body that signs, "MTTQ-BTT"), "CV" as
    the Đoàn's type code (its symbol order: number, type, body, unit)."""
    if lay.key == "doan":
        return f"Số: …-CV/{code}" + (f"-{unit}" if unit else "")
    if lay.key == "mttq":  # the symbol names the body that signs ("MTTQ-BTT")
        return f"Số: …/{code}" + (f"-{unit}" if unit else "")
    return f"Số: …/{code}-{unit or placeholder('đơn vị soạn thảo')}"


def chase_envelope(ctx: dict[str, Any], registry: Registry, config: Config) -> Envelope:
    """The letter's envelope: the issuer's header, the công văn's number with its "V/v"
    line (``type_name`` empty: no document-kind line), Kính gửi, signer, Nơi nhận."""
    issuer = ctx["issuer"]
    lay = layout_for(issuer["kind"], f"{issuer['name']} {issuer.get('short', '')}")
    signer = config.signer(issuer["id"])
    unit = signer.unit if signer and signer.unit else ""
    code = issuer["code"] or placeholder("chữ viết tắt tên cơ quan")
    parent = ""
    if issuer["parent"] and lay.key != "doan":
        now = registry.successors_on(issuer["parent"], ctx["date"]) or (issuer["parent"],)
        parent = registry.name(now[0], short=True)
    org = registry.orgs.get(issuer["id"])
    place = (config.place if config.place and config.issuer == issuer["id"] else "") or \
        (org.province if org and org.province else "") or config.place or \
        placeholder("địa danh")
    if signer is not None and signer.position:
        title = tuple(x.upper() for x in (signer.authority, signer.position) if x)
    elif signer is not None and signer.authority:
        title = (signer.authority.upper(), placeholder("chức vụ người ký"))
    else:
        title = (placeholder("thẩm quyền ký, chức vụ người ký"),)
    return Envelope(
        parent_body=parent.upper(), issuer=lay.issuer_line(issuer["name"]),
        number=letter_number(lay, code, unit), place_date=f"{place}, {date_line(ctx['date'])}",
        summary=ctx["summary"], to=tuple(ctx["to"]), signer_title=title,
        signer_name=signer.name if signer and signer.name else placeholder("họ và tên người ký"),
        copies=("Như trên", f"Lưu: VT, {unit or placeholder('đơn vị soạn thảo')}"),
        type_name="", motto=lay.motto, layout=lay.key, issuer_mark=lay.issuer_mark,
        author=issuer["name"])


def file_name(agreement: str, to_ids: list[str], extension: str) -> str:
    """An ASCII name: CV-don-doc-<agreement>[-<party>].<format>."""
    parts = ["CV-don-doc", agreement] + (to_ids if len(to_ids) == 1 else [])
    return re.sub(r"[^A-Za-z0-9._-]", "-", "-".join(parts)) + f".{extension}"


@dataclass(frozen=True)
class Letter:
    data: bytes
    name: str  # the default file name
    metadata: dict[str, Any]  # the sidecar's content
    context: dict[str, Any]


def write_letter(a: Agreement, registry: Registry, config: Config,
                 states: dict[str, list[Obligation]], request: ChaseRequest,
                 search: list[Path], output: str) -> Letter:
    """The letter as the bytes of a .docx or .md (the template confined and limited as a
    report's is), with its metadata."""
    from ppcli.drafts.markup import parse_body, to_markdown
    from ppcli.drafts.metadata import draft_metadata
    from ppcli.drafts.render import environment, render_body
    from ppcli.safetext import strip_controls

    context = build_chase(a, registry, config, states, request)
    body = render_body(environment(search, registry=registry, markdown=output == "md"),
                       TEMPLATE, context)
    if output != "docx":  # Word drops them itself, see render.xml_text
        body = strip_controls(body, spaces="\r")
    env = chase_envelope(context, registry, config)
    blocks = parse_body(body)
    if output == "docx":
        from ppcli.drafts.docx import build_docx
        data = build_docx(env, blocks, request.date)
    else:
        data = to_markdown(env, blocks).encode("utf-8")
    name = file_name(a.id, context["to_ids"], output)
    meta = draft_metadata(env, name, request.date, context["issuer"]["code"],
                          due=context["reply_by"])
    return Letter(data, name, meta, context)
