"""make check (python -m verktyg.kontrollera): every broken fixture gives its one-line located message, never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros import define_env, macro_table
from tests import projekt
from tests.conftest import ROOT
from verktyg import kontrollera, run

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = "# förväntat: "
LINE = re.compile(r"^(data|docs|arkiv)/[^:\s]+:[0-9]+: \S+: .+$")


def expected_messages(fixture: Path) -> list[str]:
    """The messages a fixture's header promises."""
    return [line.removeprefix(EXPECTED) for line in fixture.read_bytes().decode("utf-8", "replace").splitlines() if line.startswith(EXPECTED)]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One clean project copy; each test restores what it breaks."""
    return projekt.copy_project(tmp_path_factory.mktemp("kontroll") / "projekt")


def run_check(project: Path, capsys) -> tuple[int, list[str]]:
    """Run the command in-process on a project; its exit code and the lines it printed."""
    code = run(kontrollera.main, ["--root", str(project)])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out.splitlines()


def errors(lines: list[str]) -> list[str]:
    """The problem lines, without advice and the summary."""
    return [line for line in lines if LINE.match(line) and ": varning: " not in line]


DATA_FIXTURES = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("fixture", DATA_FIXTURES, ids=lambda p: p.stem)
def test_broken_data_fixture_gives_exactly_its_located_messages(project, fixture, capsys):
    """Each broken data file: exit code 1, exactly the expected FILE:LINE: path: message lines, and a summary."""
    name = fixture.name.split("__")[0].replace("forms-", "forms/")
    target = project / "data" / f"{name}.yaml"
    original = target.read_bytes()
    shutil.copy(fixture, target)
    try:
        code, lines = run_check(project, capsys)
    finally:
        target.write_bytes(original)
    assert code == 1
    assert errors(lines) == expected_messages(fixture)
    assert re.match(r"^Kontrollen hittade [0-9]+ fel i 1 fil\. ", lines[-1])
    assert not any("Traceback" in line for line in lines)


MARKDOWN_FIXTURES = sorted((FIXTURES / "markdown" / "invalid").glob("*.md"))


def check_with_page(project, fixture, capsys) -> tuple[int, list[str]]:
    """Run the check with a fixture page added to docs/, then take the page away again."""
    target = project / "docs" / fixture.name
    shutil.copy(fixture, target)
    try:
        return run_check(project, capsys)
    finally:
        target.unlink()


@pytest.mark.parametrize("fixture", MARKDOWN_FIXTURES, ids=lambda p: p.stem)
def test_broken_markdown_fixture_gives_exactly_its_located_messages(project, fixture, capsys):
    """Each broken page: Jinja syntax, unknown macro, '{#', a link to a missing page, not UTF-8."""
    code, lines = check_with_page(project, fixture, capsys)
    assert code == 1
    assert errors(lines) == expected_messages(fixture)


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "markdown" / "valid").glob("*.md")), ids=lambda p: p.stem)
def test_valid_markdown_fixture_passes(project, fixture, capsys):
    """Anchors written { #id }, links that exist, and links inside code are fine."""
    code, lines = check_with_page(project, fixture, capsys)
    assert (code, errors(lines)) == (0, [])


def test_every_message_is_one_located_line_in_swedish(project, capsys):
    """All fixtures at once: every line is FILE:LINE: path: message, and none is English or a traceback."""
    originals = {}
    for fixture in DATA_FIXTURES:
        target = project / "data" / f"{fixture.name.split('__')[0].replace('forms-', 'forms/')}.yaml"
        originals.setdefault(target, target.read_bytes())
        shutil.copy(fixture, target)
    for fixture in MARKDOWN_FIXTURES:
        shutil.copy(fixture, project / "docs" / fixture.name)
    try:
        code, lines = run_check(project, capsys)
    finally:
        for target, content in originals.items():
            target.write_bytes(content)
        for fixture in MARKDOWN_FIXTURES:
            (project / "docs" / fixture.name).unlink()
    assert code == 1
    problems = lines[:-1]
    assert len(problems) >= len(MARKDOWN_FIXTURES) + 5
    for line in problems:
        assert LINE.match(line), line
        assert not re.search(r"\b(is|not|expected|unexpected|error|found|the)\b", line.split(": ", 2)[2].lower()), line


def test_the_real_project_passes_with_advice_only(capsys):
    """The real data and pages have no problems; the passed validity and missing statuses are advice."""
    code, lines = run_check(ROOT, capsys)
    assert code == 0, "\n".join(lines)
    assert errors(lines) == []
    assert any(line.startswith("data/plan.yaml:") and "$.galler_till: varning: planen gäller till 2018" in line for line in lines)
    assert re.match(r"^Inga fel\. [0-9]+ varningar\.$", lines[-1])


def test_the_command_line_exits_non_zero_and_prints_no_traceback(project):
    """python -m verktyg.kontrollera as an editor runs it: exit code 1 and the located line on stdout."""
    roller = project / "data" / "roller.yaml"
    original = roller.read_text(encoding="utf-8")
    roller.write_text(original.replace("    namn: Polisen", "\tnamn: Polisen"), encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "verktyg.kontrollera", "--root", str(project)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        roller.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    line = next(i for i, text in enumerate(original.splitlines(), 1) if "namn: Polisen" in text)
    assert f"data/roller.yaml:{line}: $: YAML-syntaxfel: tabbtecken i indraget; använd mellanslag för att dra in rader" in result.stdout.splitlines()
    assert "Traceback" not in result.stdout + result.stderr


def test_an_internal_error_is_one_line_not_a_traceback(project, capsys, monkeypatch):
    """A bug in the tool itself gives exit code 2 and one Swedish line that names the error."""
    monkeypatch.delenv("KP_FELSOKNING", raising=False)

    def broken(*_args):
        raise RuntimeError("något gick sönder\ni verktyget")

    monkeypatch.setattr(kontrollera, "check_markdown", broken)
    code = run(kontrollera.main, ["--root", str(project)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.splitlines() == [
        "Internt fel i verktyget (RuntimeError: något gick sönder i verktyget). Kontakta den som underhåller webbplatsen och skicka med den här raden."
    ]
    assert "Traceback" not in captured.out + captured.err


def test_the_macro_names_are_exactly_what_define_env_registers():
    """macro_table lists every macro without mkdocs or data, and define_env registers exactly those."""

    class Env:
        """The parts of mkdocs-macros' env that define_env uses."""

        project_dir = str(ROOT)
        conf = {"docs_dir": str(ROOT / "docs"), "mdx_configs": {}, "extra": {}}
        registered: list[str] = []

        def macro(self, function, name):
            self.registered.append(name)

    env = Env()
    define_env(env)
    assert sorted(env.registered) == sorted(macro_table(None, None))
    assert set(macro_table(None, None)) <= kontrollera.macro_names()
    assert {"rubrik", "versionshistorik", "vad_har_andrats", "now", "range"} <= kontrollera.macro_names()
