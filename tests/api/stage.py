"""The stage of the signed-in author's stories (tests/api/test_post_as*.py): the whole app with the fake Graph, the
local identity provider and the fake Bot Connector; Dirk manages functional management's team."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from app import API, CONVERSATIONS, DATABASE, DIRECTORY, build_app
from graph import GraphClient
from services.jobs import WorkerOptions
from storage.models import AnnouncementDelivery
from tests.api.entra import AUDIENCE, ROLE, settings_for
from tests.conftest import DATABASE_KINDS, make_database
from tests.support.credentials import OnBehalfOf, StaticCredential
from tests.support.fake_connector import FakeConnector
from tests.support.fake_graph import FakeGraph
from tests.support.identity import IdentityProvider
from tests.support.world import FM_CHANNEL, FM_GROUP, ZAAKSYSTEEM, furnish

TEAM = "0b7c1a2e-team-of-functional-management"
SSO_CONNECTION = "vraagbaak-sso"
SSO_RESOURCE = "api://vraagbaak.gemeente.test/botid-vraagbaak"
"""Teams single sign-on ('Versturen als mij', tests/api/test_post_as_teams.py): its tokens have this audience."""
DIRK_OID = "aad-dirk"
POSTS = f"/teams/{TEAM}/channels/{FM_CHANNEL}/messages"
BODY = {
    "title": "Zaaksysteem 4.2 is live",
    "text": "Vanaf vandaag **opschorten**.",
    "audience": {"channels": [FM_CHANNEL]},
}


@dataclass
class Stage:
    client: TestClient
    graph: FakeGraph
    connector: FakeConnector
    entra: IdentityProvider

    @property
    def app(self) -> Any:
        return self.client.app

    def user_token(self, lifetime: int = 3600, **claims: Any) -> str:
        """Dirk's own token for the API: delegated (scp), with the functional-manager role."""
        values = {"oid": DIRK_OID, "name": "Dirk", "tid": "tenant", "scp": "Announcements.Send", "roles": [ROLE]}
        return self.entra.mint({**values, **claims}, audience=AUDIENCE, lifetime=lifetime)

    async def send(self, token: str, **extra: Any) -> int:
        body = {**BODY, "send_now": True, **extra}
        if "send_at" in extra:
            body.pop("send_now")
        response = await self.client.post("/api/announcements", json=body, headers={"Authorization": f"Bearer {token}"})
        assert response.status == 201, await response.text()
        return (await response.json())["id"]

    async def delivery(self, announcement_id: int) -> AnnouncementDelivery:
        async with self.app[DATABASE].read() as session:
            return await session.scalar(
                select(AnnouncementDelivery).where(AnnouncementDelivery.announcement_id == announcement_id)
            )

    async def until_sent(self, announcement_id: int, timeout: float = 20.0) -> None:  # noqa: ASYNC109
        """Wait until the announcement is sent (every card posted and recorded)."""
        await until(lambda: self.status(announcement_id), "sent", timeout)

    async def status(self, announcement_id: int) -> str | None:
        view = await self.app[API].service.get(announcement_id)
        return view.status if view else None

    async def csv(self, announcement_id: int, token: str, lang: str = "en") -> list[str]:
        """The CSV report's first recipient line."""
        return (await self.csv_lines(announcement_id, token, lang))[0]

    async def csv_lines(self, announcement_id: int, token: str, lang: str = "en") -> list[list[str]]:
        response = await self.client.get(
            f"/api/announcements/{announcement_id}/report.csv",
            headers={"Authorization": f"Bearer {token}", "Accept-Language": lang},
        )
        assert response.status == 200
        return list(csv.reader(io.StringIO(await response.text())))[1:]


async def until(read: Callable[[], Awaitable[Any]], wanted: Any, timeout: float) -> None:  # noqa: ASYNC109
    """Wait (polling the database) until `read()` gives `wanted`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while (found := await read()) != wanted:
        assert asyncio.get_running_loop().time() < deadline, f"still {found!r}, not {wanted!r}"
        await asyncio.sleep(0.05)


@pytest.fixture(params=DATABASE_KINDS)
async def stage(request, tmp_path, entra: IdentityProvider, connector: FakeConnector) -> AsyncIterator[Stage]:
    db, cleanup = await make_database(request.param, tmp_path)
    with FakeGraph() as fake:
        fake.add_user(DIRK_OID, "Dirk")
        fake.add_team(TEAM, [DIRK_OID], {FM_CHANNEL: "Functioneel beheer"})
        graph = GraphClient(
            StaticCredential("app-token"),
            teams_app_id="app",
            base_url=fake.base_url,
            on_behalf_of=lambda assertion: OnBehalfOf(entra.token_url, assertion),
            timeout=5.0,
        )
        app = build_app(
            settings_for(entra, sso_connection_name=SSO_CONNECTION, sso_resource=SSO_RESOURCE),
            database=db,
            graph=graph,
            worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05),
        )
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        await furnish(app[DIRECTORY], app[CONVERSATIONS], ZAAKSYSTEEM, service_url=connector.url)
        await app[DIRECTORY].save_group(name=FM_GROUP, kind="functional_management", team_id=TEAM)
        entra.refuse_exchange = False
        entra.exchanges.clear()
        try:
            yield Stage(client, fake, connector, entra)
        finally:
            entra.refuse_exchange = False
            await client.close()
            await graph.close()
            await cleanup()


def channel_posts_by_bot(connector: FakeConnector) -> list[Any]:
    return [c for c in connector.calls if c.method == "POST" and c.path == "/v3/conversations" and c.delivered]
