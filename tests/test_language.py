"""Vietnamese everywhere by default, English everywhere with ``--lang en``: every help
screen and the usual mistakes, in both languages, hold no word of the other language.

Help texts and click's strings are chosen once per process (before typer renders), so
each language is walked in its own interpreter (two subprocesses for the whole walk)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

sys.path.insert(0, str(ROOT / "tools"))
import build_locale  # noqa: E402

# the letters only Vietnamese writes (a, e, o, u, i, y with a tone or a hat, đ)
VIETNAMESE = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữ"
                        "ỳýỵỷỹđ]", re.IGNORECASE)
# words that give English away in a Vietnamese screen (whole words, as written)
ENGLISH = re.compile(r"\b(Usage|Options|Arguments|Commands|Error|Show|message|exit|default|"
                     r"required|Missing|Invalid|invalid|No such|Did you mean|Possible|Try|"
                     r"for help|TEXT|INTEGER|PATH|FILE|DATE|not one of|the|and|or|of|to|is|"
                     r"with|from|only|value|argument|option|command|file|folder|days?|integer|range|float|OPTIONS|COMMAND|ARGS)\b")

MISTAKES = [
    ["rendr"],                                  # a misspelt command
    ["record", "rport"],                        # a misspelt subcommand
    ["due", "--formt", "table"],                # a misspelt option
    ["render", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "--format", "pdf"],  # bad choice
    ["due", "--within", "abc"],                 # not a number
    ["due", "--within", "9999"],                # out of range
    ["show"],                                   # a missing argument
    ["record", "report", "cm-snv-tinhdoan-2022-2026"],  # missing arguments
    ["new", "x"],                               # a missing option
    ["due", "--today", "2026-13-45"],           # a bad date
    ["history", "--since", "hôm qua"],          # a bad date in another option
    ["show", "khong-co"],                       # an unknown agreement
    ["history", "khong-co"],
    ["due", "--party", "khong-co"],             # an unknown organisation
    ["record", "reminder", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2025",
     "--kind", "nhac"],                          # a reminder kind that is not one
    ["record", "extension", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2025"],  # no --until
    ["stats", "--year", "20x5"],                # not a year
    ["stats", "--party", "khong-co"],           # an unknown organisation
    ["diff", "a", "b", "c"],                    # too many arguments
    ["due", "--fail-on-overdue=maybe"],         # a flag given a value
    ["import", "khong-co.docx"],                # a document that is not there
    ["import", "ban-cu.doc"],                   # a type import does not read
    ["chase", "cm-snv-tinhdoan-2022-2026", "--format", "pdf"],      # the letter: bad choice
    ["chase", "cm-snv-tinhdoan-2022-2026", "--reply-days", "0"],    # out of range
    ["chase", "cm-snv-tinhdoan-2022-2026", "--reply-by", "mai"],    # a bad date
    ["dossier", "cm-snv-tinhdoan-2022-2026", "--format", "xlsx"],   # the index: bad choice
]

WALKER = """
import json, sys
lang, repo, mistakes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
try:
    from ppcli.cli import language
    language.activate(lang)
except ImportError:  # a ppcli from before the catalog: shows what the test finds there
    pass
from ppcli.cli import everyday  # noqa: F401
from ppcli.cli.options import app
import typer
from typer.testing import CliRunner

def walk(prefix, group):
    for name, cmd in group.commands.items():
        if not cmd.hidden:
            yield [*prefix, name]
            if hasattr(cmd, "commands"):
                yield from walk([*prefix, name], cmd)

runs = [[], ["--help"]] + [[*c, "--help"] for c in walk([], typer.main.get_command(app))]
runs += [["--repo", repo, *m] for m in mistakes]
out = []
for args in runs:
    r = CliRunner().invoke(app, ["--lang", lang, *args], env={"NO_COLOR": "1",
                           "COLUMNS": "100", "PPCLI_LANG": ""})
    out.append([args, r.exit_code, r.stdout + r.stderr, repr(r.exception)
                if r.exception and not isinstance(r.exception, SystemExit) else ""])
print(json.dumps(out))
"""


def walk(lang: str, repo: Path, source: Path = ROOT) -> list[list[object]]:
    env = {**os.environ, "PYTHONPATH": str(source), "PPCLI_LANG": ""}
    proc = subprocess.run([sys.executable, "-c", WALKER, lang, str(repo),
                           json.dumps(MISTAKES)], capture_output=True, text=True,
                          encoding="utf-8", env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    result: list[list[object]] = json.loads(proc.stdout)
    return result


def foreign(lang: str, text: str) -> list[str]:
    """The words of the other language in ``text`` (option names, choices, codes and the
    quoted input are the user's own words: left out)."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|--[\w-]+|-\w\b|\[[a-z|]+\]|\{[^}]*\}", " ", text)
    if lang == "en":
        return sorted({w for w in re.findall(r"\w+", text) if VIETNAMESE.search(w)})
    return sorted(set(ENGLISH.findall(text)))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import GIT_IDENTITY

    copy = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "agreements", copy / "agreements")
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "các thỏa thuận mẫu"]):
        subprocess.run(["git", *args], cwd=copy, env=env, check=True)
    return copy


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_and_mistakes_speak_one_language(lang: str, bundled: Path) -> None:
    screens = walk(lang, bundled)
    assert len(screens) > 2 + 17 + len(MISTAKES) - 1  # every command was walked
    walked = {" ".join(map(str, args)) for args, _, _, _ in screens}
    assert {"stats --help", "record extension --help", "record reminder --help"} <= walked
    wrong = {" ".join(map(str, args)): foreign(lang, text)
             for args, _, text, _ in screens if foreign(lang, str(text))}
    assert wrong == {}
    for args, status, text, exc in screens:
        assert exc == "" and "Traceback" not in str(text), (args, text)
        if args and args[0] == "--repo":  # a mistake: said, exit 2
            assert status == 2, (args, status, text)


def test_the_walk_finds_the_other_language() -> None:
    """The check can fail: an English help line in a Vietnamese screen, a Vietnamese word
    in an English one."""
    assert foreign("vi", "Cách dùng: ppcli due\nShow this message and exit.") == \
        ["Show", "and", "exit", "message"]
    assert foreign("en", "Usage: ppcli due\nThỏa thuận hết hiệu lực") == \
        ["Thỏa", "hiệu", "hết", "lực", "thuận"]
    assert foreign("vi", "Không có tùy chọn --formt. Có phải ý bạn là --format?") == []


def test_usage_errors_in_each_language() -> None:
    """click's own messages come from the catalog: exact lines (in this process the
    catalog speaks Vietnamese, as a real run without --lang)."""
    result = run(["due", "--formt", "table"])
    assert result.exit_code == 2
    assert "Không có tùy chọn --formt. Có phải ý bạn là --format?" in result.stderr
    assert "Cách dùng: " in result.stderr
    result = run(["rendr"])
    assert "Không có lệnh 'rendr'. Có phải ý bạn là 'render'?" in result.stderr


def test_a_real_run_in_english(bundled: Path) -> None:
    """The installed entry point, in English, end to end: help and a mistake."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PPCLI_LANG": ""}
    proc = subprocess.run([sys.executable, "-m", "ppcli", "show", "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          check=False)
    assert proc.returncode == 2
    assert "Usage: " in proc.stderr and "Missing argument 'CODE'." in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ppcli", "--help"], capture_output=True,
                          text=True, encoding="utf-8", env={**env, "PPCLI_LANG": "en"},
                          check=False)
    assert "Show this message and exit." in proc.stdout and not foreign("en", proc.stdout)


def test_the_catalog_is_complete_and_compiled() -> None:
    """Every gettext string of the installed click and typer has its Vietnamese, and the
    committed .mo is the .po compiled (python tools/build_locale.py)."""
    assert build_locale.problems() == []


def test_english_listings_say_the_end_of_an_agreement_in_english(bundled: Path) -> None:
    result = run(["--lang", "en", "due", "--today", "2026-11-01"], bundled)
    assert "Agreement ends: prepare the review and a new agreement — parties:" in result.stdout
    assert "Thỏa thuận hết hiệu lực" not in result.stdout
    result = run(["due", "--today", "2026-11-01"], bundled)
    assert "Thỏa thuận hết hiệu lực: chuẩn bị tổng kết và thỏa thuận mới — các bên:" in \
        result.stdout


@pytest.mark.parametrize(("template", "vi", "en"), [
    ("{{ agreement.khongco.x }}\n", "mẫu t.j2:1: thiếu dữ liệu \"khongco\"; sửa mẫu",
     "template t.j2:1: missing value \"khongco\"; fix the template"),
    ("{{ agreement.title | khongco }}\n", "lỗi cú pháp Jinja: không có bộ lọc \"khongco\"",
     "Jinja syntax error: No filter named 'khongco'."),
    ("{% for x in y %}\n", "lỗi cú pháp Jinja: mẫu hết mà khối chưa đóng (cần 'endfor' "
     "hoặc 'else')", "Jinja syntax error: Unexpected end of template."),
])
def test_template_errors_in_the_clerk_s_words(template: str, vi: str, en: str,
                                             bundled: Path, tmp_path: Path) -> None:
    """Not "'dict object' has no attribute" in a Vietnamese message."""
    path = tmp_path / "t.j2"
    path.write_text(template, encoding="utf-8")
    args = ["render", "cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2025", "--format", "md",
            "-o", "-", "--template", str(path)]
    said = run(args, bundled)
    assert said.exit_code == 2 and vi in said.stderr, said.stderr
    assert not foreign("vi", said.stderr.replace(str(path), "t.j2"))
    said = run(["--lang", "en", *args], bundled)
    assert said.exit_code == 2 and en in said.stderr, said.stderr


def test_due_json_words_follow_the_language(bundled: Path) -> None:
    """JSON keys and codes are fixed; ppcli's own words in it (the rule, the notes, an
    agreement's end) follow --lang."""
    vi = run(["due", "--today", "2026-11-01", "--format", "json"], bundled).json()
    en = run(["--lang", "en", "due", "--today", "2026-11-01", "--format", "json"],
             bundled).json()
    assert [i["status"] for i in vi] == [i["status"] for i in en]
    rules = [i["rule"] for i in en if i["rule"]]
    assert rules and not any(VIETNAMESE.search(r) for r in rules), rules[:3]
    assert any(VIETNAMESE.search(i["rule"]) for i in vi if i["rule"])
    ends = [i["title"] for i in en if i["type"] == "expiry"]
    assert ends == ["Agreement ends: prepare the review and a new agreement"] * len(ends)
    assert ends
    notes = [n for i in en for n in i["notes"]]
    assert notes and any("; successor: " in n for n in notes), notes[:3]  # the English note
