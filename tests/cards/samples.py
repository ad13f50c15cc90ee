"""Example FAQ entries and every card the bot can build, in both languages."""

from __future__ import annotations

from typing import Any, Callable

from cards import answer_card, escalated_card, help_card, suggestions_card, unknown_card, welcome_card

ENTRIES: list[dict[str, Any]] = [
    {
        "id": "acc-001",
        "application": "Microsoft 365",
        "question": "Ik ben mijn wachtwoord vergeten, hoe kom ik er weer in?",
        "answer": "## Wachtwoord herstellen\nGa naar **Mijn account** en kies *Wachtwoord opnieuw instellen*.\n\n"
        "1. Vul je e-mailadres in.\n2. Bevestig met de code uit je MFA-app.\n3. Kies een nieuw wachtwoord.",
    },
    {
        "id": "out-014",
        "application": "Outlook",
        "question": "Hoe stel ik mijn afwezigheidsmelding in?",
        "answer": "Kies in Outlook **Instellingen > Automatische antwoorden** en zet ze aan voor de periode van je afwezigheid.",
    },
    {
        "id": "zaak-007",
        "application": "Zaaksysteem",
        "question": "Hoe draag ik een zaak over aan een collega?",
        "answer": "Open de zaak, kies **Behandelaar wijzigen** en selecteer je collega.",
    },
    {
        "id": "zaak-008",
        "application": "Zaaksysteem",
        "question": "Waarom zie ik een zaak van mijn team niet?",
        "answer": "Je ziet alleen zaken van teams waarvoor je rechten hebt; vraag je leidinggevende om toegang.",
    },
]
QUESTION = "mijn printer op de derde verdieping print alles in het roze, wat nu?"
USER_QUESTION_ID = 42

CardFactory = Callable[[str], dict[str, Any]]

CARDS: dict[str, CardFactory] = {
    "answer": lambda lang: answer_card(question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang),
    "answer_helpful": lambda lang: answer_card(question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang, feedback="helpful"),
    "answer_not_helpful": lambda lang: answer_card(
        question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang, feedback="not_helpful"
    ),
    "suggestions": lambda lang: suggestions_card(question_id=USER_QUESTION_ID, entries=ENTRIES, lang=lang),
    "unknown": lambda lang: unknown_card(question_id=USER_QUESTION_ID, question=QUESTION, lang=lang),
    "escalated": lambda lang: escalated_card(question_id=USER_QUESTION_ID, question=QUESTION, lang=lang),
    "welcome": lambda lang: welcome_card(lang=lang, user_name="Fatima de Vries"),
    "welcome_anonymous": lambda lang: welcome_card(lang=lang, user_name=None),
    "help": lambda lang: help_card(lang=lang),
}


def all_cards() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, lang, card) for every card in nl and en."""
    return [(name, lang, make(lang)) for lang in ("nl", "en") for name, make in CARDS.items()]


def actions_of(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action on `card`, in the body's ActionSets and containers and at card level."""
    found: list[dict[str, Any]] = []

    def visit(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type", "").startswith("Action."):
                found.append(item)
            visit(item.get("items", []))
            visit(item.get("actions", []))

    visit(card["body"])
    visit(card.get("actions", []))
    return found


def texts_of(card: dict[str, Any]) -> str:
    """All text a reader sees on `card` (TextBlocks, facts, action titles), joined by newlines."""
    parts: list[str] = []

    def visit(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") == "TextBlock":
                parts.append(item["text"])
            if item.get("type") == "FactSet":
                parts.extend(f"{fact['title']} {fact['value']}" for fact in item["facts"])
            if "title" in item and item.get("type", "").startswith("Action."):
                parts.append(item["title"])
            visit(item.get("items", []))
            visit(item.get("actions", []))

    visit(card["body"])
    visit(card.get("actions", []))
    return "\n".join(parts)
