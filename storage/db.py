"""Engine, sessions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import os
import time
import weakref
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable
from urllib.parse import unquote, urlparse

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm.exc import StaleDataError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")

Session = AsyncSession
"""The unit of work services pass to repositories (one transaction)."""

CONFLICTS: tuple[type[Exception], ...] = (StaleDataError, IntegrityError)
"""What a transaction raises when it lost a race: a versioned row changed, or a unique key was taken meanwhile.

Running the transaction again reads what the other writer stored."""


class StorageUnavailable(Exception):
    """The database cannot store anything now (read-only, deleted, full, unreachable): nothing was saved."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_SQLITE_UNAVAILABLE = {
    3: "SQLITE_PERM",
    5: "SQLITE_BUSY",
    6: "SQLITE_LOCKED",
    8: "SQLITE_READONLY",
    10: "SQLITE_IOERR",
    11: "SQLITE_CORRUPT",
    13: "SQLITE_FULL",
    14: "SQLITE_CANTOPEN",
    26: "SQLITE_NOTADB",
}
"""SQLite's primary result codes that mean the file cannot be written (or read) at all, whatever the statement."""

_POSTGRES_UNAVAILABLE = ("08", "25006", "28", "3D000", "42501", "53", "57P", "58")
"""SQLSTATE prefixes of the same on PostgreSQL: connection lost, read-only transaction (a standby, or a role set
read-only), refused login, no such database, no privilege, disk full or too many connections, shut down, I/O error."""


def unavailable_reason(error: BaseException) -> tuple[str, str] | None:
    """(reason, stable key) when `error` means the database cannot store anything; None for bugs and races."""
    orig = error.orig if isinstance(error, DBAPIError) else error
    driver: BaseException = orig if orig is not None else error
    cause = driver.__cause__
    driver = cause if cause is not None and getattr(cause, "sqlstate", None) else driver  # asyncpg under SQLAlchemy's
    message = _first_line(driver)
    code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_UNAVAILABLE:
        name = getattr(driver, "sqlite_errorname", None) or _SQLITE_UNAVAILABLE[code & 0xFF]
        return f"{message} ({name})", _SQLITE_UNAVAILABLE[code & 0xFF]
    state = getattr(driver, "sqlstate", None)
    if isinstance(state, str) and state.startswith(_POSTGRES_UNAVAILABLE):
        return f"{message} ({type(driver).__name__}, SQLSTATE {state})", state
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return f"connection lost: {message}", "disconnect"
    if isinstance(
        error, OSError
    ):  # refused, unknown host, timed out: nothing inside a transaction but the driver does I/O
        return f"cannot reach the database: {message}", type(error).__name__
    return None


_START_KINDS = (
    ("unreachable", ("08", "57P", "disconnect")),
    ("refused", ("28", "3D000", "42501")),
    ("not_writable", ("25006", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_IOERR")),
)
"""What a start says for each reason key of unavailable_reason (by prefix); any other key: 'unusable'."""


def startup_failure(url: str, error: BaseException) -> tuple[str, str, Path | None] | None:
    """(kind, detail, SQLite file) when `error` keeps the database at `url` from being used at all; None for a bug."""
    parsed = make_url(url)
    file = sqlite_file(parsed)
    if isinstance(error, StorageUnavailable):
        return "not_writable", error.reason, file
    if isinstance(error, OSError):  # SQLite: its folder could not be made; PostgreSQL: refused, unknown host, timed out
        return ("not_writable" if parsed.get_backend_name() == "sqlite" else "unreachable"), _first_line(error), file
    found = unavailable_reason(error)
    if found is None:
        return None
    reason, key = found
    return next((kind for kind, keys in _START_KINDS if key.startswith(keys)), "unusable"), reason, file


def _first_line(error: BaseException) -> str:
    """The first line of an error's message (SQLAlchemy adds the statement and a link below it)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def printable_url(url: str) -> str:
    """A database URL without its password, for printing."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    """The file a SQLite URL opens (also a `file:` URI with uri=true), or None for an in-memory database."""
    name = url.database
    if url.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:") and url.query.get("uri") in ("true", "1"):
        if url.query.get("mode") == "memory":
            return None
        name = unquote(urlparse(name).path)
    return Path(name)


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


PING_AFTER_IDLE = 1.0
"""Seconds a pooled PostgreSQL connection may lie unused before its checkout pings it first (see _ping_when_idle)."""


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Ping a pooled connection on checkout only when it lay unused for PING_AFTER_IDLE: what `pool_pre_ping` does on
    every checkout, where asyncpg's ping is three round trips (BEGIN, ';', ROLLBACK). A connection that went dead
    while idle (a server restart, an idle time-out) is replaced as with pre-ping; one in use moments ago is as
    alive as a just-pinged one (the server can go away between a ping and the statement either way)."""
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    def checkin(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return  # just connected, or used a moment ago
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            raise DisconnectionError("pooled connection did not answer its ping")  # the pool connects anew

    event.listen(sync_engine.pool, "checkin", checkin)
    event.listen(sync_engine.pool, "checkout", checkout)


_PROBE = text("UPDATE alembic_version SET version_num = version_num WHERE 1 = 0")
"""A write that changes nothing: refused by a read-only file, transaction or role like any other."""


class Database:
    """One async engine per process and short transactions on top of it."""

    def __init__(self, url: str, *, connect_args: dict | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.file = sqlite_file(parsed)
        """The SQLite file (None on PostgreSQL or in memory), checked before every transaction to be the first one."""
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict = {"connect_args": connect_args or {}}
        if not self.is_sqlite:
            kwargs.update(pool_size=10, max_overflow=10)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if not self.is_sqlite:
            _ping_when_idle(self.engine)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        if self.file is not None:
            event.listen(self.engine.sync_engine, "connect", self._remember_file)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self._gate_owner: asyncio.Task | None = None
        self._identity: tuple[int, int] | None = None
        self._trouble: str | None = None
        self._troubles = 0
        """How often trouble was noted: a write that began before the latest says nothing about recovery."""

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on error.

        On SQLite the process runs its transactions one at a time: SQLite has one writer, and a connection
        that finds the file locked sleeps in growing steps (up to 100 ms) before it tries again, so queueing
        in the event loop is much faster. A transaction opened inside another in the same task passes.
        Raises StorageUnavailable when the database cannot be written.
        """
        async with self._write_turn(), self._session(write=True) as session:
            yield session

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A transaction that only reads: on SQLite it does not queue behind writers (WAL lets readers run)."""
        async with self._session(write=False) as session:
            yield session

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[AsyncConnection]:
        """A connection for one write statement that commits on its own: on PostgreSQL in autocommit (no BEGIN and
        COMMIT round trips), on SQLite a Core transaction in this process's write turn. Errors as transaction()."""
        self._check_file()
        began = self._troubles
        try:
            async with self._write_turn(), self.engine.connect() as connection:
                if self.is_sqlite:
                    async with connection.begin():
                        yield connection
                else:
                    yield await connection.execution_options(isolation_level="AUTOCOMMIT")
        except (DBAPIError, OSError) as error:
            found = unavailable_reason(error)
            if found is None:
                raise
            raise self._unavailable(*found) from error
        self._writable(began)

    @asynccontextmanager
    async def _write_turn(self) -> AsyncIterator[None]:
        """Wait for this process's turn to write (SQLite; at once on PostgreSQL or inside the task's own turn)."""
        gate = self._gate()
        task = asyncio.current_task()
        if gate is None or self._gate_owner is task:
            yield
            return
        async with gate:
            self._gate_owner = task
            try:
                yield
            finally:
                self._gate_owner = None

    @asynccontextmanager
    async def _session(self, *, write: bool) -> AsyncIterator[AsyncSession]:
        """A session in one transaction; errors that mean 'cannot store' become StorageUnavailable."""
        self._check_file()
        began = self._troubles
        try:
            async with self.sessions() as session, session.begin():
                yield session
                if write:
                    await _before_commit(session)
                elif session.info.get(BEFORE_COMMIT):
                    raise RuntimeError("a read() transaction collected writes; use transaction()")
        except (DBAPIError, OSError) as error:
            found = unavailable_reason(error)
            if found is None:
                raise
            raise self._unavailable(*found) from error
        if write:
            self._writable(began)

    def _remember_file(self, _dbapi_connection, _record) -> None:
        """On the first connection, note which file it opened (device and inode)."""
        if self._identity is None and self.file is not None:
            with suppress(OSError):  # not there (yet): the next connection notes it
                stat = os.stat(self.file)
                self._identity = (stat.st_dev, stat.st_ino)

    def _check_file(self) -> None:
        """Raise StorageUnavailable when the SQLite file opened first was deleted or replaced since (one stat call).

        Connections already open would go on writing into the old, unlinked file, which is gone after a restart.
        """
        if self._identity is None or self.file is None:
            return
        try:
            stat = os.stat(self.file)
        except FileNotFoundError:
            raise self._unavailable(
                f"SQLite file {self.file} was deleted while the bot had it open; put it back and restart the bot",
                "deleted",
            ) from None
        except OSError as error:
            raise self._unavailable(f"SQLite file {self.file}: {error.strerror}", "stat") from None
        if (stat.st_dev, stat.st_ino) != self._identity:
            raise self._unavailable(
                f"SQLite file {self.file} was replaced by another file while the bot had it open; "
                "restart the bot to use the new one",
                "replaced",
            )

    def _unavailable(self, reason: str, key: str) -> StorageUnavailable:
        """Note the trouble; log it in one line when it is new, not on every turn it fails."""
        if self._trouble != key:
            log.error("database not writable: %s", reason)
            self._trouble = key
            self._troubles += 1
        return StorageUnavailable(reason)

    def _writable(self, began: int) -> None:
        """A write that began when the trouble noted last was already known went through: log the recovery once (one
        that was under way when the trouble was found, e.g. into a SQLite file replaced meanwhile, proves nothing)."""
        if self._trouble is not None and began == self._troubles:
            self._trouble = None
            log.warning("database writable again")

    def _gate(self) -> asyncio.Lock | None:
        """The SQLite transaction gate of the running event loop (None on PostgreSQL)."""
        if not self.is_sqlite:
            return None
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Lock()
        return gate

    async def unwritable(self) -> str | None:
        """Why the database cannot be written now, or None: a tiny write rolled back (SQLite: and the file checked).

        Touches no row (so it waits for no other writer's row lock) but needs write access, like every real write.
        """
        began = self._troubles
        try:
            self._check_file()
            await self.check_writable()
        except StorageUnavailable as unavailable:
            return unavailable.reason
        except Exception as error:
            reason, key = unavailable_reason(error) or (_first_line(error), type(error).__name__)
            return self._unavailable(reason, key).reason
        self._writable(began)
        return None

    async def check_writable(self) -> None:
        """Make a tiny write and roll it back; raises what refused it, and logs nothing (a start reports it itself)."""
        async with self._write_turn(), self.engine.connect() as connection:
            transaction = await connection.begin()
            try:
                await connection.execute(_PROBE)
            finally:
                await transaction.rollback()

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
