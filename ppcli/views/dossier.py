"""The case file index (``ppcli dossier``) as CSV, for Excel: the decree's seven columns,
every cell through the one CSV writer (a cell starting like a formula is made text)."""

from __future__ import annotations

import io

from ppcli.drafts.dossier import COLUMNS, Entry, cells
from ppcli.views.due_listing import CsvWriter


def as_csv(rows: list[Entry]) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(list(COLUMNS))
    for i, e in enumerate(rows, start=1):
        writer.writerow(cells(i, e))
    return buffer.getvalue()
