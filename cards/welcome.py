"""Welcome cards on install (personal chat, team channel, group chat) and the help card for 'help' / '?'."""

from __future__ import annotations

from typing import Any

from cards.common import adaptive_card, heading, quote, text
from i18n import t

HELP_COMMANDS = ("help", "?")
"""Messages that show the help card."""


def welcome_card(*, lang: str, user_name: str | None = None) -> dict[str, Any]:
    """What Vraagbaak is, a few example questions, and a pointer to 'help'."""
    name = quote(user_name, 60) if user_name and user_name.strip() else ""
    title = t("card.welcome.title_named", lang, name=name) if name else t("card.welcome.title", lang)
    body = [
        heading(title),
        text(t("card.welcome.text", lang)),
        text(t("card.welcome.examples_title", lang), weight="Bolder", spacing="Medium"),
        text(t("card.welcome.examples", lang)),
        text(t("card.welcome.help_hint", lang), spacing="Medium"),
    ]
    return adaptive_card(body)


def _command(command: str, what: str, lang: str) -> dict[str, str]:
    """One fact: the command as typed with the bot's @mention, and what it does."""
    return {"title": t("card.welcome.channel.command", lang, command=command), "value": what}


def channel_welcome_card(*, lang: str, key_user_groups: list[str], management_groups: list[str]) -> dict[str, Any]:
    """What Vraagbaak does in a team channel: the linked groups' tickets, the commands, and the @mention."""
    body = [heading(t("card.welcome.channel.title", lang))]
    names = [quote(name, 120) for name in key_user_groups]
    names += [t("card.welcome.channel.management_group", lang, group=quote(name, 120)) for name in management_groups]
    if names:
        body += [
            text(t("card.welcome.channel.groups", lang)),
            text("\n".join(f"- {name}" for name in names), spacing="Small"),
            text(t("card.welcome.channel.tickets", lang)),
        ]
    else:
        body.append(text(t("card.welcome.channel.not_linked", lang)))
    body += [
        text(t("card.welcome.channel.mention", lang), weight="Bolder", spacing="Medium"),
        {
            "type": "FactSet",
            "facts": [
                _command(t("card.help.open_tickets", lang), t("card.help.open_tickets_value", lang), lang),
                _command(t("card.help.link", lang), t("card.help.link_value", lang), lang),
                _command(HELP_COMMANDS[0], t("card.help.command_help", lang), lang),
            ],
        },
    ]
    return adaptive_card(body)


def group_chat_welcome_card(*, lang: str) -> dict[str, Any]:
    """What Vraagbaak does in a group chat: answers when @mentioned, for everyone to see."""
    body = [
        heading(t("card.welcome.group_chat.title", lang)),
        text(t("card.welcome.group_chat.text", lang)),
        text(t("card.welcome.group_chat.personal", lang)),
        text(t("card.welcome.group_chat.help", lang), spacing="Medium"),
    ]
    return adaptive_card(body)


def help_card(*, lang: str) -> dict[str, Any]:
    """What you can ask, what the bot does with it, and the commands it knows."""
    body = [
        heading(t("card.help.title", lang)),
        text(t("card.help.ask", lang)),
        text(t("card.help.outcomes", lang)),
        text(t("card.help.feedback", lang)),
        text(t("card.help.commands_title", lang), weight="Bolder", spacing="Medium"),
        {
            "type": "FactSet",
            "facts": [
                {"title": " / ".join(HELP_COMMANDS), "value": t("card.help.command_help", lang)},
                {"title": t("card.help.my_questions", lang), "value": t("card.help.my_questions_value", lang)},
                {"title": t("card.help.key_users", lang), "value": t("card.help.key_users_value", lang)},
                {"title": t("card.help.open_tickets", lang), "value": t("card.help.open_tickets_value", lang)},
                {"title": t("card.help.link", lang), "value": t("card.help.link_value", lang)},
                {"title": t("card.help.learned", lang), "value": t("card.help.learned_value", lang)},
                {"title": t("card.help.golive", lang), "value": t("card.help.golive_value", lang)},
                {"title": t("card.help.language", lang), "value": t("card.help.language_value", lang)},
            ],
        },
        text(t("card.help.channels", lang), isSubtle=True),
    ]
    return adaptive_card(body)
