"""The archive, on a temporary copy: freeze version 1, make an example revision (version 2), build, and read both versions as a reader would."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from tests import projekt
from tests.conftest import ROOT, mkdocs_build
from tests.html_text import read_article
from verktyg import arkivera, kontrollera, publicera

NAMN = "2016-2018"


@pytest.fixture(scope="module")
def revision(tmp_path_factory):
    """A project copy with version 1 archived and version 2 made, and its strict build."""
    project = projekt.copy_project(tmp_path_factory.mktemp("arkiv") / "projekt")
    assert arkivera.main(["--root", str(project)]) == 0
    projekt.revise(project)
    (project / "docs" / "pdf").mkdir(exist_ok=True)
    (project / "docs" / "pdf" / "plan.pdf").write_bytes(b"%PDF-1.4\n")  # as if `make pdf` had been run
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def article(site, path: str) -> str:
    """The text a reader sees in a built page's main content."""
    return read_article((site / path).read_text(encoding="utf-8"))[0]


def resolve(page: str, href: str) -> str:
    """A relative link on a built page, as a path in the site."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return target + "/index.html" if href.endswith("/") else target


def test_freeze_copies_data_schemas_and_plan_pages(revision):
    """arkiv/NAMN/ holds data and schemas, docs/arkiv/NAMN/ every page of docs/plan/ (of version 1)."""
    project, _ = revision
    assert (project / "arkiv" / NAMN / "data" / "plan.yaml").is_file()
    assert (project / "arkiv" / NAMN / "schemas" / "plan.schema.json").is_file()
    assert sorted(p.name for p in (project / "docs" / "arkiv" / NAMN).glob("*.md")) == sorted(p.name for p in (project / "docs" / "plan").glob("*.md"))
    assert projekt.GAMMAL_MENING in (project / "docs" / "arkiv" / NAMN / "inledning.md").read_text(encoding="utf-8")
    assert "version: 2" not in (project / "arkiv" / NAMN / "data" / "plan.yaml").read_text(encoding="utf-8")


def test_archived_pages_show_version_1_and_the_current_pages_version_2(revision):
    """The archive keeps the old text and measures; the current plan has the new ones."""
    _, site = revision
    old, new = article(site, f"arkiv/{NAMN}/inledning/index.html"), article(site, "plan/inledning/index.html")
    assert projekt.GAMMAL_MENING in old and projekt.NY_MENING not in old
    assert projekt.NY_MENING in new and projekt.GAMMAL_MENING not in new
    old, new = article(site, f"arkiv/{NAMN}/insatser/index.html"), article(site, "plan/insatser/index.html")
    assert "Vid behov till samordnare" in old and projekt.NY_INSATS not in old
    assert projekt.NY_INSATS in new and "Vid behov till samordnare" not in new
    start = article(site, "index.html")
    assert "Datum och paragraf 2019-05-15, § 99" in start and "2016-10-12" not in start
    old, new = article(site, f"arkiv/{NAMN}/utskrift/index.html"), article(site, "plan/utskrift/index.html")
    assert projekt.GAMMAL_MENING in old and projekt.NY_MENING not in old, "the archived print page holds the archived text"
    assert projekt.NY_MENING in new and projekt.GAMMAL_MENING not in new
    old_html = (site / "arkiv" / NAMN / "utskrift" / "index.html").read_text(encoding="utf-8")
    new_html = (site / "plan" / "utskrift" / "index.html").read_text(encoding="utf-8")
    assert "plan.pdf" in new_html and "plan.pdf" not in old_html, "the PDF of the current plan is not offered on an archived page"


def test_every_archived_page_has_the_banner_linking_to_the_current_plan(revision):
    """A GOV.UK-style banner: superseded, by which version, and a link that reaches the current plan."""
    _, site = revision
    pages = sorted((site / "arkiv" / NAMN).rglob("index.html"))
    assert len(pages) == len(list((ROOT / "docs" / "plan").rglob("*.md")))  # every plan page, the print page too
    for file in pages:
        page = file.relative_to(site).as_posix()
        html = file.read_text(encoding="utf-8")
        banner = html[html.index('<div class="kp-arkivbanner" role="region"'):html.index("<h1")]
        text = " ".join(re.sub(r"<[^>]+>", " ", banner).split())
        assert "Den här versionen gäller inte längre" in text, page
        assert "Du läser version 1 av planen, beslutad av Kommunstyrelsen 2016-10-12, § 152. Den har ersatts av version 2, beslutad av Kommunstyrelsen 2019-05-15, § 99." in text, page
        href = re.search(r'<a class="kp-arkivbanner__lank" href="([^"]+)">Läs den gällande planen</a>', banner).group(1)
        assert resolve(page, href) == "plan/index.html", page
        assert re.search(r"<title>[^<]+\(version 1, gäller inte längre\) - ", html), page
        assert "Arkiverad version 1 av planen, beslutad av Kommunstyrelsen 2016-10-12, § 152." in article(site, page)


def test_current_pages_have_no_banner_and_name_their_version(revision):
    """Pages of the plan in force say which version they are, without the banner."""
    _, site = revision
    for page in ("plan/index.html", "plan/insatser/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "kp-arkivbanner" not in html, page
        assert "Du läser version 2 av planen, beslutad av Kommunstyrelsen 2019-05-15, § 99." in article(site, page), page


def test_archived_pages_are_not_searchable(revision):
    """Search finds the current plan only."""
    _, site = revision
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "plan/insatser/" in locations
    assert not [loc for loc in locations if loc.startswith("arkiv/")]


def test_every_link_of_both_versions_resolves(revision):
    """The publish check finds nothing to complain about, archive included."""
    project, site = revision
    assert publicera.check_site(site, project / "docs") == []


def test_version_history_lists_both_versions_and_links_to_the_archive(revision):
    """Version 2 is in force, version 1 is superseded and readable in the archive."""
    _, site = revision
    page = "om/versioner/index.html"
    text = article(site, page)
    assert "Version 2 (gällande) Beslutad av Kommunstyrelsen 2019-05-15, § 99, under mandatperioden 2018–2022." in text
    assert "Version 1 (ersatt) Beslutad av Kommunstyrelsen 2016-10-12, § 152, under mandatperioden 2014–2018." in text
    assert text.index("Version 2") < text.index("Version 1")
    href = re.search(r'<a href="([^"]+)">Läs version 1 i arkivet</a>', (site / page).read_text(encoding="utf-8")).group(1)
    assert resolve(page, href) == f"arkiv/{NAMN}/index.html"


def _section(text: str, heading: str, following: str) -> str:
    """The text between a heading and the next one after it."""
    start = text.index(heading) + len(heading)
    return text[start:text.index(following, start)]


def test_change_page_lists_what_the_revision_changed(revision):
    """Measures added, removed and changed field by field; signs and roles added and removed."""
    _, site = revision
    html = (site / "om" / "andringar" / "index.html").read_text(encoding="utf-8")
    text = article(site, "om/andringar/index.html")
    assert "Jämförelsen gäller version 2 (beslutad av Kommunstyrelsen 2019-05-15, § 99) och version 1 (beslutad av Kommunstyrelsen 2016-10-12, § 152)." in text
    assert _section(text, "Nya insatser", "Borttagna insatser").strip() == f"{projekt.NY_INSATS} (Generella insatser)"
    assert _section(text, "Borttagna insatser", "Ändrade insatser").strip() == "Samverkan (Generella insatser)"
    table = read_article('<article>' + html[html.index('<table class="kp-andring">'):html.index("</table>") + 8] + "</article>")[1][0]
    assert table["rows"] == [
        ["Fält", "Version 1", "Version 2"],
        ["Vem", "Erbjuds alla förvaltningar", "Erbjuds alla förvaltningar och föreningslivet"],
        ["När", "Årligen", "Varje termin"],
        ["Roller", "Alla förvaltningar", f"Alla förvaltningar, {projekt.NY_ROLL}"],
    ]
    assert "<caption>Generella kunskapshöjande insatser</caption>" in html
    assert _section(text, "Nya tecken", "Borttagna tecken").strip() == f"{projekt.NYTT_TECKEN} (3.4 Intressen, utseende och symbolbruk)"
    assert _section(text, "Borttagna tecken", "Roller Nya roller").strip() == f"{projekt.BORTTAGET_TECKEN} (3.4 Intressen, utseende och symbolbruk)"
    assert _section(text, "Nya roller", "Borttagna roller").strip() == projekt.NY_ROLL
    assert _section(text, "Borttagna roller", "Sidans innehåll").strip() == projekt.BORTTAGEN_ROLL


def test_the_revised_project_passes_the_check(revision):
    """make check finds no problem in the revised project with its archive."""
    project, _ = revision
    problems, _ = kontrollera.check(project)
    assert problems == []


def test_an_archived_version_must_be_older_than_the_current(tmp_path):
    """Freezing without adding the new version is a half-built revision: check and build both stop and say what to do."""
    project = projekt.copy_project(tmp_path / "projekt")
    assert arkivera.main(["--root", str(project)]) == 0
    expected = f"data/plan.yaml:12: $.versioner[0].version: version 1 finns redan i arkivet arkiv/{NAMN}/data/plan.yaml; lägg till den nya versionen överst i versioner"
    problems, _ = kontrollera.check(project)
    assert [str(p) for p in problems] == [expected]
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and expected in result.stderr and "Traceback" not in result.stderr


def test_freezing_twice_is_refused_and_copies_nothing(tmp_path, capsys):
    """A second freeze under the same name stops with a message and leaves the first archive alone."""
    project = projekt.copy_project(tmp_path / "projekt")
    assert arkivera.main(["--root", str(project)]) == 0
    before = sorted(p.as_posix() for p in (project / "arkiv").rglob("*"))
    capsys.readouterr()
    assert arkivera.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert f"arkiv/{NAMN}/ finns redan; välj ett annat namn med --namn. Inget har kopierats." in out
    assert sorted(p.as_posix() for p in (project / "arkiv").rglob("*")) == before


def test_freezing_broken_data_is_refused(tmp_path, capsys):
    """Data with errors is not archived; the errors are listed."""
    project = projekt.copy_project(tmp_path / "projekt")
    projekt.replace(project / "data" / "plan.yaml", 'galler_till: "2018"', "galler_till: snart")
    assert arkivera.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "data/plan.yaml:7: $.galler_till: 'snart' har fel form." in out
    assert not (project / "arkiv").exists() and not (project / "docs" / "arkiv").exists()


@pytest.mark.parametrize(("target", "expected"), [
    ("insatser.md#generella-insatser", "insatser.md#generella-insatser"),
    ("../om/rattelser.md#rattade", "../../om/rattelser.md#rattade"),
    ("../index.md", "../../index.md"),
    ("../om/", "../../om/"),
    ("https://www.digg.se/", "https://www.digg.se/"),
    ("#ankare", "#ankare"),
])
def test_links_out_of_the_plan_are_rewritten_for_the_archive(target, expected):
    """A frozen page keeps pointing at the same pages: links within the plan stay, links out of it get one more ../."""
    assert arkivera.moved_link(target, "insatser.md", NAMN) == expected


def test_frozen_page_is_excluded_from_search_and_keeps_its_text():
    """Front matter gains search.exclude; the title and the body are kept."""
    page = "---\ntitle: Planen\n---\n\n{{ omslag() }}\n\nSe [rättelser](../om/rattelser.md) och [insatser](insatser.md).\n"
    frozen = arkivera.frozen_page(page, "index.md", NAMN)
    assert frozen == (
        "---\ntitle: Planen\nsearch:\n  exclude: true\n---\n\n{{ omslag() }}\n\n"
        "Se [rättelser](../../om/rattelser.md) och [insatser](insatser.md).\n"
    )
    assert arkivera.frozen_page("Text.\n", "x.md", NAMN) == "---\nsearch:\n  exclude: true\n---\nText.\n"


def test_archived_pages_and_data_go_together(tmp_path):
    """Frozen pages without frozen data, or data without pages, are reported before anything is built."""
    project = projekt.copy_project(tmp_path / "projekt")
    (project / "docs" / "arkiv" / "utan-data").mkdir(parents=True)
    (project / "docs" / "arkiv" / "utan-data" / "index.md").write_text("# Sida\n", encoding="utf-8")
    (project / "arkiv" / "utan-sidor" / "data").mkdir(parents=True)
    problems, _ = kontrollera.check(project)
    assert "docs/arkiv/utan-data:1: $: arkiverade sidor utan data: mappen arkiv/utan-data/data/ saknas" in map(str, problems)
    assert "arkiv/utan-sidor/data:1: $: arkiverade data utan sidor: mappen docs/arkiv/utan-sidor/ saknas" in map(str, problems)
    assert "arkiv/utan-sidor/schemas:1: $: de arkiverade schemana saknas; kopiera schemas/ från den version som arkiverades" in map(str, problems)
