"""The generated documentation stays in step with the code; every command has help."""

from __future__ import annotations

import sys
from typing import Any

import pytest
import typer
from conftest import ROOT, run

sys.path.insert(0, str(ROOT / "docs"))
import generate  # noqa: E402


def test_diagnostics_doc_is_current() -> None:
    assert (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8") == generate.diagnostics_md()


def test_schemas_are_current_and_match_ppcli_schema() -> None:
    for kind, text in generate.schemas().items():
        assert (ROOT / f"docs/schema/{kind}.schema.json").read_text(encoding="utf-8") == text
        assert run(["schema", kind]).stdout == text


def test_format_reference_is_current() -> None:
    current = (ROOT / "docs/format.md").read_text(encoding="utf-8")
    assert current == generate.format_md(current)
    assert "`duties[].deadline.working_days_after`" in current


COMMANDS = ("validate", "list", "show", "schema", "due", "ics", "render", "record",
            "record report", "record conference", "record extension", "record reminder",
            "history", "diff", "init", "new", "site", "holidays", "org", "stats", "chase",
            "dossier", "import")


def _commands() -> dict[str, Any]:
    """The visible commands and subcommands as typer builds them (click objects, read by
    duck typing: typer vendors its own click)."""
    from ppcli.cli.everyday import app

    out: dict[str, Any] = {}

    def walk(prefix: str, group: Any) -> None:
        for name, cmd in group.commands.items():
            if not cmd.hidden:
                out[f"{prefix}{name}"] = cmd
                if hasattr(cmd, "commands"):
                    walk(f"{prefix}{name} ", cmd)

    walk("", typer.main.get_command(app))
    return out


def test_the_command_list_is_complete() -> None:
    assert sorted(_commands()) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    """``ppcli CMD --help`` says what the command does, and names and explains each of
    its options, arguments and subcommands."""
    cmd = _commands()[command]
    result = run([*command.split(), "--help"], env={"COLUMNS": "200"})
    assert (result.exit_code, result.stderr) == (0, "")
    text = " ".join(result.stdout.split())
    assert f" {command} " in text.split("Cách dùng:")[1][:80], text  # Vietnamese by default
    summary = " ".join((cmd.help or "").split("\n\n")[0].split())
    assert summary and summary in text, (summary, text)
    for param in cmd.params:
        if param.hidden:
            continue
        assert param.help, (command, param.name)  # every option and argument explained
        assert " ".join(param.help.split())[:30] in text, (command, param.name)
        if param.param_type_name == "option":
            assert max(param.opts, key=len) in text, (command, param.opts)
    for name, sub in getattr(cmd, "commands", {}).items():
        assert name in text and (sub.short_help or sub.help or "")[:20] in text, name


def test_every_command_is_documented_in_the_readme() -> None:
    from ppcli.cli.everyday import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
             if not c.hidden]
    names += [g.name or "" for g in app.registered_groups]
    assert len(names) >= 12
    missing = [n for n in names if f"ppcli {n}" not in readme]
    assert missing == []
