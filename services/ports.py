"""What the domain services need from the outside world, implemented in bot/ (Bot Connector)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class DeliveryError(Exception):
    """A message could not be delivered; `transient` says whether trying later may help."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


@dataclass(frozen=True)
class Posted:
    """Where a posted message ended up: its conversation (a thread for channel posts) and activity id."""

    conversation_id: str
    activity_id: str


class Messenger(Protocol):
    """Proactive messages through the Bot Connector, addressed by stored conversation references."""

    async def send(
        self,
        reference: dict[str, Any],
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
        reply_to_id: str | None = None,
    ) -> Posted:
        """Post a new message in the referenced conversation (a chat, or a channel thread by its id)."""
        ...

    async def start_thread(
        self, reference: dict[str, Any], channel_id: str, *, text: str | None = None, card: dict[str, Any] | None = None
    ) -> Posted:
        """Start a new thread in a channel; the result's conversation_id addresses replies in that thread."""
        ...

    async def update(
        self,
        reference: dict[str, Any],
        conversation_id: str,
        activity_id: str,
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
    ) -> None:
        """Replace a posted message (a card updates in place for everyone)."""
        ...

    async def open_personal_chat(
        self, reference: dict[str, Any], user_id: str, tenant_id: str | None
    ) -> dict[str, Any]:
        """Create (or find) the 1:1 chat with a user; returns its conversation reference."""
        ...


class ReplyOutbox(Protocol):
    """Keeps what the Bot Connector did not take during a turn, to be delivered later (services/replies.py)."""

    async def defer_replies(
        self,
        reference: dict[str, Any],
        replies: list[dict[str, Any]],
        *,
        activity_id: str | None,
        first: int,
        reason: str,
    ) -> None:
        """Keep replies ({text, card}) to the turn's conversation; `first` is the first one's place in the turn."""
        ...

    async def defer_update(
        self, reference: dict[str, Any], activity_id: str, card: dict[str, Any], *, invoke_id: str | None, reason: str
    ) -> None:
        """Keep the update of a card (activity `activity_id`) that a click in the conversation changed."""
        ...
