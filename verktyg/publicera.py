"""Build, check and publish the site atomically: the published folder changes only when the new build is whole (python -m verktyg.publicera DEST).

DEST becomes a symbolic link to a build in the sibling folder DEST.publiceringar/.
A new build goes into a new folder there and is checked; only then is a new link
renamed over DEST. rename() of a link is atomic on POSIX, so the web server
sees either the old site or the new one, never a half-built one. The web server
must follow symbolic links. The previous build is kept for a manual rollback.
"""

from __future__ import annotations

import argparse
import datetime
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.data import Problem

from . import run
from .kontrollera import check, docs_dir_of

RELEASES_SUFFIX = ".publiceringar"
KEEP = 2  # the published build and the one before it


def page_path(src: str) -> str:
    """The built HTML file of a docs/ Markdown page (directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


class _Urls(HTMLParser):
    """Collect every href, src and srcset URL of a page, with its line."""

    def __init__(self):
        """Start with no URLs."""
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        """Note the URLs of one element."""
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.urls.append((self.getpos()[0], value))
            elif name == "srcset":
                self.urls += [(self.getpos()[0], part.split()[0]) for part in value.split(",") if part.strip()]


def _internal(url: str) -> str | None:
    """The path part of a URL that points into the site, or None for other hosts, schemes and same-page anchors."""
    if not url or url.startswith(("#", "//")) or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
        return None
    return unquote(urlsplit(url).path)


def check_site(site: Path, docs_dir: Path) -> list[Problem]:
    """A built site is whole: a page for every Markdown file, and every internal href and src resolves to a file."""
    problems = []
    for md in sorted(docs_dir.rglob("*.md")):
        src = md.relative_to(docs_dir).as_posix()
        if not (site / page_path(src)).is_file():
            problems.append(Problem(page_path(src), 1, "sida", f"sidan för docs/{src} saknas i bygget"))
    for required in ("index.html", "404.html", "search/search_index.json"):
        if not (site / required).is_file():
            problems.append(Problem(required, 1, "sida", "filen saknas i bygget"))
    for html in sorted(site.rglob("*.html")):
        page = html.relative_to(site).as_posix()
        parser = _Urls()
        parser.feed(html.read_text(encoding="utf-8"))
        for line, url in parser.urls:
            path = _internal(url)
            if path is None or path == "":
                continue
            base = "" if path.startswith("/") else posixpath.dirname(page)
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            file = site / target
            if target.startswith("..") or not (file.is_file() or (file / "index.html").is_file()):
                problems.append(Problem(page, line, "länk", f"'{url}' pekar på något som inte finns i bygget"))
    return problems


def build(root: Path, out: Path) -> subprocess.CompletedProcess:
    """A strict mkdocs build of the project into out."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(out)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)


def _build_messages(output: str) -> list[str]:
    """The lines of mkdocs' output that explain a failed build (not its INFO chatter)."""
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith(("INFO", "VARNING", "DEBUG"))]
    return lines or ["bygget misslyckades utan förklaring"]


def swap(dest: Path, release: Path) -> Path | None:
    """Point dest at release with one atomic rename of a new link; return the build dest pointed at before, if any."""
    previous = None
    if dest.is_symlink():
        previous = (dest.parent / os.readlink(dest)).resolve()
    elif dest.is_dir():
        # The first time only: an ordinary folder is moved next to the builds (a rename), then replaced by the link.
        previous = release.parent / f"{release.name}-tidigare"
        os.rename(dest, previous)
    elif dest.exists():
        raise FileExistsError(f"{dest} är en fil, inte en mapp")
    link = dest.parent / f".{dest.name}.ny-{os.getpid()}"
    os.symlink(os.path.relpath(release, dest.parent), link)
    os.replace(link, dest)
    return previous


def prune(releases: Path, keep: set[Path]) -> None:
    """Remove old builds, keeping the published one and the one before it."""
    for folder in releases.iterdir():
        if folder.is_dir() and not folder.is_symlink() and folder.resolve() not in keep:
            shutil.rmtree(folder)


def publish(root: Path, dest: Path) -> tuple[list[str], Path | None]:
    """Check, build and check the build, then swap it in; return the reasons it was not published (empty on success) and the new build."""
    problems, _ = check(root)
    if problems:
        return ["Kontrollen av data och text hittade fel:", *map(str, problems)], None
    releases = dest.parent / f"{dest.name}{RELEASES_SUFFIX}"
    releases.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    release = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=releases))
    published = False
    try:
        result = build(root, release)
        if result.returncode != 0:
            return ["Bygget misslyckades:", *_build_messages(result.stderr + result.stdout)], None
        site_problems = check_site(release, docs_dir_of(root))
        if site_problems:
            return ["Det byggda innehållet är inte helt:", *map(str, site_problems)], None
        release.chmod(0o755)  # mkdtemp makes it private; the web server must read it
        previous = swap(dest, release)
        published = True
    finally:
        if not published:
            shutil.rmtree(release, ignore_errors=True)
    prune(releases, {release.resolve(), *([previous.resolve()] if previous else [])})
    return [], release


def main(argv: list[str] | None = None) -> int:
    """Publish to DEST, or say why not and leave DEST as it was."""
    parser = argparse.ArgumentParser(prog="python -m verktyg.publicera", description="Bygger, kontrollerar och publicerar webbplatsen atomiskt.")
    parser.add_argument("dest", type=Path, help="mappen som webbservern visar, till exempel /srv/intranat/handlingsplan")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="projektets mapp (standard: den aktuella)")
    args = parser.parse_args(argv)
    dest = args.dest.absolute()
    reasons, release = publish(args.root, dest)
    if reasons:
        print("\n".join(reasons))
        print(f"Publiceringen avbröts. Den publicerade webbplatsen i {dest} är oförändrad.")
        return 1
    print(f"Publicerat: {dest} visar nu bygget {release.name} i {release.parent}.")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
