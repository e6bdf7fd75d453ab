"""``--repo``, ``--lang`` and ``--today`` are global: accepted before or after the command
name, with one meaning (:class:`ppcli.cli.options.Run`); and ``--help`` loads no core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from ppcli.engine.due import DEFAULT_WITHIN


def test_today_before_or_after_the_command(repo: Path) -> None:
    before = run(["--today", "2024-06-01", "due", "--format", "json"], repo)
    after = run(["due", "--today", "2024-06-01", "--format", "json"], repo)
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert json.loads(before.stdout)[0]["days"] != json.loads(
        run(["due", "--today", "2024-12-01", "--format", "json"], repo).stdout)[0]["days"]


def test_the_command_s_own_value_wins(repo: Path) -> None:
    both = run(["--today", "2020-01-01", "due", "--today", "2024-06-01", "--format", "json"],
               repo)
    assert both.stdout == run(["due", "--today", "2024-06-01", "--format", "json"], repo).stdout


def test_repo_and_lang_after_the_command(repo: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("PPCLI_REPO", raising=False)
    result = run(["show", "ct-2022", "--repo", str(repo), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Parties" in result.stdout or "parties" in result.stdout
    for command in (["history", "--repo", str(repo)], ["diff", "--repo", str(repo)],
                    ["record", "conference", "ct-2022", "so-ket", "--repo", str(repo),
                     "--on", "2024-06-20"]):
        result = run(command)
        assert result.exit_code != 2, (command, result.stderr)  # the option was taken
        assert "--repo" not in result.stderr


def test_today_is_accepted_by_every_command_and_checked(repo: Path) -> None:
    result = run(["history", "--today", "2024-13-01"], repo)
    assert (result.exit_code, result.stderr) == (
        2, "ppcli: --today: ngày không hợp lệ \"2024-13-01\"; hãy ghi dạng 2024-12-31\n")
    result = run(["history", "--since", "2024-13-01"], repo)
    assert result.stderr.startswith("ppcli: --since: ngày không hợp lệ"), result.stderr


def test_an_unknown_language_is_a_usage_error(repo: Path) -> None:
    result = run(["due", "--lang", "fr"], repo)
    assert (result.exit_code, result.stderr) == (
        2, "ppcli: ngôn ngữ không hỗ trợ: fr; dùng vi hoặc en\n")


def test_the_cli_default_for_within_is_the_engine_s() -> None:
    from ppcli.cli.everyday import DEFAULT_WITHIN as CLI_DEFAULT
    from ppcli.cli.site_cmd import DEFAULT_WITHIN as SITE_DEFAULT

    assert CLI_DEFAULT == SITE_DEFAULT == DEFAULT_WITHIN


CORE = ("ppcli.commands", "ppcli.engine", "ppcli.files", "ppcli.history", "ppcli.views",
        "ppcli.drafts", "ppcli.diagnostics", "ppcli.site", "yaml", "jinja2", "docx", "holidays",
        "icalendar")


def test_help_loads_no_core_module() -> None:
    """``ppcli --help`` imports typer and the option declarations, nothing of the core
    (what made it 1.9× slower than a bare typer app; bench/startup.py times it)."""
    code = ("import sys\nsys.argv = ['ppcli', '--help']\nfrom ppcli.cli.start import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.startswith({CORE!r})), "
            "file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)},
                          check=True)
    assert proc.stderr.strip().splitlines()[-1] == "[]"
    assert "Cách dùng:" in proc.stdout
