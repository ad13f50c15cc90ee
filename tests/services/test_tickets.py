"""TicketService on both databases: creating, routing, who may act, transitions, proposals and reminders."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

import cards
from services.directory import Actor
from services.faq import FaqService
from services.tickets import TicketRefused, TicketService
from storage import (
    FaqRepository,
    LearnedPhrasingRepository,
    ProposalRepository,
    QuestionRepository,
    TicketRepository,
)
from storage.models import Ticket
from tests.support.cards import card_text
from tests.support.clock import START
from tests.support.people import ANNA, DIRK, ESRA, FRANK, KARIN, KEES, SARA, ZOE
from tests.support.world import (
    FM_GROUP,
    MUNICIPALITY,
    SUITE4,
    SUITE4_SD,
    World,
    events,
    fresh,
    jobs_of,
    last_job_id,
    log_question,
)
from vocabulary import PhrasingStatus, ReminderStage

UTC = timezone.utc
"""Monday 2 March 2026, 09:00 in Amsterdam."""

LEAVE = "Hoe vraag ik verlof aan in Suite4?"
LEAVE_AGAIN = "hoe vraag ik in Suite4 verlof aan"
PAYSLIP = "Waar vind ik mijn loonstrook in Suite4?"


@pytest.fixture
async def world(database) -> World:
    """Functional management above three key-user groups with channels, their members and some employees."""
    return await World.build(database, MUNICIPALITY)


async def new_ticket(
    world: World, asker: Actor = ANNA, text: str = LEAVE, application: str = "Suite4", **kwargs
) -> Ticket:
    change = await world.tickets.create(asker, text=text, application=application, **kwargs)
    assert change.changed and change.note is None, change
    return await fresh(world, change.view.id)


async def refused(key: str, action) -> TicketRefused:
    with pytest.raises(TicketRefused) as caught:
        await action
    assert caught.value.key == key
    return caught.value


# ---------------------------------------------------------------------------------------------- creating
async def test_create_numbers_the_ticket_sets_its_target_and_schedules_its_jobs(world):
    question_id = await log_question(world, ANNA, LEAVE)
    change = await world.tickets.create(
        ANNA, text=f"  {LEAVE}  ", application="Suite4", context="Scherm X", question_id=question_id
    )
    ticket = await fresh(world, change.view.id)
    assert (change.changed, change.note) == (True, None)
    assert ticket.number == "VB-2026-0001"
    assert (ticket.status, ticket.level, ticket.group_id, ticket.text, ticket.context, ticket.department) == (
        "open",
        "first",
        world.groups[SUITE4],
        LEAVE,
        "Scherm X",
        "Burgerzaken",
    )
    assert ticket.created_at == START
    assert ticket.due_at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC), "one working day (510 minutes) later"
    assert await events(world, ticket.id) == [("created", ANNA.key)]
    async with world.db.transaction() as session:
        assert [a.user_key for a in await TicketRepository(session).askers(ticket.id)] == [ANNA.key]
        question = await QuestionRepository(session).get(question_id)
        assert question is not None and question.escalated_at is not None

    rows = await jobs_of(world)
    assert [(j.kind, j.payload, j.serial_key, j.dedupe_key, j.run_at) for j in rows] == [
        ("ticket.sync", {"ticket_id": ticket.id}, f"ticket:{ticket.id}", None, START),
        (
            "ticket.remind",
            {"ticket_id": ticket.id, "stage": "half"},
            None,
            f"ticket:{ticket.id}:half",
            datetime(2026, 3, 2, 12, 15, tzinfo=UTC),
        ),
        (
            "ticket.remind",
            {"ticket_id": ticket.id, "stage": "overdue"},
            None,
            f"ticket:{ticket.id}:overdue",
            datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
        ),
    ]

    again = await world.tickets.create(ANNA, text=LEAVE, application="Suite4", question_id=question_id)
    assert (again.changed, again.view.id) == (False, ticket.id), "the same form sent twice makes one ticket"
    assert len(await jobs_of(world)) == 3
    second = await new_ticket(world, ESRA, PAYSLIP)
    assert second.number == "VB-2026-0002"


async def test_near_identical_question_links_to_the_open_ticket(world):
    first = await new_ticket(world, ANNA, LEAVE)
    before = await last_job_id(world)
    esra_question = await log_question(world, ESRA, LEAVE_AGAIN)
    linked = await world.tickets.create(ESRA, text=LEAVE_AGAIN, application="Suite4", question_id=esra_question)
    assert linked.view.id == first.id
    assert (linked.note, linked.params) == ("ticket.note.linked", {"number": "VB-2026-0001"})
    async with world.db.transaction() as session:
        askers = await TicketRepository(session).askers(first.id)
        assert [(a.user_key, a.question_id) for a in askers] == [(ANNA.key, None), (ESRA.key, esra_question)]
        assert await session.scalar(select(Ticket.id).where(Ticket.question_id == esra_question)) is None
    assert await events(world, first.id) == [("created", ANNA.key), ("linked", ESRA.key)]
    assert [(j.kind, j.payload.get("key")) for j in await jobs_of(world, after=before)] == [
        ("ticket.thread", "ticket.thread.linked"),
        ("ticket.sync", None),
    ]

    before = await last_job_id(world)
    twice = await world.tickets.create(ESRA, text=LEAVE, application="Suite4")
    assert (twice.view.id, twice.changed) == (first.id, False), "linking the same asker again changes nothing"
    assert await jobs_of(world, after=before) == []

    other = await new_ticket(world, ESRA, PAYSLIP)
    assert (other.id, other.number) != (first.id, "VB-2026-0001")
    assert other.number == "VB-2026-0002"
    elsewhere = await new_ticket(world, SARA, LEAVE)  # same words, but Sociaal Domein has its own group
    assert elsewhere.group_id == world.groups[SUITE4_SD]
    await world.tickets.close(first.id, KARIN, "answered")
    after_close = await new_ticket(world, ESRA, LEAVE_AGAIN)
    assert after_close.number == "VB-2026-0004", "a closed ticket takes no new askers"


async def test_routing_by_department_and_refusals(world):
    social = await new_ticket(world, SARA, PAYSLIP)  # department from the person
    assert (social.group_id, social.department) == (world.groups[SUITE4_SD], "Sociaal Domein")
    assert social.due_at == datetime(2026, 3, 2, 10, 0, tzinfo=UTC), "the group's own target of 120 minutes"
    assert [j.run_at for j in await jobs_of(world, "ticket.remind")] == [
        datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    ]
    told = await new_ticket(world, ESRA, "Hoe maak ik een beschikking in Suite4?", department="sociaal domein")
    assert told.group_id == world.groups[SUITE4_SD]
    general = await new_ticket(world, ANNA, "Hoe maak ik een beschikking in Suite4?")
    assert (general.group_id, general.department) == (world.groups[SUITE4], "Burgerzaken")

    error = await refused(
        "ticket.refused.unknown_application", world.tickets.create(ANNA, text=LEAVE, application="Onbekend")
    )
    assert error.params == {"application": "Onbekend"}
    error = await refused("ticket.refused.no_group", world.tickets.create(ANNA, text=LEAVE, application="Decos"))
    assert error.params == {"application": "Decos"}
    await refused("ticket.refused.empty", world.tickets.create(ANNA, text="   ", application="Suite4"))
    decos = await new_ticket(world, SARA, LEAVE, application="Decos")
    assert decos.group_id == world.groups["Kerngebruikers Decos (Sociaal Domein)"]

    anna_question = await log_question(world, ANNA, PAYSLIP)
    await refused(
        "reply.not_yours", world.tickets.create(ESRA, text=PAYSLIP, application="Suite4", question_id=anna_question)
    )
    await refused(
        "reply.question_gone",
        world.tickets.create(ANNA, text=PAYSLIP, application="Suite4", question_id=anna_question + 1000),
    )
    own = await world.tickets.create(ANNA, text="  ", application="Suite4", question_id=anna_question)
    assert (own.changed, own.view.text) == (True, PAYSLIP), "an emptied form field keeps the logged question"
    async with world.db.transaction() as session:
        assert await TicketRepository(session).count_by_status() == {"open": 5}


async def test_a_question_about_no_application_goes_to_the_general_group_else_functional_management(world):
    from services.directory import GENERAL_APPLICATION

    assert await world.directory.routes_general(), "functional management takes them while there is no general group"
    to_management = await new_ticket(world, ANNA, LEAVE, application=GENERAL_APPLICATION)
    assert (to_management.group_id, to_management.level, to_management.application) == (
        world.groups[FM_GROUP],
        "first",
        GENERAL_APPLICATION,
    )
    held = await world.tickets.escalate(to_management.id, DIRK, "niets boven ons")
    assert (held.changed, held.note, held.view.escalatable) == (False, "ticket.note.already_escalated", False)

    for group in (
        dict(name="Kerngebruikers Algemeen", application="algemeen", channel_id="19:alg@thread.tacv2"),
        dict(
            name="Kerngebruikers Algemeen (Sociaal Domein)",
            application="Algemeen",
            department="Sociaal Domein",
            channel_id="19:alg-sd@thread.tacv2",
        ),
    ):
        world.groups[group["name"]] = (await world.directory.save_group(parent=FM_GROUP, **group)).id
    assert GENERAL_APPLICATION not in await world.directory.applications(), "not listed as an application"
    general = await new_ticket(world, ANNA, PAYSLIP, application="Algemeen")
    assert (general.group_id, general.application) == (world.groups["Kerngebruikers Algemeen"], "algemeen")
    social = await new_ticket(world, SARA, PAYSLIP, application="ALGEMEEN")
    assert social.group_id == world.groups["Kerngebruikers Algemeen (Sociaal Domein)"]
    passed_on = await world.tickets.escalate(general.id, DIRK, "hoort bij P&O")
    assert passed_on.changed and (await fresh(world, general.id)).second_group_id == world.groups[FM_GROUP]


async def test_concurrent_creates_get_consecutive_numbers(world):
    questions = [
        f"Vraag {word} over Suite4 instellingen"
        for word in ("alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")
    ]
    changes = await asyncio.gather(
        *(
            world.tickets.create(Actor(f"emp-{i}", f"Medewerker {i}"), text=text, application="Suite4")
            for i, text in enumerate(questions)
        )
    )
    assert sorted(c.view.number for c in changes) == [f"VB-2026-{n:04d}" for n in range(1, 9)]
    assert len({c.view.id for c in changes}) == 8


# ---------------------------------------------------------------------------------------------- permissions
async def test_only_the_groups_key_users_and_functional_management_may_act(world):
    ticket = await new_ticket(world)
    before_jobs = await last_job_id(world)
    for outsider in (ESRA, ZOE, ANNA):
        await refused("ticket.refused.not_allowed", world.tickets.claim(ticket.id, outsider))
        await refused("ticket.refused.not_allowed", world.tickets.answer(ticket.id, outsider, "Zo doe je dat."))
        await refused("ticket.refused.not_allowed", world.tickets.close(ticket.id, outsider, "not_a_question"))
        await refused("ticket.refused.not_allowed", world.tickets.escalate(ticket.id, outsider, "Te moeilijk"))
    stored = await fresh(world, ticket.id)
    assert (stored.status, stored.assignee_key, stored.version) == ("open", None, ticket.version)
    assert await events(world, ticket.id) == [("created", ANNA.key)]
    assert await jobs_of(world, after=before_jobs) == []

    claimed = await world.tickets.claim(ticket.id, DIRK)
    assert (claimed.changed, claimed.view.status, claimed.view.assignee.key) == (True, "claimed", DIRK.key)


async def test_claim_twice_by_the_same_person_changes_once(world):
    ticket = await new_ticket(world)
    first = await world.tickets.claim(ticket.id, KEES)
    assert (first.changed, first.view.status, first.view.assignee.name) == (True, "claimed", "Kees")
    assert (await fresh(world, ticket.id)).first_response_at == START
    version = (await fresh(world, ticket.id)).version
    before_jobs = await last_job_id(world)
    second = await world.tickets.claim(ticket.id, KEES)  # the same click delivered twice
    assert (second.changed, second.note) == (False, None)
    assert (await fresh(world, ticket.id)).version == version
    assert await events(world, ticket.id) == [("created", ANNA.key), ("claimed", KEES.key)]
    assert await jobs_of(world, after=before_jobs) == []
    taken = await world.tickets.claim(ticket.id, KARIN)
    assert (taken.changed, taken.note, taken.params) == (False, "ticket.note.taken", {"name": "Kees"})


async def test_two_key_users_claiming_at_once_one_wins(world):
    ticket = await new_ticket(world)
    results = await asyncio.gather(world.tickets.claim(ticket.id, KARIN), world.tickets.claim(ticket.id, KEES))
    winners = [r for r in results if r.changed]
    losers = [r for r in results if not r.changed]
    assert len(winners) == 1 and len(losers) == 1, results
    winner = winners[0].view.assignee.key
    stored = await fresh(world, ticket.id)
    assert stored.assignee_key == winner
    assert (losers[0].note, losers[0].params) == ("ticket.note.taken", {"name": stored.assignee_name})
    assert await events(world, ticket.id) == [("created", ANNA.key), ("claimed", winner)]


async def test_assign_to_a_member_only(world):
    ticket = await new_ticket(world)
    assigned = await world.tickets.assign(ticket.id, KARIN, KEES.key)
    assert (assigned.view.status, assigned.view.assignee.key) == ("claimed", KEES.key)
    notices = [(j.payload["user_key"], j.payload.get("key")) for j in await jobs_of(world, "ticket.notify")]
    assert (KEES.key, "ticket.notify.assigned_to_you") in notices
    await refused("ticket.refused.not_a_member", world.tickets.assign(ticket.id, KARIN, ZOE.key))
    assert (await world.tickets.assign(ticket.id, KARIN, KEES.key)).changed is False


# ---------------------------------------------------------------------------------------------- answering
async def test_answer_reaches_every_asker_and_the_asker_resolves(world):
    ticket = await new_ticket(world, ANNA, LEAVE)
    await world.tickets.create(ESRA, text=LEAVE_AGAIN, application="Suite4")
    await world.tickets.claim(ticket.id, KEES)
    before = await last_job_id(world)
    answered = await world.tickets.answer(ticket.id, KEES, "Via Mijn Verlof > Aanvragen.")
    assert (answered.changed, answered.view.status, answered.view.answer) == (
        True,
        "answered",
        "Via Mijn Verlof > Aanvragen.",
    )
    notices = [(j.payload["user_key"], j.payload["kind"]) for j in await jobs_of(world, "ticket.notify", after=before)]
    assert notices == [(ANNA.key, "answer"), (ESRA.key, "answer")]

    before = await last_job_id(world)
    again = await world.tickets.answer(ticket.id, KEES, "Via Mijn Verlof > Aanvragen.")
    assert again.changed is False, "the same answer delivered twice"
    assert await jobs_of(world, after=before) == []
    assert [kind for kind, _ in await events(world, ticket.id)].count("answered") == 1

    await refused("ticket.refused.not_your_ticket", world.tickets.resolve(ticket.id, KARIN, True))
    await refused("ticket.refused.empty_remark", world.tickets.resolve(ticket.id, ESRA, False, "  "))
    before = await last_job_id(world)
    reopened = await world.tickets.resolve(ticket.id, ESRA, False, "Ik zie geen knop Aanvragen.")
    assert (reopened.view.status, reopened.view.assignee.key, reopened.view.reopen_remark) == (
        "claimed",
        KEES.key,
        "Ik zie geen knop Aanvragen.",
    )
    texts = [
        (j.payload["user_key"], j.payload.get("key"))
        for j in await jobs_of(world, "ticket.notify", after=before)
        if j.payload["kind"] == "text"
    ]
    assert texts == [(KEES.key, "ticket.notify.reopened_to_you")]

    await world.tickets.answer(ticket.id, KEES, "Vraag de rol Verlof aan bij je leidinggevende.")
    closed = await world.tickets.resolve(ticket.id, ANNA, True)
    assert (closed.view.status, closed.view.close_reason, (await fresh(world, ticket.id)).closed_at) == (
        "closed",
        "resolved",
        START,
    )
    late = await world.tickets.resolve(ticket.id, ESRA, True)
    assert (late.changed, late.note) == (False, "ticket.note.already_handled")
    assert [kind for kind, _ in await events(world, ticket.id)] == [
        "created",
        "linked",
        "claimed",
        "answered",
        "reopened",
        "answered",
        "resolved",
    ]


async def test_answer_without_claim_makes_the_answerer_the_assignee(world):
    ticket = await new_ticket(world)
    await refused("ticket.refused.empty_answer", world.tickets.answer(ticket.id, KARIN, "   "))
    change = await world.tickets.answer(ticket.id, KARIN, "Zo.")
    stored = await fresh(world, ticket.id)
    assert (change.view.assignee.key, change.view.answered_by.key, stored.first_response_at) == (
        KARIN.key,
        KARIN.key,
        START,
    )


# ---------------------------------------------------------------------------------------------- escalating, closing
async def test_escalate_to_functional_management(world):
    ticket = await new_ticket(world)
    await world.tickets.claim(ticket.id, KEES)
    await refused("ticket.refused.empty_reason", world.tickets.escalate(ticket.id, KEES, " "))
    change = await world.tickets.escalate(ticket.id, KEES, "Rechten ontbreken in het beheerscherm")
    escalated = await fresh(world, ticket.id)
    assert (escalated.level, escalated.status, escalated.second_group_id, escalated.assignee_key) == (
        "second",
        "escalated",
        world.groups[FM_GROUP],
        None,
    )
    assert escalated.escalation_reason == "Rechten ontbreken in het beheerscherm"
    view = await world.tickets.view(escalated.id)
    assert view == change.view, "read again, the ticket shows as the escalation left it"
    first_line = card_text(cards.ticket_card(ticket=view, lang="nl", level="first"))
    assert "Rechten ontbreken in het beheerscherm" in first_line
    assert "Doorgezet naar functioneel beheer" in first_line
    assert view.group_name == FM_GROUP

    assert (await world.tickets.escalate(ticket.id, DIRK, "nog eens")).note == "ticket.note.already_escalated"
    await refused("ticket.refused.not_allowed", world.tickets.claim(ticket.id, KEES))
    await refused("ticket.refused.not_allowed", world.tickets.answer(ticket.id, KARIN, "Toch zo?"))
    await refused("ticket.refused.not_allowed", world.tickets.close(ticket.id, KARIN, "answered"))
    claimed = await world.tickets.claim(ticket.id, DIRK)
    assert (claimed.view.status, claimed.view.assignee.key) == ("claimed", DIRK.key)
    answered = await world.tickets.answer(ticket.id, DIRK, "Rol toegekend.")
    assert (answered.view.status, answered.view.answered_by.key) == ("answered", DIRK.key)
    assert [kind for kind, _ in await events(world, ticket.id)] == [
        "created",
        "claimed",
        "escalated",
        "claimed",
        "answered",
    ]
    status_notices = [
        j.payload.get("status_event") for j in await jobs_of(world, "ticket.notify") if j.payload["kind"] == "status"
    ]
    assert status_notices == ["claimed", "escalated", "claimed"]


async def test_closing_as_not_faq_keeps_the_question_masked_as_a_real_out_of_scope_one(world):
    """'geen FAQ-vraag' teaches the matcher the question, without its BSN, phone number or e-mail address."""
    faq = FaqService(world.db, use_embeddings=False)
    try:
        text = "Mijn BSN 123456782 staat fout in Suite4, bel 06-12345678 of mail anna.jansen@gemeente.nl"
        masked = "Mijn BSN … staat fout in Suite4, bel … of mail …"
        first = await new_ticket(world, ANNA, text)
        async with world.db.read() as session:
            revision = await FaqRepository(session).revision()
        await world.tickets.close(first.id, KARIN, "not_faq")
        assert await faq.out_of_scope() == [masked]
        async with world.db.read() as session:
            assert await FaqRepository(session).revision() == revision + 1  # every instance takes it in
            [row] = await LearnedPhrasingRepository(session).with_status(list(PhrasingStatus))
        assert (row.entry_id, row.text, row.status, row.decided_by) == ("", masked, "approved", KARIN.key)
        assert (row.confirmations, row.kinds) == (1, ["not_faq"])
        stored = " ".join(str(value) for value in (row.text, row.text_key, row.sources, row.decided_by))
        for secret in ("123456782", "12345678", "anna.jansen", "gemeente.nl"):
            assert secret not in stored
        again = await new_ticket(world, ESRA, text.replace("Mijn", "mijn"))  # another asker, another ticket
        await world.tickets.close(again.id, KARIN, "not_faq")
        async with world.db.read() as session:
            assert await FaqRepository(session).revision() == revision + 1, "the same question is no change"
            [row] = await LearnedPhrasingRepository(session).with_status(list(PhrasingStatus))
        assert row.confirmations == 2 and await faq.out_of_scope() == [masked]
        for reason in ("answered", "not_a_question"):  # other reasons teach nothing
            other = await new_ticket(world, ESRA, f"Waarom is de {reason} knop in Suite4 grijs?")
            await world.tickets.close(other.id, KARIN, reason)
        assert await faq.out_of_scope() == [masked]
    finally:
        faq.close()


async def test_closing_with_each_reason_and_clicks_on_a_closed_ticket(world):
    for n, reason in enumerate(("answered", "not_a_question", "not_faq"), start=1):
        other = await new_ticket(world, ESRA, f"Vraag {n} over het zaakoverzicht in Suite4")
        closed = await world.tickets.close(other.id, KARIN, reason)
        assert (closed.view.status, closed.view.close_reason, (await fresh(world, other.id)).closed_at) == (
            "closed",
            reason,
            START,
        )
        thread = [j.payload for j in await jobs_of(world, "ticket.thread")]
        assert thread[-1]["params"]["reason_label"] == f"ticket.card.close_reason.{reason}"
        assert (await events(world, other.id))[-1] == ("closed", KARIN.key)
    ticket = await new_ticket(world)
    await refused("ticket.refused.close_reason", world.tickets.close(ticket.id, KARIN, "resolved"))
    await refused("ticket.refused.duplicate_number", world.tickets.close(ticket.id, KARIN, "duplicate"))
    original = await new_ticket(world, ESRA, "Hoe exporteer ik het zaakoverzicht van Suite4 naar Excel?")
    closed = await world.tickets.close(ticket.id, KARIN, "duplicate", original.number)
    assert (closed.view.status, closed.view.close_reason, closed.view.duplicate_of) == (
        "closed",
        "duplicate",
        original.number,
    )
    joined = [j.payload for j in await jobs_of(world, "ticket.thread")][-1]
    assert (joined["key"], joined["ticket_id"]) == ("ticket.thread.duplicate_joined", original.id)
    version = (await fresh(world, ticket.id)).version
    before = await last_job_id(world)
    notes = [
        (await world.tickets.claim(ticket.id, KEES)).note,
        (await world.tickets.answer(ticket.id, KEES, "Toch nog")).note,
        (await world.tickets.escalate(ticket.id, KEES, "Toch nog")).note,
        (await world.tickets.close(ticket.id, KEES, "answered")).note,
        (await world.tickets.assign(ticket.id, KARIN, KEES.key)).note,
        (await world.tickets.resolve(ticket.id, ANNA, True)).note,
    ]
    assert notes == [
        "ticket.note.status.closed",
        "ticket.note.status.closed",
        "ticket.note.status.closed",
        "ticket.note.closed",
        "ticket.note.status.closed",
        "ticket.note.already_handled",
    ]
    assert (await fresh(world, ticket.id)).version == version
    assert await jobs_of(world, after=before) == []
    for unknown in (99999, "abc", None):
        await refused("ticket.refused.unknown", world.tickets.claim(unknown, KEES))


# ---------------------------------------------------------------------------------------------- FAQ proposals
async def test_propose_and_approve_faq_with_edits(world):
    ticket = await new_ticket(world)
    early = await world.tickets.propose_faq(ticket.id, KEES)
    assert (early.changed, early.note) == (False, "ticket.note.no_answer_yet")
    await world.tickets.answer(ticket.id, KEES, "Via Mijn Verlof.")
    change = await world.tickets.propose_faq(ticket.id, KEES)
    assert change.changed and change.view.faq_proposed
    assert (await world.tickets.propose_faq(ticket.id, KARIN)).note == "ticket.note.already_proposed"
    async with world.db.transaction() as session:
        proposal = await ProposalRepository(session).by_ticket(ticket.id)
    assert proposal is not None
    assert (proposal.status, proposal.group_id, proposal.question, proposal.answer, proposal.proposed_by_key) == (
        "pending",
        world.groups[FM_GROUP],
        LEAVE,
        "Via Mijn Verlof.",
        KEES.key,
    )
    assert [j.payload for j in await jobs_of(world, "proposal.sync")] == [{"proposal_id": proposal.id}]

    await refused(
        "ticket.refused.not_allowed",
        world.tickets.decide_proposal(proposal.id, KEES, approve=True, shown=proposal.version),
    )
    await refused(
        "ticket.refused.not_allowed",
        world.tickets.save_proposal(proposal.id, KEES, question="Q", alternates="", answer="A"),
    )
    await refused(
        "faq.refused.empty", world.tickets.save_proposal(proposal.id, DIRK, question=" ", alternates="", answer="A")
    )
    shown = proposal.version
    edited, note = await world.tickets.save_proposal(
        proposal.id,
        DIRK,
        question="Hoe vraag ik verlof aan?",
        alternates="verlof aanvragen\n\n  vakantie opnemen  \nverlof aanvragen",
        answer="Ga naar Mijn Verlof > Aanvragen.",
    )
    assert note is None and edited.version > shown and edited.status == "pending"
    assert [j.payload for j in await jobs_of(world, "proposal.sync")] == [{"proposal_id": proposal.id}] * 2
    async with world.db.transaction() as session:
        assert await FaqRepository(session).count() == 0, "saving edits approves nothing"
    stale, note = await world.tickets.decide_proposal(proposal.id, DIRK, approve=True, shown=shown)
    assert (stale.status, note) == ("pending", "faq.note.changed")
    decided, note = await world.tickets.decide_proposal(proposal.id, DIRK, approve=True, shown=edited.version)
    assert note is None
    assert (decided.status, decided.decided_by.key, decided.entry_id) == ("approved", DIRK.key, "suite4-vraag-verlof")
    async with world.db.transaction() as session:
        entry = await FaqRepository(session).get(decided.entry_id)
    assert entry is not None
    assert (entry.application, entry.question, entry.alternates, entry.answer) == (
        "Suite4",
        "Hoe vraag ik verlof aan?",
        ["verlof aanvragen", "vakantie opnemen"],
        "Ga naar Mijn Verlof > Aanvragen.",
    )
    assert world.faq_changes == ["changed"]
    assert (await events(world, ticket.id))[-1] == ("faq_approved", DIRK.key)

    again, note = await world.tickets.decide_proposal(proposal.id, DIRK, approve=False)
    assert (again.status, note) == ("approved", "faq.note.already_decided")
    assert world.faq_changes == ["changed"]


async def test_an_answer_that_did_not_help_improves_that_faq_entry(world):
    async with world.db.transaction() as session:
        faq = FaqRepository(session)
        await faq.upsert_many(
            [
                {
                    "id": "suite4-verlof",
                    "application": "Suite4",
                    "question": "Hoe vraag ik verlof aan?",
                    "alternates": ["verlof aanvragen"],
                    "answer": "Oud antwoord.",
                    "tags": ["verlof"],
                }
            ]
        )
    question_id = await log_question(world, ANNA, "verlof aanvragen lukt niet in suite4")
    async with world.db.transaction() as session:
        await QuestionRepository(session).choose_entry(question_id, "suite4-verlof")  # the FAQ answered it
    ticket = await new_ticket(world, text="verlof aanvragen lukt niet in suite4", question_id=question_id)
    await world.tickets.answer(ticket.id, KEES, "Kies eerst je team, dan Aanvragen.")
    await world.tickets.propose_faq(ticket.id, KEES)
    async with world.db.transaction() as session:
        proposal = await ProposalRepository(session).by_ticket(ticket.id)
    assert proposal is not None
    assert (proposal.entry_id, proposal.question, proposal.alternates) == (
        "suite4-verlof",
        "Hoe vraag ik verlof aan?",
        ["verlof aanvragen", "verlof aanvragen lukt niet in suite4"],
    )
    decided, _ = await world.tickets.decide_proposal(proposal.id, DIRK, approve=True, shown=proposal.version)
    async with world.db.transaction() as session:
        entries = await FaqRepository(session).all()
    assert [(e.id, e.answer, e.alternates, e.tags, e.version) for e in entries] == [
        (
            "suite4-verlof",
            "Kies eerst je team, dan Aanvragen.",
            ["verlof aanvragen", "verlof aanvragen lukt niet in suite4"],
            ["verlof"],
            2,
        )
    ]
    assert decided.entry_id == "suite4-verlof"


async def test_two_functional_managers_deciding_at_once(world):
    await world.directory.set_person(FRANK.key, name=FRANK.name, role="functional_manager")
    ticket = await new_ticket(world)
    await world.tickets.answer(ticket.id, KARIN, "Via Mijn Verlof.")
    await world.tickets.propose_faq(ticket.id, KARIN)
    proposal_id = (await jobs_of(world, "proposal.sync"))[0].payload["proposal_id"]
    shown = (await world.tickets.proposal(proposal_id)).version
    results = await asyncio.gather(
        *(world.tickets.decide_proposal(proposal_id, actor, approve=True, shown=shown) for actor in (DIRK, FRANK))
    )
    notes = sorted(str(note) for _, note in results)
    assert notes == ["None", "faq.note.already_decided"], results
    async with world.db.transaction() as session:
        entries = await FaqRepository(session).all()
    assert len(entries) == 1 and entries[0].answer == "Via Mijn Verlof."
    assert world.faq_changes == ["changed"]


async def test_reject_faq_proposal(world):
    ticket = await new_ticket(world)
    await world.tickets.answer(ticket.id, KARIN, "Via Mijn Verlof.")
    await world.tickets.propose_faq(ticket.id, KARIN)
    proposal_id = (await jobs_of(world, "proposal.sync"))[0].payload["proposal_id"]
    decided, note = await world.tickets.decide_proposal(proposal_id, DIRK, approve=False)
    assert (decided.status, note, decided.entry_id) == ("rejected", None, None)
    async with world.db.transaction() as session:
        assert await FaqRepository(session).count() == 0
    assert world.faq_changes == []
    assert (await events(world, ticket.id))[-1] == ("faq_rejected", DIRK.key)
    await refused("faq.refused.unknown", world.tickets.decide_proposal(12345, DIRK, approve=False))


# ---------------------------------------------------------------------------------------------- reminders
async def test_reminders_only_while_nobody_has_responded(world):
    ticket = await new_ticket(world)
    before = await last_job_id(world)
    assert await world.tickets.remind(ticket.id, ReminderStage.HALF) == "reminded"
    assert [(j.kind, j.payload["key"]) for j in await jobs_of(world, after=before)] == [
        ("ticket.thread", "ticket.thread.reminder")
    ]
    before = await last_job_id(world)
    assert await world.tickets.remind(ticket.id, ReminderStage.OVERDUE) == "overdue"
    made = [(j.kind, j.payload.get("user_key"), j.payload.get("key")) for j in await jobs_of(world, after=before)]
    assert made == [
        ("ticket.thread", None, "ticket.thread.overdue"),
        ("ticket.notify", KARIN.key, "ticket.notify.overdue_chair"),
        ("ticket.sync", None, None),
    ]
    assert [kind for kind, _ in await events(world, ticket.id)] == ["created", "reminder", "overdue"]

    await world.tickets.claim(ticket.id, KEES)
    before = await last_job_id(world)
    assert await world.tickets.remind(ticket.id, ReminderStage.HALF) is None
    assert await world.tickets.remind(ticket.id, ReminderStage.OVERDUE) is None
    assert await jobs_of(world, after=before) == []
    assert await world.tickets.remind(99999, ReminderStage.HALF) is None


# ---------------------------------------------------------------------------------------------- races
async def test_the_same_form_sent_twice_at_once_makes_one_ticket(world):
    question_id = await log_question(world, ANNA, LEAVE)
    changes = await asyncio.gather(
        *(world.tickets.create(ANNA, text=LEAVE, application="Suite4", question_id=question_id) for _ in range(2))
    )
    assert changes[0].view.id == changes[1].view.id
    assert sorted(c.changed for c in changes) == [False, True]
    async with world.db.transaction() as session:
        assert await TicketRepository(session).count_by_status() == {"open": 1}
    assert len(await jobs_of(world, "ticket.remind")) == 2


async def test_a_link_and_a_claim_at_once_both_happen(world):
    ticket = await new_ticket(world)
    linked, claimed = await asyncio.gather(
        world.tickets.create(ESRA, text=LEAVE_AGAIN, application="Suite4"), world.tickets.claim(ticket.id, KEES)
    )
    assert (linked.view.id, linked.note) == (ticket.id, "ticket.note.linked")
    assert claimed.changed
    stored = await fresh(world, ticket.id)
    assert (stored.status, stored.assignee_key) == ("claimed", KEES.key)
    async with world.db.transaction() as session:
        assert [a.user_key for a in await TicketRepository(session).askers(ticket.id)] == [ANNA.key, ESRA.key]
    assert sorted(kind for kind, _ in await events(world, ticket.id)) == ["claimed", "created", "linked"]


async def test_a_claim_between_finding_and_linking_does_not_fail_the_asker(world, monkeypatch):
    ticket = await new_ticket(world)
    claims: list = []
    find = TicketService._near_identical

    async def found_then_claimed(self, tickets, group_id, key):
        found = await find(self, tickets, group_id, key)
        if not claims:  # Kees claims after the ticket was found, before Esra is linked to it
            claims.append(await world.tickets.claim(ticket.id, KEES))
        return found

    monkeypatch.setattr(TicketService, "_near_identical", found_then_claimed)
    world.clock.advance(minutes=5)
    linked = await world.tickets.create(ESRA, text=LEAVE_AGAIN, application="Suite4")
    assert (linked.view.id, linked.changed, linked.note) == (ticket.id, True, "ticket.note.linked")
    assert claims[0].changed
    stored = await fresh(world, ticket.id)
    assert (stored.status, stored.assignee_key) == ("claimed", KEES.key)
    assert [kind for kind, _ in await events(world, ticket.id)] == ["created", "claimed", "linked"]
