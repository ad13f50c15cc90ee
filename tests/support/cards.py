"""Reading cards the way a test needs to, and clicking their buttons the way Teams does.

Walking: `walk` yields every element, input and action of a card (nested containers, columns and ShowCards
included) in document order; the other readers are views of it. Clicking: `click_data` is what Teams sends
for a button (its data with the card's input values), `click` sends it through /api/messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiohttp.test_utils import TestClient

from services.directory import Actor
from tests.support.activities import account, card_action, channel_action, personal_chat

# ---------------------------------------------------------------------------------------------- walking


def walk(card: Any) -> Iterator[dict[str, Any]]:
    """Every element, input and action in `card` (each dict with a "type"), nested ones included, in document order."""
    if isinstance(card, dict):
        if "type" in card:
            yield card
        for value in card.values():
            yield from walk(value)
    elif isinstance(card, list):
        for value in card:
            yield from walk(value)


def card_text(card: Any) -> str:
    """Every string in a card, for asserting on what a user sees."""
    if isinstance(card, dict):
        return " ".join(card_text(v) for v in card.values())
    if isinstance(card, list):
        return " ".join(card_text(v) for v in card)
    return card if isinstance(card, str) else ""


def texts_of(card: Any) -> str:
    """All text a reader can see on `card` (TextBlocks, facts, action titles, input labels), one per line."""
    parts: list[str] = []
    for item in walk(card):
        kind = str(item["type"])
        if kind == "TextBlock":
            parts.append(item["text"])
        elif kind == "FactSet":
            parts.extend(f"{fact['title']} {fact['value']}" for fact in item["facts"])
        elif kind.startswith("Action.") and "title" in item:
            parts.append(item["title"])
        elif kind.startswith("Input.") and item.get("label"):
            parts.append(item["label"])
    return "\n".join(parts)


def textblocks(card: Any) -> list[dict[str, Any]]:
    """Every TextBlock in `card`."""
    return [item for item in walk(card) if item["type"] == "TextBlock"]


def actions_of(card: Any) -> list[dict[str, Any]]:
    """Every action on `card` (Execute, ShowCard, ToggleVisibility, ...), those inside ShowCards included."""
    return [item for item in walk(card) if str(item["type"]).startswith("Action.")]


def execute_actions(card: Any) -> list[dict[str, Any]]:
    """Every Action.Execute in `card`, nested ones included, in document order."""
    return [item for item in walk(card) if item["type"] == "Action.Execute"]


def verbs(card: Any) -> list[str]:
    """The verbs of the card's Action.Execute buttons, in order."""
    return [item["verb"] for item in execute_actions(card)]


def inputs_of(card: Any) -> dict[str, dict[str, Any]]:
    """Every input on `card` (body and ShowCards) by id."""
    return {item["id"]: item for item in walk(card) if str(item["type"]).startswith("Input.")}


def element(card: Any, element_id: str) -> dict[str, Any]:
    """The element, input or action with id `element_id`; fails naming the ids the card has."""
    found = [item for item in walk(card) if item.get("id") == element_id]
    assert found, f"no element {element_id!r} on the card; it has {[i['id'] for i in walk(card) if 'id' in i]}"
    return found[0]


def action(card: Any, verb: str, /, **data: Any) -> dict[str, Any]:
    """The first Action.Execute with `verb` whose data holds `data` (e.g. solved=False); fails naming the verbs."""
    for item in execute_actions(card):
        if item["verb"] == verb and all(item["data"].get(key, _ABSENT) == value for key, value in data.items()):
            return item
    raise AssertionError(f"no {verb!r} button with {data} on the card; its buttons: {verbs(card)}")


_ABSENT = object()

# ---------------------------------------------------------------------------------------------- clicking


def click_data(card: Any, verb: str, /, **values: Any) -> dict[str, Any]:
    """What Teams sends for a click on the `verb` button: its data and the card's input values.

    A key of the button's data picks the button (solved=False); any other key is typed into the card's input of that
    id, which the card must have. Inputs left alone send their prefilled value, as Teams does."""
    fields = inputs_of(card)
    picked = {key: value for key, value in values.items() if key not in fields}
    button = action(card, verb, **picked)
    typed = {key: value for key, value in values.items() if key in fields}
    prefilled = {key: item["value"] for key, item in fields.items() if item.get("value") not in (None, "")}
    return {**button["data"], **prefilled, **typed}


async def invoke(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    """POST an invoke to /api/messages: the invoke response's body (statusCode, type, value)."""
    response = await client.post("/api/messages", json=body)
    assert response.status == 200, await response.text()
    return await response.json()


async def click(
    client: TestClient,
    service_url: str,
    card: Any,
    verb: str,
    /,
    *,
    by: Actor | dict[str, Any] | None = None,
    chat: str | None = None,
    thread: str | None = None,
    card_id: str | None = None,
    **values: Any,
) -> dict[str, Any]:
    """`by` (a person of the cast or a Teams account) clicks the `verb` button of `card` (see click_data for
    `values`): in the channel thread `thread` on the card posted as `card_id`, or else in the personal chat `chat`
    (the default user in their chat when `by` is None)."""
    data = click_data(card, verb, **values)
    who = by if isinstance(by, dict) or by is None else account(by)
    if thread is not None:
        assert who is not None and card_id is not None, "a click in a channel has a clicker and a card id"
        return await invoke(client, channel_action(service_url, who, thread, card_id, verb, data))
    fields = {} if who is None else {"from": who, "conversation": personal_chat(chat or f"a:{who['id']}")}
    return await invoke(client, card_action(service_url, verb, data, **fields))
