"""One error boundary: every command, run where it cannot continue (no repository, no
git on the PATH, an output it cannot write, a full disk, no permission), ends with one
line ``ppcli: …`` on stderr and the documented status (README: 0 ok, 1 problems found, 2
the request is wrong, 3 environment), never a traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import typer
from conftest import GIT_IDENTITY, run, write_repo

from ppcli.cli.options import app

# one ordinary invocation of each command (the test fails when a command is added
# without one: every command is run against every fault)
EVERY = {
    "validate": ["validate"],
    "list": ["list"],
    "show": ["show", "ct-2022"],
    "due": ["due", "--today", "2024-06-01"],
    "schema": ["schema"],
    "ics": ["ics", "--today", "2024-06-01"],
    "render": ["render", "ct-2022", "bao-cao-nam", "2023", "--format", "md", "-o", "-"],
    "chase": ["chase", "ct-2022", "--today", "2024-06-01", "--format", "md", "-o", "-"],
    "dossier": ["dossier", "ct-2022", "--format", "csv", "-o", "-"],
    "history": ["history"],
    "diff": ["diff"],
    "init": ["init"],
    "holidays": ["holidays", "2026"],
    "org": ["org", "so noi vu"],
    "site": ["site", "--today", "2024-06-01", "-o", "trang"],
    "import": ["import", str(Path(__file__).parent / "data" / "import" / "ct-ca-mau.txt"),
               "--today", "2026-01-01", "--dry-run"],
    "new": ["new", "ct-moi", "--title", "Quy chế mới", "--party", "so-noi-vu-ca-mau",
            "--party", "tinh-doan-ca-mau", "--start", "2024-01-01"],
    "record report": ["record", "report", "ct-2022", "bao-cao-nam", "2023",
                      "--on", "2023-12-10"],
    "record conference": ["record", "conference", "ct-2022", "so-ket", "--on",
                          "2024-06-20"],
    "record extension": ["record", "extension", "ct-2022", "bao-cao-nam", "2023",
                         "--until", "2024-01-15", "--on", "2023-12-01"],
    "record reminder": ["record", "reminder", "ct-2022", "bao-cao-nam", "2023",
                        "--kind", "nhac-nho", "--on", "2023-12-20"],
    "stats": ["stats", "--today", "2024-06-01"],
}
NEEDS_NO_REPO = {"schema", "init", "holidays"}  # init makes one; holidays works without
USES_GIT = {"history", "diff"}


def _commands() -> set[str]:
    names: set[str] = set()

    def walk(prefix: str, group: object) -> None:
        for name, cmd in group.commands.items():  # type: ignore[attr-defined]
            if cmd.hidden:
                continue
            if hasattr(cmd, "commands"):
                walk(f"{prefix}{name} ", cmd)
            else:
                names.add(f"{prefix}{name}")

    walk("", typer.main.get_command(app))
    return names


def test_every_command_is_tried() -> None:
    assert set(EVERY) == _commands()


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ppcli: "), stderr
    return lines[0]


@pytest.mark.parametrize("command", sorted(EVERY))
def test_no_repository(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                       ) -> None:
    empty = tmp_path / "trong"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.delenv("PPCLI_REPO", raising=False)
    result = run(EVERY[command])
    if command in NEEDS_NO_REPO:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 3
    assert _one_line(result.stderr) == (
        "ppcli: không tìm thấy kho thỏa thuận (thư mục có agreements/ppcli.yaml) ở thư mục "
        "hiện tại hay các thư mục cha; hãy chuyển vào kho hoặc dùng --repo")
    english = run(["--lang", "en", *EVERY[command]])
    assert english.exit_code == 3
    assert _one_line(english.stderr).startswith("ppcli: no agreements repository")


@pytest.mark.parametrize("command", sorted(EVERY))
def test_no_git_on_the_path(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                            ) -> None:
    repo = write_repo(tmp_path / "r")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co-git"))
    args = EVERY[command] if command != "init" else ["init", str(tmp_path / "moi")]
    result = run(args, repo)
    assert "Traceback" not in result.stderr
    if command in USES_GIT:
        assert result.exit_code == 3
        assert _one_line(result.stderr).startswith("ppcli: không tìm thấy chương trình git; ")
    else:  # the other commands work without git
        assert result.exit_code == 0, (command, result.stderr)


@pytest.mark.parametrize("args", [
    ["render", "ct-2022", "bao-cao-nam", "2023", "--format", "md", "-o", "{file}/x.md"],
    ["site", "--today", "2024-06-01", "-o", "{file}/trang"],
    ["ics", "--today", "2024-06-01", "-o", "{file}/lich.ics"],
    ["init", "{file}/kho"],
])
def test_an_output_that_cannot_be_written(args: list[str], tmp_path: Path) -> None:
    """A path through a file (as /nonexistent/ for root, who may write anywhere)."""
    repo = write_repo(tmp_path / "r")
    blocker = tmp_path / "tep"
    blocker.write_text("", encoding="utf-8")
    result = run([a.replace("{file}", str(blocker)) for a in args], repo)
    assert result.exit_code == 3
    line = _one_line(result.stderr)
    assert "một phần của đường dẫn là tệp, không phải thư mục" in line, line


@pytest.mark.parametrize("command", ["render", "ics", "new", "record report",
                                     "record conference", "record extension",
                                     "record reminder", "init", "import"])
@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "ổ đĩa đã đầy"),
    (errno.EACCES, "không có quyền"),
    (errno.EIO, "lỗi hệ điều hành EIO"),
])
def test_a_full_disk_or_no_permission(command: str, code: int, words: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command that writes, when the final move of its atomic write fails."""
    repo = write_repo(tmp_path / "r")
    monkeypatch.chdir(tmp_path)

    def refuse(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code), str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    args = list(EVERY[command])
    if command in ("render", "ics"):
        args = [a for a in args if a != "-"]
        args[args.index("-o") if "-o" in args else len(args):] = ["-o", str(tmp_path / "ra")]
    if command == "init":
        args = ["init", str(tmp_path / "kho")]
    if command == "import":
        args.remove("--dry-run")
    result = run(args, repo, env=GIT_IDENTITY)
    assert result.exit_code == 3, (result.stdout, result.stderr)
    line = _one_line(result.stderr)
    assert words in line, line


def test_unknown_ids_are_one_mistake_everywhere(repo: Path) -> None:
    """The same id, unknown to every command that takes one: exit 2, the same words, a
    did-you-mean."""
    import subprocess

    for git in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "đầu tiên"]):
        subprocess.run(["git", *git], cwd=repo, env={**os.environ, **GIT_IDENTITY}, check=True)
    said = "ppcli: không có thỏa thuận \"ct-2021\" (có phải ý bạn là \"ct-2022\"?)"
    for args in (["show", "ct-2021"], ["history", "ct-2021"],
                 ["render", "ct-2021", "bao-cao-nam", "2023"],
                 ["record", "report", "ct-2021", "bao-cao-nam", "2023", "--on", "2023-12-01"]):
        result = run(args, repo)
        assert result.exit_code == 2, args
        assert said in _one_line(result.stderr), (args, result.stderr)


def test_a_reader_that_goes_away(tmp_path: Path) -> None:
    """``ppcli show … | head -1``: the closed pipe ends the run quietly, status 0 (it
    used to say "cannot read ?: Broken pipe")."""
    import subprocess
    import sys

    from conftest import ROOT

    body = "".join(f"  - id: bao-cao-{i}\n    from: so-noi-vu-ca-mau\n    to: ubnd-ca-mau\n"
                   f"    frequency: hang-thang\n    title: {'Báo cáo tháng ' * 20}\n"
                   for i in range(40))
    from conftest import AGREEMENT

    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT.replace(
        "duties:\n", "duties:\n" + body)})
    proc = subprocess.Popen([sys.executable, "-m", "ppcli", "--repo", str(repo), "show",
                             "ct-2022", "--today", "2026-01-01"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                         "NO_COLOR": "1"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait() == 0 and err == ""
