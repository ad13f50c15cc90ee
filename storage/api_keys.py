"""API keys (stored as their SHA-256) and run-time secrets kept in the settings table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ApiKey, Setting, utcnow
from storage.results import rowcount


class ApiKeyRepository:
    """The keys release pipelines and scripts use for the announcements API."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, name: str, key_hash: str, prefix: str, created_at: datetime) -> ApiKey:
        """A new key row, flushed (IntegrityError when the name or hash is taken)."""
        row = ApiKey(name=name, key_hash=key_hash, prefix=prefix, created_at=created_at)
        self.session.add(row)
        await self.session.flush()
        return row

    async def by_name(self, name: str) -> ApiKey | None:
        """The key called `name`, revoked or not."""
        return await self.session.scalar(select(ApiKey).where(ApiKey.name == name))

    async def by_prefix(self, prefix: str) -> list[ApiKey]:
        """Keys whose first characters are `prefix` (usually one)."""
        return list(await self.session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)))

    async def all(self) -> list[ApiKey]:
        """Every key, oldest first."""
        return list(await self.session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)))

    async def revoke(self, name: str, when: datetime) -> bool:
        """Mark the key revoked; False when there is no such key or it already was."""
        result = await self.session.execute(
            update(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None)).values(revoked_at=when)
        )
        return rowcount(result) == 1

    async def touch(self, key_id: int, when: datetime, not_since: datetime) -> None:
        """Set last_used_at to `when` unless it is already after `not_since` (one write a minute at most)."""
        await self.session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id, (ApiKey.last_used_at.is_(None)) | (ApiKey.last_used_at <= not_since))
            .values(last_used_at=when)
        )


async def stored_secret(session: AsyncSession, key: str, candidate: str) -> str:
    """The value of setting `key`, storing `candidate` first when there is none (every instance gets the same)."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    await session.execute(
        dialect.insert(Setting).values(key=key, value=candidate, updated_at=utcnow()).on_conflict_do_nothing()
    )
    value = await session.scalar(select(Setting.value).where(Setting.key == key))
    assert value is not None, "inserted or already there just above"
    return value
