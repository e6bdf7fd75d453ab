"""The command line: parse options, call the core, print, choose the exit status.

This module has the everyday commands (validate, list, show, due, schema);
:mod:`ppcli.cli.drafts` and :mod:`ppcli.cli.git` add the others to the same app, and
:mod:`ppcli.cli.options` holds what they share. These modules alone print or exit. Each
command calls one function of :mod:`ppcli.commands`; an error of the core is said by the
one handler (:func:`ppcli.cli.options.guarded`) with its exit status (see :mod:`ppcli.errors`).
"""

from __future__ import annotations

import contextlib
import gc
import sys
from pathlib import Path
from typing import Annotated

import typer

from ppcli import commands
from ppcli.cli.options import (
    AtOpt,
    DueFormat,
    LangOpt,
    Output,
    Run,
    SchemaKind,
    TodayOpt,
    app,
    print_json,
    print_json_array,
    print_json_lines,
    print_segments,
    print_view,
    say,
    warn_broken,
)
from ppcli.diagnostics import format_json, format_text
from ppcli.engine.due import DEFAULT_WITHIN, Query
from ppcli.engine.due import to_json as due_json
from ppcli.engine.lifecycle import agreement_json, list_rows
from ppcli.files.declaration import json_schema
from ppcli.i18n import Label
from ppcli.views.due_listing import as_csv, as_markdown, text_segments


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
    run = Run(ctx, lang, today)
    result = commands.validate(run.repo, run.today, paths or ())
    if output is Output.json:
        sys.stdout.write(format_json(result.diagnostics, run.lang) + "\n")
    else:
        for d in result.diagnostics:
            sys.stdout.write(format_text(d, run.lang) + "\n")
        errors, warnings = result.errors, result.warnings
        summary = Label(f"{errors} lỗi, {warnings} cảnh báo ({result.files} tệp).",
                        f"{errors} error(s), {warnings} warning(s) ({result.files} files).")
        say(summary(run.lang), "red" if errors else ("yellow" if warnings else "green"))
    raise typer.Exit(1 if result.errors else 0)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Liệt kê các thỏa thuận: mã, loại, các bên, thời hạn, tình trạng."""
    run = Run(ctx, lang, today)
    loaded = run.loaded
    warn_broken(commands.broken_files(loaded), run.lang)  # said, never hidden
    rows = list_rows(loaded.agreements, loaded.registry, run.today)
    del loaded  # the rows are all the listing needs: free the repository before printing
    run.drop_loaded()
    if output is Output.json:
        print_json_array(r.to_json() for r in rows)
    else:
        from ppcli.views.agreements import list_table  # rich tables: imported for this command only

        print_view(list_table(rows, run.lang))


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
    run = Run(ctx, lang, today)
    shown = commands.show(commands.load_at(run.repo, at), agreement_id, run.today)
    loaded = shown.loaded
    if output is Output.json:
        print_json(agreement_json(shown.agreement, loaded.registry, loaded.agreements,
                                  run.today, shown.states))
    else:
        from ppcli.views.agreements import show_text

        print_view(show_text(shown.agreement, loaded.registry, loaded.agreements,
                             run.today, run.lang, shown.states))


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
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    day = run.today
    result = commands.due(run.repo, commands.DueRequest(Query(day, within, party, agreement),
                                                        at),
                          open_cache() if at is None else None)
    if result.cache_warning is not None:
        say(result.cache_warning(run.lang), "yellow")
    warn_broken(result.broken, run.lang)
    items = result.items
    if output is DueFormat.json:
        print_json_lines([due_json(i, day) for i in items])
    elif output is DueFormat.csv:
        sys.stdout.write("\ufeff" + as_csv(items, day))  # the BOM makes Excel read UTF-8
    elif output is DueFormat.markdown:
        sys.stdout.write(as_markdown(items, result.registry, day, run.lang))
    else:
        print_segments(text_segments(items, result.registry, day, run.lang))
    raise typer.Exit(1 if fail_on_overdue and result.overdue else 0)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        help="agreement (thỏa thuận), registry (danh mục tổ chức) hoặc config.")
    ] = SchemaKind.agreement,
) -> None:
    """In JSON Schema của định dạng tệp (cho trình soạn thảo có YAML language server)."""
    print_json(json_schema(kind.value))


# the other commands register themselves on the same app
from ppcli.cli import calendar_cmd as cli_calendar  # noqa: E402, F401
from ppcli.cli import drafts as cli_drafts  # noqa: E402, F401
from ppcli.cli import git as cli_git  # noqa: E402, F401
from ppcli.cli import site_cmd as cli_site  # noqa: E402, F401


def main() -> None:
    """Entry point: UTF-8 output everywhere (Windows pipes default to a code page), and
    no cyclic garbage collection: ppcli is a short-lived process whose loading builds
    millions of small objects that all stay alive, and each collection would walk them
    all again (on 5,000 agreements that tripled the load time). What is imported by now
    is moved out of the collector's sight (``gc.freeze``). Only here, never in the core:
    a program that uses ppcli as a library keeps its own collector."""
    gc.disable()
    gc.freeze()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # exotic streams keep theirs
                reconfigure(encoding="utf-8", errors="replace")
    app()
