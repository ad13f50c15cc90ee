"""Counting a click on an announcement card's link."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Announcement, AnnouncementDelivery


async def record_click(session: AsyncSession, delivery_id: int, index: int) -> str | None:
    """Count one click on link `index` of the card of delivery `delivery_id`; the link's URL, or None if unknown."""
    links = await session.scalar(
        select(Announcement.links)
        .join(AnnouncementDelivery, AnnouncementDelivery.announcement_id == Announcement.id)
        .where(AnnouncementDelivery.id == delivery_id)
    )
    if links is None or not 0 <= index < len(links):
        return None
    url = links[index].get("url") if isinstance(links[index], dict) else None
    if not isinstance(url, str) or not url:
        return None
    await session.execute(
        update(AnnouncementDelivery)
        .where(AnnouncementDelivery.id == delivery_id)
        .values(clicks=AnnouncementDelivery.clicks + 1)
    )
    return url
