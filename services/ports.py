"""What the domain services need from the outside world, implemented in bot/ (Bot Connector)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


class DeliveryError(Exception):
    """A message could not be delivered; `transient` says whether trying later may help."""

    def __init__(
        self,
        message: str,
        *,
        transient: bool,
        retry_after: float | None = None,
        status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.status = status
        """The HTTP status answered (429: throttled, 404: not there), or None when nothing was answered."""
        self.code = code
        """The service's own error code (Graph's `error.code`), when it gave one."""


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

    async def delete(self, reference: dict[str, Any], conversation_id: str, activity_id: str) -> None:
        """Delete a posted message (a recalled announcement's card)."""
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


# --------------------------------------------------------------------------- Microsoft Graph (implemented in graph/)
@dataclass(frozen=True)
class DirectoryUser:
    """A person as Entra ID knows them."""

    id: str
    """Entra object id: the same value as `people.user_key` and a Teams activity's `from.aadObjectId`."""
    name: str | None = None
    email: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class TeamChannel:
    """A channel of a team."""

    id: str
    name: str


@dataclass(frozen=True)
class ServiceMessage:
    """A Microsoft 365 Message Center post (`serviceUpdateMessage`)."""

    id: str
    title: str
    services: tuple[str, ...]
    category: str | None
    severity: str | None
    is_major_change: bool
    action_required_by: datetime | None
    last_modified: datetime
    body: str
    """The post's text with its HTML reduced to plain text."""


class Unreachable(Exception):
    """A person the app cannot reach: `reason` is a key of i18n UNREACHABLE_REASON, `code` Graph's error code."""

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(f"{reason} ({code})" if code else reason)
        self.reason = reason
        self.code = code


class SignInRefused(Exception):
    """The signed-in person's token could not be exchanged on their behalf (expired, revoked, wrong audience)."""


class Graph(Protocol):
    """What Vraagbaak asks of Microsoft Graph; failures raise DeliveryError (transient for 429/5xx, with
    `retry_after` from Graph's Retry-After), a person who cannot be reached raises Unreachable."""

    async def group_members(self, group_id: str) -> list[DirectoryUser]:
        """Every user among an Entra group's transitive members (all pages)."""
        ...

    async def department_members(self, department: str) -> list[DirectoryUser]:
        """Every user whose `department` is this name (all pages; advanced query)."""
        ...

    async def team_members(self, team_id: str) -> list[DirectoryUser]:
        """Every member of a team."""
        ...

    async def team_channels(self, team_id: str) -> list[TeamChannel]:
        """Every channel of a team."""
        ...

    async def personal_chat_id(self, user_id: str) -> str:
        """The id of the app's 1:1 chat with a user, installing the app for them first when needed."""
        ...

    async def notify_activity(self, user_id: str, *, activity_type: str, preview: str, params: dict[str, str]) -> None:
        """An activity-feed notification (`sendActivityNotification`) about the app for one user."""
        ...

    async def post_channel_card_as(
        self, user_assertion: str, team_id: str, channel_id: str, card: dict[str, Any]
    ) -> str:
        """Post a card in a channel as the signed-in person whose token is `user_assertion` (on-behalf-of);
        returns the message id."""
        ...

    async def service_messages(self, modified_since: datetime | None) -> list[ServiceMessage]:
        """Message Center posts changed since then (all when None), every page."""
        ...
