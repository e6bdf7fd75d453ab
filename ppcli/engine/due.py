"""What is due: overdue reports, reports due soon, conferences coming, agreements ending.

Builds plain :class:`DueItem` values from the loaded repository with the schedule
engine; formatting is elsewhere. No clock: ``today`` is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from ppcli.engine.schedule import (
    ENDING_SOON_DAYS,
    SCHEDULE_MARGIN_DAYS,
    ConferenceState,
    Interner,
    Obligation,
    Schedule,
    State,
    build_schedule,
    claims_of,
    moves,
    obligation_state,
    obligations,
    replaced_by,
    resolve_rule,
    rule_label,
)
from ppcli.engine.timeliness import conference_timeliness, days_late, timeliness
from ppcli.engine.workdays import WorkCalendar, build_calendar
from ppcli.files.declaration import CONFERENCE_KINDS, END_KINDS
from ppcli.files.model import Agreement, Config, Duty, Record, Registry
from ppcli.i18n import Label, Lang, day_month
from ppcli.periods import FREQUENCY_LABELS

# the title of an agreement's "ends soon" item (JSON and CSV write the Vietnamese one)
EXPIRY_TITLE = Label("Thỏa thuận hết hiệu lực: chuẩn bị tổng kết và thỏa thuận mới",
                     "Agreement ends: prepare the review and a new agreement")

# the title of the one item of an agreement whose signing parties have all ended
REVIEW_TITLE = Label("Các bên đã sáp nhập/giải thể: cần rà soát, ký lại thỏa thuận",
                     "The parties have merged or been dissolved: review and sign anew")

# A weekly run looks a month ahead: a report due in four weeks shows on four runs,
# which leaves time to draft it and have it signed.
DEFAULT_WITHIN = 30


class DueItem(NamedTuple):
    """One line of the due listing (a named tuple: thousands are built per run)."""

    agreement: str
    agreement_title: str
    type: str  # 'report', 'conference', 'expiry', 'review'
    item: str  # duty or conference id; the agreement id for 'expiry' and 'review'
    title: str
    status: State  # OVERDUE, UPCOMING or (with Query.include_done) DONE
    due: dt.date
    nominal_due: dt.date
    party: tuple[str, ...]  # who owes (reporters who have not sent) or hosts
    recipients: tuple[str, ...] = ()
    period: str | None = None
    period_label: Label | None = None
    exact: bool = True  # False: a conference planned with only a month or a year
    rule: Label | None = None
    moved_because: str | None = None
    notes: tuple[Label, ...] = ()
    file: str = ""
    data_window: tuple[dt.date, dt.date] | None = None  # under Nghị định 09/2019
    sent_by: tuple[str, ...] = ()  # reporters who have sent this period (reports only)
    reporters: tuple[str, ...] = ()  # all the duty's reporters (reports only)
    # where a report's deadline came from: 'agreement', 'repository' (ppcli.yaml's
    # default_deadline) or 'builtin' (ppcli's own); the last two are assumptions
    deadline_source: str | None = None
    # those of ``party`` that are groups of bodies ("Các sở, ban, ngành tỉnh …"): a group
    # has no signer, so a draft is issued by one of its bodies (``render --as``)
    groups: tuple[str, ...] = ()
    # the four classes (ppcli.engine.timeliness): done-on-time, done-late, open, overdue;
    # None for an agreement's end. ``days_late``: past the deadline, sent or not
    state: str | None = None
    days_late: int = 0
    extension: Record | None = None  # the period's deadline was moved by this record
    # who acts for each of ``party`` (and of ``recipients``) on the day concerned, in the
    # same order, when one of them has ended (a merger, a dissolution); () when none has,
    # which is the common case: each acts for itself
    acting: tuple[tuple[str, ...], ...] = ()
    acting_recipients: tuple[tuple[str, ...], ...] = ()

    def acting_party(self) -> tuple[str, ...]:
        """The bodies acting for ``party`` (each once): JSON's ``acting_party``."""
        if not self.acting:
            return self.party
        return tuple(dict.fromkeys(x for now in self.acting for x in now))

    def days_from(self, today: dt.date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class Query:
    today: dt.date
    within: int = DEFAULT_WITHIN
    party: str | None = None
    agreement: str | None = None
    include_done: bool = False  # sent reports and held conferences too (for calendars)
    done_since: dt.date | None = None  # with include_done: only those due from this day


def calendar_span(agreements: Sequence[Agreement], today: dt.date, within: int
                  ) -> tuple[int, int]:
    """The first and last year of the working-day calendar of ``agreements``."""
    years = {today.year, (today + dt.timedelta(days=within)).year}
    for a in agreements:
        for d in (a.start, a.end):
            if d is not None:
                years.add(d.year)
    return min(years) - 1, max(years) + 1


def calendar_for(agreements: Sequence[Agreement], config: Config, today: dt.date,
                 within: int) -> WorkCalendar:
    low, high = calendar_span(agreements, today, within)
    return build_calendar(range(low, high + 1), config.days_off, config.working_days)


def _successor_notes(registry: Registry, orgs: Sequence[str], day: dt.date
                     ) -> tuple[tuple[str, ...], tuple[Label, ...]]:
    """The organisations that carry the item on ``day`` and a note for each one that
    no longer exists then."""
    if not any(registry.orgs[o].ended for o in orgs if o in registry.orgs):
        return tuple(orgs), ()  # the common case: nobody merged or dissolved
    carriers: list[str] = []
    notes: list[Label] = []
    for oid in orgs:
        now = registry.successors_on(oid, day)
        for c in now:
            if c not in carriers:
                carriers.append(c)
        org = registry.orgs.get(oid)
        if org is not None and org.ended is not None and org.ended.date <= day:
            names = ", ".join(registry.name(c) for c in now) or "—"
            how = END_KINDS[org.ended.how]
            notes.append(Label(
                f"{org.name} đã {how.vi} từ {day_month(org.ended.date)}; đơn vị kế thừa: {names}",
                f"{org.name} was {how.en} on {org.ended.date.isoformat()}; successor: {names}"))
    return tuple(carriers), tuple(notes)


def _matches(party: str | None, orgs: Sequence[str], carriers: Sequence[str]) -> bool:
    return party is None or party in orgs or party in carriers


def acting_of(registry: Registry, orgs: Sequence[str], day: dt.date
              ) -> tuple[tuple[str, ...], ...]:
    """Who acts for each of ``orgs`` on ``day`` (:meth:`Registry.acting_for`), in their
    order; () when none of them has ended by then (each acts for itself)."""
    if not any(registry.ended_by(o, day) for o in orgs):
        return ()
    return tuple(registry.acting_for(o, day) for o in orgs)


def credit_successors(ob: Obligation, registry: Registry | None) -> Obligation:
    """``ob`` with the reports sent by successors counted for the reporters they acted for
    on the record's date (``record --by SUCCESSOR`` keeps ``by: SUCCESSOR``). Only a duty
    with several reporters needs it: with one, any record of the period is its."""
    if registry is None or len(ob.duty.reporters) < 2 or not ob.owing:
        return ob
    others = [r for r in ob.records if r.by is not None and r.by not in ob.duty.reporters]
    if not others:
        return ob
    owing = tuple(o for o in ob.owing
                  if not any(registry.acts_for(r.by, o, r.date) for r in others if r.by))
    return ob if owing == ob.owing else replace(ob, owing=owing)


def dissolved(registry: Registry, orgs: Sequence[str], day: dt.date) -> bool:
    """Every one of ``orgs`` had ended by ``day`` without anyone acting for it: nobody is
    left to send a report due then."""
    return bool(orgs) and all(registry.ended_by(o, day) and not registry.acting_for(o, day)
                              for o in orgs)


def schedules_for(agreements: Sequence[Agreement], config: Config, cal: WorkCalendar,
                  horizon: dt.date, keep_done: bool = False,
                  done_since: dt.date | None = None,
                  share: Interner | None = None) -> list[Schedule]:
    """The schedules of ``agreements`` up to the look-ahead (and the cache's margin), as
    the schedule cache builds them; ``share`` makes equal periods and dates one object."""
    until = horizon + dt.timedelta(days=SCHEDULE_MARGIN_DAYS)
    share = share or Interner()
    return [build_schedule(a, config.default_deadline, cal, until, keep_done, done_since,
                           share) for a in agreements]


def due_items(agreements: Sequence[Agreement], registry: Registry, config: Config,
              query: Query, cal: WorkCalendar | None = None) -> list[DueItem]:
    """Everything overdue or falling due within ``query.within`` days, sorted by date."""
    horizon = query.today + dt.timedelta(days=query.within)
    cal = cal or calendar_for(agreements, config, query.today, query.within)
    return due_from_schedules(schedules_for(agreements, config, cal, horizon,
                                            query.include_done, query.done_since),
                              registry, query)


def due_from_schedules(schedules: Sequence[Schedule], registry: Registry, query: Query
                       ) -> list[DueItem]:
    today = query.today
    horizon = today + dt.timedelta(days=query.within)
    successors = replaced_by(schedules, lambda s: s.replaces)
    items: list[DueItem] = []
    for s in schedules:
        if query.agreement is not None and s.id != query.agreement:
            continue
        new = successors.get(s.id)
        cutoff = new.start if new is not None else None
        replaced = new is not None
        for ob in s.obligations:
            if cutoff is not None and ob.period is not None and new is not None \
                    and moves(ob.period, "report", ob.duty.id, cutoff, new.claims):
                continue  # the successor agreement owes this period
            item = _report_item(s, ob, registry, today, horizon, query)
            if item is not None:
                items.append(item)
        for state in s.conferences:
            if cutoff is not None and new is not None and (
                    moves(state.period, "conference", state.conference.id, cutoff, new.claims)
                    if state.period is not None else state.due >= cutoff):
                continue  # the successor agreement holds this meeting
            item = _conference_item(s, state, registry, today, horizon, query)
            if item is not None:
                items.append(item)
        item = _expiry_item(s, replaced, registry, today, query)
        if item is not None:
            items.append(item)
        item = _review_item(s, replaced, registry, today, query)
        if item is not None:
            items.append(item)
    order = {"report": 0, "conference": 1, "expiry": 2, "review": 3}
    return sorted(items, key=lambda i: (i.due, i.agreement, order[i.type], i.item,
                                        i.period or ""))


def duty_states(a: Agreement, agreements: Sequence[Agreement], config: Config,
                today: dt.date, within: int = DEFAULT_WITHIN,
                registry: Registry | None = None) -> dict[str, list[Obligation]]:
    """Each duty's obligations up to ``within`` days ahead, sent or not (for ``show``);
    with ``registry``, reports sent by successors count for the bodies they acted for."""
    cal = calendar_for([a], config, today, within)
    successor = replaced_by(agreements).get(a.id)
    return _states(a, successor, config, cal, today + dt.timedelta(days=within), registry)


def all_duty_states(agreements: Sequence[Agreement], config: Config, today: dt.date,
                    within: int = DEFAULT_WITHIN) -> dict[str, dict[str, list[Obligation]]]:
    """:func:`duty_states` of every agreement (agreement id -> duty id -> obligations),
    the same values, with each calendar built once for all the agreements that share
    its years (for ``ppcli site``)."""
    successors = replaced_by(agreements)
    horizon = today + dt.timedelta(days=within)
    calendars: dict[tuple[int, int], WorkCalendar] = {}
    out: dict[str, dict[str, list[Obligation]]] = {}
    for a in agreements:
        span = calendar_span([a], today, within)
        cal = calendars.get(span)
        if cal is None:
            cal = calendars[span] = build_calendar(range(span[0], span[1] + 1),
                                                   config.days_off, config.working_days)
        out[a.id] = _states(a, successors.get(a.id), config, cal, horizon)
    return out


def _states(a: Agreement, successor: Agreement | None, config: Config, cal: WorkCalendar,
            horizon: dt.date, registry: Registry | None = None
            ) -> dict[str, list[Obligation]]:
    handover = (successor.start, claims_of(successor)) \
        if successor is not None and successor.start is not None else None
    return {d.id: [credit_successors(ob, registry)
                   for ob in obligations(a, d, resolve_rule(d, config.default_deadline), cal,
                                         horizon, handover)]
            for d in a.duties}


def _done_too_long_ago(day: dt.date, query: Query) -> bool:
    return query.done_since is not None and day < query.done_since


def _report_item(a: Schedule, ob: Obligation, registry: Registry, today: dt.date,
                 horizon: dt.date, query: Query) -> DueItem | None:
    if ob.due > horizon:
        return None
    ob = credit_successors(ob, registry)
    if ob.done and (not query.include_done or _done_too_long_ago(ob.due, query)):
        return None
    if dissolved(registry, ob.duty.reporters, ob.due):
        return None  # its reporters were dissolved without successor: nobody owes it
    state = obligation_state(ob, today)
    if state.status is State.UNTRACKED:
        return None  # a closed agreement's: no longer followed (show lists them)
    # who carries it now: an overdue report of a merged body falls on its successor
    day = max(ob.due, today)
    concerned = ob.owing or state.sent_by  # a done report concerns those who sent it
    carriers, notes = _successor_notes(registry, concerned, day)
    recipients = recipients_of(ob.duty, concerned or ob.duty.reporters, a.parties)
    notes += _successor_notes(registry, recipients, day)[1]
    if not _matches(query.party, concerned, carriers):
        return None
    title = ob.duty.title or ("Kế hoạch" if ob.duty.kind == "ke-hoach" else "Báo cáo")
    freq = FREQUENCY_LABELS[ob.duty.frequency.value]
    nameless = tuple(Label(
        f"bản ghi ngày {day_month(r.date)} không ghi bên gửi (by) nên chưa được tính cho bên "
        "nào; hãy thêm by: <mã bên đã gửi> vào bản ghi đó",
        f"the record of {r.date.isoformat()} does not say who sent it (by), so it counts "
        "for no party; add by: <id of the party that sent> to it")
        for r in state.unattributed)
    return DueItem(
        state=None if ob.untracked else timeliness(ob, today).value,
        days_late=0 if ob.untracked else days_late(ob, today),
        extension=ob.extension,
        agreement=a.id, agreement_title=a.title, type="report", item=ob.duty.id,
        title=title, due=ob.due, status=state.status,
        nominal_due=ob.nominal_due, party=state.owed_by, recipients=recipients,
        period=ob.period.key if ob.period else None,
        period_label=ob.period.label() if ob.period else freq,
        rule=rule_label(ob.rule), moved_because=ob.moved_because,
        notes=nameless + extension_notes(ob.extension) + notes, file=a.file,
        data_window=ob.data_window,
        sent_by=state.sent_by, reporters=ob.duty.reporters, deadline_source=ob.rule.origin,
        groups=_groups(registry, state.owed_by),
        acting=acting_of(registry, state.owed_by, day) if state.owed_by else (),
        acting_recipients=acting_of(registry, recipients, day))


def recipients_of(duty: Duty, reporters: Sequence[str], parties: Sequence[str]
                  ) -> tuple[str, ...]:
    """Where the reports of ``reporters`` go: the duty's recipients, ``cac-ben-khac``
    resolved for each reporter (every other signing party), once each, in order."""
    out: list[str] = []
    for reporter in reporters:
        for oid in duty.recipients_for(reporter, tuple(parties)):
            if oid not in out:
                out.append(oid)
    return tuple(out)


def extension_notes(ext: Record | None) -> tuple[Label, ...]:
    """"gia hạn đến 31/01/2027 (số 15/CV-UBND, ngày 20/12/2026)": the period's deadline
    was moved by an extension, for that period only."""
    if ext is None or ext.until is None:
        return ()
    number = (f"số {ext.number}, " if ext.number else "", f"no. {ext.number}, "
              if ext.number else "")
    return (Label(f"gia hạn đến {day_month(ext.until)} ({number[0]}ngày {day_month(ext.date)})",
                  f"extended until {ext.until.isoformat()} ({number[1]}granted "
                  f"{ext.date.isoformat()})"),)


def _groups(registry: Registry, ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if registry.is_group(i))


def _conference_item(a: Schedule, state: ConferenceState, registry: Registry,
                     today: dt.date, horizon: dt.date, query: Query) -> DueItem | None:
    if state.untracked and state.due < today:
        return None  # a closed agreement's meeting not held: no longer followed
    if state.held is not None and (not query.include_done
                                   or _done_too_long_ago(state.held.date, query)):
        return None
    party = query.party
    overdue = state.due < today and state.held is None
    # A conference planned for a month or a year is "coming" once its window opens:
    # the clerk must prepare it during that time, not on its last day.
    coming = state.due <= horizon or (not state.exact and state.opens <= horizon)
    if not (overdue or coming or state.held):
        return None
    conf = state.conference
    # the day concerned: the day it was held, else today (or its window's first day, when
    # that is later): a merged body's overdue conference falls on its successor
    day = state.held.date if state.held is not None else max(today, state.opens)
    carriers, notes = _successor_notes(registry, conf.hosts, day)
    if not _matches(party, conf.hosts, carriers):
        return None
    due, exact = state.due, state.exact
    if state.held is not None:
        due, exact = state.held.date, True
        notes = (Label(f"đã tổ chức ngày {day_month(due)}", f"held on {due.isoformat()}"),)
    elif not state.exact:
        when = state.planned_text
        notes = (Label(f"chưa có ngày cụ thể (dự kiến {when.vi})",
                       f"no exact date yet (planned {when.en})"),) + notes
    cls, late = conference_timeliness(state, today)
    return DueItem(
        state=None if state.untracked else cls.value, days_late=0 if state.untracked else late,
        agreement=a.id, agreement_title=a.title, type="conference", item=conf.id,
        title=conf.title or CONFERENCE_KINDS[conf.kind].vi,
        status=State.DONE if state.held else State.OVERDUE if overdue else State.UPCOMING,
        due=due,
        nominal_due=due, party=conf.hosts, exact=exact, notes=notes, file=a.file,
        period=state.period.key if state.period else None,
        period_label=state.period.label() if state.period else None,
        groups=_groups(registry, conf.hosts), acting=acting_of(registry, conf.hosts, day))


# the title of an agreement's end in the listings (``title`` holds its Vietnamese, as
# the other items' titles from the files; a listing in English says EXPIRY_TITLE.en)
EXPIRY_TITLE = Label("Thỏa thuận hết hiệu lực: chuẩn bị tổng kết và thỏa thuận mới",
                     "Agreement ends: prepare the review and a new agreement")


def _expiry_item(a: Schedule, replaced: bool, registry: Registry,
                 today: dt.date, query: Query) -> DueItem | None:
    if a.end is None or replaced or a.end < today:
        return None
    if (a.end - today).days > max(query.within, ENDING_SOON_DAYS):
        return None
    parties = a.parties
    carriers, notes = _successor_notes(registry, parties, a.end)
    if not _matches(query.party, parties, carriers):
        return None
    return DueItem(
        agreement=a.id, agreement_title=a.title, type="expiry", item=a.id,
        title=EXPIRY_TITLE.vi,
        status=State.UPCOMING, due=a.end, nominal_due=a.end, party=parties, notes=notes,
        file=a.file)


def _review_item(a: Schedule, replaced: bool, registry: Registry, today: dt.date,
                 query: Query) -> DueItem | None:
    """An agreement in force whose signing parties have all ended (status
    ``parties-ended``): one item, dated the day the last of them ended."""
    if replaced or (a.end is not None and a.end < today) or \
            (a.start is not None and today < a.start) or not a.parties:
        return None
    if a.closed is not None and a.closed <= today:  # finished: nothing to sign anew
        return None
    ends = [registry.orgs[p].ended for p in a.parties if p in registry.orgs]
    if len(ends) < len(a.parties) or any(e is None or e.date > today for e in ends):
        return None
    acting = acting_of(registry, a.parties, today)
    if not _matches(query.party, a.parties, [x for now in acting for x in now]):
        return None
    since = max(e.date for e in ends if e is not None)
    return DueItem(
        agreement=a.id, agreement_title=a.title, type="review", item=a.id,
        title=REVIEW_TITLE.vi, status=State.UPCOMING, due=since, nominal_due=since,
        party=a.parties, file=a.file, acting=acting,
        notes=_successor_notes(registry, a.parties, today)[1])


def next_commands(item: DueItem, on: str | None = None, body: str = "MÃ_CƠ_QUAN"
                  ) -> tuple[str | None, str | None]:
    """The commands a clerk copies next, as (draft, record): ``ppcli render AG DUTY KỲ`` and
    ``ppcli record report AG DUTY KỲ [--by BÊN] [--on NGÀY]`` (``--as``/``--by`` the first
    reporter still owing, when the duty has several; ``--on`` with ``on``, else the record
    says today), or the conference's; none for an agreement ending. A group of bodies
    cannot issue a draft: its ``render`` names ``--as`` with ``body``, the placeholder of
    one of its bodies' codes. Ids and period keys are checked words (letters, digits,
    hyphens), so the commands are safe to paste."""
    if item.type in ("expiry", "review"):
        return None, None
    args = f"{item.agreement} {item.item}" + (f" {item.period}" if item.period else "")
    when = f" --on {on}" if on else ""

    def issuer(who: str) -> str:
        return body if who in item.groups else who

    def actor(k: int) -> str:
        """Who acts for the k-th party on the day concerned (a successor of an ended one)."""
        now = item.acting[k] if item.acting else ()
        return now[0] if now else item.party[k]

    if item.type == "conference":
        signers = [actor(k) for k, h in enumerate(item.party) if issuer(h) == h]
        if len(item.party) > 1 or not signers:  # the first host that can sign drafts
            host = f" --as {signers[0] if signers else body}"
        else:
            host = ""
        return f"ppcli render {args}{host}", f"ppcli record conference {args}{when}"
    if len(item.reporters) > 1 and item.party:  # whose report: the first still owing
        who = actor(0)
        return (f"ppcli render {args} --as {issuer(item.party[0]) if item.party[0] in item.groups else who}",
                f"ppcli record report {args} --by {who}{when}")
    alone = item.party[0] if item.party else None
    draft = f" --as {body}" if alone is not None and alone in item.groups else ""
    return f"ppcli render {args}{draft}", f"ppcli record report {args}{when}"


def to_json(item: DueItem, today: dt.date, lang: Lang = "vi") -> dict[str, Any]:
    """One item for programs: keys and codes fixed; the text fields that are ppcli's own
    words (``rule``, ``notes``, an agreement's end as ``title``) in ``lang``."""
    commands = next_commands(item, body="MÃ_CƠ_QUAN" if lang == "vi" else "BODY_CODE")
    return {
        "agreement": item.agreement, "type": item.type, "item": item.item,
        "period": item.period,
        "title": EXPIRY_TITLE(lang) if item.type == "expiry" else REVIEW_TITLE(lang)
        if item.type == "review" else item.title,
        "status": item.status.value,
        "due": item.due.isoformat(), "nominal_due": item.nominal_due.isoformat(),
        "days": item.days_from(today), "party": list(item.party),
        # who acts for the party of record on the day concerned (successors of merged
        # bodies): the same ids as ``party`` when none has ended
        "acting_party": list(item.acting_party()),
        "recipients": list(item.recipients), "exact": item.exact,
        "rule": item.rule(lang) if item.rule else None,
        "moved_because": item.moved_because,
        "notes": [n(lang) for n in item.notes], "file": item.file,
        "data_from": item.data_window[0].isoformat() if item.data_window else None,
        "data_to": item.data_window[1].isoformat() if item.data_window else None,
        # reports: who still owes the period and who has sent it, reporter by reporter
        "owed_by": list(item.party) if item.type == "report" else [],
        "sent_by": list(item.sent_by),
        "deadline_source": item.deadline_source,
        # the four classes and days late (ppcli.engine.timeliness); an extension's deadline
        "state": item.state, "days_late": item.days_late,
        "extended_until": item.extension.until.isoformat()
        if item.extension is not None and item.extension.until is not None else None,
        # what to run next (the record as sent today: add --on YYYY-MM-DD for another day)
        "render_command": commands[0], "record_command": commands[1],
    }
