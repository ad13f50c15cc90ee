"""Texts every feature shares: the general replies to a turn, and dates and ages on cards."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- replies to a turn (dialogs/, bot/endpoint.py) ---
    "reply.empty": {
        "nl": "Ik zie geen vraag in je bericht. Typ je vraag in gewone woorden, bijvoorbeeld: *Hoe reset ik mijn wachtwoord?*",
        "en": "I don't see a question in your message. Type your question in plain words, for example: *How do I reset my password?*",
    },
    "reply.too_long": {
        "nl": "Je bericht is te lang ({length} tekens, maximaal {limit}). Stel je vraag korter, dan zoek ik het antwoord op.",
        "en": "Your message is too long ({length} characters, at most {limit}). Please ask a shorter question and I'll look it up.",
    },
    "reply.attachments_only": {
        "nl": "Ik kan nog geen bijlagen lezen. Typ je vraag in het bericht zelf.",
        "en": "I can't read attachments yet. Please type your question in the message itself.",
    },
    "reply.unknown_action": {
        "nl": "Deze knop ken ik niet (meer). Stel je vraag opnieuw, dan help ik je verder.",
        "en": "I don't know this button (any more). Ask your question again and I'll help you.",
    },
    "reply.error": {
        "nl": "Er ging bij mij iets mis. Probeer het over een paar minuten opnieuw.",
        "en": "Something went wrong on my side. Please try again in a few minutes.",
    },
    "reply.not_saved": {
        "nl": "Er ging bij mij iets mis: ik kan nu niets opslaan, dus je vraag is niet bewaard. Probeer het later opnieuw.",
        "en": "Something went wrong on my side: I can't store anything right now, so your question was not saved. Please try again later.",
    },
    "reply.action_not_saved": {
        "nl": "Er ging bij mij iets mis: ik kan nu niets opslaan, dus dit is niet bewaard. Probeer het later opnieuw.",
        "en": "Something went wrong on my side: I can't store anything right now, so this was not saved. Please try again later.",
    },
    "reply.not_yours": {
        "nl": "Deze knop hoort bij de vraag van iemand anders. Stel je eigen vraag, dan help ik je verder.",
        "en": "This button belongs to someone else's question. Ask your own question and I'll help you.",
    },
    "reply.question_gone": {
        "nl": "Die vraag kan ik niet meer vinden. Stel hem gerust opnieuw.",
        "en": "I can't find that question any more. Feel free to ask it again.",
    },
    "reply.see_below": {
        "nl": "Zie mijn antwoord hieronder.",
        "en": "See my answer below.",
    },
    "reply.entry_gone": {
        "nl": "Dit antwoord is inmiddels uit de FAQ gehaald. Stel je vraag opnieuw voor het actuele antwoord.",
        "en": "This answer has since been removed from the FAQ. Ask your question again for the current answer.",
    },
    # --- dates and ages on cards (cards/tickets.py) ---
    "date.datetime": {
        "nl": "{weekday} {day} {month} {time}",
        "en": "{weekday} {day} {month} {time}",
    },
    "date.weekday.0": {"nl": "ma", "en": "Mon"},
    "date.weekday.1": {"nl": "di", "en": "Tue"},
    "date.weekday.2": {"nl": "wo", "en": "Wed"},
    "date.weekday.3": {"nl": "do", "en": "Thu"},
    "date.weekday.4": {"nl": "vr", "en": "Fri"},
    "date.weekday.5": {"nl": "za", "en": "Sat"},
    "date.weekday.6": {"nl": "zo", "en": "Sun"},
    "date.month.1": {"nl": "jan", "en": "Jan"},
    "date.month.2": {"nl": "feb", "en": "Feb"},
    "date.month.3": {"nl": "mrt", "en": "Mar"},
    "date.month.4": {"nl": "apr", "en": "Apr"},
    "date.month.5": {"nl": "mei", "en": "May"},
    "date.month.6": {"nl": "jun", "en": "Jun"},
    "date.month.7": {"nl": "jul", "en": "Jul"},
    "date.month.8": {"nl": "aug", "en": "Aug"},
    "date.month.9": {"nl": "sep", "en": "Sep"},
    "date.month.10": {"nl": "okt", "en": "Oct"},
    "date.month.11": {"nl": "nov", "en": "Nov"},
    "date.month.12": {"nl": "dec", "en": "Dec"},
    "date.age.minutes": {"nl": "{count} min", "en": "{count} min"},
    "date.age.hours": {"nl": "{count} uur", "en": "{count} h"},
    "date.age.days": {"nl": "{count} dagen", "en": "{count} days"},
    "date.age.one_day": {"nl": "1 dag", "en": "1 day"},
}

# Keys chosen by a value: each table names its keys whole, so tests/test_i18n.py sees every one.

WEEKDAY: dict[int, str] = {
    0: "date.weekday.0",
    1: "date.weekday.1",
    2: "date.weekday.2",
    3: "date.weekday.3",
    4: "date.weekday.4",
    5: "date.weekday.5",
    6: "date.weekday.6",
}
"""A weekday's short name by `datetime.weekday()` (Monday is 0)."""

MONTH: dict[int, str] = {
    1: "date.month.1",
    2: "date.month.2",
    3: "date.month.3",
    4: "date.month.4",
    5: "date.month.5",
    6: "date.month.6",
    7: "date.month.7",
    8: "date.month.8",
    9: "date.month.9",
    10: "date.month.10",
    11: "date.month.11",
    12: "date.month.12",
}
"""A month's short name by its number (January is 1)."""
