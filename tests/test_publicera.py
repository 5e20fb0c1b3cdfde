"""make publish (python -m verktyg.publicera): a failing build leaves the published site byte for byte as it was; a good one is swapped in atomically."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import projekt
from tests.conftest import ROOT
from verktyg import publicera


def tree_hash(folder: Path) -> str:
    """One hash over every file's path and bytes under a folder (following the published link)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.resolve().rglob("*") if p.is_file()):
        digest.update(file.relative_to(folder.resolve()).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def publish(project: Path, dest: Path) -> subprocess.CompletedProcess:
    """Run the publish command as an editor does."""
    return subprocess.run([sys.executable, "-m", "verktyg.publicera", str(dest), "--root", str(project)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A project copy published once to a fresh server folder; yields (project, dest, hash of the published tree)."""
    base = tmp_path_factory.mktemp("publicera")
    project = projekt.copy_project(base / "projekt")
    dest = base / "server" / "handlingsplan"
    dest.parent.mkdir()
    result = publish(project, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, dest, tree_hash(dest)


def test_first_publish_makes_dest_a_link_to_a_readable_build(published):
    """DEST is a symbolic link to a build in DEST.publiceringar/, readable by the web server."""
    _, dest, _ = published
    assert dest.is_symlink()
    target = dest.resolve()
    assert target.parent == dest.parent / "handlingsplan.publiceringar"
    assert not os.path.isabs(os.readlink(dest))
    assert (dest / "index.html").is_file() and (dest / "plan" / "insatser" / "index.html").is_file()
    assert target.stat().st_mode & 0o777 == 0o755


@pytest.mark.parametrize(("file", "old", "new", "reason"), [
    ("data/roller.yaml", "    namn: Polisen", "\tnamn: Polisen", ": $: YAML-syntaxfel: tabbtecken i indraget"),
    ("data/plan.yaml", 'galler_till: "2018"', 'galler_till: "2018-13-45"', "$.galler_till: '2018-13-45' är inget giltigt datum; skriv ett år"),
    ("docs/om/rattelser.md", "## Rättade skrivfel { #rattade }", "## Rättade skrivfel { #rattade }\n\n[Trasig](../plan/insatser.md#finns-inte)",
     "does not contain an anchor '#finns-inte'"),
    ("docs/om/rattelser.md", "## Rättade skrivfel { #rattade }", '## Rättade skrivfel { #rattade }\n\n<a href="../finns-inte/">Trasig</a>',
     "om/rattelser/index.html:"),
])
def test_a_failing_publish_leaves_the_published_site_byte_for_byte(published, file, old, new, reason):
    """Broken data (stopped by the check), a broken anchor (stopped by the strict build) or a raw broken link (stopped by the link check)."""
    project, dest, before = published
    link = os.readlink(dest)
    releases = sorted((dest.parent / "handlingsplan.publiceringar").iterdir())
    path = project / file
    original = path.read_text(encoding="utf-8")
    assert original.count(old) == 1
    path.write_text(original.replace(old, new), encoding="utf-8")
    try:
        result = publish(project, dest)
    finally:
        path.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert reason in output
    assert f"Publiceringen avbröts. Den publicerade webbplatsen i {dest} är oförändrad." in output
    assert "Traceback" not in output
    assert tree_hash(dest) == before
    assert os.readlink(dest) == link
    assert sorted((dest.parent / "handlingsplan.publiceringar").iterdir()) == releases
    assert not list(dest.parent.glob(".handlingsplan.ny-*"))


def test_a_good_publish_swaps_the_link_and_keeps_the_build_before(tmp_path):
    """Publishing twice: DEST points at the new build, the previous one is kept, older ones are removed."""
    project = projekt.copy_project(tmp_path / "projekt")
    dest = tmp_path / "server" / "handlingsplan"
    dest.parent.mkdir()
    links = []
    for text in ("Första publiceringen.", "Andra publiceringen.", "Tredje publiceringen."):
        (project / "docs" / "om" / "personuppgifter.md").write_text(f"# Om webbplatsen och personuppgifter\n\n{text}\n", encoding="utf-8")
        result = publish(project, dest)
        assert result.returncode == 0, result.stdout + result.stderr
        assert text in (dest / "om" / "personuppgifter" / "index.html").read_text(encoding="utf-8")
        links.append(os.readlink(dest))
    assert len(set(links)) == 3
    kept = sorted(p.name for p in (dest.parent / "handlingsplan.publiceringar").iterdir())
    assert kept == sorted(Path(link).name for link in links[1:])


def test_an_ordinary_folder_is_replaced_by_the_link_once(tmp_path):
    """When DEST is an ordinary folder the first time, it is moved aside and DEST becomes the link."""
    project = projekt.copy_project(tmp_path / "projekt")
    dest = tmp_path / "server" / "handlingsplan"
    dest.mkdir(parents=True)
    (dest / "gammal.html").write_text("gammal", encoding="utf-8")
    result = publish(project, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert dest.is_symlink() and (dest / "index.html").is_file()
    moved = list((dest.parent / "handlingsplan.publiceringar").glob("*-tidigare/gammal.html"))
    assert len(moved) == 1 and moved[0].read_text(encoding="utf-8") == "gammal"


def test_check_site_reports_missing_pages_and_dead_links(tmp_path):
    """The build check names the page, the line and the link that leads nowhere."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    (site / "404.html").write_text("", encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="a/">ok</a> <a href="#x">ok</a> <a href="https://example.org/">annan värd</a> <a href="mailto:x@example.org">e-post</a>\n'
        '<img src="saknas.png" alt=""> <a href="b/">saknas</a> <script src="/a/index.html"></script>\n', encoding="utf-8")
    (site / "a" / "index.html").write_text('<link href="../index.html?v=1#top"><a href="../../utanfor/">utanför</a>', encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "c").mkdir(parents=True)
    for name in ("index.md", "a.md", "c/index.md"):
        (docs / name).write_text("# x\n", encoding="utf-8")
    assert [str(p) for p in publicera.check_site(site, docs)] == [
        "c/index.html:1: sida: sidan för docs/c/index.md saknas i bygget",
        "a/index.html:1: länk: '../../utanfor/' pekar på något som inte finns i bygget",
        "index.html:2: länk: 'saknas.png' pekar på något som inte finns i bygget",
        "index.html:2: länk: 'b/' pekar på något som inte finns i bygget",
    ]
