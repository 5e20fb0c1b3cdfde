"""Accessibility: axe-core on every built page, in both colour schemes, at desktop and phone widths."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_page

# WCAG 2.0 and 2.1, levels A and AA, and axe's best-practice rules.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}, "resultTypes": ["violations"]}
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = {"dator": 1280, "mobil": 375}


def axe_violations(page, axe: Axe) -> list[str]:
    """Run axe on the page as it is now; one line per violation with its first targets."""
    results = axe.run(page, options=AXE_OPTIONS)
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_reports_no_violations_on_any_page(browser, server, urls, scheme, width):
    """0 violations on every page, in the colour scheme the reader's system asks for."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme)
    axe = Axe()
    failures = []
    try:
        for url in urls:
            page = open_page(context, server + url, wait_until="load")
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme], url
            failures += [f"{url}: {line}" for line in axe_violations(page, axe)]
            page.close()
    finally:
        context.close()
    assert not failures, f"{len(failures)} axe-fel ({scheme}, {width}):\n" + "\n".join(failures)
