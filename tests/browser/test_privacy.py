"""Privacy: every request stays on the site, nothing typed or ticked is stored, fields take no autofill, no form sends."""

from __future__ import annotations

from tests.browser.conftest import ALLOWED_STORAGE_KEYS, open_page

MARKER = "KP-TESTTEXT-191212-1212"

READ_STORAGE = """async () => ({
  local: Object.fromEntries(Object.entries(localStorage)),
  session: Object.fromEntries(Object.entries(sessionStorage)),
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(d => d.name),
  caches: await caches.keys(),
})"""


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


def test_every_request_goes_to_the_site_itself(context, server, urls):
    """On every page, each request the browser makes is to the site's own origin."""
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append((page_url[0], request.url)))
    page_url = [""]
    for url in urls:
        page_url[0] = url
        page = open_page(context, server + url)
        interact(page)
        page.close()
    offenders = [f"{page}: {request}" for page, request in requests if not (request.startswith(server + "/") or request.startswith("data:"))]
    assert len(requests) > len(urls)
    assert not offenders, "förfrågningar till andra värdar:\n" + "\n".join(offenders)


def test_nothing_typed_or_ticked_is_stored(context, server, urls):
    """After searching, ticking and typing on every page, no storage holds any of it."""
    page = open_page(context, server + "/")
    palette_toggle = page.locator("form[data-md-component=palette] label:visible").first
    palette_toggle.click()  # the one preference Material may store
    page.close()
    for url in urls:
        page = open_page(context, server + url)
        interact(page)
        stored = page.evaluate(READ_STORAGE)
        assert set(stored["local"]) <= ALLOWED_STORAGE_KEYS, f"{url}: {stored['local']}"
        assert not any(MARKER in value for value in stored["local"].values()), url
        assert stored["session"] == {}, f"{url}: {stored['session']}"
        assert stored["cookie"] == "" and stored["indexedDB"] == [] and stored["caches"] == [], f"{url}: {stored}"
        page.close()
    assert context.cookies() == []
    assert "/.__palette" in open_page(context, server + "/").evaluate("() => Object.keys(localStorage)")


def test_fields_for_personal_input_have_autocomplete_off(context, server, urls):
    """Every text field, text area and select says autocomplete=off, and no form has an action."""
    for url in urls:
        page = open_page(context, server + url)
        fields = page.locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=reset]):not([type=submit]), textarea, select")
        for field in fields.all():
            assert field.get_attribute("autocomplete") == "off", f"{url}: {field.evaluate('e => e.outerHTML')[:120]}"
        assert page.locator("form[action]").count() == 0, url
        page.close()


def test_reloading_a_page_clears_what_was_typed(context, server, urls):
    """Typed and ticked input is gone after a reload: the browser does not restore it."""
    for url in urls:
        page = open_page(context, server + url)
        interact(page)
        page.reload(wait_until="networkidle")
        checked = page.locator("article input:checked").count()
        typed = page.evaluate(f"() => [...document.querySelectorAll('input, textarea')].filter(e => e.value.includes('{MARKER}')).length")
        assert checked == 0 and typed == 0, f"{url}: {checked} ikryssade, {typed} ifyllda efter omladdning"
        page.close()
