"""Checks across values and files: references, identity, dates, succession.

Each check is a small function taking the loaded repository (and today's date) and
returning diagnostics; a new rule is one new function in ``CHECKS``. Shape, syntax and
YAML traps were checked earlier, file by file (:mod:`ppcli.files.spec`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files import shapes
from ppcli.files.declaration import AGREEMENT, END_KINDS
from ppcli.files.model import OTHER_PARTIES, Agreement, DocRef, Duty, Registry
from ppcli.files.record_checks import office_records
from ppcli.files.repository import Loaded
from ppcli.files.spec import did_you_mean, key_name
from ppcli.i18n import Label, day_month
from ppcli.periods import (
    FREQUENCY_LABELS,
    Frequency,
    Period,
    last_day,
    parse_period,
    periods_between,
)

Check = Callable[[Loaded, dt.date], Iterator[Diagnostic]]


def _at(a: Agreement, code: str, *path: str | int, **args: object) -> Diagnostic:
    line, col = a.where.at(*path)
    return diag(a.where.file, line, col, code, **args)


# -- the registry -----------------------------------------------------------------------


def registry_ids(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    reg = loaded.registry
    for oid, index, first_index in reg.duplicates:
        line, col = reg.where.at("organisations", index, "id")
        first_line, _ = reg.where.at("organisations", first_index, "id")
        yield diag(reg.where.file, line, col, "PP054", value=oid,
                   first=Label(f"dòng {first_line}", f"line {first_line}"))


def reserved_ids(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    """PP117: ``cac-ben-khac`` is a word of the format ("the other parties"), not an id."""
    reg = loaded.registry
    if OTHER_PARTIES in reg.orgs:
        line, col = reg.where.at("organisations", reg.places[OTHER_PARTIES], "id")
        yield diag(reg.where.file, line, col, "PP117", key="id")


def registry_references(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    reg = loaded.registry
    for org in reg.orgs.values():
        refs: list[tuple[tuple[str | int, ...], str]] = []
        at = reg.places[org.id]
        if org.parent:
            refs.append((("organisations", at, "parent"), org.parent))
        if org.ended:
            refs += [(("organisations", at, "ended", "successors", j), s)
                     for j, s in enumerate(org.ended.successors)]
            if not org.ended.successors and org.ended.how != "giai-the":
                line, col = reg.where.at("organisations", at, "ended")
                yield diag(reg.where.file, line, col, "PP072", value=org.id,
                           how=END_KINDS[org.ended.how])
        for j, taken in enumerate(org.absorbed):
            if taken.org is None:
                continue
            refs.append((("organisations", at, "absorbed", j, "org"), taken.org))
            other = reg.orgs.get(taken.org)
            if other is not None and other.ended is None:  # its agreements would stay active
                line, col = reg.where.at("organisations", at, "absorbed", j, "org")
                yield diag(reg.where.file, line, col, "PP074", org=taken.org, value=org.id,
                           date=day_month(taken.date))
        for path, ref in refs:
            if ref not in reg.orgs:
                line, col = reg.where.at(*path)
                yield diag(reg.where.file, line, col, "PP050",
                           key=key_name(reg.where.written(path)), value=ref,
                           registry=reg.where.file, hint=did_you_mean(ref, reg.orgs))


def registry_cycles(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    reg = loaded.registry
    reported: set[str] = set()
    for start in reg.orgs.values():
        chain = [start.id]
        org = start
        while org.ended and org.ended.successors:
            nxt = org.ended.successors[0]
            if nxt == start.id:
                if not reported & set(chain):
                    line, col = reg.where.at("organisations", reg.places[start.id], "ended")
                    yield diag(reg.where.file, line, col, "PP071",
                               chain=" → ".join([*chain, nxt]))
                    reported.update(chain)
                break
            if nxt in chain or nxt not in reg.orgs:
                break
            chain.append(nxt)
            org = reg.orgs[nxt]


def config_references(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    if loaded.registry_missing:
        return
    named = [("issuer", loaded.config.issuer)] + [
        (f"signers[{i}].org", s.org) for i, s in enumerate(loaded.config.signers, 1)]
    for key, org in named:
        if org and org not in loaded.registry.orgs:
            yield diag(loaded.repo.shown(loaded.repo.config_file), 1, 1, "PP050", key=key,
                       value=org, registry=loaded.registry.where.file,
                       hint=did_you_mean(org, loaded.registry.orgs))


# -- one agreement ------------------------------------------------------------------------


def file_names(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    for a in loaded.agreements:
        stem = PurePosixPath(a.where.file).stem
        if stem != a.id:
            yield _at(a, "PP055", "id", value=a.id, stem=stem, stem_expected=a.id)


def unique_ids(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    first_file: dict[str, Agreement] = {}
    for a in loaded.agreements:
        if a.id in first_file:
            other = first_file[a.id]
            line, _ = other.where.at("id")
            yield _at(a, "PP054", "id", value=a.id, first=f"{other.where.file}:{line}")
        else:
            first_file[a.id] = a
        for list_name, ids in (("areas", [x.id for x in a.areas]),
                               ("duties", [x.id for x in a.duties]),
                               ("conferences", [x.id for x in a.conferences])):
            seen: dict[str, int] = {}
            for k, item_id in enumerate(ids):
                if item_id in seen:
                    line, _ = a.where.at(list_name, seen[item_id], "id")
                    yield _at(a, "PP054", list_name, k, "id", value=item_id,
                              first=Label(f"dòng {line}", f"line {line}"))
                else:
                    seen[item_id] = k
        parties: set[str] = set()
        for k, p in enumerate(a.parties):
            if p.org in parties:
                yield _at(a, "PP058", "parties", k, "org", value=p.org)
            parties.add(p.org)


def org_references(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    if loaded.registry_missing:
        return  # one error (PP080) says it all
    orgs = loaded.registry.orgs
    for a in loaded.agreements:
        for path, org in AGREEMENT.references(a, "org"):
            if org == OTHER_PARTIES:
                if path[0] != "duties" or path[2] != "to":  # the reserved word: only there
                    yield _at(a, "PP117", *path, key=key_name(a.where.written(path)))
                continue
            if org not in orgs:
                yield _at(a, "PP050", *path, key=key_name(a.where.written(path)), value=org,
                          registry=loaded.registry.where.file, hint=did_you_mean(org, orgs))


def agreement_references(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    known = {a.id for a in loaded.agreements} | loaded.broken_ids
    for a in loaded.agreements:
        for path, ref in doc_refs(a):
            if ref.agreement and ref.agreement not in known:
                yield _at(a, "PP056", *path, "agreement", key=f"{path[0]}.agreement",
                          value=ref.agreement)


def doc_refs(a: Agreement) -> Iterator[tuple[tuple[str | int, ...], DocRef]]:
    """The documents an agreement names that may be tracked agreements, with their paths:
    ``implements``, each of ``replaces`` and each of ``siblings``."""
    if a.implements is not None:
        yield ("implements",), a.implements
    for name, refs in (("replaces", a.replaces), ("siblings", a.siblings)):
        for k, ref in enumerate(refs):
            yield (name, k), ref


def dates(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    for a in loaded.agreements:
        if a.start and a.end and a.end < a.start:
            yield _at(a, "PP060", "period", "end", end=day_month(a.end), start=day_month(a.start))
        if a.signed and a.end and a.signed > a.end:
            yield _at(a, "PP062", "signed", signed=day_month(a.signed), end=day_month(a.end))
        for k, d in enumerate(a.duties):
            if d.first and d.last and d.last < d.first:
                yield _at(a, "PP064", "duties", k, "last", first=d.first.key,
                          last=d.last.key)
            for name, period in (("first", d.first), ("last", d.last)):
                if period and period.frequency is not d.frequency:
                    yield _at(a, "PP053", "duties", k, name, period=period.key,
                              duty=d.id, frequency=FREQUENCY_LABELS[d.frequency.value],
                              reason=_wrong_length(d.frequency))
            if d.deadline and d.deadline.month and d.frequency is not Frequency.YEARLY:
                yield _at(a, "PP028", "duties", k, "deadline", key="deadline",
                          choices="day + month", found=Label(
                              " (tháng cố định chỉ dùng cho báo cáo hằng năm)",
                              " (a fixed month applies to yearly reports only)"))
        for k, c in enumerate(a.conferences):
            if c.planned is not None and _outside(a, c.planned.earliest, c.planned.latest):
                path = ("conferences", k, "planned")
                yield _at(a, "PP065", *path, key=key_name(a.where.written(path)),
                          value=c.planned.text(),
                          span=_span(a))


def _wrong_length(freq: Frequency) -> Label:
    example = {"hang-thang": "2024-05", "hang-quy": "2024-Q3", "nua-nam": "2024-H1",
               "hang-nam": "2024", "mot-lan": "2024"}[freq.value]
    return Label(f"kỳ phải có dạng như {example}", f"the period must look like {example}")


# A review conference (sơ kết, tổng kết, kiểm điểm năm) is normally held in the months
# after the period it reviews, once the year's figures are in: a yearly review in the
# first quarter of the next year, a final review soon after the agreement ends. ppcli
# accepts a conference up to this many months after the agreement's end (a quarter, the
# span the decrees give for a year's figures to be final, e.g. Nghị định 09/2019's
# yearly cut-off on 14/12 plus the first quarter); later than that it is a new agreement's.
REVIEW_GRACE_MONTHS = 3


def review_bound(end: dt.date) -> dt.date:
    """The last day a conference of an agreement ending on ``end`` may be held:
    :data:`REVIEW_GRACE_MONTHS` months later (clamped to the month's last day)."""
    month = end.month - 1 + REVIEW_GRACE_MONTHS
    year, month = end.year + month // 12, month % 12 + 1
    return min(dt.date(year, month, 1) + dt.timedelta(days=end.day - 1),
               last_day(year, month))


def _outside(a: Agreement, earliest: dt.date, latest: dt.date) -> bool:
    return bool((a.end and earliest > review_bound(a.end)) or (a.start and latest < a.start))


def _span(a: Agreement) -> Label:
    """The agreement's span for PP065, with the review bound after its end."""
    start = day_month(a.start) if a.start else "?"
    if a.end is None:
        return Label(f"{start} –", f"{start} –")
    bound = day_month(review_bound(a.end))
    return Label(f"{start} – {day_month(a.end)}; hội nghị sơ kết, tổng kết được họp đến "
                 f"{bound}, {REVIEW_GRACE_MONTHS} tháng sau khi kết thúc",
                 f"{start} – {day_month(a.end)}; a review conference may be held until "
                 f"{bound}, {REVIEW_GRACE_MONTHS} months after it ends")


def records(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    for a in loaded.agreements:
        broken = loaded.broken_items.get(a.id, set())
        seen: dict[tuple[str, str, str | None, str | None], int] = {}
        spans: dict[str, _Span] = {}  # each duty's reporting span, worked out once
        for k, r in enumerate(a.records):
            path = ("records", k)
            if r.date > today:
                yield _at(a, "PP061", *path, "date", key="date", value=day_month(r.date),
                          today=day_month(today))
            elif a.start and r.date < a.start:
                yield _at(a, "PP063", *path, "date", key="date", value=day_month(r.date),
                          start=day_month(a.start))
            if r.kind == "report":
                duty = a.duty(r.item)
                if duty is None:
                    if ("duties", r.item) not in broken:
                        yield _at(a, "PP051", *path, "report", value=r.item,
                                  hint=did_you_mean(r.item, [d.id for d in a.duties]))
                    continue
                span = spans.get(duty.id)
                if span is None:
                    span = spans[duty.id] = _reporting_span(a, duty)
                yield from _record_period(a, duty, span, r.period, path)
                if r.by is None and len(duty.reporters) > 1:  # counts for nobody (due.md)
                    yield _at(a, "PP090", *path, "report", item=duty.id,
                              reporters=", ".join(duty.reporters))
                if r.by and reporter_of_record(loaded.registry, duty, r.by, r.date) is None:
                    yield _at(a, "PP059", *path, "by", key="by", value=r.by,
                              what=Label("bên báo cáo của nghĩa vụ này (hay đơn vị kế thừa "
                                         "của bên đó vào ngày của bản ghi)",
                                         "a reporter of this duty (or its successor on the "
                                         "record's date)"))
                elif r.by and loaded.registry.ended_by(r.by, r.date):
                    yield _ended_sender(a, loaded.registry, r.by, r.date, path)
            elif r.kind != "conference":
                continue  # extensions and reminders: ppcli.files.record_checks
            else:
                conf = a.conference(r.item)
                if conf is None:
                    if ("conferences", r.item) not in broken:
                        yield _at(a, "PP052", *path, "conference", value=r.item,
                                  hint=did_you_mean(r.item, [c.id for c in a.conferences]))
                    continue
                if _outside(a, r.date, r.date):
                    yield _at(a, "PP065", *path, "date", key="date", value=day_month(r.date),
                              span=_span(a))
                yield from shapes.conference_record(a, conf, r, path)
            dup_key = (r.kind, r.item, r.period, r.by)
            if dup_key in seen:
                line, _ = a.where.at("records", seen[dup_key])
                what = (Label("việc gửi báo cáo", "the report") if r.kind == "report"
                        else Label("việc tổ chức hội nghị", "the conference"))
                yield _at(a, "PP057", *path, what=what, item=r.item, period=r.period or "-",
                          first_line=line)
            else:
                seen[dup_key] = k


def reporter_of_record(registry: Registry, duty: Duty, by: str, day: dt.date) -> str | None:
    """The reporter of ``duty`` a report sent by ``by`` on ``day`` counts for: ``by``
    itself when it is one, else the reporter it acts for on that day (a successor)."""
    if by in duty.reporters:
        return by
    return next((o for o in duty.reporters if registry.acts_for(by, o, day)), None)


def _ended_sender(a: Agreement, registry: Registry, by: str, day: dt.date,
                  path: tuple[str | int, ...]) -> Diagnostic:
    """PP073: a record names as its sender a body that had ended by the record's date."""
    org = registry.orgs[by]
    assert org.ended is not None
    acting = ", ".join(f"{registry.name(o)} ({o})" for o in registry.acting_for(by, day)) or "—"
    return _at(a, "PP073", *path, "by", key="by", org=f"{org.name} ({by})",
               how=END_KINDS[org.ended.how], ended=day_month(org.ended.date),
               date=day_month(day), acting=acting)


# a duty's first and last period to report (None: open on that side)
_Span = tuple[Period | None, Period | None]


def _reporting_span(a: Agreement, duty: Duty) -> _Span:
    if duty.frequency is Frequency.ONCE:
        return None, None  # not used: a one-time report has no period
    first = duty.first or (next(periods_between(duty.frequency, a.start, a.start))
                           if a.start else None)
    last = duty.last or (next(periods_between(duty.frequency, a.end, a.end))
                         if a.end else None)
    return first, last


def _record_period(a: Agreement, duty: Duty, span: _Span, key: str | None,
                   path: tuple[str | int, ...]) -> Iterator[Diagnostic]:
    if duty.frequency is Frequency.ONCE:
        return
    label = FREQUENCY_LABELS[duty.frequency.value]
    if key is None:
        yield _at(a, "PP021", *path, key="period",
                  what=Label("kỳ báo cáo", "the reporting period"))
        return
    period = parse_period(key)
    assert period is not None  # checked by the spec
    if period.frequency is not duty.frequency:
        yield _at(a, "PP053", *path, "period", period=key, duty=duty.id, frequency=label,
                  reason=_wrong_length(duty.frequency))
        return
    first, last = span
    if (first and period < first) or (last and period > last):
        span_text = f"{first.key if first else '…'} – {last.key if last else '…'}"
        yield _at(a, "PP053", *path, "period", period=key, duty=duty.id, frequency=label,
                  reason=Label(f"kỳ nằm ngoài thời gian phải báo cáo ({span_text})",
                               f"the period is outside the reporting span ({span_text})"))


# -- organisations that no longer exist ---------------------------------------------------


def defunct_parties(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    """PP070: a duty or conference that falls after one of its bodies ended. Not for an
    agreement replaced before the change (the replacement owes those periods), nor for
    periods and conferences already recorded."""
    reg = loaded.registry
    replacements: dict[str, Agreement] = {}
    for other in loaded.agreements:
        for replaced in other.replaced_ids:
            replacements.setdefault(replaced, other)
    for a in loaded.agreements:
        successor = replacements.get(a.id)
        # periods ending on or after the replacement's start belong to the replacement
        cut = successor.start if successor is not None else None
        for k, d in enumerate(a.duties):
            last_day = (d.last.end if d.last else a.end)
            if cut is not None and (last_day is None or cut <= last_day):
                last_day = cut - dt.timedelta(days=1)
            for field_name, orgs in (("from", d.reporters), ("to", d.recipients)):
                for j, oid in enumerate(orgs):
                    org = reg.orgs.get(oid)
                    if org is None or org.ended is None:
                        continue
                    if last_day is not None and last_day < org.ended.date:
                        continue
                    if _all_recorded_after(a, d, org.ended.date, last_day):
                        continue
                    until = (d.last.key if d.last and last_day == d.last.end
                             else str(last_day.year) if last_day else None)
                    yield _defunct(a, reg, oid, ("duties", k, field_name, j),
                                   Label(f"Nghĩa vụ báo cáo \"{d.id}\"",
                                         f"Reporting duty \"{d.id}\""),
                                   Label(f"các kỳ đến {until}" if until else "không thời hạn",
                                         f"periods up to {until}" if until else "open-ended"),
                                   successor)
        for k, c in enumerate(a.conferences):
            if c.planned is None:
                continue  # a recurring meeting: its periods move to the successors
            if cut is not None and c.planned.latest >= cut:
                continue  # the replacement plans its own conferences
            for j, oid in enumerate(c.hosts):
                org = reg.orgs.get(oid)
                if org is None or org.ended is None or c.planned.latest < org.ended.date:
                    continue
                if any(r.kind == "conference" and r.item == c.id for r in a.records):
                    continue  # already held: nothing left to do under the old body
                yield _defunct(a, reg, oid, ("conferences", k, "host", j),
                               Label(f"Hội nghị \"{c.id}\"", f"Conference \"{c.id}\""),
                               Label(f"dự kiến {c.planned.text()}",
                                     f"planned {c.planned.text()}"), successor)


def _all_recorded_after(a: Agreement, d: Duty, ended: dt.date, last: dt.date | None) -> bool:
    """Every period of ``d`` that ends on or after ``ended`` (up to ``last``) is already
    recorded as sent: the change of body no longer matters to this duty."""
    sent = {r.period for r in a.records if r.kind == "report" and r.item == d.id}
    if d.frequency is Frequency.ONCE:
        return bool(sent)
    start = d.first.start if d.first else a.start
    if last is None or start is None:
        return False  # open-ended: periods keep coming
    return all(p.key in sent for p in periods_between(d.frequency, start, last)
               if p.end >= ended)


def succession_chain(reg: Registry, oid: str) -> Label:
    """Every step from ``oid`` to the bodies that exist now: "B (b) → C (c) (sáp nhập từ
    01/07/2025)"; the first step's date and kind are said by the caller."""
    steps_vi: list[str] = []
    steps_en: list[str] = []
    seen = {oid}
    ended = reg.orgs[oid].ended
    frontier = list(ended.successors) if ended is not None else []
    first = True
    while frontier:
        names = ", ".join(f"{reg.name(s)} ({s})" for s in frontier)
        if first:
            steps_vi.append(names)
            steps_en.append(names)
        nxt: list[str] = []
        ends: list[tuple[str, str]] = []
        for s in frontier:
            seen.add(s)
            org = reg.orgs.get(s)
            if org is None or org.ended is None:
                continue
            how = END_KINDS[org.ended.how]
            ends.append((f"{how.vi} từ {day_month(org.ended.date)}",
                         f"{how.en} on {org.ended.date.isoformat()}"))
            nxt += [x for x in org.ended.successors if x not in seen and x not in nxt]
        if nxt:
            names = ", ".join(f"{reg.name(s)} ({s})" for s in nxt)
            steps_vi.append(f"{names} ({'; '.join(e[0] for e in ends)})")
            steps_en.append(f"{names} ({'; '.join(e[1] for e in ends)})")
        frontier = nxt
        first = False
    return Label(" → ".join(steps_vi) or "—", " → ".join(steps_en) or "—")


def _defunct(a: Agreement, reg: Registry, oid: str, path: tuple[str | int, ...],
             item: Label, what: Label, replacement: Agreement | None) -> Diagnostic:
    org = reg.orgs[oid]
    assert org.ended is not None
    if replacement is not None:
        since = (f" từ {day_month(replacement.start)}" if replacement.start else "")
        since_en = (f" from {replacement.start.isoformat()}" if replacement.start else "")
        advice = Label(
            f"Thỏa thuận \"{replacement.id}\" thay thế thỏa thuận này{since}; các kỳ trước đó "
            "do đơn vị kế thừa thực hiện, hãy ghi nhận theo thỏa thuận này",
            f"Agreement \"{replacement.id}\" replaces this one{since_en}; the periods before "
            "that fall to the successor, record them under this agreement")
    else:
        advice = Label("Hãy cập nhật thỏa thuận (ghi bên kế thừa) hoặc ký thỏa thuận mới",
                       "Update the agreement (name the successor) or sign a new one")
    return _at(a, "PP070", *path, item=item, org=f"{org.name} ({oid})",
               how=END_KINDS[org.ended.how], date=day_month(org.ended.date), what=what,
               successors=succession_chain(reg, oid), advice=advice)


def new_shapes(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    """PP110–PP113, PP116, PP118, PP119 (see :mod:`ppcli.files.shapes`)."""
    for a in loaded.agreements:
        yield from shapes.check_shapes(a)


def no_start(loaded: Loaded, today: dt.date) -> Iterator[Diagnostic]:
    """PP066: an agreement with no start, no signing date and no term gives its periodic
    duties no first period, so they produce no period at all (``due`` stays silent)."""
    for a in loaded.agreements:
        if a.start is not None:
            continue
        silent = [d.id for d in a.duties
                  if d.frequency is not Frequency.ONCE and d.first is None]
        if silent:
            yield _at(a, "PP066", "period", duties=", ".join(silent))


CHECKS: tuple[Check, ...] = (
    registry_ids,
    reserved_ids,
    registry_references,
    registry_cycles,
    config_references,
    file_names,
    unique_ids,
    org_references,
    agreement_references,
    dates,
    records,
    defunct_parties,
    no_start,
    office_records,
    new_shapes,
)


def run_checks(loaded: Loaded, today: dt.date) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in CHECKS:
        out.extend(check(loaded, today))
    return out


def validate(loaded: Loaded, today: dt.date, files: list[str] | None = None) -> list[Diagnostic]:
    """Every problem in the repository, sorted; only those in ``files`` (paths as shown,
    relative to the repository) when given. Cross-file checks always see every file."""
    diags = loaded.diags + run_checks(loaded, today)
    if files is not None:
        wanted = set(files)
        diags = [d for d in diags if d.path in wanted]
    return sorted(diags, key=lambda d: d.sort_key())
