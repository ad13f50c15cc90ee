"""Translate Teams activities (raw JSON) into `dialogs.types.Incoming`, and replies back into activities."""

from __future__ import annotations

import re
import uuid
from typing import Any, cast

from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount, ConversationAccount
from botframework.connector import Channels

from dialogs.types import Incoming, Reply, User

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_ACTION = "adaptiveCard/action"
INVOKE_CARD = "application/vnd.microsoft.card.adaptive"
INVOKE_MESSAGE = "application/vnd.microsoft.activity.message"
INVOKE_LOGIN = "application/vnd.microsoft.activity.loginRequest"
_SPACES = re.compile(r"[ \t]{2,}")


def _dict(value: Any) -> dict[str, Any]:
    """`value` if it is a dict, else an empty one (Teams JSON is not always what it should be)."""
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    """`value` if it is a non-empty string."""
    return value if isinstance(value, str) and value else None


def conversation_reference(body: dict[str, Any]) -> dict[str, Any]:
    """The ConversationReference of an activity, in its REST (camelCase) JSON shape."""
    reference = {
        "activityId": body.get("id"),
        "user": body.get("from"),
        "bot": body.get("recipient"),
        "conversation": body.get("conversation"),
        "channelId": body.get("channelId"),
        "locale": body.get("locale"),
        "serviceUrl": body.get("serviceUrl"),
    }
    return {key: value for key, value in reference.items() if value is not None}


_ACCOUNT_KEYS = tuple(spec["key"] for spec in ChannelAccount._attribute_map.values())
_CONVERSATION_KEYS = tuple(spec["key"] for spec in ConversationAccount._attribute_map.values())
_NO_REPLY_TO_CHANNELS = (Channels.direct_line, Channels.webchat)


def _account(value: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """An account object with the fields the SDK's model keeps (what deserialize then serialize would give)."""
    if not isinstance(value, dict):
        return None
    return {key: value[key] for key in keys if value.get(key) is not None}


def reply_address(body: dict[str, Any]) -> dict[str, Any]:
    """The fields of an outgoing activity answering `body`, as JSON: what the SDK's
    TurnContext.apply_conversation_reference(activity, get_conversation_reference(incoming)) sets."""
    address = {
        "channelId": body.get("channelId"),
        "locale": body.get("locale"),
        "serviceUrl": body.get("serviceUrl"),
        "conversation": _account(body.get("conversation"), _CONVERSATION_KEYS),
        "from": _account(body.get("recipient"), _ACCOUNT_KEYS),
        "recipient": _account(body.get("from"), _ACCOUNT_KEYS),
    }
    if body.get("type") != ActivityTypes.conversation_update and body.get("channelId") not in _NO_REPLY_TO_CHANNELS:
        address["replyToId"] = body.get("id")
    return {key: value for key, value in address.items() if value is not None}


def _field(value: Any) -> str:
    """A string field as the SDK's model has it: the string, else None (its fields default to None, typed str)."""
    return cast(str, value if isinstance(value, str) else None)


def auth_activity(body: dict[str, Any]) -> Activity:
    """The few fields of `body` the SDK's token validation reads (channel, service URL, recipient role)."""
    recipient = _dict(body.get("recipient"))
    return Activity(
        type=_field(body.get("type")),
        id=_field(body.get("id")),
        channel_id=_field(body.get("channelId")),
        service_url=_field(body.get("serviceUrl")),
        recipient=ChannelAccount(id=_field(recipient.get("id")), role=_field(recipient.get("role"))),
    )


def _locale(body: dict[str, Any]) -> str | None:
    """Activity locale, else the clientInfo entity's."""
    locale = _str(body.get("locale"))
    if locale:
        return locale
    for entity in body.get("entities") or []:
        entity = _dict(entity)
        if entity.get("type") == "clientInfo" and _str(entity.get("locale")):
            return entity["locale"]
    return None


def _tenant(body: dict[str, Any]) -> str | None:
    """channelData.tenant.id, else conversation.tenantId."""
    return _str(_dict(_dict(body.get("channelData")).get("tenant")).get("id")) or _str(
        _dict(body.get("conversation")).get("tenantId")
    )


def _channel(body: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(channel id, channel name, team id) of a channel conversation."""
    data = _dict(body.get("channelData"))
    channel = _dict(data.get("channel"))
    channel_id = _str(channel.get("id")) or _str(data.get("teamsChannelId"))
    conversation = _dict(body.get("conversation"))
    if channel_id is None and conversation.get("conversationType") == "channel":
        channel_id = _str(str(conversation.get("id") or "").split(";messageid=")[0])
    team_id = _str(_dict(data.get("team")).get("id")) or _str(data.get("teamsTeamId"))
    return channel_id, _str(channel.get("name")), team_id


def strip_bot_mention(body: dict[str, Any]) -> str:
    """Message text without the bot's own @mention, stripped."""
    raw = body.get("text")
    text = raw if isinstance(raw, str) else ""
    bot_id = _dict(body.get("recipient")).get("id")
    for entity in body.get("entities") or []:
        entity = _dict(entity)
        if entity.get("type") != "mention" or _dict(entity.get("mentioned")).get("id") != bot_id:
            continue
        mention_text = _str(entity.get("text"))
        if mention_text:
            text = text.replace(mention_text, "")
    return _SPACES.sub(" ", text).strip()


def count_attachments(body: dict[str, Any]) -> int:
    """Attachments that are real content: not cards, not Teams' text/html copy of the message."""
    count = 0
    for attachment in body.get("attachments") or []:
        content_type = str(_dict(attachment).get("contentType") or "").lower()
        if content_type.startswith("application/vnd.microsoft.card.") or content_type == "text/html":
            continue
        count += 1
    return count


def is_card_action(body: dict[str, Any]) -> bool:
    """An Action.Execute invoke from an Adaptive Card."""
    action = _dict(_dict(body.get("value")).get("action"))
    return body.get("name") == ADAPTIVE_CARD_ACTION and action.get("type") == "Action.Execute"


def _is_install(body: dict[str, Any]) -> bool:
    """installationUpdate 'add', or the bot itself added to a personal chat."""
    kind = body.get("type")
    if kind == ActivityTypes.installation_update:
        return body.get("action") == "add"
    if kind == ActivityTypes.conversation_update:
        bot_id = _dict(body.get("recipient")).get("id")
        personal = _dict(body.get("conversation")).get("conversationType", "personal") == "personal"
        added = [_dict(member).get("id") for member in body.get("membersAdded") or []]
        return personal and bot_id is not None and bot_id in added
    return False


def to_incoming(body: dict[str, Any]) -> Incoming | None:
    """The dialogs' view of an activity, or None when the bot ignores this kind of activity."""
    kind = body.get("type")
    if kind == ActivityTypes.message:
        incoming_kind = "message"
    elif kind == ActivityTypes.invoke and is_card_action(body):
        incoming_kind = "action"
    elif _is_install(body):
        incoming_kind = "install"
    else:
        return None
    sender = _dict(body.get("from"))
    conversation = _dict(body.get("conversation"))
    action = _dict(_dict(body.get("value")).get("action"))
    data = action.get("data")
    channel_id, channel_name, team_id = _channel(body)
    return Incoming(
        kind=incoming_kind,
        user=User(
            id=str(sender.get("id") or ""),
            aad_object_id=_str(sender.get("aadObjectId")),
            name=_str(sender.get("name")),
        ),
        conversation_id=str(conversation.get("id") or ""),
        conversation_type=_str(conversation.get("conversationType")) or "personal",
        text=strip_bot_mention(body) if incoming_kind == "message" else "",
        locale=_locale(body),
        verb=_str(action.get("verb")) if incoming_kind == "action" else None,
        data=data if incoming_kind == "action" and isinstance(data, dict) else {},
        attachment_count=count_attachments(body) if incoming_kind == "message" else 0,
        activity_id=_str(body.get("id")),
        reply_to_id=_str(body.get("replyToId")),
        tenant_id=_tenant(body),
        reference=conversation_reference(body),
        channel_id=channel_id,
        channel_name=channel_name,
        team_id=team_id,
        sign_in_token=_str(_dict(_dict(body.get("value")).get("authentication")).get("token"))
        if incoming_kind == "action"
        else None,
    )


def card_attachment(card: dict[str, Any]) -> Attachment:
    """An Adaptive Card as a message attachment."""
    return Attachment(content_type=CARD_CONTENT_TYPE, content=card)


def card_update(activity_id: str, card: dict[str, Any], address: dict[str, Any]) -> dict[str, Any]:
    """The JSON of the message activity that replaces card `activity_id` with `card` (addressed by `address`)."""
    return {
        "type": ActivityTypes.message,
        "id": activity_id,
        "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": card}],
        **address,
    }


def reply_activity(reply: Reply) -> Activity | None:
    """A message activity for `reply` (markdown text and/or card); None when it is empty."""
    if not reply.text and not reply.card:
        return None
    activity = Activity(type=ActivityTypes.message)
    if reply.text:
        activity.text = reply.text
        activity.text_format = "markdown"
    if reply.card:
        activity.attachments = [card_attachment(reply.card)]
    return activity


def invoke_card_body(card: dict[str, Any]) -> dict[str, Any]:
    """Universal Actions response that replaces the clicked card."""
    return {"statusCode": 200, "type": INVOKE_CARD, "value": card}


def invoke_message_body(message: str) -> dict[str, Any]:
    """Universal Actions response that shows a short message to the clicking user."""
    return {"statusCode": 200, "type": INVOKE_MESSAGE, "value": message}


def invoke_sign_in_body(text: str, connection_name: str, resource: str) -> dict[str, Any]:
    """Universal Actions response asking Teams for single sign-on: Teams gets the person's token for `resource` and
    sends the same Action.Execute again with it in `value.authentication.token`."""
    return {
        "statusCode": 401,
        "type": INVOKE_LOGIN,
        "value": {
            "text": text,
            "connectionName": connection_name,
            "tokenExchangeResource": {"id": str(uuid.uuid4()), "uri": resource},
        },
    }
