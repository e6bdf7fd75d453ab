"""Incremental ``validate``: each file's own diagnostics and the facts the cross-file checks
read, kept per file in the cache store and recomputed only for files that changed.

The checks of :mod:`ppcli.files.checks` fall in three groups:

* the registry's and the configuration's (``registry_*``, ``config_references``): run on
  every call, they need only those two files;
* those that look at one agreement (with the registry): its load diagnostics, then
  ``file_names``, ``org_references``, ``dates``, ``records``, ``defunct_parties`` and the
  part of ``unique_ids`` within the file. Their diagnostics are stored per file, keyed by
  the file's digest (and its ``stat``, trusted as the schedule cache trusts it), with the
  registry and configuration's digest, ppcli's and Python's versions in the cache key;
* those across agreements: an agreement id written in two files (the rest of
  ``unique_ids``) and references to unknown agreements (``agreement_references``). They
  are recomputed on every call from the stored facts: each file's id and where it is
  written, whether the file loaded, and its ``replaces``/``implements`` references.

``records`` depends on today only for records dated after it (PP061), so an entry
computed on a day on or after the file's latest record holds for every later day too;
otherwise it holds for its own day only.

The diagnostics are then assembled in the order a cold run makes them (load diagnostics
file by file, then check by check), so the sorted output is the same, byte for byte.
Files to parse are handed to a pool of processes (:mod:`ppcli.files.pool`) when there
are many. The cache holds JSON only (see :mod:`ppcli.files.store`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ppcli import __version__
from ppcli.diagnostics import Diagnostic, diag
from ppcli.files import checks
from ppcli.files.model import Agreement, DocRef
from ppcli.files.repository import (
    Loaded,
    Repo,
    agreement_files_shown,
    load_agreement,
    load_meta,
)
from ppcli.files.safe_read import MAX_BYTES, read_with_stat
from ppcli.files.store import FORMAT, Cache
from ppcli.i18n import Label

KIND = "checks"
RACY_NS = 2_000_000_000  # as the schedule cache: a file changed this recently is re-read

# the checks of the configuration and registry alone; every other check of checks.CHECKS
# is run file by file, except unique_ids' duplicates across files and agreement_references
# (see assemble). A new check that looks across files must be added there too.
_META = (checks.registry_ids, checks.reserved_ids, checks.registry_references,
         checks.registry_cycles,
         checks.config_references)


# -- one file's payload -------------------------------------------------------------------


def _encode_arg(value: Any) -> Any:
    if isinstance(value, Label):
        return [value.vi, value.en]
    if value is None or type(value) in (str, int, float, bool):
        return value
    return format(value, "")  # as the message would put it (the only use of arguments)


def _decode_arg(value: Any) -> Any:
    return Label(value[0], value[1]) if type(value) is list else value


def encode_diags(diags: Sequence[Diagnostic]) -> list[list[Any]]:
    return [[d.path, d.line, d.column, d.code, {k: _encode_arg(v) for k, v in d.args.items()}]
            for d in diags]


def decode_diags(raw: Sequence[Sequence[Any]]) -> list[Diagnostic]:
    return [Diagnostic(p, line, col, code, {k: _decode_arg(v) for k, v in args.items()})
            for p, line, col, code, args in raw]


def check_one(file: Path, shown: str, data: bytes | None, meta: Loaded, today: dt.date
              ) -> dict[str, Any]:
    """What ``validate`` needs of one agreement file, as JSON: its load diagnostics
    (``l``), each per-file check's diagnostics (``c``, one list per check of
    :data:`ppcli.files.checks.CHECKS`, empty for the others), its id or the id it is known
    by when broken (``id``), whether it loaded (``ok``),
    its references to other agreements (``refs``), today and its latest record (``t``,
    ``m``). Positions for the cross-file diagnostics are looked up only when one is
    found (:func:`_position`): finding a position parses the text again."""
    agreement, ctx, written = load_agreement(file, shown, data)
    one = Loaded(meta.repo, meta.config, meta.registry, registry_missing=meta.registry_missing)
    one.add(agreement, ctx, written)
    per_check: list[list[list[Any]]] = []
    for check in checks.CHECKS:
        if check in _META or check is checks.agreement_references or agreement is None:
            per_check.append([])
        else:  # unique_ids here finds the duplicates within this file only
            per_check.append(encode_diags(list(check(one, today))))
    payload: dict[str, Any] = {"f": shown, "l": encode_diags(ctx.diags), "c": per_check,
                               "ok": agreement is not None, "t": today.isoformat(), "m": None}
    if agreement is None:
        payload["id"] = next(iter(one.broken_ids))
        return payload
    payload["id"] = agreement.id
    # [key, agreement id, index in the key's list (-1: a single document)]
    payload["refs"] = [[name, ref.agreement, k] for name, k, ref in _doc_refs(agreement)
                       if ref.agreement]
    if agreement.records:
        payload["m"] = max(r.date for r in agreement.records).isoformat()
    return payload


def _doc_refs(a: Agreement) -> Iterator[tuple[str, int, DocRef]]:
    """The documents an agreement names that may be tracked agreements: each with its key
    and its place in that key's list (-1: a key that holds one document)."""
    if a.implements is not None:
        yield "implements", -1, a.implements
    for name, refs in (("replaces", a.replaces), ("siblings", a.siblings)):
        for k, ref in enumerate(refs):
            yield name, k, ref


def holds_on(payload: Any, today: dt.date) -> bool:
    """Whether a stored payload is right for ``today`` (see the module's text)."""
    if type(payload) is not dict or type(payload.get("t")) is not str \
            or type(payload.get("l")) is not list or type(payload.get("f")) is not str \
            or type(payload.get("c")) is not list or len(payload["c"]) != len(checks.CHECKS) \
            or type(payload.get("id")) is not str or type(payload.get("ok")) is not bool \
            or (payload["ok"] and (type(payload.get("refs")) is not list
                                   or any(type(r) is not list or len(r) != 3
                                          for r in payload["refs"]))):
        return False
    made = payload["t"]
    day = today.isoformat()
    if made == day:
        return True
    latest = payload.get("m")
    return latest is None or (made >= latest and day >= latest)


# -- the files ----------------------------------------------------------------------------


def signature(st: os.stat_result) -> list[int]:
    """What says a file is unchanged without reading it (as git's index compares)."""
    return [stat.S_IFMT(st.st_mode), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns,
            st.st_ctime_ns]


def read_agreement(file: Path, now: int) -> tuple[bytes | None, list[int] | None]:
    """A file's bytes and, when a later run may trust its ``stat``, its signature; None
    bytes when it is not a readable regular file within the size limit."""
    try:
        before = os.lstat(file)
        data, st = read_with_stat(file, MAX_BYTES, follow_links=False)
    except OSError:
        return None, None
    trusted = stat.S_ISREG(before.st_mode) and (before.st_dev, before.st_ino) == (
        st.st_dev, st.st_ino) and now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS
    return data, signature(st) if trusted else None


def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_entry(file: Path, shown: str, stored_digest: str | None, meta: Loaded,
               today: dt.date, now: int) -> tuple[str, list[int] | None, dict[str, Any] | None]:
    """One file read, hashed and (unless its digest is ``stored_digest``, whose payload
    then stands: None is returned for it) checked: (digest, signature, payload). A file
    that cannot be read is checked without being cached (digest "")."""
    data, sig = read_agreement(file, now)
    if data is None:
        return "", None, _uncached(check_one(file, shown, None, meta, today))
    digest = digest_of(data)
    if digest == stored_digest:
        return digest, sig, None
    return digest, sig, check_one(file, shown, data, meta, today)


def _uncached(payload: dict[str, Any]) -> dict[str, Any]:
    payload["nocache"] = True
    return payload


# -- the repository -----------------------------------------------------------------------


def _meta_key(repo: Repo) -> list[object]:
    """Everything besides a file's bytes that its checks depend on: the registry and the
    configuration (their bytes), ppcli's and Python's versions, the cache format."""
    h = hashlib.blake2b(digest_size=20)
    for path in (repo.config_file, repo.registry_file):
        try:
            data, _ = read_with_stat(path, MAX_BYTES, follow_links=False)
        except OSError:
            data = b"\xff"  # missing or unreadable: a value no file's bytes can equal
        h.update(len(data).to_bytes(8, "little") + data)
    return [FORMAT, __version__, list(sys.version_info[:2]), h.hexdigest()]


@dataclass
class Checked:
    diagnostics: list[Diagnostic]
    files: int  # files read: the agreements, the configuration and the registry
    parsed: int  # agreement files parsed on this run (the others came from the cache)


Compute = Callable[[list[tuple[str, Path, str | None]], Loaded, dt.date],
                   list[tuple[str, str, list[int] | None, dict[str, Any] | None]]]


def compute_here(todo: list[tuple[str, Path, str | None]], meta: Loaded, today: dt.date
                 ) -> list[tuple[str, str, list[int] | None, dict[str, Any] | None]]:
    """The files to (re)check, one after the other in this process."""
    now = time.time_ns()
    return [(shown, *file_entry(file, shown, stored, meta, today, now))
            for shown, file, stored in todo]


@dataclass
class Facts:
    """Every agreement file's payload (see :func:`check_one`), in file order."""

    meta: Loaded  # the configuration and the registry
    files: list[tuple[str, Path]]  # (path as shown, path)
    payloads: list[dict[str, Any]]
    parsed: int  # files parsed on this run (the others came from the cache)


def facts(repo: Repo, today: dt.date, cache: Cache | None, compute: Compute = compute_here
          ) -> Facts:
    """Each file's payload, from the cache where the file is unchanged (its ``stat``, else
    its digest), computed (by ``compute``) for the others; the cache rewritten if needed."""
    meta = load_meta(repo)
    key = _meta_key(repo)
    old = (cache.read(repo, KIND, key) if cache is not None else None) or {}
    files = agreement_files_shown(repo)
    entries: dict[str, tuple[str, list[int] | None, Any]] = {}
    todo: list[tuple[str, Path, str | None]] = []
    for shown, file in files:
        raw = old.get(shown)
        stored = raw if (type(raw) is list and len(raw) == 3 and type(raw[0]) is str
                         and holds_on(raw[2], today)) else None
        if stored is not None and type(stored[1]) is list:
            try:
                st = os.lstat(file)
                if stat.S_ISREG(st.st_mode) and signature(st) == stored[1]:
                    entries[shown] = (stored[0], stored[1], stored[2])
                    continue
            except OSError:
                pass
        todo.append((shown, file, stored[0] if stored is not None else None))
    parsed = 0
    changed = bool(todo) or len(old) != len(files)
    for shown, digest, sig, payload in compute(todo, meta, today):
        if payload is None:  # unchanged bytes: the stored payload stands
            payload = old[shown][2]
        else:
            parsed += 1
        entries[shown] = (digest, sig, payload)
    if cache is not None and cache.folder is not None and changed:
        cache.write(repo, KIND, key, {
            shown: [digest, sig, payload] for shown, (digest, sig, payload) in entries.items()
            if digest and not payload.get("nocache")})
    return Facts(meta, files, [entries[shown][2] for shown, _ in files], parsed)


def check_repository(repo: Repo, today: dt.date, cache: Cache | None,
                     compute: Compute = compute_here) -> Checked:
    """Every diagnostic of the repository, as :func:`ppcli.files.checks.validate` gives
    them for a full load (unsorted, unfiltered), from the cache where files are unchanged."""
    found = facts(repo, today, cache, compute)
    meta, files, parsed = found.meta, found.files, found.parsed
    try:
        diagnostics = assemble(meta, found.payloads, today)
    except (TypeError, ValueError, KeyError, IndexError):  # a damaged cache entry
        payloads = [p for _, _, _, p in compute([(s, f, None) for s, f in files], meta, today)
                    if p is not None]
        diagnostics = assemble(meta, payloads, today)
        parsed = len(files)
    return Checked(diagnostics, len(files) + 2, parsed)


def load_for(repo: Repo, agreement_id: str, today: dt.date, cache: Cache | None,
             compute: Compute = compute_here) -> Loaded | None:
    """What ``show`` and ``render`` need of the repository for one agreement, parsing
    only its file and the file of the agreement that replaces it (the first in file
    order, as :func:`ppcli.engine.schedule.replaced_by` picks it): the configuration, the
    registry, those agreements in file order, and the ids of broken files. The other
    files are known from the cache (``validate``'s facts). None when no loaded file has
    that id (the caller then loads everything, for its did-you-mean message)."""
    found = facts(repo, today, cache, compute)
    try:
        chosen = next((i for i, p in enumerate(found.payloads)
                       if p["ok"] and p["id"] == agreement_id), None)
        if chosen is None:
            return None
        wanted = {chosen}
        successor = next((i for i, p in enumerate(found.payloads)
                          if p["ok"] and any(r[0] == "replaces" and r[1] == agreement_id
                                             for r in p["refs"])), None)
        if successor is not None:
            wanted.add(successor)
        # the agreements it replaces, and the first agreement replacing each (show says
        # where the boundary periods went on both sides)
        replaced = {r[1] for r in found.payloads[chosen]["refs"] if r[0] == "replaces"}
        for old in replaced:
            wanted |= {i for i, p in enumerate(found.payloads) if p["ok"] and p["id"] == old}
            first = next((i for i, p in enumerate(found.payloads)
                          if p["ok"] and any(r[0] == "replaces" and r[1] == old
                                             for r in p["refs"])), None)
            if first is not None:
                wanted.add(first)
        broken = {p["id"] for p in found.payloads if not p["ok"]}
    except (TypeError, KeyError):  # a damaged cache entry
        return None
    meta = found.meta
    loaded = Loaded(repo, meta.config, meta.registry, diags=list(meta.diags),
                    files=len(found.files) + 2, registry_missing=meta.registry_missing)
    for index in sorted(wanted):
        shown, file = found.files[index]
        loaded.add(*load_agreement(file, shown))
    loaded.broken_ids |= broken
    if not any(a.id == agreement_id for a in loaded.agreements):  # changed meanwhile
        return None
    return loaded


def _position(repo: Repo, shown: str, *path: str | int) -> tuple[int, int]:
    """Where ``path`` is written in a file (the rare cross-file diagnostic): the file
    parsed again, as a cold run's diagnostic would find it."""
    agreement, _, _ = load_agreement(repo.root / shown, shown)
    if agreement is None:  # changed meanwhile: the top of the file
        return 1, 1
    line, col = agreement.where.at(*path)
    return line, col


def assemble(meta: Loaded, payloads: Sequence[dict[str, Any]], today: dt.date
             ) -> list[Diagnostic]:
    """The diagnostics in a cold run's order: the configuration's and registry's load
    diagnostics, each file's, then check by check."""
    out = list(meta.diags)
    for p in payloads:
        out.extend(decode_diags(p["l"]))
    for index, check in enumerate(checks.CHECKS):
        if check in _META:
            out.extend(check(meta, today))
        elif check is checks.unique_ids:
            out.extend(_unique_ids(meta.repo, payloads, index))
        elif check is checks.agreement_references:
            out.extend(_references(meta.repo, payloads))
        elif check is checks.defunct_parties:
            out.extend(_defunct(meta, payloads, index, today))
        else:
            for p in payloads:
                out.extend(decode_diags(p["c"][index]))
    return out


def _unique_ids(repo: Repo, payloads: Sequence[dict[str, Any]], index: int
                ) -> Iterator[Diagnostic]:
    first: dict[str, str] = {}
    for p in payloads:
        if not p["ok"]:
            continue
        shown = _shown_of(p)
        if p["id"] in first:
            other = first[p["id"]]
            line, col = _position(repo, shown, "id")
            other_line, _ = _position(repo, other, "id")
            yield diag(shown, line, col, "PP054", value=p["id"], first=f"{other}:{other_line}")
        else:
            first[p["id"]] = shown
        yield from decode_diags(p["c"][index])


def _defunct(meta: Loaded, payloads: Sequence[dict[str, Any]], index: int, today: dt.date
             ) -> Iterator[Diagnostic]:
    """PP070 looks across files: an agreement replaced by another (the first in file
    order that names it) owes no period from the replacement's start. Its stored result
    was computed alone, so an agreement that has a replacement is checked again with it:
    both files parsed (replacements are few)."""
    replacement: dict[str, str] = {}
    for p in payloads:
        if p["ok"]:
            for name, value, _ in p["refs"]:
                if name == "replaces":
                    replacement.setdefault(value, p["f"])
    for p in payloads:
        successor = replacement.get(p["id"]) if p["ok"] else None
        if successor is None:
            yield from decode_diags(p["c"][index])
            continue
        both = Loaded(meta.repo, meta.config, meta.registry,
                      registry_missing=meta.registry_missing)
        for shown in sorted({p["f"], successor}, key=_order(payloads)):
            both.add(*load_agreement(meta.repo.root / shown, shown))
        yield from (d for d in checks.defunct_parties(both, today) if d.path == p["f"])


def _order(payloads: Sequence[dict[str, Any]]) -> Callable[[str], int]:
    place = {p["f"]: i for i, p in enumerate(payloads)}
    return place.__getitem__


def _references(repo: Repo, payloads: Sequence[dict[str, Any]]) -> Iterator[Diagnostic]:
    known = {p["id"] for p in payloads}
    for p in payloads:
        if not p["ok"]:
            continue
        for name, value, k in p["refs"]:
            if value not in known:
                line, col = _position(repo, _shown_of(p), *((name, "agreement") if k < 0
                                                            else (name, k, "agreement")))
                yield diag(_shown_of(p), line, col, "PP056", key=f"{name}.agreement",
                           value=value)


def _shown_of(p: dict[str, Any]) -> str:
    shown: str = p["f"]
    return shown
