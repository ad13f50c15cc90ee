"""The ticket rules table, row by row: who may do which action in which status and level, and the note otherwise."""

from __future__ import annotations

import itertools

import pytest

from services.directory import Actor
from services.ticket_rules import RULES, Action, NotNow, Standing, TicketRefused, check
from storage.models import Ticket
from tests.support.people import ANNA, KEES, ZOE
from tests.support.world import DECOS, FM_GROUP, SUITE4, Group, Layout, World
from vocabulary import GroupKind, Level, Role, TicketStatus

STANDINGS = [frozenset(chosen) for n in range(len(Standing) + 1) for chosen in itertools.combinations(Standing, n)]
"""Every combination of what someone can be to a ticket, none at all included."""


def shown(status: str, level: str, assignee_name: str | None = "Kees") -> Ticket:
    """A ticket as the rules read it (not stored)."""
    return Ticket(status=status, level=level, assignee_name=assignee_name)


def before(action: Action, status: TicketStatus, level: Level, standing: frozenset[Standing]) -> tuple[str, str | None]:
    """What the service answered before the table, per action, in its order: ('refused', key), ('note', key) or
    ('ok', None). The same click delivered twice is recognised apart from the table."""
    first_line = Standing.FUNCTIONAL_MANAGER in standing or Standing.FIRST_LINE in standing
    second_line = Standing.FUNCTIONAL_MANAGER in standing or Standing.SECOND_LINE in standing
    may_handle = second_line if level == "second" else first_line
    not_now = ("note", f"ticket.note.status.{status}")
    if action == Action.RESOLVE:
        if Standing.ASKER not in standing:
            return "refused", "ticket.refused.not_your_ticket"
        return ("note", "ticket.note.already_handled") if status != "answered" else ("ok", None)
    if not may_handle:
        return "refused", "ticket.refused.not_allowed"
    if action == Action.CLAIM:
        if status == "claimed":
            return "note", "ticket.note.taken"
        if status not in ("open", "escalated") or (status == "escalated" and level != "second"):
            return not_now
    if action in (Action.ASSIGN, Action.ANSWER):
        if status not in ("open", "claimed", "escalated") or (status == "escalated" and level != "second"):
            return not_now
    if action == Action.ESCALATE:
        if level == "second":
            return "note", "ticket.note.already_escalated"
        if status not in ("open", "claimed"):
            return not_now
    if action == Action.CLOSE and status == "closed":
        return "note", "ticket.note.closed"
    return "ok", None


CASES = list(itertools.product(Action, TicketStatus, Level, STANDINGS))


@pytest.mark.parametrize(
    ("action", "status", "level", "standing"),
    CASES,
    ids=[f"{a}-{s}-{lv}-{'+'.join(sorted(st)) or 'nobody'}" for a, s, lv, st in CASES],
)
def test_each_row_allows_exactly_what_the_service_allowed_before(action, status, level, standing):
    expected = before(action, status, level, standing)
    try:
        verdict = check(action, shown(status, level), standing)
    except TicketRefused as refused:
        assert ("refused", refused.key) == expected
        assert refused.params == {}
        return
    if verdict is None:
        assert expected == ("ok", None)
    else:
        assert ("note", verdict.key) == expected
        assert verdict == NotNow(verdict.key, {"name": "Kees"} if verdict.key == "ticket.note.taken" else {})


def test_the_table_covers_every_action_level_and_status():
    assert set(RULES) == set(itertools.product(Action, Level))
    assert all(set(rule.states) == set(TicketStatus) for rule in RULES.values())


def test_taken_names_whoever_has_it():
    assert check(Action.CLAIM, shown("claimed", "first", None), frozenset({Standing.FIRST_LINE})) == NotNow(
        "ticket.note.taken", {"name": "-"}
    )


# ---------------------------------------------------------------------------------------------- the service's reading
PEOPLE = [(role, in_first, in_second) for role in Role for in_first in (False, True) for in_second in (False, True)]


def may_handle_before(role: Role, in_first: bool, in_second: bool, level: Level) -> bool:
    """TicketService._may_handle as it was: admins, functional managers, and the level's group members."""
    if role.includes(Role.ADMIN):
        return True
    if level == Level.SECOND:
        return role.includes(Role.FUNCTIONAL_MANAGER) or in_second
    if role.includes(Role.FUNCTIONAL_MANAGER):
        return True
    return role.includes(Role.KEY_USER) and in_first


@pytest.mark.parametrize("level", list(Level))
async def test_the_service_finds_who_someone_is_to_the_ticket_as_before(database, level):
    world = await World.build(
        database,
        Layout(
            groups=(
                Group(FM_GROUP, kind=GroupKind.FUNCTIONAL_MANAGEMENT),
                Group(SUITE4, "Suite4", parent=FM_GROUP, members=(KEES,)),
                Group(DECOS, "Decos", parent=FM_GROUP, members=(ZOE,)),
            )
        ),
    )
    directory, tickets = world.directory, world.tickets
    people = []
    for n, (role, in_first, in_second) in enumerate(PEOPLE):
        key = f"p{n}-{role}-{'first' if in_first else ''}-{'second' if in_second else ''}"
        if in_first:
            await directory.add_member(SUITE4, key)
        if in_second:
            await directory.add_member(FM_GROUP, key)
        await directory.set_person(key, role=role)  # membership raised it: put the role under test back
        people.append((Actor(key, key), role, in_first, in_second))
    ticket = (await tickets.create(ANNA, text="Hoe vraag ik verlof aan?", application="Suite4")).view
    if level == Level.SECOND:
        await tickets.escalate(ticket.id, KEES, "Rechten ontbreken")

    allowed = {}
    for actor, *_ in people:
        try:
            await tickets.claim(ticket.id, actor)  # the first one allowed claims it; the others hear it is taken
            allowed[actor.key] = True
        except TicketRefused as refused:
            assert refused.key == "ticket.refused.not_allowed"
            allowed[actor.key] = False
    assert allowed == {
        actor.key: may_handle_before(role, in_first, in_second, level) for actor, role, in_first, in_second in people
    }
    assert sum(allowed.values()) > 0 and not all(allowed.values())
