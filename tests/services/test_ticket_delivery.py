"""TicketDelivery on both databases: ticket jobs carried out through a recording Messenger by the job worker."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import cards
from services.directory import Actor
from tests.support.cards import card_text, verbs
from tests.support.people import ANNA, DIRK, ESRA, KARIN, KEES
from tests.support.world import (
    ANNA_CHAT,
    FM_CHANNEL,
    SUITE4_AND_DECOS,
    SUITE4_CHANNEL,
    World,
    fresh,
    jobs_of,
)

UTC = timezone.utc
"""Monday 2 March 2026, 09:00 in Amsterdam."""

LEAVE = "Hoe vraag ik verlof aan in Suite4?"


@pytest.fixture
async def world(database) -> World:
    """Functional management above Suite4 and Decos (no channel), with a personal chat with Anna."""
    return await World.build(database, SUITE4_AND_DECOS)


async def test_sync_posts_a_thread_once_then_updates_it_and_replies_in_the_thread(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    assert await s.worker.run_due() == 1, "only the sync is due; the reminders wait for their time"
    [posted] = s.messenger.calls
    assert (posted.method, posted.conversation_id) == ("start_thread", SUITE4_CHANNEL)
    assert posted.reference["conversation"]["id"] == SUITE4_CHANNEL
    assert "ticket.claim" in verbs(posted.card)
    assert "VB-2026-0001" in card_text(posted.card) and LEAVE in card_text(posted.card)
    stored = await fresh(s, ticket.id)
    thread = f"{SUITE4_CHANNEL};messageid={posted.activity_id}"
    assert (stored.thread_id, stored.card_activity_id) == (thread, posted.activity_id)

    s.messenger.calls.clear()
    await s.tickets.claim(ticket.id, KEES)
    assert await s.worker.run_due() == 3
    update, reply, notice = s.messenger.calls  # the card first, so an escalation's new thread exists for the reply
    assert (reply.method, reply.conversation_id, reply.text) == ("send", thread, "Kees pakt dit op.")
    assert reply.reference["serviceUrl"] == "http://127.0.0.1:1/teams/", "stored with one trailing slash"
    assert (update.method, update.conversation_id, update.activity_id) == ("update", thread, posted.activity_id)
    assert "ticket.claim" not in verbs(update.card) and "ticket.answer" in verbs(update.card)
    assert "Kees" in card_text(update.card)
    assert (notice.method, notice.conversation_id, notice.text) == ("send", ANNA_CHAT, None)
    assert "VB-2026-0001" in card_text(notice.card)
    assert s.messenger.of("start_thread") == []
    assert await s.tickets.jobs.counts() == {"done": 4, "pending": 2}


async def test_notify_reaches_every_asker_and_opens_a_chat_when_none_is_stored(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    esra_in_english = Actor(ESRA.key, ESRA.name, language="en")  # her Teams is in English: the notice follows it
    await s.tickets.create(esra_in_english, text="hoe vraag ik in Suite4 verlof aan", application="Suite4")
    await s.tickets.answer(ticket.id, KEES, "Via Mijn Verlof > Aanvragen.")
    await s.worker.run_due()
    [opened] = s.messenger.of("open_personal_chat")
    assert (opened.user_id, opened.reference["serviceUrl"]) == ("29:esra", "http://127.0.0.1:1/teams/")
    esra_chat = "a:personal-29:esra"
    answers = [(c.conversation_id, verbs(c.card)) for c in s.messenger.of("send") if c.card]
    assert answers == [
        (ANNA_CHAT, ["ticket.resolved", "ticket.resolved"]),
        (esra_chat, ["ticket.resolved", "ticket.resolved"]),
    ]
    [to_esra] = [c for c in s.messenger.to(esra_chat) if c.method == "send"]
    assert "Via Mijn Verlof > Aanvragen." in card_text(to_esra.card)
    assert "Solved?" in card_text(to_esra.card) and "Opgelost?" not in card_text(to_esra.card), "Esra reads English"
    remembered = await s.conversations.reference_for(ESRA.key)
    assert remembered["conversation"]["id"] == esra_chat

    s.messenger.calls.clear()
    await s.tickets.resolve(ticket.id, ESRA, False, "Ik zie die knop niet.")
    await s.tickets.answer(ticket.id, KEES, "Vraag eerst de rol Verlof aan.")
    await s.worker.run_due()
    opened_now = [c.user_id for c in s.messenger.of("open_personal_chat")]
    assert opened_now == [KEES.key], "Esra's chat opened before is reused; Kees (told of the reopening) gets one"
    [reopened] = [c for c in s.messenger.to(f"a:personal-{KEES.key}") if c.method == "send"]
    assert reopened.text == "Esra Yilmaz laat weten dat VB-2026-0001 nog niet is opgelost: Ik zie die knop niet."
    assert [c.conversation_id for c in s.messenger.of("send") if c.card and "ticket.resolved" in verbs(c.card)] == [
        ANNA_CHAT,
        esra_chat,
    ]


async def test_escalation_posts_a_second_card_in_functional_managements_channel(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    await s.worker.run_due()
    first_root = s.messenger.calls[0].activity_id
    first_thread = f"{SUITE4_CHANNEL};messageid={first_root}"
    s.messenger.calls.clear()

    await s.tickets.escalate(ticket.id, KEES, "Rechten ontbreken")
    await s.worker.run_due()
    [second] = s.messenger.of("start_thread")
    assert second.conversation_id == FM_CHANNEL
    assert "ticket.claim" in verbs(second.card) and "Rechten ontbreken" in card_text(second.card)
    [first_update] = s.messenger.of("update")
    assert (first_update.conversation_id, first_update.activity_id) == (first_thread, first_root)
    assert verbs(first_update.card) == [], "key users see the escalation but no buttons"
    stored = await fresh(s, ticket.id)
    second_thread = f"{FM_CHANNEL};messageid={second.activity_id}"
    assert (stored.second_thread_id, stored.second_card_activity_id) == (second_thread, second.activity_id)

    s.messenger.calls.clear()
    await s.tickets.claim(ticket.id, DIRK)
    await s.worker.run_due()
    assert [c.conversation_id for c in s.messenger.of("send") if c.text == "Dirk Visser pakt dit op."] == [
        first_thread,
        second_thread,
    ]
    assert sorted(c.conversation_id for c in s.messenger.of("update")) == [second_thread, first_thread]
    assert s.messenger.of("start_thread") == []


async def test_a_transition_the_channel_cards_and_the_askers_notices_show_the_same_view(world):
    s = world
    created = await s.tickets.create(ANNA, text=LEAVE, application="Suite4")
    ticket_id = created.view.id
    assert created.view == await s.tickets.view(ticket_id), "a new ticket's view, made without reading it back"
    linked = await s.tickets.create(ESRA, text="hoe vraag ik in Suite4 verlof aan", application="Suite4")
    assert (linked.view.id, linked.view.linked_askers) == (ticket_id, 1)
    await s.worker.run_due()
    s.messenger.calls.clear()

    claimed = await s.tickets.claim(ticket_id, KEES)
    assert claimed.view == await s.tickets.view(ticket_id)
    assert (claimed.view.linked_askers, claimed.view.group_name, claimed.view.claimed_by_assignee) == (
        1,
        "Kerngebruikers Suite4",
        True,
    )
    await s.worker.run_due()
    [update] = s.messenger.of("update")
    assert update.card == cards.ticket_card(ticket=claimed.view, lang="nl", key_users=claimed.members, level="first")
    notices = [c.card for c in s.messenger.of("send") if c.card]
    assert notices == [cards.ticket_status_card(ticket=claimed.view, lang="nl")] * 2, "Anna and Esra alike"

    s.messenger.calls.clear()
    escalated = await s.tickets.escalate(ticket_id, KEES, "Rechten ontbreken")
    assert escalated.view == await s.tickets.view(ticket_id)
    assert (escalated.view.group_name, [p.key for p in escalated.members]) == ("Functioneel beheer", [DIRK.key])
    await s.worker.run_due()
    [second] = s.messenger.of("start_thread")
    assert second.card == cards.ticket_card(
        ticket=escalated.view, lang="nl", key_users=escalated.members, level="second"
    )


async def test_transient_delivery_error_is_retried_and_a_permanent_one_fails_the_job(world):
    s = world
    s.messenger.fail(1, transient=True, retry_after=30, method="start_thread")
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    await s.worker.run_due()
    [sync] = await jobs_of(s, "ticket.sync")
    assert (sync.status, sync.attempts) == ("pending", 1)
    assert sync.last_error == "DeliveryError: start_thread refused by the test"
    assert (await fresh(s, ticket.id)).thread_id is None and s.messenger.calls == []
    s.clock.advance(seconds=30)
    await s.worker.run_due()
    assert len(s.messenger.of("start_thread")) == 1
    assert (await fresh(s, ticket.id)).thread_id is not None

    other = (await s.tickets.create(ESRA, text="Waar vind ik mijn loonstrook in Suite4?", application="Suite4")).view
    s.messenger.fail(1, transient=False, method="start_thread")
    await s.worker.run_due()
    sync = (await jobs_of(s, "ticket.sync"))[-1]
    assert (sync.payload, sync.status, sync.attempts) == ({"ticket_id": other.id}, "failed", 1)
    assert (await fresh(s, other.id)).thread_id is None
    await s.tickets.claim(other.id, KEES)  # later jobs of the ticket are not stuck behind the failed one
    await s.worker.run_due()
    assert [j.status for j in await jobs_of(s, "ticket.sync")] == ["done", "failed", "done"]
    assert len(s.messenger.of("start_thread")) == 2, "the next sync posts the card the failed one could not"


async def test_group_without_a_channel_fails_the_sync_permanently(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text="Hoe koppel ik een document in Decos?", application="Decos")).view
    await s.tickets.claim(ticket.id, KEES)
    assert await s.worker.run_due() == 4
    syncs = await jobs_of(s, "ticket.sync")
    assert [(j.status, j.attempts) for j in syncs] == [("failed", 1), ("failed", 1)]
    assert syncs[0].last_error == "PermanentJobError: group Kerngebruikers Decos has no linked channel"
    assert [j.status for j in await jobs_of(s, "ticket.thread")] == ["done"], "no thread: nothing to reply to"
    assert [j.status for j in await jobs_of(s, "ticket.notify")] == ["done"]
    assert [c.method for c in s.messenger.calls] == ["send"]
    assert s.messenger.calls[0].conversation_id == ANNA_CHAT


async def test_reminder_timers_post_in_the_thread_and_tell_the_chair(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    await s.worker.run_due()
    thread = (await fresh(s, ticket.id)).thread_id
    s.messenger.calls.clear()

    s.clock.now = datetime(2026, 3, 2, 12, 15, tzinfo=UTC)  # half of one working day
    await s.worker.run_due()
    assert [(c.method, c.conversation_id) for c in s.messenger.calls] == [("send", thread)]
    assert s.messenger.calls[0].text.startswith("Herinnering: VB-2026-0001 wacht nog op een kerngebruiker.")

    s.messenger.calls.clear()
    s.clock.now = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # the whole working day
    await s.worker.run_due()
    [opened] = s.messenger.of("open_personal_chat")
    assert opened.user_id == KARIN.key, "the chair never wrote to the bot: a chat is opened"
    chair = s.messenger.to(opened.conversation_id)
    assert [c.method for c in chair] == ["open_personal_chat", "send"]
    assert "Als voorzitter van Kerngebruikers Suite4: ticket VB-2026-0001" in chair[1].text
    assert [c.conversation_id for c in s.messenger.of("send") if c.text and "reactietijd" in c.text] == [thread]
    assert len(s.messenger.of("update")) == 1
    assert await s.tickets.jobs.counts() == {"done": 7}


async def test_faq_proposal_card_is_posted_then_updated(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    await s.tickets.answer(ticket.id, KEES, "Via Mijn Verlof.")
    await s.tickets.propose_faq(ticket.id, KEES)
    await s.worker.run_due()
    posted = [c for c in s.messenger.of("start_thread") if c.conversation_id == FM_CHANNEL]
    assert len(posted) == 1 and "Via Mijn Verlof." in card_text(posted[0].card)
    proposal_id = (await jobs_of(s, "proposal.sync"))[0].payload["proposal_id"]
    await s.tickets.decide_proposal(proposal_id, DIRK, approve=False)
    await s.worker.run_due()
    [update] = [c for c in s.messenger.of("update") if c.activity_id == posted[0].activity_id]
    assert update.conversation_id == f"{FM_CHANNEL};messageid={posted[0].activity_id}"
    assert "Dirk Visser" in card_text(update.card)


async def test_escalated_ticket_of_a_group_without_a_channel_still_reaches_functional_management(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text="Hoe koppel ik een document in Decos?", application="Decos")).view
    await s.tickets.escalate(ticket.id, KEES, "Koppeling staat uit")
    await s.worker.run_due()
    [posted] = s.messenger.of("start_thread")
    assert posted.conversation_id == FM_CHANNEL
    assert "Koppeling staat uit" in card_text(posted.card)
    stored = await fresh(s, ticket.id)
    assert (stored.thread_id, stored.second_thread_id) == (None, f"{FM_CHANNEL};messageid={posted.activity_id}")
    syncs = await jobs_of(s, "ticket.sync")
    assert [j.status for j in syncs] == ["failed", "failed"], "the key users' channel is still missing"


async def test_every_thread_message_renders(world):
    s = world
    ticket = (await s.tickets.create(ANNA, text=LEAVE, application="Suite4")).view
    await s.tickets.create(ESRA, text="hoe vraag ik in Suite4 verlof aan", application="Suite4")
    await s.tickets.assign(ticket.id, KARIN, KEES.key)
    await s.tickets.answer(ticket.id, KEES, "Via Mijn Verlof.")
    await s.tickets.resolve(ticket.id, ANNA, True)
    other = (await s.tickets.create(ANNA, text="Waar vind ik mijn loonstrook in Suite4?", application="Suite4")).view
    await s.tickets.close(other.id, KARIN, "not_a_question")
    await s.worker.run_due()
    first, second = (await fresh(s, ticket.id)).thread_id, (await fresh(s, other.id)).thread_id
    assert [c.text for c in s.messenger.to(first) if c.method == "send"] == [
        "Esra Yilmaz stelde dezelfde vraag en is aan dit ticket gekoppeld.",
        "Karin heeft dit ticket toegewezen aan Kees.",
        "Kees heeft geantwoord:\n\nVia Mijn Verlof.",
        "Anna laat weten dat het antwoord het probleem heeft opgelost. Ticket gesloten.",
    ]
    assert [c.text for c in s.messenger.to(second) if c.method == "send"] == [
        "Karin heeft dit ticket gesloten (geen vraag)."
    ]
    assert [c.text for c in s.messenger.to(f"a:personal-{KEES.key}") if c.method == "send"] == [
        "Karin heeft ticket VB-2026-0001 aan jou toegewezen. Je vindt het in het kanaal van je kerngebruikersgroep."
    ]
    counts = await s.tickets.jobs.counts()
    assert counts.get("failed", 0) == 0 and counts.get("pending", 0) == 4, counts
