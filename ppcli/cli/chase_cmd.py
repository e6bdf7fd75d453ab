"""``ppcli chase`` (the công văn đôn đốc to a late party) and ``ppcli dossier`` (the case
file index), registered from :mod:`ppcli.cli.everyday`; and the metadata written beside
every draft (``<draft>.json``, with ``--edxml`` an EDXML header ``<draft>.edxml``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ppcli.cli.inputs import complete_agreement, complete_org
from ppcli.cli.options import (
    CODE_WORD,
    DATE_WORD,
    DAYS_WORD,
    FILE_WORD,
    AgreementArg,
    LangOpt,
    Run,
    TodayOpt,
    app,
    say,
    w,
)
from ppcli.i18n import Label, Lang

# drafts.chase.DEFAULT_REPLY_DAYS (not imported for --help; a test keeps them equal)
DEFAULT_REPLY_DAYS = 10
SHOWN_NEXT = 5  # next commands printed after the letter is written

EdxmlOpt = Annotated[bool, typer.Option(
    "--edxml", help=w("Ghi thêm phần đầu EDXML (QCVN 102:2016/BTTTT) của công văn: "
                      "<tệp>.edxml.",
                      "Also write the letter's EDXML header (QCVN 102:2016/BTTTT): "
                      "<file>.edxml."))]


def sidecar_paths(target: Path) -> tuple[Path, Path]:
    """``BC-x.docx`` -> ``BC-x.json`` and ``BC-x.edxml``, beside the draft."""
    return target.with_suffix(".json"), target.with_suffix(".edxml")


def check_sidecars(target: Path, force: bool, edxml: bool, chosen: bool = True) -> None:
    """Refuse before anything is written when a sidecar's name is taken (without
    ``--force``), or is a link where the name was not the user's choice (a default name
    inside a clone is never followed), so that a draft is never left without its
    metadata."""
    from ppcli.files.fileio import FileProblem
    from ppcli.files.safe_read import is_link

    for path in sidecar_paths(target)[: 2 if edxml else 1]:
        if not chosen and is_link(path):
            raise FileProblem(Label(
                f"{path} là liên kết (symlink hoặc junction); dự thảo và tệp thông tin đi "
                "kèm không ghi qua liên kết. Hãy xóa liên kết, hoặc chọn tệp bằng -o",
                f"{path} is a symbolic link (or junction); drafts and their metadata are not "
                "written through a link. Remove it, or choose the file with -o"))
        if path.exists() and not force and not target.exists():
            problem = FileProblem(Label(
                f"{path} đã có (tệp thông tin đi kèm dự thảo); dùng --force để ghi đè, hoặc "
                "chọn tên khác bằng -o",
                f"{path} exists (the metadata written beside the draft); use --force to "
                "overwrite it, or choose another name with -o"))
            problem.status = 2  # as for the draft's own name: the request is wrong
            raise problem


def write_sidecars(target: Path, metadata: dict[str, Any] | None, edxml: bool,
                   chosen: bool) -> list[Path]:
    """The metadata beside a draft just written at ``target``: the draft and its
    metadata go together, so an older sidecar of that draft is replaced."""
    from ppcli.cli.drafts import _write
    from ppcli.drafts.metadata import to_edxml, to_json

    if metadata is None:
        return []
    metadata = {**metadata, "draft": target.name}  # the name the draft was written under
    json_path, edxml_path = sidecar_paths(target)
    written = [_write(json_path, to_json(metadata), True, chosen)]
    if edxml:
        written.append(_write(edxml_path, to_edxml(metadata), True, chosen))
    return written


def _faulty_warning(agreement: str, lang: Lang) -> None:
    say(Label(f"Tệp của thỏa thuận \"{agreement}\" đang có lỗi: phần có lỗi bị bỏ qua, nên "
              "văn bản này có thể thiếu hoặc sai (ví dụ một báo cáo đã gửi mà bản ghi bị "
              "lỗi); hãy sửa trước (ppcli validate)",
              f"The file of agreement \"{agreement}\" has errors: what is wrong is left "
              "out, so this document may miss something or be wrong (a report sent whose "
              "record is broken, say); fix it first (ppcli validate)")(lang), "yellow")


class ChaseFormat(StrEnum):
    docx = "docx"
    md = "md"


@app.command(help=w(
    "Soạn công văn đôn đốc bên chậm gửi báo cáo (thể thức công văn, Nghị định 30/2020): "
    "các báo cáo quá hạn, hạn gửi, số ngày quá hạn, ngày đề nghị gửi.",
    "Draft the letter chasing a party whose reports are overdue (an official letter, "
    "Decree 30/2020): each overdue report, its deadline, days late, a date to send by."))
def chase(
    ctx: typer.Context,
    agreement: AgreementArg,
    to: Annotated[str | None, typer.Option(
        "--to", help=w("Chỉ đôn đốc bên này (mã, hoặc một phần tên); mặc định: mọi bên "
                       "đang chậm báo cáo.",
                       "Chase only this party (its code, or a piece of its name); default: "
                       "every party that is late."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    as_org: Annotated[str | None, typer.Option(
        "--as", help=w("Bên ký công văn: bên nhận báo cáo (mã, hoặc một phần tên).",
                       "The party that signs the letter: the one that receives the "
                       "reports (its code, or a piece of its name)."),
        metavar=CODE_WORD, show_default=False, autocompletion=complete_org)] = None,
    reply_days: Annotated[int, typer.Option(
        "--reply-days", min=1, max=365, metavar=DAYS_WORD,
        help=w("Đề nghị gửi trong bao nhiêu ngày làm việc kể từ ngày công văn (mặc định "
               "của ppcli: 10, không phải quy định).",
               "Ask for the reports within this many working days of the letter's date "
               "(ppcli's default: 10, not a rule)."))] = DEFAULT_REPLY_DAYS,
    reply_by: Annotated[str | None, typer.Option(
        "--reply-by", help=w("Đề nghị gửi trước ngày này (thay cho --reply-days).",
                             "Ask for the reports by this date (instead of --reply-days)."),
        metavar=DATE_WORD, show_default=False)] = None,
    output: Annotated[ChaseFormat, typer.Option(
        "--format", help=w("Dạng tệp.", "File format."))] = ChaseFormat.docx,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help=w("Tệp kết quả (mặc định: bao-cao/CV-don-doc-<mã>[-<bên>]."
                                 "<dạng>; \"-\": in ra màn hình).",
                                 "The output file (default: bao-cao/CV-don-doc-<code>"
                                 "[-<party>].<format>; \"-\": the screen)."),
        metavar=FILE_WORD, show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=w("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    check: Annotated[bool, typer.Option(
        "--check", help=w("Chỉ liệt kê những chỗ công văn còn phải bổ sung; mã thoát 1 nếu "
                          "còn.",
                          "Only list what the letter still needs filled in; exit status 1 "
                          "if anything."))] = False,
    edxml: EdxmlOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.cli.drafts import _draft_folder, _to_stdout, _write, report_check
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    request = commands.ChaseRequest(agreement, output.value, run.today, to, as_org,
                                    reply_days, run.date(reply_by, "--reply-by"))
    loaded = commands.load_for(run.repo, agreement, run.today, open_cache())
    if check:
        report_check(commands.chase_check(loaded, request), run.lang, "letter")
    done = commands.chase(loaded, request)
    if done.faulty:
        _faulty_warning(agreement, run.lang)
    if output_file is not None and str(output_file) == "-":
        _to_stdout(done.draft.data)
        return
    target = output_file or _draft_folder(run.repo.root) / done.draft.name
    check_sidecars(target, force, edxml, chosen=output_file is not None)
    written = _write(target, done.draft.data, force, chosen=output_file is not None)
    extra = write_sidecars(written, done.draft.metadata, edxml, output_file is not None)
    when = f"{done.reply_by:%d/%m/%Y}"
    run.say(Label(f"Đã soạn công văn đôn đốc: {written} ({len(done.items)} báo cáo quá hạn)",
                  f"Letter written: {written} ({len(done.items)} overdue reports)"))
    run.say(Label(f"Thông tin văn bản: {', '.join(map(str, extra))}",
                  f"Document metadata: {', '.join(map(str, extra))}"))
    if done.reply_days is not None:
        run.say(Label(f"Ngày đề nghị gửi: {when} ({done.reply_days} ngày làm việc sau ngày "
                      "công văn — mặc định của ppcli; đổi bằng --reply-days hoặc --reply-by)",
                      f"Reports asked for by {when} ({done.reply_days} working days after "
                      "the letter — ppcli's default; change it with --reply-days or "
                      "--reply-by)"))
    # after sending, the urging goes on record: one record per period urged
    day = Label("NGÀY", "DATE")(run.lang)
    for party, duty, period in done.items[:SHOWN_NEXT]:
        sys.stdout.write(f"→ ppcli record reminder {agreement} {duty}"
                         + (f" {period}" if period else "")
                         + f" --on {day} --kind nhac-nho --by {done.issuer} --to {party}\n")
    if len(done.items) > SHOWN_NEXT:
        more = len(done.items) - SHOWN_NEXT
        sys.stdout.write(Label(f"  … và {more} lệnh nữa, một lệnh cho mỗi kỳ đã đôn đốc\n",
                               f"  … and {more} more, one for each period urged\n")(run.lang))


class DossierFormat(StrEnum):
    docx = "docx"
    csv = "csv"


@app.command(help=w(
    "Mục lục văn bản, tài liệu trong hồ sơ của một thỏa thuận (Nghị định 30/2020, Phụ lục "
    "V): văn bản ký kết, văn bản được triển khai, được thay thế, báo cáo, gia hạn, đôn đốc, "
    "hội nghị, theo thứ tự thời gian.",
    "The case file index of an agreement (Decree 30/2020, Appendix V): the signed text, "
    "the texts it implements and replaces, reports, extensions, urgings and conferences, "
    "in date order."))
def dossier(
    ctx: typer.Context,
    agreement: Annotated[str, typer.Argument(
        help=w("Mã thỏa thuận.", "The agreement's code."), metavar=CODE_WORD,
        autocompletion=complete_agreement)],
    output: Annotated[DossierFormat, typer.Option(
        "--format", help=w("Dạng tệp.", "File format."))] = DossierFormat.docx,
    output_file: Annotated[Path | None, typer.Option(
        "-o", "--output", help=w("Tệp kết quả (mặc định: bao-cao/HS-muc-luc-<mã>.<dạng>; "
                                 "\"-\": in ra màn hình).",
                                 "The output file (default: bao-cao/HS-muc-luc-<code>."
                                 "<format>; \"-\": the screen)."),
        metavar=FILE_WORD, show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=w("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    from ppcli import commands
    from ppcli.cli.drafts import _draft_folder, _to_stdout, _write
    from ppcli.files.store import open_cache

    run = Run(ctx, lang, today)
    loaded = commands.load_for(run.repo, agreement, run.today, open_cache())
    result = commands.dossier(loaded, agreement, output.value, run.today)
    if result.faulty:
        _faulty_warning(agreement, run.lang)
    if output_file is not None and str(output_file) == "-":
        _to_stdout(result.data)
        return
    target = output_file or _draft_folder(run.repo.root) / result.name
    written = _write(target, result.data, force, chosen=output_file is not None)
    run.say(Label(f"Đã ghi mục lục hồ sơ ({result.rows} văn bản): {written}",
                  f"Case file index written ({result.rows} documents): {written}"))
