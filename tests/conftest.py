"""Shared fixtures: a migrated database on SQLite and, where available, on PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest

from storage import Database
from tests.support.fake_connector import FakeConnector
from tests.support.requirements import require

POSTGRES_URL = os.environ.get("VRAAGBAAK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def _postgres_reachable(url: str) -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    probe = Database(url)
    try:
        async with probe.engine.connect():
            return None
    except Exception as error:  # noqa: BLE001 - any failure is a reason to skip
        return f"PostgreSQL at {url} is not reachable ({type(error).__name__}: {error})"
    finally:
        await probe.dispose()


async def make_database(kind: str, tmp_path) -> tuple[Database, callable]:
    """A freshly migrated database of `kind` and an async cleanup function."""
    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'vraagbaak.db'}")
        await db.upgrade()
        return db, db.dispose
    reason = await _postgres_reachable(POSTGRES_URL)
    require(reason is None, reason or "")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    db = Database(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    await db.upgrade()

    async def cleanup() -> None:
        await db.dispose()
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.dispose()

    return db, cleanup


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request, tmp_path):
    """A migrated, empty database: each test runs once on SQLite and once on PostgreSQL."""
    db, cleanup = await make_database(request.param, tmp_path)
    try:
        yield db
    finally:
        await cleanup()


@pytest.fixture
async def sqlite_database(tmp_path):
    """A migrated, empty SQLite database, for tests where the engine does not matter."""
    db, cleanup = await make_database("sqlite", tmp_path)
    try:
        yield db
    finally:
        await cleanup()


@pytest.fixture
def connector():
    """A fake Bot Connector on 127.0.0.1, served from another thread, recording every call."""
    fake = FakeConnector().start()
    yield fake
    fake.stop()
