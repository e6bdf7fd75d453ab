"""Where the periods at the seam of a replacement go (issue 17, item 4).

The rule (:func:`ppcli.engine.schedule.moves`): a period stays with the agreement in force
on the period's last day, unless the new one says otherwise. Only the boundary period —
the one holding the new agreement's start — can go either way; this module says, for
each periodic duty and recurring meeting of the old agreement, which way it went and why,
so that ``show`` of both agreements can say it. Pure: no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ppcli.engine.schedule import Claim, claims_of, moves
from ppcli.files.model import Agreement
from ppcli.periods import Frequency, Period, containing


@dataclass(frozen=True)
class Boundary:
    """One boundary period of the old agreement's duty (``kind`` "report") or recurring
    meeting ("conference") ``item``: whether it went to ``new`` and, if so, under which of
    the new one's duties or meetings (``taken_by``)."""

    old: str
    new: str
    kind: str
    item: str
    period: Period
    moved: bool
    taken_by: str | None  # the new one's duty or meeting that owes it (or would)
    new_start: str  # ISO date: the new agreement's start
    taker_first: Period | None = None  # the ``first:`` of ``taken_by``, when written


def boundaries(old: Agreement, new: Agreement) -> list[Boundary]:
    """The boundary periods between ``old`` and ``new`` (which replaces it), in the old
    agreement's order of duties then meetings. None when the new one has no start, or
    starts on a period's first day (then no period straddles the seam)."""
    cutoff = new.start
    if cutoff is None:
        return []
    claims = claims_of(new)
    items: list[tuple[str, str, Frequency, Period | None, Period | None]] = [
        ("report", d.id, d.frequency, d.first, d.last) for d in old.duties
        if d.frequency is not Frequency.ONCE]
    items += [("conference", c.id, c.frequency, c.first, c.last) for c in old.conferences
              if c.frequency is not None]
    out: list[Boundary] = []
    for kind, item, freq, first, last in items:
        period = containing(freq, cutoff)
        if period.start == cutoff:
            continue  # the seam falls between two periods
        if (first and period < first) or (last and period > last) \
                or (old.start and period.end < old.start) \
                or (old.end and period.start > old.end):
            continue  # the old agreement never owed it
        went = moves(period, kind, item, cutoff, claims)
        taker = _taker(claims, kind, item, period)
        out.append(Boundary(old.id, new.id, kind, item, period, went,
                            taker[1] if taker else None, cutoff.isoformat(),
                            taker[3] if taker else None))
    return out


def _taker(claims: tuple[Claim, ...], kind: str, item: str, period: Period) -> Claim | None:
    """The new agreement's duty (or meeting) that matches: same id, else the first of the
    same frequency (as :func:`ppcli.engine.schedule.moves` matches them)."""
    same = [c for c in claims if c[0] == kind and c[2] == period.frequency.value]
    match = [c for c in same if c[1] == item] or same[:1]
    return match[0] if match else None
