"""``ppcli import``'s controller: values in, values out. Reads the document, builds the
draft, checks the file it makes through the normal loader and checks (in memory, with
the rest of the repository), and writes it atomically as a new file — never over one."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ppcli.diagnostics import Diagnostic, Severity
from ppcli.errors import RequestError
from ppcli.files.checks import validate
from ppcli.files.fileio import FileProblem, atomic_write, os_problem
from ppcli.files.repository import Repo, load, load_agreement
from ppcli.files.scaffold import check_inside, schema_reference
from ppcli.files.spec import ID_PATTERN
from ppcli.i18n import Label
from ppcli.importer.draft import build, text_of
from ppcli.importer.extract import read_text
from ppcli.importer.text import document


@dataclass(frozen=True)
class ImportRequest:
    source: Path
    agreement_id: str | None = None
    folder: str | None = None  # a subfolder of agreements/
    output: Path | None = None  # -o: another file name
    dry_run: bool = False


@dataclass(frozen=True)
class Imported:
    text: str
    target: Path
    shown: str
    written: bool
    diagnostics: list[Diagnostic]
    cited: int  # values quoted from the text
    inferred: int  # values inferred (SUY RA)
    missing: int  # entries of the skeleton
    new_orgs: int  # organisations to add to the registry

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def import_file(repo: Repo, request: ImportRequest, today: dt.date) -> Imported:
    """Import ``request.source`` into a new agreement file of ``repo``."""
    if request.agreement_id is not None and not re.match(ID_PATTERN, request.agreement_id):
        raise RequestError(Label(
            f"--id \"{request.agreement_id}\" không hợp lệ: chỉ chữ thường không dấu, số, dấu "
            "gạch ngang", f"--id \"{request.agreement_id}\" is invalid: only lower-case "
            "letters without accents, digits and hyphens"))
    folder = request.folder
    if folder and (Path(folder).is_absolute() or ".." in Path(folder).parts):
        raise RequestError(Label(
            f"--dir {folder}: hãy ghi một thư mục con trong agreements/, ví dụ ca-mau",
            f"--dir {folder}: name a folder inside agreements/, e.g. ca-mau"))
    raw = read_text(request.source)
    doc = document(raw)
    if not doc.lines:
        raise RequestError(Label(f"{request.source}: tệp không có chữ nào; không có gì để nhập",
                                 f"{request.source}: the file holds no text; nothing to import"))
    loaded = load(repo)
    taken = {a.id for a in loaded.agreements} | loaded.broken_ids
    if request.agreement_id in taken:
        raise RequestError(Label(f"đã có thỏa thuận \"{request.agreement_id}\"; chọn mã khác "
                                 "(--id)", f"agreement \"{request.agreement_id}\" exists; "
                                 "choose another id (--id)"))
    wanted = request.agreement_id
    if wanted is None and request.output is not None and \
            re.match(ID_PATTERN, request.output.stem) and request.output.stem not in taken:
        wanted = request.output.stem  # -o qc-moi.yaml: the id matches the file's name
    draft = build(doc, loaded.registry, taken, wanted, request.source.name)
    if request.output is not None:
        target = request.output
    else:
        target_dir = repo.data / folder if folder else repo.data
        target = target_dir / f"{draft.id}.yaml"
        check_inside(repo.root, target)  # a committed link in agreements/ would write elsewhere
    shown = repo.shown(target.absolute())
    if not request.dry_run and _exists(target):
        raise RequestError(Label(f"tệp {shown} đã có; ppcli import không ghi đè — dùng -o để "
                                 "đặt tên khác", f"{shown} exists; ppcli import never "
                                 "overwrites — use -o for another name"))
    text = text_of(draft, request.source.name, today,
                   schema_reference(repo.root, target.parent.resolve())
                   if target.parent.resolve().is_relative_to(repo.root.resolve()) else None)
    agreement, ctx, written_id = load_agreement(target, shown, text.encode("utf-8"))
    loaded.add(agreement, ctx, written_id)
    diagnostics = validate(loaded, today, [shown])
    cited, inferred = draft.count()
    result = Imported(text, target, shown, False, diagnostics, cited, inferred,
                      len(draft.missing) + len(draft.loose), len(draft.new_orgs))
    if request.dry_run:
        return result
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"), before_replace=lambda: _refuse(target, shown))
    except FileProblem:
        raise
    except RequestError:
        raise
    except OSError as exc:
        raise os_problem(exc, target) from None
    return Imported(text, target, shown, True, diagnostics, cited, inferred, result.missing,
                    result.new_orgs)


def _refuse(target: Path, shown: str) -> None:
    """Just before the file is put in place: another process may have made it meanwhile."""
    if _exists(target):
        raise RequestError(Label(f"tệp {shown} vừa được tạo trong lúc nhập; không ghi đè",
                                 f"{shown} appeared meanwhile; not overwritten"))
