"""The ticket flow through the real endpoint: an employee, two key users and a functional manager,
with a fake Bot Connector that records every card posted, updated and relayed."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import DIRECTORY, FAQ, TICKETS, build_app
from config import Settings
from services.faq_files import read_faq_file
from services.jobs import WorkerOptions
from storage import FaqRepository, TicketRepository
from storage.models import Ticket
from tests.conftest import make_database
from tests.support.activities import USER, activity, card_action
from tests.support.cards import card_text, execute_actions
from tests.support.fake_connector import FakeConnector
from tests.support.requirements import ROOT

SAMPLE = ROOT / "samples" / "faq.yaml"
TENANT = "tenant-1"
KEY_CHANNEL = "19:zaaksysteem@thread.tacv2"
FM_CHANNEL = "19:functioneel-beheer@thread.tacv2"
BRAM = {"id": "29:bram", "name": "Bram Jansen", "aadObjectId": "aad-bram"}
CHANTAL = {"id": "29:chantal", "name": "Chantal Bakker", "aadObjectId": "aad-chantal"}
DIRK = {"id": "29:dirk", "name": "Dirk Visser", "aadObjectId": "aad-dirk"}
UNKNOWN_QUESTION = "Het zaaksysteem geeft foutcode ZS-4711 bij het afsluiten van een melding openbare ruimte"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def client(request, tmp_path, connector):
    """The app with the sample FAQ, a key-user group for the Zaaksysteem and functional management above it."""
    db, cleanup = await make_database(request.param, tmp_path)
    app = build_app(
        Settings(matcher="lexical"), database=db, worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05)
    )
    await app[FAQ].import_entries(read_faq_file(SAMPLE))
    directory = app[DIRECTORY]
    await directory.save_group(name="Functioneel beheer", kind="functional_management", channel_id=FM_CHANNEL)
    await directory.save_group(name="Kerngebruikers Zaaksysteem", application="Zaaksysteem",
                               parent="Functioneel beheer", channel_id=KEY_CHANNEL)
    await directory.add_member("Kerngebruikers Zaaksysteem", BRAM["aadObjectId"], name=BRAM["name"], chair=True)
    await directory.add_member("Kerngebruikers Zaaksysteem", CHANTAL["aadObjectId"], name=CHANTAL["name"])
    await directory.add_member("Functioneel beheer", DIRK["aadObjectId"], name=DIRK["name"], role="functional_manager")
    for channel in (KEY_CHANNEL, FM_CHANNEL):  # the bot was installed in the team: Teams told it about the channels
        await directory.remember_conversation(conversation_id=channel, conversation_type="channel", user_key=None,
                                              tenant_id=TENANT, reference=_channel_reference(connector.url, channel))
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    yield test_client
    await test_client.close()
    await cleanup()


def _channel_reference(service_url: str, channel: str) -> dict[str, Any]:
    return {"serviceUrl": service_url, "channelId": "msteams", "bot": {"id": "28:vraagbaak-bot", "name": "Vraagbaak"},
            "conversation": {"id": channel, "conversationType": "channel", "isGroup": True, "tenantId": TENANT}}


def channel_click(service_url: str, who: dict, thread: str, card_id: str, verb: str, data: dict) -> dict:
    """An Action.Execute on a card in a channel thread."""
    channel = thread.split(";")[0]
    return card_action(service_url, verb, data, **{
        "from": who, "replyToId": card_id,
        "conversation": {"id": thread, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": channel}, "team": {"id": "team-1"}}})


def threads(connector: FakeConnector, channel: str) -> list:
    """New threads the bot started in a channel (POST /v3/conversations that the connector accepted)."""
    return [c for c in connector.calls if c.method == "POST" and c.path == "/v3/conversations" and c.answer
            and ((c.json or {}).get("channelData") or {}).get("channel", {}).get("id") == channel]


def cards_in(call) -> list[dict]:
    """Cards of a recorded call, also inside a create-conversation body."""
    if call.path == "/v3/conversations":
        activity_ = (call.json or {}).get("activity") or {}
        return [a["content"] for a in activity_.get("attachments") or []]
    return call.cards


def posts_to(connector: FakeConnector, conversation: str) -> list:
    """Messages posted into a conversation, as replies or proactively."""
    path = f"/v3/conversations/{conversation}/activities"
    return [c for c in connector.calls if c.method == "POST" and (c.path == path or c.path.startswith(path + "/"))]


def verb_data(card: dict, verb: str) -> dict:
    return next(a["data"] for a in execute_actions(card) if a["verb"] == verb)


async def invoke(client: TestClient, body: dict) -> dict:
    response = await client.post("/api/messages", json=body)
    assert response.status == 200
    return await response.json()


async def filled_form(client: TestClient, connector: FakeConnector) -> dict:
    """The employee asks something the FAQ can't answer and fills in the ticket form: the data it sends."""
    await client.post("/api/messages", json=activity(connector.url, text=UNKNOWN_QUESTION))
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-conv-1"), timeout=10)
    unknown = posts_to(connector, "a:personal-conv-1")[0].cards[0]
    form = await invoke(client, card_action(connector.url, "ask_key_user", verb_data(unknown, "ask_key_user")))
    form_card = form["value"]
    choices = next(e for e in _elements(form_card) if e.get("id") == "application")
    assert "Zaaksysteem" in [c["value"] for c in choices["choices"]]
    return {**verb_data(form_card, "ticket.create"), "question": UNKNOWN_QUESTION, "application": "Zaaksysteem",
            "context": "Melding 2026-123"}


async def open_ticket(client: TestClient, connector: FakeConnector) -> tuple[dict, str, str]:
    """The employee sends the ticket form: (ticket card, thread, card id)."""
    created = await invoke(client, card_action(connector.url, "ticket.create", await filled_form(client, connector)))
    year = datetime.now(timezone.utc).year
    assert f"VB-{year}-0001" in card_text(created["value"])
    assert await connector.wait_for_async(lambda c: threads(c, KEY_CHANNEL), timeout=10)
    call = threads(connector, KEY_CHANNEL)[0]
    return cards_in(call)[0], call.answer["id"], call.answer["activityId"]


def _elements(card: Any):
    if isinstance(card, dict):
        yield card
        for value in card.values():
            yield from _elements(value)
    elif isinstance(card, list):
        for value in card:
            yield from _elements(value)


async def test_ticket_from_unknown_question_to_claim_in_the_channel(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    assert "Vraag het een kerngebruiker" not in card_text(card)
    assert UNKNOWN_QUESTION[:40] in card_text(card) and "Melding 2026-123" in card_text(card)
    claim = verb_data(card, "ticket.claim")

    # an employee clicking a key-user action: polite refusal, nothing changes
    refused = await invoke(client, channel_click(connector.url, USER, thread, card_id, "ticket.claim", claim))
    assert refused["type"] == "application/vnd.microsoft.activity.message" and "kerngebruiker" in refused["value"]
    puts_before = connector.count(method="PUT")

    # Bram claims: the card updates in place for everyone, a reply in the thread, the asker hears it
    claimed = await invoke(client, channel_click(connector.url, BRAM, thread, card_id, "ticket.claim", claim))
    assert claimed["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Bram Jansen" in card_text(claimed["value"])
    assert not [a for a in execute_actions(claimed["value"]) if a["verb"] == "ticket.claim"]
    assert await connector.wait_for_async(
        lambda c: any("Bram Jansen pakt dit op" in (x.text or "") for x in posts_to(c, thread)), timeout=10)
    assert await connector.wait_for_async(lambda c: len(posts_to(c, "a:personal-conv-1")) >= 2, timeout=10)
    assert connector.count(method="PUT") > puts_before
    notice = posts_to(connector, "a:personal-conv-1")[-1].cards[0]
    assert "Bram Jansen" in card_text(notice)

    # the same invoke again (Teams retries) and Chantal's late click with the old card change nothing
    again = await invoke(client, channel_click(connector.url, BRAM, thread, card_id, "ticket.claim", claim))
    late = await invoke(client, channel_click(connector.url, CHANTAL, thread, card_id, "ticket.claim", claim))
    assert "Bram Jansen" in card_text(again["value"]) and "Bram Jansen" in card_text(late["value"])
    tickets = client.server.app[TICKETS]
    async with tickets.db.transaction() as session:
        ticket = await TicketRepository(session).by_number(f"VB-{datetime.now(timezone.utc).year}-0001")
        assert ticket is not None
        kinds = [e.kind for e in await TicketRepository(session).events(ticket.id)]
    assert ticket.assignee_key == BRAM["aadObjectId"] and ticket.status == "claimed"
    assert kinds == ["created", "claimed"]

    # "mijn vragen" lists it with its status
    await client.post("/api/messages", json=activity(connector.url, text="mijn vragen"))
    assert await connector.wait_for_async(
        lambda c: any(ticket.number in card_text(x.cards) for x in posts_to(c, "a:personal-conv-1")), timeout=10)


async def test_ticket_form_sent_twice_by_someone_else_or_garbled(client, connector):
    data = await filled_form(client, connector)
    number = f"VB-{datetime.now(timezone.utc).year}-0001"
    first = await invoke(client, card_action(connector.url, "ticket.create", data))
    again = await invoke(client, card_action(connector.url, "ticket.create", data))  # Teams retries the invoke
    assert number in card_text(first["value"]) and number in card_text(again["value"])

    # Bram sends a form with the employee's question in it, from his own chat: refused, nothing made
    someone_else = await invoke(client, card_action(connector.url, "ticket.create", data, **{
        "from": BRAM, "conversation": {"id": "a:personal-bram", "conversationType": "personal", "tenantId": TENANT}}))
    assert someone_else["type"] == "application/vnd.microsoft.activity.message"
    assert "iemand anders" in someone_else["value"]
    gone = await invoke(client, card_action(connector.url, "ticket.create", {**data, "question_id": 999999}))
    assert "niet meer vinden" in gone["value"]
    garbled = await invoke(client, card_action(connector.url, "ticket.create", {**data, "question_id": "x' OR 1=1"}))
    assert garbled["type"] == "application/vnd.microsoft.activity.message"

    assert await connector.wait_for_async(lambda c: threads(c, KEY_CHANNEL), timeout=10)
    async with client.server.app[TICKETS].db.read() as session:
        assert await TicketRepository(session).count_by_status() == {"open": 1}
    assert len(threads(connector, KEY_CHANNEL)) == 1, "one ticket, one thread in the channel"


async def test_answer_reopen_escalate_answer_resolve_and_faq_proposal(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    data = verb_data(card, "ticket.answer")
    answered = await invoke(
        client,
        channel_click(
            connector.url,
            BRAM,
            thread,
            card_id,
            "ticket.answer",
            {**data, "answer": "Sluit de melding af via het tabblad Afhandeling."},
        ),
    )
    assert "Afhandeling" in card_text(answered["value"])

    # the answer reaches the asker's personal chat with "Opgelost?"
    def answer_card(c):
        return next((x.cards[0] for x in posts_to(c, "a:personal-conv-1") if x.cards
                     and any(a["verb"] == "ticket.resolved" for a in execute_actions(x.cards[0]))), None)
    assert await connector.wait_for_async(lambda c: answer_card(c) is not None, timeout=10)
    relayed = answer_card(connector)
    assert "Afhandeling" in card_text(relayed)
    nee = next(
        a["data"] for a in execute_actions(relayed) if a["verb"] == "ticket.resolved" and a["data"]["solved"] is False
    )
    reopened = await invoke(
        client, card_action(connector.url, "ticket.resolved", {**nee, "remark": "Het tabblad ontbreekt bij mij"})
    )
    assert reopened["type"] == "application/vnd.microsoft.card.adaptive"
    # Bram never chatted with the bot: it opens a personal chat to tell him
    assert await connector.wait_for_async(
        lambda c: any(x.path == "/v3/conversations" and (x.json or {}).get("members") == [{"id": BRAM["id"]}]
                      for x in c.calls), timeout=10)
    assert await connector.wait_for_async(
        lambda c: any("tabblad ontbreekt" in (x.text or "") for x in posts_to(c, thread)), timeout=10)

    # Bram escalates: a card appears in functional management's channel
    escalate = verb_data(await _current_card(client, connector, thread, card_id), "ticket.escalate")
    escalated = await invoke(client, channel_click(connector.url, BRAM, thread, card_id, "ticket.escalate",
                                                   {**escalate, "reason": "Rechten in het zaaksysteem"}))
    assert not execute_actions(escalated["value"]) or all(
        a["verb"] not in ("ticket.claim", "ticket.answer") for a in execute_actions(escalated["value"]))
    assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10)
    fm_call = threads(connector, FM_CHANNEL)[0]
    fm_card, fm_thread, fm_card_id = cards_in(fm_call)[0], fm_call.answer["id"], fm_call.answer["activityId"]
    assert "Rechten in het zaaksysteem" in card_text(fm_card)

    # a key user can't act on the second line; the functional manager answers
    fm_answer = verb_data(fm_card, "ticket.answer")
    no = await invoke(client, channel_click(connector.url, CHANTAL, fm_thread, fm_card_id, "ticket.answer",
                                            {**fm_answer, "answer": "x"}))
    assert no["type"] == "application/vnd.microsoft.activity.message"
    done = await invoke(client, channel_click(connector.url, DIRK, fm_thread, fm_card_id, "ticket.answer",
                                              {**fm_answer, "answer": "Je rol is aangepast; log opnieuw in."}))
    assert "log opnieuw in" in card_text(done["value"])

    def second_answer(c):
        return next((x.cards[0] for x in posts_to(c, "a:personal-conv-1") if x.cards
                     and "log opnieuw in" in card_text(x.cards[0])), None)
    assert await connector.wait_for_async(lambda c: second_answer(c) is not None, timeout=10)
    ja = next(
        a["data"]
        for a in execute_actions(second_answer(connector))
        if a["verb"] == "ticket.resolved" and a["data"]["solved"]
    )
    solved = await invoke(client, card_action(connector.url, "ticket.resolved", ja))
    assert solved["type"] == "application/vnd.microsoft.card.adaptive"

    # functional management turns the answer into an FAQ entry, edited, and the bot answers it at once
    propose = verb_data(done["value"], "ticket.propose_faq")
    await invoke(client, channel_click(connector.url, DIRK, fm_thread, fm_card_id, "ticket.propose_faq", propose))

    def proposal_threads(c: FakeConnector) -> list:
        return [x for x in threads(c, FM_CHANNEL) if any(
            a["verb"] == "faq.approve" for a in execute_actions(cards_in(x)))]

    assert await connector.wait_for_async(proposal_threads, timeout=10)
    p_call = proposal_threads(connector)[0]
    p_card = cards_in(p_call)[0]
    approve = verb_data(p_card, "faq.approve")
    key_user_try = await invoke(
        client,
        channel_click(
            connector.url,
            BRAM,
            p_call.answer["id"],
            p_call.answer["activityId"],
            "faq.approve",
            {**approve, "question": "q", "answer": "a"},
        ),
    )
    assert key_user_try["type"] == "application/vnd.microsoft.activity.message"
    approved = await invoke(
        client,
        channel_click(
            connector.url,
            DIRK,
            p_call.answer["id"],
            p_call.answer["activityId"],
            "faq.approve",
            {
                **approve,
                "question": "Foutcode ZS-4711 bij afsluiten melding",
                "alternates": "ZS-4711\nmelding afsluiten lukt niet",
                "answer": "Vraag functioneel beheer je rol aan te passen en log opnieuw in.",
            },
        ),
    )
    assert approved["type"] == "application/vnd.microsoft.card.adaptive"
    async with client.server.app[TICKETS].db.transaction() as session:
        entries = [
            e for e in await FaqRepository(session).all() if e.question == "Foutcode ZS-4711 bij afsluiten melding"
        ]
    assert len(entries) == 1 and entries[0].application == "Zaaksysteem"
    decision = await client.server.app[FAQ].decide("Foutcode ZS-4711 bij afsluiten melding")
    assert decision.outcome == "answered" and decision.candidates[0].entry_id == entries[0].id


async def _current_card(client, connector, thread, card_id) -> dict:
    """The card as the bot last put it in the channel (the latest PUT, else the posted one)."""
    puts = [c for c in connector.calls if c.method == "PUT" and c.path.endswith(f"/activities/{card_id}")]
    if puts:
        return puts[-1].cards[0]
    return cards_in(threads(connector, KEY_CHANNEL)[0])[0]


async def test_who_is_my_key_user_and_linking_a_channel(client, connector):
    await client.post(
        "/api/messages", json=activity(connector.url, text="wie is mijn kerngebruiker voor het zaaksysteem?")
    )
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-conv-1"), timeout=10)
    reply = posts_to(connector, "a:personal-conv-1")[0]
    assert "Bram Jansen" in card_text(reply.cards) and "Chantal Bakker" in card_text(reply.cards)

    teams_channel = "19:roosters@thread.tacv2"

    def typed(who: dict, text: str) -> dict:
        return activity(connector.url, text=text, **{
            "from": who, "id": "post-1",
            "conversation": {"id": f"{teams_channel};messageid=post-1", "conversationType": "channel", "isGroup": True},
            "channelData": {"tenant": {"id": TENANT}, "channel": {"id": teams_channel, "name": "Roosters"},
                            "team": {"id": "team-1"}}})

    await client.post("/api/messages", json=typed(BRAM, "koppel kanaal Roostertool"))
    await client.post("/api/messages", json=typed(DIRK, "koppel kanaal Roostertool afdeling Sociaal Domein"))
    path = f"{teams_channel};messageid=post-1"
    assert await connector.wait_for_async(lambda c: len(posts_to(c, path)) == 2, timeout=10)
    refusal, linked = posts_to(connector, path)
    assert "functioneel beheer" in (refusal.text or "").lower()
    assert "Roostertool" in card_text(linked.cards)
    groups = await client.server.app[DIRECTORY].groups()
    group = next(g for g in groups if g.application == "Roostertool")
    assert (group.channel_id, group.department, group.parent_id is not None) == (teams_channel, "Sociaal Domein", True)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_command_the_help_card_names_reaches_its_flow(lang):
    import re

    from dialogs.tickets import LINK_PATTERN, MY_TICKETS_PATTERN, OPEN_TICKETS_PATTERN, WHO_PATTERN, parse_link
    from i18n import t

    for key, pattern in (("my_questions", MY_TICKETS_PATTERN), ("key_users", WHO_PATTERN),
                         ("open_tickets", OPEN_TICKETS_PATTERN)):
        assert re.fullmatch(pattern, t(f"card.help.{key}", lang), re.IGNORECASE), key
    typed = t("card.help.link", lang).replace("APPLICATIE", "Zaaksysteem").replace("APPLICATION", "Zaaksysteem")
    assert re.fullmatch(LINK_PATTERN, typed, re.IGNORECASE)
    assert parse_link(typed) == ("key_users", "Zaaksysteem", None)


async def _ticket_row(client, number: str) -> Ticket:
    async with client.server.app[TICKETS].db.transaction() as session:
        ticket = await TicketRepository(session).by_number(number)
    assert ticket is not None, number
    return ticket


async def test_throttled_card_post_is_retried_and_a_colleague_with_the_same_question_gets_the_answer(client, connector):
    connector.fail("POST", "/v3/conversations", 429, times=5, retry_after=0)  # more than one attempt's retries
    card, thread, card_id = await open_ticket(client, connector)
    assert len([c for c in connector.calls if c.path == "/v3/conversations" and c.method == "POST"]) == 6
    number = f"VB-{datetime.now(timezone.utc).year}-0001"

    # a colleague asks nearly the same thing: linked to the open ticket, no second card in the channel
    colleague = {"id": "29:esra", "name": "Esra Yilmaz", "aadObjectId": "aad-esra"}
    chat = {"id": "a:personal-esra", "conversationType": "personal", "tenantId": TENANT}
    await client.post("/api/messages", json=activity(connector.url, text=UNKNOWN_QUESTION, id="q-esra",
                                                     **{"from": colleague, "conversation": chat}))
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-esra"), timeout=10)
    unknown = posts_to(connector, "a:personal-esra")[0].cards[0]
    mine = {"from": colleague, "conversation": chat}
    form = await invoke(client, card_action(connector.url, "ask_key_user", verb_data(unknown, "ask_key_user"), **mine))
    data = {**verb_data(form["value"], "ticket.create"), "question": UNKNOWN_QUESTION.lower() + "?",
            "application": "zaaksysteem"}  # the application as typed: case does not matter
    linked = await invoke(client, card_action(connector.url, "ticket.create", data, **mine))
    assert number in card_text(linked["value"])
    assert len(threads(connector, KEY_CHANNEL)) == 1

    # "open tickets" in the channel lists it; Bram assigns it to Chantal, who answers; both askers get it
    channel_post = activity(connector.url, text="open tickets", id="post-9", **{
        "from": BRAM, "conversation": {"id": f"{KEY_CHANNEL};messageid=post-9", "conversationType": "channel"},
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": KEY_CHANNEL}, "team": {"id": "team-1"}}})
    await client.post("/api/messages", json=channel_post)
    assert await connector.wait_for_async(
        lambda c: any(number in card_text(x.cards) for x in posts_to(c, f"{KEY_CHANNEL};messageid=post-9")), timeout=10)
    assign = verb_data(card, "ticket.assign")
    assigned = await invoke(client, channel_click(connector.url, BRAM, thread, card_id, "ticket.assign",
                                                  {**assign, "assignee": CHANTAL["aadObjectId"]}))
    assert "Chantal Bakker" in card_text(assigned["value"])
    answer = verb_data(assigned["value"], "ticket.answer")
    await invoke(client, channel_click(connector.url, CHANTAL, thread, card_id, "ticket.answer",
                                       {**answer, "answer": "Herstart de melding via Acties > Heropenen."}))
    for chat_id in ("a:personal-conv-1", "a:personal-esra"):
        assert await connector.wait_for_async(lambda c, chat_id=chat_id: any(
            "Acties > Heropenen" in card_text(x.cards) for x in posts_to(c, chat_id)), timeout=10), chat_id

    # Chantal closes it; a card with a made-up ticket id gets an answer, not an error
    closed = await invoke(client, channel_click(connector.url, CHANTAL, thread, card_id, "ticket.close",
                                                {**verb_data(card, "ticket.close"), "close_reason": "answered"}))
    assert closed["type"] == "application/vnd.microsoft.card.adaptive"
    assert (await _ticket_row(client, number)).status == "closed"
    too_long = await invoke(client, channel_click(connector.url, CHANTAL, thread, card_id, "ticket.answer",
                                                  {**answer, "answer": "x" * 4001}))
    row = await _ticket_row(client, number)
    assert "te lang" in too_long["value"] and (row.answer or "").startswith("Herstart")
    odd = await invoke(
        client, channel_click(connector.url, BRAM, thread, card_id, "ticket.claim", {"ticket_id": "abc"})
    )
    assert odd["type"] == "application/vnd.microsoft.activity.message" and "ken ik niet" in odd["value"]


async def test_reminder_and_overdue_timers_reach_the_thread_and_the_chair(client, connector):
    from sqlalchemy import update

    from app import JOBS
    from storage.models import Job

    _card, thread, _card_id = await open_ticket(client, connector)
    number = f"VB-{datetime.now(timezone.utc).year}-0001"
    jobs = client.server.app[JOBS]
    async with jobs.db.transaction() as session:  # let the clock run: both timers are due now
        await session.execute(update(Job).where(Job.kind == "ticket.remind").values(run_at=jobs.clock()))
    jobs.wake()
    assert await connector.wait_for_async(
        lambda c: any("Herinnering" in (x.text or "") for x in posts_to(c, thread)), timeout=10)
    # Bram, the chair, never wrote to the bot: it opens a chat with him to say the target has passed
    assert await connector.wait_for_async(lambda c: any(
        x.path == "/v3/conversations" and (x.json or {}).get("members") == [{"id": BRAM["aadObjectId"]}]
        for x in c.calls), timeout=10)
    chat = next(x.answer["id"] for x in connector.calls
                if x.path == "/v3/conversations" and (x.json or {}).get("members"))
    assert await connector.wait_for_async(
        lambda c: any(number in (x.text or "") and "voorzitter" in (x.text or "") for x in posts_to(c, chat)),
        timeout=10)
