"""Card actions: one definition per Action.Execute button (verb, payload type, input ids and limits)."""

# A card builder makes the button from the definition (`CLAIM.execute(title, payload)`), the router routes by the
# same definition (`router.action(CLAIM)`) and parses what the click sends back into the payload before the flow
# runs, so the two ends cannot drift. Standard library only: every layer may import it.

from __future__ import annotations

import re
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, Generic, Mapping, TypeVar

from vocabulary.verbs import CardVerb

TEXT_MAX = 2000
"""Longest question, context, reason or remark a card takes; longer is refused, never cut (that would lose words)."""
ANSWER_MAX = 4000
"""Longest answer a card takes."""
TICKET_NUMBER_MAX = 40
"""Longest ticket number a card takes (VB-2026-0042 as someone types it, with room to spare)."""

UNKNOWN_BUTTON = "reply.unknown_action"
"""Catalogue key of the answer to a click on a question's card whose data is garbled."""
UNKNOWN_TICKET = "ticket.refused.unknown"
"""Catalogue key of the answer to a click on a ticket's card whose data is garbled."""
UNKNOWN_PROPOSAL = "faq.refused.unknown"
"""Catalogue key of the answer to a click on an FAQ proposal's card whose data is garbled."""
UNKNOWN_ANNOUNCEMENT = "announcement.refused.unknown"
"""Catalogue key of the answer to a click on an announcement's card whose data is garbled."""
UNKNOWN_AUTHORING = "authoring.refused.garbled"
"""Catalogue key of the answer to a click on an announcement's authoring card whose data is garbled."""
UNKNOWN_RELEASE = "release.refused.unknown"
"""Catalogue key of the answer to a click on the release watch's digest whose data is garbled."""
UNKNOWN_LEARNED = "learned.refused.unknown"
"""Catalogue key of the answer to a click on the learned phrasings' review card whose data is garbled."""
UNKNOWN_GOLIVE = "golive.refused.garbled"
"""Catalogue key of the answer to a click on the go-live form whose data is garbled."""
TOO_LONG = "ticket.refused.too_long"
"""Catalogue key (with `length` and `limit`) of the answer to a typed text longer than its input takes."""

_KEY = "vocabulary.key"
_INPUT = "vocabulary.input"
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


class ActionRefused(Exception):
    """Card data that does not make the action's payload: the catalogue key (and parameters) to answer with."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Input:
    """A card input a payload field is read from: the Input's id and the longest value it takes (None: any)."""

    id: str
    limit: int | None = None


def sent_as(key: str, default: Any = MISSING) -> Any:
    """A payload field that the button's data carries under `key` rather than under the field's name (required
    unless it has a `default`)."""
    return field(default=default, metadata={_KEY: key})


def card_input(limit: int | None = None, *, input_id: str | None = None) -> Any:
    """A payload field the user fills in on the card (Input id: the field's name): stripped, '' when left empty."""
    return field(default="", metadata={_INPUT: limit, **({_KEY: input_id} if input_id else {})})


@dataclass(frozen=True)
class _Field:
    """How one payload field travels: its key in the click's data, its type, and the input it comes from."""

    name: str
    key: str
    kind: type
    optional: bool
    """None is a value (the field is typed `X | None`)."""
    required: bool
    input: Input | None


def _field_specs(payload: type) -> tuple[_Field, ...]:
    """The fields of payload class `payload`; raises TypeError for a shape the parser cannot check."""
    if not is_dataclass(payload) or not payload.__dataclass_params__.frozen:  # pyright: ignore[reportAttributeAccessIssue]
        raise TypeError(f"{payload.__name__} must be a frozen dataclass")
    hints = typing.get_type_hints(payload)
    specs = []
    for item in fields(payload):
        hint, optional = hints[item.name], False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            optional = len(members) < len(typing.get_args(hint))
            if len(members) == 1:
                hint = members[0]
        if hint not in (int, bool, str):
            raise TypeError(f"{payload.__name__}.{item.name}: a card sends int, bool or str, not {hint!r}")
        key = item.metadata.get(_KEY, item.name)
        is_input = _INPUT in item.metadata
        if is_input and hint is not str:
            raise TypeError(f"{payload.__name__}.{item.name}: a card input is a str")
        required = item.default is MISSING and item.default_factory is MISSING
        specs.append(
            _Field(item.name, key, hint, optional, required, Input(key, item.metadata[_INPUT]) if is_input else None)
        )
    keys = [spec.key for spec in specs]
    if len(set(keys)) != len(keys):
        raise TypeError(f"{payload.__name__}: two fields share a key in {keys}")
    return tuple(specs)


_BAD = object()


def _value(raw: Any, spec: _Field) -> Any:
    """`raw` as the field's type (Teams may hand an id back as a string), or _BAD."""
    if spec.kind is bool:
        return raw if isinstance(raw, bool) else _BAD
    if spec.kind is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        return int(raw) if isinstance(raw, str) and _INTEGER.fullmatch(raw) else _BAD
    if not isinstance(raw, str):
        return _BAD
    return raw.strip() if spec.input is not None else raw


P = TypeVar("P")


@dataclass(frozen=True)
class CardAction(Generic[P]):
    """One kind of Action.Execute button: its verb, the payload a click carries, and the answer to a garbled one."""

    verb: CardVerb
    payload: type[P]
    garbled: str
    """Catalogue key of the polite answer to a click whose data does not make a payload (the flow never runs)."""
    _fields: tuple[_Field, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fields", _field_specs(self.payload))

    @property
    def inputs(self) -> tuple[Input, ...]:
        """The card inputs whose values the click carries, in field order."""
        return tuple(spec.input for spec in self._fields if spec.input is not None)

    def input(self, name: str) -> Input:
        """The card input payload field `name` is read from (its id for the card's Input element)."""
        for spec in self._fields:
            if spec.name == name and spec.input is not None:
                return spec.input
        raise KeyError(f"{self.payload.__name__} has no card input {name!r}")

    def data(self, payload: P) -> dict[str, Any]:
        """The button's `data` for `payload`: every field except those the user fills in (None left out)."""
        if not isinstance(payload, self.payload):
            raise TypeError(f"{self.verb.value} carries {self.payload.__name__}, not {type(payload).__name__}")
        values = ((spec.key, getattr(payload, spec.name)) for spec in self._fields if spec.input is None)
        return {key: value for key, value in values if value is not None}

    def parse(self, data: Mapping[str, Any]) -> P:
        """The payload a click sent (its data with the input values merged in); raises ActionRefused when garbled."""
        values: dict[str, Any] = {}
        for spec in self._fields:
            raw = data.get(spec.key)
            if raw is None:
                if spec.required and not spec.optional:
                    raise ActionRefused(self.garbled)
                if spec.required:
                    values[spec.name] = None
                continue
            value = _value(raw, spec)
            if value is _BAD:
                raise ActionRefused(self.garbled)
            values[spec.name] = value
        for spec in self._fields:
            limit = spec.input.limit if spec.input is not None else None
            text = values.get(spec.name)
            if limit is not None and isinstance(text, str) and len(text) > limit:
                raise ActionRefused(TOO_LONG, length=len(text), limit=limit)
        return self.payload(**values)


# ---------------------------------------------------------------------------------------------- payloads
@dataclass(frozen=True, kw_only=True)
class QuestionClick:
    """A click on a card about one of the asker's logged questions."""

    question_id: int


@dataclass(frozen=True, kw_only=True)
class Feedback(QuestionClick):
    """'Heeft dit geholpen?' Ja / Nee on an FAQ answer."""

    entry_id: str
    helpful: bool


@dataclass(frozen=True, kw_only=True)
class Choice(QuestionClick):
    """One of the suggested FAQ entries."""

    entry_id: str


@dataclass(frozen=True, kw_only=True)
class TicketForm(QuestionClick):
    """The asker's ticket form: the question (as edited), the application and optional details."""

    question: str = card_input(TEXT_MAX)
    application: str = card_input()
    context: str = card_input(TEXT_MAX)


@dataclass(frozen=True, kw_only=True)
class TicketClick:
    """A click on a ticket's card: the ticket and the version of it the clicker saw."""

    ticket_id: int
    version: int = sent_as("v")


@dataclass(frozen=True, kw_only=True)
class Assignment(TicketClick):
    """'Toewijzen aan …' a colleague."""

    assignee: str = card_input()


@dataclass(frozen=True, kw_only=True)
class TicketAnswer(TicketClick):
    """'Beantwoorden' with the answer."""

    answer: str = card_input(ANSWER_MAX)


@dataclass(frozen=True, kw_only=True)
class Escalation(TicketClick):
    """'Doorzetten naar functioneel beheer' with a reason."""

    reason: str = card_input(TEXT_MAX)


@dataclass(frozen=True, kw_only=True)
class Closing(TicketClick):
    """'Sluiten' with a reason; 'dubbel' with the number of the ticket it duplicates."""

    close_reason: str = card_input()
    duplicate_of: str = card_input(TICKET_NUMBER_MAX)


@dataclass(frozen=True, kw_only=True)
class Resolution(TicketClick):
    """The asker's 'Opgelost?': Ja, or Nee with a remark."""

    solved: bool
    remark: str = card_input(TEXT_MAX)


@dataclass(frozen=True, kw_only=True)
class ProposalClick:
    """A click on an FAQ proposal's card."""

    proposal_id: int


@dataclass(frozen=True, kw_only=True)
class ProposalApproval(ProposalClick):
    """Functional management approves a proposal as its card shows it: the version shown (None: a card from before
    proposals had versions), and no typed text."""

    version: int | None = sent_as("v", default=None)


@dataclass(frozen=True, kw_only=True)
class ProposalEdit(ProposalClick):
    """Functional management's edits to a proposal: the question, other phrasings (one a line) and answer."""

    question: str = card_input(TEXT_MAX)
    alternates: str = card_input(TEXT_MAX)
    answer: str = card_input(ANSWER_MAX)


@dataclass(frozen=True, kw_only=True)
class AnnouncementClick:
    """A click on an announcement's card: the announcement and the revision of it the card shows."""

    announcement_id: int
    revision: int


# Limits of the announcement form's inputs: the same as services/announcement_drafts.py checks (a test pins them).
ANNOUNCEMENT_TITLE_MAX = 200
ANNOUNCEMENT_TEXT_MAX = 8000
LINK_TITLE_MAX = 80
URL_MAX = 2000
AUDIENCE_MAX = 4000
"""Longest audience value typed (up to 50 channel ids or group names, one per line or comma-separated)."""
FORM_LINKS = 3
"""Link buttons the form has room for."""


@dataclass(frozen=True, kw_only=True)
class NewAnnouncement:
    """'Nieuwe aankondiging' on a list: an empty form."""


@dataclass(frozen=True, kw_only=True)
class AuthoringClick:
    """A click on an announcement's authoring card (the form, the author's card, the approval card)."""

    announcement_id: int
    listed: bool | None = None
    """True when clicked on 'mijn aankondigingen': the answer is the list as it is now, not the author's card."""


@dataclass(frozen=True, kw_only=True)
class AuthoringVersion(AuthoringClick):
    """A click that acts on the version the card shows: the stored revision it was drawn from, no typed text."""

    revision: int


@dataclass(frozen=True, kw_only=True)
class AnnouncementForm:
    """The form's 'Opslaan': every typed value, and which stored announcement (and revision) the form was drawn from."""

    announcement_id: int | None = None
    """None: a new announcement."""
    revision: int | None = None
    title: str = card_input(ANNOUNCEMENT_TITLE_MAX)
    text: str = card_input(ANNOUNCEMENT_TEXT_MAX)
    image_url: str = card_input(URL_MAX)
    link1_title: str = card_input(LINK_TITLE_MAX)
    link1_url: str = card_input(URL_MAX)
    link2_title: str = card_input(LINK_TITLE_MAX)
    link2_url: str = card_input(URL_MAX)
    link3_title: str = card_input(LINK_TITLE_MAX)
    link3_url: str = card_input(URL_MAX)
    application: str = card_input()
    application_other: str = card_input(ANNOUNCEMENT_TITLE_MAX)
    audience_kind: str = card_input()
    audience_value: str = card_input(AUDIENCE_MAX)
    ack: str = card_input()
    """The toggle 'Vraag om bevestiging': "true" or "false"."""
    notify: str = card_input()
    """The toggle for an activity-feed notification with the card: "true" or "false"."""
    send_date: str = card_input()
    """YYYY-MM-DD in Europe/Amsterdam, or empty (sent by hand)."""
    send_time: str = card_input()
    """HH:MM in Europe/Amsterdam."""
    kind: str = card_input()
    """A vocabulary.AnnouncementKind the author may choose (release_note, update)."""

    def links(self) -> list[tuple[str, str]]:
        """The (title, url) pairs of the link inputs the author filled in, in order."""
        pairs = [
            (self.link1_title, self.link1_url),
            (self.link2_title, self.link2_url),
            (self.link3_title, self.link3_url),
        ]
        return [(title, url) for title, url in pairs if title or url]


@dataclass(frozen=True, kw_only=True)
class AnnouncementSendBack(AuthoringClick):
    """'Terugsturen' to the author with a remark."""

    remark: str = card_input(TEXT_MAX)


@dataclass(frozen=True, kw_only=True)
class ReleaseClick:
    """A click on the release watch's digest: the Message Center post (Graph's id, e.g. 'MC172851')."""

    message_id: str


@dataclass(frozen=True, kw_only=True)
class LearnedClick:
    """A click on a learned phrasing on the review card."""

    phrasing_id: int


@dataclass(frozen=True, kw_only=True)
class GoLiveForm:
    """The go-live form's 'Plannen': the department, the application and the moment, as chosen and typed."""

    department: str = card_input()
    application: str = card_input()
    date: str = card_input()
    """YYYY-MM-DD in Europe/Amsterdam."""
    time: str = card_input()
    """HH:MM in Europe/Amsterdam."""


# ---------------------------------------------------------------------------------------------- actions
FEEDBACK = CardAction(CardVerb.FEEDBACK, Feedback, UNKNOWN_BUTTON)
CHOOSE = CardAction(CardVerb.CHOOSE, Choice, UNKNOWN_BUTTON)
ASK_KEY_USER = CardAction(CardVerb.ASK_KEY_USER, QuestionClick, UNKNOWN_BUTTON)
CREATE_TICKET = CardAction(CardVerb.TICKET_CREATE, TicketForm, UNKNOWN_BUTTON)
CLAIM = CardAction(CardVerb.TICKET_CLAIM, TicketClick, UNKNOWN_TICKET)
ASSIGN = CardAction(CardVerb.TICKET_ASSIGN, Assignment, UNKNOWN_TICKET)
ANSWER = CardAction(CardVerb.TICKET_ANSWER, TicketAnswer, UNKNOWN_TICKET)
ESCALATE = CardAction(CardVerb.TICKET_ESCALATE, Escalation, UNKNOWN_TICKET)
CLOSE = CardAction(CardVerb.TICKET_CLOSE, Closing, UNKNOWN_TICKET)
PROPOSE_FAQ = CardAction(CardVerb.TICKET_PROPOSE_FAQ, TicketClick, UNKNOWN_TICKET)
RESOLVE = CardAction(CardVerb.TICKET_RESOLVED, Resolution, UNKNOWN_TICKET)
APPROVE_FAQ = CardAction(CardVerb.FAQ_APPROVE, ProposalApproval, UNKNOWN_PROPOSAL)
SAVE_FAQ = CardAction(CardVerb.FAQ_SAVE, ProposalEdit, UNKNOWN_PROPOSAL)
REJECT_FAQ = CardAction(CardVerb.FAQ_REJECT, ProposalClick, UNKNOWN_PROPOSAL)
ACK_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_ACK, AnnouncementClick, UNKNOWN_ANNOUNCEMENT)
NEW_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_NEW, NewAnnouncement, UNKNOWN_AUTHORING)
SAVE_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_SAVE, AnnouncementForm, UNKNOWN_AUTHORING)
PREVIEW_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_PREVIEW, AuthoringVersion, UNKNOWN_AUTHORING)
SUBMIT_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_SUBMIT, AuthoringVersion, UNKNOWN_AUTHORING)
SUBMIT_AS_ME_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_SUBMIT_AS_ME, AuthoringVersion, UNKNOWN_AUTHORING)
EDIT_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_EDIT, AuthoringClick, UNKNOWN_AUTHORING)
CANCEL_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_CANCEL, AuthoringClick, UNKNOWN_AUTHORING)
RECALL_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_RECALL, AuthoringClick, UNKNOWN_AUTHORING)
APPROVE_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_APPROVE, AuthoringVersion, UNKNOWN_AUTHORING)
SEND_BACK_ANNOUNCEMENT = CardAction(CardVerb.ANNOUNCEMENT_SEND_BACK, AnnouncementSendBack, UNKNOWN_AUTHORING)
DRAFT_RELEASE = CardAction(CardVerb.RELEASE_DRAFT, ReleaseClick, UNKNOWN_RELEASE)
DISMISS_RELEASE = CardAction(CardVerb.RELEASE_DISMISS, ReleaseClick, UNKNOWN_RELEASE)
APPROVE_LEARNED = CardAction(CardVerb.LEARNED_APPROVE, LearnedClick, UNKNOWN_LEARNED)
PLAN_GOLIVE = CardAction(CardVerb.GOLIVE_PLAN, GoLiveForm, UNKNOWN_GOLIVE)
REJECT_LEARNED = CardAction(CardVerb.LEARNED_REJECT, LearnedClick, UNKNOWN_LEARNED)

ACTIONS: tuple[CardAction[Any], ...] = (
    FEEDBACK,
    CHOOSE,
    ASK_KEY_USER,
    CREATE_TICKET,
    CLAIM,
    ASSIGN,
    ANSWER,
    ESCALATE,
    CLOSE,
    PROPOSE_FAQ,
    RESOLVE,
    APPROVE_FAQ,
    SAVE_FAQ,
    REJECT_FAQ,
    ACK_ANNOUNCEMENT,
    NEW_ANNOUNCEMENT,
    SAVE_ANNOUNCEMENT,
    PREVIEW_ANNOUNCEMENT,
    SUBMIT_ANNOUNCEMENT,
    SUBMIT_AS_ME_ANNOUNCEMENT,
    EDIT_ANNOUNCEMENT,
    CANCEL_ANNOUNCEMENT,
    RECALL_ANNOUNCEMENT,
    APPROVE_ANNOUNCEMENT,
    SEND_BACK_ANNOUNCEMENT,
    DRAFT_RELEASE,
    DISMISS_RELEASE,
    APPROVE_LEARNED,
    REJECT_LEARNED,
    PLAN_GOLIVE,
)
"""Every card action, one per verb."""
