"""``ppcli site`` on the bundled agreements at a fixed day: every page there, every link
resolving, every count equal to what ``due``, ``show``, ``list`` and ``history`` say in
JSON, the HTML well formed and accessible, nothing pointing outside the folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from conftest import GIT_IDENTITY, ROOT, run, write_repo

from ppcli.files.repository import find_repo, load_meta

TODAY = "2026-11-01"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "path", "line", "rect"}  # the SVG shapes are written <x></x> too


# -- the site of the seeds, built once ------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled agreements in a git repository of their own, with three reports on
    record: one sent on time, one late, one by one of two reporters."""
    root = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "agreements", root / "agreements")
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Các thỏa thuận mẫu"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    for args in (
        ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2022", "--on", "2022-12-20",
         "--number", "25/BC-SNV"],
        ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2023", "--on", "2024-01-10"],
        ["bn-ubnd-cac-co-quan-2021-2026", "doan-the-quy", "2024-Q1", "--on", "2024-03-20",
         "--by", "ubmttq-bac-ninh"],
    ):
        result = run(["record", "report", *args, "--today", TODAY], repo=root)
        assert result.exit_code == 0, result.stderr
    for args in (["add", "-A"], ["commit", "-qm", "Ghi nhận báo cáo"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    return root


@pytest.fixture(scope="module")
def site(seeds: Path) -> Path:
    result = run(["site", "--today", TODAY], repo=seeds)
    assert result.exit_code == 0, result.stderr
    assert f"vào {seeds / 'site'}" in result.stderr
    return seeds / "site"


def cli_json(seeds: Path, *args: str) -> Any:
    result = run([*args, "--format", "json"], repo=seeds)
    assert result.exit_code == 0, result.stderr
    return result.json()


def cell(period: dict[str, Any], cls: str, today: str = TODAY, within: int = 30) -> str:
    """The grid's colour of show's class: an open period is "coming" up to the look-ahead
    (the site's default 30 days), "not-yet" after it."""
    import datetime as dt

    if cls != "open":
        return {"done-on-time": "on-time", "done-late": "late", "overdue": "overdue",
                "untracked": "untracked"}[cls]
    horizon = dt.date.fromisoformat(today) + dt.timedelta(days=within)
    return "coming" if dt.date.fromisoformat(period["due"]) <= horizon else "not-yet"


def stats_table(repo: Path, today: str = TODAY) -> dict[str, dict[str, int]]:
    """``ppcli stats``'s rows per party, as the site's table names its columns."""
    rows = cli_json(repo, "stats", "--today", today, "--format", "json")["parties"]
    return {r["id"]: {"owed": r["done-on-time"] + r["done-late"] + r["overdue"],
                      "on-time": r["done-on-time"], "late": r["done-late"],
                      "overdue": r["overdue"], "open": r["open"]}
            for r in rows if r["total"]}


class Page(HTMLParser):
    """One page read with the standard library's parser: its links, ids, headings,
    tables and whether every element is closed where it should be."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.lang: str | None = None
        self.th_without_scope = 0
        self.tables = 0
        self.text: list[str] = []
        self.attrs: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.attrs.append((tag, a))
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"id {a['id']} twice")
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "th" and a.get("scope") not in ("col", "row"):
            self.th_without_scope += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID and (not self.stack or self.stack[-1] != tag):
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def pages_of(folder: Path) -> dict[Path, Page]:
    return {p: Page(p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.html"))}


# -- each page exists ---------------------------------------------------------------------------


def test_every_page_is_there(seeds: Path, site: Path) -> None:
    for name in ("index.html", "due.html", "timeline.html", "history.html", "print.html",
                 "assets/site.css", "assets/site.js"):
        assert (site / name).is_file(), name
    listed = [row["id"] for row in cli_json(seeds, "list", "--today", TODAY)]
    assert sorted(p.stem for p in (site / "a").glob("*.html")) == sorted(listed)
    registry = load_meta(find_repo(seeds)).registry
    assert sorted(p.stem for p in (site / "o").glob("*.html")) == sorted(registry.orgs)


# -- links, HTML, accessibility, no network ------------------------------------------------------


def test_every_link_resolves(site: Path) -> None:
    pages = pages_of(site)
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and \
                    parts.fragment not in pages[Path(os.path.normpath(
                        path.parent / parts.path)) if parts.path else path].ids:
                broken.append(f"{path.relative_to(site)}: {link} (no such id)")
    assert broken == []
    assert sum(len(p.links) for p in pages.values()) > 500  # the checker saw the links


def test_the_html_parses_and_is_accessible(site: Path) -> None:
    for path, page in pages_of(site).items():
        name = str(path.relative_to(site))
        assert page.errors == [], name
        assert page.lang == "vi", name
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, name
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} then h{after}"
        assert page.th_without_scope == 0, name


def test_nothing_points_outside_the_folder(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?i)\b(?:https?|ftp|wss?):|(?:src|href)=\"//|url\(\s*['\"]?//"
                                 r"|@import", text), path
    for path, page in pages_of(site).items():
        assert all(not re.match(r"(?i)[a-z][a-z0-9+.-]*:|//", link) for link in page.links), path


def test_colour_is_never_the_only_signal(site: Path) -> None:
    text = (site / "a" / "cm-snv-tinhdoan-2022-2026.html").read_text(encoding="utf-8")
    cells = re.findall(r'<li class="cell c-([a-z-]+)"[^>]*><span aria-hidden="true">([^<]+)'
                       r'</span> [^<]+<span class="sr">: ([^<]+)</span>', text)
    assert ("on-time", "✓", "đã hoàn thành đúng hạn") in cells
    assert ("late", "✓!", "đã hoàn thành quá hạn") in cells
    assert ("overdue", "✗", "chưa hoàn thành, quá hạn") in cells
    due = (site / "due.html").read_text(encoding="utf-8")
    assert '<span class="tag tag-overdue">✗ Quá hạn</span>' in due


# -- the numbers are the core's ------------------------------------------------------------------


def test_the_counts_are_due_s(seeds: Path, site: Path) -> None:
    items = cli_json(seeds, "due", "--today", TODAY)
    status = Counter(i["status"] for i in items)
    kinds = Counter((i["type"], i["status"]) for i in items)
    index = (site / "index.html").read_text(encoding="utf-8")

    def shown(key: str) -> int:
        found = re.search(rf'id="count-{key}">(\d+)<', index)
        assert found, key
        return int(found.group(1))

    # 112 for the seeds, 5 for the agreements added for issue 17 (ninh-binh/…: three plans
    # and the tổng kết; an-giang/…: the giao ban of 2026-Q3)
    assert shown("overdue") == status["overdue"] == 117
    assert shown("due-soon") == kinds[("report", "upcoming")]
    assert shown("conferences") == kinds[("conference", "upcoming")]
    assert shown("ending") == sum(i["type"] == "expiry" for i in items)
    due = (site / "due.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="row-(\w+)" data-org="([^"]*)" data-agreement="([^"]*)" '
                      r'data-type="(\w+)"', due)
    assert [(s, o, a, t) for s, o, a, t in rows] == [
        (i["status"], " ".join(i["party"]), i["agreement"], i["type"]) for i in items]
    # 6 of them: the agreements whose parties have all ended, to review and sign anew (the
    # seeds' 5 and binh-phuoc/…); 7 come from the issue 17 examples
    assert "Việc cần làm (130)" in due and len(items) == 130


def test_the_grid_and_statuses_are_show_s_and_list_s(seeds: Path, site: Path) -> None:
    statuses = {row["id"]: row["status"] for row in cli_json(seeds, "list", "--today", TODAY)}
    seen = Counter()
    for aid, st in statuses.items():
        shown = cli_json(seeds, "show", aid, "--today", TODAY)
        page = (site / "a" / f"{aid}.html").read_text(encoding="utf-8")
        assert f'<span class="st st-{st}">' in page
        cells = re.findall(r'data-period="([^"]*)" data-class="([a-z-]+)"', page)
        expected = [(p["period"] or "", cell(p, p["reporters"][o]["timeliness"]))
                    for d in shown["duties"] for o in d["from"] for p in d["periods"]]
        assert cells == expected, aid
        seen.update(c for _, c in cells)
    # the third on time: the 2026 plan of an-giang/… (sent 12/12/2025, due 15/12/2025)
    assert seen["on-time"] == 3 and seen["late"] == 1 and seen["coming"] > 0


def test_the_table_per_organisation_folds_successors(seeds: Path, site: Path) -> None:
    """The table per organisation is ``ppcli stats``'s (each reporter's periods and each
    host's conferences, counted under the organisation that stands for it today: a merged
    body under its successor)."""
    index = (site / "index.html").read_text(encoding="utf-8")
    table = {org: {k: int(v) for k, v in re.findall(r'data-count="([a-z-]+)">(\d+)<', row)}
             for org, row in re.findall(r'<tr data-org="([^"]+)">(.*?)</tr>', index, re.S)}
    assert table == stats_table(seeds)
    # Kiên Giang's bodies merged into An Giang's on 01/07/2025: counted there
    assert "cac-so-nganh-kien-giang" not in table and "cac-so-nganh-an-giang" in table
    # Sở Nội vụ Cà Mau: yearly reports 2022 on time, 2023 late, 2024 and 2025 overdue, 2026
    # open; the conferences it hosts: the sơ kết of 2024 not held (overdue), the tổng kết
    # planned for 2026 (open)
    assert table["so-noi-vu-ca-mau"] == {"owed": 5, "on-time": 1, "late": 1,
                                         "overdue": 3, "open": 2}


def test_the_history_feed_is_history_s(seeds: Path, site: Path) -> None:
    entries = cli_json(seeds, "history")
    page = (site / "history.html").read_text(encoding="utf-8")
    assert [m for m in re.findall(r"<code>([0-9a-f]{10})</code>", page)] == \
        [e["commit"][:10] for e in entries]
    assert [e["message"] for e in entries] == ["Ghi nhận báo cáo", "Các thỏa thuận mẫu"]
    first = [c["text"] for f in entries[0]["files"] for c in f["changes"]]
    assert first and all(text.replace("\"", "&#34;") in page or text in page for text in first)
    assert '<a href="a/cm-snv-tinhdoan-2022-2026.html">' in page


# -- show's JSON says on time / late -----------------------------------------------------------------


def test_show_json_says_when_each_period_was_sent(seeds: Path) -> None:
    shown = cli_json(seeds, "show", "cm-snv-tinhdoan-2022-2026", "--today", TODAY)
    periods = {p["period"]: p for d in shown["duties"] if d["id"] == "bao-cao-nam"
               for p in d["periods"]}
    assert {k: (p["timeliness"], p["sent_on"]) for k, p in periods.items()} == {
        "2022": ("done-on-time", "2022-12-20"), "2023": ("done-late", "2024-01-10"),
        "2024": ("overdue", None), "2025": ("overdue", None), "2026": ("open", None)}
    bn = cli_json(seeds, "show", "bn-ubnd-cac-co-quan-2021-2026", "--today", TODAY)
    q1 = next(p for d in bn["duties"] if d["id"] == "doan-the-quy" for p in d["periods"]
              if p["period"] == "2024-Q1")
    assert (q1["timeliness"], q1["sent_on"]) == ("overdue", None)
    assert q1["reporters"] == {
        "ubmttq-bac-ninh": {"timeliness": "done-on-time", "days_late": 0,
                            "sent_on": "2024-03-20"},
        "cac-doan-the-bac-ninh": {"timeliness": "overdue", "days_late": 951, "sent_on": None}}


# -- English, re-runs, unsafe folders, hostile data ------------------------------------------------


def test_english(seeds: Path, tmp_path: Path) -> None:
    result = run(["site", "-o", str(tmp_path / "en"), "--today", TODAY, "--lang", "en"],
                 repo=seeds)
    assert result.exit_code == 0, result.stderr
    index = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "<h1>Overview</h1>" in index
    assert "Tổng quan" not in index and "Quá hạn" not in index
    due = (tmp_path / "en" / "due.html").read_text(encoding="utf-8")
    assert "<td>Agreement ends: prepare the review and a new agreement</td>" in due
    assert "Thỏa thuận hết hiệu lực" not in due


def test_a_re_run_replaces_its_own_files_only(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    out = tmp_path / "repo" / "site"
    assert run(["site", "--today", TODAY], repo=repo).exit_code == 0
    assert (out / "a" / "ct-2022.html").is_file()
    (out / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")  # the user's own file
    (repo / "agreements" / "ct-2022.yaml").rename(repo / "agreements" / "ct-2023.yaml")
    text = (repo / "agreements" / "ct-2023.yaml").read_text(encoding="utf-8")
    (repo / "agreements" / "ct-2023.yaml").write_text(text.replace("id: ct-2022", "id: ct-2023"),
                                                      encoding="utf-8")
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 0, result.stderr
    assert "xóa 1 trang cũ" in result.stderr
    assert not (out / "a" / "ct-2022.html").exists() and (out / "a" / "ct-2023.html").is_file()
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"
    manifest = json.loads((out / ".ppcli-site.json").read_text(encoding="utf-8"))
    assert "a/ct-2023.html" in manifest["files"] and "ghi-chu.txt" not in manifest["files"]


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    other = tmp_path / "docs"
    other.mkdir()
    (other / "index.html").write_text("trang của tôi", encoding="utf-8")
    result = run(["site", "-o", str(other), "--today", TODAY], repo=repo)
    assert result.exit_code == 2
    assert "thư mục đã có tệp không do ppcli site tạo" in result.stderr
    assert (other / "index.html").read_text(encoding="utf-8") == "trang của tôi"


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_linked_folder_is_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    (repo / "site").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 3
    assert "là một liên kết (symlink)" in result.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_link_where_a_page_goes_is_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    assert run(["site", "--today", TODAY], repo=repo).exit_code == 0
    page = repo / "site" / "a" / "ct-2022.html"
    page.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    page.symlink_to(victim)
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 3 and "không phải tệp thường" in result.stderr
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"


def test_data_is_escaped(tmp_path: Path) -> None:
    from conftest import AGREEMENT

    hostile = AGREEMENT.replace(
        "title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026",
        "title: \"<script>alert(1)</script> & <img src=x onerror=alert(2)>\"").replace(
        "    frequency: hang-nam\n", "    frequency: hang-nam\n    title: \"<b>đậm</b>\"\n", 1)
    repo = write_repo(tmp_path / "repo", {"ct-2022.yaml": hostile})
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 0, result.stderr
    for path in (repo / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img" not in text and "<b>" not in text
    page = (repo / "site" / "a" / "ct-2022.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in page
    assert "&lt;b&gt;đậm&lt;/b&gt;" in page


def test_page_names_are_safe_everywhere() -> None:
    from ppcli.site.output import page_name

    assert page_name("cm-snv-2022") == "cm-snv-2022"
    assert page_name("con") == "_con" and page_name("lpt1.x") == "_lpt1.x"
    assert page_name("aux-2022") == "aux-2022"  # only the device names themselves
    long = page_name("a" * 300)
    assert len(long) < 60 and long != page_name("a" * 299)
    assert page_name("Hà Nội/../x") == f"h-n-i-x-{page_name('Hà Nội/../x')[-12:]}"
    assert re.fullmatch(r"[a-z0-9_][a-z0-9._-]*", page_name("..\\con"))


def test_no_repository_history_is_said_not_fatal(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")  # not a git repository
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 0, result.stderr
    assert "Không đọc được lịch sử git" in result.stderr
    page = (repo / "site" / "history.html").read_text(encoding="utf-8")
    assert "Không đọc được lịch sử git" in page


def test_a_failed_run_lists_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """Killed half-way by an error, the run still leaves its list, so the next run is
    not refused as "a folder of other files"."""
    from ppcli.site import build

    repo = write_repo(tmp_path / "repo")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "_org_pages", broken)
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 3 and "ổ đĩa đã đầy" not in result.stdout
    manifest = json.loads((repo / "site" / ".ppcli-site.json").read_text(encoding="utf-8"))
    assert "index.html" in manifest["files"] and "a/ct-2022.html" in manifest["files"]
    monkeypatch.undo()
    assert run(["site", "--today", TODAY], repo=repo).exit_code == 0


def test_the_templates_and_assets_are_package_data() -> None:
    """A plain ``pip install .`` (not editable) must carry every template and asset: the
    globs of pyproject.toml cover each file of ppcli/site/templates and static."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tool = config["tool"]["setuptools"]
    assert "ppcli.site" in tool["packages"]
    globs = tool["package-data"]["ppcli.site"]
    folder = ROOT / "ppcli" / "site"
    files = [p.relative_to(folder).as_posix() for sub in ("templates", "static")
             for p in (folder / sub).iterdir()]
    assert len(files) >= 12
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_the_counts_on_a_generated_corpus(tmp_path: Path) -> None:
    """The same comparisons on a corpus of bench/generate.py (reports sent on time and
    late, missed periods, conferences held and not)."""
    import importlib.util

    # by its path: docs/generate.py is another module named "generate"
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    repo = tmp_path / "corpus"
    bench.generate(repo, 40, seed=3)
    day = "2026-11-22"
    assert run(["site", "--today", day], repo=repo).exit_code == 0
    site = repo / "site"
    items = cli_json(repo, "due", "--today", day)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert int(re.search(r'id="count-overdue">(\d+)<', index).group(1)) == \
        sum(i["status"] == "overdue" for i in items)  # type: ignore[union-attr]
    due = (site / "due.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<tr class=\"row-", due)) == len(items) > 40
    for row in cli_json(repo, "list", "--today", day):
        shown = cli_json(repo, "show", row["id"], "--today", day)
        page = (site / "a" / f"{row['id']}.html").read_text(encoding="utf-8")
        assert re.findall(r'data-period="([^"]*)" data-class="([a-z-]+)"', page) == [
            (p["period"] or "", cell(p, p["reporters"][o]["timeliness"], day))
            for d in shown["duties"] for o in d["from"] for p in d["periods"]]
    table = {org: {k: int(v) for k, v in re.findall(r'data-count="([a-z-]+)">(\d+)<', row)}
             for org, row in re.findall(r'<tr data-org="([^"]+)">(.*?)</tr>', index, re.S)}
    assert table == stats_table(repo, day)
    assert sum(c["late"] for c in table.values()) > 0
    assert sum(c["on-time"] for c in table.values()) > 0


def test_other_unsafe_outputs_are_refused(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    a_file = tmp_path / "trang.html"
    a_file.write_text("của tôi", encoding="utf-8")
    result = run(["site", "-o", str(a_file), "--today", TODAY], repo=repo)
    assert result.exit_code == 2 and "đã có một tệp cùng tên, không phải thư mục" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "của tôi"
    out = repo / "site"
    assert run(["site", "--today", TODAY], repo=repo).exit_code == 0
    (out / ".ppcli-site.json").write_text("{không phải JSON", encoding="utf-8")
    result = run(["site", "--today", TODAY], repo=repo)
    assert result.exit_code == 3
    assert "không đọc được danh sách tệp của lần chạy trước" in result.stderr
    if os.name != "nt":
        shutil.rmtree(out)
        assert run(["site", "--today", TODAY], repo=repo).exit_code == 0
        shutil.rmtree(out / "a")
        (tmp_path / "khac").mkdir()
        (out / "a").symlink_to(tmp_path / "khac", target_is_directory=True)
        result = run(["site", "--today", TODAY], repo=repo)
        assert result.exit_code == 3 and "là một liên kết (symlink)" in result.stderr
        assert list((tmp_path / "khac").iterdir()) == []
