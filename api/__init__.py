"""The HTTP API for release pipelines: announcements, API keys or Entra tokens, the OpenAPI document."""

from api.auth import ApiAuth, Caller, TokenRules
from api.routes import AnnouncementsApi, mount

__all__ = ["AnnouncementsApi", "ApiAuth", "Caller", "TokenRules", "mount"]
