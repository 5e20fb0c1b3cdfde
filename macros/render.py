"""Pure renderers: plan data in, Markdown (or HTML inside Markdown) out. No I/O."""

from __future__ import annotations

import datetime
import html
import posixpath
import re

# --- Escaping and links -----------------------------------------------------

_MARKDOWN_SPECIALS = str.maketrans({"[": r"\[", "]": r"\]", "`": r"\`", "\\": "\\\\"})


def esc(text: str) -> str:
    """Escape HTML and Markdown links/code in a data value; keep *emphasis*."""
    return html.escape(str(text), quote=False).translate(_MARKDOWN_SPECIALS)


def esc_block(text: str) -> str:
    """Escape a value that starts a line, so it cannot become a list or heading."""
    value = esc(text)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)", lambda m: m.group(1) + "\\" + m.group(2), value)


def esc_cell(text: str) -> str:
    """Escape a value for a Markdown table cell."""
    return esc(text).replace("|", r"\|")


def attr(text: str) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(str(text), quote=True)


def relative(target: str, from_page: str) -> str:
    """A link from one docs/ Markdown file to another, as mkdocs expects it."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def index(items: list[dict], key: str = "id") -> dict:
    """Map items by their id."""
    return {item[key]: item for item in items}


def avsnitt_href(avsnitt: dict, from_page: str) -> str:
    """The Markdown link target of a plan section, with its anchor."""
    href = relative(avsnitt["sida"], from_page)
    return f"{href}#{avsnitt['ankare']}" if avsnitt.get("ankare") else href


def avsnitt_link(avsnitt: dict, from_page: str) -> str:
    """A Markdown link to a plan section, named by its heading."""
    return f"[{esc(avsnitt['rubrik'])}]({avsnitt_href(avsnitt, from_page)})"


def rubrik(avsnitt: dict) -> str:
    """A section's heading: level 1 for a page, level 2 with its anchor inside one."""
    text = esc(avsnitt["rubrik"])
    if avsnitt.get("underrubrik"):
        text += f' <span class="kp-underrubrik">{esc(avsnitt["underrubrik"])}</span>'
    if avsnitt.get("ankare"):
        return f"## {text} {{ #{avsnitt['ankare']} }}"
    return f"# {text}"


# --- The decision -----------------------------------------------------------


def omslag(plan: dict) -> str:
    """The cover's three lines: municipality, cover heading and title."""
    return (
        '<div class="kp-omslag" markdown>\n\n'
        f'<p class="kp-omslag__kommun">{esc(plan["kommun"])}</p>\n\n'
        f'<p class="kp-omslag__rubrik">{esc(plan["omslagsrubrik"])}</p>\n\n'
        f'<p class="kp-omslag__titel">{esc(plan["titel"])}.</p>\n\n'
        "</div>"
    )


def plan_fakta(plan: dict) -> str:
    """The decision facts as a definition list."""
    rows = [
        ("Beslutande", plan["beslutande"]),
        ("Datum och paragraf", f'{plan["datum"]}, {plan["paragraf"]}'),
        ("Dokumentansvarig", plan["dokumentansvarig"]),
        ("Gäller till", plan["galler_till"]),
    ]
    body = "\n\n".join(f"{esc(term)}\n:   {esc(value)}" for term, value in rows)
    return f'<div class="kp-beslut" markdown>\n\n{body}\n\n</div>'


def giltighet(plan: dict, today: datetime.date, end: datetime.date, revidering: dict, from_page: str) -> str:
    """A factual notice when the plan's stated validity has passed; empty otherwise."""
    if today <= end:
        return ""
    return (
        '!!! warning "Planens giltighetstid har gått ut"\n\n'
        f'    Planen anger att den gäller till {esc(plan["galler_till"])}. Den tiden har passerat. '
        f"Enligt avsnitt {avsnitt_link(revidering, from_page)} ska handlingsplanen ses över varje mandatperiod. "
        f'Det här är planen som {esc(plan["beslutande"])} beslutade {esc(plan["datum"])}, {esc(plan["paragraf"])}. '
        f'Fråga dokumentansvarig ({esc(plan["dokumentansvarig"].lower())}) om det finns en nyare version.'
    )


def styrdokument(plan: dict) -> str:
    """The cover's figure: the kinds of governing documents, and who decides."""
    styr = plan["styrdokument"]

    def items(values, current, label):
        out = []
        for value in values:
            if value == current:
                out.append(f'<li class="kp-styr__aktuell"><strong>{esc(value)}</strong> <span class="kp-styr__markering">({label})</span></li>')
            else:
                out.append(f"<li>{esc(value)}</li>")
        return "\n".join(out)

    return (
        '<figure class="kp-styr" aria-labelledby="kp-styr-rubrik">\n'
        '<figcaption id="kp-styr-rubrik">Kommunens styrdokument, från omslaget: '
        f'planen är en <strong>{esc(styr["dokumenttyp"].lower())}</strong> som '
        f'<strong>{esc(plan["beslutande"].lower())}</strong> har beslutat.</figcaption>\n'
        '<div class="kp-styr__delar">\n'
        '<div><p class="kp-styr__rubrik" id="kp-styr-typer">Dokumenttyper</p>\n'
        f'<ol class="kp-styr__typer" aria-labelledby="kp-styr-typer">\n{items(styr["dokumenttyper"], styr["dokumenttyp"], "den här planen")}\n</ol></div>\n'
        '<div><p class="kp-styr__rubrik" id="kp-styr-organ">Beslutas av</p>\n'
        f'<ul class="kp-styr__organ" aria-labelledby="kp-styr-organ">\n{items(styr["beslutsorgan"], plan["beslutande"], "beslutade planen")}\n</ul></div>\n'
        "</div>\n</figure>"
    )


def innehall(avsnitt: list[dict], from_page: str) -> str:
    """The plan's table of contents as nested links."""
    lines = []
    for item in avsnitt:
        depth = item["id"].count(".") if item["id"][0].isdigit() else 0
        title = item["rubrik"] + (f" {item['underrubrik']}" if item.get("underrubrik") else "")
        lines.append(f"{'    ' * depth}- [{esc(title)}]({avsnitt_href(item, from_page)})")
    return "\n".join(lines)


# --- Plan text from data ----------------------------------------------------


def begrepp(items: list[dict]) -> str:
    """The definitions, each term a heading followed by its definition."""
    return "\n\n".join(f"## {esc(item['term'])} {{ #{item['id']} }}\n\n{esc_block(item['definition'])}" for item in items)


def abbreviations(forkortningar: list[dict]) -> dict[str, str]:
    """The glossary for the abbr extension: abbreviation -> explanation."""
    return {item["forkortning"]: item["betydelse"] for item in forkortningar}


def ansvar(block: list[dict]) -> str:
    """Section 2 from its sentences: paragraphs and the coordinator's list."""
    out = []
    for part in block:
        sentences = [esc(m["text"]) for m in part["meningar"]]
        if part.get("inledning"):
            out.append(esc_block(part["inledning"]))
        if part["typ"] == "lista":
            out.append("\n".join(f"- {s}" for s in sentences))
        else:
            out.append(esc_block(" ".join(sentences)))
    return "\n\n".join(out)


def vardera_risken(fragor: list[dict]) -> str:
    """The five questions of 3.2, each with its explanation."""
    out = []
    for item in fragor:
        text = f"**{esc(item['fraga'])}**"
        if item.get("forklaring"):
            text += f" {esc(item['forklaring'])}"
        out.append(f"- {text}")
    return '<div class="kp-fragor" markdown>\n\n' + "\n".join(out) + "\n\n</div>"


def tecken_kategorier(kategorier: list[dict]) -> str:
    """The four categories of signs in 3.4."""
    out = []
    for kategori in kategorier:
        items = "\n".join(f"- {esc(t)}" for t in kategori["tecken"])
        out.append(f"### {esc(kategori['rubrik'])} {{ #tecken-{kategori['id']} }}\n\n{items}")
    return "\n\n".join(out)


def tecken_lista(tecken: list[str]) -> str:
    """A list of signs."""
    return "\n".join(f"- {esc(t)}" for t in tecken)


def forbehall(forbehall_: dict) -> str:
    """The plan's caution about signs, as a paragraph."""
    return esc_block(forbehall_["text"])


def handlingsmojligheter(items: list[dict]) -> str:
    """The options for action in 3.5."""
    return "\n".join(f"- **{esc(item['namn'])}:** {esc(item['text'])}" for item in items)


def punktlista(punkter: list[str]) -> str:
    """A plain bulleted list."""
    return "\n".join(f"- {esc(p)}" for p in punkter)


def niva_namn(avsnitt: dict) -> str:
    """A level's name: its section heading without the number."""
    return re.sub(r"^[0-9.]+\s+", "", avsnitt["rubrik"])


def pyramid(nivaer: list[dict], avsnitt: dict, from_page: str) -> str:
    """The section 4 pyramid, top first, as a figure with links to each level."""
    items = []
    for number, niva in enumerate(reversed(nivaer), start=1):
        section = avsnitt[niva["avsnitt"]]
        items.append(
            f'<li class="kp-pyramid__niva kp-pyramid__niva--{number}" markdown>'
            f'<span class="kp-pyramid__del">{esc(niva["pyramiddel"])}</span> '
            f"[{esc(section['rubrik'])}]({avsnitt_href(section, from_page)})</li>"
        )
    return (
        '<figure class="kp-pyramid" markdown>\n'
        '<figcaption>Insatsnivåerna som en pyramid, från toppen till basen (figuren i avsnitt 4, återskapad).</figcaption>\n'
        '<ol class="kp-pyramid__nivaer" markdown>\n' + "\n".join(items) + "\n</ol>\n</figure>"
    )


INSATS_KOLUMNER = [("vad", "Vad"), ("vem", "Vem"), ("hur", "Hur"), ("nar", "När"), ("avstamning", "Avstämning")]


def insatser_tabell(niva: dict, rubrik_id: str) -> str:
    """One level's table of measures, with the plan's five columns; named by its section heading."""
    head = "\n".join(f'<th scope="col">{label}</th>' for _, label in INSATS_KOLUMNER)
    rows = []
    for row in niva["insatser"]:
        first_key, first_label = INSATS_KOLUMNER[0]
        cells = [f'<th scope="row" data-label="{first_label}" markdown="span">{esc(row[first_key])}</th>']
        cells += [f'<td data-label="{label}" markdown="span">{esc(row[key])}</td>' for key, label in INSATS_KOLUMNER[1:]]
        rows.append(f'<tr id="insats-{attr(row["id"])}" markdown="1">\n' + "\n".join(cells) + "\n</tr>")
    return (
        f'<table class="kp-insatser" data-niva="{attr(niva["id"])}" aria-labelledby="{attr(rubrik_id)}" markdown="1">\n'
        f'<thead markdown="1">\n<tr markdown="1">\n{head}\n</tr>\n</thead>\n'
        '<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody>\n</table>"
    )


AKTIVITETSSTATUS_NOT = (
    '!!! note "Uppföljning – inte en del av den beslutade planen"\n\n'
    "    Statusen vid varje aktivitet visar vad uppföljningen har rapporterat. Den är inte en del av planens text. "
    "*Inte rapporterad* betyder att ingen status har förts in, inte att aktiviteten blev av eller inte."
)


def aktivitetsstatus(aktivitet: dict) -> str:
    """An activity's reported status and its date, or that no status is reported; never a guess."""
    if aktivitet.get("status"):
        return f'<span class="kp-status">Status: {esc(aktivitet["status"])} {esc(aktivitet["statusdatum"])}</span>'
    return '<span class="kp-status kp-status--saknas">Status: inte rapporterad</span>'


def aktivitetsplan(years: list[dict]) -> str:
    """The activity plan, one heading per year, each activity with its follow-up status."""
    out = [AKTIVITETSSTATUS_NOT]
    for year in years:
        items = "\n".join(f"- {esc(a['text'])} {aktivitetsstatus(a)}" for a in year["aktiviteter"])
        out.append(f"## {year['ar']} {{ #ar-{year['ar']} }}\n\n{items}")
    return "\n\n".join(out)


# --- The annexes ------------------------------------------------------------


def vid_misstanke_text(vm: dict) -> str:
    """Annex 2 as the plan prints it: the numbered steps and concrete threats."""
    obs = f"**Obs!** {esc(vm['spara_ingen_information'])}"
    out = [f"**{esc(vm['fraga'])}**"]
    for step in vm["steg"]:
        lines = [f"{step['nummer']}. {esc(step['text'])}"]
        letters = [f"    {d['bokstav']}) {esc(d['text'])}" for d in step.get("delsteg", [])]
        if step.get("spara_ingen_information") == "punkt-c":
            letters.append(f"    c) {obs}")
        if letters:
            lines.append("\n" + "\n\n".join(letters))
        if step.get("spara_ingen_information") == "efter":
            lines.append(f"\n    {obs}")
        out.append("\n".join(lines))
    hot = vm["konkreta_hot"]
    out.append(f"## {esc(hot['rubrik'])} {{ #konkreta-hot }}\n\n{esc_block(hot['text'])}")
    return "\n\n".join(out)


def rattelser(items: list[dict], avsnitt: dict, from_page: str) -> str:
    """The errata table: where, what the decided text says, what this site shows."""
    rows = [
        f"| {avsnitt_link(avsnitt[r['avsnitt']], from_page)} | {esc_cell(r['original'])} | {esc_cell(r['rattat'])} | {esc_cell(r['typ'])} |"
        for r in items
    ]
    return "\n".join(["| Avsnitt | I den beslutade planen | På webbplatsen | Typ av fel |", "|---|---|---|---|", *rows])


def aterskapat(items: list[dict], avsnitt: dict, from_page: str) -> str:
    """What the PDF conversion lost and this site restores."""
    out = []
    for item in items:
        where = f"{avsnitt_link(avsnitt[item['avsnitt']], from_page)}: " if item.get("avsnitt") else ""
        out.append(f"- {where}{esc(item['beskrivning'])}")
    return "\n".join(out)


# --- Contacts and the site's own pages ---------------------------------------

KONTAKT_SAKNAS = "Kontaktuppgifter saknas – fråga din chef."


def kontakt(person: dict, rubrik: str) -> str:
    """A contact card from data; says plainly when the details are missing, never invents them."""
    fields = [("Namn", person.get("namn")), ("Titel", person.get("titel")), ("Telefon", person.get("telefon")), ("E-post", person.get("epost"))]
    filled = [(label, value.strip()) for label, value in fields if value and value.strip()]
    out = [f'<div class="kp-kontakt" markdown>\n\n<p class="kp-kontakt__rubrik"><strong>{esc(rubrik)}</strong></p>\n']
    reachable = any(label in ("Telefon", "E-post") for label, _ in filled)
    if filled:
        out.append("\n\n".join(f"{label}\n:   {_contact_value(label, value)}" for label, value in filled))
    if not reachable:
        out.append(f'<p class="kp-kontakt__saknas">{KONTAKT_SAKNAS}</p>')
    out.append("\n</div>")
    return "\n\n".join(out)


def _contact_value(label: str, value: str) -> str:
    """A phone number or e-mail address as a link the reader can use; other values as text."""
    if label == "Telefon":
        digits = re.sub(r"[^0-9+]", "", value)
        return f'<a href="tel:{attr(digits)}">{esc(value)}</a>'
    if label == "E-post":
        return f'<a href="mailto:{attr(value)}">{esc(value)}</a>'
    return esc(value)


def nodnummer(nummer: dict) -> str:
    """The emergency line: 112 for acute danger, 114 14 for the police when not urgent."""
    parts = [f'{esc(item["text"])}: ring <a href="tel:{attr(item["nummer"].replace(" ", ""))}">{esc(item["nummer"])}</a>' for item in (nummer["akut"], nummer["polis"])]
    return ". ".join(parts) + "."


FORENLIGHET = {
    "helt": "helt förenlig",
    "delvis": "delvis förenlig",
    "inte": "inte förenlig",
}


def tillganglighetsredogorelse(t: dict, kontakt_kort: str) -> str:
    """The accessibility statement with the parts Digg requires."""
    brister = "\n".join(f"- {esc(b['beskrivning'])} {esc(b['skal'])}" for b in t["brister"]) or "Vi känner inte till några brister."
    return "\n\n".join([
        f"{esc(t['organisation'])} står bakom {esc(t['tjanst'])}. Vi vill att alla ska kunna använda webbplatsen. "
        "Här beskriver vi hur den uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.",
        "## Hur tillgänglig är webbplatsen? { #forenlighet }",
        f"Webbplatsen är **{FORENLIGHET[t['forenlighet']]}** med lagen om tillgänglighet till digital offentlig service, på grund av bristerna nedan.",
        "## Innehåll som inte är tillgängligt { #brister }",
        brister,
        "## Hur vi testat webbplatsen { #metod }",
        esc_block(t["metod"]),
        f"Bedömningen gjordes {esc(t['bedomningsdatum'])}. Redogörelsen uppdaterades senast {esc(t['senast_uppdaterad'])}.",
        "## Rapportera brister i tillgängligheten { #rapportera }",
        "Om du upptäcker problem som inte beskrivs här, eller om du behöver innehåll i ett annat format, kontakta oss:",
        kontakt_kort,
        "## Tillsyn { #tillsyn }",
        "Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen över lagen om tillgänglighet till digital offentlig service. "
        f"Om du inte är nöjd med hur vi hanterar dina synpunkter kan du [göra en anmälan till Digg]({t['digg_anmalan']}).",
    ])
