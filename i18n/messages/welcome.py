"""Texts of the welcome and help cards: personal chat, channel and group chat."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- welcome cards (cards/welcome.py) ---
    "card.welcome.title": {
        "nl": "Welkom bij Vraagbaak!",
        "en": "Welcome to Vraagbaak!",
    },
    "card.welcome.title_named": {
        "nl": "Welkom bij Vraagbaak, {name}!",
        "en": "Welcome to Vraagbaak, {name}!",
    },
    "card.welcome.text": {
        "nl": "Ik beantwoord je vragen over de applicaties van de gemeente, met de veelgestelde vragen die de kerngebruikers en functioneel beheer bijhouden. Weet ik het niet, dan zeg ik dat eerlijk en kun je je vraag doorzetten naar een kerngebruiker.",
        "en": "I answer your questions about the municipality's applications, using the frequently asked questions kept by the key users and functional management. If I don't know, I'll say so honestly and you can pass your question on to a key user.",
    },
    "card.welcome.examples_title": {
        "nl": "Stel je vraag in gewone woorden, bijvoorbeeld:",
        "en": "Ask your question in plain words, for example:",
    },
    "card.welcome.examples": {
        "nl": "- Ik ben mijn wachtwoord vergeten, hoe kom ik er weer in?\n- Hoe stel ik mijn afwezigheidsmelding in?\n- Mijn MFA-app werkt niet op mijn nieuwe telefoon, wat nu?",
        "en": "- I forgot my password, how do I get back in?\n- How do I set up my out-of-office reply?\n- My MFA app doesn't work on my new phone, what now?",
    },
    "card.welcome.help_hint": {
        "nl": "Typ **help** voor een overzicht van wat ik kan.",
        "en": "Type **help** for an overview of what I can do.",
    },
    "card.welcome.channel.title": {
        "nl": "Vraagbaak is toegevoegd aan dit kanaal",
        "en": "Vraagbaak has been added to this channel",
    },
    "card.welcome.channel.groups": {
        "nl": "Hier komen de vragen binnen die collega's stellen aan:",
        "en": "Questions colleagues ask arrive here for:",
    },
    "card.welcome.channel.management_group": {
        "nl": "{group} (functioneel beheer: vragen die kerngebruikers doorzetten)",
        "en": "{group} (functional management: questions key users pass on)",
    },
    "card.welcome.channel.tickets": {
        "nl": "Elke vraag komt als kaart met een eigen gesprek: pak hem op, wijs hem toe aan een collega, beantwoord hem (het antwoord gaat naar de vrager) of zet hem door naar functioneel beheer.",
        "en": "Each question arrives as a card with its own thread: pick it up, assign it to a colleague, answer it (the answer goes to the asker) or pass it on to functional management.",
    },
    "card.welcome.channel.not_linked": {
        "nl": "Dit kanaal is nog niet gekoppeld aan een groep. Functioneel beheer koppelt het met **@Vraagbaak koppel kanaal APPLICATIE**; daarna komen de vragen over die applicatie hier binnen.",
        "en": "This channel is not linked to a group yet. Functional management links it with **@Vraagbaak link channel APPLICATION**; then questions about that application arrive here.",
    },
    "card.welcome.channel.mention": {
        "nl": "Noem mij hier altijd met @Vraagbaak: een bericht zonder vermelding krijg ik niet te zien.",
        "en": "Always mention me here with @Vraagbaak: I don't see a message without the mention.",
    },
    "card.welcome.channel.command": {
        "nl": "@Vraagbaak {command}",
        "en": "@Vraagbaak {command}",
    },
    "card.welcome.group_chat.title": {
        "nl": "Vraagbaak is toegevoegd aan deze chat",
        "en": "Vraagbaak has been added to this chat",
    },
    "card.welcome.group_chat.text": {
        "nl": "Noem mij met @Vraagbaak en stel je vraag in gewone woorden, dan zoek ik het antwoord op in de veelgestelde vragen. Iedereen in deze chat ziet mijn antwoord; een bericht zonder vermelding krijg ik niet te zien.",
        "en": "Mention me with @Vraagbaak and ask your question in plain words, and I'll look up the answer in the frequently asked questions. Everyone in this chat sees my answer; I don't see a message without the mention.",
    },
    "card.welcome.group_chat.personal": {
        "nl": "Een vraag doorzetten naar een kerngebruiker, of zien hoe ver je vragen zijn (**mijn vragen**), doe je het best in je eigen chat met Vraagbaak.",
        "en": "Passing a question on to a key user, or seeing how far your questions are (**my questions**), is best done in your own chat with Vraagbaak.",
    },
    "card.welcome.group_chat.help": {
        "nl": "Typ **@Vraagbaak help** voor een overzicht van wat ik kan.",
        "en": "Type **@Vraagbaak help** for an overview of what I can do.",
    },
    # --- the help card ---
    "card.help.title": {
        "nl": "Zo werkt Vraagbaak",
        "en": "How Vraagbaak works",
    },
    "card.help.ask": {
        "nl": "Stel je vraag in gewone woorden, zoals je die aan een collega zou stellen. Afkortingen zoals ww, mfa en m365 begrijp ik ook.",
        "en": "Ask your question in plain words, as you would ask a colleague. I also understand abbreviations such as ww, mfa and m365.",
    },
    "card.help.outcomes": {
        "nl": "- Weet ik het zeker, dan krijg je meteen het antwoord.\n- Twijfel ik, dan kies je zelf uit hooguit drie vragen.\n- Weet ik het niet, dan zeg ik dat en kun je het een kerngebruiker vragen.",
        "en": "- If I'm sure, you get the answer at once.\n- If I'm in doubt, you pick from at most three questions.\n- If I don't know, I say so and you can ask a key user.",
    },
    "card.help.feedback": {
        "nl": "Laat onder een antwoord weten of het nuttig was: daarmee worden de antwoorden beter.",
        "en": "Tell me below an answer whether it was helpful: that makes the answers better.",
    },
    "card.help.commands_title": {
        "nl": "Commando's",
        "en": "Commands",
    },
    "card.help.command_help": {
        "nl": "Dit overzicht",
        "en": "This overview",
    },
    "card.help.my_questions": {
        "nl": "mijn vragen",
        "en": "my questions",
    },
    "card.help.my_questions_value": {
        "nl": "Je vragen bij de kerngebruikers en hoe ver ze zijn",
        "en": "Your questions with the key users and how far along they are",
    },
    "card.help.key_users": {
        "nl": "wie is mijn kerngebruiker?",
        "en": "who is my key user?",
    },
    "card.help.key_users_value": {
        "nl": "De kerngebruikers en de voorzitter voor jouw afdeling",
        "en": "The key users and the chair for your department",
    },
    "card.help.open_tickets": {
        "nl": "open tickets",
        "en": "open tickets",
    },
    "card.help.open_tickets_value": {
        "nl": "In het kanaal van de kerngebruikers: wat nog wacht",
        "en": "In the key users' channel: what is still waiting",
    },
    "card.help.link": {
        "nl": "koppel kanaal APPLICATIE",
        "en": "link channel APPLICATION",
    },
    "card.help.link_value": {
        "nl": "Voor functioneel beheer: maak dit kanaal het kanaal van de kerngebruikers (of 'koppel functioneel beheer')",
        "en": "For functional management: make this channel the key users' channel (or 'link functional management')",
    },
    "card.help.learned": {
        "nl": "geleerde formuleringen",
        "en": "learned phrasings",
    },
    "card.help.learned_value": {
        "nl": "Voor functioneel beheer: vragen zoals medewerkers ze stelden, om goed te keuren als formulering van een FAQ",
        "en": "For functional management: questions as employees asked them, to approve as phrasings of an FAQ entry",
    },
    "card.help.golive": {"nl": "livegang plannen", "en": "plan go-live"},
    "card.help.golive_value": {
        "nl": "Voor functioneel beheer: de welkomstkaart voor een afdeling en de aftrap bij haar kerngebruikers, op de "
        "dag dat ze live gaat",
        "en": "For functional management: the welcome card for a department and the kick-off with its key users, on "
        "the day it goes live",
    },
    "card.help.channels": {
        "nl": "In een team of groepschat noem je mij met @Vraagbaak in je bericht.",
        "en": "In a team or group chat, mention me with @Vraagbaak in your message.",
    },
}
