"""The whole plan and a blank Bilaga 1 as A4 PDFs from the system Chromium: page counts, page numbers, first page, headings and all 27 measure rows."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from macros.data import load_all
from tests.conftest import ROOT
from verktyg import pdf

DATA = load_all(ROOT)
A4 = (595.3, 841.9)  # 210 × 297 mm in points


@pytest.fixture(scope="module")
def pdfs(browser, server, tmp_path_factory) -> dict[str, PdfReader]:
    """Both PDFs, made from the built site as `make pdf` makes them."""
    made = pdf.make_pdfs(browser, server, tmp_path_factory.mktemp("pdf"))
    return {name: PdfReader(path) for name, path in made.items()}


def text_of(reader: PdfReader) -> str:
    """All the PDF's text with whitespace collapsed."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_both_pdfs_are_a4_with_page_numbers(pdfs):
    """Every page is A4 and says 'Sida N av M' at its foot."""
    for name, reader in pdfs.items():
        total = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert all(abs(a - b) < 2 for a, b in zip(size, A4, strict=True)), f"{name} sida {number}: {size}"
            assert f"Sida {number} av {total}" in page.extract_text(), f"{name} sida {number} saknar sidnummer"


def test_page_counts(pdfs):
    """The plan fits in 8–30 pages and the blank Bilaga 1 in at most 2."""
    assert 8 <= len(pdfs["plan.pdf"].pages) <= 30, len(pdfs["plan.pdf"].pages)
    assert len(pdfs["lagesbild.pdf"].pages) <= 2


def test_first_page_has_the_title_and_the_decision(pdfs):
    """The plan's title and its decision (who, when, §) are on the first page."""
    first = re.sub(r"\s+", " ", pdfs["plan.pdf"].pages[0].extract_text())
    plan = DATA["plan"]
    for text in (plan["titel"], f"Beslutande {plan['beslutande']}", f"{plan['datum']}, {plan['paragraf']}"):
        assert text in first, text


def test_every_section_heading_is_in_the_plan_pdf(pdfs):
    """Every heading of the table of contents is in the PDF's text."""
    text = text_of(pdfs["plan.pdf"])
    for avsnitt in DATA["avsnitt"]["avsnitt"]:
        heading = avsnitt["rubrik"] + (f" {avsnitt['underrubrik']}" if avsnitt.get("underrubrik") else "")
        assert heading in text, heading


def test_all_27_measure_rows_are_in_the_plan_pdf_in_order(pdfs):
    """Each measure row's five cells follow each other in the PDF, and there are 27 rows."""
    text = text_of(pdfs["plan.pdf"])
    rows = [row for niva in DATA["insatser"]["nivaer"] for row in niva["insatser"]]
    assert len(rows) == 27
    for row in rows:
        cells = [row[key].replace("*", "") for key in ("vad", "vem", "hur", "nar", "avstamning")]
        pattern = r"\s*".join(re.escape(cell).replace(r"\ ", r"\s*") for cell in cells)
        assert re.search(pattern, text), cells


def test_blank_bilaga_1_pdf_has_every_question_and_incident_type(pdfs):
    """The blank form on paper: all six questions and all ten incident types."""
    text = text_of(pdfs["lagesbild.pdf"])
    form = DATA["forms/lagesbild"]
    for question in form["fragor"]:
        assert re.sub(r"\s+", " ", question["fraga"]) in text, question["fraga"]
        for alternative in question.get("alternativ", []):
            assert re.sub(r"\s+", " ", alternative["text"]) in text, alternative["text"]
    assert sum(len(q.get("alternativ", [])) for q in form["fragor"]) == 10


def test_pdf_command_reports_where_it_wrote(tmp_path):
    """python -m verktyg.pdf --ut DIR writes both files there (the CLI, end to end)."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "verktyg.pdf", "--ut", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lagesbild.pdf", "plan.pdf"]
    assert "plan.pdf" in result.stdout


