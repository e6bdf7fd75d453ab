"""True after mergers and dissolutions (issue 17, items 1 and 2): the status
``parties-ended`` and its flags, the registry's ``absorbed:``, successors acting for the
bodies they took over (``due``, ``record --by``, ``render --as``), no report owed by a body
dissolved without successor, and drafts refused in the name of a body that had ended."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import AGREEMENT, REGISTRY, ROOT, run, write_repo
from hypothesis import given, settings
from hypothesis import strategies as st

from ppcli.engine.lifecycle import parties_ended, status
from ppcli.files.model import (
    Agreement,
    AgreementKind,
    End,
    EndKind,
    Organisation,
    OrgKind,
    Party,
    Registry,
    Where,
)

MERGED = REGISTRY.replace("""    kind: so
    parent: ubnd-ca-mau
""", """    kind: so
    parent: ubnd-ca-mau
    absorbed:
      - org: so-cu
        date: 2025-03-01
        basis: Nghị quyết số 1/NQ-HĐND
""") + """\
  - id: ubnd-x
    name: Ủy ban nhân dân tỉnh X
    short: UBND tỉnh X
    kind: ubnd
    ended: {date: 2025-07-01, how: hop-nhat, successors: ubnd-y}
  - id: ubnd-y
    name: Ủy ban nhân dân tỉnh Y
    short: UBND tỉnh Y
    kind: ubnd
  - id: tinh-doan-x
    name: Tỉnh đoàn X
    kind: doan-tncs
    code: TĐTN
    ended: {date: 2025-07-01, how: hop-nhat, successors: tinh-doan-y}
  - id: tinh-doan-y
    name: Tỉnh đoàn Y
    kind: doan-tncs
    code: TĐTN
  - id: ldld-tinh-x
    name: Liên đoàn Lao động tỉnh X
    short: LĐLĐ tỉnh X
    kind: doan-the
    ended: {date: 2025-07-01, how: hop-nhat, successors: ldld-tinh-y}
  - id: ldld-tinh-y
    name: Liên đoàn Lao động tỉnh Y
    short: LĐLĐ tỉnh Y
    kind: doan-the
  - id: ldld-huyen-z
    name: Liên đoàn Lao động huyện Z
    short: LĐLĐ huyện Z
    kind: doan-the
    code: LĐLĐ
    parent: ldld-tinh-x
    ended: {date: 2025-07-01, how: giai-the}
"""

XY = """\
id: qc-xy
kind: quy-che
title: Quy chế phối hợp giữa UBND tỉnh X và Tỉnh đoàn X
signed: 2023-05-31
parties:
  - org: ubnd-x
  - org: tinh-doan-x
duties:
  - id: bao-cao-nam
    from: tinh-doan-x
    to: ubnd-x
    frequency: hang-nam
    deadline: {day: 15, month: 12}
conferences:
  - id: so-ket
    kind: so-ket
    planned: 2025
    host: tinh-doan-x
records:
  - report: bao-cao-nam
    period: 2023
    date: 2023-12-10
  - report: bao-cao-nam
    period: 2024
    date: 2024-12-10
"""

Z = """\
id: ct-z
kind: chuong-trinh
title: Chương trình phối hợp của LĐLĐ huyện Z
signed: 2024-01-10
parties:
  - org: ldld-huyen-z
  - org: ldld-tinh-x
duties:
  - id: bao-cao-nam
    from: ldld-huyen-z
    to: ldld-tinh-x
    frequency: hang-nam
    deadline: {day: 15, month: 12}
"""

SOME = """\
id: ct-some
kind: chuong-trinh
title: Chương trình phối hợp giữa UBND tỉnh X và Tỉnh đoàn Cà Mau
signed: 2024-01-10
parties:
  - org: ubnd-x
  - org: tinh-doan-ca-mau
"""

TODAY = "2026-11-27"


def repository(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT, "qc-xy.yaml": XY,
                                       "ct-z.yaml": Z, "ct-some.yaml": SOME},
                      registry=MERGED)


# -- statuses ---------------------------------------------------------------------------


def test_list_says_parties_ended_with_the_flags_and_who_acts(tmp_path: Path) -> None:
    rows = run(["list", "--format", "json", "--today", TODAY], repository(tmp_path)).json()
    assert [(r["id"], r["status"], r["parties_ended_some"], r["parties_changed"])
            for r in rows] == [
        ("ct-2022", "ending-soon", False, True),  # Sở Nội vụ absorbed so-cu on 01/03/2025
        ("ct-some", "active", True, False),
        ("ct-z", "parties-ended", False, False),
        ("qc-xy", "parties-ended", False, False)]
    assert rows[2]["acting"] == {"ldld-huyen-z": [], "ldld-tinh-x": ["ldld-tinh-y"]}
    assert rows[3]["acting"] == {"ubnd-x": ["ubnd-y"], "tinh-doan-x": ["tinh-doan-y"]}


def test_before_the_merger_it_was_active(tmp_path: Path) -> None:
    rows = run(["list", "--format", "json", "--today", "2025-06-30"],
               repository(tmp_path)).json()
    assert [(r["id"], r["status"], r["parties_changed"]) for r in rows] == [
        ("ct-2022", "active", True), ("ct-some", "active", False), ("ct-z", "active", False),
        ("qc-xy", "active", False)]


def test_show_names_the_status_and_the_successors(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    lines = run(["show", "qc-xy", "--today", TODAY], repo).lines()
    assert lines[5] == ("Tình trạng: các bên đã sáp nhập/giải thể — cần rà soát, ký lại (nay: "
                        "Ủy ban nhân dân tỉnh Y, Tỉnh đoàn Y)")
    en = run(["show", "qc-xy", "--today", TODAY, "--lang", "en"], repo).lines()
    assert en[5] == ("Status: the parties have merged or been dissolved — review and sign "
                     "anew (now: Ủy ban nhân dân tỉnh Y, Tỉnh đoàn Y)")
    some = run(["show", "ct-some", "--today", TODAY], repo).lines()
    assert some[5] == "Tình trạng: đang hiệu lực; một số bên đã sáp nhập/giải thể"
    changed = run(["show", "ct-2022", "--today", TODAY], repo).lines()
    assert changed[5] == ("Tình trạng: sắp hết hiệu lực; bên ký đã tiếp nhận đơn vị khác sau "
                          "khi ký — cần rà soát")
    data = run(["show", "ct-z", "--format", "json", "--today", TODAY], repo).json()
    assert (data["status"], data["parties_ended_some"], data["parties_changed"]) == (
        "parties-ended", False, False)
    assert [(p["id"], p["acting"]) for p in data["parties"]] == [
        ("ldld-huyen-z", []), ("ldld-tinh-x", ["ldld-tinh-y"])]


def test_a_closed_agreement_is_closed_even_when_its_parties_ended(tmp_path: Path) -> None:
    closed = XY + "closed: {date: 2026-01-15, note: Đã tổng kết; không theo dõi tiếp}\n"
    repo = write_repo(tmp_path / "r", {"qc-xy.yaml": closed}, registry=MERGED)
    assert [(r["id"], r["status"]) for r in run(
        ["list", "--format", "json", "--today", TODAY], repo).json()] == [("qc-xy", "closed")]
    assert [(r["id"], r["status"]) for r in run(
        ["list", "--format", "json", "--today", "2025-12-01"], repo).json()] == [
        ("qc-xy", "parties-ended")]
    assert run(["show", "qc-xy", "--today", TODAY], repo).lines()[5] == \
        "Tình trạng: đã kết thúc"
    # due agrees with list: a finished agreement is not one to sign anew (cold and warm)
    for _ in range(2):
        items = run(["due", "--format", "json", "--today", TODAY], repo).json()
        assert [i["type"] for i in items if i["type"] == "review"] == []
    before = run(["due", "--format", "json", "--today", "2025-12-01"], repo).json()
    assert [(i["type"], i["agreement"]) for i in before if i["type"] == "review"] == [
        ("review", "qc-xy")]


def test_the_bundled_agreements_whose_parties_all_ended() -> None:
    rows = run(["list", "--format", "json", "--today", TODAY], ROOT).json()
    assert sorted(r["id"] for r in rows if r["status"] == "parties-ended") == [
        "bd-ubnd-hoi-ccb-2023", "bd-ubnd-hoi-lhpn-2023", "bd-ubnd-hoi-nong-dan-2023",
        "bd-ubnd-tinhdoan-2023", "bp-dbqh-hdnd-ubnd-mttq-2021-2026",  # Bình Phước → Đồng Nai
        "kg-ubnd-tinhdoan-2023-2027"]


def _org(oid: str, ended: dt.date | None) -> Organisation:
    end = End(ended, EndKind.HOP_NHAT, (oid + "-moi",)) if ended else None
    return Organisation(oid, oid, OrgKind.SO, ended=end)


DAYS = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(ends=st.lists(st.none() | DAYS, min_size=2, max_size=5), today=DAYS,
       start=DAYS)
def test_parties_ended_exactly_when_every_signing_party_ended(
        ends: list[dt.date | None], today: dt.date, start: dt.date) -> None:
    """Among agreements in force (started, not expired, replaced or closed), the status is
    ``parties-ended`` exactly when every signing party had ended on or before today; the
    flag ``parties_ended_some`` exactly when some but not all had."""
    ids = [f"to-chuc-{k}" for k in range(len(ends))]
    orgs = [_org(i, e) for i, e in zip(ids, ends, strict=True)]
    registry = Registry.of(Where("organisations.yaml"), tuple(orgs))
    a = Agreement("tt", AgreementKind.QUY_CHE, "Thỏa thuận", tuple(Party(i) for i in ids),
                  Where("tt.yaml"), start=start, end=None)
    ended = [e is not None and e <= today for e in ends]
    got = status(a, None, today, registry)
    if today < start:
        assert got == "not-started"
    else:
        assert (got == "parties-ended") == all(ended)
        assert got in ("parties-ended", "active")
    assert parties_ended(a, registry, today) == (all(ended), any(ended) and not all(ended))


# -- due ---------------------------------------------------------------------------------


def test_due_names_the_acting_successor_and_lists_the_review_once(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    lines = run(["due", "--today", TODAY], repo).lines()
    # the 2025 report of Tỉnh đoàn X (merged into Tỉnh đoàn Y) and the conference it hosted
    assert ("      Báo cáo — năm 2025: Tỉnh đoàn Y (thay Tỉnh đoàn X) → UBND tỉnh Y (thay "
            "UBND tỉnh X)") in lines
    assert "      Hội nghị sơ kết — chủ trì: Tỉnh đoàn Y (thay Tỉnh đoàn X)" in lines
    at = lines.index("THỎA THUẬN CẦN RÀ SOÁT, KÝ LẠI (2)")
    assert lines[at:at + 7] == [
        "THỎA THUẬN CẦN RÀ SOÁT, KÝ LẠI (2)",
        "  từ 01/07/2025  ct-z",
        "      Chương trình phối hợp của LĐLĐ huyện Z — các bên: LĐLĐ huyện Z (đã giải thể, "
        "không có đơn vị kế thừa), LĐLĐ tỉnh Y (thay LĐLĐ tỉnh X)",
        "      → ppcli show ct-z",
        "  từ 01/07/2025  qc-xy",
        "      Quy chế phối hợp giữa UBND tỉnh X và Tỉnh đoàn X — các bên: UBND tỉnh Y (thay "
        "UBND tỉnh X), Tỉnh đoàn Y (thay Tỉnh đoàn X)",
        "      → ppcli show qc-xy"]
    # ct-z: the review, and the 2024 report that fell due before the dissolution only
    assert [line.split()[-3:] for line in lines if line.startswith("  ") and " ct-z " in line
            and not line.startswith("      ")] == [["ct-z", "bao-cao-nam", "2024"]]
    assert lines[0].endswith("2 thỏa thuận cần rà soát, ký lại. (→: lệnh để chép và chạy)")
    en = run(["due", "--today", TODAY, "--lang", "en"], repo).lines()
    at = en.index("AGREEMENTS TO REVIEW AND SIGN ANEW (2)")
    assert en[at + 4:at + 6] == [
        "  since 2025-07-01  qc-xy",
        "      Quy chế phối hợp giữa UBND tỉnh X và Tỉnh đoàn X — parties: UBND tỉnh Y (for "
        "UBND tỉnh X), Tỉnh đoàn Y (for Tỉnh đoàn X)"]
    md = run(["due", "--today", TODAY, "--format", "markdown", "--agreement", "qc-xy"],
             repo).lines()
    assert md[-2].startswith("| 01/07/2025 | từ 01/07/2025 | `qc-xy` | Quy chế phối hợp giữa "
                             "UBND tỉnh X và Tỉnh đoàn X — các bên: UBND tỉnh Y (thay UBND "
                             "tỉnh X), Tỉnh đoàn Y (thay Tỉnh đoàn X) | ")
    assert md[-2].endswith(" | `ppcli show qc-xy` |")


def test_due_json_carries_the_party_of_record_and_the_acting_party(tmp_path: Path) -> None:
    data = run(["due", "--format", "json", "--today", TODAY, "--agreement", "qc-xy"],
               repository(tmp_path)).json()
    assert [(i["type"], i["item"], i["period"], i["party"], i["acting_party"])
            for i in data] == [
        ("review", "qc-xy", None, ["ubnd-x", "tinh-doan-x"], ["ubnd-y", "tinh-doan-y"]),
        ("report", "bao-cao-nam", "2025", ["tinh-doan-x"], ["tinh-doan-y"]),
        ("conference", "so-ket", None, ["tinh-doan-x"], ["tinh-doan-y"]),
        ("report", "bao-cao-nam", "2026", ["tinh-doan-x"], ["tinh-doan-y"])]
    assert data[0]["title"] == "Các bên đã sáp nhập/giải thể: cần rà soát, ký lại thỏa thuận"
    assert (data[0]["render_command"], data[0]["record_command"]) == (None, None)
    assert data[2]["render_command"] == "ppcli render qc-xy so-ket"


def test_no_report_is_owed_by_a_body_dissolved_without_successor(tmp_path: Path) -> None:
    data = run(["due", "--format", "json", "--today", TODAY, "--agreement", "ct-z"],
               repository(tmp_path)).json()
    # 2024 fell due before the dissolution (01/07/2025): still owed; 2025 and 2026 are not
    assert [(i["type"], i["period"], i["status"]) for i in data] == [
        ("report", "2024", "overdue"), ("review", None, "upcoming")]


def test_due_party_successor_finds_reports_and_conferences(tmp_path: Path) -> None:
    data = run(["due", "--format", "json", "--today", TODAY, "--party", "tinh-doan-y"],
               repository(tmp_path)).json()
    assert [(i["agreement"], i["type"], i["item"], i["period"]) for i in data] == [
        ("qc-xy", "review", "qc-xy", None), ("qc-xy", "report", "bao-cao-nam", "2025"),
        ("qc-xy", "conference", "so-ket", None), ("qc-xy", "report", "bao-cao-nam", "2026")]


def test_the_ics_has_the_review(tmp_path: Path) -> None:
    out = tmp_path / "lich.ics"
    run(["ics", "-o", str(out), "--today", TODAY], repository(tmp_path))
    text = out.read_bytes().replace(b"\r\n ", b"").decode("utf-8")
    assert ("SUMMARY:Cần rà soát\\, ký lại (các bên đã sáp nhập/giải thể): Quy chế phối hợp "
            "giữa UBND tỉnh X và Tỉnh đoàn X (qc-xy)") in text
    assert "UID:qc-xy/review/qc-xy@ppcli" in text


# -- records -----------------------------------------------------------------------------


def test_record_by_the_successor_counts_for_the_body_it_took_over(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    done = run(["record", "report", "qc-xy", "bao-cao-nam", "2025", "--by", "tinh-doan-y",
                "--on", "2025-12-12", "--today", TODAY], repo)
    assert done.exit_code == 0, done.stderr
    assert "by: tinh-doan-y" in (repo / "agreements" / "qc-xy.yaml").read_text("utf-8")
    periods = [i["period"] for i in run(["due", "--format", "json", "--today", TODAY,
                                         "--agreement", "qc-xy"], repo).json()]
    assert "2025" not in periods
    checked = run(["validate", "--today", TODAY, "--format", "json"], repo).json()
    assert [d["code"] for d in checked if d["path"] == "agreements/qc-xy.yaml"
            and d["line"] > 24] == []  # neither PP059 nor PP073 on the new record


def test_record_by_a_body_ended_by_then_is_warned(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    done = run(["record", "report", "qc-xy", "bao-cao-nam", "2025", "--by", "tinh-doan-x",
                "--on", "2025-12-12", "--today", TODAY], repo)
    assert done.exit_code == 0, done.stderr
    warning = ("Cảnh báo: \"by\": bên gửi Tỉnh đoàn X (tinh-doan-x) đã hợp nhất từ 01/07/2025, "
               "trước ngày của bản ghi (12/12/2025); đơn vị thực hiện thay vào ngày đó: Tỉnh "
               "đoàn Y (tinh-doan-y). Hãy ghi by: <mã đơn vị kế thừa> nếu báo cáo do đơn vị kế "
               "thừa gửi")
    assert warning in done.stdout + done.stderr
    lines = run(["validate", "--today", TODAY], repo).lines()
    assert ("agreements/qc-xy.yaml:29:9: warning[PP073] " + warning.removeprefix("Cảnh báo: ")
            in lines)


def test_record_by_a_body_that_is_neither_reporter_nor_successor(tmp_path: Path) -> None:
    done = run(["record", "report", "qc-xy", "bao-cao-nam", "2025", "--by", "ubnd-y",
                "--on", "2025-12-12", "--today", TODAY], repository(tmp_path))
    assert done.exit_code == 2
    assert ("--by: \"ubnd-y\" không phải bên báo cáo của nghĩa vụ \"bao-cao-nam\" (các bên "
            "báo cáo: tinh-doan-x; đơn vị kế thừa thực hiện thay vào ngày 12/12/2025: "
            "tinh-doan-y)") in done.stderr


def test_a_record_before_the_merger_by_the_successor_is_refused(tmp_path: Path) -> None:
    done = run(["record", "report", "qc-xy", "bao-cao-nam", "2025", "--by", "tinh-doan-y",
                "--on", "2025-06-12", "--today", TODAY], repository(tmp_path))
    assert done.exit_code == 2
    assert "không phải bên báo cáo" in done.stderr


# -- drafts ------------------------------------------------------------------------------


def _render(repo: Path, *args: str) -> tuple[int, str, str]:
    done = run(["render", *args, "--format", "md", "-o", "-", "--today", TODAY], repo)
    return done.exit_code, done.stdout, done.stderr


def test_render_as_the_successor(tmp_path: Path) -> None:
    code, out, err = _render(repository(tmp_path), "qc-xy", "bao-cao-nam", "2025",
                             "--as", "tinh-doan-y")
    assert code == 0, err
    assert "TỈNH ĐOÀN Y" in out and "TỈNH ĐOÀN X" not in out


def test_render_as_a_body_that_has_ended_is_refused_with_the_successor(tmp_path: Path) -> None:
    code, _, err = _render(repository(tmp_path), "qc-xy", "bao-cao-nam", "2025",
                           "--as", "tinh-doan-x")
    assert code == 2
    assert ("Tỉnh đoàn X (tinh-doan-x) đã hợp nhất từ 01/07/2025, trước ngày ghi trên dự thảo "
            "(27/11/2026); đơn vị thực hiện thay vào ngày đó: Tỉnh đoàn Y (tinh-doan-y) — hãy "
            "dùng --as tinh-doan-y. Nếu vẫn cần dự thảo đứng tên cơ quan này (ví dụ báo cáo một "
            "kỳ trước khi chấm dứt, ghi ngày bằng --date), thêm --allow-ended-issuer") in \
        " ".join(err.split())


def test_a_dissolved_issuer_is_refused_and_its_header_keeps_one_date(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    code, _, err = _render(repo, "ct-z", "bao-cao-nam", "2024")
    assert code == 2
    assert ("Liên đoàn Lao động huyện Z (ldld-huyen-z) đã giải thể từ 01/07/2025, trước ngày "
            "ghi trên dự thảo (27/11/2026); không có đơn vị kế thừa.") in " ".join(err.split())
    code, out, err = _render(repo, "ct-z", "bao-cao-nam", "2024", "--allow-ended-issuer")
    assert code == 0, err
    # the parent line as it stood the day before the issuer ended: LĐLĐ tỉnh X, not Y
    assert "LĐLĐ TỈNH X" in out and "TỈNH Y" not in out
    assert "LIÊN ĐOÀN LAO ĐỘNG HUYỆN Z" in out
    # a draft dated before the dissolution needs no override
    code, out, err = _render(repo, "ct-z", "bao-cao-nam", "2024", "--date", "2025-06-20")
    assert code == 0, err


# -- the registry's absorbed: ---------------------------------------------------------------


def test_absorbed_entries_are_checked(tmp_path: Path) -> None:
    registry = REGISTRY.replace("""    kind: so
    parent: ubnd-ca-mau
""", """    kind: so
    parent: ubnd-ca-mau
    absorbed:
      - org: tinh-doan-ca-mau
        date: 2025-03-01
      - org: so-khong-co
        date: 2025-03-01
      - name: Sở Lao động tỉnh Cà Mau
""")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT}, registry=registry)
    lines = run(["validate", "--today", TODAY], repo).lines()
    assert lines == [
        "agreements/organisations.yaml:13:14: warning[PP074] tổ chức \"tinh-doan-ca-mau\" được "
        "ghi là đã sáp nhập vào \"so-noi-vu-ca-mau\" từ 01/03/2025 nhưng chưa có ended "
        "(sap-nhap, successors: so-noi-vu-ca-mau); các thỏa thuận của nó sẽ không được coi là "
        "của bên đã sáp nhập",
        "agreements/organisations.yaml:15:14: error[PP050] \"organisations[2].absorbed[2].org\": "
        "không có tổ chức \"so-khong-co\" trong danh mục agreements/organisations.yaml",
        "agreements/organisations.yaml:17:9: error[PP021] thiếu trường bắt buộc \"date\" (Ngày "
        "sáp nhập)"]
