"""SIGKILL mid fan-out: the restarted worker sends the rest; duplicates only for the sends that were in flight."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest

from tests.support.fanout import delivery_counts, seed_announcement, seed_people
from tests.support.postgres import new_schema
from tests.support.requirements import ROOT, require

RECIPIENTS = 400
CONCURRENCY = 8
WAIT = 60.0
"""Seconds to wait for the worker before the test fails (its start imports the Bot Framework SDK)."""


async def database_of(kind: str, tmp_path):
    """(Database, worker arguments naming it, cleanup)."""
    from storage import Database

    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'fanout.db'}")
        await db.upgrade()
        return db, ["--url", db.url], db.dispose
    try:
        db, schema, cleanup = await new_schema("crash")
    except RuntimeError as unreachable:
        require(False, str(unreachable))
    await db.upgrade()
    return db, ["--url", db.url, "--schema", schema], cleanup


async def start_worker(arguments: list[str]) -> asyncio.subprocess.Process:
    """The worker process, once it says its engine runs."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.fanout_worker",
        *arguments,
        "--concurrency",
        str(CONCURRENCY),
        "--rate",
        "400",
        "--lease",
        "1.5",
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), WAIT)
    assert line.strip() == b"ready", line
    return process


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_a_worker_killed_mid_fan_out_loses_nothing_and_repeats_at_most_its_sends_in_flight(
    kind, tmp_path, connector
):
    db, arguments, cleanup = await database_of(kind, tmp_path)
    try:
        await seed_people(db, connector.url, RECIPIENTS)
        await seed_announcement(db, people=range(RECIPIENTS))

        first = await start_worker(arguments)
        assert await connector.wait_for_async(lambda c: c.posted() >= RECIPIENTS // 3, WAIT)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = connector.posted()
        assert at_kill < RECIPIENTS, "the kill came after the last send: nothing to recover"

        second = await start_worker(arguments)  # takes the dead worker's claims back once their lease passes
        try:
            assert await connector.wait_for_async(lambda c: c.conversations_posted() == RECIPIENTS, WAIT)
        finally:
            second.send_signal(signal.SIGTERM)
            out, _ = await asyncio.wait_for(second.communicate(), WAIT)
        assert second.returncode == 0 and out.startswith(b"sent "), out

        assert connector.duplicates() <= CONCURRENCY, (at_kill, connector.duplicates())
        assert connector.posted() == RECIPIENTS + connector.duplicates()
        assert await delivery_counts(db) == {"sent": RECIPIENTS, "due": 0}
    finally:
        await cleanup()
