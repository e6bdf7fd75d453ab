"""``ppcli site``: the static dashboard for supervisors (registered from
:mod:`ppcli.cli.everyday`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ppcli.cli.options import DAYS_WORD, DIR_WORD, LangOpt, Run, TodayOpt, app, say, w, warn_broken
from ppcli.i18n import Label

# the engine's DEFAULT_WITHIN (not imported for --help; a test keeps them equal)
DEFAULT_WITHIN = 30


@app.command(help=w(
    "Trang tổng hợp tĩnh cho lãnh đạo: tổng quan, việc cần làm, từng thỏa thuận, từng tổ "
    "chức, dòng thời gian, lịch sử; mở bằng trình duyệt, không cần mạng.",
    "A static site for supervisors: overview, work to do, each agreement, each "
    "organisation, a timeline, the history; opens in a browser, offline."))
def site(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(
        "-o", "--output", help=w(
            "Thư mục ghi trang (mặc định: site/ trong kho). Chạy lại thì ghi đè các trang "
            "của lần trước, không đụng tệp khác.",
            "The folder for the pages (default: site/ in the repository). A new run "
            "replaces the last run's pages and touches no other file."),
        metavar=DIR_WORD, show_default=False)] = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, metavar=DAYS_WORD,
        help=w("Nhìn trước bao nhiêu ngày (như ppcli due).",
               "How many days to look ahead (as ppcli due)."))
    ] = DEFAULT_WITHIN,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    repo = run.repo
    result = commands.site(repo, commands.SiteRequest(out or repo.root / "site", run.today,
                                                      run.lang, within), open_cache())
    warn_broken(result.broken, run.lang)
    if result.history_problem is not None:
        say(Label("Không đọc được lịch sử git: ", "The git history could not be read: ")(
            run.lang) + result.history_problem(run.lang), "yellow")
    index = result.folder / "index.html"
    say(Label(f"Đã ghi {result.pages} trang vào {result.folder}"
              + (f" (xóa {result.removed} trang cũ)" if result.removed else "")
              + f"; mở {index}",
              f"Wrote {result.pages} pages to {result.folder}"
              + (f" (removed {result.removed} old pages)" if result.removed else "")
              + f"; open {index}")(run.lang), "green")
