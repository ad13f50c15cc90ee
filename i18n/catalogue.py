"""All user-facing strings, keyed by id; each has 'nl' (default) and 'en'.

Placeholders use str.format syntax and must be the same in both variants.
Keep keys grouped by the feature that shows them.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- general replies -------------------------------------------------------------------
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
    # --- command line (cli.py) ---------------------------------------------------------------
    "cli.config_error": {
        "nl": "Configuratiefout: {error}",
        "en": "Configuration error: {error}",
    },
    "cli.migrated": {
        "nl": "Database bijgewerkt tot de nieuwste versie ({url}).",
        "en": "Database upgraded to the latest version ({url}).",
    },
    "cli.imported": {
        "nl": "{file}: {created} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd.",
        "en": "{file}: {created} new, {updated} updated, {unchanged} unchanged.",
    },
    "cli.exported": {
        "nl": "{count} FAQ-items geschreven naar {file}.",
        "en": "{count} FAQ entries written to {file}.",
    },
    "cli.empty_faq": {
        "nl": "De FAQ is leeg. Lees eerst items in met: vraagbaak faq import BESTAND",
        "en": "The FAQ is empty. Import entries first with: vraagbaak faq import FILE",
    },
    "cli.decision": {
        "nl": "Besluit: {outcome} (score {score:.3f})",
        "en": "Decision: {outcome} (score {score:.3f})",
    },
    "cli.manifest_written": {
        "nl": "Teams-app-pakket geschreven naar {file}.",
        "en": "Teams app package written to {file}.",
    },
    "cli.manifest_needs_id": {
        "nl": "Geen bot-id: zet BOT_ID (of MicrosoftAppId) of geef --bot-id op.",
        "en": "No bot id: set BOT_ID (or MicrosoftAppId) or pass --bot-id.",
    },
    "cli.serving": {
        "nl": "Vraagbaak luistert op http://{host}:{port}/api/messages",
        "en": "Vraagbaak is listening on http://{host}:{port}/api/messages",
    },
    "cli.db.unreachable": {
        "nl": "Database niet bereikbaar op {url} ({detail}): draait de database, en klopt DATABASE_URL?",
        "en": "Database unreachable at {url} ({detail}): is it running, and is DATABASE_URL right?",
    },
    "cli.db.refused": {
        "nl": "Database {url} weigert de verbinding ({detail}): controleer gebruiker, wachtwoord en databasenaam in DATABASE_URL.",
        "en": "Database {url} refuses the connection ({detail}): check user, password and database name in DATABASE_URL.",
    },
    "cli.db.sqlite_not_writable": {
        "nl": "SQLite-bestand of -map niet schrijfbaar ({detail}): controleer de rechten van {file} en van de map {folder}.",
        "en": "SQLite file or folder not writable ({detail}): check the permissions of {file} and of the folder {folder}.",
    },
    "cli.db.read_only": {
        "nl": "Database {url} laat niet schrijven ({detail}): wijs DATABASE_URL naar de primaire server, met een gebruiker die mag schrijven.",
        "en": "Database {url} does not allow writing ({detail}): point DATABASE_URL at the primary server, with a user who may write.",
    },
    "cli.db.unusable": {
        "nl": "Database {url} is niet te gebruiken ({detail}): controleer DATABASE_URL.",
        "en": "Database {url} cannot be used ({detail}): check DATABASE_URL.",
    },
    "cli.port_unusable": {
        "nl": "Vraagbaak kan niet luisteren op {host}:{port} ({detail}): is de poort al in gebruik? Kies een andere met --port of PORT.",
        "en": "Vraagbaak cannot listen on {host}:{port} ({detail}): is the port already in use? Pick another with --port or PORT.",
    },
    "reply.unsupported_activity": {
        "nl": "Dit soort bericht kan ik niet verwerken. Typ je vraag als tekst.",
        "en": "I can't handle this kind of message. Please type your question as text.",
    },
    # --- cards (cards/): answer, suggestions, unknown, escalated, welcome, help -----------
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
    "card.help.channels": {
        "nl": "In een team of groepschat noem je mij met @Vraagbaak in je bericht.",
        "en": "In a team or group chat, mention me with @Vraagbaak in your message.",
    },
    # --- Teams app package (services/manifest.py) -----------------------------------------
    "manifest.invalid_app_id": {
        "nl": "De bot-id {app_id!r} is geen GUID. Zet BOT_ID (MicrosoftAppId) op de app-id van de Entra-appregistratie van de bot, bijvoorbeeld 00000000-0000-0000-0000-000000000000.",
        "en": "The bot id {app_id!r} is not a GUID. Set BOT_ID (MicrosoftAppId) to the app id of the bot's Entra app registration, for example 00000000-0000-0000-0000-000000000000.",
    },
    "manifest.invalid_developer": {
        "nl": "Ongeldige ontwikkelaarsgegevens voor het manifest ({field}): geef name, websiteUrl, privacyUrl of termsOfUseUrl op, niet leeg, en adressen die met https:// beginnen.",
        "en": "Invalid developer details for the manifest ({field}): give name, websiteUrl, privacyUrl or termsOfUseUrl, not empty, with addresses starting with https://.",
    },
    "manifest.invalid_version": {
        "nl": "De appversie {version!r} is geen geldige versie: gebruik de vorm 1.2.3.",
        "en": "The app version {version!r} is not a valid version: use the form 1.2.3.",
    },
    # --- faq import/export (services/faq_files.py) ----------------------------------------
    "faq_file.where.row": {
        "nl": "Rij {number}",
        "en": "Row {number}",
    },
    "faq_file.where.line": {
        "nl": "Regel {number}",
        "en": "Line {number}",
    },
    "faq_file.other.row": {
        "nl": "rij {number}",
        "en": "row {number}",
    },
    "faq_file.other.line": {
        "nl": "regel {number}",
        "en": "line {number}",
    },
    "faq_file.refused.one": {
        "nl": "Het bestand {name} is geweigerd en er is niets ingelezen. Er is {count} probleem:",
        "en": "The file {name} was refused and nothing was read. There is {count} problem:",
    },
    "faq_file.refused.many": {
        "nl": "Het bestand {name} is geweigerd en er is niets ingelezen. Er zijn {count} problemen:",
        "en": "The file {name} was refused and nothing was read. There are {count} problems:",
    },
    "faq_file.write_refused": {
        "nl": "Het bestand {name} is niet geschreven:",
        "en": "The file {name} was not written:",
    },
    "faq_file.unknown_extension": {
        "nl": "Onbekend bestandstype '{suffix}': gebruik .yaml, .yml, .csv of .xlsx.",
        "en": "Unknown file type '{suffix}': use .yaml, .yml, .csv or .xlsx.",
    },
    "faq_file.not_found": {
        "nl": "Het bestand {name} bestaat niet.",
        "en": "The file {name} does not exist.",
    },
    "faq_file.unreadable": {
        "nl": "Het bestand {name} kan niet worden gelezen: {error}.",
        "en": "The file {name} cannot be read: {error}.",
    },
    "faq_file.unreadable_detail": {
        "nl": "Het bestand kan niet worden gelezen: {error}.",
        "en": "The file cannot be read: {error}.",
    },
    "faq_file.xlsx_unreadable": {
        "nl": "Dit is geen leesbaar Excel-bestand (.xlsx): {error}. Sla het in Excel op als 'Excel-werkmap (*.xlsx)'.",
        "en": "This is not a readable Excel file (.xlsx): {error}. Save it in Excel as 'Excel Workbook (*.xlsx)'.",
    },
    "faq_file.unwritable": {
        "nl": "Het bestand {name} kan niet worden geschreven: {error}.",
        "en": "The file {name} cannot be written: {error}.",
    },
    "faq_file.not_utf8": {
        "nl": "Het bestand is geen UTF-8-tekst. Sla het op met de codering UTF-8 (in Excel: 'CSV UTF-8').",
        "en": "The file is not UTF-8 text. Save it with UTF-8 encoding (in Excel: 'CSV UTF-8').",
    },
    "faq_file.empty": {
        "nl": "Het bestand is leeg.",
        "en": "The file is empty.",
    },
    "faq_file.no_header": {
        "nl": "Rij 1 is leeg: daar horen de kolomnamen te staan (id, application, question, alternates, answer, tags).",
        "en": "Row 1 is empty: it must hold the column names (id, application, question, alternates, answer, tags).",
    },
    "faq_file.missing_columns": {
        "nl": "verplichte kolom ontbreekt: {columns}. Verplicht zijn {required}.",
        "en": "required column missing: {columns}. Required are {required}.",
    },
    "faq_file.duplicate_column": {
        "nl": "de kolom '{column}' staat er meer dan één keer in.",
        "en": "the column '{column}' appears more than once.",
    },
    "faq_file.field_empty": {
        "nl": "'{field}' is leeg.",
        "en": "'{field}' is empty.",
    },
    "faq_file.field_missing": {
        "nl": "'{field}' ontbreekt.",
        "en": "'{field}' is missing.",
    },
    "faq_file.too_long": {
        "nl": "'{field}' is {length} tekens lang; dat mag hooguit {limit} zijn.",
        "en": "'{field}' is {length} characters long; at most {limit} are allowed.",
    },
    "faq_file.duplicate_id": {
        "nl": "id '{id}' komt dubbel voor (zie ook {other}).",
        "en": "id '{id}' is a duplicate (see also {other}).",
    },
    "faq_file.not_text_cell": {
        "nl": "'{field}' moet tekst zijn, maar de cel bevat {value}. Maak de cel op als Tekst.",
        "en": "'{field}' must be text, but the cell holds {value}. Format the cell as Text.",
    },
    "faq_file.not_text_structure": {
        "nl": "'{field}' moet tekst zijn, geen lijst of blok met sleutels.",
        "en": "'{field}' must be text, not a list or a block of keys.",
    },
    "faq_file.not_list": {
        "nl": "'{field}' moet een lijst zijn, bijvoorbeeld [eerste, tweede].",
        "en": "'{field}' must be a list, for example [first, second].",
    },
    "faq_file.not_text_item": {
        "nl": "onderdeel {index} van '{field}' moet tekst zijn.",
        "en": "item {index} of '{field}' must be text.",
    },
    "faq_file.yaml_invalid": {
        "nl": "dit is geen geldige YAML ({error}).",
        "en": "this is not valid YAML ({error}).",
    },
    "faq_file.yaml_invalid_unlocated": {
        "nl": "Het bestand is geen geldige YAML ({error}).",
        "en": "The file is not valid YAML ({error}).",
    },
    "faq_file.yaml_not_list": {
        "nl": "het bestand moet een lijst van vragen zijn: elke vraag begint met '- id: ...'.",
        "en": "the file must be a list of questions: each question starts with '- id: ...'.",
    },
    "faq_file.yaml_item_not_mapping": {
        "nl": "dit onderdeel is geen vraag met velden (id:, application:, question:, answer: ...).",
        "en": "this item is not a question with fields (id:, application:, question:, answer: ...).",
    },
    "faq_file.yaml_duplicate_key": {
        "nl": "'{field}' staat twee keer in deze vraag.",
        "en": "'{field}' appears twice in this question.",
    },
    "faq_file.separator_in_list": {
        "nl": "vraag '{id}': '{field}' bevat '{value}' met een | of regeleinde; dat scheidt in CSV en Excel de onderdelen. Pas de tekst aan of exporteer naar YAML.",
        "en": "question '{id}': '{field}' holds '{value}' with a | or line break, which separates items in CSV and Excel. Change the text or export to YAML.",
    },
    # --- demo (services/demo.py: `vraagbaak demo`) -------------------------------------------
    "demo.node_missing": {
        "nl": "Node.js ontbreekt; de Playground heeft het nodig. Voer eerst `bash scripts/setup.sh` uit.",
        "en": "Node.js is missing; the Playground needs it. Run `bash scripts/setup.sh` first.",
    },
    "demo.playground_missing": {
        "nl": "De Microsoft 365 Agents Playground is niet geïnstalleerd ({path} ontbreekt). Voer eerst `bash scripts/setup.sh` uit.",
        "en": "The Microsoft 365 Agents Playground is not installed ({path} is missing). Run `bash scripts/setup.sh` first.",
    },
    "demo.port_busy": {
        "nl": "Poort {port} op {host} is al in gebruik. Stop het andere programma of kies een andere poort met --port.",
        "en": "Port {port} on {host} is already in use. Stop the other program or pick another port with --port.",
    },
    "demo.starting": {
        "nl": "Vraagbaak en de Microsoft 365 Agents Playground starten...",
        "en": "Starting Vraagbaak and the Microsoft 365 Agents Playground...",
    },
    "demo.ready": {
        "nl": "Klaar. Open {url} in je browser en stel je vraag in de persoonlijke chat (Personal Chat).\nBot: {bot_url} · Playground-log: {log} · Stoppen: Ctrl-C",
        "en": "Ready. Open {url} in your browser and ask your question in the personal chat (Personal Chat).\nBot: {bot_url} · Playground log: {log} · Stop: Ctrl-C",
    },
    "demo.exited_early": {
        "nl": "{name} stopte voordat hij klaar was (exitcode {code}). Zie de uitvoer hierboven of {log}.",
        "en": "{name} stopped before it was ready (exit code {code}). See the output above or {log}.",
    },
    "demo.timeout": {
        "nl": "{name} was na {seconds} seconden nog niet klaar. Zie de uitvoer hierboven of {log}.",
        "en": "{name} was not ready after {seconds} seconds. See the output above or {log}.",
    },
    "demo.stopped_unexpectedly": {
        "nl": "{name} is onverwacht gestopt (exitcode {code}); de demo stopt.",
        "en": "{name} stopped unexpectedly (exit code {code}); the demo stops.",
    },
    "demo.stopping": {
        "nl": "Vraagbaak en de Playground worden gestopt.",
        "en": "Stopping Vraagbaak and the Playground.",
    },
    # --- tickets (cards/tickets.py, cards/groups.py) ---------------------------------------
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
    "ticket.card.form.title": {
        "nl": "Vraag het een kerngebruiker",
        "en": "Ask a key user",
    },
    "ticket.card.form.intro": {
        "nl": "Een kerngebruiker van de toepassing bekijkt je vraag en stuurt je hier een antwoord. Controleer je vraag en kies de toepassing.",
        "en": "A key user of the application looks at your question and sends you an answer here. Check your question and choose the application.",
    },
    "ticket.card.form.question": {"nl": "Je vraag", "en": "Your question"},
    "ticket.card.form.question_error": {
        "nl": "Vul je vraag in.",
        "en": "Please fill in your question.",
    },
    "ticket.card.form.application": {"nl": "Over welke toepassing gaat het?", "en": "Which application is it about?"},
    "ticket.card.form.application_placeholder": {"nl": "Kies een toepassing", "en": "Choose an application"},
    "ticket.card.form.application_other": {"nl": "Anders / weet ik niet", "en": "Other / I don't know"},
    "ticket.card.form.application_error": {
        "nl": "Kies de toepassing waar je vraag over gaat.",
        "en": "Choose the application your question is about.",
    },
    "ticket.card.form.context": {"nl": "Toelichting (mag leeg blijven)", "en": "Details (optional)"},
    "ticket.card.form.context_placeholder": {
        "nl": "Bijvoorbeeld: in welk scherm je zit, het zaaknummer, of wat je al geprobeerd hebt",
        "en": "For example: which screen you're on, the case number, or what you already tried",
    },
    "ticket.card.form.submit": {"nl": "Verstuur naar kerngebruiker", "en": "Send to key user"},
    "ticket.card.created.title": {"nl": "Je vraag is doorgezet", "en": "Your question has been passed on"},
    "ticket.card.created.text": {
        "nl": "Je vraag staat als **{number}** bij de groep {group}.",
        "en": "Your question is with the group {group} as **{number}**.",
    },
    "ticket.card.created.notify": {
        "nl": "Je krijgt hier in de chat een bericht zodra een kerngebruiker antwoordt.",
        "en": "You'll get a message here in the chat as soon as a key user answers.",
    },
    "ticket.card.created.due": {
        "nl": "We streven naar een eerste reactie vóór {when}.",
        "en": "We aim to respond for the first time before {when}.",
    },
    "ticket.card.title": {"nl": "Vraag {number}", "en": "Question {number}"},
    "ticket.card.status.open": {"nl": "Open: nog niet opgepakt", "en": "Open: not picked up yet"},
    "ticket.card.status.claimed": {"nl": "Opgepakt door {name}", "en": "Picked up by {name}"},
    "ticket.card.status.assigned": {"nl": "Toegewezen aan {name}", "en": "Assigned to {name}"},
    "ticket.card.status.claimed_nobody": {"nl": "Opgepakt", "en": "Picked up"},
    "ticket.card.status.escalated": {
        "nl": "Doorgezet naar functioneel beheer",
        "en": "Passed on to functional management",
    },
    "ticket.card.status.answered": {"nl": "Beantwoord door {name}", "en": "Answered by {name}"},
    "ticket.card.status.answered_nobody": {"nl": "Beantwoord", "en": "Answered"},
    "ticket.card.status.closed": {"nl": "Gesloten: {reason}", "en": "Closed: {reason}"},
    "ticket.card.status.closed_plain": {"nl": "Gesloten", "en": "Closed"},
    "ticket.card.close_reason.answered": {"nl": "beantwoord", "en": "answered"},
    "ticket.card.close_reason.duplicate": {"nl": "dubbel", "en": "duplicate"},
    "ticket.card.close_reason.not_a_question": {"nl": "geen vraag", "en": "not a question"},
    "ticket.card.close_reason.resolved": {"nl": "opgelost volgens de vrager", "en": "solved according to the asker"},
    "ticket.card.fact.application": {"nl": "Toepassing", "en": "Application"},
    "ticket.card.fact.application_department": {"nl": "{application} ({department})", "en": "{application} ({department})"},
    "ticket.card.fact.asker": {"nl": "Gesteld door", "en": "Asked by"},
    "ticket.card.fact.created": {"nl": "Gesteld op", "en": "Asked on"},
    "ticket.card.fact.due": {"nl": "Eerste reactie vóór", "en": "First response before"},
    "ticket.card.fact.linked": {"nl": "Ook gevraagd door", "en": "Also asked by"},
    "ticket.card.linked.one": {"nl": "1 collega", "en": "1 colleague"},
    "ticket.card.linked.many": {"nl": "{count} collega's", "en": "{count} colleagues"},
    "ticket.card.question": {"nl": "Vraag", "en": "Question"},
    "ticket.card.context": {"nl": "Toelichting", "en": "Details"},
    "ticket.card.escalation_reason": {
        "nl": "Waarom doorgezet naar functioneel beheer",
        "en": "Why it was passed on to functional management",
    },
    "ticket.card.answer_by": {"nl": "Antwoord van {name}", "en": "Answer from {name}"},
    "ticket.card.answer_plain": {"nl": "Antwoord", "en": "Answer"},
    "ticket.card.reopen_remark": {
        "nl": "Heropend, de vrager schrijft",
        "en": "Reopened, the asker writes",
    },
    "ticket.card.faq_proposed": {
        "nl": "Dit antwoord is voorgesteld voor de FAQ.",
        "en": "This answer has been proposed for the FAQ.",
    },
    "ticket.card.history": {"nl": "Geschiedenis", "en": "History"},
    "ticket.card.history_line": {"nl": "{when} · {actor}: {what}", "en": "{when} · {actor}: {what}"},
    "ticket.card.history_detail": {"nl": "{what} ({detail})", "en": "{what} ({detail})"},
    "ticket.card.event.created": {"nl": "vraag gesteld", "en": "asked the question"},
    "ticket.card.event.claimed": {"nl": "opgepakt", "en": "picked it up"},
    "ticket.card.event.assigned": {"nl": "toegewezen", "en": "assigned it"},
    "ticket.card.event.answered": {"nl": "beantwoord", "en": "answered"},
    "ticket.card.event.reopened": {"nl": "heropend", "en": "reopened it"},
    "ticket.card.event.escalated": {"nl": "doorgezet naar functioneel beheer", "en": "passed it on to functional management"},
    "ticket.card.event.closed": {"nl": "gesloten", "en": "closed it"},
    "ticket.card.event.linked": {"nl": "stelde dezelfde vraag", "en": "asked the same question"},
    "ticket.card.event.reminder": {"nl": "herinnering gestuurd", "en": "reminder sent"},
    "ticket.card.event.overdue": {"nl": "reactietermijn verstreken", "en": "response target passed"},
    "ticket.card.event.faq_proposed": {"nl": "voorgesteld voor de FAQ", "en": "proposed for the FAQ"},
    "ticket.card.event.faq_approved": {"nl": "FAQ-voorstel goedgekeurd", "en": "approved the FAQ proposal"},
    "ticket.card.event.faq_rejected": {"nl": "FAQ-voorstel afgewezen", "en": "rejected the FAQ proposal"},
    "ticket.card.event.resolved": {"nl": "bevestigd dat het is opgelost", "en": "confirmed it is solved"},
    "ticket.card.event.other": {"nl": "gewijzigd", "en": "changed it"},
    "ticket.card.action.claim": {"nl": "Ik pak dit op", "en": "I'll take this"},
    "ticket.card.action.assign": {"nl": "Toewijzen aan …", "en": "Assign to …"},
    "ticket.card.action.answer": {"nl": "Beantwoorden", "en": "Answer"},
    "ticket.card.action.escalate": {"nl": "Doorzetten naar functioneel beheer", "en": "Pass on to functional management"},
    "ticket.card.action.close": {"nl": "Sluiten", "en": "Close"},
    "ticket.card.action.propose_faq": {"nl": "Maak FAQ van dit antwoord", "en": "Make an FAQ entry of this answer"},
    "ticket.card.input.assignee": {"nl": "Aan wie geef je deze vraag?", "en": "Who gets this question?"},
    "ticket.card.input.assignee_error": {"nl": "Kies een collega.", "en": "Choose a colleague."},
    "ticket.card.input.assign_submit": {"nl": "Toewijzen", "en": "Assign"},
    "ticket.card.input.answer": {
        "nl": "Je antwoord (de vrager krijgt dit in de chat)",
        "en": "Your answer (the asker gets this in the chat)",
    },
    "ticket.card.input.answer_error": {"nl": "Schrijf eerst je antwoord.", "en": "Please write your answer first."},
    "ticket.card.input.answer_submit": {"nl": "Stuur antwoord", "en": "Send answer"},
    "ticket.card.input.reason": {
        "nl": "Waarom zet je dit door? Wat heb je al uitgezocht?",
        "en": "Why are you passing this on? What have you already looked into?",
    },
    "ticket.card.input.reason_error": {
        "nl": "Schrijf kort waarom je dit doorzet.",
        "en": "Briefly write why you're passing this on.",
    },
    "ticket.card.input.escalate_submit": {"nl": "Doorzetten", "en": "Pass on"},
    "ticket.card.input.close_reason": {"nl": "Waarom sluit je deze vraag?", "en": "Why are you closing this question?"},
    "ticket.card.input.close_reason_error": {"nl": "Kies een reden.", "en": "Choose a reason."},
    "ticket.card.input.close_submit": {"nl": "Vraag sluiten", "en": "Close question"},
    "ticket.card.answer.title": {"nl": "Antwoord op je vraag {number}", "en": "Answer to your question {number}"},
    "ticket.card.answer.your_question": {"nl": "Je vroeg:", "en": "You asked:"},
    "ticket.card.answer.solved_question": {"nl": "Opgelost?", "en": "Solved?"},
    "ticket.card.answer.yes": {"nl": "Ja", "en": "Yes"},
    "ticket.card.answer.no": {"nl": "Nee", "en": "No"},
    "ticket.card.answer.remark": {
        "nl": "Wat is er nog niet opgelost?",
        "en": "What is not solved yet?",
    },
    "ticket.card.answer.remark_error": {
        "nl": "Schrijf kort wat er nog niet klopt.",
        "en": "Briefly write what is still wrong.",
    },
    "ticket.card.answer.remark_submit": {"nl": "Vraag heropenen", "en": "Reopen question"},
    "ticket.card.answer.thanks_solved": {
        "nl": "Fijn dat je vraag is opgelost! Bedankt voor je reactie.",
        "en": "Glad your question is solved! Thanks for letting us know.",
    },
    "ticket.card.answer.reopened": {
        "nl": "We hebben je vraag heropend. Een kerngebruiker kijkt er opnieuw naar en stuurt je hier een bericht.",
        "en": "We've reopened your question. A key user will look at it again and send you a message here.",
    },
    "ticket.card.status_update.title": {"nl": "Nieuws over je vraag {number}", "en": "Update on your question {number}"},
    "ticket.card.status_update.reopened": {"nl": "Heropend: {remark}", "en": "Reopened: {remark}"},
    "ticket.card.mine.title": {"nl": "Mijn vragen", "en": "My questions"},
    "ticket.card.mine.empty": {
        "nl": "Je hebt nog geen vragen aan een kerngebruiker gesteld.",
        "en": "You haven't asked a key user any questions yet.",
    },
    "ticket.card.mine.changed": {"nl": "Laatst gewijzigd: {when}", "en": "Last change: {when}"},
    "ticket.card.list.more": {
        "nl": "En nog {count} andere.",
        "en": "And {count} more.",
    },
    "ticket.card.open.title": {"nl": "Openstaande vragen: {group}", "en": "Open questions: {group}"},
    "ticket.card.open.empty": {
        "nl": "Er staan geen open vragen voor {group}.",
        "en": "There are no open questions for {group}.",
    },
    "ticket.card.open.age": {"nl": "{age} oud", "en": "{age} old"},
    "ticket.card.open.unassigned": {"nl": "nog niet opgepakt", "en": "not picked up yet"},
    "ticket.card.open.assignee": {"nl": "bij {name}", "en": "with {name}"},
    "ticket.card.faq.title": {"nl": "Voorstel voor de FAQ", "en": "Proposal for the FAQ"},
    "ticket.card.faq.intro": {
        "nl": "Een kerngebruiker stelt voor dit antwoord in de FAQ te zetten. Pas het gerust aan voordat je het goedkeurt.",
        "en": "A key user proposes to add this answer to the FAQ. Feel free to edit it before you approve it.",
    },
    "ticket.card.faq.ticket": {"nl": "Vraag", "en": "Question"},
    "ticket.card.faq.proposed_by": {"nl": "Voorgesteld door", "en": "Proposed by"},
    "ticket.card.faq.target": {"nl": "FAQ-item", "en": "FAQ entry"},
    "ticket.card.faq.new_entry": {"nl": "nieuw item", "en": "new entry"},
    "ticket.card.faq.existing_entry": {"nl": "werkt {entry_id} bij", "en": "updates {entry_id}"},
    "ticket.card.faq.question": {"nl": "Vraag zoals die in de FAQ komt", "en": "Question as it will appear in the FAQ"},
    "ticket.card.faq.question_error": {"nl": "Vul de vraag in.", "en": "Please fill in the question."},
    "ticket.card.faq.alternates": {
        "nl": "Andere manieren om het te vragen (één per regel, mag leeg blijven)",
        "en": "Other ways to ask it (one per line, optional)",
    },
    "ticket.card.faq.answer": {"nl": "Antwoord", "en": "Answer"},
    "ticket.card.faq.answer_error": {"nl": "Vul het antwoord in.", "en": "Please fill in the answer."},
    "ticket.card.faq.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "ticket.card.faq.reject": {"nl": "Afwijzen", "en": "Reject"},
    "ticket.card.faq.approved_by": {"nl": "Goedgekeurd door {name}: dit staat nu in de FAQ.", "en": "Approved by {name}: this is now in the FAQ."},
    "ticket.card.faq.approved": {"nl": "Goedgekeurd: dit staat nu in de FAQ.", "en": "Approved: this is now in the FAQ."},
    "ticket.card.faq.rejected_by": {"nl": "Afgewezen door {name}.", "en": "Rejected by {name}."},
    "ticket.card.faq.rejected": {"nl": "Afgewezen.", "en": "Rejected."},
    "group.card.title": {"nl": "Wie is mijn kerngebruiker?", "en": "Who is my key user?"},
    "group.card.application_department": {"nl": "{application} ({department})", "en": "{application} ({department})"},
    "group.card.key_users": {"nl": "Kerngebruikers", "en": "Key users"},
    "group.card.no_key_users": {"nl": "nog niemand", "en": "nobody yet"},
    "group.card.chair": {"nl": "Voorzitter", "en": "Chair"},
    "group.card.channel": {"nl": "Teams-kanaal", "en": "Teams channel"},
    "group.card.empty": {
        "nl": "Er is nog geen groep kerngebruikers voor jouw toepassingen of afdeling. Vraag functioneel beheer wie je kunt benaderen.",
        "en": "There is no key-user group for your applications or department yet. Ask functional management who to contact.",
    },
    "group.card.linked.title": {"nl": "Kanaal gekoppeld", "en": "Channel linked"},
    "group.card.linked.first": {
        "nl": "Dit kanaal is nu het kanaal van de groep **{group}** ({application}). Nieuwe vragen van collega's over {application} komen hier binnen.",
        "en": "This channel is now the channel of the group **{group}** ({application}). New questions from colleagues about {application} arrive here.",
    },
    "group.card.linked.second": {
        "nl": "Dit kanaal is nu het kanaal van de groep **{group}** (functioneel beheer, {application}). Vragen die de kerngebruikers doorzetten komen hier binnen.",
        "en": "This channel is now the channel of the group **{group}** (functional management, {application}). Questions the key users pass on arrive here.",
    },
    "group.card.linked.second_all": {
        "nl": "Dit kanaal is nu het kanaal van de groep **{group}** (functioneel beheer, alle toepassingen). Vragen die de kerngebruikers doorzetten komen hier binnen.",
        "en": "This channel is now the channel of the group **{group}** (functional management, all applications). Questions the key users pass on arrive here.",
    },
    # --- groups command line (cli.py) -------------------------------------------------------
    "cli.groups.none": {
        "nl": "Er zijn nog geen groepen. Maak er een met: vraagbaak groups add NAAM --application TOEPASSING, of lees een bestand in met: vraagbaak groups import BESTAND.csv",
        "en": "There are no groups yet. Create one with: vraagbaak groups add NAME --application APPLICATION, or import a file with: vraagbaak groups import FILE.csv",
    },
    "cli.groups.line": {
        "nl": "{name} [{kind}] toepassing: {application}, afdeling: {department}, kanaal: {channel}, valt onder: {parent}",
        "en": "{name} [{kind}] application: {application}, department: {department}, channel: {channel}, reports to: {parent}",
    },
    "cli.groups.member_line": {"nl": "  - {name} ({user_key}, {role}){chair}", "en": "  - {name} ({user_key}, {role}){chair}"},
    "cli.groups.chair_mark": {"nl": " *voorzitter*", "en": " *chair*"},
    "cli.groups.no_members": {"nl": "  (nog geen leden)", "en": "  (no members yet)"},
    "cli.groups.none_value": {"nl": "-", "en": "-"},
    "cli.groups.kind.key_users": {"nl": "kerngebruikers", "en": "key users"},
    "cli.groups.kind.functional_management": {"nl": "functioneel beheer", "en": "functional management"},
    "cli.groups.saved": {
        "nl": "Groep {name} opgeslagen ({kind}).",
        "en": "Group {name} saved ({kind}).",
    },
    "cli.groups.needs_application": {
        "nl": "Een groep kerngebruikers hoort bij een toepassing: geef --application TOEPASSING op.",
        "en": "A key-user group belongs to an application: pass --application APPLICATION.",
    },
    "cli.groups.bad_parent": {
        "nl": "'{parent}' is geen groep functioneel beheer. Maak die eerst met: vraagbaak groups add \"{parent}\" --kind functional_management",
        "en": "'{parent}' is not a functional-management group. Create it first with: vraagbaak groups add \"{parent}\" --kind functional_management",
    },
    "cli.groups.parent_of_management": {
        "nl": "Een groep functioneel beheer valt niet onder een andere groep: laat --parent weg.",
        "en": "A functional-management group does not report to another group: leave out --parent.",
    },
    "cli.groups.no_group": {
        "nl": "Er is geen groep met de naam '{group}'. Kijk met 'vraagbaak groups list' welke groepen er zijn.",
        "en": "There is no group named '{group}'. See which groups exist with 'vraagbaak groups list'.",
    },
    "cli.groups.member_added": {
        "nl": "{user_key} staat nu in {group}{chair}.",
        "en": "{user_key} is now in {group}{chair}.",
    },
    "cli.groups.member_removed": {
        "nl": "{user_key} is uit {group} gehaald.",
        "en": "{user_key} has been taken out of {group}.",
    },
    "cli.groups.member_not_found": {
        "nl": "{user_key} zat niet in {group}; er is niets veranderd.",
        "en": "{user_key} was not in {group}; nothing was changed.",
    },
    "cli.groups.role_set": {
        "nl": "{user_key} heeft nu de rol {role}.",
        "en": "{user_key} now has the role {role}.",
    },
    "cli.groups.imported": {
        "nl": "{file}: {groups} groepen ({created} nieuw), {members} leden ({added} nieuw). Niets verwijderd.",
        "en": "{file}: {groups} groups ({created} new), {members} members ({added} new). Nothing removed.",
    },
    "groups_file.refused": {
        "nl": "{name} is geweigerd, er is niets veranderd ({count} probleem/problemen):",
        "en": "{name} was refused, nothing was changed ({count} problem(s)):",
    },
    "groups_file.refused_short": {
        "nl": "Het bestand is geweigerd, er is niets veranderd ({count} probleem/problemen):",
        "en": "The file was refused, nothing was changed ({count} problem(s)):",
    },
    "groups_file.row": {"nl": "rij {number}: {problem}", "en": "row {number}: {problem}"},
    "groups_file.not_found": {"nl": "Het bestand {name} bestaat niet.", "en": "The file {name} does not exist."},
    "groups_file.unreadable": {
        "nl": "Het bestand {name} kan niet gelezen worden: {error}",
        "en": "The file {name} cannot be read: {error}",
    },
    "groups_file.empty": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "groups_file.missing_columns": {
        "nl": "kolom(men) ontbreken: {columns}. De kopregel heeft: group, kind, application, department, parent, channel_id, user_key, name, email, role, chair",
        "en": "missing column(s): {columns}. The header has: group, kind, application, department, parent, channel_id, user_key, name, email, role, chair",
    },
    "groups_file.no_group": {"nl": "de kolom group is leeg.", "en": "the group column is empty."},
    "groups_file.no_user_key": {
        "nl": "de kolom user_key is leeg (lid van {group}); vul het Entra-object-id in.",
        "en": "the user_key column is empty (member of {group}); fill in the Entra object id.",
    },
    "groups_file.too_long": {
        "nl": "{column} is langer dan {limit} tekens.",
        "en": "{column} is longer than {limit} characters.",
    },
    "groups_file.conflict": {
        "nl": "{column} van groep {group} is hier '{value}', maar eerder '{other}'.",
        "en": "{column} of group {group} is '{value}' here, but '{other}' before.",
    },
    "groups_file.unknown_kind": {
        "nl": "onbekende soort '{kind}'; gebruik {kinds}.",
        "en": "unknown kind '{kind}'; use {kinds}.",
    },
    "groups_file.unknown_role": {
        "nl": "onbekende rol '{role}'; gebruik {roles}.",
        "en": "unknown role '{role}'; use {roles}.",
    },
    "groups_file.bad_chair": {
        "nl": "chair is '{value}'; gebruik ja of nee (of leeg).",
        "en": "chair is '{value}'; use yes or no (or leave it empty).",
    },
    "groups_file.duplicate_member": {
        "nl": "{user_key} staat al in {group} (rij {other}).",
        "en": "{user_key} is already in {group} (row {other}).",
    },
    "groups_file.no_application": {
        "nl": "groep kerngebruikers {group} heeft geen application.",
        "en": "key-user group {group} has no application.",
    },
    "groups_file.parent_of_management": {
        "nl": "groep functioneel beheer {group} kan geen parent hebben.",
        "en": "functional-management group {group} cannot have a parent.",
    },
    "groups_file.bad_parent": {
        "nl": "parent '{parent}' van {group} is geen groep functioneel beheer.",
        "en": "parent '{parent}' of {group} is not a functional-management group.",
    },
    "groups_file.two_chairs": {
        "nl": "{group} heeft al een voorzitter (rij {other}); een groep heeft er hooguit één.",
        "en": "{group} already has a chair (row {other}); a group has at most one.",
    },
    "groups_file.role_conflict": {
        "nl": "{user_key} krijgt hier de rol {role}, maar op rij {other} de rol {other_role}.",
        "en": "{user_key} gets the role {role} here, but the role {other_role} on row {other}.",
    },
    "groups_file.department_conflict": {
        "nl": "{user_key} is hier kerngebruiker voor afdeling {department}, maar op rij {other} voor {other_department}.",
        "en": "{user_key} is a key user for department {department} here, but for {other_department} on row {other}.",
    },
    # --- tickets: replies, thread posts and notices (dialogs/tickets.py, services/tickets.py) ---
    "ticket.refused.empty": {
        "nl": "Je vraag is leeg. Typ je vraag in het formulier en verstuur het opnieuw.",
        "en": "Your question is empty. Type your question in the form and send it again.",
    },
    "ticket.refused.unknown_application": {
        "nl": "Voor '{application}' is geen kerngebruikersgroep. Kies een applicatie uit de lijst.",
        "en": "There is no key-user group for '{application}'. Please pick an application from the list.",
    },
    "ticket.refused.no_group": {
        "nl": "Er is nog geen kerngebruikersgroep voor {application}. Je vraag is bewaard; functioneel beheer kijkt ernaar.",
        "en": "There is no key-user group for {application} yet. Your question was saved; functional management will look at it.",
    },
    "ticket.refused.too_long": {
        "nl": "Je tekst is te lang ({length} tekens, maximaal {limit}). Maak hem korter en verstuur opnieuw; er is niets veranderd.",
        "en": "Your text is too long ({length} characters, at most {limit}). Please shorten it and send again; nothing was changed.",
    },
    "ticket.refused.unknown": {
        "nl": "Dit ticket ken ik niet (meer).",
        "en": "I don't know this ticket (any more).",
    },
    "ticket.refused.busy": {
        "nl": "Er gebeurde tegelijk iets anders met dit ticket. Probeer het nog een keer.",
        "en": "Something else happened to this ticket at the same moment. Please try again.",
    },
    "ticket.refused.not_allowed": {
        "nl": "Dit kan alleen een kerngebruiker van deze groep of functioneel beheer. Er is niets veranderd.",
        "en": "Only a key user of this group or functional management can do this. Nothing was changed.",
    },
    "ticket.refused.not_a_member": {
        "nl": "Die persoon hoort niet bij deze groep. Kies iemand uit de lijst.",
        "en": "That person is not in this group. Please pick someone from the list.",
    },
    "ticket.refused.empty_answer": {
        "nl": "Het antwoord is leeg. Typ je antwoord en verstuur het opnieuw.",
        "en": "The answer is empty. Type your answer and send it again.",
    },
    "ticket.refused.empty_reason": {
        "nl": "Geef een reden op, zodat functioneel beheer weet waarom.",
        "en": "Please give a reason, so functional management knows why.",
    },
    "ticket.refused.no_second_line": {
        "nl": "Er is nog geen kanaal van functioneel beheer gekoppeld. Vraag functioneel beheer om 'koppel functioneel beheer' in hun kanaal te typen.",
        "en": "No functional-management channel is linked yet. Ask functional management to type 'link functional management' in their channel.",
    },
    "ticket.refused.close_reason": {
        "nl": "Kies waarom je het ticket sluit: beantwoord, dubbel of geen vraag.",
        "en": "Choose why you close the ticket: answered, duplicate or not a question.",
    },
    "ticket.refused.empty_remark": {
        "nl": "Vertel kort wat er nog niet werkt, dan kijkt de kerngebruiker opnieuw.",
        "en": "Tell us briefly what still doesn't work, and the key user will look again.",
    },
    "ticket.refused.not_your_ticket": {
        "nl": "Deze knop hoort bij de vraag van iemand anders.",
        "en": "This button belongs to someone else's question.",
    },
    "ticket.note.linked": {
        "nl": "Een collega stelde net dezelfde vraag ({number}). Ik heb je eraan gekoppeld: je krijgt het antwoord ook.",
        "en": "A colleague just asked the same question ({number}). I've linked you to it: you'll get the answer too.",
    },
    "ticket.note.taken": {
        "nl": "Dit ticket is al toegewezen aan {name}.",
        "en": "This ticket is already assigned to {name}.",
    },
    "ticket.note.already_escalated": {
        "nl": "Dit ticket ligt al bij functioneel beheer.",
        "en": "This ticket is already with functional management.",
    },
    "ticket.note.closed": {
        "nl": "Dit ticket is al gesloten.",
        "en": "This ticket is already closed.",
    },
    "ticket.note.already_handled": {
        "nl": "Dit is al verwerkt. Dank je!",
        "en": "This has already been handled. Thank you!",
    },
    "ticket.note.unchanged": {
        "nl": "Er is niets veranderd.",
        "en": "Nothing was changed.",
    },
    "ticket.note.no_answer_yet": {
        "nl": "Er is nog geen antwoord om een FAQ van te maken.",
        "en": "There is no answer yet to make an FAQ entry from.",
    },
    "ticket.note.already_proposed": {
        "nl": "Dit antwoord is al voorgesteld als FAQ.",
        "en": "This answer has already been proposed as an FAQ entry.",
    },
    "ticket.note.status.open": {
        "nl": "Dit kan nu niet: het ticket staat open.",
        "en": "That's not possible now: the ticket is open.",
    },
    "ticket.note.status.claimed": {
        "nl": "Dit kan nu niet: iemand werkt al aan dit ticket.",
        "en": "That's not possible now: someone is already working on this ticket.",
    },
    "ticket.note.status.escalated": {
        "nl": "Dit kan nu niet: het ticket ligt bij functioneel beheer.",
        "en": "That's not possible now: the ticket is with functional management.",
    },
    "ticket.note.status.answered": {
        "nl": "Dit kan nu niet: het ticket is al beantwoord.",
        "en": "That's not possible now: the ticket has already been answered.",
    },
    "ticket.note.status.closed": {
        "nl": "Dit kan nu niet: het ticket is gesloten.",
        "en": "That's not possible now: the ticket is closed.",
    },
    "ticket.thread.linked": {
        "nl": "{name} stelde dezelfde vraag en is aan dit ticket gekoppeld.",
        "en": "{name} asked the same question and has been linked to this ticket.",
    },
    "ticket.thread.claimed": {
        "nl": "{name} pakt dit op.",
        "en": "{name} is picking this up.",
    },
    "ticket.thread.assigned": {
        "nl": "{name} heeft dit ticket toegewezen aan {assignee}.",
        "en": "{name} assigned this ticket to {assignee}.",
    },
    "ticket.thread.assignee_unreachable": {
        "nl": "{name}: ik kon {assignee} niet bereiken in een persoonlijke chat, dus {assignee} weet nog niet van deze toewijzing. Het ticket staat wel op naam van {assignee}: laat het {assignee} zelf weten. (Een persoonlijke chat lukt meestal pas als {assignee} Vraagbaak een keer heeft geopend.)",
        "en": "{name}: I couldn't reach {assignee} in a personal chat, so {assignee} doesn't know about this assignment yet. The ticket is still assigned to {assignee}: please let {assignee} know yourself. (A personal chat usually only works once {assignee} has opened Vraagbaak.)",
    },
    "ticket.thread.answered": {
        "nl": "{name} heeft geantwoord:\n\n{answer}",
        "en": "{name} answered:\n\n{answer}",
    },
    "ticket.thread.escalated": {
        "nl": "{name} heeft dit doorgezet naar {group}. Reden: {reason}",
        "en": "{name} passed this on to {group}. Reason: {reason}",
    },
    "ticket.thread.closed": {
        "nl": "{name} heeft dit ticket gesloten ({reason_label}).",
        "en": "{name} closed this ticket ({reason_label}).",
    },
    "ticket.thread.resolved": {
        "nl": "{name} laat weten dat het antwoord het probleem heeft opgelost. Ticket gesloten.",
        "en": "{name} says the answer solved the problem. Ticket closed.",
    },
    "ticket.thread.reopened": {
        "nl": "{name} laat weten dat het nog niet is opgelost: {remark}",
        "en": "{name} says it is not solved yet: {remark}",
    },
    "ticket.thread.faq_proposed": {
        "nl": "{name} heeft dit antwoord als FAQ voorgesteld aan {group}.",
        "en": "{name} proposed this answer as an FAQ entry to {group}.",
    },
    "ticket.thread.reminder": {
        "nl": "Herinnering: {number} wacht nog op een kerngebruiker. De helft van de reactietijd is voorbij.",
        "en": "Reminder: {number} is still waiting for a key user. Half of the response time has passed.",
    },
    "ticket.thread.overdue": {
        "nl": "{number} heeft de reactietijd overschreden. De voorzitter is op de hoogte gebracht.",
        "en": "{number} has passed its response time. The chair has been told.",
    },
    "ticket.notify.assigned_to_you": {
        "nl": "{name} heeft ticket {number} aan jou toegewezen. Je vindt het in het kanaal van je kerngebruikersgroep.",
        "en": "{name} assigned ticket {number} to you. You'll find it in your key-user group's channel.",
    },
    "ticket.notify.reopened_to_you": {
        "nl": "{name} laat weten dat {number} nog niet is opgelost: {remark}",
        "en": "{name} says {number} is not solved yet: {remark}",
    },
    "ticket.notify.overdue_chair": {
        "nl": "Als voorzitter van {group}: ticket {number} is niet op tijd opgepakt (streefdatum {due} UTC). Vraag: {question}",
        "en": "As chair of {group}: ticket {number} was not picked up in time (target {due} UTC). Question: {question}",
    },
    "faq.refused.empty": {
        "nl": "Vraag en antwoord mogen niet leeg zijn.",
        "en": "Question and answer must not be empty.",
    },
    "faq.refused.unknown": {
        "nl": "Dit voorstel ken ik niet (meer).",
        "en": "I don't know this proposal (any more).",
    },
    "faq.note.already_decided": {
        "nl": "Over dit voorstel is al besloten.",
        "en": "This proposal has already been decided on.",
    },
    "group.default_name.key_users": {
        "nl": "Kerngebruikers",
        "en": "Key users",
    },
    "group.default_name.functional_management": {
        "nl": "Functioneel beheer",
        "en": "Functional management",
    },
    "group.reply.channel_not_linked": {
        "nl": "Dit kanaal is nog niet gekoppeld aan een kerngebruikersgroep. Functioneel beheer koppelt het met: koppel kanaal APPLICATIE",
        "en": "This channel is not linked to a key-user group yet. Functional management links it with: link channel APPLICATION",
    },
    "group.reply.link_in_channel": {
        "nl": "Koppelen kan alleen in het Teams-kanaal zelf: vermeld mij daar met 'koppel kanaal APPLICATIE'.",
        "en": "Linking only works in the Teams channel itself: mention me there with 'link channel APPLICATION'.",
    },
    "group.reply.link_usage": {
        "nl": "Zo koppel je dit kanaal: 'koppel kanaal APPLICATIE' (eventueel met 'afdeling AFDELING'), of 'koppel functioneel beheer' voor de tweede lijn.",
        "en": "To link this channel: 'link channel APPLICATION' (optionally with 'department DEPARTMENT'), or 'link functional management' for the second line.",
    },
    "group.reply.link_not_allowed": {
        "nl": "Alleen functioneel beheer kan een kanaal koppelen. Er is niets veranderd.",
        "en": "Only functional management can link a channel. Nothing was changed.",
    },
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
    # command-line help
    "cli.help.description": {
        "nl": "Vraagbaak: FAQ- en kerngebruikersbot voor Microsoft Teams.",
        "en": "Vraagbaak: FAQ and key-user bot for Microsoft Teams.",
    },
    "cli.help.serve": {
        "nl": "de bot starten",
        "en": "run the bot",
    },
    "cli.help.demo": {
        "nl": "de bot en de Microsoft 365 Agents Playground starten",
        "en": "run the bot and the Microsoft 365 Agents Playground",
    },
    "cli.help.db": {
        "nl": "databaseonderhoud",
        "en": "database maintenance",
    },
    "cli.help.db_upgrade": {
        "nl": "alle migraties uitvoeren",
        "en": "apply all migrations",
    },
    "cli.help.faq": {
        "nl": "de FAQ beheren en testen",
        "en": "manage and test the FAQ",
    },
    "cli.help.faq_import": {
        "nl": "een YAML-, CSV- of XLSX-bestand importeren (alles of niets)",
        "en": "import a YAML, CSV or XLSX file (all or nothing)",
    },
    "cli.help.faq_export": {
        "nl": "exporteren naar een YAML-, CSV- of XLSX-bestand",
        "en": "export to a YAML, CSV or XLSX file",
    },
    "cli.help.faq_ask": {
        "nl": "de beslissing van de bot voor een vraag tonen, met scores",
        "en": "show the bot's decision for a question, with scores",
    },
    "cli.help.faq_eval": {
        "nl": "de matcher scoren op een vragenset",
        "en": "score the matcher on a question set",
    },
    "cli.help.faq_eval_kb": {
        "nl": "kennisbank (YAML, CSV of XLSX)",
        "en": "knowledge base (YAML, CSV or XLSX)",
    },
    "cli.help.faq_eval_questions": {
        "nl": "vragenset (JSON-regels: q, expect)",
        "en": "question set (JSON lines: q, expect)",
    },
    "cli.help.faq_eval_json": {
        "nl": "één JSON-object afdrukken",
        "en": "print one JSON object",
    },
    "cli.help.groups": {
        "nl": "groepen kerngebruikers en functioneel beheer",
        "en": "key-user and functional-management groups",
    },
    "cli.help.groups_list": {
        "nl": "groepen met hun leden",
        "en": "groups with their members",
    },
    "cli.help.groups_add": {
        "nl": "een groep aanmaken of bijwerken",
        "en": "create or update a group",
    },
    "cli.help.groups_parent": {
        "nl": "de groep functioneel beheer boven een kerngebruikersgroep",
        "en": "the functional-management group above a key-user group",
    },
    "cli.help.groups_target": {
        "nl": "doel voor de eerste reactie, in werkuren",
        "en": "first-response target in working hours",
    },
    "cli.help.member": {
        "nl": "groepsleden",
        "en": "group members",
    },
    "cli.help.member_add": {
        "nl": "iemand aan een groep toevoegen",
        "en": "put someone in a group",
    },
    "cli.help.member_user_key": {
        "nl": "Entra-object-id",
        "en": "Entra object id",
    },
    "cli.help.member_chair": {
        "nl": "voorzitter maken (--no-chair haalt dat weg; weggelaten: ongewijzigd)",
        "en": "make them the chair (--no-chair takes that away; left out: unchanged)",
    },
    "cli.help.member_remove": {
        "nl": "iemand uit een groep halen",
        "en": "take someone out of a group",
    },
    "cli.help.role": {
        "nl": "iemand een rol geven",
        "en": "give someone a role",
    },
    "cli.help.groups_import": {
        "nl": "groepen en leden uit CSV importeren (alles of niets)",
        "en": "import groups and members from CSV (all or nothing)",
    },
    "cli.help.manifest": {
        "nl": "Teams-app-pakket",
        "en": "Teams app package",
    },
    "cli.help.manifest_build": {
        "nl": "het app-pakket (zip) schrijven",
        "en": "write the app package zip",
    },
    "cli.help.manifest_bot_id": {
        "nl": "app-id van de bot (standaard: BOT_ID)",
        "en": "bot app id (default: BOT_ID)",
    },
}
