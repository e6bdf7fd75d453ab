"""Commands around git: history, diff, init, new, and the diff driver textconv."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ppcli.cache import open_cache
from ppcli.checks import validate as validate_repo
from ppcli.cliutil import (
    LangOpt,
    Output,
    app,
    fail,
    git_fail,
    lang_of,
    print_json,
    repo_of,
    say,
    today_of,
)
from ppcli.diagnostics import Severity, format_text
from ppcli.fileio import atomic_write
from ppcli.i18n import Label, pick_lang
from ppcli.repository import (
    load,
    load_agreement,
    load_meta,
)
from ppcli.spec import did_you_mean


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
    from ppcli.gitio import GitError
    from ppcli.history import history as repo_history
    from ppcli.history_format import history_markdown, history_text

    language = lang_of(ctx, lang)
    start = today_of(since, language) if since else None
    end = today_of(until, language) if until else None
    repo = repo_of(ctx, language)
    meta = load_meta(repo)
    cache = open_cache()
    try:
        entries = repo_history(repo, meta.registry, agreement, start, end, author,
                               cache=cache)
    except GitError as exc:
        git_fail(exc, language)
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
    from ppcli.gitio import GitError
    from ppcli.history import diff as repo_diff
    from ppcli.history_format import diff_text

    language = lang_of(ctx, lang)
    revs = revisions or []
    if len(revs) > 2:
        fail(Label("diff nhận nhiều nhất hai phiên bản", "diff takes at most two revisions"),
             language)
    repo = repo_of(ctx, language)
    meta = load_meta(repo)
    try:
        files = repo_diff(repo, meta.registry, revs[0] if revs else "HEAD",
                          revs[1] if len(revs) > 1 else None)
    except GitError as exc:
        git_fail(exc, language)
    if output is Output.json:
        print_json([f.to_json() for f in files])
    else:
        sys.stdout.write(diff_text(files, language))


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", help="Thư mục kho (mặc định: thư mục hiện tại).")] = Path("."),
    lang: Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ: vi hoặc en.",
                                             show_default=False)] = None,
) -> None:
    """Tạo kho thỏa thuận mới, hoặc bổ sung phần còn thiếu cho kho đã có (chạy lại an toàn)."""
    from ppcli.gitio import GitError
    from ppcli.scaffold import UnsafePath, init_repository

    language = pick_lang(lang, os.environ.get("PPCLI_LANG")) or "vi"
    try:
        # the interpreter running now: works whether or not ppcli is on the PATH
        python = Path(sys.executable).as_posix()
        steps = init_repository(folder, dt.date.today(), f'"{python}" -m ppcli textconv')
    except (GitError, UnsafePath) as exc:
        fail(exc.label, language, 3)
    except OSError as exc:
        fail(Label(f"không ghi được: {exc}", f"cannot write: {exc}"), language, 3)
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
    from ppcli.format import AGREEMENT_KINDS
    from ppcli.scaffold import UnsafePath, agreement_text, check_inside, schema_reference
    from ppcli.spec import ID_PATTERN

    language = lang_of(ctx, lang)
    if not re.match(ID_PATTERN, agreement_id):
        fail(Label(f"mã \"{agreement_id}\" không hợp lệ: chỉ chữ thường không dấu, số, dấu "
                   "gạch ngang", f"invalid id \"{agreement_id}\""), language)
    if kind not in AGREEMENT_KINDS:
        fail(Label(f"--kind: {kind}? dùng {', '.join(AGREEMENT_KINDS)}",
                   f"--kind: {kind}? use {', '.join(AGREEMENT_KINDS)}"), language)
    begin = today_of(start, language) if start else dt.date.today()
    finish = today_of(end, language) if end else None
    repo = repo_of(ctx, language)
    loaded = load(repo)
    if len(party) < 2:
        fail(Label("cần ít nhất hai --party", "at least two --party are needed"), language)
    for p in party:
        if p not in loaded.registry.orgs:
            hint = did_you_mean(p, loaded.registry.orgs)
            fail(Label(f"--party: không có tổ chức \"{p}\" trong danh mục{hint.vi}",
                       f"--party: no organisation \"{p}\"{hint.en}"), language)
    if agreement_id in {a.id for a in loaded.agreements} | loaded.broken_ids:
        fail(Label(f"đã có thỏa thuận \"{agreement_id}\"",
                   f"agreement \"{agreement_id}\" exists"), language)
    target_dir = repo.data / folder if folder else repo.data
    target = target_dir / f"{agreement_id}.yaml"
    if folder and (Path(folder).is_absolute() or ".." in Path(folder).parts):
        fail(Label(f"--dir {folder}: hãy ghi một thư mục con trong agreements/, ví dụ ca-mau",
                   f"--dir {folder}: name a folder inside agreements/, e.g. ca-mau"), language)
    try:  # a committed link inside agreements/ would write elsewhere
        check_inside(repo.root, target)
    except UnsafePath as exc:
        fail(exc.label, language, 3)
    if target.exists():
        fail(Label(f"tệp {repo.shown(target)} đã có; không ghi đè",
                   f"{repo.shown(target)} exists; not overwritten"), language)
    text = agreement_text(agreement_id, kind, title, party, begin, finish,
                          schema_reference(repo.root, target_dir))
    agreement, check_ctx, _ = load_agreement(target, repo.shown(target), text.encode("utf-8"))
    loaded.add(agreement, check_ctx, agreement_id)
    problems = [d for d in validate_repo(loaded, dt.date.today(), [repo.shown(target)])
                if d.severity is Severity.ERROR]
    if problems:
        for d in problems:
            sys.stderr.write(format_text(d, language) + "\n")
        fail(Label("thỏa thuận mới không hợp lệ; không ghi gì",
                   "the new agreement would not validate; nothing written"), language, 1)
    target_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(target, text.encode("utf-8"))
    sys.stdout.write(Label(f"Đã tạo {repo.shown(target)}", f"Created {repo.shown(target)}")
                     (language) + "\n")


@app.command(hidden=True)
def textconv(
    file: Annotated[Path, typer.Argument(help="Tệp YAML (git truyền vào).")],
) -> None:
    """Dạng chuẩn hóa của một tệp cho git diff (diff.ppcli.textconv)."""
    from ppcli.format import CONFIG_FILE, REGISTRY_FILE
    from ppcli.safe_read import read_bounded
    from ppcli.semdiff import SPECS, normalised, read_data

    try:
        raw = read_bounded(file)
    except OSError as exc:  # a FIFO, a device, a folder, too large, unreadable
        fail(Label(f"không đọc được {file}: {exc}", f"cannot read {file}: {exc}"), "vi", 3)
    kind = {CONFIG_FILE: "config", REGISTRY_FILE: "registry"}.get(file.name, "agreement")
    data, _ = read_data(raw, file.name, SPECS[kind])
    if data is None:  # an invalid file still diffs, as text
        sys.stdout.write(raw.decode("utf-8", "replace"))
    else:
        sys.stdout.write(normalised(data, SPECS[kind]))


