"""Reading a file the repository names, without trusting what it is.

A committed ``agreements/x.yaml -> /dev/zero`` would have ppcli read for ever, and a
FIFO would block the ``open`` itself. :func:`read_bounded` opens without blocking
(``O_NONBLOCK`` on POSIX), checks with ``fstat`` that what it opened is a regular file,
and reads at most the limit plus one byte, so whatever is at the path costs at most that.
Every read of an agreement, registry or configuration file goes through it (the
schedule cache's hashing and ``record``'s read, which follows no link, included:
:func:`ppcli.files.fileio.read_regular` only words its errors).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024  # an agreement is a few kB; 2 MB is generous

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
if os.name != "nt":  # a FIFO must not block the open; Windows has no such files
    _FLAGS |= getattr(os, "O_NONBLOCK", 0)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder."""

    def __init__(self, path: Path | str, kind: str, mode: int = stat.S_IFDIR) -> None:
        super().__init__(f"{path}: not a regular file ({kind})")
        self.kind = kind  # 'fifo', 'device', 'socket', 'folder', 'other'
        self.mode = mode  # the st_mode found (a folder when the open itself refused it)


class FileTooLarge(OSError):
    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(f"{path}: larger than {limit} bytes")
        self.size = size  # bytes known to be there (at least limit + 1)
        self.limit = limit


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "other"


class LinkRefused(OSError):
    """The path is a symbolic link (or a Windows junction) where none is followed."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.ELOOP, "a symbolic link, not followed", str(path))


def is_link(path: Path | str) -> bool:
    """Whether ``path`` is a symbolic link or a Windows directory junction (Python 3.12+
    can tell a junction; 3.11 cannot, and has no way to make one either). A missing path
    is no link."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    junction = getattr(os.path, "isjunction", None)
    return stat.S_ISLNK(st.st_mode) or bool(junction is not None and junction(path))


def read_bounded(path: Path | str, limit: int = MAX_BYTES, follow_links: bool = True
                 ) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` (see
    :func:`read_with_stat`)."""
    return read_with_stat(path, limit, follow_links)[0]


def read_with_stat(path: Path | str, limit: int = MAX_BYTES, follow_links: bool = True
                   ) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path``, at most ``limit``, and its ``fstat``:
    the one guarded read of ppcli (agreement files, the cache, ``record``).

    Raises :class:`NotRegularFile` for anything but a regular file, :class:`FileTooLarge`
    past the limit (checked on the size ``fstat`` gives and on what is actually read, for
    a file that grows meanwhile), :class:`LinkRefused` for a link when ``follow_links``
    is false, and ``OSError`` when it cannot be opened or read.
    """
    flags = _FLAGS | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)
    if not follow_links:
        if os.name == "nt" and is_link(path):  # no O_NOFOLLOW there: look first
            raise LinkRefused(path)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:  # Windows, and POSIX systems that refuse to open folders
        raise NotRegularFile(path, "folder") from None
    except OSError as exc:
        # O_NOFOLLOW on a link: ELOOP (FreeBSD and NetBSD say EMLINK)
        if not follow_links and (exc.errno == errno.ELOOP or (
                exc.errno == errno.EMLINK and sys.platform.startswith(("freebsd", "netbsd")))):
            raise LinkRefused(path) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, kind_of(info.st_mode), info.st_mode)
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(path, len(data), limit)
        return data, info
    finally:
        os.close(fd)
