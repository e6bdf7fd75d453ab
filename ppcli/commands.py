"""The commands as functions of the core: each takes values and returns values.

The command line (:mod:`ppcli.cli.everyday` and its siblings) parses the options into these
requests, calls one function, prints what it returns and exits; nothing here prints.
A request that cannot be met raises a :class:`~ppcli.errors.PpcliError` with its exit
status (see :mod:`ppcli.errors`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppcli.diagnostics import Diagnostic, Severity
from ppcli.engine.due import DueItem, Query, due_from_schedules, duty_states, schedules_for
from ppcli.engine.schedule import Interner, Obligation, State
from ppcli.engine.workdays import (
    CALENDAR_FROM,
    CalendarDay,
    WorkCalendar,
    build_calendar,
    calendar_days,
)
from ppcli.errors import Problems, RequestError
from ppcli.files.model import Agreement, Registry
from ppcli.files.repository import Loaded, Repo, load, load_meta
from ppcli.files.spec import did_you_mean
from ppcli.i18n import Label

if TYPE_CHECKING:
    from ppcli.files.record import Written
    from ppcli.files.store import Cache


# -- shared ---------------------------------------------------------------------------------


def load_at(repo: Repo, rev: str | None) -> Loaded:
    """The repository now, or as it stood at a git revision (``--at``)."""
    if rev is None:
        return load(repo)
    from ppcli.files.repository import load_contents
    from ppcli.history.changes import files_at

    return load_contents(repo, files_at(repo, rev))


def load_for(repo: Repo, agreement_id: str, today: dt.date, cache: Cache | None = None,
             jobs: int = 1) -> Loaded:
    """What ``show`` and ``render`` need for one agreement: only its file and its
    successor's are parsed, the others known from ``validate``'s cache
    (:func:`ppcli.files.incremental.load_for`); everything loaded when the id is not found
    there (so that the error names the closest id, as it always has), or without a cache."""
    from ppcli.files.incremental import load_for as load_one
    from ppcli.files.pool import check_compute

    if cache is None or cache.folder is None:  # no cache: reading every file is cheaper
        return load(repo)
    return load_one(repo, agreement_id, today, cache, check_compute(jobs)) or load(repo)


def find_agreement(loaded: Loaded, agreement_id: str) -> Agreement:
    """The agreement with this id; a :class:`RequestError` (did you mean…) otherwise."""
    found = next((a for a in loaded.agreements if a.id == agreement_id), None)
    if found is None:
        hint = did_you_mean(agreement_id, [a.id for a in loaded.agreements])
        broken = agreement_id in loaded.broken_ids
        raise RequestError(Label(
            f"không có thỏa thuận \"{agreement_id}\"{hint.vi}"
            + ("; tệp của nó đang có lỗi, hãy chạy ppcli validate" if broken else ""),
            f"no agreement \"{agreement_id}\"{hint.en}"
            + ("; its file has errors, run ppcli validate" if broken else "")))
    return found


def check_filters(registry: Registry, known: Iterable[str], query: Query) -> Query:
    """``--party`` must name an organisation (a code or a piece of its name: the query
    returned has its code), ``--agreement`` an agreement."""
    from ppcli.files.organisations import resolve

    agreement = query.agreement
    if query.party is not None:
        query = replace(query, party=resolve(registry, query.party, "--party"))
    ids = set(known)
    if agreement is not None and agreement not in ids:
        hint = did_you_mean(agreement, ids)
        raise RequestError(Label(f"--agreement: không có thỏa thuận \"{agreement}\"{hint.vi}",
                                 f"--agreement: no agreement \"{agreement}\"{hint.en}"))
    return query


def broken_files(loaded: Loaded, extra: Iterable[str] = ()) -> list[str]:
    """Files left out because they have errors (the CLI says so, never silently)."""
    return sorted({d.path for d in loaded.diags if d.severity is Severity.ERROR} | set(extra))


# -- validate, list, show ---------------------------------------------------------------------


@dataclass(frozen=True)
class Validation:
    diagnostics: list[Diagnostic]
    files: int  # files checked

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def validate(repo: Repo, today: dt.date, paths: Sequence[Path] = (),
             cache: Cache | None = None, jobs: int = 1, start_method: str | None = None
             ) -> Validation:
    """Every problem in the repository's files (or in ``paths`` only): the cross-file
    checks always see every file, but only files changed since the cache was written
    are parsed (:mod:`ppcli.files.incremental`), in ``jobs`` processes when there are
    many (:mod:`ppcli.files.pool`)."""
    from ppcli.files.incremental import check_repository
    from ppcli.files.pool import check_compute
    from ppcli.files.repository import select_files

    checked = check_repository(repo, today, cache, check_compute(jobs, start_method))
    diags = checked.diagnostics
    wanted: list[str] | None = None
    extra: list[Diagnostic] = []
    if paths:
        wanted, extra = select_files(repo, list(paths))
        chosen = set(wanted)
        diags = [d for d in diags if d.path in chosen]
    return Validation(extra + sorted(diags, key=lambda d: d.sort_key()),
                      len(wanted) if wanted is not None else checked.files)


@dataclass(frozen=True)
class Shown:
    agreement: Agreement
    loaded: Loaded
    states: dict[str, list[Obligation]]


def show(loaded: Loaded, agreement_id: str, today: dt.date) -> Shown:
    """One agreement and each duty's obligations as of ``today``."""
    found = find_agreement(loaded, agreement_id)
    return Shown(found, loaded,
                 duty_states(found, loaded.agreements, loaded.config, today,
                             registry=loaded.registry))


# -- due --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueRequest:
    query: Query
    at: str | None = None  # a git revision: the repository as it was then
    jobs: int = 1  # processes for the files to parse (when there are many)
    start_method: str | None = None  # of the pool's processes: None for the default


@dataclass(frozen=True)
class DueResult:
    items: list[DueItem]
    registry: Registry
    broken: list[str]  # files left out because they have errors
    cache_warning: Label | None = None

    @property
    def overdue(self) -> bool:
        return any(i.status is State.OVERDUE for i in self.items)


def due_calendar(loaded: Loaded, horizon: dt.date) -> WorkCalendar:
    """The working-day calendar of a ``due`` run, the same for the working tree and for
    ``--at``: from :data:`~ppcli.engine.workdays.CALENDAR_FROM` to twelve years past the
    look-ahead (schedules are cached and reused on later runs)."""
    return build_calendar(range(CALENDAR_FROM, horizon.year + 12), loaded.config.days_off,
                          loaded.config.working_days)


def due(repo: Repo, request: DueRequest, cache: Cache | None = None) -> DueResult:
    """What is overdue or falling due: ONE pipeline, from schedules (the working tree's
    through the cache, an old revision's built afresh), then filtered and listed."""
    query = request.query
    horizon = query.today + dt.timedelta(days=query.within)
    warning: Label | None = None
    if request.at is None:
        from ppcli.engine.schedule_cache import load_schedules

        meta = load_meta(repo)
        result = load_schedules(repo, meta.config, horizon,
                                lambda: due_calendar(meta, horizon), cache,
                                request.jobs, request.start_method)
        schedules, extra = result.schedules, result.broken
        warning = cache.warning if cache is not None else None
    else:
        meta = load_at(repo, request.at)
        schedules = schedules_for(meta.agreements, meta.config, due_calendar(meta, horizon),
                                  horizon, share=Interner())
        extra = []
    query = check_filters(meta.registry, (s.id for s in schedules), query)
    return DueResult(due_from_schedules(schedules, meta.registry, query), meta.registry,
                     broken_files(meta, extra), warning)


# -- ics ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    data: bytes  # the .ics file
    events: int
    broken: list[str]


def ics(loaded: Loaded, query: Query, since: dt.date | None = None) -> Calendar:
    """The calendar file of the deadlines and conferences (done ones since ``since``)."""
    from ppcli.engine.due import due_items
    from ppcli.views.calendar import build, window_start

    query = check_filters(loaded.registry, (a.id for a in loaded.agreements), query)
    full = Query(query.today, query.within, query.party, query.agreement, include_done=True,
                 done_since=window_start(query.today, since))
    items = due_items(loaded.agreements, loaded.registry, loaded.config, full)
    return Calendar(build(items, loaded.registry, query.today), len(items),
                    broken_files(loaded))


# -- render -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderRequest:
    agreement: str
    item: str  # a duty id or a conference id
    period: str | None
    output: str  # 'docx', 'md' or 'html'
    date: dt.date  # the date written on the report
    as_org: str | None = None
    template: Path | None = None
    allow_ended: bool = False  # --allow-ended-issuer: an issuer that had ended by ``date``


@dataclass(frozen=True)
class Draft:
    data: bytes
    name: str  # the default file name
    metadata: dict[str, Any] | None = None  # the sidecar's content (drafts.metadata)


def _draft_context(loaded: Loaded, request: RenderRequest) -> tuple[Any, dict[str, Any],
                                                                      list[Path], str]:
    from ppcli.drafts.context import Request, build_context
    from ppcli.drafts.render import TEMPLATES, search_path

    found = find_agreement(loaded, request.agreement)
    if request.template is not None and not request.template.is_file():
        raise RequestError(Label(f"--template: không có tệp {request.template}",
                                 f"--template: no file {request.template}"))
    as_org = request.as_org
    if as_org is not None:  # a code or a piece of the name; the reporters preferred
        from ppcli.files.organisations import resolve_for

        as_org = resolve_for(loaded.registry, found, request.item, as_org, "--as")
    draft_request = Request(request.agreement, request.item, request.period, as_org,
                            request.date, request.allow_ended)
    states = duty_states(found, loaded.agreements, loaded.config, request.date, within=120)
    context = build_context(found, loaded.registry, loaded.config, states, draft_request)
    search, custom = search_path(loaded.repo.root, request.template)
    return draft_request, context, search, custom or TEMPLATES[context["report"]["kind"]]


def render(loaded: Loaded, request: RenderRequest) -> Draft:
    """A report draft, as the bytes of its file."""
    from ppcli.drafts.context import envelope, file_name
    from ppcli.drafts.markup import parse_body, to_html, to_markdown
    from ppcli.drafts.render import environment, render_body
    from ppcli.safetext import strip_controls

    draft_request, context, search, name = _draft_context(loaded, request)
    body = render_body(environment(search, registry=loaded.registry,
                                   markdown=request.output == "md"), name, context)
    if request.output != "docx":  # Word drops them itself, see render.xml_text
        body = strip_controls(body, spaces="\r" if request.output == "md" else "")
    env = envelope(context, loaded.config)
    blocks = parse_body(body)
    if request.output == "docx":
        from ppcli.drafts.docx import build_docx
        data = build_docx(env, blocks, request.date)
    elif request.output == "md":
        data = to_markdown(env, blocks).encode("utf-8")
    else:
        data = to_html(env, blocks).encode("utf-8")
    from ppcli.drafts.metadata import draft_metadata

    name = file_name(draft_request, request.output, context["report"]["type_code"])
    return Draft(data, name, draft_metadata(env, name, request.date, context["issuer"]["code"]))


@dataclass(frozen=True)
class DraftCheck:
    """What keeps a draft from being signed: fields the template asks for that the data
    does not have, and every placeholder ("[Cần bổ sung: …]") the draft would hold."""

    missing: list[str]
    placeholders: list[str]

    @property
    def finished(self) -> bool:
        return not self.missing and not self.placeholders


def render_check(loaded: Loaded, request: RenderRequest) -> DraftCheck:
    """``render --check``: the draft is made as ``render`` would make it (the Markdown
    text, envelope included) and its gaps are listed."""
    from ppcli.drafts.context import placeholders
    from ppcli.drafts.render import check_template

    _, context, search, name = _draft_context(loaded, request)
    missing = check_template(search, name, context, loaded.registry)
    draft = render(loaded, RenderRequest(request.agreement, request.item, request.period, "md",
                                         request.date, request.as_org, request.template)) \
        if not missing else None
    found = placeholders(draft.data.decode("utf-8")) if draft is not None else []
    return DraftCheck(missing, found)


# -- chase, dossier -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChaseRequest:
    agreement: str
    output: str  # 'docx' or 'md'
    date: dt.date  # the letter's date: today
    to: str | None = None  # a code or a piece of a name
    as_org: str | None = None
    reply_days: int = 10
    reply_by: dt.date | None = None


@dataclass(frozen=True)
class Chased:
    draft: Draft
    to: list[str]  # the addressees' ids
    issuer: str
    reply_by: dt.date
    reply_days: int | None  # None: the date was given
    items: list[tuple[str, str, str | None]]  # (party, duty, period) of each overdue report
    faulty: bool = False  # the agreement's file has errors: a record may have been left out


def _faulty(loaded: Loaded, a: Agreement) -> bool:
    """Whether the agreement's own file has errors (the loader then leaves out what is
    wrong: a letter or an index made from it may miss a record)."""
    return any(d.path == a.where.file and d.severity is Severity.ERROR for d in loaded.diags)


def chase(loaded: Loaded, request: ChaseRequest) -> Chased:
    """The công văn đôn đốc: the overdue reports of an agreement, from a party that
    receives them to the parties that owe them (drafts.chase)."""
    from ppcli.drafts import chase as letter
    from ppcli.drafts.render import search_path
    from ppcli.files.organisations import resolve

    found = find_agreement(loaded, request.agreement)
    reg = loaded.registry
    to = resolve(reg, request.to, "--to") if request.to is not None else None
    as_org = resolve(reg, request.as_org, "--as") if request.as_org is not None else None
    states = duty_states(found, loaded.agreements, loaded.config, request.date, within=0)
    made = letter.write_letter(found, reg, loaded.config, states, letter.ChaseRequest(
        found.id, to, as_org, request.date, request.reply_days, request.reply_by),
        search_path(loaded.repo.root, None)[0], request.output)
    ctx = made.context
    items = [(p["id"], i["duty"], i["period"]) for p in ctx["late"] for i in p["items"]]
    return Chased(Draft(made.data, made.name, made.metadata), ctx["to_ids"],
                  ctx["issuer"]["id"], ctx["reply_by"], ctx["reply_days"], items,
                  _faulty(loaded, found))


def chase_check(loaded: Loaded, request: ChaseRequest) -> DraftCheck:
    """``chase --check``: the placeholders the letter would hold (as ``render --check``)."""
    from ppcli.drafts.context import placeholders

    draft = chase(loaded, replace(request, output="md")).draft
    return DraftCheck([], placeholders(draft.data.decode("utf-8")))


@dataclass(frozen=True)
class Dossier:
    data: bytes
    name: str
    rows: int
    faulty: bool = False  # as Chased.faulty


def dossier(loaded: Loaded, agreement_id: str, output: str, today: dt.date) -> Dossier:
    """The case file index of one agreement (drafts.dossier), as .docx or CSV bytes."""
    from ppcli.drafts.dossier import build_docx, dossier_rows, file_name

    found = find_agreement(loaded, agreement_id)
    rows = dossier_rows(found, loaded.registry)
    if output == "csv":
        from ppcli.views.dossier import as_csv
        data = ("\ufeff" + as_csv(rows)).encode("utf-8")  # the BOM: Excel reads UTF-8
    else:
        data = build_docx(found, rows, today)
    return Dossier(data, file_name(found.id, output), len(rows), _faulty(loaded, found))


# -- new ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewRequest:
    id: str
    title: str
    parties: tuple[str, ...]
    kind: str = "quy-che"
    start: dt.date | None = None  # default: today
    end: dt.date | None = None
    folder: str | None = None  # a folder inside agreements/


@dataclass(frozen=True)
class Created:
    path: Path
    shown: str
    text: str


def new(repo: Repo, request: NewRequest, today: dt.date) -> Created:
    """A new agreement file from the commented skeleton, checked before it is written;
    never over an existing file."""
    from ppcli.files.checks import validate as validate_repo
    from ppcli.files.declaration import AGREEMENT_KINDS
    from ppcli.files.fileio import atomic_write
    from ppcli.files.repository import load_agreement
    from ppcli.files.scaffold import agreement_text, check_inside, schema_reference
    from ppcli.files.spec import ID_PATTERN

    if not re.match(ID_PATTERN, request.id):
        raise RequestError(Label(
            f"mã \"{request.id}\" không hợp lệ: chỉ chữ thường không dấu, số, dấu gạch ngang",
            f"invalid id \"{request.id}\": only lower-case letters without accents, digits "
            "and hyphens"))
    if request.kind not in AGREEMENT_KINDS:
        raise RequestError(Label(f"--kind: {request.kind}? dùng {', '.join(AGREEMENT_KINDS)}",
                                 f"--kind: {request.kind}? use {', '.join(AGREEMENT_KINDS)}"))
    loaded = load(repo)
    if len(request.parties) < 2:
        raise RequestError(Label("cần ít nhất hai --party", "at least two --party are needed"))
    from ppcli.files.organisations import resolve

    parties = [resolve(loaded.registry, p, "--party") for p in request.parties]
    if request.id in {a.id for a in loaded.agreements} | loaded.broken_ids:
        raise RequestError(Label(f"đã có thỏa thuận \"{request.id}\"",
                                 f"agreement \"{request.id}\" exists"))
    folder = request.folder
    if folder and (Path(folder).is_absolute() or ".." in Path(folder).parts):
        raise RequestError(Label(
            f"--dir {folder}: hãy ghi một thư mục con trong agreements/, ví dụ ca-mau",
            f"--dir {folder}: name a folder inside agreements/, e.g. ca-mau"))
    target_dir = repo.data / folder if folder else repo.data
    target = target_dir / f"{request.id}.yaml"
    check_inside(repo.root, target)  # a committed link inside agreements/ would write elsewhere
    shown = repo.shown(target)
    if target.exists():
        raise RequestError(Label(f"tệp {shown} đã có; không ghi đè",
                                 f"{shown} exists; not overwritten"))
    text = agreement_text(request.id, request.kind, request.title, parties,
                          request.start or today, request.end,
                          schema_reference(repo.root, target_dir))
    agreement, check_ctx, _ = load_agreement(target, shown, text.encode("utf-8"))
    loaded.add(agreement, check_ctx, request.id)
    problems = [d for d in validate_repo(loaded, today, [shown])
                if d.severity is Severity.ERROR]
    if problems:
        raise Problems(Label("thỏa thuận mới không hợp lệ; không ghi gì",
                             "the new agreement would not validate; nothing written"),
                       diagnostics=problems)
    target_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(target, text.encode("utf-8"))
    return Created(target, shown, text)


# -- record -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordRequest:
    """``record report``, ``conference``, ``extension`` or ``reminder``, as one value
    (``extra``: an extension's ``until`` date, a reminder's ``reminder_kind`` and ``to``)."""

    agreement: str
    kind: str  # 'report', 'conference', 'extension' or 'reminder'
    item: str  # the duty or the conference
    today: dt.date
    on: dt.date | None = None  # the day sent or held (default: today)
    period: str | None = None
    number: str | None = None
    by: str | None = None
    early: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Recorded:
    written: Written
    message: Label  # what was recorded, where


def record(repo: Repo, request: RecordRequest) -> Recorded:
    """Append the record to its agreement's file (see :func:`ppcli.files.record.record`)."""
    from ppcli.files.record import (
        conference_entry,
        describe,
        extension_entry,
        reminder_entry,
        report_entry,
    )
    from ppcli.files.record import record as record_entry

    when = request.on or request.today
    if request.by is not None:  # a code or a piece of the name; what names no one goes
        from ppcli.files.organisations import resolve  # on as typed, for record's message

        with contextlib.suppress(RequestError):
            request = replace(request, by=resolve(load_meta(repo).registry, request.by, "--by"))
    to = request.extra.get("to")
    if to is not None:
        from ppcli.files.organisations import resolve

        with contextlib.suppress(RequestError):
            to = resolve(load_meta(repo).registry, to, "--to")
    until = request.extra.get("until")
    office = (request.kind, request.item, request.period)
    if request.kind == "extension":
        if not isinstance(until, dt.date):
            raise RequestError(Label("thiếu hạn mới: --until NGÀY", "the new deadline is "
                                     "missing: --until DATE"))
        written = record_entry(repo, request.agreement, extension_entry(
            request.item, request.period, until, when, request.number, request.by),
            request.today, on=when, office=office)
    elif request.kind == "reminder":
        written = record_entry(repo, request.agreement, reminder_entry(
            request.item, request.period, request.extra["reminder_kind"], when,
            request.number, request.by, to), request.today, on=when, office=office)
    elif request.kind == "report":
        written = record_entry(
            repo, request.agreement,
            report_entry(request.item, request.period, when, request.number, request.by),
            request.today, report=(request.item, request.period, request.by), on=when,
            early=request.early)
    else:
        written = record_entry(repo, request.agreement,
                               conference_entry(request.item, when, request.period),
                               request.today, conference=request.item, on=when,
                               conference_period=request.period)
    return Recorded(written, describe(written, request.kind, request.item, request.period,
                                      when, until))


# -- site ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteRequest:
    out: Path  # the folder to write (default: site/ in the repository)
    today: dt.date
    lang: str = "vi"  # 'vi' or 'en'
    within: int = 30


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    pages: int
    removed: int  # pages of the last run no longer made
    broken: list[str]
    history_problem: Label | None


def site(repo: Repo, request: SiteRequest, cache: Cache | None = None) -> SiteResult:
    """The static site: every number from the same functions as ``due`` (its items),
    ``show`` (each duty's periods), ``list`` (each agreement's status) and ``history``."""
    from ppcli.engine.due import all_duty_states
    from ppcli.engine.lifecycle import list_rows
    from ppcli.errors import PpcliError
    from ppcli.history.changes import history
    from ppcli.site.build import build_site
    from ppcli.site.data import SiteInput
    from ppcli.site.output import SiteFolder

    folder = SiteFolder(request.out)  # refused before any work when it is not safe
    loaded = load(repo)
    today = request.today
    horizon = today + dt.timedelta(days=request.within)
    schedules = schedules_for(loaded.agreements, loaded.config, due_calendar(loaded, horizon),
                              horizon, share=Interner())
    items = due_from_schedules(schedules, loaded.registry, Query(today, request.within))
    del schedules
    entries: list[Any] = []
    problem: Label | None = None
    try:
        entries = history(repo, loaded.registry, cache=cache)
    except PpcliError as exc:  # no git, not a git repository: the rest is still worth having
        problem = exc.label
    data = SiteInput(today, request.within, loaded.registry, loaded.agreements,
                     list_rows(loaded.agreements, loaded.registry, today), items,
                     all_duty_states(loaded.agreements, loaded.config, today, request.within),
                     entries, problem, broken_files(loaded))
    built = build_site(data, folder, "en" if request.lang == "en" else "vi")
    return SiteResult(request.out, built.pages, built.removed, list(data.broken), problem)


# -- holidays -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holidays:
    year: int
    days: list[CalendarDay]
    repository: bool  # the repository's ppcli.yaml was read


def holidays(repo: Repo | None, year: int) -> Holidays:
    """Every day off and make-up working day ppcli counts in ``year``, each with its
    source; with the repository's own days when ``repo`` is given."""
    config = load_meta(repo).config if repo is not None else None
    days = calendar_days(year, config.days_off if config else (),
                         config.working_days if config else ())
    return Holidays(year, days, repo is not None)



# -- stats --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsRequest:
    today: dt.date
    year: int | None = None
    party: str | None = None  # a code or a piece of a name
    agreement: str | None = None


@dataclass(frozen=True)
class StatsResult:
    stats: Any  # ppcli.engine.stats.Stats
    registry: Registry
    broken: list[str]


def stats(loaded: Loaded, request: StatsRequest) -> StatsResult:
    """The four classes counted per party and per agreement (:mod:`ppcli.engine.stats`),
    from ``show``'s periods of every agreement up to today."""
    from ppcli.engine.due import all_duty_states
    from ppcli.engine.stats import stats as count
    from ppcli.engine.stats import year_window

    query = check_filters(loaded.registry, (a.id for a in loaded.agreements),
                          Query(request.today, 0, request.party, request.agreement))
    # every agreement: a successor cuts its predecessor's periods (replaced_by)
    states = all_duty_states(loaded.agreements, loaded.config, request.today, 0)
    since, until = year_window(request.year)
    return StatsResult(count(loaded.agreements, states, loaded.registry, request.today, since,
                             until, query.party, query.agreement),
                       loaded.registry, broken_files(loaded))
