"""A hostile repository's history: forged commits, odd bytes, programs run by its config,
huge blobs and broken commits (issue 15, items 4 and 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run, write_repo

from ppcli.files.git import is_object_id

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NAME = "Nguyễn Thị Văn Thư"
FAKE = "f" * 40


def git(repo: Path, *args: str, name: str = NAME, input: bytes | None = None,
        date: str = "2024-01-10T09:00:00+07:00") -> bytes:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "vanthu@snv.gov.vn",
           "GIT_COMMITTER_NAME": NAME, "GIT_COMMITTER_EMAIL": "vanthu@snv.gov.vn"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          input=input).stdout


def commit(repo: Path, message: str, name: str = NAME,
           date: str = "2024-01-10T09:00:00+07:00") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--cleanup=verbatim", "-F", "-", name=name,
        input=message.encode("utf-8"), date=date)
    return git(repo, "rev-parse", "HEAD").decode().strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "kho")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Thêm chương trình phối hợp 2022")
    return root


def edit(repo: Path) -> None:
    path = repo / "agreements" / "ct-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("day: 15, month: 12", "day: 10, month: 12"), encoding="utf-8")


def history_json(repo: Path) -> list[dict[str, object]]:
    result = run(["history", "--format", "json"], repo)
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert isinstance(data, list)
    return data


def test_a_message_cannot_forge_another_commit(repo: Path) -> None:
    edit(repo)
    forged = (f"Dời hạn\x1e{FAKE}\x1f\x1fKẻ Giả Mạo\x1fgia@mao.vn\x1f"
              "2020-01-01T00:00:00+00:00\x1fTin nhắn giả")
    real = commit(repo, forged, date="2024-02-01T09:00:00+07:00")
    entries = history_json(repo)
    assert [(e["commit"], e["author"], e["date"]) for e in entries][0] == \
        (real, NAME, "2024-02-01T09:00:00+07:00")
    assert entries[0]["message"] == forged
    assert FAKE not in {e["commit"] for e in entries}
    files = entries[0]["files"]
    assert isinstance(files, list) and [f["path"] for f in files] == ["agreements/ct-2022.yaml"]
    assert len(entries) == 2


def test_a_unit_separator_in_the_author_name(repo: Path) -> None:
    edit(repo)
    sha = commit(repo, "Dời hạn", name="Trần\x1fVăn B", date="2024-02-01T09:00:00+07:00")
    entries = history_json(repo)
    assert (entries[0]["commit"], entries[0]["author"], entries[0]["message"]) == \
        (sha, "Trần\x1fVăn B", "Dời hạn")


def test_separators_in_a_file_name(repo: Path) -> None:
    (repo / "agreements" / "ct-2022.yaml").rename(repo / "agreements" / "ct\x1e\x1f2022.yaml")
    sha = commit(repo, "Đổi tên", date="2024-02-01T09:00:00+07:00")
    entries = history_json(repo)
    assert entries[0]["commit"] == sha
    files = entries[0]["files"]
    assert isinstance(files, list)
    assert [(f["status"], f["old_path"], f["path"]) for f in files] == \
        [("renamed", "agreements/ct-2022.yaml", "agreements/ct\x1e\x1f2022.yaml")]


@pytest.mark.skipif(os.name == "nt", reason="the fake gpg program is a shell script")
def test_log_show_signature_runs_no_program(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "gpg-ran"
    program = tmp_path / "fake-gpg"
    program.write_text(f"#!/bin/sh\necho ran > '{marker}'\nexit 1\n", encoding="utf-8")
    program.chmod(0o755)
    # a signed commit: only then does git call gpg.program to verify it
    head = git(repo, "cat-file", "commit", "HEAD").decode()
    headers, _, message = head.partition("\n\n")
    signed = (headers + "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n"
              " -----END PGP SIGNATURE-----\n\n" + message)
    sha = git(repo, "hash-object", "-t", "commit", "-w", "--stdin",
              input=signed.encode()).decode().strip()
    git(repo, "update-ref", "refs/heads/main", sha)
    git(repo, "config", "log.showSignature", "true")
    git(repo, "config", "gpg.program", str(program))
    entries = history_json(repo)
    assert [e["commit"] for e in entries] == [sha]
    assert not marker.exists()


def test_a_blob_over_the_limit_is_skipped_with_a_note(repo: Path) -> None:
    big = repo / "agreements" / "lon.yaml"
    big.write_bytes(b"id: lon\n" + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    sha = commit(repo, "Tệp rất lớn", date="2024-02-01T09:00:00+07:00")
    result = run(["history"], repo)
    assert result.exit_code == 0, result.stderr
    lines = result.lines()
    start = lines.index(f"01/02/2024  {sha[:10]}  {NAME}")
    assert lines[start:start + 4] == [
        f"01/02/2024  {sha[:10]}  {NAME}",
        "  Tệp rất lớn",
        "    Thêm thỏa thuận lon (agreements/lon.yaml)",
        "      ! tệp agreements/lon.yaml quá lớn (3,0 MB), bỏ qua",
    ]
    english = run(["history", "--lang", "en"], repo).lines()
    assert "      ! file agreements/lon.yaml is too large (3.0 MB), skipped" in english
    diff = run(["diff", "HEAD~1", "HEAD"], repo)
    assert (diff.exit_code, diff.stdout) == (
        0, "Sửa thỏa thuận lon (agreements/lon.yaml)\n"
           "  ! tệp agreements/lon.yaml quá lớn (3,0 MB), bỏ qua\n")


def test_an_unreadable_commit_is_isolated(repo: Path) -> None:
    edit(repo)
    good = commit(repo, "Dời hạn", date="2024-02-01T09:00:00+07:00")
    # a commit whose author time zone no calendar has (+9999): git prints it, Python
    # cannot read it as a date
    body = git(repo, "cat-file", "commit", "HEAD").decode()
    tree = body.split("\n", 1)[0].split()[1]
    (repo / "agreements" / "ct-2022.yaml").write_text("id: ct-2022\n", encoding="utf-8")
    git(repo, "add", "-A")
    tree = git(repo, "write-tree").decode().strip()
    broken = (f"tree {tree}\nparent {good}\n"
              f"author Ai Đó <ai@do.vn> 1706752800 +9999\n"
              f"committer {NAME} <vanthu@snv.gov.vn> 1706752800 +0700\n\nHỏng\n")
    bad = git(repo, "hash-object", "-t", "commit", "-w", "--stdin", "--literally",
              input=broken.encode()).decode().strip()
    git(repo, "update-ref", "refs/heads/main", bad)
    result = run(["history"], repo)
    assert result.exit_code == 0, result.stderr
    lines = result.lines()
    assert lines[:2] == [f"! không đọc được commit {bad[:10]} (ngày không đọc được); "
                         "bỏ qua commit này", ""]
    assert f"01/02/2024  {good[:10]}  {NAME}" in lines
    markdown = run(["history", "--format", "markdown", "--lang", "en"], repo)
    assert markdown.lines()[:2] == [f"## ! cannot read commit {bad[:10]} (unreadable date); "
                                    "skipped", ""]
    entries = history_json(repo)
    assert entries[0] == {"commit": bad, "files": [],
                          "unreadable": f"không đọc được commit {bad[:10]} (ngày không đọc "
                                        "được); bỏ qua commit này",
                          "unreadable_en": f"cannot read commit {bad[:10]} (unreadable date); "
                                           "skipped"}
    assert [e["commit"] for e in entries[1:]] == [good, git(repo, "rev-parse", "HEAD~2")
                                                  .decode().strip()]


def test_object_ids() -> None:
    assert is_object_id("a" * 40) and is_object_id(b"0123456789abcdef" * 4)
    assert not is_object_id("A" * 40) and not is_object_id("a" * 41)
    assert not is_object_id("g" * 40) and not is_object_id("a" * 39 + "\n")
