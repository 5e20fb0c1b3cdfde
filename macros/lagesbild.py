"""Bilaga 1 Lägesbild as a fillable, printable form: pure renderers from data/forms/lagesbild.yaml."""

from __future__ import annotations

import html
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import render

# The visible mark on everything the site adds to the plan's own text.
TILLAGG = "Tillägg – inte en del av den beslutade planen"

# Lines to write on, per kind of text box, sized so that the blank form prints on two A4 pages.
RADER = {"fritext": 5, "flerval": 3, "foljdfraga": 3}


def inline(text: str) -> Markup:
    """Escape a data value for HTML and keep its *kursiv* and **fet** as em and strong."""
    value = html.escape(str(text), quote=True)
    value = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", value)
    value = re.sub(r"\*(\S(?:.*?\S)?)\*", r"<em>\1</em>", value)
    return Markup(value)


_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_ENV.filters["inline"] = inline


def fragor(form: dict) -> list[dict]:
    """Each question with what the template needs: its answer kind, options, and the condition that shows it."""
    out = []
    gate: dict | None = None
    for question in form["fragor"]:
        kind = question["svar"]
        typ = "checkbox" if kind == "flerval" else "radio"
        options = question.get("alternativ") or [{"text": text} for text in form["svarstyper"].get(kind, [])]
        out.append({
            "markering": None, "villkor": None, "foljdfraga": None, "fritext": False, "fritext_etikett": None,
            **question,
            "svarstyp": "fritext" if kind == "fritext" else ("flerval" if kind == "flerval" else "val"),
            "typ": typ,
            "alternativ": [{"fritext": False, **alt, "id": f"kp-lb-{question['id']}-{i}"} for i, alt in enumerate(options, start=1)],
            "forklaringar": question.get("forklaringar", []),
            "visas_om": gate["id"] if gate else None,
            "visas_vid": gate["villkor"]["fortsatt_vid"] if gate else None,
            "rader": RADER,
        })
        if question.get("villkor") and gate is None:
            gate = question
    return out


def rapportuppgifter(form: dict) -> dict:
    """The report fields at the top of the form (an addition to the plan), each with its help text or None."""
    uppgifter = form["rapportuppgifter"]
    return {**uppgifter, "falt": [{"hjalptext": None, **falt} for falt in uppgifter["falt"]]}


def formular(form: dict) -> str:
    """The whole annex as one HTML form: report fields, questions, choices, text boxes and conditions."""
    output = _ENV.get_template("lagesbild.html").render(rapport=rapportuppgifter(form), fragor=fragor(form), tillagg=TILLAGG)
    # A raw HTML block in Markdown ends at a blank line; the form has none.
    return "\n".join(line for line in output.splitlines() if line.strip())


def forsta_meningen(text: str) -> str:
    """The first sentence of a text, up to and including its full stop."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return match.group(1) if match else text.strip()


def allman_handling(spara_ingen_information: str, bilaga_2: dict, from_page: str) -> str:
    """The notice by the print button: a report sent to the coordinator is a public record, and nothing is to be kept."""
    quote = render.esc(forsta_meningen(spara_ingen_information))
    return (
        f'!!! info "Vägledning – inte en del av den beslutade planen"\n\n'
        "    När ni har skickat lägesbilden till samordnaren blir den en *allmän handling* hos kommunen. "
        f"Då gäller planens uppmaning i {render.avsnitt_link(bilaga_2, from_page)}: *{quote}* "
        "Spara inga kopior av lägesbilden, varken utskrivna eller som PDF-fil, när den är skickad. "
        "Formuläret på den här sidan sparar och skickar ingenting."
    )


def knappar() -> str:
    """The print and clear buttons; they need JavaScript, so they are hidden until the script shows them."""
    return (
        '<div class="kp-lagesbild-knappar" data-kp-bara-js>\n'
        '<button type="button" class="md-button md-button--primary" data-kp-skriv-ut hidden>Skriv ut / spara som PDF</button>\n'
        '<button type="button" class="md-button" data-kp-rensa hidden>Rensa formuläret</button>\n'
        '<p class="kp-lagesbild-knappar__status" aria-live="polite" data-kp-lagesbild-status></p>\n'
        "</div>"
    )
