"""Example FAQ entries and every card the bot can build, in both languages."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from cards import (
    answer_card,
    channel_linked_card,
    channel_welcome_card,
    escalated_card,
    faq_proposal_card,
    group_chat_welcome_card,
    help_card,
    key_users_card,
    my_tickets_card,
    open_tickets_card,
    suggestions_card,
    ticket_answer_card,
    ticket_card,
    ticket_created_card,
    ticket_form_card,
    ticket_status_card,
    unknown_card,
    welcome_card,
)
from cards.announcement_form import announcement_form_card, approval_card, my_announcements_card
from cards.golive import golive_form_card, golive_planned_card
from cards.views import (
    AnnouncementView,
    DeliveryCounts,
    EventView,
    GroupView,
    LinkView,
    PersonView,
    ProposalView,
    TicketView,
)
from tests.cards.announcement_samples import ANNOUNCEMENT_CARDS
from tests.cards.learning_samples import LEARNING_CARDS
from tests.cards.release_samples import RELEASE_CARDS
from vocabulary.actions import AnnouncementForm, GoLiveForm

ENTRIES: list[dict[str, Any]] = [
    {
        "id": "acc-001",
        "application": "Microsoft 365",
        "question": "Ik ben mijn wachtwoord vergeten, hoe kom ik er weer in?",
        "answer": "## Wachtwoord herstellen\nGa naar **Mijn account** en kies *Wachtwoord opnieuw instellen*.\n\n"
        "1. Vul je e-mailadres in.\n2. Bevestig met de code uit je MFA-app.\n3. Kies een nieuw wachtwoord.",
    },
    {
        "id": "out-014",
        "application": "Outlook",
        "question": "Hoe stel ik mijn afwezigheidsmelding in?",
        "answer": (
            "Kies in Outlook **Instellingen > Automatische antwoorden** "
            "en zet ze aan voor de periode van je afwezigheid."
        ),
    },
    {
        "id": "zaak-007",
        "application": "Zaaksysteem",
        "question": "Hoe draag ik een zaak over aan een collega?",
        "answer": "Open de zaak, kies **Behandelaar wijzigen** en selecteer je collega.",
    },
    {
        "id": "zaak-008",
        "application": "Zaaksysteem",
        "question": "Waarom zie ik een zaak van mijn team niet?",
        "answer": "Je ziet alleen zaken van teams waarvoor je rechten hebt; vraag je leidinggevende om toegang.",
    },
]
QUESTION = "mijn printer op de derde verdieping print alles in het roze, wat nu?"
USER_QUESTION_ID = 42

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ASKER = PersonView("aad-0001", "Fatima de Vries")
ANNE = PersonView("aad-0002", "Anne Jansen")
BRAM = PersonView("aad-0003", "Bram Bakker")
CHAIR = PersonView("aad-0004", "Carla Smit")
KEY_USERS = [ANNE, BRAM, CHAIR]
APPLICATIONS = ["Zaaksysteem", "Outlook", "Microsoft 365"]
TICKET_QUESTION = "Hoe zet ik een zaak op pauze als ik wacht op stukken van de aanvrager?"
TICKET_CONTEXT = (
    "Scherm: zaakdetails.\nZaaknummer Z-2026-0815.\nIk heb al 'Opschorten' geprobeerd, maar die knop is grijs."
)
TICKET_ANSWER = (
    "Je kunt een zaak opschorten als je de rol **behandelaar** hebt.\n\n"
    "1. Open de zaak.\n2. Kies **Acties > Opschorten**.\n3. Vul de reden en de verwachte datum in.\n\n"
    "Is de knop grijs, vraag dan je teamleider om je de rol behandelaar te geven."
)
CREATED = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
OPEN = TicketView(
    id=17,
    number="VB-2026-0042",
    version=1,
    status="open",
    level="first",
    application="Zaaksysteem",
    department="Burgerzaken",
    group_name="Kerngebruikers Zaaksysteem",
    asker=ASKER,
    text=TICKET_QUESTION,
    context=TICKET_CONTEXT,
    created_at=CREATED,
    due_at=datetime(2026, 12, 2, 10, 0, tzinfo=AMSTERDAM),
    linked_askers=2,
    events=(
        EventView(CREATED, ASKER.name, "created"),
        EventView(datetime(2026, 12, 1, 10, 20, tzinfo=AMSTERDAM), "Jeroen Visser", "linked"),
    ),
)
CLAIMED = replace(
    OPEN,
    version=2,
    status="claimed",
    assignee=ANNE,
    claimed_by_assignee=True,
    events=OPEN.events + (EventView(datetime(2026, 12, 1, 11, 5, tzinfo=AMSTERDAM), ANNE.name, "claimed"),),
)
ESCALATED = replace(
    CLAIMED,
    version=3,
    status="escalated",
    level="second",
    assignee=None,
    escalation_reason=(
        "Opschorten staat voor deze rol uit in de inrichting; dat kan alleen functioneel beheer aanpassen."
    ),
    events=CLAIMED.events + (EventView(datetime(2026, 12, 1, 14, 30, tzinfo=AMSTERDAM), ANNE.name, "escalated"),),
)
ANSWERED = replace(
    CLAIMED,
    version=4,
    status="answered",
    answer=TICKET_ANSWER,
    answered_by=ANNE,
    events=CLAIMED.events + (EventView(datetime(2026, 12, 1, 15, 0, tzinfo=AMSTERDAM), ANNE.name, "answered"),),
)
CLOSED = replace(
    ANSWERED,
    version=6,
    status="closed",
    close_reason="resolved",
    events=ANSWERED.events
    + (
        EventView(datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM), ASKER.name, "resolved"),
        EventView(datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM), "Vraagbaak", "closed", close_reason="resolved"),
    ),
)
REOPENED = replace(
    CLAIMED,
    version=7,
    reopen_remark="De knop Opschorten blijft grijs, ook na het antwoord.",
    answer=TICKET_ANSWER,
    answered_by=ANNE,
)
GROUP = GroupView(
    name="Kerngebruikers Zaaksysteem",
    application="Zaaksysteem",
    department="Burgerzaken",
    key_users=(ANNE, BRAM),
    chair=CHAIR,
    channel_name="Zaaksysteem vragen",
)
GROUP_M365 = GroupView(
    name="Kerngebruikers M365", application="Microsoft 365", department=None, key_users=(BRAM,), chair=None
)
PROPOSAL = ProposalView(
    id=5,
    ticket_number="VB-2026-0042",
    status="pending",
    application="Zaaksysteem",
    question="Hoe schort ik een zaak op?",
    answer=TICKET_ANSWER,
    proposed_by=ANNE,
    alternates=("zaak op pauze zetten", "zaak opschorten wachten op stukken"),
)
NOW = datetime(2026, 12, 3, 16, 0, tzinfo=AMSTERDAM)
DIRK = PersonView("aad-dirk", "Dirk Visser")
ANNOUNCEMENT = AnnouncementView(
    id=9,
    kind="release_note",
    status="draft",
    revision=2,
    title="Zaaksysteem 4.2: opschorten voor behandelaars",
    text="Vanaf **maandag** kan een behandelaar zaken opschorten.\n\n- Kies *Acties > Opschorten*\n- Vul de reden in",
    image_url="https://intranet.example.nl/img/zaak42.png",
    links=(LinkView("Releasenotes", "https://intranet.example.nl/zaak42"),),
    application="Zaaksysteem",
    audience={"groups": ["Kerngebruikers Zaaksysteem"]},
    audience_label="kerngebruikersgroep Kerngebruikers Zaaksysteem",
    ack_required=True,
    send_at=datetime(2026, 12, 7, 9, 0, tzinfo=AMSTERDAM),
    author=DIRK,
    approver=None,
    language="nl",
    created_at=NOW,
    updated_at=NOW,
)
SENT = replace(
    ANNOUNCEMENT,
    id=10,
    status="sent",
    counts=DeliveryCounts(recipients=40, sent=37, failed=1, unreachable=2, acknowledged=12),
)
TYPED = AnnouncementForm(
    title="",
    text="Vanaf maandag kan elke behandelaar een zaak opschorten.",
    link1_title="Releasenotes",
    link1_url="intranet/zaak42",
    application="Eigen toepassing",
    audience_kind="department",
    audience_value="Sociaal Domein",
    ack="true",
    send_date="2026-12-07",
    send_time="09:00",
    kind="update",
)

CardFactory = Callable[[str], dict[str, Any]]

CARDS: dict[str, CardFactory] = {
    "answer": lambda lang: answer_card(question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang),
    "answer_helpful": lambda lang: answer_card(
        question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang, feedback="helpful"
    ),
    "answer_not_helpful": lambda lang: answer_card(
        question_id=USER_QUESTION_ID, entry=ENTRIES[0], lang=lang, feedback="not_helpful"
    ),
    "suggestions": lambda lang: suggestions_card(question_id=USER_QUESTION_ID, entries=ENTRIES, lang=lang),
    "unknown": lambda lang: unknown_card(question_id=USER_QUESTION_ID, question=QUESTION, lang=lang),
    "escalated": lambda lang: escalated_card(question_id=USER_QUESTION_ID, question=QUESTION, lang=lang),
    "welcome": lambda lang: welcome_card(lang=lang, user_name="Fatima de Vries"),
    "welcome_anonymous": lambda lang: welcome_card(lang=lang, user_name=None),
    "welcome_channel": lambda lang: channel_welcome_card(
        lang=lang, key_user_groups=[GROUP.name, GROUP_M365.name], management_groups=["Functioneel beheer"]
    ),
    "welcome_channel_not_linked": lambda lang: channel_welcome_card(
        lang=lang, key_user_groups=[], management_groups=[]
    ),
    "welcome_group_chat": lambda lang: group_chat_welcome_card(lang=lang),
    "help": lambda lang: help_card(lang=lang),
    "ticket_form": lambda lang: ticket_form_card(
        question_id=USER_QUESTION_ID,
        question=TICKET_QUESTION,
        applications=APPLICATIONS,
        application="Zaaksysteem",
        lang=lang,
    ),
    "ticket_form_other": lambda lang: ticket_form_card(
        question_id=USER_QUESTION_ID,
        question=TICKET_QUESTION,
        applications=APPLICATIONS,
        application=None,
        lang=lang,
        other="Algemeen",
    ),
    "ticket_created": lambda lang: ticket_created_card(ticket=OPEN, lang=lang),
    "ticket_open": lambda lang: ticket_card(ticket=OPEN, lang=lang, key_users=KEY_USERS),
    "ticket_claimed": lambda lang: ticket_card(ticket=CLAIMED, lang=lang, key_users=KEY_USERS),
    "ticket_reopened": lambda lang: ticket_card(ticket=REOPENED, lang=lang, key_users=KEY_USERS),
    "ticket_escalated_first": lambda lang: ticket_card(ticket=ESCALATED, lang=lang, key_users=KEY_USERS, level="first"),
    "ticket_escalated_second": lambda lang: ticket_card(ticket=ESCALATED, lang=lang, key_users=[CHAIR], level="second"),
    "ticket_answered": lambda lang: ticket_card(ticket=ANSWERED, lang=lang, key_users=KEY_USERS),
    "ticket_answered_proposed": lambda lang: ticket_card(ticket=replace(ANSWERED, faq_proposed=True), lang=lang),
    "ticket_closed": lambda lang: ticket_card(ticket=CLOSED, lang=lang, key_users=KEY_USERS),
    "ticket_answer": lambda lang: ticket_answer_card(ticket=ANSWERED, lang=lang),
    "ticket_answer_solved": lambda lang: ticket_answer_card(ticket=ANSWERED, lang=lang, state="solved"),
    "ticket_answer_reopened": lambda lang: ticket_answer_card(ticket=ANSWERED, lang=lang, state="reopened"),
    "ticket_status_claimed": lambda lang: ticket_status_card(ticket=CLAIMED, lang=lang),
    "ticket_status_escalated": lambda lang: ticket_status_card(ticket=ESCALATED, lang=lang),
    "ticket_status_closed": lambda lang: ticket_status_card(ticket=CLOSED, lang=lang),
    "ticket_status_reopened": lambda lang: ticket_status_card(ticket=REOPENED, lang=lang),
    "ticket_status_duplicate": lambda lang: ticket_status_card(
        ticket=replace(OPEN, status="closed", close_reason="duplicate", duplicate_of="VB-2026-0004"), lang=lang
    ),
    "my_tickets": lambda lang: my_tickets_card(tickets=[OPEN, ESCALATED, CLOSED], lang=lang),
    "my_tickets_empty": lambda lang: my_tickets_card(tickets=[], lang=lang),
    "open_tickets": lambda lang: open_tickets_card(groups=[(GROUP.name, [OPEN, CLAIMED])], lang=lang, now=NOW),
    "open_tickets_channel": lambda lang: open_tickets_card(
        groups=[("Kerngebruikers Outlook", []), (GROUP.name, [OPEN, ESCALATED])], lang=lang, now=NOW
    ),
    "open_tickets_empty": lambda lang: open_tickets_card(groups=[(GROUP.name, [])], lang=lang, now=NOW),
    "faq_proposal": lambda lang: faq_proposal_card(proposal=PROPOSAL, lang=lang),
    "faq_proposal_approved": lambda lang: faq_proposal_card(
        proposal=replace(PROPOSAL, status="approved", decided_by=CHAIR), lang=lang
    ),
    "faq_proposal_rejected": lambda lang: faq_proposal_card(
        proposal=replace(PROPOSAL, status="rejected", decided_by=CHAIR), lang=lang
    ),
    "key_users": lambda lang: key_users_card(groups=[GROUP, GROUP_M365], lang=lang),
    "key_users_empty": lambda lang: key_users_card(groups=[], lang=lang),
    "channel_linked_first": lambda lang: channel_linked_card(group=GROUP, level="first", lang=lang),
    "channel_linked_second": lambda lang: channel_linked_card(group=GROUP, level="second", lang=lang),
    "announcement_form_new": lambda lang: announcement_form_card(form=AnnouncementForm(), lang=lang),
    "announcement_form_errors": lambda lang: announcement_form_card(
        form=TYPED,
        lang=lang,
        applications=APPLICATIONS,
        errors={"title": "authoring.error.kind", "send_at": "authoring.error.send_past"},
    ),
    "announcement_form_draft": lambda lang: announcement_form_card(
        form=AnnouncementForm(announcement_id=9, revision=2, title=ANNOUNCEMENT.title, text=ANNOUNCEMENT.text),
        lang=lang,
        applications=APPLICATIONS,
        view=ANNOUNCEMENT,
        note="authoring.note.saved",
    ),
    "announcement_form_draft_sign_in": lambda lang: announcement_form_card(
        form=AnnouncementForm(announcement_id=9, revision=2, title=ANNOUNCEMENT.title, text=ANNOUNCEMENT.text),
        lang=lang,
        view=replace(ANNOUNCEMENT, send_at=None),
        sign_in=True,
    ),
    "announcement_form_scheduled": lambda lang: announcement_form_card(
        form=AnnouncementForm(announcement_id=9, revision=2, title=ANNOUNCEMENT.title),
        lang=lang,
        view=replace(ANNOUNCEMENT, status="scheduled"),
    ),
    "announcement_form_sent": lambda lang: announcement_form_card(
        form=AnnouncementForm(announcement_id=10, revision=2, title=SENT.title), lang=lang, view=SENT
    ),
    "announcement_approval": lambda lang: approval_card(
        view=replace(ANNOUNCEMENT, status="awaiting_approval"), lang=lang
    ),
    "announcement_approval_approved": lambda lang: approval_card(
        view=replace(ANNOUNCEMENT, status="scheduled"), lang=lang, decided_by="Frank"
    ),
    "announcement_approval_changed": lambda lang: approval_card(
        view=replace(ANNOUNCEMENT, status="awaiting_approval", revision=3), lang=lang, submitted=2
    ),
    "my_announcements": lambda lang: my_announcements_card(
        announcements=[ANNOUNCEMENT, replace(ANNOUNCEMENT, id=11, status="scheduled"), SENT], lang=lang
    ),
    "my_announcements_empty": lambda lang: my_announcements_card(announcements=[], lang=lang),
}

CARDS.update(ANNOUNCEMENT_CARDS)
CARDS.update(RELEASE_CARDS)
CARDS.update(LEARNING_CARDS)
CARDS.update(
    {
        "golive_form": lambda lang: golive_form_card(
            form=GoLiveForm(), lang=lang, departments=("Sociaal Domein",), applications=("Suite4", "Zaaksysteem")
        ),
        "golive_form_errors": lambda lang: golive_form_card(
            form=GoLiveForm(department="Sociaal Domein", application="Suite4", date="2026-03-09", time="09:00"),
            lang=lang,
            departments=("Sociaal Domein",),
            applications=("Suite4",),
            errors={"date": "Kies een datum en tijd in de toekomst."},
            note="De groep Kerngebruikers Suite4 SD heeft geen kanaal voor de aftrap.",
        ),
        "golive_planned": lambda lang: golive_planned_card(
            department="Sociaal Domein",
            application="Suite4",
            at=datetime(2026, 3, 9, 9, 0, tzinfo=AMSTERDAM),
            group="Kerngebruikers Suite4 SD",
            welcome=replace(ANNOUNCEMENT, status="scheduled"),
            kickoff=replace(ANNOUNCEMENT, id=10, status="scheduled"),
            lang=lang,
        ),
    }
)


def all_cards() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, lang, card) for every card in nl and en."""
    return [(name, lang, make(lang)) for lang in ("nl", "en") for name, make in CARDS.items()]
