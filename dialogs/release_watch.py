"""The release watch digest's buttons: 'Maak aankondiging' and 'Niet relevant', for functional managers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogs.router import Router
from dialogs.tickets import actor_of
from dialogs.types import Incoming, Outcome
from i18n import t
from i18n.messages.release_watch import RELEASE_STATUS_LABEL
from services.directory import NotAllowed
from services.release_watch import NoManagementChannel, ReleaseDecision, UnknownRelease
from vocabulary.actions import DISMISS_RELEASE, DRAFT_RELEASE, UNKNOWN_RELEASE, ReleaseClick

if TYPE_CHECKING:
    from services.release_watch import ReleaseWatchService


@dataclass
class ReleaseWatchDialog:
    """Flows of the digest card's buttons; registered on a Router."""

    release_watch: "ReleaseWatchService"

    def register(self, router: Router) -> None:
        """Attach the digest's two card actions to `router`."""
        router.action(DRAFT_RELEASE)(self.draft)
        router.action(DISMISS_RELEASE)(self.dismiss)

    async def draft(self, incoming: Incoming, payload: ReleaseClick) -> Outcome:
        """A draft announcement from the post, for the clicking functional manager."""
        lang = incoming.lang
        try:
            decision = await self.release_watch.draft(actor_of(incoming, lang), payload.message_id)
        except NotAllowed:
            return Outcome(message=t("release.refused.role", lang))
        except (UnknownRelease, NoManagementChannel):
            return Outcome(message=t(UNKNOWN_RELEASE, lang))
        if not decision.done:
            return self._decided(decision, lang)
        return Outcome(
            message=t("release.drafted", lang, announcement_id=decision.announcement_id, id=decision.message_id)
        )

    async def dismiss(self, incoming: Incoming, payload: ReleaseClick) -> Outcome:
        """The post is not relevant."""
        lang = incoming.lang
        try:
            decision = await self.release_watch.dismiss(actor_of(incoming, lang), payload.message_id)
        except NotAllowed:
            return Outcome(message=t("release.refused.role", lang))
        except UnknownRelease:
            return Outcome(message=t(UNKNOWN_RELEASE, lang))
        if not decision.done:
            return self._decided(decision, lang)
        return Outcome(message=t("release.dismissed", lang, id=decision.message_id))

    @staticmethod
    def _decided(decision: ReleaseDecision, lang: str) -> Outcome:
        status = t(RELEASE_STATUS_LABEL[decision.status], lang)
        return Outcome(message=t("release.already_decided", lang, id=decision.message_id, status=status))
