"""Frozen values past the loader: organisations, agreements, duties, records.

Built by the loader (:func:`ppcli.files.spec.load`) with keyword arguments as it checks each
value; where each value was written is kept beside them, in a file's :class:`Where`, so
that later checks can point at the right line.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ppcli.periods import Frequency, Period, last_day

if TYPE_CHECKING:
    import yaml

    from ppcli.files.scalars import Context

Pos = tuple[int, int]
Path = tuple[str | int, ...]


# -- the enumerated words of the format (values: the YAML words; labels: ppcli.files.declaration) --


class AgreementKind(StrEnum):
    QUY_CHE = "quy-che"
    CHUONG_TRINH = "chuong-trinh"
    KE_HOACH = "ke-hoach"
    KHAC = "khac"


class OrgKind(StrEnum):
    UBND = "ubnd"
    HDND = "hdnd"
    SO = "so"
    BO = "bo"
    DANG = "dang"
    MTTQ = "mttq"
    DOAN_THE = "doan-the"
    QUOC_HOI = "quoc-hoi"
    TU_PHAP = "tu-phap"
    NHOM = "nhom"
    KHAC = "khac"
    DOAN_TNCS = "doan-tncs"  # the Đoàn TNCS Hồ Chí Minh: its own document layout


class EndKind(StrEnum):
    DOI_TEN = "doi-ten"
    SAP_NHAP = "sap-nhap"
    HOP_NHAT = "hop-nhat"
    CHIA_TACH = "chia-tach"
    GIAI_THE = "giai-the"


class ConferenceKind(StrEnum):
    SO_KET = "so-ket"
    TONG_KET = "tong-ket"
    DANH_GIA_NAM = "danh-gia-nam"
    KHAC = "khac"


class RecordKind(StrEnum):
    REPORT = "report"
    CONFERENCE = "conference"


class Regime(StrEnum):
    ND09 = "nd09"


class Where:
    """A file, and where each value of it was written: the side map of positions that
    diagnostics point at, filled by the loader in the same pass that checks and builds
    the model (:func:`ppcli.files.spec.load`); the text is neither kept nor read again.

    The map is a tree laid out in one array of 4-byte ints (``marks``) rather than a dict
    of paths (twenty times the memory). Every mapping or list read is a *container*:
    ``[its position, its code, one slot per key or item...]``. A mapping's code is its
    layout (the declaration's order of keys, :meth:`ppcli.files.spec.Obj.slots`) and a
    list's is its length. A slot is 0 (not written), the packed line and column of a value
    (line << 12 | column; past line 524,287 or column 4,095, 1 and the pair kept aside), or,
    for a value that is itself a container, minus its offset.

    Paths given to :meth:`at` are the model's (``("records", 3, "date")``: the fourth
    record of ``Agreement.records``); they differ from the written ones only where the
    loader dropped items that failed their checks, which :meth:`written` accounts for.
    The container at offset 0 is the file's top level."""

    __slots__ = ("file", "marks", "_layouts", "_kept", "_wide", "_layout_ids")

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks = array("i")
        self._wide: dict[int, Pos] = {}  # slot -> a position too large to pack
        self._layouts: list[Mapping[str, int]] = []
        # written path of a list -> the written index of each item kept in the model,
        # only for lists some of whose items were dropped
        self._kept: dict[Path, tuple[int, ...]] = {}
        self._layout_ids: dict[int, int] = {}  # while loading: id() of a layout -> its number

    def __repr__(self) -> str:
        return f"Where({self.file!r})"

    def __eq__(self, other: object) -> bool:  # where a value was read is not part of it
        return isinstance(other, Where) and other.file == self.file

    def __hash__(self) -> int:
        return hash(self.file)

    def __getstate__(self) -> tuple[str, array[int], list[Mapping[str, int]],
                                    dict[Path, tuple[int, ...]], dict[int, Pos]]:
        return self.file, self.marks, self._layouts, self._kept, self._wide

    def __setstate__(self, state: tuple[str, array[int], list[Mapping[str, int]],
                                        dict[Path, tuple[int, ...]], dict[int, Pos]]
                     ) -> None:
        self.file, self.marks, self._layouts, self._kept, self._wide = state
        self._layout_ids = {}

    # -- filled by the loader ----------------------------------------------------------

    def open_map(self, node: yaml.MappingNode, layout: Mapping[str, int],
                 ctx: Context) -> int:
        """A container for a mapping with ``layout``'s keys, linked from the slot
        ``ctx.link``; the offset of its first key's slot."""
        number = self._layout_ids.get(id(layout))
        if number is None:
            number = self._layout_ids[id(layout)] = len(self._layouts)
            self._layouts.append(layout)
        marks = self.marks  # _open, written out: once per mapping of every file
        offset = len(marks)
        if ctx.link >= 0:
            marks[ctx.link] = -offset
            ctx.link = -1
        marks.append(0)
        self.note(offset, node)
        marks.append(number << 1 | 1)
        size = len(layout)
        marks.extend(_ZEROS[:size] if size <= len(_ZEROS) else array("i", bytes(4 * size)))
        return offset + 2

    def open_list(self, node: yaml.SequenceNode, ctx: Context) -> int:
        """A container for a list, linked from the slot ``ctx.link``; the offset of its
        first item's slot."""
        return self._open(node, len(node.value) << 1, len(node.value), ctx)

    def _open(self, node: yaml.Node, code: int, size: int, ctx: Context) -> int:
        marks = self.marks
        offset = len(marks)
        if ctx.link >= 0:
            marks[ctx.link] = -offset
            ctx.link = -1
        marks.append(0)
        self.note(offset, node)
        marks.append(code)
        marks.extend(_ZEROS[:size] if size <= len(_ZEROS) else array("i", bytes(4 * size)))
        return offset + 2

    def note(self, slot: int, node: yaml.Node) -> None:
        """Where the value of ``slot`` (a key's or an item's) was written."""
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        if line < LINE_LIMIT and column < COLUMN_LIMIT:
            self.marks[slot] = line << 12 | column
        else:  # a very long file or line: kept aside
            self.marks[slot] = _WIDE
            self._wide[slot] = (line, column)

    def renumber(self, path: Path, kept: list[int]) -> None:
        """The list at the written ``path`` keeps only these items (by written index)."""
        self._kept[path] = tuple(kept)

    # -- read by the checks --------------------------------------------------------------

    def written(self, path: Path) -> Path:
        """The path as written for a path in the model."""
        if not self._kept:
            return path
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                kept = self._kept.get(tuple(out))
                if kept is not None and part < len(kept):
                    part = kept[part]
            out.append(part)
        return tuple(out)

    def at(self, *path: str | int) -> Pos:
        """Where the value at ``path`` (a path in the model) was written, else its nearest
        written ancestor; (1, 1) when nothing of the file was read."""
        marks = self.marks
        if not marks:
            return (1, 1)
        offset = found = 0
        for part in self.written(path):
            code = marks[offset + 1]
            if code & 1:
                slot = self._layouts[code >> 1].get(part) if isinstance(part, str) else None
            else:
                slot = part if isinstance(part, int) and part < code >> 1 else None
            if slot is None or marks[offset + 2 + slot] == 0:
                break
            child = marks[offset + 2 + slot]
            if child > 0:  # a scalar: nothing below it
                found = offset + 2 + slot
                break
            offset = found = -child
        packed = marks[found]
        if packed == _WIDE:
            return self._wide[found]
        return packed >> 12, packed & 0xFFF


_ZEROS = array("i", bytes(4 * 32))
# what a slot holds: line << 12 | column, below 2**31 (the loader packs it inline)
LINE_LIMIT, COLUMN_LIMIT = 1 << 19, 1 << 12
_WIDE = 1  # the position is in ``_wide`` (a packed one is at least 1 << 12 | 1)


# -- organisations --------------------------------------------------------------------


@dataclass(frozen=True)
class End:
    date: dt.date
    how: EndKind
    successors: tuple[str, ...] = ()
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: OrgKind
    short: str = ""
    province: str = ""
    parent: str | None = None
    code: str = ""
    since: dt.date | None = None
    ended: End | None = None
    note: str = ""


@dataclass(frozen=True)
class Registry:
    orgs: Mapping[str, Organisation]
    where: Where
    # (id, place of the repeated entry, place of the first) in the list as loaded (see
    # ``Where.at``): the first one is kept
    duplicates: tuple[tuple[str, int, int], ...] = ()
    # each organisation's place in the list as loaded (its path: ("organisations", n))
    places: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, where: Where, organisations: tuple[Organisation, ...] = ()) -> Registry:
        """The registry of a list of organisations: a repeated id keeps the first."""
        orgs: dict[str, Organisation] = {}
        places: dict[str, int] = {}
        duplicates: list[tuple[str, int, int]] = []
        for n, org in enumerate(organisations):
            if org.id in orgs:
                duplicates.append((org.id, n, places[org.id]))
            else:
                orgs[org.id] = org
                places[org.id] = n
        return cls(orgs, where, tuple(duplicates), places)

    def name(self, org_id: str, short: bool = False) -> str:
        org = self.orgs.get(org_id)
        if org is None:
            return org_id
        return (org.short or org.name) if short else org.name

    def successors_on(self, org_id: str, day: dt.date) -> tuple[str, ...]:
        """The organisations that carry ``org_id``'s duties on ``day`` (itself if it
        still exists), following chains of mergers. Cycles are cut (and reported by the
        registry check)."""
        out: list[str] = []
        seen: set[str] = set()

        def walk(oid: str) -> None:
            if oid in seen:
                return
            seen.add(oid)
            org = self.orgs.get(oid)
            if org is None or org.ended is None or day < org.ended.date:
                if oid not in out:
                    out.append(oid)
                return
            for nxt in org.ended.successors:
                walk(nxt)

        walk(org_id)
        return tuple(out)


# -- agreements -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    position: str = ""
    authority: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    org: str
    role: str = ""
    signer: Signer | None = None


@dataclass(frozen=True)
class DocRef:
    agreement: str | None = None
    kind: str = ""
    number: str = ""
    date: dt.date | None = None
    title: str = ""
    issuer: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    title: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Deadline:
    """One of: a day (of the period's last month, or with ``month`` of the period's
    year), N calendar days or N working days after the period, an exact date, or a
    named regime."""

    day: int | None = None
    month: int | None = None
    days_after: int | None = None
    working_days_after: int | None = None
    date: dt.date | None = None
    regime: Regime | None = None


@dataclass(frozen=True, slots=True)
class Duty:
    id: str
    reporters: tuple[str, ...]
    recipients: tuple[str, ...]
    frequency: Frequency
    title: str = ""
    deadline: Deadline | None = None
    subject: str = ""  # the report's summary line (trích yếu), without the period
    first: Period | None = None
    last: Period | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Planned:
    """A conference's planned time: a year, a month or an exact day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def exact(self) -> bool:
        return self.day is not None

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The day it falls due: the day itself, or the end of the month or year."""
        if self.day is not None:
            return self.earliest
        return last_day(self.year, self.month or 12)

    @property
    def key(self) -> str:
        if self.day is not None:
            return self.earliest.isoformat()
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    def text(self) -> str:
        if self.day is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)


@dataclass(frozen=True, slots=True)
class Conference:
    id: str
    kind: ConferenceKind
    planned: Planned
    hosts: tuple[str, ...]
    title: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)  # tens per file: without a __dict__ each is half
class Record:
    kind: RecordKind
    item: str  # duty or conference id
    date: dt.date
    period: str | None = None
    number: str = ""
    by: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Agreement:
    id: str
    kind: AgreementKind
    title: str
    parties: tuple[Party, ...]
    where: Where
    number: str = ""
    signed: dt.date | None = None
    place: str = ""
    start: dt.date | None = None  # effective start (see ``effective_span``)
    end: dt.date | None = None  # None: open-ended
    term: str = ""
    legal_basis: tuple[str, ...] = ()
    implements: DocRef | None = None
    replaces: DocRef | None = None
    areas: tuple[Area, ...] = ()
    funding: tuple[str, ...] = ()
    duties: tuple[Duty, ...] = ()
    conferences: tuple[Conference, ...] = ()
    records: tuple[Record, ...] = ()
    source: str = ""
    notes: str = ""

    def duty(self, duty_id: str) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)

    def conference(self, conf_id: str) -> Conference | None:
        return next((c for c in self.conferences if c.id == conf_id), None)

    def party_ids(self) -> tuple[str, ...]:
        return tuple(p.org for p in self.parties)


@dataclass(frozen=True)
class IssuerSigner:
    """Who signs the repository's reports for one issuing body (ppcli.yaml ``signers``)."""

    org: str
    authority: str = ""  # "KT. GIÁM ĐỐC", "TM. BAN THƯỜNG VỤ"; empty: the head signs
    position: str = ""  # the signer's own title: "PHÓ GIÁM ĐỐC"
    name: str = ""
    unit: str = ""  # the drafting unit's abbreviation ("VP"): "Lưu: VT, VP."


@dataclass(frozen=True)
class Config:
    place: str = ""
    issuer: str | None = None
    default_deadline: Deadline | None = None
    days_off: tuple[tuple[dt.date, str], ...] = ()
    working_days: tuple[tuple[dt.date, str], ...] = ()
    signers: tuple[IssuerSigner, ...] = ()

    def signer(self, org: str) -> IssuerSigner | None:
        return next((s for s in self.signers if s.org == org), None)


# -- values the declaration builds with ---------------------------------------------


def parse_planned(value: dt.date | str) -> Planned:
    if isinstance(value, dt.date):
        return Planned(value.year, value.month, value.day)
    parts = value.split("-")
    return Planned(int(parts[0]), int(parts[1]) if len(parts) > 1 else None)


def term_years(term: str) -> tuple[int, int] | None:
    """``2021-2026`` or ``2021 - 2026`` -> (2021, 2026)."""
    parts = [p.strip() for p in term.replace("–", "-").split("-")]
    if len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def effective_span(start: dt.date | None, end: dt.date | None, term: str,
                   signed: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Start and end as ppcli uses them. Start: the stated start, else the signing
    date, else 1 January of the term's first year. End: the stated end, else
    31 December of the term's last year, else open-ended (documented in format.md)."""
    years = term_years(term)
    return (start or signed or (dt.date(years[0], 1, 1) if years else None),
            end or (dt.date(years[1], 12, 31) if years else None))
