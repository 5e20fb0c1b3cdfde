"""Data files against their schemas and each other: the real data, and valid and invalid fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.data import TRANSLATED_KEYWORDS, DataError, Problem, load_all, parse_yaml
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = "# förväntat: "


def load_with(tmp_path: Path, fixture: Path) -> dict:
    """Load the real data with one file replaced by a fixture named <file>__<case>.yaml."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    name = fixture.name.split("__")[0].replace("forms-", "forms/")
    target = data / f"{name}.yaml"
    assert target.exists(), f"fixturen {fixture.name} ersätter ingen datafil"
    shutil.copy(fixture, target)
    return load_all(ROOT, data_dir=data, docs_dir=ROOT / "docs")


def test_real_data_is_valid():
    """Every file in data/ passes its schema and every cross-reference."""
    files = load_all(ROOT, docs_dir=ROOT / "docs")
    assert {"plan", "begrepp", "roller", "insatser", "tecken", "handlingsmojligheter", "strategi", "aktivitetsplan"} <= set(files)


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_fixture_fails_with_exactly_its_expected_messages(tmp_path, fixture):
    """Each broken fixture gives exactly the located messages written at its top."""
    expected = [line.removeprefix(EXPECTED) for line in fixture.read_bytes().decode("utf-8", "replace").splitlines() if line.startswith(EXPECTED)]
    assert expected, f"{fixture.name} saknar raden '{EXPECTED}…'"
    with pytest.raises(DataError) as caught:
        load_with(tmp_path, fixture)
    assert [str(p) for p in caught.value.problems] == expected


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_fixture_loads(tmp_path, fixture):
    """Each valid variant of a data file loads without problems."""
    load_with(tmp_path, fixture)


def test_every_problem_in_a_fixture_names_file_line_and_path(tmp_path):
    """Messages have the form data/FILE.yaml:LINE: $.path: message and no traceback."""
    for fixture in sorted((FIXTURES / "invalid").glob("*.yaml")):
        with pytest.raises(DataError) as caught:
            load_with(tmp_path / fixture.stem, fixture)
        for line in str(caught.value).splitlines()[1:]:
            file, number, path, message = line.split(": ", 1)[0].split(":") + line.split(": ", 2)[1:]
            assert file.startswith("data/") and file.endswith(".yaml") and int(number) >= 1, line
            assert path.startswith("$") and message and "Traceback" not in message, line


def test_all_errors_are_reported_at_once(tmp_path):
    """Problems in several files come back together, not one at a time."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "strategi.yaml").write_text("punkter: []\n", encoding="utf-8")
    (data / "plan.yaml").write_text((data / "plan.yaml").read_text(encoding="utf-8").replace('"§ 152"', "152"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_all(ROOT, data_dir=data)
    assert {p.file for p in caught.value.problems} == {"data/strategi.yaml", "data/plan.yaml"}


def test_missing_and_unknown_data_files_are_reported(tmp_path):
    """A data file without schema, or a schema without data file, is a problem."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "strategi.yaml").unlink()
    (data / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_all(ROOT, data_dir=data)
    messages = [str(p) for p in caught.value.problems]
    assert "data/extra.yaml:1: $: okänd datafil: det finns inget schema schemas/extra.schema.json" in messages
    assert "data/strategi.yaml:1: $: filen saknas (schemat schemas/strategi.schema.json väntar sig den)" in messages


def test_a_page_named_in_the_table_of_contents_must_exist(tmp_path):
    """avsnitt.yaml may only name pages that exist under docs/."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "avsnitt.yaml").read_text(encoding="utf-8").replace("sida: plan/inledning.md", "sida: plan/inledningen.md")
    (data / "avsnitt.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_all(ROOT, data_dir=data, docs_dir=ROOT / "docs")
    assert [p.message for p in caught.value.problems] == ["sidan docs/plan/inledningen.md finns inte"]


def test_yaml_lines_are_recorded_for_every_path():
    """The parser records the line of every key and list item."""
    data, lines, problems = parse_yaml(b"a:\n  - x: 1\n    y: [2, 3]\nb: text\n", "data/t.yaml")
    assert problems == []
    assert data == {"a": [{"x": 1, "y": [2, 3]}], "b": "text"}
    assert lines[("a", 0, "y")] == 3 and lines[("b",)] == 4


def test_dates_stay_text_so_the_schema_decides():
    """An unquoted date is read as text, not converted to a date object."""
    data, _, _ = parse_yaml(b"datum: 2016-10-12\n", "data/t.yaml")
    assert data == {"datum": "2016-10-12"}


def test_problem_format():
    """A problem prints as file:line: path: message."""
    assert str(Problem("data/a.yaml", 3, "$.b[0]", "fel")) == "data/a.yaml:3: $.b[0]: fel"


SCHEMAS = sorted((ROOT / "schemas").rglob("*.schema.json"))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_and_described_in_swedish(schema):
    """Each schema is valid JSON Schema 2020-12, has a title, and uses only keywords we explain in Swedish."""
    contents = json.loads(schema.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(contents)
    assert contents.get("title"), schema.name
    validation_keywords = {"required", "additionalProperties", "type", "minLength", "maxLength", "pattern", "format", "enum", "const",
                           "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "oneOf", "anyOf", "allOf", "not", "if", "dependentRequired"}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in validation_keywords and not (key == "additionalProperties" and isinstance(value, dict)):
                    assert key in TRANSLATED_KEYWORDS, f"{schema.name} använder {key}, som saknar svenskt felmeddelande"
                if key != "properties":
                    walk(value)
                else:
                    for child in value.values():
                        walk(child)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(contents)


def test_every_data_file_points_to_its_schema():
    """Each data file starts with the yaml-language-server line naming its schema, for live checks in the editor."""
    for data_file in sorted((ROOT / "data").rglob("*.yaml")):
        first = data_file.read_text(encoding="utf-8").splitlines()[0]
        relative = data_file.relative_to(ROOT / "data").with_suffix("")
        schema = ROOT / "schemas" / relative.parent / f"{relative.name}.schema.json"
        expected = Path("..", *[".."] * (len(relative.parts) - 1), "schemas", relative.parent, f"{relative.name}.schema.json")
        assert first == f"# yaml-language-server: $schema={expected.as_posix()}", data_file
        assert schema.is_file()
