"""Bilaga 1 Lägesbild in real Chromium: every example in data/forms/lagesbild.yaml filled in, revealed, printed to A4 and checked."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from macros.data import load_all, shown_parts
from tests.browser.conftest import ALLOWED_STORAGE_KEYS, open_page
from tests.browser.test_axe import axe_violations
from tests.browser.test_privacy import READ_STORAGE
from tests.conftest import ROOT
from tests.html_text import normalize

FORM = load_all(ROOT)["forms/lagesbild"]
QUESTIONS = FORM["fragor"]
EXAMPLES = {example["id"]: example for example in FORM["exempel"]}
URL = "/plan/bilaga-1-lagesbild/"
A4 = (210 * 72 / 25.4, 297 * 72 / 25.4)  # in points
MM = 72 / 25.4
# The guard waits this long after the last keystroke before it warns (kp-personuppgiftsvakt.js).
GUARD_PAUSE_MS = 500


# --- What the data says -------------------------------------------------------


def heading(question: dict) -> str:
    """A question as its heading reads: number, question and its mark."""
    text = f"{question['nummer']}. {question['fraga']}"
    return text + (f" ({question['markering']})" if question.get("markering") else "")


def options(question: dict) -> list[str]:
    """The choices a question offers."""
    return [alt["text"] for alt in question.get("alternativ", [])] or FORM["svarstyper"].get(question["svar"], [])


def text_label(question: dict) -> str | None:
    """The label of a question's text box: the question itself, its free-text label or its follow-up."""
    if question["svar"] == "fritext":
        return f"{question['nummer']}. {question['fraga']}"
    if question.get("fritext"):
        return question["fritext_etikett"]
    return (question.get("foljdfraga") or {}).get("text")


def other_option(question: dict) -> str | None:
    """The option with a line to write on (Annat), if the question has one."""
    return next((alt["text"] for alt in question.get("alternativ", []) if alt.get("fritext")), None)


def final_answers(example: dict) -> dict:
    """The answers once the example's later changes ('sedan') are made."""
    answers = {qid: dict(answer) for qid, answer in (example.get("svar") or {}).items()}
    for qid, answer in (example.get("sedan") or {}).items():
        answers[qid] = {**answers.get(qid, {}), **answer}
    return answers


def chosen(answer: dict, question: dict) -> list[str]:
    """The boxes that end up ticked for an answer (writing on the Annat line ticks Annat)."""
    values = answer.get("val") or []
    values = list(values) if isinstance(values, list) else [values]
    if answer.get("annat") and other_option(question) not in values:
        values.append(other_option(question))
    return values


# --- What a user does -----------------------------------------------------------


def box(page, question: dict):
    """The part of the page that holds one question."""
    return page.locator(f'[data-kp-fraga="{question["id"]}"]')


def fill_in(page, example: dict) -> None:
    """Fill in an example the way a person does: report fields, then choices, then texts; then the later changes."""
    for field_id, text in (example.get("rapport") or {}).items():
        label = next(f["etikett"] for f in FORM["rapportuppgifter"]["falt"] if f["id"] == field_id)
        page.get_by_label(label, exact=True).fill(text)
    for step in ("svar", "sedan"):
        answers = example.get(step) or {}
        if step == "sedan" and answers:
            page.wait_for_timeout(GUARD_PAUSE_MS)  # let a warning settle before clicking on
        for question in QUESTIONS:
            value = (answers.get(question["id"]) or {}).get("val")
            role = "checkbox" if question["svar"] == "flerval" else "radio"
            for one in value if isinstance(value, list) else [value] if value else []:
                box(page, question).get_by_role(role, name=one, exact=True).check()
        for question in QUESTIONS:
            answer = answers.get(question["id"]) or {}
            if "annat" in answer:
                page.get_by_label(f"{other_option(question)}, nämligen", exact=True).fill(answer["annat"])
            if "text" in answer:
                page.get_by_label(text_label(question), exact=True).fill(answer["text"])


def is_a4(printed) -> bool:
    """True for a printed page of 210 × 297 mm (Chromium rounds to whole points and pixels)."""
    return abs(float(printed.mediabox.width) - A4[0]) < 1.5 and abs(float(printed.mediabox.height) - A4[1]) < 1.5


def pdf_pages(page) -> list[str]:
    """Print the page to A4 as Chromium does, and read back each printed page's text."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert all(is_a4(printed) for printed in reader.pages)
    return [normalize(p.extract_text()) for p in reader.pages]


def storage_and_requests_are_clean(page, requests: list, origin: str) -> None:
    """Nothing stored in the browser, and every request to the site itself."""
    stored = page.evaluate(READ_STORAGE)
    assert set(stored["local"]) <= ALLOWED_STORAGE_KEYS, stored["local"]
    assert stored["session"] == {} and stored["cookie"] == "" and stored["indexedDB"] == [] and stored["caches"] == [], stored
    urls = [getattr(r, "url", r) for r in requests]
    assert all(url.startswith(origin + "/") or url.startswith("data:") for url in urls), urls


@pytest.fixture
def form_page(context, server):
    """The annex page, with every request it makes recorded."""
    requests: list = []
    context.on("request", lambda request: requests.append(request))
    page = open_page(context, server + URL, wait_until="networkidle")
    page.requests = requests
    return page


# --- Each example -----------------------------------------------------------------


@pytest.mark.parametrize("example_id", list(EXAMPLES))
def test_example_fills_in_and_reveals_as_the_conditions_say(form_page, server, example_id):
    """The example's answers are taken, what they rule out is hidden, the rest shows; what was typed stays."""
    page, example = form_page, EXAMPLES[example_id]
    fill_in(page, example)
    answers = final_answers(example)
    shown = shown_parts(FORM, answers)
    for question in QUESTIONS:
        qid = question["id"]
        assert box(page, question).is_visible() is shown[qid], f"fråga {question['nummer']}"
        if question.get("foljdfraga"):
            assert page.get_by_text(question["foljdfraga"]["text"], exact=True).is_visible() is shown[f"{qid}-foljdfraga"], qid
        if question.get("villkor"):
            end = page.get_by_text(question["villkor"]["avslut"].split(". ")[0])
            assert end.is_visible() is shown[f"{qid}-avslut"], "avslutet efter fråga 1"
        answer = answers.get(qid) or {}
        role = "checkbox" if question["svar"] == "flerval" else "radio"
        ticked = [o for o in options(question) if question["svar"] != "fritext"
                  and box(page, question).get_by_role(role, name=o, exact=True, include_hidden=True).is_checked()]
        assert ticked == [o for o in options(question) if o in chosen(answer, question)], qid
        if text_label(question):
            assert page.get_by_label(text_label(question), exact=True).input_value() == answer.get("text", ""), qid
    assert page.locator("form[data-kp-lagesbild] input:checked").count() == sum(len(chosen(a, q)) for q in QUESTIONS for a in [answers.get(q["id"]) or {}])
    storage_and_requests_are_clean(page, page.requests, server)


def assert_no_block_is_split(printed: list[str], starts: list[str]) -> list[int]:
    """Each block (the report fields, each question) starts and ends on one page; return the page each starts on.

    A block is whole when the next block starts on the same page, or at the very top of
    the next page; the last block must be on the last page, since nothing prints after it.
    """
    pages = []
    for start in starts:
        where = [i for i, text in enumerate(printed) if normalize(start) in text]
        assert len(where) == 1, f"{start[:50]!r} står inte på en och samma sida: {where}"
        pages.append(where[0])
    for i, page in enumerate(pages):
        if i + 1 < len(pages):
            following = pages[i + 1]
            assert following == page or (following == page + 1 and printed[following].startswith(normalize(starts[i + 1]))), \
                f"{starts[i][:50]!r} delas mellan sidorna {page + 1} och {page + 2}"
        else:
            assert page == len(printed) - 1, f"{starts[i][:50]!r} fortsätter på sidan {page + 2}"
    return pages


@pytest.mark.parametrize("example_id", list(EXAMPLES))
def test_example_prints_its_answers_on_a4_without_splitting_a_question(form_page, server, example_id):
    """The printout holds the shown questions with their answers, not the hidden ones, each question on one page."""
    page, example = form_page, EXAMPLES[example_id]
    fill_in(page, example)
    answers = final_answers(example)
    shown = shown_parts(FORM, answers)
    printed = pdf_pages(page)
    print(f"{example_id}: {len(printed)} A4-sidor")
    everything = " ".join(printed)
    visible = [q for q in QUESTIONS if shown[q["id"]]]
    for question in QUESTIONS:
        if not shown[question["id"]]:
            assert normalize(heading(question)) not in everything, f"fråga {question['nummer']} är dold men skrivs ut"
    starts = assert_no_block_is_split(printed, [FORM["rapportuppgifter"]["rubrik"]] + [heading(q) for q in visible])
    for text in (example.get("rapport") or {}).values():
        assert text in printed[starts[0]]
    for question, on_page in zip(visible, starts[1:], strict=True):
        qid, answer = question["id"], answers.get(question["id"]) or {}
        parts = [(question.get("villkor") or {}).get("text"), answer.get("annat")]
        if question.get("foljdfraga") and shown[f"{qid}-foljdfraga"]:
            parts.append(question["foljdfraga"]["text"])
        if answer.get("text") and (not question.get("foljdfraga") or shown[f"{qid}-foljdfraga"]):
            parts += [answer["text"][:40], answer["text"][-40:]]
        for part in filter(None, parts):
            assert normalize(part) in printed[on_page], f"fråga {question['nummer']}: {part!r} står inte på frågans sida"
    for hidden_text in ("Skriv ut / spara som PDF", "Rensa formuläret", "Vägledning", "Varning"):
        assert hidden_text not in everything
    storage_and_requests_are_clean(page, page.requests, server)


@pytest.mark.parametrize("example_id", list(EXAMPLES))
def test_example_has_no_axe_violations(form_page, example_id):
    """axe finds nothing in the state the example leaves the form in: revealed, hidden, warned."""
    fill_in(form_page, EXAMPLES[example_id])
    form_page.wait_for_timeout(GUARD_PAUSE_MS)
    assert axe_violations(form_page, Axe()) == []


# --- The blank form on paper --------------------------------------------------------


def test_blank_form_prints_on_at_most_two_a4_pages_with_all_questions(form_page):
    """The blank form: at most 2 A4 pages, with all six questions and all ten kinds of incident."""
    printed = pdf_pages(form_page)
    print(f"tom blankett: {len(printed)} A4-sidor")
    assert len(printed) <= 2
    everything = " ".join(printed)
    assert len(QUESTIONS) == 6
    for question in QUESTIONS:
        assert normalize(heading(question)) in everything
        assert all(normalize(o) in everything for o in options(question))
    incident_types = QUESTIONS[1]["alternativ"]
    assert len(incident_types) == 10 and other_option(QUESTIONS[1]) == "Annat"
    for field in FORM["rapportuppgifter"]["falt"]:
        assert field["etikett"] in everything


def test_blank_form_prints_on_two_pages_without_javascript(browser, server):
    """Printed with JavaScript off, the blank form is the same two pages."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + URL)
        printed = pdf_pages(page)
        assert len(printed) <= 2
        assert all(normalize(heading(q)) in " ".join(printed) for q in QUESTIONS)
    finally:
        context.close()


def test_page_rule_sets_a4_and_the_margins(form_page):
    """@page makes the annex A4 with its margins, even when the printer asks for another size."""
    reader = PdfReader(io.BytesIO(form_page.pdf(format="Letter", prefer_css_page_size=True)))
    assert is_a4(reader.pages[0]), reader.pages[0].mediabox
    xs: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.append(cm[4] + tm[4] * cm[0])

    reader.pages[0].extract_text(visitor_text=visit)
    assert 15 * MM - 1 <= min(xs) <= 15 * MM + 3, f"vänstermarginalen är {min(xs) / MM:.1f} mm"
    form_page.emulate_media(media="print")
    assert form_page.evaluate("getComputedStyle(document.body).page") == "kp-lagesbild"


def test_print_shows_only_the_annex(form_page):
    """On paper: no header, navigation, footer, guidance, notice or buttons; the heading and the form only."""
    form_page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".admonition",
                     "[data-kp-skriv-ut]", "[data-kp-rensa]"):
        assert not form_page.locator(selector).first.is_visible(), selector
    assert form_page.locator("article h1").is_visible()
    assert form_page.locator("form[data-kp-lagesbild]").is_visible()


def test_choices_print_as_boxes_and_text_as_ruled_lines(form_page):
    """Boxes of 5 mm to tick by pen; text boxes ruled every 8 mm, at least three lines, printed without background graphics."""
    form_page.emulate_media(media="print")
    sizes = form_page.evaluate("""() => [...document.querySelectorAll('form[data-kp-lagesbild] input[type=radio], form[data-kp-lagesbild] input[type=checkbox]')]
        .map(e => e.getBoundingClientRect().width)""")
    assert len(sizes) == 2 + 10 + 3 * 3 and all(abs(size - 5 * 96 / 25.4) < 0.5 for size in sizes), sizes
    ruled = form_page.evaluate("""() => [...document.querySelectorAll('form[data-kp-lagesbild] textarea')].map(e => {
        const s = getComputedStyle(e);
        return {lines: e.getBoundingClientRect().height / (8 * 96 / 25.4), image: s.backgroundImage, size: s.backgroundSize, exact: s.printColorAdjust};
    })""")
    assert len(ruled) == 5
    for box_ in ruled:
        assert box_["lines"] >= 2.99 and "linear-gradient" in box_["image"] and box_["exact"] == "exact", box_
    lines = form_page.evaluate("""() => [...document.querySelectorAll('form[data-kp-lagesbild] input[type=text]')]
        .map(e => getComputedStyle(e).borderBottomStyle + ' ' + getComputedStyle(e).borderTopStyle)""")
    assert lines == ["solid none"] * 4


# --- On screen --------------------------------------------------------------------


def test_without_javascript_every_question_and_condition_shows_and_works(browser, server):
    """With JavaScript off all questions and follow-ups show, the JS-only buttons do not, and the fields still take input."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + URL)
        for question in QUESTIONS:
            assert page.get_by_role("heading", name=heading(question), exact=True).is_visible()
            if question.get("foljdfraga"):
                assert page.get_by_label(question["foljdfraga"]["text"], exact=True).is_visible()
        assert page.get_by_text(QUESTIONS[0]["villkor"]["text"]).is_visible()
        assert not page.get_by_role("button").filter(has_text=re.compile("Skriv ut|Rensa")).first.is_visible()
        box(page, QUESTIONS[0]).get_by_role("radio", name="Nej", exact=True).check()
        assert box(page, QUESTIONS[2]).is_visible()  # nothing hides without the script
        page.get_by_label(text_label(QUESTIONS[4]), exact=True).fill("Åtgärder")
        assert page.get_by_label(text_label(QUESTIONS[4]), exact=True).input_value() == "Åtgärder"
    finally:
        context.close()


def test_no_on_question_1_ends_the_form_politely_and_yes_brings_it_back(form_page):
    """Nej on 1 hides 2–6 and shows the end, marked as an addition, announced; Ja shows them again."""
    first = box(form_page, QUESTIONS[0])
    first.get_by_role("radio", name="Nej", exact=True).check()
    end = form_page.locator("[data-kp-avslut-om]")
    assert end.is_visible() and "Tack" in end.inner_text() and "inte en del av den beslutade planen" in end.inner_text()
    assert end.locator("xpath=..").get_attribute("aria-live") == "polite"
    assert all(not box(form_page, q).is_visible() for q in QUESTIONS[1:])
    assert form_page.get_by_role("button", name="Skriv ut / spara som PDF").is_visible()
    first.get_by_role("radio", name="Ja", exact=True).check()
    assert not end.is_visible() and all(box(form_page, q).is_visible() for q in QUESTIONS[1:])


def test_nameless_mark_is_prominent_at_question_3(form_page):
    """'Nämn inga namn' stands out at question 3: bold, framed, in its heading."""
    mark = box(form_page, QUESTIONS[2]).locator(".kp-markering")
    assert mark.inner_text() == "(Nämn inga namn)"
    style = mark.evaluate("e => { const s = getComputedStyle(e); return [s.fontWeight, s.borderTopStyle, s.borderTopWidth]; }")
    assert int(style[0]) >= 700 and style[1] == "solid" and float(style[2].removesuffix("px")) >= 2


def test_print_button_prints(context, server):
    """'Skriv ut / spara som PDF' opens the browser's print dialogue."""
    context.add_init_script(script="window.__kpUtskrifter = 0; window.print = () => { window.__kpUtskrifter += 1; };")
    page = open_page(context, server + URL)
    page.get_by_role("button", name="Skriv ut / spara som PDF").click()
    assert page.evaluate("window.__kpUtskrifter") == 1


def test_clear_button_empties_the_form_and_says_so(form_page):
    """'Rensa formuläret' empties every field and box, shows every question again and announces it."""
    fill_in(form_page, EXAMPLES["alla-svar"])
    box(form_page, QUESTIONS[0]).get_by_role("radio", name="Nej", exact=True).check()
    form_page.get_by_role("button", name="Rensa formuläret").click()
    assert form_page.locator("form[data-kp-lagesbild] input:checked").count() == 0
    assert form_page.evaluate("() => [...document.querySelectorAll('form[data-kp-lagesbild] input[type=text], form[data-kp-lagesbild] textarea')].every(e => e.value === '')")
    assert all(box(form_page, q).is_visible() for q in QUESTIONS)
    assert not form_page.locator("[data-kp-avslut-om]").is_visible()
    status = form_page.locator("[data-kp-lagesbild-status]")
    assert status.inner_text() == "Formuläret är rensat." and status.get_attribute("aria-live") == "polite"


def test_enter_in_a_field_sends_nothing(form_page, server):
    """Pressing Enter in a field neither submits nor leaves the page."""
    before = len(form_page.requests)
    field = form_page.get_by_label(FORM["rapportuppgifter"]["falt"][0]["etikett"], exact=True)
    field.fill("Fritidsförvaltningen")
    field.press("Enter")
    form_page.wait_for_timeout(300)
    sent = [f"{r.method} {r.url}" for r in form_page.requests[before:] if r.is_navigation_request() or r.method != "GET"]
    assert form_page.url == server + URL and not sent, sent
    assert field.input_value() == "Fritidsförvaltningen"


def test_reloading_clears_a_filled_form(form_page):
    """A reload gives an empty form: the browser restores nothing."""
    fill_in(form_page, EXAMPLES["alla-svar"])
    form_page.reload(wait_until="networkidle")
    assert form_page.locator("form[data-kp-lagesbild] input:checked").count() == 0
    assert form_page.evaluate("() => [...document.querySelectorAll('form[data-kp-lagesbild] input[type=text], form[data-kp-lagesbild] textarea')].every(e => e.value === '')")


def test_notice_by_the_print_button(form_page):
    """Right before the buttons: a sent report is an allmän handling, and 'Spara ingen information' applies."""
    notice = form_page.locator(".admonition").filter(has_text="allmän handling")
    assert notice.is_visible() and "Spara ingen information." in notice.inner_text()
    follows = notice.evaluate("e => e.nextElementSibling.matches('.kp-lagesbild-knappar')")
    assert follows
