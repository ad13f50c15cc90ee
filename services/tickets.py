"""Tickets: a question handed to key users (first line) and functional management (second line).

Every change is one transaction that updates the ticket (optimistic version check), appends to its
history and enqueues the messages it causes as durable jobs (see services/ticket_delivery.py). Who may
do what in which status and level is one table (services/ticket_rules.py), decided on the ticket's
current state, so a click delivered twice changes nothing the second time, and of two key users
claiming at once exactly one wins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from cards.views import PersonView, ProposalView, TicketView
from i18n.messages.tickets import CLOSE_REASON_LABEL
from matching.text import STOPWORDS, content_words, fold, stem
from services import ticket_rules
from services.clock import REAL_CLOCK, Clock
from services.directory import (
    Actor,
    DirectoryService,
    canonical_application,
    route_in,
    touch_in,
)
from services.jobs import Jobs
from services.learning import LearningService
from services.payloads import ProposalSync, TicketNotice, TicketReminder, TicketSync, TicketThread
from services.ticket_rules import Action, NotNow, Standing, TicketRefused
from services.ticket_views import (
    HISTORY_ON_CARD,
    assignable,
    build_list_views,
    build_view,
    level_group_id,
    new_ticket_view,
    ticket_view,
)
from services.workhours import WorkingHours
from storage import (
    CONFLICTS,
    Database,
    FaqRepository,
    GroupRepository,
    PersonRepository,
    ProposalRepository,
    QuestionRepository,
    Session,
    TicketRepository,
)
from storage.models import FaqProposal, KeyUserGroup, Ticket
from vocabulary import (
    HANDLER_CLOSE_REASONS,
    CloseReason,
    EventKind,
    GroupKind,
    Level,
    NoticeKind,
    ProposalStatus,
    ReminderStage,
    Role,
    SignalKind,
    TicketStatus,
)
from vocabulary.actions import ANSWER_MAX, TEXT_MAX

MAX_TEXT = TEXT_MAX
"""Longest question, context, reason or remark: the limit of the card inputs they are typed in."""
MAX_ANSWER = ANSWER_MAX
DUPLICATE_SIMILARITY = 0.8
"""Share of shared words (Jaccard on stems) above which a new question joins an open ticket."""


@dataclass
class Change:
    """What a transition did, as callers see it: the ticket's card view now, and a note for the person who clicked."""

    _ticket: Ticket = field(repr=False)
    """The row the step changed: the service's own, to fill in the rest from (callers read `view`)."""
    changed: bool = True
    note: str | None = None
    """Catalogue key of a short message for the clicker (e.g. 'someone else has it'), or None."""
    params: dict[str, Any] = field(default_factory=dict)
    _view: TicketView | None = field(default=None, repr=False)
    members: list[PersonView] = field(default_factory=list)
    """Who the ticket can be assigned to at its current level."""
    second_card: tuple[str | None, str | None] = (None, None)
    """(thread id, card activity id) of the ticket's card in functional management's channel, once posted."""

    @property
    def view(self) -> TicketView:
        """The ticket as its card shows it, read in the transaction that changed it."""
        assert self._view is not None, "TicketService fills in the view before it returns the change"
        return self._view

    def clicked_level(self, conversation_id: str, reply_to_id: str | None) -> Level:
        """Which of the ticket's cards a click came from: functional management's (second line) or the key users'."""
        thread_id, activity_id = self.second_card
        if activity_id and reply_to_id == activity_id:
            return Level.SECOND
        return Level.SECOND if thread_id and conversation_id == thread_id else Level.FIRST


def match_key(text: str) -> str:
    """The question's content words, stemmed and sorted: what near-identical questions share."""
    return " ".join(sorted({stem(word) for word in content_words(text)}))


def ticket_number(year: int, n: int) -> str:
    """VB-2026-0042."""
    return f"VB-{year}-{n:04d}"


def _ticket_number_in(value: Any) -> str | None:
    """A ticket number as someone types it ('VB-2026-0004', 'vb 2026 4', '2026-0004'), written the standard way."""
    match = re.fullmatch(r"(?:vb[\s-]*)?(\d{4})[\s-]+(\d{1,6})", str(value or "").strip(), re.IGNORECASE)
    return ticket_number(int(match.group(1)), int(match.group(2))) if match else None


def _own_id(value: Any) -> int | None:
    """A row id from card data, or None when it is not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _entry_texts(question: Any, alternates: Any, answer: Any) -> tuple[str, list[str], str]:
    """An FAQ entry's question, other phrasings (one a line, at most 20) and answer from card input; none empty."""
    question_text, answer_text = _clean(question, MAX_TEXT), _clean(answer, MAX_ANSWER)
    if not question_text or not answer_text:
        raise TicketRefused("faq.refused.empty")
    lines = [line.strip() for line in _clean(alternates, MAX_TEXT).splitlines() if line.strip()]
    return question_text, list(dict.fromkeys(lines))[:20], answer_text


def _clean(value: Any, limit: int) -> str:
    """Card input as text, stripped; longer than `limit` is refused (never cut: that would lose words)."""
    text = str(value or "").strip() if isinstance(value, (str, int, float)) else ""
    if len(text) > limit:
        raise TicketRefused("ticket.refused.too_long", length=len(text), limit=limit)
    return text


class TicketService:
    """Creates tickets and moves them through their life, checking who may do what."""

    def __init__(
        self,
        db: Database,
        directory: DirectoryService,
        jobs: Jobs,
        *,
        clock: Clock = REAL_CLOCK,
        hours: WorkingHours | None = None,
        default_target_minutes: int | None = None,
        on_faq_changed: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.db = db
        self.directory = directory
        self.jobs = jobs
        self.clock = clock
        self.hours = hours or WorkingHours()
        self.default_target = default_target_minutes or self.hours.working_day_minutes()
        self.on_faq_changed = on_faq_changed

    # ------------------------------------------------------------------ creating
    async def create(
        self,
        asker: Actor,
        *,
        text: str | None,
        application: str,
        context: str | None = None,
        question_id: int | None = None,
        department: str | None = None,
    ) -> Change:
        """Open a ticket for the asker's question, or link the asker to an open near-identical one.

        With `question_id` the question is the asker's own logged question (its text unless `text` is given)."""
        text = _clean(text, MAX_TEXT)
        if not text and question_id is None:
            raise TicketRefused("ticket.refused.empty")
        context = _clean(context, MAX_TEXT) or None
        for _attempt in range(3):
            try:
                change = await self._open_or_link(
                    asker,
                    text=text,
                    application=application,
                    context=context,
                    question_id=question_id,
                    department=department,
                )
                self.jobs.wake()  # after the commit, so the worker finds the jobs
                return change
            except CONFLICTS:
                # the open ticket it joins changed in between, the same form was sent twice at the same moment, or
                # the asker was stored by another request first: the next try finds what won
                continue
        raise TicketRefused("ticket.refused.busy")

    async def _open_or_link(
        self,
        asker: Actor,
        *,
        text: str,
        application: str,
        context: str | None,
        question_id: int | None,
        department: str | None,
    ) -> Change:
        """One try in one transaction: the question's ticket, a link to a near-identical one, or a new ticket."""
        now = self.clock()
        async with self.db.transaction() as session:
            tickets = TicketRepository(session)
            if question_id is not None:
                question = await QuestionRepository(session).get(question_id)
                if question is None:
                    raise TicketRefused("reply.question_gone")
                if question.user_key != asker.key:
                    raise TicketRefused("reply.not_yours")
                if question.escalated_at is not None:  # handed on before: maybe the same form sent twice
                    existing = await tickets.by_question(question_id)
                    if existing is not None:
                        return await self._finish(session, Change(existing, changed=False))
                text = text or _clean(question.text, MAX_TEXT)
            if not text:
                raise TicketRefused("ticket.refused.empty")
            key = match_key(text)
            groups = await GroupRepository(session).all()
            canonical = canonical_application(groups, application)
            if canonical is None:
                raise TicketRefused("ticket.refused.unknown_application", application=application or "-")
            application = canonical
            person = await PersonRepository(session).get(asker.key)
            department = department or (person.department if person else None)
            group = route_in(groups, application, department)
            if group is None:
                raise TicketRefused("ticket.refused.no_group", application=application)
            duplicate = await self._near_identical(tickets, group.id, key)
            await touch_in(session, asker)  # the first write: reads above don't hold SQLite's write lock
            if duplicate is not None:
                return await self._finish(session, await self._link(session, duplicate, asker, question_id))
            n = await tickets.next_number(now.year)
            target = group.response_target_minutes or self.default_target
            ticket = await tickets.add(
                Ticket(
                    number=ticket_number(now.year, n),
                    question_id=question_id,
                    group_id=group.id,
                    level=Level.FIRST,
                    status=TicketStatus.OPEN,
                    application=application,
                    department=department,
                    asker_key=asker.key,
                    asker_name=asker.name,
                    language=asker.language or "nl",
                    text=text,
                    context=context,
                    match_key=key,
                    match_size=len(key.split()),
                    created_at=now,
                    updated_at=now,
                    due_at=self.hours.add(now, target),
                )
            )
            await tickets.add_words(ticket.id, set(key.split()))
            tickets.add_first_asker(ticket.id, asker.key, asker.name, question_id)
            created = await tickets.log(
                ticket.id, EventKind.CREATED, asker.key, asker.name, at=now, application=application, group=group.name
            )
            if question_id is not None:
                await QuestionRepository(session).set_escalated(question_id)
            await self._sync(session, ticket)
            self.jobs.schedule_new(
                session,
                [
                    (TicketReminder(ticket.id, stage), self.hours.add(now, minutes), f"ticket:{ticket.id}:{stage}")
                    for stage, minutes in ((ReminderStage.HALF, target // 2), (ReminderStage.OVERDUE, target))
                ],
            )
            return Change(ticket, _view=new_ticket_view(ticket, group, created))

    async def _near_identical(self, tickets: TicketRepository, group_id: int, key: str) -> Ticket | None:
        """An open ticket of the group whose question is nearly the same."""
        words = set(key.split())
        if len(words) < 2:
            return None
        n = len(words)  # Jaccard >= s needs the other's size within [s * n, n / s]
        sizes = (math.ceil(DUPLICATE_SIMILARITY * n - 1e-9), math.floor(n / DUPLICATE_SIMILARITY + 1e-9))
        best, best_score = None, DUPLICATE_SIMILARITY
        # ... and to share at least ceil(s * n) of these n words
        for ticket_id, other in await tickets.open_for_matching(group_id, sizes, words, least=sizes[0]):
            others = set(other.split())
            score = len(words & others) / len(words | others) if others else 0.0
            if score >= best_score:
                best, best_score = ticket_id, score
        return await tickets.get(best) if best is not None else None

    async def _link(self, session: Session, ticket: Ticket, asker: Actor, question_id: int | None) -> Change:
        """Add an asker to an open ticket; they get the answer too."""
        tickets = TicketRepository(session)
        added = await tickets.add_asker(ticket.id, asker.key, asker.name, question_id)
        if added:
            ticket.updated_at = self.clock()
            await tickets.log(
                ticket.id, EventKind.LINKED, asker.key, asker.name, at=self.clock(), question_id=question_id
            )
            if question_id is not None:
                await QuestionRepository(session).set_escalated(question_id)
            await self._thread(session, ticket, "ticket.thread.linked", name=asker.name or "-")
            await self._sync(session, ticket)
        return Change(ticket, changed=added, note="ticket.note.linked", params={"number": ticket.number})

    # ------------------------------------------------------------------ transitions
    async def _transition(
        self,
        ticket_id: Any,
        actor: Actor,
        action: Action,
        step: Callable[[Session, Ticket], Awaitable[Change]],
        *,
        repeat: Callable[[Ticket], bool] | None = None,
    ) -> Change:
        """Run `step` on a fresh ticket in one transaction if the rules allow `action` and it is no `repeat`."""
        if not isinstance(ticket_id, int) or isinstance(ticket_id, bool):
            raise TicketRefused("ticket.refused.unknown")
        for _attempt in range(3):
            try:
                async with self.db.transaction() as session:
                    ticket = await TicketRepository(session).get(ticket_id, fresh=True)
                    if ticket is None:
                        raise TicketRefused("ticket.refused.unknown")
                    await touch_in(session, actor)
                    not_now = ticket_rules.check(action, ticket, await self._standing(session, actor, ticket, action))
                    if repeat is not None and repeat(ticket):  # the same click delivered twice: no note needed
                        change = Change(ticket, changed=False)
                    elif not_now is not None:
                        change = _unchanged(ticket, not_now)
                    else:
                        change = await step(session, ticket)
                    change = await self._finish(session, change)
                self.jobs.wake()
                return change
            except CONFLICTS:
                continue  # someone else changed it (or stored the actor) in between: decide again on what is there now
        raise TicketRefused("ticket.refused.busy")

    async def _standing(self, session: Session, actor: Actor, ticket: Ticket, action: Action) -> frozenset[Standing]:
        """What the actor is to the ticket, as far as the rule of `action` asks (reading stops once one allows it)."""
        wanted = ticket_rules.who_may(action, ticket.level)
        found: set[Standing] = set()
        role = Role.EMPLOYEE
        if wanted & {Standing.FUNCTIONAL_MANAGER, Standing.FIRST_LINE}:
            person = await PersonRepository(session).get(actor.key)
            role = Role.of(person.role if person is not None else None)
            if role.includes(Role.FUNCTIONAL_MANAGER):
                found.add(Standing.FUNCTIONAL_MANAGER)
        groups = GroupRepository(session)
        if (
            Standing.FIRST_LINE in wanted
            and not found & wanted
            and role.includes(Role.KEY_USER)
            and await groups.is_member(ticket.group_id, actor.key)
        ):
            found.add(Standing.FIRST_LINE)
        if (
            Standing.SECOND_LINE in wanted
            and not found & wanted
            and ticket.second_group_id is not None
            and await groups.is_member(ticket.second_group_id, actor.key)
        ):
            found.add(Standing.SECOND_LINE)
        if (
            Standing.ASKER in wanted
            and not found & wanted
            and actor.key in {a.user_key for a in await TicketRepository(session).askers(ticket.id)}
        ):
            found.add(Standing.ASKER)
        return frozenset(found)

    async def _finish(self, session: Session, change: Change) -> Change:
        """Fill in the ticket's card view, assignable members and second-line card, read in the same transaction."""
        ticket = change._ticket
        change._view = await build_view(session, ticket)
        change.members = await assignable(session, level_group_id(ticket))
        change.second_card = (ticket.second_thread_id, ticket.second_card_activity_id)
        return change

    async def claim(self, ticket_id: Any, actor: Actor) -> Change:
        """'Ik pak dit op'."""

        async def step(session: Session, ticket: Ticket) -> Change:
            self._assign(ticket, actor.key, actor.name)
            await self._record(
                session,
                ticket,
                EventKind.CLAIMED,
                actor,
                "ticket.thread.claimed",
                notify=EventKind.CLAIMED,
                name=actor.name or "-",
            )
            return Change(ticket)

        return await self._transition(
            ticket_id,
            actor,
            Action.CLAIM,
            step,
            repeat=lambda ticket: ticket.status == TicketStatus.CLAIMED and ticket.assignee_key == actor.key,
        )

    async def assign(self, ticket_id: Any, actor: Actor, assignee_key: Any) -> Change:
        """'Toewijzen aan …' another member of the group."""

        async def step(session: Session, ticket: Ticket) -> Change:
            key = str(assignee_key or "")
            group_id = ticket.second_group_id if ticket.level == Level.SECOND else ticket.group_id
            rows = await GroupRepository(session).members(group_id) if group_id is not None else []
            member = next((PersonView(p.user_key, p.name or p.user_key) for _, p in rows if p.user_key == key), None)
            if member is None:
                raise TicketRefused("ticket.refused.not_a_member")
            if ticket.status == TicketStatus.CLAIMED and ticket.assignee_key == key:
                return Change(ticket, changed=False)
            self._assign(ticket, member.key, member.name)
            await self._record(
                session,
                ticket,
                EventKind.ASSIGNED,
                actor,
                "ticket.thread.assigned",
                notify=EventKind.CLAIMED,
                name=actor.name or "-",
                assignee=member.name,
                assignee_key=member.key,
            )
            await self._notify(
                session,
                ticket,
                member.key,
                "ticket.notify.assigned_to_you",
                number=ticket.number,
                name=actor.name or "-",
                unreachable=(
                    "ticket.thread.assignee_unreachable",
                    {"name": actor.name or "-", "assignee": member.name},
                ),
            )
            return Change(ticket)

        return await self._transition(ticket_id, actor, Action.ASSIGN, step)

    def _assign(self, ticket: Ticket, key: str, name: str | None) -> None:
        ticket.status, ticket.assignee_key, ticket.assignee_name = TicketStatus.CLAIMED, key, name
        ticket.first_response_at = ticket.first_response_at or self.clock()

    async def answer(self, ticket_id: Any, actor: Actor, text: Any, entry_id: str | None = None) -> Change:
        """'Beantwoorden': the answer goes to every asker's personal chat. Answered with an FAQ entry (`entry_id`,
        its answer unless `text` is given), the question is learned as a phrasing of that entry."""
        if entry_id and not text:
            async with self.db.read() as session:
                entry = await FaqRepository(session).get(entry_id)
            if entry is None:
                raise TicketRefused("faq.refused.unknown")
            text = entry.answer
        answer = _clean(text, MAX_ANSWER)
        if not answer:
            raise TicketRefused("ticket.refused.empty_answer")

        async def step(session: Session, ticket: Ticket) -> Change:
            if entry_id:
                await LearningService.signal(
                    session,
                    entry_id=entry_id,
                    text=ticket.text,
                    kind=SignalKind.TICKET_ANSWERED,
                    asker_key=ticket.asker_key,
                )
            ticket.status, ticket.answer = TicketStatus.ANSWERED, answer
            ticket.answered_by_key, ticket.answered_by_name = actor.key, actor.name
            ticket.first_response_at = ticket.first_response_at or self.clock()
            ticket.reopen_remark = None
            if ticket.assignee_key is None:
                ticket.assignee_key, ticket.assignee_name = actor.key, actor.name
            await self._record(
                session,
                ticket,
                EventKind.ANSWERED,
                actor,
                "ticket.thread.answered",
                name=actor.name or "-",
                answer=answer,
            )
            for asker in await TicketRepository(session).askers(ticket.id):
                await self._enqueue_notice(session, ticket, asker.user_key, NoticeKind.ANSWER)
            return Change(ticket)

        return await self._transition(
            ticket_id,
            actor,
            Action.ANSWER,
            step,
            repeat=lambda ticket: (
                ticket.status == TicketStatus.ANSWERED
                and ticket.answer == answer
                and ticket.answered_by_key == actor.key
            ),
        )

    async def escalate(self, ticket_id: Any, actor: Actor, reason: Any) -> Change:
        """'Doorzetten naar functioneel beheer' with a reason."""
        reason = _clean(reason, MAX_TEXT)
        if not reason:
            raise TicketRefused("ticket.refused.empty_reason")

        async def step(session: Session, ticket: Ticket) -> Change:
            group = await GroupRepository(session).get(ticket.group_id)
            if group is not None and group.kind != GroupKind.KEY_USERS:  # functional management is its first line
                return Change(ticket, changed=False, note="ticket.note.already_escalated")
            second = await self.directory.second_line(group) if group else None
            if second is None:
                raise TicketRefused("ticket.refused.no_second_line")
            ticket.status, ticket.level, ticket.second_group_id = TicketStatus.ESCALATED, Level.SECOND, second.id
            ticket.escalation_reason = reason
            ticket.assignee_key = ticket.assignee_name = None
            ticket.first_response_at = ticket.first_response_at or self.clock()
            await self._record(
                session,
                ticket,
                EventKind.ESCALATED,
                actor,
                "ticket.thread.escalated",
                notify=EventKind.ESCALATED,
                name=actor.name or "-",
                reason=reason,
                group=second.name,
            )
            return Change(ticket)

        return await self._transition(ticket_id, actor, Action.ESCALATE, step)

    async def close(self, ticket_id: Any, actor: Actor, reason: Any, duplicate_of: Any = None) -> Change:
        """'Sluiten' with a reason (beantwoord, dubbel, geen vraag, geen FAQ-vraag); 'dubbel' names the ticket it
        duplicates, whose askers this ticket's askers join: they hear which one it is and get its answer; 'geen
        FAQ-vraag' teaches the matcher the question as a real out-of-scope one."""
        if reason not in HANDLER_CLOSE_REASONS:
            raise TicketRefused("ticket.refused.close_reason")
        other_number = _ticket_number_in(duplicate_of) if reason == CloseReason.DUPLICATE else None
        if reason == CloseReason.DUPLICATE and other_number is None:
            raise TicketRefused("ticket.refused.duplicate_number")

        async def step(session: Session, ticket: Ticket) -> Change:
            other = await self._duplicated(session, ticket, other_number) if other_number else None
            if reason == CloseReason.NOT_FAQ:  # a real out-of-scope question for the matcher's calibration
                await LearningService.not_faq(
                    session, text=ticket.text, asker_key=ticket.asker_key, decided_by=actor.key
                )
            ticket.status, ticket.close_reason, ticket.closed_at = TicketStatus.CLOSED, reason, self.clock()
            ticket.first_response_at = ticket.first_response_at or self.clock()
            if other is None:
                await self._record(
                    session,
                    ticket,
                    EventKind.CLOSED,
                    actor,
                    "ticket.thread.closed",
                    notify=EventKind.CLOSED,
                    name=actor.name or "-",
                    reason=reason,
                    reason_label=CLOSE_REASON_LABEL[reason],
                )
                return Change(ticket)
            ticket.duplicate_of = other.number
            await self._record(
                session,
                ticket,
                EventKind.CLOSED,
                actor,
                "ticket.thread.closed_duplicate",
                notify=EventKind.CLOSED,
                name=actor.name or "-",
                reason=reason,
                duplicate_of=other.number,
            )
            await self._join(session, ticket, other, actor)
            return Change(ticket)

        return await self._transition(ticket_id, actor, Action.CLOSE, step)

    async def _duplicated(self, session: Session, ticket: Ticket, number: str) -> Ticket:
        """The ticket a ticket closed as 'dubbel' duplicates: another one that has, or may still get, an answer."""
        other = await TicketRepository(session).by_number(number)
        if other is None:
            raise TicketRefused("ticket.refused.duplicate_unknown", number=number)
        if other.id == ticket.id:
            raise TicketRefused("ticket.refused.duplicate_self", number=number)
        if other.status == TicketStatus.CLOSED and not other.answer:
            raise TicketRefused("ticket.refused.duplicate_closed", number=number)
        return other

    async def _join(self, session: Session, ticket: Ticket, other: Ticket, actor: Actor) -> None:
        """Link a duplicate's askers to the ticket it duplicates (its answer reaches them); an answer it already has
        goes to them now, after the notice that says why."""
        tickets = TicketRepository(session)
        joined = [
            asker
            for asker in await tickets.askers(ticket.id)
            if await tickets.add_asker(other.id, asker.user_key, asker.name, asker.question_id)
        ]
        if not joined:
            return
        other.updated_at = self.clock()  # bumps its version: a concurrent change to it makes this try again
        for asker in joined:
            await tickets.log(
                other.id, EventKind.LINKED, asker.user_key, asker.name, at=self.clock(), duplicate=ticket.number
            )
            if other.answer:  # on the duplicate's serial key, so it follows the notice about the duplicate
                await self.jobs.enqueue(
                    session, TicketNotice(other.id, asker.user_key, NoticeKind.ANSWER), serial_key=f"ticket:{ticket.id}"
                )
        await self._thread(
            session, other, "ticket.thread.duplicate_joined", name=actor.name or "-", number=ticket.number
        )
        await self._sync(session, other)

    async def resolve(self, ticket_id: Any, asker: Actor, solved: Any, remark: Any = None) -> Change:
        """The asker's 'Opgelost?' Ja (closes) or Nee with a remark (reopens)."""
        if not isinstance(solved, bool):
            raise TicketRefused("ticket.refused.unknown")
        remark_text = _clean(remark, MAX_TEXT)
        if not solved and not remark_text:
            raise TicketRefused("ticket.refused.empty_remark")

        async def step(session: Session, ticket: Ticket) -> Change:
            if solved:
                ticket.status, ticket.close_reason, ticket.closed_at = (
                    TicketStatus.CLOSED,
                    CloseReason.RESOLVED,
                    self.clock(),
                )
                await self._record(
                    session, ticket, EventKind.RESOLVED, asker, "ticket.thread.resolved", name=asker.name or "-"
                )
            else:
                ticket.status = (
                    TicketStatus.CLAIMED
                    if ticket.assignee_key
                    else TicketStatus.ESCALATED
                    if ticket.level == Level.SECOND
                    else TicketStatus.OPEN
                )
                ticket.reopen_remark = remark_text
                await self._record(
                    session,
                    ticket,
                    EventKind.REOPENED,
                    asker,
                    "ticket.thread.reopened",
                    name=asker.name or "-",
                    remark=remark_text,
                )
                if ticket.assignee_key:
                    await self._notify(
                        session,
                        ticket,
                        ticket.assignee_key,
                        "ticket.notify.reopened_to_you",
                        number=ticket.number,
                        name=asker.name or "-",
                        remark=remark_text,
                    )
            return Change(ticket)

        return await self._transition(ticket_id, asker, Action.RESOLVE, step)

    # ------------------------------------------------------------------ FAQ proposals
    async def propose_faq(self, ticket_id: Any, actor: Actor) -> Change:
        """'Maak FAQ van dit antwoord': a proposal card for functional management."""

        async def step(session: Session, ticket: Ticket) -> Change:
            if not ticket.answer:
                return Change(ticket, changed=False, note="ticket.note.no_answer_yet")
            if ticket.faq_proposed:
                return Change(ticket, changed=False, note="ticket.note.already_proposed")
            group = await GroupRepository(session).get(ticket.group_id)
            if ticket.second_group_id:
                second = await GroupRepository(session).get(ticket.second_group_id)
            elif group is not None and group.kind != GroupKind.KEY_USERS:  # functional management was the first line
                second = group
            else:
                second = await self.directory.second_line(group) if group is not None else None
            if second is None:
                raise TicketRefused("ticket.refused.no_second_line")
            entry = await self._answered_entry(session, ticket)
            question, alternates = ticket.text, []
            if entry is not None:  # the FAQ gave an answer that did not help: improve that entry
                question = entry.question
                alternates = list(dict.fromkeys([*(entry.alternates or []), ticket.text]))
            proposal = await ProposalRepository(session).add(
                FaqProposal(
                    ticket_id=ticket.id,
                    group_id=second.id,
                    application=entry.application if entry else ticket.application,
                    entry_id=entry.id if entry else None,
                    question=question,
                    alternates=alternates,
                    answer=ticket.answer,
                    status=ProposalStatus.PENDING,
                    proposed_by_key=actor.key,
                    proposed_by_name=actor.name,
                    created_at=self.clock(),
                )
            )
            ticket.faq_proposed = True
            await self._record(
                session,
                ticket,
                EventKind.FAQ_PROPOSED,
                actor,
                "ticket.thread.faq_proposed",
                name=actor.name or "-",
                group=second.name,
            )
            await self.jobs.enqueue(session, ProposalSync(proposal.id), serial_key=f"proposal:{proposal.id}")
            return Change(ticket)

        return await self._transition(ticket_id, actor, Action.PROPOSE_FAQ, step)

    @staticmethod
    async def _answered_entry(session: Session, ticket: Ticket):
        """The FAQ entry the bot answered the ticket's question with (or the asker chose), if it still exists."""
        if ticket.question_id is None:
            return None
        question = await QuestionRepository(session).get(ticket.question_id)
        if question is None or not question.entry_id:
            return None
        return await FaqRepository(session).get(question.entry_id)

    async def save_proposal(
        self, proposal_id: Any, actor: Actor, *, question: Any, alternates: Any, answer: Any
    ) -> tuple[ProposalView, str | None]:
        """Functional management's edits to a pending proposal, stored: its card then shows them, and approving it
        saves exactly what the card shows. (A card only holds typed text until its host draws it again.)"""
        proposal_id = _own_id(proposal_id)
        await self._may_decide(actor)
        question_text, extra, answer_text = _entry_texts(question, alternates, answer)
        for _attempt in range(3):
            try:
                async with self.db.transaction() as session:
                    proposal = await self._pending(session, proposal_id)
                    if proposal.status != ProposalStatus.PENDING:
                        return await self.proposal_view(proposal), "faq.note.already_decided"
                    if (proposal.question, list(proposal.alternates or []), proposal.answer) != (
                        question_text,
                        extra,
                        answer_text,
                    ):
                        proposal.question, proposal.alternates, proposal.answer = question_text, extra, answer_text
                        await self.jobs.enqueue(
                            session, ProposalSync(proposal.id), serial_key=f"proposal:{proposal.id}"
                        )
                self.jobs.wake()
                return await self.proposal_view(proposal), None
            except CONFLICTS:  # saved or decided by someone else at the same moment: look again
                continue
        raise TicketRefused("ticket.refused.busy")

    async def decide_proposal(
        self, proposal_id: Any, actor: Actor, *, approve: bool, shown: int | None = None
    ) -> tuple[ProposalView, str | None]:
        """Functional management approves a proposal as its card shows it (version `shown`: the FAQ and index change
        at once) or rejects it."""
        proposal_id = _own_id(proposal_id)
        await self._may_decide(actor)
        try:
            proposal, note = await self._decide(proposal_id, actor, approve, shown)
        except CONFLICTS:  # another functional manager decided (or edited it) at the same moment
            proposal = await self.proposal(proposal_id) if proposal_id is not None else None
            if proposal is None:
                raise TicketRefused("faq.refused.unknown") from None
            note = "faq.note.changed" if proposal.status == ProposalStatus.PENDING else "faq.note.already_decided"
        return await self.proposal_view(proposal), note

    async def _may_decide(self, actor: Actor) -> None:
        if not (await self.directory.role(actor.key)).includes(Role.FUNCTIONAL_MANAGER):
            raise TicketRefused("ticket.refused.not_allowed")

    @staticmethod
    async def _pending(session: Session, proposal_id: int | None) -> FaqProposal:
        """The proposal, fresh; refused when it does not exist."""
        proposal = await ProposalRepository(session).get(proposal_id) if proposal_id is not None else None
        if proposal is None:
            raise TicketRefused("faq.refused.unknown")
        return proposal

    async def _decide(
        self, proposal_id: int | None, actor: Actor, approve: bool, shown: int | None
    ) -> tuple[FaqProposal, str | None]:
        """One decision in one transaction (a conflict when someone else decided in between)."""
        async with self.db.transaction() as session:
            proposal = await self._pending(session, proposal_id)
            if proposal.status != ProposalStatus.PENDING:
                return proposal, "faq.note.already_decided"
            if approve and shown != proposal.version:  # the card shows an older text: show this one first
                return proposal, "faq.note.changed"
            proposal.decided_by_key, proposal.decided_by_name = actor.key, actor.name
            proposal.decided_at = self.clock()
            tickets = TicketRepository(session)
            if approve:
                faq = FaqRepository(session)
                existing = await faq.get(proposal.entry_id) if proposal.entry_id else None
                application, question = proposal.application, proposal.question
                entry_id = existing.id if existing else await _free_entry_id(faq, application, question)
                await faq.upsert_many(
                    [
                        {
                            "id": entry_id,
                            "application": application,
                            "question": question,
                            "alternates": list(proposal.alternates or []),
                            "answer": proposal.answer,
                            "tags": list(existing.tags or []) if existing else [],
                        }
                    ]
                )
                proposal.entry_id, proposal.status = entry_id, ProposalStatus.APPROVED
                ticket = await tickets.get(proposal.ticket_id)
                if ticket is not None:  # the ticket's question is a phrasing of the entry it became
                    await LearningService.signal(
                        session,
                        entry_id=entry_id,
                        text=ticket.text,
                        kind=SignalKind.TICKET_FAQ,
                        asker_key=ticket.asker_key,
                    )
                await tickets.log(
                    proposal.ticket_id,
                    EventKind.FAQ_APPROVED,
                    actor.key,
                    actor.name,
                    at=self.clock(),
                    entry_id=entry_id,
                )
            else:
                proposal.status = ProposalStatus.REJECTED
                await tickets.log(proposal.ticket_id, EventKind.FAQ_REJECTED, actor.key, actor.name, at=self.clock())
            await self.jobs.enqueue(session, ProposalSync(proposal.id), serial_key=f"proposal:{proposal.id}")
        self.jobs.wake()
        if approve and self.on_faq_changed is not None:
            await self.on_faq_changed()
        return proposal, None

    async def proposal_view(self, proposal: FaqProposal) -> ProposalView:
        """A proposal as its card shows it, with the question of the FAQ entry it updates."""
        async with self.db.read() as session:
            ticket = await TicketRepository(session).get(proposal.ticket_id)
            entry = await FaqRepository(session).get(proposal.entry_id) if proposal.entry_id else None
        decided = (
            PersonView(proposal.decided_by_key, proposal.decided_by_name or "-") if proposal.decided_by_key else None
        )
        return ProposalView(
            id=proposal.id,
            ticket_number=ticket.number if ticket else "-",
            status=proposal.status,
            application=proposal.application,
            question=proposal.question,
            answer=proposal.answer,
            proposed_by=PersonView(proposal.proposed_by_key, proposal.proposed_by_name or "-"),
            entry_id=proposal.entry_id,
            decided_by=decided,
            alternates=tuple(proposal.alternates or ()),
            version=proposal.version,
            entry_question=entry.question if entry else None,
        )

    async def proposal(self, proposal_id: int) -> FaqProposal | None:
        """One proposal or None."""
        async with self.db.read() as session:
            return await ProposalRepository(session).get(proposal_id)

    # ------------------------------------------------------------------ side effects (jobs)
    async def _record(
        self,
        session: Session,
        ticket: Ticket,
        kind: EventKind,
        actor: Actor,
        thread_key: str,
        *,
        notify: EventKind | None = None,
        **params: Any,
    ) -> None:
        """History, a reply in the ticket's thread(s), card updates and the askers' status notices."""
        ticket.updated_at = self.clock()  # with the state change, so one flush bumps the version once
        data = {k: v for k, v in params.items() if k not in ("name", "reason_label")}
        await TicketRepository(session).log(ticket.id, kind, actor.key, actor.name, at=self.clock(), **data)
        await self._sync(session, ticket)  # first, so a new thread (escalation) exists for the reply below
        await self._thread(session, ticket, thread_key, **{k: v for k, v in params.items() if k != "assignee_key"})
        if notify:
            for asker in await TicketRepository(session).askers(ticket.id):
                await self._enqueue_notice(session, ticket, asker.user_key, NoticeKind.STATUS, status_event=notify)

    async def _sync(self, session: Session, ticket: Ticket) -> None:
        """Post or refresh the ticket's cards in its channel(s)."""
        await self.jobs.enqueue(session, TicketSync(ticket.id), serial_key=f"ticket:{ticket.id}")

    async def _thread(self, session: Session, ticket: Ticket, key: str, **params: Any) -> None:
        """A reply in the ticket's channel thread (both lines once escalated)."""
        await self.jobs.enqueue(session, TicketThread(ticket.id, key, params), serial_key=f"ticket:{ticket.id}")

    async def _enqueue_notice(
        self,
        session: Session,
        ticket: Ticket,
        user_key: str,
        kind: NoticeKind,
        *,
        status_event: EventKind | None = None,
    ) -> None:
        """A status or answer card in someone's personal chat."""
        await self.jobs.enqueue(
            session,
            TicketNotice(ticket.id, user_key, kind, status_event=status_event),
            serial_key=f"ticket:{ticket.id}",
        )

    async def _notify(
        self,
        session: Session,
        ticket: Ticket,
        user_key: str,
        key: str,
        *,
        unreachable: tuple[str, dict[str, Any]] | None = None,
        **params: Any,
    ) -> None:
        """A text message to someone's personal chat; `unreachable` (key, params): what the thread says if it fails."""
        fallback = {"key": unreachable[0], "params": unreachable[1]} if unreachable is not None else None
        notice = TicketNotice(ticket.id, user_key, NoticeKind.TEXT, key=key, params=params, unreachable=fallback)
        await self.jobs.enqueue(session, notice, serial_key=f"ticket:{ticket.id}")

    # ------------------------------------------------------------------ reading
    async def get(self, ticket_id: int) -> Ticket | None:
        """One ticket or None."""
        async with self.db.read() as session:
            return await TicketRepository(session).get(ticket_id)

    async def view(self, ticket_id: int) -> TicketView | None:
        """A ticket with its group, askers and recent history, as the cards show it; None when there is none."""
        async with self.db.read() as session:
            ticket = await TicketRepository(session).get(ticket_id)
            return await build_view(session, ticket) if ticket is not None else None

    async def mine(self, user_key: str, limit: int = 20) -> list[TicketView]:
        """'Mijn vragen': tickets someone asked or is linked to, as list cards show them."""
        async with self.db.read() as session:
            return await build_list_views(session, await TicketRepository(session).for_asker(user_key, limit))

    async def open_in_group(self, group_id: int, limit: int = 50) -> list[TicketView]:
        """A group's open tickets, as list cards show them."""
        async with self.db.read() as session:
            return await build_list_views(session, await TicketRepository(session).open_in_group(group_id, limit))

    async def open_in_channel(self, channel_id: str, limit: int = 50) -> list[tuple[KeyUserGroup, list[TicketView]]]:
        """Every group a channel serves, by name, with its waiting tickets: those whose card is in that channel."""
        async with self.db.read() as session:
            groups = await GroupRepository(session).all()
            found = []
            repository = TicketRepository(session)
            for group in (g for g in groups if channel_id and g.channel_id == channel_id):
                views = []
                for ticket in await repository.open_in_group(group.id, limit):
                    # whether a claimed one was picked up or assigned is read from its history, as on its card
                    claimed = ticket.status == TicketStatus.CLAIMED
                    events = await repository.events(ticket.id, HISTORY_ON_CARD) if claimed else []
                    views.append(ticket_view(ticket, group, askers=1, events=events))
                found.append((group, views))
        return found

    async def remind(self, ticket_id: int, stage: ReminderStage) -> str | None:
        """Timer: half the target passed (reminder in the thread) or all of it (the chair is told).

        Returns what was done ('reminded', 'overdue') or None when the ticket no longer needs it.
        """
        async with self.db.transaction() as session:
            tickets = TicketRepository(session)
            ticket = await tickets.get(ticket_id, fresh=True)
            if ticket is None or ticket.status != TicketStatus.OPEN or ticket.first_response_at is not None:
                return None
            due = ticket.due_at.strftime("%Y-%m-%d %H:%M") if ticket.due_at else "-"
            if stage == ReminderStage.HALF:
                await tickets.log(ticket.id, EventKind.REMINDER, None, None, at=self.clock())
                await self._thread(session, ticket, "ticket.thread.reminder", number=ticket.number)
                return "reminded"
            await tickets.log(ticket.id, EventKind.OVERDUE, None, None, at=self.clock())
            await self._thread(session, ticket, "ticket.thread.overdue", number=ticket.number)
            group = await GroupRepository(session).get(ticket.group_id)
            rows = await GroupRepository(session).members(group.id) if group else []
            chair = next((PersonView(p.user_key, p.name or p.user_key) for m, p in rows if m.is_chair), None)
            if chair is not None and group is not None:
                await self._notify(
                    session,
                    ticket,
                    chair.key,
                    "ticket.notify.overdue_chair",
                    number=ticket.number,
                    group=group.name,
                    question=ticket.text[:200],
                    due=due,
                )
            await self._sync(session, ticket)
        self.jobs.wake()
        return "overdue"


def _unchanged(ticket: Ticket, not_now: NotNow) -> Change:
    """A click that does not fit the ticket's state any more: nothing changes, the clicker hears why."""
    return Change(ticket, changed=False, note=not_now.key, params=dict(not_now.params))


async def _free_entry_id(faq: FaqRepository, application: str, question: str) -> str:
    """A new FAQ id from the application and the question's first words (without the application's own words, which
    the id already starts with), each once, unique in the KB."""
    named = {stem(word) for word in content_words(application)}
    words = [
        word
        for word in dict.fromkeys(re.findall(r"[a-z0-9]+", fold(question)))
        if len(word) > 1 and word not in STOPWORDS and stem(word) not in named
    ][:5]
    slug = re.sub(r"[^a-z0-9]+", "-", fold(" ".join([application, *words]))).strip("-")[:80]
    slug = slug or "faq"
    candidate, n = slug, 1
    while await faq.get(candidate) is not None:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


__all__ = ["Change", "TicketRefused", "TicketService", "match_key"]
