"""Functional management's review of learned phrasings in Teams: the command and the review card's two buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cards.learning import learning_review_card
from dialogs.router import Router
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from services.directory import NotAllowed
from vocabulary.actions import APPROVE_LEARNED, REJECT_LEARNED, UNKNOWN_LEARNED, LearnedClick

if TYPE_CHECKING:
    from services.learning import LearningService

REVIEW_PATTERN = r"\s*(geleerde formuleringen|formuleringen beoordelen|learned phrasings)\s*[.!?]*\s*"


@dataclass
class LearningDialog:
    """Flows of the review card; registered on a Router."""

    learning: "LearningService"

    def register(self, router: Router) -> None:
        """Attach the review card's two card actions to `router` (the command is registered with the others)."""
        router.action(APPROVE_LEARNED)(self.approve)
        router.action(REJECT_LEARNED)(self.reject)

    async def review(self, incoming: Incoming) -> Outcome:
        """'geleerde formuleringen': the proposals waiting for review, for functional managers."""
        try:
            review = await self.learning.review(incoming.user.key)
        except NotAllowed:
            return Outcome(replies=[Reply(text=t("learned.refused.role", incoming.lang))])
        return Outcome(replies=[Reply(card=learning_review_card(review, lang=incoming.lang))])

    async def approve(self, incoming: Incoming, payload: LearnedClick) -> Outcome:
        """'Goedkeuren': the matcher uses the phrasing on every instance; the card shows the rest."""
        return await self._decide(incoming, payload, approve=True)

    async def reject(self, incoming: Incoming, payload: LearnedClick) -> Outcome:
        """'Afwijzen': never used, whatever signals follow."""
        return await self._decide(incoming, payload, approve=False)

    async def _decide(self, incoming: Incoming, payload: LearnedClick, *, approve: bool) -> Outcome:
        try:
            review = await self.learning.decide_as(incoming.user.key, payload.phrasing_id, approve=approve)
        except NotAllowed:
            return Outcome(message=t("learned.refused.role", incoming.lang))
        if review is None:
            return Outcome(message=t(UNKNOWN_LEARNED, incoming.lang))
        return Outcome(card=learning_review_card(review, lang=incoming.lang))
