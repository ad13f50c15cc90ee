"""Adaptive Cards 1.5 the bot sends: pure functions returning JSON-able dicts."""

from cards.announcements import announcement_card, announcement_report_card, render_for
from cards.answer import answer_card
from cards.common import card_attachment
from cards.groups import channel_linked_card, key_users_card
from cards.suggestions import suggestions_card
from cards.tickets import (
    faq_proposal_card,
    my_tickets_card,
    open_tickets_card,
    ticket_answer_card,
    ticket_card,
    ticket_created_card,
    ticket_form_card,
    ticket_status_card,
)
from cards.unknown import escalated_card, unknown_card
from cards.welcome import HELP_COMMANDS, channel_welcome_card, group_chat_welcome_card, help_card, welcome_card

__all__ = [
    "announcement_card",
    "announcement_report_card",
    "HELP_COMMANDS",
    "answer_card",
    "card_attachment",
    "channel_linked_card",
    "channel_welcome_card",
    "escalated_card",
    "faq_proposal_card",
    "group_chat_welcome_card",
    "help_card",
    "key_users_card",
    "my_tickets_card",
    "open_tickets_card",
    "render_for",
    "suggestions_card",
    "ticket_answer_card",
    "ticket_card",
    "ticket_created_card",
    "ticket_form_card",
    "ticket_status_card",
    "unknown_card",
    "welcome_card",
]
