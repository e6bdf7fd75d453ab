"""The schedule cache: used when files are unchanged, never stale when they change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import AGREEMENT, ROOT, cache_doc, run, write_cache_doc, write_repo

from ppcli.engine import schedule_cache as schedule_cache_module
from ppcli.engine.schedule_cache import load_schedules
from ppcli.engine.workdays import build_calendar
from ppcli.files.model import Deadline
from ppcli.files.repository import find_repo, load_meta
from ppcli.files.store import cache_dir, dump_lines, open_cache

TODAY = dt.date(2024, 1, 5)
HORIZON = TODAY + dt.timedelta(days=30)


def schedules(repo: Path, folder: Path) -> tuple[int, list[str]]:
    r = find_repo(repo)
    config = load_meta(r).config
    result = load_schedules(r, config, HORIZON, lambda: build_calendar(range(2020, 2030)),
                            open_cache({"PPCLI_CACHE_DIR": str(folder)}))
    ids = sorted(f"{s.id}:{len(s.obligations)}" for s in result.schedules)
    return result.parsed, ids


def test_second_run_parses_nothing_and_a_change_is_seen(tmp_path: Path, private_cache: Path
                                                        ) -> None:
    other = AGREEMENT.replace("id: ct-2022", "id: ct-2023")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "ct-2023.yaml": other})
    assert schedules(repo, private_cache) == (2, ["ct-2022:2", "ct-2023:2"])
    assert schedules(repo, private_cache) == (0, ["ct-2022:2", "ct-2023:2"])
    # record a report by editing one file: only that file is parsed again
    path = repo / "agreements/ct-2023.yaml"
    path.write_text(other + "  - report: bao-cao-nam\n    period: 2023\n    date: 2023-12-01\n",
                    encoding="utf-8")
    assert schedules(repo, private_cache) == (1, ["ct-2022:2", "ct-2023:1"])
    path.unlink()
    assert schedules(repo, private_cache) == (0, ["ct-2022:2"])


def test_cli_output_is_the_same_with_and_without_cache(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    args = ["due", "--format", "json", "--today", "2024-01-05"]
    first = run(args, repo).stdout
    assert run(args, repo).stdout == first
    assert run(args, repo, env={"PPCLI_NO_CACHE": "1"}).stdout == first
    (repo / "agreements/ct-2022.yaml").write_text(
        AGREEMENT.replace("deadline: {day: 15, month: 12}", "deadline: {day: 20, month: 12}"),
        encoding="utf-8")
    assert '"due": "2023-12-20"' in run(args, repo).stdout


def test_configuration_change_invalidates(tmp_path: Path, private_cache: Path) -> None:
    text = AGREEMENT.replace("    deadline: {day: 15, month: 12}\n", "")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    assert schedules(repo, private_cache)[0] == 1
    (repo / "agreements/ppcli.yaml").write_text("default_deadline: {day: 10}\n",
                                                encoding="utf-8")
    assert schedules(repo, private_cache)[0] == 1
    data = run(["due", "--format", "json", "--today", "2024-01-05"], repo).json()
    assert data[0]["due"] == "2023-12-11"  # 10/12/2023 is a Sunday


def test_damaged_cache_is_ignored(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r")
    schedules(repo, private_cache)
    for file in private_cache.iterdir():
        file.write_bytes(b"not JSON")
    assert schedules(repo, private_cache) == (1, ["ct-2022:2"])


def test_cache_folder_from_the_environment() -> None:
    assert cache_dir({"PPCLI_NO_CACHE": "1", "PPCLI_CACHE_DIR": "/x"}) is None
    assert cache_dir({"PPCLI_CACHE_DIR": "/x"}) == Path("/x")
    assert cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/ppcli")


def test_the_holiday_calendar_release_is_part_of_the_key() -> None:
    from ppcli.engine.schedule_cache import _context_key
    from ppcli.files.model import Config

    key = _context_key(Config())
    assert any(isinstance(part, str) and part.startswith("holidays-") for part in key)


# -- the JSON cache gives back exactly what a cold run computes --------------------------

RICH = """\
id: ct-rich
kind: chuong-trinh
title: Chương trình phối hợp đủ kiểu "hạn" và kỳ
signed: 2023-01-10
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
  - org: ubnd-ca-mau
period:
  start: 2023-01-10
  end: 2026-12-31
replaces:
  agreement: ct-2022
duties:
  - id: thang
    title: Báo cáo tháng
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: ubnd-ca-mau
    frequency: hang-thang
    deadline: {working_days_after: 5}
    first: 2023-02
    last: 2025-11
    note: Gửi qua hệ thống
  - id: quy
    from: tinh-doan-ca-mau
    to: [ubnd-ca-mau, so-noi-vu-ca-mau]
    frequency: hang-quy
    deadline: {days_after: 10}
  - id: nua-nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: nua-nam
  - id: mot-lan
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2024-02-10}
  - id: nam
    from: so-cu
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
  - id: ngay
    from: tinh-doan-ca-mau
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {day: 31}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2024-06-15
    host: [so-noi-vu-ca-mau]
    title: Sơ kết giữa kỳ
    note: Tại hội trường
  - id: tong-ket
    kind: tong-ket
    planned: 2026-12
    host: [tinh-doan-ca-mau]
  - id: nam-2024
    kind: danh-gia-nam
    planned: 2024
    host: [tinh-doan-ca-mau]
records:
  - report: thang
    period: 2023-12
    date: 2024-01-05
    by: so-noi-vu-ca-mau
    number: 1/BC
  - report: quy
    period: 2023-Q4
    date: 2024-01-08
    note: gửi muộn
  - conference: so-ket
    date: 2024-06-14
"""

RICH_CONFIG = """\
place: Cà Mau
issuer: so-noi-vu-ca-mau
default_deadline: {day: 20}
days_off:
  - date: 2024-02-12
    name: Nghỉ Tết
working_days:
  - date: 2024-02-17
    name: Làm bù
"""


def _rich_repo(root: Path) -> Path:
    return write_repo(root, {"ct-2022.yaml": AGREEMENT, "rich/ct-rich.yaml": RICH,
                             "hong.yaml": "id: [không, hợp lệ\n"}, config=RICH_CONFIG)


def _load(repo: Path, folder: Path | None, horizon: dt.date = HORIZON) -> Any:
    r = find_repo(repo)
    config = load_meta(r).config
    cache = open_cache({"PPCLI_CACHE_DIR": str(folder)} if folder else {"PPCLI_NO_CACHE": "1"})
    return load_schedules(r, config, horizon,
                          lambda: build_calendar(range(2020, 2032), config.days_off,
                                                 config.working_days), cache)


def test_warm_schedules_equal_cold_ones(tmp_path: Path, private_cache: Path) -> None:
    repo = _rich_repo(tmp_path / "r")
    cold = _load(repo, None)
    assert cold.broken == ["agreements/hong.yaml"]
    first = _load(repo, private_cache)
    warm = _load(repo, private_cache)
    assert (first.parsed, warm.parsed) == (3, 0)
    assert warm.schedules == cold.schedules == first.schedules
    assert warm.broken == cold.broken
    rich = next(s for s in warm.schedules if s.id == "ct-rich")
    assert {ob.rule.deadline for ob in rich.obligations} >= {
        Deadline(working_days_after=5), Deadline(days_after=10), Deadline(day=20),
        Deadline(date=dt.date(2024, 2, 10)), Deadline(day=31)}
    assert any(ob.records and ob.owing for ob in rich.obligations)  # one of two has sent
    assert any(ob.moved_because for ob in rich.obligations)
    assert [c.held is not None for c in rich.conferences] == [True, False, False]


def test_warm_objects_are_shared_as_cold_ones(tmp_path: Path, private_cache: Path) -> None:
    repo = _rich_repo(tmp_path / "r")
    _load(repo, private_cache)
    warm = _load(repo, private_cache)
    obligations = [ob for s in warm.schedules for ob in s.obligations]
    assert len({id(ob.period) for ob in obligations if ob.period}) == len(
        {ob.period for ob in obligations if ob.period})
    assert len({id(ob.rule) for ob in obligations}) == len({ob.rule for ob in obligations})
    assert all(ob.owing is ob.duty.reporters for ob in obligations if not ob.records)


@pytest.mark.parametrize("today", ["2024-01-05", "2024-06-20", "2025-12-30"])
def test_warm_due_json_is_the_cold_one(tmp_path: Path, today: str) -> None:
    repo = _rich_repo(tmp_path / "r")
    args = ["due", "--format", "json", "--today", today, "--within", "90"]
    cold = run(args, repo, env={"PPCLI_NO_CACHE": "1"})
    assert run(args, repo).stdout == cold.stdout  # fills the cache
    warm = run(args, repo)
    assert warm.stdout == cold.stdout
    assert warm.stderr == cold.stderr
    assert len(cold.json()) > 5


def test_warm_due_on_the_bundled_agreements(tmp_path: Path) -> None:
    repo = tmp_path / "seeds"
    shutil.copytree(ROOT / "agreements", repo / "agreements")
    for today in ("2024-03-01", "2026-11-22"):
        args = ["due", "--format", "json", "--today", today]
        cold = run(args, repo, env={"PPCLI_NO_CACHE": "1"}).stdout
        run(args, repo)
        assert run(args, repo).stdout == cold


def test_warm_due_on_a_generated_corpus(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench/generate.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # docs/generate.py is the tests' "generate"
    bench.generate(tmp_path / "g", 150, seed=7)
    args = ["due", "--format", "json", "--today", "2026-11-22"]
    cold = run(args, tmp_path / "g", env={"PPCLI_NO_CACHE": "1"}).stdout
    run(args, tmp_path / "g")
    assert run(args, tmp_path / "g").stdout == cold
    assert len(json.loads(cold)) > 100


# -- unchanged files are known by their stat, changed ones are always read -----------------


@pytest.fixture
def trust_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test a moment ago count as old enough to trust their stat."""
    monkeypatch.setattr(schedule_cache_module, "RACY_NS", -1)


def test_unchanged_files_are_not_read_again(tmp_path: Path, private_cache: Path,
                                            trust_stat: None) -> None:
    repo = _rich_repo(tmp_path / "r")
    first = _load(repo, private_cache)
    assert (first.read, first.parsed) == (3, 3)
    again = _load(repo, private_cache)
    assert (again.read, again.parsed) == (0, 0)
    assert again.schedules == first.schedules


def test_a_change_that_keeps_size_and_mtime_is_seen(tmp_path: Path, private_cache: Path,
                                                    trust_stat: None) -> None:
    repo = _rich_repo(tmp_path / "r")
    path = repo / "agreements/ct-2022.yaml"
    _load(repo, private_cache)
    before = path.stat()
    with path.open("r+b") as handle:  # same inode, same size
        handle.write(path.read_bytes().replace(b"day: 15, month: 12", b"day: 16, month: 12"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size,
                                                               before.st_mtime_ns)
    result = _load(repo, private_cache)
    assert (result.read, result.parsed) == (1, 1)  # the change time gave it away
    schedule = next(s for s in result.schedules if s.id == "ct-2022")
    assert schedule.obligations[0].nominal_due == dt.date(2023, 12, 16)


def test_a_file_replaced_by_another_inode_is_read_and_its_digest_compared(
        tmp_path: Path, private_cache: Path, trust_stat: None) -> None:
    repo = _rich_repo(tmp_path / "r")
    path = repo / "agreements/ct-2022.yaml"
    _load(repo, private_cache)
    copy = path.with_name("copy.tmp")
    shutil.copy2(path, copy)
    os.replace(copy, path)
    result = _load(repo, private_cache)
    assert (result.read, result.parsed) == (1, 0)  # same bytes: the entry is kept
    assert (_load(repo, private_cache).read) == 0


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_a_file_swapped_for_a_link_is_always_read(tmp_path: Path, private_cache: Path,
                                                  trust_stat: None) -> None:
    repo = _rich_repo(tmp_path / "r")
    path = repo / "agreements/ct-2022.yaml"
    _load(repo, private_cache)
    target = tmp_path / "ct-2022.yaml"
    shutil.copy2(path, target)
    path.unlink()
    path.symlink_to(target)
    for _ in range(2):
        result = _load(repo, private_cache)
        assert (result.read, result.parsed) == (1, 0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_swapped_in_is_not_waited_for(tmp_path: Path, private_cache: Path,
                                             trust_stat: None) -> None:
    repo = _rich_repo(tmp_path / "r")
    path = repo / "agreements/ct-2022.yaml"
    _load(repo, private_cache)
    path.unlink()
    os.mkfifo(path)
    result = _load(repo, private_cache)
    assert result.broken == ["agreements/ct-2022.yaml", "agreements/hong.yaml"]
    assert sorted(s.id for s in result.schedules) == ["ct-rich"]


def test_files_changed_just_now_are_read_on_the_next_run(tmp_path: Path,
                                                         private_cache: Path) -> None:
    """git's racy-clean rule: a file changed within two seconds of a run may change again
    within the same clock tick, so its stat is not trusted the next time."""
    repo = _rich_repo(tmp_path / "r")
    _load(repo, private_cache)
    result = _load(repo, private_cache)
    assert (result.read, result.parsed) == (3, 0)


# -- anything unexpected in the file is a miss, never an exception -------------------------


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    return [path]


def _wrong(value: Any) -> list[Any]:
    """Values of another JSON type than ``value``'s."""
    return [v for v in ("x", 7, 2.5, True, [], {"a": 1}) if type(v) is not type(value)]


def test_every_malformed_value_is_a_miss(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r", {"rich.yaml": RICH}, config=RICH_CONFIG)
    cold = _load(repo, None)
    _load(repo, private_cache)
    path = next(private_cache.iterdir())
    good = cache_doc(path)
    r = find_repo(repo)
    config = load_meta(r).config
    calendar = build_calendar(range(2020, 2032), config.days_off, config.working_days)
    cache = open_cache({"PPCLI_CACHE_DIR": str(private_cache)})
    tried = 0
    for where in _leaves(good["entries"]):
        if not where or _get(good["entries"], where) is None:
            continue  # a null may stand for a valid value of any type: not tried
        candidates = _wrong(_get(good["entries"], where))
        for wrong in (candidates[tried % 5], candidates[(tried + 2) % 5]):  # 2 of 5, in turn
            doc = json.loads(json.dumps(good))
            _set(doc["entries"], where, wrong)
            write_cache_doc(path, doc)
            result = load_schedules(r, config, HORIZON, lambda: calendar, cache)
            assert result.schedules == cold.schedules, (where, wrong)
            assert result.parsed == 1, (where, wrong)
            tried += 1
    assert tried > 600
    for damaged in (b"", b"[]", b"{}", b'{"format": 3}', b"\xff\xfe", b"[" * 100_000,
                    json.dumps({**good, "key": []}).encode(),
                    json.dumps(good).encode(),  # the whole-document layout of format 3
                    dump_lines("schedules", [], good["entries"].items()),
                    dump_lines("history", good["key"], good["entries"].items()),
                    dump_lines("schedules", good["key"], good["entries"].items()
                               ).replace(b"\t", b" ")):
        path.write_bytes(damaged)
        assert _load(repo, private_cache).parsed == 1


def _get(value: Any, where: tuple[Any, ...]) -> Any:
    for part in where:
        value = value[part]
    return value


def _set(value: Any, where: tuple[Any, ...], new: Any) -> None:
    _get(value, where[:-1])[where[-1]] = new


def test_out_of_range_values_are_a_miss(tmp_path: Path, private_cache: Path) -> None:
    repo = write_repo(tmp_path / "r", {"rich.yaml": RICH}, config=RICH_CONFIG)
    cold = _load(repo, None)
    _load(repo, private_cache)
    path = next(private_cache.iterdir())
    good = cache_doc(path)
    raw = good["entries"]["agreements/rich.yaml"][3]
    first_ob = raw[8][0]
    for where, bad in [((8, 0, 0), 99), ((8, 0, 0), -1), ((8, 0, 7), 50),  # table indexes
                       ((8, 0, 1), 20241301), ((8, 0, 1), 20240702),  # no such period
                       ((8, 0, 2), 20240230), ((8, 0, 2), 99991231),  # no such date
                       ((6, 0, 3), "hang-tuan"), ((7, 0, 1), "elsewhere"),
                       ((9, 0, 1), "hop-mat"), ((9, 0, 3), 13),
                       ((6, 0, 5), [40, None, None, None, None, None])]:
        doc = json.loads(json.dumps(good))
        _set(doc["entries"]["agreements/rich.yaml"][3], where, bad)
        write_cache_doc(path, doc)
        result = _load(repo, private_cache)
        assert (result.parsed, result.schedules) == (1, cold.schedules), (where, bad)
    assert first_ob[0] == 0


def test_the_decoded_classes_are_plain_frozen_dataclasses() -> None:
    """The decoder makes these without ``__init__`` (as pickle does): that is only
    right while they have no ``__post_init__`` (slots or not: the decoder sets each field)."""
    from ppcli.engine.schedule import ConferenceState, Obligation, Schedule
    from ppcli.files.model import Conference, Duty

    for cls in (Obligation, Duty, Conference, ConferenceState, Schedule):
        assert dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert not hasattr(cls, "__post_init__")


def test_the_line_file_keeps_any_name_and_decodes_one_entry_at_a_time() -> None:
    """Names with a tab, a newline, quotes, a backslash or Vietnamese letters come back as
    written; an entry that is not JSON is a miss of that entry only; a file whose header
    is not the one asked for, or a line without its tab, is not used at all."""
    from ppcli.files.store import parse_lines

    names = ["agreements/a.yaml", "agreements/tab\there.yaml", "agreements/new\nline.yaml",
             'agreements/"quoted".yaml', "agreements/back\\slash.yaml",
             "agreements/Cà Mau/quy-chế.yaml", "\ud800lone.yaml"]
    data = dump_lines("schedules", [1, "k"], [(n, [i, {"x": n}]) for i, n in enumerate(names)])
    lines = parse_lines(data, "schedules", [1, "k"])
    assert lines is not None and lines.names() == names and len(lines) == len(names)
    assert lines.pop(names[2]) == [2, {"x": names[2]}]
    assert lines.pop(names[2]) is None and len(lines) == len(names) - 1
    assert [lines.pop(n) for n in names[3:]] == [[i, {"x": n}] for i, n in
                                                 enumerate(names) if i >= 3]
    assert parse_lines(data, "schedules", [1, "other"]) is None
    assert parse_lines(data, "history", [1, "k"]) is None
    assert parse_lines(data.replace(b"\t", b" ", 1), "schedules", [1, "k"]) is None
    broken = parse_lines(data.replace(b'[0,{"x"', b'[0,{"x" oops', 1), "schedules", [1, "k"])
    assert broken is not None
    assert broken.pop(names[0]) is None and broken.pop(names[1]) == [1, {"x": names[1]}]
