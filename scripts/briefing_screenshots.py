"""Write docs/screenshots/briefing-<lang>-<page>.png: the first two pages of Turkestan region's PDF
briefing in Kazakh, Russian and English, drawn by pdftoppm (Debian's poppler-utils).

    CPM_DB=path/to/cpmonitor.duckdb .venv/bin/python scripts/briefing_screenshots.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
OUT = REPO_ROOT / "docs" / "screenshots"
REGION, PAGES, DPI = "KZ-61", 2, 70


def main() -> int:
    from briefings import content, make, render
    from metrics import indicators
    from metrics.db import get_database

    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: sh scripts/ensure-documents.sh installs poppler-utils")
    db = get_database()
    year = content.years(indicators.values(db))[0]
    with tempfile.TemporaryDirectory() as tmp, render.renderer():
        for lang in ("kk", "ru", "en"):
            (pdf,) = make.write(db, REGION, year, lang, ["pdf"], Path(tmp))
            prefix = Path(tmp) / lang
            subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", str(PAGES), str(pdf), str(prefix)],
                           check=True)
            for n in range(1, PAGES + 1):
                page = next(Path(tmp).glob(f"{lang}-{n}.png"), None) or next(Path(tmp).glob(f"{lang}-0{n}.png"))
                target = OUT / f"briefing-{lang}-page{n}.png"
                shutil.copyfile(page, target)
                print(target.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
