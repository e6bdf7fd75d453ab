"""The registry of organisations for ``ppcli org``: a table for people, JSON for programs
(ASCII keys, codes as written; names as the registry has them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ppcli.files.declaration import END_KINDS, ORG_KINDS
from ppcli.files.model import Organisation, Registry
from ppcli.i18n import Label, Lang, short_date
from ppcli.safetext import one_line
from ppcli.views.agreements import Styled, TableData

HEADINGS = (Label("Mã", "Code"), Label("Tên", "Name"), Label("Loại", "Kind"),
            Label("Tỉnh", "Province"), Label("Từ", "Since"), Label("Đến", "Until"),
            Label("Kế thừa", "Successor"))


def _until(org: Organisation, lang: Lang) -> str:
    if org.ended is None:
        return ""
    return f"{short_date(org.ended.date, lang)} ({END_KINDS[org.ended.how](lang)})"


def org_table(orgs: Sequence[Organisation], registry: Registry, lang: Lang
              ) -> TableData | Styled:
    if not orgs:
        return Styled(Label("Không có tổ chức nào khớp; ppcli org (không có chữ) liệt kê "
                            "cả danh mục.",
                            "No organisation matches; ppcli org (without text) lists the "
                            "whole registry.")(lang))
    rows = []
    for o in orgs:
        name = o.name + (f" ({o.short})" if o.short and o.short != o.name else "")
        successors = ", ".join(o.ended.successors) if o.ended else ""
        rows.append(tuple((one_line(text), style) for text, style in (
            (o.id, "bold"), (name, ""), (ORG_KINDS[o.kind](lang), ""), (o.province, ""),
            (short_date(o.since, lang) if o.since else "", ""),
            (_until(o, lang), "yellow" if o.ended else ""), (successors, ""))))
    return TableData(tuple(h(lang) for h in HEADINGS), tuple(rows))


def org_json(org: Organisation) -> dict[str, Any]:
    ended = org.ended
    return {
        "id": org.id, "name": org.name, "short": org.short or None, "kind": org.kind.value,
        "province": org.province or None, "parent": org.parent, "code": org.code or None,
        "since": org.since.isoformat() if org.since else None,
        "until": ended.date.isoformat() if ended else None,
        "ended_how": ended.how.value if ended else None,
        "successors": list(ended.successors) if ended else [],
    }
