"""The migrations build exactly the schema the models describe, on both engines."""

from __future__ import annotations

import pytest

from storage.models import Base
from tests.conftest import DATABASE_KINDS, make_database


def _differences(connection) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"compare_type": False})
    # Defaults live in the models (Python side); server defaults and comments are not compared.
    return [d for d in compare_metadata(context, Base.metadata) if d[0] not in ("modify_default", "modify_comment")]


@pytest.mark.parametrize("kind", DATABASE_KINDS)
async def test_migrated_schema_matches_the_models(kind, tmp_path):
    db, cleanup = await make_database(kind, tmp_path)
    try:
        async with db.engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await cleanup()
    assert differences == []
