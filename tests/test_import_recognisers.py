"""The recognisers of ``ppcli import`` on short sentences as agreements and news pages
write them: dates in every form, symbols, periods, parties with and without diacritics,
NFD text, text pasted with broken lines and double spaces."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT

from ppcli.files.repository import find_repo, load
from ppcli.importer import obligations as ob
from ppcli.importer import parties as pa
from ppcli.importer import recognise as rc
from ppcli.importer.text import document, flat, normalise


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load(find_repo(ROOT)).registry


def _dates(text: str) -> list[tuple[int, int, int | None]]:
    return [(d.day, d.month, d.year) for d in rc.dates_in(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kiên Giang, ngày 31 tháng 5 năm 2023", [(31, 5, 2023)]),
    ("ký ngày 31/5/2023 tại Rạch Giá", [(31, 5, 2023)]),
    ("ký ngày 31.5.2023", [(31, 5, 2023)]),
    ("ký ngày 31-5-2023", [(31, 5, 2023)]),
    ("Ngày 31/5, UBND tỉnh và Tỉnh đoàn ký kết", [(31, 5, None)]),
    ("Chiều 22/9, UBND tỉnh tổ chức Lễ ký kết", [(22, 9, None)]),
    ("Sáng 26.4, hai bên ký kết chương trình.", [(26, 4, None)]),
    ("ngày 3 tháng 2, hai bên ký", [(3, 2, None)]),
    ("ngay 31 thang 5 nam 2023", [(31, 5, 2023)]),  # typed without diacritics
    (unicodedata.normalize("NFD", "ngày 31 tháng 5 năm 2023"), [(31, 5, 2023)]),
    ("Kế hoạch số 598/KH-UBND ngày 21/10/2021 và 2,5 tỷ đồng", [(21, 10, 2021)]),
    ("giai đoạn 2023 - 2027, 10 điều, 26.4 tỷ", []),  # no day-month after a time of day
    ("ngày 31/2/2023", []),  # no such day
])
def test_dates_in_every_form(text: str, expected: list[tuple[int, int, int | None]]) -> None:
    assert _dates(normalise(text)) == expected


def test_the_year_of_a_day_written_without_one() -> None:
    mention = rc.dates_in("Ngày 31/5, hai bên ký kết")[0]
    published = rc.Found(dt.date(2023, 6, 1), "08:59 01/06/2023")
    assert rc.year_of(mention, published, None) == (
        2023, "văn bản không ghi năm; lấy năm 2023 theo ngày đăng tin 01/06/2023")
    january = rc.Found(dt.date(2024, 1, 5), "05/01/2024")  # published in January: last year
    assert rc.year_of(mention, january, None)[0] == 2023  # type: ignore[index]
    span = rc.span_in("ký kết chương trình giai đoạn 2022 - 2025")
    assert rc.year_of(mention, None, span) == (
        2022, "văn bản không ghi năm; lấy năm đầu của giai đoạn 2022 - 2025 nêu trong cùng câu")
    assert rc.year_of(mention, None, None) is None  # nothing tells: left to the clerk


@pytest.mark.parametrize(("text", "symbol"), [
    ("Số: 01/QCPH/UBND-UBMTTQ", "01/QCPH/UBND-UBMTTQ"),
    ("Chương trình phối hợp số 4286-CTPH/BLĐTBXH-TWĐTN ngày 25/11/2021",
     "4286-CTPH/BLĐTBXH-TWĐTN"),
    ("Quy chế số 2325/QCPH-UBND-ĐTN.", "2325/QCPH-UBND-ĐTN"),
])
def test_symbols(text: str, symbol: str) -> None:
    assert rc.symbols_in(text) == [symbol]
    assert rc.symbols_in("ngày 25/11/2021, 2022-2025") == []  # dates and years are no symbol


def test_the_number_of_the_agreement_and_of_an_issuing_decision() -> None:
    own, decision = rc.number(document("UBND TỈNH X\nSố: 01/QCPH/UBND-UBMTTQ\nQUY CHẾ"))
    assert own is not None and own.value == "01/QCPH/UBND-UBMTTQ" and decision is None
    own, decision = rc.number(document("Số: 1234/QĐ-UBND\nQUYẾT ĐỊNH"))
    assert own is None and decision is not None and decision.value == "1234/QĐ-UBND"


@pytest.mark.parametrize(("text", "span"), [
    ("Quy chế phối hợp giai đoạn 2023 - 2027", ("giai doan", 2023, 2027)),
    ("Quy chế phối hợp giai đoạn 2023–2027", ("giai doan", 2023, 2027)),
    ("Quy chế phối hợp nhiệm kỳ 2021-2026", ("nhiem ky", 2021, 2026)),
    ("Quy che phoi hop nhiem ky 2021 - 2026", ("nhiem ky", 2021, 2026)),
    ("Quy chế phối hợp công tác", None),
])
def test_periods(text: str, span: tuple[str, int, int] | None) -> None:
    found = rc.span_in(text)
    assert (found and (found.word, found.first, found.last)) == span


def test_pasted_text_is_made_regular() -> None:
    pasted = ("Chương trình  phối hợp giữa Sở Nội vụ\nvà Tỉnh đoàn giai đoạn\u00a02022 -\u200b 2026\r\n"
              "\r\n1. Tuyên truyền,\nphổ biến pháp luật\na) Tổ chức tuyên truyền.\n")
    assert normalise(pasted).split("\n") == [
        "Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026",
        "1. Tuyên truyền, phổ biến pháp luật",
        "a) Tổ chức tuyên truyền."]
    assert normalise("A\u2028B\x85C\u202eD") == "A\nB\nC D"  # YAML's line breaks, bidi marks
    assert flat("Tỉnh Đoàn Cà Mau") == "tinh doan ca mau"
    assert len(flat(unicodedata.normalize("NFC", "Uỷ ban Nhân dân"))) == len("Uỷ ban Nhân dân")


def test_the_title_and_kind_of_a_news_page() -> None:
    doc = document("UBND tỉnh và Tỉnh đoàn ký kết Quy chế phối hợp công tác giai đoạn 2023 - 2027\n"
                   "Hội nghị thông qua báo cáo thực hiện quy chế phối hợp giữa UBND tỉnh và Tỉnh "
                   "đoàn giai đoạn 2018 – 2022. Quy chế phối hợp công tác giữa UBND tỉnh và Tỉnh "
                   "đoàn Kiên Giang giai đoạn 2023 - 2027 gồm 10 điều.")
    title = rc.title(doc, rc.Span("giai doan", 2023, 2027))
    assert title is not None and (title.text, title.kind) == (
        "Quy chế phối hợp công tác giữa UBND tỉnh và Tỉnh đoàn Kiên Giang giai đoạn 2023 - 2027",
        "quy-che")
    previous = rc.replaces_previous(doc, "quy-che", rc.Span("giai doan", 2023, 2027))
    assert previous is not None and previous.value.title == \
        "Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn 2018 - 2022"
    assert previous.inferred.startswith("văn bản nhắc quy chế phối hợp giữa UBND tỉnh")


def test_a_joint_document_is_lien_tich() -> None:
    doc = document("CHƯƠNG TRÌNH\nLiên tịch giữa Hội Nông dân và Sở Nông nghiệp")
    title = rc.title(doc, None)
    assert title is not None and title.kind == "lien-tich"


def test_basis_parent_replaced_and_issuing_decision() -> None:
    doc = document(
        "Căn cứ Luật Thanh niên năm 2020;\n"
        "Căn cứ Chương trình phối hợp số 4286-CTPH/BLĐTBXH-TWĐTN ngày 25/11/2021 giữa Bộ Lao "
        "động - Thương binh và Xã hội và Trung ương Đoàn TNCS Hồ Chí Minh giai đoạn 2021-2025;\n"
        "Quy chế này ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 01/3/2024 của UBND "
        "tỉnh Cà Mau.\nQuyết định này có hiệu lực sau 10 ngày kể từ ngày ký và thay thế "
        "Quyết định số 12/QĐ-UBND ngày 5/1/2019.")
    basis = rc.legal_basis(doc)
    assert [b.value for b in basis] == [
        "Luật Thanh niên năm 2020",
        "Chương trình phối hợp số 4286-CTPH/BLĐTBXH-TWĐTN ngày 25/11/2021 giữa Bộ Lao động - "
        "Thương binh và Xã hội và Trung ương Đoàn TNCS Hồ Chí Minh giai đoạn 2021 - 2025"]
    parent = rc.implements(basis)
    assert parent is not None and parent.value == rc.DocRefFound(
        "Chương trình phối hợp", "4286-CTPH/BLĐTBXH-TWĐTN", dt.date(2021, 11, 25),
        "Chương trình phối hợp giai đoạn 2021 - 2025",
        "Bộ Lao động - Thương binh và Xã hội và Trung ương Đoàn TNCS Hồ Chí Minh")
    replaced = rc.replaces_stated(doc)
    assert replaced is not None and replaced.value == rc.DocRefFound(
        "Quyết định", "12/QĐ-UBND", dt.date(2019, 1, 5))
    issued = rc.issued_by(doc)
    assert issued is not None and issued.value == rc.Issued(
        "Quyết định", "1234/QĐ-UBND", dt.date(2024, 3, 1), "UBND tỉnh Cà Mau",
        effective_after_days=10)


@pytest.mark.parametrize("written", [
    "Tỉnh đoàn Cà Mau", "tinh doan ca mau", "TỈNH ĐOÀN CÀ MAU",
    unicodedata.normalize("NFD", "Tỉnh đoàn Cà Mau"),
    "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau", "BCH Đoàn TNCS Hồ Chí Minh tỉnh Cà Mau",
])
def test_a_party_with_and_without_diacritics(registry, written: str) -> None:  # type: ignore[no-untyped-def]
    assert pa.Matcher(registry, None).one(written) == "tinh-doan-ca-mau"


@pytest.mark.parametrize(("written", "org"), [
    ("UBND tỉnh", "ubnd-nghe-an"),
    ("Ủy ban nhân dân tỉnh", "ubnd-nghe-an"),
    ("Uy ban nhan dan tinh", "ubnd-nghe-an"),
    ("Sở LĐ-TB&XH", "so-ldtbxh-nghe-an"),
    ("Sở Lao động - Thương binh & Xã hội", "so-ldtbxh-nghe-an"),
    ("Sở Lao động - Thương binh và Xã hội tỉnh", "so-ldtbxh-nghe-an"),
    ("Tỉnh đoàn", "tinh-doan-nghe-an"),
    ("Bộ Nội vụ", "bo-noi-vu"),
])
def test_abbreviations_and_the_text_s_province(registry, written: str, org: str) -> None:  # type: ignore[no-untyped-def]
    assert pa.Matcher(registry, "Nghệ An").one(written) == org


def test_a_list_of_parties_keeps_compound_names() -> None:
    assert pa.split_names("Sở Lao động - Thương binh và Xã hội, Ban Tuyên giáo và Dân vận với "
                          "Tỉnh đoàn và các tổ chức chính trị - xã hội tỉnh") == [
        "Sở Lao động - Thương binh và Xã hội", "Ban Tuyên giáo và Dân vận", "Tỉnh đoàn",
        "các tổ chức chính trị - xã hội tỉnh"]


def test_a_party_ended_before_the_signing_is_its_successor(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Chương trình phối hợp giữa Sở LĐ-TB&XH và Tỉnh đoàn Nghệ An giai đoạn "
                   "2025 - 2027")
    title = rc.title(doc, None)
    assert title is not None
    found, _ = pa.parties(doc, title.text, title.quote, pa.Matcher(registry, "Nghệ An"),
                          dt.date(2025, 6, 1))
    assert [p.org for p in found] == ["so-noi-vu-nghe-an", "tinh-doan-nghe-an"]
    assert found[0].inferred == (
        "\"Sở LĐ-TB&XH\" là Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An, đã kết thúc từ "
        "01/03/2025; ngày ký 01/06/2025 bên kế thừa là Sở Nội vụ tỉnh Nghệ An")
    before, _ = pa.parties(doc, title.text, title.quote, pa.Matcher(registry, "Nghệ An"),
                           dt.date(2024, 6, 1))
    assert before[0].org == "so-ldtbxh-nghe-an" and before[0].inferred == ""


def test_an_unknown_body_is_proposed_not_guessed(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Quy chế phối hợp giữa UBND tỉnh Cà Mau và Hội Luật gia tỉnh Cà Mau")
    title = rc.title(doc, None)
    assert title is not None
    found, _ = pa.parties(doc, title.text, title.quote, pa.Matcher(registry, "Cà Mau"), None)
    assert [(p.org, p.proposed, p.kind) for p in found] == [
        ("ubnd-ca-mau", False, ""), ("hoi-luat-gia-tinh-ca-mau", True, "doan-the")]


@pytest.mark.parametrize(("text", "name", "position"), [
    ("Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Tuấn Thanh", "Nguyễn Tuấn Thanh",
     "Phó Chủ tịch Thường trực UBND tỉnh"),
    ("Bí thư Tỉnh đoàn Phan Đình Nhân", "Phan Đình Nhân", "Bí thư Tỉnh đoàn"),
    ("Bí thư Đoàn TNCS Hồ Chí Minh tỉnh", None, None),  # Hồ Chí Minh is nobody's signature
])
def test_a_person_and_a_position(text: str, name: str | None, position: str | None) -> None:
    found = pa.person(text)
    assert (found and (found.name, found.position)) == ((name, position) if name else None)


def test_signers_said_in_a_news_page(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Tại buổi lễ, thay mặt UBND tỉnh, Phó Chủ tịch UBND tỉnh Lê Văn Hai đã ký "
                   "kết quy chế với Tỉnh đoàn. Chủ tịch UBND tỉnh Trần Một và Bí thư Tỉnh đoàn "
                   "Võ Thị Ba đồng chủ trì Hội nghị.")
    found = pa.signers(doc, pa.Matcher(registry, "Cà Mau"), ["ubnd-ca-mau", "tinh-doan-ca-mau"],
                       True)
    assert found["ubnd-ca-mau"].value == pa.SignerFound("Lê Văn Hai", "Phó Chủ tịch UBND tỉnh")
    assert found["ubnd-ca-mau"].inferred == ""
    assert found["tinh-doan-ca-mau"].value == pa.SignerFound("Võ Thị Ba", "Bí thư Tỉnh đoàn")
    assert found["tinh-doan-ca-mau"].inferred.startswith("văn bản nói người này đồng chủ trì")
    # chairing a conference that is no signing says nothing of who signed
    assert pa.signers(doc, pa.Matcher(registry, "Cà Mau"), ["tinh-doan-ca-mau"], False) == {}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("định kỳ hằng năm đánh giá, báo cáo kết quả thực hiện về Bộ Nội vụ theo quy định",
     ["hang-nam"]),
    ("Các báo cáo tháng, quý, 6 tháng, hàng năm của các đoàn thể",
     ["hang-thang", "hang-quy", "nua-nam", "hang-nam"]),
    ("định kỳ 6 tháng, hằng năm báo cáo", ["nua-nam", "hang-nam"]),
    ("định kỳ theo quý thông báo tình hình", ["hang-quy"]),
    ("báo cáo trước ngày 15 tháng 12", []),  # a date is no frequency
    ("báo cáo theo quy định", []),
])
def test_reporting_frequencies(sentence: str, expected: list[str]) -> None:
    assert ob.frequencies(flat(sentence)) == expected


def test_duties_with_reporter_recipient_and_deadline(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Định kỳ hằng năm báo cáo kết quả "
                   "thực hiện chương trình về Bộ Nội vụ trước ngày 15/12.\n2. Tỉnh đoàn\n"
                   "a) Định kỳ theo quý thông báo tình hình thanh niên cho Sở Nội vụ.")
    duties, loose = ob.duties(doc, pa.Matcher(registry, "Cà Mau"), [])
    assert [(d.id, d.reporters, d.recipients, d.frequency, d.deadline, d.title)
            for d in duties] == [
        ("bao-cao-nam", ["so-noi-vu-ca-mau"], ["bo-noi-vu"], "hang-nam",
         {"day": 15, "month": 12}, "Báo cáo kết quả thực hiện chương trình"),
        ("bao-cao-quy", ["tinh-doan-ca-mau"], ["so-noi-vu-ca-mau"], "hang-quy", {},
         "Thông báo tình hình thanh niên")]
    assert loose == []


@pytest.mark.parametrize(("clause", "expected"), [
    ("Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12), Tỉnh đoàn báo cáo "
     "UBND tỉnh kết quả thực hiện.",
     [("nua-nam", {"day": 15}), ("hang-nam", {"day": 15, "month": 12})]),
    ("Định kỳ 6 tháng, hằng năm Tỉnh đoàn báo cáo UBND tỉnh trước ngày 15/12.",
     [("nua-nam", {}), ("hang-nam", {"day": 15, "month": 12})]),
    ("Hằng năm Tỉnh đoàn báo cáo UBND tỉnh trước ngày 15/6.", [("hang-nam", {})]),
    ("Hằng quý, chậm nhất ngày 20 tháng cuối quý, Tỉnh đoàn báo cáo UBND tỉnh.",
     [("hang-quy", {"day": 20})]),
    ("Tỉnh đoàn báo cáo hằng tháng về UBND tỉnh trước ngày 25.",
     [("hang-thang", {"day": 25})]),
])
def test_deadlines_go_to_their_own_frequency(registry, clause: str,  # type: ignore[no-untyped-def]
                                             expected: list[tuple[str, dict[str, int]]]) -> None:
    duties, _ = ob.duties(document(clause), pa.Matcher(registry, "Cà Mau"), [])
    assert [(d.frequency, d.deadline) for d in duties] == expected
    assert all((d.reporters, d.recipients) == (["tinh-doan-ca-mau"], ["ubnd-ca-mau"])
               for d in duties)


def test_both_ways_and_a_reporter_not_in_the_registry(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Các báo cáo 6 tháng, hàng năm của Sở Nội vụ gửi cho UBND tỉnh và ngược lại.")
    duties, _ = ob.duties(doc, pa.Matcher(registry, "Cà Mau"), [])
    assert [(d.id, d.reporters, d.recipients, d.frequency) for d in duties] == [
        ("bao-cao-6-thang", ["so-noi-vu-ca-mau"], ["ubnd-ca-mau"], "nua-nam"),
        ("bao-cao-nam", ["so-noi-vu-ca-mau"], ["ubnd-ca-mau"], "hang-nam"),
        ("bao-cao-6-thang-nguoc-lai", ["ubnd-ca-mau"], ["so-noi-vu-ca-mau"], "nua-nam"),
        ("bao-cao-nam-nguoc-lai", ["ubnd-ca-mau"], ["so-noi-vu-ca-mau"], "hang-nam")]
    doc = document("Các báo cáo hàng năm của Hội Luật gia gửi cho UBND tỉnh.")
    duties, loose = ob.duties(doc, pa.Matcher(registry, "Cà Mau"), [])
    assert duties == [] and [x.what for x in loose] == [
        "nghĩa vụ báo cáo: chưa xác định được bên báo cáo trong danh mục"]


def test_conferences_planned_recurring_and_held(registry) -> None:  # type: ignore[no-untyped-def]
    matcher = pa.Matcher(registry, "Cà Mau")
    parties = ["so-noi-vu-ca-mau", "tinh-doan-ca-mau"]
    doc = document("3. Sở Nội vụ và Tỉnh đoàn: Tổ chức Hội nghị sơ kết, đánh giá kết quả vào "
                   "năm 2024; tổ chức Hội nghị tổng kết chương trình vào tháng 12 năm 2026.")
    found = ob.conferences(doc, matcher, parties)
    assert [(c.id, c.kind, c.title, c.planned, c.hosts, c.hosts_inferred) for c in found] == [
        ("so-ket-2024", "so-ket", "Hội nghị sơ kết, đánh giá kết quả", "2024", parties, False),
        ("tong-ket-2026-12", "tong-ket", "Hội nghị tổng kết chương trình", "2026-12", parties,
         False)]
    yearly = ob.conferences(document("Hai bên sẽ tiến hành sơ kết đánh giá hàng năm."),
                            matcher, parties)
    assert [(c.frequency, c.title, c.hosts_inferred) for c in yearly] == [
        ("hang-nam", "Sơ kết đánh giá hàng năm", True)]
    held = ob.conferences(document("Chiều 29/1, UBND tỉnh tổ chức Hội nghị sơ kết kết quả "
                                   "thực hiện Quy chế giữa nhiệm kỳ 2021-2026 giữa các bên."),
                          matcher, parties, {0: (2024, "theo ngày đăng tin")})
    assert [(c.held, c.title, c.hosts) for c in held] == [
        (dt.date(2024, 1, 29), "Hội nghị sơ kết kết quả thực hiện Quy chế giữa nhiệm kỳ "
         "2021 - 2026", ["ubnd-ca-mau"])]


def test_areas_from_the_coordination_section(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Chương II\nNỘI DUNG PHỐI HỢP\nĐiều 4. Phối hợp tuyên truyền\n1. UBND tỉnh "
                   "chủ trì, phối hợp với Tỉnh đoàn tuyên truyền pháp luật.\nĐiều 5. Phối hợp "
                   "đào tạo nghề\nChương III\nTỔ CHỨC THỰC HIỆN")
    # "Chương II" on its own line, its name on the next: the articles are the areas
    found = ob.areas(doc, pa.Matcher(registry, "Cà Mau"))
    assert [(a.title, a.lead, a.support, a.details) for a in found] == [
        ("Phối hợp tuyên truyền", ["ubnd-ca-mau"], ["tinh-doan-ca-mau"],
         ["UBND tỉnh chủ trì, phối hợp với Tỉnh đoàn tuyên truyền pháp luật."]),
        ("Phối hợp đào tạo nghề", [], [], [])]
    listed = ob.areas(document("Chương trình đã xây dựng 3 nội dung cơ bản gồm: Công tác tuyên "
                               "truyền; Đền ơn đáp nghĩa; tổ chức an sinh xã hội; Hợp tác quốc "
                               "tế."), pa.Matcher(registry, "Cà Mau"))
    assert [a.title for a in listed] == ["Công tác tuyên truyền",
                                         "Đền ơn đáp nghĩa; tổ chức an sinh xã hội",
                                         "Hợp tác quốc tế"]


def test_the_seed_texts_are_the_shared_ones() -> None:
    """tests/data/import holds copies of ../shared/seeds (for a machine without them)."""
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds here")
    for copy in sorted((Path(__file__).parent / "data" / "import").glob("00*.txt")):
        assert copy.read_bytes() == (shared / copy.name).read_bytes()


def test_a_list_that_is_no_title_is_cut(registry) -> None:  # type: ignore[no-untyped-def]
    """An untrusted text naming thousands of bodies costs little: the first
    :data:`MAX_PARTIES` names are read, a body named again is one body."""
    matcher = pa.Matcher(registry, "Cà Mau")
    for names, expected in (([f"Hội thứ {n} tỉnh" for n in range(5000)], pa.MAX_PARTIES),
                            (["Hội Luật gia tỉnh"] * 5000, 1)):
        doc = document("Quy chế phối hợp giữa " + ", ".join(names))
        title = rc.title(doc, None)
        assert title is not None
        found, note = pa.parties(doc, title.text, title.quote, matcher, None)
        assert len(found) == expected and all(p.proposed for p in found)
        assert note == f"chỉ lấy {pa.MAX_PARTIES} bên đầu tiên của danh sách"


def test_a_group_named_loosely_is_inferred_and_said(registry) -> None:  # type: ignore[no-untyped-def]
    doc = document("Các báo cáo quý của các đoàn thể nhân dân gửi cho UBND tỉnh.")
    duties, _ = ob.duties(doc, pa.Matcher(registry, "Bắc Ninh"), [])
    assert [(d.reporters, d.recipients, d.reporter_note) for d in duties] == [
        (["cac-doan-the-bac-ninh"], ["ubnd-bac-ninh"],
         "\"các đoàn thể nhân dân\" coi là Các tổ chức chính trị - xã hội tỉnh Bắc Ninh (cùng là "
         "nhóm các tổ chức của tỉnh)")]
    assert pa.Matcher(registry, "Bắc Ninh").one("các đoàn thể nhân dân") is None  # not a match
    assert pa.Matcher(registry, "Cà Mau").group("các đoàn thể nhân dân") is None  # no such group


@pytest.mark.parametrize(("sentence", "expected"), [
    ("báo cáo quý của Sở", ["hang-quy"]),
    ("báo cáo năm 2024 của Sở", []),  # one year's report, no frequency
    ("báo cáo tháng 6 của Sở", []),
])
def test_a_report_named_by_its_period(sentence: str, expected: list[str]) -> None:
    assert ob.frequencies(flat(sentence)) == expected
