"""Setting up an agreements repository (``ppcli init``) and a new agreement
(``ppcli new``). Nothing is ever overwritten: existing files are kept and reported."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ppcli.errors import EnvironmentProblem
from ppcli.files.declaration import AGREEMENT_KINDS, json_schema
from ppcli.files.fileio import atomic_write
from ppcli.files.safe_read import is_link
from ppcli.i18n import Label

CONFIG_TEMPLATE = """\
# yaml-language-server: $schema=../schema/config.schema.json
#
# Cấu hình của kho thỏa thuận (xem docs/format.md của ppcli).

# Địa danh ghi trên văn bản và cơ quan ban hành báo cáo của kho (mã trong organisations.yaml)
# place: Cà Mau
# issuer: so-noi-vu

{deadline}
# Ngày nghỉ thêm, ngày làm bù do Thủ tướng quyết định hằng năm
days_off: []
working_days: []
"""

# One short paragraph on what Nghị định 09/2019/NĐ-CP's deadline binds, said by
# ``ppcli init`` when it asks and written above ``default_deadline`` (domain.md §2).
DEADLINE_SCOPE = Label(
    "Hạn báo cáo mặc định của kho dùng cho nghĩa vụ mà thỏa thuận không nêu hạn. Nghị định "
    "09/2019/NĐ-CP (Điều 13 khoản 1) chỉ đặt hạn ngày 25 của tháng cuối kỳ cho bộ, ngành và "
    "UBND cấp tỉnh gửi báo cáo định kỳ lên Chính phủ, Thủ tướng; báo cáo giữa sở, Tỉnh đoàn, "
    "Mặt trận và các đoàn thể theo hạn do tỉnh, bộ hoặc chính thỏa thuận đặt. Hạn không do "
    "thỏa thuận nêu được ppcli ghi là \"hạn giả định\".",
    "The repository's default deadline applies to duties whose agreement states none. Decree "
    "09/2019/ND-CP (Art. 13(1)) sets the 25th of the period's last month only for ministries "
    "and provincial People's Committees reporting to the Government and the Prime Minister; "
    "reports between departments, the Youth Union, the Fatherland Front and the mass "
    "organisations follow the dates their province, ministry or agreement sets. ppcli marks "
    "any deadline the agreement does not state as an \"assumed deadline\".")

DEADLINE_CHOICES = Label(
    "nd09 (ngày 25 của tháng cuối kỳ), một ngày của tháng cuối kỳ (ví dụ 16), N-ngay (N ngày "
    "sau khi hết kỳ), N-ngay-lam-viec (N ngày làm việc sau khi hết kỳ), hoặc khong (chưa "
    "chọn: ppcli dùng ngày 25 và ghi là hạn giả định)",
    "nd09 (the 25th of the period's last month), a day of the period's last month (e.g. 16), "
    "N-ngay (N days after the period), N-ngay-lam-viec (N working days after the period), or "
    "khong (none chosen: ppcli uses the 25th and marks it as assumed)")


class BadDeadlineChoice(ValueError):
    """A ``--default-deadline`` value ppcli does not understand."""


def deadline_yaml(choice: str) -> str | None:
    """The YAML of a default deadline the clerk typed (see :data:`DEADLINE_CHOICES`);
    None for "none chosen"."""
    text = choice.strip().lower().replace(" ", "-").replace("_", "-")
    if text in ("", "khong", "không", "none"):
        return None
    if text == "nd09":
        return "{regime: nd09}"
    if (m := re.fullmatch(r"(?:ngay-|day-)?(\d{1,2})", text)) and 1 <= int(m[1]) <= 31:
        return f"{{day: {int(m[1])}}}"
    if (m := re.fullmatch(r"(\d{1,3})-(?:ngay|days)", text)) and int(m[1]) <= 366:
        return f"{{days_after: {int(m[1])}}}"
    if (m := re.fullmatch(r"(\d{1,3})-(?:ngay-lam-viec|working-days)", text)) and int(m[1]) <= 100:
        return f"{{working_days_after: {int(m[1])}}}"
    raise BadDeadlineChoice(choice)


def config_text(deadline: str | None) -> str:
    """``agreements/ppcli.yaml`` for a new repository, with the default deadline the clerk
    chose (None: left unset, so the built-in one applies and is marked as assumed)."""
    scope = "\n".join("# " + line for line in textwrap.wrap(DEADLINE_SCOPE.vi, 86))
    if deadline is None:
        line = ("# Chưa chọn: ppcli dùng ngày 25 của tháng cuối kỳ làm hạn giả định. Chọn, ví dụ:\n"
                "# default_deadline: {day: 16}")
    else:
        line = f"default_deadline: {deadline}"
    return CONFIG_TEMPLATE.replace("{deadline}", f"{scope}\n{line}\n")


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


def skeleton_files(root: Path, sample: str | None, deadline: str | None = None
                   ) -> list[tuple[Path, str]]:
    """The files of a new repository; ``sample`` None: no sample agreement."""
    files = [
        (root / "agreements" / "ppcli.yaml", config_text(deadline)),
        (root / "agreements" / "organisations.yaml", REGISTRY_TEXT),
    ]
    if sample is not None:
        files.append((root / "agreements" / "vi-du-quy-che.yaml", sample))
    files += [
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


def has_config(root: Path) -> bool:
    """Whether ``root`` already holds an agreements repository's configuration (then
    ``init`` keeps it and asks nothing)."""
    return (root / "agreements" / "ppcli.yaml").is_file()


def _has_agreements(root: Path) -> bool:
    """Whether the repository holds any agreement file (anything under agreements/ but
    the configuration and the registry)."""
    folder = root / "agreements"
    if not folder.is_dir() or is_link(folder):
        return False
    return any(p.name not in ("ppcli.yaml", "organisations.yaml")
               for p in folder.rglob("*.y*ml"))


def _own_repository(root: Path) -> tuple[bool | None, Path | None]:
    """(True, top) when ``root`` is the top of its own git repository; (False, the
    enclosing repository's top or None) when it is not (outside any, or a folder inside
    another one); (None, None) without git."""
    from ppcli.files.git import GitError, toplevel

    try:
        top = toplevel(root)
    except GitError as exc:
        if "git is not installed" in exc.label.en:
            return None, None
        return False, None
    own = os.path.normcase(str(top.resolve())) == os.path.normcase(str(root.resolve()))
    return own, None if own else top


def init_repository(root: Path, today: dt.date, textconv: str = "ppcli textconv",
                    deadline: str | None = None, deadline_chosen: bool = False
                    ) -> list[Step]:
    """Create (or complete) an agreements repository at ``root``; safe to run again: it
    adds only what is missing. ``root`` gets its own git repository even inside another
    one, whose configuration is never touched. ``deadline``: the YAML of the default
    deadline the clerk chose (:func:`deadline_yaml`); ``deadline_chosen`` False: nobody
    was asked, and the built-in default is kept and said so. ``textconv`` is the command
    git runs to show a file normalised."""
    from ppcli.files.git import run_git

    steps: list[Step] = []
    if root.is_symlink():
        raise UnsafePath(Label(f"{root}: là liên kết (symlink); hãy chỉ thư mục thật",
                               f"{root}: is a symbolic link; name the real folder"))
    if root.exists() and not root.is_dir():
        raise UnsafePath(Label(f"{root} là một tệp, không phải thư mục; hãy chỉ thư mục của kho",
                               f"{root} is a file, not a folder; name the repository's folder"))
    root.mkdir(parents=True, exist_ok=True)
    config_there = has_config(root)
    # the sample only in a brand-new repository: never again once the clerk has
    # agreements of their own (or has deleted the sample after adding theirs)
    new_repository = not config_there and not (root / "agreements" / "organisations.yaml").exists()
    sample = (agreement_text("vi-du-quy-che", "quy-che",
                             "Quy chế phối hợp giữa Ủy ban nhân dân tỉnh và Tỉnh đoàn (ví dụ)",
                             ["ubnd-tinh", "tinh-doan"], today, None,
                             "../schema/agreement.schema.json")
              if new_repository and not _has_agreements(root) else None)
    # every path is checked before anything is written: a refusal leaves the folder as it was
    files = skeleton_files(root, sample, deadline)
    settings = root / ".vscode" / "settings.json"
    ignore = root / ".gitignore"
    for path in [p for p, _ in files] + [settings, ignore]:
        check_inside(root, path)
    own, enclosing = _own_repository(root)
    git_ok = own is not None
    if own is None:
        steps.append(Step(Label("git chưa được cài: bỏ qua git init và cấu hình diff",
                                "git is not installed: git init and the diff driver "
                                "skipped"), False))
    elif own:
        steps.append(Step(Label("kho git: đã có", "git repository: already there"), False))
    else:
        # outside any repository, or a folder inside another one: the agreements get a
        # repository of their own here, and the enclosing one is left as it was
        run_git(root, ["init", "-q"])
        steps.append(Step(Label("git init", "git init"), True))
        if enclosing is not None:
            steps.append(Step(Label(
                f"thư mục nằm trong kho git {enclosing}: kho thỏa thuận có git riêng, cấu hình "
                "của kho bao ngoài giữ nguyên",
                f"the folder is inside the git repository {enclosing}: the agreements get "
                "their own, the enclosing repository's configuration is left as it was"),
                False))
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
    steps.append(_deadline_step(config_there, deadline, deadline_chosen))
    return steps


def _deadline_step(config_there: bool, deadline: str | None, chosen: bool) -> Step:
    """What ``init`` says of the default deadline."""
    if config_there:
        if chosen:
            return Step(Label(
                "hạn mặc định: agreements/ppcli.yaml đã có nên giữ nguyên; hãy sửa "
                "default_deadline trong tệp đó",
                "default deadline: agreements/ppcli.yaml already exists and is kept; edit "
                "default_deadline there"), False)
        return Step(Label("hạn mặc định: giữ như trong agreements/ppcli.yaml",
                          "default deadline: as agreements/ppcli.yaml says"), False)
    if deadline is not None:
        return Step(Label(f"hạn mặc định của kho: {deadline} (agreements/ppcli.yaml)",
                          f"repository's default deadline: {deadline} "
                          "(agreements/ppcli.yaml)"), True)
    if chosen:
        return Step(Label(
            "hạn mặc định: chưa chọn; ppcli dùng ngày 25 của tháng cuối kỳ và ghi là hạn giả định",
            "default deadline: none chosen; ppcli uses the 25th of the period's last month "
            "and marks it as assumed"), False)
    return Step(Label(
        "hạn mặc định: không hỏi (không chạy tương tác), giữ mặc định hiện nay: ngày 25 của "
        "tháng cuối kỳ (Nghị định 09/2019/NĐ-CP, Điều 13 khoản 1: hạn UBND cấp tỉnh báo cáo "
        "Chính phủ), ghi là hạn giả định; chọn bằng ppcli init --default-deadline hoặc "
        "default_deadline trong agreements/ppcli.yaml",
        "default deadline: not asked (not interactive), today's default kept: the 25th of the "
        "period's last month (Decree 09/2019/ND-CP, Art. 13(1): provincial People's Committees "
        "reporting to the Government), marked as assumed; choose with ppcli init "
        "--default-deadline or default_deadline in agreements/ppcli.yaml"), False)
