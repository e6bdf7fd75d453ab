"""The commented YAML ``ppcli import`` writes: each value may carry the sentence it came
from (``# từ văn bản: "…"``), why it was inferred (``# SUY RA: …``) or a note, written as
comment lines above it. Strings are written double-quoted (JSON escapes are YAML's), ids
and dates plain; no line break ever reaches a comment or a plain value."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass

WIDTH = 96
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class Cited:
    """A value with where it came from."""

    value: object
    quote: str = ""
    inferred: str = ""
    note: str = ""


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _PLAIN.match(text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028") \
        .replace("\u2029", "\\u2029").replace("\x85", "\\x85")


def one_line(text: str) -> str:
    return " ".join(_BREAKS.sub(" ", text).split())


def comment(text: str, indent: int, first: str = "", cont: str = "  ") -> list[str]:
    """``text`` as comment lines at ``indent``, the first beginning with ``first``."""
    pad = " " * indent
    lines = textwrap.wrap(one_line(text), WIDTH - indent - 2, initial_indent=first,
                          subsequent_indent=cont, break_long_words=True,
                          break_on_hyphens=False) or [first]
    return [f"{pad}# {line}".rstrip() for line in lines]


class _Said:
    """The last sentence quoted: quoted again, it is named, not repeated."""

    last = ""


def _notes(cited: Cited, indent: int) -> list[str]:
    out: list[str] = []
    if cited.quote and cited.quote == _Said.last:
        out.append(" " * indent + "# từ văn bản: (câu trích ở trên)")
    elif cited.quote:
        out += comment(f"\"{cited.quote}\"", indent, "từ văn bản: ")
        _Said.last = cited.quote
    if cited.inferred:
        out += comment(cited.inferred, indent, "SUY RA: ")
    if cited.note:
        out += comment(cited.note, indent)
    return out


def _unwrap(value: object, indent: int) -> tuple[object, list[str]]:
    if isinstance(value, Cited):
        return value.value, _notes(value, indent)
    return value, []


def emit(mapping: dict[str, object], indent: int = 0) -> list[str]:
    """A mapping as block YAML, comments above the values that carry them."""
    if indent == 0:
        _Said.last = ""
    pad = " " * indent
    out: list[str] = []
    for key, raw in mapping.items():
        value, notes = _unwrap(raw, indent)
        out += notes
        out += _value(f"{pad}{key}:", value, indent)
    return out


def _value(head: str, value: object, indent: int) -> list[str]:
    if isinstance(value, dict):
        return [head, *emit(value, indent + 2)] if value else [f"{head} {{}}"]
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{head} []"]
        if all(not isinstance(v, (dict, list, tuple, Cited)) for v in value) and \
                sum(len(scalar(v)) for v in value) < 60 and all(_PLAIN.match(str(v))
                                                                for v in value):
            return [f"{head} [{', '.join(scalar(v) for v in value)}]"]
        out = [head]
        for item in value:
            out += _item(item, indent + 2)
        return out
    return [f"{head} {scalar(value)}"]


def _item(raw: object, indent: int) -> list[str]:
    pad = " " * indent
    value, notes = _unwrap(raw, indent)
    if isinstance(value, dict) and value:
        body = emit(value, indent + 2)
        first = next(n for n, line in enumerate(body) if not line.lstrip().startswith("#"))
        # comments of the first key go above the dash; its line takes the dash
        return notes + body[:first] + [f"{pad}- {body[first].lstrip()}"] + body[first + 1:]
    return notes + [f"{pad}- {scalar(value)}"]


def commented(lines: list[str]) -> list[str]:
    """YAML lines turned into comments (a skeleton to fill, a block to confirm)."""
    return [("# " + line if not line.startswith("#") else line) if line else "#"
            for line in lines]
