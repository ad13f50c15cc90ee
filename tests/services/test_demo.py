"""`vraagbaak demo`: what its bot is started with."""

from services.demo import demo_bot_env


def test_the_demo_bot_speaks_dutch_and_logs_only_what_goes_wrong():
    env = demo_bot_env({"PATH": "/usr/bin"})
    assert env == {"PATH": "/usr/bin", "FOLLOW_TEAMS_LOCALE": "false", "LOG_LEVEL": "WARNING"}


def test_an_operators_own_settings_win():
    env = demo_bot_env({"FOLLOW_TEAMS_LOCALE": "true", "LOG_LEVEL": "DEBUG"})
    assert (env["FOLLOW_TEAMS_LOCALE"], env["LOG_LEVEL"]) == ("true", "DEBUG")
