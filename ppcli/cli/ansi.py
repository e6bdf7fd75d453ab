"""Styled text on a colour terminal with plain ANSI SGR codes, for the long listings.

rich lays text out character by character (cell widths, wrapping, control stripping):
for the tens of thousands of pieces of a large repository's ``due`` listing that took
seconds, where writing the same pieces with SGR codes takes milliseconds. So the long
listings (``due``, ``show``) are written here, and wrapping is left to the terminal.

Every piece still goes through the one terminal sanitiser (:func:`ppcli.safetext.visible`)
before a code is put around it: only the codes written here reach the terminal.

Where this is not used, output is as before: not a terminal, ``NO_COLOR``, ``TERM=dumb``
give plain text (decided by the caller), and a legacy Windows console (one without
virtual-terminal processing, where rich writes colours through the console API) keeps
rich. A Windows 10+ console with virtual-terminal processing understands these codes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TextIO

from ppcli.safetext import visible

# rich's style words used by the views, as SGR parameters
_WORDS = {
    "bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7",
    "black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34",
    "magenta": "35", "cyan": "36", "white": "37",
}
RESET = "\x1b[0m"


def sgr(style: str) -> str:
    """The SGR sequence that starts ``style`` ("bold red" → ESC[1;31m); "" for no style.
    A word it does not know is left out (the text is still written, uncoloured)."""
    codes = [_WORDS[w] for w in style.split() if w in _WORDS]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def render(segments: Iterable[tuple[str, str]]) -> str:
    """The pieces as one string with SGR codes: each piece made visible first, and its
    style closed before every line break (as rich does), so that a pager or a terminal
    that scrolls never carries a colour into the next line."""
    starts: dict[str, str] = {}
    out: list[str] = []
    append = out.append
    for text, style in segments:
        text = visible(text)
        if not style or not text:
            append(text)
            continue
        start = starts.get(style)
        if start is None:
            start = starts[style] = sgr(style)
        if not start:
            append(text)
        elif "\n" not in text:
            append(f"{start}{text}{RESET}")
        else:
            append("\n".join(f"{start}{line}{RESET}" if line else ""
                             for line in text.split("\n")))
    return "".join(out)


def legacy_windows_console() -> bool:
    """A Windows console without virtual-terminal processing (older than Windows 10, or
    with it turned off): SGR codes would show as text there, so rich is kept. Asked of
    rich itself, so both agree; never true elsewhere (and rich is not imported then)."""
    if os.name != "nt":
        return False
    from rich.console import detect_legacy_windows

    return detect_legacy_windows()


def write_segments(segments: Iterable[tuple[str, str]], stream: TextIO) -> None:
    """Write the styled pieces to ``stream`` (a colour terminal) with SGR codes."""
    stream.write(render(segments))
