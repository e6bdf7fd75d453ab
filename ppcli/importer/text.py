"""The text of a document made regular for the recognisers: NFC, one kind of space, no
control characters, lines broken in the middle of a sentence (text pasted from a PDF or a
web page) joined again; then its sentences, each knowing its line.

``flat`` folds a text character by character (lower case, no diacritics, ``đ`` → ``d``)
without changing its length, so that a match found in the folded text is sliced out of
the original with the same positions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

QUOTE_MAX = 300  # characters of a sentence quoted in a comment

# every line break YAML knows, and the spaces a word processor or a web page leaves
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# a line that begins an item of a list: "a) …", "- …", "1. …", "II. …", "Điều 3."
_ITEM = re.compile(r"^(?:[a-zđ]\)|[-–+•*]\s|\d+[.)]\s|[IVXLC]+\.\s|điều\s+\d)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[^\W\d_])")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value the text gives, the sentence it came from, and why it was inferred when
    the text does not say it outright (``SUY RA``)."""

    value: T
    quote: str
    inferred: str = ""


@dataclass(frozen=True)
class Sentence:
    text: str
    flat: str  # :func:`flat` of ``text``: same length
    line: int  # index of its line in :attr:`Document.lines`


@dataclass(frozen=True)
class Document:
    lines: tuple[str, ...]  # non-empty, normalised lines (paragraphs)
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _flat_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def flat(text: str) -> str:
    """``text`` lower case and without diacritics, character for character (same length):
    ``"Tỉnh Đoàn"`` → ``"tinh doan"``."""
    return "".join(_flat_char(c) for c in text)


def normalise(raw: str) -> str:
    """NFC, one space between words, no control or invisible characters, lines that a
    paste broke in the middle of a sentence joined (a line going on in lower case, or
    after a comma)."""
    text = unicodedata.normalize("NFC", _BREAKS.sub("\n", raw))
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = "".join(c if c == "\n" or (c.isprintable() and unicodedata.category(c) != "Cf")
                   else " " for c in text)
    lines: list[str] = []
    blank = True
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            blank = True
            continue
        starts_lower = line[0].islower() and not _ITEM.match(line)
        if lines and not blank and (starts_lower or lines[-1].endswith(",")) \
                and not lines[-1].endswith((".", ";", ":", "!", "?")):
            lines[-1] += " " + line
        else:
            lines.append(line)
        blank = False
    return "\n".join(lines)


def document(raw: str) -> Document:
    """The normalised lines of ``raw`` and their sentences."""
    lines = tuple(normalise(raw).split("\n")) if raw.strip() else ()
    sentences: list[Sentence] = []
    for n, line in enumerate(lines):
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if piece:
                sentences.append(Sentence(piece, flat(piece), n))
    return Document(lines, tuple(sentences))


def quote(sentence: str) -> str:
    """A sentence as quoted in a comment: at most :data:`QUOTE_MAX` characters."""
    text = " ".join(sentence.split())
    return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1].rstrip() + "…"


def years_spaced(text: str) -> str:
    """``2021-2025`` and ``2021 – 2025`` written the one way, ``2021 - 2025``."""
    return re.sub(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b", r"\1 - \2", text)


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
