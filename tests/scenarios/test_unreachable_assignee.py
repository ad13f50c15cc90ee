"""Assigning a ticket to a colleague the bot cannot reach in a personal chat, through the real endpoint."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import JOBS
from storage.models import Job
from tests.scenarios.test_ticket_loop import open_ticket
from tests.support.cards import card_text, click
from tests.support.conversations import current_card, posts_to
from tests.support.people import BRAM, CHANTAL
from tests.support.world import ZAAK_CHANNEL


def opens_chat_with(user_id: str):
    """A predicate on a POST /v3/conversations body: the bot opens a 1:1 chat with `user_id`."""
    return lambda body: isinstance(body, dict) and body.get("members") == [{"id": user_id}]


def chat_attempts(connector, user_id: str) -> int:
    """How often the bot tried to open a personal chat with `user_id`."""
    wanted = opens_chat_with(user_id)
    return sum(1 for c in connector.calls if c.method == "POST" and c.path == "/v3/conversations" and wanted(c.json))


@pytest.mark.parametrize(
    "status, code",
    [(500, "UserNotFound"), (403, "BotNotInConversationRoster")],
    ids=["playground-500-UserNotFound", "teams-403-not-in-roster"],
)
async def test_assigner_hears_in_the_thread_that_the_colleague_could_not_be_reached(client, connector, status, code):
    # Chantal never talked to the bot: opening a personal chat with her fails the way the Playground (500
    # UserNotFound) or Teams (403) answers it
    connector.fail("POST", "/v3/conversations", status, times=-1, code=code, when=opens_chat_with(CHANTAL.key))
    card, thread, card_id = await open_ticket(client, connector)
    assigned = await click(
        client, connector.url, card, "ticket.assign", by=BRAM, thread=thread, card_id=card_id, assignee=CHANTAL.key
    )
    assert "Chantal Bakker" in card_text(assigned["value"])

    def told(c) -> bool:
        return any(
            "Chantal Bakker" in (x.text or "") and "persoonlijke chat" in (x.text or "") for x in posts_to(c, thread)
        )

    assert await connector.wait_for_async(told, timeout=10), "the assigner is told in the ticket's thread"
    note = next(x.text or "" for x in posts_to(connector, thread) if "persoonlijke chat" in (x.text or ""))
    assert "Bram Jansen" in note, note

    # a recipient that does not exist is no reason to try again: one attempt, failed for good with the reason
    assert chat_attempts(connector, CHANTAL.key) == 1
    jobs = client.server.app[JOBS]
    async with jobs.db.read() as session:
        notices = [
            job
            for job in await session.scalars(select(Job).where(Job.kind == "ticket.notify"))
            if job.payload.get("user_key") == CHANTAL.key
        ]
    assert [(job.status, job.attempts) for job in notices] == [("failed", 1)]
    assert code in notices[0].last_error or str(status) in notices[0].last_error

    # the assignment itself stands: the thread says so and the card shows Chantal
    assert any("toegewezen aan Chantal Bakker" in (x.text or "") for x in posts_to(connector, thread))
    assert "Chantal Bakker" in card_text(current_card(connector, ZAAK_CHANNEL, card_id))


async def test_a_colleague_who_can_be_reached_gets_the_notice_and_the_thread_stays_quiet(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    await click(
        client, connector.url, card, "ticket.assign", by=BRAM, thread=thread, card_id=card_id, assignee=CHANTAL.key
    )

    def chat_with_chantal(c):
        return next(
            (
                x.answer["id"]
                for x in c.calls
                if x.path == "/v3/conversations" and x.answer and opens_chat_with(CHANTAL.key)(x.json)
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: chat_with_chantal(c) is not None, timeout=10)
    chat = chat_with_chantal(connector)
    assert chat is not None
    assert await connector.wait_for_async(
        lambda c: any("aan jou toegewezen" in (x.text or "") for x in posts_to(c, chat)), timeout=10
    )
    counts = await client.server.app[JOBS].counts()
    assert counts.get("failed", 0) == 0, counts
    assert not any("persoonlijke chat" in (x.text or "") for x in posts_to(connector, thread))
