"""No input produces a traceback: random text and bytes through the whole pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import AGREEMENT, write_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppcli.checks import validate
from ppcli.repository import find_repo, load

YAMLISH = st.lists(st.sampled_from(list("abcđếộ:-[]{}&*!|>'\"#, \n\t0123456789.")
                                   + ["\r\n", "  ", "id", "kind", "parties", "- org: "]),
                   max_size=120).map("".join)


def run_validate(root: Path, content: bytes) -> list[str]:
    (root / "agreements/x.yaml").write_bytes(content)
    loaded = load(find_repo(root))
    return [d.code for d in validate(loaded, dt.date(2026, 11, 22))]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_random_yamlish_text(tmp_path: Path, text: str) -> None:
    root = write_repo(tmp_path / "r", {})
    assert isinstance(run_validate(root, text.encode("utf-8")), list)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    root = write_repo(tmp_path / "r", {})
    assert isinstance(run_validate(root, data), list)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(AGREEMENT)),
       insert=st.sampled_from(["", ":", "- ", "\n  ", "[", "&a ", "*a", "no", "0123", "\t"]))
def test_damaged_agreement(tmp_path: Path, cut: int, insert: str) -> None:
    root = write_repo(tmp_path / "r", {})
    text = AGREEMENT[:cut] + insert + AGREEMENT[cut:]
    assert isinstance(run_validate(root, text.encode("utf-8")), list)
