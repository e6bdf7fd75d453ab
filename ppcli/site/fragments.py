"""The site's two hottest pieces, written in Python: a row of the due list and a row of
a duty's grid. On 5,000 agreements they are a few million cells, and going through
Jinja's macros for each took most of the run; here every value from the files goes
through :func:`markupsafe.escape` all the same, and the result is :class:`Markup` that
the (autoescaped) templates insert as it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from ppcli.engine.due import DueItem
from ppcli.engine.schedule import State
from ppcli.site.data import SYMBOLS, GridRow


def grid_cells(row: GridRow, t: Callable[[str], str], date: Callable[..., str],
               words: dict[str, str], seen: dict[object, str]) -> Markup:
    """The ``<li>`` cells of one row of a duty's grid (see ``agreement.html.j2``);
    ``seen`` keeps each period's and date's escaped text for the next rows (the same few
    hundred values recur on every page)."""
    once = escape(t("once"))
    deadline = escape(t("deadline"))

    def text(value: object) -> str:
        made = seen.get(value)
        if made is None:
            shown = date(value) if not isinstance(value, str) else value
            made = seen[value] = str(escape(shown))
        return made

    out = []
    for c in row.cells:
        cls = c.cls
        word = words[cls]
        period = text(c.period) if c.period else once
        sent = f"; {text(c.sent)}" if c.sent else ""
        out.append(
            f'<li class="cell c-{cls}" data-period="{text(c.period)}" data-class="{cls}" '
            f'title="{word} — {deadline} {text(c.due)}{sent}">'
            f'<span aria-hidden="true">{SYMBOLS[c.cls]}</span> {period}'
            f'<span class="sr">: {word}</span></li>')
    return Markup("\n".join(out))


class DueRows:
    """The ``<tr>`` of each due item, made once and shared by the due list's pages (at
    the site's root) and the organisations' pages (one folder down)."""

    def __init__(self, t: Callable[..., str], date: Callable[..., str],
                 days: Callable[[DueItem], str], org_name: Callable[..., str],
                 org_href: Callable[[str], str | None],
                 agreement_href: Callable[[str | None], str | None], expiry: str) -> None:
        self.t, self.date, self.days = t, date, days
        self.org_name, self.org_href, self.agreement_href = org_name, org_href, agreement_href
        self._made: dict[tuple[int, str], str] = {}
        self._marks = {
            State.OVERDUE: f'<span class="tag tag-overdue">✗ {escape(t("overdue"))}</span>',
            State.UPCOMING: f'<span class="tag tag-coming">… {escape(t("upcoming"))}</span>',
            State.DONE: f'<span class="tag tag-on-time">✓ {escape(t("done"))}</span>'}
        self._types = {k: escape(t(k)) for k in ("report", "conference", "expiry", "review")}
        self._not_exact = escape(t("not_exact"))
        self.expiry = expiry  # the title of an "ends soon" item, in the site's language

    def _org(self, org: str, root: str) -> str:
        href = self.org_href(org)
        name = escape(self.org_name(org, True))
        return f'<a href="{root}{href}">{name}</a>' if href else str(name)

    def row(self, item: DueItem, root: str) -> str:
        key = (id(item), root)
        made = self._made.get(key)
        if made is not None:
            return made
        href = self.agreement_href(item.agreement)
        agreement = escape(item.agreement)
        link = f'<a href="{root}{href}">{agreement}</a>' if href else str(agreement)
        exact = "" if item.exact else f"<br><small>{self._not_exact}</small>"
        parties = "; ".join(self._org(o, root) for o in item.party)
        status = item.status.value
        made = (
            f'<tr class="row-{status}" data-org="{escape(" ".join(item.party))}" '
            f'data-agreement="{agreement}" data-type="{escape(item.type)}" '
            f'data-status="{status}">'
            f'<td><time datetime="{item.due.isoformat()}">{escape(self.date(item.due))}</time>'
            f'{exact}<br><small>{escape(self.days(item))}</small></td>'
            f'<td>{self._marks[item.status]}</td><td>{self._types.get(item.type, "")}</td>'
            f'<td>{link}</td><td>{escape(self.expiry if item.type == "expiry" else item.title)}</td>'
            f'<td>{escape(item.period or "")}</td><td>{parties}</td></tr>')
        self._made[key] = made
        return made

    def rows(self, items: Sequence[DueItem], root: str) -> Markup:
        return Markup("\n".join(self.row(i, root) for i in items))
