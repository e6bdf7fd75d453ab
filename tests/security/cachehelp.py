"""What the cache security tests share: a pickle that runs code when loaded, and the
reference output of ``due`` without any cache."""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path

from conftest import run

from ppcli.files.repository import find_repo
from ppcli.files.store import cache_file

DUE = ["due", "--format", "json", "--today", "2024-01-05"]
ADVICE_VI = ("Hãy đặt PPCLI_CACHE_DIR là một thư mục riêng của bạn (hoặc PPCLI_NO_CACHE=1 "
             "để tắt bộ nhớ đệm).")
ADVICE_EN = ("Set PPCLI_CACHE_DIR to a folder of your own (or PPCLI_NO_CACHE=1 to turn the "
             "cache off).")


class _Payload:
    """Unpickling this creates ``marker``: proof that loading the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def evil_pickle(marker: Path) -> bytes:
    return pickle.dumps(_Payload(marker))


def plant(folder: Path, repo: Path, marker: Path, kind: str = "schedules") -> Path:
    """The pickle, where this version of ppcli looks for the repository's cache file."""
    path = cache_file(folder, find_repo(repo), kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(evil_pickle(marker))
    return path


def due_without_cache(repo: Path) -> str:
    return run(DUE, repo, env={"PPCLI_NO_CACHE": "1"}).stdout


def refused_vi(reason: str) -> str:
    return f"Cảnh báo: không dùng bộ nhớ đệm vì {reason}. {ADVICE_VI}\n"


def refused_en(reason: str) -> str:
    return f"Warning: the cache is not used because {reason}. {ADVICE_EN}\n"


def git_init(repo: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)


def chown_possible() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
