"""Screenshots of ``ppcli site`` for people to look at (docs/site.md says what to see).

    python bench/site_screenshots.py --out DIR [--repo REPO] [--today 2026-11-01]
                                     [--lang vi|en]

Builds the site of REPO (default: the bundled agreements) into DIR/site, then has
headless Chromium photograph each kind of page twice: at 1280 px, and as at 200 % zoom
(a 640 px wide window drawn at twice the scale: the layout a reader zooming in gets).
Needs Chromium (``chromium`` or ``chromium-browser`` on PATH).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["index.html", "due.html", "a/cm-snv-tinhdoan-2022-2026.html",
         "a/bn-ubnd-cac-co-quan-2021-2026.html", "o/so-noi-vu-ca-mau.html", "timeline.html",
         "history.html", "print.html"]


def shoot(browser: str, page: Path, png: Path, width: int, scale: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ppcli-shot-") as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
             "--hide-scrollbars", f"--force-device-scale-factor={scale}",
             f"--window-size={width},2000", f"--screenshot={png}", page.as_uri()],
            check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--today", default="2026-11-01")
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args()
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome")
                    if shutil.which(b)), None)
    if browser is None:
        sys.exit("no Chromium on PATH")
    args.out.mkdir(parents=True, exist_ok=True)
    site = args.out / "site"
    subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(args.repo), "site", "-o",
                    str(site), "--today", args.today, "--lang", args.lang], check=True)
    for rel in PAGES:
        page = site / rel
        if not page.is_file():
            print(f"skipped {rel} (not in this repository)")
            continue
        stem = rel.replace("/", "-").removesuffix(".html")
        for suffix, width, scale in (("", 1280, 1), ("-zoom200", 640, 2)):
            png = args.out / f"{stem}{suffix}.png"
            shoot(browser, page, png, width, scale)
            print(png)


if __name__ == "__main__":
    main()
