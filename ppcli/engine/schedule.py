"""The schedule engine: reporting periods, their deadlines, and what has been done.

Pure functions: no I/O and no clock. ``today`` and the look-ahead horizon are passed in,
and working days come from a :class:`~ppcli.engine.workdays.WorkCalendar` value.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from ppcli.engine.meetings import ConferenceState as ConferenceState
from ppcli.engine.meetings import conference_state as conference_state
from ppcli.engine.meetings import conference_states as conference_states
from ppcli.engine.workdays import WorkCalendar
from ppcli.files.model import Agreement, Deadline, Duty, DutyKind, Record, Regime
from ppcli.i18n import Label, day_month
from ppcli.periods import Frequency, Period, last_day, periods_between

# Nghị định 09/2019/NĐ-CP: data are cut off on the 14th of the period's last month
# (Điều 12) and UBND cấp tỉnh sends periodic reports "chậm nhất vào ngày 25 của tháng
# cuối kỳ báo cáo" (Điều 13 khoản 1). The 25th is the only sending deadline the decree
# itself states; it is written for the provincial People's Committee reporting to the
# Government, and provinces and ministries set earlier ones for their own units
# (Điều 13 khoản 2). A repository whose province has its own regime sets it as
# ``default_deadline`` in ppcli.yaml (e.g. ``{day: 16}``).
ND09_CUTOFF_DAY = 14
ND09_SEND_DAY = 25
BUILTIN_DEFAULT = Deadline(regime=Regime.ND09)
# A plan (KẾ HOẠCH) is owed before or at the start of the period it plans: without a
# deadline in the agreement, ppcli assumes the 15th of the period's first month, half a
# month into the period it plans (an assumption, said as one: "hạn giả định").
PLAN_DAY = 15
PLAN_DEFAULT = Deadline(start_day=PLAN_DAY)

# Schedules are computed this far past the look-ahead, so that a cached one stays
# usable for the runs of the following weeks.
SCHEDULE_MARGIN_DAYS = 62

# An agreement "ends soon" when its end is this close: time to prepare its successor
# (drafting, consulting the parties and signing take a quarter in practice).
ENDING_SOON_DAYS = 90

T = TypeVar("T")

# What an agreement takes over from the one it replaces: (kind "report" or "conference",
# the duty's or meeting's id, its frequency, its first period as written or None)
Claim = tuple[str, str, str, Period | None]
# An agreement's replacement: the new one's start and what it takes over (its claims)
Handover = tuple[dt.date, tuple[Claim, ...]]


@dataclass(frozen=True)
class Rule:
    """A deadline rule and where it came from: 'agreement', 'repository' or 'builtin'."""

    deadline: Deadline
    origin: str


def resolve_rule(duty: Duty, repository_default: Deadline | None) -> Rule:
    """The duty's own deadline; else, for a plan, ppcli's plan default (the repository's
    default is a report's); else the repository's default; else ppcli's."""
    if duty.deadline is not None:
        return Rule(duty.deadline, "agreement")
    if duty.kind is DutyKind.PLAN:
        return Rule(PLAN_DEFAULT, "builtin")
    if repository_default is not None:
        return Rule(repository_default, "repository")
    return Rule(BUILTIN_DEFAULT, "builtin")


def _clamped(year: int, month: int, day: int) -> dt.date:
    """Day ``day`` of the month, or its last day when the month is shorter
    (Bộ luật Dân sự 2015, Điều 148 khoản 3: 31 in a 30-day month, 29 February)."""
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1), last_day(year, month))


def nominal_deadline(period: Period, rule: Deadline, cal: WorkCalendar) -> dt.date:
    """The deadline as the rule states it, before a weekend or holiday moves it."""
    if rule.date is not None:
        return rule.date
    if rule.day is not None and rule.month is not None:
        return _clamped(period.year, rule.month, rule.day)
    if rule.day is not None:
        return _clamped(period.year, period.last_month, rule.day)
    if rule.days_after is not None:
        return period.end + dt.timedelta(days=rule.days_after)
    if rule.working_days_after is not None:
        return cal.add_working_days(period.end, rule.working_days_after)
    if rule.days_before is not None:
        return period.start - dt.timedelta(days=rule.days_before)
    if rule.start_day is not None:
        return _clamped(period.year, period.first_month, rule.start_day)
    # regime nd09
    return _clamped(period.year, period.last_month, ND09_SEND_DAY)


@functools.lru_cache(maxsize=256)
def rule_label(rule: Rule | None, brief: bool = False) -> Label:
    """How a deadline rule is said, in both languages: the one description of a rule.

    In full (``due``, ``show``): how the deadline was computed and where the rule came
    from. A deadline the agreement does not state is an assumption and says so ("hạn
    giả định"), with where it came from (the repository's ppcli.yaml or ppcli's own
    default); Nghị định 09/2019's 25th is described with whom it binds. ``brief``
    (history's sentences): the rule alone, e.g. "10 ngày sau kỳ"; None there is an
    agreement that states no rule."""
    if rule is None:
        return Label("mặc định", "default")
    if brief:
        return _brief_rule(rule.deadline)
    text = _rule_text(rule.deadline)
    if rule.origin == "agreement":
        return Label(f"hạn {text.vi}", f"due {text.en}")
    if rule.origin == "repository":
        return Label(f"hạn giả định: {text.vi} (thỏa thuận không nêu hạn; mặc định của kho "
                     "trong agreements/ppcli.yaml)",
                     f"assumed deadline: {text.en} (the agreement states none; the "
                     "repository's default in agreements/ppcli.yaml)")
    if rule.deadline.start_day is not None:  # a plan: the repository's default is for reports
        return Label(f"hạn giả định: {text.vi} (thỏa thuận không nêu hạn gửi kế hoạch; mặc "
                     "định của ppcli cho kế hoạch, vì hạn mặc định của kho chỉ áp cho báo cáo)",
                     f"assumed deadline: {text.en} (the agreement states no deadline for the "
                     "plan; ppcli's default for plans, as the repository's default is for "
                     "reports)")
    return Label(f"hạn giả định: {text.vi} (thỏa thuận không nêu hạn và kho chưa đặt "
                 "default_deadline trong agreements/ppcli.yaml)",
                 f"assumed deadline: {text.en} (the agreement states none and the repository "
                 "sets no default_deadline in agreements/ppcli.yaml)")


def _rule_text(d: Deadline) -> Label:
    """The rule itself, without "hạn"/"due" and without its source."""
    if d.date is not None:
        return Label(f"ngày {day_month(d.date)}", d.date.isoformat())
    if d.day is not None and d.month is not None:
        return Label(f"ngày {d.day:02d}/{d.month:02d} hằng năm",
                     f"{d.day:02d}/{d.month:02d} every year")
    if d.day is not None:
        return Label(f"ngày {d.day} của tháng cuối kỳ",
                     f"on day {d.day} of the period's last month")
    if d.days_after is not None:
        return Label(f"{d.days_after} ngày sau khi hết kỳ",
                     f"{d.days_after} days after the period")
    if d.working_days_after is not None:
        return Label(f"{d.working_days_after} ngày làm việc sau khi hết kỳ",
                     f"{d.working_days_after} working days after the period")
    if d.days_before is not None:
        return Label(f"{d.days_before} ngày trước ngày đầu kỳ",
                     f"{d.days_before} days before the period's first day")
    if d.start_day is not None:
        return Label(f"ngày {d.start_day} của tháng đầu kỳ kế hoạch",
                     f"day {d.start_day} of the first month of the plan's period")
    return Label(f"ngày {ND09_SEND_DAY} của tháng cuối kỳ, số liệu chốt ngày "
                 f"{ND09_CUTOFF_DAY}: mốc Nghị định 09/2019/NĐ-CP đặt cho UBND cấp tỉnh gửi báo "
                 "cáo định kỳ lên Chính phủ (Điều 13 khoản 1; chốt số liệu: Điều 12)",
                 f"on the {ND09_SEND_DAY}th of the period's last month, data cut off on the "
                 f"{ND09_CUTOFF_DAY}th: the dates Decree 09/2019/ND-CP sets for provincial "
                 "People's Committees reporting to the Government (Art. 13(1); cut-off: "
                 "Art. 12)")


def _brief_rule(d: Deadline) -> Label:
    if d.date is not None:
        return Label(day_month(d.date), day_month(d.date))
    if d.day is not None and d.month is not None:
        return Label(f"{d.day:02d}/{d.month:02d}", f"{d.day:02d}/{d.month:02d}")
    if d.day is not None:
        return Label(f"ngày {d.day} tháng cuối kỳ", f"day {d.day} of the period's last month")
    if d.days_after is not None:
        return Label(f"{d.days_after} ngày sau kỳ", f"{d.days_after} days after the period")
    if d.working_days_after is not None:
        return Label(f"{d.working_days_after} ngày làm việc sau kỳ",
                     f"{d.working_days_after} working days after the period")
    if d.days_before is not None:
        return Label(f"{d.days_before} ngày trước kỳ", f"{d.days_before} days before the period")
    if d.start_day is not None:
        return Label(f"ngày {d.start_day} tháng đầu kỳ", f"day {d.start_day} of the period's "
                     "first month")
    return Label("theo Nghị định 09/2019", "under Decree 09/2019")


class Interner:
    """Equal periods, dates and rules -> one object. Thousands of agreements share the
    same periods and deadlines; the caller that builds many schedules (the schedule
    cache) makes one interner for its run and passes it in, so nothing outlives it."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, value: T) -> T:
        return self._seen.setdefault(value, value)  # type: ignore[no-any-return]


def _alone(value: T) -> T:
    """No interner: every value is its own."""
    return value


@dataclass(frozen=True)
class Obligation:
    """One report owed for one period (or once)."""

    duty: Duty
    period: Period | None
    nominal_due: dt.date
    due: dt.date  # after the working-day roll-forward
    moved_because: str | None  # why the nominal day is not a working day
    owing: tuple[str, ...]  # reporters who have not reported yet (see reporters_owing)
    records: tuple[Record, ...]
    rule: Rule
    untracked: bool = False  # not done, in a closed agreement: no longer followed
    # the extension granted for this period (``extension:`` record, the latest): ``due``
    # and ``nominal_due`` are then its ``until``; the rule's own deadline is not kept
    extension: Record | None = None

    @property
    def done(self) -> bool:
        return not self.owing

    @property
    def data_window(self) -> tuple[dt.date, dt.date] | None:
        """The days whose data the report covers, where known (see :func:`data_window`)."""
        found = data_window(self.duty, self.period, self.rule)
        return None if found is None else (found[0], found[1])


class State(StrEnum):
    """Where an obligation (or a conference) stands on a day. The values are those of
    ``due``'s JSON ``status``; ``show``'s JSON writes ``sent`` for DONE (docs/format.md)."""

    DONE = "done"  # every reporter has sent (a conference: held)
    OVERDUE = "overdue"  # not done and its deadline has passed
    UPCOMING = "upcoming"  # not done, deadline today or later
    UNTRACKED = "untracked"  # not done, but its agreement was closed: no longer followed


@dataclass(frozen=True)
class PeriodState:
    """Where one obligation stands on a day, reporter by reporter."""

    status: State
    owed_by: tuple[str, ...]  # reporters who still owe it, in the duty's order
    sent_by: tuple[str, ...]  # reporters whose own record is there, in the duty's order
    unattributed: tuple[Record, ...]  # records that name no reporter on a shared duty


def obligation_state(ob: Obligation, today: dt.date) -> PeriodState:
    """The one home of the rule: a period is done when every reporter has sent, and
    overdue once its (rolled-forward) deadline has passed."""
    # untracked: a closed agreement's period past its deadline (one still to come before
    # a closing day set ahead is owed as usual)
    status = State.DONE if ob.done else State.UNTRACKED if ob.untracked and ob.due < today \
        else State.OVERDUE if ob.due < today else State.UPCOMING
    return PeriodState(status, ob.owing, reporters_sent(ob.duty, ob.owing),
                       unattributed(ob.duty, ob.records))


def unattributed(duty: Duty, records: Sequence[Record]) -> tuple[Record, ...]:
    """Records of a duty with several reporters that do not say who sent (no ``by``):
    they count for nobody, since nothing says which party's report they are."""
    if len(duty.reporters) < 2:
        return ()
    return tuple(r for r in records if r.by is None)


def reporters_sent(duty: Duty, owing: Sequence[str]) -> tuple[str, ...]:
    """The reporters who are not among ``owing``, in the duty's order."""
    return tuple(o for o in duty.reporters if o not in owing)


def reporters_owing(duty: Duty, records: Sequence[Record]) -> tuple[str, ...]:
    """The reporters of ``duty`` with no record of their own among ``records`` (the
    records of one period). One reporter: any record of the period is theirs. Several
    reporters: each needs a record naming it in ``by``."""
    if not records:
        return duty.reporters  # the same tuple: shared, not copied, in memory and cache
    if len(duty.reporters) < 2:
        return ()
    done = {r.by for r in records if r.by is not None}
    if not done:
        return duty.reporters
    return tuple(o for o in duty.reporters if o not in done)


def data_window(duty: Duty, period: Period | None, rule: Rule
                ) -> tuple[dt.date, dt.date, str] | None:
    """The one rule for a period's data window (thời gian chốt số liệu): the duty's own
    ``cutoff`` (source "cutoff"), else the state regime's (Nghị định 09/2019, source: where
    the rule came from), else unknown (None)."""
    if period is None:
        return None
    if duty.cutoff is not None:
        end = cutoff_day(period, duty.cutoff.day, duty.cutoff.month)
        previous = cutoff_day(_previous(period), duty.cutoff.day, duty.cutoff.month)
        return previous + dt.timedelta(days=1), end, "cutoff"
    if rule.deadline.regime != "nd09":
        return None
    start, end = nd09_window(period)
    return start, end, rule.origin


def cutoff_day(period: Period, day: int, month: int | None) -> dt.date:
    """The cut-off of ``period``: ``day`` of its last month, or for a year with ``month``
    that day and month of it (clamped to the month's length; a month on a shorter period
    is not used: PP128 says so)."""
    return _clamped(period.year, month if month and period.months == 12 else period.last_month,
                    day)


def _previous(period: Period) -> Period:
    if period.index > 1:
        return Period(period.year, period.months, period.index - 1)
    return Period(period.year - 1, period.months, 12 // period.months)


def nd09_window(period: Period) -> tuple[dt.date, dt.date]:
    """Nghị định 09/2019, Điều 12: data from the 15th of the month before the period to
    the 14th of its last month (a year: 15/12 of the year before to 14/12)."""
    month_before = period.start - dt.timedelta(days=1)
    return (month_before.replace(day=ND09_CUTOFF_DAY + 1),
            dt.date(period.year, period.last_month, ND09_CUTOFF_DAY))


def duty_periods(a: Agreement, duty: Duty, until: dt.date,
                 handover: Handover | None = None) -> list[Period]:
    """The periods a duty covers: from its first period (default: the one holding the
    agreement's start) to its last (default: the one holding its end), stopping before
    periods that start after ``until`` (open-ended agreements) and, for an agreement
    replaced (``handover``: the new one's start and what it takes over), keeping only
    the periods that stay with it (:func:`moves`)."""
    if duty.frequency is Frequency.ONCE:
        return []
    start = duty.first.start if duty.first else a.start
    if start is None:
        return []
    end_candidates = [until]
    if duty.last:
        end_candidates.append(duty.last.end)
    elif a.end:
        end_candidates.append(a.end)
    end = min(end_candidates)
    periods = list(periods_between(duty.frequency, start, end))
    if duty.last:
        periods = [p for p in periods if p <= duty.last]
    if handover is not None:
        cutoff, claims = handover
        periods = [p for p in periods if not moves(p, "report", duty.id, cutoff, claims)]
    return periods


def obligations(a: Agreement, duty: Duty, rule: Rule, cal: WorkCalendar, until: dt.date,
                handover: Handover | None = None,
                share: Callable[[Any], Any] = _alone) -> list[Obligation]:
    """Every obligation of a duty up to ``until``, matched with the records (equal
    periods and dates made one object by ``share``, an :class:`Interner`)."""
    sent = [r for r in a.records if r.kind == "report" and r.item == duty.id]
    extended = extensions(a, duty.id)
    out: list[Obligation] = []
    if duty.frequency is Frequency.ONCE:
        extension = extended.get(None)
        nominal = _once_deadline(a, rule.deadline) if extension is None else extension.until
        if nominal is None:
            return []
        due = cal.roll_forward(nominal)
        out.append(Obligation(duty, None, nominal, due,
                              None if due == nominal else cal.why_not_working(nominal),
                              reporters_owing(duty, sent), tuple(sent), rule,
                              extension=extension))
        return _closing(a, out)
    by_period: dict[str | None, list[Record]] = {}
    for r in sent:
        by_period.setdefault(r.period, []).append(r)
    for period in duty_periods(a, duty, until, handover):
        # thousands of agreements share the same periods and deadlines: one object each,
        # which the schedule cache then stores (and reads back) once
        period = share(period)
        extension = extended.get(period.key)
        nominal = nominal_deadline(period, rule.deadline, cal)
        if a.start is not None and nominal < a.start:
            # owed before the agreement began (a plan for the period it starts in): owed
            # on its first day instead
            nominal = a.start
        nominal = share(nominal if extension is None else extension.until)
        due = share(cal.roll_forward(nominal))
        matched = by_period.get(period.key, [])
        out.append(Obligation(duty, period, nominal, due,
                              None if due == nominal else cal.why_not_working(nominal),
                              reporters_owing(duty, matched), tuple(matched), rule,
                              extension=extension))
    return _closing(a, out)


def extensions(a: Agreement, duty_id: str) -> dict[str | None, Record]:
    """Each period's extension of ``duty_id``: the one granted last (by its date, then the
    latest ``until``) when there are several; a period's deadline moves for it alone."""
    out: dict[str | None, Record] = {}
    for r in a.records:
        if r.kind == "extension" and r.item == duty_id and r.until is not None:
            best = out.get(r.period)
            if best is None or (r.date, r.until) >= (best.date, best.until or r.until):
                out[r.period] = r
    return out


def _once_deadline(a: Agreement, rule: Deadline) -> dt.date | None:
    """A one-time duty's deadline: its date; a plan's assumed one, the given day of the
    agreement's first month (not before its start); else the agreement's end."""
    if rule.date is not None:
        return rule.date
    if rule.start_day is not None and a.start is not None:
        return max(a.start, _clamped(a.start.year, a.start.month, rule.start_day))
    return a.end


def _closing(a: Agreement, obs: list[Obligation]) -> list[Obligation]:
    """A closed agreement (``closed:``) owes nothing due after its closing day; what it
    had not done by then is ``untracked`` (no longer followed), not overdue."""
    if a.closed is None:
        return obs
    closed = a.closed.date
    return [ob if ob.done else Obligation(ob.duty, ob.period, ob.nominal_due, ob.due,
                                          ob.moved_because, ob.owing, ob.records, ob.rule,
                                          True, ob.extension)
            for ob in obs if ob.done or ob.due <= closed]


def claims_of(a: Agreement) -> tuple[Claim, ...]:
    """The periodic duties and recurring meetings of ``a``, for :func:`moves`."""
    return tuple([("report", d.id, d.frequency.value, d.first) for d in a.duties
                  if d.frequency is not Frequency.ONCE]
                 + [("conference", c.id, c.frequency.value, c.first) for c in a.conferences
                    if c.frequency is not None])


def moves(period: Period, kind: str, item: str, cutoff: dt.date,
          claims: Sequence[Claim]) -> bool:
    """Whether ``period`` of an agreement replaced from ``cutoff`` (the new one's start)
    goes to the new one. The rule: a period stays with the agreement in force on the
    period's last day, unless the new one says otherwise. So a period that ends before
    ``cutoff`` stays; one that starts on or after it goes; the boundary period (the one
    holding ``cutoff``) goes unless the new agreement has no duty (or meeting) of that
    frequency, or its matching one (same id, else the first of that frequency) starts
    later by its own ``first:``."""
    if period.end < cutoff:
        return False
    if period.start >= cutoff:
        return True
    freq = period.frequency.value
    same = [c for c in claims if c[0] == kind and c[2] == freq]
    match = [c for c in same if c[1] == item] or same[:1]
    return any(c[3] is None or c[3] <= period for c in match)


@dataclass(frozen=True)
class Schedule:
    """What ``due`` needs from one agreement, computed for the periods that start up to
    ``until``. It depends on the agreement's file and the repository's configuration
    only, never on today's date, so it can be cached by file content."""

    id: str
    title: str
    file: str
    start: dt.date | None
    end: dt.date | None
    parties: tuple[str, ...]
    replaces: tuple[str, ...]  # ids of the agreements this one replaces
    obligations: tuple[Obligation, ...]
    conferences: tuple[ConferenceState, ...]
    until: dt.date
    complete: bool  # every period up to the agreement's end is included
    claims: tuple[Claim, ...] = ()  # what it takes over from those it replaces (moves)
    closed: dt.date | None = None  # the agreement's closing day (``closed:``), if any


def build_schedule(a: Agreement, default_rule: Deadline | None, cal: WorkCalendar,
                   until: dt.date, keep_done: bool = False,
                   done_since: dt.date | None = None,
                   share: Callable[[Any], Any] = _alone) -> Schedule:
    """The agreement's obligations (only the open ones unless ``keep_done``; with
    ``done_since``, only the done ones due on or after that day) and conferences;
    ``share`` (an :class:`Interner`) makes equal periods and dates one object.
    Periods are not cut by a replacement: that needs the other file and is applied when
    listing (see :func:`ppcli.engine.due.due_items`)."""
    ended = a.end is not None and a.end <= until
    complete = ended or (a.closed is not None and a.closed.date <= until)
    limit = a.end if ended and a.end is not None else until
    since = done_since or dt.date.min
    obs = tuple(ob for d in a.duties
                for ob in obligations(a, d, share(resolve_rule(d, default_rule)), cal, limit,
                                      share=share)
                if not ob.done or (keep_done and ob.due >= since))
    return Schedule(a.id, a.title, a.where.file, a.start, a.end, a.party_ids(),
                    a.replaced_ids, obs,
                    tuple(st for c in a.conferences for st in conference_states(a, c, limit, share)),
                    limit, complete, claims_of(a), a.closed.date if a.closed else None)


def _replaced_agreements(a: Agreement) -> Sequence[str]:
    return a.replaced_ids


def replaced_by(items: Sequence[T],
                replaces: Callable[[T], Sequence[str]] = _replaced_agreements  # type: ignore[assignment]
                ) -> dict[str, T]:
    """Agreement id -> the agreement (or its schedule) that replaces it; the first one
    listed when several claim to. One agreement may replace several (``replaces:`` a
    list)."""
    out: dict[str, T] = {}
    for item in items:
        for replaced in replaces(item):
            out.setdefault(replaced, item)
    return out
