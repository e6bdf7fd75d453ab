"""The schedule cache: used when files are unchanged, never stale when they change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import AGREEMENT, run, write_repo

from ppcli.cache import cache_dir, load_schedules, open_cache
from ppcli.repository import find_repo, load_meta
from ppcli.workdays import build_calendar

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
    from ppcli.cache import _context_key
    from ppcli.model import Config

    key = _context_key(Config())
    assert any(isinstance(part, str) and part.startswith("holidays-") for part in key)
