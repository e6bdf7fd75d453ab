"""History's sentences for issue 17's new fields: a change of each reads as a sentence in
Vietnamese (and English), the same by the quick path (only the changed parts) as by the
whole files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AGREEMENT as A
from conftest import write_repo

from ppcli.files.model import Registry
from ppcli.files.repository import Repo, find_repo, load_meta
from ppcli.history.changes import diff_files
from ppcli.history.semdiff import diff_agreement, read_data

ISSUED = "issued_by: {number: 12/QĐ-UBND, date: 2022-03-01}\n"
CONF = "conferences:\n"
GB = "  - id: gb\n    kind: giao-ban\n    frequency: hang-quy\n    host: so-noi-vu-ca-mau\n"
TD = "  - org: tinh-doan-ca-mau\n"

CASES = [
    ("kind", A, A.replace("kind: chuong-trinh", "kind: lien-tich"),
     "Loại: Chương trình phối hợp → Văn bản liên tịch",
     "Kind: coordination programme → joint document"),
    ("issued_by added", A, A + ISSUED,
     "Quyết định ban hành: (trống) → 12/QĐ-UBND 01/03/2022",
     "Issued by: (empty) → 12/QĐ-UBND 01/03/2022"),
    ("issued_by effective rule", A + ISSUED,
     A + ISSUED.replace("}", ", effective_after_days: 10}"),
     "Quyết định ban hành, hiệu lực sau số ngày: (trống) → 10",
     "Issued by, effective after days: (empty) → 10"),
    ("replaces one to many", A + "replaces: {agreement: ct-2017}\n",
     A + "replaces: [{agreement: ct-2017}, {kind: Chương trình, number: 05/CTPH}]\n",
     "Văn bản được thay thế: ct-2017 → ct-2017; Chương trình 05/CTPH",
     "Replaces: ct-2017 → ct-2017; Chương trình 05/CTPH"),
    ("siblings", A, A + "siblings:\n  - {kind: Quy chế phối hợp, number: 01/QC}\n",
     "Văn bản ký kèm: (trống) → Quy chế phối hợp 01/QC",
     "Siblings: (empty) → Quy chế phối hợp 01/QC"),
    ("closed", A, A + "closed: {date: 2026-01-15, note: Đã tổng kết}\n",
     "Kết thúc theo dõi: (trống) → 15/01/2026, Đã tổng kết",
     "Closed: (empty) → 15/01/2026, Đã tổng kết"),
    ("signer by position", A.replace(TD, TD + "    signer: {name: Trần Thị B}\n"),
     A.replace(TD, TD + "    signer: {position: Bí thư}\n"),
     "Người ký (Tỉnh đoàn Cà Mau): Trần Thị B → Bí thư",
     "Signer (Tỉnh đoàn Cà Mau): Trần Thị B → Bí thư"),
    ("duty kind", A, A.replace("    frequency: hang-nam\n",
                               "    frequency: hang-nam\n    kind: ke-hoach\n", 1),
     "Loại của nghĩa vụ bao-cao-nam: (trống) → kế hoạch",
     "Kind of duty bao-cao-nam: (empty) → plan"),
    ("days_before", A, A.replace("{day: 15, month: 12}", "{days_before: 17}"),
     "Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 17 ngày trước kỳ",
     "Deadline of bao-cao-nam: 15/12 → 17 days before the period"),
    ("to the other parties", A, A.replace("    to: ubnd-ca-mau\n", "    to: cac-ben-khac\n"),
     "Nơi nhận của nghĩa vụ bao-cao-nam: UBND tỉnh Cà Mau → các bên ký kết khác",
     "Recipient of duty bao-cao-nam: UBND tỉnh Cà Mau → the other signing parties"),
    ("recurring meeting added", A, A.replace(CONF, CONF + GB),
     "Thêm hội nghị giao ban (gb), họp hằng quý",
     "Added briefing meeting (gb), held quarterly"),
    ("meeting frequency", A.replace(CONF, CONF + GB),
     A.replace(CONF, CONF + GB.replace("hang-quy", "hang-thang")),
     "Định kỳ của hội nghị giao ban (gb): hằng quý → hằng tháng",
     "Frequency of briefing meeting (gb): quarterly → monthly"),
    ("meeting when", A.replace(CONF, CONF + GB),
     A.replace(CONF, CONF + GB.replace("hang-quy\n", "hang-quy\n    when: sau-ky\n")),
     "Thời điểm họp của hội nghị giao ban (gb): (trống) → sau kỳ (trong tháng đầu sau kỳ)",
     "When of briefing meeting (gb): (empty) → after the period (in the month after it)"),
    ("meeting record with its period", A.replace(CONF, CONF + GB),
     A.replace(CONF, CONF + GB) + "  - conference: gb\n    period: 2024-Q2\n"
     "    date: 2024-06-20\n",
     "Ghi nhận đã tổ chức hội nghị giao ban quý II/2024 ngày 20/06/2024",
     "Recorded conference gb for 2024-Q2 held on 2024-06-20"),
]


@pytest.fixture
def repo_and_registry(tmp_path: Path) -> tuple[Repo, Registry]:
    root = write_repo(tmp_path / "r")
    repo = find_repo(root, root)
    return repo, load_meta(repo).registry


@pytest.mark.parametrize(("old", "new", "vi", "en"), [pytest.param(*c[1:], id=c[0])
                                                      for c in CASES])
def test_a_new_field_changed_reads_as_a_sentence(repo_and_registry: tuple[Repo, Registry],
                                                 old: str, new: str, vi: str, en: str) -> None:
    repo, registry = repo_and_registry
    path = "agreements/ct-2022.yaml"
    files = diff_files(repo, {path: old.encode("utf-8")}, {path: new.encode("utf-8")},
                       registry)
    changes = [c.text for f in files for c in f.changes]
    assert [c.vi for c in changes] == [vi]
    assert [c.en for c in changes] == [en]
    whole = diff_agreement(read_data(old.encode("utf-8"), path)[0],
                           read_data(new.encode("utf-8"), path)[0], registry)
    assert [c.text for c in whole] == changes
