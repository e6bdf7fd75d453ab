"""The repository's history and differences in the agreements' own terms.

``history``: one ``git log`` (commits, changed files, blob ids) and two ``git cat-file``
(the sizes, then the contents) whatever the number of commits; each changed file's two
versions are compared with :mod:`ppcli.history.semdiff`. A file that was invalid in some commit,
or too large to read (over :data:`ppcli.files.git.MAX_BLOB_BYTES`), is reported in that
commit's entry, and a commit git's output does not let us read is shown as unreadable:
never fatal. ``diff`` compares two
revisions, or a revision and the working tree, pairing renamed files by agreement id.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ppcli import __version__
from ppcli.files.declaration import CONFIG_FILE, REGISTRY_FILE
from ppcli.files.git import Blobs, Commit, cat_blobs, log, ls_tree, toplevel, verify_rev
from ppcli.files.model import Registry
from ppcli.files.repository import Repo, agreement_files_shown
from ppcli.files.store import Cache
from ppcli.history.codec import Malformed, decode_file_entry, encode_file_entry
from ppcli.history.partial import changed_parts, parse_part
from ppcli.history.semdiff import (
    SPECS,
    Change,
    diff_agreement,
    diff_registry,
    name_orgs,
    quick_header,
    read_data,
)
from ppcli.i18n import Label


@dataclass(frozen=True)
class FileEntry:
    path: str  # as shown (relative to the repository root)
    old_path: str | None  # when renamed
    kind: str  # 'agreement', 'registry' or 'config'
    agreement: str | None  # the agreement id
    title: str
    status: str  # 'added', 'removed', 'changed', 'renamed'
    changes: tuple[Change, ...]
    invalid: Label | None = None  # the version could not be read as valid data

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "old_path": self.old_path, "kind": self.kind,
                "agreement": self.agreement, "title": self.title, "status": self.status,
                "changes": [{"kind": c.kind, "path": c.path, "text": c.text.vi,
                             "text_en": c.text.en} for c in self.changes],
                "invalid": self.invalid.vi if self.invalid else None}


@dataclass(frozen=True)
class Entry:
    sha: str
    date: dt.datetime
    author: str
    email: str
    subject: str
    merge: bool
    files: tuple[FileEntry, ...]
    problem: Label | None = None  # the commit could not be read (only sha may be known)

    def to_json(self) -> dict[str, Any]:
        if self.problem is not None:
            return {"commit": self.sha or None, "unreadable": self.problem.vi,
                    "unreadable_en": self.problem.en, "files": []}
        return {"commit": self.sha, "date": self.date.isoformat(), "author": self.author,
                "email": self.email, "message": self.subject, "merge": self.merge,
                "files": [f.to_json() for f in self.files]}


def _kind(rel: str) -> str | None:
    """Which kind of file a path inside the agreements folder is, if any."""
    if not rel.endswith((".yaml", ".yml")):
        return None
    if any(part.startswith((".", "_")) for part in PurePosixPath(rel).parts):
        return None  # hidden or set aside, as agreement_files skips them
    return {CONFIG_FILE: "config", REGISTRY_FILE: "registry"}.get(rel, "agreement")


@dataclass(frozen=True)
class Layout:
    """Where the agreements folder is, relative to git's top level and to the repo."""

    top: Path
    data: str  # the agreements folder relative to the top level ('' if it is the top)
    shown_prefix: str  # the agreements folder as shown (relative to the repo root)

    def inside(self, git_path: str) -> str | None:
        """A git path relative to the agreements folder, or None if outside it."""
        if not self.data:
            return git_path
        prefix = self.data + "/"
        return git_path[len(prefix):] if git_path.startswith(prefix) else None

    def shown(self, rel: str) -> str:
        return f"{self.shown_prefix}/{rel}" if self.shown_prefix else rel


def layout(repo: Repo) -> Layout:
    top = toplevel(repo.root)
    data = os.path.relpath(repo.data.resolve(), top.resolve()).replace(os.sep, "/")
    return Layout(top, "" if data == "." else data, repo.shown(repo.data))


Parsed = tuple[dict[str, Any] | None, int]


def _read(kind: str, data: bytes | None, shown: str, memo: dict[tuple[str, bytes], Parsed]
          ) -> Parsed:
    if data is None:
        return None, 0
    key = (kind, data)
    if key not in memo:  # a version is often the new side of one commit, the old of the next
        memo[key] = read_data(data, shown, SPECS[kind])
    return memo[key]


def compare(kind: str, shown: str, old_path: str | None, old: bytes | None,
            new: bytes | None, registry: Registry | None, renamed: bool = False,
            memo: dict[tuple[str, bytes], Parsed] | None = None) -> FileEntry | None:
    """One file's two versions as an entry (None when nothing changed in meaning)."""
    memo = {} if memo is None else memo
    status = ("added" if old is None else "removed" if new is None
              else "renamed" if renamed else "changed")
    if status in ("added", "removed") and kind == "agreement":
        header = quick_header(new if new is not None else old or b"")
        if header is not None:  # a whole file came or went: its id and title say it
            ident, title = header
            return FileEntry(shown, old_path, kind, ident or PurePosixPath(shown).stem,
                             title or "", status, ())
    if kind == "agreement" and old is not None and new is not None:
        quick = _compare_parts(shown, old_path, old, new, registry, status)
        if quick is not None:
            return quick if quick.changes or renamed else None
    old_data, old_errors = _read(kind, old, old_path or shown, memo)
    new_data, new_errors = _read(kind, new, shown, memo)
    data = new_data or old_data or {}
    agreement = data.get("id") if kind == "agreement" else None
    agreement = agreement or (PurePosixPath(shown).stem if kind == "agreement" else None)
    title = str(data.get("title", "")) if kind == "agreement" else ""
    invalid: Label | None = None
    if (new is not None and new_data is None) or (old is not None and old_data is None):
        which, count = ("mới", new_errors) if new is not None and new_data is None else \
            ("cũ", old_errors)
        invalid = Label(f"tệp ở phiên bản {which} không hợp lệ ({count} lỗi); không so sánh "
                        "được nội dung (ppcli validate cho biết chi tiết)",
                        f"the {'new' if which == 'mới' else 'old'} version is invalid "
                        f"({count} errors); its content cannot be compared")
        return FileEntry(shown, old_path, kind, agreement, title, status, (), invalid)
    if status in ("added", "removed"):
        changes = []  # the whole file: its title says it
    elif kind == "registry":
        changes = diff_registry(old_data, new_data)
    else:
        changes = diff_agreement(old_data, new_data, registry, spec=SPECS[kind])
    if status in ("changed", "renamed") and not changes and not renamed:
        return None  # only comments, formatting or order changed
    return FileEntry(shown, old_path, kind, agreement, title, status, tuple(changes))


def _compare_parts(shown: str, old_path: str | None, old: bytes, new: bytes,
                   registry: Registry | None, status: str) -> FileEntry | None:
    """Two versions compared through their changed parts only; None when that cannot be
    done and the whole files must be read."""
    try:
        parts = changed_parts(old.decode("utf-8-sig"), new.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None
    if parts is None:
        return None
    before, after, context = (parse_part(text, shown) for text in parts)
    if before is None or after is None or context is None:
        return None
    changes = diff_agreement(before, after, registry, context)
    return FileEntry(shown, old_path, "agreement", str(context.get("id") or "") or PurePosixPath(shown).stem,
                     str(context.get("title", "")), status, tuple(changes))


def history(repo: Repo, registry: Registry, agreement: str | None = None,
            since: dt.date | None = None, until: dt.date | None = None,
            author: str | None = None, cache: Cache | None = None) -> list[Entry]:
    """Commits that touched the agreements, newest first, each with what it changed.

    A commit never changes, so what was worked out for it is kept in ``cache`` and
    reused, keyed by the commit id and ppcli's version. Organisation names
    are filled in from today's registry when shown, so editing the registry does not
    make the cache stale."""
    where = layout(repo)
    logged = log(where.top, [where.data or "."], since, until, author)
    commits = [c for c in logged if c.problem is None]
    key = _cache_key(repo)
    known = _read_known(cache, repo, key)
    todo = [c for c in commits if c.sha not in known]
    if todo:
        known.update(_work_out(where, todo))
        if cache is not None:
            cache.write(repo, "history", key, {
                sha: [encode_file_entry(f.path, f.old_path, f.kind, f.agreement, f.title,
                                        f.status, f.changes, f.invalid) for f in files]
                for sha, files in known.items()})
    return [Entry(c.sha, c.date, c.author, c.email, c.subject, False, (), c.problem)
            if c.problem is not None else
            Entry(c.sha, c.date, c.author, c.email, c.subject, c.is_merge,
                  tuple(_named(f, registry) for f in known[c.sha]
                        if agreement is None or f.agreement == agreement))
            for c in logged
            if c.problem is not None
            or any(agreement is None or f.agreement == agreement for f in known[c.sha])]


def too_big(shown: str, size: int) -> Label:
    """The note for a version left unread because of its size."""
    mb = f"{size / (1024 * 1024):.1f}"
    return Label(f"tệp {shown} quá lớn ({mb.replace('.', ',')} MB), bỏ qua",
                 f"file {shown} is too large ({mb} MB), skipped")


def _skipped(kind: str, shown: str, old_shown: str | None, old_blob: str, new_blob: str,
             blobs: Blobs) -> FileEntry | None:
    """An entry saying that one of the two versions was too large to read, if it was."""
    for blob, name in ((new_blob, shown), (old_blob, old_shown or shown)):
        if blob in blobs.too_big:
            status = "added" if not old_blob.strip("0") else \
                "removed" if not new_blob.strip("0") else "changed"
            ident = PurePosixPath(shown).stem if kind == "agreement" else None
            return FileEntry(shown, old_shown, kind, ident, "", status, (),
                             too_big(name, blobs.too_big[blob]))
    return None


def _named(entry: FileEntry, registry: Registry) -> FileEntry:
    return dataclasses.replace(entry, changes=tuple(name_orgs(c, registry)
                                                    for c in entry.changes))


def _work_out(where: Layout, commits: list[Commit]) -> dict[str, tuple[FileEntry, ...]]:
    wanted: list[tuple[Commit, str, str, str | None, str, str]] = []
    for commit in commits:
        for change in commit.changes:
            rel = where.inside(change.path)
            kind = _kind(rel) if rel is not None else None
            if kind is None or rel is None:
                continue
            old_rel = where.inside(change.old_path) if change.old_path else None
            wanted.append((commit, kind, where.shown(rel),
                           where.shown(old_rel) if old_rel else None,
                           change.old_blob, change.new_blob))
    blobs = cat_blobs(where.top, [b for *_, old, new in wanted for b in (old, new)])
    entries: dict[str, list[FileEntry]] = {}
    memo: dict[tuple[str, bytes], Parsed] = {}
    for commit, kind, shown, old_shown, old_blob, new_blob in wanted:
        entry = _skipped(kind, shown, old_shown, old_blob, new_blob, blobs) or \
            compare(kind, shown, old_shown, blobs.contents.get(old_blob),
                    blobs.contents.get(new_blob), None,
                    renamed=old_shown is not None and old_shown != shown, memo=memo)
        if entry is not None:
            entries.setdefault(commit.sha, []).append(entry)
    return {c.sha: tuple(entries.get(c.sha, ())) for c in commits}


def _cache_key(repo: Repo) -> list[object]:
    return ["history", 3, __version__]


def _read_known(cache: Cache | None, repo: Repo, key: list[object]
                ) -> dict[str, tuple[FileEntry, ...]]:
    """What the cache holds per commit; a commit whose entry is malformed is worked out
    again."""
    stored = cache.read(repo, "history", key) if cache is not None else None
    known: dict[str, tuple[FileEntry, ...]] = {}
    for sha, files in (stored or {}).items():
        if type(files) is not list:
            continue
        with contextlib.suppress(Malformed):
            known[sha] = tuple(FileEntry(*decode_file_entry(f)) for f in files)
    return known


def files_at(repo: Repo, rev: str, skipped: dict[str, int] | None = None
             ) -> dict[str, bytes]:
    """Every file of the agreements folder at a revision, as shown -> bytes. Files over
    the size limit are left out and put in ``skipped`` (as shown -> size)."""
    where = layout(repo)
    sha = verify_rev(where.top, rev)
    tree = ls_tree(where.top, sha, where.data or ".")
    blobs = cat_blobs(where.top, tree.values())
    out: dict[str, bytes] = {}
    for path, blob in tree.items():
        rel = where.inside(path)
        if rel is None or not _kind(rel):
            continue
        if blob in blobs.contents:
            out[where.shown(rel)] = blobs.contents[blob]
        elif blob in blobs.too_big and skipped is not None:
            skipped[where.shown(rel)] = blobs.too_big[blob]
    return out


def working_files(repo: Repo, unreadable: dict[str, Label] | None = None
                  ) -> dict[str, bytes]:
    """The working tree's files, each read as ``validate`` reads it (a regular file, not
    a link, within the size limit); the others go into ``unreadable`` with the reason."""
    from ppcli.files.yamlsource import read_checked

    out: dict[str, bytes] = {}
    paths = [*agreement_files_shown(repo),
             *((repo.shown(p), p) for p in (repo.config_file, repo.registry_file)
               if os.path.lexists(p))]
    for shown, path in paths:
        data, diags = read_checked(path, shown)
        if data is not None:
            out[shown] = data
        elif unreadable is not None and diags:
            first = diags[0]
            unreadable[shown] = Label(f"{shown}: {first.message('vi')} [{first.code}]",
                                      f"{shown}: {first.message('en')} [{first.code}]")
    return out


def diff(repo: Repo, registry: Registry, old_rev: str = "HEAD", new_rev: str | None = None
         ) -> list[FileEntry]:
    """What changed between two revisions, or a revision and the working tree."""
    skipped: dict[str, int] = {}
    unreadable: dict[str, Label] = {}
    old = files_at(repo, old_rev, skipped)
    new = files_at(repo, new_rev, skipped) if new_rev is not None else \
        working_files(repo, unreadable)
    for shown in [*skipped, *unreadable]:  # not read on one side: neither compared nor
        old.pop(shown, None)               # shown as gone
        new.pop(shown, None)
    notes = [FileEntry(shown, None, _kind_shown(repo, shown) or "agreement",
                       PurePosixPath(shown).stem, "", "changed", (), too_big(shown, size))
             for shown, size in sorted(skipped.items())]
    notes += [FileEntry(shown, None, _kind_shown(repo, shown) or "agreement",
                        PurePosixPath(shown).stem, "", "changed", (), reason)
              for shown, reason in sorted(unreadable.items())]
    return notes + diff_files(repo, old, new, registry)


def _kind_shown(repo: Repo, shown: str) -> str | None:
    prefix = repo.shown(repo.data) + "/"
    return _kind(shown[len(prefix):]) if shown.startswith(prefix) else None


def diff_files(repo: Repo, old: Mapping[str, bytes], new: Mapping[str, bytes],
               registry: Registry) -> list[FileEntry]:
    prefix = repo.shown(repo.data) + "/"

    def kind(shown: str) -> str | None:
        return _kind(shown[len(prefix):]) if shown.startswith(prefix) else None

    gone = [p for p in old if p not in new and kind(p) == "agreement"]
    came = [p for p in new if p not in old and kind(p) == "agreement"]
    renames: dict[str, str] = {}
    ids_old = {p: _id_of(old[p], p) for p in gone}
    for p in came:
        ident = _id_of(new[p], p)
        match = next((q for q in gone if ids_old[q] == ident and q not in renames.values()),
                     None)
        if match is not None:
            renames[p] = match
    out: list[FileEntry] = []
    for path in sorted(set(old) | set(new)):
        k = kind(path)
        if k is None or path in renames.values():
            continue
        source = renames.get(path)
        before = old.get(source or path)
        after = new.get(path)
        if before == after and source is None:
            continue
        entry = compare(k, path, source, before, after, registry, renamed=source is not None)
        if entry is not None:
            out.append(entry)
    return out


def _id_of(data: bytes, shown: str) -> str:
    value, _ = read_data(data, shown)
    return str(value["id"]) if value and "id" in value else PurePosixPath(shown).stem
