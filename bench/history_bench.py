"""Time ``ppcli history`` against ``git log -p`` on a repository with a long history.

    python bench/history_bench.py [--count 5000] [--commits 2000] [--keep DIR]

Builds (with ``git fast-import``, in seconds) a repository whose first commit adds the
generated corpus (bench/generate.py) and whose following commits each change one to
three agreements the way clerks do: a report recorded, a deadline moved, a conference
rescheduled, a signer changed. Then times, best of ``--repeat``:

* ``git log -p`` over the agreements folder (the target: ppcli history <= 2x this);
* ``ppcli history`` with an empty cache (every commit worked out), then again (commits
  already worked out come from the cache: a commit never changes), and with
  ``--format json``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

EDITS = [
    ("records: []", "records:\n  - report: bao-cao-0\n    period: \"2025\"\n"
                    "    date: 2025-12-20\n"),
    ("    title: Báo cáo kết quả thực hiện số 0\n",
     "    title: Báo cáo kết quả thực hiện số 0\n    deadline: {day: 20}\n"),
    ("      position: Giám đốc\n", "      position: Phó Giám đốc\n"),
]


def build(repo: Path, agreements: int, commits: int, seed: int = 3) -> None:
    generate(repo, agreements, seed=1)
    files = sorted(p for p in (repo / "agreements").rglob("*.yaml"))
    contents = {p.relative_to(repo).as_posix(): p.read_bytes() for p in files}
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    stream = bytearray()
    when = 1_700_000_000

    def commit(message: str, changed: dict[str, bytes]) -> None:
        # fast-import chains commits on a branch by itself: each one's parent is the last
        nonlocal when
        when += 3600
        msg = message.encode()
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(f"committer Văn Thư <vanthu@example.vn> {when} +0700\n".encode())
        stream.extend(b"data %d\n%s\n" % (len(msg), msg))
        for path, data in changed.items():
            stream.extend(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)))
            stream.extend(data + b"\n")

    commit("Nhập các thỏa thuận", contents)
    names = [n for n in contents if "-tt-" in n]
    for i in range(commits - 1):
        changed = {}
        for name in rng.sample(names, rng.randint(1, 3)):
            text = contents[name].decode()
            old, new = rng.choice(EDITS)
            if old in text:
                text = text.replace(old, new, 1)
            else:
                text += f"notes: sửa lần {i}\n"
            contents[name] = text.encode()
            changed[name] = contents[name]
        commit(f"Cập nhật {i}", changed)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ppcli-history-"))
    repo = args.keep or work / "repo"
    try:
        if not (repo / ".git").is_dir():
            start = time.perf_counter()
            build(repo, args.count, args.commits)
            print(f"built in {time.perf_counter() - start:.1f} s")
        git_log = min(timed(["git", "log", "-p", "--", "agreements"], repo)
                      for _ in range(args.repeat))
        ppcli = [sys.executable, "-m", "ppcli", "--repo", str(repo), "history"]
        cache = work / "cache"
        os.environ["PPCLI_CACHE_DIR"] = str(cache)
        colds = []
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(timed(ppcli, repo))
        cold = min(colds)
        text = min(timed(ppcli, repo) for _ in range(args.repeat))
        json_ = min(timed([*ppcli, "--format", "json"], repo) for _ in range(args.repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"git log -p      {git_log:7.2f} s")
    print(f"ppcli history   {cold:7.2f} s  first run, empty cache ({cold / git_log:.1f}x)")
    print(f"ppcli history   {text:7.2f} s  again ({text / git_log:.2f}x, target <= 2x)")
    print(f"  --format json {json_:7.2f} s")


if __name__ == "__main__":
    main()
