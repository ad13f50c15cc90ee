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
from services.audiences import AudienceNeedsGraph, Recipient, resolve
from services.conversations import channel_reference_in, thread_of
from services.jobs import PermanentJobError, Worker
from services.payloads import AnnouncementPostAs, AnnouncementRemind, AnnouncementReport, AnnouncementStart
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
        worker.handle(AnnouncementReport)(self.report)
        worker.handle(AnnouncementRemind)(self.remind)

    async def start(self, payload: AnnouncementStart) -> None:
        """Resolve the audience (Graph first, outside any transaction), then write every delivery row at once."""
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
            recipients = await resolve(self.db, audience, service.graph, service.directory, service.conversations)
        except (DraftError, AudienceNeedsGraph) as error:
            raise PermanentJobError(
                f"announcement {payload.announcement_id}: audience cannot be resolved: {error}"
            ) from error
        now = service.clock()
        async with self.db.transaction() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(payload.announcement_id, fresh=True)
            if row is None or row.status not in STARTABLE or row.started_at is not None:
                return  # changed while the audience was resolved
            languages = await _languages_of(session, [r.key for r in recipients if r.kind == RecipientKind.PERSONAL])
            rows = [self._delivery(r, payload, languages.get(r.key)) for r in recipients]
            await repo.insert_deliveries(row.id, rows, now)
            if payload.as_author and any(r.poster == Poster.PERSON for r in rows):
                await service.jobs.enqueue(session, AnnouncementPostAs(row.id, payload.as_author), max_attempts=50)
            row.status, row.started_at, row.updated_at = AnnouncementStatus.SENDING, now, now
            await session.flush()
            await repo.settle(row.id)  # nobody to send to: sent at once
            await service.schedule_reminder(session, row)
            await service.enqueue_report(session, row.id)
        log.info("announcement %s: %d recipient(s) written", payload.announcement_id, len(rows))
        service.wake(deliveries=True)

    @staticmethod
    def _delivery(recipient: Recipient, payload: AnnouncementStart, language: str | None) -> NewDelivery:
        """The row of one recipient; a reachable channel goes to the author's poster job, or to the bot with a note."""
        poster = reason = None
        if recipient.kind == RecipientKind.CHANNEL and recipient.conversation_id and not recipient.reason:
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
