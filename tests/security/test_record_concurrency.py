"""Twenty clerks at once, and an edit made while `record` works: nothing lost, nothing
overwritten, every process told the truth (issue 15.1 and 15.4, issue 8.5)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import AGREEMENT, run, write_repo

from ppcli.files import fileio, record

MONTHLY = AGREEMENT.replace("frequency: hang-nam\n    deadline: {day: 15, month: 12}\n",
                            "frequency: hang-thang\n").replace(
    "records:\n  - report: bao-cao-nam\n    period: 2022\n    date: 2022-12-10\n"
    "    number: 12/BC-SNV\n", "records:\n  - conference: so-ket\n    date: 2024-06-20\n")
MONTHS = [f"{2023 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}" for m in range(1, 21)]


def _sent(month: str) -> str:
    year, mon = (int(x) for x in month.split("-"))
    return f"{year + mon // 12}-{mon % 12 + 1:02d}-05"


def test_twenty_processes_record_twenty_periods(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": MONTHLY})
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PPCLI_CACHE_DIR": str(tmp_path / "c"),
           "NO_COLOR": "1", "PPCLI_LANG": "vi"}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "ppcli", "--repo", str(repo), "record", "report", "ct-2022",
         "bao-cao-nam", month, "--on", _sent(month), "--today", "2026-01-01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for month in MONTHS]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read())  # type: ignore[union-attr]
               for p in procs]
    assert [(code, err) for code, _, err in results] == [(0, b"")] * 20
    data = yaml.safe_load((repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8"))
    assert sorted(r["period"] for r in data["records"] if "report" in r) == MONTHS
    assert len(data["records"]) == 21
    assert run(["validate", "--today", "2026-01-01"], repo).exit_code == 0
    assert sorted(p.name for p in (repo / "agreements").iterdir()) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


def test_an_edit_made_meanwhile_is_not_overwritten(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    path = repo / "agreements/ct-2022.yaml"
    edited = AGREEMENT.replace("title: ", "title: (sửa tay) ")
    real_insert = record.insert_entry

    def insert_while_someone_saves(text: str, entry: list[str]) -> tuple[str, int]:
        path.write_text(edited, encoding="utf-8")  # a clerk's editor saves meanwhile
        return real_insert(text, entry)

    monkeypatch.setattr(record, "insert_entry", insert_while_someone_saves)
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                  "--today", "2026-01-01"], repo)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == ("ppcli: tệp agreements/ct-2022.yaml đã thay đổi từ lúc đọc; không "
                             "ghi gì — hãy chạy lại lệnh\n")
    assert path.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in path.parent.iterdir()) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


def test_a_busy_repository_is_said_after_the_timeout(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    monkeypatch.setattr(fileio, "LOCK_TIMEOUT", 0.3)
    with fileio.exclusive_lock(repo / "agreements/.ppcli.lock"):
        began = time.monotonic()
        result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on",
                      "2023-12-11", "--today", "2026-01-01", "--lang", "en"], repo)
        waited = time.monotonic() - began
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == ("ppcli: the repository is busy: another ppcli command is writing "
                             "(lock agreements/.ppcli.lock); wait a moment and run again\n")
    assert 0.3 <= waited < 5
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT
    # released: the next one goes through
    assert run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                "--today", "2026-01-01"], repo).exit_code == 0


def test_a_lock_file_the_clerk_cannot_write_is_still_locked(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Made 0644 by a colleague of the same group: opened for reading, which is enough."""
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    lock = repo / "agreements/.ppcli.lock"
    lock.write_bytes(b"")
    real_open = os.open
    modes: list[int] = []

    def open_as_group_member(path: object, flags: int, *args: int) -> int:
        if str(path) == str(lock):
            modes.append(flags & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR))
            if flags & os.O_RDWR:
                raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_as_group_member)
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                  "--today", "2026-01-01"], repo)
    assert (result.exit_code, result.stderr) == (0, "")
    assert modes == [os.O_RDWR, os.O_RDONLY]


def test_the_same_period_at_once_is_recorded_once(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": MONTHLY})
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PPCLI_CACHE_DIR": str(tmp_path / "c"),
           "NO_COLOR": "1", "PPCLI_LANG": "en"}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "ppcli", "--repo", str(repo), "record", "report", "ct-2022",
         "bao-cao-nam", "2024-03", "--on", f"2024-04-0{day}", "--today", "2026-01-01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) for day in range(1, 6)]
    results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]  # type: ignore[union-attr]
    assert sorted(code for code, _ in results) == [0, 2, 2, 2, 2]
    data = yaml.safe_load((repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8"))
    mine = [r for r in data["records"] if r.get("period") == "2024-03"]
    assert len(mine) == 1
    assert {err for code, err in results if code == 2} == {
        f"ppcli: already recorded in agreements/ct-2022.yaml, line 24 ({mine[0]['date']}); "
        "not recorded twice\n"}
