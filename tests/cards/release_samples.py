"""Sample release-watch digest cards (cards/release_watch.py), merged into tests/cards/samples.CARDS."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable

from cards.release_watch import release_digest_card
from cards.views import ReleasePostView

POSTS = [
    ReleasePostView(
        id="MC172851",
        title="Microsoft Teams: nieuwe vergaderopties",
        services=("Microsoft Teams",),
        action_required_by=datetime(2026, 12, 15, 8, tzinfo=timezone.utc),
        is_major_change=True,
        url="https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC172851",
    ),
    ReleasePostView(
        id="MC180000",
        title="SharePoint Online: opslaglimieten",
        services=("SharePoint Online", "OneDrive for Business"),
        action_required_by=None,
        is_major_change=False,
        url="https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC180000",
    ),
]

RELEASE_CARDS: dict[str, Callable[[str], dict[str, Any]]] = {
    "release_digest": lambda lang: release_digest_card(posts=POSTS, more=0, lang=lang),
    "release_digest_more": lambda lang: release_digest_card(posts=[replace(POSTS[1], services=())], more=4, lang=lang),
}
