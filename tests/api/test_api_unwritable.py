"""A database the bot cannot write: the API answers 503 'not saved' to changes, still reads and still redirects."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from app import build_app
from cards.views import AnnouncementView
from config import Settings
from i18n import t
from services.announcement_drafts import Audience, Draft, Link
from services.announcements import AnnouncementService
from services.api_keys import ApiKeyService
from services.conversations import ConversationService
from services.directory import Actor, DirectoryService
from services.jobs import Jobs
from services.links import link_token
from storage import Database
from storage.models import AnnouncementDelivery
from tests.conftest import make_database
from vocabulary import AudienceKind, Role

BODY = {"title": "Storing", "text": "Zaaksysteem ligt eruit.", "audience": {"everyone": True}}


async def stored_draft(db: Database) -> tuple[AnnouncementView, int]:
    """A draft with a link, and a delivery row for it (as if it had gone out)."""
    service = AnnouncementService(db, Jobs(db), DirectoryService(db), ConversationService(db))
    draft = Draft(
        title="Eerder",
        text="Al bewaard.",
        audience=Audience(AudienceKind.EVERYONE),
        links=(Link("FAQ", "https://faq.example/"),),
    )
    view = await service.create(Actor("fm-1"), draft, role=Role.FUNCTIONAL_MANAGER)
    async with db.transaction() as session:
        delivery = AnnouncementDelivery(announcement_id=view.id, recipient_kind="personal", recipient_key="u-1")
        session.add(delivery)
        await session.flush()
        return view, delivery.id


async def test_changes_are_503_and_reads_still_work(tmp_path):
    db, cleanup = await make_database("sqlite", tmp_path)
    _, key = await ApiKeyService(db).create("ci")
    earlier, delivery_id = await stored_draft(db)
    await cleanup()
    # Root ignores file permissions: open the file read-only the way SQLite does for a user who may not write it.
    read_only = Database(f"sqlite+aiosqlite:///file:{tmp_path / 'vraagbaak.db'}?mode=ro&uri=true")
    app = build_app(
        Settings(matcher="lexical", link_secret="a-link-secret-for-tests"), database=read_only, migrate=False
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        headers = {"Authorization": f"Bearer {key}"}
        response = await client.get(f"/api/announcements/{earlier.id}", headers=headers)
        assert response.status == 200 and (await response.json())["status"] == "draft"
        response = await client.post("/api/announcements", json=BODY, headers=headers)
        assert response.status == 503
        assert await response.json() == {"error": "not_saved", "message": t("api.error.not_saved", "en")}
        token = link_token(delivery_id, 0, b"a-link-secret-for-tests")
        response = await client.get(f"/r/{token}", allow_redirects=False)
        assert response.status == 302 and response.headers["Location"] == "https://faq.example/"  # not counted
    finally:
        await client.close()
        await read_only.dispose()
    writable = Database(f"sqlite+aiosqlite:///{tmp_path / 'vraagbaak.db'}")
    try:
        async with writable.read() as session:
            assert (await session.get_one(AnnouncementDelivery, delivery_id)).clicks == 0
    finally:
        await writable.dispose()
