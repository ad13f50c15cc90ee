"""Announcement views: an announcement row as its cards, lists and the API show it (the one place that builds them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from cards.views import AnnouncementView, DeliveryCounts, LinkView, PersonView, ReasonView
from i18n import t
from i18n.messages.announcements import AUDIENCE_LABEL
from services.announcement_drafts import Audience, DraftError
from storage import AnnouncementRepository, GroupRepository, Session
from storage.announcements import StatusCount
from storage.models import Announcement
from vocabulary import AudienceKind, DeliveryStatus


def counts_of(found: dict[str, StatusCount], resolving: int = 0) -> DeliveryCounts:
    """DeliveryCounts from AnnouncementRepository.counts and the people whose chat is still to open."""

    def rows(status: str) -> int:
        return found[status].rows if status in found else 0

    return DeliveryCounts(
        recipients=sum(c.rows for c in found.values()) + resolving,
        sent=rows(DeliveryStatus.SENT),
        failed=rows(DeliveryStatus.FAILED),
        unreachable=rows(DeliveryStatus.UNREACHABLE),
        acknowledged=sum(c.acknowledged for c in found.values()),
        pending=rows(DeliveryStatus.PENDING),
        clicks=sum(c.clicks for c in found.values()),
        resolving=resolving,
    )


async def audience_label(session: Session, audience: dict[str, Any], lang: str) -> str:
    """The audience in words; channels by the name of the group linked to them where there is one."""
    try:
        parsed = Audience.from_json(audience)
    except DraftError:
        return "?"
    if parsed.kind == AudienceKind.EVERYONE:
        return t("announcement.audience.everyone", lang)
    names = list(parsed.values)
    if parsed.kind == AudienceKind.CHANNELS:
        by_channel = {g.channel_id: g.channel_name for g in await GroupRepository(session).all() if g.channel_id}
        names = [by_channel.get(value) or value for value in names]
    return t(AUDIENCE_LABEL[parsed.kind], lang, names=", ".join(names))


async def build_view(session: Session, row: Announcement, now: datetime) -> AnnouncementView:
    """An announcement as cards and the API show it, with its delivery counts."""
    repo = AnnouncementRepository(session)
    counts = counts_of(await repo.counts(row.id), row.unresolved or 0)
    label = await audience_label(session, row.audience or {}, row.language)
    view = content_view(row, now, counts=counts, audience_label=label)
    reasons = tuple(ReasonView(r.status, r.reason, r.code, r.rows) for r in await repo.reason_counts(row.id))
    return replace(view, reasons=reasons, posted_as_author=await repo.posted_by_author(row.id))


def content_view(
    row: Announcement, now: datetime, *, counts: DeliveryCounts | None = None, audience_label: str = ""
) -> AnnouncementView:
    """An announcement's view from its row alone (no counts, no audience in words): what a recipient's card needs."""
    approver = PersonView(row.approver_key, row.approver_name or row.approver_key) if row.approver_key else None
    return AnnouncementView(
        id=row.id,
        kind=row.kind,
        status=row.status,
        revision=row.revision,
        title=row.title,
        text=row.text,
        image_url=row.image_url,
        links=tuple(LinkView(link["title"], link["url"]) for link in row.links or []),
        application=row.application,
        audience=dict(row.audience or {}),
        audience_label=audience_label,
        ack_required=row.ack_required,
        send_at=aware(row.send_at),
        author=PersonView(row.author_key, row.author_name or row.author_key),
        approver=approver,
        language=row.language,
        created_at=aware(row.created_at) or now,
        updated_at=aware(row.updated_at) or now,
        counts=counts or DeliveryCounts(),
        ack_deadline=aware(row.ack_deadline),
        reminder=bool(row.ack_required and row.ack_deadline is not None and not later(row.ack_deadline, now)),
        remark=row.review_remark,
        source=row.source,
        notify=row.notify,
    )


def aware(value: datetime | None) -> datetime | None:
    """A stored moment as UTC-aware (SQLite gives it back naive)."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def later(value: datetime | None, now: datetime) -> bool:
    """Whether a stored moment is still to come."""
    moment = aware(value)
    return moment is not None and moment > now
