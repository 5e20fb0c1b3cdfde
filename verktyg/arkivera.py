"""Freeze the current plan (data/, schemas/ and docs/plan/) as an archived version before a revision (python -m verktyg.arkivera)."""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import sys
from pathlib import Path

import yaml

from macros.arkiv import ARKIV_DIR, archive_prefix
from macros.data import DATA_DIR, SCHEMA_DIR, DataError, load_all

from . import run
from .kontrollera import FRONT_MATTER, docs_dir_of

PLAN_DIR = "plan"  # the plan's pages under docs/
NAME = re.compile(r"^[0-9a-z]+(-[0-9a-z]+)*$")

# Markdown link targets, reference definitions and HTML href/src attributes.
_TARGETS = [
    re.compile(r"(\]\(\s*<?)([^)\s>]+)"),
    re.compile(r"^([ \t]*\[[^\]]+\]:[ \t]*<?)(\S+?)(?=>?(?:\s|$))", re.M),
    re.compile(r"((?:href|src)=\")([^\"]+)"),
]


def default_name(plan: dict) -> str:
    """The archive's name: the decision year and the last year the plan applies, such as '2016-2018'."""
    return f"{plan['datum'][:4]}-{plan['galler_till'][:4]}"


def moved_link(target: str, page: str, name: str) -> str:
    """A relative link of docs/plan/PAGE, rewritten for the archived copy when it points outside docs/plan/."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", target, re.I):
        return target
    path, sep, fragment = target.partition("#")
    here = posixpath.dirname(f"{PLAN_DIR}/{page}")
    resolved = posixpath.normpath(posixpath.join(here, path))
    if resolved == PLAN_DIR or resolved.startswith(PLAN_DIR + "/"):
        return target
    new_here = posixpath.dirname(archive_prefix(name) + page)
    moved = posixpath.relpath(resolved, new_here) + ("/" if path.endswith("/") else "")
    return moved + sep + fragment


def frozen_page(text: str, page: str, name: str) -> str:
    """A plan page as archived: excluded from search, with links out of docs/plan/ still pointing to the same pages."""
    meta, body = {}, text
    match = FRONT_MATTER.match(text)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        body = text[match.end():]
    meta["search"] = {**(meta.get("search") or {}), "exclude": True}
    for pattern in _TARGETS:
        body = pattern.sub(lambda m: m.group(1) + moved_link(m.group(2), page, name), body)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def freeze(root: Path, name: str | None = None) -> tuple[str, dict]:
    """Copy data/ and schemas/ to arkiv/NAMN/ and docs/plan/ to docs/arkiv/NAMN/; return the name and the archived plan."""
    docs_dir = docs_dir_of(root)
    data = load_all(root, docs_dir=docs_dir)
    plan = data["plan"]
    name = name or default_name(plan)
    if not NAME.match(name):
        raise ValueError(f"namnet '{name}' går inte att använda; använd siffror, små bokstäver och bindestreck, till exempel 2016-2018")
    frozen_data = root / ARKIV_DIR / name
    frozen_pages = docs_dir / ARKIV_DIR / name
    for folder in (frozen_data, frozen_pages):
        if folder.exists():
            raise FileExistsError(f"{folder.relative_to(root).as_posix()}/ finns redan; välj ett annat namn med --namn")
    shutil.copytree(root / DATA_DIR, frozen_data / DATA_DIR)
    shutil.copytree(root / SCHEMA_DIR, frozen_data / SCHEMA_DIR)
    for source in sorted((docs_dir / PLAN_DIR).rglob("*")):
        page = source.relative_to(docs_dir / PLAN_DIR).as_posix()
        target = frozen_pages / page
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            target.write_text(frozen_page(source.read_text(encoding="utf-8"), page, name), encoding="utf-8")
        elif source.is_file():
            shutil.copy2(source, target)
    return name, plan


def main(argv: list[str] | None = None) -> int:
    """Archive the current version and say what to do next."""
    parser = argparse.ArgumentParser(prog="python -m verktyg.arkivera", description="Arkiverar den gällande planen innan den revideras.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="projektets mapp (standard: den aktuella)")
    parser.add_argument("--namn", help="arkivets namn i webbadressen (standard: beslutsår-gäller till, till exempel 2016-2018)")
    args = parser.parse_args(argv)
    try:
        name, plan = freeze(args.root, args.namn)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        print("Arkiveringen avbröts: rätta felen ovan först (make check). Inget har kopierats.")
        return 1
    except (ValueError, FileExistsError) as error:
        print(f"Arkiveringen avbröts: {error}. Inget har kopierats.")
        return 1
    version = plan["versioner"][0]
    print(f"Version {version['version']} av planen (beslutad {version['datum']}, {version['paragraf']}) är arkiverad:")
    print(f"  data och scheman i {ARKIV_DIR}/{name}/, sidorna i docs/{ARKIV_DIR}/{name}/")
    print(f"  och på webbplatsen under /{ARKIV_DIR}/{name}/ när den har byggts.")
    print("Nästa steg:")
    print(f"  1. Lägg till version {version['version'] + 1} överst under versioner i data/plan.yaml, och ändra galler_till.")
    print("  2. Ändra planens text i data/ och docs/plan/ enligt det nya beslutet.")
    print("  3. Kör make check och make serve, och publicera med make publish.")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
