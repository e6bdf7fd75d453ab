"""The Government's yearly day swaps that ppcli ships (``ppcli/data/nghi_bu.json``).

Each year the Thủ tướng decides, by a công văn of the Văn phòng Chính phủ, which working
day civil servants take off next to a holiday and which Saturday they work instead. The
``holidays`` package knows some of these, late or not at all; ppcli ships the decisions
confirmed from a public source (number, date, the days), and a repository's own
``ppcli.yaml`` (``days_off``, ``working_days``) overrides both.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

DATA = "nghi_bu.json"


@dataclass(frozen=True)
class Decision:
    number: str  # e.g. 12729/VPCP-KGVX
    date: dt.date
    subject: str
    url: str
    days_off: tuple[tuple[dt.date, str], ...]
    working_days: tuple[tuple[dt.date, str], ...]


@dataclass(frozen=True)
class Shipped:
    version: str
    decisions: tuple[Decision, ...]


def _data() -> bytes:
    # beside the package's modules (package data, pyproject.toml); a plain path, not
    # importlib.resources, which costs more to import than the weekly cached run can spare
    return (Path(__file__).resolve().parent.parent / "data" / DATA).read_bytes()


@functools.lru_cache(maxsize=1)
def digest() -> str:
    """What the schedule cache keys on: the shipped file's SHA-256 (an edited or newer
    file changes every deadline it moves)."""
    return hashlib.sha256(_data()).hexdigest()[:16]


def _days(raw: list[dict[str, str]]) -> tuple[tuple[dt.date, str], ...]:
    return tuple((dt.date.fromisoformat(d["date"]), d["name"]) for d in raw)


@functools.lru_cache(maxsize=1)
def shipped() -> Shipped:
    """The decisions shipped with this ppcli (package data, written by its developers)."""
    raw = json.loads(_data().decode("utf-8"))
    return Shipped(raw["version"], tuple(
        Decision(d["number"], dt.date.fromisoformat(d["date"]), d["subject"], d["url"],
                 _days(d.get("days_off", [])), _days(d.get("working_days", [])))
        for d in raw["decisions"]))
