"""Texts of writing announcements in Teams: the form, the author's buttons, approval, 'mijn aankondigingen'."""

from vocabulary import AnnouncementKind, AnnouncementStatus, AudienceKind

MESSAGES: dict[str, dict[str, str]] = {
    # --- refusals and replies (dialogs/announcements.py) ---
    "authoring.refused.garbled": {
        "nl": "Deze knop hoort bij een aankondiging die ik niet (meer) kan vinden. Typ 'mijn aankondigingen' voor je lijst.",
        "en": "This button belongs to an announcement I can't find (any more). Type 'my announcements' for your list.",
    },
    "authoring.refused.role": {
        "nl": "Aankondigingen schrijven kan alleen functioneel beheer. Heb je iets te melden? Vraag het een functioneel beheerder.",
        "en": "Only functional management can write announcements. Something to share? Ask a functional manager.",
    },
    "authoring.refused.not_found": {
        "nl": "Die aankondiging bestaat niet (meer).",
        "en": "That announcement doesn't exist (any more).",
    },
    "authoring.refused.status": {
        "nl": "Dat kan niet meer: de aankondiging is nu {status}.",
        "en": "That's no longer possible: the announcement is now {status}.",
    },
    "authoring.refused.own_approval": {
        "nl": "Je kunt je eigen aankondiging niet goedkeuren: dat doet een andere functioneel beheerder.",
        "en": "You can't approve your own announcement: another functional manager does that.",
    },
    "authoring.refused.place": {
        "nl": "Aankondigingen schrijf je in je persoonlijke chat met mij of in het kanaal van functioneel beheer.",
        "en": "Announcements are written in your personal chat with me or in the functional management channel.",
    },
    "authoring.refused.not_recipient": {
        "nl": "Deze aankondiging is niet aan jou persoonlijk gestuurd, dus ik kan je 'Gelezen' niet noteren.",
        "en": "This announcement wasn't sent to you personally, so I can't record your 'Read'.",
    },
    "authoring.refused.remark_empty": {
        "nl": "Schrijf erbij waarom je de aankondiging terugstuurt.",
        "en": "Please say why you're sending the announcement back.",
    },
    "authoring.note.saved": {"nl": "Opgeslagen.", "en": "Saved."},
    "authoring.note.stale": {
        "nl": "Iemand heeft de aankondiging intussen aangepast: dit is de opgeslagen versie. Kijk hem na en klik opnieuw.",
        "en": "Someone changed the announcement in the meantime: this is the stored version. Check it and click again.",
    },
    "authoring.note.stale_typed": {
        "nl": "Iemand heeft de aankondiging intussen aangepast. Je getypte tekst staat er nog; Opslaan zet die over de nieuwere versie heen.",
        "en": "Someone changed the announcement in the meantime. Your typed text is still here; Save puts it over the newer version.",
    },
    "authoring.note.live_saved": {
        "nl": "Opgeslagen. De kaarten die al verstuurd zijn, worden bijgewerkt.",
        "en": "Saved. The cards already sent are being updated.",
    },
    "authoring.reply.preview": {
        "nl": "Zo ziet de ontvanger je aankondiging (alleen jij ziet dit voorbeeld):",
        "en": "This is how recipients see your announcement (only you see this preview):",
    },
    "authoring.reply.preview_below": {"nl": "Het voorbeeld staat hieronder.", "en": "The preview is below."},
    "authoring.reply.preview_in_chat": {
        "nl": "Het voorbeeld staat in je persoonlijke chat met mij, zodat alleen jij het ziet.",
        "en": "The preview is in your personal chat with me, so only you see it.",
    },
    "authoring.reply.form_below": {"nl": "Het formulier staat hieronder.", "en": "The form is below."},
    "authoring.reply.sent_back": {
        "nl": "Teruggestuurd naar {name} met je opmerking.",
        "en": "Sent back to {name} with your remark.",
    },
    "authoring.sign_in.request": {
        "nl": "Meld je aan, dan plaatst Vraagbaak de aankondiging in het kanaal onder jouw naam.",
        "en": "Sign in, and Vraagbaak posts the announcement in the channel under your name.",
    },
    "authoring.sign_in.refused": {
        "nl": "Je aanmelding kon niet worden gebruikt, er is niets verstuurd. Probeer het opnieuw of kies Versturen: "
        "dan plaatst de bot de aankondiging.",
        "en": "Your sign-in could not be used; nothing was sent. Try again, or choose Send: then the bot posts the "
        "announcement.",
    },
    "authoring.sign_in.off": {
        "nl": "Versturen als jezelf is hier niet ingesteld, er is niets verstuurd. Kies Versturen: dan plaatst de bot de "
        "aankondiging.",
        "en": "Sending as yourself is not set up here; nothing was sent. Choose Send: then the bot posts the "
        "announcement.",
    },
    "authoring.reply.approval_asked": {
        "nl": "Je aankondiging wacht op goedkeuring door een andere functioneel beheerder.",
        "en": "Your announcement is waiting for approval by another functional manager.",
    },
    "authoring.reply.cancelled": {"nl": "De aankondiging is geannuleerd.", "en": "The announcement is cancelled."},
    "authoring.reply.recalled": {
        "nl": "De aankondiging wordt teruggeroepen: de verstuurde kaarten worden verwijderd.",
        "en": "The announcement is being recalled: the cards sent are being deleted.",
    },
    "authoring.notice.sent_back": {
        "nl": "{name} heeft je aankondiging '{title}' teruggestuurd: {remark}",
        "en": "{name} sent your announcement '{title}' back: {remark}",
    },
    # --- the form's own checks (dialogs/announcement_form.py) ---
    "authoring.error.send_date": {
        "nl": "Vul een datum in (of maak datum en tijd allebei leeg om direct te versturen).",
        "en": "Fill in a date (or leave date and time both empty to send at once).",
    },
    "authoring.error.send_time": {
        "nl": "Vul een tijd in als uu:mm, bijvoorbeeld 09:30.",
        "en": "Fill in a time as hh:mm, for example 09:30.",
    },
    "authoring.error.send_past": {
        "nl": "Dat moment is al voorbij. Kies een tijd in de toekomst of maak datum en tijd leeg.",
        "en": "That moment has passed. Choose a time in the future or leave date and time empty.",
    },
    "authoring.error.audience_kind": {"nl": "Kies aan wie het gaat.", "en": "Choose who it goes to."},
    "authoring.error.kind": {
        "nl": "Kies of het een releasenotitie of een update is.",
        "en": "Choose whether it's a release note or an update.",
    },
    # --- the form (cards/announcement_form.py) ---
    "authoring.form.title_new": {"nl": "Nieuwe aankondiging", "en": "New announcement"},
    "authoring.form.title_edit": {"nl": "Aankondiging bewerken", "en": "Edit announcement"},
    "authoring.form.stored": {
        "nl": "{status} · opgeslagen versie {revision}",
        "en": "{status} · stored version {revision}",
    },
    "authoring.form.has_errors": {
        "nl": "Nog niet opgeslagen: kijk de velden met een melding na.",
        "en": "Not saved yet: check the fields with a message.",
    },
    "authoring.form.kind": {"nl": "Soort", "en": "Kind"},
    "authoring.form.title": {"nl": "Titel", "en": "Title"},
    "authoring.form.text": {"nl": "Tekst (markdown)", "en": "Text (markdown)"},
    "authoring.form.text_placeholder": {
        "nl": "Wat verandert er, voor wie, en wat moeten ze doen? **vet**, *schuin* en lijstjes kunnen.",
        "en": "What changes, for whom, and what should they do? **bold**, *italic* and lists work.",
    },
    "authoring.form.image_url": {"nl": "Afbeelding (URL, mag leeg blijven)", "en": "Image (URL, optional)"},
    "authoring.form.links": {"nl": "Linkknoppen (mogen leeg blijven)", "en": "Link buttons (optional)"},
    "authoring.form.link_title": {"nl": "Knoptekst {number}", "en": "Button text {number}"},
    "authoring.form.link_url": {"nl": "Link {number}", "en": "Link {number}"},
    "authoring.form.application": {"nl": "Toepassing", "en": "Application"},
    "authoring.form.application_none": {"nl": "Geen bepaalde toepassing", "en": "No particular application"},
    "authoring.form.application_other": {
        "nl": "Of een andere toepassing (typ de naam)",
        "en": "Or another application (type its name)",
    },
    "authoring.form.audience": {"nl": "Aan wie", "en": "To whom"},
    "authoring.form.audience_value": {
        "nl": "Welke (één per regel; niet nodig voor iedereen)",
        "en": "Which (one a line; not needed for everyone)",
    },
    "authoring.form.audience_value_hint": {"nl": "Eén per regel", "en": "One a line"},
    "authoring.form.audience_channels_hint": {
        "nl": "Kanaal-id's, bijvoorbeeld 19:abc@thread.tacv2",
        "en": "Channel ids, for example 19:abc@thread.tacv2",
    },
    "authoring.form.audience_groups_hint": {
        "nl": "Namen van kerngebruikersgroepen, bijvoorbeeld Kerngebruikers Zaaksysteem",
        "en": "Names of key-user groups, for example Kerngebruikers Zaaksysteem",
    },
    "authoring.form.audience_entra_hint": {"nl": "Id van de Entra-groep", "en": "Id of the Entra group"},
    "authoring.form.audience_department_hint": {
        "nl": "Naam van de afdeling, bijvoorbeeld Sociaal Domein",
        "en": "Name of the department, for example Sociaal Domein",
    },
    "authoring.form.ack_label": {"nl": "Bevestiging", "en": "Acknowledgement"},
    "authoring.form.ack": {
        "nl": "Vraag om bevestiging (knop 'Gelezen')",
        "en": "Ask for acknowledgement ('Read' button)",
    },
    "authoring.form.notify_label": {"nl": "Melding", "en": "Notification"},
    "authoring.form.notify": {
        "nl": "Ook een melding in de activiteitenfeed van Teams",
        "en": "Also a notification in the Teams activity feed",
    },
    "authoring.form.send_at": {"nl": "Verzenddatum", "en": "Send date"},
    "authoring.form.send_time": {"nl": "Tijd", "en": "Time"},
    "authoring.form.send_hint": {
        "nl": "Tijd in Nederlandse tijd. Leeg: de aankondiging gaat direct weg als je op Versturen klikt.",
        "en": "Time in Dutch time. Empty: the announcement goes out as soon as you click Send.",
    },
    "authoring.form.save": {"nl": "Opslaan", "en": "Save"},
    "authoring.form.preview": {"nl": "Voorbeeld", "en": "Preview"},
    "authoring.form.submit": {"nl": "Versturen", "en": "Send"},
    "authoring.form.submit_as_me": {"nl": "Versturen als mij", "en": "Send as me"},
    "authoring.form.stored_only": {
        "nl": "Voorbeeld en Versturen gebruiken de opgeslagen versie. Iets veranderd? Klik eerst op Opslaan.",
        "en": "Preview and Send use the stored version. Changed something? Click Save first.",
    },
    "authoring.form.live_note": {
        "nl": "Deze aankondiging is al verstuurd: Opslaan werkt elke verstuurde kaart bij.",
        "en": "This announcement has been sent: Save updates every card sent.",
    },
    "authoring.kind.release_note": {"nl": "Releasenotitie", "en": "Release note"},
    "authoring.kind.update": {"nl": "Update", "en": "Update"},
    "authoring.audience.everyone": {"nl": "Iedereen met de app", "en": "Everyone with the app"},
    "authoring.audience.channels": {"nl": "Kanaal of kanalen", "en": "Channel(s)"},
    "authoring.audience.groups": {"nl": "Kerngebruikersgroep(en)", "en": "Key-user group(s)"},
    "authoring.audience.entra_group": {"nl": "Entra-groep", "en": "Entra group"},
    "authoring.audience.department": {"nl": "Afdeling", "en": "Department"},
    "authoring.status.draft": {"nl": "Concept", "en": "Draft"},
    "authoring.status.awaiting_approval": {"nl": "Wacht op goedkeuring", "en": "Awaiting approval"},
    "authoring.status.scheduled": {"nl": "Ingepland", "en": "Scheduled"},
    "authoring.status.sending": {"nl": "Wordt verstuurd", "en": "Sending"},
    "authoring.status.sent": {"nl": "Verstuurd", "en": "Sent"},
    "authoring.status.cancelled": {"nl": "Geannuleerd", "en": "Cancelled"},
    "authoring.status.recalled": {"nl": "Teruggeroepen", "en": "Recalled"},
    # --- the author's buttons ---
    "authoring.action.edit": {"nl": "Bewerken", "en": "Edit"},
    "authoring.action.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "authoring.action.recall": {"nl": "Terugroepen", "en": "Recall"},
    "authoring.recall.question": {
        "nl": "Weet je het zeker? De {count} verstuurde kaarten worden verwijderd; wie nog niets kreeg, krijgt niets.",
        "en": "Are you sure? The {count} cards sent are deleted; those who got nothing yet get nothing.",
    },
    "authoring.recall.confirm": {"nl": "Ja, terugroepen", "en": "Yes, recall"},
    # --- 'mijn aankondigingen' ---
    "authoring.list.title": {"nl": "Mijn aankondigingen", "en": "My announcements"},
    "authoring.list.empty": {
        "nl": "Je hebt nog geen aankondigingen. Begin er een met 'nieuwe aankondiging'.",
        "en": "You have no announcements yet. Start one with 'new announcement'.",
    },
    "authoring.list.counts": {
        "nl": "{sent} verzonden · {failed} mislukt · {unreachable} onbereikbaar",
        "en": "{sent} delivered · {failed} failed · {unreachable} unreachable",
    },
    "authoring.list.counts_ack": {
        "nl": "{sent} verzonden · {failed} mislukt · {unreachable} onbereikbaar · {read} gelezen",
        "en": "{sent} delivered · {failed} failed · {unreachable} unreachable · {read} read",
    },
    "authoring.list.more": {"nl": "En nog {count} oudere.", "en": "And {count} older ones."},
    "authoring.list.new": {"nl": "Nieuwe aankondiging", "en": "New announcement"},
    # --- the approval card ---
    "authoring.approval.title": {"nl": "Aankondiging ter goedkeuring", "en": "Announcement for approval"},
    "authoring.approval.author": {"nl": "Geschreven door", "en": "Written by"},
    "authoring.approval.revision": {"nl": "Versie", "en": "Version"},
    "authoring.approval.intro": {
        "nl": "Klopt de tekst en de doelgroep? Goedkeuren verstuurt precies deze versie.",
        "en": "Are the text and the audience right? Approving sends exactly this version.",
    },
    "authoring.approval.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "authoring.approval.send_back": {"nl": "Terugsturen", "en": "Send back"},
    "authoring.approval.send_back_submit": {"nl": "Terugsturen naar de schrijver", "en": "Send back to the author"},
    "authoring.approval.remark": {"nl": "Wat moet er anders?", "en": "What should change?"},
    "authoring.approval.remark_error": {"nl": "Schrijf erbij wat er anders moet.", "en": "Say what should change."},
    "authoring.approval.approved": {"nl": "Goedgekeurd", "en": "Approved"},
    "authoring.approval.sent_back": {"nl": "Teruggestuurd", "en": "Sent back"},
    "authoring.approval.withdrawn": {"nl": "Ingetrokken door de schrijver", "en": "Withdrawn by the author"},
    "authoring.approval.changed": {
        "nl": "Deze versie is niet meer actueel: de schrijver heeft de aankondiging aangepast.",
        "en": "This version is out of date: the author changed the announcement.",
    },
    "authoring.approval.decided_by": {"nl": "{decision} door {name}", "en": "{decision} by {name}"},
}

KIND_CHOICE = {
    AnnouncementKind.RELEASE_NOTE: "authoring.kind.release_note",
    AnnouncementKind.UPDATE: "authoring.kind.update",
}
"""The kinds an author chooses from, by name."""

AUDIENCE_CHOICE = {
    AudienceKind.EVERYONE: "authoring.audience.everyone",
    AudienceKind.CHANNELS: "authoring.audience.channels",
    AudienceKind.GROUPS: "authoring.audience.groups",
    AudienceKind.ENTRA_GROUP: "authoring.audience.entra_group",
    AudienceKind.DEPARTMENT: "authoring.audience.department",
}
"""The audiences the form offers, by name."""

AUDIENCE_PLACEHOLDER = {
    AudienceKind.CHANNELS: "authoring.form.audience_channels_hint",
    AudienceKind.GROUPS: "authoring.form.audience_groups_hint",
    AudienceKind.ENTRA_GROUP: "authoring.form.audience_entra_hint",
    AudienceKind.DEPARTMENT: "authoring.form.audience_department_hint",
}
"""What the audience value input suggests for the audience chosen."""

AUTHORING_STATUS = {
    AnnouncementStatus.DRAFT: "authoring.status.draft",
    AnnouncementStatus.AWAITING_APPROVAL: "authoring.status.awaiting_approval",
    AnnouncementStatus.SCHEDULED: "authoring.status.scheduled",
    AnnouncementStatus.SENDING: "authoring.status.sending",
    AnnouncementStatus.SENT: "authoring.status.sent",
    AnnouncementStatus.CANCELLED: "authoring.status.cancelled",
    AnnouncementStatus.RECALLED: "authoring.status.recalled",
}
"""An announcement's status as its author's cards name it."""

FIELD_LABEL = {
    "kind": "authoring.form.kind",
    "title": "authoring.form.title",
    "text": "authoring.form.text",
    "image_url": "authoring.form.image_url",
    "application": "authoring.form.application",
    "audience": "authoring.form.audience",
    "ack": "authoring.form.ack_label",
    "notify": "authoring.form.notify_label",
    "send_at": "authoring.form.send_at",
}
"""The form's labels by Draft field name."""
