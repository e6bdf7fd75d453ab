"""What the command modules share: the typer app, common options, the one way to fail,
and output helpers. Nothing below the CLI layer prints; these helpers are the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ppcli import __version__
from ppcli.diagnostics import Severity
from ppcli.i18n import Label, Lang, pick_lang
from ppcli.repository import (
    ForeignRepo,
    Loaded,
    Repo,
    RepoNotFound,
    find_repo,
    load,
)
from ppcli.safetext import json_safe, one_line, visible
from ppcli.spec import did_you_mean

app = typer.Typer(
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
AgreementArg = Annotated[str, typer.Argument(help="Mã thỏa thuận.")]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help="Coi hôm nay là ngày này (năm-tháng-ngày); mặc định: ngày thật.",
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


def fail(message: Label, lang: Lang, status: int = 2) -> NoReturn:
    say(f"ppcli: {message(lang)}", "red")
    raise typer.Exit(status)


def lang_of(ctx: typer.Context, option: str | None) -> Lang:
    settings: Settings = ctx.obj
    chosen = pick_lang(option or settings.lang, os.environ.get("PPCLI_LANG"))
    if chosen is None:
        fail(Label(f"ngôn ngữ không hỗ trợ: {option or settings.lang}; dùng vi hoặc en",
                   f"unsupported language: {option or settings.lang}; use vi or en"), "vi")
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
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        fail(Label(f"{option}: ngày không hợp lệ \"{value}\"; hãy ghi dạng 2024-12-31",
                   f"{option}: invalid date \"{value}\"; write it as 2024-12-31"), lang)
    if not FIRST_DAY <= day <= LAST_DAY:
        fail(Label(f"{option}: ngày {value} nằm ngoài khoảng ppcli tính được "
                   f"({FIRST_DAY.isoformat()} đến {LAST_DAY.isoformat()})",
                   f"{option}: the date {value} is outside the range ppcli can compute "
                   f"with ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"), lang)
    return day


def repo_of(ctx: typer.Context, lang: Lang) -> Repo:
    settings: Settings = ctx.obj
    try:
        return find_repo(Path.cwd(), settings.repo)
    except ForeignRepo as exc:
        fail(Label(f"thư mục \"{exc.folder}\" chứa kho thỏa thuận nhưng thuộc về người dùng "
                   f"khác nên ppcli không dùng nó (ai có quyền ghi vào đó có thể đổi dữ liệu, "
                   f"mẫu của bạn). Nếu tin tưởng kho này, hãy chỉ rõ: --repo "
                   f"\"{exc.folder}\"",
                   f"the folder \"{exc.folder}\" holds an agreements repository but belongs "
                   f"to another user, so ppcli does not use it (whoever can write there can "
                   f"change your data and templates). If you trust it, name it: --repo "
                   f"\"{exc.folder}\""), lang, status=3)
    except RepoNotFound as exc:
        if exc.explicit:
            fail(Label(f"\"{exc.start}\" không phải kho thỏa thuận (không có "
                       f"agreements/ppcli.yaml)",
                       f"\"{exc.start}\" is not an agreements repository (no "
                       f"agreements/ppcli.yaml)"), lang)
        fail(Label("không tìm thấy kho thỏa thuận (thư mục có agreements/ppcli.yaml) ở thư "
                   "mục hiện tại hay các thư mục cha; hãy chuyển vào kho hoặc dùng --repo",
                   "no agreements repository (a folder with agreements/ppcli.yaml) here or "
                   "above; change into one or use --repo"), lang)


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


def loaded_or_fail(ctx: typer.Context, lang: Lang) -> Loaded:
    return load(repo_of(ctx, lang))


def warn_broken(loaded: Loaded, lang: Lang, files: list[str] | None = None) -> None:
    """Files with errors are left out of the listing: say so, never silently."""
    broken = sorted({d.path for d in loaded.diags if d.severity is Severity.ERROR}
                    | set(files or ()))
    if broken:
        say(Label(f"Cảnh báo: {len(broken)} tệp có lỗi nên không được tính "
                  f"({', '.join(broken)}); hãy chạy ppcli validate",
                  f"Warning: {len(broken)} file(s) with errors are left out "
                  f"({', '.join(broken)}); run ppcli validate")(lang), "yellow")


def check_filters(loaded: Loaded, party: str | None, agreement: str | None,
                   language: Lang, ids: set[str] | None = None) -> None:
    if party is not None and party not in loaded.registry.orgs:
        hint = did_you_mean(party, loaded.registry.orgs)
        fail(Label(f"--party: không có tổ chức \"{party}\" trong danh mục{hint.vi}",
                   f"--party: no organisation \"{party}\" in the registry{hint.en}"), language)
    known = ids if ids is not None else {a.id for a in loaded.agreements}
    if agreement is not None and agreement not in known:
        hint = did_you_mean(agreement, known)
        fail(Label(f"--agreement: không có thỏa thuận \"{agreement}\"{hint.vi}",
                   f"--agreement: no agreement \"{agreement}\"{hint.en}"), language)


def git_fail(exc: Exception, language: Lang) -> NoReturn:
    from ppcli.gitio import GitError
    assert isinstance(exc, GitError)
    fail(exc.label, language)


def loaded_at(ctx: typer.Context, language: Lang, rev: str | None) -> Loaded:
    """The repository now, or as it stood at a git revision (``--at``)."""
    if rev is None:
        return loaded_or_fail(ctx, language)
    from ppcli.gitio import GitError
    from ppcli.history import files_at
    from ppcli.repository import load_contents

    repo = repo_of(ctx, language)
    try:
        return load_contents(repo, files_at(repo, rev))
    except GitError as exc:
        git_fail(exc, language)


