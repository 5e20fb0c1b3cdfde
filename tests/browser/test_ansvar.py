"""Guidance by role in real Chromium: the flow reads in order, ticking never scores, the emergency line shows, and the new pages are two clicks away."""

from __future__ import annotations

import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_page
from tests.browser.test_axe import WIDTHS, axe_violations
from tests.conftest import ROOT

GUIDE = "/vagledning/chefens-stod/"
ARTICLE_TEXT = "() => document.querySelector('article').innerText"


def _yaml(name: str):
    """A data file, read directly."""
    return yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", ["/", "/plan/ansvar/", GUIDE])
def test_flow_shows_the_chain_top_to_bottom_in_order(context, server, url):
    """The steps are visible boxes, each below the previous one, named as in the data."""
    roller = {r["id"]: r for r in _yaml("roller")["roller"]}
    page = open_page(context, server + url)
    steps = page.locator("ol.kp-eskalering__kedja > li")
    expected = [s.get("rubrik") or roller[s["roll"]]["namn"] for s in _yaml("eskalering")["steg"]]
    assert steps.count() == len(expected)
    bottom = 0.0
    for i, name in enumerate(expected):
        step = steps.nth(i)
        assert step.is_visible()
        assert step.locator(".kp-eskalering__roll").inner_text().strip() == name
        box = step.bounding_box()
        assert box["y"] >= bottom, f"steg {i + 1} står inte under steg {i}"
        bottom = box["y"] + box["height"]
    page.close()


def _with_checkboxes(pages) -> list[str]:
    """The URL of every built page whose main content has a checkbox."""
    found = []
    for path, html in pages.items():
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        if re.search(r'<input[^>]*type="checkbox"', article):
            found.append("/" + path.removesuffix("index.html"))
    return found


def test_ticking_never_changes_what_a_page_says(context, server, pages):
    """On every page with checkboxes, ticking all those the reader can see changes no text: nothing counts, sums or rates them."""
    urls = _with_checkboxes(pages)
    assert GUIDE in urls
    for url in urls:
        page = open_page(context, server + url)
        # Boxes of steps that an answer has not revealed yet cannot be ticked (docs/vagledning/vid-oro.md).
        boxes = [box for box in page.locator("article input[type=checkbox]").all() if box.is_visible()]
        before = page.evaluate(ARTICLE_TEXT)
        for box in boxes:
            box.check()
        assert boxes and all(box.is_checked() for box in boxes), url
        assert page.evaluate(ARTICLE_TEXT) == before, f"{url}: texten ändrades när rutorna kryssades"
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_reports_nothing_on_the_guide_with_every_box_ticked(browser, server, width):
    """The reflection list stays accessible when ticked, at both widths."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = open_page(context, server + GUIDE)
    for box in page.locator("article input[type=checkbox]").all():
        box.check()
    assert page.locator("article input[type=checkbox]:checked").count() == len(_yaml("vardera-risken")["fragor"])
    violations = axe_violations(page, Axe())
    context.close()
    assert not violations, "\n".join(violations)


# One page of each kind; tests/test_ansvar.py checks that every built page has the line.
EMERGENCY_SAMPLE = ["/", "/plan/insatser/", "/mitt-ansvar/skola/", GUIDE, "/om/tillganglighet/", "/404.html"]


@pytest.mark.parametrize("width", WIDTHS)
def test_emergency_line_is_visible_without_crowding_the_page(browser, server, width):
    """112 and 114 14 are visible at the top of each kind of page, on one short line, at desktop and phone width."""
    nummer = _yaml("kontakter")["nodnummer"]
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    problems = []
    for url in EMERGENCY_SAMPLE:
        page = open_page(context, server + url)
        line = page.locator(".md-banner .kp-nodrad")
        text = line.inner_text() if line.count() else ""
        if not (line.count() == 1 and line.is_visible() and nummer["akut"]["nummer"] in text and nummer["polis"]["nummer"] in text):
            problems.append(f"{url}: nödnumren syns inte ({text!r})")
        elif line.bounding_box()["y"] > 60 or page.locator(".md-banner").bounding_box()["height"] > 60:
            problems.append(f"{url}: raden tar för mycket plats ({page.locator('.md-banner').bounding_box()})")
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("path", "heading"), [
    (["Mitt ansvar", "Skola"], "Skola"),
    (["Mitt ansvar", "Kommunens samordnare"], "Kommunens samordnare"),
    (["Jag är chef och har fått en signal"], "Chefens stöd vid oro"),
])
def test_new_pages_are_a_click_or_two_from_the_start_page(context, server, path, heading):
    """Clicking links in the main content from the start page reaches the page in at most two clicks."""
    page = open_page(context, server + "/")
    for link in path:
        page.locator("article").get_by_role("link", name=link, exact=True).first.click()
        page.wait_for_load_state("networkidle")
    assert page.locator("article h1").evaluate("h => h.firstChild.textContent").strip() == heading
    page.close()
