"""Finding the repository; list and show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import AGREEMENT, ROOT, run, write_repo
from typer.testing import CliRunner

from ppcli.cli.everyday import app


def run_in(cwd: Path, args: list[str], env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, args, env={"NO_COLOR": "1", "PPCLI_REPO": "",
                                                  **(env or {})})
    finally:
        os.chdir(old)


def test_found_from_a_subfolder(repo: Path) -> None:
    sub = repo / "agreements" / "deep" / "er"
    sub.mkdir(parents=True)
    result = run_in(sub, ["list", "--format", "json", "--today", "2026-11-22"])
    assert result.exit_code == 0
    assert [r["id"] for r in __import__("json").loads(result.stdout)] == ["ct-2022"]


def test_inside_this_checkout_uses_the_bundled_agreements() -> None:
    result = run_in(ROOT / "ppcli", ["list", "--format", "json", "--today", "2026-11-22"])
    ids = [r["id"] for r in __import__("json").loads(result.stdout)]
    # the eight agreements of the five seeds and the seven added for issue 17
    assert "cm-snv-tinhdoan-2022-2026" in ids and len(ids) == 15


def test_no_repository_is_a_clear_message(tmp_path: Path) -> None:
    result = run_in(tmp_path, ["validate"])
    assert result.exit_code == 3
    assert "không tìm thấy kho thỏa thuận" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_repo_option_and_environment(repo: Path, tmp_path: Path) -> None:
    assert run_in(tmp_path, ["--repo", str(repo), "validate"]).exit_code == 0
    assert run_in(tmp_path, ["validate"], env={"PPCLI_REPO": str(repo)}).exit_code == 0
    result = run_in(tmp_path, ["--repo", str(tmp_path), "validate"])
    assert result.exit_code == 3 and "không phải kho thỏa thuận" in result.stderr


def test_missing_registry_is_reported(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", registry=None)  # type: ignore[arg-type]
    result = run(["validate", "--today", "2026-11-22"], repo)
    assert result.exit_code == 1
    assert result.lines() == [("agreements/ppcli.yaml:1:1: error[PP080] kho thỏa thuận thiếu "
                                 "danh mục tổ chức agreements/organisations.yaml; hãy tạo tệp "
                                 "này (xem docs/format.md)")]


@pytest.mark.parametrize(("today", "status"), [
    ("2022-01-01", "not-started"), ("2024-06-01", "active"), ("2026-10-15", "ending-soon"),
    ("2027-01-01", "expired")])
def test_list_status(repo: Path, today: str, status: str) -> None:
    rows = run(["list", "--format", "json", "--today", today], repo).json()
    assert rows == [{
        "id": "ct-2022", "title": "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn "
        "2022 - 2026", "kind": "chuong-trinh", "parties": ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"],
        "party_names": ["Sở Nội vụ", "Tỉnh đoàn Cà Mau"], "start": "2022-03-15",
        "end": "2026-12-31", "status": status, "replaced_by": None,
        "file": "agreements/ct-2022.yaml", "parties_ended_some": False,
        "parties_changed": False,
        "acting": {"so-noi-vu-ca-mau": ["so-noi-vu-ca-mau"],
                   "tinh-doan-ca-mau": ["tinh-doan-ca-mau"]}}]


def test_replaced_agreement(tmp_path: Path) -> None:
    newer = AGREEMENT.replace("id: ct-2022", "id: ct-2027").replace(
        "  start: 2022-03-15\n  end: 2026-12-31", "  start: 2027-01-01\n  end: 2031-12-31"
    ).replace("signed: 2022-03-15", "signed: 2026-12-20") + "replaces: {agreement: ct-2022}\n"
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "ct-2027.yaml": newer})
    rows = run(["list", "--format", "json", "--today", "2027-02-01"], repo).json()
    assert [(r["id"], r["status"], r["replaced_by"]) for r in rows] == [
        ("ct-2022", "replaced", "ct-2027"), ("ct-2027", "active", None)]


def test_list_table_in_vietnamese(repo: Path) -> None:
    out = run(["list", "--today", "2024-06-01"], repo).stdout
    assert "ct-2022" in out and "Chương trình phối hợp" in out and "đang hiệu lực" in out
    assert "15/03/2022 – 31/12/2026" in out


def test_show_text_and_json(repo: Path) -> None:
    out = run(["show", "ct-2022", "--today", "2026-11-22"], repo).stdout
    assert "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026" in out
    assert "✓ kỳ 2022: đã gửi 10/12/2022 (số 12/BC-SNV)" in out
    data = run(["show", "ct-2022", "--format", "json", "--today", "2026-01-10"], repo).json()
    assert data["duties"][0]["records"] == [
        {"period": "2022", "date": "2022-12-10", "number": "12/BC-SNV"}]
    assert data["status"] == "active"


def test_show_unknown_id_suggests(repo: Path) -> None:
    result = run(["show", "ct-2021"], repo)
    assert result.exit_code == 2
    assert "không có thỏa thuận \"ct-2021\" (có phải ý bạn là \"ct-2022\"?)" in result.stderr


def test_show_marks_a_merged_party(tmp_path: Path) -> None:
    text = AGREEMENT.replace("  - org: tinh-doan-ca-mau", "  - org: so-cu")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    out = run(["show", "ct-2022", "--today", "2026-11-22"], repo).stdout
    assert ("Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau [đã sáp nhập từ 01/03/2025; nay: "
            "Sở Nội vụ tỉnh Cà Mau]") in out.replace("\n", " ").replace("  ", " ")
