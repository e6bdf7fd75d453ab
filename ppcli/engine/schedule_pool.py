"""``due``'s cold work on every core: the files the schedule cache could not use, parsed
and scheduled in a pool of processes (see :mod:`ppcli.files.pool` for when, and for the
start methods). Each worker gets the configuration and the working-day calendar once,
and sends back each schedule in the cache's JSON shape (:mod:`ppcli.engine.schedule_codec`),
which the caller decodes as it would a cache entry; pickled between ppcli's own
processes only, never to disk."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from ppcli.engine.schedule_cache import schedule_here
from ppcli.engine.schedule_codec import encode_schedule
from ppcli.engine.workdays import WorkCalendar
from ppcli.files.model import Config
from ppcli.files.pool import each_in_pool

_setup: tuple[Config, WorkCalendar, dt.date] | None = None


def _init(config: Config, calendar: WorkCalendar, until: dt.date) -> None:
    global _setup
    _setup = (config, calendar, until)


def _work(files: Sequence[tuple[str, Path, bytes | None]]) -> list[tuple[bool, str | None]]:
    assert _setup is not None
    config, calendar, until = _setup
    made = schedule_here(files, config, lambda: calendar, until)
    # as JSON text: the values the decoder reads from the cache (plain str, not enums),
    # and one string to pickle instead of many small lists
    return [(has_errors, json.dumps(encode_schedule(s), ensure_ascii=False)
             if s is not None else None) for has_errors, s in made]


def schedule_in_pool(files: Sequence[tuple[str, Path, bytes | None]], config: Config,
                     calendar: WorkCalendar, until: dt.date, jobs: int,
                     start_method: str | None = None) -> Iterator[tuple[bool, object]]:
    """(has errors, encoded schedule or None) of each file, in order, from ``jobs``
    processes, as they come back."""
    for has_errors, raw in each_in_pool(_work, files, min(jobs, len(files)), _init,
                                        (config, calendar, until), start_method):
        yield has_errors, json.loads(raw) if raw is not None else None
