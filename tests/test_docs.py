"""The generated documentation stays in step with the code; every command has help."""

from __future__ import annotations

import sys

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


def test_every_command_has_help() -> None:
    for command in ("validate", "list", "show", "schema", "due", "ics", "render", "record",
                    "history", "diff", "init", "new"):
        result = run([command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_every_command_is_documented_in_the_readme() -> None:
    from ppcli.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
             if not c.hidden]
    names += [g.name or "" for g in app.registered_groups]
    assert len(names) >= 12
    missing = [n for n in names if f"ppcli {n}" not in readme]
    assert missing == []
