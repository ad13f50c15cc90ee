"""Card contract: schema-valid in nl and en, verbs and data the dialogs rely on, honest texts."""

from __future__ import annotations

import copy
import json

import pytest

from cards import (
    HELP_COMMANDS,
    answer_card,
    card_attachment,
    escalated_card,
    help_card,
    suggestions_card,
    unknown_card,
    welcome_card,
)
from i18n import t
from tests.cards.samples import CARDS, ENTRIES, QUESTION, all_cards
from tests.cards.structure import structural_problems
from tests.support.cards import actions_of, execute_actions, texts_of

ALL = all_cards()
IDS = [f"{name}-{lang}" for name, lang, _ in ALL]


def schema_errors(validator, card: dict) -> list[str]:
    """Messages of the deepest schema errors for `card` (the schema's top-level anyOf hides them)."""
    messages = []
    for error in validator.iter_errors(card):
        leaves = [error]
        while any(e.context for e in leaves):
            leaves = [c for e in leaves for c in (e.context or [e])]
        messages += [f"{list(e.absolute_path)}: {e.message[:300]}" for e in leaves]
    return messages


def executes(card: dict) -> list[tuple[str, str, dict]]:
    """(title, verb, data) of every Action.Execute on `card`."""
    return [(a["title"], a["verb"], a["data"]) for a in execute_actions(card)]


@pytest.mark.parametrize(("name", "lang", "card"), ALL, ids=IDS)
def test_card_matches_official_schema(card_schema_validator, name, lang, card):
    assert schema_errors(card_schema_validator, card) == []


@pytest.mark.parametrize(("name", "lang", "card"), ALL, ids=IDS)
def test_card_structure_without_schema(name, lang, card):
    assert structural_problems(card) == []
    assert "lang" not in card, "the JS renderer rejects a card-level lang on every other card"
    assert json.loads(json.dumps(card)) == card


def test_schema_and_structure_checks_catch_broken_cards(card_schema_validator):
    card = CARDS["answer"]("nl")
    broken = copy.deepcopy(card)
    broken["actions"][0]["verb"] = 7
    assert any("7 is not of type 'string'" in m for m in schema_errors(card_schema_validator, broken))
    broken = copy.deepcopy(card)
    broken["body"][0]["colour"] = "Good"
    assert any("colour" in m for m in schema_errors(card_schema_validator, broken))
    broken = copy.deepcopy(card)
    broken["version"] = "1.6"
    broken["body"].append({"type": "TextBlock", "text": " "})
    broken["body"].append({"type": "Rating"})
    problems = structural_problems(broken)
    assert any("version" in p for p in problems)
    assert any("empty" in p for p in problems)
    assert any("Rating" in p for p in problems)
    toggling = copy.deepcopy(CARDS["suggestions"]("nl"))
    toggling["body"][2]["items"][3]["id"] = "elsewhere"
    assert any("toggles unknown element" in p for p in structural_problems(toggling))


def test_card_attachment_wraps_card():
    card = help_card(lang="nl")
    assert card_attachment(card) == {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_answer_card_shows_entry_and_feedback_buttons(lang):
    card = answer_card(question_id=7, entry=ENTRIES[0], lang=lang)
    shown = texts_of(card)
    assert ENTRIES[0]["question"] in shown
    assert "Vul je e-mailadres in." in shown
    assert t("card.answer.application", lang, application="Microsoft 365") in shown
    assert t("card.answer.helpful_question", lang) in shown
    assert executes(card) == [
        (t("card.answer.yes", lang), "feedback", {"question_id": 7, "entry_id": "acc-001", "helpful": True}),
        (t("card.answer.no", lang), "feedback", {"question_id": 7, "entry_id": "acc-001", "helpful": False}),
        (t("card.ask_key_user", lang), "ask_key_user", {"question_id": 7}),
    ]


def test_answer_card_is_dutch_by_default_texts():
    shown = texts_of(answer_card(question_id=1, entry=ENTRIES[1], lang="nl"))
    for dutch in ("Was dit nuttig?", "Ja", "Nee", "Vraag het een kerngebruiker", "Toepassing: Outlook"):
        assert dutch in shown
    shown_en = texts_of(answer_card(question_id=1, entry=ENTRIES[1], lang="en"))
    for english in ("Was this helpful?", "Yes", "No", "Ask a key user", "Application: Outlook"):
        assert english in shown_en
    assert "Was dit nuttig?" not in shown_en


def test_answer_markdown_is_reduced_to_what_teams_renders():
    card = answer_card(question_id=1, entry=ENTRIES[0], lang="nl")
    answer = card["body"][1]["text"]
    assert answer.startswith("**Wachtwoord herstellen**\n\nGa naar")
    assert "#" not in answer
    assert "\r" not in answer
    assert "1. Vul je e-mailadres in.\n2. Bevestig" in answer


def test_numeric_entry_id_is_sent_as_string():
    entry = {**ENTRIES[1], "id": 314}
    data = executes(answer_card(question_id=3, entry=entry, lang="nl"))[0][2]
    assert data == {"question_id": 3, "entry_id": "314", "helpful": True}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_answer_after_helpful_thanks_and_has_no_buttons(lang):
    card = answer_card(question_id=7, entry=ENTRIES[0], lang=lang, feedback="helpful")
    shown = texts_of(card)
    assert t("card.answer.thanks_helpful", lang) in shown
    assert ENTRIES[0]["question"] in shown
    assert actions_of(card) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_answer_after_not_helpful_still_offers_key_user(lang):
    card = answer_card(question_id=7, entry=ENTRIES[0], lang=lang, feedback="not_helpful")
    shown = texts_of(card)
    assert t("card.answer.thanks_not_helpful", lang) in shown
    assert t("card.answer.helpful_question", lang) not in shown
    assert executes(card) == [(t("card.ask_key_user", lang), "ask_key_user", {"question_id": 7})]


def test_answer_card_refuses_unknown_feedback_state():
    with pytest.raises(ValueError, match="feedback"):
        answer_card(question_id=1, entry=ENTRIES[0], lang="nl", feedback="maybe")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_suggestions_card_offers_three_choices_each_with_its_answer(lang):
    card = suggestions_card(question_id=9, entries=ENTRIES, lang=lang)
    shown = texts_of(card)
    for entry in ENTRIES[:3]:
        assert entry["question"] in shown
        assert entry["answer"].split("\n")[-1] in shown
    assert ENTRIES[3]["question"] not in shown
    assert executes(card) == [
        (t("card.suggestions.choose", lang), "choose", {"question_id": 9, "entry_id": "acc-001"}),
        (t("card.suggestions.choose", lang), "choose", {"question_id": 9, "entry_id": "out-014"}),
        (t("card.suggestions.choose", lang), "choose", {"question_id": 9, "entry_id": "zaak-007"}),
        (t("card.suggestions.none", lang), "ask_key_user", {"question_id": 9}),
    ]


def test_suggestion_answers_open_with_their_own_toggle():
    card = suggestions_card(question_id=9, entries=ENTRIES[:2], lang="nl")
    toggles = [a for a in actions_of(card) if a["type"] == "Action.ToggleVisibility"]
    assert [a["targetElements"] for a in toggles] == [["suggestion-1-answer"], ["suggestion-2-answer"]]
    hidden = [c for c in card["body"] if c["type"] == "Container"]
    assert [c["items"][3]["isVisible"] for c in hidden] == [False, False]
    assert "Geen van deze: vraag het een kerngebruiker" in texts_of(card)


def test_suggestions_card_needs_an_entry():
    with pytest.raises(ValueError):
        suggestions_card(question_id=1, entries=[], lang="nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unknown_card_is_honest_and_offers_key_user(lang):
    card = unknown_card(question_id=5, question=QUESTION, lang=lang)
    shown = texts_of(card)
    assert t("card.unknown.title", lang) in shown
    assert QUESTION in shown
    assert executes(card) == [(t("card.ask_key_user", lang), "ask_key_user", {"question_id": 5})]
    assert "Dat weet ik niet" in texts_of(unknown_card(question_id=5, question=QUESTION, lang="nl"))


def test_unknown_card_shortens_a_huge_question():
    card = unknown_card(question_id=5, question="waarom " * 2000, lang="nl")
    quoted = [tb for tb in card["body"] if tb["type"] == "Container"][0]["items"][0]["text"]
    assert len(quoted) <= 500 and quoted.endswith("…")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_escalated_card_promises_no_ticket(lang):
    card = escalated_card(question_id=5, question=QUESTION, lang=lang)
    shown = texts_of(card)
    assert QUESTION in shown
    assert t("card.escalated.honest", lang) in shown
    assert actions_of(card) == []
    if lang == "nl":
        assert "onbeantwoorde vraag" in shown and "nog geen ticket" in shown


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_welcome_card_greets_by_name_and_points_to_help(lang):
    shown = texts_of(welcome_card(lang=lang, user_name="Fatima de Vries"))
    assert t("card.welcome.title_named", lang, name="Fatima de Vries") in shown
    assert "**help**" in shown
    assert t("card.welcome.examples", lang) in shown
    anonymous = texts_of(welcome_card(lang=lang, user_name="  "))
    assert t("card.welcome.title", lang) in anonymous


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_card_lists_commands(lang):
    card = help_card(lang=lang)
    facts = [c for c in card["body"] if c["type"] == "FactSet"][0]["facts"]
    assert facts[0] == {"title": "help / ?", "value": t("card.help.command_help", lang)}
    assert [f["title"] for f in facts[1:]] == [
        t(f"card.help.{key}", lang)
        for key in ("my_questions", "key_users", "open_tickets", "link", "learned", "golive", "language")
    ]
    assert HELP_COMMANDS == ("help", "?")
    assert t("card.help.outcomes", lang) in texts_of(card)


def test_every_card_has_distinct_text_per_language():
    for name, make in CARDS.items():
        assert texts_of(make("nl")) != texts_of(make("en")), name


def test_teams_markdown_turns_headings_into_bold_paragraphs_and_keeps_lists():
    from cards.common import teams_markdown

    assert teams_markdown("## Stappen\r\nDoe dit:\n\n\n\n# Klaar #\n- een\r\n- twee\n") == (
        "**Stappen**\n\nDoe dit:\n\n**Klaar**\n\n- een\n- twee"
    )
    assert teams_markdown("#hashtag blijft staan") == "#hashtag blijft staan"
