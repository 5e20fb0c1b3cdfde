"""Versions: history, comparison and advice as pure functions; data picked by page; and page dates from git (dates only, never authors)."""

from __future__ import annotations

import copy
import datetime
import os
import re
import subprocess
from pathlib import Path

import pytest

from macros import render, versioner
from macros.arkiv import CURRENT, Lazy, PageData, archived, set_of_page
from macros.data import load_all, parse_yaml, with_current_version
from macros.sidinfo import FileDates
from tests import projekt
from tests.conftest import ROOT, mkdocs_build
from tests.html_text import read_article

DATA = load_all(ROOT, docs_dir=ROOT / "docs")
TODAY = datetime.date(2026, 6, 1)


def lines(name: str) -> dict:
    """The line of every path in a real data file."""
    return parse_yaml((ROOT / "data" / f"{name}.yaml").read_bytes(), f"data/{name}.yaml")[1]


# --- The decision is written once ----------------------------------------------


def test_the_decision_comes_from_the_newest_version():
    """beslutande, datum, paragraf and mandatperiod at the top are those of versioner[0], and only version 1 exists."""
    plan = DATA["plan"]
    assert [v["version"] for v in plan["versioner"]] == [1]
    assert (plan["beslutande"], plan["datum"], plan["paragraf"], plan["mandatperiod"]) == ("Kommunstyrelsen", "2016-10-12", "§ 152", "2014–2018")
    newer = {**plan["versioner"][0], "version": 2, "datum": "2019-05-15", "paragraf": "§ 99"}
    assert with_current_version({**plan, "versioner": [newer, *plan["versioner"]]})["datum"] == "2019-05-15"


def test_the_decision_date_is_written_once_in_the_data():
    """The date of the decision appears once in data/plan.yaml (and in no other data file)."""
    counts = {p.name: p.read_text(encoding="utf-8").count("2016-10-12") for p in (ROOT / "data").rglob("*.yaml")}
    assert counts.pop("plan.yaml") == 1
    assert not any(counts.values()), counts


# --- Version history --------------------------------------------------------------


def test_version_history_of_the_real_plan():
    """One version, in force, decided by Kommunstyrelsen 2016-10-12 § 152."""
    out = versioner.versionshistorik(DATA["plan"]["versioner"], {}, "om/versioner.md")
    assert out == (
        "## Version 1 (gällande) { #version-1 }\n\n"
        "Beslutad av Kommunstyrelsen 2016-10-12, § 152, under mandatperioden 2014–2018.\n\n"
        "Vad som ändrades:\n\n- Första versionen av planen."
    )


def test_version_history_links_superseded_versions_to_their_archive():
    """An earlier version links to its archived first page, or says it is not archived."""
    v1 = DATA["plan"]["versioner"][0]
    v2 = {**v1, "version": 2, "datum": "2019-05-15", "andringar": ["<b>Ny</b> text"]}
    v0 = {**v1, "version": 0}
    out = versioner.versionshistorik([v2, v1, v0], {1: "arkiv/2016-2018/index.md"}, "om/versioner.md")
    assert "## Version 2 (gällande) { #version-2 }" in out and "## Version 1 (ersatt) { #version-1 }" in out
    assert "[Läs version 1 i arkivet](../arkiv/2016-2018/index.md)" in out
    assert "Version 0 finns inte i webbplatsens arkiv." in out
    assert "- &lt;b&gt;Ny&lt;/b&gt; text" in out


# --- What changed ---------------------------------------------------------------------


def _revised() -> dict:
    """The real data with one measure changed, one added and one removed, a sign and a role swapped."""
    ny = copy.deepcopy(DATA)
    generella = ny["insatser"]["nivaer"][0]["insatser"]
    generella[0]["nar"] = "Varje termin"
    generella[0]["roller"] = ["alla-forvaltningar", "polis"]
    removed = generella.pop(2)
    generella.append({**removed, "id": "ny-insats", "vad": "Ny insats"})
    ny["tecken"]["kategorier"][0]["tecken"][1] = "Ett nytt tecken"
    ny["roller"]["roller"] = [r for r in ny["roller"]["roller"] if r["id"] != "religiosa-samfund"] + [{"id": "ny-roll", "namn": "Ny roll"}]
    ny["roller"]["roller"][0] = {**ny["roller"]["roller"][0], "namn": "Alla medarbetare"}
    return ny


def test_comparison_finds_each_kind_of_change():
    """Added, removed and changed measures (field by field, roles by name), signs and roles."""
    diff = versioner.jamfor(DATA, _revised())
    assert [m["vad"] for m in diff["insatser"]["tillagda"]] == ["Ny insats"]
    assert [m["vad"] for m in diff["insatser"]["borttagna"]] == ["Samverkan"]
    assert diff["insatser"]["andrade"] == [{"id": "generella-kunskapshojande", "vad": "Generella kunskapshöjande insatser", "falt": [
        ("När", "Årligen", "Varje termin"), ("Roller", "Alla förvaltningar", "Alla förvaltningar, Polisen")]}]
    assert diff["tecken"] == {"tillagda": [("3.4 Intressen, utseende och symbolbruk", "Ett nytt tecken")],
                              "borttagna": [("3.4 Intressen, utseende och symbolbruk", "Ändrar utseende och klädsel")]}
    assert diff["roller"] == {"tillagda": ["Ny roll"], "borttagna": ["Inter-religiösa samfund och/eller organisationer"], "andrade": [("Alla anställda", "Alla medarbetare")]}


def test_comparing_a_version_with_itself_finds_nothing():
    """No change gives 'Inga ändringar.' under every heading."""
    out = versioner.vad_har_andrats((DATA, "arkiv/x/index.md"), DATA, "om/andringar.md")
    assert out.count(versioner.INGA_ANDRINGAR) == 7
    assert "[Läs version 1 i arkivet](../arkiv/x/index.md)" in out


def test_without_an_earlier_version_the_change_page_says_so():
    """The real site today: nothing to compare with, said plainly."""
    assert versioner.vad_har_andrats(None, DATA, "om/andringar.md") == versioner.INGEN_TIDIGARE


# --- Activity status and advice -----------------------------------------------------------


def test_no_activity_has_an_invented_status():
    """The 2016–2018 activities have no reported status, and the page says so for each."""
    activities = [a for year in DATA["aktivitetsplan"]["ar"] for a in year["aktiviteter"]]
    assert activities and not any("status" in a or "statusdatum" in a for a in activities)
    out = render.aktivitetsplan(DATA["aktivitetsplan"]["ar"])
    assert out.count("Status: inte rapporterad") == len(activities)
    assert '!!! note "Uppföljning – inte en del av den beslutade planen"' in out


def test_a_reported_status_is_shown_with_its_date():
    """A status and its date from data, escaped."""
    assert render.aktivitetsstatus({"status": "genomförd", "statusdatum": "2017-03-15"}) == '<span class="kp-status">Status: genomförd 2017-03-15</span>'


def test_advice_when_validity_and_years_have_passed():
    """'Gäller till 2018' has passed and each 2016–2018 activity lacks a status: one located line each."""
    advice = [str(a) for a in versioner.advisories(DATA["plan"], lines("plan"), DATA["aktivitetsplan"], lines("aktivitetsplan"), TODAY)]
    assert advice[0].startswith("data/plan.yaml:7: $.galler_till: planen gäller till 2018 och den tiden har passerat")
    assert len(advice) == 1 + 7
    assert "data/aktivitetsplan.yaml:11: $.ar[0].aktiviteter[0]: året 2016 har passerat men aktiviteten 'studiebesok-2016' saknar status" in advice[1]


def test_no_advice_while_the_plan_is_valid_or_statuses_are_reported():
    """Before the end of 2018 nothing has passed; a reported status silences its activity."""
    assert versioner.advisories(DATA["plan"], {}, DATA["aktivitetsplan"], {}, datetime.date(2016, 11, 1)) == []
    reported = copy.deepcopy(DATA["aktivitetsplan"])
    for year in reported["ar"]:
        for a in year["aktiviteter"]:
            a["status"], a["statusdatum"] = "genomförd", "2018-12-01"
    assert [a.path for a in versioner.advisories(DATA["plan"], {}, reported, {}, TODAY)] == ["$.galler_till"]


def test_the_build_warns_without_failing_strict(tmp_path):
    """The advice goes to the 'handlingsplan' logger: printed, but mkdocs --strict still succeeds."""
    project = projekt.copy_project(tmp_path / "projekt")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "VARNING  -  data/plan.yaml:7: $.galler_till: planen gäller till 2018 och den tiden har passerat" in result.stderr
    assert "VARNING  -  data/aktivitetsplan.yaml:27: $.ar[2].aktiviteter[0]: året 2018 har passerat men aktiviteten 'erfarenhetsforelasning-2018' saknar status" in result.stderr


# --- Data by page -------------------------------------------------------------------------------


def test_a_page_reads_its_own_version_and_its_reads_are_noted():
    """Archived pages read their frozen set, others the current one; every data file read is noted for the page's date."""
    old = archived(copy.deepcopy(DATA), "2016-2018")
    new = with_current_version({**DATA["plan"], "versioner": [{**DATA["plan"]["versioner"][0], "version": 2}]})
    sets = {CURRENT: {**DATA, "plan": new}, "2016-2018": old}
    page = {"now": None}
    d = PageData(sets, lambda: page["now"])
    assert d["plan"]["versioner"][0]["version"] == 2 and dict(d.used) == {}
    page["now"] = "arkiv/2016-2018/insatser.md"
    assert d["plan"]["versioner"][0]["version"] == 1
    avsnitt = Lazy(lambda: d["avsnitt"]["avsnitt"], render.index)
    assert avsnitt["4.1"]["sida"] == "arkiv/2016-2018/insatser.md"
    page["now"] = "plan/insatser.md"
    assert avsnitt["4.1"]["sida"] == "plan/insatser.md"
    page["now"] = "plan/index.md"  # built once per data set, yet every page's read is still noted
    assert avsnitt["4.1"]["sida"] == "plan/insatser.md" and "data/avsnitt.yaml" in d.used["plan/index.md"]
    del d.used["plan/index.md"]
    assert d.used == {"arkiv/2016-2018/insatser.md": {"arkiv/2016-2018/data/plan.yaml", "arkiv/2016-2018/data/avsnitt.yaml"},
                      "plan/insatser.md": {"data/avsnitt.yaml"}}
    assert d.archives() == ["2016-2018"] and d.archived_versions() == {1: "arkiv/2016-2018/index.md"}
    assert set_of_page("arkiv/2016-2018x/a.md", sets) == CURRENT


# --- Page dates -------------------------------------------------------------------------------------

AUTHOR = {"GIT_AUTHOR_NAME": "Anna Testare", "GIT_AUTHOR_EMAIL": "anna.testare@example.org",
          "GIT_COMMITTER_NAME": "Anna Testare", "GIT_COMMITTER_EMAIL": "anna.testare@example.org"}


def git(repo: Path, *args: str, date: str | None = None) -> None:
    """Run git in a test repository, committing as a made-up person at a given date."""
    env = {**os.environ, **AUTHOR, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00"}
    subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], check=True, capture_output=True, env=env)


def footer_date(site: Path, page: str) -> str:
    """The date a built page says its content last changed."""
    text = read_article((site / page).read_text(encoding="utf-8"))[0]
    return re.search(r"Sidans innehåll ändrades senast (\d{4}-\d{2}-\d{2})\.", text).group(1)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """A project in its own git repository: all committed 2020-01-02, the activity plan changed 2021-03-04, one page edited but not committed."""
    base = tmp_path_factory.mktemp("datum")
    project = projekt.copy_project(base / "projekt")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Första", date="2020-01-02")
    projekt.replace(project / "data" / "aktivitetsplan.yaml", "        text: Implementering av handlingsplanen\n",
                    '        text: Implementering av handlingsplanen\n        status: planerad\n        statusdatum: "2021-03-01"\n')
    git(project, "commit", "-q", "-am", "Status", date="2021-03-04")
    page = project / "docs" / "om" / "personuppgifter.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ändring som inte är incheckad.\n", encoding="utf-8")
    saved = datetime.datetime(2022, 5, 6, 12).timestamp()
    os.utime(page, (saved, saved))
    site = base / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_a_page_is_as_new_as_its_newest_data_file(dated_site):
    """The activity plan page shows the date its data changed; a page that does not read that file keeps the older date."""
    _, site = dated_site
    assert footer_date(site, "plan/aktivitetsplan/index.html") == "2021-03-04"
    assert footer_date(site, "plan/definitioner/index.html") == "2020-01-02"
    assert footer_date(site, "om/versioner/index.html") == "2020-01-02"


def test_an_uncommitted_page_shows_when_it_was_saved(dated_site):
    """A file changed since its last commit has the date it was saved."""
    _, site = dated_site
    assert footer_date(site, "om/personuppgifter/index.html") == "2022-05-06"


def test_no_author_name_or_address_is_published(dated_site):
    """Dates only: the committer's name and e-mail address appear nowhere in the built site."""
    _, site = dated_site
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".xml", ".js"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert "Anna Testare" not in text and "anna.testare" not in text, file


def test_outside_git_a_file_has_the_date_it_was_saved(tmp_path):
    """Without a repository every date is the file's modification date."""
    file = tmp_path / "a.md"
    file.write_text("x", encoding="utf-8")
    saved = datetime.datetime(2023, 7, 8, 12).timestamp()
    os.utime(file, (saved, saved))
    dates = FileDates(tmp_path)
    assert dates.date("a.md") == "2023-07-08"
    assert dates.date("finns-inte.md") is None
