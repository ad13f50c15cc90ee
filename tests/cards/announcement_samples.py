"""Sample announcement cards (cards/announcements.py) in every state, merged into tests/cards/samples.CARDS."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from cards.announcements import announcement_card, announcement_report_card, render_for
from cards.views import AnnouncementView, DeliveryCounts, LinkView, PersonView

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
"""A 1x1 image inline: the renderer test loads nothing from the network."""
SENT_AT = datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM)

RELEASE_NOTE = AnnouncementView(
    id=7,
    kind="release_note",
    status="sent",
    revision=2,
    title="Suite4 versie 26.4",
    text="## Wat is er nieuw\n- Een **nieuw menu**\n- Zaken sneller zoeken\n\nLees de handleiding voor de details.",
    image_url=PIXEL,
    links=(LinkView("Handleiding", "https://intranet.example/suite4"), LinkView("Video", "https://video.example/s4")),
    application="Suite4",
    audience={"groups": ["Kerngebruikers Suite4"]},
    audience_label="groep Kerngebruikers Suite4",
    ack_required=True,
    send_at=SENT_AT,
    author=PersonView("aad-dirk", "Dirk Visser"),
    approver=PersonView("fm-frank", "Frank"),
    language="nl",
    created_at=SENT_AT,
    updated_at=SENT_AT,
    counts=DeliveryCounts(recipients=120, sent=110, failed=2, unreachable=3, acknowledged=64, pending=5, clicks=31),
    ack_deadline=datetime(2026, 12, 10, 17, 0, tzinfo=AMSTERDAM),
)
UPDATE = replace(
    RELEASE_NOTE,
    kind="update",
    status="draft",
    title="Storing e-mail opgelost",
    text="De storing in de e-mail is opgelost.",
    image_url=None,
    links=(),
    application=None,
    ack_required=False,
    send_at=None,
    approver=None,
    ack_deadline=None,
    counts=DeliveryCounts(),
)
REMINDED = replace(RELEASE_NOTE, reminder=True)

ANNOUNCEMENT_CARDS: dict[str, Callable[[str], dict[str, Any]]] = {
    "announcement": lambda lang: announcement_card(view=RELEASE_NOTE, lang=lang),
    "announcement_acknowledged": lambda lang: render_for(RELEASE_NOTE, acknowledged=True, lang=lang),
    "announcement_reminder": lambda lang: render_for(
        replace(RELEASE_NOTE, reminder=True), acknowledged=False, lang=lang
    ),
    "announcement_plain": lambda lang: announcement_card(view=UPDATE, lang=lang),
    "announcement_report": lambda lang: announcement_report_card(view=RELEASE_NOTE, lang=lang),
    "announcement_report_opening_chats": lambda lang: announcement_report_card(
        view=replace(RELEASE_NOTE, status="sending", counts=replace(RELEASE_NOTE.counts, resolving=40)), lang=lang
    ),
    "announcement_report_draft": lambda lang: announcement_report_card(
        view=UPDATE, lang=lang, buttons=[{"type": "Action.OpenUrl", "title": "Help", "url": "https://help.example/"}]
    ),
}
