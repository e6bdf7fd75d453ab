"""What the command modules share: the typer app, common options, the one way to fail,
and output helpers. Nothing below the CLI layer prints; these helpers are the CLI."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ppcli import __version__
from ppcli.cli.inputs import complete_agreement
from ppcli.diagnostics import format_text
from ppcli.errors import ENVIRONMENT, REQUEST, PpcliError
from ppcli.files.fileio import escaped_os_error
from ppcli.files.repository import (
    Loaded,
    Repo,
    find_repo,
    load,
)
from ppcli.i18n import Label, Lang, pick_lang
from ppcli.safetext import json_safe, one_line, visible


class _GuardedGroup(TyperGroup):
    """The app's command group: every command runs inside :func:`guarded`."""

    def invoke(self, ctx: Any) -> Any:  # typer's click Context (a private module)
        with guarded(ctx):
            return super().invoke(ctx)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str,
                               complete_var: str | None = None) -> None:
        """Shell completion (``_PPCLI_COMPLETE=complete_bash``, see cli/inputs.py): typer
        registers its shells only with ``add_completion``, which would add its English
        ``--install-completion`` options; register them here, only when completing."""
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        if os.environ.get(var):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


app = typer.Typer(
    cls=_GuardedGroup,
    name="ppcli",
    help="Theo dõi quy chế, chương trình phối hợp: kiểm tra tệp, hạn báo cáo, hội nghị.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Output(StrEnum):
    text = "text"
    json = "json"


class DueFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SchemaKind(StrEnum):
    agreement = "agreement"
    registry = "registry"
    config = "config"


class Settings:
    def __init__(self, repo: Path | None, lang: str | None) -> None:
        self.repo = repo
        self.lang = lang
        self.chosen: Lang | None = None  # the language of this run, once known


# -- the one error handler ----------------------------------------------------------------


def _run_lang(ctx: Any) -> Lang:
    """The language errors are said in: the run's, once chosen, else the environment's."""
    settings = ctx.find_root().obj if ctx is not None else None
    if isinstance(settings, Settings):
        if settings.chosen is not None:
            return settings.chosen
        return pick_lang(settings.lang, os.environ.get("PPCLI_LANG")) or "vi"
    return pick_lang(None, os.environ.get("PPCLI_LANG")) or "vi"


@contextlib.contextmanager
def guarded(ctx: Any) -> Iterator[None]:
    """The one handler at the edge: a :class:`~ppcli.errors.PpcliError` becomes
    ``ppcli: <message>`` on stderr (its diagnostics first) and its exit status; an
    ``OSError`` that escaped the core becomes a message naming the path, status 3.
    Never a traceback."""
    try:
        yield
    except PpcliError as exc:
        lang = _run_lang(ctx)
        for d in exc.diagnostics:
            sys.stderr.write(visible(format_text(d, lang)) + "\n")
        say(f"ppcli: {exc.label(lang)}", "red")
        raise typer.Exit(exc.status) from None
    except OSError as exc:
        say(f"ppcli: {escaped_os_error(exc)(_run_lang(ctx))}", "red")
        raise typer.Exit(ENVIRONMENT) from None


def _version(value: bool) -> None:
    if value:
        print(f"ppcli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    repo: Annotated[Path | None, typer.Option(
        "--repo", envvar="PPCLI_REPO", help="Thư mục kho thỏa thuận (mặc định: tìm từ thư "
        "mục hiện tại trở lên).", show_default=False)] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="PPCLI_LANG", help="Ngôn ngữ: vi (mặc định) hoặc en.",
        show_default=False)] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát.")] = False,
) -> None:
    ctx.obj = Settings(repo, lang)


# -- shared helpers --------------------------------------------------------------------------

LangOpt = Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ: vi hoặc en.",
                                             show_default=False)]
AtOpt = Annotated[str | None, typer.Option(
    "--at", help="Như kho đã có ở phiên bản git này (commit, nhánh, thẻ).",
    show_default=False)]
AgreementArg = Annotated[str, typer.Argument(help="Mã thỏa thuận.",
                                             autocompletion=complete_agreement)]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help="Coi hôm nay là ngày này (31/12/2026 hoặc 2026-12-31); mặc định: "
    "ngày thật.",
    show_default=False)]


def say(text: str, style: str = "") -> None:
    """One message on stderr, coloured on a terminal (rich is imported only then).
    Controls and bidi characters in it (a file name, a value quoted) are shown, never
    obeyed: see :mod:`ppcli.safetext`."""
    text = one_line(text)
    if not _colour(sys.stderr):
        sys.stderr.write(text + "\n")
        return
    from rich.console import Console
    from rich.text import Text
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(text, style=style))


def _colour(stream: Any) -> bool:
    """Colour only on a terminal, never with NO_COLOR (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and \
        os.environ.get("TERM") != "dumb"


def fail(message: Label, status: int = REQUEST) -> NoReturn:
    """Refuse the request: the one handler (:func:`guarded`) says it and exits."""
    raise PpcliError(message, status)


def lang_of(ctx: typer.Context, option: str | None) -> Lang:
    settings: Settings = ctx.obj
    chosen = pick_lang(option or settings.lang, os.environ.get("PPCLI_LANG"))
    if chosen is None:
        fail(Label(f"ngôn ngữ không hỗ trợ: {option or settings.lang}; dùng vi hoặc en",
                   f"unsupported language: {option or settings.lang}; use vi or en"))
    settings.chosen = chosen
    return chosen


# Dates ppcli computes with: from here, a year of look-ahead, the schedules' margin and
# the calendar's twelve years stay far from the 9999-12-31 where Python's dates end.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


def today_of(value: str | None, lang: Lang, option: str = "--today") -> dt.date:
    """A date typed on the command line (``--today``, or the ``option`` named), between
    :data:`FIRST_DAY` and :data:`LAST_DAY`; exit 2 with a message otherwise."""
    if value is None:
        return dt.date.today()
    from ppcli.cli.inputs import date_value

    day = date_value(value, option)  # 31/12/2026 or 2026-12-31; the error names the option
    if not FIRST_DAY <= day <= LAST_DAY:
        fail(Label(f"{option}: ngày {value} nằm ngoài khoảng ppcli tính được "
                   f"({FIRST_DAY.isoformat()} đến {LAST_DAY.isoformat()})",
                   f"{option}: the date {value} is outside the range ppcli can compute "
                   f"with ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"))
    return day


def repo_of(ctx: typer.Context, lang: Lang | None = None) -> Repo:
    """The repository of this run (``--repo``, or found from the current folder);
    :class:`~ppcli.files.repository.RepoNotFound` or ``ForeignRepo`` otherwise (status 3)."""
    settings: Settings = ctx.obj
    return find_repo(Path.cwd(), settings.repo)


def make_console() -> Any:
    """A rich console for stdout (tables): at terminal width, else 200 columns. Without
    markup: text from the files ("[link=…]", "[/x]") is printed as written, never read
    as rich's markup (which made live hyperlinks, or crashed on an unmatched tag)."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False, markup=False)
    if not console.is_terminal:  # a file or a pipe: do not wrap at 80 columns
        console = Console(highlight=False, soft_wrap=False, width=200, markup=False)
    return console


def print_renderable(renderable: Any) -> None:
    """A rich table or text on stdout. Into a file or a pipe it is written as rich
    renders it, row by row, instead of being collected whole first: a 50,000-row
    ``list`` took 300 MB more that way."""
    console = make_console()
    if console.is_terminal:
        console.print(renderable)
        return
    write = sys.stdout.write
    for segment in console.render(renderable, console.options):
        if not segment.control:
            write(segment.text)


def print_view(view: Any) -> None:
    """A :class:`~ppcli.views.agreements.Styled` text or :class:`~ppcli.views.agreements.TableData` table,
    through rich (styled pieces become rich Text, never markup)."""
    from rich.table import Table
    from rich.text import Text

    from ppcli.views.agreements import TableData

    if isinstance(view, TableData):
        table = Table(show_lines=False, expand=False)
        for i, heading in enumerate(view.headings):
            table.add_column(heading, overflow="fold", no_wrap=i == 0)
        for row in view.rows:
            table.add_row(*(Text(text, style=style) for text, style in row))
        print_renderable(table)
    else:
        text = Text()
        for piece, style in view.pieces:
            text.append(piece, style=style)
        print_renderable(text)


def print_segments(segments: list[tuple[str, str]]) -> None:
    """Styled text on a colour terminal; the plain string otherwise (rich's renderer
    needs seconds for the thousands of lines of a large repository's listing)."""
    if _colour(sys.stdout):
        from rich.text import Text
        make_console().print(Text.assemble(*((visible(t), st) for t, st in segments)), end="")
    else:
        sys.stdout.write(visible("".join(text for text, _ in segments)))


def print_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def print_json_array(items: Iterable[Any]) -> None:
    """The same bytes as :func:`print_json` of a list, written item by item: a long
    listing is never held whole as one string (50,000 rows: 100 MB less)."""
    write = sys.stdout.write
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        write(("[\n  " if first else ",\n  ") + json_safe(text))
        first = False
    write("[]\n" if first else "\n]\n")


def print_json_lines(rows: list[Any]) -> None:
    """A JSON list with one object per line: greppable, and written by the C encoder
    (pretty-printing takes the slow pure-Python path, seconds for a large repository)."""
    body = json_safe(",\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    sys.stdout.write(f"[\n{body}\n]\n" if rows else "[]\n")


# -- commands ---------------------------------------------------------------------------


def warn_broken(files: list[str], lang: Lang) -> None:
    """Files with errors are left out of the listing: say so, never silently."""
    if files:
        say(Label(f"Cảnh báo: {len(files)} tệp có lỗi nên không được tính "
                  f"({', '.join(files)}); hãy chạy ppcli validate",
                  f"Warning: {len(files)} file(s) with errors are left out "
                  f"({', '.join(files)}); run ppcli validate")(lang), "yellow")


class Run:
    """What every command starts with: the language, today, the repository (found when
    first asked for) and its files (loaded when first asked for)."""

    def __init__(self, ctx: typer.Context, lang: str | None, today: str | None = None
                 ) -> None:
        self.ctx = ctx
        self.lang = lang_of(ctx, lang)
        self.today = today_of(today, self.lang)
        self._repo: Repo | None = None
        self._loaded: Loaded | None = None

    @property
    def repo(self) -> Repo:
        if self._repo is None:
            self._repo = repo_of(self.ctx)
        return self._repo

    @property
    def loaded(self) -> Loaded:
        if self._loaded is None:
            self._loaded = load(self.repo)
        return self._loaded

    def drop_loaded(self) -> None:
        """Forget the loaded repository, so its memory can go before a long listing."""
        self._loaded = None

    def date(self, value: str | None, option: str) -> dt.date | None:
        """Another date option (``--on``, ``--since``…), checked as ``--today`` is."""
        return today_of(value, self.lang, option) if value is not None else None

    def say(self, message: Label, style: str = "") -> None:
        say(message(self.lang), style)
