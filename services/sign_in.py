"""A signed-in person's access token, sealed while it waits in a job row for the on-behalf-of exchange."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.fernet import Fernet, InvalidToken

_DERIVATION = b"vraagbaak sign-in seal v1"


@dataclass(frozen=True)
class SignIn:
    """A person's access token for this app (the on-behalf-of user assertion) and when it expires."""

    token: str
    expires_at: datetime

    def __repr__(self) -> str:  # never the token itself in a log line
        return f"SignIn(expires_at={self.expires_at.isoformat()})"


class Sealer:
    """Seals a SignIn with a key derived from the app's shared secret (the same on every instance)."""

    def __init__(self, secret: Callable[[], Awaitable[bytes]]) -> None:
        self._secret = secret
        self._fernet: Fernet | None = None

    async def _key(self) -> Fernet:
        if self._fernet is None:
            derived = hmac.new(await self._secret(), _DERIVATION, hashlib.sha256).digest()
            self._fernet = Fernet(base64.urlsafe_b64encode(derived))
        return self._fernet

    async def seal(self, sign_in: SignIn) -> str:
        """The sealed text to keep in a job's payload."""
        data = json.dumps({"token": sign_in.token, "exp": sign_in.expires_at.timestamp()}).encode("utf-8")
        return (await self._key()).encrypt(data).decode("ascii")

    async def open(self, sealed: str) -> SignIn | None:
        """The SignIn back; None when it was sealed with another secret or is damaged."""
        try:
            data = json.loads((await self._key()).decrypt(sealed.encode("ascii")))
            return SignIn(str(data["token"]), datetime.fromtimestamp(float(data["exp"]), UTC))
        except (InvalidToken, ValueError, KeyError, TypeError):
            return None


class TokenRefused(Exception):
    """An access token that does not sign its bearer in: wrong signature, audience, issuer, person, or expired."""


@dataclass(frozen=True)
class VerifiedToken:
    """What a checked Entra access token says: whose it is, until when, and whether it acts for a person."""

    object_id: str | None
    expires_at: datetime
    delegated: bool
    """It carries `scp`: a person's own token (on-behalf-of works), not an app-only one."""


TokenCheck = Callable[[str], Awaitable[VerifiedToken]]
"""Checks an access token against the tenant's keys, audience and issuer; raises TokenRefused."""


@dataclass(frozen=True)
class TeamsSignIn:
    """Teams single sign-on on a card button: Teams sends the click again with the person's token for this app."""

    connection_name: str
    """The Azure Bot's OAuth connection (SSO_CONNECTION_NAME), named in the sign-in request."""
    resource: str
    """The app's Application ID URI (SSO_RESOURCE), the manifest's webApplicationInfo.resource."""
    check: TokenCheck

    async def sign_in(self, token: str, person: str | None, now: datetime) -> SignIn:
        """The clicking person's SignIn from the token Teams sent; TokenRefused unless it is theirs, delegated and
        valid for a while yet."""
        verified = await self.check(token)
        if not person or verified.object_id != person:
            raise TokenRefused("the token is not the clicking person's")
        if not verified.delegated:
            raise TokenRefused("the token acts for no person")
        if verified.expires_at <= now:
            raise TokenRefused("the token has expired")
        return SignIn(token, verified.expires_at)
