"""Turn replies the Bot Connector did not take during the turn: kept as jobs, so they arrive late rather than never.

Teams has been told 200 and will not send the activity again, so a reply refused with a 5xx or 429, or not
answered within the turn's reply timeout, becomes a `reply.send` job (a clicked card's update a `reply.update`
job) that the worker retries with back-off, Retry-After honoured, until it is delivered or, after
REPLY_ATTEMPTS tries, dead-lettered (status failed, with the last error).

Delivery is at least once. A send that timed out may have reached Teams all the same, and the Bot Connector has
no idempotency key for new activities (it assigns their ids), so such a reply can appear twice. What can be
deduplicated is: a reply kept once per incoming activity and place in the turn (dedupe key), so an activity
Teams delivers twice does not queue its reply twice; and a card update, which is idempotent (same activity id,
same card). The jobs of one conversation run in order (serial key). A kept card update can still land after a
newer one that went through in its own turn (a second click while the connector was failing); a ticket card
is put right by the ticket's next `ticket.sync` job, which renders its current state.

A job holds only what sending needs: the service URL, channel, bot account and conversation (id, type,
tenant), and the reply's text and card; not the user's id, name or the incoming activity.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from services.conversations import service_url
from services.jobs import Jobs, Worker
from services.payloads import ReplySend, ReplyUpdate
from services.ports import Messenger

log = logging.getLogger(__name__)

REPLY_ATTEMPTS = 10
"""Tries of a kept reply before it is dead-lettered: with the worker's back-off (2 s doubling, at most
15 minutes apart) about a quarter of an hour of connector trouble."""

_CONVERSATION_FIELDS = ("id", "conversationType", "isGroup", "tenantId")


def sending_reference(reference: dict[str, Any]) -> dict[str, Any]:
    """The part of a conversation reference needed to post into that conversation (no user, no activity)."""
    conversation = reference.get("conversation") or {}
    kept: dict[str, Any] = {
        "serviceUrl": service_url(reference),
        "channelId": reference.get("channelId") or "msteams",
        "conversation": {key: conversation[key] for key in _CONVERSATION_FIELDS if conversation.get(key) is not None},
    }
    bot = reference.get("bot") or {}
    if bot.get("id"):
        kept["bot"] = {key: bot[key] for key in ("id", "name") if bot.get(key)}
    return kept


def thread_root(reference: dict[str, Any]) -> str | None:
    """The root message of a channel thread ('<channel>;messageid=<root>'), which a late reply stays under."""
    conversation = reference.get("conversation") or {}
    if conversation.get("conversationType") != "channel":
        return None
    _, _, root = str(conversation.get("id") or "").partition(";messageid=")
    return root or None


def _digest(*parts: str) -> str:
    """A short stable key for ids that may be longer than a job key column."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class TurnReplies:
    """Implements services.ports.ReplyOutbox over the jobs table; ReplyDelivery carries the jobs out."""

    def __init__(self, jobs: Jobs) -> None:
        self.jobs = jobs

    async def defer_replies(
        self,
        reference: dict[str, Any],
        replies: list[dict[str, Any]],
        *,
        activity_id: str | None,
        first: int,
        reason: str,
    ) -> None:
        """One job per reply, in order, in one transaction; the worker is woken once it commits."""
        kept = sending_reference(reference)
        conversation_id = str(kept["conversation"].get("id") or "")
        root = thread_root(reference)
        serial = f"conversation:{_digest(conversation_id)}"
        added = 0
        async with self.jobs.db.transaction() as session:
            for place, reply in enumerate(replies, start=first):
                payload = ReplySend(kept, reply.get("text"), reply.get("card"), reply_to_id=root)
                key = f"reply:{_digest(conversation_id, activity_id)}:{place}" if activity_id else None
                added += await self.jobs.enqueue(
                    session, payload, serial_key=serial, dedupe_key=key, max_attempts=REPLY_ATTEMPTS
                )
        self.jobs.wake()
        log.warning(
            "Kept %d of %d repl(y/ies) to conversation %s to send later (%d already kept): %s",
            added,
            len(replies),
            conversation_id,
            len(replies) - added,
            reason,
        )

    async def defer_update(
        self, reference: dict[str, Any], activity_id: str, card: dict[str, Any], *, invoke_id: str | None, reason: str
    ) -> None:
        """One job that replaces the card, behind the conversation's kept replies."""
        kept = sending_reference(reference)
        conversation_id = str(kept["conversation"].get("id") or "")
        key = f"update:{_digest(conversation_id, activity_id, invoke_id)}" if invoke_id else None
        async with self.jobs.db.transaction() as session:
            await self.jobs.enqueue(
                session,
                ReplyUpdate(kept, activity_id, card),
                serial_key=f"conversation:{_digest(conversation_id)}",
                dedupe_key=key,
                max_attempts=REPLY_ATTEMPTS,
            )
        self.jobs.wake()
        log.warning(
            "Kept the update of card %s in conversation %s to send later: %s", activity_id, conversation_id, reason
        )


class ReplyDelivery:
    """Registers the reply job kinds on a worker and carries them out through a Messenger."""

    def __init__(self, messenger: Messenger) -> None:
        self.messenger = messenger

    def register(self, worker: Worker) -> None:
        """Attach the handlers to `worker`."""
        worker.handle(ReplySend)(self.send)
        worker.handle(ReplyUpdate)(self.update)

    async def send(self, payload: ReplySend) -> None:
        """Post a kept reply into its conversation, as a new message (in a channel: in its thread)."""
        await self.messenger.send(
            payload.reference, text=payload.text, card=payload.card, reply_to_id=payload.reply_to_id
        )

    async def update(self, payload: ReplyUpdate) -> None:
        """Replace a clicked card in place for everyone in the conversation."""
        reference = payload.reference
        await self.messenger.update(reference, reference["conversation"]["id"], payload.activity_id, card=payload.card)
