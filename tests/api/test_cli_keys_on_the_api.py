"""A key made with `vraagbaak apikey create` works on the API; once revoked with the CLI it gets 401."""

from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestClient, TestServer

import cli
from app import build_app
from config import Settings
from storage import Database

BODY = {"title": "Nieuwe versie", "text": "Zie de release notes.", "audience": {"groups": ["Kerngebruikers Suite4"]}}


async def test_the_printed_key_works_until_it_is_revoked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    for name in ("BOT_ID", "BOT_PASSWORD", "MicrosoftAppId", "MicrosoftAppPassword"):
        monkeypatch.delenv(name, raising=False)
    # the CLI runs its own event loop: in a thread, as `vraagbaak` would run in its own process
    assert await asyncio.to_thread(cli.main, ["apikey", "create", "release-pipeline"]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    db = Database(url)
    client = TestClient(TestServer(build_app(Settings(matcher="lexical"), database=db), host="127.0.0.1"))
    await client.start_server()
    try:
        headers = {"Authorization": f"Bearer {key}"}
        response = await client.post("/api/announcements", json=BODY, headers=headers)
        assert response.status == 201 and (await response.json())["status"] == "draft"
        assert await asyncio.to_thread(cli.main, ["apikey", "list"]) == 0
        listing = capsys.readouterr().out
        assert "release-pipeline" in listing and "nooit" not in listing.split("laatst gebruikt")[1]
        assert await asyncio.to_thread(cli.main, ["apikey", "revoke", "release-pipeline"]) == 0
        response = await client.post("/api/announcements", json=BODY, headers=headers)
        assert response.status == 401
    finally:
        await client.close()
        await db.dispose()
