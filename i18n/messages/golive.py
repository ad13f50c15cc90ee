"""Texts of a phased go-live (services/golive.py) and its command `vraagbaak golive`."""

MESSAGES: dict[str, dict[str, str]] = {
    "golive.welcome.title": {"nl": "Welkom bij {application}", "en": "Welcome to {application}"},
    "golive.welcome.text": {
        "nl": "Vanaf {date} werkt {department} met **{application}**.",
        "en": "From {date} {department} works with **{application}**.",
    },
    "golive.key_users": {"nl": "Je kerngebruikers: {names}.", "en": "Your key users: {names}."},
    "golive.no_key_users": {
        "nl": "De kerngebruikers worden nog bekendgemaakt.",
        "en": "The key users will be announced soon.",
    },
    "golive.chair": {"nl": "Voorzitter van de kerngebruikers: {name}.", "en": "Chair of the key users: {name}."},
    "golive.welcome.how_to_ask": {
        "nl": "Een vraag over {application}? Stel hem hier in de chat aan Vraagbaak, in gewone woorden. Weet Vraagbaak het niet, dan zet je je vraag met één klik door naar je kerngebruikers.",
        "en": "A question about {application}? Ask Vraagbaak here in the chat, in plain words. If Vraagbaak does not know, pass your question on to your key users with one click.",
    },
    "golive.kickoff.title": {
        "nl": "Aftrap {application} bij {department}",
        "en": "Kick-off of {application} at {department}",
    },
    "golive.kickoff.text": {
        "nl": "Vandaag, {date}, gaat {department} live met **{application}**. Jullie zijn het eerste aanspreekpunt voor je collega's.",
        "en": "Today, {date}, {department} goes live with **{application}**. You are your colleagues' first point of contact.",
    },
    "golive.kickoff.tickets": {
        "nl": "Vragen die Vraagbaak niet kan beantwoorden komen als ticket in dit kanaal: pak ze op met 'Oppakken'.",
        "en": "Questions Vraagbaak cannot answer arrive as tickets in this channel: take them with 'Pick up'.",
    },
    "golive.error.no_group": {
        "nl": "Er is geen kerngebruikersgroep voor {application} bij {department}. Maak hem aan met 'vraagbaak groups add'.",
        "en": "There is no key-user group for {application} at {department}. Create it with 'vraagbaak groups add'.",
    },
    "golive.error.no_channel": {
        "nl": "De groep {group} heeft geen kanaal voor de aftrap. Koppel er een met 'koppel kanaal' in Teams.",
        "en": "The group {group} has no channel for the kick-off. Link one with 'koppel kanaal' in Teams.",
    },
    "golive.error.no_graph": {
        "nl": "Een go-live stuurt naar alle medewerkers van een afdeling; daarvoor is Microsoft Graph nodig. Zet GRAPH_TENANT_ID, GRAPH_CLIENT_ID en GRAPH_CLIENT_SECRET (of GRAPH_CERTIFICATE_PATH).",
        "en": "A go-live goes to every employee of a department, which needs Microsoft Graph. Set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or GRAPH_CERTIFICATE_PATH).",
    },
    "golive.error.date": {
        "nl": "Ongeldig moment {value!r}: gebruik de vorm 2026-12-07T09:00 (Nederlandse tijd), in de toekomst.",
        "en": "Invalid moment {value!r}: use the form 2026-12-07T09:00 (Dutch time), in the future.",
    },
    "golive.planned": {
        "nl": "Go-live van {application} bij {department} gepland op {date}: welkom (aankondiging {welcome_id}, {welcome_status}) en aftrap in het kanaal van {group} (aankondiging {kickoff_id}, {kickoff_status}).",
        "en": "Go-live of {application} at {department} planned for {date}: welcome (announcement {welcome_id}, {welcome_status}) and kick-off in {group}'s channel (announcement {kickoff_id}, {kickoff_status}).",
    },
    "golive.audience_later": {
        "nl": "Wie de welkomstkaart krijgt, zoekt Vraagbaak pas op {date} op in Microsoft Graph (afdeling {department}), in de verzendtaak van aankondiging {welcome_id}. Is Graph dan druk (429) of even weg, dan probeert die taak het zelf later opnieuw: nu is er niets te doen. Volg de verzending met 'mijn aankondigingen' in Teams of GET /api/announcements/{welcome_id}; wie onbereikbaar blijkt, staat met de reden in het rapport.",
        "en": "Who gets the welcome card is looked up in Microsoft Graph only at {date} (department {department}), by the send job of announcement {welcome_id}. If Graph is busy (429) or briefly away then, that job tries again by itself: there is nothing to do now. Follow the send with 'my announcements' in Teams or GET /api/announcements/{welcome_id}; whoever turns out unreachable is in the report with the reason.",
    },
    "golive.form.title": {"nl": "Livegang plannen", "en": "Plan a go-live"},
    "golive.form.intro": {
        "nl": "Op het gekozen moment krijgt iedere medewerker van de afdeling een welkomstkaart met de kerngebruikers en "
        "hoe je een vraag stelt, en krijgen de kerngebruikers een aftrapbericht in hun kanaal.",
        "en": "At the moment chosen every employee of the department gets a welcome card naming the key users and how to "
        "ask, and the key users get a kick-off message in their channel.",
    },
    "golive.form.department": {"nl": "Afdeling", "en": "Department"},
    "golive.form.application": {"nl": "Applicatie", "en": "Application"},
    "golive.form.date": {"nl": "Datum", "en": "Date"},
    "golive.form.time": {"nl": "Tijd (Nederlandse tijd)", "en": "Time (Dutch time)"},
    "golive.form.plan": {"nl": "Plannen", "en": "Plan"},
    "golive.form.required": {"nl": "Kies of vul dit in.", "en": "Choose or fill in this one."},
    "golive.form.unknown_choice": {
        "nl": "Kies een van de namen uit de lijst.",
        "en": "Choose one of the names in the list.",
    },
    "golive.form.past": {
        "nl": "Kies een datum en tijd in de toekomst.",
        "en": "Choose a date and time in the future.",
    },
    "golive.form.no_departments": {
        "nl": "Er is nog geen kerngebruikersgroep met een afdeling, dus ook geen livegang te plannen. Maak er een met "
        "'vraagbaak groups add ... --department'.",
        "en": "No key-user group has a department yet, so there is no go-live to plan. Create one with "
        "'vraagbaak groups add ... --department'.",
    },
    "golive.refused.role": {
        "nl": "Een livegang plannen kan alleen functioneel beheer.",
        "en": "Only functional management can plan a go-live.",
    },
    "golive.refused.garbled": {
        "nl": "Dit formulier kon ik niet lezen. Typ 'livegang plannen' voor een nieuw formulier.",
        "en": "I could not read this form. Type 'plan go-live' for a new one.",
    },
    "golive.card.title": {
        "nl": "Livegang van {application} bij {department} gepland",
        "en": "Go-live of {application} at {department} planned",
    },
    "golive.card.when": {"nl": "Moment", "en": "When"},
    "golive.card.welcome": {"nl": "Welkomstkaart aan de afdeling", "en": "Welcome card to the department"},
    "golive.card.kickoff": {"nl": "Aftrap in het kanaal van {group}", "en": "Kick-off in {group}'s channel"},
    "golive.card.announcement": {"nl": "aankondiging {id}, {status}", "en": "announcement {id}, {status}"},
    "golive.card.later": {
        "nl": "Wie de welkomstkaart krijgt, zoekt Vraagbaak pas op {date} op in Microsoft Graph (afdeling "
        "{department}). Volg de verzending met 'mijn aankondigingen'.",
        "en": "Who gets the welcome card is looked up in Microsoft Graph only at {date} (department {department}). "
        "Follow the send with 'my announcements'.",
    },
    "cli.help.golive": {
        "nl": "plan de welkomstkaart voor een afdeling en de aftrap in het kanaal van haar kerngebruikers",
        "en": "plan the welcome card for a department and the kick-off in its key users' channel",
    },
    "cli.help.golive_application": {"nl": "de applicatie die live gaat", "en": "the application going live"},
    "cli.help.golive_at": {
        "nl": "wanneer, bijvoorbeeld 2026-12-07T09:00 (Nederlandse tijd)",
        "en": "when, for example 2026-12-07T09:00 (Dutch time)",
    },
}
