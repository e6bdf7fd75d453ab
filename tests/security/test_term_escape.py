"""Issue 15.5: what reaches a terminal never carries a raw control or bidi character; a
line break in a value never forges a line of a listing; JSON stays JSON; CSV cells
that Excel would run as formulas are prefixed with '."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

from conftest import AGREEMENT, REGISTRY, run, write_repo

# the same, as YAML escapes inside a double-quoted title
TITLE_YAML = '"Báo cáo năm\\e]52;c;cHduZWQ=\\a\\n  20/12/2025  quá 1 ngày  gia-mao"'
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def hostile_repo(root: Path, title: str = TITLE_YAML, registry: str = REGISTRY) -> Path:
    text = AGREEMENT.replace("    frequency: hang-nam\n",
                             f"    title: {title}\n    frequency: hang-nam\n")
    return write_repo(root, {"ct-2022.yaml": text}, registry=registry)


def assert_no_raw(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw {char!r} in output"


def test_sanitiser_maps_each_class() -> None:
    from ppcli.safetext import json_safe, one_line, visible

    assert one_line("a\x1b[2Jb\rc\nd\te\x7f") == "a␛[2Jb␍c␊d␉e␡"
    assert one_line("x\x9by\u202ez\u2066w\u200fv\u2028u") == \
        "x<U+009B>y<U+202E>z<U+2066>w<U+200F>v<U+2028>u"
    assert visible("dòng 1\ndòng 2\x1b") == "dòng 1\ndòng 2␛"
    assert one_line("Sở Nội vụ — bình thường") == "Sở Nội vụ — bình thường"
    assert json_safe(json.dumps("\u202e\x85", ensure_ascii=False)) == '"\\u202e\\u0085"'


def test_due_title_cannot_forge_an_entry_or_reach_the_terminal(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "r")
    result = run(["due", "--today", "2026-01-05"], repo)
    assert_no_raw(result.stdout)
    lines = result.lines()
    assert lines[2:5] == [
        "QUÁ HẠN (4)",
        "  15/12/2025  quá 21 ngày (kỳ đầu quá 752 ngày)  ct-2022 bao-cao-nam 2023…2025",
        "      Báo cáo năm␛]52;c;cHduZWQ=␇␊  20/12/2025  quá 1 ngày  gia-mao — 3 kỳ, từ năm 2023 "
        "đến năm 2025: Sở Nội vụ → UBND tỉnh Cà Mau",
    ]
    # the forged deadline is never at the start of a line
    assert not any(line.startswith("  20/12/2025") for line in lines)


def test_due_markdown_rows_stay_rows(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "r")
    result = run(["due", "--today", "2026-01-05", "--format", "markdown"], repo)
    assert_no_raw(result.stdout)
    rows = [line for line in result.lines() if line.startswith("| 15/12/2023")]
    assert rows == ["| 15/12/2023 | quá 752 ngày | `ct-2022 bao-cao-nam 2023` | Báo cáo "
                    "năm␛]52;c;cHduZWQ=␇␊  20/12/2025  quá 1 ngày  gia-mao — năm 2023: Sở Nội vụ "
                    "→ UBND tỉnh Cà Mau | hạn ngày 15/12 hằng năm | `ppcli record report ct-2022 "
                    "bao-cao-nam 2023 --on NGÀY` |"]


def test_due_json_escapes_c1_and_bidi_but_keeps_the_data(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "r", title='"Báo cáo\\x9b2J\\u202enăm"')
    result = run(["due", "--today", "2026-01-05", "--format", "json"], repo)
    assert_no_raw(result.stdout)
    assert '"title": "Báo cáo\\u009b2J\\u202enăm"' in result.stdout
    assert result.json()[0]["title"] == "Báo cáo\x9b2J\u202enăm"


def test_csv_formula_cells_are_prefixed_and_numbers_stay_numbers(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "r", title='"=HYPERLINK(\\"http://x.example/?\\"&A1,\\"Mở\\")"')
    result = run(["due", "--today", "2026-01-05", "--format", "csv", "--lang", "en"], repo)
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Title"] == "'=HYPERLINK(\"http://x.example/?\"&A1,\"Mở\")"
    assert first["Days"] == "-752"  # a number, not text: no prefix
    for start in ("+", "-", "@"):
        repo = hostile_repo(tmp_path / f"r{ord(start)}",
                            title=json.dumps(f"{start}cmd|' /C calc'!A0"))
        out = run(["due", "--today", "2026-01-05", "--format", "csv"], repo).stdout
        rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
        expected = f"'{start}cmd|' /C calc'!A0"
        assert dict(zip(rows[0], rows[1], strict=True))["Tên việc"] == expected  # Vietnamese


def test_csv_cell_rule_for_every_formula_start() -> None:
    from ppcli.views.due_listing import csv_cell

    # a title's own leading tab or CR is stripped by the loader; other text may keep one
    assert [csv_cell(f"{c}1+1") for c in "=+-@\t\r"] == \
        ["'=1+1", "'+1+1", "'-1+1", "'@1+1", "'␉1+1", "'␍1+1"]
    assert [csv_cell(v) for v in (-3, 0, "", "a=b", "Sở\nNội vụ")] == \
        [-3, 0, "", "a=b", "Sở\nNội vụ"]


def test_show_escapes_every_value(tmp_path: Path) -> None:
    text = AGREEMENT.replace(
        "title: Chương trình phối hợp giữa Sở Nội vụ và Tỉnh đoàn giai đoạn 2022 - 2026",
        'title: "Chương trình\\e]0;hacked\\a\\nMã: gia-mao"').replace(
        "number: 12/BC-SNV", 'number: "12/BC\\e[2J-SNV"')
    repo = write_repo(tmp_path / "r", {"ct-2022.yaml": text})
    result = run(["show", "ct-2022", "--today", "2026-01-05"], repo)
    assert_no_raw(result.stdout)
    lines = result.lines()
    assert lines[0] == "Chương trình␛]0;hacked␇␊Mã: gia-mao"
    assert lines[1] == "Mã: ct-2022  (agreements/ct-2022.yaml)"
    assert "      ✓ kỳ 2022: đã gửi 10/12/2022 (số 12/BC␛[2J-SNV)" in lines


def test_list_escapes_names_from_the_registry(tmp_path: Path) -> None:
    registry = REGISTRY.replace("name: Tỉnh đoàn Cà Mau", 'name: "Tỉnh đoàn\\e[8m Cà Mau"')
    repo = hostile_repo(tmp_path / "r", registry=registry)
    result = run(["list", "--today", "2026-01-05"], repo)
    assert_no_raw(result.stdout)
    assert "Tỉnh đoàn␛[8m Cà Mau" in result.stdout
    listed = run(["list", "--today", "2026-01-05", "--format", "json"], repo).json()
    assert listed[0]["party_names"][1] == "Tỉnh đoàn\x1b[8m Cà Mau"  # JSON escapes it


def test_list_does_not_read_names_as_rich_markup(tmp_path: Path) -> None:
    name = "Tỉnh đoàn [/x] [link=https://evil.example]Cà Mau[/link]"
    registry = REGISTRY.replace("name: Tỉnh đoàn Cà Mau", f'name: "{name}"')
    repo = hostile_repo(tmp_path / "r", registry=registry)
    result = run(["list", "--today", "2026-01-05"], repo, env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert "Sở Nội vụ; " + name in result.stdout


def test_validate_escapes_file_names_and_quoted_values(tmp_path: Path) -> None:
    name = "x\x1b]0;owned\x07.yaml"
    text = AGREEMENT.replace("kind: chuong-trinh", 'kind: "chuong\\e[2J"')
    repo = write_repo(tmp_path / "r", {name: text})
    result = run(["validate", "--today", "2026-01-05"], repo)
    assert_no_raw(result.stdout + result.stderr)
    assert result.stdout.splitlines()[0].startswith(
        "agreements/x␛]0;owned␇.yaml:2:7: error[PP024] \"kind\" không nhận giá trị "
        "\"chuong␛[2J\"")
    as_json = run(["validate", "--today", "2026-01-05", "--format", "json"], repo)
    assert json.loads(as_json.stdout)[0]["path"] == f"agreements/{name}"


def test_error_messages_escape_what_the_user_typed(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "r")
    result = run(["show", "\x1b]0;x\x07\u202eabc", "--today", "2026-01-05"], repo)
    assert result.exit_code == 2
    assert result.stderr == "ppcli: không có thỏa thuận \"␛]0;x␇<U+202E>abc\"\n"


def _git(repo: Path, *args: str, name: str = "Văn thư") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "vt@snv.gov.vn",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@snv.gov.vn",
           "GIT_AUTHOR_DATE": "2024-01-10T09:00:00+07:00",
           "GIT_COMMITTER_DATE": "2024-01-10T09:00:00+07:00"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_history_escapes_subjects_authors_and_titles(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Thêm\x1b[2J\x1b]0;owned\x07 chương trình",
         name="Kẻ\x1b[31m giả")
    result = run(["history"], repo)
    assert_no_raw(result.stdout)
    lines = result.lines()
    assert lines[0].endswith("  Kẻ␛[31m giả")
    assert lines[1] == "  Thêm␛[2J␛]0;owned␇ chương trình"
