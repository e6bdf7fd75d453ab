"""Issue 15.13: odd values on the command line end in a clear message with exit status
2, never a traceback. Tried on every command: dates 9999-12-31, 0001-01-01, 2026-02-30,
1-1-1 and text for --today/--since/--until/--on/--start; periods 2024-13, 2024-Q5,
2024-H3, 0000, 99999, -1; ids of 20,000 characters and with ESC; empty --party and
--agreement; revisions that look like options; --repo on a file, a FIFO, ""; --template
and -o on a FIFO, a folder, a missing folder; a tab and a line break in --number;
textconv on a FIFO, a folder, a missing file. The cases that broke are replayed here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run

OUT_OF_RANGE_VI = ("ppcli: {option}: ngày {value} nằm ngoài khoảng ppcli tính được "
                   "(1900-01-01 đến 2999-12-31)\n")


@pytest.mark.parametrize("args", [
    ["due", "--today", "9999-12-31"],
    ["due", "--today", "9999-12-31", "--format", "json"],
    ["show", "ct-2022", "--today", "9999-12-31"],
    ["show", "ct-2022", "--format", "json", "--today", "9999-12-31"],
    ["ics", "--today", "9999-12-31"],
    ["list", "--today", "9999-12-31"],
    ["validate", "--today", "9999-12-31"],
    ["due", "--today", "0001-01-01"],
])
def test_dates_past_what_ppcli_computes_with(repo: Path, tmp_path: Path, args: list[str]
                                            ) -> None:
    if args[0] == "ics":
        args = [*args, "-o", str(tmp_path / "x.ics")]
    result = run(args, repo)
    assert result.exit_code == 2
    assert result.stdout == ""
    value = args[args.index("--today") + 1]
    assert result.stderr == OUT_OF_RANGE_VI.format(option="--today", value=value)


def test_the_edges_of_the_range_still_work(repo: Path) -> None:
    assert run(["due", "--today", "2999-12-31", "--within", "3660"], repo).exit_code == 0
    assert run(["show", "ct-2022", "--today", "1900-01-01"], repo).exit_code == 0


def test_english_message(repo: Path) -> None:
    result = run(["due", "--lang", "en", "--today", "9999-12-31"], repo)
    assert result.stderr == ("ppcli: --today: the date 9999-12-31 is outside the range ppcli "
                             "can compute with (1900-01-01 to 2999-12-31)\n")


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_textconv_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path, tmp_path / "missing.yaml"):
        result = run(["textconv", str(target)])
        assert result.exit_code == 3
        assert result.stderr.startswith(f"ppcli: không đọc được {target}: ")
