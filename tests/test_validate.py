"""validate: every problem in one run, each on one line with file, line and column."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import AGREEMENT, REGISTRY, run, write_repo


def check(tmp_path: Path, text: str, name: str = "ct-2022.yaml", today: str = "2026-11-22",
          lang: str = "vi") -> list[str]:
    repo = write_repo(tmp_path / "r", {name: text})
    result = run(["validate", "--today", today, "--lang", lang], repo)
    assert result.exit_code in (0, 1)
    return result.lines()


def test_valid_agreement_has_no_diagnostics(repo: Path) -> None:
    result = run(["validate", "--today", "2026-11-22"], repo)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "0 lỗi, 0 cảnh báo (3 tệp)." in result.stderr


def test_shape_problems_all_reported_at_once(tmp_path: Path) -> None:
    text = AGREEMENT.replace("kind: chuong-trinh", "kind: chuong-trinhh").replace(
        "signed: 2022-03-15", "signed: 15/03/2022").replace(
        "    frequency: hang-nam", "    frequncy: hang-nam")
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:2:7: error[PP024] \"kind\" không nhận giá trị \"chuong-trinhh\" "
        "(có phải ý bạn là \"chuong-trinh\"?); các giá trị hợp lệ: quy-che, chuong-trinh, "
        "ke-hoach, lien-tich, khac",
        "agreements/ct-2022.yaml:4:9: error[PP025] \"signed\": ngày \"15/03/2022\" không hợp lệ; "
        "hãy ghi theo dạng năm-tháng-ngày, ví dụ 2022-03-15",
        "agreements/ct-2022.yaml:12:5: error[PP021] thiếu trường bắt buộc \"frequency\" (Định kỳ: "
        "hang-thang, hang-quy, nua-nam, hang-nam hoặc mot-lan)",
        "agreements/ct-2022.yaml:15:5: error[PP022] khóa không hợp lệ \"frequncy\" ở duties[1] "
        "(có phải ý bạn là \"frequency\"?)",
    ]


def test_english_messages(tmp_path: Path) -> None:
    text = AGREEMENT.replace("kind: chuong-trinh", "kind: program")
    assert check(tmp_path, text, lang="en") == [
        "agreements/ct-2022.yaml:2:7: error[PP024] \"kind\" does not accept \"program\"; valid "
        "values: quy-che, chuong-trinh, ke-hoach, lien-tich, khac"]


def test_duplicate_key_keeps_first_and_reports_second(tmp_path: Path) -> None:
    text = AGREEMENT.replace("signed: 2022-03-15\n", "signed: 2022-03-15\nsigned: 2022-04-01\n")
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:5:1: error[PP012] khóa \"signed\" bị lặp (đã có ở dòng 4); "
        "YAML chỉ giữ giá trị sau cùng nên giá trị trước sẽ mất. Hãy gộp hoặc xóa một khóa"]


def test_yaml_11_traps(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    number: 12/BC-SNV", "    number: 0123\n    note: 1:30") + \
        "notes: no\nsource: 2024-01-05\n"
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:26:13: error[PP031] \"records[1].number\": giá trị 0123 không có "
        "ngoặc kép nên YAML hiểu là số 83, không phải chữ như đã gõ. Hãy viết \"0123\" trong "
        "ngoặc kép",
        "agreements/ct-2022.yaml:27:11: error[PP031] \"records[1].note\": giá trị 1:30 không có "
        "ngoặc kép nên YAML hiểu là số 90, không phải chữ như đã gõ. Hãy viết \"1:30\" trong "
        "ngoặc kép",
        "agreements/ct-2022.yaml:28:8: error[PP030] \"notes\": giá trị no không có ngoặc kép nên "
        "YAML hiểu là giá trị đúng/sai (false), không phải chữ. Hãy viết \"no\" trong ngoặc kép",
        "agreements/ct-2022.yaml:29:9: error[PP032] \"source\": giá trị 2024-01-05 không có ngoặc "
        "kép nên YAML hiểu là ngày, không phải chữ. Hãy viết \"2024-01-05\" trong ngoặc kép",
    ]


def test_plain_number_that_reads_back_the_same_is_text(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    number: 12/BC-SNV", "    number: 12")
    assert check(tmp_path, text) == []


def test_decomposed_vietnamese_is_a_warning(tmp_path: Path) -> None:
    text = AGREEMENT.replace("title: Chương trình", "title: Chu\u031bo\u031bng trình")
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:3:8: warning[PP040] \"title\": chữ tiếng Việt ở dạng dấu tách "
        "rời (không phải Unicode NFC) nên sẽ không khớp khi tìm kiếm, so sánh. Hãy gõ lại bằng "
        "bộ gõ Unicode dựng sẵn hoặc chạy lại sau khi chuẩn hóa"]


def test_references(tmp_path: Path) -> None:
    text = AGREEMENT.replace("  - org: tinh-doan-ca-mau", "  - org: tinh-doan-camau").replace(
        "  - report: bao-cao-nam", "  - report: bao-cao-nams")
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:7:10: error[PP050] \"parties[2].org\": không có tổ chức "
        "\"tinh-doan-camau\" trong danh mục agreements/organisations.yaml (có phải ý bạn là "
        "\"tinh-doan-ca-mau\"?)",
        "agreements/ct-2022.yaml:23:13: error[PP051] bản ghi nhắc tới nghĩa vụ báo cáo "
        "\"bao-cao-nams\" nhưng thỏa thuận không có nghĩa vụ này (có phải ý bạn là "
        "\"bao-cao-nam\"?)",
    ]


def test_file_name_must_match_id(tmp_path: Path) -> None:
    assert check(tmp_path, AGREEMENT, name="sub/other.yaml") == [
        "agreements/sub/other.yaml:1:5: error[PP055] mã thỏa thuận \"ct-2022\" khác tên tệp "
        "\"other\"; hãy đặt tên tệp là ct-2022.yaml hoặc sửa mã"]


def test_duplicate_agreement_ids_across_files(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"a/ct-2022.yaml": AGREEMENT, "b/ct-2022.yaml": AGREEMENT})
    result = run(["validate", "--today", "2026-11-22"], repo)
    assert result.lines() == [
        "agreements/b/ct-2022.yaml:1:5: error[PP054] mã \"ct-2022\" bị trùng (đã dùng ở "
        "agreements/a/ct-2022.yaml:1); mỗi mã chỉ được dùng một lần"]
    assert result.exit_code == 1


def test_records_periods_and_dates(tmp_path: Path) -> None:
    text = AGREEMENT + """\
  - report: bao-cao-nam
    period: 2024-Q1
    date: 2024-03-20
  - report: bao-cao-nam
    period: 2030
    date: 2026-01-10
  - report: bao-cao-nam
    period: 2022
    date: 2022-12-11
  - conference: so-ket
    date: 2026-12-01
  - report: bao-cao-nam
    date: 2021-01-01
    period: 2023
"""
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:28:13: error[PP053] kỳ \"2024-Q1\" không hợp với nghĩa vụ "
        "\"bao-cao-nam\" (hằng năm); kỳ phải có dạng như 2024",
        "agreements/ct-2022.yaml:31:13: error[PP053] kỳ \"2030\" không hợp với nghĩa vụ "
        "\"bao-cao-nam\" (hằng năm); kỳ nằm ngoài thời gian phải báo cáo (2022 – 2026)",
        "agreements/ct-2022.yaml:33:5: error[PP057] đã ghi nhận việc gửi báo cáo cho bao-cao-nam "
        "kỳ 2022 (ở dòng 23); hãy xóa bản ghi trùng",
        "agreements/ct-2022.yaml:37:11: error[PP061] \"date\": ngày 01/12/2026 ở tương lai (hôm "
        "nay là 22/11/2026); chỉ ghi nhận việc đã xảy ra",
        "agreements/ct-2022.yaml:39:11: error[PP063] \"date\": ngày 01/01/2021 trước khi thỏa "
        "thuận bắt đầu (15/03/2022)",
    ]


def test_period_dates(tmp_path: Path) -> None:
    text = AGREEMENT.replace("  end: 2026-12-31", "  end: 2021-12-31")
    assert check(tmp_path, text) == [
        "agreements/ct-2022.yaml:4:9: error[PP062] ngày ký 15/03/2022 sau khi thỏa thuận đã hết "
        "hiệu lực (31/12/2021)",
        "agreements/ct-2022.yaml:10:8: error[PP060] ngày kết thúc 31/12/2021 trước ngày bắt đầu "
        "15/03/2022",
        "agreements/ct-2022.yaml:20:14: warning[PP065] \"conferences[1].planned\": thời điểm "
        "2024 nằm ngoài thời hạn của thỏa thuận (15/03/2022 – 31/12/2021; hội nghị sơ kết, tổng "
        "kết được họp đến 31/03/2022, 3 tháng sau khi kết thúc)",
        "agreements/ct-2022.yaml:24:13: error[PP053] kỳ \"2022\" không hợp với nghĩa vụ "
        "\"bao-cao-nam\" (hằng năm); kỳ nằm ngoài thời gian phải báo cáo (2022 – 2021)",
    ]


def test_file_outside_agreements_folder_is_skipped(repo: Path) -> None:
    other = repo / "notes.yaml"
    other.write_text("x: 1\n", encoding="utf-8")
    result = run(["validate", str(other)], repo)
    assert result.exit_code == 0
    assert result.lines() == ["notes.yaml:1:1: warning[PP082] tệp \"notes.yaml\" không nằm "
                              "trong thư mục thỏa thuận agreements/; bỏ qua"]


def test_party_that_ceased_to_exist_is_a_warning_naming_successor(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    to: ubnd-ca-mau", "    to: so-cu")
    result_lines = check(tmp_path, text)
    assert result_lines == [
        "agreements/ct-2022.yaml:14:9: warning[PP070] Nghĩa vụ báo cáo \"bao-cao-nam\" (các kỳ "
        "đến 2026) rơi vào lúc Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau (so-cu) đã sáp "
        "nhập (từ 01/03/2025); đơn vị kế thừa: Sở Nội vụ tỉnh Cà Mau (so-noi-vu-ca-mau). Hãy "
        "cập nhật thỏa thuận (ghi bên kế thừa) hoặc ký thỏa thuận mới"]


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT.replace("to: ubnd-ca-mau",
                                                                          "to: so-cu")})
    assert run(["validate", "--today", "2026-11-22"], repo).exit_code == 0


def test_registry_problems(tmp_path: Path) -> None:
    registry = REGISTRY + """\
  - id: so-cu
    name: Trùng mã
    kind: so
  - id: a
    name: A
    kind: so
    ended: {date: 2025-01-01, how: doi-ten, successors: b}
  - id: b
    name: B
    kind: so
    ended: {date: 2025-02-01, how: doi-ten, successors: a}
  - id: c
    name: C
    kind: so
    ended: {date: 2025-02-01, how: sap-nhap}
"""
    repo = write_repo(tmp_path / "r", registry=registry)
    result = run(["validate", "--today", "2026-11-22"], repo)
    assert result.lines() == [
        "agreements/organisations.yaml:22:9: error[PP054] mã \"so-cu\" bị trùng (đã dùng ở dòng "
        "15); mỗi mã chỉ được dùng một lần",
        "agreements/organisations.yaml:28:12: error[PP071] chuỗi kế thừa tổ chức bị vòng lặp: "
        "a → b → a",
        "agreements/organisations.yaml:36:12: error[PP072] tổ chức \"c\" sáp nhập nhưng không "
        "nêu đơn vị kế thừa (successors)",
    ]


def test_json_output_is_one_document(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": AGREEMENT.replace("kind: chuong-trinh",
                                                                          "kind: x")})
    result = run(["validate", "--format", "json", "--today", "2026-11-22"], repo)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "path": "agreements/ct-2022.yaml", "line": 2, "column": 7, "severity": "error",
        "code": "PP024",
        "message": "\"kind\" không nhận giá trị \"x\"; các giá trị hợp lệ: quy-che, "
                   "chuong-trinh, ke-hoach, lien-tich, khac"}]


def test_named_files_only_but_cross_file_checks_see_all(tmp_path: Path) -> None:
    good = AGREEMENT
    bad = AGREEMENT.replace("id: ct-2022", "id: ct-2023").replace("kind: chuong-trinh", "kind: x")
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": good, "ct-2023.yaml": bad,
                                       "dup/ct-2022.yaml": good})
    result = run(["validate", "--today", "2026-11-22", str(repo / "agreements/ct-2022.yaml")],
                 repo)
    assert (result.exit_code, result.stdout) == (0, "")
    result = run(["validate", "--today", "2026-11-22",
                  str(repo / "agreements/dup/ct-2022.yaml")], repo)
    assert result.exit_code == 1 and "PP054" in result.stdout and "ct-2023" not in result.stdout


def test_missing_named_file(repo: Path) -> None:
    result = run(["validate", str(repo / "agreements/nope.yaml")], repo)
    assert result.exit_code == 1
    assert result.lines() == ["agreements/nope.yaml:1:1: error[PP081] không có tệp "
                              "\"agreements/nope.yaml\""]


def test_usage_error_exits_2(repo: Path) -> None:
    assert run(["validate", "--format", "xml"], repo).exit_code == 2
    assert run(["validate", "--today", "hôm qua"], repo).exit_code == 2
    assert run(["validate", "--lang", "fr"], repo).exit_code == 2
