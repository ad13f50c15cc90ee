"""The HTTP API for release pipelines: announcements, API keys or Entra tokens, the OpenAPI document."""

from api.auth import ApiAuth, Caller, EntraTokens, TokenRules
from api.routes import AnnouncementsApi, mount

__all__ = ["AnnouncementsApi", "ApiAuth", "Caller", "EntraTokens", "TokenRules", "mount"]
