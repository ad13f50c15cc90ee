"""A throw-away PostgreSQL schema per test or benchmark run, on the server VRAAGBAAK_TEST_POSTGRES_URL names."""

from __future__ import annotations

import os
import uuid
from typing import Awaitable, Callable

from storage import Database

POSTGRES_URL = os.environ.get("VRAAGBAAK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def in_schema(schema: str, url: str = POSTGRES_URL) -> Database:
    """A Database whose connections see only `schema`."""
    return Database(url, connect_args={"server_settings": {"search_path": schema}})


async def new_schema(prefix: str, url: str = POSTGRES_URL) -> tuple[Database, str, Callable[[], Awaitable[None]]]:
    """(database in a new empty schema, the schema's name, async cleanup dropping it).

    Raises RuntimeError with the reason when PostgreSQL is not reachable.
    """
    admin = Database(url)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as error:  # any failure means PostgreSQL cannot be used
        await admin.dispose()
        raise RuntimeError(f"PostgreSQL at {url} is not reachable ({type(error).__name__}: {error})") from error
    db = in_schema(schema, url)

    async def cleanup() -> None:
        await db.dispose()
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.dispose()

    return db, schema, cleanup
