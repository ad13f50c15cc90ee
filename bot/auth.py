"""Inbound auth: the SDK's JWT validation, made to answer 401 (never 500) and to fetch keys off the loop."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
import time
from datetime import datetime, timedelta
from types import SimpleNamespace

import requests
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    PasswordServiceClientCredentialFactory,
    UserTokenClient,
)
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdConfig, _OpenIdMetadata
from jwt.algorithms import RSAAlgorithm

from config import Settings

log = logging.getLogger(__name__)

METADATA_TIMEOUT_SECONDS = 10
VERIFIED_TOKENS = 1024
"""Tokens kept as verified (Teams sends one token for many activities until it expires)."""


class _VerifiedTokens:
    """Results of tokens that passed validation, by the token's hash with the channel and service URL they were
    checked against, until the token's own expiry (a bounded dict; the token itself is not kept)."""

    def __init__(self, size: int = VERIFIED_TOKENS, clock=time.time) -> None:
        self.size = size
        self.clock = clock
        self._results: dict[tuple[bytes, str | None, str | None], tuple[float, AuthenticateRequestResult]] = {}

    @staticmethod
    def _key(token: str, activity: Activity) -> tuple[bytes, str | None, str | None]:
        return hashlib.sha256(token.encode()).digest(), activity.channel_id, activity.service_url

    def get(self, token: str, activity: Activity) -> AuthenticateRequestResult | None:
        """The result of this token's earlier validation for this channel and service URL, while it is unexpired."""
        key = self._key(token, activity)
        found = self._results.get(key)
        if found is None:
            return None
        if found[0] <= self.clock():
            del self._results[key]
            return None
        return found[1]

    def put(self, token: str, activity: Activity, result: AuthenticateRequestResult) -> None:
        """Keep a validated token's result until its `exp` claim (not kept without one)."""
        claims = result.claims_identity.claims if result.claims_identity is not None else None
        expiry = claims.get("exp") if isinstance(claims, dict) else None
        if not isinstance(expiry, (int, float)) or expiry <= self.clock():
            return
        if len(self._results) >= self.size:
            now = self.clock()
            self._results = {key: kept for key, kept in self._results.items() if kept[0] > now}
            while len(self._results) >= self.size:
                del self._results[next(iter(self._results))]  # the oldest
        self._results[self._key(token, activity)] = (float(expiry), result)


class _ThreadedOpenIdMetadata(_OpenIdMetadata):
    """The SDK's key cache, but fetched with a timeout in a worker thread and failing closed on unknown keys."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._fetch_lock = threading.Lock()
        self._parsed: dict[str, _OpenIdConfig] = {}

    async def get(self, key_id: str) -> _OpenIdConfig:
        """Signing key `key_id`; refresh daily, and at most hourly for an unknown key."""
        if self.last_updated < datetime.now() - timedelta(days=1):
            await asyncio.to_thread(self._refresh_blocking, timedelta(days=1))
        key = self._find(key_id)
        if key is None and self.last_updated < datetime.now() - timedelta(hours=1):
            await asyncio.to_thread(self._refresh_blocking, timedelta(hours=1))
            key = self._find(key_id)
        if key is None:
            raise PermissionError(f"token signed with unknown key {key_id!r}")
        return key

    def warm(self) -> None:
        """Fetch the keys now (blocking; call in a thread)."""
        self._refresh_blocking(timedelta(days=1))

    def _refresh_blocking(self, max_age: timedelta) -> None:
        """Fetch metadata and keys unless another thread just did."""
        with self._fetch_lock:
            if self.last_updated >= datetime.now() - max_age and self.keys:
                return
            response = requests.get(self.url, timeout=METADATA_TIMEOUT_SECONDS)
            response.raise_for_status()
            keys = requests.get(response.json()["jwks_uri"], timeout=METADATA_TIMEOUT_SECONDS)
            keys.raise_for_status()
            self._parsed = {}
            self.keys = keys.json()["keys"]
            self.last_updated = datetime.now()

    async def _refresh(self) -> None:
        """Never fetch on the event loop, whoever calls."""
        await asyncio.to_thread(self._refresh_blocking, timedelta(seconds=0))

    def _find(self, key_id: str) -> _OpenIdConfig | None:
        """Parsed key for `key_id`, memoised; None when unknown."""
        found = self._parsed.get(key_id)
        if found is not None:
            return found
        for key in self.keys or []:
            if key.get("kid") == key_id:
                found = _OpenIdConfig(RSAAlgorithm.from_jwk(json.dumps(key)), key.get("endorsements", []))
                self._parsed[key_id] = found
                return found
        return None


def _install_metadata(url: str) -> _ThreadedOpenIdMetadata:
    """Put a threaded metadata cache in the SDK's class-level cache for `url` (idempotent)."""
    current = JwtTokenExtractor.metadataCache.get(url)
    if not isinstance(current, _ThreadedOpenIdMetadata):
        current = _ThreadedOpenIdMetadata(url)
        JwtTokenExtractor.metadataCache[url] = current
    return current


def sdk_configuration(settings: Settings) -> SimpleNamespace:
    """The configuration object the SDK reads, public cloud unless the settings override metadata/issuer."""
    return SimpleNamespace(
        APP_ID=settings.app_id,
        APP_PASSWORD=settings.app_password,
        APP_TYPE=settings.app_type,
        APP_TENANTID=settings.tenant_id,
        TO_CHANNEL_FROM_BOT_LOGIN_URL=AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL,
        TO_CHANNEL_FROM_BOT_OAUTH_SCOPE=AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
        TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=settings.token_issuer
        or AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
        TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=(
            settings.openid_metadata_url or AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
        ),
        TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL=AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
        OAUTH_URL=AuthenticationConstants.OAUTH_URL,
        VALIDATE_AUTHORITY=True,
    )


class _LazyUserTokenClient(UserTokenClient):
    """Builds the SDK's msrest user-token client only when a flow actually asks for a user token."""

    def __init__(self, auth: BotFrameworkAuthentication, claims_identity: ClaimsIdentity) -> None:
        self._auth = auth
        self._claims = claims_identity
        self._real: UserTokenClient | None = None

    async def _client(self) -> UserTokenClient:
        if self._real is None:
            self._real = await self._auth.create_user_token_client(self._claims)
        return self._real

    async def get_user_token(self, user_id, connection_name, channel_id, magic_code):
        """Delegate to the SDK client."""
        return await (await self._client()).get_user_token(user_id, connection_name, channel_id, magic_code)

    async def get_sign_in_resource(self, connection_name, activity, final_redirect):
        """Delegate to the SDK client."""
        return await (await self._client()).get_sign_in_resource(connection_name, activity, final_redirect)

    async def sign_out_user(self, user_id, connection_name, channel_id):
        """Delegate to the SDK client."""
        return await (await self._client()).sign_out_user(user_id, connection_name, channel_id)

    async def get_token_status(self, user_id, channel_id, include_filter):
        """Delegate to the SDK client."""
        return await (await self._client()).get_token_status(user_id, channel_id, include_filter)

    async def get_aad_tokens(self, user_id, connection_name, resource_urls, channel_id):
        """Delegate to the SDK client."""
        return await (await self._client()).get_aad_tokens(user_id, connection_name, resource_urls, channel_id)

    async def exchange_token(self, user_id, connection_name, channel_id, exchange_request):
        """Delegate to the SDK client."""
        return await (await self._client()).exchange_token(user_id, connection_name, channel_id, exchange_request)


class VraagbaakAuthentication(BotFrameworkAuthentication):
    """ConfigurationBotFrameworkAuthentication with our connector factory, 401 on every bad token."""

    def __init__(self, settings: Settings, connector_factory: ConnectorFactory) -> None:
        self._settings = settings
        self._factory = connector_factory
        config = sdk_configuration(settings)
        self._inner = ConfigurationBotFrameworkAuthentication(
            config,
            credentials_factory=PasswordServiceClientCredentialFactory(
                settings.app_id, settings.app_password, settings.tenant_id
            ),
        )
        self._channel_metadata = _install_metadata(config.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL)
        _install_metadata(config.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL)
        self._verified = _VerifiedTokens()

    @property
    def enabled(self) -> bool:
        """Auth is on whenever an app id is configured."""
        return self._settings.auth_enabled

    async def warm(self) -> None:
        """Fetch the channel's signing keys in a thread, so the first request does not wait (no-op when off)."""
        if self.enabled:
            try:
                await asyncio.to_thread(self._channel_metadata.warm)
            except Exception as exc:  # retried on the first request
                log.warning("Could not fetch OpenID metadata from %s yet: %s", self._channel_metadata.url, exc)

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        """Validate the bearer token; raise PermissionError for anything that is not a valid channel token."""
        if not self.enabled:
            result = AuthenticateRequestResult()
            result.claims_identity = ClaimsIdentity({}, True, AuthenticationConstants.ANONYMOUS_AUTH_TYPE)
            result.audience = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
            result.connector_factory = self._factory
            return result
        parts = (auth_header or "").split(" ")
        if len(parts) != 2 or parts[0] != "Bearer" or not parts[1]:
            raise PermissionError("missing or malformed Authorization header")
        known = self._verified.get(parts[1], activity)
        if known is not None:
            return known
        try:
            result = await self._inner.authenticate_request(activity, auth_header)
        except PermissionError:
            raise
        except Exception as exc:  # every validation failure is a 401
            raise PermissionError(f"invalid token: {type(exc).__name__}: {exc}") from exc
        if result is None or result.claims_identity is None or not result.claims_identity.is_authenticated:
            raise PermissionError("token not authenticated")
        result.connector_factory = self._factory
        self._verified.put(parts[1], activity, result)
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        """Streaming is not offered by this bot."""
        raise PermissionError("streaming connections are not supported")

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """Our light connector factory, for proactive turns too."""
        return self._factory

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        """A lazy user-token client: nothing is built unless a flow asks for a user token."""
        return _LazyUserTokenClient(self._inner, claims_identity)

    def get_originating_audience(self) -> str:
        """The Bot Framework scope."""
        return self._inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        """Validate a channel token (skills); 401 on failure."""
        try:
            return await self._inner.authenticate_channel_request(auth_header)
        except PermissionError:
            raise
        except Exception as exc:
            raise PermissionError(str(exc)) from exc
