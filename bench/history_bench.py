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
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from ppcli.periods import Frequency, periods_between  # noqa: E402


def record_report(text: str, i: int) -> str:
    """A report recorded: one more item at the end of the records, for the first period
    of the first duty not yet recorded (so that the file stays valid)."""
    data = yaml.safe_load(text)
    duty = data["duties"][0]
    done = {str(r.get("period")) for r in data.get("records") or []
            if r.get("report") == duty["id"]}
    start = data["period"]["start"]
    end = min(data["period"]["end"], dt.date(2026, 10, 31))
    period = next((p for p in periods_between(Frequency(duty["frequency"]), start, end)
                   if p.key not in done and p.end <= end), None)
    if period is None:
        return change_signer(text, i)
    entry = (f"  - report: {duty['id']}\n    period: \"{period.key}\"\n"
             f"    date: {period.end.isoformat()}\n    number: \"{i % 90 + 10}/BC\"\n")
    if "records: []" in text:
        return text.replace("records: []", "records:\n" + entry.rstrip("\n"), 1)
    return text.rstrip("\n") + "\n" + entry


def move_deadline(text: str, i: int) -> str:
    """A deadline moved (or set where there was none)."""
    day = 10 + i % 18
    if re.search(r"deadline: \{day: \d+\}", text):
        return re.sub(r"deadline: \{day: \d+\}", f"deadline: {{day: {day}}}", text, count=1)
    return text.replace("    frequency:", f"    deadline: {{day: {day}}}\n    frequency:", 1)


def change_signer(text: str, i: int) -> str:
    """A signer replaced."""
    return re.sub(r"name: Nguyễn Văn [A-Z]", f"name: Trần Thị {chr(65 + i % 26)}", text,
                  count=1)


EDITS = [record_report, move_deadline, change_signer]


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
            edit = rng.choice(EDITS)
            contents[name] = edit(contents[name].decode(), i).encode()
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
