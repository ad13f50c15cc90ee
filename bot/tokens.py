"""Outbound bearer tokens for the Bot Connector: none, fixed, or MSAL app tokens cached until expiry."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from config import Settings

log = logging.getLogger(__name__)

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
LOGIN_URL = "https://login.microsoftonline.com"
MULTI_TENANT_AUTHORITY = f"{LOGIN_URL}/botframework.com"
REFRESH_MARGIN_SECONDS = 300


class TokenProvider(Protocol):
    """Gives the bearer token for outbound calls, or None when auth is off."""

    async def token(self) -> str | None:
        """Return a valid access token (or None to send no Authorization header)."""


class NoToken:
    """Auth off (local Playground): outbound calls carry no Authorization header."""

    async def token(self) -> str | None:
        """Return None."""
        return None


class StaticToken:
    """A fixed token, for tests and for deployments that inject one."""

    def __init__(self, value: str) -> None:
        self._value = value

    async def token(self) -> str | None:
        """Return the fixed token."""
        return self._value


class MsalTokenProvider:
    """App-only token from Entra ID through MSAL, acquired in a thread and cached until shortly before expiry."""

    def __init__(self, settings: Settings, scope: str = BOT_FRAMEWORK_SCOPE) -> None:
        self._settings = settings
        self._scope = scope
        self._app = None
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock: asyncio.Lock | None = None

    async def token(self) -> str | None:
        """Return the cached token, refreshing it off the event loop when it is about to expire."""
        if self._token and time.monotonic() < self._expires_at:
            return self._token
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if not (self._token and time.monotonic() < self._expires_at):
                self._token, lifetime = await asyncio.to_thread(self._acquire)
                self._expires_at = time.monotonic() + max(lifetime - REFRESH_MARGIN_SECONDS, 30)
        return self._token

    def _acquire(self) -> tuple[str, float]:
        """Blocking MSAL call; runs in a worker thread."""
        import msal

        if self._app is None:
            self._app = self._build_app(msal)
        if isinstance(self._app, msal.ManagedIdentityClient):  # app type UserAssignedMSI
            result = self._app.acquire_token_for_client(resource=self._scope.removesuffix("/.default"))
        else:
            result = self._app.acquire_token_for_client(scopes=[self._scope])
        if not result or "access_token" not in result:
            failure = result or {}
            raise RuntimeError(
                f"Could not get a Bot Framework token for app {self._settings.app_id}: "
                f"{failure.get('error')}: {failure.get('error_description')}"
            )
        return result["access_token"], float(result.get("expires_in", 3600))

    def _build_app(self, msal):
        """Create the MSAL client for the configured app type."""
        settings = self._settings
        if settings.app_type == "UserAssignedMSI":
            import requests

            identity = msal.UserAssignedManagedIdentity(client_id=settings.app_id)
            return msal.ManagedIdentityClient(identity, http_client=requests.Session())
        authority = (
            f"{LOGIN_URL}/{settings.tenant_id}" if settings.app_type == "SingleTenant" else MULTI_TENANT_AUTHORITY
        )
        return msal.ConfidentialClientApplication(
            settings.app_id, client_credential=settings.app_password, authority=authority
        )


def token_provider_for(settings: Settings) -> TokenProvider:
    """The provider the settings call for: MSAL when an app id is set, none otherwise."""
    return MsalTokenProvider(settings) if settings.auth_enabled else NoToken()
