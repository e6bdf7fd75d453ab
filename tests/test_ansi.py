"""The long listings on a colour terminal: plain SGR codes around the views' pieces."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_repo

from ppcli.cli import options
from ppcli.cli.ansi import render, sgr

SGR = re.compile("\x1b\\[[0-9;]*m")


def test_styles_become_sgr_codes_closed_before_each_line_break() -> None:
    out = render([("Quá hạn (2)\n", "bold red"), ("  Báo cáo năm  ", "bold"),
                  ("trễ 3 ngày", "red"), ("  ct-2022\n\n", ""), ("ghi chú", "dim"),
                  ("\n", "yellow"), ("", "cyan"), ("x", "blink")])
    assert out == ("\x1b[1;31mQuá hạn (2)\x1b[0m\n"
                   "\x1b[1m  Báo cáo năm  \x1b[0m\x1b[31mtrễ 3 ngày\x1b[0m  ct-2022\n\n"
                   "\x1b[2mghi chú\x1b[0m\n"
                   "x")  # an unknown style word: the text, uncoloured
    assert sgr("") == "" and sgr("magenta") == "\x1b[35m"


def test_every_piece_goes_through_the_terminal_sanitiser() -> None:
    hostile = "a\x1b]52;c;ZXZpbA==\x07b\r\u202ec"
    out = render([(hostile, "bold"), (hostile + "\n", "")])
    assert SGR.sub("", out) == "a␛]52;c;ZXZpbA==␇b␍<U+202E>c" * 2 + "\n"
    assert out.count("\x1b") == 2  # ours only: one start, one reset


def test_print_segments_writes_sgr_on_a_colour_terminal(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(options, "_colour", lambda stream: True)
    options.print_segments([("Quá hạn (1)\n", "bold red"), ("  x\x1b[2J\n", "")])
    assert capsys.readouterr().out == "\x1b[1;31mQuá hạn (1)\x1b[0m\n  x␛[2J\n"


def _in_pty(args: list[str], env: dict[str, str]) -> str:
    import pty  # noqa: F401  (POSIX only: the test is skipped elsewhere)

    master, slave = os.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL,
                            env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
@pytest.mark.parametrize("command", [["due"], ["show", "ct-2022"]])
def test_in_a_terminal_the_text_is_the_piped_text_plus_codes(
        tmp_path: Path, command: list[str]) -> None:
    repo = write_repo(tmp_path / "repo")
    args = [sys.executable, "-m", "ppcli", "--repo", str(repo), *command,
            "--today", "2026-11-22"]
    env = {**os.environ, "TERM": "xterm", "PPCLI_LANG": "vi",
           "PPCLI_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NO_COLOR", None)
    coloured = _in_pty(args, env)
    plain = subprocess.run(args, env=env, capture_output=True, check=True).stdout.decode()
    assert "\x1b[" in coloured and "\x1b" not in plain
    assert SGR.sub("", coloured) == plain
