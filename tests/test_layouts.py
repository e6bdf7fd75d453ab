"""Each body's heading (issue 17, item 5): the layout chosen from the issuer's kind and, for
a mass organisation, from its official name; see docs/render.md for what is confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REGISTRY, run, write_repo

from ppcli.drafts.layout import (
    CONG_DOAN,
    DOAN,
    HOI,
    HOI_NONG_DAN,
    MAT_TRAN,
    STATE,
    layout_for,
)


@pytest.mark.parametrize(("kind", "name", "layout"), [
    ("so", "Sở Nội vụ tỉnh Cà Mau", STATE),
    ("cong-an", "Công an tỉnh Gia Lai", STATE),
    ("ngan-hang", "Ngân hàng Chính sách xã hội chi nhánh tỉnh Gia Lai", STATE),
    ("toa-an", "Tòa án nhân dân tỉnh Gia Lai", STATE),
    ("vien-kiem-sat", "Viện kiểm sát nhân dân tỉnh Gia Lai", STATE),
    ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai", MAT_TRAN),
    ("doan-tncs", "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Gia Lai", DOAN),
    ("doan-the", "Tỉnh đoàn Cà Mau", DOAN),
    ("doan-the", "Hội Nông dân tỉnh Gia Lai", HOI_NONG_DAN),
    ("doan-the", "Hội ND tỉnh Gia Lai", HOI_NONG_DAN),
    ("doan-the", "Liên đoàn Lao động tỉnh Gia Lai", CONG_DOAN),
    ("doan-the", "LĐLĐ tỉnh Gia Lai", CONG_DOAN),
    ("doan-the", "Hội Liên hiệp Phụ nữ tỉnh Gia Lai", HOI),
    ("doan-the", "Hội Cựu chiến binh tỉnh Gia Lai", HOI),
])
def test_the_layout_of_each_body(kind: str, name: str, layout: object) -> None:
    assert layout_for(kind, name) is layout


def test_the_symbols() -> None:
    assert STATE.number("BC", "CAT") == "Số: …/BC-CAT"
    assert HOI_NONG_DAN.number("BC", "HNDT", "VP") == "Số: …-BC/HNDT"
    assert DOAN.number("BC", "TĐTN", "VP") == "Số: …-BC/TĐTN-VP"
    assert CONG_DOAN.number("BC", "LĐLĐ") == "Số: …/BC-LĐLĐ"
    assert [x.confirmed for x in (STATE, MAT_TRAN, DOAN, HOI_NONG_DAN, CONG_DOAN, HOI)] == \
        [True, True, True, True, True, False]


MASS = REGISTRY + """\
  - id: hnd-ca-mau
    name: Hội Nông dân tỉnh Cà Mau
    short: Hội ND tỉnh Cà Mau
    kind: doan-the
    code: HNDT
  - id: ldld-ca-mau
    name: Liên đoàn Lao động tỉnh Cà Mau
    short: LĐLĐ tỉnh Cà Mau
    kind: doan-the
    code: LĐLĐ
  - id: hpn-ca-mau
    name: Hội Liên hiệp Phụ nữ tỉnh Cà Mau
    short: Hội LHPN tỉnh Cà Mau
    kind: doan-the
    code: HLHPN
"""

AGREEMENT = """\
id: ct-{org}
kind: chuong-trinh
title: Chương trình phối hợp năm 2025
signed: 2025-01-10
parties:
  - org: ubnd-ca-mau
  - org: {org}
period:
  start: 2025-01-10
  end: 2025-12-31
duties:
  - id: nam
    from: {org}
    to: ubnd-ca-mau
    frequency: hang-nam
    deadline: {{day: 10, month: 12}}
"""


def header(tmp_path: Path, org: str) -> list[str]:
    repo = write_repo(tmp_path / org, {f"ct-{org}.yaml": AGREEMENT.format(org=org)},
                      registry=MASS, config="place: Cà Mau\n")
    result = run(["render", f"ct-{org}", "nam", "2025", "--format", "md", "-o", "-",
                  "--today", "2025-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()[:3]


def test_the_hoi_nong_dan_heading(tmp_path: Path) -> None:
    """Its own rules: its title instead of the Quốc hiệu, "*" under the issuer, the symbol
    in the Party's order."""
    assert header(tmp_path, "hnd-ca-mau") == [
        "| **HỘI NÔNG DÂN TỈNH CÀ MAU**<br>\\* | **HỘI NÔNG DÂN VIỆT NAM** |",
        "|:---:|:---:|",
        "| Số: …-BC/HNDT | *Cà Mau, ngày 01 tháng 12 năm 2025* |"]


def test_the_cong_doan_keeps_the_quoc_hieu(tmp_path: Path) -> None:
    assert header(tmp_path, "ldld-ca-mau") == [
        "| **LIÊN ĐOÀN LAO ĐỘNG TỈNH CÀ MAU** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "**Độc lập - Tự do - Hạnh phúc** |",
        "|:---:|:---:|",
        "| Số: …/BC-LĐLĐ | *Cà Mau, ngày 01 tháng 12 năm 2025* |"]


def test_the_hoi_phu_nu_takes_the_mat_tran_layout(tmp_path: Path) -> None:
    assert header(tmp_path, "hpn-ca-mau") == [
        "| **HỘI LIÊN HIỆP PHỤ NỮ TỈNH CÀ MAU** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "**Độc lập - Tự do - Hạnh phúc** |",
        "|:---:|:---:|",
        "| Số: …/BC-HLHPN | *Cà Mau, ngày 01 tháng 12 năm 2025* |"]


def test_the_cong_an_is_laid_out_as_a_state_body(tmp_path: Path) -> None:
    """Thông tư 26/2019/TT-BCA keeps the Quốc hiệu and the state's symbol order."""
    registry = MASS + ("  - id: ca-ca-mau\n    name: Công an tỉnh Cà Mau\n    kind: cong-an\n"
                       "    parent: bo-cong-an\n    code: CAT\n"
                       "  - id: bo-cong-an\n    name: Bộ Công an\n    short: Bộ Công an\n"
                       "    kind: bo\n")
    repo = write_repo(tmp_path / "ca", {"ct-ca-ca-mau.yaml":
                                        AGREEMENT.format(org="ca-ca-mau")},
                      registry=registry, config="place: Cà Mau\n")
    result = run(["render", "ct-ca-ca-mau", "nam", "2025", "--format", "md", "-o", "-",
                  "--today", "2025-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "| BỘ CÔNG AN<br>**CÔNG AN TỈNH CÀ MAU** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "**Độc lập - Tự do - Hạnh phúc** |",
        "|:---:|:---:|",
        "| Số: …/BC-CAT | *Cà Mau, ngày 01 tháng 12 năm 2025* |"]
