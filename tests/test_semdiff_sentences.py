"""The sentences ``ppcli diff`` says for each kind of change, in both languages.

Each case gives two versions of one file and the exact sentences expected, through
:func:`ppcli.history.changes.diff_files` (what ``ppcli diff`` calls). A case whose sentence is
wrong today (Vietnamese words in the English text, ids where the clerk expects names or
labels) holds the sentence it should be and is marked xfail(strict) with the reason, per
language: when the wording is fixed, the strict xfail fails and the mark must go.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import AGREEMENT, CONFIG, REGISTRY, write_repo

from ppcli.files.model import Registry
from ppcli.files.repository import Repo, find_repo, load_meta
from ppcli.history.changes import diff_files
from ppcli.history.semdiff import diff_agreement, read_data

A = AGREEMENT
TITLE = "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026"
PARTIES = "  - org: so-noi-vu-ca-mau\n  - org: tinh-doan-ca-mau\n"
DEADLINE = "    deadline: {day: 15, month: 12}\n"
RECORD = "  - report: bao-cao-nam\n    period: 2023\n    date: 2023-12-11\n"
AREA = "areas:\n  - id: thanh-nien\n    title: Công tác thanh niên\n    lead: {lead}\nconferences:"
REPLACES = ("replaces:\n  agreement: ct-2017\n  number: {n}/CTPH\n"
            "  title: Chương trình giai đoạn 2017 - 2021\n")
ONCE = """\
id: ct-2022
kind: quy-che
title: Quy chế
parties:
  - org: so-noi-vu-ca-mau
  - org: tinh-doan-ca-mau
period: {start: 2024-01-01, end: 2026-12-31}
duties:
  - id: bao-cao-so-ket
    from: so-noi-vu-ca-mau
    to: ubnd-ca-mau
    frequency: mot-lan
    deadline: {date: 2025-06-30}
"""
TINH_DOAN = "    name: Tỉnh đoàn Cà Mau\n    kind: doan-the\n"


def party(extra: str) -> str:
    return A.replace(PARTIES, PARTIES + extra)


def deadline(rule: str) -> str:
    return A.replace(DEADLINE, f"    deadline: {rule}\n" if rule else "")


def ended(how: str, successors: str = "") -> str:
    return REGISTRY.replace(TINH_DOAN, TINH_DOAN + f"    ended:\n      date: 2025-07-01\n"
                            f"      how: {how}\n" + successors)


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    vi: tuple[str, ...]
    en: tuple[str, ...]
    file: str = "ct-2022.yaml"
    wrong_vi: str = ""  # why today's Vietnamese sentence is wrong (xfail)
    wrong_en: str = ""  # why today's English sentence is wrong (xfail)


CASES = [
    # -- scalars: changed, added, removed -------------------------------------------------
    Case("scalar changed", A, A.replace(TITLE, "Chương trình mới"),
         (f"Tên: {TITLE} → Chương trình mới",), (f"Title: {TITLE} → Chương trình mới",)),
    Case("date changed", A, A.replace("signed: 2022-03-15", "signed: 2022-03-16"),
         ("Ngày ký: 15/03/2022 → 16/03/2022",), ("Signed: 15/03/2022 → 16/03/2022",)),
    Case("nested scalar changed", A, A.replace("  end: 2026-12-31", "  end: 2027-12-31"),
         ("Ngày kết thúc: 31/12/2026 → 31/12/2027",), ("End: 31/12/2026 → 31/12/2027",)),
    Case("scalar added", A, A + "notes: Ghi chú mới\n",
         ("Ghi chú: (trống) → Ghi chú mới",), ("Notes: (empty) → Ghi chú mới",)),
    Case("scalar removed", A + "notes: Ghi chú mới\n", A,
         ("Ghi chú: Ghi chú mới → (trống)",), ("Notes: Ghi chú mới → (empty)",)),
    Case("enumerated scalar", A, A.replace("kind: chuong-trinh", "kind: quy-che"),
         ("Loại: Chương trình phối hợp → Quy chế phối hợp",),
         ("Kind: coordination programme → coordination regulation",)),
    Case("plain list changed", A + "legal_basis:\n  - Luật Thanh niên 2020\n",
         A + "legal_basis:\n  - Luật Thanh niên 2020\n  - Nghị định 09/2019/NĐ-CP\n",
         ("Căn cứ: Luật Thanh niên 2020 → Luật Thanh niên 2020, Nghị định 09/2019/NĐ-CP",),
         ("Legal basis: Luật Thanh niên 2020 → Luật Thanh niên 2020, "
          "Nghị định 09/2019/NĐ-CP",)),
    Case("plain list item removed", A + "funding:\n  - Ngân sách tỉnh\n  - Tài trợ\n",
         A + "funding:\n  - Ngân sách tỉnh\n",
         ("Kinh phí: Ngân sách tỉnh, Tài trợ → Ngân sách tỉnh",),
         ("Funding: Ngân sách tỉnh, Tài trợ → Ngân sách tỉnh",)),
    # -- identity-keyed items: parties, duties, conferences, areas -------------------------
    Case("party added", A, party("  - org: ubnd-ca-mau\n"),
         ("Thêm bên: UBND tỉnh Cà Mau",), ("Party added: UBND tỉnh Cà Mau",)),
    Case("party removed", party("  - org: ubnd-ca-mau\n"), A,
         ("Bỏ bên: UBND tỉnh Cà Mau",), ("Party removed: UBND tỉnh Cà Mau",)),
    Case("parties reordered", A, A.replace(PARTIES, "  - org: tinh-doan-ca-mau\n"
                                           "  - org: so-noi-vu-ca-mau\n"), (), ()),
    Case("party field changed", party("    role: Phối hợp\n"), party("    role: Chủ trì\n"),
         ("Vai trò (Tỉnh đoàn Cà Mau): Phối hợp → Chủ trì",),
         ("Role (Tỉnh đoàn Cà Mau): Phối hợp → Chủ trì",)),
    Case("duty added", A, A.replace("conferences:", "  - id: bao-cao-quy\n"
                                    "    title: Báo cáo quý\n    from: tinh-doan-ca-mau\n"
                                    "    to: ubnd-ca-mau\n    frequency: hang-quy\n"
                                    "    deadline: {day: 20}\nconferences:"),
         ("Thêm nghĩa vụ báo cáo hằng quý: Báo cáo quý (bao-cao-quy)",),
         ("Added quarterly reporting duty: Báo cáo quý (bao-cao-quy)",)),
    Case("duty removed", A.replace("conferences:", "  - id: bao-cao-quy\n"
                                   "    from: tinh-doan-ca-mau\n    to: ubnd-ca-mau\n"
                                   "    frequency: hang-quy\n    deadline: {day: 20}\n"
                                   "conferences:"), A,
         ("Bỏ nghĩa vụ báo cáo hằng quý: bao-cao-quy (bao-cao-quy)",),
         ("Removed quarterly reporting duty: bao-cao-quy (bao-cao-quy)",)),
    Case("duty field added", A, A.replace("    frequency: hang-nam",
                                          "    title: Báo cáo năm\n    frequency: hang-nam"),
         ("Tên của nghĩa vụ bao-cao-nam: (trống) → Báo cáo năm",),
         ("Title of duty bao-cao-nam: (empty) → Báo cáo năm",)),
    Case("duty frequency changed", A,
         A.replace("    frequency: hang-nam\n" + DEADLINE, "    frequency: hang-quy\n" + DEADLINE
                   ).replace("{day: 15, month: 12}", "{day: 15}"),
         ("Định kỳ của nghĩa vụ bao-cao-nam: hằng năm → hằng quý",
          "Hạn báo cáo hằng quý (bao-cao-nam): 15/12 → ngày 15 tháng cuối kỳ"),
         ("Frequency of duty bao-cao-nam: yearly → quarterly",
          "Deadline of bao-cao-nam: 15/12 → day 15 of the period's last month")),
    Case("conference added", A, A.replace("records:", "  - id: tong-ket\n    kind: tong-ket\n"
                                          "    planned: 2026-12-15\n    host: ubnd-ca-mau\n"
                                          "records:"),
         ("Thêm hội nghị tổng kết (tong-ket), dự kiến 15/12/2026",),
         ("Added final review (tong-ket), planned 15/12/2026",)),
    Case("conference removed", A.replace("records:", "  - id: tong-ket\n    kind: tong-ket\n"
                                         "    planned: 2026-12\n    host: ubnd-ca-mau\n"
                                         "records:"), A,
         ("Bỏ hội nghị tổng kết (tong-ket), dự kiến 12/2026",),
         ("Removed final review (tong-ket), planned 12/2026",)),
    Case("conference field changed",
         A.replace("    planned: 2024\n", "    title: Sơ kết 2 năm\n    planned: 2024\n"),
         A.replace("    planned: 2024\n", "    title: Sơ kết giữa kỳ\n    planned: 2024\n"),
         ("Tên của hội nghị sơ kết (so-ket): Sơ kết 2 năm → Sơ kết giữa kỳ",),
         ("Title of mid-term review (so-ket): Sơ kết 2 năm → Sơ kết giữa kỳ",)),
    Case("conference planned", A, A.replace("planned: 2024\n", "planned: 2024-06\n"),
         ("Dời hội nghị sơ kết (so-ket): 2024 → 06/2024",),
         ("Mid-term review moved (so-ket): 2024 → 06/2024",)),
    Case("area added", A, A.replace("conferences:", AREA.format(lead="tinh-doan-ca-mau")),
         ("Thêm nội dung phối hợp: Công tác thanh niên",),
         ("Added content area: Công tác thanh niên",)),
    Case("area removed", A.replace("conferences:", AREA.format(lead="tinh-doan-ca-mau")), A,
         ("Bỏ nội dung phối hợp: Công tác thanh niên",),
         ("Removed content area: Công tác thanh niên",)),
    # -- set-like lists: an item added or removed, order ignored ----------------------------
    Case("set item added", A, A.replace("    to: ubnd-ca-mau", "    to: [ubnd-ca-mau, "
                                        "tinh-doan-ca-mau]"),
         ("Nơi nhận của nghĩa vụ bao-cao-nam: UBND tỉnh Cà Mau → Tỉnh đoàn Cà Mau, "
          "UBND tỉnh Cà Mau",),
         ("Recipient of duty bao-cao-nam: UBND tỉnh Cà Mau → Tỉnh đoàn Cà Mau, "
          "UBND tỉnh Cà Mau",)),
    Case("set item removed",
         A.replace("from: so-noi-vu-ca-mau", "from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]"), A,
         ("Bên báo cáo của nghĩa vụ bao-cao-nam: Sở Nội vụ, Tỉnh đoàn Cà Mau → Sở Nội vụ",),
         ("Reporter of duty bao-cao-nam: Sở Nội vụ, Tỉnh đoàn Cà Mau → Sở Nội vụ",)),
    Case("set reordered",
         A.replace("    to: ubnd-ca-mau", "    to: [ubnd-ca-mau, tinh-doan-ca-mau]"),
         A.replace("    to: ubnd-ca-mau", "    to: [tinh-doan-ca-mau, ubnd-ca-mau]"), (), ()),
    Case("conference host removed", A,
         A.replace("host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]", "host: [so-noi-vu-ca-mau]"),
         ("Chủ trì của hội nghị sơ kết (so-ket): Sở Nội vụ, Tỉnh đoàn Cà Mau → Sở Nội vụ",),
         ("Host of mid-term review (so-ket): Sở Nội vụ, Tỉnh đoàn Cà Mau → Sở Nội vụ",)),
    Case("area lead added", A.replace("conferences:", AREA.format(lead="tinh-doan-ca-mau")),
         A.replace("conferences:", AREA.format(lead="[tinh-doan-ca-mau, so-noi-vu-ca-mau]")),
         ("Chủ trì của nội dung phối hợp thanh-nien: Tỉnh đoàn Cà Mau → Sở Nội vụ, "
          "Tỉnh đoàn Cà Mau",),
         ("Lead of content area thanh-nien: Tỉnh đoàn Cà Mau → Sở Nội vụ, Tỉnh đoàn Cà Mau",)),
    # -- whole-value fields -------------------------------------------------------------------
    Case("signer changed", party("    signer: {name: Nguyễn Văn A, position: Bí thư}\n"),
         party("    signer: {name: Trần Văn B, position: Phó Bí thư}\n"),
         ("Người ký (Tỉnh đoàn Cà Mau): Nguyễn Văn A, Bí thư → Trần Văn B, Phó Bí thư",),
         ("Signer (Tỉnh đoàn Cà Mau): Nguyễn Văn A, Bí thư → Trần Văn B, Phó Bí thư",)),
    Case("signer added", A, party("    signer: {name: Nguyễn Văn A, position: Bí thư}\n"),
         ("Người ký (Tỉnh đoàn Cà Mau): (trống) → Nguyễn Văn A, Bí thư",),
         ("Signer (Tỉnh đoàn Cà Mau): (empty) → Nguyễn Văn A, Bí thư",)),
    Case("document reference changed", A + REPLACES.format(n="05"), A + REPLACES.format(n="06"),
         ("Văn bản được thay thế: 05/CTPH Chương trình giai đoạn 2017 - 2021 → "
          "06/CTPH Chương trình giai đoạn 2017 - 2021",),
         ("Replaces: 05/CTPH Chương trình giai đoạn 2017 - 2021 → "
          "06/CTPH Chương trình giai đoạn 2017 - 2021",)),
    # -- deadlines of each rule kind ----------------------------------------------------------
    Case("deadline day and month", A, deadline("{day: 10, month: 12}"),
         ("Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 10/12",),
         ("Deadline of bao-cao-nam: 15/12 → 10/12",)),
    Case("deadline date", ONCE, ONCE.replace("2025-06-30", "2025-07-15"),
         ("Hạn báo cáo một lần (bao-cao-so-ket): 30/06/2025 → 15/07/2025",),
         ("Deadline of bao-cao-so-ket: 30/06/2025 → 15/07/2025",)),
    Case("deadline day of last month", deadline("{day: 10, month: 12}"),
         deadline("{day: 10}").replace("hang-nam", "hang-quy"),
         ("Định kỳ của nghĩa vụ bao-cao-nam: hằng năm → hằng quý",
          "Hạn báo cáo hằng quý (bao-cao-nam): 10/12 → ngày 10 tháng cuối kỳ"),
         ("Frequency of duty bao-cao-nam: yearly → quarterly",
          "Deadline of bao-cao-nam: 10/12 → day 10 of the period's last month")),
    Case("deadline days after", A, deadline("{days_after: 10}"),
         ("Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 10 ngày sau kỳ",),
         ("Deadline of bao-cao-nam: 15/12 → 10 days after the period",)),
    Case("deadline working days after", A, deadline("{working_days_after: 5}"),
         ("Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → 5 ngày làm việc sau kỳ",),
         ("Deadline of bao-cao-nam: 15/12 → 5 working days after the period",)),
    Case("deadline regime", A, deadline("{regime: nd09}"),
         ("Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → theo Nghị định 09/2019",),
         ("Deadline of bao-cao-nam: 15/12 → under Decree 09/2019",)),
    Case("deadline removed", A, deadline(""),
         ("Hạn báo cáo hằng năm (bao-cao-nam): 15/12 → mặc định",),
         ("Deadline of bao-cao-nam: 15/12 → default",)),
    # -- records --------------------------------------------------------------------------------
    Case("report recorded", A, A + RECORD,
         ("Ghi nhận đã gửi báo cáo năm 2023 (ngày 11/12/2023)",),
         ("Recorded report 2023 sent (2023-12-11)",)),
    Case("report record removed", A + RECORD, A,
         ("Xóa ghi nhận đã gửi báo cáo năm 2023 (ngày 11/12/2023)",),
         ("Record removed: report 2023 sent (2023-12-11)",)),
    Case("report recorded with number", A, A + RECORD + "    number: 20/BC-SNV\n",
         ("Ghi nhận đã gửi báo cáo năm 2023 (Số 20/BC-SNV, ngày 11/12/2023)",),
         ("Recorded report 2023 sent (No. 20/BC-SNV, 2023-12-11)",)),
    Case("record field changed", A, A.replace("number: 12/BC-SNV", "number: 13/BC-SNV"),
         ("Sửa ghi nhận bao-cao-nam (Số, ký hiệu): 12/BC-SNV → 13/BC-SNV",),
         ("Record bao-cao-nam (number): 12/BC-SNV → 13/BC-SNV",)),
    Case("extension recorded", A, A + "  - extension: bao-cao-nam\n    period: 2023\n"
         "    until: 2024-01-15\n    date: 2023-12-01\n    number: 15/CV-UBND\n",
         ("Ghi nhận gia hạn báo cáo năm 2023 đến 15/01/2024 (Số 15/CV-UBND, ngày 01/12/2023)",),
         ("Recorded extension of report 2023 until 2024-01-15 (No. 15/CV-UBND, 2023-12-01)",)),
    Case("reminder recorded", A, A + "  - reminder: bao-cao-nam\n    period: 2023\n"
         "    date: 2023-12-20\n    reminder_kind: kiem-diem\n    to: so-noi-vu-ca-mau\n",
         ("Ghi nhận đôn đốc (kiểm điểm (đôn đốc)) báo cáo năm 2023 tới so-noi-vu-ca-mau "
          "(ngày 20/12/2023)",),
         ("Recorded urging (self-criticism demanded (urging)) of report 2023 to "
          "so-noi-vu-ca-mau (2023-12-20)",)),
    Case("conference recorded", A, A + "  - conference: so-ket\n    date: 2024-06-20\n",
         ("Ghi nhận đã tổ chức hội nghị sơ kết ngày 20/06/2024",),
         ("Recorded conference so-ket held on 2024-06-20",)),
    Case("conference record removed", A + "  - conference: so-ket\n    date: 2024-06-20\n", A,
         ("Xóa ghi nhận đã tổ chức hội nghị sơ kết ngày 20/06/2024",),
         ("Record removed: conference so-ket held on 2024-06-20",)),
    # -- the registry ---------------------------------------------------------------------------
    Case("organisation added", REGISTRY, REGISTRY + "  - id: hoi-nong-dan\n"
         "    name: Hội Nông dân tỉnh Cà Mau\n    kind: doan-the\n",
         ("Thêm tổ chức: Hội Nông dân tỉnh Cà Mau (hoi-nong-dan)",),
         ("Organisation added: Hội Nông dân tỉnh Cà Mau",), file="organisations.yaml"),
    Case("organisation removed", REGISTRY + "  - id: hoi-nong-dan\n"
         "    name: Hội Nông dân tỉnh Cà Mau\n    kind: doan-the\n", REGISTRY,
         ("Bỏ tổ chức: Hội Nông dân tỉnh Cà Mau (hoi-nong-dan)",),
         ("Organisation removed: Hội Nông dân tỉnh Cà Mau",), file="organisations.yaml"),
    Case("organisation field changed", REGISTRY,
         REGISTRY.replace("    short: Sở Nội vụ\n", "    short: SNV\n"),
         ("Tên ngắn (so-noi-vu-ca-mau): Sở Nội vụ → SNV",),
         ("Short name (so-noi-vu-ca-mau): Sở Nội vụ → SNV",), file="organisations.yaml"),
    Case("organisation kind changed", REGISTRY,
         REGISTRY.replace(TINH_DOAN, "    name: Tỉnh đoàn Cà Mau\n    kind: khac\n"),
         ("Loại (tinh-doan-ca-mau): Tổ chức chính trị - xã hội → Khác",),
         ("Kind (tinh-doan-ca-mau): mass organisation → other",), file="organisations.yaml"),
    Case("organisation dissolved", REGISTRY, ended("giai-the"),
         ("Tỉnh đoàn Cà Mau: giải thể từ 01/07/2025",),
         ("Tỉnh đoàn Cà Mau: dissolved on 2025-07-01",), file="organisations.yaml"),
    Case("organisation merged", REGISTRY,
         ended("sap-nhap", "      successors: so-noi-vu-ca-mau\n"),
         ("Tỉnh đoàn Cà Mau: sáp nhập từ 01/07/2025 vào Sở Nội vụ",),
         ("Tỉnh đoàn Cà Mau: merged on 2025-07-01 into Sở Nội vụ",), file="organisations.yaml"),
    Case("organisation end removed", ended("giai-the"), REGISTRY,
         ("Tỉnh đoàn Cà Mau: bỏ thông tin chấm dứt",), ("Tỉnh đoàn Cà Mau: end removed",),
         file="organisations.yaml"),
    # -- the repository configuration -------------------------------------------------------------
    Case("config scalar changed", CONFIG, CONFIG.replace("place: Cà Mau", "place: Năm Căn"),
         ("Địa danh: Cà Mau → Năm Căn",), ("Place: Cà Mau → Năm Căn",), file="ppcli.yaml"),
    Case("config issuer changed", CONFIG,
         CONFIG.replace("issuer: so-noi-vu-ca-mau", "issuer: ubnd-ca-mau"),
         ("Cơ quan ban hành: Sở Nội vụ → UBND tỉnh Cà Mau",),
         ("Issuer: Sở Nội vụ → UBND tỉnh Cà Mau",), file="ppcli.yaml"),
    Case("config default deadline changed", CONFIG + "default_deadline: {day: 16}\n",
         CONFIG + "default_deadline: {days_after: 10}\n",
         ("Hạn báo cáo mặc định: ngày 16 tháng cuối kỳ → 10 ngày sau kỳ",),
         ("Default deadline: day 16 of the period's last month → 10 days after the period",),
         file="ppcli.yaml"),
    Case("day off added", CONFIG, CONFIG + "days_off:\n  - date: 2026-01-02\n    name: Nghỉ bù\n",
         ("Thêm ngày nghỉ: 02/01/2026",), ("Added day off: 2026-01-02",), file="ppcli.yaml"),
    Case("day off removed", CONFIG + "days_off:\n  - date: 2026-01-02\n", CONFIG,
         ("Bỏ ngày nghỉ: 02/01/2026",), ("Removed day off: 2026-01-02",), file="ppcli.yaml"),
    Case("working day added", CONFIG, CONFIG + "working_days:\n  - date: 2026-01-10\n",
         ("Thêm ngày làm bù: 10/01/2026",), ("Added make-up working day: 2026-01-10",),
         file="ppcli.yaml"),
]


def _params() -> list[object]:
    out: list[object] = []
    for case in CASES:
        for lang in ("vi", "en"):
            reason = case.wrong_vi if lang == "vi" else case.wrong_en
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(case, lang, marks=marks, id=f"{case.name}-{lang}"))
    return out


def test_case_names_are_unique() -> None:
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.fixture
def repo_and_registry(tmp_path: Path) -> tuple[Repo, Registry]:
    root = write_repo(tmp_path / "r")
    repo = find_repo(root, root)
    return repo, load_meta(repo).registry


@pytest.mark.parametrize(("case", "lang"), _params())
def test_sentence(repo_and_registry: tuple[Repo, Registry], case: Case, lang: str) -> None:
    repo, registry = repo_and_registry
    path = f"agreements/{case.file}"
    files = diff_files(repo, {path: case.old.encode("utf-8")},
                       {path: case.new.encode("utf-8")}, registry)
    got = tuple(c.text.vi if lang == "vi" else c.text.en for f in files for c in f.changes)
    assert got == (case.vi if lang == "vi" else case.en)


AGREEMENT_CASES = [c for c in CASES if c.file == "ct-2022.yaml"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in AGREEMENT_CASES])
def test_quick_path_says_what_the_whole_file_comparison_says(
        repo_and_registry: tuple[Repo, Registry], case: Case) -> None:
    """``ppcli diff`` compares only the changed parts of an agreement when it can
    (:mod:`ppcli.history.partial`); it must say exactly what comparing the whole files says."""
    repo, registry = repo_and_registry
    path = f"agreements/{case.file}"
    files = diff_files(repo, {path: case.old.encode("utf-8")},
                       {path: case.new.encode("utf-8")}, registry)
    quick = [c.text for f in files for c in f.changes]
    old, _ = read_data(case.old.encode("utf-8"), path)
    new, _ = read_data(case.new.encode("utf-8"), path)
    whole = [c.text for c in diff_agreement(old, new, registry)]
    assert quick == whole
