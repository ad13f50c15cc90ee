"""Welcome on install and help on request."""

from __future__ import annotations

from dataclasses import dataclass

import cards
from dialogs.types import Incoming, Outcome, Reply
from services.conversations import ConversationService

HELP_PATTERN = r"\s*(help|hulp|\?|menu|wat kun je\??|what can you do\??)\s*[.!]*\s*"


@dataclass
class WelcomeDialog:
    """Greets new users and explains what Vraagbaak can do."""

    conversations: ConversationService

    async def welcome(self, incoming: Incoming) -> Outcome:
        """The app was installed: store where we are and say hello, once per conversation.

        Teams sends both installationUpdate and conversationUpdate for one install; only the
        first to store the conversation greets.
        """
        is_new = await self.conversations.remember(
            conversation_id=incoming.conversation_id, conversation_type=incoming.conversation_type,
            user_key=incoming.user.key if incoming.conversation_type == "personal" else None,
            tenant_id=incoming.tenant_id, reference=incoming.reference)
        if not is_new:
            return Outcome()
        return Outcome(replies=[Reply(card=cards.welcome_card(lang=incoming.lang, user_name=incoming.user.name))])

    async def help(self, incoming: Incoming) -> Outcome:
        """'help' or '?': what you can ask and how."""
        return Outcome(replies=[Reply(card=cards.help_card(lang=incoming.lang))])
