"""The README's examples run: every ``ppcli …`` command line in README.md (in the code
blocks and in the command table, placeholders filled with the bundled agreements' codes)
runs without a usage error (exit status 2) or a traceback, in a temporary copy of the
repository so nothing is written to the checkout."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, ROOT, run

AGREEMENT = "cm-snv-tinhdoan-2022-2026"
# what a clerk would type for each placeholder of the README
FILLED = {
    "MÃ": AGREEMENT, "NGHĨA_VỤ": "bao-cao-nam", "VIỆC": "bao-cao-nam", "KỲ": "2026",
    "NGÀY": "2026-11-20", "SỐ_NGÀY": "30", "HỘI_NGHỊ": "so-ket-2024", "BÊN": "so-noi-vu-ca-mau",
    "REV": "HEAD", "<commit>": "HEAD", "THƯ_MỤC": "kho-moi", "TÊN": "Văn thư",
    "TỆP…": f"agreements/ca-mau/{AGREEMENT}.yaml", "A": "so-noi-vu-ca-mau",
    "B": "tinh-doan-ca-mau", "NĂM": "2026",
    "VĂN_BẢN": str(ROOT / "tests" / "data" / "import" / "003_ccba886bb820e12a.txt"),
}
# the values of options written "…" (`ppcli new`, `ppcli init`), by the option before them
NEW_VALUES = {"--title": "Quy chế mẫu", "--kind": "quy-che", "--start": "2026-01-01",
              "--end": "2026-12-31", "--dir": "ca-mau", "--default-deadline": "khong"}


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [m for m in re.findall(r"`(ppcli [^`]*)`", text)]
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if "ppcli " in line or line.endswith("ppcli"):
                lines.append(line[line.index("ppcli"):] if "ppcli " in line else "ppcli")
    return list(dict.fromkeys(lines))


def concrete(line: str) -> list[str]:
    """The command line's words, each placeholder filled, each option of ``[…]`` given,
    the first of ``a|b`` alternatives taken."""
    line = line.replace("\\|", "|")
    line = re.sub(r"\[([^\[\]]*(?:\[[^\]]*\])?[^\[\]]*)\]", r"\1", line)  # [x] -> x
    line = line.replace("[", "").replace("]", "")
    words = shlex.split(line)[1:]
    out: list[str] = []
    for i, word in enumerate(words):
        if "|" in word:
            word = word.split("|")[0]
        if word in ("…", "\"…\"") and out:
            word = NEW_VALUES[out[-1]]
        if words[0] == "new" and i == 1:
            word = "cm-moi-2026"
        out.append(FILLED.get(word, word))
    return out


def test_the_readme_has_examples() -> None:
    found = readme_commands()
    assert "ppcli due" in found and len(found) > 15, found
    assert concrete("ppcli record report MÃ NGHĨA_VỤ KỲ --on NGÀY [--number \"12/BC-SNV\"]") == \
        ["record", "report", AGREEMENT, "bao-cao-nam", "2026", "--on", "2026-11-20",
         "--number", "12/BC-SNV"]
    assert concrete("ppcli schema [agreement\\|registry\\|config]") == ["schema", "agreement"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "agreements", root / "agreements")
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "các thỏa thuận mẫu"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    return root


@pytest.fixture
def copy(template: Path, tmp_path: Path) -> Path:
    """A fresh copy for each example: one example's record or draft is not the next's."""
    shutil.copytree(template, tmp_path / "kho")
    return tmp_path / "kho"


@pytest.mark.parametrize("line", readme_commands())
def test_a_readme_example_runs(line: str, copy: Path, monkeypatch: pytest.MonkeyPatch
                               ) -> None:
    monkeypatch.chdir(copy)
    monkeypatch.delenv("PPCLI_REPO", raising=False)
    result = run(concrete(line), env=GIT_IDENTITY)
    assert "Traceback" not in result.stderr
    assert result.exit_code != 2, (line, result.stderr)
