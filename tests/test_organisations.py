"""The one organisation resolver (code, or a piece of the name) and ``ppcli org``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run, write_repo

from ppcli.errors import RequestError
from ppcli.files.model import Registry
from ppcli.files.organisations import resolve, search
from ppcli.files.repository import find_repo, load_meta


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_meta(find_repo(ROOT, ROOT)).registry


@pytest.mark.parametrize(("text", "code"), [
    ("tinh-doan-ca-mau", "tinh-doan-ca-mau"),
    ("tinh doan ca mau", "tinh-doan-ca-mau"),  # the short name, without diacritics
    ("Tỉnh đoàn Cà Mau", "tinh-doan-ca-mau"),
    ("TỈNH ĐOÀN CÀ MAU", "tinh-doan-ca-mau"),
    ("doan ca mau", "tinh-doan-ca-mau"),
    ("so noi vu ca mau", "so-noi-vu-ca-mau"),
    ("BNV", "bo-noi-vu"),  # the document code
    ("tinh doan kien giang", "tinh-doan-kien-giang"),  # an ended one: successors come later
])
def test_a_code_or_a_piece_of_the_name(registry: Registry, text: str, code: str) -> None:
    assert resolve(registry, text, "--party") == code


def test_several_match_names_the_candidates(registry: Registry) -> None:
    with pytest.raises(RequestError) as several:
        resolve(registry, "ca mau", "--party")
    assert several.value.label.vi == (
        "--party: \"ca mau\" khớp với 3 tổ chức: ubnd-ca-mau (UBND tỉnh Cà Mau), "
        "so-noi-vu-ca-mau (Sở Nội vụ Cà Mau), tinh-doan-ca-mau (Tỉnh đoàn Cà Mau); hãy ghi "
        "mã, hoặc thêm chữ cho rõ")
    assert several.value.label.en.startswith("--party: \"ca mau\" matches 3 organisations: ")
    # the organisations the option expects are preferred
    assert resolve(registry, "ca mau", "--as", among=("tinh-doan-ca-mau", "bo-noi-vu")) == \
        "tinh-doan-ca-mau"


def test_nothing_matches_suggests_the_closest(registry: Registry) -> None:
    with pytest.raises(RequestError) as none:
        resolve(registry, "tinh doan ca mua", "--by")
    assert none.value.label.vi == (
        "--by: không có tổ chức \"tinh doan ca mua\" trong danh mục (có phải ý bạn là "
        "\"tinh-doan-ca-mau\" — Tỉnh đoàn Cà Mau?); xem danh sách: ppcli org")
    with pytest.raises(RequestError) as tab:  # a typing mistake is never ignored
        resolve(registry, "bo-noi-vu\t", "--party")
    assert "không có tổ chức \"bo-noi-vu\t\"" in tab.value.label.vi


def test_search_without_text_is_the_whole_registry_in_order(registry: Registry) -> None:
    written = yaml.safe_load((ROOT / "agreements" / "organisations.yaml").read_text(
        encoding="utf-8"))["organisations"]
    assert [o.id for o in search(registry)] == [entry["id"] for entry in written]
    assert [o.id for o in search(registry, "kien giang")] == [
        "ubnd-kien-giang", "tinh-doan-kien-giang", "cac-so-nganh-kien-giang",
        "cong-an-kien-giang", "hoi-lhpn-kien-giang"]


def test_org_command_table_and_json() -> None:
    out = run(["org", "tinh", "doan", "kien", "giang"], ROOT)
    assert out.exit_code == 0
    assert "tinh-doan-kien-giang" in out.stdout and "01/07/2025 (hợp nhất)" in out.stdout
    assert "tinh-doan-an-giang" in out.stdout  # the successor
    data = run(["org", "Tỉnh đoàn Kiên Giang", "--format", "json"], ROOT).json()
    assert data == [{
        "id": "tinh-doan-kien-giang",
        "name": "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Kiên Giang",
        "short": "Tỉnh đoàn Kiên Giang", "kind": "doan-tncs", "province": "Kiên Giang",
        "parent": None, "code": "TĐTN", "since": None, "until": "2025-07-01",
        "ended_how": "hop-nhat", "successors": ["tinh-doan-an-giang"]}]
    assert len(run(["org", "--format", "json"], ROOT).json()) == len(
        load_meta(find_repo(ROOT, ROOT)).registry.orgs)
    en = run(["org", "khong co ai", "--lang", "en"], ROOT)
    assert (en.exit_code, en.stdout) == (0, "No organisation matches; ppcli org (without "
                                            "text) lists the whole registry.\n")


def test_every_organisation_option_takes_a_name(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "r")
    by_name = run(["due", "--format", "json", "--today", "2024-01-05", "--party", "sở nội vụ"],
                  repo).json()
    assert by_name == run(["due", "--format", "json", "--today", "2024-01-05", "--party",
                           "so-noi-vu-ca-mau"], repo).json() != []
    made = run(["new", "ct-moi", "--title", "Quy chế mới", "--party", "so noi vu",
                "--party", "Tỉnh đoàn", "--start", "1/1/2025"], repo)
    assert made.exit_code == 0, made.stderr
    text = (repo / "agreements/ct-moi.yaml").read_text(encoding="utf-8")
    assert "org: so-noi-vu-ca-mau" in text and "org: tinh-doan-ca-mau" in text
    assert "2025-01-01" in text
    recorded = run(["record", "report", "ct-2022", "bao-cao-nam", "năm 2023", "--on",
                    "10/12/2023", "--by", "Sở Nội vụ", "--today", "2024-01-05"], repo)
    assert recorded.exit_code == 0, recorded.stderr
    text = (repo / "agreements/ct-2022.yaml").read_text(encoding="utf-8")
    assert text.endswith("  - report: bao-cao-nam\n    period: \"2023\"\n    date: 2023-12-10\n"
                         "    by: so-noi-vu-ca-mau\n")
