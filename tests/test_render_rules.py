"""The rules a report draft keeps (issue 11): the summary line, the data window, the
issuer's own lists, "Nơi nhận" without repeats, `--check`, the default folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import REGISTRY, ROOT, run, write_repo

from ppcli.drafts.context import ND09, data_window_sentence
from ppcli.files import fileio

QC = """\
id: qc-2023
kind: quy-che
title: Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn
signed: 2023-01-10
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2023-01-10
  end: 2025-06-30
duties:
  - id: thang
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-thang
    deadline: {regime: nd09}
  - id: quy
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-quy
  - id: sau-thang
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: nua-nam
    deadline: {days_after: 10}
  - id: nam
    subject: Kết quả công tác phối hợp với Tỉnh đoàn
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
  - id: mot-lan
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2023-06-30}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2024-06-15
    host: so-noi-vu-ca-mau
  - id: tong-ket
    kind: tong-ket
    planned: 2025
    host: so-noi-vu-ca-mau
  - id: danh-gia
    kind: danh-gia-nam
    planned: 2024
    host: so-noi-vu-ca-mau
  - id: khac
    kind: khac
    planned: 2024-03
    host: so-noi-vu-ca-mau
"""
NAME = "Quy chế phối hợp giữa Sở Nội vụ và Tỉnh đoàn"


def md(repo: Path, *args: str, today: str = "2025-12-01") -> str:
    result = run(["render", *args, "--format", "md", "-o", "-", "--today", today], repo)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def summary(text: str) -> str:
    """The line under **BÁO CÁO**."""
    lines = text.splitlines()
    return lines[lines.index("**BÁO CÁO**") + 2].strip("*")


def window(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Số liệu báo cáo"))


@pytest.fixture
def qc(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "kho", {"qc-2023.yaml": QC})


@pytest.mark.parametrize(("args", "line"), [
    (["thang", "2024-05"], f"Kết quả thực hiện {NAME} tháng 5/2024"),
    (["quy", "2024-Q3"], f"Kết quả thực hiện {NAME} quý III/2024"),
    (["sau-thang", "2024-H1"], f"Kết quả thực hiện {NAME} 6 tháng đầu năm 2024"),
    (["nam", "2024"], "Kết quả công tác phối hợp với Tỉnh đoàn năm 2024"),  # its own subject
    (["mot-lan"], f"Kết quả thực hiện {NAME}"),
    (["so-ket"], f"Sơ kết thực hiện {NAME}"),
    (["tong-ket"], f"Tổng kết thực hiện {NAME}"),
    (["danh-gia"], f"Kết quả thực hiện {NAME} năm 2024"),
    (["khac"], f"Kết quả thực hiện {NAME}"),
])
def test_the_summary_line_is_a_noun_phrase(qc: Path, args: list[str], line: str) -> None:
    assert summary(md(qc, "qc-2023", *args)) == line


@pytest.mark.parametrize(("args", "sentence"), [
    # the agreement chose the state regime: the decree's window, cited
    (["thang", "2024-05"], f"Số liệu báo cáo tính từ ngày 15/04/2024 đến ngày 14/05/2024, "
                           f"theo {ND09}."),
    # nobody chose it: the built-in default, said to be an assumption the clerk confirms
    (["quy", "2024-Q3"], "Số liệu báo cáo tính từ ngày 15/06/2024 đến ngày 14/09/2024 [Cần bổ "
                         "sung: xác nhận thời gian chốt số liệu; hạn giả định theo Điều 12 Nghị "
                         "định số 09/2019/NĐ-CP vì thỏa thuận và cấu hình kho không quy định]."),
    # another rule: the calendar period
    (["nam", "2024"], "Số liệu báo cáo tính từ ngày 01/01/2024 đến ngày 31/12/2024."),
    # a sơ kết: from the start to the conference
    (["so-ket"], "Số liệu báo cáo tính từ ngày 10/01/2023 đến ngày 15/06/2024."),
    # a tổng kết not yet held, drafted after the agreement ended: capped at its end
    (["tong-ket"], "Số liệu báo cáo tính từ ngày 10/01/2023 đến ngày 30/06/2025."),
    # a yearly review covers its own year
    (["danh-gia"], "Số liệu báo cáo tính từ ngày 01/01/2024 đến ngày 31/12/2024."),
])
def test_the_period_the_draft_covers(qc: Path, args: list[str], sentence: str) -> None:
    assert window(md(qc, "qc-2023", *args)) == sentence


def test_the_repository_setting_is_cited(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "kho", {"qc-2023.yaml": QC},
                      config="place: Cà Mau\nissuer: so-noi-vu-ca-mau\n"
                             "default_deadline: {regime: nd09}\n")
    assert window(md(repo, "qc-2023", "quy", "2024-Q3")) == (
        f"Số liệu báo cáo tính từ ngày 15/06/2024 đến ngày 14/09/2024, theo {ND09}.")


def test_one_function_writes_the_data_window() -> None:
    day = dt.date
    assert data_window_sentence(day(2025, 12, 15), day(2026, 12, 14)) == (
        f"Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 14/12/2026, theo {ND09}.")
    assert data_window_sentence(day(2026, 1, 1), day(2026, 12, 31), None) == (
        "Số liệu báo cáo tính từ ngày 01/01/2026 đến ngày 31/12/2026.")
    assert "hạn giả định" in data_window_sentence(day(2026, 1, 1), day(2026, 1, 2), "builtin")


def test_the_nghe_an_so_ket_stops_at_the_agreements_end() -> None:
    text = md(ROOT, "na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025", "--as",
              "tinh-doan-nghe-an", today="2026-11-22")
    assert window(text) == "Số liệu báo cáo tính từ ngày 28/02/2022 đến ngày 31/12/2025."


def overdue_section(text: str) -> list[str]:
    start = text.index("Báo cáo đã quá hạn:")
    return [line for line in text[start:text.index("### III.")].splitlines()
            if line.startswith("- ")]


def test_a_two_way_duty_lists_only_the_issuers_own_items() -> None:
    """Bắc Ninh: reports go both ways; the Mặt trận's draft holds the Mặt trận's reports,
    a run of months on one line, and never the month it reports on."""
    text = md(ROOT, "bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang", "2026-10", "--as",
              "ubmttq-bac-ninh", today="2026-11-22")
    assert overdue_section(text) == [
        "- 32 báo cáo tháng chưa gửi, từ tháng 2/2024 đến tháng 9/2026 (hạn sớm nhất "
        "26/02/2024);",
        "- 11 báo cáo quý chưa gửi, từ quý I/2024 đến quý III/2026 (hạn sớm nhất 25/03/2024);",
        "- 5 báo cáo 6 tháng chưa gửi, từ 6 tháng đầu năm 2024 đến 6 tháng đầu năm 2026 (hạn "
        "sớm nhất 25/06/2024);",
        "- 2 báo cáo năm chưa gửi, từ năm 2024 đến năm 2025 (hạn sớm nhất 25/12/2024)."]
    # the UBND's own draft: its reports only (its duties run to the other side)
    ubnd = md(ROOT, "bn-ubnd-cac-co-quan-2021-2026", "ubnd-quy", "2026-Q3",
              today="2026-11-22")
    assert overdue_section(ubnd) == [  # October is the monthly duty's, and overdue
        "- 33 báo cáo tháng chưa gửi, từ tháng 2/2024 đến tháng 10/2026 (hạn sớm nhất "
        "26/02/2024);",
        "- 10 báo cáo quý chưa gửi, từ quý I/2024 đến quý II/2026 (hạn sớm nhất 25/03/2024);",
        "- 5 báo cáo 6 tháng chưa gửi, từ 6 tháng đầu năm 2024 đến 6 tháng đầu năm 2026 (hạn "
        "sớm nhất 25/06/2024);",
        "- 2 báo cáo năm chưa gửi, từ năm 2024 đến năm 2025 (hạn sớm nhất 25/12/2024)."]
    assert "Kính gửi:\n- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh;\n- Các tổ chức " \
           "chính trị - xã hội tỉnh Bắc Ninh.\n" in ubnd


def test_each_body_once_in_noi_nhan() -> None:
    """Two parties merged into one body (Ban Tuyên giáo, Ban Dân vận): named once."""
    text = md(ROOT, "bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang", "2026-10", "--as",
              "ubmttq-bac-ninh", today="2026-11-22")
    row = text[text.index("| ***Nơi nhận:***"):].splitlines()[2]
    names = [c.removeprefix("| ").removeprefix("- ").rstrip(";.")
             for c in row.split(" | ")[0].split("<br>")]
    assert names[0] == "Như trên" and len(names) == 9  # 10 parties, less 2, 2 merged
    assert len(names) == len(set(names))
    assert text.count("Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh") == 1


def test_a_collective_in_a_sentence_is_not_capitalised() -> None:
    text = md(ROOT, "bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang", "2026-10", "--as",
              "ubmttq-bac-ninh", today="2026-11-22")
    assert "Chủ trì: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh và các tổ chức chính trị - " \
           "xã hội tỉnh Bắc Ninh; phối hợp: Ủy ban nhân dân tỉnh Bắc Ninh." in text
    assert "và Các" not in text and ", Các" not in text


SIGNED = """\
place: Cà Mau
issuer: so-noi-vu-ca-mau
signers:
  - org: so-noi-vu-ca-mau
    authority: KT. Giám đốc
    position: Phó Giám đốc
    name: Nguyễn Văn An
    unit: VP
"""


def test_check_exits_0_only_when_nothing_is_left_to_fill(tmp_path: Path) -> None:
    registry = REGISTRY.replace("    short: Sở Nội vụ\n", "    short: Sở Nội vụ\n    code: SNV\n")
    repo = write_repo(tmp_path / "kho", config=SIGNED, registry=registry)
    template = tmp_path / "xong.md.j2"
    template.write_text("{{ issuer.name }} báo cáo {{ report.period.label }}.\n",
                        encoding="utf-8")
    args = ["render", "ct-2022", "bao-cao-nam", "2023", "--today", "2023-12-01"]
    done = run([*args, "--template", str(template), "--check"], repo)
    assert (done.exit_code, done.stdout) == (
        0, "Dự thảo đủ dữ liệu, không còn chỗ cần bổ sung.\n")
    text = run([*args, "--template", str(template), "--format", "md", "-o", "-"], repo).stdout
    assert "| Số: …/BC-SNV |" in text
    assert "| ***Nơi nhận:*** | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC** |" in text
    assert "- Lưu: VT, VP. | <br><br><br>**Nguyễn Văn An** |" in text
    # the default template leaves the content to the clerk: unfinished, status 1
    left = run([*args, "--check"], repo)
    assert left.exit_code == 1
    assert left.stdout.splitlines()[-1] == "Dự thảo còn 5 chỗ cần bổ sung."


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_drafts_land_in_bao_cao_with_the_umasks_mode(tmp_path: Path, umask: int, mode: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "kho")
    monkeypatch.setattr(fileio, "_umask", None)  # read once per process: read it again
    old = os.umask(umask)
    try:
        result = run(["render", "ct-2022", "bao-cao-nam", "2023", "--today", "2023-12-01"],
                     repo)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    draft = repo / "bao-cao" / "BC-ct-2022-bao-cao-nam-2023.docx"
    assert stat.S_IMODE(draft.stat().st_mode) == mode
    assert stat.S_IMODE((repo / "bao-cao").stat().st_mode) == 0o777 & ~umask


GROUP = """\
id: nhom-2024
kind: ke-hoach
title: Kế hoạch phối hợp tuyên truyền năm 2024
signed: 2024-01-05
parties:
  - org: ubnd-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2024-01-05
  end: 2024-12-31
duties:
  - id: quy
    from: cac-so
    to: ubnd-ca-mau
    frequency: hang-quy
    deadline: {day: 20}
"""
CAC_SO = """\
  - id: cac-so
    name: Các sở, ban, ngành tỉnh Cà Mau
    kind: nhom
    parent: ubnd-ca-mau
"""


def test_the_repositorys_own_body_reports_for_its_group(tmp_path: Path) -> None:
    """ppcli.yaml's issuer (Sở Nội vụ, under UBND tỉnh Cà Mau) belongs to "Các sở, ban,
    ngành tỉnh Cà Mau": it issues the group's report without --as; the UBND cannot."""
    repo = write_repo(tmp_path / "kho", {"nhom-2024.yaml": GROUP},
                      registry=REGISTRY + CAC_SO)
    text = md(repo, "nhom-2024", "quy", "2024-Q2", today="2024-07-10")
    assert text.startswith("| UBND TỈNH CÀ MAU<br>**SỞ NỘI VỤ TỈNH CÀ MAU** |")
    assert "Sở Nội vụ tỉnh Cà Mau báo cáo kết quả thực hiện Kế hoạch quý II/2024.\n" in text
    assert overdue_section(text) == ["- Báo cáo quý I/2024 chưa gửi (hạn 20/03/2024)."]
    wrong = run(["render", "nhom-2024", "quy", "2024-Q2", "--as", "ubnd-ca-mau", "--today",
                 "2024-07-10"], repo)
    assert (wrong.exit_code, wrong.stderr) == (
        2, "ppcli: --as: \"ubnd-ca-mau\" không phải bên báo cáo (cac-so)\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_new_repositorys_drafts_stay_out_of_git(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    assert run(["init", str(folder)]).exit_code == 0
    assert "bao-cao/" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = subprocess.run(["git", "check-ignore", "-q", "bao-cao/BC-x-y-2026.docx"],
                             cwd=folder, check=False)
    assert ignored.returncode == 0


def test_a_successor_issues_for_the_body_it_succeeded() -> None:
    """Nghệ An: the Sở Lao động - Thương binh và Xã hội merged into the Sở Nội vụ (2025)."""
    text = md(ROOT, "na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025", "--as", "so-noi-vu-nghe-an",
              today="2025-12-01")
    assert text.startswith("| UBND TỈNH NGHỆ AN<br>**SỞ NỘI VỤ TỈNH NGHỆ AN** |")
    assert "| Số: …/BC-SNV |" in text
    assert "Sở Nội vụ tỉnh Nghệ An báo cáo sơ kết việc thực hiện Chương trình.\n" in text
    assert "- Sơ kết đánh giá kết quả thực hiện chương trình năm 2022 (dự kiến năm 2022): chưa " \
           "tổ chức;" in text  # the merged Sở's conferences are its heir's


DOAN_REPO = """\
id: td-2024
kind: chuong-trinh
title: Chương trình phối hợp năm 2024
signed: 2024-01-05
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2024-01-05
  end: 2024-12-31
duties:
  - id: nam
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: hang-nam
    deadline: {day: 10, month: 12}
"""


def test_the_doan_layout_from_the_issuers_kind(tmp_path: Path) -> None:
    """A Đoàn issuer: its title for the Quốc hiệu, "***", its symbol with the drafting unit;
    "Ban Chấp hành" shortened to "BCH" when the name would not fit one line."""
    registry = REGISTRY.replace(
        "  - id: tinh-doan-ca-mau\n    name: Tỉnh đoàn Cà Mau\n    kind: doan-the\n",
        "  - id: tinh-doan-ca-mau\n    name: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau\n"
        "    kind: doan-tncs\n    code: TĐTN\n")
    config = ("place: Cà Mau\nsigners:\n  - org: tinh-doan-ca-mau\n"
              "    authority: TM. BAN THƯỜNG VỤ\n    position: PHÓ BÍ THƯ\n    unit: VP\n")
    repo = write_repo(tmp_path / "kho", {"td-2024.yaml": DOAN_REPO}, registry=registry,
                      config=config)
    text = md(repo, "td-2024", "nam", "2024", today="2024-12-01")
    assert text.splitlines()[:3] == [
        "| **BCH TỈNH CÀ MAU**<br>\\*\\*\\* | **ĐOÀN TNCS HỒ CHÍ MINH** |",
        "|:---:|:---:|",
        "| Số: …-BC/TĐTN-VP | *Cà Mau, ngày 01 tháng 12 năm 2024* |"]
    assert "| ***Nơi nhận:*** | **TM. BAN THƯỜNG VỤ**<br>**PHÓ BÍ THƯ** |" in text
    assert "Thực hiện Chương trình phối hợp năm 2024 (số [Cần bổ sung: số, ký hiệu] ngày " \
           "05/01/2024) giữa Sở Nội vụ tỉnh Cà Mau và Ban Chấp hành Đoàn TNCS Hồ Chí Minh " \
           "tỉnh Cà Mau, Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau báo cáo kết quả thực " \
           "hiện Chương trình năm 2024.\n" in text


def test_a_signer_for_an_unknown_body_is_an_error(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "kho", config=SIGNED.replace("org: so-noi-vu-ca-mau",
                                                              "org: so-noi-vu-camau"))
    result = run(["validate"], repo)
    assert result.exit_code == 1
    assert ("agreements/ppcli.yaml:1:1: error[PP050] \"signers[1].org\": không có tổ chức "
            "\"so-noi-vu-camau\" trong danh mục agreements/organisations.yaml (có phải ý bạn "
            "là \"so-noi-vu-ca-mau\"?)") in result.stdout
