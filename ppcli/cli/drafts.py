"""Commands that write documents: record, render (report drafts), ics (calendar)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ppcli.cli.inputs import (
    complete_agreement,
    complete_item,
    complete_org,
    complete_period,
    period_key,
)
from ppcli.cli.options import (
    CODE_WORD,
    COMMAND_WORD,
    DATE_WORD,
    DAYS_WORD,
    FILE_WORD,
    OPTIONS_WORD,
    AgreementArg,
    JobsOpt,
    LangOpt,
    Run,
    TodayOpt,
    _GuardedGroup,
    app,
    jobs_of,
    make_console,
    say,
    w,
    warn_broken,
)
from ppcli.i18n import Label, Lang

PERIOD_WORD = w("KỲ", "PERIOD")


@app.command(help=w(
    "Lịch iCalendar (.ics) các hạn báo cáo và hội nghị, cho Outlook, Thunderbird, điện thoại.",
    "An iCalendar (.ics) of report deadlines and conferences, for Outlook, Thunderbird, "
    "phones."))
def ics(
    ctx: typer.Context,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help=w("Ghi ra tệp .ics (mặc định hoặc \"-\": in ra màn hình).",
                                 "Write to this .ics file (default or \"-\": the screen)."),
        metavar=FILE_WORD, show_default=False)] = None,
    today: TodayOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, max=3660, metavar=DAYS_WORD,
        help=w("Gồm các hạn trong bao nhiêu ngày tới.",
               "Include the deadlines of this many days ahead."))] = 365,
    party: Annotated[str | None, typer.Option(
        "--party", help=w("Chỉ việc của tổ chức này (mã, hoặc một phần tên).",
                          "Only this organisation's work (its code, or a piece of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    agreement: Annotated[str | None, typer.Option(
        "--agreement", help=w("Chỉ một thỏa thuận (mã).", "Only one agreement (code)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_agreement)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=w("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    since: Annotated[str | None, typer.Option(
        "--since", help=w("Gồm việc đã xong từ ngày này (31/12/2026 hoặc 2026-12-31; mặc "
                          "định: 90 ngày trước). Việc chưa xong, quá hạn luôn có.",
                          "Include work done since this date (31/12/2026 or 2026-12-31; "
                          "default: 90 days ago). Open and overdue work is always included."),
        metavar=DATE_WORD, show_default=False)] = None,
    lang: LangOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.engine.due import Query

    run = Run(ctx, lang, today, jobs_of(jobs))
    since_day = run.date(since, "--since")
    result = commands.ics(run.loaded, Query(run.today, within, party, agreement), since_day)
    warn_broken(result.broken, run.lang)
    if output_file is None or str(output_file) == "-":
        _to_stdout(result.data)
        return
    written = _write(output_file, result.data, force)
    run.say(Label(f"Đã ghi {result.events} sự kiện vào {written}",
                  f"Wrote {result.events} events to {written}"))


def _to_stdout(data: bytes) -> None:
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


def _write(target: Path, data: bytes, force: bool, chosen: bool = True) -> Path:
    """``-o``: one rule for every output file (see fileio.write_output); a name the user
    did not choose (a default draft name) is never followed through a link."""
    from ppcli.files.fileio import write_output

    written = write_output(target, data, overwrite=force, follow_link=chosen)
    return target if written == target else written


class RenderFormat(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"


@app.command(help=w(
    "Soạn dự thảo báo cáo (định kỳ, sơ kết, tổng kết, hội nghị định kỳ) hoặc kế hoạch, theo "
    "thể thức của cơ quan ban hành.",
    "Draft a report (periodic, mid-term or final review, recurring meeting) or a plan, in "
    "the issuing body's layout."))
def render(
    ctx: typer.Context,
    agreement: AgreementArg,
    item: Annotated[str, typer.Argument(
        help=w("Mã nghĩa vụ báo cáo hoặc mã hội nghị.", "The duty's or conference's code."),
        metavar=w("VIỆC", "ITEM"), autocompletion=complete_item)],
    period: Annotated[str | None, typer.Argument(
        help=w("Kỳ báo cáo: năm 2025, 6 tháng đầu năm 2025, quý III/2025, tháng 5/2025 "
               "(hoặc 2025, 2025-H1, 2025-Q3, 2025-05); với hội nghị định kỳ: kỳ của hội "
               "nghị; bỏ trống với hội nghị tổ chức một lần.",
               "The period: year 2025, first half of 2025, Q3 2025, May 2025 (or 2025, "
               "2025-H1, 2025-Q3, 2025-05); for a recurring meeting its period; none for a "
               "one-time conference."),
        metavar=f"[{PERIOD_WORD}]", show_default=False, autocompletion=complete_period)] = None,
    output: Annotated[RenderFormat, typer.Option(
        "--format", help=w("Dạng tệp.", "File format."))] = RenderFormat.docx,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help=w("Tệp kết quả (mặc định: bao-cao/BC-<mã>-<việc>-<kỳ>."
                                 "<dạng>, kế hoạch: KH-…; \"-\": in ra màn hình).",
                                 "The output file (default: bao-cao/BC-<code>-<item>-"
                                 "<period>.<format>, a plan: KH-…; \"-\": the screen)."),
        metavar=FILE_WORD, show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=w("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    as_org: Annotated[str | None, typer.Option(
        "--as", help=w("Bên báo cáo khi có nhiều bên (mã, hoặc một phần tên).",
                       "The reporting party when there are several (its code, or a piece "
                       "of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help=w("Mẫu Jinja dùng thay mẫu mặc định.",
                             "A Jinja template to use instead of the default."),
        metavar=FILE_WORD, show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help=w("Chỉ liệt kê những chỗ dự thảo còn phải bổ sung; mã thoát 1 nếu còn.",
                          "Only list what the draft still needs filled in; exit status 1 "
                          "if anything."))] = False,
    on: Annotated[str | None, typer.Option(
        "--date", help=w("Ngày ghi trên báo cáo (mặc định: hôm nay).",
                         "The date written on the report (default: today)."),
        metavar=DATE_WORD, show_default=False)
    ] = None,
    allow_ended: Annotated[bool, typer.Option(
        "--allow-ended-issuer", help=w(
            "Vẫn soạn dự thảo đứng tên cơ quan đã chấm dứt (sáp nhập, giải thể) trước ngày "
            "ghi trên báo cáo; tiêu đề theo cơ quan đó và cơ quan chủ quản của nó vào ngày "
            "trước khi chấm dứt.",
            "Draft in the name of a body that had ended (merged, dissolved) before the "
            "report's date all the same; the header as that body and its parent stood the "
            "day before it ended."))] = False,
    edxml: Annotated[bool, typer.Option(
        "--edxml", help=w("Ghi thêm phần đầu EDXML (QCVN 102:2016/BTTTT) của dự thảo: "
                          "<tệp>.edxml.",
                          "Also write the draft's EDXML header (QCVN 102:2016/BTTTT): "
                          "<file>.edxml."))] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    request = commands.RenderRequest(agreement, item, period_key(period), output.value,
                                     run.date(on, "--date") or run.today, as_org, template,
                                     allow_ended)
    cache = open_cache()  # only the agreement's file is parsed (and its successor's)
    loaded = commands.load_for(run.repo, agreement, run.today, cache)
    if cache.warning is not None:
        say(cache.warning(run.lang), "yellow")
    if check:
        report_check(commands.render_check(loaded, request), run.lang)
    draft = commands.render(loaded, request)
    if output_file is not None and str(output_file) == "-":
        _to_stdout(draft.data)
        return
    from ppcli.cli.chase_cmd import check_sidecars, write_sidecars

    target = output_file or _draft_folder(run.repo.root) / draft.name
    check_sidecars(target, force, edxml, chosen=output_file is not None)
    written = _write(target, draft.data, force, chosen=output_file is not None)
    extra = write_sidecars(written, draft.metadata, edxml, output_file is not None)
    run.say(Label(f"Đã soạn dự thảo: {written}", f"Draft written: {written}"))
    run.say(Label(f"Thông tin văn bản: {', '.join(map(str, extra))}",
                  f"Document metadata: {', '.join(map(str, extra))}"))


def report_check(result: Any, lang: Lang, what: str = "draft") -> None:
    """``--check`` of a draft or a letter: the gaps, one per line; exit 1 if any."""
    for field in result.missing:
        sys.stdout.write(Label(f"thiếu: {field}", f"missing: {field}")(lang) + "\n")
    counts: dict[str, int] = {}
    for gap in result.placeholders:
        counts[gap] = counts.get(gap, 0) + 1
    for gap, n in counts.items():
        sys.stdout.write(gap + (Label(f" ({n} chỗ)", f" ({n} places)")(lang)
                                if n > 1 else "") + "\n")
    vi, en = ("Dự thảo", "The draft") if what == "draft" else ("Công văn", "The letter")
    if result.finished:
        sys.stdout.write(Label(f"{vi} đủ dữ liệu, không còn chỗ cần bổ sung.",
                               f"{en} is complete: nothing left to fill in.")(lang) + "\n")
    elif result.placeholders:
        n = len(result.placeholders)
        sys.stdout.write(Label(f"{vi} còn {n} chỗ cần bổ sung.",
                               f"{en} has {n} places left to fill in.")(lang) + "\n")
    raise typer.Exit(0 if result.finished else 1)


DRAFTS_DIR = "bao-cao"  # beside agreements/, listed in the .gitignore that init writes


def _draft_folder(root: Path) -> Path:
    """The default folder of drafts, ``bao-cao/`` at the repository's top, made if missing
    (with the umask's mode, like any folder the user makes); a link there is refused, as a
    default name is never followed through a link."""
    from ppcli.files.fileio import FileProblem, os_problem
    from ppcli.files.safe_read import is_link

    folder = root / DRAFTS_DIR
    if is_link(folder):
        raise FileProblem(Label(
            f"{folder} là liên kết (symlink hoặc junction); dự thảo không ghi qua liên kết. "
            "Hãy xóa liên kết, hoặc chọn tệp bằng -o",
            f"{folder} is a symbolic link (or junction); drafts are not written through a "
            "link. Remove it, or choose the file with -o"))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise os_problem(exc, str(folder)) from None
    return folder


record_app = typer.Typer(
    cls=_GuardedGroup,
    help=w("Ghi nhận đã gửi báo cáo, đã tổ chức hội nghị, gia hạn hoặc đôn đốc (không cần sửa "
           "YAML bằng tay).",
           "Record a report sent, a conference held, an extension or an urging (no "
           "hand-editing of the YAML)."),
    no_args_is_help=True, options_metavar=OPTIONS_WORD, subcommand_metavar=COMMAND_WORD)
app.add_typer(record_app, name="record")

OnOpt = Annotated[str | None, typer.Option(
    "--on", help=w("Ngày gửi hoặc ngày tổ chức (31/12/2026 hoặc 2026-12-31); mặc định: "
                   "hôm nay.",
                   "The date sent or held (31/12/2026 or 2026-12-31); default: today."),
    metavar=DATE_WORD, show_default=False)]


def _record(ctx: typer.Context, lang: str | None, today: str | None, on: str | None,
            agreement: str, kind: str, item: str, period: str | None = None,
            number: str | None = None, by: str | None = None, early: bool = False,
            until: str | None = None, extra: dict[str, object] | None = None) -> None:
    from ppcli import commands

    run = Run(ctx, lang, today)
    more = dict(extra or {})
    if until is not None:
        more["until"] = run.date(until, "--until")
    done = commands.record(run.repo, commands.RecordRequest(
        agreement, kind, item, run.today, run.date(on, "--on"), period_key(period), number, by,
        early, more))
    for warning in done.written.warnings:
        say(warning(run.lang), "yellow")
    console = make_console()
    console.print(done.message(run.lang))
    for line in done.written.lines:
        console.print(line, markup=False)


@record_app.command("report", help=w("Ghi nhận đã gửi báo cáo của một kỳ.",
                                     "Record that a period's report was sent."))
def record_report(
    ctx: typer.Context,
    agreement: AgreementArg,
    duty: Annotated[str, typer.Argument(
        help=w("Mã nghĩa vụ báo cáo.", "The reporting duty's code."),
        metavar=w("NGHĨA_VỤ", "DUTY"), autocompletion=complete_item)],
    period: Annotated[str | None, typer.Argument(
        help=w("Kỳ: năm 2024, 6 tháng đầu năm 2024, quý III/2024, tháng 5/2024 (hoặc 2024, "
               "2024-H1, 2024-Q3, 2024-05); bỏ trống cho báo cáo một lần.",
               "The period: year 2024, first half of 2024, Q3 2024, May 2024 (or 2024, "
               "2024-H1, 2024-Q3, 2024-05); none for a one-time report."),
        metavar=f"[{PERIOD_WORD}]", show_default=False, autocompletion=complete_period)] = None,
    on: OnOpt = None,
    number: Annotated[str | None, typer.Option(
        "--number", help=w("Số, ký hiệu của báo cáo, ví dụ \"12/BC-SNV\".",
                           "The report's number and symbol, e.g. \"12/BC-SNV\"."),
        metavar=w("SỐ", "NUMBER"), show_default=False)] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help=w("Bên đã gửi, mã hoặc một phần tên (bắt buộc khi nghĩa vụ có nhiều "
                       "bên báo cáo).",
                       "The party that sent it, its code or a piece of its name (required "
                       "when the duty has several reporters)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    early: Annotated[bool, typer.Option(
        "--early", help=w("Nhận cả báo cáo gửi trước khi kỳ bắt đầu (gửi sớm có chủ ý).",
                          "Accept a report sent before its period began (sent early on "
                          "purpose)."))
    ] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    _record(ctx, lang, today, on, agreement, "report", duty, period, number, by, early)


@record_app.command("conference", help=w(
    "Ghi nhận đã tổ chức hội nghị sơ kết, tổng kết.",
    "Record that a review conference was held."))
def record_conference(
    ctx: typer.Context,
    agreement: AgreementArg,
    conference: Annotated[str, typer.Argument(
        help=w("Mã hội nghị.", "The conference's code."), metavar=w("HỘI_NGHỊ", "CONFERENCE"),
        autocompletion=complete_item)],
    period: Annotated[str | None, typer.Argument(
        help=w("Kỳ của hội nghị định kỳ (2026, 2026-Q1…); bỏ trống cho hội nghị một lần.",
               "The period of a recurring meeting (2026, 2026-Q1…); none for a one-time "
               "conference."),
        metavar=f"[{PERIOD_WORD}]", show_default=False, autocompletion=complete_period)] = None,
    on: OnOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    _record(ctx, lang, today, on, agreement, "conference", conference, period)




class ReminderKindOpt(StrEnum):
    nhac_nho = "nhac-nho"
    phe_binh = "phe-binh"
    kiem_diem = "kiem-diem"


DutyArg = Annotated[str, typer.Argument(
    help=w("Mã nghĩa vụ báo cáo.", "The reporting duty's code."),
    metavar=w("NGHĨA_VỤ", "DUTY"), autocompletion=complete_item)]
OfficePeriodArg = Annotated[str | None, typer.Argument(
    help=w("Kỳ: năm 2026, quý I/2026, tháng 5/2026 (hoặc 2026, 2026-Q1, 2026-05); bỏ trống "
           "cho báo cáo một lần.",
           "The period: year 2026, Q1 2026, May 2026 (or 2026, 2026-Q1, 2026-05); none for "
           "a one-time report."),
    metavar=f"[{PERIOD_WORD}]", show_default=False, autocompletion=complete_period)]
NumberOpt = Annotated[str | None, typer.Option(
    "--number", help=w("Số, ký hiệu của văn bản, ví dụ \"15/CV-UBND\".",
                       "The document's number and symbol, e.g. \"15/CV-UBND\"."),
    metavar=w("SỐ", "NUMBER"), show_default=False)]


@record_app.command("extension", help=w(
    "Ghi nhận gia hạn nộp báo cáo của một kỳ: hạn của riêng kỳ đó lùi đến --until.",
    "Record an extension of one period's report: that period's deadline moves to --until."))
def record_extension(
    ctx: typer.Context,
    agreement: AgreementArg,
    duty: DutyArg,
    period: OfficePeriodArg = None,
    until: Annotated[str, typer.Option(
        "--until", help=w("Hạn mới (31/01/2027 hoặc 2027-01-31).",
                          "The new deadline (31/01/2027 or 2027-01-31)."),
        metavar=DATE_WORD, show_default=False)] = ...,  # type: ignore[assignment]
    on: Annotated[str | None, typer.Option(
        "--on", help=w("Ngày cho gia hạn (mặc định: hôm nay).",
                       "The day the extension was granted (default: today)."),
        metavar=DATE_WORD, show_default=False)] = None,
    number: NumberOpt = None,
    by: Annotated[str | None, typer.Option(
        "--by", help=w("Cơ quan cho gia hạn (mã, hoặc một phần tên).",
                       "The body that granted it (its code, or a piece of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    _record(ctx, lang, today, on, agreement, "extension", duty, period, number, by,
            until=until)


@record_app.command("reminder", help=w(
    "Ghi nhận một lần đôn đốc nộp báo cáo của một kỳ (nhắc nhở, phê bình, yêu cầu kiểm "
    "điểm); ppcli stats đếm theo bên bị đôn đốc.",
    "Record an urging about one period's report (reminder, reprimand, self-criticism "
    "demanded); ppcli stats counts them per party urged."))
def record_reminder(
    ctx: typer.Context,
    agreement: AgreementArg,
    duty: DutyArg,
    period: OfficePeriodArg = None,
    kind: Annotated[ReminderKindOpt, typer.Option(
        "--kind", help=w("Hình thức: nhac-nho (nhắc nhở), phe-binh (phê bình), kiem-diem "
                         "(yêu cầu kiểm điểm).",
                         "The kind: nhac-nho (reminder), phe-binh (reprimand), kiem-diem "
                         "(self-criticism demanded)."),
        show_default=False)] = ...,  # type: ignore[assignment]
    on: Annotated[str | None, typer.Option(
        "--on", help=w("Ngày đôn đốc (mặc định: hôm nay).",
                       "The day of the urging (default: today)."),
        metavar=DATE_WORD, show_default=False)] = None,
    number: NumberOpt = None,
    by: Annotated[str | None, typer.Option(
        "--by", help=w("Cơ quan đôn đốc (mã, hoặc một phần tên).",
                       "The body that urged (its code, or a piece of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    to: Annotated[str | None, typer.Option(
        "--to", help=w("Bên bị đôn đốc (mã, hoặc một phần tên); bỏ trống: mọi bên chưa gửi.",
                       "The party urged (its code, or a piece of its name); none: every "
                       "party that has not sent."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    _record(ctx, lang, today, on, agreement, "reminder", duty, period, number, by,
            extra={"reminder_kind": kind.value, "to": to})
