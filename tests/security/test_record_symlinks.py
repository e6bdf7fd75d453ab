"""A hostile commit cannot make `record` write outside the agreement file (issue 15.1):
no check file is written at all, the lock is never opened through a link, and the
agreement file is never written through one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import AGREEMENT, run, write_repo

VICTIM = b"export PATH=$HOME/bin:$PATH\n"


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_bytes(VICTIM)
    victim.chmod(0o600)
    return victim


def _record(repo: Path, *extra: str) -> tuple[int, str, str]:
    result = run(["record", "report", "ct-2022", "bao-cao-nam", "2023", "--on", "2023-12-11",
                  "--today", "2026-01-01", *extra], repo)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_link_at_the_old_check_file_name_is_not_written_through(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    link = repo / "agreements/.ct-2022.yaml.check"
    link.symlink_to(os.path.relpath(victim, link.parent))
    code, _, err = _record(repo)
    assert (code, err) == (0, "")
    assert victim.read_bytes() == VICTIM
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(victim, link.parent)
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT + (
        "  - report: bao-cao-nam\n    period: \"2023\"\n    date: 2023-12-11\n")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_link_at_the_lock_name_is_refused_and_not_followed(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    before = victim.stat()
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    lock = repo / "agreements/.ppcli.lock"
    lock.symlink_to(victim)
    code, out, err = _record(repo)
    assert (code, out) == (3, "")
    assert err == ("ppcli: agreements/.ppcli.lock là một liên kết (symlink); vì an toàn ppcli "
                   "không đọc hay ghi qua liên kết ở đây — hãy thay nó bằng tệp thật\n")
    assert victim.read_bytes() == VICTIM
    assert victim.stat().st_mtime_ns == before.st_mtime_ns
    assert (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8") == AGREEMENT
    # a dangling link is not created into a file either
    lock.unlink()
    lock.symlink_to(tmp_path / "home" / "new-file")
    assert _record(repo)[0] == 3
    assert not (tmp_path / "home" / "new-file").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_the_lock_name_is_refused_without_hanging(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    os.mkfifo(repo / "agreements/.ppcli.lock")
    code, _, err = _record(repo, "--lang", "en")
    assert (code, err) == (3, "ppcli: the lock file agreements/.ppcli.lock is a FIFO, not a "
                              "regular file (perhaps committed); remove it (ppcli makes it "
                              "again) and run again\n")


def test_a_committed_folder_at_the_lock_name_says_what_to_do(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT})
    (repo / "agreements/.ppcli.lock").mkdir()
    code, _, err = _record(repo)
    assert (code, err) == (3, "ppcli: tệp khóa agreements/.ppcli.lock là thư mục, không phải "
                              "tệp thường (có lẽ do một commit đưa vào); hãy xóa nó (ppcli tự "
                              "tạo lại) rồi chạy lại\n")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_linked_agreement_file_is_refused_not_replaced(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "ct-2022.yaml"
    outside.parent.mkdir()
    outside.write_text(AGREEMENT, encoding="utf-8")
    repo = write_repo(tmp_path / "r", {})
    link = repo / "agreements/ct-2022.yaml"
    link.symlink_to(outside)
    code, out, err = _record(repo)
    # the link is not even read: the agreement is broken (validate says PP008)
    assert (code, out) == (1, "")
    assert err == ("ppcli: tệp của thỏa thuận \"ct-2022\" đang có lỗi; hãy sửa trước "
                   "(ppcli validate)\n")
    assert "error[PP008]" in run(["validate"], repo).stdout
    assert link.is_symlink()
    assert outside.read_text(encoding="utf-8") == AGREEMENT


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_linked_agreements_folder_is_refused_before_anything_is_created(tmp_path: Path
                                                                         ) -> None:
    real = write_repo(tmp_path / "real", {"ct-2022.yaml": AGREEMENT}) / "agreements"
    repo = tmp_path / "clone"
    repo.mkdir()
    (repo / "agreements").symlink_to(real)
    code, out, err = _record(repo)
    assert (code, out) == (3, "")
    assert err == ("ppcli: thư mục agreements là một liên kết (symlink); vì an toàn ppcli không "
                   "ghi agreements/.ppcli.lock qua liên kết\n")
    assert sorted(p.name for p in real.iterdir()) == [
        "ct-2022.yaml", "organisations.yaml", "ppcli.yaml"]
