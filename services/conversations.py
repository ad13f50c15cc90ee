"""Conversation references, so the bot can reach a chat or channel later."""

from __future__ import annotations

from storage import ConversationRepository, Database


class ConversationService:
    """Keeps the latest reference of every conversation the bot is in."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def remember(self, *, conversation_id: str, conversation_type: str, user_key: str | None,
                       tenant_id: str | None, reference: dict) -> bool:
        """Store or refresh the reference of a conversation; True when it was not known before."""
        service_url = reference.get("serviceUrl") or reference.get("service_url") or ""
        if not conversation_id or not service_url:
            return False
        async with self.db.transaction() as session:
            return await ConversationRepository(session).upsert(
                conversation_id=conversation_id, conversation_type=conversation_type, user_key=user_key,
                tenant_id=tenant_id, service_url=service_url, reference=reference)
