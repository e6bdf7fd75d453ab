"""Where each value of a file was written: :class:`Where`, the side map of positions
that the loader fills while it builds the model, and that checks ask when they point at a
value."""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

    from ppcli.files.scalars import Context

Pos = tuple[int, int]
Path = tuple[str | int, ...]


class Where:
    """A file, and where each value of it was written: the side map of positions that
    diagnostics point at, filled by the loader in the same pass that checks and builds
    the model (:func:`ppcli.files.spec.load`); the text is neither kept nor read again.

    The map is a tree laid out in one array of 4-byte ints (``marks``) rather than a dict
    of paths (twenty times the memory). Every mapping or list read is a *container*:
    ``[its position, its code, one slot per key or item...]``. A mapping's code is its
    layout (the declaration's order of keys, :meth:`ppcli.files.spec.Obj.slots`) and a
    list's is its length. A slot is 0 (not written), the packed line and column of a value
    (line << 12 | column; past line 524,287 or column 4,095, 1 and the pair kept aside), or,
    for a value that is itself a container, minus its offset.

    Paths given to :meth:`at` are the model's (``("records", 3, "date")``: the fourth
    record of ``Agreement.records``); they differ from the written ones only where the
    loader dropped items that failed their checks, which :meth:`written` accounts for.
    The container at offset 0 is the file's top level."""

    __slots__ = ("file", "marks", "_layouts", "_kept", "_wide", "_layout_ids")

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks = array("i")
        self._wide: dict[int, Pos] = {}  # slot -> a position too large to pack
        self._layouts: list[Mapping[str, int]] = []
        # written path of a list -> the written index of each item kept in the model,
        # only for lists some of whose items were dropped
        self._kept: dict[Path, tuple[int, ...]] = {}
        self._layout_ids: dict[int, int] = {}  # while loading: id() of a layout -> its number

    def __repr__(self) -> str:
        return f"Where({self.file!r})"

    def __eq__(self, other: object) -> bool:  # where a value was read is not part of it
        return isinstance(other, Where) and other.file == self.file

    def __hash__(self) -> int:
        return hash(self.file)

    def __getstate__(self) -> tuple[str, array[int], list[Mapping[str, int]],
                                    dict[Path, tuple[int, ...]], dict[int, Pos]]:
        return self.file, self.marks, self._layouts, self._kept, self._wide

    def __setstate__(self, state: tuple[str, array[int], list[Mapping[str, int]],
                                        dict[Path, tuple[int, ...]], dict[int, Pos]]
                     ) -> None:
        self.file, self.marks, self._layouts, self._kept, self._wide = state
        self._layout_ids = {}

    # -- filled by the loader ----------------------------------------------------------

    def open_map(self, node: yaml.MappingNode, layout: Mapping[str, int],
                 ctx: Context) -> int:
        """A container for a mapping with ``layout``'s keys, linked from the slot
        ``ctx.link``; the offset of its first key's slot."""
        number = self._layout_ids.get(id(layout))
        if number is None:
            number = self._layout_ids[id(layout)] = len(self._layouts)
            self._layouts.append(layout)
        marks = self.marks  # _open, written out: once per mapping of every file
        offset = len(marks)
        if ctx.link >= 0:
            marks[ctx.link] = -offset
            ctx.link = -1
        marks.append(0)
        self.note(offset, node)
        marks.append(number << 1 | 1)
        size = len(layout)
        marks.extend(_ZEROS[:size] if size <= len(_ZEROS) else array("i", bytes(4 * size)))
        return offset + 2

    def open_list(self, node: yaml.SequenceNode, ctx: Context) -> int:
        """A container for a list, linked from the slot ``ctx.link``; the offset of its
        first item's slot."""
        return self._open(node, len(node.value) << 1, len(node.value), ctx)

    def _open(self, node: yaml.Node, code: int, size: int, ctx: Context) -> int:
        marks = self.marks
        offset = len(marks)
        if ctx.link >= 0:
            marks[ctx.link] = -offset
            ctx.link = -1
        marks.append(0)
        self.note(offset, node)
        marks.append(code)
        marks.extend(_ZEROS[:size] if size <= len(_ZEROS) else array("i", bytes(4 * size)))
        return offset + 2

    def note(self, slot: int, node: yaml.Node) -> None:
        """Where the value of ``slot`` (a key's or an item's) was written."""
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        if line < LINE_LIMIT and column < COLUMN_LIMIT:
            self.marks[slot] = line << 12 | column
        else:  # a very long file or line: kept aside
            self.marks[slot] = _WIDE
            self._wide[slot] = (line, column)

    def renumber(self, path: Path, kept: list[int]) -> None:
        """The list at the written ``path`` keeps only these items (by written index)."""
        self._kept[path] = tuple(kept)

    # -- read by the checks --------------------------------------------------------------

    def written(self, path: Path) -> Path:
        """The path as written for a path in the model."""
        if not self._kept:
            return path
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                kept = self._kept.get(tuple(out))
                if kept is not None and part < len(kept):
                    part = kept[part]
            out.append(part)
        return tuple(out)

    def at(self, *path: str | int) -> Pos:
        """Where the value at ``path`` (a path in the model) was written, else its nearest
        written ancestor; (1, 1) when nothing of the file was read."""
        marks = self.marks
        if not marks:
            return (1, 1)
        offset = found = 0
        for part in self.written(path):
            code = marks[offset + 1]
            if code & 1:
                slot = self._layouts[code >> 1].get(part) if isinstance(part, str) else None
            else:
                slot = part if isinstance(part, int) and part < code >> 1 else None
            if slot is None or marks[offset + 2 + slot] == 0:
                break
            child = marks[offset + 2 + slot]
            if child > 0:  # a scalar: nothing below it
                found = offset + 2 + slot
                break
            offset = found = -child
        packed = marks[found]
        if packed == _WIDE:
            return self._wide[found]
        return packed >> 12, packed & 0xFFF


_ZEROS = array("i", bytes(4 * 32))
# what a slot holds: line << 12 | column, below 2**31 (the loader packs it inline)
LINE_LIMIT, COLUMN_LIMIT = 1 << 19, 1 << 12
_WIDE = 1  # the position is in ``_wide`` (a packed one is at least 1 << 12 | 1)
