"""Page weight: what each page transfers on first load, gzip-compressed, and how much of that is our own code."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The budgets (also in README.md). Bytes are deterministic, so these are tests.
BUDGET_TOTAL = 100 * 1024
BUDGET_OWN_JS = 10 * 1024
BUDGET_OWN_CSS = 8 * 1024

# Our own code: the kp-* files and Material's inline scripts moved to md-* files.
OWN_JS = ("assets/javascripts/kp-", "assets/javascripts/md-")
OWN_CSS = ("assets/stylesheets/kp-",)


def gzip_size(path: Path) -> int:
    """The size of a file compressed with gzip at level 6, as a web server sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def site_file(url: str, site: Path) -> Path | None:
    """The built file that a same-origin URL serves, or None."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@dataclass
class PageWeight:
    """The files one page loads and their compressed sizes."""

    url: str
    files: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All bytes, gzip-compressed."""
        return sum(self.files.values())

    def own(self, prefixes: tuple[str, ...]) -> dict[str, int]:
        """Our own files with the given path prefixes."""
        return {name: size for name, size in self.files.items() if name.startswith(prefixes)}

    @property
    def own_js(self) -> int:
        """Our own JavaScript, gzip-compressed."""
        return sum(self.own(OWN_JS).values())

    @property
    def own_css(self) -> int:
        """Our own CSS, gzip-compressed."""
        return sum(self.own(OWN_CSS).values())

    def over_budget(self) -> list[str]:
        """What is over budget on this page, naming the page and its files."""
        problems = []
        if self.total > BUDGET_TOTAL:
            biggest = ", ".join(f"{n} {s / 1024:.1f} KB" for n, s in sorted(self.files.items(), key=lambda i: -i[1])[:5])
            problems.append(f"{self.url}: {self.total / 1024:.1f} KB > {BUDGET_TOTAL // 1024} KB (störst: {biggest})")
        for label, size, budget, prefixes in (("egen JS", self.own_js, BUDGET_OWN_JS, OWN_JS), ("egen CSS", self.own_css, BUDGET_OWN_CSS, OWN_CSS)):
            if size > budget:
                files = ", ".join(f"{n} {s / 1024:.1f} KB" for n, s in self.own(prefixes).items())
                problems.append(f"{self.url}: {label} {size / 1024:.1f} KB > {budget // 1024} KB ({files})")
        return problems


def measure(browser, origin: str, site: Path, urls: list[str]) -> list[PageWeight]:
    """Load each page in a fresh browser context (empty cache) and weigh every file it requests."""
    weights = []
    for url in urls:
        context = browser.new_context()
        requested: list[str] = []
        context.on("request", lambda request, requested=requested: requested.append(request.url))
        page = context.new_page()
        page.goto(origin + url, wait_until="networkidle")
        weight = PageWeight(url)
        for request_url in requested:
            if request_url.startswith(origin + "/") and (file := site_file(request_url, site)):
                weight.files[file.relative_to(site).as_posix()] = gzip_size(file)
        weights.append(weight)
        context.close()
    return weights
