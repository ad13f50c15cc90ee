"""Settings from the environment and an optional `.env` file."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/vraagbaak.db"
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
LANGUAGES = ("nl", "en")
MATCHERS = ("hybrid", "lexical")
DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0"
DIGEST_CADENCES = ("weekly", "daily")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class ConfigError(ValueError):
    """Raised with one line that says what to fix."""


def _first(env: Mapping[str, str], *names: str, default: str = "") -> str:
    """Return the first non-empty value among `names`."""
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return default


def _environment(dotenv: Path | None) -> dict[str, str]:
    """os.environ over the optional `.env` file."""
    merged: dict[str, str] = {}
    if dotenv is not None and dotenv.is_file():
        from dotenv import dotenv_values

        merged.update({k: v or "" for k, v in dotenv_values(dotenv).items()})
    merged.update(os.environ)
    return merged


def configured_language(env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> str:
    """DEFAULT_LANGUAGE without validating the other settings (for command-line help); 'nl' when unset or invalid."""
    value = _first(_environment(dotenv) if env is None else env, "DEFAULT_LANGUAGE", default="nl").lower()
    return value if value in LANGUAGES else "nl"


def _bool(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    """A true/false setting; anything else stops the start."""
    value = _first(env, name).lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on", "ja"):
        return True
    if value in ("0", "false", "no", "off", "nee"):
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _number(env: Mapping[str, str], name: str, default: float, kind: type[float] | type[int]) -> float:
    """A numeric setting (`kind` int or float); anything else stops the start."""
    text = _first(env, name)
    if not text:
        return default
    try:
        return kind(text)
    except ValueError:
        raise ConfigError(f"{name} must be a {'whole ' if kind is int else ''}number, got {text!r}") from None


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment; see `.env.example`."""

    app_id: str = ""
    """Bot's Entra app id; empty turns auth off (local Playground only)."""
    app_password: str = field(default="", repr=False)
    """Client secret of the bot's app registration."""
    app_type: str = "MultiTenant"
    """MultiTenant, SingleTenant or UserAssignedMSI."""
    tenant_id: str = ""
    """Entra tenant id; required for SingleTenant."""
    database_url: str = DEFAULT_DATABASE_URL
    """SQLAlchemy async URL; SQLite file by default, PostgreSQL for production."""
    default_language: str = "nl"
    """Language for users whose locale is not English."""
    log_level: str = "INFO"
    """Python logging level name."""
    host: str = "127.0.0.1"
    """Address `vraagbaak serve` binds to."""
    port: int = 3978
    """Port `vraagbaak serve` binds to."""
    follow_locale: bool = True
    """Answer English-locale users in English; false: always DEFAULT_LANGUAGE (the Playground always says en-US)."""
    announcement_approval: bool = False
    """Four-eyes approval of announcements when functional management never set it at run time (settings table)."""
    matcher: str = "hybrid"
    """hybrid (lexical + embedding model) or lexical (no model)."""
    reply_timeout: float = 5.0
    """Seconds a turn may spend sending its replies (retries included); what is not sent by then is sent later."""
    openid_metadata_url: str = ""
    """Override of the Bot Framework OpenID metadata URL (sovereign clouds, tests)."""
    token_issuer: str = ""
    """Override of the expected token issuer (sovereign clouds, tests)."""
    graph_tenant_id: str = ""
    """Entra tenant of the app registration that reads Microsoft Graph (app-only); empty: no Graph."""
    graph_client_id: str = ""
    """Client id of that app registration."""
    graph_client_secret: str = field(default="", repr=False)
    """Its client secret; or GRAPH_CERTIFICATE_PATH instead."""
    graph_certificate_path: str = ""
    """PEM file with its certificate and private key; or GRAPH_CLIENT_SECRET instead."""
    graph_base_url: str = DEFAULT_GRAPH_BASE_URL
    """Where Microsoft Graph is (tests point it at a fake on 127.0.0.1)."""
    teams_app_id: str = ""
    """The app's id in the organisation's Teams app catalogue (for installing it for a person)."""
    release_watch_services: tuple[str, ...] = ()
    """Message Center services the release watch keeps (e.g. Microsoft Teams); empty: every service."""
    release_digest: str = "weekly"
    """How often the release watch posts its digest in functional management's channel: weekly or daily."""
    send_rate_limit: float = 50.0
    """Announcement sends per second per tenant, over every instance together (Teams allows a bot 50)."""
    fanout_max_attempts: int = 8
    """Attempts of one announcement delivery (throttled ones not counted) before it fails with its reason."""
    public_url: str = ""
    """The bot's public https address (e.g. https://vraagbaak.gemeente.nl); counted links on cards start with it."""
    link_secret: str = field(default="", repr=False)
    """Key of the counted links' tokens; empty: derived from BOT_PASSWORD, else a random one kept in the database."""
    api_token_metadata_url: str = ""
    """OpenID metadata of the Entra tokens the API accepts; empty: derived from the tenant id."""
    api_token_audience: str = ""
    """The `aud` those tokens must have; empty: the bot's app id (or api://<app id>)."""
    api_token_issuer: str = ""
    """The `iss` those tokens must have; empty: derived from the tenant id."""
    api_token_role: str = "Vraagbaak.FunctionalManager"
    """The app role (`roles` claim) a token needs to write announcements."""
    sso_connection_name: str = ""
    """Teams single sign-on: the Azure Bot's OAuth connection named in the sign-in request ('Versturen als mij')."""
    sso_resource: str = ""
    """Teams single sign-on: the app's Application ID URI (api://<host>/<app id>), the manifest's
    webApplicationInfo.resource; its tokens are checked like the API's, with this audience or the app id."""

    def language_for(self, locale: str | None) -> str:
        """Catalogue language for a user's Teams locale under these settings."""
        from i18n import language_for

        return language_for(locale, self.default_language, self.follow_locale)

    @property
    def auth_enabled(self) -> bool:
        """Auth is on whenever an app id is configured."""
        return bool(self.app_id)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> "Settings":
        """Read settings from `env` (default: os.environ plus `.env`) and validate them."""
        if env is None:
            env = _environment(dotenv)
        port_text = _first(env, "PORT", default="3978")
        try:
            port = int(port_text)
        except ValueError:
            raise ConfigError(f"PORT must be a number, got {port_text!r}") from None
        timeout_text = _first(env, "REPLY_TIMEOUT_SECONDS", default="5")
        try:
            reply_timeout = float(timeout_text)
        except ValueError:
            raise ConfigError(f"REPLY_TIMEOUT_SECONDS must be a number of seconds, got {timeout_text!r}") from None
        send_rate_limit = _number(env, "SEND_RATE_LIMIT", 50.0, float)
        fanout_max_attempts = int(_number(env, "FANOUT_MAX_ATTEMPTS", 8, int))
        settings = cls(
            app_id=_first(env, "BOT_ID", "MicrosoftAppId", "MICROSOFT_APP_ID", "CLIENT_ID"),
            app_password=_first(env, "BOT_PASSWORD", "MicrosoftAppPassword", "MICROSOFT_APP_PASSWORD", "CLIENT_SECRET"),
            app_type=_first(env, "BOT_TYPE", "MicrosoftAppType", "MICROSOFT_APP_TYPE", default="MultiTenant"),
            tenant_id=_first(env, "BOT_TENANT_ID", "MicrosoftAppTenantId", "MICROSOFT_APP_TENANT_ID", "TENANT_ID"),
            database_url=_first(env, "DATABASE_URL", default=DEFAULT_DATABASE_URL),
            default_language=_first(env, "DEFAULT_LANGUAGE", default="nl").lower(),
            log_level=_first(env, "LOG_LEVEL", default="INFO").upper(),
            host=_first(env, "HOST", default="127.0.0.1"),
            port=port,
            follow_locale=_bool(env, "FOLLOW_TEAMS_LOCALE", default=True),
            announcement_approval=_bool(env, "ANNOUNCEMENT_APPROVAL", default=False),
            matcher=_first(env, "VRAAGBAAK_MATCHER", default="hybrid").lower(),
            reply_timeout=reply_timeout,
            openid_metadata_url=_first(env, "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL"),
            token_issuer=_first(env, "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER"),
            graph_tenant_id=_first(env, "GRAPH_TENANT_ID"),
            graph_client_id=_first(env, "GRAPH_CLIENT_ID"),
            graph_client_secret=_first(env, "GRAPH_CLIENT_SECRET"),
            graph_certificate_path=_first(env, "GRAPH_CERTIFICATE_PATH"),
            graph_base_url=_first(env, "GRAPH_BASE_URL", default=DEFAULT_GRAPH_BASE_URL).rstrip("/"),
            teams_app_id=_first(env, "TEAMS_APP_ID"),
            release_watch_services=tuple(
                name.strip() for name in _first(env, "RELEASE_WATCH_SERVICES").split(",") if name.strip()
            ),
            release_digest=_first(env, "RELEASE_DIGEST", default="weekly").lower(),
            send_rate_limit=send_rate_limit,
            fanout_max_attempts=fanout_max_attempts,
            public_url=_first(env, "PUBLIC_URL"),
            link_secret=_first(env, "LINK_SECRET"),
            api_token_metadata_url=_first(env, "API_TOKEN_METADATA_URL"),
            api_token_audience=_first(env, "API_TOKEN_AUDIENCE"),
            api_token_issuer=_first(env, "API_TOKEN_ISSUER"),
            api_token_role=_first(env, "API_TOKEN_ROLE", default="Vraagbaak.FunctionalManager"),
            sso_connection_name=_first(env, "SSO_CONNECTION_NAME"),
            sso_resource=_first(env, "SSO_RESOURCE"),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ConfigError naming the first setting that is wrong."""
        app_type = {t.lower(): t for t in APP_TYPES}.get(self.app_type.lower())
        if app_type is None:
            raise ConfigError(f"BOT_TYPE/MicrosoftAppType must be one of {', '.join(APP_TYPES)}, got {self.app_type!r}")
        object.__setattr__(self, "app_type", app_type)
        if self.app_id and app_type != "UserAssignedMSI" and not self.app_password:
            raise ConfigError(
                "BOT_ID is set but BOT_PASSWORD (MicrosoftAppPassword) is empty: set the bot's client secret"
            )
        if app_type == "SingleTenant" and not self.tenant_id:
            raise ConfigError("BOT_TYPE is SingleTenant: set BOT_TENANT_ID (MicrosoftAppTenantId) to your tenant id")
        if self.app_password and not self.app_id:
            raise ConfigError("BOT_PASSWORD is set but BOT_ID (MicrosoftAppId) is empty: set the bot's app id")
        if not self.database_url.startswith(
            ("sqlite+aiosqlite://", "postgresql+asyncpg://", "postgresql://", "postgres://")
        ):
            raise ConfigError(
                "DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://, "
                f"got {self.database_url.split('://')[0]!r}"
            )
        if self.default_language not in LANGUAGES:
            raise ConfigError(f"DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {self.default_language!r}")
        if self.log_level not in logging.getLevelNamesMapping():
            raise ConfigError(f"LOG_LEVEL must be a logging level such as INFO or DEBUG, got {self.log_level!r}")
        if not 0 < self.port < 65536:
            raise ConfigError(f"PORT must be between 1 and 65535, got {self.port}")
        if not 0 < self.reply_timeout <= 10:
            raise ConfigError(
                f"REPLY_TIMEOUT_SECONDS must be more than 0 and at most 10 (Teams waits 15 s for a turn), "
                f"got {self.reply_timeout:g}"
            )
        if not 0 < self.send_rate_limit <= 1000:
            raise ConfigError(
                f"SEND_RATE_LIMIT must be more than 0 and at most 1000 sends/s, got {self.send_rate_limit:g}"
            )
        if not 1 <= self.fanout_max_attempts <= 100:
            raise ConfigError(f"FANOUT_MAX_ATTEMPTS must be between 1 and 100, got {self.fanout_max_attempts}")
        if self.link_secret and len(self.link_secret) < 16:
            raise ConfigError("LINK_SECRET must be at least 16 characters (or leave it empty)")
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            raise ConfigError(f"PUBLIC_URL must start with https://, got {self.public_url!r}")
        if self.matcher not in MATCHERS:
            raise ConfigError(f"VRAAGBAAK_MATCHER must be one of {', '.join(MATCHERS)}, got {self.matcher!r}")
        self._validate_graph()
        if bool(self.sso_connection_name) != bool(self.sso_resource):
            raise ConfigError("Teams single sign-on needs both SSO_CONNECTION_NAME and SSO_RESOURCE (or neither)")
        if self.sso_enabled and not (self.tenant_id or (self.api_token_metadata_url and self.api_token_issuer)):
            raise ConfigError(
                "SSO_RESOURCE is set: set BOT_TENANT_ID (or API_TOKEN_METADATA_URL and API_TOKEN_ISSUER) so the "
                "sign-in tokens can be checked"
            )
        if self.release_digest not in DIGEST_CADENCES:
            raise ConfigError(
                f"RELEASE_DIGEST must be one of {', '.join(DIGEST_CADENCES)}, got {self.release_digest!r}"
            )

    @property
    def sso_enabled(self) -> bool:
        """Teams single sign-on is offered when its connection and resource are both configured."""
        return bool(self.sso_connection_name and self.sso_resource)

    @property
    def graph_enabled(self) -> bool:
        """Graph is used when its app registration is configured."""
        return bool(self.graph_client_id)

    def _validate_graph(self) -> None:
        """Raise ConfigError when the GRAPH_* settings are set but incomplete or contradictory."""
        named = {
            "GRAPH_TENANT_ID": self.graph_tenant_id,
            "GRAPH_CLIENT_SECRET": self.graph_client_secret,
            "GRAPH_CERTIFICATE_PATH": self.graph_certificate_path,
            "TEAMS_APP_ID": self.teams_app_id,
        }
        if not self.graph_client_id:
            given = [name for name, value in named.items() if value and name != "TEAMS_APP_ID"]
            if given:
                raise ConfigError(f"{given[0]} is set but GRAPH_CLIENT_ID is empty: set the Graph app's client id")
            return
        if not self.graph_tenant_id:
            raise ConfigError("GRAPH_CLIENT_ID is set but GRAPH_TENANT_ID is empty: set your tenant id")
        if bool(self.graph_client_secret) == bool(self.graph_certificate_path):
            raise ConfigError(
                "GRAPH_CLIENT_ID is set: set exactly one of GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH"
            )
        if self.graph_certificate_path and not Path(self.graph_certificate_path).is_file():
            raise ConfigError(f"GRAPH_CERTIFICATE_PATH names no file: {self.graph_certificate_path}")
        if not self.teams_app_id:
            raise ConfigError(
                "GRAPH_CLIENT_ID is set but TEAMS_APP_ID is empty: set the app's id in the Teams catalogue"
            )
        url = urlsplit(self.graph_base_url)
        if not url.hostname or not (url.scheme == "https" or (url.scheme == "http" and url.hostname in LOCAL_HOSTS)):
            raise ConfigError(
                f"GRAPH_BASE_URL must be an https:// URL (plain http only for localhost), got {self.graph_base_url!r}"
            )

    @property
    def async_database_url(self) -> str:
        """DATABASE_URL with the async driver PostgreSQL needs."""
        url = self.database_url
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+asyncpg://" + url[len(prefix) :]
        return url
