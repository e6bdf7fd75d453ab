"""``ppcli holidays``: the calendar a clerk can check (registered from
:mod:`ppcli.cli.everyday`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ppcli.cli.options import FormatHelp, LangOpt, Output, Run, TodayOpt, app, print_json, w

YEAR_WORD = w("[NĂM]", "[YEAR]")


@app.command(help=w(
    "Liệt kê ngày nghỉ và ngày làm bù ppcli dùng để tính hạn trong năm, kèm nguồn của từng "
    "ngày.",
    "List the days off and make-up working days ppcli counts in a year, each with its "
    "source."))
def holidays(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(
        metavar=YEAR_WORD, min=1990, max=2100, show_default=False,
        help=w("Năm (mặc định: năm nay).", "The year (default: this year).")
    )] = None,
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.files.repository import Repo, RepoNotFound
    from ppcli.views.holidays import holidays_json, holidays_text

    run = Run(ctx, lang, today)
    repo: Repo | None
    try:
        repo = run.repo
    except RepoNotFound:
        repo = None  # outside a repository: the package and the shipped decisions only
    result = commands.holidays(repo, year or run.today.year)
    if output is Output.json:
        print_json(holidays_json(result.days, run.lang))
    else:
        sys.stdout.write(holidays_text(result.year, result.days, result.repository, run.lang))
