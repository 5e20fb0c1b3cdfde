"""The whole plan on one page for printing, and links to the PDFs only when `make pdf` has made them."""

from __future__ import annotations

import pytest
import yaml

from macros import utskrift
from tests.conftest import ROOT, mkdocs_build, page_path
from tests.html_text import read_article
from tests.projekt import copy_project


def test_headings_move_one_level_down_outside_code():
    """# becomes ##, and a # inside fenced code stays."""
    source = "# Titel\n\ntext\n\n## Under\n\n```\n# kod\n```\n"
    assert utskrift.demote_headings(source) == "## Titel\n\ntext\n\n### Under\n\n```\n# kod\n```\n"


def test_front_matter_is_left_out():
    """A page's YAML head is not printed."""
    assert utskrift.strip_front_matter("---\ntitle: X\n---\n# Rubrik\n") == "# Rubrik\n"


def test_plan_pages_follow_the_table_of_contents_once_each():
    """Pages come in the order of data/avsnitt.yaml, each once although several sections share a page."""
    avsnitt = [{"sida": "a.md"}, {"sida": "b.md"}, {"sida": "b.md"}, {"sida": "c.md"}]
    assert utskrift.plan_pages(avsnitt) == ["a.md", "b.md", "c.md"]


def test_pdf_link_only_when_the_file_exists():
    """No PDF, no link: the site never links to a file that is not there."""
    assert utskrift.pdf_lank("plan.pdf", "Hela planen som PDF", False, "plan/utskrift.md") == ""
    assert "(../pdf/plan.pdf)" in utskrift.pdf_lank("plan.pdf", "Hela planen som PDF", True, "plan/utskrift.md")


def test_print_page_holds_every_plan_page_in_order(pages):
    """The print page has each plan page's text, in the order of the table of contents."""
    body, tables = read_article(pages[page_path("plan/utskrift.md")])
    positions = []
    for src in utskrift.plan_pages(yaml.safe_load((ROOT / "data" / "avsnitt.yaml").read_text(encoding="utf-8"))["avsnitt"]):
        text, _ = read_article(pages[page_path(src)])
        first_sentence = text.split(". ")[0][:80]
        assert first_sentence in body, src
        positions.append(body.index(first_sentence))
    assert positions == sorted(positions)
    assert sum(len(t["rows"]) - 1 for t in tables if t["niva"]) == 27


@pytest.fixture(scope="module")
def built_with_pdfs(tmp_path_factory):
    """A copy of the project with made-up PDF files in docs/pdf/, built."""
    project = copy_project(tmp_path_factory.mktemp("projekt"))
    (project / "docs" / "pdf").mkdir()
    for name in ("plan.pdf", "lagesbild.pdf"):
        (project / "docs" / "pdf" / name).write_bytes(b"%PDF-1.4\n% test\n")
    out = tmp_path_factory.mktemp("ut")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


LINKS = {"plan/utskrift/index.html": "../../pdf/plan.pdf", "plan/index.html": "../pdf/plan.pdf", "plan/bilaga-1-lagesbild/index.html": "../../pdf/lagesbild.pdf"}


@pytest.mark.parametrize("page", LINKS)
def test_links_to_pdfs_appear_when_they_are_built(built_with_pdfs, page):
    """With the PDFs in docs/pdf/, the pages link to them and the files are in the site."""
    html = (built_with_pdfs / page).read_text(encoding="utf-8")
    assert f'href="{LINKS[page]}"' in html
    assert (built_with_pdfs / "pdf" / LINKS[page].rsplit("/", 1)[1]).is_file()


@pytest.mark.parametrize("page", LINKS)
def test_the_real_build_links_only_to_pdfs_that_exist(pages, page):
    """In the real build a page links to its PDF exactly when docs/pdf/ has it (never, on a fresh clone)."""
    name = LINKS[page].rsplit("/", 1)[1]
    assert (f'href="{LINKS[page]}"' in pages[page]) == (ROOT / "docs" / "pdf" / name).is_file()
