"""A local identity provider: in-memory RSA keys, OpenID metadata and JWKS served from another thread."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.support.fake_server import FakeServer

ISSUER = "https://api.botframework.test"
APP_ID = "6e1c3b4a-0b07-4c0f-9a1e-00000000b007"


def new_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class IdentityProvider(FakeServer):
    """Serves /.well-known/openid-configuration and /keys; mints RS256 tokens like the Bot Framework does."""

    thread_name = "identity-provider"

    def __init__(
        self, issuer: str = ISSUER, kid: str = "test-key-1", endorsements: tuple[str, ...] = ("msteams",)
    ) -> None:
        super().__init__()
        self.issuer = issuer
        self.kid = kid
        self.key = new_key()
        self.other_key = new_key()
        """A key the provider does not publish (for 'unknown signing key' tokens)."""
        self._endorsements = list(endorsements)
        self.gate: threading.Event | None = None
        """When set to an Event, metadata requests wait for it (max 10 s) and fail with 503 if it never opens."""
        self.metadata_requested = threading.Event()
        self.metadata_requests = 0
        self.key_requests = 0
        self.exchanges: list[dict[str, str]] = []
        """The form of every on-behalf-of request the token endpoint answered (assertion included)."""
        self.refuse_exchange = False
        """When True the token endpoint refuses every on-behalf-of request (as for a revoked sign-in)."""
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """Root URL of the provider."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def token_url(self) -> str:
        """The OAuth 2.0 token endpoint (on-behalf-of: grant_type jwt-bearer)."""
        return f"{self.base_url}/oauth2/v2.0/token"

    @property
    def metadata_url(self) -> str:
        """What TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL should point at."""
        return f"{self.base_url}/.well-known/openid-configuration"

    def jwks(self) -> dict[str, Any]:
        """The published key set."""
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": self._endorsements})
        return {"keys": [jwk]}

    def mint(
        self,
        claims: dict[str, Any] | None = None,
        *,
        key: rsa.RSAPrivateKey | None = None,
        kid: str | None = None,
        service_url: str | None = None,
        audience: str = APP_ID,
        lifetime: int = 3600,
        omit: tuple[str, ...] = (),
    ) -> str:
        """An RS256 token; defaults are a valid channel token for `audience` and `service_url`."""
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": audience,
            "iat": now - 10,
            "nbf": now - 10,
            "exp": now + lifetime,
        }
        if service_url is not None:
            payload["serviceurl"] = service_url
        payload.update(claims or {})
        for name in omit:
            payload.pop(name, None)
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    async def _dispatch(self, request: web.Request) -> web.Response:
        """The three endpoints an OpenID provider needs here; anything else is 404."""
        route = {
            ("GET", "/.well-known/openid-configuration"): self._metadata,
            ("GET", "/keys"): self._keys,
            ("POST", "/oauth2/v2.0/token"): self._token,
        }.get((request.method, request.path))
        return await route(request) if route is not None else web.json_response({"error": "not found"}, status=404)

    async def _metadata(self, _: web.Request) -> web.Response:
        with self._lock:
            self.metadata_requests += 1
        self.metadata_requested.set()
        if self.gate is not None and not await asyncio.to_thread(self.gate.wait, 10):
            return web.json_response({"error": "gate never opened"}, status=503)
        return web.json_response(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.base_url}/authorize",
                "jwks_uri": f"{self.base_url}/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            }
        )

    async def _keys(self, _: web.Request) -> web.Response:
        with self._lock:
            self.key_requests += 1
        return web.json_response(self.jwks())

    async def _token(self, request: web.Request) -> web.Response:
        """On-behalf-of like Entra ID's: a valid, unexpired assertion of ours becomes a delegated Graph token."""
        form = {k: str(v) for k, v in (await request.post()).items()}
        with self._lock:
            self.exchanges.append(form)
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" or not form.get("client_id"):
            return _oauth_error("unsupported_grant_type", "AADSTS70003: grant type not supported")
        if form.get("requested_token_use") != "on_behalf_of":
            return _oauth_error("invalid_request", "AADSTS900144: requested_token_use must be on_behalf_of")
        if self.refuse_exchange:
            return _oauth_error("invalid_grant", "AADSTS50173: the grant was revoked")
        try:
            claims = jwt.decode(
                form.get("assertion", ""), self.key.public_key(), algorithms=["RS256"], options={"verify_aud": False}
            )
        except jwt.ExpiredSignatureError:
            return _oauth_error("invalid_grant", "AADSTS500133: Assertion is not within its valid time range.")
        except jwt.PyJWTError:
            return _oauth_error("invalid_grant", "AADSTS50013: Assertion failed signature validation.")
        graph_token = self.mint(
            {"oid": claims.get("oid"), "scp": "ChannelMessage.Send", "obo_of": claims.get("oid")},
            audience="https://graph.microsoft.com",
        )
        return web.json_response({"token_type": "Bearer", "expires_in": 3600, "access_token": graph_token})


def _oauth_error(error: str, description: str) -> web.Response:
    return web.json_response({"error": error, "error_description": description}, status=400)
