"""A full disk or a read-only folder during `record` or `-o`: one clear message, exit 3,
the old file intact, no temporary file left, no traceback (issue 15.13, 8.5)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import AGREEMENT, run, write_repo

RECORD = ["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
          "--today", "2026-01-01"]
FULL = ("ppcli: không ghi được {} ổ đĩa đã đầy (hoặc hết hạn mức); tệp cũ vẫn "
        "nguyên. Hãy giải phóng chỗ trống rồi chạy lại\n")


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", fsync)


def test_disk_full_during_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    _disk_full(monkeypatch)
    result = run(RECORD, repo)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == FULL.format("agreements/ct-2022.yaml:")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT
    assert sorted(p.name for p in (repo / "agreements").iterdir()) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


def test_disk_full_during_ics_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    target = tmp_path / "out" / "lich.ics"
    target.parent.mkdir()
    target.write_bytes(b"old")
    _disk_full(monkeypatch)
    result = run(["ics", "-o", str(target), "--force", "--today", "2023-12-01", "--lang", "en"],
                 repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: cannot write {target}: the disk is full (or the quota is used up); the old "
           "file is intact. Free some space and run again\n")
    assert target.read_bytes() == b"old" and os.listdir(target.parent) == ["lich.ics"]


def test_read_only_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})

    def replace(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(os, "replace", replace)
    result = run(RECORD, repo)
    assert (result.exit_code, result.stderr) == (
        3, "ppcli: không ghi được agreements/ct-2022.yaml: ổ đĩa chỉ cho đọc; hãy ghi vào nơi "
           "khác hoặc gắn lại ổ đĩa cho phép ghi\n")
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT
    assert sorted(os.listdir(repo / "agreements")) == [
        ".ppcli.lock", "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0,
                    reason="permission bits do not bind root (or Windows)")
def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run(["ics", "-o", str(folder / "x.ics"), "--today", "2023-12-01"], repo)
    finally:
        folder.chmod(0o755)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: không có quyền ghi {folder / 'x.ics'} (hoặc thư mục chứa nó); hãy kiểm tra "
           "quyền của thư mục hoặc chọn nơi khác\n")
    assert os.listdir(folder) == []
