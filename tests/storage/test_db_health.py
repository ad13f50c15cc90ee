"""Which database errors mean "nothing can be stored" (StorageUnavailable) and which stay what they were."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage import CONFLICTS, Database, StorageUnavailable
from storage.models import FaqEntry, utcnow


def faq_entry(entry_id: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        application="Microsoft 365",
        question="Vraag?",
        alternates=[],
        answer="Antwoord.",
        tags=[],
        updated_at=utcnow(),
        version=1,
    )


async def test_a_lost_race_stays_a_conflict_and_a_bug_stays_a_bug(database, caplog):
    async with database.transaction() as session:
        session.add(faq_entry("a"))
    with caplog.at_level(logging.INFO, logger="storage.db"):
        with pytest.raises(CONFLICTS):
            async with database.transaction() as session:
                session.add(faq_entry("a"))
        with pytest.raises(Exception) as bug:
            async with database.read() as session:
                await session.execute(text("SELECT no_such_column FROM faq_entries"))
    assert not isinstance(bug.value, StorageUnavailable)
    assert not caplog.records, "neither is a database that cannot be written"
    assert await database.unwritable() is None


async def test_a_file_moved_away_and_back_is_refused_then_used_again(sqlite_database, tmp_path, caplog):
    path = sqlite_database.file
    assert path is not None and path.exists()
    with caplog.at_level(logging.INFO, logger="storage.db"):
        path.rename(tmp_path / "elsewhere.db")
        for _ in range(3):
            with pytest.raises(StorageUnavailable, match="was deleted"):
                async with sqlite_database.transaction() as session:
                    session.add(faq_entry("a"))
        with pytest.raises(StorageUnavailable, match="was deleted"):
            async with sqlite_database.read():
                pass
        assert "was deleted" in await sqlite_database.unwritable()
        assert not path.exists(), "nothing made a new file in its place"
        (tmp_path / "elsewhere.db").rename(path)  # the same file (inode) back where it was
        async with sqlite_database.transaction() as session:
            session.add(faq_entry("a"))
    assert [(r.levelname, r.getMessage().split(":")[0]) for r in caplog.records] == [
        ("ERROR", "database not writable"),
        ("WARNING", "database writable again"),
    ]
    assert await sqlite_database.unwritable() is None


def test_a_read_only_uri_names_its_file_and_an_in_memory_database_none(tmp_path):
    assert Database(f"sqlite+aiosqlite:///file:{tmp_path / 'x.db'}?mode=ro&uri=true").file == tmp_path / "x.db"
    assert Database("sqlite+aiosqlite:///:memory:").file is None
    assert Database("sqlite+aiosqlite:///file:x?mode=memory&uri=true").file is None
    assert Database("postgresql+asyncpg://u@127.0.0.1/db").file is None


async def test_a_statement_on_its_own_commits_and_maps_errors_like_a_transaction(database, tmp_path):
    insert = text("INSERT INTO settings (key, value, updated_at) VALUES (:key, 'on', :at)")
    async with database.statement() as connection:
        await connection.execute(insert, {"key": "alone", "at": utcnow()})
    async with database.read() as session:
        assert await session.scalar(text("SELECT value FROM settings WHERE key = 'alone'")) == "on", "committed"
    with pytest.raises(CONFLICTS):  # the key exists: a lost race stays a conflict
        async with database.statement() as connection:
            await connection.execute(insert, {"key": "alone", "at": utcnow()})
    if database.file is not None:
        database.file.rename(tmp_path / "elsewhere.db")
        with pytest.raises(StorageUnavailable, match="was deleted"):
            async with database.statement():
                pass
        (tmp_path / "elsewhere.db").rename(database.file)


@pytest.mark.postgres
@pytest.mark.parametrize("idle", [False, True])
async def test_a_pooled_postgresql_connection_killed_while_idle_is_replaced_on_checkout(tmp_path, monkeypatch, idle):
    import storage.db
    from tests.conftest import make_database
    from tests.support.postgres import POSTGRES_URL

    db, cleanup = await make_database("postgres", tmp_path)
    try:
        async with db.statement() as connection:
            first = await connection.scalar(text("SELECT pg_backend_pid()"))
        async with db.statement() as connection:
            assert await connection.scalar(text("SELECT pg_backend_pid()")) == first, "used a moment ago: no ping"
        admin = Database(POSTGRES_URL)  # the server ends the pooled connection's backend, as a restart would
        async with admin.engine.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        await admin.dispose()
        if idle:
            monkeypatch.setattr(storage.db, "PING_AFTER_IDLE", 0.0)
            async with db.statement() as connection:  # pinged, found dead, replaced
                assert await connection.scalar(text("SELECT pg_backend_pid()")) != first
        else:
            # not pinged: the dead connection fails (as a race after a ping would)
            with pytest.raises((DBAPIError, StorageUnavailable)):
                async with db.statement() as connection:
                    await connection.scalar(text("SELECT pg_backend_pid()"))
            async with db.statement() as connection:  # the failure invalidated it: a new one
                assert await connection.scalar(text("SELECT pg_backend_pid()")) != first
    finally:
        await cleanup()
