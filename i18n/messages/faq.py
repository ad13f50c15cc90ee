"""Texts of asking the FAQ: the answer, suggestions, 'I don't know' and 'recorded' cards; FAQ proposals."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- answer, suggestions, unknown and recorded cards (cards/answer.py, suggestions.py, unknown.py) ---
    "card.ask_key_user": {
        "nl": "Vraag het een kerngebruiker",
        "en": "Ask a key user",
    },
    "card.answer.application": {
        "nl": "Toepassing: {application}",
        "en": "Application: {application}",
    },
    "card.answer.helpful_question": {
        "nl": "Was dit nuttig?",
        "en": "Was this helpful?",
    },
    "card.answer.yes": {
        "nl": "Ja",
        "en": "Yes",
    },
    "card.answer.no": {
        "nl": "Nee",
        "en": "No",
    },
    "card.answer.thanks_helpful": {
        "nl": "Bedankt voor je reactie! Fijn dat dit je heeft geholpen.",
        "en": "Thanks for your feedback! Glad this helped you.",
    },
    "card.answer.thanks_not_helpful": {
        "nl": "Bedankt voor je reactie. Jammer dat dit je niet heeft geholpen: een kerngebruiker kan je verder helpen.",
        "en": "Thanks for your feedback. Sorry this didn't help: a key user can help you further.",
    },
    "card.suggestions.title": {
        "nl": "Bedoel je een van deze vragen?",
        "en": "Did you mean one of these questions?",
    },
    "card.suggestions.intro": {
        "nl": "Ik weet niet zeker welke vraag je bedoelt. Bekijk de antwoorden en kies de vraag die bij de jouwe past.",
        "en": "I'm not sure which question you mean. Look at the answers and pick the question that matches yours.",
    },
    "card.suggestions.show_answer": {
        "nl": "Toon antwoord",
        "en": "Show answer",
    },
    "card.suggestions.choose": {
        "nl": "Dit was mijn vraag",
        "en": "This was my question",
    },
    "card.suggestions.none": {
        "nl": "Geen van deze: vraag het een kerngebruiker",
        "en": "None of these: ask a key user",
    },
    "card.unknown.title": {
        "nl": "Dat weet ik niet",
        "en": "I don't know",
    },
    "card.unknown.text": {
        "nl": "Op deze vraag staat geen antwoord in de veelgestelde vragen die ik ken:",
        "en": "The frequently asked questions I know have no answer to this question:",
    },
    "card.unknown.hint": {
        "nl": "Een kerngebruiker kan je wel helpen. Je kunt je vraag ook in andere woorden opnieuw stellen.",
        "en": "A key user can help you. You can also ask your question again in other words.",
    },
    "card.escalated.title": {
        "nl": "Je vraag is genoteerd",
        "en": "Your question has been recorded",
    },
    "card.escalated.text": {
        "nl": "Ik heb deze vraag vastgelegd als onbeantwoorde vraag voor de kerngebruikers:",
        "en": "I have recorded this question as unanswered for the key users:",
    },
    "card.escalated.honest": {
        "nl": "Er is nog geen ticket of ticketnummer, en ik stuur je niet vanzelf een bericht als er een antwoord is. Heb je snel hulp nodig? Neem dan rechtstreeks contact op met een kerngebruiker van je afdeling.",
        "en": "There is no ticket or ticket number yet, and I won't message you by myself when there is an answer. Need help quickly? Then contact a key user in your department directly.",
    },
    # --- FAQ proposals made from a ticket's answer (services/tickets.py) ---
    "faq.refused.empty": {
        "nl": "Vraag en antwoord mogen niet leeg zijn.",
        "en": "Question and answer must not be empty.",
    },
    "faq.refused.unknown": {
        "nl": "Dit voorstel ken ik niet (meer).",
        "en": "I don't know this proposal (any more).",
    },
    "faq.note.changed": {
        "nl": "Dit voorstel is intussen aangepast. Bekijk de tekst op de kaart en keur hem dan goed; er is niets in de FAQ gezet.",
        "en": "This proposal has been changed in the meantime. Check the text on the card, then approve it; nothing was put into the FAQ.",
    },
    "faq.note.already_decided": {
        "nl": "Over dit voorstel is al besloten.",
        "en": "This proposal has already been decided on.",
    },
}
