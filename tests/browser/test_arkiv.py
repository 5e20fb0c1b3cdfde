"""The archive in real Chromium: an example revision's archived page, version history and change page pass axe, and the banner leads to the plan in force."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import projekt
from tests.browser.conftest import open_page
from tests.browser.test_axe import WIDTHS, axe_violations
from tests.conftest import mkdocs_build
from verktyg import arkivera
from verktyg.webbserver import serve

pytestmark = pytest.mark.browser

PAGES = ["/arkiv/2016-2018/insatser/", "/om/versioner/", "/om/andringar/"]


@pytest.fixture(scope="module")
def revised_server(tmp_path_factory):
    """The example revision (version 1 archived, version 2 made), built and served on 127.0.0.1."""
    project = projekt.copy_project(tmp_path_factory.mktemp("arkiv-webblasare") / "projekt")
    assert arkivera.main(["--root", str(project)]) == 0
    projekt.revise(project)
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serve(site) as origin:
        yield origin


@pytest.mark.parametrize("width", WIDTHS)
def test_archive_and_change_pages_have_no_axe_violations(browser, revised_server, width):
    """0 violations on the archived pages (with the banner) and on the pages that compare versions."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    axe = Axe()
    failures = []
    try:
        for url in PAGES:
            page = open_page(context, revised_server + url)
            failures += [f"{url}: {line}" for line in axe_violations(page, axe)]
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_the_banner_is_seen_first_and_leads_to_the_current_plan(browser, revised_server):
    """Without JavaScript too: the banner is visible above the heading, and its link opens the plan in force."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(revised_server + "/arkiv/2016-2018/insatser/")
        banner = page.get_by_role("region", name="Den här versionen gäller inte längre")
        assert banner.is_visible()
        assert banner.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
        page.get_by_role("link", name="Läs den gällande planen").click()
        page.wait_for_load_state()
        assert page.url == revised_server + "/plan/"
        assert "Du läser version 2 av planen" in page.locator("article").inner_text()
        assert page.get_by_role("region", name="Den här versionen gäller inte längre").count() == 0
    finally:
        context.close()
