"""Card action definitions: what the builders put on a card parses back into the same payload, garbled data does not."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pytest

from cards.common import execute
from tests.cards.samples import all_cards
from tests.support.cards import execute_actions, inputs_of
from vocabulary.actions import (
    ACTIONS,
    ANSWER,
    ANSWER_MAX,
    CLAIM,
    CREATE_TICKET,
    FEEDBACK,
    RESOLVE,
    TEXT_MAX,
    TOO_LONG,
    UNKNOWN_BUTTON,
    UNKNOWN_TICKET,
    ActionRefused,
    CardAction,
    Resolution,
    TicketAnswer,
    TicketClick,
    TicketForm,
    card_input,
)
from vocabulary.verbs import CardVerb

BY_VERB = {action.verb: action for action in ACTIONS}
TODAYS_VERBS = {
    "feedback",
    "choose",
    "ask_key_user",
    "ticket.create",
    "ticket.claim",
    "ticket.assign",
    "ticket.answer",
    "ticket.escalate",
    "ticket.close",
    "ticket.propose_faq",
    "ticket.resolved",
    "faq.approve",
    "faq.save",
    "faq.reject",
    "announcement.ack",
    "announcement.new",
    "announcement.save",
    "announcement.preview",
    "announcement.submit",
    "announcement.submit_as_me",
    "announcement.edit",
    "announcement.cancel",
    "announcement.recall",
    "announcement.approve",
    "announcement.send_back",
    "release.draft",
    "release.dismiss",
    "learned.approve",
    "learned.reject",
    "golive.plan",
}


def _typed(element: dict) -> str:
    """What a user leaves in an input: its prefilled value, the first choice, or a few words with spaces around."""
    if element.get("value"):
        return element["value"]
    if element["type"] == "Input.ChoiceSet":
        return element["choices"][0]["value"]
    return f"  getypt in {element['id']}  "


def test_one_definition_per_verb_and_the_verbs_stay_the_strings_cards_in_teams_send_back():
    verbs = [action.verb for action in ACTIONS]
    assert len(verbs) == len(set(verbs)), "a verb defined twice"
    assert set(BY_VERB) == set(CardVerb)
    assert {verb.value for verb in CardVerb} == TODAYS_VERBS


CLICKS = [(name, lang, card, button) for name, lang, card in all_cards() for button in execute_actions(card)]


@pytest.mark.parametrize(
    ("name", "card", "button"),
    [(name, card, button) for name, _, card, button in CLICKS],
    ids=[f"{name}-{lang}-{button['verb']}" for name, lang, _, button in CLICKS],
)
def test_every_button_a_card_builds_parses_back_into_its_payload(name, card, button):
    action = BY_VERB[button["verb"]]
    on_card = inputs_of(card)
    typed = {}
    for field in action.inputs:
        assert field.id in on_card, f"{name}: {button['verb']} reads input {field.id!r}, which the card lacks"
        element = on_card[field.id]
        assert element.get("maxLength") == field.limit, f"{name}: input {field.id!r} takes another length than parsed"
        typed[field.id] = _typed(element)
    payload = action.parse({**button["data"], **typed})
    assert isinstance(payload, action.payload)
    assert action.data(payload) == button["data"], "the payload gives back the data the button was built with"
    names = _input_names(action)
    assert {n: getattr(payload, n) for n in names} == {n: typed[action.input(n).id].strip() for n in names}


def _input_names(action: CardAction) -> list[str]:
    """The payload fields of `action` that the user fills in."""
    names = []
    for field in fields(action.payload):
        try:
            action.input(field.name)
        except KeyError:
            continue
        names.append(field.name)
    return names


def test_the_sample_cards_carry_every_action():
    built = {button["verb"] for _, _, _, button in CLICKS}
    assert built == set(CardVerb), f"no sample card builds {sorted(set(CardVerb) - built)}"


def test_builder_and_parser_round_trip_each_payload_type():
    click = Resolution(ticket_id=17, version=4, solved=False, remark="Het werkt nog steeds niet")
    button = execute(RESOLVE, "Nee", click)
    assert button == {
        "type": "Action.Execute",
        "title": "Nee",
        "verb": "ticket.resolved",
        "data": {"ticket_id": 17, "v": 4, "solved": False},
    }
    assert type(button["verb"]) is str, "plain strings in the card JSON"
    assert RESOLVE.parse({**button["data"], "remark": click.remark}) == click
    form = TicketForm(question_id=42, question="stays out", application="Zaaksysteem")
    assert CREATE_TICKET.data(form) == {"question_id": 42}, "what the user types is not in the button's data"


def test_ids_sent_back_as_strings_are_ints_and_texts_are_stripped():
    parsed = ANSWER.parse({"ticket_id": " 17 ", "v": "3", "answer": "  Herstart de melding.\n"})
    assert parsed == TicketAnswer(ticket_id=17, version=3, answer="Herstart de melding.")


def test_inputs_left_empty_are_empty_strings_and_unknown_keys_are_ignored():
    empty = TicketAnswer(ticket_id=1, version=1, answer="")
    assert ANSWER.parse({"ticket_id": 1, "v": 1, "close_reason": "answered"}) == empty
    assert ANSWER.parse({"ticket_id": 1, "v": 1, "answer": None}).answer == ""


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"v": 1},
        {"ticket_id": 1},
        {"ticket_id": "abc", "v": 1},
        {"ticket_id": "4_2", "v": 1},
        {"ticket_id": 1.5, "v": 1},
        {"ticket_id": True, "v": 1},
        {"ticket_id": None, "v": 1},
        {"ticket_id": [1], "v": 1},
        {"ticket_id": 1, "v": 1, "answer": {"text": "x"}},
        {"ticket_id": 1, "v": 1, "answer": 42},
    ],
)
def test_garbled_data_is_refused_with_the_actions_polite_answer(data):
    with pytest.raises(ActionRefused) as refused:
        ANSWER.parse(data)
    assert (refused.value.key, refused.value.params) == (UNKNOWN_TICKET, {})


@pytest.mark.parametrize(
    "data",
    [
        {"question_id": 1, "entry_id": "x", "helpful": "true"},
        {"question_id": 1, "entry_id": 7, "helpful": True},
        {"question_id": 1, "helpful": True},
    ],
)
def test_a_bool_must_be_a_bool_and_a_str_a_str(data):
    with pytest.raises(ActionRefused) as refused:
        FEEDBACK.parse(data)
    assert refused.value.key == UNKNOWN_BUTTON


@pytest.mark.parametrize(("action", "key", "limit"), [(ANSWER, "answer", ANSWER_MAX), (RESOLVE, "remark", TEXT_MAX)])
def test_a_text_longer_than_its_input_takes_is_refused_with_its_length(action, key, limit):
    data = {"ticket_id": 1, "v": 1, "solved": False}
    assert getattr(action.parse({**data, key: "x" * limit + "   "}), key) == "x" * limit, "spaces around do not count"
    with pytest.raises(ActionRefused) as refused:
        action.parse({**data, key: "x" * (limit + 1)})
    assert (refused.value.key, refused.value.params) == (TOO_LONG, {"length": limit + 1, "limit": limit})


def test_an_optional_field_may_be_missing_or_null():
    @dataclass(frozen=True, kw_only=True)
    class Maybe:
        ticket_id: int
        seen: int | None = None
        note: str | None

    maybe = CardAction(CardVerb.TICKET_CLAIM, Maybe, UNKNOWN_TICKET)
    assert maybe.parse({"ticket_id": 3, "note": None}) == Maybe(ticket_id=3, seen=None, note=None)
    assert maybe.parse({"ticket_id": 3, "seen": "8", "note": "x"}) == Maybe(ticket_id=3, seen=8, note="x")
    assert maybe.data(Maybe(ticket_id=3, note=None)) == {"ticket_id": 3}
    with pytest.raises(ActionRefused):
        maybe.parse({"ticket_id": 3, "seen": "acht", "note": None})


def test_a_definition_the_parser_cannot_check_fails_when_it_is_made():
    @dataclass(kw_only=True)
    class Mutable:
        ticket_id: int

    @dataclass(frozen=True, kw_only=True)
    class Listed:
        ids: list[int]

    @dataclass(frozen=True, kw_only=True)
    class NumberInput:
        count: int = card_input()

    for payload in (Mutable, Listed, NumberInput):
        with pytest.raises(TypeError):
            CardAction(CardVerb.TICKET_CLAIM, payload, UNKNOWN_TICKET)


def test_a_button_carries_only_its_own_payload_type():
    with pytest.raises(TypeError):
        RESOLVE.data(TicketClick(ticket_id=1, version=1))  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        CLAIM.input("answer")
