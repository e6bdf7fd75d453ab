"""``due``'s cold work on every core: the files the schedule cache could not use, read,
hashed, parsed and scheduled in a pool of processes (see :mod:`ppcli.files.pool` for when,
and for the start methods). Each worker gets the configuration and the working-day
calendar once, and sends back each file's cache entry: its digest, signature, whether it
has errors, and its schedule in the cache's shape (:mod:`ppcli.engine.schedule_codec`),
which the caller decodes as it would a cache entry; with the entry's JSON text too when
the cache will be written (the caller then stores it as it is, without encoding it
again). Pickled between ppcli's own processes only, never to disk: the cache stays JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ppcli.engine.schedule_cache import make_here
from ppcli.engine.schedule_codec import encode_schedule
from ppcli.engine.workdays import WorkCalendar
from ppcli.files.model import Config
from ppcli.files.pool import slices_in_pool
from ppcli.files.store import Encoded, encode_value

# (digest, signature, has errors, encoded schedule or None, the entry's JSON or None)
Entry = tuple[str, "list[int] | None", bool, Any, "Encoded | None"]

_setup: tuple[Config, WorkCalendar, dt.date, int, bool] | None = None


def _init(config: Config, calendar: WorkCalendar, until: dt.date, now: int,
          writing: bool) -> None:
    global _setup
    _setup = (config, calendar, until, now, writing)


class _Plain(pickle.Pickler):
    """Pickles the model's enums (str and int subclasses) as the plain str and int that
    JSON would give: the decoder reads exactly what it reads from the cache file."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, str):
            return str, (str.__str__(obj),)
        if isinstance(obj, int) and not isinstance(obj, bool):
            return int, (int.__index__(obj),)
        return NotImplemented


def plain_pickle(value: object) -> bytes:
    buffer = io.BytesIO()
    _Plain(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _work(files: Sequence[tuple[str, Path]]) -> bytes:
    assert _setup is not None
    config, calendar, until, now, writing = _setup
    out: list[Entry] = []
    for digest, signature, has_errors, schedule in make_here(
            [(shown, file, None, "", None) for shown, file in files], config,
            lambda: calendar, until, now):
        raw = encode_schedule(schedule) if schedule is not None else None
        text = encode_value([digest, signature, has_errors, raw]) if writing and digest \
            else None
        out.append((digest, signature, has_errors, raw, text))
    # one bytes object per slice: lists of small values pickle (and unpickle) several
    # times faster than the same values as JSON text
    return plain_pickle(out)


def schedule_in_pool(files: Sequence[tuple[str, Path]], config: Config,
                     calendar: WorkCalendar, until: dt.date, now: int, jobs: int,
                     writing: bool, start_method: str | None = None) -> Iterator[Entry]:
    """Each file's entry (see :data:`Entry`; the JSON only when ``writing``), in order,
    from ``jobs`` processes, as their slices come back."""
    for blob in slices_in_pool(_work, files, min(jobs, len(files)), _init,
                               (config, calendar, until, now, writing), start_method):
        entries: list[Entry] = pickle.loads(blob)
        yield from entries
