"""Pure renderers for guidance by role: the escalation chain, the Mitt ansvar pages and the manager's guide. No I/O."""

from __future__ import annotations

import html

from .render import INSATS_KOLUMNER, attr, avsnitt_href, avsnitt_link, esc, esc_block, esc_cell, relative

ROLE_PAGES = "mitt-ansvar"
VAGLEDNING = "Vägledning – inte en del av den beslutade planen"
CHEFENS_STOD = "vagledning/chefens-stod.md"


# --- Roles, sentences and measures ------------------------------------------


def roll_sida(roll_id: str) -> str:
    """The docs/ path of a role's page under Mitt ansvar."""
    return f"{ROLE_PAGES}/{roll_id}.md"


def roll_lank(roll: dict, from_page: str, text: str | None = None) -> str:
    """A Markdown link to a role's page, named by the role (or by text)."""
    return f"[{esc(text or roll['namn'])}]({relative(roll_sida(roll['id']), from_page)})"


def meningar(block: list[dict]) -> dict[str, dict]:
    """The sentences of section 2 that have an id, by id."""
    return {m["id"]: m for part in block for m in part["meningar"] if m.get("id")}


def overordnade(roll_id: str, roller: dict) -> list[str]:
    """The roles a role is part of through ingar_i, nearest first, each once."""
    out: list[str] = []
    queue = list(roller[roll_id].get("ingar_i", []))
    while queue:
        parent = queue.pop(0)
        if parent not in out and parent != roll_id:
            out.append(parent)
            queue += roller[parent].get("ingar_i", [])
    return out


def underordnade(roll_id: str, roller: dict) -> list[str]:
    """The roles that name this role directly in ingar_i, in data order."""
    return [r for r, roll in roller.items() if roll_id in roll.get("ingar_i", [])]


def roll_meningar(block: list[dict], roll_id: str) -> list[tuple[dict, list[dict]]]:
    """Section 2's parts with only the sentences tagged with the role; parts without any are left out."""
    return [(part, tagged) for part in block if (tagged := [m for m in part["meningar"] if roll_id in m["roller"]])]


def roll_insatser(nivaer: list[dict], roll_id: str, utom: set[str] = frozenset()) -> list[tuple[dict, list[dict]]]:
    """Each level with the measures tagged with the role (except ids in utom); levels without any are left out."""
    return [(niva, rows) for niva in nivaer if (rows := [i for i in niva["insatser"] if roll_id in i["roller"] and i["id"] not in utom])]


def insatser_per_roll(roll_id: str, roller: dict, nivaer: list[dict]) -> dict[str, list[dict]]:
    """The role's measures: its own under its id, then those of each role it is part of, each measure once."""
    seen: set[str] = set()
    out: dict[str, list[dict]] = {}
    for source in [roll_id, *overordnade(roll_id, roller)]:
        rows = [row for _, level_rows in roll_insatser(nivaer, source, seen) for row in level_rows]
        seen |= {row["id"] for row in rows}
        out[source] = rows
    return out


# --- Quotes and guidance ----------------------------------------------------


def citat(markdown: str, kalla: str) -> str:
    """A quote from the plan as a figure: the plan's text in a blockquote, its section in the caption.

    Quotes are left out of the search index (data-search-exclude): search finds
    the plan's words on the plan's own pages, once.
    """
    return (
        '<figure class="kp-citat" data-search-exclude markdown>\n<blockquote markdown>\n\n' + markdown + "\n\n</blockquote>\n"
        f'<figcaption markdown="span">Ur planen: {kalla}</figcaption>\n</figure>'
    )


def ansvar_text(parts: list[tuple[dict, list[dict]]]) -> str:
    """Sentences of section 2 as the plan sets them: paragraphs, and lists after their lead-in."""
    out = []
    for part, sentences in parts:
        texts = [esc(m["text"]) for m in sentences]
        if part["typ"] == "lista":
            if part.get("inledning"):
                out.append(esc_block(part["inledning"]))
            out.append("\n".join(f"- {t}" for t in texts))
        else:
            out.append(esc_block(" ".join(texts)))
    return "\n\n".join(out)


def ansvar_citat(mening: dict, avsnitt2: dict, from_page: str) -> str:
    """One sentence of section 2 as a quote."""
    return citat(esc_block(mening["text"]), avsnitt_link(avsnitt2, from_page))


def vagledning(text: str) -> str:
    """A one-paragraph admonition that marks what follows as guidance, not plan text."""
    return f'!!! info "{VAGLEDNING}"\n\n    {text}'


def tecken_vagledning(forbehall: dict, vid_tecken: str, avsnitt: dict, from_page: str) -> str:
    """What follows every list of signs: the plan's caution, then the guidance to talk to one's manager and the coordinator."""
    return (
        f'<div class="admonition info kp-forbehall" markdown>\n<p class="admonition-title">{VAGLEDNING}</p>\n\n'
        "Tecknen är exempel som planen ger. Planen säger själv:\n\n"
        + citat(esc_block(forbehall["text"]), avsnitt_link(avsnitt[forbehall["avsnitt"]], from_page))
        + f'\n\n<p class="kp-vid-tecken" markdown="span"><strong>{esc(vid_tecken)}</strong></p>\n\n</div>'
    )


# --- The escalation chain ---------------------------------------------------


def _led(led: dict, roller: dict, meningar_: dict, from_page: str, skip: set[str]) -> str:
    """One link of the chain: the role as a link to its page, then the sentences it rests on as quotes."""
    roll = roller[led["roll"]]
    out = [f'<p class="kp-eskalering__roll" markdown="span">{roll_lank(roll, from_page, led.get("rubrik"))}</p>']
    for mening_id in led["meningar"]:
        if mening_id not in skip:
            out.append(f'<blockquote class="kp-eskalering__citat" markdown>\n\n{esc_block(meningar_[mening_id]["text"])}\n\n</blockquote>')
    return "\n".join(out)


def eskalering(esk: dict, roller: dict, meningar_: dict, konkreta_hot: dict, nodnummer_text: str, avsnitt: dict, from_page: str) -> str:
    """The escalation chain of section 2 as an ordered flow, with BRÅ and the police beside it."""
    steps = []
    previous: set[str] = set()
    for led in esk["steg"]:
        steps.append(f'<li class="kp-eskalering__steg" data-roll="{attr(led["roll"])}" markdown>\n{_led(led, roller, meningar_, from_page, previous)}\n</li>')
        previous = set(led["meningar"])
    beside = []
    for led in esk["vid_sidan"]:
        body = _led(led, roller, meningar_, from_page, set())
        if led.get("visa_konkreta_hot"):
            body += (
                f'\n<p class="kp-eskalering__kalla" markdown="span">Ur {avsnitt_link(avsnitt["bilaga-2"], from_page)}:</p>\n'
                f'<blockquote class="kp-eskalering__citat" markdown>\n\n**{esc(konkreta_hot["rubrik"])}:** {esc(konkreta_hot["text"])}\n\n</blockquote>\n'
                f'<p class="kp-eskalering__nod" markdown="span">{nodnummer_text}</p>'
            )
        beside.append(f'<li class="kp-eskalering__bredvid" data-roll="{attr(led["roll"])}" markdown>\n{body}\n</li>')
    return (
        '<figure class="kp-eskalering" id="ansvarskedjan" data-search-exclude markdown>\n'
        '<figcaption markdown="span"><strong>Ansvarskedjan vid oro.</strong> '
        f"Vägledning byggd på avsnitt {avsnitt_link(avsnitt['2'], from_page)}, inte en del av den beslutade planen. "
        "Citaten är planens text.</figcaption>\n"
        '<ol class="kp-eskalering__kedja" markdown>\n' + "\n".join(steps) + "\n</ol>\n"
        '<p class="kp-eskalering__rubrik">Vid sidan av kedjan</p>\n'
        '<ul class="kp-eskalering__sidan" markdown>\n' + "\n".join(beside) + "\n</ul>\n</figure>"
    )


# --- Mitt ansvar ------------------------------------------------------------


def insatser_tabell(rows: list[dict], rubrik_id: str, insatser_sida: str, from_page: str) -> str:
    """Measures of one level as a table with the plan's columns; each Vad links to its row in section 4."""
    head = "\n".join(f'<th scope="col">{label}</th>' for _, label in INSATS_KOLUMNER)
    href = relative(insatser_sida, from_page)
    body = []
    for row in rows:
        cells = [f'<th scope="row" data-label="Vad" markdown="span">[{esc_cell(row["vad"])}]({href}#insats-{row["id"]})</th>']
        cells += [f'<td data-label="{label}" markdown="span">{esc(row[key])}</td>' for key, label in INSATS_KOLUMNER[1:]]
        body.append(f'<tr data-insats="{attr(row["id"])}" markdown="1">\n' + "\n".join(cells) + "\n</tr>")
    return (
        f'<table class="kp-insatser kp-insatser--roll" aria-labelledby="{attr(rubrik_id)}" markdown="1">\n'
        f'<thead markdown="1">\n<tr markdown="1">\n{head}\n</tr>\n</thead>\n'
        '<tbody markdown="1">\n' + "\n".join(body) + "\n</tbody>\n</table>"
    )


def _insatser_per_niva(rows: list[dict], nivaer: list[dict], avsnitt: dict, prefix: str, from_page: str) -> str:
    """Measures grouped by level, each level a heading (with its section) and a table."""
    ids = {row["id"] for row in rows}
    out = []
    for niva in nivaer:
        level_rows = [row for row in niva["insatser"] if row["id"] in ids]
        if not level_rows:
            continue
        section = avsnitt[niva["avsnitt"]]
        heading_id = f"{prefix}-{niva['id']}"
        out.append(f"### {esc(section['rubrik'])} {{ #{heading_id} data-search-exclude }}")
        out.append(insatser_tabell(level_rows, heading_id, section["sida"], from_page))
    return "\n\n".join(out)


def mitt_ansvar(roll_id: str, roller: dict, block: list[dict], nivaer: list[dict], avsnitt: dict, from_page: str) -> str:
    """A role's page: its duties quoted from section 2 and every measure of section 4 it takes part in, directly or through a role it is part of.

    Search finds the page by the role's name; the quoted plan text is left out
    of the search index (data-search-exclude), since search finds it in the plan.
    """
    roll = roller[roll_id]
    namn = esc(roll["namn"])
    out = [
        f"# {namn}",
        vagledning(f"Sidan samlar det planen säger om {namn}: ansvaret i avsnitt 2 och insatserna i avsnitt 4 där {namn} står i kolumnen Vem. "
                   "Citaten och tabellerna är planens text; rubrikerna och förklaringarna är vägledning."),
    ]
    parents = overordnade(roll_id, roller)
    children = underordnade(roll_id, roller)
    if parents:
        out.append(f"{namn} ingår i " + ", ".join(roll_lank(roller[p], from_page) for p in parents) + ".")
    if children:
        out.append(f"I {namn} ingår " + ", ".join(roll_lank(roller[c], from_page) for c in children) + ".")

    out.append("## Ansvar enligt avsnitt 2 { #ansvar data-search-exclude }")
    parts = roll_meningar(block, roll_id)
    if parts:
        out.append(citat(ansvar_text(parts), avsnitt_link(avsnitt["2"], from_page)))
    else:
        out.append(f"Avsnitt {avsnitt_link(avsnitt['2'], from_page)} nämner inte {namn} särskilt.")

    per_roll = insatser_per_roll(roll_id, roller, nivaer)
    out.append("## Insatser i avsnitt 4 { #insatser data-search-exclude }")
    if per_roll[roll_id]:
        out.append(f"Raderna ur planens tabeller där {namn} står i kolumnen Vem. Välj en insats för att se raden i planen.")
        out.append(_insatser_per_niva(per_roll[roll_id], nivaer, avsnitt, "insatser", from_page))
    else:
        out.append(f"Ingen rad i planens tabeller nämner {namn} i kolumnen Vem.")
    for parent in parents:
        rows = per_roll[parent]
        if not rows:
            continue
        parent_name = esc(roller[parent]["namn"])
        out.append(f"## Insatser genom {parent_name} {{ #genom-{parent} data-search-exclude }}")
        out.append(f"{namn} ingår i {roll_lank(roller[parent], from_page)}. De här raderna nämner {parent_name} i kolumnen Vem.")
        out.append(_insatser_per_niva(rows, nivaer, avsnitt, f"genom-{parent}", from_page))

    levels = [avsnitt[n["avsnitt"]] for n in nivaer]
    links = [avsnitt_link(avsnitt["2"], from_page), *(avsnitt_link(s, from_page) for s in levels)]
    chain = relative(avsnitt["2"]["sida"], from_page) + "#ansvarskedjan"
    out.append("## Läs i planen { #i-planen data-search-exclude }")
    out.append("\n".join(f"- {link}" for link in links))
    out.append("## Vid oro { #vid-oro data-search-exclude }")
    out.append(f"Ser du tecken på oro? Följ [ansvarskedjan vid oro]({chain}). "
               f"Är du chef och har fått en signal, se [Chefens stöd vid oro]({relative(CHEFENS_STOD, from_page)}).")
    return "\n\n".join(out)


def mitt_ansvar_index(roller: dict, block: list[dict], nivaer: list[dict], from_page: str) -> str:
    """The roles as a table: each links to its page, with how many sentences of section 2 and measures of section 4 name it."""
    rows = []
    for roll_id, roll in roller.items():
        per_roll = insatser_per_roll(roll_id, roller, nivaer)
        sentences = sum(len(s) for _, s in roll_meningar(block, roll_id))
        genom = [f"{len(rows_)} genom {esc_cell(roller[p]['namn'])}" for p, rows_ in per_roll.items() if p != roll_id and rows_]
        rows.append(f'| {roll_lank(roll, from_page)} | {sentences} | {len(per_roll[roll_id])} | {", ".join(genom) or "–"} |')
    return "\n".join(["| Roll | Meningar i avsnitt 2 | Egna insatser i avsnitt 4 | Insatser genom en annan roll |", "|---|---|---|---|", *rows])


# --- The manager's guide ----------------------------------------------------


def reflektion(fragor: list[dict]) -> str:
    """The five questions of 3.2 as checkboxes for reflection; a form that never sends and is not restored by the browser."""
    items = []
    for fraga in fragor:
        box = f"kp-reflektion-{fraga['id']}"
        described = f' aria-describedby="{box}-forklaring"' if fraga.get("forklaring") else ""
        item = [f'<div class="kp-reflektion__fraga">\n<input type="checkbox" id="{box}"{described}>\n<label for="{box}">{html.escape(fraga["fraga"])}</label>']
        if fraga.get("forklaring"):
            item.append(f'<p class="kp-reflektion__forklaring" id="{box}-forklaring">{html.escape(fraga["forklaring"])}</p>')
        items.append("\n".join(item) + "\n</div>")
    return (
        '<form class="kp-reflektion" autocomplete="off">\n<fieldset>\n'
        "<legend>Frågorna i 3.2 Värdera risken, att tänka igenom</legend>\n" + "\n".join(items) + "\n</fieldset>\n</form>"
    )


def niva_beskrivning(niva: dict) -> str:
    """A level's paragraphs before its list of signs, as the plan prints them."""
    return "\n\n".join(esc_block(p) for p in niva.get("beskrivning", []))


def nivaer_jamfor(nivaer: list[dict], tecken_per_niva: dict, avsnitt: dict, from_page: str) -> str:
    """Each level's description beside its signs, and a link to its measures; nothing to tick, nothing counted."""
    out = []
    for niva in nivaer:
        section = avsnitt[niva["avsnitt"]]
        link = avsnitt_link(section, from_page)
        signs = "\n".join(f"- {esc(t)}" for t in tecken_per_niva.get(niva["id"], []))
        out.append(
            f'<div class="kp-niva" data-niva-jamfor="{attr(niva["id"])}" markdown>\n\n'
            f"### {esc(section['rubrik'])} {{ #niva-{niva['id']} }}\n\n"
            '<div class="kp-niva__delar" markdown>\n'
            f'<div class="kp-niva__beskrivning" markdown>\n<p class="kp-niva__etikett">Planens beskrivning</p>\n\n{citat(niva_beskrivning(niva), link)}\n\n</div>\n'
            f'<div class="kp-niva__tecken" markdown>\n<p class="kp-niva__etikett">Tecken i planen</p>\n\n{citat(signs, link)}\n\n</div>\n'
            "</div>\n\n"
            f'<p class="kp-niva__till" markdown="span">[Gå till insatserna i {esc(section["rubrik"])}]({avsnitt_href(section, from_page)})</p>\n\n'
            "</div>"
        )
    return "\n\n".join(out)


def insatser_rader(rows: list[tuple[dict, dict]], avsnitt: dict, from_page: str) -> str:
    """Chosen rows of section 4 with their level, as the plan prints them; each Vad links to its row."""
    labels = [INSATS_KOLUMNER[0][1], "Nivå", *(label for _, label in INSATS_KOLUMNER[1:])]
    head = "\n".join(f'<th scope="col">{label}</th>' for label in labels)
    body = []
    for niva, row in rows:
        section = avsnitt[niva["avsnitt"]]
        href = relative(section["sida"], from_page)
        cells = [f'<th scope="row" data-label="Vad" markdown="span">[{esc_cell(row["vad"])}]({href}#insats-{row["id"]})</th>',
                 f'<td data-label="Nivå" markdown="span">{esc(section["rubrik"])}</td>']
        cells += [f'<td data-label="{label}" markdown="span">{esc(row[key])}</td>' for key, label in INSATS_KOLUMNER[1:]]
        body.append(f'<tr data-insats="{attr(row["id"])}" markdown="1">\n' + "\n".join(cells) + "\n</tr>")
    return (
        '<table class="kp-insatser kp-insatser--rader" data-search-exclude markdown="1">\n'
        f'<thead markdown="1">\n<tr markdown="1">\n{head}\n</tr>\n</thead>\n'
        '<tbody markdown="1">\n' + "\n".join(body) + "\n</tbody>\n</table>"
    )


def avstamning_ruta(row: dict) -> str:
    """A warning box quoting a measure's Avstämning cell, for notes like the plan's 'OBS – inte bryta sekretess'."""
    return f'!!! warning "{attr(row["vad"])}, kolumnen Avstämning i planen"\n\n    {esc(row["avstamning"])}'


# --- On every page ----------------------------------------------------------


def nodrad(nummer: dict) -> str:
    """The short emergency line for the top of every page, as HTML: 112 for acute danger, 114 14 for the police."""
    akut, polis = nummer["akut"], nummer["polis"]

    def tel(item):
        return f'<a href="tel:{attr(item["nummer"].replace(" ", ""))}">{html.escape(item["nummer"])}</a>'

    return (
        '<p class="kp-nodrad">'
        f'<span class="kp-nodrad__del">{html.escape(akut["text"])}: ring {tel(akut)}.</span> '
        f'<span class="kp-nodrad__del">{html.escape(polis["text"])}: {tel(polis)}.</span>'
        "</p>"
    )
