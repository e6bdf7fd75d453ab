"""Incremental validate (the per-file cache) and the process pool give exactly what a cold,
one-process, full load gives, on a repository with errors in several files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, cache_doc, run

from ppcli import commands
from ppcli.diagnostics import format_json, format_text
from ppcli.files import pool
from ppcli.files.checks import validate as validate_loaded
from ppcli.files.incremental import check_repository
from ppcli.files.repository import find_repo, load
from ppcli.files.store import open_cache

BAD = Path(__file__).parent / "bad"
TODAY = dt.date(2026, 11, 22)

# an agreement written twice (PP054 across files), references to an agreement that does not
# exist and to one whose file is broken (PP056, and not), a record in the future (PP061)
TWIN = """\
id: twin
kind: quy-che
title: Bản sao
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2022-01-01, end: 2026-12-31}
replaces: {agreement: khong-co-2020}
implements: {agreement: binary}
duties:
  - id: bao-cao-nam
    title: Báo cáo năm
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: hang-nam
records:
  - report: bao-cao-nam
    period: 2026
    date: 2026-12-01
"""


def corpus(root: Path) -> Path:
    """The bundled agreements, every file of tests/bad, and the cross-file cases."""
    shutil.copytree(ROOT / "agreements", root / "agreements")
    for bad in sorted(BAD.glob("*.yaml")):
        (root / "agreements" / "bad" / bad.name).parent.mkdir(exist_ok=True)
        (root / "agreements" / "bad" / bad.name).write_bytes(bad.read_bytes())
    (root / "agreements" / "bad" / "twin.yaml").write_text(TWIN, encoding="utf-8")
    (root / "agreements" / "ca-mau" / "twin.yaml").write_text(TWIN, encoding="utf-8")
    return root


def reference(root: Path, today: dt.date) -> str:
    """The cold, one-process, full-load output (text in both languages, and JSON)."""
    diags = validate_loaded(load(find_repo(root, root)), today)
    return "\n".join([*(format_text(d, "vi") for d in diags),
                      *(format_text(d, "en") for d in diags), format_json(diags, "en")])


def incremental(root: Path, today: dt.date, cache_dir: Path | None, jobs: int = 1,
                start_method: str | None = None) -> tuple[str, int]:
    cache = open_cache({"PPCLI_CACHE_DIR": str(cache_dir)} if cache_dir
                       else {"PPCLI_NO_CACHE": "1"})
    compute = pool.check_compute(jobs, start_method)
    checked = check_repository(find_repo(root, root), today, cache, compute)
    diags = sorted(checked.diagnostics, key=lambda d: d.sort_key())
    text = "\n".join([*(format_text(d, "vi") for d in diags),
                      *(format_text(d, "en") for d in diags), format_json(diags, "en")])
    return text, checked.parsed


def test_cache_gives_the_cold_output_and_parses_only_what_changed(tmp_path: Path) -> None:
    root = corpus(tmp_path / "repo")
    files = len(list((root / "agreements").rglob("*.y*ml"))) - 2
    cold = reference(root, TODAY)
    assert "[PP054]" in cold and "[PP056]" in cold and "[PP061]" in cold
    pp056 = [line for line in cold.splitlines() if "twin.yaml" in line and "[PP056]" in line]
    assert len(pp056) == 4 and all("khong-co-2020" in line for line in pp056)  # 2 files,
    # vi and en; "binary" (its file is broken) is a known agreement
    cache = tmp_path / "cache"
    assert incremental(root, TODAY, None) == (cold, files)
    assert incremental(root, TODAY, cache) == (cold, files)
    assert incremental(root, TODAY, cache) == (cold, 0)  # warm: nothing parsed

    # one file changed: that file alone is parsed, cross-file results follow
    twin = root / "agreements" / "ca-mau" / "twin.yaml"
    twin.write_text(TWIN.replace("id: twin", "id: khong-co-2020"), encoding="utf-8")
    changed = reference(root, TODAY)
    assert changed != cold
    assert incremental(root, TODAY, cache) == (changed, 1)
    assert incremental(root, TODAY, cache) == (changed, 0)

    # another day: files whose records lie after the day checked are checked again
    later = dt.date(2027, 1, 5)
    assert incremental(root, later, cache)[0] == reference(root, later)


@pytest.mark.parametrize("start_method", ["spawn", None])
def test_pool_gives_the_cold_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    start_method: str | None) -> None:
    monkeypatch.setattr(pool, "POOL_MIN", 2)  # the corpus is small: pool it anyway
    root = corpus(tmp_path / "repo")
    files = len(list((root / "agreements").rglob("*.y*ml"))) - 2
    assert incremental(root, TODAY, None, jobs=2, start_method=start_method) == (
        reference(root, TODAY), files)


def test_validate_command_with_and_without_pool_and_cache(tmp_path: Path) -> None:
    root = corpus(tmp_path / "repo")
    env = {"PPCLI_CACHE_DIR": str(tmp_path / "cache")}
    runs = [run(["validate", "--today", "2026-11-22", *jobs], root, env={**env, **extra})
            for jobs, extra in [(["--jobs", "1"], {"PPCLI_NO_CACHE": "1"}), ([], {}), ([], {}),
                                (["--jobs", "2"], {})]]
    assert {r.exit_code for r in runs} == {1}
    assert len({r.stdout for r in runs}) == 1 and len({r.stderr for r in runs}) == 1
    diags = validate_loaded(load(find_repo(root, root)), TODAY)
    assert runs[0].stdout == "".join(format_text(d, "vi") + "\n" for d in diags)
    one = root / "agreements" / "ca-mau" / "twin.yaml"
    only = run(["validate", "--today", "2026-11-22", str(one)], root, env=env)
    assert only.stdout == "".join(format_text(d, "vi") + "\n" for d in diags
                                  if d.path == "agreements/ca-mau/twin.yaml")
    assert "(1 tệp)" in only.stderr
    result = commands.validate(find_repo(root, root), TODAY, [one])
    assert result.files == 1


def test_show_and_render_from_the_cache_as_from_a_full_load(tmp_path: Path) -> None:
    root = corpus(tmp_path / "repo")
    old = "cm-snv-tinhdoan-2022-2026"
    text = (root / "agreements" / "ca-mau" / f"{old}.yaml").read_text(encoding="utf-8")
    (root / "agreements" / "ca-mau" / "cm-snv-tinhdoan-2027-2031.yaml").write_text(
        text.replace(f"id: {old}", "id: cm-snv-tinhdoan-2027-2031")
        + f"replaces:\n  agreement: {old}\n", encoding="utf-8")
    commands_ = [["show", old], ["show", old, "--format", "json"],
                 ["show", "cm-snv-tinhdoan-2027-2031"], ["show", "cm-snv-tinhdoan-2022"],
                 ["show", "binary"],
                 ["render", old, "bao-cao-nam", "2024", "--format", "md", "-o", "-"]]
    env = {"PPCLI_CACHE_DIR": str(tmp_path / "cache")}
    for args in commands_:
        full = run([*args, "--today", "2026-11-22"], root, env={"PPCLI_NO_CACHE": "1"})
        for _ in range(2):  # the cache filled, then used
            cached = run([*args, "--today", "2026-11-22"], root, env=env)
            assert (cached.exit_code, cached.stdout, cached.stderr) == (
                full.exit_code, full.stdout, full.stderr), args
    assert "cm-snv-tinhdoan-2027-2031" in run(["show", old, "--today", "2026-11-22"], root,
                                              env=env).stdout
    loaded = commands.load_for(find_repo(root, root), old, TODAY,
                               open_cache({"PPCLI_CACHE_DIR": str(tmp_path / "cache")}))
    assert [a.id for a in loaded.agreements] == [old, "cm-snv-tinhdoan-2027-2031"]
    assert "binary" in loaded.broken_ids


@pytest.mark.parametrize("start_method", ["spawn", None])
def test_due_with_the_pool_as_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      start_method: str | None) -> None:
    from ppcli.engine import schedule_cache
    from ppcli.engine.due import Query
    from ppcli.engine.due import to_json as due_json

    monkeypatch.setattr(schedule_cache, "POOL_MIN", 2)
    root = corpus(tmp_path / "repo")
    repo = find_repo(root, root)

    def listing(jobs: int, cache_dir: Path | None) -> tuple[list[object], list[str]]:
        cache = open_cache({"PPCLI_CACHE_DIR": str(cache_dir)} if cache_dir
                           else {"PPCLI_NO_CACHE": "1"})
        result = commands.due(repo, commands.DueRequest(Query(TODAY, 400), None, jobs,
                                                        start_method), cache)
        return [due_json(i, TODAY) for i in result.items], result.broken

    one = listing(1, None)
    assert len(one[0]) > 10 and "agreements/bad/binary.yaml" in one[1]
    assert listing(2, None) == one
    assert listing(2, tmp_path / "cache") == one  # the pool's schedules stored
    assert listing(1, tmp_path / "cache") == one  # and read back
    # the workers' own encoding of the entries is stored: the same bytes as one process
    # writes (the files are older than the racy window, so both trust the same stats)
    past = time.time() - 60
    for file in (root / "agreements").rglob("*.y*ml"):
        os.utime(file, (past, past))
    for jobs, folder in ((1, tmp_path / "one"), (2, tmp_path / "two")):
        assert listing(jobs, folder) == one
    one_file, two_file = (next(f.iterdir()) for f in (tmp_path / "one", tmp_path / "two"))
    assert two_file.read_bytes() == one_file.read_bytes()
    assert cache_doc(two_file)["entries"]["agreements/bad/binary.yaml"][2] is True


def test_what_the_due_workers_send_is_plain_json_data(tmp_path: Path) -> None:
    """The entries come back pickled (faster than JSON text), yet as the plain values the
    cache file gives the decoder (no enum, no tuple), with the entry's JSON when the
    cache is written."""
    import json
    import pickle

    from ppcli.engine import schedule_pool
    from ppcli.engine.schedule_codec import Decoder
    from ppcli.engine.workdays import build_calendar
    from ppcli.files.repository import agreement_files_shown, load_meta

    def plain(value: object) -> bool:
        if type(value) is list:
            return all(plain(v) for v in value)
        return type(value) in (str, int, bool, type(None))

    repo = find_repo(corpus(tmp_path / "repo"), tmp_path / "repo")
    files = agreement_files_shown(repo)
    schedule_pool._init(load_meta(repo).config, build_calendar(range(2020, 2030)),
                        dt.date(2027, 1, 31), time.time_ns(), True)
    try:
        entries = pickle.loads(schedule_pool._work(files))
    finally:
        schedule_pool._setup = None
    pairs = list(zip(files, entries, strict=True))
    schedules = [(shown, raw) for (shown, _), (_, _, _, raw, _) in pairs if raw is not None]
    assert len(schedules) > 10
    for (shown, _), (digest, signature, has_errors, raw, text) in pairs:
        assert plain(raw) and plain(signature), shown
        assert json.loads(text) == [digest, signature, has_errors, raw]
    decoder = Decoder()
    assert all(decoder.schedule(raw, shown).file == shown for shown, raw in schedules)
    unreadable = "agreements/bad/binary.yaml"
    assert next(e for (shown, _), e in pairs if shown == unreadable)[2:4] == (True, None)


@pytest.mark.parametrize("start_method", ["spawn", None])
def test_list_and_ics_with_the_pool_as_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               start_method: str | None) -> None:
    monkeypatch.setattr(pool, "POOL_MIN", 2)
    root = corpus(tmp_path / "repo")
    repo = find_repo(root, root)
    one, pooled = load(repo), pool.load_all(repo, 2, start_method)
    assert [a.id for a in pooled.agreements] == [a.id for a in one.agreements]
    assert pooled.agreements == one.agreements and pooled.diags == one.diags
    assert (pooled.broken_ids, pooled.broken_items, pooled.files) == (
        one.broken_ids, one.broken_items, one.files)
    for args in (["list", "--format", "json"], ["ics", "--today", "2026-11-22"]):
        alone, both = (run([*args, "--jobs", jobs], root) for jobs in ("1", "2"))
        assert (alone.exit_code, alone.stdout, alone.stderr) == (
            both.exit_code, both.stdout, both.stderr)
