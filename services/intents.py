"""Questions about Vraagbaak itself ('wie is mijn kerngebruiker?') as built-in entries of the FAQ index.

They compete with the real FAQ entries in the same matcher, so a question is only taken for one of
them when it fits better than every FAQ answer; their phrasings live in the string catalogue.
"""

from __future__ import annotations

from i18n import LANGUAGES, t
from matching import FaqDoc

KEY_USERS = "vraagbaak:wie-is-mijn-kerngebruiker"
MY_TICKETS = "vraagbaak:mijn-vragen"
INTENTS = (KEY_USERS, MY_TICKETS)
_KEYS = {
    KEY_USERS: ("intent.key_users.phrasings", "intent.key_users.answer"),
    MY_TICKETS: ("intent.my_tickets.phrasings", "intent.my_tickets.answer"),
}
"""Each intent's catalogue keys: its phrasings (one a line) and its answer."""


def built_in_docs() -> list[FaqDoc]:
    """The intents as FAQ documents, with their Dutch and English phrasings."""
    docs = []
    for intent, (phrasings_key, answer_key) in _KEYS.items():
        phrasings = [line.strip() for lang in LANGUAGES for line in t(phrasings_key, lang).split("\n") if line.strip()]
        docs.append(
            FaqDoc(
                id=intent,
                application="Vraagbaak",
                question=phrasings[0],
                alternates=tuple(phrasings[1:]),
                answer=t(answer_key, "nl"),
            )
        )
    return docs
