"""Commands around git: history, diff, init, new, and the diff driver textconv."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ppcli import commands
from ppcli.cli.options import (
    LangOpt,
    Output,
    Run,
    app,
    fail,
    print_json,
    say,
)
from ppcli.errors import ENVIRONMENT
from ppcli.files.repository import load_meta
from ppcli.files.store import open_cache
from ppcli.i18n import Label, pick_lang


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


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
    from ppcli.history.changes import history as repo_history
    from ppcli.views.history_listing import history_markdown, history_text

    run = Run(ctx, lang)
    language = run.lang
    start, end = run.date(since, "--since"), run.date(until, "--until")
    cache = open_cache()
    entries = repo_history(run.repo, load_meta(run.repo).registry, agreement, start, end,
                           author, cache=cache)
    if cache.warning is not None:
        say(cache.warning(language), "yellow")
    if output is HistoryFormat.json:
        print_json([e.to_json() for e in entries])
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
    from ppcli.history.changes import diff as repo_diff
    from ppcli.views.history_listing import diff_text

    run = Run(ctx, lang)
    language = run.lang
    revs = revisions or []
    if len(revs) > 2:
        fail(Label("diff nhận nhiều nhất hai phiên bản", "diff takes at most two revisions"))
    files = repo_diff(run.repo, load_meta(run.repo).registry, revs[0] if revs else "HEAD",
                      revs[1] if len(revs) > 1 else None)
    if output is Output.json:
        print_json([f.to_json() for f in files])
    else:
        sys.stdout.write(diff_text(files, language))


def _interactive() -> bool:
    """Whether a person is at the keyboard (``init`` asks only then)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", help="Thư mục kho (mặc định: thư mục hiện tại).")] = Path("."),
    lang: Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ: vi hoặc en.",
                                             show_default=False)] = None,
    default_deadline: Annotated[str | None, typer.Option(
        "--default-deadline", show_default=False,
        help="Hạn báo cáo mặc định của kho khi thỏa thuận không nêu hạn: nd09, một ngày của "
             "tháng cuối kỳ (16), N-ngay, N-ngay-lam-viec hoặc khong. Bỏ trống: hỏi khi "
             "chạy tương tác.")] = None,
) -> None:
    """Tạo kho thỏa thuận mới, hoặc bổ sung phần còn thiếu cho kho đã có (chạy lại an toàn)."""
    from ppcli.files.scaffold import (
        DEADLINE_CHOICES,
        DEADLINE_SCOPE,
        BadDeadlineChoice,
        deadline_yaml,
        has_config,
        init_repository,
    )

    language = pick_lang(lang, os.environ.get("PPCLI_LANG")) or "vi"
    chosen = default_deadline is not None
    if not chosen and not has_config(folder) and _interactive():
        sys.stdout.write(DEADLINE_SCOPE(language) + "\n")
        default_deadline = typer.prompt(
            ("Hạn mặc định" if language == "vi" else "Default deadline")
            + f" ({DEADLINE_CHOICES(language)})", default="khong")
        chosen = True
    try:
        deadline = deadline_yaml(default_deadline or "")
    except BadDeadlineChoice:
        fail(Label(f"--default-deadline: không hiểu \"{default_deadline}\"; hãy ghi "
                   f"{DEADLINE_CHOICES.vi}",
                   f"--default-deadline: \"{default_deadline}\" not understood; write "
                   f"{DEADLINE_CHOICES.en}"))
    # the interpreter running now: works whether or not ppcli is on the PATH
    python = Path(sys.executable).as_posix()
    steps = init_repository(folder, dt.date.today(), f'"{python}" -m ppcli textconv',
                            deadline, chosen)
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
    run = Run(ctx, lang)
    created = commands.new(run.repo, commands.NewRequest(
        agreement_id, title, tuple(party), kind, run.date(start, "--start"),
        run.date(end, "--end"), folder), dt.date.today())
    sys.stdout.write(Label(f"Đã tạo {created.shown}", f"Created {created.shown}")(run.lang)
                     + "\n")


@app.command(hidden=True)
def textconv(
    file: Annotated[Path, typer.Argument(help="Tệp YAML (git truyền vào).")],
) -> None:
    """Dạng chuẩn hóa của một tệp cho git diff (diff.ppcli.textconv)."""
    from ppcli.files.declaration import CONFIG_FILE, REGISTRY_FILE
    from ppcli.files.safe_read import FileTooLarge, read_bounded
    from ppcli.history.semdiff import SPECS, normalised, read_data
    from ppcli.safetext import visible

    # git prints what this writes straight to the clerk's terminal: controls are made
    # visible, and a file ppcli will not read gets one line instead of a failed diff
    try:
        raw = read_bounded(file)
    except FileTooLarge as exc:
        sys.stdout.write(f"(ppcli: tệp quá lớn, {exc.size / 1048576:.1f} MB; không so sánh "
                         "nội dung — file too large, not compared)\n")
        return
    except OSError as exc:  # a FIFO, a device, a folder, unreadable
        fail(Label(f"không đọc được {file}: {exc}", f"cannot read {file}: {exc}"), ENVIRONMENT)
    kind = {CONFIG_FILE: "config", REGISTRY_FILE: "registry"}.get(file.name, "agreement")
    data, _ = read_data(raw, file.name, SPECS[kind])
    if data is None:  # an invalid file still diffs, as text
        sys.stdout.write(visible(raw.decode("utf-8", "replace")))
    else:
        sys.stdout.write(visible(normalised(data, SPECS[kind])))


