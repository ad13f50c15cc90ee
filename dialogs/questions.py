"""The logged question a clicked card belongs to, shared by the flows whose cards carry one."""

from __future__ import annotations

from dialogs.types import Incoming, Outcome
from i18n import t
from services.questions import QuestionRefused, QuestionService, QuestionView


async def own_question(questions: QuestionService, incoming: Incoming, question_id: int) -> QuestionView | Outcome:
    """The clicked card's logged question when it is the clicker's own, else the polite answer to give instead."""
    try:
        return await questions.own(question_id, incoming.user.key)
    except QuestionRefused as refused:
        return Outcome(message=t(refused.key, incoming.lang))
