"""Control and bidi characters from data never reach the calendar: an organisation name
holding ESC, an OSC 52 clipboard write, a carriage return, U+202E, an isolate and the C1
controls 0x85 and 0x9b comes out of ``ppcli ics`` without them (security review of issue
15, item 6)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REGISTRY, run, write_repo

NAME = '"Tỉnh đoàn\\e]52;c;QUJD\\a\\e[2J Cà\\rMau\\u202euaM\\u2066x\\u2069\\x85\\x9b1m\\ty"'
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def test_the_calendar_carries_no_control_characters(tmp_path: Path) -> None:
    registry = REGISTRY.replace("    name: Tỉnh đoàn Cà Mau", f"    name: {NAME}")
    repo = write_repo(tmp_path / "kho", registry=registry)
    out = tmp_path / "lich.ics"
    result = run(["ics", "-o", str(out), "--today", "2023-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes().decode("utf-8")
    assert FORBIDDEN.search(data) is None
    assert "\r" not in data.replace("\r\n", "")  # only the line ends of the format
    unfolded = data.replace("\r\n ", "")
    assert ("DESCRIPTION:Hội nghị sơ kết — chủ trì: Sở Nội vụ\\, Tỉnh đoàn]52\\;c\\;QUJD[2J "
            "CàMauuaMx1m\ty\\nHạn: 31/12/2024\\n") in unfolded


def test_ics_to_standard_output_too(tmp_path: Path) -> None:
    registry = REGISTRY.replace("    name: Tỉnh đoàn Cà Mau", f"    name: {NAME}")
    repo = write_repo(tmp_path / "kho", registry=registry)
    result = run(["ics", "-o", "-", "--today", "2023-12-01"], repo)
    assert result.exit_code == 0, result.stderr
    assert FORBIDDEN.search(result.stdout) is None
    assert "Tỉn\n h đoàn]52\\;c\\;QUJD[2J CàMauuaMx1m\ty\\nHạn" in result.stdout
