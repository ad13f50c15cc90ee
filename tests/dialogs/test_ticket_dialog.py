"""The ticket flows of dialogs/tickets.py, called with Incoming objects over a real TicketService on both databases.

Each turn goes through the product's router (so the language hook and the card payloads are as in Teams); the
cards clicked are the ones the flows return or the job worker posted (world.messenger)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dialogs import Incoming, Outcome, Router, build_router
from dialogs.golive import GOLIVE_PATTERN
from dialogs.learning import REVIEW_PATTERN
from dialogs.tickets import LINK_PATTERN, OPEN_TICKETS_PATTERN, parse_link
from i18n import t
from services.conversations import ConversationService
from services.directory import GENERAL_APPLICATION, Actor
from services.faq import FaqService
from services.questions import QuestionService
from services.utterances import Command, CommandKind, command
from storage import FaqRepository, QuestionRepository, TicketRepository
from tests.support.activities import TENANT
from tests.support.cards import action, card_text, click_data, element, texts_of, verbs
from tests.support.messenger import Call
from tests.support.people import ANNA, DIRK, ESRA, KARIN, KEES, user
from tests.support.world import (
    FM_CHANNEL,
    FM_GROUP,
    MUNICIPALITY,
    SUITE4,
    SUITE4_CHANNEL,
    Layout,
    World,
    fresh,
    log_question,
)

LEAVE = "Hoe vraag ik verlof aan in Suite4?"


@pytest.fixture
async def world(database) -> World:
    """The MUNICIPALITY's services: functional management above Suite4, its Sociaal Domein group, the Zaaksysteem."""
    return await World.build(database, MUNICIPALITY)


@pytest.fixture
async def router(world):
    """The product's router over the world's ticket and directory services."""
    faq = FaqService(world.db, use_embeddings=False)
    yield build_router(
        faq=faq,
        questions=QuestionService(world.db),
        conversations=ConversationService(world.db),
        tickets=world.tickets,
        directory=world.directory,
    )
    faq.close()


def said(actor: Actor, text: str, *, channel: str | None = None, locale: str = "nl-NL") -> Incoming:
    """`actor` types `text` in their personal chat, or in a new thread of `channel`."""
    if channel is None:
        return Incoming(
            kind="message",
            user=user(actor),
            conversation_id=f"a:{actor.key}",
            text=text,
            locale=locale,
            tenant_id=TENANT,
        )
    thread = f"{channel};messageid=post-1"
    reference = {"serviceUrl": "http://127.0.0.1:1/teams", "conversation": {"id": thread, "tenantId": TENANT}}
    return Incoming(
        kind="message",
        user=user(actor),
        conversation_id=thread,
        conversation_type="channel",
        text=text,
        locale=locale,
        tenant_id=TENANT,
        channel_id=channel,
        team_id="team-1",
        reference=reference,
    )


def clicked(
    actor: Actor, card: Any, verb: str, *, on: Call | None = None, locale: str = "nl-NL", **values: Any
) -> Incoming:
    """`actor` clicks the `verb` button of `card` (see click_data), on the card posted as `on`, else in their chat."""
    return sent(actor, verb, click_data(card, verb, **values), on=on, locale=locale)


def sent(actor: Actor, verb: str, data: dict[str, Any], *, on: Call | None = None, locale: str = "nl-NL") -> Incoming:
    """The invoke Teams sends when `actor` clicks a `verb` button carrying `data` (on the card posted as `on`)."""
    if on is None:
        return Incoming(
            kind="action",
            user=user(actor),
            conversation_id=f"a:{actor.key}",
            verb=verb,
            data=data,
            locale=locale,
            tenant_id=TENANT,
        )
    thread = f"{on.conversation_id};messageid={on.activity_id}"
    return Incoming(
        kind="action",
        user=user(actor),
        conversation_id=thread,
        conversation_type="channel",
        verb=verb,
        data=data,
        locale=locale,
        tenant_id=TENANT,
        reply_to_id=on.activity_id,
        channel_id=on.conversation_id,
    )


async def ticket_form(world: World, router: Router, asker: Actor = ANNA, text: str = LEAVE) -> dict[str, Any]:
    """The form `asker` gets for a logged question the FAQ could not answer."""
    question_id = await log_question(world, asker, text)
    outcome = await router(
        Incoming(
            kind="action",
            user=user(asker),
            conversation_id=f"a:{asker.key}",
            verb="ask_key_user",
            data={"question_id": question_id},
            locale="nl-NL",
        )
    )
    assert outcome.card is not None, outcome
    return outcome.card


async def posted_ticket(world: World, router: Router) -> Call:
    """Anna's ticket about leave in Suite4, its card posted in the key users' channel by the job worker."""
    await router(clicked(ANNA, await ticket_form(world, router), "ticket.create"))
    await world.worker.run_due()
    [posted] = [call for call in world.messenger.of("start_thread") if call.conversation_id == SUITE4_CHANNEL]
    return posted


def new_thread(world: World, channel: str) -> Call:
    """The latest card the worker posted as a new thread in `channel`."""
    return [call for call in world.messenger.of("start_thread") if call.conversation_id == channel][-1]


def card_of(outcome: Outcome) -> dict[str, Any]:
    """The card a flow answered with."""
    assert outcome.card is not None, outcome
    return outcome.card


# ---------------------------------------------------------------------------------------------- the asker's form
async def test_the_form_lists_the_applications_and_the_other_choice_and_picks_the_one_named(world, router):
    form = await ticket_form(world, router)
    application = element(form, "application")
    assert [c["value"] for c in application["choices"]] == ["Decos", "Suite4", "Zaaksysteem", GENERAL_APPLICATION]
    assert application["value"] == "Suite4", "the question names Suite4"
    assert element(form, "question")["value"] == LEAVE
    unnamed = element(await ticket_form(world, router, text="Mijn scherm blijft zwart"), "application")
    assert "value" not in unnamed


async def test_a_form_for_someone_elses_or_a_vanished_question_is_refused(world, router):
    question_id = await log_question(world, ANNA, LEAVE)
    for actor, data, key in (
        (ESRA, {"question_id": question_id}, "reply.not_yours"),
        (ANNA, {"question_id": question_id + 1000}, "reply.question_gone"),
    ):
        outcome = await router(
            Incoming(
                kind="action", user=user(actor), conversation_id="a:x", verb="ask_key_user", data=data, locale="en-US"
            )
        )
        assert (outcome.message, outcome.card) == (t(key, "en"), None)


async def test_without_any_group_the_question_is_passed_on_without_a_form(database):
    world = await World.build(database, Layout(groups=()))
    faq = FaqService(database, use_embeddings=False)
    router = build_router(
        faq=faq,
        questions=QuestionService(database),
        conversations=ConversationService(database),
        tickets=world.tickets,
        directory=world.directory,
    )
    try:
        question_id = await log_question(world, ANNA, LEAVE)
        outcome = await router(
            Incoming(
                kind="action",
                user=user(ANNA),
                conversation_id="a:anna",
                verb="ask_key_user",
                data={"question_id": question_id},
                locale="nl-NL",
            )
        )
    finally:
        faq.close()
    assert "ticket.create" not in verbs(card_of(outcome)) and LEAVE in card_text(outcome.card)
    async with database.read() as session:
        question = await QuestionRepository(session).get(question_id)
    assert question is not None and question.escalated_at is not None


async def test_sending_the_form_confirms_the_ticket_and_a_colleague_is_linked_to_it(world, router):
    form = await ticket_form(world, router)
    created = await router(clicked(ANNA, form, "ticket.create", context="Scherm Verlof"))
    shown = card_text(card_of(created))
    assert "VB-2026-0001" in shown and SUITE4 in shown and created.replies == []
    again = await router(clicked(ANNA, form, "ticket.create", context="Scherm Verlof"))  # Teams retries the invoke
    assert "VB-2026-0001" in card_text(card_of(again)) and again.replies == []

    colleague = await ticket_form(world, router, ESRA, "hoe vraag ik in Suite4 verlof aan")
    linked = await router(clicked(ESRA, colleague, "ticket.create"))
    assert "VB-2026-0001" in card_text(card_of(linked))
    assert [reply.text for reply in linked.replies] == [t("ticket.note.linked", "nl", number="VB-2026-0001")]


async def test_a_form_the_service_refuses_is_answered_in_the_askers_language(world, router):
    form = await ticket_form(world, router)
    unknown = await router(clicked(ANNA, form, "ticket.create", application="Onbekend", locale="en-US"))
    assert (unknown.message, unknown.card) == (
        t("ticket.refused.unknown_application", "en", application="Onbekend"),
        None,
    )
    someone_else = await router(clicked(ESRA, form, "ticket.create"))
    assert someone_else.message == t("reply.not_yours", "nl")
    async with world.db.read() as session:
        assert await TicketRepository(session).count_by_status() == {}, "no ticket made"


# ---------------------------------------------------------------------------------------------- the key users' card
async def test_a_click_on_the_ticket_card_refreshes_it_for_the_channel_in_its_language(world, router):
    posted = await posted_ticket(world, router)
    refused = await router(clicked(ANNA, posted.card, "ticket.claim", on=posted))
    assert (refused.message, refused.card) == (t("ticket.refused.not_allowed", "nl"), None)

    claimed = card_of(await router(clicked(KEES, posted.card, "ticket.claim", on=posted, locale="en-US")))
    assert t("ticket.card.status.claimed", "nl", name="Kees") in texts_of(claimed), "the channel's language"
    assert "ticket.claim" not in verbs(claimed) and "ticket.answer" in verbs(claimed)
    assert [c["value"] for c in element(claimed, "assignee")["choices"]] == [KARIN.key], "the group's other members"

    as_now = {
        key: value for key, value in action(claimed, "ticket.answer")["data"].items() if key in ("ticket_id", "v")
    }  # the card's version, on a button other than the one it no longer has
    current = await router(sent(KEES, "ticket.claim", as_now, on=posted))
    assert (current.message, current.card) == (t("ticket.note.unchanged", "en"), None), (
        "a card already up to date, said in the language last spoken with Kees"
    )
    taken = await router(sent(KARIN, "ticket.claim", as_now, on=posted))
    assert (taken.message, taken.card) == (t("ticket.note.taken", "nl", name="Kees"), None)
    stale = await router(clicked(KARIN, posted.card, "ticket.claim", on=posted))
    assert t("ticket.card.status.claimed", "nl", name="Kees") in texts_of(card_of(stale)), "an old card is refreshed"
    gone = await router(sent(KEES, "ticket.claim", {"ticket_id": 99999, "v": 1}, on=posted))
    assert gone.message == t("ticket.refused.unknown", "en")


async def test_a_click_refreshes_the_card_that_was_clicked_at_its_own_level(world, router):
    posted = await posted_ticket(world, router)
    await router(clicked(KEES, posted.card, "ticket.escalate", on=posted, reason="Rechten ontbreken"))
    await world.worker.run_due()
    second = new_thread(world, FM_CHANNEL)
    assert "ticket.escalate" not in verbs(second.card), "functional management is the last line"

    on_second = card_of(await router(clicked(DIRK, second.card, "ticket.claim", on=second)))
    assert "ticket.answer" in verbs(on_second) and "ticket.claim" not in verbs(on_second)
    assert t("ticket.card.status.claimed", "nl", name=DIRK.name) in texts_of(on_second)
    on_first = card_of(await router(clicked(DIRK, posted.card, "ticket.answer", on=posted, answer="Rol toegekend.")))
    assert verbs(on_first) == [], "the key users' card shows the escalation without buttons"
    assert "Rol toegekend." in texts_of(on_first)
    late = await router(clicked(KEES, posted.card, "ticket.claim", on=posted))
    assert late.message == t("ticket.refused.not_allowed", "nl"), "key users are done once it is escalated"


# ---------------------------------------------------------------------------------------------- the asker's answer
async def answered(world: World, router: Router) -> dict[str, Any]:
    """Kees answers Anna's ticket: the answer card the worker brings to Anna."""
    posted = await posted_ticket(world, router)
    await router(clicked(KEES, posted.card, "ticket.answer", on=posted, answer="Via Mijn Verlof > Aanvragen."))
    await world.worker.run_due()
    return next(call.card for call in world.messenger.of("send") if call.card and "ticket.resolved" in verbs(call.card))


async def test_the_asker_says_it_is_solved_once(world, router):
    answer = await answered(world, router)
    not_theirs = await router(clicked(ESRA, answer, "ticket.resolved", solved=True))
    assert not_theirs.message == t("ticket.refused.not_your_ticket", "nl")
    solved = card_of(await router(clicked(ANNA, answer, "ticket.resolved", solved=True)))
    assert t("ticket.card.answer.thanks_solved", "nl") in texts_of(solved) and verbs(solved) == []
    again = await router(clicked(ANNA, answer, "ticket.resolved", solved=True))
    assert (again.message, again.card) == (t("ticket.note.already_handled", "nl"), None)


async def test_an_answer_that_did_not_help_reopens_the_ticket_with_the_remark(world, router):
    answer = await answered(world, router)
    reopened = card_of(
        await router(clicked(ANNA, answer, "ticket.resolved", solved=False, remark="Ik zie geen knop Aanvragen."))
    )
    assert t("ticket.card.answer.reopened", "nl") in texts_of(reopened) and verbs(reopened) == []
    ticket = await fresh(world, action(answer, "ticket.resolved", solved=False)["data"]["ticket_id"])
    assert (ticket.status, ticket.reopen_remark) == ("claimed", "Ik zie geen knop Aanvragen.")


# ---------------------------------------------------------------------------------------------- FAQ proposals
async def proposal(world: World, router: Router) -> Call:
    """Kees answers Anna's ticket and proposes it as an FAQ entry: the proposal card in management's channel."""
    posted = await posted_ticket(world, router)
    answered_card = card_of(
        await router(clicked(KEES, posted.card, "ticket.answer", on=posted, answer="Via Mijn Verlof > Aanvragen."))
    )
    await router(clicked(KEES, answered_card, "ticket.propose_faq", on=posted))
    await world.worker.run_due()
    return new_thread(world, FM_CHANNEL)


async def test_functional_management_approves_a_proposal_with_its_edits_once(world, router):
    posted = await proposal(world, router)
    by_key_user = await router(clicked(KEES, posted.card, "faq.approve", on=posted))
    assert (by_key_user.message, by_key_user.card) == (t("ticket.refused.not_allowed", "nl"), None)
    edited = await router(
        clicked(
            DIRK, posted.card, "faq.save", on=posted, question="Hoe vraag ik verlof aan?", alternates="verlof aanvragen"
        )
    )
    assert edited.message is None and "verlof aanvragen" in card_text(card_of(edited)["body"])
    stale = await router(clicked(DIRK, posted.card, "faq.approve", on=posted))
    assert stale.message == t("faq.note.changed", "nl"), "the card clicked showed the text before the edit"
    approved = await router(clicked(DIRK, card_of(edited), "faq.approve", on=posted))
    assert approved.message is None and "faq.approve" not in verbs(card_of(approved))
    assert "Dirk Visser" in card_text(approved.card)
    async with world.db.read() as session:
        entries = await FaqRepository(session).all()
    assert [(e.question, e.alternates, e.answer) for e in entries] == [
        ("Hoe vraag ik verlof aan?", ["verlof aanvragen"], "Via Mijn Verlof > Aanvragen.")
    ]
    assert world.faq_changes == ["changed"]
    again = await router(clicked(DIRK, posted.card, "faq.reject", on=posted))
    assert again.message == t("faq.note.already_decided", "nl") and again.card is not None, "the card as decided"
    assert world.faq_changes == ["changed"]


async def test_functional_management_rejects_a_proposal(world, router):
    posted = await proposal(world, router)
    rejected = await router(clicked(DIRK, posted.card, "faq.reject", on=posted))
    assert rejected.message is None and verbs(card_of(rejected)) == []
    async with world.db.read() as session:
        assert await FaqRepository(session).count() == 0
    assert world.faq_changes == []


# ---------------------------------------------------------------------------------------------- typed commands
async def test_my_questions_lists_the_askers_tickets_only(world, router):
    await posted_ticket(world, router)
    [mine] = (await router(said(ANNA, "mijn vragen"))).replies
    assert "VB-2026-0001" in card_text(mine.card)
    [theirs] = (await router(said(ESRA, "my questions", locale="en-US"))).replies
    assert "VB-2026-0001" not in card_text(theirs.card)


async def test_open_tickets_in_a_groups_channel_and_elsewhere(world, router):
    await posted_ticket(world, router)
    [listed] = (await router(said(KEES, "open tickets", channel=SUITE4_CHANNEL))).replies
    assert "VB-2026-0001" in card_text(listed.card) and SUITE4 in card_text(listed.card)
    [management] = (await router(said(DIRK, "open tickets", channel=FM_CHANNEL))).replies
    assert "VB-2026-0001" not in card_text(management.card), "not escalated: not functional management's"
    for where in (None, "19:onbekend@thread.tacv2"):
        [reply] = (await router(said(KEES, "open tickets", channel=where))).replies
        assert (reply.text, reply.card) == (t("group.reply.channel_not_linked", "nl"), None)


async def test_linking_a_channel_takes_functional_management_in_the_channel_itself(world, router):
    channel = "19:rooster@thread.tacv2"
    for incoming, key in (
        (said(DIRK, "koppel kanaal Roostertool"), "group.reply.link_in_channel"),
        (said(DIRK, "koppel iets anders", channel=channel), "group.reply.link_usage"),
        (said(KARIN, "koppel kanaal Roostertool", channel=channel), "group.reply.link_not_allowed"),
    ):
        [reply] = (await router(incoming)).replies
        assert reply.text == t(key, "nl"), key
    assert await world.directory.groups_in_channel(channel) == []

    [linked] = (await router(said(DIRK, "koppel kanaal Roostertool afdeling Sociaal Domein", channel=channel))).replies
    [group] = await world.directory.groups_in_channel(channel)
    assert group.name == "Kerngebruikers Roostertool (Sociaal Domein)"
    assert group.name in card_text(linked.card)
    [management] = (await router(said(DIRK, "koppel functioneel beheer", channel="19:beheer@thread.tacv2"))).replies
    assert FM_GROUP in card_text(management.card)
    [moved] = await world.directory.groups_in_channel("19:beheer@thread.tacv2")
    assert moved.name == FM_GROUP


async def test_who_is_my_key_user_names_the_groups_key_users_and_chair(world, router):
    [reply] = (await router(said(ANNA, "wie is mijn kerngebruiker voor suite4"))).replies
    shown = card_text(reply.card)
    assert "Karin" in shown and "Kees" in shown and "Zoë" not in shown


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_command_the_help_card_names_reaches_its_flow(lang):
    assert command(t("card.help.my_questions", lang)) == Command(CommandKind.MY_TICKETS)
    assert command(t("card.help.key_users", lang)) == Command(CommandKind.KEY_USERS)
    assert re.fullmatch(OPEN_TICKETS_PATTERN, t("card.help.open_tickets", lang), re.IGNORECASE)
    for typed in t("card.help.language", lang).split(" / "):
        assert command(typed) == Command(CommandKind.LANGUAGE, language=typed.split()[-1])
    typed = t("card.help.link", lang).replace("APPLICATIE", "Zaaksysteem").replace("APPLICATION", "Zaaksysteem")
    assert re.fullmatch(LINK_PATTERN, typed, re.IGNORECASE)
    assert parse_link(typed) == ("key_users", "Zaaksysteem", None)
    assert re.fullmatch(REVIEW_PATTERN, t("card.help.learned", lang), re.IGNORECASE)
    assert re.fullmatch(GOLIVE_PATTERN, t("card.help.golive", lang), re.IGNORECASE)
