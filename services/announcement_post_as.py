"""announcement.post_as: an announcement's channel cards posted through Graph as its signed-in author.

Graph lets an app post a channel message only with a person's delegated token (ChannelMessage.Send), so the
author's token (from the API) waits, sealed, in this job's payload and is exchanged on-behalf-of when the job runs.
What cannot be posted as them goes to the fan-out engine (op=send) with the reason: the token expired or Entra ID
refused it, Graph refused the message, the channel's team is unknown, or Graph stayed busy while the token lasted.
Graph's 429 and 5xx are retried by the job worker (Retry-After honoured); each card posted is recorded in its own
transaction, so a retry posts only what is still waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from services.announcements import AnnouncementService
from services.jobs import PermanentJobError, Worker
from services.payloads import AnnouncementPostAs
from services.ports import DeliveryError, Graph, SignInRefused
from services.sign_in import Sealer
from storage import AnnouncementRepository, GroupRepository, Session
from storage.models import AnnouncementDelivery
from vocabulary import LIVE_STATUSES

log = logging.getLogger(__name__)

MARGIN = timedelta(seconds=60)
"""A token this close to its expiry is not exchanged any more (the exchange and the post take a moment)."""


class AuthorPosting:
    """Registers announcement.post_as on a worker."""

    def __init__(self, announcements: AnnouncementService, graph: Graph | None, sealer: Sealer) -> None:
        self.announcements = announcements
        self.db = announcements.db
        self.graph = graph
        self.sealer = sealer

    def register(self, worker: Worker) -> None:
        """Attach the handler, and the step that hands every waiting card to the bot when the job gives up."""
        worker.handle(AnnouncementPostAs, on_failure=self.gave_up)(self.post)

    async def post(self, payload: AnnouncementPostAs) -> None:
        """Post each waiting channel card as the author, else hand it to the bot with why."""
        service = self.announcements
        async with self.db.read() as session:
            repo = AnnouncementRepository(session)
            row = await repo.get(payload.announcement_id)
            if row is None:
                raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
            waiting = await repo.awaiting_author(row.id)
            teams = {g.channel_id: g.team_id for g in await GroupRepository(session).all() if g.channel_id}
        if not waiting or row.status not in LIVE_STATUSES:
            return  # posted by an earlier run, or recalled (its waiting rows are recalled with it)
        if self.graph is None:  # queued while this instance's Graph settings were on
            await self._to_bot(waiting, "no_graph")
            return
        sign_in = await self.sealer.open(payload.as_author)
        if sign_in is None or sign_in.expires_at - service.clock() < MARGIN:
            await self._to_bot(waiting, "signin_expired")
            return
        unknown = [d for d in waiting if not teams.get(d.recipient_key)]
        await self._to_bot(unknown, "no_team")
        todo = [d for d in waiting if teams.get(d.recipient_key)]
        for index, delivery in enumerate(todo):
            channel = delivery.recipient_key
            card = service.render(row, delivery)
            try:
                message_id = await self.graph.post_channel_card_as(sign_in.token, teams[channel] or "", channel, card)
            except SignInRefused as refused:
                log.info("announcement %s: sign-in refused: %s", row.id, refused)
                await self._to_bot(todo[index:], "signin_refused")
                return
            except DeliveryError as error:
                if not error.transient:
                    await self._to_bot([delivery], "graph_refused", error.code or str(error.status or ""))
                    continue
                wait = timedelta(seconds=error.retry_after or 0)
                if sign_in.expires_at - service.clock() - wait < MARGIN:
                    await self._to_bot(todo[index:], "graph_failed", error.code)
                    return
                raise  # the worker tries again after Retry-After (or its back-off); what was posted is recorded
            async with self.db.transaction() as session:
                conversation_id = f"{channel};messageid={message_id}"
                repo = AnnouncementRepository(session)
                if await repo.posted_as_author(delivery.id, conversation_id, message_id, row.revision, service.clock()):
                    await service.recorded(session, {row.id})
        service.wake()

    async def gave_up(self, session: Session, payload: AnnouncementPostAs, reason: str) -> None:
        """The job failed for good: every card still waiting is posted by the bot (in the failing transaction)."""
        repo = AnnouncementRepository(session)
        waiting = await repo.awaiting_author(payload.announcement_id)
        await repo.hand_to_bot([d.id for d in waiting], "graph_failed", None, self.announcements.clock())

    async def _to_bot(self, deliveries: Sequence[AnnouncementDelivery], reason: str, code: str | None = None) -> None:
        """These cards go to the fan-out engine after all, saying why."""
        if not deliveries:
            return
        async with self.db.transaction() as session:
            handed = await AnnouncementRepository(session).hand_to_bot(
                [d.id for d in deliveries], reason, code, self.announcements.clock()
            )
        log.info(
            "announcement %s: %d channel card(s) posted by the bot (%s)", deliveries[0].announcement_id, handed, reason
        )
        self.announcements.wake(deliveries=True)
