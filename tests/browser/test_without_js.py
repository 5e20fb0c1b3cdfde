"""Without JavaScript every page still shows its whole content."""

from __future__ import annotations

import pytest

HIDDEN_TEXT = """() => [...document.querySelectorAll('article *')]
  .filter(e => e.childElementCount === 0 && e.textContent.trim() && !e.closest('[data-kp-bara-js]'))
  .filter(e => e.getClientRects().length === 0 || getComputedStyle(e).visibility === 'hidden')
  .map(e => e.textContent.trim().slice(0, 60))"""


@pytest.fixture
def no_js(browser):
    """A browser context with JavaScript turned off."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_every_page_shows_all_its_content_without_javascript(no_js, server, urls):
    """No text in the main content is hidden when scripts do not run."""
    problems = []
    for url in urls:
        page = no_js.new_page()
        page.goto(server + url)
        assert page.locator("article h1").count() == 1, url
        hidden = page.evaluate(HIDDEN_TEXT)
        problems += [f"{url}: {text}" for text in hidden]
        page.close()
    assert not problems, "dold text utan JavaScript:\n" + "\n".join(problems)


VISIBLE_JS_ONLY = """() => [...document.querySelectorAll('[data-kp-bara-js] *')]
  .filter(e => e.matches('button, a, input, select, textarea') || (e.childElementCount === 0 && e.textContent.trim()))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width * r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
  .map(e => e.outerHTML.slice(0, 80))"""


def test_controls_that_need_javascript_are_hidden_without_it(no_js, server, urls):
    """Buttons and other controls that only work with JavaScript are not shown when it is off."""
    problems = []
    for url in urls:
        page = no_js.new_page()
        page.goto(server + url)
        problems += [f"{url}: {html}" for html in page.evaluate(VISIBLE_JS_ONLY)]
        page.close()
    assert not problems, "synligt utan JavaScript fast det kräver JavaScript:\n" + "\n".join(problems)
