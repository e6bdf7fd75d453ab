"""``ppcli holidays``: the calendar a clerk can check."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ppcli import commands
from ppcli.cli.options import LangOpt, Output, Run, TodayOpt, app, print_json
from ppcli.files.repository import Repo, RepoNotFound
from ppcli.views.holidays import holidays_json, holidays_text


@app.command()
def holidays(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(
        metavar="[YEAR]", min=1990, max=2100, show_default=False,
        help="Năm (mặc định: năm nay).")] = None,
    output: Annotated[Output, typer.Option("--format", help="Dạng kết quả.")] = Output.text,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Liệt kê ngày nghỉ và ngày làm bù ppcli dùng để tính hạn trong năm, kèm nguồn của từng ngày."""
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
