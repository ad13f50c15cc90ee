"""An in-memory Messenger for service tests: records every call, and fails on request."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from services.ports import DeliveryError, Posted


@dataclass
class Call:
    """One call the services made: which method, where to, and what."""

    method: str
    """send, start_thread, update, delete or open_personal_chat."""
    conversation_id: str
    """The conversation addressed (for start_thread: the channel; for update: the thread)."""
    reference: dict[str, Any]
    text: str | None = None
    card: dict[str, Any] | None = None
    activity_id: str | None = None
    """The activity updated (update) or created (send, start_thread)."""
    user_id: str | None = None
    reply_to_id: str | None = None


@dataclass
class _Failure:
    transient: bool
    retry_after: float | None
    times: int
    method: str | None


@dataclass
class RecordingMessenger:
    """Implements services.ports.Messenger in memory; `fail(...)` makes the next calls raise DeliveryError."""

    calls: list[Call] = field(default_factory=list)
    attempts: int = 0
    """Every call, failed ones included."""
    _failures: list[_Failure] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fail(
        self, times: int = 1, *, transient: bool = True, retry_after: float | None = None, method: str | None = None
    ) -> None:
        """Let the next `times` calls (of `method`, or of any method) raise DeliveryError."""
        self._failures.append(_Failure(transient, retry_after, times, method))

    def _maybe_fail(self, method: str) -> None:
        self.attempts += 1
        for failure in self._failures:
            if failure.times > 0 and failure.method in (None, method):
                failure.times -= 1
                raise DeliveryError(
                    f"{method} refused by the test", transient=failure.transient, retry_after=failure.retry_after
                )

    def _next_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids)}"

    async def send(
        self,
        reference: dict[str, Any],
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
        reply_to_id: str | None = None,
    ) -> Posted:
        """Record a new message in the referenced conversation."""
        self._maybe_fail("send")
        conversation_id = reference["conversation"]["id"]
        activity_id = self._next_id("activity")
        self.calls.append(
            Call(
                "send",
                conversation_id,
                reference,
                text=text,
                card=card,
                activity_id=activity_id,
                reply_to_id=reply_to_id,
            )
        )
        return Posted(conversation_id, activity_id)

    async def start_thread(
        self, reference: dict[str, Any], channel_id: str, *, text: str | None = None, card: dict[str, Any] | None = None
    ) -> Posted:
        """Record a new channel thread; its conversation id is '<channel>;messageid=<root>' as in Teams."""
        self._maybe_fail("start_thread")
        activity_id = self._next_id("root")
        self.calls.append(Call("start_thread", channel_id, reference, text=text, card=card, activity_id=activity_id))
        return Posted(f"{channel_id};messageid={activity_id}", activity_id)

    async def update(
        self,
        reference: dict[str, Any],
        conversation_id: str,
        activity_id: str,
        *,
        text: str | None = None,
        card: dict[str, Any] | None = None,
    ) -> None:
        """Record a replaced message."""
        self._maybe_fail("update")
        self.calls.append(Call("update", conversation_id, reference, text=text, card=card, activity_id=activity_id))

    async def delete(self, reference: dict[str, Any], conversation_id: str, activity_id: str) -> None:
        """Record a deleted message."""
        self._maybe_fail("delete")
        self.calls.append(Call("delete", conversation_id, reference, activity_id=activity_id))

    async def open_personal_chat(
        self, reference: dict[str, Any], user_id: str, tenant_id: str | None
    ) -> dict[str, Any]:
        """Record opening a 1:1 chat and return its reference."""
        self._maybe_fail("open_personal_chat")
        conversation_id = f"a:personal-{user_id}"
        opened = {
            **reference,
            "conversation": {
                "id": conversation_id,
                "conversationType": "personal",
                **({"tenantId": tenant_id} if tenant_id else {}),
            },
            "user": {"id": user_id},
        }
        self.calls.append(Call("open_personal_chat", conversation_id, reference, user_id=user_id))
        return opened

    def of(self, method: str) -> list[Call]:
        """The recorded calls of one method, in order."""
        return [call for call in self.calls if call.method == method]

    def to(self, conversation_id: str) -> list[Call]:
        """The recorded calls addressed to one conversation, in order."""
        return [call for call in self.calls if call.conversation_id == conversation_id]
