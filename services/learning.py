"""Learning from use: questions that belong to an entry become its learned phrasings, under a visible policy."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cards.views import LearnedPhrasingView, LearningReviewView
from matching.matcher import exact_key
from services.directory import NotAllowed
from storage import Database, FaqRepository, LearnedPhrasingRepository, Session
from storage.models import LearnedPhrasing, utcnow
from vocabulary import (
    AUTO_APPROVE_DEFAULT,
    AUTO_APPROVE_SETTING,
    NOT_FAQ_ENTRY,
    POSITIVE_SIGNALS,
    PhrasingStatus,
    Role,
    SignalKind,
)

if TYPE_CHECKING:
    from services.directory import DirectoryService
    from services.faq import FaqService
    from services.questions import QuestionService

MAX_PHRASING = 300
"""Longest question learned as a phrasing (longer ones are stories, not phrasings)."""
AUTO = "auto"
"""decided_by of a phrasing approved by its confirmations."""
REVIEW_LIMIT = 8
"""Proposals one review card shows (the oldest first); the rest follow as these are decided."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_NUMBER = re.compile(r"\+?\d[\d .\-/]{6,}\d")  # BSN (9 digits), phone numbers (10, or +31 ...) and the like
MASK = "…"
"""What an e-mail address or a long number is replaced with in a stored out-of-scope question."""


def mask_personal_data(text: str) -> str:
    """The text with every e-mail address and long number (8+ digits: BSN, phone number) replaced by MASK."""
    text = _EMAIL.sub(MASK, text)
    return _NUMBER.sub(lambda match: MASK if sum(c.isdigit() for c in match.group()) >= 8 else match.group(), text)


def personal_data(text: str) -> bool:
    """Whether a question holds an e-mail address or a long number (BSN, phone number): such text is never learned."""
    return mask_personal_data(text) != text


def _digest(user_key: str) -> str:
    """A pseudonym of an asker, enough to count each asker's confirmation once."""
    return hashlib.sha256(user_key.encode("utf-8")).hexdigest()[:16]


def _text_key(text: str) -> str:
    return hashlib.sha1(exact_key(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PhrasingView:
    """A learned phrasing as the review card and the CLI show it."""

    id: int
    entry_id: str
    text: str
    status: str
    confirmations: int
    counter_signals: int
    kinds: tuple[str, ...]
    created_at: datetime


def _view(row: LearnedPhrasing) -> PhrasingView:
    return PhrasingView(
        id=row.id,
        entry_id=row.entry_id,
        text=row.text,
        status=row.status,
        confirmations=row.confirmations,
        counter_signals=row.counter_signals,
        kinds=tuple(row.kinds or ()),
        created_at=row.created_at,
    )


class LearningService:
    """Records signals of use, keeps the policy and functional management's decisions on learned phrasings."""

    def __init__(self, db: Database, directory: DirectoryService | None = None) -> None:
        self.db = db
        self.directory = directory

    # ------------------------------------------------------------------ signals
    @staticmethod
    async def signal(session: Session, *, entry_id: str, text: str, kind: SignalKind, asker_key: str) -> bool:
        """Record one signal in the caller's transaction; True when the phrasings the matcher uses changed.

        The first positive signal proposes the question as a phrasing; each further asker confirms it, a 'Nee'
        counts against. Once confirmations minus counter-signals reach the policy's number it is approved
        without review. Personal data, rejected phrasings and questions that already are a phrasing of the
        entry are never learned.
        """
        text = " ".join((text or "").split())
        if not text or len(text) > MAX_PHRASING or not exact_key(text) or personal_data(text):
            return False
        entry = await FaqRepository(session).get(entry_id)
        if entry is None or exact_key(text) in {exact_key(p) for p in (entry.question, *(entry.alternates or ()))}:
            return False
        repo = LearnedPhrasingRepository(session)
        key = _text_key(text)
        row = await repo.find(entry_id, key)
        positive = kind in POSITIVE_SIGNALS
        if row is None:
            if not positive:
                return False
            row = await repo.add(entry_id, text, key)
        if row.status == PhrasingStatus.REJECTED:
            return False
        source = _digest(asker_key)
        counted = positive and source in (row.sources or [])
        if not counted:
            if positive:
                row.confirmations += 1
                row.sources = [*(row.sources or []), source]
            else:
                row.counter_signals += 1
        if kind not in (row.kinds or []):
            row.kinds = [*(row.kinds or []), str(kind)]
        row.updated_at = utcnow()
        needed = await _auto_approve_after(repo)
        was_used = row.status == PhrasingStatus.APPROVED
        if row.status == PhrasingStatus.PROPOSED and needed and row.confirmations - row.counter_signals >= needed:
            row.status, row.decided_at, row.decided_by = PhrasingStatus.APPROVED, utcnow(), AUTO
        elif was_used and row.decided_by == AUTO and row.counter_signals >= row.confirmations:
            row.status, row.decided_at = PhrasingStatus.PROPOSED, None  # 'Nee' outweighs: back to review
        changed = was_used != (row.status == PhrasingStatus.APPROVED)
        if changed:
            await FaqRepository(session).bump_revision()
        return changed

    @staticmethod
    async def not_faq(session: Session, *, text: str, asker_key: str, decided_by: str) -> bool:
        """Record a question closed as 'geen FAQ' in the caller's transaction; True when the matcher's set changed.

        It is a real out-of-scope question: the matcher's calibration asks it as a negative on every instance (the
        KB revision tells them). A key user decided it, so it is used at once; functional management can still
        reject it (`faq learned --reject ID`). E-mail addresses and long numbers are masked before it is stored.
        """
        text = mask_personal_data(" ".join((text or "").split()))
        if not text or len(text) > MAX_PHRASING or not exact_key(text):
            return False
        repo = LearnedPhrasingRepository(session)
        key = _text_key(text)
        row = await repo.find(NOT_FAQ_ENTRY, key)
        added = row is None
        if row is None:
            row = await repo.add(NOT_FAQ_ENTRY, text, key)
            row.status, row.decided_at, row.decided_by = PhrasingStatus.APPROVED, utcnow(), decided_by
        source = _digest(asker_key)
        if source not in (row.sources or []):
            row.confirmations += 1
            row.sources = [*(row.sources or []), source]
        if SignalKind.NOT_FAQ not in (row.kinds or []):
            row.kinds = [*(row.kinds or []), str(SignalKind.NOT_FAQ)]
        row.updated_at = utcnow()
        if added:
            await FaqRepository(session).bump_revision()
        return added

    # ------------------------------------------------------------------ policy
    async def auto_approve_after(self) -> int:
        """Independent confirmations after which a proposal is used without review (0: only after approval)."""
        async with self.db.read() as session:
            return await _auto_approve_after(LearnedPhrasingRepository(session))

    async def set_auto_approve_after(self, confirmations: int) -> None:
        """Change the policy for every instance (proposals already past the new number wait for their next signal)."""
        if confirmations < 0:
            raise ValueError("confirmations must be 0 or more")
        async with self.db.transaction() as session:
            await LearnedPhrasingRepository(session).set_setting(AUTO_APPROVE_SETTING, str(confirmations))

    # ------------------------------------------------------------------ review
    async def listed(self, statuses: tuple[str, ...] = (PhrasingStatus.PROPOSED,)) -> list[PhrasingView]:
        """Phrasings in these statuses, by entry."""
        async with self.db.read() as session:
            return [_view(row) for row in await LearnedPhrasingRepository(session).with_status(statuses)]

    async def out_of_scope(self) -> list[PhrasingView]:
        """The questions closed as 'geen FAQ', newest first: approved ones are the matcher's negatives."""
        async with self.db.read() as session:
            return [_view(row) for row in await LearnedPhrasingRepository(session).out_of_scope_rows()]

    async def decide(
        self, phrasing_id: int, *, approve: bool, decided_by: str, only_proposed: bool = False
    ) -> PhrasingView | None:
        """Approve or reject one phrasing (None when it does not exist); the index changes on every instance.

        With `only_proposed` a phrasing decided before is left as it is (a review card's button clicked late)."""
        async with self.db.transaction() as session:
            row = await LearnedPhrasingRepository(session).get(phrasing_id, for_update=only_proposed)
            if row is None:
                return None
            if only_proposed and row.status != PhrasingStatus.PROPOSED:
                return _view(row)
            status = PhrasingStatus.APPROVED if approve else PhrasingStatus.REJECTED
            if row.status != status:
                used = PhrasingStatus.APPROVED in (row.status, status)
                row.status, row.decided_at, row.decided_by = status, utcnow(), decided_by
                if used:
                    await FaqRepository(session).bump_revision()
            return _view(row)

    async def review(self, actor_key: str, *, limit: int = REVIEW_LIMIT) -> LearningReviewView:
        """The review card's content for a functional manager; NotAllowed for anyone else."""
        await self._require_manager(actor_key)
        return await self._review(limit)

    async def decide_as(self, actor_key: str, phrasing_id: int, *, approve: bool) -> LearningReviewView | None:
        """A functional manager's decision from the review card, and the card after it (None: no such phrasing)."""
        await self._require_manager(actor_key)
        view = await self.decide(phrasing_id, approve=approve, decided_by=actor_key, only_proposed=True)
        if view is None:
            return None
        approved = view.status == PhrasingStatus.APPROVED
        if view.status == (PhrasingStatus.APPROVED if approve else PhrasingStatus.REJECTED):
            key = "learned.review.approved" if approved else "learned.review.rejected"
        else:  # decided before (a stale card, a colleague, the CLI): left as it is
            key = "learned.review.already_approved" if approved else "learned.review.already_rejected"
        review = await self._review(REVIEW_LIMIT)
        return LearningReviewView(review.phrasings, review.more, review.auto_approve_after, key, view.text)

    async def _review(self, limit: int) -> LearningReviewView:
        async with self.db.read() as session:
            repo = LearnedPhrasingRepository(session)
            shown, total = await repo.oldest_proposals(limit)
            entries = await FaqRepository(session).get_many({row.entry_id for row in shown})
            phrasings = tuple(
                LearnedPhrasingView(
                    id=row.id,
                    text=row.text,
                    entry_id=row.entry_id,
                    entry_question=entries[row.entry_id].question if row.entry_id in entries else row.entry_id,
                    confirmations=row.confirmations,
                    counter_signals=row.counter_signals,
                )
                for row in shown
            )
            return LearningReviewView(phrasings, total - len(shown), await _auto_approve_after(repo))

    async def _require_manager(self, actor_key: str) -> None:
        if self.directory is None or not (await self.directory.role(actor_key)).includes(Role.FUNCTIONAL_MANAGER):
            raise NotAllowed("reviewing learned phrasings needs the functional_manager role")

    async def approve_all(self, decided_by: str) -> int:
        """Approve every proposal in one transaction; returns how many."""
        async with self.db.transaction() as session:
            rows = await LearnedPhrasingRepository(session).with_status((PhrasingStatus.PROPOSED,))
            now = utcnow()
            for row in rows:
                row.status, row.decided_at, row.decided_by = PhrasingStatus.APPROVED, now, decided_by
            if rows:
                await FaqRepository(session).bump_revision()
            return len(rows)


async def _auto_approve_after(repo: LearnedPhrasingRepository) -> int:
    value = await repo.setting(AUTO_APPROVE_SETTING)
    try:
        return max(int(value), 0) if value is not None else AUTO_APPROVE_DEFAULT
    except ValueError:
        return AUTO_APPROVE_DEFAULT


async def replay_use(faq: FaqService, questions: QuestionService, learning: LearningService, past: list[dict]) -> int:
    """Play past questions ({'q', 'expect'}) as use through the learning path, then approve every proposal.

    Each is asked and logged; when its expected entry is answered or suggested the asker picks it (when
    suggested) and says 'nuttig'; when it is not shown, a key user answers its ticket with that entry (the signal
    TicketService.answer records); out-of-scope ones are closed as 'geen FAQ' (what TicketService.close records:
    a real out-of-scope question for the calibration). Every asker is another person. Returns the number of
    phrasings approved at the end (as `faq learned --approve-all`).
    """
    for index, item in enumerate(past):
        text, expect, asker = item["q"], item.get("expect"), f"replay-{index}"
        decision = await faq.decide(text)
        logged = await questions.record(
            user_key=asker, user_name=None, conversation_id=asker, language="nl", text=text, decision=decision
        )
        if expect is None:
            async with learning.db.transaction() as session:
                await LearningService.not_faq(session, text=text, asker_key=asker, decided_by="replay")
            continue
        shown = [c.entry_id for c in decision.candidates] if decision.outcome != "unknown" else []
        if decision.outcome == "answered" and shown[:1] == [expect]:
            await questions.feedback(logged.id, True, expect)
        elif decision.outcome == "suggested" and expect in shown:
            await questions.choose(logged.id, expect)
            await questions.feedback(logged.id, True, expect)
        else:
            async with learning.db.transaction() as session:
                await LearningService.signal(
                    session, entry_id=expect, text=text, kind=SignalKind.TICKET_ANSWERED, asker_key=asker
                )
    return await learning.approve_all("replay")
