"""Shared helpers: build small agreement repositories inline, run the CLI."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ppcli.cli.everyday import app

ROOT = Path(__file__).resolve().parent.parent

REGISTRY = """\
organisations:
  - id: ubnd-ca-mau
    name: Ủy ban nhân dân tỉnh Cà Mau
    short: UBND tỉnh Cà Mau
    kind: ubnd
    province: Cà Mau
  - id: so-noi-vu-ca-mau
    name: Sở Nội vụ tỉnh Cà Mau
    short: Sở Nội vụ
    kind: so
    parent: ubnd-ca-mau
  - id: tinh-doan-ca-mau
    name: Tỉnh đoàn Cà Mau
    kind: doan-the
  - id: so-cu
    name: Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau
    kind: so
    ended:
      date: 2025-03-01
      how: sap-nhap
      successors: so-noi-vu-ca-mau
"""

CONFIG = "place: Cà Mau\nissuer: so-noi-vu-ca-mau\n"

AGREEMENT = """\
id: ct-2022
kind: chuong-trinh
title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026
signed: 2022-03-15
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2022-03-15
  end: 2026-12-31
duties:
  - id: bao-cao-nam
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2024
    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
records:
  - report: bao-cao-nam
    period: 2022
    date: 2022-12-10
    number: 12/BC-SNV
"""


def write_repo(root: Path, agreements: Mapping[str, str | bytes] | None = None,
               registry: str = REGISTRY, config: str = CONFIG) -> Path:
    """A repository at ``root``; ``agreements`` maps paths under agreements/ to text."""
    data = root / "agreements"
    data.mkdir(parents=True, exist_ok=True)
    (data / "ppcli.yaml").write_text(config, encoding="utf-8")
    if registry is not None:
        (data / "organisations.yaml").write_text(registry, encoding="utf-8")
    for name, content in (agreements if agreements is not None
                          else {"ct-2022.yaml": AGREEMENT}).items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self) -> Any:
        return json.loads(self.stdout)

    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def run(args: list[str], repo: Path | None = None, env: Mapping[str, str] | None = None
        ) -> Result:
    runner = CliRunner()
    full = (["--repo", str(repo)] if repo is not None else []) + args
    result = runner.invoke(app, full, env={"NO_COLOR": "1", "PPCLI_LANG": "", **(env or {})},
                           catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


# what a test that makes commits passes to git: on a fresh machine nobody has an identity
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "van.thu@example.vn",
                "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "van.thu@example.vn"}


@pytest.fixture(autouse=True)
def fresh_machine(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> Path:
    """Every test runs as on a new clerk's PC: an empty home folder, no global or system git
    configuration, hence no git identity. A test that commits passes GIT_IDENTITY itself."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "EMAIL", "GIT_CONFIG", "GIT_DIR",
                 "GIT_WORK_TREE", *GIT_IDENTITY):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> Path:
    """Each test gets its own cache folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PPCLI_CACHE_DIR", str(folder))
    monkeypatch.delenv("PPCLI_NO_CACHE", raising=False)
    return folder


def cache_doc(path: Path) -> dict[str, Any]:
    """A cache file of lines (:func:`ppcli.files.store.dump_lines`) as one document: its
    header's fields and ``entries``, every entry decoded."""
    head, *lines = path.read_bytes().split(b"\n")
    doc: dict[str, Any] = json.loads(head)
    doc["entries"] = {json.loads(name): json.loads(value)
                      for name, value in (line.split(b"\t", 1) for line in lines)}
    return doc


def write_cache_doc(path: Path, doc: dict[str, Any]) -> None:
    """The document of :func:`cache_doc` written back as lines."""
    from ppcli.files.store import dump_lines

    path.write_bytes(dump_lines(doc["kind"], doc["key"], doc["entries"].items()))
