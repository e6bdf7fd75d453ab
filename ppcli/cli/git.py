"""Commands around git: history, diff, init, new, and the diff driver textconv."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ppcli.cli.options import (
    CODE_WORD,
    DATE_WORD,
    DIR_WORD,
    TEXT_WORD,
    FormatHelp,
    LangOpt,
    Output,
    Run,
    app,
    fail,
    print_json,
    say,
    w,
)
from ppcli.errors import ENVIRONMENT
from ppcli.i18n import Label

if TYPE_CHECKING:
    from ppcli.files.repository import Repo


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command(help=w("Lịch sử thay đổi các thỏa thuận, nói bằng lời của thỏa thuận.",
                     "The history of changes to the agreements, in the agreements' words."))
def history(
    ctx: typer.Context,
    agreement: Annotated[str | None, typer.Argument(
        help=w("Chỉ một thỏa thuận (mã).", "Only one agreement (code)."),
        metavar=f"[{CODE_WORD}]", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help=w("Từ ngày (năm-tháng-ngày).", "From this date (year-month-day)."),
        metavar=DATE_WORD, show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help=w("Đến ngày (năm-tháng-ngày).", "Up to this date (year-month-day)."),
        metavar=DATE_WORD, show_default=False)] = None,
    author: Annotated[str | None, typer.Option(
        "--author", help=w("Chỉ các thay đổi của người này (tên hoặc email).",
                           "Only the changes by this person (name or email)."),
        metavar=TEXT_WORD, show_default=False)] = None,
    output: Annotated[HistoryFormat, typer.Option("--format", help=FormatHelp)
                      ] = HistoryFormat.table,
    lang: LangOpt = None,
) -> None:
    from ppcli.files.repository import load_meta
    from ppcli.files.store import open_cache
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
    if agreement is not None and not entries:
        _known_agreement(run.repo, agreement, cache)
    if output is HistoryFormat.json:
        print_json([e.to_json() for e in entries])
    elif output is HistoryFormat.markdown:
        sys.stdout.write(history_markdown(entries, language))
    else:
        sys.stdout.write(history_text(entries, language))


@app.command("diff", help=w(
    "Những gì đã đổi về nội dung giữa hai phiên bản (hoặc chưa commit).",
    "What changed in substance between two revisions (or is not committed yet)."))
def diff_cmd(
    ctx: typer.Context,
    revisions: Annotated[list[str] | None, typer.Argument(
        metavar="[REV [REV]]", help=w(
            "Hai phiên bản, hoặc một phiên bản và thư mục làm việc "
            "(mặc định: HEAD và thư mục làm việc).",
            "Two revisions, or one and the working folder (default: HEAD and the "
            "working folder)."), show_default=False)] = None,
    output: Annotated[Output, typer.Option("--format", help=FormatHelp)] = Output.text,
    lang: LangOpt = None,
) -> None:
    from ppcli.files.repository import load_meta
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


@app.command(help=w(
    "Tạo kho thỏa thuận mới, hoặc bổ sung phần còn thiếu cho kho đã có (chạy lại an toàn).",
    "Create an agreements repository, or add what an existing one lacks (safe to re-run)."))
def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(
        metavar=f"[{DIR_WORD}]", help=w("Thư mục kho (mặc định: thư mục hiện tại).",
                                        "The repository's folder (default: the current "
                                        "folder)."), show_default=False)] = Path("."),
    lang: LangOpt = None,
    default_deadline: Annotated[str | None, typer.Option(
        "--default-deadline", show_default=False, metavar=w("HẠN", "DEADLINE"),
        help=w("Hạn báo cáo mặc định của kho khi thỏa thuận không nêu hạn: nd09, một ngày của "
               "tháng cuối kỳ (16), N-ngay, N-ngay-lam-viec hoặc khong. Bỏ trống: hỏi khi "
               "chạy tương tác.",
               "The repository's default deadline when an agreement names none: nd09, a day "
               "of the period's last month (16), N-ngay, N-ngay-lam-viec or khong. Left out: "
               "asked when run interactively."))] = None,
) -> None:
    from ppcli.files.scaffold import (
        DEADLINE_CHOICES,
        DEADLINE_SCOPE,
        BadDeadlineChoice,
        deadline_yaml,
        has_config,
        init_repository,
    )

    run = Run(ctx, lang)
    language = run.lang
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
    steps = init_repository(folder, run.today, f'"{python}" -m ppcli textconv',
                            deadline, chosen)
    for step in steps:
        sys.stdout.write(("+ " if step.done else "= ") + step.what(language) + "\n")


@app.command(help=w(
    "Tạo tệp thỏa thuận mới từ khung có chú thích; không bao giờ ghi đè.",
    "Create a new agreement file from an annotated skeleton; never overwrites."))
def new(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(
        metavar=CODE_WORD, help=w("Mã thỏa thuận mới.", "The new agreement's code."))],
    title: Annotated[str, typer.Option(
        "--title", help=w("Tên (trích yếu) của văn bản.", "The document's title."),
        metavar=TEXT_WORD)],
    party: Annotated[list[str], typer.Option(
        "--party", help=w("Mã một bên (ghi ít nhất hai lần).",
                          "A party's code (give at least two)."), metavar=CODE_WORD)],
    kind: Annotated[str, typer.Option(
        "--kind", help=w("quy-che, chuong-trinh, ke-hoach hoặc khac.",
                         "quy-che, chuong-trinh, ke-hoach or khac."),
        metavar=w("LOẠI", "KIND"))] = "quy-che",
    start: Annotated[str | None, typer.Option(
        "--start", help=w("Ngày bắt đầu (mặc định: hôm nay).", "Start date (default: today)."),
        metavar=DATE_WORD, show_default=False)] = None,
    end: Annotated[str | None, typer.Option(
        "--end", help=w("Ngày kết thúc (bỏ trống: không thời hạn).",
                        "End date (none: open-ended)."),
        metavar=DATE_WORD, show_default=False)] = None,
    folder: Annotated[str | None, typer.Option(
        "--dir", help=w("Thư mục con trong agreements/, ví dụ ca-mau.",
                        "A subfolder of agreements/, e.g. ca-mau."),
        metavar=DIR_WORD, show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    from ppcli import commands

    run = Run(ctx, lang)
    created = commands.new(run.repo, commands.NewRequest(
        agreement_id, title, tuple(party), kind, run.date(start, "--start"),
        run.date(end, "--end"), folder), run.today)
    sys.stdout.write(Label(f"Đã tạo {created.shown}", f"Created {created.shown}")(run.lang)
                     + "\n")


@app.command(hidden=True, help=w(
    "Dạng chuẩn hóa của một tệp cho git diff (diff.ppcli.textconv).",
    "A file's normalised form for git diff (diff.ppcli.textconv)."))
def textconv(
    file: Annotated[Path, typer.Argument(help=w("Tệp YAML (git truyền vào).",
                                                "The YAML file (given by git)."))],
) -> None:
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
        from ppcli.files.fileio import os_problem

        if isinstance(exc, FileNotFoundError):
            fail(Label(f"không đọc được {file}: không có tệp này",
                       f"cannot read {file}: no such file"), ENVIRONMENT)
        fail(os_problem(exc, file, writing=False).label, ENVIRONMENT)
    kind = {CONFIG_FILE: "config", REGISTRY_FILE: "registry"}.get(file.name, "agreement")
    data, _ = read_data(raw, file.name, SPECS[kind])
    if data is None:  # an invalid file still diffs, as text
        sys.stdout.write(visible(raw.decode("utf-8", "replace")))
    else:
        sys.stdout.write(visible(normalised(data, SPECS[kind])))


def _known_agreement(repo: Repo, agreement: str, cache: object) -> None:
    """``history ID`` with no change: an id that is neither in the repository now nor in
    any change of its history is a mistake (exit 2, did you mean…), as in ``show``."""
    from ppcli.errors import RequestError
    from ppcli.files.repository import load, load_meta
    from ppcli.files.spec import did_you_mean
    from ppcli.history.changes import history as repo_history

    loaded = load(repo)
    known = {a.id for a in loaded.agreements} | set(loaded.broken_ids)
    if agreement in known:
        return
    for entry in repo_history(repo, load_meta(repo).registry, None, cache=cache):  # type: ignore[arg-type]
        known.update(f.agreement for f in entry.files if f.agreement)
    if agreement in known:
        return
    hint = did_you_mean(agreement, known)
    raise RequestError(Label(f"không có thỏa thuận \"{agreement}\"{hint.vi}",
                             f"no agreement \"{agreement}\"{hint.en}"))
