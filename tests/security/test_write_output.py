"""`-o` writes what it should write to (issue 15.7 and 15.9): `-` is stdout, a link is
written through to a regular file (which keeps its mode), and a folder, a FIFO, a device
or a dangling link is refused, never replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run, write_repo

ICS = ["ics", "--today", "2023-12-01"]
RENDER = ["render", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024", "--today", "2024-12-10"]
links = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def test_dash_writes_to_stdout(tmp_path: Path, in_tmp: Path) -> None:
    repo = write_repo(tmp_path / "r")
    result = run([*ICS, "-o", "-"], repo)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("BEGIN:VCALENDAR\n")  # the runner reads text
    result = run([*RENDER, "--format", "md", "-o", "-"], ROOT)
    assert result.exit_code == 0 and result.stderr == ""
    assert "BÁO CÁO" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no file named "-"


@links
def test_a_link_is_written_through_and_the_target_keeps_its_mode(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    target = tmp_path / "shared" / "lich.ics"
    target.parent.mkdir()
    target.write_text("cũ", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "lich.ics"
    link.symlink_to(target)
    result = run([*ICS, "-o", str(link)], repo)
    assert (result.exit_code, result.stderr) == (
        2, f"ppcli: tệp {link} đã có; dùng --force để ghi đè hoặc -o để đặt tên khác\n")
    result = run([*ICS, "-o", str(link), "--force"], repo)
    assert result.exit_code == 0
    assert result.stderr.startswith("Đã ghi ") and result.stderr.endswith(f" vào {target}\n")
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["lich.ics"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_replaced(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    result = run([*ICS, "-o", str(fifo), "--force"], repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: {fifo} là FIFO, không phải tệp thường; ppcli không ghi đè lên đó — hãy chọn "
           "tên tệp khác\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    folder = tmp_path / "out"
    folder.mkdir()
    result = run([*ICS, "-o", str(folder), "--force", "--lang", "en"], repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: {folder} is a folder, not a regular file; ppcli does not write over it — "
           "choose another file name\n")
    assert folder.is_dir() and list(folder.iterdir()) == []


@links
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    """As root, `-o /dev/null --force` used to replace the system's /dev/null with a
    regular file; a link to it is refused the same way (the test does not risk the real
    path itself on a broken build)."""
    repo = write_repo(tmp_path / "r")
    link = tmp_path / "null.ics"
    link.symlink_to("/dev/null")
    result = run([*ICS, "-o", str(link), "--force"], repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: {link} là thiết bị, không phải tệp thường; ppcli không ghi đè lên đó — hãy "
           "chọn tên tệp khác\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert link.is_symlink()


@links
def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    link = tmp_path / "lich.ics"
    link.symlink_to(tmp_path / "nowhere" / "x.ics")
    result = run([*ICS, "-o", str(link), "--force"], repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: {link} là liên kết tới {tmp_path / 'nowhere' / 'x.ics'}, nơi không có tệp "
           "nào; hãy ghi ra tên khác\n")
    assert not (tmp_path / "nowhere").exists()


@links
def test_a_link_at_the_default_draft_name_is_not_followed(tmp_path: Path) -> None:
    """A clone can commit `bao-cao/BC-…docx -> ~/.bashrc`, or `bao-cao -> ~`: `render
    --force` without -o must not write the draft into it (naming the link with -o is the
    user's own choice)."""
    repo = write_repo(tmp_path / "kho")
    victim = tmp_path / "bashrc"
    victim.write_bytes(b"alias ll='ls -l'\n")
    (repo / "bao-cao").mkdir()
    target = repo / "bao-cao" / "BC-ct-2022-bao-cao-nam-2023.docx"
    target.symlink_to(victim)
    args = ["render", "ct-2022", "bao-cao-nam", "2023", "--today", "2023-12-01", "--force"]
    result = run(args, repo)
    assert (result.exit_code, result.stderr) == (
        3, f"ppcli: {target} là một liên kết (symlink); vì an toàn ppcli không đọc hay ghi qua "
           "liên kết ở đây — hãy thay nó bằng tệp thật\n")
    assert victim.read_bytes() == b"alias ll='ls -l'\n"
    target.unlink()
    (repo / "bao-cao").rmdir()
    (repo / "bao-cao").symlink_to(tmp_path, target_is_directory=True)
    result = run(args, repo)
    assert result.exit_code == 3 and "drafts are not written through" not in result.stderr
    assert f"{repo / 'bao-cao'} là liên kết (symlink hoặc junction)" in result.stderr
    assert not list(tmp_path.glob("BC-*"))
