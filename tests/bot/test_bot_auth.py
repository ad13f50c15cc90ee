"""Inbound auth with an app id set: every bad token is a 401 (never 500), tested against a local identity provider."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from botbuilder.schema import Activity
from botframework.connector.auth import AuthenticateRequestResult, ClaimsIdentity

from bot.auth import _VerifiedTokens
from dialogs.types import Outcome, Reply
from tests.support.activities import OUTBOUND_TOKEN, Recorder, activity, auth_settings, card_action
from tests.support.identity import IdentityProvider


def echo(incoming):
    return Outcome(replies=[Reply(text=f"Echo: {incoming.text}")])


@pytest.fixture
async def bot(start_bot, identity, connector):
    """An endpoint with auth on, plus its recorder."""
    handle = Recorder(echo)
    client, endpoint = await start_bot(handle, auth_settings(identity))
    return client, handle


async def post(client, body, token=None, header=None):
    headers = {}
    if header is not None:
        headers["Authorization"] = header
    elif token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return await client.post("/api/messages", json=body, headers=headers)


async def test_valid_token_is_accepted_and_reply_carries_outbound_token(bot, identity, connector):
    client, handle = bot
    token = identity.mint(service_url=connector.url)
    response = await post(client, activity(connector.url, text="hallo"), token)
    assert response.status == 200
    assert [i.text for i in handle.seen] == ["hallo"]
    [call] = connector.calls
    assert call.text == "Echo: hallo"
    assert call.headers["Authorization"] == f"Bearer {OUTBOUND_TOKEN}"


async def test_valid_token_on_card_action(bot, identity, connector):
    client, _ = bot
    response = await post(client, card_action(connector.url, "feedback"), identity.mint(service_url=connector.url))
    assert response.status == 200
    assert (await response.json())["statusCode"] == 200


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "bearer x.y.z", "Bearer a b"])
async def test_missing_or_malformed_header_is_401(bot, connector, header):
    client, handle = bot
    response = await post(client, activity(connector.url, text="hallo"), header=header)
    assert response.status == 401
    assert handle.seen == [] and connector.calls == []


async def test_missing_header_on_invoke_is_401(bot, connector):
    client, handle = bot
    response = await post(client, card_action(connector.url, "feedback"))
    assert response.status == 401
    assert handle.seen == []


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30.AAAA"])
async def test_malformed_token_is_401(bot, connector, token):
    client, handle = bot
    assert (await post(client, activity(connector.url, text="hallo"), token)).status == 401
    assert handle.seen == []


def _bad_tokens(identity: IdentityProvider, service_url: str) -> dict[str, str]:
    now = int(time.time())
    return {
        "expired": identity.mint(
            service_url=service_url, claims={"exp": now - 3600, "iat": now - 7200, "nbf": now - 7200}
        ),
        "unknown_key_id": identity.mint(service_url=service_url, key=identity.other_key, kid="not-published"),
        "wrong_signature": identity.mint(service_url=service_url, key=identity.other_key),
        "other_audience": identity.mint(service_url=service_url, audience="some-other-bot"),
        "no_audience": identity.mint(service_url=service_url, omit=("aud",)),
        "other_issuer": identity.mint(service_url=service_url, claims={"iss": "https://evil.example/"}),
        "serviceurl_mismatch": identity.mint(service_url="https://smba.trafficmanager.net/emea/"),
        "no_serviceurl": identity.mint(),
    }


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "unknown_key_id",
        "wrong_signature",
        "other_audience",
        "no_audience",
        "other_issuer",
        "serviceurl_mismatch",
        "no_serviceurl",
    ],
)
async def test_bad_token_is_401(bot, identity, connector, case):
    client, handle = bot
    token = _bad_tokens(identity, connector.url)[case]
    for body in (activity(connector.url, text="hallo"), card_action(connector.url, "feedback")):
        response = await post(client, body, token)
        assert response.status == 401, case
    assert handle.seen == [] and connector.calls == []


async def test_channel_not_endorsed_by_key_is_401(bot, identity, connector):
    client, handle = bot
    body = activity(connector.url, text="hallo", channelId="slack")
    assert (await post(client, body, identity.mint(service_url=connector.url))).status == 401
    assert handle.seen == []


async def test_signing_keys_are_cached(bot, identity, connector):
    client, _ = bot
    token = identity.mint(service_url=connector.url)
    assert (await post(client, activity(connector.url, text="eerste"), token)).status == 200
    before = identity.key_requests
    for n in range(5):
        assert (await post(client, activity(connector.url, text=f"vraag {n}"), token)).status == 200
    assert identity.key_requests == before
    assert connector.count() == 6


async def test_metadata_fetch_does_not_block_the_event_loop(start_bot, connector):
    """The provider answers only after this test's loop ran again: a blocking fetch on the loop would time out."""
    provider = IdentityProvider(kid="gated-key")
    gate = threading.Event()
    provider.gate = gate
    provider.start()
    try:
        client, _ = await start_bot(Recorder(echo), auth_settings(provider))
        request = asyncio.ensure_future(
            post(client, activity(connector.url, text="hallo"), provider.mint(service_url=connector.url))
        )
        assert await asyncio.to_thread(provider.metadata_requested.wait, 5)
        gate.set()  # reached only if the loop is free while the bot fetches the metadata
        response = await asyncio.wait_for(request, 10)
        assert response.status == 200
        assert connector.count() == 1
    finally:
        provider.stop()


async def test_auth_off_accepts_requests_without_header(start_bot, connector):
    client, handle = await start_bot(Recorder(echo))
    assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert [c.text for c in connector.calls] == ["Echo: hallo"]


async def test_a_verified_token_is_validated_once_per_service_url_until_it_expires(start_bot, identity, connector):
    client, endpoint = await start_bot(Recorder(echo), auth_settings(identity))
    inner = endpoint.auth._inner
    checked: list[str | None] = []
    validate = inner.authenticate_request

    async def counted(activity, auth_header):
        checked.append(activity.service_url)
        return await validate(activity, auth_header)

    inner.authenticate_request = counted
    token = identity.mint(service_url=connector.url)
    for body in (activity(connector.url, text="eerste"), card_action(connector.url, "feedback")) * 2:
        assert (await post(client, body, token)).status == 200
    assert checked == [connector.url], "checked once, then known by its hash"
    other = "http://127.0.0.1:9/"  # the token names another service URL: checked again, and refused
    assert (await post(client, activity(other, text="elders"), token)).status == 401
    assert checked == [connector.url, other]


def test_verified_tokens_are_forgotten_at_their_expiry():
    now = [1000.0]
    tokens = _VerifiedTokens(size=2, clock=lambda: now[0])
    result = AuthenticateRequestResult()
    result.claims_identity = ClaimsIdentity({"exp": 1060}, True)
    where = Activity(channel_id="msteams", service_url="http://127.0.0.1:1/")
    tokens.put("a.b.c", where, result)
    assert tokens.get("a.b.c", where) is result
    assert tokens.get("a.b.c", Activity(channel_id="msteams", service_url="http://127.0.0.1:2/")) is None
    now[0] = 1060.0
    assert tokens.get("a.b.c", where) is None, "expired: validated again"
    without_expiry = AuthenticateRequestResult()
    without_expiry.claims_identity = ClaimsIdentity({}, True)
    tokens.put("d.e.f", where, without_expiry)
    assert tokens.get("d.e.f", where) is None, "no exp claim: never kept"
