"""The same sources built with Zensical, Material for MkDocs' successor: the same pages, the same data-driven rows, the same text.

What Zensical cannot do yet is recorded as an expected failure (strict, so that the day it works the test says so),
and listed in the README under "Zensical".
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import projekt
from tests.browser.conftest import require
from tests.html_text import read_article

ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")

# The part of the page template that reads what define_env put into config.extra
# (macros/sidinfo.py and the emergency line); Zensical does not show it yet, see below.
_SIDINFO = re.compile(r" ?Du läser version \d+ av planen, beslutad av .*? Versionshistorik| ?Sidans innehåll ändrades senast \d{4}-\d{2}-\d{2}\.")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The project's sources (a copy) built with `zensical build`."""
    require(ZENSICAL is not None, "zensical (i testextrat i pyproject.toml)")
    project = projekt.copy_project(tmp_path_factory.mktemp("zensical") / "projekt")
    result = subprocess.run([ZENSICAL, "build"], cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_COLOR": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "Error" not in output, output
    return project / "site"


def html_pages(site: Path) -> dict[str, str]:
    """Every built HTML page by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def table_rows(html: str) -> list[str]:
    """The text of every table row in the page's main content, spaces before punctuation removed."""
    text = []
    for row in re.findall(r"<tr[^>]*>.*?</tr>", read_article_html(html), re.S):
        words = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        text.append(re.sub(r" (?=[,.;:])", "", words))
    return text


def read_article_html(html: str) -> str:
    """The main content's HTML (the <article>), where the data-driven tables are."""
    return html[html.index("<article"):html.index("</article>")]


def test_zensical_builds_the_same_pages(pages, zensical_site):
    """Every page MkDocs builds, Zensical builds too, and no other."""
    assert set(html_pages(zensical_site)) == set(pages)


def test_the_data_driven_tables_have_the_same_rows(pages, zensical_site):
    """The measure tables, the role pages, the glossary and the rest: row for row the same text under Zensical."""
    built = html_pages(zensical_site)
    differ = [path for path, html in pages.items() if table_rows(html) != table_rows(built[path])]
    assert not differ, f"andra tabellrader under Zensical: {differ}"
    insatser = table_rows(built["plan/insatser/index.html"])
    assert len(re.findall(r'id="insats-', read_article_html(built["plan/insatser/index.html"]))) == 27
    assert len(insatser) > 27  # the 27 measure rows and the header rows


def test_the_page_text_is_the_same(pages, zensical_site):
    """The text a reader sees in the main content is the same, apart from the page information Zensical leaves out."""
    built = html_pages(zensical_site)
    differ = [path for path, html in pages.items()
              if _SIDINFO.sub("", read_article(html)[0]) != _SIDINFO.sub("", read_article(built[path])[0])]
    assert not differ, f"annan text under Zensical: {differ}"


@pytest.mark.xfail(strict=True, reason="Zensical 0.0.73 ger inte sidmallarna det som define_env lägger i config.extra (kp_nodrad, kp_sidinfo)")
def test_every_page_shows_the_emergency_line_and_page_information(zensical_site):
    """The emergency line (112) in the header and 'Sidans innehåll ändrades senast' on every page."""
    missing = [path for path, html in html_pages(zensical_site).items()
               if path != "404.html" and ('<p class="kp-nodrad">' not in html or "Sidans innehåll ändrades senast" not in html)]
    assert not missing, missing
