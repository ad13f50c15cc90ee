"""Limits that hold over every instance: Teams' sends per second into one conversation, with two engines sending."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from storage import Database
from storage.models import RateLimit
from tests.conftest import DATABASE_KINDS
from tests.support.fanout import (
    chat,
    connector_messenger,
    delivery_counts,
    engine,
    seed_announcement,
    seed_channel,
    seed_people,
)
from tests.support.postgres import in_schema, new_schema
from tests.support.requirements import require

CHANNEL = "19:kerngebruikers-zaaksysteem@thread.tacv2"
PACE = 20.0
"""Each engine's pace into one conversation: the fake allows 7 per 0.25 s (Teams' 7/s, four times faster), so one
engine alone keeps to it and two engines pacing only themselves would send twice that."""


@pytest.fixture(params=DATABASE_KINDS)
async def two_instances(request, tmp_path):
    """Two Database objects (own connection pools, as two instances have) on one migrated database."""
    if request.param == "sqlite":
        first = Database(f"sqlite+aiosqlite:///{tmp_path / 'vraagbaak.db'}")
        await first.upgrade()
        second = Database(first.url)
        cleanup = first.dispose
    else:
        try:
            first, schema, cleanup = await new_schema("fanlimits")
        except RuntimeError as unreachable:
            require(False, str(unreachable))
        await first.upgrade()
        second = in_schema(schema)
    try:
        yield first, second
    finally:
        await second.dispose()
        await cleanup()


async def conversation_budgets(db: Database) -> int:
    async with db.read() as session:
        return (
            await session.scalar(select(func.count()).select_from(RateLimit).where(RateLimit.key.startswith("conv:")))
            or 0
        )


async def test_two_engines_keep_one_channel_and_one_chat_within_the_conversation_limit(two_instances, connector):
    first, second = two_instances
    connector.limit(rate=None, per_conversation=7, window=0.25)
    await seed_channel(first, connector.url, CHANNEL)
    await seed_people(first, connector.url, 1)
    for n in range(14):  # fourteen announcements for the same channel and the same person, due at once
        await seed_announcement(first, people=range(1), channels=(CHANNEL,), title=f"Bericht {n}")
    one, one_transport = connector_messenger()
    two, two_transport = connector_messenger()
    engines = [
        engine(db, messenger, rate=1000.0, per_conversation=PACE, batch=4, base_delay=0.01)
        for db, messenger in ((first, one), (second, two))
    ]
    try:
        await asyncio.gather(*(e.run_due() for e in engines))
    finally:
        await one_transport.close()
        await two_transport.close()

    assert all(e.sent > 0 for e in engines), "both instances took part"
    assert connector.throttled == 0
    assert connector.posted(CHANNEL) == 14 and connector.count(f"/v3/conversations/{chat(0)}/activities", "POST") == 14
    assert (await delivery_counts(first)) == {"sent": 28, "due": 0}


async def test_chats_with_one_card_each_take_no_conversation_budget(database, connector):
    """The usual fan-out (one card per chat) costs no rate_limits row per chat, only the tenant's budget."""
    await seed_people(database, connector.url, 20)
    await seed_announcement(database, people=range(20))
    messenger, transport = connector_messenger()
    try:
        await engine(database, messenger, rate=1000.0, per_conversation=7.0, batch=8).run_due()
    finally:
        await transport.close()

    assert connector.posted() == 20 and (await conversation_budgets(database)) == 0
    assert (await delivery_counts(database)) == {"sent": 20, "due": 0}


async def test_a_second_card_for_a_chat_is_paced_through_its_shared_budget(database, connector):
    await seed_people(database, connector.url, 3)
    await seed_announcement(database, people=range(3))
    await seed_announcement(database, people=range(1), title="Tweede bericht")  # person 0 gets two cards
    messenger, transport = connector_messenger()
    try:
        await engine(database, messenger, rate=1000.0, per_conversation=7.0, batch=8).run_due()
    finally:
        await transport.close()

    assert connector.count(f"/v3/conversations/{chat(0)}/activities", "POST") == 2
    assert (await conversation_budgets(database)) == 1  # only person 0's chat
