"""Cache files: opened without following symbolic links, refused unless they are
regular files of the user's own that others cannot write, read with a size limit, and
written as new files of mode 0600."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cachehelp import DUE, chown_possible, due_without_cache, evil_pickle, plant, refused_vi
from conftest import cache_doc, run, write_repo

from ppcli.engine import schedule_cache
from ppcli.files import store as cache_module
from ppcli.files.repository import find_repo, load_meta
from ppcli.files.store import Lines, cache_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="modes and owners are POSIX")


def test_a_symlinked_cache_file_is_refused_and_left_alone(tmp_path: Path,
                                                          private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    target = tmp_path / "elsewhere.bin"
    target.write_bytes(evil_pickle(marker))
    path = cache_file(private_cache, find_repo(repo), "schedules")
    path.symlink_to(target)
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(f"tệp {path} là một liên kết tượng trưng (symlink)")
    assert result.stdout == due_without_cache(repo)
    assert path.is_symlink()
    assert target.read_bytes() == evil_pickle(marker)  # never written through


@pytest.mark.skipif(not chown_possible(), reason="needs root to give a file away")
def test_a_cache_file_owned_by_another_user_is_refused(tmp_path: Path,
                                                       private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    path = plant(private_cache, repo, marker)
    os.chown(path, 65534, 65534)
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(f"{path} thuộc người dùng khác (uid 65534)")
    assert result.stdout == due_without_cache(repo)


@posix_only
def test_a_cache_file_others_can_write_is_refused(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    path = plant(private_cache, repo, marker)
    path.chmod(0o666)
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(
        f"nhóm hoặc người dùng khác ghi được vào {path} (quyền 666; sửa bằng "
        f"chmod go-w {path})")


@posix_only
def test_a_new_cache_file_never_takes_the_old_one_s_mode(tmp_path: Path,
                                                         private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    path = cache_file(private_cache, find_repo(repo), "schedules")
    path.write_bytes(b"left by an older version")
    path.chmod(0o644)
    old = os.umask(0o022)
    try:
        assert run(DUE, repo).stderr == ""
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    assert cache_doc(path)["kind"] == "schedules"
    assert [p.name for p in private_cache.iterdir()] == [path.name]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_cache_file_does_not_hang(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    path = cache_file(private_cache, find_repo(repo), "schedules")
    os.mkfifo(path, 0o600)
    result = run(DUE, repo)
    assert result.stderr == refused_vi(f"{path} không phải một tệp thường")
    assert result.stdout == due_without_cache(repo)


def test_a_cache_file_over_the_size_limit_is_a_miss(tmp_path: Path, private_cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    assert run(DUE, repo).stderr == ""
    path = cache_file(private_cache, find_repo(repo), "schedules")
    size = path.stat().st_size
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", size - 1)
    cache = cache_module.open_cache()
    key = schedule_cache._context_key(load_meta(find_repo(repo)).config)
    assert cache.read_lines(find_repo(repo), "schedules", key) is None
    assert cache.warning is None
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", size)
    assert (cache.read_lines(find_repo(repo), "schedules", key) or Lines(b"", {})).names() == [
        "agreements/ct-2022.yaml"]
