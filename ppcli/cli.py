"""The command line: parse options, call the core, print, choose the exit status.

This module has the everyday commands (validate, list, show, due, schema);
:mod:`ppcli.cli_drafts` and :mod:`ppcli.cli_git` add the others to the same app, and
:mod:`ppcli.cliutil` holds what they share. These modules alone print or exit. Expected problems ("no repository here",
"no such agreement") are shown as one red line on stderr with exit status 2; problems in
the files are diagnostics (exit status 1 from ``validate``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from ppcli.cache import load_schedules, open_cache
from ppcli.checks import validate as validate_repo
from ppcli.cliutil import (
    AtOpt,
    DueFormat,
    LangOpt,
    Output,
    SchemaKind,
    TodayOpt,
    app,
    check_filters,
    fail,
    lang_of,
    loaded_at,
    loaded_or_fail,
    make_console,
    print_json,
    print_json_array,
    print_json_lines,
    print_renderable,
    print_segments,
    repo_of,
    say,
    today_of,
    warn_broken,
)
from ppcli.diagnostics import Diagnostic, Severity, format_json, format_text
from ppcli.due import DEFAULT_WITHIN, Query, due_from_schedules, due_items, duty_states
from ppcli.due import to_json as due_json
from ppcli.due_format import as_csv, as_markdown, text_segments
from ppcli.format import json_schema
from ppcli.i18n import Label
from ppcli.repository import (
    load,
    load_meta,
    select_files,
)
from ppcli.spec import did_you_mean
from ppcli.views import agreement_json, list_rows
from ppcli.workdays import CALENDAR_FROM, build_calendar


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
    language = lang_of(ctx, lang)
    day = today_of(today, language)
    repo = repo_of(ctx, language)
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
        say(summary(language), style)
    raise typer.Exit(1 if errors else 0)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Liệt kê các thỏa thuận: mã, loại, các bên, thời hạn, tình trạng."""
    language = lang_of(ctx, lang)
    day = today_of(today, language)
    loaded = loaded_or_fail(ctx, language)
    warn_broken(loaded, language)  # unreadable or broken files: said, never hidden
    rows = list_rows(loaded.agreements, loaded.registry, day)
    del loaded  # the rows are all the listing needs: free the repository before printing
    from ppcli.present import list_table  # rich tables: imported for this command only

    if output is Output.json:
        print_json_array(r.to_json() for r in rows)
    else:
        print_renderable(list_table(rows, language))


@app.command()
def show(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Mã thỏa thuận.")],
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    at: AtOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Xem đầy đủ một thỏa thuận."""
    language = lang_of(ctx, lang)
    day = today_of(today, language)
    loaded = loaded_at(ctx, language, at)
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
        print_json(agreement_json(found, loaded.registry, loaded.agreements, day, states))
    else:
        from ppcli.present import show_text

        make_console().print(show_text(found, loaded.registry, loaded.agreements, day, language,
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
    at: AtOpt = None,
    lang: LangOpt = None,
) -> None:
    """Báo cáo quá hạn, sắp đến hạn; hội nghị sơ kết, tổng kết sắp tới; thỏa thuận sắp hết hạn."""
    language = lang_of(ctx, lang)
    day = today_of(today, language)
    horizon = day + dt.timedelta(days=within)
    query = Query(day, within, party, agreement)
    if at is not None:  # the repository as it was: parsed afresh, not cached
        meta = loaded_at(ctx, language, at)
        check_filters(meta, party, agreement, language)
        warn_broken(meta, language)
        items = due_items(meta.agreements, meta.registry, meta.config, query)
    else:
        repo = repo_of(ctx, language)
        meta = load_meta(repo)
        config = meta.config
        cache = open_cache()
        result = load_schedules(
            repo, config, horizon,
            lambda: build_calendar(range(CALENDAR_FROM, horizon.year + 12), config.days_off,
                                   config.working_days),
            cache)
        if cache.warning is not None:
            say(cache.warning(language), "yellow")
        check_filters(meta, party, agreement, language, {s.id for s in result.schedules})
        warn_broken(meta, language, result.broken)
        items = due_from_schedules(result.schedules, meta.registry, query)
    if output is DueFormat.json:
        print_json_lines([due_json(i, day) for i in items])
    elif output is DueFormat.csv:
        sys.stdout.write("\ufeff" + as_csv(items, day))  # the BOM makes Excel read UTF-8
    elif output is DueFormat.markdown:
        sys.stdout.write(as_markdown(items, meta.registry, day, language))
    else:
        print_segments(text_segments(items, meta.registry, day, language))
    overdue = any(i.status == "overdue" for i in items)
    raise typer.Exit(1 if fail_on_overdue and overdue else 0)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        help="agreement (thỏa thuận), registry (danh mục tổ chức) hoặc config.")
    ] = SchemaKind.agreement,
) -> None:
    """In JSON Schema của định dạng tệp (cho trình soạn thảo có YAML language server)."""
    print_json(json_schema(kind.value))


# the other commands register themselves on the same app
from ppcli import cli_drafts, cli_git  # noqa: E402,F401


def main() -> None:
    """Entry point: UTF-8 output everywhere (Windows pipes default to a code page)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # exotic streams keep theirs
                reconfigure(encoding="utf-8", errors="replace")
    app()
