"""Settings: Teams Toolkit and Bot Framework names, defaults, one clear line per mistake."""

import subprocess
import sys

import pytest

from config import DEFAULT_DATABASE_URL, ConfigError, Settings


def test_defaults_need_nothing():
    settings = Settings.from_env({})
    assert (settings.app_id, settings.auth_enabled, settings.database_url) == ("", False, DEFAULT_DATABASE_URL)
    assert (settings.default_language, settings.port, settings.matcher) == ("nl", 3978, "hybrid")
    assert settings.reply_timeout == 5.0
    assert Settings.from_env({"REPLY_TIMEOUT_SECONDS": "2.5"}).reply_timeout == 2.5


@pytest.mark.parametrize(
    "names",
    [
        ("BOT_ID", "BOT_PASSWORD", "BOT_TENANT_ID", "BOT_TYPE"),
        ("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType"),
    ],
)
def test_both_naming_families(names):
    app_id, password, tenant, app_type = names
    settings = Settings.from_env(
        {
            app_id: "00000000-0000-0000-0000-000000000001",
            password: "geheim",
            tenant: "tenant-1",
            app_type: "singletenant",
        }
    )
    assert (settings.app_id, settings.app_password, settings.tenant_id, settings.app_type) == (
        "00000000-0000-0000-0000-000000000001",
        "geheim",
        "tenant-1",
        "SingleTenant",
    )
    assert settings.auth_enabled
    assert "geheim" not in repr(settings)


def test_postgres_url_gets_the_async_driver():
    settings = Settings.from_env({"DATABASE_URL": "postgresql://u@db:5432/vb"})
    assert settings.async_database_url == "postgresql+asyncpg://u@db:5432/vb"


@pytest.mark.parametrize(
    "env, needle",
    [
        ({"BOT_ID": "x"}, "BOT_PASSWORD"),
        ({"BOT_PASSWORD": "x"}, "BOT_ID"),
        ({"BOT_ID": "x", "BOT_PASSWORD": "y", "BOT_TYPE": "SingleTenant"}, "BOT_TENANT_ID"),
        ({"BOT_TYPE": "Everyone"}, "BOT_TYPE"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"DEFAULT_LANGUAGE": "fr"}, "DEFAULT_LANGUAGE"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
        ({"PORT": "abc"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"VRAAGBAAK_MATCHER": "magic"}, "VRAAGBAAK_MATCHER"),
        ({"REPLY_TIMEOUT_SECONDS": "kort"}, "REPLY_TIMEOUT_SECONDS"),
        ({"REPLY_TIMEOUT_SECONDS": "0"}, "REPLY_TIMEOUT_SECONDS"),
        ({"REPLY_TIMEOUT_SECONDS": "30"}, "REPLY_TIMEOUT_SECONDS"),
        ({"SEND_RATE_LIMIT": "snel"}, "SEND_RATE_LIMIT"),
        ({"SEND_RATE_LIMIT": "0"}, "SEND_RATE_LIMIT"),
        ({"FANOUT_MAX_ATTEMPTS": "2.5"}, "FANOUT_MAX_ATTEMPTS"),
        ({"FANOUT_MAX_ATTEMPTS": "0"}, "FANOUT_MAX_ATTEMPTS"),
        ({"SSO_CONNECTION_NAME": "vraagbaak-sso"}, "SSO_RESOURCE"),
        ({"SSO_RESOURCE": "api://x/botid-y"}, "SSO_CONNECTION_NAME"),
        ({"SSO_RESOURCE": "api://x/botid-y", "SSO_CONNECTION_NAME": "sso"}, "BOT_TENANT_ID"),
    ],
)
def test_invalid_config_names_what_to_fix(env, needle):
    with pytest.raises(ConfigError) as error:
        Settings.from_env(env)
    assert needle in str(error.value) and "\n" not in str(error.value)


def test_dotenv_is_read_and_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("DEFAULT_LANGUAGE=en\nPORT=4000\n")
    monkeypatch.setenv("PORT", "5000")
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)
    settings = Settings.from_env(dotenv=tmp_path / ".env")
    assert (settings.default_language, settings.port) == ("en", 5000)


def test_start_with_invalid_config_stops_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cli", "db", "upgrade"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(__import__("pathlib").Path(__file__).parents[1]),
            "DATABASE_URL": "mysql://nope",
        },
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "DATABASE_URL" in result.stderr


def test_follow_locale_setting():
    assert Settings.from_env({}).language_for("en-US") == "en"
    assert Settings.from_env({"FOLLOW_TEAMS_LOCALE": "false"}).language_for("en-US") == "nl"
    assert Settings.from_env({"FOLLOW_TEAMS_LOCALE": "false", "DEFAULT_LANGUAGE": "en"}).language_for("nl-NL") == "en"
    with pytest.raises(ConfigError, match="FOLLOW_TEAMS_LOCALE"):
        Settings.from_env({"FOLLOW_TEAMS_LOCALE": "misschien"})


def test_fanout_settings_default_to_teams_limits_and_can_be_set():
    assert (Settings.from_env({}).send_rate_limit, Settings.from_env({}).fanout_max_attempts) == (50.0, 8)
    custom = Settings.from_env({"SEND_RATE_LIMIT": "12.5", "FANOUT_MAX_ATTEMPTS": "3"})
    assert (custom.send_rate_limit, custom.fanout_max_attempts) == (12.5, 3)


def test_single_sign_on_is_on_with_its_connection_resource_and_a_tenant():
    assert not Settings.from_env({}).sso_enabled
    settings = Settings.from_env(
        {"SSO_CONNECTION_NAME": "vraagbaak-sso", "SSO_RESOURCE": "api://x/botid-y", "BOT_TENANT_ID": "t-1"}
    )
    assert settings.sso_enabled and (settings.sso_connection_name, settings.sso_resource) == (
        "vraagbaak-sso",
        "api://x/botid-y",
    )
