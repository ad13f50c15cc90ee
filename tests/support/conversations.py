"""What the bot posted where, read from the fake Bot Connector's record: channel threads, posts, cards as they stand."""

from __future__ import annotations

from typing import Any

from tests.support.fake_connector import Call, FakeConnector


def threads(connector: FakeConnector, channel: str) -> list[Call]:
    """New threads the bot started in a channel (POST /v3/conversations that the connector accepted)."""
    return [
        c
        for c in connector.calls
        if c.method == "POST"
        and c.path == "/v3/conversations"
        and c.answer
        and ((c.json or {}).get("channelData") or {}).get("channel", {}).get("id") == channel
    ]


def cards_in(call: Call) -> list[dict[str, Any]]:
    """Cards of a recorded call, also inside a create-conversation body."""
    if call.path == "/v3/conversations":
        activity = (call.json or {}).get("activity") or {}
        return [a["content"] for a in activity.get("attachments") or []]
    return call.cards


def posts_to(connector: FakeConnector, conversation: str) -> list[Call]:
    """Messages posted into a conversation, as replies or proactively."""
    path = f"/v3/conversations/{conversation}/activities"
    return [c for c in connector.calls if c.method == "POST" and (c.path == path or c.path.startswith(path + "/"))]


def current_card(connector: FakeConnector, channel: str, card_id: str) -> dict[str, Any]:
    """The card `card_id` as the bot last put it in a channel: the latest update, else the thread's first post."""
    puts = [c for c in connector.calls if c.method == "PUT" and c.path.endswith(f"/activities/{card_id}")]
    if puts:
        return puts[-1].cards[0]
    return next(cards_in(call)[0] for call in threads(connector, channel) if call.answer["activityId"] == card_id)
