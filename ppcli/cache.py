"""Caches: per-agreement schedules keyed by each file's content (here), and the history
of commits keyed by commit id (:mod:`ppcli.history`), in one private folder per user.

``ppcli due`` parses and schedules only the files whose bytes changed since the last
run. A file whose type, device, inode, size, modification and change times are those
recorded last time is taken as unchanged without being read (as git's index does);
any other file is read and its BLAKE2 digest compared. An entry is used only when the
digest, the repository configuration that shapes deadlines, ppcli's version, Python's
version, the holiday calendar's release and the cache format all match, and when it was
computed far enough ahead for the current look-ahead: never stale, only sometimes unused.

The cache lives in the user's cache folder (``%LOCALAPPDATA%\\ppcli\\Cache`` on Windows,
``$XDG_CACHE_HOME/ppcli`` or ``~/.cache/ppcli`` elsewhere), one file per repository;
``PPCLI_CACHE_DIR`` moves it and ``PPCLI_NO_CACHE=1`` turns it off. A file holds
``{"format", "kind", "key", "entries"}``; a schedules entry, named by the file as shown,
is ``[digest, stat signature or null, has errors, schedule or null]``.

Its files are JSON (:mod:`ppcli.cachecodec`), so reading one can run no code; still, a
cache that someone else could have written might make ``due`` hide an overdue report.
So the folder is created 0700 and not used (one warning, then the run goes on without a
cache) when it belongs to another user, when others can write to it or to a folder
above it (sticky folders such as /tmp excepted), when it is a symbolic link (or a link
above it belongs to another user), or when it lies inside a git work tree (CI with
``XDG_CACHE_HOME=$PWD/.cache``: a commit could ship the cache). Cache files are opened
without following symbolic links and must be regular files of the user's own that
others cannot write; they are written whole (a temporary file, mode 0600, then
``os.replace``). On Windows the owner and mode checks are skipped: files there carry
ACLs, not modes, and ``%LOCALAPPDATA%`` is private to its user by default; the link
and work-tree checks stay.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import importlib.util
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli import __version__
from ppcli.cachecodec import Decoder, Malformed, encode_schedule
from ppcli.i18n import Label
from ppcli.model import Config, Deadline
from ppcli.repository import Repo, agreement_files_shown, load_agreement
from ppcli.safe_read import MAX_BYTES, read_with_stat
from ppcli.schedule import SCHEDULE_MARGIN_DAYS, Interner, Schedule, build_schedule
from ppcli.workdays import WorkCalendar

FORMAT = 3  # bump when the shapes in ppcli.cachecodec change
MAX_CACHE_BYTES = 512 * 1024 * 1024  # 5,000 agreements take about 5 MB
RACY_NS = 2_000_000_000  # a file changed this close to the run is always read (FAT: 2 s)

_WINDOWS = sys.platform == "win32"
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as a file must not hang us
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_REPARSE_POINT = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
_ADVICE = Label("Hãy đặt PPCLI_CACHE_DIR là một thư mục riêng của bạn (hoặc PPCLI_NO_CACHE=1 "
                "để tắt bộ nhớ đệm).",
                "Set PPCLI_CACHE_DIR to a folder of your own (or PPCLI_NO_CACHE=1 to turn "
                "the cache off).")


def _refused(vi: str, en: str) -> Label:
    return Label(f"Cảnh báo: không dùng bộ nhớ đệm vì {vi}. {_ADVICE.vi}",
                 f"Warning: the cache is not used because {en}. {_ADVICE.en}")


# -- where the cache is, and whether it is safe ------------------------------------------


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """Where the cache folder should be (not checked: see :func:`open_cache`)."""
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
    return folder / f"{kind}-{_repo_name(repo)}.json"


def _repo_name(repo: Repo) -> str:
    return hashlib.blake2b(str(repo.root.resolve()).encode("utf-8"), digest_size=12).hexdigest()


def safe_cache_dir(env: Mapping[str, str] = os.environ
                   ) -> tuple[Path | None, Label | None]:
    """The cache folder, created if missing, or None with the reason it is refused (None
    as well, without a reason, when the cache is off or the folder cannot be made)."""
    try:
        wanted = cache_dir(env)
        if wanted is None:
            return None, None
        folder = Path(os.path.abspath(wanted))
        _make_private(folder)
        problem = _folder_problem(folder)
    except (OSError, RuntimeError):  # a read-only home, a file in the way, no home
        return None, None
    return (None, problem) if problem is not None else (folder, None)


def _make_private(folder: Path) -> None:
    """Create the folder and any missing folder above it, each with mode 0700 (the
    umask can only take bits away; Windows ignores the mode)."""
    missing = [p for p in _ancestors(folder) if not os.path.lexists(p)]
    for place in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another run
            os.mkdir(place, 0o700)


def _ancestors(path: Path) -> list[Path]:
    return [path, *path.parents]


def _is_link(st: os.stat_result) -> bool:
    return stat.S_ISLNK(st.st_mode) or bool(getattr(st, "st_file_attributes", 0)
                                            & _REPARSE_POINT)


def _folder_problem(folder: Path) -> Label | None:
    # ppcli's own folders: the cache folder, and on Windows ``ppcli`` above ``Cache``
    own = [folder, folder.parent] if folder.parent.name == "ppcli" else [folder]
    for place in own:
        if _is_link(os.lstat(place)):
            return _refused(f"{place} là một liên kết tượng trưng (symlink), không phải thư "
                            "mục thật", f"{place} is a symbolic link, not a real folder")
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(str(folder))
    resolved = Path(os.path.realpath(folder))
    for chain in (_ancestors(folder), _ancestors(resolved)):
        for place in chain:
            if os.path.lexists(place / ".git"):
                return _refused(
                    f"thư mục {folder} nằm trong kho git {place}, nơi một commit có thể đặt "
                    "tệp vào", f"the folder {folder} lies inside the git work tree {place}, "
                    "where a commit could put files")
    if _WINDOWS:
        return None
    uid = os.geteuid()
    if st.st_uid != uid:
        return _owner_problem(folder, st.st_uid)
    if st.st_mode & 0o022:
        return _writable_problem(folder, st.st_mode)
    if st.st_mode & 0o077:  # our own folder, readable by others (as earlier versions made it)
        os.chmod(folder, 0o700)
    for chain in (_ancestors(folder)[1:], _ancestors(resolved)[1:]):
        for place in chain:
            st = os.lstat(place)
            if st.st_uid not in (0, uid):
                return _owner_problem(place, st.st_uid)
            if stat.S_ISDIR(st.st_mode) and st.st_mode & 0o022 \
                    and not st.st_mode & stat.S_ISVTX:
                return _writable_problem(place, st.st_mode)
    return None


def _owner_problem(path: Path, uid: int) -> Label:
    return _refused(f"{path} thuộc người dùng khác (uid {uid})",
                    f"{path} belongs to another user (uid {uid})")


def _writable_problem(path: Path, mode: int) -> Label:
    bits = f"{stat.S_IMODE(mode):03o}"
    return _refused(f"nhóm hoặc người dùng khác ghi được vào {path} (quyền {bits}; sửa bằng "
                    f"chmod go-w {path})", f"group or other users can write to {path} "
                    f"(mode {bits}; fix with chmod go-w {path})")


@dataclass
class Cache:
    """The user's cache folder once checked, and the one warning of the run, if any:
    after a problem the cache is neither read nor written again in this run."""

    folder: Path | None
    warning: Label | None = None

    def file(self, repo: Repo, kind: str) -> Path | None:
        return cache_file(self.folder, repo, kind) if self.folder is not None else None

    def read(self, repo: Repo, kind: str, key: object) -> dict[str, Any] | None:
        """The entries stored for this repository under ``key``, or None (no file,
        damaged, another version or key: a miss; an unsafe file: a miss and a warning)."""
        path = self.file(repo, kind)
        if path is None:
            return None
        data, problem = _read_private(path)
        if problem is not None:
            self.folder, self.warning = None, problem
            return None
        if data is None:
            return None
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep
            return None
        if type(doc) is not dict or doc.get("format") != FORMAT or doc.get("kind") != kind \
                or doc.get("key") != key or type(doc.get("entries")) is not dict:
            return None
        entries: dict[str, Any] = doc["entries"]
        return entries

    def write(self, repo: Repo, kind: str, key: object, entries: Mapping[str, Any]) -> None:
        path = self.file(repo, kind)
        if path is None:
            return
        doc = {"format": FORMAT, "kind": kind, "key": key, "entries": entries}
        try:
            data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"),
                              check_circular=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON's escapes carry it
            data = json.dumps(doc, separators=(",", ":")).encode("ascii")
        with contextlib.suppress(OSError):  # a full disk or a read-only folder: no cache
            _write_private(path, data)
            with contextlib.suppress(OSError):  # the pickle of earlier versions, never read
                os.unlink(path.with_suffix(".pickle"))


def open_cache(env: Mapping[str, str] = os.environ) -> Cache:
    """The cache for this run: its folder checked (see the module's text)."""
    folder, warning = safe_cache_dir(env)
    return Cache(folder, warning)


def _read_private(path: Path) -> tuple[bytes | None, Label | None]:
    """A cache file's bytes (None: missing, unreadable or too large), or the reason it
    must not be trusted."""
    link = _refused(f"tệp {path} là một liên kết tượng trưng (symlink)",
                    f"the file {path} is a symbolic link")
    try:
        if _WINDOWS and _is_link(os.lstat(path)):  # no O_NOFOLLOW there
            return None, link
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC | _O_BINARY)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(path):
            return None, link
        return None, None
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, _refused(f"{path} không phải một tệp thường",
                                  f"{path} is not a regular file")
        if not _WINDOWS:
            if st.st_uid != os.geteuid():
                return None, _owner_problem(path, st.st_uid)
            if st.st_mode & 0o022:
                return None, _writable_problem(path, st.st_mode)
        if st.st_size > MAX_CACHE_BYTES:
            return None, None
        try:
            data = handle.read(MAX_CACHE_BYTES + 1)
        except OSError:
            return None, None
    return (data, None) if len(data) <= MAX_CACHE_BYTES else (None, None)


def _write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, as a new file of mode 0600 (never the
    mode of what was there: ``os.replace`` swaps a fresh file in)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
                 | _O_BINARY, 0o600)
    try:
        with open(fd, "wb") as handle:
            if not _WINDOWS:
                os.fchmod(fd, 0o600)  # whatever the umask
            handle.write(data)
            handle.flush()
            os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- the schedules ------------------------------------------------------------------------


def _context_key(config: Config) -> list[object]:
    """Everything besides a file's bytes that its schedule depends on, the holiday
    calendar's version included (a newer release may know a new day off), as JSON."""
    return [FORMAT, __version__, list(sys.version_info[:2]), _holidays_version(),
            _deadline_key(config.default_deadline),
            [[d.isoformat(), name] for d, name in config.days_off],
            [[d.isoformat(), name] for d, name in config.working_days]]


def _deadline_key(d: Deadline | None) -> list[object] | None:
    if d is None:
        return None
    return [d.day, d.month, d.days_after, d.working_days_after,
            d.date.isoformat() if d.date else None, d.regime]


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
                   calendar: Callable[[], WorkCalendar], cache: Cache | None) -> Result:
    """Schedules of every agreement, from the cache where a file is unchanged."""
    return _load_schedules(repo, config, horizon, calendar, cache)


def _signature(st: os.stat_result) -> list[int]:
    """What says a file is unchanged without reading it (type, device, inode, size,
    modification and change times, as git's index compares)."""
    return [stat.S_IFMT(st.st_mode), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns,
            st.st_ctime_ns]


def _read_agreement(file: Path, now: int) -> tuple[bytes | None, list[int] | None]:
    """A file's bytes (read by :func:`ppcli.safe_read.read_with_stat`), and its signature
    when the next run may trust it (a regular file, not a link, not changed within
    ``RACY_NS`` of ``now``). None: not a readable regular file within the size limit."""
    try:
        before = os.lstat(file)
        data, st = read_with_stat(file, MAX_BYTES)
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
        if type(raw) is not list or len(raw) != 12 or not (
                raw[11] is True or (type(raw[10]) is int and raw[10] >= limit)):
            return None
        return (decoder.schedule(raw, shown),)
    except Malformed:
        return None


def _load_schedules(repo: Repo, config: Config, horizon: dt.date,
                    calendar: Callable[[], WorkCalendar], cache: Cache | None) -> Result:
    key = _context_key(config)
    # each entry is taken out as it is used, so that its JSON is freed while its objects
    # are made (a warm run then needs little more memory than the objects themselves)
    old = (cache.read(repo, "schedules", key) if cache is not None else None) or {}
    new: dict[str, tuple[str, list[int] | None, bool, Schedule | None]] = {}
    schedules: list[Schedule] = []
    broken: list[str] = []
    decoder = Decoder()
    share = Interner()  # this run's: equal periods and dates of all files, one object
    cal: WorkCalendar | None = None
    parsed = read = 0
    changed = False
    now = time.time_ns()
    limit = horizon.year * 10000 + horizon.month * 100 + horizon.day
    for shown, file in agreement_files_shown(repo):
        stored = _stored(old.pop(shown, None))
        reused: tuple[Schedule | None] | None = None
        signature = stored.signature if stored is not None else None
        if stored is not None and signature is not None:
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
                new[shown] = ("", None, True, None)
                broken.append(shown)
                changed = True
                continue
            digest = hashlib.blake2b(data, digest_size=20).hexdigest()
            if stored is not None and stored.digest == digest:
                reused = _reuse(stored, limit, decoder, shown)
        if reused is not None and stored is not None:
            changed = changed or signature != stored.signature
            new[shown] = (stored.digest, signature, stored.has_errors, reused[0])
            if reused[0] is not None:
                schedules.append(reused[0])
            if stored.has_errors:
                broken.append(shown)
            continue
        parsed += 1
        changed = True
        agreement, ctx, _ = load_agreement(file, shown, data)
        has_errors = any(d.severity.value == "error" for d in ctx.diags)
        schedule = None
        if agreement is not None:
            cal = cal or calendar()
            schedule = build_schedule(agreement, config.default_deadline, cal,
                                      horizon + dt.timedelta(days=SCHEDULE_MARGIN_DAYS),
                                      share=share)
            schedules.append(schedule)
        if has_errors:
            broken.append(shown)
        new[shown] = (digest, signature, has_errors, schedule)
    # what is left in ``old`` are files deleted since; no cache folder: nothing to encode
    if cache is not None and cache.folder is not None and (changed or old):
        cache.write(repo, "schedules", key, {
            shown: [digest, signature, has_errors,
                    encode_schedule(schedule) if schedule is not None else None]
            for shown, (digest, signature, has_errors, schedule) in new.items()})
    return Result(schedules, sorted(broken), parsed, read)
