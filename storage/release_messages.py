"""Microsoft 365 Message Center posts the release watch read, and what functional management did with them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ReleaseMessage
from storage.results import rowcount
from vocabulary import ReleaseMessageStatus

CONTENT = ("title", "services", "category", "severity", "is_major_change", "action_required_by", "body")
"""The columns a changed post brings anew."""


class ReleaseMessageRepository:
    """Upserts posts by Graph's id and moves them through new -> listed -> drafted/dismissed."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, posts: Sequence[Mapping[str, Any]], now: datetime) -> list[str]:
        """Insert new posts and refresh changed ones (a listed post that changed is new again); the ids written."""
        if not posts:
            return []
        ids = [post["id"] for post in posts]
        found = {
            row.id: row for row in await self.session.scalars(select(ReleaseMessage).where(ReleaseMessage.id.in_(ids)))
        }
        written = []
        for post in posts:
            row = found.get(post["id"])
            if row is None:
                self.session.add(
                    ReleaseMessage(
                        id=post["id"],
                        last_modified=post["last_modified"],
                        status=ReleaseMessageStatus.NEW,
                        updated_at=now,
                        **{name: post[name] for name in CONTENT},
                    )
                )
                written.append(post["id"])
                continue
            if _same_moment(row.last_modified, post["last_modified"]):
                continue
            for name in CONTENT:
                setattr(row, name, post[name])
            row.last_modified = post["last_modified"]
            row.updated_at = now
            if row.status == ReleaseMessageStatus.LISTED:
                row.status = ReleaseMessageStatus.NEW
            written.append(post["id"])
        await self.session.flush()
        return written

    async def get(self, message_id: str) -> ReleaseMessage | None:
        """One post, read afresh."""
        return await self.session.get(ReleaseMessage, message_id, populate_existing=True)

    async def new(self, limit: int | None = None) -> list[ReleaseMessage]:
        """Posts not yet in a digest: those with an action date first (soonest first), then by last change."""
        rows = await self.session.scalars(
            select(ReleaseMessage)
            .where(ReleaseMessage.status == ReleaseMessageStatus.NEW)
            .order_by(
                ReleaseMessage.action_required_by.is_(None),
                ReleaseMessage.action_required_by,
                ReleaseMessage.last_modified,
                ReleaseMessage.id,
            )
            .limit(limit)
        )
        return list(rows)

    async def mark_listed(self, ids: Sequence[str], now: datetime) -> None:
        """The posts went out in a digest (only those still new: a click meanwhile stays)."""
        await self.session.execute(
            update(ReleaseMessage)
            .where(ReleaseMessage.id.in_(list(ids)), ReleaseMessage.status == ReleaseMessageStatus.NEW)
            .values(status=ReleaseMessageStatus.LISTED, listed_at=now, updated_at=now)
        )

    async def decide(
        self, message_id: str, status: ReleaseMessageStatus, now: datetime, announcement_id: int | None = None
    ) -> bool:
        """Record 'Maak aankondiging' (drafted, with the draft's id) or 'Niet relevant' unless already decided."""
        result = await self.session.execute(
            update(ReleaseMessage)
            .where(
                ReleaseMessage.id == message_id,
                ReleaseMessage.status.in_([ReleaseMessageStatus.NEW, ReleaseMessageStatus.LISTED]),
            )
            .values(status=status, announcement_id=announcement_id, updated_at=now)
        )
        return rowcount(result) > 0


def _same_moment(stored: datetime, given: datetime) -> bool:
    """Equal instants (a naive value is UTC, as the database's UtcDateTime keeps them)."""

    def utc(moment: datetime) -> datetime:
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)

    return utc(stored) == utc(given)
