"""The whole plan on one page for printing: every plan page's Markdown, rendered in order, with its headings one level down."""

from __future__ import annotations

import re
from collections.abc import Callable

from .render import esc, relative

# Where `make pdf` writes the PDFs, under docs/, so that the build copies them.
PDF_DIR = "pdf"

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_FENCE = re.compile(r"^(```|~~~)", re.M)


def strip_front_matter(markdown: str) -> str:
    """The page's Markdown without its YAML front matter."""
    return _FRONT_MATTER.sub("", markdown, count=1)


def demote_headings(markdown: str) -> str:
    """Every Markdown heading one level down (# becomes ##), outside fenced code."""
    parts = _FENCE.split(markdown)
    inside = False
    out = []
    for part in parts:
        if _FENCE.fullmatch(part or ""):
            inside = not inside
            out.append(part)
        else:
            out.append(part if inside else _HEADING.sub(lambda m: "#" + m.group(1) + " ", part))
    return "".join(out)


def plan_pages(avsnitt: list[dict]) -> list[str]:
    """The plan's pages in the order of its table of contents, each once."""
    pages: list[str] = []
    for item in avsnitt:
        if item["sida"] not in pages:
            pages.append(item["sida"])
    return pages


def hela_planen(pages: list[str], read: Callable[[str], str], render: Callable[[str], str]) -> str:
    """Every plan page, read from docs/ and rendered with the macros, one after the other with headings one level down."""
    body = "\n\n".join(demote_headings(render(strip_front_matter(read(page)))) for page in pages)
    # A marker, not a wrapper (md_in_html would reparse the form's HTML): page-specific
    # print rules, like Bilaga 1's, leave a page that holds the whole plan alone.
    return f'<div class="kp-hela-planen" hidden></div>\n\n{body}'



def pdf_lank(namn: str, text: str, finns: bool, from_page: str) -> str:
    """A link to a PDF that `make pdf` has made; nothing at all when it has not been made."""
    if not finns:
        return ""
    return f'<p class="kp-pdf" markdown="span">[{esc(text)}]({relative(f"{PDF_DIR}/{namn}", from_page)})</p>'
