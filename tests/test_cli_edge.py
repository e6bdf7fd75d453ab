"""The edge of the command line: one handler turns every error of the core into
``ppcli: <message>`` and its exit status (1 problems, 2 wrong request, 3 environment),
never a traceback; and only the modules of ppcli/cli/ know the terminal."""

from __future__ import annotations

import ast
import errno
from pathlib import Path

import pytest
from conftest import ROOT, run, write_repo

from ppcli import commands

PACKAGE = ROOT / "ppcli"
BROKEN = "id: hong\nkind: quy-che\n"  # a file with errors (no title, no parties…)


def _no_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PPCLI_REPO", raising=False)
    return ["due"]


def _unknown_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return ["--repo", str(write_repo(tmp_path / "r")), "show", "ct-2021"]


def _record_on_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": BROKEN})
    return ["--repo", str(repo), "record", "conference", "hong", "so-ket"]


def _unwritable_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    repo = write_repo(tmp_path / "r")
    return ["--repo", str(repo), "ics", "-o", str(tmp_path / "khong-co" / "lich.ics")]


def _bad_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    repo = write_repo(tmp_path / "r")
    (repo / "mau.md.j2").write_text("{% if %}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return ["--repo", str(repo), "render", "ct-2022", "bao-cao-nam", "2023", "--format",
            "md", "--template", str(repo / "mau.md.j2"), "-o", "-"]


def _git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    return ["--repo", str(write_repo(tmp_path / "r")), "history"]


def _disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/kho/agreements/x.yaml")
    monkeypatch.setattr(commands, "validate", full)
    return ["--repo", str(write_repo(tmp_path / "r")), "validate"]


def _no_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/kho/agreements")
    monkeypatch.setattr(commands, "validate", denied)
    return ["--repo", str(write_repo(tmp_path / "r")), "--lang", "en", "validate"]


CASES = {
    "no repository": (_no_repo, 3,
                      "ppcli: không tìm thấy kho thỏa thuận (thư mục có agreements/ppcli.yaml) "
                      "ở thư mục hiện tại hay các thư mục cha; hãy chuyển vào kho hoặc dùng "
                      "--repo"),
    "unknown id": (_unknown_id, 2,
                   "ppcli: không có thỏa thuận \"ct-2021\" (có phải ý bạn là \"ct-2022\"?)"),
    "record on a file with errors": (
        _record_on_broken, 1,
        "ppcli: tệp của thỏa thuận \"hong\" đang có lỗi; hãy sửa trước (ppcli validate)"),
    "unwritable output": (_unwritable_output, 3, "ppcli: không có thư mục để ghi {tmp}/khong-co/"
                          "lich.ics; hãy tạo thư mục trước"),
    "bad template": (_bad_template, 2, None),
    "git missing": (_git_missing, 3,
                    "ppcli: không tìm thấy chương trình git; hãy cài git (https://git-scm.com) "
                    "để xem lịch sử. Các lệnh khác của ppcli vẫn dùng được"),
    "disk full (an OSError escaping)": (
        _disk_full, 3,
        "ppcli: không ghi được /kho/agreements/x.yaml: ổ đĩa đã đầy (hoặc hết hạn mức); tệp "
        "cũ vẫn nguyên. Hãy giải phóng chỗ trống rồi chạy lại"),
    "no permission (an OSError escaping)": (
        _no_permission, 3,
        "ppcli: no permission to read or write /kho/agreements (or its folder); check the "
        "folder's permissions or choose another place"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_error_is_one_line_and_its_status(case: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    trigger, status, message = CASES[case]
    args = trigger(tmp_path, monkeypatch)
    result = run(args)  # exceptions are not caught by the runner: an escape fails here
    assert result.exit_code == status
    lines = result.stderr.splitlines()
    if message is not None:
        assert lines[-1] == message.format(tmp=tmp_path)
    else:
        assert lines[-1].startswith("ppcli: mẫu ")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_diagnostics_come_before_the_message(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    result = run(["--repo", str(repo), "new", "x-2024", "--title", "T", "--party",
                  "so-noi-vu-ca-mau", "--party", "tinh-doan-ca-mau", "--start", "2024-05-01",
                  "--end", "2024-01-01"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "ppcli: thỏa thuận mới không hợp lệ; không ghi gì"
    assert len(lines) >= 2 and lines[0].startswith("agreements/x-2024.yaml:")
    assert not (repo / "agreements" / "x-2024.yaml").exists()


def test_validate_with_errors_exits_1(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": BROKEN})
    result = run(["--repo", str(repo), "validate"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("0 cảnh báo (3 tệp).")


# -- only the command line knows the terminal --------------------------------------------


def _core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if p.relative_to(PACKAGE).parts[0] != "cli" and p.name != "__main__.py")


def _terminal_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in ("typer", "rich")]
        elif isinstance(node, ast.ImportFrom) and node.module and \
                node.module.split(".")[0] in ("typer", "rich", "click"):
            found.append(node.module)
        elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and \
                isinstance(node.value, ast.Name) and node.value.id == "sys":
            found.append(f"sys.{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("print", "input", "breakpoint"):
            found.append(f"{node.func.id}() (line {node.lineno})")
    return found


def test_no_module_below_the_cli_knows_the_terminal() -> None:
    offenders = {p.name: _terminal_uses(p) for p in _core_modules()}
    assert {name: uses for name, uses in offenders.items() if uses} == {}
    assert len(offenders) > 30  # the walk really saw the package


def test_the_terminal_check_sees_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sys\nimport rich.text\nfrom typer import Exit\n"
                      "print('x')\nsys.stderr.write('y')\n", encoding="utf-8")
    assert _terminal_uses(sample) == ["rich.text", "typer", "print() (line 4)",
                                      "sys.stderr (line 5)"]
