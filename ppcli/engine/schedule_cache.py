"""The schedule loader: each agreement's schedule from the cache store where its file is
unchanged, parsed and scheduled afresh otherwise (see :mod:`ppcli.files.store` for the rules
that make an entry usable and the store safe).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli import __version__
from ppcli.engine.schedule import SCHEDULE_MARGIN_DAYS, Interner, Schedule, build_schedule
from ppcli.engine.schedule_codec import Decoder, Malformed, encode_schedule
from ppcli.engine.workdays import WorkCalendar
from ppcli.files import day_swaps
from ppcli.files.model import Config, Deadline
from ppcli.files.repository import Repo, agreement_files_shown, load_agreement
from ppcli.files.safe_read import MAX_BYTES, read_with_stat
from ppcli.files.store import FORMAT, Cache, Encoded, Lines

RACY_NS = 2_000_000_000  # a file changed this close to the run is always read (FAT: 2 s)

POOL_MIN = 300  # fewer files to parse than this: one process (see ppcli.files.pool)

# -- the schedules ------------------------------------------------------------------------


def _context_key(config: Config) -> list[object]:
    """Everything besides a file's bytes that its schedule depends on, the holiday
    calendar's version and the shipped day swaps' digest included (a newer release may
    know a new day off), as JSON."""
    return [FORMAT, __version__, list(sys.version_info[:2]), _holidays_version(),
            day_swaps.digest(),
            _deadline_key(config.default_deadline),
            [[d.isoformat(), name] for d, name in config.days_off],
            [[d.isoformat(), name] for d, name in config.working_days]]


def _deadline_key(d: Deadline | None) -> list[object] | None:
    if d is None:
        return None
    return [d.day, d.month, d.days_after, d.working_days_after,
            d.date.isoformat() if d.date else None, d.regime, d.days_before, d.start_day]


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
    read: int = 0  # files read and hashed (the others were unchanged by their stat)


def load_schedules(repo: Repo, config: Config, horizon: dt.date,
                   calendar: Callable[[], WorkCalendar], cache: Cache | None,
                   jobs: int = 1, start_method: str | None = None) -> Result:
    """Schedules of every agreement, from the cache where a file is unchanged; the
    others parsed and scheduled in ``jobs`` processes when there are many
    (:mod:`ppcli.engine.schedule_pool`)."""
    return _load_schedules(repo, config, horizon, calendar, cache, jobs, start_method)


def _signature(st: os.stat_result) -> list[int]:
    """What says a file is unchanged without reading it (type, device, inode, size,
    modification and change times, as git's index compares)."""
    return [stat.S_IFMT(st.st_mode), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns,
            st.st_ctime_ns]


def _read_agreement(file: Path, now: int) -> tuple[bytes | None, list[int] | None]:
    """A file's bytes (read by :func:`ppcli.files.safe_read.read_with_stat`), and its signature
    when the next run may trust it (a regular file, not a link, not changed within
    ``RACY_NS`` of ``now``). None: not a readable regular file within the size limit."""
    try:
        before = os.lstat(file)
        data, st = read_with_stat(file, MAX_BYTES, follow_links=False)
    except OSError:  # missing, unreadable, not a regular file, too large
        return None, None
    trusted = stat.S_ISREG(before.st_mode) and (before.st_dev, before.st_ino) == (
        st.st_dev, st.st_ino) and now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS
    return data, _signature(st) if trusted else None


class _Stored:
    """One file's entry as the last run left it, its shape checked."""

    def __init__(self, raw: Any) -> None:
        if type(raw) is not list or len(raw) != 4 or type(raw[0]) is not str \
                or type(raw[2]) is not bool or (raw[1] is not None and (
                    type(raw[1]) is not list or len(raw[1]) != 6
                    or any(type(n) is not int for n in raw[1]))):
            raise Malformed
        self.digest: str = raw[0]
        self.signature: list[int] | None = raw[1]
        self.has_errors: bool = raw[2]
        self.schedule: Any = raw[3]


def _stored(raw: Any) -> _Stored | None:
    try:
        return _Stored(raw) if raw is not None else None
    except Malformed:
        return None


def _reuse(stored: _Stored, limit: int, decoder: Decoder, shown: str
           ) -> tuple[Schedule | None] | None:
    """The stored schedule (in a 1-tuple; None inside: the file did not load), or None
    when it does not reach the look-ahead ``limit`` (unless complete) or is malformed."""
    raw = stored.schedule
    if raw is None:
        return (None,)
    try:
        if type(raw) is not list or len(raw) != 14 or not (
                raw[11] is True or (type(raw[10]) is int and raw[10] >= limit)):
            return None
        return (decoder.schedule(raw, shown),)
    except Malformed:
        return None


def _load_schedules(repo: Repo, config: Config, horizon: dt.date,
                    calendar: Callable[[], WorkCalendar], cache: Cache | None,
                    jobs: int = 1, start_method: str | None = None) -> Result:
    key = _context_key(config)
    # each entry is decoded from the file's bytes as it is used, one at a time (a warm
    # run then needs little more memory than the bytes and the objects themselves)
    lines = cache.read_lines(repo, "schedules", key) if cache is not None else None
    old = lines if lines is not None else Lines(b"", {})
    writing = cache is not None and cache.folder is not None  # else nothing to encode
    new: dict[str, tuple[str, list[int] | None, bool, Schedule | None]] = {}
    broken: list[str] = []
    decoder = Decoder()
    share = Interner()  # this run's: equal periods and dates of all files, one object
    parsed = read = 0
    # the files to parse: (shown, file, bytes, digest, signature); a file without an
    # entry is not read here (bytes None): whoever parses it reads and hashes it
    misses: list[tuple[str, Path, bytes | None, str, list[int] | None]] = []
    changed = False
    now = time.time_ns()
    limit = horizon.year * 10000 + horizon.month * 100 + horizon.day
    for shown, file in agreement_files_shown(repo):
        stored = _stored(old.pop(shown))
        new[shown] = ("", None, True, None)  # its place, in file order
        if stored is None:
            read += 1
            misses.append((shown, file, None, "", None))
            continue
        reused: tuple[Schedule | None] | None = None
        signature = stored.signature
        if signature is not None:
            try:
                st = os.lstat(file)
                if stat.S_ISREG(st.st_mode) and _signature(st) == signature:
                    reused = _reuse(stored, limit, decoder, shown)
            except OSError:
                pass
        if reused is None:
            read += 1
            data, signature = _read_agreement(file, now)
            if data is None:
                broken.append(shown)
                changed = True
                continue
            digest = hashlib.blake2b(data, digest_size=20).hexdigest()
            if stored.digest != digest:
                misses.append((shown, file, data, digest, signature))
                continue
            reused = _reuse(stored, limit, decoder, shown)
            if reused is None:  # same bytes, but the entry does not reach far enough
                misses.append((shown, file, data, digest, signature))
                continue
        changed = changed or signature != stored.signature
        new[shown] = (stored.digest, signature, stored.has_errors, reused[0])
        if stored.has_errors:
            broken.append(shown)
    deleted = len(old) > 0  # entries of files deleted since
    del old, lines  # the cache file's bytes: not needed any more
    changed = changed or bool(misses)
    until = horizon + dt.timedelta(days=SCHEDULE_MARGIN_DAYS)
    encoded: dict[str, Encoded] = {}  # entries the pool's workers encoded for the cache
    if jobs > 1 and len(misses) >= POOL_MIN:
        from ppcli.engine.schedule_pool import schedule_in_pool

        # the workers read the files themselves (none is held here) and send back each
        # entry, its schedule decoded here as each slice arrives
        done = schedule_in_pool([(shown, file) for shown, file, *_ in misses], config,
                                calendar(), until, now, jobs, writing, start_method)
        made = [(digest, signature, has_errors,
                 _decoded(decoder, shown, file, raw, config, calendar, until, share),
                 text) for (shown, file, *_), (digest, signature, has_errors, raw, text)
                in zip(misses, done, strict=True)]
        for (shown, *_), (digest, _, _, _, text) in zip(misses, made, strict=True):
            if text is not None and digest:
                encoded[shown] = text
    else:
        made = [(*entry, None) for entry in make_here(misses, config, calendar, until, now,
                                                       share)]
    for (shown, *_), (digest, signature, has_errors, schedule, _) in zip(misses, made,
                                                                         strict=True):
        if digest:
            parsed += 1
        if has_errors:
            broken.append(shown)
        new[shown] = (digest, signature, has_errors, schedule)
    schedules = [entry[3] for entry in new.values() if entry[3] is not None]
    if writing and cache is not None and (changed or deleted):
        cache.write_lines(repo, "schedules", key, (
            (shown, encoded.get(shown) or [
                digest, signature, has_errors,
                encode_schedule(schedule) if schedule is not None else None])
            for shown, (digest, signature, has_errors, schedule) in new.items()))
    return Result(schedules, sorted(broken), parsed, read)


def _decoded(decoder: Decoder, shown: str, file: Path, raw: object, config: Config,
             calendar: Callable[[], WorkCalendar], until: dt.date, share: Interner
             ) -> Schedule | None:
    """A schedule a worker sent (None: the file did not load); should it not decode,
    the file is scheduled here again (a worker's encoding is this version's own)."""
    if raw is None:
        return None
    try:
        return decoder.schedule(raw, shown)
    except Malformed:  # pragma: no cover - the codec's tests keep this from happening
        return make_here([(shown, file, None, "", None)], config, calendar, until,
                         time.time_ns(), share)[0][3]


def make_here(misses: Sequence[tuple[str, Path, bytes | None, str, list[int] | None]],
              config: Config, calendar: Callable[[], WorkCalendar], until: dt.date,
              now: int, share: Interner | None = None
              ) -> list[tuple[str, list[int] | None, bool, Schedule | None]]:
    """Each file parsed and scheduled in this process: (digest, signature, has errors,
    schedule or None). A file given without its bytes is read and hashed here first
    (the signature trusted per ``now``); one that cannot be read gives digest ""."""
    out: list[tuple[str, list[int] | None, bool, Schedule | None]] = []
    cal: WorkCalendar | None = None
    share = share or Interner()
    for shown, file, data, digest, signature in misses:
        if data is None:
            data, signature = _read_agreement(file, now)
            if data is None:
                out.append(("", None, True, None))
                continue
            digest = hashlib.blake2b(data, digest_size=20).hexdigest()
        agreement, ctx, _ = load_agreement(file, shown, data, positions=False)  # not needed
        has_errors = any(d.severity.value == "error" for d in ctx.diags)
        schedule = None
        if agreement is not None:
            cal = cal or calendar()
            schedule = build_schedule(agreement, config.default_deadline, cal, until,
                                      share=share)
        out.append((digest, signature, has_errors, schedule))
    return out
