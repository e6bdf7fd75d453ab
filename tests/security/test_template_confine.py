"""Templates from a hostile clone cannot read files outside their folder (issue 15.3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run, write_repo

DRAFT = ["ct-2022", "bao-cao-nam", "2023", "--format", "md", "--today", "2023-12-01"]


def symlink(link: Path, target: Path | str, folder: bool = False) -> None:
    try:
        os.symlink(target, link, target_is_directory=folder)
    except (OSError, NotImplementedError) as exc:  # Windows without the privilege
        pytest.skip(f"cannot make symlinks here: {exc}")


def repo_with(tmp_path: Path, body: str | None) -> Path:
    repo = write_repo(tmp_path / "kho")
    (repo / "templates").mkdir()
    if body is not None:
        (repo / "templates" / "bao-cao-dinh-ky.md.j2").write_text(body, encoding="utf-8")
    return repo


def draft(tmp_path: Path, repo: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "du-thao.md"
    result = run(["render", *DRAFT, "-o", str(out), *extra], repo)
    return result.exit_code, result.stderr, out


def refused_link(link: Path, folder: Path, name: str, where: str = "bao-cao-dinh-ky.md.j2:1"
                 ) -> str:
    return (f"ppcli: mẫu {where}: mẫu \"{name}\": {link} là liên kết (symlink) trỏ ra "
            f"ngoài thư mục mẫu {folder}; không dùng. Hãy xóa liên kết này hoặc thay bằng "
            "tệp thật\n")


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_a_link_to_the_root_folder(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, '{% include "root/etc/passwd" %}\n')
    symlink(repo / "templates" / "root", "/", folder=True)
    code, err, out = draft(tmp_path, repo)
    templates = repo / "templates"
    assert (code, err) == (2, refused_link(templates / "root", templates, "root/etc/passwd"))
    assert not out.exists()


def test_a_link_to_a_folder_outside(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.txt").write_text("BÍ MẬT\n", encoding="utf-8")
    repo = repo_with(tmp_path, '{% include "ra/bi-mat.txt" %}\n')
    symlink(repo / "templates" / "ra", outside, folder=True)
    code, err, out = draft(tmp_path, repo)
    templates = repo / "templates"
    assert (code, err) == (2, refused_link(templates / "ra", templates, "ra/bi-mat.txt"))
    assert not out.exists()


def test_a_template_that_is_a_link_to_a_private_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    key = home / ".ssh" / "id_rsa"
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", encoding="utf-8")
    repo = repo_with(tmp_path, None)
    link = repo / "templates" / "bao-cao-dinh-ky.md.j2"
    symlink(link, key)
    code, err, out = draft(tmp_path, repo)
    assert (code, err) == (2, refused_link(link, repo / "templates", "bao-cao-dinh-ky.md.j2",
                                           where="bao-cao-dinh-ky.md.j2"))
    assert not out.exists()


def test_a_templates_folder_that_is_a_link_out_of_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bao-cao-dinh-ky.md.j2").write_text("từ ngoài kho\n", encoding="utf-8")
    repo = write_repo(tmp_path / "kho")
    symlink(repo / "templates", outside, folder=True)
    code, err, out = draft(tmp_path, repo)
    own = repo / "templates"
    assert (code, err) == (2, f"ppcli: {own} là liên kết (symlink hoặc junction); thư mục mẫu "
                              "của kho phải là thư mục thật nên không dùng. Hãy xóa liên kết "
                              "này hoặc thay bằng thư mục thật\n")
    assert not out.exists()


@pytest.mark.parametrize(("name", "reason"), [
    ("/etc/passwd", "phải là đường dẫn tương đối trong thư mục mẫu"),
    ("\\\\server\\share\\x", "phải là đường dẫn tương đối trong thư mục mẫu"),
    ("C:/Windows/win.ini", "phải là đường dẫn tương đối trong thư mục mẫu"),
    ("a/../../ngoai.txt", "không được dùng \"..\" để ra khỏi thư mục mẫu"),
], ids=["absolute", "unc", "drive", "dot-dot"])
def test_absolute_names_and_dot_dot_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "ngoai.txt").write_text("BÍ MẬT\n", encoding="utf-8")
    repo = repo_with(tmp_path, "{% include " + repr(name) + " %}\n")
    code, err, out = draft(tmp_path, repo)
    assert (code, err) == (2, f"ppcli: mẫu bao-cao-dinh-ky.md.j2:1: tên mẫu \"{name}\" không "
                              f"hợp lệ: {reason}\n")
    assert not out.exists()


def test_a_link_inside_the_folder_is_allowed(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, '{% include "chung/doan.md.j2" %}\n')
    (repo / "templates" / "that").mkdir()
    (repo / "templates" / "that" / "doan.md.j2").write_text("Đoạn dùng chung.\n",
                                                            encoding="utf-8")
    symlink(repo / "templates" / "chung", repo / "templates" / "that", folder=True)
    code, err, out = draft(tmp_path, repo)
    assert code == 0, err
    assert "\nĐoạn dùng chung../.\n" in out.read_text(encoding="utf-8")
