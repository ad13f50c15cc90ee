"""API keys for the announcements API: made once, stored as SHA-256, checked in constant time, revocable."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.clock import REAL_CLOCK, Clock
from storage import CONFLICTS, Database, StorageUnavailable
from storage.api_keys import ApiKeyRepository
from storage.models import ApiKey

KEY_PREFIX = "vbk_"
"""Every key starts with this, so a leaked one is easy to recognise (and to tell from an Entra token)."""
SHOWN = len(KEY_PREFIX) + 8
"""Characters of a key kept readable in the listing (the rest is known only to its holder)."""
TOUCH_EVERY = timedelta(minutes=1)
"""last_used_at is written at most this often per key."""
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class BadKeyName(ValueError):
    """A key name must be 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit."""


class KeyNameTaken(ValueError):
    """Another key (perhaps a revoked one) already has this name."""


@dataclass(frozen=True)
class ApiKeyView:
    """A key as listings and callers see it: never the key itself."""

    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _view(row: ApiKey) -> ApiKeyView:
    return ApiKeyView(row.name, row.prefix, row.created_at, row.last_used_at, row.revoked_at)


def key_hash(key: str) -> str:
    """The stored form of a key: its SHA-256 in hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiKeyService:
    """Create, list, revoke and verify API keys; every check reads the database, so a revocation holds everywhere."""

    def __init__(self, db: Database, *, clock: Clock = REAL_CLOCK) -> None:
        self.db = db
        self.clock = clock

    async def create(self, name: str) -> tuple[ApiKeyView, str]:
        """A new key named `name`: its view and the key, which is shown this once and stored only hashed."""
        if not NAME.fullmatch(name):
            raise BadKeyName(name)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        try:
            async with self.db.transaction() as session:
                repo = ApiKeyRepository(session)
                if await repo.by_name(name) is not None:
                    raise KeyNameTaken(name)
                row = await repo.add(name, key_hash(key), key[:SHOWN], self.clock())
                return _view(row), key
        except CONFLICTS:
            raise KeyNameTaken(name) from None

    async def list(self) -> list[ApiKeyView]:
        """Every key, oldest first, revoked ones included."""
        async with self.db.read() as session:
            return [_view(row) for row in await ApiKeyRepository(session).all()]

    async def revoke(self, name: str) -> bool:
        """Refuse the key from now on; False when no live key has this name."""
        async with self.db.transaction() as session:
            return await ApiKeyRepository(session).revoke(name, self.clock())

    async def verify(self, key: str) -> ApiKeyView | None:
        """The live key `key` is, or None; notes its use (at most once a minute)."""
        if not key.startswith(KEY_PREFIX) or len(key) > 200:
            return None
        wanted = key_hash(key)
        async with self.db.read() as session:
            rows = await ApiKeyRepository(session).by_prefix(key[:SHOWN])
        found = next((row for row in rows if hmac.compare_digest(row.key_hash, wanted)), None)
        if found is None or found.revoked_at is not None:
            return None
        now = self.clock()
        if found.last_used_at is None or found.last_used_at <= now - TOUCH_EVERY:
            try:
                async with self.db.transaction() as session:
                    await ApiKeyRepository(session).touch(found.id, now, now - TOUCH_EVERY)
            except StorageUnavailable:  # the database logged why; reading with the key still works
                pass
        return _view(found)
