"""``init`` where it is asked to (issue 17, item 8): a folder inside another git
repository gets its own repository, the enclosing one's configuration is never written,
and a re-run adds only what is missing (never the sample again)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, run
from typer.testing import CliRunner

from ppcli.cli.everyday import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def init(folder: Path) -> list[str]:
    result = CliRunner().invoke(app, ["init", str(folder)], env={"PPCLI_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def git(folder: Path, *args: str) -> str:
    import os

    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                          check=True, env={**os.environ, **GIT_IDENTITY}).stdout


def test_init_inside_another_repository_makes_its_own(tmp_path: Path) -> None:
    outer = tmp_path / "du-an"
    outer.mkdir()
    git(outer, "init", "-q")
    config_before = (outer / ".git" / "config").read_bytes()
    inner = outer / "tai-lieu" / "thoa-thuan"
    out = init(inner)
    assert out[0] == "+ git init"
    assert out[1].startswith("= thư mục nằm trong kho git ") and out[1].endswith(
        ": kho thỏa thuận có git riêng, cấu hình của kho bao ngoài giữ nguyên")
    assert (inner / ".git").is_dir()
    assert (outer / ".git" / "config").read_bytes() == config_before
    assert Path(git(inner, "rev-parse", "--show-toplevel").strip()).resolve() == inner.resolve()
    assert git(inner, "config", "--local", "diff.ppcli.textconv").strip().endswith(
        "-m ppcli textconv")
    assert run(["validate"], inner).exit_code == 0
    # run again: the repository is its own now
    assert init(inner)[0] == "= kho git: đã có"
    assert (outer / ".git" / "config").read_bytes() == config_before


def test_rerun_adds_only_what_is_missing_and_never_the_sample(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    init(folder)
    sample = folder / "agreements" / "vi-du-quy-che.yaml"
    assert sample.is_file()
    # the clerk adds their own agreement, deletes the sample and a schema file
    own = folder / "agreements" / "ca-mau" / "qc-2026.yaml"
    own.parent.mkdir()
    own.write_text(sample.read_text(encoding="utf-8").replace("vi-du-quy-che", "qc-2026"),
                   encoding="utf-8")
    sample.unlink()
    (folder / "schema" / "config.schema.json").unlink()
    again = init(folder)
    assert not sample.exists()
    assert "+ schema/config.schema.json: đã tạo" in again
    assert not any("vi-du-quy-che" in line for line in again)
    assert run(["validate"], folder).exit_code == 0


def test_rerun_without_any_agreement_does_not_bring_the_sample_back(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    init(folder)
    (folder / "agreements" / "vi-du-quy-che.yaml").unlink()
    init(folder)
    assert not (folder / "agreements" / "vi-du-quy-che.yaml").exists()
