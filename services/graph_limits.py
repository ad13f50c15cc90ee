"""Microsoft Graph's per-endpoint limits over every instance: each kind of call takes its slot from a named shared
budget in `rate_limits` (`graph:<name>:<tenant>`, the same virtual clock the fan-out uses), and a 429 pushes that
budget back by Graph's Retry-After, so every instance waits it out, not only the one that was told.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, TypeVar

from services.announcement_views import aware
from services.clock import REAL_CLOCK, Clock
from services.ports import DeliveryError, DirectoryUser, Graph, ServiceMessage, TeamChannel
from storage import Database, DeliveryRepository

INSTALL = "install"
"""POST /users/{id}/teamwork/installedApps (and the look-ups around it in personal_chat_id)."""
ACTIVITY = "activity"
"""POST /users/{id}/teamwork/sendActivityNotification."""
CHANNEL_MESSAGE = "channel_message"
"""POST /teams/{id}/channels/{id}/messages."""
READ = "read"
"""Directory and Message Center reads: no published per-endpoint limit, but a 429 on them is honoured all the same."""

RATES: Mapping[str, float | None] = {INSTALL: 30.0, ACTIVITY: 5.0, CHANNEL_MESSAGE: 50.0, READ: None}
"""Calls per second per app per tenant (platform notes); None: no slots taken, only a pushed budget waited for."""
DEFAULT_WAIT = 1.0
"""Seconds a budget moves back after a 429 without Retry-After."""
THROTTLED = 429

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")


def budget_key(name: str, tenant: str) -> str:
    """The shared `rate_limits` row of one kind of Graph call in a tenant."""
    return f"graph:{name}:{tenant or '-'}"


class GraphLimits:
    """Slots of the named Graph budgets of one tenant, shared by every instance through the database."""

    def __init__(
        self,
        db: Database,
        tenant: str,
        *,
        rates: Mapping[str, float | None] = RATES,
        clock: Clock = REAL_CLOCK,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.db = db
        self.tenant = tenant
        self.rates = rates
        self.clock = clock
        self.sleep = sleep

    def key(self, name: str) -> str:
        """The rate_limits key of budget `name`."""
        return budget_key(name, self.tenant)

    async def take(self, name: str, n: int = 1) -> datetime:
        """Take `n` consecutive slots of budget `name` (one short transaction); the first slot's moment."""
        rate = self.rates.get(name)
        async with self.db.transaction() as session:
            repo = DeliveryRepository(session)
            if rate is None:  # nothing to pace: only a push (a 429 seen by any instance) is waited for
                return aware(await repo.budget(self.key(name))) or self.clock()
            start = aware(await repo.take(self.key(name), n, rate, self.clock()))
        assert start is not None, "take returns the start of the slots it took"
        return start

    async def wait_until(self, moment: datetime) -> None:
        """Sleep until `moment` (not at all when it has passed)."""
        wait = (moment - self.clock()).total_seconds()
        if wait > 0:
            await self.sleep(wait)

    async def push(self, name: str, retry_after: float | None) -> None:
        """Graph said 429: budget `name` moves back by Retry-After for every instance."""
        async with self.db.transaction() as session:
            await DeliveryRepository(session).push(self.key(name), retry_after or DEFAULT_WAIT, self.clock())

    async def call(self, name: str, call: Callable[[], Awaitable[T]]) -> T:
        """Run one Graph call in its slot of budget `name`; a 429 pushes the budget back before it is raised."""
        await self.wait_until(await self.take(name))
        try:
            return await call()
        except DeliveryError as error:
            if error.status == THROTTLED:
                await self.push(name, error.retry_after)
            raise

    def slot_of(self, start: datetime, index: int, name: str) -> datetime:
        """The moment of the index-th slot of a take of budget `name` that began at `start`."""
        rate = self.rates.get(name)
        return start + timedelta(seconds=index / rate) if rate else start


class LimitedGraph:
    """A Graph whose every call waits for its slot in the named shared budgets (services.ports.Graph)."""

    def __init__(self, graph: Graph, limits: GraphLimits) -> None:
        self.graph = graph
        self.limits = limits

    async def group_members(self, group_id: str) -> list[DirectoryUser]:
        return await self.limits.call(READ, lambda: self.graph.group_members(group_id))

    async def department_members(self, department: str) -> list[DirectoryUser]:
        return await self.limits.call(READ, lambda: self.graph.department_members(department))

    async def team_members(self, team_id: str) -> list[DirectoryUser]:
        return await self.limits.call(READ, lambda: self.graph.team_members(team_id))

    async def team_channels(self, team_id: str) -> list[TeamChannel]:
        return await self.limits.call(READ, lambda: self.graph.team_channels(team_id))

    async def personal_chat_id(self, user_id: str) -> str:
        return await self.limits.call(INSTALL, lambda: self.graph.personal_chat_id(user_id))

    async def notify_activity(self, user_id: str, *, activity_type: str, preview: str, params: dict[str, str]) -> None:
        await self.limits.call(
            ACTIVITY,
            lambda: self.graph.notify_activity(user_id, activity_type=activity_type, preview=preview, params=params),
        )

    async def post_channel_card_as(
        self, user_assertion: str, team_id: str, channel_id: str, card: dict[str, Any]
    ) -> str:
        return await self.limits.call(
            CHANNEL_MESSAGE, lambda: self.graph.post_channel_card_as(user_assertion, team_id, channel_id, card)
        )

    async def service_messages(self, modified_since: datetime | None) -> list[ServiceMessage]:
        return await self.limits.call(READ, lambda: self.graph.service_messages(modified_since))
