"""Conversation flows as plain async code over the domain services."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Awaitable, Callable

from dialogs.router import Flow, Router
from dialogs.types import Incoming, Outcome, Reply, User
from vocabulary.actions import ASK_KEY_USER

if TYPE_CHECKING:
    from services.announcements import AnnouncementService
    from services.conversations import ConversationService
    from services.directory import DirectoryService
    from services.faq import FaqService
    from services.language import LanguageService
    from services.learning import LearningService
    from services.questions import QuestionService
    from services.release_watch import ReleaseWatchService
    from services.sign_in import TeamsSignIn
    from services.tickets import TicketService


def language_hook(languages: "LanguageService") -> Callable[[Incoming], Awaitable[Incoming]]:
    """The before-turn hook that sets `Incoming.lang`: a message's own language, else the stored one, else locale."""

    async def set_language(incoming: Incoming) -> Incoming:
        if incoming.kind == "message":
            lang = await languages.for_message(incoming.user.key, incoming.text, incoming.locale)
        else:
            lang = await languages.for_action(incoming.user.key, incoming.locale)
        return replace(incoming, lang=lang)

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
    learning: "LearningService | None" = None,
    default_language: str = "nl",
    follow_locale: bool = True,
    sign_in: "TeamsSignIn | None" = None,
) -> Router:
    """The router with every dialog registered; commands come before the catch-all question flow."""
    from dialogs.announcements import MINE_PATTERN, NEW_PATTERN, AnnouncementDialog
    from dialogs.faq import FaqDialog
    from dialogs.talk import TalkDialog
    from dialogs.tickets import LINK_PATTERN, OPEN_TICKETS_PATTERN, TicketDialog
    from dialogs.welcome import WelcomeDialog
    from services.intents import KEY_USERS, MY_TICKETS
    from services.language import LanguageService

    router = Router()
    languages = LanguageService(directory, default_language, follow_locale)
    router.before(language_hook(languages))
    welcome = WelcomeDialog(conversations, directory)
    ticket_dialog = None
    intents: dict[str, Flow] = {}
    if tickets is not None and directory is not None:
        ticket_dialog = TicketDialog(tickets, directory, questions, default_language)
        intents = {KEY_USERS: ticket_dialog.who_is_my_key_user, MY_TICKETS: ticket_dialog.my_tickets}
    faq_dialog = FaqDialog(faq, questions, conversations, intents)
    announcement_dialog = None
    if announcements is not None and directory is not None:
        announcement_dialog = AnnouncementDialog(
            announcements, directory, conversations, clock=announcements.clock, sign_in=sign_in
        )

    router.on_install(welcome.welcome)
    # Exact commands, in the order they are tried: the first pattern matching the whole text wins. Help, 'mijn
    # vragen', 'wie is mijn kerngebruiker' and 'taal en' come in everyday words: the catch-all recognises them.
    commands: list[tuple[str, Flow]] = []
    if ticket_dialog is not None:
        commands += [
            (OPEN_TICKETS_PATTERN, ticket_dialog.open_tickets),
            (LINK_PATTERN, ticket_dialog.link_channel),
        ]
    if announcement_dialog is not None:
        commands += [(NEW_PATTERN, announcement_dialog.new), (MINE_PATTERN, announcement_dialog.mine)]
    golive_dialog = None
    if announcements is not None and directory is not None:
        from dialogs.golive import GOLIVE_PATTERN, GoLiveDialog
        from services.golive import GoLiveService

        golive_dialog = GoLiveDialog(
            GoLiveService(announcements), directory, content_language=default_language, clock=announcements.clock
        )
        commands.append((GOLIVE_PATTERN, golive_dialog.form))
    learning_dialog = None
    if learning is not None:
        from dialogs.learning import REVIEW_PATTERN, LearningDialog

        learning_dialog = LearningDialog(learning)
        commands.append((REVIEW_PATTERN, learning_dialog.review))
    for pattern, flow in commands:
        router.on_message_pattern(pattern)(flow)
    talk = TalkDialog(faq_dialog, welcome, languages, directory, ticket_dialog)
    router.on_message(talk.converse)  # the catch-all, last: the router refuses a pattern after it

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
    if learning_dialog is not None:
        learning_dialog.register(router)
    if golive_dialog is not None:
        golive_dialog.register(router)
    return router


__all__ = ["Router", "Incoming", "Outcome", "Reply", "User", "build_router", "language_hook"]
