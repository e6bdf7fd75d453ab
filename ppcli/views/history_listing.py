"""History and semantic diffs as text and Markdown (JSON is in :mod:`ppcli.history.changes`)."""

from __future__ import annotations

from collections.abc import Sequence

from ppcli.history.changes import Entry, FileEntry
from ppcli.i18n import Label, Lang, short_date
from ppcli.safetext import one_line as s

STATUS = {
    "added": Label("Thêm", "Added"), "removed": Label("Xóa", "Removed"),
    "changed": Label("Sửa", "Changed"), "renamed": Label("Đổi tên tệp", "Renamed"),
}
KIND = {"agreement": Label("thỏa thuận", "agreement"),
        "registry": Label("danh mục tổ chức", "organisation registry"),
        "config": Label("cấu hình kho", "repository configuration")}


def file_lines(f: FileEntry, lang: Lang, bullet: str = "•") -> list[str]:
    head = f"{STATUS[f.status](lang)} {KIND[f.kind](lang)}"
    if f.agreement:
        head += f" {s(f.agreement)}"
    if f.title and f.status in ("added", "removed"):
        head += f": {s(f.title)}"
    lines = [head + f" ({s(f.path)})" if not f.old_path else
             head + f" ({s(f.old_path)} → {s(f.path)})"]
    if f.invalid is not None:
        lines.append(f"  ! {s(f.invalid(lang))}")
    lines += [f"  {bullet} {s(c.text(lang))}" for c in f.changes]
    return lines


def history_text(entries: Sequence[Entry], lang: Lang) -> str:
    if not entries:
        return ("Không có thay đổi nào.\n" if lang == "vi" else "No changes.\n")
    out: list[str] = []
    for e in entries:
        if e.problem is not None:  # a commit that could not be read
            out += [f"! {s(e.problem(lang))}", ""]
            continue
        merge = " (hợp nhất nhánh)" if e.merge and lang == "vi" else " (merge)" if e.merge else ""
        out.append(f"{short_date(e.date.date(), lang)}  {s(e.sha[:10])}  {s(e.author)}{merge}")
        out.append(f"  {s(e.subject)}")
        for f in e.files:
            out += [f"    {line}" for line in file_lines(f, lang)]
        out.append("")
    return "\n".join(out)


def history_markdown(entries: Sequence[Entry], lang: Lang) -> str:
    if not entries:
        return "Không có thay đổi nào.\n" if lang == "vi" else "No changes.\n"
    out: list[str] = []
    for e in entries:
        if e.problem is not None:
            out += [f"## ! {s(e.problem(lang))}", ""]
            continue
        out += [f"## {short_date(e.date.date(), lang)} — {s(e.subject)}", "",
                f"`{s(e.sha[:10])}` · {s(e.author)}", ""]
        for f in e.files:
            lines = file_lines(f, lang, bullet="-")
            out += [f"**{lines[0]}**", "", *[line.strip() for line in lines[1:]], ""]
    return "\n".join(out)


def diff_text(files: Sequence[FileEntry], lang: Lang) -> str:
    if not files:
        return ("Không có thay đổi nào về nội dung.\n" if lang == "vi"
                else "No change in meaning.\n")
    return "\n".join(line for f in files for line in file_lines(f, lang)) + "\n"
