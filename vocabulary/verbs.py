"""Action.Execute verbs: what a card button sends and the route that handles it."""

from __future__ import annotations

from enum import StrEnum


class CardVerb(StrEnum):
    """Every verb a card sends; the strings stay as they are, since cards already posted in Teams send them back."""

    FEEDBACK = "feedback"
    """'Heeft dit geholpen?' on an FAQ answer."""
    CHOOSE = "choose"
    """One of the suggested FAQ entries."""
    ASK_KEY_USER = "ask_key_user"
    """'Vraag het een kerngebruiker': the ticket form (or, without tickets, the question handed on)."""
    TICKET_CREATE = "ticket.create"
    TICKET_CLAIM = "ticket.claim"
    TICKET_ASSIGN = "ticket.assign"
    TICKET_ANSWER = "ticket.answer"
    TICKET_ESCALATE = "ticket.escalate"
    TICKET_CLOSE = "ticket.close"
    TICKET_PROPOSE_FAQ = "ticket.propose_faq"
    TICKET_RESOLVED = "ticket.resolved"
    """The asker's 'Opgelost?' Ja / Nee."""
    FAQ_APPROVE = "faq.approve"
    """Approve a proposal as its card shows it."""
    FAQ_SAVE = "faq.save"
    """Store edits to a proposal, so its card shows them before anyone approves it."""
    FAQ_REJECT = "faq.reject"
    ANNOUNCEMENT_ACK = "announcement.ack"
    """'Gelezen' on an announcement that asks for acknowledgement."""
