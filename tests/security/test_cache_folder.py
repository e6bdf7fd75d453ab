"""The cache folder: created 0700, and refused (one warning, then no cache) when another
user owns it, others can write to it or to a folder above it, it is a symbolic link, or
it lies inside a git work tree. Each case plants a pickle in the folder: ppcli before
this change loaded it and ran its code."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cachehelp import (
    DUE,
    chown_possible,
    due_without_cache,
    git_init,
    plant,
    refused_en,
    refused_vi,
)
from conftest import run, write_repo

from ppcli.files import store as cache

posix_only = pytest.mark.skipif(os.name != "posix", reason="modes and owners are POSIX")


@pytest.mark.skipif(not chown_possible(), reason="needs root to give a folder away")
def test_a_folder_owned_by_another_user_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    """As with ``sudo -E`` and another user's HOME, or a shared PPCLI_CACHE_DIR."""
    repo = write_repo(tmp_path / "r")
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    marker = tmp_path / "owned"
    planted = plant(folder, repo, marker)
    os.chown(planted, 65534, 65534)
    os.chown(folder, 65534, 65534)
    monkeypatch.setenv("PPCLI_CACHE_DIR", str(folder))
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(f"{folder} thuộc người dùng khác (uid 65534)")
    assert result.stdout == due_without_cache(repo)
    assert [p.name for p in folder.iterdir()] == [planted.name]  # nothing written there
    assert cache.safe_cache_dir({"PPCLI_CACHE_DIR": str(folder)})[0] is None


@posix_only
def test_a_group_writable_folder_is_refused(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    plant(private_cache, repo, marker)
    private_cache.chmod(0o770)
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(
        f"nhóm hoặc người dùng khác ghi được vào {private_cache} (quyền 770; sửa bằng "
        f"chmod go-w {private_cache})")
    assert result.stdout == due_without_cache(repo)
    english = run(["--lang", "en", *DUE], repo)
    assert english.stderr == refused_en(
        f"group or other users can write to {private_cache} (mode 770; fix with "
        f"chmod go-w {private_cache})")


@posix_only
def test_a_group_writable_cache_home_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A group-writable XDG_CACHE_HOME: another member could swap the ppcli folder."""
    repo = write_repo(tmp_path / "r")
    home = tmp_path / "xdg"
    (home / "ppcli").mkdir(parents=True, mode=0o700)
    home.chmod(0o775)
    marker = tmp_path / "owned"
    plant(home / "ppcli", repo, marker)
    monkeypatch.delenv("PPCLI_CACHE_DIR")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(
        f"nhóm hoặc người dùng khác ghi được vào {home} (quyền 775; sửa bằng "
        f"chmod go-w {home})")
    assert result.stdout == due_without_cache(repo)


def test_a_symlinked_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    marker = tmp_path / "owned"
    plant(real, repo, marker)
    monkeypatch.setenv("PPCLI_CACHE_DIR", str(link))
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(
        f"{link} là một liên kết tượng trưng (symlink), không phải thư mục thật")
    assert result.stdout == due_without_cache(repo)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_folder_inside_a_git_work_tree_is_refused(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """CI with XDG_CACHE_HOME=$PWD/.cache: a commit could ship the cache file."""
    repo = write_repo(tmp_path / "r")
    git_init(repo)
    folder = repo / ".cache" / "ppcli"
    folder.mkdir(parents=True, mode=0o700)
    (repo / ".cache").chmod(0o700)
    marker = tmp_path / "owned"
    plant(folder, repo, marker)
    monkeypatch.delenv("PPCLI_CACHE_DIR")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / ".cache"))
    result = run(DUE, repo)
    assert not marker.exists()
    # one warning for the run, however many files the run could have cached
    assert result.stderr == refused_vi(
        f"thư mục {folder} nằm trong kho git {repo}, nơi một commit có thể đặt tệp vào")
    assert result.stdout == due_without_cache(repo)
    assert cache.safe_cache_dir({"XDG_CACHE_HOME": str(repo / ".cache")})[0] is None


@posix_only
def test_a_new_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    folder = tmp_path / "new" / "cache" / "ppcli"
    monkeypatch.setenv("PPCLI_CACHE_DIR", str(folder))
    old = os.umask(0o022)
    try:
        result = run(DUE, repo)
    finally:
        os.umask(old)
    assert result.stderr == ""
    for made in (folder, folder.parent, folder.parent.parent):
        assert made.stat().st_mode & 0o777 == 0o700, made
    assert len(list(folder.iterdir())) == 1


@posix_only
def test_an_own_folder_readable_by_others_is_made_private(tmp_path: Path,
                                                          private_cache: Path) -> None:
    """What earlier versions made (0755 with the usual umask): kept, and made 0700."""
    private_cache.chmod(0o755)
    assert cache.safe_cache_dir({"PPCLI_CACHE_DIR": str(private_cache)}) == (private_cache, None)
    assert private_cache.stat().st_mode & 0o777 == 0o700


def test_the_cache_can_be_turned_off() -> None:
    assert cache.safe_cache_dir({"PPCLI_NO_CACHE": "1", "PPCLI_CACHE_DIR": "/x"}) == (None, None)


@posix_only
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_warns_once_and_works_without_the_cache(tmp_path: Path, private_cache: Path
                                                       ) -> None:
    repo = write_repo(tmp_path / "r")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@snv.gov.vn",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@snv.gov.vn"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Thêm ct-2022"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    marker = tmp_path / "owned"
    plant(private_cache, repo, marker, "history")
    private_cache.chmod(0o777)
    result = run(["history", "--format", "json"], repo)
    assert not marker.exists()
    assert result.stderr == refused_vi(
        f"nhóm hoặc người dùng khác ghi được vào {private_cache} (quyền 777; sửa bằng "
        f"chmod go-w {private_cache})")
    assert [c["message"] for c in result.json()] == ["Thêm ct-2022"]
