"""Entra access tokens on the API: RS256 against the tenant's published keys, audience, issuer, expiry, app role."""

from __future__ import annotations

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer

from api.auth import TokenRules
from app import build_app
from config import Settings
from i18n import t
from services.api_keys import ApiKeyService
from tests.api.conftest import AUDIENCE, ROLE, TENANT_ISSUER, settings_for
from tests.support.identity import IdentityProvider

BODY = {
    "title": "Onderhoud vanavond",
    "text": "Zaaksysteem is van 18:00 tot 20:00 niet bereikbaar.",
    "audience": {"everyone": True},
}


async def post(api, token: str) -> tuple[int, dict, str | None]:
    response = await api.client.post("/api/announcements", json=BODY, headers={"Authorization": f"Bearer {token}"})
    return response.status, await response.json(), response.headers.get("WWW-Authenticate")


async def test_a_token_with_the_role_writes_as_its_object_id(sqlite_api):
    status, created, _ = await post(sqlite_api, sqlite_api.token(claims={"name": "Release pipeline"}))
    assert status == 201 and created["status"] == "draft"
    view = await sqlite_api.service.get(created["id"])
    assert view.source == "entra:7f0c1e2d-oid-of-pipeline" and view.author.key == "7f0c1e2d-oid-of-pipeline"


@pytest.mark.parametrize(
    ("claims", "source"),
    [
        ({"oid": None, "sub": "subject-1"}, "entra:subject-1"),
        ({"oid": None, "azp": "pipeline-app-id"}, "entra:pipeline-app-id"),
        ({"oid": None}, "entra:unknown"),
    ],
)
async def test_a_token_without_an_object_id_is_named_by_its_next_claim(sqlite_api, claims, source):
    status, created, _ = await post(sqlite_api, sqlite_api.token(claims=claims))
    assert status == 201 and (await sqlite_api.service.get(created["id"])).source == source


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda api: api.token(audience="api://someone-else"), id="wrong audience"),
        pytest.param(lambda api: api.token(lifetime=-3600), id="expired"),
        pytest.param(lambda api: api.token(key=api.entra.other_key), id="wrong key"),
        pytest.param(lambda api: api.token(kid="unpublished-key"), id="unknown key id"),
        pytest.param(
            lambda api: api.token(claims={"iss": "https://login.microsoftonline.test/other/v2.0"}), id="issuer"
        ),
        pytest.param(lambda api: api.token(omit=("exp",)), id="no expiry"),
        pytest.param(
            lambda api: jwt.encode({"aud": AUDIENCE, "iss": TENANT_ISSUER, "roles": [ROLE]}, "s" * 32, "HS256"),
            id="HS256",
        ),
    ],
)
async def test_a_wrong_token_is_401(sqlite_api, bad):
    status, answer, challenge = await post(sqlite_api, bad(sqlite_api))
    assert status == 401 and answer["error"] == "unauthorized"
    assert challenge == 'Bearer realm="vraagbaak", error="invalid_token"'


@pytest.mark.parametrize("roles", [(), ("Vraagbaak.Reader",)], ids=["no role", "another role"])
async def test_a_valid_token_without_the_role_is_403(sqlite_api, roles):
    status, answer, challenge = await post(sqlite_api, sqlite_api.token(roles=roles))
    assert status == 403 and answer == {"error": "forbidden", "message": t("api.error.forbidden", "en", role=ROLE)}
    assert challenge == 'Bearer error="insufficient_scope"'


async def test_the_keys_are_fetched_once_and_cached(tmp_path, sqlite_database):
    provider = IdentityProvider(issuer=TENANT_ISSUER, kid="cached-key").start()
    client = TestClient(TestServer(build_app(settings_for(provider), database=sqlite_database), host="127.0.0.1"))
    await client.start_server()
    try:
        for _ in range(3):
            token = provider.mint({"oid": "someone", "roles": [ROLE]}, audience=AUDIENCE)
            response = await client.get("/api/announcements/1", headers={"Authorization": f"Bearer {token}"})
            assert response.status == 404  # authenticated; there is no announcement 1
        assert provider.metadata_requests == 1 and provider.key_requests == 1
    finally:
        await client.close()
        provider.stop()


async def test_unreachable_keys_are_503_not_a_crash(sqlite_database):
    provider = IdentityProvider(issuer=TENANT_ISSUER).start()
    provider.stop()  # its port now refuses connections
    client = TestClient(TestServer(build_app(settings_for(provider), database=sqlite_database), host="127.0.0.1"))
    await client.start_server()
    try:
        token = provider.mint({"oid": "someone", "roles": [ROLE]}, audience=AUDIENCE)
        response = await client.get("/api/announcements/1", headers={"Authorization": f"Bearer {token}"})
        assert response.status == 503 and (await response.json())["error"] == "keys_unavailable"
    finally:
        await client.close()


def test_the_rules_come_from_the_settings_or_the_tenant():
    tenant = "0d9a5c31-1111-2222-3333-444455556666"
    derived = TokenRules.from_settings(Settings(app_id="bot-app", app_password="x", tenant_id=tenant))
    assert derived is not None
    assert derived.metadata_url == f"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration"
    assert derived.audiences == ("bot-app", "api://bot-app") and f"https://sts.windows.net/{tenant}/" in derived.issuers
    assert derived.role == ROLE
    assert TokenRules.from_settings(Settings()) is None  # no tenant, no audience: tokens are refused
    given = TokenRules.from_settings(
        Settings(api_token_metadata_url="http://127.0.0.1:1/m", api_token_audience="a", api_token_issuer="i")
    )
    assert given == TokenRules("http://127.0.0.1:1/m", ("a",), ("i",), ROLE)


async def test_without_token_rules_a_token_is_401_and_keys_still_work(sqlite_database, entra):
    token = entra.mint({"oid": "someone", "roles": [ROLE]}, audience=AUDIENCE)
    _, key = await ApiKeyService(sqlite_database).create("ci")
    app = build_app(Settings(matcher="lexical"), database=sqlite_database)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        response = await client.post("/api/announcements", json=BODY, headers={"Authorization": f"Bearer {token}"})
        assert response.status == 401
        response = await client.post("/api/announcements", json=BODY, headers={"Authorization": f"Bearer {key}"})
        assert response.status == 201
    finally:
        await client.close()
