"""Browser harness: serve the one build on 127.0.0.1 and drive the system Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from verktyg.webbserver import serve

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no internet: without these flags Chromium stalls on refused connections.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI") == "true"

# Keys the site may store in the browser: none. (The site offers no colour
# scheme toggle, so Material stores no display preference either.)
ALLOWED_STORAGE_KEYS: set[str] = set()


def require(ok: bool, what: str) -> None:
    """Skip when a tool is missing on a developer machine; fail in CI, never skip there."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} saknas, och i CI får webbläsartesterna inte hoppas över")
    pytest.skip(f"{what} saknas; kör .ci/run eller installera det med apt-get")


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 at a free port; yields its origin."""
    with serve(site) as origin:
        yield origin


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, headless, driven by Playwright."""
    require(CHROMIUM.exists(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (empty storage) per test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def urls(site) -> list[str]:
    """The URL path of every HTML page in the build output."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append("/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative))
    return paths


def java_available() -> bool:
    """True when a Java runtime is on PATH (the HTML checker needs one)."""
    return shutil.which("java") is not None


def open_page(context, url: str, wait_until: str = "networkidle"):
    """Open a page and wait until it has loaded everything (pass wait_until="load" where later requests do not matter)."""
    page = context.new_page()
    page.goto(url, wait_until=wait_until)
    return page
