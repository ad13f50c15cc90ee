"""The whole app on a free port with the announcements API, two API keys and a local Entra ID."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from app import API, build_app
from services.api_keys import ApiKeyService
from storage import Database
from tests.api.entra import AUDIENCE, ROLE, TENANT_ISSUER, settings_for
from tests.api.stage import stage  # noqa: F401  (the signed-in author's fixture)
from tests.conftest import make_database
from tests.support.identity import IdentityProvider


@pytest.fixture(scope="session")
def entra() -> Any:
    """A local Entra ID: publishes one signing key, mints access tokens for the API."""
    provider = IdentityProvider(issuer=TENANT_ISSUER, kid="entra-key-1").start()
    yield provider
    provider.stop()


@dataclass
class Api:
    """A running app, its database, and the credentials of two pipelines."""

    client: TestClient
    db: Database
    key: str
    other_key: str
    entra: IdentityProvider
    due: asyncio.Event = field(default_factory=asyncio.Event)
    """Set whenever the service commits delivery work (the start job wrote an announcement's deliveries)."""

    async def written(self, within: float = 10.0) -> None:
        """Wait until delivery work was committed since the last call."""
        await asyncio.wait_for(self.due.wait(), within)
        self.due.clear()

    @property
    def app(self) -> web.Application:
        app = self.client.app
        assert app is not None, "served from an aiohttp Application"
        return app

    @property
    def service(self) -> Any:
        """The announcement service behind the API."""
        return self.app[API].service

    def auth(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.key}"}

    def token(self, roles: tuple[str, ...] = (ROLE,), **kwargs: Any) -> str:
        claims = {"oid": "7f0c1e2d-oid-of-pipeline", "tid": "0d9a5c31-tenant", "roles": list(roles)}
        claims.update(kwargs.pop("claims", {}))
        return self.entra.mint(claims, audience=kwargs.pop("audience", AUDIENCE), **kwargs)

    async def post(self, body: Any, key: str | None = None, **kwargs: Any) -> tuple[int, Any]:
        response = await self.client.post("/api/announcements", json=body, headers=self.auth(key), **kwargs)
        return response.status, await response.json()

    async def get(self, announcement_id: int, key: str | None = None) -> tuple[int, Any]:
        response = await self.client.get(f"/api/announcements/{announcement_id}", headers=self.auth(key))
        return response.status, await response.json()

    async def patch(self, announcement_id: int, body: Any) -> tuple[int, Any]:
        response = await self.client.patch(f"/api/announcements/{announcement_id}", json=body, headers=self.auth())
        return response.status, await response.json()

    async def delete(self, announcement_id: int) -> tuple[int, Any]:
        response = await self.client.delete(f"/api/announcements/{announcement_id}", headers=self.auth())
        return response.status, await response.json()


@contextlib.asynccontextmanager
async def running_api(kind: str, tmp_path, entra: IdentityProvider) -> AsyncIterator[Api]:
    """The real app (job worker running) with the API, on a fresh database of `kind`."""
    db, cleanup = await make_database(kind, tmp_path)
    keys = ApiKeyService(db)
    _, key = await keys.create("release-pipeline")
    _, other_key = await keys.create("deploy-script")
    client = TestClient(TestServer(build_app(settings_for(entra), database=db), host="127.0.0.1"))
    await client.start_server()
    try:
        running = Api(client, db, key, other_key, entra)
        running.service.on_deliveries_due(running.due.set)
        yield running
    finally:
        await client.close()
        await cleanup()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def api(request, tmp_path, entra):
    """The app with the API on SQLite and on PostgreSQL: for what the database keeps."""
    async with running_api(request.param, tmp_path, entra) as running:
        yield running


@pytest.fixture
async def sqlite_api(tmp_path, entra):
    """The app with the API on SQLite: for what is refused before the database matters."""
    async with running_api("sqlite", tmp_path, entra) as running:
        yield running
