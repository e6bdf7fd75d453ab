"""Whatever bytes a clerk saves, validate answers with a clear line, never a traceback."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from conftest import AGREEMENT, run, write_repo


def validate_one(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    repo = write_repo(tmp_path / "r", {name: content})
    result = run(["validate", f"{repo}/agreements/{name}"], repo)
    assert result.exit_code in (0, 1), result.stderr
    return result.lines()


def test_empty_file(tmp_path: Path) -> None:
    assert validate_one(tmp_path, "a.yaml", b"") == [
        "agreements/a.yaml:1:1: error[PP005] tệp trống: chưa có nội dung nào"]


def test_only_comments_is_empty(tmp_path: Path) -> None:
    assert validate_one(tmp_path, "a.yaml", "# chỉ có chú thích\n") == [
        "agreements/a.yaml:1:1: error[PP005] tệp trống: chưa có nội dung nào"]


def test_windows_1258_file_says_save_as_utf8(tmp_path: Path) -> None:
    lines = validate_one(tmp_path, "a.yaml", "id: a\ntitle: Quy chê\n".encode("cp1258"))
    assert lines == [
        "agreements/a.yaml:2:14: error[PP001] tệp không phải văn bản UTF-8 (byte không hợp lệ "
        "0xEA); có thể tệp đang ở bảng mã Windows-1258 hoặc TCVN3. Hãy mở tệp và lưu lại với "
        "bảng mã UTF-8 (git chỉ so sánh được tệp UTF-8)"]


def test_utf16_from_notepad(tmp_path: Path) -> None:
    for data in ("id: a\n".encode("utf-16"), "id: a\n".encode("utf-16-le")):
        lines = validate_one(tmp_path, "a.yaml", data)
        assert len(lines) == 1
        assert lines[0].startswith("agreements/a.yaml:1:1: error[PP002] tệp được lưu ở bảng mã UTF-16")


def test_binary_file(tmp_path: Path) -> None:
    lines = validate_one(tmp_path, "a.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert len(lines) == 1 and "error[PP003] tệp nhị phân" in lines[0]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + AGREEMENT.replace("\n", "\r\n").encode("utf-8")
    assert validate_one(tmp_path, "ct-2022.yaml", data) == []


def test_bom_does_not_shift_columns(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"id: a\nkind: quy-chee\n"
    lines = validate_one(tmp_path, "a.yaml", data)
    assert lines[0].startswith("agreements/a.yaml:1:1: error[PP021]")
    assert "agreements/a.yaml:2:7: error[PP024]" in "\n".join(lines)


def test_huge_file_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused by its size, before its 50 MB are read into memory."""
    import ppcli.files.safe_read

    read: list[int] = []
    real_read = os.read

    def watched_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(ppcli.files.safe_read.os, "read", watched_read)
    lines = validate_one(tmp_path, "a.yaml", b"notes: '" + b"x" * (50 * 1024 * 1024) + b"'\n")
    assert lines == ["agreements/a.yaml:1:1: error[PP004] tệp quá lớn (50.0 MB; giới hạn 2 MB "
                     "cho một tệp thỏa thuận). Hãy tách thành nhiều tệp"]
    assert read  # the watch works: the small files are read this way
    assert sum(read) < 64 * 1024  # only they: none of the 50 MB


def test_recursive_alias(tmp_path: Path) -> None:
    lines = validate_one(tmp_path, "a.yaml", "a: &x [1, *x]\n")
    assert len(lines) == 1 and ":1:4: error[PP013]" in lines[0]


def test_billion_laughs(tmp_path: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        rows.append(f"{name}: &{name} [" + ",".join(["*" + prev] * 9) + "]")
        prev = name
    lines = validate_one(tmp_path, "a.yaml", "\n".join(rows) + "\n")
    assert lines == ["agreements/a.yaml:1:1: error[PP014] bí danh (alias) bung ra quá nhiều nút "
                     "(hơn 100000); tệp có thể là \"billion laughs\". Hãy viết trực tiếp, không "
                     "dùng bí danh lồng nhau"]


def test_top_level_list_and_scalar(tmp_path: Path) -> None:
    assert validate_one(tmp_path, "a.yaml", "- a\n- b\n") == [
        "agreements/a.yaml:1:1: error[PP020] nội dung chính của tệp phải là một bảng khóa: "
        "giá trị (mapping), không phải một danh sách"]
    assert validate_one(tmp_path, "b.yaml", "chỉ là chữ\n") == [
        "agreements/b.yaml:1:1: error[PP020] nội dung chính của tệp phải là một bảng khóa: "
        "giá trị (mapping), không phải chữ"]


def test_tab_indentation(tmp_path: Path) -> None:
    assert validate_one(tmp_path, "a.yaml", "id: a\nparties:\n\t- org: x\n") == [
        "agreements/a.yaml:3:1: error[PP011] có ký tự Tab; YAML không cho phép Tab để thụt lề. "
        "Hãy thay bằng dấu cách"]


def test_syntax_error_in_vietnamese(tmp_path: Path) -> None:
    assert validate_one(tmp_path, "a.yaml", "id: a\ntitle: Quy chế: phối hợp\n") == [
        "agreements/a.yaml:2:15: error[PP010] lỗi cú pháp YAML: dấu hai chấm ở chỗ không được "
        "phép (thường do quên dấu cách sau \"khóa:\" hoặc giá trị có \": \" cần đặt trong "
        "ngoặc kép)"]


def test_two_documents(tmp_path: Path) -> None:
    lines = validate_one(tmp_path, "a.yaml", "id: a\n---\nid: b\n")
    assert lines == ["agreements/a.yaml:2:1: error[PP016] tệp có nhiều tài liệu YAML (dấu ---); "
                     "mỗi tệp chỉ được có một"]


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = ("id: a\nkind: quy-che\ntitle: x\nparties:\n  - &p {org: ubnd-ca-mau}\n"
            "  - <<: *p\n    role: phối hợp\n")
    assert validate_one(tmp_path, "a.yaml", text) == [
        "agreements/a.yaml:6:5: error[PP015] khóa gộp \"<<\" không được hỗ trợ; hãy viết đầy đủ "
        "các khóa",
        "agreements/a.yaml:6:5: error[PP021] thiếu trường bắt buộc \"org\" (Mã tổ chức trong "
        "danh mục organisations.yaml)"]


def test_remembered_tags_are_pyyamls_tags_the_first_time_and_after() -> None:
    """ppcli's resolver remembers the tag of each short plain scalar: a text met again
    (in the same file or the next) gets the tag PyYAML's own resolver gives it."""
    import yaml

    from ppcli.files import yamlsource

    traps = ("[yes, No, on, OFF, y, n, true, ~, null, '', 0o17, 017, 0x1F, 1_000, 1:20, 3.5, "
             ".inf, -.Inf, .nan, 2024-01-02, 2024-1-2, 2024-01-02T10:00:00Z, '2024', \"yes\", "
             "1e3, +12, -0, 0b101, 190:20:30, '=', Yes, ca-mau, 12ab, " + "9" * 60 + "]")

    def tags(node: yaml.Node) -> list[tuple[str, str]]:
        return [(item.value, item.tag) for item in node.value]

    expected = tags(yaml.compose(traps, Loader=yaml.SafeLoader))
    assert ("017", "tag:yaml.org,2002:int") in expected and ("yes", yamlsource.BOOL) in expected
    for _ in range(2):  # learnt, then remembered
        node = yamlsource.compose(traps)
        assert node is not None and tags(node) == expected
