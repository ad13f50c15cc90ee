"""Signed tokens for counted links: `/r/{token}` names one delivery's card and one of its links (pure, no I/O).

A token is base64url(delivery id: 8 bytes big-endian, link index: 1 byte, HMAC-SHA256 of both, cut to 16 bytes):
34 characters that cannot be forged or enumerated without the secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from dataclasses import replace

from cards.views import AnnouncementView, LinkView

_BODY = struct.Struct(">QB")
MAC_BYTES = 16
TOKEN_LENGTH = 34
"""Characters of every token (25 bytes in unpadded base64url)."""
MAX_INDEX = 255
PATH = "/r/"
"""Where the bot answers a token with a redirect to the link's URL."""
_DERIVATION = b"vraagbaak link tokens v1"


def _mac(body: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).digest()[:MAC_BYTES]


def link_token(delivery_id: int, index: int, secret: bytes) -> str:
    """The token for link `index` (0-based) on the card of delivery `delivery_id`."""
    if not 0 < delivery_id < 2**63 or not 0 <= index <= MAX_INDEX:
        raise ValueError(f"no token for delivery {delivery_id}, link {index}")
    body = _BODY.pack(delivery_id, index)
    return base64.urlsafe_b64encode(body + _mac(body, secret)).rstrip(b"=").decode("ascii")


def read_link_token(token: str, secret: bytes) -> tuple[int, int] | None:
    """(delivery id, link index) a token names, or None when it is malformed or not signed with `secret`."""
    if len(token) != TOKEN_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "==")
    except (binascii.Error, ValueError):
        return None
    body, mac = raw[: _BODY.size], raw[_BODY.size :]
    if len(mac) != MAC_BYTES or not hmac.compare_digest(mac, _mac(body, secret)):
        return None
    delivery_id, index = _BODY.unpack(body)
    return (delivery_id, index) if delivery_id > 0 else None


def tracked_url(base_url: str, delivery_id: int, index: int, secret: bytes) -> str:
    """The counted URL a card shows instead of link `index`'s own: `{base_url}/r/{token}`."""
    return base_url.rstrip("/") + PATH + link_token(delivery_id, index, secret)


def derived_secret(bot_password: str) -> bytes:
    """A link secret derived from the bot's client secret, the same on every instance (never the secret itself)."""
    return hmac.new(bot_password.encode("utf-8"), _DERIVATION, hashlib.sha256).digest()


def counted_links(view: AnnouncementView, delivery_id: int, base_url: str, secret: bytes) -> AnnouncementView:
    """`view` with each link going through `{base_url}/r/{token}` for delivery `delivery_id`, so clicks are counted."""
    links = tuple(
        LinkView(link.title, tracked_url(base_url, delivery_id, index, secret)) for index, link in enumerate(view.links)
    )
    return replace(view, links=links)
