"""Personuppgiftsvakten in real Chromium: the detection on a table of cases, and the warning while someone types."""

from __future__ import annotations

import pytest
import yaml

from tests.browser.conftest import ALLOWED_STORAGE_KEYS, open_page
from tests.browser.test_privacy import READ_STORAGE
from tests.conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "personuppgiftsvakt.yaml").read_text(encoding="utf-8"))
POSITIVE = CASES["positiva"]
NEGATIVE = CASES["negativa"]
URL = "/plan/bilaga-1-lagesbild/"
WHY = "kan en person kännas igen även utan namn"


@pytest.fixture(scope="module")
def guard_page(browser, server):
    """One page with the guard loaded, shared by the table's cases."""
    context = browser.new_context()
    page = open_page(context, server + URL)
    assert page.evaluate("() => window.kpPersonuppgiftsvakt") is None, "vakten ska hämtas först när ett fritextfält får fokus"
    load_guard(page)
    yield page
    context.close()


def load_guard(page) -> None:
    """Give a guarded field focus, which loads the guard, and wait for it."""
    page.locator("[data-kp-personuppgiftsvakt]").first.focus()
    page.wait_for_function("() => window.kpPersonuppgiftsvakt")


def found(page, text: str) -> list[dict]:
    """What the guard finds in a text."""
    return page.evaluate("text => window.kpPersonuppgiftsvakt.upptack(text)", text)


def test_the_table_has_cases_of_every_kind():
    """The table covers each kind with positive cases, and has negative ones."""
    kinds = {kind for case in POSITIVE for kind in case["hittar"]}
    assert kinds == {"personnummer", "samordningsnummer", "telefon", "epost", "namn"}
    assert len(NEGATIVE) >= 10 and all(not case.get("hittar") for case in NEGATIVE)


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c["text"][:40])
def test_guard_finds_each_positive_case(guard_page, case):
    """Each positive text gives exactly the kinds listed, each at the place where it is."""
    hits = found(guard_page, case["text"])
    assert sorted(hit["typ"] for hit in hits) == sorted(case["hittar"]), hits
    for hit in hits:
        assert case["text"][hit["start"]:hit["slut"]] == hit["text"] and hit["text"].strip()


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c["text"][:40] or "tom")
def test_guard_is_quiet_on_each_negative_case(guard_page, case):
    """Each negative text gives nothing."""
    assert found(guard_page, case["text"]) == []


def _warning(page, field_id: str):
    """The guard's live region under a field."""
    return page.locator(f"#{field_id}-varning")


def test_typing_a_personnummer_warns_without_blocking(context, server):
    """While typing, a warning appears under the field, in a live region, and says why; the text stays and the form goes on."""
    page = open_page(context, server + URL)
    page.get_by_role("radio", name="Ja").first.check()
    box = page.get_by_label("Om ja eller delvis, beskriv vilken individ/grupp det handlar om.")
    warning = _warning(page, "kp-lb-vem-text")
    assert warning.get_attribute("aria-live") == "polite" and warning.inner_text() == ""
    box.press_sequentially("Gruppen kring 121212-1212", delay=5)
    warning.filter(has_text="personnummer").wait_for(timeout=5_000)
    text = warning.inner_text()
    assert WHY in text and "små" in text and "hindrar dig inte" in text
    assert box.input_value() == "Gruppen kring 121212-1212"
    assert warning.get_attribute("id") in box.get_attribute("aria-describedby").split()
    assert "kp-lb-vem-markering" in box.get_attribute("aria-describedby").split()

    # The warning goes away when the number is gone.
    box.fill("En grupp ungdomar")
    page.wait_for_function("id => document.getElementById(id).textContent === ''", arg="kp-lb-vem-text-varning", timeout=5_000)
    assert box.get_attribute("aria-describedby") == "kp-lb-vem-markering"


def test_name_warning_says_it_may_be_wrong(context, server):
    """The name check is a guess, and the warning says so."""
    page = open_page(context, server + URL)
    box = page.get_by_label("Förklara vad som har hänt")
    box.fill("Anna Svensson satte upp klistermärken")
    warning = _warning(page, "kp-lb-vad-har-hant-text")
    warning.filter(has_text="ett namn").wait_for(timeout=5_000)
    assert "kan ha fel" in warning.inner_text()


@pytest.mark.parametrize("field", ["kp-lb-vad-har-hant-10-text", "kp-lb-vad-har-hant-text", "kp-lb-vem-text",
                                   "kp-lb-oro-text", "kp-lb-atgarder-text", "kp-lb-stod-text"])
def test_every_free_text_field_is_guarded(context, server, field):
    """Every free-text field of the plan's questions warns on a positive case and stays quiet on a negative one."""
    page = open_page(context, server + URL)
    page.locator(f"#{field}").fill(POSITIVE[0]["text"])
    _warning(page, field).filter(has_text="personnummer").wait_for(timeout=5_000)
    page.locator(f"#{field}").fill(NEGATIVE[1]["text"])
    page.wait_for_function("id => document.getElementById(id).textContent === ''", arg=f"{field}-varning", timeout=5_000)


def test_the_guard_stores_and_sends_nothing(context, server):
    """Typing personal data sends nothing and stores nothing: the check is in the browser."""
    page = open_page(context, server + URL)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for case in POSITIVE:
        page.locator("#kp-lb-atgarder-text").fill(case["text"])
    page.locator("#kp-lb-atgarder-text-varning").filter(has_text="Varning").wait_for(timeout=5_000)
    stored = page.evaluate(READ_STORAGE)
    # The one request is the guard fetching its own script on first focus; it carries nothing typed.
    assert set(requests) <= {server + "/assets/javascripts/kp-personuppgiftsvakt.js"}, requests
    assert set(stored["local"]) <= ALLOWED_STORAGE_KEYS and stored["session"] == {} and stored["cookie"] == ""
    assert stored["indexedDB"] == [] and stored["caches"] == []


def test_clearing_the_form_clears_the_warnings(context, server):
    """After 'Rensa formuläret' no warning is left."""
    page = open_page(context, server + URL)
    page.locator("#kp-lb-atgarder-text").fill(POSITIVE[0]["text"])
    _warning(page, "kp-lb-atgarder-text").filter(has_text="personnummer").wait_for(timeout=5_000)
    page.get_by_role("button", name="Rensa formuläret").click()
    page.wait_for_function("() => [...document.querySelectorAll('.kp-vakt')].every(e => e.textContent === '')", timeout=5_000)


def test_report_fields_are_not_guarded(context, server):
    """The report fields name the unit ('Fritidsgården Kumla' looks like a name): no warning there."""
    page = open_page(context, server + URL)
    page.get_by_label("Förvaltning/verksamhet", exact=True).fill("Fritidsgården Kumla")
    page.wait_for_timeout(600)
    assert page.locator("#kp-lb-forvaltning-varning").count() == 0
    load_guard(page)
    assert found(page, "Fritidsgården Kumla")[0]["typ"] == "namn"
