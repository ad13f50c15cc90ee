"""Framework-free shapes of what comes in from Teams and what goes back out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_TEXT_LENGTH = 2000
"""Longest question we process; longer messages get a polite refusal."""


@dataclass(frozen=True)
class User:
    """The person behind an activity."""

    id: str
    """Channel user id (`from.id`)."""
    aad_object_id: str | None = None
    """Entra object id; the key for roles and 'my questions'."""
    name: str | None = None
    """Display name, for greetings only."""

    @property
    def key(self) -> str:
        """Stable identifier: the Entra object id when Teams sends one."""
        return self.aad_object_id or self.id


@dataclass(frozen=True)
class Incoming:
    """One Teams activity, reduced to what the dialogs need."""

    kind: str
    """'message', 'action' (Action.Execute invoke), 'install' or 'members_added'."""
    user: User
    conversation_id: str
    conversation_type: str = "personal"
    """'personal', 'groupChat' or 'channel'."""
    text: str = ""
    """Message text with the bot's @mention removed, stripped."""
    locale: str | None = None
    lang: str = "nl"
    """Catalogue language for this user: set once per turn by the router's before-hook (dialogs/__init__.py)."""
    verb: str | None = None
    """Action.Execute verb, for kind == 'action'."""
    data: dict[str, Any] = field(default_factory=dict)
    """Action.Execute data, for kind == 'action'."""
    attachment_count: int = 0
    """Non-card attachments (files, images) on a message."""
    activity_id: str | None = None
    reply_to_id: str | None = None
    """For actions: the id of the activity whose card was clicked."""
    tenant_id: str | None = None
    reference: dict[str, Any] = field(default_factory=dict)
    """Serialised ConversationReference, stored for proactive messages."""
    channel_id: str | None = None
    """For channel conversations: the channel's id (without ';messageid=...')."""
    channel_name: str | None = None
    team_id: str | None = None
    sign_in_token: str | None = None
    """For actions Teams sends again after single sign-on: the person's access token for this app."""


@dataclass(frozen=True)
class Reply:
    """A message the bot sends in the conversation: text, a card, or both."""

    text: str | None = None
    card: dict[str, Any] | None = None


@dataclass
class Outcome:
    """What a dialog wants done: replies to send, and for actions the refreshed card."""

    replies: list[Reply] = field(default_factory=list)
    card: dict[str, Any] | None = None
    """For actions: the card that replaces the clicked one (invoke response)."""
    message: str | None = None
    """For actions without a card refresh: a short text shown to the clicking user."""
    sign_in: str | None = None
    """For actions: ask Teams to sign the clicking user in (single sign-on) with this text, then to send the click
    again with their token (`Incoming.sign_in_token`)."""
