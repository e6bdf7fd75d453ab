"""Start-up of ``ppcli --help`` against a minimal typer app with two commands
(bench/typer_reference.py), measured side by side in one run.

    python bench/startup.py [--runs N]

Each round runs both, alternating, in fresh interpreters (``python -m ppcli --help``
and ``python bench/typer_reference.py --help``, output to a pipe); the median of each is
printed with the ratio and its target (ppcli ≤ 1.3 × the reference, issue 10). Exit 1
when the target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.3


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    ppcli = [sys.executable, "-m", "ppcli", "--help"]
    reference = [sys.executable, str(HERE / "typer_reference.py"), "--help"]
    for cmd in (ppcli, reference):  # warm the file cache and the .pyc files
        _time(cmd, env)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):
        mine.append(_time(ppcli, env))
        theirs.append(_time(reference, env))
    a, b = statistics.median(mine), statistics.median(theirs)
    ratio = a / b
    print(f"ppcli --help            {a * 1000:7.1f} ms (median of {args.runs})")
    print(f"typer app, 2 commands   {b * 1000:7.1f} ms")
    print(f"ratio                   {ratio:7.2f}   (target ≤ {TARGET})  "
          f"{'ok' if ratio <= TARGET else 'MISSED'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
