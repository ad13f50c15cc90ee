"""Welcome card on install and the help card for 'help' / '?'."""

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
            "facts": [{"title": " / ".join(HELP_COMMANDS), "value": t("card.help.command_help", lang)},
                      {"title": t("card.help.my_questions", lang), "value": t("card.help.my_questions_value", lang)},
                      {"title": t("card.help.key_users", lang), "value": t("card.help.key_users_value", lang)},
                      {"title": t("card.help.open_tickets", lang), "value": t("card.help.open_tickets_value", lang)},
                      {"title": t("card.help.link", lang), "value": t("card.help.link_value", lang)}],
        },
        text(t("card.help.channels", lang), isSubtle=True),
    ]
    return adaptive_card(body)
