"""Page-weight budgets: bytes are deterministic, so they are tests (timings are not; see bench/)."""

from __future__ import annotations

import pytest

from verktyg import sidvikt


@pytest.fixture(scope="module")
def weights(browser, server, site, urls):
    """Every built page weighed on first load."""
    return sidvikt.measure(browser, server, site, urls)


def test_every_page_is_within_the_page_weight_budgets(weights, urls):
    """Every page ≤ 100 KB gzip in total; our own JS ≤ 10 KB and our own CSS ≤ 8 KB on every page."""
    assert [w.url for w in weights] == urls
    problems = [line for w in weights for line in w.over_budget()]
    assert not problems, "\n".join(problems)


def test_the_weighing_sees_material_and_our_files(weights):
    """The measurement counts the page, Material's bundle, the search index and our files, so it cannot pass by missing them."""
    start = next(w for w in weights if w.url == "/")
    names = set(start.files)
    assert "index.html" in names and "search/search_index.json" in names
    assert any(n.startswith("assets/javascripts/bundle.") for n in names)
    assert start.own_js > 0 and start.own_css > 0
