"""A light Bot Connector client: one shared aiohttp session per process, cached token, bounded retries."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable
from urllib.parse import quote

import aiohttp
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationResourceResponse,
    ConversationsResult,
    PagedMembersResult,
    ResourceResponse,
)
from botframework.connector.auth import ConnectorFactory
from msrest.serialization import Model

from bot.serialize import to_json
from bot.tokens import TokenProvider

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({412, 429, 502, 503, 504})
"""Answers the platform asks to retry (honouring Retry-After); a 500 is worth one more try (`retries_on_500`)."""


class ConnectorError(Exception):
    """A Bot Connector call that did not succeed: refused (after retries for transient answers) or not answered."""

    def __init__(self, method: str, url: str, status: int | None, body: str, retry_after: str | None = None) -> None:
        what = f"answered {status}" if status is not None else "got no answer"
        super().__init__(f"{method} {url} {what}: {body[:300]}")
        self.method = method
        self.url = url
        self.status = status
        """None when nothing was answered (timeout, refused connection, no time left)."""
        self.body = body
        self.retry_after = retry_after
        """The last answer's Retry-After header, for whoever tries again later."""

    @property
    def answered(self) -> bool:
        """The connector answered (with an error status); False for a timeout or a refused connection."""
        return self.status is not None

    @property
    def transient(self) -> bool:
        """Trying again later may help: no answer, 408, 412, 429 or a server error other than 501."""
        status = self.status
        return status is None or status in RETRY_STATUSES or status == 408 or (status >= 500 and status != 501)


@dataclass
class RetryPolicy:
    """Bounded retries within one call: 412/429/502/503/504 and refused connections, a 500 once; Retry-After honoured.

    A timeout is not retried: the connector may have the message already. `clock` is what a call's deadline is
    measured on; no wait is started that would end past it.
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    retries_on_500: int = 1
    sleep: Callable[[float], Awaitable[Any]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def delay(self, attempt: int, retry_after: str | None) -> float:
        """Seconds to wait before attempt `attempt + 1`: Retry-After if given, else jittered exponential."""
        parsed = parse_retry_after(retry_after)
        if parsed is None:
            parsed = self.base_delay * (2 ** (attempt - 1)) * (0.5 + random.random())
        return min(max(parsed, 0.0), self.max_delay)

    def retries(self, status: int, server_errors: int) -> bool:
        """Whether an answer `status` is tried again, `server_errors` being the 500s seen so far in this call."""
        return status in RETRY_STATUSES or (status == 500 and server_errors <= self.retries_on_500)


SINGLE_ATTEMPT = RetryPolicy(attempts=1)
"""For the job worker: it retries a failed job itself, durably and honouring Retry-After however long."""


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


class ConnectorTransport:
    """Sends JSON to Bot Connector endpoints through one lazily created aiohttp session."""

    def __init__(
        self,
        tokens: TokenProvider,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self._tokens = tokens
        self.retry = retry or RetryPolicy()
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session = session
        self._own_session = session is None

    def _get_session(self) -> aiohttp.ClientSession:
        """The shared session, created on first use inside the running loop."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self._timeout,
                connector=aiohttp.TCPConnector(limit=200, ttl_dns_cache=300),
                headers={"User-Agent": "Vraagbaak (aiohttp)"},
            )
        return self._session

    async def request(
        self,
        method: str,
        url: str,
        body: Any = None,
        *,
        retry: RetryPolicy | None = None,
        deadline: float | None = None,
    ) -> Any:
        """Send one call; return the decoded JSON answer (None when empty); raise ConnectorError.

        `retry` overrides the transport's policy; `deadline` (on the policy's clock) bounds the call and its waits.
        """
        policy = retry or self.retry
        session = self._get_session()
        headers = {}
        try:
            token = await self._tokens.token()
        except Exception as exc:  # Entra unreachable or refusing: nothing was sent
            raise ConnectorError(method, url, None, f"no outbound token: {exc}") from exc
        if token:
            headers["Authorization"] = f"Bearer {token}"
        attempts = max(policy.attempts, 1)
        server_errors = 0
        for attempt in range(1, attempts + 1):
            timeout = self._timeout
            if deadline is not None:
                left = deadline - policy.clock()
                if left <= 0:
                    raise ConnectorError(method, url, None, "no time left to send it")
                timeout = aiohttp.ClientTimeout(total=min(left, self._timeout.total or left))
            try:
                async with session.request(method, url, json=body, headers=headers, timeout=timeout) as response:
                    text = await response.text()
                    if response.status < 300:
                        return _decode(text)
                    retry_after = response.headers.get("Retry-After")
                    server_errors += response.status == 500
                    error = ConnectorError(method, url, response.status, text, retry_after)
                    if not policy.retries(response.status, server_errors) or attempt == attempts:
                        raise error
                    wait = policy.delay(attempt, retry_after)
            except aiohttp.ClientConnectorError as exc:  # not sent at all: safe to try again
                error = ConnectorError(method, url, None, f"unreachable: {exc}")
                if attempt == attempts:
                    raise error from exc
                wait = policy.delay(attempt, None)
            except (TimeoutError, aiohttp.ClientError) as exc:  # may have arrived: not sent twice here
                reason = f"no answer within {timeout.total or 0:.1f}s" if isinstance(exc, TimeoutError) else repr(exc)
                raise ConnectorError(method, url, None, reason) from exc
            if deadline is not None and wait >= deadline - policy.clock():
                raise error  # the caller keeps it for later rather than wait past its deadline
            log.warning("%s; retry %d/%d in %.2fs", error, attempt, attempts - 1, wait)
            await policy.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def close(self) -> None:
        """Close the session if this transport created it."""
        if self._own_session and self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


def _decode(text: str) -> Any:
    """JSON body or None."""
    if not text or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _path(value: str) -> str:
    """Quote one path segment the way the SDK does (conversation ids contain ':' ';' '@')."""
    return quote(str(value), safe="")


def _body(model: Any) -> Any:
    """msrest model or plain dict to JSON-able data (fast path, same output as msrest)."""
    return to_json(model) if isinstance(model, Model) else model


class ConversationsClient:
    """The `conversations` operations the adapter, TurnContext and TeamsInfo use."""

    def __init__(self, transport: ConnectorTransport, service_url: str) -> None:
        self._transport = transport
        self._base = service_url.rstrip("/") + "/v3/conversations"

    async def _call(self, method: str, path: str, body: Any = None, deadline: float | None = None) -> Any:
        return await self._transport.request(
            method, self._base + path, _body(body) if body is not None else None, deadline=deadline
        )

    async def send_to_conversation(
        self, conversation_id: str, activity: Activity | dict[str, Any], *, deadline: float | None = None, **_: Any
    ) -> ResourceResponse:
        """POST /v3/conversations/{id}/activities."""
        data = await self._call("POST", f"/{_path(conversation_id)}/activities", activity, deadline)
        return ResourceResponse.deserialize(data or {})

    async def reply_to_activity(
        self,
        conversation_id: str,
        activity_id: str,
        activity: Activity | dict[str, Any],
        *,
        deadline: float | None = None,
        **_: Any,
    ) -> ResourceResponse:
        """POST /v3/conversations/{id}/activities/{activityId}."""
        data = await self._call(
            "POST", f"/{_path(conversation_id)}/activities/{_path(activity_id)}", activity, deadline
        )
        return ResourceResponse.deserialize(data or {})

    async def update_activity(
        self,
        conversation_id: str,
        activity_id: str,
        activity: Activity | dict[str, Any],
        *,
        deadline: float | None = None,
        **_: Any,
    ) -> ResourceResponse:
        """PUT /v3/conversations/{id}/activities/{activityId}."""
        data = await self._call("PUT", f"/{_path(conversation_id)}/activities/{_path(activity_id)}", activity, deadline)
        found = data.get("id") if isinstance(data, dict) else None
        return ResourceResponse(id=found if isinstance(found, str) else activity_id)  # its one field, no msrest

    async def delete_activity(self, conversation_id: str, activity_id: str, **_: Any) -> None:
        """DELETE /v3/conversations/{id}/activities/{activityId}."""
        await self._call("DELETE", f"/{_path(conversation_id)}/activities/{_path(activity_id)}")

    async def create_conversation(self, parameters: ConversationParameters, **_: Any) -> ConversationResourceResponse:
        """POST /v3/conversations."""
        data = await self._call("POST", "", parameters)
        return ConversationResourceResponse.deserialize(data or {})

    async def get_conversations(self, continuation_token: str | None = None, **_: Any) -> ConversationsResult:
        """GET /v3/conversations."""
        suffix = f"?continuationToken={quote(continuation_token)}" if continuation_token else ""
        return ConversationsResult.deserialize(await self._call("GET", suffix) or {})

    async def get_conversation_members(self, conversation_id: str, **_: Any) -> list[ChannelAccount]:
        """GET /v3/conversations/{id}/members."""
        data = await self._call("GET", f"/{_path(conversation_id)}/members")
        return [ChannelAccount.deserialize(item) for item in data or []]

    async def get_conversation_member(self, conversation_id: str, member_id: str, **_: Any) -> ChannelAccount:
        """GET /v3/conversations/{id}/members/{memberId}."""
        data = await self._call("GET", f"/{_path(conversation_id)}/members/{_path(member_id)}")
        return ChannelAccount.deserialize(data or {})

    async def get_conversation_paged_members(
        self, conversation_id: str, page_size: int | None = None, continuation_token: str | None = None, **_: Any
    ) -> PagedMembersResult:
        """GET /v3/conversations/{id}/pagedmembers."""
        query = []
        if page_size:
            query.append(f"pageSize={int(page_size)}")
        if continuation_token:
            query.append(f"continuationToken={quote(continuation_token)}")
        suffix = "?" + "&".join(query) if query else ""
        data = await self._call("GET", f"/{_path(conversation_id)}/pagedmembers{suffix}")
        return PagedMembersResult.deserialize(data or {})

    async def get_activity_members(self, conversation_id: str, activity_id: str, **_: Any) -> list[ChannelAccount]:
        """GET /v3/conversations/{id}/activities/{activityId}/members."""
        data = await self._call("GET", f"/{_path(conversation_id)}/activities/{_path(activity_id)}/members")
        return [ChannelAccount.deserialize(item) for item in data or []]

    async def delete_conversation_member(self, conversation_id: str, member_id: str, **_: Any) -> None:
        """DELETE /v3/conversations/{id}/members/{memberId}."""
        await self._call("DELETE", f"/{_path(conversation_id)}/members/{_path(member_id)}")


class LightConnectorClient:
    """Stands in for msrest's ConnectorClient: same `conversations` surface, no per-turn setup cost."""

    def __init__(self, transport: ConnectorTransport, service_url: str) -> None:
        self.service_url = service_url
        self.conversations = ConversationsClient(transport, service_url)


class LightConnectorFactory(ConnectorFactory):
    """Hands CloudAdapter a light client bound to the shared transport."""

    def __init__(self, transport: ConnectorTransport) -> None:
        self.transport = transport

    async def create(self, service_url: str, audience: str | None = None) -> LightConnectorClient:
        """A client for `service_url` (the audience is fixed by the token provider)."""
        if not service_url:
            raise ValueError("activity has no serviceUrl to reply to")
        return LightConnectorClient(self.transport, service_url)
