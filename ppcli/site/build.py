"""Builds the site's pages from a :class:`~ppcli.site.data.SiteInput` into a folder.

Templates, CSS and the few lines of JavaScript are package data (``templates/``,
``static/``); every value is escaped by Jinja's autoescape, and no page links outside
the folder: links are relative, so the site opens from ``file://``, a shared folder or a
USB stick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.resources
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ppcli import __version__
from ppcli.engine.due import EXPIRY_TITLE, DueItem
from ppcli.files.declaration import AGREEMENT_KINDS, CONFERENCE_KINDS, END_KINDS, ORG_KINDS
from ppcli.i18n import Label, Lang, short_date
from ppcli.periods import FREQUENCY_LABELS
from ppcli.site import timeline as tl
from ppcli.site.data import (
    CELL_LABELS,
    SYMBOLS,
    Counts,
    GridRow,
    Overview,
    SiteInput,
    folded,
    grids,
    org_counts,
    split,
    status_label,
)
from ppcli.site.fragments import DueRows, grid_cells
from ppcli.site.output import SiteFolder, page_name
from ppcli.site.words import WORDS

DUE_PAGE = 2000  # rows of the due list per page
TIMELINE_PAGE = 300  # agreements per timeline page
HISTORY_PAGE = 100  # commits per history page
ORG_TYPES = ("report", "conference", "expiry", "review")


@dataclass(frozen=True)
class Built:
    folder: str
    pages: int
    removed: int  # files of the last run no longer made


def _environment() -> jinja2.Environment:
    folder = importlib.resources.files("ppcli.site") / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _static(name: str) -> bytes:
    return (importlib.resources.files("ppcli.site") / "static" / name).read_bytes()


def _paged(stem: str, count: int) -> list[str]:
    """``due.html``, ``due-2.html``…"""
    return [f"{stem}.html" if i == 0 else f"{stem}-{i + 1}.html" for i in range(count)]


class Pages:
    """The helpers every template gets, for one language and one input."""

    def __init__(self, data: SiteInput, lang: Lang) -> None:
        self.data = data
        self.lang = lang
        self.registry = data.registry
        self.agreement_ids = {a.id for a in data.agreements}
        self._links: dict[tuple[str, str, bool], Markup] = {}
        self._dates: dict[dt.date, str] = {}
        self._seen: dict[object, str] = {}
        # the words of the grid's cells, escaped once
        self.words = {cls: str(escape(label(lang))) for cls, label in CELL_LABELS.items()}
        self.due_rows = DueRows(self.t, self.date, self.days, self.org_name, self.org_href,
                                self.agreement_href, EXPIRY_TITLE(lang))

    def t(self, key: str, **values: Any) -> str:
        text = WORDS[key](self.lang)
        return text.format(**values) if values else text

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return "?"
        made = self._dates.get(day)
        if made is None:
            made = self._dates[day] = short_date(day, self.lang)
        return made

    def label(self, label: Label | None) -> str:
        return label(self.lang) if label is not None else ""

    def org_name(self, org: str, short: bool = False) -> str:
        return self.registry.name(org, short=short)

    def org_href(self, org: str) -> str | None:
        return f"o/{page_name(org)}.html" if org in self.registry.orgs else None

    def agreement_href(self, agreement: str | None) -> str | None:
        if agreement is None or agreement not in self.agreement_ids:
            return None
        return f"a/{page_name(agreement)}.html"

    def status(self, status: str) -> str:
        return status_label(status)(self.lang)

    def kind(self, kind: str) -> str:
        return AGREEMENT_KINDS[kind](self.lang) if kind in AGREEMENT_KINDS else kind

    def conference_kind(self, kind: str) -> str:
        return CONFERENCE_KINDS[kind](self.lang) if kind in CONFERENCE_KINDS else kind

    def frequency(self, value: str) -> str:
        return FREQUENCY_LABELS[value](self.lang) if value in FREQUENCY_LABELS else value

    def org_kind(self, kind: str) -> str:
        return ORG_KINDS[kind](self.lang) if kind in ORG_KINDS else kind

    def end_kind(self, how: str) -> str:
        return END_KINDS[how](self.lang) if how in END_KINDS else how

    def timeliness_word(self, value: str) -> str:
        return CELL_LABELS[value](self.lang)

    def item_status(self, item: DueItem) -> str:
        return self.t(item.status.value)

    def days(self, item: DueItem) -> str:
        n = item.days_from(self.data.today)
        return self.t("late_by", n=-n) if n < 0 else self.t("today") if n == 0 \
            else self.t("in_days", n=n)

    def org_a(self, org: str, root: str, short: bool = False) -> Markup:
        """A link to an organisation's page (its name alone when it has none), made once
        per organisation, folder depth and length of name."""
        key = (org, root, short)
        made = self._links.get(key)
        if made is None:
            href = self.org_href(org)
            name = escape(self.org_name(org, short))
            made = self._links[key] = Markup(f'<a href="{root}{href}">{name}</a>') \
                if href else name
        return made

    def agreement_a(self, agreement: str, root: str) -> Markup:
        href = self.agreement_href(agreement)
        text = escape(agreement)
        return Markup(f'<a href="{root}{href}">{text}</a>') if href else text

    def grid_cells(self, row: GridRow) -> Markup:
        return grid_cells(row, self.t, self.date, self.words, self._seen)

    def globals(self) -> dict[str, Any]:
        return {"t": self.t, "W": {key: label(self.lang) for key, label in WORDS.items()},
                "org_a": self.org_a, "agreement_a": self.agreement_a, "date": self.date, "label": self.label, "org_name": self.org_name,
                "org_href": self.org_href, "agreement_href": self.agreement_href,
                "status": self.status, "kind": self.kind, "conference_kind":
                self.conference_kind, "frequency": self.frequency, "end_kind": self.end_kind,
                "org_kind": self.org_kind, "horizon": self.data.horizon,
                "item_status": self.item_status,
                "timeliness_word": self.timeliness_word, "days": self.days, "lang": self.lang,
                "today": self.data.today, "within": self.data.within, "symbols": SYMBOLS,
                "version": __version__, "broken": self.data.broken,
                "grid_cells": self.grid_cells, "due_rows": self.due_rows.rows}


def build_site(data: SiteInput, out: SiteFolder, lang: Lang) -> Built:
    """Write every page into ``out``; returns what was written. A run that fails
    half-way still lists what it wrote (``out.keep``), so the next run replaces it."""
    try:
        return _build(data, out, lang)
    except BaseException:
        with contextlib.suppress(Exception):
            out.keep()
        raise


def _build(data: SiteInput, out: SiteFolder, lang: Lang) -> Built:
    env = _environment()
    pages = Pages(data, lang)
    env.globals.update(pages.globals())
    count = 0

    def page(rel: str, template: str, **context: Any) -> None:
        nonlocal count
        root = "../" if "/" in rel else ""
        html = env.get_template(template).render(root=root, here=rel, **context)
        out.write(rel, html.encode("utf-8"))
        count += 1

    out.write("assets/site.css", _static("site.css"))
    out.write("assets/site.js", _static("site.js"))

    overview = Overview.of(data.items)
    counts = org_counts(data.agreements, data.states, data.registry, data.today, data.horizon)
    org_rows = sorted(((o, c) for o, c in counts.items() if c.owed or c.open),
                      key=lambda oc: (-oc[1].overdue, pages.org_name(oc[0])))
    total = Counts()
    for _, c in org_rows:
        total.on_time += c.on_time
        total.late += c.late
        total.overdue += c.overdue
        total.open += c.open
    by_status: dict[str, int] = {}
    for r in data.rows:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    shared = {"overview": overview, "org_rows": org_rows, "total": total,
              "by_status": sorted(by_status.items()), "rows": data.rows}
    page("index.html", "overview.html.j2", **shared)
    page("print.html", "print.html.j2", **shared)

    # the due list, split into pages beyond DUE_PAGE rows
    due_pages = split(data.items, DUE_PAGE)
    names = _paged("due", len(due_pages))
    for i, due_chunk in enumerate(due_pages):
        page(names[i], "due.html.j2", items=due_chunk, total=len(data.items),
             page_names=names, page_index=i, filters=_filters(due_chunk, pages))

    # the timeline, split likewise, on one axis
    by_id = {a.id: a for a in data.agreements}
    ordered = sorted(data.rows, key=lambda r: (r.start or dt.date.max, r.id))
    span = tl.axis(ordered, data.today)
    tl_pages = split(ordered, TIMELINE_PAGE)
    names = _paged("timeline", len(tl_pages))
    for i, chunk in enumerate(tl_pages):
        page(names[i], "timeline.html.j2", timeline=tl.layout(chunk, by_id, data.today, span),
             width=tl.WIDTH, label_width=tl.LABEL_WIDTH, page_names=names, page_index=i)

    hist_pages = split(data.history, HISTORY_PAGE)
    names = _paged("history", len(hist_pages))
    for i, hist_chunk in enumerate(hist_pages):
        page(names[i], "history.html.j2", entries=hist_chunk, problem=data.history_problem,
             page_names=names, page_index=i)

    rows = {r.id: r for r in data.rows}
    for a in data.agreements:
        page(f"a/{page_name(a.id)}.html", "agreement.html.j2", a=a, row=rows.get(a.id),
             grids=grids(a, data.states.get(a.id, {}), data.today, data.horizon))

    _org_pages(data, pages, counts, page)
    removed = out.finish()
    return Built(str(out.folder), count, removed)


def _filters(items: Sequence[DueItem], pages: Pages) -> dict[str, list[tuple[str, str]]]:
    """The choices of the due list's filters: what occurs on the page."""
    orgs: set[str] = set()
    agreements: set[str] = set()
    for item in items:
        orgs.update(item.party)
        agreements.add(item.agreement)
    return {"org": sorted(((o, pages.org_name(o, short=True)) for o in orgs),
                          key=lambda p: p[1]),
            "agreement": [(a, a) for a in sorted(agreements)],
            "type": [(k, pages.t(k if k != "expiry" else "expiry")) for k in ORG_TYPES],
            "status": [(s, pages.t(s)) for s in ("overdue", "upcoming")]}


def _org_pages(data: SiteInput, pages: Pages, counts: dict[str, Counts],
               page: Callable[..., None]) -> None:
    registry = data.registry
    party_of: dict[str, list[str]] = {}
    duties_of: dict[str, list[tuple[str, Any, str]]] = {}
    for a in data.agreements:
        for p in a.party_ids():
            party_of.setdefault(p, []).append(a.id)
        for d in a.duties:
            for o in d.reporters:
                duties_of.setdefault(o, []).append((a.id, d, "reports_as"))
            for o in d.recipients:
                duties_of.setdefault(o, []).append((a.id, d, "receives"))
    items_of: dict[str, list[DueItem]] = {}
    for item in data.items:
        seen: set[str] = set()
        for o in item.party:
            for who in (o, *folded(registry, o, data.today)):
                if who not in seen:
                    seen.add(who)
                    items_of.setdefault(who, []).append(item)
    predecessors: dict[str, list[str]] = {}
    for org in registry.orgs.values():
        if org.ended is not None:
            for s in org.ended.successors:
                predecessors.setdefault(s, []).append(org.id)
    rows = {r.id: r for r in data.rows}
    for oid, org in registry.orgs.items():
        page(f"o/{page_name(oid)}.html", "organisation.html.j2", org=org,
             counts=counts.get(oid), agreements=[rows[x] for x in party_of.get(oid, ())
                                                 if x in rows],
             duties=duties_of.get(oid, []), items=items_of.get(oid, []),
             predecessors=predecessors.get(oid, []))
