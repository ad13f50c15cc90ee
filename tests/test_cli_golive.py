"""`vraagbaak golive`: the moment in Dutch time, Graph required, the plan printed; nothing planned on a refusal."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

import cli
from services.directory import DirectoryService
from storage import Database
from storage.models import Announcement
from tests.support.fake_graph import FakeGraph

FUTURE = "2099-03-09T09:00"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh SQLite file with Suite4's Sociaal Domein group (with a channel), and Graph configured."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("VRAAGBAAK_MATCHER", "lexical")
    for name in ("BOT_ID", "BOT_PASSWORD", "MicrosoftAppId", "MicrosoftAppPassword", "ANNOUNCEMENT_APPROVAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GRAPH_TENANT_ID", "tenant")
    monkeypatch.setenv("GRAPH_CLIENT_ID", "client")
    monkeypatch.setenv("GRAPH_CLIENT_SECRET", "secret")
    monkeypatch.setenv("TEAMS_APP_ID", "app")

    async def furnish() -> None:
        db = Database(url)
        try:
            await db.upgrade()
            directory = DirectoryService(db)
            await directory.save_group(name="Functioneel beheer", kind="functional_management")
            await directory.save_group(
                name="Kerngebruikers Suite4 SD",
                application="Suite4",
                department="Sociaal Domein",
                parent="Functioneel beheer",
                channel_id="19:sd@thread.tacv2",
            )
        finally:
            await db.dispose()

    asyncio.run(furnish())
    return url


def announcements(url: str) -> int:
    async def count() -> int:
        db = Database(url)
        try:
            async with db.read() as session:
                return int(await session.scalar(select(func.count()).select_from(Announcement)) or 0)
        finally:
            await db.dispose()

    return asyncio.run(count())


def test_golive_moment_is_dutch_time_unless_it_says_otherwise():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert cli.golive_moment("2026-03-09T09:00", now) == datetime(2026, 3, 9, 8, 0, tzinfo=timezone.utc)
    assert cli.golive_moment("2026-07-01 09:00+00:00", now) == datetime(2026, 7, 1, 9, 0, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        cli.golive_moment("2025-12-31T09:00", now)
    with pytest.raises(ValueError):
        cli.golive_moment("maandag", now)


def test_golive_plans_both_and_says_so(env, capsys):
    assert cli.main(["golive", "Sociaal Domein", "--application", "Suite4", "--at", FUTURE]) == 0
    out = capsys.readouterr().out
    assert "Go-live van Suite4 bij Sociaal Domein gepland op" in out
    assert "Kerngebruikers Suite4 SD" in out and "gepland" in out
    assert announcements(env) == 2


def test_golive_under_graph_throttling_says_the_audience_is_looked_up_later_by_the_send_job(env, capsys, monkeypatch):
    with FakeGraph() as graph:
        graph.fail("GET", "/users", 429, times=-1, retry_after=120)
        monkeypatch.setenv("GRAPH_BASE_URL", graph.base_url)
        assert cli.main(["golive", "Sociaal Domein", "--application", "Suite4", "--at", FUTURE]) == 0
        assert graph.calls == [], "planning asks Graph nothing: the start job resolves the department"
    planned, later = capsys.readouterr().out.strip().splitlines()
    assert "gepland op" in planned
    assert (
        "pas op" in later and "afdeling Sociaal Domein" in later and "probeert die taak het zelf later opnieuw" in later
    )
    assert announcements(env) == 2


def test_golive_refuses_without_graph_or_group_or_valid_moment(env, capsys, monkeypatch):
    assert cli.main(["golive", "Burgerzaken", "--application", "Suite4", "--at", FUTURE]) == 1
    assert "geen kerngebruikersgroep voor Suite4 bij Burgerzaken" in capsys.readouterr().err
    assert cli.main(["golive", "Sociaal Domein", "--application", "Suite4", "--at", "gisteren"]) == 2
    assert "Ongeldig moment 'gisteren'" in capsys.readouterr().err
    monkeypatch.delenv("GRAPH_CLIENT_ID")
    monkeypatch.delenv("GRAPH_TENANT_ID")
    monkeypatch.delenv("GRAPH_CLIENT_SECRET")
    assert cli.main(["golive", "Sociaal Domein", "--application", "Suite4", "--at", FUTURE]) == 2
    assert "Microsoft Graph" in capsys.readouterr().err
    assert announcements(env) == 0
