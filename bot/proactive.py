"""Proactive messages through the Bot Connector: the Messenger the domain services use."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from bot.activities import CARD_CONTENT_TYPE
from bot.connector import SINGLE_ATTEMPT, ConnectorError, ConnectorTransport, RetryPolicy, parse_retry_after
from services.ports import DeliveryError, Posted

UNREACHABLE_CODES = frozenset(
    {
        "BotNotInConversationRoster",
        "ConversationBlockedByUser",
        "BotDisabledByAdmin",  # Teams (403)
        "UserNotFound",
        "AccountNotFound",
        "ConversationNotFound",
        "ChatNotFound",
        "MemberNotFoundInConversation",
    }
)
"""Error codes saying the recipient or conversation is not there for the bot: trying again cannot help, whatever
the status (the Agents Playground answers 500 UserNotFound for a user it does not know)."""


def _error_code(body: str) -> str | None:
    """The `error.code` of a Bot Connector error answer, if it has one."""
    try:
        error = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return None
    return error.get("code") if isinstance(error, dict) and isinstance(error.get("code"), str) else None


def _activity(reference: dict[str, Any], text: str | None, card: dict[str, Any] | None) -> dict[str, Any]:
    """A message activity from the bot in the referenced conversation."""
    activity: dict[str, Any] = {"type": "message"}
    if reference.get("bot"):
        activity["from"] = reference["bot"]
    if reference.get("conversation"):
        activity["conversation"] = reference["conversation"]
    if text:
        activity["text"] = text
        activity["textFormat"] = "markdown"
    if card:
        activity["attachments"] = [{"contentType": CARD_CONTENT_TYPE, "content": card}]
    return activity


def _base(reference: dict[str, Any]) -> str:
    service_url = reference.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("http://", "https://")):
        raise DeliveryError("conversation reference has no serviceUrl", transient=False)
    return service_url.rstrip("/") + "/v3/conversations"


def _tenant(reference: dict[str, Any]) -> str | None:
    conversation = reference.get("conversation") or {}
    return conversation.get("tenantId")


class ConnectorMessenger:
    """Implements services.ports.Messenger over the shared ConnectorTransport (one session, cached token).

    Each call is tried once (`SINGLE_ATTEMPT`): the job worker retries a failed job itself, durably, at the time
    Retry-After asks for however far off, without holding one of its slots while it waits.
    """

    def __init__(self, transport: ConnectorTransport, retry: RetryPolicy = SINGLE_ATTEMPT) -> None:
        self.transport = transport
        self.retry = retry

    async def _call(self, method: str, url: str, body: Any) -> Any:
        try:
            return await self.transport.request(method, url, body, retry=self.retry)
        except ConnectorError as error:
            transient = error.transient and _error_code(error.body) not in UNREACHABLE_CODES
            raise DeliveryError(
                str(error), transient=transient, retry_after=parse_retry_after(error.retry_after), status=error.status
            ) from error

    async def send(
        self,
        reference: dict[str, Any],
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
        reply_to_id: str | None = None,
    ) -> Posted:
        """POST /v3/conversations/{id}/activities (with replyToId in the body when given: a channel thread's root)."""
        conversation_id = (reference.get("conversation") or {}).get("id")
        if not conversation_id:
            raise DeliveryError("conversation reference has no conversation id", transient=False)
        url = f"{_base(reference)}/{quote(conversation_id, safe='')}/activities"
        activity = _activity(reference, text, card)
        if reply_to_id:
            activity["replyToId"] = reply_to_id
        answer = await self._call("POST", url, activity) or {}
        return Posted(conversation_id, str(answer.get("id") or ""))

    async def start_thread(
        self, reference: dict[str, Any], channel_id: str, *, text: str | None = None, card: dict[str, Any] | None = None
    ) -> Posted:
        """POST /v3/conversations with isGroup and the channel: a new thread whose id addresses its replies."""
        activity = _activity(reference, text, card)
        activity.pop("conversation", None)
        body: dict[str, Any] = {"isGroup": True, "channelData": {"channel": {"id": channel_id}}, "activity": activity}
        if reference.get("bot"):
            body["bot"] = reference["bot"]
        tenant = _tenant(reference)
        if tenant:
            body["tenantId"] = tenant
            body["channelData"]["tenant"] = {"id": tenant}
        answer = await self._call("POST", _base(reference), body) or {}
        thread = answer.get("id")
        if not thread:
            raise DeliveryError("the connector did not say which thread it started", transient=True)
        return Posted(str(thread), str(answer.get("activityId") or ""))

    async def update(
        self,
        reference: dict[str, Any],
        conversation_id: str,
        activity_id: str,
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
    ) -> None:
        """PUT /v3/conversations/{id}/activities/{activityId}."""
        activity = _activity(reference, text, card)
        activity["id"] = activity_id
        activity["conversation"] = {**(reference.get("conversation") or {}), "id": conversation_id}
        url = f"{_base(reference)}/{quote(conversation_id, safe='')}/activities/{quote(activity_id, safe='')}"
        await self._call("PUT", url, activity)

    async def delete(self, reference: dict[str, Any], conversation_id: str, activity_id: str) -> None:
        """DELETE /v3/conversations/{id}/activities/{activityId}."""
        url = f"{_base(reference)}/{quote(conversation_id, safe='')}/activities/{quote(activity_id, safe='')}"
        await self._call("DELETE", url, None)

    async def open_personal_chat(
        self, reference: dict[str, Any], user_id: str, tenant_id: str | None
    ) -> dict[str, Any]:
        """POST /v3/conversations with one member: the 1:1 chat (Teams returns the existing one)."""
        tenant = tenant_id or _tenant(reference)
        body: dict[str, Any] = {"isGroup": False, "members": [{"id": user_id}]}
        if reference.get("bot"):
            body["bot"] = reference["bot"]
        if tenant:
            body["tenantId"] = tenant
            body["channelData"] = {"tenant": {"id": tenant}}
        answer = await self._call("POST", _base(reference), body) or {}
        if not answer.get("id"):
            raise DeliveryError("the connector did not return the new chat's id", transient=True)
        conversation = {"id": answer["id"], "conversationType": "personal", **({"tenantId": tenant} if tenant else {})}
        return {
            "serviceUrl": reference["serviceUrl"],
            "channelId": reference.get("channelId", "msteams"),
            "bot": reference.get("bot"),
            "user": {"id": user_id},
            "conversation": conversation,
        }


__all__ = ["ConnectorMessenger"]
