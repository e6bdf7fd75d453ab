"""``ppcli site``: the static dashboard for supervisors (registered from
:mod:`ppcli.cli.everyday`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ppcli import commands
from ppcli.cli.options import LangOpt, Run, TodayOpt, app, say, warn_broken
from ppcli.engine.due import DEFAULT_WITHIN
from ppcli.i18n import Label


@app.command()
def site(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Thư mục ghi trang (mặc định: site/ trong kho). Chạy lại thì "
        "ghi đè các trang của lần trước, không đụng tệp khác.", show_default=False)] = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, help="Nhìn trước bao nhiêu ngày (như ppcli due).")
    ] = DEFAULT_WITHIN,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Trang tổng hợp tĩnh cho lãnh đạo: tổng quan, việc cần làm, từng thỏa thuận, từng tổ
    chức, dòng thời gian, lịch sử; mở bằng trình duyệt, không cần mạng."""
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
