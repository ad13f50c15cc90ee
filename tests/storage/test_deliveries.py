"""The delivery rows' SQL on both databases: exclusive claims, leases, bulk outcomes and the shared send budget."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from storage import Database, DeliveryRepository, Outcome
from storage.models import Announcement, AnnouncementDelivery
from tests.support.clock import START
from vocabulary import DeliveryOp, DeliveryStatus, RecipientKind

LEASE = timedelta(seconds=60)


async def seed(db: Database, recipients: int, *, op: DeliveryOp | None = DeliveryOp.SEND) -> int:
    """An announcement with `recipients` personal deliveries due at START; its id."""
    async with db.transaction() as session:
        announcement = Announcement(title="Nieuwe versie", text="Zie de release notes.", author_key="aad-fm")
        session.add(announcement)
        await session.flush()
        session.add_all(
            AnnouncementDelivery(
                announcement_id=announcement.id,
                recipient_kind=RecipientKind.PERSONAL,
                recipient_key=f"aad-{i}",
                op=op,
                run_at=START,
            )
            for i in range(recipients)
        )
        return announcement.id


async def rows(db: Database) -> dict[str, AnnouncementDelivery]:
    async with db.read() as session:
        found = await session.scalars(select(AnnouncementDelivery).order_by(AnnouncementDelivery.id))
        return {row.recipient_key: row for row in found}


async def test_a_claim_takes_due_rows_once_and_counts_the_attempt(database: Database):
    await seed(database, 5)
    async with database.transaction() as session:
        first = await DeliveryRepository(session).claim_due("w1", START, LEASE, 3)
    async with database.transaction() as session:
        second = await DeliveryRepository(session).claim_due("w2", START, LEASE, 10)
    async with database.transaction() as session:
        third = await DeliveryRepository(session).claim_due("w3", START, LEASE, 10)
    assert len(first) == 3 and len(second) == 2 and third == []
    assert {r.id for r in first}.isdisjoint({r.id for r in second})
    assert all(r.attempts == 1 and r.locked_by == "w1" for r in first)


async def test_rows_not_yet_due_or_without_op_are_not_claimed(database: Database):
    await seed(database, 2, op=None)
    await seed(database, 2)
    async with database.transaction() as session:
        early = await DeliveryRepository(session).claim_due("w1", START - timedelta(seconds=1), LEASE, 10)
        due = await DeliveryRepository(session).claim_due("w1", START, LEASE, 10)
    assert early == [] and len(due) == 2


async def test_an_expired_claim_is_released_and_claimed_again(database: Database):
    await seed(database, 2)
    async with database.transaction() as session:
        claimed = await DeliveryRepository(session).claim_due("dead", START, LEASE, 10)
    later = START + LEASE + timedelta(seconds=1)
    async with database.transaction() as session:
        assert await DeliveryRepository(session).claim_due("alive", START + timedelta(seconds=5), LEASE, 10) == []
        assert await DeliveryRepository(session).release_expired(later, max_attempts=8) == 2
        again = await DeliveryRepository(session).claim_due("alive", later, LEASE, 10)
    assert sorted(r.id for r in again) == sorted(r.id for r in claimed)
    assert all(r.attempts == 2 for r in again)


async def test_an_expired_claim_out_of_attempts_is_failed_with_the_reason(database: Database):
    await seed(database, 1)
    async with database.transaction() as session:
        await DeliveryRepository(session).claim_due("dead", START, LEASE, 10)
        await DeliveryRepository(session).release_expired(START + LEASE * 2, max_attempts=1)
    row = (await rows(database))["aad-0"]
    assert row.status == DeliveryStatus.FAILED and row.op is None and "worker stopped" in (row.last_error or "")


async def test_outcomes_are_recorded_in_bulk_for_rows_the_worker_holds(database: Database):
    await seed(database, 5)
    async with database.transaction() as session:
        claimed = await DeliveryRepository(session).claim_due("w1", START, LEASE, 5)
    ids = {r.recipient_key: r.id for r in claimed}
    now = START + timedelta(seconds=1)
    outcomes = [
        Outcome(ids["aad-0"], "sent", DeliveryOp.SEND, conversation_id="a:0", activity_id="act-0", revision=1),
        Outcome(ids["aad-1"], "retry", DeliveryOp.SEND, run_at=now + timedelta(seconds=30), error="503"),
        Outcome(ids["aad-2"], "retry", DeliveryOp.SEND, run_at=now, error="429", refund=True),
        Outcome(ids["aad-3"], "failed", DeliveryOp.SEND, error="403 Forbidden"),
    ]
    async with database.transaction() as session:
        await DeliveryRepository(session).record("w1", now, outcomes)
        await DeliveryRepository(session).record("someone-else", now, [Outcome(ids["aad-4"], "failed", "send")])
    found = await rows(database)
    sent, later, throttled, failed, held = (found[f"aad-{i}"] for i in range(5))
    assert (sent.status, sent.op, sent.activity_id, sent.conversation_id, sent.revision) == (
        DeliveryStatus.SENT,
        None,
        "act-0",
        "a:0",
        1,
    )
    assert sent.sent_at == now and sent.locked_by is None and sent.attempts == 0
    assert later.status == DeliveryStatus.PENDING and later.op == DeliveryOp.SEND and later.attempts == 1
    assert later.run_at == now + timedelta(seconds=30) and later.last_error == "503" and later.locked_by is None
    assert throttled.attempts == 0
    assert failed.status == DeliveryStatus.FAILED and failed.op is None and failed.last_error == "403 Forbidden"
    assert held.status == DeliveryStatus.PENDING and held.locked_by == "w1"


async def test_a_card_sent_while_it_was_recalled_or_edited_gets_the_follow_up(database: Database):
    await seed(database, 2)
    async with database.transaction() as session:
        claimed = await DeliveryRepository(session).claim_due("w1", START, LEASE, 5)
        ids = {r.recipient_key: r.id for r in claimed}
        await session.execute(  # the author recalls one and edits the announcement meanwhile
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.id == ids["aad-0"])
            .values(status=DeliveryStatus.RECALLED, op=None)
        )
        await session.execute(update(Announcement).values(revision=2))
    async with database.transaction() as session:
        await DeliveryRepository(session).record(
            "w1",
            START,
            [
                Outcome(ids["aad-0"], "sent", DeliveryOp.SEND, conversation_id="a:0", activity_id="x", revision=1),
                Outcome(ids["aad-1"], "sent", DeliveryOp.SEND, conversation_id="a:1", activity_id="y", revision=1),
            ],
        )
    found = await rows(database)
    assert (found["aad-0"].status, found["aad-0"].op) == (DeliveryStatus.SENT, DeliveryOp.DELETE)
    assert (found["aad-1"].status, found["aad-1"].op) == (DeliveryStatus.SENT, DeliveryOp.UPDATE)


async def test_a_recorded_delete_recalls_the_row(database: Database):
    await seed(database, 1, op=DeliveryOp.DELETE)
    async with database.transaction() as session:
        (row,) = await DeliveryRepository(session).claim_due("w1", START, LEASE, 5)
        await DeliveryRepository(session).record("w1", START, [Outcome(row.id, "recalled", DeliveryOp.DELETE)])
    assert (await rows(database))["aad-0"].status == DeliveryStatus.RECALLED


async def test_takes_of_the_budget_own_consecutive_slots(database: Database):
    async with database.transaction() as session:
        first = await DeliveryRepository(session).take("tenant:t", 50, 50.0, START)
    async with database.transaction() as session:
        second = await DeliveryRepository(session).take("tenant:t", 25, 50.0, START + timedelta(seconds=0.5))
    async with database.transaction() as session:
        later = await DeliveryRepository(session).take("tenant:t", 10, 50.0, START + timedelta(seconds=10))
        other = await DeliveryRepository(session).take("tenant:u", 10, 50.0, START)
    assert first == START and second == START + timedelta(seconds=1)
    assert later == START + timedelta(seconds=10) and other == START


async def test_a_push_moves_the_budget_back_after_the_slots_already_taken(database: Database):
    async with database.transaction() as session:
        repo = DeliveryRepository(session)
        await repo.push("tenant:t", 30.0, START)  # a budget never taken: 30 s from now
        assert await repo.budget("tenant:t") == START + timedelta(seconds=30)
        assert await repo.take("tenant:t", 50, 50.0, START) == START + timedelta(seconds=30)
        await repo.push("tenant:t", 2.0, START + timedelta(seconds=1))  # after the slots taken up to 31 s
        assert await repo.budget("tenant:t") == START + timedelta(seconds=33)
        await repo.push("tenant:t", 2.0, START + timedelta(seconds=60))  # long past them: from now
        assert await repo.budget("tenant:t") == START + timedelta(seconds=62)


async def test_concurrent_takes_never_overlap(database: Database):
    """Many takes at once from separate transactions (connections on PostgreSQL): the slots tile without overlap."""

    async def take(n: int):
        async with database.transaction() as session:
            return await DeliveryRepository(session).take("tenant:t", n, 100.0, START), n

    taken = await asyncio.gather(*(take(1 + i % 7) for i in range(40)))
    spans = sorted((start, start + timedelta(seconds=n / 100.0)) for start, n in taken)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end - timedelta(microseconds=1)
    assert spans[0][0] == START
    assert spans[-1][1] - START == timedelta(seconds=sum(n for _, n in taken) / 100.0)


async def test_a_budget_made_with_an_opening_starts_that_much_later(database: Database):
    async with database.transaction() as session:
        repo = DeliveryRepository(session)
        assert await repo.take("conv:a", 1, 7.0, START, opening=0.5) == START + timedelta(seconds=0.5)
        assert await repo.take("conv:a", 1, 7.0, START, opening=0.5) == START + timedelta(seconds=0.5 + 1 / 7.0)


async def test_a_chat_with_more_than_one_live_delivery_is_shared(database: Database):
    first = await seed(database, 3)
    second = await seed(database, 1)  # aad-0 gets a second announcement
    async with database.transaction() as session:
        await session.execute(  # aad-2's first card went out an hour ago: it is not live any more
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.announcement_id == first, AnnouncementDelivery.recipient_key == "aad-2")
            .values(op=None, run_at=START - timedelta(hours=1))
        )
        repo = DeliveryRepository(session)
        assert await repo.shared_chats(["aad-0", "aad-1", "aad-2"], START - timedelta(seconds=1)) == {"aad-0"}
        await session.execute(  # aad-0's second card was just sent: still live within the window
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.announcement_id == second)
            .values(op=None, run_at=START)
        )
        assert await repo.shared_chats(["aad-0"], START - timedelta(seconds=1)) == {"aad-0"}
        assert await repo.shared_chats(["aad-0"], START + timedelta(seconds=1)) == set()


async def test_idle_budgets_are_forgotten_and_busy_ones_kept(database: Database):
    async with database.transaction() as session:
        repo = DeliveryRepository(session)
        await repo.take("conv:idle", 1, 7.0, START)
        await repo.take("conv:busy", 1, 7.0, START + timedelta(minutes=5))
        await repo.take("tenant:t", 1, 50.0, START)
        assert await repo.forget_budgets("conv:", START + timedelta(minutes=1)) == 1
        assert await repo.budget("conv:idle") is None
        assert await repo.budget("conv:busy") is not None and await repo.budget("tenant:t") is not None
