"""Each command's controller (ppcli.commands), called as a function: values in, values out,
nothing printed."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, write_repo

from ppcli import commands
from ppcli.engine.due import Query
from ppcli.engine.schedule import State
from ppcli.errors import PpcliError
from ppcli.files.repository import find_repo, load
from ppcli.files.store import open_cache

DAY = dt.date(2023, 12, 20)


def test_due_lists_values_and_prints_nothing(repo: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    result = commands.due(find_repo(repo), commands.DueRequest(Query(DAY)), open_cache())
    assert [(i.type, i.item, i.period, i.status, i.due) for i in result.items] == [
        ("report", "bao-cao-nam", "2023", State.OVERDUE, dt.date(2023, 12, 15)),
        ("conference", "so-ket", None, State.UPCOMING, dt.date(2024, 12, 31)),
    ]
    assert result.overdue and result.broken == [] and result.cache_warning is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_due_at_a_revision_is_the_same_pipeline(repo: Path) -> None:
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "một"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    found = find_repo(repo)
    for within in (0, 30, 400):
        query = Query(DAY, within)
        now = commands.due(found, commands.DueRequest(query), open_cache())
        then = commands.due(found, commands.DueRequest(query, at="HEAD"))
        assert then.items == now.items
        assert [i.item for i in then.items] == (
            ["bao-cao-nam"] if within == 0 else
            ["bao-cao-nam", "so-ket"] if within == 30 else
            ["bao-cao-nam", "bao-cao-nam", "so-ket"])


def test_due_filters_are_checked_in_the_core(repo: Path) -> None:
    with pytest.raises(PpcliError) as refused:
        commands.due(find_repo(repo), commands.DueRequest(Query(DAY, party="so-noi-vu")))
    assert refused.value.status == 2
    assert refused.value.label.vi == ("--party: không có tổ chức \"so-noi-vu\" trong danh mục "
                                      "(có phải ý bạn là \"so-noi-vu-ca-mau\"?)")


def test_validate_and_show(repo: Path) -> None:
    checked = commands.validate(find_repo(repo), DAY)
    assert (checked.errors, checked.warnings, checked.files) == (0, 0, 3)
    shown = commands.show(load(find_repo(repo)), "ct-2022", DAY)
    assert shown.agreement.id == "ct-2022"
    assert [(ob.period.key if ob.period else None, ob.done)
            for ob in shown.states["bao-cao-nam"]] == [("2022", True), ("2023", False),
                                                       ("2024", False)]
    with pytest.raises(PpcliError) as unknown:
        commands.show(load(find_repo(repo)), "ct-2021", DAY)
    assert unknown.value.status == 2
    assert unknown.value.label.en == "no agreement \"ct-2021\" (did you mean \"ct-2022\"?)"


def test_ics_returns_the_file(repo: Path) -> None:
    cal = commands.ics(load(find_repo(repo)), Query(DAY, 30))
    assert cal.data.startswith(b"BEGIN:VCALENDAR\r\n")
    # the 2023 report and the so-ket; the 2022 report was sent before the 90 days shown
    assert cal.events == cal.data.count(b"BEGIN:VEVENT") == 2
    assert cal.broken == []


def test_render_returns_bytes_and_writes_nothing(repo: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    request = commands.RenderRequest("ct-2022", "bao-cao-nam", "2023", "md", DAY)
    draft = commands.render(load(find_repo(repo)), request)
    assert draft.name == "BC-ct-2022-bao-cao-nam-2023.md"
    assert draft.data.decode("utf-8").startswith(
        "| UBND TỈNH CÀ MAU<br>**SỞ NỘI VỤ TỈNH CÀ MAU** |")
    assert not (tmp_path / draft.name).exists()
    docx = commands.render(load(find_repo(repo)), commands.RenderRequest(
        "ct-2022", "bao-cao-nam", "2023", "docx", DAY))
    assert docx.data[:2] == b"PK" and docx.name.endswith(".docx")
    check = commands.render_check(load(find_repo(repo)), request)
    gaps = ["chữ viết tắt tên cơ quan", "số, ký hiệu", "kết quả thực hiện các nội dung phối hợp",
            "tồn tại, hạn chế và nguyên nhân", "phương hướng, nhiệm vụ kỳ tới",
            "đề xuất, kiến nghị", "thẩm quyền ký, chức vụ người ký", "đơn vị soạn thảo",
            "họ và tên người ký"]
    assert check == commands.DraftCheck([], [f"[Cần bổ sung: {g}]" for g in gaps])
    assert not check.finished
    with pytest.raises(PpcliError) as wrong:
        commands.render(load(find_repo(repo)), commands.RenderRequest(
            "ct-2022", "bao-cao-thang", "2023", "md", DAY))
    assert wrong.value.status == 2


def test_new_builds_checks_and_writes(repo: Path) -> None:
    found = find_repo(repo)
    created = commands.new(found, commands.NewRequest(
        "qc-2024", "Quy chế phối hợp", ("so-noi-vu-ca-mau", "tinh-doan-ca-mau"),
        start=dt.date(2024, 1, 1)), DAY)
    assert created.shown == "agreements/qc-2024.yaml"
    assert created.path.read_text(encoding="utf-8") == created.text
    assert re.search(r"^id: qc-2024 ", created.text, re.M)
    with pytest.raises(PpcliError) as again:
        commands.new(found, commands.NewRequest(
            "qc-2024", "x", ("so-noi-vu-ca-mau", "tinh-doan-ca-mau")), DAY)
    assert (again.value.status, again.value.label.en) == (2, "agreement \"qc-2024\" exists")


def test_record_takes_one_request(repo: Path) -> None:
    done = commands.record(find_repo(repo), commands.RecordRequest(
        "ct-2022", "report", "bao-cao-nam", DAY, on=dt.date(2023, 12, 18), period="2023",
        number="5/BC-SNV"))
    assert done.written.lines == ("  - report: bao-cao-nam", '    period: "2023"',
                                  "    date: 2023-12-18", '    number: "5/BC-SNV"')
    assert done.message.en == ("Recorded: report bao-cao-nam for 2023 sent 2023-12-18 — "
                               f"agreements/ct-2022.yaml, line {done.written.first_line}:")
    after = commands.due(find_repo(repo), commands.DueRequest(Query(DAY)))
    assert [i.item for i in after.items] == ["so-ket"]
    with pytest.raises(PpcliError) as unknown:
        commands.record(find_repo(repo), commands.RecordRequest(
            "ct-2022", "conference", "tong-ket", DAY))
    assert unknown.value.status == 2


def test_write_repo_helper_is_used_as_documented(tmp_path: Path) -> None:
    # the controllers need nothing from the command line: not even the current folder
    root = write_repo(tmp_path / "elsewhere")
    assert commands.validate(find_repo(root), DAY).files == 3
