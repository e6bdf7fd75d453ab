"""Warnings that do not mislead (issue 17, item 2): PP070 follows replacements, records
and the whole chain of successions and advises what fits; PP065 allows a review held in
the months after the agreement; PP066 for an agreement that can produce no period."""

from __future__ import annotations

from pathlib import Path

from conftest import AGREEMENT, REGISTRY, run, write_repo

CHAIN = REGISTRY + """\
  - id: so-ld-bac-lieu
    name: Sở Lao động - Thương binh và Xã hội tỉnh Bạc Liêu
    kind: so
    ended: {date: 2025-03-01, how: sap-nhap, successors: so-noi-vu-bac-lieu}
  - id: so-noi-vu-bac-lieu
    name: Sở Nội vụ tỉnh Bạc Liêu
    kind: so
    ended: {date: 2025-07-01, how: hop-nhat, successors: so-noi-vu-ca-mau}
"""


def lines(tmp_path: Path, files: dict[str, str], registry: str = REGISTRY,
          today: str = "2026-11-22", lang: str = "vi") -> list[str]:
    repo = write_repo(tmp_path / "r", files, registry=registry)
    result = run(["validate", "--today", today, "--lang", lang], repo)
    assert result.exit_code in (0, 1)
    return result.lines()


def test_pp070_names_every_step_of_a_two_step_succession(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-ld-bac-lieu")
    assert lines(tmp_path, {"ct-2022.yaml": text}, CHAIN) == [
        "agreements/ct-2022.yaml:14:9: warning[PP070] Nghĩa vụ báo cáo \"bao-cao-nam\" (các kỳ "
        "đến 2026) rơi vào lúc Sở Lao động - Thương binh và Xã hội tỉnh Bạc Liêu (so-ld-bac-lieu)"
        " đã sáp nhập (từ 01/03/2025); đơn vị kế thừa: Sở Nội vụ tỉnh Bạc Liêu "
        "(so-noi-vu-bac-lieu) → Sở Nội vụ tỉnh Cà Mau (so-noi-vu-ca-mau) (hợp nhất từ "
        "01/07/2025). Hãy cập nhật thỏa thuận (ghi bên kế thừa) hoặc ký thỏa thuận mới"]


def test_pp070_in_english(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-ld-bac-lieu")
    assert lines(tmp_path, {"ct-2022.yaml": text}, CHAIN, lang="en") == [
        "agreements/ct-2022.yaml:14:9: warning[PP070] Reporting duty \"bao-cao-nam\" (periods "
        "up to 2026) falls after Sở Lao động - Thương binh và Xã hội tỉnh Bạc Liêu "
        "(so-ld-bac-lieu) was merged (on 01/03/2025); successor: Sở Nội vụ tỉnh Bạc Liêu "
        "(so-noi-vu-bac-lieu) → Sở Nội vụ tỉnh Cà Mau (so-noi-vu-ca-mau) (consolidated on "
        "2025-07-01). Update the agreement (name the successor) or sign a new one"]


NEW = """\
id: ct-2024
kind: chuong-trinh
title: Chương trình phối hợp mới
signed: {start}
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: {start}
  end: 2029-12-31
replaces: {{agreement: ct-2022}}
"""


def test_pp070_silent_for_an_agreement_replaced_before_the_merger(tmp_path: Path) -> None:
    old = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-cu")
    assert lines(tmp_path, {"ct-2022.yaml": old,
                            "ct-2024.yaml": NEW.format(start="2024-06-01")}) == []


def test_pp070_names_the_replacement_when_it_came_after_the_merger(tmp_path: Path) -> None:
    old = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-cu")
    assert lines(tmp_path, {"ct-2022.yaml": old,
                            "ct-2024.yaml": NEW.format(start="2025-09-01")}) == [
        "agreements/ct-2022.yaml:14:9: warning[PP070] Nghĩa vụ báo cáo \"bao-cao-nam\" (các kỳ "
        "đến 2025) rơi vào lúc Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau (so-cu) đã sáp "
        "nhập (từ 01/03/2025); đơn vị kế thừa: Sở Nội vụ tỉnh Cà Mau (so-noi-vu-ca-mau). Thỏa "
        "thuận \"ct-2024\" thay thế thỏa thuận này từ 01/09/2025; các kỳ trước đó do đơn vị kế "
        "thừa thực hiện, hãy ghi nhận theo thỏa thuận này"]


def test_pp070_silent_for_periods_already_recorded(tmp_path: Path) -> None:
    old = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-cu").replace(
        "  end: 2026-12-31", "  end: 2025-12-31") + """\
  - report: bao-cao-nam
    period: 2025
    date: 2025-12-10
"""
    assert lines(tmp_path, {"ct-2022.yaml": old}) == []
    # one period after the merger left unrecorded: the warning is back
    assert len(lines(tmp_path / "2", {"ct-2022.yaml": old.replace("period: 2025",
                                                                    "period: 2024")})) == 1


def test_pp070_silent_for_a_conference_recorded_as_held(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    planned: 2024", "    planned: 2025").replace(
        "    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]", "    host: so-cu")
    assert lines(tmp_path, {"ct-2022.yaml": text}) == [
        "agreements/ct-2022.yaml:21:11: warning[PP070] Hội nghị \"so-ket\" (dự kiến 2025) "
        "rơi vào lúc Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau (so-cu) đã sáp nhập (từ "
        "01/03/2025); đơn vị kế thừa: Sở Nội vụ tỉnh Cà Mau (so-noi-vu-ca-mau). Hãy cập nhật "
        "thỏa thuận (ghi bên kế thừa) hoặc ký thỏa thuận mới"]
    held = text + "  - conference: so-ket\n    date: 2025-06-20\n"
    assert lines(tmp_path / "2", {"ct-2022.yaml": held}) == []


def test_pp065_allows_a_review_in_the_three_months_after_the_end(tmp_path: Path) -> None:
    ended = AGREEMENT.replace("  end: 2026-12-31", "  end: 2025-12-31")
    ok = ended.replace("    planned: 2024", "    planned: 2026-03")
    assert lines(tmp_path, {"ct-2022.yaml": ok}) == []
    held = ended + "  - conference: so-ket\n    date: 2026-03-31\n"
    assert lines(tmp_path / "2", {"ct-2022.yaml": held}) == []
    late = ended + "  - conference: so-ket\n    date: 2026-04-01\n"
    assert lines(tmp_path / "3", {"ct-2022.yaml": late}) == [
        "agreements/ct-2022.yaml:28:11: warning[PP065] \"date\": thời điểm 01/04/2026 nằm ngoài "
        "thời hạn của thỏa thuận (15/03/2022 – 31/12/2025; hội nghị sơ kết, tổng kết được họp "
        "đến 31/03/2026, 3 tháng sau khi kết thúc)"]
    planned_late = ended.replace("    planned: 2024", "    planned: 2026-04")
    assert [x.split("]")[0] for x in lines(tmp_path / "4", {"ct-2022.yaml": planned_late})] == [
        "agreements/ct-2022.yaml:20:14: warning[PP065"]


def test_pp066_agreement_without_any_start_date(tmp_path: Path) -> None:
    text = AGREEMENT.replace("signed: 2022-03-15\n", "").replace("  start: 2022-03-15\n", "")
    text = text.split("records:")[0].replace("    planned: 2024", "    planned: 2026")
    assert lines(tmp_path, {"ct-2022.yaml": text}) == [
        "agreements/ct-2022.yaml:8:3: warning[PP066] thỏa thuận không có ngày bắt đầu "
        "(period.start), ngày ký (signed) hay nhiệm kỳ (period.term) nên các nghĩa vụ định kỳ "
        "(bao-cao-nam) không sinh kỳ báo cáo nào và ppcli due không nhắc; hãy ghi ngày bắt đầu "
        "hoặc ngày ký"]
    # the duty's own first period is enough
    first = text.replace("    frequency: hang-nam", "    frequency: hang-nam\n    first: 2023")
    assert lines(tmp_path / "2", {"ct-2022.yaml": first}) == []
