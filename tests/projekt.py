"""A temporary copy of the project, and a made-up example revision of the plan (version 2) for the archive and change tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT

SOURCES = ("data", "schemas", "docs", "macros", "overrides", "verktyg", "arkiv")


def copy_project(dest: Path) -> Path:
    """Copy what a build, a check or a publish needs into dest; return dest."""
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def replace(path: Path, old: str, new: str) -> None:
    """Replace one exact passage of a file; fail if it is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} står inte exakt en gång"
    path.write_text(text.replace(old, new), encoding="utf-8")


# The made-up version 2. None of it is real: it only exists in temporary copies made by tests.
VERSION_2 = {"version": 2, "beslutande": "Kommunstyrelsen", "datum": "2019-05-15", "paragraf": "§ 99", "mandatperiod": "2018–2022"}
NY_INSATS = "Exempel: dialog med föreningslivet"
NYTT_TECKEN = "Exempel: ett nytt tecken i version 2"
BORTTAGET_TECKEN = "Ändrar utseende och klädsel"
NY_ROLL = "Exempel: föreningslivet"
BORTTAGEN_ROLL = "Inter-religiösa samfund och/eller organisationer"
GAMMAL_MENING = "Vid sidan av denna lokalanpassade handlingsplan finns ett strategidokument"
NY_MENING = "Exempel: en mening som version 2 har i stället."


def revise(project: Path) -> None:
    """Make the example revision: version 2 with one measure added, one removed and one changed, a sign and a role added and removed, and new text."""
    data = project / "data"
    v = VERSION_2
    replace(data / "plan.yaml", 'galler_till: "2018"\n', 'galler_till: "2022"\n')
    replace(data / "plan.yaml", "versioner:\n", (
        "versioner:\n"
        f"  - version: {v['version']}\n    beslutande: {v['beslutande']}\n    datum: \"{v['datum']}\"\n"
        f"    paragraf: \"{v['paragraf']}\"\n    mandatperiod: \"{v['mandatperiod']}\"\n"
        "    andringar:\n      - \"Exempel: en påhittad ändring för testerna.\"\n"
    ))
    insatser = data / "insatser.yaml"
    replace(insatser, (
        "      - id: generella-samverkan\n        vad: Samverkan\n"
        '        vem: "Berörda aktörer till samordnare, samordnare till berörda aktörer"\n'
        "        roller: [berorda-aktorer, samordnare]\n        hur: Dialog\n"
        "        nar: Månadsvis eller vid upptäckt\n        avstamning: Vid behov till samordnare\n"
    ), "")
    replace(insatser, (
        "        vem: Erbjuds alla förvaltningar\n        roller: [alla-forvaltningar]\n"
        '        hur: "Föreläsning, informationsmaterial"\n        nar: Årligen\n'
    ), (
        '        vem: "Erbjuds alla förvaltningar och föreningslivet"\n        roller: [alla-forvaltningar, foreningsliv]\n'
        '        hur: "Föreläsning, informationsmaterial"\n        nar: Varje termin\n'
    ))
    replace(insatser, "      - id: generella-vardegrundsarbete\n", (
        f"      - id: generella-foreningsdialog\n        vad: \"{NY_INSATS}\"\n        vem: Föreningslivet\n"
        "        roller: [foreningsliv]\n        hur: Dialogmöte\n        nar: Årligen\n        avstamning: Till samordnare\n"
        "      - id: generella-vardegrundsarbete\n"
    ))
    replace(data / "tecken.yaml", f"      - {BORTTAGET_TECKEN}\n", f'      - "{NYTT_TECKEN}"\n')
    roller = data / "roller.yaml"
    replace(roller, f"  - id: religiosa-samfund\n    namn: {BORTTAGEN_ROLL}\n", f'  - id: foreningsliv\n    namn: "{NY_ROLL}"\n')
    replace(data / "ansvar.yaml", "roller: [samordnare, integrationssamordnare, religiosa-samfund]", "roller: [samordnare, integrationssamordnare]")
    pages = project / "docs" / "mitt-ansvar"
    if pages.is_dir():  # each role has its page under Mitt ansvar
        (pages / "religiosa-samfund.md").unlink()
        (pages / "foreningsliv.md").write_text('{{ mitt_ansvar("foreningsliv") }}\n', encoding="utf-8")
    inledning = project / "docs" / "plan" / "inledning.md"
    text = inledning.read_text(encoding="utf-8")
    start = text.index(GAMMAL_MENING)
    end = text.index("\n", start)
    inledning.write_text(text[:start] + NY_MENING + text[end:], encoding="utf-8")
