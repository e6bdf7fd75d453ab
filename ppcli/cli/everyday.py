"""The command line: parse options, call the core, print, choose the exit status.

This module has the everyday commands (validate, list, show, due, schema);
:mod:`ppcli.cli.drafts` and :mod:`ppcli.cli.git` add the others to the same app, and
:mod:`ppcli.cli.options` holds what they share. These modules alone print or exit. Each
command calls one function of :mod:`ppcli.commands`; an error of the core is said by the
one handler (:func:`ppcli.cli.options.guarded`) with its exit status (see :mod:`ppcli.errors`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ppcli.cli.inputs import complete_agreement, complete_org
from ppcli.cli.options import (
    CODE_WORD,
    DAYS_WORD,
    FILE_WORD,
    AtOpt,
    DueFormat,
    FormatHelp,
    JobsOpt,
    LangOpt,
    Output,
    Run,
    SchemaKind,
    TodayOpt,
    app,
    jobs_of,
    print_json,
    print_json_array,
    print_json_lines,
    print_segments,
    print_view,
    say,
    w,
    warn_broken,
)
from ppcli.i18n import Label

# ``due --within``'s default; the engine's DEFAULT_WITHIN, which a test keeps equal (the
# engine is not imported for ``--help``)
DEFAULT_WITHIN = 30


@app.command(help=w(
    "Kiểm tra các tệp thỏa thuận, danh mục tổ chức và cấu hình; báo mọi lỗi một lần.",
    "Check the agreement files, the organisation registry and the configuration; report "
    "every error at once."))
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        help=w("Các tệp cần kiểm tra (mặc định: tất cả).", "The files to check (default: all)."),
        metavar=f"[{FILE_WORD}]...", show_default=False)] = None,
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.diagnostics import format_json, format_text
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    cache = open_cache()
    result = commands.validate(run.repo, run.today, paths or (), cache, jobs_of(jobs))
    if cache.warning is not None:
        say(cache.warning(run.lang), "yellow")
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


@app.command("list", help=w(
    "Liệt kê các thỏa thuận: mã, loại, các bên, thời hạn, tình trạng.",
    "List the agreements: code, kind, parties, term, status."))
def list_cmd(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.engine.lifecycle import list_rows

    run = Run(ctx, lang, today, jobs_of(jobs))
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


@app.command(help=w("Xem đầy đủ một thỏa thuận.", "Show one agreement in full."))
def show(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(
        metavar=CODE_WORD, help=w("Mã thỏa thuận.", "The agreement's code."),
        autocompletion=complete_agreement)],
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    at: AtOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.engine.lifecycle import agreement_json
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    if at is None:
        cache = open_cache()  # only this agreement's file is parsed (and its successor's)
        loaded = commands.load_for(run.repo, agreement_id, run.today, cache, jobs_of(jobs))
        if cache.warning is not None:
            say(cache.warning(run.lang), "yellow")
    else:
        loaded = commands.load_at(run.repo, at)
    shown = commands.show(loaded, agreement_id, run.today)
    loaded = shown.loaded
    if output is Output.json:
        print_json(agreement_json(shown.agreement, loaded.registry, loaded.agreements,
                                  run.today, shown.states))
    else:
        from ppcli.views.agreements import show_text

        print_view(show_text(shown.agreement, loaded.registry, loaded.agreements,
                             run.today, run.lang, shown.states))


@app.command(help=w(
    "Báo cáo quá hạn, sắp đến hạn; hội nghị sơ kết, tổng kết sắp tới; thỏa thuận sắp hết hạn.",
    "Reports overdue and coming due; review conferences ahead; agreements about to end."))
def due(
    ctx: typer.Context,
    today: TodayOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, metavar=DAYS_WORD,
        help=w("Nhìn trước bao nhiêu ngày (báo cáo sắp đến hạn, hội nghị sắp tới).",
               "How many days to look ahead (reports coming due, conferences)."))
    ] = DEFAULT_WITHIN,
    party: Annotated[str | None, typer.Option(
        "--party", help=w("Chỉ việc mà tổ chức này phải làm hoặc chủ trì (mã, hoặc một phần "
                          "tên: \"tinh doan ca mau\").",
                          "Only what this organisation must do or hosts (its code, or a piece "
                          "of its name: \"tinh doan ca mau\")."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help=w("Chỉ một thỏa thuận (mã).", "Only one agreement (code)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_agreement)] = None,
    output: Annotated[DueFormat, typer.Option("--format", help=FormatHelp)
                      ] = DueFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help=w("Trả mã thoát 1 nếu có việc quá hạn (cho cron, CI).",
                                    "Exit with status 1 when something is overdue "
                                    "(for cron, CI)."))
    ] = False,
    at: AtOpt = None,
    lang: LangOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.engine.due import Query
    from ppcli.engine.due import to_json as due_json
    from ppcli.files.store import open_cache
    from ppcli.views.due_listing import as_csv, as_markdown, text_segments

    run = Run(ctx, lang, today)
    day = run.today
    result = commands.due(run.repo, commands.DueRequest(Query(day, within, party, agreement),
                                                        at, jobs_of(jobs)),
                          open_cache() if at is None else None)
    if result.cache_warning is not None:
        say(result.cache_warning(run.lang), "yellow")
    warn_broken(result.broken, run.lang)
    items = result.items
    if output is DueFormat.json:
        print_json_lines(due_json(i, day, run.lang) for i in items)
    elif output is DueFormat.csv:
        sys.stdout.write("\ufeff" + as_csv(items, day, run.lang))  # the BOM: Excel reads UTF-8
    elif output is DueFormat.markdown:
        sys.stdout.write(as_markdown(items, result.registry, day, run.lang))
    else:
        print_segments(text_segments(items, result.registry, day, run.lang))
    raise typer.Exit(1 if fail_on_overdue and result.overdue else 0)


@app.command(help=w(
    "In JSON Schema của định dạng tệp (cho trình soạn thảo có YAML language server).",
    "Print the JSON Schema of the file format (for editors with a YAML language server)."))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        metavar=f"[{w('LOẠI', 'KIND')}]",
        help=w("agreement (thỏa thuận), registry (danh mục tổ chức) hoặc config.",
               "agreement, registry (the organisations) or config."))
    ] = SchemaKind.agreement,
) -> None:
    from ppcli.files.declaration import json_schema

    print_json(json_schema(kind.value))


# the other commands register themselves on the same app
from ppcli.cli import calendar_cmd as cli_calendar  # noqa: E402, F401
from ppcli.cli import chase_cmd as cli_chase  # noqa: E402, F401
from ppcli.cli import drafts as cli_drafts  # noqa: E402, F401
from ppcli.cli import git as cli_git  # noqa: E402, F401
from ppcli.cli import import_cmd as cli_import  # noqa: E402, F401
from ppcli.cli import lookup as cli_lookup  # noqa: E402, F401
from ppcli.cli import site_cmd as cli_site  # noqa: E402, F401
from ppcli.cli import stats_cmd as cli_stats  # noqa: E402, F401


def main() -> None:
    """The entry point (kept for scripts that name it): see :func:`ppcli.cli.start.main`."""
    from ppcli.cli.start import main as start

    start()
