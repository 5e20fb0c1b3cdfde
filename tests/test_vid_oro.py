"""The guide "Jag är orolig …" (macros/vid_oro.py): goldens, the plan's words from data, no free text, only 112 and 114 14, and the build warning."""

from __future__ import annotations

import copy
import logging
import re
import shutil
from types import SimpleNamespace

import pytest
import yaml

from macros import define_env, render, vid_oro
from macros.data import load_all
from tests.conftest import ROOT, matches_golden

GOLDEN = ROOT / "tests" / "golden" / "vid_oro"
DATA = load_all(ROOT, docs_dir=ROOT / "docs")
VM = DATA["vid-misstanke"]
AVSNITT = render.index(DATA["avsnitt"]["avsnitt"])
FILLED = yaml.safe_load((ROOT / "tests" / "fixtures" / "valid" / "kontakter__ifyllt.yaml").read_text(encoding="utf-8"))


def guide(vm: dict = VM, samordnare: dict | None = None) -> str:
    """The guide rendered from (a copy of) the real data."""
    card = render.kontakt(samordnare if samordnare is not None else DATA["kontakter"]["samordnare"], "Kommunens samordnare")
    return vid_oro.vid_oro(vm, DATA["kontakter"]["nodnummer"], DATA["tecken"]["forbehall"], AVSNITT, card)


CASES = {
    "vid_oro": lambda: guide(),
    "lank": lambda: vid_oro.lank(VM, "plan/bilaga-2-vid-misstanke.md"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_matches_golden(name, request):
    """The output equals tests/golden/vid_oro/NAME.md (rewrite with --update, review in git diff)."""
    matches_golden(CASES[name](), GOLDEN / f"{name}.md", request)


def test_every_golden_file_has_a_case():
    """No golden file is left over from a case that is gone."""
    assert {p.stem for p in GOLDEN.glob("*.md")} == set(CASES)


def plan_texts(vm: dict) -> list[str]:
    """Every text of Bilaga 2 that the guide must show word for word, escaped as a renderer writes it."""
    texts = [vm["fraga"], vm["spara_ingen_information"], vm["konkreta_hot"]["rubrik"], vm["konkreta_hot"]["text"]]
    for step in vm["steg"]:
        texts.append(step["text"])
        texts += [d["text"] for d in step.get("delsteg", [])]
    return [render.esc(t) for t in texts]


def test_every_plan_text_of_bilaga_2_is_in_the_guide_word_for_word():
    """Each step, sub-step, the Obs! note and "Vid konkreta hot" come from the same data as the Bilaga 2 page."""
    html = guide()
    for text in plan_texts(VM):
        assert text in html, text


def test_the_guide_follows_the_data_not_a_copy():
    """Changing a step in the data changes the guide: the texts are read, not copied."""
    vm = copy.deepcopy(VM)
    vm["steg"][1]["delsteg"][0]["text"] = "Ändrad text för testet."
    html = guide(vm)
    assert "a) Ändrad text för testet." in html
    assert VM["steg"][1]["delsteg"][0]["text"] not in html


def test_the_obs_note_is_where_the_plan_has_it():
    """After the points of step 2, and as point c of step 3, as Bilaga 2 prints it."""
    html = guide()
    obs = render.esc(VM["spara_ingen_information"])
    assert f'<p class="kp-vid-oro__obs" markdown="span"><strong>Obs!</strong> {obs}</p>' in html
    assert f'<li class="kp-vid-oro__obs" markdown="span">c) <strong>Obs!</strong> {obs}</li>' in html


def test_there_are_no_free_text_fields():
    """Only radios and checkboxes: names, times and places go on paper, never into the browser."""
    html = guide()
    assert not re.search(r"<(textarea|select)\b", html)
    kinds = set(re.findall(r'<input type="([a-z]+)"', html))
    assert kinds == {"radio", "checkbox"}
    assert len(re.findall(r"<input\b", html)) == len(re.findall(r'<input type="(?:radio|checkbox)"', html))


def test_every_control_has_a_label_and_a_unique_id():
    """Each radio and checkbox has an id that exactly one label points to."""
    html = guide()
    ids = re.findall(r'<input type="(?:radio|checkbox)"[^>]* id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(re.findall(r"<input\b", html))
    for ident in ids:
        assert html.count(f'<label for="{ident}">') == 1, ident
    all_ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(all_ids) == len(set(all_ids))


def test_every_question_is_a_fieldset_with_a_legend():
    """Two questions, each radio group in its own fieldset with a legend from the guidance data."""
    html = guide()
    fieldsets = re.findall(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.S)
    assert len(fieldsets) == 2
    for fieldset, fraga in zip(fieldsets, (VM["vagledning"]["hot"]["fraga"], VM["vagledning"]["vad"]["fraga"]), strict=True):
        assert re.match(rf'\s*<legend[^>]*>{re.escape(render.esc(fraga))}</legend>', fieldset)
        assert "<input" in fieldset


def test_every_revealed_element_is_named_by_its_radio():
    """aria-controls of each answer names elements that exist and show for that answer (GOV.UK's conditional reveal)."""
    html = guide()
    for alt in VM["vagledning"]["vad"]["alternativ"]:
        controls = re.search(rf'id="kp-vad-{alt["id"]}"[^>]*aria-controls="([^"]+)"|aria-controls="([^"]+)"[^>]*id="kp-vad-{alt["id"]}"', html)
        controls = controls and (controls.group(1) or controls.group(2))
        assert controls, alt["id"]
        for ident in controls.split():
            assert f'id="{ident}"' in html, ident


def test_the_always_step_is_shown_for_every_answer():
    """Step 1 has no condition, and every answer starts with it."""
    alltid = VM["vagledning"]["alltid"]
    assert re.search(rf'<li id="kp-vid-oro-steg-{alltid}" markdown="1">', guide())
    for steps in vid_oro.steg_for_svar(VM).values():
        assert steps[0]["id"] == alltid
        assert [s["id"] for s in steps].count(alltid) == 1


def test_each_answer_announces_the_steps_it_shows():
    """The aria-live sentence names the plan's step numbers for each answer."""
    html = guide()
    per_svar = vid_oro.steg_for_svar(VM)
    for alt in VM["vagledning"]["vad"]["alternativ"]:
        numbers = vid_oro.uppraknad([s["nummer"] for s in per_svar[alt["id"]]])
        assert f'data-kp-status="{render.attr(VM["vagledning"]["vad"]["status"].replace("{steg}", numbers))}"' in html


@pytest.mark.parametrize(("items", "text"), [([1], "1"), ([1, 2], "1 och 2"), ([1, 2, 3], "1, 2 och 3")])
def test_numbers_are_listed_the_swedish_way(items, text):
    """1; 1 och 2; 1, 2 och 3."""
    assert vid_oro.uppraknad(items) == text


def test_only_112_and_114_14_are_numbers_on_the_page():
    """The emergency line is composed from data/kontakter.yaml, and no other number is shown."""
    html = guide()
    assert 'Ring <a href="tel:112">112</a> vid akut fara.' in html
    assert 'Polisen, ej akut: ring <a href="tel:11414">114 14</a>.' in html
    assert set(re.findall(r'href="tel:([^"]+)"', html)) == {"112", "11414"}
    digits = {re.sub(r"\s", "", n) for n in re.findall(r"(?<![\w-])\d[\d ]{2,}\d(?![\w-])", re.sub(r"<[^>]+>", " ", html))}
    assert digits <= {"112", "11414"}


def test_missing_contact_details_are_said_plainly():
    """With no coordinator in data the card says so; it never invents a contact."""
    html = guide()
    assert render.KONTAKT_SAKNAS in html
    assert "mailto:" not in html


def test_filled_contact_details_are_shown_from_data():
    """With the coordinator filled in, the card shows the name, a phone link and an e-mail link."""
    samordnare = FILLED["samordnare"]
    html = guide(samordnare=samordnare)
    assert render.KONTAKT_SAKNAS not in html
    assert samordnare["namn"] in html
    assert f'href="mailto:{samordnare["epost"]}"' in html
    assert 'href="tel:0000000000"' in html


def test_html_in_guidance_data_is_escaped():
    """HTML written in the guidance data is shown as text, never run."""
    vm = copy.deepcopy(VM)
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    for key in ("rubrik", "markering", "ingress", "fragor_ingress", "borja_om", "borja_om_status"):
        vm["vagledning"][key] = attack
    vm["vagledning"]["hot"]["status"] = attack
    vm["vagledning"]["vad"]["alternativ"][0]["text"] = attack
    vm["vagledning"]["vad"]["alternativ"][0]["hint"] = attack
    html = guide(vm) + vid_oro.rubrik(vm) + vid_oro.lank(vm, "plan/bilaga-2-vid-misstanke.md")
    assert "<script" not in html and "<img" not in html


def test_the_link_from_bilaga_2_is_marked_as_guidance():
    """The box on the Bilaga 2 page links to the guide and says it is guidance."""
    box = vid_oro.lank(VM, "plan/bilaga-2-vid-misstanke.md")
    assert box.startswith(f'!!! tip "{VM["vagledning"]["markering"]}"')
    assert f"]({'../vagledning/vid-oro.md'})" in box


def register(project) -> tuple[dict, list[str]]:
    """Run define_env on a project; return its macros and the build's warnings."""
    macros: dict = {}
    env = SimpleNamespace(project_dir=str(project), conf={"docs_dir": str(project / "docs"), "mdx_configs": {}, "extra": {}},
                          macro=lambda function, name: macros.__setitem__(name, function),
                          page=SimpleNamespace(file=SimpleNamespace(src_uri=vid_oro.SIDA), meta={}))
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    log = logging.getLogger("handlingsplan")
    log.addHandler(handler)
    try:
        define_env(env)
    finally:
        log.removeHandler(handler)
    return macros, records


def test_the_build_warns_when_the_coordinator_is_missing_and_not_when_filled(tmp_path):
    """Missing contact details: a warning and the plain notice; filled in: no warning and no notice."""
    macros, warnings = register(ROOT)
    assert any("samordnaren saknar" in w for w in warnings), warnings
    assert render.KONTAKT_SAKNAS in macros["vid_oro"]()

    for folder in ("data", "schemas", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "kontakter__ifyllt.yaml", tmp_path / "data" / "kontakter.yaml")
    macros, warnings = register(tmp_path)
    assert not any("samordnaren saknar" in w for w in warnings), warnings
    assert render.KONTAKT_SAKNAS not in macros["vid_oro"]() and FILLED["samordnare"]["namn"] in macros["vid_oro"]()


def test_the_guide_is_in_the_nav_and_linked_from_start_and_bilaga_2(pages):
    """The built site: the page exists under Vägledning, and the start page and Bilaga 2 link to it."""
    title = VM["vagledning"]["rubrik"]
    assert "<h1" in pages["vagledning/vid-oro/index.html"] and title in pages["vagledning/vid-oro/index.html"]
    assert re.search(rf'<a href="vagledning/vid-oro/">{re.escape(title)}</a>', pages["index.html"])
    assert re.search(rf'<a href="../../vagledning/vid-oro/">{re.escape(title)}</a>', pages["plan/bilaga-2-vid-misstanke/index.html"])
    nav = pages["index.html"].split('class="md-nav md-nav--primary"')[1]
    assert "Vägledning" in nav and "vagledning/vid-oro/" in nav


def test_only_the_guide_loads_its_script_and_styles(pages):
    """kp-vid-oro.css and kp-vid-oro.js come with the guide (extra.resurser) and weigh nothing on other pages."""
    guide_page = "vagledning/vid-oro/index.html"
    for asset in ("assets/stylesheets/kp-vid-oro.css", "assets/javascripts/kp-vid-oro.js"):
        assert asset in pages[guide_page], asset
        assert [path for path, html in pages.items() if asset in html] == [guide_page], asset
