"""What keeps a start from using the database, told apart so the command can say what to check."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage import Database
from storage.db import startup_failure
from tests.support.postgres import POSTGRES_URL, new_schema
from tests.support.requirements import require


async def opening(db: Database) -> tuple[str, str, Path | None] | None:
    """What opening `db` as a command does (migrate, then a write rolled back) raises, classified; None: it opens."""
    try:
        await db.upgrade()
        await db.check_writable()
    except Exception as error:
        return classified(db.url, error)
    finally:
        await db.dispose()
    return None


def classified(url: str, error: BaseException) -> tuple[str, str, Path | None]:
    """startup_failure() of an error it must recognise."""
    found = startup_failure(url, error)
    assert found is not None, f"not recognised: {error!r}"
    return found


async def test_a_writable_database_passes_the_start_check(database, caplog):
    with caplog.at_level(logging.INFO, logger="storage.db"):
        await database.check_writable()
    assert not caplog.records


async def test_a_read_only_sqlite_file_is_not_writable_and_names_the_file(tmp_path, caplog):
    path = tmp_path / "vraagbaak.db"
    assert await opening(Database(f"sqlite+aiosqlite:///{path}")) is None
    with caplog.at_level(logging.INFO, logger="storage.db"):
        found = await opening(Database(f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true"))
    assert found is not None
    kind, detail, file = found
    assert (kind, file) == ("not_writable", path) and "SQLITE_READONLY" in detail
    assert not caplog.records, "the command says it in its own line"


def test_a_sqlite_folder_that_cannot_be_made_is_not_writable(tmp_path):
    (tmp_path / "data").write_text("a file")
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'x.db'}"
    with pytest.raises(OSError) as error:
        Database(url)
    assert classified(url, error.value)[::2] == ("not_writable", tmp_path / "data" / "x.db")


@pytest.mark.postgres
async def test_postgres_refusals_are_told_apart():
    try:
        writable, schema, cleanup = await new_schema("t")
    except RuntimeError as unreachable:
        require(False, str(unreachable))
    try:
        read_only = Database(
            POSTGRES_URL,
            connect_args={"server_settings": {"search_path": schema, "default_transaction_read_only": "on"}},
        )
        await writable.upgrade()
        found = await opening(read_only)
        assert found is not None and found[::2] == ("not_writable", None) and "25006" in found[1]
        no_database = make_url(POSTGRES_URL).set(database="vraagbaak_no_such_database").render_as_string(False)
        assert (await opening(Database(no_database)) or ("opened",))[0] == "refused"
        no_role = make_url(POSTGRES_URL).set(username="vraagbaak_no_such_role").render_as_string(False)
        assert (await opening(Database(no_role)) or ("opened",))[0] == "refused"
    finally:
        await cleanup()


async def test_unreachable_postgres_and_a_bug_are_told_apart(database):
    url = "postgresql+asyncpg://postgres@127.0.0.1:9/x"
    assert classified(url, ConnectionRefusedError(111, "Connect call failed"))[0] == "unreachable"
    assert classified(url, TimeoutError())[0] == "unreachable"
    with pytest.raises(Exception) as bug:
        async with database.read() as session:
            await session.execute(text("SELECT no_such_column FROM faq_entries"))
    assert startup_failure(database.url, bug.value) is None, "a bug keeps its traceback"
