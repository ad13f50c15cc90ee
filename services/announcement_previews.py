"""'Voorbeeld' clicked in a channel: the preview goes to the author's personal chat, so only they see it."""

from __future__ import annotations

from typing import Any

from services.conversations import ConversationService
from services.jobs import Jobs
from services.payloads import ReplySend
from services.replies import REPLY_ATTEMPTS, sending_reference


class AuthorChat:
    """Posts to someone's personal chat with the bot through durable `reply.send` jobs (in order)."""

    def __init__(self, jobs: Jobs, conversations: ConversationService) -> None:
        self.jobs = jobs
        self.conversations = conversations

    async def post(self, user_key: str, *, text: str, card: dict[str, Any]) -> bool:
        """The text, then the card, in `user_key`'s personal chat; False when the bot has no chat with them."""
        reference = await self.conversations.reference_for(user_key)
        if reference is None:
            return False
        kept = sending_reference(reference)
        serial = f"preview:{user_key}"
        async with self.jobs.db.transaction() as session:
            for payload in (ReplySend(kept, text=text), ReplySend(kept, card=card)):
                await self.jobs.enqueue(session, payload, serial_key=serial, max_attempts=REPLY_ATTEMPTS)
        self.jobs.wake()
        return True
