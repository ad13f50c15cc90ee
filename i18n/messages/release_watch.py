"""Texts of the release watch: the digest of Microsoft 365 Message Center posts and its buttons."""

from vocabulary import ReleaseMessageStatus

MESSAGES: dict[str, dict[str, str]] = {
    "release.digest.title": {
        "nl": "Nieuw in Microsoft 365 (Message Center)",
        "en": "New in Microsoft 365 (Message Center)",
    },
    "release.digest.intro": {
        "nl": "{count} nieuwe of gewijzigde berichten van Microsoft. Maak er een aankondiging van of zet ze op niet relevant.",
        "en": "{count} new or changed posts from Microsoft. Turn one into an announcement or mark it not relevant.",
    },
    "release.digest.post_title": {"nl": "{id}: {title}", "en": "{id}: {title}"},
    "release.digest.services": {"nl": "Dienst: {services}", "en": "Service: {services}"},
    "release.digest.no_service": {"nl": "geen dienst genoemd", "en": "no service named"},
    "release.digest.action_by": {"nl": "Actie vereist voor {date}", "en": "Action required by {date}"},
    "release.digest.major": {"nl": "Grote wijziging", "en": "Major change"},
    "release.digest.draft": {"nl": "Maak aankondiging", "en": "Create announcement"},
    "release.digest.dismiss": {"nl": "Niet relevant", "en": "Not relevant"},
    "release.digest.open": {"nl": "Bekijk bericht", "en": "View post"},
    "release.digest.more": {
        "nl": "Nog {count} berichten volgen in het volgende overzicht.",
        "en": "{count} more posts follow in the next digest.",
    },
    "release.draft.text": {
        "nl": "Microsoft kondigt aan ({id}, {services}):\n\n{body}",
        "en": "Microsoft announces ({id}, {services}):\n\n{body}",
    },
    "release.draft.link": {"nl": "Bericht in Message Center", "en": "Post in Message Center"},
    "release.drafted": {
        "nl": "Concept-aankondiging {announcement_id} gemaakt van {id}. Pas de tekst en de ontvangers aan en verstuur hem via 'mijn aankondigingen'.",
        "en": "Draft announcement {announcement_id} made from {id}. Adjust the text and the audience and send it from 'my announcements'.",
    },
    "release.dismissed": {
        "nl": "{id} staat op niet relevant.",
        "en": "{id} is marked not relevant.",
    },
    "release.already_decided": {
        "nl": "Over {id} is al besloten: {status}.",
        "en": "{id} was already decided: {status}.",
    },
    "release.status.new": {"nl": "nieuw", "en": "new"},
    "release.status.listed": {"nl": "in een overzicht getoond", "en": "shown in a digest"},
    "release.status.drafted": {"nl": "er is een aankondiging van gemaakt", "en": "an announcement was made of it"},
    "release.status.dismissed": {"nl": "niet relevant", "en": "not relevant"},
    "release.refused.unknown": {
        "nl": "Deze knop hoort bij een bericht dat ik niet (meer) ken. Wacht op het volgende overzicht.",
        "en": "This button belongs to a post I do not know (any more). Wait for the next digest.",
    },
    "release.refused.role": {
        "nl": "Alleen functioneel beheer kan berichten uit het Message Center afhandelen.",
        "en": "Only functional management can handle Message Center posts.",
    },
}

RELEASE_STATUS_LABEL: dict[str, str] = {
    ReleaseMessageStatus.NEW: "release.status.new",
    ReleaseMessageStatus.LISTED: "release.status.listed",
    ReleaseMessageStatus.DRAFTED: "release.status.drafted",
    ReleaseMessageStatus.DISMISSED: "release.status.dismissed",
}
