"""``ppcli import``: a new agreement file from the signed text (registered from
:mod:`ppcli.cli.everyday`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ppcli.cli.inputs import complete_folder
from ppcli.cli.options import CODE_WORD, DIR_WORD, FILE_WORD, LangOpt, Run, TodayOpt, app, say, w
from ppcli.i18n import Label


@app.command("import", help=w(
    "Tạo tệp thỏa thuận mới từ văn bản đã ký (.docx, .pdf có lớp chữ, .txt, .md): mỗi giá "
    "trị kèm câu trích từ văn bản, giá trị suy ra ghi \"SUY RA\", trường chưa tìm thấy để "
    "khung cuối tệp, tổ chức chưa có trong danh mục để khối riêng chờ xác nhận. Kiểm tra "
    "trước khi ghi; không ghi đè.",
    "Make a new agreement file from the signed text (.docx, .pdf with a text layer, .txt, "
    ".md): each value with the sentence it came from, inferred values marked \"SUY RA\", "
    "fields not found left as a skeleton at the end, organisations missing from the "
    "registry in a block to confirm. Checked before it is written; never overwrites."))
def import_cmd(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(
        metavar=FILE_WORD, show_default=False,
        help=w("Văn bản: .docx, .pdf, .txt hoặc .md.", "The document: .docx, .pdf, .txt or .md."))],
    agreement_id: Annotated[str | None, typer.Option(
        "--id", metavar=CODE_WORD, show_default=False,
        help=w("Mã thỏa thuận (mặc định: ppcli đặt từ loại, tỉnh và giai đoạn).",
               "The agreement's code (default: made from its kind, province and period)."))
    ] = None,
    folder: Annotated[str | None, typer.Option(
        "--dir", metavar=DIR_WORD, show_default=False, autocompletion=complete_folder,
        help=w("Thư mục con trong agreements/, ví dụ ca-mau.",
               "A subfolder of agreements/, e.g. ca-mau."))] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar=FILE_WORD, show_default=False,
        help=w("Ghi ra tệp này thay vì agreements/…/MÃ.yaml (không ghi đè).",
               "Write this file instead of agreements/…/CODE.yaml (never overwritten)."))
    ] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=w("In tệp ra màn hình, không ghi gì.",
                            "Print the file; write nothing."))] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    from ppcli.diagnostics import format_text
    from ppcli.importer.run import ImportRequest, import_file

    run = Run(ctx, lang, today)
    result = import_file(run.repo, ImportRequest(source, agreement_id, folder, output, dry_run),
                         run.today)
    if dry_run:
        sys.stdout.write(result.text)
    for d in result.diagnostics:
        (sys.stderr if dry_run else sys.stdout).write(format_text(d, run.lang) + "\n")
    counts = Label(
        f"{result.cited} giá trị lấy từ văn bản, {result.inferred} giá trị suy ra (cần xác "
        f"nhận), {result.missing} mục chưa tìm thấy, {result.new_orgs} tổ chức cần thêm vào "
        "danh mục",
        f"{result.cited} values from the text, {result.inferred} inferred (to confirm), "
        f"{result.missing} items not found, {result.new_orgs} organisations to add to the "
        "registry")
    errors = Label(f"; {result.errors} lỗi cần sửa (ppcli validate)",
                   f"; {result.errors} error(s) to fix (ppcli validate)") \
        if result.errors else Label("", "")
    head = Label(f"Đã tạo {result.shown}: ", f"Created {result.shown}: ") if result.written \
        else Label(f"Chạy thử, không ghi {result.shown}: ",
                   f"Dry run, {result.shown} not written: ")
    say(head(run.lang) + counts(run.lang) + errors(run.lang) + ".",
        "red" if result.errors else "green")
    raise typer.Exit(1 if result.errors else 0)
