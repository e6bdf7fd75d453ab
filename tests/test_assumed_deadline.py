"""Assumptions said as assumptions (issue 17, item 6): every deadline carries where it
came from, "hạn giả định" when the agreement does not state it, and ``init`` asks for
(or is given, or says it kept) the repository's default deadline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import AGREEMENT, CONFIG, run, write_repo
from typer.testing import CliRunner

from ppcli.cli import git as cli_git
from ppcli.cli.everyday import app

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SILENT = AGREEMENT.replace("    deadline: {day: 15, month: 12}\n", "")
UNRECORDED = SILENT.split("records:")[0]


def report(repo: Path, today: str = "2024-01-05") -> dict[str, object]:
    items = run(["due", "--format", "json", "--today", today], repo).json()
    return next(i for i in items if i["type"] == "report")


def test_source_agreement_repository_builtin(tmp_path: Path) -> None:
    stated = write_repo(tmp_path / "a", {"ct-2022.yaml": AGREEMENT})
    assert report(stated)["deadline_source"] == "agreement"
    repo_default = write_repo(tmp_path / "b", {"ct-2022.yaml": SILENT},
                              config=CONFIG + "default_deadline: {day: 16}\n")
    item = report(repo_default)
    assert (item["deadline_source"], item["due"]) == ("repository", "2023-12-18")  # 16: Sat
    assert item["rule"] == ("hạn giả định: ngày 16 của tháng cuối kỳ (thỏa thuận không nêu "
                            "hạn; mặc định của kho trong agreements/ppcli.yaml)")
    builtin = write_repo(tmp_path / "c", {"ct-2022.yaml": SILENT})
    item = report(builtin)
    assert (item["deadline_source"], item["due"]) == ("builtin", "2023-12-25")
    assert item["rule"] == (
        "hạn giả định: ngày 25 của tháng cuối kỳ, số liệu chốt ngày 14: mốc Nghị định "
        "09/2019/NĐ-CP đặt cho UBND cấp tỉnh gửi báo cáo định kỳ lên Chính phủ (Điều 13 khoản "
        "1; chốt số liệu: Điều 12) (thỏa thuận không nêu hạn và kho chưa đặt default_deadline "
        "trong agreements/ppcli.yaml)")
    csv = run(["due", "--format", "csv", "--today", "2024-01-05"], builtin).lines()
    # CSV for Excel says it in the clerk's words (JSON keeps the code)
    assert csv[0].endswith(",Nguồn của hạn,Bên thực hiện thay,Phân loại,Số ngày trễ,Gia hạn đến")
    assert csv[1].endswith(",hạn giả định: mặc định của ppcli,so-noi-vu-ca-mau,"
                           "\"chưa hoàn thành, quá hạn\",11,")


def test_listing_says_assumed_in_both_languages(tmp_path: Path) -> None:
    # 25/12/2022 is a Sunday: the moved deadline names its source
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": UNRECORDED})
    out = run(["due", "--today", "2023-01-05"], repo).lines()
    assert out[3].startswith("  26/12/2022 (hạn giả định 25/12/2022 là Chủ nhật, lùi sang "
                             "ngày làm việc kế tiếp)")
    en = run(["due", "--today", "2023-01-05", "--lang", "en"], repo).lines()
    assert en[3].startswith("  2022-12-26 (assumed deadline 2022-12-25, a Sunday; moved to "
                            "the next working day)")
    assert en[5].startswith("      assumed deadline: on the 25th of the period's last month, "
                            "data cut off on the 14th: the dates Decree 09/2019/ND-CP sets for "
                            "provincial People's Committees reporting to the Government")


def test_an_agreement_deadline_is_not_an_assumption(tmp_path: Path) -> None:
    stated = AGREEMENT.replace("deadline: {day: 15, month: 12}", "deadline: {day: 25}"
                               ).split("records:")[0]
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": stated})
    out = run(["due", "--today", "2023-01-05"], repo).lines()
    assert "(hạn theo quy định 25/12/2022 là Chủ nhật" in out[3]
    assert out[5] == "      hạn ngày 25 của tháng cuối kỳ"


def init(args: list[str]) -> list[str]:
    result = CliRunner().invoke(app, ["init", *args], env={"PPCLI_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@needs_git
def test_init_non_interactive_keeps_todays_default_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    out = init([str(folder)])
    assert out[-1].startswith("= hạn mặc định: không hỏi (không chạy tương tác), giữ mặc "
                              "định hiện nay: ngày 25 của tháng cuối kỳ (Nghị định "
                              "09/2019/NĐ-CP, Điều 13 khoản 1")
    config = (folder / "agreements/ppcli.yaml").read_text(encoding="utf-8")
    assert "\ndefault_deadline:" not in config and "# default_deadline: {day: 16}" in config
    assert "Điều 13 khoản 1" in config  # the decree's scope, above the setting
    assert run(["validate"], folder).exit_code == 0


@needs_git
def test_init_with_default_deadline_option(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    out = init([str(folder), "--default-deadline", "10-ngay-lam-viec"])
    assert "+ hạn mặc định của kho: {working_days_after: 10} (agreements/ppcli.yaml)" in out
    config = (folder / "agreements/ppcli.yaml").read_text(encoding="utf-8")
    assert "\ndefault_deadline: {working_days_after: 10}\n" in config
    assert run(["validate"], folder).exit_code == 0
    # a second run keeps the file and says where to change it
    again = init([str(folder), "--default-deadline", "nd09"])
    assert again[-1].startswith("= hạn mặc định: agreements/ppcli.yaml đã có nên giữ nguyên")
    assert "{working_days_after: 10}" in (folder / "agreements/ppcli.yaml").read_text(
        encoding="utf-8")


def test_init_refuses_a_deadline_it_does_not_understand(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "k"), "--default-deadline",
                                      "cuối tháng"], env={"PPCLI_LANG": ""})
    assert result.exit_code == 2
    assert "--default-deadline: không hiểu \"cuối tháng\"" in result.stderr
    assert not (tmp_path / "k").exists()


@needs_git
def test_init_asks_when_interactive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_git, "_interactive", lambda: True)
    folder = tmp_path / "kho"
    result = CliRunner().invoke(app, ["init", str(folder)], input="16\n",
                                env={"PPCLI_LANG": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Hạn báo cáo mặc định của kho dùng cho nghĩa vụ mà thỏa "
                                    "thuận không nêu hạn. Nghị định 09/2019/NĐ-CP (Điều 13 "
                                    "khoản 1) chỉ đặt hạn ngày 25")
    assert "+ hạn mặc định của kho: {day: 16} (agreements/ppcli.yaml)" in result.stdout
    assert "\ndefault_deadline: {day: 16}\n" in (folder / "agreements/ppcli.yaml").read_text(
        encoding="utf-8")
    # Enter alone: nothing chosen, the built-in default stays and is said to be assumed
    other = tmp_path / "kho2"
    result = CliRunner().invoke(app, ["init", str(other)], input="\n", env={"PPCLI_LANG": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "= hạn mặc định: chưa chọn; ppcli dùng ngày 25 của tháng cuối kỳ và ghi là hạn giả định")


def test_show_json_carries_the_source(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": SILENT})
    duty = run(["show", "ct-2022", "--format", "json", "--today", "2024-01-05"],
               repo).json()["duties"][0]
    assert duty["deadline_source"] == "builtin"
    stated = write_repo(tmp_path / "s", {"ct-2022.yaml": AGREEMENT})
    duty = run(["show", "ct-2022", "--format", "json", "--today", "2024-01-05"],
               stated).json()["duties"][0]
    assert duty["deadline_source"] == "agreement"
