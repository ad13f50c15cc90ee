"""GET /r/{token}: a card's link goes through the bot, is counted on its delivery, and redirects."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from app import API, build_app
from cards.announcements import render_for
from config import Settings
from services.link_clicks import LinkClicks
from services.links import link_token, tracked_url
from storage import Database
from storage.models import AnnouncementDelivery

SECRET = "a-link-secret-for-tests"
"""The app's LINK_SECRET (tests/api/conftest.py)."""
LINKS = [
    {"title": "Release notes", "url": "https://suite4.example/notes/5.2"},
    {"title": "FAQ", "url": "https://faq.example/"},
]


async def deliveries(api, announcement_id: int) -> list[AnnouncementDelivery]:
    async with api.db.read() as session:
        rows = await session.scalars(
            select(AnnouncementDelivery)
            .where(AnnouncementDelivery.announcement_id == announcement_id)
            .order_by(AnnouncementDelivery.id)
        )
        return list(rows)


async def test_a_click_is_counted_and_redirected(api):
    status, created = await api.post(
        {
            "title": "Suite4 5.2",
            "text": "Lees wat er nieuw is.",
            "audience": {"channels": ["19:a@thread.tacv2", "19:b@thread.tacv2"]},
            "links": LINKS,
            "send_now": True,
        }
    )
    assert status == 201
    await api.written()
    first, second = await deliveries(api, created["id"])
    secret = await api.app[API].clicks.secret()
    url = tracked_url(str(api.client.make_url("")), first.id, 1, secret)
    assert url.startswith(str(api.client.make_url("/r/")))
    for expected in (1, 2):
        response = await api.client.get(url[url.index("/r/") :], allow_redirects=False)
        assert response.status == 302 and response.headers["Location"] == "https://faq.example/"
        assert response.headers["Cache-Control"] == "no-store"
        counted = {row.id: row.clicks for row in await deliveries(api, created["id"])}
        assert counted == {first.id: expected, second.id: 0}
    response = await api.client.get(f"/r/{link_token(second.id, 0, secret)}", allow_redirects=False)
    assert response.headers["Location"] == "https://suite4.example/notes/5.2"
    views = await api.service.get(created["id"])
    assert views.counts.clicks == 3


async def test_a_bad_token_is_404_and_counts_nothing(api):
    _, created = await api.post(
        {"title": "t", "text": "x", "audience": {"channels": ["19:a@thread.tacv2"]}, "links": LINKS, "send_now": True}
    )
    await api.written()
    (delivery,) = await deliveries(api, created["id"])
    secret = await api.app[API].clicks.secret()
    good = link_token(delivery.id, 0, secret)
    for token in (
        good[:-1] + ("A" if good[-1] != "A" else "B"),
        link_token(delivery.id, 0, b"not the secret"),
        link_token(delivery.id, 2, secret),  # there is no third link
        link_token(delivery.id + 1000, 0, secret),
        "x",
    ):
        response = await api.client.get(f"/r/{token}", allow_redirects=False, headers={"Accept-Language": "nl"})
        assert response.status == 404 and "bestaat niet" in await response.text()
    assert [row.clicks for row in await deliveries(api, created["id"])] == [0]


async def test_a_card_rendered_from_the_counted_view_links_through_the_bot(api):
    _, created = await api.post(
        {"title": "t", "text": "x", "audience": {"channels": ["19:a@thread.tacv2"]}, "links": LINKS, "send_now": True}
    )
    await api.written()
    (delivery,) = await deliveries(api, created["id"])
    view = await api.service.get(created["id"])
    assert await LinkClicks(api.db, link_secret=SECRET).counted(view, delivery.id) == view  # no PUBLIC_URL: as is
    base = str(api.client.make_url("/")).rstrip("/")
    another_instance = LinkClicks(api.db, link_secret=SECRET, public_url=base)
    counted = await another_instance.counted(view, delivery.id)
    card_urls = [a["url"] for a in walk_actions(render_for(counted, acknowledged=False, lang="nl"))]
    assert len(card_urls) == 2 and all(url.startswith(base + "/r/") for url in card_urls)
    for url, link in zip(card_urls, LINKS, strict=True):
        response = await api.client.get(url[len(base) :], allow_redirects=False)
        assert response.status == 302 and response.headers["Location"] == link["url"]
    assert [row.clicks for row in await deliveries(api, created["id"])] == [2]


def walk_actions(node):
    """Every Action.OpenUrl in a card."""
    if isinstance(node, dict):
        if node.get("type") == "Action.OpenUrl":
            yield node
        for value in node.values():
            yield from walk_actions(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_actions(value)


async def test_the_app_loads_a_stored_secret_at_start_after_migrating(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")  # not migrated yet
    client = TestClient(TestServer(build_app(Settings(matcher="lexical"), database=db), host="127.0.0.1"))
    await client.start_server()
    try:
        app = client.app
        assert app is not None
        loaded = app[API].clicks.loaded_secret()
        assert len(loaded) >= 32 and await LinkClicks(db).secret() == loaded  # what another instance reads
    finally:
        await client.close()
        await db.dispose()
