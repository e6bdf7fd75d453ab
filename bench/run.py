"""Time ``ppcli validate`` and ``ppcli due`` on a generated repository of 5,000 agreements.

    python bench/run.py [--agreements 5000] [--repeat 3] [--keep DIR]

Prints, in seconds (best of ``--repeat``):

* ``bare``: parsing every agreement file with PyYAML's C loader (``yaml.load`` with
  ``CSafeLoader``), the floor for anything that reads the files;
* ``validate``: ``ppcli validate`` on every file (target: within 2x bare);
* ``help``: ``ppcli --help`` (target: under 0.3 s);
* ``first``: ``ppcli due`` with an empty cache (what a clerk waits for after a pull
  that changed everything);
* ``repeat``: ``ppcli due`` again with unchanged files (the weekly run);
* ``repeat-json``: the same with ``--format json``;
* ``startup``: ``ppcli --version`` (Python and the imports: the floor of any run);
* ``one-changed``: ``ppcli due`` after one file was edited.

With ``--baseline SRC`` (another ppcli source tree, e.g. ``git archive <commit> | tar -x
-C SRC``), only the warm ``ppcli due`` is timed, alternating this tree and SRC run by
run (each with its own warmed cache folder, so neither evicts the other's), and the
medians and their ratio are printed (issue 15: the cache without pickle may be at most
1.2x the warm run with it). Alternating pairs keep a busy machine from favouring one.

The generated repository's listing is long (about 10,000 items: 2% of past reports
left unrecorded, every report due in the next 30 days), so formatting is part of what
is measured.

Targets: validate <= 2 x bare, help < 0.3 s (issue "Agreement files"); due first run
<= 1.5 x bare, repeat < 0.5 s (issue "ppcli due").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TODAY = "2026-11-22"


def bare(repo: Path) -> float:
    files = sorted((repo / "agreements").rglob("*.yaml"))
    start = time.perf_counter()
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def ppcli_due(repo: Path, env: dict[str, str], fmt: str = "table") -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(repo), "due", "--today", TODAY,
                    "--format", fmt], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _cpu_of_children() -> float:
    """User + system time of finished child processes (POSIX; NaN elsewhere)."""
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare_warm(repo: Path, baseline: Path, work: Path, repeat: int) -> None:
    """Warm ``ppcli due`` of this tree and of ``baseline``, alternating; medians of the
    wall time and of the CPU time (user + system: less disturbed by a busy machine)."""
    trees = {"this": Path(__file__).resolve().parent.parent, "baseline": baseline.resolve()}
    envs = {name: {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(tree),
                   "PPCLI_CACHE_DIR": str(work / f"cache-{name}")}
            for name, tree in trees.items()}
    for env in envs.values():  # fill the caches (twice: the second run stores what the
        ppcli_due(repo, env)    # first one could not trust yet, such as racy stats)
        ppcli_due(repo, env)
    wall: dict[str, list[float]] = {name: [] for name in trees}
    cpu: dict[str, list[float]] = {name: [] for name in trees}
    for i in range(repeat):
        order = list(trees) if i % 2 == 0 else list(reversed(trees))
        for name in order:
            before = _cpu_of_children()
            wall[name].append(ppcli_due(repo, envs[name]))
            cpu[name].append(_cpu_of_children() - before)
    for name in trees:
        print(f"warm due ({name}): wall median {statistics.median(wall[name]):.3f} s "
              f"(best {min(wall[name]):.3f}), CPU median {statistics.median(cpu[name]):.3f} s "
              f"(best {min(cpu[name]):.3f}), {repeat} runs  [{trees[name]}]")
    for label, values in (("wall", wall), ("CPU", cpu)):
        ratio = statistics.median(values["this"]) / statistics.median(values["baseline"])
        print(f"warm due this / baseline, {label} medians: {ratio:.2f} (target <= 1.2)")


def _command(repo: Path, env: dict[str, str], args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(repo), *args], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _startup(env: dict[str, str]) -> float:
    """``ppcli --version``: the interpreter and imports, the floor of any run."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ppcli", "--version"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--baseline", type=Path,
                        help="another ppcli source tree: compare the warm due only")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ppcli-bench-"))
    repo = args.keep or work / "repo"
    if not (repo / "agreements").is_dir():
        generate(repo, args.count, seed=1)
    if args.baseline is not None:
        try:
            compare_warm(repo, args.baseline, work, args.repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    cache = work / "cache"
    env = {**os.environ, "PPCLI_CACHE_DIR": str(cache)}
    try:
        results: dict[str, float] = {}
        results["bare"] = min(bare(repo) for _ in range(args.repeat))
        results["validate"] = min(_command(repo, env, ["validate"]) for _ in range(args.repeat))
        results["help"] = min(_command(repo, env, ["--help"]) for _ in range(args.repeat))
        firsts = []
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            firsts.append(ppcli_due(repo, env))
        results["first"] = min(firsts)
        results["repeat"] = min(ppcli_due(repo, env) for _ in range(args.repeat))
        results["repeat-json"] = min(ppcli_due(repo, env, "json") for _ in range(args.repeat))
        results["startup"] = min(_startup(env) for _ in range(args.repeat))
        victim = next((repo / "agreements").rglob("*-tt-*.yaml"))
        original = victim.read_bytes()
        changed = []
        for i in range(args.repeat):
            victim.write_bytes(original + f"notes: lần sửa {i}\n".encode())
            changed.append(ppcli_due(repo, env))
        victim.write_bytes(original)
        results["one-changed"] = min(changed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    count = len(list((repo / "agreements").rglob("*.yaml")))
    print(f"files: {count}")
    for name, seconds in results.items():
        print(f"{name:12s} {seconds:7.2f} s")
    size = sum(p.stat().st_size for p in (repo / "agreements").rglob("*.yaml")) / 1e6
    print(f"size: {size:.1f} MB")
    print(f"validate / bare: {results['validate'] / results['bare']:.2f} (target <= 2); "
          f"help: {results['help']:.2f} s (target < 0.3)")
    ratio = results["first"] / results["bare"]
    print(f"due first / bare: {ratio:.2f} (target <= 1.5); repeat: {results['repeat']:.2f} s "
          f"(target < 0.5)")


if __name__ == "__main__":
    main()
