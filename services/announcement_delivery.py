"""Job handlers of announcements: resolve the audience into delivery rows, refresh the author's card, remind.

The cards themselves go out through the fan-out engine (services/fanout.py), which works the delivery rows.

The reminder at the acknowledgement deadline is an update of each unacknowledged card (op=update), not a new message
sent from this job: it then goes through the engine like every other send (per-tenant budget shared by all instances,
7/s per conversation, Retry-After, back-off, dead-letter, nothing lost or doubled on a crash), and the card keeps one
activity id, so a later edit or recall still reaches it. A job sending thousands of messages itself would have none of
that. The price: Teams shows an updated card without a new notification.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from cards.announcements import announcement_report_card
from cards.views import AnnouncementView
from i18n import LANGUAGES
from services.announcement_drafts import Audience, DraftError
from services.announcement_views import build_view
from services.announcements import AnnouncementService
from services.audiences import RESOLVE_CHUNK, AudienceNeedsGraph, Recipient, chat_failed, open_chats, resolve
from services.conversations import channel_reference_in, thread_of
from services.jobs import PermanentJobError, Worker
from services.payloads import (
    AnnouncementPostAs,
    AnnouncementRemind,
    AnnouncementReport,
    AnnouncementResolve,
    AnnouncementStart,
)
from services.ports import Messenger
from storage import AnnouncementRepository, ConversationRepository, PersonRepository, Session
from storage.announcements import NewDelivery
from vocabulary import LIVE_STATUSES, AnnouncementStatus, Poster, RecipientKind

log = logging.getLogger(__name__)

ReportButtons = Callable[[AnnouncementView, str], list[dict[str, Any]]]
"""The buttons of the author's card for an announcement as it is now, in a language (the Teams dialog's)."""
STARTABLE = (AnnouncementStatus.SCHEDULED, AnnouncementStatus.SENDING)
LANGUAGE_CHUNK = 1000
"""People whose language is read in one query, far below every database's limit on parameters."""
RESOLVE_ATTEMPTS = 20
"""Tries of one chunk of chat opening before its remaining people are unreachable: Graph throttles installs for
minutes at a time in a large tenant, and every try resumes where the last one stopped."""


async def reference_of(session: Session, conversation_id: str) -> dict[str, Any] | None:
    """The stored reference of a chat, or of a channel thread ('<channel>;messageid=<root>')."""
    stored = await ConversationRepository(session).get(conversation_id)
    if stored is not None:
        return dict(stored.reference)
    channel, thread, _root = conversation_id.partition(";messageid=")
    if thread:
        reference = await channel_reference_in(session, channel)
        return thread_of(reference, conversation_id) if reference is not None else None
    return None


async def _languages_of(session: Session, user_keys: list[str]) -> dict[str, str]:
    """The language each of these people chose, else the one last spoken with them; people with neither left out."""
    languages: dict[str, str] = {}
    people = PersonRepository(session)
    for start in range(0, len(user_keys), LANGUAGE_CHUNK):
        for key, person in (await people.get_many(user_keys[start : start + LANGUAGE_CHUNK])).items():
            language = person.preferred_language or person.language
            if language in LANGUAGES:
                languages[key] = language
    return languages


class AnnouncementDelivery:
    """Registers the announcement job kinds on a worker."""

    def __init__(
        self,
        announcements: AnnouncementService,
        messenger: Messenger,
        *,
        report_buttons: ReportButtons | None = None,
    ) -> None:
        self.announcements = announcements
        self.db = announcements.db
        self.messenger = messenger
        self.report_buttons = report_buttons

    def register(self, worker: Worker) -> None:
        """Attach the handlers to `worker`."""
        worker.handle(AnnouncementStart)(self.start)
        worker.handle(AnnouncementResolve, on_failure=self.unresolvable)(self.resolve_chunk)
        worker.handle(AnnouncementReport)(self.report)
        worker.handle(AnnouncementRemind)(self.remind)

    async def start(self, payload: AnnouncementStart) -> None:
        """Resolve the audience (Graph first, outside any transaction), then write every row known at once and hand
        the people whose chat is still to open to `announcement.resolve` jobs, all in one transaction."""
        service = self.announcements
        async with self.db.read() as session:
            row = await AnnouncementRepository(session).get(payload.announcement_id)
            if row is None:
                raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
            if row.status not in STARTABLE or row.started_at is not None:
                return  # cancelled, edited back for approval, or already started by an earlier run
            audience_json = dict(row.audience or {})
        try:
            audience = Audience.from_json(audience_json)
            resolution = await resolve(self.db, audience, service.graph, service.directory, service.conversations)
        except (DraftError, AudienceNeedsGraph) as error:
            raise PermanentJobError(
                f"announcement {payload.announcement_id}: audience cannot be resolved: {error}"
            ) from error
        recipients, to_open = resolution.recipients, resolution.to_open
        now = service.clock()
        async with self.db.transaction() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(payload.announcement_id, fresh=True)
            if row is None or row.status not in STARTABLE or row.started_at is not None:
                return  # changed while the audience was resolved
            rows = await self._rows(session, recipients, payload)
            await repo.insert_deliveries(row.id, rows, now)
            for start in range(0, len(to_open), RESOLVE_CHUNK):
                chunk = AnnouncementResolve(row.id, to_open[start : start + RESOLVE_CHUNK])
                await service.jobs.enqueue(session, chunk, max_attempts=RESOLVE_ATTEMPTS)
            if payload.as_author and any(r.poster == Poster.PERSON for r in rows):
                await service.jobs.enqueue(session, AnnouncementPostAs(row.id, payload.as_author), max_attempts=50)
            row.status, row.started_at, row.updated_at = AnnouncementStatus.SENDING, now, now
            row.unresolved = len(to_open)
            await session.flush()
            await repo.settle(row.id)  # nobody to send to: sent at once
            await service.schedule_reminder(session, row)
            await service.enqueue_report(session, row.id)
        log.info(
            "announcement %s: %d recipient(s) written, %d chat(s) to open",
            payload.announcement_id,
            len(rows),
            len(to_open),
        )
        service.wake(deliveries=True)

    async def resolve_chunk(self, payload: AnnouncementResolve) -> None:
        """Open the chats of a chunk's people not written yet and write their rows; on a Graph failure the ones
        opened so far are written first, then the job is retried for the rest (Retry-After honoured)."""
        async with self.db.read() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(payload.announcement_id)
            if row is None or row.status not in LIVE_STATUSES or not row.unresolved:
                return  # gone, recalled, or every person has a row already
            done = await repo.written_keys(row.id, payload.user_keys)
        todo = [key for key in payload.user_keys if key not in done]
        if not todo:
            return
        graph = self.announcements.graph
        if graph is None:
            raise PermanentJobError(f"announcement {payload.announcement_id}: no Graph client to open chats with")
        opened = await open_chats(self.db, graph, todo)
        if opened.recipients:
            await self._write(payload.announcement_id, opened.recipients)
        if opened.error is not None:
            raise opened.error

    async def unresolvable(self, session: Session, payload: AnnouncementResolve, reason: str) -> None:
        """A chunk failed for good: its people without a row are unreachable, so the announcement can settle."""
        repo = AnnouncementRepository(session)
        done = await repo.written_keys(payload.announcement_id, payload.user_keys)
        rest = [chat_failed(key) for key in payload.user_keys if key not in done]
        log.error("announcement %s: %d chat(s) not opened: %s", payload.announcement_id, len(rest), reason)
        await self._record(session, payload.announcement_id, rest)

    async def _write(self, announcement_id: int, recipients: list[Recipient]) -> None:
        async with self.db.transaction() as session:
            written = await self._record(session, announcement_id, recipients)
        if written:
            self.announcements.wake(deliveries=True)

    async def _record(self, session: Session, announcement_id: int, recipients: list[Recipient]) -> int:
        """Rows for resolved people of a sending announcement; each one lowers the count still to resolve once."""
        repo = AnnouncementRepository(session)
        row = await repo.get(announcement_id, fresh=True)
        if row is None or row.status not in LIVE_STATUSES or not row.unresolved or not recipients:
            return 0
        rows = await self._rows(session, recipients, None)
        written = await repo.insert_deliveries(row.id, rows, self.announcements.clock())
        await repo.resolved(row.id, written)
        await repo.settle(row.id)
        await self.announcements.enqueue_report(session, row.id)
        return written

    async def _rows(
        self, session: Session, recipients: list[Recipient], payload: AnnouncementStart | None
    ) -> list[NewDelivery]:
        languages = await _languages_of(session, [r.key for r in recipients if r.kind == RecipientKind.PERSONAL])
        return [self._delivery(r, payload, languages.get(r.key)) for r in recipients]

    @staticmethod
    def _delivery(recipient: Recipient, payload: AnnouncementStart | None, language: str | None) -> NewDelivery:
        """The row of one recipient; a reachable channel goes to the author's poster job, or to the bot with a note."""
        poster = reason = None
        if (
            payload is not None
            and recipient.kind == RecipientKind.CHANNEL
            and recipient.conversation_id
            and not recipient.reason
        ):
            if payload.as_author:
                poster = Poster.PERSON
            elif payload.bot_note:
                poster, reason = Poster.BOT, payload.bot_note
        return NewDelivery(
            recipient.kind,
            recipient.key,
            recipient.conversation_id,
            reason or recipient.reason,
            recipient.code,
            poster,
            language,
        )

    async def report(self, payload: AnnouncementReport) -> None:
        """Put the current counts on the author's card, where it was posted (nothing to do before that)."""
        async with self.db.read() as session:
            row = await AnnouncementRepository(session).get(payload.announcement_id)
            if row is None:
                raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
            if not row.report_conversation_id or not row.report_activity_id:
                return
            view = await build_view(session, row, self.announcements.clock())
            reference = await reference_of(session, row.report_conversation_id)
            conversation_id, activity_id = row.report_conversation_id, row.report_activity_id
        if reference is None:
            raise PermanentJobError(f"no conversation reference for {conversation_id}")
        lang = view.language
        buttons = self.report_buttons(view, lang) if self.report_buttons else None
        card = announcement_report_card(view=view, lang=lang, buttons=buttons)
        await self.messenger.update(reference, conversation_id, activity_id, card=card)

    async def remind(self, payload: AnnouncementRemind) -> None:
        """At the deadline: every sent card not acknowledged is updated to say 'Herinnering', through the engine."""
        service = self.announcements
        now = service.clock()
        async with self.db.transaction() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(payload.announcement_id, fresh=True)
            if row is None:
                raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
            view = await build_view(session, row, now)
            if row.status not in LIVE_STATUSES or not view.reminder:
                return  # recalled, or the deadline moved: a later job reminds
            unacknowledged = await repo.unacknowledged(row.id)
            keys = [d.recipient_key for d in unacknowledged]
            due = await repo.mark_for_update(row.id, now, keys=keys) if keys else 0
            personal = [d.id for d in unacknowledged if d.recipient_kind == RecipientKind.PERSONAL]
            if personal:
                await service.reminded(session, row.id, personal)
        log.info("announcement %s: reminding %d recipient(s)", payload.announcement_id, due)
        if due:
            service.wake(deliveries=True)
