"""Languages and the Vietnamese date style.

Vietnamese is the default whatever the system locale: the users are Vietnamese clerks,
and a machine's locale (often English on office PCs) says nothing about what they read.
English is chosen explicitly with ``--lang en`` or ``PPCLI_LANG=en``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class Label:
    """A short text in both languages, localised only when printed."""

    vi: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


def pick_lang(option: str | None, env: str | None) -> Lang | None:
    """The language asked for by the option, else the environment, else Vietnamese.

    Returns None when the value names no supported language (a usage error).
    """
    value = (option or env or "vi").strip().lower()
    if value in ("vi", "vi_vn", "vi-vn"):
        return "vi"
    if value in ("en", "en_us", "en-us", "en_gb", "en-gb"):
        return "en"
    return None


def day_month(d: dt.date) -> str:
    """``05/01/2024`` as written in Vietnamese lists and tables."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def date_line(d: dt.date) -> str:
    """The date as Nghị định 30/2020 writes it: ``ngày 05 tháng 01 năm 2024``.

    Day below 10 and months 1 and 2 take a leading zero; months 3 to 12 do not
    (Phụ lục I, II.4.b).
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def short_date(d: dt.date, lang: Lang) -> str:
    """A date in a listing: ``05/01/2024`` in Vietnamese, ISO in English."""
    return day_month(d) if lang == "vi" else d.isoformat()


def fold(text: str) -> str:
    """Text as a clerk may type it, for matching: lower case, without diacritics (``đ``
    as ``d``), runs of spaces as one. ``"Tỉnh  Đoàn Cà Mau"`` → ``"tinh doan ca mau"``."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", bare).split())
