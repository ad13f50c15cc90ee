"""Texts of the learned phrasings' review card and its commands."""

from __future__ import annotations

from vocabulary import PhrasingStatus

MESSAGES = {
    "learned.status.proposed": {"nl": "voorgesteld", "en": "proposed"},
    "learned.status.approved": {"nl": "in gebruik", "en": "in use"},
    "learned.status.rejected": {"nl": "afgewezen", "en": "rejected"},
    "learned.review.title": {"nl": "Geleerde formuleringen", "en": "Learned phrasings"},
    "learned.review.intro": {
        "nl": "Te beoordelen: {count}. Dit zijn vragen zoals medewerkers ze stelden; keur je er een goed, dan herkent Vraagbaak die vraag voortaan als de FAQ erbij.",
        "en": "To review: {count}. These are questions as employees asked them; approve one and Vraagbaak recognises that question as its FAQ entry from now on.",
    },
    "learned.review.asked": {"nl": "Gevraagd: “{text}”", "en": "Asked: “{text}”"},
    "learned.review.entry": {"nl": "Hoort bij: {question}", "en": "Belongs to: {question}"},
    "learned.review.signals": {
        "nl": "Bevestigd: {confirmations} · 'Nee': {against}",
        "en": "Confirmed: {confirmations} · 'No': {against}",
    },
    "learned.review.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "learned.review.reject": {"nl": "Afwijzen", "en": "Reject"},
    "learned.review.more": {
        "nl": "En nog {count}; die verschijnen hier als je deze hebt beoordeeld.",
        "en": "And {count} more; they appear here once you have reviewed these.",
    },
    "learned.review.none": {
        "nl": "Er wachten geen geleerde formuleringen op beoordeling.",
        "en": "No learned phrasings wait for review.",
    },
    "learned.review.policy_auto": {
        "nl": "Een formulering die {count} verschillende medewerkers bevestigen, gebruikt Vraagbaak ook zonder beoordeling.",
        "en": "A phrasing that {count} different employees confirm is used even without review.",
    },
    "learned.review.policy_review_only": {
        "nl": "Vraagbaak gebruikt een geleerde formulering pas na goedkeuring.",
        "en": "Vraagbaak uses a learned phrasing only once it is approved.",
    },
    "learned.review.approved": {
        "nl": "Goedgekeurd: “{text}”. Vraagbaak herkent deze vraag nu.",
        "en": "Approved: “{text}”. Vraagbaak recognises this question now.",
    },
    "learned.review.rejected": {
        "nl": "Afgewezen: “{text}”. Deze formulering wordt nooit gebruikt.",
        "en": "Rejected: “{text}”. This phrasing will never be used.",
    },
    "learned.review.already_approved": {
        "nl": "Al goedgekeurd: “{text}”. Er is niets veranderd.",
        "en": "Already approved: “{text}”. Nothing changed.",
    },
    "learned.review.already_rejected": {
        "nl": "Al afgewezen: “{text}”. Er is niets veranderd; met 'vraagbaak faq learned --approve' kan het alsnog.",
        "en": "Already rejected: “{text}”. Nothing changed; 'vraagbaak faq learned --approve' can still approve it.",
    },
    "learned.refused.role": {
        "nl": "Geleerde formuleringen beoordelen kan alleen functioneel beheer.",
        "en": "Only functional management can review learned phrasings.",
    },
    "learned.refused.unknown": {
        "nl": "Deze formulering ken ik niet (meer). Typ 'geleerde formuleringen' voor de actuele lijst.",
        "en": "I don't know this phrasing (any more). Type 'learned phrasings' for the current list.",
    },
}

PHRASING_STATUS_LABEL: dict[str, str] = {
    PhrasingStatus.PROPOSED: "learned.status.proposed",
    PhrasingStatus.APPROVED: "learned.status.approved",
    PhrasingStatus.REJECTED: "learned.status.rejected",
}
"""A learned phrasing's (or out-of-scope question's) status in words."""
