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

With ``--issue16`` (also run after the cases above), issue 16's cases: warm ``due`` in a
pseudo-terminal with colour against ``NO_COLOR=1`` (<= 1.15); ``validate ONE.yaml``,
``validate`` with one file changed, ``show ID`` and ``render`` against a warm ``due``
(<= 1.2); cold ``validate`` and ``due`` against the C-loader parse on one core (<= 0.65 on
2 cores) and on all cores (<= 1.3); peak memory in MiB (``validate`` <= 600 at 50,000
files, warm ``due`` <= 300). Medians of alternating runs, with the CPU count.

Every ``ppcli`` run is timed as installed: with Python's compiled modules kept (see
:func:`installed`), whatever PYTHONDONTWRITEBYTECODE says.

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
    envs = {name: installed({**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(tree),
                             "PPCLI_CACHE_DIR": str(work / f"cache-{name}")}, work / name)
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


def installed(env: dict[str, str], work: Path) -> dict[str, str]:
    """``env`` for ppcli's runs as on a clerk's machine, where ``pip install`` compiled
    every module once: Python's compiled files kept (in a folder of this run, not in the
    source tree), even when the shell says not to write them (PYTHONDONTWRITEBYTECODE,
    set on some machines: each run then compiles some 340 modules again, about 0.5 s).
    The first run of each case writes them; the cases below start with an untimed run."""
    out = {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


# -- issue 16: a colour terminal, the per-file cache, the pool, memory ----------------------


def measure(args: list[str], env: dict[str, str], tty: bool = False) -> tuple[float, float]:
    """One ``ppcli`` run: wall seconds and peak resident memory in MiB (the one memory
    measure of the bench: the child's ``ru_maxrss``, from ``os.wait4``; NaN where there
    is none). With ``tty``, its output goes to a pseudo-terminal (of 120 columns) that
    is read to the end, as a clerk's terminal would."""
    command = [sys.executable, "-m", "ppcli", *args]
    start = time.perf_counter()
    if tty:
        import fcntl
        import struct
        import termios
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
        proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        while True:
            try:
                if not os.read(master, 1 << 16):
                    break
            except OSError:  # EIO: the child closed the terminal
                break
        os.close(master)
    else:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)
    wait4 = getattr(os, "wait4", None)
    if wait4 is None:  # Windows
        proc.wait()
        return time.perf_counter() - start, float("nan")
    _, _, usage = wait4(proc.pid, 0)
    proc.returncode = 0
    seconds = time.perf_counter() - start
    scale = 1 if sys.platform == "darwin" else 1024  # macOS: bytes; Linux: KiB
    return seconds, usage.ru_maxrss * scale / 2**20


def _parse(paths: list[Path]) -> int:
    for file in paths:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(paths)


def bare_all_cores(repo: Path, jobs: int) -> float:
    """The C-loader parse of every file on ``jobs`` processes (workers started first)."""
    from concurrent.futures import ProcessPoolExecutor

    files = sorted((repo / "agreements").rglob("*.yaml"))
    parts = [files[i::jobs * 4] for i in range(jobs * 4)]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_parse, [[] for _ in range(jobs)]))  # start the workers
        start = time.perf_counter()
        sum(pool.map(_parse, parts))
        return time.perf_counter() - start


def _alternate(runs: dict[str, tuple[list[str], dict[str, str], bool]], repeat: int
               ) -> dict[str, tuple[float, float]]:
    """Each run ``repeat`` times, alternating (a busy machine favours none): the median
    wall time and the highest peak memory of each."""
    wall: dict[str, list[float]] = {name: [] for name in runs}
    peak: dict[str, float] = dict.fromkeys(runs, 0.0)
    for i in range(repeat):
        for name in (list(runs) if i % 2 == 0 else list(reversed(runs))):
            args, env, tty = runs[name]
            seconds, mib = measure(args, env, tty)
            wall[name].append(seconds)
            peak[name] = max(peak[name], mib)
    return {name: (statistics.median(wall[name]), peak[name]) for name in runs}


def _load() -> str:
    """The load averages (1, 5, 15 minutes), where the system says them."""
    getloadavg = getattr(os, "getloadavg", None)
    return " ".join(f"{v:.2f}" for v in getloadavg()) if getloadavg else "?"


def _ratio(label: str, value: float, base: float, target: str) -> None:
    print(f"{label}: {value / base:.2f} (target {target})")


def speed16(repo: Path, work: Path, repeat: int, cold_only: bool = False) -> None:
    """The cases of issue 16, each as a ratio printed beside its target; medians of
    alternating runs; ``nproc`` printed with them."""
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
    cache = work / "cache16"
    env = installed({**os.environ, "PPCLI_CACHE_DIR": str(cache), "TERM": "xterm-256color"},
                    work)
    env.pop("NO_COLOR", None)
    plain = {**env, "NO_COLOR": "1"}
    r = ["--repo", str(repo)]
    due = [*r, "due", "--today", TODAY]
    files = sorted((repo / "agreements").rglob("*-tt-*.yaml"))
    victim, shown_id = files[len(files) // 2], files[len(files) // 2].stem
    doc = yaml.load(victim.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    duty, year = doc["duties"][0], doc["period"]["start"].year
    period = {"hang-nam": f"{year}", "nua-nam": f"{year}-H1", "hang-quy": f"{year}-Q1",
              "hang-thang": f"{year}-01"}[duty["frequency"]]
    print(f"-- issue 16 ({len(files)} agreements, {jobs} CPUs) --")

    # cold: the C-loader parse on one core and on all, validate and due without a cache,
    # round after round (a machine whose load changes meanwhile favours none of them)
    nocache = {**plain, "PPCLI_NO_CACHE": "1"}
    for command in ("validate", "due"):  # untimed: Python compiles the modules once
        measure([*r, command, "--today", TODAY], nocache)
    print(f"load average before: {_load()}")
    singles: list[float] = []
    everys: list[float] = []
    rounds: list[dict[str, tuple[float, float]]] = []
    runs: dict[str, tuple[list[str], dict[str, str], bool]] = {
        "validate --jobs 1": ([*r, "validate", "--today", TODAY, "--jobs", "1"], nocache, False),
        "validate": ([*r, "validate", "--today", TODAY], nocache, False),
        "due": (due, nocache, False)}
    for i in range(repeat):
        singles.append(bare(repo))
        everys.append(bare_all_cores(repo, jobs))
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        rounds.append(_alternate({name: runs[name] for name in order}, 1))
    single, every = statistics.median(singles), statistics.median(everys)
    cold = {name: (statistics.median(one[name][0] for one in rounds),
                   max(one[name][1] for one in rounds)) for name in rounds[0]}
    print(f"load average after: {_load()}")
    print(f"bare parse: one core {single:.2f} s, {jobs} cores {every:.2f} s")
    for name, (seconds, mib) in cold.items():
        print(f"cold {name:18s} {seconds:6.2f} s  peak {mib:6.0f} MiB")
    for name in ("validate", "due"):
        _ratio(f"cold {name} / bare one core", cold[name][0], single, "<= 0.65 on 2 cores")
        _ratio(f"cold {name} / bare all cores", cold[name][0], every, "<= 1.3")
    print(f"validate peak memory: {cold['validate --jobs 1'][1]:.0f} MiB with --jobs 1, "
          f"{cold['validate'][1]:.0f} MiB with the pool (target <= 600 at 50,000 files)")

    if cold_only:
        return

    # warm: the cache filled twice (the second run trusts the stats the first one could not)
    for _ in range(2):
        measure(due, plain)
        measure([*r, "validate", "--today", TODAY], plain)
    warm = _alternate({
        "due": (due, plain, False),
        "due in a terminal": (due, env, True),
        "due in a terminal, NO_COLOR": (due, plain, True),
        "validate ONE.yaml": ([*r, "validate", "--today", TODAY, str(victim)], plain, False),
        "show ID": ([*r, "show", shown_id, "--today", TODAY], plain, False),
        "render": ([*r, "render", shown_id, duty["id"], period, "--format", "md", "-o",
                    str(work / "draft.md"), "--force", "--today", TODAY], plain, False),
    }, repeat)
    original = victim.read_bytes()
    changed = []
    try:
        for i in range(repeat):
            victim.write_bytes(original + f"notes: lần sửa {i}\n".encode())
            changed.append(measure([*r, "validate", "--today", TODAY], plain)[0])
    finally:
        victim.write_bytes(original)
    warm["validate, one file changed"] = (statistics.median(changed), float("nan"))
    for name, (seconds, mib) in warm.items():
        print(f"warm {name:30s} {seconds:6.2f} s  peak {mib:6.0f} MiB")
    base = warm["due"][0]
    _ratio("due in a terminal / NO_COLOR", warm["due in a terminal"][0],
           warm["due in a terminal, NO_COLOR"][0], "<= 1.15")
    for name in ("validate ONE.yaml", "validate, one file changed", "show ID", "render"):
        _ratio(f"{name} / warm due", warm[name][0], base, "<= 1.2")
    print(f"warm due peak memory: {warm['due'][1]:.0f} MiB (target <= 300)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--baseline", type=Path,
                        help="another ppcli source tree: compare the warm due only")
    parser.add_argument("--issue16", action="store_true",
                        help="only the cases of issue 16 (terminal, cache, pool, memory)")
    parser.add_argument("--cold", action="store_true",
                        help="with --issue16: only its cold cases (the pool against the parse)")
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
    if args.issue16:
        try:
            speed16(repo, work, args.repeat, args.cold)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    cache = work / "cache"
    env = installed({**os.environ, "PPCLI_CACHE_DIR": str(cache)}, work)
    _command(repo, env, ["validate"])  # untimed: Python compiles the modules once
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
    work.mkdir(exist_ok=True)
    try:
        speed16(repo, work, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
