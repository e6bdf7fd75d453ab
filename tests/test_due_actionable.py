"""``due`` you can act on: the codes and the commands it prints run as printed."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from conftest import ROOT, run

TODAY = "2026-12-01"


def test_the_printed_commands_run_as_printed(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    shutil.copytree(ROOT / "agreements", repo / "agreements")
    items = run(["due", "--format", "json", "--today", TODAY], repo).json()
    kinds = {}
    for item in items:  # one of each shape: a report, one with several reporters, a conference
        shape = (item["type"], "--by" in (item["record_command"] or ""))
        kinds.setdefault(shape, item)
    assert set(kinds) == {("report", False), ("report", True), ("conference", False),
                          ("expiry", False), ("review", False)}
    for item in kinds.values():
        if item["type"] in ("expiry", "review"):
            assert (item["render_command"], item["record_command"]) == (None, None)
            continue
        render = shlex.split(item["render_command"])[1:] + ["-o", "-", "--format", "md",
                                                            "--today", TODAY]
        done = run(render, repo)
        assert done.exit_code == 0, (render, done.stderr)
        record = shlex.split(item["record_command"])[1:] + ["--on", "30/11/2026",
                                                            "--today", TODAY]
        done = run(record, repo)
        assert done.exit_code == 0, (record, done.stderr)
    after = {(i["agreement"], i["item"], i["period"])
             for i in run(["due", "--format", "json", "--today", TODAY], repo).json()}
    recorded = {(i["agreement"], i["item"], i["period"]) for i in kinds.values()
                if i["type"] not in ("expiry", "review") and "--by" not in i["record_command"]}
    assert recorded and not recorded & after  # recorded: gone from the list


def test_the_first_view_of_the_bundled_agreements_is_a_summary() -> None:
    lines = run(["due", "--today", TODAY], ROOT).lines()
    data = run(["due", "--format", "json", "--today", TODAY], ROOT).json()
    overdue = sum(i["status"] == "overdue" for i in data)
    # an-giang/… adds the 2027 plan (due 15/12/2026) and the 2026-Q4 giao ban; binh-phuoc/…
    # ends on 31/12/2026 and all its parties ended on 01/7/2025
    assert lines[0] == (f"Ngày 01/12/2026: {overdue} việc quá hạn, 11 báo cáo sắp đến hạn, "
                        "2 hội nghị sắp tới, 3 thỏa thuận sắp hết hiệu lực, 6 thỏa thuận cần "
                        "rà soát, ký lại. (→: lệnh để chép và chạy)")
    assert lines[2] == f"QUÁ HẠN ({overdue})"
    # the newest first: a month just missed, not a four-year-old backlog
    assert lines[3] == ("  25/11/2026  quá 6 ngày (kỳ đầu quá 1009 ngày)  "
                        "bn-ubnd-cac-co-quan-2021-2026 doan-the-thang 2024-02…2026-11")
    assert " — 34 kỳ, từ tháng 2/2024 đến tháng 11/2026: " in lines[4]
    # no line lists period keys one by one any more
    assert not any("2024-02, 2024-03" in line for line in lines)
    # one entry stands for the 34 missed months of one duty (recurring meetings and reviews
    # take one entry each); each entry's own lines: what, rule, data window, command
    assert sum(i["item"] == "doan-the-thang" and i["status"] == "overdue" for i in data) == 34
    assert sum(" doan-the-thang 2024-02…2026-11" in line for line in lines) == 1
    assert lines[6] == "      Số liệu báo cáo tính từ ngày 15/10/2026 đến ngày 14/11/2026"
    assert lines[7] == ("      → ppcli record report bn-ubnd-cac-co-quan-2021-2026 doan-the-thang "
                        "2026-11 --by ubmttq-bac-ninh --on NGÀY")


def test_every_draft_command_runs_or_asks_for_a_body(tmp_path: Path) -> None:
    """A command `due` prints is one the clerk can run: every distinct draft command runs
    as printed, except where the reporter is a group of bodies ("Các sở, ban, ngành …"),
    which has no signer: there the command asks for one body's code (--as MÃ_CƠ_QUAN), and
    the draft as printed would be refused."""
    repo = tmp_path / "r"
    shutil.copytree(ROOT / "agreements", repo / "agreements")
    items = run(["due", "--format", "json", "--today", TODAY], repo).json()
    commands = {(i["agreement"], i["item"]): i["render_command"] for i in items
                if i["render_command"]}
    asking = {key for key, command in commands.items() if "--as MÃ_CƠ_QUAN" in command}
    assert ("kg-ubnd-tinhdoan-2023-2027", "bao-cao-nam-cac-so") in asking
    for key, command in commands.items():
        words = shlex.split(command)[1:]
        if key in asking:
            words = [w for w in words if w not in ("--as", "MÃ_CƠ_QUAN")]
        done = run([*words, "-o", "-", "--format", "md", "--today", TODAY], repo)
        assert done.exit_code == (2 if key in asking else 0), (command, done.stderr)
    english = run(["due", "--format", "json", "--today", TODAY, "--lang", "en"], repo).json()
    assert any("--as BODY_CODE" in (i["render_command"] or "") for i in english)
