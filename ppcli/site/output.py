"""The site's folder, written safely and re-written without harm.

- Each file is replaced in one step (:func:`ppcli.files.fileio.atomic_write`): a browser
  open on the old site never sees half a page.
- The folder and its subfolders must not be symbolic links (a committed ``site -> ~``
  would write elsewhere); a link or anything but a regular file where a page goes is
  refused, never followed or replaced.
- ``.ppcli-site.json`` lists the files the last run wrote. A re-run replaces those,
  removes those it no longer makes (an agreement deleted since), and never touches a
  file it did not write: a folder that already holds files but no such list is refused
  (choose an empty or new folder), and so is a file of ours that someone put in its place.
- File names come from ids (ASCII slugs); :func:`page_name` keeps them valid on Windows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from pathlib import Path

from ppcli.files.fileio import FileProblem, atomic_write, os_problem
from ppcli.files.safe_read import is_link, read_bounded
from ppcli.i18n import Label

MANIFEST = ".ppcli-site.json"
MANIFEST_LIMIT = 16 * 1048576
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_RELATIVE = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)?[a-z0-9][a-z0-9._-]*$")
# names Windows keeps for devices, with any extension (con.html is no file there)
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM = 120  # a page's name stays well inside Windows' 260-character paths


def page_name(ident: str) -> str:
    """A file name (without ``.html``) for an id: the id itself when it is a safe
    lower-case slug, else a readable part and a digest. Never a Windows device name,
    never a dot-file, and no two ids share one (the digest covers any change)."""
    stem = ident
    if not _NAME.match(ident) or len(ident) > MAX_STEM or ident.endswith("."):
        readable = re.sub(r"[^a-z0-9-]+", "-", ident.lower()).strip("-")[:40] or "x"
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:12]
        stem = f"{readable}-{digest}"
    if stem.split(".", 1)[0] in _RESERVED:
        stem = "_" + stem
    return stem


def _refuse(vi: str, en: str, status: int = 3) -> FileProblem:
    problem = FileProblem(Label(vi, en))
    problem.status = status
    return problem


class SiteFolder:
    """Writes the files of one run into ``folder`` (see the module's text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: set[str] = set()
        self.previous: set[str] = set()
        where = str(folder)
        if is_link(folder):
            raise _refuse(
                f"-o {where}: thư mục là một liên kết (symlink); vì an toàn ppcli không ghi qua "
                "liên kết — hãy chọn một thư mục thật",
                f"-o {where}: the folder is a symbolic link; for safety ppcli does not write "
                "through a link — choose a real folder")
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise os_problem(exc, where) from None
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise _refuse(f"-o {where}: đã có một tệp cùng tên, không phải thư mục; hãy chọn "
                          "tên khác", f"-o {where}: a file of that name exists, not a folder; "
                          "choose another name", status=2)
        if info is not None:
            self.previous = self._read_manifest()
            if not self.previous and any(folder.iterdir()):
                raise _refuse(
                    f"-o {where}: thư mục đã có tệp không do ppcli site tạo (không có "
                    f"{MANIFEST}); ppcli không ghi đè hay xóa chúng — hãy chọn một thư mục "
                    "trống hoặc chưa có",
                    f"-o {where}: the folder holds files not written by ppcli site (no "
                    f"{MANIFEST}); ppcli neither overwrites nor deletes them — choose an "
                    "empty or new folder", status=2)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_problem(exc, where) from None

    def _read_manifest(self) -> set[str]:
        path = self.folder / MANIFEST
        if not path.exists() and not is_link(path):
            return set()
        try:
            data = json.loads(read_bounded(path, MANIFEST_LIMIT, follow_links=False))
            files = data["files"] if data.get("generator") == "ppcli site" else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            files = None
        if not isinstance(files, list):
            raise _refuse(
                f"{path}: không đọc được danh sách tệp của lần chạy trước; hãy xóa thư mục "
                f"{self.folder} hoặc chọn thư mục khác",
                f"{path}: the list of files of the last run cannot be read; remove the folder "
                f"{self.folder} or choose another one")
        # only names this module could have written: nothing else is ever removed
        return {f for f in files if isinstance(f, str) and _RELATIVE.match(f)}

    def write(self, rel: str, data: bytes) -> None:
        """Write the file ``rel`` (``index.html``, ``a/<name>.html``…)."""
        assert _RELATIVE.match(rel), rel  # names are made by page_name, never taken raw
        target = self.folder / rel
        parent = target.parent
        if parent != self.folder:
            if is_link(parent):
                raise _refuse(f"{parent} là một liên kết (symlink); ppcli không ghi qua liên kết",
                              f"{parent} is a symbolic link; ppcli does not write through it")
            try:
                parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise os_problem(exc, parent) from None
        try:
            info: os.stat_result | None = os.lstat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise os_problem(exc, target) from None
        if info is not None and (not stat.S_ISREG(info.st_mode) or is_link(target)):
            raise _refuse(
                f"{target} không phải tệp thường (liên kết, thư mục…); ppcli không ghi đè lên "
                "đó — hãy xóa nó rồi chạy lại",
                f"{target} is not a regular file (a link, a folder…); ppcli does not write "
                "over it — remove it and run again")
        if info is not None and rel not in self.previous and rel not in self.written:
            raise _refuse(
                f"{target} đã có nhưng không do ppcli site ghi; ppcli không ghi đè — hãy "
                "chuyển nó đi rồi chạy lại",
                f"{target} exists but was not written by ppcli site; ppcli does not overwrite "
                "it — move it away and run again", status=2)
        try:
            atomic_write(target, data, sync=False)
        except OSError as exc:
            raise os_problem(exc, target) from None
        self.written.add(rel)

    def keep(self) -> None:
        """After a failed run: list what the last run and this one wrote, remove nothing,
        so that the next run may replace them all."""
        self._write_manifest(self.previous | self.written)

    def finish(self) -> int:
        """Remove what the last run wrote and this one did not; write the list. Returns
        how many files were removed."""
        removed = 0
        for rel in sorted(self.previous - self.written):
            path = self.folder / rel
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode):
                    try:
                        os.unlink(path)
                    except OSError as exc:
                        raise os_problem(exc, path) from None
                    removed += 1
        self._write_manifest(self.written)
        return removed

    def _write_manifest(self, files: set[str]) -> None:
        manifest = {"generator": "ppcli site", "files": sorted(files)}
        try:
            atomic_write(self.folder / MANIFEST,
                         json.dumps(manifest, indent=0).encode("utf-8"))
        except OSError as exc:
            raise os_problem(exc, self.folder / MANIFEST) from None
