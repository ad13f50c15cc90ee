"""Texts of the `vraagbaak` command: its help, what it prints, and why it cannot start."""

from vocabulary import GroupKind

MESSAGES: dict[str, dict[str, str]] = {
    # --- what the commands print (cli.py) ---
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
    # --- why a command cannot start on its database or port ---
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
    # --- vraagbaak groups ---
    "cli.groups.none": {
        "nl": "Er zijn nog geen groepen. Maak er een met: vraagbaak groups add NAAM --application TOEPASSING, of lees een bestand in met: vraagbaak groups import BESTAND.csv",
        "en": "There are no groups yet. Create one with: vraagbaak groups add NAME --application APPLICATION, or import a file with: vraagbaak groups import FILE.csv",
    },
    "cli.groups.line": {
        "nl": "{name} [{kind}] toepassing: {application}, afdeling: {department}, kanaal: {channel}, valt onder: {parent}",
        "en": "{name} [{kind}] application: {application}, department: {department}, channel: {channel}, reports to: {parent}",
    },
    "cli.groups.member_line": {
        "nl": "  - {name} ({user_key}, {role}){chair}",
        "en": "  - {name} ({user_key}, {role}){chair}",
    },
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
    # --- the commands' help (cli.py parser) ---
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
    "cli.help.faq_eval_learn_from": {
        "nl": "eerst deze vragen (JSON-regels) als een maand gebruik laten leren, en alle voorstellen goedkeuren",
        "en": "first learn from these questions (JSON lines) as a month of use, and approve every proposal",
    },
    "cli.help.faq_learned": {
        "nl": "geleerde formuleringen: voorstellen tonen, goedkeuren of afwijzen",
        "en": "learned phrasings: list, approve or reject proposals",
    },
    "cli.help.faq_learned_approve": {
        "nl": "dit voorstel goedkeuren: de matcher gebruikt het meteen",
        "en": "approve this proposal: the matcher uses it at once",
    },
    "cli.help.faq_learned_reject": {
        "nl": "dit voorstel afwijzen: het wordt nooit gebruikt",
        "en": "reject this proposal: it is never used",
    },
    "cli.help.faq_learned_approve_all": {
        "nl": "alle voorstellen goedkeuren",
        "en": "approve every proposal",
    },
    "cli.help.faq_learned_auto": {
        "nl": "na zoveel onafhankelijke bevestigingen een voorstel zonder beoordeling gebruiken (0: nooit)",
        "en": "use a proposal without review after this many independent confirmations (0: never)",
    },
    "cli.help.faq_learned_out_of_scope": {
        "nl": "de vragen die als 'geen FAQ-vraag' zijn gesloten (die nooit als FAQ worden beantwoord); wijs er een af met --reject ID",
        "en": "the questions closed as 'not an FAQ question' (never answered from the FAQ); reject one with --reject ID",
    },
    "cli.learned.no_out_of_scope": {
        "nl": "Er is nog geen vraag als 'geen FAQ-vraag' gesloten.",
        "en": "No question was closed as 'not an FAQ question' yet.",
    },
    "cli.learned.out_of_scope_row": {
        "nl": '#{id}  "{text}"  gesloten als geen FAQ-vraag: {confirmations} keer, {status}',
        "en": '#{id}  "{text}"  closed as not an FAQ question: {confirmations} time(s), {status}',
    },
    "cli.learned.policy": {
        "nl": "Beleid: een voorstel wordt gebruikt na goedkeuring, of na {count} onafhankelijke bevestigingen (0: alleen na goedkeuring).",
        "en": "Policy: a proposal is used once approved, or after {count} independent confirmations (0: only once approved).",
    },
    "cli.learned.none": {
        "nl": "Er wachten geen geleerde formuleringen op beoordeling.",
        "en": "No learned phrasings wait for review.",
    },
    "cli.learned.row": {
        "nl": '#{id}  {entry}  "{text}"  bevestigd {confirmations}, tegen {against} ({kinds})',
        "en": '#{id}  {entry}  "{text}"  confirmed {confirmations}, against {against} ({kinds})',
    },
    "cli.learned.decided": {
        "nl": '#{id} is nu {status}: "{text}" bij {entry}.',
        "en": '#{id} is now {status}: "{text}" for {entry}.',
    },
    "cli.learned.decided_out_of_scope": {
        "nl": '#{id} is nu {status}: "{text}" (gesloten als geen FAQ-vraag).',
        "en": '#{id} is now {status}: "{text}" (closed as not an FAQ question).',
    },
    "cli.learned.approved_all": {
        "nl": "{count} geleerde formuleringen goedgekeurd.",
        "en": "{count} learned phrasings approved.",
    },
    "cli.learned.unknown": {
        "nl": "Geleerde formulering #{id} bestaat niet.",
        "en": "Learned phrasing #{id} does not exist.",
    },
    "cli.learned.bad_number": {
        "nl": "Het aantal bevestigingen moet 0 of meer zijn.",
        "en": "The number of confirmations must be 0 or more.",
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

# Keys chosen by a value: each table names its keys whole, so tests/test_i18n.py sees every one.

GROUP_KIND_LABEL: dict[str, str] = {
    GroupKind.KEY_USERS: "cli.groups.kind.key_users",
    GroupKind.FUNCTIONAL_MANAGEMENT: "cli.groups.kind.functional_management",
}
"""A group's kind as `vraagbaak groups` prints it."""

START_FAILURE: dict[str, str] = {
    "unreachable": "cli.db.unreachable",
    "refused": "cli.db.refused",
    "not_writable": "cli.db.read_only",
    "unusable": "cli.db.unusable",
}
"""Why a command cannot use its database, by the kind `storage.db.startup_failure` gives (SQLite files aside)."""
