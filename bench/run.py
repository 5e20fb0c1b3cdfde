"""Benchmark: build times, growth with more data, page weights and Lighthouse scores; prints a table and writes bench/RESULTAT.md.

Run it with `make bench`. Timings depend on the machine and are never a test;
the page-weight budgets are tests (tests/browser/test_sidvikt.py).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verktyg import sidvikt  # noqa: E402
from verktyg.webbserver import serve  # noqa: E402

RESULT = ROOT / "bench" / "RESULTAT.md"
PROJECT_PARTS = ("data", "schemas", "docs", "macros", "overrides", "mkdocs.yml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE_PAGES = {"Startsidan": "/", "Bilaga 1": "/plan/bilaga-1-lagesbild/", "Bilaga 2": "/plan/bilaga-2-vid-misstanke/",
                    "Bilaga 2 som vägledning (Jag är orolig …)": "/vagledning/vid-oro/"}
RUNS = 5


def copy_project(dest: Path) -> Path:
    """Copy the site's sources (not tests, not .git) to dest."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, dest / part)
    return dest


def build_seconds(project: Path, runs: int = RUNS) -> tuple[float, list[float]]:
    """The median wall-clock time of `mkdocs build` of a project, over several runs."""
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", out], cwd=project, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                raise SystemExit(f"bygget misslyckades i {project}:\n{result.stderr}")
    return statistics.median(times), times


# --- Plain Material with the macros' output already in the pages ------------


def prerender(dest: Path) -> Path:
    """A copy of the project whose pages hold the macros' output, built by plain Material without the macros plugin."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    copy_project(dest)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        files = get_files(config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            page = file.page or Page(None, file, config)
            page.read_source(config)
            markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            front = f"---\n{yaml.safe_dump(dict(page.meta), allow_unicode=True)}---\n\n" if page.meta else ""
            (dest / "docs" / file.src_uri).write_text(front + markdown, encoding="utf-8")
        extra = {key: value for key, value in config["extra"].items() if isinstance(value, (str, dict, list, int, float)) and key != "kp_sidinfo"}
        glossary = config["mdx_configs"].get("abbr", {}).get("glossary", {})
    finally:
        os.chdir(cwd)

    mkdocs_yml = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs_yml["plugins"] = [p for p in mkdocs_yml["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    mkdocs_yml["extra"] = {**mkdocs_yml.get("extra", {}), **extra}
    mkdocs_yml["markdown_extensions"] = [{"abbr": {"glossary": glossary}} if e == "abbr" else e for e in mkdocs_yml["markdown_extensions"]]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_yml, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(dest / "macros")
    return dest


# --- Synthetic data: the plan's data multiplied ------------------------------


def _yaml_load(path: Path):
    """Read a YAML file, keeping its text."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _yaml_dump(path: Path, data, first_line: str) -> None:
    """Write a YAML file, keeping its schema line."""
    path.write_text(first_line + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def scale(project: Path, factor: int) -> dict[str, int]:
    """Multiply measures, signs, roles and plan pages by factor in a project copy; return the counts."""
    data = project / "data"
    first = lambda path: path.read_text(encoding="utf-8").splitlines()[0]  # noqa: E731

    roller_path = data / "roller.yaml"
    roller = _yaml_load(roller_path)
    originals = [dict(r) for r in roller["roller"]]
    for copy in range(1, factor):
        for role in originals:
            new = {"id": f"s{copy}-{role['id']}", "namn": f"{role['namn']} {copy}"}
            roller["roller"].append(new)
            (project / "docs" / "mitt-ansvar" / f"{new['id']}.md").write_text(f'{{{{ mitt_ansvar("{new["id"]}") }}}}\n', encoding="utf-8")
    _yaml_dump(roller_path, roller, first(roller_path))

    insatser_path = data / "insatser.yaml"
    insatser = _yaml_load(insatser_path)
    for niva in insatser["nivaer"]:
        rows = list(niva["insatser"])
        for copy in range(1, factor):
            for row in rows:
                niva["insatser"].append({**row, "id": f"{row['id']}-s{copy}", "vad": f"{row['vad']} {copy}",
                                         "roller": [f"s{copy}-{r}" for r in row["roller"]]})
    _yaml_dump(insatser_path, insatser, first(insatser_path))

    tecken_path = data / "tecken.yaml"
    tecken = _yaml_load(tecken_path)
    for group in tecken["kategorier"] + tecken["nivaer"]:
        group["tecken"] = [f"{t} {copy}" if copy else t for copy in range(factor) for t in group["tecken"]]
    _yaml_dump(tecken_path, tecken, first(tecken_path))

    # More pages of prose: copies of the plan's pages with their macro calls taken out. A copy that kept
    # them would draw every (multiplied) table again, pages × data, which no real plan does; the data's
    # growth is measured where the data is drawn, on the real pages and the role pages.
    pages = sorted(p for p in (project / "docs" / "plan").glob("*.md") if p.name != "utskrift.md")
    for copy in range(1, factor):
        folder = project / "docs" / "syntet" / str(copy)
        folder.mkdir(parents=True)
        for page in pages:
            text = page.read_text(encoding="utf-8")
            text = re.sub(r"\{\{ rubrik\(\"([^\"]+)\"\) \}\}", lambda m, copy=copy: f"# Kopia {copy} av avsnitt {m.group(1)}", text)
            text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
            (folder / page.name).write_text(text, encoding="utf-8")
    mkdocs_yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(mkdocs_yml.replace("not_in_nav: |\n", "not_in_nav: |\n  /syntet/\n"), encoding="utf-8")

    return {
        "insatser": sum(len(n["insatser"]) for n in insatser["nivaer"]),
        "tecken": sum(len(g["tecken"]) for g in tecken["kategorier"] + tecken["nivaer"]),
        "roller": len(roller["roller"]),
        "sidor": len(list((project / "docs").rglob("*.md"))),
    }


# --- Page weights and Lighthouse ---------------------------------------------


def built_site(dest: Path) -> Path:
    """The real site, built once with --strict."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)], cwd=ROOT, env=env, check=True, capture_output=True)
    return dest


def page_weights(site: Path) -> list[sidvikt.PageWeight]:
    """Every page's first-load weight, gzip-compressed, in real Chromium."""
    from playwright.sync_api import sync_playwright

    urls = sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        weights = sidvikt.measure(browser, origin, site, urls)
        browser.close()
    return weights


def lighthouse(site: Path) -> dict[str, dict[str, int]] | str:
    """Lighthouse 12.2.3 scores (phone profile) for three pages, served with gzip like an intranet server; or why it could not run."""
    binary = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        setup = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(ROOT / "bench")], capture_output=True, text=True)
        if setup.returncode != 0 or not binary.exists():
            return f"kunde inte installera Lighthouse med npm ({setup.stderr.strip()[-200:]})"
    scores = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve(site, compress=True) as origin, tempfile.TemporaryDirectory() as tmp:
        for name, url in LIGHTHOUSE_PAGES.items():
            report = Path(tmp) / "rapport.json"
            subprocess.run([str(binary), origin + url, "--quiet", "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility,best-practices",
                            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_FLAGS)}"], env=env, capture_output=True, text=True, timeout=300)
            if not report.exists():
                return f"Lighthouse gav ingen rapport för {url}"
            categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
            scores[name] = {key: round(value["score"] * 100) for key, value in categories.items()}
    return scores


# --- Report ------------------------------------------------------------------


# The build-time budget in the README; timing is reported against it, never tested.
BUILD_BUDGET_S = 10


def kb(size: int) -> str:
    """Bytes as kilobytes with one decimal, Swedish style."""
    return f"{size / 1024:.1f}".replace(".", ",")


def seconds(value: float) -> str:
    """Seconds with two decimals, Swedish style."""
    return f"{value:.2f}".replace(".", ",")


def main() -> int:
    """Measure everything once and write the report."""
    lines = [
        "# Prestanda: mätning",
        "",
        f"Uppmätt {datetime.date.today().isoformat()} med `make bench` på {platform.machine()}, {os.cpu_count()} kärnor, "
        f"Python {platform.python_version()}. Tider beror på maskinen och är aldrig ett test; sidvikterna är det "
        "(tests/browser/test_sidvikt.py).",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real, real_runs = build_seconds(ROOT)
        plain, plain_runs = build_seconds(prerender(tmp / "ren"))
        lines += [
            "## Byggtid",
            "",
            f"Median av {RUNS} byggen (`mkdocs build`, hela processen). Budget i README: högst {BUILD_BUDGET_S} s "
            f"(mäts, testas inte): {'inom budget' if real <= BUILD_BUDGET_S else 'ÖVER BUDGET'}.",
            "",
            "| Bygge | Median (s) | Alla (s) |",
            "|---|---|---|",
            f"| Webbplatsen (data, scheman, makron) | {seconds(real)} | {', '.join(seconds(t) for t in real_runs)} |",
            f"| Samma sidor i ren Material, makronas utdata redan i sidorna | {seconds(plain)} | {', '.join(seconds(t) for t in plain_runs)} |",
            f"| Kvot (vad datalagret kostar) | {f'{real / plain:.2f}'.replace('.', ',')} | |",
            "",
            "## Tillväxt med mer data",
            "",
            "Syntetisk data i en tillfällig kopia: insatser, tecken, roller (med sina sidor) och planens sidor gånger 10 och 100.",
            "",
            "Tid per post är byggtiden delad med antalet poster (insatser, tecken, roller och sidor). Tid per tillkommen post "
            "räknar bort det fasta (start, tema, sökindex): skillnaden mot ×1 delad med antalet tillkomna poster. "
            "Är den ungefär lika stor vid ×10 och ×100 växer bygget linjärt.",
            "",
            "| Skala | Insatser | Tecken | Roller | Sidor | Byggtid (s) | Tid per post (ms) | Tid per tillkommen post (ms) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        base = None
        for factor in (1, 10, 100):
            project = copy_project(tmp / f"x{factor}")
            counts = scale(project, factor)
            median, _ = build_seconds(project, runs=3 if factor < 100 else 1)
            items = sum(counts.values())
            marginal = "–" if base is None else f"{1000 * (median - base[0]) / (items - base[1]):.1f}".replace(".", ",")
            base = base or (median, items)
            lines.append(f"| ×{factor} | {counts['insatser']} | {counts['tecken']} | {counts['roller']} | {counts['sidor']} | {seconds(median)} | "
                         f"{f'{1000 * median / items:.1f}'.replace('.', ',')} | {marginal} |")
            print(lines[-1], flush=True)

        site = built_site(tmp / "site")
        weights = page_weights(site)
        lines += [
            "",
            "## Sidvikt vid första besöket (gzip)",
            "",
            f"Budget: högst {sidvikt.BUDGET_TOTAL // 1024} KB per sida, egen JavaScript högst {sidvikt.BUDGET_OWN_JS // 1024} KB "
            f"och egen CSS högst {sidvikt.BUDGET_OWN_CSS // 1024} KB.",
            "",
            "| Sida | Totalt (KB) | HTML (KB) | Egen JS (KB) | Egen CSS (KB) | Filer |",
            "|---|---|---|---|---|---|",
        ]
        for w in sorted(weights, key=lambda w: -w.total):
            html = next((size for name, size in w.files.items() if name.endswith(".html")), 0)
            lines.append(f"| `{w.url}` | {kb(w.total)} | {kb(html)} | {kb(w.own_js)} | {kb(w.own_css)} | {len(w.files)} |")

        scores = lighthouse(site)
        lines += ["", "## Lighthouse 12.2.3 (mobilprofil)", ""]
        if isinstance(scores, str):
            lines.append(f"Kördes inte: {scores}.")
        else:
            lines += ["Servern komprimerar med gzip, som intranätets webbserver bör göra.", "",
                      "| Sida | Prestanda | Tillgänglighet | Bästa praxis |", "|---|---|---|---|"]
            lines += [f"| {name} | {s.get('performance')} | {s.get('accessibility')} | {s.get('best-practices')} |" for name, s in scores.items()]

    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
