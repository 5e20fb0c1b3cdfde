"""Privacy: every request stays on the site, nothing typed or ticked is stored, fields take no autofill, no form sends."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ALLOWED_STORAGE_KEYS, open_page

MARKER = "KP-TESTTEXT-191212-1212"

READ_STORAGE = """async () => ({
  local: Object.fromEntries(Object.entries(localStorage)),
  session: Object.fromEntries(Object.entries(sessionStorage)),
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(d => d.name),
  caches: await caches.keys(),
})"""

COUNT_KEPT_INPUT = f"""() => ({{
  checked: document.querySelectorAll('article input:checked').length,
  typed: [...document.querySelectorAll('input, textarea')].filter(e => e.value.includes('{MARKER}')).length,
}})"""


def interact(page) -> None:
    """Do what a reader does: search, tick every box, choose every option, type in every field."""
    search = page.locator("input.md-search__input")
    if search.count():
        page.keyboard.press("/")
        search.press_sequentially(MARKER, delay=5)
        page.locator(".md-search-result__meta").filter(has_text="resultat").wait_for(timeout=10_000)
        page.keyboard.press("Escape")
    for box in page.locator("article input[type=checkbox], article input[type=radio]").all():
        if box.is_visible() and box.is_enabled():
            box.check()
    for field in page.locator("article input[type=text], article input:not([type]), article textarea").all():
        if field.is_visible() and field.is_editable():
            field.fill(MARKER)


@pytest.fixture(scope="module")
def visits(browser, server, urls) -> dict:
    """Visit every page once as a reader: interact, read storage, reload."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[tuple[str, str]] = []
    current = [""]
    context.on("request", lambda request: requests.append((current[0], request.url)))
    results = {}
    for url in urls:
        current[0] = url
        page = open_page(context, server + url, wait_until="networkidle")
        interact(page)
        stored = page.evaluate(READ_STORAGE)
        page.reload(wait_until="load")
        results[url] = {"stored": stored, "after_reload": page.evaluate(COUNT_KEPT_INPUT)}
        page.close()
    cookies = context.cookies()
    context.close()
    return {"requests": requests, "pages": results, "cookies": cookies}


def test_every_request_goes_to_the_site_itself(visits, server, urls):
    """On every page, each request the browser makes is to the site's own origin."""
    offenders = [f"{page}: {request}" for page, request in visits["requests"] if not (request.startswith(server + "/") or request.startswith("data:"))]
    assert {page for page, _ in visits["requests"]} >= set(urls), "några sidor gjorde inga förfrågningar alls"
    assert not offenders, "förfrågningar till andra värdar:\n" + "\n".join(offenders)


def test_nothing_typed_or_ticked_is_stored(visits):
    """After searching, ticking and typing on every page, no storage holds anything."""
    for url, result in visits["pages"].items():
        stored = result["stored"]
        assert set(stored["local"]) <= ALLOWED_STORAGE_KEYS, f"{url}: {stored['local']}"
        assert not any(MARKER in value for value in stored["local"].values()), url
        assert stored["session"] == {}, f"{url}: {stored['session']}"
        assert stored["cookie"] == "" and stored["indexedDB"] == [] and stored["caches"] == [], f"{url}: {stored}"
    assert visits["cookies"] == []


def test_reloading_a_page_clears_what_was_typed(visits):
    """Typed and ticked input is gone after a reload: the browser does not restore it."""
    kept = {url: r["after_reload"] for url, r in visits["pages"].items() if r["after_reload"]["checked"] or r["after_reload"]["typed"]}
    assert not kept, f"kvar efter omladdning: {kept}"


def test_fields_for_personal_input_have_autocomplete_off(context, server, urls):
    """Every text field, text area and select says autocomplete=off, and no form has an action."""
    selector = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=reset]):not([type=submit]), textarea, select"
    for url in urls:
        page = open_page(context, server + url, wait_until="load")
        for field in page.locator(selector).all():
            assert field.get_attribute("autocomplete") == "off", f"{url}: {field.evaluate('e => e.outerHTML')[:120]}"
        assert page.locator("form[action]").count() == 0, url
        page.close()
