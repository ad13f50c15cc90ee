"""Tickets in Teams: the asker's form and 'mijn vragen', the key users' card actions, linking channels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

import cards
from cards.views import ProposalView
from dialogs.questions import own_question
from dialogs.router import Router
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from services.directory import GENERAL_APPLICATION, Actor, DirectoryService, NotAllowed
from services.questions import QuestionService
from services.tickets import Change, TicketRefused, TicketService
from vocabulary import GroupKind, Level, TicketStatus
from vocabulary.actions import (
    ANSWER,
    APPROVE_FAQ,
    ASK_KEY_USER,
    ASSIGN,
    CLAIM,
    CLOSE,
    CREATE_TICKET,
    ESCALATE,
    PROPOSE_FAQ,
    REJECT_FAQ,
    RESOLVE,
    SAVE_FAQ,
    Assignment,
    Closing,
    Escalation,
    ProposalApproval,
    ProposalClick,
    ProposalEdit,
    QuestionClick,
    Resolution,
    TicketAnswer,
    TicketClick,
    TicketForm,
)

OPEN_TICKETS_PATTERN = r"\s*(open tickets|openstaande vragen|openstaande tickets|open questions)\s*[.!?]*\s*"
LINK_PATTERN = r"\s*(koppel|link)\s+(.+)"
_LINK_KIND = re.compile(
    r"^(kanaal|kerngebruikers|key users|channel)\s*(.*)$|^(functioneel beheer|beheer|"
    r"functional management)\s*(.*)$",
    re.IGNORECASE,
)
_DEPARTMENT = re.compile(r"\s+(?:afdeling|department)\s+(.+)$", re.IGNORECASE)
C = TypeVar("C", bound=TicketClick)


def actor_of(incoming: Incoming, lang: str) -> Actor:
    """The clicking or typing person as the services know them."""
    return Actor(
        key=incoming.user.key,
        name=incoming.user.name,
        teams_id=incoming.user.id or None,
        tenant_id=incoming.tenant_id,
        language=lang,
    )


def parse_link(text: str) -> tuple[str, str | None, str | None] | None:
    """'koppel kanaal Zaaksysteem afdeling Sociaal Domein' -> (kind, application, department)."""
    match = re.fullmatch(LINK_PATTERN, text, re.IGNORECASE)
    if not match:
        return None
    rest = match.group(2).strip()
    kind_match = _LINK_KIND.match(rest)
    if not kind_match:
        return None
    if kind_match.group(1):
        kind, target = GroupKind.KEY_USERS, kind_match.group(2)
    else:
        kind, target = GroupKind.FUNCTIONAL_MANAGEMENT, kind_match.group(4)
    department = None
    dep = _DEPARTMENT.search(" " + target)
    if dep:
        department = dep.group(1).strip() or None
        target = (" " + target)[: dep.start()].strip()
    application = target.strip().strip("\"'") or None
    if kind == GroupKind.KEY_USERS and not application:
        return None
    return kind, application, department


@dataclass
class TicketDialog:
    """Flows around tickets; registered on a Router."""

    tickets: TicketService
    directory: DirectoryService
    questions: QuestionService
    default_language: str = "nl"
    """Language of the cards in the key users' and functional management's channels."""

    def register(self, router: Router) -> None:
        """Attach this dialog's card actions to `router` (its commands are listed in dialogs/__init__.py)."""
        router.action(ASK_KEY_USER)(self.ask_key_user)
        router.action(CREATE_TICKET)(self.create)
        router.action(CLAIM)(self._card_action(self.claim))
        router.action(ASSIGN)(self._card_action(self.assign))
        router.action(ANSWER)(self._card_action(self.answer))
        router.action(ESCALATE)(self._card_action(self.escalate))
        router.action(CLOSE)(self._card_action(self.close))
        router.action(PROPOSE_FAQ)(self._card_action(self.propose_faq))
        router.action(RESOLVE)(self.resolved)
        router.action(APPROVE_FAQ)(self.approve)
        router.action(SAVE_FAQ)(self.save_proposal)
        router.action(REJECT_FAQ)(self.reject)

    # ------------------------------------------------------------------ the asker
    async def ask_key_user(self, incoming: Incoming, click: QuestionClick) -> Outcome:
        """'Vraag het een kerngebruiker': the form with the question filled in."""
        lang = incoming.lang
        question = await own_question(self.questions, incoming, click.question_id)
        if isinstance(question, Outcome):
            return question
        applications = await self.directory.applications()
        other = GENERAL_APPLICATION if await self.directory.routes_general() else None
        if not applications and other is None:
            await self.questions.escalate(question.id)
            return Outcome(card=cards.escalated_card(question_id=question.id, question=question.text, lang=lang))
        chosen = _application_of(question.text, applications)
        return Outcome(
            card=cards.ticket_form_card(
                question_id=question.id,
                question=question.text,
                applications=applications,
                application=chosen,
                lang=lang,
                other=other,
            )
        )

    async def create(self, incoming: Incoming, form: TicketForm) -> Outcome:
        """The form was sent: a ticket (or a link to the same open question) and a confirmation."""
        lang = incoming.lang
        try:  # the service checks the question is the asker's own, in the same transaction
            change = await self.tickets.create(
                actor_of(incoming, lang),
                text=form.question,
                application=form.application,
                context=form.context,
                question_id=form.question_id,
            )
        except TicketRefused as refused:
            return Outcome(message=t(refused.key, lang, **refused.params))
        replies = [Reply(text=t(change.note, lang, **change.params))] if change.note else []
        return Outcome(card=cards.ticket_created_card(ticket=change.view, lang=lang), replies=replies)

    async def my_tickets(self, incoming: Incoming) -> Outcome:
        """'Mijn vragen': the asker's tickets and where they stand."""
        lang = incoming.lang
        tickets = await self.tickets.mine(incoming.user.key)
        return Outcome(replies=[Reply(card=cards.my_tickets_card(tickets=tickets, lang=lang))])

    async def resolved(self, incoming: Incoming, click: Resolution) -> Outcome:
        """'Opgelost?' Ja / Nee on the answer the asker received."""
        lang = incoming.lang
        try:
            change = await self.tickets.resolve(click.ticket_id, actor_of(incoming, lang), click.solved, click.remark)
        except TicketRefused as refused:
            return Outcome(message=t(refused.key, lang, **refused.params))
        if not change.changed:
            return Outcome(message=t(change.note or "ticket.note.already_handled", lang, **change.params))
        state = "solved" if change.view.status == TicketStatus.CLOSED else "reopened"
        return Outcome(card=cards.ticket_answer_card(ticket=change.view, lang=lang, state=state))

    # ------------------------------------------------------------------ key users and functional management
    def _card_action(
        self, handler: Callable[[C, Actor], Awaitable[Change]]
    ) -> Callable[[Incoming, C], Awaitable[Outcome]]:
        """Wrap a ticket-card action: run it, then refresh the card or explain why nothing changed."""

        async def flow(incoming: Incoming, click: C) -> Outcome:
            lang = incoming.lang
            actor = actor_of(incoming, lang)
            try:
                change = await handler(click, actor)
            except TicketRefused as refused:
                return Outcome(message=t(refused.key, lang, **refused.params))
            view = change.view
            if change.changed or click.version != view.version:
                level = change.clicked_level(incoming.conversation_id, incoming.reply_to_id)
                members = change.members if level == view.level else []
                card = cards.ticket_card(ticket=view, lang=self.default_language, key_users=members, level=level)
                return Outcome(card=card)
            return Outcome(message=t(change.note or "ticket.note.unchanged", lang, **change.params))

        return flow

    async def claim(self, click: TicketClick, actor: Actor) -> Change:
        """'Ik pak dit op'."""
        return await self.tickets.claim(click.ticket_id, actor)

    async def assign(self, click: Assignment, actor: Actor) -> Change:
        """'Toewijzen aan …'."""
        return await self.tickets.assign(click.ticket_id, actor, click.assignee)

    async def answer(self, click: TicketAnswer, actor: Actor) -> Change:
        """'Beantwoorden'."""
        return await self.tickets.answer(click.ticket_id, actor, click.answer)

    async def escalate(self, click: Escalation, actor: Actor) -> Change:
        """'Doorzetten naar functioneel beheer'."""
        return await self.tickets.escalate(click.ticket_id, actor, click.reason)

    async def close(self, click: Closing, actor: Actor) -> Change:
        """'Sluiten'."""
        return await self.tickets.close(click.ticket_id, actor, click.close_reason, click.duplicate_of)

    async def propose_faq(self, click: TicketClick, actor: Actor) -> Change:
        """'Maak FAQ van dit antwoord'."""
        return await self.tickets.propose_faq(click.ticket_id, actor)

    async def approve(self, incoming: Incoming, click: ProposalApproval) -> Outcome:
        """Functional management approves a proposed FAQ entry as its card shows it."""
        actor = actor_of(incoming, incoming.lang)
        return await self._proposal_outcome(
            incoming, self.tickets.decide_proposal(click.proposal_id, actor, approve=True, shown=click.version)
        )

    async def save_proposal(self, incoming: Incoming, edit: ProposalEdit) -> Outcome:
        """Functional management saves their edits to a proposed FAQ entry: the card then shows them."""
        actor = actor_of(incoming, incoming.lang)
        return await self._proposal_outcome(
            incoming,
            self.tickets.save_proposal(
                edit.proposal_id, actor, question=edit.question, alternates=edit.alternates, answer=edit.answer
            ),
        )

    async def reject(self, incoming: Incoming, click: ProposalClick) -> Outcome:
        """Functional management rejects a proposed FAQ entry."""
        actor = actor_of(incoming, incoming.lang)
        rejected = self.tickets.decide_proposal(click.proposal_id, actor, approve=False)
        return await self._proposal_outcome(incoming, rejected)

    async def _proposal_outcome(
        self, incoming: Incoming, action: Awaitable[tuple[ProposalView, str | None]]
    ) -> Outcome:
        """Run a proposal action: the proposal's card as it is now (saying why when nothing was done), or why not."""
        try:
            view, note = await action
        except TicketRefused as refused:
            return Outcome(message=t(refused.key, incoming.lang, **refused.params))
        message = t(note, incoming.lang) if note else None
        if note == "faq.note.changed":  # the card shows another text than the one clicked: it says so too
            card = cards.faq_proposal_card(proposal=view, lang=self.default_language, note="faq.note.changed")
            return Outcome(card=card, message=message)
        return Outcome(card=cards.faq_proposal_card(proposal=view, lang=self.default_language), message=message)

    async def open_tickets(self, incoming: Incoming) -> Outcome:
        """'open tickets' in a channel: what still waits there, per group the channel serves."""
        lang = incoming.lang
        groups = []
        if incoming.conversation_type == "channel" and incoming.channel_id:
            groups = await self.tickets.open_in_channel(incoming.channel_id)
        if not groups:
            return Outcome(replies=[Reply(text=t("group.reply.channel_not_linked", lang))])
        card = cards.open_tickets_card(groups=[(group.name, tickets) for group, tickets in groups], lang=lang)
        return Outcome(replies=[Reply(card=card)])

    async def link_channel(self, incoming: Incoming) -> Outcome:
        """'koppel kanaal <applicatie> [afdeling <afdeling>]' or 'koppel functioneel beheer [<applicatie>]'."""
        lang = incoming.lang
        if incoming.conversation_type != "channel" or not incoming.channel_id:
            return Outcome(replies=[Reply(text=t("group.reply.link_in_channel", lang))])
        parsed = parse_link(incoming.text)
        if parsed is None:
            return Outcome(replies=[Reply(text=t("group.reply.link_usage", lang))])
        kind, application, department = parsed
        actor = actor_of(incoming, lang)
        try:
            view = await self.directory.link_channel(
                actor,
                kind=kind,
                application=application,
                department=department,
                channel_id=incoming.channel_id,
                team_id=incoming.team_id,
                channel_name=incoming.channel_name,
                reference=incoming.reference,
            )
        except NotAllowed:
            return Outcome(replies=[Reply(text=t("group.reply.link_not_allowed", lang))])
        level = Level.SECOND if kind == GroupKind.FUNCTIONAL_MANAGEMENT else Level.FIRST
        return Outcome(replies=[Reply(card=cards.channel_linked_card(group=view, level=level, lang=lang))])

    async def who_is_my_key_user(self, incoming: Incoming, application: str | None = None) -> Outcome:
        """'Wie is mijn kerngebruiker?': key users and chair for the asker's department and the application named
        (`application` when the command recognised one, else as the text spells it)."""
        lang = incoming.lang
        groups = await self.directory.key_users_for(incoming.user.key, application or incoming.text)
        return Outcome(replies=[Reply(card=cards.key_users_card(groups=groups, lang=lang))])


def _application_of(text: str, applications: list[str]) -> str | None:
    """The application a question names, if exactly one."""
    folded = text.casefold()
    named = [a for a in applications if a.casefold() in folded]
    return named[0] if len(named) == 1 else None
