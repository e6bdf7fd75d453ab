"""Finding the agreements repository and loading every file in it.

A repository is a folder holding ``agreements/`` with the configuration
``agreements/ppcli.yaml`` in it. Without ``--repo`` ppcli looks for one from the
current folder upward, the way git finds its ``.git``. Like git's ``safe.directory``,
the search stops at a folder the user does not own: another user's
``agreements/ppcli.yaml`` one level up is never used unless ``--repo`` names it
(on Windows, where folders have no such owner, the check is skipped).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from ppcli.diagnostics import Diagnostic, diag
from ppcli.errors import EnvironmentProblem
from ppcli.files.declaration import (
    AGREEMENT,
    AGREEMENTS_DIR,
    CONFIG,
    CONFIG_FILE,
    REGISTRY,
    REGISTRY_FILE,
)
from ppcli.files.model import (
    Agreement,
    Config,
    Registry,
    Where,
)
from ppcli.files.spec import Checked, Context, Obj, check
from ppcli.files.spec import load as load_model
from ppcli.files.yamlsource import Source, parse_bytes, read_file
from ppcli.i18n import Label

YAML_SUFFIXES = (".yaml", ".yml")
_M = TypeVar("_M")


class RepoNotFound(EnvironmentProblem):
    """No agreements repository where one was looked for (exit status 3)."""

    def __init__(self, start: Path, explicit: bool) -> None:
        if explicit:
            label = Label(f"\"{start}\" không phải kho thỏa thuận (không có "
                          f"agreements/ppcli.yaml)",
                          f"\"{start}\" is not an agreements repository (no "
                          f"agreements/ppcli.yaml)")
        else:
            label = Label("không tìm thấy kho thỏa thuận (thư mục có agreements/ppcli.yaml) "
                          "ở thư mục hiện tại hay các thư mục cha; hãy chuyển vào kho hoặc "
                          "dùng --repo",
                          "no agreements repository (a folder with agreements/ppcli.yaml) "
                          "here or above; change into one or use --repo")
        super().__init__(label)
        self.start = start
        self.explicit = explicit


class ForeignRepo(EnvironmentProblem):
    """The search found a repository in a folder owned by another user (exit status 3)."""

    def __init__(self, folder: Path, root: Path | None = None) -> None:
        root = root or folder  # --repo names the repository, not its agreements/ folder
        super().__init__(Label(
            f"thư mục \"{folder}\" chứa kho thỏa thuận nhưng thuộc về người dùng khác nên "
            f"ppcli không dùng nó (ai có quyền ghi vào đó có thể đổi dữ liệu, mẫu của bạn). "
            f"Nếu tin tưởng kho này, hãy chỉ rõ: --repo \"{root}\"",
            f"the folder \"{folder}\" holds an agreements repository but belongs to another "
            f"user, so ppcli does not use it (whoever can write there can change your data "
            f"and templates). If you trust it, name it: --repo \"{root}\""))
        self.folder = folder


def owned_by_user(folder: Path) -> bool:
    """Whether the current user owns ``folder`` (always true on Windows)."""
    if os.name == "nt" or not hasattr(os, "geteuid"):
        return True
    try:
        return folder.stat().st_uid == os.geteuid()
    except OSError:
        return False


@dataclass(frozen=True)
class Repo:
    root: Path  # the folder that holds agreements/
    data: Path  # the agreements/ folder

    def shown(self, file: Path) -> str:
        """A file's path as printed: relative to the repository root, '/' separators."""
        with contextlib.suppress(ValueError):  # the common case, without touching the disk
            return file.relative_to(self.root).as_posix()
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    @property
    def config_file(self) -> Path:
        return self.data / CONFIG_FILE

    @property
    def registry_file(self) -> Path:
        return self.data / REGISTRY_FILE


def _repo_at(folder: Path) -> Repo | None:
    if (folder / AGREEMENTS_DIR / CONFIG_FILE).is_file():
        return Repo(folder, folder / AGREEMENTS_DIR)
    if (folder / CONFIG_FILE).is_file() and folder.name == AGREEMENTS_DIR:
        return Repo(folder.parent, folder)
    return None


def find_repo(start: Path, explicit: Path | None = None) -> Repo:
    """The repository at ``explicit`` (``--repo``/``PPCLI_REPO``), else the nearest one
    at or above ``start`` that the user owns.

    The search stops at the first folder the user does not own: if that folder holds a
    repository, :class:`ForeignRepo` says so (``--repo`` opens it); otherwise nothing is
    found. A repository's ``agreements/`` folder owned by someone else stops it too.
    """
    if explicit is not None:
        repo = _repo_at(explicit.resolve())
        if repo is None:
            raise RepoNotFound(explicit, explicit=True)
        return repo
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if not owned_by_user(candidate):
            if _repo_at(candidate) is not None:
                raise ForeignRepo(candidate)
            break
        repo = _repo_at(candidate)
        if repo is not None:
            for part in (repo.root, repo.data):
                if not owned_by_user(part):
                    raise ForeignRepo(part, repo.root)
            return repo
    raise RepoNotFound(start, explicit=False)


def agreement_files(repo: Repo) -> list[Path]:
    """Every agreement file, sorted; hidden folders and the two special files skipped."""
    return [path for _, path in agreement_files_shown(repo)]


def agreement_files_shown(repo: Repo) -> list[tuple[str, Path]]:
    """Every agreement file with its path as shown (relative to the repository root)."""
    out: list[tuple[str, Path]] = []
    special = {CONFIG_FILE, REGISTRY_FILE}
    for dirpath, dirnames, filenames in os.walk(repo.data):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "_"))]
        folder = Path(dirpath)
        rel = folder.relative_to(repo.data).as_posix()
        at_top = rel == "."
        for name in filenames:
            if not name.endswith(YAML_SUFFIXES) or name.startswith((".", "_")):
                continue
            if at_top and name in special:
                continue
            out.append((name if at_top else f"{rel}/{name}", folder / name))
    prefix = repo.shown(repo.data)
    return [(f"{prefix}/{rel}", path) for rel, path in sorted(out)]


@dataclass
class Loaded:
    """Everything in a repository that could be read, and what could not."""

    repo: Repo
    config: Config
    registry: Registry
    agreements: list[Agreement] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    # agreement ids seen in files that failed their own checks: not "unknown"
    broken_ids: set[str] = field(default_factory=set)
    # (list name, id) of items dropped for their own errors, per agreement id
    broken_items: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    files: int = 0  # files read, the configuration and the registry included
    registry_missing: bool = False

    def add(self, agreement: Agreement | None, ctx: Context, written_id: str | None) -> None:
        """One agreement file's result: the agreement, or the id of a broken file."""
        self.diags.extend(ctx.diags)
        if agreement is not None:
            self.agreements.append(agreement)
            if ctx.broken_ids:  # most files have none: no empty set kept for each
                self.broken_items[agreement.id] = ctx.broken_ids
        else:  # a file not even read gives its id by its name (ids match file names)
            self.broken_ids.add(written_id or ctx.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])


def load_checked(file: Path, shown: str, spec: Obj[object], data: bytes | None = None
                 ) -> tuple[Checked | None, Context, Source | None]:
    """One file read (unless its ``data`` is given) and checked against its spec, as plain
    mappings (what history compares); :func:`load_agreement` builds the model instead."""
    ctx = Context(shown)
    source = _read(file, shown, data, ctx)
    if source is None or source.root is None:
        return None, ctx, source
    return check(source.root, spec, ctx), ctx, source


def _read(file: Path, shown: str, data: bytes | None, ctx: Context) -> Source | None:
    source, diags = read_file(file, shown) if data is None else parse_bytes(shown, data)
    ctx.diags.extend(diags)
    if source is not None and source.root is not None:
        ctx.scan(source.text)
    return source


def _load_model(file: Path, shown: str, spec: Obj[_M], data: bytes | None,
                where: Where | None = None, positions: bool = True
                ) -> tuple[_M | None, Context, Source | None]:
    """One file read (unless its ``data`` is given), checked and built into the model in
    one pass, its positions going to ``where`` (unless not wanted); the model is given
    ``where``."""
    ctx = Context(shown, where if positions else None)
    source = _read(file, shown, data, ctx)
    if source is None or source.root is None:
        return None, ctx, source
    extra = {} if where is None else {"where": where}
    return load_model(source.root, spec, ctx, **extra), ctx, source


def load_agreement(file: Path, shown: str, content: bytes | None = None, *,
                   positions: bool = True) -> tuple[Agreement | None, Context, str | None]:
    """An agreement file: the agreement (None if unusable), the check context, and the
    id written in it (even when the rest is broken). Without ``positions`` its ``where``
    knows no position (``at`` gives 1:1): for what never points into the file, such as
    a schedule."""
    where = Where(shown)
    agreement, ctx, source = _load_model(file, shown, AGREEMENT, content, where, positions)
    if agreement is None:
        root = source.root if source else None
        if isinstance(root, yaml.MappingNode):
            written = next((v.value for k, v in root.value
                            if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
            return None, ctx, written
        return None, ctx, None
    return agreement, ctx, agreement.id


def load(repo: Repo, only: Iterable[Path] | None = None) -> Loaded:
    """Load the configuration, the registry and the agreements (all, or ``only``).
    (The command line pauses the garbage collector for its whole run: loading builds
    millions of small objects that all stay alive; see :func:`ppcli.cli.everyday.main`.)"""
    return _load(repo, only)


def load_meta(repo: Repo, contents: Mapping[str, bytes] | None = None) -> Loaded:
    """The configuration and the registry, without the agreements; from ``contents``
    (shown path -> bytes, e.g. an old revision) instead of the disk when given."""
    diags: list[Diagnostic] = []
    config_shown = repo.shown(repo.config_file)
    config, ctx, _ = _load_model(
        repo.config_file, config_shown, CONFIG,
        contents.get(config_shown, b"") if contents is not None else None)
    diags.extend(ctx.diags)

    shown = repo.shown(repo.registry_file)
    present = (shown in contents if contents is not None
               else os.path.lexists(repo.registry_file))  # a FIFO or a link: read_file says
    if present:
        where = Where(shown)
        found, ctx, _ = _load_model(
            repo.registry_file, shown, REGISTRY,
            contents[shown] if contents is not None else None, where)
        diags.extend(ctx.diags)
        registry = found or Registry.of(where)
    else:
        diags.append(diag(config_shown, 1, 1, "PP080", file=shown))
        registry = Registry.of(Where(shown))
    return Loaded(repo, config or Config(), registry, diags=diags,
                  registry_missing=not present)


def load_contents(repo: Repo, contents: Mapping[str, bytes]) -> Loaded:
    """The repository as given by file contents (shown path -> bytes), e.g. at an old
    revision: the same checks as :func:`load`, nothing read from the disk."""
    loaded = load_meta(repo, contents)
    special = {repo.shown(repo.config_file), repo.shown(repo.registry_file)}
    names = sorted(p for p in contents if p not in special)
    loaded.files = len(names) + 2
    for shown in names:
        loaded.add(*load_agreement(repo.root / shown, shown, contents[shown]))
    return loaded


def _load(repo: Repo, only: Iterable[Path] | None) -> Loaded:
    loaded = load_meta(repo)
    files = agreement_files(repo) if only is None else list(only)
    loaded.files = len(files) + 2
    for file in files:
        loaded.add(*load_agreement(file, repo.shown(file)))
    return loaded


def select_files(repo: Repo, paths: Iterable[Path]) -> tuple[list[str], list[Diagnostic]]:
    """The files named on the command line, as shown in diagnostics, and diagnostics for
    those that do not exist or lie outside the agreements folder."""
    shown: list[str] = []
    diags: list[Diagnostic] = []
    data = repo.data.resolve()
    for path in paths:
        name = repo.shown(path)
        if not path.is_file():
            diags.append(diag(name, 1, 1, "PP081", file=name))
        elif data not in path.resolve().parents:
            diags.append(diag(name, 1, 1, "PP082", file=name, folder=f"{AGREEMENTS_DIR}/"))
        else:
            shown.append(name)
    return shown, diags
