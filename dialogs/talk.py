"""Every typed message that is no exact command: small talk, a command in everyday words, a language choice, or
else a question for the FAQ."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.faq import FaqDialog
from dialogs.tickets import TicketDialog
from dialogs.types import Incoming, Outcome, Reply
from dialogs.welcome import WelcomeDialog
from i18n import t
from i18n.messages.smalltalk import SMALL_TALK_REPLY
from services.directory import DirectoryService, applications_of
from services.language import LanguageService
from services.utterances import MAX_SMALL_TALK_TOKENS, CommandKind, command, small_talk, tokens

MAX_COMMAND_TOKENS = 4 * MAX_SMALL_TALK_TOKENS
"""Longer messages are questions: the applications are not even looked up for them."""


@dataclass
class TalkDialog:
    """The catch-all message flow: recognises what a message is before the FAQ is asked."""

    faq: FaqDialog
    welcome: WelcomeDialog
    languages: LanguageService
    directory: DirectoryService | None = None
    tickets: TicketDialog | None = None

    async def converse(self, incoming: Incoming) -> Outcome:
        """Small talk gets a short reply, a command its flow, anything else goes to the FAQ."""
        kind = small_talk(incoming.text)
        if kind is not None:
            await self.faq.remember(incoming)
            return Outcome(replies=[Reply(text=t(SMALL_TALK_REPLY[kind], incoming.lang))])
        found = command(incoming.text, await self._applications(incoming.text))
        if found is None:
            return await self.faq.ask(incoming)
        if found.kind == CommandKind.HELP:
            return await self.welcome.help(incoming)
        if found.kind == CommandKind.LANGUAGE and found.language and self.directory is not None:
            await self.languages.choose(incoming.user.key, found.language)
            return Outcome(replies=[Reply(text=t("language.chosen", found.language))])
        if found.kind == CommandKind.MY_TICKETS and self.tickets is not None:
            return await self.tickets.my_tickets(incoming)
        if found.kind == CommandKind.KEY_USERS and self.tickets is not None:
            return await self.tickets.who_is_my_key_user(incoming, found.application)
        return await self.faq.ask(incoming)

    async def _applications(self, text: str) -> list[str]:
        """The applications of the key-user groups, for a message short enough to be a command."""
        if self.directory is None or len(tokens(text)) > MAX_COMMAND_TOKENS:
            return []
        return applications_of(await self.directory.groups())
