"""Fixtures for bot/ tests: a fake Bot Connector, a local identity provider, and the endpoint over real HTTP."""

from __future__ import annotations

from typing import Any, AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot import RetryPolicy, StaticToken, create_endpoint
from config import Settings
from tests.support.activities import OUTBOUND_TOKEN, RecordingSleep
from tests.support.identity import IdentityProvider


@pytest.fixture(scope="session")
def identity() -> Any:
    """One local identity provider for the session (the SDK caches metadata per URL)."""
    provider = IdentityProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
async def start_bot() -> AsyncIterator[Callable[..., Awaitable[tuple[TestClient, Any]]]]:
    """Start a minimal aiohttp app mounting the endpoint on a free port; returns (client, endpoint)."""
    started: list[tuple[TestClient, Any]] = []

    async def start(handle: Any, settings: Settings | None = None, **kwargs: Any) -> tuple[TestClient, Any]:
        settings = settings or Settings()
        kwargs.setdefault("token_provider", StaticToken(OUTBOUND_TOKEN) if settings.auth_enabled else None)
        kwargs.setdefault("retry", RetryPolicy(sleep=RecordingSleep()))
        endpoint = create_endpoint(settings, handle, **kwargs)
        app = web.Application()
        endpoint.mount(app)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        started.append((client, endpoint))
        return client, endpoint

    yield start
    for client, _ in started:
        await client.close()
