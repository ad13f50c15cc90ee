"""The local Entra ID's names for the API tests: its issuer, the API's audience and role, settings accepting them."""

from __future__ import annotations

from typing import Any

from config import Settings
from tests.support.identity import IdentityProvider

TENANT_ISSUER = "https://login.microsoftonline.test/0d9a5c31-tenant/v2.0"
AUDIENCE = "api://vraagbaak-announcements"
ROLE = "Vraagbaak.FunctionalManager"


def settings_for(entra: IdentityProvider, **overrides: Any) -> Settings:
    """Settings that accept `entra`'s tokens for AUDIENCE with ROLE."""
    values: dict[str, Any] = dict(
        matcher="lexical",
        api_token_metadata_url=entra.metadata_url,
        api_token_audience=AUDIENCE,
        api_token_issuer=TENANT_ISSUER,
        link_secret="a-link-secret-for-tests",
    )
    values.update(overrides)
    return Settings(**values)
