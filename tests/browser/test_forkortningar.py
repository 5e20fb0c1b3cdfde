"""Abbreviations are explained on hover and on keyboard focus, with the words from data/begrepp.yaml."""

from __future__ import annotations

import yaml

from tests.browser.conftest import open_page
from tests.conftest import ROOT

FORKORTNINGAR = yaml.safe_load((ROOT / "data" / "begrepp.yaml").read_text(encoding="utf-8"))["forkortningar"]


def test_first_abbreviation_on_a_page_explains_itself_on_keyboard_focus(context, server):
    """Tabbing to the first BRÅ on the measures page shows its explanation as a tooltip tied to it."""
    bra = next(f for f in FORKORTNINGAR if f["forkortning"] == "BRÅ")
    page = open_page(context, server + "/plan/insatser/")
    focusable = page.locator("article abbr[tabindex='0']")
    assert focusable.count() == 1, "bara första förekomsten av varje förkortning ska vara ett tabbstopp"
    page.keyboard.press("Tab")
    focusable.focus()
    tooltip_id = focusable.get_attribute("aria-describedby")
    tooltip = page.locator(f"#{tooltip_id}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == bra["betydelse"]


def test_every_abbreviation_is_reachable_once_per_page(context, server):
    """Each abbreviation on a page is one tab stop, however often it appears."""
    page = open_page(context, server + "/plan/definitioner/")
    assert page.locator("article abbr[tabindex='0']").all_inner_texts() == ["HBT"]
