"""``ppcli stats``: the four classes counted per party and per agreement (registered
from :mod:`ppcli.cli.everyday`)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ppcli.cli.inputs import complete_agreement, complete_org
from ppcli.cli.options import (
    CODE_WORD,
    FormatHelp,
    LangOpt,
    Run,
    TodayOpt,
    app,
    print_json,
    print_view,
    w,
    warn_broken,
)


class StatsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@app.command(help=w(
    "Thống kê việc thực hiện theo bốn loại của Văn phòng Chính phủ (đã hoàn thành đúng hạn, "
    "đã hoàn thành quá hạn, chưa hoàn thành trong hạn, chưa hoàn thành quá hạn), số lần bị "
    "đôn đốc và tổng số ngày trễ, theo từng bên và từng thỏa thuận.",
    "Counts in the Government Office's four classes (done on time, done late, open, "
    "overdue), with the urgings and the days late summed, per party and per agreement."))
def stats(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(
        "--year", min=1900, max=2200, metavar=w("NĂM", "YEAR"), show_default=False,
        help=w("Chỉ các kỳ kết thúc trong năm này (hội nghị, báo cáo một lần: có hạn trong "
               "năm), các lần đôn đốc trong năm.",
               "Only the periods ending in this year (conferences and one-time reports: due "
               "in it), and the urgings made in it."))] = None,
    party: Annotated[str | None, typer.Option(
        "--party", help=w("Chỉ việc của tổ chức này (mã, hoặc một phần tên).",
                          "Only this organisation's work (its code, or a piece of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help=w("Chỉ một thỏa thuận (mã).", "Only one agreement (code)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_agreement)] = None,
    output: Annotated[StatsFormat, typer.Option("--format", help=FormatHelp)
                      ] = StatsFormat.table,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.views import stats as view

    run = Run(ctx, lang, today)
    result = commands.stats(run.loaded, commands.StatsRequest(run.today, year, party, agreement))
    warn_broken(result.broken, run.lang)
    st, registry = result.stats, result.registry
    if output is StatsFormat.json:
        print_json(view.as_json(st, registry))
    elif output is StatsFormat.csv:
        sys.stdout.write("\ufeff" + view.as_csv(st, registry, run.lang))  # BOM: Excel's UTF-8
    elif output is StatsFormat.md:
        sys.stdout.write(view.as_markdown(st, registry, run.lang))
    else:
        for part in view.tables(st, registry, run.lang):
            print_view(part)
