"""A fake Bot Connector on 127.0.0.1, served by aiohttp in its own thread, recording every call."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

from tests.support.fake_server import Failure, FakeServer


@dataclass(frozen=True)
class Call:
    """One request the bot made."""

    method: str
    path: str
    json: Any
    headers: dict[str, str] = field(default_factory=dict)
    answer: Any = None
    """The JSON the fake answered with (e.g. the new conversation's id)."""
    status: int | None = 200
    """The HTTP status answered; None for a call the fake held (see `hang`)."""

    @property
    def delivered(self) -> bool:
        """The fake took the call (answered 2xx)."""
        return self.status is not None and self.status < 300

    @property
    def text(self) -> str | None:
        """The activity text, for POST/PUT of activities."""
        return self.json.get("text") if isinstance(self.json, dict) else None

    @property
    def cards(self) -> list[dict[str, Any]]:
        """Adaptive Card contents attached to the activity."""
        if not isinstance(self.json, dict):
            return []
        return [
            a.get("content")
            for a in self.json.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]


@dataclass
class _Limit:
    """Sends allowed per sliding window, over all conversations and per conversation (None: no limit)."""

    rate: float | None
    per_conversation: float | None
    window: float
    sends: deque = field(default_factory=deque)
    by_conversation: dict[str, deque] = field(default_factory=dict)


def _sent_to(method: str, tail: str, body: Any) -> str | None:
    """The conversation a call sends into (activity posts, updates, deletes; a new channel thread), else None."""
    parts = tail.split("/")
    if parts[:2] != ["v3", "conversations"]:
        return None
    rest = parts[2:]
    if len(rest) >= 2 and rest[1] == "activities" and method in ("POST", "PUT", "DELETE"):
        return rest[0].split(";messageid=")[0]
    if not rest and method == "POST" and isinstance(body, dict):
        channel = ((body.get("channelData") or {}).get("channel") or {}).get("id")
        if channel:
            return channel
    return None


@dataclass
class _Hang:
    times: int
    seconds: float | None


class FakeConnector(FakeServer):
    """Bot Connector REST endpoints (v3/conversations) with recording, counters and injectable failures."""

    thread_name = "fake-bot-connector"

    def __init__(self, record: bool = True) -> None:
        super().__init__()
        self._record = record
        self._calls: list[Call] = []
        self._counts: Counter[str] = Counter()
        self._hangs: dict[tuple[str, str], _Hang] = {}
        self._held = 0
        self._released: asyncio.Event | None = None
        self._members: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._limit: _Limit | None = None
        self._posted: Counter[str] = Counter()
        self.throttled = 0
        """Calls answered 429 by the rate limit (see `limit`)."""
        self.accepted_sends = 0
        """Sends (posts, updates, deletes, new threads) answered 2xx."""
        self.first_send_at: float | None = None
        """time.monotonic() of the first and the last accepted send."""
        self.last_send_at: float | None = None

    # --- lifecycle --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Service URL to put in activities (with trailing slash, as Teams does)."""
        return f"http://127.0.0.1:{self.port}/"

    async def _on_loop(self) -> None:
        self._released = asyncio.Event()

    def _before_stop(self) -> None:
        self.release()  # held calls go first

    # --- configuration ----------------------------------------------------------------------
    def fail(
        self,
        method: str,
        path: str,
        status: int,
        times: int = 1,
        retry_after: str | int | None = None,
        after: int = 0,
        *,
        code: str = "Throttled",
        when: Callable[[Any], bool] | None = None,
    ) -> None:
        """Answer `status` (with Retry-After) and error `code` to `times` calls of `method path` (times=-1: all)
        whose JSON body satisfies `when` (all when None), once `after` more calls have been answered as usual."""
        self._inject(
            method, path, Failure(status, times, None if retry_after is None else str(retry_after), code, after, when)
        )

    def limit(self, rate: float | None = None, per_conversation: float | None = 7.0, window: float = 1.0) -> None:
        """Enforce Teams' limits like the real service: more than `rate` sends in any `window` seconds (all
        conversations), or more than `per_conversation` into one conversation, are answered 429 with a
        Retry-After of the seconds until the window has room again."""
        with self._condition:
            self._limit = _Limit(rate, per_conversation, window)

    def _throttle(self, conversation: str, now: float) -> float | None:
        """Seconds to wait when this send goes over a limit (then it is not counted), else None (counted)."""
        limit = self._limit
        if limit is None:
            return None
        waits = []
        for allowed, sends in (
            (limit.rate, limit.sends),
            (limit.per_conversation, limit.by_conversation.setdefault(conversation, deque())),
        ):
            if allowed is None:
                continue
            while sends and sends[0] <= now - limit.window:
                sends.popleft()
            if len(sends) >= allowed:
                waits.append(sends[0] + limit.window - now)
        if waits:
            return max(max(waits), 0.001)
        if limit.rate is not None:
            limit.sends.append(now)
        if limit.per_conversation is not None:
            limit.by_conversation[conversation].append(now)
        return None

    def hang(self, method: str, path: str, times: int = 1, seconds: float | None = None) -> None:
        """Hold the next `times` calls of `method path` (times=-1: all) unanswered until `release()`, or at most
        `seconds`.

        A held call is recorded when it arrives (status None); once released it is answered as usual, as a
        connector that got the message but answered late."""
        with self._condition:
            self._hangs[(method.upper(), path)] = _Hang(times, seconds)

    def release(self) -> None:
        """Answer every held call, and hold no more."""
        with self._condition:
            self._hangs.clear()
        if self._loop is not None and self._released is not None:
            self._loop.call_soon_threadsafe(self._released.set)

    @property
    def held(self) -> int:
        """Calls being held right now."""
        with self._condition:
            return self._held

    def add_member(self, conversation_id: str, member: dict[str, Any]) -> None:
        """Make GET .../members/{id} answer `member`."""
        with self._condition:
            self._members[f"{conversation_id}/{member['id']}"] = member

    # --- inspection -------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """Every recorded call, in arrival order."""
        with self._condition:
            return list(self._calls)

    def count(self, path: str | None = None, method: str | None = None) -> int:
        """Calls to `path` (all paths when None), optionally only `method`."""
        with self._condition:
            if path is None and method is None:
                return sum(self._counts.values())
            return sum(
                n
                for key, n in self._counts.items()
                if (path is None or key.split(" ", 1)[1] == path) and (method is None or key.split(" ", 1)[0] == method)
            )

    def posted(self, conversation_id: str | None = None) -> int:
        """Messages posted (2xx) into a conversation (a channel: new threads and replies), or into all."""
        with self._condition:
            if conversation_id is None:
                return sum(self._posted.values())
            return self._posted[conversation_id]

    def conversations_posted(self) -> int:
        """Conversations that got at least one post (2xx)."""
        with self._condition:
            return len(self._posted)

    def duplicates(self) -> int:
        """Posts beyond the first one into each conversation (personal chats get one card per announcement)."""
        with self._condition:
            return sum(n - 1 for n in self._posted.values() if n > 1)

    def reset(self) -> None:
        """Forget calls, counts and failures."""
        with self._condition:
            self._calls.clear()
            self._counts.clear()
            self._failures.clear()
            self._hangs.clear()
            self._posted.clear()
            self.throttled = self.accepted_sends = 0

    # --- serving ----------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        body: Any = None
        if request.can_read_body:
            try:
                body = await request.json()
            except ValueError:
                body = (await request.read()).decode("utf-8", "replace")
        method = request.method
        path = request.path
        tail = request.match_info["tail"]
        with self._condition:
            self._counts[f"{method} {path}"] += 1
            conversation = _sent_to(method, tail, body)
            wait = self._throttle(conversation, time.monotonic()) if conversation is not None else None
            if wait is not None:
                self.throttled += 1
                if self._record:
                    self._calls.append(Call(method, path, body, dict(request.headers), status=429))
                self._condition.notify_all()
                return web.json_response(
                    {"error": {"code": "Throttled"}}, status=429, headers={"Retry-After": f"{wait:.3f}"}
                )
            failure = self._failure_for(method, path, body)
            if failure is not None:
                if self._record:
                    self._calls.append(Call(method, path, body, dict(request.headers), status=failure.status))
                self._condition.notify_all()
                headers = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
                return web.json_response({"error": {"code": failure.code}}, status=failure.status, headers=headers)
            hang = self._hangs.get((method, path))
            if hang is not None and hang.times != 0:
                hang.times -= 1 if hang.times > 0 else 0
                if self._record:
                    self._calls.append(Call(method, path, body, dict(request.headers), status=None))
                self._held += 1
                self._condition.notify_all()
            else:
                hang = None
        if hang is not None:
            try:
                assert self._released is not None, "set when the site starts"
                await asyncio.wait_for(self._released.wait(), hang.seconds)
            except TimeoutError:
                pass
            finally:
                with self._condition:
                    self._held -= 1
                    self._condition.notify_all()
        with self._condition:
            response = self._answer(method, tail, body)
            if conversation is not None and response.status < 300:
                self._count_send(method, conversation)
            if self._record and hang is None:
                answer = json.loads(response.body) if isinstance(response.body, (bytes, bytearray)) else None
                self._calls.append(Call(method, path, body, dict(request.headers), answer, response.status))
            self._condition.notify_all()
        return response

    def _count_send(self, method: str, conversation: str) -> None:
        now = time.monotonic()
        self.accepted_sends += 1
        self.first_send_at = self.first_send_at if self.first_send_at is not None else now
        self.last_send_at = now
        if method == "POST":
            self._posted[conversation] += 1

    def _answer(self, method: str, tail: str, body: Any) -> web.Response:
        parts = tail.split("/")
        if parts[:2] != ["v3", "conversations"]:
            return web.json_response({"error": "not found"}, status=404)
        rest = parts[2:]
        if method == "POST" and not rest:
            n = next(self._ids)
            return web.json_response({"id": f"conv-{n}", "activityId": f"act-{n}"}, status=201)
        if len(rest) >= 2 and rest[1] == "activities":
            if method == "POST":
                return web.json_response({"id": f"act-{next(self._ids)}"}, status=201)
            if method == "PUT" and len(rest) == 3:
                return web.json_response({"id": rest[2]})
            if method == "DELETE" and len(rest) == 3:
                return web.Response(status=200)
        if method == "GET" and len(rest) == 3 and rest[1] == "members":
            member = self._members.get(f"{rest[0]}/{rest[2]}")
            if member is not None:
                return web.json_response(member)
        return web.json_response({"error": "not found"}, status=404)
