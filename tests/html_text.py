"""Read what a reader sees on a built page: its text, tables and links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "template"}
_BLOCK = {
    "p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption",
    "div", "label", "legend", "br", "ol", "ul", "table", "fieldset", "section", "article", "summary",
}


def normalize(text: str) -> str:
    """Collapse whitespace, as a reader sees it."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


class _Article(HTMLParser):
    """Collect the text of the page's main content and its tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article>
        self.skip = 0
        self.parts: list[str] = []
        self.tables: list[dict] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in _SKIP or "headerlink" in (attrs.get("class") or ""):
            self.skip += 1
            self._stack.append({"tag": tag, "skip": True})
            return
        self._stack.append({"tag": tag, "skip": False, "attrs": attrs})
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag == "table":
            niva = None
            for frame in reversed(self._stack):
                niva = niva or (frame.get("attrs") or {}).get("data-niva")
            self.tables.append({"niva": niva, "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        while self._stack:
            frame = self._stack.pop()
            if frame["skip"]:
                self.skip -= 1
            if frame["tag"] == tag:
                break
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(normalize("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self._cell is not None:
                self._cell.append(data)


def read_article(html: str) -> tuple[str, list[dict]]:
    """The normalized text of <article> and its tables as lists of rows."""
    parser = _Article()
    parser.feed(html)
    return normalize("".join(parser.parts)), parser.tables


def article_text(html: str) -> str:
    """The normalized text of the page's main content."""
    return read_article(html)[0]
