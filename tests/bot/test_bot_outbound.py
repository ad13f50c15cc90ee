"""Outbound pieces without a turn: token caching off the loop, Retry-After parsing, proactive create/update/delete."""

from __future__ import annotations

import email.utils
import threading
import time

import pytest
from botbuilder.schema import Activity, ChannelAccount, ConversationParameters

from bot.connector import ConnectorError, ConnectorTransport, LightConnectorClient, RetryPolicy, parse_retry_after
from bot.tokens import MsalTokenProvider, NoToken, StaticToken, token_provider_for
from config import Settings
from tests.support.activities import RecordingSleep


class CountingMsal(MsalTokenProvider):
    """MSAL provider whose blocking acquisition is replaced by a counter (no network)."""

    def __init__(self, lifetime: float) -> None:
        super().__init__(Settings(app_id="app", app_password="secret"))
        self.lifetime = lifetime
        self.calls: list[int] = []

    def _acquire(self) -> tuple[str, float]:
        self.calls.append(threading.get_ident())
        return f"token-{len(self.calls)}", self.lifetime


async def test_msal_token_is_acquired_in_a_thread_and_cached():
    provider = CountingMsal(lifetime=3600)
    assert [await provider.token() for _ in range(5)] == ["token-1"] * 5
    assert len(provider.calls) == 1 and provider.calls[0] != threading.get_ident()


async def test_msal_token_is_refreshed_when_about_to_expire():
    provider = CountingMsal(lifetime=3600)
    assert await provider.token() == "token-1"
    provider._expires_at = time.monotonic() - 1  # as if the hour had passed
    assert await provider.token() == "token-2"


def test_provider_follows_auth_setting():
    assert isinstance(token_provider_for(Settings()), NoToken)
    assert isinstance(token_provider_for(Settings(app_id="a", app_password="p")), MsalTokenProvider)


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, None), ("", None), ("3", 3.0), (" 0 ", 0.0), ("1.5", 1.5), ("-4", 0.0), ("soon", None)],
)
def test_parse_retry_after_seconds(header, expected):
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date():
    header = email.utils.formatdate(time.time() + 30, usegmt=True)
    delay = parse_retry_after(header)
    assert delay is not None and 25 <= delay <= 31


def test_backoff_without_retry_after_is_bounded():
    policy = RetryPolicy(base_delay=0.5, max_delay=3.0)
    assert all(0 <= policy.delay(n, None) <= 3.0 for n in range(1, 10))
    assert policy.delay(1, "120") == 3.0  # capped


async def test_conversation_operations_against_fake_connector(connector):
    transport = ConnectorTransport(StaticToken("t"), RetryPolicy(sleep=RecordingSleep()))
    client = LightConnectorClient(transport, connector.url).conversations
    try:
        created = await client.create_conversation(
            ConversationParameters(
                is_group=True, bot=ChannelAccount(id="28:bot"), channel_data={"channel": {"id": "19:c@thread.tacv2"}}
            )
        )
        assert created.id == "conv-1" and created.activity_id == "act-1"
        thread = f"19:c@thread.tacv2;messageid={created.activity_id}"
        sent = await client.send_to_conversation(thread, Activity(type="message", text="In de draad"))
        await client.update_activity(thread, sent.id, Activity(type="message", id=sent.id, text="Bijgewerkt"))
        await client.delete_activity(thread, sent.id)
        connector.add_member("a:1", {"id": "29:u", "name": "Fleur", "aadObjectId": "aad-1"})
        member = await client.get_conversation_member("a:1", "29:u")
        assert member.aad_object_id == "aad-1"
        with pytest.raises(ConnectorError) as error:
            await client.get_conversation_member("a:1", "29:unknown")
        assert error.value.status == 404
    finally:
        await transport.close()
    assert [(c.method, c.path) for c in connector.calls] == [
        ("POST", "/v3/conversations"),
        ("POST", f"/v3/conversations/{thread}/activities"),
        ("PUT", f"/v3/conversations/{thread}/activities/{sent.id}"),
        ("DELETE", f"/v3/conversations/{thread}/activities/{sent.id}"),
        ("GET", "/v3/conversations/a:1/members/29:u"),
        ("GET", "/v3/conversations/a:1/members/29:unknown"),
    ]
    assert connector.calls[0].json["channelData"] == {"channel": {"id": "19:c@thread.tacv2"}}
    assert all(c.headers["Authorization"] == "Bearer t" for c in connector.calls)


async def test_wait_for_is_condition_based(connector):
    transport = ConnectorTransport(NoToken())
    client = LightConnectorClient(transport, connector.url).conversations
    try:
        import asyncio

        waiting = asyncio.ensure_future(connector.wait_for_async(lambda c: c.count(method="POST") >= 2, timeout=5))
        await client.send_to_conversation("a:1", Activity(type="message", text="een"))
        await client.send_to_conversation("a:1", Activity(type="message", text="twee"))
        assert await waiting is True
        assert connector.wait_for(lambda c: c.count() >= 3, timeout=0.05) is False
    finally:
        await transport.close()
