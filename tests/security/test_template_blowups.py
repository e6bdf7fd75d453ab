"""One-shot blow-ups inside C code are measured before they run: a list or tuple repeated,
joined, formatted, printed or converted is bounded by the size of what it would make, so a
template ends in the template-limit message at once instead of running for a minute and
taking gigabytes (security review of issue 15, item 11)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run

ARGS = ["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2024", "--format", "md",
        "--today", "2024-12-10"]
TAIL = "; mẫu phải ngắn gọn (giới hạn: 10 giây, 5 MB); hãy sửa mẫu\n"
# 4 MB, then a list holding it 8 times, and so on: literals make no copies, so `e` is
# 16 GB when printed while taking a few bytes in memory
SHARED = ('{% set a = ["x" * 4000000] %}{% set b = [a, a, a, a, a, a, a, a] %}'
          "{% set c = [b, b, b, b, b, b, b, b] %}{% set d = [c, c, c, c, c, c, c, c] %}"
          "{% set e = [d, d, d, d, d, d, d, d] %}")
RESULT = "kết quả vượt quá giới hạn 5 MB"


def draft(tmp_path: Path, body: str) -> tuple[int, str, Path]:
    template = tmp_path / "evil.md.j2"
    template.write_text(body + "\n", encoding="utf-8")
    out = tmp_path / "du-thao.md"
    result = run(["render", *ARGS, "--template", str(template), "-o", str(out)], ROOT)
    return result.exit_code, result.stderr, out


CASES = {
    "list-times-int": ('{{ ["x" * 4000000] * 4000000 }}', "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "tuple-times-int": ('{{ ("x" * 4000000,) * 4000000 }}',
                        "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "int-times-list": ('{{ 4000000 * ["x" * 4000000] }}', "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "range-list-times": ("{{ (range(99999) | list) * 1000 }}",
                         "chuỗi lặp lại vượt quá giới hạn 5 MB"),
    "print": (SHARED + "{{ e }}", "giá trị in ra vượt quá giới hạn 5 MB"),
    "percent": (SHARED + "{{ '%s' % e }}", RESULT),
    "percent-tuple": (SHARED + "{{ '%s' % (e,) }}", RESULT),
    "format": (SHARED + "{{ '{}'.format(e) }}", RESULT),
    "format-filter": (SHARED + "{{ '%s' | format(e) }}", RESULT),
    "string": (SHARED + "{{ e | string }}", RESULT),
    "join": (SHARED + "{{ e | join }}", RESULT),
    "join-generator": (SHARED + "{{ e | map('first') | join }}", RESULT),
    "str-join": (SHARED + "{{ ','.join(e) }}", RESULT),
    "tojson": (SHARED + "{{ e | tojson }}", RESULT),
    "pprint": (SHARED + "{{ e | pprint }}", RESULT),
    "escape": (SHARED + "{{ e | e }}", RESULT),
    "sum": (SHARED + "{{ e | sum(start=[]) }}", RESULT),
    "concat": (SHARED + "{{ e ~ 'x' }}", "chuỗi ghép vượt quá giới hạn 5 MB"),
    "plus": (SHARED + "{{ e + e }}", "chuỗi ghép vượt quá giới hạn 5 MB"),
    "namespace": (SHARED + "{% set ns = namespace(v=e) %}{{ ns }}",
                  "giá trị in ra vượt quá giới hạn 5 MB"),
    "set-block": ('{% set a = "x" * 4000000 %}{% set t %}{% for i in range(1000) %}{{ a }}'
                  "{% endfor %}{% endset %}", "văn bản mẫu viết ra vượt quá giới hạn 5 MB"),
    "macro": ('{% set a = "x" * 4000000 %}{% macro m() %}{{ a }}{{ a }}{% endmacro %}'
              "{{ m() | length }}", "văn bản mẫu viết ra vượt quá giới hạn 5 MB"),
    "sort": ("{{ ('x' * 4000000) | sort | length }}",
             "quá nhiều phần tử cho bộ lọc sort (giới hạn 1.000.000)"),
    "list": ("{{ ('x' * 5000000) | list | length }}",
             "quá nhiều phần tử cho bộ lọc list (giới hạn 1.000.000)"),
    "range-list": ("{{ range(10**7) | list }}", "đối số 10000000 lớn quá (giới hạn 100.000)"),
    "expandtabs": ("{{ ('\\t' * 100000).expandtabs(99999) | length }}", RESULT),
    "replace": ("{{ ('x' * 100000).replace('', 'y' * 1000) | length }}", RESULT),
    "replace-filter": ("{{ ('x' * 100000) | replace('', 'y' * 1000) | length }}", RESULT),
    "translate": ("{{ ('x' * 100000).translate({120: 'y' * 1000}) | length }}", RESULT),
    "wordwrap": ("{{ ('x' * 1000) | wordwrap(1, wrapstring='y' * 100000) | length }}", RESULT),
    "urlize": ("{{ ('a.vn ' * 1000) | urlize(target='y' * 100000) | length }}", RESULT),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_blow_ups_are_refused_before_they_run(tmp_path: Path, name: str) -> None:
    body, why = CASES[name]
    start = time.monotonic()
    code, err, out = draft(tmp_path, body)
    assert (code, err) == (2, f"ppcli: mẫu evil.md.j2:1: dừng vì {why}" + TAIL)
    assert time.monotonic() - start < 3 and not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
def test_the_reported_case_ends_at_once_in_little_memory(tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text('{{ ["x" * 4000000] * 4000000 }}\n', encoding="utf-8")
    script = (
        "import resource, sys\n"
        "from typer.testing import CliRunner\n"
        "from ppcli.cli.everyday import app\n"
        f"r = CliRunner().invoke(app, ['--repo', {str(ROOT)!r}, 'render', *{ARGS!r}, "
        f"'--template', {str(template)!r}, '-o', '-'])\n"
        "print(r.exit_code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)
    took = time.monotonic() - start
    code, peak = done.stdout.split()
    kib = 1024 if sys.platform == "darwin" else 1  # ru_maxrss: bytes on macOS
    assert code == "2" and int(peak) // kib < 300 * 1024 and took < 5, (done.stdout, took)


def test_ordinary_lists_still_work(tmp_path: Path) -> None:
    code, err, out = draft(tmp_path, "{{ [1, 2] * 3 }} {{ ['a', 'b'] | join(', ') }} "
                                     "{{ '%s-%s' % ('x', 'y') }} {{ {'k': [1]} | tojson }} "
                                     "{{ (range(5) | list) | sum }} {{ [[1], [2]] | sum(start=[]) }}")
    assert code == 0, err
    assert '\n[1, 2, 1, 2, 1, 2] a, b x-y {"k": [1]} 10 [1, 2]./.\n' in \
        out.read_text(encoding="utf-8")
