"""The body markup a template writes, and the draft as Markdown and HTML."""

from __future__ import annotations

import dataclasses
import html
import re

from ppcli.drafts.context import Block, Envelope
from ppcli.safetext import strip_controls

# -- Markdown escaping of values -------------------------------------------------------------

_ENTITY_AMP = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def md_escape(text: str) -> str:
    """Text from data made inert in Markdown: ``<`` and ``>`` escaped, and ``&`` only
    where it would start an entity, so that "Sở LĐ-TB&XH" stays as it is."""
    text = strip_controls(text, spaces="\r")
    return _ENTITY_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


# -- the body markup --------------------------------------------------------------------


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


def _md_cell(text: str) -> str:
    """Envelope text from data for Markdown: escaped as template values are, and ``|``
    escaped so that it cannot split the header and signature tables."""
    return md_escape(text).replace("|", "\\|")


def _md_envelope(env: Envelope) -> Envelope:
    return dataclasses.replace(
        env, parent_body=_md_cell(env.parent_body), issuer=_md_cell(env.issuer),
        number=_md_cell(env.number), place_date=_md_cell(env.place_date),
        summary=_md_cell(env.summary), to=tuple(_md_cell(t) for t in env.to),
        signer_title=tuple(_md_cell(t) for t in env.signer_title),
        signer_name=_md_cell(env.signer_name), copies=tuple(_md_cell(c) for c in env.copies),
        type_name=_md_cell(env.type_name))


def to_markdown(env: Envelope, blocks: list[Block]) -> str:
    """The draft in Markdown. The body's data was escaped as it entered the template
    (``environment(markdown=True)``); the envelope's is escaped here. No control or bidi
    character is left (:func:`ppcli.safetext.strip_controls`; ``\\r`` becomes a space)."""
    env = _md_envelope(env)
    left = ([env.parent_body] if env.parent_body else []) + [f"**{env.issuer}**"] + \
        ([env.issuer_mark.replace("*", "\\*")] if env.issuer_mark != "rule" else []) + [env.number]
    lines = [
        "| " + "<br>".join(left[:-1]) + " | " + "<br>".join(f"**{m}**" for m in env.motto)
        + " |",
        "|:---:|:---:|",
        f"| {left[-1]} | *{env.place_date}* |",
        "",
        f"**{env.type_name}**",
        "",
        f"**{env.summary}**",
        "",
    ]
    if not env.type_name:  # a công văn: its "V/v …" line under the number, no kind line
        lines[2:] = [f"| {left[-1]}<br>{env.summary} | *{env.place_date}* |", ""]
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
    return strip_controls("\n".join(lines), spaces="\r")


def _copy_lines(copies: tuple[str, ...]) -> list[str]:
    return [f"- {c}{'.' if i == len(copies) - 1 else ';'}" for i, c in enumerate(copies)]


def _mark(text: str) -> str:
    """HTML-escaped text with the placeholders highlighted."""
    from ppcli.drafts.context import PLACEHOLDER_RE

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
.kg { text-align: center; } mark { background: #ff0; } .vv { font-size: 12pt; }
"""


def to_html(env: Envelope, blocks: list[Block]) -> str:
    """The draft as one HTML page: data escaped, no control or bidi character left."""
    parent = f"<div>{_mark(env.parent_body)}</div>" if env.parent_body else ""
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{html.escape(env.summary)}</title><style>{HTML_STYLE}</style></head><body>",
        '<table class="head"><tr><td class="left">', parent,
        f"<div><b>{_mark(env.issuer)}</b></div>",
        f'<div>{env.issuer_mark}</div>' if env.issuer_mark != "rule" else
        '<div class="rule" style="width:40%"></div>',
        f'<div class="so">{_mark(env.number)}</div></td>', '<td class="right">',
        *(f'<div class="{"qh" if i == 0 and len(env.motto) > 1 else "tn"}">{html.escape(m)}'
          "</div>" for i, m in enumerate(env.motto)),
        '<div class="rule" style="width:60%"></div>' if len(env.motto) > 1 else "",
        f'<div class="date">{_mark(env.place_date)}</div></td></tr></table>',
        f'<h1 class="type">{env.type_name}</h1>',
        f'<p class="summary">{_mark(env.summary)}</p>',
        '<div class="rule" style="width:30%"></div>',
    ]
    if not env.type_name:  # a công văn: its "V/v …" line under the number, no kind line
        parts[parts.index(f'<div class="so">{_mark(env.number)}</div></td>')] = (
            f'<div class="so">{_mark(env.number)}</div><div class="vv">{_mark(env.summary)}'
            "</div></td>")
        del parts[-3:]
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
    return strip_controls("\n".join(parts))

