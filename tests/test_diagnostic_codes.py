"""Every code of the diagnostic catalogue is triggered by some test: by a file under
tests/bad (listed in tests/bad/EXPECTED), or, for the few that need more than one
agreement file, by the test named in SPECIAL. Also PP006, which no file's bytes can
trigger: it needs a path that cannot be read."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest
from conftest import run, write_repo

from ppcli.diagnostics import CATALOG

TESTS = Path(__file__).parent

# code -> "file::test" that triggers it, for codes a tests/bad file cannot trigger
SPECIAL = {
    # a file over the 2 MB limit: too big to keep in the corpus
    "PP004": "test_files.py::test_huge_file_is_refused_quickly",
    # a path that exists but cannot be read (root reads any file: a dangling link)
    "PP006": "test_diagnostic_codes.py::test_unreadable_file_is_pp006",
    # a FIFO, a device or a folder where an agreement file should be; a link there
    "PP007": "security/test_read_special_files.py::test_validate_names_a_special_file",
    "PP008": "security/test_read_special_files.py::test_validate_names_a_special_file",
    # problems of the organisation registry, not of an agreement file
    "PP071": "test_validate.py::test_registry_problems",
    "PP072": "test_validate.py::test_registry_problems",
    "PP074": "test_parties_ended.py::test_absorbed_entries_are_checked",
    # the repository has no registry at all
    "PP080": "test_repository.py::test_missing_registry_is_reported",
    # a file named on the command line that does not exist / lies outside agreements/
    "PP081": "test_validate.py::test_missing_named_file",
    "PP082": "test_validate.py::test_file_outside_agreements_folder_is_skipped",
}


def _corpus_codes() -> set[str]:
    codes = set()
    for line in (TESTS / "bad" / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes.add(line.split()[1])
    return codes


def _test_source(where: str) -> str:
    """The source of one test function, named as file::function."""
    file, name = where.split("::")
    tree = ast.parse((TESTS / file).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment((TESTS / file).read_text(encoding="utf-8"),
                                          node) or ""
    raise AssertionError(f"{where} does not exist")


def test_every_code_is_triggered_by_a_bad_file_or_a_named_test() -> None:
    corpus = _corpus_codes()
    assert corpus <= set(CATALOG), "EXPECTED names a code the catalogue does not have"
    untested = sorted(set(CATALOG) - corpus - set(SPECIAL))
    assert untested == [], f"no tests/bad file and no SPECIAL entry triggers {untested}"


def test_special_codes_need_their_special_setup() -> None:
    corpus = _corpus_codes()
    # a code moved into the corpus leaves the allow-list
    assert sorted(corpus & set(SPECIAL)) == []
    assert set(SPECIAL) <= set(CATALOG)


@pytest.mark.parametrize("code", sorted(SPECIAL))
def test_the_named_test_exists_and_checks_the_code(code: str) -> None:
    assert code in _test_source(SPECIAL[code])


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_unreadable_file_is_pp006(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "r")
    data = repo / "agreements"
    (data / "gay.yaml").write_text("id: gay\n", encoding="utf-8")
    (data / "thu-muc.yaml").mkdir()  # a folder named like a file: not an agreement, skipped
    # root reads any file, so the refusal a clerk meets (no permission) is made here
    import ppcli.files.safe_read

    real_open = os.open

    def refusing_open(path: object, flags: int, *args: int) -> int:
        if str(path).endswith("gay.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ppcli.files.safe_read.os, "open", refusing_open)
    result = run(["validate", "--format", "json"], repo)
    assert result.exit_code == 1
    assert [(d["path"], d["line"], d["column"], d["code"], d["severity"])
            for d in result.json()] == [("agreements/gay.yaml", 1, 1, "PP006", "error")]
    assert result.json()[0]["message"].startswith("không đọc được tệp: ")
    english = run(["validate", "--lang", "en"], repo)
    assert english.lines()[0].startswith(
        "agreements/gay.yaml:1:1: error[PP006] cannot read the file: ")
    assert "Traceback" not in english.stdout + english.stderr
    # due leaves the file out and says so, without a traceback
    due = run(["due", "--today", "2024-01-01"], repo)
    assert due.exit_code == 0
    assert ("Cảnh báo: 1 tệp có lỗi nên không được tính (agreements/gay.yaml); hãy chạy "
            "ppcli validate") in due.stderr
