"""Engine, sessions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import asyncio
import weakref
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm.exc import StaleDataError

MIGRATIONS = Path(__file__).with_name("migrations")

Session = AsyncSession
"""The unit of work services pass to repositories (one transaction)."""

CONFLICTS: tuple[type[Exception], ...] = (StaleDataError, IntegrityError)
"""What a transaction raises when it lost a race: a versioned row changed, or a unique key was taken meanwhile.

Running the transaction again reads what the other writer stored."""


def printable_url(url: str) -> str:
    """A database URL without its password, for printing."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL and a busy timeout let the bot and the CLI share one file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


BEFORE_COMMIT = "vraagbaak.before_commit"
"""session.info key: async callables a repository registered to write what it collected, run before the commit."""


def before_commit(session: AsyncSession, hook: Callable[[], Awaitable[None]]) -> None:
    """Run `hook` once before `session`'s transaction commits (not when it rolls back)."""
    hooks = session.info.setdefault(BEFORE_COMMIT, [])
    if hook not in hooks:
        hooks.append(hook)


async def _before_commit(session: AsyncSession) -> None:
    for hook in session.info.pop(BEFORE_COMMIT, []):
        await hook()


class Database:
    """One async engine per process and short transactions on top of it."""

    def __init__(self, url: str, *, connect_args: dict | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict = {"connect_args": connect_args or {}}
        if not self.is_sqlite:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self._gate_owner: asyncio.Task | None = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on error.

        On SQLite the process runs its transactions one at a time: SQLite has one writer, and a connection
        that finds the file locked sleeps in growing steps (up to 100 ms) before it tries again, so queueing
        in the event loop is much faster. A transaction opened inside another in the same task passes.
        """
        gate = self._gate()
        task = asyncio.current_task()
        if gate is None or self._gate_owner is task:
            async with self.sessions() as session, session.begin():
                yield session
                await _before_commit(session)
            return
        async with gate:
            self._gate_owner = task
            try:
                async with self.sessions() as session, session.begin():
                    yield session
                    await _before_commit(session)
            finally:
                self._gate_owner = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A transaction that only reads: on SQLite it does not queue behind writers (WAL lets readers run)."""
        async with self.sessions() as session, session.begin():
            yield session
            if session.info.get(BEFORE_COMMIT):
                raise RuntimeError("a read() transaction collected writes; use transaction()")

    def _gate(self) -> asyncio.Lock | None:
        """The SQLite transaction gate of the running event loop (None on PostgreSQL)."""
        if not self.is_sqlite:
            return None
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Lock()
        return gate

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            return True
        except Exception:  # any failure means 'not ready'
            return False

    async def upgrade(self, revision: str = "head") -> None:
        """Apply Alembic migrations up to `revision`."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_run_upgrade, revision)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def alembic_config(connection=None):
    """Alembic config pointing at this package's migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _run_upgrade(connection, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
