"""Four-eyes approval in Teams: the approval card for functional management, and the author told when it comes back.

Each handler reads the announcement afresh: an approval card is posted only for the revision still awaiting
approval (an edit or a decision in between makes the job a no-op), and the sent-back notice names the title as it
is. Delivery is at least once, like every job.
"""

from __future__ import annotations

import logging
from typing import Any

from cards.announcement_form import approval_card
from i18n import t
from matching.text import fold
from services.announcement_delivery import reference_of
from services.announcements import AnnouncementService
from services.jobs import PermanentJobError, Worker
from services.payloads import AnnouncementApproval, AnnouncementSentBack
from services.ports import Messenger
from storage import AnnouncementRepository
from storage.models import KeyUserGroup
from vocabulary import AnnouncementStatus, GroupKind

log = logging.getLogger(__name__)


def management_channel(groups: list[KeyUserGroup], application: str | None) -> KeyUserGroup | None:
    """The functional-management group with a channel that approves: the application's own, else the general one,
    else any."""
    linked = [g for g in groups if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT and g.channel_id]
    wanted = fold(application or "").strip()
    for group in linked:
        if wanted and fold(group.application or "").strip() == wanted:
            return group
    general = [g for g in linked if not g.application]
    return (general or linked or [None])[0]


class ApprovalDelivery:
    """Registers the approval job kinds on a worker and carries them out through a Messenger."""

    def __init__(self, announcements: AnnouncementService, messenger: Messenger, channel_language: str = "nl") -> None:
        self.announcements = announcements
        self.directory = announcements.directory
        self.conversations = announcements.conversations
        self.messenger = messenger
        self.lang = channel_language
        self.db = announcements.db

    def register(self, worker: Worker) -> None:
        """Attach the handlers to `worker`."""
        worker.handle(AnnouncementApproval)(self.ask)
        worker.handle(AnnouncementSentBack)(self.sent_back)

    async def ask(self, payload: AnnouncementApproval) -> None:
        """Post the approval card in functional management's channel, else in the other functional managers' chats."""
        view = await self.announcements.get(payload.announcement_id)
        if view is None:
            raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
        if view.status != AnnouncementStatus.AWAITING_APPROVAL or view.revision != payload.revision:
            return  # decided, cancelled or edited since: a later job (if any) asks about the newer revision
        card = approval_card(view=view, lang=self.lang)
        groups = await self.directory.groups()
        group = management_channel(groups, view.application)
        reference = await self.conversations.channel_reference(group.channel_id) if group else None
        if group is not None and group.channel_id and reference is not None:
            await self.messenger.start_thread(reference, group.channel_id, card=card)
            return
        managers = {
            person.key
            for g in groups
            if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT
            for person, _chair in await self.directory.members(g.id)
        } - {view.author.key}
        sent = 0
        for key in sorted(managers):
            chat = await self.conversations.reference_for(key)
            if chat is not None:
                await self.messenger.send(chat, card=card)
                sent += 1
        if not sent:
            raise PermanentJobError(f"announcement {view.id}: no functional-management channel or colleague to ask")

    async def sent_back(self, payload: AnnouncementSentBack) -> None:
        """Tell the author why it came back: under their card where they sent it, else in their personal chat."""
        async with self.db.read() as session:
            row = await AnnouncementRepository(session).get(payload.announcement_id)
            if row is None:
                raise PermanentJobError(f"announcement {payload.announcement_id} does not exist")
            reference: dict[str, Any] | None = None
            if row.report_conversation_id:
                reference = await reference_of(session, row.report_conversation_id)
            author, title, lang = row.author_key, row.title, row.language or self.lang
        if reference is None:
            reference = await self.conversations.reference_for(author)
        if reference is None:
            raise PermanentJobError(f"announcement {payload.announcement_id}: no conversation with its author {author}")
        text = t("authoring.notice.sent_back", lang, name=payload.by, title=title, remark=payload.remark)
        await self.messenger.send(reference, text=text)
