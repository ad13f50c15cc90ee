"""Counted links: signed tokens that name one delivery's link, and the secret every instance shares."""

from __future__ import annotations

import pytest

from services.link_clicks import LinkClicks
from services.links import TOKEN_LENGTH, derived_secret, link_token, read_link_token, tracked_url

SECRET = b"s" * 32


def test_a_token_names_its_delivery_and_link_and_nothing_else():
    token = link_token(41, 2, SECRET)
    assert len(token) == TOKEN_LENGTH and token.isascii() and "/" not in token and "=" not in token
    assert read_link_token(token, SECRET) == (41, 2)
    assert read_link_token(link_token(42, 2, SECRET), SECRET) == (42, 2)
    assert link_token(41, 2, SECRET) != link_token(41, 1, SECRET)
    assert tracked_url("https://bot.example/", 41, 2, SECRET) == f"https://bot.example/r/{token}"


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: ("B" if token[0] != "B" else "C") + token[1:],  # the delivery id
        lambda token: token[:-1],
        lambda token: token + "A",
        lambda token: "!" * TOKEN_LENGTH,
        lambda token: "",
    ],
)
def test_a_changed_or_forged_token_names_nothing(change):
    assert read_link_token(change(link_token(41, 2, SECRET)), SECRET) is None


def test_a_token_signed_with_another_secret_names_nothing():
    assert read_link_token(link_token(41, 0, b"other secret"), SECRET) is None


def test_tokens_exist_only_for_real_deliveries_and_links():
    for delivery, index in ((0, 0), (-1, 0), (1, -1), (1, 256), (2**63, 0)):
        with pytest.raises(ValueError):
            link_token(delivery, index, SECRET)


async def test_the_secret_is_configured_derived_or_stored_once_for_every_instance(database):
    assert await LinkClicks(database, link_secret="a-configured-secret").secret() == b"a-configured-secret"
    derived = await LinkClicks(database, bot_password="bot-client-secret").secret()
    assert derived == derived_secret("bot-client-secret") and b"bot-client-secret" not in derived
    first, second = LinkClicks(database), LinkClicks(database)
    with pytest.raises(RuntimeError):
        first.loaded_secret()
    shared = await first.secret()
    assert first.loaded_secret() == shared
    assert len(shared) >= 32 and await second.secret() == shared  # another instance, the same database
    token = link_token(7, 0, shared)
    assert read_link_token(token, await second.secret()) == (7, 0)


async def test_a_bad_token_is_not_followed(database):
    clicks = LinkClicks(database, link_secret="a-configured-secret")
    assert await clicks.follow("nonsense") is None
    assert await clicks.follow(link_token(7, 0, b"another secret")) is None
    assert await clicks.follow(link_token(7, 0, b"a-configured-secret")) is None  # no delivery 7
