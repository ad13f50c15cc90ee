"""Outbound pieces without a turn: token caching off the loop, Retry-After parsing, proactive create/update/delete."""

from __future__ import annotations

import email.utils
import threading
import time

import pytest
from botbuilder.schema import Activity, ChannelAccount, ConversationParameters

from bot.connector import ConnectorError, ConnectorTransport, LightConnectorClient, RetryPolicy, parse_retry_after
from bot.proactive import ConnectorMessenger
from bot.tokens import MsalTokenProvider, NoToken, StaticToken, token_provider_for
from config import Settings
from services.ports import DeliveryError
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


@pytest.mark.parametrize(
    ("status", "calls"),
    [
        (412, 4),
        (429, 4),
        (502, 4),
        (503, 4),
        (504, 4),  # the platform's transient answers: bounded retries
        (500, 2),  # worth exactly one more try
        (400, 1),
        (401, 1),
        (403, 1),
        (404, 1),
        (501, 1),  # trying again gives the same answer
    ],
)
async def test_which_answers_are_tried_again_within_a_call(connector, status, calls):
    connector.fail("POST", "/v3/conversations/a:1/activities", status, times=-1, retry_after=0)
    transport = ConnectorTransport(NoToken(), RetryPolicy(sleep=RecordingSleep()))
    client = LightConnectorClient(transport, connector.url).conversations
    try:
        with pytest.raises(ConnectorError) as error:
            await client.send_to_conversation("a:1", Activity(type="message", text="hallo"))
    finally:
        await transport.close()
    assert connector.count("/v3/conversations/a:1/activities") == calls
    assert error.value.status == status and error.value.answered
    assert error.value.transient is (status in (412, 429, 500, 502, 503, 504))


async def test_a_deadline_bounds_a_call_and_its_waits(connector):
    class Clock:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()
    sleep = RecordingSleep()

    async def sleeping(seconds: float) -> None:
        await sleep(seconds)
        clock.now += seconds

    transport = ConnectorTransport(NoToken(), RetryPolicy(sleep=sleeping, clock=clock))
    client = LightConnectorClient(transport, connector.url).conversations
    path = "/v3/conversations/a:1/activities"
    try:
        connector.fail("POST", path, 429, times=-1, retry_after=2)
        with pytest.raises(ConnectorError) as error:
            await client.send_to_conversation("a:1", Activity(type="message", text="een"), deadline=clock.now + 5)
        assert connector.count(path) == 3 and sleep.delays == [2.0, 2.0], "a third wait of 2 s would pass the deadline"
        assert error.value.status == 429 and error.value.retry_after == "2"

        connector.reset()
        with pytest.raises(ConnectorError) as error:  # no time left: not sent at all
            await client.send_to_conversation("a:1", Activity(type="message", text="twee"), deadline=clock.now)
        assert connector.count() == 0 and error.value.transient and not error.value.answered

        connector.hang("POST", path)
        with pytest.raises(ConnectorError) as error:  # real time: the held call is given up after the 0.2 s left
            await client.send_to_conversation("a:1", Activity(type="message", text="drie"), deadline=clock.now + 0.2)
        assert connector.held == 1 and error.value.transient and not error.value.answered
        assert "no answer" in str(error.value)
    finally:
        connector.release()
        await transport.close()


async def test_a_refused_connection_is_tried_again_and_then_reported_as_no_answer():
    transport = ConnectorTransport(NoToken(), RetryPolicy(attempts=3, sleep=RecordingSleep()))
    client = LightConnectorClient(transport, "http://127.0.0.1:9/").conversations  # discard port: nobody listens
    try:
        with pytest.raises(ConnectorError) as error:
            await client.send_to_conversation("a:1", Activity(type="message", text="hallo"))
    finally:
        await transport.close()
    assert not error.value.answered and error.value.transient
    assert len(transport.retry.sleep.delays) == 2


@pytest.mark.parametrize(("status", "transient"), [(429, True), (500, True), (503, True), (403, False), (404, False)])
async def test_the_job_path_tries_once_and_leaves_the_wait_to_the_worker(connector, status, transient):
    connector.fail("POST", "/v3/conversations/a:1/activities", status, times=-1, retry_after=120)
    transport = ConnectorTransport(NoToken(), RetryPolicy(sleep=RecordingSleep()))
    reference = {"serviceUrl": connector.url, "conversation": {"id": "a:1"}}
    try:
        with pytest.raises(DeliveryError) as error:
            await ConnectorMessenger(transport).send(reference, text="hallo")
    finally:
        await transport.close()
    assert connector.count() == 1 and transport.retry.sleep.delays == []
    assert error.value.transient is transient and error.value.retry_after == 120.0
