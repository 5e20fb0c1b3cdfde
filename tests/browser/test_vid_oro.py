"""The guide "Jag är orolig …" in real Chromium: each answer shows exactly its steps from data, keyboard, reset, privacy, no JS, print and axe."""

from __future__ import annotations

import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from macros.vid_oro import uppraknad
from tests.browser.conftest import ALLOWED_STORAGE_KEYS, open_page
from tests.browser.test_axe import WIDTHS, axe_violations
from tests.browser.test_privacy import READ_STORAGE
from tests.conftest import ROOT

URL = "/vagledning/vid-oro/"


def _yaml(name: str):
    """A data file, read directly."""
    return yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


VM = _yaml("vid-misstanke")
GUIDE = VM["vagledning"]
STEG = {step["id"]: step for step in VM["steg"]}
ALTERNATIV = GUIDE["vad"]["alternativ"]
NODNUMMER = _yaml("kontakter")["nodnummer"]
FORBEHALL = _yaml("tecken")["forbehall"]["text"]


def normalize(text: str) -> str:
    """Collapse whitespace, as a reader sees it."""
    return re.sub(r"\s+", " ", text).strip()


def steps_for(alternativ: dict) -> list[dict]:
    """The plan's steps an answer shows, from the data: the always-step, then the answer's own."""
    return [STEG[GUIDE["alltid"]]] + [STEG[s] for s in alternativ["steg"]]


def labels_for(steps: list[dict]) -> list[str]:
    """The checklist's labels for some steps, written as the plan numbers them."""
    labels = []
    for step in steps:
        if step.get("delsteg"):
            labels += [normalize(f"{d['bokstav']}) {d['text']}") for d in step["delsteg"]]
        else:
            labels.append(normalize(f"{step['nummer']}. {step['text']}"))
    return labels


ALL_LABELS = [normalize(VM["konkreta_hot"]["text"])] + labels_for(VM["steg"])


def visible_labels(page, within: str = ".kp-vid-oro") -> list[str]:
    """The labels of the checkboxes the reader can see, in order."""
    return [normalize(t) for t in page.locator(f"{within} input[type=checkbox]:visible + label").all_inner_texts()]


def visible_step_ids(page) -> list[str]:
    """The ids of the plan's steps that are shown, in order."""
    return [i.removeprefix("kp-vid-oro-steg-") for i in page.locator(".kp-vid-oro__lista > li:visible").evaluate_all("els => els.map(e => e.id)")]


def choose(page, label: str) -> None:
    """Click an answer by its label, as a reader does."""
    page.locator(".kp-vid-oro fieldset").get_by_label(label, exact=True).check()


def tick_all_visible(page) -> int:
    """Tick every checkbox the reader can see; return how many."""
    boxes = page.locator(".kp-vid-oro input[type=checkbox]:visible").all()
    for box in boxes:
        box.check()
    return len(boxes)


@pytest.fixture
def guide(context, server):
    """The guide, opened with JavaScript on."""
    page = open_page(context, server + URL)
    yield page
    page.close()


def test_before_any_answer_only_the_questions_and_step_1_show(guide):
    """Both questions, step 1 with the contact card; no other step and no concrete-threat advice yet."""
    assert guide.locator(".kp-vid-oro fieldset legend:visible").all_inner_texts() == [GUIDE["hot"]["fraga"], GUIDE["vad"]["fraga"]]
    assert visible_step_ids(guide) == [GUIDE["alltid"]]
    assert visible_labels(guide) == labels_for([STEG[GUIDE["alltid"]]])
    assert guide.locator("#kp-vid-oro-hot").is_hidden()
    assert guide.locator(".kp-kontakt").is_visible()
    assert "Kontaktuppgifter saknas – fråga din chef" in guide.locator(".kp-kontakt").inner_text()
    assert guide.get_by_role("button", name=GUIDE["borja_om"]).is_visible()


def test_a_concrete_threat_shows_112_and_the_plans_advice_at_once(guide):
    """Ja: "Ring 112 vid akut fara", the plan's "Vid konkreta hot" word for word, and 114 14; Nej hides them again."""
    choose(guide, GUIDE["hot"]["ja"])
    panel = guide.locator("#kp-vid-oro-hot")
    assert panel.is_visible()
    text = normalize(panel.inner_text())
    akut = NODNUMMER["akut"]
    assert f"Ring {akut['nummer']} {akut['text'][0].lower()}{akut['text'][1:]}." in text
    assert VM["konkreta_hot"]["rubrik"] in text and normalize(VM["konkreta_hot"]["text"]) in text
    assert f"{NODNUMMER['polis']['text']}: ring {NODNUMMER['polis']['nummer']}." in text
    assert panel.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))") == ["tel:112", "tel:11414"]
    assert visible_labels(guide, "#kp-vid-oro-hot") == [normalize(VM["konkreta_hot"]["text"])]
    guide.wait_for_function("t => document.querySelector('[data-kp-status-rad]').textContent === t", arg=GUIDE["hot"]["status"])
    choose(guide, GUIDE["hot"]["nej"])
    assert panel.is_hidden()


@pytest.mark.parametrize("alternativ", ALTERNATIV, ids=lambda a: a["id"])
def test_each_answer_shows_exactly_its_steps_from_the_data(guide, alternativ):
    """The steps, sub-steps and notes shown are exactly those the data gives the answer, in the plan's order and words."""
    choose(guide, alternativ["text"])
    steps = steps_for(alternativ)
    assert visible_step_ids(guide) == [s["id"] for s in steps]
    assert visible_labels(guide) == labels_for(steps)
    shown = normalize(guide.locator(".kp-vid-oro__steg").inner_text())
    for step in VM["steg"]:
        assert (normalize(step["text"]) in shown) == (step in steps), step["id"]
    obs_expected = sum(1 for s in steps if s.get("spara_ingen_information"))
    assert guide.locator(".kp-vid-oro__obs:visible").count() == obs_expected
    assert all(normalize(VM["spara_ingen_information"]) in normalize(t) for t in guide.locator(".kp-vid-oro__obs:visible").all_inner_texts())
    assert guide.locator("#kp-vid-oro-hot").is_hidden()
    status = GUIDE["vad"]["status"].replace("{steg}", uppraknad([s["nummer"] for s in steps]))
    guide.wait_for_function("t => document.querySelector('[data-kp-status-rad]').textContent === t", arg=status)


@pytest.mark.parametrize("alternativ", ALTERNATIV, ids=lambda a: a["id"])
def test_an_answer_that_points_to_the_signs_shows_the_plans_caution(guide, alternativ):
    """Only an answer with a section in data points to it, with the caution from data/tecken.yaml; signs are never scored."""
    choose(guide, alternativ["text"])
    pointer = guide.locator(".kp-vid-oro__hanvisning:visible")
    if not alternativ.get("avsnitt"):
        assert pointer.count() == 0
        return
    assert pointer.count() == 1
    assert normalize(FORBEHALL) in normalize(pointer.inner_text())
    assert pointer.locator("a[href$='plan/riskbeteenden/#tecken']").count() == 1
    assert guide.locator(".kp-vid-oro input[type=number], .kp-vid-oro output, .kp-vid-oro meter, .kp-vid-oro progress").count() == 0


def test_changing_the_answer_changes_the_steps(guide):
    """Going from one answer to another hides the first answer's steps."""
    first, second = ALTERNATIV[0], ALTERNATIV[1]
    choose(guide, first["text"])
    choose(guide, second["text"])
    assert visible_labels(guide) == labels_for(steps_for(second))


def test_the_whole_guide_works_with_the_keyboard_alone(guide):
    """Tab to the first question, answer with the arrow keys, tick with Space, and start over with Enter."""
    page = guide
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "kp-hot":
            break
    assert page.evaluate("() => document.activeElement.id") == "kp-hot-ja"
    page.keyboard.press("Space")
    assert page.locator("#kp-hot-ja").is_checked() and page.locator("#kp-vid-oro-hot").is_visible()
    # Focus stays on the answer, and the revealed advice comes next in the tab order.
    assert page.evaluate("() => document.activeElement.id") == "kp-hot-ja"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#kp-vid-oro-hot')")

    target = ALTERNATIV[1]
    for _ in range(20):
        if page.evaluate("() => document.activeElement.name") == "kp-vad":
            break
        if page.evaluate("() => document.activeElement.type") == "checkbox":
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == f"kp-vad-{ALTERNATIV[0]['id']}"
    for _ in range(ALTERNATIV.index(target)):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#kp-vad-{target['id']}").is_checked()
    assert page.evaluate("() => document.activeElement.id") == f"kp-vad-{target['id']}"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.kp-vid-oro__steg')")

    ticked = 0
    for _ in range(40):
        if page.evaluate("() => document.activeElement.hasAttribute('data-kp-borja-om')"):
            break
        if page.evaluate("() => document.activeElement.type") == "checkbox":
            page.keyboard.press("Space")
            ticked += 1
        page.keyboard.press("Tab")
    assert ticked == len(labels_for(steps_for(target)))
    boxes = page.locator(".kp-vid-oro input[type=checkbox]:visible")
    assert boxes.count() == 1 + len(labels_for(steps_for(target)))  # the threat advice's box, then the answer's
    assert all(box.is_checked() for box in boxes.all())

    page.keyboard.press("Enter")
    assert page.locator(".kp-vid-oro input:checked").count() == 0
    assert page.evaluate("() => document.activeElement.id") == "kp-hot-ja"


def test_borja_om_clears_every_answer(guide):
    """After answering both questions and ticking every box, "Börja om" gives the page as it was opened."""
    choose(guide, GUIDE["hot"]["ja"])
    for alternativ in ALTERNATIV:
        choose(guide, alternativ["text"])
        assert tick_all_visible(guide) > 0
    guide.get_by_role("button", name=GUIDE["borja_om"]).click()
    assert guide.locator(".kp-vid-oro input:checked").count() == 0
    assert visible_step_ids(guide) == [GUIDE["alltid"]]
    assert guide.locator("#kp-vid-oro-hot").is_hidden()
    assert guide.locator(".kp-vid-oro__hanvisning:visible").count() == 0
    assert guide.evaluate("() => document.activeElement.id") == "kp-hot-ja"
    guide.wait_for_function("t => document.querySelector('[data-kp-status-rad]').textContent === t", arg=GUIDE["borja_om_status"])
    guide.reload(wait_until="networkidle")
    assert guide.locator(".kp-vid-oro input:checked").count() == 0


def test_the_page_says_nothing_is_saved(guide):
    """The reader is told that nothing is saved and that closing or reloading clears it."""
    assert normalize(GUIDE["sparas_inte"]) in normalize(guide.locator("article").inner_text())
    assert "laddar om" in GUIDE["sparas_inte"] and "stänger" in GUIDE["sparas_inte"]


def test_there_is_nowhere_to_type(guide):
    """No text field, text area or select on the page: only answers and boxes to tick."""
    assert guide.locator("article input:not([type=radio]):not([type=checkbox]), article textarea, article select, article [contenteditable]").count() == 0


def test_going_through_every_branch_stores_and_sends_nothing(context, server):
    """After every answer and every box, storage is empty and no request was made while answering."""
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = open_page(context, server + URL, wait_until="networkidle")  # the favicon may come after "load"
    loaded = len(requests)
    for hot in (GUIDE["hot"]["ja"], GUIDE["hot"]["nej"]):
        choose(page, hot)
        for alternativ in ALTERNATIV:
            choose(page, alternativ["text"])
            tick_all_visible(page)
    page.get_by_role("button", name=GUIDE["borja_om"]).click()
    stored = page.evaluate(READ_STORAGE)
    assert set(stored["local"]) <= ALLOWED_STORAGE_KEYS, stored["local"]
    assert not any(a["id"] in value for value in stored["local"].values() for a in ALTERNATIV)
    assert {k: v for k, v in stored.items() if k != "local"} == {"session": {}, "cookie": "", "indexedDB": [], "caches": []}
    assert context.cookies() == []
    assert requests[loaded:] == [], f"förfrågningar medan frågorna besvarades: {requests[loaded:]}"
    assert requests and all(url.startswith(server + "/") or url.startswith("data:") for url in requests), requests
    assert page.locator("form[action], form[method]").count() == 0


def test_the_guide_never_submits(guide):
    """Enter on an answer does not send the form anywhere: the page stays and keeps its answers."""
    choose(guide, ALTERNATIV[0]["text"])
    guide.locator(f"#kp-vad-{ALTERNATIV[0]['id']}").press("Enter")
    guide.locator(".kp-vid-oro input[type=checkbox]:visible").first.press("Enter")
    assert guide.url.endswith(URL)
    assert guide.locator(f"#kp-vad-{ALTERNATIV[0]['id']}").is_checked()


@pytest.fixture
def no_js(browser):
    """A browser context with JavaScript turned off."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_without_javascript_every_step_is_one_printable_list(no_js, server):
    """No questions or buttons; the advice for concrete threats, every step, the pointer to the signs and the contact card."""
    page = no_js.new_page()
    page.goto(server + URL)
    assert page.locator(".kp-vid-oro fieldset:visible, .kp-vid-oro button:visible").count() == 0
    assert visible_labels(page) == ALL_LABELS
    assert visible_step_ids(page) == [s["id"] for s in VM["steg"]]
    assert page.locator("#kp-vid-oro-hot").is_visible() and page.locator(".kp-kontakt").is_visible()
    assert page.locator(".kp-vid-oro__hanvisning:visible").count() == sum(1 for a in ALTERNATIV if a.get("avsnitt"))
    page.emulate_media(media="print")
    assert visible_labels(page) == ALL_LABELS
    page.close()


def print_view(page) -> None:
    """Switch the page to print media."""
    page.emulate_media(media="print")


def assert_no_chrome_and_empty_boxes(page) -> None:
    """On paper: no header, navigation, footer, questions or buttons, and boxes that print empty."""
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kp-vid-oro fieldset", ".kp-vid-oro button"):
        assert page.locator(selector).evaluate_all("els => els.every(e => e.getClientRects().length === 0)"), selector
    styles = page.locator(".kp-vid-oro input[type=checkbox]:visible").evaluate_all(
        "els => els.map(e => [getComputedStyle(e).appearance, getComputedStyle(e).borderTopStyle])")
    assert styles and all(s == ["none", "solid"] for s in styles), styles


def test_printing_before_any_answer_gives_every_step(guide):
    """Nothing chosen: the printout has every step and the advice for concrete threats, with empty boxes."""
    print_view(guide)
    assert visible_labels(guide) == ALL_LABELS
    assert_no_chrome_and_empty_boxes(guide)


@pytest.mark.parametrize("alternativ", ALTERNATIV, ids=lambda a: a["id"])
def test_printing_gives_the_chosen_steps_with_empty_boxes(guide, alternativ):
    """After an answer the printout has that answer's steps only (ticked boxes print empty), and the threat advice only after Ja."""
    choose(guide, alternativ["text"])
    tick_all_visible(guide)
    print_view(guide)
    assert visible_labels(guide) == labels_for(steps_for(alternativ))
    assert_no_chrome_and_empty_boxes(guide)
    guide.emulate_media(media="screen")
    choose(guide, GUIDE["hot"]["ja"])
    print_view(guide)
    assert visible_labels(guide) == [normalize(VM["konkreta_hot"]["text"])] + labels_for(steps_for(alternativ))


def test_the_print_button_prints(guide):
    """"Skriv ut" opens the browser's print dialog."""
    guide.evaluate("() => { window.__kpPrinted = 0; window.print = () => { window.__kpPrinted += 1; }; }")
    guide.get_by_role("button", name=GUIDE["skriv_ut"]).click()
    assert guide.evaluate("() => window.__kpPrinted") == 1


SETTLE = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map(animation => animation.finished));
}"""


def states():
    """Each state of the guide to check with axe: (name, action on the page)."""
    yield "start", lambda page: None
    yield "hot-ja", lambda page: (choose(page, GUIDE["hot"]["ja"]), tick_all_visible(page))
    for alternativ in ALTERNATIV:
        yield f"vad-{alternativ['id']}", lambda page, a=alternativ: (choose(page, GUIDE["hot"]["nej"]), choose(page, a["text"]), tick_all_visible(page))
    yield "borja-om", lambda page: page.get_by_role("button", name=GUIDE["borja_om"]).click()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_reports_nothing_in_any_state(browser, server, width):
    """0 axe violations at the start, after each answer with its boxes ticked, and after "Börja om"."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    axe = Axe()
    failures = []
    try:
        page = open_page(context, server + URL)
        for name, action in states():
            action(page)
            # Ticking scrolls the page, and Material fades its "back to top" button in: let it settle before axe looks.
            page.evaluate(SETTLE)
            failures += [f"{name}: {line}" for line in axe_violations(page, axe)]
    finally:
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("alternativ", ALTERNATIV, ids=lambda a: a["id"])
def test_from_the_start_page_to_the_right_steps_in_three_clicks(context, server, alternativ):
    """Start page → the guide → "Nej" → what was seen: the right steps show after at most 3 clicks."""
    page = open_page(context, server + "/")
    clicks = 0
    page.locator("article").get_by_role("link", name=GUIDE["rubrik"]).click()
    clicks += 1
    page.wait_for_url(f"**{URL}")
    page.get_by_label(GUIDE["hot"]["nej"], exact=True).click()
    clicks += 1
    page.get_by_label(alternativ["text"], exact=True).click()
    clicks += 1
    assert clicks <= 3
    assert visible_labels(page) == labels_for(steps_for(alternativ))


def test_from_the_start_page_to_the_threat_advice_in_two_clicks(context, server):
    """Start page → the guide → "Ja": 112 and the plan's advice for concrete threats."""
    page = open_page(context, server + "/")
    page.locator("article").get_by_role("link", name=GUIDE["rubrik"]).click()
    page.wait_for_url(f"**{URL}")
    page.get_by_label(GUIDE["hot"]["ja"], exact=True).click()
    assert page.locator("#kp-vid-oro-hot").is_visible()
    assert page.locator("#kp-vid-oro-hot a[href='tel:112']").is_visible()
