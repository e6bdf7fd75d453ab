"""The caches' plain data: schedules and history entries as JSON values, and back.

Nothing here runs code from the data: a cache file is JSON, and each value is checked
for its type (and, where later code relies on it, its range or its name among the known
ones) while it is rebuilt into the same frozen dataclasses the engine builds. Anything
unexpected raises :class:`Malformed`, which the cache treats as a miss.

Shapes (lists, to keep the files small and quick to read):

* a date is the number ``yyyymmdd`` (20261122), a period ``yyyymmii`` with its length in
  months and its index within the year (20260602: the second half of 2026);
* a schedule ``[id, title, start, end, parties, replaces, duties, rules, obligations,
  conferences, until, complete, claims, closed]`` (its file is the entry's name), where ``duties``
  and ``rules`` are tables that the obligations point into by position, ``replaces`` the
  list of replaced ids and ``claims`` ``[kind, id, frequency, first]`` each;
* a duty ``[id, reporters, recipients, frequency, title, deadline, first, last, note,
  subject, kind, content, method, cutoff, outline, data_form]``, ``cutoff`` ``[day,
  month]`` or null, a deadline ``[day, month, days_after, working_days_after, date,
  regime, days_before, start_day]``;
* an obligation ``[duty, period, nominal, due, moved_because, owing, records, rule,
  untracked, extension]``, ``owing`` null when it is the duty's reporters (the common
  case, shared in memory), ``records`` null when there are none, ``extension`` (a record)
  null when the period's deadline was not extended;
* a record ``[kind, item, date, period, number, by, note, until, reminder_kind, to]``;
* a conference ``[id, kind, year, month, day, hosts, title, note or null, due, opens,
  held, period, untracked, frequency, when, first, last]`` (year, month and day null for
  a recurring meeting, which has no planned time);
* a history entry ``[path, old_path, kind, agreement, title, status, changes, invalid]``.

Equal periods, dates, deadlines and rules come back as one object each (as the engine
shares them), so a warm run holds no more objects than a cold one.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar, cast

from ppcli.engine.schedule import Claim, ConferenceState, Obligation, Rule, Schedule
from ppcli.files.model import (
    Conference,
    ConferenceKind,
    Cutoff,
    Deadline,
    Duty,
    DutyKind,
    MeetingTime,
    Planned,
    Record,
    RecordKind,
    Regime,
    ReminderKind,
)
from ppcli.periods import Frequency, Period

_MAX_YEAR = 2300  # past the latest --today (2200) plus any look-ahead
_ORIGINS = frozenset({"agreement", "repository", "builtin"})
_RECORD_KINDS = {k.value: k for k in RecordKind}
_REMINDER_KINDS = {k.value: k for k in ReminderKind}
_CONFERENCE_KINDS = {k.value: k for k in ConferenceKind}
_REGIMES = {r.value: r for r in Regime}
_MONTHS = frozenset({1, 3, 6, 12})
_FREQUENCIES = {f.value: f for f in Frequency}
_DUTY_KINDS = {k.value: k for k in DutyKind}
_MEETING_TIMES = {w.value: w for w in MeetingTime}
_CLAIM_KINDS = frozenset({"report", "conference"})
_T = TypeVar("_T")


class Malformed(Exception):
    """The data do not have the shape this version writes: not used."""


# -- plain values ---------------------------------------------------------------------


def as_str(value: object) -> str:
    if type(value) is not str:
        raise Malformed
    return value


def _regime(value: object) -> Regime | None:
    if value is None:
        return None
    if type(value) is not str or value not in _REGIMES:
        raise Malformed
    return _REGIMES[value]


def as_opt_str(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise Malformed
    return value


def _int(value: object) -> int:
    if type(value) is not int:  # bool is not an int here
        raise Malformed
    return value


def _opt_int(value: object) -> int | None:
    if value is not None and type(value) is not int:
        raise Malformed
    return value


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise Malformed
    return value


def as_list(value: object, size: int | None = None) -> list[object]:
    if type(value) is not list or (size is not None and len(value) != size):
        raise Malformed
    return value


def _strs(value: object) -> tuple[str, ...]:
    items: list[str] = []
    for item in as_list(value):
        if type(item) is not str:
            raise Malformed
        items.append(item)
    return tuple(items)


class Decoder:
    """Rebuilds values, sharing equal periods, dates, deadlines and rules.

    The hot paths (dates, periods, obligations) check types inline: a warm ``due``
    rebuilds some 20,000 obligations, and a function call per field would double its
    time. Objects are made as pickle makes them (``object.__new__``, then each field set,
    without ``__init__``), from values checked here; the classes are frozen dataclasses
    without ``__post_init__``, which a test asserts."""

    def __init__(self) -> None:
        # keyed by the encoded value as read (an int when well formed)
        self._dates: dict[object, dt.date] = {}
        self._periods: dict[object, Period] = {}
        self._deadlines: dict[tuple[object, ...], Deadline] = {}
        self._rules: dict[tuple[Deadline, str], Rule] = {}
        self._tuples: dict[tuple[object, ...], tuple[str, ...]] = {}
        self._planned: dict[tuple[int, int | None, int | None], Planned] = {}

    def date(self, value: object) -> dt.date:
        day = self._dates.get(value)
        if day is None:
            if type(value) is not int:
                raise Malformed
            year, rest = divmod(value, 10000)
            if not 1900 <= year <= _MAX_YEAR:
                raise Malformed
            try:
                day = dt.date(year, *divmod(rest, 100))
            except ValueError:
                raise Malformed from None
            self._dates[value] = day
        return day

    def opt_date(self, value: object) -> dt.date | None:
        return None if value is None else self.date(value)

    def names(self, value: object) -> tuple[str, ...]:
        if type(value) is not list:
            raise Malformed
        names = tuple(value)
        found = self._tuples.get(names)  # seen before: its items were checked then
        if found is None:
            for name in names:
                if type(name) is not str:
                    raise Malformed
            found = self._tuples[names] = cast("tuple[str, ...]", names)
        return found

    def period(self, value: object) -> Period:
        period = self._periods.get(value)
        if period is None:
            if type(value) is not int:
                raise Malformed
            year, rest = divmod(value, 10000)
            months, index = divmod(rest, 100)
            if not 1900 <= year <= 2200 or months not in _MONTHS \
                    or not 1 <= index <= 12 // months:
                raise Malformed
            period = self._periods[value] = Period(year, months, index)
        return period

    def opt_period(self, value: object) -> Period | None:
        return None if value is None else self.period(value)

    def deadline(self, value: object) -> Deadline:
        raw = as_list(value, 8)
        key = tuple(raw)
        found = self._deadlines.get(key)
        if found is None:
            day, month, start_day = _opt_int(raw[0]), _opt_int(raw[1]), _opt_int(raw[7])
            if (day is not None and not 1 <= day <= 31) or \
                    (month is not None and not 1 <= month <= 12) or \
                    (start_day is not None and not 1 <= start_day <= 31):
                raise Malformed
            found = self._deadlines[key] = Deadline(
                day, month, _opt_int(raw[2]), _opt_int(raw[3]), self.opt_date(raw[4]),
                _regime(raw[5]), _opt_int(raw[6]), start_day)
        return found

    def opt_deadline(self, value: object) -> Deadline | None:
        return None if value is None else self.deadline(value)

    def rule(self, value: object) -> Rule:
        raw = as_list(value, 2)
        deadline, origin = self.deadline(raw[0]), as_str(raw[1])
        if origin not in _ORIGINS:
            raise Malformed
        key = (deadline, origin)
        found = self._rules.get(key)
        if found is None:
            found = self._rules[key] = Rule(deadline, origin)
        return found

    def record(self, value: object) -> Record:
        raw = as_list(value, 10)
        kind, reminder = as_str(raw[0]), as_opt_str(raw[8])
        if kind not in _RECORD_KINDS or (reminder is not None and reminder not in _REMINDER_KINDS):
            raise Malformed
        return Record(_RECORD_KINDS[kind], as_str(raw[1]), self.date(raw[2]), as_opt_str(raw[3]), as_str(raw[4]),
                      as_opt_str(raw[5]), as_str(raw[6]), self.opt_date(raw[7]),
                      None if reminder is None else _REMINDER_KINDS[reminder], as_opt_str(raw[9]))

    def records(self, value: object) -> tuple[Record, ...]:
        if value is None:
            return ()
        return tuple(self.record(r) for r in as_list(value))

    def duty(self, value: object) -> Duty:
        if type(value) is not list or len(value) != 16:
            raise Malformed
        ident, reporters, recipients, frequency, title, deadline, first, last, note, subject, \
            kind, content, method, cutoff, outline, data_form = value
        if type(ident) is not str or type(title) is not str or type(note) is not str \
                or type(subject) is not str or type(frequency) is not str \
                or frequency not in _FREQUENCIES or type(kind) is not str \
                or kind not in _DUTY_KINDS or type(content) is not str \
                or type(method) is not str or type(outline) is not str \
                or type(data_form) is not str:
            raise Malformed
        cut = None
        if cutoff is not None:
            day, month = as_list(cutoff, 2)
            cut = Cutoff(_int(day), _opt_int(month))
        duty = _new(Duty)
        _fill(duty, {
            "id": ident, "reporters": self.names(reporters),
            "recipients": self.names(recipients), "frequency": _FREQUENCIES[frequency],
            "title": title, "deadline": None if deadline is None else self.deadline(deadline),
            "first": None if first is None else self.period(first),
            "last": None if last is None else self.period(last), "note": note,
            "subject": subject, "kind": _DUTY_KINDS[kind], "content": content,
            "method": method, "cutoff": cut, "outline": outline, "data_form": data_form})
        return duty

    def conference(self, value: object) -> ConferenceState:
        if type(value) is not list or len(value) != 17:
            raise Malformed
        ident, kind, year, month, day, hosts, title, more, due, opens, held, period, \
            untracked, frequency, when, first, last = value
        if type(ident) is not str or type(title) is not str or type(kind) is not str \
                or kind not in _CONFERENCE_KINDS \
                or (year is not None and type(year) is not int) \
                or (month is not None and (type(month) is not int or year is None)) \
                or (day is not None and (type(day) is not int or month is None)) \
                or (frequency is not None and (type(frequency) is not str
                                               or frequency not in _FREQUENCIES)) \
                or (when is not None and (type(when) is not str
                                          or when not in _MEETING_TIMES)):
            raise Malformed
        planned = None
        if year is not None:
            planned = self._planned.get((year, month, day))
            if planned is None:
                try:
                    dt.date(year, month or 1, day or 1)  # the planned time's dates exist
                except ValueError:
                    raise Malformed from None
                planned = self._planned[(year, month, day)] = Planned(year, month, day)
        conference = _new(Conference)
        _fill(conference, {
            "id": ident, "kind": _CONFERENCE_KINDS[kind], "planned": planned,
            "hosts": self.names(hosts), "title": title,
            "note": "" if more is None else as_str(more),
            "frequency": None if frequency is None else _FREQUENCIES[frequency],
            "when": None if when is None else _MEETING_TIMES[when],
            "first": self.opt_period(first), "last": self.opt_period(last)})
        state = _new(ConferenceState)
        _fill(state, {
            "conference": conference, "due": self._dates.get(due) or self.date(due),
            "opens": self._dates.get(opens) or self.date(opens), "exact": day is not None,
            "held": None if held is None else self.record(held),
            "period": self.opt_period(period), "untracked": _bool(untracked)})
        return state

    def claim(self, value: object) -> Claim:
        kind, ident, frequency, first = as_list(value, 4)
        if kind not in _CLAIM_KINDS or type(ident) is not str or frequency not in _FREQUENCIES:
            raise Malformed
        return as_str(kind), ident, as_str(frequency), self.opt_period(first)

    def schedule(self, value: object, file: str) -> Schedule:
        """A schedule, from :func:`encode_schedule`'s list, for the file shown as ``file``."""
        try:
            return self._schedule(value, file)
        except (TypeError, ValueError, KeyError, IndexError):  # e.g. a list as a date
            raise Malformed from None

    def _schedule(self, value: object, file: str) -> Schedule:
        raw = as_list(value, 14)
        duties = [self.duty(d) for d in as_list(raw[6])]
        rules = [self.rule(r) for r in as_list(raw[7])]
        n_duties, n_rules = len(duties), len(rules)
        dates, periods, new = self._dates, self._periods, object.__new__
        obligations = []
        for o in as_list(raw[8]):
            if type(o) is not list or len(o) != 10:
                raise Malformed
            at, code, nominal, due, moved, owing, records, rule, untracked, extension = o
            if type(at) is not int or not 0 <= at < n_duties or type(rule) is not int \
                    or not 0 <= rule < n_rules or (moved is not None and type(moved) is not str) \
                    or type(untracked) is not bool:
                raise Malformed
            duty = duties[at]
            ob = new(Obligation)
            _fill(ob, {
                "duty": duty,
                "period": None if code is None else periods.get(code) or self.period(code),
                "nominal_due": dates.get(nominal) or self.date(nominal),
                "due": dates.get(due) or self.date(due),
                "moved_because": moved,
                "owing": duty.reporters if owing is None else self.names(owing),
                "records": () if records is None else self.records(records),
                "rule": rules[rule], "untracked": untracked,
                "extension": None if extension is None else self.record(extension)})
            obligations.append(ob)
        schedule = _new(Schedule)
        _fill(schedule, {
            "id": as_str(raw[0]), "title": as_str(raw[1]), "file": file,
            "start": self.opt_date(raw[2]), "end": self.opt_date(raw[3]),
            "parties": self.names(raw[4]), "replaces": self.names(raw[5]),
            "obligations": tuple(obligations),
            "conferences": tuple(self.conference(c) for c in as_list(raw[9])),
            "until": self.date(raw[10]), "complete": _bool(raw[11]),
            "claims": tuple(self.claim(c) for c in as_list(raw[12])),
            "closed": self.opt_date(raw[13])})
        return schedule


def _new(cls: type[_T]) -> _T:
    return object.__new__(cls)


_SET = object.__setattr__


def _fill(obj: object, values: dict[str, object]) -> None:
    """Set the fields of an object made by :func:`_new` (frozen, with or without slots)."""
    if hasattr(obj, "__dict__"):
        obj.__dict__.update(values)
    else:
        for name, value in values.items():
            _SET(obj, name, value)


# -- schedules --------------------------------------------------------------------------


def _day(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _opt_day(d: dt.date | None) -> int | None:
    return None if d is None else _day(d)


def _period(p: Period | None) -> int | None:
    return None if p is None else p.year * 10000 + p.months * 100 + p.index


def _deadline(d: Deadline | None) -> list[object] | None:
    if d is None:
        return None
    return [d.day, d.month, d.days_after, d.working_days_after, _opt_day(d.date), d.regime,
            d.days_before, d.start_day]


def _record(r: Record) -> list[object]:
    return [r.kind, r.item, _day(r.date), r.period, r.number, r.by, r.note, _opt_day(r.until),
            r.reminder_kind, r.to]


def encode_schedule(s: Schedule) -> list[object]:
    """A schedule as JSON values (its file is the entry's name, not repeated here)."""
    duties: dict[int, int] = {}  # id() of a duty -> its position in the table
    duty_rows: list[object] = []
    rules: dict[Rule, int] = {}
    obligations: list[object] = []
    for ob in s.obligations:
        d = ob.duty
        at = duties.get(id(d))
        if at is None:
            at = duties[id(d)] = len(duty_rows)
            duty_rows.append([d.id, list(d.reporters), list(d.recipients), d.frequency.value,
                              d.title, _deadline(d.deadline), _period(d.first),
                              _period(d.last), d.note, d.subject, d.kind.value, d.content,
                              d.method,
                              None if d.cutoff is None else [d.cutoff.day, d.cutoff.month],
                              d.outline, d.data_form])
        rule = rules.setdefault(ob.rule, len(rules))
        obligations.append([at, _period(ob.period), _day(ob.nominal_due), _day(ob.due),
                            ob.moved_because,
                            None if ob.owing == d.reporters else list(ob.owing),
                            [_record(r) for r in ob.records] if ob.records else None, rule,
                            ob.untracked,
                            None if ob.extension is None else _record(ob.extension)])
    conferences = []
    for c in s.conferences:
        conf, planned = c.conference, c.conference.planned
        conferences.append([
            conf.id, conf.kind, *((planned.year, planned.month, planned.day) if planned
                                  else (None, None, None)), list(conf.hosts),
            conf.title, conf.note or None,
            _day(c.due), _day(c.opens), None if c.held is None else _record(c.held),
            _period(c.period), c.untracked,
            conf.frequency.value if conf.frequency else None,
            conf.when.value if conf.when else None, _period(conf.first), _period(conf.last)])
    return [s.id, s.title, _opt_day(s.start), _opt_day(s.end), list(s.parties),
            list(s.replaces), duty_rows, [[_deadline(r.deadline), r.origin] for r in rules],
            obligations, conferences, _day(s.until), s.complete,
            [[kind, ident, freq, _period(first)] for kind, ident, freq, first in s.claims],
            _opt_day(s.closed)]


# -- history ----------------------------------------------------------------------------
