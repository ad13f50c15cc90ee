"""Key-user group cards: 'wie is mijn kerngebruiker?' and the confirmation that a channel is linked."""

from __future__ import annotations

from typing import Any

from cards.common import adaptive_card, heading, text
from cards.tickets import name_of, short
from cards.views import GroupView
from i18n import t
from vocabulary import Level


def _application(group: GroupView, lang: str) -> str:
    """The group's application, with its department when it has one."""
    application = short(group.application, 120)
    if group.department:
        return t(
            "group.card.application_department", lang, application=application, department=short(group.department, 120)
        )
    return application


def _group(group: GroupView, lang: str) -> dict[str, Any]:
    """One group: its application, key users, chair and channel."""
    names = ", ".join(name_of(person) for person in group.key_users) or t("group.card.no_key_users", lang)
    facts = [{"title": t("group.card.key_users", lang), "value": names}]
    if group.chair is not None:
        facts.append({"title": t("group.card.chair", lang), "value": name_of(group.chair)})
    if group.channel_name and group.channel_name.strip():
        facts.append({"title": t("group.card.channel", lang), "value": short(group.channel_name, 120)})
    return {
        "type": "Container",
        "separator": True,
        "spacing": "Medium",
        "items": [
            text(_application(group, lang), weight="Bolder"),
            {"type": "FactSet", "facts": facts, "spacing": "Small"},
        ],
    }


def key_users_card(*, groups: list[GroupView], lang: str) -> dict[str, Any]:
    """'Wie is mijn kerngebruiker?': per group the application, its key users and chair."""
    body = [heading(t("group.card.title", lang))]
    if not groups:
        body.append(text(t("group.card.empty", lang)))
    body += [_group(group, lang) for group in groups]
    return adaptive_card(body)


def channel_linked_card(*, group: GroupView, level: str, lang: str) -> dict[str, Any]:
    """Confirmation in a channel that it now receives the group's tickets (first line) or escalations (second)."""
    if level not in tuple(Level):
        raise ValueError(f"level must be one of {tuple(map(str, Level))}, got {level!r}")
    application = _application(group, lang)
    if level == Level.FIRST:
        key = "group.card.linked.first"
    else:
        key = "group.card.linked.second" if application else "group.card.linked.second_all"
    body = [
        heading(t("group.card.linked.title", lang)),
        text(t(key, lang, group=short(group.name, 120), application=application)),
    ]
    return adaptive_card(body)
