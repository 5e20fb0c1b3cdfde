"""Bilaga 1 as a form: the pure renderers against golden files, the form's structure, its conditions and escaping."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from macros import lagesbild, render
from macros.data import load_all, shown_parts
from tests.conftest import ROOT, matches_golden
from tests.html_text import article_text, normalize

GOLDEN = ROOT / "tests" / "golden" / "lagesbild"
DATA = load_all(ROOT, docs_dir=ROOT / "docs")
FORM = DATA["forms/lagesbild"]
BILAGA_2 = render.index(DATA["avsnitt"]["avsnitt"])["bilaga-2"]
PAGE = "plan/bilaga-1-lagesbild.md"

CASES = {
    "formular.html": lambda: lagesbild.formular(FORM),
    "allman_handling.md": lambda: lagesbild.allman_handling(DATA["vid-misstanke"]["spara_ingen_information"], BILAGA_2, PAGE),
    "knappar.html": lambda: lagesbild.knappar(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_matches_golden(name, request):
    """The renderer's output equals tests/golden/lagesbild/NAME (rewrite with --update, review in git diff)."""
    matches_golden(CASES[name](), GOLDEN / name, request)


def test_every_golden_file_has_a_case():
    """No golden file is left over from a renderer that is gone."""
    assert {p.name for p in GOLDEN.iterdir()} == set(CASES)


class _Form(HTMLParser):
    """Collect the form's elements with their attributes, and which fieldset and label each sits in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.labels: dict[str, str] = {}
        self._label: list | None = None

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "parents": [e["tag"] for e in self.stack], "text": []}
        self.elements.append(element)
        if tag not in ("input", "br"):
            self.stack.append(element)
        if tag == "label":
            self._label = [element["attrs"].get("for"), []]

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break
        if tag == "label" and self._label:
            self.labels[self._label[0]] = normalize("".join(self._label[1]))
            self._label = None

    def handle_data(self, data):
        for element in self.stack:
            element["text"].append(data)
        if self._label:
            self._label[1].append(data)


@pytest.fixture(scope="module")
def parsed() -> _Form:
    """The rendered form, parsed."""
    parser = _Form()
    parser.feed(lagesbild.formular(FORM))
    return parser


def test_every_field_has_a_label_and_autocomplete_off(parsed):
    """Each text box, line and choice has its own label; text fields take no autofill and have no name to send."""
    fields = [e for e in parsed.elements if e["tag"] in ("input", "textarea")]
    assert len(fields) == 3 + 2 + 10 + 1 + 1 + 3 * 3 + 1 + 3
    for field in fields:
        attrs = field["attrs"]
        assert parsed.labels.get(attrs["id"]), f"{attrs['id']} saknar etikett"
        if field["tag"] == "textarea" or attrs.get("type") == "text":
            assert attrs.get("autocomplete") == "off" and "name" not in attrs, attrs
            report_field = attrs["id"] in {f"kp-lb-{f['id']}" for f in FORM["rapportuppgifter"]["falt"]}
            assert ("data-kp-personuppgiftsvakt" in attrs) is not report_field, attrs["id"]
    ids = [e["attrs"]["id"] for e in parsed.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids))


def test_form_has_no_action_and_no_submit_button(parsed):
    """The form sends nothing: no action, no method, no submit button."""
    form = next(e for e in parsed.elements if e["tag"] == "form")
    assert "action" not in form["attrs"] and "method" not in form["attrs"]
    assert form["attrs"]["autocomplete"] == "off"
    assert not [e for e in parsed.elements if e["tag"] == "button" or e["attrs"].get("type") == "submit"]


def test_choices_are_grouped_in_fieldsets_with_the_question_as_legend(parsed):
    """Every radio and checkbox sits in a fieldset whose legend holds the question as a heading."""
    for element in parsed.elements:
        if element["attrs"].get("type") in ("radio", "checkbox"):
            assert "fieldset" in element["parents"], element["attrs"]["id"]
    legends = [normalize("".join(e["text"])) for e in parsed.elements if e["tag"] == "legend"]
    for question in FORM["fragor"]:
        if question["svar"] != "fritext":
            assert f"{question['nummer']}. {normalize(question['fraga'])}" in " ".join(legends)
    headings = [e for e in parsed.elements if e["tag"] == "h2"]
    assert [h["attrs"]["id"] for h in headings] == [f"fraga-{q['id']}" for q in FORM["fragor"]]


def test_the_annex_text_is_all_there_in_order():
    """Questions, explanations, options, conditions and follow-ups, word for word and in the plan's order."""
    text = article_text("<article>" + lagesbild.formular(FORM) + "</article>")
    parts = []
    for q in FORM["fragor"]:
        parts.append(f"{q['nummer']}. {q['fraga']}" + (f" ({q['markering']})" if q.get("markering") else ""))
        parts += q.get("forklaringar", [])
        parts += [alt["text"] for alt in q.get("alternativ", [])] or FORM["svarstyper"].get(q["svar"], [])
        parts += [(q.get("foljdfraga") or {}).get("text"), (q.get("villkor") or {}).get("text")]
    position = 0
    for part in filter(None, parts):
        found = text.find(normalize(part), position)
        assert found >= 0, f"saknas eller i fel ordning: {part!r}"
        position = found


def test_additions_are_marked_as_not_plan_text(parsed):
    """The report fields and the polite end are visibly marked as additions."""
    marks = [e for e in parsed.elements if "kp-tillagg" in e["attrs"].get("class", "")]
    assert [normalize("".join(m["text"])) for m in marks] == [lagesbild.TILLAGG] * 2
    assert "legend" in marks[0]["parents"]
    rapport = next(e for e in parsed.elements if e["attrs"].get("class") == "kp-rapport")
    assert all(f["etikett"] in "".join(rapport["text"]) for f in FORM["rapportuppgifter"]["falt"])


def test_conditions_come_from_the_data(parsed):
    """Questions after the condition are shown on its answers; follow-ups on theirs; the end on the others."""
    gate = FORM["fragor"][0]
    for question in FORM["fragor"][1:]:
        element = next(e for e in parsed.elements if e["attrs"].get("data-kp-fraga") == question["id"])
        assert element["attrs"]["data-kp-visas-om"] == gate["id"]
        assert element["attrs"]["data-kp-visas-vid"] == '["Ja"]'
        if question.get("foljdfraga"):
            follow = next(e for e in parsed.elements if e["attrs"].get("id") == f"kp-lb-{question['id']}-foljdfraga")
            assert follow["attrs"]["data-kp-visas-om"] == question["id"]
            assert follow["attrs"]["data-kp-visas-vid"] == '["Ja", "Delvis"]'
    end = next(e for e in parsed.elements if "data-kp-avslut-om" in e["attrs"])
    assert end["attrs"]["data-kp-fortsatt-vid"] == '["Ja"]' and "hidden" in end["attrs"]
    assert gate["villkor"]["avslut"].split()[0] in "".join(end["text"])


def test_nameless_warning_is_part_of_the_question_and_describes_its_text_box(parsed):
    """'(Nämn inga namn)' is in question 3's heading, and the text box under it is described by it."""
    mark = next(e for e in parsed.elements if e["attrs"].get("class") == "kp-markering")
    assert "".join(mark["text"]) == "(Nämn inga namn)" and "h2" in mark["parents"]
    box = next(e for e in parsed.elements if e["attrs"].get("id") == "kp-lb-vem-text")
    assert mark["attrs"]["id"] in box["attrs"]["aria-describedby"]


def test_js_only_parts_are_hidden_until_the_script_runs():
    """The buttons and the polite end are hidden in the HTML and sit inside [data-kp-bara-js]."""
    buttons = lagesbild.knappar()
    assert buttons.startswith('<div class="kp-lagesbild-knappar" data-kp-bara-js>')
    assert buttons.count(" hidden>") == 2 and 'type="button"' in buttons
    assert "Skriv ut / spara som PDF" in buttons and "Rensa formuläret" in buttons
    form = lagesbild.formular(FORM)
    assert re.search(r'<div class="kp-avslut" data-kp-bara-js aria-live="polite">\n<div [^>]*hidden>', form)


def test_notice_quotes_the_plan_and_links_to_bilaga_2():
    """The notice says a sent report is a public record and quotes 'Spara ingen information.' from the data."""
    notice = lagesbild.allman_handling(DATA["vid-misstanke"]["spara_ingen_information"], BILAGA_2, PAGE)
    assert notice.startswith('!!! info "Vägledning – inte en del av den beslutade planen"')
    assert "*allmän handling*" in notice and "*Spara ingen information.*" in notice
    assert "[Bilaga 2](bilaga-2-vid-misstanke.md)" in notice


@pytest.mark.parametrize(("text", "first"), [
    ("Spara ingen information. Samordnaren förmedlar.", "Spara ingen information."),
    ("En mening utan punkt", "En mening utan punkt"),
    ("Obs! Spara inte.", "Obs!"),
])
def test_first_sentence(text, first):
    """The quote is the text's first sentence."""
    assert lagesbild.forsta_meningen(text) == first


def test_html_in_the_form_data_is_escaped_and_emphasis_kept():
    """A tag typed into a question is shown as text; *kursiv* and **fet** become em and strong."""
    form = copy.deepcopy(FORM)
    form["fragor"][0]["fraga"] = '<script>alert(1)</script> "citat" *kursiv* **fet**'
    form["fragor"][1]["alternativ"][0]["text"] = "<img src=x onerror=alert(1)>"
    form["rapportuppgifter"]["falt"][0]["etikett"] = "a & b"
    output = lagesbild.formular(form)
    assert "<script>" not in output and "<img" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;citat&quot; <em>kursiv</em> <strong>fet</strong>" in output
    assert 'value="&lt;img src=x onerror=alert(1)&gt;"' in output
    assert "a &amp; b" in output


def test_the_form_has_no_blank_line_that_would_end_the_html_block():
    """Markdown ends a raw HTML block at a blank line; the form must come out as one block."""
    assert "\n\n" not in lagesbild.formular(FORM)


@pytest.mark.parametrize(("answers", "hidden"), [
    ({}, set()),
    ({"incidenter": {"val": "Ja"}}, set()),
    ({"incidenter": {"val": "Nej"}}, {"vad-har-hant", "vem", "vem-foljdfraga", "oro", "oro-foljdfraga", "atgarder", "stod", "stod-foljdfraga"}),
    ({"vem": {"val": "Nej"}, "stod": {"val": "Delvis"}}, {"vem-foljdfraga"}),
])
def test_what_an_answer_rules_out_is_hidden(answers, hidden):
    """Unanswered, the whole form shows, as on paper; Nej on 1 hides 2–6 and shows the end; Nej on 3 hides its follow-up."""
    shown = shown_parts(FORM, answers)
    assert {key for key, visible in shown.items() if not visible and not key.endswith("-avslut")} == hidden
    assert shown["incidenter-avslut"] is (answers.get("incidenter", {}).get("val") == "Nej")
