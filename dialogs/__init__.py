"""Conversation flows as plain async code over the domain services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.router import Router
from dialogs.types import Incoming, Outcome, Reply, User

if TYPE_CHECKING:
    from services.conversations import ConversationService
    from services.faq import FaqService
    from services.questions import QuestionService


def build_router(*, faq: "FaqService", questions: "QuestionService", conversations: "ConversationService",
                 default_language: str = "nl", follow_locale: bool = True) -> Router:
    """The router with every dialog registered; help comes before the catch-all question flow."""
    from dialogs.faq import FaqDialog
    from dialogs.welcome import WelcomeDialog

    router = Router()
    WelcomeDialog(conversations, default_language, follow_locale).register(router)
    FaqDialog(faq, questions, conversations, default_language, follow_locale).register(router)
    return router


__all__ = ["Router", "Incoming", "Outcome", "Reply", "User", "build_router"]
