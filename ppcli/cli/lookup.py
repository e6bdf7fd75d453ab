"""Looking things up: ``ppcli org`` lists and searches the registry of organisations."""

from __future__ import annotations

from typing import Annotated

import typer

from ppcli.cli.options import (
    TEXT_WORD,
    FormatHelp,
    LangOpt,
    Output,
    Run,
    app,
    print_json_array,
    print_view,
    w,
)


@app.command("org", help=w(
    "Danh mục tổ chức: mã, tên, loại, tỉnh, thời gian tồn tại, đơn vị kế thừa.",
    "The organisation registry: code, name, kind, province, lifetime, successor."))
def org_cmd(
    ctx: typer.Context,
    words: Annotated[list[str] | None, typer.Argument(
        metavar=f"[{TEXT_WORD}]...",
        help=w("Mã, hoặc một phần tên (không phân biệt hoa thường, có dấu hay không), ví dụ "
               "\"tinh doan ca mau\"; bỏ trống: cả danh mục.",
               "A code, or a piece of a name (case and diacritics ignored), e.g. \"tinh doan "
               "ca mau\"; none: the whole registry."),
        show_default=False)] = None,
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    lang: LangOpt = None,
) -> None:
    from ppcli.files.organisations import lookup
    from ppcli.views.organisations import org_json, org_table

    run = Run(ctx, lang)
    registry, found = lookup(run.repo, " ".join(words or ()))
    if output is Output.json:
        print_json_array(org_json(o) for o in found)
    else:
        print_view(org_table(found, registry, run.lang))
