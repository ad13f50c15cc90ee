"""Learned phrasings: the signals of use that propose them and functional management's decisions."""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LearnedPhrasing, Setting, utcnow
from vocabulary import NOT_FAQ_ENTRY, PhrasingStatus


class LearnedPhrasingRepository:
    """Learned phrasings per entry; works inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, entry_id: str, text_key: str) -> LearnedPhrasing | None:
        """The phrasing of an entry with these folded words, or None."""
        query = select(LearnedPhrasing).where(
            LearnedPhrasing.entry_id == entry_id, LearnedPhrasing.text_key == text_key
        )
        return await self.session.scalar(query.with_for_update())

    async def add(self, entry_id: str, text: str, text_key: str) -> LearnedPhrasing:
        """A new proposal without signals yet."""
        now = utcnow()
        row = LearnedPhrasing(
            entry_id=entry_id,
            text=text,
            text_key=text_key,
            status=PhrasingStatus.PROPOSED,
            confirmations=0,
            counter_signals=0,
            kinds=[],
            sources=[],
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def get(self, phrasing_id: int, *, for_update: bool = False) -> LearnedPhrasing | None:
        """One phrasing or None; `for_update` locks its row (on PostgreSQL) until the transaction ends."""
        return await self.session.get(LearnedPhrasing, phrasing_id, populate_existing=True, with_for_update=for_update)

    async def with_status(
        self, statuses: Iterable[str], entry_ids: Iterable[str] | None = None
    ) -> list[LearnedPhrasing]:
        """Phrasings in these statuses (optionally of these entries), by entry and id."""
        query = select(LearnedPhrasing).where(LearnedPhrasing.status.in_(list(statuses)))
        if entry_ids is not None:
            query = query.where(LearnedPhrasing.entry_id.in_(list(entry_ids)))
        return list((await self.session.scalars(query.order_by(LearnedPhrasing.entry_id, LearnedPhrasing.id))).all())

    async def out_of_scope(self, limit: int) -> list[str]:
        """The texts of the newest `limit` approved out-of-scope questions ('geen FAQ'), oldest first."""
        query = (
            select(LearnedPhrasing.text)
            .where(LearnedPhrasing.entry_id == NOT_FAQ_ENTRY, LearnedPhrasing.status == PhrasingStatus.APPROVED)
            .order_by(LearnedPhrasing.id.desc())
            .limit(limit)
        )
        return list(reversed((await self.session.scalars(query)).all()))

    async def out_of_scope_rows(self) -> list[LearnedPhrasing]:
        """Every out-of-scope question ('geen FAQ'), approved or rejected, newest first."""
        query = select(LearnedPhrasing).where(LearnedPhrasing.entry_id == NOT_FAQ_ENTRY)
        return list((await self.session.scalars(query.order_by(LearnedPhrasing.id.desc()))).all())

    async def oldest_proposals(self, limit: int) -> tuple[list[LearnedPhrasing], int]:
        """The `limit` oldest proposals and how many there are in all (a review card shows only the first)."""
        proposed = LearnedPhrasing.status == PhrasingStatus.PROPOSED
        rows = await self.session.scalars(
            select(LearnedPhrasing).where(proposed).order_by(LearnedPhrasing.id).limit(limit)
        )
        total = await self.session.scalar(select(func.count()).select_from(LearnedPhrasing).where(proposed))
        return list(rows.all()), int(total or 0)

    async def setting(self, key: str) -> str | None:
        """A run-time setting's value (the shared settings table), or None when never set."""
        row = await self.session.get(Setting, key, populate_existing=True)
        return row.value if row is not None else None

    async def set_setting(self, key: str, value: str) -> None:
        """Store a run-time setting (insert or replace)."""
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(Setting).values(key=key, value=value, updated_at=utcnow())
        await self.session.execute(
            insert.on_conflict_do_update(index_elements=["key"], set_={"value": value, "updated_at": utcnow()})
        )
