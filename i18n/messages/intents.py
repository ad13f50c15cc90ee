"""Phrasings and answers of the built-in questions about Vraagbaak itself (services/intents.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "intent.key_users.phrasings": {
        "nl": "Wie is mijn kerngebruiker?\nWie zijn de kerngebruikers van mijn afdeling?\nWie is de kerngebruiker voor deze applicatie?\nBij welke kerngebruiker kan ik terecht?\nWie is onze key user?\nWie is de ambassadeur of champion van onze afdeling?\nWelke collega is kerngebruiker?\nWie is de voorzitter van de kerngebruikersgroep?\nWie is mijn kg?\nAanspreekpunt voor vragen over de nieuwe systemen\nBij wie kan ik terecht met vragen over Teams?",
        "en": "Who is my key user?\nWho are the key users of my department?\nWho is the key user for this application?\nWhich champion can I go to?",
    },
    "intent.key_users.answer": {
        "nl": "Vraagbaak toont de kerngebruikers en de voorzitter van je afdeling.",
        "en": "Vraagbaak shows the key users and the chair of your department.",
    },
    "intent.my_tickets.phrasings": {
        "nl": "Mijn vragen\nWat is de status van mijn vraag?\nIs mijn vraag al opgepakt door een kerngebruiker?\nWaar blijft het antwoord op mijn ticket?\nWelke tickets heb ik open staan?",
        "en": "My questions\nWhat is the status of my question?\nHas a key user picked up my ticket?",
    },
    "intent.my_tickets.answer": {
        "nl": "Vraagbaak toont je tickets en hun status.",
        "en": "Vraagbaak shows your tickets and their status.",
    },
}
