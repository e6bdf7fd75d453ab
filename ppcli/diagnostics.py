"""One diagnostic type, its stable codes, and its two printed forms.

Every check in ppcli returns diagnostics as values; nothing raises on bad input. A
diagnostic names a file, a 1-based line and column, a severity and a stable code; its
message is rendered in the user's language only when printed. The codes and their
meaning are listed in ``docs/diagnostics.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ppcli.i18n import Label, Lang
from ppcli.safetext import json_safe, one_line


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


E = Severity.ERROR
W = Severity.WARNING

# code: (severity, Vietnamese template, English template). Templates use str.format
# with the diagnostic's arguments. Codes are never renumbered: add new ones at the end
# of their group.
CATALOG: dict[str, tuple[Severity, str, str]] = {
    # -- the file itself ---------------------------------------------------------
    "PP001": (E, "tệp không phải văn bản UTF-8 (byte không hợp lệ 0x{byte}); có thể tệp đang ở bảng mã Windows-1258 hoặc TCVN3. Hãy mở tệp và lưu lại với bảng mã UTF-8 (git chỉ so sánh được tệp UTF-8)",
              "file is not UTF-8 text (invalid byte 0x{byte}); it may be in Windows-1258 or TCVN3. Open it and save it again as UTF-8 (git can only diff UTF-8 files)"),
    "PP002": (E, "tệp được lưu ở bảng mã UTF-16 (Notepad gọi là \"Unicode\"). Hãy lưu lại với bảng mã UTF-8 (git chỉ so sánh được tệp UTF-8)",
              "file is saved as UTF-16 (Notepad calls it \"Unicode\"). Save it again as UTF-8 (git can only diff UTF-8 files)"),
    "PP003": (E, "tệp nhị phân, không phải tệp văn bản YAML (có byte 0x00); hãy kiểm tra lại đúng tệp chưa",
              "binary file, not a YAML text file (contains a 0x00 byte); check that this is the right file"),
    "PP004": (E, "tệp quá lớn ({size} MB; giới hạn {limit} MB cho một tệp thỏa thuận). Hãy tách thành nhiều tệp",
              "file is too large ({size} MB; the limit for one agreement file is {limit} MB). Split it into several files"),
    "PP005": (E, "tệp trống: chưa có nội dung nào", "empty file: it has no content"),
    "PP006": (E, "không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "PP007": (E, "đây không phải tệp văn bản thường mà là {kind} (có thể do một liên kết tượng trưng trỏ tới đó); ppcli không đọc nó. Hãy thay bằng một tệp YAML thật hoặc xóa đi",
              "this is not a regular file but {kind} (perhaps a symbolic link points there); ppcli does not read it. Replace it with a real YAML file or remove it"),
    "PP008": (E, "tệp là một liên kết tượng trưng (symlink); vì an toàn ppcli không đọc qua liên kết trong kho (nó có thể trỏ ra tệp riêng của bạn). Hãy thay liên kết bằng chính tệp YAML",
              "the file is a symbolic link; for safety ppcli does not read through links in the repository (one could point at your private files). Replace the link with the YAML file itself"),
    # -- YAML syntax -------------------------------------------------------------
    "PP010": (E, "lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}"),
    "PP011": (E, "có ký tự Tab; YAML không cho phép Tab để thụt lề. Hãy thay bằng dấu cách",
              "a Tab character; YAML does not allow Tabs for indentation. Use spaces instead"),
    "PP012": (E, "khóa \"{key}\" bị lặp (đã có ở dòng {first_line}); YAML chỉ giữ giá trị sau cùng nên giá trị trước sẽ mất. Hãy gộp hoặc xóa một khóa",
              "duplicate key \"{key}\" (first at line {first_line}); YAML keeps only the last value, so the first is lost. Merge or remove one"),
    "PP013": (E, "bí danh (alias) đệ quy: nút tự chứa chính nó. Hãy bỏ bí danh \"*…\" trỏ ngược lên nút chứa nó",
              "recursive alias: a node contains itself. Remove the alias \"*…\" that points back to its own container"),
    "PP014": (E, "bí danh (alias) bung ra quá nhiều nút (hơn {limit}); tệp có thể là \"billion laughs\". Hãy viết trực tiếp, không dùng bí danh lồng nhau",
              "aliases expand to too many nodes (over {limit}); the file may be a \"billion laughs\". Write the values out instead of nesting aliases"),
    "PP015": (E, "khóa gộp \"<<\" không được hỗ trợ; hãy viết đầy đủ các khóa",
              "merge keys \"<<\" are not supported; write the keys out"),
    "PP016": (E, "tệp có nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ được có một",
              "the file holds several YAML documents (---); one per file only"),
    # -- shape -------------------------------------------------------------------
    "PP020": (E, "nội dung chính của tệp phải là một bảng khóa: giá trị (mapping), không phải {found}",
              "the top level of the file must be a mapping (key: value), not {found}"),
    "PP021": (E, "thiếu trường bắt buộc \"{key}\" ({what})", "missing required field \"{key}\" ({what})"),
    "PP022": (E, "khóa không hợp lệ \"{key}\" ở {where}{hint}", "unknown key \"{key}\" in {where}{hint}"),
    "PP023": (E, "\"{key}\" phải là {expected}, không phải {found}", "\"{key}\" must be {expected}, not {found}"),
    "PP024": (E, "\"{key}\" không nhận giá trị \"{value}\"{hint}; các giá trị hợp lệ: {allowed}",
              "\"{key}\" does not accept \"{value}\"{hint}; valid values: {allowed}"),
    "PP025": (E, "\"{key}\": ngày \"{value}\" không hợp lệ; hãy ghi theo dạng năm-tháng-ngày, ví dụ {example}",
              "\"{key}\": invalid date \"{value}\"; write it as year-month-day, e.g. {example}"),
    "PP026": (E, "\"{key}\": kỳ \"{value}\" không hợp lệ; hãy ghi 2024, 2024-H1, 2024-Q3 hoặc 2024-05",
              "\"{key}\": invalid period \"{value}\"; write 2024, 2024-H1, 2024-Q3 or 2024-05"),
    "PP027": (E, "\"{key}\": mã \"{value}\" không hợp lệ; mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ {example}",
              "\"{key}\": invalid id \"{value}\"; ids use lowercase ASCII letters, digits and hyphens, e.g. {example}"),
    "PP028": (E, "\"{key}\" phải có đúng một trong các cách: {choices}{found}",
              "\"{key}\" must use exactly one of: {choices}{found}"),
    "PP029": (E, "\"{key}\": giá trị {value} nằm ngoài khoảng cho phép ({low} đến {high})",
              "\"{key}\": value {value} is outside the allowed range ({low} to {high})"),
    # -- YAML 1.1 traps ----------------------------------------------------------
    "PP030": (E, "\"{key}\": giá trị {raw} không có ngoặc kép nên YAML hiểu là giá trị đúng/sai ({value}), không phải chữ. Hãy viết \"{raw}\" trong ngoặc kép",
              "\"{key}\": the unquoted value {raw} is read by YAML as a boolean ({value}), not as text. Write \"{raw}\" in quotes"),
    "PP031": (E, "\"{key}\": giá trị {raw} không có ngoặc kép nên YAML hiểu là số {value}, không phải chữ như đã gõ. Hãy viết \"{raw}\" trong ngoặc kép",
              "\"{key}\": the unquoted value {raw} is read by YAML as the number {value}, not as the text typed. Write \"{raw}\" in quotes"),
    "PP032": (E, "\"{key}\": giá trị {raw} không có ngoặc kép nên YAML hiểu là ngày, không phải chữ. Hãy viết \"{raw}\" trong ngoặc kép",
              "\"{key}\": the unquoted value {raw} is read by YAML as a date, not as text. Write \"{raw}\" in quotes"),
    # -- text ----------------------------------------------------------------------
    "PP040": (W, "\"{key}\": chữ tiếng Việt ở dạng dấu tách rời (không phải Unicode NFC) nên sẽ không khớp khi tìm kiếm, so sánh. Hãy gõ lại bằng bộ gõ Unicode dựng sẵn hoặc chạy lại sau khi chuẩn hóa",
              "\"{key}\": Vietnamese text in decomposed form (not Unicode NFC), which fails to match in searches and comparisons. Retype it with a precomposed Unicode input method"),
    "PP041": (W, "\"{key}\": có ký tự điều khiển hoặc ký tự đảo chiều chữ {char} (không nhìn thấy, có thể làm sai lệch màn hình hay che giấu nội dung); ppcli sẽ hiện nó thành ký hiệu. Hãy xóa ký tự này",
              "\"{key}\": a control or bidirectional character {char} (invisible; it can garble a terminal or hide text); ppcli shows it as a symbol. Remove it"),
    "PP042": (W, "\"{key}\": trường này chỉ có một dòng nhưng giá trị có xuống dòng; ppcli sẽ hiện dấu xuống dòng thành ký hiệu ␊. Hãy viết trên một dòng",
              "\"{key}\": a one-line field holds a line break; ppcli shows it as the symbol ␊. Write it on one line"),
    # -- references and identity -------------------------------------------------
    "PP050": (E, "\"{key}\": không có tổ chức \"{value}\" trong danh mục {registry}{hint}",
              "\"{key}\": no organisation \"{value}\" in the registry {registry}{hint}"),
    "PP051": (E, "bản ghi nhắc tới nghĩa vụ báo cáo \"{value}\" nhưng thỏa thuận không có nghĩa vụ này{hint}",
              "the record names the reporting duty \"{value}\", which this agreement does not have{hint}"),
    "PP052": (E, "bản ghi nhắc tới hội nghị \"{value}\" nhưng thỏa thuận không có hội nghị này{hint}",
              "the record names the conference \"{value}\", which this agreement does not have{hint}"),
    "PP053": (E, "kỳ \"{period}\" không hợp với nghĩa vụ \"{duty}\" ({frequency}); {reason}",
              "period \"{period}\" does not fit the duty \"{duty}\" ({frequency}); {reason}"),
    "PP054": (E, "mã \"{value}\" bị trùng (đã dùng ở {first}); mỗi mã chỉ được dùng một lần",
              "duplicate id \"{value}\" (already used at {first}); each id may be used once"),
    "PP055": (E, "mã thỏa thuận \"{value}\" khác tên tệp \"{stem}\"; hãy đặt tên tệp là {stem_expected}.yaml hoặc sửa mã",
              "agreement id \"{value}\" differs from the file name \"{stem}\"; rename the file to {stem_expected}.yaml or change the id"),
    "PP056": (W, "\"{key}\": không có thỏa thuận \"{value}\" trong kho; nếu văn bản cũ không được theo dõi ở đây thì bỏ qua cảnh báo này",
              "\"{key}\": no agreement \"{value}\" in this repository; ignore this if the old document is not tracked here"),
    "PP057": (E, "đã ghi nhận {what} cho {item} kỳ {period} (ở dòng {first_line}); hãy xóa bản ghi trùng",
              "{what} for {item} period {period} is already recorded (at line {first_line}); remove the duplicate"),
    "PP058": (E, "tổ chức \"{value}\" được kê hai lần trong các bên", "organisation \"{value}\" is listed twice among the parties"),
    "PP059": (E, "\"{key}\": tổ chức \"{value}\" không phải là {what}",
              "\"{key}\": organisation \"{value}\" is not {what}"),
    # -- dates ---------------------------------------------------------------------
    "PP060": (E, "ngày kết thúc {end} trước ngày bắt đầu {start}", "end date {end} is before start date {start}"),
    "PP061": (E, "\"{key}\": ngày {value} ở tương lai (hôm nay là {today}); chỉ ghi nhận việc đã xảy ra",
              "\"{key}\": date {value} is in the future (today is {today}); record only what has happened"),
    "PP062": (E, "ngày ký {signed} sau khi thỏa thuận đã hết hiệu lực ({end})", "signing date {signed} is after the agreement ended ({end})"),
    "PP063": (E, "\"{key}\": ngày {value} trước khi thỏa thuận bắt đầu ({start})", "\"{key}\": date {value} is before the agreement starts ({start})"),
    "PP064": (E, "kỳ đầu {first} sau kỳ cuối {last}", "first period {first} is after last period {last}"),
    "PP065": (W, "\"{key}\": thời điểm {value} nằm ngoài thời hạn của thỏa thuận ({span})",
              "\"{key}\": {value} is outside the agreement's period ({span})"),
    "PP066": (W, "thỏa thuận không có ngày bắt đầu (period.start), ngày ký (signed) hay nhiệm kỳ (period.term) nên các nghĩa vụ định kỳ ({duties}) không sinh kỳ báo cáo nào và ppcli due không nhắc; hãy ghi ngày bắt đầu hoặc ngày ký",
              "the agreement has no start date (period.start), signing date (signed) or term (period.term), so its periodic duties ({duties}) produce no period and ppcli due says nothing of them; add the start or signing date"),
    # -- organisations over time -------------------------------------------------
    "PP070": (W, "{item} ({what}) rơi vào lúc {org} đã {how} (từ {date}); đơn vị kế thừa: {successors}. {advice}",
              "{item} ({what}) falls after {org} was {how} (on {date}); successor: {successors}. {advice}"),
    "PP071": (E, "chuỗi kế thừa tổ chức bị vòng lặp: {chain}", "the organisation succession forms a cycle: {chain}"),
    "PP072": (E, "tổ chức \"{value}\" {how} nhưng không nêu đơn vị kế thừa (successors)",
              "organisation \"{value}\" is {how} but names no successor (successors)"),
    "PP073": (W, "\"{key}\": bên gửi {org} đã {how} từ {ended}, trước ngày của bản ghi ({date}); đơn vị thực hiện thay vào ngày đó: {acting}. Hãy ghi by: <mã đơn vị kế thừa> nếu báo cáo do đơn vị kế thừa gửi",
              "\"{key}\": the sender {org} was {how} on {ended}, before the record's date ({date}); acting for it on that day: {acting}. Write by: <successor's id> if the successor sent the report"),
    "PP074": (W, "tổ chức \"{org}\" được ghi là đã sáp nhập vào \"{value}\" từ {date} nhưng chưa có ended (sap-nhap, successors: {value}); các thỏa thuận của nó sẽ không được coi là của bên đã sáp nhập",
              "organisation \"{org}\" is said to have been absorbed by \"{value}\" on {date} but has no ended (sap-nhap, successors: {value}); its agreements will not be treated as a merged party's"),
    # -- repository ----------------------------------------------------------------
    "PP080": (E, "kho thỏa thuận thiếu danh mục tổ chức {file}; hãy tạo tệp này (xem docs/format.md)",
              "the repository has no organisation registry {file}; create it (see docs/format.md)"),
    "PP081": (E, "không có tệp \"{file}\"", "no file \"{file}\""),
    "PP082": (W, "tệp \"{file}\" không nằm trong thư mục thỏa thuận {folder}; bỏ qua",
              "file \"{file}\" is not inside the agreements folder {folder}; skipped"),
    # -- records -------------------------------------------------------------------
    "PP090": (W, "bản ghi không ghi bên gửi (by) nhưng nghĩa vụ \"{item}\" có nhiều bên báo cáo ({reporters}); bản ghi này không được tính cho bên nào. Hãy thêm by: <mã bên đã gửi>, mỗi bên một bản ghi",
              "the record does not say who sent it (by), but the duty \"{item}\" has several reporters ({reporters}); it counts for no party. Add by: <id of the party that sent>, one record per party"),
    # -- the shapes of real agreements (issue 17) --------------------------------------
    "PP110": (E, "người ký của bên \"{org}\" không có tên (name) lẫn chức vụ (position); hãy ghi ít nhất một trong hai, hoặc bỏ signer",
              "the signer of party \"{org}\" has neither a name (name) nor a position (position); give at least one, or leave signer out"),
    "PP111": (E, "hội nghị \"{id}\" họp định kỳ (frequency) nên không dùng planned; mỗi kỳ một lần, thời điểm ghi bằng when: cuoi-ky | dau-ky | sau-ky",
              "conference \"{id}\" recurs (frequency), so it takes no planned; it is held once per period, at the time given by when: cuoi-ky | dau-ky | sau-ky"),
    "PP112": (E, "hội nghị \"{id}\" thiếu thời gian: hội nghị một lần cần planned (năm, tháng hoặc ngày), hội nghị định kỳ cần frequency",
              "conference \"{id}\" has no time: a one-time conference needs planned (a year, month or day), a recurring one needs frequency"),
    "PP113": (E, "\"{key}\" chỉ dùng cho hội nghị định kỳ, nhưng hội nghị \"{id}\" không có frequency; hãy thêm frequency hoặc bỏ {key}",
              "\"{key}\" applies to recurring conferences only, but conference \"{id}\" has no frequency; add frequency or remove {key}"),
    "PP114": (E, "hội nghị \"{id}\" họp định kỳ ({frequency}) nên bản ghi phải nêu kỳ (period) của lần họp, ví dụ period: 2026",
              "conference \"{id}\" recurs ({frequency}), so its record must give the period (period) of the meeting, e.g. period: 2026"),
    "PP115": (E, "hội nghị \"{id}\" chỉ họp một lần nên bản ghi không ghi kỳ (period: {period}); hãy bỏ period",
              "conference \"{id}\" is held once, so its record gives no period (period: {period}); remove period"),
    "PP116": (E, "kỳ \"{period}\" không hợp với hội nghị định kỳ \"{id}\" ({frequency}); {reason}",
              "period \"{period}\" does not fit the recurring conference \"{id}\" ({frequency}); {reason}"),
    "PP117": (E, "\"{key}\": cac-ben-khac là từ dành riêng (\"các bên ký kết khác\"), chỉ dùng trong nơi nhận (to) của nghĩa vụ báo cáo, không phải mã tổ chức",
              "\"{key}\": cac-ben-khac is a reserved word (\"the other signing parties\"), used only among a duty's recipients (to), never as an organisation id"),
    "PP118": (E, "quyết định ban hành nêu cả ngày có hiệu lực (effective: {effective}) lẫn số ngày sau khi ban hành (effective_after_days: {days}, tức {after}); hãy giữ một cách",
              "the issuing decision gives both an effective day (effective: {effective}) and a number of days after issue (effective_after_days: {days}, i.e. {after}); keep one"),
    "PP119": (E, "ngày kết thúc theo dõi (closed.date) {closed} trước ngày bắt đầu {start}",
              "the closing date (closed.date) {closed} is before the start {start}"),
    # -- the office's record: extensions, urgings, the regime's fields -----------------
    "PP120": (E, "{what}: nghĩa vụ \"{duty}\" ({frequency}) không có kỳ \"{period}\" (sai độ dài kỳ hoặc ngoài thời gian phải báo cáo); hãy ghi đúng kỳ",
              "{what}: the duty \"{duty}\" ({frequency}) has no period \"{period}\" (wrong length, or outside the reporting span); write the right period"),
    "PP121": (E, "\"until\": hạn mới {until} không sau hạn ban đầu của kỳ ({original}); gia hạn phải lùi hạn về sau",
              "\"until\": the new deadline {until} is not after the period's original deadline ({original}); an extension must move the deadline later"),
    "PP122": (E, "{what} cho nghĩa vụ \"{duty}\": {reason}", "{what} for the duty \"{duty}\": {reason}"),
    "PP123": (E, "{what}: thiếu trường bắt buộc \"{key}\"", "{what}: the required field \"{key}\" is missing"),
    "PP124": (E, "\"{key}\" chỉ dùng cho bản ghi {kinds}, không dùng cho {kind}; hãy bỏ đi",
              "\"{key}\" belongs to {kinds} records only, not to {kind}; remove it"),
    "PP125": (W, "\"to\": \"{value}\" không phải bên báo cáo của nghĩa vụ \"{duty}\" ({reporters}); lần đôn đốc này không được tính cho bên nào",
              "\"to\": \"{value}\" is not a reporter of the duty \"{duty}\" ({reporters}); this urging counts for no party"),
    "PP126": (W, "đôn đốc ngày {date} về kỳ {period} nhưng báo cáo kỳ đó đã được ghi nhận gửi ngày {sent}; kiểm tra lại ngày hoặc kỳ",
              "an urging on {date} about period {period}, whose report is recorded as sent on {sent}; check the date or the period"),
    "PP127": (W, "\"{key}\": không có tệp \"{value}\" trong kho (đường dẫn tính từ thư mục gốc của kho, ví dụ templates/de-cuong.docx)",
              "\"{key}\": no file \"{value}\" in the repository (a path from the repository's top folder, e.g. templates/de-cuong.docx)"),
    "PP128": (W, "\"cutoff.month\": tháng chốt số liệu chỉ dùng cho báo cáo hằng năm; nghĩa vụ \"{duty}\" là {frequency}, nên ppcli chốt vào ngày \"day\" của tháng cuối kỳ",
              "\"cutoff.month\": a cut-off month applies to yearly reports only; the duty \"{duty}\" is {frequency}, so ppcli cuts off on \"day\" of the period's last month"),
}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CATALOG[self.code][0]

    def message(self, lang: Lang) -> str:
        _, vi, en = CATALOG[self.code]
        args = {k: (v(lang) if isinstance(v, Label) else v) for k, v in self.args.items()}
        return (vi if lang == "vi" else en).format(**args)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def diag(path: str | Path, line: int, column: int, code: str, **args: Any) -> Diagnostic:
    if code not in CATALOG:  # a programming error, not a user one
        raise KeyError(code)
    return Diagnostic(str(path).replace("\\", "/"), line, column, code, args)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


def format_text(d: Diagnostic, lang: Lang) -> str:
    """``path:line:col: severity[CODE] message``, the form editors jump to."""
    return one_line(f"{d.path}:{d.line}:{d.column}: {d.severity.value}[{d.code}] "
                    f"{d.message(lang)}")


def to_json_obj(d: Diagnostic, lang: Lang) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message(lang),
    }


def format_json(diags: Iterable[Diagnostic], lang: Lang) -> str:
    return json_safe(json.dumps([to_json_obj(d, lang) for d in diags], ensure_ascii=False,
                                indent=2))
