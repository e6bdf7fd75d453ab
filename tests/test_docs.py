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
