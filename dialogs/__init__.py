"""Conversation flows as plain async code over the domain services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.router import Router
from dialogs.types import Incoming, Outcome, Reply, User
from vocabulary import Verb

if TYPE_CHECKING:
    from services.conversations import ConversationService
    from services.directory import DirectoryService
    from services.faq import FaqService
    from services.questions import QuestionService
    from services.tickets import TicketService


def build_router(*, faq: "FaqService", questions: "QuestionService", conversations: "ConversationService",
                 tickets: "TicketService | None" = None, directory: "DirectoryService | None" = None,
                 default_language: str = "nl", follow_locale: bool = True) -> Router:
    """The router with every dialog registered; commands come before the catch-all question flow."""
    from dialogs.faq import FaqDialog
    from dialogs.tickets import TicketDialog
    from dialogs.welcome import WelcomeDialog
    from services.intents import KEY_USERS, MY_TICKETS

    router = Router()
    WelcomeDialog(conversations, default_language, follow_locale).register(router)
    intents = {}
    if tickets is not None and directory is not None:
        ticket_dialog = TicketDialog(tickets, directory, questions, default_language, follow_locale)
        ticket_dialog.register(router)
        intents = {KEY_USERS: ticket_dialog.who_is_my_key_user, MY_TICKETS: ticket_dialog.my_tickets}
    faq_dialog = FaqDialog(faq, questions, conversations, default_language, follow_locale, intents)
    faq_dialog.register(router)
    if tickets is None:
        router.on_action(Verb.ASK_KEY_USER)(faq_dialog.escalate_only)
    return router


__all__ = ["Router", "Incoming", "Outcome", "Reply", "User", "build_router"]
