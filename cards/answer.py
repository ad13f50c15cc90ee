"""The answer card: one FAQ answer with feedback buttons, and its state after feedback."""

from __future__ import annotations

from typing import Any

from cards.common import action_set, adaptive_card, execute, heading, teams_markdown, text
from i18n import t
from vocabulary.actions import ASK_KEY_USER, FEEDBACK, Feedback, QuestionClick

FEEDBACK_STATES = ("helpful", "not_helpful")


def ask_key_user_action(question_id: int, lang: str, title_key: str = "card.ask_key_user") -> dict[str, Any]:
    """The button that passes question `question_id` on to a key user."""
    return execute(ASK_KEY_USER, t(title_key, lang), QuestionClick(question_id=question_id))


def answer_body(entry: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Question, answer and application of one FAQ entry."""
    return [
        heading(entry["question"]),
        text(teams_markdown(entry["answer"])),
        text(t("card.answer.application", lang, application=entry["application"]), isSubtle=True, size="Small"),
    ]


def answer_card(*, question_id: int, entry: dict[str, Any], lang: str, feedback: str | None = None) -> dict[str, Any]:
    """Answer card; with `feedback` ('helpful'/'not_helpful') its after-state."""
    if feedback is not None and feedback not in FEEDBACK_STATES:
        raise ValueError(f"feedback must be one of {FEEDBACK_STATES} or None, got {feedback!r}")
    body = answer_body(entry, lang)
    if feedback is None:
        entry_id = str(entry["id"])
        yes = Feedback(question_id=question_id, entry_id=entry_id, helpful=True)
        no = Feedback(question_id=question_id, entry_id=entry_id, helpful=False)
        body.append(text(t("card.answer.helpful_question", lang), weight="Bolder", separator=True, spacing="Medium"))
        body.append(
            action_set(
                execute(FEEDBACK, t("card.answer.yes", lang), yes, style="positive"),
                execute(FEEDBACK, t("card.answer.no", lang), no),
            )
        )
        return adaptive_card(body, [ask_key_user_action(question_id, lang)])
    if feedback == "helpful":
        body.append(text(t("card.answer.thanks_helpful", lang), separator=True, spacing="Medium", color="Good"))
        return adaptive_card(body)
    body.append(text(t("card.answer.thanks_not_helpful", lang), separator=True, spacing="Medium"))
    return adaptive_card(body, [ask_key_user_action(question_id, lang)])
