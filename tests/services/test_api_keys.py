"""API keys: shown once, stored as SHA-256, checked against the database every time, revocable."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from services.api_keys import ApiKeyService, BadKeyName, KeyNameTaken
from storage.models import ApiKey
from tests.support.clock import Clock


async def test_a_key_is_shown_once_and_stored_only_as_its_hash(database):
    service = ApiKeyService(database, clock=Clock())
    view, key = await service.create("release-pipeline")
    assert key.startswith("vbk_") and len(key) == 4 + 43  # 32 random bytes, urlsafe base64 without padding
    assert view.prefix == key[:12] and view.name == "release-pipeline"
    async with database.read() as session:
        rows = list(await session.scalars(select(ApiKey)))
    assert len(rows) == 1
    assert rows[0].key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {rows[0].key_hash, rows[0].prefix, rows[0].name}
    found = await service.verify(key)
    assert found is not None and found.name == "release-pipeline"


async def test_wrong_and_revoked_keys_are_refused(database):
    service = ApiKeyService(database, clock=Clock())
    _, key = await service.create("ci")
    _, other = await service.create("script")
    assert await service.verify(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert await service.verify("vbk_" + "x" * 43) is None
    assert await service.verify("not-a-key") is None
    assert await service.revoke("ci") is True
    assert await service.revoke("ci") is False  # already revoked
    assert await service.revoke("nobody") is False
    assert await service.verify(key) is None
    still = await service.verify(other)
    assert still is not None and still.name == "script"
    listed = {view.name: view for view in await service.list()}
    assert listed["ci"].revoked_at is not None and listed["script"].revoked_at is None


async def test_last_use_is_written_at_most_once_a_minute(database):
    clock = Clock()
    service = ApiKeyService(database, clock=clock)
    _, key = await service.create("ci")
    assert (await service.list())[0].last_used_at is None
    await service.verify(key)
    first = clock.now
    assert (await service.list())[0].last_used_at == first
    clock.advance(seconds=30)
    await service.verify(key)
    assert (await service.list())[0].last_used_at == first
    clock.advance(seconds=31)
    await service.verify(key)
    assert (await service.list())[0].last_used_at == clock.now


async def test_names_are_checked_and_unique_even_after_a_revocation(database):
    service = ApiKeyService(database, clock=Clock())
    for bad in ("", "met spatie", "-dash-first", "x" * 101, "ünïcode"):
        with pytest.raises(BadKeyName):
            await service.create(bad)
    await service.create("ci")
    await service.revoke("ci")
    with pytest.raises(KeyNameTaken):
        await service.create("ci")
    assert [view.name for view in await service.list()] == ["ci"]
