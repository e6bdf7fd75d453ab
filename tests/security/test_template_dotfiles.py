"""A template cannot reach the repository's .git folder, its credentials included: a
committed ``templates -> .`` is refused, and so is any hidden file or folder name
(security review of issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run, write_repo

DRAFT = ["ct-2022", "bao-cao-nam", "2023", "--format", "md", "--today", "2023-12-01"]
SECRET = ('[remote "origin"]\n\turl = https://van-thu:MatKhau123@git.example.vn/kho.git\n'
          '[http]\n\textraheader = AUTHORIZATION: bearer TOKEN-BI-MAT\n')


def symlink(link: Path, target: Path | str, folder: bool = False) -> None:
    try:
        os.symlink(target, link, target_is_directory=folder)
    except (OSError, NotImplementedError) as exc:  # Windows without the privilege
        pytest.skip(f"cannot make symlinks here: {exc}")


def clone(tmp_path: Path) -> Path:
    repo = write_repo(tmp_path / "kho")
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text(SECRET, encoding="utf-8")
    return repo


def draft(tmp_path: Path, repo: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "du-thao.md"
    result = run(["render", *DRAFT, "-o", str(out), *extra], repo)
    return result.exit_code, result.stderr, out


def test_a_templates_link_to_the_repository_root_is_refused(tmp_path: Path) -> None:
    repo = clone(tmp_path)
    (repo / "bao-cao-dinh-ky.md.j2").write_text('{% include ".git/config" %}\n',
                                                encoding="utf-8")
    symlink(repo / "templates", ".", folder=True)
    code, err, out = draft(tmp_path, repo)
    own = repo / "templates"
    assert (code, err) == (2, f"ppcli: {own} là liên kết (symlink hoặc junction); thư mục mẫu "
                              "của kho phải là thư mục thật nên không dùng. Hãy xóa liên kết "
                              "này hoặc thay bằng thư mục thật\n")
    assert not out.exists()
    code, err, _ = draft(tmp_path, repo, "--lang", "en")
    assert (code, err) == (2, f"ppcli: {own} is a symbolic link (or junction); the "
                              "repository's template folder must be a real folder, so it is "
                              "refused. Remove the link or replace it with a real folder\n")


def test_a_templates_link_to_a_folder_inside_is_refused_too(tmp_path: Path) -> None:
    repo = clone(tmp_path)
    (repo / "mau-that").mkdir()
    (repo / "mau-that" / "bao-cao-dinh-ky.md.j2").write_text("Nội dung.\n", encoding="utf-8")
    symlink(repo / "templates", "mau-that", folder=True)
    code, err, out = draft(tmp_path, repo)
    assert code == 2 and err.startswith(f"ppcli: {repo / 'templates'} là liên kết")
    assert not out.exists()


@pytest.mark.parametrize("name", [".git/config", "./.git/config", "con/.an.j2",
                                  ".an/doan.j2", "GIT~1/config"],
                         ids=["git", "dot-git", "dot-file", "dot-folder", "short-name"])
def test_hidden_names_are_refused(tmp_path: Path, name: str) -> None:
    repo = clone(tmp_path)
    templates = repo / "templates"
    for folder in (".git", "con", ".an", "GIT~1"):
        (templates / folder).mkdir(parents=True)
    for path in (".git/config", "con/.an.j2", ".an/doan.j2", "GIT~1/config"):
        (templates / path).write_text(SECRET, encoding="utf-8")
    (templates / "bao-cao-dinh-ky.md.j2").write_text("{% include '" + name + "' %}\n",
                                                     encoding="utf-8")
    code, err, out = draft(tmp_path, repo)
    assert (code, err) == (2, f"ppcli: mẫu bao-cao-dinh-ky.md.j2:1: tên mẫu \"{name}\" không "
                              "hợp lệ: không được dùng tệp hoặc thư mục ẩn (tên bắt đầu bằng "
                              "\".\", như .git)\n")
    assert not out.exists()


def test_a_template_beside_the_git_folder_cannot_include_it(tmp_path: Path) -> None:
    repo = clone(tmp_path)
    template = repo / "mau.md.j2"
    template.write_text('{% include ".git/config" %}\n', encoding="utf-8")
    code, err, out = draft(tmp_path, repo, "--template", str(template), "--lang", "en")
    assert (code, err) == (2, "ppcli: template mau.md.j2:1: invalid template name "
                              "\".git/config\": hidden files and folders (names starting with "
                              "\".\", such as .git) may not be used\n")
    assert not out.exists()
