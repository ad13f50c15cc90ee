"""Texts of announcements: the recipient's and the author's cards, audiences, statuses and the draft's errors."""

from vocabulary import AnnouncementKind, AnnouncementStatus, AudienceKind

MESSAGES: dict[str, dict[str, str]] = {
    # --- the draft's errors (services/announcement_drafts.py, services/announcements.py) ---
    "announcement.error.title_empty": {"nl": "Geef de aankondiging een titel.", "en": "Give the announcement a title."},
    "announcement.error.title_long": {
        "nl": "De titel is te lang (hoogstens 200 tekens).",
        "en": "The title is too long (200 characters at most).",
    },
    "announcement.error.text_empty": {
        "nl": "Schrijf de tekst van de aankondiging.",
        "en": "Write the announcement's text.",
    },
    "announcement.error.text_long": {
        "nl": "De tekst is te lang (hoogstens 8000 tekens).",
        "en": "The text is too long (8000 characters at most).",
    },
    "announcement.error.url": {
        "nl": "Dit is geen geldig webadres (begin met https://).",
        "en": "This is not a valid web address (start with https://).",
    },
    "announcement.error.links_many": {"nl": "Hoogstens drie links.", "en": "Three links at most."},
    "announcement.error.link": {
        "nl": "Elke link heeft een titel (hoogstens 80 tekens) en een geldig webadres.",
        "en": "Every link needs a title (80 characters at most) and a valid web address.",
    },
    "announcement.error.naive_time": {
        "nl": "Geef het tijdstip met een tijdzone.",
        "en": "Give the time with a time zone.",
    },
    "announcement.error.deadline_before_send": {
        "nl": "De termijn voor 'Gelezen' moet na het verzendmoment liggen.",
        "en": "The deadline for 'Read' must be after the send time.",
    },
    "announcement.error.audience_one": {
        "nl": "Kies precies één doelgroep: iedereen, kanalen, groepen, een Entra-groep, een afdeling of een team.",
        "en": "Choose exactly one audience: everyone, channels, groups, an Entra group, a department or a team.",
    },
    "announcement.error.audience_everyone": {
        "nl": "De doelgroep 'iedereen' heeft geen verdere waarde.",
        "en": "The audience 'everyone' takes no further value.",
    },
    "announcement.error.audience_list": {
        "nl": "Noem één tot vijftig kanalen of groepen.",
        "en": "Name one to fifty channels or groups.",
    },
    "announcement.error.audience_value": {
        "nl": "Noem de groep, afdeling of het team (hoogstens 200 tekens).",
        "en": "Name the group, department or team (200 characters at most).",
    },
    "announcement.error.needs_graph": {
        "nl": "Deze doelgroep vraagt Microsoft Graph, en Graph is niet ingesteld. Kies kanalen, groepen of iedereen.",
        "en": "This audience needs Microsoft Graph, which is not configured. Choose channels, groups or everyone.",
    },
    "announcement.error.send_at_missing": {
        "nl": "Kies een verzendmoment, of verstuur de aankondiging nu.",
        "en": "Choose a send time, or send the announcement now.",
    },
    "announcement.error.send_at_past": {
        "nl": "Het verzendmoment ligt in het verleden.",
        "en": "The send time is in the past.",
    },
    "announcement.error.audience_live": {
        "nl": "De aankondiging is al verstuurd: de doelgroep kan niet meer veranderen.",
        "en": "The announcement has been sent: its audience can no longer change.",
    },
    # --- a garbled click (vocabulary/actions.py) ---
    "announcement.refused.unknown": {
        "nl": "Deze knop hoort bij een aankondiging die ik niet kan vinden.",
        "en": "This button belongs to an announcement I cannot find.",
    },
    # --- audiences in words (services/announcements.py) ---
    "announcement.audience.everyone": {"nl": "iedereen met de app", "en": "everyone with the app"},
    "announcement.audience.channels": {"nl": "kanaal {names}", "en": "channel {names}"},
    "announcement.audience.groups": {"nl": "groep {names}", "en": "group {names}"},
    "announcement.audience.entra_group": {"nl": "Entra-groep {names}", "en": "Entra group {names}"},
    "announcement.audience.department": {"nl": "afdeling {names}", "en": "department {names}"},
    "announcement.audience.team": {"nl": "team {names}", "en": "team {names}"},
    # --- why a recipient cannot be reached (services/audiences.py; stored as the delivery's reason) ---
    "announcement.unreachable.no_group": {
        "nl": "Er is geen groep met deze naam.",
        "en": "There is no group with this name.",
    },
    "announcement.unreachable.no_channel": {
        "nl": "De groep heeft geen gekoppeld kanaal.",
        "en": "The group has no linked channel.",
    },
    "announcement.unreachable.no_reference": {
        "nl": "De bot kent dit kanaal niet en geen ander gesprek in de tenant.",
        "en": "The bot knows neither this channel nor any other conversation in the tenant.",
    },
    "announcement.unreachable.install_forbidden": {
        "nl": "De app mag niet voor deze persoon worden geïnstalleerd (uitgezet of niet toegestaan).",
        "en": "The app may not be installed for this person (switched off or not permitted).",
    },
    "announcement.unreachable.no_user_or_licence": {
        "nl": "Deze persoon bestaat niet of heeft geen Teams-licentie.",
        "en": "This person does not exist or has no Teams licence.",
    },
    "announcement.unreachable.no_installation": {
        "nl": "De app is geïnstalleerd, maar Graph toont de installatie niet.",
        "en": "The app was installed, but Graph does not list the installation.",
    },
    "announcement.unreachable.no_chat": {
        "nl": "Graph gaf geen chat bij de installatie van de app.",
        "en": "Graph gave no chat for the app's installation.",
    },
    "announcement.unreachable.chat_failed": {
        "nl": "Graph bleef fouten geven; de chat met deze persoon kon niet worden geopend.",
        "en": "Graph kept failing; the chat with this person could not be opened.",
    },
    # --- why the bot posted a channel card its author asked to post as themselves (services/announcement_post_as.py)
    "announcement.poster.signin_expired": {
        "nl": "Door de bot geplaatst: de aanmelding van de auteur was verlopen.",
        "en": "Posted by the bot: the author's sign-in had expired.",
    },
    "announcement.poster.signin_refused": {
        "nl": "Door de bot geplaatst: Entra ID weigerde de aanmelding van de auteur.",
        "en": "Posted by the bot: Entra ID refused the author's sign-in.",
    },
    "announcement.poster.graph_refused": {
        "nl": "Door de bot geplaatst: Graph weigerde het bericht namens de auteur.",
        "en": "Posted by the bot: Graph refused the message on the author's behalf.",
    },
    "announcement.poster.graph_failed": {
        "nl": "Door de bot geplaatst: Graph bleef onbereikbaar zolang de aanmelding geldig was.",
        "en": "Posted by the bot: Graph stayed unavailable while the sign-in was valid.",
    },
    "announcement.poster.no_team": {
        "nl": "Door de bot geplaatst: het team van dit kanaal is onbekend.",
        "en": "Posted by the bot: this channel's team is not known.",
    },
    "announcement.poster.no_graph": {
        "nl": "Door de bot geplaatst: Microsoft Graph is niet (meer) ingesteld.",
        "en": "Posted by the bot: Microsoft Graph is not (or no longer) configured.",
    },
    "announcement.poster.scheduled": {
        "nl": "Door de bot geplaatst: een geplande verzending gaat altijd via de bot.",
        "en": "Posted by the bot: a scheduled send always goes through the bot.",
    },
    # --- statuses and kinds ---
    "announcement.status.draft": {"nl": "Concept", "en": "Draft"},
    "announcement.status.awaiting_approval": {"nl": "Wacht op goedkeuring", "en": "Awaiting approval"},
    "announcement.status.scheduled": {"nl": "Ingepland", "en": "Scheduled"},
    "announcement.status.sending": {"nl": "Wordt verstuurd", "en": "Sending"},
    "announcement.status.sent": {"nl": "Verstuurd", "en": "Sent"},
    "announcement.status.cancelled": {"nl": "Geannuleerd", "en": "Cancelled"},
    "announcement.status.recalled": {"nl": "Ingetrokken", "en": "Recalled"},
    "announcement.kind.release_note": {"nl": "Releasenotes", "en": "Release notes"},
    "announcement.kind.update": {"nl": "Mededeling", "en": "Announcement"},
    "announcement.kind.golive_welcome": {"nl": "Welkom", "en": "Welcome"},
    "announcement.kind.golive_kickoff": {"nl": "Aftrap", "en": "Kick-off"},
    # --- the recipient's card (cards/announcements.py) ---
    "announcement.card.kind_application": {"nl": "{kind} · {application}", "en": "{kind} · {application}"},
    "announcement.card.image": {"nl": "Afbeelding bij de aankondiging", "en": "Image with the announcement"},
    "announcement.card.ack_asked": {
        "nl": "Laat even weten dat je dit gelezen hebt.",
        "en": "Please let us know you have read this.",
    },
    "announcement.card.ack_asked_by": {
        "nl": "Laat vóór {deadline} even weten dat je dit gelezen hebt.",
        "en": "Please let us know by {deadline} that you have read this.",
    },
    "announcement.card.reminder": {
        "nl": "Herinnering: je hebt dit bericht nog niet als gelezen gemarkeerd.",
        "en": "Reminder: you have not marked this message as read yet.",
    },
    "announcement.card.ack": {"nl": "Gelezen", "en": "Read"},
    "announcement.card.acknowledged": {"nl": "Gelezen ✓", "en": "Read ✓"},
    # --- the author's report card ---
    "announcement.report.status": {"nl": "Status", "en": "Status"},
    "announcement.report.audience": {"nl": "Doelgroep", "en": "Audience"},
    "announcement.report.send_at": {"nl": "Verzendmoment", "en": "Send time"},
    "announcement.report.send_now": {"nl": "zodra verstuurd", "en": "when sent"},
    "announcement.report.deadline": {"nl": "Termijn 'Gelezen'", "en": "Deadline 'Read'"},
    "announcement.report.approver": {"nl": "Goedgekeurd door", "en": "Approved by"},
    "announcement.report.recipients": {"nl": "Ontvangers", "en": "Recipients"},
    "announcement.report.sent": {"nl": "Verzonden", "en": "Sent"},
    "announcement.report.pending": {"nl": "Nog te versturen", "en": "Still to send"},
    "announcement.report.resolving": {"nl": "Chat wordt nog geopend", "en": "Chat still being opened"},
    "announcement.report.failed": {"nl": "Mislukt", "en": "Failed"},
    "announcement.report.unreachable": {"nl": "Onbereikbaar", "en": "Unreachable"},
    "announcement.report.acknowledged": {"nl": "Gelezen", "en": "Read"},
    "announcement.report.clicks": {"nl": "Klikken op links", "en": "Link clicks"},
    "announcement.report.posted_as": {"nl": "Geplaatst als {name}", "en": "Posted as {name}"},
    "announcement.report.reasons": {"nl": "Waarom", "en": "Why"},
    "announcement.report.reason": {"nl": "{count} × {reason}", "en": "{count} × {reason}"},
    "announcement.report.reason_code": {"nl": "{count} × {reason} ({code})", "en": "{count} × {reason} ({code})"},
}

ANNOUNCEMENT_STATUS_LABEL: dict[str, str] = {
    AnnouncementStatus.DRAFT: "announcement.status.draft",
    AnnouncementStatus.AWAITING_APPROVAL: "announcement.status.awaiting_approval",
    AnnouncementStatus.SCHEDULED: "announcement.status.scheduled",
    AnnouncementStatus.SENDING: "announcement.status.sending",
    AnnouncementStatus.SENT: "announcement.status.sent",
    AnnouncementStatus.CANCELLED: "announcement.status.cancelled",
    AnnouncementStatus.RECALLED: "announcement.status.recalled",
}

ANNOUNCEMENT_KIND_LABEL: dict[str, str] = {
    AnnouncementKind.RELEASE_NOTE: "announcement.kind.release_note",
    AnnouncementKind.UPDATE: "announcement.kind.update",
    AnnouncementKind.GOLIVE_WELCOME: "announcement.kind.golive_welcome",
    AnnouncementKind.GOLIVE_KICKOFF: "announcement.kind.golive_kickoff",
}

AUDIENCE_LABEL: dict[str, str] = {
    AudienceKind.EVERYONE: "announcement.audience.everyone",
    AudienceKind.CHANNELS: "announcement.audience.channels",
    AudienceKind.GROUPS: "announcement.audience.groups",
    AudienceKind.ENTRA_GROUP: "announcement.audience.entra_group",
    AudienceKind.DEPARTMENT: "announcement.audience.department",
    AudienceKind.TEAM: "announcement.audience.team",
}
"""Each audience in words; every text but everyone's takes {names}."""

UNREACHABLE_REASON: dict[str, str] = {
    "no_group": "announcement.unreachable.no_group",
    "no_channel": "announcement.unreachable.no_channel",
    "no_reference": "announcement.unreachable.no_reference",
    "install_forbidden": "announcement.unreachable.install_forbidden",
    "no_user_or_licence": "announcement.unreachable.no_user_or_licence",
    "no_installation": "announcement.unreachable.no_installation",
    "no_chat": "announcement.unreachable.no_chat",
    "chat_failed": "announcement.unreachable.chat_failed",
}
"""Why a recipient cannot be reached, as services/audiences.py stores it in the delivery's `reason` (Graph's error
code, when Graph refused, in `reason_code`)."""

POSTER_REASON: dict[str, str] = {
    "signin_expired": "announcement.poster.signin_expired",
    "signin_refused": "announcement.poster.signin_refused",
    "graph_refused": "announcement.poster.graph_refused",
    "graph_failed": "announcement.poster.graph_failed",
    "no_team": "announcement.poster.no_team",
    "no_graph": "announcement.poster.no_graph",
    "scheduled": "announcement.poster.scheduled",
}
"""Why the bot posted a channel card meant to be posted as its author (`reason` of a delivery with poster=bot)."""

REPORT_LABEL: dict[str, str] = {
    "status": "announcement.report.status",
    "audience": "announcement.report.audience",
    "send_at": "announcement.report.send_at",
    "deadline": "announcement.report.deadline",
    "approver": "announcement.report.approver",
    "recipients": "announcement.report.recipients",
    "sent": "announcement.report.sent",
    "pending": "announcement.report.pending",
    "resolving": "announcement.report.resolving",
    "failed": "announcement.report.failed",
    "unreachable": "announcement.report.unreachable",
    "acknowledged": "announcement.report.acknowledged",
    "clicks": "announcement.report.clicks",
}
"""The labels of the author's report card, by line."""
