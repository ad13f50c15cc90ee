"""All user-facing strings, keyed by id: one module per feature in `i18n.messages`, merged into MESSAGES."""

# Each key has 'nl' (the default) and 'en', with the same str.format placeholders, and lives in the module of
# the feature that shows it (tests/test_i18n.py checks both, and that the code uses every key and no other).

from __future__ import annotations

from collections.abc import Iterable, Mapping

from i18n.messages import (
    announcements,
    api,
    authoring,
    cli,
    common,
    demo,
    faq,
    faq_files,
    golive,
    groups,
    intents,
    learning,
    manifest,
    notifications,
    release_watch,
    smalltalk,
    tickets,
    welcome,
)

Messages = Mapping[str, Mapping[str, str]]

FEATURES = (
    common,
    faq,
    faq_files,
    tickets,
    groups,
    intents,
    welcome,
    smalltalk,
    cli,
    demo,
    manifest,
    announcements,
    authoring,
    api,
    release_watch,
    golive,
    notifications,
    learning,
)
"""The feature modules, each with its own MESSAGES."""


class DuplicateKeyError(ValueError):
    """A catalogue key that two feature modules both define."""

    def __init__(self, key: str, first: str, second: str) -> None:
        super().__init__(f"catalogue key {key!r} is defined in both {first} and {second}")
        self.key, self.modules = key, (first, second)


def merge(parts: Iterable[tuple[str, Messages]]) -> dict[str, dict[str, str]]:
    """One catalogue from (module name, its messages); raises DuplicateKeyError when two modules share a key."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for module, messages in parts:
        for key, variants in messages.items():
            if key in origin:
                raise DuplicateKeyError(key, origin[key], module)
            origin[key] = module
            merged[key] = dict(variants)
    return merged


MESSAGES = merge((feature.__name__, feature.MESSAGES) for feature in FEATURES)
