"""Pure renderers for the guide "Jag är orolig …": Bilaga 2's steps as questions and a checklist that stores nothing."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import render

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=False)
_TEMPLATES.filters["md"] = lambda value: Markup(render.esc(value))
_GUIDE = _TEMPLATES.get_template("vid-oro.html")

SIDA = "vagledning/vid-oro.md"


def rubrik(vm: dict) -> str:
    """The guide's title, from its guidance data."""
    return render.esc(vm["vagledning"]["rubrik"])


def uppraknad(items: list[str]) -> str:
    """Join items the Swedish way: "1", "1 och 2", "1, 2 och 3"."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def ring_akut(akut: dict) -> str:
    """The emergency line composed from data: "Ring 112 vid akut fara."."""
    text = akut["text"][:1].lower() + akut["text"][1:]
    return f'Ring <a href="tel:{render.attr(akut["nummer"].replace(" ", ""))}">{render.esc(akut["nummer"])}</a> {render.esc(text)}.'


def ring_polis(polis: dict) -> str:
    """The police's non-urgent number as a line: "Polisen, ej akut: ring 114 14."."""
    return f'{render.esc(polis["text"])}: ring <a href="tel:{render.attr(polis["nummer"].replace(" ", ""))}">{render.esc(polis["nummer"])}</a>.'


def steg_for_svar(vm: dict) -> dict[str, list[dict]]:
    """For each answer to "Vad har du sett eller hört?", the plan's steps it shows, the always-step first."""
    steg = render.index(vm["steg"])
    alltid = vm["vagledning"]["alltid"]
    return {alt["id"]: [steg[alltid]] + [steg[s] for s in alt["steg"] if s != alltid] for alt in vm["vagledning"]["vad"]["alternativ"]}


def vid_oro(vm: dict, nodnummer: dict, forbehall: dict, avsnitt: dict, kontakt_kort: str, from_page: str = SIDA) -> str:
    """The whole guide: the two questions, the plan's steps as a checklist, the contact card and the buttons."""
    g = vm["vagledning"]
    per_svar = steg_for_svar(vm)
    visas_vid: dict[str, list[str]] = {}
    for svar, steps in per_svar.items():
        for step in steps[1:]:
            visas_vid.setdefault(step["id"], []).append(f"vad={svar}")
    steg = [{**step, "visas_vid": visas_vid.get(step["id"], [])} for step in vm["steg"]]

    alternativ = []
    for alt in g["vad"]["alternativ"]:
        controls = [f"kp-vid-oro-steg-{s['id']}" for s in per_svar[alt["id"]]]
        if alt.get("avsnitt"):
            controls.append(f"kp-vid-oro-hanvisning-{alt['id']}")
        status = g["vad"]["status"].replace("{steg}", uppraknad([s["nummer"] for s in per_svar[alt["id"]]]))
        alternativ.append({**alt, "controls": controls, "status": status})

    hanvisningar = [{"id": alt["id"], "text": alt["text"], "lank": Markup(render.avsnitt_link(avsnitt[alt["avsnitt"]], from_page))} for alt in g["vad"]["alternativ"] if alt.get("avsnitt")]
    bilaga = avsnitt["bilaga-2"]
    bilaga_lank = f"[{render.esc(bilaga['rubrik'])} {render.esc(bilaga['underrubrik'])}]({render.avsnitt_href(bilaga, from_page)})"

    admonition = "\n\n".join(f"    {render.esc_block(g[key])}" for key in ("ingress", "sparas_inte", "papper"))
    guide = _GUIDE.render(
        g=g,
        fraga=vm["fraga"],
        obs=vm["spara_ingen_information"],
        hot=vm["konkreta_hot"],
        steg=steg,
        alltid=g["alltid"],
        alternativ=alternativ,
        hanvisningar=hanvisningar,
        ring_akut=Markup(ring_akut(nodnummer["akut"])),
        ring_polis=Markup(ring_polis(nodnummer["polis"])),
        kontakt_kort=Markup(kontakt_kort),
        bilaga_lank=Markup(bilaga_lank),
        forbehall=forbehall["text"],
        forbehall_lank=Markup(render.avsnitt_link(avsnitt[forbehall["avsnitt"]], from_page)),
    )
    return f'!!! info "{render.esc(g["markering"])}"\n\n{admonition}\n\n{guide}'


def lank(vm: dict, from_page: str) -> str:
    """A guidance box linking to the guide, for the plan's Bilaga 2 page."""
    g = vm["vagledning"]
    return (
        f'!!! tip "{render.esc(g["markering"])}"\n\n'
        f"    [{render.esc(g['rubrik'])}]({render.relative(SIDA, from_page)}): {render.esc(g['lank'])}"
    )
