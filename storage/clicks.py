"""Counting a click on an announcement card's link."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Announcement, AnnouncementDelivery


async def link_url(session: AsyncSession, delivery_id: int, index: int) -> str | None:
    """The URL of link `index` on the card of delivery `delivery_id`, or None when there is no such link."""
    links = await session.scalar(
        select(Announcement.links)
        .join(AnnouncementDelivery, AnnouncementDelivery.announcement_id == Announcement.id)
        .where(AnnouncementDelivery.id == delivery_id)
    )
    if not isinstance(links, list) or not 0 <= index < len(links) or not isinstance(links[index], dict):
        return None
    url = links[index].get("url")
    return url if isinstance(url, str) and url else None


async def count_click(session: AsyncSession, delivery_id: int) -> None:
    """One more click on a link of delivery `delivery_id`'s card."""
    await session.execute(
        update(AnnouncementDelivery)
        .where(AnnouncementDelivery.id == delivery_id)
        .values(clicks=AnnouncementDelivery.clicks + 1)
    )
