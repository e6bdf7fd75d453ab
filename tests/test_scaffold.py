"""ppcli init, ppcli new, and the git diff driver."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run, write_repo
from typer.testing import CliRunner

from ppcli.cli.everyday import app

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def init(folder: Path) -> list[str]:
    result = CliRunner().invoke(app, ["init", str(folder)], env={"PPCLI_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@needs_git
def test_init_creates_a_valid_repository_and_is_safe_to_run_again(tmp_path: Path) -> None:
    folder = tmp_path / "kho mới"
    first = init(folder)
    assert first[:3] == ["+ git init", "+ agreements/ppcli.yaml: đã tạo",
                         "+ agreements/organisations.yaml: đã tạo"]
    assert (folder / ".git").is_dir() and (folder / "schema/agreement.schema.json").is_file()
    assert "agreements/**/*.yaml diff=ppcli" in (folder / ".gitattributes").read_text(
        encoding="utf-8")
    assert run(["validate"], folder).exit_code == 0
    sample = (folder / "agreements/ppcli.yaml")
    sample.write_text(sample.read_text(encoding="utf-8") + "# của tôi\n", encoding="utf-8")
    again = init(folder)
    assert "= agreements/ppcli.yaml: giữ nguyên" in again
    assert sample.read_text(encoding="utf-8").endswith("# của tôi\n")
    config = subprocess.run(["git", "config", "diff.ppcli.textconv"], cwd=folder,
                            capture_output=True, text=True, check=True).stdout
    assert config.strip().endswith("-m ppcli textconv")


@needs_git
def test_plain_git_diff_shows_the_normalised_view(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    init(folder)
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", "init"], cwd=folder, check=True, env=env)
    path = folder / "agreements/vi-du-quy-che.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - org: ubnd-tinh\n", "  - org: tinh-doan\n", 1).replace(
        "  - org: tinh-doan\n    # role", "  - org: ubnd-tinh\n    # role", 1)
        .replace("records: []", "records: []   # chú thích mới"), encoding="utf-8")
    out = subprocess.run(["git", "diff"], cwd=folder, capture_output=True, text=True,
                         check=True).stdout
    assert out == ""  # reordered parties and a new comment: no change in meaning


def test_new_writes_a_commented_skeleton_that_validates(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    result = run(["new", "ct-2027", "--title", "Chương trình phối hợp giai đoạn 2027 - 2031",
                  "--party", "so-noi-vu-ca-mau", "--party", "tinh-doan-ca-mau", "--start",
                  "2027-01-01", "--end", "2031-12-31", "--kind", "chuong-trinh", "--dir",
                  "ca-mau"], repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Đã tạo agreements/ca-mau/ct-2027.yaml\n"
    text = (repo / "agreements/ca-mau/ct-2027.yaml").read_text(encoding="utf-8")
    assert "# frequency: hang-nam" in text or "#    frequency: hang-nam" in text
    assert "kind: chuong-trinh" in text and "  end: 2031-12-31" in text
    assert run(["validate"], repo).exit_code == 0
    again = run(["new", "ct-2027", "--title", "x", "--party", "so-noi-vu-ca-mau", "--party",
                 "tinh-doan-ca-mau"], repo)
    assert again.exit_code == 2 and "đã có thỏa thuận \"ct-2027\"" in again.stderr


def test_new_refuses_what_would_not_validate(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    one = run(["new", "ct-x", "--title", "x", "--party", "so-noi-vu-ca-mau"], repo)
    assert one.exit_code == 2 and "cần ít nhất hai --party" in one.stderr
    typo = run(["new", "ct-x", "--title", "x", "--party", "so-noi-vu-ca-mau", "--party",
                "tinh-doan-camau"], repo)
    assert typo.exit_code == 2 and typo.stderr == (
        "ppcli: --party: không có tổ chức \"tinh-doan-camau\" trong danh mục (có phải ý bạn là "
        "\"tinh-doan-ca-mau\" — Tỉnh đoàn Cà Mau?); xem danh sách: ppcli org\n")
    bad = run(["new", "Quy Chế", "--title", "x", "--party", "a", "--party", "b"], repo)
    assert bad.exit_code == 2 and "không hợp lệ" in bad.stderr
    assert not list((repo / "agreements").glob("ct-x*"))


def test_textconv_is_sorted_and_keyed(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    out = run(["textconv", str(repo / "agreements/ct-2022.yaml")]).stdout
    assert out.splitlines()[:3] == [
        "conferences[so-ket].host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]",
        "conferences[so-ket].id: so-ket",
        "conferences[so-ket].kind: so-ket"]
    assert "records[report/bao-cao-nam/2022].number: 12/BC-SNV" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    assert run(["textconv", str(broken)]).stdout == "id: [\n"
