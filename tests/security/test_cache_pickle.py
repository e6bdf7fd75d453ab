"""The cache holds no pickle: a pickle planted where the cache file is runs no code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cachehelp import DUE, due_without_cache, plant
from conftest import AGREEMENT, cache_doc, run, write_repo

from ppcli.files.repository import find_repo
from ppcli.files.store import FORMAT, cache_file


def test_a_planted_pickle_runs_no_code_and_is_replaced(tmp_path: Path, private_cache: Path
                                                       ) -> None:
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    path = plant(private_cache, repo, marker)
    result = run(DUE, repo)
    assert not marker.exists()
    assert result.stderr == ""
    assert result.stdout == due_without_cache(repo)
    # the next run stores JSON of its own, readable by its owner only
    doc = cache_doc(path)
    assert (doc["format"], doc["kind"]) == (FORMAT, "schedules")
    assert list(doc["entries"]) == ["agreements/ct-2022.yaml"]
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_the_old_pickle_file_is_never_read(tmp_path: Path, private_cache: Path) -> None:
    """Earlier versions named the file ``.pickle``: a planted one runs nothing, and is removed
    when the new file is written."""
    repo = write_repo(tmp_path / "r")
    marker = tmp_path / "owned"
    old = cache_file(private_cache, find_repo(repo), "schedules").with_suffix(".pickle")
    plant(private_cache, repo, marker)
    shutil.copyfile(next(private_cache.iterdir()), old)
    assert run(DUE, repo).stdout == due_without_cache(repo)
    assert not marker.exists()
    assert not old.exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_planted_pickle_in_the_history_cache_runs_no_code(tmp_path: Path,
                                                            private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    env = {**os.environ, "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@snv.gov.vn",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@snv.gov.vn",
           "GIT_AUTHOR_DATE": "2024-01-10T09:00:00+07:00",
           "GIT_COMMITTER_DATE": "2024-01-10T09:00:00+07:00"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Thêm ct-2022"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    marker = tmp_path / "owned"
    path = plant(private_cache, repo, marker, "history")
    expected = run(["history", "--format", "json"], repo, env={"PPCLI_NO_CACHE": "1"}).json()
    result = run(["history", "--format", "json"], repo)
    assert not marker.exists()
    assert result.json() == expected
    assert [c["message"] for c in expected] == ["Thêm ct-2022"]
    # and the history it stored reads back the same
    assert json.loads(path.read_bytes())["kind"] == "history"
    assert run(["history", "--format", "json"], repo).json() == expected
