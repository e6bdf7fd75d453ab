"""What ``list`` and ``show`` present, as plain data (no printing, no clock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ppcli.engine.due import DEFAULT_WITHIN
from ppcli.engine.meetings import conference_states
from ppcli.engine.schedule import (
    ENDING_SOON_DAYS,
    Obligation,
    State,
    conference_state,
    obligation_state,
    replaced_by,
)
from ppcli.engine.timeliness import conference_timeliness, days_late, sent_on, timeliness
from ppcli.files.declaration import AGREEMENT_KINDS, CONFERENCE_KINDS
from ppcli.files.model import Agreement, Conference, Registry
from ppcli.i18n import Label
from ppcli.periods import FREQUENCY_LABELS

STATUS_LABELS = {
    "active": Label("đang hiệu lực", "active"),
    "ending-soon": Label("sắp hết hiệu lực", "ending soon"),
    "expired": Label("hết hiệu lực", "expired"),
    "replaced": Label("đã được thay thế", "replaced"),
    "not-started": Label("chưa có hiệu lực", "not yet in force"),
    "parties-ended": Label("các bên đã sáp nhập/giải thể — cần rà soát, ký lại",
                           "the parties have merged or been dissolved — review and sign anew"),
    "closed": Label("đã kết thúc", "closed"),
}


FLAG_LABELS = {
    "parties_ended_some": Label("một số bên đã sáp nhập/giải thể",
                                "some parties have merged or been dissolved"),
    "parties_changed": Label("bên ký đã tiếp nhận đơn vị khác sau khi ký — cần rà soát",
                             "a party has absorbed other bodies since signing — review"),
}


def _closed_on(a: Agreement) -> dt.date | None:
    """The day the agreement was closed (``closed: {date}``), if it was."""
    return a.closed.date if a.closed is not None else None


def parties_ended(a: Agreement, registry: Registry, today: dt.date) -> tuple[bool, bool]:
    """(all, some): whether every signing party, or some but not all, had ended (merged,
    renamed, dissolved…: the registry's ``ended``) on or before ``today``."""
    ended = [registry.ended_by(p, today) for p in a.party_ids()]
    return bool(ended) and all(ended), any(ended) and not all(ended)


def parties_changed(a: Agreement, registry: Registry, today: dt.date) -> bool:
    """Whether a signing party has taken in other bodies (``absorbed:``) since the
    agreement was signed or started, on or before ``today``: the agreement keeps its
    parties but should be reviewed."""
    since = a.signed or a.start
    if since is None:
        return False
    for oid in a.party_ids():
        org = registry.orgs.get(oid)
        if org is not None and any(since < x.date <= today for x in org.absorbed):
            return True
    return False


def acting_parties(a: Agreement, registry: Registry, today: dt.date) -> tuple[str, ...]:
    """The bodies acting today for the signing parties, each once, in the parties' order
    (a party still in existence acts for itself)."""
    out: list[str] = []
    for oid in a.party_ids():
        out += [x for x in registry.acting_for(oid, today) if x not in out]
    return tuple(out)


def status(a: Agreement, successor: Agreement | None, today: dt.date,
           registry: Registry | None = None) -> str:
    """The agreement's status word on ``today`` (the keys of :data:`STATUS_LABELS`).
    Closed (``closed.date`` reached) comes first, then replaced, not yet started and
    expired; an agreement in force whose signing parties have all ended is
    ``parties-ended`` (with ``registry``)."""
    closed = _closed_on(a)
    if closed is not None and closed <= today:
        return "closed"
    if successor is not None and (successor.start is None or successor.start <= today):
        return "replaced"
    if a.start and today < a.start:
        return "not-started"
    if a.end and a.end < today:
        return "expired"
    if registry is not None and parties_ended(a, registry, today)[0]:
        return "parties-ended"
    if a.end and (a.end - today).days <= ENDING_SOON_DAYS:
        return "ending-soon"
    return "active"


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    kind: str
    parties: tuple[str, ...]
    party_names: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    status: str
    replaced_by: str | None
    file: str
    # some (not all) signing parties have ended; a party absorbed others since signing
    parties_ended_some: bool = False
    parties_changed: bool = False
    acting: tuple[tuple[str, ...], ...] = ()  # per party: who acts for it today
    acting_names: tuple[str, ...] = ()  # the short names of those acting, each once

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "kind": self.kind,
            "parties": list(self.parties), "party_names": list(self.party_names),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "status": self.status, "replaced_by": self.replaced_by, "file": self.file,
            "parties_ended_some": self.parties_ended_some,
            "parties_changed": self.parties_changed,
            "acting": {p: list(x) for p, x in zip(self.parties, self.acting, strict=False)},
        }


def list_rows(agreements: Sequence[Agreement], registry: Registry, today: dt.date) -> list[Row]:
    successors = replaced_by(agreements)
    rows = []
    for a in sorted(agreements, key=lambda a: a.id):
        successor = successors.get(a.id)
        rows.append(Row(a.id, a.title, a.kind, a.party_ids(),
                        tuple(registry.name(p, short=True) for p in a.party_ids()),
                        a.start, a.end, status(a, successor, today, registry),
                        successor.id if successor else None, a.where.file,
                        parties_ended(a, registry, today)[1],
                        parties_changed(a, registry, today),
                        tuple(registry.acting_for(p, today) for p in a.party_ids()),
                        tuple(registry.name(x, short=True)
                              for x in acting_parties(a, registry, today))))
    return rows


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _period_state(ob: Obligation, today: dt.date) -> dict[str, Any]:
    """One period in ``show --format json``: ``state`` keeps its words (sent, overdue,
    upcoming); ``owed_by`` and ``sent_by`` say where each reporter stands; ``timeliness``
    (done-on-time, done-late, open, overdue; :mod:`ppcli.engine.timeliness`), ``days_late``
    and ``sent_on`` say when, for the period and for each reporter; ``extended_until``
    the deadline an extension gave the period (then ``due``), with its record."""
    st = obligation_state(ob, today)
    done_on = sent_on(ob)
    ext = ob.extension
    # show's JSON keeps its word "sent" for State.DONE (read by scripts; docs/format.md)
    return {"state": "sent" if st.status is State.DONE else st.status.value,
            "owing": list(st.owed_by), "owed_by": list(st.owed_by),
            "sent_by": list(st.sent_by),
            "timeliness": timeliness(ob, today).value, "days_late": days_late(ob, today),
            "sent_on": _iso(done_on),
            "extended_until": _iso(ext.until) if ext else None,
            "extension": {"date": ext.date.isoformat(), "number": ext.number, "by": ext.by}
            if ext else None,
            "reporters": {o: {"timeliness": timeliness(ob, today, o).value,
                              "days_late": days_late(ob, today, o),
                              "sent_on": _iso(sent_on(ob, o))} for o in ob.duty.reporters}}


def _meeting_periods(a: Agreement, c: Conference, today: dt.date) -> list[dict[str, Any]]:
    """A recurring meeting's periods in ``show --format json``, as far ahead as the
    duties' (``state``: held, overdue, upcoming or untracked)."""
    horizon = today + dt.timedelta(days=DEFAULT_WITHIN)
    return [{"period": st.period.key if st.period else None, "opens": st.opens.isoformat(),
             "due": st.due.isoformat(),
             "state": "held" if st.held else "untracked" if st.untracked and st.due < today
             else "overdue" if st.due < today else "upcoming",
             "held": st.held.date.isoformat() if st.held else None,
             **_classed(st, today)}
            for st in conference_states(a, c, horizon)
            if st.held is not None or st.opens <= horizon]


def _classed(state: Any, today: dt.date) -> dict[str, Any]:
    """A meeting occurrence's class and days late (none for an untracked one)."""
    if state.untracked:
        return {"timeliness": None, "days_late": None}
    cls, late = conference_timeliness(state, today)
    return {"timeliness": cls.value, "days_late": late}


def _conference(a: Agreement, conf: Any, today: dt.date) -> dict[str, Any]:
    """A one-time conference's class and days late (a recurring one: per occurrence, not
    here: null)."""
    if conf.frequency is not None or conf.planned is None:
        return {"timeliness": None, "days_late": None}
    return _classed(conference_state(a, conf), today)


def agreement_json(a: Agreement, registry: Registry, agreements: Sequence[Agreement],
                   today: dt.date, states: Mapping[str, Sequence[Obligation]]
                   ) -> dict[str, Any]:
    """One agreement in full, for ``show --format json``."""
    successor = replaced_by(agreements).get(a.id)

    def org(oid: str) -> dict[str, Any]:
        o = registry.orgs.get(oid)
        now = registry.successors_on(oid, today)
        return {"id": oid, "name": registry.name(oid),
                "ended": _iso(o.ended.date) if o and o.ended else None,
                "successors_today": [s for s in now if s != oid],
                "acting": list(now)}

    def doc(ref: Any) -> dict[str, Any] | None:
        if ref is None:
            return None
        return {"agreement": ref.agreement, "kind": ref.kind, "number": ref.number,
                "date": _iso(ref.date), "title": ref.title, "issuer": ref.issuer}

    return {
        "id": a.id, "kind": a.kind, "kind_name": AGREEMENT_KINDS[a.kind].vi, "title": a.title,
        "number": a.number, "signed": _iso(a.signed), "place": a.place,
        "start": _iso(a.start), "end": _iso(a.end), "term": a.term,
        "status": status(a, successor, today, registry),
        "replaced_by": successor.id if successor else None,
        "parties_ended_some": parties_ended(a, registry, today)[1],
        "parties_changed": parties_changed(a, registry, today),
        "parties": [{**org(p.org), "role": p.role,
                     "signer": {"name": p.signer.name, "position": p.signer.position,
                                "authority": p.signer.authority} if p.signer else None}
                    for p in a.parties],
        "legal_basis": list(a.legal_basis), "implements": doc(a.implements),
        "replaces": [doc(r) for r in a.replaces],
        "siblings": [doc(r) for r in a.siblings],
        "issued_by": {"kind": a.issued_by.kind, "number": a.issued_by.number,
                      "date": _iso(a.issued_by.date), "issuer": a.issued_by.issuer,
                      "effective": _iso(a.issued_by.in_force)} if a.issued_by else None,
        "closed": {"date": _iso(a.closed.date), "note": a.closed.note} if a.closed else None,
        "areas": [{"id": x.id, "title": x.title, "lead": list(x.lead),
                   "support": list(x.support), "details": list(x.details)} for x in a.areas],
        "funding": list(a.funding),
        "duties": [{"id": d.id, "title": d.title, "from": list(d.reporters),
                    "to": list(d.recipients), "frequency": d.frequency.value,
                    "frequency_name": FREQUENCY_LABELS[d.frequency.value].vi,
                    "first": d.first.key if d.first else None,
                    "last": d.last.key if d.last else None,
                    # the regime's fields (Nghị định 09/2019, Điều 7), as written
                    "content": d.content, "method": d.method,
                    "cutoff": {"day": d.cutoff.day, "month": d.cutoff.month}
                    if d.cutoff else None,
                    "outline": d.outline or None, "data_form": d.data_form or None,
                    # agreement | repository | builtin: the last two are assumed deadlines
                    "deadline_source": ("agreement" if d.deadline is not None
                                        else states[d.id][0].rule.origin if states.get(d.id)
                                        else None),
                    "records": [{"period": r.period, "date": r.date.isoformat(),
                                 "number": r.number} for r in a.records
                                if r.kind == "report" and r.item == d.id],
                    "periods": [{"period": ob.period.key if ob.period else None,
                                 "due": ob.due.isoformat(),
                                 "nominal_due": ob.nominal_due.isoformat(),
                                 **_period_state(ob, today)}
                                for ob in states.get(d.id, ())]}
                   for d in a.duties],
        "conferences": [{"id": c.id, "kind": c.kind, "kind_name": CONFERENCE_KINDS[c.kind].vi,
                         "title": c.title, "planned": c.planned.key if c.planned else None,
                         "frequency": c.frequency.value if c.frequency else None,
                         "when": (c.when or "cuoi-ky") if c.frequency else None,
                         "host": list(c.hosts),
                         "held": [r.date.isoformat() for r in a.records
                                  if r.kind == "conference" and r.item == c.id],
                         **_conference(a, c, today),
                         **({"periods": _meeting_periods(a, c, today)} if c.frequency else {})}
                        for c in a.conferences],
        "records": [{"type": r.kind, "item": r.item, "period": r.period,
                     "date": r.date.isoformat(), "number": r.number, "by": r.by,
                     **({"until": _iso(r.until)} if r.kind == "extension" else {}),
                     **({"reminder_kind": r.reminder_kind, "to": r.to}
                        if r.kind == "reminder" else {})}
                    for r in a.records],
        "source": a.source, "notes": a.notes, "file": a.where.file,
    }
