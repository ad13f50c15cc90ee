"""Shared fixtures: a migrated database on SQLite and, where available, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from storage import Database
from tests.support.fake_connector import FakeConnector
from tests.support.postgres import new_schema
from tests.support.requirements import require

DATABASE_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
"""For tests that make their own database with make_database: parametrize over these."""


async def make_database(kind: str, tmp_path, revision: str = "head") -> tuple[Database, Callable[[], Awaitable[None]]]:
    """A fresh database of `kind` migrated up to `revision`, and an async cleanup function."""
    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'vraagbaak.db'}")
        await db.upgrade(revision)
        return db, db.dispose
    try:
        db, _schema, cleanup = await new_schema("t")
    except RuntimeError as unreachable:
        require(False, str(unreachable))
    await db.upgrade(revision)
    return db, cleanup


@pytest.fixture(params=DATABASE_KINDS)
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
