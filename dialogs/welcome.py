"""Welcome on install and help on request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cards
from dialogs.types import Incoming, Outcome, Reply
from services.conversations import ConversationService
from services.directory import DirectoryService
from vocabulary import GroupKind


@dataclass
class WelcomeDialog:
    """Greets new users and explains what Vraagbaak can do."""

    conversations: ConversationService
    directory: DirectoryService | None = None

    async def welcome(self, incoming: Incoming) -> Outcome:
        """The app was installed: store where we are and say hello, once per conversation.

        Teams sends both installationUpdate and conversationUpdate for one install; only the
        first to store the conversation greets. A team channel or group chat gets a welcome of its own.
        """
        is_new = await self.conversations.remember(
            conversation_id=incoming.conversation_id,
            conversation_type=incoming.conversation_type,
            user_key=incoming.user.key,
            tenant_id=incoming.tenant_id,
            reference=incoming.reference,
        )
        if not is_new:
            return Outcome()
        return Outcome(replies=[Reply(card=await self._welcome_card(incoming))])

    async def _welcome_card(self, incoming: Incoming) -> dict[str, Any]:
        """The welcome that fits where the app was added: a team channel, a group chat, or someone's own chat."""
        lang = incoming.lang
        if incoming.conversation_type == "channel":
            channel = incoming.channel_id or incoming.conversation_id.split(";messageid=")[0]
            groups = await self.directory.groups_in_channel(channel) if self.directory else []
            return cards.channel_welcome_card(
                lang=lang,
                key_user_groups=[g.name for g in groups if g.kind == GroupKind.KEY_USERS],
                management_groups=[g.name for g in groups if g.kind != GroupKind.KEY_USERS],
            )
        if incoming.conversation_type == "groupChat":
            return cards.group_chat_welcome_card(lang=lang)
        return cards.welcome_card(lang=lang, user_name=incoming.user.name)

    async def help(self, incoming: Incoming) -> Outcome:
        """'help', '?', 'wat kan je allemaal?' (services/utterances.py): what you can ask and how."""
        return Outcome(replies=[Reply(card=cards.help_card(lang=incoming.lang))])
