"""Who calls the API: an API key, or an Entra access token with the functional-manager app role."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

from config import Settings
from services.api_keys import KEY_PREFIX, ApiKeyService
from services.directory import Actor
from services.sign_in import SignIn, TokenRefused, VerifiedToken
from vocabulary import Role

log = logging.getLogger(__name__)

ENTRA = "https://login.microsoftonline.com"
KEYS_MAX_AGE = 24 * 3600.0
"""Seconds the tenant's signing keys are kept before they are fetched again."""
UNKNOWN_KEY_REFETCH = 300.0
"""A token signed with a key not in the cache fetches the keys again at most this often (seconds)."""
FETCH_TIMEOUT = aiohttp.ClientTimeout(total=10)
LEEWAY = 60
"""Seconds of clock skew allowed on exp and nbf."""
SUBJECT_CLAIMS = ("oid", "sub", "azp", "appid")
"""Who a token is about, first found: the object id of the user or the pipeline's service principal, else its app."""
UNKNOWN = "unknown"
"""The subject of a valid token that names none (its signature, audience, issuer and role are what count)."""


@dataclass(frozen=True)
class Caller:
    """An authenticated caller: who acts, with which role, and the announcement's `source`."""

    actor: Actor
    role: Role
    source: str
    sign_in: SignIn | None = None
    """A person's own token (delegated: it has `scp`), for posting their channel cards as them (on-behalf-of)."""


class Refused(Exception):
    """The request is not authenticated (401), lacks the role (403) or the keys cannot be fetched (503)."""

    def __init__(self, status: int, reason: str, *, token_error: bool = False) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.token_error = token_error
        """A credential was given and is wrong (WWW-Authenticate says error="invalid_token")."""


@dataclass(frozen=True)
class TokenRules:
    """What an Entra access token must be: signed by a key from `metadata_url`, with this audience and issuer."""

    metadata_url: str
    audiences: tuple[str, ...]
    issuers: tuple[str, ...]
    role: str

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenRules | None:
        """The rules the settings give (API_TOKEN_*, else the tenant's); None when tokens cannot be checked."""
        if settings.api_token_audience:
            audiences: tuple[str, ...] = (settings.api_token_audience,)
        elif settings.app_id:
            audiences = (settings.app_id, f"api://{settings.app_id}")
        else:
            audiences = ()
        return cls._tenant_rules(settings, audiences)

    @classmethod
    def for_sign_in(cls, settings: Settings) -> TokenRules | None:
        """The rules of Teams single sign-on tokens: the API's keys and issuer, for SSO_RESOURCE or the app id (no
        role: the directory says who manages); None when single sign-on is off or tokens cannot be checked."""
        if not settings.sso_enabled:
            return None
        app = (settings.app_id, f"api://{settings.app_id}") if settings.app_id else ()
        return cls._tenant_rules(settings, (settings.sso_resource, *app))

    @classmethod
    def _tenant_rules(cls, settings: Settings, audiences: tuple[str, ...]) -> TokenRules | None:
        tenant = settings.tenant_id
        metadata = settings.api_token_metadata_url or (
            f"{ENTRA}/{tenant}/v2.0/.well-known/openid-configuration" if tenant else ""
        )
        if settings.api_token_issuer:
            issuers: tuple[str, ...] = (settings.api_token_issuer,)
        elif tenant:
            issuers = (f"{ENTRA}/{tenant}/v2.0", f"https://sts.windows.net/{tenant}/")
        else:
            issuers = ()
        if not (metadata and audiences and issuers):
            return None
        return cls(metadata, audiences, issuers, settings.api_token_role)


class SigningKeys:
    """The tenant's token signing keys from its OpenID metadata, fetched with aiohttp and cached."""

    def __init__(self, metadata_url: str) -> None:
        self.metadata_url = metadata_url
        self._keys: dict[str, Any] = {}
        self._fetched = float("-inf")
        self._lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    async def get(self, kid: str) -> Any | None:
        """The public key with id `kid`, or None when the tenant does not publish it."""
        if time.monotonic() - self._fetched > KEYS_MAX_AGE:
            await self._refresh(KEYS_MAX_AGE)
        if kid not in self._keys and time.monotonic() - self._fetched > UNKNOWN_KEY_REFETCH:
            await self._refresh(UNKNOWN_KEY_REFETCH)
        return self._keys.get(kid)

    async def _refresh(self, max_age: float) -> None:
        """Fetch metadata and keys unless another request just did; raises Refused(503) when that fails."""
        async with self._lock:
            if time.monotonic() - self._fetched <= max_age:
                return
            try:
                if self._session is None:
                    self._session = aiohttp.ClientSession(timeout=FETCH_TIMEOUT)
                async with self._session.get(self.metadata_url) as response:
                    response.raise_for_status()
                    jwks_uri = (await response.json(content_type=None))["jwks_uri"]
                async with self._session.get(jwks_uri) as response:
                    response.raise_for_status()
                    published = (await response.json(content_type=None))["keys"]
                keys = {
                    key["kid"]: RSAAlgorithm.from_jwk(json.dumps(key))
                    for key in published
                    if isinstance(key, dict) and key.get("kty") == "RSA" and "kid" in key
                }
            except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as error:
                log.warning("API token keys not fetched from %s: %s", self.metadata_url, error)
                raise Refused(503, "keys_unavailable") from None
            self._keys, self._fetched = keys, time.monotonic()

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None


class EntraTokens:
    """Checks Entra access tokens against the tenant's published keys and the rules' audience and issuer."""

    def __init__(self, rules: TokenRules) -> None:
        self.rules = rules
        self.keys = SigningKeys(rules.metadata_url)

    async def claims(self, token: str) -> dict[str, Any]:
        """The token's claims once its signature, audience, issuer and lifetime hold; Refused(401) otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Refused(401, "unauthorized", token_error=True) from None
        kid = header.get("kid")
        if header.get("alg") != "RS256" or not isinstance(kid, str):
            raise Refused(401, "unauthorized", token_error=True)
        key = await self.keys.get(kid)
        if key is None:
            raise Refused(401, "unauthorized", token_error=True)
        try:
            return jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=list(self.rules.audiences),
                issuer=list(self.rules.issuers),
                leeway=LEEWAY,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            log.info("Entra token refused: %s", error)
            raise Refused(401, "unauthorized", token_error=True) from None

    async def verified(self, token: str) -> VerifiedToken:
        """services.sign_in.TokenCheck: whose token it is and until when; TokenRefused when it does not hold."""
        try:
            claims = await self.claims(token)
        except Refused as refused:
            raise TokenRefused(refused.reason) from None
        return VerifiedToken(_subject(claims), datetime.fromtimestamp(claims["exp"], UTC), _delegated(claims))

    async def close(self) -> None:
        """Close the key fetcher's HTTP session."""
        await self.keys.close()


def _subject(claims: dict[str, Any]) -> str | None:
    """Who a token is about: the first of SUBJECT_CLAIMS it has."""
    return next((value for name in SUBJECT_CLAIMS if isinstance(value := claims.get(name), str) and value), None)


def _delegated(claims: dict[str, Any]) -> bool:
    """A person's own token (it has `scp`), as opposed to an app-only one."""
    return isinstance(claims.get("scp"), str) and isinstance(claims.get("exp"), int | float)


class ApiAuth:
    """Turns an Authorization header into a Caller, or raises Refused."""

    def __init__(self, api_keys: ApiKeyService, rules: TokenRules | None) -> None:
        self.api_keys = api_keys
        self.rules = rules
        self.tokens = EntraTokens(rules) if rules is not None else None

    async def caller(self, authorization: str | None) -> Caller:
        """The caller an `Authorization: Bearer ...` header names."""
        scheme, _, credential = (authorization or "").strip().partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise Refused(401, "unauthorized")
        if credential.startswith(KEY_PREFIX):
            key = await self.api_keys.verify(credential)
            if key is None:
                raise Refused(401, "unauthorized", token_error=True)
            actor = Actor(key=f"api:{key.name}", name=key.name)
            return Caller(actor, Role.FUNCTIONAL_MANAGER, f"api:{key.name}")
        return await self._token(credential)

    async def _token(self, token: str) -> Caller:
        """The caller an Entra access token names, checked against the tenant's keys, audience, issuer and role."""
        if self.rules is None or self.tokens is None:
            raise Refused(401, "unauthorized", token_error=True)
        claims = await self.tokens.claims(token)
        roles = claims.get("roles")
        if not isinstance(roles, list) or self.rules.role not in roles:
            raise Refused(403, "forbidden")
        object_id = _subject(claims) or UNKNOWN
        name = claims.get("name") if isinstance(claims.get("name"), str) else None
        tenant = claims.get("tid") if isinstance(claims.get("tid"), str) else None
        actor = Actor(key=object_id, name=name, tenant_id=tenant)
        sign_in = SignIn(token, datetime.fromtimestamp(claims["exp"], UTC)) if _delegated(claims) else None
        return Caller(actor, Role.FUNCTIONAL_MANAGER, f"entra:{object_id}", sign_in)

    async def close(self) -> None:
        """Release the key fetcher's HTTP session."""
        if self.tokens is not None:
            await self.tokens.close()
