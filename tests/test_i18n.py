"""The string catalogue: every text in Dutch and English with the same placeholders."""

import re
import string

import pytest

from i18n import language_for, t
from i18n.catalogue import MESSAGES


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    variants = MESSAGES[key]
    assert set(variants) == {"nl", "en"}, key
    assert variants["nl"].strip() and variants["en"].strip()
    assert placeholders(variants["nl"]) == placeholders(variants["en"]), key


@pytest.mark.parametrize("locale, default, follow, expected", [
    ("nl-NL", "nl", True, "nl"), ("en-US", "nl", True, "en"), ("en_GB", "nl", True, "en"),
    ("fr-FR", "nl", True, "nl"), (None, "en", True, "en"), ("", "nl", True, "nl"),
    ("en-US", "nl", False, "nl"), ("nl-BE", "en", True, "nl"),
])
def test_language_for_locale(locale, default, follow, expected):
    assert language_for(locale, default, follow) == expected


def test_formatting_and_fallback():
    assert "2000" in t("reply.too_long", "nl", length=2500, limit=2000)
    assert t("reply.empty", "de") == t("reply.empty", "nl")


def test_no_text_puts_a_group_name_after_a_word_the_name_already_holds():
    doubled = re.compile(r"(kerngebruikers van|key users of|functioneel beheer voor|functional management for)"
                         r"\s*\**\{group\}", re.IGNORECASE)
    assert [key for key, texts in MESSAGES.items() for text in texts.values() if doubled.search(text)] == []
