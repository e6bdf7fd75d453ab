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

from typing import Any

from ppcli.i18n import Label
from ppcli.periods import FREQUENCY_LABELS
from ppcli.spec import Date, Enum, Field, Id, Integer, ListOf, Obj, PeriodKey, Planned, Text

CONFIG_FILE = "ppcli.yaml"
REGISTRY_FILE = "organisations.yaml"
AGREEMENTS_DIR = "agreements"

AGREEMENT_KINDS = {
    "quy-che": Label("Quy chế phối hợp", "coordination regulation"),
    "chuong-trinh": Label("Chương trình phối hợp", "coordination programme"),
    "ke-hoach": Label("Kế hoạch phối hợp", "coordination plan"),
    "khac": Label("Văn bản phối hợp khác", "other agreement"),
}

ORG_KINDS = {
    "ubnd": Label("Ủy ban nhân dân", "People's Committee"),
    "hdnd": Label("Hội đồng nhân dân", "People's Council"),
    "so": Label("Sở, cơ quan chuyên môn", "department"),
    "bo": Label("Bộ, cơ quan ngang bộ", "ministry"),
    "dang": Label("Cơ quan của Đảng", "Party body"),
    "mttq": Label("Mặt trận Tổ quốc", "Fatherland Front"),
    "doan-the": Label("Tổ chức chính trị - xã hội", "mass organisation"),
    "quoc-hoi": Label("Đoàn đại biểu Quốc hội", "National Assembly delegation"),
    "tu-phap": Label("Cơ quan tư pháp", "judicial body"),
    "nhom": Label("Nhóm cơ quan, đơn vị", "group of bodies"),
    "khac": Label("Khác", "other"),
}

END_KINDS = {
    "doi-ten": Label("đổi tên", "renamed"),
    "sap-nhap": Label("sáp nhập", "merged"),
    "hop-nhat": Label("hợp nhất", "consolidated"),
    "chia-tach": Label("chia tách", "split"),
    "giai-the": Label("giải thể", "dissolved"),
}

CONFERENCE_KINDS = {
    "so-ket": Label("Hội nghị sơ kết", "mid-term review"),
    "tong-ket": Label("Hội nghị tổng kết", "final review"),
    "danh-gia-nam": Label("Hội nghị đánh giá hằng năm", "annual review"),
    "khac": Label("Hội nghị khác", "other conference"),
}

REGIMES = {"nd09": Label("theo chế độ báo cáo định kỳ (Nghị định 09/2019/NĐ-CP)",
                         "the state reporting regime (Decree 09/2019)")}

ORG_REF = Id(ref="org", example="tinh-doan-ca-mau")

DEADLINE = Obj(
    title=Label("hạn báo cáo", "deadline"),
    fields=(
        Field("day", Integer(1, 31),
              "Hạn là ngày này. Chỉ có \"day\": ngày đó của tháng cuối kỳ (ví dụ 20 = ngày 20 "
              "của tháng cuối quý). Có cả \"month\": ngày/tháng cố định trong năm của kỳ "
              "(ví dụ day: 15, month: 12 = \"trước ngày 15/12 hằng năm\")."),
        Field("month", Integer(1, 12),
              "Tháng của hạn cố định trong năm; đi cùng \"day\"."),
        Field("days_after", Integer(0, 366),
              "Hạn là N ngày (theo lịch) sau ngày kết thúc kỳ."),
        Field("working_days_after", Integer(0, 100),
              "Hạn là N ngày làm việc sau ngày kết thúc kỳ."),
        Field("date", Date(),
              "Hạn là một ngày cụ thể (cho báo cáo một lần)."),
        Field("regime", Enum(REGIMES),
              "Theo chế độ báo cáo của Nhà nước (nd09: Nghị định 09/2019/NĐ-CP)."),
    ),
    one_of=(("day",), ("days_after",), ("working_days_after",), ("date",), ("regime",)),
)

SIGNER = Obj(
    title=Label("người ký", "signer"),
    fields=(
        Field("name", Text(), "Họ và tên người ký.", required=True),
        Field("position", Text(), "Chức vụ người ký, ví dụ \"Chủ tịch UBND tỉnh\"."),
        Field("authority", Text(),
              "Thẩm quyền ký: \"TM. Ủy ban nhân dân\", \"KT. Giám đốc\", \"TM. Ban Thường vụ\"…"),
    ),
)

PARTY = Obj(
    title=Label("bên tham gia", "party"),
    fields=(
        Field("org", ORG_REF, "Mã tổ chức trong danh mục organisations.yaml.", required=True),
        Field("role", Text(), "Vai trò của bên này, ví dụ \"chủ trì\", \"phối hợp\"."),
        Field("signer", SIGNER, "Người ký thay mặt bên này."),
    ),
)

PERIOD = Obj(
    title=Label("thời hạn", "period"),
    fields=(
        Field("start", Date(), "Ngày bắt đầu hiệu lực. Nếu bỏ trống: ngày ký, hoặc 01/01 của "
                               "năm đầu nhiệm kỳ."),
        Field("end", Date(), "Ngày hết hiệu lực. Bỏ trống nếu không thời hạn, hoặc để lấy "
                             "31/12 của năm cuối nhiệm kỳ."),
        Field("term", Text(), "Nhiệm kỳ, ví dụ \"2021-2026\"."),
        Field("note", Text(multiline=True), "Ghi chú về thời hạn."),
    ),
)

DOCUMENT_REF = Obj(
    title=Label("văn bản", "document"),
    fields=(
        Field("agreement", Id(ref="agreement", example="ca-mau-snv-tinhdoan-2022-2026"),
              "Mã của thỏa thuận nếu văn bản đó cũng được theo dõi trong kho này."),
        Field("kind", Text(), "Loại văn bản, ví dụ \"Chương trình phối hợp\"."),
        Field("number", Text(), "Số, ký hiệu, ví dụ \"4286-CTPH/BLĐTBXH-TWĐTN\"."),
        Field("date", Date(), "Ngày ban hành."),
        Field("title", Text(), "Trích yếu hoặc tên văn bản."),
        Field("issuer", Text(), "Cơ quan ban hành hoặc các bên ký."),
    ),
)

AREA = Obj(
    title=Label("nội dung phối hợp", "content area"),
    fields=(
        Field("id", Id(example="tuyen-truyen"), "Mã nội dung, duy nhất trong thỏa thuận.",
              required=True),
        Field("title", Text(), "Tên nội dung phối hợp.", required=True),
        Field("lead", ListOf(ORG_REF, one_or_many=True), "Bên chủ trì (mã tổ chức)."),
        Field("support", ListOf(ORG_REF, one_or_many=True), "Bên phối hợp (mã tổ chức)."),
        Field("details", ListOf(Text(multiline=True)), "Các việc cụ thể."),
    ),
)

DUTY = Obj(
    title=Label("nghĩa vụ báo cáo", "reporting duty"),
    fields=(
        Field("id", Id(example="bao-cao-nam"), "Mã nghĩa vụ, duy nhất trong thỏa thuận.",
              required=True),
        Field("title", Text(), "Tên báo cáo, ví dụ \"Báo cáo kết quả thực hiện chương trình\"."),
        Field("from", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Bên phải báo cáo (một hoặc nhiều mã tổ chức).", required=True),
        Field("to", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Nơi nhận báo cáo (một hoặc nhiều mã tổ chức).", required=True),
        Field("frequency", Enum(FREQUENCY_LABELS),
              "Định kỳ: hang-thang, hang-quy, nua-nam, hang-nam hoặc mot-lan.", required=True),
        Field("deadline", DEADLINE,
              "Hạn gửi. Bỏ trống: theo mặc định của kho (ppcli.yaml), nếu kho không đặt thì "
              "theo Nghị định 09/2019/NĐ-CP."),
        Field("first", PeriodKey(), "Kỳ đầu tiên phải báo cáo (mặc định: kỳ chứa ngày bắt đầu)."),
        Field("last", PeriodKey(), "Kỳ cuối cùng phải báo cáo (mặc định: kỳ chứa ngày kết thúc)."),
        Field("note", Text(multiline=True), "Ghi chú, ví dụ căn cứ của hạn báo cáo."),
    ),
)

CONFERENCE = Obj(
    title=Label("hội nghị", "conference"),
    fields=(
        Field("id", Id(example="so-ket-2024"), "Mã hội nghị, duy nhất trong thỏa thuận.",
              required=True),
        Field("kind", Enum(CONFERENCE_KINDS), "Loại: so-ket, tong-ket, danh-gia-nam, khac.",
              required=True),
        Field("title", Text(), "Tên hội nghị."),
        Field("planned", Planned(),
              "Thời gian dự kiến: năm (2026), tháng (2026-03) hoặc ngày (2026-03-15).",
              required=True),
        Field("host", ListOf(ORG_REF, one_or_many=True, min_items=1),
              "Bên chủ trì tổ chức hội nghị.", required=True),
        Field("note", Text(multiline=True), "Ghi chú."),
    ),
)

RECORD = Obj(
    title=Label("bản ghi", "record"),
    fields=(
        Field("report", Id(ref="duty", example="bao-cao-nam"),
              "Đã gửi báo cáo: mã nghĩa vụ báo cáo."),
        Field("conference", Id(ref="conference", example="so-ket-2024"),
              "Đã tổ chức hội nghị: mã hội nghị."),
        Field("period", PeriodKey(), "Kỳ báo cáo, ví dụ 2024, 2024-H1, 2024-Q3, 2024-05."),
        Field("date", Date(), "Ngày gửi báo cáo hoặc ngày tổ chức hội nghị.", required=True),
        Field("number", Text(), "Số, ký hiệu của báo cáo, ví dụ \"12/BC-SNV\"."),
        Field("by", ORG_REF, "Bên đã gửi; cần khi nghĩa vụ có nhiều bên báo cáo: mỗi bên một "
              "bản ghi, bản ghi không có by thì không được tính cho bên nào."),
        Field("note", Text(multiline=True), "Ghi chú."),
    ),
    one_of=(("report",), ("conference",)),
)

AGREEMENT = Obj(
    title=Label("thỏa thuận", "agreement"),
    fields=(
        Field("id", Id(example="ca-mau-snv-tinhdoan-2022-2026"),
              "Mã thỏa thuận; trùng với tên tệp (không có .yaml).", required=True),
        Field("kind", Enum(AGREEMENT_KINDS), "Loại: quy-che, chuong-trinh, ke-hoach, khac.",
              required=True),
        Field("title", Text(), "Tên đầy đủ (trích yếu) của văn bản.", required=True),
        Field("number", Text(), "Số, ký hiệu, ví dụ \"01/QCPH/UBND-UBMTTQ\" (ghi tự do)."),
        Field("signed", Date(), "Ngày ký."),
        Field("place", Text(), "Nơi ký (địa danh)."),
        Field("parties", ListOf(PARTY, min_items=2), "Các bên ký kết (ít nhất hai).",
              required=True),
        Field("period", PERIOD, "Thời hạn: ngày bắt đầu, kết thúc hoặc nhiệm kỳ."),
        Field("legal_basis", ListOf(Text(multiline=True)), "Các căn cứ pháp lý."),
        Field("implements", DOCUMENT_REF, "Chương trình, văn bản cấp trên mà thỏa thuận này "
                                          "triển khai."),
        Field("replaces", DOCUMENT_REF, "Văn bản (giai đoạn trước) mà thỏa thuận này thay thế."),
        Field("areas", ListOf(AREA), "Các nội dung phối hợp và bên chịu trách nhiệm."),
        Field("funding", ListOf(Text(multiline=True)), "Nguồn kinh phí thực hiện."),
        Field("duties", ListOf(DUTY), "Các nghĩa vụ báo cáo."),
        Field("conferences", ListOf(CONFERENCE), "Các hội nghị sơ kết, tổng kết."),
        Field("records", ListOf(RECORD), "Nhật ký: báo cáo đã gửi, hội nghị đã tổ chức."),
        Field("source", Text(multiline=True), "Nguồn của dữ liệu (văn bản gốc, bài báo…)."),
        Field("notes", Text(multiline=True), "Ghi chú tự do."),
    ),
)

ENDED = Obj(
    title=Label("chấm dứt", "end"),
    fields=(
        Field("date", Date(), "Ngày chấm dứt (ngày đơn vị kế thừa bắt đầu hoạt động).",
              required=True),
        Field("how", Enum(END_KINDS), "Cách chấm dứt: doi-ten, sap-nhap, hop-nhat, chia-tach, "
                                      "giai-the.", required=True),
        Field("successors", ListOf(ORG_REF, one_or_many=True),
              "Đơn vị kế thừa (mã tổ chức); bắt buộc trừ khi giải thể."),
        Field("basis", Text(multiline=True), "Căn cứ, ví dụ \"Nghị quyết số 202/2025/QH15\"."),
        Field("note", Text(multiline=True), "Ghi chú, ví dụ điều chưa được xác nhận."),
    ),
)

ORGANISATION = Obj(
    title=Label("tổ chức", "organisation"),
    fields=(
        Field("id", Id(example="so-noi-vu-ca-mau"), "Mã tổ chức, duy nhất trong danh mục.",
              required=True),
        Field("name", Text(), "Tên đầy đủ, ví dụ \"Sở Nội vụ tỉnh Cà Mau\".", required=True),
        Field("short", Text(), "Tên ngắn dùng trong bảng, ví dụ \"Sở Nội vụ\"."),
        Field("kind", Enum(ORG_KINDS), "Loại tổ chức.", required=True),
        Field("province", Text(), "Tỉnh, thành phố (bỏ trống nếu ở trung ương)."),
        Field("parent", ORG_REF, "Cơ quan chủ quản trực tiếp (dòng trên tên cơ quan ban hành)."),
        Field("code", Text(), "Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ \"SNV\"."),
        Field("since", Date(), "Ngày bắt đầu hoạt động (nếu được thành lập gần đây)."),
        Field("ended", ENDED, "Khi tổ chức đổi tên, sáp nhập, hợp nhất hoặc giải thể."),
        Field("note", Text(multiline=True), "Ghi chú."),
    ),
)

REGISTRY = Obj(
    title=Label("danh mục tổ chức", "organisation registry"),
    fields=(Field("organisations", ListOf(ORGANISATION), "Danh sách tổ chức.", required=True),),
)

DAY = Obj(
    title=Label("ngày", "day"),
    fields=(
        Field("date", Date(), "Ngày.", required=True),
        Field("name", Text(), "Lý do, ví dụ \"Nghỉ Tết Nguyên đán\"."),
        Field("basis", Text(), "Căn cứ, ví dụ số công văn của Văn phòng Chính phủ."),
    ),
)

CONFIG = Obj(
    title=Label("cấu hình kho", "repository configuration"),
    fields=(
        Field("place", Text(), "Địa danh ghi trên văn bản, ví dụ \"Cà Mau\"."),
        Field("issuer", ORG_REF, "Cơ quan ban hành mặc định của báo cáo (mã tổ chức)."),
        Field("default_deadline", DEADLINE,
              "Hạn báo cáo mặc định khi thỏa thuận không nêu (mặc định: regime: nd09)."),
        Field("days_off", ListOf(DAY), "Ngày nghỉ thêm do Chính phủ quyết định hằng năm."),
        Field("working_days", ListOf(DAY), "Ngày làm bù (thứ Bảy, Chủ nhật đi làm)."),
    ),
)


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file: agreement, registry, config."""
    spec = {"agreement": AGREEMENT, "registry": REGISTRY, "config": CONFIG}[kind]
    titles = {"agreement": "Thỏa thuận phối hợp (ppcli)",
              "registry": "Danh mục tổ chức (ppcli)",
              "config": "Cấu hình kho thỏa thuận (ppcli)"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ppcli.invalid/schema/{kind}.json",
        "title": titles[kind],
        **spec.schema(),
    }
