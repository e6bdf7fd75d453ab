"""Commands that write documents: record, render (report drafts), ics (calendar)."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ppcli.cliutil import (
    AgreementArg,
    LangOpt,
    TodayOpt,
    app,
    check_filters,
    fail,
    lang_of,
    loaded_or_fail,
    make_console,
    repo_of,
    say,
    today_of,
    warn_broken,
)
from ppcli.diagnostics import format_text
from ppcli.due import Query, due_items, duty_states
from ppcli.fileio import FileProblem, write_output
from ppcli.i18n import Label
from ppcli.spec import did_you_mean


@app.command()
def ics(
    ctx: typer.Context,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Ghi ra tệp .ics (mặc định hoặc \"-\": in ra màn hình).",
        show_default=False)] = None,
    today: TodayOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, help="Gồm các hạn trong bao nhiêu ngày tới.")] = 365,
    party: Annotated[str | None, typer.Option(
        "--party", help="Chỉ việc của tổ chức này (mã).", show_default=False)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help="Chỉ một thỏa thuận (mã).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    since: Annotated[str | None, typer.Option(
        "--since", help="Gồm việc đã xong từ ngày này (năm-tháng-ngày; mặc định: 90 ngày "
        "trước). Việc chưa xong, quá hạn luôn có.", show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """Lịch iCalendar (.ics) các hạn báo cáo và hội nghị, cho Outlook, Thunderbird, điện thoại."""
    language = lang_of(ctx, lang)
    day = today_of(today, language)
    loaded = loaded_or_fail(ctx, language)
    check_filters(loaded, party, agreement, language)
    warn_broken(loaded, language)
    from ppcli.ics import build as build_ics  # icalendar: imported only for this command
    from ppcli.ics import window_start

    try:
        since_day = dt.date.fromisoformat(since) if since is not None else None
    except ValueError:
        fail(Label(f"--since: ngày không hợp lệ \"{since}\"; hãy ghi dạng 2024-12-31",
                   f"--since: invalid date \"{since}\"; write it as 2024-12-31"), language)
    items = due_items(loaded.agreements, loaded.registry, loaded.config,
                      Query(day, within, party, agreement, include_done=True,
                            done_since=window_start(day, since_day)))

    data = build_ics(items, loaded.registry, day)
    if output_file is None or str(output_file) == "-":
        _to_stdout(data)
        return
    written = _write(output_file, data, force, language)
    say(Label(f"Đã ghi {len(items)} sự kiện vào {written}",
              f"Wrote {len(items)} events to {written}")(language))


def _to_stdout(data: bytes) -> None:
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


def _write(target: Path, data: bytes, force: bool, language: Any,
           chosen: bool = True) -> Path:
    """``-o``: one rule for every output file (see fileio.write_output); a name the user
    did not choose (a default draft name) is never followed through a link."""
    try:
        written = write_output(target, data, overwrite=force, follow_link=chosen)
    except FileProblem as exc:
        fail(exc.label, language, status=exc.status)
    return target if written == target else written


class RenderFormat(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"


@app.command()
def render(
    ctx: typer.Context,
    agreement: AgreementArg,
    item: Annotated[str, typer.Argument(help="Mã nghĩa vụ báo cáo hoặc mã hội nghị.")],
    period: Annotated[str | None, typer.Argument(
        help="Kỳ báo cáo (2025, 2025-H1, 2025-Q3, 2025-05); không dùng cho hội nghị.",
        show_default=False)] = None,
    output: Annotated[RenderFormat, typer.Option("--format", help="Dạng tệp.")
                      ] = RenderFormat.docx,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Tệp kết quả (mặc định: BC-<mã>-<việc>-<kỳ>.<dạng>; "
        "\"-\": in ra màn hình).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    as_org: Annotated[str | None, typer.Option(
        "--as", help="Bên báo cáo (khi có nhiều bên).", show_default=False)] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help="Mẫu Jinja dùng thay mẫu mặc định.", show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Chỉ liệt kê những gì mẫu cần mà dữ liệu thiếu.")] = False,
    on: Annotated[str | None, typer.Option(
        "--date", help="Ngày ghi trên báo cáo (mặc định: hôm nay).", show_default=False)
    ] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Soạn dự thảo báo cáo (định kỳ, sơ kết, tổng kết) theo thể thức Nghị định 30/2020."""
    from ppcli.draft import DraftError, Request, build_context, envelope, file_name
    from ppcli.render import (
        TEMPLATES,
        TemplateProblem,
        check_template,
        environment,
        parse_body,
        render_body,
        search_path,
        to_html,
        to_markdown,
    )

    language = lang_of(ctx, lang)
    day = today_of(today, language)
    report_day = today_of(on, language) if on else day
    loaded = loaded_or_fail(ctx, language)
    found = next((a for a in loaded.agreements if a.id == agreement), None)
    if found is None:
        hint = did_you_mean(agreement, [a.id for a in loaded.agreements])
        fail(Label(f"không có thỏa thuận \"{agreement}\"{hint.vi}",
                   f"no agreement \"{agreement}\"{hint.en}"), language)
    if template is not None and not template.is_file():
        fail(Label(f"--template: không có tệp {template}", f"--template: no file {template}"),
             language)
    request = Request(agreement, item, period, as_org, report_day)
    states = duty_states(found, loaded.agreements, loaded.config, report_day,
                         within=120)
    try:
        context = build_context(found, loaded.registry, loaded.config, states, request)
        search, custom = search_path(loaded.repo.root, template)
        name = custom or TEMPLATES[context["report"]["kind"]]
        if check:
            missing = check_template(search, name, context, loaded.registry)
            for field in missing:
                sys.stdout.write(Label(f"thiếu: {field}", f"missing: {field}")(language) + "\n")
            if not missing:
                sys.stdout.write(Label("Mẫu có đủ dữ liệu.", "The data covers the template.")
                                 (language) + "\n")
            raise typer.Exit(1 if missing else 0)
        body = render_body(environment(search, registry=loaded.registry,
                                       markdown=output is RenderFormat.md), name, context)
    except DraftError as exc:
        fail(exc.label, language, status=1)
    except TemplateProblem as exc:
        fail(exc.label, language, status=exc.status)
    env_ = envelope(context)
    blocks = parse_body(body)
    if output is RenderFormat.docx:
        from ppcli.docx_writer import build_docx
        data = build_docx(env_, blocks)
    elif output is RenderFormat.md:
        data = to_markdown(env_, blocks).encode("utf-8")
    else:
        data = to_html(env_, blocks).encode("utf-8")
    if output_file is not None and str(output_file) == "-":
        _to_stdout(data)
        return
    target = output_file or Path(file_name(request, output.value))
    written = _write(target, data, force, language, chosen=output_file is not None)
    say(Label(f"Đã soạn dự thảo: {written}", f"Draft written: {written}")(language))


record_app = typer.Typer(
    help="Ghi nhận đã gửi báo cáo hoặc đã tổ chức hội nghị (không cần sửa YAML bằng tay).",
    no_args_is_help=True)
app.add_typer(record_app, name="record")

OnOpt = Annotated[str | None, typer.Option(
    "--on", help="Ngày gửi hoặc ngày tổ chức (năm-tháng-ngày); mặc định: hôm nay.",
    show_default=False)]


def _record(ctx: typer.Context, lang: str | None, today: str | None, on: str | None,
            agreement: str, entry_of: Any, report: Any = None, conference: Any = None,
            describe_as: tuple[str, str, str | None] = ("report", "", None),
            early: bool = False) -> None:
    from ppcli.record import RecordError, describe
    from ppcli.record import record as record_entry

    language = lang_of(ctx, lang)
    day = today_of(today, language)
    when = _on_date(on, language) if on else day
    repo = repo_of(ctx, language)
    try:
        written = record_entry(repo, agreement, entry_of(when), day, report=report,
                               conference=conference, on=when, early=early)
    except RecordError as exc:
        for d in exc.diagnostics:
            sys.stderr.write(format_text(d, language) + "\n")
        fail(exc.label, language, status=exc.status)
    except FileProblem as exc:
        fail(exc.label, language, status=exc.status)
    for warning in written.warnings:
        say(warning(language), "yellow")
    kind, item, period = describe_as
    console = make_console()
    console.print(describe(written, kind, item, period, when)(language))
    for line in written.lines:
        console.print(line, markup=False)


def _on_date(value: str, language: Any) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(Label(f"--on: ngày không hợp lệ \"{value}\"; hãy ghi dạng 2024-12-31",
                   f"--on: invalid date \"{value}\"; write it as 2024-12-31"), language)


@record_app.command("report")
def record_report(
    ctx: typer.Context,
    agreement: AgreementArg,
    duty: Annotated[str, typer.Argument(help="Mã nghĩa vụ báo cáo.")],
    period: Annotated[str | None, typer.Argument(
        help="Kỳ: 2024, 2024-H1, 2024-Q3, 2024-05 (bỏ trống cho báo cáo một lần).",
        show_default=False)] = None,
    on: OnOpt = None,
    number: Annotated[str | None, typer.Option(
        "--number", help="Số, ký hiệu của báo cáo, ví dụ \"12/BC-SNV\".",
        show_default=False)] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Bên đã gửi (bắt buộc khi nghĩa vụ có nhiều bên báo cáo).",
        show_default=False)] = None,
    early: Annotated[bool, typer.Option(
        "--early", help="Nhận cả báo cáo gửi trước khi kỳ bắt đầu (gửi sớm có chủ ý).")
    ] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Ghi nhận đã gửi báo cáo của một kỳ."""
    from ppcli.record import report_entry

    _record(ctx, lang, today, on, agreement,
            lambda when: report_entry(duty, period, when, number, by),
            report=(duty, period, by), describe_as=("report", duty, period), early=early)


@record_app.command("conference")
def record_conference(
    ctx: typer.Context,
    agreement: AgreementArg,
    conference: Annotated[str, typer.Argument(help="Mã hội nghị.")],
    on: OnOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Ghi nhận đã tổ chức hội nghị sơ kết, tổng kết."""
    from ppcli.record import conference_entry

    _record(ctx, lang, today, on, agreement,
            lambda when: conference_entry(conference, when), conference=conference,
            describe_as=("conference", conference, None))


