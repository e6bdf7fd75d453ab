"""Read a YAML file safely into a tree of nodes that remember where they were written.

PyYAML's constructors throw positions away and keep the last of two duplicate keys in
silence, so ppcli composes the node graph with the safe (C, when available) parser and
converts it itself. On the way it refuses what a clerk cannot have meant: bytes that
are not UTF-8, binary files, huge files, recursive aliases and alias bombs, several
documents in one file, merge keys and duplicate keys. Nothing here raises on bad input:
every function returns diagnostics.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import yaml

from ppcli.diagnostics import Diagnostic, diag
from ppcli.files.safe_read import MAX_BYTES, FileTooLarge, LinkRefused, NotRegularFile, read_bounded
from ppcli.i18n import Label

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

try:  # the C parser is ~10x faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_IMPLICIT = {first: tuple(rules) for first, rules
             in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


# the tags of short plain scalars met so far (keys, dates, ids, numbers: most of a file's
# scalars, each met in many files): a lookup instead of up to four regular expressions
_TAGS: dict[str, str] = {}
_TAG_TEXT = 40  # longer texts (titles, notes) are rarely repeated: not kept
_TAG_COUNT = 50_000


class Loader(_BaseLoader):
    """The safe loader with PyYAML's own YAML 1.1 implicit typing, resolved with a
    lookup table instead of the general resolver (no path resolvers are registered):
    the resolver is called for every scalar, and this one is about three times faster.
    The same tags come out (tests/test_files.py checks the YAML 1.1 traps)."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]
                ) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                tag = _TAGS.get(value)  # the same text always has the same tag
                if tag is None:
                    tag = STR
                    for rule, regexp in _IMPLICIT.get(value[:1], ()):
                        if regexp.match(value):
                            tag = str(rule)
                            break
                    if len(value) <= _TAG_TEXT and len(_TAGS) < _TAG_COUNT:
                        _TAGS[value] = tag
                return tag
            return STR
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, current_node: yaml.Node | None, current_index: object
                         ) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

MAX_NODES = 100_000  # after alias expansion



Node = yaml.Node  # PyYAML's nodes keep their marks: ppcli checks them directly


@dataclass
class Source:
    """A file's text and its node tree (None when the file could not be parsed)."""

    path: str  # as shown in diagnostics: relative to the repository, '/' separators
    text: str
    root: Node | None


def position(node: Node) -> tuple[int, int]:
    """1-based line and column where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def is_plain(node: yaml.ScalarNode) -> bool:
    """Unquoted: YAML's implicit typing applied to it."""
    return not node.style


ScalarValue = str | bool | int | float | dt.date | None  # datetime is a date


def scalar_value(node: yaml.ScalarNode) -> ScalarValue:
    """What YAML 1.1 makes of a scalar: str, bool, int, float, date, datetime or None.
    A value that resolves to a type but does not construct (``2023-02-30``) stays text."""
    if node.tag == STR:
        return str(node.value)
    try:
        return cast(ScalarValue,
                    _constructor.yaml_constructors[node.tag](_constructor, node))
    except (yaml.constructor.ConstructorError, KeyError, ValueError, OverflowError):
        return str(node.value)


_constructor = yaml.constructor.SafeConstructor()


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or a diagnostic saying why it is not UTF-8 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [diag(path, 1, 1, "PP002")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        # UTF-16 without a byte-order mark is mostly NULs between ASCII letters
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            return None, [diag(path, 1, 1, "PP002")]
        line, col = _position(data, nul)
        return None, [diag(path, line, col, "PP003")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        return None, [diag(path, line, col, "PP001", byte=f"{data[exc.start]:02X}")]
    return text, []


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as far as they decode) of a byte."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(prefix) + 1


KINDS = {"fifo": Label("một ống dẫn (FIFO)", "a pipe (FIFO)"),
         "device": Label("một thiết bị", "a device"),
         "socket": Label("một socket", "a socket"),
         "folder": Label("một thư mục", "a folder"),
         "other": Label("một loại tệp đặc biệt", "a special file")}


def read_file(file: Path, shown: str) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one YAML file; ``shown`` is the path printed in diagnostics."""
    data, diags = read_checked(file, shown)
    if data is None:
        return None, diags
    return parse_bytes(shown, data)


def read_checked(file: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A file's bytes through :func:`ppcli.files.safe_read.read_bounded`, or the diagnostic
    saying why not (not a regular file, too large, unreadable)."""
    try:
        return read_bounded(file, MAX_BYTES, follow_links=False), []
    except LinkRefused:
        return None, [diag(shown, 1, 1, "PP008")]
    except NotRegularFile as exc:
        return None, [diag(shown, 1, 1, "PP007", kind=KINDS[exc.kind])]
    except FileTooLarge as exc:
        return None, [too_large(shown, exc.size)]
    except OSError as exc:
        return None, [diag(shown, 1, 1, "PP006", reason=exc.strerror or str(exc))]


def too_large(shown: str, size: int) -> Diagnostic:
    return diag(shown, 1, 1, "PP004", size=f"{size / 1048576:.1f}",
                limit=MAX_BYTES // 1048576)


def parse_bytes(shown: str, data: bytes) -> tuple[Source | None, list[Diagnostic]]:
    if len(data) > MAX_BYTES:
        return None, [too_large(shown, len(data))]
    text, diags = decode(shown, data)
    if text is None:
        return None, diags
    return parse_text(shown, text)


def compose(text: str) -> Node | None:
    """The node tree of a text (None for an empty document); raises yaml.YAMLError."""
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_events(text: str) -> Iterator[yaml.Event]:
    """The parser's events for a text, with ppcli's typing; raises yaml.YAMLError."""
    return yaml.parse(text, Loader=Loader)


def parse_text(shown: str, text: str) -> tuple[Source, list[Diagnostic]]:
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        return Source(shown, text, None), [_syntax_diag(shown, text, exc)]
    except yaml.YAMLError as exc:
        return Source(shown, text, None), [diag(shown, 1, 1, "PP010", problem=str(exc))]
    if node is None:
        return Source(shown, text, None), [diag(shown, 1, 1, "PP005")]
    if "&" in text:  # no anchor, no alias: the check costs nothing for most files
        problem = _alias_problem(shown, node)
        if problem is not None:
            return Source(shown, text, None), [problem]
    return Source(shown, text, node), []


def _syntax_diag(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    lines = text.splitlines()
    at = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    if at == "\t" or "'\\t'" in problem:
        return diag(path, line, col, "PP011")
    if "but found another document" in problem:
        return diag(path, line, col, "PP016")
    text = _SYNTAX_VI.get(problem, problem)
    if exc.context and problem not in _SYNTAX_VI:
        text = f"{exc.context}: {problem}"
    return diag(path, line, col, "PP010", problem=text)


# The messages a clerk actually meets, said in Vietnamese with the usual cause.
_COLON = ("dấu hai chấm ở chỗ không được phép (thường do quên dấu cách sau \"khóa:\" "
          "hoặc giá trị có \": \" cần đặt trong ngoặc kép)")
_SYNTAX_VI = {  # both the C and the pure-Python parser's wordings
    "mapping values are not allowed here": _COLON,
    "mapping values are not allowed in this context": _COLON,
    "could not find expected ':'":
        "thiếu dấu hai chấm sau khóa (mỗi dòng phải có dạng \"khóa: giá trị\")",
    "found unexpected end of stream":
        "tệp kết thúc khi ngoặc kép hoặc ngoặc chưa được đóng",
    "did not find expected key":
        "thụt lề không khớp: dòng này không thẳng hàng với các khóa cùng cấp",
    "did not find expected '-' indicator":
        "thụt lề không khớp trong danh sách: mỗi mục phải bắt đầu bằng \"- \" thẳng hàng",
    "expected <block end>, but found '<block sequence start>'":
        "thụt lề không khớp: mục danh sách \"- \" lệch so với các mục khác",
    "expected <block end>, but found '<block mapping start>'":
        "thụt lề không khớp: dòng này thụt vào sâu hơn các khóa cùng cấp",
}


def _alias_problem(path: str, root: Node) -> Diagnostic | None:
    """A recursive alias, or aliases that expand past MAX_NODES (a "billion laughs").

    The expanded size is memoised per node, so measuring a bomb costs its own size."""
    sizes: dict[int, int] = {}
    stack: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in stack:
            raise _Recursive(node)
        stack.add(key)
        total = 1
        children: list[Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                break
        stack.discard(key)
        sizes[key] = total
        return total

    try:
        if size(root) > MAX_NODES:
            line, col = position(root)
            return diag(path, line, col, "PP014", limit=MAX_NODES)
    except _Recursive as exc:
        line, col = position(exc.node)
        return diag(path, line, col, "PP013")
    return None


class _Recursive(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node
