"""Frozen values past the loader: organisations, agreements, duties, records.

Built by the loader (:func:`ppcli.files.spec.load`) with keyword arguments as it checks each
value; where each value was written is kept beside them, in a file's :class:`Where`, so
that later checks can point at the right line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ppcli.files.positions import Where as Where  # the model's objects are given theirs
from ppcli.periods import Frequency, Period, last_day

Pos = tuple[int, int]
Path = tuple[str | int, ...]


# -- the enumerated words of the format (values: the YAML words; labels: ppcli.files.declaration) --


class AgreementKind(StrEnum):
    QUY_CHE = "quy-che"
    CHUONG_TRINH = "chuong-trinh"
    KE_HOACH = "ke-hoach"
    KHAC = "khac"
    LIEN_TICH = "lien-tich"  # chương trình / nghị quyết liên tịch


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
    CONG_AN = "cong-an"
    NGAN_HANG = "ngan-hang"
    TOA_AN = "toa-an"
    VIEN_KIEM_SAT = "vien-kiem-sat"


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
    KIEM_DIEM = "kiem-diem"
    GIAO_BAN = "giao-ban"
    LIEN_TICH = "lien-tich"


class MeetingTime(StrEnum):
    """When a recurring conference is held, relative to its period (``when:``)."""

    END = "cuoi-ky"  # within the period, due by its last day
    START = "dau-ky"  # in the period's first month (reviews the previous period)
    AFTER = "sau-ky"  # in the month after the period (reviews the period)


class DutyKind(StrEnum):
    REPORT = "bao-cao"
    PLAN = "ke-hoach"  # a plan (KẾ HOẠCH), owed before or at the start of its period


# The reserved recipient "the other parties": for each reporter, every signing party of the
# agreement other than itself. No organisation may have this id.
OTHER_PARTIES = "cac-ben-khac"


class RecordKind(StrEnum):
    REPORT = "report"
    CONFERENCE = "conference"
    EXTENSION = "extension"  # a period's deadline moved (gia hạn), for that period only
    REMINDER = "reminder"  # an urging (đôn đốc) about a period still owed


class ReminderKind(StrEnum):
    """How hard a party was urged (đôn đốc): the words of a record's ``reminder_kind``."""

    NHAC_NHO = "nhac-nho"
    PHE_BINH = "phe-binh"
    KIEM_DIEM = "kiem-diem"


class Regime(StrEnum):
    ND09 = "nd09"


# -- organisations --------------------------------------------------------------------


@dataclass(frozen=True)
class End:
    date: dt.date
    how: EndKind
    successors: tuple[str, ...] = ()
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Absorption:
    """A body this organisation took in while keeping its own name (``absorbed:``)."""

    date: dt.date
    org: str | None = None  # the absorbed body's id, when it is in the registry
    name: str = ""
    basis: str = ""


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
    absorbed: tuple[Absorption, ...] = ()
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

    def is_group(self, org_id: str) -> bool:
        """Whether ``org_id`` is a group of bodies ("Các sở, ban, ngành tỉnh …"): a common
        noun, with no signer of its own (a draft is issued by one of its bodies)."""
        org = self.orgs.get(org_id)
        return org is not None and org.kind == OrgKind.NHOM

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

    def acting_for(self, org_id: str, day: dt.date) -> tuple[str, ...]:
        """Who acts for ``org_id`` on ``day``: itself while it exists, else the bodies
        that took over its duties (:meth:`successors_on`); none when it was dissolved
        without successor. The one answer every command uses (``due``, ``record --by``,
        ``render --as``, the agreements' statuses)."""
        return self.successors_on(org_id, day)

    def acts_for(self, actor: str, org_id: str, day: dt.date) -> bool:
        """Whether ``actor`` acts for ``org_id`` on ``day``: it is that body (still in
        existence then) or one of the successors in force then."""
        return actor in self.successors_on(org_id, day)

    def ended_by(self, org_id: str, day: dt.date) -> bool:
        """Whether ``org_id`` had ended (merged, renamed, dissolved…) on or before ``day``."""
        org = self.orgs.get(org_id)
        return org is not None and org.ended is not None and org.ended.date <= day


# -- agreements -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    name: str = ""  # a signer needs a name or a position (checked: PP110)
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
    year), N calendar days or N working days after the period, N calendar days before
    it, an exact date, or a named regime."""

    day: int | None = None
    month: int | None = None
    days_after: int | None = None
    working_days_after: int | None = None
    date: dt.date | None = None
    regime: Regime | None = None
    days_before: int | None = None  # N calendar days before the period's first day
    # not a key of the format: ppcli's own assumed deadline of a plan, this day of the
    # period's first month (ppcli.engine.schedule.PLAN_DEFAULT)
    start_day: int | None = None


@dataclass(frozen=True, slots=True)
class Cutoff:
    """The data cut-off (thời gian chốt số liệu): the window ends on ``day`` of the
    period's last month (with ``month``: that day and month of the period's year) and
    starts the day after the previous period's cut-off."""

    day: int
    month: int | None = None


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
    kind: DutyKind = DutyKind.REPORT

    def recipients_for(self, reporter: str, parties: tuple[str, ...]) -> tuple[str, ...]:
        """The recipients of ``reporter``'s report: ``cac-ben-khac`` stands for every
        signing party (``parties``) other than the reporter, in the agreement's order;
        a body named twice is named once."""
        if OTHER_PARTIES not in self.recipients:
            return self.recipients
        out: list[str] = []
        for oid in self.recipients:
            for one in ([p for p in parties if p != reporter] if oid == OTHER_PARTIES
                        else [oid]):
                if one not in out:
                    out.append(one)
        return tuple(out)
    # the regime's fields (Nghị định 09/2019, Điều 7): what the report holds, how it is
    # sent, its data cut-off, and the files of its outline and data form
    content: str = ""
    method: str = ""
    cutoff: Cutoff | None = None
    outline: str = ""
    data_form: str = ""


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
    """A one-time conference (``planned``) or a recurring one (``frequency``, held once per
    period as ``when`` says, from ``first`` to ``last``)."""

    id: str
    kind: ConferenceKind
    hosts: tuple[str, ...]
    planned: Planned | None = None  # None: a recurring conference
    title: str = ""
    note: str = ""
    frequency: Frequency | None = None
    when: MeetingTime | None = None  # None: cuoi-ky
    first: Period | None = None
    last: Period | None = None

    @property
    def recurring(self) -> bool:
        return self.frequency is not None


@dataclass(frozen=True, slots=True)  # tens per file: without a __dict__ each is half
class Record:
    kind: RecordKind
    item: str  # duty or conference id
    date: dt.date
    period: str | None = None
    number: str = ""
    by: str | None = None  # report: who sent; extension, reminder: who granted or urged
    note: str = ""
    until: dt.date | None = None  # extension: the period's new deadline
    reminder_kind: ReminderKind | None = None  # reminder: nhac-nho, phe-binh, kiem-diem
    to: str | None = None  # reminder: the party urged


@dataclass(frozen=True)
class IssuedBy:
    """The decision that issues the text ("ban hành kèm theo Quyết định số …")."""

    date: dt.date
    kind: str = "Quyết định"
    number: str = ""
    issuer: str | None = None  # org id
    effective: dt.date | None = None
    effective_after_days: int | None = None  # in force N days after ``date``

    @property
    def in_force(self) -> dt.date | None:
        """The day it takes effect, when the decision says so."""
        if self.effective is not None:
            return self.effective
        if self.effective_after_days is not None:
            return self.date + dt.timedelta(days=self.effective_after_days)
        return None


@dataclass(frozen=True, slots=True)
class Closed:
    """An agreement finished and no longer followed (``closed:``)."""

    date: dt.date
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
    replaces: tuple[DocRef, ...] = ()
    areas: tuple[Area, ...] = ()
    funding: tuple[str, ...] = ()
    duties: tuple[Duty, ...] = ()
    conferences: tuple[Conference, ...] = ()
    records: tuple[Record, ...] = ()
    source: str = ""
    notes: str = ""
    issued_by: IssuedBy | None = None
    siblings: tuple[DocRef, ...] = ()
    closed: Closed | None = None

    @property
    def replaced_ids(self) -> tuple[str, ...]:
        """The ids of the tracked agreements this one replaces, in the order written."""
        return tuple(r.agreement for r in self.replaces if r.agreement)

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
                   signed: dt.date | None, issued_by: IssuedBy | None = None
                   ) -> tuple[dt.date | None, dt.date | None]:
    """Start and end as ppcli uses them. Start: the stated start, else the day the
    issuing decision puts it in force (``effective``, or ``date`` + ``effective_after_days``),
    else the signing date, else the decision's date, else 1 January of the term's first
    year. End: the stated end, else 31 December of the term's last year, else open-ended
    (documented in format.md)."""
    years = term_years(term)
    issued = issued_by.in_force if issued_by is not None else None
    decided = issued_by.date if issued_by is not None else None
    return (start or issued or signed or decided
            or (dt.date(years[0], 1, 1) if years else None),
            end or (dt.date(years[1], 12, 31) if years else None))
