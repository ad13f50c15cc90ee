"""Learning from use: a learned phrasing's status, the kinds of signal that count for or against it, its settings."""

from __future__ import annotations

from enum import StrEnum


class PhrasingStatus(StrEnum):
    """Where a learned phrasing stands."""

    PROPOSED = "proposed"
    """Seen once or more; waiting for functional management (or enough confirmations)."""
    APPROVED = "approved"
    """The matcher uses it."""
    REJECTED = "rejected"
    """Never used, whatever signals follow."""


class SignalKind(StrEnum):
    """What said that a question belongs to an entry (or that it does not)."""

    PICKED = "picked"
    """The asker picked the entry from the suggestions."""
    HELPFUL = "helpful"
    """'Ja, nuttig' on the entry's answer."""
    TICKET_ANSWERED = "ticket_answered"
    """A key user answered the question's ticket with the entry."""
    TICKET_FAQ = "ticket_faq"
    """The question's ticket was turned into (or improved) the entry."""
    NOT_HELPFUL = "not_helpful"
    """'Nee' on the entry's answer: counts against."""
    NOT_FAQ = "not_faq"
    """A key user closed the question's ticket as 'geen FAQ': no entry's phrasing, a real out-of-scope question."""


POSITIVE_SIGNALS = frozenset({SignalKind.PICKED, SignalKind.HELPFUL, SignalKind.TICKET_ANSWERED, SignalKind.TICKET_FAQ})
"""Signals that confirm a phrasing; the others count against it."""

NOT_FAQ_ENTRY = ""
"""entry_id of a learned question that belongs to no entry: a real out-of-scope question (a ticket closed as
'geen FAQ'), which the matcher's calibration uses as a negative. No FAQ id is empty."""

AUTO_APPROVE_SETTING = "learning.auto_approve_after"
"""Settings key: independent confirmations after which a proposal is approved without review (0: never)."""
AUTO_APPROVE_DEFAULT = 2
