"""Time ``ppcli site`` against a cold ``ppcli due`` on a generated repository.

    python bench/site_bench.py [--count 5000] [--repeat 2] [--keep DIR]

Both runs start with an empty cache (``site`` reads every file in full, as ``due`` does
after a pull that changed everything), alternating ``due`` and ``site`` so that a busy
machine slows both alike; the medians of the wall time and of the CPU time (user +
system, less disturbed by a busy machine) and their ratios are printed beside the target
(issue 13: the site in under 3x a cold ``due``), with the number of pages and the size
of the largest (the due list is split into pages of 2,000 rows).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import _cpu_of_children  # noqa: E402  (one measure of CPU for every bench)

TODAY = "2026-11-22"
TARGET = 3.0


def _timed(repo: Path, cache: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run with an empty cache."""
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PPCLI_CACHE_DIR": str(cache)}
    cpu = _cpu_of_children()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(repo), *args], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, _cpu_of_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ppcli-site-bench-"))
    repo = args.keep or work / "repo"
    if not (repo / "agreements").is_dir():
        generate(repo, args.count, seed=1)
    out = work / "site"
    due: list[tuple[float, float]] = []
    site: list[tuple[float, float]] = []
    try:
        for _ in range(args.repeat):
            due.append(_timed(repo, work / "cache", ["due", "--today", TODAY]))
            shutil.rmtree(out, ignore_errors=True)
            site.append(_timed(repo, work / "cache", ["site", "-o", str(out), "--today", TODAY]))
        pages = [p for p in out.rglob("*.html")]
        largest = max(pages, key=lambda p: p.stat().st_size)
        total = sum(p.stat().st_size for p in pages) / 1e6
        print(f"agreements: {len(list((repo / 'agreements').rglob('*.yaml'))) - 2}")
        for name, runs in (("cold due", due), ("site", site)):
            print(f"{name:9s} wall {statistics.median(r[0] for r in runs):7.2f} s, cpu "
                  f"{statistics.median(r[1] for r in runs):7.2f} s  (runs: "
                  f"{', '.join(f'{w:.2f}/{c:.2f}' for w, c in runs)})")
        print(f"pages: {len(pages)}, {total:.0f} MB; largest {largest.relative_to(out)} "
              f"{largest.stat().st_size / 1e6:.2f} MB")
        for what, i in (("wall", 0), ("cpu", 1)):
            ratio = statistics.median(r[i] for r in site) / statistics.median(r[i] for r in due)
            print(f"site / cold due, {what} medians: {ratio:.2f} (target < {TARGET:.0f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
