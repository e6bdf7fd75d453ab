"""Issue 15.6: only regular files are read, and at most the size limit plus one byte.
A committed link to /dev/zero or a FIFO gives a diagnostic naming the file; nothing
hangs, nothing reads gigabytes, and ``list`` says which files it left out.

The commands run in a child process with a timeout: on the code before the fix a FIFO
blocked ``open`` for ever and /dev/zero was read until memory ran out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AGREEMENT, run, write_repo

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX")


def ppcli(repo: Path, *args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PPCLI_LANG": "", "PPCLI_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(repo), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=60, check=False,
                          preexec_fn=limited if os.name != "nt" else None)


def limited() -> None:  # the child may not take more than 1 GiB
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def hostile(tmp_path: Path, make: str) -> Path:
    repo = write_repo(tmp_path / "r")
    target = repo / "agreements" / "x.yaml"
    if make == "zero":
        target.symlink_to("/dev/zero")
    else:
        os.mkfifo(target)
    return repo


@POSIX
@pytest.mark.parametrize("make", ["zero", "fifo"])
def test_validate_names_a_special_file(tmp_path: Path, make: str) -> None:
    repo = hostile(tmp_path, make)
    result = ppcli(repo, "validate", "--today", "2026-01-05", "--format", "json",
                   cache=tmp_path / "c")
    assert result.returncode == 1
    if make == "zero":  # a link is not followed at all, whatever it points at
        code, message = "PP008", (
            "tệp là một liên kết tượng trưng (symlink); vì an toàn ppcli không đọc qua liên "
            "kết trong kho (nó có thể trỏ ra tệp riêng của bạn). Hãy thay liên kết bằng chính "
            "tệp YAML")
    else:
        code, message = "PP007", (
            "đây không phải tệp văn bản thường mà là một ống dẫn (FIFO) (có thể do một liên "
            "kết tượng trưng trỏ tới đó); ppcli không đọc nó. Hãy thay bằng một tệp YAML thật "
            "hoặc xóa đi")
    assert json.loads(result.stdout) == [{
        "path": "agreements/x.yaml", "line": 1, "column": 1, "severity": "error",
        "code": code, "message": message}]


@POSIX
@pytest.mark.parametrize("make", ["zero", "fifo"])
def test_list_and_show_do_not_hang_and_say_what_they_left_out(tmp_path: Path, make: str
                                                              ) -> None:
    repo = hostile(tmp_path, make)
    listed = ppcli(repo, "list", "--today", "2026-01-05", "--format", "json",
                   cache=tmp_path / "c")
    assert listed.returncode == 0
    assert [row["id"] for row in json.loads(listed.stdout)] == ["ct-2022"]
    assert listed.stderr == ("Cảnh báo: 1 tệp có lỗi nên không được tính (agreements/x.yaml); "
                             "hãy chạy ppcli validate\n")
    shown = ppcli(repo, "show", "ct-2022", "--today", "2026-01-05", cache=tmp_path / "c")
    assert shown.returncode == 0
    assert shown.stdout.startswith("Chương trình phối hợp giữa Sở Nội vụ")


@POSIX
def test_registry_linked_to_dev_zero(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    registry = repo / "agreements" / "organisations.yaml"
    registry.unlink()
    registry.symlink_to("/dev/zero")
    result = ppcli(repo, "validate", "--today", "2026-01-05", "--format", "json",
                   cache=tmp_path / "c")
    found = [(d["path"], d["code"]) for d in json.loads(result.stdout)]
    assert ("agreements/organisations.yaml", "PP008") in found  # a link: not followed
    assert ("agreements/ppcli.yaml", "PP080") not in found  # it is there, just not readable


@POSIX
def test_due_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    repo = hostile(tmp_path, "fifo")
    result = ppcli(repo, "due", "--today", "2026-01-05", cache=tmp_path / "c")
    assert result.returncode == 0
    assert "agreements/x.yaml" in result.stderr


def test_a_dangling_link_is_reported_by_list(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    (repo / "agreements" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run(["list", "--today", "2026-01-05"], repo)
    assert result.exit_code == 0
    assert result.stderr == ("Cảnh báo: 1 tệp có lỗi nên không được tính (agreements/gone.yaml); "
                             "hãy chạy ppcli validate\n")


def test_a_sparse_file_past_the_limit_is_not_read(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    big = repo / "agreements" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    result = run(["validate", "--today", "2026-01-05", "--format", "json"], repo)
    assert [(d["path"], d["code"], d["message"]) for d in result.json()] == [
        ("agreements/big.yaml", "PP004", "tệp quá lớn (3.0 MB; giới hạn 2 MB cho một tệp thỏa "
         "thuận). Hãy tách thành nhiều tệp")]


@POSIX
def test_read_bounded_unit(tmp_path: Path) -> None:
    from ppcli.files.safe_read import FileTooLarge, NotRegularFile, read_bounded

    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile) as refused:
        read_bounded(fifo)
    assert refused.value.kind == "fifo"
    with pytest.raises(NotRegularFile) as refused:
        read_bounded("/dev/zero")
    assert refused.value.kind == "device"
    with pytest.raises(NotRegularFile) as refused:
        read_bounded(tmp_path)
    assert refused.value.kind == "folder"
    small = tmp_path / "a.yaml"
    small.write_bytes(AGREEMENT.encode("utf-8"))
    assert read_bounded(small) == AGREEMENT.encode("utf-8")
    assert read_bounded(small, limit=len(AGREEMENT.encode("utf-8"))) == \
        AGREEMENT.encode("utf-8")
    with pytest.raises(FileTooLarge) as large:
        read_bounded(small, limit=100)
    assert (large.value.size, large.value.limit) == (len(AGREEMENT.encode("utf-8")), 100)
