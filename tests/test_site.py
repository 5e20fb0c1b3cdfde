"""The strict build of the real site: the plan's text word for word on the right pages, tables, search and no other hosts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, page_path
from tests.html_text import normalize, read_article

SEED = ROOT / "kalla" / "handlingsplan-2016-10-12.txt"


def _yaml(name: str):
    """A data file, read directly."""
    return yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


AVSNITT = _yaml("avsnitt")["avsnitt"]
NIVAER = _yaml("insatser")["nivaer"]
RATTELSER = _yaml("rattelser")["rattelser"]
COVER_FACTS = re.compile(r"^(Beslutande|Datum och paragraf|Dokumentansvarig|Gäller till): ")


def corrected_seed() -> list[str]:
    """The decided text's lines, with each listed correction applied."""
    text = SEED.read_text(encoding="utf-8")
    for fix in RATTELSER:
        assert fix["original"] in text, f"rättelsens original finns inte i källtexten: {fix['original']!r}"
        text = text.replace(fix["original"], fix["rattat"])
    return text.splitlines()


def clean(line: str) -> str:
    """A seed line without the PDF conversion's Markdown and list marks."""
    line = re.sub(r"</?i>", "", line)
    line = line.replace("**", "").replace("_", "")
    line = re.sub(r"(^|\s)\*|\*(?=\s|$|\")|(?<=\")\*", r"\1", line)
    line = re.sub(r"^\s*(- )?(### )?", "", line)
    line = re.sub(r"^\d+\.\s+", "", line)
    return normalize(line)


def seed_units():
    """Yield (page, level id or None, kind, text) for every line of the decided text."""
    top = {a["rubrik"]: a["sida"] for a in AVSNITT if not a.get("ankare")}
    levels = {next(a["rubrik"] for a in AVSNITT if a["id"] == n["avsnitt"]): n["id"] for n in NIVAER}
    page, level = "plan/index.md", None
    for raw in corrected_seed():
        line = raw.strip()
        if not line:
            continue
        if "\t" not in line and line in top:
            page, level = top[line], None
        if "\t" not in line and line in levels:
            level = levels[line]
        if "\t" in raw:
            cells = [clean(c) for c in raw.split("\t")]
            if page == "plan/index.md":  # the table of contents: heading, page number
                yield page, None, "text", cells[0]
            elif cells[0] != "Vad":
                yield page, level, "row", cells
            continue
        if COVER_FACTS.match(line):
            line = line.replace(": ", " ", 1)
        yield page, level, "text", clean(line)


UNITS = list(seed_units())


@pytest.fixture(scope="module")
def articles(pages):
    """Text and tables of every built page's main content."""
    return {path: read_article(html) for path, html in pages.items()}


def test_seed_is_split_over_every_plan_page():
    """Every page of the plan gets some of the decided text."""
    used = {page for page, *_ in UNITS}
    assert used == {a["sida"] for a in AVSNITT} | {"plan/index.md"}


@pytest.mark.parametrize("unit", [u for u in UNITS if u[2] == "text"], ids=lambda u: f"{u[0]}:{u[3][:40]}")
def test_every_sentence_is_on_its_page_word_for_word(articles, unit):
    """Every sentence, list item and heading of the decided text is on its page."""
    page, _, _, text = unit
    body, _ = articles[page_path(page)]
    assert text in body, f"saknas på {page}: {text!r}"


@pytest.mark.parametrize("unit", [u for u in UNITS if u[2] == "row"], ids=lambda u: f"{u[1]}:{u[3][0]}")
def test_every_table_row_is_in_its_levels_table(articles, unit):
    """Every measure row of the decided text is in the table of its own level, cell by cell."""
    page, level, _, cells = unit
    _, tables = articles[page_path(page)]
    rows = [row for table in tables if table["niva"] == level for row in table["rows"]]
    assert cells in rows, f"raden {cells} saknas i tabellen för {level}"


def test_the_plan_has_27_measures_in_three_levels(articles):
    """The decided text has 27 measure rows, and the site shows exactly those."""
    seed_rows = [u for u in UNITS if u[2] == "row"]
    assert len(seed_rows) == 27
    _, tables = articles[page_path("plan/insatser.md")]
    shown = {t["niva"]: t["rows"][1:] for t in tables}
    assert {k: len(v) for k, v in shown.items()} == {"generella": 10, "specifika": 8, "individuella": 9}
    for niva in NIVAER:
        assert [r[0] for r in shown[niva["id"]]] == [normalize(i["vad"]) for i in niva["insatser"]]


@pytest.mark.parametrize("fix", RATTELSER, ids=lambda f: f["rattat"][:30])
def test_each_correction_is_on_the_site_and_the_typo_is_not(articles, fix):
    """The corrected wording is shown, and the typo only on the errata page."""
    page = next(a["sida"] for a in AVSNITT if a["id"] == fix["avsnitt"])
    body, _ = articles[page_path(page)]
    assert fix["rattat"] in body
    assert fix["original"] not in body
    errata, _ = articles[page_path("om/rattelser.md")]
    assert fix["original"] in errata and fix["rattat"] in errata


def test_headings_come_from_the_table_of_contents(pages):
    """Each section heading is a real heading with the anchor that links use."""
    for avsnitt in AVSNITT:
        html = pages[page_path(avsnitt["sida"])]
        tag = "h2" if avsnitt.get("ankare") else "h1"
        anchor = f' id="{avsnitt["ankare"]}"' if avsnitt.get("ankare") else ""
        pattern = rf"<{tag}{anchor}[^>]*>{re.escape(avsnitt['rubrik'])}"
        assert re.search(pattern, html), f"rubriken {avsnitt['rubrik']!r} saknas som {tag} på {avsnitt['sida']}"


def test_start_page_shows_the_decision_and_that_validity_has_passed(articles):
    """Beslutande, datum and § from data, and the notice that 'Gäller till 2018' has passed."""
    plan = _yaml("plan")
    current = plan["versioner"][0]
    body, _ = articles["index.html"]
    assert f"Beslutande {current['beslutande']}" in body
    assert f"Datum och paragraf {current['datum']}, {current['paragraf']}" in body
    assert "Planens giltighetstid har gått ut" in body
    assert f"gäller till {plan['galler_till']}" in body


def test_cover_shows_where_the_plan_sits_among_governing_documents(pages):
    """The cover's hierarchy, with this plan's kind and decision-maker marked."""
    plan = _yaml("plan")["styrdokument"]
    html = pages["plan/index.html"]
    types = re.findall(r"<li[^>]*>(?:<strong>)?([^<]+)", html.split('class="kp-styr__typer"')[1].split("</ol>")[0])
    assert types == plan["dokumenttyper"]
    assert '<li class="kp-styr__aktuell"><strong>Handlingsplan</strong>' in html
    assert '<li class="kp-styr__aktuell"><strong>Kommunstyrelsen</strong>' in html


def test_abbreviations_are_explained_wherever_they_appear(pages):
    """BRÅ and HBT carry their explanation from data/begrepp.yaml on every page that has them."""
    for item in _yaml("begrepp")["forkortningar"]:
        abbr = f'<abbr title="{item["betydelse"]}">{item["forkortning"]}</abbr>'
        with_term = [p for p, html in pages.items() if re.search(rf"\b{item['forkortning']}\b", read_article(html)[0])]
        assert with_term, item["forkortning"]
        for path in with_term:
            assert abbr in pages[path], f"{item['forkortning']} saknar förklaring på {path}"


def test_swedish_search_index_is_built(site):
    """The search index is built for Swedish and covers the plan's pages."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    locations = {doc["location"] for doc in index["docs"]}
    assert "plan/insatser/" in locations
    assert any("Trygghetsvandring" in doc["text"] for doc in index["docs"])
    assert (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").is_file()


class _Loads(HTMLParser):
    """Collect every URL the browser would load by itself from a page."""

    LOADS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
             "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"], "track": ["src"], "input": ["src"]}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in self.LOADS.get(tag, []):
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            if name == "style" and value:
                self.urls += re.findall(r"url\(['\"]?([^'\")]+)", value)
            if tag == "form" and name == "action":
                self.urls.append(value or "")


def _off_site(url: str) -> bool:
    """True for a URL that names another host or scheme."""
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I)) and not url.startswith(("data:", "#"))


def test_no_page_loads_anything_from_another_host(pages, site):
    """No src, href or url() that the browser loads points off the site, and no page has a form action."""
    offenders = []
    for path, html in pages.items():
        parser = _Loads()
        parser.feed(html)
        offenders += [f"{path}: {url}" for url in parser.urls if _off_site(url)]
        assert "<form" not in html or " action=" not in html, f"{path} har ett formulär som skickar"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if _off_site(url):
                offenders.append(f"{css.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_no_google_fonts_or_cdn(pages):
    """The theme loads no web fonts from Google and nothing from a CDN."""
    for path, html in pages.items():
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert "cdn." not in html.lower() or "cdn.jsdelivr" not in html, path


def test_every_nav_page_is_built(site):
    """Every Markdown page under docs/ has a built HTML page."""
    for md in (ROOT / "docs").rglob("*.md"):
        src = md.relative_to(ROOT / "docs").as_posix()
        assert (site / page_path(src)).is_file(), src


def test_site_language_is_swedish(pages):
    """Every page declares Swedish."""
    for path, html in pages.items():
        assert re.search(r'<html[^>]*\slang="sv"', html), path


def test_bad_html_in_data_is_shown_as_text(tmp_project, build):
    """A script or image tag typed into a data value is escaped, never run."""
    insatser = tmp_project / "data" / "insatser.yaml"
    insatser.write_text(insatser.read_text(encoding="utf-8").replace(
        "vad: Likabehandlingsplan", 'vad: "<img src=x onerror=alert(1)><script>alert(2)</script>"'), encoding="utf-8")
    result, out = build(tmp_project)
    assert result.returncode == 0, result.stderr
    html = (out / "plan" / "insatser" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<script>alert" not in html


def _line_of(path: Path, needle: str) -> int:
    """The 1-based line number of the first line containing needle."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_bad_data_stops_the_build_and_lists_every_error(tmp_project, build):
    """Broken data stops the build, naming each file, line and path; no site is written."""
    roller = tmp_project / "data" / "roller.yaml"
    roller.write_text(roller.read_text(encoding="utf-8").replace("namn: Polisen", "namm: Polisen"), encoding="utf-8")
    insatser = tmp_project / "data" / "insatser.yaml"
    insatser.write_text(insatser.read_text(encoding="utf-8").replace("roller: [kommunledning]", "roller: [kommunledningen]"), encoding="utf-8")
    result, out = build(tmp_project)
    assert result.returncode != 0
    polis = _line_of(roller, "id: polis")
    assert f"data/roller.yaml:{polis}: $.roller[5]: fältet 'namn' saknas" in result.stderr
    assert f"data/roller.yaml:{polis + 1}: $.roller[5].namm: okänt fält 'namm'; menade du 'namn'?" in result.stderr
    line = _line_of(insatser, "kommunledningen")
    assert f"data/insatser.yaml:{line}: $.nivaer[0].insatser[6].roller[0]: okänt roll-id 'kommunledningen'" in result.stderr
    assert "3 fel i datafilerna" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "index.html").exists()


@pytest.fixture
def tmp_project(tmp_path) -> Path:
    """A copy of the project's sources that a test may break."""
    import shutil

    project = tmp_path / "projekt"
    for name in ("data", "schemas", "docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture
def build(tmp_path):
    """Build a project copy into a fresh folder; return (result, folder)."""
    from tests.conftest import mkdocs_build

    def run(project: Path):
        out = tmp_path / "ut"
        return mkdocs_build(project, out), out

    return run


FOOTER_PAGES = {"Tillgänglighetsredogörelse": "om/tillganglighet/index.html", "Om webbplatsen och personuppgifter": "om/personuppgifter/index.html"}


def test_footer_of_every_page_links_to_accessibility_and_privacy(pages, site):
    """Every page's footer links to the two pages, and the links resolve to built pages."""
    import posixpath

    for path, html in pages.items():
        footer = html[html.index('<footer class="md-footer"'):]
        for title, target in FOOTER_PAGES.items():
            match = re.search(rf'<a href="([^"]+)">{title}</a>', footer)
            assert match, f"{path}: sidfoten saknar länken {title}"
            href = match.group(1)
            resolved = href.lstrip("/") if href.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            assert (site / resolved / "index.html").is_file() or (site / resolved).is_file(), f"{path}: {match.group(1)}"
            assert posixpath.join(resolved, "index.html").endswith(target), f"{path}: {match.group(1)} pekar inte på {target}"


def test_accessibility_statement_has_what_digg_requires(articles, pages):
    """Organisation and service, compliance level, shortcomings, method and dates, reporting, and Digg's page."""
    statement = _yaml("tillganglighet")
    body, _ = articles["om/tillganglighet/index.html"]
    assert f'href="{statement["digg_anmalan"]}"' in pages["om/tillganglighet/index.html"]
    for text in (statement["organisation"], statement["tjanst"], "delvis förenlig", statement["bedomningsdatum"], statement["senast_uppdaterad"],
                 "Rapportera brister", "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen"):
        assert text in body, text


def test_privacy_page_says_nothing_is_stored_or_sent(articles):
    """The privacy page states the three things a reader must know."""
    body, _ = articles["om/personuppgifter/index.html"]
    assert "Webbplatsen sparar och skickar ingenting" in body
    assert "allmän handling" in body
    assert "kan en person kännas igen även om namnet inte står med" in body


def _front_matter(src: Path) -> dict:
    """A docs/ page's YAML front matter ({} when it has none)."""
    match = re.match(r"\A---\n(.*?)\n---\n", src.read_text(encoding="utf-8"), re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def test_every_page_has_search_except_those_that_opt_out(pages):
    """The search dialog is on every page; only a page whose front matter says sok: false (the print page) leaves it out."""
    without = {page_path(src.relative_to(ROOT / "docs").as_posix()) for src in (ROOT / "docs").rglob("*.md")
               if _front_matter(src).get("sok") is False}
    assert page_path("plan/utskrift.md") in without
    for path, html in pages.items():
        assert ('data-md-component="search"' in html) is (path not in without), path
