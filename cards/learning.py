"""The learned phrasings' review card: each asked question with the entry it would answer, to approve or reject."""

from __future__ import annotations

from typing import Any

from cards.common import action_set, adaptive_card, execute, heading, quote, text
from cards.views import LearnedPhrasingView, LearningReviewView
from i18n import t
from vocabulary.actions import APPROVE_LEARNED, REJECT_LEARNED, LearnedClick


def _policy(auto_approve_after: int, lang: str) -> str:
    if auto_approve_after:
        return t("learned.review.policy_auto", lang, count=auto_approve_after)
    return t("learned.review.policy_review_only", lang)


def _phrasing(phrasing: LearnedPhrasingView, lang: str) -> dict[str, Any]:
    """One proposal: the question as asked, the entry, the signals, and its two buttons."""
    click = LearnedClick(phrasing_id=phrasing.id)
    signals = t("learned.review.signals", lang, confirmations=phrasing.confirmations, against=phrasing.counter_signals)
    return {
        "type": "Container",
        "separator": True,
        "spacing": "Medium",
        "items": [
            text(t("learned.review.asked", lang, text=quote(phrasing.text)), weight="Bolder"),
            text(t("learned.review.entry", lang, question=quote(phrasing.entry_question)), spacing="None"),
            text(signals, isSubtle=True, size="Small", spacing="None"),
            action_set(
                execute(APPROVE_LEARNED, t("learned.review.approve", lang), click, style="positive"),
                execute(REJECT_LEARNED, t("learned.review.reject", lang), click),
            ),
        ],
    }


def learning_review_card(review: LearningReviewView, *, lang: str) -> dict[str, Any]:
    """Functional management's review card; after a click the same card, with what was just decided on top."""
    body: list[dict[str, Any]] = [heading(t("learned.review.title", lang))]
    if review.decided:
        body.append(text(t(review.decided, lang, text=quote(review.decided_text or "")), color="Good"))
    if not review.phrasings:
        body.append(text(t("learned.review.none", lang)))
    else:
        body.append(text(t("learned.review.intro", lang, count=len(review.phrasings) + review.more), spacing="None"))
        body.extend(_phrasing(phrasing, lang) for phrasing in review.phrasings)
        if review.more:
            body.append(text(t("learned.review.more", lang, count=review.more), isSubtle=True))
    body.append(text(_policy(review.auto_approve_after, lang), isSubtle=True, size="Small", spacing="Medium"))
    return adaptive_card(body)
