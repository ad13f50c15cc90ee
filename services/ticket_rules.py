"""Which ticket action is allowed in which status and level, and for whom: one table the ticket service consults.

Each (action, level) has one rule: who may act at all (`who`, else TicketRefused with `refusal`) and, per
status, whether the action fits (None) or the note that tells the clicker why nothing changed. A refusal is
the polite no to someone who may not touch the ticket; a note is a click that came too late or too early,
which changes nothing and refreshes the card. The ticket service checks the same click delivered twice
(claimed by the clicker already, the same answer again) between the two, and the conditions that are not
about status, level or role (an answer to propose, a second line to escalate to, a group member to assign).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from storage.models import Ticket
from vocabulary import Level, TicketStatus


class TicketRefused(Exception):
    """A polite no: the catalogue key (and its parameters) to show to the person who tried."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Action(StrEnum):
    """What someone can do to a ticket."""

    CLAIM = "claim"
    ASSIGN = "assign"
    ANSWER = "answer"
    ESCALATE = "escalate"
    CLOSE = "close"
    PROPOSE_FAQ = "propose_faq"
    RESOLVE = "resolve"
    """The asker's 'Opgelost?' Ja (closes) or Nee (reopens)."""


class Standing(StrEnum):
    """What someone is to one ticket; a person can be several at once."""

    FUNCTIONAL_MANAGER = "functional_manager"
    """Role functional_manager or admin: every ticket, at either level."""
    FIRST_LINE = "first_line"
    """A key user (role key_user or higher) in the ticket's own group."""
    SECOND_LINE = "second_line"
    """A member of the functional-management group the ticket was escalated to, whatever their role."""
    ASKER = "asker"
    """Asked the ticket's question, or a near-identical one that was linked to it."""


OK = None
"""The action fits the ticket's status."""
TAKEN = "ticket.note.taken"
"""Someone else has claimed it (the note names them)."""
IS_ESCALATED = "ticket.note.status.escalated"
"""The ticket is with functional management now (and so on for the other statuses)."""
IS_ANSWERED = "ticket.note.status.answered"
IS_CLOSED = "ticket.note.status.closed"
WAS_ESCALATED = "ticket.note.already_escalated"
"""It went to functional management before (and so on)."""
WAS_CLOSED = "ticket.note.closed"
WAS_HANDLED = "ticket.note.already_handled"
NOT_ALLOWED = "ticket.refused.not_allowed"
NOT_YOUR_TICKET = "ticket.refused.not_your_ticket"


@dataclass(frozen=True)
class Rule:
    """Who may do an action at one level, and in which statuses it fits."""

    who: frozenset[Standing]
    refusal: str
    """Catalogue key raised as TicketRefused for anyone with none of `who`."""
    states: Mapping[TicketStatus, str | None]
    """Per status: OK, or the catalogue key of the note saying why nothing changed."""


def _row(*verdicts: str | None) -> Mapping[TicketStatus, str | None]:
    """Verdicts in the order of TicketStatus: open, claimed, escalated, answered, closed."""
    return MappingProxyType(dict(zip(TicketStatus, verdicts, strict=True)))


HANDLE_FIRST = frozenset({Standing.FUNCTIONAL_MANAGER, Standing.FIRST_LINE})
"""Who handles a ticket at the first line."""
HANDLE_SECOND = frozenset({Standing.FUNCTIONAL_MANAGER, Standing.SECOND_LINE})
"""Who handles a ticket once escalated."""
ASKERS = frozenset({Standing.ASKER})
_A, _L = Action, Level

# fmt: off
RULES: Mapping[tuple[Action, Level], Rule] = MappingProxyType({
    # (action, level): Rule(who may, refused with,
    #   _row(open           claimed        escalated      answered       closed))
    (_A.CLAIM, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            TAKEN,         IS_ESCALATED,  IS_ANSWERED,   IS_CLOSED)),
    (_A.CLAIM, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(OK,            TAKEN,         OK,            IS_ANSWERED,   IS_CLOSED)),
    (_A.ASSIGN, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            OK,            IS_ESCALATED,  IS_ANSWERED,   IS_CLOSED)),
    (_A.ASSIGN, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(OK,            OK,            OK,            IS_ANSWERED,   IS_CLOSED)),
    (_A.ANSWER, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            OK,            IS_ESCALATED,  IS_ANSWERED,   IS_CLOSED)),
    (_A.ANSWER, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(OK,            OK,            OK,            IS_ANSWERED,   IS_CLOSED)),
    (_A.ESCALATE, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            OK,            IS_ESCALATED,  IS_ANSWERED,   IS_CLOSED)),
    (_A.ESCALATE, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(WAS_ESCALATED, WAS_ESCALATED, WAS_ESCALATED, WAS_ESCALATED, WAS_ESCALATED)),
    (_A.CLOSE, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            OK,            OK,            OK,            WAS_CLOSED)),
    (_A.CLOSE, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(OK,            OK,            OK,            OK,            WAS_CLOSED)),
    (_A.PROPOSE_FAQ, _L.FIRST): Rule(HANDLE_FIRST, NOT_ALLOWED,
        _row(OK,            OK,            OK,            OK,            OK)),
    (_A.PROPOSE_FAQ, _L.SECOND): Rule(HANDLE_SECOND, NOT_ALLOWED,
        _row(OK,            OK,            OK,            OK,            OK)),
    (_A.RESOLVE, _L.FIRST): Rule(ASKERS, NOT_YOUR_TICKET,
        _row(WAS_HANDLED,   WAS_HANDLED,   WAS_HANDLED,   OK,            WAS_HANDLED)),
    (_A.RESOLVE, _L.SECOND): Rule(ASKERS, NOT_YOUR_TICKET,
        _row(WAS_HANDLED,   WAS_HANDLED,   WAS_HANDLED,   OK,            WAS_HANDLED)),
})
# fmt: on
"""The whole table. Proposing an FAQ entry fits every status: what it needs is an answer, which the service checks."""


@dataclass(frozen=True)
class NotNow:
    """The action does not fit the ticket's state: nothing changes, the clicker is told `key`."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


def rule(action: Action, level: str) -> Rule:
    """The table's rule for `action` on a ticket at `level`."""
    return RULES[(action, Level(level))]


def who_may(action: Action, level: str) -> frozenset[Standing]:
    """Who may do `action` on a ticket at `level` (so the service reads only what tells those apart)."""
    return rule(action, level).who


def check(action: Action, ticket: Ticket, standing: frozenset[Standing]) -> NotNow | None:
    """Raise TicketRefused when `standing` may not do `action` at all; else why the status forbids it now, or None."""
    found = rule(action, ticket.level)
    if not found.who & standing:
        raise TicketRefused(found.refusal)
    note = found.states[TicketStatus(ticket.status)]
    if note is None:
        return None
    return NotNow(note, {"name": ticket.assignee_name or "-"} if note == TAKEN else {})
