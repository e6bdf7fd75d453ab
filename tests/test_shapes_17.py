"""The shapes of real agreements (issue 17, item 3): each new word of the format loads into
the model, shows in the JSON Schema, and is refused with its own diagnostic when misused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REGISTRY, run, write_repo

from ppcli.files.declaration import json_schema
from ppcli.files.model import (
    OTHER_PARTIES,
    AgreementKind,
    ConferenceKind,
    DutyKind,
    MeetingTime,
    OrgKind,
)
from ppcli.files.repository import load_agreement
from ppcli.periods import Frequency, Period

BASE = """\
id: qc-2024
kind: lien-tich
title: Chương trình liên tịch giữa Sở Nội vụ và Tỉnh đoàn
parties:
  - org: so-noi-vu-ca-mau
    signer: {position: Giám đốc}
  - org: tinh-doan-ca-mau
"""


def _load(text: str):  # type: ignore[no-untyped-def]
    agreement, ctx, _ = load_agreement(Path("qc-2024.yaml"), "qc-2024.yaml",
                                       text.encode("utf-8"))
    assert agreement is not None, ctx.diags
    return agreement, ctx


def _validate(tmp_path: Path, text: str, registry: str = REGISTRY,
              lang: str = "vi") -> list[str]:
    repo = write_repo(tmp_path / "r", {"qc-2024.yaml": text}, registry=registry)
    args = ["validate", "--today", "2026-11-22"] + (["--lang", "en"] if lang == "en" else [])
    return run(args, repo).lines()


# -- issued_by and the start of validity ---------------------------------------------------

ISSUED = BASE + """\
issued_by:
  number: 1234/QĐ-UBND
  date: 2024-03-01
  issuer: ubnd-ca-mau
"""


@pytest.mark.parametrize(("extra", "start"), [
    ("", dt.date(2024, 3, 1)),  # the decision's date, nothing else said
    ("  effective_after_days: 10\n", dt.date(2024, 3, 11)),  # "sau 10 ngày kể từ ngày ký"
    ("  effective: 2024-03-15\n", dt.date(2024, 3, 15)),
    ("  effective: 2024-03-15\nsigned: 2024-02-20\n", dt.date(2024, 3, 15)),  # over signed
    ("signed: 2024-02-20\n", dt.date(2024, 2, 20)),  # signed before the decision's date
    ("  effective: 2024-03-15\nperiod: {start: 2024-04-01}\n", dt.date(2024, 4, 1)),
    ("period: {term: 2021-2026}\n", dt.date(2024, 3, 1)),  # the decision's date over a term
])
def test_start_of_validity_follows_the_issuing_decision(extra: str, start: dt.date) -> None:
    agreement, ctx = _load(ISSUED + extra)
    assert ctx.diags == []
    assert agreement.start == start
    assert agreement.issued_by.number == "1234/QĐ-UBND"
    assert agreement.issued_by.kind == "Quyết định"
    assert agreement.issued_by.issuer == "ubnd-ca-mau"


def test_issuing_decision_needs_its_date(tmp_path: Path) -> None:
    text = BASE + "issued_by:\n  number: 1234/QĐ-UBND\n"
    assert _validate(tmp_path, text)[0] == (
        "agreements/qc-2024.yaml:9:3: error[PP021] thiếu trường bắt buộc \"date\" (Ngày ban "
        "hành quyết định)")


def test_issuing_decision_states_its_effective_day_one_way(tmp_path: Path) -> None:
    text = ISSUED + "  effective: 2024-03-01\n  effective_after_days: 10\n"
    assert _validate(tmp_path, text, lang="en") == [
        "agreements/qc-2024.yaml:13:25: error[PP118] the issuing decision gives both an "
        "effective day (effective: 01/03/2024) and a number of days after issue "
        "(effective_after_days: 10, i.e. 11/03/2024); keep one"]


# -- signers, kinds -------------------------------------------------------------------------

def test_a_signer_known_by_position_only_loads(tmp_path: Path) -> None:
    agreement, ctx = _load(ISSUED)
    assert ctx.diags == []
    assert agreement.kind is AgreementKind.LIEN_TICH
    signer = agreement.parties[0].signer
    assert (signer.name, signer.position) == ("", "Giám đốc")
    assert _validate(tmp_path, ISSUED) == []


def test_the_new_kinds_are_words_of_the_format() -> None:
    assert [k.value for k in (OrgKind.CONG_AN, OrgKind.NGAN_HANG, OrgKind.TOA_AN,
                              OrgKind.VIEN_KIEM_SAT)] == [
        "cong-an", "ngan-hang", "toa-an", "vien-kiem-sat"]
    assert [k.value for k in (ConferenceKind.KIEM_DIEM, ConferenceKind.GIAO_BAN,
                              ConferenceKind.LIEN_TICH)] == ["kiem-diem", "giao-ban", "lien-tich"]
    schema = json_schema("registry")
    org = schema["properties"]["organisations"]["items"]["properties"]["kind"]
    assert {"cong-an", "ngan-hang", "toa-an", "vien-kiem-sat"} <= set(org["enum"])


def test_an_organisation_of_a_new_kind_validates(tmp_path: Path) -> None:
    registry = REGISTRY + "  - id: cong-an-ca-mau\n    name: Công an tỉnh Cà Mau\n" \
        "    kind: cong-an\n"
    text = ISSUED.replace("org: tinh-doan-ca-mau", "org: cong-an-ca-mau")
    assert _validate(tmp_path, text, registry=registry) == []


# -- replaces, siblings, closed --------------------------------------------------------------

def test_replaces_takes_one_document_or_several() -> None:
    one, _ = _load(ISSUED + "replaces: {agreement: ct-2022, number: 05/CTPH}\n")
    assert [r.agreement for r in one.replaces] == ["ct-2022"]
    assert one.replaced_ids == ("ct-2022",)
    many, _ = _load(ISSUED + "replaces:\n  - agreement: ct-2022\n"
                    "  - {kind: Chương trình phối hợp, number: 05/CTPH-UBND}\n")
    assert [(r.agreement, r.number) for r in many.replaces] == [
        ("ct-2022", ""), (None, "05/CTPH-UBND")]
    assert many.replaced_ids == ("ct-2022",)


@pytest.mark.parametrize("key", ["replaces", "siblings"])
def test_an_unknown_tracked_document_is_named_where_it_is_written(tmp_path: Path,
                                                                  key: str) -> None:
    text = ISSUED + f"{key}:\n  - number: 05/CTPH\n  - agreement: khong-co\n"
    assert _validate(tmp_path, text) == [
        f"agreements/qc-2024.yaml:14:16: warning[PP056] \"{key}.agreement\": không có thỏa "
        "thuận \"khong-co\" trong kho; nếu văn bản cũ không được theo dõi ở đây thì bỏ qua "
        "cảnh báo này"]


def test_a_single_replaced_document_is_pointed_at(tmp_path: Path) -> None:
    text = ISSUED + "replaces: {number: 05/CTPH, agreement: khong-co}\n"
    assert _validate(tmp_path, text)[0].startswith(
        "agreements/qc-2024.yaml:12:40: warning[PP056] \"replaces.agreement\"")


def test_closed_loads_and_is_not_before_the_start(tmp_path: Path) -> None:
    agreement, _ = _load(ISSUED + "closed: {date: 2025-01-15, note: Đã tổng kết}\n")
    assert (agreement.closed.date, agreement.closed.note) == (dt.date(2025, 1, 15),
                                                              "Đã tổng kết")
    text = ISSUED + "closed:\n  date: 2024-01-15\n"
    assert _validate(tmp_path, text, lang="en") == [
        "agreements/qc-2024.yaml:13:9: error[PP119] the closing date (closed.date) 15/01/2024 "
        "is before the start 01/03/2024"]


# -- duties: plans, days_before, the other parties -------------------------------------------

PLAN = ISSUED + """\
duties:
  - id: ke-hoach-nam
    kind: ke-hoach
    from: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
    to: cac-ben-khac
    frequency: hang-nam
    deadline: {days_before: 17}
"""


def test_a_plan_duty_to_the_other_parties_loads(tmp_path: Path) -> None:
    agreement, ctx = _load(PLAN)
    assert ctx.diags == []
    duty = agreement.duties[0]
    assert duty.kind is DutyKind.PLAN
    assert duty.deadline.days_before == 17
    assert duty.recipients == (OTHER_PARTIES,)
    parties = agreement.party_ids()
    assert duty.recipients_for("so-noi-vu-ca-mau", parties) == ("tinh-doan-ca-mau",)
    assert duty.recipients_for("tinh-doan-ca-mau", parties) == ("so-noi-vu-ca-mau",)
    assert _validate(tmp_path, PLAN) == []


def test_days_before_needs_a_period(tmp_path: Path) -> None:
    text = PLAN.replace("frequency: hang-nam", "frequency: mot-lan")
    assert _validate(tmp_path, text) == [
        "agreements/qc-2024.yaml:18:15: error[PP028] \"deadline\" phải có đúng một trong các "
        "cách: date (days_before chỉ dùng cho nghĩa vụ định kỳ; báo cáo một lần ghi date)"]


def test_the_other_parties_is_no_organisation_id(tmp_path: Path) -> None:
    registry = REGISTRY + "  - id: cac-ben-khac\n    name: Các bên\n    kind: khac\n"
    assert _validate(tmp_path, ISSUED, registry=registry) == [
        "agreements/organisations.yaml:22:9: error[PP117] \"id\": cac-ben-khac là từ dành "
        "riêng (\"các bên ký kết khác\"), chỉ dùng trong nơi nhận (to) của nghĩa vụ báo cáo, "
        "không phải mã tổ chức"]


def test_the_other_parties_as_a_host_is_refused(tmp_path: Path) -> None:
    text = ISSUED + ("conferences:\n  - id: so-ket\n    kind: so-ket\n    planned: 2025\n"
                     "    host: [so-noi-vu-ca-mau, cac-ben-khac]\n")
    assert _validate(tmp_path, text, lang="en") == [
        "agreements/qc-2024.yaml:16:30: error[PP117] \"conferences[1].host[2]\": cac-ben-khac "
        "is a reserved word (\"the other signing parties\"), used only among a duty's "
        "recipients (to), never as an organisation id"]


# -- recurring conferences -------------------------------------------------------------------

MEETINGS = ISSUED + """\
conferences:
  - id: giao-ban-quy
    kind: giao-ban
    frequency: hang-quy
    host: [so-noi-vu-ca-mau, tinh-doan-ca-mau]
  - id: kiem-diem-nam
    kind: kiem-diem
    frequency: hang-nam
    when: sau-ky
    first: 2024
    last: 2026
    host: so-noi-vu-ca-mau
  - id: tong-ket
    kind: tong-ket
    planned: 2026-12
    host: so-noi-vu-ca-mau
records:
  - conference: giao-ban-quy
    period: 2024-Q2
    date: 2024-06-27
  - conference: kiem-diem-nam
    period: 2024
    date: 2025-01-10
"""


def test_recurring_conferences_load(tmp_path: Path) -> None:
    agreement, ctx = _load(MEETINGS)
    assert ctx.diags == []
    quarterly, yearly, final = agreement.conferences
    assert (quarterly.frequency, quarterly.when, quarterly.planned) == (
        Frequency.QUARTERLY, None, None)
    assert (yearly.when, yearly.first, yearly.last) == (
        MeetingTime.AFTER, Period(2024, 12, 1), Period(2026, 12, 1))
    assert final.planned is not None and not final.recurring
    assert _validate(tmp_path, MEETINGS) == []


def test_a_recurring_conference_is_not_held_once(tmp_path: Path) -> None:
    text = MEETINGS.replace("    frequency: hang-quy\n", "    frequency: mot-lan\n")
    assert _validate(tmp_path, text) == [
        "agreements/qc-2024.yaml:15:16: error[PP024] \"conferences[1].frequency\" không nhận "
        "giá trị \"mot-lan\"; các giá trị hợp lệ: hang-thang, hang-quy, nua-nam, hang-nam"]


def test_a_meeting_record_outside_the_meetings_span(tmp_path: Path) -> None:
    text = MEETINGS.replace("    period: 2024\n", "    period: 2027\n")
    assert _validate(tmp_path, text, lang="en") == [
        "agreements/qc-2024.yaml:33:13: error[PP116] period \"2027\" does not fit the recurring "
        "conference \"kiem-diem-nam\" (yearly); the period is outside the meetings' span "
        "(2024 – 2026)"]


def test_first_and_last_of_a_meeting_have_its_length(tmp_path: Path) -> None:
    text = MEETINGS.replace("    first: 2024\n", "    first: 2024-Q1\n")
    assert _validate(tmp_path, text) == [
        "agreements/qc-2024.yaml:21:12: error[PP116] kỳ \"2024-Q1\" không hợp với hội nghị "
        "định kỳ \"kiem-diem-nam\" (hằng năm); kỳ phải có dạng như 2024"]


# -- the JSON Schema follows the declaration ------------------------------------------------

def test_the_schema_accepts_every_new_shape() -> None:
    text = PLAN.replace("duties:", "closed: {date: 2026-06-30, note: Kết thúc}\n"
                        "siblings:\n  - {agreement: ct-2022}\n"
                        "replaces: {agreement: ct-2022}\nduties:") + MEETINGS[len(ISSUED):]
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.validate(data, json_schema("agreement"))
    schema = json_schema("agreement")["properties"]
    assert "anyOf" in schema["replaces"]  # one document or a list
    assert schema["issued_by"]["required"] == ["date"]
    assert schema["closed"]["required"] == ["date"]
    conf = schema["conferences"]["items"]
    assert "planned" not in conf.get("required", [])
    assert conf["properties"]["when"]["enum"] == ["cuoi-ky", "dau-ky", "sau-ky"]
