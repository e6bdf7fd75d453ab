"""Issue 15.8: the search for the repository (from the current folder upward) stops at
a folder the user does not own, like git's safe.directory; ``--repo`` still opens it.

Another user is played by uid 65534 (nobody): the tests chown temporary folders, so they
need root (they run as root in CI here) and a POSIX system; otherwise they are skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run, write_repo

pytestmark = pytest.mark.skipif(
    os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs root on POSIX to give a folder to another user")

OTHER = 65534


def give_away(folder: Path) -> None:
    os.chown(folder, OTHER, OTHER)


def test_a_repository_of_another_user_above_is_not_used(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    foreign = write_repo(tmp_path / "shared")
    give_away(foreign)
    mine = foreign / "work"
    mine.mkdir()  # owned by the user running ppcli
    monkeypatch.chdir(mine)
    result = run(["list", "--format", "json", "--today", "2026-01-05"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        f"ppcli: thư mục \"{foreign}\" chứa kho thỏa thuận nhưng thuộc về người dùng khác nên "
        f"ppcli không dùng nó (ai có quyền ghi vào đó có thể đổi dữ liệu, mẫu của bạn). Nếu "
        f"tin tưởng kho này, hãy chỉ rõ: --repo \"{foreign}\"\n")
    english = run(["list", "--lang", "en", "--today", "2026-01-05"])
    assert english.stderr.startswith(f"ppcli: the folder \"{foreign}\" holds an agreements "
                                     f"repository but belongs to another user")


def test_inside_a_foreign_repository_and_the_override(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    foreign = write_repo(tmp_path / "shared")
    give_away(foreign)
    monkeypatch.chdir(foreign / "agreements")
    assert run(["list", "--today", "2026-01-05"]).exit_code == 3
    named = run(["list", "--format", "json", "--today", "2026-01-05"], foreign)
    assert named.exit_code == 0
    assert [row["id"] for row in named.json()] == ["ct-2022"]
    monkeypatch.setenv("PPCLI_REPO", str(foreign))
    assert run(["list", "--today", "2026-01-05"]).exit_code == 0


def test_an_agreements_folder_of_another_user_is_refused_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    give_away(repo / "agreements")
    monkeypatch.chdir(repo)
    result = run(["validate", "--today", "2026-01-05"])
    assert result.exit_code == 3
    assert f"\"{repo / 'agreements'}\" chứa kho thỏa thuận" in result.stderr
    # the way out names the repository itself, which --repo expects
    assert result.stderr.rstrip().endswith(f"--repo \"{repo.resolve()}\"")


def test_the_search_stops_at_a_foreign_folder_without_a_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outer = write_repo(tmp_path / "outer")  # mine, but beyond a folder of another user
    middle = outer / "middle"
    middle.mkdir()
    give_away(middle)
    inner = middle / "inner"
    inner.mkdir()
    monkeypatch.chdir(inner)
    result = run(["list", "--today", "2026-01-05"])
    assert result.exit_code == 3
    assert result.stderr.startswith("ppcli: không tìm thấy kho thỏa thuận")


def test_my_repository_inside_a_foreign_folder_is_found(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    give_away(tmp_path)
    repo = write_repo(tmp_path / "mine")
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    result = run(["list", "--format", "json", "--today", "2026-01-05"])
    assert result.exit_code == 0
    assert [row["id"] for row in result.json()] == ["ct-2022"]
