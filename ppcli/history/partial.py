"""Comparing two versions of an agreement by parsing only what changed.

A change usually touches one line of a long file (a record appended, a deadline moved).
Parsing both whole versions for every commit made a first ``ppcli history`` of a large
repository take minutes, so the texts are first cut into top-level blocks, and the
blocks that are lists into their items; blocks and items whose text is the same in both
versions are left out, and only the rest is parsed (with the same checks). Reordered
items have the same text and drop out, as they should. Whenever the text does not cut
cleanly (flow style, anchors, duplicate keys, a required field coming or going, a parse
error), the caller falls back to parsing the whole files.
"""

from __future__ import annotations

import dataclasses
import re

from ppcli.files.declaration import AGREEMENT
from ppcli.files.spec import Checked, Compare, Field, Id, ListOf, Obj
from ppcli.history.semdiff import read_data

_TOP = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
# lists whose items are matched by identity: only the items that came or went are parsed
# (a plain list is compared whole, as the whole-file comparison does)
ITEM_LISTS = {f.name for f in AGREEMENT.fields if f.comparison is Compare.KEYED}


def _referenced(spec: Obj[object]) -> set[str]:
    """The kinds of item (``Id.ref``) that the items of ``spec``'s lists refer to."""
    refs: set[str] = set()
    for f in spec.fields:
        if isinstance(f.type, ListOf) and isinstance(f.type.item, Obj):
            refs |= {g.type.ref for g in f.type.item.fields
                     if isinstance(g.type, Id) and g.type.ref is not None}
    return refs


# what sentences need to name things: the agreement's identity and title, and the lists
# whose items others refer to by id (a record names its duty or conference)
CONTEXT = (*AGREEMENT.identity[0], "title",
           *(f.name for f in AGREEMENT.fields if isinstance(f.type, ListOf)
             and isinstance(f.type.item, Obj) and f.type.item.ref in _referenced(AGREEMENT)))
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:])[&*][^\s]", re.M)
REQUIRED = {f.name for f in AGREEMENT.fields if f.required}

def _optional(field: Field) -> Field:
    """A top-level field that a part of a file may lack, or hold only some items of."""
    kind = field.type
    if isinstance(kind, ListOf):
        kind = dataclasses.replace(kind, min_items=0)
    return dataclasses.replace(field, required=False, type=kind)


# the agreement's checks for a part of a file: nothing required at the top level
PART = dataclasses.replace(AGREEMENT, fields=tuple(_optional(f) for f in AGREEMENT.fields))


def split_top(text: str) -> dict[str, str] | None:
    """Top-level key -> its block of lines; None if the text does not cut cleanly."""
    if ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text) \
            or "\n---" in text or "\t" in text:
        return None  # anchors tie blocks together; several documents; tabs
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        m = _TOP.match(line)
        if m:
            if m.group(1) in blocks:
                return None  # a duplicate key: the full check reports it
            current = blocks[m.group(1)] = [line]
        elif current is not None:
            current.append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            return None  # content before the first key
    return {k: "".join(v) for k, v in blocks.items()}


def split_items(key: str, block: str) -> tuple[str, list[str]] | None:
    """A block-style list cut into its items (each with its own lines)."""
    lines = block.splitlines(keepends=True)
    if lines[0].split("#", 1)[0].strip() != f"{key}:":
        return None  # "key: [...]" or a value on the key's line
    items: list[list[str]] = []
    prefix: str | None = None
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if items:
                items[-1].append(line)
            continue
        if prefix is None:
            if not line.lstrip(" ").startswith("- "):
                return None
            prefix = line[:len(line) - len(line.lstrip(" "))] + "- "
        if line.startswith(prefix):
            items.append([line])
        elif items and line.startswith(" " * len(prefix)):
            items[-1].append(line)
        else:
            return None
    return lines[0], ["".join(item) for item in items]


def _normal(item: str) -> str:
    """An item's text without trailing blank or comment lines (they follow it in the
    file but do not belong to it)."""
    lines = item.splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].strip().startswith("#")):
        lines.pop()
    return "".join(lines).rstrip("\n") + "\n"


def changed_parts(old: str, new: str) -> tuple[str, str, str] | None:
    """The changed parts of both versions as two small YAML texts, and a third text with
    the context (id, duties, conferences of the new version); None if the texts do not
    cut cleanly."""
    ob, nb = split_top(old), split_top(new)
    if ob is None or nb is None:
        return None
    keys = [k for k in dict.fromkeys([*ob, *nb]) if ob.get(k) != nb.get(k)]
    if any(k in REQUIRED and (k not in ob or k not in nb) for k in keys):
        return None  # a required field came or went: let the full check say so
    old_part, new_part = [], []
    for key in keys:
        before, after = ob.get(key), nb.get(key)
        cut_before = split_items(key, before) if before is not None else None
        cut_after = split_items(key, after) if after is not None else None
        if key in ITEM_LISTS and cut_before is not None and cut_after is not None:
            old_items = [_normal(i) for i in cut_before[1]]
            new_items = [_normal(i) for i in cut_after[1]]
            gone = [i for i in old_items if i not in new_items]
            came = [i for i in new_items if i not in old_items]
            old_part.append(f"{key}:\n" + "".join(gone) if gone else f"{key}: []\n")
            new_part.append(f"{key}:\n" + "".join(came) if came else f"{key}: []\n")
        else:
            if before is not None:
                old_part.append(_ensure_newline(before))
            if after is not None:
                new_part.append(_ensure_newline(after))
    source = nb if "id" in nb else ob
    context = "".join(_ensure_newline(source[k]) for k in CONTEXT if k in source)
    return "".join(old_part), "".join(new_part), context


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def parse_part(text: str, shown: str, spec: Obj[object] = PART) -> Checked | None:
    """A part parsed with the agreement's checks (no field required); None on any error."""
    if not text.strip():
        return {}
    data, errors = read_data(text.encode("utf-8"), shown, spec)
    return data if data is not None and errors == 0 else None
