"""Guidance by role: renderers against goldens, the role-page check, and what the built pages show, compared with the data."""

from __future__ import annotations

import posixpath
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from macros import ansvar, render
from macros.data import DataError, load_all
from tests.conftest import ROOT, matches_golden, page_path
from tests.html_text import normalize, read_article

GOLDEN = ROOT / "tests" / "golden" / "ansvar"
DATA = load_all(ROOT, docs_dir=ROOT / "docs")
AVSNITT = render.index(DATA["avsnitt"]["avsnitt"])
ROLLER = render.index(DATA["roller"]["roller"])
MENINGAR = ansvar.meningar(DATA["ansvar"]["block"])
NIVAER = DATA["insatser"]["nivaer"]
TECKEN_PER_NIVA = {n["niva"]: n["tecken"] for n in DATA["tecken"]["nivaer"]}
INSATSER = {row["id"]: (niva, row) for niva in NIVAER for row in niva["insatser"]}
GUIDE = "vagledning/chefens-stod.md"
NEW_PAGES = ["index.md", GUIDE, "mitt-ansvar/index.md", *(f"mitt-ansvar/{r}.md" for r in ROLLER)]

# Each golden case: a name and the call that renders it from the real data.
CASES = {
    "eskalering": lambda: ansvar.eskalering(DATA["eskalering"], ROLLER, MENINGAR, DATA["vid-misstanke"]["konkreta_hot"],
                                            render.nodnummer(DATA["kontakter"]["nodnummer"]), AVSNITT, "index.md"),
    "mitt_ansvar_skola": lambda: ansvar.mitt_ansvar("skola", ROLLER, DATA["ansvar"]["block"], NIVAER, AVSNITT, "mitt-ansvar/skola.md"),
    "mitt_ansvar_samordnare": lambda: ansvar.mitt_ansvar("samordnare", ROLLER, DATA["ansvar"]["block"], NIVAER, AVSNITT, "mitt-ansvar/samordnare.md"),
    "mitt_ansvar_chefer": lambda: ansvar.mitt_ansvar("chefer", ROLLER, DATA["ansvar"]["block"], NIVAER, AVSNITT, "mitt-ansvar/chefer.md"),
    "mitt_ansvar_index": lambda: ansvar.mitt_ansvar_index(ROLLER, DATA["ansvar"]["block"], NIVAER, "mitt-ansvar/index.md"),
    "reflektion": lambda: ansvar.reflektion(DATA["vardera-risken"]["fragor"]),
    "nivaer_jamfor": lambda: ansvar.nivaer_jamfor(NIVAER, TECKEN_PER_NIVA, AVSNITT, GUIDE),
    "insatser_rader": lambda: ansvar.insatser_rader([INSATSER["specifika-orosanmalan"], INSATSER["individuella-orosanmalan"]], AVSNITT, GUIDE),
    "avstamning_ruta": lambda: ansvar.avstamning_ruta(INSATSER["specifika-orosanmalan"][1]),
    "tecken_vagledning": lambda: ansvar.tecken_vagledning(DATA["tecken"]["forbehall"], DATA["eskalering"]["vid_tecken"], AVSNITT, GUIDE),
    "niva_beskrivning": lambda: ansvar.niva_beskrivning(NIVAER[0]),
    "nodrad": lambda: ansvar.nodrad(DATA["kontakter"]["nodnummer"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_matches_golden(name, request):
    """The renderer's output equals tests/golden/ansvar/NAME.md (rewrite with --update, review in git diff)."""
    matches_golden(CASES[name](), GOLDEN / f"{name}.md", request)


def test_every_golden_file_has_a_case():
    """No golden file is left over from a renderer that is gone."""
    assert {p.stem for p in GOLDEN.glob("*.md")} == set(CASES)


BAD = "<script>alert(1)</script>"


def test_html_in_data_is_escaped_in_every_renderer():
    """A script tag typed into roles, questions, measures or numbers comes out as text."""
    roller = {**ROLLER, "skola": {**ROLLER["skola"], "namn": BAD}}
    assert BAD not in ansvar.mitt_ansvar("skola", roller, DATA["ansvar"]["block"], NIVAER, AVSNITT, "mitt-ansvar/skola.md")
    assert BAD not in ansvar.mitt_ansvar_index(roller, DATA["ansvar"]["block"], NIVAER, "mitt-ansvar/index.md")
    assert BAD not in ansvar.reflektion([{"id": "x", "fraga": BAD, "forklaring": BAD}])
    row = {**INSATSER["specifika-orosanmalan"][1], "vad": BAD, "avstamning": BAD}
    assert BAD not in ansvar.insatser_rader([(NIVAER[1], row)], AVSNITT, GUIDE)
    assert BAD not in ansvar.avstamning_ruta(row)
    assert BAD not in ansvar.nodrad({"akut": {"nummer": "112", "text": BAD}, "polis": {"nummer": "114 14", "text": BAD}})


# --- The data ---------------------------------------------------------------


def test_escalation_chain_is_the_one_section_2_describes():
    """Employee, closest manager, area or department head, coordinator; BRÅ and the police beside the chain."""
    assert [s["roll"] for s in DATA["eskalering"]["steg"]] == ["alla-anstallda", "chefer", "omradeschef", "samordnare"]
    assert [s["roll"] for s in DATA["eskalering"]["vid_sidan"]] == ["bra", "polis"]


def test_every_step_quotes_a_sentence_of_section_2_that_names_its_role():
    """Each step rests on sentences of section 2 tagged with the step's role."""
    for led in DATA["eskalering"]["steg"] + DATA["eskalering"]["vid_sidan"]:
        assert led["meningar"], led["roll"]
        for mening_id in led["meningar"]:
            assert led["roll"] in MENINGAR[mening_id]["roller"], (led["roll"], mening_id)


def test_role_with_measures_via_ingar_i_gets_them_separately():
    """A role part of another sees the other's measures under the other's name, each measure once."""
    per_roll = ansvar.insatser_per_roll("skola", ROLLER, NIVAER)
    direct = {r["id"] for r in per_roll["skola"]}
    via = {r["id"] for r in per_roll["alla-forvaltningar"]}
    assert direct and via and not direct & via
    assert "specifika-orosanmalan" in via


def test_ingar_i_is_followed_through_several_levels():
    """A role inside a role inside a role reaches the measures of both, nearest first."""
    roller = {**ROLLER, "forskola": {"id": "forskola", "namn": "Förskola", "ingar_i": ["skola"]}}
    assert ansvar.overordnade("forskola", roller) == ["skola", "alla-forvaltningar"]
    assert list(ansvar.insatser_per_roll("forskola", roller, NIVAER)) == ["forskola", "skola", "alla-forvaltningar"]


# --- The role-page check ----------------------------------------------------


@pytest.fixture
def docs(tmp_path):
    """A copy of docs/ that a test may change."""
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy)
    return copy


def _problems(docs) -> list[str]:
    """The problems the data check reports with this docs/ folder."""
    with pytest.raises(DataError) as caught:
        load_all(ROOT, docs_dir=docs)
    return [str(p) for p in caught.value.problems]


def _role_line(role_id: str) -> int:
    """The line of a role's id in data/roller.yaml."""
    lines = (ROOT / "data" / "roller.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"- id: {role_id}")


def test_every_role_has_exactly_its_stub_page():
    """Each role in data/roller.yaml has docs/mitt-ansvar/<id>.md, which only calls mitt_ansvar("<id>"), and no page is left over."""
    folder = ROOT / "docs" / "mitt-ansvar"
    assert {p.stem for p in folder.glob("*.md")} - {"index"} == set(ROLLER)
    for role_id in ROLLER:
        assert (folder / f"{role_id}.md").read_text(encoding="utf-8") == f'{{{{ mitt_ansvar("{role_id}") }}}}\n'


def test_a_role_without_page_is_reported_at_its_line(docs):
    """A missing stub page is named, with what to write and where."""
    (docs / "mitt-ansvar" / "fritid.md").unlink()
    index = list(ROLLER).index("fritid")
    assert _problems(docs) == [
        f"data/roller.yaml:{_role_line('fritid')}: $.roller[{index}].id: rollen 'fritid' saknar sidan docs/mitt-ansvar/fritid.md; "
        'skapa den med bara raden {{ mitt_ansvar("fritid") }}'
    ]


def test_a_page_naming_an_unknown_role_is_reported(docs):
    """A stub whose role is not in data/roller.yaml is named, with the closest role."""
    (docs / "mitt-ansvar" / "fritids.md").write_text('\n{{ mitt_ansvar("fritids") }}\n', encoding="utf-8")
    assert _problems(docs) == ["docs/mitt-ansvar/fritids.md:2: $: okänt roll-id 'fritids' (finns inte i data/roller.yaml); menade du 'fritid'?"]


def test_a_page_with_other_content_or_another_role_is_reported(docs):
    """A stub holds one call for its own role and nothing else."""
    (docs / "mitt-ansvar" / "skola.md").write_text('# Skola\n\n{{ mitt_ansvar("skola") }}\n', encoding="utf-8")
    (docs / "mitt-ansvar" / "fritid.md").write_text('{{ mitt_ansvar("skola") }}\n', encoding="utf-8")
    assert _problems(docs) == [
        "docs/mitt-ansvar/fritid.md:1: $: sidan visar rollen 'skola' men heter fritid.md; döp om den till skola.md eller ändra raden till {{ mitt_ansvar(\"fritid\") }}",
        'docs/mitt-ansvar/skola.md:3: $: sidan ska bara innehålla raden {{ mitt_ansvar("skola") }}',
    ]


# --- The built pages, compared with the data ---------------------------------


def _yaml(name: str):
    """A data file read directly, independently of the loader under test."""
    return yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


class _Sections(HTMLParser):
    """Inside <article>: the h2 sections, each with its data-insats rows, blockquote text and links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.quote = 0
        self.sections: list[dict] = [{"id": None, "rows": [], "quotes": "", "links": []}]
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.inside += 1
        if not self.inside:
            return
        if tag == "h2":
            self.sections.append({"id": attrs.get("id"), "rows": [], "quotes": "", "links": []})
        if tag == "blockquote":
            self.quote += 1
        if tag in ("p", "li") and self.quote:
            self.sections[-1]["quotes"] += " "
        if tag == "tr" and attrs.get("data-insats"):
            self.sections[-1]["rows"].append(attrs["data-insats"])
        if tag == "a" and attrs.get("href") and "headerlink" not in (attrs.get("class") or ""):
            self.links.append(attrs["href"])
            self.sections[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article" and self.inside:
            self.inside -= 1
        if tag == "blockquote" and self.quote:
            self.quote -= 1

    def handle_data(self, data):
        if self.inside and self.quote:
            self.sections[-1]["quotes"] += data


def sections(html: str) -> _Sections:
    """Parse a built page's article."""
    parser = _Sections()
    parser.feed(html)
    return parser


def _ancestors(role_id: str, roller: dict) -> list[str]:
    """The roles a role is part of, nearest first, read from the data (the test's own walk)."""
    out, queue = [], list(roller[role_id].get("ingar_i", []))
    while queue:
        parent = queue.pop(0)
        if parent not in out:
            out.append(parent)
            queue += roller[parent].get("ingar_i", [])
    return out


def test_every_role_used_anywhere_has_a_built_page(pages):
    """Each role id in measures, in section 2 and in the chain has its page under Mitt ansvar."""
    used = {r for niva in _yaml("insatser")["nivaer"] for row in niva["insatser"] for r in row["roller"]}
    used |= {r for block in _yaml("ansvar")["block"] for m in block["meningar"] for r in m["roller"]}
    used |= {s["roll"] for s in _yaml("eskalering")["steg"] + _yaml("eskalering")["vid_sidan"]}
    for role_id in used | {r["id"] for r in _yaml("roller")["roller"]}:
        assert page_path(f"mitt-ansvar/{role_id}.md") in pages, role_id


@pytest.mark.parametrize("role", _yaml("roller")["roller"], ids=lambda r: r["id"])
def test_role_page_lists_exactly_the_measures_tagged_for_it(pages, role):
    """Own measures under Insatser, then each role it is part of under its own heading; exactly those, in the plan's order."""
    roller = {r["id"]: r for r in _yaml("roller")["roller"]}
    rows = [row for niva in _yaml("insatser")["nivaer"] for row in niva["insatser"]]
    parsed = sections(pages[page_path(f"mitt-ansvar/{role['id']}.md")])
    shown = {s["id"]: s["rows"] for s in parsed.sections if s["rows"]}
    expected, seen = {}, set()
    for source, section_id in [(role["id"], "insatser"), *((p, f"genom-{p}") for p in _ancestors(role["id"], roller))]:
        ids = [row["id"] for row in rows if source in row["roller"] and row["id"] not in seen]
        seen |= set(ids)
        if ids:
            expected[section_id] = ids
    assert shown == expected


@pytest.mark.parametrize("role", _yaml("roller")["roller"], ids=lambda r: r["id"])
def test_role_page_quotes_exactly_its_sentences_of_section_2(pages, role):
    """Every sentence of section 2 tagged with the role is quoted on its page, and no other."""
    parsed = sections(pages[page_path(f"mitt-ansvar/{role['id']}.md")])
    quoted = normalize(next(s["quotes"] for s in parsed.sections if s["id"] == "ansvar"))
    for block in _yaml("ansvar")["block"]:
        for mening in block["meningar"]:
            assert (normalize(mening["text"]) in quoted) is (role["id"] in mening["roller"]), mening["text"][:50]


def test_role_page_links_each_measure_to_its_row_in_the_plan(pages):
    """Each Vad links to the measure's row (#insats-<id>) on the section 4 page."""
    html = pages[page_path("mitt-ansvar/samordnare.md")]
    for row_id in sections(html).sections[2]["rows"]:
        assert f'href="../../plan/insatser/#insats-{row_id}"' in html


ESKALERING_PAGES = ["index.md", "plan/ansvar.md", GUIDE, "vagledning/vid-oro.md"]


@pytest.mark.parametrize("src", ESKALERING_PAGES)
def test_escalation_flow_has_its_steps_in_order(pages, src):
    """The ordered list shows the chain's steps in the data's order, each quoting its sentence, then BRÅ and the police."""
    html = pages[page_path(src)]
    flow = html.split('<ol class="kp-eskalering__kedja">')[1].split("</ol>")[0]
    assert re.findall(r'data-roll="([^"]+)"', flow) == [s["roll"] for s in _yaml("eskalering")["steg"]]
    beside = html.split('<ul class="kp-eskalering__sidan">')[1].split("</ul>")[0]
    assert re.findall(r'data-roll="([^"]+)"', beside) == [s["roll"] for s in _yaml("eskalering")["vid_sidan"]]
    sentences = {m["id"]: normalize(m["text"]) for b in _yaml("ansvar")["block"] for m in b["meningar"] if m.get("id")}
    steps = [read_article(f"<article>{li}</article>")[0] for li in flow.split("</li>")[:-1]]
    previous: list[str] = []
    for step, text in zip(_yaml("eskalering")["steg"], steps, strict=True):
        for mening in step["meningar"]:
            # A sentence two steps in a row rest on is quoted once, at the first of them.
            assert (sentences[mening] in text) is (mening not in previous), (step["roll"], mening)
        previous = step["meningar"]


def test_section_2_page_shows_the_flow_after_the_plan_text_marked_as_guidance(pages):
    """On the section 2 page the flow comes after the last sentence of the plan, captioned as guidance."""
    body, _ = read_article(pages[page_path("plan/ansvar.md")])
    last = normalize(_yaml("ansvar")["block"][-1]["meningar"][-1]["text"])
    assert body.index(last) < body.index("Ansvarskedjan vid oro. Vägledning byggd på avsnitt")
    assert "inte en del av den beslutade planen" in body


def test_level_descriptions_come_from_data_on_the_plan_page_and_the_guide(pages):
    """The paragraphs before each level's signs are written once in data and shown on both pages."""
    plan, _ = read_article(pages[page_path("plan/insatser.md")])
    guide = pages[page_path(GUIDE)]
    for niva in _yaml("insatser")["nivaer"]:
        for paragraph in niva["beskrivning"]:
            assert normalize(paragraph) in plan
        box = guide.split(f'data-niva-jamfor="{niva["id"]}"')[1].split('data-niva-jamfor="')[0]
        text, _ = read_article(f"<article>{box}</article>")
        tecken = next(t["tecken"] for t in _yaml("tecken")["nivaer"] if t["niva"] == niva["id"])
        assert all(normalize(p) in text for p in niva["beskrivning"]) and all(t in text for t in tecken)


def test_every_step_of_the_managers_guide_links_to_the_plan(pages):
    """Each numbered step (h2) of the guide links to at least one section of the plan."""
    steps = [s for s in sections(pages[page_path(GUIDE)]).sections if s["id"]]
    assert [s["id"] for s in steps] == ["informera", "vardera-risken", "handlingsmojligheter", "niva", "orosanmalan", "folj-upp"]
    for step in steps:
        assert any("plan/" in href for href in step["links"]), step["id"]


def test_guide_quotes_the_orosanmalan_note_from_the_data(pages):
    """The Avstämning cell of the Orosanmälan rows, with its 'inte bryta sekretess', is shown as the data has it."""
    body, _ = read_article(pages[page_path(GUIDE)])
    rows = [row for niva in _yaml("insatser")["nivaer"] for row in niva["insatser"] if row["vad"] == "Orosanmälan till Socialtjänst"]
    assert len(rows) == 2
    for row in rows:
        assert normalize(row["avstamning"].replace("*", "")) in body
    assert "<em>inte bryta sekretess</em>" in pages[page_path(GUIDE)]


def test_guide_offers_the_five_questions_as_checkboxes_and_no_free_text(pages):
    """One labelled checkbox per question of 3.2, no text field, and a form that cannot send."""
    html = pages[page_path(GUIDE)]
    fragor = _yaml("vardera-risken")["fragor"]
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)"', html.split("<article")[1])
    assert boxes == [f"kp-reflektion-{f['id']}" for f in fragor]
    for fraga in fragor:
        assert f'<label for="kp-reflektion-{fraga["id"]}">{fraga["fraga"]}</label>' in html
    article = html.split("<article")[1].split("</article>")[0]
    assert "<textarea" not in article and not re.search(r'<input(?![^>]*type="checkbox")', article)
    assert '<form class="kp-reflektion" autocomplete="off">' in article and "action=" not in article


SIGNS = [t for k in _yaml("tecken")["kategorier"] for t in k["tecken"]] + [t for n in _yaml("tecken")["nivaer"] for t in n["tecken"]]


def test_signs_are_followed_by_the_plans_caution_and_talk_to_your_manager(articles):
    """Wherever signs are listed, the plan's caution follows the last sign, then the guidance to talk to one's manager and the coordinator.

    Section 4 is plan text: there the plan's own caution stands in 4.2, and the page (and the whole plan for
    printing) is left as the plan sets it.
    """
    forbehall = normalize(_yaml("tecken")["forbehall"]["text"])
    vid_tecken = normalize(_yaml("eskalering")["vid_tecken"])
    with_signs = {path: body for path, (body, _) in articles.items() if any(f" {sign} " in f" {body} " for sign in SIGNS)}
    assert {page_path("plan/riskbeteenden.md"), page_path("plan/insatser.md"), page_path(GUIDE)} <= set(with_signs)
    for path, body in with_signs.items():
        assert forbehall in body, path
        if path in (page_path("plan/insatser.md"), page_path("plan/utskrift.md")):  # section 4 as the plan sets it
            continue
        last = max(body.rindex(sign) for sign in SIGNS if sign in body)
        assert last < body.rindex(forbehall) < body.rindex(vid_tecken), path


@pytest.fixture(scope="module")
def articles(pages):
    """Text and tables of every built page's main content."""
    return {path: read_article(html) for path, html in pages.items()}


def test_no_page_offers_a_score(pages):
    """No page has an element for a computed value or a scale (output, meter, progress); tests/browser/test_ansvar.py ticks every box."""
    for path, html in pages.items():
        article = html.split("<article")[1].split("</article>")[0]
        assert not re.search(r"<(output|meter|progress)\b", article), path
        assert 'role="meter"' not in article and 'role="progressbar"' not in article, path


TASKS = [
    ("Jag är orolig för något jag sett eller hört", "vagledning/vid-oro.md"),
    ("Jag är chef och har fått en signal", GUIDE),
    ("Lämna lägesbild", "plan/bilaga-1-lagesbild.md"),
    ("Mitt ansvar", "mitt-ansvar/index.md"),
    ("Läs hela planen", "plan/index.md"),
]


def _resolve(href: str, from_path: str) -> str | None:
    """The built HTML path a relative link leads to, or None for anchors on the same page and other schemes."""
    href = href.split("#")[0]
    if not href or re.match(r"^[a-z]+:", href):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), href))
    return posixpath.join(target, "index.html") if not target.endswith(".html") else target


def test_start_page_is_organised_by_task(pages):
    """The five tasks come first, in order, each linking to its page."""
    html = pages["index.html"]
    cards = html.split('class="grid cards kp-uppgifter"')[1].split("</div>")[0]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a>', cards)
    assert [text for _, text in found] == [text for text, _ in TASKS]
    assert [_resolve(href, "index.html") for href, _ in found] == [page_path(src) for _, src in TASKS]


def test_new_pages_are_reachable_from_the_start_page_in_two_clicks(pages):
    """Following only links in the main content, every new page is at most two clicks from the start page."""
    reached = {"index.html": 0}
    frontier = ["index.html"]
    for depth in (1, 2):
        next_frontier = []
        for path in frontier:
            for href in sections(pages[path]).links:
                target = _resolve(href, path)
                if target in pages and target not in reached:
                    reached[target] = depth
                    next_frontier.append(target)
        frontier = next_frontier
    for src in NEW_PAGES:
        assert page_path(src) in reached, f"{src} nås inte inom två klick från startsidan"


def test_emergency_line_is_on_every_page_with_the_numbers_from_data(pages):
    """Every page has the short emergency line with 112 and 114 14 as tel: links, outside the main content."""
    nummer = _yaml("kontakter")["nodnummer"]
    for path, html in pages.items():
        banner = html.split('<aside class="md-banner">')[1].split("</aside>")[0]
        text = normalize(re.sub(r"<[^>]+>", "", banner))
        assert text == f"{nummer['akut']['text']}: ring {nummer['akut']['nummer']}. {nummer['polis']['text']}: {nummer['polis']['nummer']}.", path
        assert 'href="tel:112"' in banner and 'href="tel:11414"' in banner, path
