"""Registries true to 2025 (issue 17, item 9): every organisation of a province merged on
01/7/2025 has ended with its basis and successor; the Ban cán sự Đảng UBND tỉnh hands over
to the Đảng ủy UBND tỉnh; every end says its basis."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from ppcli.files.model import EndKind, Registry
from ppcli.files.repository import find_repo, load_meta

MERGED_AWAY = ("Kiên Giang", "Bình Định", "Bạc Liêu", "Bắc Giang", "Bình Phước",
               "Quảng Nam")


def registry() -> Registry:
    return load_meta(find_repo(ROOT, ROOT)).registry


def test_every_end_has_a_basis_and_a_successor_that_exists() -> None:
    reg = registry()
    ended = [o for o in reg.orgs.values() if o.ended is not None]
    assert len(ended) >= 12
    for org in ended:
        assert org.ended is not None and org.ended.basis, org.id
        assert all(s in reg.orgs for s in org.ended.successors), org.id
        # only a body dissolved without successor (the district level) has none
        assert org.ended.successors or org.ended.how is EndKind.GIAI_THE, org.id


def test_bodies_of_provinces_merged_away_ended_on_1_july_2025() -> None:
    reg = registry()
    for org in reg.orgs.values():
        if org.province in MERGED_AWAY:
            assert org.ended is not None and org.ended.date == dt.date(2025, 7, 1), org.id


def test_ban_can_su_dang_hands_over_to_the_dang_uy_ubnd_tinh() -> None:
    reg = registry()
    assert reg.successors_on("ban-can-su-dang-ubnd-bac-ninh", dt.date(2026, 1, 1)) == (
        "dang-uy-ubnd-bac-ninh",)
    assert reg.successors_on("ban-can-su-dang-ubnd-bac-ninh", dt.date(2025, 1, 1)) == (
        "ban-can-su-dang-ubnd-bac-ninh",)
