"""`ppcli init` and `ppcli new` on a fresh machine and in a hostile clone: git works with no
identity, nothing is written through a committed link or outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, run, write_repo
from typer.testing import CliRunner

from ppcli.cli.everyday import app

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def init(folder: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["init", str(folder)], env={"PPCLI_LANG": ""})
    return result.exit_code, result.stdout, result.stderr


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                          encoding="utf-8", check=False)


def commit_all(folder: Path, message: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=folder, check=True,
                   env={**os.environ, **GIT_IDENTITY})


@needs_git
def test_git_diff_and_log_work_after_init_without_a_git_identity(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    assert init(folder)[0] == 0
    assert git(folder, "config", "user.email").returncode == 1  # really no identity
    commit_all(folder, "init")
    path = folder / "agreements/vi-du-quy-che.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "Quy chế phối hợp giữa Ủy ban nhân dân tỉnh và '
                                 'Tỉnh đoàn (ví dụ)"', 'title: "Quy chế mới"'),
                    encoding="utf-8")
    diff = git(folder, "diff")
    assert diff.returncode == 0, diff.stderr
    assert "+title: Quy chế mới" in diff.stdout.splitlines()
    commit_all(folder, "đổi tên")
    log = git(folder, "log", "-p")
    assert log.returncode == 0, log.stderr
    assert "-title: Quy chế phối hợp giữa Ủy ban nhân dân tỉnh và Tỉnh đoàn (ví dụ)" in log.stdout
    assert git(folder, "notes", "--ref=textconv/ppcli", "list").stdout == ""


@needs_git
def test_init_takes_away_the_cachetextconv_an_older_ppcli_set(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    init(folder)
    git(folder, "config", "diff.ppcli.cachetextconv", "true")
    assert init(folder)[0] == 0
    assert git(folder, "config", "diff.ppcli.cachetextconv").returncode == 1


@needs_git
def test_init_adds_ignore_patterns_once_and_keeps_the_users_lines(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / ".gitignore").write_text("*.bak\nsite/", encoding="utf-8")
    init(folder)
    init(folder)
    assert (folder / ".gitignore").read_text(encoding="utf-8") == (
        "*.bak\nsite/\n\n"
        "# ppcli: bản nháp, trang tổng hợp, tệp tạm và tệp khóa (không đưa vào git)\n"
        "bao-cao/\n.*.tmp\n.ppcli.lock\n")
    (folder / "agreements/.vi-du-quy-che.yaml.x1y2.tmp").write_text("x", encoding="utf-8")
    (folder / "agreements/.ppcli.lock").write_text("", encoding="utf-8")
    assert git(folder, "status", "--porcelain", "--untracked-files=all",
               "agreements").stdout.splitlines() == ["?? agreements/organisations.yaml",
                                                     "?? agreements/ppcli.yaml",
                                                     "?? agreements/vi-du-quy-che.yaml"]


@needs_git
def test_init_does_not_write_through_a_committed_vscode_link(tmp_path: Path) -> None:
    user_settings = tmp_path / "home/.config/Code/User"
    user_settings.mkdir(parents=True)
    (user_settings / "settings.json").write_text('{"token": "bí mật"}\n', encoding="utf-8")
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / ".vscode").symlink_to(user_settings, target_is_directory=True)
    code, out, err = init(folder)
    assert code == 3
    assert err == ("ppcli: .vscode là liên kết (symlink) trong kho; ppcli không ghi qua liên "
                   "kết. Hãy xóa liên kết hoặc thay bằng thư mục, tệp thật rồi chạy lại\n")
    assert out == ""
    assert os.listdir(folder) == [".vscode"]  # refused before writing anything
    assert (user_settings / "settings.json").read_text(encoding="utf-8") == '{"token": "bí mật"}\n'


@needs_git
def test_init_does_not_read_or_replace_a_linked_settings_file(tmp_path: Path) -> None:
    outside = tmp_path / "settings.json"
    outside.write_text('{"token": "bí mật"}\n', encoding="utf-8")
    folder = tmp_path / "kho"
    (folder / ".vscode").mkdir(parents=True)
    (folder / ".vscode/settings.json").symlink_to(outside)
    code, _, err = init(folder)
    assert code == 3 and ".vscode/settings.json là liên kết (symlink)" in err
    assert (folder / ".vscode/settings.json").is_symlink()
    assert outside.read_text(encoding="utf-8") == '{"token": "bí mật"}\n'


def test_init_does_not_write_through_a_linked_agreements_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "agreements").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = init(folder)
    assert code == 3 and "agreements là liên kết (symlink)" in err
    assert os.listdir(elsewhere) == []


def test_new_refuses_a_folder_outside_agreements(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    args = ["new", "ct-x", "--title", "x", "--party", "so-noi-vu-ca-mau", "--party",
            "tinh-doan-ca-mau", "--dir"]
    out = run([*args, "../../x"], repo)
    assert out.exit_code == 2
    assert out.stderr == ("ppcli: --dir ../../x: hãy ghi một thư mục con trong agreements/, "
                          "ví dụ ca-mau\n")
    assert not (tmp_path / "x").exists()
    (tmp_path / "target").mkdir()
    (repo / "agreements/lien-ket").symlink_to(tmp_path / "target", target_is_directory=True)
    linked = run([*args, "lien-ket"], repo)
    assert linked.exit_code == 3
    assert "agreements/lien-ket là liên kết (symlink)" in linked.stderr.replace(os.sep, "/")
    assert os.listdir(tmp_path / "target") == []


def test_init_on_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "ghi-chu.txt"
    target.write_text("của tôi\n", encoding="utf-8")
    code, _, err = init(target)
    assert (code, err) == (3, f"ppcli: {target} là một tệp, không phải thư mục; hãy chỉ thư "
                              "mục của kho\n")
    assert target.read_text(encoding="utf-8") == "của tôi\n"
