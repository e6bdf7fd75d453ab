"""Setting up an agreements repository (``ppcli init``) and a new agreement
(``ppcli new``). Nothing is ever overwritten: existing files are kept and reported."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ppcli.errors import EnvironmentProblem
from ppcli.files.declaration import AGREEMENT_KINDS, json_schema
from ppcli.files.fileio import atomic_write
from ppcli.files.safe_read import is_link
from ppcli.i18n import Label

CONFIG_TEXT = """\
# yaml-language-server: $schema=../schema/config.schema.json
#
# Cấu hình của kho thỏa thuận (xem docs/format.md của ppcli).

# Địa danh ghi trên văn bản và cơ quan ban hành báo cáo của kho (mã trong organisations.yaml)
# place: Cà Mau
# issuer: so-noi-vu

# Hạn báo cáo khi thỏa thuận không nêu: theo Nghị định 09/2019/NĐ-CP
default_deadline:
  regime: nd09

# Ngày nghỉ thêm, ngày làm bù do Thủ tướng quyết định hằng năm
days_off: []
working_days: []
"""

REGISTRY_TEXT = """\
# yaml-language-server: $schema=../schema/registry.schema.json
#
# Danh mục tổ chức: mỗi cơ quan một mã cố định. Khi đổi tên, sáp nhập: ghi "ended" và
# thêm tổ chức mới, không sửa tên cũ.

organisations:
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh
    short: UBND tỉnh
    kind: ubnd
    code: UBND
  - id: tinh-doan
    name: Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh
    short: Tỉnh đoàn
    kind: doan-tncs
    code: TĐTN
"""

GITATTRIBUTES = """\
# ppcli: "git diff" và "git log -p" hiện thay đổi về nội dung của thỏa thuận
agreements/**/*.yaml diff=ppcli
agreements/*.yaml diff=ppcli
*.yaml text
"""

PRECOMMIT = """\
# Kiểm tra các tệp thỏa thuận trước mỗi lần commit (https://pre-commit.com)
repos:
  - repo: local
    hooks:
      - id: ppcli-validate
        name: ppcli validate
        entry: ppcli validate
        language: system
        files: ^agreements/.*\\.ya?ml$
"""


# What git should never pick up in an agreements repository: drafts and the site ppcli
# writes, the temporary files of an interrupted write, the lock of ``ppcli record``.
IGNORED = (
    "bao-cao/",
    "site/",
    ".*.tmp",
    ".ppcli.lock",
)
GITIGNORE_HEADER = "# ppcli: bản nháp, trang tổng hợp, tệp tạm và tệp khóa (không đưa vào git)"


@dataclass(frozen=True)
class Step:
    what: Label
    done: bool  # False: kept as it was


class UnsafePath(EnvironmentProblem):
    """A path ppcli was asked to write leaves the repository or passes through a link."""


def check_inside(root: Path, path: Path) -> None:
    """Refuse to write ``path`` unless it lies inside ``root`` and no part of it below
    ``root`` (the file included) is a symbolic link or a Windows junction: a cloned
    repository may hold a committed link such as ``.vscode -> ~/.config/Code/User``, and
    writing through it would change the user's own files."""
    base = root.absolute()
    target = path.absolute()
    try:
        parts = target.relative_to(base).parts
    except ValueError:
        parts = ("..",)
    if ".." in parts:
        raise UnsafePath(Label(f"{path}: nằm ngoài kho {root}; không ghi",
                               f"{path}: outside the repository {root}; not written"))
    current = base
    for part in parts:
        current = current / part
        if is_link(current):
            shown = current.relative_to(base).as_posix()
            raise UnsafePath(Label(
                f"{shown} là liên kết (symlink) trong kho; ppcli không ghi qua liên kết. "
                "Hãy xóa liên kết hoặc thay bằng thư mục, tệp thật rồi chạy lại",
                f"{shown} is a symbolic link inside the repository; ppcli does not write "
                "through links. Remove it or replace it with a real folder or file, then run "
                "again"))


def _write_new(root: Path, path: Path, text: str) -> bool:
    check_inside(root, path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    return True


def gitignore_text(existing: str | None) -> str:
    """``.gitignore`` with ppcli's patterns added once; the user's lines kept as they are."""
    text = existing or ""
    present = {line.strip() for line in text.splitlines()}
    missing = [pattern for pattern in IGNORED if pattern not in present]
    if not missing:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    if GITIGNORE_HEADER not in present:
        text += ("\n" if text else "") + GITIGNORE_HEADER + "\n"
    return text + "".join(pattern + "\n" for pattern in missing)


def vscode_settings(existing: str | None) -> str:
    settings = json.loads(existing) if existing and existing.strip() else {}
    if not isinstance(settings, dict) or not isinstance(settings.get("yaml.schemas", {}), dict):
        raise ValueError("not a settings object")
    schemas = settings.setdefault("yaml.schemas", {})
    schemas.setdefault("./schema/agreement.schema.json", ["agreements/**/*.yaml"])
    settings.setdefault("files.encoding", "utf8")
    settings.setdefault("[yaml]", {"editor.insertSpaces": True, "editor.tabSize": 2})
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def skeleton_files(root: Path, sample: str) -> list[tuple[Path, str]]:
    files = [
        (root / "agreements" / "ppcli.yaml", CONFIG_TEXT),
        (root / "agreements" / "organisations.yaml", REGISTRY_TEXT),
        (root / "agreements" / "vi-du-quy-che.yaml", sample),
        (root / ".gitattributes", GITATTRIBUTES),
        (root / ".pre-commit-config.yaml", PRECOMMIT),
    ]
    for kind in ("agreement", "registry", "config"):
        files.append((root / "schema" / f"{kind}.schema.json",
                      json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"))
    return files


def agreement_text(agreement_id: str, kind: str, title: str, parties: list[str],
                   start: dt.date, end: dt.date | None, schema: str | None) -> str:
    """A new agreement with every field explained in Vietnamese (comments)."""
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    party_lines = "\n".join(f"  - org: {p}\n    # role: chủ trì\n    # signer: {{name: …, "
                            f"position: …}}" for p in parties)
    end_line = f"  end: {end.isoformat()}" if end else "  # end: 2030-12-31        # bỏ trống: không thời hạn"
    return f"""{modeline}#
# {AGREEMENT_KINDS[kind].vi}: {title}
# Tạo bằng "ppcli new" ngày {dt.date.today().isoformat()}. Xem docs/format.md của ppcli.

id: {agreement_id}                 # mã, trùng với tên tệp
kind: {kind}                       # quy-che | chuong-trinh | ke-hoach | khac
title: {json.dumps(title, ensure_ascii=False)}
# number: "01/QCPH-…"              # số, ký hiệu (ghi tự do, trong ngoặc kép)
# signed: {start.isoformat()}            # ngày ký
# place: …                         # nơi ký

parties:                           # các bên (mã trong organisations.yaml), ít nhất hai
{party_lines}

period:                            # thời hạn
  start: {start.isoformat()}
{end_line}
  # term: 2021-2026                # hoặc nhiệm kỳ

# legal_basis:                     # căn cứ
#   - …
# implements: {{kind: Chương trình phối hợp, number: …, date: …}}   # văn bản cấp trên
# replaces: {{agreement: …}}        # thỏa thuận giai đoạn trước

areas: []                          # nội dung phối hợp: - {{id: …, title: …, lead: …}}

duties: []                         # nghĩa vụ báo cáo, ví dụ:
#  - id: bao-cao-nam
#    title: Báo cáo kết quả thực hiện
#    from: …                       # bên báo cáo
#    to: …                         # nơi nhận
#    frequency: hang-nam           # hang-thang | hang-quy | nua-nam | hang-nam | mot-lan
#    deadline: {{day: 15, month: 12}}   # bỏ trống: theo mặc định của kho

conferences: []                    # hội nghị sơ kết, tổng kết, ví dụ:
#  - id: so-ket
#    kind: so-ket                  # so-ket | tong-ket | danh-gia-nam | khac
#    planned: 2026                 # năm, tháng (2026-06) hoặc ngày (2026-06-15)
#    host: …

records: []                        # ghi bằng "ppcli record", không cần sửa tay
"""


def schema_reference(root: Path, folder: Path) -> str | None:
    for candidate in (root / "schema" / "agreement.schema.json",
                      root / "docs" / "schema" / "agreement.schema.json"):
        if candidate.is_file():
            return os.path.relpath(candidate, folder).replace(os.sep, "/")
    return None


def _git_config_get(root: Path, key: str) -> str | None:
    from ppcli.files.git import GitError, run_git

    try:
        return run_git(root, ["config", "--local", "--get", key]).decode("utf-8", "replace").strip()
    except GitError:
        return None  # git exits 1 when the key is not set


def init_repository(root: Path, today: dt.date, textconv: str = "ppcli textconv"
                    ) -> list[Step]:
    """Create (or complete) an agreements repository at ``root``; safe to run again.
    ``textconv`` is the command git runs to show a file normalised."""
    from ppcli.files.git import GitError, run_git, toplevel

    steps: list[Step] = []
    if root.is_symlink():
        raise UnsafePath(Label(f"{root}: là liên kết (symlink); hãy chỉ thư mục thật",
                               f"{root}: is a symbolic link; name the real folder"))
    if root.exists() and not root.is_dir():
        raise UnsafePath(Label(f"{root} là một tệp, không phải thư mục; hãy chỉ thư mục của kho",
                               f"{root} is a file, not a folder; name the repository's folder"))
    root.mkdir(parents=True, exist_ok=True)
    sample = agreement_text("vi-du-quy-che", "quy-che",
                            "Quy chế phối hợp giữa Ủy ban nhân dân tỉnh và Tỉnh đoàn (ví dụ)",
                            ["ubnd-tinh", "tinh-doan"], today, None,
                            "../schema/agreement.schema.json")
    # every path is checked before anything is written: a refusal leaves the folder as it was
    files = skeleton_files(root, sample)
    settings = root / ".vscode" / "settings.json"
    ignore = root / ".gitignore"
    for path in [p for p, _ in files] + [settings, ignore]:
        check_inside(root, path)
    git_ok = True
    try:
        toplevel(root)
        steps.append(Step(Label("kho git: đã có", "git repository: already there"), False))
    except GitError as exc:
        if "git is not installed" in exc.label.en:
            git_ok = False
            steps.append(Step(Label("git chưa được cài: bỏ qua git init và cấu hình diff",
                                    "git is not installed: git init and the diff driver "
                                    "skipped"), False))
        else:
            run_git(root, ["init", "-q"])
            steps.append(Step(Label("git init", "git init"), True))
    for path, text in files:
        created = _write_new(root, path, text)
        rel = path.relative_to(root).as_posix()
        steps.append(Step(Label(f"{rel}: {'đã tạo' if created else 'giữ nguyên'}",
                                f"{rel}: {'created' if created else 'kept'}"), created))
    # surrogateescape: a .gitignore in another encoding keeps its bytes
    old_ignore = (ignore.read_bytes().decode("utf-8", "surrogateescape")
                  if ignore.is_file() else None)
    new_ignore = gitignore_text(old_ignore)
    if new_ignore != (old_ignore or ""):
        atomic_write(ignore, new_ignore.encode("utf-8", "surrogateescape"))
        steps.append(Step(Label(".gitignore: thêm các mẫu bỏ qua của ppcli",
                                ".gitignore: ppcli's ignore patterns added"), True))
    existing = (settings.read_bytes().decode("utf-8", "replace")
                if settings.is_file() else None)
    try:
        merged = vscode_settings(existing)
    except (ValueError, AttributeError):  # not JSON, or JSON that is not an object
        merged = existing or ""
        steps.append(Step(Label(".vscode/settings.json: không đọc được JSON, giữ nguyên",
                                ".vscode/settings.json: not valid JSON, kept"), False))
    if merged != (existing or ""):
        settings.parent.mkdir(exist_ok=True)
        atomic_write(settings, merged.encode("utf-8"))
        steps.append(Step(Label(".vscode/settings.json: gắn JSON Schema cho tệp YAML",
                                ".vscode/settings.json: JSON Schema mapped for YAML"), True))
    if git_ok:
        # git configuration is not versioned: each clone runs "ppcli init" once
        run_git(root, ["config", "diff.ppcli.textconv", textconv])
        # no "cachetextconv": git would store the cache as notes commits while diffing, and
        # on a machine with no git identity (a new clerk's PC, CI) every "git diff" would die
        # with "Author identity unknown". An earlier ppcli set it: take it away again.
        if _git_config_get(root, "diff.ppcli.cachetextconv") is not None:
            run_git(root, ["config", "--unset-all", "diff.ppcli.cachetextconv"])
        steps.append(Step(Label(
            f"git config (kho này): diff.ppcli.textconv = {textconv} (git diff hiện thay đổi "
            "về nội dung); cấu hình git không đi theo kho, mỗi bản sao chạy ppcli init một lần",
            f"git config (this repository): diff.ppcli.textconv = {textconv}; git "
            "configuration is not versioned, run ppcli init once per clone"), True))
    return steps
