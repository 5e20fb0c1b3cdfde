"""mkdocs-macros entry point: load the plan's data and register its macros, nothing else."""

from __future__ import annotations

import datetime
import logging
import sys
from pathlib import Path

import jinja2

# Zensical loads this file without its package, so the imports below are
# absolute, with the project root on the path; MkDocs works either way.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from macros import ansvar, arkiv, lagesbild, render, sidinfo, utskrift, versioner, vid_oro  # noqa: E402
from macros.data import DataError, coordinator_contact_missing, validity_end  # noqa: E402

try:
    from mkdocs.exceptions import PluginError
except ImportError:  # Zensical without MkDocs installed
    PluginError = RuntimeError

# Advisory warnings (missing contacts, passed dates) go to their own logger, so
# that `mkdocs build --strict` fails only on broken links and anchors.
log = logging.getLogger("handlingsplan")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("VARNING  -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def define_env(env):
    """Load and check data/ and the archived versions, then register one macro per piece of plan content."""
    root = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    try:
        sets = arkiv.load_sets(root, docs_dir)
    except DataError as error:
        raise PluginError(str(error)) from None

    def rendering() -> str | None:
        """The docs/ path of the page being rendered, or None while the site is set up."""
        try:
            return source_path(env.page)
        except AttributeError:  # MkDocs Macros has no page yet
            return None

    # d reads the data set of the page being rendered (an archived page reads
    # its own frozen data) and notes which data files each page used.
    d = arkiv.PageData(sets, rendering)

    # Abbreviations (BRÅ, HBT) are explained on every page through the abbr
    # extension's glossary, filled from data/begrepp.yaml.
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = render.abbreviations(d["begrepp"]["forkortningar"])

    missing = coordinator_contact_missing(d["kontakter"])
    if missing:
        log.warning("data/kontakter.yaml: samordnaren saknar %s; sidorna visar 'Kontaktuppgifter saknas – fråga din chef'", ", ".join(missing))
    for advice in arkiv.advisories(root, sets[arkiv.CURRENT], datetime.date.today()):
        log.warning("%s", advice)

    # The page template shows when each page's content last changed and which version of the plan it belongs to.
    env.conf["extra"]["kp_sidinfo"] = sidinfo.PageInfo(root, docs_dir, sets, d.used)

    # The emergency line on every page: theme templates cannot call macros, so
    # overrides/main.html reads it from config.extra.
    env.conf["extra"]["kp_nodrad"] = ansvar.nodrad(d["kontakter"]["nodnummer"])

    def page() -> str:
        """The docs/ path of the page being rendered."""
        return source_path(env.page)

    def needs(resource: str) -> None:
        """Ask for a page-specific stylesheet or script (extra.resurser in mkdocs.yml) on the page being rendered."""
        wanted = env.page.meta.setdefault("resurser", [])
        if resource not in wanted:
            wanted.append(resource)

    def render_page(src: str) -> str:
        """Another page's Markdown with its macros rendered here, for the whole plan on one page."""
        # A Jinja environment of our own with the registered macros: Zensical's
        # compatibility layer has no env.env, and this works under both.
        jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        return jinja.from_string(src).render(**{**dict(env.variables), **env.macros})

    def read_page(src: str) -> str:
        """The Markdown source of a page under docs/."""
        return (docs_dir / src).read_text(encoding="utf-8")

    for name, function in macro_table(d, page, needs, read_page, render_page, docs_dir).items():
        env.macro(function, name)


def source_path(page) -> str | None:
    """The docs/ path of a page: page.file.src_uri under MkDocs, page.path under Zensical."""
    if page is None:
        return None
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else getattr(page, "path", None)


def macro_table(d, page, needs=lambda resource: None, read_page=None, render_page=None, docs_dir: Path | None = None) -> dict:
    """Every macro by name. d is the page's data, page() names the page; nothing is read until a macro runs, so the names can be listed without data.

    needs(resource) asks for a page-specific stylesheet or script: a component
    brings its own (see extra.resurser in mkdocs.yml), so other pages stay light.
    read_page and render_page read another page's Markdown and render its macros,
    for the whole plan on one page; docs_dir is where `make pdf` puts the PDFs.
    """
    avsnitt = arkiv.Lazy(lambda: d["avsnitt"]["avsnitt"], render.index)
    nivaer = arkiv.Lazy(lambda: d["insatser"]["nivaer"], render.index)
    tecken_per_niva = arkiv.Lazy(lambda: d["tecken"]["nivaer"], lambda nivaer: {n["niva"]: n["tecken"] for n in nivaer})
    roller = arkiv.Lazy(lambda: d["roller"]["roller"], render.index)
    meningar = arkiv.Lazy(lambda: d["ansvar"]["block"], ansvar.meningar)
    insatser = arkiv.Lazy(lambda: d["insatser"]["nivaer"], lambda nivaer: {row["id"]: (niva, row) for niva in nivaer for row in niva["insatser"]})

    macros = {
        "rubrik": lambda avsnitt_id: render.rubrik(avsnitt[avsnitt_id]),
        "avsnitt_lank": lambda avsnitt_id: render.avsnitt_link(avsnitt[avsnitt_id], page()),
        "innehall": lambda: render.innehall(d["avsnitt"]["avsnitt"], page()),
        "titel": lambda: render.esc(d["plan"]["titel"]),
        "omslag": lambda: render.omslag(d["plan"]),
        "plan_fakta": lambda: render.plan_fakta(d["plan"]),
        "giltighet": lambda: render.giltighet(d["plan"], datetime.date.today(), validity_end(d["plan"]["galler_till"]), avsnitt["6.1"], page()),
        "styrdokument": lambda: render.styrdokument(d["plan"]),
        "begrepp": lambda: render.begrepp(d["begrepp"]["begrepp"]),
        "ansvar": lambda: render.ansvar(d["ansvar"]["block"]),
        "vardera_risken": lambda: render.vardera_risken(d["vardera-risken"]["fragor"]),
        "tecken_kategorier": lambda: render.tecken_kategorier(d["tecken"]["kategorier"]),
        "tecken_niva": lambda niva_id: render.tecken_lista(tecken_per_niva[niva_id]),
        "forbehall": lambda: render.forbehall(d["tecken"]["forbehall"]),
        "handlingsmojligheter": lambda: render.handlingsmojligheter(d["handlingsmojligheter"]["handlingsmojligheter"]),
        "strategipunkter": lambda: render.punktlista(d["strategi"]["punkter"]),
        "pyramid": lambda: render.pyramid(d["insatser"]["nivaer"], avsnitt, page()),
        "insatser_tabell": lambda niva_id: render.insatser_tabell(nivaer[niva_id], avsnitt[nivaer[niva_id]["avsnitt"]]["ankare"]),
        "aktivitetsplan": lambda: render.aktivitetsplan(d["aktivitetsplan"]["ar"]),
        "lagesbild_formular": lambda: lagesbild.formular(d["forms/lagesbild"]),
        "lagesbild_allman_handling": lambda: lagesbild.allman_handling(d["vid-misstanke"]["spara_ingen_information"], avsnitt["bilaga-2"], page()),
        "lagesbild_knappar": lambda: lagesbild.knappar(),
        "vid_misstanke_text": lambda: render.vid_misstanke_text(d["vid-misstanke"]),
        "rattelser": lambda: render.rattelser(d["rattelser"]["rattelser"], avsnitt, page()),
        "aterskapat": lambda: render.aterskapat(d["rattelser"]["aterskapat"], avsnitt, page()),
        "samordnare_kontakt": lambda: render.kontakt(d["kontakter"]["samordnare"], "Kommunens samordnare"),
        "nodnummer": lambda: render.nodnummer(d["kontakter"]["nodnummer"]),
        # The guide "Jag är orolig …" from Bilaga 2 (macros/vid_oro.py).
        "vid_oro_rubrik": lambda: vid_oro.rubrik(d["vid-misstanke"]),
        "vid_oro": lambda: vid_oro.vid_oro(d["vid-misstanke"], d["kontakter"]["nodnummer"], d["tecken"]["forbehall"], avsnitt,
                                           render.kontakt(d["kontakter"]["samordnare"], "Kommunens samordnare"), page()),
        "vid_oro_lank": lambda: vid_oro.lank(d["vid-misstanke"], page()),
        "tillganglighetsredogorelse": lambda: render.tillganglighetsredogorelse(
            d["tillganglighet"], render.kontakt(d["kontakter"]["webbplatsansvarig"], "Webbplatsansvarig")),
        # Guidance by role (macros/ansvar.py).
        "eskalering": lambda: ansvar.eskalering(d["eskalering"], roller, meningar, d["vid-misstanke"]["konkreta_hot"],
                                                render.nodnummer(d["kontakter"]["nodnummer"]), avsnitt, page()),
        "mitt_ansvar": lambda roll_id: ansvar.mitt_ansvar(roll_id, roller, d["ansvar"]["block"], d["insatser"]["nivaer"], avsnitt, page()),
        "mitt_ansvar_index": lambda: ansvar.mitt_ansvar_index(roller, d["ansvar"]["block"], d["insatser"]["nivaer"], page()),
        "ansvar_citat": lambda mening_id: ansvar.ansvar_citat(meningar[mening_id], avsnitt["2"], page()),
        "citat": lambda text, avsnitt_id: ansvar.citat(text, render.avsnitt_link(avsnitt[avsnitt_id], page())),
        "tecken_vagledning": lambda: ansvar.tecken_vagledning(d["tecken"]["forbehall"], d["eskalering"]["vid_tecken"], avsnitt, page()),
        "reflektion": lambda: ansvar.reflektion(d["vardera-risken"]["fragor"]),
        "niva_beskrivning": lambda niva_id: ansvar.niva_beskrivning(nivaer[niva_id]),
        "nivaer_jamfor": lambda: ansvar.nivaer_jamfor(d["insatser"]["nivaer"], tecken_per_niva, avsnitt, page()),
        "insatser_rader": lambda *ids: ansvar.insatser_rader([insatser[i] for i in ids], avsnitt, page()),
        "avstamning_ruta": lambda insats_id: ansvar.avstamning_ruta(insatser[insats_id][1]),
        # Versions of the plan (macros/versioner.py).
        "versionshistorik": lambda: versioner.versionshistorik(d["plan"]["versioner"], d.archived_versions(), page()),
        "vad_har_andrats": lambda: versioner.vad_har_andrats(d.previous(), d, page()),
        # The whole plan on one page for printing (macros/utskrift.py).
        "hela_planen": lambda: utskrift.hela_planen(utskrift.plan_pages(d["avsnitt"]["avsnitt"]), read_page, render_page),
        # The PDFs are made from the current plan, so an archived page links to none.
        "pdf_lank": lambda namn, text: utskrift.pdf_lank(
            namn, text, (docs_dir / utskrift.PDF_DIR / namn).is_file() and not page().startswith(f"{arkiv.ARKIV_DIR}/"), page()),
    }
    for resource, names in RESOURCES.items():
        for name in names:
            macros[name] = _asking_for(resource, macros[name], needs)
    return macros


# The page-specific stylesheets and scripts (extra.resurser in mkdocs.yml) that a
# macro's output needs; a page that uses the macro loads them, other pages do not.
RESOURCES = {
    "ansvar": ["eskalering", "mitt_ansvar", "ansvar_citat", "citat", "tecken_vagledning", "reflektion", "nivaer_jamfor", "insatser_rader", "avstamning_ruta"],
    "lagesbild": ["lagesbild_formular"],
    "vid_oro": ["vid_oro"],
}


def _asking_for(resource: str, function, needs):
    """The macro, first asking for the resource its output needs."""
    def macro(*args, **kwargs):
        needs(resource)
        return function(*args, **kwargs)
    return macro
