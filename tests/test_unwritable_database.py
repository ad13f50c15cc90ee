"""A database the bot cannot write: it says "niet bewaard", /readyz answers 503 and why, the log says it in one line."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path
from typing import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import INDEX_TASK, build_app
from config import Settings
from i18n import t
from services.faq import FaqService
from services.faq_files import read_faq_file
from services.jobs import WorkerOptions
from services.questions import QuestionService
from storage import Database, QuestionRepository
from tests.conftest import make_database
from tests.support.activities import USER, activity, card_action
from tests.support.fake_connector import FakeConnector
from tests.support.postgres import POSTGRES_URL, new_schema
from tests.support.requirements import ROOT, require

SAMPLE = ROOT / "samples" / "faq.yaml"
REPLIES = "/v3/conversations/a:personal-conv-1/activities/1700000000001"
QUESTION = "Ik ben mijn wachtwoord vergeten. Hoe kom ik weer in mijn account?"


async def with_sample_faq(db: Database) -> None:
    """Load the sample FAQ into `db`."""
    faq = FaqService(db, use_embeddings=False)
    try:
        await faq.import_entries(read_faq_file(SAMPLE))
    finally:
        faq.close()


@contextlib.asynccontextmanager
async def serving(db: Database) -> AsyncIterator[TestClient]:
    """The real app over `db` (not migrated at start: it may be read-only), its FAQ index built."""
    app = build_app(
        Settings(matcher="lexical"), database=db, migrate=False, worker_options=WorkerOptions(poll_interval=0.05)
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        await app[INDEX_TASK]
        yield client
    finally:
        await client.close()


async def ask(client: TestClient, connector: FakeConnector, text: str) -> str | None:
    """Post a question and return the text the bot replied with (None for a card)."""
    before = connector.count(path=REPLIES)
    assert (await client.post("/api/messages", json=activity(connector.url, text=text))).status == 200
    assert await connector.wait_for_async(lambda c: c.count(path=REPLIES) > before, timeout=10)
    return [call for call in connector.calls if call.path == REPLIES][-1].text


async def readiness(client: TestClient) -> tuple[int, str]:
    response = await client.get("/readyz")
    return response.status, (await response.json())["status"]


def assert_said_once(caplog, *words: str) -> None:
    """One ERROR line 'database not writable: ...' naming `words`, and no traceback anywhere."""
    lines = [r for r in caplog.records if "database not writable" in r.getMessage()]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert lines[0].levelno == logging.ERROR and "\n" not in lines[0].getMessage()
    assert all(word in lines[0].getMessage() for word in words), lines[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info], "a known condition is logged without a traceback"


async def stored_questions(url: str) -> list[str]:
    """The question texts stored in the database at `url`, read with a fresh connection."""
    db = Database(url)
    try:
        async with db.read() as session:
            return [q.text for q in await QuestionRepository(session).for_user(USER["aadObjectId"])]
    finally:
        await db.dispose()


@pytest.fixture
async def sqlite_file(tmp_path) -> Path:
    """A migrated SQLite file with the sample FAQ, closed again."""
    db, cleanup = await make_database("sqlite", tmp_path)
    await with_sample_faq(db)
    await cleanup()
    return tmp_path / "vraagbaak.db"


async def test_a_read_only_sqlite_file_gets_niet_bewaard_and_readyz_503(sqlite_file, connector, caplog):
    writable = Database(f"sqlite+aiosqlite:///{sqlite_file}")
    earlier = await QuestionService(writable).record(
        user_key=USER["aadObjectId"],
        user_name=USER["name"],
        conversation_id="a:personal-conv-1",
        language="nl",
        text="vraag van gisteren",
        decision=None,
    )
    await writable.dispose()
    # Root ignores file permissions, so open the file read-only the way SQLite does for a user who may not write it.
    db = Database(f"sqlite+aiosqlite:///file:{sqlite_file}?mode=ro&uri=true")
    try:
        with caplog.at_level(logging.INFO):
            async with serving(db) as client:
                assert await ask(client, connector, QUESTION) == t("reply.not_saved", "nl")
                assert await ask(client, connector, "printen lukt niet") == t("reply.not_saved", "nl")
                status, reason = await readiness(client)
                assert status == 503 and reason.startswith("database not writable") and "readonly" in reason
                click = await client.post(
                    "/api/messages",
                    json=card_action(
                        connector.url,
                        "feedback",
                        {"question_id": earlier.id, "entry_id": "werkplek-printen", "helpful": True},
                    ),
                )
                assert (await click.json())["value"] == t("reply.action_not_saved", "nl")
    finally:
        await db.dispose()
    assert await stored_questions(f"sqlite+aiosqlite:///{sqlite_file}") == ["vraag van gisteren"]
    assert_said_once(caplog, "readonly")
    assert not (ROOT / "file:").exists(), "the read-only URI is no path to create directories for"


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_a_sqlite_file_deleted_or_replaced_mid_run_is_refused(how, sqlite_file, connector, caplog, tmp_path):
    db = Database(f"sqlite+aiosqlite:///{sqlite_file}")
    try:
        with caplog.at_level(logging.INFO):
            async with serving(db) as client:
                assert await ask(client, connector, QUESTION) is None, "answered with a card"
                assert await readiness(client) == (200, "ready")
                if how == "deleted":
                    sqlite_file.unlink()
                else:  # e.g. a backup put back: the bot's connections still write into the old file
                    shutil.copy(sqlite_file, tmp_path / "copy.db")
                    os.replace(tmp_path / "copy.db", sqlite_file)
                for text in ("printen lukt niet", "hoe vraag ik verlof aan"):
                    assert await ask(client, connector, text) == t("reply.not_saved", "nl")
                status, reason = await readiness(client)
                assert status == 503 and reason.startswith("database not writable") and how in reason
                assert str(sqlite_file) in reason
    finally:
        await db.dispose()
    assert_said_once(caplog, how, str(sqlite_file))
    if how == "deleted":
        assert not sqlite_file.exists(), "the bot made no new, empty file in its place"


@pytest.mark.postgres
async def test_a_read_only_postgres_gets_niet_bewaard_and_readyz_503(connector, caplog):
    try:
        writable, schema, cleanup = await new_schema("t")
    except RuntimeError as unreachable:
        require(False, str(unreachable))
    # What a hot standby or a role set to read-only does: the server refuses every write of the session.
    read_only = Database(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": schema, "default_transaction_read_only": "on"}}
    )
    try:
        await writable.upgrade()
        await with_sample_faq(writable)
        with caplog.at_level(logging.INFO):
            async with serving(read_only) as client:
                assert await ask(client, connector, QUESTION) == t("reply.not_saved", "nl")
                assert await ask(client, connector, "printen lukt niet") == t("reply.not_saved", "nl")
                status, reason = await readiness(client)
                assert status == 503 and reason.startswith("database not writable") and "read-only" in reason
        async with writable.read() as session:
            assert await QuestionRepository(session).for_user(USER["aadObjectId"]) == []
    finally:
        await read_only.dispose()
        await cleanup()
    assert_said_once(caplog, "read-only")
