"""Building blocks shared by every Adaptive Card the bot sends."""

from __future__ import annotations

import re
from typing import Any

from vocabulary.actions import CardAction

SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_QUOTE = 500
"""Longest user text quoted back on a card; the rest is cut with an ellipsis."""

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def adaptive_card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Wrap `body` and `actions` in an Adaptive Card 1.5.

    No card-level `lang`: the JS renderer checks it with a global regex whose state flips
    between cards, so every other card logs 'Invalid value' and drops it.
    """
    card: dict[str, Any] = {"$schema": SCHEMA_URL, "type": "AdaptiveCard", "version": CARD_VERSION, "body": body}
    if actions:
        card["actions"] = actions
    return card


def card_attachment(card: dict[str, Any]) -> dict[str, Any]:
    """Return `card` as a Bot Framework attachment."""
    return {"contentType": CONTENT_TYPE, "content": card}


def text(value: str, **props: Any) -> dict[str, Any]:
    """A wrapping TextBlock."""
    return {"type": "TextBlock", "text": value, "wrap": True, **props}


def heading(value: str) -> dict[str, Any]:
    """A bold, medium TextBlock used as a card title."""
    return text(value, size="Medium", weight="Bolder", style="heading")


def action_set(*actions: dict[str, Any], **props: Any) -> dict[str, Any]:
    """An ActionSet element holding `actions` inside the card body."""
    return {"type": "ActionSet", "actions": list(actions), **props}


def teams_markdown(markdown: str) -> str:
    """Reduce FAQ markdown to the subset a Teams TextBlock renders: headings become bold paragraphs."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    out: list[str] = []
    for line in lines:
        match = _HEADING.match(line)
        if match and match.group(1):
            if out and out[-1]:
                out.append("")
            out += [f"**{match.group(1)}**", ""]
        elif line.strip() or (out and out[-1]):
            out.append(line.rstrip())
    return "\n".join(out).strip()


def quote(value: str, limit: int = MAX_QUOTE) -> str:
    """User text to show back on a card: one line, at most `limit` characters, cut after a whole word."""
    flat = " ".join(value.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # else one very long word: cut inside it rather than lose half the text
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def execute(action: CardAction[Any], title: str, payload: Any, *, style: str | None = None) -> dict[str, Any]:
    """The Action.Execute element that sends `action`'s verb with `payload` (and the card's inputs) to the bot."""
    element: dict[str, Any] = {
        "type": "Action.Execute",
        "title": title,
        "verb": action.verb.value,
        "data": action.data(payload),
    }
    if style:
        element["style"] = style
    return element
