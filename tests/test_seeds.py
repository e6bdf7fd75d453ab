"""The bundled agreements, encoded from the seed documents, are valid and say what the
documents say."""

from __future__ import annotations

from conftest import ROOT, run

# the agreements encoded from the five seed documents; the others bundled since are
# checked in test_bundled_2025.py
SEEDS = {"bd-ubnd-hoi-ccb-2023", "bd-ubnd-hoi-lhpn-2023", "bd-ubnd-hoi-nong-dan-2023",
         "bd-ubnd-tinhdoan-2023", "bn-ubnd-cac-co-quan-2021-2026", "cm-snv-tinhdoan-2022-2026",
         "kg-ubnd-tinhdoan-2023-2027", "na-sldtbxh-tinhdoan-2022-2025"}


def test_bundled_repository_validates_with_the_merger_warnings() -> None:
    result = run(["validate", "--today", "2026-11-22"], ROOT)
    assert result.exit_code == 0
    codes = [(line.split(":")[0], line.split(" ")[1]) for line in result.lines()]
    assert codes == [
        ("agreements/kien-giang/kg-ubnd-tinhdoan-2023-2027.yaml", "warning[PP070]"),
        ("agreements/kien-giang/kg-ubnd-tinhdoan-2023-2027.yaml", "warning[PP070]"),
        ("agreements/nghe-an/na-sldtbxh-tinhdoan-2022-2025.yaml", "warning[PP070]"),
    ]
    assert "Ủy ban nhân dân tỉnh An Giang (ubnd-an-giang)" in result.stdout
    assert "Sở Nội vụ tỉnh Nghệ An (so-noi-vu-nghe-an)" in result.stdout


def test_bundled_list() -> None:
    rows = [r for r in run(["list", "--format", "json", "--today", "2026-11-22"], ROOT).json()
            if r["id"] in SEEDS]
    # every party of the Bình Định and Kiên Giang agreements ended on 01/7/2025 (the
    # provinces' consolidation): they are to be reviewed and signed anew
    assert [(r["id"], r["kind"], r["start"], r["end"], r["status"], r["parties_ended_some"])
            for r in rows] == [
        ("bd-ubnd-hoi-ccb-2023", "quy-che", "2023-09-22", None, "parties-ended", False),
        ("bd-ubnd-hoi-lhpn-2023", "quy-che", "2023-09-22", None, "parties-ended", False),
        ("bd-ubnd-hoi-nong-dan-2023", "quy-che", "2023-09-22", None, "parties-ended", False),
        ("bd-ubnd-tinhdoan-2023", "quy-che", "2023-09-22", None, "parties-ended", False),
        ("bn-ubnd-cac-co-quan-2021-2026", "quy-che", "2021-01-01", "2026-12-31", "ending-soon",
         True),
        ("cm-snv-tinhdoan-2022-2026", "chuong-trinh", "2022-01-01", "2026-12-31", "ending-soon",
         False),
        ("kg-ubnd-tinhdoan-2023-2027", "quy-che", "2023-05-31", "2027-12-31", "parties-ended",
         False),
        ("na-sldtbxh-tinhdoan-2022-2025", "chuong-trinh", "2022-02-28", "2025-12-31", "expired",
         True),
    ]
    # Sở Nội vụ and Tỉnh đoàn Cà Mau took in Bạc Liêu's on 01/7/2025 and kept their names
    assert [r["id"] for r in rows if r["parties_changed"]] == ["cm-snv-tinhdoan-2022-2026"]
    kg = next(r for r in rows if r["id"].startswith("kg-"))
    assert kg["acting"] == {"ubnd-kien-giang": ["ubnd-an-giang"],
                            "tinh-doan-kien-giang": ["tinh-doan-an-giang"]}
    bn = next(r for r in rows if r["id"].startswith("bn-"))
    assert len(bn["parties"]) == 10


def test_nghe_an_cites_its_parent_programme() -> None:
    data = run(["show", "na-sldtbxh-tinhdoan-2022-2025", "--format", "json"], ROOT).json()
    assert data["implements"]["number"] == "4286-CTPH/BLĐTBXH-TWĐTN"
    assert data["implements"]["date"] == "2021-11-25"
    assert len(data["areas"]) == 8
    assert [c["planned"] for c in data["conferences"]] == ["2022", "2023", "2024", "2025"]


def test_ca_mau_conferences_and_duty() -> None:
    data = run(["show", "cm-snv-tinhdoan-2022-2026", "--format", "json"], ROOT).json()
    assert [(c["id"], c["kind"], c["planned"]) for c in data["conferences"]] == [
        ("so-ket-2024", "so-ket", "2024"), ("tong-ket-2026", "tong-ket", "2026")]
    assert [(d["from"], d["to"], d["frequency"]) for d in data["duties"]] == [
        (["so-noi-vu-ca-mau"], ["bo-noi-vu"], "hang-nam")]


def test_bac_ninh_mid_term_review_was_held() -> None:
    data = run(["show", "bn-ubnd-cac-co-quan-2021-2026", "--format", "json"], ROOT).json()
    assert data["term"] == "2021-2026"
    assert data["conferences"][0]["held"] == ["2024-01-29"]
    assert sorted({d["frequency"] for d in data["duties"]}) == [
        "hang-nam", "hang-quy", "hang-thang", "nua-nam"]
