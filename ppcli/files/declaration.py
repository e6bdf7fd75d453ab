"""The file format: the single source of truth for the three kinds of file.

* ``agreements/ppcli.yaml``: the repository's configuration;
* ``agreements/organisations.yaml``: the organisation registry, with succession;
* every other ``agreements/**/*.yaml``: one agreement each.

Keys are ASCII; values are Vietnamese. Enumerated values are short ASCII words of
Vietnamese so that they are typed the same way on every keyboard. ``docs/format.md``
explains each field with a complete example, and ``ppcli schema`` prints the JSON Schema
made from these definitions.
"""

from __future__ import annotations

import datetime as dt

from ppcli.files.model import (
    Absorption,
    Agreement,
    AgreementKind,
    Area,
    Closed,
    Conference,
    ConferenceKind,
    Config,
    Cutoff,
    Deadline,
    DocRef,
    Duty,
    DutyKind,
    End,
    EndKind,
    IssuedBy,
    IssuerSigner,
    MeetingTime,
    Organisation,
    OrgKind,
    Party,
    Record,
    RecordKind,
    Regime,
    Registry,
    ReminderKind,
    Signer,
    effective_span,
    parse_planned,
)
from ppcli.files.spec import (
    Checked,
    Compare,
    Date,
    Enum,
    Field,
    Id,
    Integer,
    ListOf,
    Obj,
    PeriodKey,
    Planned,
    Text,
)
from ppcli.i18n import Label
from ppcli.periods import FREQUENCY_LABELS, Frequency

CONFIG_FILE = "ppcli.yaml"
REGISTRY_FILE = "organisations.yaml"
AGREEMENTS_DIR = "agreements"

AGREEMENT_KINDS: dict[str, Label] = {  # keyed by AgreementKind
    AgreementKind.QUY_CHE: Label("Quy chế phối hợp", "coordination regulation"),
    AgreementKind.CHUONG_TRINH: Label("Chương trình phối hợp", "coordination programme"),
    AgreementKind.KE_HOACH: Label("Kế hoạch phối hợp", "coordination plan"),
    AgreementKind.LIEN_TICH: Label("Văn bản liên tịch", "joint document"),
    AgreementKind.KHAC: Label("Văn bản phối hợp khác", "other agreement"),
}

ORG_KINDS: dict[str, Label] = {  # keyed by OrgKind
    OrgKind.UBND: Label("Ủy ban nhân dân", "People's Committee"),
    OrgKind.HDND: Label("Hội đồng nhân dân", "People's Council"),
    OrgKind.SO: Label("Sở, cơ quan chuyên môn", "department"),
    OrgKind.BO: Label("Bộ, cơ quan ngang bộ", "ministry"),
    OrgKind.DANG: Label("Cơ quan của Đảng", "Party body"),
    OrgKind.MTTQ: Label("Mặt trận Tổ quốc", "Fatherland Front"),
    OrgKind.DOAN_THE: Label("Tổ chức chính trị - xã hội", "mass organisation"),
    OrgKind.QUOC_HOI: Label("Đoàn đại biểu Quốc hội", "National Assembly delegation"),
    OrgKind.TU_PHAP: Label("Cơ quan tư pháp", "judicial body"),
    OrgKind.NHOM: Label("Nhóm cơ quan, đơn vị", "group of bodies"),
    OrgKind.KHAC: Label("Khác", "other"),
    OrgKind.DOAN_TNCS: Label("Đoàn TNCS Hồ Chí Minh", "Ho Chi Minh Communist Youth Union"),
    OrgKind.CONG_AN: Label("Công an", "police"),
    OrgKind.NGAN_HANG: Label("Ngân hàng", "bank"),
    OrgKind.TOA_AN: Label("Tòa án nhân dân", "People's Court"),
    OrgKind.VIEN_KIEM_SAT: Label("Viện kiểm sát nhân dân", "People's Procuracy"),
}

END_KINDS: dict[str, Label] = {  # keyed by EndKind
    EndKind.DOI_TEN: Label("đổi tên", "renamed"),
    EndKind.SAP_NHAP: Label("sáp nhập", "merged"),
    EndKind.HOP_NHAT: Label("hợp nhất", "consolidated"),
    EndKind.CHIA_TACH: Label("chia tách", "split"),
    EndKind.GIAI_THE: Label("giải thể", "dissolved"),
}

CONFERENCE_KINDS: dict[str, Label] = {  # keyed by ConferenceKind
    ConferenceKind.SO_KET: Label("Hội nghị sơ kết", "mid-term review"),
    ConferenceKind.TONG_KET: Label("Hội nghị tổng kết", "final review"),
    ConferenceKind.DANH_GIA_NAM: Label("Hội nghị đánh giá hằng năm", "annual review"),
    ConferenceKind.KIEM_DIEM: Label("Hội nghị kiểm điểm", "review meeting"),
    ConferenceKind.GIAO_BAN: Label("Hội nghị giao ban", "briefing meeting"),
    ConferenceKind.LIEN_TICH: Label("Hội nghị liên tịch", "joint meeting"),
    ConferenceKind.KHAC: Label("Hội nghị khác", "other conference"),
}

MEETING_TIMES: dict[str, Label] = {  # keyed by MeetingTime
    MeetingTime.END: Label("trong kỳ (hạn: ngày cuối kỳ)", "within the period (due by its "
                           "last day)"),
    MeetingTime.START: Label("đầu kỳ (trong tháng đầu của kỳ)",
                             "at the start of the period (in its first month)"),
    MeetingTime.AFTER: Label("sau kỳ (trong tháng đầu sau kỳ)",
                             "after the period (in the month after it)"),
}

# the reserved recipient ``cac-ben-khac`` (ppcli.files.model.OTHER_PARTIES), as said
OTHER_PARTIES_LABEL = Label("các bên ký kết khác", "the other signing parties")

DUTY_KINDS: dict[str, Label] = {  # keyed by DutyKind
    DutyKind.REPORT: Label("báo cáo", "report"),
    DutyKind.PLAN: Label("kế hoạch", "plan"),
}

# keyed by ReminderKind; "kiểm điểm (đôn đốc)" is not the meeting kind kiem-diem
REMINDER_KINDS: dict[str, Label] = {
    ReminderKind.NHAC_NHO: Label("nhắc nhở", "reminder"),
    ReminderKind.PHE_BINH: Label("phê bình", "reprimand"),
    ReminderKind.KIEM_DIEM: Label("kiểm điểm (đôn đốc)", "self-criticism demanded (urging)"),
}

REGIMES: dict[str, Label] = {  # keyed by Regime
    Regime.ND09: Label("theo chế độ báo cáo định kỳ (Nghị định 09/2019/NĐ-CP)",
                       "the state reporting regime (Decree 09/2019)"),
}

ORG_REF = Id(ref="org", example="tinh-doan-ca-mau")


def _record_kind(data: dict[str, object]) -> dict[str, object]:
    """A record's ``report:``, ``conference:``, ``extension:`` or ``reminder:`` key says
    what it records."""
    for key, kind in _RECORD_KEYS:
        item = data.get(key)
        if item is not None:
            return {"kind": kind, "item": item}
    return {"kind": _CONFERENCE, "item": data["conference"]}


_REPORT, _CONFERENCE = RecordKind.REPORT, RecordKind.CONFERENCE
_RECORD_KEYS = (("report", _REPORT), ("extension", RecordKind.EXTENSION),
                ("reminder", RecordKind.REMINDER))


def _agreement_span(data: dict[str, object]) -> dict[str, object]:
    """An agreement's ``period:`` gives its effective start and end."""
    period = data.get("period")
    given = period if isinstance(period, dict) else {}
    term = str(given.get("term", ""))
    issued = data.get("issued_by")
    start, end = effective_span(_date(given.get("start")), _date(given.get("end")), term,
                                _date(data.get("signed")),
                                issued if isinstance(issued, IssuedBy) else None)
    return {"start": start, "end": end, "term": term}


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _day(date: dt.date, name: str = "", basis: str = "") -> tuple[dt.date, str]:
    """A day off or a make-up working day as the configuration keeps it."""
    return (date, name)

DEADLINE = Obj(
    builds=Deadline,
    title=Label("hạn báo cáo", "deadline"),
    fields=(
        Field("day", Integer(1, 31),
              "Hạn là ngày này. Chỉ có \"day\": ngày đó của tháng cuối kỳ (ví dụ 20 = ngày 20 "
              "của tháng cuối quý). Có cả \"month\": ngày/tháng cố định trong năm của kỳ "
              "(ví dụ day: 15, month: 12 = \"trước ngày 15/12 hằng năm\").",
              label=Label("Ngày", "Day")),
        Field("month", Integer(1, 12),
              "Tháng của hạn cố định trong năm; đi cùng \"day\".", label=Label("Tháng", "Month")),
        Field("days_after", Integer(0, 366),
              "Hạn là N ngày (theo lịch) sau ngày kết thúc kỳ.",
              label=Label("Số ngày sau kỳ", "Days after")),
        Field("working_days_after", Integer(0, 100),
              "Hạn là N ngày làm việc sau ngày kết thúc kỳ.",
              label=Label("Số ngày làm việc sau kỳ", "Working days after")),
        Field("date", Date(),
              "Hạn là một ngày cụ thể (cho báo cáo một lần).", label=Label("Ngày", "Date")),
        Field("regime", Enum(Regime, REGIMES),
              "Theo chế độ báo cáo của Nhà nước (nd09: Nghị định 09/2019/NĐ-CP).",
              label=Label("Chế độ báo cáo", "Regime")),
        Field("days_before", Integer(0, 366),
              "Hạn là N ngày (theo lịch) trước ngày đầu kỳ, thường dùng cho kế hoạch (ví dụ "
              "kế hoạch năm \"trước ngày 15/12 năm trước\" = 17).",
              label=Label("Số ngày trước kỳ", "Days before")),
    ),
    one_of=(("day",), ("days_after",), ("working_days_after",), ("date",), ("regime",),
            ("days_before",)),
)

SIGNER = Obj(
    builds=Signer, summary=("authority", "name", "position"),
    title=Label("người ký", "signer"),
    fields=(
        Field("name", Text(), "Họ và tên người ký; có thể bỏ trống khi đã ghi chức vụ.",
              label=Label("Tên", "Name")),
        Field("position", Text(), "Chức vụ người ký, ví dụ \"Chủ tịch UBND tỉnh\"; cần tên "
              "hoặc chức vụ.",
              label=Label("Chức vụ", "Position")),
        Field("authority", Text(),
              "Thẩm quyền ký: \"TM. Ủy ban nhân dân\", \"KT. Giám đốc\", \"TM. Ban Thường vụ\"…",
              label=Label("Thẩm quyền ký", "Authority")),
    ),
)

PARTY = Obj(
    builds=Party, identity=(("org",),),
    title=Label("bên tham gia", "party"),
    fields=(
        Field("org", ORG_REF, "Mã tổ chức trong danh mục organisations.yaml.", required=True,
              label=Label("Tổ chức", "Organisation")),
        Field("role", Text(), "Vai trò của bên này, ví dụ \"chủ trì\", \"phối hợp\".",
              label=Label("Vai trò", "Role")),
        Field("signer", SIGNER, "Người ký thay mặt bên này.",
              compare=Compare.WHOLE, label=Label("Người ký", "Signer")),
    ),
)

PERIOD: Obj[Checked] = Obj(
    title=Label("thời hạn", "period"),
    fields=(
        Field("start", Date(), "Ngày bắt đầu hiệu lực. Nếu bỏ trống: ngày có hiệu lực theo "
                               "quyết định ban hành (issued_by), ngày ký, ngày của quyết định "
                               "ban hành, hoặc 01/01 của năm đầu nhiệm kỳ.",
              label=Label("Ngày bắt đầu", "Start")),
        Field("end", Date(), "Ngày hết hiệu lực. Bỏ trống nếu không thời hạn, hoặc để lấy "
                             "31/12 của năm cuối nhiệm kỳ.", label=Label("Ngày kết thúc", "End")),
        Field("term", Text(), "Nhiệm kỳ, ví dụ \"2021-2026\".", label=Label("Nhiệm kỳ", "Term")),
        Field("note", Text(multiline=True), "Ghi chú về thời hạn.",
              label=Label("Ghi chú", "Note")),
    ),
)

DOCUMENT_REF = Obj(
    builds=DocRef, summary=("kind", "number", "title"), summary_sep=" ",
    title=Label("văn bản", "document"),
    fields=(
        Field("agreement", Id(ref="agreement", example="ca-mau-snv-tinhdoan-2022-2026"),
              "Mã của thỏa thuận nếu văn bản đó cũng được theo dõi trong kho này.",
              label=Label("Thỏa thuận", "Agreement")),
        Field("kind", Text(), "Loại văn bản, ví dụ \"Chương trình phối hợp\".",
              label=Label("Loại", "Kind")),
        Field("number", Text(), "Số, ký hiệu, ví dụ \"4286-CTPH/BLĐTBXH-TWĐTN\".",
              label=Label("Số, ký hiệu", "Number")),
        Field("date", Date(), "Ngày ban hành.", label=Label("Ngày", "Date")),
        Field("title", Text(), "Trích yếu hoặc tên văn bản.", label=Label("Tên", "Title")),
        Field("issuer", Text(), "Cơ quan ban hành hoặc các bên ký.",
              label=Label("Cơ quan ban hành", "Issuer")),
    ),
)

ISSUED_BY = Obj(
    builds=IssuedBy, summary=("kind", "number", "date"), summary_sep=" ",
    title=Label("quyết định ban hành", "issuing decision"),
    fields=(
        Field("kind", Text(), "Loại văn bản ban hành (mặc định \"Quyết định\").",
              label=Label("Loại", "Kind")),
        Field("number", Text(), "Số, ký hiệu, ví dụ \"1234/QĐ-UBND\".",
              label=Label("Số, ký hiệu", "Number")),
        Field("date", Date(), "Ngày ban hành quyết định.", required=True,
              label=Label("Ngày", "Date")),
        Field("issuer", ORG_REF, "Cơ quan ban hành (mã tổ chức).",
              label=Label("Cơ quan ban hành", "Issuer")),
        Field("effective", Date(), "Ngày có hiệu lực (nếu quyết định nêu ngày).",
              label=Label("Ngày có hiệu lực", "Effective")),
        Field("effective_after_days", Integer(0, 366),
              "Hoặc: có hiệu lực sau N ngày kể từ ngày ban hành (\"sau 10 ngày kể từ ngày "
              "ký\"); không dùng cùng effective.",
              label=Label("Hiệu lực sau số ngày", "Effective after days")),
    ),
)

CLOSED = Obj(
    builds=Closed, summary=("date", "note"),
    title=Label("kết thúc theo dõi", "closed"),
    fields=(
        Field("date", Date(), "Ngày kết thúc theo dõi.", required=True,
              label=Label("Ngày", "Date")),
        Field("note", Text(multiline=True), "Ghi chú, ví dụ \"Đã tổng kết; không theo dõi "
              "tiếp\".", label=Label("Ghi chú", "Note")),
    ),
)

AREA = Obj(
    builds=Area, identity=(("id",),),
    title=Label("nội dung phối hợp", "content area"),
    fields=(
        Field("id", Id(example="tuyen-truyen"), "Mã nội dung, duy nhất trong thỏa thuận.",
              required=True, label=Label("Mã", "Id")),
        Field("title", Text(), "Tên nội dung phối hợp.", required=True,
              label=Label("Tên", "Title")),
        Field("lead", ListOf(ORG_REF, one_or_many=True), "Bên chủ trì (mã tổ chức).",
              compare=Compare.SET, label=Label("Chủ trì", "Lead")),
        Field("support", ListOf(ORG_REF, one_or_many=True), "Bên phối hợp (mã tổ chức).",
              compare=Compare.SET, label=Label("Phối hợp", "Support")),
        Field("details", ListOf(Text(multiline=True)), "Các việc cụ thể.",
              label=Label("Việc cụ thể", "Details")),
    ),
)

CUTOFF = Obj(
    builds=Cutoff,
    title=Label("thời gian chốt số liệu", "data cut-off"),
    fields=(
        Field("day", Integer(1, 31),
              "Ngày chốt số liệu của tháng cuối kỳ (có \"month\": ngày/tháng trong năm của "
              "kỳ). Số liệu tính từ ngày sau ngày chốt của kỳ trước đến ngày này, ví dụ "
              "day: 14, month: 12 = từ 15/12 năm trước đến 14/12.", required=True,
              label=Label("Ngày", "Day")),
        Field("month", Integer(1, 12), "Tháng chốt số liệu (cho báo cáo năm); đi cùng "
              "\"day\".", label=Label("Tháng", "Month")),
    ),
)

DUTY = Obj(
    builds=Duty, ref="duty", identity=(("id",),),
    title=Label("nghĩa vụ báo cáo", "reporting duty"),
    fields=(
        Field("id", Id(example="bao-cao-nam"), "Mã nghĩa vụ, duy nhất trong thỏa thuận.",
              required=True, label=Label("Mã", "Id")),
        Field("title", Text(), "Tên báo cáo, ví dụ \"Báo cáo kết quả thực hiện chương trình\".",
              label=Label("Tên", "Title")),
        Field("from", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Bên phải báo cáo (một hoặc nhiều mã tổ chức).", required=True,
              compare=Compare.SET, attr="reporters", label=Label("Bên báo cáo", "Reporter")),
        Field("to", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Nơi nhận báo cáo (một hoặc nhiều mã tổ chức); cac-ben-khac: các bên ký kết khác "
              "(với mỗi bên báo cáo, mọi bên ký còn lại).", required=True,
              compare=Compare.SET, attr="recipients", label=Label("Nơi nhận", "Recipient")),
        Field("frequency", Enum(Frequency, FREQUENCY_LABELS),
              "Định kỳ: hang-thang, hang-quy, nua-nam, hang-nam hoặc mot-lan.", required=True,
              label=Label("Định kỳ", "Frequency")),
        Field("subject", Text(), "Trích yếu của báo cáo, không kèm kỳ (ppcli thêm kỳ), ví dụ "
              "\"Kết quả thực hiện Quy chế phối hợp với Tỉnh đoàn\". Bỏ trống: ppcli ghép từ "
              "tên thỏa thuận.", label=Label("Trích yếu", "Subject")),
        Field("deadline", DEADLINE,
              "Hạn gửi. Bỏ trống: theo mặc định của kho (ppcli.yaml), nếu kho không đặt thì "
              "theo Nghị định 09/2019/NĐ-CP.",
              compare=Compare.WHOLE, label=Label("Hạn báo cáo", "Deadline")),
        Field("first", PeriodKey(as_period=True),
              "Kỳ đầu tiên phải báo cáo (mặc định: kỳ chứa ngày bắt đầu).",
              label=Label("Kỳ đầu", "First period")),
        Field("last", PeriodKey(as_period=True),
              "Kỳ cuối cùng phải báo cáo (mặc định: kỳ chứa ngày kết thúc).",
              label=Label("Kỳ cuối", "Last period")),
        Field("note", Text(multiline=True), "Ghi chú, ví dụ căn cứ của hạn báo cáo.",
              label=Label("Ghi chú", "Note")),
        Field("kind", Enum(DutyKind, DUTY_KINDS),
              "Loại: bao-cao (mặc định) hoặc ke-hoach (kế hoạch cho kỳ, gửi trước hoặc đầu "
              "kỳ; không nêu hạn thì hạn giả định là ngày 15 của tháng đầu kỳ).",
              label=Label("Loại", "Kind")),
        Field("content", Text(multiline=True), "Nội dung yêu cầu báo cáo.",
              label=Label("Nội dung báo cáo", "Content")),
        Field("method", Text(), "Phương thức gửi, nhận báo cáo, ví dụ \"văn bản giấy và bản "
              "điện tử qua hệ thống quản lý văn bản\".",
              label=Label("Phương thức gửi, nhận", "Method of sending")),
        Field("cutoff", CUTOFF, "Thời gian chốt số liệu: {day: 14} (ngày của tháng cuối kỳ) "
              "hoặc {day: 14, month: 12} (ngày/tháng trong năm).",
              compare=Compare.WHOLE, label=Label("Chốt số liệu", "Data cut-off")),
        Field("outline", Text(), "Tệp mẫu đề cương báo cáo (đường dẫn trong kho, ví dụ "
              "templates/de-cuong.docx).", label=Label("Mẫu đề cương", "Outline")),
        Field("data_form", Text(), "Tệp biểu mẫu số liệu (đường dẫn trong kho).",
              label=Label("Biểu mẫu số liệu", "Data form")),
    ),
)

CONFERENCE = Obj(
    builds=Conference, ref="conference", identity=(("id",),),
    title=Label("hội nghị", "conference"),
    fields=(
        Field("id", Id(example="so-ket-2024"), "Mã hội nghị, duy nhất trong thỏa thuận.",
              required=True, label=Label("Mã", "Id")),
        Field("kind", Enum(ConferenceKind, CONFERENCE_KINDS),
              "Loại: so-ket, tong-ket, danh-gia-nam, kiem-diem, giao-ban, lien-tich, khac.",
              required=True, label=Label("Loại", "Kind")),
        Field("title", Text(), "Tên hội nghị.", label=Label("Tên", "Title")),
        Field("planned", Planned(make=parse_planned),
              "Thời gian dự kiến của hội nghị một lần: năm (2026), tháng (2026-03) hoặc ngày "
              "(2026-03-15). Bắt buộc khi không có frequency; không dùng với frequency.",
              label=Label("Thời gian dự kiến", "Planned")),
        Field("host", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Bên chủ trì tổ chức hội nghị.", required=True,
              compare=Compare.SET, attr="hosts", label=Label("Chủ trì", "Host")),
        Field("note", Text(multiline=True), "Ghi chú.", label=Label("Ghi chú", "Note")),
        Field("frequency", Enum(Frequency, {k: v for k, v in FREQUENCY_LABELS.items()
                                            if k != Frequency.ONCE}),
              "Hội nghị định kỳ: hang-thang, hang-quy, nua-nam hoặc hang-nam; họp mỗi kỳ một "
              "lần trong thời hạn của thỏa thuận.", label=Label("Định kỳ", "Frequency")),
        Field("when", Enum(MeetingTime, MEETING_TIMES),
              "Hội nghị định kỳ họp lúc nào: cuoi-ky (mặc định: trong kỳ, hạn ngày cuối kỳ), "
              "dau-ky (trong tháng đầu của kỳ, kiểm điểm kỳ trước), sau-ky (trong tháng đầu "
              "sau kỳ, kiểm điểm kỳ đó).", label=Label("Thời điểm họp", "When")),
        Field("first", PeriodKey(as_period=True),
              "Kỳ đầu tiên của hội nghị định kỳ (mặc định: kỳ chứa ngày bắt đầu).",
              label=Label("Kỳ đầu", "First period")),
        Field("last", PeriodKey(as_period=True),
              "Kỳ cuối cùng của hội nghị định kỳ (mặc định: kỳ chứa ngày kết thúc).",
              label=Label("Kỳ cuối", "Last period")),
    ),
)

RECORD = Obj(
    builds=Record, derive=_record_kind,
    identity=(("report", "period", "by"), ("extension", "period", "date"),
              ("reminder", "period", "date", "to"), ("conference", "period")),
    title=Label("bản ghi", "record"),
    fields=(
        Field("report", Id(ref="duty", example="bao-cao-nam"),
              "Đã gửi báo cáo: mã nghĩa vụ báo cáo.", attr=None, label=Label("Báo cáo", "Report")),
        Field("conference", Id(ref="conference", example="so-ket-2024"),
              "Đã tổ chức hội nghị: mã hội nghị.",
              attr=None, label=Label("Hội nghị", "Conference")),
        Field("extension", Id(ref="duty", example="bao-cao-nam"),
              "Gia hạn nộp báo cáo của một kỳ: mã nghĩa vụ báo cáo (hạn mới ở \"until\").",
              attr=None, label=Label("Gia hạn", "Extension")),
        Field("reminder", Id(ref="duty", example="bao-cao-nam"),
              "Đôn đốc nộp báo cáo của một kỳ: mã nghĩa vụ báo cáo.",
              attr=None, label=Label("Đôn đốc", "Reminder")),
        Field("period", PeriodKey(), "Kỳ báo cáo (hoặc kỳ của hội nghị định kỳ), ví dụ 2024, "
              "2024-H1, 2024-Q3, 2024-05.",
              label=Label("Kỳ báo cáo", "Period")),
        Field("date", Date(), "Ngày gửi báo cáo hoặc ngày tổ chức hội nghị.", required=True,
              label=Label("Ngày", "Date")),
        Field("number", Text(), "Số, ký hiệu của báo cáo, ví dụ \"12/BC-SNV\".",
              label=Label("Số, ký hiệu", "Number")),
        Field("by", ORG_REF, "Bên đã gửi; cần khi nghĩa vụ có nhiều bên báo cáo: mỗi bên một "
              "bản ghi, bản ghi không có by thì không được tính cho bên nào. Với gia hạn, "
              "đôn đốc: cơ quan đã gia hạn hoặc đôn đốc.",
              label=Label("Bên gửi", "Sent by")),
        Field("note", Text(multiline=True), "Ghi chú.", label=Label("Ghi chú", "Note")),
        Field("until", Date(), "Gia hạn: hạn mới của kỳ đó (chỉ kỳ đó).",
              label=Label("Gia hạn đến", "Extended until")),
        Field("reminder_kind", Enum(ReminderKind, REMINDER_KINDS),
              "Đôn đốc: hình thức nhac-nho (nhắc nhở), phe-binh (phê bình) hoặc kiem-diem "
              "(yêu cầu kiểm điểm).", label=Label("Hình thức đôn đốc", "Kind of urging")),
        Field("to", ORG_REF, "Đôn đốc: bên bị đôn đốc (mã tổ chức).",
              label=Label("Bên bị đôn đốc", "Party urged")),
    ),
    one_of=(("report",), ("conference",), ("extension",), ("reminder",)),
)

AGREEMENT = Obj(
    builds=Agreement, ref="agreement", identity=(("id",),), derive=_agreement_span,
    title=Label("thỏa thuận", "agreement"),
    fields=(
        Field("id", Id(example="ca-mau-snv-tinhdoan-2022-2026"),
              "Mã thỏa thuận; trùng với tên tệp (không có .yaml).", required=True,
              label=Label("Mã", "Id")),
        Field("kind", Enum(AgreementKind, AGREEMENT_KINDS),
              "Loại: quy-che, chuong-trinh, ke-hoach, lien-tich, khac.",
              required=True, label=Label("Loại", "Kind")),
        Field("title", Text(), "Tên đầy đủ (trích yếu) của văn bản.", required=True,
              label=Label("Tên", "Title")),
        Field("number", Text(), "Số, ký hiệu, ví dụ \"01/QCPH/UBND-UBMTTQ\" (ghi tự do).",
              label=Label("Số, ký hiệu", "Number")),
        Field("signed", Date(), "Ngày ký.", label=Label("Ngày ký", "Signed")),
        Field("place", Text(), "Nơi ký (địa danh).", label=Label("Địa danh", "Place")),
        Field("parties", ListOf(PARTY, min_items=2), "Các bên ký kết (ít nhất hai).",
              required=True, label=Label("Các bên", "Parties")),
        Field("period", PERIOD, "Thời hạn: ngày bắt đầu, kết thúc hoặc nhiệm kỳ.", attr=None,
              label=Label("Thời hạn", "Period of validity")),
        Field("legal_basis", ListOf(Text(multiline=True)), "Các căn cứ pháp lý.",
              label=Label("Căn cứ", "Legal basis")),
        Field("implements", DOCUMENT_REF,
              "Chương trình, văn bản cấp trên mà thỏa thuận này triển khai.",
              compare=Compare.WHOLE, label=Label("Văn bản cấp trên", "Parent programme")),
        Field("replaces", ListOf(DOCUMENT_REF, one_or_many=True),
              "Văn bản (giai đoạn trước) mà thỏa thuận này thay thế: một văn bản hoặc danh "
              "sách nhiều văn bản.",
              compare=Compare.WHOLE, label=Label("Văn bản được thay thế", "Replaces")),
        Field("areas", ListOf(AREA), "Các nội dung phối hợp và bên chịu trách nhiệm.",
              label=Label("Nội dung phối hợp", "Content areas")),
        Field("funding", ListOf(Text(multiline=True)), "Nguồn kinh phí thực hiện.",
              label=Label("Kinh phí", "Funding")),
        Field("duties", ListOf(DUTY), "Các nghĩa vụ báo cáo.",
              label=Label("Nghĩa vụ báo cáo", "Reporting duties")),
        Field("conferences", ListOf(CONFERENCE), "Các hội nghị sơ kết, tổng kết.",
              label=Label("Hội nghị", "Conferences")),
        Field("records", ListOf(RECORD), "Nhật ký: báo cáo đã gửi, hội nghị đã tổ chức.",
              label=Label("Nhật ký", "Records")),
        Field("source", Text(multiline=True), "Nguồn của dữ liệu (văn bản gốc, bài báo…).",
              label=Label("Nguồn", "Source")),
        Field("notes", Text(multiline=True), "Ghi chú tự do.", label=Label("Ghi chú", "Notes")),
        Field("issued_by", ISSUED_BY,
              "Quyết định ban hành văn bản (\"ban hành kèm theo Quyết định số …\"), bên cạnh "
              "hoặc thay cho chữ ký của các bên.",
              label=Label("Quyết định ban hành", "Issued by")),
        Field("siblings", ListOf(DOCUMENT_REF),
              "Các văn bản ký kèm (ví dụ quy chế và chương trình phối hợp ký cùng ngày).",
              compare=Compare.WHOLE, label=Label("Văn bản ký kèm", "Siblings")),
        Field("closed", CLOSED,
              "Kết thúc theo dõi: từ ngày này không còn kỳ nào; các kỳ trước chưa ghi nhận "
              "được coi là \"không theo dõi\", không phải quá hạn.",
              compare=Compare.WHOLE, label=Label("Kết thúc theo dõi", "Closed")),
    ),
)

ENDED = Obj(
    builds=End,
    title=Label("chấm dứt", "end"),
    fields=(
        Field("date", Date(), "Ngày chấm dứt (ngày đơn vị kế thừa bắt đầu hoạt động).",
              required=True, label=Label("Ngày", "Date")),
        Field("how", Enum(EndKind, END_KINDS),
              "Cách chấm dứt: doi-ten, sap-nhap, hop-nhat, chia-tach, giai-the.", required=True,
                                      label=Label("Cách chấm dứt", "How")),
        Field("successors", ListOf(ORG_REF, one_or_many=True),
              "Đơn vị kế thừa (mã tổ chức); bắt buộc trừ khi giải thể.",
              compare=Compare.SET, label=Label("Đơn vị kế thừa", "Successors")),
        Field("basis", Text(multiline=True), "Căn cứ, ví dụ \"Nghị quyết số 202/2025/QH15\".",
              label=Label("Căn cứ", "Basis")),
        Field("note", Text(multiline=True), "Ghi chú, ví dụ điều chưa được xác nhận.",
              label=Label("Ghi chú", "Note")),
    ),
)

ABSORPTION = Obj(
    builds=Absorption, identity=(("org",), ("name",)), summary=("name", "org"),
    title=Label("đơn vị được sáp nhập vào", "body absorbed"),
    fields=(
        Field("org", ORG_REF, "Mã của đơn vị được sáp nhập vào (nếu có trong danh mục).",
              label=Label("Tổ chức", "Organisation")),
        Field("name", Text(), "Tên đơn vị được sáp nhập vào, ví dụ \"Sở Lao động - TB&XH "
              "tỉnh X\".", label=Label("Tên", "Name")),
        Field("date", Date(), "Ngày sáp nhập. Các thỏa thuận của tổ chức này ký trước ngày đó "
              "được đánh dấu cần rà soát.", required=True, label=Label("Ngày", "Date")),
        Field("basis", Text(multiline=True), "Căn cứ, ví dụ \"Quyết định số …\".",
              label=Label("Căn cứ", "Basis")),
    ),
)

ORGANISATION = Obj(
    builds=Organisation, ref="org", identity=(("id",),),
    title=Label("tổ chức", "organisation"),
    fields=(
        Field("id", Id(example="so-noi-vu-ca-mau"), "Mã tổ chức, duy nhất trong danh mục.",
              required=True, label=Label("Mã", "Id")),
        Field("name", Text(), "Tên đầy đủ, ví dụ \"Sở Nội vụ tỉnh Cà Mau\".", required=True,
              label=Label("Tên", "Name")),
        Field("short", Text(), "Tên ngắn dùng trong bảng, ví dụ \"Sở Nội vụ\".",
              label=Label("Tên ngắn", "Short name")),
        Field("kind", Enum(OrgKind, ORG_KINDS), "Loại tổ chức.", required=True,
              label=Label("Loại", "Kind")),
        Field("province", Text(), "Tỉnh, thành phố (bỏ trống nếu ở trung ương).",
              label=Label("Tỉnh", "Province")),
        Field("parent", ORG_REF, "Cơ quan chủ quản trực tiếp (dòng trên tên cơ quan ban hành).",
              label=Label("Cơ quan chủ quản", "Parent")),
        Field("code", Text(), "Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ \"SNV\".",
              label=Label("Chữ viết tắt", "Code")),
        Field("since", Date(), "Ngày bắt đầu hoạt động (nếu được thành lập gần đây).",
              label=Label("Bắt đầu hoạt động", "Since")),
        Field("ended", ENDED, "Khi tổ chức đổi tên, sáp nhập, hợp nhất hoặc giải thể.",
              compare=Compare.WHOLE, label=Label("Chấm dứt", "End")),
        Field("absorbed", ListOf(ABSORPTION),
              "Các đơn vị đã sáp nhập vào tổ chức này (tổ chức giữ tên): mỗi mục một đơn vị, "
              "với ngày sáp nhập.", label=Label("Đã tiếp nhận", "Absorbed")),
        Field("note", Text(multiline=True), "Ghi chú.", label=Label("Ghi chú", "Note")),
    ),
)

REGISTRY = Obj(
    builds=Registry.of,
    title=Label("danh mục tổ chức", "organisation registry"),
    fields=(Field("organisations", ListOf(ORGANISATION), "Danh sách tổ chức.", required=True,
    label=Label("Tổ chức", "Organisations")),),
)

DAY = Obj(
    builds=_day, identity=(("date",),),
    title=Label("ngày", "day"),
    fields=(
        Field("date", Date(), "Ngày.", required=True, label=Label("Ngày", "Date")),
        Field("name", Text(), "Lý do, ví dụ \"Nghỉ Tết Nguyên đán\".", label=Label("Tên", "Name")),
        Field("basis", Text(), "Căn cứ, ví dụ số công văn của Văn phòng Chính phủ.",
              label=Label("Căn cứ", "Basis")),
    ),
)

ISSUER_SIGNER = Obj(
    builds=IssuerSigner, identity=(("org",),),
    summary=("org", "authority", "position", "name"),
    title=Label("người ký báo cáo", "report signer"),
    fields=(
        Field("org", ORG_REF, "Cơ quan ban hành báo cáo (mã tổ chức).", required=True,
              label=Label("Cơ quan", "Body")),
        Field("authority", Text(),
              "Thẩm quyền ký (dòng đầu khối chữ ký), ví dụ \"KT. GIÁM ĐỐC\", \"TM. BAN THƯỜNG "
              "VỤ\", \"TL. GIÁM ĐỐC\", \"Q. GIÁM ĐỐC\"; bỏ trống khi người đứng đầu ký.",
              label=Label("Thẩm quyền ký", "Authority")),
        Field("position", Text(), "Chức vụ của người ký, ví dụ \"PHÓ GIÁM ĐỐC\".",
              label=Label("Chức vụ", "Position")),
        Field("name", Text(), "Họ và tên người ký.", label=Label("Tên", "Name")),
        Field("unit", Text(), "Chữ viết tắt đơn vị soạn thảo, ví dụ \"VP\" (dòng \"Lưu: VT, VP.\").",
              label=Label("Đơn vị soạn thảo", "Drafting unit")),
    ),
)

CONFIG = Obj(
    builds=Config,
    title=Label("cấu hình kho", "repository configuration"),
    fields=(
        Field("place", Text(), "Địa danh ghi trên văn bản, ví dụ \"Cà Mau\".",
              label=Label("Địa danh", "Place")),
        Field("issuer", ORG_REF, "Cơ quan ban hành mặc định của báo cáo (mã tổ chức).",
              label=Label("Cơ quan ban hành", "Issuer")),
        Field("default_deadline", DEADLINE,
              "Hạn báo cáo mặc định khi thỏa thuận không nêu (mặc định: regime: nd09).",
              compare=Compare.WHOLE, label=Label("Hạn báo cáo mặc định", "Default deadline")),
        Field("days_off", ListOf(DAY), "Ngày nghỉ thêm do Chính phủ quyết định hằng năm.",
              label=Label("Ngày nghỉ", "Day off")),
        Field("working_days", ListOf(DAY), "Ngày làm bù (thứ Bảy, Chủ nhật đi làm).",
              label=Label("Ngày làm bù", "Make-up working day")),
        Field("signers", ListOf(ISSUER_SIGNER),
              "Người ký báo cáo của từng cơ quan ban hành; điều chưa biết để trống thì dự thảo "
              "để chỗ [Cần bổ sung: …].", label=Label("Người ký", "Signers")),
    ),
)


def json_schema(kind: str) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one kind of file: agreement, registry, config."""
    spec: Obj[object] = {"agreement": AGREEMENT, "registry": REGISTRY, "config": CONFIG}[kind]
    titles = {"agreement": "Thỏa thuận phối hợp (ppcli)",
              "registry": "Danh mục tổ chức (ppcli)",
              "config": "Cấu hình kho thỏa thuận (ppcli)"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ppcli.invalid/schema/{kind}.json",
        "title": titles[kind],
        **spec.schema(),
    }
