"""The release watch's digest: new Message Center posts, each with 'Maak aankondiging' and 'Niet relevant'."""

from __future__ import annotations

from typing import Any

from cards.common import adaptive_card, execute, heading, text
from cards.tickets import format_when
from cards.views import ReleasePostView
from i18n import t
from vocabulary.actions import DISMISS_RELEASE, DRAFT_RELEASE, ReleaseClick


def _post(post: ReleasePostView, lang: str) -> dict[str, Any]:
    """One post: title, its services, the 'actie vereist voor' date, and its three buttons."""
    services = ", ".join(post.services) or t("release.digest.no_service", lang)
    facts = [text(t("release.digest.services", lang, services=services), isSubtle=True, spacing="None", size="Small")]
    if post.action_required_by is not None:
        when = format_when(post.action_required_by, lang)
        facts.append(text(t("release.digest.action_by", lang, date=when), weight="Bolder", spacing="None"))
    if post.is_major_change:
        facts.append(text(t("release.digest.major", lang), color="Attention", spacing="None", size="Small"))
    click = ReleaseClick(message_id=post.id)
    return {
        "type": "Container",
        "separator": True,
        "spacing": "Medium",
        "items": [
            text(t("release.digest.post_title", lang, id=post.id, title=post.title), weight="Bolder"),
            *facts,
            {
                "type": "ActionSet",
                "actions": [
                    execute(DRAFT_RELEASE, t("release.digest.draft", lang), click, style="positive"),
                    execute(DISMISS_RELEASE, t("release.digest.dismiss", lang), click),
                    {"type": "Action.OpenUrl", "title": t("release.digest.open", lang), "url": post.url},
                ],
            },
        ],
    }


def release_digest_card(*, posts: list[ReleasePostView], more: int, lang: str) -> dict[str, Any]:
    """The digest for functional management's channel; `more` posts wait for the next digest."""
    body: list[dict[str, Any]] = [
        heading(t("release.digest.title", lang)),
        text(t("release.digest.intro", lang, count=len(posts)), spacing="None"),
    ]
    body.extend(_post(post, lang) for post in posts)
    if more:
        body.append(text(t("release.digest.more", lang, count=more), isSubtle=True))
    return adaptive_card(body)
