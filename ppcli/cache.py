"""Caches: per-agreement schedules keyed by each file's content (here), and the history
of commits keyed by commit id (:mod:`ppcli.history`), in one folder per user.

``ppcli due`` reads every agreement file anyway (to hash it), but parses and schedules
only the files whose bytes changed since the last run. An entry is used only when the
file's BLAKE2 digest, the repository configuration that shapes deadlines, ppcli's
version and Python's version all match, and when it was computed far enough ahead for
the current look-ahead: it is never stale, only sometimes unused.

The cache lives in the user's cache folder (``%LOCALAPPDATA%\\ppcli`` on Windows,
``$XDG_CACHE_HOME/ppcli`` or ``~/.cache/ppcli`` elsewhere), one file per repository;
``PPCLI_CACHE_DIR`` moves it and ``PPCLI_NO_CACHE=1`` turns it off. It is a pickle, so
it is only ever read from that private folder, never from a repository.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli import __version__
from ppcli.fileio import atomic_write
from ppcli.model import Config
from ppcli.repository import Repo, agreement_files_shown, gc_paused, load_agreement
from ppcli.schedule import SCHEDULE_MARGIN_DAYS, Schedule, build_schedule
from ppcli.workdays import WorkCalendar

FORMAT = 2  # bump when the cached classes change


@dataclass(frozen=True)
class Entry:
    digest: bytes
    schedule: Schedule | None  # None: the file did not load (its errors: run validate)
    has_errors: bool


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    if env.get("PPCLI_NO_CACHE"):
        return None
    if env.get("PPCLI_CACHE_DIR"):
        return Path(env["PPCLI_CACHE_DIR"])
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "ppcli" / "Cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ppcli"


def cache_file(folder: Path, repo: Repo, kind: str) -> Path:
    """The cache file of one kind ('schedules', 'history') for one repository."""
    name = hashlib.blake2b(str(repo.root.resolve()).encode("utf-8"), digest_size=12)
    return folder / f"{kind}-{name.hexdigest()}.pickle"


def read_cache(path: Path | None, key: object) -> Any:
    """What was stored under ``key``, or None (no file, damaged, another version)."""
    if path is None or not path.is_file():
        return None
    with contextlib.suppress(Exception):  # a damaged or foreign cache is just not used
        with path.open("rb") as handle:
            stored_key, stored = pickle.load(handle)
        if stored_key == key:
            return stored
    return None


def write_cache(path: Path | None, key: object, value: object) -> None:
    if path is None:
        return
    with contextlib.suppress(OSError):  # a read-only cache folder is not fatal
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL),
                     mode=0o600)  # private, whatever the umask


def _context_key(config: Config) -> tuple[object, ...]:
    """Everything besides a file's bytes that its schedule depends on, the holiday
    calendar's version included (a newer release may know a new day off)."""
    return (FORMAT, __version__, sys.version_info[:2], _holidays_version(),
            config.default_deadline, config.days_off, config.working_days)


def _holidays_version() -> str:
    """The installed holidays release, without importing it (20 ms) or
    importlib.metadata (40 ms): the name of its dist-info folder."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        return "?"
    site = Path(spec.origin).parent.parent
    found = sorted(p.name for p in site.glob("holidays-*.dist-info"))
    return found[-1] if found else str(Path(spec.origin).stat().st_mtime_ns)


@dataclass
class Result:
    schedules: list[Schedule]
    broken: list[str]  # files that did not load or have errors
    parsed: int  # files parsed on this run (cache misses)


def load_schedules(repo: Repo, config: Config, horizon: dt.date,
                   calendar: Callable[[], WorkCalendar],
                   folder: Path | None) -> Result:
    """Schedules of every agreement, from the cache where a file is unchanged."""
    with gc_paused():
        return _load_schedules(repo, config, horizon, calendar, folder)


def _load_schedules(repo: Repo, config: Config, horizon: dt.date,
                    calendar: Callable[[], WorkCalendar], folder: Path | None) -> Result:
    key = _context_key(config)
    path = cache_file(folder, repo, "schedules") if folder is not None else None
    old: dict[str, Entry] = read_cache(path, key) or {}
    new: dict[str, Entry] = {}
    cal: WorkCalendar | None = None
    parsed = 0
    for shown, file in agreement_files_shown(repo):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError:
            new[shown] = Entry(b"", None, True)
            continue
        digest = hashlib.blake2b(data, digest_size=20).digest()
        entry = old.get(shown)
        if entry is not None and entry.digest == digest and (
                entry.schedule is None or entry.schedule.complete
                or entry.schedule.until >= horizon):
            new[shown] = entry
            continue
        parsed += 1
        agreement, ctx, _ = load_agreement(file, shown, data)
        has_errors = any(d.severity.value == "error" for d in ctx.diags)
        schedule = None
        if agreement is not None:
            cal = cal or calendar()
            schedule = build_schedule(agreement, config.default_deadline, cal,
                                      horizon + dt.timedelta(days=SCHEDULE_MARGIN_DAYS))
        new[shown] = Entry(digest, schedule, has_errors)
    if parsed or new.keys() != old.keys():
        write_cache(path, key, new)
    return Result([e.schedule for e in new.values() if e.schedule is not None],
                  sorted(name for name, e in new.items() if e.has_errors), parsed)

