"""Accessibility: axe-core on every built page, at desktop and phone widths (the site has one colour scheme)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_page

# WCAG 2.0 and 2.1, levels A and AA, and axe's best-practice rules.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}, "resultTypes": ["violations"]}
WIDTHS = {"dator": 1280, "mobil": 375}


def axe_violations(page, axe: Axe) -> list[str]:
    """Run axe on the page as it is now; one line per violation with its first targets."""
    results = axe.run(page, options=AXE_OPTIONS)
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_reports_no_violations_on_any_page(browser, server, urls, width):
    """0 violations on every page; a reader whose system prefers dark gets the same single colour scheme."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme="dark")
    axe = Axe()
    failures = []
    try:
        for url in urls:
            page = open_page(context, server + url, wait_until="load")
            assert page.get_attribute("body", "data-md-color-scheme") is None, f"{url}: sidan har ett färgschema att välja"
            failures += [f"{url}: {line}" for line in axe_violations(page, axe)]
            page.close()
    finally:
        context.close()
    assert not failures, f"{len(failures)} axe-fel ({width}):\n" + "\n".join(failures)
