"""`vraagbaak apikey create|list|revoke`: the key is the last line of create, listed by prefix, revocable."""

from __future__ import annotations

import asyncio

import pytest

import cli
from services.api_keys import ApiKeyService
from storage import Database


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh SQLite file for the CLI, Dutch texts, and no stray bot registration from the developer's shell."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEFAULT_LANGUAGE", "nl")
    for name in ("BOT_ID", "BOT_PASSWORD", "MicrosoftAppId", "MicrosoftAppPassword"):
        monkeypatch.delenv(name, raising=False)
    return url


def verify(url: str, key: str):
    async def run():
        db = Database(url)
        try:
            return await ApiKeyService(db).verify(key)
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_create_prints_the_key_last_list_shows_only_its_prefix_and_revoke_refuses_it(env, capsys):
    assert cli.main(["apikey", "list"]) == 0
    assert "geen API-sleutels" in capsys.readouterr().out
    assert cli.main(["apikey", "create", "release-pipeline"]) == 0
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1]
    assert key.startswith("vbk_") and len(key) == 47 and "release-pipeline" in out
    found = verify(env, key)
    assert found is not None and found.name == "release-pipeline"

    assert cli.main(["apikey", "list"]) == 0
    listing = capsys.readouterr().out
    assert "release-pipeline" in listing and key[:12] in listing and key not in listing
    assert "laatst gebruikt" in listing and "actief" in listing

    assert cli.main(["apikey", "revoke", "release-pipeline"]) == 0
    assert "ingetrokken" in capsys.readouterr().out
    assert verify(env, key) is None
    assert cli.main(["apikey", "list"]) == 0
    assert "ingetrokken 20" in capsys.readouterr().out
    assert cli.main(["apikey", "revoke", "release-pipeline"]) == 1
    assert "geen actieve API-sleutel release-pipeline" in capsys.readouterr().err


def test_a_taken_or_bad_name_is_one_line_on_stderr(env, capsys):
    assert cli.main(["apikey", "create", "ci"]) == 0
    capsys.readouterr()
    assert cli.main(["apikey", "create", "ci"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1 and "ci" in captured.err
    assert cli.main(["apikey", "create", "met spatie"]) == 2
    assert "sleutelnaam" in capsys.readouterr().err
