"""Pure functions about the plan's versions: the version history, what changed between two versions, and advice for the editor."""

from __future__ import annotations

import datetime

from .data import Problem, _line, json_path, validity_end
from .render import INSATS_KOLUMNER, esc, niva_namn, relative

# --- Version history ----------------------------------------------------------


def beslut(version: dict) -> str:
    """A version's decision in words, such as 'Kommunstyrelsen 2016-10-12, § 152'."""
    return f"{version['beslutande']} {version['datum']}, {version['paragraf']}"


def versionshistorik(versioner: list[dict], arkiverade: dict[int, str], from_page: str) -> str:
    """The version history, newest first: each version's decision, term of office, changes and, for earlier versions, their archived copy."""
    out = []
    for i, version in enumerate(versioner):
        number = version["version"]
        state = "gällande" if i == 0 else "ersatt"
        lines = [
            f"## Version {number} ({state}) {{ #version-{number} }}",
            f"Beslutad av {esc(beslut(version))}, under mandatperioden {esc(version['mandatperiod'])}.",
            "Vad som ändrades:",
            "\n".join(f"- {esc(change)}" for change in version["andringar"]),
        ]
        if i > 0:
            if number in arkiverade:
                lines.append(f"[Läs version {number} i arkivet]({relative(arkiverade[number], from_page)})")
            else:
                lines.append(f"Version {number} finns inte i webbplatsens arkiv.")
        out.append("\n\n".join(lines))
    return "\n\n".join(out)


# --- What changed between two versions ----------------------------------------

INSATS_FALT = [*INSATS_KOLUMNER, ("roller", "Roller"), ("niva", "Nivå")]


def _insatser(data: dict) -> dict[str, dict]:
    """Every measure by id, with its level's name as 'niva' and its roles by name."""
    avsnitt = {a["id"]: a for a in data["avsnitt"]["avsnitt"]}
    roller = {r["id"]: r["namn"] for r in data["roller"]["roller"]}
    return {
        insats["id"]: {**insats, "niva": niva_namn(avsnitt[niva["avsnitt"]]), "roller": [roller.get(r, r) for r in insats["roller"]]}
        for niva in data["insatser"]["nivaer"] for insats in niva["insatser"]
    }


def _tecken(data: dict) -> dict[str, list[str]]:
    """Every list of signs by where it stands: a category of 3.4 or a level of section 4."""
    avsnitt = {a["id"]: a["rubrik"] for a in data["avsnitt"]["avsnitt"]}
    niva_avsnitt = {n["id"]: n["avsnitt"] for n in data["insatser"]["nivaer"]}
    places = {f"3.4 {k['rubrik']}": k["tecken"] for k in data["tecken"]["kategorier"]}
    places |= {avsnitt.get(niva_avsnitt.get(n["niva"]), n["niva"]): n["tecken"] for n in data["tecken"]["nivaer"]}
    return places


def _value(value) -> str:
    """A field's value as text: lists joined with commas."""
    return ", ".join(value) if isinstance(value, list) else str(value)


def jamfor(gammal: dict, ny: dict) -> dict:
    """What changed from one version's data to the next: measures added, removed and changed field by field; signs and roles added and removed."""
    old_m, new_m = _insatser(gammal), _insatser(ny)
    changed = []
    for ident in [i for i in new_m if i in old_m]:
        fields = [(label, _value(old_m[ident].get(key, "")), _value(new_m[ident].get(key, ""))) for key, label in INSATS_FALT
                  if old_m[ident].get(key) != new_m[ident].get(key)]
        if fields:
            changed.append({"id": ident, "vad": new_m[ident]["vad"], "falt": fields})

    old_t, new_t = _tecken(gammal), _tecken(ny)
    added_signs = [(place, sign) for place, signs in new_t.items() for sign in signs if sign not in old_t.get(place, [])]
    removed_signs = [(place, sign) for place, signs in old_t.items() for sign in signs if sign not in new_t.get(place, [])]

    old_r = {r["id"]: r for r in gammal["roller"]["roller"]}
    new_r = {r["id"]: r for r in ny["roller"]["roller"]}
    return {
        "insatser": {
            "tillagda": [new_m[i] for i in new_m if i not in old_m],
            "borttagna": [old_m[i] for i in old_m if i not in new_m],
            "andrade": changed,
        },
        "tecken": {"tillagda": added_signs, "borttagna": removed_signs},
        "roller": {
            "tillagda": [new_r[i]["namn"] for i in new_r if i not in old_r],
            "borttagna": [old_r[i]["namn"] for i in old_r if i not in new_r],
            "andrade": [(old_r[i]["namn"], new_r[i]["namn"]) for i in new_r if i in old_r and old_r[i]["namn"] != new_r[i]["namn"]],
        },
    }


INGA_ANDRINGAR = "Inga ändringar."
INGEN_TIDIGARE = (
    "Det finns ingen tidigare version av planen på webbplatsen att jämföra med. "
    "När en ny version har beslutats och den här versionen har arkiverats visar sidan vad som har ändrats."
)


def _list(items: list[str]) -> str:
    """A bulleted list, or the words for none."""
    return "\n".join(f"- {item}" for item in items) or INGA_ANDRINGAR


def vad_har_andrats(forra: tuple[dict, str] | None, ny: dict, from_page: str) -> str:
    """The page 'Vad har ändrats': measures, signs and roles of the previous version (its data and archived first page) compared with the current one."""
    if forra is None:
        return INGEN_TIDIGARE
    gammal, arkiv_sida = forra
    old_v, new_v = gammal["plan"]["versioner"][0], ny["plan"]["versioner"][0]
    diff = jamfor(gammal, ny)
    link = f" [Läs version {old_v['version']} i arkivet]({relative(arkiv_sida, from_page)})."
    out = [
        f"Jämförelsen gäller version {new_v['version']} (beslutad av {esc(beslut(new_v))}) och version {old_v['version']} "
        f"(beslutad av {esc(beslut(old_v))}).{link}",
        "## Insatser { #insatser }",
        "### Nya insatser { #nya-insatser }",
        _list([f"{esc(m['vad'])} ({esc(m['niva'])})" for m in diff["insatser"]["tillagda"]]),
        "### Borttagna insatser { #borttagna-insatser }",
        _list([f"{esc(m['vad'])} ({esc(m['niva'])})" for m in diff["insatser"]["borttagna"]]),
        "### Ändrade insatser { #andrade-insatser }",
    ]
    if not diff["insatser"]["andrade"]:
        out.append(INGA_ANDRINGAR)
    for item in diff["insatser"]["andrade"]:
        rows = "\n".join(
            f'<tr><th scope="row">{label}</th><td>{esc(before)}</td><td>{esc(after)}</td></tr>' for label, before, after in item["falt"]
        )
        out.append(
            f'<table class="kp-andring">\n<caption>{esc(item["vad"])}</caption>\n'
            '<thead><tr><th scope="col">Fält</th>'
            f'<th scope="col">Version {old_v["version"]}</th><th scope="col">Version {new_v["version"]}</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>"
        )
    out += [
        "## Tecken på oro { #tecken }",
        "### Nya tecken { #nya-tecken }",
        _list([f"{esc(sign)} ({esc(place)})" for place, sign in diff["tecken"]["tillagda"]]),
        "### Borttagna tecken { #borttagna-tecken }",
        _list([f"{esc(sign)} ({esc(place)})" for place, sign in diff["tecken"]["borttagna"]]),
        "## Roller { #roller }",
        "### Nya roller { #nya-roller }",
        _list([esc(name) for name in diff["roller"]["tillagda"]]),
        "### Borttagna roller { #borttagna-roller }",
        _list([esc(name) for name in diff["roller"]["borttagna"]]),
    ]
    if diff["roller"]["andrade"]:
        out += ["### Roller med nytt namn { #andrade-roller }", _list([f"{esc(a)} heter nu {esc(b)}" for a, b in diff["roller"]["andrade"]])]
    return "\n\n".join(out)


# --- Advice for the editor ------------------------------------------------------


def advisories(plan: dict, plan_lines: dict, aktivitetsplan: dict, aktivitet_lines: dict, today: datetime.date) -> list[Problem]:
    """Advice, not errors: the plan's validity has passed, or a past year's activity has no reported status."""
    out = []
    if today > validity_end(plan["galler_till"]):
        path = ("galler_till",)
        out.append(Problem("data/plan.yaml", _line(plan_lines, path), json_path(path),
                           f"planen gäller till {plan['galler_till']} och den tiden har passerat; enligt avsnitt 6.1 ska planen ses över varje mandatperiod "
                           "(se Om webbplatsen > Så uppdaterar du planen)"))
    for i, year in enumerate(aktivitetsplan["ar"]):
        if year["ar"] >= today.year:
            continue
        for j, aktivitet in enumerate(year["aktiviteter"]):
            if not aktivitet.get("status"):
                path = ("ar", i, "aktiviteter", j)
                out.append(Problem("data/aktivitetsplan.yaml", _line(aktivitet_lines, path + ("id",)), json_path(path),
                                   f"året {year['ar']} har passerat men aktiviteten '{aktivitet['id']}' saknar status; "
                                   "skriv status och statusdatum när uppföljningen är rapporterad"))
    return out
