"""Report drafts: the sandboxed Jinja environment, the body markup, Markdown and HTML.

Templates come from the agreements repository (``templates/``, which overrides any
default) or from ppcli's own defaults, installed with the package. A shared repository's
templates are untrusted: they run in Jinja's immutable sandbox (no attributes starting
with ``_``, no Python internals, no file or environment access; includes only from the
template folders), and strictly: a missing value is an error naming the template, line
and field, never a blank in an official document.

A template renders the body of the report in a small line markup:

* ``# I. KẾT QUẢ THỰC HIỆN`` — a section heading (mục), bold;
* ``## 1. Tuyên truyền…`` — a numbered heading (khoản), bold;
* ``- …`` — an item; any other line is body text; blank lines separate paragraphs.

The envelope around it (header, BÁO CÁO, Kính gửi, signature, Nơi nhận) is laid out by
code, because Nghị định 30/2020 fixes it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ppcli.draft import Envelope, placeholder
from ppcli.i18n import Label, date_line, day_month
from ppcli.model import Registry

TEMPLATES = {"dinh-ky": "bao-cao-dinh-ky.md.j2", "so-ket": "bao-cao-so-ket.md.j2",
             "tong-ket": "bao-cao-tong-ket.md.j2"}


class TemplateProblem(Exception):
    """A template failed; the label says which, where and what to do."""

    def __init__(self, label: Label) -> None:
        super().__init__(label.en)
        self.label = label


def default_templates() -> Path:
    """ppcli's own templates: the checkout's ``templates/`` folder, installed as the
    package ``ppcli.templates`` (see pyproject.toml)."""
    try:
        return Path(str(resources.files("ppcli.templates")))
    except ModuleNotFoundError:  # ppcli imported from a source checkout, not installed
        return Path(__file__).resolve().parent.parent / "templates"


def environment(search: list[Path], undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
                registry: Registry | None = None) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search], encoding="utf-8"),
        undefined=undefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update({
        "ngay": _date_filter(date_line),  # ngày 05 tháng 01 năm 2024
        "ngay_ngan": _date_filter(day_month),  # 05/01/2024
        "hoa": lambda s: str(s).upper(),
        "liet_ke": _enumerate,  # ["A", "B", "C"] -> "A, B và C"
        # {{ "ubnd-kien-giang" | ten_to_chuc(report.date) }} -> the name in force that day
        "ten_to_chuc": _org_name(registry),
    })
    env.globals.update({"can_bo_sung": placeholder})
    return env


def _org_name(registry: Registry | None) -> Any:
    def name(org_id: Any, on: Any = None, short: bool = False) -> str:
        if registry is None or str(org_id) not in registry.orgs:
            raise jinja2.UndefinedError(f"không có tổ chức \"{org_id}\" trong danh mục")
        if on is None:
            return registry.name(str(org_id), short)
        if not isinstance(on, dt.date):
            raise jinja2.UndefinedError(f"không phải ngày: {on!r}")
        return " và ".join(registry.name(o, short)
                           for o in registry.successors_on(str(org_id), on))
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
    """Template folders, most specific first, and the name of a ``--template`` file."""
    folders = [repo_root / "templates", default_templates()]
    if template_file is None:
        return [f for f in folders if f.is_dir()], None
    return [template_file.parent, *[f for f in folders if f.is_dir()]], template_file.name


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


def render_body(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateProblem(Label(f"mẫu {where}: lỗi cú pháp Jinja: {exc.message}",
                                    f"template {where}: Jinja syntax error: {exc.message}")) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(Label(
            f"mẫu {name}: không tìm thấy mẫu \"{exc.name}\" trong các thư mục mẫu (chỉ được "
            "dùng mẫu trong templates/)",
            f"template {name}: no template \"{exc.name}\" in the template folders (only "
            "templates/ may be used)")) from None
    except SecurityError as exc:
        file, line = _where(exc, name)
        raise TemplateProblem(Label(
            f"mẫu {file}:{line}: bị chặn vì lý do an toàn ({exc}); mẫu chỉ được dùng dữ liệu "
            "thỏa thuận, không được truy cập thuộc tính nội bộ của Python",
            f"template {file}:{line}: refused for safety ({exc}); templates may only use "
            "the agreement data, not Python internals")) from None
    except jinja2.UndefinedError as exc:
        file, line = _where(exc, name)
        field = _field(str(exc.message or exc))
        raise TemplateProblem(Label(
            f"mẫu {file}:{line}: thiếu dữ liệu \"{field}\" ({exc.message}); sửa mẫu hoặc bổ "
            "sung dữ liệu (ppcli render --check liệt kê những chỗ thiếu)",
            f"template {file}:{line}: missing value \"{field}\" ({exc.message}); fix the "
            "template or the data (ppcli render --check lists the gaps)")) from None


def _field(message: str) -> str:
    m = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined",
                                                                        message)
    return m.group(1) if m else message


class _Recording(jinja2.ChainableUndefined):
    """An undefined value that notes what was asked for instead of failing."""

    seen: list[str] = []

    def _note(self) -> None:
        name = self._undefined_name or "?"
        if name not in _Recording.seen:
            _Recording.seen.append(name)

    def __str__(self) -> str:
        self._note()
        return ""

    def __iter__(self) -> Any:
        self._note()
        return iter(())

    def __bool__(self) -> bool:
        self._note()
        return False


def check_template(search: list[Path], name: str, context: dict[str, Any],
                   registry: Registry | None = None) -> list[str]:
    """The fields a template uses that the data does not have."""
    _Recording.seen = []
    env = environment(search, _Recording, registry)
    render_body(env, name, context)
    return list(_Recording.seen)


# -- the body markup --------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # 'h1', 'h2', 'li' or 'p'
    text: str


def parse_body(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("li", line[2:].strip()))
        else:
            paragraph.append(line)
    flush()
    return blocks


# -- Markdown (for review in git) and HTML (for a quick look, printable to A4) -------------


def to_markdown(env: Envelope, blocks: list[Block]) -> str:
    left = [env.parent_body, f"**{env.issuer}**", env.number] if env.parent_body else \
        [f"**{env.issuer}**", env.number]
    lines = [
        "| " + "<br>".join(left[:-1]) + " | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "**Độc lập - Tự do - Hạnh phúc** |",
        "|:---:|:---:|",
        f"| {left[-1]} | *{env.place_date}* |",
        "",
        f"**{env.type_name}**",
        "",
        f"**{env.summary}**",
        "",
    ]
    if env.to:
        if len(env.to) == 1:
            lines += [f"Kính gửi: {env.to[0]}.", ""]
        else:
            lines += ["Kính gửi:"] + [f"- {t}{';' if i < len(env.to) - 1 else '.'}"
                                      for i, t in enumerate(env.to)] + [""]
    for i, block in enumerate(blocks):
        end = "./." if i == len(blocks) - 1 else ""
        if block.kind == "h1":
            lines += [f"### {block.text}", ""]
        elif block.kind == "h2":
            lines += [f"#### {block.text}", ""]
        elif block.kind == "li":
            lines += [f"- {block.text}{end}"]
            if i + 1 < len(blocks) and blocks[i + 1].kind != "li" or end:
                lines.append("")
        else:
            lines += [f"{block.text}{end}", ""]
    lines += [
        "| ***Nơi nhận:*** | " + "<br>".join(f"**{t}**" for t in env.signer_title) + " |",
        "|:---|:---:|",
        "| " + "<br>".join(_copy_lines(env.copies)) + " | <br><br><br>**" + env.signer_name
        + "** |",
        "",
    ]
    return "\n".join(lines)


def _copy_lines(copies: tuple[str, ...]) -> list[str]:
    return [f"- {c}{'.' if i == len(copies) - 1 else ';'}" for i, c in enumerate(copies)]


def _mark(text: str) -> str:
    """HTML-escaped text with the placeholders highlighted."""
    from ppcli.draft import PLACEHOLDER_RE

    out, last = [], 0
    for m in PLACEHOLDER_RE.finditer(text):
        out += [html.escape(text[last:m.start()]), f"<mark>{html.escape(m.group(0))}</mark>"]
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


HTML_STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3;
       max-width: 165mm; margin: 10mm auto; color: #000; }
table.head, table.foot { width: 100%; border-collapse: collapse; }
table.head td, table.foot td { vertical-align: top; text-align: center; padding: 0; }
.head td.left { width: 40%; font-size: 13pt; } .head td.right { width: 60%; }
.qh { font-weight: bold; font-size: 12pt; } .tn { font-weight: bold; font-size: 13pt; }
.rule { border-top: 1px solid #000; margin: 2px auto 6px; }
.date { font-style: italic; } .so { font-size: 13pt; }
h1.type { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
p.summary { font-weight: bold; text-align: center; margin: 0; }
p, li { text-align: justify; margin: 6pt 0; } p.body, li { text-indent: 1cm; }
h2 { font-size: 14pt; margin: 6pt 0; text-indent: 1cm; }
h3 { font-size: 14pt; margin: 6pt 0; text-indent: 1cm; }
ul { list-style: none; padding: 0; } li::before { content: "- "; }
.foot td.left { text-align: left; width: 45%; font-size: 11pt; }
.foot .nn { font-weight: bold; font-style: italic; font-size: 12pt; }
.foot td.right { font-weight: bold; }
.kg { text-align: center; } mark { background: #ff0; }
"""


def to_html(env: Envelope, blocks: list[Block]) -> str:
    parent = f"<div>{_mark(env.parent_body)}</div>" if env.parent_body else ""
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{html.escape(env.summary)}</title><style>{HTML_STYLE}</style></head><body>",
        '<table class="head"><tr><td class="left">', parent,
        f"<div><b>{_mark(env.issuer)}</b></div>", '<div class="rule" style="width:40%"></div>',
        f'<div class="so">{_mark(env.number)}</div></td>',
        '<td class="right"><div class="qh">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
        '<div class="tn">Độc lập - Tự do - Hạnh phúc</div>',
        '<div class="rule" style="width:60%"></div>',
        f'<div class="date">{_mark(env.place_date)}</div></td></tr></table>',
        f'<h1 class="type">{env.type_name}</h1>',
        f'<p class="summary">{_mark(env.summary)}</p>',
        '<div class="rule" style="width:30%"></div>',
    ]
    if env.to:
        if len(env.to) == 1:
            parts.append(f'<p class="kg">Kính gửi: {_mark(env.to[0])}.</p>')
        else:
            parts.append('<p class="kg">Kính gửi:</p><ul class="kg">' + "".join(
                f"<li>{_mark(t)}{';' if i < len(env.to) - 1 else '.'}</li>"
                for i, t in enumerate(env.to)) + "</ul>")
    for i, block in enumerate(blocks):
        end = "./." if i == len(blocks) - 1 else ""
        tag = {"h1": "h2", "h2": "h3"}.get(block.kind)
        if tag:
            parts.append(f"<{tag}>{_mark(block.text)}</{tag}>")
        elif block.kind == "li":
            parts.append(f"<ul><li>{_mark(block.text)}{end}</li></ul>")
        else:
            parts.append(f'<p class="body">{_mark(block.text)}{end}</p>')
    copies = "".join(f"<div>{_mark(c)}</div>" for c in _copy_lines(env.copies))
    title = "".join(f"<div>{_mark(t)}</div>" for t in env.signer_title)
    parts += [
        '<table class="foot"><tr><td class="left"><div class="nn">Nơi nhận:</div>', copies,
        f'</td><td class="right">{title}<br><br><br><br><div>{_mark(env.signer_name)}</div>',
        "</td></tr></table></body></html>", ""]
    return "\n".join(parts)
