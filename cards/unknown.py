"""Cards for questions the bot cannot answer: 'dat weet ik niet' and 'passed on'."""

from __future__ import annotations

from typing import Any

from cards.answer import ask_key_user_action
from cards.common import adaptive_card, heading, quote, text
from i18n import t


def _quoted(question: str) -> dict[str, Any]:
    """The user's own question, shown back in a subtle block."""
    return {"type": "Container", "style": "emphasis", "items": [text(quote(question), isSubtle=True)]}


def unknown_card(*, question_id: int, question: str, lang: str) -> dict[str, Any]:
    """Honest 'I don't know' with a button to ask a key user."""
    body = [
        heading(t("card.unknown.title", lang)),
        text(t("card.unknown.text", lang)),
        _quoted(question),
        text(t("card.unknown.hint", lang)),
    ]
    return adaptive_card(body, [ask_key_user_action(question_id, lang)])


def escalated_card(*, question_id: int, question: str, lang: str) -> dict[str, Any]:
    """Confirmation that question `question_id` is recorded as unanswered for the key users."""
    body = [
        heading(t("card.escalated.title", lang)),
        text(t("card.escalated.text", lang)),
        _quoted(question),
        text(t("card.escalated.honest", lang)),
    ]
    return adaptive_card(body)
