"""Check all data and Markdown without building the site, and print every problem as FILE:LINE: path: message (python -m verktyg.kontrollera)."""

from __future__ import annotations

import argparse
import datetime
import difflib
import posixpath
import re
import sys
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from macros import macro_table
from macros.arkiv import CURRENT, advisories, load_sets
from macros.data import DataError, Problem

from . import run

# Macros that mkdocs-macros itself registers, and Jinja's own global functions.
PLUGIN_MACROS = {"context", "macros_info", "now", "fix_url"}
JINJA_GLOBALS = set(jinja2.Environment().globals)

# The front matter as mkdocs reads it (mkdocs.utils.meta).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)

MACRO_FORM = 'ett makro skrivs {{ namn("argument") }}'
# (pattern in Jinja's message, Swedish message; {0} is the pattern's group).
_JINJA_MESSAGES = [
    (r"innermost block that needs to be closed is '(\w+)'", "blocket {{% {0} … %}} stängs inte; det saknas {{% end{0} %}}"),
    (r"unexpected end of template", "'{{{{' eller '{{%' stängs inte; varje {{{{ ska ha }}}} och varje {{% ska ha %}}"),
    (r"unexpected '\}', expected '\)'", "en parentes stängs inte; " + MACRO_FORM.replace("{", "{{").replace("}", "}}")),
    (r"unexpected '[}%]'", "en klammer saknas eller står fel; " + MACRO_FORM.replace("{", "{{").replace("}", "}}")),
    (r"unexpected char '[\"']'", "ett citattecken stängs inte; " + MACRO_FORM.replace("{", "{{").replace("}", "}}")),
    (r"unknown tag '(\w+)'", "okänd tagg '{0}' i {{% … %}}"),
    (r"expected an expression", "tomt makroanrop; skriv makrots namn mellan {{{{ och }}}}"),
]


def docs_dir_of(root: Path) -> Path:
    """The docs folder that mkdocs.yml names (docs/ by default)."""
    config = root / "mkdocs.yml"
    name = "docs"
    if config.is_file():
        try:
            name = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("docs_dir", name)
        except yaml.YAMLError:
            pass  # mkdocs itself reports a broken mkdocs.yml
    return root / name


def macro_names() -> set[str]:
    """Every macro a page may call: ours (from macro_table) and those of mkdocs-macros and Jinja."""
    return set(macro_table(None, None)) | PLUGIN_MACROS | JINJA_GLOBALS


def _jinja_message(error: jinja2.TemplateSyntaxError) -> str:
    """Say in Swedish what a Jinja syntax error means."""
    text = str(error.message or "")
    for pattern, message in _JINJA_MESSAGES:
        match = re.search(pattern, text, re.I)
        if match:
            return "syntaxfel: " + message.format(*match.groups())
    return "syntaxfel i {{ … }} eller {% … %}; " + MACRO_FORM


def _without_code(text: str) -> str:
    """The text with fenced code blocks and inline code blanked out, keeping every line in place."""
    out, fence = [], None
    for line in text.split("\n"):
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if fence is None and marker:
            fence = marker.group(1)[0] * len(marker.group(1))
            out.append("")
        elif fence is not None:
            if stripped.startswith(fence):
                fence = None
            out.append("")
        else:
            out.append(re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^[ \t]*\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.M)


def _links(text: str) -> list[tuple[int, str]]:
    """Every Markdown link target with its line (1-based, within text)."""
    plain = _without_code(text)
    return [(plain.count("\n", 0, m.start()) + 1, m.group(1) or m.group(2)) for m in _LINK.finditer(plain)]


def check_page(label: str, raw: bytes, src: str, docs_dir: Path, names: set[str], pages: list[str]) -> list[Problem]:
    """Check one Markdown page: encoding, front matter, '{#', Jinja syntax, unknown macros and relative links to .md files."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [Problem(label, line, "text", f"filen är inte sparad som UTF-8 (byte 0x{raw[error.start]:02x}); spara om den med teckenkodningen UTF-8")]
    text = text.replace("\r\n", "\n")
    problems: list[Problem] = []
    offset, body, render = 0, text, True
    match = FRONT_MATTER.match(text)
    if match:
        offset = match.group(0).count("\n")
        body = text[match.end():]
        try:
            meta = yaml.safe_load(match.group(1)) or {}
            render = not (isinstance(meta, dict) and meta.get("render_macros") is False)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(label, (mark.line + 2) if mark else 1, "metadata", "YAML-syntaxfel i sidans inledande block mellan raderna ---"))

    if render:
        for number, line in enumerate(body.split("\n"), start=offset + 1):
            if "{#" in line:
                problems.append(Problem(label, number, "kommentar",
                                        "'{#' startar en Jinja-kommentar och gömmer texten efter den; skriv '{ #id }' med mellanslag för ett ankare"))
        try:
            tree = jinja2.Environment().parse(body.replace("{#", "{ "))
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(label, (error.lineno or 1) + offset, "jinja", _jinja_message(error)))
        else:
            defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} | {m.name for m in tree.find_all(nodes.Macro)}
            for call in tree.find_all(nodes.Call):
                if isinstance(call.node, nodes.Name) and call.node.name not in names | defined:
                    name = call.node.name
                    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.8)
                    hint = f"; menade du '{close[0]}'?" if close else ""
                    problems.append(Problem(label, call.lineno + offset, "makro", f"okänt makro '{name}'{hint}"))

    here = posixpath.dirname(src)
    for number, target in _links(body):
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path.endswith(".md") or re.match(r"^([a-z][a-z0-9+.-]*:|/)", path, re.I):
            continue
        resolved = posixpath.normpath(posixpath.join(here, path))
        if resolved.startswith("../") or not (docs_dir / resolved).is_file():
            candidates = [posixpath.relpath(p, here or ".") for p in pages]
            close = difflib.get_close_matches(path, candidates, n=1)
            hint = f"; menade du '{close[0]}'?" if close else ""
            problems.append(Problem(label, number + offset, "länk", f"sidan {path} finns inte{hint}"))
    return problems


def check_markdown(root: Path, docs_dir: Path) -> list[Problem]:
    """Check every Markdown page under docs/."""
    names = macro_names()
    files = sorted(docs_dir.rglob("*.md"))
    pages = [p.relative_to(docs_dir).as_posix() for p in files]
    problems = []
    for path, src in zip(files, pages, strict=True):
        label = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        problems += check_page(label, path.read_bytes(), src, docs_dir, names, pages)
    return problems


def check(root: Path) -> tuple[list[Problem], list[Problem]]:
    """All problems (data and Markdown) and all advice for the project at root."""
    docs_dir = docs_dir_of(root)
    try:
        sets = load_sets(root, docs_dir)
        problems: list[Problem] = []
    except DataError as error:
        sets, problems = None, list(error.problems)
    problems += check_markdown(root, docs_dir)
    advice = advisories(root, sets[CURRENT], datetime.date.today()) if sets else []
    return sorted(problems, key=lambda p: (p.file, p.line, p.path)), advice


def main(argv: list[str] | None = None) -> int:
    """Print every problem and piece of advice; exit 1 when there is any problem."""
    parser = argparse.ArgumentParser(prog="python -m verktyg.kontrollera", description="Kontrollerar data/ och docs/ utan att bygga webbplatsen.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="projektets mapp (standard: den aktuella)")
    args = parser.parse_args(argv)
    problems, advice = check(args.root)
    for problem in problems:
        print(problem)
    for item in advice:
        print(f"{item.file}:{item.line}: {item.path}: varning: {item.message}")
    files = len({p.file for p in problems})
    if problems:
        print(f"Kontrollen hittade {len(problems)} fel i {files} {'fil' if files == 1 else 'filer'}. Rätta dem och kör make check igen.")
        return 1
    print(f"Inga fel. {len(advice)} {'varning' if len(advice) == 1 else 'varningar'}." if advice else "Inga fel.")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
