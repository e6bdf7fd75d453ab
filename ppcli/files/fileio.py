"""Reading and writing files safely: no half-written file after a crash, no write through
a link planted in a repository, no hang on a FIFO, the user's umask for what is shared.

Every problem here is a :class:`FileProblem`: a message in both languages naming the file
and what to do, and exit status 3 (the environment, not the request). The CLI prints it.

Temporary files are named ``.<name>.<random>.tmp`` beside their target (the ignore
pattern is ``.*.tmp``) and the lock is ``agreements/.ppcli.lock``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ppcli.errors import EnvironmentProblem
from ppcli.files.safe_read import FileTooLarge, LinkRefused, NotRegularFile, is_link, read_bounded
from ppcli.i18n import Label

TEMP_PATTERN = ".*.tmp"  # what .gitignore needs to hide the leftovers of a killed run
LOCK_NAME = ".ppcli.lock"
LOCK_TIMEOUT = 10.0  # seconds a second clerk waits for the first one
_WINDOWS = os.name == "nt"


class FileProblem(EnvironmentProblem):
    """A file cannot be read or written safely; ``label`` says why and what to do."""


# -- the umask --------------------------------------------------------------------------

_umask: int | None = None


def umask() -> int:
    """The process's umask, read once. Linux shows it in /proc; elsewhere it can only be
    read by setting it, so it is set to a strict 077 for that instant (anything another
    thread creates meanwhile is more private, never less) and put back at once."""
    global _umask
    if _umask is None:
        found: int | None = None
        with contextlib.suppress(OSError, ValueError), \
                open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    found = int(line.split()[1], 8)
                    break
        if found is None:
            found = os.umask(0o077)
            os.umask(found)
        _umask = found
    return _umask


def shared_mode() -> int:
    """The mode a new file gets from the umask, as ``open`` would give it."""
    return 0o666 & ~umask()


# -- messages -----------------------------------------------------------------------------


def os_problem(exc: OSError, path: Path | str, writing: bool = True) -> FileProblem:
    """A clear message for an operating-system error on ``path``."""
    where = str(path)
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return FileProblem(Label(
            f"không ghi được {where}: ổ đĩa đã đầy (hoặc hết hạn mức); tệp cũ vẫn nguyên. "
            "Hãy giải phóng chỗ trống rồi chạy lại",
            f"cannot write {where}: the disk is full (or the quota is used up); the old file "
            "is intact. Free some space and run again"))
    if code == errno.EROFS:
        return FileProblem(Label(
            f"không ghi được {where}: ổ đĩa chỉ cho đọc; hãy ghi vào nơi khác hoặc gắn lại ổ "
            "đĩa cho phép ghi",
            f"cannot write {where}: the file system is read-only; write somewhere else or "
            "remount it writable"))
    if code in (errno.EACCES, errno.EPERM):
        return FileProblem(Label(
            f"không có quyền {'ghi' if writing else 'đọc'} {where} (hoặc thư mục chứa nó); "
            "hãy kiểm tra quyền của thư mục hoặc chọn nơi khác",
            f"no permission to {'write' if writing else 'read'} {where} (or its folder); "
            "check the folder's permissions or choose another place"))
    if code == errno.ENOENT and not writing:
        return FileProblem(Label(
            f"không còn tệp {where} (vừa bị xóa hoặc đổi tên?); hãy chạy lại lệnh",
            f"{where} is gone (deleted or renamed meanwhile?); run the command again"))
    if code == errno.ENOENT:
        return FileProblem(Label(
            f"không có thư mục để ghi {where}; hãy tạo thư mục trước",
            f"the folder for {where} does not exist; create it first"))
    if code == errno.ENOTDIR:
        return FileProblem(Label(
            f"không {'ghi' if writing else 'đọc'} được {where}: một phần của đường dẫn là "
            "tệp, không phải thư mục; hãy chọn đường dẫn khác",
            f"cannot {'write' if writing else 'read'} {where}: part of the path is a file, "
            "not a folder; choose another path"))
    if code == errno.EISDIR:
        return FileProblem(Label(
            f"không {'ghi' if writing else 'đọc'} được {where}: đó là một thư mục; hãy ghi "
            "tên tệp", f"cannot {'write' if writing else 'read'} {where}: it is a folder; "
            "give a file name"))
    mode = getattr(exc, "mode", None)
    if code is None and isinstance(mode, int):  # safe_read.NotRegularFile: a FIFO, a folder…
        vi, en = _kind_words(mode)
        return FileProblem(Label(
            f"không {'ghi' if writing else 'đọc'} được {where}: đó là {vi}, không phải tệp "
            "thường", f"cannot {'write' if writing else 'read'} {where}: it is {en}, not a "
            "regular file"))
    # the system's own words are English: the Vietnamese message names the error's code
    reason = exc.strerror or str(exc)
    said = f": {reason}" if code is None else \
        f" (lỗi hệ điều hành {errno.errorcode.get(code, str(code))})"
    return FileProblem(Label(
        f"không {'ghi' if writing else 'đọc'} được {where}{said}",
        f"cannot {'write' if writing else 'read'} {where}: {reason}"))


def escaped_os_error(exc: OSError) -> Label:
    """The message for an operating-system error that reached the command line: what
    happened, on which path, and what to do (the CLI exits with status 3)."""
    where = exc.filename if exc.filename is not None else "?"
    if exc.filename2 is not None:
        where = f"{where} → {exc.filename2}"
    writing = exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EROFS,
                            errno.EEXIST, errno.ENOTEMPTY)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Label(f"không có quyền đọc hoặc ghi {where} (hoặc thư mục chứa nó); hãy kiểm "
                     "tra quyền của thư mục hoặc chọn nơi khác",
                     f"no permission to read or write {where} (or its folder); check the "
                     "folder's permissions or choose another place")
    return os_problem(exc, where, writing=writing).label


def _kind_words(mode: int) -> tuple[str, str]:
    return ("thư mục", "a folder") if stat.S_ISDIR(mode) else \
        ("FIFO", "a FIFO") if stat.S_ISFIFO(mode) else \
        ("thiết bị", "a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else \
        ("socket", "a socket") if stat.S_ISSOCK(mode) else ("tệp đặc biệt", "a special file")


def _not_a_lock(where: str, vi: str, en: str) -> FileProblem:
    return FileProblem(Label(
        f"tệp khóa {where} là {vi}, không phải tệp thường (có lẽ do một commit đưa vào); hãy "
        "xóa nó (ppcli tự tạo lại) rồi chạy lại",
        f"the lock file {where} is {en}, not a regular file (perhaps committed); remove it "
        "(ppcli makes it again) and run again"))


def _not_regular(where: str, mode: int) -> FileProblem:
    kind = _kind_words(mode)
    return FileProblem(Label(
        f"{where} là {kind[0]}, không phải tệp thường; ppcli không ghi đè lên đó — hãy chọn "
        "tên tệp khác",
        f"{where} is {kind[1]}, not a regular file; ppcli does not write over it — choose "
        "another file name"))


def _symlink(where: str) -> FileProblem:
    return FileProblem(Label(
        f"{where} là một liên kết (symlink); vì an toàn ppcli không đọc hay ghi qua liên kết ở "
        "đây — hãy thay nó bằng tệp thật",
        f"{where} is a symbolic link; for safety ppcli does not read or write through a link "
        "here — replace it with a real file"))


# -- reading --------------------------------------------------------------------------


def _open_flags(base: int) -> int:
    flags = base | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    return flags


def _refuse_link_windows(path: Path, where: str) -> None:
    """Windows has no O_NOFOLLOW: look before opening (and compare after)."""
    if _WINDOWS and is_link(path):
        raise _symlink(where)


def read_regular(path: Path, limit: int, shown: str | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file and not a symbolic link: read
    with :func:`ppcli.files.safe_read.read_bounded` (no link followed, a FIFO refused, never
    waited on, at most ``limit`` bytes), its refusals worded as :class:`FileProblem`."""
    where = shown or str(path)
    try:
        return read_bounded(path, limit, follow_links=False)
    except LinkRefused:
        raise _symlink(where) from None
    except NotRegularFile as exc:
        raise _not_regular(where, exc.mode) from None
    except FileTooLarge:
        raise FileProblem(Label(
            f"{where} lớn hơn {limit // 1048576} MB; không phải tệp thỏa thuận",
            f"{where} is larger than {limit // 1048576} MB; not an agreement file")) from None
    except OSError as exc:
        raise os_problem(exc, where, writing=False) from None


# -- writing --------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no handle on a folder here)."""
    if _WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int | None = None,
                 before_replace: Callable[[], None] | None = None, sync: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step: the bytes go to a temporary file in the
    same folder (``.<name>.<random>.tmp``), are flushed to disk, then ``os.replace`` swaps
    it in (atomic on Windows and POSIX). On any failure the old file is untouched and the
    temporary file is removed.

    Permissions: ``mode`` if given (the cache: private); otherwise a file being replaced
    keeps its own mode, and a new file gets the umask's (0666 less the umask).
    ``before_replace`` runs last, just before the swap, and may raise to cancel it.
    ``sync=False`` (the thousands of pages of ``ppcli site``, made again by any run)
    skips the flushes to disk: still all-or-nothing for a reader, not durable across a
    power cut.

    A link at ``path`` is replaced, not followed (callers decide about links: see
    :func:`write_output`). OSError propagates; :func:`os_problem` words it."""
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = shared_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if not _WINDOWS:  # Windows keeps only a read-only flag; nothing to set
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync:
        _fsync_folder(path.parent)


def write_output(path: Path, data: bytes, *, overwrite: bool, follow_link: bool = True
                 ) -> Path:
    """Write an output file (a draft, a calendar) the way a user expects of ``-o``, and
    return the file actually written.

    - a new name: a new file, with the umask's mode;
    - an existing regular file: replaced (atomically, keeping its mode) only when
      ``overwrite`` (``--force``), else refused (status 2);
    - a symbolic link: written through to its target when that is a regular file (which
      keeps its mode), refused when the link dangles or ``follow_link`` is false (a name
      the user did not choose, e.g. a default draft name inside a clone);
    - anything else (a folder, a FIFO, a device such as /dev/null): refused, never replaced.
    """
    where = str(path)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise os_problem(exc, where) from None
    target = path
    if info is not None and (stat.S_ISLNK(info.st_mode) or (_WINDOWS and is_link(path))):
        if not follow_link:
            raise _symlink(where)
        target = Path(os.path.realpath(path))
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            raise FileProblem(Label(
                f"{where} là liên kết tới {target}, nơi không có tệp nào; hãy ghi ra tên khác",
                f"{where} is a link to {target}, where there is no file; write to another "
                "name")) from None
        except OSError as exc:
            raise os_problem(exc, target) from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(where, info.st_mode)
        if not overwrite:
            problem = FileProblem(Label(
                f"tệp {where} đã có; dùng --force để ghi đè hoặc -o để đặt tên khác",
                f"{where} exists; use --force to overwrite or -o for another name"))
            problem.status = 2
            raise problem
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise os_problem(exc, target) from None
    return target


# -- the lock ---------------------------------------------------------------------------


@contextlib.contextmanager
def exclusive_lock(path: Path, *, timeout: float | None = None, mode: int | None = None,
                   shown: str | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the ``with`` block.

    The lock file is never truncated or written, and never opened through a link: a
    committed ``.ppcli.lock -> ~/.bashrc`` is refused, not followed. It is created with
    the umask's mode (clerks of one group share a repository) unless ``mode`` is given.
    POSIX: ``flock``; Windows: ``msvcrt.locking`` on byte 0. A clerk waits up to
    ``timeout`` seconds for another, then gets a FileProblem ("busy")."""
    where = shown or str(path)
    deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
    while True:
        _refuse_link_windows(path, where)
        nonblock = getattr(os, "O_NONBLOCK", 0)
        try:
            try:
                fd = os.open(path, _open_flags(os.O_RDWR | os.O_CREAT | nonblock),
                             0o666 if mode is None else mode)
            except PermissionError:
                # made by a clerk whose umask keeps the group from writing: reading is
                # enough to lock it
                fd = os.open(path, _open_flags(os.O_RDONLY | nonblock))
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _symlink(where) from None
            if exc.errno == errno.EISDIR or os.path.isdir(path):  # a committed folder
                raise _not_a_lock(where, "thư mục", "a folder") from None
            raise os_problem(exc, where) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _not_a_lock(where, *_kind_words(info.st_mode))
            if not _try_lock(fd, deadline):
                raise FileProblem(Label(
                    f"kho đang bận: một lệnh ppcli khác đang ghi (khóa {where}); hãy chờ một "
                    "lát rồi chạy lại",
                    f"the repository is busy: another ppcli command is writing (lock {where}); "
                    "wait a moment and run again"))
            try:
                now = os.lstat(path)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                break  # locked, and still the file that others will open
            _unlock(fd)  # removed or replaced meanwhile: lock the new one
        except OSError as exc:
            os.close(fd)
            raise os_problem(exc, where) from None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


def _try_lock(fd: int, deadline: float) -> bool:
    delay = 0.005
    while True:
        if _lock_once(fd):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_once(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_once(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
