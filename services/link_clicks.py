"""Following a counted link: check its token, count the click, give the URL to redirect to."""

from __future__ import annotations

import secrets

from cards.views import AnnouncementView
from services.links import counted_links, derived_secret, read_link_token, tracked_url
from storage import Database, StorageUnavailable
from storage.api_keys import stored_secret
from storage.clicks import count_click, link_url

SECRET_SETTING = "link.secret"
"""The settings row holding a random link secret when neither LINK_SECRET nor BOT_PASSWORD is set."""


class LinkClicks:
    """Link tokens' secret (LINK_SECRET, else derived from BOT_PASSWORD, else one stored for every instance)."""

    def __init__(self, db: Database, *, link_secret: str = "", bot_password: str = "", public_url: str = "") -> None:
        self.db = db
        self.public_url = public_url
        """The bot's public address (PUBLIC_URL); without it cards keep their links' own URLs (not counted)."""
        self._secret: bytes | None = None
        if link_secret:
            self._secret = link_secret.encode("utf-8")
        elif bot_password:
            self._secret = derived_secret(bot_password)

    async def secret(self) -> bytes:
        """The key link tokens are signed with; the same on every instance."""
        if self._secret is None:
            async with self.db.transaction() as session:
                stored = await stored_secret(session, SECRET_SETTING, secrets.token_urlsafe(32))
            self._secret = stored.encode("utf-8")
        return self._secret

    def loaded_secret(self) -> bytes:
        """The secret once `secret()` has run (the app loads it at start), for code that cannot await."""
        if self._secret is None:
            raise RuntimeError("the link secret is not loaded yet: await secret() first")
        return self._secret

    def url_for(self, delivery_id: int, index: int, url: str) -> str:
        """The URL delivery `delivery_id`'s card shows for link `index`: counted through /r/ when PUBLIC_URL is set.

        Uncounted while the secret is not loaded (the database was down at start): the reader still gets the link."""
        if not self.public_url or self._secret is None:
            return url
        return tracked_url(self.public_url, delivery_id, index, self._secret)

    async def counted(self, view: AnnouncementView, delivery_id: int) -> AnnouncementView:
        """The view to render delivery `delivery_id`'s card from: its links counted when PUBLIC_URL is set."""
        if not self.public_url or not view.links:
            return view
        return counted_links(view, delivery_id, self.public_url, await self.secret())

    async def follow(self, token: str) -> str | None:
        """The URL link token `token` stands for, its click counted; None for a token that names no link."""
        named = read_link_token(token, await self.secret())
        if named is None:
            return None
        delivery_id, index = named
        async with self.db.read() as session:
            url = await link_url(session, delivery_id, index)
        if url is None:
            return None
        try:
            async with self.db.transaction() as session:
                await count_click(session, delivery_id)
        except StorageUnavailable:  # the database logged why; the reader still gets the page, uncounted
            pass
        return url
