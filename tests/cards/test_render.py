"""Cards rendered by Microsoft's `adaptivecards` JS renderer in headless Chromium, with screenshots."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from i18n import t
from tests.cards.samples import ENTRIES, QUESTION, all_cards
from tests.support.requirements import ROOT, require, require_chromium, require_node_modules

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "tests" / "cards" / "render_cards.mjs"
ARTIFACTS = ROOT / "test-artifacts"


def clicks(lang: str) -> list[dict]:
    """The buttons the renderer test presses, by their visible title."""
    return [
        {"name": "answer", "lang": lang, "title": t("card.answer.yes", lang)},
        {"name": "answer", "lang": lang, "title": t("card.answer.no", lang)},
        {"name": "answer", "lang": lang, "title": t("card.ask_key_user", lang)},
        {"name": "suggestions", "lang": lang, "title": t("card.suggestions.show_answer", lang), "index": 1},
        {"name": "suggestions", "lang": lang, "title": t("card.suggestions.choose", lang)},
        {"name": "unknown", "lang": lang, "title": t("card.ask_key_user", lang)},
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict:
    """Run render_cards.mjs once over every card in nl and en."""
    require_node_modules("adaptivecards", "playwright-core", "markdown-it")
    chromium = os.environ.get("CHROMIUM_PATH") or require_chromium()
    spec = {
        "chromium": chromium,
        "langs": ["nl", "en"],
        "cards": [{"name": name, "lang": lang, "card": card} for name, lang, card in all_cards()],
        "clicks": clicks("nl") + clicks("en"),
        "artifacts": str(ARTIFACTS),
    }
    path = tmp_path_factory.mktemp("render") / "input.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    run = subprocess.run(["node", str(SCRIPT), str(path)], cwd=ROOT, capture_output=True, text=True, timeout=180)
    require("Executable doesn't exist" not in run.stderr, f"Chromium could not be started: {run.stderr[-500:]}")
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


def by_name(rendered: dict, name: str, lang: str) -> dict:
    """The renderer's report for one card."""
    return next(c for c in rendered["cards"] if c["name"] == name and c["lang"] == lang)


def test_every_card_renders_without_renderer_warnings(rendered):
    assert rendered["renderer"].split(".")[0] == "3", "the official adaptivecards 3.x renderer"
    assert rendered["pageErrors"] == []
    assert len(rendered["cards"]) == len(all_cards())
    for card in rendered["cards"]:
        label = f"{card['name']}-{card['lang']}"
        assert card["rendered"], label
        assert card["parseEvents"] == [], label
        assert card["validationEvents"] == [], label
        assert card["text"].strip(), label


def test_screenshots_are_kept_as_artefacts(rendered):
    assert sorted(rendered["screenshots"]) == [str(ARTIFACTS / "cards-en.png"), str(ARTIFACTS / "cards-nl.png")]
    for shot in rendered["screenshots"]:
        with open(shot, "rb") as png:
            assert png.read(8) == b"\x89PNG\r\n\x1a\n"
        assert os.path.getsize(shot) > 10_000


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_answer_card_shows_markdown_and_buttons(rendered, lang):
    card = by_name(rendered, "answer", lang)
    assert "Wachtwoord herstellen" in card["text"] and "**" not in card["text"] and "##" not in card["text"]
    assert "Vul je e-mailadres in." in card["text"]
    assert t("card.answer.helpful_question", lang) in card["text"]
    assert card["buttons"] == [t("card.answer.yes", lang), t("card.answer.no", lang), t("card.ask_key_user", lang)]
    assert by_name(rendered, "answer_helpful", lang)["buttons"] == []
    assert by_name(rendered, "answer_not_helpful", lang)["buttons"] == [t("card.ask_key_user", lang)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_buttons_send_the_contract_verbs_and_data(rendered, lang):
    executed = {
        (c["name"], c["title"], c.get("index", 0)): c["executed"] for c in rendered["clicks"] if c["lang"] == lang
    }
    key = ("answer", t("card.answer.yes", lang), 0)
    assert [(e["type"], e["verb"], e["data"]) for e in executed[key]] == [
        ("Action.Execute", "feedback", {"question_id": 42, "entry_id": "acc-001", "helpful": True})
    ]
    key = ("answer", t("card.answer.no", lang), 0)
    assert [(e["verb"], e["data"]) for e in executed[key]] == [
        ("feedback", {"question_id": 42, "entry_id": "acc-001", "helpful": False})
    ]
    for name in ("answer", "unknown"):
        key = (name, t("card.ask_key_user", lang), 0)
        assert [(e["verb"], e["data"]) for e in executed[key]] == [("ask_key_user", {"question_id": 42})]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_suggestion_answer_opens_and_can_be_chosen(rendered, lang):
    card = by_name(rendered, "suggestions", lang)
    assert ENTRIES[1]["question"] in card["text"]
    assert ENTRIES[1]["answer"].split("**")[0] not in card["text"], "answers start hidden"
    show = next(
        c for c in rendered["clicks"] if c["lang"] == lang and c["title"] == t("card.suggestions.show_answer", lang)
    )
    assert show["executed"] in (
        [],
        [
            {
                "key": f"suggestions-{lang}",
                "type": "Action.ToggleVisibility",
                "title": t("card.suggestions.show_answer", lang),
                "verb": None,
                "data": None,
            }
        ],
    )
    assert "Instellingen > Automatische antwoorden" in show["textAfter"]
    assert "Mijn account" not in show["textAfter"], "only the second answer was opened"
    choose = next(
        c for c in rendered["clicks"] if c["lang"] == lang and c["title"] == t("card.suggestions.choose", lang)
    )
    assert [(e["verb"], e["data"]) for e in choose["executed"]] == [
        ("choose", {"question_id": 42, "entry_id": "out-014"})
    ]


def test_unknown_card_quotes_the_question_in_dutch(rendered):
    card = by_name(rendered, "unknown", "nl")
    assert "Dat weet ik niet" in card["text"] and QUESTION in card["text"]
    assert card["buttons"] == ["Vraag het een kerngebruiker"]
