"""No input produces a traceback: random text and bytes through the whole pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import AGREEMENT, run, write_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppcli.diagnostics import CATALOG, Diagnostic, Severity
from ppcli.files.checks import validate
from ppcli.files.repository import find_repo, load

YAMLISH = st.lists(st.sampled_from(list("abcđếộ:-[]{}&*!|>'\"#, \n\t0123456789.")
                                   + ["\r\n", "  ", "id", "kind", "parties", "- org: "]),
                   max_size=120).map("".join)


def run_validate(root: Path, content: bytes, name: str = "x.yaml") -> list[str]:
    """The codes validate gives for one file, after checking what holds for any input:
    every diagnostic is about that file, has a catalogued code, a position inside the
    file, and a message in both languages; a file that was not read as an agreement
    always has an error saying why (nothing is skipped silently)."""
    (root / "agreements" / name).write_bytes(content)
    loaded = load(find_repo(root))
    diags = validate(loaded, dt.date(2026, 11, 22))
    lines = content.count(b"\n") + 1
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert d.path == f"agreements/{name}", d
        assert d.code in CATALOG, d
        assert 1 <= d.line <= lines + 1 and d.column >= 1, (d, lines)  # +1: end of file
        assert d.message("vi") and d.message("en"), d
    read = any(a.where.file == f"agreements/{name}" for a in loaded.agreements)
    assert read or any(d.severity is Severity.ERROR for d in diags), diags
    return [d.code for d in diags]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_random_yamlish_text(tmp_path: Path, text: str) -> None:
    root = write_repo(tmp_path / "r", {})
    codes = run_validate(root, text.encode("utf-8"))
    if not text.strip(" \t\r\n"):
        assert codes in (["PP005"], ["PP011"]), codes  # empty, or Tabs only


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    root = write_repo(tmp_path / "r", {})
    codes = run_validate(root, data)
    if b"\x00" in data:
        assert codes in (["PP002"], ["PP003"]), codes  # UTF-16 or binary, said once


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(AGREEMENT)),
       insert=st.sampled_from(["", ":", "- ", "\n  ", "[", "&a ", "*a", "no", "0123", "\t"]))
def test_damaged_agreement(tmp_path: Path, cut: int, insert: str) -> None:
    root = write_repo(tmp_path / "r", {})
    text = AGREEMENT[:cut] + insert + AGREEMENT[cut:]
    codes = run_validate(root, text.encode("utf-8"), "ct-2022.yaml")
    if insert == "":
        assert codes == []  # the intact agreement is valid
    if insert == "\t" and AGREEMENT[:cut].endswith("\n"):
        assert "PP011" in codes  # a Tab that indents a line


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(AGREEMENT)),
       insert=st.sampled_from([":", "- ", "\n  ", "[", "&a ", "*a", "no", "\t", "\x00", "\xff"]))
def test_damaged_agreement_through_the_cli(tmp_path: Path, cut: int, insert: str) -> None:
    """The command line answers any damage with JSON diagnostics and the exit code the
    house rules give (1 when there are errors, 0 for warnings only), nothing on stderr."""
    text = AGREEMENT[:cut] + insert + AGREEMENT[cut:]
    # "\xff" stands for a lone 0xFF byte, which is not UTF-8
    data = text.encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    root = write_repo(tmp_path / "r", {"ct-2022.yaml": data})
    result = run(["validate", "--today", "2026-11-22", "--format", "json"], root)
    diags = json.loads(result.stdout)
    errors = [d for d in diags if d["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0)
    assert result.stderr == ""
    assert all(d["code"] in CATALOG and d["message"] for d in diags)
    if insert in ("\x00", "\xff"):
        assert [d["code"] for d in diags] == ["PP003" if insert == "\x00" else "PP001"]
