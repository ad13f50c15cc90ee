"""Ticket cards: the asker's form and notices, the key users' and functional management's card, FAQ proposals."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from cards.common import action_set, adaptive_card, execute, heading, quote, teams_markdown, text
from cards.views import EventView, PersonView, ProposalView, TicketView
from i18n import t
from i18n.messages.common import MONTH, WEEKDAY
from i18n.messages.tickets import CLOSE_REASON_LABEL, EVENT_LABEL, PROPOSAL_DECIDED, PROPOSAL_DECIDED_BY, STATUS_LABEL
from vocabulary import (
    HANDLER_CLOSE_REASONS,
    OPEN_STATUSES,
    CloseReason,
    Level,
    ProposalStatus,
    TicketStatus,
)
from vocabulary.actions import (
    ANSWER,
    ANSWER_MAX,
    APPROVE_FAQ,
    ASSIGN,
    CLAIM,
    CLOSE,
    CREATE_TICKET,
    ESCALATE,
    PROPOSE_FAQ,
    REJECT_FAQ,
    RESOLVE,
    SAVE_FAQ,
    TEXT_MAX,
    Assignment,
    Closing,
    Escalation,
    Input,
    ProposalApproval,
    ProposalClick,
    ProposalEdit,
    Resolution,
    TicketAnswer,
    TicketClick,
    TicketForm,
)

TIMEZONE = ZoneInfo("Europe/Amsterdam")
"""Times with a timezone are shown in the municipality's local time."""
HISTORY_SIZE = 5
LIST_MAX = 20
"""Most tickets one list card shows; the rest is counted."""
SHORT = 140
"""Length of a question in a list."""
ANSWER_STATES = ("solved", "reopened")
STATUS_COLOURS: dict[str, str] = {
    TicketStatus.OPEN: "Attention",
    TicketStatus.CLAIMED: "Accent",
    TicketStatus.ESCALATED: "Accent",
    TicketStatus.ANSWERED: "Good",
    TicketStatus.CLOSED: "Default",
}
"""No 'Warning': Teams draws it in a light yellow that is hard to read on white."""

_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")


def plain(value: str) -> str:
    """User text made safe for a markdown TextBlock: a markdown link shows its target instead of hiding it."""
    return _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1).strip() else m.group(2), value)


def short(value: str, limit: int = 500) -> str:
    """User text on one line, cut at `limit` and made safe (see `plain`)."""
    return quote(plain(value), limit)


def paragraphs(value: str, limit: int = TEXT_MAX) -> str:
    """User text with its line breaks kept as paragraphs, cut at `limit` and made safe."""
    lines = [" ".join(line.split()) for line in plain(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    joined = "\n\n".join(line for line in lines if line)
    return joined if len(joined) <= limit else joined[: limit - 1].rstrip() + "…"


def name_of(person: PersonView | None) -> str:
    """A person's name as a card shows it."""
    return short(person.name, 80) if person and person.name.strip() else "?"


def format_when(value: datetime, lang: str) -> str:
    """A moment the way a colleague writes it: 'di 1 dec 10:00' (nl) or 'Tue 1 Dec 10:00' (en)."""
    local = value.astimezone(TIMEZONE) if value.tzinfo else value
    return t(
        "date.datetime",
        lang,
        weekday=t(WEEKDAY[local.weekday()], lang),
        day=local.day,
        month=t(MONTH[local.month], lang),
        time=f"{local.hour:02d}:{local.minute:02d}",
    )


def format_age(since: datetime, now: datetime, lang: str) -> str:
    """How long ago `since` was: minutes, hours or days (a naive time next to an aware one counts as UTC)."""
    if (since.tzinfo is None) != (now.tzinfo is None):
        since, now = (value if value.tzinfo else value.replace(tzinfo=timezone.utc) for value in (since, now))
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return t("date.age.minutes", lang, count=minutes)
    if minutes < 24 * 60:
        return t("date.age.hours", lang, count=minutes // 60)
    days = minutes // (24 * 60)
    return t("date.age.one_day", lang) if days == 1 else t("date.age.days", lang, count=days)


def status_text(ticket: TicketView, lang: str) -> str:
    """One line saying where the ticket stands and who has it."""
    if ticket.status == TicketStatus.CLAIMED:
        if not ticket.assignee:
            return t("ticket.card.status.claimed_nobody", lang)
        key = "ticket.card.status.claimed" if ticket.claimed_by_assignee else "ticket.card.status.assigned"
        return t(key, lang, name=name_of(ticket.assignee))
    if ticket.status == TicketStatus.ANSWERED:
        who = ticket.answered_by or ticket.assignee
        return (
            t("ticket.card.status.answered", lang, name=name_of(who))
            if who
            else t("ticket.card.status.answered_nobody", lang)
        )
    if ticket.status == TicketStatus.CLOSED:
        if ticket.close_reason is not None and ticket.close_reason in CLOSE_REASON_LABEL:
            reason = close_reason_label(ticket.close_reason, ticket.duplicate_of, lang)
            return t("ticket.card.status.closed", lang, reason=reason)
    return t(STATUS_LABEL[ticket.status], lang)


def close_reason_label(reason: str, duplicate_of: str | None, lang: str) -> str:
    """Why a ticket was closed, in words; a duplicate names the ticket it duplicates."""
    if reason == CloseReason.DUPLICATE and duplicate_of:
        return t("ticket.card.close_reason.duplicate_of", lang, number=duplicate_of)
    return t(CLOSE_REASON_LABEL[reason], lang)


def status_line(ticket: TicketView, lang: str, **props: Any) -> dict[str, Any]:
    """The status as a coloured, bold TextBlock."""
    return text(status_text(ticket, lang), weight="Bolder", color=STATUS_COLOURS[ticket.status], **props)


def _check(ticket: TicketView) -> None:
    """Refuse a ticket in a state no card knows."""
    if ticket.status not in tuple(TicketStatus):
        raise ValueError(f"ticket status must be one of {tuple(map(str, TicketStatus))}, got {ticket.status!r}")


def _quoted(value: str, **props: Any) -> dict[str, Any]:
    """User text in a subtle emphasis block."""
    return {"type": "Container", "style": "emphasis", "items": [text(value)], **props}


def _label(value: str) -> dict[str, Any]:
    """A small bold caption above a block."""
    return text(value, weight="Bolder", size="Small", spacing="Medium")


def _input_text(field: Input, label: str, *, error: str | None = None, **props: Any) -> dict[str, Any]:
    """An Input.Text for a card action's input `field`, with a label; required when it has an `error` message."""
    element: dict[str, Any] = {"type": "Input.Text", "id": field.id, "label": label, **props}
    if field.limit is not None:
        element["maxLength"] = field.limit
    if error:
        element |= {"isRequired": True, "errorMessage": error}
    return element


def _choices(field: Input, label: str, error: str, choices: Iterable[tuple[str, str]], **props: Any) -> dict[str, Any]:
    """A required Input.ChoiceSet of (value, title) pairs for a card action's input `field`."""
    return {
        "type": "Input.ChoiceSet",
        "id": field.id,
        "label": label,
        "isRequired": True,
        "errorMessage": error,
        "choices": [{"title": title, "value": value} for value, title in choices],
        **props,
    }


def _show_card(title: str, inputs: list[dict[str, Any]], submit: dict[str, Any]) -> dict[str, Any]:
    """An Action.ShowCard revealing `inputs` with their own submit button."""
    return {
        "type": "Action.ShowCard",
        "title": title,
        "card": {"type": "AdaptiveCard", "body": inputs, "actions": [submit]},
    }


def ticket_form_card(
    *,
    question_id: int,
    question: str,
    applications: list[str],
    application: str | None,
    lang: str,
    other: str | None = None,
) -> dict[str, Any]:
    """The asker's form: the question, the application and optional details, sent as `ticket.create`;
    `other` is the value sent for the last choice, 'Anders / weet ik niet' (None: no such choice)."""
    choices = [(name, name) for name in applications]
    if other is not None:
        choices.append((other, t("ticket.card.form.application_other", lang)))
    if not choices:
        raise ValueError("ticket_form_card needs at least one application or the 'other' choice")
    chooser = _choices(
        CREATE_TICKET.input("application"),
        t("ticket.card.form.application", lang),
        t("ticket.card.form.application_error", lang),
        choices,
        style="compact",
        placeholder=t("ticket.card.form.application_placeholder", lang),
    )
    if application in applications:
        chooser["value"] = application
    body = [
        heading(t("ticket.card.form.title", lang)),
        text(t("ticket.card.form.intro", lang)),
        _input_text(
            CREATE_TICKET.input("question"),
            t("ticket.card.form.question", lang),
            error=t("ticket.card.form.question_error", lang),
            value=question[:TEXT_MAX],
            isMultiline=True,
        ),
        chooser,
        _input_text(
            CREATE_TICKET.input("context"),
            t("ticket.card.form.context", lang),
            placeholder=t("ticket.card.form.context_placeholder", lang),
            isMultiline=True,
        ),
    ]
    submit = execute(
        CREATE_TICKET, t("ticket.card.form.submit", lang), TicketForm(question_id=question_id), style="positive"
    )
    return adaptive_card(body, [submit])


def ticket_created_card(*, ticket: TicketView, lang: str) -> dict[str, Any]:
    """Confirmation to the asker: the number, the group, and when to expect a first response."""
    _check(ticket)
    body = [
        heading(t("ticket.card.created.title", lang)),
        text(t("ticket.card.created.text", lang, number=ticket.number, group=short(ticket.group_name, 120))),
        _quoted(short(ticket.text)),
        text(t("ticket.card.created.notify", lang)),
    ]
    if ticket.due_at is not None:
        body.append(text(t("ticket.card.created.due", lang, when=format_when(ticket.due_at, lang)), isSubtle=True))
    return adaptive_card(body)


def _facts(ticket: TicketView, lang: str) -> dict[str, Any]:
    """Application, asker, times and linked askers as a FactSet."""
    application = short(ticket.application, 120)
    if ticket.department:
        department = short(ticket.department, 120)
        application = t("ticket.card.fact.application_department", lang, application=application, department=department)
    facts = [
        (t("ticket.card.fact.application", lang), application),
        (t("ticket.card.fact.asker", lang), name_of(ticket.asker)),
        (t("ticket.card.fact.created", lang), format_when(ticket.created_at, lang)),
    ]
    if ticket.due_at is not None and ticket.status in OPEN_STATUSES:
        facts.append((t("ticket.card.fact.due", lang), format_when(ticket.due_at, lang)))
    if ticket.linked_askers > 0:
        count = ticket.linked_askers
        linked = t("ticket.card.linked.one", lang) if count == 1 else t("ticket.card.linked.many", lang, count=count)
        facts.append((t("ticket.card.fact.linked", lang), linked))
    return {
        "type": "FactSet",
        "facts": [{"title": title, "value": value} for title, value in facts],
        "spacing": "Small",
    }


def _event_line(event: EventView, lang: str) -> str:
    """One history line: when, who, what."""
    what = t(EVENT_LABEL.get(event.kind, "ticket.card.event.other"), lang)
    if event.close_reason is not None and event.close_reason in CLOSE_REASON_LABEL:
        reason = close_reason_label(event.close_reason, event.detail, lang)
        what = t("ticket.card.history_detail", lang, what=what, detail=reason)
    elif event.detail and event.detail.strip():
        what = t("ticket.card.history_detail", lang, what=what, detail=short(event.detail, 120))
    return t(
        "ticket.card.history_line", lang, when=format_when(event.at, lang), actor=short(event.actor, 80), what=what
    )


def _history(ticket: TicketView, lang: str) -> list[dict[str, Any]]:
    """The last few events as small subtle lines."""
    events = ticket.events[-HISTORY_SIZE:]
    if not events:
        return []
    lines = [text(_event_line(event, lang), size="Small", isSubtle=True, spacing="None") for event in events]
    return [
        {
            "type": "Container",
            "separator": True,
            "spacing": "Medium",
            "items": [text(t("ticket.card.history", lang), size="Small", weight="Bolder", isSubtle=True), *lines],
        }
    ]


def _ticket_body(ticket: TicketView, lang: str) -> list[dict[str, Any]]:
    """Everything a key user needs to know about the ticket, without buttons."""
    body = [
        heading(t("ticket.card.title", lang, number=ticket.number)),
        status_line(ticket, lang, spacing="None"),
        _facts(ticket, lang),
    ]
    body += [_label(t("ticket.card.question", lang)), _quoted(paragraphs(ticket.text), spacing="Small")]
    if ticket.context and ticket.context.strip():
        body += [_label(t("ticket.card.context", lang)), _quoted(paragraphs(ticket.context), spacing="Small")]
    if ticket.escalation_reason and ticket.escalation_reason.strip():
        body += [
            _label(t("ticket.card.escalation_reason", lang)),
            _quoted(paragraphs(ticket.escalation_reason), spacing="Small"),
        ]
    if ticket.reopen_remark and ticket.reopen_remark.strip() and ticket.status in OPEN_STATUSES:
        body += [
            _label(t("ticket.card.reopen_remark", lang)),
            _quoted(paragraphs(ticket.reopen_remark), spacing="Small"),
        ]
    if ticket.answer and ticket.answer.strip():
        who = ticket.answered_by
        title = t("ticket.card.answer_by", lang, name=name_of(who)) if who else t("ticket.card.answer_plain", lang)
        body += [_label(title), _quoted(teams_markdown(plain(ticket.answer[:ANSWER_MAX])), spacing="Small")]
    if ticket.faq_proposed:
        body.append(text(t("ticket.card.faq_proposed", lang), isSubtle=True, size="Small"))
    return body + _history(ticket, lang)


def _claim(ticket: TicketView, lang: str) -> dict[str, Any]:
    click = TicketClick(ticket_id=ticket.id, version=ticket.version)
    return execute(CLAIM, t("ticket.card.action.claim", lang), click, style="positive")


def _assign(ticket: TicketView, key_users: Iterable[PersonView], lang: str) -> dict[str, Any] | None:
    """Hand the ticket to a colleague; None when there is nobody else to hand it to."""
    current = ticket.assignee.key if ticket.assignee else None
    people = [(p.key, name_of(p)) for p in key_users if p.key != current]
    if not people:
        return None
    chooser = _choices(
        ASSIGN.input("assignee"),
        t("ticket.card.input.assignee", lang),
        t("ticket.card.input.assignee_error", lang),
        people,
        style="compact",
    )
    click = Assignment(ticket_id=ticket.id, version=ticket.version)
    submit = execute(ASSIGN, t("ticket.card.input.assign_submit", lang), click)
    return _show_card(t("ticket.card.action.assign", lang), [chooser], submit)


def _answer(ticket: TicketView, lang: str) -> dict[str, Any]:
    field = _input_text(
        ANSWER.input("answer"),
        t("ticket.card.input.answer", lang),
        error=t("ticket.card.input.answer_error", lang),
        isMultiline=True,
    )
    click = TicketAnswer(ticket_id=ticket.id, version=ticket.version)
    submit = execute(ANSWER, t("ticket.card.input.answer_submit", lang), click, style="positive")
    return _show_card(t("ticket.card.action.answer", lang), [field], submit)


def _escalate(ticket: TicketView, lang: str) -> dict[str, Any]:
    field = _input_text(
        ESCALATE.input("reason"),
        t("ticket.card.input.reason", lang),
        error=t("ticket.card.input.reason_error", lang),
        isMultiline=True,
    )
    click = Escalation(ticket_id=ticket.id, version=ticket.version)
    submit = execute(ESCALATE, t("ticket.card.input.escalate_submit", lang), click)
    return _show_card(t("ticket.card.action.escalate", lang), [field], submit)


def _close(ticket: TicketView, lang: str) -> dict[str, Any]:
    reasons = [(reason, t(CLOSE_REASON_LABEL[reason], lang)) for reason in HANDLER_CLOSE_REASONS]
    chooser = _choices(
        CLOSE.input("close_reason"),
        t("ticket.card.input.close_reason", lang),
        t("ticket.card.input.close_reason_error", lang),
        reasons,
        style="expanded",
    )
    if ticket.answer:
        chooser["value"] = CloseReason.ANSWERED
    duplicate_of = _input_text(
        CLOSE.input("duplicate_of"),
        t("ticket.card.input.duplicate_of", lang),
        placeholder=t("ticket.card.input.duplicate_of_placeholder", lang),
    )
    click = Closing(ticket_id=ticket.id, version=ticket.version)
    submit = execute(CLOSE, t("ticket.card.input.close_submit", lang), click)
    return _show_card(t("ticket.card.action.close", lang), [chooser, duplicate_of], submit)


def _propose_faq(ticket: TicketView, lang: str) -> dict[str, Any]:
    click = TicketClick(ticket_id=ticket.id, version=ticket.version)
    return execute(PROPOSE_FAQ, t("ticket.card.action.propose_faq", lang), click)


def ticket_action_rows(
    ticket: TicketView, level: str, key_users: Iterable[PersonView], lang: str
) -> list[list[dict[str, Any]]]:
    """The buttons a key user (level 'first') or functional manager (level 'second') gets in this state, in rows.

    Rows rather than one card-level bar: five buttons with Dutch titles do not fit next to each other.
    """
    status = ticket.status
    if level == Level.FIRST and ticket.level == Level.SECOND:
        return []  # functional management has it: the key users' card only shows where it went
    if status in OPEN_STATUSES:
        claimable = status in (TicketStatus.OPEN, TicketStatus.ESCALATED)
        main = ([_claim(ticket, lang)] if claimable else []) + [_answer(ticket, lang)]
        other = [_assign(ticket, key_users, lang) if status != TicketStatus.ESCALATED else None, _close(ticket, lang)]
        rows = [main, [a for a in other if a is not None]]
        if level == Level.FIRST and ticket.escalatable:
            rows.append([_escalate(ticket, lang)])
        return rows
    offer_faq = bool(ticket.answer and ticket.answer.strip()) and not ticket.faq_proposed
    if status == TicketStatus.ANSWERED:
        return [([_propose_faq(ticket, lang)] if offer_faq else []) + [_close(ticket, lang)]]
    return [[_propose_faq(ticket, lang)]] if offer_faq else []


def ticket_card(
    *, ticket: TicketView, lang: str, key_users: Iterable[PersonView] = (), level: str = Level.FIRST
) -> dict[str, Any]:
    """The ticket in the key users' channel (level 'first') or functional management's channel ('second')."""
    _check(ticket)
    if level not in tuple(Level):
        raise ValueError(f"level must be one of {tuple(map(str, Level))}, got {level!r}")
    body = _ticket_body(ticket, lang)
    rows = ticket_action_rows(ticket, level, list(key_users), lang)
    for index, row in enumerate(rows):
        body.append(
            action_set(*row, spacing="Medium" if index == 0 else "Small", **({"separator": True} if index == 0 else {}))
        )
    return adaptive_card(body)


def ticket_answer_card(*, ticket: TicketView, lang: str, state: str | None = None) -> dict[str, Any]:
    """The answer in the asker's chat with 'Opgelost?'; with `state` ('solved'/'reopened') its after-state."""
    _check(ticket)
    if state is not None and state not in ANSWER_STATES:
        raise ValueError(f"state must be one of {ANSWER_STATES} or None, got {state!r}")
    who = ticket.answered_by
    body = [
        heading(t("ticket.card.answer.title", lang, number=ticket.number)),
        text(t("ticket.card.answer.your_question", lang), size="Small", isSubtle=True),
        _quoted(short(ticket.text), spacing="Small"),
        text(teams_markdown(plain((ticket.answer or "")[:ANSWER_MAX])) or "…", spacing="Medium"),
    ]
    if who:
        body.append(text(t("ticket.card.answer_by", lang, name=name_of(who)), size="Small", isSubtle=True))
    if state == "solved":
        body.append(text(t("ticket.card.answer.thanks_solved", lang), color="Good", separator=True, spacing="Medium"))
        return adaptive_card(body)
    if state == "reopened":
        body.append(text(t("ticket.card.answer.reopened", lang), separator=True, spacing="Medium"))
        return adaptive_card(body)
    body.append(text(t("ticket.card.answer.solved_question", lang), weight="Bolder", separator=True, spacing="Medium"))
    remark = _input_text(
        RESOLVE.input("remark"),
        t("ticket.card.answer.remark", lang),
        error=t("ticket.card.answer.remark_error", lang),
        isMultiline=True,
    )
    solved = Resolution(ticket_id=ticket.id, version=ticket.version, solved=True)
    not_solved = Resolution(ticket_id=ticket.id, version=ticket.version, solved=False)
    actions = [
        execute(RESOLVE, t("ticket.card.answer.yes", lang), solved, style="positive"),
        _show_card(
            t("ticket.card.answer.no", lang),
            [remark],
            execute(RESOLVE, t("ticket.card.answer.remark_submit", lang), not_solved),
        ),
    ]
    return adaptive_card(body, actions)


def ticket_status_card(*, ticket: TicketView, lang: str) -> dict[str, Any]:
    """A short notice to the asker that their ticket changed (claimed, escalated, closed, reopened)."""
    _check(ticket)
    body = [
        heading(t("ticket.card.status_update.title", lang, number=ticket.number)),
        status_line(ticket, lang, spacing="None"),
    ]
    reopened = ticket.status in (TicketStatus.OPEN, TicketStatus.CLAIMED)
    if ticket.reopen_remark and ticket.reopen_remark.strip() and reopened:
        body.append(text(t("ticket.card.status_update.reopened", lang, remark=short(ticket.reopen_remark))))
    if ticket.status == TicketStatus.CLOSED and ticket.close_reason == CloseReason.DUPLICATE and ticket.duplicate_of:
        body.append(text(t("ticket.card.status_update.duplicate", lang, number=ticket.duplicate_of)))
    body.append(_quoted(short(ticket.text)))
    return adaptive_card(body)


def _more(total: int, lang: str) -> list[dict[str, Any]]:
    """'And N more' when a list was cut."""
    return [text(t("ticket.card.list.more", lang, count=total - LIST_MAX), isSubtle=True)] if total > LIST_MAX else []


def _row(number: str, right: dict[str, Any], below: list[dict[str, Any]]) -> dict[str, Any]:
    """One ticket in a list: number and a status column, with lines below."""
    columns = {
        "type": "ColumnSet",
        "columns": [
            {"type": "Column", "width": "auto", "items": [text(number, weight="Bolder")]},
            {"type": "Column", "width": "stretch", "items": [right]},
        ],
    }
    return {"type": "Container", "separator": True, "spacing": "Medium", "items": [columns, *below]}


def my_tickets_card(*, tickets: list[TicketView], lang: str) -> dict[str, Any]:
    """'Mijn vragen': the asker's tickets with their status and last change."""
    body = [heading(t("ticket.card.mine.title", lang))]
    if not tickets:
        body.append(text(t("ticket.card.mine.empty", lang)))
        return adaptive_card(body)
    for ticket in tickets[:LIST_MAX]:
        _check(ticket)
        changed = format_when(ticket.updated_at or (ticket.events[-1].at if ticket.events else ticket.created_at), lang)
        body.append(
            _row(
                ticket.number,
                status_line(ticket, lang, horizontalAlignment="Right"),
                [
                    text(short(ticket.text, SHORT), spacing="Small"),
                    text(
                        t("ticket.card.mine.changed", lang, when=changed), size="Small", isSubtle=True, spacing="None"
                    ),
                ],
            )
        )
    return adaptive_card(body + _more(len(tickets), lang))


def open_tickets_card(
    *, groups: list[tuple[str, list[TicketView]]], lang: str, now: datetime | None = None
) -> dict[str, Any]:
    """A channel's waiting tickets per group it serves (name, tickets), each with its status and age; `now`
    defaults to the clock."""
    names = [short(name, 120) for name, _ in groups]
    one = len(names) == 1
    title = t("ticket.card.open.title", lang, group=names[0]) if one else t("ticket.card.open.title_channel", lang)
    body = [heading(title)]
    waiting = [(name, tickets) for name, (_, tickets) in zip(names, groups, strict=True) if tickets]
    idle = [name for name, (_, tickets) in zip(names, groups, strict=True) if not tickets]
    room = LIST_MAX
    for index, (name, tickets) in enumerate(waiting):
        rows = []
        for ticket in tickets[: max(room, 1)]:
            _check(ticket)
            age = format_age(ticket.created_at, now or datetime.now(timezone.utc), lang)
            age_line = t("ticket.card.open.age", lang, age=age)
            state = t("ticket.card.open.state", lang, status=status_text(ticket, lang), age=age_line)
            right = text(state, size="Small", isSubtle=True, horizontalAlignment="Right")
            rows.append(_row(ticket.number, right, [text(short(ticket.text, SHORT), spacing="Small")]))
        room -= len(rows)
        if len(tickets) > len(rows):
            rows.append(text(t("ticket.card.list.more", lang, count=len(tickets) - len(rows)), isSubtle=True))
        title_line = t("ticket.card.open.group", lang, group=name, count=len(tickets))
        group_heading = text(title_line, weight="Bolder", spacing="Medium")
        body.append({"type": "Container", "id": f"group-{index}", "spacing": "Medium", "items": [group_heading, *rows]})
    if idle:
        key = "ticket.card.open.none_for" if waiting else "ticket.card.open.empty"
        body.append(text(t(key, lang, group=", ".join(idle)), isSubtle=bool(waiting), spacing="Medium"))
    return adaptive_card(body)


def faq_proposal_card(*, proposal: ProposalView, lang: str, note: str | None = None) -> dict[str, Any]:
    """A proposed FAQ entry as it would be saved, for functional management to approve, adjust (saved first, so the
    card then shows the adjusted text) or reject; read-only once decided.

    Approving sends no inputs, only the version the card shows: what goes into the FAQ is what the card showed,
    never text typed into inputs that the client may have reset by drawing the card again in between. `note`: the
    catalogue key of a line saying why the card was refreshed instead of doing what was clicked."""
    if proposal.status not in tuple(ProposalStatus):
        raise ValueError(f"proposal status must be one of {tuple(map(str, ProposalStatus))}, got {proposal.status!r}")
    if proposal.status == ProposalStatus.APPROVED:
        target = short(proposal.entry_question or proposal.question, 200)
    elif proposal.entry_question:
        target = t("ticket.card.faq.existing_entry", lang, question=short(proposal.entry_question, 200))
    else:
        target = t("ticket.card.faq.new_entry", lang)
    facts = [
        (t("ticket.card.faq.ticket", lang), proposal.ticket_number),
        (t("ticket.card.fact.application", lang), short(proposal.application, 120)),
        (t("ticket.card.faq.proposed_by", lang), name_of(proposal.proposed_by)),
        (t("ticket.card.faq.target", lang), target),
    ]
    body = [
        heading(t("ticket.card.faq.title", lang)),
        {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in facts]},
    ]
    if proposal.status != ProposalStatus.PENDING:
        decided = proposal.decided_by
        decision = (
            t(PROPOSAL_DECIDED_BY[proposal.status], lang, name=name_of(decided))
            if decided
            else t(PROPOSAL_DECIDED[proposal.status], lang)
        )
        colour = "Good" if proposal.status == ProposalStatus.APPROVED else "Attention"
        body.append(text(decision, weight="Bolder", color=colour))
    else:
        body.append(text(t("ticket.card.faq.intro", lang)))
    if note:
        body.append(text(t(note, lang), weight="Bolder", color="Attention"))
    body += [_label(t("ticket.card.faq.question", lang)), _quoted(short(proposal.question), spacing="Small")]
    if proposal.alternates:
        others = "\n\n".join(short(line, 200) for line in proposal.alternates)
        body += [_label(t("ticket.card.faq.alternates_shown", lang)), _quoted(others, spacing="Small")]
    body += [
        _label(t("ticket.card.faq.answer", lang)),
        _quoted(teams_markdown(plain(proposal.answer[:ANSWER_MAX])) or "…", spacing="Small"),
    ]
    if proposal.status != ProposalStatus.PENDING:
        return adaptive_card(body)
    approval = ProposalApproval(proposal_id=proposal.id, version=proposal.version)
    approve = execute(APPROVE_FAQ, t("ticket.card.faq.approve", lang), approval, style="positive")
    approve["associatedInputs"] = "none"  # what is approved is the stored version the card shows, not typed text
    fields = [
        _input_text(
            SAVE_FAQ.input("question"),
            t("ticket.card.faq.question", lang),
            error=t("ticket.card.faq.question_error", lang),
            value=proposal.question[:TEXT_MAX],
            isMultiline=True,
        ),
        _input_text(
            SAVE_FAQ.input("alternates"),
            t("ticket.card.faq.alternates", lang),
            value="\n".join(proposal.alternates),
            isMultiline=True,
        ),
        _input_text(
            SAVE_FAQ.input("answer"),
            t("ticket.card.faq.answer", lang),
            error=t("ticket.card.faq.answer_error", lang),
            value=proposal.answer[:ANSWER_MAX],
            isMultiline=True,
        ),
    ]
    save = execute(SAVE_FAQ, t("ticket.card.faq.save", lang), ProposalEdit(proposal_id=proposal.id))
    edit = _show_card(t("ticket.card.faq.edit", lang), fields, save)
    reject = execute(REJECT_FAQ, t("ticket.card.faq.reject", lang), ProposalClick(proposal_id=proposal.id))
    reject["associatedInputs"] = "none"  # rejecting sends none of the edits
    return adaptive_card(body, [approve, edit, reject])
