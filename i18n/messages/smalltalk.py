"""Replies to small talk (greetings, thanks, 'ok', goodbye) and to choosing a language (dialogs/talk.py)."""

from vocabulary import SmallTalk

MESSAGES: dict[str, dict[str, str]] = {
    "smalltalk.greeting": {
        "nl": "Hoi! Stel je vraag gerust in gewone woorden, of typ **help** voor wat ik kan.",
        "en": "Hi! Just ask your question in plain words, or type **help** to see what I can do.",
    },
    "smalltalk.how_are_you": {
        "nl": "Goed, dank je! Waarmee kan ik je helpen?",
        "en": "I'm fine, thanks! How can I help you?",
    },
    "smalltalk.thanks": {
        "nl": "Graag gedaan! Laat het weten als je nog een vraag hebt.",
        "en": "You're welcome! Let me know if you have another question.",
    },
    "smalltalk.ack": {
        "nl": "👍 Laat het weten als je nog een vraag hebt.",
        "en": "👍 Let me know if you have another question.",
    },
    "smalltalk.bye": {
        "nl": "Tot ziens! Je kunt me altijd weer iets vragen.",
        "en": "Bye! You can always ask me something again.",
    },
    "language.chosen": {
        "nl": "Prima, ik antwoord je voortaan in het Nederlands. (Type **language en** for English.)",
        "en": "All right, from now on I'll answer you in English. (Typ **taal nl** voor Nederlands.)",
    },
    "card.help.language": {
        "nl": "taal nl / language en",
        "en": "language en / taal nl",
    },
    "card.help.language_value": {
        "nl": "De taal waarin ik je antwoord; anders volg ik de taal van je vraag",
        "en": "The language I answer you in; otherwise I follow the language of your question",
    },
}

# Keys chosen by a value: the table names its keys whole, so tests/test_i18n.py sees every one.
SMALL_TALK_REPLY: dict[SmallTalk, str] = {
    SmallTalk.GREETING: "smalltalk.greeting",
    SmallTalk.HOW_ARE_YOU: "smalltalk.how_are_you",
    SmallTalk.THANKS: "smalltalk.thanks",
    SmallTalk.ACK: "smalltalk.ack",
    SmallTalk.BYE: "smalltalk.bye",
}
"""The reply to each kind of small talk."""
