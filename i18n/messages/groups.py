"""Texts of key-user groups: the key-users and channel-linked cards, channel replies, the groups file."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- key-users and channel-linked cards (cards/groups.py) ---
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
    # --- the groups file (services/groups_file.py) ---
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
    # --- group names and channel replies (services/directory.py, dialogs/tickets.py) ---
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
}
