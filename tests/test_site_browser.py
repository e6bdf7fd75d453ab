"""The site in a real browser: headless Chromium opens the overview, one agreement page
and the due list from ``file://``; no console message (a script error, a file that
does not load), and the due count as ``ppcli due --format json`` gives it is on the page.
Skipped where no Chromium is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run

TODAY = "2026-11-01"
BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome", "chrome")
                if shutil.which(b)), None)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")


def dump_dom(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and the console lines Chromium logged."""
    assert BROWSER is not None
    profile.mkdir(exist_ok=True)
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "agreements", root / "agreements")
    result = run(["site", "--today", TODAY], repo=root)
    assert result.exit_code == 0, result.stderr
    return root, root / "site"


def test_the_overview_renders_with_the_due_count(built: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    repo, site = built
    due = run(["due", "--today", TODAY, "--format", "json"], repo=repo).json()
    overdue = sum(i["status"] == "overdue" for i in due)
    dom, console = dump_dom(site / "index.html", tmp_path / "profile")
    assert console == []
    assert re.search(rf'<span class="num" id="count-overdue">{overdue}</span>', dom)
    assert overdue == 119  # 114 for the seeds, 5 for the issue 17 examples
    assert "<h1>Tổng quan</h1>" in dom


def test_an_agreement_page_renders(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, site = built
    dom, console = dump_dom(site / "a" / "cm-snv-tinhdoan-2022-2026.html", tmp_path / "p")
    assert console == []
    assert '<span class="id">cm-snv-tinhdoan-2022-2026</span>' in dom
    assert 'data-period="2022" data-class="overdue"' in dom


def test_the_due_list_s_filters_run(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, site = built
    dom, console = dump_dom(site / "due.html", tmp_path / "p")
    assert console == []
    # the script shows the filters (hidden without JavaScript) and counts the rows
    assert '<form id="filters" class="filters">' in dom
    assert "Đang hiện 132 / 132 việc." in dom
