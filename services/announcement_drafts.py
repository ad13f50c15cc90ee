"""What an announcement says and who it goes to, checked before anything is stored (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from vocabulary import AnnouncementKind, AudienceKind

MAX_TITLE = 200
MAX_TEXT = 8000
"""Characters of markdown text (a Teams message holds about 28 KB; the card's other parts need room too)."""
MAX_LINKS = 3
MAX_LINK_TITLE = 80
MAX_URL = 2000
MAX_AUDIENCE_VALUES = 50
"""Channels or groups one announcement may name."""

LIST_AUDIENCES = (AudienceKind.CHANNELS, AudienceKind.GROUPS)
"""Audiences given as a list of ids or names; the others take one value (everyone takes `true`)."""


class DraftError(ValueError):
    """The draft does not fit; `errors` maps each wrong field to the catalogue key that says why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{name}: {key}" for name, key in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Link:
    """A link button: its title and an http(s) URL."""

    title: str
    url: str


@dataclass(frozen=True)
class Audience:
    """Who an announcement goes to: one AudienceKind and its values (none for everyone)."""

    kind: AudienceKind
    values: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The stored and API form, e.g. {"groups": ["Kerngebruikers Zaaksysteem"]} or {"everyone": true}."""
        if self.kind == AudienceKind.EVERYONE:
            return {"everyone": True}
        if self.kind in LIST_AUDIENCES:
            return {self.kind.value: list(self.values)}
        return {self.kind.value: self.values[0]}

    @classmethod
    def from_json(cls, data: Any) -> Audience:
        """The audience an API payload or a stored row names; DraftError({"audience": key}) when it names none."""
        if not isinstance(data, dict) or len(data) != 1:
            raise DraftError({"audience": "announcement.error.audience_one"})
        ((name, value),) = data.items()
        try:
            kind = AudienceKind(name)
        except ValueError:
            raise DraftError({"audience": "announcement.error.audience_one"}) from None
        if kind == AudienceKind.EVERYONE:
            if value is not True:
                raise DraftError({"audience": "announcement.error.audience_everyone"})
            return cls(kind)
        if kind in LIST_AUDIENCES:
            if not isinstance(value, list) or not value or len(value) > MAX_AUDIENCE_VALUES:
                raise DraftError({"audience": "announcement.error.audience_list"})
            values = tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
            if len(values) != len(value):
                raise DraftError({"audience": "announcement.error.audience_list"})
            return cls(kind, tuple(dict.fromkeys(values)))
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            raise DraftError({"audience": "announcement.error.audience_value"})
        return cls(kind, (value.strip(),))


def _url_ok(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("https", "http") and bool(parts.netloc) and len(url) <= MAX_URL


@dataclass(frozen=True)
class Draft:
    """An announcement's content and settings as its author gives them (Teams form or API)."""

    title: str
    text: str
    audience: Audience
    kind: AnnouncementKind = AnnouncementKind.UPDATE
    image_url: str | None = None
    links: tuple[Link, ...] = ()
    application: str | None = None
    ack_required: bool = False
    send_at: datetime | None = None
    """Timezone-aware; None means it is sent by hand ('Nu versturen')."""
    ack_deadline: datetime | None = None
    notify: bool = False
    """An activity-feed notification goes with each person's card (Graph, after the card was sent)."""

    def check(self) -> None:
        """Raise DraftError naming every field that does not fit."""
        errors: dict[str, str] = {}
        if not self.title.strip():
            errors["title"] = "announcement.error.title_empty"
        elif len(self.title) > MAX_TITLE:
            errors["title"] = "announcement.error.title_long"
        if not self.text.strip():
            errors["text"] = "announcement.error.text_empty"
        elif len(self.text) > MAX_TEXT:
            errors["text"] = "announcement.error.text_long"
        if self.image_url is not None and not _url_ok(self.image_url):
            errors["image_url"] = "announcement.error.url"
        if len(self.links) > MAX_LINKS:
            errors["links"] = "announcement.error.links_many"
        elif any(
            not link.title.strip() or len(link.title) > MAX_LINK_TITLE or not _url_ok(link.url) for link in self.links
        ):
            errors["links"] = "announcement.error.link"
        for name in ("send_at", "ack_deadline"):
            when = getattr(self, name)
            if when is not None and when.tzinfo is None:
                errors[name] = "announcement.error.naive_time"
        if self.send_at and self.ack_deadline and self.ack_deadline <= self.send_at:
            errors["ack_deadline"] = "announcement.error.deadline_before_send"
        if errors:
            raise DraftError(errors)
