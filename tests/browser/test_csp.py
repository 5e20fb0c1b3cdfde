"""Content-Security-Policy: only the site's own origin; pages raise no violations and still work."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_page

LISTEN = """() => { window.__kpCsp = []; document.addEventListener('securitypolicyviolation',
  e => window.__kpCsp.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def test_every_page_has_a_strict_policy(pages):
    """The policy is a meta tag in <head>, before any script, with no 'unsafe-inline' or 'unsafe-eval'."""
    for path, html in pages.items():
        head = html.split("</head>")[0]
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', head)
        assert match, f"{path} saknar Content-Security-Policy"
        policy = match.group(1)
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "form-action 'none'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy, path
        assert head.index("Content-Security-Policy") < head.find("<script"), path
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html), f"{path} har ett inline-skript"


def test_pages_raise_no_policy_violations_or_errors(context, server, urls):
    """Loading each page gives no CSP violation and no console error."""
    context.add_init_script(script=f"({LISTEN})()")
    problems = []
    for url in urls:
        page = context.new_page()
        page.on("console", lambda msg, url=url: problems.append(f"{url}: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda error, url=url: problems.append(f"{url}: {error}"))
        page.goto(server + url, wait_until="networkidle")
        problems.extend(f"{url}: CSP {v}" for v in page.evaluate("() => window.__kpCsp"))
        page.close()
    assert not problems, "\n".join(problems)


def test_site_still_works_under_the_policy(context, server):
    """Material's scripts run: search finds the plan's words, and an abbreviation shows its tooltip on focus."""
    page = open_page(context, server + "/")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("trygghetsvandring", delay=10)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "Trygghetsvandring" in page.locator(".md-search-result").inner_text()
    page.keyboard.press("Escape")
    page.goto(server + "/plan/insatser/", wait_until="networkidle")
    abbr = page.locator("article abbr[tabindex='0']").first
    abbr.focus()
    # Material links the tooltip to the abbreviation a moment after focus; wait for that, then for the tooltip.
    expect(abbr).to_have_attribute("aria-describedby", re.compile(r".+"))
    page.locator(f"#{abbr.get_attribute('aria-describedby')}").wait_for(state="visible")
