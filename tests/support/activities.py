"""Activity builders and test doubles shared by the bot/ tests."""

from __future__ import annotations

import inspect
from typing import Any, Awaitable, Callable

from config import Settings
from dialogs.types import Incoming, Outcome
from services.directory import Actor
from tests.support.identity import APP_ID, IdentityProvider

OUTBOUND_TOKEN = "outbound-test-token"
TENANT = "tenant-1"
BOT = {"id": "28:vraagbaak-bot", "name": "Vraagbaak"}
USER = {"id": "29:user-1", "name": "Fleur de Vries", "aadObjectId": "aad-user-1"}


class Recorder:
    """A handle() for tests: records every Incoming and answers with what the test scripted."""

    def __init__(self, answer: Callable[[Incoming], Awaitable[Outcome] | Outcome] | None = None) -> None:
        self.seen: list[Incoming] = []
        self._answer = answer

    async def __call__(self, incoming: Incoming) -> Outcome:
        self.seen.append(incoming)
        if self._answer is None:
            return Outcome()
        result = self._answer(incoming)
        return await result if inspect.isawaitable(result) else result


class RecordingSleep:
    """Injected into RetryPolicy: records the requested delays instead of waiting them."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def auth_settings(identity: IdentityProvider) -> Settings:
    """Settings with auth on, validated against the local identity provider."""
    return Settings(
        app_id=APP_ID,
        app_password="test-secret-never-sent",
        openid_metadata_url=identity.metadata_url,
        token_issuer=identity.issuer,
    )


def activity(service_url: str, **fields: Any) -> dict[str, Any]:
    """A Teams personal-chat activity addressed to the bot."""
    body: dict[str, Any] = {
        "type": "message",
        "id": "1700000000001",
        "timestamp": "2026-11-22T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": dict(USER),
        "recipient": dict(BOT),
        "conversation": {"id": "a:personal-conv-1", "conversationType": "personal", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "nl-NL",
        "text": "",
    }
    body.update(fields)
    return body


def card_action(service_url: str, verb: str, data: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """An Action.Execute invoke from a card the bot posted earlier."""
    body = activity(
        service_url,
        type="invoke",
        name="adaptiveCard/action",
        id="1700000000002",
        replyToId="1699999999999",
        value={"action": {"type": "Action.Execute", "verb": verb, "data": data or {}}, "trigger": "manual"},
    )
    body.pop("text")
    body.update(fields)
    return body


def account(actor: Actor) -> dict[str, Any]:
    """The Teams account (`from`) of a person of the cast."""
    return {"id": actor.teams_id or actor.key, "name": actor.name, "aadObjectId": actor.key}


def personal_chat(conversation_id: str) -> dict[str, Any]:
    """The `conversation` of a personal chat with the bot."""
    return {"id": conversation_id, "conversationType": "personal", "tenantId": TENANT}


def channel_fields(conversation_id: str, channel_id: str, channel_name: str | None = None) -> dict[str, Any]:
    """The `conversation` and `channelData` of an activity in a thread of a team's channel."""
    channel = {"id": channel_id, **({"name": channel_name} if channel_name else {})}
    return {
        "conversation": {"id": conversation_id, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}, "channel": channel, "team": {"id": "team-1"}},
    }


def channel_message(
    service_url: str, who: dict[str, Any], text: str, channel_id: str, post_id: str, *, channel_name: str | None = None
) -> dict[str, Any]:
    """A message `who` types in a channel, starting the thread `post_id`."""
    return activity(
        service_url,
        text=text,
        id=post_id,
        **{"from": who, **channel_fields(f"{channel_id};messageid={post_id}", channel_id, channel_name)},
    )


def channel_action(
    service_url: str, who: dict[str, Any], thread: str, card_id: str, verb: str, data: dict[str, Any]
) -> dict[str, Any]:
    """An Action.Execute by `who` on the card `card_id` the bot posted in a channel thread."""
    return card_action(
        service_url, verb, data, **{"from": who, "replyToId": card_id, **channel_fields(thread, thread.split(";")[0])}
    )
