"""Structural check of an Adaptive Card that needs no schema file (for clones without ../shared)."""

from __future__ import annotations

import json
from typing import Any, Iterator

ELEMENTS = {
    "TextBlock": {"text"},
    "Container": {"items"},
    "ActionSet": {"actions"},
    "FactSet": {"facts"},
    "ColumnSet": set(),
    "Image": {"url"},
    "Input.Text": {"id", "label"},
    "Input.ChoiceSet": {"id", "label", "choices"},
    "Input.Toggle": {"id", "label", "title"},
    "Input.Date": {"id", "label"},
    "Input.Time": {"id", "label"},
}
ACTIONS = {
    "Action.Execute": {"title", "verb"},
    "Action.ToggleVisibility": {"title", "targetElements"},
    "Action.OpenUrl": {"title", "url"},
    "Action.ShowCard": {"title", "card"},
}
SPACINGS = {"None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"}


def _walk(items: list[dict[str, Any]], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (path, element-or-action) for everything under `items`."""
    for index, item in enumerate(items):
        path = f"{where}[{index}]"
        yield path, item
        if item.get("type") == "Container":
            yield from _walk(item.get("items", []), path + ".items")
        if item.get("type") == "ColumnSet":
            for c, column in enumerate(item.get("columns", [])):
                yield from _walk(column.get("items", []), f"{path}.columns[{c}].items")
        if item.get("type") == "ActionSet":
            yield from _walk(item.get("actions", []), path + ".actions")
        if item.get("type") == "Action.ShowCard":
            sub = item.get("card", {})
            yield from _walk(sub.get("body", []), path + ".card.body")
            yield from _walk(sub.get("actions", []), path + ".card.actions")


def structural_problems(card: dict[str, Any]) -> list[str]:
    """Every way `card` breaks the rules the bot's cards follow; empty when it is fine."""
    problems: list[str] = []
    try:
        json.dumps(card, allow_nan=False)
    except (TypeError, ValueError) as error:
        return [f"not JSON-serialisable: {error}"]
    if card.get("type") != "AdaptiveCard":
        problems.append("type must be AdaptiveCard")
    if card.get("version") != "1.5":
        problems.append("version must be 1.5")
    if card.get("$schema") != "http://adaptivecards.io/schemas/adaptive-card.json":
        problems.append("$schema must be the Adaptive Cards schema URL")
    if not isinstance(card.get("body"), list) or not card["body"]:
        problems.append("body must be a non-empty list")
        return problems
    ids: list[str] = []
    targets: list[tuple[str, str]] = []
    nodes = list(_walk(card["body"], "body")) + list(_walk(card.get("actions", []), "actions"))
    for path, node in nodes:
        kind = node.get("type")
        required = (ACTIONS if kind.startswith("Action.") else ELEMENTS).get(kind) if isinstance(kind, str) else None
        if not isinstance(kind, str) or required is None:
            problems.append(f"{path}: unknown type {kind!r}")
            continue
        missing = required - node.keys()
        if missing:
            problems.append(f"{path}: {kind} misses {sorted(missing)}")
        if "id" in node:
            ids.append(node["id"])
        if "spacing" in node and node["spacing"] not in SPACINGS:
            problems.append(f"{path}: spacing {node['spacing']!r} is not a valid value")
        if kind == "TextBlock" and not (isinstance(node.get("text"), str) and node["text"].strip()):
            problems.append(f"{path}: TextBlock text is empty")
        if kind.startswith("Action.") and not (isinstance(node.get("title"), str) and node["title"].strip()):
            problems.append(f"{path}: action has no title")
        if node.get("isRequired") and not str(node.get("errorMessage", "")).strip():
            problems.append(f"{path}: required input has no errorMessage")
        if kind == "Input.ChoiceSet" and not node.get("choices"):
            problems.append(f"{path}: ChoiceSet has no choices")
        if kind == "Action.Execute" and not isinstance(node.get("data"), dict):
            problems.append(f"{path}: Action.Execute data must be an object")
        if kind == "Action.ToggleVisibility":
            targets += [
                (path, t if isinstance(t, str) else t.get("elementId", "")) for t in node.get("targetElements", [])
            ]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")
    for path, target in targets:
        if target not in ids:
            problems.append(f"{path}: toggles unknown element {target!r}")
    return problems
