"""Pure renderers against golden files, plus escaping and date rules."""

from __future__ import annotations

import datetime

import pytest

from macros import render
from macros.data import load_all, validity_end
from tests.conftest import ROOT, matches_golden

GOLDEN = ROOT / "tests" / "golden" / "render"
DATA = load_all(ROOT, docs_dir=ROOT / "docs")
AVSNITT = render.index(DATA["avsnitt"]["avsnitt"])
PAGE = "plan/insatser.md"

# Each golden case: a name and the call that renders it from the real data.
CASES = {
    "omslag": lambda: render.omslag(DATA["plan"]),
    "plan_fakta": lambda: render.plan_fakta(DATA["plan"]),
    "styrdokument": lambda: render.styrdokument(DATA["plan"]),
    "innehall": lambda: render.innehall(DATA["avsnitt"]["avsnitt"], "plan/index.md"),
    "begrepp": lambda: render.begrepp(DATA["begrepp"]["begrepp"]),
    "ansvar": lambda: render.ansvar(DATA["ansvar"]["block"]),
    "vardera_risken": lambda: render.vardera_risken(DATA["vardera-risken"]["fragor"]),
    "tecken_kategorier": lambda: render.tecken_kategorier(DATA["tecken"]["kategorier"]),
    "handlingsmojligheter": lambda: render.handlingsmojligheter(DATA["handlingsmojligheter"]["handlingsmojligheter"]),
    "pyramid": lambda: render.pyramid(DATA["insatser"]["nivaer"], AVSNITT, PAGE),
    "insatser_tabell": lambda: render.insatser_tabell(DATA["insatser"]["nivaer"][1], "specifika-insatser"),
    "aktivitetsplan": lambda: render.aktivitetsplan(DATA["aktivitetsplan"]["ar"]),
    "vid_misstanke_text": lambda: render.vid_misstanke_text(DATA["vid-misstanke"]),
    "rattelser": lambda: render.rattelser(DATA["rattelser"]["rattelser"], AVSNITT, "om/rattelser.md"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_matches_golden(name, request):
    """The renderer's output equals tests/golden/render/NAME.md (rewrite with --update, review in git diff)."""
    matches_golden(CASES[name](), GOLDEN / f"{name}.md", request)


def test_every_golden_file_has_a_case():
    """No golden file is left over from a renderer that is gone."""
    assert {p.stem for p in GOLDEN.glob("*.md")} == set(CASES)


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a & b"])
def test_html_in_data_is_escaped(value):
    """HTML in a data value comes out as text in every kind of output."""
    row = {"id": "x", "vad": value, "vem": value, "roller": ["skola"], "hur": value, "nar": value, "avstamning": value}
    table = render.insatser_tabell({"id": "x", "insatser": [row]}, "rubrik")
    assert "<script>" not in table and "<img" not in table
    assert render.esc(value).count("&") >= 1
    assert "<script>" not in render.punktlista([value])
    assert "<script>" not in render.omslag({"kommun": value, "omslagsrubrik": value, "titel": value})


def test_markdown_links_in_data_are_not_links():
    """A Markdown link written in data is shown as text, not made into a link."""
    assert render.esc("[klicka](javascript:alert(1))") == r"\[klicka\](javascript:alert(1))"


def test_table_cells_escape_pipes():
    """A | in a cell does not split the table row."""
    assert render.esc_cell("a | b") == r"a \| b"


def test_value_starting_a_line_cannot_become_a_heading_or_list():
    """Leading #, - or 1. in a value are escaped."""
    assert render.esc_block("# rubrik") == r"\# rubrik"
    assert render.esc_block("- punkt") == r"\- punkt"
    assert render.esc_block("1. punkt") == r"\1. punkt"


def test_emphasis_in_data_is_kept():
    """*kursiv* in data stays Markdown emphasis, as the plan uses it."""
    assert render.esc("OBS - *inte bryta sekretess*") == "OBS - *inte bryta sekretess*"


def test_relative_links_between_pages():
    """Links are relative to the page that shows them."""
    assert render.relative("plan/insatser.md", "index.md") == "plan/insatser.md"
    assert render.relative("plan/insatser.md", "plan/ansvar.md") == "insatser.md"
    assert render.relative("om/rattelser.md", "plan/ansvar.md") == "../om/rattelser.md"


@pytest.mark.parametrize(("galler_till", "today", "shown"), [
    ("2018", datetime.date(2018, 12, 31), False),
    ("2018", datetime.date(2019, 1, 1), True),
    ("2030-06-30", datetime.date(2030, 6, 30), False),
    ("2030-06-30", datetime.date(2030, 7, 1), True),
])
def test_validity_notice_follows_the_date(galler_till, today, shown):
    """The notice appears only once 'gäller till' has passed, so it goes away when an editor updates it."""
    plan = {**DATA["plan"], "galler_till": galler_till}
    notice = render.giltighet(plan, today, validity_end(galler_till), AVSNITT["6.1"], "index.md")
    assert bool(notice) is shown
    if shown:
        assert f"gäller till {galler_till}" in notice and "6.1 Revidering" in notice


def test_pyramid_lists_levels_from_top_to_base():
    """The pyramid reads top first: Toppen, Mittdelen, Basen, from the level data."""
    html = render.pyramid(DATA["insatser"]["nivaer"], AVSNITT, PAGE)
    order = [html.index(n["pyramiddel"]) for n in reversed(DATA["insatser"]["nivaer"])]
    assert order == sorted(order)
    assert "<img" not in html and "<figcaption>" in html


