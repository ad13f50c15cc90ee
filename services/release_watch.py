"""The release watch: read Microsoft 365 Message Center posts daily through Graph, list the new ones in a digest
card in functional management's channel, and turn one into a draft announcement ('Maak aankondiging') or set it
aside ('Niet relevant').

Both runs are job rows that enqueue their next run with a dedupe key per day, so any number of instances starting
(each calls `schedule()`) keeps one watch a day and one digest per cadence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from cards.release_watch import release_digest_card
from cards.views import ReleasePostView
from i18n import t
from services.announcement_drafts import MAX_TEXT, MAX_TITLE, Audience, Draft, Link
from services.announcements import AnnouncementService
from services.clock import REAL_CLOCK, Clock
from services.conversations import ConversationService
from services.directory import Actor, DirectoryService, NotAllowed
from services.jobs import Jobs, PermanentJobError, Worker
from services.payloads import ReleaseDigest, ReleaseWatch
from services.ports import Graph, Messenger, ServiceMessage
from storage import AnnouncementRepository, ReleaseMessageRepository, Session
from storage.models import Announcement, KeyUserGroup, ReleaseMessage
from vocabulary import AnnouncementKind, AudienceKind, DigestCadence, GroupKind, ReleaseMessageStatus, Role

log = logging.getLogger(__name__)

LAST_RUN = "release_watch.last_run"
"""Settings row: when the last watch started reading (ISO, UTC)."""
SERVICES_SETTING = "release_watch.services"
"""Settings row: the services watched, comma-separated (overrides RELEASE_WATCH_SERVICES)."""
CADENCE_SETTING = "release_watch.digest"
"""Settings row: weekly or daily (overrides RELEASE_DIGEST)."""
OVERLAP = timedelta(hours=1)
"""Read back this far before the last run: Graph's listing is eventually consistent; the upsert is idempotent."""
WATCH_AT = time(5, 0)
DIGEST_AT = time(7, 0)
"""UTC times of the daily watch and of the digest (weekly: on Mondays)."""
DIGEST_LIMIT = 15
"""Posts in one digest card; the rest wait for the next."""
MESSAGE_CENTER_URL = "https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/{id}"
SOURCE = "release-watch"


class UnknownRelease(LookupError):
    """No Message Center post with this id."""


class NoManagementChannel(LookupError):
    """No functional-management group has a linked channel (the digest's home and a draft's first audience)."""


class _AlreadyDecided(Exception):
    """The post was drafted or dismissed meanwhile (the draft's transaction rolls back)."""


@dataclass(frozen=True)
class ReleaseDecision:
    """What a click on the digest did: `done` False when the post was already drafted or dismissed."""

    message_id: str
    status: ReleaseMessageStatus
    done: bool
    announcement_id: int | None = None


def watch_key(day: str) -> str:
    """Dedupe key of the watch for one day (UTC, ISO date)."""
    return f"release-watch:{day}"


def digest_key(day: str) -> str:
    """Dedupe key of the digest for one day (UTC, ISO date)."""
    return f"release-digest:{day}"


def next_watch(now: datetime) -> datetime:
    """The next daily watch after `now`."""
    today = datetime.combine(now.astimezone(timezone.utc).date(), WATCH_AT, timezone.utc)
    return today if today > now else today + timedelta(days=1)


def next_digest(now: datetime, cadence: DigestCadence) -> datetime:
    """The next digest after `now`: tomorrow's (or today's) morning, or Monday's for a weekly digest."""
    moment = datetime.combine(now.astimezone(timezone.utc).date(), DIGEST_AT, timezone.utc)
    if moment <= now:
        moment += timedelta(days=1)
    if cadence == DigestCadence.WEEKLY:
        moment += timedelta(days=(7 - moment.weekday()) % 7)
    return moment


def wanted(message: ServiceMessage, services: tuple[str, ...]) -> bool:
    """Whether a post concerns one of the services watched (every post when none are named)."""
    if not services:
        return True
    watched = {name.casefold() for name in services}
    return any(service.casefold() in watched for service in message.services)


def _columns(message: ServiceMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "title": message.title[:500],
        "services": list(message.services),
        "category": message.category,
        "severity": message.severity,
        "is_major_change": message.is_major_change,
        "action_required_by": message.action_required_by,
        "body": message.body,
        "last_modified": message.last_modified,
    }


def post_view(row: ReleaseMessage) -> ReleasePostView:
    """A stored post as the digest shows it."""
    return ReleasePostView(
        id=row.id,
        title=row.title,
        services=tuple(row.services or ()),
        action_required_by=row.action_required_by,
        is_major_change=row.is_major_change,
        url=MESSAGE_CENTER_URL.format(id=row.id),
    )


def _fit(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis (the author edits the draft before it goes out)."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


class ReleaseWatchService:
    """The release.watch and release.digest jobs and the digest's two buttons."""

    def __init__(
        self,
        announcements: AnnouncementService,
        graph: Graph | None,
        *,
        services: tuple[str, ...] = (),
        cadence: DigestCadence = DigestCadence.WEEKLY,
        lang: str = "nl",
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self.announcements = announcements
        self.db = announcements.db
        self.jobs: Jobs = announcements.jobs
        self.directory: DirectoryService = announcements.directory
        self.conversations: ConversationService = announcements.conversations
        self.messenger: Messenger | None = None
        self.graph = graph
        self.services = services
        self.cadence = cadence
        self.lang = lang
        self.clock = clock

    def register(self, worker: Worker, messenger: Messenger) -> None:
        """Attach the two job handlers to `worker`; the digest goes out through `messenger`."""
        self.messenger = messenger
        worker.handle(ReleaseWatch)(self.watch)
        worker.handle(ReleaseDigest)(self.digest)

    # ------------------------------------------------------------------ scheduling
    async def schedule(self) -> None:
        """At start: today's watch (now) and the next digest, unless another instance already queued them."""
        now = self.clock()
        async with self.db.transaction() as session:
            await self._enqueue_watch(session, now)
            await self._enqueue_digest(session, next_digest(now, await self._cadence(session)))
        self.jobs.wake()

    async def _enqueue_watch(self, session: Session, when: datetime) -> None:
        day = when.astimezone(timezone.utc).date().isoformat()
        await self.jobs.enqueue(session, ReleaseWatch(day=day), run_at=when, dedupe_key=watch_key(day))

    async def _enqueue_digest(self, session: Session, when: datetime) -> None:
        day = when.astimezone(timezone.utc).date().isoformat()
        await self.jobs.enqueue(session, ReleaseDigest(day=day), run_at=when, dedupe_key=digest_key(day))

    async def _services(self, session: Session) -> tuple[str, ...]:
        stored = await AnnouncementRepository(session).setting(SERVICES_SETTING)
        if stored is None:
            return self.services
        return tuple(name.strip() for name in stored.split(",") if name.strip())

    async def _cadence(self, session: Session) -> DigestCadence:
        stored = await AnnouncementRepository(session).setting(CADENCE_SETTING)
        try:
            return DigestCadence(stored) if stored else self.cadence
        except ValueError:
            return self.cadence

    # ------------------------------------------------------------------ the jobs
    async def watch(self, payload: ReleaseWatch) -> None:
        """Read the posts changed since the last run (Graph first, outside any transaction), keep the watched
        services' ones, upsert them, and queue tomorrow's run."""
        if self.graph is None:
            raise PermanentJobError("the release watch needs Microsoft Graph (GRAPH_* settings)")
        started = self.clock()
        async with self.db.read() as session:
            last = await AnnouncementRepository(session).setting(LAST_RUN)
            services = await self._services(session)
        since = datetime.fromisoformat(last) - OVERLAP if last else None
        messages = await self.graph.service_messages(since)
        kept = [message for message in messages if wanted(message, services)]
        async with self.db.transaction() as session:
            written = await ReleaseMessageRepository(session).upsert([_columns(m) for m in kept], started)
            await AnnouncementRepository(session).set_setting(LAST_RUN, started.isoformat())
            await self._enqueue_watch(session, next_watch(started))
        log.info("release watch: %d post(s) read, %d kept, %d new or changed", len(messages), len(kept), len(written))

    async def digest(self, payload: ReleaseDigest) -> None:
        """Queue the next digest, then post one card listing the new posts in functional management's channel."""
        now = self.clock()
        async with self.db.transaction() as session:
            await self._enqueue_digest(session, next_digest(now, await self._cadence(session)))
        async with self.db.read() as session:
            rows = await ReleaseMessageRepository(session).new()
        if not rows:
            return
        if self.messenger is None:
            raise PermanentJobError("the release digest runs on a worker registered with a messenger")
        group = await self._management()
        if group is None or not group.channel_id:
            raise PermanentJobError("no functional-management group with a linked channel for the release digest")
        reference = await self.conversations.channel_reference(group.channel_id)
        if reference is None:
            raise PermanentJobError(f"no conversation reference for channel {group.channel_id}")
        listed = rows[:DIGEST_LIMIT]
        card = release_digest_card(
            posts=[post_view(row) for row in listed], more=len(rows) - len(listed), lang=self.lang
        )
        await self.messenger.start_thread(reference, group.channel_id, card=card)
        async with self.db.transaction() as session:
            await ReleaseMessageRepository(session).mark_listed([row.id for row in listed], self.clock())
        log.info("release digest: %d post(s) listed, %d wait", len(listed), len(rows) - len(listed))

    async def _management(self) -> KeyUserGroup | None:
        """Functional management's general group with a channel (else any of its groups with one)."""
        groups = [
            g for g in await self.directory.groups() if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT and g.channel_id
        ]
        return next((g for g in groups if not g.application), groups[0] if groups else None)

    # ------------------------------------------------------------------ the digest's buttons
    async def _post(self, message_id: str) -> ReleaseMessage:
        async with self.db.read() as session:
            row = await ReleaseMessageRepository(session).get(message_id)
        if row is None:
            raise UnknownRelease(message_id)
        return row

    async def draft(self, actor: Actor, message_id: str) -> ReleaseDecision:
        """'Maak aankondiging': a draft release note from the post, to functional management's channel until the
        author picks the audience; NotAllowed unless a functional manager."""
        await self._manager(actor)
        row = await self._post(message_id)
        if row.status in (ReleaseMessageStatus.DRAFTED, ReleaseMessageStatus.DISMISSED):
            return ReleaseDecision(row.id, ReleaseMessageStatus(row.status), False, row.announcement_id)
        group = await self._management()
        if group is None:
            raise NoManagementChannel(message_id)
        lang = actor.language or self.lang
        services = ", ".join(row.services or ()) or t("release.digest.no_service", lang)
        body = t("release.draft.text", lang, id=row.id, services=services, body=row.body)
        draft = Draft(
            title=_fit(row.title, MAX_TITLE),
            text=_fit(body, MAX_TEXT),
            audience=Audience(AudienceKind.GROUPS, (group.name,)),
            kind=AnnouncementKind.RELEASE_NOTE,
            links=(Link(t("release.draft.link", lang), MESSAGE_CENTER_URL.format(id=row.id)),),
            application=(row.services or [None])[0],
        )
        now = self.clock()

        async def mark(session: Session, announcement: Announcement) -> None:
            announcement.release_message_id = row.id
            if not await ReleaseMessageRepository(session).decide(
                row.id, ReleaseMessageStatus.DRAFTED, now, announcement.id
            ):
                raise _AlreadyDecided  # another click won: roll this draft back with it

        try:
            view = await self.announcements.create(actor, draft, source=SOURCE, within=mark)
        except _AlreadyDecided:
            row = await self._post(message_id)
            return ReleaseDecision(row.id, ReleaseMessageStatus(row.status), False, row.announcement_id)
        return ReleaseDecision(row.id, ReleaseMessageStatus.DRAFTED, True, view.id)

    async def dismiss(self, actor: Actor, message_id: str) -> ReleaseDecision:
        """'Niet relevant'; NotAllowed unless a functional manager."""
        await self._manager(actor)
        row = await self._post(message_id)
        async with self.db.transaction() as session:
            done = await ReleaseMessageRepository(session).decide(row.id, ReleaseMessageStatus.DISMISSED, self.clock())
        if not done:
            row = await self._post(message_id)
            return ReleaseDecision(row.id, ReleaseMessageStatus(row.status), False, row.announcement_id)
        return ReleaseDecision(row.id, ReleaseMessageStatus.DISMISSED, True)

    async def _manager(self, actor: Actor) -> None:
        if not (await self.directory.role(actor.key)).includes(Role.FUNCTIONAL_MANAGER):
            raise NotAllowed("the release watch's posts need the functional_manager role")
