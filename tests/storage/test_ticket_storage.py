"""Ticket storage on both databases: numbers under concurrency, append-only history, aware datetimes."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError, StatementError

from storage import GroupRepository, TicketRepository
from storage.models import KeyUserGroup, Ticket, TicketEvent, TicketWord
from tests.conftest import DATABASE_KINDS, make_database

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


async def make_group(db) -> int:
    async with db.transaction() as session:
        group = await GroupRepository(session).save(KeyUserGroup(name="Kerngebruikers Suite4", application="Suite4"))
        return group.id


def new_ticket(number: str, group_id: int, **fields) -> Ticket:
    values = dict(
        number=number,
        group_id=group_id,
        level="first",
        status="open",
        application="Suite4",
        asker_key="aad-anna",
        asker_name="Anna",
        language="nl",
        text="Hoe vraag ik verlof aan?",
        match_key="verlof vraag",
    )
    values.update(fields)
    return Ticket(**values)


async def test_ticket_numbers_are_unique_and_consecutive_under_concurrency(database):
    group_id = await make_group(database)

    async def create(year: int) -> int:
        async with database.transaction() as session:
            tickets = TicketRepository(session)
            n = await tickets.next_number(year)
            await tickets.add(new_ticket(f"VB-{year}-{n:04d}", group_id))
            return n

    numbers = await asyncio.gather(*(create(2026) for _ in range(12)), *(create(2027) for _ in range(4)))
    assert sorted(numbers[:12]) == list(range(1, 13))
    assert sorted(numbers[12:]) == [1, 2, 3, 4], "every year counts from 1"
    async with database.transaction() as session:
        stored = sorted(await session.scalars(select(Ticket.number)))
    assert stored == [f"VB-2026-{n:04d}" for n in range(1, 13)] + [f"VB-2027-{n:04d}" for n in range(1, 5)]


async def test_a_rolled_back_ticket_gives_its_number_back(database):
    group_id = await make_group(database)
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            assert await TicketRepository(session).next_number(2026) == 1
            raise RuntimeError("creating the ticket failed")
    async with database.transaction() as session:
        assert await TicketRepository(session).next_number(2026) == 1
        await TicketRepository(session).add(new_ticket("VB-2026-0001", group_id))


async def test_ticket_events_are_append_only(database):
    group_id = await make_group(database)
    async with database.transaction() as session:
        tickets = TicketRepository(session)
        ticket = await tickets.add(new_ticket("VB-2026-0001", group_id))
        ticket_id = ticket.id
        await tickets.log(ticket_id, "created", "aad-anna", "Anna", application="Suite4", group=None)
        await tickets.log(ticket_id, "claimed", "aad-kees", "Kees")

    with pytest.raises(DBAPIError, match="append-only"):
        async with database.transaction() as session:
            await session.execute(
                update(TicketEvent).where(TicketEvent.ticket_id == ticket_id).values(actor_name="Someone else")
            )
    with pytest.raises(DBAPIError, match="append-only"):
        async with database.transaction() as session:
            await session.execute(delete(TicketEvent).where(TicketEvent.kind == "claimed"))
    with pytest.raises(DBAPIError, match="append-only"):
        async with database.transaction() as session:
            await session.execute(text("DELETE FROM ticket_events"))

    async with database.transaction() as session:
        events = await TicketRepository(session).events(ticket_id)
        assert [(e.kind, e.actor_name, e.data) for e in events] == [
            ("created", "Anna", {"application": "Suite4"}),
            ("claimed", "Kees", {}),
        ]
        assert [e.kind for e in await TicketRepository(session).events(ticket_id, limit=1)] == ["claimed"]


async def test_datetimes_come_back_aware_in_utc(database):
    group_id = await make_group(database)
    local = datetime(2026, 3, 30, 10, 15, tzinfo=AMSTERDAM)  # summer time: UTC+2
    async with database.transaction() as session:
        ticket = await TicketRepository(session).add(
            new_ticket("VB-2026-0001", group_id, created_at=local, due_at=local + timedelta(hours=8))
        )
        ticket_id = ticket.id
    async with database.transaction() as session:
        stored = await TicketRepository(session).get(ticket_id, fresh=True)
        assert stored is not None and stored.due_at is not None
        assert stored.created_at == local
        assert stored.created_at.utcoffset() == timedelta(0)
        assert (stored.created_at.hour, stored.due_at.hour) == (8, 16)
        assert stored.created_at.tzinfo is not None and stored.updated_at.tzinfo is not None
    with pytest.raises(StatementError, match="naive datetime"):
        async with database.transaction() as session:
            await session.execute(
                update(Ticket).where(Ticket.id == ticket_id).values(closed_at=datetime(2026, 3, 30, 10, 15))
            )


async def test_sqlite_stores_utc_whatever_the_offset(sqlite_database):
    group_id = await make_group(sqlite_database)
    async with sqlite_database.transaction() as session:
        await TicketRepository(session).add(
            new_ticket("VB-2026-0001", group_id, created_at=datetime(2026, 1, 5, 9, 0, tzinfo=AMSTERDAM))
        )
    async with sqlite_database.transaction() as session:
        raw = await session.scalar(text("SELECT created_at FROM tickets"))
        stored = await session.scalar(select(Ticket.created_at))
    assert raw.startswith("2026-01-05 08:00:00"), raw
    assert stored == datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    assert stored.tzinfo == timezone.utc


async def test_near_identical_candidates_come_from_a_shared_rare_word(database):
    group_id = await make_group(database)
    other_group = None
    async with database.transaction() as session:
        other_group = (
            await GroupRepository(session).save(KeyUserGroup(name="Kerngebruikers Roosters", application="Roosters"))
        ).id
    common = ["suite4", "foutmeld", "dossier", "krijg"]
    stored = {  # number: (group, status, words)
        "VB-2026-0001": (group_id, "open", common + ["besluit", "sjabloon"]),  # shares the rare words
        "VB-2026-0002": (group_id, "claimed", common + ["besluit", "termijn"]),
        "VB-2026-0003": (group_id, "open", common + ["agenda", "kleur"]),  # only the common words
        "VB-2026-0004": (group_id, "closed", common + ["besluit", "sjabloon"]),  # not open
        "VB-2026-0005": (other_group, "open", common + ["besluit", "sjabloon"]),  # another group
    }
    for n in range(6, 30):  # many tickets with the common words make them common
        stored[f"VB-2026-{n:04d}"] = (group_id, "closed", common + [f"woord{n}", f"ander{n}"])
    ids = {}
    async with database.transaction() as session:
        tickets = TicketRepository(session)
        for number, (group, status, words) in stored.items():
            key = " ".join(sorted(words))
            ticket = await tickets.add(new_ticket(number, group, status=status, match_key=key, match_size=len(words)))
            await tickets.add_words(ticket.id, set(words))
            ids[number] = ticket.id

    asked = set(common + ["besluit", "sjabloon"])  # six words; Jaccard >= 0.8 needs 5 of them
    async with database.read() as session:
        found = await TicketRepository(session).open_for_matching(group_id, (5, 7), asked, least=5)
    assert {ticket_id for ticket_id, _ in found} == {ids["VB-2026-0001"], ids["VB-2026-0002"]}
    assert dict(found)[ids["VB-2026-0001"]] == " ".join(sorted(asked))

    async with database.read() as session:  # words no ticket has: nothing to read
        assert (
            await TicketRepository(session).open_for_matching(group_id, (5, 7), {"x", "y", "z", "q", "r", "s"}, least=5)
            == []
        )


async def _insert_old_ticket(db, group_id: int, columns: str = "", values: str = "") -> None:
    """A ticket as an older revision stored it (no ticket_words rows)."""
    async with db.transaction() as session:
        await session.execute(
            text(
                "INSERT INTO tickets (number, group_id, level, status, application, asker_key, language, text, "
                f"match_key, faq_proposed, created_at, updated_at, version{columns}) VALUES ('VB-2026-0001', :g, "
                "'first', 'open', 'Suite4', 'aad-anna', 'nl', 'Verlof aanvragen lukt niet', 'aanvrag lukt verlof', "
                f"false, '2026-11-30 10:00:00', '2026-11-30 10:00:00', 1{values})"
            ),
            {"g": group_id},
        )


@pytest.mark.parametrize("kind", DATABASE_KINDS)
async def test_migrations_index_the_words_and_size_of_tickets_stored_before_them(kind, tmp_path):
    db, cleanup = await make_database(kind, tmp_path, revision="0003")  # as stop 5 left a database
    try:
        group_id = await make_group(db)
        await _insert_old_ticket(db, group_id)
        await db.upgrade()
        async with db.read() as session:
            rows = (
                await session.execute(select(TicketWord.word, TicketWord.ticket_id).order_by(TicketWord.word))
            ).all()
            assert [tuple(row) for row in rows] == [("aanvrag", 1), ("lukt", 1), ("verlof", 1)]
            assert (await session.execute(select(Ticket.match_size))).scalars().all() == [3]
            # the migrated ticket is found as a near duplicate, which needs both
            assert await TicketRepository(session).open_for_matching(
                group_id, (3, 3), {"aanvrag", "lukt", "verlof"}, least=3
            ) == [(1, "aanvrag lukt verlof")]
    finally:
        await cleanup()


@pytest.mark.parametrize("kind", DATABASE_KINDS)
async def test_match_size_migration_leaves_a_database_that_has_the_column(kind, tmp_path):
    db, cleanup = await make_database(kind, tmp_path, revision="0004")
    try:  # as stop 6 created databases: 0003 already had match_size
        async with db.transaction() as session:
            await session.execute(text("ALTER TABLE tickets ADD COLUMN match_size INTEGER NOT NULL DEFAULT 0"))
        await _insert_old_ticket(db, await make_group(db), ", match_size", ", 3")
        await db.upgrade()
        async with db.read() as session:
            assert (await session.execute(select(Ticket.match_size))).scalars().all() == [3]
    finally:
        await cleanup()


async def test_overlong_words_are_stored_and_found_cut_to_the_column(database):
    group_id = await make_group(database)
    long_word = "zaak" * 40  # 160 characters: longer than ticket_words.word holds
    words = {long_word, "foutmeld", "dossier"}
    async with database.transaction() as session:
        tickets = TicketRepository(session)
        ticket = await tickets.add(
            new_ticket("VB-2026-0001", group_id, match_key=" ".join(sorted(words)), match_size=3)
        )
        await tickets.add_words(ticket.id, words)
    async with database.read() as session:
        assert await TicketRepository(session).open_for_matching(group_id, (3, 3), words, least=3) == [
            (ticket.id, " ".join(sorted(words)))
        ]
