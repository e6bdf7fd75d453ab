"""A small repository for the office's documents (chase, metadata, dossier): a Sở that
receives a Tỉnh đoàn's reports and sends its own, signers configured for both."""

from __future__ import annotations

from pathlib import Path

from conftest import write_repo

REGISTRY = """\
organisations:
  - id: ubnd-ca-mau
    name: Ủy ban nhân dân tỉnh Cà Mau
    short: UBND tỉnh Cà Mau
    kind: ubnd
    province: Cà Mau
    code: UBND
  - id: so-noi-vu-ca-mau
    name: Sở Nội vụ tỉnh Cà Mau
    short: Sở Nội vụ
    kind: so
    province: Cà Mau
    parent: ubnd-ca-mau
    code: SNV
  - id: tinh-doan-ca-mau
    name: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau
    short: Tỉnh đoàn Cà Mau
    kind: doan-tncs
    province: Cà Mau
    code: TĐTN
"""

CONFIG = """\
place: Cà Mau
issuer: so-noi-vu-ca-mau
signers:
  - org: so-noi-vu-ca-mau
    authority: KT. GIÁM ĐỐC
    position: PHÓ GIÁM ĐỐC
    name: Nguyễn Văn An
    unit: VP
  - org: tinh-doan-ca-mau
    authority: TM. BAN THƯỜNG VỤ
    position: PHÓ BÍ THƯ
    name: Trần Thị Bình
    unit: VP
"""

AGREEMENT = """\
id: ct-2023
kind: chuong-trinh
title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2023 - 2027
number: 05/CTr-SNV-TĐTN
signed: 2023-03-01
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period:
  start: 2023-03-01
  end: 2027-12-31
implements:
  kind: Chương trình phối hợp
  number: 4286-CTPH/BLĐTBXH-TWĐTN
  date: 2021-11-25
  title: Chương trình phối hợp giai đoạn 2021 - 2025
  issuer: Bộ Lao động - Thương binh và Xã hội và Trung ương Đoàn
replaces:
  kind: Chương trình phối hợp
  number: 01/CTr-SNV-TĐTN
  date: 2018-04-02
  title: Chương trình phối hợp giai đoạn 2018 - 2022
  issuer: so-noi-vu-ca-mau
duties:
  - id: bao-cao-6-thang
    title: Báo cáo 6 tháng của Tỉnh đoàn
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: nua-nam
    deadline: {days_after: 10}
  - id: bao-cao-nam
    subject: Kết quả phối hợp thực hiện Chương trình
    from: tinh-doan-ca-mau
    to: so-noi-vu-ca-mau
    frequency: hang-nam
    deadline: {day: 15, month: 12}
  - id: thong-tin-nam
    title: Thông tin tình hình công chức trẻ
    from: so-noi-vu-ca-mau
    to: tinh-doan-ca-mau
    frequency: hang-nam
    deadline: {day: 20, month: 12}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2024-05
    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
records:
  - report: bao-cao-6-thang
    period: 2023-H1
    date: 2023-07-05
    number: 21-BC/TĐTN-VP
  - conference: so-ket
    date: 2024-05-20
  - report: bao-cao-nam
    period: 2023
    date: 2023-12-14
    number: 30-BC/TĐTN-VP
    note: Gửi bản giấy và bản điện tử
"""


def office_repo(root: Path, agreement: str = AGREEMENT) -> Path:
    return write_repo(root, {"ct-2023.yaml": agreement}, registry=REGISTRY, config=CONFIG)
