"""The history cache's entries as JSON: what one commit changed in one file, rebuilt with
every value checked (anything unexpected raises :class:`Malformed`: a cache miss)."""

from __future__ import annotations

from ppcli.engine.schedule_codec import Malformed, as_list, as_opt_str, as_str
from ppcli.history.semdiff import Change
from ppcli.i18n import Label

__all__ = ["Malformed", "decode_file_entry", "encode_file_entry"]


def _label(value: object) -> Label:
    raw = as_list(value, 2)
    return Label(as_str(raw[0]), as_str(raw[1]))


def encode_file_entry(path: str, old_path: str | None, kind: str, agreement: str | None,
                      title: str, status: str, changes: tuple[Change, ...],
                      invalid: Label | None) -> list[object]:
    return [path, old_path, kind, agreement, title, status,
            [[c.kind, c.path, c.text.vi, c.text.en] for c in changes],
            None if invalid is None else [invalid.vi, invalid.en]]


def decode_file_entry(value: object) -> tuple[str, str | None, str, str | None, str, str,
                                           tuple[Change, ...], Label | None]:
    """The fields of a :class:`ppcli.history.changes.FileEntry`, in order."""
    raw = as_list(value, 8)
    changes = []
    for item in as_list(raw[6]):
        c = as_list(item, 4)
        changes.append(Change(as_str(c[0]), as_str(c[1]), Label(as_str(c[2]), as_str(c[3]))))
    return (as_str(raw[0]), as_opt_str(raw[1]), as_str(raw[2]), as_opt_str(raw[3]), as_str(raw[4]),
            as_str(raw[5]), tuple(changes), None if raw[7] is None else _label(raw[7]))
