"""Both cores (or all) for cold work: files parsed and checked in a pool of processes.

Used only when there are many files to parse (:data:`POOL_MIN`) and more than one job is
asked for: a small repository, a warm run (few files changed) and ``--jobs 1`` stay in
one process, as before. Each worker loads the configuration and the registry once, then
reads, parses and checks its share of the files and sends back plain values (digests,
JSON-shaped payloads): pickled between ppcli's own processes only, never to disk.

Works with every start method: ``fork`` (Linux's default), ``spawn`` (Windows, macOS),
``forkserver``; the workers find everything they need by importing this module.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from ppcli.files.incremental import Compute, compute_here
from ppcli.files.repository import Loaded, Repo, agreement_files, load, load_agreement, load_meta

POOL_MIN = 300  # fewer files than this to parse: one process (starting workers costs more)

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, len(affinity(0)))
        except OSError:  # pragma: no cover
            pass
    return os.cpu_count() or 1


SLICES_PER_JOB = 48  # small slices: the results stream back while the others work,
MIN_SLICE = 16  # and the last slices leave no core idle for long


def chunks(items: Sequence[T], jobs: int) -> list[Sequence[T]]:
    """``items`` in about :data:`SLICES_PER_JOB` slices per job (of :data:`MIN_SLICE`
    items at least), in order: a slow slice cannot hold the others up for long, the
    caller turns each slice's results into their final form while the workers go on
    with the next ones, and the run ends with little work on one core only."""
    count = max(1, min(len(items) // MIN_SLICE, jobs * SLICES_PER_JOB))
    size = -(-len(items) // count)
    return [items[i:i + size] for i in range(0, len(items), size)]


def slices_in_pool(work: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int,
                   init: Callable[..., None], init_args: tuple[Any, ...],
                   start_method: str | None = None) -> Iterator[R]:
    """``work`` over slices of ``items`` (:func:`chunks`) in ``jobs`` processes (each set
    up by ``init``), each slice's result yielded in the order of ``items`` as it comes
    back. ``work`` and ``init`` must be module-level functions (a spawned worker imports
    them by name)."""
    context = multiprocessing.get_context(start_method)
    if sys.platform == "win32":
        jobs = min(jobs, 61)  # the most ProcessPoolExecutor can wait on there
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=init,
                             initargs=init_args) as executor:
        yield from executor.map(work, chunks(items, jobs))


def each_in_pool(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int,
                 init: Callable[..., None], init_args: tuple[Any, ...],
                 start_method: str | None = None) -> Iterator[R]:
    """:func:`slices_in_pool` with a list per slice: the results one by one, in the order
    of ``items`` (the caller can turn each into its final form before the next: less
    held at once)."""
    for part in slices_in_pool(work, items, jobs, init, init_args, start_method):
        yield from part


def run_in_pool(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int,
                init: Callable[..., None], init_args: tuple[Any, ...],
                start_method: str | None = None) -> list[R]:
    """:func:`each_in_pool`'s results as one list."""
    return list(each_in_pool(work, items, jobs, init, init_args, start_method))


# -- validate's per-file checks ------------------------------------------------------------

_meta: Loaded | None = None
_today: dt.date | None = None


def _init_checks(repo: Repo, today: dt.date) -> None:
    global _meta, _today
    _meta, _today = load_meta(repo), today


def _check_files(todo: Sequence[tuple[str, Path, str | None]]
                 ) -> list[tuple[str, str, list[int] | None, dict[str, Any] | None]]:
    assert _meta is not None and _today is not None
    return compute_here(list(todo), _meta, _today)


def check_compute(jobs: int, start_method: str | None = None) -> Compute:
    """How :func:`ppcli.files.incremental.check_repository` checks the files it must:
    in ``jobs`` processes when there are at least :data:`POOL_MIN`, else here."""
    def compute(todo: list[tuple[str, Path, str | None]], meta: Loaded, today: dt.date
                ) -> list[tuple[str, str, list[int] | None, dict[str, Any] | None]]:
        if jobs <= 1 or len(todo) < POOL_MIN:
            return compute_here(todo, meta, today)
        return run_in_pool(_check_files, todo, min(jobs, len(todo)), _init_checks,
                           (meta.repo, today), start_method)
    return compute


# -- a whole load (list, ics) ----------------------------------------------------------------


def _no_setup() -> None:
    return None


def _load_files(files: Sequence[tuple[Path, str]]) -> list[tuple[Any, Any, Any]]:
    return [load_agreement(file, shown) for file, shown in files]


def load_all(repo: Repo, jobs: int, start_method: str | None = None) -> Loaded:
    """:func:`ppcli.files.repository.load`, the agreement files parsed in ``jobs``
    processes when there are at least :data:`POOL_MIN` (the agreements come back
    pickled: unpickling costs about a seventh of parsing)."""
    files = agreement_files(repo)
    if jobs <= 1 or len(files) < POOL_MIN:
        return load(repo)
    loaded = load_meta(repo)
    loaded.files = len(files) + 2
    for agreement, ctx, written in run_in_pool(
            _load_files, [(file, repo.shown(file)) for file in files],
            min(jobs, len(files)), _no_setup, (), start_method):
        loaded.add(agreement, ctx, written)
    return loaded
