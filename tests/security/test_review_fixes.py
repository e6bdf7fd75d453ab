"""Cases a second review of the security work found open, each replayed here:
``diff`` on special files, ``git diff`` through ``ppcli textconv`` printing control
characters or failing on a large file, and a cache folder inside a clone left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, run, write_repo

from ppcli.files import store as cache

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def committed_repo(tmp_path: Path) -> Path:
    repo = write_repo(tmp_path / "r")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "đầu"], cwd=repo, check=True,
                   env={**os.environ, **GIT_IDENTITY})
    return repo


@POSIX
@needs_git
@pytest.mark.parametrize("make", ["fifo", "zero"])
def test_diff_of_the_working_tree_neither_hangs_nor_reads_a_special_file(
        tmp_path: Path, make: str) -> None:
    repo = committed_repo(tmp_path)
    target = repo / "agreements" / "x.yaml"
    if make == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    result = subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(repo), "diff"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            env={**os.environ, "NO_COLOR": "1", "PPCLI_LANG": ""},
                            check=False)
    assert result.returncode == 0, result.stderr
    code = "PP007" if make == "fifo" else "PP008"
    assert "agreements/x.yaml" in result.stdout and f"[{code}]" in result.stdout
    assert "Traceback" not in result.stderr


@needs_git
def test_plain_git_diff_shows_control_characters_made_visible(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    assert run(["init", str(folder)]).exit_code == 0
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", "init"], cwd=folder, check=True,
                   env={**os.environ, **GIT_IDENTITY})
    path = folder / "agreements/vi-du-quy-che.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("title: ")
    end = text.index("\n", start)
    # plain ASCII in the file: YAML escapes for OSC 52 (clipboard) and a window title
    path.write_text(text[:start] + 'title: "Quy che\\e]52;c;ZWNobyBwd24=\\a\\e]0;PWNED\\a"'
                    + text[end:], encoding="utf-8")
    out = subprocess.run(["git", "diff", "--no-color"], cwd=folder, capture_output=True,
                         check=True).stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    assert "+title: Quy che␛]52;c;ZWNobyBwd24=␇␛]0;PWNED␇" in out.splitlines()


@needs_git
def test_git_diff_of_a_too_large_file_says_so_instead_of_failing(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    assert run(["init", str(folder)]).exit_code == 0
    big = folder / "agreements/lon.yaml"
    big.write_text("id: lon\nnote: '" + "x" * (3 * 1024 * 1024) + "'\n", encoding="utf-8")
    plain = subprocess.run(["git", "add", "-A"], cwd=folder, capture_output=True, check=False)
    assert plain.returncode == 0
    log = subprocess.run(["git", "diff", "--cached", "--no-color"], cwd=folder,
                         capture_output=True, check=False)
    assert log.returncode == 0, log.stderr
    assert ("+(ppcli: tệp quá lớn, 3.0 MB; không so sánh nội dung — file too large, not "
            "compared)") in log.stdout.decode("utf-8").splitlines()


def test_a_relative_cache_folder_inside_a_clone_is_refused_before_it_is_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "kho"
    (clone / ".git").mkdir(parents=True)
    monkeypatch.chdir(clone)
    folder, warning = cache.safe_cache_dir({"PPCLI_CACHE_DIR": "rel/cache"})
    assert folder is None and warning is not None
    assert "nằm trong kho git" in warning.vi
    assert not (clone / "rel").exists()
