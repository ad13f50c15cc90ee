"""The suggestions card: up to three FAQ entries, each with its answer, to choose from."""

from __future__ import annotations

from typing import Any

from cards.answer import ask_key_user_action
from cards.common import action_set, adaptive_card, execute, teams_markdown, text
from i18n import t
from vocabulary.actions import CHOOSE, Choice

MAX_SUGGESTIONS = 3


def _choice(index: int, entry: dict[str, Any], question_id: int, lang: str) -> dict[str, Any]:
    """One suggestion: its question, a toggle, and its hidden answer with a choose button."""
    answer_id = f"suggestion-{index}-answer"
    return {
        "type": "Container",
        "separator": True,
        "spacing": "Medium",
        "items": [
            text(entry["question"], weight="Bolder"),
            text(
                t("card.answer.application", lang, application=entry["application"]),
                isSubtle=True,
                size="Small",
                spacing="None",
            ),
            action_set(
                {
                    "type": "Action.ToggleVisibility",
                    "title": t("card.suggestions.show_answer", lang),
                    "targetElements": [answer_id],
                }
            ),
            {
                "type": "Container",
                "id": answer_id,
                "isVisible": False,
                "style": "emphasis",
                "items": [
                    text(teams_markdown(entry["answer"])),
                    action_set(
                        execute(
                            CHOOSE,
                            t("card.suggestions.choose", lang),
                            Choice(question_id=question_id, entry_id=str(entry["id"])),
                            style="positive",
                        )
                    ),
                ],
            },
        ],
    }


def suggestions_card(*, question_id: int, entries: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Card offering the first three of `entries`, plus a way out to a key user."""
    if not entries:
        raise ValueError("suggestions_card needs at least one entry")
    body = [
        text(t("card.suggestions.title", lang), size="Medium", weight="Bolder", style="heading"),
        text(t("card.suggestions.intro", lang)),
    ]
    body += [_choice(i, entry, question_id, lang) for i, entry in enumerate(entries[:MAX_SUGGESTIONS], start=1)]
    return adaptive_card(body, [ask_key_user_action(question_id, lang, "card.suggestions.none")])
