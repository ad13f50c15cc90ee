"""Announcements' life: create, edit, submit, four-eyes approval, schedule, cancel, recall, acknowledge, report.

Every change is one transaction on the announcement (optimistic `version`) with the jobs and delivery work it
causes; the fan-out engine (services/fanout.py) sends, updates and deletes the cards from the delivery rows.
"""

from __future__ import annotations

import csv
import io
import math
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from cards.announcements import reason_text, render_for
from cards.views import AnnouncementView
from services.announcement_drafts import Audience, Draft, DraftError
from services.announcement_views import aware, build_view, content_view, later
from services.clock import REAL_CLOCK, Clock
from services.conversations import ConversationService
from services.directory import Actor, DirectoryService, NotAllowed
from services.jobs import Jobs
from services.payloads import (
    AnnouncementApproval,
    AnnouncementRemind,
    AnnouncementReport,
    AnnouncementSentBack,
    AnnouncementStart,
)
from services.ports import Graph
from services.sign_in import Sealer, SignIn
from storage import CONFLICTS, AnnouncementRepository, Database, Session
from storage.announcements import acknowledge_alone
from storage.models import Announcement, AnnouncementDelivery
from vocabulary import (
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    AnnouncementStatus,
    AudienceKind,
    DeliveryStatus,
    RecipientKind,
    Role,
)

Within = Callable[[Session, Announcement], Awaitable[None]]
"""A caller's step in the transaction that creates a draft (the row has its id); raising rolls the draft back."""
LinkUrl = Callable[[int, int, str], str]
"""(delivery id, link index, link URL) -> the URL the card shows, e.g. a counted redirect (services/links.py)."""
APPROVAL_SETTING = "announcement.approval"
"""The settings row that turns four-eyes approval on ('on') or off ('off') for every instance."""
REPORT_SLOT = 5
"""Seconds per slot of the author's card refresh: at most one announcement.report job per slot."""
GRAPH_AUDIENCES = frozenset({AudienceKind.ENTRA_GROUP, AudienceKind.DEPARTMENT, AudienceKind.TEAM})
"""Audiences whose people only Microsoft Graph can name."""
MINE_LIMIT = 20
CHANGE_ATTEMPTS = 5
"""Tries of one change when other instances changed the announcement in between (optimistic `version`)."""
REMARK_MAX = 2000
"""Longest remark kept when an announcement is sent back (the card input's limit)."""
READER_CARDS = 256
"""Acknowledged reader cards kept rendered per process (one per announcement revision and language)."""


def report_slot(now: datetime) -> int:
    """The 5-second slot `now` is in (the author's card refreshes once per slot)."""
    return math.floor(now.timestamp() / REPORT_SLOT)


class ReaderCards:
    """The reader's acknowledged card per (announcement, revision, language), the same for every reader: a bounded
    LRU, so a burst of 'Gelezen' renders it once (an edit is a new revision, so a new card)."""

    def __init__(self, size: int = READER_CARDS) -> None:
        self.size = size
        self._cards: OrderedDict[tuple[int, int, str], dict[str, Any]] = OrderedDict()

    def get(self, announcement_id: int, revision: int, language: str) -> dict[str, Any] | None:
        """The cached card, or None."""
        key = (announcement_id, revision, language)
        card = self._cards.get(key)
        if card is not None:
            self._cards.move_to_end(key)
        return card

    def put(self, row: Announcement, now: datetime) -> dict[str, Any]:
        """Render the row's acknowledged card and keep it."""
        card = render_for(content_view(row, now), acknowledged=True, lang=row.language)
        self._cards[(row.id, row.revision, row.language)] = card
        while len(self._cards) > self.size:
            self._cards.popitem(last=False)
        return card


class AnnouncementNotFound(LookupError):
    """No announcement with this id."""


class WrongStatus(Exception):
    """The announcement's status does not allow this; `status` is what it is."""

    def __init__(self, status: str) -> None:
        super().__init__(f"not allowed while {status}")
        self.status = status


class StaleAnnouncement(Exception):
    """The announcement changed since the caller saw it; `view` is how it is now."""

    def __init__(self, view: AnnouncementView) -> None:
        super().__init__(f"announcement {view.id} is at revision {view.revision}")
        self.view = view


class NotARecipient(LookupError):
    """Someone acknowledged an announcement that was never sent to them."""


def start_key(announcement: Announcement) -> str:
    """Dedupe key of the announcement's start job for its current revision (an edit re-schedules it)."""
    return f"announcement-start:{announcement.id}:{announcement.revision}"


def remind_key(announcement: Announcement) -> str:
    """Dedupe key of the announcement's reminder job for its current revision (an edit can move the deadline)."""
    return f"announcement-remind:{announcement.id}:{announcement.revision}"


def _apply(row: Announcement, draft: Draft) -> None:
    """Put a draft's content and settings on the row."""
    row.kind = draft.kind
    row.title = draft.title.strip()
    row.text = draft.text.strip()
    row.image_url = draft.image_url
    row.links = [{"title": link.title.strip(), "url": link.url} for link in draft.links]
    row.application = draft.application
    row.audience = draft.audience.to_json()
    row.ack_required = draft.ack_required
    row.ack_deadline = draft.ack_deadline if draft.ack_required else None
    row.send_at = draft.send_at
    row.notify = draft.notify


class AnnouncementService:
    """The lifecycle of announcements, checking who may do what in which status."""

    def __init__(
        self,
        db: Database,
        jobs: Jobs,
        directory: DirectoryService,
        conversations: ConversationService,
        *,
        graph: Graph | None = None,
        approval_required: bool = False,
        clock: Clock = REAL_CLOCK,
        link_url: LinkUrl | None = None,
        sealer: Sealer | None = None,
    ) -> None:
        self.db = db
        self.jobs = jobs
        self.directory = directory
        self.conversations = conversations
        self.graph = graph
        self.approval_default = approval_required
        self.clock = clock
        self.link_url = link_url
        """Counted links: the address a recipient's card shows for one of its links (None: the link's own)."""
        self.sealer = sealer
        """Seals a signed-in author's token for posting their channel cards as them (None: the bot posts them)."""
        self._due_listeners: list[Callable[[], None]] = []
        self._recorded_steps: list[Callable[[Session, set[int]], Awaitable[None]]] = []
        self._reader_cards = ReaderCards()
        self._reported: dict[int, int] = {}
        """announcement id -> the last report slot this process enqueued a refresh for, after its commit: a local
        shortcut only (another instance enqueues its own; the dedupe key keeps one job per slot)."""
        self._reminded_steps: list[Callable[[Session, int, list[int]], Awaitable[None]]] = []

    # ------------------------------------------------------------------ plumbing
    @property
    def posts_as_author(self) -> bool:
        """Whether a signed-in author's channel cards can be posted through Graph as them."""
        return self.sealer is not None and self.graph is not None

    def on_deliveries_due(self, listener: Callable[[], None]) -> None:
        """Call `listener` after a commit that made delivery work due (the fan-out engine wakes up)."""
        self._due_listeners.append(listener)

    def wake(self, *, deliveries: bool = False) -> None:
        """Wake the local job worker (and the fan-out engine, when delivery work became due) after a commit."""
        self.jobs.wake()
        if deliveries:
            for listener in self._due_listeners:
                listener()

    async def _author_role(self, actor: Actor, role: Role | None) -> Role:
        """The actor's role (looked up when not given); NotAllowed unless functional manager or admin."""
        found = role if role is not None else await self.directory.role(actor.key)
        if not found.includes(Role.FUNCTIONAL_MANAGER):
            raise NotAllowed("announcements need the functional_manager role")
        return found

    async def _row(self, session: Session, announcement_id: int) -> Announcement:
        row = await AnnouncementRepository(session).get(announcement_id, fresh=True)
        if row is None:
            raise AnnouncementNotFound(announcement_id)
        return row

    def _touch(self, row: Announcement) -> None:
        row.updated_at = self.clock()

    async def _change(self, announcement_id: int, step: Callable[[Session, Announcement], Any]) -> AnnouncementView:
        """Run `step` on the current row in one transaction (retried when another instance changed it meanwhile)."""
        for attempt in range(CHANGE_ATTEMPTS):
            try:
                async with self.db.transaction() as session:
                    row = await self._row(session, announcement_id)
                    due = await step(session, row)
                    self._touch(row)
                    await session.flush()
                    view = await build_view(session, row, self.clock())
                self.wake(deliveries=bool(due))
                return view
            except CONFLICTS:
                if attempt == CHANGE_ATTEMPTS - 1:
                    raise  # another writer won every time: the caller answers 'try again'
        raise AssertionError("unreachable: the last attempt returns or raises")

    def on_recorded(self, step: Callable[[Session, set[int]], Awaitable[None]]) -> None:
        """Run `step` in each engine transaction that recorded sends too (e.g. queue activity notifications)."""
        self._recorded_steps.append(step)

    def on_reminded(self, step: Callable[[Session, int, list[int]], Awaitable[None]]) -> None:
        """Run `step(session, announcement_id, delivery_ids)` in the reminder's transaction, with the ids of the
        unacknowledged cards it marks (e.g. queue their reminder notifications)."""
        self._reminded_steps.append(step)

    async def reminded(self, session: Session, announcement_id: int, delivery_ids: list[int]) -> None:
        """The reminder's steps, in its transaction."""
        for step in self._reminded_steps:
            await step(session, announcement_id, delivery_ids)

    # ------------------------------------------------------------------ the fan-out engine's hooks
    def render(self, announcement: Announcement, delivery: AnnouncementDelivery) -> dict[str, Any]:
        """The recipient's card for the announcement's current revision (the engine's `render`)."""
        view = content_view(announcement, self.clock())
        link_url = self.link_url
        urls = [link_url(delivery.id, i, link.url) for i, link in enumerate(view.links)] if link_url else None
        return render_for(
            view,
            acknowledged=delivery.acknowledged_at is not None,
            lang=delivery.language or announcement.language,
            personal=delivery.recipient_kind == RecipientKind.PERSONAL,
            link_urls=urls,
        )

    async def recipient_card(self, user_key: str, announcement_id: int) -> dict[str, Any] | None:
        """Someone's own card of an announcement as it is now (e.g. the answer to their 'Gelezen'); None when it
        was never sent to them."""
        async with self.db.read() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(announcement_id)
            delivery = await repo.delivery(announcement_id, user_key) if row is not None else None
            return self.render(row, delivery) if row is not None and delivery is not None else None

    async def recorded(self, session: Session, announcement_ids: set[int]) -> None:
        """In the engine's transaction that recorded sends: a sending announcement with all first sends done is
        sent, and each author's card gets a (throttled) refresh."""
        repo = AnnouncementRepository(session)
        for announcement_id in sorted(announcement_ids):
            await repo.settle(announcement_id)
            await self.enqueue_report(session, announcement_id)
        for step in self._recorded_steps:
            await step(session, announcement_ids)

    # ------------------------------------------------------------------ settings
    async def approval_required(self) -> bool:
        """Whether four-eyes approval is on (the shared setting, else the configured default)."""
        async with self.db.read() as session:
            value = await AnnouncementRepository(session).setting(APPROVAL_SETTING)
        return self.approval_default if value is None else value == "on"

    async def set_approval(self, actor: Actor, on: bool, *, role: Role | None = None) -> bool:
        """Turn four-eyes approval on or off for every instance; returns the new value."""
        await self._author_role(actor, role)
        async with self.db.transaction() as session:
            await AnnouncementRepository(session).set_setting(APPROVAL_SETTING, "on" if on else "off")
        return on

    # ------------------------------------------------------------------ reading
    async def get(self, announcement_id: int) -> AnnouncementView | None:
        """An announcement with its counts, or None."""
        async with self.db.read() as session:
            row = await AnnouncementRepository(session).get(announcement_id)
            return await build_view(session, row, self.clock()) if row is not None else None

    async def mine(self, actor: Actor) -> list[AnnouncementView]:
        """The actor's announcements, newest first (at most 20)."""
        async with self.db.read() as session:
            rows = await AnnouncementRepository(session).by_author(actor.key, MINE_LIMIT)
            return [await build_view(session, row, self.clock()) for row in rows]

    async def report_csv(
        self, actor: Actor, announcement_id: int, *, role: Role | None = None, lang: str | None = None
    ) -> str:
        """One line per recipient: kind, key, status, sent_at, acknowledged_at, reason in words (`lang`, else the
        announcement's), Graph's raw error code, who posted it (no names)."""
        await self._author_role(actor, role)
        async with self.db.read() as session:
            row = await AnnouncementRepository(session).get(announcement_id)
            if row is None:
                raise AnnouncementNotFound(announcement_id)
            deliveries = await AnnouncementRepository(session).deliveries(announcement_id)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "recipient_kind",
                "recipient_key",
                "status",
                "sent_at",
                "acknowledged_at",
                "reason",
                "reason_code",
                "poster",
            ]
        )
        for d in deliveries:
            reason = d.last_error if d.status == DeliveryStatus.FAILED else d.reason
            writer.writerow(
                [
                    d.recipient_kind,
                    d.recipient_key,
                    d.status,
                    _iso(d.sent_at),
                    _iso(d.acknowledged_at),
                    reason_text(reason, lang or row.language) if reason else "",
                    d.reason_code or "",
                    d.poster or "",
                ]
            )
        return out.getvalue()

    # ------------------------------------------------------------------ authoring
    async def create(
        self,
        actor: Actor,
        draft: Draft,
        *,
        source: str = "teams",
        role: Role | None = None,
        within: Within | None = None,
    ) -> AnnouncementView:
        """A new draft (with `within` run in its transaction); DraftError names every field that does not fit."""
        await self._author_role(actor, role)
        draft.check()
        now = self.clock()
        async with self.db.transaction() as session:
            row = Announcement(
                status=AnnouncementStatus.DRAFT,
                author_key=actor.key,
                author_name=actor.name,
                source=source,
                language=actor.language or "nl",
                revision=1,
                created_at=now,
                updated_at=now,
            )
            _apply(row, draft)
            AnnouncementRepository(session).add(row)
            await session.flush()
            if within is not None:
                await within(session, row)
                await session.flush()
            return await build_view(session, row, now)

    async def edit(
        self, actor: Actor, announcement_id: int, draft: Draft, *, revision: int | None = None, role: Role | None = None
    ) -> AnnouncementView:
        """Change the content; once sent, every delivered card is updated in place (same audience only)."""
        await self._author_role(actor, role)
        draft.check()
        approval = await self.approval_required()

        async def step(session: Session, row: Announcement) -> bool:
            if revision is not None and revision != row.revision:
                raise StaleAnnouncement(await build_view(session, row, self.clock()))
            status = AnnouncementStatus(row.status)
            if status not in EDITABLE_STATUSES and status not in LIVE_STATUSES:
                raise WrongStatus(status)
            live = status in LIVE_STATUSES
            if live and draft.audience.to_json() != Audience.from_json(row.audience).to_json():
                raise DraftError({"audience": "announcement.error.audience_live"})
            if live:
                draft_now = replace(draft, send_at=aware(row.send_at))
            else:
                draft_now = draft
            if status == AnnouncementStatus.SCHEDULED:
                await self.jobs.cancel(session, start_key(row))
            if live:
                await self.jobs.cancel(session, remind_key(row))
            _apply(row, draft_now)
            row.revision += 1
            if status == AnnouncementStatus.SCHEDULED:
                if approval:  # approved content changed: a second look again
                    row.approver_key = row.approver_name = None
                    row.approved_at = None
                    await self._await_approval(session, row)
                else:
                    if row.send_at is None:  # 'send by hand' is a draft's choice: submit it again for that
                        raise DraftError({"send_at": "announcement.error.send_at_missing"})
                    self._check_send_at(row.send_at)
                    await self._schedule(session, row)
            if status == AnnouncementStatus.AWAITING_APPROVAL:
                row.approver_key = row.approver_name = None
            if live:
                if later(row.ack_deadline, self.clock()):
                    await self.schedule_reminder(session, row)
                return await AnnouncementRepository(session).mark_for_update(row.id, self.clock()) > 0
            return False

        return await self._change(announcement_id, step)

    async def submit(
        self,
        actor: Actor,
        announcement_id: int,
        *,
        send_now: bool,
        revision: int | None = None,
        role: Role | None = None,
        sign_in: SignIn | None = None,
    ) -> AnnouncementView:
        """Send now or at its send time; with four-eyes approval on, it waits for a second functional manager.

        `revision`: the one the caller showed (a card's 'Versturen'); StaleAnnouncement when it is no longer current.
        `sign_in`: the author's own token: sent now, its channel cards are posted as them (announcement.post_as)."""
        await self._author_role(actor, role)
        approval = await self.approval_required()
        as_author = bot_note = None
        if sign_in is not None and self.sealer is not None and self.graph is not None and not approval:
            if send_now:
                as_author = await self.sealer.seal(sign_in)
            else:
                bot_note = "scheduled"  # the token expires long before: the bot posts at the send time

        async def step(session: Session, row: Announcement) -> bool:
            if row.status != AnnouncementStatus.DRAFT:
                raise WrongStatus(row.status)
            if revision is not None and revision != row.revision:
                raise StaleAnnouncement(await build_view(session, row, self.clock()))
            self._check_audience(row)
            if send_now:
                row.send_at = None
            elif row.send_at is None:
                raise DraftError({"send_at": "announcement.error.send_at_missing"})
            else:
                self._check_send_at(row.send_at)
            row.review_remark = None
            if approval:
                await self._await_approval(session, row)
                return False
            await self._schedule(session, row, as_author=as_author, bot_note=bot_note)
            return False

        return await self._change(announcement_id, step)

    async def approve(
        self, actor: Actor, announcement_id: int, *, revision: int, role: Role | None = None
    ) -> AnnouncementView:
        """A second functional manager approves the revision they saw; it goes out as submitted."""
        await self._author_role(actor, role)

        async def step(session: Session, row: Announcement) -> bool:
            if row.status != AnnouncementStatus.AWAITING_APPROVAL:
                raise WrongStatus(row.status)
            if row.author_key == actor.key:
                raise NotAllowed("the author cannot approve their own announcement")
            if revision != row.revision:
                raise StaleAnnouncement(await build_view(session, row, self.clock()))
            self._check_audience(row)
            row.approver_key, row.approver_name, row.approved_at = actor.key, actor.name, self.clock()
            await self._schedule(session, row)
            await self.enqueue_report(session, row.id)  # the author's card says it was approved
            return False

        return await self._change(announcement_id, step)

    async def send_back(
        self, actor: Actor, announcement_id: int, remark: str, *, role: Role | None = None
    ) -> AnnouncementView:
        """A second functional manager sends it back to its author as a draft, with why (shown on its card)."""
        await self._author_role(actor, role)
        text = remark.strip()[:REMARK_MAX] or None

        async def step(session: Session, row: Announcement) -> bool:
            if row.status != AnnouncementStatus.AWAITING_APPROVAL:
                raise WrongStatus(row.status)
            if row.author_key == actor.key:
                raise NotAllowed("the author cannot review their own announcement")
            row.status = AnnouncementStatus.DRAFT
            row.approver_key = row.approver_name = None
            row.review_remark = text
            notice = AnnouncementSentBack(row.id, row.revision, actor.name or actor.key, text or "")
            await self.jobs.enqueue(session, notice)
            await self.enqueue_report(session, row.id)
            return False

        return await self._change(announcement_id, step)

    async def cancel(self, actor: Actor, announcement_id: int, *, role: Role | None = None) -> AnnouncementView:
        """A scheduled (or awaiting) announcement will not go out."""
        await self._author_role(actor, role)

        async def step(session: Session, row: Announcement) -> bool:
            if row.status not in (AnnouncementStatus.SCHEDULED, AnnouncementStatus.AWAITING_APPROVAL):
                raise WrongStatus(row.status)
            await self.jobs.cancel(session, start_key(row))
            row.status = AnnouncementStatus.CANCELLED
            return False

        return await self._change(announcement_id, step)

    async def recall(self, actor: Actor, announcement_id: int, *, role: Role | None = None) -> AnnouncementView:
        """Take a sent announcement back: every delivered card is deleted, nothing more is sent."""
        await self._author_role(actor, role)

        async def step(session: Session, row: Announcement) -> bool:
            if row.status not in LIVE_STATUSES:
                raise WrongStatus(row.status)
            repo = AnnouncementRepository(session)
            row.status = AnnouncementStatus.RECALLED
            row.recalled_at = self.clock()
            row.unresolved = 0  # chunks still opening chats write nothing more
            await self.jobs.cancel(session, remind_key(row))
            await repo.recall_unsent(row.id)
            due = await repo.mark_for_delete(row.id, self.clock())
            await self.enqueue_report(session, row.id)
            return due > 0

        return await self._change(announcement_id, step)

    async def set_report_card(self, announcement_id: int, conversation_id: str, activity_id: str) -> None:
        """Where the author's report card was posted, so announcement.report jobs update it."""
        async with self.db.transaction() as session:
            row = await self._row(session, announcement_id)
            row.report_conversation_id, row.report_activity_id = conversation_id, activity_id

    # ------------------------------------------------------------------ recipients
    async def acknowledge(self, user_key: str, announcement_id: int) -> dict[str, Any]:
        """A recipient's 'Gelezen' (recorded once): their card showing it; NotARecipient when it was never sent to
        them, WrongStatus when the announcement is not live or asks for none, AnnouncementNotFound."""
        now = self.clock()
        slot = report_slot(now)
        if self._reported.get(announcement_id) == slot:  # this slot's report is queued: the UPDATE alone will do
            async with self.db.statement() as connection:
                recorded = await acknowledge_alone(connection, announcement_id, user_key, now)
            card = self._reader_cards.get(announcement_id, *recorded) if recorded is not None else None
            if card is not None:
                return card
            # nothing recorded (the transaction below says why) or no card rendered yet (it finds it acknowledged)
        reported = False
        async with self.db.transaction() as session:
            repo = AnnouncementRepository(session)
            recorded = await repo.acknowledge(announcement_id, user_key, now)
            if recorded is None:
                return await self._acknowledged_before(session, user_key, announcement_id)
            if self._reported.get(announcement_id) != slot:  # one enqueue per slot and process; the key dedupes
                await self.enqueue_report(session, announcement_id)
                reported = True
            revision, language = recorded
            card = self._reader_cards.get(announcement_id, revision, language)
            if card is None:
                card = self._reader_cards.put(await self._row(session, announcement_id), now)
        if reported:
            if len(self._reported) >= READER_CARDS:  # bounded: forget the slots that are over
                self._reported = {key: seen for key, seen in self._reported.items() if seen == slot}
            self._reported[announcement_id] = slot
            self.wake()
        return card

    async def _acknowledged_before(self, session: Session, user_key: str, announcement_id: int) -> dict[str, Any]:
        """Why nothing was recorded: the reader's card when they had acknowledged already, else the refusal."""
        repo = AnnouncementRepository(session)
        row = await repo.get(announcement_id)
        if row is None:
            raise AnnouncementNotFound(announcement_id)
        if row.status not in LIVE_STATUSES or not row.ack_required:
            raise WrongStatus(row.status)
        delivery = await repo.delivery(announcement_id, user_key)
        if delivery is None or delivery.status != DeliveryStatus.SENT:
            raise NotARecipient(user_key)
        return self._reader_cards.get(row.id, row.revision, row.language) or self._reader_cards.put(row, self.clock())

    async def acknowledged(self, user_key: str, announcement_id: int) -> bool:
        """Whether this recipient clicked 'Gelezen' (for rendering their card)."""
        async with self.db.read() as session:
            delivery = await AnnouncementRepository(session).delivery(announcement_id, user_key)
        return delivery is not None and delivery.acknowledged_at is not None

    async def enqueue_report(self, session: Session, announcement_id: int) -> None:
        """Refresh the author's card at the end of the current 5-second slot (one job per slot, in `session`)."""
        now = self.clock()
        slot = report_slot(now)
        await self.jobs.enqueue(
            session,
            AnnouncementReport(announcement_id),
            run_at=datetime.fromtimestamp((slot + 1) * REPORT_SLOT, tz=now.tzinfo),
            dedupe_key=f"announcement-report:{announcement_id}:{slot}",
            max_attempts=3,
        )

    # ------------------------------------------------------------------ helpers
    def _check_audience(self, row: Announcement) -> None:
        audience = Audience.from_json(row.audience)
        if audience.kind in GRAPH_AUDIENCES and self.graph is None:
            raise DraftError({"audience": "announcement.error.needs_graph"})

    def _check_send_at(self, send_at: datetime | None) -> None:
        if send_at is not None and not later(send_at, self.clock()):
            raise DraftError({"send_at": "announcement.error.send_at_past"})

    async def _await_approval(self, session: Session, row: Announcement) -> None:
        """Waiting for a second functional manager: the approval card of this revision goes to functional management."""
        row.status = AnnouncementStatus.AWAITING_APPROVAL
        await self.jobs.enqueue(session, AnnouncementApproval(row.id, row.revision))

    async def _schedule(
        self, session: Session, row: Announcement, *, as_author: str | None = None, bot_note: str | None = None
    ) -> None:
        """Scheduled with a start job at its send time, or sending now; the job resolves the audience (and, given
        the author's sealed sign-in, has their channel cards posted as them)."""
        send_at = aware(row.send_at)
        now = self.clock()
        if send_at is None or send_at <= now:
            row.status = AnnouncementStatus.SENDING
            run_at = now
        else:
            row.status = AnnouncementStatus.SCHEDULED
            run_at = send_at
        start = AnnouncementStart(row.id, as_author=as_author, bot_note=bot_note)
        await self.jobs.enqueue(session, start, run_at=run_at, dedupe_key=start_key(row), max_attempts=10)

    async def schedule_reminder(self, session: Session, row: Announcement) -> None:
        """The reminder job at the acknowledgement deadline (a new key per revision, so an edit can move it)."""
        if not row.ack_required or row.ack_deadline is None:
            return
        await self.jobs.enqueue(
            session,
            AnnouncementRemind(row.id),
            run_at=aware(row.ack_deadline),
            dedupe_key=remind_key(row),
        )


def _iso(value: datetime | None) -> str:
    moment = aware(value)
    return moment.isoformat() if moment else ""
