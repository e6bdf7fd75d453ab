"""The message catalog of the command line's framework (click and typer): extract, compile.

click and typer mark their user-facing strings for :mod:`gettext` ("Usage:", "No such
option", "Show this message and exit.", the help panels…). ppcli ships their Vietnamese
translation as ``ppcli/locale/vi/LC_MESSAGES/ppcli.po`` and the compiled ``ppcli.mo`` beside
it (both committed, so a plain or non-editable install, on any system, needs no gettext
tools). After editing the .po, run::

    python tools/build_locale.py          # writes ppcli.mo from ppcli.po
    python tools/build_locale.py --check  # exit 1 if ppcli.mo is stale or a string is missing

A test runs the same check.
"""

from __future__ import annotations

import ast
import importlib.util
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "ppcli" / "locale" / "vi" / "LC_MESSAGES" / "ppcli.po"
MO = PO.with_suffix(".mo")
# the framework modules whose gettext strings reach a ppcli user
SOURCES = ("click", "typer")
SKIP = {"testing.py", "_termui_impl.py", "termui.py", "_winconsole.py", "_compat.py"}


def framework_strings() -> dict[str, tuple[str, ...]]:
    """msgid -> () for ``_(…)``/``gettext``, (singular, plural) for ``ngettext(…)``, as
    found in the installed click and typer."""
    found: dict[str, tuple[str, ...]] = {}
    for name in SOURCES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        for path in sorted(Path(spec.origin).parent.glob("*.py")):
            if path.name in SKIP:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                fname = func.id if isinstance(func, ast.Name) else \
                    func.attr if isinstance(func, ast.Attribute) else ""
                texts = [a.value for a in node.args
                         if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if fname in ("_", "gettext") and len(texts) == 1:
                    found.setdefault(texts[0], ())
                elif fname == "ngettext" and len(texts) == 2:
                    found[texts[0]] = (texts[0], texts[1])
    return found


def _unquote(s: str) -> str:
    return ast.literal_eval(s)  # a .po string is a C string; ours use only \" \\ \n


def parse_po(text: str) -> dict[str, list[str]]:
    """msgid (or "singular\\0plural") -> translations (one, or one per plural form)."""
    entries: dict[str, list[str]] = {}
    msgid: list[str] = []
    plural: list[str] = []
    strs: dict[int, list[str]] = {}
    current: list[str] | None = None

    def flush() -> None:
        if msgid or strs:
            key = "".join(msgid)
            if plural:
                key += "\0" + "".join(plural)
            entries[key] = ["".join(strs[i]) for i in sorted(strs)]

    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if not line and (msgid or strs):
                flush()
                msgid, plural, strs, current = [], [], {}, None
            continue
        if line.startswith("msgid_plural "):
            current = plural
            current.append(_unquote(line[13:]))
        elif line.startswith("msgid "):
            current = msgid = [_unquote(line[6:])]
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            current = strs[index] = [_unquote(line[line.index("]") + 2:])]
        elif line.startswith("msgstr "):
            current = strs[0] = [_unquote(line[7:])]
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    return entries


def compile_mo(entries: dict[str, list[str]]) -> bytes:
    """The GNU .mo bytes (little-endian, no hash table) that :mod:`gettext` reads."""
    items = sorted((k.encode("utf-8"), "\0".join(v).encode("utf-8"))
                   for k, v in entries.items() if any(v))
    ids = b"".join(k + b"\0" for k, _ in items)
    strs = b"".join(v + b"\0" for _, v in items)
    n = len(items)
    ids_start = 7 * 4 + 16 * n
    strs_start = ids_start + len(ids)
    table_ids, table_strs = [], []
    offset = 0
    for k, _ in items:
        table_ids += [len(k), ids_start + offset]
        offset += len(k) + 1
    offset = 0
    for _, v in items:
        table_strs += [len(v), strs_start + offset]
        offset += len(v) + 1
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return header + struct.pack(f"<{2 * n}I", *table_ids) + \
        struct.pack(f"<{2 * n}I", *table_strs) + ids + strs


def problems() -> list[str]:
    """What is wrong with the committed catalog: strings of the installed click and typer
    it does not translate, and a .mo that is not the .po compiled."""
    entries = parse_po(PO.read_text(encoding="utf-8"))
    out = []
    for msgid, forms in framework_strings().items():
        key = "\0".join(forms) if forms else msgid
        if not any(entries.get(key, [])):
            out.append(f"not translated: {key!r}")
    if not MO.exists() or MO.read_bytes() != compile_mo(entries):
        out.append(f"{MO.relative_to(ROOT)} is stale: run python tools/build_locale.py")
    return out


def main() -> int:
    if "--check" in sys.argv[1:]:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    if "--missing" in sys.argv[1:]:  # a .po stub of what is missing, to translate
        entries = parse_po(PO.read_text(encoding="utf-8"))
        for msgid, forms in framework_strings().items():
            key = "\0".join(forms) if forms else msgid
            if not any(entries.get(key, [])):
                if forms:
                    print(f"msgid {forms[0]!r}\nmsgid_plural {forms[1]!r}\n"
                          'msgstr[0] ""\n')
                else:
                    print(f"msgid {msgid!r}\nmsgstr \"\"\n")
        return 0
    MO.write_bytes(compile_mo(parse_po(PO.read_text(encoding="utf-8"))))
    print(f"wrote {MO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
