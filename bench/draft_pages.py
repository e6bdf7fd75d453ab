"""Turn the seed agreements' report drafts into PNG pages, for people to look at.

    python bench/draft_pages.py [OUT]        (default OUT: /tmp/ppcli-draft-pages)

Renders each draft as .docx with ppcli (the dates are fixed, so the pages can be
compared between versions), converts it to PDF with LibreOffice (``soffice --headless``)
and the PDF to one PNG per page with ``pdftoppm`` (poppler-utils). Not part of the test
suite: it needs LibreOffice, and its output is for eyes, not for asserts. Without
LibreOffice it says so and stops (exit 3).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name: (render arguments, today)
DRAFTS = {
    "ca-mau-bao-cao-nam-2025": (["cm-snv-tinhdoan-2022-2026", "bao-cao-nam", "2025"],
                                "2025-12-10"),
    "ca-mau-tong-ket-2026": (["cm-snv-tinhdoan-2022-2026", "tong-ket-2026"], "2026-11-22"),
    "bac-ninh-mat-tran-thang-2026-10": (["bn-ubnd-cac-co-quan-2021-2026", "doan-the-thang",
                                         "2026-10", "--as", "ubmttq-bac-ninh"], "2026-11-22"),
    "bac-ninh-ubnd-quy-2026-Q3": (["bn-ubnd-cac-co-quan-2021-2026", "ubnd-quy", "2026-Q3"],
                                  "2026-11-22"),
    "nghe-an-tinh-doan-so-ket-2025": (["na-sldtbxh-tinhdoan-2022-2025", "so-ket-2025", "--as",
                                       "tinh-doan-nghe-an"], "2025-12-01"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path(tempfile.gettempdir())
                        / "ppcli-draft-pages", help="thư mục ghi các trang PNG")
    out: Path = parser.parse_args().out
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("cần LibreOffice (soffice) và pdftoppm (poppler-utils): "
              "apt-get install -y libreoffice-writer-nogui poppler-utils", file=sys.stderr)
        return 3
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"  # a private LibreOffice profile: runs side by side
        for name, (args, today) in DRAFTS.items():
            docx = out / f"{name}.docx"
            subprocess.run([sys.executable, "-m", "ppcli", "--repo", str(ROOT), "render", *args,
                            "--today", today, "-o", str(docx), "--force"], check=True)
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                           check=True, capture_output=True, timeout=180)
            subprocess.run([pdftoppm, "-png", "-r", "60", str(out / f"{name}.pdf"),
                            str(out / name)], check=True)
            pages = sorted(out.glob(f"{name}-*.png"))
            print(f"{name}: {len(pages)} trang -> {', '.join(p.name for p in pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
