"""Conversation flows as plain async code over the domain services."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dialogs.router import Flow, Hook, Router
from dialogs.types import Incoming, Outcome, Reply, User
from i18n import language_for
from vocabulary.actions import ASK_KEY_USER

if TYPE_CHECKING:
    from services.announcements import AnnouncementService
    from services.conversations import ConversationService
    from services.directory import DirectoryService
    from services.faq import FaqService
    from services.questions import QuestionService
    from services.release_watch import ReleaseWatchService
    from services.tickets import TicketService


def language_hook(default_language: str = "nl", follow_locale: bool = True) -> Hook:
    """The before-turn hook that sets `Incoming.lang` from the user's Teams locale under the configured policy."""

    def set_language(incoming: Incoming) -> Incoming:
        return replace(incoming, lang=language_for(incoming.locale, default_language, follow_locale))

    return set_language


def build_router(
    *,
    faq: "FaqService",
    questions: "QuestionService",
    conversations: "ConversationService",
    tickets: "TicketService | None" = None,
    directory: "DirectoryService | None" = None,
    announcements: "AnnouncementService | None" = None,
    release_watch: "ReleaseWatchService | None" = None,
    default_language: str = "nl",
    follow_locale: bool = True,
) -> Router:
    """The router with every dialog registered; commands come before the catch-all question flow."""
    from dialogs.announcements import MINE_PATTERN, NEW_PATTERN, AnnouncementDialog
    from dialogs.faq import FaqDialog
    from dialogs.tickets import (
        LINK_PATTERN,
        MY_TICKETS_PATTERN,
        OPEN_TICKETS_PATTERN,
        WHO_PATTERN,
        TicketDialog,
    )
    from dialogs.welcome import HELP_PATTERN, WelcomeDialog
    from services.intents import KEY_USERS, MY_TICKETS

    router = Router()
    router.before(language_hook(default_language, follow_locale))
    welcome = WelcomeDialog(conversations, directory)
    ticket_dialog = None
    intents: dict[str, Flow] = {}
    if tickets is not None and directory is not None:
        ticket_dialog = TicketDialog(tickets, directory, questions, default_language)
        intents = {KEY_USERS: ticket_dialog.who_is_my_key_user, MY_TICKETS: ticket_dialog.my_tickets}
    faq_dialog = FaqDialog(faq, questions, conversations, intents)
    announcement_dialog = None
    if announcements is not None and directory is not None:
        announcement_dialog = AnnouncementDialog(announcements, directory, conversations, clock=announcements.clock)

    router.on_install(welcome.welcome)
    # Typed commands, in the order they are tried: the first pattern matching the whole text wins.
    commands: list[tuple[str, Flow]] = [(HELP_PATTERN, welcome.help)]
    if ticket_dialog is not None:
        commands += [
            (MY_TICKETS_PATTERN, ticket_dialog.my_tickets),
            (OPEN_TICKETS_PATTERN, ticket_dialog.open_tickets),
            (LINK_PATTERN, ticket_dialog.link_channel),
            (WHO_PATTERN, ticket_dialog.who_is_my_key_user),
        ]
    if announcement_dialog is not None:
        commands += [(NEW_PATTERN, announcement_dialog.new), (MINE_PATTERN, announcement_dialog.mine)]
    for pattern, flow in commands:
        router.on_message_pattern(pattern)(flow)
    router.on_message(faq_dialog.ask)  # the catch-all, last: the router refuses a pattern after it

    faq_dialog.register(router)
    if ticket_dialog is not None:
        ticket_dialog.register(router)
    else:
        router.action(ASK_KEY_USER)(faq_dialog.escalate_only)
    if announcement_dialog is not None:
        announcement_dialog.register(router)
    if release_watch is not None:
        from dialogs.release_watch import ReleaseWatchDialog

        ReleaseWatchDialog(release_watch).register(router)
    return router


__all__ = ["Router", "Incoming", "Outcome", "Reply", "User", "build_router", "language_hook"]
