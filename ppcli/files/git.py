"""Git, called with argument lists (never a shell), a constant number of times per command.

``history`` runs one ``git log`` for every commit's changed files and blob ids, then one
``git cat-file --batch-check`` for the sizes and one ``git cat-file --batch`` for the
contents of all those blobs that are not too large. Revisions from the command line are
checked before use and passed after ``--end-of-options``, so that none can be read as an
option. Paths are NUL-separated and never quoted (``-z``, ``core.quotepath=false``):
Vietnamese file names and spaces come through as they are.

A cloned repository is not trusted. Its ``git log`` output is cut with a boundary drawn
at random for each run (a message, a name or a path may hold any byte but NUL, so no
fixed separator is safe), every id is checked to be 40 (SHA-1) or 64 (SHA-256) hex
digits, and a commit that cannot be read is kept as such instead of failing the run.
Settings of the repository that make git run programs while reading history are
neutralised on the command line (``--no-show-signature`` against ``log.showSignature``
and ``gpg.program``; ``--no-ext-diff``, ``--no-textconv``; ``core.fsmonitor``,
``core.pager``; no lazy fetch of a partial clone's missing objects, no transport at all).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ppcli.errors import REQUEST, EnvironmentProblem
from ppcli.files.safe_read import MAX_BYTES
from ppcli.i18n import Label

NULL_SHA = "0" * 40
MAX_BLOB_BYTES = MAX_BYTES  # a version is read only if it could be read as a file
_OBJECT_ID = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
# settings a cloned repository may carry that would make git run a program or page
_NEUTRAL = ("-c", "core.fsmonitor=false", "-c", "core.pager=cat",
            "-c", "log.showSignature=false", "-c", "protocol.allow=never")


def is_object_id(value: bytes | str) -> bool:
    """40 (SHA-1) or 64 (SHA-256) lower-case hex digits."""
    raw = value.encode("ascii", "replace") if isinstance(value, str) else value
    return _OBJECT_ID.fullmatch(raw) is not None


def _is_null(blob: str) -> bool:
    return not blob.strip("0")


class GitError(EnvironmentProblem):
    """Git is missing, this is not a repository, or git refused; the label says which.
    Exit status 3, or 2 for a revision that does not exist (a wrong request)."""


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
    cmd = [_git_exe(), "--no-pager", *_NEUTRAL, "-c", "core.quotepath=false",
           "-c", "i18n.logOutputEncoding=UTF-8", *args]
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1"}
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
        raise GitError(Label(f"phiên bản không hợp lệ: \"{rev}\"", f"invalid revision: \"{rev}\""),
                       REQUEST)
    try:
        out = run_git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options",
                            f"{rev}^{{commit}}"])
    except GitError:
        out = b""
    sha = out.decode().strip()
    if not sha:
        raise GitError(Label(f"không có phiên bản \"{rev}\" trong kho git",
                             f"no revision \"{rev}\" in the git repository"), REQUEST)
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
    problem: Label | None = None  # set when the commit could not be read; sha may be ""

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def unreadable(sha: str, why: Label) -> Commit:
    """A commit that could not be read: only its id (when it is a valid one) is kept."""
    sha = sha if is_object_id(sha) else ""
    shown = sha[:10] if sha else "?"
    return Commit(sha, (), "", "", dt.datetime.min, "", [], Label(
        f"không đọc được commit {shown} ({why.vi}); bỏ qua commit này",
        f"cannot read commit {shown} ({why.en}); skipped"))


def log(top: Path, paths: Sequence[str], since: dt.date | None = None,
        until: dt.date | None = None, author: str | None = None,
        rev_range: Sequence[str] = ()) -> list[Commit]:
    """Commits touching ``paths`` (newest first) with the blob ids of each change, in one
    git process. Renames are followed (-M)."""
    boundary = secrets.token_hex(16)
    args = ["log", "-z", "--raw", "--no-abbrev", "-M", "--no-color", "--no-ext-diff",
            "--no-textconv", "--no-show-signature", "--no-notes",
            _log_format(boundary)]
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
    return parse_log(out, boundary)


def _marks(boundary: str) -> tuple[bytes, bytes, bytes]:
    """The start of a commit, the end of a field and the end of the header."""
    return (f"{boundary}S".encode(), f"{boundary}F".encode(), f"{boundary}E".encode())


def _log_format(boundary: str) -> str:
    start, sep, end = (m.decode() for m in _marks(boundary))
    return f"--format={start}" + sep.join(["%H", "%P", "%an", "%ae", "%aI", "%s"]) + end


_BAD_HEADER = Label("phần đầu không đúng dạng", "malformed header")
_BAD_ID = Label("mã commit không phải 40 hay 64 chữ số hex", "its id is not 40 or 64 hex digits")
_BAD_DATE = Label("ngày không đọc được", "unreadable date")
_BAD_FILES = Label("danh sách tệp thay đổi không đúng dạng", "malformed list of changed files")


def parse_log(out: bytes, boundary: str) -> list[Commit]:
    """``git log`` output written with :func:`_log_format` as commits, newest first."""
    start, _, _ = _marks(boundary)
    return [_parse_commit(record, boundary) for record in out.split(start)[1:]]


def _parse_commit(record: bytes, boundary: str) -> Commit:
    _, sep, end = _marks(boundary)
    header, found, rest = record.partition(end)
    fields = header.split(sep)
    first = fields[0].decode("ascii", "replace")
    if not found or len(fields) != 6:
        return unreadable(first, _BAD_HEADER)
    sha_b, parents_b, name, email, date_b, subject = fields
    parents = parents_b.split()
    if not is_object_id(sha_b) or any(len(p) != len(sha_b) or not is_object_id(p)
                                       for p in parents):
        return unreadable(first, _BAD_ID)
    sha = sha_b.decode()
    try:
        date = dt.datetime.fromisoformat(date_b.decode("ascii"))
    except ValueError:
        return unreadable(sha, _BAD_DATE)
    changes = _parse_raw(rest, len(sha))
    if changes is None:
        return unreadable(sha, _BAD_FILES)
    return Commit(sha, tuple(p.decode() for p in parents), _text(name), _text(email), date,
                  _text(subject), changes)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _parse_raw(rest: bytes, id_len: int) -> list[FileChange] | None:
    """The ``--raw -z`` part of one commit: ``:meta\0path\0[path\0]`` per file; None
    when it does not have that shape."""
    tokens = rest.split(b"\x00")
    changes: list[FileChange] = []
    i = 0
    while i < len(tokens):
        meta = tokens[i].lstrip(b"\n")
        i += 1
        if not meta:
            continue
        parts = meta[1:].split(b" ") if meta.startswith(b":") else []
        if len(parts) != 5 or not parts[4][:1].isalpha():
            return None
        old_blob, new_blob, status = parts[2], parts[3], parts[4].decode("ascii", "replace")
        if any(len(b) != id_len or not is_object_id(b) for b in (old_blob, new_blob)):
            return None
        count = 2 if status[0] in "RC" else 1
        if i + count > len(tokens) or any(not t for t in tokens[i:i + count]):
            return None
        names = [t.decode("utf-8", "replace") for t in tokens[i:i + count]]
        i += count
        old_path, path = (names[0], names[1]) if count == 2 else (None, names[0])
        changes.append(FileChange(status[0], path, old_path, old_blob.decode(),
                                  new_blob.decode()))
    return changes


@dataclass
class Blobs:
    """Blob contents by id, and the ids left out because they are over the size limit
    (with their size in bytes)."""

    contents: dict[str, bytes] = field(default_factory=dict)
    too_big: dict[str, int] = field(default_factory=dict)


def cat_blobs(top: Path, blobs: Iterable[str], limit: int = MAX_BLOB_BYTES) -> Blobs:
    """The contents of many blobs: one ``git cat-file --batch-check`` for their sizes,
    then one ``git cat-file --batch`` for those of at most ``limit`` bytes."""
    wanted = [b for b in dict.fromkeys(blobs) if b and not _is_null(b) and is_object_id(b)]
    result = Blobs()
    if not wanted:
        return result
    checked = run_git(top, ["cat-file", "--batch-check"],
                      input="".join(f"{b}\n" for b in wanted).encode())
    small: list[str] = []
    for blob, line in zip(wanted, checked.splitlines(), strict=False):
        header = line.split()
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            continue  # missing (a shallow clone may lack old objects) or not a blob
        size = int(header[2])
        if size > limit:
            result.too_big[blob] = size
        else:
            small.append(blob)
    if not small:
        return result
    out = run_git(top, ["cat-file", "--batch"], input="".join(f"{b}\n" for b in small).encode())
    pos = 0
    for blob in small:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing" or not header[2].isdigit():
            continue
        size = int(header[2])
        result.contents[blob] = out[pos:pos + size]
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
