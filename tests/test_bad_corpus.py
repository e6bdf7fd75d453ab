"""The corpus of bad files in tests/bad: each gives exactly the diagnostics listed in
tests/bad/EXPECTED (code, line, column), and the JSON Schema agrees with the seeds."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, run, write_repo

from ppcli.diagnostics import CATALOG, Severity

BAD = Path(__file__).parent / "bad"


def expected() -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in (BAD / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code, row, col = line.split()
            out[name].append((code, int(row), int(col)))
    return out


EXPECTED = expected()


def test_every_bad_file_is_listed() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(tmp_path: Path, name: str) -> None:
    repo = write_repo(tmp_path / "r", {name: (BAD / name).read_bytes()})
    result = run(["validate", "--today", "2026-11-22", "--format", "json"], repo)
    errors = any(CATALOG[code][0] is Severity.ERROR for code, _, _ in EXPECTED[name])
    assert result.exit_code == (1 if errors else 0)
    got = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert sorted(got) == sorted(EXPECTED[name])
    assert all(d["path"] == f"agreements/{name}" for d in json.loads(result.stdout))


def _plain(value: Any) -> Any:
    """YAML as the editor's YAML 1.2 language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema(kind: str) -> dict[str, Any]:
    return json.loads((ROOT / f"docs/schema/{kind}.schema.json").read_text(encoding="utf-8"))


def test_json_schema_accepts_every_seed() -> None:
    agreement = jsonschema.Draft202012Validator(schema("agreement"))
    files = sorted((ROOT / "agreements").rglob("*.yaml"))
    assert len(files) == 17  # the seeds' 8, the issue 17 examples' 7, config and registry
    for path in files:
        data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        kind = {"ppcli.yaml": "config", "organisations.yaml": "registry"}.get(path.name)
        validator = jsonschema.Draft202012Validator(schema(kind)) if kind else agreement
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


SCHEMA_ERRORS = ["bad-enum.yaml", "bad-id.yaml", "bad-period.yaml", "bool-trap.yaml",
                 "missing-required.yaml", "two-rules.yaml", "unknown-key.yaml",
                 "wrong-type.yaml"]


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_json_schema_rejects_the_schema_errors(name: str) -> None:
    data = _plain(yaml.safe_load((BAD / name).read_text(encoding="utf-8")))
    assert list(jsonschema.Draft202012Validator(schema("agreement")).iter_errors(data))
