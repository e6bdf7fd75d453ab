"""Shell completion of agreement ids, duty and conference ids, organisation codes and
period keys, through typer's completion (``_PPCLI_COMPLETE=complete_bash``)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from ppcli.cli.everyday import app

AG = "cm-snv-tinhdoan-2022-2026"


def complete(line: str, repo: Path = ROOT) -> list[str]:
    words = f"ppcli --repo {repo} {line}"
    result = CliRunner().invoke(app, [], prog_name="ppcli", env={
        "_PPCLI_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if line.endswith(" ") else 1))})
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_agreement_ids() -> None:
    assert complete("show cm") == [AG]
    assert complete("due --agreement kg") == ["kg-ubnd-tinhdoan-2023-2027"]
    assert AG in complete("render ")


def test_duty_and_conference_ids_of_the_agreement_typed() -> None:
    assert complete(f"render {AG} ") == ["bao-cao-nam", "so-ket-2024", "tong-ket-2026"]
    assert complete(f"record report {AG} ") == ["bao-cao-nam"]
    assert complete(f"record conference {AG} ") == ["so-ket-2024", "tong-ket-2026"]
    assert complete(f"record extension {AG} ") == ["bao-cao-nam"]
    assert complete(f"record reminder {AG} ") == ["bao-cao-nam"]
    assert complete(f"record reminder {AG} bao-cao-nam 202") == \
        ["2022", "2023", "2024", "2025", "2026"]
    assert complete(f"record reminder {AG} bao-cao-nam 2025 --to tinh-doan-c") == \
        ["tinh-doan-ca-mau"]
    assert complete("stats --party so-noi-vu-c") == ["so-noi-vu-ca-mau"]
    assert complete("stats --agreement kg") == ["kg-ubnd-tinhdoan-2023-2027"]


def test_period_keys_of_the_duty_typed() -> None:
    assert complete(f"render {AG} bao-cao-nam 202") == ["2022", "2023", "2024", "2025", "2026"]
    months = complete("record report bn-ubnd-cac-co-quan-2021-2026 ubnd-thang 2025-")
    assert months == [f"2025-{m:02d}" for m in range(1, 13)]


def test_organisation_codes_by_code_or_by_name() -> None:
    assert complete("due --party tinh-doan-c") == ["tinh-doan-ca-mau"]
    assert complete("new x --party so-noi") == ["so-noi-vu-ca-mau", "so-noi-vu-nghe-an"]
    assert "tinh-doan-ca-mau" in complete(f"render {AG} bao-cao-nam 2025 --as tinh")


def test_chase_and_dossier() -> None:
    assert complete("chase cm") == [AG]
    assert complete("dossier kg") == ["kg-ubnd-tinhdoan-2023-2027"]
    assert complete(f"chase {AG} --to tinh-doan-c") == ["tinh-doan-ca-mau"]
    assert complete(f"chase {AG} --as so-noi") == ["so-noi-vu-ca-mau", "so-noi-vu-nghe-an"]


def test_no_repository_completes_nothing_and_never_fails(tmp_path: Path) -> None:
    assert complete("show ", tmp_path) == []
    assert complete("due --party x", tmp_path) == []


class _Ctx:
    """The little of click's context the callbacks read."""

    def __init__(self, params: dict[str, str], command: str = "render",
                 repo: Path = ROOT) -> None:
        self.params = params
        self.command = type("C", (), {"name": command})()
        self._root = type("R", (), {"params": {"repo": str(repo)}})()

    def find_root(self) -> object:
        return self._root


def test_the_callbacks_called_directly() -> None:
    from ppcli.cli.inputs import complete_agreement, complete_item, complete_org, complete_period

    assert complete_agreement(_Ctx({}), "bd-ubnd-hoi-n") == ["bd-ubnd-hoi-nong-dan-2023"]
    assert complete_item(_Ctx({"agreement": AG}, "report"), "") == ["bao-cao-nam"]
    assert complete_item(_Ctx({"agreement": "khong-co"}), "") == []
    assert complete_period(_Ctx({"agreement": AG, "item": "bao-cao-nam"}), "2026") == ["2026"]
    assert complete_period(_Ctx({"agreement": AG, "item": "so-ket-2024"}), "") == []
    # typed words that begin no code find the names instead
    assert complete_org(_Ctx({}), "tinh doan ca mau") == ["tinh-doan-ca-mau"]


def test_import_dir_completes_the_folders_of_agreements() -> None:
    assert complete("import x.docx --dir ca") == ["ca-mau"]
    assert complete("import x.docx --dir ") == [
        "an-giang", "bac-giang", "bac-ninh", "binh-dinh", "binh-phuoc", "ca-mau", "kien-giang",
        "nghe-an", "ninh-binh", "phu-tho", "quang-nam", "quang-ngai"]
