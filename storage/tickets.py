"""Tickets, their askers, numbers, append-only history and FAQ proposals."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, literal_column, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import WORD_LENGTH, FaqProposal, Ticket, TicketAsker, TicketCounter, TicketEvent, TicketWord, utcnow
from storage.results import rowcount
from vocabulary import OPEN_STATUSES, Level


class TicketRepository:
    """SQL for tickets; works inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_number(self, year: int) -> int:
        """The next ticket number of `year`, unique even when instances create tickets at the same time."""
        number = (await self.session.execute(_BUMP, {"of_year": year})).scalar_one_or_none()
        if number is not None:
            return int(number)
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite  # a year's first ticket
        insert = dialect.insert(TicketCounter).values(year=year, last=1)
        result = await self.session.execute(
            insert.on_conflict_do_update(
                index_elements=[TicketCounter.year], set_={"last": TicketCounter.last + 1}
            ).returning(TicketCounter.last)
        )
        return int(result.scalar_one())

    async def add(self, ticket: Ticket) -> Ticket:
        """Insert a ticket and assign its id."""
        self.session.add(ticket)
        await self.session.flush()
        return ticket

    async def get(self, ticket_id: int, *, fresh: bool = False) -> Ticket | None:
        """One ticket or None; `fresh` re-reads it from the database."""
        return await self.session.get(Ticket, ticket_id, populate_existing=fresh)

    async def by_question(self, question_id: int) -> Ticket | None:
        """The ticket made from a logged question."""
        return await self.session.scalar(select(Ticket).where(Ticket.question_id == question_id))

    async def by_number(self, number: str) -> Ticket | None:
        """A ticket by its readable number."""
        return await self.session.scalar(select(Ticket).where(Ticket.number == number))

    async def open_in_group(self, group_id: int, limit: int = 50) -> list[Ticket]:
        """Tickets of a group that still wait for someone, oldest first (first or second line)."""

        def waiting(column):
            return (
                select(Ticket)
                .where(Ticket.status.in_(OPEN_STATUSES), column == group_id)
                .order_by(Ticket.created_at, Ticket.id)
                .limit(limit)
            )

        first = list(await self.session.scalars(waiting(Ticket.group_id)))
        second = list(await self.session.scalars(waiting(Ticket.second_group_id)))
        merged = {t.id: t for t in first + second}.values()  # two index scans instead of an OR over two columns
        return sorted(merged, key=lambda t: (t.created_at, t.id))[:limit]

    async def add_words(self, ticket_id: int, words: set[str]) -> None:
        """Index a new ticket's analysed words for open_for_matching."""
        if words:
            rows = [{"word": word, "ticket_id": ticket_id} for word in {w[:WORD_LENGTH] for w in words}]
            await self.session.execute(_ADD_WORDS, rows)

    async def open_for_matching(
        self, group_id: int, sizes: tuple[int, int], words: set[str], least: int, limit: int = 500
    ) -> list[tuple[int, str]]:
        """(id, match_key) of a group's open tickets with between sizes[0] and sizes[1] words that may share `least`
        of `words`, newest first.

        Such a ticket holds at least one of any len(words) - least + 1 of them. Those are taken rarest first (how
        often each is stored, counted up to a cap), so only tickets that share a rare word are read, and a question
        whose rare words no ticket has reads none."""
        probes = len(words) - least + 1
        stored = sorted({word[:WORD_LENGTH] for word in words})
        if not stored or probes < 1:
            return []
        counts: dict[int, int] = {
            index: held
            for index, held in await self.session.execute(
                _capped_counts(len(stored)), {f"w{i}": word for i, word in enumerate(stored)}
            )
        }
        rarest = sorted(range(len(stored)), key=lambda i: (counts.get(i, 0), stored[i]))[:probes]
        shared = [stored[i] for i in rarest if counts.get(i, 0)]
        if not shared:
            return []
        rows = await self.session.execute(
            _OPEN_FOR_MATCHING, {"group": group_id, "low": sizes[0], "high": sizes[1], "words": shared, "limit": limit}
        )
        return [(int(i), key) for i, key in rows]

    async def for_asker(self, user_key: str, limit: int = 20) -> list[Ticket]:
        """Tickets someone asked or is linked to, newest change first."""
        linked = select(TicketAsker.ticket_id).where(TicketAsker.user_key == user_key)
        query = (
            select(Ticket)
            .where(Ticket.id.in_(linked))
            .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def askers(self, ticket_id: int) -> list[TicketAsker]:
        """Everyone waiting for a ticket, first asker first."""
        rows = await self.session.scalars(
            select(TicketAsker)
            .where(TicketAsker.ticket_id == ticket_id)
            .order_by(TicketAsker.linked_at, TicketAsker.user_key)
        )
        return list(rows)

    async def count_askers(self, ticket_id: int) -> int:
        """How many people wait for a ticket."""
        return int(await self.session.scalar(_COUNT_ASKERS, {"ticket": ticket_id}) or 0)

    def add_first_asker(self, ticket_id: int, user_key: str, name: str | None, question_id: int | None) -> None:
        """The asker of a just-created ticket (written with the next flush)."""
        self.session.add(
            TicketAsker(ticket_id=ticket_id, user_key=user_key, name=name, question_id=question_id, linked_at=utcnow())
        )

    async def add_asker(self, ticket_id: int, user_key: str, name: str | None, question_id: int | None) -> bool:
        """Link someone to a ticket; False when they already were."""
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        result = await self.session.execute(
            dialect.insert(TicketAsker)
            .values(
                ticket_id=ticket_id,
                user_key=user_key,
                name=name,
                question_id=question_id,
                linked_at=utcnow(),
            )
            .on_conflict_do_nothing()
        )
        return rowcount(result) == 1

    async def log(
        self,
        ticket_id: int,
        kind: str,
        actor_key: str | None,
        actor_name: str | None,
        at: datetime | None = None,
        **data: Any,
    ) -> TicketEvent:
        """Append one event to a ticket's history."""
        event = TicketEvent(
            ticket_id=ticket_id,
            kind=kind,
            actor_key=actor_key,
            actor_name=actor_name,
            at=at or utcnow(),
            data={k: v for k, v in data.items() if v is not None},
        )
        self.session.add(event)
        await self.session.flush()
        return event

    async def events(self, ticket_id: int, limit: int | None = None) -> list[TicketEvent]:
        """A ticket's history, oldest first (the last `limit` when given)."""
        rows = await self.session.scalars(
            _EVENTS, {"ticket": ticket_id, "limit": 2**31 - 1 if limit is None else limit}
        )
        return list(reversed(list(rows)))

    async def count_by_status(self) -> dict[str, int]:
        """Number of tickets per status."""
        rows = await self.session.execute(select(Ticket.status, func.count()).group_by(Ticket.status))
        return {status: int(n) for status, n in rows}


class ProposalRepository:
    """FAQ proposals made from ticket answers."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, proposal_id: int) -> FaqProposal | None:
        """One proposal or None."""
        return await self.session.get(FaqProposal, proposal_id)

    async def by_ticket(self, ticket_id: int) -> FaqProposal | None:
        """The proposal made from a ticket."""
        return await self.session.scalar(select(FaqProposal).where(FaqProposal.ticket_id == ticket_id))

    async def add(self, proposal: FaqProposal) -> FaqProposal:
        """Insert a proposal and assign its id."""
        self.session.add(proposal)
        await self.session.flush()
        return proposal


async def set_posted(session: AsyncSession, ticket_id: int, level: Level, thread_id: str, activity_id: str) -> None:
    """Remember where a ticket's card was posted (no version bump: this is delivery, not a change of state)."""
    await session.execute(_POSTED[level], {"ticket": ticket_id, "thread": thread_id, "activity": activity_id})


async def set_proposal_posted(session: AsyncSession, proposal_id: int, thread_id: str, activity_id: str) -> None:
    """Remember where a proposal's card was posted."""
    await session.execute(
        update(FaqProposal)
        .where(FaqProposal.id == proposal_id)
        .values(thread_id=thread_id, card_activity_id=activity_id)
        .execution_options(synchronize_session=False)
    )


# Statements run for every ticket card, built once: constructing them costs more than running them.
_EVENTS = (
    select(TicketEvent)
    .where(TicketEvent.ticket_id == bindparam("ticket"))
    .order_by(TicketEvent.id.desc())
    .limit(bindparam("limit"))
)
_BUMP = (
    update(TicketCounter)
    .where(TicketCounter.year == bindparam("of_year"))
    .values(last=TicketCounter.last + 1)
    .returning(TicketCounter.last)
    .execution_options(synchronize_session=False)
)
_COUNT_ASKERS = select(func.count()).select_from(TicketAsker).where(TicketAsker.ticket_id == bindparam("ticket"))
_POSTED = {
    level: update(Ticket)
    .where(Ticket.id == bindparam("ticket"))
    .values({thread: bindparam("thread"), activity: bindparam("activity")})
    .execution_options(synchronize_session=False)
    for level, thread, activity in (
        (Level.FIRST, "thread_id", "card_activity_id"),
        (Level.SECOND, "second_thread_id", "second_card_activity_id"),
    )
}
_ADD_WORDS = insert(TicketWord.__table__)  # Core executemany
_OPEN_FOR_MATCHING = (
    select(Ticket.id, Ticket.match_key)
    .where(
        Ticket.id.in_(select(TicketWord.ticket_id).where(TicketWord.word.in_(bindparam("words", expanding=True)))),
        Ticket.group_id == bindparam("group"),
        Ticket.status.in_(OPEN_STATUSES),
        Ticket.match_size.between(bindparam("low"), bindparam("high")),
    )
    .order_by(Ticket.id.desc())
    .limit(bindparam("limit"))
)
COUNT_CAP = 64
"""Word counts stop here: telling rare from common words needs no more, and common words cost nothing extra."""


@functools.lru_cache(maxsize=64)
def _capped_counts(n: int):
    """(i, how many tickets hold word w<i>, at most COUNT_CAP) for the bind parameters w0 .. w<n-1>."""

    def count(i: int):
        holders = select(literal_column("1")).where(TicketWord.word == bindparam(f"w{i}")).limit(COUNT_CAP).subquery()
        return select(literal_column(str(i)), select(func.count()).select_from(holders).scalar_subquery())

    return union_all(*(count(i) for i in range(n))) if n > 1 else count(0)
