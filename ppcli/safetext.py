"""The one terminal sanitiser: data from agreement files, git and the command line is
made visible before it reaches a terminal, never emitted raw.

A terminal obeys control characters wherever they appear in its input: ESC starts
sequences that set the window title, clear the screen or write the clipboard (OSC 52),
``\\r`` overwrites what was printed, a line break in a title forges a whole entry of a
listing, and the bidi overrides reorder what the eye reads. So:

* C0 controls (U+0000–U+001F) and DEL become their Unicode "control pictures"
  (``\\x1b`` → ``␛``, ``\\n`` → ``␊``, tab → ``␉``): one visible character for one;
* C1 controls (U+0080–U+009F), the bidi embeddings, overrides, isolates and marks
  (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the line and paragraph
  separators (U+2028, U+2029) become ``<U+XXXX>``.

:func:`one_line` is for a value printed inside a line (a title, a name, a file name):
its line breaks are shown, not obeyed. :func:`visible` keeps ``\\n`` and is for text
whose line breaks the layout itself puts (a whole listing, a multi-line note). JSON
output is escaped by :func:`json_safe`: the same characters as ``\\uXXXX``, so the data
is unchanged for a program and harmless on a terminal.
"""

from __future__ import annotations

import re

_C0 = {c: chr(0x2400 + c) for c in range(0x20)}
_C0[0x7F] = "\u2421"  # ␡
_WIDE = [*range(0x80, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
         *range(0x2066, 0x206A), 0x2028, 0x2029]

ONE_LINE: dict[int, str] = {**_C0, **{c: f"<U+{c:04X}>" for c in _WIDE}}
KEEP_NEWLINES: dict[int, str] = {k: v for k, v in ONE_LINE.items() if k != 0x0A}
JSON_ESCAPES: dict[int, str] = {c: f"\\u{c:04x}" for c in [0x7F, *_WIDE]}

# the one definition of the classes (regex character-class text)
C1_CONTROLS = "\x80-\x9f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides and isolates
_CLASS = "\x00-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE = re.compile(f"[{_CLASS}]")
UNSAFE = _UNSAFE  # every control, bidi and separator character: refused in typed values
_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f"
                                 "\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_IN_JSON = re.compile("[\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                             "\u2028\u2029]")
# what validate warns about (PP041): controls other than the line break and the tab,
# which a YAML block of text legitimately holds, plus the bidi and separator characters
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f"
                             "\u202a-\u202e\u2066-\u2069\u2028\u2029]")
LINE_BREAK = re.compile("[\n\r\u2028\u2029\x85\x0b\x0c]")


def one_line(text: str) -> str:
    """``text`` for printing inside one line: every control and bidi character shown."""
    if _UNSAFE.search(text) is None:  # the common case costs one scan
        return text
    return text.translate(ONE_LINE)


def visible(text: str) -> str:
    """``text`` with the line breaks kept and every other control shown."""
    if _UNSAFE_BUT_NEWLINE.search(text) is None:
        return text
    return text.translate(KEEP_NEWLINES)


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps``, which escapes C0 already) with C1 controls, bidi
    and separator characters escaped too: the same data, harmless on a terminal."""
    if _UNSAFE_IN_JSON.search(encoded) is None:
        return encoded
    return encoded.translate(JSON_ESCAPES)


def describe(char: str) -> str:
    """``U+001B`` for a diagnostic naming the character found."""
    return f"U+{ord(char):04X}"


# what files made from data (.md, .html, .ics, .docx) never carry: C0 controls but the
# line break and the tab, DEL, C1 controls, the bidi embeddings, overrides and isolates
_STRIPPED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{C1_CONTROLS}{BIDI_CONTROLS}]")


def strip_controls(text: str, spaces: str = "") -> str:
    """``text`` for a file a reader opens (a draft, a calendar): C0 controls other than
    ``\\n`` and ``\\t``, DEL, C1 controls and the bidi embeddings, overrides and isolates
    dropped; the characters in ``spaces`` (``"\\r"`` for Markdown) become a space."""
    if _STRIPPED.search(text) is None:
        return text
    return _STRIPPED.sub(lambda m: " " if m.group(0) in spaces else "", text)
