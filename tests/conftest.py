"""Shared fixtures: the project root and one strict build of the real site per test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(project: Path, dest: Path) -> subprocess.CompletedProcess:
    """Run a strict mkdocs build of a project into dest and return the result."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, dest)
    assert result.returncode == 0, f"mkdocs build --strict misslyckades:\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def pages(site) -> dict[str, str]:
    """Every built HTML page, by its path in the site, read from the build output."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def page_path(src: str) -> str:
    """The built HTML path of a docs/ Markdown file (directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


def pytest_addoption(parser):
    """--update rewrites the golden files from the current output."""
    parser.addoption("--update", action="store_true", help="skriv om golden-filerna i tests/golden/")


def matches_golden(output: str, golden: Path, request) -> None:
    """Assert that a renderer's output equals its golden file; with --update, rewrite the file first (review it in git diff)."""
    output += "\n"
    if request.config.getoption("--update"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.is_file(), f"golden-filen saknas; kör pytest --update och granska {golden}"
    assert output == golden.read_text(encoding="utf-8")
