"""One string catalogue for every user-facing text: Dutch (nl-NL) first, English variant."""

from __future__ import annotations

from i18n.catalogue import MESSAGES

LANGUAGES = ("nl", "en")


def language_for(locale: str | None, default: str = "nl", follow_locale: bool = True) -> str:
    """Pick the catalogue language for a Teams locale such as 'nl-NL' or 'en-US'."""
    if locale and follow_locale:
        code = locale.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    return default if default in LANGUAGES else "nl"


def t(key: str, lang: str = "nl", **params: object) -> str:
    """Return the text for `key` in `lang`, formatted with `params`."""
    variants = MESSAGES[key]
    text = variants.get(lang) or variants["nl"]
    return text.format(**params) if params else text
