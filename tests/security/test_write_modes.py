"""Written files are as shareable as the user's umask says (issue 8.4, 15.7): a new file
gets 0666 less the umask (no longer 0600), a replaced file keeps its own mode, the cache
and the lock take an explicit private mode, and temporary files carry a name .gitignore
can match."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run, write_repo

from ppcli.files import fileio

posix = pytest.mark.skipif(os.name == "nt", reason="Windows keeps no mode bits")


@pytest.fixture
def umask_027(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    old = os.umask(0o027)
    monkeypatch.setattr(fileio, "_umask", None)  # read afresh
    try:
        yield
    finally:
        os.umask(old)
        fileio._umask = None


@posix
def test_umask_is_read_without_changing_it(umask_027: None) -> None:
    assert fileio.umask() == 0o027
    assert os.umask(0o027) == 0o027  # still in force


@posix
def test_new_files_follow_the_umask(tmp_path: Path, umask_027: None) -> None:
    repo = write_repo(tmp_path / "r")
    target = tmp_path / "lich.ics"
    assert run(["ics", "-o", str(target), "--today", "2023-12-01"], repo).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fileio.atomic_write(tmp_path / "x.docx", b"x")
    assert stat.S_IMODE((tmp_path / "x.docx").stat().st_mode) == 0o640


@posix
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_027: None) -> None:
    repo = write_repo(tmp_path / "r")
    path = repo / "agreements/ct-2022.yaml"
    path.chmod(0o664)
    assert run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                "--today", "2026-01-01"], repo).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    target = tmp_path / "lich.ics"
    target.write_bytes(b"")
    target.chmod(0o604)
    assert run(["ics", "-o", str(target), "--force", "--today", "2023-12-01"],
               repo).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


@posix
def test_private_files_take_an_explicit_mode(tmp_path: Path, umask_027: None) -> None:
    path = tmp_path / "cache.bin"
    path.write_bytes(b"")
    path.chmod(0o666)  # whatever was there before: not inherited
    fileio.atomic_write(path, b"data", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lock = tmp_path / ".ppcli.lock"
    with fileio.exclusive_lock(lock, mode=0o600):
        pass
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


@posix
def test_the_lock_is_shared_with_the_group_by_default(tmp_path: Path, umask_027: None) -> None:
    repo = write_repo(tmp_path / "r")
    assert run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                "--today", "2026-01-01"], repo).exit_code == 0
    lock = repo / "agreements/.ppcli.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o640 and lock.read_bytes() == b""


def test_temporary_files_match_the_ignore_pattern(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fail(src: str, dst: str) -> None:
        seen.append(os.path.basename(src))
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        fileio.atomic_write(tmp_path / "BC-x.docx", b"x")
    assert len(seen) == 1 and fnmatch.fnmatch(seen[0], fileio.TEMP_PATTERN)
    assert seen[0].startswith(".BC-x.docx.") and list(tmp_path.iterdir()) == []
