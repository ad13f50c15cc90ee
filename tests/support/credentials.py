"""Credentials for tests: azure-identity's real ones call login.microsoftonline.com (and refuse an http authority).

StaticCredential answers a fixed token; OnBehalfOf exchanges a person's token at a local token endpoint
(tests/support/identity.py) the way OnBehalfOfCredential does, failing with ClientAuthenticationError like it."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

import aiohttp
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError


class StaticCredential:
    """Answers every get_token with the same token, counting the calls and remembering the scopes asked."""

    def __init__(self, token: str = "app-token") -> None:
        self.token = token
        self.requests: list[tuple[str, ...]] = []
        self.closed = False

    async def get_token(self, *scopes: str, **_: Any) -> AccessToken:
        """The fixed token, valid for an hour."""
        self.requests.append(scopes)
        return AccessToken(self.token, int(time.time()) + 3600)

    async def close(self) -> None:
        """Remember that the owner closed it."""
        self.closed = True

    async def __aenter__(self) -> "StaticCredential":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.close()


class OnBehalfOf(StaticCredential):
    """The on-behalf-of exchange of one user assertion at `token_url`, as azure-identity's OnBehalfOfCredential
    does it (form POST, grant_type jwt-bearer, requested_token_use on_behalf_of); refused: ClientAuthenticationError."""

    def __init__(self, token_url: str, user_assertion: str, client_id: str = "graph-app", secret: str = "s") -> None:
        super().__init__(token="")
        self.token_url = token_url
        self.user_assertion = user_assertion
        self.client_id = client_id
        self.secret = secret

    async def get_token(self, *scopes: str, **_: Any) -> AccessToken:
        """A delegated token for `scopes`, from the token endpoint."""
        form = {
            "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "client_id": self.client_id,
            "client_secret": self.secret,
            "assertion": self.user_assertion,
            "scope": " ".join(scopes),
            "requested_token_use": "on_behalf_of",
        }
        async with aiohttp.ClientSession() as session, session.post(self.token_url, data=form) as response:
            answer = await response.json(content_type=None)
        if response.status != 200 or "access_token" not in answer:
            raise ClientAuthenticationError(message=f"{answer.get('error')}: {answer.get('error_description')}")
        return AccessToken(answer["access_token"], int(time.time()) + int(answer.get("expires_in", 3600)))
