"""What the command modules share: the typer app, common options, the one way to fail,
and output helpers. Nothing below the CLI layer prints; these helpers are the CLI.

Only typer and small modules are imported here: ``ppcli --help`` must not load the core
(each command imports what it needs when it runs; ``bench/startup.py`` measures it)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

from ppcli.cli import language
from ppcli.cli.language import w as w  # re-exported for the command modules

language.active()  # the language is settled before typer renders a word

import click  # noqa: E402
import typer  # noqa: E402
from typer.core import TyperGroup, TyperOption  # noqa: E402

from ppcli import __version__  # noqa: E402
from ppcli.cli.inputs import complete_agreement  # noqa: E402  (light: no core module)
from ppcli.errors import ENVIRONMENT, REQUEST, PpcliError  # noqa: E402
from ppcli.i18n import Label, Lang, pick_lang  # noqa: E402
from ppcli.safetext import json_safe, one_line, visible  # noqa: E402

if TYPE_CHECKING:
    from ppcli.files.repository import Loaded, Repo

# the options every command takes, before or after its name (``ppcli --today X due`` and
# ``ppcli due --today X``); their one meaning is resolved in :class:`Run`
GLOBAL_OPTIONS = ("repo", "lang", "today")
REPO_HELP = w("Thư mục kho thỏa thuận (mặc định: tìm từ thư mục hiện tại trở lên).",
              "The agreements repository (default: searched for from the current folder up).")
LANG_HELP = w("Ngôn ngữ: vi (mặc định) hoặc en.", "Language: vi (default) or en.")
TODAY_HELP = w("Coi hôm nay là ngày này (31/12/2026 hoặc 2026-12-31); mặc định: ngày thật.",
               "Take this date as today (31/12/2026 or 2026-12-31); default: the real date.")
DIR_WORD = w("THƯ_MỤC", "FOLDER")
LANG_WORD = w("NGÔN_NGỮ", "LANGUAGE")
DATE_WORD = w("NGÀY", "DATE")
CODE_WORD = w("MÃ", "CODE")
FILE_WORD = w("TỆP", "FILE")
DAYS_WORD = w("SỐ_NGÀY", "DAYS")
TEXT_WORD = w("CHỮ", "TEXT")
OPTIONS_WORD = w("[TÙY_CHỌN]", "[OPTIONS]")
COMMAND_WORD = w("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]...")


def _store(name: str) -> Any:
    """The callback of a global option given after the command name: it goes where the
    same option given before the name goes (the root's :class:`Settings`)."""

    def store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        settings = ctx.find_root().obj
        if value is not None and isinstance(settings, Settings):
            setattr(settings, name, Path(value) if name == "repo" else value)

    return store


def _global_option(name: str) -> click.Parameter:
    helps = {"repo": (REPO_HELP, DIR_WORD), "lang": (LANG_HELP, LANG_WORD),
             "today": (TODAY_HELP, DATE_WORD)}
    text, metavar = helps[name]
    return TyperOption(param_decls=[f"--{name}", name], type=click.STRING, default=None,
                       expose_value=False, callback=_store(name), help=text,
                       metavar=metavar, show_default=False)


def with_global_options(cmd: click.Command) -> click.Command:
    """``cmd`` taking the global options it does not declare itself (once)."""
    if not getattr(cmd, "_ppcli_globals", False):
        have = {p.name for p in cmd.params}
        if not isinstance(cmd, click.Group):
            cmd.params.extend(_global_option(n) for n in GLOBAL_OPTIONS if n not in have)
        cmd.options_metavar = OPTIONS_WORD  # click's usage line: not in its catalog
        for param in cmd.params:
            # typer's help lists an argument by its Python name ("agreement_id") beside
            # its metavar ("MÃ"): the metavar, in the run's language, is enough
            if isinstance(param, click.Argument) and param.metavar:
                param.opts = []
        cmd._ppcli_globals = True  # type: ignore[attr-defined]
    return cmd


class _GuardedGroup(TyperGroup):
    """The app's command groups: every command runs inside :func:`guarded`, takes the
    global options, and a misspelt command name gets a did-you-mean in the run's
    language."""

    def invoke(self, ctx: Any) -> Any:  # typer's click Context (a private module)
        with guarded(ctx):
            return super().invoke(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        return with_global_options(cmd) if cmd is not None else None

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as exc:
            import difflib

            names = [n for n, c in self.commands.items() if not c.hidden]
            close = difflib.get_close_matches(args[0], names, n=1) if args else []
            if close:
                exc.message = exc.message.rstrip(".") + w(
                    f". Có phải ý bạn là '{close[0]}'?", f". Did you mean '{close[0]}'?")
            raise

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
    help=w("Theo dõi quy chế, chương trình phối hợp: kiểm tra tệp, hạn báo cáo, hội nghị.",
           "Keep track of coordination agreements: check the files, report deadlines, "
           "conferences."),
    no_args_is_help=True,
    options_metavar=OPTIONS_WORD,
    subcommand_metavar=COMMAND_WORD,
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
    """The global options of this run, wherever they were given."""

    def __init__(self, repo: Path | None, lang: str | None, today: str | None = None
                 ) -> None:
        self.repo = repo
        self.lang = lang
        self.today = today
        self.chosen: Lang | None = None  # the language of this run, once known


# -- the one error handler ----------------------------------------------------------------


def _run_lang(ctx: Any) -> Lang:
    """The language errors are said in: the run's, once chosen, else the environment's."""
    settings = ctx.find_root().obj if ctx is not None else None
    if isinstance(settings, Settings):  # a value the run could not accept: the process's
        if settings.chosen is None and pick_lang(settings.lang, None) is None:
            return language.active()
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
        from ppcli.diagnostics import format_text

        lang = _run_lang(ctx)
        for d in exc.diagnostics:
            sys.stderr.write(visible(format_text(d, lang)) + "\n")
        say(f"ppcli: {exc.label(lang)}", "red")
        raise typer.Exit(exc.status) from None
    except BrokenPipeError:
        # the reader went away (``ppcli due | head``): nothing to say, and nothing more to
        # write; stdout is pointed at the null device so the final flush stays quiet
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        from ppcli.files.fileio import escaped_os_error

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
        "--repo", envvar="PPCLI_REPO", help=REPO_HELP, metavar=DIR_WORD,
        show_default=False)] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="PPCLI_LANG", help=LANG_HELP, metavar=LANG_WORD,
        show_default=False)] = None,
    today: Annotated[str | None, typer.Option(
        "--today", help=TODAY_HELP, metavar=DATE_WORD, show_default=False)] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help=w("In phiên bản rồi thoát.", "Print the version and exit."))] = False,
) -> None:
    if not isinstance(ctx.obj, Settings):
        ctx.obj = Settings(repo, lang, today)


# -- shared helpers --------------------------------------------------------------------------

LangOpt = Annotated[str | None, typer.Option("--lang", help=LANG_HELP, metavar=LANG_WORD,
                                             show_default=False)]
AtOpt = Annotated[str | None, typer.Option(
    "--at", help=w("Như kho đã có ở phiên bản git này (commit, nhánh, thẻ).",
                   "As the repository stood at this git revision (commit, branch, tag)."),
    metavar="REV", show_default=False)]
AgreementArg = Annotated[str, typer.Argument(
    help=w("Mã thỏa thuận.", "The agreement's code."), metavar=w("MÃ_THỎA_THUẬN", "AGREEMENT"),
    autocompletion=complete_agreement)]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help=TODAY_HELP, metavar=DATE_WORD, show_default=False)]
JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", min=1, max=256, metavar=w("SỐ", "N"),
    help=w("Số tiến trình khi phải đọc nhiều tệp (mặc định: số CPU; 1: một tiến trình).",
           "Processes used when many files must be read (default: the CPU count; 1: one "
           "process)."), show_default=False)]
FormatHelp = w("Dạng kết quả.", "Output format.")


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
    settings: Settings = ctx.find_root().obj
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


def jobs_of(option: int | None) -> int:
    """``--jobs``, else the number of CPUs this process may use."""
    if option is not None:
        return option
    from ppcli.files.pool import default_jobs

    return default_jobs()


def repo_of(ctx: typer.Context, lang: Lang | None = None) -> Repo:
    """The repository of this run (``--repo``, or found from the current folder);
    :class:`~ppcli.files.repository.RepoNotFound` or ``ForeignRepo`` otherwise (status 3)."""
    from ppcli.files.repository import find_repo

    settings: Settings = ctx.find_root().obj
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
    elif _colour(sys.stdout) and not _legacy_windows():  # show: long, see cli/ansi
        from ppcli.cli.ansi import write_segments

        write_segments([*view.pieces, ("\n", "")], sys.stdout)  # rich's end="\n"
    else:
        text = Text()
        for piece, style in view.pieces:
            text.append(piece, style=style)
        print_renderable(text)


def _legacy_windows() -> bool:
    from ppcli.cli.ansi import legacy_windows_console

    return legacy_windows_console()


def print_segments(segments: list[tuple[str, str]]) -> None:
    """Styled text on a colour terminal (plain SGR codes, see :mod:`ppcli.cli.ansi`;
    rich on a legacy Windows console); the plain string otherwise."""
    if _colour(sys.stdout) and not _legacy_windows():
        from ppcli.cli.ansi import write_segments

        write_segments(segments, sys.stdout)
    elif _colour(sys.stdout):
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


def print_json_lines(rows: Iterable[Any]) -> None:
    """A JSON list with one object per line: greppable, and written by the C encoder
    (pretty-printing takes the slow pure-Python path, seconds for a large repository),
    row by row: never held whole (50,000 agreements: 250 MiB less at the peak)."""
    write = sys.stdout.write
    start = "[\n"
    for row in rows:
        write(start + json_safe(json.dumps(row, ensure_ascii=False)))
        start = ",\n"
    write("[]\n" if start == "[\n" else "\n]\n")


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

    def __init__(self, ctx: typer.Context, lang: str | None = None, today: str | None = None,
                 jobs: int = 1) -> None:
        settings: Settings = ctx.find_root().obj
        self.ctx = ctx
        self.jobs = jobs  # processes that load the files (see ppcli.files.pool)
        self.lang = lang_of(ctx, lang)
        self.today = today_of(today or settings.today, self.lang)
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
            if self.jobs > 1:
                from ppcli.files.pool import load_all

                self._loaded = load_all(self.repo, self.jobs)
            else:
                from ppcli.files.repository import load

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
