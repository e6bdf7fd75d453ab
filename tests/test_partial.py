"""Comparing only the changed parts gives the same sentences as comparing whole files."""

from __future__ import annotations

import pytest
from conftest import AGREEMENT

from ppcli.history.partial import changed_parts, split_items, split_top
from ppcli.history.semdiff import diff_agreement, read_data

EDITS = {
    "record added": ("    number: 12/BC-SNV\n", "    number: 12/BC-SNV\n  - report: bao-cao-nam\n"
                     "    period: 2023\n    date: 2023-12-11\n"),
    "deadline moved": ("deadline: {day: 15, month: 12}", "deadline: {day: 10, month: 12}"),
    "party added": ("  - org: tinh-doan-ca-mau\n", "  - org: tinh-doan-ca-mau\n  - org: ubnd-ca-mau\n"),
    "conference moved": ("    planned: 2024\n", "    planned: 2025-03\n"),
    "title changed": ("title: Chương trình phối hợp", "title: Kế hoạch phối hợp"),
    "notes added": ("records:\n", "notes: Ghi chú mới\nrecords:\n"),
    "record number fixed": ("    number: 12/BC-SNV\n", "    number: 13/BC-SNV\n"),
    "duty removed": ("duties:\n  - id: bao-cao-nam\n    from: so-noi-vu-ca-mau\n"
                     "    to: ubnd-ca-mau\n    frequency: hang-nam\n"
                     "    deadline: {day: 15, month: 12}\n", "duties: []\n"),
}


def full(old: str, new: str) -> list[str]:
    before, _ = read_data(old.encode(), "x.yaml")
    after, _ = read_data(new.encode(), "x.yaml")
    return [c.text.vi for c in diff_agreement(before, after, None)]


def partial(old: str, new: str) -> list[str]:
    from ppcli.history.partial import parse_part

    parts = changed_parts(old, new)
    assert parts is not None
    before, after, context = (parse_part(t, "x.yaml") for t in parts)
    assert before is not None and after is not None and context is not None
    return [c.text.vi for c in diff_agreement(before, after, None, context)]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_same_sentences_as_the_whole_files(name: str) -> None:
    old, new = EDITS[name]
    edited = AGREEMENT.replace(old, new, 1)
    assert edited != AGREEMENT
    assert partial(AGREEMENT, edited) == full(AGREEMENT, edited)
    assert partial(AGREEMENT, edited)  # and something was said


def test_reordered_items_are_no_change() -> None:
    swapped = AGREEMENT.replace("  - org: so-noi-vu-ca-mau\n  - org: tinh-doan-ca-mau\n",
                                "  - org: tinh-doan-ca-mau\n  - org: so-noi-vu-ca-mau\n")
    assert partial(AGREEMENT, swapped) == []


def test_what_does_not_cut_cleanly_falls_back() -> None:
    assert split_top("a: &x 1\nb: *x\n") is None  # anchors tie blocks together
    assert split_top("id: a\nid: b\n") is None  # duplicate keys: the full check reports
    assert split_top("- a\n") is None
    assert changed_parts(AGREEMENT, AGREEMENT.replace("title: Chương trình phối hợp giữa Sở "
                                                      "Nội vụ và Tỉnh đoàn giai đoạn 2022 - "
                                                      "2026\n", "")) is None  # required gone
    assert split_items("parties", "parties: [a, b]\n") is None
    assert split_top("title: Sở LĐ-TB&XH\n") == {"title": "title: Sở LĐ-TB&XH\n"}
