"""Templates run with limits: time, arithmetic, value and output sizes; whatever goes over
ends in one message naming the template, exit 2, no traceback (issue 15.11)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import ROOT, run

from ppcli.drafts import render as render_module

ARGS = ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024", "--format", "md",
        "--today", "2024-12-10"]
TAIL = "; mẫu phải ngắn gọn (giới hạn: {limit} giây, 5 MB); hãy sửa mẫu\n"


def draft(tmp_path: Path, body: str, *extra: str) -> tuple[int, str, Path]:
    template = tmp_path / "evil.md.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "du-thao.md"
    result = run(["render", *ARGS, "--template", str(template), "-o", str(out), *extra], ROOT)
    return result.exit_code, result.stderr, out


def test_nested_loops_stop_at_the_time_limit(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "TIME_LIMIT", 1.0)
    body = ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}"
            "{% endfor %}\n")
    start = time.monotonic()
    code, err, out = draft(tmp_path, body)
    took = time.monotonic() - start
    assert (code, err) == (2, "ppcli: mẫu evil.md.j2:1: dừng vì chạy quá 1 giây"
                              + TAIL.format(limit=1))
    assert 1.0 <= took < 3.0 and not out.exists()


def test_loops_that_print_nothing_stop_too(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "TIME_LIMIT", 1.0)
    code, err, _ = draft(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}"
                                   "{% endfor %}{% endfor %}\n")
    assert (code, err) == (2, "ppcli: mẫu evil.md.j2:1: dừng vì chạy quá 1 giây"
                              + TAIL.format(limit=1))


def test_exponential_macros_stop_at_the_time_limit(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "TIME_LIMIT", 1.0)
    code, err, _ = draft(tmp_path, "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}"
                                   "{% endif %}{% endmacro %}\n{{ f(40) }}\n")
    assert (code, err) == (2, "ppcli: mẫu evil.md.j2:1: dừng vì chạy quá 1 giây"
                              + TAIL.format(limit=1))


LIMITS = {
    "power": ("{{ 9 ** (9 ** 9) }}", "lũy thừa quá lớn"),
    "repeat": ("{{ 'x' * 10**9 }}", "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "repeat-list": ("{{ [0] * 10**9 }}", "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "product": ("{{ (10 ** 20000) * (10 ** 20000) }}", "tích quá lớn"),
    "join": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
             "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "chuỗi ghép vượt quá giới hạn 5 MB"),
    "plus": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
             "{% set ns.s = ns.s + ns.s %}{% endfor %}", "chuỗi ghép vượt quá giới hạn 5 MB"),
    "center": ("{{ 'x'.center(10**9) }}", "đối số 1000000000 lớn quá (giới hạn 100.000)"),
    "center-filter": ("{{ 'x' | center(10**9) }}",
                      "đối số 1000000000 lớn quá (giới hạn 100.000)"),
    "percent-width": ("{{ '%0999999999d' % 1 }}", "định dạng vượt quá giới hạn 5 MB"),
    "star-width": ("{{ '%*d' % (10**9, 1) }}", "đối số 1000000000 lớn quá (giới hạn 100.000)"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "định dạng vượt quá giới hạn 5 MB"),
    "nested-width": ("{{ '{:{}}'.format(1, 10**9) }}",
                     "đối số 1000000000 lớn quá (giới hạn 100.000)"),
    "indent": ("{{ ('a\\n' * 1000) | indent(99999) }}", "kết quả vượt quá giới hạn 5 MB"),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_size_limits(tmp_path: Path, name: str) -> None:
    body, why = LIMITS[name]
    start = time.monotonic()
    code, err, out = draft(tmp_path, body + "\n")
    assert (code, err) == (2, f"ppcli: mẫu evil.md.j2:1: dừng vì {why}" + TAIL.format(limit=10))
    assert time.monotonic() - start < 5 and not out.exists()


def test_output_limit(tmp_path: Path) -> None:
    code, err, out = draft(tmp_path, "{% for i in range(100) %}{{ 'x' * 100000 }}{% endfor %}\n")
    assert (code, err) == (2, "ppcli: mẫu evil.md.j2: dừng vì văn bản mẫu viết ra vượt quá "
                              "giới hạn 5 MB" + TAIL.format(limit=10))
    assert not out.exists()


def test_ordinary_numbers_and_formats_still_work(tmp_path: Path) -> None:
    code, err, out = draft(tmp_path, "{{ '%d' % 5000000 }} {{ '{}'.format(10**7) }} "
                                     "{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ 'a' ~ 'b' }}\n")
    assert code == 0, err
    assert "\n5000000 10000000 1024 ababab ab./.\n" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("body", "english", "vietnamese"), [
    ("{{ 1 / 0 }}", "template evil.md.j2:1: error while running the template "
     "(ZeroDivisionError: division by zero); fix the template",
     "mẫu evil.md.j2:1: lỗi khi chạy mẫu (phép chia cho 0); hãy sửa mẫu"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
     "template evil.md.j2:1: error while running the template (RecursionError: maximum "
     "recursion depth exceeded while calling a Python object); fix the template",
     "mẫu evil.md.j2:1: lỗi khi chạy mẫu (mẫu tự gọi lại quá nhiều lần); hãy sửa mẫu"),
    ("{{ lipsum(100000) }}", "template evil.md.j2:1: missing value \"lipsum\"; fix the "
     "template or the data (ppcli render --check lists the gaps)",
     "mẫu evil.md.j2:1: thiếu dữ liệu \"lipsum\"; sửa mẫu hoặc bổ "
     "sung dữ liệu (ppcli render --check liệt kê những chỗ thiếu)"),
], ids=["zero-division", "recursion", "lipsum"])
def test_other_runtime_errors_are_one_message(tmp_path: Path, body: str, english: str,
                                              vietnamese: str) -> None:
    code, err, out = draft(tmp_path, body + "\n")
    assert (code, err) == (2, f"ppcli: {vietnamese}\n")
    code, err, _ = draft(tmp_path, body + "\n", "--lang", "en")
    assert (code, err) == (2, f"ppcli: {english}\n")
    assert not out.exists()
