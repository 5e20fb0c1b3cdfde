"""The editor's support: Swedish hover help on every schema field, VS Code settings, the make targets and the editor's guide."""

from __future__ import annotations

import ast
import json
import re

import pytest

from tests.conftest import ROOT
from tests.html_text import read_article

SCHEMAS = sorted((ROOT / "schemas").rglob("*.schema.json"))
SHARED = "gemensamt.schema.json"
DATA_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml"))


def _described(node: dict, schema: dict, shared: dict) -> bool:
    """A property is described directly, or by the definition its $ref points to."""
    if node.get("description"):
        return True
    ref = node.get("$ref", "")
    file, _, pointer = ref.partition("#/$defs/")
    definitions = shared["$defs"] if file.endswith(SHARED) else schema.get("$defs", {}) if not file else {}
    return bool(definitions.get(pointer, {}).get("description"))


def _properties(node, path="$"):
    """Yield (path, property schema) for every property at any depth."""
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{path}.{name}", child
            yield from _properties(child, f"{path}.{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                yield from _properties(node[key], f"{path}[]")
        for name, child in node.get("$defs", {}).items():
            yield from _properties(child, f"#{name}")


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_property_has_a_swedish_description(schema):
    """Hovering over any field in VS Code explains it: each property has a description, or refers to a described definition."""
    contents = json.loads(schema.read_text(encoding="utf-8"))
    shared = json.loads((ROOT / "schemas" / SHARED).read_text(encoding="utf-8"))
    missing = [path for path, node in _properties(contents) if not _described(node, contents, shared)]
    assert not missing, f"{schema.name}: fält utan description: {missing}"
    for path, node in _properties(contents):
        text = node.get("description", "")
        assert not re.search(r"\b(the|must|should|is)\b", text), f"{schema.name} {path}: beskrivningen ska vara på svenska: {text!r}"


def test_vscode_maps_every_schema_to_its_data_file():
    """.vscode/settings.json yaml.schemas covers exactly the data files, each with the schema of the same stem."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert sorted(mapping.values()) == DATA_FILES
    for schema, data in mapping.items():
        assert (ROOT / schema).is_file(), schema
        assert schema == "./schemas/" + data.removeprefix("data/").removesuffix(".yaml") + ".schema.json"
    assert settings["[yaml]"]["editor.insertSpaces"] is True


def test_vscode_recommends_the_yaml_extension():
    """Opening the folder offers Red Hat's YAML extension, which reads the schemas."""
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_vscode_task_turns_check_output_into_problems():
    """The build task runs make check; its problem matchers read errors and warnings, with file, line, path and message."""
    tasks = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    task = next(t for t in tasks if t["command"] == "make check")
    matchers = {m["severity"]: re.compile(m["pattern"]["regexp"]) for m in task["problemMatcher"]}
    error = "data/insatser.yaml:57: $.nivaer[0].insatser[6].roller[0]: okänt roll-id 'kommunledningen'"
    warning = "data/plan.yaml:7: $.galler_till: varning: planen gäller till 2018"
    assert matchers["error"].match(error).groups() == ("data/insatser.yaml", "57", "$.nivaer[0].insatser[6].roller[0]", "okänt roll-id 'kommunledningen'")
    assert matchers["error"].match(warning) is None
    assert matchers["warning"].match(warning).groups() == ("data/plan.yaml", "7", "$.galler_till", "planen gäller till 2018")
    assert matchers["error"].match("docs/index.md:3: makro: okänt makro 'x'").groups()[:3] == ("docs/index.md", "3", "makro")


def test_make_has_the_editor_commands():
    """make check, make publish DEST=… and make arkivera call the tools in verktyg/."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, module in (("check", "verktyg.kontrollera"), ("publish", "verktyg.publicera"), ("arkivera", "verktyg.arkivera")):
        recipe = re.search(rf"^{target}: \$\(STAMP\)\n((?:\t.*\n)+)", makefile, re.M)
        assert recipe and f"-m {module}" in recipe.group(1), target
    assert '"$(DEST)"' in makefile


def _table_files(markdown: str) -> list[str]:
    """The data files named in the second column of the guide's table."""
    return re.findall(r"^\|.*\| `(data/[^`]+)` \|$", markdown, re.M)


def test_the_guide_names_the_file_of_every_data_file():
    """The table 'Var varje uppgift finns' lists every file in data/, and only files that exist."""
    guide = (ROOT / "docs" / "om" / "uppdatera.md").read_text(encoding="utf-8")
    assert sorted(_table_files(guide)) == DATA_FILES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/om/uppdatera.md" in readme and "| `data/" not in readme


def test_the_guide_is_a_page_about_the_site(pages):
    """The guide is built under Om webbplatsen, marked as not part of the plan, and explains the three commands."""
    body, _ = read_article(pages["om/uppdatera/index.html"])
    assert body.startswith("Så uppdaterar du planen")
    assert "inte en del av den beslutade planen" in body
    for command in ("make serve", "make check", "make publish DEST=", "make arkivera"):
        assert command in body, command
    nav = pages["index.html"]
    assert re.search(r'href="om/uppdatera/"[^>]*>\s*<span class="md-ellipsis">\s*Så uppdaterar du planen', nav)


TOOL_FILES = sorted((ROOT / "verktyg").glob("*.py")) + [ROOT / "macros" / n for n in ("arkiv.py", "versioner.py", "sidinfo.py")]


@pytest.mark.parametrize("file", TOOL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_function_has_a_one_line_docstring(file):
    """Each module, class and function in the editor tools says in one line what it is for."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), file.name
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            doc = ast.get_docstring(node)
            assert doc and doc.strip().splitlines()[0], f"{file.name}: {node.name}"
