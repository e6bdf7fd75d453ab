"""The cache store: one private folder per user, JSON files in it, read and written
safely. Its users: the schedules keyed by each file's content
(:mod:`ppcli.engine.schedule_cache`), ``validate``'s per-file diagnostics and facts, also
keyed by content (:mod:`ppcli.files.incremental`), and the history of commits keyed by
commit id (:mod:`ppcli.history.changes`).

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
``{"format", "kind", "key", "entries"}`` as one JSON document, except the schedules: a
line ``{"format", "kind", "key"}``, then one line per entry, its name as a JSON string, a
tab and its value as JSON (:meth:`Cache.read_lines`), so that ``due`` decodes one entry
at a time and never holds the whole document's objects (at 50,000 agreements that
document decoded at once took 330 MiB). A schedules entry, named by the file as shown, is
``[digest, stat signature or null, has errors, schedule or null]``.

Its files are JSON (:mod:`ppcli.engine.schedule_codec`), so reading one can run no code; still, a
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
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli.files.repository import Repo
from ppcli.files.safe_read import LinkRefused, NotRegularFile, read_with_stat
from ppcli.i18n import Label

FORMAT = 8  # bump when the shapes in ppcli.engine.schedule_codec or the files' layout change
MAX_CACHE_BYTES = 512 * 1024 * 1024  # 5,000 agreements take about 5 MB

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
        # checked before anything is made: a relative PPCLI_CACHE_DIR or XDG_CACHE_HOME=.
        # inside a clone must not leave folders in its work tree
        problem = _work_tree_problem(folder, _ancestors(folder))
        if problem is None:
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
    problem = _work_tree_problem(folder, _ancestors(resolved))
    if problem is not None:
        return problem
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


def _work_tree_problem(folder: Path, chain: list[Path]) -> Label | None:
    for place in chain:
        if os.path.lexists(place / ".git"):
            return _refused(
                f"thư mục {folder} nằm trong kho git {place}, nơi một commit có thể đặt "
                "tệp vào", f"the folder {folder} lies inside the git work tree {place}, "
                "where a commit could put files")
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
        if path is not None:
            self._replace(path, _dumps({"format": FORMAT, "kind": kind, "key": key,
                                        "entries": entries}))

    def read_lines(self, repo: Repo, kind: str, key: object) -> Lines | None:
        """As :meth:`read`, from a file written by :meth:`write_lines`: its entries, each
        decoded when it is taken."""
        path = self.file(repo, kind)
        if path is None:
            return None
        data, problem = _read_private(path)
        if problem is not None:
            self.folder, self.warning = None, problem
            return None
        return parse_lines(data, kind, key) if data is not None else None

    def write_lines(self, repo: Repo, kind: str, key: object,
                    entries: Iterable[tuple[str, Any]]) -> None:
        path = self.file(repo, kind)
        if path is not None:
            self._replace(path, dump_lines(kind, key, entries))

    def _replace(self, path: Path, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a full disk or a read-only folder: no cache
            _write_private(path, data)
            with contextlib.suppress(OSError):  # the pickle of earlier versions, never read
                os.unlink(path.with_suffix(".pickle"))


class Encoded(bytes):
    """A value already encoded by :func:`encode_value` (e.g. in a pool's worker, which
    had the value at hand): :func:`dump_lines` writes its bytes as they are."""


def encode_value(value: object) -> Encoded:
    """A value as :func:`dump_lines` writes it (compact JSON, UTF-8)."""
    return Encoded(_dumps(value))


def _dumps(value: object) -> bytes:
    if type(value) is Encoded:
        return value
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                          check_circular=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON's escapes carry it
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def dump_lines(kind: str, key: object, entries: Iterable[tuple[str, Any]]) -> bytes:
    """A file of :meth:`Cache.write_lines`: the header line, then ``name<TAB>value`` lines
    (JSON escapes every tab and newline inside a string, and compact JSON has no other).
    A value may come already encoded (:class:`Encoded`)."""
    out = [_dumps({"format": FORMAT, "kind": kind, "key": key})]
    out.extend(_dumps(name) + b"\t" + _dumps(value) for name, value in entries)
    return b"\n".join(out)


class Lines:
    """The entries of a line file, by name; :meth:`pop` decodes one (None: missing or
    not JSON, a miss like any malformed entry)."""

    def __init__(self, data: bytes, spans: dict[str, tuple[int, int]]) -> None:
        self._data = data
        self._spans = spans

    def __len__(self) -> int:  # the entries not taken yet
        return len(self._spans)

    def names(self) -> list[str]:
        return list(self._spans)

    def pop(self, name: str) -> Any:
        span = self._spans.pop(name, None)
        if span is None:
            return None
        try:
            return json.loads(self._data[span[0]:span[1]])
        except (ValueError, RecursionError):
            return None


def parse_lines(data: bytes, kind: str, key: object) -> Lines | None:
    """The entries of a line file for ``kind`` and ``key``, or None (not such a file)."""
    end = data.find(b"\n")
    end = len(data) if end < 0 else end
    try:
        head = json.loads(data[:end])
    except (ValueError, RecursionError):
        return None
    if type(head) is not dict or head.get("format") != FORMAT or head.get("kind") != kind \
            or head.get("key") != key or "entries" in head:
        return None
    spans: dict[str, tuple[int, int]] = {}
    size = len(data)
    while end < size:
        start = end + 1
        end = data.find(b"\n", start)
        end = size if end < 0 else end
        tab = data.find(b"\t", start, end)
        if tab < 0:
            return None
        raw = data[start:tab]
        try:
            name = raw[1:-1].decode("utf-8") if b"\\" not in raw and len(raw) > 1 \
                and raw[0] == raw[-1] == 0x22 and b'"' not in raw[1:-1] else json.loads(raw)
        except (ValueError, RecursionError):
            return None
        if type(name) is not str:
            return None
        spans[name] = (tab + 1, end)
    return Lines(data, spans)


def open_cache(env: Mapping[str, str] = os.environ) -> Cache:
    """The cache for this run: its folder checked (see the module's text)."""
    folder, warning = safe_cache_dir(env)
    return Cache(folder, warning)


def _read_private(path: Path) -> tuple[bytes | None, Label | None]:
    """A cache file's bytes (None: missing, unreadable or too large), or the reason it
    must not be trusted. Read by :func:`ppcli.files.safe_read.read_with_stat`, following no
    link; then its owner and mode are checked on what was opened."""
    try:
        data, st = read_with_stat(path, MAX_CACHE_BYTES, follow_links=False)
    except LinkRefused:
        return None, _refused(f"tệp {path} là một liên kết tượng trưng (symlink)",
                              f"the file {path} is a symbolic link")
    except NotRegularFile:
        return None, _refused(f"{path} không phải một tệp thường",
                              f"{path} is not a regular file")
    except OSError:  # missing, unreadable, too large: a miss
        return None, None
    if not _WINDOWS:
        if st.st_uid != os.geteuid():
            return None, _owner_problem(path, st.st_uid)
        if st.st_mode & 0o022:
            return None, _writable_problem(path, st.st_mode)
    return data, None


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
