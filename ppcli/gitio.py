"""Git, called with argument lists (never a shell), a constant number of times per command.

``history`` runs one ``git log`` for every commit's changed files and blob ids, then one
``git cat-file --batch`` for the contents of all those blobs. Revisions from the command
line are checked before use and passed after ``--end-of-options``, so that none can be
read as an option. Paths are NUL-separated and never quoted (``-z``,
``core.quotepath=false``): Vietnamese file names and spaces come through as they are.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ppcli.i18n import Label

NULL_SHA = "0" * 40


class GitError(Exception):
    """Git is missing, this is not a repository, or git refused; the label says which."""

    def __init__(self, label: Label) -> None:
        super().__init__(label.en)
        self.label = label


def _git_exe() -> str:
    exe = shutil.which("git")
    if exe is None:
        raise GitError(Label(
            "không tìm thấy chương trình git; hãy cài git (https://git-scm.com) để xem lịch sử. "
            "Các lệnh khác của ppcli vẫn dùng được",
            "git is not installed; install it (https://git-scm.com) to see the history. "
            "ppcli's other commands work without it"))
    return exe


def run_git(cwd: Path, args: Sequence[str], input: bytes | None = None) -> bytes:
    """Run git; its standard output, or GitError with git's own message."""
    cmd = [_git_exe(), "-c", "core.quotepath=false", "-c", "i18n.logOutputEncoding=UTF-8",
           *args]
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        proc = subprocess.run(cmd, cwd=cwd, input=input, capture_output=True, env=env,
                              check=False)
    except OSError as exc:
        raise GitError(Label(f"không chạy được git: {exc}", f"cannot run git: {exc}")) from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        text = message[-1] if message else f"exit {proc.returncode}"
        raise GitError(Label(f"git báo lỗi: {text}", f"git failed: {text}"))
    return proc.stdout


def toplevel(path: Path) -> Path:
    try:
        out = run_git(path, ["rev-parse", "--show-toplevel"])
    except GitError as exc:
        if "not a git repository" in exc.label.en:
            raise GitError(Label(
                f"{path} không nằm trong một kho git; hãy chạy ppcli init hoặc git init",
                f"{path} is not inside a git repository; run ppcli init or git init")) from exc
        raise
    return Path(out.decode("utf-8").strip())


def verify_rev(top: Path, rev: str) -> str:
    """The commit a revision names. Refuses anything that could be read as an option."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n"):
        raise GitError(Label(f"phiên bản không hợp lệ: \"{rev}\"", f"invalid revision: \"{rev}\""))
    try:
        out = run_git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options",
                            f"{rev}^{{commit}}"])
    except GitError:
        out = b""
    sha = out.decode().strip()
    if not sha:
        raise GitError(Label(f"không có phiên bản \"{rev}\" trong kho git",
                             f"no revision \"{rev}\" in the git repository"))
    return sha


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R (rename), C (copy), T (type)
    path: str  # new path (or the deleted path)
    old_path: str | None  # for renames and copies
    old_blob: str
    new_blob: str


@dataclass
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: dt.datetime
    subject: str
    changes: list[FileChange] = field(default_factory=list)

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def log(top: Path, paths: Sequence[str], since: dt.date | None = None,
        until: dt.date | None = None, author: str | None = None,
        rev_range: Sequence[str] = ()) -> list[Commit]:
    """Commits touching ``paths`` (newest first) with the blob ids of each change, in one
    git process. Renames are followed (-M)."""
    args = ["log", "-z", "--raw", "--no-abbrev", "-M", "--no-color", "--no-ext-diff",
            "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s"]
    if since:
        args.append(f"--since={since.isoformat()} 00:00:00")
    if until:
        args.append(f"--until={until.isoformat()} 23:59:59")
    if author:
        args.append(f"--author={author}")
    args += ["--end-of-options", *rev_range, "--", *paths]
    try:
        out = run_git(top, args)
    except GitError as exc:
        if "does not have any commits" in exc.label.en or "bad default revision" in exc.label.en:
            return []  # a repository without commits has no history yet
        raise
    return parse_log(out)


def parse_log(out: bytes) -> list[Commit]:
    commits: list[Commit] = []
    for record in out.split(b"\x1e")[1:]:
        header, _, rest = record.partition(b"\x00")  # "header\0\n:raw\0path\0..."
        sha, parents, name, email, date, subject = header.decode("utf-8", "replace").split(
            "\x1f", 5)
        commit = Commit(sha, tuple(parents.split()), name, email,
                        dt.datetime.fromisoformat(date), subject)
        fields = rest.split(b"\x00")
        i = 0
        while i < len(fields):
            meta = fields[i].strip(b"\n")
            if not meta.startswith(b":"):
                i += 1
                continue
            parts = meta[1:].decode().split()
            old_blob, new_blob, status = parts[2], parts[3], parts[4]
            if status[0] in "RC":
                old_path = fields[i + 1].decode("utf-8", "replace")
                path = fields[i + 2].decode("utf-8", "replace")
                i += 3
            else:
                old_path, path = None, fields[i + 1].decode("utf-8", "replace")
                i += 2
            commit.changes.append(FileChange(status[0], path, old_path, old_blob, new_blob))
        commits.append(commit)
    return commits


def cat_blobs(top: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of many blobs with one ``git cat-file --batch``."""
    wanted = [b for b in dict.fromkeys(blobs) if b and b != NULL_SHA]
    if not wanted:
        return {}
    out = run_git(top, ["cat-file", "--batch"], input="".join(f"{b}\n" for b in wanted).encode())
    result: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue  # a shallow clone may lack old objects
        size = int(header[2])
        result[blob] = out[pos:pos + size]
        pos += size + 1
    return result


def ls_tree(top: Path, commit: str, folder: str) -> dict[str, str]:
    """Path -> blob id of every file under ``folder`` at ``commit``."""
    out = run_git(top, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit,
                        "--", folder])
    files: dict[str, str] = {}
    for entry in out.split(b"\x00"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        kind, blob = meta.split()[1:3]
        if kind == b"blob":
            files[path.decode("utf-8", "replace")] = blob.decode()
    return files
