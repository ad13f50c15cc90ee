"""Conversation references, so the bot can reach a chat or channel later: the one store and the one way to rewrite them.

A reference is the REST (camelCase) JSON of a Bot Framework ConversationReference as bot/activities.py makes it from
an activity. Every reference stored or put in a job has its `serviceUrl` normalised by `service_url` (one trailing
slash, as Teams sends it), and every copy addressed to another conversation is made by `addressed_to`.
"""

from __future__ import annotations

from typing import Any, Iterable

from storage import ConversationRepository, Database, Session

PERSONAL = "personal"
CHANNEL = "channel"


def service_url(reference: dict[str, Any]) -> str:
    """The reference's service URL, stripped and ending in exactly one '/'; '' when it has none."""
    url = reference.get("serviceUrl")
    if not isinstance(url, str) or not url.strip():
        return ""
    return url.strip().rstrip("/") + "/"


def addressed_to(reference: dict[str, Any], conversation: dict[str, Any]) -> dict[str, Any]:
    """A copy of `reference` (service URL, channel, bot) for `conversation`, without its own user and activity."""
    copy = {key: value for key, value in reference.items() if key not in ("user", "activityId", "conversation")}
    if "serviceUrl" in reference:
        copy["serviceUrl"] = service_url(reference)
    copy["conversation"] = conversation
    return copy


def channel_of(reference: dict[str, Any], channel_id: str, tenant_id: str | None) -> dict[str, Any]:
    """`reference` addressed to a channel itself (its root, where new threads start)."""
    return addressed_to(
        reference,
        {
            "id": channel_id,
            "isGroup": True,
            "conversationType": CHANNEL,
            **({"tenantId": tenant_id} if tenant_id else {}),
        },
    )


def thread_of(reference: dict[str, Any], thread_id: str) -> dict[str, Any]:
    """A channel's reference addressed to one of its threads ('<channel>;messageid=<root>')."""
    return addressed_to(reference, {**(reference.get("conversation") or {}), "id": thread_id})


async def remember_in(
    session: Session,
    *,
    conversation_id: str,
    conversation_type: str,
    user_key: str | None,
    tenant_id: str | None,
    reference: dict[str, Any],
) -> bool:
    """Store or refresh a reference in the caller's transaction; True when new. The user is kept for personal chats
    only; a reference without conversation id or service URL is not stored (nothing could be sent with it)."""
    url = service_url(reference)
    if not conversation_id or not url:
        return False
    return await ConversationRepository(session).upsert(
        conversation_id=conversation_id,
        conversation_type=conversation_type,
        user_key=user_key if conversation_type == PERSONAL else None,
        tenant_id=tenant_id,
        service_url=url,
        reference={**reference, "serviceUrl": url},
    )


async def remember_channel_in(
    session: Session, channel_id: str, *, tenant_id: str | None, reference: dict[str, Any]
) -> bool:
    """Store a channel's own reference in the caller's transaction, made from a message in one of its threads."""
    return await remember_in(
        session,
        conversation_id=channel_id,
        conversation_type=CHANNEL,
        user_key=None,
        tenant_id=tenant_id,
        reference=channel_of(reference, channel_id, tenant_id),
    )


async def channel_reference_in(
    session: Session, channel_id: str | None, tenant_id: str | None = None
) -> dict[str, Any] | None:
    """A channel's stored reference, read in the caller's session; for a channel never seen, one made from the
    tenant's service URL and bot (Teams delivers to any channel the app is installed in)."""
    if not channel_id:
        return None
    repo = ConversationRepository(session)
    stored = await repo.get(channel_id)
    if stored is not None:
        return dict(stored.reference)
    other = await repo.any_in_tenant(tenant_id)
    if other is None:
        return None
    return channel_of(other.reference, channel_id, other.tenant_id)


def tenant_of(reference: dict[str, Any]) -> str | None:
    """The tenant a reference's conversation belongs to, if it says."""
    tenant = (reference.get("conversation") or {}).get("tenantId")
    return tenant if isinstance(tenant, str) and tenant else None


async def personal_references_in(session: Session, user_keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Each user's stored personal chat reference (users without one left out), read in one query."""
    found = await ConversationRepository(session).personal_for_many(user_keys)
    return {key: dict(row.reference) for key, row in found.items()}


async def channel_references_in(
    session: Session, channel_ids: Iterable[str], tenant_id: str | None = None
) -> dict[str, dict[str, Any]]:
    """Each channel's reference (see channel_reference_in), stored ones read in one query."""
    ids = list(channel_ids)
    repo = ConversationRepository(session)
    stored = await repo.get_many(ids)
    missing = [channel for channel in ids if channel not in stored]
    other = await repo.any_in_tenant(tenant_id) if missing else None
    found = {channel: dict(row.reference) for channel, row in stored.items()}
    if other is not None:
        found.update({channel: channel_of(other.reference, channel, other.tenant_id) for channel in missing})
    return found


async def tenant_reference_in(session: Session, tenant_id: str | None = None) -> dict[str, Any] | None:
    """Any stored reference of the tenant (its service URL and bot), read in the caller's session."""
    stored = await ConversationRepository(session).any_in_tenant(tenant_id)
    return dict(stored.reference) if stored is not None else None


def personal_of(reference: dict[str, Any], conversation_id: str) -> dict[str, Any]:
    """`reference` (any of the tenant's) addressed to a personal chat known only by its id."""
    tenant = tenant_of(reference)
    return addressed_to(
        reference,
        {"id": conversation_id, "conversationType": PERSONAL, **({"tenantId": tenant} if tenant else {})},
    )


class ConversationService:
    """Keeps the latest reference of every conversation the bot is in, and finds the one to reach someone by."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def remember(
        self,
        *,
        conversation_id: str,
        conversation_type: str,
        user_key: str | None,
        tenant_id: str | None,
        reference: dict[str, Any],
    ) -> bool:
        """Store or refresh the reference of a conversation; True when it was not known before (see remember_in)."""
        async with self.db.transaction() as session:
            return await remember_in(
                session,
                conversation_id=conversation_id,
                conversation_type=conversation_type,
                user_key=user_key,
                tenant_id=tenant_id,
                reference=reference,
            )

    async def channel_reference(self, channel_id: str | None, tenant_id: str | None = None) -> dict[str, Any] | None:
        """The reference of a channel (see channel_reference_in)."""
        async with self.db.read() as session:
            return await channel_reference_in(session, channel_id, tenant_id)

    async def reference_for(self, user_key: str) -> dict[str, Any] | None:
        """The stored personal chat with someone, if any."""
        async with self.db.read() as session:
            stored = await ConversationRepository(session).personal_for(user_key)
        return dict(stored.reference) if stored is not None else None

    async def tenant_reference(self, tenant_id: str | None) -> dict[str, Any] | None:
        """Any stored reference of the tenant: its service URL and bot account, to open a new chat with."""
        async with self.db.read() as session:
            stored = await ConversationRepository(session).any_in_tenant(tenant_id)
        return dict(stored.reference) if stored is not None else None
