"""The command line: parse options, call the core, print, choose the exit status.

This is the only module that prints or exits. Expected problems ("no repository here",
"no such agreement") are shown as one red line on stderr with exit status 2; problems in
the files are diagnostics (exit status 1 from ``validate``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from ppcli import __version__
from ppcli.cache import cache_dir, load_schedules
from ppcli.checks import validate as validate_repo
from ppcli.diagnostics import Diagnostic, Severity, format_json, format_text
from ppcli.due import DEFAULT_WITHIN, Query, due_from_schedules, due_items, duty_states
from ppcli.due import to_json as due_json
from ppcli.due_format import as_csv, as_markdown, text_segments
from ppcli.fileio import atomic_write
from ppcli.format import json_schema
from ppcli.i18n import Label, Lang, pick_lang
from ppcli.present import list_table, show_text
from ppcli.repository import (
    Loaded,
    Repo,
    RepoNotFound,
    find_repo,
    load,
    load_agreement,
    load_meta,
    select_files,
)
from ppcli.spec import did_you_mean
from ppcli.views import agreement_json, list_rows
from ppcli.workdays import CALENDAR_FROM, build_calendar

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
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help="Coi hôm nay là ngày này (năm-tháng-ngày); mặc định: ngày thật.",
    show_default=False)]


def fail(message: Label, lang: Lang, status: int = 2) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"[red]ppcli: {message(lang)}[/red]")
    raise typer.Exit(status)


def _lang(ctx: typer.Context, option: str | None) -> Lang:
    settings: Settings = ctx.obj
    chosen = pick_lang(option or settings.lang, os.environ.get("PPCLI_LANG"))
    if chosen is None:
        fail(Label(f"ngôn ngữ không hỗ trợ: {option or settings.lang}; dùng vi hoặc en",
                   f"unsupported language: {option or settings.lang}; use vi or en"), "vi")
    return chosen


def _today(value: str | None, lang: Lang) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(Label(f"--today: ngày không hợp lệ \"{value}\"; hãy ghi dạng 2024-12-31",
                   f"--today: invalid date \"{value}\"; write it as 2024-12-31"), lang)


def _repo(ctx: typer.Context, lang: Lang) -> Repo:
    settings: Settings = ctx.obj
    try:
        return find_repo(Path.cwd(), settings.repo)
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


def _console() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # a file or a pipe: do not wrap at 80 columns
        console = Console(highlight=False, soft_wrap=False, width=200)
    return console


def _print_segments(segments: list[tuple[str, str]]) -> None:
    """Styled text on a colour terminal; the plain string otherwise (rich's renderer
    needs seconds for the thousands of lines of a large repository's listing)."""
    console = _console()
    if console.is_terminal and not console.no_color:
        console.print(Text.assemble(*segments), end="")
    else:
        sys.stdout.write("".join(text for text, _ in segments))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_json_lines(rows: list[Any]) -> None:
    """A JSON list with one object per line: greppable, and written by the C encoder
    (pretty-printing takes the slow pure-Python path, seconds for a large repository)."""
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    sys.stdout.write(f"[\n{body}\n]\n" if rows else "[]\n")


# -- commands ---------------------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Các tệp cần kiểm tra (mặc định: tất cả).", show_default=False)] = None,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Kiểm tra các tệp thỏa thuận, danh mục tổ chức và cấu hình; báo mọi lỗi một lần."""
    language = _lang(ctx, lang)
    day = _today(today, language)
    repo = _repo(ctx, language)
    loaded = load(repo)
    wanted: list[str] | None = None
    extra: list[Diagnostic] = []
    if paths:
        wanted, extra = select_files(repo, paths)
    diags = extra + validate_repo(loaded, day, wanted)
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = len(diags) - errors
    if output is Output.json:
        sys.stdout.write(format_json(diags, language) + "\n")
    else:
        for d in diags:
            sys.stdout.write(format_text(d, language) + "\n")
        files = len(wanted) if wanted is not None else loaded.files
        summary = Label(f"{errors} lỗi, {warnings} cảnh báo ({files} tệp).",
                        f"{errors} error(s), {warnings} warning(s) ({files} files).")
        style = "red" if errors else ("yellow" if warnings else "green")
        Console(stderr=True, highlight=False).print(f"[{style}]{summary(language)}[/{style}]")
    raise typer.Exit(1 if errors else 0)


def _loaded_or_fail(ctx: typer.Context, lang: Lang) -> Loaded:
    return load(_repo(ctx, lang))


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Liệt kê các thỏa thuận: mã, loại, các bên, thời hạn, tình trạng."""
    language = _lang(ctx, lang)
    day = _today(today, language)
    loaded = _loaded_or_fail(ctx, language)
    rows = list_rows(loaded.agreements, loaded.registry, day)
    if output is Output.json:
        _print_json([r.to_json() for r in rows])
    else:
        _console().print(list_table(rows, language))


@app.command()
def show(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Mã thỏa thuận.")],
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    at: Annotated[str | None, typer.Option(
        "--at", help="Như kho đã có ở phiên bản git này (commit, nhánh, thẻ).",
        show_default=False)] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Xem đầy đủ một thỏa thuận."""
    language = _lang(ctx, lang)
    day = _today(today, language)
    loaded = _loaded_at(ctx, language, at)
    found = next((a for a in loaded.agreements if a.id == agreement_id), None)
    if found is None:
        hint = did_you_mean(agreement_id, [a.id for a in loaded.agreements])
        broken = agreement_id in loaded.broken_ids
        fail(Label(f"không có thỏa thuận \"{agreement_id}\"{hint.vi}"
                   + ("; tệp của nó đang có lỗi, hãy chạy ppcli validate" if broken else ""),
                   f"no agreement \"{agreement_id}\"{hint.en}"
                   + ("; its file has errors, run ppcli validate" if broken else "")),
             language)
    states = duty_states(found, loaded.agreements, loaded.config, day)
    if output is Output.json:
        _print_json(agreement_json(found, loaded.registry, loaded.agreements, day, states))
    else:
        _console().print(show_text(found, loaded.registry, loaded.agreements, day, language,
                                   states))


@app.command()
def due(
    ctx: typer.Context,
    today: TodayOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660,
        help="Nhìn trước bao nhiêu ngày (báo cáo sắp đến hạn, hội nghị sắp tới).")
    ] = DEFAULT_WITHIN,
    party: Annotated[str | None, typer.Option(
        "--party", help="Chỉ việc mà tổ chức này (mã) phải làm hoặc chủ trì.",
        show_default=False)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help="Chỉ một thỏa thuận (mã).", show_default=False)] = None,
    output: Annotated[DueFormat, typer.Option("--format", help="Dạng kết quả.")
                      ] = DueFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help="Trả mã thoát 1 nếu có việc quá hạn (cho cron, CI).")
    ] = False,
    at: Annotated[str | None, typer.Option(
        "--at", help="Như kho đã có ở phiên bản git này (commit, nhánh, thẻ).",
        show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """Báo cáo quá hạn, sắp đến hạn; hội nghị sơ kết, tổng kết sắp tới; thỏa thuận sắp hết hạn."""
    language = _lang(ctx, lang)
    day = _today(today, language)
    horizon = day + dt.timedelta(days=within)
    query = Query(day, within, party, agreement)
    if at is not None:  # the repository as it was: parsed afresh, not cached
        meta = _loaded_at(ctx, language, at)
        _check_filters(meta, party, agreement, language)
        _warn_broken(meta, language)
        items = due_items(meta.agreements, meta.registry, meta.config, query)
    else:
        repo = _repo(ctx, language)
        meta = load_meta(repo)
        config = meta.config
        result = load_schedules(
            repo, config, horizon,
            lambda: build_calendar(range(CALENDAR_FROM, horizon.year + 12), config.days_off,
                                   config.working_days),
            cache_dir())
        _check_filters(meta, party, agreement, language, {s.id for s in result.schedules})
        _warn_broken(meta, language, result.broken)
        items = due_from_schedules(result.schedules, meta.registry, query)
    if output is DueFormat.json:
        _print_json_lines([due_json(i, day) for i in items])
    elif output is DueFormat.csv:
        sys.stdout.write("\ufeff" + as_csv(items, day))  # the BOM makes Excel read UTF-8
    elif output is DueFormat.markdown:
        sys.stdout.write(as_markdown(items, meta.registry, day, language))
    else:
        _print_segments(text_segments(items, meta.registry, day, language))
    overdue = any(i.status == "overdue" for i in items)
    raise typer.Exit(1 if fail_on_overdue and overdue else 0)


def _warn_broken(loaded: Loaded, lang: Lang, files: list[str] | None = None) -> None:
    """Files with errors are left out of the listing: say so, never silently."""
    broken = sorted({d.path for d in loaded.diags if d.severity is Severity.ERROR}
                    | set(files or ()))
    if broken:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            "[yellow]" + Label(
                f"Cảnh báo: {len(broken)} tệp có lỗi nên không được tính ({', '.join(broken)}); "
                "hãy chạy ppcli validate",
                f"Warning: {len(broken)} file(s) with errors are left out "
                f"({', '.join(broken)}); run ppcli validate")(lang) + "[/yellow]")


@app.command()
def ics(
    ctx: typer.Context,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Ghi ra tệp .ics (mặc định: in ra màn hình).",
        show_default=False)] = None,
    today: TodayOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, help="Gồm các hạn trong bao nhiêu ngày tới.")] = 365,
    party: Annotated[str | None, typer.Option(
        "--party", help="Chỉ việc của tổ chức này (mã).", show_default=False)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help="Chỉ một thỏa thuận (mã).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOpt = None,
) -> None:
    """Lịch iCalendar (.ics) các hạn báo cáo và hội nghị, cho Outlook, Thunderbird, điện thoại."""
    language = _lang(ctx, lang)
    day = _today(today, language)
    loaded = _loaded_or_fail(ctx, language)
    _check_filters(loaded, party, agreement, language)
    _warn_broken(loaded, language)
    items = due_items(loaded.agreements, loaded.registry, loaded.config,
                      Query(day, within, party, agreement, include_done=True))
    from ppcli.ics import build as build_ics  # icalendar: imported only for this command

    data = build_ics(items, loaded.registry, day)
    if output_file is None:
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else \
            sys.stdout.write(data.decode("utf-8"))
        return
    if output_file.exists() and not force:
        fail(Label(f"tệp {output_file} đã có; dùng --force để ghi đè",
                   f"{output_file} exists; use --force to overwrite"), language)
    atomic_write(output_file, data)
    Console(stderr=True, highlight=False).print(Label(
        f"Đã ghi {len(items)} sự kiện vào {output_file}",
        f"Wrote {len(items)} events to {output_file}")(language))


def _check_filters(loaded: Loaded, party: str | None, agreement: str | None,
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


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _git_fail(exc: Exception, language: Lang) -> NoReturn:
    from ppcli.gitio import GitError
    assert isinstance(exc, GitError)
    fail(exc.label, language)


@app.command()
def history(
    ctx: typer.Context,
    agreement: Annotated[str | None, typer.Argument(
        help="Chỉ một thỏa thuận (mã).", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Từ ngày (năm-tháng-ngày).", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Đến ngày (năm-tháng-ngày).", show_default=False)] = None,
    author: Annotated[str | None, typer.Option(
        "--author", help="Chỉ các thay đổi của người này (tên hoặc email).",
        show_default=False)] = None,
    output: Annotated[HistoryFormat, typer.Option("--format", help="Dạng kết quả.")
                      ] = HistoryFormat.table,
    lang: LangOpt = None,
) -> None:
    """Lịch sử thay đổi các thỏa thuận, nói bằng lời của thỏa thuận."""
    from ppcli.gitio import GitError
    from ppcli.history import history as repo_history
    from ppcli.history_format import history_markdown, history_text

    language = _lang(ctx, lang)
    start = _today(since, language) if since else None
    end = _today(until, language) if until else None
    repo = _repo(ctx, language)
    meta = load_meta(repo)
    try:
        entries = repo_history(repo, meta.registry, agreement, start, end, author,
                               cache=cache_dir())
    except GitError as exc:
        _git_fail(exc, language)
    if output is HistoryFormat.json:
        _print_json([e.to_json() for e in entries])
    elif output is HistoryFormat.markdown:
        sys.stdout.write(history_markdown(entries, language))
    else:
        sys.stdout.write(history_text(entries, language))


@app.command("diff")
def diff_cmd(
    ctx: typer.Context,
    revisions: Annotated[list[str] | None, typer.Argument(
        metavar="[REV [REV]]", help="Hai phiên bản, hoặc một phiên bản và thư mục làm việc "
        "(mặc định: HEAD và thư mục làm việc).", show_default=False)] = None,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
) -> None:
    """Những gì đã đổi về nội dung giữa hai phiên bản (hoặc chưa commit)."""
    from ppcli.gitio import GitError
    from ppcli.history import diff as repo_diff
    from ppcli.history_format import diff_text

    language = _lang(ctx, lang)
    revs = revisions or []
    if len(revs) > 2:
        fail(Label("diff nhận nhiều nhất hai phiên bản", "diff takes at most two revisions"),
             language)
    repo = _repo(ctx, language)
    meta = load_meta(repo)
    try:
        files = repo_diff(repo, meta.registry, revs[0] if revs else "HEAD",
                          revs[1] if len(revs) > 1 else None)
    except GitError as exc:
        _git_fail(exc, language)
    if output is Output.json:
        _print_json([f.to_json() for f in files])
    else:
        sys.stdout.write(diff_text(files, language))


def _loaded_at(ctx: typer.Context, language: Lang, rev: str | None) -> Loaded:
    """The repository now, or as it stood at a git revision (``--at``)."""
    if rev is None:
        return _loaded_or_fail(ctx, language)
    from ppcli.gitio import GitError
    from ppcli.history import files_at
    from ppcli.repository import load_contents

    repo = _repo(ctx, language)
    try:
        return load_contents(repo, files_at(repo, rev))
    except GitError as exc:
        _git_fail(exc, language)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", help="Thư mục kho (mặc định: thư mục hiện tại).")] = Path("."),
    lang: Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ: vi hoặc en.",
                                             show_default=False)] = None,
) -> None:
    """Tạo kho thỏa thuận mới, hoặc bổ sung phần còn thiếu cho kho đã có (chạy lại an toàn)."""
    from ppcli.gitio import GitError
    from ppcli.scaffold import init_repository

    language = pick_lang(lang, os.environ.get("PPCLI_LANG")) or "vi"
    try:
        # the interpreter running now: works whether or not ppcli is on the PATH
        python = Path(sys.executable).as_posix()
        steps = init_repository(folder, dt.date.today(), f'"{python}" -m ppcli textconv')
    except (GitError, OSError) as exc:
        message = exc.label if isinstance(exc, GitError) else Label(str(exc), str(exc))
        fail(message, language)
    for step in steps:
        sys.stdout.write(("+ " if step.done else "= ") + step.what(language) + "\n")


@app.command()
def new(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Mã thỏa thuận mới.")],
    title: Annotated[str, typer.Option("--title", help="Tên (trích yếu) của văn bản.")],
    party: Annotated[list[str], typer.Option(
        "--party", help="Mã một bên (ghi ít nhất hai lần).")],
    kind: Annotated[str, typer.Option(
        "--kind", help="quy-che, chuong-trinh, ke-hoach hoặc khac.")] = "quy-che",
    start: Annotated[str | None, typer.Option(
        "--start", help="Ngày bắt đầu (mặc định: hôm nay).", show_default=False)] = None,
    end: Annotated[str | None, typer.Option(
        "--end", help="Ngày kết thúc (bỏ trống: không thời hạn).", show_default=False)] = None,
    folder: Annotated[str | None, typer.Option(
        "--dir", help="Thư mục con trong agreements/, ví dụ ca-mau.", show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Tạo tệp thỏa thuận mới từ khung có chú thích; không bao giờ ghi đè."""
    from ppcli.format import AGREEMENT_KINDS
    from ppcli.scaffold import agreement_text, schema_reference
    from ppcli.spec import ID_PATTERN

    language = _lang(ctx, lang)
    import re
    if not re.match(ID_PATTERN, agreement_id):
        fail(Label(f"mã \"{agreement_id}\" không hợp lệ: chỉ chữ thường không dấu, số, dấu "
                   "gạch ngang", f"invalid id \"{agreement_id}\""), language)
    if kind not in AGREEMENT_KINDS:
        fail(Label(f"--kind: {kind}? dùng {', '.join(AGREEMENT_KINDS)}",
                   f"--kind: {kind}? use {', '.join(AGREEMENT_KINDS)}"), language)
    begin = _today(start, language) if start else dt.date.today()
    finish = _today(end, language) if end else None
    repo = _repo(ctx, language)
    loaded = load(repo)
    if len(party) < 2:
        fail(Label("cần ít nhất hai --party", "at least two --party are needed"), language)
    for p in party:
        if p not in loaded.registry.orgs:
            hint = did_you_mean(p, loaded.registry.orgs)
            fail(Label(f"--party: không có tổ chức \"{p}\" trong danh mục{hint.vi}",
                       f"--party: no organisation \"{p}\"{hint.en}"), language)
    if agreement_id in {a.id for a in loaded.agreements} | loaded.broken_ids:
        fail(Label(f"đã có thỏa thuận \"{agreement_id}\"",
                   f"agreement \"{agreement_id}\" exists"), language)
    target_dir = repo.data / folder if folder else repo.data
    target = target_dir / f"{agreement_id}.yaml"
    if target.exists():
        fail(Label(f"tệp {repo.shown(target)} đã có; không ghi đè",
                   f"{repo.shown(target)} exists; not overwritten"), language)
    text = agreement_text(agreement_id, kind, title, party, begin, finish,
                          schema_reference(repo.root, target_dir))
    agreement, check_ctx, _ = load_agreement(target, repo.shown(target), text.encode("utf-8"))
    loaded.add(agreement, check_ctx, agreement_id)
    problems = [d for d in validate_repo(loaded, dt.date.today(), [repo.shown(target)])
                if d.severity is Severity.ERROR]
    if problems:
        for d in problems:
            sys.stderr.write(format_text(d, language) + "\n")
        fail(Label("thỏa thuận mới không hợp lệ; không ghi gì",
                   "the new agreement would not validate; nothing written"), language, 1)
    target_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(target, text.encode("utf-8"))
    sys.stdout.write(Label(f"Đã tạo {repo.shown(target)}", f"Created {repo.shown(target)}")
                     (language) + "\n")


@app.command(hidden=True)
def textconv(
    file: Annotated[Path, typer.Argument(help="Tệp YAML (git truyền vào).")],
) -> None:
    """Dạng chuẩn hóa của một tệp cho git diff (diff.ppcli.textconv)."""
    from ppcli.format import CONFIG_FILE, REGISTRY_FILE
    from ppcli.semdiff import SPECS, normalised, read_data

    raw = file.read_bytes()
    kind = {CONFIG_FILE: "config", REGISTRY_FILE: "registry"}.get(file.name, "agreement")
    data, _ = read_data(raw, file.name, SPECS[kind])
    if data is None:  # an invalid file still diffs, as text
        sys.stdout.write(raw.decode("utf-8", "replace"))
    else:
        sys.stdout.write(normalised(data))


class RenderFormat(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"


@app.command()
def render(
    ctx: typer.Context,
    agreement: Annotated[str, typer.Argument(help="Mã thỏa thuận.")],
    item: Annotated[str, typer.Argument(help="Mã nghĩa vụ báo cáo hoặc mã hội nghị.")],
    period: Annotated[str | None, typer.Argument(
        help="Kỳ báo cáo (2025, 2025-H1, 2025-Q3, 2025-05); không dùng cho hội nghị.",
        show_default=False)] = None,
    output: Annotated[RenderFormat, typer.Option("--format", help="Dạng tệp.")
                      ] = RenderFormat.docx,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Tệp kết quả (mặc định: BC-<mã>-<việc>-<kỳ>.<dạng>).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    as_org: Annotated[str | None, typer.Option(
        "--as", help="Bên báo cáo (khi có nhiều bên).", show_default=False)] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help="Mẫu Jinja dùng thay mẫu mặc định.", show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Chỉ liệt kê những gì mẫu cần mà dữ liệu thiếu.")] = False,
    on: Annotated[str | None, typer.Option(
        "--date", help="Ngày ghi trên báo cáo (mặc định: hôm nay).", show_default=False)
    ] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Soạn dự thảo báo cáo (định kỳ, sơ kết, tổng kết) theo thể thức Nghị định 30/2020."""
    from ppcli.draft import DraftError, Request, build_context, envelope, file_name
    from ppcli.render import (
        TEMPLATES,
        TemplateProblem,
        check_template,
        environment,
        parse_body,
        render_body,
        search_path,
        to_html,
        to_markdown,
    )

    language = _lang(ctx, lang)
    day = _today(today, language)
    report_day = _today(on, language) if on else day
    loaded = _loaded_or_fail(ctx, language)
    found = next((a for a in loaded.agreements if a.id == agreement), None)
    if found is None:
        hint = did_you_mean(agreement, [a.id for a in loaded.agreements])
        fail(Label(f"không có thỏa thuận \"{agreement}\"{hint.vi}",
                   f"no agreement \"{agreement}\"{hint.en}"), language)
    if template is not None and not template.is_file():
        fail(Label(f"--template: không có tệp {template}", f"--template: no file {template}"),
             language)
    request = Request(agreement, item, period, as_org, report_day)
    states = duty_states(found, loaded.agreements, loaded.config, report_day,
                         within=120)
    try:
        context = build_context(found, loaded.registry, loaded.config, states, request)
        search, custom = search_path(loaded.repo.root, template)
        name = custom or TEMPLATES[context["report"]["kind"]]
        if check:
            missing = check_template(search, name, context, loaded.registry)
            for field in missing:
                sys.stdout.write(Label(f"thiếu: {field}", f"missing: {field}")(language) + "\n")
            if not missing:
                sys.stdout.write(Label("Mẫu có đủ dữ liệu.", "The data covers the template.")
                                 (language) + "\n")
            raise typer.Exit(1 if missing else 0)
        body = render_body(environment(search, registry=loaded.registry), name, context)
    except (DraftError, TemplateProblem) as exc:
        fail(exc.label, language, status=1)
    env_ = envelope(context)
    blocks = parse_body(body)
    if output is RenderFormat.docx:
        from ppcli.docx_writer import build_docx
        data = build_docx(env_, blocks)
    elif output is RenderFormat.md:
        data = to_markdown(env_, blocks).encode("utf-8")
    else:
        data = to_html(env_, blocks).encode("utf-8")
    target = output_file or Path(file_name(request, output.value))
    if target.exists() and not force:
        fail(Label(f"tệp {target} đã có; dùng --force để ghi đè hoặc -o để đặt tên khác",
                   f"{target} exists; use --force to overwrite or -o for another name"),
             language)
    atomic_write(target, data)
    Console(stderr=True, highlight=False).print(Label(
        f"Đã soạn dự thảo: {target}", f"Draft written: {target}")(language))


record_app = typer.Typer(
    help="Ghi nhận đã gửi báo cáo hoặc đã tổ chức hội nghị (không cần sửa YAML bằng tay).",
    no_args_is_help=True)
app.add_typer(record_app, name="record")

OnOpt = Annotated[str | None, typer.Option(
    "--on", help="Ngày gửi hoặc ngày tổ chức (năm-tháng-ngày); mặc định: hôm nay.",
    show_default=False)]


def _record(ctx: typer.Context, lang: str | None, today: str | None, on: str | None,
            agreement: str, entry_of: Any, report: Any = None, conference: Any = None,
            describe_as: tuple[str, str, str | None] = ("report", "", None)) -> None:
    from ppcli.record import RecordError, describe
    from ppcli.record import record as record_entry

    language = _lang(ctx, lang)
    day = _today(today, language)
    when = _today(on, language) if on else day
    repo = _repo(ctx, language)
    try:
        written = record_entry(repo, agreement, entry_of(when), day, report=report,
                               conference=conference)
    except RecordError as exc:
        for d in exc.diagnostics:
            sys.stderr.write(format_text(d, language) + "\n")
        fail(exc.label, language, status=1)
    kind, item, period = describe_as
    console = _console()
    console.print(describe(written, kind, item, period, when)(language))
    for line in written.lines:
        console.print(line, markup=False)


@record_app.command("report")
def record_report(
    ctx: typer.Context,
    agreement: Annotated[str, typer.Argument(help="Mã thỏa thuận.")],
    duty: Annotated[str, typer.Argument(help="Mã nghĩa vụ báo cáo.")],
    period: Annotated[str | None, typer.Argument(
        help="Kỳ: 2024, 2024-H1, 2024-Q3, 2024-05 (bỏ trống cho báo cáo một lần).",
        show_default=False)] = None,
    on: OnOpt = None,
    number: Annotated[str | None, typer.Option(
        "--number", help="Số, ký hiệu của báo cáo, ví dụ \"12/BC-SNV\".",
        show_default=False)] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Bên đã gửi (khi nghĩa vụ có nhiều bên báo cáo).",
        show_default=False)] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Ghi nhận đã gửi báo cáo của một kỳ."""
    from ppcli.record import report_entry

    _record(ctx, lang, today, on, agreement,
            lambda when: report_entry(duty, period, when, number, by),
            report=(duty, period, by), describe_as=("report", duty, period))


@record_app.command("conference")
def record_conference(
    ctx: typer.Context,
    agreement: Annotated[str, typer.Argument(help="Mã thỏa thuận.")],
    conference: Annotated[str, typer.Argument(help="Mã hội nghị.")],
    on: OnOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Ghi nhận đã tổ chức hội nghị sơ kết, tổng kết."""
    from ppcli.record import conference_entry

    _record(ctx, lang, today, on, agreement,
            lambda when: conference_entry(conference, when), conference=conference,
            describe_as=("conference", conference, None))


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        help="agreement (thỏa thuận), registry (danh mục tổ chức) hoặc config.")
    ] = SchemaKind.agreement,
) -> None:
    """In JSON Schema của định dạng tệp (cho trình soạn thảo có YAML language server)."""
    _print_json(json_schema(kind.value))


def main() -> None:
    """Entry point: UTF-8 output everywhere (Windows pipes default to a code page)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # exotic streams keep theirs
                reconfigure(encoding="utf-8", errors="replace")
    app()
