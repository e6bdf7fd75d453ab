"""Report drafts: the Jinja environment (filters, data escaping), rendering a body and
explaining what went wrong. The sandbox and its limits are in :mod:`ppcli.drafts.sandbox`,
the body markup and the Markdown and HTML writers in :mod:`ppcli.drafts.markup`.

Templates come from the agreements repository (``templates/``, which overrides any
default) or from ppcli's own defaults, installed with the package. A shared repository's
templates are untrusted: they run in Jinja's immutable sandbox (no attributes starting
with ``_``, no Python internals, no file or environment access), and strictly: a missing
value is an error naming the template, line and field, never a blank in an official
document. On top of the sandbox:

* loading is confined (:class:`ConfinedLoader`): a template's real path must lie inside
  its folder, so a symlink leaving it is refused and named, as are absolute names and
  ``..``; a template file is read only if it is a regular file of at most 2 MB;
* rendering has limits (:class:`LimitedEnvironment`): :data:`TIME_LIMIT` seconds,
  :data:`MAX_OUTPUT` bytes of output, and no arithmetic, repetition, padding or
  concatenation whose result would be larger than that; a template that exceeds one ends
  in :class:`TemplateProblem` naming it, never runs on;
* for a Markdown draft, the data is escaped where it enters the template (``<``, ``>``,
  and an ``&`` that would start an entity), so data cannot bring HTML into the draft,
  while the template's own text stays as written.

A template renders the body of the report in a small line markup:

* ``# I. KẾT QUẢ THỰC HIỆN`` — a section heading (mục), bold;
* ``## 1. Tuyên truyền…`` — a numbered heading (khoản), bold;
* ``- …`` — an item; any other line is body text; blank lines separate paragraphs.

The envelope around it (header, BÁO CÁO, Kính gửi, signature, Nơi nhận) is laid out by
code, because Nghị định 30/2020 fixes it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from ppcli.drafts.context import placeholder
from ppcli.drafts.markup import md_escape
from ppcli.drafts.sandbox import (
    LOOP_TICK,
    MAX_OUTPUT,
    THREAD_STACK,
    TIME_LIMIT,
    ConfinedLoader,
    LimitedEnvironment,
    LimitExceeded,
    Refused,
    TemplateProblem,
    finalize_value,
    guard_filter,
    too_large,
)
from ppcli.files.model import Registry
from ppcli.i18n import Label, date_line, day_month
from ppcli.safetext import BIDI_CONTROLS, C1_CONTROLS

TEMPLATES = {"dinh-ky": "bao-cao-dinh-ky.md.j2", "so-ket": "bao-cao-so-ket.md.j2",
             "tong-ket": "bao-cao-tong-ket.md.j2",
             "hoi-nghi": "bao-cao-hoi-nghi.md.j2",  # a recurring meeting, for its period
             "ke-hoach": "ke-hoach.md.j2"}  # a plan duty: KẾ HOẠCH for the period


# -- Markdown escaping of values -------------------------------------------------------------

def md_data(value: Any) -> Any:
    """The template's data with every string escaped by :func:`md_escape` (dicts, lists
    and tuples copied; dates and numbers as they are). Done once, where the data enters
    the template, so that text a macro or block has already made is not escaped twice, and
    the template's own text is left as written."""
    if isinstance(value, str):
        return md_escape(value)
    if isinstance(value, dict):
        return {md_data(k): md_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(md_data(v) for v in value)
    return value


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
                          f"{C1_CONTROLS}{BIDI_CONTROLS}]")


def xml_text(text: str) -> str:
    """Text Word can hold: control characters XML 1.0 does not allow are dropped
    (a vertical tab or form feed becomes a space), and so are the C1 controls and the
    bidi embeddings, overrides and isolates, which would reorder what the reader sees."""
    return _XML_ILLEGAL.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


def default_templates() -> Path:
    """ppcli's own templates: the checkout's ``templates/`` folder, installed as the
    package ``ppcli.templates`` (see pyproject.toml)."""
    try:
        return Path(str(resources.files("ppcli.templates")))
    except ModuleNotFoundError:  # ppcli imported from a source checkout, not installed
        return Path(__file__).resolve().parents[2] / "templates"


def environment(search: list[Path], undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
                registry: Registry | None = None, markdown: bool = False
                ) -> LimitedEnvironment:
    """The sandbox templates run in. ``markdown``: the data is escaped for a Markdown
    draft (.html drafts escape everything later; .docx needs no escaping)."""
    env = LimitedEnvironment(
        loader=ConfinedLoader(search), undefined=undefined, autoescape=False,
        finalize=finalize_value,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.markdown = markdown
    env.filters.update({
        "ngay": _date_filter(date_line),  # ngày 05 tháng 01 năm 2024
        "ngay_ngan": _date_filter(day_month),  # 05/01/2024
        "hoa": lambda s: str(s).upper(),
        "liet_ke": _enumerate,  # ["A", "B", "C"] -> "A, B và C"
        # {{ "ubnd-kien-giang" | ten_to_chuc(report.date) }} -> the name in force that day
        "ten_to_chuc": _org_name(registry, md_escape if markdown else str),
    })
    env.globals.update({"can_bo_sung": placeholder})
    for unneeded in ("lipsum", "cycler", "joiner"):  # lipsum(10**5) runs for minutes
        env.globals.pop(unneeded, None)
    env.filters = {name: guard_filter(env, name, fn) for name, fn in env.filters.items()}
    env.filters[LOOP_TICK] = env.tick
    return env


def _org_name(registry: Registry | None, escape: Callable[[str], str]) -> Any:
    """The filter giving an organisation's name (data from the registry: escaped for a
    Markdown draft, as the rest of the data is)."""
    def name(org_id: Any, on: Any = None, short: bool = False) -> str:
        if registry is None or str(org_id) not in registry.orgs:
            raise jinja2.UndefinedError(f"không có tổ chức \"{org_id}\" trong danh mục")
        if on is None:
            return escape(registry.name(str(org_id), short))
        if not isinstance(on, dt.date):
            raise jinja2.UndefinedError(f"không phải ngày: {on!r}")
        return escape(" và ".join(registry.name(o, short)
                                  for o in registry.successors_on(str(org_id), on)))
    return name


def _enumerate(items: Any) -> str:
    names = [str(x) for x in items]
    return " và ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else \
        "".join(names)


def _date_filter(fn: Any) -> Any:
    def apply(value: Any) -> str:
        if isinstance(value, dt.date):
            return str(fn(value))
        raise jinja2.UndefinedError(f"không phải ngày: {value!r}")
    return apply


def search_path(repo_root: Path, template_file: Path | None) -> tuple[list[Path], str | None]:
    """Template folders, most specific first, and the name of a ``--template`` file. The
    repository's ``templates`` folder must be a real folder: a symbolic link or junction
    there is refused, even one pointing inside the repository (``templates -> .`` would
    make the repository's root, ``.git/config`` and its credentials included, a template
    folder)."""
    own = repo_root / "templates"
    if _is_link(own):
        raise TemplateProblem(Label(
            f"{own} là liên kết (symlink hoặc junction); thư mục mẫu của kho phải là thư mục "
            "thật nên không dùng. Hãy xóa liên kết này hoặc thay bằng thư mục thật",
            f"{own} is a symbolic link (or junction); the repository's template folder must "
            "be a real folder, so it is refused. Remove the link or replace it with a real "
            "folder"))
    folders = [own, default_templates()]
    if template_file is None:
        return [f for f in folders if f.is_dir()], None
    return [template_file.parent, *[f for f in folders if f.is_dir()]], template_file.name


def _is_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link, or on Windows any reparse point (a junction)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return True
    attributes = getattr(info, "st_file_attributes", 0)  # Windows only
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0))


def _where(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The template and line where a rendering error happened (Jinja rewrites the
    traceback so that template frames carry the template's file name and line)."""
    name, line = fallback, 0
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md", ".txt", ".html")) or \
                filename == "<template>":
            name, line = Path(filename).name, tb.tb_lineno
        tb = tb.tb_next
    return name, line


def render_body(env: LimitedEnvironment, name: str, context: dict[str, Any],
                time_limit: float | None = None) -> str:
    """The template's text, or TemplateProblem naming the template. It runs in a thread
    of its own under a deadline (checked at each turn of a loop and in each call, operator,
    filter and attribute it uses; the thread is given up on if one operation outlasts the
    deadline by 2 s) and an output limit."""
    limit = TIME_LIMIT if time_limit is None else time_limit
    env.time_limit = limit
    outcome: dict[str, Any] = {}

    def work() -> None:
        env.deadline = time.monotonic() + limit
        try:
            data = md_data(context) if env.markdown else context
            outcome["text"] = _generate(env.get_template(name), data)
        except BaseException as exc:  # handed to the caller's thread, explained there
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"ppcli-template-{name}", daemon=True)
    try:  # a thread's own stack is small on Windows (1 MB): deep recursion must end in
        previous = threading.stack_size(THREAD_STACK)  # RecursionError, not a crash
    except (ValueError, RuntimeError):
        previous = None
    try:
        worker.start()
    finally:
        if previous is not None:
            threading.stack_size(previous)
    worker.join(limit + 2.0)  # a single operation the checks cannot see: give up on it
    if worker.is_alive():
        raise _explain(LimitExceeded(Label(f"chạy quá {limit:g} giây", f"ran over {limit:g} s")),
                       name, limit)
    if "error" in outcome:
        raise _explain(outcome["error"], name, limit) from None
    return str(outcome["text"])


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    chunks: list[str] = []
    size = 0
    stream: Iterator[str] = template.generate(context)
    for chunk in stream:
        size += len(chunk.encode("utf-8", "surrogatepass"))
        if size > MAX_OUTPUT:
            raise too_large("văn bản mẫu viết ra", "the text the template writes")
        chunks.append(chunk)
    return "".join(chunks)


# Jinja's syntax messages in the clerk's words (the English run keeps Jinja's own)
_SYNTAX_VI = (
    (re.compile(r"No filter named '([^']*)'"), "không có bộ lọc \"{0}\""),
    (re.compile(r"No test named '([^']*)'"), "không có phép thử \"{0}\""),
    (re.compile(r"Encountered unknown tag '([^']*)'"), "không có thẻ \"{0}\""),
    (re.compile(r"[Uu]nexpected end of template.*looking for the following tags: (.*?)\."),
     "mẫu hết mà khối chưa đóng (cần {0})"),
    (re.compile(r"[Uu]nexpected end of template"), "mẫu hết giữa chừng (khối chưa đóng)"),
    (re.compile(r"Expected an expression"), "thiếu biểu thức"),
    (re.compile(r"unexpected '([^']*)'"), "không chờ \"{0}\" ở đây"),
    (re.compile(r"expected token '([^']*)', got '([^']*)'"),
     "cần \"{0}\" nhưng gặp \"{1}\""),
)


# Python's errors while a template runs, in Vietnamese (the English run keeps Python's)
_RUNTIME_VI = {
    "ZeroDivisionError": "phép chia cho 0",
    "RecursionError": "mẫu tự gọi lại quá nhiều lần",
    "TypeError": "dùng sai kiểu dữ liệu",
    "ValueError": "giá trị không hợp lệ",
    "KeyError": "không có khóa này trong dữ liệu",
    "IndexError": "vị trí vượt quá danh sách",
    "OverflowError": "số quá lớn",
}


def _syntax_vi(message: str) -> str:
    for pattern, said in _SYNTAX_VI:
        found = pattern.search(message)
        if found:
            return said.format(*(g.replace("' or '", "' hoặc '") for g in found.groups()))
    return "xem lại dòng này (dấu {{ }}, {% %}, tên biến)"


def _explain(exc: BaseException, name: str, limit: float = TIME_LIMIT) -> BaseException:
    """A failure while rendering as a TemplateProblem naming the template and line (other
    exceptions, such as KeyboardInterrupt, are returned as they are)."""
    file, line = _where(exc, name)
    where = f"{file}:{line}" if line else file
    if isinstance(exc, Refused):
        return TemplateProblem(Label(f"mẫu {where}: {exc.label.vi}", f"template {where}: "
                                     f"{exc.label.en}"))
    if isinstance(exc, TemplateProblem):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        return TemplateProblem(Label(f"mẫu {where}: lỗi cú pháp Jinja: "
                                     f"{_syntax_vi(exc.message or '')}",
                                     f"template {where}: Jinja syntax error: {exc.message}"))
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(Label(
            f"mẫu {name}: không tìm thấy mẫu \"{exc.name}\" trong các thư mục mẫu (chỉ được "
            "dùng mẫu trong templates/)",
            f"template {name}: no template \"{exc.name}\" in the template folders (only "
            "templates/ may be used)"))
    if isinstance(exc, LimitExceeded):
        mb = MAX_OUTPUT // (1024 * 1024)
        return TemplateProblem(Label(
            f"mẫu {where}: dừng vì {exc.label.vi}; mẫu phải ngắn gọn (giới hạn: "
            f"{limit:g} giây, {mb} MB); hãy sửa mẫu",
            f"template {where}: stopped, {exc.label.en}; templates must stay small "
            f"(limits: {limit:g} s, {mb} MB); fix the template"))
    if isinstance(exc, SecurityError):
        return TemplateProblem(Label(
            f"mẫu {file}:{line}: bị chặn vì lý do an toàn ({exc}); mẫu chỉ được dùng dữ liệu "
            "thỏa thuận, không được truy cập thuộc tính nội bộ của Python",
            f"template {file}:{line}: refused for safety ({exc}); templates may only use "
            "the agreement data, not Python internals"))
    if isinstance(exc, jinja2.UndefinedError):
        field = _field(str(exc.message or exc))
        return TemplateProblem(Label(
            f"mẫu {file}:{line}: thiếu dữ liệu \"{field}\"; sửa mẫu hoặc bổ "
            "sung dữ liệu (ppcli render --check liệt kê những chỗ thiếu)",
            f"template {file}:{line}: missing value \"{field}\"; fix the "
            "template or the data (ppcli render --check lists the gaps)"))
    if isinstance(exc, MemoryError):
        return TemplateProblem(Label(f"mẫu {file}:{line}: dừng vì hết bộ nhớ; hãy sửa mẫu",
                                     f"template {file}:{line}: stopped, out of memory; fix "
                                     "the template"))
    if isinstance(exc, Exception):
        what = f"{type(exc).__name__}: {exc}"[:300]
        said = _RUNTIME_VI.get(type(exc).__name__, type(exc).__name__)
        return TemplateProblem(Label(f"mẫu {file}:{line}: lỗi khi chạy mẫu ({said}); hãy sửa mẫu",
                                     f"template {file}:{line}: error while running the "
                                     f"template ({what}); fix the template"))
    return exc


def _field(message: str) -> str:
    m = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined",
                                                                        message)
    return m.group(1) if m else message


def _recording(seen: list[str]) -> type[jinja2.Undefined]:
    """An undefined-value class that notes in ``seen`` what was asked for instead of
    failing: a class made for one check, so nothing is shared between checks."""

    class Recording(jinja2.ChainableUndefined):
        def _note(self) -> None:
            name = self._undefined_name or "?"
            if name not in seen:
                seen.append(name)

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self) -> Any:
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

    return Recording


def check_template(search: list[Path], name: str, context: dict[str, Any],
                   registry: Registry | None = None) -> list[str]:
    """The fields a template uses that the data does not have."""
    seen: list[str] = []
    render_body(environment(search, _recording(seen), registry), name, context)
    return seen


