"""The one place a stored ticket becomes the view its cards show (cards.views.TicketView).

Whoever shows a ticket (the clicked card's refresh, the channel cards the worker posts, the asker's notices, the
lists) takes its view from here, so they all name the same group, count the same askers and read the same history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cards.views import EventView, PersonView, TicketView
from services.directory import person_view
from storage import GroupRepository, Session, TicketRepository
from storage.models import KeyUserGroup, Ticket, TicketEvent
from vocabulary import EventKind, GroupKind, Level

HISTORY_ON_CARD = 5
"""Events a ticket's card view carries (the card shows the last few)."""


def level_group_id(ticket: Ticket) -> int:
    """The group that handles the ticket now: functional management's once it is at the second line."""
    return ticket.second_group_id if ticket.level == Level.SECOND and ticket.second_group_id else ticket.group_id


def linked_askers(askers: int) -> int:
    """Of everyone waiting for a ticket, those whose near-identical question was linked to it (all but the first)."""
    return max(askers - 1, 0)


def ticket_view(
    ticket: Ticket, group: KeyUserGroup | None, *, askers: int, events: Sequence[TicketEvent]
) -> TicketView:
    """A stored ticket as a card view; `group` is its level group, `askers` everyone waiting for it."""

    def person(key: str | None, name: str | None) -> PersonView | None:
        return PersonView(key, name or key) if key else None

    return TicketView(
        id=ticket.id,
        number=ticket.number,
        version=ticket.version,
        status=ticket.status,
        level=ticket.level,
        application=ticket.application,
        department=ticket.department,
        group_name=group.name if group else "-",
        asker=PersonView(ticket.asker_key, ticket.asker_name or ticket.asker_key),
        text=ticket.text,
        context=ticket.context,
        created_at=ticket.created_at,
        due_at=ticket.due_at,
        updated_at=ticket.updated_at,
        assignee=person(ticket.assignee_key, ticket.assignee_name),
        answer=ticket.answer,
        answered_by=person(ticket.answered_by_key, ticket.answered_by_name),
        escalation_reason=ticket.escalation_reason,
        close_reason=ticket.close_reason,
        duplicate_of=ticket.duplicate_of,
        reopen_remark=ticket.reopen_remark,
        linked_askers=linked_askers(askers),
        events=tuple(
            EventView(e.at, e.actor_name or "Vraagbaak", e.kind, _event_detail(e), _close_reason(e)) for e in events
        ),
        faq_proposed=ticket.faq_proposed,
        claimed_by_assignee=_claimed_by_assignee(ticket, events),
        escalatable=not (ticket.level == Level.FIRST and group is not None and group.kind != GroupKind.KEY_USERS),
    )


def new_ticket_view(ticket: Ticket, group: KeyUserGroup, created: TicketEvent) -> TicketView:
    """The view of a ticket just created in this transaction: its asker and its 'created' event are all there is."""
    return ticket_view(ticket, group, askers=1, events=[created])


async def build_view(
    session: Session, ticket: Ticket, *, groups: Mapping[int, KeyUserGroup] | None = None
) -> TicketView:
    """A ticket with its level group, askers and recent history, read in the caller's session (`groups`: by id, when
    the caller has them)."""
    tickets = TicketRepository(session)
    events = await tickets.events(ticket.id, HISTORY_ON_CARD)
    askers = await tickets.count_askers(ticket.id)
    group_id = level_group_id(ticket)
    group = groups.get(group_id) if groups is not None else await GroupRepository(session).get(group_id)
    return ticket_view(ticket, group, askers=askers, events=events)


async def build_list_views(session: Session, tickets: Sequence[Ticket]) -> list[TicketView]:
    """Several tickets as list cards show them: without history or askers, which lists do not show (one query)."""
    groups = {g.id: g for g in await GroupRepository(session).all()}
    return [ticket_view(t, groups.get(level_group_id(t)), askers=1, events=()) for t in tickets]


async def assignable(session: Session, group_id: int) -> list[PersonView]:
    """Who a ticket can be assigned to in a group: its members, chair first."""
    return [person_view(person) for _, person in await GroupRepository(session).members(group_id)]


def _claimed_by_assignee(ticket: Ticket, events: Sequence[TicketEvent]) -> bool:
    """Whether the latest claim or assignment among `events` was the assignee taking the ticket themselves."""
    last = next((e for e in reversed(events) if e.kind in (EventKind.CLAIMED, EventKind.ASSIGNED)), None)
    return last is not None and last.kind == EventKind.CLAIMED and last.actor_key == ticket.assignee_key


def _close_reason(event: TicketEvent) -> str | None:
    """The reason code of a 'closed' event, which the card names in its own language."""
    return (event.data or {}).get("reason") if event.kind == EventKind.CLOSED else None


def _event_detail(event: TicketEvent) -> str | None:
    """What an event's card line adds: its reason, assignee, remark or group, whole (the card shortens it); for a
    'closed' one only the ticket it duplicates, since its reason is a code (see _close_reason)."""
    if event.kind == EventKind.CLOSED:
        return (event.data or {}).get("duplicate_of")
    data = event.data or {}
    for key in ("reason", "assignee", "remark", "group"):
        if data.get(key):
            return str(data[key])
    return None
