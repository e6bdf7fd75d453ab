"""Time and peak memory of ``ppcli history`` when one old commit holds a huge blob.

    python bench/history_big_blob.py [--mb 400]

The issue (15.8) measured 19 s and 1.26 GB for a 400 MB blob; the blob is now sized
with ``git cat-file --batch-check`` and skipped (over 2 MB) with a note, never read.
Builds a repository with ``git fast-import``: the usual test agreement, then a commit
adding ``agreements/lon.yaml`` of ``--mb`` MB, then a commit changing a deadline.
Prints the seconds and peak RSS (MiB) of ``ppcli history`` in a child process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import AGREEMENT, CONFIG, REGISTRY  # noqa: E402


def build(repo: Path, mb: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    big = b"id: lon\n" + b"# " + b"x" * (mb * 1024 * 1024) + b"\n"
    moved = AGREEMENT.replace("day: 15, month: 12", "day: 10, month: 12").encode()
    stream = bytearray()

    def blob(mark: int, data: bytes) -> None:
        stream.extend(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")

    def commit(mark: int, when: int, message: bytes, files: list[tuple[str, int]],
               parent: int | None) -> None:
        stream.extend(b"commit refs/heads/main\nmark :%d\n" % mark)
        stream.extend(b"committer Bench <bench@example.vn> %d +0700\n" % when)
        stream.extend(b"data %d\n%s\n" % (len(message), message))
        if parent:
            stream.extend(b"from :%d\n" % parent)
        for path, ref in files:
            stream.extend(b"M 100644 :%d %s\n" % (ref, path.encode()))
        stream.extend(b"\n")

    blob(1, CONFIG.encode())
    blob(2, REGISTRY.encode())
    blob(3, AGREEMENT.encode())
    blob(4, big)
    blob(5, moved)
    commit(10, 1704852000, b"Them", [("agreements/ppcli.yaml", 1),
                                     ("agreements/organisations.yaml", 2),
                                     ("agreements/ct-2022.yaml", 3)], None)
    commit(11, 1706752800, b"Tep lon", [("agreements/lon.yaml", 4)], 10)
    commit(12, 1709258400, b"Doi han", [("agreements/ct-2022.yaml", 5)], 11)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=bytes(stream),
                   check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    # the huge file stays in history only: the working tree's files are another reader's
    # business (issue 15.6), not history's
    (repo / "agreements" / "lon.yaml").unlink()


def measure(repo: Path) -> tuple[float, float, str]:
    code = ("import resource, sys; from ppcli.cli.everyday import app; sys.argv = ['ppcli', '--repo', "
            f"{str(repo)!r}, 'history']\ntry:\n    app()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    env = {**os.environ, "PPCLI_NO_CACHE": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    took = time.perf_counter() - start
    rss_kib = int(proc.stderr.strip().splitlines()[-1])
    return took, rss_kib / 1024, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=400)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.build, args.mb)
        return
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "kho"
        # built by another process: a child forked from this one would inherit its peak
        subprocess.run([sys.executable, __file__, "--mb", str(args.mb), "--build", str(repo)],
                       check=True)
        took, rss, out = measure(repo)
    note = [line.strip() for line in out.splitlines() if "quá lớn" in line]
    print(f"blob {args.mb} MB: ppcli history {took:.2f} s, peak RSS {rss:.0f} MiB; {note}")


if __name__ == "__main__":
    main()
