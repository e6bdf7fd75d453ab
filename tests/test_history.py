"""history, diff and --at on real temporary git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AGREEMENT, REGISTRY, run, write_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str = "2024-01-10T09:00:00+07:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Nguyễn Thị Văn Thư", "GIT_AUTHOR_EMAIL": "vanthu@snv.gov.vn",
           "GIT_COMMITTER_NAME": "Nguyễn Thị Văn Thư",
           "GIT_COMMITTER_EMAIL": "vanthu@snv.gov.vn"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def edit(repo: Path, old: str, new: str, name: str = "ct-2022.yaml") -> None:
    path = repo / "agreements" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "kho")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Thêm chương trình phối hợp 2022", "2024-01-10T09:00:00+07:00")
    return root


def history(repo: Path, *args: str) -> list[str]:
    result = run(["history", *args], repo)
    assert result.exit_code == 0, result.stderr
    return result.lines()


def test_each_kind_of_change_in_words(repo: Path) -> None:
    edit(repo, "deadline: {day: 15, month: 12}", "deadline: {day: 10, month: 12}")
    commit(repo, "Dời hạn báo cáo", "2024-02-01T09:00:00+07:00")
    edit(repo, "  - org: tinh-doan-ca-mau\n", "  - org: tinh-doan-ca-mau\n  - org: ubnd-ca-mau\n")
    commit(repo, "Thêm UBND tỉnh", "2024-03-01T09:00:00+07:00")
    edit(repo, "    number: 12/BC-SNV\n", "    number: 12/BC-SNV\n  - report: bao-cao-nam\n"
         "    period: 2023\n    date: 2023-12-08\n    number: 30/BC-SNV\n")
    commit(repo, "Ghi nhận báo cáo 2023", "2024-04-01T09:00:00+07:00")
    edit(repo, "    planned: 2024\n", "    planned: 2025-03\n")
    commit(repo, "Dời sơ kết", "2024-05-01T09:00:00+07:00")
    edit(repo, "  - org: so-noi-vu-ca-mau\n", "  - org: so-noi-vu-ca-mau\n    signer: "
         "{name: Trần Văn B, position: Giám đốc}\n")
    commit(repo, "Người ký", "2024-06-01T09:00:00+07:00")
    assert history(repo, "--since", "2024-02-01") == [
        "01/06/2024  " + git(repo, "rev-parse", "HEAD")[:10] + "  Nguyễn Thị Văn Thư",
        "  Người ký",
        "    Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "      • Người ký (Sở Nội vụ): (trống) → Trần Văn B, Giám đốc",
        "",
        "01/05/2024  " + git(repo, "rev-parse", "HEAD~1")[:10] + "  Nguyễn Thị Văn Thư",
        "  Dời sơ kết",
        "    Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "      • Dời hội nghị sơ kết (so-ket): 2024 → 03/2025",
        "",
        "01/04/2024  " + git(repo, "rev-parse", "HEAD~2")[:10] + "  Nguyễn Thị Văn Thư",
        "  Ghi nhận báo cáo 2023",
        "    Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "      • Ghi nhận đã gửi báo cáo năm 2023 (Số 30/BC-SNV, ngày 08/12/2023)",
        "",
        "01/03/2024  " + git(repo, "rev-parse", "HEAD~3")[:10] + "  Nguyễn Thị Văn Thư",
        "  Thêm UBND tỉnh",
        "    Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "      • Thêm bên: UBND tỉnh Cà Mau",
        "",
        "01/02/2024  " + git(repo, "rev-parse", "HEAD~4")[:10] + "  Nguyễn Thị Văn Thư",
        "  Dời hạn báo cáo",
        "    Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "      • Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 10/12",
    ]


def test_reordering_is_not_a_change_and_comments_are_not_either(repo: Path) -> None:
    edit(repo, "  - org: so-noi-vu-ca-mau\n  - org: tinh-doan-ca-mau\n",
         "  - org: tinh-doan-ca-mau   # đổi thứ tự\n  - org: so-noi-vu-ca-mau\n")
    commit(repo, "Đổi thứ tự", "2024-02-01T09:00:00+07:00")
    assert history(repo, "--since", "2024-02-01") == ["Không có thay đổi nào."]


def test_added_removed_and_renamed_agreements_non_ascii_paths(repo: Path) -> None:
    other = AGREEMENT.replace("id: ct-2022", "id: ct-2023").replace(
        "title: Chương trình", "title: Kế hoạch")
    folder = repo / "agreements" / "Cà Mau 2024"
    folder.mkdir()
    (folder / "ct-2023.yaml").write_text(other, encoding="utf-8")
    commit(repo, "Thêm kế hoạch", "2024-02-01T09:00:00+07:00")
    target = repo / "agreements" / "Bạc Liêu cũ"
    target.mkdir()
    git(repo, "mv", "agreements/Cà Mau 2024/ct-2023.yaml", "agreements/Bạc Liêu cũ/ct-2023.yaml")
    commit(repo, "Chuyển thư mục", "2024-03-01T09:00:00+07:00")
    git(repo, "rm", "-q", "agreements/ct-2022.yaml")
    commit(repo, "Xóa chương trình cũ", "2024-04-01T09:00:00+07:00")
    data = run(["history", "--format", "json", "--since", "2024-02-01"], repo).json()
    assert [(e["message"], [(f["status"], f["agreement"], f["path"], f["old_path"])
                            for f in e["files"]]) for e in data] == [
        ("Xóa chương trình cũ", [("removed", "ct-2022", "agreements/ct-2022.yaml", None)]),
        ("Chuyển thư mục", [("renamed", "ct-2023", "agreements/Bạc Liêu cũ/ct-2023.yaml",
                             "agreements/Cà Mau 2024/ct-2023.yaml")]),
        ("Thêm kế hoạch", [("added", "ct-2023", "agreements/Cà Mau 2024/ct-2023.yaml", None)]),
    ]
    assert history(repo, "ct-2023", "--until", "2024-02-15")[2] == (
        "    Thêm thỏa thuận ct-2023: Kế hoạch phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn "
        "2022 - 2026 (agreements/Cà Mau 2024/ct-2023.yaml)")


def test_invalid_file_in_an_old_commit_is_reported_not_fatal(repo: Path) -> None:
    edit(repo, "kind: chuong-trinh", "kind: [")
    commit(repo, "Lỡ tay", "2024-02-01T09:00:00+07:00")
    edit(repo, "kind: [", "kind: chuong-trinh")
    edit(repo, "    planned: 2024\n", "    planned: 2024-06\n")
    commit(repo, "Sửa lại", "2024-02-02T09:00:00+07:00")
    lines = history(repo, "--since", "2024-02-01")
    assert "  Sửa lại" in lines and "  Lỡ tay" in lines
    assert ("      ! tệp ở phiên bản cũ không hợp lệ (1 lỗi); không so sánh được nội dung "
            "(ppcli validate cho biết chi tiết)") in lines
    assert ("      ! tệp ở phiên bản mới không hợp lệ (1 lỗi); không so sánh được nội dung "
            "(ppcli validate cho biết chi tiết)") in lines


def test_merges_and_author_filter(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "nhanh")
    edit(repo, "    planned: 2024\n", "    planned: 2024-09\n")
    commit(repo, "Trên nhánh", "2024-02-01T09:00:00+07:00")
    git(repo, "checkout", "-q", "main")
    edit(repo, "deadline: {day: 15, month: 12}", "deadline: {day: 12, month: 12}")
    commit(repo, "Trên main", "2024-02-02T09:00:00+07:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Hợp nhất", "nhanh", date="2024-02-03T09:00:00+07:00")
    messages = [e["message"] for e in run(["history", "--format", "json"], repo).json()]
    assert messages[:2] == ["Trên main", "Trên nhánh"] or messages[:2] == ["Trên nhánh",
                                                                            "Trên main"]
    assert "Thêm chương trình phối hợp 2022" in messages
    assert run(["history", "--author", "người khác"], repo).lines() == ["Không có thay đổi nào."]


def test_diff_working_tree_and_revisions(repo: Path) -> None:
    edit(repo, "deadline: {day: 15, month: 12}", "deadline: {days_after: 20}")
    assert run(["diff"], repo).lines() == [
        "Sửa thỏa thuận ct-2022 (agreements/ct-2022.yaml)",
        "  • Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 20 ngày sau kỳ"]
    commit(repo, "Hạn mới", "2024-02-01T09:00:00+07:00")
    assert run(["diff"], repo).lines() == ["Không có thay đổi nào về nội dung."]
    data = run(["diff", "HEAD~1", "HEAD", "--format", "json"], repo).json()
    assert data[0]["changes"] == [{
        "kind": "changed", "path": "duties/bao-cao-nam/deadline",
        "text": "Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 20 ngày sau kỳ",
        "text_en": "Deadline of bao-cao-nam: 15/12 → 20 days after the period"}]


def test_show_and_due_at_a_revision(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD").strip()
    edit(repo, "    number: 12/BC-SNV\n", "    number: 12/BC-SNV\n  - report: bao-cao-nam\n"
         "    period: 2023\n    date: 2024-01-20\n")
    commit(repo, "Ghi nhận 2023", "2024-01-20T09:00:00+07:00")
    now = run(["due", "--format", "json", "--today", "2024-03-01"], repo).json()
    then = run(["due", "--format", "json", "--today", "2024-03-01", "--at", first], repo).json()
    assert [(i["item"], i["period"]) for i in now] == [("so-ket", None)]
    assert [(i["item"], i["period"]) for i in then] == [("bao-cao-nam", "2023"),
                                                        ("so-ket", None)]
    shown = run(["show", "ct-2022", "--at", first, "--today", "2024-03-01"], repo).stdout
    assert "✗ kỳ 2023: quá hạn" in shown


def test_revisions_are_never_options(repo: Path) -> None:
    for bad in ("--output=/tmp/pwned", "-p", "HEAD\n--all"):
        result = run(["diff", bad, "HEAD"], repo) if not bad.startswith("-") else \
            run(["diff", "--", bad], repo)
        assert result.exit_code == 2
        assert "phiên bản không hợp lệ" in result.stderr
    assert not Path("/tmp/pwned").exists()
    result = run(["show", "ct-2022", "--at", "khong-co"], repo)
    assert result.exit_code == 2 and "không có phiên bản \"khong-co\"" in result.stderr


def test_without_git_or_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    plain = write_repo(tmp_path / "plain")
    result = run(["history"], plain)
    assert result.exit_code == 3 and "không nằm trong một kho git" in result.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run(["history"], plain)
    assert result.exit_code == 3 and "không tìm thấy chương trình git" in result.stderr
    assert run(["validate"], plain).exit_code == 0  # the rest works without git


def test_shallow_clone_and_detached_head(repo: Path, tmp_path: Path) -> None:
    edit(repo, "    planned: 2024\n", "    planned: 2024-10\n")
    commit(repo, "Dời", "2024-02-01T09:00:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True)
    lines = run(["history"], clone).lines()
    assert "  Dời" in lines  # only the one commit a shallow clone has
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert "  Thêm chương trình phối hợp 2022" in run(["history"], repo).lines()


def test_registry_changes(repo: Path) -> None:
    path = repo / "agreements/organisations.yaml"
    path.write_text(REGISTRY.replace("    name: Tỉnh đoàn Cà Mau\n",
                                     "    name: Ban Chấp hành Tỉnh đoàn Cà Mau\n"),
                    encoding="utf-8")
    commit(repo, "Đổi tên", "2024-02-01T09:00:00+07:00")
    assert history(repo, "--since", "2024-02-01")[2:4] == [
        "    Sửa danh mục tổ chức (agreements/organisations.yaml)",
        "      • Tên (tinh-doan-ca-mau): Tỉnh đoàn Cà Mau → Ban Chấp hành Tỉnh đoàn Cà Mau"]


def test_cached_history_follows_todays_organisation_names(repo: Path) -> None:
    edit(repo, "  - org: tinh-doan-ca-mau\n", "  - org: tinh-doan-ca-mau\n  - org: ubnd-ca-mau\n")
    commit(repo, "Thêm UBND tỉnh", "2024-03-01T09:00:00+07:00")
    assert "      • Thêm bên: UBND tỉnh Cà Mau" in history(repo)
    registry = repo / "agreements/organisations.yaml"
    registry.write_text(REGISTRY.replace("short: UBND tỉnh Cà Mau",
                                         "short: UBND tỉnh Cà Mau (mới)"), encoding="utf-8")
    assert "      • Thêm bên: UBND tỉnh Cà Mau (mới)" in history(repo)  # from the cache
