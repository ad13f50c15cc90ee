"""The ticket flow through the real endpoint: an employee, two key users and a functional manager,
with a fake Bot Connector that records every card posted, updated and relayed."""

from __future__ import annotations

from datetime import datetime, timezone

from aiohttp.test_utils import TestClient

from app import CONVERSATIONS, DIRECTORY, FAQ, TICKETS
from storage import FaqRepository, TicketRepository
from storage.models import Ticket
from tests.support.activities import (
    TENANT,
    USER,
    account,
    activity,
    card_action,
    channel_action,
    channel_message,
    personal_chat,
)
from tests.support.cards import card_text, click, click_data, element, execute_actions, invoke
from tests.support.conversations import cards_in, current_card, posts_to, threads
from tests.support.fake_connector import FakeConnector
from tests.support.people import BRAM, CHANTAL, DIRK, ESRA
from tests.support.world import FM_CHANNEL, ZAAK_CHANNEL

UNKNOWN_QUESTION = "Het zaaksysteem geeft foutcode ZS-4711 bij het afsluiten van een melding openbare ruimte"


async def filled_form(client: TestClient, connector: FakeConnector) -> dict:
    """The employee asks something the FAQ can't answer and fills in the ticket form: the data it sends."""
    await client.post("/api/messages", json=activity(connector.url, text=UNKNOWN_QUESTION))
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-conv-1"), timeout=10)
    unknown = posts_to(connector, "a:personal-conv-1")[0].cards[0]
    form = await click(client, connector.url, unknown, "ask_key_user")
    form_card = form["value"]
    choices = element(form_card, "application")
    assert "Zaaksysteem" in [c["value"] for c in choices["choices"]]
    return click_data(
        form_card, "ticket.create", question=UNKNOWN_QUESTION, application="Zaaksysteem", context="Melding 2026-123"
    )


async def open_ticket(client: TestClient, connector: FakeConnector) -> tuple[dict, str, str]:
    """The employee sends the ticket form: (ticket card, thread, card id)."""
    created = await invoke(client, card_action(connector.url, "ticket.create", await filled_form(client, connector)))
    year = datetime.now(timezone.utc).year
    assert f"VB-{year}-0001" in card_text(created["value"])
    assert await connector.wait_for_async(lambda c: threads(c, ZAAK_CHANNEL), timeout=10)
    call = threads(connector, ZAAK_CHANNEL)[0]
    return cards_in(call)[0], call.answer["id"], call.answer["activityId"]


async def test_ticket_from_unknown_question_to_claim_in_the_channel(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    assert "Vraag het een kerngebruiker" not in card_text(card)
    assert UNKNOWN_QUESTION[:40] in card_text(card) and "Melding 2026-123" in card_text(card)

    # an employee clicking a key-user action: polite refusal, nothing changes
    refused = await click(client, connector.url, card, "ticket.claim", by=USER, thread=thread, card_id=card_id)
    assert refused["type"] == "application/vnd.microsoft.activity.message" and "kerngebruiker" in refused["value"]
    puts_before = connector.count(method="PUT")

    # Bram claims: the card updates in place for everyone, a reply in the thread, the asker hears it
    claimed = await click(client, connector.url, card, "ticket.claim", by=BRAM, thread=thread, card_id=card_id)
    assert claimed["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Bram Jansen" in card_text(claimed["value"])
    assert not [a for a in execute_actions(claimed["value"]) if a["verb"] == "ticket.claim"]
    assert await connector.wait_for_async(
        lambda c: any("Bram Jansen pakt dit op" in (x.text or "") for x in posts_to(c, thread)), timeout=10
    )
    assert await connector.wait_for_async(lambda c: len(posts_to(c, "a:personal-conv-1")) >= 2, timeout=10)
    assert connector.count(method="PUT") > puts_before
    notice = posts_to(connector, "a:personal-conv-1")[-1].cards[0]
    assert "Bram Jansen" in card_text(notice)

    # the same invoke again (Teams retries) and Chantal's late click with the old card change nothing
    again = await click(client, connector.url, card, "ticket.claim", by=BRAM, thread=thread, card_id=card_id)
    late = await click(client, connector.url, card, "ticket.claim", by=CHANTAL, thread=thread, card_id=card_id)
    assert "Bram Jansen" in card_text(again["value"]) and "Bram Jansen" in card_text(late["value"])
    tickets = client.server.app[TICKETS]
    async with tickets.db.transaction() as session:
        ticket = await TicketRepository(session).by_number(f"VB-{datetime.now(timezone.utc).year}-0001")
        assert ticket is not None
        kinds = [e.kind for e in await TicketRepository(session).events(ticket.id)]
    assert ticket.assignee_key == BRAM.key and ticket.status == "claimed"
    assert kinds == ["created", "claimed"]

    # "mijn vragen" lists it with its status
    await client.post("/api/messages", json=activity(connector.url, text="mijn vragen"))
    assert await connector.wait_for_async(
        lambda c: any(ticket.number in card_text(x.cards) for x in posts_to(c, "a:personal-conv-1")), timeout=10
    )


async def test_ticket_form_sent_twice_by_someone_else_or_garbled(client, connector):
    data = await filled_form(client, connector)
    number = f"VB-{datetime.now(timezone.utc).year}-0001"
    first = await invoke(client, card_action(connector.url, "ticket.create", data))
    again = await invoke(client, card_action(connector.url, "ticket.create", data))  # Teams retries the invoke
    assert number in card_text(first["value"]) and number in card_text(again["value"])

    # Bram sends a form with the employee's question in it, from his own chat: refused, nothing made
    someone_else = await invoke(
        client,
        card_action(
            connector.url,
            "ticket.create",
            data,
            **{"from": account(BRAM), "conversation": personal_chat("a:personal-bram")},
        ),
    )
    assert someone_else["type"] == "application/vnd.microsoft.activity.message"
    assert "iemand anders" in someone_else["value"]
    gone = await invoke(client, card_action(connector.url, "ticket.create", {**data, "question_id": 999999}))
    assert "niet meer vinden" in gone["value"]
    garbled = await invoke(client, card_action(connector.url, "ticket.create", {**data, "question_id": "x' OR 1=1"}))
    assert garbled["type"] == "application/vnd.microsoft.activity.message"

    assert await connector.wait_for_async(lambda c: threads(c, ZAAK_CHANNEL), timeout=10)
    async with client.server.app[TICKETS].db.read() as session:
        assert await TicketRepository(session).count_by_status() == {"open": 1}
    assert len(threads(connector, ZAAK_CHANNEL)) == 1, "one ticket, one thread in the channel"


async def test_answer_reopen_escalate_answer_resolve_and_faq_proposal(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    answered = await click(
        client,
        connector.url,
        card,
        "ticket.answer",
        by=BRAM,
        thread=thread,
        card_id=card_id,
        answer="Sluit de melding af via het tabblad Afhandeling.",
    )
    assert "Afhandeling" in card_text(answered["value"])

    # the answer reaches the asker's personal chat with "Opgelost?"
    def answer_card(c):
        return next(
            (
                x.cards[0]
                for x in posts_to(c, "a:personal-conv-1")
                if x.cards and any(a["verb"] == "ticket.resolved" for a in execute_actions(x.cards[0]))
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: answer_card(c) is not None, timeout=10)
    relayed = answer_card(connector)
    assert "Afhandeling" in card_text(relayed)
    reopened = await click(
        client, connector.url, relayed, "ticket.resolved", solved=False, remark="Het tabblad ontbreekt bij mij"
    )
    assert reopened["type"] == "application/vnd.microsoft.card.adaptive"
    # Bram never chatted with the bot: it opens a personal chat to tell him
    assert await connector.wait_for_async(
        lambda c: any(
            x.path == "/v3/conversations" and (x.json or {}).get("members") == [{"id": BRAM.teams_id}] for x in c.calls
        ),
        timeout=10,
    )
    assert await connector.wait_for_async(
        lambda c: any("tabblad ontbreekt" in (x.text or "") for x in posts_to(c, thread)), timeout=10
    )

    # Bram escalates: a card appears in functional management's channel
    escalated = await click(
        client,
        connector.url,
        current_card(connector, ZAAK_CHANNEL, card_id),
        "ticket.escalate",
        by=BRAM,
        thread=thread,
        card_id=card_id,
        reason="Rechten in het zaaksysteem",
    )
    assert not execute_actions(escalated["value"]) or all(
        a["verb"] not in ("ticket.claim", "ticket.answer") for a in execute_actions(escalated["value"])
    )
    assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10)
    fm_call = threads(connector, FM_CHANNEL)[0]
    fm_card, fm_thread, fm_card_id = cards_in(fm_call)[0], fm_call.answer["id"], fm_call.answer["activityId"]
    assert "Rechten in het zaaksysteem" in card_text(fm_card)

    # a key user can't act on the second line; the functional manager answers
    no = await click(
        client, connector.url, fm_card, "ticket.answer", by=CHANTAL, thread=fm_thread, card_id=fm_card_id, answer="x"
    )
    assert no["type"] == "application/vnd.microsoft.activity.message"
    done = await click(
        client,
        connector.url,
        fm_card,
        "ticket.answer",
        by=DIRK,
        thread=fm_thread,
        card_id=fm_card_id,
        answer="Je rol is aangepast; log opnieuw in.",
    )
    assert "log opnieuw in" in card_text(done["value"])

    def second_answer(c):
        return next(
            (
                x.cards[0]
                for x in posts_to(c, "a:personal-conv-1")
                if x.cards and "log opnieuw in" in card_text(x.cards[0])
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: second_answer(c) is not None, timeout=10)
    solved = await click(client, connector.url, second_answer(connector), "ticket.resolved", solved=True)
    assert solved["type"] == "application/vnd.microsoft.card.adaptive"

    # functional management turns the answer into an FAQ entry, edited, and the bot answers it at once
    await click(
        client, connector.url, done["value"], "ticket.propose_faq", by=DIRK, thread=fm_thread, card_id=fm_card_id
    )

    def proposal_threads(c: FakeConnector) -> list:
        return [
            x for x in threads(c, FM_CHANNEL) if any(a["verb"] == "faq.approve" for a in execute_actions(cards_in(x)))
        ]

    assert await connector.wait_for_async(proposal_threads, timeout=10)
    p_call = proposal_threads(connector)[0]
    p_card = cards_in(p_call)[0]
    p_thread, p_card_id = p_call.answer["id"], p_call.answer["activityId"]
    key_user_try = await click(
        client, connector.url, p_card, "faq.save", by=BRAM, thread=p_thread, card_id=p_card_id, question="q", answer="a"
    )
    assert key_user_try["type"] == "application/vnd.microsoft.activity.message"
    saved = await click(
        client,
        connector.url,
        p_card,
        "faq.save",
        by=DIRK,
        thread=p_thread,
        card_id=p_card_id,
        question="Foutcode ZS-4711 bij afsluiten melding",
        alternates="ZS-4711\nmelding afsluiten lukt niet",
        answer="Vraag functioneel beheer je rol aan te passen en log opnieuw in.",
    )
    approved = await click(
        client, connector.url, saved["value"], "faq.approve", by=DIRK, thread=p_thread, card_id=p_card_id
    )
    assert approved["type"] == "application/vnd.microsoft.card.adaptive"
    async with client.server.app[TICKETS].db.transaction() as session:
        entries = [
            e for e in await FaqRepository(session).all() if e.question == "Foutcode ZS-4711 bij afsluiten melding"
        ]
    assert len(entries) == 1 and entries[0].application == "Zaaksysteem"
    decision = await client.server.app[FAQ].decide("Foutcode ZS-4711 bij afsluiten melding")
    assert decision.outcome == "answered" and decision.candidates[0].entry_id == entries[0].id


async def test_who_is_my_key_user_and_linking_a_channel(client, connector):
    await client.post(
        "/api/messages", json=activity(connector.url, text="wie is mijn kerngebruiker voor het zaaksysteem?")
    )
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-conv-1"), timeout=10)
    reply = posts_to(connector, "a:personal-conv-1")[0]
    assert "Bram Jansen" in card_text(reply.cards) and "Chantal Bakker" in card_text(reply.cards)

    teams_channel = "19:roosters@thread.tacv2"

    def typed(who, text: str) -> dict:
        return channel_message(connector.url, account(who), text, teams_channel, "post-1", channel_name="Roosters")

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
    stored = await client.server.app[CONVERSATIONS].channel_reference(teams_channel)
    assert stored is not None
    assert stored["conversation"] == {
        "id": teams_channel,
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
    }, "the channel itself, where its tickets start new threads"
    assert "user" not in stored and stored["serviceUrl"] == connector.url, "not Dirk's message it was made from"


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
    chat = "a:personal-esra"
    await client.post(
        "/api/messages",
        json=activity(
            connector.url,
            text=UNKNOWN_QUESTION,
            id="q-esra",
            **{"from": account(ESRA), "conversation": personal_chat(chat)},
        ),
    )
    assert await connector.wait_for_async(lambda c: posts_to(c, chat), timeout=10)
    unknown = posts_to(connector, chat)[0].cards[0]
    form = await click(client, connector.url, unknown, "ask_key_user", by=ESRA, chat=chat)
    linked = await click(
        client,
        connector.url,
        form["value"],
        "ticket.create",
        by=ESRA,
        chat=chat,
        question=UNKNOWN_QUESTION.lower() + "?",
        application="zaaksysteem",
    )  # the application as typed: case does not matter
    assert number in card_text(linked["value"])
    assert len(threads(connector, ZAAK_CHANNEL)) == 1

    # "open tickets" in the channel lists it; Bram assigns it to Chantal, who answers; both askers get it
    channel_post = channel_message(connector.url, account(BRAM), "open tickets", ZAAK_CHANNEL, "post-9")
    await client.post("/api/messages", json=channel_post)
    assert await connector.wait_for_async(
        lambda c: any(number in card_text(x.cards) for x in posts_to(c, f"{ZAAK_CHANNEL};messageid=post-9")), timeout=10
    )
    assigned = await click(
        client, connector.url, card, "ticket.assign", by=BRAM, thread=thread, card_id=card_id, assignee=CHANTAL.key
    )
    assert "Chantal Bakker" in card_text(assigned["value"])
    await click(
        client,
        connector.url,
        assigned["value"],
        "ticket.answer",
        by=CHANTAL,
        thread=thread,
        card_id=card_id,
        answer="Herstart de melding via Acties > Heropenen.",
    )
    for chat_id in ("a:personal-conv-1", "a:personal-esra"):
        assert await connector.wait_for_async(
            lambda c, chat_id=chat_id: any("Acties > Heropenen" in card_text(x.cards) for x in posts_to(c, chat_id)),
            timeout=10,
        ), chat_id

    # Chantal closes it; a card with a made-up ticket id gets an answer, not an error
    closed = await click(
        client, connector.url, card, "ticket.close", by=CHANTAL, thread=thread, card_id=card_id, close_reason="answered"
    )
    assert closed["type"] == "application/vnd.microsoft.card.adaptive"
    assert (await _ticket_row(client, number)).status == "closed"
    too_long = await click(
        client,
        connector.url,
        assigned["value"],
        "ticket.answer",
        by=CHANTAL,
        thread=thread,
        card_id=card_id,
        answer="x" * 4001,
    )
    row = await _ticket_row(client, number)
    assert "te lang" in too_long["value"] and (row.answer or "").startswith("Herstart")
    odd = await invoke(
        client, channel_action(connector.url, account(BRAM), thread, card_id, "ticket.claim", {"ticket_id": "abc"})
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
        lambda c: any("Herinnering" in (x.text or "") for x in posts_to(c, thread)), timeout=10
    )
    # Bram, the chair, never wrote to the bot: it opens a chat with him to say the target has passed
    assert await connector.wait_for_async(
        lambda c: any(
            x.path == "/v3/conversations" and (x.json or {}).get("members") == [{"id": BRAM.key}] for x in c.calls
        ),
        timeout=10,
    )
    chat = next(
        x.answer["id"] for x in connector.calls if x.path == "/v3/conversations" and (x.json or {}).get("members")
    )
    assert await connector.wait_for_async(
        lambda c: any(number in (x.text or "") and "voorzitter" in (x.text or "") for x in posts_to(c, chat)),
        timeout=10,
    )
