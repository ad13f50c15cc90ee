"""Job handlers that bring ticket changes to Teams: channel cards and threads, and the askers' chats.

Each handler reads the current state and renders it, so a retried or late job never shows something
old. Delivery is at least once: a crash between posting and recording a new thread can post a card
twice, never lose one.
"""

from __future__ import annotations

import logging
from typing import Any

import cards
from i18n import t
from services.conversations import ConversationService, channel_reference_in, thread_of
from services.directory import DirectoryService
from services.jobs import PermanentJobError, Worker
from services.payloads import ProposalSync, TicketNotice, TicketReminder, TicketSync, TicketThread
from services.ports import Messenger
from services.ticket_views import assignable, build_view
from services.tickets import TicketService
from storage import GroupRepository, Session, TicketRepository
from storage.models import KeyUserGroup, Ticket
from storage.tickets import set_posted, set_proposal_posted
from vocabulary import Level, NoticeKind

log = logging.getLogger(__name__)


class TicketDelivery:
    """Registers the ticket job kinds on a worker and carries them out through a Messenger."""

    def __init__(
        self,
        tickets: TicketService,
        directory: DirectoryService,
        messenger: Messenger,
        channel_language: str = "nl",
        conversations: ConversationService | None = None,
    ) -> None:
        self.tickets = tickets
        self.directory = directory
        self.messenger = messenger
        self.conversations = conversations or ConversationService(tickets.db)
        self.lang = channel_language
        self.db = tickets.db

    def register(self, worker: Worker) -> None:
        """Attach the handlers to `worker`."""
        worker.handle(TicketSync)(self.sync)
        worker.handle(TicketThread)(self.thread)
        worker.handle(TicketNotice, on_failure=self.notify_failed)(self.notify)
        worker.handle(TicketReminder)(self.remind)
        worker.handle(ProposalSync)(self.proposal_sync)

    async def _ticket(self, ticket_id: int) -> Ticket:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            raise PermanentJobError(f"ticket {ticket_id} does not exist")
        return ticket

    async def _channel(self, group: KeyUserGroup | None) -> dict[str, Any]:
        """The conversation reference of a group's channel."""
        if group is None or not group.channel_id:
            raise PermanentJobError(f"group {group.name if group else '?'} has no linked channel")
        reference = await self.conversations.channel_reference(group.channel_id)
        if reference is None:
            raise PermanentJobError(f"no conversation reference for channel {group.channel_id}")
        return reference

    def _lines(self, ticket: Ticket) -> list[tuple[Level, int, str | None, str | None]]:
        """(level, group id, thread id, card activity id) of each channel the ticket is shown in."""
        lines = [(Level.FIRST, ticket.group_id, ticket.thread_id, ticket.card_activity_id)]
        if ticket.second_group_id is not None:
            lines.append(
                (Level.SECOND, ticket.second_group_id, ticket.second_thread_id, ticket.second_card_activity_id)
            )
        return lines

    async def sync(self, payload: TicketSync) -> None:
        """Post the ticket's card in each of its channels, or update it where it is already posted."""
        async with self.db.read() as session:  # everything the cards need, read at once (not queued behind writers)
            tickets = TicketRepository(session)
            ticket = await tickets.get(payload.ticket_id, fresh=True)
            if ticket is None:
                raise PermanentJobError(f"ticket {payload.ticket_id} does not exist")
            groups = {g.id: g for g in await GroupRepository(session).all()}
            view = await build_view(session, ticket, groups=groups)
            lines = []
            for level, group_id, thread_id, activity_id in self._lines(ticket):
                group = groups.get(group_id)
                channel = group.channel_id if group else None
                reference = await channel_reference_in(session, channel) if channel else None
                lines.append((level, group, thread_id, activity_id, reference, await assignable(session, group_id)))
        unreachable: list[str] = []
        for level, group, thread_id, activity_id, reference, members in lines:
            if reference is None:  # still show the ticket in the other line's channel
                unreachable.append(
                    f"group {group.name if group else '?'} has no linked channel"
                    if not (group and group.channel_id)
                    else f"no conversation reference for channel {group.channel_id}"
                )
                continue
            card = cards.ticket_card(ticket=view, lang=self.lang, key_users=members, level=level)
            if activity_id and thread_id:
                await self.messenger.update(reference, thread_id, activity_id, card=card)
                continue
            posted = await self.messenger.start_thread(reference, group.channel_id, card=card)
            async with self.db.transaction() as session:
                await set_posted(session, ticket.id, level, posted.conversation_id, posted.activity_id)
        if unreachable:
            raise PermanentJobError("; ".join(unreachable))

    async def thread(self, payload: TicketThread) -> None:
        """A text reply in the ticket's thread in each channel where it was posted."""
        ticket = await self._ticket(payload.ticket_id)
        params = {k: (t(v, self.lang) if k.endswith("_label") else v) for k, v in payload.params.items()}
        text = t(payload.key, self.lang, **params)
        for _level, group_id, thread_id, _activity in self._lines(ticket):
            if not thread_id:
                continue  # the card could not be posted there; nothing to reply to
            reference = await self._channel(await self.directory.group(group_id))
            await self.messenger.send(thread_of(reference, thread_id), text=text)

    async def notify(self, payload: TicketNotice) -> None:
        """A message in someone's personal chat: a status card, the answer card, or a text."""
        async with self.db.read() as session:
            ticket = await TicketRepository(session).get(payload.ticket_id)
            if ticket is None:
                raise PermanentJobError(f"ticket {payload.ticket_id} does not exist")
            view = await build_view(session, ticket)
        user_key = payload.user_key
        person = await self.directory.person(user_key)
        lang = (person.language if person and person.language else None) or ticket.language or self.lang
        text, card = None, None
        if payload.kind == NoticeKind.ANSWER:
            card = cards.ticket_answer_card(ticket=view, lang=lang)
        elif payload.kind == NoticeKind.STATUS:
            card = cards.ticket_status_card(ticket=view, lang=lang)
        else:
            text = t(payload.key or "", lang, **(payload.params or {}))  # TicketNotice checks a text has its key
        reference = await self._personal(user_key, person)
        await self.messenger.send(reference, text=text, card=card)

    async def notify_failed(self, session: Session, payload: TicketNotice, reason: str) -> None:
        """A personal notice that could not be delivered: when it names a fallback, say so in the ticket's thread."""
        fallback = payload.unreachable
        if fallback is None:
            return
        log.warning(
            "notice to %s about ticket %s not delivered (%s); telling the thread",
            payload.user_key,
            payload.ticket_id,
            reason,
        )
        thread = TicketThread(payload.ticket_id, fallback["key"], dict(fallback.get("params") or {}))
        await self.tickets.jobs.enqueue(session, thread, serial_key=f"ticket:{payload.ticket_id}")

    async def _personal(self, user_key: str, person) -> dict[str, Any]:
        """The personal chat with someone, opened by the bot when they never wrote to it."""
        reference = await self.conversations.reference_for(user_key)
        if reference is not None:
            return reference
        tenant = person.tenant_id if person else None
        base = await self.conversations.tenant_reference(tenant)
        if base is None:
            raise PermanentJobError(f"no way to reach {user_key}: no conversation known in the tenant")
        user_id = (person.teams_id if person and person.teams_id else None) or user_key
        reference = await self.messenger.open_personal_chat(base, user_id, tenant)
        conversation_id = reference["conversation"]["id"]
        await self.conversations.remember(
            conversation_id=conversation_id,
            conversation_type="personal",
            user_key=user_key,
            tenant_id=tenant,
            reference=reference,
        )
        return reference

    async def remind(self, payload: TicketReminder) -> None:
        """Timer of a ticket's first-response target."""
        await self.tickets.remind(payload.ticket_id, payload.stage)

    async def proposal_sync(self, payload: ProposalSync) -> None:
        """Post or update an FAQ proposal card in functional management's channel."""
        proposal = await self.tickets.proposal(payload.proposal_id)
        if proposal is None:
            raise PermanentJobError(f"proposal {payload.proposal_id} does not exist")
        group = await self.directory.group(proposal.group_id)
        reference = await self._channel(group)
        assert group is not None and group.channel_id, "_channel refuses a group without a channel"
        card = cards.faq_proposal_card(proposal=await self.tickets.proposal_view(proposal), lang=self.lang)
        if proposal.card_activity_id and proposal.thread_id:
            await self.messenger.update(reference, proposal.thread_id, proposal.card_activity_id, card=card)
            return
        posted = await self.messenger.start_thread(reference, group.channel_id, card=card)
        async with self.db.transaction() as session:
            await set_proposal_posted(session, proposal.id, posted.conversation_id, posted.activity_id)
