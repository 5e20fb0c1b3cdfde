"""Load every file in data/, check it against its schema and against the other files, and report every problem with file and line."""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

DATA_DIR = "data"
SCHEMA_DIR = "schemas"
SHARED_SCHEMA = "gemensamt.schema.json"


@dataclass(frozen=True)
class Problem:
    """One problem in one data file, at one line and JSON path."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        """Format as FILE:LINE: PATH: MESSAGE, the way editors and CI show it."""
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class DataError(Exception):
    """Raised when any data file has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        """Keep the problems sorted by file and line."""
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.path))
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} fel i datafilerna:\n{lines}")


# --- YAML with line numbers -------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, so schemas decide their form."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple  # a JSON path as a tuple of keys and indexes


def json_path(path: Path_) -> str:
    """Format a path tuple as $.a[0].b."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


_YAML_MESSAGES = [
    ("'\\t'", "tabbtecken i indraget; använd mellanslag för att dra in rader"),
    ("mapping values are not allowed", "kolon på fel ställe; sätt texten inom citattecken om den innehåller kolon"),
    ("could not find expected ':'", "en rad saknar kolon efter fältnamnet, eller ett citattecken är inte stängt"),
    ("but found '<scalar>'", "oväntad text; kontrollera att citattecken öppnas och stängs på samma rad, här eller på raderna ovanför"),
    ("expected <block end>", "fel indrag; rader på samma nivå ska börja i samma kolumn"),
    ("found unexpected end of stream", "ett citattecken eller en klammer är inte stängd"),
    ("found undefined alias", "okänd referens med *; skriv texten i stället"),
    ("expected a single document", "filen innehåller flera dokument (---); ta bort det extra"),
]


def _yaml_message(error: yaml.YAMLError) -> str:
    """Say in Swedish what a YAML syntax error means."""
    text = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    for needle, message in _YAML_MESSAGES:
        if needle in text:
            return f"YAML-syntaxfel: {message}"
    return f"YAML-syntaxfel ({text.strip()})"


def parse_yaml(raw: bytes, file: str) -> tuple[object, dict[Path_, int], list[Problem]]:
    """Parse YAML bytes into data plus a map from each JSON path to its line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        return None, {}, [Problem(file, line, "$", f"filen är inte sparad som UTF-8 (byte 0x{byte:02x}); spara om den med teckenkodningen UTF-8")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): 1}, [Problem(file, 1, "$", "filen är tom")]
        lines: dict[Path_, int] = {}
        problems: list[Problem] = []
        data = _build(loader, node, (), lines, problems, file)
        return data, lines, problems
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        return None, {}, [Problem(file, line, "$", _yaml_message(error))]
    finally:
        loader.dispose()


def _build(loader, node, path, lines, problems, file):
    """Turn a YAML node into plain data, recording lines and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            child = path + (key,)
            if key in result:
                problems.append(Problem(file, key_node.start_mark.line + 1, json_path(child), f"fältet '{key}' står två gånger (första gången på rad {lines[child]})"))
                continue
            result[key] = _build(loader, value_node, child, lines, problems, file)
            lines[child] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), lines, problems, file) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


# --- Schemas ----------------------------------------------------------------


def _registry(schema_dir: Path) -> Registry:
    """Register every schema under its file URI, so relative $refs resolve."""
    registry = Registry()
    for path in sorted(schema_dir.rglob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(path.resolve().as_uri(), Resource.from_contents(contents))
    return registry


def schema_for(data_file: Path, data_dir: Path, schema_dir: Path) -> Path:
    """The schema of data/x/y.yaml is schemas/x/y.schema.json."""
    relative = data_file.relative_to(data_dir).with_suffix("")
    return schema_dir / relative.parent / f"{relative.name}.schema.json"


_TYPE_NAMES = {"string": "text", "integer": "ett heltal", "number": "ett tal", "boolean": "true eller false", "array": "en lista", "object": "en grupp av fält", "null": "tomt"}


def _type_name(value) -> str:
    """Name the type of a YAML value in Swedish."""
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "true eller false"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    return "en grupp av fält"


def _schema_messages(error) -> list[tuple[Path_, str]]:
    """Explain one jsonschema error in Swedish, as (path, message) pairs."""
    path = tuple(error.absolute_path)
    value, schema = error.instance, error.schema
    kind = error.validator
    hint = schema.get("description", "")
    if kind == "required":
        missing = error.validator_value
        names = [name for name in missing if name not in (value or {})]
        return [(path, f"fältet '{name}' saknas") for name in names]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        unknown = [key for key in value if key not in allowed]
        out = []
        for key in unknown:
            close = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; menade du '{close[0]}'?" if close else f"; tillåtna fält: {', '.join(allowed)}"
            out.append((path + (key,), f"okänt fält '{key}'{suggestion}"))
        return out
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " eller ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        return [(path, f"ska vara {names}, men är {_type_name(value)}")]
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return [(path, "texten är tom")]
    if kind == "pattern":
        return [(path, f"'{value}' har fel form. {hint}".strip())]
    if kind == "format":
        return [(path, f"'{value}' är inget giltigt datum. {hint}".strip())]
    if kind == "enum":
        return [(path, f"'{value}' är inte tillåtet; välj ett av: {', '.join(map(str, error.validator_value))}")]
    if kind == "minItems":
        return [(path, "listan är tom" if not value else f"listan behöver minst {error.validator_value} punkter")]
    if kind == "uniqueItems":
        return [(path, "listan innehåller samma värde två gånger")]
    if kind == "minimum":
        return [(path, f"{value} är för litet; minst {error.validator_value}")]
    if kind == "maximum":
        return [(path, f"{value} är för stort; högst {error.validator_value}")]
    if kind == "minLength":
        return [(path, f"texten är för kort; minst {error.validator_value} tecken")]
    if kind == "dependentRequired":
        match = re.match(r"'(.+)' is a dependency of '(.+)'", error.message)
        if match:
            return [(path + (match.group(2),), f"fältet '{match.group(1)}' saknas; det behövs när '{match.group(2)}' är ifyllt")]
    return [(path, f"{kind}: {error.message}")]


TRANSLATED_KEYWORDS = {"required", "additionalProperties", "type", "minLength", "pattern", "format", "enum", "minItems", "uniqueItems", "minimum", "maximum", "dependentRequired"}


def _line(lines: dict[Path_, int], path: Path_) -> int:
    """The line of a path, or of its nearest parent that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def check_schema(data, lines, schema_path: Path, registry: Registry, file: str) -> list[Problem]:
    """Validate data against its schema; return every problem."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["$id"] = schema_path.resolve().as_uri()
    validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(data))
    # A value with the wrong form needs one message, not also "not a valid date".
    wrong_form = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    problems = []
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in wrong_form:
            continue
        for path, message in _schema_messages(error):
            problems.append(Problem(file, _line(lines, path), json_path(path), message))
    return problems


# --- Cross references -------------------------------------------------------


def find(data, pattern: str):
    """Yield (path, value) for a pattern like 'nivaer[*].insatser[*].roller[*]'."""
    parts = [p for p in re.split(r"\.|(?=\[)", pattern) if p]
    results = [((), data)]
    for part in parts:
        next_results = []
        for path, value in results:
            if part == "[*]":
                if isinstance(value, list):
                    next_results += [(path + (i,), item) for i, item in enumerate(value)]
            elif isinstance(value, dict) and part in value:
                next_results.append((path + (part,), value[part]))
        results = next_results
    return results


# Which values must name something that exists: (kind, file, pattern).
REFERENCES = [
    ("roll", "roller", "roller[*].ingar_i[*]"),
    ("roll", "ansvar", "block[*].meningar[*].roller[*]"),
    ("roll", "insatser", "nivaer[*].insatser[*].roller[*]"),
    ("avsnitt", "begrepp", "forkortningar[*].avsnitt"),
    ("avsnitt", "insatser", "nivaer[*].avsnitt"),
    ("avsnitt", "tecken", "forbehall.avsnitt"),
    ("avsnitt", "rattelser", "rattelser[*].avsnitt"),
    ("avsnitt", "rattelser", "aterskapat[*].avsnitt"),
    ("niva", "tecken", "nivaer[*].niva"),
    ("roll", "eskalering", "steg[*].roll"),
    ("roll", "eskalering", "vid_sidan[*].roll"),
    ("mening", "eskalering", "steg[*].meningar[*]"),
    ("mening", "eskalering", "vid_sidan[*].meningar[*]"),
    ("steg", "vid-misstanke", "vagledning.alltid"),
    ("steg", "vid-misstanke", "vagledning.vad.alternativ[*].steg[*]"),
    ("avsnitt", "vid-misstanke", "vagledning.vad.alternativ[*].avsnitt"),
]

# Where the known ids of each kind come from: (file, pattern, name for messages).
TARGETS = {
    "roll": ("roller", "roller[*].id", "roll-id", "data/roller.yaml"),
    "avsnitt": ("avsnitt", "avsnitt[*].id", "avsnitt", "data/avsnitt.yaml"),
    "niva": ("insatser", "nivaer[*].id", "nivå-id", "data/insatser.yaml"),
    "mening": ("ansvar", "block[*].meningar[*].id", "menings-id", "data/ansvar.yaml"),
    "steg": ("vid-misstanke", "steg[*].id", "steg-id", "data/vid-misstanke.yaml"),
}


def _ids_unique(name: str, data, lines) -> list[Problem]:
    """Every 'id' in a file is unique within that file."""
    seen: dict[str, int] = {}
    problems = []

    def walk(value, path):
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                here = path + ("id",)
                ident = value["id"]
                if ident in seen:
                    problems.append(Problem(_file(name), _line(lines, here), json_path(here), f"id '{ident}' används redan på rad {seen[ident]}"))
                else:
                    seen[ident] = _line(lines, here)
            for key, child in value.items():
                walk(child, path + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, path + (i,))

    walk(data, ())
    return problems


def _file(name: str) -> str:
    """The path of a data file as shown in messages."""
    return f"{DATA_DIR}/{name}.yaml"


def check_references(files: dict, lines: dict, docs_dir: Path | None, parsed: dict | None = None) -> list[Problem]:
    """Check ids, cross references and the rules a schema cannot express.

    `files` holds the schema-valid files; `parsed` also those with schema
    errors, so that ids and references are still checked in them.
    """
    parsed = parsed if parsed is not None else files
    problems: list[Problem] = []
    for name, data in parsed.items():
        problems += _ids_unique(name, data, lines[name])

    for kind, name, pattern in REFERENCES:
        target_file, target_pattern, label, where = TARGETS[kind]
        if name not in parsed or target_file not in parsed:
            continue
        known = {value for _, value in find(parsed[target_file], target_pattern) if isinstance(value, str)}
        for path, value in find(parsed[name], pattern):
            if isinstance(value, str) and value not in known:
                close = difflib.get_close_matches(str(value), sorted(map(str, known)), n=1)
                suggestion = f"; menade du '{close[0]}'?" if close else ""
                problems.append(Problem(_file(name), _line(lines[name], path), json_path(path), f"okänt {label} '{value}' (finns inte i {where}){suggestion}"))

    plan = files.get("plan")
    if isinstance(plan, dict) and isinstance(plan.get("styrdokument"), dict):
        styr = plan["styrdokument"]
        for i, version in enumerate(plan.get("versioner", [])):
            if version.get("beslutande") not in styr.get("beslutsorgan", []):
                path = ("versioner", i, "beslutande")
                problems.append(Problem(_file("plan"), _line(lines["plan"], path), json_path(path), "beslutande måste finnas i styrdokument.beslutsorgan"))
        if styr.get("dokumenttyp") not in styr.get("dokumenttyper", []):
            path = ("styrdokument", "dokumenttyp")
            problems.append(Problem(_file("plan"), _line(lines["plan"], path), json_path(path), "dokumenttyp måste finnas i styrdokument.dokumenttyper"))

    if isinstance(plan, dict):
        problems += _check_versions(plan.get("versioner", []), lines["plan"])
        try:
            validity_end(plan["galler_till"])
        except ValueError:
            problems.append(Problem(_file("plan"), _line(lines["plan"], ("galler_till",)), "$.galler_till",
                                    f"'{plan['galler_till']}' är inget giltigt datum; skriv ett år (\"2018\") eller ett datum (\"2018-12-31\")"))

    form = files.get("forms/lagesbild")
    if isinstance(form, dict):
        problems += _check_form(form, lines["forms/lagesbild"])

    vid_misstanke = files.get("vid-misstanke")
    if isinstance(vid_misstanke, dict):
        problems += _check_vid_oro(vid_misstanke, lines["vid-misstanke"])

    if docs_dir is not None and "avsnitt" in files:
        for path, page in find(files["avsnitt"], "avsnitt[*].sida"):
            if isinstance(page, str) and not (docs_dir / page).is_file():
                problems.append(Problem(_file("avsnitt"), _line(lines["avsnitt"], path), json_path(path), f"sidan docs/{page} finns inte"))
    if docs_dir is not None and "roller" in files:
        problems += check_role_pages(files["roller"], lines["roller"], docs_dir)
    return problems


ROLE_PAGES = "mitt-ansvar"
_ROLE_PAGE_CALL = re.compile(r"""\{\{\s*mitt_ansvar\(\s*["']([^"']*)["']\s*\)\s*\}\}""")


def role_page_stub(role_id: str) -> str:
    """The whole content of a role's page under docs/mitt-ansvar/."""
    return f'{{{{ mitt_ansvar("{role_id}") }}}}\n'


def check_role_pages(roller: dict, lines, docs_dir: Path) -> list[Problem]:
    """Every role has its page docs/mitt-ansvar/<id>.md, and every page there names a known role."""
    problems = []
    folder = docs_dir / ROLE_PAGES
    known = [r.get("id") for r in roller.get("roller", []) if isinstance(r, dict)]
    for i, role_id in enumerate(known):
        page = folder / f"{role_id}.md"
        if isinstance(role_id, str) and not page.is_file():
            path = ("roller", i, "id")
            problems.append(Problem(_file("roller"), _line(lines, path), json_path(path),
                                    f"rollen '{role_id}' saknar sidan docs/{ROLE_PAGES}/{role_id}.md; skapa den med bara raden "
                                    f"{role_page_stub(role_id).strip()}"))
    for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if page.name == "index.md":
            continue
        text = page.read_text(encoding="utf-8")
        where = f"docs/{ROLE_PAGES}/{page.name}"
        calls = list(_ROLE_PAGE_CALL.finditer(text))
        line = text[: calls[0].start()].count("\n") + 1 if calls else 1
        if len(calls) != 1 or text.strip() != calls[0].group(0):
            problems.append(Problem(where, line, "$", f"sidan ska bara innehålla raden {role_page_stub(page.stem).strip()}"))
            continue
        role_id = calls[0].group(1)
        if role_id not in known:
            close = difflib.get_close_matches(role_id, [k for k in known if isinstance(k, str)], n=1)
            suggestion = f"; menade du '{close[0]}'?" if close else ""
            problems.append(Problem(where, line, "$", f"okänt roll-id '{role_id}' (finns inte i data/roller.yaml){suggestion}"))
        elif role_id != page.stem:
            problems.append(Problem(where, line, "$", f"sidan visar rollen '{role_id}' men heter {page.name}; döp om den till {role_id}.md eller ändra raden till {role_page_stub(page.stem).strip()}"))
    return problems


def _check_versions(versioner: list[dict], lines) -> list[Problem]:
    """The version history has the newest version first: higher number, and a decision date not before the next entry's."""
    problems = []
    for i, (newer, older) in enumerate(zip(versioner, versioner[1:], strict=False), start=1):
        path = ("versioner", i, "version")
        if newer["version"] <= older["version"]:
            message = f"versionerna ska stå med den nyaste först: version {older['version']} står efter version {newer['version']}"
            problems.append(Problem(_file("plan"), _line(lines, path), json_path(path), message))
        elif newer["datum"] < older["datum"]:
            path = ("versioner", i, "datum")
            message = f"version {older['version']} är beslutad {older['datum']}, efter version {newer['version']} ({newer['datum']}); den nyaste versionen ska stå först"
            problems.append(Problem(_file("plan"), _line(lines, path), json_path(path), message))
    return problems


def answer_options(form: dict, question: dict) -> list[str]:
    """The answer labels a question offers (Ja/Nej/…, or its checkboxes)."""
    kind = question.get("svar")
    if kind == "flerval":
        return [alt.get("text") for alt in question.get("alternativ", [])]
    return list(form.get("svarstyper", {}).get(kind, []))


def shown_parts(form: dict, answers: dict) -> dict[str, bool]:
    """What the form shows for some answers: everything, except what an answer rules out.

    Keys are question ids, '<id>-foljdfraga' for follow-ups and '<id>-avslut'
    for the polite end shown when an answer to a condition ends the form.
    """
    shown: dict[str, bool] = {}
    gates: list[tuple[str, list]] = []
    for question in form.get("fragor", []):
        qid = question.get("id")
        chosen = (answers.get(qid) or {}).get("val")
        visible = all((answers.get(gate) or {}).get("val") in (None, *allowed) for gate, allowed in gates)
        shown[qid] = visible
        if question.get("foljdfraga"):
            shown[f"{qid}-foljdfraga"] = visible and chosen in (None, *question["foljdfraga"].get("visas_vid", []))
        if question.get("villkor"):
            allowed = question["villkor"].get("fortsatt_vid", [])
            shown[f"{qid}-avslut"] = visible and chosen is not None and chosen not in allowed
            gates.append((qid, allowed))
    return shown


def _check_form(form: dict, lines) -> list[Problem]:
    """Answer types exist, conditions and examples only name questions and answers that exist."""
    problems = []
    file = _file("forms/lagesbild")

    def problem(path, message):
        problems.append(Problem(file, _line(lines, path), json_path(path), message))

    kinds = set(form.get("svarstyper", {})) | {"flerval", "fritext"}
    for i, question in enumerate(form.get("fragor", [])):
        if not isinstance(question, dict):
            continue
        base = ("fragor", i)
        kind = question.get("svar")
        if kind not in kinds:
            problem(base + ("svar",), f"okänd svarstyp '{kind}'; välj ett av: {', '.join(sorted(kinds))}")
            continue
        if kind == "flerval" and not question.get("alternativ"):
            problem(base, "flerval behöver alternativ")
        if question.get("fritext") and not question.get("fritext_etikett"):
            problem(base, "en fråga med fritext: true behöver fritext_etikett, namnet på skrivrutan")
        if question.get("foljdfraga") and (question.get("fritext") or kind == "fritext"):
            problem(base + ("foljdfraga",), "en fråga kan ha en skrivruta eller en följdfråga, inte båda")
        if question.get("villkor") and any(q.get("villkor") for q in form["fragor"][:i] if isinstance(q, dict)):
            problem(base + ("villkor",), "bara en fråga kan ha villkor; formuläret kan inte visa villkor i flera steg")
        if len([alt for alt in question.get("alternativ", []) if alt.get("fritext")]) > 1:
            problem(base + ("alternativ",), "bara ett alternativ per fråga kan ha en skrivrad (fritext: true)")
        options = answer_options(form, question)
        for field in ("villkor", "foljdfraga"):
            key = "fortsatt_vid" if field == "villkor" else "visas_vid"
            for j, answer in enumerate((question.get(field) or {}).get(key, [])):
                if answer not in options:
                    problem(base + (field, key, j), f"svaret '{answer}' finns inte bland frågans svar ({', '.join(options)})")
    for i, example in enumerate(form.get("exempel", [])):
        problems += _check_example(form, example, ("exempel", i), lines)
    return problems


def _check_example(form: dict, example: dict, base: tuple, lines) -> list[Problem]:
    """An example fills in only fields that exist and are shown, with answers the question offers."""
    problems = []
    file = _file("forms/lagesbild")

    def problem(path, message):
        problems.append(Problem(file, _line(lines, path), json_path(path), message))

    fields = [f.get("id") for f in form.get("rapportuppgifter", {}).get("falt", [])]
    for key in example.get("rapport") or {}:
        if key not in fields:
            problem(base + ("rapport", key), f"okänt fält '{key}' i rapportuppgifterna; välj ett av: {', '.join(fields)}")
    questions = {q.get("id"): q for q in form.get("fragor", []) if isinstance(q, dict)}
    answers: dict = {}
    for step in ("svar", "sedan"):
        given = example.get(step) or {}
        for qid, answer in given.items():
            answers[qid] = {**answers.get(qid, {}), **answer}
        shown = shown_parts(form, answers)
        for qid, answer in given.items():
            path = base + (step, qid)
            question = questions.get(qid)
            if question is None:
                close = difflib.get_close_matches(qid, list(questions), n=1)
                problem(path, f"okänd fråga '{qid}'" + (f"; menade du '{close[0]}'?" if close else f"; välj ett av: {', '.join(questions)}"))
                continue
            if not shown.get(qid):
                problem(path, f"fråga {question.get('nummer')} visas inte med de här svaren, så den går inte att fylla i")
                continue
            _check_answer(form, question, answer, shown, path, problem)
    return problems


def _check_answer(form, question, answer, shown, path, problem) -> None:
    """One example answer: its choice exists and its texts have a field to go in; report through problem()."""
    kind = question.get("svar")
    options = answer_options(form, question)
    chosen = answer.get("val")
    if chosen is not None:
        if kind == "fritext":
            problem(path + ("val",), "frågan har bara fritext, inget att välja")
        elif kind == "flerval" and not isinstance(chosen, list):
            problem(path + ("val",), "flerval ska vara en lista med de kryssade alternativen")
        elif kind != "flerval" and not isinstance(chosen, str):
            problem(path + ("val",), f"välj ett svar, inte en lista: ett av {', '.join(options)}")
        else:
            for j, value in enumerate(chosen if isinstance(chosen, list) else [chosen]):
                if value not in options:
                    where = path + ("val", j) if isinstance(chosen, list) else path + ("val",)
                    problem(where, f"svaret '{value}' finns inte bland frågans svar ({', '.join(options)})")
    if "text" in answer:
        if question.get("foljdfraga") and kind != "fritext" and not question.get("fritext"):
            if not shown.get(f"{question.get('id')}-foljdfraga"):
                wanted = ", ".join(question["foljdfraga"].get("visas_vid", []))
                problem(path + ("text",), f"följdfrågan visas bara vid {wanted}, så texten går inte att skriva")
        elif kind != "fritext" and not question.get("fritext"):
            problem(path + ("text",), "frågan har ingen skrivruta")
    if "annat" in answer and not any(alt.get("fritext") for alt in question.get("alternativ", [])):
        problem(path + ("annat",), "frågan har inget alternativ med skrivrad (fritext: true)")


def _check_vid_oro(vm: dict, lines) -> list[Problem]:
    """Every step of Bilaga 2 is shown by the guide: it is the always-step or belongs to an answer."""
    guide = vm.get("vagledning")
    if not isinstance(guide, dict):  # an archived Bilaga 2 from before the guide
        return []
    shown = {guide["alltid"]} | {step for alt in guide["vad"]["alternativ"] for step in alt["steg"]}
    return [
        Problem(_file("vid-misstanke"), _line(lines, ("steg", i, "id")), json_path(("steg", i, "id")),
                f"steget '{step['id']}' visas aldrig i vägledningen; lägg det i vagledning.alltid eller i steg under ett svar i vagledning.vad.alternativ")
        for i, step in enumerate(vm["steg"]) if step["id"] not in shown
    ]


# --- Everything together ----------------------------------------------------


def load_all(root: Path, data_dir: Path | None = None, docs_dir: Path | None = None) -> dict:
    """Load and check all data; return {name: data} or raise DataError with every problem."""
    data_dir = data_dir or root / DATA_DIR
    schema_dir = root / SCHEMA_DIR
    registry = _registry(schema_dir)
    files: dict[str, object] = {}
    parsed: dict[str, object] = {}
    lines: dict[str, dict] = {}
    problems: list[Problem] = []

    expected = {p.relative_to(schema_dir).as_posix().removesuffix(".schema.json") for p in schema_dir.rglob("*.schema.json") if p.name != SHARED_SCHEMA}
    present = {p.relative_to(data_dir).with_suffix("").as_posix() for p in data_dir.rglob("*.yaml")}
    for name in sorted(expected - present):
        problems.append(Problem(_file(name), 1, "$", f"filen saknas (schemat {SCHEMA_DIR}/{name}.schema.json väntar sig den)"))
    for name in sorted(present - expected):
        problems.append(Problem(_file(name), 1, "$", f"okänd datafil: det finns inget schema {SCHEMA_DIR}/{name}.schema.json"))

    for name in sorted(present & expected):
        file = _file(name)
        data, file_lines, parse_problems = parse_yaml((data_dir / f"{name}.yaml").read_bytes(), file)
        problems += parse_problems
        if parse_problems:
            continue
        schema_problems = check_schema(data, file_lines, schema_dir / f"{name}.schema.json", registry, file)
        problems += schema_problems
        parsed[name] = data
        lines[name] = file_lines
        if not schema_problems:
            files[name] = data

    problems += check_references(files, lines, docs_dir, parsed)
    if problems:
        raise DataError(problems)
    if "plan" in files:
        files["plan"] = with_current_version(files["plan"])
    return files


# The decision facts of the plan in force, written once in its newest version.
DECISION_FIELDS = ("beslutande", "datum", "paragraf", "mandatperiod")


def with_current_version(plan: dict) -> dict:
    """The plan with its newest version's decision (beslutande, datum, paragraf, mandatperiod) at the top, where pages read it."""
    return {**plan, **{field: plan["versioner"][0][field] for field in DECISION_FIELDS}}


def coordinator_contact_missing(kontakter: dict) -> list[str]:
    """Name the coordinator's contact fields that the editor has not filled in."""
    samordnare = kontakter.get("samordnare", {})
    return [field for field in ("namn", "telefon", "epost") if not (samordnare.get(field) or "").strip()]


def validity_end(galler_till: str) -> datetime.date:
    """The last day the plan says it applies: a year means its 31 December."""
    if len(galler_till) == 4:
        return datetime.date(int(galler_till), 12, 31)
    return datetime.date.fromisoformat(galler_till)
