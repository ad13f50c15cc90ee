"""A fixed-token AsyncTokenCredential: azure-identity's real credentials would call login.microsoftonline.com."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from azure.core.credentials import AccessToken


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
