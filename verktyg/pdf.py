"""Make the plan and a blank Bilaga 1 as A4 PDFs with the system Chromium (python -m verktyg.pdf): docs/pdf/plan.pdf and docs/pdf/lagesbild.pdf.

The PDFs go under docs/, so the next build copies them and links to them
(macros/utskrift.py shows the links only when the files exist).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import run
from .webbserver import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Which page becomes which PDF.
PDFS = {"plan.pdf": "/plan/utskrift/", "lagesbild.pdf": "/plan/bilaga-1-lagesbild/"}

# Page numbers at the foot of every page. Chromium draws this template itself,
# outside the page, so the site's Content-Security-Policy does not apply.
FOOTER = ('<div style="width:100%;font-size:8pt;font-family:sans-serif;text-align:center;color:#000;">'
          'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>')


def build(dest: Path, root: Path = ROOT) -> None:
    """Build the site strictly into dest; stop with mkdocs' message if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)], cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"Bygget misslyckades, inga PDF:er gjordes:\n{result.stderr.strip()}")


def make_pdfs(browser, origin: str, out: Path) -> dict[str, Path]:
    """Print each page to an A4 PDF in out, blank and with page numbers; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, url in PDFS.items():
        context = browser.new_context()
        page = context.new_page()
        page.goto(origin + url, wait_until="networkidle")
        page.emulate_media(media="print")
        path = out / name
        page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
        made[name] = path
        context.close()
    return made


def main(argv: list[str] | None = None) -> int:
    """Build the site, print the PDFs into docs/pdf/ (or --ut), and say where they are."""
    parser = argparse.ArgumentParser(prog="python -m verktyg.pdf", description="Gör planen och en tom Bilaga 1 som PDF (A4).")
    parser.add_argument("--ut", type=Path, default=ROOT / "docs" / "pdf", help="mappen för PDF:erna (standard: docs/pdf)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Chromium saknas ({CHROMIUM}); installera det med apt-get install chromium.", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serve(site) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            made = make_pdfs(browser, origin, args.ut)
            browser.close()
    for path in made.values():
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print("Bygg webbplatsen igen (make build eller make publish) så att länkarna till PDF:erna kommer med.")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
